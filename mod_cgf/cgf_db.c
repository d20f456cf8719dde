#include <libpq-fe.h>

#include <apr_dbd.h>

#include "mod_dbd.h"

#include "cgf_private.h"
#include "cgf_db.h"

/* Statements are unlabelled: the pgsql driver then sends them with
 * PQexecParams, which survives a PQreset, where server-side PREPAREd
 * statements of a reset connection would be gone (apr_dbd keeps no
 * record of that).  NB: each call is planned anew by PostgreSQL. */

static APR_OPTIONAL_FN_TYPE(ap_dbd_acquire) * dbd_acquire;

const char *cgf_rows_get(const cgf_rows_t *rows, int row, int col)
{
    if (row < 0 || row >= rows->nrows || col < 0 || col >= rows->ncols)
        return "";
    return rows->cells[row * rows->ncols + col];
}

/* copy a synchronous result into pool memory; apr_dbd frees the result
 * with the pool, and the copy keeps the cells valid after that */
static cgf_rows_t *copy_rows(apr_pool_t *p, const apr_dbd_driver_t *drv,
                             apr_dbd_results_t *res)
{
    cgf_rows_t *rows = apr_pcalloc(p, sizeof(*rows));
    apr_dbd_row_t *row = NULL;
    int i, j;

    rows->nrows = apr_dbd_num_tuples(drv, res);
    rows->ncols = apr_dbd_num_cols(drv, res);
    rows->cells =
        apr_pcalloc(p, sizeof(char *) * (rows->nrows * rows->ncols + 1));

    for (i = 0; i < rows->nrows; i++) {
        if (apr_dbd_get_row(drv, p, res, &row, i + 1) != 0)
            break;
        for (j = 0; j < rows->ncols; j++) {
            const char *v = apr_dbd_get_entry(drv, row, j);

            rows->cells[i * rows->ncols + j] = apr_pstrdup(p, v ? v : "");
        }
    }
    return rows;
}

/* a statement cancelled by statement_timeout counts as storage down:
 * the driver drops the SQLSTATE, so the message is all there is */
static int timed_out(const char *msg)
{
    return msg && ap_strstr_c(msg, "canceling statement due to");
}

/* 1 if libpq saw the connection break under the last statement */
static int connection_lost(ap_dbd_t *dbd)
{
    PGconn *conn = apr_dbd_native_handle(dbd->driver, dbd->handle);

    return !conn || PQstatus(conn) != CONNECTION_OK;
}

/* one attempt: prepare (no round trip when unlabelled) and run */
static int run_once(request_rec *r, ap_dbd_t *dbd, const char *sql, int nargs,
                    const char *const *args, apr_dbd_results_t **res)
{
    apr_dbd_prepared_t *stmt = NULL;
    int rc;

    rc = apr_dbd_prepare(dbd->driver, r->pool, dbd->handle, sql, NULL, &stmt);
    if (rc != 0)
        return rc;

    *res = NULL;
    return apr_dbd_pselect(dbd->driver, r->pool, dbd->handle, res, stmt, 1,
                           nargs, (const char **)args);
}

apr_status_t cgf_db_select(request_rec *r, const char *sql, int nargs,
                           const char *const *args, cgf_rows_t **out)
{
    ap_dbd_t *dbd;
    apr_dbd_results_t *res = NULL;
    const char *msg;
    int rc, attempt;

    if (!dbd_acquire)
        dbd_acquire = APR_RETRIEVE_OPTIONAL_FN(ap_dbd_acquire);
    dbd = dbd_acquire ? dbd_acquire(r) : NULL;
    if (!dbd) {
        ap_log_rerror(
            APLOG_MARK, APLOG_ERR, 0, r,
            CGF_LOGNO(00101) "no database connection (is mod_dbd "
                             "loaded and configured for this vhost?)");
        return CGF_DB_DOWN;
    }

    for (attempt = 0;; attempt++) {
        rc = run_once(r, dbd, sql, nargs, args, &res);
        if (rc == 0) {
            *out = copy_rows(r->pool, dbd->driver, res);
            return APR_SUCCESS;
        }
        msg = apr_dbd_error(dbd->driver, dbd->handle, rc);
        if (!connection_lost(dbd))
            break;

        /* libpq learns that a pooled socket died only when a statement
         * fails on it: reset the connection and try once more */
        if (attempt > 0 || apr_dbd_check_conn(dbd->driver, r->pool,
                                              dbd->handle) != APR_SUCCESS) {
            ap_log_rerror(APLOG_MARK, APLOG_ERR, 0, r,
                          CGF_LOGNO(00102) "database connection lost: %s",
                          msg ? msg : "(no message)");
            return CGF_DB_DOWN;
        }
        ap_log_rerror(APLOG_MARK, APLOG_INFO, 0, r,
                      CGF_LOGNO(00103) "database connection was lost and "
                                       "reset, retrying once");
    }

    if (timed_out(msg)) {
        ap_log_rerror(APLOG_MARK, APLOG_ERR, 0, r,
                      CGF_LOGNO(00104) "database statement timed out: %s", msg);
        return CGF_DB_DOWN;
    }
    ap_log_rerror(APLOG_MARK, APLOG_ERR, 0, r,
                  CGF_LOGNO(00105) "database statement failed: %s",
                  msg ? msg : "(no message)");
    return CGF_DB_ERROR;
}
