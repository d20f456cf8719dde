#include <string.h>

#include <apr_base64.h>
#include <apr_lib.h>
#include <apr_strings.h>

#include "cgf_crypto.h"
#include "cgf_fault.h"
#include "cgf_list.h"
#include "cgf_validate.h"

/* a cursor is base64url("<created_us>.<id>.<scope hash>"): opaque to
 * clients, and tied to its filters by the hash */
#define SCOPE_HASH_LEN 12

int cgf_list_limit(const char *arg, apr_array_header_t *faults)
{
    char *end = NULL;
    long n;

    if (!arg)
        return CGF_LIST_DEFAULT;

    n = strtol(arg, &end, 10);
    if (!*arg || *end || arg[0] == '+' || arg[0] == ' ') {
        cgf_fault_add(faults, "wrong_type", "limit must be an integer.",
                      "query", "limit", NULL);
        return 0;
    }
    if (n < 1 || n > CGF_LIST_MAX) {
        cgf_fault_add(faults, "out_of_range",
                      "limit must be between 1 and 100.", "query", "limit",
                      NULL);
        return 0;
    }
    return (int)n;
}

static const char *scope_hash(apr_pool_t *p, const char *scope)
{
    char hex[65];

    cgf_sha256_hex(scope, strlen(scope), hex);
    return apr_pstrmemdup(p, hex, SCOPE_HASH_LEN);
}

/* base64 to base64url without padding, in place */
static char *to_url_alphabet(char *s)
{
    char *c;

    for (c = s; *c; c++) {
        if (*c == '+')
            *c = '-';
        else if (*c == '/')
            *c = '_';
        else if (*c == '=') {
            *c = '\0';
            break;
        }
    }
    return s;
}

const char *cgf_cursor_encode(apr_pool_t *p, const char *created_us,
                              const char *id, const char *scope)
{
    const char *plain =
        apr_pstrcat(p, created_us, ".", id, ".", scope_hash(p, scope), NULL);
    int n = (int)strlen(plain);
    char *out = apr_palloc(p, apr_base64_encode_len(n));

    apr_base64_encode(out, plain, n);
    return to_url_alphabet(out);
}

/* base64url text to plain text; NULL if any character is foreign */
static char *from_url_alphabet(apr_pool_t *p, const char *text)
{
    apr_size_t len = strlen(text), i;
    char *b64 = apr_palloc(p, len + 4);
    char *plain;
    int n;

    if (len == 0 || len > 200)
        return NULL;
    for (i = 0; i < len; i++) {
        char c = text[i];

        if (!apr_isalnum(c) && c != '-' && c != '_')
            return NULL;
        b64[i] = c == '-' ? '+' : c == '_' ? '/' : c;
    }
    while (i % 4)
        b64[i++] = '=';
    b64[i] = '\0';

    plain = apr_palloc(p, apr_base64_decode_len(b64) + 1);
    n = apr_base64_decode(plain, b64);
    plain[n < 0 ? 0 : n] = '\0';
    return plain;
}

/* 1 if s is 1..19 decimal digits */
static int all_digits(const char *s, apr_size_t len)
{
    apr_size_t i;

    if (len == 0 || len > 19)
        return 0;
    for (i = 0; i < len; i++) {
        if (!apr_isdigit(s[i]))
            return 0;
    }
    return 1;
}

int cgf_cursor_decode(apr_pool_t *p, const char *text, const char *scope,
                      cgf_cursor_t *out, apr_array_header_t *faults)
{
    char *plain = from_url_alphabet(p, text);
    char *dot1 = plain ? strchr(plain, '.') : NULL;
    char *dot2 = dot1 ? strchr(dot1 + 1, '.') : NULL;

    if (!dot2 || !all_digits(plain, dot1 - plain) ||
        !cgf_uuid_canonical(dot1 + 1, dot2 - dot1 - 1) ||
        strcmp(dot2 + 1, scope_hash(p, scope))) {
        cgf_fault_add(faults, "invalid_cursor",
                      "The cursor is malformed or belongs to other "
                      "filters.",
                      "query", "cursor", NULL);
        return 0;
    }
    out->created_us = apr_pstrmemdup(p, plain, dot1 - plain);
    out->id = apr_pstrmemdup(p, dot1 + 1, dot2 - dot1 - 1);
    return 1;
}
