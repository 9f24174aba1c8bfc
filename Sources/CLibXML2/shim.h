#ifndef WINNOW_CLIBXML2_SHIM_H
#define WINNOW_CLIBXML2_SHIM_H

/* Debian builds libxml2 with ICU; its encoding.h would pull the system ICU headers,
   which clash with the ICU bundled in Foundation. Winnow never needs ICU conversion. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlwriter.h>
#include <libxml/HTMLparser.h>
#include <libxml/xmlerror.h>

/* xmlFree is a global function-pointer variable, which Swift 6 rejects as shared mutable state. */
static inline void winnow_xml_free(void *pointer) { xmlFree(pointer); }

#endif
