#!/usr/bin/env bash
# test/package.sh — `make test-package`: the Debian package end to end, as on
# a fresh Debian 12 machine, as root.
#
#   1. A clean clone of HEAD (uncommitted changes are not tested); its build
#      dependencies when missing (apt-get build-dep); `dpkg-buildpackage -us
#      -uc -b`, which also runs the regression suite against the built tree
#      (pg_buildext installcheck); lintian, whose errors fail the test.
#   2. Holding /tmp/gd-install.lock (taken here: do not run this under
#      flock yourself): the govdisclose files an earlier `make install` left
#      in PostgreSQL's directories are set aside, so that only the package's
#      are there; `apt-get install ./postgresql-15-govdisclose_*.deb`; a fresh
#      cluster; CREATE EXTENSION and the regression suite (`make
#      installcheck`) against the packaged files; the upgrade test; the
#      package's autopkgtests (debian/tests, the import test as a normal
#      user); a PDF through the packaged govdisclose-import into the cluster.
#   3. Whatever happens: the cluster stopped, the package purged, the files
#      set aside put back, so that the system is as it was (every checkout's
#      `make install` and tests use the same directories).
#
# Ends with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
SRC=$PWD

PGVER=15
PKG=postgresql-$PGVER-govdisclose
PORT=${GD_PACKAGE_PORT:-54331}
LOCK=/tmp/gd-install.lock
# what a killed run set aside, kept where the next run finds it
STATE=/var/tmp/govdisclose-package-test
source test/tally.bash

