#!/usr/bin/env bash
# Agency identity (docs/domain.md §12) across files, sessions, pg_dump and the
# upgrade from 0.2.0: a CSV without agency_id gets it from its name; a
# registration or a merge in one session counts in the others; the registry
# and every report's agency_id survive a dump and restore; an upgraded
# installation keys its stored reports, leaving the ambiguous ones and the
# second spelling of one report without agency_id.
source "$(dirname "$0")/lib.bash"
fresh_db gd_t_agency
tmp=$(mktemp -d)
make -s govdisclose-import >/dev/null

# ---- CSV layouts ----
# A file written by 0.2.0 has no agency_id: its header is the column list.
cols=$(head -n 1 "$FIXTURE" | cut -d, -f1-228)
cut -d, -f1-228 "$FIXTURE" > "$tmp/v020.csv"
check "a 0.2.0 file without a column list is refused (one field short)" \
	test "$(q -c "COPY govdisclose.report FROM STDIN (FORMAT csv, HEADER MATCH)" < "$tmp/v020.csv" 2>&1 | grep -c 'wrong number of fields in header line: got 228, expected 229')" = 1
check "a 0.2.0 file loads with its header as the column list" \
	q -c "SET client_min_messages = error" -c "COPY govdisclose.report ($cols) FROM STDIN (FORMAT csv, HEADER MATCH)" < "$tmp/v020.csv"
check "... and its report gets the agency_id its name denotes, 310116" \
	test "$(q -c "SELECT agency_id FROM govdisclose.report")" = 310116
q -c "COPY govdisclose.report TO STDOUT (FORMAT csv, HEADER)" > "$tmp/out.csv"
check "COPY TO writes the current layout, agency_id last: the fixture, byte for byte" cmp -s "$FIXTURE" "$tmp/out.csv"
q -c "TRUNCATE govdisclose.report"
check "the fixture, which carries its agency_id, round-trips byte for byte" \
	q -c "SET client_min_messages = error" -c "COPY govdisclose.report FROM STDIN (FORMAT csv, HEADER MATCH)" < "$FIXTURE"
q -c "COPY govdisclose.report TO STDOUT (FORMAT csv, HEADER)" > "$tmp/out.csv"
check "... COPY TO gives it back" cmp -s "$FIXTURE" "$tmp/out.csv"
q -c "TRUNCATE govdisclose.report"

# The importer writes the name as printed and agency_id blank.
./govdisclose-import -q test/data/parse/jinshan-2024.txt > "$tmp/imported.csv" 2>/dev/null
check "govdisclose-import writes the table's header, agency_id last" \
	test "$(head -n 1 "$tmp/imported.csv")" = "$(head -n 1 "$FIXTURE")"
check "... and agency_id blank" test "$(tail -n 1 "$tmp/imported.csv" | awk -F, '{ print NF ":" $NF }')" = "229:"
q -c "SET client_min_messages = error" -c "COPY govdisclose.report FROM STDIN (FORMAT csv, HEADER MATCH)" < "$tmp/imported.csv"
check "... loaded, the title's 「上海市金山区」 is agency 310116" \
	test "$(q -c "SELECT agency || ' ' || agency_id FROM govdisclose.report")" = "上海市金山区 310116"
q -c "TRUNCATE govdisclose.report"

# ---- sessions ----
# Session A reads the registry; session B registers 「洪泽区教育局」; A's
# report of 「淮安市洪泽区教育局」 is that agency (A finds B's registration by
# its key), without an unknown_agency warning.
q 2> "$tmp/a.err" >/dev/null <<-'SQL'
	SELECT count(*) FROM govdisclose.resolve_agency('上海市金山区');
	\! psql -X -q -c "SET client_min_messages = error" -c "INSERT INTO govdisclose.report (agency, year) VALUES ('洪泽区教育局', 2023)"
	INSERT INTO govdisclose.report (agency, year) VALUES ('淮安市洪泽区教育局', 2024);
SQL
check "a registration in another session counts at once: one agency for both spellings" \
	test "$(q -c "SELECT count(DISTINCT agency_id) || ' ' || count(*) FROM govdisclose.report WHERE agency LIKE '%洪泽区教育局'")" = "1 2"
