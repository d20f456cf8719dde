/* Webhooks (contract §2): create, read, list, PATCH, delete, and the
 * API templates they may name. */
#include "cgf_api.h"
#include "cgf_crypto.h"
#include "cgf_list.h"
#include "cgf_json.h"
#include "cgf_validate.h"

#define WEBHOOK_PATH "/webhooks/v1/webhook/"
#define SECRET_MIN   8
#define SECRET_MAX   512

/* clang-format off */
/* one clock reading for both times: two column defaults would read the
 * clock twice, and a new webhook's updated_at must equal its created_at */
static const char *const create_sql =
    "WITH t AS (SELECT id FROM cgf_api_template WHERE id = %s::uuid),"
    " ins AS (INSERT INTO cgf_webhook AS w"
    "  (id, owner, api_template_id, endpoint_url, secret_enc,"
    "   created_at, updated_at)"
    "  SELECT %s::uuid, %s, t.id, %s, %s, c.at, c.at"
    "  FROM t, (SELECT clock_timestamp() AS at) c"
    "  ON CONFLICT ON CONSTRAINT cgf_webhook_unique_url DO NOTHING"
    "  RETURNING cgf_webhook_doc(w) AS doc, w.version)"
    " SELECT (SELECT count(*) FROM t), (SELECT doc FROM ins),"
    "  (SELECT version FROM ins)";

static const char *const get_sql =
    "SELECT cgf_webhook_doc(w), w.version FROM cgf_webhook w"
    " WHERE w.id = %s::uuid AND w.owner = %s";

static const char *const list_sql =
    "SELECT cgf_webhook_doc(w), cgf_us(w.created_at), w.id"
    " FROM cgf_webhook w WHERE w.owner = %s"
    " AND (%s::bigint IS NULL OR (w.created_at, w.id)"
    "      < (cgf_from_us(%s::bigint), %s::uuid))"
    " ORDER BY w.created_at DESC, w.id DESC LIMIT %s::int";

/* one statement: the change and the answer are one atomic step, and
 * updated_at rises even when two PATCHes land in one microsecond */
static const char *const patch_sql =
    "WITH cur AS (SELECT w.id, w.api_template_id, w.version"
    "  FROM cgf_webhook w WHERE w.id = %s::uuid AND w.owner = %s),"
    " clash AS (SELECT 1 FROM cgf_webhook o, cur"
    "  WHERE o.owner = %s AND o.api_template_id = cur.api_template_id"
    "  AND o.endpoint_url = %s AND o.id <> cur.id),"
    " upd AS (UPDATE cgf_webhook w SET endpoint_url = %s,"
    "  secret_enc = CASE %s WHEN 'keep' THEN w.secret_enc"
    "   WHEN 'set' THEN %s ELSE NULL END,"
    "  version = w.version + 1,"
    "  updated_at = greatest(clock_timestamp(),"
    "   w.updated_at + interval '1 microsecond')"
    "  FROM cur WHERE w.id = cur.id AND NOT EXISTS (SELECT 1 FROM clash)"
    "  AND (%s::bigint[] IS NULL OR w.version = ANY (%s::bigint[]))"
    "  RETURNING cgf_webhook_doc(w) AS doc, w.version)"
    " SELECT (SELECT count(*) FROM cur), (SELECT count(*) FROM clash),"
    "  (SELECT doc FROM upd), (SELECT version FROM upd),"
    "  (SELECT %s::bigint[] IS NULL OR version = ANY (%s::bigint[])"
    "   FROM cur)";

static const char *const delete_sql =
    "WITH cur AS (SELECT id FROM cgf_webhook"
    "  WHERE id = %s::uuid AND owner = %s),"
    " del AS (DELETE FROM cgf_webhook w USING cur WHERE w.id = cur.id"
    "  AND (%s::bigint[] IS NULL OR w.version = ANY (%s::bigint[]))"
    "  RETURNING 1)"
    " SELECT (SELECT count(*) FROM cur), (SELECT count(*) FROM del)";

