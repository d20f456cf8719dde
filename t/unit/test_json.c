/* Unit tests of cgf_json: strict request bodies, pinning, dumps and the
 * canonical form. */
#include <apr_general.h>
#include <apr_strings.h>

#include "cgf_fault.h"
#include "cgf_json.h"
#include "tap.h"

/* a string literal and its length, NUL bytes included */
#define LIT(s) s, sizeof(s) - 1

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static apr_pool_t *pool;

/* 1 if every byte of s is printable ASCII and s is one sentence */
static int plain_sentence(const char *s)
{
    size_t i, n = s ? strlen(s) : 0;

    for (i = 0; i < n; i++) {
        if (s[i] < 0x20 || s[i] > 0x7e) {
            return 0;
        }
    }
    return n > 1 && s[0] >= 'A' && s[0] <= 'Z' && s[n - 1] == '.';
}

/* parsing fails with exactly one fault of the given type at ["body"] */
static void bad(const char *what, const char *buf, apr_size_t len,
                const char *type)
{
    apr_array_header_t *faults = cgf_faults_make(pool);
    json_t *j = cgf_json_parse_body(pool, buf, len, faults);
    cgf_fault_t *f = (cgf_fault_t *)faults->elts;

    ok(j == NULL && faults->nelts == 1, "%s: refused with one fault", what);
    if (faults->nelts != 1) {
        return;
    }

    is_str(f->type, type, "%s: %s", what, type);
    ok(f->loc[0] && !strcmp(f->loc[0], "body") && f->loc[1] == NULL &&
           plain_sentence(f->msg),
       "%s: loc [\"body\"], a plain sentence", what);
    printf("#   %s\n", f->msg ? f->msg : "(null)");
}

/* parsing succeeds with an object and no fault */
static json_t *good(const char *what, const char *buf, apr_size_t len)
{
    apr_array_header_t *faults = cgf_faults_make(pool);
    json_t *j = cgf_json_parse_body(pool, buf, len, faults);

    ok(json_is_object(j) && faults->nelts == 0, "%s: accepted", what);
    return j;
}

/* n nested objects, the innermost holding a number; depth n */
static const char *objects(int n)
{
    char *s = apr_palloc(pool, (apr_size_t)n * 6 + 8), *o = s;
    int i;

    for (i = 1; i < n; i++) {
        memcpy(o, "{\"a\":", 5);
        o += 5;
    }
    memcpy(o, "{\"a\":1}", 7);
    o += 7;
    for (i = 1; i < n; i++) {
        *o++ = '}';
    }
    *o = '\0';
    return s;
}

/* an object holding n - 1 nested arrays around a number; depth n */
static const char *arrays(int n)
{
    char *s = apr_palloc(pool, (apr_size_t)n * 2 + 16), *o = s;
    int i;

    memcpy(o, "{\"a\":", 5);
    o += 5;
    for (i = 1; i < n; i++) {
        *o++ = '[';
    }
    *o++ = '7';
    for (i = 1; i < n; i++) {
        *o++ = ']';
    }
    *o++ = '}';
    *o = '\0';
    return s;
}

/* n copies of c, NUL-terminated */
static const char *repeat(char c, int n)
{
    char *s = apr_palloc(pool, (apr_size_t)n + 1);

    memset(s, c, (size_t)n);
    s[n] = '\0';
    return s;
}

static void test_valid(void)
{
    json_t *j;

    j = good("a plain object", LIT("{\"name\":\"x\",\"n\":[1,2.5,true,null]}"));
    is_str(json_string_value(json_object_get(j, "name")), "x",
           "its values are there");
    good("an empty object", LIT("{}"));
    good("white space around", LIT(" \t\r\n{ \"a\" : 1 }\n"));
    j = good("a surrogate pair", LIT("{\"a\":\"\\ud83d\\ude00\"}"));
    is_str(json_string_value(json_object_get(j, "a")), "\xf0\x9f\x98\x80",
           "decodes to U+1F600");
    good("raw UTF-8", LIT("{\"caf\xc3\xa9\":\"\xe2\x82\xac\"}"));
    good("the largest json_int_t", LIT("{\"a\":9223372036854775807}"));
    good("the same key in two objects",
         LIT("{\"a\":{\"a\":1},\"b\":{\"a\":2}}"));
}

