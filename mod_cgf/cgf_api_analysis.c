/* Class Track Analysis (contract §3): submit, read, list and erase
 * analyses.  A submission is one statement: the catalogue checks, the
 * Idempotency-Key claim, the analysis, its queue row and the NOTIFY that
 * wakes a worker commit together or not at all. */
#include "cgf_api.h"
#include "cgf_analysis_rules.h"
#include "cgf_crypto.h"
#include "cgf_json.h"
#include "cgf_list.h"
#include "cgf_validate.h"

#define ANALYSIS_PATH "/class-track/v1/analysis/"
#define IDEM_KEY_MAX  255

/* clang-format off */

/* The catalogue checks come first and every write depends on them
 * ("ok"), so a request that fails changes nothing.  created_at and
 * updated_at share one clock reading, so that the first answer and its
 * replay are the same bytes.  A key claim that conflicts with a row
 * this statement cannot see (a racing request committed it after our
 * snapshot) leaves both "claim" and "prev" empty: for us, that request
 * is still in flight.  A data-modifying CTE always runs; "wake" is a
 * SELECT, so the final SELECT names it.  Each keyed request that passes
 * the checks removes a few expired claims of other keys, which keeps
 * the table near one day's keys (see docs/analysis.md). */
static const char *const create_sql =
    "WITH arg AS (SELECT %s::uuid AS board_id, %s::uuid AS grade_id,"
    "  %s::uuid AS subject_id, %s::uuid AS rubric_uuid,"
    "  %s::integer AS rubric_legacy, %s::text AS key, %s::text AS owner,"
    "  %s::text AS body_hash, %s::uuid AS id, %s::text AS institution_id,"
    "  %s::text AS teacher_id, %s::date AS analysis_date,"
    "  %s::text AS audio_url, %s::json AS metadata,"
    "  clock_timestamp() AS now),"
    " board AS (SELECT b.id FROM cgf_board b, arg"
    "  WHERE b.id = arg.board_id),"
    " grade AS (SELECT g.board_id = arg.board_id AS fits"
    "  FROM cgf_grade g, arg WHERE g.id = arg.grade_id),"
    " subject AS (SELECT EXISTS (SELECT 1 FROM cgf_offering o"
    "   WHERE o.board_id = arg.board_id AND o.grade_id = arg.grade_id"
    "   AND o.subject_id = s.id) AS fits"
    "  FROM cgf_subject s, arg WHERE s.id = arg.subject_id),"
    " rubric AS (SELECT r.id FROM cgf_rubric r, arg"
    "  WHERE r.id = arg.rubric_uuid OR r.legacy_id = arg.rubric_legacy),"
    " ok AS (SELECT rubric.id AS rubric_id FROM board, grade, subject,"
    "  rubric WHERE grade.fits AND subject.fits),"
    " expired AS (DELETE FROM cgf_idempotency i USING"
    "  (SELECT o.owner, o.key FROM cgf_idempotency o, arg, ok"
    "   WHERE arg.key IS NOT NULL"
    "   AND o.created_at < now() - interval '24 hours'"
    "   AND (o.owner, o.key) <> (arg.owner, arg.key)"
    "   ORDER BY o.created_at LIMIT 8 FOR UPDATE OF o SKIP LOCKED) old"
    "  WHERE i.owner = old.owner AND i.key = old.key),"
    " claim AS (INSERT INTO cgf_idempotency AS i"
    "  (owner, key, body_hash, analysis_id)"
    "  SELECT arg.owner, arg.key, arg.body_hash, arg.id FROM arg, ok"
    "  WHERE arg.key IS NOT NULL"
    "  ON CONFLICT (owner, key) DO UPDATE"
    "  SET body_hash = excluded.body_hash,"
    "   analysis_id = excluded.analysis_id, created_at = now()"
    "  WHERE i.created_at < now() - interval '24 hours'"
    "  RETURNING 1),"
    " ins AS (INSERT INTO cgf_analysis AS a (id, owner, institution_id,"
    "   teacher_id, board_id, grade_id, subject_id, rubric_id,"
    "   analysis_date, audio_url, metadata, created_at, updated_at)"
    "  SELECT arg.id, arg.owner, arg.institution_id, arg.teacher_id,"
    "   arg.board_id, arg.grade_id, arg.subject_id, ok.rubric_id,"
    "   arg.analysis_date, arg.audio_url, arg.metadata, arg.now, arg.now"
    "  FROM arg, ok"
    "  WHERE arg.key IS NULL OR EXISTS (SELECT 1 FROM claim)"
    "  RETURNING a.id, cgf_analysis_doc(a) AS doc),"
    " job AS (INSERT INTO cgf_job (analysis_id) SELECT id FROM ins),"
    " wake AS (SELECT pg_notify('cgf_job', id::text) FROM ins),"
    " prev AS (SELECT i.body_hash, i.analysis_id,"
    "   cgf_analysis_doc(a, true) AS doc"
    "  FROM arg JOIN cgf_idempotency i"
    "   ON i.owner = arg.owner AND i.key = arg.key"
    "  JOIN cgf_analysis a ON a.id = i.analysis_id"
    "  WHERE NOT EXISTS (SELECT 1 FROM ins))"
    " SELECT (SELECT count(*) FROM board), (SELECT count(*) FROM grade),"
    "  (SELECT count(*) FROM grade WHERE fits),"
    "  (SELECT count(*) FROM subject),"
    "  (SELECT count(*) FROM subject WHERE fits),"
    "  (SELECT count(*) FROM rubric), (SELECT doc FROM ins),"
    "  (SELECT count(*) FROM wake), (SELECT body_hash FROM prev),"
    "  (SELECT analysis_id FROM prev), (SELECT doc FROM prev)";

