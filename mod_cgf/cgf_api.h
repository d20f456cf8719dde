/* The REST handlers, one file per resource.  Each takes the prepared
 * request and returns OK after sending its response. */
#ifndef CGF_API_H
#define CGF_API_H

#include "cgf_http.h"

typedef int (*cgf_api_fn)(cgf_req_t *cr);

/* cgf_api_health.c */
int cgf_api_health(cgf_req_t *cr);

/* cgf_api_webhook.c */
int cgf_api_webhook_list(cgf_req_t *cr);
int cgf_api_webhook_create(cgf_req_t *cr);
int cgf_api_webhook_get(cgf_req_t *cr);
int cgf_api_webhook_patch(cgf_req_t *cr);
int cgf_api_webhook_delete(cgf_req_t *cr);
int cgf_api_template_list(cgf_req_t *cr);

/* cgf_api_analysis.c */
int cgf_api_analysis_list(cgf_req_t *cr);
int cgf_api_analysis_create(cgf_req_t *cr);
int cgf_api_analysis_get(cgf_req_t *cr);
int cgf_api_analysis_delete(cgf_req_t *cr);

/* cgf_api_catalogue.c */
int cgf_api_board_list(cgf_req_t *cr);
int cgf_api_grade_list(cgf_req_t *cr);
int cgf_api_subject_list(cgf_req_t *cr);
int cgf_api_rubric_list(cgf_req_t *cr);
int cgf_api_rubric_get(cgf_req_t *cr);

#endif
