/* The URL rules of the contract's §1.3 and the IP classification behind
 * them, one check per address form and rule, each named after it. */
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#include <apr_general.h>
#include <apr_strings.h>

#include "cgf_url.h"
#include "tap.h"

static apr_pool_t *pool;
static cgf_url_policy_t https_only = {0, NULL, 0};
static cgf_url_policy_t with_http = {1, NULL, 0};
static cgf_url_policy_t audio = {0, NULL, 1};
static cgf_url_policy_t allowing = {0, NULL, 0};

/* one URL and the verdict its rule gives */
typedef struct {
    const char *url;
    cgf_url_verdict_e want;
    const char *rule;
} case_t;

/* one URL and its normalised form */
typedef struct {
    const char *url;
    const char *want;
    const char *rule;
} norm_t;

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* check a NUL-terminated URL under a policy */
static cgf_url_verdict_e check(const char *url, const cgf_url_policy_t *pol,
                               cgf_url_t *out)
{
    return cgf_url_check(pool, url, strlen(url), pol, out);
}

/* the URL for a test name: bytes outside printable ASCII as \xNN, so
 * that a newline cannot break the TAP stream */
static const char *shown(const char *url)
{
    char *s = apr_palloc(pool, 4 * strlen(url) + 1), *o = s;

    for (; *url; url++) {
        unsigned char c = (unsigned char)*url;

        if (c < 0x20 || c > 0x7e)
            o += sprintf(o, "\\x%02x", c);
        else
            *o++ = (char)c;
    }
    *o = '\0';
    return s;
}

/* run a table of verdicts */
static void run_cases(const case_t *c, apr_size_t n,
                      const cgf_url_policy_t *pol)
{
    apr_size_t i;

    for (i = 0; i < n; i++) {
        cgf_url_t out;
        cgf_url_verdict_e v = check(c[i].url, pol, &out);

        is_int(v, c[i].want, "%s: %s", c[i].rule, shown(c[i].url));
        if (v != c[i].want)
            printf("#   msg: %s\n", out.msg ? out.msg : "(none)");
    }
}

/* run a table of normalisations */
static void run_norms(const norm_t *c, apr_size_t n,
                      const cgf_url_policy_t *pol)
{
    apr_size_t i;

    for (i = 0; i < n; i++) {
        cgf_url_t out;

        check(c[i].url, pol, &out);
        is_str(out.normalised, c[i].want, "%s: %s", c[i].rule, c[i].url);
    }
}

static const case_t text_cases[] = {
    {"", CGF_URL_INVALID, "text: empty"},
    {"https://exa mple.com/", CGF_URL_INVALID, "text: space"},
    {"https://example.com/a\tb", CGF_URL_INVALID, "text: tab"},
    {"https://example.com/\n", CGF_URL_INVALID, "text: newline"},
    {"https://example.com/\r", CGF_URL_INVALID, "text: carriage return"},
    {"https://example.com/\x01", CGF_URL_INVALID, "text: control 0x01"},
    {"https://example.com/\x7f", CGF_URL_INVALID, "text: DEL"},
    {"https://ex\xc3\xa4mple.com/", CGF_URL_INVALID, "text: UTF-8 host"},
    {"https://example.com/\xc3\xa4", CGF_URL_INVALID, "text: UTF-8 path"},
    {" https://example.com/", CGF_URL_INVALID, "text: leading space"},
};

static const case_t scheme_cases[] = {
    {"javascript:alert(1)", CGF_URL_SCHEME, "scheme: javascript"},
    {"JavaScript:alert(1)", CGF_URL_SCHEME, "scheme: JavaScript"},
    {"ftp://x/", CGF_URL_SCHEME, "scheme: ftp"},
    {"file:///etc/passwd", CGF_URL_SCHEME, "scheme: file"},
    {"data:text/plain,x", CGF_URL_SCHEME, "scheme: data"},
    {"http://example.com/", CGF_URL_SCHEME, "scheme: http not allowed"},
    {"example.com/a.mp3", CGF_URL_SCHEME, "scheme: none"},
    {"//example.com/a.mp3", CGF_URL_SCHEME, "scheme: relative"},
    {"https", CGF_URL_SCHEME, "scheme: https without colon"},
    {"httpss://example.com/", CGF_URL_SCHEME, "scheme: httpss"},
    {"ws://example.com/", CGF_URL_SCHEME, "scheme: ws"},
    {"HTTPS://example.com/", CGF_URL_OK, "scheme: upper case https"},
    {"hTtPs://example.com/", CGF_URL_OK, "scheme: mixed case https"},
};

static const case_t authority_cases[] = {
    {"https:example.com", CGF_URL_INVALID, "authority: no //"},
    {"https:/example.com", CGF_URL_INVALID, "authority: single /"},
    {"https:", CGF_URL_INVALID, "authority: nothing after scheme"},
    {"https://", CGF_URL_INVALID, "authority: empty"},
    {"https:///etc/passwd", CGF_URL_INVALID, "authority: empty, path"},
    {"https://?q=1", CGF_URL_INVALID, "authority: empty, query"},
    {"https://#f", CGF_URL_INVALID, "authority: empty, fragment"},
    {"https:\\\\evil.com/", CGF_URL_INVALID, "authority: backslashes"},
    {"https://evil.com\\@good.com/", CGF_URL_INVALID,
     "authority: backslash before @"},
    {"https://good.com\\evil.com/", CGF_URL_INVALID,
     "authority: backslash in host"},
};

static const case_t userinfo_cases[] = {
    {"https://user@example.com/", CGF_URL_USERINFO, "userinfo: user"},
    {"https://user:pw@example.com/", CGF_URL_USERINFO,
     "userinfo: user and password"},
    {"https://@example.com/", CGF_URL_USERINFO, "userinfo: empty"},
    {"https://:@example.com/", CGF_URL_USERINFO, "userinfo: empty colon"},
    {"https://example.com@evil.com/", CGF_URL_USERINFO,
     "userinfo: host look-alike"},
    {"https://u@127.0.0.1/", CGF_URL_USERINFO, "userinfo: before private host"},
    {"https://u@example.com/#f", CGF_URL_USERINFO, "userinfo: before fragment"},
    {"https://example.com/a@b.mp3", CGF_URL_OK, "userinfo: @ in path ok"},
    {"https://example.com/?to=a@b", CGF_URL_OK, "userinfo: @ in query ok"},
};

