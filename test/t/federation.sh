#!/usr/bin/env bash
# docs/FEDERATION.md on three servers: two provincial clusters of their own
# and a national database in the test cluster reaching them through
# postgres_fdw, against one database of the test cluster holding every
# report.  Every query of docs/BI.md, and the queries below, must give the
# same result on both; then the same with reports stored on the national
# server itself and a continuity break across servers.  The provincial
# clusters are stopped and removed at the end.
source "$(dirname "$0")/lib.bash"
tmp=$(mktemp -d)
ROOT=${GD_CLUSTER_ROOT:-/tmp/govdisclose}
read -r PORT_A PORT_B <<< "${GD_FED_PORTS:-54331 54332}"
SAMPLE=test/data/bi-sample.csv

remove_province() {
	test/setup.sh stop "$1"
	rm -rf "${ROOT:?}/$1"
}
cleanup() {
	drop_db gd_t_fed_national
	drop_db gd_t_fed_single
	remove_province fed_a
	remove_province fed_b
	rm -rf "$tmp"
}
trap cleanup EXIT

# province NAME PORT CONDITION FIRST_ID: a cluster whose database "reports"
# holds the sample's reports that meet CONDITION, numbering the agencies it
# registers from FIRST_ID (docs/FEDERATION.md, agencies across servers)
province() {
	local name=$1 port=$2 cond=$3 first_id=$4
	remove_province "$name"		# one left by an interrupted run
	test/setup.sh start "$name" "$port" >/dev/null || return 1
	qp() { q -h "$ROOT/$name" -p "$port" "$@"; }
	qp -d postgres -c "CREATE DATABASE reports" &&
	qp -d reports -c "CREATE EXTENSION govdisclose" &&
	qp -d reports -c "ALTER SEQUENCE govdisclose.agency_id_seq RESTART WITH $first_id" &&
	qp -d reports -c "SET govdisclose.on_violation = warning" -c "SET client_min_messages = error" \
		-c "COPY govdisclose.report FROM STDIN (FORMAT csv, HEADER MATCH) WHERE $cond" < "$SAMPLE"
}
check "province A (Shanghai, Jiangsu) started and loaded" province fed_a "$PORT_A" "region_code < '33'" 310000000
check "province B (Fujian) started and loaded" province fed_b "$PORT_B" "region_code >= '35'" 350000000

# the single server: every report in one table; the one agency the sample
# registers (平潭综合实验区…, a name no shipped government bears) is
# province B's, so the single server numbers as B does
empty_db gd_t_fed_single
q -d gd_t_fed_single -c "CREATE EXTENSION govdisclose" -c "ALTER SEQUENCE govdisclose.agency_id_seq RESTART WITH 350000000"
q -d gd_t_fed_single -c "SET govdisclose.on_violation = warning" -c "SET client_min_messages = error" \
	-c "COPY govdisclose.report FROM STDIN (FORMAT csv, HEADER MATCH)" < "$SAMPLE"

# the national server, as docs/FEDERATION.md sets it up (trust on the unix
# sockets here: the user mapping names the user alone)
empty_db gd_t_fed_national
national() { q -d gd_t_fed_national "$@"; }
national -c "SET client_min_messages = warning" -c "CREATE EXTENSION govdisclose" -c "CREATE EXTENSION postgres_fdw"
for p in "a $PORT_A" "b $PORT_B"; do
	set -- $p
	national -c "CREATE SERVER prov_$1 FOREIGN DATA WRAPPER postgres_fdw
	             OPTIONS (host '$ROOT/fed_$1', port '$2', dbname 'reports', extensions 'govdisclose')" \
	         -c "CREATE USER MAPPING FOR PUBLIC SERVER prov_$1 OPTIONS (user 'postgres')" \
	         -c "CREATE SCHEMA prov_$1" \
	         -c "CREATE FOREIGN TABLE prov_$1.report () INHERITS (govdisclose.report)
	             SERVER prov_$1 OPTIONS (schema_name 'govdisclose', table_name 'report')" \
	         -c "CREATE FOREIGN TABLE prov_$1.agency (id int4, name text, region_code text, level text, kind text,
	                                                  parent_id int4, source text, name_key text,
	                                                  registered_at timestamptz, registered_by name)
	             SERVER prov_$1 OPTIONS (schema_name 'govdisclose', table_name 'agency')"
