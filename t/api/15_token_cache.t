# The token cache (CGFTokenCache shmcb, CGFTokenCacheTime 30 in the test
# config; contract §5 "revocation takes effect within a bounded,
# documented time"): checks are served from shared memory, a revocation
# takes effect within a listener tick, and a token cached for one vhost
# does not pass on another vhost's database.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/../lib";
use Test::More;
use CGFTest;

my $LIST = '/webhooks/v1/webhook/';

# the first answer that is not 200 within about 2 s, else the last 200
sub answer_within_2s {
    my ($token) = @_;
    my $res;
    for (1 .. 20) {
        $res = api(GET => $LIST, token => $token);
        last if $res->{status} != 200;
        select(undef, undef, undef, 0.1);
    }
    return $res;
}

my $cached = token('cache-user');
is(api(GET => $LIST, token => $cached)->{status}, 200,
   'a token is checked in the database once');
sql(q{DELETE FROM cgf_token
      WHERE token_hash = encode(sha256(convert_to(:'p1', 'UTF8')), 'hex')},
    $cached);
is(api(GET => $LIST, token => $cached)->{status}, 200,
   'then served from the cache (its row is gone, no revocation was '
   . 'announced)');

my $revoked = token('cache-user');
is(api(GET => $LIST, token => $revoked)->{status}, 200,
   'a second token works and is cached');
sql("SELECT cgf_token_revoke(:'p1')", $revoked);
is(answer_within_2s($revoked)->{status}, 401,
   'cgf_token_revoke drops the cached check within 2 s, not 30');

my @all = map { token('cache-user-all') } 1 .. 3;
is(scalar(grep { api(GET => $LIST, token => $_)->{status} == 200 } @all), 3,
   "a user's three tokens work and are cached");
sql("SELECT cgf_token_revoke_user(:'p1')", 'cache-user-all');
is(scalar(grep { answer_within_2s($_)->{status} == 401 } @all), 3,
   'cgf_token_revoke_user drops every one of them within 2 s');

# the no-database vhost must check the token in its own database (and so
# answer 503), not accept the main vhost's cached check
my $main = token('cache-tenant-user');
is(api(GET => $LIST, token => $main)->{status}, 200,
   'cached on the main vhost');
my $other = api(OPTIONS => $LIST, token => $main,
                base => $ENV{CGF_TEST_URL_NODB});
is($other->{status}, 503,
   "another vhost's database decides: no cross-vhost cache hit");

done_testing();
