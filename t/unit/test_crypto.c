/* Unit tests of cgf_crypto: key files, sealing and opening of secrets,
 * hashing, token format and random ids. */
#define _POSIX_C_SOURCE 200809L

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <apr_general.h>
#include <apr_strings.h>

#include "cgf_crypto.h"
#include "tap.h"

#define KEY_A "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
#define KEY_B "a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebf"
#define KEY_C "F0E1D2C3B4A5968778695A4B3C2D1E0F00112233445566778899AABBCCDDEEFF"

#define AAD "webhook:42:alice"

static apr_pool_t *pool;
static char tmpdir[] = "/tmp/cgf-test-crypto-XXXXXX";
static const char *made[32];
static int nmade;

/* write a key file into the test directory with the given mode */
static const char *key_file(const char *name, const char *text, int mode)
{
    const char *path = apr_pstrcat(pool, tmpdir, "/", name, NULL);
    FILE *f = fopen(path, "wb");

    if (!f) {
        perror(path);
        exit(2);
    }
    fputs(text, f);
    fclose(f);
    chmod(path, (mode_t)mode);
    made[nmade++] = path;
    return path;
}

/* load a key file that must be good */
static cgf_keyring_t *ring(const char *name, const char *text)
{
    cgf_keyring_t *kr = NULL;
    const char *err = NULL;
    const char *path = key_file(name, text, 0600);

    if (cgf_keyring_load(pool, path, &kr, &err) != APR_SUCCESS) {
        printf("# cannot load %s: %s\n", name, err);
        exit(2);
    }
    return kr;
}

/* a base64url codec of the test's own, to tamper with decoded blobs */
static const char b64[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

static char *enc64(const unsigned char *in, size_t n)
{
    char *out = apr_palloc(pool, n * 4 / 3 + 4), *o = out;
    size_t i;

    for (i = 0; i + 2 < n; i += 3) {
        unsigned long v =
            (unsigned long)in[i] << 16 | in[i + 1] << 8 | in[i + 2];

        *o++ = b64[v >> 18 & 63];
        *o++ = b64[v >> 12 & 63];
        *o++ = b64[v >> 6 & 63];
        *o++ = b64[v & 63];
    }
    if (n - i == 1) {
        *o++ = b64[in[i] >> 2];
        *o++ = b64[(in[i] & 3) << 4];
    }
    else if (n - i == 2) {
        *o++ = b64[in[i] >> 2];
        *o++ = b64[((in[i] & 3) << 4) | in[i + 1] >> 4];
        *o++ = b64[(in[i + 1] & 15) << 2];
    }
    *o = '\0';
    return out;
}

static unsigned char *dec64(const char *s, size_t *n)
{
    size_t len = strlen(s), i;
    unsigned char *out = apr_palloc(pool, len);
    unsigned long acc = 0;
    int bits = 0;

    *n = 0;
    for (i = 0; i < len; i++) {
        acc = acc << 6 | (unsigned long)(strchr(b64, s[i]) - b64);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out[(*n)++] = (unsigned char)(acc >> bits);
        }
    }
    return out;
}

/* 1 if opening fails closed: an error and no plaintext */
static int open_fails(const cgf_keyring_t *kr, const char *sealed,
                      const char *aad)
{
    char *plain = (char *)"sentinel";
    apr_size_t len = 99;
    apr_status_t rv = cgf_secret_open(pool, kr, sealed, aad, &plain, &len);

    return rv == APR_EGENERAL && plain == NULL && len == 0;
}

/* seal then open, and compare */
static void round_trip(const cgf_keyring_t *kr, const char *secret,
                       apr_size_t n, const char *what)
{
    const char *sealed = NULL;
    char *plain = NULL;
    apr_size_t len = 0;

    is_int(cgf_secret_seal(pool, kr, secret, n, AAD, &sealed), APR_SUCCESS,
           "%s: seals", what);
    is_int(cgf_secret_open(pool, kr, sealed, AAD, &plain, &len), APR_SUCCESS,
           "%s: opens", what);
    is_int(len, n, "%s: length survives", what);
    ok(plain && !memcmp(plain, secret, n) && plain[n] == '\0',
       "%s: bytes survive, NUL-terminated", what);
}

