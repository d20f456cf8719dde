-- mod_cgf core schema: tokens, API templates, webhooks, and the helpers
-- that map rows to the contract's JSON.  Safe to apply twice.

CREATE EXTENSION IF NOT EXISTS pgcrypto;

-- Times as the contract writes them: RFC 3339, UTC, microseconds, "Z".
CREATE OR REPLACE FUNCTION cgf_ts(t timestamptz) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
$$;

-- Microseconds since the epoch, exact, for list cursors.
CREATE OR REPLACE FUNCTION cgf_us(t timestamptz) RETURNS bigint
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT (extract(epoch FROM t) * 1000000)::bigint
$$;

CREATE OR REPLACE FUNCTION cgf_from_us(us bigint) RETURNS timestamptz
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT timestamptz 'epoch' + us * interval '1 microsecond'
$$;

---------------------------------------------------------------------------
-- Bearer tokens (contract §5): stored only as SHA-256, with owner, expiry
-- and revocation.
CREATE TABLE IF NOT EXISTS cgf_token (
    token_hash text PRIMARY KEY,
    user_id    text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    revoked_at timestamptz,
    CONSTRAINT cgf_token_user_id CHECK (user_id ~ '^[!-~]{1,128}$')
);
CREATE INDEX IF NOT EXISTS cgf_token_user ON cgf_token (user_id);

CREATE OR REPLACE FUNCTION cgf_token_issue(user_id text,
                                           ttl interval DEFAULT '90 days')
RETURNS text LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    token text;
BEGIN
    IF user_id IS NULL OR user_id !~ '^[!-~]{1,128}$' THEN
        RAISE EXCEPTION 'user_id must be 1 to 128 visible ASCII characters';
    END IF;
    IF ttl IS NULL OR ttl <= interval '0' THEN
        RAISE EXCEPTION 'ttl must be positive';
    END IF;
    -- 32 random bytes, base64url without padding: 43 characters
    token := 'cgf_' || rtrim(translate(encode(gen_random_bytes(32), 'base64'),
                                       '+/', '-_'), '=');
    INSERT INTO cgf_token (token_hash, user_id, expires_at)
    VALUES (encode(sha256(convert_to(token, 'UTF8')), 'hex'), user_id,
            now() + ttl);
    RETURN token;
END
$$;

-- Revocation NOTIFYs the token's hash: httpd's token cache drops it at
-- once (CGFTokenCache); without a listener it expires by itself.
CREATE OR REPLACE FUNCTION cgf_token_revoke(token text) RETURNS boolean
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    hash text := encode(sha256(convert_to(token, 'UTF8')), 'hex');
BEGIN
    UPDATE cgf_token SET revoked_at = now()
    WHERE token_hash = hash AND revoked_at IS NULL;
    IF NOT FOUND THEN
        RETURN false;
    END IF;
    PERFORM pg_notify('cgf_token_revoked', hash);
    RETURN true;
END
$$;

CREATE OR REPLACE FUNCTION cgf_token_revoke_user(user_id text)
RETURNS integer LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    hash text;
    n integer := 0;
BEGIN
    FOR hash IN
        UPDATE cgf_token t SET revoked_at = now()
        WHERE t.user_id = cgf_token_revoke_user.user_id
          AND t.revoked_at IS NULL
        RETURNING t.token_hash
    LOOP
        PERFORM pg_notify('cgf_token_revoked', hash);
        n := n + 1;
    END LOOP;
    RETURN n;
END
$$;

---------------------------------------------------------------------------
-- API templates: the kinds of processing job a webhook may follow.
CREATE TABLE IF NOT EXISTS cgf_api_template (
    id           uuid PRIMARY KEY,
    name         text NOT NULL UNIQUE,
    display_name text NOT NULL,
    description  text
);

-- Resource documents are built here, compact (row_to_json), in the
-- contract's field order, and written to the response as they are.
CREATE OR REPLACE FUNCTION cgf_template_doc(t cgf_api_template) RETURNS json
LANGUAGE sql STABLE AS $$
    SELECT row_to_json(d)
    FROM (SELECT t.id, t.name, t.display_name, t.description) d
$$;

---------------------------------------------------------------------------
-- Webhooks (contract §2).  secret_enc holds the sealed secret
-- ("v<key version>.<base64url>", AES-256-GCM bound to id and owner),
-- never the secret itself.  version feeds the strong ETag.
CREATE TABLE IF NOT EXISTS cgf_webhook (
    id              uuid PRIMARY KEY,
    owner           text NOT NULL,
    api_template_id uuid NOT NULL REFERENCES cgf_api_template (id),
    endpoint_url    text NOT NULL,
    secret_enc      text,
    status          text NOT NULL DEFAULT 'enabled'
                    CHECK (status IN ('enabled', 'disabled')),
    version         bigint NOT NULL DEFAULT 1,
    created_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
    updated_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
    CONSTRAINT cgf_webhook_unique_url
        UNIQUE (owner, api_template_id, endpoint_url)
);
-- the owner's list, newest first, and the cursor's (created_at, id)
CREATE INDEX IF NOT EXISTS cgf_webhook_owner_list
    ON cgf_webhook (owner, created_at DESC, id DESC);
-- deliveries look up a template's enabled webhooks of one owner
CREATE INDEX IF NOT EXISTS cgf_webhook_delivery
    ON cgf_webhook (api_template_id, owner) WHERE status = 'enabled';

CREATE OR REPLACE FUNCTION cgf_webhook_doc(w cgf_webhook) RETURNS json
LANGUAGE sql STABLE AS $$
    SELECT row_to_json(d)
    FROM (SELECT w.id,
                 (SELECT cgf_template_doc(t) FROM cgf_api_template t
                  WHERE t.id = w.api_template_id) AS api_template,
                 w.endpoint_url,
                 w.secret_enc IS NOT NULL AS has_secret,
                 w.status,
                 w.owner AS created_by,
                 cgf_ts(w.created_at) AS created_at,
                 cgf_ts(w.updated_at) AS updated_at) d
$$;