check() {	# check "description" command...
	local what=$1
	shift
	if "$@"; then echo "ok - $what"; count "$what" 0; else echo "not ok - $what"; count "$what" 1; fi
}
finish() { summary; exit; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
apt() { as_root env DEBIAN_FRONTEND=noninteractive apt-get -y -qq "$@"; }

tmp=$(mktemp -d /tmp/govdisclose-package.XXXXXX)
chmod 755 "$tmp"	# the import test reads the clone as a normal user
trap 'rm -rf "$tmp"' EXIT
CLONE=$tmp/govdisclose

note "a clean clone of HEAD ($(git rev-parse --short HEAD))"
git clone -q "$SRC" "$CLONE" && git -C "$CLONE" checkout -q "$(git rev-parse HEAD)"
check "cloned" test -f "$CLONE/debian/control"
[ -f "$CLONE/debian/control" ] || finish

note "build dependencies"
tools=()
command -v dpkg-buildpackage >/dev/null || tools+=(dpkg-dev)
command -v lintian >/dev/null || tools+=(lintian)
command -v lexgrog >/dev/null || tools+=(man-db)
if [ ${#tools[@]} -gt 0 ] || ! (cd "$CLONE" && dpkg-checkbuilddeps) >/dev/null 2>&1; then
	apt update
	[ ${#tools[@]} -gt 0 ] && apt install "${tools[@]}" >/dev/null
	(cd "$CLONE" && apt build-dep ./ >/dev/null)
fi
check "the build dependencies are installed" bash -c "cd '$CLONE' && dpkg-checkbuilddeps"

note "dpkg-buildpackage -us -uc -b"
(cd "$CLONE" && dpkg-buildpackage -us -uc -b) > "$tmp/build.log" 2>&1
status=$?
grep -E '^(dpkg-|###|test |ok |not ok |[ =]*All [0-9]+ tests|.*FAILED|dh_[a-z_]+: error|make.*Error)' "$tmp/build.log" | grep -v '^dpkg-source: info:' | tail -n 40
check "dpkg-buildpackage -us -uc -b succeeds" test $status = 0
[ $status = 0 ] || { tail -n 60 "$tmp/build.log"; finish; }
check "the regression suite passed against the built tree (pg_buildext installcheck)" \
	grep -qE 'All [0-9]+ tests passed|^# All [0-9]+ tests passed' "$tmp/build.log"
v=$(make -s print-version)
DEB=$(ls "$tmp"/${PKG}_"$v"-*_*.deb 2>/dev/null | head -n 1)
check "it made ${PKG}_$v-*.deb" test -n "$DEB"
[ -n "$DEB" ] || finish
dpkg-deb -f "$DEB" Package Version Depends
check "the package depends on poppler-utils (pdftotext, for PDFs)" \
	bash -c "dpkg-deb -f '$DEB' Depends | grep -qw poppler-utils"

note "lintian"
lintian --info "$tmp"/govdisclose_*.changes > "$tmp/lintian.txt" 2>&1
grep -E '^[EWIP]: ' "$tmp/lintian.txt"
check "lintian finds no error" bash -c "! grep -q '^E: ' '$tmp/lintian.txt'"

note "waiting for $LOCK"
exec 9> "$LOCK"
flock -w 2 9 || { echo "(held by another checkout's test: waiting)"; flock 9; }

# the govdisclose files of PostgreSQL's directories, and their checksums
owned_paths() {
	find /usr/lib/postgresql /usr/share/postgresql /usr/share/doc/postgresql-doc-* \
		-name 'govdisclose*' -prune -print 2>/dev/null | sort
}
fingerprint() {
	owned_paths | while read -r p; do find "$p" -type f; done | sort | xargs -r md5sum
}
set_aside() {
	mkdir -p "$STATE"
	owned_paths > "$STATE/paths"
	if [ -s "$STATE/paths" ]; then
		tar -C / -cpf "$STATE/set-aside.tar" $(sed 's|^/||' "$STATE/paths")
		xargs -r rm -rf < "$STATE/paths"
	fi
}
put_back() {
	dpkg -s "$PKG" >/dev/null 2>&1 && apt purge "$PKG" >/dev/null
	if [ -f "$STATE/set-aside.tar" ]; then
		tar -C / -xpf "$STATE/set-aside.tar"
	fi
	rm -rf "$STATE"
}
cleanup() {
	PATH=/usr/lib/postgresql/$PGVER/bin:$PATH
	[ -d "$CLONE" ] && (cd "$CLONE" && test/setup.sh stop package) >/dev/null 2>&1
	put_back
	rm -rf "$tmp"
}

note "the system's govdisclose files set aside"
if [ -d "$STATE" ]; then
	echo "(a killed run left its files in $STATE: putting them back first)"
	put_back
fi
dpkg -s "$PKG" >/dev/null 2>&1 && apt purge "$PKG" >/dev/null
fingerprint > "$tmp/before"
trap 'cleanup' EXIT
trap 'exit 130' INT TERM
set_aside
check "no govdisclose file is left in PostgreSQL's directories" test -z "$(owned_paths)"

note "apt-get install ./$(basename "$DEB")"
(cd "$tmp" && apt install "./$(basename "$DEB")" >/dev/null)
check "apt-get installs the package" bash -c "dpkg -s $PKG | grep -q '^Status: install ok installed'"
stray=$(comm -23 <(owned_paths | xargs -r -I{} find {} -type f | sort) <(dpkg -L $PKG | sort))
check "every govdisclose file in PostgreSQL's directories is the package's" test -z "$stray"
[ -z "$stray" ] || echo "$stray"
check "govdisclose-import is on PATH: /usr/bin/govdisclose-import" \
	test "$(env -i PATH=/usr/local/bin:/usr/bin:/bin sh -c 'command -v govdisclose-import')" = /usr/bin/govdisclose-import
check "govdisclose-import --help runs as a normal user" \
	bash -c "runuser -u nobody -- env -i PATH=/usr/bin:/bin govdisclose-import --help > /dev/null"
check "its man page is linked where man looks: /usr/share/man/man1/govdisclose-import.1.gz" \
	test "$(readlink -f /usr/share/man/man1/govdisclose-import.1.gz)" = /usr/share/postgresql/$PGVER/man/man1/govdisclose-import.1.gz
check "man -w finds it" test "$(readlink -f "$(man -w govdisclose-import)")" = /usr/share/postgresql/$PGVER/man/man1/govdisclose-import.1.gz
check "man govdisclose-import opens it" bash -c "man govdisclose-import 2>/dev/null | grep -q 'published reports in, govdisclose.report CSV out'"
check "the docs are in /usr/share/doc/$PKG" test -f /usr/share/doc/$PKG/docs/domain.md.gz

note "a fresh cluster; the regression suite against the packaged extension"
cd "$CLONE"
rm -rf "${GD_CLUSTER_ROOT:-/tmp/govdisclose}/package"
test/setup.sh start package "$PORT" >/dev/null
eval "$(test/setup.sh env package "$PORT")"
check "CREATE EXTENSION govdisclose" psql -X -q -v ON_ERROR_STOP=1 -d postgres \
	-c 'DROP DATABASE IF EXISTS gd_package' -c 'CREATE DATABASE gd_package' \
	-c '\c gd_package' -c 'CREATE EXTENSION govdisclose' -c 'SELECT govdisclose.share(1, 3, 2)'
make -s PG_CONFIG=/usr/lib/postgresql/$PGVER/bin/pg_config installcheck > "$tmp/regress.out" 2>&1
cat "$tmp/regress.out"
tally_regress "$tmp/regress.out"

note "the upgrade test against the packaged scripts"
out=$(bash test/t/upgrade.sh 2>&1)
echo "$out"
tally_lines test/t/upgrade.sh "$out"

note "a PDF through the packaged govdisclose-import into the cluster"
PDF=test/data/corpus/hongze-2023.pdf
runuser -u nobody -- env -i PATH=/usr/bin:/bin govdisclose-import --quiet "$PDF" < /dev/null > "$tmp/pdf.csv" 2> "$tmp/pdf.err"
check "govdisclose-import reads $PDF (pdftotext from poppler-utils): a header and a report" \
	test "$(wc -l < "$tmp/pdf.csv")" = 2
check "COPY ... HEADER MATCH stores its report" psql -X -q -v ON_ERROR_STOP=1 -d gd_package \
	-c 'SET govdisclose.on_violation = warning' -c 'SET client_min_messages = error' \
	-c 'COPY govdisclose.report FROM STDIN (FORMAT csv, HEADER MATCH)' < "$tmp/pdf.csv"
check "one report is stored" test "$(psql -X -tA -d gd_package -c 'SELECT count(*) FROM govdisclose.report')" = 1

note "the package's autopkgtests (debian/tests)"
check "debian/tests/installcheck (pg_buildext installcheck)" bash -c "debian/tests/installcheck > '$tmp/autopkgtest.out' 2>&1"
grep -E '^###|tests passed|FAILED' "$tmp/autopkgtest.out"
mkdir "$tmp/autopkgtest" && chown nobody "$tmp/autopkgtest"
check "debian/tests/import, as a normal user" \
	runuser -u nobody -- env -i PATH=/usr/bin:/bin AUTOPKGTEST_TMP="$tmp/autopkgtest" sh debian/tests/import

note "the package purged, the files set aside put back"
cd "$SRC"
test/setup.sh stop package >/dev/null 2>&1
rm -rf "${GD_CLUSTER_ROOT:-/tmp/govdisclose}/package"
put_back
fingerprint > "$tmp/after"
check "the package is gone" bash -c "! dpkg -s $PKG >/dev/null 2>&1"
check "/usr/bin/govdisclose-import is gone with it" test ! -e /usr/bin/govdisclose-import
check "PostgreSQL's directories hold the govdisclose files they held before, byte for byte" \
	cmp -s "$tmp/before" "$tmp/after"
finish
