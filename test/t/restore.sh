#!/usr/bin/env bash
# Rows stored in warning mode survive pg_dump and pg_restore by the owner
# (PGOPTIONS='-c govdisclose.on_violation=warning', the README's route);
# `pg_restore --disable-triggers` of a whole database restores none of them;
# a role that is not the owner nor an admin cannot choose warning, however it
# sets it (PGOPTIONS, ALTER ROLE ... SET).  The roles' grants, the admins,
# the enforcement policy, the rejected rows and their row security survive
# the dump (roles themselves are global: pg_dumpall --globals-only).
source "$(dirname "$0")/lib.bash"
fresh_db gd_t_restore
tmp=$(mktemp -d)
LOADER=gd_t_restore_loader
ADMIN=gd_t_restore_admin
OTHER=gd_t_restore_other
L31=gd_t_restore_loader31
L32=gd_t_restore_loader32
READER=gd_t_restore_reader
ROLES="$LOADER $ADMIN $OTHER $L31 $L32 $READER"
for r in $ROLES; do psql -X -q -d postgres -c "DROP ROLE IF EXISTS $r" >/dev/null 2>&1; done
for r in $ROLES; do q -c "CREATE ROLE $r LOGIN"; done
for r in $LOADER $OTHER; do
	q -c "GRANT USAGE ON SCHEMA govdisclose TO $r" -c "GRANT SELECT, INSERT, UPDATE ON govdisclose.report TO $r"
done
q -c "SELECT govdisclose.grant_admin('$ADMIN')" >/dev/null
q -c "SELECT govdisclose.grant_loader('$L31', '31')" -c "SELECT govdisclose.grant_reader('$READER')" >/dev/null
psql -X -q -U $ADMIN -c "SELECT govdisclose.grant_loader('$L32', '32')" >/dev/null

# 50 reports, one of them broken and stored in warning mode by the owner
awk -F, -v OFS=, 'NR == 1 { print; next } { for (n = 1; n <= 50; n++) { $1 = sprintf("机关%03d", n); $NF = ""; print } }' \
	"$FIXTURE" > "$tmp/50.csv"
q -c "SET client_min_messages = error" -c "COPY govdisclose.report FROM STDIN (FORMAT csv, HEADER MATCH)" < "$tmp/50.csv"
q -c "SET govdisclose.on_violation = 'warning'" -c "SET client_min_messages = error" \
	-c "UPDATE govdisclose.report SET review__total = 99 WHERE agency = '机关007'"
check "50 reports stored, one of them invalid" test "$(q -c "SELECT count(*) || ' ' || count(*) FILTER (WHERE NOT govdisclose.is_valid(r)) FROM govdisclose.report r")" = "50 1"
# each loader has a rejection; the policy of the table is error and quarantine, set by the admin
set_cell review__total 99 某局 > "$tmp/broken.csv"
set_cell review__total 99 另局 > "$tmp/broken2.csv"
PGOPTIONS="-c govdisclose.on_violation=quarantine -c client_min_messages=error" psql -X -q -U $LOADER \
	-c "COPY govdisclose.report FROM STDIN (FORMAT csv, HEADER MATCH)" < "$tmp/broken.csv"
PGOPTIONS="-c govdisclose.on_violation=quarantine -c client_min_messages=error" psql -X -q -U $OTHER \
	-c "COPY govdisclose.report FROM STDIN (FORMAT csv, HEADER MATCH)" < "$tmp/broken2.csv"
psql -X -q -U $ADMIN -c "SELECT govdisclose.set_enforcement('govdisclose.report', '{error,quarantine}')" >/dev/null
# a report of region 31 and one of region 32, each by its loader
set_cell region_code 310101 黄浦局 > "$tmp/r31.csv"
set_cell region_code 320102 玄武局 > "$tmp/r32.csv"
copy_as() { psql -X -q -U "$1" -d "$2" -c "SET client_min_messages = error" -c "COPY govdisclose.report FROM STDIN (FORMAT csv, HEADER MATCH)" < "$3" > "$tmp/err" 2>&1; }
copy_as $L31 gd_t_restore "$tmp/r31.csv"
copy_as $L32 gd_t_restore "$tmp/r32.csv"
check "each loader stores a report of its region by COPY" test \
	"$(q -c "SELECT string_agg(agency || ' ' || region_code, ', ' ORDER BY agency) FROM govdisclose.report WHERE agency IN ('黄浦局', '玄武局')")" = \
	"玄武局 320102, 黄浦局 310101"
