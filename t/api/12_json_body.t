#!/usr/bin/perl
# Contract §1 "request body": application/json only (415), at most the
# module's limit, sized or chunked (413), strict JSON (400).
use strict;
use warnings;
use Test::More;
use IO::Socket::INET;
use IO::Select;
use CGFTest;

my $TEMPLATE = '6f1d2a3b-0c4e-4a5f-9b6d-7e8f9a0b1c2d';
my $LIST = '/webhooks/v1/webhook/';
my $LIMIT = 65536;
my $run = "body$$" . int(rand(1e6));
my $token = token("$run-a");

sub post {
    my ($raw, %headers) = @_;
    $headers{'Content-Type'} = 'application/json'
        unless exists $headers{'Content-Type'};
    return api(POST => $LIST, token => $token, raw => $raw,
               headers => \%headers);
}

sub types_of {
    my ($res) = @_;
    my $json = $res->{json};
    return '' unless ref $json eq 'HASH' && ref $json->{detail} eq 'ARRAY';
    return join ' ', map { $_->{type} // '?' } @{$json->{detail}};
}

# one 400 fault for the body as a whole
sub body_fault {
    my ($res, $type, $name) = @_;
    subtest $name => sub {
        is($res->{status}, 400, 'status 400');
        is(types_of($res), $type, "one fault of type $type");
        is_deeply($res->{json}{detail}[0]{loc}, ['body'], 'loc ["body"]');
        like($res->{json}{detail}[0]{msg} // '', qr/\A[A-Z].*\.\z/,
             'msg is one sentence');
    };
}

# a nest of $depth objects, the innermost {} included
sub nested {
    my ($depth, $inner) = @_;
    return ('{"a":' x ($depth - 1)) . ($inner // '{}') . ('}' x ($depth - 1));
}

my $hooks = sub {
    sql("SELECT count(*) FROM cgf_webhook WHERE owner = :'p1'", "$run-a");
};
my $valid = sub {
    my ($path) = @_;
    return sprintf '{"api_template": "%s", "endpoint_url": '
        . '"https://receiver.example/body/%s"}', $TEMPLATE, $path;
};

# --- faults of the JSON text ----------------------------------------------

body_fault(post('{"endpoint_url": '), 'invalid_json',
           'a body that is not JSON: invalid_json');
body_fault(post('nope'), 'invalid_json', 'a bare word: invalid_json');
body_fault(post('{"a": 1} {"b": 2}'), 'invalid_json',
           'trailing data after the object: invalid_json');
body_fault(post('{"a": 1} x'), 'invalid_json',
           'trailing garbage after the object: invalid_json');
body_fault(post('[{"api_template": "x"}]'), 'not_object',
           'a top-level array: not_object');
body_fault(post('"text"'), 'not_object', 'a top-level string: not_object');
body_fault(post('null'), 'not_object', 'a top-level null: not_object');
body_fault(post('{"endpoint_url": "a", "endpoint_url": "b"}'),
           'duplicate_key', 'a repeated key: duplicate_key');
body_fault(post('{"x": {"k": 1, "k": 1}}'), 'duplicate_key',
           'a repeated key in a nested object: duplicate_key');
body_fault(post('{"endpoint_url": "https://a.example/\u0000"}'),
           'invalid_json', 'an escaped NUL (\u0000) in a string: invalid_json');
body_fault(post("{\"endpoint_url\": \"a\x00b\"}"), 'invalid_json',
           'a raw NUL byte in a string: invalid_json');
body_fault(post(qq({"k\\u0000": 1})), 'invalid_json',
           'an escaped NUL in a key: invalid_json');
body_fault(post("{\"endpoint_url\": \"\xff\"}"), 'invalid_json',
           'an invalid UTF-8 byte: invalid_json');
body_fault(post("{\"endpoint_url\": \"\xc0\xaf\"}"), 'invalid_json',
           'an overlong UTF-8 sequence: invalid_json');
body_fault(post("{\"endpoint_url\": \"\xed\xa0\x80\"}"), 'invalid_json',
           'a UTF-8 encoded surrogate: invalid_json');
body_fault(post('{"endpoint_url": "\ud800"}'), 'invalid_json',
           'a lone surrogate escape: invalid_json');
body_fault(post("\xef\xbb\xbf{}"), 'invalid_json',
           'a byte order mark: invalid_json');
body_fault(post(''), 'invalid_json', 'an empty body: invalid_json');
body_fault(post(nested(17)), 'invalid_json',
           'objects nested 17 deep: invalid_json');
body_fault(post(nested(16, '[[]]')), 'invalid_json',
           'arrays count towards the depth: 17 levels, invalid_json');

my $deep = post(nested(16));
is($deep->{status}, 400, 'objects nested 16 deep: parsed');
is(types_of($deep), 'unknown_field missing missing',
   'and then judged field by field (unknown a, missing fields)');

my $utf8 = post(sprintf '{"api_template": "%s", "endpoint_url": '
                . qq("https://receiver.example/caf\xc3\xa9"}), $TEMPLATE);
is(types_of($utf8), 'invalid_url',
   'valid UTF-8 in a string is parsed (and judged by the URL rules)');

# --- Content-Type: 415 ----------------------------------------------------

my %ct415 = (
    'text/plain' => 'Content-Type text/plain',
    'application/json; charset=latin1' => 'charset=latin1',
    'application/json; charset=utf-16' => 'charset=utf-16',
    'application/jsonx' => 'application/jsonx',
    'application/x-www-form-urlencoded' => 'a form',
    'application/json; foo=bar' => 'another parameter',
);
for my $type (sort keys %ct415) {
    my $res = post($valid->('ct415'), 'Content-Type' => $type);
    ok($res->{status} == 415
           && types_of($res) eq 'unsupported_media_type',
       "$ct415{$type}: 415 unsupported_media_type");
}
my $none = post($valid->('ct415'), 'Content-Type' => undef);
ok($none->{status} == 415 && types_of($none) eq 'unsupported_media_type',
   'no Content-Type: 415 unsupported_media_type');
is($hooks->(), 0, 'a 415 creates nothing');

my $n = 0;
for my $type ('application/json; charset=utf-8',
              'application/json;charset=UTF-8',
              'application/json; charset="utf-8"',
              'application/json ; charset=utf-8',
              'Application/JSON') {
    my $res = post($valid->('ct' . ++$n), 'Content-Type' => $type);
    is($res->{status}, 201, "Content-Type $type is accepted");
}

my $patch415 = api(PATCH => "${LIST}00000000-0000-4000-8000-000000000000/",
                   token => $token, raw => '{}',
                   headers => {'Content-Type' => 'text/plain'});
is($patch415->{status}, 415, 'PATCH follows the same rules: 415');

# --- size: 413 ------------------------------------------------------------

# a valid body of exactly $size bytes (padded with white space)
sub sized {
    my ($size, $path) = @_;
    my $text = $valid->($path);
    return $text . (' ' x ($size - length $text));
}

is(post(sized($LIMIT, 'limit'))->{status}, 201,
   'a body of exactly 64 KiB is accepted');
my $over = post(sized($LIMIT + 1, 'over'));
ok($over->{status} == 413 && types_of($over) eq 'body_too_large',
   'a sized body of 64 KiB + 1: 413 body_too_large');
is_deeply($over->{json}{detail}[0]{loc}, ['body'], 'loc ["body"]');
my $huge = post('x' x (1024 * 1024));
is($huge->{status}, 413, 'a sized body of 1 MiB that is not JSON: 413');

# chunked bodies, sent by HTTP::Tiny from a code ref
sub chunked {
    my ($text, $size) = @_;
    my @chunks = unpack "(a$size)*", $text;
    return sub { shift(@chunks) // '' };
}

my $big = chunked('[' . ('1,' x 102400) . '1]', 8192);
my $chunked_over = post($big);
ok($chunked_over->{status} == 413
       && types_of($chunked_over) eq 'body_too_large',
   'a chunked body of 200 KB: 413 body_too_large');
is(post(chunked(sized($LIMIT + 1, 'chunk-over'), 4096))->{status}, 413,
   'a chunked body of 64 KiB + 1: 413');
is(post(chunked(sized($LIMIT, 'chunk-limit'), 4096))->{status}, 201,
   'a chunked body of exactly 64 KiB is accepted');

my $small = post(chunked($valid->('chunked'), 7));
is($small->{status}, 201, 'a small chunked body works');
is($small->{json}{endpoint_url}, 'https://receiver.example/body/chunked',
   'and is read whole');

# the same, on a raw socket: the chunked framing written by hand
sub raw_chunked {
    my (@chunks) = @_;
    my ($host, $port) = base_url() =~ m{\Ahttp://([^:/]+):(\d+)}
        or die 'cannot parse ' . base_url() . "\n";
    my $sock = IO::Socket::INET->new(PeerAddr => $host, PeerPort => $port,
                                     Proto => 'tcp', Timeout => 10)
        or die "connect: $!\n";
    print {$sock} "POST $LIST HTTP/1.1\r\nHost: $host:$port\r\n"
        . "Authorization: Bearer $token\r\n"
        . "Content-Type: application/json\r\n"
        . "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
    print {$sock} sprintf("%x\r\n%s\r\n", length $_, $_) for @chunks;
    print {$sock} "0\r\n\r\n";

    my ($got, $sel) = ('', IO::Select->new($sock));
    while ($sel->can_read(15)) {
        last unless sysread $sock, $got, 65536, length $got;
    }
    close $sock;
    return $got;
}

like(raw_chunked(unpack '(a5)*', $valid->('raw')), qr{\AHTTP/1\.1 201 },
     'a chunked body in 5-byte chunks on a raw socket: 201');
like(raw_chunked(('x' x 50000) x 4), qr{\AHTTP/1\.1 413 },
     'a chunked body of 200 KB on a raw socket: 413');

is($hooks->(), 9, 'exactly the accepted bodies created webhooks');

done_testing();
