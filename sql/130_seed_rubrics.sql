-- The shipped classroom-observation rubrics.  They judge what can be
-- heard in a recording of a lesson, since that is what an analysis has.
-- Fixed ids, the same on every install:
--   rubric     7b71c000-0000-4000-8000-00000000000R  (legacy_id R)
--   criterion  c417e000-000R-4000-8000-0000000000CC  (rubric R, CC-th)
-- Applying it again adds what is missing and changes nothing else.

INSERT INTO cgf_rubric (id, legacy_id, name, description, created_at,
                        modified_at)
VALUES
    ('7b71c000-0000-4000-8000-000000000001', 1,
     'Classroom Observation Rubric',
     'Six aspects of classroom practice that can be heard in a recording '
     'of a lesson, each scored from 1 Star to 5 Star.',
     '2026-01-01 00:00:00+00', '2026-01-01 00:00:00+00'),
    ('7b71c000-0000-4000-8000-000000000002', 2,
     'Lesson Structure Rubric',
     'Four aspects of how a lesson is put together, from its objective to '
     'its close, each scored from 1 Star to 5 Star.',
     '2026-01-01 00:00:00+00', '2026-01-01 00:00:00+00')
ON CONFLICT DO NOTHING;

INSERT INTO cgf_rubric_criterion (id, rubric_id, position, name,
                                  description, min_score, max_score,
                                  created_at, modified_at)
SELECT v.id::uuid, v.rubric_id::uuid, v.position, v.name, v.description,
       '1 Star', '5 Star', '2026-01-01 00:00:00+00',
       '2026-01-01 00:00:00+00'
FROM (VALUES
    ('c417e000-0001-4000-8000-000000000001',
     '7b71c000-0000-4000-8000-000000000001', 1, 'Questioning',
     'How the teacher uses questions to make students think, from recall '
     'to reasoning.'),
    ('c417e000-0001-4000-8000-000000000002',
     '7b71c000-0000-4000-8000-000000000001', 2, 'Student participation',
     'How many students speak during the lesson, and how much of the '
     'talk is theirs.'),
    ('c417e000-0001-4000-8000-000000000003',
     '7b71c000-0000-4000-8000-000000000001', 3, 'Clarity of explanation',
     'How clearly the teacher explains new ideas and gives instructions.'),
    ('c417e000-0001-4000-8000-000000000004',
     '7b71c000-0000-4000-8000-000000000001', 4, 'Pacing',
     'How well the time of the lesson is used, and whether its speed '
     'suits the students.'),
    ('c417e000-0001-4000-8000-000000000005',
     '7b71c000-0000-4000-8000-000000000001', 5, 'Checking for understanding',
     'How the teacher finds out during the lesson what students have '
     'understood, and acts on it.'),
    ('c417e000-0001-4000-8000-000000000006',
     '7b71c000-0000-4000-8000-000000000001', 6, 'Classroom climate',
     'The tone of the room: respect, safety to make mistakes, and how '
     'behaviour is handled.'),
    ('c417e000-0002-4000-8000-000000000001',
     '7b71c000-0000-4000-8000-000000000002', 1, 'Learning objective',
     'Whether students are told what they will learn in the lesson and '
     'why it matters.'),
    ('c417e000-0002-4000-8000-000000000002',
     '7b71c000-0000-4000-8000-000000000002', 2,
     'Modelling and guided practice',
     'How the teacher shows how a task is done and supports students '
     'before they work alone.'),
    ('c417e000-0002-4000-8000-000000000003',
     '7b71c000-0000-4000-8000-000000000002', 3,
     'Connection to prior knowledge',
     'How the lesson links new content to what students already know and '
     'to their daily lives.'),
    ('c417e000-0002-4000-8000-000000000004',
     '7b71c000-0000-4000-8000-000000000002', 4, 'Lesson closure',
     'How the lesson ends: the summary, the consolidation, and what comes '
     'next.')
) AS v (id, rubric_id, position, name, description)
ON CONFLICT DO NOTHING;