static const case_t fragment_cases[] = {
    {"https://example.com/#x", CGF_URL_FRAGMENT, "fragment: after path"},
    {"https://example.com#x", CGF_URL_FRAGMENT, "fragment: after host"},
    {"https://example.com/a?b=1#c", CGF_URL_FRAGMENT, "fragment: after query"},
    {"https://example.com/#", CGF_URL_FRAGMENT, "fragment: empty"},
    {"https://example.com/#@evil.com", CGF_URL_FRAGMENT,
     "fragment: with @ inside"},
    {"https://127.0.0.1/#x", CGF_URL_FRAGMENT, "fragment: before private host"},
};

static const case_t port_cases[] = {
    {"https://example.com:0/", CGF_URL_INVALID, "port: 0"},
    {"https://example.com:1/", CGF_URL_OK, "port: 1"},
    {"https://example.com:65535/", CGF_URL_OK, "port: 65535"},
    {"https://example.com:65536/", CGF_URL_INVALID, "port: 65536"},
    {"https://example.com:99999999999999999999/", CGF_URL_INVALID,
     "port: huge"},
    {"https://example.com:abc/", CGF_URL_INVALID, "port: letters"},
    {"https://example.com:44a/", CGF_URL_INVALID, "port: trailing letter"},
    {"https://example.com:/", CGF_URL_INVALID, "port: empty"},
    {"https://example.com:-1/", CGF_URL_INVALID, "port: negative"},
    {"https://example.com:+443/", CGF_URL_INVALID, "port: plus sign"},
    {"https://example.com:443:443/", CGF_URL_INVALID, "port: two colons"},
    {"https://example.com:%34%34%33/", CGF_URL_INVALID,
     "port: percent-encoded"},
};

static const case_t host_cases[] = {
    {"https://%65xample.com/", CGF_URL_INVALID, "host: percent-encoded"},
    {"https://example%2ecom/", CGF_URL_INVALID, "host: percent-encoded dot"},
    {"https://a..b.com/", CGF_URL_INVALID, "host: empty label"},
    {"https://.example.com/", CGF_URL_INVALID, "host: leading dot"},
    {"https://example.com../", CGF_URL_INVALID, "host: two trailing dots"},
    {"https://./", CGF_URL_INVALID, "host: only a dot"},
    {"https://:443/", CGF_URL_INVALID, "host: only a port"},
    {"https://exa$mple.com/", CGF_URL_INVALID, "host: dollar sign"},
    {"https://exa*mple.com/", CGF_URL_INVALID, "host: asterisk"},
    {"https://ex[a]mple.com/", CGF_URL_INVALID, "host: stray brackets"},
    {"https://a_b.example.com/", CGF_URL_OK, "host: underscore allowed"},
    {"https://xn--bcher-kva.example/", CGF_URL_OK, "host: punycode"},
    {"https://a-b.example.com/", CGF_URL_OK, "host: hyphen"},
    {"https://com/", CGF_URL_OK, "host: single label"},
    {"https://0xg.example/", CGF_URL_OK, "host: hex-like label is a name"},
    {"https://1.2.3.4.example/", CGF_URL_OK,
     "host: numeric labels before a name"},
    {"https://-a.example.com/", CGF_URL_INVALID,
     "host: first label starts with a hyphen"},
    {"https://a-.example.com/", CGF_URL_INVALID,
     "host: first label ends with a hyphen"},
    {"https://a.-b.com/", CGF_URL_INVALID,
     "host: inner label starts with a hyphen"},
    {"https://a.b-.com/", CGF_URL_INVALID,
     "host: inner label ends with a hyphen"},
    {"https://example.com-/", CGF_URL_INVALID,
     "host: last label ends with a hyphen"},
    {"https://example.-com/", CGF_URL_INVALID,
     "host: last label starts with a hyphen"},
    {"https://example-.com./", CGF_URL_INVALID,
     "host: hyphen before the trailing dot"},
    {"https://-/", CGF_URL_INVALID, "host: only a hyphen"},
    {"https://a.-.b/", CGF_URL_INVALID, "host: a label that is a hyphen"},
    {"https://-example:8443/", CGF_URL_INVALID,
     "host: single label with a hyphen, and a port"},
    {"https://a--b.example/", CGF_URL_OK, "host: two inner hyphens"},
    {"https://a-b-c.e-x.com/", CGF_URL_OK, "host: hyphens inside labels"},
    {"https://_dmarc.example.com/", CGF_URL_OK,
     "host: label starting with an underscore"},
    {"https://a_.example.com/", CGF_URL_OK,
     "host: label ending with an underscore"},
    {"https://9a.example.com/", CGF_URL_OK,
     "host: label starting with a digit"},
};

