/* The list rules of the contract's §1.2: the limit, and cursors that
 * are opaque to clients and bound to the filters they were issued with.
 * httpd-free. */
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

/* microseconds since 1970 in 16 digits reach the year 2286 */
#define CREATED_US_DIGITS 16

/* the longest cursor text: 16 digits, a uuid, the hash and two dots */
#define CURSOR_MAX_LEN 88

/* limit from the query: an optional '-' and digits, nothing else, so
 * "-1" is out_of_range while " 5", "+5" and "5x" are wrong_type (strtol
 * would skip any leading white space, a tab or a newline included) */
int cgf_list_limit(const char *arg, apr_array_header_t *faults)
{
    const char *d;
    long n = 0;

    if (!arg)
        return CGF_LIST_DEFAULT;

    d = arg[0] == '-' ? arg + 1 : arg;
    if (!*d || strspn(d, "0123456789") != strlen(d)) {
        cgf_fault_add(faults, "wrong_type", "The limit must be an integer.",
                      "query", "limit", NULL);
        return 0;
    }

    /* stop counting past the maximum: any longer number is out of range */
    for (; *d && n <= CGF_LIST_MAX; d++)
        n = n * 10 + (*d - '0');
    if (arg[0] == '-' || n < 1 || n > CGF_LIST_MAX) {
        cgf_fault_add(faults, "out_of_range",
                      "The limit must be between 1 and 100.", "query", "limit",
                      NULL);
        return 0;
    }
    return (int)n;
}

/* the part of a cursor that binds it to its filters.
 * NB: a plain hash, not a keyed MAC: a client can forge a cursor for its
 * own scope, which only moves it within its own data. */
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

/* base64url of "<created_us>.<id>.<scope hash>" */
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

    if (len == 0 || len > CURSOR_MAX_LEN)
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

/* 1 if s[0..len) is a created_us PostgreSQL can turn into a timestamp:
 * at most 16 digits (until the year 2286) and no leading zero, as the
 * server writes it; a forged cursor must not reach the database */
static int created_us_ok(const char *s, apr_size_t len)
{
    apr_size_t i;

    if (len == 0 || len > CREATED_US_DIGITS || (s[0] == '0' && len > 1))
        return 0;
    for (i = 0; i < len; i++) {
        if (!apr_isdigit(s[i]))
            return 0;
    }
    return 1;
}

/* split a decoded cursor into its parts; 0 if any part is malformed or
 * the scope hash is another scope's */
static int cursor_parts(apr_pool_t *p, char *plain, const char *scope,
                        cgf_cursor_t *out)
{
    char *dot1 = plain ? strchr(plain, '.') : NULL;
    char *dot2 = dot1 ? strchr(dot1 + 1, '.') : NULL;

    if (!dot2 || !created_us_ok(plain, dot1 - plain) ||
        !cgf_uuid_canonical(dot1 + 1, dot2 - dot1 - 1) ||
        strcmp(dot2 + 1, scope_hash(p, scope)))
        return 0;

    out->created_us = apr_pstrmemdup(p, plain, dot1 - plain);
    out->id = apr_pstrmemdup(p, dot1 + 1, dot2 - dot1 - 1);
    return 1;
}

/* a cursor is good only if it is the very text encode writes for its
 * parts: that refuses other spellings of the same bytes (a changed pad
 * bit, a stray NUL) along with malformed ones */
int cgf_cursor_decode(apr_pool_t *p, const char *text, const char *scope,
                      cgf_cursor_t *out, apr_array_header_t *faults)
{
    cgf_cursor_t c = {NULL, NULL};

    if (!cursor_parts(p, from_url_alphabet(p, text), scope, &c) ||
        strcmp(text, cgf_cursor_encode(p, c.created_us, c.id, scope))) {
        cgf_fault_add(faults, "invalid_cursor",
                      "The cursor is malformed or belongs to other "
                      "filters.",
                      "query", "cursor", NULL);
        return 0;
    }
    *out = c;
    return 1;
}
