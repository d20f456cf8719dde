/* The field rules of an analysis submission (contract §3), one check
 * per rule, each named after it. */
#include <stdlib.h>
#include <string.h>

#include <apr_general.h>
#include <apr_strings.h>

#include "cgf_analysis_rules.h"
#include "tap.h"

#define BOARD   "b0a7d000-0000-4000-8000-000000000001"
#define GRADE   "67ade000-0001-4000-8000-000000000008"
#define SUBJECT "5b1ec700-0000-4000-8000-000000000004"
#define RUBRIC  "7b71c000-0000-4000-8000-000000000001"

static apr_pool_t *pool;
static apr_time_t now;
static cgf_url_policy_t policy = {0, NULL, 0};

/* a body that passes every rule; tests change one field of it */
static const char *const good_body =
    "{\"institution_id\": \"inst_001\", \"teacher_id\": \"teacher_67890\","
    " \"board_id\": \"" BOARD "\", \"grade_id\": \"" GRADE "\","
    " \"subject_id\": \"" SUBJECT "\", \"rubric_id\": \"" RUBRIC "\","
    " \"analysis_date\": \"2026-01-15\","
    " \"audio_url\": \"https://cdn.example.com/class/8a.mp3\"}";

/* the time y-m-d h:mi:s UTC */
static apr_time_t utc(int y, int m, int d, int h, int mi, int s)
{
    apr_time_exp_t tm;
    apr_time_t t;

    memset(&tm, 0, sizeof(tm));
    tm.tm_year = y - 1900;
    tm.tm_mon = m - 1;
    tm.tm_mday = d;
    tm.tm_hour = h;
    tm.tm_min = mi;
    tm.tm_sec = s;
    apr_time_exp_gmt_get(&t, &tm);
    return t;
}

static json_t *parse(const char *text)
{
    json_t *j = json_loads(text, JSON_DECODE_ANY, NULL);

    if (!j) {
        printf("Bail out! bad fixture %s\n", text);
        exit(255);
    }
    return j;
}

/* validate the good body with field set to the JSON text value (removed
 * when value is NULL) */
static apr_array_header_t *run(const char *field, const char *value,
                               cgf_analysis_input_t *in)
{
    json_t *body = parse(good_body);
    apr_array_header_t *faults = cgf_faults_make(pool);

    if (value)
        json_object_set_new(body, field, parse(value));
    else
        json_object_del(body, field);

    cgf_analysis_validate(pool, body, &policy, now, in, faults);
    json_decref(body);
    return faults;
}

static const cgf_fault_t *fault_at(const apr_array_header_t *faults, int i)
{
    return &APR_ARRAY_IDX(faults, i, cgf_fault_t);
}

/* "ok" for no fault, the type of a single fault, or "several" */
static const char *verdict(const char *field, const char *value)
{
    cgf_analysis_input_t in;
    apr_array_header_t *faults = run(field, value, &in);

    if (faults->nelts == 0)
        return "ok";
    if (faults->nelts > 1)
        return "several";
    return fault_at(faults, 0)->type;
}

/* a JSON string of n copies of c */
static const char *json_repeat(char c, int n)
{
    char *s = apr_palloc(pool, n + 3);

    s[0] = '"';
    memset(s + 1, c, n);
    s[n + 1] = '"';
    s[n + 2] = '\0';
    return s;
}

static void test_identity_strings(void)
{
    is_str(verdict("institution_id", NULL), "missing",
           "institution_id: absent is missing");
    is_str(verdict("institution_id", "\"\""), "too_short",
           "institution_id: empty is too_short");
    is_str(verdict("institution_id", json_repeat('i', 128)), "ok",
           "institution_id: 128 bytes is accepted");
    is_str(verdict("institution_id", json_repeat('i', 129)), "too_long",
           "institution_id: 129 bytes is too_long");
    is_str(verdict("institution_id", "\"inst\\u0007\""), "invalid_characters",
           "institution_id: a control character is invalid_characters");
    is_str(verdict("institution_id", "42"), "wrong_type",
           "institution_id: a number is wrong_type");

    is_str(verdict("teacher_id", NULL), "missing",
           "teacher_id: absent is missing");
    is_str(verdict("teacher_id", "\"\""), "too_short",
           "teacher_id: empty is too_short");
    is_str(verdict("teacher_id", json_repeat('t', 129)), "too_long",
           "teacher_id: 129 bytes is too_long");
    is_str(verdict("teacher_id", "\"t\\u007f\""), "invalid_characters",
           "teacher_id: DEL is invalid_characters");
    is_str(verdict("teacher_id", "null"), "wrong_type",
           "teacher_id: null is wrong_type");
}

