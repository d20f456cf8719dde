/* The handler layer's view of a request, and the responses it sends:
 * the only place that turns results into HTTP statuses and bodies. */
#ifndef CGF_HTTP_H
#define CGF_HTTP_H

#include <jansson.h>

#include "cgf_private.h"
#include "cgf_db.h"

#define CGF_MAX_PARAMS 2

typedef struct cgf_req_t {
    request_rec *r;
    cgf_dir_conf_t *dconf;
    cgf_srv_conf_t *sconf;
    const char *rel;                    /* path below the mount */
    const char *params[CGF_MAX_PARAMS]; /* {id}s of the route */
    apr_table_t *query;                 /* decoded query parameters */
    json_t *body;                       /* parsed JSON body, if any */
    apr_array_header_t *faults;         /* client faults found so far */
} cgf_req_t;

/* the request id of r (set for every request under a mount) */
const char *cgf_http_request_id(request_rec *r);

/* give r its request id, CORS headers and X-Request-Id */
void cgf_http_prepare(request_rec *r, cgf_dir_conf_t *d);

/* the CORS origin of r if the directory allows it, else NULL */
const char *cgf_http_cors_origin(request_rec *r, const cgf_dir_conf_t *d);

/* 1 if r is a CORS preflight from an allowed origin */
int cgf_http_is_preflight(request_rec *r, const cgf_dir_conf_t *d);

/* send a JSON text as the response with the given status; returns OK */
int cgf_http_send_text(request_rec *r, int status, const char *json,
                       apr_size_t len);

/* send the contract's error body for the collected faults */
int cgf_http_faults(request_rec *r, int status,
                    const apr_array_header_t *faults);

/* the insert_error_filter hook: httpd's own error pages under a mount
 * become the contract's JSON errors */
void cgf_http_insert_error_filter(request_rec *r);

/* register the output filter behind it */
void cgf_http_register_filters(void);

/* send a one-fault error body */
int cgf_http_error(request_rec *r, int status, const char *type,
                   const char *msg, const char *loc0, const char *loc1);

/* the response for a storage result that is not APR_SUCCESS */
int cgf_http_db_error(request_rec *r, apr_status_t rv);

/* the response for an id that is malformed, missing or not the caller's:
 * one status and one detail for all three */
int cgf_http_not_found(request_rec *r, const char *loc1);

/* 405 with Allow */
int cgf_http_not_allowed(request_rec *r, const char *allow);

/* empty response (204 and the like) */
int cgf_http_empty(request_rec *r, int status);

/* the If-Match header as a SQL bigint[] literal of the versions it
 * names ("{}" when it names none that we could have issued), or NULL
 * when there is no header or it is "*" (any existing resource) */
const char *cgf_http_if_match(request_rec *r);

/* the strong ETag of a resource version */
const char *cgf_http_etag(apr_pool_t *p, const char *version);

/* send {"items": [docs of column 0], "next_cursor": ...}: rows hold
 * limit + 1 rows at most, columns doc, created_us, id */
int cgf_http_send_list(request_rec *r, const cgf_rows_t *rows, int limit,
                       const char *scope);

/* the Location of a resource path below the mount */
const char *cgf_http_location(request_rec *r, const char *path);

/* the {id} of the path if it is a canonical uuid, else NULL */
const char *cgf_http_path_id(const cgf_req_t *cr);

/* run a statement on the caller's own resource named by the path's
 * {id}: args[0] and args[1] are filled with the id and the user, the
 * rest are the caller's.  Answers 400 (faults so far), 404 (an id that
 * cannot name one) or 503 itself and returns NULL then. */
cgf_rows_t *cgf_http_select_owned(cgf_req_t *cr, const char *sql, int nargs,
                                  const char **args);

/* cgf_auth.c: authenticate r by its bearer token; OK with r->user set,
 * or DONE after the 401 or 503 response was sent */
int cgf_auth_bearer(request_rec *r);

/* cgf_auth.c: register the "Require cgf-client" provider */
void cgf_auth_register(apr_pool_t *p);

/* cgf_auth.c: the check_authn hook for AuthType CGF */
int cgf_auth_check(request_rec *r);

/* cgf_auth.c: the note_auth_failure hook for AuthType CGF */
int cgf_auth_note_failure(request_rec *r, const char *auth_type);

/* 1 if the Content-Type is application/json (charset utf-8 allowed) */
int cgf_body_is_json(request_rec *r);

/* read the whole body, chunked or sized, into pool memory; APR_ENOSPC
 * when it is longer than cap, another error when the client failed */
apr_status_t cgf_body_read(request_rec *r, apr_off_t cap, char **buf,
                           apr_size_t *len);

#endif
