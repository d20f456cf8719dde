# Faults found by trying to break the webhook routes, each held at the
# right value: If-Match tags that are no version of ours, forged list
# cursors, a DELETE that races a PATCH or a DELETE without If-Match.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/../lib";
use Test::More;
use Digest::SHA qw(sha256_hex);
use MIME::Base64 qw(encode_base64url);
use POSIX ();
use Time::HiRes ();
use CGFTest;

my $TEMPLATE = '6f1d2a3b-0c4e-4a5f-9b6d-7e8f9a0b1c2d';
my $user = 'regress-' . $$;
my $token = token($user);

sub create {
    my ($tag) = @_;
    my $res = api(POST => '/webhooks/v1/webhook/', token => $token,
                  json => {api_template => $TEMPLATE,
                           endpoint_url => "https://r.example/$tag-$$"});
    die "create: $res->{status}" unless $res->{status} == 201;
    return $res->{json}{id};
}

sub patch {
    my ($id, %headers) = @_;
    return api(PATCH => "/webhooks/v1/webhook/$id/", token => $token,
               headers => \%headers,
               json => {endpoint_url => "https://r.example/p-$$-"
                                        . int(rand(1e9))});
}

# --- If-Match: tags we never issue never match, and never fail ----------

my $id = create('ifmatch');
for my $tag ('"9999999999999999999"', '"99999999999999999999999"', '"01"',
             '"0"', '"1.0"', '"-1"') {
    my $res = patch($id, 'If-Match' => $tag);
    is($res->{status}, 412, "If-Match $tag is no version of ours: 412");
    is($res->{json}{detail}[0]{type}, 'precondition_failed',
       "If-Match $tag: precondition_failed");
}
is(api(DELETE => "/webhooks/v1/webhook/$id/", token => $token,
       headers => {'If-Match' => '"9999999999999999999"'})->{status}, 412,
   'DELETE with an overflowing If-Match: 412, not 500');
is(patch($id, 'If-Match' => '"1"')->{status}, 200,
   'the real version still matches');

# --- forged cursors: range-checked, never a database error ----------------

my $scope = substr(sha256_hex("webhook|$user"), 0, 12);
for my $us ('9999999999999999999', '9223372036854775807', '0001',
            '99999999999999999') {
    my $cursor = encode_base64url("$us.$id.$scope");
    my $res = api(GET => "/webhooks/v1/webhook/?cursor=$cursor",
                  token => $token);
    is($res->{status}, 400, "a forged cursor at $us: 400");
    is($res->{json}{detail}[0]{type}, 'invalid_cursor',
       "a forged cursor at $us: invalid_cursor");
}

# --- a PATCH or DELETE without If-Match that loses to a DELETE ------------

# Hold the webhook's row locked in a psql session, start the request,
# delete the row in that session and commit: the request then finds
# nothing, which is a 404, not a stale ETag.
sub lose_to_delete {
    my ($method) = @_;
    my $victim = create("race-$method");
    my $script = "BEGIN;\n"
        . "SELECT id FROM cgf_webhook WHERE id = '$victim' FOR UPDATE;\n"
        . "SELECT pg_sleep(1.5);\n"
        . "DELETE FROM cgf_webhook WHERE id = '$victim';\nCOMMIT;\n";
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
    Time::HiRes::sleep(0.5);
    my $res = $method eq 'PATCH'
        ? patch($victim)
        : api(DELETE => "/webhooks/v1/webhook/$victim/", token => $token);
    waitpid $pid, 0;
    return $res;
}

my $res = lose_to_delete('PATCH');
is($res->{status}, 404, 'a PATCH without If-Match that loses to a DELETE: '
   . '404, not 412');
$res = lose_to_delete('DELETE');
is($res->{status}, 404, 'a DELETE without If-Match that loses to a DELETE: '
   . '404, not 412');

done_testing();
