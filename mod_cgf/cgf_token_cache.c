#include "ap_socache.h"
#include "ap_provider.h"
#include "util_mutex.h"

#include "cgf_private.h"
#include "cgf_token_cache.h"

#define MUTEX_TYPE "cgf-token-cache"

/* One cache for the whole server, created while the configuration is
 * read and shared by the children.  Keys are "<vhost>:<token hash>": a
 * token that one vhost's database knows must not pass on another's. */
static struct {
    const ap_socache_provider_t *provider;
    ap_socache_instance_t *instance;
    apr_global_mutex_t *mutex;
    apr_interval_time_t ttl;
    int nservers;
} cache = {NULL, NULL, NULL, 0, 0};

const char *cgf_token_cache_set(cmd_parms *cmd, void *dv, const char *arg)
{
    const char *err = ap_check_cmd_context(cmd, GLOBAL_ONLY);
    const char *sep = ap_strchr_c(arg, ':');
    const char *name = sep ? apr_pstrmemdup(cmd->pool, arg, sep - arg) : arg;

    if (err)
        return err;

    cache.provider = ap_lookup_provider(AP_SOCACHE_PROVIDER_GROUP, name,
                                        AP_SOCACHE_PROVIDER_VERSION);
    if (!cache.provider)
        return apr_psprintf(cmd->pool,
                            CGF_DIR_TOKEN_CACHE
                            ": no socache "
                            "provider '%s' (LoadModule socache_%s_module?)",
                            name, name);
    err = cache.provider->create(&cache.instance, sep ? sep + 1 : NULL,
                                 cmd->temp_pool, cmd->pool);
    return err ? apr_pstrcat(cmd->pool, CGF_DIR_TOKEN_CACHE ": ", err, NULL)
               : NULL;
}

const char *cgf_token_cache_set_time(cmd_parms *cmd, void *dv, const char *arg)
{
    const char *err = ap_check_cmd_context(cmd, GLOBAL_ONLY);
    int n = cgf_config_seconds(arg, 1, 3600);

    if (err)
        return err;
    if (n < 0)
        return CGF_DIR_TOKEN_CACHE_TIME " takes seconds, 1 to 3600";
    cache.ttl = apr_time_from_sec(n);
    return NULL;
}

int cgf_token_cache_enabled(void)
{
    return cache.instance != NULL;
}

int cgf_token_cache_pre_config(apr_pool_t *pconf, apr_pool_t *plog,
                               apr_pool_t *ptemp)
{
    /* a reload reads the directives anew */
    cache.provider = NULL;
    cache.instance = NULL;
    cache.ttl = 0;
    return ap_mutex_register(pconf, MUTEX_TYPE, NULL, APR_LOCK_DEFAULT, 0);
}

static apr_status_t cache_destroy(void *data)
{
    server_rec *s = data;

    if (cache.instance)
        cache.provider->destroy(cache.instance, s);
    cache.instance = NULL;
    return APR_SUCCESS;
}

/* number every vhost, for its part of the key space */
static void number_servers(server_rec *s)
{
    int n = 0;

    for (; s; s = s->next)
        cgf_srv_conf(s)->cache_ns = n++;
    cache.nservers = n;
}

int cgf_token_cache_post_config(apr_pool_t *pconf, server_rec *s)
{
    struct ap_socache_hints hints = {78, 40, apr_time_from_sec(30)};
    apr_status_t rv;

    number_servers(s);
    if (!cache.instance)
        return OK;
    if (!cache.ttl)
        cache.ttl = apr_time_from_sec(CGF_DEFAULT_TOKEN_TTL);

    rv = ap_global_mutex_create(&cache.mutex, NULL, MUTEX_TYPE, NULL, s, pconf,
                                0);
    if (rv == APR_SUCCESS)
        rv = cache.provider->init(cache.instance, MUTEX_TYPE, &hints, s, pconf);
    if (rv != APR_SUCCESS) {
        ap_log_error(APLOG_MARK, APLOG_CRIT, rv, s,
                     CGF_LOGNO(00701) "cannot create the token cache");
        return HTTP_INTERNAL_SERVER_ERROR;
    }
    apr_pool_cleanup_register(pconf, s, cache_destroy, apr_pool_cleanup_null);
    return OK;
}

