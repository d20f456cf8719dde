/* Shared by the httpd layer of mod_cgf: the module, log tags, the
 * per-request context every handler receives. */
#ifndef CGF_PRIVATE_H
#define CGF_PRIVATE_H

#include "httpd.h"
#include "http_config.h"
#include "http_log.h"
#include "http_protocol.h"
#include "http_request.h"
#include "http_core.h"

#include <apr_strings.h>
#include <apr_lib.h>
#include <apr_tables.h>

#include "cgf_config.h"
#include "cgf_fault.h"

/* mod_cgf.c declares the module itself, with its log index */
#ifndef CGF_MODULE_MAIN
APLOG_USE_MODULE(cgf);
#endif

/* our own log tags, "CGFnnnnn: ", one per call site at DEBUG and above */
#define CGF_LOGNO(n) "CGF" #n ": "

/* the handler name mod_cgf claims for requests under a mount */
#define CGF_HANDLER "cgf-api"

/* the request notes that carry the request id to the logs */
#define CGF_NOTE_REQUEST_ID "CGF_REQUEST_ID"

#endif
