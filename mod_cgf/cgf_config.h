/* Directives and the per-server and per-directory configuration. */
#ifndef CGF_CONFIG_H
#define CGF_CONFIG_H

#include "httpd.h"
#include "http_config.h"

#include "cgf_crypto.h"
#include "cgf_url.h"

/* directive names, defined once */
#define CGF_DIR_ENABLE        "CGFEnable"
#define CGF_DIR_MAX_BODY      "CGFMaxBodySize"
#define CGF_DIR_KEY_FILE      "CGFSecretKeyFile"
#define CGF_DIR_ALLOW_HTTP    "CGFAllowHTTP"
#define CGF_DIR_ALLOW_PRIVATE "CGFAllowPrivate"
#define CGF_DIR_CORS_ORIGINS  "CGFCORSOrigins"
#define CGF_DIR_RETRY_AFTER   "CGFRetryAfter"
#define CGF_DIR_DB_TIMEOUT    "CGFDBTimeout"

#define CGF_DEFAULT_MAX_BODY    65536
#define CGF_DEFAULT_RETRY_AFTER 5
#define CGF_DEFAULT_DB_TIMEOUT  10

typedef struct cgf_srv_conf_t {
    const char *key_file;
    cgf_keyring_t *keyring;     /* loaded in post_config */
    int has_mount;              /* CGFEnable is on somewhere in this vhost */
    int cache_ns;               /* its part of the token cache */
    apr_uint64_t db_down_until; /* answer 503 at once until then */
} cgf_srv_conf_t;

typedef struct cgf_dir_conf_t {
    int enabled;        /* -1: unset */
    const char *mount;  /* where CGFEnable was set, no final / */
    apr_off_t max_body; /* -1: unset */
    int allow_http;     /* -1: unset */
    cgf_netlist_t *allow_private;
    apr_array_header_t *cors_origins; /* of const char * */
    int retry_after;                  /* -1: unset */
    int db_timeout;                   /* seconds; -1: unset */
} cgf_dir_conf_t;

extern const command_rec cgf_cmds[];

void *cgf_config_create_srv(apr_pool_t *p, server_rec *s);
void *cgf_config_merge_srv(apr_pool_t *p, void *basev, void *addv);
void *cgf_config_create_dir(apr_pool_t *p, char *dir);
void *cgf_config_merge_dir(apr_pool_t *p, void *basev, void *addv);

/* load every vhost's key file; refuses to start on a bad one */
int cgf_config_post(apr_pool_t *pconf, apr_pool_t *plog, apr_pool_t *ptemp,
                    server_rec *s);

/* a directive's whole number of seconds from lo to hi, else -1 */
int cgf_config_seconds(const char *arg, int lo, int hi);

cgf_dir_conf_t *cgf_dir_conf(request_rec *r);
cgf_srv_conf_t *cgf_srv_conf(server_rec *s);

/* the URL policy of a directory: http switch and private allow-list */
cgf_url_policy_t cgf_config_url_policy(const cgf_dir_conf_t *d);

#endif
