/* All OpenSSL use: sealing webhook secrets with AES-256-GCM under a
 * versioned key file, hashing tokens, random ids.  httpd-free. */
#ifndef CGF_CRYPTO_H
#define CGF_CRYPTO_H

#include <apr_pools.h>

typedef struct cgf_keyring_t cgf_keyring_t;

/* load a key file: lines "<version>:<64 hex digits>", version 1..255,
 * '#' comments and blank lines ignored; the highest version seals,
 * every version opens.  *err gets a sentence on failure. */
apr_status_t cgf_keyring_load(apr_pool_t *p, const char *path,
                              cgf_keyring_t **out, const char **err);

/* the version that new seals use */
int cgf_keyring_current(const cgf_keyring_t *kr);

/* 1 if the key file was readable or writable by group or others when
 * loaded, so the caller can warn; the keys load all the same */
int cgf_keyring_loose_mode(const cgf_keyring_t *kr);

/* seal plain[0..len) with a fresh random nonce, binding aad (the row's
 * identity); *sealed is printable ASCII: "v<version>.<base64url>" */
apr_status_t cgf_secret_seal(apr_pool_t *p, const cgf_keyring_t *kr,
                             const char *plain, apr_size_t len, const char *aad,
                             const char **sealed);

/* open a sealed secret; fails closed (APR_EGENERAL, nothing returned)
 * on a wrong key, wrong aad, tampered data or a malformed blob */
apr_status_t cgf_secret_open(apr_pool_t *p, const cgf_keyring_t *kr,
                             const char *sealed, const char *aad, char **plain,
                             apr_size_t *len);

/* the associated data that binds a webhook's sealed secret to its row */
const char *cgf_webhook_aad(apr_pool_t *p, const char *id, const char *owner);

/* the key version a sealed blob names, or 0 if malformed */
int cgf_secret_version(const char *sealed);

/* lower-case hex SHA-256 of data; out has room for 65 bytes */
void cgf_sha256_hex(const void *data, apr_size_t len, char *out);

/* 1 if tok is "cgf_" followed by 43 base64url characters */
int cgf_token_well_formed(const char *tok);

/* nbytes random bytes as lower-case hex into out (2*nbytes+1 bytes) */
apr_status_t cgf_random_hex(char *out, apr_size_t nbytes);

/* a random (version 4) UUID, canonical lower case, into out[37] */
apr_status_t cgf_uuid4(char *out);

#endif
