/* Unit tests of the shared field rules (cgf_validate) and the list rules
 * of the contract's §1.2 (cgf_list): one check per rule, each named
 * after it. */
#include <stdlib.h>
#include <string.h>

#include <apr_base64.h>
#include <apr_general.h>
#include <apr_strings.h>

#include "cgf_analysis_rules.h"
#include "cgf_crypto.h"
#include "cgf_json.h"
#include "cgf_list.h"
#include "cgf_validate.h"
#include "tap.h"

/* a string literal and its length, NUL bytes included */
#define LIT(s) s, sizeof(s) - 1

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

#define UUID "123e4567-e89b-42d3-a456-426614174000"
#define US   "1736937000123456"

static apr_pool_t *pool;

/* ---------------------------------------------------------------------
 * helpers
 * ------------------------------------------------------------------- */

/* a JSON fixture, released with the pool */
static json_t *body(const char *text)
{
    json_t *j = json_loads(text, JSON_DECODE_ANY, NULL);

    if (!j) {
        printf("Bail out! bad fixture %s\n", text);
        exit(255);
    }
    return cgf_json_pin(pool, j);
}

/* the object {field: value}, value taken over */
static json_t *with(const char *field, json_t *value)
{
    json_t *j = cgf_json_pin(pool, json_object());

    json_object_set_new(j, field, value);
    return j;
}

static const cgf_fault_t *fault_at(const apr_array_header_t *faults, int i)
{
    return &APR_ARRAY_IDX(faults, i, cgf_fault_t);
}

/* 1 if the fault's loc is exactly [loc0, loc1] */
static int loc_is(const cgf_fault_t *f, const char *loc0, const char *loc1)
{
    return f->loc[0] && !strcmp(f->loc[0], loc0) && f->loc[1] &&
           !strcmp(f->loc[1], loc1) && !f->loc[2];
}

/* 1 if s is one plain English sentence */
static int sentence(const char *s)
{
    size_t n = s ? strlen(s) : 0;

    return n > 1 && s[0] >= 'A' && s[0] <= 'Z' && s[n - 1] == '.';
}

/* "ok" for no fault, else the type of a single fault at [loc0, loc1]
 * with a sentence, "several", or "bad fault" */
static const char *only_fault(const apr_array_header_t *faults,
                              const char *loc0, const char *loc1)
{
    const cgf_fault_t *f;

    if (faults->nelts == 0)
        return "ok";
    if (faults->nelts > 1)
        return "several";
    f = fault_at(faults, 0);
    if (!loc_is(f, loc0, loc1) || !sentence(f->msg))
        return "bad fault";
    return f->type;
}

/* ---------------------------------------------------------------------
 * cgf_uuid_canonical
 * ------------------------------------------------------------------- */

static void test_uuid_canonical(void)
{
    static const struct {
        const char *s;
        int want;
        const char *rule;
    } cases[] = {
        {UUID, 1, "canonical lower case"},
        {"00000000-0000-0000-0000-000000000000", 1, "the nil uuid"},
        {"ffffffff-ffff-ffff-ffff-ffffffffffff", 1, "all f"},
        {"123E4567-E89B-42D3-A456-426614174000", 0, "upper case"},
        {"123e4567-e89b-42d3-a456-42661417400A", 0, "one upper-case digit"},
        {"{" UUID "}", 0, "braces"},
        {"urn:uuid:" UUID, 0, "urn:uuid: prefix"},
        {"123e4567e89b42d3a456426614174000", 0, "no hyphens"},
        {"123e4567-e89b-42d3-a456-42661417400", 0, "35 characters"},
        {"123e4567-e89b-42d3-a456-4266141740000", 0, "37 characters"},
        {"123e456-7e89b-42d3-a456-426614174000", 0, "first hyphen early"},
        {"123e4567-e89b4-2d3-a456-426614174000", 0, "second hyphen late"},
        {"123e4567-e89b-42d3a-456-426614174000", 0, "third hyphen late"},
        {"123e4567-e89b-42d3-a4564-26614174000", 0, "fourth hyphen late"},
        {"123e4567-e89b-42d3-a456-4266-4174000", 0, "a fifth hyphen"},
        {"123e4567-e89b-42d3-a456-42661417400g", 0, "a non-hex letter"},
        {"123e4567 e89b 42d3 a456 426614174000", 0, "spaces for hyphens"},
        {"", 0, "empty"},
    };
    apr_size_t i;

    for (i = 0; i < COUNT(cases); i++)
        is_int(cgf_uuid_canonical(cases[i].s, strlen(cases[i].s)),
               cases[i].want, "uuid: %s", cases[i].rule);

    is_int(cgf_uuid_canonical(UUID, 35), 0, "uuid: len cuts it to 35");
    is_int(cgf_uuid_canonical(LIT("123e4567-e89b-42d3-a456-42661417\0"
                                  "000")),
           0, "uuid: a NUL inside 36 bytes");
}

