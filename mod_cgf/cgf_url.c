/* URL rules of the contract's §1.3 and the classification of IP
 * addresses.  httpd-free: APR and libc only. */
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#include <apr_lib.h>
#include <apr_strings.h>
#include <apr_tables.h>

#include "cgf_url.h"

#define V4(a, b, c, d)                                                         \
    (((apr_uint32_t)(a) << 24) | ((apr_uint32_t)(b) << 16) |                   \
     ((apr_uint32_t)(c) << 8) | (apr_uint32_t)(d))

/* ---------------------------------------------------------------------
 * IP literals
 * ------------------------------------------------------------------- */

/* value of a hex, octal or decimal digit, or -1 */
static int digit_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* one part of a numeric IPv4 host, as inet_aton reads it: 0x-hex,
 * 0-octal or decimal; 1 if s[0..n) is a number below 2^32 */
static int ipv4_part(const char *s, apr_size_t n, apr_uint64_t *val)
{
    apr_uint64_t v = 0;
    apr_size_t i = 0;
    int base = 10;

    if (n >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        base = 16;
        i = 2;
    }
    else if (n >= 2 && s[0] == '0') {
        base = 8;
        i = 1;
    }

    /* an empty part, or "0x" without digits, is no number */
    if (i >= n)
        return 0;

    for (; i < n; i++) {
        int d = digit_value(s[i]);

        if (d < 0 || d >= base)
            return 0;
        v = v * base + d;
        if (v > 0xffffffffUL)
            return 0;
    }
    *val = v;
    return 1;
}

/* parse every spelling inet_aton accepts (1 to 4 parts), with its range
 * rules: all parts but the last are 8 bits, the last fills the rest */
static int parse_ipv4(const char *s, unsigned char addr[4])
{
    apr_uint64_t part[4], v;
    int n = 0, i;

    for (;;) {
        const char *dot = strchr(s, '.');
        apr_size_t l = dot ? (apr_size_t)(dot - s) : strlen(s);

        if (n == 4 || !ipv4_part(s, l, &part[n]))
            return 0;
        n++;
        if (!dot)
            break;
        s = dot + 1;
    }

    for (i = 0; i < n - 1; i++) {
        if (part[i] > 0xff)
            return 0;
    }
    if (part[n - 1] > (0xffffffffUL >> (8 * (n - 1))))
        return 0;

    v = part[n - 1];
    for (i = 0; i < n - 1; i++)
        v |= part[i] << (24 - 8 * i);
    for (i = 0; i < 4; i++)
        addr[i] = (unsigned char)(v >> (24 - 8 * i));
    return 1;
}

/* an IP literal in any resolver spelling: IPv6 text or inet_aton IPv4 */
int cgf_ip_parse(const char *host, unsigned char addr[16], int *family)
{
    if (!host || !*host)
        return 0;

    /* only IPv6 has colons; zone ids ("%eth0") are refused by inet_pton,
     * which is what we want: they name a local interface */
    if (strchr(host, ':')) {
        if (inet_pton(AF_INET6, host, addr) != 1)
            return 0;
        *family = AF_INET6;
        return 1;
    }

    if (!parse_ipv4(host, addr))
        return 0;
    *family = AF_INET;
    return 1;
}

/* 1 if the first bits of a and b are equal */
static int prefix_match(const unsigned char *a, const unsigned char *b,
                        int bits)
{
    int whole = bits / 8, rest = bits % 8;
    unsigned char mask;

    if (whole && memcmp(a, b, whole))
        return 0;
    if (!rest)
        return 1;
    mask = (unsigned char)(0xff << (8 - rest));
    return (a[whole] & mask) == (b[whole] & mask);
}

/* IPv4 networks of IANA's special-purpose registry that are not
 * globally reachable, plus multicast and the reserved 240/4 */