static const char *const get_sql =
    "SELECT cgf_analysis_doc(a) FROM cgf_analysis a"
    " WHERE a.id = %s::uuid AND a.owner = %s";

/* jobs and idempotency claims go with the analysis (ON DELETE CASCADE) */
static const char *const delete_sql =
    "WITH del AS (DELETE FROM cgf_analysis"
    "  WHERE id = %s::uuid AND owner = %s RETURNING 1)"
    " SELECT count(*) FROM del";

/* An absent filter is NULL, and PostgreSQL plans each call with its
 * values (an unnamed statement), so "NULL IS NULL OR ..." folds away
 * and the index of the filter that is left serves the query. */
static const char *const list_sql =
    "SELECT cgf_analysis_doc(a), cgf_us(a.created_at), a.id"
    " FROM cgf_analysis a WHERE a.owner = %s"
    " AND (%s::text IS NULL OR a.teacher_id = %s)"
    " AND (%s::text IS NULL OR a.institution_id = %s)"
    " AND (%s::text IS NULL OR a.status = %s)"
    " AND (%s::date IS NULL OR a.analysis_date >= %s::date)"
    " AND (%s::date IS NULL OR a.analysis_date <= %s::date)"
    " AND (%s::bigint IS NULL OR (a.created_at, a.id)"
    "      < (cgf_from_us(%s::bigint), %s::uuid))"
    " ORDER BY a.created_at DESC, a.id DESC LIMIT %s::int";

static const char *const statuses[] = {
    "queued", "fetching", "transcribing", "evaluating", "completed",
    "failed", NULL};
/* clang-format on */

/* the columns of create_sql's one row */
enum {
    COL_BOARD = 0,
    COL_GRADE,
    COL_GRADE_FITS,
    COL_SUBJECT,
    COL_SUBJECT_FITS,
    COL_RUBRIC,
    COL_DOC,
    COL_WAKE,
    COL_PREV_HASH,
    COL_PREV_ID,
    COL_PREV_DOC
};

/* the list filters of the query string; NULL when absent */
typedef struct list_filter_t {
    const char *teacher_id;
    const char *institution_id;
    const char *status;
    const char *from;
    const char *to;
} list_filter_t;

/* the Idempotency-Key header: NULL when absent, or after an
 * invalid_header fault when it is not 1..255 visible ASCII characters */
static const char *idempotency_key(cgf_req_t *cr)
{
    const char *key = apr_table_get(cr->r->headers_in, "Idempotency-Key");
    apr_size_t len, i;

    if (!key)
        return NULL;

    len = strlen(key);
    i = 0;
    while (i < len && (unsigned char)key[i] >= 0x21 &&
           (unsigned char)key[i] <= 0x7e)
        i++;
    if (len >= 1 && len <= IDEM_KEY_MAX && i == len)
        return key;

    cgf_fault_add(cr->faults, "invalid_header",
                  "The Idempotency-Key header must be 1 to 255 visible "
                  "ASCII characters.",
                  "header", "idempotency-key", NULL);
    return NULL;
}

/* the key's fingerprint of a body: key order and white space do not
 * count, everything else does */
