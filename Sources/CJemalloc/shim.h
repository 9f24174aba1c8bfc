#ifndef WINNOW_CJEMALLOC_SHIM_H
#define WINNOW_CJEMALLOC_SHIM_H
#include <jemalloc/jemalloc.h>

/* The version of the jemalloc the program runs on, for --version and benchmark headers; calling it
   also keeps the library linked where nothing else names it. */
static inline const char *winnow_jemalloc_version(void) {
    const char *version = 0;
    size_t size = sizeof version;
    return mallctl("version", &version, &size, 0, 0) == 0 && version ? version : "unknown";
}
#endif