/* ---------------------------------------------------------------------
 * cgf_has_control
 * ------------------------------------------------------------------- */

static void test_has_control(void)
{
    static const struct {
        const char *s;
        apr_size_t len;
        int want;
        const char *rule;
    } cases[] = {
        {LIT("teacher_67890"), 0, "plain ASCII"},
        {LIT(""), 0, "empty"},
        {LIT(" ~"), 0, "space and tilde are printable"},
        {LIT("a\0b"), 1, "C0: NUL"},
        {LIT("a\tb"), 1, "C0: tab"},
        {LIT("a\nb"), 1, "C0: newline"},
        {LIT("\x01"), 1, "C0: 0x01"},
        {LIT("\x1f"), 1, "C0: 0x1f"},
        {LIT("a\x7f"), 1, "DEL"},
        {LIT("\xc2\x80"), 1, "C1: U+0080"},
        {LIT("a\xc2\x85z"), 1, "C1: U+0085 NEL"},
        {LIT("\xc2\x9b"), 1, "C1: U+009B CSI"},
        {LIT("x\xc2\x9f"), 1, "C1: U+009F"},
        {LIT("\xc2\xa0"), 0, "U+00A0 no-break space is no control"},
        {LIT("\xc2\xbf"), 0, "U+00BF is no control"},
        {LIT("\xc3\x85"), 0, "U+00C5: 0x85 after another lead byte"},
        {LIT("\xe2\x82\x80"), 0, "U+2080: 0x82 0x80 continuation bytes"},
        {LIT("\xe2\x80\xa8"), 0, "U+2028 line separator is allowed"},
        {LIT("\xe2\x80\xae"), 0, "U+202E format character is allowed"},
        {LIT("\xef\xbb\xbf"), 0, "U+FEFF is allowed"},
        {LIT("caf\xc3\xa9 \xf0\x9f\x98\x80"), 0, "accents and emoji"},
    };
    apr_size_t i;

    for (i = 0; i < COUNT(cases); i++)
        is_int(cgf_has_control(cases[i].s, cases[i].len), cases[i].want,
               "has_control: %s", cases[i].rule);

    is_int(cgf_has_control("ab\x01", 2), 0, "has_control: only len bytes");
    is_int(cgf_has_control("a\xc2\x85", 2), 0,
           "has_control: a lead byte cut off by len");
}

/* ---------------------------------------------------------------------
 * cgf_v_fields
 * ------------------------------------------------------------------- */

static const char *const known[] = {"endpoint_url", "secret_hash", NULL};
static const char *const immutable[] = {"id", "status", "endpoint_url", NULL};

/* the fault about key, or NULL */
static const cgf_fault_t *fault_for(const apr_array_header_t *faults,
                                    const char *key)
{
    int i;

    for (i = 0; i < faults->nelts; i++) {
        const cgf_fault_t *f = fault_at(faults, i);

        if (f->loc[1] && !strcmp(f->loc[1], key))
            return f;
    }
    return NULL;
}

