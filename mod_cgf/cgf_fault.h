/* A list of client faults: each becomes one entry of the contract's
 * {"detail": [{"loc", "msg", "type"}]} error body.  httpd-free. */
#ifndef CGF_FAULT_H
#define CGF_FAULT_H

#include <apr_pools.h>
#include <apr_tables.h>

#define CGF_LOC_MAX 4

/* the most faults one answer lists: a large body of bad fields must not
 * turn into a ten times larger error body */
#define CGF_FAULTS_MAX 100

typedef struct cgf_fault_t {
    const char *type;             /* a code of the contract's §1.1 */
    const char *msg;              /* one plain English sentence */
    const char *loc[CGF_LOC_MAX]; /* NULL-terminated unless full */
} cgf_fault_t;

/* a new, empty list of cgf_fault_t */
apr_array_header_t *cgf_faults_make(apr_pool_t *p);

/* add one fault (past CGF_FAULTS_MAX, none); loc1 and loc2 may be NULL */
void cgf_fault_add(apr_array_header_t *faults, const char *type,
                   const char *msg, const char *loc0, const char *loc1,
                   const char *loc2);

#endif
