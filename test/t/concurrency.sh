#!/usr/bin/env bash
# Writes of the same agency from concurrent sessions: continuity is checked
# across them (one of the two always warns), duplicates between them are
# quarantined, and loaders writing the same agencies in opposite orders do
# not deadlock.  4 concurrent loaders in quarantine mode store + quarantine
# exactly the lines of their files.
source "$(dirname "$0")/lib.bash"
fresh_db gd_t_concurrency
tmp=$(mktemp -d)

# A report with only the continuity cells: 2023 carries 20 forward, 2024
# says 18 were carried over: they do not continue each other.
row() {	# row AGENCY YEAR CARRIED_OVER CARRIED_FORWARD
	echo "INSERT INTO govdisclose.report (agency, year, carried_over__total, carried_forward__total) VALUES ('$1', $2, $3, $4);"
}

# Session A writes 2023 and keeps its transaction open; session B writes
# 2024 meanwhile; A commits.  Before: neither saw the other (no warning).
pair() {	# pair AGENCY FIRST_YEAR -> the warnings of both sessions in $tmp/a.out, $tmp/b.out
	local a=$1 first=$2 second
	second=$((first == 2023 ? 2024 : 2023))
	{
		echo "BEGIN;"
		if [ "$first" = 2023 ]; then row "$a" 2023 5 20; else row "$a" 2024 18 7; fi
		echo "SELECT pg_sleep(1.5);"
		echo "COMMIT;"
	} | psql -X -q > "$tmp/a.out" 2>&1 &
	local pid=$!
	sleep 0.5
	if [ "$second" = 2023 ]; then row "$a" 2023 5 20; else row "$a" 2024 18 7; fi | psql -X -q > "$tmp/b.out" 2>&1
	wait $pid
}
pair 并发甲 2023
check "two sessions writing 2023 and 2024 of one agency at once: a continuity warning (2023 first)" \
	grep -q 'does not continue the report for 2023' "$tmp/a.out" "$tmp/b.out"
pair 并发乙 2024
check "... and with 2024 written first" grep -q 'does not continue the report for 2023' "$tmp/a.out" "$tmp/b.out"
check "both years of both agencies are stored" test "$(q -c "SELECT count(*) FROM govdisclose.report WHERE agency LIKE '并发%'")" = 4

# The same report written by two sessions at once in quarantine mode: the
# second waits for the first and, once it commits, quarantines its row as a
# duplicate instead of failing.
{
	echo "SET govdisclose.on_violation = 'quarantine'; BEGIN;"
	row 并发丙 2024 0 0
	echo "SELECT pg_sleep(1.5); COMMIT;"
} | psql -X -q > "$tmp/a.out" 2>&1 &
pid=$!
sleep 0.5
{ echo "SET govdisclose.on_violation = 'quarantine';"; row 并发丙 2024 0 0; } | psql -X -q > "$tmp/b.out" 2>&1
rc=$?
wait $pid
check "a duplicate only the other session's commit reveals is quarantined in quarantine mode (exit $rc)" \
	test "$rc" = 0 -a "$(q -c "SELECT count(*) FROM govdisclose.rejected WHERE agency = '并发丙' AND violations @> '[{\"rule\": \"duplicate\"}]'")" = 1

# Two loaders, the same 300 agencies in opposite orders, years 2023 and 2024:
# no deadlock, every report stored.
awk -F, -v OFS=, 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; print > (dir "/up.csv"); print > (dir "/down.csv"); next }
	{ $col["agency_id"] = ""	# resolved from each name
	  for (n = 1; n <= 300; n++) { $1 = sprintf("交错%03d", n); $2 = 2023; print > (dir "/up.csv")
	                               $1 = sprintf("交错%03d", 301 - n); $2 = 2024; print > (dir "/down.csv") } }' \
	dir="$tmp" "$FIXTURE"
for f in up down; do
	q -c "SET client_min_messages = error" -c "COPY govdisclose.report FROM STDIN (FORMAT csv, HEADER MATCH)" \
		< "$tmp/$f.csv" > "$tmp/$f.out" 2>&1 &
done
wait
check "two COPYs of the same agencies in opposite orders: no deadlock, no error" \
	test ! -s "$tmp/up.out" -a ! -s "$tmp/down.out"
check "... and all 600 reports stored" test "$(q -c "SELECT count(*) FROM govdisclose.report WHERE agency LIKE '交错%'")" = 600

# 4 loaders at once in quarantine mode, 1,500 reports each, 7% broken, and
# 50 reports of each file also in the next file: stored + quarantined = lines.
awk -F, -v OFS=, -v dir="$tmp" '
	NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; for (f = 1; f <= 4; f++) print > (dir "/load" f ".csv"); next }
	{
		line = $0
		for (f = 1; f <= 4; f++)
			for (n = 1; n <= 1500; n++) {
				$0 = line
				k = (f - 1) * 1450 + n		# the last 50 of a file are the first 50 of the next
				$1 = sprintf("装载%05d", k)
				$col["agency_id"] = ""	# resolved from each name
				if (k % 14 == 0) $col["review__total"] = 23		# appeal_total
				print > (dir "/load" f ".csv")
			}
	}' "$FIXTURE"
lines=$(cat "$tmp"/load?.csv | grep -vc '^agency,')
for f in 1 2 3 4; do
	q -c "SET govdisclose.on_violation = 'quarantine'" -c "SET client_min_messages = error" \
		-c "COPY govdisclose.report FROM STDIN (FORMAT csv, HEADER MATCH)" < "$tmp/load$f.csv" > "$tmp/load$f.out" 2>&1 &
done
wait
check "4 concurrent loaders in quarantine mode ran without error" \
	test ! -s "$tmp/load1.out" -a ! -s "$tmp/load2.out" -a ! -s "$tmp/load3.out" -a ! -s "$tmp/load4.out"
stored=$(q -c "SELECT count(*) FROM govdisclose.report WHERE agency LIKE '装载%'")
quarantined=$(q -c "SELECT count(*) FROM govdisclose.rejected WHERE agency LIKE '装载%'")
check "stored + quarantined = $lines lines (stored $stored, quarantined $quarantined)" test $((stored + quarantined)) = "$lines"
check "stored: every report once, none broken (5,850 agencies less the 417 broken)" test "$stored" = $((5850 - 5850 / 14))
# 428 broken lines (417 agencies, 11 of them in two files); 150 second
# copies, 11 of which broken: 139 duplicates of a stored report
check "quarantined: 139 duplicates, 428 broken" test "$(q -c "
	SELECT count(*) FILTER (WHERE violations @> '[{\"rule\": \"duplicate\"}]') || ' ' ||
	       count(*) FILTER (WHERE violations @> '[{\"rule\": \"appeal_total\"}]')
	FROM govdisclose.rejected WHERE agency LIKE '装载%'")" = "139 428"

rm -rf "$tmp"
drop_db gd_t_concurrency
