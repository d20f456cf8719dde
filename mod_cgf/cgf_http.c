#include "cgf_http.h"
#include "cgf_crypto.h"
#include "cgf_db.h"
#include "cgf_json.h"
#include "cgf_list.h"
#include "cgf_validate.h"

#define CGF_ERROR_FILTER "CGF_ERROR_JSON"

#define EXPOSED_HEADERS                                                        \
    "ETag, Location, Retry-After, X-Request-Id, Idempotent-Replayed"

const char *cgf_http_request_id(request_rec *r)
{
    const char *id = apr_table_get(r->notes, CGF_NOTE_REQUEST_ID);

    return id ? id : "-";
}

/* a request id: mod_unique_id's when it runs, else 128 random bits */
static const char *new_request_id(request_rec *r)
{
    const char *uid = apr_table_get(r->subprocess_env, "UNIQUE_ID");
    char *hex;

    if (uid)
        return uid;

    hex = apr_palloc(r->pool, 33);
    if (cgf_random_hex(hex, 16) != APR_SUCCESS)
        return apr_psprintf(r->pool, "%" APR_TIME_T_FMT "-%ld", r->request_time,
                            (long)r->connection->id);
    return hex;
}

const char *cgf_http_cors_origin(request_rec *r, const cgf_dir_conf_t *d)
{
    const char *origin = apr_table_get(r->headers_in, "Origin");
    int i;

    if (!origin || !d->cors_origins)
        return NULL;
    for (i = 0; i < d->cors_origins->nelts; i++) {
        if (!strcmp(APR_ARRAY_IDX(d->cors_origins, i, const char *), origin))
            return origin;
    }
    return NULL;
}

int cgf_http_is_preflight(request_rec *r, const cgf_dir_conf_t *d)
{
    return r->method_number == M_OPTIONS &&
           apr_table_get(r->headers_in, "Access-Control-Request-Method") &&
           cgf_http_cors_origin(r, d);
}

void cgf_http_prepare(request_rec *r, cgf_dir_conf_t *d)
{
    const char *id = new_request_id(r);
    const char *origin = cgf_http_cors_origin(r, d);

    /* notes for our code, the environment for LogFormat %{..}e */
    apr_table_setn(r->notes, CGF_NOTE_REQUEST_ID, id);
    apr_table_setn(r->subprocess_env, CGF_NOTE_REQUEST_ID, id);
    apr_table_setn(r->err_headers_out, "X-Request-Id", id);

    if (d->cors_origins)
        apr_table_mergen(r->err_headers_out, "Vary", "Origin");
    if (origin) {
        apr_table_setn(r->err_headers_out, "Access-Control-Allow-Origin",
                       origin);
        apr_table_setn(r->err_headers_out, "Access-Control-Expose-Headers",
                       EXPOSED_HEADERS);
    }
}

int cgf_http_send_text(request_rec *r, int status, const char *json,
                       apr_size_t len)
{
    r->status = status;
    ap_set_content_type(r, "application/json");
    apr_table_setn(r->err_headers_out, "Cache-Control", "no-store");
    ap_set_content_length(r, len + 1);

    if (!r->header_only) {
        ap_rwrite(json, len, r);
        ap_rputc('\n', r);
    }
    return OK;
}

/* one fault as {"loc": [...], "msg": "...", "type": "..."} */
static json_t *fault_json(const cgf_fault_t *f)
{
    json_t *loc = json_array();
    int i;

    for (i = 0; i < CGF_LOC_MAX && f->loc[i]; i++)
        json_array_append_new(loc, json_string(f->loc[i]));
    return json_pack("{s:o, s:s, s:s}", "loc", loc, "msg", f->msg, "type",
                     f->type);
}

/* the contract's error body for faults, as compact text in pool memory */
static char *error_body(request_rec *r, const apr_array_header_t *faults,
                        apr_size_t *len)
{
    json_t *detail = json_array();
    json_t *body;
    char *text;
    int i;

    for (i = 0; i < faults->nelts; i++)
        json_array_append_new(
            detail, fault_json(&APR_ARRAY_IDX(faults, i, cgf_fault_t)));
    body = json_pack("{s:o, s:s}", "detail", detail, "request_id",
                     cgf_http_request_id(r));
    text = cgf_json_dump(r->pool, body, 0, len);
    json_decref(body);
    return text;
}

int cgf_http_faults(request_rec *r, int status,
                    const apr_array_header_t *faults)
{
    apr_size_t len = 0;
    char *text = error_body(r, faults, &len);

    ap_log_rerror(APLOG_MARK, APLOG_DEBUG, 0, r,
                  CGF_LOGNO(00202) "answering %d (%s)", status,
                  faults->nelts ? APR_ARRAY_IDX(faults, 0, cgf_fault_t).type
                                : "-");
    return cgf_http_send_text(r, status, text, len);
}

