#include <string.h>

#include <apr_strings.h>

#include "cgf_json.h"
#include "cgf_validate.h"

/* 1 if s[0..len) is 8-4-4-4-12 lower-case hex digits and hyphens */
int cgf_uuid_canonical(const char *s, apr_size_t len)
{
    apr_size_t i;

    if (len != 36)
        return 0;
    for (i = 0; i < len; i++) {
        char c = s[i];

        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (c != '-')
                return 0;
        }
        else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            return 0;
        }
    }
    return 1;
}

/* 1 if s[0..len) holds a character of Unicode's category Cc: C0, DEL,
 * or C1, which UTF-8 writes as 0xc2 0x80..0x9f */
int cgf_has_control(const char *s, apr_size_t len)
{
    apr_size_t i;

    for (i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];

        if (c < 0x20 || c == 0x7f)
            return 1;

        /* 0xc2 is only ever a lead byte, so no other character can
         * contain this pair */
        if (c == 0xc2 && i + 1 < len && (unsigned char)s[i + 1] >= 0x80 &&
            (unsigned char)s[i + 1] <= 0x9f)
            return 1;
    }
    return 0;
}

/* 1 if key is in the NULL-terminated list */
static int listed(const char *const *list, const char *key)
{
    for (; list && *list; list++) {
        if (!strcmp(*list, key))
            return 1;
    }
    return 0;
}

/* one fault per body key that is immutable or not known */
void cgf_v_fields(json_t *body, const char *const *known,
                  const char *const *immutable, apr_array_header_t *faults)
{
    const char *key;
    json_t *value;
    apr_pool_t *p = faults->pool;

    json_object_foreach (body, key, value) {
        if (listed(immutable, key)) {
            cgf_fault_add(faults, "immutable_field",
                          apr_psprintf(p,
                                       "The field '%s' cannot be "
                                       "changed.",
                                       key),
                          "body", apr_pstrdup(p, key), NULL);
        }
        else if (!listed(known, key)) {
            cgf_fault_add(faults, "unknown_field",
                          apr_psprintf(p, "The field '%s' is not known.", key),
                          "body", apr_pstrdup(p, key), NULL);
        }
    }
}

/* the JSON type of j as the messages name it */
/* the string value of a field, or NULL after the missing / wrong_type
 * fault; *len gets its length in bytes */
static const char *string_of(json_t *body, const char *field, int required,
                             apr_size_t *len, apr_array_header_t *faults)
{
    json_t *v = json_object_get(body, field);
    apr_pool_t *p = faults->pool;

    if (!v) {
        if (required)
            cgf_fault_add(faults, "missing",
                          apr_psprintf(p, "The field '%s' is required.", field),
                          "body", field, NULL);
        return NULL;
    }
    if (!json_is_string(v)) {
        cgf_fault_add(faults, "wrong_type",
                      apr_psprintf(p,
                                   "The field '%s' must be a string, "
                                   "not %s.",
                                   field, cgf_json_type_name(v)),
                      "body", field, NULL);
        return NULL;
    }
    *len = json_string_length(v);
    return json_string_value(v);
}

/* a string field of min..max bytes without control characters */
const char *cgf_v_string(apr_pool_t *p, json_t *body, const char *field,
                         apr_size_t min, apr_size_t max, int required,
                         apr_array_header_t *faults)
{
    apr_size_t len = 0;
    const char *s = string_of(body, field, required, &len, faults);

    if (!s)
        return NULL;

    if (len < min) {
        cgf_fault_add(faults, "too_short",
                      apr_psprintf(p,
                                   "The field '%s' must be at least "
                                   "%" APR_SIZE_T_FMT " bytes long.",
                                   field, min),
                      "body", field, NULL);
        return NULL;
    }
    if (len > max) {
        cgf_fault_add(faults, "too_long",
                      apr_psprintf(p,
                                   "The field '%s' must be at most "
                                   "%" APR_SIZE_T_FMT " bytes long.",
                                   field, max),
                      "body", field, NULL);
        return NULL;
    }
    if (cgf_has_control(s, len)) {
        cgf_fault_add(faults, "invalid_characters",
                      apr_psprintf(p,
                                   "The field '%s' must not contain "
                                   "control characters.",
                                   field),
                      "body", field, NULL);
        return NULL;
    }
    return apr_pstrmemdup(p, s, len);
}

/* a canonical lower-case UUID string field */
const char *cgf_v_uuid(apr_pool_t *p, json_t *body, const char *field,
                       int required, apr_array_header_t *faults)
{
    apr_size_t len = 0;
    const char *s = string_of(body, field, required, &len, faults);

    if (!s)
        return NULL;

    if (!cgf_uuid_canonical(s, len)) {
        cgf_fault_add(faults, "invalid_uuid",
                      apr_psprintf(p,
                                   "The field '%s' must be a UUID in "
                                   "canonical lower-case form.",
                                   field),
                      "body", field, NULL);
        return NULL;
    }
    return apr_pstrmemdup(p, s, len);
}

/* a URL field by §1.3; the fault carries the URL check's sentence */
const char *cgf_v_url(apr_pool_t *p, json_t *body, const char *field,
                      int required, const cgf_url_policy_t *policy,
                      apr_array_header_t *faults)
{
    apr_size_t len = 0;
    const char *s = string_of(body, field, required, &len, faults);
    cgf_url_t url;
    cgf_url_verdict_e v;

    if (!s)
        return NULL;

    v = cgf_url_check(p, s, len, policy, &url);
    if (v != CGF_URL_OK) {
        cgf_fault_add(faults, cgf_url_verdict_type(v), url.msg, "body", field,
                      NULL);
        return NULL;
    }
    return url.normalised;
}
