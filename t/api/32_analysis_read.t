#!/usr/bin/perl
# Contract §3 and §1.2: reading, listing and erasing analyses: the owner
# only, the list's filters, pages and cursors, and what DELETE erases.
use strict;
use warnings;
use Test::More;
use CGFTest;

my $PATH = '/class-track/v1/analysis/';
my $CBSE = 'b0a7d000-0000-4000-8000-000000000001';
my $CBSE_8 = '67ade000-0001-4000-8000-000000000008';
my $SCIENCE = '5b1ec700-0000-4000-8000-000000000005';
my $RUBRIC_1 = '7b71c000-0000-4000-8000-000000000001';
my $MISSING = '00000000-0000-4000-8000-000000000000';
my $run = "read$$" . int(rand(1e6));

my $alice = token("$run-alice");
my $bob = token("$run-bob");

sub submit {
    my ($token, %change) = @_;
    my $res = api(POST => $PATH, token => $token,
                  json => {institution_id => 'inst_001',
                           teacher_id => 'teacher_1', board_id => $CBSE,
                           grade_id => $CBSE_8, subject_id => $SCIENCE,
                           rubric_id => $RUBRIC_1,
                           analysis_date => '2026-01-15',
                           audio_url => 'https://media.school.example/a.mp3',
                           %change});
    die "submit: $res->{status} $res->{body}\n" unless $res->{status} == 202;
    return $res->{json};
}

sub list {
    my ($token, $query) = @_;
    return api(GET => $PATH . (defined $query ? "?$query" : ''),
               token => $token);
}

sub ids {
    my ($res) = @_;
    return [map { $_->{id} } @{($res->{json} || {})->{items} || []}];
}

