#!/usr/bin/env bash
# govdisclose-import(1): generated from the README's man-style section (its
# one source) by src/gen_man.awk, well-formed for man, installed by `make
# install` into PostgreSQL's man directory, and naming the options that
# `govdisclose-import --help` names.
source "$(dirname "$0")/lib.bash"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
PGC=/usr/lib/postgresql/15/bin/pg_config
PAGE=govdisclose-import.1

make -s "$PAGE" >/dev/null
check "make builds the man page" test -s "$PAGE"
check "it is generated from the README (its first line says so)" \
	grep -qx '.\\" Generated from README.md by src/gen_man.awk: edit the README, not this file.' "$PAGE"
check "its title line carries the Makefile's version" \
	grep -qx ".TH GOVDISCLOSE\\\\-IMPORT 1 \"\" \"govdisclose $(make -s -f Makefile print-version 2>/dev/null)\" \"User Commands\"" "$PAGE"

# man formats it without a warning, and it has the sections of a man page
LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -E UTF-8 -l "$PAGE" > "$tmp/page.txt" 2> "$tmp/warnings.txt"
check "man formats it (exit 0)" test $? = 0
check "without a warning" test ! -s "$tmp/warnings.txt"
[ -s "$tmp/warnings.txt" ] && cat "$tmp/warnings.txt"
for s in NAME SYNOPSIS DESCRIPTION OPTIONS ENVIRONMENT 'EXIT STATUS' EXAMPLES 'SEE ALSO'; do
	check "it has the section $s" grep -qx "$s" "$tmp/page.txt"
done
check "whatis reads its NAME line" \
	test "$(lexgrog "$PAGE" 2>&1)" = "$PAGE: \"govdisclose-import - published reports in, govdisclose.report CSV out\""
check "options print as typed (ASCII hyphen-minus)" grep -q -- '-a, --agency NAME' "$tmp/page.txt"

# --help and the man page name the same options
./govdisclose-import --help | grep -oE '^  -[a-z], --[a-z]+' | tr -d ' ' | sort > "$tmp/help.opts"
grep -A1 '^\.TP$' "$PAGE" | grep -v '^\.TP$\|^--$' |
	sed 's/\\fI[^\\]*\\fR//g; s/\\fB//g; s/\\fR//g; s/\\-/-/g; s/ //g' | sort > "$tmp/man.opts"
check "--help names options ($(wc -l < "$tmp/help.opts"))" test -s "$tmp/help.opts"
check "the man page names the options of --help, no more, no fewer" cmp -s "$tmp/help.opts" "$tmp/man.opts"
cmp -s "$tmp/help.opts" "$tmp/man.opts" || diff "$tmp/help.opts" "$tmp/man.opts"

# one source: the README holds the text once, and no man page is committed
check "the README has one man-style section of govdisclose-import" \
	test "$(grep -c '^    govdisclose-import - ' README.md)" = 1
check "no generated man page is committed" test -z "$(git ls-files '*.1')"
printf '# README\nno such section\n' > "$tmp/README.md"
awk -v version=1.0.0 -f src/gen_man.awk "$tmp/README.md" > /dev/null 2> "$tmp/err.txt"
check "the generator fails on a README without the section" test $? = 1
check "saying which section it looked for" grep -q 'The command line: `govdisclose-import`' "$tmp/err.txt"

# make install put it into PostgreSQL's man directory
check "make install put it into pg_config --mandir" cmp -s "$PAGE" "$($PGC --mandir)/man1/$PAGE"