static void test_v_fields(void)
{
    apr_array_header_t *faults = cgf_faults_make(pool);
    const cgf_fault_t *f;

    cgf_v_fields(body("{\"secret_hash\":\"s\",\"id\":1,\"colour\":2,"
                      "\"status\":null,\"Secret_hash\":3}"),
                 known, immutable, faults);
    is_int(faults->nelts, 4, "fields: one fault per bad key");

    f = fault_for(faults, "id");
    ok(f && !strcmp(f->type, "immutable_field") && loc_is(f, "body", "id") &&
           sentence(f->msg),
       "fields: an immutable key is immutable_field at [body, id]");
    f = fault_for(faults, "status");
    ok(f && !strcmp(f->type, "immutable_field"),
       "fields: an immutable key with a null value is immutable_field");
    f = fault_for(faults, "colour");
    ok(f && !strcmp(f->type, "unknown_field") && loc_is(f, "body", "colour") &&
           sentence(f->msg),
       "fields: an unknown key is unknown_field at [body, colour]");
    f = fault_for(faults, "Secret_hash");
    ok(f && !strcmp(f->type, "unknown_field"),
       "fields: keys are compared with their case");
    ok(!fault_for(faults, "secret_hash"), "fields: a known key is no fault");

    faults = cgf_faults_make(pool);
    cgf_v_fields(body("{\"endpoint_url\":\"x\"}"), known, immutable, faults);
    is_str(only_fault(faults, "body", "endpoint_url"), "immutable_field",
           "fields: a key in both lists is immutable_field");

    faults = cgf_faults_make(pool);
    cgf_v_fields(body("{\"id\":1}"), known, NULL, faults);
    is_str(only_fault(faults, "body", "id"), "unknown_field",
           "fields: without an immutable list, unknown_field");

    faults = cgf_faults_make(pool);
    cgf_v_fields(body("{}"), known, immutable, faults);
    is_int(faults->nelts, 0, "fields: an empty body has no fault");
}

/* ---------------------------------------------------------------------
 * cgf_v_string
 * ------------------------------------------------------------------- */

/* the fault of cgf_v_string on {"teacher_id": value} (1..4 bytes) */
static const char *string_verdict(json_t *value, const char **got)
{
    apr_array_header_t *faults = cgf_faults_make(pool);
    const char *s = cgf_v_string(pool, with("teacher_id", value), "teacher_id",
                                 1, 4, 1, faults);
    const char *v = only_fault(faults, "body", "teacher_id");

    if (got)
        *got = s;
    if (!strcmp(v, "ok") != (s != NULL))
        return "result and faults disagree";
    return v;
}

static void test_v_string_presence(void)
{
    apr_array_header_t *faults = cgf_faults_make(pool);

    ok(!cgf_v_string(pool, body("{}"), "teacher_id", 1, 4, 1, faults),
       "string: missing gives NULL");
    is_str(only_fault(faults, "body", "teacher_id"), "missing",
           "string: missing and required is missing at [body, teacher_id]");

    faults = cgf_faults_make(pool);
    ok(!cgf_v_string(pool, body("{}"), "teacher_id", 1, 4, 0, faults) &&
           faults->nelts == 0,
       "string: missing and optional is NULL without a fault");

    is_str(string_verdict(json_integer(5), NULL), "wrong_type",
           "string: a number is wrong_type");
    is_str(string_verdict(json_null(), NULL), "wrong_type",
           "string: null is wrong_type");
    is_str(string_verdict(json_true(), NULL), "wrong_type",
           "string: a boolean is wrong_type");
    is_str(string_verdict(json_array(), NULL), "wrong_type",
           "string: an array is wrong_type");
    is_str(string_verdict(json_object(), NULL), "wrong_type",
           "string: an object is wrong_type");

    faults = cgf_faults_make(pool);
    cgf_v_string(pool, with("teacher_id", json_real(1.5)), "teacher_id", 1, 4,
                 1, faults);
    ok(faults->nelts == 1 && strstr(fault_at(faults, 0)->msg, "not a number"),
       "string: the message names the type that was sent");
}

