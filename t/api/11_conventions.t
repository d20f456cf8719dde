#!/usr/bin/perl
# Contract §1: the conventions of every route: 404 and 405, trailing
# slashes, request ids, caching, the mount, CORS, OPTIONS and HEAD, query
# parameters, and the order of checks.
use strict;
use warnings;
use Test::More;
use CGFTest;

my $TEMPLATE = '6f1d2a3b-0c4e-4a5f-9b6d-7e8f9a0b1c2d';
my $LIST = '/webhooks/v1/webhook/';
my $ORIGIN = 'https://app.school.example';
my $MISSING = '00000000-0000-4000-8000-000000000000';
my $run = "conv$$" . int(rand(1e6));

# every response of this file, for the request id checks at the end
my @seen;

sub call {
    my $res = api(@_);
    push @seen, [$_[0], $_[1], $res];
    return $res;
}

sub fault {
    my ($res, $i) = @_;
    my $json = $res->{json};
    return {} unless ref $json eq 'HASH' && ref $json->{detail} eq 'ARRAY';
    return $json->{detail}[$i // 0] || {};
}

sub methods_of {
    my ($allow) = @_;
    return join ',', sort map { s/^\s+|\s+$//gr } split /,/, $allow // '';
}

my $token = token("$run-a");
my $other = token("$run-b");
my $body = {api_template => $TEMPLATE,
            endpoint_url => 'https://receiver.example/conventions'};

my $made = call(POST => $LIST, token => $token, json => $body);
is($made->{status}, 201, 'fixture: a webhook is created')
    or diag($made->{body});
my $hook = $made->{json}{id} // $MISSING;
my $ITEM = "/webhooks/v1/webhook/$hook/";

# a board and one of its grades, if the catalogue is seeded
my ($board, $grade) = @{(sql(q{SELECT board_id, grade_id FROM cgf_offering
                               ORDER BY 1, 2 LIMIT 1}))[0] || []};
$board ||= 'b0a7d000-0000-4000-8000-000000000001';
$grade ||= $MISSING;
my $rubric = sql('SELECT id FROM cgf_rubric ORDER BY legacy_id LIMIT 1')
    || $MISSING;

# every route of the contract, with the methods it serves
my @routes = (
    ['/health', 'GET'],
    ['/webhooks/v1/webhook/', 'GET POST'],
    [$ITEM, 'GET PATCH DELETE'],
    ['/webhooks/v1/api-template/', 'GET'],
    ['/class-track/v1/analysis/', 'GET POST'],
    ["/class-track/v1/analysis/$MISSING/", 'GET DELETE'],
    ['/metadata/v1/board', 'GET'],
    ["/metadata/v1/board/$board/grades", 'GET'],
    ["/metadata/v1/board/$board/grades/$grade/subjects", 'GET'],
    ['/rubrics/v1/rubric/', 'GET'],
    ["/rubrics/v1/rubric/$rubric/", 'GET'],
);

# the Allow header a route must send
sub allow_of {
    my ($methods) = @_;
    my @m = split ' ', $methods;
    push @m, 'HEAD' if grep { $_ eq 'GET' } @m;
    return join ',', sort @m, 'OPTIONS';
}

# --- 404 for unknown paths ------------------------------------------------

for my $path ('/nope', '/webhooks/v2/webhook/', '/webhooks/v1/webhookx/',
              "/webhooks/v1/webhook/$hook/extra/", '/health/x', '/') {
    my $res = call(GET => $path, token => $token);
    subtest "unknown path $path: 404 not_found JSON" => sub {
        is($res->{status}, 404, 'status 404');
        is(fault($res)->{type}, 'not_found', 'type not_found');
        like($res->{headers}{'content-type'} // '', qr{\Aapplication/json},
             'a JSON body');
    };
}
is(call(PUT => '/nope', token => $token)->{status}, 404,
   'an unknown path answers 404 whatever the method');

# --- 405 with Allow, for each route ---------------------------------------

for my $route (@routes) {
    my ($path, $methods) = @$route;
    my %serves = map { $_ => 1 } split ' ', $methods;

    subtest "405 with Allow on $path" => sub {
        for my $method (grep { !$serves{$_} } qw(GET POST PATCH DELETE PUT)) {
            my %opt = (token => $token);
            $opt{json} = {} if $method =~ /\A(?:POST|PATCH|PUT)\z/;
            my $res = call($method => $path, %opt);
            is($res->{status}, 405, "$method: 405");
            is(fault($res)->{type}, 'method_not_allowed',
               "$method: type method_not_allowed");
            is(methods_of($res->{headers}{allow}), allow_of($methods),
               "$method: Allow lists " . allow_of($methods));
        }
    };
}

# --- trailing slash optional ----------------------------------------------

for my $route (@routes) {
    my ($path) = @$route;
    (my $bare = $path) =~ s{/\z}{};
    my $slash = "$bare/";
    my $without = call(GET => $bare, token => $token);
    my $with = call(GET => $slash, token => $token);

    subtest "trailing slash optional: GET $bare" => sub {
        is($without->{status}, $with->{status},
           'the same status with and without /');
        is_deeply(fault($without), fault($with),
                  'the same detail with and without /');
        ok(!($without->{status} == 404
             && (fault($without)->{msg} // '') =~ /route/i),
           'the route is found');
    };
}

my $bare_item = "/webhooks/v1/webhook/$hook";
is(call(PATCH => $bare_item, token => $token,
        json => {endpoint_url => 'https://receiver.example/conventions'})
       ->{status}, 200, 'trailing slash optional: PATCH without /');
is(call(POST => '/webhooks/v1/webhook', token => $token,
        json => {%$body, endpoint_url => 'https://receiver.example/bare'})
       ->{status}, 201, 'trailing slash optional: POST without /');

# --- Cache-Control: no-store on responses with user data ------------------

for my $case (
    ['GET list', call(GET => $LIST, token => $token)],
    ['GET item', call(GET => $ITEM, token => $token)],
    ['POST', $made],
    ['PATCH', call(PATCH => $ITEM, token => $token,
                   json => {endpoint_url => $body->{endpoint_url}})],
    ['GET api-template', call(GET => '/webhooks/v1/api-template/',
                              token => $token)],
    ['404 of an id', call(GET => "/webhooks/v1/webhook/$MISSING/",
                          token => $token)],
    ['401', call(GET => $LIST)]) {
    my ($name, $res) = @$case;
    like($res->{headers}{'cache-control'} // '', qr/\bno-store\b/,
         "Cache-Control: no-store on $name");
}

# --- paths and Location relative to the mount -----------------------------

my $tenant = $ENV{CGF_TEST_URL_TENANT};
SKIP: {
    skip 'CGF_TEST_URL_TENANT is not set', 5 unless $tenant;
    my ($prefix) = $tenant =~ m{\Ahttps?://[^/]+(/.*?)/?\z};

    my $res = call(POST => $LIST, base => $tenant, token => $token,
                   json => {%$body, endpoint_url =>
                                'https://receiver.example/tenant'});
    is($res->{status}, 201, 'the second mount serves the same routes');
    my $id = $res->{json}{id} // '';
    is($res->{headers}{location}, "$prefix/webhooks/v1/webhook/$id/",
       'Location is below the mount it was created through');

    my $back = call(GET => $res->{headers}{location} // '/', token => $token);
    is($back->{json}{id}, $id, 'the Location answers with the webhook');
    is(call(GET => "/webhooks/v1/webhook/$id/", base => $tenant,
            token => $token)->{status}, 200,
       'paths below the second mount are relative to it');
    is(call(GET => '/tenant/api', token => $token)->{status}, 404,
       'the mount itself is no route');
}

# --- CORS -----------------------------------------------------------------

my %preflight = ('Access-Control-Request-Method' => 'PATCH',
                 'Access-Control-Request-Headers' =>
                     'authorization, content-type, if-match');

my $pre = call(OPTIONS => $ITEM, headers => {Origin => $ORIGIN, %preflight});
subtest 'CORS preflight from the allowed origin: 204 without auth' => sub {
    is($pre->{status}, 204, 'status 204');
    is($pre->{headers}{'access-control-allow-origin'}, $ORIGIN,
       'Access-Control-Allow-Origin is the origin');
    my %m = map { $_ => 1 }
        split /,/, methods_of($pre->{headers}{'access-control-allow-methods'});
    ok($m{GET} && $m{PATCH} && $m{DELETE},
       'Access-Control-Allow-Methods lists the route\'s methods');
    my $h = lc($pre->{headers}{'access-control-allow-headers'} // '');
    ok((grep { $h =~ /\b\Q$_\E\b/ } qw(authorization content-type if-match))
           == 3,
       'Access-Control-Allow-Headers allows Authorization, Content-Type, '
           . 'If-Match');
};

my $cors = call(GET => $ITEM, token => $token, headers => {Origin => $ORIGIN});
is($cors->{status}, 200, 'a request from the allowed origin is served');
is($cors->{headers}{'access-control-allow-origin'}, $ORIGIN,
   'its response carries Access-Control-Allow-Origin');
like($cors->{headers}{vary} // '', qr/\bOrigin\b/, 'and Vary: Origin');
like($cors->{headers}{'access-control-expose-headers'} // '', qr/\bETag\b/,
     'and exposes ETag to the page');
is(call(GET => $ITEM, headers => {Origin => $ORIGIN})
       ->{headers}{'access-control-allow-origin'}, $ORIGIN,
   'a 401 to the allowed origin carries Access-Control-Allow-Origin too');

my $evil = 'https://evil.example';
my $foreign = call(GET => $ITEM, token => $token, headers => {Origin => $evil});
ok(!exists $foreign->{headers}{'access-control-allow-origin'},
   'another origin gets no Access-Control-Allow-Origin');
is(call(OPTIONS => $ITEM, headers => {Origin => $evil, %preflight})
       ->{status}, 401, "another origin's preflight needs auth");
my $evil_pre = call(OPTIONS => $ITEM, token => $token,
                    headers => {Origin => $evil, %preflight});
ok($evil_pre->{status} == 204
       && !exists $evil_pre->{headers}{'access-control-allow-origin'},
   "another origin's preflight with a token: 204, still no CORS headers");

# --- OPTIONS with a token, HEAD -------------------------------------------

for my $route (@routes) {
    my ($path, $methods) = @$route;
    my $res = call(OPTIONS => $path, token => $token);
    ok($res->{status} == 204
           && methods_of($res->{headers}{allow}) eq allow_of($methods),
       "OPTIONS $path with a token: 204 and Allow " . allow_of($methods))
        or diag("$res->{status} " . ($res->{headers}{allow} // ''));
}
is(call(OPTIONS => '/nope', token => $token)->{status}, 404,
   'OPTIONS on an unknown path: 404');

for my $path ($LIST, $ITEM, '/webhooks/v1/api-template/', '/health') {
    my $get = call(GET => $path, token => $token);
    my $head = call(HEAD => $path, token => $token);
    subtest "HEAD $path works like GET" => sub {
        is($head->{status}, 200, 'status 200');
        is($head->{body}, '', 'no body');
        is($head->{headers}{'content-length'}, length $get->{body},
           'the Content-Length of the GET');
        is($head->{headers}{etag}, $get->{headers}{etag}, 'the same ETag');
    };
}

# --- query parameters -----------------------------------------------------

for my $route (@routes) {
    my ($path) = @$route;
    my $res = call(GET => "$path?bogus=1", token => $token);
    subtest "unknown query parameter on GET $path: 400 unknown_field" => sub {
        is($res->{status}, 400, 'status 400');
        is(fault($res)->{type}, 'unknown_field', 'type unknown_field');
        is_deeply(fault($res)->{loc}, ['query', 'bogus'],
                  'loc ["query", "bogus"]');
    };
}

my $count = sub {
    sql("SELECT count(*) FROM cgf_webhook WHERE owner = :'p1'", "$run-a");
};
my $before = $count->();
my $res = call(POST => "$LIST?bogus=1", token => $token,
               json => {%$body, endpoint_url => 'https://receiver.example/q'});
ok($res->{status} == 400 && fault($res)->{type} eq 'unknown_field'
       && $count->() == $before,
   'unknown query parameter on POST: 400 unknown_field, nothing created');

$res = call(POST => "$LIST?bogus=1", token => $token, json => {});
is_deeply([sort map { $_->{loc}[0] } @{$res->{json}{detail} || []}],
          [qw(body body query)],
          'a POST reports the query and the body faults at once');

my $was = call(GET => $ITEM, token => $token)->{headers}{etag};
$res = call(PATCH => "$ITEM?bogus=1", token => $token,
            json => {endpoint_url => 'https://receiver.example/q2'});
ok($res->{status} == 400 && fault($res)->{type} eq 'unknown_field'
       && call(GET => $ITEM, token => $token)->{headers}{etag} eq $was,
   'unknown query parameter on PATCH: 400 unknown_field, nothing changed');

$res = call(DELETE => "$ITEM?bogus=1", token => $token);
ok($res->{status} == 400 && fault($res)->{type} eq 'unknown_field'
       && call(GET => $ITEM, token => $token)->{status} == 200,
   'unknown query parameter on DELETE: 400 unknown_field, nothing deleted');

for my $query ('limit=1&limit=2', 'cursor=a&cursor=a') {
    my ($name) = $query =~ /\A(\w+)/;
    $res = call(GET => "$LIST?$query", token => $token);
    ok($res->{status} == 400 && fault($res)->{type} eq 'duplicate_key'
           && "@{fault($res)->{loc} || []}" eq "query $name",
       "a repeated query parameter ($query): 400 duplicate_key");
}

for my $limit (0, 101, -1) {
    $res = call(GET => "$LIST?limit=$limit", token => $token);
    ok($res->{status} == 400 && fault($res)->{type} eq 'out_of_range'
           && "@{fault($res)->{loc} || []}" eq 'query limit',
       "limit=$limit: 400 out_of_range at [\"query\", \"limit\"]");
}
for my $limit ('abc', '', '1.5', '%2B1', '0x10') {
    $res = call(GET => "$LIST?limit=$limit", token => $token);
    ok($res->{status} == 400 && "@{fault($res)->{loc} || []}" eq 'query limit',
       "limit=$limit: 400 at [\"query\", \"limit\"]");
}
for my $limit (1, 100) {
    is(call(GET => "$LIST?limit=$limit", token => $token)->{status}, 200,
       "limit=$limit is accepted");
}

# --- order of checks: 401, 404, 405, 415, 413, 400, 404, 412, 409 ---------

my $big = '{"endpoint_url": "' . ('x' x 70000) . '"}';
my $missing_item = "/webhooks/v1/webhook/$MISSING/";

is(call(GET => '/nope')->{status}, 401, '401 comes before 404');
is(call(PUT => '/nope', token => $token, raw => 'x',
        headers => {'Content-Type' => 'text/plain'})->{status},
   404, '404 comes before 405');
is(call(PUT => $ITEM, token => $token, raw => $big,
        headers => {'Content-Type' => 'text/plain'})->{status},
   405, '405 comes before 415 and 413');
is(call(POST => $LIST, token => $token, raw => $big,
        headers => {'Content-Type' => 'text/plain'})->{status},
   415, 'a wrong Content-Type gives 415 even with an oversized body');
is(call(POST => $LIST, token => $token, raw => 'x' x 70000,
        headers => {'Content-Type' => 'application/json'})->{status},
   413, 'an oversized body gives 413 even when it is not JSON');
is(call(PATCH => $missing_item, token => $token,
        json => {endpoint_url => 'http://x.example/'})->{status},
   400, 'a PATCH with an invalid body to a missing id: 400, not 404');
is(call(PATCH => '/webhooks/v1/webhook/NOT-AN-ID/', token => $token,
        json => {status => 'disabled'})->{status},
   400, 'a PATCH with an invalid body to a malformed id: 400, not 404');
is(call(GET => "$missing_item?bogus=1", token => $token)->{status}, 400,
   'a bad query to a missing id: 400, not 404');
is(call(PATCH => $missing_item, token => $token,
        json => {endpoint_url => 'https://x.example/'})->{status},
   404, 'a PATCH with a good body to a missing id: 404');
is(call(PATCH => $missing_item, token => $token,
        headers => {'If-Match' => '"1"'},
        json => {endpoint_url => 'https://x.example/'})->{status},
   404, 'a missing id gives 404 before If-Match is judged');
is(call(PATCH => $ITEM, token => $token, headers => {'If-Match' => '"0"'},
        json => {endpoint_url => 'https://receiver.example/bare'})->{status},
   412, 'a stale If-Match gives 412 before a conflict is judged');
is(call(PATCH => $ITEM, token => $token,
        json => {endpoint_url => 'https://receiver.example/bare'})->{status},
   409, 'the same PATCH without If-Match: 409');
is(call(PATCH => $ITEM, token => $other,
        json => {endpoint_url => 'https://receiver.example/bare'})->{status},
   404, "another user's id gives 404 before a conflict is judged");

# --- request ids ----------------------------------------------------------

my (@no_id, @no_echo, %ids);
for (@seen) {
    my ($method, $path, $r) = @$_;
    my $id = $r->{headers}{'x-request-id'};
    if (!defined $id || $id !~ /\A[\w@-]{8,}\z/) {
        push @no_id, "$method $path ($r->{status})";
        next;
    }
    $ids{$id}++;
    next unless $r->{status} >= 400 && $method ne 'HEAD';
    push @no_echo, "$method $path ($r->{status})"
        unless ref $r->{json} eq 'HASH'
        && ($r->{json}{request_id} // '') eq $id;
}
ok(@seen > 100, 'many responses were checked: ' . scalar @seen);
is(scalar @no_id, 0, 'every response carries X-Request-Id')
    or diag(join "\n", @no_id);
is(scalar @no_echo, 0, 'every error body repeats it as request_id')
    or diag(join "\n", @no_echo);
is(scalar(grep { $_ > 1 } values %ids), 0,
   'no two responses share a request id');

done_testing();