static const char *body_hash(cgf_req_t *cr)
{
    const char *text = cgf_json_canonical(cr->r->pool, cr->body);
    char *hex = apr_palloc(cr->r->pool, 65);

    if (!text)
        return NULL;
    cgf_sha256_hex(text, strlen(text), hex);
    return hex;
}

/* 1 if column col of the one row counts no rows */
static int none(const cgf_rows_t *rows, int col)
{
    return !strcmp(cgf_rows_get(rows, 0, col), "0");
}

/* the catalogue faults of a submission, all at once; a fit is judged
 * only when the ids it depends on are good, so one wrong board_id is
 * reported once, not three times */
static void reference_faults(cgf_req_t *cr, const cgf_rows_t *rows)
{
    int board = !none(rows, COL_BOARD);
    int grade_fits = !none(rows, COL_GRADE_FITS);

    if (!board)
        cgf_fault_add(cr->faults, "unknown_reference", "No board has this id.",
                      "body", "board_id", NULL);
    if (none(rows, COL_GRADE))
        cgf_fault_add(cr->faults, "unknown_reference", "No grade has this id.",
                      "body", "grade_id", NULL);
    else if (board && !grade_fits)
        cgf_fault_add(cr->faults, "mismatch",
                      "The grade is not one of this board's grades.", "body",
                      "grade_id", NULL);

    if (none(rows, COL_SUBJECT))
        cgf_fault_add(cr->faults, "unknown_reference",
                      "No subject has this id.", "body", "subject_id", NULL);
    else if (board && grade_fits && none(rows, COL_SUBJECT_FITS))
        cgf_fault_add(cr->faults, "mismatch",
                      "The subject is not offered for this board and "
                      "grade.",
                      "body", "subject_id", NULL);

    if (none(rows, COL_RUBRIC))
        cgf_fault_add(cr->faults, "unknown_reference", "No rubric has this id.",
                      "body", "rubric_id", NULL);
}

/* 202 with the Location of the analysis and its document */
static int send_accepted(cgf_req_t *cr, const char *id, const char *doc,
                         int replayed)
{
    request_rec *r = cr->r;

    apr_table_setn(r->headers_out, "Location",
                   cgf_http_location(
                       r, apr_pstrcat(r->pool, ANALYSIS_PATH, id, "/", NULL)));
    if (replayed)
        apr_table_setn(r->headers_out, "Idempotent-Replayed", "true");
    return cgf_http_send_text(r, HTTP_ACCEPTED, doc, strlen(doc));
}

/* the answer for a key that was not claimed: the first response again
 * for the same body, 422 for another body, 409 while the first request
 * is still being handled */
static int key_taken(cgf_req_t *cr, const cgf_rows_t *rows, const char *hash)
{
    const char *prev = cgf_rows_get(rows, 0, COL_PREV_HASH);

    if (!*prev) {
        apr_table_setn(cr->r->err_headers_out, "Retry-After", "1");
        return cgf_http_error(cr->r, HTTP_CONFLICT, "idempotency_in_flight",
                              "A request with this Idempotency-Key is still "
                              "being handled; retry later.",
                              "header", "idempotency-key");
    }
    if (strcmp(prev, hash))
        return cgf_http_error(cr->r, HTTP_UNPROCESSABLE_ENTITY,
                              "idempotency_mismatch",
                              "This Idempotency-Key was used with another "
                              "body.",
                              "header", "idempotency-key");

    ap_log_rerror(APLOG_MARK, APLOG_DEBUG, 0, cr->r,
                  CGF_LOGNO(00502) "replaying analysis %s",
                  cgf_rows_get(rows, 0, COL_PREV_ID));
    return send_accepted(cr, cgf_rows_get(rows, 0, COL_PREV_ID),
                         cgf_rows_get(rows, 0, COL_PREV_DOC), 1);
}

/* the statement's arguments for an accepted body, in create_sql order */
static void create_args(cgf_req_t *cr, const cgf_analysis_input_t *in,
                        const char *key, const char *hash, const char *id,
                        const char **args)
{
    apr_pool_t *p = cr->r->pool;

    args[0] = in->board_id;
    args[1] = in->grade_id;
    args[2] = in->subject_id;
    args[3] = in->rubric_uuid;
    args[4] = in->rubric_uuid
                  ? NULL
                  : apr_psprintf(p, "%" APR_INT64_T_FMT, in->rubric_legacy_id);
    args[5] = key;
    args[6] = cr->r->user;
    args[7] = key ? hash : NULL;
    args[8] = id;
    args[9] = in->institution_id;
    args[10] = in->teacher_id;
    args[11] = in->analysis_date;
    args[12] = in->audio_url;
    args[13] = in->metadata_json;
}

