#include <apr_hash.h>

#include "cgf_private.h"
#include "cgf_token_cache.h"

/* an unset value in a directory configuration, so merges can tell */
#define UNSET (-1)

cgf_dir_conf_t *cgf_dir_conf(request_rec *r)
{
    return ap_get_module_config(r->per_dir_config, &cgf_module);
}

cgf_srv_conf_t *cgf_srv_conf(server_rec *s)
{
    return ap_get_module_config(s->module_config, &cgf_module);
}

void *cgf_config_create_srv(apr_pool_t *p, server_rec *s)
{
    return apr_pcalloc(p, sizeof(cgf_srv_conf_t));
}

void *cgf_config_merge_srv(apr_pool_t *p, void *basev, void *addv)
{
    cgf_srv_conf_t *base = basev, *add = addv;
    cgf_srv_conf_t *conf = apr_pcalloc(p, sizeof(*conf));

    conf->key_file = add->key_file ? add->key_file : base->key_file;
    conf->has_mount = add->has_mount;
    return conf;
}

void *cgf_config_create_dir(apr_pool_t *p, char *dir)
{
    cgf_dir_conf_t *d = apr_pcalloc(p, sizeof(*d));

    d->enabled = UNSET;
    d->max_body = UNSET;
    d->allow_http = UNSET;
    d->retry_after = UNSET;
    d->db_timeout = UNSET;
    return d;
}

void *cgf_config_merge_dir(apr_pool_t *p, void *basev, void *addv)
{
    cgf_dir_conf_t *base = basev, *add = addv;
    cgf_dir_conf_t *d = apr_pcalloc(p, sizeof(*d));

    d->enabled = add->enabled != UNSET ? add->enabled : base->enabled;
    d->mount = add->enabled != UNSET ? add->mount : base->mount;
    d->max_body = add->max_body != UNSET ? add->max_body : base->max_body;
    d->allow_http =
        add->allow_http != UNSET ? add->allow_http : base->allow_http;
    d->retry_after =
        add->retry_after != UNSET ? add->retry_after : base->retry_after;
    d->db_timeout =
        add->db_timeout != UNSET ? add->db_timeout : base->db_timeout;
    d->allow_private =
        add->allow_private ? add->allow_private : base->allow_private;
    d->cors_origins =
        add->cors_origins ? add->cors_origins : base->cors_origins;
    return d;
}

cgf_url_policy_t cgf_config_url_policy(const cgf_dir_conf_t *d)
{
    cgf_url_policy_t policy;

    policy.allow_http = d->allow_http == 1;
    policy.allow = d->allow_private;
    policy.require_mp3 = 0;
    return policy;
}

/* CGFEnable: mounts the API where it is set; the path of the enclosing
 * <Location> (none at vhost level) is the root of every route */
static const char *set_enable(cmd_parms *cmd, void *dv, int on)
{
    cgf_dir_conf_t *d = dv;
    const char *path = cmd->path ? cmd->path : "";
    apr_size_t len = strlen(path);

    if (cmd->path && ap_strchr_c(path, '*'))
        return CGF_DIR_ENABLE " does not support wildcard locations";

    while (len > 0 && path[len - 1] == '/')
        len--;
    d->enabled = on;
    d->mount = apr_pstrmemdup(cmd->pool, path, len);
    if (on)
        cgf_srv_conf(cmd->server)->has_mount = 1;
    return NULL;
}

static const char *set_max_body(cmd_parms *cmd, void *dv, const char *arg)
{
    cgf_dir_conf_t *d = dv;
    apr_off_t n;

    if (apr_strtoff(&n, arg, NULL, 10) != APR_SUCCESS || n < 1 ||
        n > 64 * 1024 * 1024)
        return CGF_DIR_MAX_BODY " takes a size in bytes, 1 to 67108864";
    d->max_body = n;
    return NULL;
}

static const char *set_allow_http(cmd_parms *cmd, void *dv, int on)
{
    ((cgf_dir_conf_t *)dv)->allow_http = on;
    return NULL;
}

static const char *set_allow_private(cmd_parms *cmd, void *dv, const char *arg)
{
    cgf_dir_conf_t *d = dv;
    const char *err = NULL;

    if (cgf_netlist_add(cmd->pool, &d->allow_private, arg, &err) != APR_SUCCESS)
        return apr_psprintf(cmd->pool, CGF_DIR_ALLOW_PRIVATE " %s: %s", arg,
                            err ? err : "not an address, network or host");
    return NULL;
}

static const char *set_cors_origin(cmd_parms *cmd, void *dv, const char *arg)
{
    cgf_dir_conf_t *d = dv;

    if (strncmp(arg, "https://", 8) && strncmp(arg, "http://", 7))
        return CGF_DIR_CORS_ORIGINS " takes origins like https://app.example";
    if (!d->cors_origins)
        d->cors_origins = apr_array_make(cmd->pool, 2, sizeof(char *));
    *(const char **)apr_array_push(d->cors_origins) = arg;
    return NULL;
}

int cgf_config_seconds(const char *arg, int lo, int hi)
{
    char *end = NULL;
    long n = strtol(arg, &end, 10);

    if (!apr_isdigit(*arg) || *end || n < lo || n > hi)
        return -1;
    return (int)n;
}