static void test_v_string_length(void)
{
    const char *got = NULL;

    is_str(string_verdict(json_string("abcd"), &got), "ok",
           "string: 4 bytes of 1..4 is accepted");
    is_str(got, "abcd", "string: the accepted value is returned");
    is_str(string_verdict(json_string("a"), NULL), "ok",
           "string: 1 byte of 1..4 is accepted");
    is_str(string_verdict(json_string(""), NULL), "too_short",
           "string: empty is too_short");
    is_str(string_verdict(json_string("abcde"), NULL), "too_long",
           "string: 5 bytes is too_long");
    is_str(string_verdict(json_string("\xc3\xa9\xc3\xa9"), NULL), "ok",
           "string: 2 characters in 4 bytes are accepted");
    is_str(string_verdict(json_string("\xc3\xa9\xc3\xa9\xc3\xa9"), NULL),
           "too_long", "string: 3 characters in 6 bytes are too_long");
    is_str(string_verdict(json_string("\xf0\x9f\x98\x80!"), NULL), "too_long",
           "string: one emoji and one letter (5 bytes) are too_long");
    is_str(string_verdict(json_string("ab\tcdef"), NULL), "too_long",
           "string: the length is judged first, one fault only");
}

static void test_v_string_control(void)
{
    const char *got = NULL;

    is_str(string_verdict(json_string("a\tb"), NULL), "invalid_characters",
           "string: a tab is invalid_characters");
    is_str(string_verdict(json_stringn("a\0b", 3), NULL), "invalid_characters",
           "string: a NUL is invalid_characters");
    is_str(string_verdict(json_string("a\x7f"), NULL), "invalid_characters",
           "string: DEL is invalid_characters");
    is_str(string_verdict(json_string("a\xc2\x85"), NULL), "invalid_characters",
           "string: C1 U+0085 is invalid_characters");
    is_str(string_verdict(json_string("\xc2\x9f"), NULL), "invalid_characters",
           "string: C1 U+009F is invalid_characters");
    is_str(string_verdict(json_string("\xc2\xa0"), NULL), "ok",
           "string: U+00A0 is accepted");
    is_str(string_verdict(json_string("\xe2\x80\xa8"), &got), "ok",
           "string: U+2028 is accepted");
    is_str(got, "\xe2\x80\xa8", "string: and returned as it is");
}

/* ---------------------------------------------------------------------
 * cgf_v_uuid, cgf_v_url, cgf_json_type_name
 * ------------------------------------------------------------------- */

/* the fault of cgf_v_uuid on {"board_id": value} */
static const char *uuid_verdict(json_t *value, const char **got)
{
    apr_array_header_t *faults = cgf_faults_make(pool);
    const char *s =
        cgf_v_uuid(pool, with("board_id", value), "board_id", 1, faults);

    if (got)
        *got = s;
    return only_fault(faults, "body", "board_id");
}

static void test_v_uuid(void)
{
    apr_array_header_t *faults = cgf_faults_make(pool);
    const char *got = NULL;

    is_str(uuid_verdict(json_string(UUID), &got), "ok",
           "uuid field: canonical is accepted");
    is_str(got, UUID, "uuid field: and returned");
    is_str(
        uuid_verdict(json_string("123E4567-E89B-42D3-A456-426614174000"), &got),
        "invalid_uuid", "uuid field: upper case is invalid_uuid");
    ok(got == NULL, "uuid field: a bad one gives NULL");
    is_str(uuid_verdict(json_string("{" UUID "}"), NULL), "invalid_uuid",
           "uuid field: braces are invalid_uuid");
    is_str(uuid_verdict(json_string(""), NULL), "invalid_uuid",
           "uuid field: empty is invalid_uuid");
    is_str(uuid_verdict(json_integer(1), NULL), "wrong_type",
           "uuid field: a number is wrong_type");

    cgf_v_uuid(pool, body("{}"), "board_id", 1, faults);
    is_str(only_fault(faults, "body", "board_id"), "missing",
           "uuid field: missing and required is missing");
    faults = cgf_faults_make(pool);
    ok(!cgf_v_uuid(pool, body("{}"), "board_id", 0, faults) &&
           faults->nelts == 0,
       "uuid field: missing and optional is no fault");
}

