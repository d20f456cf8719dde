#include <poll.h>
#include <sys/socket.h>

#include <libpq-fe.h>

#include <apr_atomic.h>
#include <apr_dbd.h>

#include "mod_dbd.h"

#include "cgf_private.h"
#include "cgf_db.h"

/* Statements run on the pooled connection that mod_dbd hands out, through
 * libpq on apr_dbd's native handle: apr_dbd's own calls wait without a
 * bound, so a database that accepts connections but never answers would
 * hold the request forever.  They are unnamed (PQsendQueryParams), which
 * survives a PQreset, where PREPAREd statements of a reset connection
 * would be gone.  NB: PostgreSQL plans each statement anew. */

#define SQLSTATE_UNIQUE   "23505"
#define SQLSTATE_CANCELED "57014"

/* After a vhost's database was found down, its requests in this child
 * answer 503 at once for a moment, instead of each waiting out
 * connect_timeout in turn behind the others */
#define DOWN_PAUSE apr_time_from_msec(500)

static APR_OPTIONAL_FN_TYPE(ap_dbd_acquire) * dbd_acquire;
/* the moment until which r's vhost answers 503 at once */
static apr_uint64_t *down_until(request_rec *r)
{
    return &cgf_srv_conf(r->server)->db_down_until;
}

static apr_status_t mark_down(request_rec *r)
{
    apr_atomic_set64(down_until(r),
                     (apr_uint64_t)(apr_time_now() + DOWN_PAUSE));
    return CGF_DB_DOWN;
}

const char *cgf_rows_get(const cgf_rows_t *rows, int row, int col)
{
    if (row < 0 || row >= rows->nrows || col < 0 || col >= rows->ncols)
        return "";
    return rows->cells[row * rows->ncols + col];
}

/* APR's "%s" placeholders as libpq's "$n"; "%%" is a literal "%" */
static const char *dollar_sql(apr_pool_t *p, const char *sql)
{
    char *out = apr_palloc(p, strlen(sql) * 2 + 1);
    char *o = out;
    int n = 0;

    while (*sql) {
        if (sql[0] == '%' && sql[1] == 's') {
            o += sprintf(o, "$%d", ++n);
            sql += 2;
        }
        else if (sql[0] == '%' && sql[1] == '%') {
            *o++ = '%';
            sql += 2;
        }
        else {
            *o++ = *sql++;
        }
    }
    *o = '\0';
    return out;
}

/* copy a result into pool memory, so it can be cleared at once */
static cgf_rows_t *copy_rows(apr_pool_t *p, const PGresult *res)
{
    cgf_rows_t *rows = apr_pcalloc(p, sizeof(*rows));
    int i, j;

    rows->nrows = PQntuples(res);
    rows->ncols = PQnfields(res);
    rows->cells =
        apr_pcalloc(p, sizeof(char *) * (rows->nrows * rows->ncols + 1));

    for (i = 0; i < rows->nrows; i++) {
        for (j = 0; j < rows->ncols; j++)
            rows->cells[i * rows->ncols + j] = apr_pstrmemdup(
                p, PQgetvalue(res, i, j), PQgetlength(res, i, j));
    }
    return rows;
}

/* wait until the connection has input or the deadline passes */
static int wait_input(PGconn *conn, apr_time_t deadline)
{
    struct pollfd pfd;
    apr_interval_time_t left = deadline - apr_time_now();
    int rc;

    if (left <= 0)
        return 0;
    pfd.fd = PQsocket(conn);
    pfd.events = POLLIN;
    do {
        rc = poll(&pfd, 1, (int)apr_time_as_msec(left) + 1);
    } while (rc < 0 && errno == EINTR);
    return rc > 0;
}

/* a connection whose answer is overdue is unusable: cut it, so libpq
 * marks it bad and mod_dbd's next check reconnects */
static void abandon(PGconn *conn)
{
    shutdown(PQsocket(conn), SHUT_RDWR);
    PQconsumeInput(conn);
}

/* send one statement and collect its last result within the deadline;
 * NULL when it could not be sent, the connection failed or time ran out */
static PGresult *run_bounded(PGconn *conn, const char *sql, int nargs,
                             const char *const *args, apr_time_t deadline,
                             int *late)
{
    PGresult *last = NULL, *res;

    if (!PQsendQueryParams(conn, sql, nargs, NULL, args, NULL, NULL, 0))
        return NULL;

    for (;;) {
        while (PQisBusy(conn)) {
            if (!wait_input(conn, deadline)) {
                *late = 1;
                abandon(conn);
                PQclear(last);
                return NULL;
            }
            if (!PQconsumeInput(conn)) {
                PQclear(last);
                return NULL;
            }
        }
        res = PQgetResult(conn);
        if (!res)
            return last;
        PQclear(last);
        last = res;
    }
}

/* the outcome of a failed statement, logged at the level it deserves */
static apr_status_t failure(request_rec *r, PGconn *conn, PGresult *res,
                            int late)
{
    const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : "";
    const char *msg = res ? PQresultErrorMessage(res) : PQerrorMessage(conn);

    if (late) {
        ap_log_rerror(APLOG_MARK, APLOG_ERR, 0, r,
                      CGF_LOGNO(00104) "the database did not answer in "
                                       "time; connection abandoned");
        return mark_down(r);
    }
    if (state && !strcmp(state, SQLSTATE_UNIQUE)) {
        ap_log_rerror(APLOG_MARK, APLOG_INFO, 0, r,
                      CGF_LOGNO(00106) "a concurrent request took the same "
                                       "unique value first");
        return CGF_DB_CONFLICT;
    }
    if (state && !strcmp(state, SQLSTATE_CANCELED)) {
        ap_log_rerror(APLOG_MARK, APLOG_ERR, 0, r,
                      CGF_LOGNO(00107) "database statement timed out: %s", msg);
        return CGF_DB_DOWN;
    }
    ap_log_rerror(APLOG_MARK, APLOG_ERR, 0, r,
                  CGF_LOGNO(00105) "database statement failed: %s",
                  msg ? msg : "(no message)");
    return CGF_DB_ERROR;
}