pg_dump -Fc -d gd_t_restore -f "$tmp/dump.custom"

restored() { q -d gd_t_restore_to -c "SELECT count(*) FROM govdisclose.report"; }
fresh_target() { empty_db gd_t_restore_to; }

fresh_target
pg_restore --disable-triggers -d gd_t_restore_to "$tmp/dump.custom" > "$tmp/err" 2>&1
rc=$?
check "pg_restore --disable-triggers of the whole database fails (exit $rc; it only disables triggers of a data-only restore)" test "$rc" != 0
check "... and restores no report at all ($(restored) rows): the invalid row aborts the table's COPY" test "$(restored)" = 0

fresh_target
PGOPTIONS="-c govdisclose.on_violation=warning -c client_min_messages=error" \
	pg_restore -d gd_t_restore_to "$tmp/dump.custom" > "$tmp/err" 2>&1
check "pg_restore by the owner with PGOPTIONS='-c govdisclose.on_violation=warning' succeeds" test $? = 0
check "... and restores all 52 reports (the owner's 50, the invalid one among them, and the loaders' two)" test "$(restored)" = 52
check "... the restored rows equal the dumped ones" test \
	"$(q -d gd_t_restore_to -c "COPY govdisclose.report TO STDOUT (FORMAT csv)" | md5sum)" = \
	"$(q -c "COPY govdisclose.report TO STDOUT (FORMAT csv)" | md5sum)"
check "... the rejected rows, with their roles" test \
	"$(q -d gd_t_restore_to -c "SELECT string_agg(agency || ' ' || rejected_by, ', ' ORDER BY agency) FROM govdisclose.rejected")" = \
	"另局 $OTHER, 某局 $LOADER"
check "... each loader still reads its own rejections only (row security)" test \
	"$(psql -X -At -U $LOADER -d gd_t_restore_to -c "SELECT string_agg(agency, ',') FROM govdisclose.rejected")" = 某局
check "... the loaders' grants" test "$(q -d gd_t_restore_to -c "
	SELECT has_table_privilege('$LOADER', 'govdisclose.report', 'INSERT') AND has_table_privilege('$OTHER', 'govdisclose.report', 'UPDATE')
	   AND NOT has_table_privilege('$LOADER', 'govdisclose.rejected', 'INSERT')")" = t
check "... the admin, with its grants" test "$(psql -X -At -U $ADMIN -d gd_t_restore_to -c "
	SELECT govdisclose.is_admin() AND has_table_privilege('govdisclose.rejected', 'DELETE') AND (SELECT count(*) = 2 FROM govdisclose.rejected)")" = t
check "... the enforcement policy" test "$(q -d gd_t_restore_to -c "SELECT relation || ' ' || modes::text || ' ' || set_by FROM govdisclose.enforcement_policy")" = \
	"govdisclose.report {error,quarantine} $ADMIN"

# The readers and loaders, their grants and their prefixes, after the restore.
check "... the readers and loaders with their prefixes" test \
	"$(q -d gd_t_restore_to -c "SELECT string_agg(concat_ws(' ', role, kind, region_prefix, granted_by), ', ' ORDER BY role::text) FROM govdisclose.role_grant")" = \
	"$L31 loader 31 $(q -c 'SELECT current_user'), $L32 loader 32 $ADMIN, $READER reader $(q -c 'SELECT current_user')"
