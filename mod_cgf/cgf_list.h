/* The list rules of the contract's §1.2: limit and opaque cursors bound
 * to the filters they were issued with.  httpd-free. */
#ifndef CGF_LIST_H
#define CGF_LIST_H

#include <apr_pools.h>
#include <apr_tables.h>

#define CGF_LIST_DEFAULT 20
#define CGF_LIST_MAX     100

/* where a page ends: the last item's (created_at, id) */
typedef struct cgf_cursor_t {
    const char *created_us; /* microseconds since the epoch: 1..16
                               digits, no leading zero */
    const char *id;         /* canonical uuid */
} cgf_cursor_t;

/* limit from the query (NULL: default); adds an out_of_range or
 * wrong_type fault and returns 0 when it is bad */
int cgf_list_limit(const char *arg, apr_array_header_t *faults);

/* the cursor text for a position under a filter scope */
const char *cgf_cursor_encode(apr_pool_t *p, const char *created_us,
                              const char *id, const char *scope);

/* decode a cursor; adds an invalid_cursor fault and returns 0 when it
 * is malformed, out of range for a timestamp, or was issued under
 * another scope */
int cgf_cursor_decode(apr_pool_t *p, const char *text, const char *scope,
                      cgf_cursor_t *out, apr_array_header_t *faults);

#endif
