#!/usr/bin/perl
# Contract §2: concurrent PATCHes of one webhook are serialised (each one
# atomic, updated_at strictly increasing in commit order), and concurrent
# creates of one endpoint_url make exactly one webhook.
use strict;
use warnings;
use Test::More;
use File::Temp ();
use JSON::PP ();
use POSIX ();
use CGFTest;

my $TEMPLATE = '6f1d2a3b-0c4e-4a5f-9b6d-7e8f9a0b1c2d';
my $LIST = '/webhooks/v1/webhook/';
my $run = "conc$$" . int(rand(1e6));
my $user = "$run-alice";
my $alice = token($user);
my $JSON = JSON::PP->new->canonical;

# runs $job->($i) in $n children that start together (they wait for the
# parent to close a pipe); returns each child's result, a hash, in order
sub together {
    my ($n, $job) = @_;
    my $dir = File::Temp->newdir;
    pipe my $gate_r, my $gate_w or die "pipe: $!\n";
    my @pids;

    for my $i (1 .. $n) {
        my $pid = fork // die "fork: $!\n";
        if ($pid == 0) {
            close $gate_w;
            sysread $gate_r, my $byte, 1;    # EOF when the parent closes
            my $out = eval { $job->($i) } || {error => "$@"};
            open my $fh, '>', "$dir/$i" or POSIX::_exit(1);
            print {$fh} $JSON->encode($out);
            close $fh;
            POSIX::_exit(0);
        }
        push @pids, $pid;
    }
    close $gate_r;
    close $gate_w;
    waitpid $_, 0 for @pids;

    return map {
        my $file = "$dir/$_";
        open my $fh, '<', $file or die "child $_ left no result\n";
        $JSON->decode(do { local $/; <$fh> });
    } 1 .. $n;
}

sub version_of {
    my ($etag) = @_;
    return ($etag // '') =~ /\A"(\d+)"\z/ ? $1 : -1;
}

# --- 64 concurrent PATCHes of one webhook ---------------------------------

my $made = api(POST => $LIST, token => $alice,
               json => {api_template => $TEMPLATE,
                        endpoint_url => 'https://receiver.example/c/start'});
is($made->{status}, 201, 'fixture: one webhook');
my $id = $made->{json}{id} // '00000000-0000-4000-8000-000000000000';
my $v0 = version_of($made->{headers}{etag});
my $N = 64;

my @results = together($N, sub {
    my ($i) = @_;
    my $res = api(PATCH => "$LIST$id/", token => $alice,
                  json => {endpoint_url => "https://receiver.example/c/$i"});
    return {status => $res->{status}, etag => $res->{headers}{etag},
            json => $res->{json}, i => $i};
});

my @ok = grep { ($_->{status} // 0) == 200 } @results;
is(scalar @ok, $N, "$N concurrent PATCHes: all 200")
    or diag(join ', ', map { $_->{status} // $_->{error} } @results);

my @by_version = sort { version_of($a->{etag}) <=> version_of($b->{etag}) }
    @ok;
is_deeply([map { version_of($_->{etag}) } @by_version],
          [$v0 + 1 .. $v0 + $N],
          "the ETag versions are $v0 + 1 .. $v0 + $N, one per PATCH");

my @times = map { $_->{json}{updated_at} // '' } @by_version;
is(scalar(keys %{{map { $_ => 1 } @times}}), $N,
   "$N distinct updated_at values");
my @out_of_order = grep { $times[$_] le $times[$_ - 1] } 1 .. $#times;
is(scalar @out_of_order, 0,
   'updated_at strictly increases in commit order (by version)')
    or diag(join "\n", map { "$times[$_ - 1] >= $times[$_]" } @out_of_order);

my $each_own = grep {
    ($_->{json}{endpoint_url} // '') eq "https://receiver.example/c/$_->{i}"
} @ok;
is($each_own, $N, 'each response shows the change that PATCH made');

my $final = api(GET => "$LIST$id/", token => $alice);
is(version_of($final->{headers}{etag}), $v0 + $N,
   "the stored version advanced by exactly $N");
is($final->{json}{endpoint_url}, $by_version[-1]{json}{endpoint_url},
   'the final state is the one the last committed PATCH returned');
like($final->{json}{endpoint_url} // '',
     qr{\Ahttps://receiver\.example/c/(?:[1-9]|[1-5]\d|6[0-4])\z},
     "and it is one of the $N");
is($final->{json}{updated_at}, $times[-1],
   'with the updated_at of that PATCH');
is($final->{json}{created_at}, $made->{json}{created_at},
   'created_at never changed');

# --- 16 concurrent creates of one endpoint_url ----------------------------

my $url = 'https://receiver.example/c/race';
my @creates = together(16, sub {
    my $res = api(POST => $LIST, token => $alice,
                  json => {api_template => $TEMPLATE, endpoint_url => $url});
    my $json = $res->{json};
    return {status => $res->{status},
            type => ref $json eq 'HASH' && $json->{detail}
                ? $json->{detail}[0]{type} : undef};
});

my %status;
$status{$_->{status} // 'none'}++ for @creates;
is($status{201} // 0, 1, '16 concurrent creates of one URL: exactly one 201');
is($status{409} // 0, 15, 'the other 15: 409');
is(scalar(grep { ($_->{type} // '') eq 'conflict' } @creates), 15,
   'each 409 has type conflict');
is(sql(q{SELECT count(*) FROM cgf_webhook
         WHERE owner = :'p1' AND endpoint_url = :'p2'}, $user, $url),
   1, 'exactly one webhook is stored for that URL');

# --- 8 concurrent PATCHes of 8 webhooks to one endpoint_url ---------------

my @eight = map {
    api(POST => $LIST, token => $alice,
        json => {api_template => $TEMPLATE,
                 endpoint_url => "https://receiver.example/c/eight/$_"})
        ->{json}{id} // 'none'
} 1 .. 8;
my $target = 'https://receiver.example/c/target';
my @moves = together(8, sub {
    my ($i) = @_;
    my $res = api(PATCH => "$LIST$eight[$i - 1]/", token => $alice,
                  json => {endpoint_url => $target});
    return {status => $res->{status}};
});
my %moved;
$moved{$_->{status} // 'none'}++ for @moves;
is($moved{200} // 0, 1,
   '8 webhooks PATCHed to one endpoint_url at once: exactly one 200');
is($moved{409} // 0, 7, 'the other 7: 409, never a 500')
    or diag(join ', ', map { "$_ x $moved{$_}" } sort keys %moved);
is(sql(q{SELECT count(*) FROM cgf_webhook
         WHERE owner = :'p1' AND endpoint_url = :'p2'}, $user, $target),
   1, 'exactly one webhook holds that URL');

done_testing();
