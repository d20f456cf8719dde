#!/usr/bin/perl
# Contract §4: boards, their grades and subjects, and rubrics, read-only,
# with the seeded fixed ids of docs/catalogue.md.
use strict;
use warnings;
use Test::More;
use CGFTest;

my $CBSE = 'b0a7d000-0000-4000-8000-000000000001';
my $CISCE = 'b0a7d000-0000-4000-8000-000000000002';
my $CBSE_8 = '67ade000-0001-4000-8000-000000000008';
my $CISCE_8 = '67ade000-0002-4000-8000-000000000008';
my $SCIENCE = '5b1ec700-0000-4000-8000-000000000005';
my $PHYSICS = '5b1ec700-0000-4000-8000-000000000008';
my $RUBRIC_1 = '7b71c000-0000-4000-8000-000000000001';
my $RUBRIC_2 = '7b71c000-0000-4000-8000-000000000002';
my $MISSING = '00000000-0000-4000-8000-000000000000';
my $TIME = qr/\A\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z\z/;
my $run = "cat$$" . int(rand(1e6));

my $alice = token("$run-alice");

sub get {
    my ($path) = @_;
    return api(GET => $path, token => $alice);
}

# the same 404 for every id that names nothing
my $not_found = get("/metadata/v1/board/$MISSING/grades");
sub is_not_found {
    my ($res, $what) = @_;
    ok($res->{status} == 404
           && ($res->{json}{detail}[0]{type} // '') eq 'not_found',
       $what)
        or diag("$res->{status} $res->{body}");
}

# --- boards ---------------------------------------------------------------

my $boards = get('/metadata/v1/board');
is($boards->{status}, 200, 'GET /metadata/v1/board: 200');
is(ref $boards->{json}, 'ARRAY', 'the boards are a JSON array');
is(scalar @{$boards->{json} || []}, 11, 'the eleven seeded boards');
is_deeply($boards->{json}[0], {id => $CBSE, name => 'CBSE'},
          'each board is {id, name}; CBSE comes first');
is_deeply([map { $_->{id} } @{$boards->{json} || []}],
          [map { sprintf 'b0a7d000-0000-4000-8000-0000000000%02d', $_ }
           1 .. 11],
          'boards come in their sort order, with the fixed ids');
is(get('/metadata/v1/board/')->{status}, 200,
   'the trailing slash is optional');
is($boards->{headers}{'cache-control'}, 'no-store',
   'Cache-Control: no-store');
is(api(GET => '/metadata/v1/board')->{status}, 401,
   'the catalogue asks for a token');
is(get('/metadata/v1/board?limit=5')->{status}, 400,
   'an unknown query parameter: 400');

# --- grades ---------------------------------------------------------------

my $grades = get("/metadata/v1/board/$CBSE/grades");
is($grades->{status}, 200, 'the grades of a board: 200');
is_deeply([map { $_->{name} } @{$grades->{json} || []}],
          ['Nursery', 'LKG', 'UKG', map { "Grade $_" } 1 .. 12],
          'a board\'s grades come in order, Nursery to Grade 12');
is_deeply((grep { $_->{id} eq $CBSE_8 } @{$grades->{json} || []})[0],
          {id => $CBSE_8, name => 'Grade 8'},
          'each grade is {id, name}, with the fixed ids');
ok(!grep({ $_->{id} eq $CISCE_8 } @{$grades->{json} || []}),
   'another board\'s grades are not listed');

is_not_found($not_found, 'the grades of an unknown board: 404');
is_not_found(get('/metadata/v1/board/CBSE/grades'),
             'the grades of a malformed board id: 404');
is_not_found(get('/metadata/v1/board/' . uc($CBSE) . '/grades'),
             'the grades of an upper-case board id: 404');

# --- subjects -------------------------------------------------------------

my $subjects = get("/metadata/v1/board/$CBSE/grades/$CBSE_8/subjects");
is($subjects->{status}, 200, 'the subjects of a board\'s grade: 200');
my %offered = map { ($_->{id} => $_->{name}) } @{$subjects->{json} || []};
is($offered{$SCIENCE}, 'Science', 'CBSE Grade 8 offers Science');
ok(!exists $offered{$PHYSICS}, 'CBSE Grade 8 does not offer Physics alone');
is_deeply([sort keys %{$subjects->{json}[0] || {}}], [qw(id name)],
          'each subject is {id, name}');

is_not_found(get("/metadata/v1/board/$CBSE/grades/$CISCE_8/subjects"),
             'a grade of another board: 404');
is_not_found(get("/metadata/v1/board/$MISSING/grades/$CBSE_8/subjects"),
             'the subjects of an unknown board: 404');
is_not_found(get("/metadata/v1/board/$CBSE/grades/$MISSING/subjects"),
             'the subjects of an unknown grade: 404');
is_not_found(get("/metadata/v1/board/$CBSE/grades/8/subjects"),
             'the subjects of a malformed grade id: 404');
is(get("/metadata/v1/board/$CISCE/grades/$CISCE_8/subjects")->{status}, 200,
   'the same grade under its own board: 200');

# --- rubrics --------------------------------------------------------------

my $rubrics = get('/rubrics/v1/rubric/');
is($rubrics->{status}, 200, 'GET /rubrics/v1/rubric/: 200');
is_deeply([keys %{$rubrics->{json} || {}}], ['items'],
          'the rubric list is {"items": [...]}');
is_deeply([map { $_->{id} } @{$rubrics->{json}{items} || []}],
          [$RUBRIC_1, $RUBRIC_2], 'both seeded rubrics, by integer id');

my $one = get("/rubrics/v1/rubric/$RUBRIC_1/");
is($one->{status}, 200, 'a rubric by its uuid: 200');
my $r = $one->{json} || {};
is_deeply([sort keys %$r],
          [sort qw(id legacyId name description rubricCriteria createdAt
                   modifiedAt)],
          'a rubric has the public service\'s camelCase fields');
is($r->{legacyId}, 1, 'legacyId is the integer id');
like($r->{createdAt} // '', $TIME, 'createdAt is RFC 3339 UTC with us');
like($r->{modifiedAt} // '', $TIME, 'modifiedAt is RFC 3339 UTC with us');
is_deeply([map { $_->{name} } @{$r->{rubricCriteria} || []}],
          ['Questioning', 'Student participation', 'Clarity of explanation',
           'Pacing', 'Checking for understanding', 'Classroom climate'],
          'criteria come by position');

my $c = ($r->{rubricCriteria} || [])->[0] || {};
is_deeply([sort keys %$c],
          [sort qw(id name description minScore maxScore scoringLogic
                   createdAt modifiedAt)],
          'a criterion has the public service\'s camelCase fields');
is($c->{id}, 'c417e000-0001-4000-8000-000000000001',
   'criteria have the fixed ids');
is_deeply([$c->{minScore}, $c->{maxScore}], ['1 Star', '5 Star'],
          'scores are written as the public service writes them');
is_deeply([map { $_->{score} } @{$c->{scoringLogic} || []}],
          [map { "$_ Star" } 1 .. 5],
          'scoringLogic runs from the lowest score to the highest');
is_deeply([sort keys %{$c->{scoringLogic}[0] || {}}],
          [qw(score scoringLogic)],
          'each scoringLogic entry is {score, scoringLogic}');
is_deeply($rubrics->{json}{items}[0], $r,
          'the list holds the same documents as the single reads');

is_deeply(get('/rubrics/v1/rubric/1')->{json}, $r,
          'a rubric by its integer id is the same document');
is(get('/rubrics/v1/rubric/2/')->{json}{id}, $RUBRIC_2,
   'integer id 2 names the Lesson Structure Rubric');

for my $case (['01', 'a leading zero'], ['+1', 'a sign'],
              ['1.0', 'a real number'], ['0', 'zero'],
              ['2147483648', 'an integer above 2147483647'],
              ['999', 'an unknown integer id'], [$MISSING, 'an unknown uuid'],
              [uc $RUBRIC_1, 'an upper-case uuid'], ['abc', 'a word']) {
    my ($id, $what) = @$case;
    is_not_found(get("/rubrics/v1/rubric/$id/"), "a rubric id ($what): 404");
}

done_testing();
