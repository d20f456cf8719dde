#!/usr/bin/perl
# gen.pl: everything bench/run derives from lib/routes.txt and the SQL in
# mod_cgf's sources.
#
#   gen.pl header REPO SPEC                  C route table for mod_cgf_bare
#   gen.pl lua SPEC                          the wrk script's route table
#   gen.pl pgbench REPO SPEC SAMPLE DIR N    N pgbench scripts per route
#   gen.pl expect REPO SPEC SAMPLE ROUTE I   what draw I sends, as
#                                            PostgreSQL logs it
#   gen.pl verify REPO SPEC SAMPLE ROUTE I LOG   compare a log with that
#   gen.pl request SPEC SAMPLE ROUTE I       draw I's method, path, token
#                                            and body, one a line
use strict;
use warnings;

# --- the spec and the module's SQL ---------------------------------------

my @session;    # [file, variable] of the once-per-session statements

sub parse_spec {
    my ($file) = @_;
    my (@routes, $r);
    @session = ();

    open my $fh, '<', $file or die "gen.pl: $file: $!\n";
    while (my $line = <$fh>) {
        chomp $line;
        next if $line =~ /^\s*(#|$)/;
        my ($kw, $rest) = $line =~ /^(\w+)\s+(.*)$/
            or die "gen.pl: $file:$.: cannot read '$line'\n";
        if ($kw eq 'route') {
            my ($name, $method, $path, $status) = split ' ', $rest;
            $r = { name => $name, method => $method, path => $path,
                   status => $status, picks => {}, consts => {},
                   body => undef, sqls => [], out => undef };
            push @routes, $r;
            next;
        }
        if ($kw eq 'session') {
            push @session, [ split ' ', $rest ];
            next;
        }
        die "gen.pl: $file:$.: '$kw' before any route\n" unless $r;
        if ($kw eq 'pick') {
            my ($f, @alt) = split ' ', $rest;
            $r->{picks}{$f} = \@alt;
        }
        elsif ($kw eq 'const') {
            my ($f, $v) = $rest =~ /^(\w+)\s+(.*)$/;
            $r->{consts}{$f} = $v;
        }
        elsif ($kw eq 'body') {
            $r->{body} = $rest;
        }
        elsif ($kw eq 'sql') {
            my ($src, $var, @args) = split ' ', $rest;
            push @{ $r->{sqls} }, { src => $src, var => $var,
                                    args => \@args };
        }
        elsif ($kw eq 'out') {
            my ($kind, $col) = split ' ', $rest;
            $r->{out} = { kind => $kind, col => $col };
        }
        else {
            die "gen.pl: $file:$.: unknown keyword '$kw'\n";
        }
    }
    die "gen.pl: more than one pick in a route\n"
        if grep { keys %{ $_->{picks} } > 1 } @routes;
    return @routes;
}

# The text of "static const char *const VAR = "..." "...";" in a C file.
my %c_cache;
sub module_sql {
    my ($repo, $src, $var) = @_;
    my $text = $c_cache{$src} //= do {
        open my $fh, '<', "$repo/$src" or die "gen.pl: $repo/$src: $!\n";
        local $/;
        <$fh>;
    };
    my ($lits) = $text =~
        /\bconst\s+char\s*\*\s*const\s+\Q$var\E\s*=\s*((?:"(?:[^"\\]|\\.)*"\s*)+);/s
        or die "gen.pl: no SQL string '$var' in $src: the module changed;"
        . " update bench/lib/routes.txt\n";
    my $sql = '';
    while ($lits =~ /"((?:[^"\\]|\\.)*)"/g) {
        my $part = $1;
        $part =~ s/\\(["\\'])/$1/g;
        $part =~ s/\\n/\n/g;
        $part =~ s/\\t/\t/g;
        die "gen.pl: unhandled escape in $src $var\n" if $part =~ /\\/;
        $sql .= $part;
    }
    return $sql;
}

