/* Class Track Analysis (contract §3). */
#include "cgf_api.h"

/* NB: placeholder until the analysis resource lands (issue 3) */
static int not_yet(cgf_req_t *cr)
{
    return cgf_http_error(cr->r, HTTP_NOT_IMPLEMENTED, "internal",
                          "This route is not implemented yet.", "path", NULL);
}

int cgf_api_analysis_list(cgf_req_t *cr)
{
    return not_yet(cr);
}

int cgf_api_analysis_create(cgf_req_t *cr)
{
    return not_yet(cr);
}

int cgf_api_analysis_get(cgf_req_t *cr)
{
    return not_yet(cr);
}

int cgf_api_analysis_delete(cgf_req_t *cr)
{
    return not_yet(cr);
}
