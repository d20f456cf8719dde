/* Webhook secrets sealed with AES-256-GCM under a versioned key file,
 * SHA-256 of tokens and random ids, all through OpenSSL 3's EVP API.
 * httpd-free. */
#include <limits.h>
#include <string.h>

#include <apr_file_info.h>
#include <apr_file_io.h>
#include <apr_lib.h>
#include <apr_strings.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include "cgf_crypto.h"

#define KEY_LEN     32
#define KEY_HEX_LEN (2 * KEY_LEN)
#define NONCE_LEN   12
#define TAG_LEN     16
#define VERSION_MAX 255
#define KEYFILE_MAX (64 * 1024)
#define SEAL_MAX    ((apr_size_t)INT_MAX - NONCE_LEN - TAG_LEN)
#define LOOSE_PERMS (APR_GREAD | APR_GWRITE | APR_WREAD | APR_WWRITE)

/* bound into every seal, so that a blob made for another purpose under
 * the same key never opens here; its NUL is part of it */
static const char seal_context[] = "mod_cgf webhook secret";

static const char b64url_alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/* a fixed table indexed by version keeps lookups trivial; the whole
 * struct is wiped when its pool goes */
struct cgf_keyring_t {
    unsigned char key[VERSION_MAX + 1][KEY_LEN];
    unsigned char have[VERSION_MAX + 1];
    int current;
    int loose;
};

/* lower-case hex of in[0..n) into out[0..2n], NUL-terminated */
static void hex_encode(const unsigned char *in, apr_size_t n, char *out)
{
    static const char digits[] = "0123456789abcdef";
    apr_size_t i;

    for (i = 0; i < n; i++) {
        out[2 * i] = digits[in[i] >> 4];
        out[2 * i + 1] = digits[in[i] & 0x0f];
    }
    out[2 * n] = '\0';
}

/* the value of one hex digit, or -1 */
static int hex_value(int c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

/* the value of one base64url character, or -1 */
static int b64url_value(int c)
{
    const char *at;

    if (c == '\0') {
        return -1;
    }
    at = strchr(b64url_alphabet, c);
    return at ? (int)(at - b64url_alphabet) : -1;
}

/* unpadded base64url text of in[0..n) in pool memory */
static char *b64url_encode(apr_pool_t *p, const unsigned char *in, apr_size_t n)
{
    char *out = apr_palloc(p, (n + 2) / 3 * 4 + 1);
    char *o = out;
    unsigned long acc = 0;
    int bits = 0;
    apr_size_t i;

    for (i = 0; i < n; i++) {
        acc = (acc << 8) | in[i];
        bits += 8;
        while (bits >= 6) {
            bits -= 6;
            *o++ = b64url_alphabet[(acc >> bits) & 0x3f];
        }
        acc &= (1UL << bits) - 1;
    }

    if (bits) {
        *o++ = b64url_alphabet[(acc << (6 - bits)) & 0x3f];
    }
    *o = '\0';
    return out;
}

/* decode unpadded base64url strictly: NULL for a character outside the
 * alphabet, an impossible length or non-zero unused low bits, so that
 * each blob has exactly one spelling */
static unsigned char *b64url_decode(apr_pool_t *p, const char *s,
                                    apr_size_t *outlen)
{
    apr_size_t n = strlen(s), i, o = 0;
    unsigned long acc = 0;
    unsigned char *out;
    int bits = 0;

    if (n % 4 == 1) {
        return NULL;
    }

    out = apr_palloc(p, n / 4 * 3 + 3);
    for (i = 0; i < n; i++) {
        int v = b64url_value((unsigned char)s[i]);

        if (v < 0) {
            return NULL;
        }
        acc = (acc << 6) | (unsigned long)v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out[o++] = (unsigned char)(acc >> bits);
        }
        acc &= (1UL << bits) - 1;
    }

    if (acc != 0) {
        return NULL;
    }
    *outlen = o;
    return out;
}