done
# the provinces' registered agencies, copied into the national registry
copy_agencies() {
	national -c "INSERT INTO govdisclose.agency (id, name, region_code, level, kind, parent_id, source, name_key, registered_at, registered_by)
	             SELECT id, name, region_code, level, kind, parent_id, source, name_key, registered_at, registered_by
	             FROM prov_a.agency WHERE source <> 'gb2260'
	             UNION ALL
	             SELECT id, name, region_code, level, kind, parent_id, source, name_key, registered_at, registered_by
	             FROM prov_b.agency WHERE source <> 'gb2260'
	             ON CONFLICT (id) DO NOTHING"
}
check "before the copy, the national server does not name province B's registered agency" test \
	"$(national -c "SELECT count(*) FROM govdisclose.report_summary WHERE agency_id >= 1000000 AND agency_name IS NULL")" = 2
copy_agencies
check "the provinces' registered agencies are copied: 平潭综合实验区… is 350000000 on the national server" test \
	"$(national -c "SELECT id FROM govdisclose.agency WHERE name = '平潭综合实验区（管委会办公室汇总全区）'")" = 350000000
check "the national server reads 3 reports on province A and 2 on province B" test \
	"$(national -c "SELECT string_agg(tableoid::regclass || ' ' || n, ', ' ORDER BY tableoid::regclass::text)
	                FROM (SELECT tableoid, count(*) AS n FROM govdisclose.report GROUP BY 1) c")" = "prov_a.report 3, prov_b.report 2"

# The queries: every ```sql block of docs/BI.md, then those of this test
# (the continuity rules aside: see the limit checked below).
n=0
if [ -f docs/BI.md ]; then
	awk -v dir="$tmp" '
		/^## / { title = substr($0, 4) }
		/^```sql$/ && title !~ /^[0-9]+\./ { skip = 1; next }	# not a dashboard query (a setting)
		skip && /^```/ { skip = 0; next }
		/^```sql$/ { n++; f = sprintf("%s/q%02d.sql", dir, n); printf "-- docs/BI.md: %s\n", title > f; on = 1; next }
		/^```/ { on = 0; next }
		on { print > f }' docs/BI.md
	n=$(ls "$tmp"/q*.sql 2>/dev/null | wc -l)
fi
check "docs/BI.md has at least ten queries" test "$n" -ge 10
own() { n=$((n + 1)); printf '%s\n' "$1" > "$(printf '%s/q%02d.sql' "$tmp" "$n")"; }
own "-- every column of the summary, but warnings (continuity: see below)
SELECT to_jsonb(s) - 'warnings' FROM govdisclose.report_summary s ORDER BY agency, year;"
own "-- the continuity view joins reports of different servers
SELECT * FROM govdisclose.continuity_breaks ORDER BY agency, year, column_code;"
own "-- the roll-ups of the three sections
SELECT year, count(*), govdisclose.sum(govdisclose.requests(r)), govdisclose.sum(govdisclose.proactive(r)),
       govdisclose.sum(govdisclose.appeals(r))
FROM govdisclose.report r GROUP BY year ORDER BY year;"
own "-- the report functions of the whole row
SELECT agency, year, govdisclose.is_valid(r), govdisclose.disclosure_rate(r), o.*
FROM govdisclose.report r, govdisclose.outcome_shares(r, 'plug_last') o ORDER BY agency, year, o.group_code;"
own "-- validate(r), the continuity rules aside
SELECT r.agency, r.year, v.* FROM govdisclose.report r, govdisclose.validate(r) v
WHERE v.rule NOT IN ('continuity', 'documents_continuity')
ORDER BY r.agency, r.year, v.rule, v.section, v.row_code, v.column_code;"
own "-- the long view, in full
SELECT * FROM govdisclose.request_cells ORDER BY agency, year, row_code, column_code;"
own "-- every report, as a CSV file
COPY (SELECT * FROM govdisclose.report ORDER BY agency, year) TO STDOUT (FORMAT csv, HEADER);"