static const char *const template_sql =
    "SELECT coalesce(json_agg(cgf_template_doc(t) ORDER BY t.name), '[]')"
    " FROM cgf_api_template t";

static const char *const known_create[] = {
    "api_template", "endpoint_url", "secret_hash", NULL};
static const char *const known_patch[] = {
    "endpoint_url", "secret_hash", NULL};
static const char *const immutable_patch[] = {
    "api_template", "status", "created_by", "id", "created_at",
    "updated_at", NULL};
/* clang-format on */

/* what a body asks of the secret */
typedef struct secret_t {
    const char *mode;  /* "keep", "set" or "clear" */
    const char *plain; /* when set */
    apr_size_t len;
} secret_t;

/* secret_hash: absent keeps it, a string of 8..512 bytes sets it, null
 * clears it (PATCH only) */
static void secret_rule(json_t *body, int allow_null, secret_t *s,
                        apr_array_header_t *faults)
{
    json_t *v = json_object_get(body, "secret_hash");
    apr_pool_t *p = faults->pool;

    s->mode = "keep";
    if (!v)
        return;
    if (json_is_null(v) && allow_null) {
        s->mode = "clear";
        return;
    }
    if (!json_is_string(v)) {
        cgf_fault_add(faults, "wrong_type",
                      apr_psprintf(p,
                                   "The field 'secret_hash' must be a "
                                   "string, not %s.",
                                   cgf_json_type_name(v)),
                      "body", "secret_hash", NULL);
        return;
    }

    s->len = json_string_length(v);
    if (s->len < SECRET_MIN || s->len > SECRET_MAX) {
        cgf_fault_add(faults, s->len < SECRET_MIN ? "too_short" : "too_long",
                      "The field 'secret_hash' must be 8 to 512 bytes long.",
                      "body", "secret_hash", NULL);
        return;
    }
    s->mode = "set";
    s->plain = json_string_value(v);
}

/* seal a secret for one webhook row; NULL when there is none to seal */
static apr_status_t seal(cgf_req_t *cr, const secret_t *s, const char *id,
                         const char **sealed)
{
    const char *aad;

    *sealed = NULL;
    if (strcmp(s->mode, "set"))
        return APR_SUCCESS;
    if (!cr->sconf->keyring) {
        ap_log_rerror(
            APLOG_MARK, APLOG_ERR, 0, cr->r,
            CGF_LOGNO(00401) "a secret_hash was sent but no " CGF_DIR_KEY_FILE
                             " is configured");
        return APR_EGENERAL;
    }

    aad = cgf_webhook_aad(cr->r->pool, id, cr->r->user);
    return cgf_secret_seal(cr->r->pool, cr->sconf->keyring, s->plain, s->len,
                           aad, sealed);
}

/* send one webhook: status, ETag, optional Location */
static int send_webhook(cgf_req_t *cr, int status, const char *doc,
                        const char *version, const char *location)
{
    request_rec *r = cr->r;

    apr_table_setn(r->headers_out, "ETag", cgf_http_etag(r->pool, version));
    if (location)
        apr_table_setn(r->headers_out, "Location", location);
    return cgf_http_send_text(r, status, doc, strlen(doc));
}