static void test_syntax(void)
{
    bad("a syntax error", LIT("{\"a\":}"), "invalid_json");
    bad("a missing colon", LIT("{\"a\" 1}"), "invalid_json");
    bad("single quotes", LIT("{'a':1}"), "invalid_json");
    bad("a trailing comma", LIT("{\"a\":1,}"), "invalid_json");
    bad("an unclosed object", LIT("{\"a\":1"), "invalid_json");
    bad("trailing data {}x", LIT("{}x"), "invalid_json");
    bad("two objects {} {}", LIT("{} {}"), "invalid_json");
    bad("an empty body", LIT(""), "invalid_json");
    bad("a NULL body", NULL, 0, "invalid_json");
    bad("white space only", LIT("  \n"), "invalid_json");
    bad("a UTF-8 BOM", LIT("\xef\xbb\xbf{}"), "invalid_json");
}

static void test_not_object(void)
{
    bad("a top-level array", LIT("[1,2]"), "not_object");
    bad("a top-level string", LIT("\"s\""), "not_object");
    bad("a top-level number", LIT("42"), "not_object");
    bad("a top-level null", LIT("null"), "not_object");
    bad("a top-level true", LIT("true"), "not_object");
}

static void test_duplicates(void)
{
    bad("a duplicate top-level key", LIT("{\"a\":1,\"b\":2,\"a\":1}"),
        "duplicate_key");
    bad("a duplicate nested key", LIT("{\"x\":{\"b\":1,\"b\":2}}"),
        "duplicate_key");
    bad("a duplicate key in an array",
        LIT("{\"x\":[{\"b\":1},{\"c\":1,\"c\":1}]}"), "duplicate_key");
    bad("a duplicate spelt with an escape", LIT("{\"a\":1,\"\\u0061\":2}"),
        "duplicate_key");
}

static void test_nul_and_encoding(void)
{
    bad("\\u0000 in a string", LIT("{\"a\":\"x\\u0000y\"}"), "invalid_json");
    bad("\\u0000 in a key", LIT("{\"a\\u0000\":1}"), "invalid_json");
    bad("a raw NUL in a string", LIT("{\"a\":\"x\0y\"}"), "invalid_json");
    bad("a raw NUL after the object", LIT("{}\0"), "invalid_json");
    bad("a raw NUL before the object", LIT("\0{}"), "invalid_json");
    bad("a lone 0xff", LIT("{\"a\":\"\xff\"}"), "invalid_json");
    bad("an overlong 0xc0 0xaf", LIT("{\"a\":\"\xc0\xaf\"}"), "invalid_json");
    bad("a truncated sequence", LIT("{\"a\":\"\xe2\x82\"}"), "invalid_json");
    bad("a truncated sequence at the end", LIT("{\"a\":\"\xe2\x82"),
        "invalid_json");
    bad("a surrogate in UTF-8", LIT("{\"a\":\"\xed\xa0\x80\"}"),
        "invalid_json");
    bad("a code point past U+10FFFF", LIT("{\"a\":\"\xf4\x90\x80\x80\"}"),
        "invalid_json");
    bad("invalid UTF-8 in a key", LIT("{\"\xfe\":1}"), "invalid_json");
    bad("an escaped lone high surrogate", LIT("{\"a\":\"\\ud800\"}"),
        "invalid_json");
    bad("an escaped lone low surrogate", LIT("{\"a\":\"\\udc00\"}"),
        "invalid_json");
}

static void test_numbers(void)
{
    bad("a huge integer", LIT("{\"a\":99999999999999999999}"), "invalid_json");
    bad("a huge negative integer", LIT("{\"a\":-99999999999999999999}"),
        "invalid_json");
    bad("json_int_t max + 1", LIT("{\"a\":9223372036854775808}"),
        "invalid_json");
    bad("a real out of range", LIT("{\"a\":1e400}"), "invalid_json");
}