/* the key file grammar: comments, blank lines, CRLF, blanks */
static void test_key_file_good(void)
{
    cgf_keyring_t *kr;

    kr = ring("good", "# webhook keys\r\n\r\n1:" KEY_A "\r\n"
                      "  # old\n\t2:" KEY_C "  \n\n");
    is_int(cgf_keyring_current(kr), 2, "highest version is current");
    is_int(cgf_keyring_loose_mode(kr), 0, "mode 0600 is not loose");
}

/* group or world access still loads, with the flag set */
static void test_loose_mode(void)
{
    static const int modes[] = {0640, 0604, 0620, 0660};
    cgf_keyring_t *kr;
    const char *err;
    int i;

    for (i = 0; i < 4; i++) {
        const char *path = key_file(apr_psprintf(pool, "loose%d", i),
                                    "1:" KEY_A "\n", modes[i]);

        kr = NULL;
        err = NULL;
        is_int(cgf_keyring_load(pool, path, &kr, &err), APR_SUCCESS,
               "mode %04o loads", modes[i]);
        ok(kr && cgf_keyring_loose_mode(kr), "mode %04o is loose", modes[i]);
    }
}

/* a bad key file fails with a sentence naming the problem but never the
 * key material */
static void bad_key_file(const char *name, const char *text, const char *want)
{
    const char *path = key_file(name, text, 0600);
    cgf_keyring_t *kr = (cgf_keyring_t *)&kr;
    const char *err = NULL;
    apr_status_t rv = cgf_keyring_load(pool, path, &kr, &err);

    ok(rv != APR_SUCCESS && kr == NULL, "%s: refused", name);
    ok(err && strstr(err, want), "%s: says '%s'", name, want);
    ok(err && !strstr(err, "0a0b0c0d") && !strstr(err, "a4a5a6a7"),
       "%s: quotes no key material", name);
    if (err) {
        printf("#   %s\n", err);
    }
}

static void test_key_file_errors(void)
{
    cgf_keyring_t *kr = NULL;
    const char *err = NULL;

    bad_key_file("dup", "1:" KEY_A "\n1:" KEY_B "\n", "repeats key version 1");
    bad_key_file("hex",
                 "1:" KEY_A "\n2:x1a2a3a4a5a6a7a8a9aaabacadaeafb0b1"
                 "b2b3b4b5b6b7b8b9babbbcbdbebf\n",
                 "Line 2 ");
    bad_key_file("hex2",
                 "1:0a0b0c0d g0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2"
                 "b3b4b5b6b7b8b9babb\n",
                 "not hexadecimal");
    bad_key_file("short", "1:" KEY_A "\n3:" KEY_B "\n4:" KEY_A "f\n",
                 "65 hex digits");
    bad_key_file("short2", "1:0a0b0c0da4a5a6a7\n", "16 hex digits");
    bad_key_file("none", "# nothing here\n\n   \r\n", "holds no keys");
    bad_key_file("empty", "", "holds no keys");
    bad_key_file("v0", "0:" KEY_A "\n", "version outside 1 to 255");
    bad_key_file("v256", "256:" KEY_A "\n", "version outside 1 to 255");
    bad_key_file("v1000", "1000:" KEY_A "\n", "version outside 1 to 255");
    bad_key_file("nocolon", KEY_A "\n", "is not \"<version>:");
    bad_key_file("sign", "+1:" KEY_A "\n", "is not \"<version>:");
    bad_key_file("inline", "1:" KEY_A " # current\n", "not hexadecimal");

    ok(cgf_keyring_load(pool, "/nonexistent/cgf.keys", &kr, &err) !=
               APR_SUCCESS &&
           err && strstr(err, "Cannot open"),
       "a missing file is refused: %s", err ? err : "(null)");
    ok(cgf_keyring_load(pool, tmpdir, &kr, &err) != APR_SUCCESS && err,
       "a directory is refused: %s", err ? err : "(null)");
}