static const case_t ipv4_private[] = {
    {"https://127.0.0.1/", CGF_URL_PRIVATE_HOST, "private: loopback"},
    {"https://127.1/", CGF_URL_PRIVATE_HOST, "private: short loopback 127.1"},
    {"https://127.0.1/", CGF_URL_PRIVATE_HOST,
     "private: short loopback 127.0.1"},
    {"https://0177.0.0.1/", CGF_URL_PRIVATE_HOST,
     "private: octal loopback 0177.0.0.1"},
    {"https://0x7f.0.0.1/", CGF_URL_PRIVATE_HOST,
     "private: hex loopback 0x7f.0.0.1"},
    {"https://0X7F.0.0.1/", CGF_URL_PRIVATE_HOST,
     "private: upper hex loopback 0X7F.0.0.1"},
    {"https://0x7f000001/", CGF_URL_PRIVATE_HOST,
     "private: hex loopback 0x7f000001"},
    {"https://2130706433/", CGF_URL_PRIVATE_HOST,
     "private: decimal loopback 2130706433"},
    {"https://017700000001/", CGF_URL_PRIVATE_HOST,
     "private: octal loopback 017700000001"},
    {"https://0x7f.1/", CGF_URL_PRIVATE_HOST, "private: mixed 0x7f.1"},
    {"https://0177.0.0x0.01/", CGF_URL_PRIVATE_HOST,
     "private: mixed 0177.0.0x0.01"},
    {"https://00000000177.0.0.1/", CGF_URL_PRIVATE_HOST,
     "private: padded octal 00000000177.0.0.1"},
    {"https://127.0.0.1./", CGF_URL_PRIVATE_HOST,
     "private: loopback with trailing dot"},
    {"https://127.0.0.1:8443/", CGF_URL_PRIVATE_HOST,
     "private: loopback with port"},
    {"https://127.255.255.254/", CGF_URL_PRIVATE_HOST, "private: top of 127/8"},
    {"https://0.0.0.0/", CGF_URL_PRIVATE_HOST, "private: 0.0.0.0"},
    {"https://0/", CGF_URL_PRIVATE_HOST, "private: bare 0"},
    {"https://10.1.2.3/", CGF_URL_PRIVATE_HOST, "private: 10/8"},
    {"https://100.64.0.1/", CGF_URL_PRIVATE_HOST, "private: 100.64/10"},
    {"https://100.127.255.255/", CGF_URL_PRIVATE_HOST,
     "private: top of 100.64/10"},
    {"https://169.254.169.254/", CGF_URL_PRIVATE_HOST,
     "private: link-local metadata 169.254.169.254"},
    {"https://0xa9fea9fe/", CGF_URL_PRIVATE_HOST,
     "private: hex metadata 0xa9fea9fe"},
    {"https://172.16.0.1/", CGF_URL_PRIVATE_HOST, "private: 172.16/12"},
    {"https://172.31.255.255/", CGF_URL_PRIVATE_HOST,
     "private: top of 172.16/12"},
    {"https://192.0.0.8/", CGF_URL_PRIVATE_HOST, "private: 192.0.0/24"},
    {"https://192.0.2.1/", CGF_URL_PRIVATE_HOST, "private: TEST-NET-1"},
    {"https://192.31.196.1/", CGF_URL_PRIVATE_HOST,
     "private: AS112 192.31.196/24"},
    {"https://192.52.193.1/", CGF_URL_PRIVATE_HOST,
     "private: AMT 192.52.193/24"},
    {"https://192.88.99.1/", CGF_URL_PRIVATE_HOST,
     "private: 6to4 relay 192.88.99/24"},
    {"https://192.168.1.1/", CGF_URL_PRIVATE_HOST, "private: 192.168/16"},
    {"https://192.175.48.1/", CGF_URL_PRIVATE_HOST,
     "private: AS112 192.175.48/24"},
    {"https://198.18.0.1/", CGF_URL_PRIVATE_HOST, "private: 198.18/15"},
    {"https://198.19.255.255/", CGF_URL_PRIVATE_HOST,
     "private: top of 198.18/15"},
    {"https://198.51.100.1/", CGF_URL_PRIVATE_HOST, "private: TEST-NET-2"},
    {"https://203.0.113.1/", CGF_URL_PRIVATE_HOST, "private: TEST-NET-3"},
    {"https://224.0.0.1/", CGF_URL_PRIVATE_HOST, "private: multicast"},
    {"https://239.255.255.255/", CGF_URL_PRIVATE_HOST,
     "private: top of multicast"},
    {"https://240.0.0.1/", CGF_URL_PRIVATE_HOST, "private: reserved 240/4"},
    {"https://255.255.255.255/", CGF_URL_PRIVATE_HOST, "private: broadcast"},
    {"https://4294967295/", CGF_URL_PRIVATE_HOST,
     "private: decimal broadcast 4294967295"},
};

static const case_t ipv4_public[] = {
    {"https://8.8.8.8/", CGF_URL_OK, "public: 8.8.8.8"},
    {"https://1.1.1.1/", CGF_URL_OK, "public: 1.1.1.1"},
    {"https://93.184.216.34/", CGF_URL_OK, "public: dotted 93.184.216.34"},
    {"https://0x5db8d822/", CGF_URL_OK, "public: hex 0x5db8d822"},
    {"https://1572395042/", CGF_URL_OK, "public: decimal 1572395042"},
    {"https://0135.0270.0330.042/", CGF_URL_OK,
     "public: octal 0135.0270.0330.042"},
    {"https://0x5d.0xb8.0xd8.0x22/", CGF_URL_OK,
     "public: hex parts 0x5d.0xb8.0xd8.0x22"},
    {"https://93.12113954/", CGF_URL_OK, "public: short 93.12113954"},
    {"https://93.184.55330/", CGF_URL_OK, "public: short 93.184.55330"},
    {"https://0x5d.184.0330.34/", CGF_URL_OK, "public: mixed 0x5d.184.0330.34"},
    {"https://9.255.255.255/", CGF_URL_OK, "public: just below 10/8"},
    {"https://11.0.0.0/", CGF_URL_OK, "public: just above 10/8"},
    {"https://100.63.255.255/", CGF_URL_OK, "public: just below 100.64/10"},
    {"https://100.128.0.0/", CGF_URL_OK, "public: just above 100.64/10"},
    {"https://126.255.255.255/", CGF_URL_OK, "public: just below 127/8"},
    {"https://128.0.0.0/", CGF_URL_OK, "public: just above 127/8"},
    {"https://172.15.255.255/", CGF_URL_OK, "public: just below 172.16/12"},
    {"https://172.32.0.0/", CGF_URL_OK, "public: just above 172.16/12"},
    {"https://198.17.255.255/", CGF_URL_OK, "public: just below 198.18/15"},
    {"https://198.20.0.0/", CGF_URL_OK, "public: just above 198.18/15"},
    {"https://223.255.255.255/", CGF_URL_OK, "public: just below 224/4"},
};

static const case_t ipv4_invalid[] = {
    {"https://1.2.3.4.5/", CGF_URL_INVALID, "ipv4: five parts"},
    {"https://999.1.1.1/", CGF_URL_INVALID, "ipv4: part over 255"},
    {"https://1.2.3.256/", CGF_URL_INVALID, "ipv4: last part over 255"},
    {"https://1.2.65536/", CGF_URL_INVALID, "ipv4: a.b.c with c >= 2^16"},
    {"https://1.16777216/", CGF_URL_INVALID, "ipv4: a.b with b >= 2^24"},
    {"https://4294967296/", CGF_URL_INVALID, "ipv4: a >= 2^32"},
    {"https://0x100000000/", CGF_URL_INVALID, "ipv4: hex over 32 bits"},
    {"https://99999999999999999999999/", CGF_URL_INVALID, "ipv4: huge decimal"},
    {"https://08.0.0.1/", CGF_URL_INVALID, "ipv4: 8 is no octal digit"},
    {"https://0x/", CGF_URL_INVALID, "ipv4: 0x without digits"},
    {"https://1.0x/", CGF_URL_INVALID, "ipv4: last part 0x"},
    {"https://1..2.3/", CGF_URL_INVALID, "ipv4: empty part"},
    {"https://example.123/", CGF_URL_INVALID, "ipv4: name ending in a number"},
    {"https://example.0x1f/", CGF_URL_INVALID,
     "ipv4: name ending in a hex number"},
};