static void test_catalogue_uuids(void)
{
    is_str(verdict("board_id", NULL), "missing", "board_id: absent is missing");
    is_str(verdict("board_id", "\"cbse\""), "invalid_uuid",
           "board_id: a name is invalid_uuid");
    is_str(verdict("board_id", "\"B0A7D000-0000-4000-8000-000000000001\""),
           "invalid_uuid", "board_id: upper case is invalid_uuid");
    is_str(verdict("board_id", "1"), "wrong_type",
           "board_id: a number is wrong_type");
    is_str(verdict("grade_id", "\"{" GRADE "}\""), "invalid_uuid",
           "grade_id: braces are invalid_uuid");
    is_str(verdict("grade_id", NULL), "missing", "grade_id: absent is missing");
    is_str(verdict("subject_id", "\"5b1ec7000000400080000000000000004\""),
           "invalid_uuid", "subject_id: no dashes is invalid_uuid");
    is_str(verdict("subject_id", NULL), "missing",
           "subject_id: absent is missing");
}

/* the verdict on rubric_id, and what was stored for it */
static void rubric_accepts(const char *value, const char *uuid,
                           apr_int64_t legacy, const char *name)
{
    cgf_analysis_input_t in;
    apr_array_header_t *faults = run("rubric_id", value, &in);

    ok(faults->nelts == 0 && in.rubric_legacy_id == legacy &&
           (uuid ? in.rubric_uuid && !strcmp(in.rubric_uuid, uuid)
                 : in.rubric_uuid == NULL),
       "%s", name);
}

static void test_rubric_id_accepted(void)
{
    rubric_accepts("\"" RUBRIC "\"", RUBRIC, 0,
                   "rubric_id: a canonical uuid is stored as rubric_uuid");
    rubric_accepts("3", NULL, 3,
                   "rubric_id: the integer 3 is stored as legacy id 3");
    rubric_accepts("\"3\"", NULL, 3,
                   "rubric_id: the digit string \"3\" is legacy id 3");
    rubric_accepts("1", NULL, 1, "rubric_id: 1 is the smallest legacy id");
    rubric_accepts("2147483647", NULL, 2147483647,
                   "rubric_id: 2147483647 is the largest legacy id");
    rubric_accepts("\"2147483647\"", NULL, 2147483647,
                   "rubric_id: \"2147483647\" is the largest as digits");
    rubric_accepts("\"10\"", NULL, 10,
                   "rubric_id: a zero that is not leading is accepted");
}

static void test_rubric_id_refused(void)
{
    is_str(verdict("rubric_id", NULL), "missing",
           "rubric_id: absent is missing");
    is_str(verdict("rubric_id", "3.0"), "wrong_type",
           "rubric_id: 3.0 is wrong_type");
    is_str(verdict("rubric_id", "true"), "wrong_type",
           "rubric_id: true is wrong_type");
    is_str(verdict("rubric_id", "false"), "wrong_type",
           "rubric_id: false is wrong_type");
    is_str(verdict("rubric_id", "null"), "wrong_type",
           "rubric_id: null is wrong_type");
    is_str(verdict("rubric_id", "{\"id\": 3}"), "wrong_type",
           "rubric_id: an object is wrong_type");
    is_str(verdict("rubric_id", "[3]"), "wrong_type",
           "rubric_id: an array is wrong_type");
    is_str(verdict("rubric_id", "0"), "out_of_range",
           "rubric_id: 0 is out_of_range");
    is_str(verdict("rubric_id", "-1"), "out_of_range",
           "rubric_id: -1 is out_of_range");
    is_str(verdict("rubric_id", "2147483648"), "out_of_range",
           "rubric_id: 2147483648 is out_of_range");
    is_str(verdict("rubric_id", "\"2147483648\""), "out_of_range",
           "rubric_id: \"2147483648\" is out_of_range");
    is_str(verdict("rubric_id", "\"0\""), "out_of_range",
           "rubric_id: \"0\" is out_of_range");
    is_str(verdict("rubric_id", "\"99999999999999999999\""), "out_of_range",
           "rubric_id: twenty digits are out_of_range");
    is_str(verdict("rubric_id", "\"03\""), "invalid_uuid",
           "rubric_id: \"03\" (leading zero) is invalid_uuid");
    is_str(verdict("rubric_id", "\"+3\""), "invalid_uuid",
           "rubric_id: \"+3\" is invalid_uuid");
    is_str(verdict("rubric_id", "\"-3\""), "invalid_uuid",
           "rubric_id: \"-3\" is invalid_uuid");
    is_str(verdict("rubric_id", "\" 3\""), "invalid_uuid",
           "rubric_id: \" 3\" is invalid_uuid");
    is_str(verdict("rubric_id", "\"3 \""), "invalid_uuid",
           "rubric_id: \"3 \" is invalid_uuid");
    is_str(verdict("rubric_id", "\"\""), "invalid_uuid",
           "rubric_id: \"\" is invalid_uuid");
    is_str(verdict("rubric_id", "\"3.0\""), "invalid_uuid",
           "rubric_id: \"3.0\" is invalid_uuid");
    is_str(verdict("rubric_id", "\"7B71C000-0000-4000-8000-000000000001\""),
           "invalid_uuid", "rubric_id: an upper-case uuid is invalid_uuid");
}