/* pool cleanup: wipe the keys before the pool's memory is reused */
static apr_status_t keyring_cleanse(void *data)
{
    OPENSSL_cleanse(data, sizeof(cgf_keyring_t));
    return APR_SUCCESS;
}

/* store the key of "<version>:<hex>" in s[0..n) into kr; NULL or the
 * problem as the end of a sentence, which never quotes the line */
static const char *parse_key_line(apr_pool_t *p, cgf_keyring_t *kr,
                                  const char *s, apr_size_t n)
{
    apr_size_t i = 0, j;
    int version = 0;

    while (i < n && apr_isdigit(s[i])) {
        version = i < 3 ? version * 10 + (s[i] - '0') : version;
        i++;
    }
    if (i == 0 || i == n || s[i] != ':') {
        return "is not \"<version>:<64 hex digits>\"";
    }
    if (i > 3 || version < 1 || version > VERSION_MAX) {
        return "has a version outside 1 to 255";
    }

    for (j = i + 1; j < n; j++) {
        if (hex_value((unsigned char)s[j]) < 0) {
            return "has a key that is not hexadecimal";
        }
    }
    if (n - i - 1 != KEY_HEX_LEN) {
        return apr_psprintf(
            p, "has a key of %" APR_SIZE_T_FMT " hex digits, not 64",
            n - i - 1);
    }
    if (kr->have[version]) {
        return apr_psprintf(p, "repeats key version %d", version);
    }

    for (j = 0; j < KEY_LEN; j++) {
        kr->key[version][j] =
            (unsigned char)(hex_value((unsigned char)s[i + 1 + 2 * j]) << 4 |
                            hex_value((unsigned char)s[i + 2 + 2 * j]));
    }
    kr->have[version] = 1;
    kr->current = version > kr->current ? version : kr->current;
    return NULL;
}

/* one line of the key file without its '\n': trim blanks and a CR, skip
 * comments and blank lines, parse the rest */
static const char *parse_line(apr_pool_t *p, cgf_keyring_t *kr, const char *s,
                              apr_size_t n)
{
    while (n > 0 && (s[n - 1] == '\r' || s[n - 1] == ' ' || s[n - 1] == '\t')) {
        n--;
    }
    while (n > 0 && (s[0] == ' ' || s[0] == '\t')) {
        s++;
        n--;
    }

    if (n == 0 || s[0] == '#') {
        return NULL;
    }
    return parse_key_line(p, kr, s, n);
}

/* parse the key file's text into kr; NULL or a sentence for *err */
static const char *parse_key_file(apr_pool_t *p, cgf_keyring_t *kr,
                                  const char *path, const char *buf,
                                  apr_size_t len)
{
    apr_size_t start = 0, end;
    const char *problem;
    int line = 0;

    while (start < len) {
        for (end = start; end < len && buf[end] != '\n'; end++) {
        }
        line++;
        problem = parse_line(p, kr, buf + start, end - start);
        if (problem) {
            return apr_psprintf(p, "Line %d of the key file %s %s.", line, path,
                                problem);
        }
        start = end + 1;
    }

    if (kr->current == 0) {
        return apr_psprintf(p, "The key file %s holds no keys.", path);
    }
    return NULL;
}

/* "Cannot <verb> the key file <path>: <reason>." */
static const char *io_error(apr_pool_t *p, const char *verb, const char *path,
                            apr_status_t rv)
{
    char reason[128];

    apr_strerror(rv, reason, sizeof(reason));
    return apr_psprintf(p, "Cannot %s the key file %s: %s.", verb, path,
                        reason);
}

/* read a regular file of at most KEYFILE_MAX bytes into scratch memory
 * (unbuffered, so APR keeps no copy) and note loose permissions */