static const struct {
    apr_uint32_t net;
    int bits;
} v4_refused[] = {
    {V4(0, 0, 0, 0), 8},       {V4(10, 0, 0, 0), 8},
    {V4(100, 64, 0, 0), 10},   {V4(127, 0, 0, 0), 8},
    {V4(169, 254, 0, 0), 16},  {V4(172, 16, 0, 0), 12},
    {V4(192, 0, 0, 0), 24},    {V4(192, 0, 2, 0), 24},
    {V4(192, 31, 196, 0), 24}, {V4(192, 52, 193, 0), 24},
    {V4(192, 88, 99, 0), 24},  {V4(192, 168, 0, 0), 16},
    {V4(192, 175, 48, 0), 24}, {V4(198, 18, 0, 0), 15},
    {V4(198, 51, 100, 0), 24}, {V4(203, 0, 113, 0), 24},
    {V4(224, 0, 0, 0), 4},     {V4(240, 0, 0, 0), 4},
};

/* 1 if the IPv4 address is in none of the refused networks */
static int ipv4_is_public(const unsigned char *a)
{
    apr_uint32_t v = V4(a[0], a[1], a[2], a[3]);
    apr_size_t i;

    for (i = 0; i < sizeof(v4_refused) / sizeof(v4_refused[0]); i++) {
        apr_uint32_t mask = 0xffffffffU << (32 - v4_refused[i].bits);

        if ((v & mask) == v4_refused[i].net)
            return 0;
    }
    return 1;
}

/* IPv6 forms that carry an IPv4 address at a fixed byte, judged by that
 * address: mapped ::ffff:0:0/96, compatible ::/96 (covers :: and ::1)
 * and the well-known NAT64 prefix 64:ff9b::/96 in the last 32 bits,
 * 6to4 2002::/16 in the 32 bits after the prefix */
static const struct {
    unsigned char prefix[16];
    int bits;
    int v4_at;
} v6_embedded[] = {
    {{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff}, 96, 12},
    {{0}, 96, 12},
    {{0, 0x64, 0xff, 0x9b}, 96, 12},
    {{0x20, 0x02}, 16, 2},
};

/* networks inside 2000::/3 that are not global: IETF protocol
 * assignments (Teredo, ORCHIDv2, ...), documentation */
static const struct {
    unsigned char prefix[16];
    int bits;
} v6_refused[] = {
    {{0x20, 0x01, 0x00}, 23},
    {{0x20, 0x01, 0x0d, 0xb8}, 32},
    {{0x3f, 0xff, 0x00}, 20},
};

/* the local-use NAT64 prefix 64:ff9b:1::/48 (RFC 8215) */
static const unsigned char nat64_local[6] = {0, 0x64, 0xff, 0x9b, 0, 1};

/* 1 if the IPv6 address is global unicast and not special */
static int ipv6_is_public(const unsigned char *a)
{
    apr_size_t i;

    /* local-use NAT64 is not globally reachable, and where its IPv4
     * address sits is up to each network: refused, whatever it holds */
    if (prefix_match(a, nat64_local, 48))
        return 0;

    for (i = 0; i < sizeof(v6_embedded) / sizeof(v6_embedded[0]); i++) {
        if (prefix_match(a, v6_embedded[i].prefix, v6_embedded[i].bits))
            return ipv4_is_public(a + v6_embedded[i].v4_at);
    }

    /* 100::/64, fc00::/7, fe80::/10, fec0::/10 and ff00::/8 all lie
     * outside global unicast */
    if ((a[0] & 0xe0) != 0x20)
        return 0;

    for (i = 0; i < sizeof(v6_refused) / sizeof(v6_refused[0]); i++) {
        if (prefix_match(a, v6_refused[i].prefix, v6_refused[i].bits))
            return 0;
    }
    return 1;
}

/* 1 if the address is globally routable */
int cgf_ip_is_public(const unsigned char *addr, int family)
{
    if (!addr)
        return 0;
    if (family == AF_INET)
        return ipv4_is_public(addr);
    if (family == AF_INET6)
        return ipv6_is_public(addr);
    return 0;
}

