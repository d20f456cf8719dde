# Errors that httpd answers itself under a mount are JSON too (contract
# §1 "errors: always JSON from the module"): a broken chunked body, a
# body over LimitRequestBody, an encoded slash in the path.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/../lib";
use Test::More;
use IO::Socket::INET;
use JSON::PP;
use CGFTest;

my $token = token('httpd-errors-user');
my ($host_port) = base_url() =~ m{^http://([^/]+)};

# one raw HTTP/1.1 exchange; returns (status, headers hashref, body)
sub raw_http {
    my ($request) = @_;
    my $s = IO::Socket::INET->new(PeerAddr => $host_port, Timeout => 10)
        or die "connect: $!";
    print $s $request;
    local $/;
    my $answer = <$s> // '';
    my ($head, $body) = split /\r\n\r\n/, $answer, 2;
    my ($status) = $head =~ m{^HTTP/1\.\d (\d+)};
    my %h = map { /^([^:]+):\s*(.*)$/ ? (lc $1 => $2) : () }
        split /\r\n/, $head;
    return ($status, \%h, $body);
}

sub is_json_error {
    my ($name, $status, $h, $body, $want_status, $want_type) = @_;
    is($status, $want_status, "$name: status $want_status");
    like($h->{'content-type'} // '', qr{^application/json},
         "$name: JSON, not httpd's HTML page");
    my $j = eval { decode_json($body) };
    is($j && $j->{detail}[0]{type}, $want_type, "$name: type $want_type");
    ok($h->{'x-request-id'} && $j
       && $j->{request_id} eq $h->{'x-request-id'},
       "$name: X-Request-Id repeated as request_id");
}

my ($st, $h, $body) = raw_http(
    "POST /webhooks/v1/webhook/ HTTP/1.1\r\nHost: t\r\n"
    . "Authorization: Bearer $token\r\nContent-Type: application/json\r\n"
    . "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
    . "zz\r\nabc\r\n0\r\n\r\n");
is_json_error('broken chunk size', $st, $h, $body, 400, 'invalid_json');

my $big = '{"endpoint_url":"https://r.example/' . ('a' x 2000) . '"}';
my $res = api('POST', '/webhooks/v1/webhook/', token => $token,
              raw => $big, headers => {'Content-Type' => 'application/json'},
              base => $ENV{CGF_TEST_URL_TENANT});
is_json_error('body over LimitRequestBody', $res->{status}, $res->{headers},
              $res->{body}, 413, 'body_too_large');

$res = api('GET', '/webhooks/v1/webhook/a%2Fb/', token => $token);
is_json_error('encoded slash in the path', $res->{status}, $res->{headers},
              $res->{body}, 404, 'not_found');

done_testing();
