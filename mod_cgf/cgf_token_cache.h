/* The token cache: bearer-token checks served from httpd's shared-memory
 * object cache (mod_socache), for CGFTokenCacheTime seconds at most, and
 * dropped at once when PostgreSQL announces a revocation. */
#ifndef CGF_TOKEN_CACHE_H
#define CGF_TOKEN_CACHE_H

#include "httpd.h"
#include "http_config.h"

#define CGF_DIR_TOKEN_CACHE      "CGFTokenCache"
#define CGF_DIR_TOKEN_CACHE_TIME "CGFTokenCacheTime"
#define CGF_DEFAULT_TOKEN_TTL    10

/* the channel on which the revoke functions of sql/ NOTIFY token hashes */
#define CGF_REVOKE_CHANNEL "cgf_token_revoked"

/* directives: the provider ("shmcb" or "shmcb:/path(bytes)") and time */
const char *cgf_token_cache_set(cmd_parms *cmd, void *dv, const char *arg);
const char *cgf_token_cache_set_time(cmd_parms *cmd, void *dv, const char *arg);

/* 1 when a cache is configured */
int cgf_token_cache_enabled(void);

/* hooks: register the mutex, create the cache, attach children */
int cgf_token_cache_pre_config(apr_pool_t *pconf, apr_pool_t *plog,
                               apr_pool_t *ptemp);
int cgf_token_cache_post_config(apr_pool_t *pconf, server_rec *s);
void cgf_token_cache_child_init(apr_pool_t *p, server_rec *s);

/* the user of a token hash, or NULL when it is not cached */
const char *cgf_token_cache_get(request_rec *r, const char *hash);

/* remember a checked token until min(now + time, its expiry) */
void cgf_token_cache_put(request_rec *r, const char *hash, const char *user,
                         apr_time_t expires);

/* forget a token hash in every vhost's part of the cache */
void cgf_token_cache_drop(server_rec *s, const char *hash, apr_pool_t *p);

#endif
