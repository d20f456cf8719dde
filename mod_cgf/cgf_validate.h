/* Field rules shared by the request bodies of every resource.  Each
 * check adds its faults to a list and returns what it accepted, so one
 * response can report every fault of a body.  httpd-free. */
#ifndef CGF_VALIDATE_H
#define CGF_VALIDATE_H

#include <apr_pools.h>
#include <apr_tables.h>
#include <jansson.h>

#include "cgf_fault.h"
#include "cgf_url.h"

/* 1 if s is a canonical lower-case 8-4-4-4-12 UUID */
int cgf_uuid_canonical(const char *s, apr_size_t len);

/* 1 if s[0..len) (UTF-8) holds a control character: C0, DEL or C1
 * (U+0080..U+009F); format characters such as U+2028 are allowed */
int cgf_has_control(const char *s, apr_size_t len);

/* report body keys outside known[] (unknown_field) and those in
 * immutable[] (immutable_field), one fault each; lists end with NULL */
void cgf_v_fields(json_t *body, const char *const *known,
                  const char *const *immutable, apr_array_header_t *faults);

/* a string field of min..max bytes without control characters (NUL
 * included); NULL if absent (missing fault when required) or bad */
const char *cgf_v_string(apr_pool_t *p, json_t *body, const char *field,
                         apr_size_t min, apr_size_t max, int required,
                         apr_array_header_t *faults);

/* a canonical UUID string field; NULL if absent or bad */
const char *cgf_v_uuid(apr_pool_t *p, json_t *body, const char *field,
                       int required, apr_array_header_t *faults);

/* a URL field by the rules of §1.3; returns the normalised URL */
const char *cgf_v_url(apr_pool_t *p, json_t *body, const char *field,
                      int required, const cgf_url_policy_t *policy,
                      apr_array_header_t *faults);

#endif
