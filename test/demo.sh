#!/usr/bin/env bash
# test/demo.sh — `make demo`: the Jinshan 2024 report end to end.
#
# Installs what is missing, builds and installs govdisclose, starts (or
# reuses) a local PostgreSQL 15 cluster and leaves it running, loads the
# fixture with COPY, prints its validation, disclosure rate and outcome
# shares, loads the same report with one typo and shows the error, then
# reads the report from its published text with govdisclose-import: the
# same agency under another spelling, so a duplicate (docs/domain.md §12).
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${GD_DEMO_PORT:-54328}
DB=govdisclose_demo
FIXTURE=test/data/jinshan-2024.csv

if [ -t 1 ]; then
	say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
else
	say() { printf '\n== %s\n' "$*"; }
fi

test/setup.sh deps
test/setup.sh install
connect=$(test/setup.sh start demo "$PORT")
eval "$(test/setup.sh env demo "$PORT")"
export PGDATABASE=$DB

psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB" 2>/dev/null
psql -X -q -c "CREATE EXTENSION govdisclose" \
	-c "ALTER DATABASE $DB SET search_path = govdisclose, public"

say "Load 上海市金山区 2024 (test/data/jinshan-2024.csv) with COPY"
echo "COPY govdisclose.report FROM STDIN (FORMAT csv, HEADER MATCH);"
psql -X -q -c "COPY govdisclose.report FROM STDIN (FORMAT csv, HEADER MATCH)" < "$FIXTURE"

say "Validation: no error-severity violation; the cells the report does not print are 'missing' warnings"
psql -X -c "SELECT v.rule, v.severity, v.section, v.row_code, v.message FROM report r, validate(r) v"

say "Disclosure rate (予以公开 + 部分公开) / 三(七) 总计"
psql -X -c "SELECT agency, year, disclosure_rate(r.requests) FROM report r"

say "Outcome shares by the three rounding methods (the report's narrative used plug_last)"
psql -X -c "SELECT h.group_code, h.label_zh, h.count,
       h.percent AS half_up, l.percent AS largest_remainder, p.percent AS plug_last
FROM report r
CROSS JOIN LATERAL outcome_shares(r.requests, 'half_up') h
JOIN LATERAL outcome_shares(r.requests, 'largest_remainder') l USING (group_code)
JOIN LATERAL outcome_shares(r.requests, 'plug_last') p USING (group_code)
JOIN outcome_groups g ON g.code = h.group_code
ORDER BY g.position"

say "The same report with one typo (三(七) 总计 482 printed as 483) is refused"
awk -F, -v OFS=, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "handled_total__total") c = i; print; next }
	{ $c = 483; print }' "$FIXTURE" > "/tmp/govdisclose-demo-typo.csv"
psql -X -q -c "TRUNCATE govdisclose.report"
psql -X -q -c "COPY govdisclose.report FROM STDIN (FORMAT csv, HEADER MATCH)" < /tmp/govdisclose-demo-typo.csv 2>&1 || true
rm -f /tmp/govdisclose-demo-typo.csv
psql -X -q -c "COPY govdisclose.report FROM STDIN (FORMAT csv, HEADER MATCH)" < "$FIXTURE" 2>/dev/null

say "The same report read from its published text (test/data/parse/jinshan-2024.txt) by govdisclose-import"
echo "Its title names 「上海市金山区」, the CSV 「上海市金山区人民政府」: one agency (agency_id 310116, docs/domain.md §12),"
echo "so the second is the same agency's duplicate, quarantined (in error mode it is refused)."
echo "govdisclose-import test/data/parse/jinshan-2024.txt | PGOPTIONS='-c govdisclose.on_violation=quarantine' psql -c \"COPY govdisclose.report FROM STDIN (FORMAT csv, HEADER MATCH)\""
"$(/usr/lib/postgresql/15/bin/pg_config --bindir)/govdisclose-import" test/data/parse/jinshan-2024.txt |
	PGOPTIONS='-c govdisclose.on_violation=quarantine' psql -X -q -c "COPY govdisclose.report FROM STDIN (FORMAT csv, HEADER MATCH)"
psql -X -c "SELECT agency, agency_id, year, template, disclosure_rate(r), is_valid(r) FROM report r ORDER BY agency"
psql -X -c "SELECT agency, year, v->>'rule' AS rule FROM govdisclose.rejected, jsonb_array_elements(violations) v WHERE v->>'severity' = 'error'"

say "Reports as people have them: a PDF, crawler text with cells run together, converter markdown"
echo "govdisclose-import hongze-2023.pdf pingtan-2021.crawl.txt pingtan-2022.crawl.txt shuyang-county-2025.md | PGOPTIONS='-c govdisclose.on_violation=quarantine' psql -c \"COPY ...\""
"$(/usr/lib/postgresql/15/bin/pg_config --bindir)/govdisclose-import" -q \
	test/data/corpus/hongze-2023.pdf test/data/corpus/pingtan-2021.crawl.txt \
	test/data/corpus/pingtan-2022.crawl.txt test/data/corpus/shuyang-county-2025.md |
	PGOPTIONS='-c govdisclose.on_violation=quarantine' psql -X -q -c "SET client_min_messages = error" \
		-c "COPY govdisclose.report FROM STDIN (FORMAT csv, HEADER MATCH)"
psql -X -c "SELECT r.agency, r.agency_id, a.name AS agency_name, r.year, (r.requests).new_received, disclosure_rate(r)
FROM report r LEFT JOIN agency a ON a.id = r.agency_id
WHERE r.agency_id <> 310116 ORDER BY r.agency, r.year"
echo "Quarantined, because the report itself prints 行政复议 10+1+0+0 with 总计 0:"
psql -X -c "SELECT agency, year, v->>'rule' AS rule, v->>'message' AS message FROM govdisclose.rejected, jsonb_array_elements(violations) v
WHERE agency <> '上海市金山区' AND v->>'severity' = 'error'"

say "The cluster keeps running, with the reports loaded. Connect with:"
echo "$connect -d $DB"
echo "(stop it with: test/setup.sh stop demo)"