-- Questioning
INSERT INTO cgf_rubric_score (criterion_id, position, score, scoring_logic)
SELECT 'c417e000-0001-4000-8000-000000000001'::uuid, v.*
FROM (VALUES
    (1, '1 Star',
     'The teacher asks almost no questions, or only rhetorical ones such '
     'as "Is that clear?", and answers them without waiting for '
     'students.'),
    (2, '2 Star',
     'Questions are mostly closed recall questions with one-word answers '
     '("What is the capital of Bihar?"); the teacher waits only a moment '
     'and accepts a chorus reply.'),
    (3, '3 Star',
     'A mix of recall questions and some "why" or "how" questions; the '
     'teacher sometimes waits for an answer, but follow-up is limited to '
     'saying whether it is right.'),
    (4, '4 Star',
     'Regular open questions ask students to explain, compare or predict; '
     'the teacher gives wait time and probes answers with "How do you '
     'know?" or "Can someone add to that?".'),
    (5, '5 Star',
     'Questions are sequenced from recall to reasoning; the teacher '
     'consistently waits, passes questions from one student to another '
     'and uses wrong answers to open discussion, and students begin to '
     'ask questions of their own.')
) AS v (position, score, scoring_logic)
ON CONFLICT DO NOTHING;

-- Student participation
INSERT INTO cgf_rubric_score (criterion_id, position, score, scoring_logic)
SELECT 'c417e000-0001-4000-8000-000000000002'::uuid, v.*
FROM (VALUES
    (1, '1 Star',
     'The teacher talks for nearly the whole lesson; students are heard '
     'only in chorus replies, or not at all.'),
    (2, '2 Star',
     'A few students, usually the same confident ones, answer; most of '
     'the class stays silent and the teacher does not invite others.'),
    (3, '3 Star',
     'Several students speak, mostly when called on; there is some pair '
     'or group work, but it is brief or loosely organised.'),
    (4, '4 Star',
     'Many different students contribute, including ones called on by '
     'name who did not volunteer; pair or group talk has a clear task and '
     'students report back to the class.'),
    (5, '5 Star',
     'Student talk is a large share of the lesson; students respond to '
     'each other''s ideas, not only to the teacher, and the teacher '
     'deliberately draws in quiet students so that participation is '
     'spread across the class.')
) AS v (position, score, scoring_logic)
ON CONFLICT DO NOTHING;

-- Clarity of explanation
INSERT INTO cgf_rubric_score (criterion_id, position, score, scoring_logic)
SELECT 'c417e000-0001-4000-8000-000000000003'::uuid, v.*
FROM (VALUES
    (1, '1 Star',
     'Explanations are confusing or wrong: terms are used without being '
     'defined, steps are skipped, or errors in the content go '
     'uncorrected.'),
    (2, '2 Star',
     'The content is mostly accurate but read out from the textbook with '
     'little explanation of why, and instructions for tasks are vague, so '
     'students ask what to do.'),
    (3, '3 Star',
     'Explanations are accurate and in a logical order; key terms are '
     'named and at least one example is given, though links to what '
     'students already know are few.'),
    (4, '4 Star',
     'The teacher explains in clear steps, defines new words, uses '
     'well-chosen examples or everyday comparisons, and gives '
     'instructions that students follow without asking again.'),
    (5, '5 Star',
     'Explanations are precise and build on what students know; the '
     'teacher anticipates common misconceptions, uses more than one '
     'representation (an example, a diagram described aloud, a story) '
     'and explains again in a different way when students are stuck.')
) AS v (position, score, scoring_logic)
ON CONFLICT DO NOTHING;

