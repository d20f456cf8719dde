# The OpenAPI document (docs/openapi.json) and the routes the module
# serves must stay in step: the route table in mod_cgf/cgf_router.c, the
# document, and the live server's Allow headers all name the same
# paths and methods.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/../lib";
use Test::More;
use JSON::PP;
use CGFTest;

my $root = "$FindBin::Bin/../..";

sub slurp {
    my ($file) = @_;
    open my $fh, '<', $file or die "$file: $!";
    local $/;
    return <$fh>;
}

# "webhooks/v1/webhook/*" -> "/webhooks/v1/webhook/{}/"
sub shape {
    my ($path) = @_;
    $path =~ s/\{[^}]+\}/*/g;
    $path =~ s{^/}{};
    $path =~ s{/$}{};
    return $path;
}

# the route table: pattern => [methods]
my %table;
my $src = slurp("$root/mod_cgf/cgf_router.c");
my ($block) = $src =~ /routes\[\] = \{(.*?)\n\};/s;
ok($block, 'route table found in cgf_router.c');
while ($block =~ /\{"([^"]+)",\s*[^,]+,\s*(\w+),\s*(\w+),\s*(\w+),\s*(\w+)\}/g) {
    my ($pattern, @fn) = ($1, $2, $3, $4, $5);
    my @names = qw(get post patch delete);
    $table{$pattern} = [sort map { $fn[$_] eq 'NULL' ? () : $names[$_] } 0 .. 3];
}
cmp_ok(scalar keys %table, '>=', 11, 'route table parsed');

my $doc = decode_json(slurp("$root/docs/openapi.json"));
my %documented = map {
    my $p = $_;
    (shape($p) => [sort grep { /^(get|post|patch|delete)$/ } keys %{$doc->{paths}{$p}}])
} keys %{$doc->{paths}};

is_deeply([sort keys %documented], [sort keys %table],
          'the document names exactly the routes of the route table');
for my $p (sort keys %table) {
    is_deeply($documented{$p}, $table{$p}, "methods of /$p match");
}

# live: every documented path answers OPTIONS with the same Allow, and no
# documented method is an unknown route or not allowed
my $token = token('openapi-user');
my $uuid = '00000000-0000-4000-8000-000000000000';
for my $p (sort keys %documented) {
    (my $path = "/$p/") =~ s/\*/$uuid/g;
    my $res = api('OPTIONS', $path, token => $token);
    is($res->{status}, 204, "OPTIONS $path answers 204");
    my @allow = sort grep { !/^(head|options)$/ }
        map { lc } split /\s*,\s*/, $res->{headers}{allow} // '';
    is_deeply(\@allow, $documented{$p}, "Allow of $path matches the document");

    for my $m (@{$documented{$p}}) {
        my %opt = (token => $token);
        $opt{json} = {} if $m eq 'post' || $m eq 'patch';
        my $r = api(uc $m, $path, %opt);
        my $unknown = $r->{status} == 404
            && ($r->{json}{detail}[0]{msg} // '') eq 'No such route.';
        ok(!$unknown && $r->{status} != 405 && $r->{status} < 500,
           uc($m) . " $path is served (got $r->{status})");
    }
}

done_testing();
