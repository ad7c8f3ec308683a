#!/usr/bin/env bash
# govdisclose through the clients BI tools and ETL jobs use: psycopg2 (and
# pandas over it) and psqlODBC (through pyodbc and isql), all from
# Debian packages that test/setup.sh deps installs. The checks themselves are
# in test/clients/; this file loads the fixture and configures ODBC.
source "$(dirname "$0")/lib.bash"
fresh_db gd_t_clients
q -c "COPY govdisclose.report FROM STDIN (FORMAT csv, HEADER MATCH)" < "$FIXTURE" 2>/dev/null
tmp=$(mktemp -d)
PY=/usr/bin/python3	# Debian's, which has the Debian packages' modules

same() {	# same "description" GOT WANT
	check "$1" test "$2" = "$3" || true
	[ "$2" = "$3" ] || echo "#   got: $2"
}

helper() {	# helper SCRIPT: its ok/not ok lines, and whether it ran to its end
	local out rc
	out=$(PYTHONDONTWRITEBYTECODE=1 "$PY" "test/clients/$1" 2>&1)
	rc=$?
	echo "$out"
	check "test/clients/$1 ran to its end" test "$rc" = 0 -a -n "$out"
}

helper via_psycopg2.py

# ODBC: a temporary odbcinst.ini and odbc.ini, found through ODBCSYSINI and
# ODBCINI; the DSN points at the test cluster's unix socket.
driver=$(dpkg -L odbc-postgresql 2>/dev/null | grep '/psqlodbcw\.so$' | head -n 1)
check "psqlODBC's Unicode driver is installed" test -n "$driver" -a -f "$driver"
cat > "$tmp/odbcinst.ini" <<-INI
	[PostgreSQL Unicode]
	Description = psqlODBC (odbc-postgresql), Unicode
	Driver = $driver
INI
cat > "$tmp/odbc.ini" <<-INI
	[govdisclose_test]
	Driver = PostgreSQL Unicode
	Servername = $PGHOST
	Port = $PGPORT
	Database = $PGDATABASE
	Username = $PGUSER
	ConnSettings = SET search_path = govdisclose, public
INI
export ODBCSYSINI=$tmp ODBCINI=$tmp/odbc.ini GD_ODBC_DSN=govdisclose_test GD_ODBC_DRIVER=$driver

helper via_odbc.py

# isql (unixodbc), as a shell script or a scheduler would use it. (Not
# iusql: unixODBC 2.3.11's prints only the low byte of each character.)
out=$(echo "SELECT disclosure_rate, review_correction_rate FROM report_summary" | isql -b -d'|' govdisclose_test 2>&1)
same "isql reads report_summary through the DSN: 31.74|13.64" "$out" "31.74|13.64"
out=$(echo "SELECT agency, label_zh FROM report_summary, outcome_groups WHERE code = 'withheld'" |
	isql -b -d'|' govdisclose_test 2>&1)
same "isql reads Chinese text as UTF-8: 上海市金山区人民政府|不予公开" "$out" "上海市金山区人民政府|不予公开"

rm -rf "$tmp"
drop_db gd_t_clients
