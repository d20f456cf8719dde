#!/usr/bin/perl
# Contract §1 "auth": bearer tokens on every route but GET /health and CORS
# preflights; 401 with the RFC 6750 challenge; the user in the access log.
use strict;
use warnings;
use Test::More;
use IO::Socket::INET;
use IO::Select;
use Time::HiRes ();
use CGFTest;

my $LIST = '/webhooks/v1/webhook/';
my $ORIGIN = 'https://app.school.example';
my $run = "auth$$" . int(rand(1e6));

# the 401 of the contract: status, challenge, type, loc, request id
sub is_401 {
    my ($res, $type, $name) = @_;
    my $challenge = $res->{headers}{'www-authenticate'} // '';
    my $detail = ($res->{json} && $res->{json}{detail}) || [];

    subtest $name => sub {
        is($res->{status}, 401, 'status 401');
        if ($type eq 'invalid_token') {
            like($challenge, qr/\ABearer realm="cgf", error="invalid_token"\z/,
                 'WWW-Authenticate names the realm and error="invalid_token"');
        }
        else {
            is($challenge, 'Bearer realm="cgf"',
               'WWW-Authenticate: Bearer realm="cgf", without an error');
        }
        is($detail->[0]{type}, $type, "type $type");
        is_deeply($detail->[0]{loc}, ['header', 'authorization'],
                  'loc is ["header", "authorization"]');
        is(scalar @$detail, 1, 'one fault');
        ok(defined $res->{json}{request_id}
               && $res->{json}{request_id} eq
                  ($res->{headers}{'x-request-id'} // ''),
           'the body repeats X-Request-Id');
    };
}

# --- missing or foreign credentials: missing_token ------------------------

is_401(api(GET => $LIST), 'missing_token',
       'no Authorization header: 401 missing_token');
is_401(api(GET => $LIST, headers => {Authorization => 'Basic dXNlcjpwYXNz'}),
       'missing_token', 'another scheme (Basic): 401 missing_token');

# --- a token that does not authenticate: invalid_token --------------------

is_401(api(GET => $LIST, token => 'not-a-token'), 'invalid_token',
       'a malformed token: 401 invalid_token');
is_401(api(GET => $LIST, token => 'cgf_' . ('A' x 42)), 'invalid_token',
       'a token one character short: 401 invalid_token');
is_401(api(GET => $LIST, token => 'cgf_' . ('A' x 43) . '='), 'invalid_token',
       'a token with padding: 401 invalid_token');
is_401(api(GET => $LIST, token => 'cgf_' . ('A' x 42) . '+'), 'invalid_token',
       'a token outside the base64url alphabet: 401 invalid_token');

my $unknown = 'cgf_' . join '', map {
    ('A' .. 'Z', 'a' .. 'z', 0 .. 9, '-', '_')[rand 64] } 1 .. 43;
is_401(api(GET => $LIST, token => $unknown), 'invalid_token',
       'an unknown, well-formed token: 401 invalid_token');

my $good = token("$run-alice");
is(api(GET => $LIST, token => $good)->{status}, 200,
   'a token from cgf_token_issue is accepted');
is(api(GET => $LIST, headers => {Authorization => "bearer $good"})->{status},
   200, 'the scheme name is case-insensitive');

# expired: by a past expires_at, and by a short ttl running out
my $past = token("$run-expired");
sql(q{UPDATE cgf_token SET expires_at = now() - interval '1 second'
      WHERE token_hash = encode(sha256(convert_to(:'p1', 'UTF8')), 'hex')},
    $past);
is_401(api(GET => $LIST, token => $past), 'invalid_token',
       'an expired token: 401 invalid_token');

my $brief = sql("SELECT cgf_token_issue(:'p1', interval '1 second')",
                "$run-brief");
Time::HiRes::sleep(1.5);
is_401(api(GET => $LIST, token => $brief), 'invalid_token',
       'a token whose ttl ran out: 401 invalid_token');

# The test server caches token checks (CGFTokenCache, 30 s) and drops a
# revoked token when PostgreSQL announces it, within a listener tick:
# the answer after a revocation, allowing the documented bound of 2 s.
sub revoked_answer {
    my ($token) = @_;
    my $res;
    for (1 .. 20) {
        $res = api(GET => $LIST, token => $token);
        last if $res->{status} == 401;
        select(undef, undef, undef, 0.1);
    }
    return $res;
}

# revoked: one token, then all of a user's
my $one = token("$run-revoke-one");
is(api(GET => $LIST, token => $one)->{status}, 200,
   'a token works before cgf_token_revoke');
sql("SELECT cgf_token_revoke(:'p1')", $one);
is_401(revoked_answer($one), 'invalid_token',
       'a token revoked by cgf_token_revoke: 401 invalid_token');

my @all = map { token("$run-revoke-all") } 1 .. 2;
is(scalar(grep { api(GET => $LIST, token => $_)->{status} == 200 } @all), 2,
   "a user's tokens work before cgf_token_revoke_user");
sql("SELECT cgf_token_revoke_user(:'p1')", "$run-revoke-all");
is_401(revoked_answer($all[0]), 'invalid_token',
       'the first token after cgf_token_revoke_user: 401 invalid_token');
is_401(revoked_answer($all[1]), 'invalid_token',
       'the second token after cgf_token_revoke_user: 401 invalid_token');
is(api(GET => $LIST, token => $good)->{status}, 200,
   "revoking one user's tokens leaves another user's working");

# --- open routes ----------------------------------------------------------

my $health = api(GET => '/health');
is($health->{status}, 200, 'GET /health needs no token');

my $preflight = api(OPTIONS => $LIST, headers => {
    Origin => $ORIGIN, 'Access-Control-Request-Method' => 'POST',
    'Access-Control-Request-Headers' => 'authorization, content-type'});
is($preflight->{status}, 204,
   'a CORS preflight from an allowed origin needs no token');

is(api(GET => $LIST, headers => {Origin => $ORIGIN})->{status}, 401,
   'a normal request from an allowed origin still needs a token');
is(api(OPTIONS => $LIST)->{status}, 401,
   'OPTIONS that is not a preflight needs a token');
is(api(POST => '/health')->{status}, 401,
   'only GET /health is open: POST /health needs a token');

# --- 401 before 404 -------------------------------------------------------

is_401(api(GET => '/no/such/route'), 'missing_token',
       'an unknown path without a token: 401, not 404');
my $missing = '/webhooks/v1/webhook/00000000-0000-4000-8000-000000000000/';
is_401(api(DELETE => $missing, token => $unknown),
       'invalid_token', 'a missing id with a bad token: 401, not 404');
is(api(GET => '/no/such/route', token => $good)->{status}, 404,
   'an unknown path with a good token: 404');

# --- the access log shows the user (%u) -----------------------------------

# the access log line of one response, found by its request id
sub access_line {
    my ($res) = @_;
    my $rid = $res->{headers}{'x-request-id'} // return;
    my $until = Time::HiRes::time() + 5;

    # httpd writes the line after the response, so it may lag a little
    while (Time::HiRes::time() < $until) {
        if (open my $fh, '<', $ENV{CGF_TEST_ACCESS_LOG}) {
            my ($line) = grep { /\brid=\Q$rid\E\b/ } <$fh>;
            return $line if $line;
        }
        Time::HiRes::sleep(0.1);
    }
    return;
}

SKIP: {
    skip 'CGF_TEST_ACCESS_LOG is not set', 2
        unless $ENV{CGF_TEST_ACCESS_LOG} && -r $ENV{CGF_TEST_ACCESS_LOG};

    my $line = access_line(api(GET => $LIST, token => $good)) // '';
    like($line, qr/\A\S+ \S+ \Q$run\E-alice \[/,
         'the access log shows the authenticated user id');
    $line = access_line(api(GET => $LIST, token => $unknown)) // '';
    like($line, qr/\A\S+ \S+ - \[/,
         'the access log shows no user for a refused token');
}

# --- Expect: 100-continue -------------------------------------------------

# sends the head of a POST with Expect: 100-continue and returns the first
# status line the server sends before any body byte, or "" on a timeout
sub expect_continue {
    my ($auth, $send_body) = @_;
    my ($host, $port) = base_url() =~ m{\Ahttp://([^:/]+):(\d+)}
        or die 'cannot parse ' . base_url() . "\n";
    my $body = '{"endpoint_url": "https://receiver.example/x"}';
    my $sock = IO::Socket::INET->new(PeerAddr => $host, PeerPort => $port,
                                     Proto => 'tcp', Timeout => 10)
        or die "connect: $!\n";

    print {$sock} "POST $LIST HTTP/1.1\r\nHost: $host:$port\r\n"
        . "Authorization: $auth\r\nContent-Type: application/json\r\n"
        . 'Content-Length: ' . length($body) . "\r\n"
        . "Expect: 100-continue\r\nConnection: close\r\n\r\n";

    my $sel = IO::Select->new($sock);
    my $got = '';
    while ($got !~ /\r\n\r\n/ && $sel->can_read(10)) {
        last unless sysread $sock, $got, 4096, length $got;
    }
    my ($first) = $got =~ /\A(HTTP\/1\.1 \d{3})/;
    my $rest = '';
    if ($send_body && ($first // '') =~ / 100\z/) {
        print {$sock} $body;
        while ($sel->can_read(10)) {
            last unless sysread $sock, $rest, 4096, length $rest;
        }
    }
    close $sock;
    return ($first // '', $got . $rest);
}

my ($first, $all) = expect_continue("Bearer $unknown", 0);
is($first, 'HTTP/1.1 401',
   'Expect: 100-continue with a bad token: 401 at once, no 100 Continue');
unlike($all, qr/ 100 Continue/, 'no interim 100 response is sent');

($first, $all) = expect_continue("Bearer $good", 1);
is($first, 'HTTP/1.1 100',
   'Expect: 100-continue with a good token: 100 Continue');
like($all, qr/\r\n\r\nHTTP\/1\.1 400 /,
     'and after the body, the answer (400: api_template is missing)');

done_testing();