static const case_t ipv6_cases[] = {
    {"https://[::1]/", CGF_URL_PRIVATE_HOST, "private: IPv6 loopback"},
    {"https://[0:0:0:0:0:0:0:1]/", CGF_URL_PRIVATE_HOST,
     "private: long IPv6 loopback"},
    {"https://[::]/", CGF_URL_PRIVATE_HOST, "private: IPv6 unspecified"},
    {"https://[::ffff:127.0.0.1]/", CGF_URL_PRIVATE_HOST,
     "private: mapped loopback, dotted"},
    {"https://[::ffff:7f00:1]/", CGF_URL_PRIVATE_HOST,
     "private: mapped loopback, hex"},
    {"https://[::ffff:10.0.0.1]/", CGF_URL_PRIVATE_HOST,
     "private: mapped 10/8"},
    {"https://[::ffff:169.254.169.254]/", CGF_URL_PRIVATE_HOST,
     "private: mapped metadata"},
    {"https://[::127.0.0.1]/", CGF_URL_PRIVATE_HOST,
     "private: compatible loopback"},
    {"https://[64:ff9b::7f00:1]/", CGF_URL_PRIVATE_HOST,
     "private: NAT64 loopback"},
    {"https://[64:ff9b::10.0.0.1]/", CGF_URL_PRIVATE_HOST,
     "private: NAT64 10/8"},
    {"https://[64:ff9b:1::a00:1]/", CGF_URL_PRIVATE_HOST,
     "private: local NAT64 10/8"},
    {"https://[64:ff9b:1::808:808]/", CGF_URL_PRIVATE_HOST,
     "private: local NAT64 with public last 32 bits"},
    {"https://[64:ff9b:1:808:8:800::]/", CGF_URL_PRIVATE_HOST,
     "private: local NAT64 with 8.8.8.8 at the /48 offset"},
    {"https://[64:ff9b:1:ffff:ffff:ffff:ffff:ffff]/", CGF_URL_PRIVATE_HOST,
     "private: top of local NAT64"},
    {"https://[64:ff9b:0:0:1::808:808]/", CGF_URL_PRIVATE_HOST,
     "private: 64:ff9b:: outside the /96"},
    {"https://[64:ff9b::169.254.169.254]/", CGF_URL_PRIVATE_HOST,
     "private: NAT64 metadata"},
    {"https://[::ffff:0:808:808]/", CGF_URL_PRIVATE_HOST,
     "private: IPv4-translated ::ffff:0:0:0/96 is not mapped"},
    {"https://[::10.0.0.1]/", CGF_URL_PRIVATE_HOST, "private: compatible 10/8"},
    {"https://[2002:a00:1::808:808]/", CGF_URL_PRIVATE_HOST,
     "private: 6to4 judged by bytes 2..5, not the last 32 bits"},
    {"https://[2002:ac10:1::]/", CGF_URL_PRIVATE_HOST,
     "private: 6to4 of 172.16/12"},
    {"https://[100::1]/", CGF_URL_PRIVATE_HOST, "private: discard 100::/64"},
    {"https://[2001::1]/", CGF_URL_PRIVATE_HOST, "private: Teredo"},
    {"https://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/", CGF_URL_PRIVATE_HOST,
     "private: Teredo with public server"},
    {"https://[2001:db8::1]/", CGF_URL_PRIVATE_HOST,
     "private: documentation 2001:db8::/32"},
    {"https://[2001:10::1]/", CGF_URL_PRIVATE_HOST,
     "private: ORCHID 2001:10::/28"},
    {"https://[2001:20::1]/", CGF_URL_PRIVATE_HOST,
     "private: ORCHIDv2 2001:20::/28"},
    {"https://[2001:1ff:ffff::1]/", CGF_URL_PRIVATE_HOST,
     "private: top of 2001::/23"},
    {"https://[2002:7f00:1::1]/", CGF_URL_PRIVATE_HOST,
     "private: 6to4 of loopback"},
    {"https://[2002:c0a8:101::1]/", CGF_URL_PRIVATE_HOST,
     "private: 6to4 of 192.168/16"},
    {"https://[3fff::1]/", CGF_URL_PRIVATE_HOST,
     "private: documentation 3fff::/20"},
    {"https://[fc00::1]/", CGF_URL_PRIVATE_HOST, "private: ULA fc00::/7"},
    {"https://[fd12:3456::1]/", CGF_URL_PRIVATE_HOST, "private: ULA fd"},
    {"https://[fe80::1]/", CGF_URL_PRIVATE_HOST, "private: link-local"},
    {"https://[febf::1]/", CGF_URL_PRIVATE_HOST, "private: top of fe80::/10"},
    {"https://[fec0::1]/", CGF_URL_PRIVATE_HOST, "private: site-local"},
    {"https://[ff02::1]/", CGF_URL_PRIVATE_HOST, "private: multicast"},
    {"https://[4000::1]/", CGF_URL_PRIVATE_HOST, "private: outside 2000::/3"},
    {"https://[2606:4700:4700::1111]/", CGF_URL_OK, "public: Cloudflare v6"},
    {"https://[2a00:1450:4001::1]/", CGF_URL_OK, "public: global unicast"},
    {"https://[2001:200::1]/", CGF_URL_OK, "public: just above 2001::/23"},
    {"https://[::ffff:8.8.8.8]/", CGF_URL_OK, "public: mapped 8.8.8.8"},
    {"https://[64:ff9b::8.8.8.8]/", CGF_URL_OK, "public: NAT64 8.8.8.8"},
    {"https://[2002:0808:0808::1]/", CGF_URL_OK, "public: 6to4 8.8.8.8"},
    {"https://[2002:808:808::7f00:1]/", CGF_URL_OK,
     "public: 6to4 8.8.8.8 with loopback-like low bits"},
    {"https://[::ffff:0808:0808]/", CGF_URL_OK, "public: mapped 8.8.8.8, hex"},
    {"https://[::8.8.8.8]/", CGF_URL_OK, "public: compatible 8.8.8.8"},
    {"https://[64:ff9b::808:808]/", CGF_URL_OK, "public: NAT64 8.8.8.8, hex"},
    {"https://[2606:4700:4700::1111]:8443/", CGF_URL_OK,
     "public: IPv6 with port"},
    {"https://[fe80::1%25eth0]/", CGF_URL_INVALID, "ipv6: zone id"},
    {"https://[fe80::1%eth0]/", CGF_URL_INVALID, "ipv6: raw zone id"},
    {"https://[1.2.3.4]/", CGF_URL_INVALID, "ipv6: IPv4 in brackets"},
    {"https://[]/", CGF_URL_INVALID, "ipv6: empty brackets"},
    {"https://[::1/", CGF_URL_INVALID, "ipv6: unclosed bracket"},
    {"https://[::1]x/", CGF_URL_INVALID, "ipv6: junk after bracket"},
    {"https://[::1]:/", CGF_URL_INVALID, "ipv6: empty port"},
    {"https://[::1.]/", CGF_URL_INVALID, "ipv6: trailing dot"},
    {"https://[:::1]/", CGF_URL_INVALID, "ipv6: three colons"},
    {"https://[1:2:3:4:5:6:7:8:9]/", CGF_URL_INVALID, "ipv6: nine groups"},
    {"https://[12345::1]/", CGF_URL_INVALID, "ipv6: five hex digits"},
    {"https://[v1.x]/", CGF_URL_INVALID, "ipv6: IPvFuture"},
    {"https://::1/", CGF_URL_INVALID, "ipv6: without brackets"},
};

