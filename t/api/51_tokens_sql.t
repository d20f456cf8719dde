#!/usr/bin/perl
# Contract §5: the SQL admin interface for bearer tokens (cgf_token_issue,
# cgf_token_revoke, cgf_token_revoke_user) and how tokens are stored.
use strict;
use warnings;
use Test::More;
use CGFTest;

my $run = "tok$$" . int(rand(1e6));

# 1 if the statement raises; psql's error text is kept off the TAP output
sub sql_raises {
    my ($query, @binds) = @_;
    open my $saved, '>&', \*STDERR or die "dup STDERR: $!\n";
    open STDERR, '>', '/dev/null' or die "/dev/null: $!\n";
    my $ok = eval { sql($query, @binds); 1 };
    open STDERR, '>&', $saved or die "restore STDERR: $!\n";
    return !$ok;
}

sub hash_of {
    my ($token) = @_;
    return scalar sql(
        "SELECT encode(sha256(convert_to(:'p1', 'UTF8')), 'hex')", $token);
}

# --- issue ----------------------------------------------------------------

my $user = "$run-issue";
my $token = sql("SELECT cgf_token_issue(:'p1')", $user);
like($token, qr/\Acgf_[A-Za-z0-9_-]{43}\z/,
     'cgf_token_issue returns cgf_ and 43 base64url characters');
isnt(sql("SELECT cgf_token_issue(:'p1')", $user), $token,
     'each call returns a new token');

my @row = sql(q{SELECT token_hash, user_id FROM cgf_token
                WHERE token_hash = encode(sha256(convert_to(:'p1', 'UTF8')),
                                          'hex')}, $token);
is(scalar @row, 1, 'the token table holds the SHA-256 of the token');
like($row[0][0] // '', qr/\A[0-9a-f]{64}\z/,
     'the stored hash is 64 lower-case hex digits');
is($row[0][1], $user, 'the stored hash is tied to the user id');

is(sql(q{SELECT count(*) FROM cgf_token t
         WHERE t::text LIKE '%' || :'p1' || '%'},
       substr($token, 4)),
   0, 'no row of the token table holds the token itself');

is(sql(q{SELECT count(*) FROM cgf_token
         WHERE user_id = :'p1'
           AND expires_at BETWEEN now() + interval '89 days'
                              AND now() + interval '91 days'}, $user),
   2, 'a token expires after 90 days by default');

my $short = sql("SELECT cgf_token_issue(:'p1', interval '1 hour')", $user);
is(sql(q{SELECT expires_at < now() + interval '61 minutes'
         FROM cgf_token WHERE token_hash = :'p1'}, hash_of($short)),
   't', 'the ttl argument sets the expiry');

ok(sql_raises("SELECT cgf_token_issue(:'p1', interval '0')", $user),
   'a ttl of zero raises');
ok(sql_raises("SELECT cgf_token_issue(:'p1', interval '-1 day')", $user),
   'a negative ttl raises');

# --- user ids: 1..128 visible ASCII characters ----------------------------

ok(sql_raises("SELECT cgf_token_issue('')"), 'an empty user id raises');
ok(sql_raises("SELECT cgf_token_issue(NULL)"), 'a NULL user id raises');
ok(sql_raises("SELECT cgf_token_issue(:'p1')", 'u' x 129),
   'a user id of 129 characters raises');
ok(sql_raises("SELECT cgf_token_issue(:'p1')", 'user one'),
   'a user id with a space raises');
ok(sql_raises("SELECT cgf_token_issue(:'p1')", "user\tone"),
   'a user id with a control character raises');
ok(sql_raises("SELECT cgf_token_issue(:'p1')", "us\x{e9}r"),
   'a user id with a non-ASCII character raises');
like(sql("SELECT cgf_token_issue(:'p1')", 'u' x 128), qr/\Acgf_/,
     'a user id of 128 characters is accepted');
like(sql("SELECT cgf_token_issue('x')"), qr/\Acgf_/,
     'a user id of 1 character is accepted');

is(sql("SELECT count(*) FROM cgf_token WHERE user_id = :'p1'", 'user one'),
   0, 'a refused user id leaves no row');

# --- revoke one -----------------------------------------------------------

my $victim = sql("SELECT cgf_token_issue(:'p1')", "$run-revoke");
is(sql("SELECT cgf_token_revoke(:'p1')", $victim), 't',
   'cgf_token_revoke returns true for a live token');
is(sql("SELECT cgf_token_revoke(:'p1')", $victim), 'f',
   'cgf_token_revoke returns false the second time');
is(sql("SELECT cgf_token_revoke(:'p1')", 'cgf_' . ('A' x 43)), 'f',
   'cgf_token_revoke returns false for an unknown token');
is(sql("SELECT revoked_at IS NOT NULL FROM cgf_token WHERE token_hash = :'p1'",
       hash_of($victim)),
   't', 'a revoked token keeps its row, marked revoked');

# --- revoke a user's ------------------------------------------------------

my $many = "$run-many";
my $other = "$run-other";
my @tokens = map { scalar sql("SELECT cgf_token_issue(:'p1')", $many) } 1 .. 3;
sql("SELECT cgf_token_issue(:'p1')", $other);
sql("SELECT cgf_token_revoke(:'p1')", $tokens[0]);

is(sql("SELECT cgf_token_revoke_user(:'p1')", $many), 2,
   'cgf_token_revoke_user returns how many live tokens it revoked');
is(sql("SELECT cgf_token_revoke_user(:'p1')", $many), 0,
   'cgf_token_revoke_user returns 0 when nothing is left to revoke');
is(sql("SELECT cgf_token_revoke_user(:'p1')", "$run-nobody"), 0,
   'cgf_token_revoke_user returns 0 for a user without tokens');
is(sql(q{SELECT count(*) FROM cgf_token
         WHERE user_id = :'p1' AND revoked_at IS NULL}, $other),
   1, "cgf_token_revoke_user leaves other users' tokens alone");

done_testing();
