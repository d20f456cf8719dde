#include "cgf_http.h"
#include "cgf_crypto.h"
#include "cgf_db.h"
#include "cgf_json.h"
#include "cgf_list.h"

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

int cgf_http_send(request_rec *r, int status, const json_t *j)
{
    apr_size_t len = 0;
    char *text = cgf_json_dump(r->pool, j, 0, &len);

    if (!text) {
        ap_log_rerror(APLOG_MARK, APLOG_ERR, 0, r,
                      CGF_LOGNO(00201) "cannot encode a response");
        return cgf_http_error(r, HTTP_INTERNAL_SERVER_ERROR, "internal",
                              "The server failed to encode its answer.", NULL,
                              NULL);
    }
    return cgf_http_send_text(r, status, text, len);
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

int cgf_http_faults(request_rec *r, int status,
                    const apr_array_header_t *faults)
{
    json_t *detail = json_array();
    json_t *body;
    int i, rc;

    for (i = 0; i < faults->nelts; i++)
        json_array_append_new(
            detail, fault_json(&APR_ARRAY_IDX(faults, i, cgf_fault_t)));
    body = json_pack("{s:o, s:s}", "detail", detail, "request_id",
                     cgf_http_request_id(r));

    ap_log_rerror(APLOG_MARK, APLOG_DEBUG, 0, r,
                  CGF_LOGNO(00202) "answering %d (%s)", status,
                  faults->nelts ? APR_ARRAY_IDX(faults, 0, cgf_fault_t).type
                                : "-");
    rc = cgf_http_send(r, status, body);
    json_decref(body);
    return rc;
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

/* one entity tag of If-Match: the digits of a strong "<n>", else NULL */
static const char *etag_version(apr_pool_t *p, const char *tag)
{
    apr_size_t len = strlen(tag), i;

    if (len < 3 || len > 21 || tag[0] != '"' || tag[len - 1] != '"')
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
