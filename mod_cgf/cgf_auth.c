#include "mod_auth.h"

#include "cgf_http.h"
#include "cgf_crypto.h"
#include "cgf_db.h"
#include "cgf_router.h"
#include "cgf_token_cache.h"

#define AUTH_TYPE "CGF"
#define CHALLENGE "Bearer realm=\"cgf\""

static const char *const token_sql =
    "SELECT user_id, cgf_us(expires_at) FROM cgf_token"
    " WHERE token_hash = %s AND revoked_at IS NULL AND expires_at > now()";

/* 401 with the RFC 6750 challenge; error="invalid_token" when a token
 * was sent; DONE, since the answer is already written */
static int unauthorized(request_rec *r, int sent, const char *msg)
{
    apr_table_setn(r->err_headers_out, "WWW-Authenticate",
                   sent ? CHALLENGE ", error=\"invalid_token\"" : CHALLENGE);
    cgf_http_error(r, HTTP_UNAUTHORIZED,
                   sent ? "invalid_token" : "missing_token", msg, "header",
                   "authorization");
    return DONE;
}

/* the bearer token of r's Authorization header, or NULL */
static const char *bearer_of(request_rec *r)
{
    const char *auth = apr_table_get(r->headers_in, "Authorization");
    const char *scheme;

    if (!auth)
        return NULL;
    scheme = ap_getword_white(r->pool, &auth);
    if (ap_cstr_casecmp(scheme, "Bearer"))
        return NULL;
    while (apr_isspace(*auth))
        auth++;
    return auth;
}

int cgf_auth_bearer(request_rec *r)
{
    const char *token = bearer_of(r);
    const char *args[1];
    const char *user;
    char hash[65];
    cgf_rows_t *rows;
    apr_status_t rv;

    if (!token)
        return unauthorized(r, 0, "A bearer token is required.");
    if (!cgf_token_well_formed(token))
        return unauthorized(r, 1, "The bearer token is malformed.");

    /* tokens are stored only as their SHA-256 */
    cgf_sha256_hex(token, strlen(token), hash);
    user = cgf_token_cache_get(r, hash);
    if (!user) {
        args[0] = hash;
        rv = cgf_db_select(r, token_sql, 1, args, &rows);
        if (rv != APR_SUCCESS) {
            cgf_http_db_error(r, rv);
            return DONE;
        }
        if (rows->nrows != 1)
            return unauthorized(r, 1,
                                "The bearer token is unknown, "
                                "expired or revoked.");
        user = cgf_rows_get(rows, 0, 0);
        cgf_token_cache_put(r, hash, user,
                            apr_atoi64(cgf_rows_get(rows, 0, 1)));
    }

    r->user = apr_pstrdup(r->pool, user);
    r->ap_auth_type = AUTH_TYPE;
    return OK;
}

int cgf_auth_check(request_rec *r)
{
    const char *type = ap_auth_type(r);

    /* AuthType CGF asks for a token wherever it applies, also where
     * CGFEnable is off (else httpd would find no module for it) */
    if (!type || ap_cstr_casecmp(type, AUTH_TYPE))
        return DECLINED;
    return cgf_auth_bearer(r);
}

int cgf_auth_note_failure(request_rec *r, const char *auth_type)
{
    if (ap_cstr_casecmp(auth_type, AUTH_TYPE))
        return DECLINED;
    apr_table_setn(r->err_headers_out, "WWW-Authenticate", CHALLENGE);
    return OK;
}

/* "Require cgf-client": /health and CORS preflights are open; the rest
 * needs a user, from AuthType CGF or another auth module */
static authz_status client_check(request_rec *r, const char *line,
                                 const void *parsed)
{
    if (cgf_route_is_public(r, cgf_dir_conf(r)))
        return AUTHZ_GRANTED;
    return r->user ? AUTHZ_GRANTED : AUTHZ_DENIED_NO_USER;
}

static const authz_provider client_provider = {client_check, NULL};

void cgf_auth_register(apr_pool_t *p)
{
    ap_register_auth_provider(p, AUTHZ_PROVIDER_GROUP, "cgf-client",
                              AUTHZ_PROVIDER_VERSION, &client_provider,
                              AP_AUTH_INTERNAL_PER_CONF);
}
