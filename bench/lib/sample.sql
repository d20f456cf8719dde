-- The sample every load generator draws from: :n draws, each a user
-- (uniform over the :users), one of that user's webhooks and one of its
-- analyses (uniform over its :per_user), the two endpoints the webhook's
-- PATCHes alternate between, and a valid analysis submission.  Fixed
-- (hash-based), so every run and every generator sees the same draws.
-- Tab-separated, with a header line; run as the cgf role.

\pset footer off
SELECT t.token, encode(sha256(convert_to(t.token, 'UTF8')), 'hex') AS hash,
       t.user_id AS "user", w.id AS wid,
       bench.endpoint(d.u, d.k, 'a') AS url_a,
       bench.endpoint(d.u, d.k, 'b') AS url_b,
       a.id AS aid,
       'inst_' || lpad((d.u % 500)::text, 3, '0') AS inst,
       'teacher_' || d.u || '_' || (d.k2 % 8) AS teacher,
       o.board_id AS board, o.grade_id AS grade, o.subject_id AS subject,
       r.id AS rubric,
       to_char(date '2025-01-01' + d.k2, 'YYYY-MM-DD') AS day,
       'https://127.0.0.1:9/media/school' || (d.u % 500) || '/rec/' || d.u
           || '/new-' || d.i || '.mp3' AS audio
FROM (SELECT i,
             1 + abs(hashint4(i)) % :users AS u,
             1 + abs(hashint4(i + 1000003)) % :per_user AS k,
             1 + abs(hashint4(i + 2000003)) % :per_user AS k2,
             abs(hashint4(i + 3000017)) AS h
      FROM generate_series(1, :n) i) d
JOIN bench.token t ON t.u = d.u
JOIN cgf_webhook w ON w.id = bench.item_id(d.u, d.k, 'webhook')
JOIN cgf_analysis a ON a.id = bench.item_id(d.u, d.k2, 'analysis')
JOIN (SELECT row_number() OVER (ORDER BY board_id, grade_id, subject_id)
             - 1 AS n, board_id, grade_id, subject_id
      FROM cgf_offering) o
  ON o.n = d.h % (SELECT count(*) FROM cgf_offering)
JOIN (SELECT row_number() OVER (ORDER BY legacy_id) - 1 AS n, id
      FROM cgf_rubric) r
  ON r.n = d.h % (SELECT count(*) FROM cgf_rubric)
ORDER BY d.i;
