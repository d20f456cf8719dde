/* Strict parsing of request bodies with jansson, and compact dumps into
 * pool memory.  httpd-free. */
#include <string.h>

#include <apr_strings.h>

#include "cgf_fault.h"
#include "cgf_json.h"

#define CGF_PARSE_FLAGS (JSON_DECODE_ANY | JSON_REJECT_DUPLICATES)

/* pool cleanup: drop the reference a pinned value holds */
static apr_status_t json_unpin(void *data)
{
    json_decref((json_t *)data);
    return APR_SUCCESS;
}

/* tie j's reference to the pool's lifetime */
json_t *cgf_json_pin(apr_pool_t *p, json_t *j)
{
    if (j) {
        apr_pool_cleanup_register(p, j, json_unpin, apr_pool_cleanup_null);
    }
    return j;
}

/* the one sentence for a duplicate key.  The key itself is not named:
 * like every message here, it gives the kind of error and the byte
 * position only, never the client's bytes (a secret_hash next to the
 * error would otherwise be echoed into the response and into logs) */
static const char *duplicate_msg(apr_pool_t *p, const json_error_t *err)
{
    return apr_psprintf(p, "The body repeats a key in one object (at byte %d).",
                        err->position);
}

/* one plain English sentence in our own words for an error jansson
 * reports; its text is never passed on, as it quotes the input */
static const char *syntax_msg(apr_pool_t *p, const json_error_t *err)
{
    switch (json_error_code(err)) {
    case json_error_invalid_utf8:
        return apr_psprintf(p, "The body is not valid UTF-8 (at byte %d).",
                            err->position);
    case json_error_null_character:
    case json_error_null_byte_in_key:
        return apr_psprintf(p,
                            "The body has a NUL character in a string "
                            "(at byte %d).",
                            err->position);
    case json_error_end_of_input_expected:
        return apr_psprintf(p,
                            "The body has data after the JSON value "
                            "(at byte %d).",
                            err->position);
    case json_error_premature_end_of_input:
        return "The body ends before the JSON value is complete.";
    case json_error_numeric_overflow:
        return apr_psprintf(p,
                            "The body has a number too large to represent "
                            "(at byte %d).",
                            err->position);
    case json_error_stack_overflow:
        return apr_psprintf(p,
                            "The body nests objects and arrays deeper than "
                            "%d levels.",
                            CGF_JSON_MAX_DEPTH);
    case json_error_invalid_syntax:
        return apr_psprintf(p, "The body has a JSON syntax error (at byte %d).",
                            err->position);
    default:
        return apr_psprintf(p, "The body is not valid JSON (at byte %d).",
                            err->position);
    }
}

const char *cgf_json_type_name(const json_t *j)
{
    switch (json_typeof(j)) {
    case JSON_OBJECT:
        return "an object";
    case JSON_ARRAY:
        return "an array";
    case JSON_STRING:
        return "a string";
    case JSON_INTEGER:
    case JSON_REAL:
        return "a number";
    case JSON_TRUE:
    case JSON_FALSE:
        return "a boolean";
    default:
        return "null";
    }
}

/* 1 if j, a container at nesting level depth, holds no container deeper
 * than CGF_JSON_MAX_DEPTH; stops at the first level past the limit, so
 * the recursion never goes deeper than the limit plus one */
static int depth_ok(const json_t *j, int depth)
{
    const char *key;
    json_t *v;
    size_t i;

    if (!json_is_object(j) && !json_is_array(j)) {
        return 1;
    }

    if (depth > CGF_JSON_MAX_DEPTH) {
        return 0;
    }

    if (json_is_array(j)) {
        json_array_foreach (j, i, v) {
            if (!depth_ok(v, depth + 1)) {
                return 0;
            }
        }
        return 1;
    }

    json_object_foreach ((json_t *)j, key, v) {
        if (!depth_ok(v, depth + 1)) {
            return 0;
        }
    }
    return 1;
}

