/* Routes below a mount: path patterns, methods and their handlers. */
#ifndef CGF_ROUTER_H
#define CGF_ROUTER_H

#include "cgf_api.h"

typedef struct cgf_route_t {
    const char *pattern; /* segments; "*" stands for one {id} */
    const char *query;   /* allowed query parameters, ","-joined */
    cgf_api_fn get, post, patch, del;
} cgf_route_t;

/* the route for a path below the mount, filling params; NULL if none */
const cgf_route_t *cgf_route_find(const char *rel, apr_pool_t *p,
                                  const char **params);

/* 1 if r may be answered without a user: /health, CORS preflights */
int cgf_route_is_public(request_rec *r, cgf_dir_conf_t *d);

/* the handler of mod_cgf: route, check, read the body, dispatch */
int cgf_router_handle(request_rec *r);

#endif
