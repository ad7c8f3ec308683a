#!/usr/bin/env bash
# In quarantine mode, a CSV of 100 reports of which 7 break a rule leaves 93
# rows in report and 7 in rejected, whatever the rule.
source "$(dirname "$0")/lib.bash"
fresh_db gd_t_quarantine
tmp=$(mktemp -d)

# 100 copies of the fixture under different names (agency_id blank: each
# name is resolved, here registered); 7 broken, one per way
awk -F, -v OFS=, '
	NR == 1 { print; for (i = 1; i <= NF; i++) col[$i] = i; next }
	{
		for (n = 1; n <= 100; n++) {
			split($0, f, ","); line = $0
			$0 = line; $1 = sprintf("机关%03d", n); $col["agency_id"] = ""
			if (n == 5)  $col["handled_total__total"] = 483          # row_total, handled_total, balance
			if (n == 17) $col["disclosed__natural_person"] = 130     # row_total, handled_total
			if (n == 30) $col["carried_forward__total"] = 154        # row_total, balance
			if (n == 44) $col["review__total"] = 23                  # appeal_total
			if (n == 58) $col["licensing"] = -1                      # nonnegative
			if (n == 71) $col["suit_direct__pending"] = 1            # appeal_total
			if (n == 99) $col["rejected_repeated__other_org"] = 1    # row_total, handled_total, balance
			print
			$0 = line
		}
	}' "$FIXTURE" > "$tmp/100.csv"

check "the file has 100 reports" test "$(($(wc -l < "$tmp/100.csv") - 1))" = 100
q -c "SET govdisclose.on_violation = 'quarantine'" \
	-c "SET client_min_messages = error" \
	-c "COPY govdisclose.report FROM STDIN (FORMAT csv, HEADER MATCH)" < "$tmp/100.csv"
check "the COPY ran to the end in quarantine mode" test $? = 0
stored=$(q -c "SELECT count(*) FROM govdisclose.report")
rejected=$(q -c "SELECT count(*) FROM govdisclose.rejected")
check "93 reports stored (got $stored)" test "$stored" = 93
check "7 reports quarantined (got $rejected)" test "$rejected" = 7
check "the quarantined ones are the broken ones" test "$(q -c \
	"SELECT string_agg(agency, ',' ORDER BY agency) FROM govdisclose.rejected")" = "机关005,机关017,机关030,机关044,机关058,机关071,机关099"
check "every stored report is valid" test "$(q -c \
	"SELECT count(*) FROM govdisclose.report r WHERE NOT govdisclose.is_valid(r)")" = 0
check "every quarantined row is whole and still invalid" test "$(q -c \
	"SELECT count(*) FROM govdisclose.rejected j WHERE NOT govdisclose.is_valid(jsonb_populate_record(NULL::govdisclose.report, j.row_data))")" = 7

# Duplicates in quarantine mode: already stored, or repeated in the file,
# they are quarantined with rule duplicate and the COPY runs on.
{
	head -n 1 "$tmp/100.csv"
	sed -n '2,5p;7p' "$tmp/100.csv"				# 机关001..004, 006: stored already
	for a in 新机关1 新机关1 新机关2 新机关2 新机关3; do	# two repeated in the file
		sed -n 2p "$tmp/100.csv" | sed "s/^机关001,/$a,/"
	done
} > "$tmp/dups.csv"
q -c "SET govdisclose.on_violation = 'quarantine'" -c "SET client_min_messages = error" \
	-c "COPY govdisclose.report FROM STDIN (FORMAT csv, HEADER MATCH)" < "$tmp/dups.csv"
check "a COPY with duplicates runs to the end in quarantine mode" test $? = 0
check "its 3 new reports are stored (96 in all)" test "$(q -c "SELECT count(*) FROM govdisclose.report")" = 96
check "its 7 duplicates are quarantined with rule duplicate (5 stored before, 2 repeated in the file)" test "$(q -c "
	SELECT count(*) FROM govdisclose.rejected WHERE violations @> '[{\"rule\": \"duplicate\"}]'")" = 7
check "stored + quarantined = the lines of both files (110)" test "$(q -c "
	SELECT (SELECT count(*) FROM govdisclose.report) + (SELECT count(*) FROM govdisclose.rejected)")" = 110
q -c "SET client_min_messages = error" -c "COPY govdisclose.report FROM STDIN (FORMAT csv, HEADER MATCH)" < "$tmp/dups.csv" > "$tmp/err" 2>&1
check "in error mode the same COPY is a unique violation naming the agency and the year" \
	grep -q 'ERROR:  report of "机关001" for 2024 is already stored' "$tmp/err"
q -c "DELETE FROM govdisclose.report WHERE agency LIKE '新机关%'" \
	-c "DELETE FROM govdisclose.rejected WHERE violations @> '[{\"rule\": \"duplicate\"}]'"

# pg_dump keeps the rows of both tables (pg_extension_config_dump)
pg_dump -d gd_t_quarantine -f "$tmp/dump.sql"
empty_db gd_t_quarantine_restored
PGOPTIONS="-c client_min_messages=error" psql -X -q -v ON_ERROR_STOP=1 -d gd_t_quarantine_restored -f "$tmp/dump.sql" >/dev/null 2>&1
check "pg_dump and restore keep the 93 reports" test "$(q -d gd_t_quarantine_restored -c "SELECT count(*) FROM govdisclose.report")" = 93
check "pg_dump and restore keep the 7 rejected rows" test "$(q -d gd_t_quarantine_restored -c "SELECT count(*) FROM govdisclose.rejected")" = 7

# A row stored in warning mode breaks a rule; restoring it needs the same mode.
q -c "SET govdisclose.on_violation = 'warning'" -c "SET client_min_messages = error" \
	-c "UPDATE govdisclose.report SET review__total = 99 WHERE agency = '机关001'"
pg_dump -d gd_t_quarantine -f "$tmp/dump2.sql"
empty_db gd_t_quarantine_restored
psql -X -q -d gd_t_quarantine_restored -f "$tmp/dump2.sql" >/dev/null 2>&1
check "a restore in error mode refuses the invalid row stored in warning mode" \
	test "$(q -d gd_t_quarantine_restored -c "SELECT count(*) FROM govdisclose.report")" = 0
empty_db gd_t_quarantine_restored
PGOPTIONS="-c govdisclose.on_violation=warning -c client_min_messages=error" \
	psql -X -q -v ON_ERROR_STOP=1 -d gd_t_quarantine_restored -f "$tmp/dump2.sql" >/dev/null 2>&1
check "a restore with PGOPTIONS='-c govdisclose.on_violation=warning' keeps all 93" \
	test "$(q -d gd_t_quarantine_restored -c "SELECT count(*) FROM govdisclose.report")" = 93

rm -rf "$tmp"
drop_db gd_t_quarantine
drop_db gd_t_quarantine_restored