/* what the one statement found: 400, 202, or the key's answer */
static int create_answer(cgf_req_t *cr, const cgf_rows_t *rows, const char *key,
                         const char *hash, const char *id)
{
    const char *doc = cgf_rows_get(rows, 0, COL_DOC);

    reference_faults(cr, rows);
    if (cr->faults->nelts)
        return cgf_http_faults(cr->r, HTTP_BAD_REQUEST, cr->faults);

    if (*doc) {
        ap_log_rerror(APLOG_MARK, APLOG_DEBUG, 0, cr->r,
                      CGF_LOGNO(00503) "analysis %s accepted", id);
        return send_accepted(cr, id, doc, 0);
    }
    if (key)
        return key_taken(cr, rows, hash);

    ap_log_rerror(APLOG_MARK, APLOG_ERR, 0, cr->r,
                  CGF_LOGNO(00504) "analysis %s was neither stored nor "
                                   "refused",
                  id);
    return cgf_http_db_error(cr->r, CGF_DB_ERROR);
}

/* POST: the body rules, then one statement for the rest */
int cgf_api_analysis_create(cgf_req_t *cr)
{
    request_rec *r = cr->r;
    cgf_url_policy_t policy = cgf_config_url_policy(cr->dconf);
    cgf_analysis_input_t in;
    const char *args[14];
    const char *key, *hash;
    char id[37];
    cgf_rows_t *rows;
    apr_status_t rv;

    cgf_analysis_validate(r->pool, cr->body, &policy, apr_time_now(), &in,
                          cr->faults);
    key = idempotency_key(cr);
    if (cr->faults->nelts)
        return cgf_http_faults(r, HTTP_BAD_REQUEST, cr->faults);

    hash = key ? body_hash(cr) : NULL;
    rv = cgf_uuid4(id);
    if (rv == APR_SUCCESS && key && !hash)
        rv = APR_EGENERAL;
    if (rv != APR_SUCCESS)
        return cgf_http_db_error(r, rv);

    create_args(cr, &in, key, hash, id, args);
    rv = cgf_db_select(r, create_sql, 14, args, &rows);
    if (rv != APR_SUCCESS)
        return cgf_http_db_error(r, rv);
    return create_answer(cr, rows, key, hash, id);
}

/* GET {id}: the caller's own analysis as it is now */
int cgf_api_analysis_get(cgf_req_t *cr)
{
    const char *args[2];
    cgf_rows_t *rows = cgf_http_select_owned(cr, get_sql, 2, args);
    const char *doc;

    if (!rows)
        return OK;
    if (rows->nrows != 1)
        return cgf_http_not_found(cr->r, "id");

    doc = cgf_rows_get(rows, 0, 0);
    return cgf_http_send_text(cr->r, HTTP_OK, doc, strlen(doc));
}

/* DELETE {id}: the analysis, its jobs and its key claim */
int cgf_api_analysis_delete(cgf_req_t *cr)
{
    const char *args[2];
    cgf_rows_t *rows = cgf_http_select_owned(cr, delete_sql, 2, args);

    if (!rows)
        return OK;
    if (none(rows, 0))
        return cgf_http_not_found(cr->r, "id");

    ap_log_rerror(APLOG_MARK, APLOG_DEBUG, 0, cr->r,
                  CGF_LOGNO(00505) "analysis %s erased", args[0]);
    return cgf_http_empty(cr->r, HTTP_NO_CONTENT);
}

/* a text filter of 1..128 bytes of UTF-8 (the router has refused
 * control characters already); NULL when absent or after its fault */
static const char *text_filter(cgf_req_t *cr, const char *name)
{
    const char *v = apr_table_get(cr->query, name);
    apr_size_t len = v ? strlen(v) : 0;
    json_t *utf8;

    if (!v)
        return NULL;
    if (len < 1 || len > CGF_ANALYSIS_ID_MAX) {
        cgf_fault_add(
            cr->faults, len < 1 ? "too_short" : "too_long",
            apr_psprintf(cr->r->pool, "%s must be 1 to 128 bytes long.", name),
            "query", name, NULL);
        return NULL;
    }

    /* jansson refuses what is not UTF-8, as PostgreSQL would */
    utf8 = json_stringn(v, len);
    if (!utf8) {
        cgf_fault_add(cr->faults, "invalid_characters",
                      apr_psprintf(cr->r->pool, "%s must be UTF-8.", name),
                      "query", name, NULL);
        return NULL;
    }
    json_decref(utf8);
    return v;
}

