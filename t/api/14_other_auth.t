# Auth (contract §1): where the admin lets another auth module
# authenticate (here mod_auth_basic at /basic/api), mod_cgf takes the user
# it sets as the owner, and that module's own errors apply.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/../lib";
use Test::More;
use MIME::Base64;
use CGFTest;

my $base = base_url() . '/basic/api';
my $basic = 'Basic ' . encode_base64('basic-user:basic-pass', '');
my $template = '6f1d2a3b-0c4e-4a5f-9b6d-7e8f9a0b1c2d';

my $res = api('GET', '/webhooks/v1/webhook/', base => $base);
is($res->{status}, 401, 'other auth module: no credentials, its own 401');
like($res->{headers}{'www-authenticate'} // '', qr/^Basic/,
     "other auth module: its own challenge");

$res = api('GET', '/health', base => $base);
is($res->{status}, 200, 'other auth module: /health stays open');

my $url = 'https://receiver.example/basic-' . time;
$res = api('POST', '/webhooks/v1/webhook/', base => $base,
           headers => {Authorization => $basic},
           json => {api_template => $template, endpoint_url => $url});
is($res->{status}, 201, 'other auth module: create works');
is($res->{json}{created_by}, 'basic-user',
   'other auth module: its user owns what it creates');
like($res->{headers}{location} // '', qr{^/basic/api/webhooks/v1/webhook/},
     'other auth module: Location under its mount');

my $id = $res->{json}{id};
$res = api('GET', "/webhooks/v1/webhook/$id/", token => token('basic-user'));
is($res->{status}, 200,
   'the same user id with a bearer token sees the webhook');

$res = api('GET', "/webhooks/v1/webhook/$id/", token => token('someone'));
is($res->{status}, 404, 'another user does not');

done_testing();