static const case_t localhost_cases[] = {
    {"https://localhost/", CGF_URL_PRIVATE_HOST, "private: localhost"},
    {"https://LOCALHOST/", CGF_URL_PRIVATE_HOST,
     "private: upper case localhost"},
    {"https://localhost./", CGF_URL_PRIVATE_HOST,
     "private: localhost with trailing dot"},
    {"https://localhost:8443/", CGF_URL_PRIVATE_HOST,
     "private: localhost with port"},
    {"https://foo.localhost/", CGF_URL_PRIVATE_HOST,
     "private: name under .localhost"},
    {"https://a.b.LocalHost./", CGF_URL_PRIVATE_HOST,
     "private: deep name under .localhost"},
    {"https://localhost.example.com/", CGF_URL_OK,
     "public: localhost as first label"},
    {"https://mylocalhost/", CGF_URL_OK, "public: name ending in localhost"},
};

static const case_t mp3_cases[] = {
    {"https://example.com/a.mp3", CGF_URL_OK, "mp3: .mp3"},
    {"https://example.com/A.MP3", CGF_URL_OK, "mp3: .MP3"},
    {"https://example.com/a.Mp3", CGF_URL_OK, "mp3: .Mp3"},
    {"https://example.com/d/a.mp3?sig=1", CGF_URL_OK, "mp3: with query"},
    {"https://example.com/a.mp3?", CGF_URL_OK, "mp3: empty query"},
    {"https://example.com/a?f=b.mp3", CGF_URL_NOT_MP3, "mp3: only in query"},
    {"https://example.com/a%2Emp3", CGF_URL_NOT_MP3,
     "mp3: percent-encoded dot"},
    {"https://example.com/a", CGF_URL_NOT_MP3, "mp3: no extension"},
    {"https://example.com/a.wav", CGF_URL_NOT_MP3, "mp3: .wav"},
    {"https://example.com/a.mp3/", CGF_URL_NOT_MP3, "mp3: trailing slash"},
    {"https://example.com/a.mp3x", CGF_URL_NOT_MP3, "mp3: .mp3x"},
    {"https://example.com/a.mp", CGF_URL_NOT_MP3, "mp3: .mp"},
    {"https://example.com", CGF_URL_NOT_MP3, "mp3: no path"},
    {"https://example.com/", CGF_URL_NOT_MP3, "mp3: root path"},
    {"https://example.com?a.mp3", CGF_URL_NOT_MP3, "mp3: query without path"},
    {"https://127.0.0.1/a.wav", CGF_URL_PRIVATE_HOST,
     "mp3: private host is reported first"},
    {"https://example.com/a.mp3#t=1", CGF_URL_FRAGMENT,
     "mp3: fragment is reported first"},
};

static const norm_t norms[] = {
    {"https://Example.COM:443", "https://example.com",
     "normalise: empty path, default port"},
    {"HTTPS://EXAMPLE.COM/Path/A.MP3?Q=A", "https://example.com/Path/A.MP3?Q=A",
     "normalise: path and query case kept"},
    {"https://example.com.:8443/a", "https://example.com:8443/a",
     "normalise: trailing dot dropped, port kept"},
    {"https://example.com:0443/a", "https://example.com/a",
     "normalise: port by value"},
    {"https://example.com:80/a", "https://example.com:80/a",
     "normalise: port 80 kept for https"},
    {"https://example.com?q", "https://example.com?q",
     "normalise: query without path"},
    {"https://example.com/a/../b/%2e%2E/c//d",
     "https://example.com/a/../b/"
     "%2e%2E/c//d",
     "normalise: dot segments and escapes as written"},
    {"https://bucket.s3.amazonaws.com/k/a.mp3?X-Amz-Signature=abc%2Fdef"
     "&X-Amz-Expires=3600",
     "https://bucket.s3.amazonaws.com/k/a.mp3?X-Amz-Signature=abc%2Fdef"
     "&X-Amz-Expires=3600",
     "normalise: presigned query byte for byte"},
    {"https://0x5db8d822/a", "https://93.184.216.34/a",
     "normalise: hex IPv4 as dotted quad"},
    {"https://1572395042/a", "https://93.184.216.34/a",
     "normalise: decimal IPv4 as dotted quad"},
    {"https://0135.0270.0330.042/a", "https://93.184.216.34/a",
     "normalise: octal IPv4 as dotted quad"},
    {"https://93.184.216.34./", "https://93.184.216.34/",
     "normalise: IPv4 trailing dot dropped"},
    {"https://[2606:4700:4700::ABCD]:443/x", "https://[2606:4700:4700::abcd]/x",
     "normalise: IPv6 lower case, brackets kept"},
    {"https://[2606:4700:4700::1111]:8443",
     "https://[2606:4700:4700::1111]:8443", "normalise: IPv6 with port"},
    {"https://[2606:4700:4700:0:0:0:0:1111]/h",
     "https://[2606:4700:4700::1111]/h", "normalise: IPv6 zeros compressed"},
    {"https://[2606:4700:4700:0000:0000:0000:0000:1111]/h",
     "https://[2606:4700:4700::1111]/h",
     "normalise: IPv6 zero groups with leading zeros"},
    {"https://[2606:4700:4700:0::1111]/h", "https://[2606:4700:4700::1111]/h",
     "normalise: IPv6 part-compressed"},
    {"https://[2606:4700:4700:0:0:0:0:1111]:443/h",
     "https://[2606:4700:4700::1111]/h",
     "normalise: IPv6 compressed, default port dropped"},
    {"https://[2A00:1450:0:0:1:0:0:1]/", "https://[2a00:1450::1:0:0:1]/",
     "normalise: IPv6 first of two equal zero runs"},
    {"https://[2a00:1450:0:1:0:0:0:1]/", "https://[2a00:1450:0:1::1]/",
     "normalise: IPv6 longest zero run"},
    {"https://[2a00:1450:4001::1:2:3:4]/",
     "https://[2a00:1450:4001:0:1:2:3:4]/",
     "normalise: IPv6 one zero group is not compressed"},
    {"https://[2a00:0450:0001::0001]/", "https://[2a00:450:1::1]/",
     "normalise: IPv6 leading zeros dropped"},
    {"https://[::FFFF:808:808]/", "https://[::ffff:8.8.8.8]/",
     "normalise: mapped IPv4 written dotted"},
    {"https://[0:0:0:0:0:ffff:8.8.8.8]:443/", "https://[::ffff:8.8.8.8]/",
     "normalise: long mapped IPv4"},
    {"https://[64:ff9b::8.8.8.8]/", "https://[64:ff9b::808:808]/",
     "normalise: NAT64 written in hex"},
    {"https://[2002:0808:0808:0::1]/", "https://[2002:808:808::1]/",
     "normalise: 6to4 compressed"},
    {"https://example.com/x@y?to=a@b", "https://example.com/x@y?to=a@b",
     "normalise: @ in path and query kept"},
};