-- Pacing
INSERT INTO cgf_rubric_score (criterion_id, position, score, scoring_logic)
SELECT 'c417e000-0001-4000-8000-000000000004'::uuid, v.*
FROM (VALUES
    (1, '1 Star',
     'Much of the lesson is lost to delays, off-task talk or long pauses, '
     'or the teacher rushes on without stopping, so the main idea is not '
     'covered or not understood by the end.'),
    (2, '2 Star',
     'The pace is uneven: the opening or routine tasks take too long and '
     'the main content is squeezed into the last minutes, or the teacher '
     'moves on regardless of how students respond.'),
    (3, '3 Star',
     'The lesson moves at a steady pace through clear stages; transitions '
     'sometimes take too long, and the pace is the same for all '
     'students.'),
    (4, '4 Star',
     'Time is used well: transitions are quick, each stage has a purpose '
     'and a time limit, and the teacher slows down or speeds up according '
     'to how students are doing.'),
    (5, '5 Star',
     'The lesson is brisk but unhurried; every stage is purposeful, time '
     'is kept for practice and a closing summary, and the teacher adjusts '
     'in the moment (extending a task, skipping an example) on the '
     'evidence of students'' answers.')
) AS v (position, score, scoring_logic)
ON CONFLICT DO NOTHING;

-- Checking for understanding
INSERT INTO cgf_rubric_score (criterion_id, position, score, scoring_logic)
SELECT 'c417e000-0001-4000-8000-000000000005'::uuid, v.*
FROM (VALUES
    (1, '1 Star',
     'The teacher does not check understanding, or asks "Understood?" and '
     'moves on after a chorus of "Yes, ma''am".'),
    (2, '2 Star',
     'Checks rely on one or two confident students; the teacher takes '
     'their correct answers as a sign that the whole class has '
     'understood.'),
    (3, '3 Star',
     'The teacher questions several students on the key idea or sets a '
     'short task, but carries on as planned when answers show '
     'confusion.'),
    (4, '4 Star',
     'Regular checks reach most of the class (everyone writes an answer, '
     'a question to each row, students explain to a partner), and the '
     'teacher re-teaches or gives another example when answers show a '
     'gap.'),
    (5, '5 Star',
     'Checks are built into every stage and bring out how students are '
     'thinking, not only whether they are right; the teacher names and '
     'corrects specific misconceptions at once, and ends with a check '
     'that shows what the class has learnt.')
) AS v (position, score, scoring_logic)
ON CONFLICT DO NOTHING;

-- Classroom climate
INSERT INTO cgf_rubric_score (criterion_id, position, score, scoring_logic)
SELECT 'c417e000-0001-4000-8000-000000000006'::uuid, v.*
FROM (VALUES
    (1, '1 Star',
     'The tone is harsh or chaotic: students are shouted at, mocked or '
     'shamed for wrong answers, or noise and interruptions stop learning '
     'for long stretches.'),
    (2, '2 Star',
     'Order is kept mainly by a raised voice or threats; students are '
     'reluctant to answer, and wrong answers are dismissed with a flat '
     '"No" or "Wrong".'),
    (3, '3 Star',
     'The class is orderly and mostly polite and the teacher is calm, but '
     'praise is generic ("Good") and some students seem hesitant to '
     'speak.'),
    (4, '4 Star',
     'The teacher is warm and respectful, uses students'' names, praises '
     'effort and specific work, treats mistakes as part of learning, and '
     'settles small disruptions quietly without stopping the lesson.'),
    (5, '5 Star',
     'Students clearly feel safe to try: they offer answers they are '
     'unsure of, disagree politely and help classmates; the teacher '
     'models respect, and routines are so settled that behaviour rarely '
     'needs attention.')
) AS v (position, score, scoring_logic)
ON CONFLICT DO NOTHING;