static apr_status_t read_key_file(apr_pool_t *p, apr_pool_t *scratch,
                                  const char *path, char **buf, apr_size_t *len,
                                  int *loose, const char **err)
{
    apr_finfo_t fi;
    apr_file_t *f;
    apr_status_t rv;

    rv = apr_file_open(&f, path, APR_FOPEN_READ | APR_FOPEN_BINARY,
                       APR_FPROT_OS_DEFAULT, scratch);
    if (rv != APR_SUCCESS) {
        *err = io_error(p, "open", path, rv);
        return rv;
    }

    rv = apr_file_info_get(&fi,
                           APR_FINFO_TYPE | APR_FINFO_SIZE | APR_FINFO_PROT, f);
    if (rv != APR_SUCCESS || fi.filetype != APR_REG || fi.size > KEYFILE_MAX) {
        *err = apr_psprintf(p,
                            "The key file %s is not a regular file of "
                            "at most 64 KiB.",
                            path);
        apr_file_close(f);
        return rv != APR_SUCCESS ? rv : APR_EINVAL;
    }

    *buf = apr_palloc(scratch, (apr_size_t)fi.size + 1);
    rv = apr_file_read_full(f, *buf, (apr_size_t)fi.size, len);
    apr_file_close(f);
    if (rv != APR_SUCCESS && rv != APR_EOF) {
        *err = io_error(p, "read", path, rv);
        return rv;
    }

    *loose = (fi.protection & LOOSE_PERMS) != 0;
    return APR_SUCCESS;
}

/* load the key file; the file's text lives in a scratch pool that is
 * wiped and destroyed before returning */
apr_status_t cgf_keyring_load(apr_pool_t *p, const char *path,
                              cgf_keyring_t **out, const char **err)
{
    const char *problem = NULL;
    apr_pool_t *scratch;
    cgf_keyring_t *kr;
    apr_size_t len = 0;
    char *buf = NULL;
    apr_status_t rv;

    *out = NULL;
    *err = NULL;
    kr = apr_pcalloc(p, sizeof(*kr));
    apr_pool_cleanup_register(p, kr, keyring_cleanse, apr_pool_cleanup_null);

    rv = apr_pool_create(&scratch, p);
    if (rv != APR_SUCCESS) {
        *err = "Cannot allocate memory to read the key file.";
        return rv;
    }

    rv = read_key_file(p, scratch, path, &buf, &len, &kr->loose, err);
    if (rv == APR_SUCCESS) {
        problem = parse_key_file(p, kr, path, buf, len);
        OPENSSL_cleanse(buf, len);
    }
    apr_pool_destroy(scratch);

    if (rv != APR_SUCCESS || problem) {
        OPENSSL_cleanse(kr, sizeof(*kr));
        *err = problem ? problem : *err;
        return rv != APR_SUCCESS ? rv : APR_EINVAL;
    }
    *out = kr;
    return APR_SUCCESS;
}

int cgf_keyring_current(const cgf_keyring_t *kr)
{
    return kr->current;
}

int cgf_keyring_loose_mode(const cgf_keyring_t *kr)
{
    return kr->loose;
}

/* feed len bytes of associated data; GCM takes them in pieces */
static int gcm_aad(EVP_CIPHER_CTX *ctx, const void *data, size_t len)
{
    int n;

    if (len == 0) {
        return 1;
    }
    if (len > INT_MAX) {
        return 0;
    }
    return EVP_CipherUpdate(ctx, NULL, &n, data, (int)len) == 1;
}

/* start AES-256-GCM with a 12-byte nonce and the associated data: the
 * context string, the version byte, the caller's aad; the first two
 * have fixed lengths, so the split is unambiguous */
static int gcm_start(EVP_CIPHER_CTX *ctx, int enc, const unsigned char *key,
                     const unsigned char *nonce, int version, const char *aad)
{
    const EVP_CIPHER *aes = EVP_aes_256_gcm();
    unsigned char v = (unsigned char)version;
    int good;

    /* the nonce length must be set before the key and nonce are given */
    good = EVP_CipherInit_ex(ctx, aes, NULL, NULL, NULL, enc) == 1;
    good = good && EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_IVLEN, NONCE_LEN,
                                       NULL) == 1;
    good = good && EVP_CipherInit_ex(ctx, NULL, NULL, key, nonce, enc) == 1;
    if (!good) {
        return 0;
    }

    return gcm_aad(ctx, seal_context, sizeof(seal_context)) &&
           gcm_aad(ctx, &v, 1) && gcm_aad(ctx, aad, strlen(aad));
}