# Splits apr_dbd's format into text pieces around its %s placeholders.
sub sql_pieces {
    my ($sql, $what) = @_;
    my @pieces = ('');
    while ($sql =~ /\G(?:([^%]+)|%(%)|%([a-zA-Z]))/gc) {
        if (defined $1) { $pieces[-1] .= $1 }
        elsif (defined $2) { $pieces[-1] .= '%' }
        elsif ($3 eq 's') { push @pieces, '' }
        else { die "gen.pl: $what: placeholder %$3 is not handled\n" }
    }
    die "gen.pl: $what: stray % in the SQL\n"
        if (pos($sql) // 0) < length $sql;
    return @pieces;
}

sub load_sample {
    my ($file) = @_;
    open my $fh, '<', $file or die "gen.pl: $file: $!\n";
    chomp(my $head = <$fh>);
    my @cols = split /\t/, $head;
    my @rows;
    while (my $line = <$fh>) {
        chomp $line;
        my %row;
        @row{@cols} = split /\t/, $line, -1;
        push @rows, \%row;
    }
    return \@rows;
}

# The value of {field} for a draw and a pick choice (0 or 1).
sub field {
    my ($r, $draw, $f, $choice) = @_;
    return $r->{consts}{$f} if exists $r->{consts}{$f};
    if (my $alt = $r->{picks}{$f}) {
        $f = $alt->[$choice];
    }
    die "gen.pl: route $r->{name}: no field '$f' in the sample\n"
        unless defined $draw->{$f};
    return $draw->{$f};
}

# Each argument of a statement for a draw: [kind, value].
sub args_of {
    my ($r, $stmt, $draw, $choice) = @_;
    my @out;
    for my $a (@{ $stmt->{args} }) {
        if ($a eq 'NULL') { push @out, ['null'] }
        elsif ($a eq 'NEWID') { push @out, ['newid'] }
        elsif ($a =~ /^'(.*)'$/) { push @out, ['text', $1] }
        elsif ($a =~ /^\{(\w+)\}$/) {
            push @out, ['text', field($r, $draw, $1, $choice)];
        }
        else { die "gen.pl: route $r->{name}: bad argument '$a'\n" }
    }
    return @out;
}

sub checked_pieces {
    my ($repo, $r, $stmt) = @_;
    my $what = "$stmt->{src} $stmt->{var}";
    my @pieces = sql_pieces(module_sql($repo, $stmt->{src}, $stmt->{var}),
                            $what);
    my $n = @pieces - 1;
    my $m = @{ $stmt->{args} };
    die "gen.pl: route $r->{name}: $what takes $n arguments, routes.txt"
        . " gives $m: the module changed; update bench/lib/routes.txt\n"
        if $n != $m;
    return @pieces;
}

# --- header: the bare handler's route table ------------------------------

sub c_string {
    my ($s) = @_;
    my @lines;
    push @lines, substr($s, 0, 64, '') while length $s > 64;
    push @lines, $s;
    for (@lines) {
        s/(["\\])/\\$1/g;
        s/\n/\\n/g;
    }
    return join "\n    ", map {"\"$_\""} @lines;
}

# Where the bare handler finds an argument of the route.
sub bare_arg {
    my ($r, $a) = @_;
    return '{BARE_ARG_NULL, NULL}' if $a eq 'NULL';
    return '{BARE_ARG_NEWID, NULL}' if $a eq 'NEWID';
    return '{BARE_ARG_LITERAL, ' . c_string($1) . '}' if $a =~ /^'(.*)'$/;
    my ($f) = $a =~ /^\{(\w+)\}$/ or die "gen.pl: bad argument '$a'\n";
    return '{BARE_ARG_HASH, NULL}' if $f eq 'hash';
    return '{BARE_ARG_USER, NULL}' if $f eq 'user';
    return '{BARE_ARG_PATH, NULL}' if $r->{path} =~ /\{\Q$f\E\}/;
    my $body = $r->{body} // '';
    return "{BARE_ARG_BODY, \"$1\"}" if $body =~ /"(\w+)":"?\{\Q$f\E\}/;
    die "gen.pl: route $r->{name}: the bare handler cannot find {$f}\n";
}

sub cmd_header {
    my ($repo, $spec) = @_;
    my @routes = parse_spec($spec);
    my (@table, $i);

    print "/* Generated by bench/lib/gen.pl from bench/lib/routes.txt and\n"
        . " * the SQL in mod_cgf's sources: do not edit. */\n\n";
    for my $r (@routes) {
        my $j = 0;
        my @stmts;
        $i++;
        for my $s (@{ $r->{sqls} }) {
            checked_pieces($repo, $r, $s);
            my $sql = module_sql($repo, $s->{src}, $s->{var});
            my $name = "bare_${i}_$j";
            print "/* $s->{src}: $s->{var} */\n";
            print "static const char ${name}_sql[] =\n    ", c_string($sql),
                ";\n";
            print "static const bare_arg_t ${name}_args[] = {\n    ",
                join(",\n    ", map { bare_arg($r, $_) } @{ $s->{args} }),
                "};\n\n" if @{ $s->{args} };
            push @stmts, sprintf '{%s_sql, %d, %s}', $name,
                scalar @{ $s->{args} }, @{ $s->{args} } ? "${name}_args"
                : 'NULL';
            $j++;
        }
        print "static const bare_stmt_t bare_${i}_stmts[] = {\n    ",
            join(",\n    ", @stmts), "};\n\n";

        my ($prefix, $param) = $r->{path} =~ /^([^{]*)(\{\w+\}\/?)?$/
            or die "gen.pl: route $r->{name}: path '$r->{path}'\n";
        my $has_id = defined $param ? 1 : 0;
        $prefix =~ s{/$}{} if !$has_id;
        push @table, sprintf '{"%s", M_%s, "%s", %d, %d, %s, %d, %d, '
            . 'bare_%d_stmts}', $r->{name}, $r->{method}, $prefix, $has_id,
            $r->{status}, $r->{out}{kind} eq 'rows' ? 'BARE_OUT_ROWS'
            : 'BARE_OUT_CELL', $r->{out}{col}, scalar @{ $r->{sqls} }, $i;
    }
    print "static const bare_route_t bare_routes[] = {\n    ",
        join(",\n    ", @table), "};\n";
}

# --- lua: the wrk script's route table -----------------------------------

sub lua_string {
    my ($s) = @_;
    $s =~ s/(["\\])/\\$1/g;
    return "\"$s\"";
}

sub cmd_lua {
    my ($spec) = @_;
    print "-- Generated by bench/lib/gen.pl from bench/lib/routes.txt.\n";
    print "return {\n";
    for my $r (parse_spec($spec)) {
        print "  $r->{name} = {\n";
        print "    method = ", lua_string($r->{method}), ",\n";
        print "    path = ", lua_string($r->{path}), ",\n";
        print "    body = ", lua_string($r->{body}), ",\n" if $r->{body};
        print "    picks = {",
            join(', ', map { "$_ = {" . join(', ', map { lua_string($_) }
                @{ $r->{picks}{$_} }) . '}' } sort keys %{ $r->{picks} }),
            "},\n";
        print "    consts = {",
            join(', ', map { "$_ = " . lua_string($r->{consts}{$_}) }
                sort keys %{ $r->{consts} }), "},\n";
        print "  },\n";
    }
    print "}\n";
}

# --- pgbench: the same statements, the same draws ------------------------

# pgbench cannot bind a string that it draws at random (\set makes only
# numbers, and thousands of -D variables make its start quadratic), so
# each draw's values are written into the statement as quoted literals.
sub sql_literal {
    my ($arg) = @_;
    my ($kind, $v) = @$arg;
    return 'NULL' if $kind eq 'null';
    return 'gen_random_uuid()::text' if $kind eq 'newid';
    $v =~ s/'/''/g;
    return "'$v'";
}

sub inline_sql {
    my ($repo, $r, $stmt, $draw, $choice) = @_;
    my @pieces = checked_pieces($repo, $r, $stmt);
    my @args = args_of($r, $stmt, $draw, $choice);
    my $sql = shift @pieces;
    for my $p (@pieces) {
        $sql .= sql_literal(shift @args) . $p;
    }
    $sql =~ s/\s*\n\s*/ /g;
    # pgbench reads :name as a variable, in SQL and in literals alike
    die "gen.pl: route $r->{name}: ':' before a name in '$sql'\n"
        if $sql =~ /(?<!:):[A-Za-z_\x80-\xff]/;
    return "$sql;\n";
}

sub draw_sql {
    my ($repo, $r, $draw) = @_;
    my ($pick) = keys %{ $r->{picks} };
    my $out = '';
    for my $s (@{ $r->{sqls} }) {
        my $uses = $pick && grep { $_ eq "{$pick}" } @{ $s->{args} };
        if (!$uses) {
            $out .= inline_sql($repo, $r, $s, $draw, 0);
            next;
        }
        $out .= "\\if :c = 0\n" . inline_sql($repo, $r, $s, $draw, 0)
            . "\\else\n" . inline_sql($repo, $r, $s, $draw, 1) . "\\endif\n";
    }
    return $out;
}

# N scripts per route, each with SAMPLE / N draws chosen by \if: pgbench
# picks one script at random per transaction, then one of its draws.
sub cmd_pgbench {
    my ($repo, $spec, $sample_file, $dir, $n) = @_;
    my $sample = load_sample($sample_file);
    my $per = @$sample / $n;
    die "gen.pl: $n scripts do not divide the sample\n" if $per != int $per;

    for my $r (parse_spec($spec)) {
        mkdir "$dir/$r->{name}";
        for my $s (0 .. $n - 1) {
            my $file = sprintf '%s/%s/%03d.sql', $dir, $r->{name}, $s;
            open my $fh, '>', $file or die "gen.pl: $file: $!\n";
            print $fh "-- $r->{name}: draws ", $s * $per, " to ",
                ($s + 1) * $per - 1, " of the sample\n";
            print $fh "\\set r random(0, ", $per - 1, ")\n";
            print $fh "\\set c random(0, 1)\n" if %{ $r->{picks} };
            for my $k (0 .. $per - 1) {
                print $fh $k ? "\\elif :r = $k\n" : "\\if :r = 0\n";
                print $fh draw_sql($repo, $r, $sample->[$s * $per + $k]);
            }
            print $fh "\\endif\n";
            close $fh;
        }
    }
}

# --- expect and verify: what PostgreSQL must have seen -------------------

# apr_dbd numbers its placeholders $1, $2, ... in order.
sub logged_sql {
    my ($repo, $r, $stmt) = @_;
    my @pieces = checked_pieces($repo, $r, $stmt);
    my $sql = shift @pieces;
    my $i = 0;
    $sql .= '$' . ++$i . $_ for @pieces;
    return $sql;
}

sub logged_params {
    my ($r, $stmt, $draw, $choice) = @_;
    my $i = 0;
    return join ', ', map {
        my ($kind, $v) = @$_;
        $i++;
        $kind eq 'null' ? "\$$i = NULL"
            : $kind eq 'newid' ? "\$$i = <new uuid>"
            : do { (my $q = $v) =~ s/'/''/g; "\$$i = '$q'" }
    } args_of($r, $stmt, $draw, $choice);
}

sub expected {
    my ($repo, $spec, $sample_file, $name, $i, $choice) = @_;
    my ($r) = grep { $_->{name} eq $name } parse_spec($spec)
        or die "gen.pl: no route '$name'\n";
    my $draw = load_sample($sample_file)->[$i];
    return map { [ logged_sql($repo, $r, $_),
                   logged_params($r, $_, $draw, $choice) ] } @{ $r->{sqls} };
}

sub cmd_expect {
    my ($repo, $spec, $sample, $name, $i) = @_;
    for my $e (expected($repo, $spec, $sample, $name, $i, 0)) {
        print "execute <unnamed>: $e->[0]\n    parameters: $e->[1]\n";
    }
}

# The statements of one request in a log written with log_statement =
# all and log_line_prefix '%m [%p] ': "LOG:  execute <unnamed>: ..." and
# "DETAIL:  parameters: ...", lines that start with a tab continuing.
sub read_log {
    my ($file) = @_;
    open my $fh, '<', $file or die "gen.pl: $file: $!\n";
    my (@seen, $cur);
    while (my $line = <$fh>) {
        chomp $line;
        if ($line =~ /^\t(.*)$/ && $cur) {
            $$cur .= "\n$1";
            next;
        }
        if ($line =~ /LOG:  execute <unnamed>: (.*)$/) {
            push @seen, [ $1, '' ];
            $cur = \$seen[-1][0];
        }
        elsif ($line =~ /DETAIL:  parameters: (.*)$/ && @seen) {
            $seen[-1][1] = $1;
            $cur = \$seen[-1][1];
        }
        elsif ($line =~ /LOG:  statement: (.*)$/) {
            push @seen, [ "(simple) $1", '' ];
            $cur = \$seen[-1][0];
        }
        else {
            undef $cur;
        }
    }
    return @seen;
}

sub cmd_verify {
    my ($repo, $spec, $sample, $name, $i, $log) = @_;
    parse_spec($spec);
    my %once = map { (sql_pieces(module_sql($repo, @$_), "@$_"))[0] => 1 }
        @session;
    my @seen = grep {
        my $text = $_->[0];
        !grep { index($text, $_) == 0 } keys %once
    } read_log($log);
    my @want;
    my $ok = 0;
    for my $choice (0, 1) {
        @want = expected($repo, $spec, $sample, $name, $i, $choice);
        next if @seen != @want;
        my $same = 1;
        for my $k (0 .. $#want) {
            my $params = quotemeta $want[$k][1];
            $params =~ s/\\<new\\ uuid\\>/'[0-9a-f-]{36}'/g;
            $same = 0 if $seen[$k][0] ne $want[$k][0]
                || $seen[$k][1] !~ /^$params$/;
        }
        $ok = 1, last if $same;
    }
    return print "same\n" if $ok;

    print "DIFFERENT\nexpected:\n";
    print "  $_->[0]\n    parameters: $_->[1]\n" for @want;
    print "seen:\n";
    print "  $_->[0]\n    parameters: $_->[1]\n" for @seen;
    exit 1;
}

sub cmd_request {
    my ($spec, $sample, $name, $i) = @_;
    my ($r) = grep { $_->{name} eq $name } parse_spec($spec)
        or die "gen.pl: no route '$name'\n";
    my $draw = load_sample($sample)->[$i];
    my $fill = sub {
        (my $t = shift) =~ s/\{(\w+)\}/field($r, $draw, $1, 0)/ge;
        return $t;
    };
    print "$r->{method}\n", $fill->($r->{path}), "\n$draw->{token}\n",
        defined $r->{body} ? $fill->($r->{body}) : '', "\n";
}

my $cmd = shift // '';
if ($cmd eq 'header') { cmd_header(@ARGV) }
elsif ($cmd eq 'lua') { cmd_lua(@ARGV) }
elsif ($cmd eq 'pgbench') { cmd_pgbench(@ARGV) }
elsif ($cmd eq 'expect') { cmd_expect(@ARGV) }
elsif ($cmd eq 'verify') { cmd_verify(@ARGV) }
elsif ($cmd eq 'request') { cmd_request(@ARGV) }
else { die "usage: gen.pl header|lua|pgbench|expect|verify|request ...\n" }
