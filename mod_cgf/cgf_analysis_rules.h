/* The field rules of a Class Track analysis submission (the contract's
 * §3): everything that can be judged from the body alone.  Whether the
 * board, grade, subject and rubric exist and fit together is for the
 * storage layer.  httpd-free. */
#ifndef CGF_ANALYSIS_RULES_H
#define CGF_ANALYSIS_RULES_H

#include <apr_pools.h>
#include <apr_tables.h>
#include <apr_time.h>
#include <jansson.h>

#include "cgf_fault.h"
#include "cgf_url.h"

#define CGF_ANALYSIS_ID_MAX      128 /* institution_id, teacher_id */
#define CGF_METADATA_MAX_KEYS    20
#define CGF_METADATA_KEY_MAX     40
#define CGF_METADATA_VALUE_MAX   500
#define CGF_RUBRIC_LEGACY_ID_MAX 2147483647

/* the accepted body; a field is NULL (or 0) when it had a fault */
typedef struct cgf_analysis_input_t {
    const char *institution_id;
    const char *teacher_id;
    const char *board_id; /* canonical uuids */
    const char *grade_id;
    const char *subject_id;
    const char *rubric_uuid;      /* set when rubric_id was a uuid */
    apr_int64_t rubric_legacy_id; /* > 0 when it was an integer id */
    const char *analysis_date;    /* YYYY-MM-DD */
    const char *audio_url;        /* normalised */
    const char *metadata_json;    /* compact, sorted keys; "{}" if absent */
} cgf_analysis_input_t;

typedef enum {
    CGF_DATE_OK = 0,
    CGF_DATE_INVALID, /* invalid_date: not YYYY-MM-DD, or no such day */
    CGF_DATE_FUTURE   /* future_date: after today at UTC+14 */
} cgf_date_verdict_e;

typedef enum {
    CGF_RUBRIC_ID_UUID = 0,     /* a canonical uuid string */
    CGF_RUBRIC_ID_LEGACY,       /* an integer id, as number or digits */
    CGF_RUBRIC_ID_WRONG_TYPE,   /* wrong_type: not a string nor integer */
    CGF_RUBRIC_ID_OUT_OF_RANGE, /* out_of_range: 0, negative, too big */
    CGF_RUBRIC_ID_INVALID       /* invalid_uuid: any other string */
} cgf_rubric_id_e;

/* judge s[0..len) as an analysis date: a real YYYY-MM-DD day, and not
 * after the date that now is at UTC+14 */
cgf_date_verdict_e cgf_date_check(const char *s, apr_size_t len,
                                  apr_time_t now);

/* parse a rubric id given as text (a body string or a path segment):
 * a canonical uuid, or digits without sign or leading zero; *legacy
 * gets the integer id when the result is CGF_RUBRIC_ID_LEGACY */
cgf_rubric_id_e cgf_rubric_id_parse_str(const char *s, apr_size_t len,
                                        apr_int64_t *legacy);

/* parse the body's rubric_id value: a string as above, or a JSON
 * integer 1..CGF_RUBRIC_LEGACY_ID_MAX */
cgf_rubric_id_e cgf_rubric_id_parse(const json_t *v, apr_int64_t *legacy);

/* validate a submission body against every field rule; each fault is
 * added to faults (all of them, one per field), and what was accepted
 * is stored in *in.  now is the current time, a parameter for tests. */
void cgf_analysis_validate(apr_pool_t *p, json_t *body,
                           const cgf_url_policy_t *policy, apr_time_t now,
                           cgf_analysis_input_t *in,
                           apr_array_header_t *faults);

#endif