/* the text parser alone, as a path segment uses it */
static void test_rubric_id_text(void)
{
    apr_int64_t legacy = 0;

    is_int(cgf_rubric_id_parse_str("42", 2, &legacy), CGF_RUBRIC_ID_LEGACY,
           "rubric id text: \"42\" is a legacy id");
    is_int(legacy, 42, "rubric id text: \"42\" is 42");
    is_int(cgf_rubric_id_parse_str(RUBRIC, 36, &legacy), CGF_RUBRIC_ID_UUID,
           "rubric id text: a canonical uuid is a uuid");
    is_int(cgf_rubric_id_parse_str("4\0"
                                   "2",
                                   3, &legacy),
           CGF_RUBRIC_ID_INVALID, "rubric id text: an inner NUL is invalid");
    is_int(cgf_rubric_id_parse_str("00", 2, &legacy), CGF_RUBRIC_ID_INVALID,
           "rubric id text: \"00\" is invalid");
    is_int(cgf_rubric_id_parse_str("4294967297", 10, &legacy),
           CGF_RUBRIC_ID_OUT_OF_RANGE,
           "rubric id text: 2^32+1 is out of range, not wrapped");
}

static void test_analysis_date_calendar(void)
{
    is_str(verdict("analysis_date", NULL), "missing",
           "analysis_date: absent is missing");
    is_str(verdict("analysis_date", "\"2024-02-29\""), "ok",
           "analysis_date: Feb 29 of a leap year is accepted");
    is_str(verdict("analysis_date", "\"2000-02-29\""), "ok",
           "analysis_date: Feb 29 of 2000 (divisible by 400) is accepted");
    is_str(verdict("analysis_date", "\"2023-02-29\""), "invalid_date",
           "analysis_date: Feb 29 of a common year is invalid_date");
    is_str(verdict("analysis_date", "\"1900-02-29\""), "invalid_date",
           "analysis_date: Feb 29 of 1900 (a century) is invalid_date");
    is_str(verdict("analysis_date", "\"2024-02-30\""), "invalid_date",
           "analysis_date: Feb 30 is invalid_date");
    is_str(verdict("analysis_date", "\"2025-04-31\""), "invalid_date",
           "analysis_date: April 31 is invalid_date");
    is_str(verdict("analysis_date", "\"2025-12-31\""), "ok",
           "analysis_date: December 31 is accepted");
    is_str(verdict("analysis_date", "\"2025-13-01\""), "invalid_date",
           "analysis_date: month 13 is invalid_date");
    is_str(verdict("analysis_date", "\"2025-00-10\""), "invalid_date",
           "analysis_date: month 0 is invalid_date");
    is_str(verdict("analysis_date", "\"2025-01-00\""), "invalid_date",
           "analysis_date: day 0 is invalid_date");
    is_str(verdict("analysis_date", "\"0000-01-01\""), "invalid_date",
           "analysis_date: year 0 is invalid_date");
}