# same_results PHASE: each query on both servers, the outputs compared
same_results() {
	local f title
	for f in "$tmp"/q*.sql; do
		title=$(head -n 1 "$f" | sed 's/^-- //')
		psql -X -d gd_t_fed_single -v ON_ERROR_STOP=1 -f "$f" > "$f.single" 2>&1
		psql -X -d gd_t_fed_national -v ON_ERROR_STOP=1 -f "$f" > "$f.national" 2>&1
		if grep -q 'ERROR:' "$f.single"; then
			not_ok "$1: $title: fails on the single server:"
			head -n 5 "$f.single"
		elif cmp -s "$f.single" "$f.national"; then
			ok "$1: $title: the national server gives the single server's $(grep -c '' "$f.single") lines"
		else
			not_ok "$1: $title: the national server differs from the single server:"
			diff "$f.single" "$f.national" | head -n 20
		fi
	done
}
same_results "provinces A and B"

# Reports on the national server itself, and a continuity break across
# servers: the fixture as a (constructed) 2023 report on the national
# server and as a 2025 one on province B, around the real 2024 on A.
as_year() {
	awk -F, -v OFS=, -v year="$1" 'NR == 1 { print; next } { $2 = year; $5 = "constructed: the 2024 fixture as " year; print }' "$FIXTURE"
}
as_year 2023 | national -c "SET client_min_messages = error" -c "COPY govdisclose.report FROM STDIN (FORMAT csv, HEADER MATCH)"
as_year 2025 | q -h "$ROOT/fed_b" -p "$PORT_B" -d reports -c "SET client_min_messages = error" \
	-c "COPY govdisclose.report FROM STDIN (FORMAT csv, HEADER MATCH)"
{ as_year 2023; as_year 2025 | tail -n +2; } | q -d gd_t_fed_single -c "SET client_min_messages = error" \
	-c "COPY govdisclose.report FROM STDIN (FORMAT csv, HEADER MATCH)"
check "the national server's own table holds the 2023 report" test \
	"$(national -c "SELECT count(*) FROM ONLY govdisclose.report WHERE year = 2023")" = 1
check "continuity_breaks on the national server finds the breaks 2023 -> 2024 (national -> A) and 2024 -> 2025 (A -> B)" test \
	"$(national -c "SELECT string_agg(DISTINCT year::text, ' ') FROM govdisclose.continuity_breaks")" = "2024 2025"
same_results "with national rows and breaks across servers"

# The limit docs/FEDERATION.md states: validate(r) compares a report with the
# year before stored in the national server's own table only (its index),
# not with the provinces' rows.  The single server sees both breaks; the
# national server the one whose year before (2023) it stores itself.
continuity='SELECT string_agg(DISTINCT r.year::text, '"' '"') FROM govdisclose.report r, govdisclose.validate(r) v WHERE v.rule = '"'continuity'"
check "limit: validate(r)'s continuity on the single server: 2024 and 2025" \
	test "$(q -d gd_t_fed_single -c "$continuity")" = "2024 2025"
check "limit: validate(r)'s continuity on the national server: 2024 only (2025's year before is on province A)" \
	test "$(national -c "$continuity")" = "2024"

