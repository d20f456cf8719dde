#!/usr/bin/perl
# Contract §2 "PATCH rules": what may change, the secret, immutable and
# unknown fields, updated_at and the ETag, If-Match, conflicts, and the
# secret never leaving the module in plain text.
use strict;
use warnings;
use Test::More;
use JSON::PP ();
use CGFTest;

my $TEMPLATE = '6f1d2a3b-0c4e-4a5f-9b6d-7e8f9a0b1c2d';
my $LIST = '/webhooks/v1/webhook/';
my $run = "patch$$" . int(rand(1e6));
my $user = "$run-alice";
my $alice = token($user);

# the secrets this file sends: none may come back in any response
my @secrets = ("first-secret-$run", "second-secret-$run");
my @seen;

sub call {
    my $res = api(@_);
    push @seen, $res;
    return $res;
}

sub types_of {
    my ($res) = @_;
    my $json = $res->{json};
    return '' unless ref $json eq 'HASH' && ref $json->{detail} eq 'ARRAY';
    return join ' ', map { $_->{type} // '?' } @{$json->{detail}};
}

# the stored row, every column as text
sub row_of {
    my ($id) = @_;
    my ($row) = sql(q{SELECT id, owner, api_template_id, endpoint_url,
                             coalesce(secret_enc, '<null>'), status, version,
                             created_at, updated_at
                      FROM cgf_webhook WHERE id = :'p1'}, $id);
    return join '|', @{$row || []};
}

sub sealed_of {
    my ($id) = @_;
    return scalar sql(q{SELECT coalesce(secret_enc, '<null>')
                        FROM cgf_webhook WHERE id = :'p1'}, $id);
}

my $made = call(POST => $LIST, token => $alice,
                json => {api_template => $TEMPLATE,
                         endpoint_url => 'https://receiver.example/p0',
                         secret_hash => $secrets[0]});
is($made->{status}, 201, 'fixture: a webhook with a secret');
my $id = $made->{json}{id} // '00000000-0000-4000-8000-000000000000';
my $ITEM = "$LIST$id/";
my $created_at = $made->{json}{created_at};

sub patch {
    my ($json, %headers) = @_;
    return call(PATCH => $ITEM, token => $alice, json => $json,
                headers => \%headers);
}

# --- what changes ---------------------------------------------------------

my $sealed0 = sealed_of($id);
my $res = patch({endpoint_url => 'https://Receiver.Example:443/p1/'});
is($res->{status}, 200, 'PATCH of endpoint_url: 200');
is($res->{json}{endpoint_url}, 'https://receiver.example/p1/',
   'the new endpoint_url is stored normalised');
is_deeply(call(GET => $ITEM, token => $alice)->{json}, $res->{json},
          'the response is the stored webhook');
ok($res->{json}{has_secret}, 'secret_hash absent: has_secret stays true');
is(sealed_of($id), $sealed0, 'secret_hash absent: the sealed secret is kept');
is($res->{json}{created_at}, $created_at, 'created_at does not change');
is($res->{json}{id}, $id, 'id does not change');
is($res->{json}{created_by}, $user, 'created_by does not change');
is($res->{json}{status}, 'enabled', 'status does not change');

$res = patch({endpoint_url => 'https://receiver.example/p1/',
              secret_hash => $secrets[1]});
ok($res->{status} == 200 && $res->{json}{has_secret},
   'secret_hash as a string replaces it: has_secret true');
my $sealed1 = sealed_of($id);
isnt($sealed1, $sealed0, 'and the stored sealed secret changes');

$res = patch({endpoint_url => 'https://receiver.example/p1/',
              secret_hash => undef});
ok($res->{status} == 200 && JSON::PP::is_bool($res->{json}{has_secret})
       && !$res->{json}{has_secret},
   'secret_hash null removes it: has_secret false');
is(sealed_of($id), '<null>', 'and nothing sealed is left');

$res = patch({endpoint_url => 'https://receiver.example/p1/',
              secret_hash => $secrets[0]});
ok($res->{status} == 200 && $res->{json}{has_secret},
   'a secret can be set again after removal');

# --- what is refused ------------------------------------------------------

my $before = row_of($id);
for my $case ([{}, 'an empty body'],
              [{secret_hash => 'only-the-secret'}, 'only secret_hash']) {
    my ($json, $name) = @$case;
    $res = patch($json);
    ok($res->{status} == 400 && types_of($res) eq 'missing'
           && "@{$res->{json}{detail}[0]{loc}}" eq 'body endpoint_url',
       "endpoint_url is required in every PATCH ($name): 400 missing");
}

my %immutable = (api_template => $TEMPLATE, status => 'disabled',
                 created_by => 'mallory', id => $id,
                 created_at => $created_at, updated_at => $created_at);
for my $field (sort keys %immutable) {
    $res = patch({endpoint_url => 'https://receiver.example/imm',
                  $field => $immutable{$field}});
    ok($res->{status} == 400 && types_of($res) eq 'immutable_field'
           && "@{$res->{json}{detail}[0]{loc}}" eq "body $field",
       "$field in the body: 400 immutable_field at [\"body\", \"$field\"]");
}
$res = patch({endpoint_url => 'https://receiver.example/imm', %immutable});
is(types_of($res), join(' ', ('immutable_field') x 6),
   'all six immutable fields: one entry per field');
is_deeply([sort map { $_->{loc}[1] } @{$res->{json}{detail} || []}],
          [sort keys %immutable], 'each entry names its field');

$res = patch({endpoint_url => 'https://receiver.example/imm', colour => 1});
ok($res->{status} == 400 && types_of($res) eq 'unknown_field'
       && "@{$res->{json}{detail}[0]{loc}}" eq 'body colour',
   'an unknown field: 400 unknown_field');

my %secret_bad = (
    'x' x 7 => ['too_short', '7 bytes'],
    'x' x 513 => ['too_long', '513 bytes'],
    "\x{e9}\x{e9}\x{e9}a" => ['too_short', '4 characters in 7 bytes'],
);
for my $secret (sort keys %secret_bad) {
    my ($type, $name) = @{$secret_bad{$secret}};
    $res = patch({endpoint_url => 'https://receiver.example/imm',
                  secret_hash => $secret});
    ok($res->{status} == 400 && types_of($res) eq $type
           && "@{$res->{json}{detail}[0]{loc}}" eq 'body secret_hash',
       "secret_hash of $name: 400 $type");
}
for my $case ([42, 'a number'], [JSON::PP::true, 'a boolean'],
              [['x' x 8], 'an array']) {
    $res = patch({endpoint_url => 'https://receiver.example/imm',
                  secret_hash => $case->[0]});
    ok($res->{status} == 400 && types_of($res) eq 'wrong_type',
       "secret_hash as $case->[1]: 400 wrong_type");
}
$res = patch({endpoint_url => 'http://receiver.example/imm'});
is(types_of($res), 'url_scheme', 'the new endpoint_url follows §1.3');
$res = patch({status => 'disabled', colour => 1, secret_hash => 7});
is_deeply([sort split ' ', types_of($res)],
          [sort qw(immutable_field unknown_field missing wrong_type)],
          'every fault of a PATCH is reported at once');
is(row_of($id), $before, 'no refused PATCH changed the stored row');

for my $secret ('x' x 8, 'y' x 512, "\x{e9}" x 4) {
    $res = patch({endpoint_url => 'https://receiver.example/p1/',
                  secret_hash => $secret});
    is($res->{status}, 200,
       'secret_hash of ' . length($secret) . ' characters, 8..512 bytes: 200');
}
push @secrets, 'x' x 8, 'y' x 512;

# --- updated_at and ETag --------------------------------------------------

my (@times, @tags);
for my $n (1 .. 5) {
    $res = patch({endpoint_url => 'https://receiver.example/same'});
    push @times, $res->{json}{updated_at} // '';
    push @tags, $res->{headers}{etag} // '';
}
ok(!(grep { $times[$_] le $times[$_ - 1] } 1 .. $#times),
   'updated_at strictly increases with every PATCH, even an identical one')
    or diag("@times");
is(scalar(keys %{{map { $_ => 1 } @tags}}), 5,
   'the ETag changes with every PATCH');
ok(!(grep { !/\A"[^"]+"\z/ } @tags), 'every ETag is strong');
is(call(GET => $ITEM, token => $alice)->{headers}{etag}, $tags[-1],
   'GET answers the ETag of the last PATCH');

# --- If-Match -------------------------------------------------------------

my $current = $tags[-1];
$res = patch({endpoint_url => 'https://receiver.example/m1'},
             'If-Match' => $current);
is($res->{status}, 200, 'If-Match with the current ETag: 200');
$current = $res->{headers}{etag};

$before = row_of($id);
$res = patch({endpoint_url => 'https://receiver.example/m2'},
             'If-Match' => $tags[0]);
ok($res->{status} == 412 && types_of($res) eq 'precondition_failed',
   'If-Match with a stale ETag: 412 precondition_failed');
is(row_of($id), $before, 'and nothing changed');

(my $weak = $current) =~ s/\A/W\//;
$res = patch({endpoint_url => 'https://receiver.example/m2'},
             'If-Match' => $weak);
is($res->{status}, 412, "a weak tag ($weak) never matches: 412");
is(row_of($id), $before, 'and nothing changed');

$res = patch({endpoint_url => 'https://receiver.example/m3'},
             'If-Match' => qq{"nope", $current});
is($res->{status}, 200, 'If-Match with a list naming the current ETag: 200');

$res = patch({endpoint_url => 'https://receiver.example/m4'},
             'If-Match' => '*');
is($res->{status}, 200, 'If-Match: * matches an existing webhook: 200');

$res = call(PATCH => "${LIST}00000000-0000-4000-8000-000000000000/",
            token => $alice, headers => {'If-Match' => '*'},
            json => {endpoint_url => 'https://receiver.example/m5'});
is($res->{status}, 404, 'If-Match: * on a missing webhook: 404');

# --- conflicts ------------------------------------------------------------

my $sibling = call(POST => $LIST, token => $alice,
                   json => {api_template => $TEMPLATE,
                            endpoint_url => 'https://receiver.example/taken'});
is($sibling->{status}, 201, 'fixture: a second webhook of the same owner');
$before = row_of($id);
$res = patch({endpoint_url => 'https://RECEIVER.example/taken'});
ok($res->{status} == 409 && types_of($res) eq 'conflict',
   "PATCH to an endpoint_url the owner already uses: 409 conflict");
is(row_of($id), $before, 'and nothing changed');
is(patch({endpoint_url => 'https://receiver.example/m4'})->{status}, 200,
   'PATCH to its own endpoint_url is no conflict');

my $bob = token("$run-bob");
my $bobs = call(POST => $LIST, token => $bob,
                json => {api_template => $TEMPLATE,
                         endpoint_url => 'https://receiver.example/bob'});
is(patch({endpoint_url => 'https://receiver.example/bob'})->{status}, 200,
   "another user's endpoint_url is no conflict");

# --- the secret stays sealed ----------------------------------------------

my @leaks;
for my $r (@seen) {
    my $text = join "\n", $r->{body},
        map { ref $_ ? @$_ : $_ } %{$r->{headers}};
    push @leaks, grep { index($text, $_) >= 0 } @secrets;
}
is(scalar @leaks, 0,
   'no response body or header of this file holds a secret ('
       . scalar(@seen) . ' responses)');

is(sql(q{SELECT count(*) FROM cgf_webhook
         WHERE secret_enc LIKE '%' || :'p1' || '%'
            OR secret_enc LIKE '%' || :'p2' || '%'}, @secrets[0, 1]),
   0, 'the database holds no plain secret');
like(sealed_of($id), qr/\Av1\./, 'the sealed secret starts with "v1."');
my $fresh = call(POST => $LIST, token => $alice,
                 json => {api_template => $TEMPLATE,
                          endpoint_url => 'https://receiver.example/fresh',
                          secret_hash => $secrets[1]});
like(sealed_of($fresh->{json}{id} // ''), qr/\Av1\.[A-Za-z0-9_-]+\z/,
     'a secret sealed by POST starts with "v1." too');
isnt(sealed_of($fresh->{json}{id} // ''), $sealed1,
     'the same secret seals differently for another webhook');

SKIP: {
    skip 'CGF_TEST_ERROR_LOG is not set', 1 unless $ENV{CGF_TEST_ERROR_LOG};
    my @logged = grep { my $l = $_; grep { index($l, $_) >= 0 } @secrets }
        error_log_lines();
    is(scalar @logged, 0, 'the error log holds no secret');
}

done_testing();