static const norm_t http_norms[] = {
    {"http://Example.com:80/a", "http://example.com/a",
     "normalise: http default port"},
    {"HTTP://example.com:443/a", "http://example.com:443/a",
     "normalise: port 443 kept for http"},
    {"https://example.com:443/a", "https://example.com/a",
     "normalise: https still allowed with http"},
};

/* the error types of the contract */
static void test_verdict_types(void)
{
    is_str(cgf_url_verdict_type(CGF_URL_OK), NULL, "type: ok is NULL");
    is_str(cgf_url_verdict_type(CGF_URL_INVALID), "invalid_url",
           "type: invalid_url");
    is_str(cgf_url_verdict_type(CGF_URL_TOO_LONG), "too_long",
           "type: too_long");
    is_str(cgf_url_verdict_type(CGF_URL_SCHEME), "url_scheme",
           "type: url_scheme");
    is_str(cgf_url_verdict_type(CGF_URL_USERINFO), "url_userinfo",
           "type: url_userinfo");
    is_str(cgf_url_verdict_type(CGF_URL_FRAGMENT), "url_fragment",
           "type: url_fragment");
    is_str(cgf_url_verdict_type(CGF_URL_PRIVATE_HOST), "url_private_host",
           "type: url_private_host");
    is_str(cgf_url_verdict_type(CGF_URL_NOT_MP3), "url_not_mp3",
           "type: url_not_mp3");
}

/* "https://example.com/" padded with a path to n bytes */
static char *url_of_length(const char *prefix, apr_size_t n)
{
    char *s = apr_palloc(pool, n + 1);
    apr_size_t k = strlen(prefix);

    memcpy(s, prefix, k);
    memset(s + k, 'a', n - k);
    s[n] = '\0';
    return s;
}

/* the length limit and the length argument */
static void test_length(void)
{
    cgf_url_t out;
    char *s = url_of_length("https://example.com/", CGF_URL_MAX_LEN);
    static const char nul[] = "https://example.com/a\0b.mp3";

    is_int(check(s, &https_only, &out), CGF_URL_OK, "length: 2048 bytes ok");
    is_int(strlen(out.normalised), CGF_URL_MAX_LEN,
           "length: 2048 bytes normalised in full");
    s = url_of_length("https://example.com/", CGF_URL_MAX_LEN + 1);
    is_int(check(s, &https_only, &out), CGF_URL_TOO_LONG,
           "length: 2049 bytes too long");
    s[30] = ' ';
    is_int(check(s, &https_only, &out), CGF_URL_TOO_LONG,
           "length: checked before characters");
    s = url_of_length("https://1572395042/", CGF_URL_MAX_LEN);
    is_int(check(s, &https_only, &out), CGF_URL_TOO_LONG,
           "length: dotted quad spelling pushes it over");

    is_int(cgf_url_check(pool, nul, sizeof(nul) - 1, &https_only, &out),
           CGF_URL_INVALID, "length: NUL inside the buffer");
    is_int(
        cgf_url_check(pool, "https://example.com/a.mp3junk", 25, &audio, &out),
        CGF_URL_OK, "length: only len bytes are read");
    is_str(out.normalised, "https://example.com/a.mp3",
           "length: normalised stops at len");
    is_int(cgf_url_check(pool, "https:", 5, &https_only, &out), CGF_URL_SCHEME,
           "length: scheme colon beyond len");
    is_int(cgf_url_check(pool, NULL, 0, &https_only, &out), CGF_URL_INVALID,
           "length: NULL URL");
}

/* "https://" and a host of labels of the given lengths, then "/" */
static const char *url_of_labels(const int *len, int n, const char *end)
{
    char *s = apr_pstrdup(pool, "https://");
    int i;

    for (i = 0; i < n; i++) {
        char *label = apr_palloc(pool, len[i] + 1);

        memset(label, 'a' + i % 26, len[i]);
        label[len[i]] = '\0';
        s = apr_pstrcat(pool, s, i ? "." : "", label, NULL);
    }
    return apr_pstrcat(pool, s, end, NULL);
}

/* the DNS limits: labels of 1..63 bytes, names of at most 253 */
static void test_host_lengths(void)
{
    static const int l63[] = {63, 3}, l64[] = {64, 3};
    static const int n253[] = {63, 63, 63, 61}, n254[] = {63, 63, 63, 62};
    cgf_url_t out;

    is_int(check(url_of_labels(l63, 2, "/"), &https_only, &out), CGF_URL_OK,
           "host: label of 63 bytes");
    is_int(check(url_of_labels(l64, 2, "/"), &https_only, &out),
           CGF_URL_INVALID, "host: label of 64 bytes");
    is_int(check(url_of_labels(n253, 4, "/"), &https_only, &out), CGF_URL_OK,
           "host: name of 253 bytes");
    is_int(check(url_of_labels(n253, 4, "./"), &https_only, &out), CGF_URL_OK,
           "host: name of 253 bytes and a trailing dot");
    is_int(strlen(out.host), 253, "host: trailing dot not counted");
    is_int(check(url_of_labels(n254, 4, "/"), &https_only, &out),
           CGF_URL_INVALID, "host: name of 254 bytes");
}