void cgf_token_cache_child_init(apr_pool_t *p, server_rec *s)
{
    apr_status_t rv;

    if (!cache.mutex)
        return;
    rv = apr_global_mutex_child_init(&cache.mutex,
                                     apr_global_mutex_lockfile(cache.mutex), p);
    if (rv != APR_SUCCESS)
        ap_log_error(APLOG_MARK, APLOG_CRIT, rv, s,
                     CGF_LOGNO(00702) "cannot attach to the token cache "
                                      "lock");
}

/* the cache key of a token hash in one vhost's part: the hash's raw
 * bytes first, since shmcb picks a subcache by the key's first byte (a
 * text prefix would put every token in one subcache) */
static const char *key_of(apr_pool_t *p, int ns, const char *hash)
{
    char *key = apr_palloc(p, 32 + 16);
    int i;

    for (i = 0;
         i < 32 && apr_isxdigit(hash[2 * i]) && apr_isxdigit(hash[2 * i + 1]);
         i++) {
        char byte[3] = {hash[2 * i], hash[2 * i + 1], '\0'};

        key[i] = (char)strtol(byte, NULL, 16);
    }
    apr_snprintf(key + 32, 16, ":%d", ns);
    return key;
}

#define KEY_LEN(key) (32 + strlen((key) + 32))

/* run op under the cache lock when the provider needs one */
static int locked(server_rec *s)
{
    if (!(cache.provider->flags & AP_SOCACHE_FLAG_NOTMPSAFE))
        return 1;
    if (apr_global_mutex_lock(cache.mutex) == APR_SUCCESS)
        return 1;
    ap_log_error(APLOG_MARK, APLOG_ERR, 0, s,
                 CGF_LOGNO(00703) "cannot lock the token cache");
    return 0;
}

static void unlock(void)
{
    if (cache.provider->flags & AP_SOCACHE_FLAG_NOTMPSAFE)
        apr_global_mutex_unlock(cache.mutex);
}

const char *cgf_token_cache_get(request_rec *r, const char *hash)
{
    const char *key = key_of(r->pool, cgf_srv_conf(r->server)->cache_ns, hash);
    unsigned char user[160];
    unsigned int len = sizeof(user) - 1;
    apr_status_t rv;

    if (!cache.instance || !locked(r->server))
        return NULL;
    rv = cache.provider->retrieve(cache.instance, r->server,
                                  (const unsigned char *)key, KEY_LEN(key),
                                  user, &len, r->pool);
    unlock();

    if (rv != APR_SUCCESS || len == 0)
        return NULL;
    return apr_pstrmemdup(r->pool, (const char *)user, len);
}

void cgf_token_cache_put(request_rec *r, const char *hash, const char *user,
                         apr_time_t expires)
{
    const char *key = key_of(r->pool, cgf_srv_conf(r->server)->cache_ns, hash);
    apr_time_t until = apr_time_now() + cache.ttl;

    if (!cache.instance || !locked(r->server))
        return;
    cache.provider->store(cache.instance, r->server, (const unsigned char *)key,
                          KEY_LEN(key), expires < until ? expires : until,
                          (unsigned char *)user, strlen(user), r->pool);
    unlock();
}

void cgf_token_cache_drop(server_rec *s, const char *hash, apr_pool_t *p)
{
    int ns;

    if (!cache.instance || !locked(s))
        return;
    for (ns = 0; ns < cache.nservers; ns++) {
        const char *key = key_of(p, ns, hash);

        cache.provider->remove(cache.instance, s, (const unsigned char *)key,
                               KEY_LEN(key), p);
    }
    unlock();
}