/* ---------------------------------------------------------------------
 * host names
 * ------------------------------------------------------------------- */

/* 1 if s[0..n) is a DNS label: 1..63 letters, digits, '-' and '_', not
 * starting or ending with '-' (RFC 1123).  '_' is not valid in a host
 * name, but real names carry it and resolvers look them up, so it is
 * let through. */
static int label_ok(const char *s, apr_size_t n)
{
    apr_size_t i;

    if (n == 0 || n > 63 || s[0] == '-' || s[n - 1] == '-')
        return 0;
    for (i = 0; i < n; i++) {
        if (!apr_isalnum(s[i]) && s[i] != '-' && s[i] != '_')
            return 0;
    }
    return 1;
}

/* 1 if h is a DNS name of at most 253 bytes, made of good labels */
static int dns_name_ok(const char *h)
{
    apr_size_t n = strlen(h);

    if (n == 0 || n > 253)
        return 0;

    for (;;) {
        const char *dot = strchr(h, '.');
        apr_size_t l = dot ? (apr_size_t)(dot - h) : strlen(h);

        if (!label_ok(h, l))
            return 0;
        if (!dot)
            return 1;
        h = dot + 1;
    }
}

/* 1 if the last label is a number (decimal or 0x-hex): a resolver then
 * reads the whole host as IPv4, so it must be judged as one */
static int looks_numeric(const char *h)
{
    const char *last = strrchr(h, '.');
    const char *s = last ? last + 1 : h;

    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        for (s += 2; *s; s++) {
            if (!apr_isxdigit(*s))
                return 0;
        }
        return 1;
    }

    if (!*s)
        return 0;
    for (; *s; s++) {
        if (!apr_isdigit(*s))
            return 0;
    }
    return 1;
}

/* copy of s[0..n) in lower case, without one trailing dot */
static char *host_lower(apr_pool_t *p, const char *s, apr_size_t n)
{
    char *h = apr_pstrmemdup(p, s, n);
    char *c;

    for (c = h; *c; c++)
        *c = apr_tolower(*c);
    if (n > 0 && h[n - 1] == '.')
        h[n - 1] = '\0';
    return h;
}

/* 1 if the name is localhost or under it (RFC 6761) */
static int is_localhost(const char *h)
{
    apr_size_t n = strlen(h);

    if (!strcmp(h, "localhost"))
        return 1;
    return n > 10 && !strcmp(h + n - 10, ".localhost");
}

/* ---------------------------------------------------------------------
 * allow-list
 * ------------------------------------------------------------------- */

enum { ENTRY_NET, ENTRY_NAME, ENTRY_SUFFIX };

typedef struct {
    int kind;
    int family;
    unsigned char addr[16];
    int bits;
    const char *name; /* lower case, no leading or trailing dot */
} entry_t;

struct cgf_netlist_t {
    apr_array_header_t *entries; /* of entry_t */
};

/* prefix length text: a decimal from 0 to max, or -1 */
static int parse_bits(const char *s, int max)
{
    int v = 0, n = 0;

    for (; *s; s++) {
        if (!apr_isdigit(*s) || ++n > 3)
            return -1;
        v = v * 10 + (*s - '0');
    }
    return n == 0 || v > max ? -1 : v;
}

/* 1 if no bit beyond the prefix is set */
static int host_bits_clear(const unsigned char *a, int len, int bits)
{
    unsigned char zero[16] = {0}, masked[16];
    int i;

    for (i = 0; i < len; i++) {
        int keep = bits - 8 * i;

        if (keep >= 8)
            masked[i] = 0;
        else if (keep <= 0)
            masked[i] = a[i];
        else
            masked[i] = a[i] & (unsigned char)(0xff >> keep);
    }
    return !memcmp(masked, zero, len);
}