/* check that a parsed value may be a request body; on failure add the
 * fault, release j and return NULL */
static json_t *check_body(apr_pool_t *p, json_t *j, apr_array_header_t *faults)
{
    if (!json_is_object(j)) {
        cgf_fault_add(faults, "not_object",
                      apr_psprintf(p,
                                   "The body must be a JSON object, "
                                   "not %s.",
                                   cgf_json_type_name(j)),
                      "body", NULL, NULL);
        json_decref(j);
        return NULL;
    }

    if (!depth_ok(j, 1)) {
        cgf_fault_add(faults, "invalid_json",
                      apr_psprintf(p,
                                   "The body nests objects and arrays "
                                   "deeper than %d levels.",
                                   CGF_JSON_MAX_DEPTH),
                      "body", NULL, NULL);
        json_decref(j);
        return NULL;
    }
    return j;
}

/* the problems caught before jansson looks: an empty body, a byte
 * order mark, a raw NUL byte (never valid in JSON text, and jansson
 * words its report by where the NUL is); positions count from 1, as
 * jansson's do */
static const char *precheck(apr_pool_t *p, const char *buf, apr_size_t len)
{
    const char *nul;

    if (!buf || len == 0) {
        return "The body is empty.";
    }

    if (len >= 3 && !memcmp(buf, "\xef\xbb\xbf", 3)) {
        return "The body starts with a byte order mark, which JSON text "
               "must not have.";
    }

    nul = memchr(buf, '\0', len);
    if (nul) {
        return apr_psprintf(
            p, "The body has a NUL byte (at byte %" APR_SIZE_T_FMT ").",
            (apr_size_t)(nul - buf) + 1);
    }
    return NULL;
}

/* parse a request body strictly; one fault on failure */
json_t *cgf_json_parse_body(apr_pool_t *p, const char *buf, apr_size_t len,
                            apr_array_header_t *faults)
{
    const char *problem = precheck(p, buf, len);
    json_error_t err;
    json_t *j;

    if (problem) {
        cgf_fault_add(faults, "invalid_json", problem, "body", NULL, NULL);
        return NULL;
    }

    /* any top-level value is decoded so that a well-formed array or
     * scalar is reported as not_object rather than as a syntax error */
    j = json_loadb(buf, len, CGF_PARSE_FLAGS, &err);
    if (!j) {
        if (json_error_code(&err) == json_error_duplicate_key) {
            cgf_fault_add(faults, "duplicate_key", duplicate_msg(p, &err),
                          "body", NULL, NULL);
        }
        else {
            cgf_fault_add(faults, "invalid_json", syntax_msg(p, &err), "body",
                          NULL, NULL);
        }
        return NULL;
    }

    j = check_body(p, j, faults);
    return cgf_json_pin(p, j);
}

/* measure, then dump compact text into pool memory */
char *cgf_json_dump(apr_pool_t *p, const json_t *j, int sort, apr_size_t *len)
{
    size_t flags = JSON_COMPACT | JSON_ENCODE_ANY;
    size_t need;
    char *out;

    if (sort) {
        flags |= JSON_SORT_KEYS;
    }

    /* the first call only measures; 0 means jansson cannot encode j */
    need = j ? json_dumpb(j, NULL, 0, flags) : 0;
    if (need == 0) {
        return NULL;
    }

    out = apr_palloc(p, need + 1);
    if (json_dumpb(j, out, need, flags) != need) {
        return NULL;
    }

    out[need] = '\0';
    if (len) {
        *len = need;
    }
    return out;
}

/* compact text with keys sorted at every level, for comparing bodies.
 * NB: numbers compare by jansson's type, so 1 and 1.0 give different
 * canonical text; two bodies that differ only so are treated as
 * different requests. */
char *cgf_json_canonical(apr_pool_t *p, const json_t *j)
{
    return cgf_json_dump(p, j, 1, NULL);
}
