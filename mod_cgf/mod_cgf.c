/* mod_cgf: the CGF classroom-analysis API inside httpd.  This file
 * holds the module structure and the hook registration only. */
#define CGF_MODULE_MAIN
#include "cgf_http.h"
#include "cgf_jobs.h"
#include "cgf_router.h"
#include "cgf_token_cache.h"

/* under a mount: request id, CORS headers (runs before auth) */
static int cgf_header_parser(request_rec *r)
{
    cgf_dir_conf_t *d = cgf_dir_conf(r);

    if (d->enabled == 1 && r->main == NULL && r->prev == NULL)
        cgf_http_prepare(r, d);
    return DECLINED;
}

/* claim the requests under a mount for our handler */
static int cgf_fixups(request_rec *r)
{
    if (cgf_dir_conf(r)->enabled == 1)
        r->handler = CGF_HANDLER;
    return DECLINED;
}

/* keys, the token cache and the background thread; the first, dry pass
 * of a start only checks the keys */
static int cgf_post_config(apr_pool_t *pconf, apr_pool_t *plog,
                           apr_pool_t *ptemp, server_rec *s)
{
    int rc = cgf_config_post(pconf, plog, ptemp, s);

    if (rc != OK ||
        ap_state_query(AP_SQ_MAIN_STATE) == AP_SQ_MS_CREATE_PRE_CONFIG)
        return rc;

    rc = cgf_token_cache_post_config(pconf, s);
    return rc == OK ? cgf_jobs_post_config(pconf, s) : rc;
}

static void cgf_child_init(apr_pool_t *p, server_rec *s)
{
    cgf_token_cache_child_init(p, s);
    cgf_jobs_child_init(p, s);
}

static void cgf_register_hooks(apr_pool_t *p)
{
    /* mod_watchdog's post_config must see our callback registered */
    static const char *const before_watchdog[] = {"mod_watchdog.c", NULL};

    ap_hook_pre_config(cgf_token_cache_pre_config, NULL, NULL, APR_HOOK_MIDDLE);
    ap_hook_post_config(cgf_post_config, NULL, before_watchdog,
                        APR_HOOK_MIDDLE);
    ap_hook_child_init(cgf_child_init, NULL, NULL, APR_HOOK_MIDDLE);
    ap_hook_header_parser(cgf_header_parser, NULL, NULL, APR_HOOK_MIDDLE);
    ap_hook_check_authn(cgf_auth_check, NULL, NULL, APR_HOOK_MIDDLE,
                        AP_AUTH_INTERNAL_PER_CONF);
    ap_hook_note_auth_failure(cgf_auth_note_failure, NULL, NULL,
                              APR_HOOK_MIDDLE);
    ap_hook_fixups(cgf_fixups, NULL, NULL, APR_HOOK_REALLY_LAST);
    ap_hook_handler(cgf_router_handle, NULL, NULL, APR_HOOK_MIDDLE);
    ap_hook_insert_error_filter(cgf_http_insert_error_filter, NULL, NULL,
                                APR_HOOK_MIDDLE);
    cgf_http_register_filters();
    cgf_auth_register(p);
}

AP_DECLARE_MODULE(cgf) = {STANDARD20_MODULE_STUFF, cgf_config_create_dir,
                          cgf_config_merge_dir,    cgf_config_create_srv,
                          cgf_config_merge_srv,    cgf_cmds,
                          cgf_register_hooks,      AP_MODULE_FLAG_NONE};
