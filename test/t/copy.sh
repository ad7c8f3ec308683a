#!/usr/bin/env bash
# The Jinshan CSV loads with COPY ... HEADER MATCH, gives docs/domain.md §7's numbers,
# and goes out again byte for byte.
source "$(dirname "$0")/lib.bash"
fresh_db gd_t_copy
tmp=$(mktemp -d)

check "the fixture loads with COPY FROM STDIN (FORMAT csv, HEADER MATCH)" \
	q -c "COPY govdisclose.report FROM STDIN (FORMAT csv, HEADER MATCH)" < "$FIXTURE"
check "its disclosure rate is 31.74" \
	test "$(q -c "SELECT govdisclose.disclosure_rate(govdisclose.requests(r)) FROM govdisclose.report r")" = 31.74
check "outcome_shares(r.requests, 'plug_last') gives 31.53 for other" \
	test "$(q -c "SET search_path = public, govdisclose" \
		-c "SELECT s.percent FROM report r, outcome_shares(r.requests, 'plug_last') s WHERE s.group_code = 'other'")" = 31.53
q -c "COPY govdisclose.report TO STDOUT (FORMAT csv, HEADER)" > "$tmp/out.csv"
check "COPY TO writes the file back byte for byte" cmp -s "$FIXTURE" "$tmp/out.csv"

# a typo: 482 printed as 483 in 三(七) 总计
set_cell handled_total__total 483 > "$tmp/typo.csv"
q -c "TRUNCATE govdisclose.report"
out=$(psql -X -q -v VERBOSITY=verbose -c "\\set VERBOSITY verbose" \
	-c "COPY govdisclose.report FROM STDIN (FORMAT csv, HEADER MATCH)" < "$tmp/typo.csv" 2>&1)
check "the typo is refused with SQLSTATE 23514" grep -q "ERROR:  23514:" <<< "$out"
check "the detail names handled_total and total with their Chinese labels" \
	grep -q "row handled_total「三(七) 总计」, column total「总计」: expected 482 (the sum of rows" <<< "$out"
check "the detail lists the balance violation too" grep -q "^balance: 三 requests, column total「总计」" <<< "$out"
check "the error names the table and the rule family as constraint" \
	grep -q "CONSTRAINT NAME:  row_total" <<< "$out"
check "the error names the COPY line" grep -q "COPY report, line 2" <<< "$out"
check "nothing was stored" test "$(q -c "SELECT count(*) FROM govdisclose.report")" = 0

rm -rf "$tmp"
drop_db gd_t_copy
