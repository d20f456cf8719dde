#!/usr/bin/perl
# Contract §3: the Idempotency-Key of a submission: replay, mismatch,
# in flight, scope, the header's form, expiry, and that a failed request
# leaves its key free.
use strict;
use warnings;
use Test::More;
use IO::Socket::INET ();
use JSON::PP ();
use POSIX ();
use Time::HiRes ();
use CGFTest;

my $PATH = '/class-track/v1/analysis/';
my $CBSE = 'b0a7d000-0000-4000-8000-000000000001';
my $CBSE_8 = '67ade000-0001-4000-8000-000000000008';
my $CISCE_8 = '67ade000-0002-4000-8000-000000000008';
my $SCIENCE = '5b1ec700-0000-4000-8000-000000000005';
my $RUBRIC_1 = '7b71c000-0000-4000-8000-000000000001';
my $MISSING = '00000000-0000-4000-8000-000000000000';
my $run = "idem$$" . int(rand(1e6));

my $alice = token("$run-alice");
my $bob = token("$run-bob");

sub good {
    my (%change) = @_;
    return {institution_id => 'inst_001', teacher_id => 'teacher_67890',
            board_id => $CBSE, grade_id => $CBSE_8, subject_id => $SCIENCE,
            rubric_id => $RUBRIC_1, analysis_date => '2026-01-15',
            audio_url => 'https://media.school.example/class/8a.mp3',
            %change};
}

sub submit {
    my ($token, $key, $body) = @_;
    return api(POST => $PATH, token => $token, json => $body,
               headers => {'Idempotency-Key' => $key});
}

sub fault {
    my ($res) = @_;
    my $json = $res->{json};
    return {} unless ref $json eq 'HASH' && ref $json->{detail} eq 'ARRAY';
    return $json->{detail}[0] || {};
}