int cgf_api_webhook_create(cgf_req_t *cr)
{
    request_rec *r = cr->r;
    cgf_url_policy_t policy = cgf_config_url_policy(cr->dconf);
    const char *args[5];
    const char *tmpl, *url;
    char id[37];
    secret_t secret;
    cgf_rows_t *rows;
    apr_status_t rv;

    cgf_v_fields(cr->body, known_create, NULL, cr->faults);
    tmpl = cgf_v_uuid(r->pool, cr->body, "api_template", 1, cr->faults);
    url = cgf_v_url(r->pool, cr->body, "endpoint_url", 1, &policy, cr->faults);
    secret_rule(cr->body, 0, &secret, cr->faults);
    if (cr->faults->nelts)
        return cgf_http_faults(r, HTTP_BAD_REQUEST, cr->faults);

    rv = cgf_uuid4(id);
    if (rv == APR_SUCCESS)
        rv = seal(cr, &secret, id, &args[4]);
    if (rv != APR_SUCCESS)
        return cgf_http_db_error(r, rv);

    args[0] = tmpl;
    args[1] = id;
    args[2] = r->user;
    args[3] = url;
    rv = cgf_db_select(r, create_sql, 5, args, &rows);
    if (rv != APR_SUCCESS)
        return cgf_http_db_error(r, rv);

    if (!strcmp(cgf_rows_get(rows, 0, 0), "0"))
        return cgf_http_error(r, HTTP_BAD_REQUEST, "unknown_reference",
                              "No API template has this id.", "body",
                              "api_template");
    if (!*cgf_rows_get(rows, 0, 1))
        return cgf_http_error(r, HTTP_CONFLICT, "conflict",
                              "You already have a webhook for this template "
                              "and endpoint_url.",
                              "body", "endpoint_url");
    return send_webhook(cr, HTTP_CREATED, cgf_rows_get(rows, 0, 1),
                        cgf_rows_get(rows, 0, 2),
                        cgf_http_location(r, apr_pstrcat(r->pool, WEBHOOK_PATH,
                                                         id, "/", NULL)));
}

int cgf_api_webhook_get(cgf_req_t *cr)
{
    const char *args[2];
    cgf_rows_t *rows = cgf_http_select_owned(cr, get_sql, 2, args);

    if (!rows)
        return OK;
    if (rows->nrows != 1)
        return cgf_http_not_found(cr->r, "id");
    return send_webhook(cr, HTTP_OK, cgf_rows_get(rows, 0, 0),
                        cgf_rows_get(rows, 0, 1), NULL);
}

int cgf_api_webhook_list(cgf_req_t *cr)
{
    request_rec *r = cr->r;
    const char *scope = apr_pstrcat(r->pool, "webhook|", r->user, NULL);
    const char *cursor = apr_table_get(cr->query, "cursor");
    int limit = cgf_list_limit(apr_table_get(cr->query, "limit"), cr->faults);
    cgf_cursor_t pos = {NULL, NULL};
    const char *args[5];
    cgf_rows_t *rows;
    apr_status_t rv;

    if (cursor)
        cgf_cursor_decode(r->pool, cursor, scope, &pos, cr->faults);
    if (cr->faults->nelts)
        return cgf_http_faults(r, HTTP_BAD_REQUEST, cr->faults);

    args[0] = r->user;
    args[1] = pos.created_us;
    args[2] = pos.created_us;
    args[3] = pos.id;
    args[4] = apr_itoa(r->pool, limit + 1);
    rv = cgf_db_select(r, list_sql, 5, args, &rows);
    if (rv != APR_SUCCESS)
        return cgf_http_db_error(r, rv);
    return cgf_http_send_list(r, rows, limit, scope);
}

/* the answer to a PATCH that changed nothing, in the contract's order
 * of checks: 404, then 412, then 409 */
static int patch_refused(cgf_req_t *cr, const cgf_rows_t *rows)
{
    int exists = strcmp(cgf_rows_get(rows, 0, 0), "0") != 0;
    int clash = strcmp(cgf_rows_get(rows, 0, 1), "0") != 0;
    int matched = !strcmp(cgf_rows_get(rows, 0, 4), "t");

    /* without If-Match only a concurrent DELETE can have taken it */
    if (!exists || (!clash && !apr_table_get(cr->r->headers_in, "If-Match")))
        return cgf_http_not_found(cr->r, "id");
    if (matched && clash)
        return cgf_http_error(cr->r, HTTP_CONFLICT, "conflict",
                              "You already have a webhook for this template "
                              "and endpoint_url.",
                              "body", "endpoint_url");

    /* a stale ETag, or a PATCH that changed the webhook in between */
    return cgf_http_error(
        cr->r, HTTP_PRECONDITION_FAILED, "precondition_failed",
        "The webhook has changed since that ETag.", "header", "if-match");
}