/* the fault of cgf_v_url on {"endpoint_url": url} under a policy */
static const char *url_verdict(const char *url, const cgf_url_policy_t *pol,
                               const char **got)
{
    apr_array_header_t *faults = cgf_faults_make(pool);
    const char *s = cgf_v_url(pool, with("endpoint_url", json_string(url)),
                              "endpoint_url", 1, pol, faults);

    if (got)
        *got = s;
    return only_fault(faults, "body", "endpoint_url");
}

static void test_v_url(void)
{
    static const cgf_url_policy_t web = {0, NULL, 0}, audio = {0, NULL, 1};
    apr_array_header_t *faults = cgf_faults_make(pool);
    const char *got = NULL;

    is_str(url_verdict("HTTPS://Example.COM:443/a", &web, &got), "ok",
           "url field: a good URL is accepted");
    is_str(got, "https://example.com/a", "url field: returned normalised");
    is_str(url_verdict("https://exa mple.com/", &web, NULL), "invalid_url",
           "url field: invalid_url");
    is_str(url_verdict(apr_psprintf(pool, "https://example.com/%02030d", 0),
                       &web, NULL),
           "too_long", "url field: too_long");
    is_str(url_verdict("ftp://example.com/", &web, NULL), "url_scheme",
           "url field: url_scheme");
    is_str(url_verdict("https://u:p@example.com/", &web, NULL), "url_userinfo",
           "url field: url_userinfo");
    is_str(url_verdict("https://example.com/#f", &web, NULL), "url_fragment",
           "url field: url_fragment");
    is_str(url_verdict("https://10.0.0.1/", &web, NULL), "url_private_host",
           "url field: url_private_host");
    is_str(url_verdict("https://example.com/a.wav", &audio, NULL),
           "url_not_mp3", "url field: url_not_mp3");
    is_str(url_verdict("https://example.com/a.mp3", &audio, NULL), "ok",
           "url field: an mp3 URL under the audio policy");

    cgf_v_url(pool, with("endpoint_url", json_integer(1)), "endpoint_url", 1,
              &web, faults);
    is_str(only_fault(faults, "body", "endpoint_url"), "wrong_type",
           "url field: a number is wrong_type");
    faults = cgf_faults_make(pool);
    cgf_v_url(pool, body("{}"), "endpoint_url", 1, &web, faults);
    is_str(only_fault(faults, "body", "endpoint_url"), "missing",
           "url field: missing and required is missing");
}

static void test_v_type_name(void)
{
    is_str(cgf_json_type_name(body("{}")), "an object", "type name: object");
    is_str(cgf_json_type_name(body("[]")), "an array", "type name: array");
    is_str(cgf_json_type_name(body("\"s\"")), "a string", "type name: string");
    is_str(cgf_json_type_name(body("1")), "a number", "type name: integer");
    is_str(cgf_json_type_name(body("1.5")), "a number", "type name: real");
    is_str(cgf_json_type_name(body("true")), "a boolean", "type name: true");
    is_str(cgf_json_type_name(body("false")), "a boolean", "type name: false");
    is_str(cgf_json_type_name(body("null")), "null", "type name: null");
}

/* ---------------------------------------------------------------------
 * every caller of cgf_has_control: the analysis body's strings
 * ------------------------------------------------------------------- */

