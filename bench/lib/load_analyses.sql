-- Part of the benchmark's data set (see load.sql): the analyses.
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
SET synchronous_commit = off;
SET maintenance_work_mem = '512MB';
-- the rows are valid by construction: skip the foreign key triggers
SET session_replication_role = replica;

-- Analyses: catalogue references from the seeded offerings and rubrics;
-- most are completed, with audio facts, a short transcript and an
-- evaluation, as the worker leaves them.
CREATE TEMP TABLE offering AS
SELECT row_number() OVER (ORDER BY board_id, grade_id, subject_id) - 1 AS n,
       board_id, grade_id, subject_id
FROM cgf_offering;
CREATE TEMP TABLE rubric AS
SELECT row_number() OVER (ORDER BY legacy_id) - 1 AS n, id FROM cgf_rubric;
CREATE UNIQUE INDEX ON offering (n);
CREATE UNIQUE INDEX ON rubric (n);
SELECT (SELECT count(*) FROM offering) AS n_offering,
       (SELECT count(*) FROM rubric) AS n_rubric \gset

INSERT INTO cgf_analysis (id, owner, status, institution_id, teacher_id,
                          board_id, grade_id, subject_id, rubric_id,
                          analysis_date, audio_url, metadata, audio,
                          transcript, evaluation, error, created_at,
                          updated_at, completed_at)
SELECT bench.item_id(u, k, 'analysis'), bench.user_id(u), st,
       'inst_' || lpad((u % 500)::text, 3, '0'),
       'teacher_' || u || '_' || (k % 8),
       o.board_id, o.grade_id, o.subject_id, r.id,
       (t AT TIME ZONE 'UTC')::date,
       'https://127.0.0.1:9/media/school' || (u % 500) || '/rec/' || u
           || '/' || k || '.mp3?X-Amz-Signature=' || md5(u || '/' || k),
       json_build_object('section', chr(65 + k % 6), 'period', (k % 8)::text),
       CASE WHEN st IN ('transcribing', 'evaluating', 'completed') THEN
           json_build_object('bytes', 28800000 + k * 1000,
                             'duration_s', 2400 + k, 'sample_rate', 44100,
                             'channels', 1, 'bitrate_kbps', 96)
       END,
       CASE WHEN st IN ('evaluating', 'completed') THEN
           json_build_object('language', 'en',
               'text', 'Good morning class. Today we look at how plants '
                       || 'make their food. Who can tell me what '
                       || 'photosynthesis needs? Light, water and air.',
               'segments', json_build_array(
                   json_build_object('start_s', 0.0, 'end_s', 4.2,
                       'text', 'Good morning class.'),
                   json_build_object('start_s', 4.2, 'end_s', 11.8,
                       'text', 'Today we look at how plants make '
                               || 'their food.')))
       END,
       CASE WHEN st = 'completed' THEN
           json_build_object('rubric_id', r.id, 'criteria',
               json_build_array(
                   json_build_object('name', 'Questioning',
                       'score', (1 + k % 5) || ' Star',
                       'rationale', 'Open questions invited reasoning.',
                       'evidence', json_build_array('Who can tell me')),
                   json_build_object('name', 'Clarity',
                       'score', (1 + u % 5) || ' Star',
                       'rationale', 'The objective was stated early.',
                       'evidence', json_build_array('Today we look at'))))
       END,
       CASE WHEN st = 'failed' THEN
           json_build_object('code', 'audio_unreachable',
                             'message', 'The audio URL answered 403.')
       END,
       t, t + interval '40 minutes',
       CASE WHEN st IN ('completed', 'failed')
            THEN t + interval '40 minutes' END
FROM generate_series(1, :users) u,
     generate_series(1, :per_user) k,
     LATERAL (SELECT timestamptz '2024-01-01 00:00:00+00'
                     + ((k - 1) * :users + u) * (interval '63072000 s'
                       / (:users * :per_user)) AS t,
                     CASE WHEN k % 20 = 1 THEN 'failed'
                          WHEN k % 20 = 2 THEN 'queued'
                          WHEN k % 20 = 3 THEN 'transcribing'
                          ELSE 'completed' END AS st) ts,
     LATERAL (SELECT * FROM offering
              WHERE offering.n = (u * 7 + k) % :n_offering) o,
     LATERAL (SELECT * FROM rubric WHERE rubric.n = (u + k) % :n_rubric) r;

VACUUM (ANALYZE) cgf_analysis;
