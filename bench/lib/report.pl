#!/usr/bin/perl
# report.pl RESULTS_DIR: the table of a bench/run, from its raw.tsv (one
# line per run) and meta.txt.  Every figure is the median of the runs;
# ratios are of medians.
use strict;
use warnings;
use utf8;
binmode STDOUT, ':encoding(UTF-8)';

my $dir = shift or die "usage: report.pl RESULTS_DIR\n";

my (%meta, @memory);
open my $mfh, '<', "$dir/meta.txt" or die "report.pl: $dir/meta.txt: $!\n";
while (<$mfh>) {
    chomp;
    my ($k, $v) = split /=/, $_, 2;
    if ($k =~ /^memory_(\w+)$/) { push @memory, [ $1, split ' ', $v ] }
    else { $meta{$k} = $v }
}

# variant route conns => list of runs
my %runs;
open my $rfh, '<', "$dir/raw.tsv" or die "report.pl: $dir/raw.tsv: $!\n";
while (<$rfh>) {
    chomp;
    my %r;
    @r{qw(variant route conns run n rps p50 p99 err httpd pg resets)} =
        split /\t/;
    $r{resets} //= 0;
    push @{ $runs{"$r{variant} $r{route} $r{conns}"} }, \%r;
}

sub median {
    my @v = sort { $a <=> $b } @_;
    return undef unless @v;
    return @v % 2 ? $v[$#v / 2] : ($v[@v / 2 - 1] + $v[@v / 2]) / 2;
}

# the medians of one cell, or undef
sub cell {
    my ($variant, $route, $conns) = @_;
    my $list = $runs{"$variant $route $conns"} or return undef;
    my %m = (runs => scalar @$list);
    for my $k (qw(rps p50 p99 httpd pg)) {
        $m{$k} = median(map { $_->{$k} } @$list);
    }
    $m{err} = 0;
    $m{err} += $_->{err} for @$list;
    $m{resets} = 0;
    $m{resets} += $_->{resets} for @$list;
    $m{n} = 0;
    $m{n} += $_->{n} for @$list;
    return \%m;
}

sub num {
    my ($v) = @_;
    my $s = sprintf '%.0f', $v;
    1 while $s =~ s/^(\d+)(\d{3})/$1 $2/;
    return $s;
}

sub ms { defined $_[0] ? sprintf('%.2f', $_[0] / 1000) : '-' }
sub ratio { defined $_[0] && defined $_[1] && $_[1] > 0
                ? sprintf('%.2f', $_[0] / $_[1]) : '-' }

my @routes = qw(patch_webhook get_webhook list_webhooks post_analysis
                get_analysis);
my %conns_seen;
$conns_seen{ (split ' ', $_)[2] } = 1 for keys %runs;
my @conns = sort { $a <=> $b } keys %conns_seen;
my %label = (
    patch_webhook => 'PATCH webhook',
    get_webhook   => 'GET webhook',
    list_webhooks => 'list webhooks',
    post_analysis => 'POST analysis',
    get_analysis  => 'GET analysis',
    static        => 'static file',
);

# --- heading -------------------------------------------------------------

my $runs = $meta{runs} // '?';
print "mod_cgf benchmark ($meta{mode} run), $meta{date}, commit $meta{commit}\n";
print "mod_cgf's token cache is ON: it skips the token lookup that the bare"
    . " handler and\npgbench still run.\n" if ($meta{token_cache} // '') eq 'on';
print "machine: $meta{nproc} cores ($meta{cpu}), $meta{ram}, Linux"
    . " $meta{kernel}; $meta{httpd}, $meta{postgresql}, $meta{wrk}\n";
print "The load generator (wrk, or pgbench for the limit), httpd and"
    . " PostgreSQL share\nthese $meta{nproc} cores in every run, the pgbench"
    . " limit included.\n";
printf "data: %s users, %s webhooks, %s analyses; parameters drawn from a"
    . " sample of %s\ndraws; each figure the median of %s run(s) of %s s;"
    . " module built with\n%s\n\n",
    num($meta{users}), num($meta{webhooks}), num($meta{analyses}),
    num($meta{sample}), $runs, $meta{duration}, $meta{cflags};

# --- the table -----------------------------------------------------------

my @head = ('route', 'conns', 'variant', 'req/s', 'p50 ms', 'p99 ms',
            'httpd µs/req', 'pg µs/req', 'rate/bare', 'p99/bare',
            'cpu/bare', 'rate/pg', 'p99/pg');
my @rows;
my (@rate_bare, @cpu_bare, %patch16, @errors, @resets);

for my $route (@routes, 'static') {
    for my $c (@conns) {
        if ($route ne 'static' && $meta{"na_$route"}) {
            push @rows, [ $label{$route}, $c, 'n/a: ' . $meta{"na_$route"} ]
                if $c == $conns[0];
            next;
        }
        my @variants = $route eq 'static' ? ('static')
            : ('pgbench', 'bare', 'mod_cgf');
        my %m = map { $_ => cell($_, $route, $c) } @variants;
        next unless grep { defined } values %m;
        my $first = 1;
        for my $v (@variants) {
            my $x = $m{$v} or next;
            push @errors, "$v $label{$route} at $c: $x->{err} in"
                . " $x->{n} requests" if $x->{err};
            push @resets, sprintf '%s %s at %d: %.1f %%', $v,
                $label{$route}, $c, 100 * $x->{resets} / $x->{n}
                if $x->{resets};
            my @r = ($first ? $label{$route} : '', $first ? $c : '', $v,
                     num($x->{rps}) . ($x->{err} ? '!' : ''), ms($x->{p50}),
                     ms($x->{p99}),
                     $v eq 'pgbench' ? '-' : sprintf('%.1f', $x->{httpd}),
                     sprintf('%.1f', $x->{pg}));
            if ($v eq 'mod_cgf') {
                my ($b, $p) = ($m{bare}, $m{pgbench});
                push @r, ratio($x->{rps}, $b && $b->{rps}),
                    ratio($x->{p99}, $b && $b->{p99}),
                    ratio($x->{httpd}, $b && $b->{httpd}),
                    ratio($x->{rps}, $p && $p->{rps}),
                    ratio($x->{p99}, $p && $p->{p99});
                if ($b && $c >= 16) {
                    push @rate_bare, [ $x->{rps} / $b->{rps}, $route, $c ];
                    push @cpu_bare, [ $x->{httpd} / $b->{httpd}, $route, $c ]
                        if $b->{httpd} > 0;
                }
                %patch16 = (cgf => $x, bare => $b, pg => $p)
                    if $route eq 'patch_webhook' && $c == 16;
            }
            push @rows, \@r;
            $first = 0;
        }
    }
}

my @w = map { length } @head;
for my $r (@rows) {
    next if @$r == 3;
    $w[$_] = length $r->[$_] > $w[$_] ? length $r->[$_] : $w[$_]
        for 0 .. $#$r;
}
my $fmt = sub {
    my ($r) = @_;
    return sprintf("%-*s  %*s  %s", $w[0], $r->[0], $w[1], $r->[1],
                   $r->[2]) if @$r == 3;
    my @cells;
    for my $i (0 .. $#$r) {
        push @cells, $i == 0 || $i == 2 ? sprintf('%-*s', $w[$i], $r->[$i])
            : sprintf('%*s', $w[$i], $r->[$i]);
    }
    return join '  ', @cells;
};
print $fmt->(\@head), "\n";
print join('  ', map { '-' x $_ } @w), "\n";
my $last = '';
for my $r (@rows) {
    print "\n" if $r->[0] ne '' && $last ne '' && $r->[0] ne $last;
    $last = $r->[0] if $r->[0] ne '';
    print $fmt->($r), "\n";
}
print "\nstatic file: $meta{static_size} bytes, a GET webhook answer of"
    . " mod_cgf.\n" if $meta{static_size};
print "httpd µs/req: CPU time (user + system) of the two httpd children"
    . " per request;\npg µs/req: that of all PostgreSQL processes;"
    . " ratios are mod_cgf's over the bare\nhandler's or pgbench's.\n";
print "non-2xx answers (marked !):\n", map { "  $_\n" } @errors
    if @errors;
print "connections reset under a request (per request served; mpm_event"
    . " closes\nkeep-alive connections when all of a child's workers are"
    . " busy):\n  ", join(";\n  ", @resets), "\n" if @resets;

# --- memory --------------------------------------------------------------

# pid => label => [hwm, rss]; the soak's readings are labelled at_<served>
my (%mem, %at);
for my $m (@memory) {
    my ($label, $pid, $hwm, $rss) = @$m;
    $mem{$pid}{$label} = [ $hwm, $rss ];
    $at{$1} = 1 if $label =~ /^at_(\d+)$/;
}
my $served = $meta{served} // 0;
my ($mid) = sort { abs($a - $served / 2) <=> abs($b - $served / 2) } keys %at;
my %growth;    # pid => [whole, second half]
if (%mem) {
    printf "\nmemory per httpd child (KiB), after the warm-up and after %s"
        . " more mod_cgf requests%s:\n", num($served),
        $mid ? sprintf(' (and at %s, half-way)', num($mid)) : '';
    for my $pid (sort { $a <=> $b } keys %mem) {
        my ($b, $a) = @{ $mem{$pid} }{qw(before after)};
        next unless $b && $a;
        my $h = $mid && $mem{$pid}{"at_$mid"};
        $growth{$pid} = [ ($a->[0] - $b->[0]) / $b->[0],
                          $h ? ($a->[0] - $h->[0]) / $h->[0] : undef ];
        printf "  child %s: peak RSS (VmHWM) %s -> %s%s (%+.1f %%%s), RSS %s"
            . " -> %s\n", $pid, num($b->[0]),
            $h ? num($h->[0]) . ' -> ' : '', num($a->[0]),
            100 * $growth{$pid}[0],
            $h ? sprintf('; second half %+.1f %%', 100 * $growth{$pid}[1])
               : '', num($b->[1]), num($a->[1]);
    }
}

# --- cost with the size of the data --------------------------------------

my @growth;
for my $route (qw(patch_webhook list_webhooks)) {
    my $l = cell('large', $route, 16);
    my $s = cell('small', $route, 16);
    next unless $l && $s;
    push @growth, [ $route, $l, $s ];
}
if (@growth) {
    printf "\np99 of mod_cgf at 16 connections, %s versus %s webhooks:\n",
        num($meta{webhooks}), num($meta{small_webhooks});
    for my $g (@growth) {
        my ($route, $l, $s) = @$g;
        printf "  %-14s %s ms versus %s ms (%+.0f %%); %s versus %s req/s\n",
            $label{$route}, ms($l->{p99}), ms($s->{p99}),
            100 * ($l->{p99} - $s->{p99}) / $s->{p99}, num($l->{rps}),
            num($s->{rps});
    }
}

# --- targets -------------------------------------------------------------

print "\ntargets:\n";
sub verdict { $_[0] ? 'met    ' : 'NOT met' }
if (@rate_bare) {
    my @low = sort { $a->[0] <=> $b->[0] } @rate_bare;
    my @bad = grep { $_->[0] < 0.9 } @low;
    printf "  %s rate >= 0.9 x bare at 16 and 64 connections: lowest %.2f"
        . " (%s, %d)%s\n", verdict(!@bad), $low[0][0], $label{ $low[0][1] },
        $low[0][2], @bad ? '; below: ' . join(', ', map {
            sprintf '%s/%d %.2f', $label{ $_->[1] }, $_->[2], $_->[0] } @bad)
        : '';
}
if (@cpu_bare) {
    my @high = sort { $b->[0] <=> $a->[0] } @cpu_bare;
    my @bad = grep { $_->[0] > 1.2 } @high;
    printf "  %s httpd CPU/request <= 1.2 x bare: highest %.2f (%s, %d)%s\n",
        verdict(!@bad), $high[0][0], $label{ $high[0][1] }, $high[0][2],
        @bad ? '; above: ' . join(', ', map {
            sprintf '%s/%d %.2f', $label{ $_->[1] }, $_->[2], $_->[0] } @bad)
        : '';
}
if (%patch16 && $patch16{bare}) {
    my $r = $patch16{cgf}{p99} / $patch16{bare}{p99};
    printf "  %s PATCH p99 at 16 connections <= 1.5 x bare: %.2f (%s vs %s"
        . " ms); pgbench's: %s\n", verdict($r <= 1.5), $r,
        ms($patch16{cgf}{p99}), ms($patch16{bare}{p99}),
        $patch16{pg} ? sprintf('%.2f (%s ms)',
            $patch16{cgf}{p99} / $patch16{pg}{p99}, ms($patch16{pg}{p99}))
        : '-';
}
if (%growth && $served >= 1_000_000) {
    my ($whole) = sort { $b <=> $a } map { $_->[0] } values %growth;
    my ($half) = sort { $b <=> $a } grep { defined }
        map { $_->[1] } values %growth;
    printf "  %s no memory growth per child over %s requests (peak RSS"
        . " within 2 %%): worst %+.1f %%%s\n", verdict($whole <= 0.02),
        num($served), 100 * $whole, defined $half ? sprintf('; over the'
        . ' second half %+.1f %%', 100 * $half) : '';
}
else {
    print "  -       memory over 1 000 000 requests: not measured in this"
        . " run\n";
}
if (@growth) {
    for my $g (@growth) {
        my ($route, $l, $s) = @$g;
        my $d = ($l->{p99} - $s->{p99}) / $s->{p99};
        printf "  %s %s p99 within 20 %% between %s and %s rows: %+.0f %%\n",
            verdict(abs($d) <= 0.2), $label{$route}, num($meta{small_webhooks}),
            num($meta{webhooks}), 100 * $d;
    }
}
else {
    print "  -       1 000 versus 1 000 000 rows: not measured in this run\n";
}

my @times = map { [ $_, $meta{"time_$_"} ] }
    grep { defined $meta{"time_$_"} } qw(setup verify matrix growth soak);
printf "\ntime: %s; total %d min %02d s\n",
    join(', ', map { "$_->[0] $_->[1] s" } @times),
    int(($meta{time_total} // 0) / 60), ($meta{time_total} // 0) % 60;
