#include <libpq-fe.h>

#include <apr_dbd.h>

#include <apr_thread_mutex.h>

#include "mod_dbd.h"
#include "mod_watchdog.h"

#include "cgf_private.h"
#include "cgf_jobs.h"
#include "cgf_token_cache.h"

#define WATCHDOG_NAME "_cgf_jobs_"
#define TICK          apr_time_from_msec(200)

/* one LISTEN connection per vhost that serves the API; vhosts whose
 * connections reach the same database share the first one's */
typedef struct listener_t {
    server_rec *s;
    ap_dbd_t *dbd;  /* NULL until connected */
    const char *db; /* the database it reaches, once connected */
    int shared;     /* another listener covers this database */
} listener_t;

typedef struct jobs_t {
    apr_pool_t *pool; /* lives as long as the watchdog thread */
    apr_array_header_t *listeners;
    apr_thread_mutex_t *lock; /* ticks against the child's exit */
    int stopping;
} jobs_t;

static jobs_t *jobs_of_server;

static APR_OPTIONAL_FN_TYPE(ap_dbd_open) * dbd_open;
static APR_OPTIONAL_FN_TYPE(ap_dbd_close) * dbd_close;

static PGconn *native(ap_dbd_t *dbd)
{
    return apr_dbd_native_handle(dbd->driver, dbd->handle);
}

/* run a statement that returns at most one value; NULL on failure */
static const char *exec_one(apr_pool_t *p, PGconn *conn, const char *sql)
{
    PGresult *res = PQexec(conn, sql);
    const char *v = NULL;

    if (PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1)
        v = apr_pstrdup(p, PQgetvalue(res, 0, 0));
    else if (PQresultStatus(res) == PGRES_COMMAND_OK)
        v = "";
    PQclear(res);
    return v;
}

/* 1 if an earlier listener already reaches database db */
static int covered(jobs_t *jobs, listener_t *self, const char *db)
{
    int i;

    for (i = 0; i < jobs->listeners->nelts; i++) {
        listener_t *l = &APR_ARRAY_IDX(jobs->listeners, i, listener_t);

        if (l != self && l->dbd && !l->shared && l->db && !strcmp(l->db, db))
            return 1;
    }
    return 0;
}

/* connect a listener and LISTEN; a vhost sharing another's database
 * gives its connection back */
static void listen_on(jobs_t *jobs, listener_t *l)
{
    const char *db;

    l->dbd = dbd_open(jobs->pool, l->s);
    if (!l->dbd)
        return;

    db = exec_one(jobs->pool, native(l->dbd),
                  "SELECT coalesce(host(inet_server_addr()), 'local')"
                  " || ':' || coalesce(inet_server_port(), 0)"
                  " || '/' || current_database()");
    if (db && covered(jobs, l, db)) {
        l->shared = 1;
        dbd_close(l->s, l->dbd);
        l->dbd = NULL;
        return;
    }
    if (!db ||
        !exec_one(jobs->pool, native(l->dbd), "LISTEN " CGF_REVOKE_CHANNEL)) {
        dbd_close(l->s, l->dbd);
        l->dbd = NULL;
        return;
    }
    l->db = db;
    ap_log_error(APLOG_MARK, APLOG_DEBUG, 0, l->s,
                 CGF_LOGNO(00711) "listening for token revocations");
}

/* drop every token the database announced as revoked */
static void drain(jobs_t *jobs, listener_t *l, apr_pool_t *ptemp)
{
    PGconn *conn = native(l->dbd);
    PGnotify *n;

    PQconsumeInput(conn);
    while ((n = PQnotifies(conn)) != NULL) {
        cgf_token_cache_drop(l->s, n->extra, ptemp);
        PQfreemem(n);
    }

    /* a broken connection is given back; the next tick reconnects.
     * NB: a revocation announced while no listener is connected takes
     * effect when its cache entry expires (CGFTokenCacheTime). */
    if (PQstatus(conn) != CONNECTION_OK) {
        ap_log_error(APLOG_MARK, APLOG_WARNING, 0, l->s,
                     CGF_LOGNO(00712) "revocation listener lost its "
                                      "connection; reconnecting");
        dbd_close(l->s, l->dbd);
        l->dbd = NULL;
        l->db = NULL;
    }
}

