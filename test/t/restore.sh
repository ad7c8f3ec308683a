#!/usr/bin/env bash
# Rows stored in warning mode survive pg_dump and pg_restore by the owner
# (PGOPTIONS='-c govdisclose.on_violation=warning', the README's route);
# `pg_restore --disable-triggers` of a whole database restores none of them;
# a role that is not the owner nor an admin cannot choose warning, however it
# sets it (PGOPTIONS, ALTER ROLE ... SET).
source "$(dirname "$0")/lib.bash"
fresh_db gd_t_restore
tmp=$(mktemp -d)
LOADER=gd_t_restore_loader

# 50 reports, one of them broken and stored in warning mode by the owner
awk -F, -v OFS=, 'NR == 1 { print; next } { for (n = 1; n <= 50; n++) { $1 = sprintf("机关%03d", n); $NF = ""; print } }' \
	"$FIXTURE" > "$tmp/50.csv"
q -c "SET client_min_messages = error" -c "COPY govdisclose.report FROM STDIN (FORMAT csv, HEADER MATCH)" < "$tmp/50.csv"
q -c "SET govdisclose.on_violation = 'warning'" -c "SET client_min_messages = error" \
	-c "UPDATE govdisclose.report SET review__total = 99 WHERE agency = '机关007'"
check "50 reports stored, one of them invalid" test "$(q -c "SELECT count(*) || ' ' || count(*) FILTER (WHERE NOT govdisclose.is_valid(r)) FROM govdisclose.report r")" = "50 1"
pg_dump -Fc -d gd_t_restore -f "$tmp/dump.custom"

restored() { q -d gd_t_restore_to -c "SELECT count(*) FROM govdisclose.report"; }
fresh_target() { drop_db gd_t_restore_to; psql -X -q -d postgres -c "CREATE DATABASE gd_t_restore_to" >/dev/null; }

fresh_target
pg_restore --disable-triggers -d gd_t_restore_to "$tmp/dump.custom" > "$tmp/err" 2>&1
rc=$?
check "pg_restore --disable-triggers of the whole database fails (exit $rc; it only disables triggers of a data-only restore)" test "$rc" != 0
check "... and restores no report at all ($(restored) rows): the invalid row aborts the table's COPY" test "$(restored)" = 0

fresh_target
PGOPTIONS="-c govdisclose.on_violation=warning -c client_min_messages=error" \
	pg_restore -d gd_t_restore_to "$tmp/dump.custom" > "$tmp/err" 2>&1
check "pg_restore by the owner with PGOPTIONS='-c govdisclose.on_violation=warning' succeeds" test $? = 0
check "... and restores all 50 reports, the invalid one among them" test "$(restored)" = 50
check "... the restored rows equal the dumped ones" test \
	"$(q -d gd_t_restore_to -c "COPY govdisclose.report TO STDOUT (FORMAT csv)" | md5sum)" = \
	"$(q -c "COPY govdisclose.report TO STDOUT (FORMAT csv)" | md5sum)"

# A loader (not the owner, not an admin) cannot choose warning.
psql -X -q -d postgres -c "DROP ROLE IF EXISTS $LOADER" >/dev/null 2>&1
q -c "CREATE ROLE $LOADER LOGIN" -c "GRANT USAGE ON SCHEMA govdisclose TO $LOADER" \
	-c "GRANT SELECT, INSERT, UPDATE ON govdisclose.report TO $LOADER"
set_cell review__total 99 某局 > "$tmp/broken.csv"
PGOPTIONS="-c govdisclose.on_violation=warning" psql -X -q -U $LOADER \
	-c "COPY govdisclose.report FROM STDIN (FORMAT csv, HEADER MATCH)" < "$tmp/broken.csv" > "$tmp/err" 2>&1
check "a loader's COPY with PGOPTIONS='-c govdisclose.on_violation=warning' is refused" \
	grep -q 'ERROR:  govdisclose.on_violation "warning" is not allowed on table govdisclose.report' "$tmp/err"
# (the library loaded first: a placeholder setting a role may not ALTER ROLE SET)
psql -X -q -U $LOADER -c "SELECT govdisclose.share(1, 2)" -c "ALTER ROLE $LOADER SET govdisclose.on_violation = 'warning'" > "$tmp/err" 2>&1
check "a loader may ALTER ROLE itself SET govdisclose.on_violation = 'warning'" test $? = 0
psql -X -q -U $LOADER -c "COPY govdisclose.report FROM STDIN (FORMAT csv, HEADER MATCH)" < "$tmp/broken.csv" > "$tmp/err" 2>&1
check "a loader's COPY after ALTER ROLE itself SET govdisclose.on_violation = 'warning' is refused" \
	grep -q 'is not allowed on table govdisclose.report' "$tmp/err"
check "the loader stored nothing" test "$(q -c "SELECT count(*) FROM govdisclose.report WHERE agency = '某局'")" = 0
PGOPTIONS="-c govdisclose.on_violation=quarantine" psql -X -q -U $LOADER \
	-c "COPY govdisclose.report FROM STDIN (FORMAT csv, HEADER MATCH)" < "$tmp/broken.csv" > "$tmp/err" 2>&1
check "the same COPY in quarantine mode (allowed) runs, and the row is quarantined by the loader" \
	test "$(q -c "SELECT rejected_by FROM govdisclose.rejected WHERE agency = '某局'")" = $LOADER

rm -rf "$tmp"
drop_db gd_t_restore
drop_db gd_t_restore_to
psql -X -q -d postgres -c "DROP ROLE IF EXISTS $LOADER" >/dev/null 2>&1