check "... registered once" test "$(q -c "SELECT count(*) FROM govdisclose.agency WHERE name LIKE '%洪泽区教育局'")" = 1
check "... and session A did not call it unknown" test "$(grep -c unknown_agency "$tmp/a.err")" = 0

# Session A registers 「沐阳县」; session B merges it into 沭阳县's
# government; A's next report of that name is keyed to 321322.
q 2> "$tmp/a.err" <<-'SQL'
	INSERT INTO govdisclose.report (agency, year, region_code) VALUES ('沐阳县', 2024, '321322');
	\! psql -X -q -c "SELECT govdisclose.merge_agencies((SELECT id FROM govdisclose.agency WHERE name = '沐阳县'), 321322)" >/dev/null
	INSERT INTO govdisclose.report (agency, year) VALUES ('沐阳县', 2025);
SQL
check "a merge in another session counts from the next transaction: both reports are 321322's" \
	test "$(q -c "SELECT string_agg(year || ':' || agency_id, ' ' ORDER BY year) FROM govdisclose.report WHERE agency = '沐阳县'")" = "2024:321322 2025:321322"
check "... the registration warned, naming 宿迁市沭阳县人民政府 first" \
	grep -q "unknown_agency: column agency「发布机关」: 「沐阳县」 matches no registered agency: it is registered as a new one (未登记的机关); the nearest registered: 宿迁市沭阳县人民政府 (321322)" "$tmp/a.err"

# Two sessions meeting one new name at once register one agency.
q -c "BEGIN" -c "SET client_min_messages = error" -c "INSERT INTO govdisclose.report (agency, year) VALUES ('并发测试局', 2023)" \
	-c "SELECT pg_sleep(1)" -c "COMMIT" >/dev/null &
first=$!
sleep 0.3
q -c "SET client_min_messages = error" -c "INSERT INTO govdisclose.report (agency, year) VALUES ('并发测试局', 2024)"
wait $first
check "two sessions registering one name at once: one agency, both reports keyed to it" \
	test "$(q -c "SELECT (SELECT count(*) FROM govdisclose.agency WHERE name = '并发测试局') || ' ' || count(DISTINCT agency_id) || ' ' || count(*) FROM govdisclose.report WHERE agency = '并发测试局'")" = "1 1 2"

# An alias added by an admin.  A registration rolled back (with its
# transaction, or to a savepoint) leaves nothing in the session's copy of
# the registry: the name is registered again, under an agency that exists.
q -c "SELECT govdisclose.add_alias(321322, '沭阳')" >/dev/null
q 2>/dev/null >/dev/null <<-'SQL'
	BEGIN;
	INSERT INTO govdisclose.report (agency, year) VALUES ('回滚测试局', 2022);
	ROLLBACK;
	INSERT INTO govdisclose.report (agency, year) VALUES ('回滚测试局', 2023);
	BEGIN;
	SAVEPOINT s;
	INSERT INTO govdisclose.report (agency, year) VALUES ('回滚测试二局', 2022);
	ROLLBACK TO SAVEPOINT s;
	INSERT INTO govdisclose.report (agency, year) VALUES ('回滚测试二局', 2023);
	COMMIT;
SQL
check "after a rollback, and after a rollback to a savepoint, the name is registered again, its agency stored" \
	test "$(q -c "SELECT count(*) FROM govdisclose.report r JOIN govdisclose.agency a ON a.id = r.agency_id WHERE r.agency LIKE '回滚测试%'")" = 2

