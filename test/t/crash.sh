#!/usr/bin/env bash
# kill -9 of a backend in the middle of a COPY in quarantine mode: after
# crash recovery no report of it is stored, no row of it quarantined (one
# transaction), the table and its key pass amcheck, and loading works again.
source "$(dirname "$0")/lib.bash"
fresh_db gd_t_crash
tmp=$(mktemp -d)
awk -F, -v OFS=, 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; print; next }
	{ $col["agency_id"] = ""	# resolved from each name
	  for (n = 1; n <= 100000; n++) { $1 = sprintf("崩溃%05d", n); if (n % 14 == 0) $col["review__total"] = 23; else $col["review__total"] = 22; print } }' \
	"$FIXTURE" > "$tmp/load.csv"
q -c "CREATE EXTENSION IF NOT EXISTS amcheck"
q -c "COPY govdisclose.report FROM STDIN (FORMAT csv, HEADER MATCH)" < <(head -n 2 "$tmp/load.csv" | sed '2s/^崩溃00001,/崩溃前,/') >/dev/null 2>&1

PGAPPNAME=gd_t_crash psql -X -q -c "SET govdisclose.on_violation = 'quarantine'" -c "SET client_min_messages = error" \
	-c "COPY govdisclose.report FROM STDIN (FORMAT csv, HEADER MATCH)" < "$tmp/load.csv" > "$tmp/copy.out" 2>&1 &
job=$!
pid=
for _ in $(seq 100); do
	pid=$(q -d postgres -c "SELECT pid FROM pg_stat_activity WHERE application_name = 'gd_t_crash' AND state = 'active'")
	[ -n "$pid" ] && break
	sleep 0.05
done
done=0
for _ in $(seq 400); do		# well into the COPY: 5,000 rows in
	done=$(q -d postgres -c "SELECT tuples_processed FROM pg_stat_progress_copy WHERE pid = ${pid:-0}")
	[ "${done:-0}" -ge 5000 ] && break
	sleep 0.02
done
check "a loading backend was found (pid ${pid:-none})" test -n "$pid"
[ -n "$pid" ] && kill -9 "$pid"
check "it was killed in the middle of its COPY (after ${done:-0} of 100,000 rows)" test "${done:-0}" -ge 5000 -a "${done:-0}" -lt 100000
wait $job
for _ in $(seq 120); do
	pg_isready -q && q -c "SELECT 1" >/dev/null 2>&1 && break
	sleep 0.5
done
check "the server recovered from the crash" test "$(q -c "SELECT 1")" = 1
check "no report of the killed COPY is stored (only the one before: $(q -c "SELECT count(*) FROM govdisclose.report"))" \
	test "$(q -c "SELECT string_agg(agency, ',') FROM govdisclose.report")" = 崩溃前
check "no row of it is quarantined" test "$(q -c "SELECT count(*) FROM govdisclose.rejected")" = 0
check "amcheck: the table's heap is clean" test "$(q -c "SELECT count(*) FROM verify_heapam('govdisclose.report')")" = 0
check "amcheck: its primary key is clean, every row in it (heapallindexed)" \
	test "$(q -c "SELECT count(*) FROM (SELECT bt_index_check('govdisclose.report_pkey', true)) c")" = 1
check "amcheck: rejected is clean" test "$(q -c "SELECT count(*) FROM verify_heapam('govdisclose.rejected')")" = 0
q -c "SET govdisclose.on_violation = 'quarantine'" -c "SET client_min_messages = error" \
	-c "COPY govdisclose.report FROM STDIN (FORMAT csv, HEADER MATCH)" < "$tmp/load.csv"
check "the same COPY then runs to the end: stored + quarantined = 100,000 + 1" test "$(q -c "
	SELECT (SELECT count(*) FROM govdisclose.report) + (SELECT count(*) FROM govdisclose.rejected)")" = 100001
check "... and the key is clean" test "$(q -c "SELECT count(*) FROM (SELECT bt_index_check('govdisclose.report_pkey', true)) c")" = 1

rm -rf "$tmp"
drop_db gd_t_crash