/* the analysis fields that must refuse a C1 control character */
static void test_c1_in_analysis(void)
{
    static const char *const good =
        "{\"institution_id\": \"inst_001\", \"teacher_id\": \"t_1\","
        " \"board_id\": \"" UUID "\", \"grade_id\": \"" UUID "\","
        " \"subject_id\": \"" UUID "\", \"rubric_id\": \"" UUID "\","
        " \"analysis_date\": \"2026-01-15\","
        " \"audio_url\": \"https://cdn.example.com/a.mp3\"}";
    static const struct {
        const char *field, *value, *loc2;
    } cases[] = {
        {"institution_id", "\"inst\\u0085\"", NULL},
        {"teacher_id", "\"t\\u009b1\"", NULL},
        {"metadata", "{\"room\\u0080\": \"v\"}", "room\xc2\x80"},
        {"metadata", "{\"room\": \"v\\u009f\"}", "room"},
    };
    static const cgf_url_policy_t web = {0, NULL, 0};
    apr_time_t now = apr_time_from_sec(1769000000); /* 2026-01-21 */
    apr_size_t i;

    for (i = 0; i < COUNT(cases); i++) {
        json_t *b = body(good);
        apr_array_header_t *faults = cgf_faults_make(pool);
        cgf_analysis_input_t in;
        const cgf_fault_t *f;

        json_object_set(b, cases[i].field, body(cases[i].value));
        cgf_analysis_validate(pool, b, &web, now, &in, faults);
        f = faults->nelts == 1 ? fault_at(faults, 0) : NULL;
        ok(f && !strcmp(f->type, "invalid_characters") && f->loc[1] &&
               !strcmp(f->loc[1], cases[i].field) &&
               (!cases[i].loc2 ||
                (f->loc[2] && !strcmp(f->loc[2], cases[i].loc2))),
           "C1 in %s %s: invalid_characters", cases[i].field,
           cases[i].loc2 ? "(metadata)" : "");
    }
}

/* ---------------------------------------------------------------------
 * cgf_list_limit
 * ------------------------------------------------------------------- */

/* s for a test name: NULL as "absent", bytes outside printable ASCII as
 * \xNN, so that a newline cannot break the TAP stream */
static const char *shown(const char *s)
{
    char *out, *o;

    if (!s)
        return "absent";
    out = o = apr_palloc(pool, 4 * strlen(s) + 3);
    *o++ = '\'';
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;

        if (c < 0x20 || c > 0x7e)
            o += sprintf(o, "\\x%02x", c);
        else
            *o++ = (char)c;
    }
    *o++ = '\'';
    *o = '\0';
    return out;
}

static void test_list_limit(void)
{
    static const struct {
        const char *arg;
        int want;
        const char *type;
    } cases[] = {
        {NULL, 20, NULL},
        {"1", 1, NULL},
        {"100", 100, NULL},
        {"20", 20, NULL},
        {"05", 5, NULL},
        {"0", 0, "out_of_range"},
        {"101", 0, "out_of_range"},
        {"-1", 0, "out_of_range"},
        {"-0", 0, "out_of_range"},
        {"1000", 0, "out_of_range"},
        {"99999999999999999999999", 0, "out_of_range"},
        {"+5", 0, "wrong_type"},
        {" 5", 0, "wrong_type"},
        {"\t5", 0, "wrong_type"},
        {"\n5", 0, "wrong_type"},
        {"5 ", 0, "wrong_type"},
        {"abc", 0, "wrong_type"},
        {"5x", 0, "wrong_type"},
        {"", 0, "wrong_type"},
        {"-", 0, "wrong_type"},
        {"1.5", 0, "wrong_type"},
        {"1e2", 0, "wrong_type"},
        {"0x10", 0, "wrong_type"},
        {"--1", 0, "wrong_type"},
    };
    apr_size_t i;

    for (i = 0; i < COUNT(cases); i++) {
        apr_array_header_t *faults = cgf_faults_make(pool);
        int n = cgf_list_limit(cases[i].arg, faults);
        const char *v = only_fault(faults, "query", "limit");

        is_int(n, cases[i].want, "limit %s: %d", shown(cases[i].arg),
               cases[i].want);
        is_str(v, cases[i].type ? cases[i].type : "ok", "limit %s: %s",
               shown(cases[i].arg), cases[i].type ? cases[i].type : "no fault");
    }
}

/* ---------------------------------------------------------------------
 * cgf_cursor_encode, cgf_cursor_decode
 * ------------------------------------------------------------------- */

