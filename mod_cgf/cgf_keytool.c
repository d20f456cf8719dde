/* cgf-keytool: the admin's side of the webhook secret keys.
 *
 *   cgf-keytool generate VERSION      print a new key line for a key file
 *   cgf-keytool reseal KEYFILE        re-seal secrets under the current key
 *
 * reseal reads "id<TAB>owner<TAB>sealed" lines (psql COPY ... TO STDOUT)
 * and writes "id<TAB>old sealed<TAB>new sealed" for every secret not yet
 * sealed with the current key, for COPY ... FROM STDIN and an UPDATE that
 * changes only rows still holding the old blob (a PATCH may race it).  Plain
 * secrets exist only in this process's memory.  httpd-free. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <apr_general.h>
#include <apr_strings.h>

#include "cgf_crypto.h"

/* print "VERSION:<64 hex digits>" */
static int generate(const char *arg)
{
    int version = atoi(arg);
    char hex[65];

    if (version < 1 || version > 255) {
        fprintf(stderr, "cgf-keytool: VERSION must be 1 to 255\n");
        return 2;
    }
    if (cgf_random_hex(hex, 32) != APR_SUCCESS) {
        fprintf(stderr, "cgf-keytool: no random bytes\n");
        return 1;
    }
    printf("%d:%s\n", version, hex);
    return 0;
}

/* re-seal one "id\towner\tsealed" line: 1 if it was written out, 0
 * if it is sealed with the current key already, -1 if it failed */
static int reseal_line(apr_pool_t *p, const cgf_keyring_t *kr, char *line)
{
    char *id = line;
    char *owner = strchr(id, '\t');
    char *sealed = owner ? strchr(owner + 1, '\t') : NULL;
    const char *aad, *fresh;
    char *plain;
    apr_size_t len;

    if (!sealed)
        return -1;
    *owner++ = '\0';
    *sealed++ = '\0';
    sealed[strcspn(sealed, "\r\n")] = '\0';
    if (cgf_secret_version(sealed) == cgf_keyring_current(kr))
        return 0;

    aad = cgf_webhook_aad(p, id, owner);
    if (cgf_secret_open(p, kr, sealed, aad, &plain, &len) != APR_SUCCESS ||
        cgf_secret_seal(p, kr, plain, len, aad, &fresh) != APR_SUCCESS)
        return -1;
    printf("%s\t%s\t%s\n", id, sealed, fresh);
    return 1;
}

/* read one line of f into buf without its newline; 1 if it fit, 0 at
 * the end of input, -1 if it was longer than buf: the rest of it is
 * read and dropped, so that its tail is never taken for a row of its
 * own.  Byte by byte, as fgets cannot tell a NUL from the end. */
static int read_line(FILE *f, char *buf, apr_size_t size)
{
    apr_size_t n = 0;
    int c;

    while ((c = getc(f)) != EOF && c != '\n') {
        if (n + 1 < size)
            buf[n] = (char)c;
        n++;
    }
    if (c == EOF && n == 0)
        return 0;
    if (n >= size)
        return -1;
    buf[n] = '\0';
    return 1;
}

/* re-seal every line of stdin; failures are counted, never printed */
static int reseal(apr_pool_t *p, const char *keyfile)
{
    cgf_keyring_t *kr;
    const char *err = NULL;
    char line[4096];
    int done = 0, failed = 0, got;

    if (cgf_keyring_load(p, keyfile, &kr, &err) != APR_SUCCESS) {
        fprintf(stderr, "cgf-keytool: %s\n", err ? err : "bad key file");
        return 1;
    }
    while ((got = read_line(stdin, line, sizeof(line))) != 0) {
        apr_pool_t *lp;
        int rc;

        if (got < 0) {
            failed++;
            continue;
        }

        apr_pool_create(&lp, p);
        rc = reseal_line(lp, kr, line);
        apr_pool_destroy(lp);
        if (rc < 0)
            failed++;
        done += rc > 0;
    }
    fprintf(stderr, "cgf-keytool: %d re-sealed under key %d, %d failed\n", done,
            cgf_keyring_current(kr), failed);
    return failed ? 1 : 0;
}

int main(int argc, const char *const *argv)
{
    apr_pool_t *p;
    int rc = 2;

    apr_app_initialize(&argc, &argv, NULL);
    apr_pool_create(&p, NULL);

    if (argc == 3 && !strcmp(argv[1], "generate"))
        rc = generate(argv[2]);
    else if (argc == 3 && !strcmp(argv[1], "reseal"))
        rc = reseal(p, argv[2]);
    else
        fprintf(stderr, "usage: cgf-keytool generate VERSION\n"
                        "       cgf-keytool reseal KEYFILE < rows\n");

    apr_pool_destroy(p);
    apr_terminate();
    return rc;
}