static void test_analysis_date_format(void)
{
    is_str(verdict("analysis_date", "\"2026-01-15T10:00:00Z\""), "invalid_date",
           "analysis_date: a timestamp is invalid_date");
    is_str(verdict("analysis_date", "\"2026-1-5\""), "invalid_date",
           "analysis_date: unpadded month and day is invalid_date");
    is_str(verdict("analysis_date", "\"20260115\""), "invalid_date",
           "analysis_date: no dashes is invalid_date");
    is_str(verdict("analysis_date", "\"15-01-2026\""), "invalid_date",
           "analysis_date: DD-MM-YYYY is invalid_date");
    is_str(verdict("analysis_date", "\" 2026-01-15\""), "invalid_date",
           "analysis_date: leading space is invalid_date");
    is_str(verdict("analysis_date", "\"2026/01/15\""), "invalid_date",
           "analysis_date: slashes are invalid_date");
    is_str(verdict("analysis_date", "\"+026-01-15\""), "invalid_date",
           "analysis_date: a sign in the year is invalid_date");
    is_str(verdict("analysis_date", "\"\""), "invalid_date",
           "analysis_date: empty is invalid_date");
    is_str(verdict("analysis_date", "20260115"), "wrong_type",
           "analysis_date: a number is wrong_type");
    is_str(verdict("analysis_date", "null"), "wrong_type",
           "analysis_date: null is wrong_type");
}

/* the date boundary at UTC+14, on both sides of 10:00 UTC */
static void test_analysis_date_future(void)
{
    apr_time_t before = utc(2026, 1, 15, 9, 59, 59);
    apr_time_t at = utc(2026, 1, 15, 10, 0, 0);

    is_int(cgf_date_check("2026-01-15", 10, before), CGF_DATE_OK,
           "analysis_date: today at UTC+14 is accepted");
    is_int(cgf_date_check("2026-01-16", 10, before), CGF_DATE_FUTURE,
           "analysis_date: future by one day at UTC+14 is future_date");
    is_int(cgf_date_check("2026-01-16", 10, at), CGF_DATE_OK,
           "analysis_date: tomorrow in UTC, once today at UTC+14, is "
           "accepted");
    is_int(cgf_date_check("2026-01-17", 10, at), CGF_DATE_FUTURE,
           "analysis_date: two days ahead in UTC is future_date");
    is_int(cgf_date_check("2027-01-01", 10, utc(2026, 12, 31, 10, 0, 0)),
           CGF_DATE_OK,
           "analysis_date: new year at UTC+14 is accepted at 10:00 UTC");
    is_int(cgf_date_check("1999-12-31", 10, at), CGF_DATE_OK,
           "analysis_date: a past date is accepted");

    now = before;
    is_str(verdict("analysis_date", "\"2026-01-16\""), "future_date",
           "analysis_date: the body's future date is future_date");
    is_str(verdict("analysis_date", "\"9999-12-31\""), "future_date",
           "analysis_date: 9999-12-31 is future_date");
    now = at;
}

static void test_audio_url(void)
{
    cgf_analysis_input_t in;
    cgf_url_policy_t lax = {1, NULL, 0};

    is_str(verdict("audio_url", NULL), "missing",
           "audio_url: absent is missing");
    is_str(verdict("audio_url", "\"http://cdn.example.com/a.mp3\""),
           "url_scheme", "audio_url: http is url_scheme");
    is_str(verdict("audio_url", "\"https://cdn.example.com/a.wav\""),
           "url_not_mp3", "audio_url: a .wav path is url_not_mp3");
    is_str(verdict("audio_url", "\"https://cdn.example.com/a?f=.mp3\""),
           "url_not_mp3", "audio_url: .mp3 only in the query is url_not_mp3");
    is_str(verdict("audio_url", "\"https://cdn.example.com/A.MP3?sig=x\""),
           "ok", "audio_url: .MP3 with a query string is accepted");
    is_str(verdict("audio_url", "\"https://127.0.0.1/a.mp3\""),
           "url_private_host", "audio_url: loopback is url_private_host");
    is_str(verdict("audio_url", "5"), "wrong_type",
           "audio_url: a number is wrong_type");

    run("audio_url", "\"HTTPS://CDN.Example.COM:443/a.mp3\"", &in);
    is_str(in.audio_url, "https://cdn.example.com/a.mp3",
           "audio_url: stored normalised");

    policy = lax;
    is_str(verdict("audio_url", "\"http://cdn.example.com/a.wav\""),
           "url_not_mp3",
           "audio_url: .mp3 is required whatever the caller's policy");
    is_int(policy.require_mp3, 0,
           "audio_url: the caller's policy is not changed");
    policy.allow_http = 0;
}

