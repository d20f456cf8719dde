/* Background work on mod_watchdog's thread, in one child of the server.
 * So far: listening for token revocations, so the token cache drops a
 * revoked token at once.  The analysis worker will run here too. */
#ifndef CGF_JOBS_H
#define CGF_JOBS_H

#include "httpd.h"

/* the post_config hook: start the background thread when needed */
int cgf_jobs_post_config(apr_pool_t *pconf, server_rec *s);

/* the child_init hook: give connections back before the child exits */
void cgf_jobs_child_init(apr_pool_t *pchild, server_rec *s);

#endif