static void test_depth(void)
{
    const char *deep;

    good("16 nested objects", objects(16), strlen(objects(16)));
    bad("17 nested objects", objects(17), strlen(objects(17)), "invalid_json");
    good("an object around 15 arrays", arrays(16), strlen(arrays(16)));
    bad("an object around 16 arrays", arrays(17), strlen(arrays(17)),
        "invalid_json");
    bad("2000 nested objects", objects(2000), strlen(objects(2000)),
        "invalid_json");

    deep = repeat('[', 5000);
    bad("5000 unclosed [", deep, 5000, "invalid_json");
    deep = apr_pstrcat(pool, repeat('[', 5000), repeat(']', 5000), NULL);
    bad("5000 closed [", deep, 10000, "invalid_json");
    deep = apr_pstrcat(pool, "{\"a\":", repeat('[', 5000), NULL);
    bad("5000 [ inside an object", deep, strlen(deep), "invalid_json");
    deep = apr_pstrcat(pool, "{\"a\":", repeat('[', 100000), NULL);
    bad("100000 [ inside an object", deep, strlen(deep), "invalid_json");
}

/* the message of the single fault a body gives, or NULL */
static const char *fault_msg(const char *buf, apr_size_t len)
{
    apr_array_header_t *faults = cgf_faults_make(pool);

    if (cgf_json_parse_body(pool, buf, len, faults) || faults->nelts != 1) {
        return NULL;
    }
    return ((cgf_fault_t *)faults->elts)->msg;
}

/* a message may name the kind of error and its byte position, never the
 * client's bytes: a secret next to the error must not be echoed */
static void test_no_echo(void)
{
    static const struct {
        const char *body, *rule;
    } cases[] = {
        {"{\"secret_hash\":\"S3cr3tVALUE\" x}", "a token after a secret"},
        {"{\"secret_hash\":\"S3cr3tVALUE\",}", "a comma after a secret"},
        {"{\"secret_hash\":\"S3cr3tVALUE\"", "the end after a secret"},
        {"{\"secret_hash\":S3cr3tVALUE}", "an unquoted secret"},
        {"{\"secret_hash\":'S3cr3tVALUE'}", "a single-quoted secret"},
        {"{\"S3cr3tVALUE\"}", "a secret as a key without a value"},
        {"{\"secret_hash\" \"S3cr3tVALUE\"}", "a missing colon"},
        {"{\"secret_hash\":\"S3cr3t\x01VALUE\"}", "a raw control character"},
        {"{\"secret_hash\":\"S3cr3t\nVALUE\"}", "a raw newline"},
        {"{\"secret_hash\":\"S3cr3t\\qVALUE\"}", "an invalid escape"},
        {"{\"secret_hash\":\"S3cr3t\\uVALUE\"}", "an invalid \\u escape"},
        {"{\"secret_hash\":\"S3cr3tVALUE\\ud800\"}", "a lone surrogate"},
        {"{\"secret_hash\":\"S3cr3tVALUE\xff\"}", "invalid UTF-8"},
        {"{\"a\":1} S3cr3tVALUE", "data after the object"},
        {"{\"secret_hash\":\"S3cr3tVALUE\",\"secret_hash\":1}",
         "a duplicate key after a secret"},
        {"{\"S3cr3tVALUE\":1,\"S3cr3tVALUE\":2}", "a secret duplicate key"},
        {"{\"a\":12345678901234567890123}", "a huge integer"},
        {"{\"a\":1e99999}", "a huge real"},
        {"[\"S3cr3tVALUE\"", "an unclosed array"},
        {"S3cr3tVALUE", "a bare word"},
    };
    apr_size_t i;

    for (i = 0; i < COUNT(cases); i++) {
        const char *msg = fault_msg(cases[i].body, strlen(cases[i].body));

        ok(msg && plain_sentence(msg) && !strstr(msg, "S3cr3t") &&
               !strstr(msg, "VALUE") && !strstr(msg, "secret_hash") &&
               !strstr(msg, "12345") && !strstr(msg, "99999") &&
               !strchr(msg, '\'') && !strstr(msg, "near"),
           "no echo: %s", cases[i].rule);
        printf("#   %s\n", msg ? msg : "(null)");
    }

    is_str(fault_msg(LIT("{\"secret_hash\":\"S3cr3tVALUE\" x}")),
           "The body has a JSON syntax error (at byte 30).",
           "no echo: the kind of error and the byte position");
    is_str(fault_msg(LIT("{\"a\":1,\"a\":2}")),
           "The body repeats a key in one object (at byte 10).",
           "no echo: a duplicate key by position only");
}