# an answer with one fault of $type at ["header", "idempotency-key"]
sub key_fault {
    my ($res, $status, $type, $name) = @_;
    ok($res->{status} == $status && (fault($res)->{type} // '') eq $type
           && "@{fault($res)->{loc} || []}" eq 'header idempotency-key',
       $name)
        or diag("$res->{status} $res->{body}");
}

sub rows_of_key {
    my ($user, $key) = @_;
    return sql(q{SELECT count(*) FROM cgf_idempotency
                 WHERE owner = :'p1' AND key = :'p2'}, $user, $key);
}

sub analyses_of {
    my ($user) = @_;
    return sql("SELECT count(*) FROM cgf_analysis WHERE owner = :'p1'",
               $user);
}

# --- replay ---------------------------------------------------------------

my $first = submit($alice, 'order-1', good());
is($first->{status}, 202, 'a first request with a key: 202')
    or diag($first->{body});
my $id = $first->{json}{id} // $MISSING;
ok(!exists $first->{headers}{'idempotent-replayed'},
   'the first answer is not marked as replayed');

my $again = submit($alice, 'order-1', good());
is($again->{status}, 202, 'a retry with the same key and body: 202');
is($again->{json}{id}, $id, 'the retry names the same analysis');
is($again->{headers}{'idempotent-replayed'}, 'true',
   'the retry carries Idempotent-Replayed: true');
is($again->{headers}{location}, $first->{headers}{location},
   'the retry carries the same Location');
is($again->{body}, $first->{body},
   'the retry gets the first body, byte for byte');
is(analyses_of("$run-alice"), 1, 'the retry made no second analysis');

sql(q{UPDATE cgf_analysis SET status = 'transcribing',
      updated_at = clock_timestamp() WHERE id = :'p1'}, $id);
my $later = submit($alice, 'order-1', good());
is($later->{body}, $first->{body},
   'a retry after work began still gets the first 202 response unchanged');
is(api(GET => "$PATH$id/", token => $alice)->{json}{status}, 'transcribing',
   'while a read shows the analysis as it is now');

my $reordered = '{ "audio_url" : "https://media.school.example/class/8a.mp3",'
    . "\n  \"analysis_date\":\"2026-01-15\", \"rubric_id\":\"$RUBRIC_1\","
    . "\t\"subject_id\":\"$SCIENCE\", \"grade_id\":\"$CBSE_8\","
    . " \"board_id\":\"$CBSE\", \"teacher_id\":\"teacher_67890\","
    . ' "institution_id":"inst_001" }';
my $same = api(POST => $PATH, token => $alice, raw => $reordered,
               headers => {'Content-Type' => 'application/json',
                           'Idempotency-Key' => 'order-1'});
is($same->{json}{id}, $id, 'key order and white space do not matter');
is($same->{headers}{'idempotent-replayed'}, 'true',
   'a reordered body is a replay');

key_fault(submit($alice, 'order-1', good(teacher_id => 'teacher_2')), 422,
          'idempotency_mismatch',
          'the same key with a different body: 422 idempotency_mismatch');
is(analyses_of("$run-alice"), 1, 'a mismatch stores nothing');

my $bobs = submit($bob, 'order-1', good());
is($bobs->{status}, 202, 'another user may use the same key');
isnt($bobs->{json}{id}, $id,
     'keys are scoped to the user: a second analysis');
ok(!exists $bobs->{headers}{'idempotent-replayed'},
   'another user\'s first use is not a replay');

# --- the header's form ----------------------------------------------------

my @bad_keys = (['', 'an empty key'], ['k' x 256, 'a 256-character key'],
                ['two words', 'a space']);
for my $case (@bad_keys) {
    my ($key, $what) = @$case;
    key_fault(submit($alice, $key, good()), 400, 'invalid_header',
              "a bad Idempotency-Key ($what): 400 invalid_header");
}

# HTTP::Tiny refuses to send these, so they go over a plain socket
sub submit_raw_key {
    my ($key) = @_;
    my ($host, $port) = base_url() =~ m{\Ahttp://([^:/]+):(\d+)}
        or die 'base_url';
    my $body = JSON::PP->new->encode(good());
    my $sock = IO::Socket::INET->new(PeerAddr => $host, PeerPort => $port,
                                     Timeout => 10) or die "connect: $!";
    print {$sock} "POST $PATH HTTP/1.1\r\nHost: $host\r\n"
        . "Authorization: Bearer $alice\r\n"
        . "Content-Type: application/json\r\n"
        . "Idempotency-Key: $key\r\nConnection: close\r\n"
        . 'Content-Length: ' . length($body) . "\r\n\r\n$body";
    my $answer = do { local $/; <$sock> } // '';
    my ($status) = $answer =~ m{\AHTTP/1\.1 (\d+)};
    my ($json) = $answer =~ m{\r\n\r\n(.*)\z}s;
    return {status => $status // 0, body => $json // '',
            json => eval { JSON::PP->new->decode($json) }};
}
key_fault(submit_raw_key("caf\xc3\xa9"), 400, 'invalid_header',
          'a bad Idempotency-Key (non-ASCII bytes): 400 invalid_header');
key_fault(submit_raw_key("a\tb"), 400, 'invalid_header',
          'a bad Idempotency-Key (a tab): 400 invalid_header');
is(submit($alice, 'k' x 255, good())->{status}, 202,
   'a 255-character key is accepted');
is(submit($alice, '!~' x 10, good())->{status}, 202,
   'a key of visible ASCII punctuation is accepted');

my $both = submit($alice, 'two words', good(teacher_id => ''));
is($both->{status}, 400, 'a bad key and a bad body: 400');
is_deeply([sort map { "$_->{type} @{$_->{loc}}" }
           @{$both->{json}{detail} || []}],
          ['invalid_header header idempotency-key',
           'too_short body teacher_id'],
          'the header fault is reported together with the body faults');

# --- a failed request leaves its key free ---------------------------------

my $failed = submit($alice, 'retry-1', good(grade_id => $CISCE_8));
is($failed->{status}, 400, 'a request that fails the catalogue check: 400');
is(rows_of_key("$run-alice", 'retry-1'), 0, 'it claims no key');
my $fresh = submit($alice, 'retry-1', good());
is($fresh->{status}, 202, 'its retry with a good body is handled afresh');
ok(!exists $fresh->{headers}{'idempotent-replayed'},
   'and is not a replay');

submit($alice, 'retry-2', good(analysis_date => '2025-02-30'));
is(submit($alice, 'retry-2', good())->{status}, 202,
   'after a body fault, the key is free as well');

# --- expiry ---------------------------------------------------------------

my $old = submit($alice, 'daily', good())->{json}{id} // $MISSING;
sql(q{UPDATE cgf_idempotency SET created_at = now() - interval '25 hours'
      WHERE owner = :'p1' AND key = 'daily'}, "$run-alice");
my $renewed = submit($alice, 'daily', good(teacher_id => 'teacher_3'));
is($renewed->{status}, 202, 'after 24 hours a key may be used afresh');
isnt($renewed->{json}{id}, $old, 'with a new analysis');
is(sql(q{SELECT analysis_id FROM cgf_idempotency
         WHERE owner = :'p1' AND key = 'daily'}, "$run-alice"),
   $renewed->{json}{id}, 'the key now names the new analysis');
is(sql("SELECT count(*) FROM cgf_analysis WHERE id = :'p1'", $old), 1,
   'the first analysis stays');

submit($alice, 'stale', good());
sql(q{UPDATE cgf_idempotency SET created_at = now() - interval '25 hours'
      WHERE owner = :'p1' AND key = 'stale'}, "$run-alice");
submit($bob, 'sweeper', good());
is(rows_of_key("$run-alice", 'stale'), 0,
   'a later keyed request removes expired claims of other keys');

# --- in flight ------------------------------------------------------------

# A psql session claims a key in an open transaction, holds it for a
# moment, then commits or rolls back: a request with that key meanwhile
# is "still being handled" from the server's point of view.
sub hold_key {
    my ($user, $key, $end) = @_;
    my $aid = sprintf('1dea0000-0000-4000-8000-%012d', int(rand(1e12)));
    my $script = <<"SQL";
BEGIN;
INSERT INTO cgf_analysis (id, owner, institution_id, teacher_id, board_id,
    grade_id, subject_id, rubric_id, analysis_date, audio_url)
VALUES ('$aid', '$user', 'i', 't', '$CBSE', '$CBSE_8', '$SCIENCE',
        '$RUBRIC_1', '2026-01-15', 'https://media.school.example/h.mp3');
INSERT INTO cgf_idempotency (owner, key, body_hash, analysis_id)
VALUES ('$user', '$key', repeat('0', 64), '$aid');
SELECT 'cgf-holder', pg_sleep(1.5);
$end;
SQL
    my $pid = fork // die "fork: $!";
    if ($pid == 0) {
        open STDOUT, '>', '/dev/null';
        open STDERR, '>&', \*STDOUT;
        open my $in, '|-', split(' ', $ENV{CGF_TEST_PSQL}), '-X'
            or POSIX::_exit(1);
        print {$in} $script;
        close $in;
        POSIX::_exit($? ? 1 : 0);
    }

    my $until = Time::HiRes::time() + 10;
    while (Time::HiRes::time() < $until) {
        last if sql(q{SELECT count(*) FROM pg_stat_activity
                      WHERE query LIKE 'SELECT ''cgf-holder''%'
                        AND state = 'active'});
        Time::HiRes::sleep(0.05);
    }
    return $pid;
}

my $holder = hold_key("$run-alice", 'held', 'COMMIT');
my $t0 = Time::HiRes::time();
my $busy = submit($alice, 'held', good());
my $waited = Time::HiRes::time() - $t0;
waitpid $holder, 0;
key_fault($busy, 409, 'idempotency_in_flight',
          'a retry while the first request is in flight: 409 '
          . 'idempotency_in_flight');
ok($waited > 0.3, 'the retry waited for the first request to finish')
    or diag("waited $waited s");
key_fault(submit($alice, 'held', good()), 422, 'idempotency_mismatch',
          'once the first request is done, its key answers as usual');

$holder = hold_key("$run-alice", 'dropped', 'ROLLBACK');
my $taken = submit($alice, 'dropped', good());
waitpid $holder, 0;
is($taken->{status}, 202,
   'when the first request fails meanwhile, the retry is handled afresh');
is(rows_of_key("$run-alice", 'dropped'), 1, 'and holds the key');

# --- a race ---------------------------------------------------------------

# Two processes POST one key at the same moment, five times over: one
# analysis per key, and every answer is a 202 for it or a 409.
sub race {
    my ($key) = @_;
    my $start = Time::HiRes::time() + 0.3;
    my @kids;
    for (1 .. 2) {
        pipe(my $r, my $w) or die "pipe: $!";
        my $pid = fork // die "fork: $!";
        if ($pid == 0) {
            close $r;
            Time::HiRes::sleep($start - Time::HiRes::time())
                if $start > Time::HiRes::time();
            my $res = submit($alice, $key, good());
            print {$w} join(' ', $res->{status}, $res->{json}{id} // '-',
                            fault($res)->{type} // '-');
            close $w;
            POSIX::_exit(0);
        }
        close $w;
        push @kids, [$pid, $r];
    }
    my @answers;
    for my $kid (@kids) {
        my $fh = $kid->[1];
        push @answers, [split ' ', do { local $/; <$fh> } // ''];
        waitpid $kid->[0], 0;
    }
    return @answers;
}

for my $round (1 .. 5) {
    my $key = "race-$round";
    my @answers = race($key);
    my $rows = sql(q{SELECT count(*) FROM cgf_analysis a
                     JOIN cgf_idempotency i ON i.analysis_id = a.id
                     WHERE i.owner = :'p1' AND i.key = :'p2'},
                   "$run-alice", $key);
    my $aid = sql(q{SELECT analysis_id FROM cgf_idempotency
                    WHERE owner = :'p1' AND key = :'p2'}, "$run-alice", $key);
    my @wrong = grep {
        !(($_->[0] // '') eq '202' && ($_->[1] // '') eq ($aid // ''))
            && !(($_->[0] // '') eq '409'
                 && ($_->[2] // '') eq 'idempotency_in_flight')
    } @answers;
    ok($rows == 1 && !@wrong,
       "round $round: two racing requests with one key make one analysis, "
       . 'each answer 202 for it or 409')
        or diag(explain(\@answers));
}

done_testing();