/* the address part of an entry, "[...]" brackets removed; NULL if the
 * brackets do not pair */
static char *entry_address(apr_pool_t *p, const char *s, apr_size_t n)
{
    if (n > 0 && s[0] == '[') {
        if (n < 3 || s[n - 1] != ']')
            return NULL;
        return apr_pstrmemdup(p, s + 1, n - 2);
    }
    return apr_pstrmemdup(p, s, n);
}

/* fill e from an IP or CIDR entry; NULL or an error sentence */
static const char *parse_net(apr_pool_t *p, const char *entry,
                             const char *slash, entry_t *e)
{
    apr_size_t n = slash ? (apr_size_t)(slash - entry) : strlen(entry);
    char *a = entry_address(p, entry, n);
    int full, len;

    if (!a || !cgf_ip_parse(a, e->addr, &e->family))
        return apr_psprintf(p,
                            "The allow-list entry '%s' is not a valid "
                            "IP address or network.",
                            entry);

    /* 010.0.0.1 or 10.1 would silently mean something else; insist on
     * the one spelling an admin can read */
    if (e->family == AF_INET &&
        strcmp(a, apr_psprintf(p, "%u.%u.%u.%u", e->addr[0], e->addr[1],
                               e->addr[2], e->addr[3])))
        return apr_psprintf(p,
                            "The allow-list entry '%s' must write IPv4 "
                            "as four decimal numbers, like 10.0.0.0/8.",
                            entry);

    len = e->family == AF_INET ? 4 : 16;
    full = 8 * len;
    e->kind = ENTRY_NET;
    e->bits = slash ? parse_bits(slash + 1, full) : full;
    if (e->bits < 0)
        return apr_psprintf(p,
                            "The allow-list entry '%s' needs a prefix "
                            "length from 0 to %d.",
                            entry, full);

    if (!host_bits_clear(e->addr, len, e->bits))
        return apr_psprintf(p,
                            "The allow-list entry '%s' has address bits "
                            "set beyond its prefix length.",
                            entry);
    return NULL;
}

/* fill e from a host name entry; NULL or an error sentence */
static const char *parse_name(apr_pool_t *p, const char *entry, entry_t *e)
{
    const char *s = entry;

    e->kind = ENTRY_NAME;
    if (*s == '.') {
        e->kind = ENTRY_SUFFIX;
        s++;
    }
    e->name = host_lower(p, s, strlen(s));

    if (!dns_name_ok(e->name) || looks_numeric(e->name))
        return apr_psprintf(p,
                            "The allow-list entry '%s' is not a valid "
                            "host name, IP address or network.",
                            entry);
    return NULL;
}

/* fill e from entry text; NULL or an error sentence */
static const char *parse_entry(apr_pool_t *p, const char *entry, entry_t *e)
{
    const char *slash = strchr(entry, '/');
    apr_size_t n = slash ? (apr_size_t)(slash - entry) : strlen(entry);
    char *a;

    if (!*entry)
        return "An allow-list entry must not be empty.";

    /* a colon, brackets, a slash or a number at the end mean the admin
     * wrote an address, so a parse error is reported as such */
    a = apr_pstrmemdup(p, entry, n);
    if (slash || strchr(a, ':') || a[0] == '[' ||
        looks_numeric(host_lower(p, a, n)))
        return parse_net(p, entry, slash, e);
    return parse_name(p, entry, e);
}

/* parse an allow-list entry and append it, creating the list */
apr_status_t cgf_netlist_add(apr_pool_t *p, cgf_netlist_t **list,
                             const char *entry, const char **err)
{
    entry_t e;
    const char *why;

    memset(&e, 0, sizeof(e));
    why = entry ? parse_entry(p, entry, &e)
                : "An allow-list entry must not be empty.";
    if (err)
        *err = why;
    if (why)
        return APR_EINVAL;

    if (!*list) {
        *list = apr_pcalloc(p, sizeof(**list));
        (*list)->entries = apr_array_make(p, 4, sizeof(entry_t));
    }
    *(entry_t *)apr_array_push((*list)->entries) = e;
    return APR_SUCCESS;
}

