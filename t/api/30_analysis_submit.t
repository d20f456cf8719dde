#!/usr/bin/perl
# Contract §3: submitting a Class Track analysis: the field rules (§1.3
# for audio_url), the catalogue checks, the 202 answer, the queue row and
# the NOTIFY that wakes a worker.
use strict;
use warnings;
use Test::More;
use JSON::PP ();
use POSIX ();
use Time::HiRes ();
use CGFTest;

my $PATH = '/class-track/v1/analysis/';
my $CBSE = 'b0a7d000-0000-4000-8000-000000000001';
my $CBSE_8 = '67ade000-0001-4000-8000-000000000008';
my $CISCE_8 = '67ade000-0002-4000-8000-000000000008';
my $SCIENCE = '5b1ec700-0000-4000-8000-000000000005';
my $PHYSICS = '5b1ec700-0000-4000-8000-000000000008';
my $RUBRIC_1 = '7b71c000-0000-4000-8000-000000000001';
my $MISSING = '00000000-0000-4000-8000-000000000000';
my $UUID = qr/\A[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\z/;
my $TIME = qr/\A\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z\z/;
my $JSON = JSON::PP->new->canonical;
my $run = "submit$$" . int(rand(1e6));

my $alice = token("$run-alice");

# a body that passes every rule; cases change one field of it
sub good {
    my (%change) = @_;
    my %body = (institution_id => 'inst_001', teacher_id => 'teacher_67890',
                board_id => $CBSE, grade_id => $CBSE_8,
                subject_id => $SCIENCE, rubric_id => $RUBRIC_1,
                analysis_date => '2026-01-15',
                audio_url => 'https://media.school.example/class/8a.mp3');
    while (my ($k, $v) = each %change) {
        if (defined $v && $v eq '<absent>') {
            delete $body{$k};
        }
        else {
            $body{$k} = $v;
        }
    }
    return \%body;
}

sub submit {
    my ($body, %opt) = @_;
    return api(POST => $PATH, token => $opt{token} // $alice, json => $body,
               %opt{grep { exists $opt{$_} } qw(headers base)});
}

# the good body with one field's value written as raw JSON text, for
# values that Perl cannot tell apart (3 and 3.0, "3" and 3)
sub submit_raw_field {
    my ($field, $text) = @_;
    my $body = good();
    delete $body->{$field};
    my $json = $JSON->encode($body);
    $json =~ s/\}\z/,"$field":$text}/;
    return api(POST => $PATH, token => $alice, raw => $json,
               headers => {'Content-Type' => 'application/json'});
}

sub faults {
    my ($res) = @_;
    my $json = $res->{json};
    return [] unless ref $json eq 'HASH' && ref $json->{detail} eq 'ARRAY';
    return $json->{detail};
}