/* the fields of a good result and the message of a bad one */
static void test_fields(void)
{
    cgf_url_t out;

    check("HTTPS://Example.COM./a.mp3", &https_only, &out);
    is_str(out.scheme, "https", "fields: scheme lower case");
    is_str(out.host, "example.com", "fields: host normalised");
    is_int(out.port, 443, "fields: effective default port");
    ok(out.msg == NULL, "fields: no message when ok");

    check("https://[2606:4700:4700::ABCD]:8443/", &https_only, &out);
    is_str(out.host, "2606:4700:4700::abcd", "fields: IPv6 without brackets");
    check("https://[2606:4700:4700:0:0:0:0:ABCD]:8443/", &https_only, &out);
    is_str(out.host, "2606:4700:4700::abcd", "fields: IPv6 host canonical");
    is_int(out.port, 8443, "fields: explicit port");

    check("http://example.com/", &with_http, &out);
    is_str(out.scheme, "http", "fields: http scheme");
    is_int(out.port, 80, "fields: http default port");

    check("https://0x7f.1/", &https_only, &out);
    ok(out.msg && out.msg[strlen(out.msg) - 1] == '.',
       "fields: fault message is a sentence");
    ok(out.normalised == NULL, "fields: no normalised URL on a fault");
    is_int(check("https://ok.example/", NULL, &out), CGF_URL_OK,
           "fields: NULL policy means https only");
    is_int(check("http://ok.example/", NULL, &out), CGF_URL_SCHEME,
           "fields: NULL policy refuses http");
}

/* a list with an error sentence on every bad entry */
static void test_netlist_errors(void)
{
    static const char *const bad[] = {
        "10.0.0.0/33",
        "10.0.0.0/",
        "10.0.0.0/x",
        "10.0.0.0/-1",
        "::1/129",
        "10.0.0.1/8",
        "fd00::1/8",
        "300.0.0.0/8",
        "10/8",
        "010.0.0.1",
        "127.1",
        "[::1",
        "[]",
        "",
        "bad_name!",
        "1.2.3.4.5",
        ".",
        "fe80::1%eth0",
        "a..b",
        "10.0.0.0/8/8",
        "[::1]x",
        "example.123",
        "10.0.0.0/1000",
        "-bad.example",
        "bad-.example",
        ".-corp.example",
    };
    cgf_netlist_t *list = NULL;
    const char *err;
    apr_size_t i;

    for (i = 0; i < COUNT(bad); i++) {
        err = NULL;
        is_int(cgf_netlist_add(pool, &list, bad[i], &err), APR_EINVAL,
               "netlist: refuses '%s'", bad[i]);
        ok(err && err[strlen(err) - 1] == '.', "netlist: sentence for '%s'",
           bad[i]);
    }
    ok(list == NULL, "netlist: bad entries leave the list empty");
    is_int(cgf_netlist_add(pool, &list, NULL, &err), APR_EINVAL,
           "netlist: refuses NULL");
}

/* the list the match tests use */
static cgf_netlist_t *good_list(void)
{
    static const char *const good[] = {
        "127.0.0.1",       "10.0.0.0/8",    "::1",
        "fd00::/8",        "[2001:db8::1]", "[fe80::]/64",
        "Intranet.Local.", ".corp.example", "dev.localhost",
        "0.0.0.0/32",
    };
    cgf_netlist_t *list = NULL;
    const char *err;
    apr_size_t i;

    for (i = 0; i < COUNT(good); i++) {
        is_int(cgf_netlist_add(pool, &list, good[i], &err), APR_SUCCESS,
               "netlist: accepts '%s'", good[i]);
    }
    return list;
}

/* host and address matching against the list */
static void test_netlist_match(cgf_netlist_t *list)
{
    static const struct {
        const char *host;
        int want;
    } hosts[] = {
        {"127.0.0.1", 1},
        {"0x7f000001", 1},
        {"127.0.0.2", 0},
        {"10.255.0.1", 1},
        {"11.0.0.1", 0},
        {"::1", 1},
        {"[::1]", 1},
        {"::2", 0},
        {"fd12::1", 1},
        {"fc00::1", 0},
        {"2001:db8::1", 1},
        {"2001:db8::2", 0},
        {"fe80::abcd", 1},
        {"fe80:0:0:1::1", 0},
        {"::ffff:127.0.0.1", 1},
        {"::ffff:10.1.2.3", 1},
        {"intranet.local", 1},
        {"INTRANET.LOCAL.", 1},
        {"x.intranet.local", 0},
        {"corp.example", 1},
        {"a.b.corp.example", 1},
        {"xcorp.example", 0},
        {"dev.localhost", 1},
        {"localhost", 0},
        {"0.0.0.0", 1},
        {"", 0},
    };
    apr_size_t i;

    for (i = 0; i < COUNT(hosts); i++) {
        is_int(cgf_netlist_match_host(list, hosts[i].host), hosts[i].want,
               "netlist: host '%s' %s", hosts[i].host,
               hosts[i].want ? "matches" : "does not match");
    }
    is_int(cgf_netlist_match_host(NULL, "127.0.0.1"), 0,
           "netlist: empty list matches nothing");
}

/* the allow-list lifts the private-host rule, and only for its hosts */
static void test_allowed_urls(cgf_netlist_t *list)
{
    static const case_t cases[] = {
        {"https://127.0.0.1/", CGF_URL_OK, "allow: listed loopback"},
        {"https://0x7f000001/", CGF_URL_OK, "allow: listed loopback in hex"},
        {"https://127.1/", CGF_URL_OK, "allow: listed loopback short"},
        {"https://127.0.0.2/", CGF_URL_PRIVATE_HOST,
         "allow: unlisted loopback"},
        {"https://10.9.8.7/", CGF_URL_OK, "allow: listed network"},
        {"https://192.168.0.1/", CGF_URL_PRIVATE_HOST,
         "allow: unlisted network"},
        {"https://[::1]/", CGF_URL_OK, "allow: listed IPv6 loopback"},
        {"https://[fd12::1]/", CGF_URL_OK, "allow: listed ULA network"},
        {"https://[fe80::1]/", CGF_URL_OK, "allow: listed link-local /64"},
        {"https://[fe80:0:0:1::1]/", CGF_URL_PRIVATE_HOST,
         "allow: link-local outside the /64"},
        {"https://[::ffff:127.0.0.1]/", CGF_URL_OK,
         "allow: mapped address matches IPv4 entry"},
        {"https://[::ffff:127.0.0.2]/", CGF_URL_PRIVATE_HOST,
         "allow: mapped address not on the list"},
        {"https://dev.localhost/", CGF_URL_OK, "allow: listed localhost name"},
        {"https://localhost/", CGF_URL_PRIVATE_HOST,
         "allow: unlisted localhost"},
        {"https://intranet.local/a.mp3", CGF_URL_OK,
         "allow: listed intranet name"},
        {"https://8.8.8.8/", CGF_URL_OK, "allow: public still ok"},
        {"https://user@127.0.0.1/", CGF_URL_USERINFO,
         "allow: user-info still refused"},
    };

    allowing.allow = list;
    run_cases(cases, COUNT(cases), &allowing);
}