/* 1 if the name entry e covers the host name h */
static int name_matches(const entry_t *e, const char *h)
{
    apr_size_t hn = strlen(h), en = strlen(e->name);

    if (!strcmp(h, e->name))
        return 1;
    if (e->kind != ENTRY_SUFFIX || hn <= en)
        return 0;
    return h[hn - en - 1] == '.' && !strcmp(h + hn - en, e->name);
}

/* the host in buf, lower case, without brackets or one trailing dot;
 * 0 if it is too long to be on any list */
static int match_key(const char *host, char *buf, apr_size_t size)
{
    apr_size_t n = strlen(host), i;

    if (n >= 2 && host[0] == '[' && host[n - 1] == ']') {
        host++;
        n -= 2;
    }
    if (n > 0 && host[n - 1] == '.')
        n--;
    if (n == 0 || n >= size)
        return 0;

    for (i = 0; i < n; i++)
        buf[i] = apr_tolower(host[i]);
    buf[n] = '\0';
    return 1;
}

/* 1 if the host (name or IP literal) is on the list */
int cgf_netlist_match_host(const cgf_netlist_t *list, const char *host)
{
    unsigned char addr[16];
    char h[256]; /* a DNS name has at most 253 bytes */
    int family, i;

    if (!list || !host || !match_key(host, h, sizeof(h)))
        return 0;

    if (cgf_ip_parse(h, addr, &family))
        return cgf_netlist_match_ip(list, addr, family);

    for (i = 0; i < list->entries->nelts; i++) {
        const entry_t *e = &APR_ARRAY_IDX(list->entries, i, entry_t);

        if (e->kind != ENTRY_NET && name_matches(e, h))
            return 1;
    }
    return 0;
}

/* 1 if addr is an IPv4-mapped IPv6 address (::ffff:a.b.c.d) */
static int is_v4_mapped(const unsigned char *a)
{
    static const unsigned char mapped[12] = {0, 0, 0, 0, 0,    0,
                                             0, 0, 0, 0, 0xff, 0xff};

    return !memcmp(a, mapped, sizeof(mapped));
}

/* 1 if the address is in a listed network of its family */
int cgf_netlist_match_ip(const cgf_netlist_t *list, const unsigned char *addr,
                         int family)
{
    int i;

    if (!list || !addr)
        return 0;

    for (i = 0; i < list->entries->nelts; i++) {
        const entry_t *e = &APR_ARRAY_IDX(list->entries, i, entry_t);

        if (e->kind != ENTRY_NET)
            continue;
        if (e->family == family && prefix_match(e->addr, addr, e->bits))
            return 1;
        /* a dual-stack socket reports IPv4 peers in mapped form */
        if (family == AF_INET6 && e->family == AF_INET && is_v4_mapped(addr) &&
            prefix_match(e->addr, addr + 12, e->bits))
            return 1;
    }
    return 0;
}

/* connect-time guard: a resolved address must be public or listed */
int cgf_sockaddr_allowed(const cgf_netlist_t *list, const struct sockaddr *sa)
{
    unsigned char addr[16];
    int family;

    if (!sa)
        return 0;

    if (sa->sa_family == AF_INET) {
        memcpy(addr, &((const struct sockaddr_in *)sa)->sin_addr, 4);
        family = AF_INET;
    }
    else if (sa->sa_family == AF_INET6) {
        memcpy(addr, &((const struct sockaddr_in6 *)sa)->sin6_addr, 16);
        family = AF_INET6;
    }
    else {
        return 0;
    }

    return cgf_ip_is_public(addr, family) ||
           cgf_netlist_match_ip(list, addr, family);
}

