#ifndef WINNOW_CUTF8PROC_SHIM_H
#define WINNOW_CUTF8PROC_SHIM_H
#include <utf8proc.h>
#endif