/* en- or decrypt in[0..len) into out; GCM is a stream mode, so all of
 * it comes out at once */
static int gcm_update(EVP_CIPHER_CTX *ctx, unsigned char *out,
                      const unsigned char *in, apr_size_t len)
{
    int n = 0;

    if (len == 0) {
        return 1;
    }
    return EVP_CipherUpdate(ctx, out, &n, in, (int)len) == 1 &&
           (apr_size_t)n == len;
}

/* finish; when decrypting this is where the tag is checked */
static int gcm_final(EVP_CIPHER_CTX *ctx, unsigned char *out)
{
    int n = 0;

    return EVP_CipherFinal_ex(ctx, out, &n) == 1 && n == 0;
}

/* encrypt plain[0..len) into blob (nonce already there), appending the
 * tag; a context of its own per call keeps threads apart */
static int gcm_seal(const unsigned char *key, int version, const char *aad,
                    const char *plain, apr_size_t len, unsigned char *blob)
{
    unsigned char *ct = blob + NONCE_LEN;
    EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
    int good;

    if (!ctx) {
        return 0;
    }

    good =
        gcm_start(ctx, 1, key, blob, version, aad) &&
        gcm_update(ctx, ct, (const unsigned char *)plain, len) &&
        gcm_final(ctx, ct + len) &&
        EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, TAG_LEN, ct + len) == 1;
    EVP_CIPHER_CTX_free(ctx);
    return good;
}

/* seal under the current key: "v<version>.<base64url(nonce|ct|tag)>" */
apr_status_t cgf_secret_seal(apr_pool_t *p, const cgf_keyring_t *kr,
                             const char *plain, apr_size_t len, const char *aad,
                             const char **sealed)
{
    apr_size_t blen = NONCE_LEN + len + TAG_LEN;
    unsigned char *blob;

    *sealed = NULL;
    if (!kr || kr->current == 0 || !aad || (!plain && len) || len > SEAL_MAX) {
        return APR_EINVAL;
    }

    blob = apr_palloc(p, blen);
    if (RAND_bytes(blob, NONCE_LEN) != 1) {
        return APR_EGENERAL;
    }

    if (!gcm_seal(kr->key[kr->current], kr->current, aad, plain, len, blob)) {
        return APR_EGENERAL;
    }
    *sealed =
        apr_psprintf(p, "v%d.%s", kr->current, b64url_encode(p, blob, blen));
    return APR_SUCCESS;
}

/* the version of "v<1..255>.", written without leading zeros, or 0;
 * *rest (if rest is set) points after the dot */
static int parse_version(const char *sealed, const char **rest)
{
    int version = 0, i;

    if (!sealed || sealed[0] != 'v' || sealed[1] < '1' || sealed[1] > '9') {
        return 0;
    }

    for (i = 1; i <= 3 && apr_isdigit(sealed[i]); i++) {
        version = version * 10 + (sealed[i] - '0');
    }
    if (sealed[i] != '.' || version > VERSION_MAX) {
        return 0;
    }

    if (rest) {
        *rest = sealed + i + 1;
    }
    return version;
}

int cgf_secret_version(const char *sealed)
{
    return parse_version(sealed, NULL);
}

/* decrypt blob (nonce, clen bytes of ciphertext, 16-byte tag) into out;
 * 1 only if the tag verifies, and out may hold unverified bytes on 0 */
static int gcm_open(const unsigned char *key, int version, const char *aad,
                    unsigned char *blob, apr_size_t clen, unsigned char *out)
{
    unsigned char *ct = blob + NONCE_LEN;
    EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
    int good;

    if (!ctx) {
        return 0;
    }

    good = gcm_start(ctx, 0, key, blob, version, aad) &&
           gcm_update(ctx, out, ct, clen) &&
           EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_TAG, TAG_LEN, ct + clen) ==
               1 &&
           gcm_final(ctx, out + clen);
    EVP_CIPHER_CTX_free(ctx);
    return good;
}