/* base64url without padding of plain[0..n), as a client could make it */
static const char *b64url(const char *plain, apr_size_t n)
{
    char *out = apr_palloc(pool, apr_base64_encode_len((int)n));
    char *c;

    apr_base64_encode(out, plain, (int)n);
    for (c = out; *c; c++) {
        if (*c == '+')
            *c = '-';
        else if (*c == '/')
            *c = '_';
        else if (*c == '=')
            *c = '\0';
    }
    return out;
}

/* a cursor forged with the right scope hash around created_us and id */
static const char *forge(const char *created_us, const char *id,
                         const char *scope)
{
    char hex[65];
    const char *plain;

    cgf_sha256_hex(scope, strlen(scope), hex);
    plain = apr_psprintf(pool, "%s.%s.%.12s", created_us, id, hex);
    return b64url(plain, strlen(plain));
}

/* "ok" if the cursor decodes under scope, else the fault's type; a
 * refused cursor must leave out as it was */
static const char *decode(const char *text, const char *scope,
                          cgf_cursor_t *out)
{
    apr_array_header_t *faults = cgf_faults_make(pool);
    cgf_cursor_t c = {NULL, NULL};
    int good = cgf_cursor_decode(pool, text, scope, &c, faults);
    const char *v = only_fault(faults, "query", "cursor");

    if (out)
        *out = c;
    if (good != !strcmp(v, "ok") || (!good && (c.created_us || c.id)))
        return "result and faults disagree";
    return v;
}

static void test_cursor_round_trip(void)
{
    const char *text = cgf_cursor_encode(pool, US, UUID, "webhook|alice");
    cgf_cursor_t c;

    ok(text && strspn(text, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuv"
                            "wxyz0123456789-_") == strlen(text),
       "cursor: base64url without padding");
    is_str(decode(text, "webhook|alice", &c), "ok",
           "cursor: decodes under its own scope");
    is_str(c.created_us, US, "cursor: created_us comes back");
    is_str(c.id, UUID, "cursor: id comes back");
    is_str(forge(US, UUID, "webhook|alice"), text,
           "cursor: the forge helper writes what encode writes");
    is_str(decode(text, "webhook|bob", NULL), "invalid_cursor",
           "cursor: another user's scope is invalid_cursor");
    is_str(decode(text, "analysis|alice", NULL), "invalid_cursor",
           "cursor: another resource's scope is invalid_cursor");
    is_str(decode(text, "", NULL), "invalid_cursor",
           "cursor: an empty scope is invalid_cursor");
}

static void test_cursor_text(void)
{
    const char *text = cgf_cursor_encode(pool, US, UUID, "s");
    apr_size_t n = strlen(text), i;
    int refused = 1;
    char *t;

    /* the last 16 characters carry the scope hash */
    for (i = n - 16; i < n; i++) {
        t = apr_pstrdup(pool, text);
        t[i] = t[i] == 'A' ? 'B' : 'A';
        refused &= !strcmp(decode(t, "s", NULL), "invalid_cursor");
    }
    ok(refused, "cursor: any changed character of the hash is refused");

    is_str(decode(apr_pstrcat(pool, text, "=", NULL), "s", NULL),
           "invalid_cursor", "cursor: '=' padding is refused");
    is_str(decode(apr_pstrcat(pool, text, "A", NULL), "s", NULL),
           "invalid_cursor", "cursor: one character more is refused");
    is_str(decode(apr_pstrndup(pool, text, n - 1), "s", NULL), "invalid_cursor",
           "cursor: one character less is refused");
    t = apr_pstrdup(pool, text);
    t[3] = '+';
    is_str(decode(t, "s", NULL), "invalid_cursor",
           "cursor: '+' of plain base64 is refused");
    t[3] = '/';
    is_str(decode(t, "s", NULL), "invalid_cursor",
           "cursor: '/' of plain base64 is refused");
    t[3] = '.';
    is_str(decode(t, "s", NULL), "invalid_cursor",
           "cursor: a foreign character is refused");
    is_str(decode("", "s", NULL), "invalid_cursor", "cursor: empty is refused");
    is_str(decode("A", "s", NULL), "invalid_cursor",
           "cursor: a single character is no base64");
    is_str(decode("not a cursor", "s", NULL), "invalid_cursor",
           "cursor: text with spaces is refused");
    is_str(decode(apr_psprintf(pool, "%0500d", 0), "s", NULL), "invalid_cursor",
           "cursor: 500 characters are refused");
}

