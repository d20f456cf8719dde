/* URL rules of the contract's §1.3 (endpoint_url, audio_url) and the
 * classification of IP addresses, used when a URL is accepted and again
 * at connect time.  httpd-free: links with APR only. */
#ifndef CGF_URL_H
#define CGF_URL_H

#include <apr_pools.h>
#include <apr_network_io.h>

typedef enum {
    CGF_URL_OK = 0,
    CGF_URL_INVALID,      /* invalid_url: not a URL, no host, bad chars */
    CGF_URL_TOO_LONG,     /* too_long: over CGF_URL_MAX_LEN bytes */
    CGF_URL_SCHEME,       /* url_scheme: not https (nor http if allowed) */
    CGF_URL_USERINFO,     /* url_userinfo */
    CGF_URL_FRAGMENT,     /* url_fragment */
    CGF_URL_PRIVATE_HOST, /* url_private_host */
    CGF_URL_NOT_MP3       /* url_not_mp3: path does not end in .mp3 */
} cgf_url_verdict_e;

#define CGF_URL_MAX_LEN 2048

/* the admin's allow-list of private hosts and networks */
typedef struct cgf_netlist_t cgf_netlist_t;

typedef struct cgf_url_policy_t {
    int allow_http;             /* admin switch for development */
    const cgf_netlist_t *allow; /* may be NULL: nothing private allowed */
    int require_mp3;            /* audio_url: path must end in .mp3 */
} cgf_url_policy_t;

typedef struct cgf_url_t {
    const char *normalised; /* scheme and host lower case, default port
                               and trailing dot removed */
    const char *scheme;     /* "https" or "http" */
    const char *host;       /* normalised; IPv6 in RFC 5952 form,
                               without brackets */
    apr_port_t port;        /* effective port */
    const char *msg;        /* when not OK: one plain English sentence */
} cgf_url_t;

/* check url[0..len) against the rules; fills out (pool memory) */
cgf_url_verdict_e cgf_url_check(apr_pool_t *p, const char *url, apr_size_t len,
                                const cgf_url_policy_t *policy, cgf_url_t *out);

/* the contract's error type for a verdict ("invalid_url", ...) */
const char *cgf_url_verdict_type(cgf_url_verdict_e v);

/* parse a host as an IP literal, in every spelling a resolver accepts
 * for IPv4 (dotted, short, octal, hex, decimal) and any IPv6 text form
 * without brackets; addr gets 4 or 16 bytes; returns 1 if it is one */
int cgf_ip_parse(const char *host, unsigned char addr[16], int *family);

/* 1 if the address is globally routable by IANA's special-purpose
 * registries (embedded IPv4 of mapped, compatible, 64:ff9b::/96 NAT64
 * and 6to4 forms judged too; Teredo and local-use NAT64 refused) */
int cgf_ip_is_public(const unsigned char *addr, int family);

/* add an allow-list entry: an IP, a CIDR network or a host name */
apr_status_t cgf_netlist_add(apr_pool_t *p, cgf_netlist_t **list,
                             const char *entry, const char **err);

/* 1 if the host name or IP literal is on the list */
int cgf_netlist_match_host(const cgf_netlist_t *list, const char *host);

/* 1 if the address is on the list */
int cgf_netlist_match_ip(const cgf_netlist_t *list, const unsigned char *addr,
                         int family);

/* connect-time check of a resolved address: public, or allowed */
int cgf_sockaddr_allowed(const cgf_netlist_t *list, const struct sockaddr *sa);

#endif
