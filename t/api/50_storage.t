#!/usr/bin/perl
# Contract §1 "storage down": a refused, lost or stopped database answers
# 503 storage_unavailable with Retry-After and a JSON body, never a hang,
# a crash or an HTML 500; a lost connection is retried once.
use strict;
use warnings;
use Test::More;
use Time::HiRes ();
use CGFTest;

my $LIST = '/webhooks/v1/webhook/';
my $BOUND = 15;    # seconds: generous, it only tells a hang from an answer
my $run = "store$$" . int(rand(1e6));
my $token = token("$run-a");

# a request and how long it took
sub timed {
    my (@args) = @_;
    my $t0 = Time::HiRes::time();
    my $res = api(@args);
    return ($res, Time::HiRes::time() - $t0);
}

# the 503 of the contract
sub is_503 {
    my ($res, $secs, $name) = @_;
    my $json = $res->{json};
    subtest $name => sub {
        is($res->{status}, 503, 'status 503');
        ok($secs < $BOUND, sprintf 'answered, not hung (%.1f s)', $secs);
        like($res->{headers}{'retry-after'} // '', qr/\A[1-9]\d*\z/,
             'Retry-After in seconds');
        like($res->{headers}{'content-type'} // '', qr{\Aapplication/json},
             'a JSON body');
        is(ref $json eq 'HASH' && $json->{detail}
               ? $json->{detail}[0]{type} : undef,
           'storage_unavailable', 'type storage_unavailable');
        is($json->{request_id}, $res->{headers}{'x-request-id'},
           'the body repeats X-Request-Id');
    };
}

# no 500, no HTML: a status of 200 or 503, and JSON
sub sane {
    my ($res) = @_;
    return ($res->{status} == 200 || $res->{status} == 503)
        && ($res->{headers}{'content-type'} // '') =~ m{\Aapplication/json};
}

# --- a vhost whose database cannot be reached -----------------------------

SKIP: {
    my $nodb = $ENV{CGF_TEST_URL_NODB};
    skip 'CGF_TEST_URL_NODB is not set', 5 unless $nodb;

    is_503(timed(GET => $LIST, base => $nodb, token => $token),
           'unreachable database: an authenticated route answers 503');
    is_503(timed(POST => $LIST, base => $nodb, token => $token,
                 json => {endpoint_url => 'https://receiver.example/x'}),
           'unreachable database: POST answers 503');

    my ($health, $secs) = timed(GET => '/health', base => $nodb);
    ok($health->{status} == 503 && $secs < $BOUND,
       'unreachable database: GET /health answers 503');
    is_deeply($health->{json}, {status => 'unavailable'},
              'with {"status": "unavailable"} and nothing else');

    is(api(GET => $LIST, base => $nodb)->{status}, 401,
       'a request without a token is still 401');
}

# --- the main vhost: connections cut under the module ---------------------

is(api(GET => $LIST, token => $token)->{status}, 200,
   'the main vhost answers 200 with its database up');

for my $round (1 .. 3) {
    # warm every pool a little, so that cut connections are the ones used
    api(GET => $LIST, token => $token) for 1 .. 4;
    my $ended = pg_terminate_backends();
    my $res = api(GET => $LIST, token => $token);
    ok($ended > 0 && $res->{status} == 200,
       "round $round: after pg_terminate_backends ($ended cut), the next "
           . 'request succeeds (retried once on a new connection)')
        or diag("$res->{status} $res->{body}");
}

my @after = map { api(GET => $LIST, token => $token)->{status} } 1 .. 10;
is(scalar(grep { $_ != 200 } @after), 0,
   'every request after the cut connections answers 200');

# --- the main vhost: PostgreSQL restarted ---------------------------------

my $pg_down = 0;
END { local $?; eval { pg_start() } if $pg_down; }

$pg_down = 1;
pg_restart();
$pg_down = 0;
my (@statuses, $insane);
for (1 .. 3) {
    my $res = api(GET => $LIST, token => $token);
    push @statuses, $res->{status};
    $insane++ unless sane($res);
    last if $res->{status} == 200;
}
is($statuses[-1], 200,
   'after pg_restart, a request answers 200 within 3 tries')
    or diag("@statuses");
ok(!$insane, 'and none of them was a 500 or a page that is not JSON');
my @settled = map { api(GET => $LIST, token => $token) } 1 .. 10;
is(scalar(grep { $_->{status} != 200 } @settled), 0,
   'then every request answers 200 again');

# --- the main vhost: PostgreSQL stopped -----------------------------------

$pg_down = 1;    # from here on, END starts PostgreSQL again
pg_stop();

is_503(timed(GET => $LIST, token => $token),
       'database stopped: an authenticated route answers 503');
is_503(timed(GET => $LIST, token => $token),
       'database stopped: and so does the next request');
is_503(timed(PATCH => "${LIST}00000000-0000-4000-8000-000000000000/",
             token => $token,
             json => {endpoint_url => 'https://receiver.example/x'}),
       'database stopped: a PATCH answers 503');
my ($health, $secs) = timed(GET => '/health');
ok($health->{status} == 503 && $secs < $BOUND
       && ($health->{json}{status} // '') eq 'unavailable',
   'database stopped: GET /health answers 503 unavailable');

pg_start();
$pg_down = 0;

# after a failure the vhost answers 503 at once for half a second (so a
# dead database does not hold every worker), then tries again
my @back;
for (1 .. 30) {
    my $res = api(GET => $LIST, token => $token);
    push @back, $res;
    last if $res->{status} == 200;
    select(undef, undef, undef, 0.1);
}
is($back[-1]{status}, 200,
   'database started again: requests answer 200 again within 3 s');
ok(!(grep { !sane($_) } @back), 'never a 500 or a page that is not JSON');
sleep 1;    # past the half second in which other children still pause
is(scalar(grep { $_ != 200 }
          map { api(GET => $LIST, token => $token)->{status} } 1 .. 10),
   0, 'then every request answers 200 again');

done_testing();