static void test_cursor_forged(void)
{
    static const struct {
        const char *us, *want, *rule;
    } cases[] = {
        {"0", "ok", "0 is a number without a leading zero"},
        {"1", "ok", "one digit"},
        {"9999999999999999", "ok", "16 digits (the year 2286)"},
        {"10000000000000000", "invalid_cursor", "17 digits"},
        {"9999999999999999999", "invalid_cursor", "19 digits"},
        {"9223372036854775807", "invalid_cursor", "the largest bigint"},
        {"18446744073709551616", "invalid_cursor", "2^64"},
        {"00", "invalid_cursor", "00"},
        {"01736937000123456", "invalid_cursor", "a leading zero"},
        {"0000000000000001", "invalid_cursor", "zeros up to 16 digits"},
        {"-1", "invalid_cursor", "a sign"},
        {"+1", "invalid_cursor", "a plus sign"},
        {"", "invalid_cursor", "no digits"},
        {" 1", "invalid_cursor", "a space"},
        {"1e15", "invalid_cursor", "an exponent"},
        {"1736937000.123", "invalid_cursor", "a fraction"},
        {"0x10", "invalid_cursor", "hex"},
    };
    apr_size_t i;

    for (i = 0; i < COUNT(cases); i++)
        is_str(decode(forge(cases[i].us, UUID, "s"), "s", NULL), cases[i].want,
               "forged created_us: %s", cases[i].rule);

    is_int(strlen(forge("9999999999999999", UUID, "s")), 88,
           "forged: the longest good cursor has 88 characters");
    is_str(decode(forge(US, "123E4567-E89B-42D3-A456-426614174000", "s"), "s",
                  NULL),
           "invalid_cursor", "forged id: upper case");
    is_str(decode(forge(US, "{" UUID "}", "s"), "s", NULL), "invalid_cursor",
           "forged id: braces");
    is_str(decode(forge(US, UUID ".x", "s"), "s", NULL), "invalid_cursor",
           "forged: a fourth part");
    is_str(decode(b64url(LIT(US "." UUID)), "s", NULL), "invalid_cursor",
           "forged: no hash");
}

/* bytes a client could smuggle in that decode to the same C string */
static void test_cursor_canonical(void)
{
    char hex[65];
    const char *plain, *good, *text;
    char *t;

    cgf_sha256_hex("s", 1, hex);
    plain = apr_psprintf(pool, "17369370001234.%s.%.12s", UUID, hex);
    good = b64url(plain, strlen(plain));
    is_str(decode(good, "s", NULL), "ok",
           "canonical: a 14-digit created_us leaves pad bits");

    /* the last character holds 4 pad bits; setting one keeps the bytes */
    t = apr_pstrdup(pool, good);
    t[strlen(t) - 1]++;
    is_str(decode(t, "s", NULL), "invalid_cursor",
           "canonical: a set pad bit is refused");

    text = b64url(plain, strlen(plain) + 1);
    is_str(decode(text, "s", NULL), "invalid_cursor",
           "canonical: a NUL after the hash is refused");
}

int main(void)
{
    apr_initialize();
    apr_pool_create(&pool, NULL);

    test_uuid_canonical();
    test_has_control();
    test_v_fields();
    test_v_string_presence();
    test_v_string_length();
    test_v_string_control();
    test_v_uuid();
    test_v_url();
    test_v_type_name();
    test_c1_in_analysis();
    test_list_limit();
    test_cursor_round_trip();
    test_cursor_text();
    test_cursor_forged();
    test_cursor_canonical();

    apr_pool_destroy(pool);
    apr_terminate();
    return done_testing();
}
