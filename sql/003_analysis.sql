-- Class Track analyses (contract §3), the work queue the background
-- worker claims from, and Idempotency-Key claims.  Safe to apply twice.

CREATE TABLE IF NOT EXISTS cgf_analysis (
    id             uuid PRIMARY KEY,
    owner          text NOT NULL,
    status         text NOT NULL DEFAULT 'queued'
                   CHECK (status IN ('queued', 'fetching', 'transcribing',
                                     'evaluating', 'completed', 'failed')),
    institution_id text NOT NULL,
    teacher_id     text NOT NULL,
    board_id       uuid NOT NULL REFERENCES cgf_board (id),
    grade_id       uuid NOT NULL REFERENCES cgf_grade (id),
    subject_id     uuid NOT NULL REFERENCES cgf_subject (id),
    rubric_id      uuid NOT NULL REFERENCES cgf_rubric (id),
    analysis_date  date NOT NULL,
    audio_url      text NOT NULL,
    metadata       json NOT NULL DEFAULT '{}',
    -- written by the worker, stage by stage
    audio          json,
    transcript     json,
    evaluation     json,
    error          json,
    created_at     timestamptz NOT NULL DEFAULT clock_timestamp(),
    updated_at     timestamptz NOT NULL DEFAULT clock_timestamp(),
    completed_at   timestamptz
);

-- The owner's list and each single filter of it, newest first: every
-- index ends in (created_at DESC, id DESC), the order and the cursor.
CREATE INDEX IF NOT EXISTS cgf_analysis_owner_list
    ON cgf_analysis (owner, created_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS cgf_analysis_teacher_list
    ON cgf_analysis (owner, teacher_id, created_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS cgf_analysis_institution_list
    ON cgf_analysis (owner, institution_id, created_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS cgf_analysis_status_list
    ON cgf_analysis (owner, status, created_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS cgf_analysis_date_list
    ON cgf_analysis (owner, analysis_date, created_at DESC, id DESC);

-- The queue: one row per unit of work, claimable by any httpd that
-- shares the database:
--   SELECT id, analysis_id FROM cgf_job
--   WHERE run_after <= now() ORDER BY run_after, id
--   LIMIT 1 FOR UPDATE SKIP LOCKED;
-- then set leased_until (a crashed worker's lease runs out and the job
-- is claimable again) and bump attempts.  Each insert NOTIFYs channel
-- cgf_job so idle workers wake at once.  Deleting an analysis deletes
-- its jobs, and a worker that finds its analysis gone stops.
CREATE TABLE IF NOT EXISTS cgf_job (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    analysis_id  uuid NOT NULL REFERENCES cgf_analysis (id)
                 ON DELETE CASCADE,
    stage        text NOT NULL DEFAULT 'fetch'
                 CHECK (stage IN ('fetch', 'transcribe', 'evaluate',
                                  'notify')),
    run_after    timestamptz NOT NULL DEFAULT now(),
    leased_until timestamptz,
    attempts     integer NOT NULL DEFAULT 0,
    last_error   text,
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS cgf_job_ready ON cgf_job (run_after, id);
CREATE INDEX IF NOT EXISTS cgf_job_analysis ON cgf_job (analysis_id);

-- Idempotency-Key claims, scoped to the user.  A claim is written in the
-- same statement as the analysis it names, so a key never outlives a
-- failed request; after 24 hours a key may be used afresh.
CREATE TABLE IF NOT EXISTS cgf_idempotency (
    owner       text NOT NULL,
    key         text NOT NULL,
    body_hash   text NOT NULL,
    analysis_id uuid NOT NULL REFERENCES cgf_analysis (id)
                ON DELETE CASCADE,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (owner, key)
);
CREATE INDEX IF NOT EXISTS cgf_idempotency_age
    ON cgf_idempotency (created_at);
CREATE INDEX IF NOT EXISTS cgf_idempotency_analysis
    ON cgf_idempotency (analysis_id);

-- {"id", "name"} of a catalogue row, compact
CREATE OR REPLACE FUNCTION cgf_ref_doc(id uuid, name text) RETURNS json
LANGUAGE sql IMMUTABLE AS $$
    SELECT row_to_json(d) FROM (SELECT id, name) d
$$;

-- The analysis resource.  accepted renders it as it was when it was
-- accepted: the body of the first 202, replayed for an Idempotency-Key.
CREATE OR REPLACE FUNCTION cgf_analysis_doc(a cgf_analysis,
                                            accepted boolean DEFAULT false)
RETURNS json LANGUAGE sql STABLE AS $$
    SELECT row_to_json(d)
    FROM (SELECT a.id,
                 CASE WHEN accepted THEN 'queued' ELSE a.status END
                     AS status,
                 a.institution_id,
                 a.teacher_id,
                 (SELECT cgf_ref_doc(b.id, b.name) FROM cgf_board b
                  WHERE b.id = a.board_id) AS board,
                 (SELECT cgf_ref_doc(g.id, g.name) FROM cgf_grade g
                  WHERE g.id = a.grade_id) AS grade,
                 (SELECT cgf_ref_doc(s.id, s.name) FROM cgf_subject s
                  WHERE s.id = a.subject_id) AS subject,
                 (SELECT row_to_json(x)
                  FROM (SELECT r.id, r.legacy_id, r.name) x
                  WHERE r.id = a.rubric_id) AS rubric,
                 to_char(a.analysis_date, 'YYYY-MM-DD') AS analysis_date,
                 a.audio_url,
                 a.metadata,
                 CASE WHEN accepted THEN NULL ELSE a.audio END AS audio,
                 CASE WHEN accepted THEN NULL ELSE a.transcript END
                     AS transcript,
                 CASE WHEN accepted THEN NULL ELSE a.evaluation END
                     AS evaluation,
                 CASE WHEN accepted THEN NULL ELSE a.error END AS error,
                 a.owner AS created_by,
                 cgf_ts(a.created_at) AS created_at,
                 cgf_ts(CASE WHEN accepted THEN a.created_at
                             ELSE a.updated_at END) AS updated_at,
                 CASE WHEN accepted THEN NULL ELSE cgf_ts(a.completed_at)
                 END AS completed_at
          FROM (SELECT 1) one
          LEFT JOIN cgf_rubric r ON r.id = a.rubric_id) d
$$;
