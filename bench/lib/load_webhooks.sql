-- Part of the benchmark's data set (see load.sql): the webhooks.
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
SET synchronous_commit = off;
SET maintenance_work_mem = '512MB';
-- the rows are valid by construction: skip the foreign key triggers
SET session_replication_role = replica;

-- Webhooks: one template (the only one seeded); half have a sealed
-- secret (an opaque string of the sealed format's length: only its
-- presence is ever read back), created over the last two years.
INSERT INTO cgf_webhook (id, owner, api_template_id, endpoint_url,
                         secret_enc, status, version, created_at,
                         updated_at)
SELECT bench.item_id(u, k, 'webhook'), bench.user_id(u),
       '6f1d2a3b-0c4e-4a5f-9b6d-7e8f9a0b1c2d',
       bench.endpoint(u, k, 'a'),
       CASE WHEN k % 2 = 0
            THEN 'v1.' || rtrim(translate(encode(
                     sha512(convert_to(u || '/' || k, 'UTF8')), 'base64'),
                     E'+/\n', '-_'), '=')
       END,
       CASE WHEN k % 20 = 0 THEN 'disabled' ELSE 'enabled' END,
       1 + k % 3,
       t, t
FROM generate_series(1, :users) u,
     generate_series(1, :per_user) k,
     LATERAL (SELECT timestamptz '2024-01-01 00:00:00+00'
                     + ((k - 1) * :users + u) * (interval '63072000 s'
                       / (:users * :per_user)) AS t) ts;

VACUUM (ANALYZE) cgf_webhook;