-- Learning objective
INSERT INTO cgf_rubric_score (criterion_id, position, score, scoring_logic)
SELECT 'c417e000-0002-4000-8000-000000000001'::uuid, v.*
FROM (VALUES
    (1, '1 Star',
     'No objective is given; the lesson starts with "Open page 42" and '
     'students are not told what they will learn.'),
    (2, '2 Star',
     'The teacher names the topic ("Today we will do fractions") but not '
     'what students should be able to do by the end of the lesson.'),
    (3, '3 Star',
     'The objective is stated at the start as what students will learn, '
     'but it is not mentioned again.'),
    (4, '4 Star',
     'The objective is put in words students understand, linked to the '
     'previous lesson, and the teacher returns to it during the '
     'lesson.'),
    (5, '5 Star',
     'The teacher explains why the objective matters and what success '
     'looks like, students can restate it in their own words, and '
     'progress is checked against it at the end.')
) AS v (position, score, scoring_logic)
ON CONFLICT DO NOTHING;

-- Modelling and guided practice
INSERT INTO cgf_rubric_score (criterion_id, position, score, scoring_logic)
SELECT 'c417e000-0002-4000-8000-000000000002'::uuid, v.*
FROM (VALUES
    (1, '1 Star',
     'Students are set work without any demonstration or worked '
     'example.'),
    (2, '2 Star',
     'The teacher solves one example on the board quickly without '
     'explaining the thinking, then sets the exercise.'),
    (3, '3 Star',
     'The teacher works through an example step by step and does one more '
     'with the class before students practise alone.'),
    (4, '4 Star',
     'The teacher thinks aloud while modelling, works a second example '
     'with students supplying the steps, and checks that they are ready '
     'before independent work.'),
    (5, '5 Star',
     'Support is withdrawn step by step: the teacher models, the class '
     'completes a partly worked example together, pairs try one, and '
     'students work alone once they have shown they can.')
) AS v (position, score, scoring_logic)
ON CONFLICT DO NOTHING;

-- Connection to prior knowledge
INSERT INTO cgf_rubric_score (criterion_id, position, score, scoring_logic)
SELECT 'c417e000-0002-4000-8000-000000000003'::uuid, v.*
FROM (VALUES
    (1, '1 Star',
     'New content is presented with no link to earlier lessons or to '
     'students'' experience.'),
    (2, '2 Star',
     'An earlier chapter is mentioned in passing ("you did this last '
     'year") but not used.'),
    (3, '3 Star',
     'A quick question at the start recalls prior learning, and one '
     'everyday example is given.'),
    (4, '4 Star',
     'The teacher deliberately brings back what students know (a short '
     'recap, "What do you already know about this?") and uses familiar '
     'examples, such as prices at the market, cricket scores or monsoon '
     'rainfall, to make the idea concrete.'),
    (5, '5 Star',
     'Links run through the lesson: students find their own examples '
     'from home or the neighbourhood, misconceptions from earlier '
     'learning are brought out and corrected, and the teacher shows where '
     'the idea will be used next.')
) AS v (position, score, scoring_logic)
ON CONFLICT DO NOTHING;

-- Lesson closure
INSERT INTO cgf_rubric_score (criterion_id, position, score, scoring_logic)
SELECT 'c417e000-0002-4000-8000-000000000004'::uuid, v.*
FROM (VALUES
    (1, '1 Star',
     'The lesson stops when the bell rings, in the middle of an activity, '
     'with no summary.'),
    (2, '2 Star',
     'The teacher announces homework at the end but does not sum up what '
     'was learnt.'),
    (3, '3 Star',
     'The teacher gives a brief summary of the main points in the last '
     'minutes.'),
    (4, '4 Star',
     'Students are asked to recall the key ideas, the teacher fills the '
     'gaps, and the homework is tied to what was learnt.'),
    (5, '5 Star',
     'The close is planned: every student answers an exit question or '
     'sums up what they learnt, the teacher relates it to the objective, '
     'and the next lesson is previewed.')
) AS v (position, score, scoring_logic)
ON CONFLICT DO NOTHING;