static const char *set_retry_after(cmd_parms *cmd, void *dv, const char *arg)
{
    int n = cgf_config_seconds(arg, 1, 3600);

    if (n < 0)
        return CGF_DIR_RETRY_AFTER " takes seconds, 1 to 3600";
    ((cgf_dir_conf_t *)dv)->retry_after = n;
    return NULL;
}

static const char *set_db_timeout(cmd_parms *cmd, void *dv, const char *arg)
{
    int n = cgf_config_seconds(arg, 1, 300);

    if (n < 0)
        return CGF_DIR_DB_TIMEOUT " takes seconds, 1 to 300";
    ((cgf_dir_conf_t *)dv)->db_timeout = n;
    return NULL;
}

static const char *set_key_file(cmd_parms *cmd, void *dv, const char *arg)
{
    cgf_srv_conf_t *conf = cgf_srv_conf(cmd->server);

    conf->key_file = ap_server_root_relative(cmd->pool, arg);
    if (!conf->key_file)
        return apr_pstrcat(cmd->pool, CGF_DIR_KEY_FILE ": bad path ", arg,
                           NULL);
    return NULL;
}

/* clang-format off */
const command_rec cgf_cmds[] = {
    AP_INIT_FLAG(CGF_DIR_ENABLE, set_enable, NULL, ACCESS_CONF | RSRC_CONF,
                 "On to serve the CGF API at this location"),
    AP_INIT_TAKE1(CGF_DIR_MAX_BODY, set_max_body, NULL,
                  ACCESS_CONF | RSRC_CONF,
                  "largest request body in bytes (default 65536)"),
    AP_INIT_FLAG(CGF_DIR_ALLOW_HTTP, set_allow_http, NULL,
                 ACCESS_CONF | RSRC_CONF,
                 "On to accept http:// URLs (development only)"),
    AP_INIT_ITERATE(CGF_DIR_ALLOW_PRIVATE, set_allow_private, NULL,
                    ACCESS_CONF | RSRC_CONF,
                    "private hosts or networks that URLs may name"),
    AP_INIT_ITERATE(CGF_DIR_CORS_ORIGINS, set_cors_origin, NULL,
                    ACCESS_CONF | RSRC_CONF,
                    "origins allowed to call the API from a browser"),
    AP_INIT_TAKE1(CGF_DIR_RETRY_AFTER, set_retry_after, NULL,
                  ACCESS_CONF | RSRC_CONF,
                  "Retry-After seconds when storage is down (default 5)"),
    AP_INIT_TAKE1(CGF_DIR_DB_TIMEOUT, set_db_timeout, NULL,
                  ACCESS_CONF | RSRC_CONF,
                  "seconds to wait for a database answer (default 10)"),
    AP_INIT_TAKE1(CGF_DIR_TOKEN_CACHE, cgf_token_cache_set, NULL, RSRC_CONF,
                  "socache provider for token checks, e.g. shmcb"),
    AP_INIT_TAKE1(CGF_DIR_TOKEN_CACHE_TIME, cgf_token_cache_set_time, NULL,
                  RSRC_CONF, "seconds a token check is cached (default 10)"),
    AP_INIT_TAKE1(CGF_DIR_KEY_FILE, set_key_file, NULL, RSRC_CONF,
                  "file with the keys that seal webhook secrets"),
    {NULL}
};
/* clang-format on */

/* load one server's key file, refusing to start on a bad one */
static int load_keyring(apr_pool_t *pconf, server_rec *s, cgf_srv_conf_t *conf)
{
    const char *err = NULL;
    apr_status_t rv;

    rv = cgf_keyring_load(pconf, conf->key_file, &conf->keyring, &err);
    if (rv != APR_SUCCESS) {
        ap_log_error(APLOG_MARK, APLOG_CRIT, rv, s,
                     CGF_LOGNO(00001) CGF_DIR_KEY_FILE " %s: %s",
                     conf->key_file, err ? err : "cannot be loaded");
        return HTTP_INTERNAL_SERVER_ERROR;
    }

    if (cgf_keyring_loose_mode(conf->keyring))
        ap_log_error(APLOG_MARK, APLOG_WARNING, 0, s,
                     CGF_LOGNO(00002) CGF_DIR_KEY_FILE
                     " %s is readable by "
                     "group or others; chmod 600 it",
                     conf->key_file);
    return OK;
}

int cgf_config_post(apr_pool_t *pconf, apr_pool_t *plog, apr_pool_t *ptemp,
                    server_rec *s)
{
    apr_hash_t *loaded = apr_hash_make(ptemp);

    for (; s; s = s->next) {
        cgf_srv_conf_t *conf = cgf_srv_conf(s);
        cgf_keyring_t *kr;
        int rc;

        if (!conf->key_file)
            continue;

        /* vhosts that name the same file share one keyring */
        kr = apr_hash_get(loaded, conf->key_file, APR_HASH_KEY_STRING);
        if (kr) {
            conf->keyring = kr;
            continue;
        }
        rc = load_keyring(pconf, s, conf);
        if (rc != OK)
            return rc;
        apr_hash_set(loaded, conf->key_file, APR_HASH_KEY_STRING,
                     conf->keyring);
    }
    return OK;
}
