/* Boards, grades, subjects and rubrics (contract §4): read-only, built
 * by the functions of sql/004_catalogue_docs.sql. */
#include "cgf_api.h"
#include "cgf_analysis_rules.h"
#include "cgf_validate.h"

/* clang-format off */
static const char *const boards_sql = "SELECT cgf_boards_doc()";

static const char *const grades_sql = "SELECT cgf_grades_doc(%s::uuid)";

static const char *const subjects_sql =
    "SELECT cgf_subjects_doc(%s::uuid, %s::uuid)";

static const char *const rubrics_sql = "SELECT cgf_rubrics_doc()";

static const char *const rubric_by_uuid_sql =
    "SELECT cgf_rubric_doc(r) FROM cgf_rubric r WHERE r.id = %s::uuid";

static const char *const rubric_by_legacy_sql =
    "SELECT cgf_rubric_doc(r) FROM cgf_rubric r"
    " WHERE r.legacy_id = %s::integer";
/* clang-format on */

/* 1 if the {id} of the path at index i is a canonical uuid */
static int path_uuid(cgf_req_t *cr, int i)
{
    const char *id = cr->params[i];

    return id && cgf_uuid_canonical(id, strlen(id));
}

/* run a statement whose one cell is the document: 200 with it, or the
 * same 404 as for a malformed id when the cell is SQL NULL or absent */
static int send_doc(cgf_req_t *cr, const char *sql, int nargs,
                    const char *const *args, const char *loc)
{
    cgf_rows_t *rows;
    const char *doc;
    apr_status_t rv;

    rv = cgf_db_select(cr->r, sql, nargs, args, &rows);
    if (rv != APR_SUCCESS)
        return cgf_http_db_error(cr->r, rv);

    doc = cgf_rows_get(rows, 0, 0);
    if (!*doc) {
        ap_log_rerror(APLOG_MARK, APLOG_DEBUG, 0, cr->r,
                      CGF_LOGNO(00601) "no catalogue entry for %s", loc);
        return cgf_http_not_found(cr->r, loc);
    }
    return cgf_http_send_text(cr->r, HTTP_OK, doc, strlen(doc));
}

/* every board */
int cgf_api_board_list(cgf_req_t *cr)
{
    if (cr->faults->nelts)
        return cgf_http_faults(cr->r, HTTP_BAD_REQUEST, cr->faults);
    return send_doc(cr, boards_sql, 0, NULL, "board");
}

/* the grades of one board */
int cgf_api_grade_list(cgf_req_t *cr)
{
    if (cr->faults->nelts)
        return cgf_http_faults(cr->r, HTTP_BAD_REQUEST, cr->faults);
    if (!path_uuid(cr, 0))
        return cgf_http_not_found(cr->r, "board_id");
    return send_doc(cr, grades_sql, 1, cr->params, "board_id");
}

/* the subjects offered for a board's grade */
int cgf_api_subject_list(cgf_req_t *cr)
{
    if (cr->faults->nelts)
        return cgf_http_faults(cr->r, HTTP_BAD_REQUEST, cr->faults);
    if (!path_uuid(cr, 0))
        return cgf_http_not_found(cr->r, "board_id");
    if (!path_uuid(cr, 1))
        return cgf_http_not_found(cr->r, "grade_id");

    /* one 404 for both an unknown board and a grade of another board:
     * the function answers NULL for either */
    return send_doc(cr, subjects_sql, 2, cr->params, "grade_id");
}

/* every rubric, in full */
int cgf_api_rubric_list(cgf_req_t *cr)
{
    if (cr->faults->nelts)
        return cgf_http_faults(cr->r, HTTP_BAD_REQUEST, cr->faults);
    return send_doc(cr, rubrics_sql, 0, NULL, "rubric");
}

/* a rubric by its uuid or by its integer id, spelled as in a body */
int cgf_api_rubric_get(cgf_req_t *cr)
{
    const char *id = cr->params[0];
    const char *args[1];
    apr_int64_t legacy = 0;

    if (cr->faults->nelts)
        return cgf_http_faults(cr->r, HTTP_BAD_REQUEST, cr->faults);

    switch (cgf_rubric_id_parse_str(id, strlen(id), &legacy)) {
    case CGF_RUBRIC_ID_UUID:
        args[0] = id;
        return send_doc(cr, rubric_by_uuid_sql, 1, args, "id");
    case CGF_RUBRIC_ID_LEGACY:
        args[0] = apr_psprintf(cr->r->pool, "%" APR_INT64_T_FMT, legacy);
        return send_doc(cr, rubric_by_legacy_sql, 1, args, "id");
    default:
        return cgf_http_not_found(cr->r, "id");
    }
}