# a 400 whose first fault is $type at ["query", $name]
sub query_fault {
    my ($res, $type, $name, $what) = @_;
    my $f = (($res->{json} || {})->{detail} || [])->[0] || {};
    ok($res->{status} == 400 && ($f->{type} // '') eq $type
           && "@{$f->{loc} || []}" eq "query $name",
       $what)
        or diag("$res->{status} $res->{body}");
}

# --- reading --------------------------------------------------------------

my $mine = submit($alice);
my $id = $mine->{id};
my $got = api(GET => "$PATH$id/", token => $alice);
is($got->{status}, 200, 'the owner reads an analysis: 200');
is_deeply($got->{json}, $mine, 'the read shows what the 202 showed');
is(api(GET => "$PATH$id", token => $alice)->{status}, 200,
   'the trailing slash is optional');
is($got->{headers}{'cache-control'}, 'no-store', 'Cache-Control: no-store');

my $missing = api(GET => "$PATH$MISSING/", token => $alice);
my $others = api(GET => "$PATH$id/", token => $bob);
my $malformed = api(GET => "${PATH}not-a-uuid/", token => $alice);
my $upper = api(GET => $PATH . uc($id) . '/', token => $alice);
is($missing->{status}, 404, 'a missing analysis: 404');
is($others->{status}, 404, 'another user\'s analysis: 404');
is($malformed->{status}, 404, 'a malformed id: 404');
is($upper->{status}, 404, 'an upper-case id: 404');
is_deeply([map { $_->{json}{detail} } $others, $malformed, $upper],
          [($missing->{json}{detail}) x 3],
          'missing, another user\'s and malformed ids answer the same detail');

# --- listing --------------------------------------------------------------

my @made = ($mine);
push @made, submit($alice, teacher_id => 'teacher_2');
push @made, submit($alice, institution_id => 'inst_002');
push @made, submit($alice, analysis_date => '2025-03-01');
push @made, submit($alice, analysis_date => '2025-03-31',
                   teacher_id => 'teacher_2');
my @newest_first = reverse map { $_->{id} } @made;
my $theirs = submit($bob);

my $all = list($alice);
is($all->{status}, 200, 'the list answers 200');
is_deeply(ids($all), \@newest_first,
          'the list shows only the caller\'s analyses, newest first');
ok(exists $all->{json}{next_cursor} && !defined $all->{json}{next_cursor},
   'the last page has next_cursor null');
ok(!grep({ $_ eq $theirs->{id} } @{ids($all)}),
   'another user\'s analysis is not listed');

my (@paged, $cursor, $pages);
do {
    my $page = list($alice, 'limit=2' . ($cursor ? "&cursor=$cursor" : ''));
    push @paged, @{ids($page)};
    $cursor = $page->{json}{next_cursor};
    $pages++;
} while ($cursor && $pages < 10);
is($pages, 3, 'limit=2 pages five analyses in three pages');
is_deeply(\@paged, \@newest_first,
          'the pages hold every analysis once, in order');

is_deeply(ids(list($alice, 'teacher_id=teacher_2')),
          [$newest_first[0], $newest_first[3]], 'filter by teacher_id');
is_deeply(ids(list($alice, 'institution_id=inst_002')), [$made[2]{id}],
          'filter by institution_id');
sql(q{UPDATE cgf_analysis SET status = 'failed' WHERE id = :'p1'},
    $made[1]{id});
is_deeply(ids(list($alice, 'status=failed')), [$made[1]{id}],
          'filter by status');
is_deeply(ids(list($alice, 'status=completed')), [],
          'a status nobody has lists nothing');
is_deeply(ids(list($alice, 'from=2026-01-01')),
          [map { $_->{id} } reverse @made[0 .. 2]],
          'filter from a date, inclusive');
is_deeply(ids(list($alice, 'to=2025-03-31')),
          [$made[4]{id}, $made[3]{id}], 'filter up to a date, inclusive');
is_deeply(ids(list($alice, 'from=2025-03-01&to=2025-03-01')),
          [$made[3]{id}], 'from and to on one day');
is_deeply(ids(list($alice, 'teacher_id=teacher_2&to=2025-12-31')),
          [$made[4]{id}], 'filters combine');
is_deeply(ids(list($alice, 'from=2099-01-01')), [],
          'a date filter in the future is allowed and lists nothing');

my $first = list($alice, 'teacher_id=teacher_2&limit=1');
my $next = $first->{json}{next_cursor} // 'none';
is_deeply(ids(list($alice, "teacher_id=teacher_2&limit=1&cursor=$next")),
          [$newest_first[3]], 'a cursor continues its filtered list');
query_fault(list($alice, "teacher_id=teacher_1&limit=1&cursor=$next"),
            'invalid_cursor', 'cursor',
            'a cursor reused with another filter value: invalid_cursor');
query_fault(list($alice, "limit=1&cursor=$next"), 'invalid_cursor',
            'cursor', 'a cursor reused without its filter: invalid_cursor');
query_fault(list($alice, "teacher_id=teacher_2&status=queued&cursor=$next"),
            'invalid_cursor', 'cursor',
            'a cursor reused with an added filter: invalid_cursor');
query_fault(list($bob, "teacher_id=teacher_2&limit=1&cursor=$next"),
            'invalid_cursor', 'cursor',
            'a cursor of another user: invalid_cursor');
query_fault(list($alice, 'cursor=bm90LWEtY3Vyc29y'), 'invalid_cursor',
            'cursor', 'a malformed cursor: invalid_cursor');

query_fault(list($alice, 'limit=0'), 'out_of_range', 'limit',
            'limit 0: out_of_range');
query_fault(list($alice, 'limit=101'), 'out_of_range', 'limit',
            'limit 101: out_of_range');
query_fault(list($alice, 'teacher_id='), 'too_short', 'teacher_id',
            'an empty teacher_id: too_short');
query_fault(list($alice, 'institution_id=' . 'i' x 129), 'too_long',
            'institution_id', 'an institution_id over 128 bytes: too_long');
query_fault(list($alice, 'teacher_id=%FF'), 'invalid_characters',
            'teacher_id', 'a teacher_id that is not UTF-8');
query_fault(list($alice, 'status=done'), 'out_of_range', 'status',
            'a status outside the six: out_of_range');
query_fault(list($alice, 'from=2025-02-30'), 'invalid_date', 'from',
            'from on Feb 30: invalid_date');
query_fault(list($alice, 'to=2025-3-1'), 'invalid_date', 'to',
            'to in another format: invalid_date');
query_fault(list($alice, 'from=2025-04-01&to=2025-03-01'), 'out_of_range',
            'from', 'from after to: out_of_range');
query_fault(list($alice, 'teacher=teacher_1'), 'unknown_field', 'teacher',
            'an unknown query parameter: unknown_field');
query_fault(list($alice, 'status=queued&status=failed'), 'duplicate_key',
            'status', 'a repeated filter: duplicate_key');

# --- erasing --------------------------------------------------------------

my $victim = $made[0]{id};
sql(q{INSERT INTO cgf_idempotency (owner, key, body_hash, analysis_id)
      VALUES (:'p1', 'erase-me', repeat('0', 64), :'p2')},
    "$run-alice", $victim);

is(api(DELETE => "$PATH$victim/", token => $bob)->{status}, 404,
   'another user cannot erase an analysis: 404');
is(api(GET => "$PATH$victim/", token => $alice)->{status}, 200,
   'and it is still there');
is(api(DELETE => "${PATH}not-a-uuid/", token => $alice)->{status}, 404,
   'DELETE of a malformed id: 404');

my $erase = api(DELETE => "$PATH$victim/", token => $alice);
is($erase->{status}, 204, 'the owner erases an analysis: 204');
is($erase->{body}, '', 'with no body');
is(api(GET => "$PATH$victim/", token => $alice)->{status}, 404,
   'an erased analysis reads as 404');
is(api(DELETE => "$PATH$victim/", token => $alice)->{status}, 404,
   'erasing it again: 404');
is(sql("SELECT count(*) FROM cgf_analysis WHERE id = :'p1'", $victim), 0,
   'the analysis row is gone');
is(sql("SELECT count(*) FROM cgf_job WHERE analysis_id = :'p1'", $victim), 0,
   'its queue rows are gone');
is(sql("SELECT count(*) FROM cgf_idempotency WHERE analysis_id = :'p1'",
       $victim), 0, 'its idempotency claim is gone');
ok(!grep({ $_ eq $victim } @{ids(list($alice))}),
   'an erased analysis is not listed');
is(sql("SELECT count(*) FROM cgf_job WHERE analysis_id = :'p1'",
       $made[1]{id}), 1, 'other analyses keep their queue rows');

done_testing();
