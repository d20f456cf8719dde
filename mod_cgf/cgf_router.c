#include "cgf_router.h"
#include "cgf_json.h"

#define LIST_QUERY     "limit,cursor"
#define ANALYSIS_QUERY "limit,cursor,teacher_id,institution_id,status,from,to"

/* clang-format off */
static const cgf_route_t routes[] = {
    /* pattern, query, GET, POST, PATCH, DELETE */
    {"health", "", cgf_api_health, NULL, NULL, NULL},
    {"webhooks/v1/webhook", LIST_QUERY,
     cgf_api_webhook_list, cgf_api_webhook_create, NULL, NULL},
    {"webhooks/v1/webhook/*", "",
     cgf_api_webhook_get, NULL, cgf_api_webhook_patch,
     cgf_api_webhook_delete},
    {"webhooks/v1/api-template", "", cgf_api_template_list, NULL, NULL, NULL},
    {"class-track/v1/analysis", ANALYSIS_QUERY,
     cgf_api_analysis_list, cgf_api_analysis_create, NULL, NULL},
    {"class-track/v1/analysis/*", "",
     cgf_api_analysis_get, NULL, NULL, cgf_api_analysis_delete},
    {"metadata/v1/board", "", cgf_api_board_list, NULL, NULL, NULL},
    {"metadata/v1/board/*/grades", "", cgf_api_grade_list, NULL, NULL, NULL},
    {"metadata/v1/board/*/grades/*/subjects", "",
     cgf_api_subject_list, NULL, NULL, NULL},
    {"rubrics/v1/rubric", "", cgf_api_rubric_list, NULL, NULL, NULL},
    {"rubrics/v1/rubric/*", "", cgf_api_rubric_get, NULL, NULL, NULL},
};
/* clang-format on */

#define NROUTES (sizeof(routes) / sizeof(routes[0]))

/* match one pattern against the path's segments */
static int route_matches(const char *pattern, const char *path, apr_pool_t *p,
                         const char **params)
{
    int n = 0;

    while (*pattern && *path) {
        const char *pend = ap_strchr_c(pattern, '/');
        const char *send = ap_strchr_c(path, '/');
        apr_size_t plen = pend ? (apr_size_t)(pend - pattern) : strlen(pattern);
        apr_size_t slen = send ? (apr_size_t)(send - path) : strlen(path);

        if (slen == 0)
            return 0;
        if (plen == 1 && *pattern == '*') {
            if (n == CGF_MAX_PARAMS)
                return 0;
            params[n++] = apr_pstrmemdup(p, path, slen);
        }
        else if (plen != slen || strncmp(pattern, path, plen)) {
            return 0;
        }
        pattern += plen + (pend ? 1 : 0);
        path += slen + (send ? 1 : 0);
        if (!pend != !send)
            return 0;
    }
    return !*pattern && !*path;
}

const cgf_route_t *cgf_route_find(const char *rel, apr_pool_t *p,
                                  const char **params)
{
    char *path;
    apr_size_t len, i;

    /* the path below the mount: "/x/y", with one optional final "/" */
    if (*rel != '/')
        return NULL;
    path = apr_pstrdup(p, rel + 1);
    len = strlen(path);
    if (len > 0 && path[len - 1] == '/')
        path[--len] = '\0';

    for (i = 0; i < NROUTES; i++) {
        if (route_matches(routes[i].pattern, path, p, params))
            return &routes[i];
    }
    return NULL;
}

/* the path of r below the mount, or NULL if r is not under it */
static const char *rel_path(request_rec *r, const cgf_dir_conf_t *d)
{
    apr_size_t n = strlen(d->mount);

    if (strncmp(r->uri, d->mount, n))
        return NULL;
    return r->uri + n;
}

int cgf_route_is_public(request_rec *r, cgf_dir_conf_t *d)
{
    const char *rel;
    const char *params[CGF_MAX_PARAMS];
    const cgf_route_t *route;

    if (d->enabled != 1)
        return 0;
    if (cgf_http_is_preflight(r, d))
        return 1;
    if (r->method_number != M_GET)
        return 0;

    rel = rel_path(r, d);
    route = rel ? cgf_route_find(rel, r->pool, params) : NULL;
    return route && route->get == cgf_api_health;
}