/* the pooled connection of r, or NULL after logging why not */
static ap_dbd_t *connection(request_rec *r)
{
    ap_dbd_t *dbd;

    if (!dbd_acquire)
        dbd_acquire = APR_RETRIEVE_OPTIONAL_FN(ap_dbd_acquire);
    dbd = dbd_acquire ? dbd_acquire(r) : NULL;
    if (!dbd)
        ap_log_rerror(APLOG_MARK, APLOG_ERR, 0, r,
                      CGF_LOGNO(00101) "mod_dbd has no database connection "
                                       "(the database is down, or mod_dbd "
                                       "is not configured for this vhost)");
    return dbd;
}

/* PostgreSQL must give up on a statement before we stop waiting for it:
 * a statement we abandon at the deadline could still commit after our
 * 503.  So each new session gets a statement_timeout half a second
 * shorter than CGFDBTimeout, unless its own is shorter still. */
static const char *const session_sql =
    "SELECT set_config('statement_timeout',"
    " (CASE WHEN ms = 0 OR ms > $1::int THEN $1::int ELSE ms END)::text"
    " || 'ms', false)"
    " FROM (SELECT (extract(epoch FROM current_setting('statement_timeout')"
    "  ::interval) * 1000)::int AS ms) current";

#define SESSION_KEY "cgf-session-pid"

/* set up the session of conn once per backend (a reconnect is a new
 * backend): 1 when it is ready, else 0 with *res the failed result (NULL
 * when time ran out or the connection broke) */
static int session_ready(request_rec *r, ap_dbd_t *dbd, PGconn *conn,
                         apr_time_t deadline, PGresult **res, int *late)
{
    int s = cgf_dir_conf(r)->db_timeout;
    const char *limit;
    void *seen = NULL;
    int pid = PQbackendPID(conn);

    apr_pool_userdata_get(&seen, SESSION_KEY, dbd->pool);
    if (seen && *(int *)seen == pid)
        return 1;

    limit = apr_psprintf(r->pool, "%d",
                         (s > 0 ? s : CGF_DEFAULT_DB_TIMEOUT) * 1000 - 500);
    *res = run_bounded(conn, session_sql, 1, &limit, deadline, late);
    if (!*res || PQresultStatus(*res) != PGRES_TUPLES_OK)
        return 0;
    PQclear(*res);
    *res = NULL;

    if (!seen) {
        seen = apr_palloc(dbd->pool, sizeof(int));
        apr_pool_userdata_set(seen, SESSION_KEY, NULL, dbd->pool);
    }
    *(int *)seen = pid;
    return 1;
}

/* a connection that broke under a statement and could not be reset */
static apr_status_t lost(request_rec *r, PGconn *conn)
{
    ap_log_rerror(APLOG_MARK, APLOG_ERR, 0, r,
                  CGF_LOGNO(00102) "database connection lost: %s",
                  PQerrorMessage(conn));
    return mark_down(r);
}

/* the deadline of a statement of r */
static apr_time_t deadline_of(request_rec *r)
{
    int s = cgf_dir_conf(r)->db_timeout;

    return apr_time_now() +
           apr_time_from_sec(s > 0 ? s : CGF_DEFAULT_DB_TIMEOUT);
}

apr_status_t cgf_db_select(request_rec *r, const char *sql, int nargs,
                           const char *const *args, cgf_rows_t **out)
{
    apr_time_t deadline = deadline_of(r);
    ap_dbd_t *dbd;
    const char *text = dollar_sql(r->pool, sql);
    PGconn *conn;
    PGresult *res;
    apr_status_t rv;
    int attempt, late = 0;

    if (apr_time_now() < (apr_time_t)apr_atomic_read64(down_until(r)))
        return CGF_DB_DOWN;
    dbd = connection(r);
    if (!dbd)
        return mark_down(r);
    conn = apr_dbd_native_handle(dbd->driver, dbd->handle);

    for (attempt = 0;; attempt++) {
        res = NULL;
        if (session_ready(r, dbd, conn, deadline, &res, &late))
            res = run_bounded(conn, text, nargs, args, deadline, &late);
        if (res && (PQresultStatus(res) == PGRES_TUPLES_OK ||
                    PQresultStatus(res) == PGRES_COMMAND_OK)) {
            *out = copy_rows(r->pool, res);
            PQclear(res);
            return APR_SUCCESS;
        }
        if (late || PQstatus(conn) == CONNECTION_OK || attempt > 0)
            break;

        /* libpq learns that a pooled socket died only when a statement
         * fails on it: reset the connection and try once more */
        PQclear(res);
        res = NULL;
        if (apr_dbd_check_conn(dbd->driver, r->pool, dbd->handle) !=
            APR_SUCCESS)
            return lost(r, conn);
        ap_log_rerror(APLOG_MARK, APLOG_INFO, 0, r,
                      CGF_LOGNO(00103) "database connection was lost and "
                                       "reset, retrying once");
    }

    rv = late || PQstatus(conn) == CONNECTION_OK ? failure(r, conn, res, late)
                                                 : lost(r, conn);
    PQclear(res);
    return rv;
}