/* ---------------------------------------------------------------------
 * URL check
 * ------------------------------------------------------------------- */

/* the state of one check, filled step by step */
typedef struct {
    apr_pool_t *p;
    const char *s;
    apr_size_t len;
    const cgf_url_policy_t *policy;
    cgf_url_t *out;
    apr_port_t default_port;
    apr_size_t auth; /* authority starts here */
    apr_size_t rest; /* path and query start here */
    char *host;      /* normalised, without brackets */
    int family;      /* AF_INET, AF_INET6, or 0 for a name */
    unsigned char addr[16];
} url_state_t;

typedef cgf_url_verdict_e (*url_step_t)(url_state_t *u);

/* record a fault: its sentence, and the verdict returned */
static cgf_url_verdict_e fail(url_state_t *u, cgf_url_verdict_e v,
                              const char *msg)
{
    u->out->msg = msg;
    return v;
}

/* length, then printable ASCII without spaces (NUL, controls, DEL and
 * non-ASCII bytes are all outside 0x21..0x7e) */
static cgf_url_verdict_e check_text(url_state_t *u)
{
    apr_size_t i;

    if (!u->s || u->len == 0)
        return fail(u, CGF_URL_INVALID, "The URL is empty.");
    if (u->len > CGF_URL_MAX_LEN)
        return fail(u, CGF_URL_TOO_LONG, "The URL is longer than 2048 bytes.");

    for (i = 0; i < u->len; i++) {
        unsigned char c = (unsigned char)u->s[i];

        if (c < 0x21 || c > 0x7e)
            return fail(u, CGF_URL_INVALID,
                        "The URL may contain only printable ASCII "
                        "characters, without spaces.");
    }
    return CGF_URL_OK;
}

/* the scheme must be https, or http when the admin allows it */
static cgf_url_verdict_e check_scheme(url_state_t *u)
{
    const char *s = u->s;
    apr_size_t i = 0;

    /* RFC 3986: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":" */
    while (i < u->len &&
           (apr_isalnum(s[i]) || s[i] == '+' || s[i] == '-' || s[i] == '.'))
        i++;

    /* only "name:" is a scheme; without the colon i is no length */
    if (i == u->len || s[i] != ':')
        i = 0;

    if (i == 5 && !strncasecmp(s, "https", 5)) {
        u->out->scheme = "https";
        u->default_port = 443;
    }
    else if (i == 4 && u->policy->allow_http && !strncasecmp(s, "http", 4)) {
        u->out->scheme = "http";
        u->default_port = 80;
    }
    else {
        return fail(u, CGF_URL_SCHEME,
                    u->policy->allow_http
                        ? "The URL must start with https:// or http://."
                        : "The URL must start with https://.");
    }
    u->auth = i + 1;
    return CGF_URL_OK;
}

/* "//" authority, without backslashes, user-info or a fragment */
static cgf_url_verdict_e check_authority(url_state_t *u)
{
    const char *s = u->s;
    apr_size_t i = u->auth;

    if (u->len - i < 2 || s[i] != '/' || s[i + 1] != '/')
        return fail(u, CGF_URL_INVALID,
                    "The URL must have '//' and a host after the scheme.");
    u->auth = i += 2;

    while (i < u->len && s[i] != '/' && s[i] != '?' && s[i] != '#')
        i++;
    u->rest = i;
    if (u->rest == u->auth)
        return fail(u, CGF_URL_INVALID, "The URL has no host.");

    /* parsers differ on a backslash (WHATWG reads it as '/'), so the
     * host we judge might not be the host that is fetched */
    if (memchr(s + u->auth, '\\', u->rest - u->auth))
        return fail(u, CGF_URL_INVALID,
                    "The URL's host part must not contain a backslash.");

    if (memchr(s + u->auth, '@', u->rest - u->auth))
        return fail(u, CGF_URL_USERINFO,
                    "The URL must not contain a user name or password.");

    if (memchr(s, '#', u->len))
        return fail(u, CGF_URL_FRAGMENT,
                    "The URL must not contain a fragment ('#').");
    return CGF_URL_OK;
}

