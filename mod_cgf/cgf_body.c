#include "apr_buckets.h"
#include "util_filter.h"

#include "cgf_http.h"

int cgf_body_is_json(request_rec *r)
{
    const char *ct = apr_table_get(r->headers_in, "Content-Type");
    const char *params;
    char *type;
    apr_size_t len;

    if (!ct)
        return 0;

    /* RFC 9110 allows white space before the ";" of a parameter */
    type = ap_getword(r->pool, &ct, ';');
    len = strlen(type);
    while (len > 0 && (type[len - 1] == ' ' || type[len - 1] == '\t'))
        type[--len] = '\0';
    ap_str_tolower(type);
    if (strcmp(type, "application/json"))
        return 0;

    /* the only parameter that may follow is charset=utf-8 */
    for (params = ct; *params;) {
        char *param = ap_getword(r->pool, &params, ';');

        apr_collapse_spaces(param, param);
        if (!*param)
            continue;
        if (ap_cstr_casecmp(param, "charset=utf-8") &&
            ap_cstr_casecmp(param, "charset=\"utf-8\""))
            return 0;
    }
    return 1;
}

/* append the data buckets of bb to the buffer, refusing past cap */
static apr_status_t take_buckets(apr_bucket_brigade *bb, apr_off_t cap,
                                 char **buf, apr_size_t *len, apr_size_t *room,
                                 apr_pool_t *p, int *eos)
{
    apr_bucket *b;

    for (b = APR_BRIGADE_FIRST(bb); b != APR_BRIGADE_SENTINEL(bb);
         b = APR_BUCKET_NEXT(b)) {
        const char *data;
        apr_size_t n;
        apr_status_t rv;

        if (APR_BUCKET_IS_EOS(b)) {
            *eos = 1;
            return APR_SUCCESS;
        }
        rv = apr_bucket_read(b, &data, &n, APR_BLOCK_READ);
        if (rv != APR_SUCCESS)
            return rv;
        if ((apr_off_t)(*len + n) > cap)
            return APR_ENOSPC;

        if (*len + n + 1 > *room) {
            char *grown;

            *room = (*len + n + 1) * 2;
            grown = apr_palloc(p, *room);
            memcpy(grown, *buf, *len);
            *buf = grown;
        }
        memcpy(*buf + *len, data, n);
        *len += n;
    }
    return APR_SUCCESS;
}

apr_status_t cgf_body_read(request_rec *r, apr_off_t cap, char **buf,
                           apr_size_t *len)
{
    const char *cl = apr_table_get(r->headers_in, "Content-Length");
    apr_bucket_brigade *bb;
    apr_size_t room = 1024;
    apr_status_t rv = APR_SUCCESS;
    int eos = 0;

    /* a sized body over the cap is refused before any byte is read */
    if (cl && apr_atoi64(cl) > cap)
        return APR_ENOSPC;

    *buf = apr_palloc(r->pool, room);
    *len = 0;
    bb = apr_brigade_create(r->pool, r->connection->bucket_alloc);

    while (!eos && rv == APR_SUCCESS) {
        rv = ap_get_brigade(r->input_filters, bb, AP_MODE_READBYTES,
                            APR_BLOCK_READ, HUGE_STRING_LEN);
        if (rv == APR_SUCCESS)
            rv = take_buckets(bb, cap, buf, len, &room, r->pool, &eos);
        apr_brigade_cleanup(bb);
    }
    (*buf)[*len] = '\0';
    return rv;
}