int cgf_api_webhook_patch(cgf_req_t *cr)
{
    request_rec *r = cr->r;
    cgf_url_policy_t policy = cgf_config_url_policy(cr->dconf);
    const char *id = cgf_http_path_id(cr);
    const char *args[11];
    const char *url, *sealed = NULL;
    secret_t secret;
    cgf_rows_t *rows;
    apr_status_t rv;

    cgf_v_fields(cr->body, known_patch, immutable_patch, cr->faults);
    url = cgf_v_url(r->pool, cr->body, "endpoint_url", 1, &policy, cr->faults);
    secret_rule(cr->body, 1, &secret, cr->faults);
    if (cr->faults->nelts)
        return cgf_http_faults(r, HTTP_BAD_REQUEST, cr->faults);
    if (!id)
        return cgf_http_not_found(r, "id");

    rv = seal(cr, &secret, id, &sealed);
    if (rv != APR_SUCCESS)
        return cgf_http_db_error(r, rv);

    args[0] = id;
    args[1] = r->user;
    args[2] = r->user;
    args[3] = url;
    args[4] = url;
    args[5] = secret.mode;
    args[6] = sealed;
    args[7] = cgf_http_if_match(r);
    args[8] = args[9] = args[10] = args[7];
    rv = cgf_db_select(r, patch_sql, 11, args, &rows);
    if (rv == CGF_DB_CONFLICT) {
        /* a racing PATCH took the same endpoint_url first: the retry
         * sees it and answers 409 */
        rv = cgf_db_select(r, patch_sql, 11, args, &rows);
    }
    if (rv != APR_SUCCESS)
        return cgf_http_db_error(r, rv);

    if (!*cgf_rows_get(rows, 0, 2))
        return patch_refused(cr, rows);
    return send_webhook(cr, HTTP_OK, cgf_rows_get(rows, 0, 2),
                        cgf_rows_get(rows, 0, 3), NULL);
}

int cgf_api_webhook_delete(cgf_req_t *cr)
{
    const char *args[4];
    cgf_rows_t *rows;

    args[2] = args[3] = cgf_http_if_match(cr->r);
    rows = cgf_http_select_owned(cr, delete_sql, 4, args);
    if (!rows)
        return OK;

    /* without If-Match only a concurrent DELETE can have taken it */
    if (!strcmp(cgf_rows_get(rows, 0, 0), "0") ||
        (!strcmp(cgf_rows_get(rows, 0, 1), "0") &&
         !apr_table_get(cr->r->headers_in, "If-Match")))
        return cgf_http_not_found(cr->r, "id");
    if (!strcmp(cgf_rows_get(rows, 0, 1), "0"))
        return cgf_http_error(
            cr->r, HTTP_PRECONDITION_FAILED, "precondition_failed",
            "The webhook has changed since that ETag.", "header", "if-match");
    return cgf_http_empty(cr->r, HTTP_NO_CONTENT);
}

int cgf_api_template_list(cgf_req_t *cr)
{
    cgf_rows_t *rows;
    const char *body;
    apr_status_t rv;

    if (cr->faults->nelts)
        return cgf_http_faults(cr->r, HTTP_BAD_REQUEST, cr->faults);

    rv = cgf_db_select(cr->r, template_sql, 0, NULL, &rows);
    if (rv != APR_SUCCESS)
        return cgf_http_db_error(cr->r, rv);
    body = apr_pstrcat(cr->r->pool, "{\"items\":", cgf_rows_get(rows, 0, 0),
                       "}", NULL);
    return cgf_http_send_text(cr->r, HTTP_OK, body, strlen(body));
}