/* the fault of an error that httpd answered itself under a mount */
static void httpd_fault(request_rec *r, apr_array_header_t *faults)
{
    int status = r->status;

    if (status == HTTP_REQUEST_ENTITY_TOO_LARGE)
        cgf_fault_add(faults, "body_too_large", "The body is too large.",
                      "body", NULL, NULL);
    else if (status == HTTP_BAD_REQUEST || status == HTTP_REQUEST_TIME_OUT)
        cgf_fault_add(faults, "invalid_json",
                      "The body could not be read completely.", "body", NULL,
                      NULL);
    else if (status == HTTP_NOT_FOUND)
        cgf_fault_add(faults, "not_found", "No such route.", "path", NULL,
                      NULL);
    else if (status >= 500)
        cgf_fault_add(faults, "internal",
                      "The server failed; the error "
                      "is logged with the request id.",
                      NULL, NULL, NULL);
    else
        cgf_fault_add(faults, "invalid_header",
                      "The request headers could not be accepted.", "header",
                      NULL, NULL);
}

/* replaces the HTML page of an error httpd answers itself (a broken
 * chunked body, a read timeout, LimitRequestBody, ...) by the
 * contract's JSON error, written once at the end of the response */
static apr_status_t error_json_filter(ap_filter_t *f, apr_bucket_brigade *bb)
{
    request_rec *r = f->r;
    apr_bucket *b = APR_BRIGADE_FIRST(bb);

    /* httpd labels its error pages text/html after this hook ran, so the
     * label is changed here, before the header filter sends it */
    if (!f->ctx) {
        f->ctx = f;
        ap_set_content_type(r, "application/json");
        apr_table_unset(r->headers_out, "Content-Length");
        apr_table_setn(r->headers_out, "Cache-Control", "no-store");

        /* httpd may refuse a request before our header_parser ran */
        if (!apr_table_get(r->notes, CGF_NOTE_REQUEST_ID))
            apr_table_setn(r->notes, CGF_NOTE_REQUEST_ID, new_request_id(r));
        apr_table_setn(r->headers_out, "X-Request-Id", cgf_http_request_id(r));
    }

    while (b != APR_BRIGADE_SENTINEL(bb)) {
        apr_bucket *next = APR_BUCKET_NEXT(b);

        if (APR_BUCKET_IS_EOS(b)) {
            apr_array_header_t *faults = cgf_faults_make(r->pool);
            apr_size_t len = 0;
            char *text;

            httpd_fault(r, faults);
            text = error_body(r, faults, &len);
            APR_BUCKET_INSERT_BEFORE(
                b,
                apr_bucket_pool_create(text, len, r->pool, f->c->bucket_alloc));
        }
        else if (!APR_BUCKET_IS_METADATA(b)) {
            apr_bucket_delete(b);
        }
        b = next;
    }
    return ap_pass_brigade(f->next, bb);
}

void cgf_http_insert_error_filter(request_rec *r)
{
    if (cgf_dir_conf(r)->enabled != 1)
        return;

    ap_add_output_filter(CGF_ERROR_FILTER, NULL, r, r->connection);
}

void cgf_http_register_filters(void)
{
    ap_register_output_filter(CGF_ERROR_FILTER, error_json_filter, NULL,
                              AP_FTYPE_RESOURCE);
}

int cgf_http_error(request_rec *r, int status, const char *type,
                   const char *msg, const char *loc0, const char *loc1)
{
    apr_array_header_t *faults = cgf_faults_make(r->pool);

    cgf_fault_add(faults, type, msg, loc0, loc1, NULL);
    return cgf_http_faults(r, status, faults);
}

int cgf_http_db_error(request_rec *r, apr_status_t rv)
{
    cgf_dir_conf_t *d = cgf_dir_conf(r);
    int retry = d->retry_after > 0 ? d->retry_after : CGF_DEFAULT_RETRY_AFTER;

    if (rv == CGF_DB_DOWN) {
        apr_table_setn(r->err_headers_out, "Retry-After",
                       apr_itoa(r->pool, retry));
        return cgf_http_error(
            r, HTTP_SERVICE_UNAVAILABLE, "storage_unavailable",
            "The database is not available; retry later.", NULL, NULL);
    }
    ap_log_rerror(APLOG_MARK, APLOG_ERR, rv, r,
                  CGF_LOGNO(00203) "internal error, request %s",
                  cgf_http_request_id(r));
    return cgf_http_error(r, HTTP_INTERNAL_SERVER_ERROR, "internal",
                          "The server failed; the error is logged with the "
                          "request id.",
                          NULL, NULL);
}

