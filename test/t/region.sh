#!/usr/bin/env bash
# govdisclose.region across sessions and through pg_dump: a division one
# session adds counts in another from its next transaction; pg_dump keeps the
# divisions users added and not the shipped ones, and a restore has both.
source "$(dirname "$0")/lib.bash"
fresh_db gd_t_region
tmp=$(mktemp -d)

# The fixture under a code no division has: stored, with a warning.
set_cell region_code 310199 > "$tmp/unknown.csv"
q -c "COPY govdisclose.report FROM STDIN (FORMAT csv, HEADER MATCH)" < "$tmp/unknown.csv" 2> "$tmp/copy.err"
check "a report with an unknown region code is stored" \
	test "$(q -c "SELECT count(*) FROM govdisclose.report WHERE region_code = '310199'")" = 1
check "... with an unknown_region warning" \
	grep -q "unknown_region: column region_code「行政区划代码」: 310199 names no division" "$tmp/copy.err"

# Session A reads the codes, session B adds the division, A sees it at its
# next statement (a new transaction) without reconnecting.
q -v ON_ERROR_STOP=1 2> "$tmp/a.err" <<-'SQL'
	UPDATE govdisclose.report SET source = 'a, before';
	\! psql -X -q -c "INSERT INTO govdisclose.region (code, name) VALUES ('310199', '测试新区')"
	UPDATE govdisclose.report SET source = 'a, after';
SQL
check "session A ran both updates" \
	test "$(q -c "SELECT source FROM govdisclose.report")" = "a, after"
check "session A warned before session B added the division, not after (got $(grep -c unknown_region "$tmp/a.err"))" \
	test "$(grep -c unknown_region "$tmp/a.err")" = 1

# pg_dump: the added division, not the 3,223 shipped ones.
pg_dump -d gd_t_region -f "$tmp/dump.sql"
awk '/^COPY govdisclose.region /{on = 1; next} /^\\\.$/{on = 0} on' "$tmp/dump.sql" > "$tmp/region-rows.txt"
check "pg_dump writes one row of govdisclose.region, the added one (got $(wc -l < "$tmp/region-rows.txt"))" \
	test "$(cat "$tmp/region-rows.txt")" = "$(printf '310199\t测试新区\tuser')"
empty_db gd_t_region_restored
PGOPTIONS="-c client_min_messages=error" psql -X -q -v ON_ERROR_STOP=1 -d gd_t_region_restored -f "$tmp/dump.sql" >/dev/null 2>&1
check "the restore ran" test $? = 0
check "the restore has the shipped divisions and the added one, once" test \
	"$(q -d gd_t_region_restored -c "SELECT string_agg(source || ' ' || n, ', ' ORDER BY source) FROM (SELECT source, count(*) AS n FROM govdisclose.region GROUP BY source) s")" \
	= "gb2260 3223, user 1"
check "in the restore the report's region is known" test \
	"$(q -d gd_t_region_restored -c "SELECT count(*) FROM govdisclose.report r, govdisclose.validate(r) v WHERE v.rule = 'unknown_region'")" = 0
check "the restored division has its level and parents" test \
	"$(q -d gd_t_region_restored -c "SELECT concat_ws(' ', level, province_code, prefecture_code) FROM govdisclose.region WHERE code = '310199'")" \
	= "county 310000 310100"

# A release that ships the division the user added: the restore skips the
# user's row.  (Simulated: the shipped row written with triggers off.)
empty_db gd_t_region_restored
q -d gd_t_region_restored -c "CREATE EXTENSION govdisclose" \
	-c "SET session_replication_role = replica" \
	-c "INSERT INTO govdisclose.region (code, name, source) VALUES ('310199', '测试新区', 'gb2260')"
grep -v '^CREATE EXTENSION\|^COMMENT ON EXTENSION\|^CREATE SCHEMA' "$tmp/dump.sql" |
	psql -X -q -v ON_ERROR_STOP=1 -d gd_t_region_restored > /dev/null 2> "$tmp/restore2.err"
check "a restore into a release that ships the added division runs" test $? = 0
check "... and keeps the shipped row, once" test \
	"$(q -d gd_t_region_restored -c "SELECT string_agg(source, ',') FROM govdisclose.region WHERE code = '310199'")" = gb2260
check "... and the report" test "$(q -d gd_t_region_restored -c "SELECT count(*) FROM govdisclose.report")" = 1

rm -rf "$tmp"
drop_db gd_t_region
drop_db gd_t_region_restored