/* port text s[0..n): a decimal from 1 to 65535 */
static cgf_url_verdict_e parse_port(url_state_t *u, const char *s, apr_size_t n)
{
    unsigned long v = 0;
    apr_size_t i;

    for (i = 0; i < n; i++) {
        if (!apr_isdigit(s[i]))
            break;
        v = v * 10 + (s[i] - '0');
        if (v > 65535)
            break;
    }
    if (n == 0 || i < n || v == 0)
        return fail(u, CGF_URL_INVALID,
                    "The URL's port must be a number from 1 to 65535.");
    u->out->port = (apr_port_t)v;
    return CGF_URL_OK;
}

/* a bracketed IPv6 host, "[...]" at s[0..n), kept in the one form of
 * RFC 5952 that inet_ntop writes (lower case, longest zero run as "::",
 * mapped IPv4 as ::ffff:a.b.c.d), so that two spellings of an address
 * normalise to one URL */
static cgf_url_verdict_e parse_v6_host(url_state_t *u, const char *s,
                                       apr_size_t n)
{
    char text[INET6_ADDRSTRLEN];

    u->host = host_lower(u->p, s + 1, n - 2);

    /* an address has no trailing dot: host_lower must not hide one */
    if (s[n - 2] == '.' || !strchr(u->host, ':') ||
        !cgf_ip_parse(u->host, u->addr, &u->family) ||
        !inet_ntop(AF_INET6, u->addr, text, sizeof(text)))
        return fail(u, CGF_URL_INVALID,
                    "The URL's host is not a valid IPv6 address.");

    u->host = apr_pstrdup(u->p, text);
    return CGF_URL_OK;
}

/* a host name or IPv4 literal at s[0..n) */
static cgf_url_verdict_e parse_name_host(url_state_t *u, const char *s,
                                         apr_size_t n)
{
    const char *bad = "The URL's host is not a valid host name or IPv4 "
                      "address.";

    u->host = host_lower(u->p, s, n);

    if (looks_numeric(u->host)) {
        if (!cgf_ip_parse(u->host, u->addr, &u->family) || u->family != AF_INET)
            return fail(u, CGF_URL_INVALID, bad);
        /* one spelling: the value we judged is the value fetched */
        u->host = apr_psprintf(u->p, "%u.%u.%u.%u", u->addr[0], u->addr[1],
                               u->addr[2], u->addr[3]);
        return CGF_URL_OK;
    }

    if (!dns_name_ok(u->host))
        return fail(u, CGF_URL_INVALID, bad);
    return CGF_URL_OK;
}

/* split the authority into host and port and check both */
static cgf_url_verdict_e check_host(url_state_t *u)
{
    const char *a = u->s + u->auth, *end = u->s + u->rest, *colon;
    cgf_url_verdict_e v;

    if (memchr(a, '%', end - a))
        return fail(u, CGF_URL_INVALID,
                    "The URL's host must not be percent-encoded.");

    if (*a == '[') {
        const char *close = memchr(a, ']', end - a);

        if (!close || (close + 1 < end && close[1] != ':') || close - a < 3)
            return fail(u, CGF_URL_INVALID,
                        "The URL's IPv6 host must be written as [address].");
        colon = close + 1 < end ? close + 1 : NULL;
        v = parse_v6_host(u, a, close + 1 - a);
    }
    else {
        colon = memchr(a, ':', end - a);
        v = parse_name_host(u, a, (colon ? colon : end) - a);
    }
    if (v != CGF_URL_OK)
        return v;

    u->out->port = u->default_port;
    if (colon)
        return parse_port(u, colon + 1, end - colon - 1);
    return CGF_URL_OK;
}