check "... their grants (loaders write, the reader reads only)" test "$(q -d gd_t_restore_to -c "
	SELECT has_table_privilege('$L31', 'govdisclose.report', 'INSERT,UPDATE') AND has_table_privilege('$L32', 'govdisclose.report', 'INSERT')
	   AND has_table_privilege('$READER', 'govdisclose.report_summary', 'SELECT')
	   AND NOT has_table_privilege('$READER', 'govdisclose.report', 'INSERT,UPDATE,DELETE')")" = t
for db in gd_t_restore gd_t_restore_to; do
	q -d $db -c "DELETE FROM govdisclose.report WHERE agency IN ('黄浦局', '玄武局')"
	copy_as $L31 $db "$tmp/r32.csv"
	check "$db: the 31 loader's COPY of a report of region 320102 is refused" \
		grep -q "ERROR:  role \"$L31\" may not write report of \"玄武局\" for 2024 with region_code 320102" "$tmp/err"
	copy_as $L32 $db "$tmp/r31.csv"
	check "$db: the 32 loader's COPY of a report of region 310101 is refused" \
		grep -q "ERROR:  role \"$L32\" may not write report of \"黄浦局\" for 2024 with region_code 310101" "$tmp/err"
	copy_as $READER $db "$tmp/r31.csv"
	check "$db: the reader's COPY is refused" grep -q "ERROR:  permission denied for table report" "$tmp/err"
	copy_as $L31 $db "$tmp/r31.csv"
	copy_as $L32 $db "$tmp/r32.csv"
	check "$db: each loader's COPY of its own region's report is stored" test \
		"$(q -d $db -c "SELECT count(*) FROM govdisclose.report WHERE agency IN ('黄浦局', '玄武局')")" = 2
	psql -X -q -U $L32 -d $db -c "UPDATE govdisclose.report SET region_code = '320102' WHERE agency = '黄浦局'" > "$tmp/err" 2>&1
	check "$db: the 32 loader cannot move the 31 loader's report into its region" \
		grep -q "ERROR:  role \"$L32\" may not change report of \"黄浦局\" for 2024, stored with region_code 310101" "$tmp/err"
done

# A loader (not the owner, not an admin) cannot choose warning.
PGOPTIONS="-c govdisclose.on_violation=warning" psql -X -q -U $LOADER \
	-c "COPY govdisclose.report FROM STDIN (FORMAT csv, HEADER MATCH)" < "$tmp/broken.csv" > "$tmp/err" 2>&1
check "a loader's COPY with PGOPTIONS='-c govdisclose.on_violation=warning' is refused" \
	grep -q 'ERROR:  govdisclose.on_violation "warning" is not allowed on table govdisclose.report' "$tmp/err"
PGOPTIONS="-c govdisclose.on_violation=warning" psql -X -q -U $LOADER -d gd_t_restore_to \
	-c "COPY govdisclose.report FROM STDIN (FORMAT csv, HEADER MATCH)" < "$tmp/broken.csv" > "$tmp/err" 2>&1
check "... in the restored database too" grep -q 'is not allowed on table govdisclose.report' "$tmp/err"
# (the library loaded first: a placeholder setting a role may not ALTER ROLE SET)
psql -X -q -U $LOADER -c "SELECT govdisclose.share(1, 2)" -c "ALTER ROLE $LOADER SET govdisclose.on_violation = 'warning'" > "$tmp/err" 2>&1
check "a loader may ALTER ROLE itself SET govdisclose.on_violation = 'warning'" test $? = 0
psql -X -q -U $LOADER -c "COPY govdisclose.report FROM STDIN (FORMAT csv, HEADER MATCH)" < "$tmp/broken.csv" > "$tmp/err" 2>&1
check "a loader's COPY after ALTER ROLE itself SET govdisclose.on_violation = 'warning' is refused" \
	grep -q 'is not allowed on table govdisclose.report' "$tmp/err"
check "the loader stored nothing" test "$(q -c "SELECT count(*) FROM govdisclose.report WHERE agency = '某局'")" = 0

rm -rf "$tmp"
drop_db gd_t_restore
drop_db gd_t_restore_to
for r in $ROLES; do psql -X -q -d postgres -c "DROP ROLE IF EXISTS $r" >/dev/null 2>&1; done
