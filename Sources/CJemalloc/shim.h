#ifndef WINNOW_CJEMALLOC_SHIM_H
#define WINNOW_CJEMALLOC_SHIM_H
#include <jemalloc/jemalloc.h>
#endif