/* fill a sockaddr of the family from text */
static void make_sa(struct sockaddr_storage *ss, int family, const char *ip)
{
    memset(ss, 0, sizeof(*ss));
    ss->ss_family = family;
    if (family == AF_INET)
        inet_pton(AF_INET, ip, &((struct sockaddr_in *)ss)->sin_addr);
    else
        inet_pton(AF_INET6, ip, &((struct sockaddr_in6 *)ss)->sin6_addr);
}

/* the connect-time guard */
static void test_sockaddr(void)
{
    static const struct {
        int family;
        const char *ip;
        int want;
        const char *rule;
    } cases[] = {
        {AF_INET, "127.0.0.1", 1, "sockaddr: listed loopback"},
        {AF_INET, "127.0.0.2", 0, "sockaddr: 127.0.0.2 not listed"},
        {AF_INET, "8.8.8.8", 1, "sockaddr: public IPv4"},
        {AF_INET, "10.0.0.1", 0, "sockaddr: private IPv4"},
        {AF_INET, "169.254.169.254", 0, "sockaddr: metadata"},
        {AF_INET6, "::1", 0, "sockaddr: IPv6 loopback not listed"},
        {AF_INET6, "::ffff:127.0.0.1", 1, "sockaddr: mapped listed"},
        {AF_INET6, "::ffff:127.0.0.2", 0, "sockaddr: mapped not listed"},
        {AF_INET6, "2606:4700:4700::1111", 1, "sockaddr: public IPv6"},
        {AF_INET6, "fe80::1", 0, "sockaddr: link-local IPv6"},
        {AF_INET6, "64:ff9b:1::808:808", 0, "sockaddr: local-use NAT64"},
        {AF_INET6, "64:ff9b::808:808", 1, "sockaddr: NAT64 of public IPv4"},
        {AF_INET6, "64:ff9b::7f00:1", 0, "sockaddr: NAT64 of loopback"},
    };
    cgf_netlist_t *list = NULL;
    struct sockaddr_storage ss;
    struct sockaddr_un un;
    const char *err;
    apr_size_t i;

    cgf_netlist_add(pool, &list, "127.0.0.1", &err);
    for (i = 0; i < COUNT(cases); i++) {
        make_sa(&ss, cases[i].family, cases[i].ip);
        is_int(cgf_sockaddr_allowed(list, (struct sockaddr *)&ss),
               cases[i].want, "%s", cases[i].rule);
    }

    make_sa(&ss, AF_INET, "8.8.8.8");
    is_int(cgf_sockaddr_allowed(NULL, (struct sockaddr *)&ss), 1,
           "sockaddr: public with no list");
    make_sa(&ss, AF_INET, "127.0.0.1");
    is_int(cgf_sockaddr_allowed(NULL, (struct sockaddr *)&ss), 0,
           "sockaddr: loopback with no list");
    memset(&un, 0, sizeof(un));
    un.sun_family = AF_UNIX;
    is_int(cgf_sockaddr_allowed(list, (struct sockaddr *)&un), 0,
           "sockaddr: other family refused");
    is_int(cgf_sockaddr_allowed(list, NULL), 0, "sockaddr: NULL refused");
}

/* the parser and classifier on their own */
static void test_ip_api(void)
{
    unsigned char a[16];
    int family = 0;

    ok(cgf_ip_parse("0x7f.1", a, &family) && family == AF_INET && a[0] == 127 &&
           a[1] == 0 && a[2] == 0 && a[3] == 1,
       "ip_parse: 0x7f.1 is 127.0.0.1");
    ok(cgf_ip_parse("1.2.3", a, &family) && a[2] == 0 && a[3] == 3,
       "ip_parse: a.b.c puts c in the low 16 bits");
    ok(cgf_ip_parse("::ffff:1.2.3.4", a, &family) && family == AF_INET6 &&
           a[10] == 0xff && a[15] == 4,
       "ip_parse: mapped IPv6");
    ok(!cgf_ip_parse("example.com", a, &family), "ip_parse: name is no IP");
    ok(!cgf_ip_parse("", a, &family), "ip_parse: empty is no IP");
    ok(!cgf_ip_parse("1.2.3.4 ", a, &family), "ip_parse: trailing space");
    ok(!cgf_ip_parse("fe80::1%eth0", a, &family), "ip_parse: zone id");
    memset(a, 0, sizeof(a));
    is_int(cgf_ip_is_public(a, AF_UNIX), 0, "is_public: unknown family");
}

int main(void)
{
    cgf_netlist_t *list;

    apr_initialize();
    apr_pool_create(&pool, NULL);

    test_verdict_types();
    run_cases(text_cases, COUNT(text_cases), &https_only);
    test_length();
    run_cases(scheme_cases, COUNT(scheme_cases), &https_only);
    is_int(check("http://example.com/", &with_http, &(cgf_url_t){0}),
           CGF_URL_OK, "scheme: http when allowed");
    is_int(check("ftp://example.com/", &with_http, &(cgf_url_t){0}),
           CGF_URL_SCHEME, "scheme: ftp even when http allowed");
    run_cases(authority_cases, COUNT(authority_cases), &https_only);
    run_cases(userinfo_cases, COUNT(userinfo_cases), &https_only);
    run_cases(fragment_cases, COUNT(fragment_cases), &https_only);
    run_cases(port_cases, COUNT(port_cases), &https_only);
    run_cases(host_cases, COUNT(host_cases), &https_only);
    test_host_lengths();
    run_cases(ipv4_private, COUNT(ipv4_private), &https_only);
    run_cases(ipv4_public, COUNT(ipv4_public), &https_only);
    run_cases(ipv4_invalid, COUNT(ipv4_invalid), &https_only);
    run_cases(ipv6_cases, COUNT(ipv6_cases), &https_only);
    run_cases(localhost_cases, COUNT(localhost_cases), &https_only);
    run_cases(mp3_cases, COUNT(mp3_cases), &audio);
    run_norms(norms, COUNT(norms), &https_only);
    run_norms(http_norms, COUNT(http_norms), &with_http);
    test_fields();
    test_netlist_errors();
    list = good_list();
    test_netlist_match(list);
    test_allowed_urls(list);
    test_sockaddr();
    test_ip_api();

    apr_pool_destroy(pool);
    apr_terminate();
    return done_testing();
}