# Pushed down: an aggregate with share() over one foreign table runs remotely.
plan=$(national -c "EXPLAIN (VERBOSE, COSTS OFF)
	SELECT sum(handled_total__total), govdisclose.share(sum(disclosed__total) + sum(partially_disclosed__total), sum(handled_total__total))
	FROM prov_a.report WHERE year >= 2023")
check "EXPLAIN VERBOSE: the aggregate over prov_a.report is a foreign scan" grep -q 'Relations: Aggregate on (prov_a.report)' <<< "$plan"
check "EXPLAIN VERBOSE: the Remote SQL computes sum() and govdisclose.share() on province A" \
	grep -qE '^ *Remote SQL: SELECT sum\(handled_total__total\), govdisclose\.share\(\(sum\(disclosed__total\) \+ sum\(partially_disclosed__total\)\), sum\(handled_total__total\), 2\) FROM govdisclose\.report WHERE \(\(year >= 2023\)\)$' <<< "$plan"
check "the pushed-down aggregate's figures: 3 reports' 1,221 handled, 45.21" test \
	"$(national -c "SELECT count(*), sum(handled_total__total), govdisclose.share(sum(disclosed__total) + sum(partially_disclosed__total), sum(handled_total__total))
	                FROM prov_a.report WHERE year >= 2023")" = "3|1221|45.21"

# Writes through a foreign table are checked by the provincial server's
# trigger, with that server's govdisclose.on_violation (error): the
# national session's warning mode does not travel.
set_cell handled_total__total 483 '某测试局' > "$tmp/broken.csv"
out=$(psql -X -q -d gd_t_fed_national -v VERBOSITY=verbose -c "SET govdisclose.on_violation = warning" \
	-c "COPY prov_a.report FROM STDIN (FORMAT csv, HEADER MATCH)" < "$tmp/broken.csv" 2>&1)
check "a broken report written through prov_a.report is refused by province A: 23514" grep -q '^ERROR:  23514: report of "某测试局" for 2024 violates 3 govdisclose rules' <<< "$out"
check "and is not stored" test "$(national -c "SELECT count(*) FROM govdisclose.report WHERE agency = '某测试局'")" = 0

# Two servers numbering from the same id: the copy keeps the first agency
# under it, and the guide's check lists the other.
q -h "$ROOT/fed_a" -p "$PORT_A" -d reports -c "ALTER SEQUENCE govdisclose.agency_id_seq RESTART WITH 350000000" \
	-c "SET client_min_messages = error" -c "INSERT INTO govdisclose.report (agency, year, region_code) VALUES ('上海市某测试委员会', 2024, '310000')"
copy_agencies
check "an id two servers gave to different agencies is listed by the guide's check" test \
	"$(national -c "SELECT p.server || ' ' || p.id || ' ' || p.name || ' ' || a.name
	                FROM (SELECT 'prov_a' AS server, id, name FROM prov_a.agency WHERE source <> 'gb2260'
	                      UNION ALL
	                      SELECT 'prov_b', id, name FROM prov_b.agency WHERE source <> 'gb2260') p
	                JOIN govdisclose.agency a ON a.id = p.id
	                WHERE a.name <> p.name")" = "prov_a 350000000 上海市某测试委员会 平潭综合实验区（管委会办公室汇总全区）"

# Version skew: a composite value crosses as text read by position.  A
# province whose doc_counts has gained a field (as a later release may
# append one) sends four fields; the national server's three-field type
# refuses the value instead of shifting it.
q -h "$ROOT/fed_b" -p "$PORT_B" -d reports -c "ALTER TYPE govdisclose.doc_counts ADD ATTRIBUTE later int4" \
	-c "CREATE VIEW public.rules AS SELECT agency, year, (govdisclose.proactive(r)).rules FROM govdisclose.report r"
national -c "CREATE FOREIGN TABLE prov_b.rules (agency text, year int4, rules govdisclose.doc_counts)
             SERVER prov_b OPTIONS (schema_name 'public', table_name 'rules')"
out=$(national -c "SELECT * FROM prov_b.rules" 2>&1)
check "a composite with a field appended on the remote is refused (malformed record literal: too many columns), not shifted" \
	grep -qE 'ERROR:  malformed record literal: "\([0-9]+,[0-9]+,[0-9]+,\)"' <<< "$out"
