#!/usr/bin/env bash
# test/setup.sh — what `make test` and `make demo` need, on a fresh Debian 12
# machine as root (or as a user with sudo), and a throwaway PostgreSQL 15
# cluster on a unix socket.
#
#   test/setup.sh deps                 install build dependencies if missing
#   test/setup.sh install              build and install the extension
#   test/setup.sh start NAME PORT      start (or reuse) cluster NAME; prints its psql line
#   test/setup.sh stop NAME            stop cluster NAME
#   test/setup.sh env NAME PORT        print PGHOST/PGPORT/PGUSER exports
#
# Clusters live in ${GD_CLUSTER_ROOT:-/tmp/govdisclose}/NAME, owned by the
# postgres user when run as root (the server refuses to run as root).
set -euo pipefail

PGVER=15
PGBIN=/usr/lib/postgresql/$PGVER/bin
ROOT=${GD_CLUSTER_ROOT:-/tmp/govdisclose}
cd "$(dirname "$0")/.."

as_root() {
	if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

# Run as the cluster's owner: postgres when we are root, ourselves otherwise.
as_owner() {
	if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

deps() {
	local missing=()
	[ -f "$PGBIN/pg_config" ] && [ -f /usr/include/postgresql/$PGVER/server/postgres.h ] || missing+=(postgresql-server-dev-$PGVER)
	[ -x "$PGBIN/postgres" ] || missing+=(postgresql-$PGVER)
	# postgres_fdw, for the federation tests: Debian ships the contrib
	# modules in the server package (it provides postgresql-contrib-15)
	[ -f /usr/share/postgresql/$PGVER/extension/postgres_fdw.control ] || missing+=(postgresql-contrib-$PGVER)
	command -v cc >/dev/null || missing+=(gcc)
	command -v make >/dev/null || missing+=(make)
	[ -f /usr/include/libxml2/libxml/HTMLparser.h ] || missing+=(libxml2-dev)
	command -v pdftotext >/dev/null || missing+=(poppler-utils)
	[ -f /usr/include/utf8proc.h ] || missing+=(libutf8proc-dev)
	# Python modules of Debian's python3 (not another python3 on PATH)
	py_has() { [ -x /usr/bin/python3 ] && /usr/bin/python3 -c "import $1" 2>/dev/null; }
	# the tests of the man page and of META.json
	command -v lexgrog >/dev/null || missing+=(man-db)
	py_has jsonschema || missing+=(python3-jsonschema)
	# the client tests (test/t/clients.sh): psycopg2 and pandas, psqlODBC
	# through pyodbc and unixODBC's isql. Without recommends: pandas alone
	# would bring 90 packages.
	local clients=()
	py_has psycopg2 || clients+=(python3-psycopg2)
	py_has pandas || clients+=(python3-pandas)
	py_has pyodbc || clients+=(python3-pyodbc)
	dpkg -L odbc-postgresql 2>/dev/null | grep -q '/psqlodbcw\.so$' || clients+=(odbc-postgresql)
	command -v isql >/dev/null || clients+=(unixodbc)
	if [ ${#missing[@]} -gt 0 ] || [ ${#clients[@]} -gt 0 ]; then
		echo "setup: installing ${missing[*]} ${clients[*]}"
		as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
	fi
	if [ ${#missing[@]} -gt 0 ]; then
		as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
	fi
	if [ ${#clients[@]} -gt 0 ]; then
		as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${clients[@]}" >/dev/null
	fi
}

install() {
	make -s PG_CONFIG="$PGBIN/pg_config" >/dev/null
	as_root make -s PG_CONFIG="$PGBIN/pg_config" install >/dev/null
}

# Run a command without the caller's open files beyond stdin, stdout and
# stderr.  The server must not inherit them: one started under `flock
# /tmp/gd-install.lock ...` would otherwise hold that lock for as long as it
# runs, and every other checkout's tests would wait for it.
without_inherited_fds() {
	local fd
	for fd in /proc/$BASHPID/fd/*; do
		fd=${fd##*/}
		# (the listing's own descriptor is closed already)
		[ "$fd" -gt 2 ] && [ -e "/proc/$BASHPID/fd/$fd" ] && eval "exec $fd>&-"
	done
	"$@"
}

start() {
	local name=$1 port=$2 dir="$ROOT/$1"
	mkdir -p "$ROOT"
	chmod 755 "$ROOT"
	if [ -f "$dir/PG_VERSION" ] && as_owner "$PGBIN/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
		echo "setup: reusing the running cluster in $dir" >&2
	else
		if [ ! -f "$dir/PG_VERSION" ]; then
			rm -rf "$dir"
			mkdir -p "$dir"
			[ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
			as_owner "$PGBIN/initdb" -D "$dir" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
			cat >> "$dir/postgresql.conf" <<-CONF
				listen_addresses = ''
				unix_socket_directories = '$dir'
				port = $port
				fsync = off
				synchronous_commit = off
				full_page_writes = off
				lc_messages = 'C'
			CONF
		fi
		# a server killed earlier leaves postmaster.pid behind; pg_ctl copes
		(without_inherited_fds as_owner "$PGBIN/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 start) >/dev/null
	fi
	echo "psql -h $dir -p $port -U postgres"
}

stop() {
	local dir="$ROOT/$1"
	if [ -f "$dir/PG_VERSION" ]; then
		as_owner "$PGBIN/pg_ctl" -D "$dir" -m fast -w stop >/dev/null 2>&1 || true
	fi
}

env_of() {
	echo "export PGHOST=$ROOT/$1 PGPORT=$2 PGUSER=postgres PGDATABASE=postgres PGCLIENTENCODING=UTF8"
}

case "${1:-}" in
	deps) deps ;;
	install) install ;;
	start) start "$2" "$3" ;;
	stop) stop "$2" ;;
	env) env_of "$2" "$3" ;;
	*) sed -n '2,14p' "$0"; exit 2 ;;
esac
