/* All database use: one statement at a time on the request's pooled
 * mod_dbd connection, within a deadline, with one retry after a lost
 * connection. */
#ifndef CGF_DB_H
#define CGF_DB_H

#include "httpd.h"

/* the database is down, lost or too slow: the client may retry */
#define CGF_DB_DOWN (APR_OS_START_USERERR + 101)
/* a statement failed on a healthy connection: a bug or a broken schema */
#define CGF_DB_ERROR (APR_OS_START_USERERR + 102)
/* a unique constraint refused the statement: a concurrent request won */
#define CGF_DB_CONFLICT (APR_OS_START_USERERR + 103)

/* a whole result, copied into the request pool; SQL NULL reads as "" */
typedef struct cgf_rows_t {
    int nrows;
    int ncols;
    const char **cells; /* nrows * ncols */
} cgf_rows_t;

/* cell (row, col) of a result, both 0-based */
const char *cgf_rows_get(const cgf_rows_t *rows, int row, int col);

/* run one parameterised statement (APR "%s" placeholders, cast in the
 * SQL as needed) and read all its rows; args may hold NULL for SQL NULL */
apr_status_t cgf_db_select(request_rec *r, const char *sql, int nargs,
                           const char *const *args, cgf_rows_t **out);

#endif