/* the text form: v1.<base64url>, printable, 12+n+16 bytes decoded */
static void test_seal_format(const cgf_keyring_t *kr)
{
    const char *a = NULL, *b = NULL;
    unsigned char *blob;
    size_t n, i, bad = 0;

    cgf_secret_seal(pool, kr, "8 bytes!", 8, AAD, &a);
    cgf_secret_seal(pool, kr, "8 bytes!", 8, AAD, &b);
    ok(a && !strncmp(a, "v1.", 3), "sealed text starts v1.");
    for (i = 3; a && a[i]; i++) {
        bad += !strchr(b64, a[i]);
    }
    is_int(bad, 0, "the rest is base64url without padding");

    blob = dec64(a + 3, &n);
    is_int(n, 12 + 8 + 16, "decoded: nonce, ciphertext, tag");
    ok(a && b && strcmp(a, b), "two seals of one secret differ");
    ok(a && b && memcmp(a + 3, b + 3, 16), "their nonces differ");
    is_str(enc64(blob, n), a + 3, "the test codec agrees");
    is_int(cgf_secret_version(a), 1, "cgf_secret_version reads 1");
}

/* flip each bit of [from, to) of the decoded blob; none may open */
static void flip_region(const cgf_keyring_t *kr, const char *sealed,
                        size_t from, size_t to, const char *what)
{
    size_t n, i;
    unsigned char *blob = dec64(sealed + 3, &n);
    int bit, opened = 0, tries = 0;

    for (i = from; i < to; i++) {
        for (bit = 0; bit < 8; bit++) {
            blob[i] ^= (unsigned char)(1 << bit);
            opened += !open_fails(
                kr, apr_pstrcat(pool, "v1.", enc64(blob, n), NULL), AAD);
            blob[i] ^= (unsigned char)(1 << bit);
            tries++;
        }
    }
    is_int(opened, 0, "all %d bit flips of the %s fail", tries, what);
}

static void test_tampering(const cgf_keyring_t *kr)
{
    const char *sealed = NULL;
    unsigned char *blob;
    size_t n, cut;
    int opened = 0;

    cgf_secret_seal(pool, kr, "0123456789abcdef!", 17, AAD, &sealed);
    ok(!open_fails(kr, sealed, AAD), "the untouched blob opens");
    flip_region(kr, sealed, 0, 12, "nonce");
    flip_region(kr, sealed, 12, 12 + 17, "ciphertext");
    flip_region(kr, sealed, 12 + 17, 12 + 17 + 16, "tag");

    blob = dec64(sealed + 3, &n);
    for (cut = 1; cut <= 16; cut++) {
        opened += !open_fails(
            kr, apr_pstrcat(pool, "v1.", enc64(blob, n - cut), NULL), AAD);
    }
    is_int(opened, 0, "a tag cut short by 1 to 16 bytes fails");
    ok(open_fails(kr, apr_pstrcat(pool, "v1.", enc64(blob, 27), NULL), AAD),
       "27 bytes (less than nonce and tag) fail");
    ok(open_fails(kr, apr_pstrcat(pool, sealed, "AA", NULL), AAD),
       "an extra byte appended fails");
}

/* malformed text never opens */
static void test_malformed(const cgf_keyring_t *kr)
{
    const char *sealed = NULL, *body;
    char *s;
    size_t last;

    cgf_secret_seal(pool, kr, "12345678", 8, AAD, &sealed);
    body = sealed + 3;
    ok(open_fails(kr, "", AAD), "empty text fails");
    ok(open_fails(kr, NULL, AAD), "NULL fails");
    ok(open_fails(kr, "v1", AAD) && open_fails(kr, "v1.", AAD),
       "a bare version fails");
    ok(open_fails(kr, apr_pstrcat(pool, "v01.", body, NULL), AAD),
       "a leading zero in the version fails");
    ok(open_fails(kr, apr_pstrcat(pool, "V1.", body, NULL), AAD),
       "a capital V fails");
    ok(open_fails(kr, apr_pstrcat(pool, sealed, "=", NULL), AAD),
       "padding fails");
    ok(open_fails(kr, apr_pstrcat(pool, sealed, "\n", NULL), AAD),
       "a trailing newline fails");
    ok(open_fails(kr, apr_pstrcat(pool, " ", sealed, NULL), AAD),
       "a leading blank fails");

    s = apr_pstrdup(pool, sealed);
    s[10] = '+';
    ok(open_fails(kr, s, AAD), "a standard base64 character fails");

    /* 36 bytes are 48 characters, so add one byte: 37 bytes end in two
     * characters whose second has four unused bits */
    s = apr_pstrcat(pool, sealed, "AB", NULL);
    last = strlen(s) - 1;
    ok(open_fails(kr, s, AAD), "non-zero unused bits fail");
    s[last] = 'A';
    ok(open_fails(kr, s, AAD), "and the canonical spelling fails on its tag");
}