/* the parsed object belongs to the pool: one reference, dropped with
 * it (a leak would show under LeakSanitizer) */
static void test_pinning(void)
{
    apr_array_header_t *faults;
    apr_pool_t *sub;
    json_t *j;

    apr_pool_create(&sub, pool);
    faults = cgf_faults_make(sub);
    j = cgf_json_parse_body(sub, LIT("{\"a\":[1,{\"b\":2}]}"), faults);
    ok(j && j->refcount == 1, "the pool holds the only reference");
    apr_pool_destroy(sub);

    j = json_object();
    ok(cgf_json_pin(pool, j) == j, "cgf_json_pin returns its argument");
    ok(cgf_json_pin(pool, NULL) == NULL, "cgf_json_pin(NULL) is NULL");
}

static void test_dump(void)
{
    json_t *j = good("a body to dump",
                     LIT("{ \"b\": 1, \"a\": [true, null, \"caf\xc3\xa9\"] }"));
    apr_size_t len = 0;
    char *s;

    s = cgf_json_dump(pool, j, 0, &len);
    is_str(s, "{\"b\":1,\"a\":[true,null,\"caf\xc3\xa9\"]}",
           "compact, in insertion order, UTF-8 kept");
    is_int(len, strlen("{\"b\":1,\"a\":[true,null,\"caf\xc3\xa9\"]}"),
           "*len is the length");
    is_str(cgf_json_dump(pool, j, 1, NULL),
           "{\"a\":[true,null,\"caf\xc3\xa9\"],\"b\":1}",
           "sorted keys, len may be NULL");
    ok(cgf_json_dump(pool, NULL, 0, NULL) == NULL, "NULL dumps to NULL");
    is_str(cgf_json_dump(pool, cgf_json_pin(pool, json_string("a/b")), 0, NULL),
           "\"a/b\"", "a scalar dumps, '/' unescaped");
}

static void test_canonical(void)
{
    json_t *a = good("body one", LIT("{\"b\":{\"y\":[1,{\"q\":1,\"p\":2}],"
                                     "\"x\":\"\\u00e9\"},\"a\":true}"));
    json_t *b = good("body two", LIT("{ \"a\" : true,\n  \"b\" : { \"x\" : "
                                     "\"\xc3\xa9\", \"y\" : [ 1 , { \"p\":2,"
                                     " \"q\":1 } ] } }"));
    json_t *c = good("body three", LIT("{\"a\":true,\"b\":{\"x\":\"e\","
                                       "\"y\":[1,{\"p\":2,\"q\":1}]}}"));
    const char *ca = cgf_json_canonical(pool, a);

    is_str(ca,
           "{\"a\":true,\"b\":{\"x\":\"\xc3\xa9\",\"y\":[1,{\"p\":2,"
           "\"q\":1}]}}",
           "canonical text sorts keys at every level");
    is_str(cgf_json_canonical(pool, b), ca,
           "key order, white space and escapes do not matter");
    ok(strcmp(cgf_json_canonical(pool, c), ca), "a different value differs");
}

int main(void)
{
    apr_initialize();
    apr_pool_create(&pool, NULL);

    test_valid();
    test_syntax();
    test_not_object();
    test_duplicates();
    test_nul_and_encoding();
    test_numbers();
    test_depth();
    test_no_echo();
    test_pinning();
    test_dump();
    test_canonical();

    apr_pool_destroy(pool);
    apr_terminate();
    return done_testing();
}
