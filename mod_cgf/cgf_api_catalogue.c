/* Boards, grades, subjects and rubrics (contract §4). */
#include "cgf_api.h"

/* NB: placeholder until the analysis resource lands (issue 3) */
static int not_yet(cgf_req_t *cr)
{
    return cgf_http_error(cr->r, HTTP_NOT_IMPLEMENTED, "internal",
                          "This route is not implemented yet.", "path", NULL);
}

int cgf_api_board_list(cgf_req_t *cr)
{
    return not_yet(cr);
}

int cgf_api_grade_list(cgf_req_t *cr)
{
    return not_yet(cr);
}

int cgf_api_subject_list(cgf_req_t *cr)
{
    return not_yet(cr);
}

int cgf_api_rubric_list(cgf_req_t *cr)
{
    return not_yet(cr);
}

int cgf_api_rubric_get(cgf_req_t *cr)
{
    return not_yet(cr);
}
