#!/usr/bin/perl
# The test server answers, and its health route says so.
use strict;
use warnings;
use Test::More;
use CGFTest;

my $root = api(GET => '/');
isnt($root->{status}, 599, 'the server answers on CGF_TEST_URL')
    or diag($root->{body});

my $health = api(GET => '/health');
is($health->{status}, 200, 'GET /health answers 200 without a token');
is_deeply($health->{json}, {status => 'ok'},
          'GET /health answers {"status": "ok"}');

done_testing();