int cgf_http_not_found(request_rec *r, const char *loc1)
{
    return cgf_http_error(r, HTTP_NOT_FOUND, "not_found", "No such resource.",
                          "path", loc1);
}

int cgf_http_not_allowed(request_rec *r, const char *allow)
{
    apr_table_setn(r->err_headers_out, "Allow", allow);
    return cgf_http_error(r, HTTP_METHOD_NOT_ALLOWED, "method_not_allowed",
                          apr_psprintf(r->pool,
                                       "The method %s is not "
                                       "allowed here.",
                                       r->method),
                          "method", NULL);
}

int cgf_http_empty(request_rec *r, int status)
{
    r->status = status;
    apr_table_setn(r->err_headers_out, "Cache-Control", "no-store");
    if (status != HTTP_NO_CONTENT)
        ap_set_content_length(r, 0);
    return OK;
}

const char *cgf_http_etag(apr_pool_t *p, const char *version)
{
    return apr_pstrcat(p, "\"", version, "\"", NULL);
}

/* one entity tag of If-Match: the digits of a strong "<n>" as we issue
 * them (1 to 18 digits, no leading zero), else NULL: such a tag can
 * never match, and is no number for the database to choke on */
static const char *etag_version(apr_pool_t *p, const char *tag)
{
    apr_size_t len = strlen(tag), i;

    if (len < 3 || len > 20 || tag[0] != '"' || tag[len - 1] != '"' ||
        tag[1] == '0')
        return NULL;
    for (i = 1; i < len - 1; i++) {
        if (!apr_isdigit(tag[i]))
            return NULL;
    }
    return apr_pstrmemdup(p, tag + 1, len - 2);
}

const char *cgf_http_if_match(request_rec *r)
{
    const char *h = apr_table_get(r->headers_in, "If-Match");
    const char *list = "";
    char *tag;

    if (!h)
        return NULL;
    while (*h && apr_isspace(*h))
        h++;
    if (!strcmp(h, "*"))
        return NULL;

    /* weak or malformed tags can never match strongly: leave them out */
    while (*(tag = ap_getword(r->pool, &h, ','))) {
        const char *v;

        apr_collapse_spaces(tag, tag);
        v = etag_version(r->pool, tag);
        if (v)
            list = *list ? apr_pstrcat(r->pool, list, ",", v, NULL) : v;
    }
    return apr_pstrcat(r->pool, "{", list, "}", NULL);
}

const char *cgf_http_location(request_rec *r, const char *path)
{
    return apr_pstrcat(r->pool, cgf_dir_conf(r)->mount, path, NULL);
}

int cgf_http_send_list(request_rec *r, const cgf_rows_t *rows, int limit,
                       const char *scope)
{
    apr_array_header_t *parts =
        apr_array_make(r->pool, limit + 4, sizeof(char *));
    int n = rows->nrows < limit ? rows->nrows : limit;
    const char *next = "null";
    const char *body;
    int i;

    /* the docs are JSON that PostgreSQL built; they are joined as is */
    *(const char **)apr_array_push(parts) = "{\"items\":[";
    for (i = 0; i < n; i++) {
        if (i)
            *(const char **)apr_array_push(parts) = ",";
        *(const char **)apr_array_push(parts) = cgf_rows_get(rows, i, 0);
    }
    if (rows->nrows > limit)
        next =
            apr_pstrcat(r->pool, "\"",
                        cgf_cursor_encode(r->pool, cgf_rows_get(rows, n - 1, 1),
                                          cgf_rows_get(rows, n - 1, 2), scope),
                        "\"", NULL);
    *(const char **)apr_array_push(parts) =
        apr_pstrcat(r->pool, "],\"next_cursor\":", next, "}", NULL);

    body = apr_array_pstrcat(r->pool, parts, 0);
    return cgf_http_send_text(r, HTTP_OK, body, strlen(body));
}

const char *cgf_http_path_id(const cgf_req_t *cr)
{
    const char *id = cr->params[0];

    return id && cgf_uuid_canonical(id, strlen(id)) ? id : NULL;
}

cgf_rows_t *cgf_http_select_owned(cgf_req_t *cr, const char *sql, int nargs,
                                  const char **args)
{
    const char *id = cgf_http_path_id(cr);
    cgf_rows_t *rows;
    apr_status_t rv;

    if (cr->faults->nelts) {
        cgf_http_faults(cr->r, HTTP_BAD_REQUEST, cr->faults);
        return NULL;
    }
    if (!id) {
        cgf_http_not_found(cr->r, "id");
        return NULL;
    }

    args[0] = id;
    args[1] = cr->r->user;
    rv = cgf_db_select(cr->r, sql, nargs, args, &rows);
    if (rv != APR_SUCCESS) {
        cgf_http_db_error(cr->r, rv);
        return NULL;
    }
    return rows;
}