/* metadata that holds n keys "k00".. with short values */
static const char *metadata_of(int n)
{
    const char *s = "{";
    int i;

    for (i = 0; i < n; i++)
        s = apr_psprintf(pool, "%s%s\"k%02d\": \"v\"", s, i ? ", " : "", i);
    return apr_pstrcat(pool, s, "}", NULL);
}

/* the single fault of a metadata value, if it is at [body,metadata,key] */
static const char *metadata_fault(const char *value, const char *key)
{
    cgf_analysis_input_t in;
    apr_array_header_t *faults = run("metadata", value, &in);
    const cgf_fault_t *f;

    if (faults->nelts != 1)
        return faults->nelts ? "several" : "ok";
    f = fault_at(faults, 0);
    if (strcmp(f->loc[0], "body") || !f->loc[1] ||
        strcmp(f->loc[1], "metadata") || !f->loc[2] || strcmp(f->loc[2], key))
        return "wrong loc";
    return f->type;
}

static void test_metadata_stored(void)
{
    cgf_analysis_input_t in;

    run("metadata", NULL, &in);
    is_str(in.metadata_json, "{}", "metadata: absent is stored as {}");
    run("metadata", "{\"section\": \"B\", \"period\": \"3\"}", &in);
    is_str(in.metadata_json, "{\"period\":\"3\",\"section\":\"B\"}",
           "metadata: stored compact with sorted keys");
    run("metadata", "{\"room\": \"caf\\u00e9\"}", &in);
    is_str(in.metadata_json, "{\"room\":\"caf\xc3\xa9\"}",
           "metadata: UTF-8 is kept as it is");
    is_str(verdict("metadata", "{}"), "ok", "metadata: empty is accepted");
    is_str(verdict("metadata", metadata_of(20)), "ok",
           "metadata: 20 keys are accepted");
    is_str(verdict("metadata", metadata_of(21)), "too_many",
           "metadata: 21 keys are too_many");
}

static void test_metadata_entries(void)
{
    const char *k40 = apr_pstrndup(pool, json_repeat('k', 40) + 1, 40);
    const char *k41 = apr_pstrndup(pool, json_repeat('k', 41) + 1, 41);

    is_str(metadata_fault("{\"\": \"v\"}", ""), "too_short",
           "metadata: an empty key is too_short at its key");
    is_str(verdict("metadata", apr_psprintf(pool, "{\"%s\": \"v\"}", k40)),
           "ok", "metadata: a 40-byte key is accepted");
    is_str(metadata_fault(apr_psprintf(pool, "{\"%s\": \"v\"}", k41), k41),
           "too_long", "metadata: a 41-byte key is too_long at its key");
    is_str(metadata_fault("{\"a\\tb\": \"v\"}", "a\tb"), "invalid_characters",
           "metadata: a control character in a key is invalid_characters");
    is_str(verdict("metadata",
                   apr_psprintf(pool, "{\"k\": %s}", json_repeat('v', 500))),
           "ok", "metadata: a 500-byte value is accepted");
    is_str(metadata_fault(
               apr_psprintf(pool, "{\"k\": %s}", json_repeat('v', 501)), "k"),
           "too_long", "metadata: a 501-byte value is too_long at its key");
    is_str(metadata_fault("{\"k\": 3}", "k"), "wrong_type",
           "metadata: a number value is wrong_type at its key");
    is_str(metadata_fault("{\"k\": null}", "k"), "wrong_type",
           "metadata: a null value is wrong_type at its key");
    is_str(metadata_fault("{\"k\": {\"x\": \"y\"}}", "k"), "wrong_type",
           "metadata: a nested object is wrong_type at its key");
    is_str(metadata_fault("{\"k\": \"line\\nbreak\"}", "k"),
           "invalid_characters",
           "metadata: a newline in a value is invalid_characters");
}

static void test_metadata_shape(void)
{
    cgf_analysis_input_t in;
    apr_array_header_t *faults;

    is_str(verdict("metadata", "\"section B\""), "wrong_type",
           "metadata: a string is wrong_type");
    is_str(verdict("metadata", "[\"a\"]"), "wrong_type",
           "metadata: an array is wrong_type");
    is_str(verdict("metadata", "null"), "wrong_type",
           "metadata: null is wrong_type");

    faults = run("metadata", "{\"a\": 1, \"b\": 2, \"c\": \"ok\"}", &in);
    is_int(faults->nelts, 2, "metadata: every bad entry has its own fault");
    ok(in.metadata_json == NULL, "metadata: not stored when it has a fault");
}

