#include <string.h>

#include <apr_strings.h>

#include "cgf_analysis_rules.h"
#include "cgf_json.h"
#include "cgf_validate.h"

/* UTC+14 (Line Islands) is the first zone to reach a new day, so a date
 * that is not yet today there is in the future everywhere on Earth. */
#define CGF_EARLIEST_ZONE_OFFSET (14 * 60 * 60)

static const char *const analysis_fields[] = {
    "institution_id", "teacher_id",    "board_id",  "grade_id", "subject_id",
    "rubric_id",      "analysis_date", "audio_url", "metadata", NULL};

static int is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30,
                                 31, 31, 30, 31, 30, 31};

    return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

/* the value of n ASCII digits, or -1 if one of them is not a digit */
static int digits_value(const char *s, int n)
{
    int v = 0, i;

    for (i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* YYYY-MM-DD checked by hand: strptime would accept "2026-1-5" and
 * trailing text */
cgf_date_verdict_e cgf_date_check(const char *s, apr_size_t len, apr_time_t now)
{
    apr_time_exp_t tm;
    int y, m, d, today;

    if (len != 10 || s[4] != '-' || s[7] != '-')
        return CGF_DATE_INVALID;

    y = digits_value(s, 4);
    m = digits_value(s + 5, 2);
    d = digits_value(s + 8, 2);
    if (y < 1 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
        return CGF_DATE_INVALID;

    /* compare as YYYYMMDD numbers: no time zone arithmetic on the date
     * itself, only on now */
    apr_time_exp_tz(&tm, now, CGF_EARLIEST_ZONE_OFFSET);
    today = (tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday;
    return y * 10000 + m * 100 + d > today ? CGF_DATE_FUTURE : CGF_DATE_OK;
}

/* a uuid, or the one digit spelling of an integer id */
cgf_rubric_id_e cgf_rubric_id_parse_str(const char *s, apr_size_t len,
                                        apr_int64_t *legacy)
{
    apr_int64_t v = 0;
    apr_size_t i;

    if (cgf_uuid_canonical(s, len))
        return CGF_RUBRIC_ID_UUID;

    /* the contract allows one spelling per integer: no sign, space or
     * leading zero */
    if (len == 0 || (s[0] == '0' && len > 1))
        return CGF_RUBRIC_ID_INVALID;
    for (i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return CGF_RUBRIC_ID_INVALID;
    }

    /* more than ten digits cannot fit; stopping here keeps v exact */
    if (len > 10)
        return CGF_RUBRIC_ID_OUT_OF_RANGE;
    for (i = 0; i < len; i++)
        v = v * 10 + (s[i] - '0');
    if (v < 1 || v > CGF_RUBRIC_LEGACY_ID_MAX)
        return CGF_RUBRIC_ID_OUT_OF_RANGE;
    *legacy = v;
    return CGF_RUBRIC_ID_LEGACY;
}

/* a rubric_id value of either JSON type */
cgf_rubric_id_e cgf_rubric_id_parse(const json_t *v, apr_int64_t *legacy)
{
    json_int_t n;

    if (json_is_string(v))
        return cgf_rubric_id_parse_str(json_string_value(v),
                                       json_string_length(v), legacy);

    /* a real such as 3.0 is refused even when whole: the contract names
     * it, and clients that send it have a float where an id belongs */
    if (!json_is_integer(v))
        return CGF_RUBRIC_ID_WRONG_TYPE;

    n = json_integer_value(v);
    if (n < 1 || n > CGF_RUBRIC_LEGACY_ID_MAX)
        return CGF_RUBRIC_ID_OUT_OF_RANGE;
    *legacy = (apr_int64_t)n;
    return CGF_RUBRIC_ID_LEGACY;
}

/* the value of a required field, or NULL after its missing fault */
static json_t *required_field(json_t *body, const char *field,
                              apr_array_header_t *faults)
{
    json_t *v = json_object_get(body, field);

    if (!v)
        cgf_fault_add(
            faults, "missing",
            apr_psprintf(faults->pool, "The field '%s' is required.", field),
            "body", field, NULL);
    return v;
}

/* rubric_id: the type of its fault follows the JSON type of the value,
 * wrong_type for anything but a string or an integer, out_of_range for
 * an integer outside 1..2147483647 (in either spelling), and
 * invalid_uuid for every other string, "03", "+3", " 3" and "" too,
 * since a string is meant to be a uuid and digits are the exception */
static void check_rubric_id(apr_pool_t *p, json_t *body,
                            cgf_analysis_input_t *in,
                            apr_array_header_t *faults)
{
    json_t *v = required_field(body, "rubric_id", faults);
    apr_int64_t legacy = 0;

    if (!v)
        return;

    switch (cgf_rubric_id_parse(v, &legacy)) {
    case CGF_RUBRIC_ID_UUID:
        in->rubric_uuid = apr_pstrdup(p, json_string_value(v));
        return;
    case CGF_RUBRIC_ID_LEGACY:
        in->rubric_legacy_id = legacy;
        return;
    case CGF_RUBRIC_ID_WRONG_TYPE:
        cgf_fault_add(faults, "wrong_type",
                      apr_psprintf(p,
                                   "The field 'rubric_id' must be a "
                                   "uuid or an integer, not %s.",
                                   cgf_json_type_name(v)),
                      "body", "rubric_id", NULL);
        return;
    case CGF_RUBRIC_ID_OUT_OF_RANGE:
        cgf_fault_add(faults, "out_of_range",
                      "The field 'rubric_id' must be an integer from 1 "
                      "to 2147483647.",
                      "body", "rubric_id", NULL);
        return;
    default:
        cgf_fault_add(faults, "invalid_uuid",
                      "The field 'rubric_id' must be a lower-case "
                      "canonical uuid, or an integer id written as digits "
                      "without sign or leading zero.",
                      "body", "rubric_id", NULL);
    }
}

/* analysis_date: a non-string is wrong_type like any other string field
 * of the contract; a string that is no calendar date is invalid_date */
static void check_analysis_date(apr_pool_t *p, json_t *body, apr_time_t now,
                                cgf_analysis_input_t *in,
                                apr_array_header_t *faults)
{
    json_t *v = required_field(body, "analysis_date", faults);
    cgf_date_verdict_e verdict;

    if (!v)
        return;
    if (!json_is_string(v)) {
        cgf_fault_add(faults, "wrong_type",
                      apr_psprintf(p,
                                   "The field 'analysis_date' must be "
                                   "a string, not %s.",
                                   cgf_json_type_name(v)),
                      "body", "analysis_date", NULL);
        return;
    }

    verdict = cgf_date_check(json_string_value(v), json_string_length(v), now);
    if (verdict == CGF_DATE_INVALID)
        cgf_fault_add(faults, "invalid_date",
                      "The field 'analysis_date' must be a calendar date "
                      "written YYYY-MM-DD.",
                      "body", "analysis_date", NULL);
    else if (verdict == CGF_DATE_FUTURE)
        cgf_fault_add(faults, "future_date",
                      "The field 'analysis_date' must not be in the "
                      "future.",
                      "body", "analysis_date", NULL);
    else
        in->analysis_date = apr_pstrdup(p, json_string_value(v));
}

/* audio_url: the shared URL rules, plus the .mp3 path rule of §3 */
static void check_audio_url(apr_pool_t *p, json_t *body,
                            const cgf_url_policy_t *policy,
                            cgf_analysis_input_t *in,
                            apr_array_header_t *faults)
{
    cgf_url_policy_t audio = {0, NULL, 0};

    if (policy)
        audio = *policy;
    audio.require_mp3 = 1;
    in->audio_url = cgf_v_url(p, body, "audio_url", 1, &audio, faults);
}

/* the one fault of a metadata entry, or NULL if the entry is good */
static const char *metadata_entry_fault(const char *key, json_t *value,
                                        const char **msg)
{
    apr_size_t klen = strlen(key), vlen;

    if (klen < 1) {
        *msg = "A metadata key must not be empty.";
        return "too_short";
    }
    if (klen > CGF_METADATA_KEY_MAX) {
        *msg = "A metadata key must be at most 40 bytes long.";
        return "too_long";
    }
    if (cgf_has_control(key, klen)) {
        *msg = "A metadata key must not contain control characters.";
        return "invalid_characters";
    }
    if (!json_is_string(value)) {
        *msg = "A metadata value must be a string.";
        return "wrong_type";
    }

    vlen = json_string_length(value);
    if (vlen > CGF_METADATA_VALUE_MAX) {
        *msg = "A metadata value must be at most 500 bytes long.";
        return "too_long";
    }
    if (cgf_has_control(json_string_value(value), vlen)) {
        *msg = "A metadata value must not contain control characters.";
        return "invalid_characters";
    }
    return NULL;
}

/* metadata: optional; every bad entry gets its own fault, with the key
 * as the third element of loc */
static void check_metadata(apr_pool_t *p, json_t *body,
                           cgf_analysis_input_t *in, apr_array_header_t *faults)
{
    json_t *m = json_object_get(body, "metadata"), *value;
    int before = faults->nelts;
    const char *key, *type, *msg;
    void *it;

    if (!m) {
        in->metadata_json = "{}";
        return;
    }
    if (!json_is_object(m)) {
        cgf_fault_add(faults, "wrong_type",
                      apr_psprintf(p,
                                   "The field 'metadata' must be an "
                                   "object, not %s.",
                                   cgf_json_type_name(m)),
                      "body", "metadata", NULL);
        return;
    }

    if (json_object_size(m) > CGF_METADATA_MAX_KEYS)
        cgf_fault_add(faults, "too_many",
                      "The field 'metadata' may have at most 20 keys.", "body",
                      "metadata", NULL);

    /* the iterator, not json_object_foreach, which clang-format cannot
     * tell from a function definition */
    for (it = json_object_iter(m); it; it = json_object_iter_next(m, it)) {
        key = json_object_iter_key(it);
        value = json_object_iter_value(it);
        type = metadata_entry_fault(key, value, &msg);
        if (type)
            cgf_fault_add(faults, type, msg, "body", "metadata",
                          apr_pstrdup(p, key));
    }

    if (faults->nelts == before)
        in->metadata_json = cgf_json_canonical(p, m);
}

/* every field rule of §3 that needs no database, all faults at once */
void cgf_analysis_validate(apr_pool_t *p, json_t *body,
                           const cgf_url_policy_t *policy, apr_time_t now,
                           cgf_analysis_input_t *in, apr_array_header_t *faults)
{
    memset(in, 0, sizeof(*in));

    in->institution_id = cgf_v_string(p, body, "institution_id", 1,
                                      CGF_ANALYSIS_ID_MAX, 1, faults);
    in->teacher_id =
        cgf_v_string(p, body, "teacher_id", 1, CGF_ANALYSIS_ID_MAX, 1, faults);

    in->board_id = cgf_v_uuid(p, body, "board_id", 1, faults);
    in->grade_id = cgf_v_uuid(p, body, "grade_id", 1, faults);
    in->subject_id = cgf_v_uuid(p, body, "subject_id", 1, faults);

    check_rubric_id(p, body, in, faults);
    check_analysis_date(p, body, now, in, faults);
    check_audio_url(p, body, policy, in, faults);
    check_metadata(p, body, in, faults);

    /* unknown fields last, so the known ones keep the contract's order */
    cgf_v_fields(body, analysis_fields, NULL, faults);
}
