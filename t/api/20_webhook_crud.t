#!/usr/bin/perl
# Contract §2: webhooks: create, read, list, delete, the API templates,
# ownership, and the §1.3 rules for endpoint_url.
use strict;
use warnings;
use Test::More;
use JSON::PP ();
use CGFTest;

my $TEMPLATE = '6f1d2a3b-0c4e-4a5f-9b6d-7e8f9a0b1c2d';
my $LIST = '/webhooks/v1/webhook/';
my $MISSING = '00000000-0000-4000-8000-000000000000';
my $TIME = qr/\A\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z\z/;
my $run = "crud$$" . int(rand(1e6));

my $alice = token("$run-alice");
my $bob = token("$run-bob");

sub fault {
    my ($res) = @_;
    my $json = $res->{json};
    return {} unless ref $json eq 'HASH' && ref $json->{detail} eq 'ARRAY';
    return $json->{detail}[0] || {};
}

sub create {
    my ($token, $url, %more) = @_;
    return api(POST => $LIST, token => $token,
               json => {api_template => $TEMPLATE, endpoint_url => $url,
                        %more});
}

# a 400 with one fault of $type at ["body", $field]
sub refused {
    my ($res, $type, $field, $name) = @_;
    ok($res->{status} == 400 && (fault($res)->{type} // '') eq $type
           && "@{fault($res)->{loc} || []}" eq "body $field"
           && @{$res->{json}{detail}} == 1,
       $name)
        or diag("$res->{status} $res->{body}");
}

# --- create ---------------------------------------------------------------

my $made = create($alice, 'https://Receiver.Example:443/h',
                  secret_hash => 'a secret of some length');
is($made->{status}, 201, 'POST creates a webhook: 201');
my $hook = $made->{json} || {};
my $id = $hook->{id} // $MISSING;

my $UUID = qr/\A[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\z/;
like($id, $UUID, 'the id is a canonical lower-case UUID');
is($made->{headers}{location}, "/webhooks/v1/webhook/$id/",
   'Location names the new webhook');
like($made->{headers}{etag} // '', qr/\A"[^"]+"\z/, 'a strong ETag');
like($made->{headers}{'content-type'} // '', qr{\Aapplication/json},
     'a JSON body');

is_deeply([sort keys %$hook],
          [sort qw(id api_template endpoint_url has_secret status created_by
                   created_at updated_at)],
          'the resource has exactly the fields of §2');
is_deeply([sort keys %{$hook->{api_template} || {}}],
          [qw(description display_name id name)],
          'api_template is the template object');
is($hook->{api_template}{id}, $TEMPLATE, 'api_template names the template');
is($hook->{api_template}{name}, 'class_track_analysis',
   'the template name is class_track_analysis');
is($hook->{endpoint_url}, 'https://receiver.example/h',
   'endpoint_url is stored normalised (case, default port)');
ok(JSON::PP::is_bool($hook->{has_secret}) && $hook->{has_secret},
   'has_secret is the boolean true');
ok(!exists $hook->{secret_hash}, 'the secret is not returned');
is($hook->{status}, 'enabled', 'status is enabled');
is($hook->{created_by}, "$run-alice", 'created_by is the caller');
like($hook->{created_at} // '', $TIME,
     'created_at is RFC 3339 UTC with microseconds and Z');
is($hook->{updated_at}, $hook->{created_at},
   'updated_at equals created_at at first');

my $plain = create($alice, 'https://receiver.example/plain');
ok($plain->{status} == 201 && JSON::PP::is_bool($plain->{json}{has_secret})
       && !$plain->{json}{has_secret},
   'without secret_hash, has_secret is false');

refused(create($alice, 'https://receiver.example/x', api_template => $MISSING),
        'unknown_reference', 'api_template',
        'an api_template that names nothing: 400 unknown_reference');
refused(create($alice, 'https://receiver.example/x',
               api_template => uc $TEMPLATE),
        'invalid_uuid', 'api_template',
        'an upper-case api_template: 400 invalid_uuid');
refused(create($alice, 'https://receiver.example/x', api_template => 'x'),
        'invalid_uuid', 'api_template', 'a malformed api_template: 400');
refused(create($alice, 'https://receiver.example/x', api_template => 7),
        'wrong_type', 'api_template', 'a numeric api_template: wrong_type');
refused(api(POST => $LIST, token => $alice,
            json => {api_template => $TEMPLATE}),
        'missing', 'endpoint_url', 'no endpoint_url: 400 missing');
refused(create($alice, undef), 'wrong_type', 'endpoint_url',
        'a null endpoint_url: 400 wrong_type');
refused(create($alice, 'https://receiver.example/x', status => 'disabled'),
        'unknown_field', 'status', 'a field POST does not take: 400');

my $all = api(POST => $LIST, token => $alice,
              json => {bogus => 1, api_template => 'X'});
is_deeply([sort map { $_->{type} } @{$all->{json}{detail} || []}],
          [qw(invalid_uuid missing unknown_field)],
          'every fault of the body is reported at once');

my $dup = create($alice, 'https://receiver.example/h');
ok($dup->{status} == 409 && fault($dup)->{type} eq 'conflict',
   'the same normalised endpoint_url again: 409 conflict');
is(create($alice, 'https://receiver.example./h')->{status}, 409,
   'a trailing dot on the host is the same URL: 409');
is(create($bob, 'https://receiver.example/h')->{status}, 201,
   'another user may register the same endpoint_url');
is(create($alice, 'https://receiver.example/H')->{status}, 201,
   'the path is case-sensitive: another URL');

# --- read -----------------------------------------------------------------

my $got = api(GET => "$LIST$id/", token => $alice);
is($got->{status}, 200, 'GET of an own webhook: 200');
is_deeply($got->{json}, $hook, 'GET answers the resource POST returned');
is($got->{headers}{etag}, $made->{headers}{etag}, 'with the same ETag');

# --- ownership: the same 404 as a missing id ------------------------------

my $missing = api(GET => "$LIST$MISSING/", token => $alice);
is($missing->{status}, 404, 'GET of a missing id: 404');
is(fault($missing)->{type}, 'not_found', 'type not_found');

my $patch = {endpoint_url => 'https://receiver.example/stolen'};
for my $case (
    ["another user's GET", api(GET => "$LIST$id/", token => $bob)],
    ["another user's PATCH", api(PATCH => "$LIST$id/", token => $bob,
                                 json => $patch)],
    ["another user's DELETE", api(DELETE => "$LIST$id/", token => $bob)],
    ['a malformed id', api(GET => "${LIST}not-a-uuid/", token => $alice)],
    ['an upper-case id', api(GET => $LIST . uc($id) . '/', token => $alice)],
    ['a PATCH of a missing id', api(PATCH => "$LIST$MISSING/", token => $alice,
                                    json => $patch)],
    ['a DELETE of a missing id', api(DELETE => "$LIST$MISSING/",
                                     token => $alice)]) {
    my ($name, $res) = @$case;
    ok($res->{status} == 404
           && JSON::PP->new->canonical->encode($res->{json}{detail} || [])
              eq JSON::PP->new->canonical->encode($missing->{json}{detail}),
       "$name: the same 404 and detail as a missing id");
}
is(api(GET => "$LIST$id/", token => $alice)->{json}{endpoint_url},
   'https://receiver.example/h', "another user's PATCH changed nothing");

# --- list -----------------------------------------------------------------

my $carol = token("$run-carol");
my @ids;
for my $n (1 .. 5) {
    my $res = create($carol, "https://receiver.example/list/$n");
    push @ids, $res->{json}{id} // "none-$n";
}
my @newest_first = reverse @ids;

my (@pages, @seen, $cursor);
for my $page (1 .. 10) {
    my $q = '?limit=2' . (defined $cursor ? "&cursor=$cursor" : '');
    my $res = api(GET => "$LIST$q", token => $carol);
    last unless $res->{status} == 200;
    push @pages, scalar @{$res->{json}{items}};
    push @seen, map { $_->{id} } @{$res->{json}{items}};
    $cursor = $res->{json}{next_cursor};
    last unless defined $cursor;
}
is_deeply(\@pages, [2, 2, 1], '5 webhooks at limit=2: 3 pages of 2, 2, 1');
ok(!defined $cursor, 'next_cursor is null on the last page');
is_deeply(\@seen, \@newest_first, 'newest first, no duplicates, none left out');

my $whole = api(GET => $LIST, token => $carol);
is_deeply([map { $_->{id} } @{$whole->{json}{items} || []}], \@newest_first,
          'without limit: all 5 in one page');
ok(exists $whole->{json}{next_cursor} && !defined $whole->{json}{next_cursor},
   'and next_cursor is null');
is_deeply([sort keys %{$whole->{json}{items}[0] || {}}],
          [sort keys %$hook], 'list items are whole resources');

my $first = api(GET => "$LIST?limit=2", token => $carol)->{json}{next_cursor};
my $flipped = $first;
substr($flipped, 3, 1) = substr($flipped, 3, 1) eq 'A' ? 'B' : 'A';
for my $case (['a tampered cursor', $flipped],
              ['a cursor of garbage', 'not*base64'],
              ['a truncated cursor', substr($first, 0, 10)],
              ["another user's cursor (used by Bob)", $first]) {
    my ($name, $bad) = @$case;
    my $who = $name =~ /Bob/ ? $bob : $carol;
    my $res = api(GET => "$LIST?limit=2&cursor=$bad", token => $who);
    ok($res->{status} == 400 && fault($res)->{type} eq 'invalid_cursor'
           && "@{fault($res)->{loc}}" eq 'query cursor',
       "$name: 400 invalid_cursor");
}

my $dave = token("$run-dave");
my $empty = api(GET => $LIST, token => $dave);
is_deeply($empty->{json}, {items => [], next_cursor => undef},
          "a user without webhooks sees an empty list, not another user's");
ok(!(grep { $_->{created_by} ne "$run-alice" }
     @{api(GET => $LIST, token => $alice)->{json}{items} || []}),
   "a user's list holds only that user's webhooks");

# --- delete ---------------------------------------------------------------

my $doomed = create($alice, 'https://receiver.example/doomed');
my $doomed_id = $doomed->{json}{id} // $MISSING;
my $stale = api(DELETE => "$LIST$doomed_id/", token => $alice,
                headers => {'If-Match' => '"999"'});
ok($stale->{status} == 412 && fault($stale)->{type} eq 'precondition_failed',
   'DELETE with a stale If-Match: 412 precondition_failed');
is(api(GET => "$LIST$doomed_id/", token => $alice)->{status}, 200,
   'and the webhook is still there');

my $del = api(DELETE => "$LIST$doomed_id/", token => $alice,
              headers => {'If-Match' => $doomed->{headers}{etag}});
is($del->{status}, 204, 'DELETE with the current If-Match: 204');
is($del->{body}, '', 'with no body');
is(api(GET => "$LIST$doomed_id/", token => $alice)->{status}, 404,
   'then GET answers 404');
is(api(DELETE => "$LIST$doomed_id/", token => $alice)->{status}, 404,
   'and a second DELETE answers 404');
is(create($alice, 'https://receiver.example/doomed')->{status}, 201,
   'a deleted endpoint_url may be registered again');

my $plain_id = $plain->{json}{id} // $MISSING;
is(api(DELETE => "$LIST$plain_id/", token => $alice)->{status}, 204,
   'DELETE without If-Match: 204');
my $starred = create($alice, 'https://receiver.example/starred');
is(api(DELETE => "$LIST" . ($starred->{json}{id} // $MISSING) . '/',
       token => $alice, headers => {'If-Match' => '*'})->{status},
   204, 'DELETE with If-Match: * : 204');

# --- API templates --------------------------------------------------------

my $templates = api(GET => '/webhooks/v1/api-template/', token => $alice);
is($templates->{status}, 200, 'GET /webhooks/v1/api-template/: 200');
my ($seeded) = grep { ($_->{id} // '') eq $TEMPLATE }
    @{$templates->{json}{items} || []};
is_deeply($seeded, $hook->{api_template},
          'it lists the seeded template as webhooks show it');
is($seeded->{display_name}, 'Class Track Analysis', 'with its display name');

# --- endpoint_url: §1.3 --------------------------------------------------

my %bad = (
    'http://receiver.example/h' => 'url_scheme',
    'ftp://receiver.example/h' => 'url_scheme',
    'receiver.example/h' => 'url_scheme',
    'https:///h' => 'invalid_url',
    'https://' => 'invalid_url',
    '' => 'invalid_url',
    'https://user:pw@receiver.example/h' => 'url_userinfo',
    'https://user@receiver.example/h' => 'url_userinfo',
    'https://receiver.example/h#frag' => 'url_fragment',
    'https://receiver.example/a b' => 'invalid_url',
    " https://receiver.example/h" => 'invalid_url',
    "https://receiver.example/h\t" => 'invalid_url',
    "https://receiver.example/h\n" => 'invalid_url',
    "https://receiver.example/caf\x{e9}" => 'invalid_url',
    "https://b\x{fc}cher.example/" => 'invalid_url',
    'https://receiver.example/' . ('a' x 2024) => 'too_long',
);
for my $url (sort keys %bad) {
    my $res = create($alice, $url);
    my $type = fault($res)->{type} // '';
    my $want = $bad{$url};
    my $ok = $type eq $want
        || ($want eq 'invalid_url' && $url =~ /[\t\n]/
            && $type eq 'invalid_characters');
    my $shown = length $url > 60 ? substr($url, 0, 40) . '... (' . length($url)
        . ' bytes)' : $url;
    $shown =~ s/([^\x21-\x7e])/sprintf '\\x{%x}', ord $1/ge;
    ok($res->{status} == 400 && $ok
           && "@{fault($res)->{loc} || []}" eq 'body endpoint_url',
       "endpoint_url $shown: 400 $want")
        or diag("$res->{status} $res->{body}");
}
is(create($alice, 'https://receiver.example/' . ('a' x 2023))->{status}, 201,
   'an endpoint_url of exactly 2048 bytes is accepted');

my @private = ('127.0.0.2', 'localhost', 'LocalHost', 'localhost.',
               'x.localhost', 'a.b.localhost', '10.0.0.1', '0x0a.1',
               '167772161', '012.0.0.1', '10.1', '[::1]', '[::]',
               '[::ffff:10.0.0.1]', '[::ffff:a00:1]', '[::10.0.0.1]',
               '[64:ff9b::a9fe:a9fe]', '[2002:a9fe:a9fe::]', '[2001::1]',
               '[2001:0:4136:e378::1]', '100.64.0.1', '169.254.169.254',
               '0xa9.0xfe.0xa9.0xfe', '2852039166', '[fe80::1]',
               '[fc00::1]', '[fd12:3456::1]', '0.0.0.0', '0',
               '255.255.255.255', '224.0.0.1', '[ff02::1]', '192.168.1.1',
               '172.16.0.1', '192.0.2.1', '198.18.0.1', '240.0.0.1',
               '[::ffff:127.0.0.2]');
for my $host (@private) {
    my $res = create($alice, "https://$host/h");
    ok($res->{status} == 400 && (fault($res)->{type} // '') eq
           'url_private_host',
       "endpoint_url https://$host/h: 400 url_private_host")
        or diag("$res->{status} $res->{body}");
}

my $loopback = create($alice, 'https://127.0.0.1/allowed');
is($loopback->{status}, 201,
   'https://127.0.0.1/ is allowed on the main mount (CGFAllowPrivate)');
is(create($alice, 'https://127.0.0.1:8443/allowed')->{status}, 201,
   'on any port');

my %public = (
    'https://0x08080808/a' => 'https://8.8.8.8/a',
    'https://134744072/b' => 'https://8.8.8.8/b',
    'https://010.010.010.010/c' => 'https://8.8.8.8/c',
    'https://8.8.2056/d' => 'https://8.8.8.8/d',
    'https://[2001:4860:4860::8888]/e' => 'https://[2001:4860:4860::8888]/e',
    'https://RECEIVER.example:8443/f' => 'https://receiver.example:8443/f',
    'HTTPS://receiver.example/g?q=1' => 'https://receiver.example/g?q=1',
    'https://xn--bcher-kva.example/' => 'https://xn--bcher-kva.example/',
);
for my $url (sort keys %public) {
    my $res = create($alice, $url);
    is($res->{status} == 201 && $res->{json}{endpoint_url}, $public{$url},
       "$url is allowed, stored as $public{$url}");
}

is(sql(q{SELECT count(*) FROM cgf_webhook
         WHERE owner LIKE :'p1' AND version = 1
           AND updated_at <> created_at}, "$run-%"),
   0, 'every webhook this file created has updated_at equal to created_at');

done_testing();