# ---- pg_dump ----
q -c "SET client_min_messages = error" -c "COPY govdisclose.report FROM STDIN (FORMAT csv, HEADER MATCH)" < "$FIXTURE"
snapshot() {	# the registry's rows users made, and every report's key
	q -d "$1" -c "SELECT 'agency ' || id || ' ' || concat_ws(' ', name, region_code, source, name_key) FROM govdisclose.agency WHERE source <> 'gb2260'
	              UNION ALL SELECT 'alias ' || agency_id || ' ' || name || ' ' || source FROM govdisclose.agency_alias WHERE source <> 'gb2260'
	              UNION ALL SELECT 'merge ' || from_id || ' ' || into_id || ' ' || reports FROM govdisclose.agency_merge
	              UNION ALL SELECT 'report ' || agency || ' ' || year || ' ' || coalesce(agency_id::text, '-') FROM govdisclose.report
	              ORDER BY 1"
}
snapshot gd_t_agency > "$tmp/before.txt"
pg_dump -d gd_t_agency -f "$tmp/dump.sql" 2> "$tmp/dump.err"
check "pg_dump says nothing (no circular foreign keys among the configuration tables)" test ! -s "$tmp/dump.err"
empty_db gd_t_agency_restored
PGOPTIONS="-c client_min_messages=error" psql -X -q -v ON_ERROR_STOP=1 -d gd_t_agency_restored -f "$tmp/dump.sql" >/dev/null 2> "$tmp/restore.err"
check "the restore runs, checking every report's agency_id against its name" test $? = 0
snapshot gd_t_agency_restored > "$tmp/after.txt"
check "registered agencies, aliases, merges and every report's agency_id survive ($(wc -l < "$tmp/before.txt") rows)" \
	cmp -s "$tmp/before.txt" "$tmp/after.txt"
check "in the restore, 沐阳县 is still 321322's name and 沭阳 its alias" \
	test "$(q -d gd_t_agency_restored -c "SELECT string_agg(agency_id::text, ' ') FROM (SELECT agency_id FROM govdisclose.resolve_agency('沐阳县') UNION ALL SELECT agency_id FROM govdisclose.resolve_agency('沭阳')) r")" = "321322 321322"
check "the next registration in the restore takes an id above the restored ones" \
	test "$(q -d gd_t_agency_restored -c "SET client_min_messages = error" -c "INSERT INTO govdisclose.report (agency, year) VALUES ('恢复后新局', 2024) RETURNING agency_id > (SELECT max(id) FROM govdisclose.agency WHERE name <> '恢复后新局')")" = t

# ---- the upgrade from 0.2.0 ----
empty_db gd_t_agency_upgrade
q -d gd_t_agency_upgrade -c "CREATE EXTENSION govdisclose VERSION '0.2.0'" \
	-c "SET client_min_messages = error" -c "COPY govdisclose.report FROM STDIN (FORMAT csv, HEADER MATCH)" < "$tmp/v020.csv"
q -d gd_t_agency_upgrade -c "SET client_min_messages = error" \
	-c "INSERT INTO govdisclose.report (agency, year) VALUES ('上海市金山区', 2024), ('洪泽区人民政府', 2023),
	        ('淮安市洪泽区人民政府', 2024), ('鼓楼区人民政府', 2023), ('某某局', 2023)"
q -d gd_t_agency_upgrade -c "ALTER EXTENSION govdisclose UPDATE" 2> "$tmp/upgrade.err"
check "the upgrade keys the stored reports" \
	test "$(q -d gd_t_agency_upgrade -c "SELECT string_agg(agency || ' ' || year || ' ' || coalesce(agency_id::text, '-'), ', ' ORDER BY agency, year) FROM govdisclose.report WHERE agency_id IS NULL OR agency_id < 1000000")" \
	= "上海市金山区 2024 -, 上海市金山区人民政府 2024 310116, 洪泽区人民政府 2023 320813, 淮安市洪泽区人民政府 2024 320813, 鼓楼区人民政府 2023 -"
check "... registers the agency nobody knew" \
	test "$(q -d gd_t_agency_upgrade -c "SELECT a.source FROM govdisclose.report r JOIN govdisclose.agency a ON a.id = r.agency_id WHERE r.agency = '某某局'")" = seen
check "... and says which reports keep agency_id NULL, and why" \
	test "$(grep -c 'WARNING:  2 stored reports keep agency_id NULL' "$tmp/upgrade.err")" = 1
check "... the second spelling of Jinshan's report, a duplicate" \
	grep -q "2024: duplicate: 「上海市金山区」 is agency 310116 (上海市金山区人民政府), whose report for 2024 is keyed already." "$tmp/upgrade.err"
check "... and the ambiguous 鼓楼区人民政府" grep -q "2023: ambiguous_agency: 「鼓楼区人民政府」 could be in 4 divisions" "$tmp/upgrade.err"

rm -rf "$tmp"
drop_db gd_t_agency
drop_db gd_t_agency_restored
drop_db gd_t_agency_upgrade