static void tick(jobs_t *jobs, apr_pool_t *ptemp)
{
    int i;

    for (i = 0; i < jobs->listeners->nelts; i++) {
        listener_t *l = &APR_ARRAY_IDX(jobs->listeners, i, listener_t);

        if (l->shared)
            continue;
        if (!l->dbd)
            listen_on(jobs, l);
        if (l->dbd)
            drain(jobs, l, ptemp);
    }
}

static void close_all(jobs_t *jobs)
{
    int i;

    for (i = 0; i < jobs->listeners->nelts; i++) {
        listener_t *l = &APR_ARRAY_IDX(jobs->listeners, i, listener_t);

        if (l->dbd)
            dbd_close(l->s, l->dbd);
        l->dbd = NULL;
    }
}

/* the watchdog callback; no database work while starting, since
 * mod_dbd's child_init may not have run yet */
static apr_status_t jobs_callback(int state, void *data, apr_pool_t *ptemp)
{
    jobs_t *jobs = data;

    apr_thread_mutex_lock(jobs->lock);
    if (state == AP_WATCHDOG_STATE_RUNNING && !jobs->stopping)
        tick(jobs, ptemp);
    else if (state == AP_WATCHDOG_STATE_STOPPING)
        close_all(jobs);
    apr_thread_mutex_unlock(jobs->lock);
    return APR_SUCCESS;
}

/* A child's pool destroys mod_dbd's connection pools before it stops the
 * watchdog thread, and a pool that still lends a connection aborts: so
 * the connections go back first, and the thread touches them no more. */
static apr_status_t jobs_child_exit(void *data)
{
    jobs_t *jobs = data;

    apr_thread_mutex_lock(jobs->lock);
    jobs->stopping = 1;
    close_all(jobs);
    apr_thread_mutex_unlock(jobs->lock);
    return APR_SUCCESS;
}

void cgf_jobs_child_init(apr_pool_t *pchild, server_rec *s)
{
    if (jobs_of_server)
        apr_pool_pre_cleanup_register(pchild, jobs_of_server, jobs_child_exit);
}

/* a listener for every vhost that mounts the API */
static jobs_t *jobs_make(apr_pool_t *pconf, server_rec *s)
{
    jobs_t *jobs = apr_pcalloc(pconf, sizeof(*jobs));

    apr_pool_create(&jobs->pool, pconf);
    apr_thread_mutex_create(&jobs->lock, APR_THREAD_MUTEX_DEFAULT, pconf);
    jobs->listeners = apr_array_make(pconf, 4, sizeof(listener_t));
    for (; s; s = s->next) {
        listener_t *l;

        if (!cgf_srv_conf(s)->has_mount)
            continue;
        l = apr_array_push(jobs->listeners);
        memset(l, 0, sizeof(*l));
        l->s = s;
    }
    return jobs;
}

int cgf_jobs_post_config(apr_pool_t *pconf, server_rec *s)
{
    APR_OPTIONAL_FN_TYPE(ap_watchdog_get_instance) * get_instance;
    APR_OPTIONAL_FN_TYPE(ap_watchdog_register_callback) * register_cb;
    ap_watchdog_t *wd;
    apr_status_t rv;

    jobs_of_server = NULL;
    if (!cgf_token_cache_enabled())
        return OK;

    get_instance = APR_RETRIEVE_OPTIONAL_FN(ap_watchdog_get_instance);
    register_cb = APR_RETRIEVE_OPTIONAL_FN(ap_watchdog_register_callback);
    dbd_open = APR_RETRIEVE_OPTIONAL_FN(ap_dbd_open);
    dbd_close = APR_RETRIEVE_OPTIONAL_FN(ap_dbd_close);
    if (!get_instance || !register_cb || !dbd_open || !dbd_close) {
        ap_log_error(APLOG_MARK, APLOG_CRIT, 0, s,
                     CGF_LOGNO(00713) CGF_DIR_TOKEN_CACHE
                     " needs "
                     "mod_watchdog and mod_dbd");
        return HTTP_INTERNAL_SERVER_ERROR;
    }

    jobs_of_server = jobs_make(pconf, s);
    rv = get_instance(&wd, WATCHDOG_NAME, 0, 1, pconf);
    if (rv == APR_SUCCESS)
        rv = register_cb(wd, TICK, jobs_of_server, jobs_callback);
    if (rv != APR_SUCCESS) {
        ap_log_error(APLOG_MARK, APLOG_CRIT, rv, s,
                     CGF_LOGNO(00714) "cannot start the background thread");
        return HTTP_INTERNAL_SERVER_ERROR;
    }
    return OK;
}
