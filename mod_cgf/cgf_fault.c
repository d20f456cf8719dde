#include "cgf_fault.h"

apr_array_header_t *cgf_faults_make(apr_pool_t *p)
{
    return apr_array_make(p, 4, sizeof(cgf_fault_t));
}

void cgf_fault_add(apr_array_header_t *faults, const char *type,
                   const char *msg, const char *loc0, const char *loc1,
                   const char *loc2)
{
    cgf_fault_t *f;

    if (faults->nelts >= CGF_FAULTS_MAX)
        return;
    f = apr_array_push(faults);
    f->type = type;
    f->msg = msg;
    f->loc[0] = loc0;
    f->loc[1] = loc1;
    f->loc[2] = loc1 ? loc2 : NULL;
    f->loc[3] = NULL;
}
