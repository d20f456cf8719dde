/* JSON in and out: strict parsing of request bodies and the mapping of
 * records to the contract's shapes.  httpd-free. */
#ifndef CGF_JSON_H
#define CGF_JSON_H

#include <apr_pools.h>
#include <apr_tables.h>
#include <jansson.h>

#define CGF_JSON_MAX_DEPTH 16

/* parse a request body: a JSON object, UTF-8, no duplicate keys, no NUL,
 * nesting at most CGF_JSON_MAX_DEPTH, nothing after it.  Returns the
 * object, released with the pool, or NULL after adding one fault with
 * loc ["body"] and type invalid_json, duplicate_key or not_object. */
json_t *cgf_json_parse_body(apr_pool_t *p, const char *buf, apr_size_t len,
                            apr_array_header_t *faults);

/* the type of j for messages: "a string", "an object", "null", ... */
const char *cgf_json_type_name(const json_t *j);

/* release j when the pool is cleared; returns j */
json_t *cgf_json_pin(apr_pool_t *p, json_t *j);

/* compact text of j in pool memory (sorted keys if sort is set) */
char *cgf_json_dump(apr_pool_t *p, const json_t *j, int sort, apr_size_t *len);

/* canonical text of j: compact, keys sorted at every level, so that two
 * bodies that differ only in key order or white space compare equal */
char *cgf_json_canonical(apr_pool_t *p, const json_t *j);

#endif