# a 400 whose only fault is $type at ["body", @loc]
sub refused {
    my ($res, $type, $loc, $name) = @_;
    my $f = faults($res);
    ok($res->{status} == 400 && @$f == 1 && ($f->[0]{type} // '') eq $type
           && "@{$f->[0]{loc} || []}" eq "body @$loc",
       $name)
        or diag("$res->{status} $res->{body}");
}

sub analyses_of {
    my ($user) = @_;
    return sql("SELECT count(*) FROM cgf_analysis WHERE owner = :'p1'",
               $user);
}

# --- a good submission ----------------------------------------------------

my $res = submit(good(metadata => {class => '8A', period => '3'}));
is($res->{status}, 202, 'a valid submission is accepted: 202')
    or diag($res->{body});
my $doc = $res->{json} || {};
my $id = $doc->{id} // $MISSING;
like($id, $UUID, 'the analysis id is a canonical uuid');
is($res->{headers}{location}, "$PATH$id/",
   'Location names the new analysis below the mount');
is($doc->{status}, 'queued', 'a new analysis is queued');
is_deeply([sort keys %$doc],
          [sort qw(id status institution_id teacher_id board grade subject
                   rubric analysis_date audio_url metadata audio transcript
                   evaluation error created_by created_at updated_at
                   completed_at)],
          'the resource has exactly the fields of the contract');
is_deeply($doc->{board}, {id => $CBSE, name => 'CBSE'},
          'board is {id, name}');
is_deeply($doc->{grade}, {id => $CBSE_8, name => 'Grade 8'},
          'grade is {id, name}');
is_deeply($doc->{subject}, {id => $SCIENCE, name => 'Science'},
          'subject is {id, name}');
is_deeply($doc->{rubric},
          {id => $RUBRIC_1, legacy_id => 1,
           name => 'Classroom Observation Rubric'},
          'rubric is {id, legacy_id, name}');
is_deeply($doc->{metadata}, {class => '8A', period => '3'},
          'metadata is kept as sent');
is($doc->{created_by}, "$run-alice", 'created_by is the token\'s user');
like($doc->{created_at} // '', $TIME, 'created_at is RFC 3339 UTC with us');
is($doc->{updated_at}, $doc->{created_at}, 'updated_at starts at created_at');
ok(!defined $doc->{audio} && !defined $doc->{transcript}
       && !defined $doc->{evaluation} && !defined $doc->{error}
       && !defined $doc->{completed_at},
   'audio, transcript, evaluation, error and completed_at start as null');
is($res->{headers}{'cache-control'}, 'no-store', 'Cache-Control: no-store');
ok(!exists $res->{headers}{'idempotent-replayed'},
   'a fresh answer is not marked as replayed');

is(sql("SELECT count(*) FROM cgf_job WHERE analysis_id = :'p1'", $id), 1,
   'an accepted analysis gets one queue row');
is(sql("SELECT stage FROM cgf_job WHERE analysis_id = :'p1'", $id), 'fetch',
   'its first stage is fetch');

my $tenant = submit(good(), base => $ENV{CGF_TEST_URL_TENANT});
like($tenant->{headers}{location} // '',
     qr{\A/tenant/api/class-track/v1/analysis/[0-9a-f-]{36}/\z},
     'under another mount, Location is relative to that mount');

is(submit(good(rubric_id => 1))->{json}{rubric}{id}, $RUBRIC_1,
   'rubric_id may be the integer id');
is(submit(good(rubric_id => '1'))->{json}{rubric}{id}, $RUBRIC_1,
   'rubric_id may be the integer id as a digit string');

my $normal = submit(good(audio_url =>
                         'HTTPS://Media.School.Example:443/x/A.MP3?sig=1'));
is($normal->{status}, 202, '.mp3 in any case, with a query string: 202');
is($normal->{json}{audio_url}, 'https://media.school.example/x/A.MP3?sig=1',
   'audio_url is stored normalised: scheme and host lower, default port '
   . 'gone');

my $today14 = POSIX::strftime('%Y-%m-%d', gmtime(time + 14 * 3600));
is(submit(good(analysis_date => $today14))->{status}, 202,
   'analysis_date may be today at UTC+14');

# --- audio_url ------------------------------------------------------------

my @bad_urls = (
    ['http://media.school.example/a.mp3', 'url_scheme', 'http'],
    ['javascript:alert(1)', 'url_scheme', 'a javascript: URL'],
    ['https://media.school.example/a.wav', 'url_not_mp3', '.wav'],
    ['https://media.school.example/a?f=b.mp3', 'url_not_mp3',
     '.mp3 only in the query'],
    ['https://media.school.example/a#b.mp3', 'url_fragment',
     '.mp3 only in the fragment'],
    ['https://media.school.example/a', 'url_not_mp3', 'no extension'],
    ['https://media.school.example/a.mp3/', 'url_not_mp3',
     'a trailing slash'],
    ['https://media.school.example/a%2Emp3', 'url_not_mp3',
     'a percent-encoded dot'],
    ['https://user:pw@media.school.example/a.mp3', 'url_userinfo',
     'user-info'],
    # the test server allow-lists 127.0.0.1 (CGFAllowPrivate), so the
    # loopback spellings below name 127.0.0.2, which it does not list
    ['https://127.0.0.2/a.mp3', 'url_private_host', 'loopback, dotted'],
    ['https://0x7f.2/a.mp3', 'url_private_host', 'loopback, short hex'],
    ['https://2130706434/a.mp3', 'url_private_host', 'loopback, decimal'],
    ['https://0177.0.0.2/a.mp3', 'url_private_host', 'loopback, octal'],
    ['https://[::ffff:127.0.0.2]/a.mp3', 'url_private_host',
     'loopback, IPv4-mapped IPv6'],
    ['https://[::1]/a.mp3', 'url_private_host', 'IPv6 loopback'],
    ['https://10.1.2.3/a.mp3', 'url_private_host', 'private 10/8'],
    ['https://169.254.169.254/a.mp3', 'url_private_host',
     'link-local (metadata service)'],
    ['https://100.64.0.1/a.mp3', 'url_private_host', 'shared (CGNAT)'],
    ['https://[fe80::1]/a.mp3', 'url_private_host', 'IPv6 link-local'],
    ['https://[fc00::1]/a.mp3', 'url_private_host', 'IPv6 unique-local'],
    ['https://localhost/a.mp3', 'url_private_host', 'localhost'],
    ['https://a.localhost/a.mp3', 'url_private_host',
     'a name under .localhost'],
);
for my $case (@bad_urls) {
    my ($url, $type, $what) = @$case;
    refused(submit(good(audio_url => $url)), $type, ['audio_url'],
            "audio_url refused ($what): $type");
}

# an allow-listed private address is accepted by value, in any spelling
for my $url (qw(https://127.0.0.1/a.mp3 https://0x7f.1/a.mp3
                https://2130706433/a.mp3 https://0177.0.0.1/a.mp3
                https://[::ffff:127.0.0.1]/a.mp3)) {
    is(submit(good(audio_url => $url))->{status}, 202,
       "an allow-listed address is accepted in every spelling: $url");
}

# where the allow-list does not name it (the tenant mount lists only
# 192.0.2.10), loopback itself is refused in every spelling
for my $url (qw(https://127.0.0.1/a.mp3 https://0x7f.1/a.mp3
                https://2130706433/a.mp3 https://0177.0.0.1/a.mp3
                https://127.1/a.mp3 https://[::ffff:127.0.0.1]/a.mp3
                https://[::127.0.0.1]/a.mp3)) {
    refused(submit(good(audio_url => $url),
                   base => $ENV{CGF_TEST_URL_TENANT}),
            'url_private_host', ['audio_url'],
            "audio_url refused where loopback is not allowed: $url");
}

# --- analysis_date --------------------------------------------------------

my $tomorrow14 = POSIX::strftime('%Y-%m-%d',
                                 gmtime(time + 14 * 3600 + 86400));
refused(submit(good(analysis_date => $tomorrow14)), 'future_date',
        ['analysis_date'],
        'analysis_date one day after today at UTC+14: future_date');
refused(submit(good(analysis_date => '2025-02-30')), 'invalid_date',
        ['analysis_date'], 'analysis_date Feb 30: invalid_date');
refused(submit(good(analysis_date => '15-01-2026')), 'invalid_date',
        ['analysis_date'], 'analysis_date in another format: invalid_date');
refused(submit(good(analysis_date => '2026-1-5')), 'invalid_date',
        ['analysis_date'], 'analysis_date without leading zeros: invalid_date');
refused(submit(good(analysis_date => '2026-01-15T10:30:00Z')),
        'invalid_date', ['analysis_date'],
        'analysis_date as a timestamp: invalid_date');
refused(submit_raw_field('analysis_date', '20260115'), 'wrong_type',
        ['analysis_date'], 'analysis_date as a number: wrong_type');

# --- rubric_id ------------------------------------------------------------

my @bad_rubrics = (
    ['3.0', 'wrong_type', 'a real number 3.0'],
    ['"03"', 'invalid_uuid', 'a digit string with a leading zero'],
    ['"+3"', 'invalid_uuid', 'a digit string with a sign'],
    ['0', 'out_of_range', 'zero'],
    ['-1', 'out_of_range', 'a negative integer'],
    ['2147483648', 'out_of_range', 'an integer above 2147483647'],
    ['"2147483648"', 'out_of_range', 'a digit string above 2147483647'],
    ['true', 'wrong_type', 'a boolean'],
    ['null', 'wrong_type', 'null'],
    ["\"$MISSING\"", 'unknown_reference', 'an unknown uuid'],
    ['999999', 'unknown_reference', 'an unknown integer id'],
);
for my $case (@bad_rubrics) {
    my ($text, $type, $what) = @$case;
    refused(submit_raw_field('rubric_id', $text), $type, ['rubric_id'],
            "rubric_id refused ($what): $type");
}

# --- the catalogue --------------------------------------------------------

refused(submit(good(board_id => $MISSING)), 'unknown_reference',
        ['board_id'], 'an unknown board: unknown_reference, reported once');
refused(submit(good(grade_id => $CISCE_8)), 'mismatch', ['grade_id'],
        'a grade of another board: mismatch');
refused(submit(good(subject_id => $PHYSICS)), 'mismatch', ['subject_id'],
        'a subject not offered for that board and grade: mismatch');
refused(submit(good(grade_id => $MISSING)), 'unknown_reference',
        ['grade_id'], 'a grade id that names nothing: unknown_reference');

my $refs = submit(good(grade_id => $MISSING, subject_id => $MISSING,
                       rubric_id => $MISSING));
is_deeply([map { "$_->{type} @{$_->{loc}}" } @{faults($refs)}],
          ['unknown_reference body grade_id',
           'unknown_reference body subject_id',
           'unknown_reference body rubric_id'],
          'every reference fault is reported at once');

# --- the body as a whole --------------------------------------------------

my $empty = api(POST => $PATH, token => $alice, json => {});
is($empty->{status}, 400, 'an empty object: 400');
is_deeply([sort map { $_->{loc}[1] } grep { $_->{type} eq 'missing' }
           @{faults($empty)}],
          [sort qw(institution_id teacher_id board_id grade_id subject_id
                   rubric_id analysis_date audio_url)],
          'every missing field is reported at once, one entry each');
is(scalar @{faults($empty)}, 8,
   'exactly 8 detail entries for 8 missing fields');

my $many = submit(good(teacher_id => '', board_id => 'CBSE',
                       analysis_date => '2025-02-30',
                       audio_url => 'https://media.school.example/a.wav',
                       colour => 'red'));
is_deeply([sort map { "$_->{type} $_->{loc}[1]" } @{faults($many)}],
          [sort('too_short teacher_id', 'invalid_uuid board_id',
                'invalid_date analysis_date', 'url_not_mp3 audio_url',
                'unknown_field colour')],
          'faults of different fields come in one response')
    or diag($many->{body});

refused(submit(good(teacher_id => 'x' x 129)), 'too_long', ['teacher_id'],
        'teacher_id over 128 bytes: too_long');
refused(submit(good(institution_id => "inst\x{7}1")), 'invalid_characters',
        ['institution_id'], 'a control character: invalid_characters');
refused(submit(good(board_id => uc $CBSE)), 'invalid_uuid', ['board_id'],
        'an upper-case uuid: invalid_uuid');

# --- metadata -------------------------------------------------------------

my %twenty = map { ("k$_" => 'v') } 1 .. 20;
is(submit(good(metadata => \%twenty))->{status}, 202,
   'metadata with 20 keys is accepted');
refused(submit(good(metadata => {%twenty, k21 => 'v'})), 'too_many',
        ['metadata'], 'metadata with 21 keys: too_many');
is(submit(good(metadata => {('k' x 40) => 'v' x 500}))->{status}, 202,
   'a 40-byte key with a 500-byte value is accepted');
refused(submit(good(metadata => {('k' x 41) => 'v'})), 'too_long',
        ['metadata', 'k' x 41], 'a 41-byte metadata key: too_long');
refused(submit(good(metadata => {note => 'v' x 501})), 'too_long',
        ['metadata', 'note'], 'a 501-byte metadata value: too_long');
refused(submit(good(metadata => {count => 3})), 'wrong_type',
        ['metadata', 'count'], 'a metadata value that is not a string');
refused(submit(good(metadata => ['a'])), 'wrong_type', ['metadata'],
        'metadata that is not an object: wrong_type');

# --- a failed request stores nothing --------------------------------------

my $before = analyses_of("$run-alice");
submit(good(grade_id => $CISCE_8));
submit(good(analysis_date => $tomorrow14));
is(analyses_of("$run-alice"), $before,
   'a refused submission stores no analysis');

# --- NOTIFY ---------------------------------------------------------------

# A psql session LISTENs on cgf_job, sleeps while we submit, and prints
# the notifications it received when its next statement completes.
sub listen_for_notify {
    my ($out) = @_;
    my $pid = fork // die "fork: $!";
    if ($pid == 0) {
        open STDOUT, '>', $out or POSIX::_exit(1);
        open STDERR, '>&', \*STDOUT;
        open my $in, '|-', split(' ', $ENV{CGF_TEST_PSQL}), '-X'
            or POSIX::_exit(1);
        print {$in} "LISTEN cgf_job;\nSELECT 'cgf-listener', "
            . "pg_sleep(3);\nSELECT 1;\n";
        close $in;
        POSIX::_exit(0);
    }
    return $pid;
}

my $out = ($ENV{CGF_TEST_ROOT} // '/tmp') . "/notify-$run.out";
my $listener = listen_for_notify($out);
my $until = Time::HiRes::time() + 10;
while (Time::HiRes::time() < $until) {
    last if sql(q{SELECT count(*) FROM pg_stat_activity
                  WHERE query LIKE 'SELECT ''cgf-listener''%'
                    AND state = 'active'});
    Time::HiRes::sleep(0.05);
}
my $woken = submit(good());
waitpid $listener, 0;
my $heard = do { local (@ARGV, $/) = ($out); <> } // '';
unlink $out;
my $wid = $woken->{json}{id} // $MISSING;
like($heard, qr/notification "cgf_job" with payload "\Q$wid\E"/,
     'an accepted analysis NOTIFYs cgf_job with its id')
    or diag($heard);

done_testing();
