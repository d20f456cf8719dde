-- The benchmark's data set, loaded set-based into the real schema (every
-- sql/*.sql is applied first): :users users, each with one bearer token
-- (this file), :per_user webhooks (load_webhooks.sql) and :per_user
-- analyses (load_analyses.sql, loaded beside the webhooks).
--
-- Ids are made from (user number u, item number k), so that the sample
-- (sample.sql) can name existing rows without a table of them:
--   user      user00042
--   webhook   <32 mixed bits>-<u>-4<k>-8000-<u * 1000 + k>
--   analysis  the same with 9000 in the fourth group
-- The first group spreads the keys over the primary key's index as
-- random v4 ids would.  Run as the database superuser (the loaders skip
-- foreign key triggers), with psql -v users=N -v per_user=M.

\set ON_ERROR_STOP 1
SET client_min_messages = warning;
SET synchronous_commit = off;
SET maintenance_work_mem = '512MB';

CREATE SCHEMA IF NOT EXISTS bench;

CREATE OR REPLACE FUNCTION bench.user_id(u int) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT 'user' || lpad(u::text, 5, '0')
$$;

CREATE OR REPLACE FUNCTION bench.item_id(u int, k int, kind text)
RETURNS uuid LANGUAGE sql IMMUTABLE AS $$
    SELECT (lpad(to_hex(((u::bigint * 2654435761 + k * 40503)
                         % 4294967296)::bigint), 8, '0')
            || '-' || lpad(to_hex(u), 4, '0')
            || '-4' || lpad(to_hex(k), 3, '0')
            || '-' || CASE kind WHEN 'webhook' THEN '8000' ELSE '9000' END
            || '-' || lpad(to_hex(u::bigint * 1000 + k), 12, '0'))::uuid
$$;

-- the two endpoints a webhook's PATCHes alternate between; every URL
-- of the data set names 127.0.0.1 on a closed port, so that nothing the
-- module might notify or fetch ever leaves the machine
CREATE OR REPLACE FUNCTION bench.endpoint(u int, k int, variant text)
RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT 'https://127.0.0.1:9/hooks/receiver' || (u % 50) || '/cgf/'
           || u || '/' || k || '/' || variant
$$;

-- the plain tokens, for the load generators only (the module sees their
-- SHA-256 in cgf_token, as always)
CREATE TABLE bench.token (
    u       int PRIMARY KEY,
    user_id text NOT NULL,
    token   text NOT NULL
);

-- 10 000 tokens in one statement, through the real admin function
INSERT INTO bench.token (u, user_id, token)
SELECT u, bench.user_id(u), cgf_token_issue(bench.user_id(u), '3650 days')
FROM generate_series(1, :users) u;

VACUUM (ANALYZE) cgf_token, bench.token;