static void test_unknown_fields(void)
{
    cgf_analysis_input_t in;
    apr_array_header_t *faults = run("colour", "\"red\"", &in);

    is_int(faults->nelts, 1, "unknown field: one fault");
    is_str(fault_at(faults, 0)->type, "unknown_field",
           "unknown field: colour is unknown_field");
    is_str(fault_at(faults, 0)->loc[1], "colour",
           "unknown field: loc names the field");
    is_str(verdict("status", "\"queued\""), "unknown_field",
           "unknown field: status (set by the service) is unknown_field");
    is_str(verdict("board", "\"" BOARD "\""), "unknown_field",
           "unknown field: board (not board_id) is unknown_field");
}

/* the fields of the contract's table, in its order */
static const char *const required[] = {
    "institution_id", "teacher_id", "board_id",      "grade_id",
    "subject_id",     "rubric_id",  "analysis_date", "audio_url"};

static void test_all_missing(void)
{
    json_t *body = parse("{}");
    apr_array_header_t *faults = cgf_faults_make(pool);
    cgf_analysis_input_t in;
    int i, all = 1;

    cgf_analysis_validate(pool, body, &policy, now, &in, faults);
    json_decref(body);

    is_int(faults->nelts, 8, "all missing: eight faults in one call");
    for (i = 0; i < faults->nelts && i < 8; i++) {
        const cgf_fault_t *f = fault_at(faults, i);

        all = all && !strcmp(f->type, "missing") &&
              !strcmp(f->loc[0], "body") && !strcmp(f->loc[1], required[i]);
    }
    ok(all, "all missing: each required field, in the contract's order");
    ok(!in.board_id && !in.rubric_uuid && !in.rubric_legacy_id && !in.audio_url,
       "all missing: nothing is accepted");
    is_str(in.metadata_json, "{}", "all missing: metadata defaults to {}");
}

static void test_faults_together(void)
{
    json_t *body = parse(good_body);
    apr_array_header_t *faults = cgf_faults_make(pool);
    cgf_analysis_input_t in;

    json_object_set_new(body, "rubric_id", json_real(3.0));
    json_object_set_new(body, "analysis_date", json_string("2026-01-17"));
    json_object_set_new(body, "teacher_id", json_string(""));
    json_object_set_new(body, "extra", json_true());
    cgf_analysis_validate(pool, body, &policy, now, &in, faults);
    json_decref(body);

    is_int(faults->nelts, 4, "several faults: all reported at once");
    is_str(in.institution_id, "inst_001",
           "several faults: good fields are still accepted");
}

static void test_good_body(void)
{
    cgf_analysis_input_t in;
    apr_array_header_t *faults = run("metadata", "{\"room\": \"8A\"}", &in);

    is_int(faults->nelts, 0, "good body: no fault");
    ok(in.institution_id && !strcmp(in.institution_id, "inst_001") &&
           in.teacher_id && !strcmp(in.teacher_id, "teacher_67890"),
       "good body: institution and teacher are stored");
    ok(in.board_id && !strcmp(in.board_id, BOARD) && in.grade_id &&
           !strcmp(in.grade_id, GRADE) && in.subject_id &&
           !strcmp(in.subject_id, SUBJECT),
       "good body: board, grade and subject are stored");
    is_str(in.analysis_date, "2026-01-15", "good body: date is stored");
    is_str(in.audio_url, "https://cdn.example.com/class/8a.mp3",
           "good body: audio_url is stored");
    is_str(in.metadata_json, "{\"room\":\"8A\"}",
           "good body: metadata is stored");
}

int main(void)
{
    apr_initialize();
    apr_pool_create(&pool, NULL);
    now = utc(2026, 1, 15, 10, 0, 0);

    test_identity_strings();
    test_catalogue_uuids();
    test_rubric_id_accepted();
    test_rubric_id_refused();
    test_rubric_id_text();
    test_analysis_date_calendar();
    test_analysis_date_format();
    test_analysis_date_future();
    test_audio_url();
    test_metadata_stored();
    test_metadata_entries();
    test_metadata_shape();
    test_unknown_fields();
    test_all_missing();
    test_faults_together();
    test_good_body();

    apr_pool_destroy(pool);
    apr_terminate();
    return done_testing();
}