/* keys, aad and versions must all match */
static void test_binding(const cgf_keyring_t *kr1)
{
    cgf_keyring_t *other = ring("other", "1:" KEY_B "\n");
    cgf_keyring_t *same = ring("same", "1:" KEY_A "\n2:" KEY_A "\n");
    const char *sealed = NULL;

    cgf_secret_seal(pool, kr1, "hook secret", 11, AAD, &sealed);
    ok(open_fails(other, sealed, AAD), "another key under v1 fails");
    ok(open_fails(kr1, sealed, "webhook:43:alice"), "another row id fails");
    ok(open_fails(kr1, sealed, "webhook:42:alicf"), "another owner fails");
    ok(open_fails(kr1, sealed, ""), "an empty aad fails");
    ok(!open_fails(same, sealed, AAD), "v1 opens in a ring with v1 and v2");
    ok(open_fails(same, apr_pstrcat(pool, "v2.", sealed + 3, NULL), AAD),
       "relabelled v2 fails, though v2 holds the same key");
    ok(open_fails(kr1, apr_pstrcat(pool, "v9.", sealed + 3, NULL), AAD),
       "an unknown version fails");
}

/* old seals open after a new key is added; new seals use it */
static void test_rotation(const cgf_keyring_t *kr1)
{
    cgf_keyring_t *kr12 = ring("rotated", "2:" KEY_B "\n1:" KEY_A "\n");
    const char *old = NULL, *fresh = NULL;
    char *plain = NULL;
    apr_size_t len = 0;

    cgf_secret_seal(pool, kr1, "old secret", 10, AAD, &old);
    is_int(cgf_secret_open(pool, kr12, old, AAD, &plain, &len), APR_SUCCESS,
           "a v1 seal opens after rotation");
    is_str(plain, "old secret", "with the same secret");

    is_int(cgf_keyring_current(kr12), 2, "v2 is current, listed first");
    cgf_secret_seal(pool, kr12, "new secret", 10, AAD, &fresh);
    ok(fresh && !strncmp(fresh, "v2.", 3), "new seals name v2");
    is_int(cgf_secret_version(fresh), 2, "cgf_secret_version reads 2");
    ok(open_fails(kr1, fresh, AAD), "a v2 seal does not open with v1 only");
}

static void test_secret_version(void)
{
    is_int(cgf_secret_version("v255.AAAA"), 255, "v255");
    is_int(cgf_secret_version("v256.AAAA"), 0, "v256 is malformed");
    is_int(cgf_secret_version("v0.AAAA"), 0, "v0 is malformed");
    is_int(cgf_secret_version("v1AAAA"), 0, "no dot is malformed");
    is_int(cgf_secret_version("v1234.AA"), 0, "four digits are malformed");
    is_int(cgf_secret_version(""), 0, "empty is malformed");
    is_int(cgf_secret_version(NULL), 0, "NULL is malformed");
}

static void test_seal_arguments(const cgf_keyring_t *kr)
{
    const char *sealed = (const char *)"x";

    ok(cgf_secret_seal(pool, kr, "abc", 3, NULL, &sealed) != APR_SUCCESS &&
           sealed == NULL,
       "sealing without an aad is refused");
}

static void test_sha256(void)
{
    char hex[65];

    cgf_sha256_hex("abc", 3, hex);
    is_str(hex,
           "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
           "sha256(\"abc\")");
    cgf_sha256_hex("", 0, hex);
    is_str(hex,
           "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
           "sha256(\"\")");
}