/* the Allow header of a route */
static const char *allow_of(apr_pool_t *p, const cgf_route_t *route)
{
    return apr_pstrcat(p, route->get ? "GET, HEAD, " : "",
                       route->post ? "POST, " : "",
                       route->patch ? "PATCH, " : "",
                       route->del ? "DELETE, " : "", "OPTIONS", NULL);
}

/* the handler of a route for r's method, or NULL */
static cgf_api_fn method_fn(request_rec *r, const cgf_route_t *route)
{
    switch (r->method_number) {
    case M_GET:
        return route->get;
    case M_POST:
        return route->post;
    case M_PATCH:
        return route->patch;
    case M_DELETE:
        return route->del;
    default:
        return NULL;
    }
}

/* 1 if name is in the ","-joined list */
static int in_list(const char *list, const char *name)
{
    apr_size_t n = strlen(name);

    while (*list) {
        const char *end = ap_strchr_c(list, ',');
        apr_size_t len = end ? (apr_size_t)(end - list) : strlen(list);

        if (len == n && !strncmp(list, name, n))
            return 1;
        list += len + (end ? 1 : 0);
    }
    return 0;
}

/* decode one query component; NULL on a bad escape or a control char */
static char *query_decode(apr_pool_t *p, const char *s, apr_size_t len)
{
    char *v = apr_pstrmemdup(p, s, len);
    char *c;

    if (ap_unescape_urlencoded(v) != OK)
        return NULL;
    for (c = v; *c; c++) {
        if ((unsigned char)*c < 0x20 || *c == 0x7f)
            return NULL;
    }
    return v;
}

/* one name=value pair of the query string into cr->query */
static void query_pair(cgf_req_t *cr, const cgf_route_t *route,
                       const char *pair, apr_size_t len)
{
    apr_pool_t *p = cr->r->pool;
    const char *eq = memchr(pair, '=', len);
    apr_size_t nlen = eq ? (apr_size_t)(eq - pair) : len;
    char *name = query_decode(p, pair, nlen);
    char *value = eq ? query_decode(p, eq + 1, len - nlen - 1) : "";

    if (!name || !value) {
        cgf_fault_add(cr->faults, "invalid_characters",
                      "The query string holds a bad escape or a control "
                      "character.",
                      "query", NULL, NULL);
    }
    else if (!in_list(route->query, name)) {
        cgf_fault_add(cr->faults, "unknown_field",
                      apr_psprintf(p,
                                   "The query parameter '%s' is not "
                                   "known.",
                                   name),
                      "query", name, NULL);
    }
    else if (apr_table_get(cr->query, name)) {
        cgf_fault_add(cr->faults, "duplicate_key",
                      apr_psprintf(p,
                                   "The query parameter '%s' is given "
                                   "more than once.",
                                   name),
                      "query", name, NULL);
    }
    else {
        apr_table_setn(cr->query, name, value);
    }
}

/* parse r->args against the route's parameters, adding faults */
static void parse_query(cgf_req_t *cr, const cgf_route_t *route)
{
    const char *q = cr->r->args;

    cr->query = apr_table_make(cr->r->pool, 4);
    while (q && *q) {
        const char *amp = ap_strchr_c(q, '&');
        apr_size_t len = amp ? (apr_size_t)(amp - q) : strlen(q);

        if (len > 0)
            query_pair(cr, route, q, len);
        q += len + (amp ? 1 : 0);
    }
}

/* Content-Type, size and JSON of the body: 415, 413, then the 400
 * faults; OK to go on, DONE once an answer was sent */
