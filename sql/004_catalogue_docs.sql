-- The documents of the metadata and rubric routes (contract §4), built
-- here as compact JSON and written to the response as they are.  Every
-- function is CREATE OR REPLACE, so the file is safe to apply twice.
-- Arrays are array_to_json(array_agg(...)), which is compact, where
-- json_agg would put ", " between the elements.

-- Every board, [{"id", "name"}, ...] by sort, then name.
CREATE OR REPLACE FUNCTION cgf_boards_doc() RETURNS json
LANGUAGE sql STABLE AS $$
    SELECT coalesce(array_to_json(array_agg(cgf_ref_doc(b.id, b.name)
                                            ORDER BY b.sort, b.name)),
                    '[]')
    FROM cgf_board b
$$;

-- The grades of one board in their order, or NULL when there is no such
-- board, so that the handler can tell an empty board from a missing one.
CREATE OR REPLACE FUNCTION cgf_grades_doc(board uuid) RETURNS json
LANGUAGE sql STABLE AS $$
    SELECT (SELECT coalesce(array_to_json(array_agg(
                                cgf_ref_doc(g.id, g.name)
                                ORDER BY g.sort, g.name)),
                            '[]')
            FROM cgf_grade g
            WHERE g.board_id = b.id)
    FROM cgf_board b
    WHERE b.id = board
$$;

-- The subjects a board teaches at one of its grades, by sort, then name;
-- NULL when the board does not exist or the grade is not one of its.
CREATE OR REPLACE FUNCTION cgf_subjects_doc(board uuid, grade uuid)
RETURNS json LANGUAGE sql STABLE AS $$
    SELECT (SELECT coalesce(array_to_json(array_agg(
                                cgf_ref_doc(s.id, s.name)
                                ORDER BY s.sort, s.name)),
                            '[]')
            FROM cgf_offering o
            JOIN cgf_subject s ON s.id = o.subject_id
            WHERE o.board_id = g.board_id AND o.grade_id = g.id)
    FROM cgf_grade g
    WHERE g.id = grade AND g.board_id = board
$$;

-- The scores of one criterion, {"score", "scoringLogic"}, from the
-- lowest to the highest (position keeps that order).
CREATE OR REPLACE FUNCTION cgf_rubric_scores_doc(criterion uuid)
RETURNS json LANGUAGE sql STABLE AS $$
    SELECT coalesce(array_to_json(array_agg(
                        (SELECT row_to_json(x)
                         FROM (SELECT s.score,
                                      s.scoring_logic AS "scoringLogic") x)
                        ORDER BY s.position)),
                    '[]')
    FROM cgf_rubric_score s
    WHERE s.criterion_id = criterion
$$;

-- One criterion in the rubrics service's camelCase.
CREATE OR REPLACE FUNCTION cgf_rubric_criterion_doc(c cgf_rubric_criterion)
RETURNS json LANGUAGE sql STABLE AS $$
    SELECT row_to_json(d)
    FROM (SELECT c.id,
                 c.name,
                 c.description,
                 c.min_score AS "minScore",
                 c.max_score AS "maxScore",
                 cgf_rubric_scores_doc(c.id) AS "scoringLogic",
                 cgf_ts(c.created_at) AS "createdAt",
                 cgf_ts(c.modified_at) AS "modifiedAt") d
$$;

-- A rubric as the public rubrics service shows it, criteria by position.
CREATE OR REPLACE FUNCTION cgf_rubric_doc(r cgf_rubric) RETURNS json
LANGUAGE sql STABLE AS $$
    SELECT row_to_json(d)
    FROM (SELECT r.id,
                 r.legacy_id AS "legacyId",
                 r.name,
                 r.description,
                 (SELECT coalesce(array_to_json(array_agg(
                                      cgf_rubric_criterion_doc(c)
                                      ORDER BY c.position)),
                                  '[]')
                  FROM cgf_rubric_criterion c
                  WHERE c.rubric_id = r.id) AS "rubricCriteria",
                 cgf_ts(r.created_at) AS "createdAt",
                 cgf_ts(r.modified_at) AS "modifiedAt") d
$$;

-- {"items": [rubric, ...]} by integer id, the order rubrics were added.
CREATE OR REPLACE FUNCTION cgf_rubrics_doc() RETURNS json
LANGUAGE sql STABLE AS $$
    SELECT row_to_json(d)
    FROM (SELECT coalesce(array_to_json(array_agg(cgf_rubric_doc(r)
                                                  ORDER BY r.legacy_id)),
                          '[]') AS items
          FROM cgf_rubric r) d
$$;