/* localhost and IP literals that are not public, unless allowed */
static cgf_url_verdict_e check_private(url_state_t *u)
{
    const cgf_netlist_t *allow = u->policy->allow;
    int private_host;

    if (u->family)
        private_host = !cgf_ip_is_public(u->addr, u->family) &&
                       !cgf_netlist_match_ip(allow, u->addr, u->family);
    else
        private_host =
            is_localhost(u->host) && !cgf_netlist_match_host(allow, u->host);

    if (private_host)
        return fail(u, CGF_URL_PRIVATE_HOST,
                    "The URL's host is a private or local address.");
    return CGF_URL_OK;
}

/* audio URLs: the path as written must end in ".mp3" */
static cgf_url_verdict_e check_mp3(url_state_t *u)
{
    const char *path = u->s + u->rest;
    const char *q = memchr(path, '?', u->len - u->rest);
    apr_size_t n = q ? (apr_size_t)(q - path) : u->len - u->rest;

    if (!u->policy->require_mp3)
        return CGF_URL_OK;
    if (n >= 4 && !strncasecmp(path + n - 4, ".mp3", 4))
        return CGF_URL_OK;
    return fail(u, CGF_URL_NOT_MP3, "The audio URL's path must end in .mp3.");
}

/* scheme://host[:port] then path and query exactly as written */
static cgf_url_verdict_e build_normalised(url_state_t *u)
{
    cgf_url_t *out = u->out;
    const char *host = u->host;

    if (u->family == AF_INET6)
        host = apr_pstrcat(u->p, "[", host, "]", NULL);
    if (out->port != u->default_port)
        host = apr_psprintf(u->p, "%s:%u", host, (unsigned)out->port);

    out->host = u->host;
    out->normalised = apr_pstrcat(
        u->p, out->scheme, "://", host,
        apr_pstrmemdup(u->p, u->s + u->rest, u->len - u->rest), NULL);

    /* rewriting a short IPv4 spelling as dotted quad can add bytes */
    if (strlen(out->normalised) > CGF_URL_MAX_LEN) {
        out->normalised = out->host = NULL;
        return fail(u, CGF_URL_TOO_LONG, "The URL is longer than 2048 bytes.");
    }
    return CGF_URL_OK;
}

/* run the rules of §1.3 in the contract's order; fill out */
cgf_url_verdict_e cgf_url_check(apr_pool_t *p, const char *url, apr_size_t len,
                                const cgf_url_policy_t *policy, cgf_url_t *out)
{
    static const cgf_url_policy_t strict = {0, NULL, 0};
    static const url_step_t steps[] = {
        check_text,    check_scheme, check_authority,  check_host,
        check_private, check_mp3,    build_normalised,
    };
    url_state_t u;
    apr_size_t i;

    memset(out, 0, sizeof(*out));
    memset(&u, 0, sizeof(u));
    u.p = p;
    u.s = url;
    u.len = len;
    u.policy = policy ? policy : &strict;
    u.out = out;

    for (i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
        cgf_url_verdict_e v = steps[i](&u);

        if (v != CGF_URL_OK) {
            out->scheme = NULL;
            out->port = 0;
            return v;
        }
    }
    return CGF_URL_OK;
}

/* the contract's error type of a verdict */
const char *cgf_url_verdict_type(cgf_url_verdict_e v)
{
    switch (v) {
    case CGF_URL_INVALID:
        return "invalid_url";
    case CGF_URL_TOO_LONG:
        return "too_long";
    case CGF_URL_SCHEME:
        return "url_scheme";
    case CGF_URL_USERINFO:
        return "url_userinfo";
    case CGF_URL_FRAGMENT:
        return "url_fragment";
    case CGF_URL_PRIVATE_HOST:
        return "url_private_host";
    case CGF_URL_NOT_MP3:
        return "url_not_mp3";
    default:
        return NULL;
    }
}