/* open a sealed secret, failing closed with nothing returned */
apr_status_t cgf_secret_open(apr_pool_t *p, const cgf_keyring_t *kr,
                             const char *sealed, const char *aad, char **plain,
                             apr_size_t *len)
{
    const char *body = NULL;
    unsigned char *blob, *out;
    apr_size_t blen = 0, clen;
    int version;

    *plain = NULL;
    *len = 0;
    version = parse_version(sealed, &body);
    if (!kr || !aad || version == 0 || !kr->have[version]) {
        return APR_EGENERAL;
    }

    blob = b64url_decode(p, body, &blen);
    if (!blob || blen < NONCE_LEN + TAG_LEN ||
        blen - NONCE_LEN - TAG_LEN > SEAL_MAX) {
        return APR_EGENERAL;
    }

    clen = blen - NONCE_LEN - TAG_LEN;
    out = apr_palloc(p, clen + 1);
    if (!gcm_open(kr->key[version], version, aad, blob, clen, out)) {
        OPENSSL_cleanse(out, clen + 1);
        return APR_EGENERAL;
    }

    out[clen] = '\0';
    *plain = (char *)out;
    *len = clen;
    return APR_SUCCESS;
}

/* hex SHA-256; on the (allocation) failure of the digest out is the
 * empty string, which matches no stored hash */
void cgf_sha256_hex(const void *data, apr_size_t len, char *out)
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int mdlen = 0;

    if (EVP_Digest(data, len, md, &mdlen, EVP_sha256(), NULL) != 1 ||
        mdlen != 32) {
        out[0] = '\0';
        return;
    }
    hex_encode(md, mdlen, out);
}

int cgf_token_well_formed(const char *tok)
{
    int i;

    if (!tok || strncmp(tok, "cgf_", 4) != 0) {
        return 0;
    }

    /* the NUL of a short token is not in the alphabet, so it stops */
    for (i = 4; i < 4 + 43; i++) {
        if (b64url_value((unsigned char)tok[i]) < 0) {
            return 0;
        }
    }
    return tok[4 + 43] == '\0';
}

/* random hex in chunks; the stack copy is wiped since it may become a
 * token */
apr_status_t cgf_random_hex(char *out, apr_size_t nbytes)
{
    unsigned char chunk[32];
    apr_size_t done = 0, n;

    out[0] = '\0';
    while (done < nbytes) {
        n = nbytes - done < sizeof(chunk) ? nbytes - done : sizeof(chunk);
        if (RAND_bytes(chunk, (int)n) != 1) {
            OPENSSL_cleanse(chunk, sizeof(chunk));
            out[0] = '\0';
            return APR_EGENERAL;
        }
        hex_encode(chunk, n, out + 2 * done);
        done += n;
    }

    OPENSSL_cleanse(chunk, sizeof(chunk));
    return APR_SUCCESS;
}

/* RFC 9562 version 4: 122 random bits, version 0100, variant 10 */
apr_status_t cgf_uuid4(char *out)
{
    unsigned char b[16];
    char hex[33];
    int i, o = 0;

    out[0] = '\0';
    if (RAND_bytes(b, sizeof(b)) != 1) {
        return APR_EGENERAL;
    }

    b[6] = (unsigned char)((b[6] & 0x0f) | 0x40);
    b[8] = (unsigned char)((b[8] & 0x3f) | 0x80);
    hex_encode(b, sizeof(b), hex);

    for (i = 0; i < 32; i++) {
        if (i == 8 || i == 12 || i == 16 || i == 20) {
            out[o++] = '-';
        }
        out[o++] = hex[i];
    }
    out[o] = '\0';
    return APR_SUCCESS;
}

const char *cgf_webhook_aad(apr_pool_t *p, const char *id, const char *owner)
{
    return apr_pstrcat(p, "webhook:", id, ":", owner, NULL);
}