/* a token with c put at position at of the 43-character body */
static const char *token_with(char c, int at)
{
    char *t = apr_pstrdup(pool, "cgf_abcdefghijklmnopqrstuvwxyzABCDEFGHIJ"
                                "-_01234");

    t[4 + at] = c;
    return t;
}

static void test_token_format(void)
{
    const char *good = token_with('Z', 42);
    char *t;

    is_int(strlen(good), 4 + 43, "the good token has 43 characters");
    ok(cgf_token_well_formed(good), "good token");
    t = apr_pstrndup(pool, good, 4 + 42);
    ok(!cgf_token_well_formed(t), "42 characters");
    t = apr_pstrcat(pool, good, "A", NULL);
    ok(!cgf_token_well_formed(t), "44 characters");
    ok(!cgf_token_well_formed(token_with('+', 5)), "a '+'");
    ok(!cgf_token_well_formed(token_with('=', 42)), "a '='");
    ok(!cgf_token_well_formed(token_with('.', 0)), "a '.'");
    t = apr_pstrdup(pool, good);
    t[2] = 'x';
    ok(!cgf_token_well_formed(t), "wrong prefix");
    t[0] = 'C';
    t[1] = 'G';
    t[2] = 'F';
    ok(!cgf_token_well_formed(t), "capital prefix");
    ok(!cgf_token_well_formed("") && !cgf_token_well_formed(NULL),
       "empty and NULL");
}

static void test_random_hex(void)
{
    char a[65], b[65];

    is_int(cgf_random_hex(a, 32), APR_SUCCESS, "random_hex succeeds");
    cgf_random_hex(b, 32);
    is_int(strlen(a), 64, "32 bytes give 64 digits");
    is_int(strspn(a, "0123456789abcdef"), 64, "lower-case hex");
    ok(strcmp(a, b), "two draws differ");
    cgf_random_hex(a, 0);
    is_str(a, "", "0 bytes give the empty string");
}

/* 8-4-4-4-12 lower-case hex, version 4, variant 10 */
static int uuid4_shape(const char *u)
{
    int i;

    if (strlen(u) != 36 || u[14] != '4' || !strchr("89ab", u[19])) {
        return 0;
    }

    for (i = 0; i < 36; i++) {
        int dash = i == 8 || i == 13 || i == 18 || i == 23;

        if (dash ? u[i] != '-' : !strchr("0123456789abcdef", u[i])) {
            return 0;
        }
    }
    return 1;
}

static void test_uuid4(void)
{
    char a[37], b[37];
    int i, good = 0;

    is_int(cgf_uuid4(a), APR_SUCCESS, "uuid4 succeeds");
    cgf_uuid4(b);
    ok(uuid4_shape(a), "canonical version 4 shape: %s", a);
    ok(strcmp(a, b), "two uuids differ");
    for (i = 0; i < 200; i++) {
        cgf_uuid4(a);
        good += uuid4_shape(a);
    }
    is_int(good, 200, "200 more have the shape");
}

/* remove the test's key files and directory */
static void clean_up(void)
{
    int i;

    for (i = 0; i < nmade; i++) {
        unlink(made[i]);
    }
    rmdir(tmpdir);
}

int main(void)
{
    cgf_keyring_t *kr1;
    char big[512];
    int i;

    apr_initialize();
    apr_pool_create(&pool, NULL);
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        return 2;
    }

    test_key_file_good();
    test_loose_mode();
    test_key_file_errors();

    kr1 = ring("v1", "1:" KEY_A "\n");
    for (i = 0; i < 512; i++) {
        big[i] = (char)(i * 7 + 3);
    }
    round_trip(kr1, "8 bytes!", 8, "8-byte secret");
    round_trip(kr1, big, sizeof(big), "512-byte secret");
    round_trip(kr1, "", 0, "empty secret");
    test_seal_format(kr1);
    test_tampering(kr1);
    test_malformed(kr1);
    test_binding(kr1);
    test_rotation(kr1);
    test_secret_version();
    test_seal_arguments(kr1);
    test_sha256();
    test_token_format();
    test_random_hex();
    test_uuid4();

    clean_up();
    apr_pool_destroy(pool);
    apr_terminate();
    return done_testing();
}
