#!/usr/bin/perl
# After the other tests: the httpd error log shows no crash, no child that
# died on a signal, and no critical error.
use strict;
use warnings;
use Test::More;
use CGFTest;

plan skip_all => 'CGF_TEST_ERROR_LOG is not set (run ./devctl test)'
    unless $ENV{CGF_TEST_ERROR_LOG};

if (!ok(-e $ENV{CGF_TEST_ERROR_LOG}, 'the error log exists')) {
    done_testing();
    exit;
}

# stop httpd first, so that the log covers the children's exit too
if ($ENV{CGF_TEST_HTTPD}) {
    my $pidfile = "$ENV{CGF_TEST_ROOT}/run/httpd.pid";
    system(split(' ', $ENV{CGF_TEST_HTTPD}), '-k', 'stop');
    for (1 .. 100) {
        last unless -e $pidfile;
        select(undef, undef, undef, 0.1);
    }
    ok(!-e $pidfile, 'httpd stopped');
}

my $bad = qr{
      Assertion
    | AddressSanitizer
    | Segmentation\ fault
    | AH00052            # child pid N exit signal ...
    | AH00060            # seg fault or similar nasty error detected
    | exit\ signal
    | child\ pid\ .*\ exit
    | \[(?:core|cgf)?:(?:crit|alert|emerg)\]
}x;

my @found = grep { /$bad/ } error_log_lines();
is(scalar @found, 0, 'no crash, exit signal or critical error was logged')
    or diag(join "\n", @found);

done_testing();
