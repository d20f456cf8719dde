package CGFTest;

# Helpers for the API tests, which run against the servers that
# "./devctl test" starts: HTTP calls, SQL on the test database, control of
# the test PostgreSQL, and the httpd error log. Core Perl modules only.

use strict;
use warnings;

use Exporter 'import';
use File::Temp ();
use HTTP::Tiny;
use JSON::PP ();
use POSIX ();
use Time::HiRes ();

our @EXPORT = qw(base_url api token sql pg_restart pg_stop pg_start
    pg_terminate_backends error_log_mark error_log_lines);

my $JSON = JSON::PP->new->utf8->canonical->allow_nonref;

sub _env {
    my ($name) = @_;
    my $value = $ENV{$name};
    die "$name is not set: run the API tests through ./devctl test\n"
        unless defined $value && length $value;
    return $value;
}

# The test server's base URL, e.g. http://127.0.0.1:18080 (no trailing /).
sub base_url {
    return _env('CGF_TEST_URL');
}

# api($method, $path, %opt) sends one request and returns
#   {status, reason, headers, body, json}
# headers: lower-case names (a repeated header is an array ref); json: the
# decoded body, or undef if it is not JSON. Status 599 means no answer.
# Options:
#   token   => sent as "Authorization: Bearer <token>"
#   json    => a Perl structure, sent as UTF-8 JSON (Content-Type
#              application/json unless headers names one)
#   raw     => the body as is: a byte string, or a code ref that returns
#              chunks and then "" or undef (sent chunked)
#   headers => {name => value}; a value of undef leaves that header out
#   base    => another base URL, e.g. $ENV{CGF_TEST_URL_TENANT}
sub api {
    my ($method, $path, %opt) = @_;
    my %headers = map { lc($_) => $opt{headers}{$_} } keys %{$opt{headers} || {}};
    my %request;

    if (defined $opt{token} && !exists $headers{authorization}) {
        $headers{authorization} = "Bearer $opt{token}";
    }
    if (exists $opt{json}) {
        $request{content} = $JSON->encode($opt{json});
        $headers{'content-type'} = 'application/json'
            unless exists $headers{'content-type'};
    }
    elsif (exists $opt{raw}) {
        $request{content} = $opt{raw};
    }
    delete $headers{$_} for grep { !defined $headers{$_} } keys %headers;
    $request{headers} = \%headers;

    my $http = HTTP::Tiny->new(keep_alive => 0, timeout => 30,
                               max_redirect => 0, agent => 'cgf-tests/1');
    my $url = ($opt{base} // base_url()) . $path;
    my $res = $http->request(uc $method, $url, \%request);
    my $body = $res->{content} // '';
    my $json = length $body ? eval { $JSON->decode($body) } : undef;

    return {status => $res->{status}, reason => $res->{reason},
            headers => $res->{headers} || {}, body => $body, json => $json};
}

# The psql command line for the test database, as a list.
sub _psql {
    return split ' ', _env('CGF_TEST_PSQL');
}

# Runs a command with its output appended to the run folder's helpers.log,
# so that nothing reaches the TAP stream; returns its exit status.
sub _run_quiet {
    my (@cmd) = @_;
    my $log = ($ENV{CGF_TEST_ROOT} // '/tmp') . '/helpers.log';
    my $pid = fork // die "fork: $!\n";

    if ($pid == 0) {
        open STDIN, '<', '/dev/null';
        open STDOUT, '>>', $log or POSIX::_exit(126);
        open STDERR, '>&', \*STDOUT;
        exec {$cmd[0]} @cmd or POSIX::_exit(127);
    }
    waitpid $pid, 0;
    return $?;
}

# sql($query, @binds) runs one query as the cgf role. Bind values are psql
# variables, written :'p1', :'p2', ... in the query (psql quotes them as
# literals), e.g. sql("SELECT id FROM webhook WHERE created_by = :'p1'", $u).
# List context: the rows, each an array ref (NULL reads as ""). Scalar
# context: the first column of the first row, or undef. Dies on an error.
# Queries, binds and results are character strings (as JSON::PP gives).
sub sql {
    my ($query, @binds) = @_;
    my @cmd = (_psql(), qw(-X -q -A -t -v ON_ERROR_STOP=1),
               '-F', "\x1f", '-R', "\x1e");

    for my $i (1 .. @binds) {
        my $value = $binds[$i - 1];
        die "sql: bind p$i is undef (write NULL in the query)\n"
            unless defined $value;
        utf8::encode($value);
        push @cmd, '-v', "p$i=$value";
    }

    my $file = File::Temp->new(SUFFIX => '.sql');
    binmode $file, ':encoding(UTF-8)';
    print {$file} $query, "\n";
    close $file;
    push @cmd, '-f', $file->filename;

    local $ENV{PGCLIENTENCODING} = 'UTF8';
    open my $out, '-|', @cmd or die "psql: $!\n";
    my $text = do { local $/; <$out> } // '';
    close $out;
    die "sql failed (psql status $?): $query\n" if $?;

    utf8::decode($text);
    $text =~ s/\n\z//;
    my @rows = map { [split /\x1f/, $_, -1] } grep { length } split /\x1e/, $text;
    return wantarray ? @rows : (@rows ? $rows[0][0] : undef);
}

# A new bearer token for $user, from the SQL admin interface.
sub token {
    my ($user) = @_;
    my $token = sql("SELECT cgf_token_issue(:'p1')", $user);
    die "cgf_token_issue returned nothing for '$user'\n"
        unless defined $token && length $token;
    return $token;
}

# Waits until the test database accepts queries again (at most $seconds).
sub _pg_wait {
    my ($seconds) = @_;
    my $until = Time::HiRes::time() + ($seconds // 30);

    while (Time::HiRes::time() < $until) {
        return 1 if _run_quiet(_psql(), '-X', '-c', 'SELECT 1') == 0;
        Time::HiRes::sleep(0.2);
    }
    die "the test database did not come back in time\n";
}

sub _pg_ctl {
    my (@args) = @_;
    my $status = _run_quiet(split(' ', _env('CGF_TEST_PG_CTL')), @args);
    die "pg_ctl @args failed (status $status); see helpers.log\n" if $status;
}

# Restarts the test PostgreSQL (fast: open sessions are cut) and waits.
sub pg_restart {
    _pg_ctl(qw(restart -m fast));
    return _pg_wait(30);
}

# Stops the test PostgreSQL. A test that calls it must call pg_start before
# it ends, or the tests after it find no database.
sub pg_stop {
    _pg_ctl(qw(stop -m fast));
    return 1;
}

sub pg_start {
    _pg_ctl('start');
    return _pg_wait(30);
}

# Ends every other session of the cgf role on the test database (the
# module's pooled connections) and waits until they are gone. Returns how
# many there were.
sub pg_terminate_backends {
    my $pids = sql(q{
        SELECT string_agg(pid::text, ',')
          FROM (SELECT pid, pg_terminate_backend(pid)
                  FROM pg_stat_activity
                 WHERE datname = 'cgf' AND usename = current_user
                   AND pid <> pg_backend_pid()) AS ended});
    return 0 unless defined $pids && length $pids;

    my $until = Time::HiRes::time() + 10;
    while (Time::HiRes::time() < $until) {
        last unless sql(q{SELECT count(*) FROM pg_stat_activity
                           WHERE pid = ANY (string_to_array(:'p1', ',')::int[])},
                        $pids);
        Time::HiRes::sleep(0.1);
    }
    return scalar split /,/, $pids;
}

# The error log's current size: pass it to error_log_lines to read only
# what was logged after this point.
sub error_log_mark {
    return -s _env('CGF_TEST_ERROR_LOG') // 0;
}

# The httpd error log's lines (without newlines), from byte $from on.
sub error_log_lines {
    my ($from) = @_;
    my $log = _env('CGF_TEST_ERROR_LOG');

    open my $fh, '<', $log or die "cannot read $log: $!\n";
    seek $fh, $from, 0 if $from;
    my @lines = <$fh>;
    close $fh;
    chomp @lines;
    return @lines;
}

1;