static int read_json_body(cgf_req_t *cr)
{
    request_rec *r = cr->r;
    apr_off_t cap =
        cr->dconf->max_body > 0 ? cr->dconf->max_body : CGF_DEFAULT_MAX_BODY;
    char *buf;
    apr_size_t len;
    apr_status_t rv;
    int status;

    if (!cgf_body_is_json(r)) {
        cgf_http_error(r, HTTP_UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
                       "The body must be application/json.", "header",
                       "content-type");
        return DONE;
    }

    rv = cgf_body_read(r, cap, &buf, &len);
    if (rv == APR_SUCCESS) {
        cr->body = cgf_json_parse_body(r->pool, buf, len, cr->faults);
        return OK;
    }

    ap_log_rerror(APLOG_MARK, APLOG_DEBUG, rv, r,
                  CGF_LOGNO(00301) "reading the request body failed");
    status = rv == APR_ENOSPC ? HTTP_REQUEST_ENTITY_TOO_LARGE
                              : ap_map_http_request_error(rv, HTTP_BAD_REQUEST);
    if (status == HTTP_REQUEST_ENTITY_TOO_LARGE)
        cgf_http_error(r, status, "body_too_large",
                       apr_psprintf(r->pool,
                                    "The body is larger than %" APR_OFF_T_FMT
                                    " bytes.",
                                    cap),
                       "body", NULL);
    else if (status != AP_FILTER_ERROR)
        cgf_http_error(r, status, "invalid_json",
                       "The body could not be read completely.", "body", NULL);
    return status == AP_FILTER_ERROR ? AP_FILTER_ERROR : DONE;
}

/* answer OPTIONS: a CORS preflight, or the route's Allow */
static int options(cgf_req_t *cr, const cgf_route_t *route)
{
    request_rec *r = cr->r;
    const char *allow = allow_of(r->pool, route);

    apr_table_setn(r->headers_out, "Allow", allow);
    if (cgf_http_is_preflight(r, cr->dconf)) {
        apr_table_setn(r->headers_out, "Access-Control-Allow-Methods", allow);
        apr_table_setn(r->headers_out, "Access-Control-Allow-Headers",
                       "Authorization, Content-Type, If-Match, "
                       "Idempotency-Key");
        apr_table_setn(r->headers_out, "Access-Control-Max-Age", "600");
    }
    return cgf_http_empty(r, HTTP_NO_CONTENT);
}

/* route and method of r: 404, 405, OPTIONS, or the handler to run */
static int dispatch(cgf_req_t *cr, const char *rel)
{
    request_rec *r = cr->r;
    const cgf_route_t *route = cgf_route_find(rel, r->pool, cr->params);
    cgf_api_fn fn;
    int rc;

    if (!route)
        return cgf_http_error(r, HTTP_NOT_FOUND, "not_found", "No such route.",
                              "path", NULL);
    if (r->method_number == M_OPTIONS)
        return options(cr, route);
    fn = method_fn(r, route);
    if (!fn)
        return cgf_http_not_allowed(r, allow_of(r->pool, route));

    if (r->method_number == M_POST || r->method_number == M_PATCH) {
        rc = read_json_body(cr);
        if (rc != OK)
            return rc == DONE ? OK : rc;
    }
    parse_query(cr, route);

    /* without a body, the query is all there is to validate, and every
     * route refuses an unknown parameter before it looks anything up;
     * a body that is not even a JSON object has no fields to check */
    if (r->method_number == M_POST || r->method_number == M_PATCH) {
        if (!cr->body)
            return cgf_http_faults(r, HTTP_BAD_REQUEST, cr->faults);
    }
    else if (cr->faults->nelts) {
        return cgf_http_faults(r, HTTP_BAD_REQUEST, cr->faults);
    }
    return fn(cr);
}

int cgf_router_handle(request_rec *r)
{
    cgf_dir_conf_t *d = cgf_dir_conf(r);
    const char *rel;
    cgf_req_t *cr;

    if (!r->handler || strcmp(r->handler, CGF_HANDLER) || d->enabled != 1)
        return DECLINED;

    rel = rel_path(r, d);
    if (!rel || (*rel && *rel != '/'))
        return cgf_http_error(r, HTTP_NOT_FOUND, "not_found", "No such route.",
                              "path", NULL);

    /* safety net for a mount without "Require cgf-client" */
    if (!r->user && !cgf_route_is_public(r, d)) {
        int rc = cgf_auth_bearer(r);

        if (rc != OK)
            return OK;
    }

    cr = apr_pcalloc(r->pool, sizeof(*cr));
    cr->r = r;
    cr->dconf = d;
    cr->sconf = cgf_srv_conf(r->server);
    cr->faults = cgf_faults_make(r->pool);
    return dispatch(cr, *rel ? rel : "/");
}
