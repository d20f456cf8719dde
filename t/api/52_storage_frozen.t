# Storage down, the silent kind (contract §1 "storage down"): a database
# that accepts connections but never answers must give 503 with
# Retry-After within the module's deadline (CGFDBTimeout 3 in the test
# config), never a hang, and service must come back by itself.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/../lib";
use Test::More;
use Time::HiRes qw(time);
use CGFTest;

my $pidfile = "$ENV{CGF_TEST_ROOT}/pg/data/postmaster.pid";
plan skip_all => "no $pidfile" unless -r $pidfile;

open my $fh, '<', $pidfile or die $!;
chomp(my $postmaster = <$fh>);
close $fh;

# the test cluster's own processes only: its postmaster and children
sub cluster_pids {
    my @children = split ' ', `pgrep -P $postmaster`;
    return ($postmaster, @children);
}

my @frozen;
sub thaw { kill 'CONT', @frozen if @frozen; @frozen = () }
END { thaw() }

my $token = token('frozen-db-user');
my $res = api('GET', '/webhooks/v1/webhook/', token => $token);
is($res->{status}, 200, 'the database answers before it freezes');

@frozen = cluster_pids();
kill 'STOP', @frozen;

for my $n (1 .. 2) {
    my $t0 = time;
    $res = api('GET', '/webhooks/v1/webhook/', token => $token);
    my $took = time - $t0;
    is($res->{status}, 503, "frozen database, request $n: 503");
    is($res->{json}{detail}[0]{type}, 'storage_unavailable',
       "frozen database, request $n: storage_unavailable");
    ok($res->{headers}{'retry-after'}, "frozen database, request $n: "
       . 'Retry-After');
    cmp_ok($took, '<', 15, "frozen database, request $n: no hang "
           . sprintf('(%.1f s)', $took));
}

$res = api('GET', '/health');
is($res->{status}, 503, 'frozen database: /health is 503');

thaw();

my $ok = 0;
for (1 .. 10) {
    $res = api('GET', '/webhooks/v1/webhook/', token => $token);
    if ($res->{status} == 200) { $ok = 1; last }
    sleep 1;
}
ok($ok, 'service recovers by itself once the database answers again');

# the token cache's revocation listener reconnects by itself too (past
# the half second in which other children still pause)
sleep 1;
my $late = token('frozen-db-revoke');
is(api('GET', '/webhooks/v1/webhook/', token => $late)->{status}, 200,
   'a token used after the recovery is cached');
sql("SELECT cgf_token_revoke(:'p1')", $late);
my $status;
for (1 .. 30) {
    $status = api('GET', '/webhooks/v1/webhook/', token => $late)->{status};
    last if $status == 401;
    select(undef, undef, undef, 0.1);
}
is($status, 401, 'after the outage a revocation still drops the cached '
   . 'check within 3 s');

done_testing();