/* a date filter, YYYY-MM-DD and a real day (a future one is fine) */
static const char *date_filter(cgf_req_t *cr, const char *name)
{
    const char *v = apr_table_get(cr->query, name);

    if (!v)
        return NULL;
    if (cgf_date_check(v, strlen(v), apr_time_now()) != CGF_DATE_INVALID)
        return v;

    cgf_fault_add(cr->faults, "invalid_date",
                  apr_psprintf(cr->r->pool,
                               "%s must be a calendar date written "
                               "YYYY-MM-DD.",
                               name),
                  "query", name, NULL);
    return NULL;
}

/* status: one of the six states of an analysis */
static const char *status_filter(cgf_req_t *cr)
{
    const char *v = apr_table_get(cr->query, "status");
    int i;

    if (!v)
        return NULL;
    for (i = 0; statuses[i]; i++) {
        if (!strcmp(v, statuses[i]))
            return v;
    }

    cgf_fault_add(cr->faults, "out_of_range",
                  "status must be one of queued, fetching, transcribing, "
                  "evaluating, completed or failed.",
                  "query", "status", NULL);
    return NULL;
}

/* every filter of the query, each fault added */
static void list_filters(cgf_req_t *cr, list_filter_t *f)
{
    f->teacher_id = text_filter(cr, "teacher_id");
    f->institution_id = text_filter(cr, "institution_id");
    f->status = status_filter(cr);
    f->from = date_filter(cr, "from");
    f->to = date_filter(cr, "to");

    /* YYYY-MM-DD texts compare like the dates they write */
    if (f->from && f->to && strcmp(f->from, f->to) > 0)
        cgf_fault_add(cr->faults, "out_of_range", "from must not be after to.",
                      "query", "from", NULL);
}

/* the cursor scope: the user and every filter value, joined by a unit
 * separator (no query value can hold one), "=" marking a given value */
static const char *list_scope(cgf_req_t *cr, const list_filter_t *f)
{
    apr_pool_t *p = cr->r->pool;
    const char *v[5];
    const char *scope = apr_pstrcat(p, "analysis\x1f", cr->r->user, NULL);
    int i;

    v[0] = f->teacher_id;
    v[1] = f->institution_id;
    v[2] = f->status;
    v[3] = f->from;
    v[4] = f->to;
    for (i = 0; i < 5; i++)
        scope = apr_pstrcat(p, scope, "\x1f", v[i] ? "=" : "", v[i], NULL);
    return scope;
}

/* GET: the caller's analyses, filtered, newest first, by pages */
int cgf_api_analysis_list(cgf_req_t *cr)
{
    request_rec *r = cr->r;
    const char *cursor = apr_table_get(cr->query, "cursor");
    int limit = cgf_list_limit(apr_table_get(cr->query, "limit"), cr->faults);
    cgf_cursor_t pos = {NULL, NULL};
    int before = cr->faults->nelts;
    list_filter_t f;
    const char *scope, *args[15];
    cgf_rows_t *rows;
    apr_status_t rv;

    /* a cursor is judged against good filters only: with a bad one, its
     * scope could not match and would add a second, false fault */
    list_filters(cr, &f);
    scope = list_scope(cr, &f);
    if (cursor && cr->faults->nelts == before)
        cgf_cursor_decode(r->pool, cursor, scope, &pos, cr->faults);
    if (cr->faults->nelts)
        return cgf_http_faults(r, HTTP_BAD_REQUEST, cr->faults);

    args[0] = r->user;
    args[1] = args[2] = f.teacher_id;
    args[3] = args[4] = f.institution_id;
    args[5] = args[6] = f.status;
    args[7] = args[8] = f.from;
    args[9] = args[10] = f.to;
    args[11] = args[12] = pos.created_us;
    args[13] = pos.id;
    args[14] = apr_itoa(r->pool, limit + 1);
    rv = cgf_db_select(r, list_sql, 15, args, &rows);
    if (rv != APR_SUCCESS)
        return cgf_http_db_error(r, rv);
    return cgf_http_send_list(r, rows, limit, scope);
}
