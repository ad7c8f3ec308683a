#!/usr/bin/env bash
# A first bulk load keeps the backend's own memory bounded: a COPY of
# 200,000 reports into the empty table (error mode, then quarantine mode
# with 7% broken) stays under 60 MB of private memory (RssAnon), where
# keeping every row's neighbours took about 600 bytes a row (120 MB here).
# make bench measures 1,000,000 (docs/BENCHMARKS.md).
source "$(dirname "$0")/lib.bash"
fresh_db gd_t_memory
tmp=$(mktemp -d)
N=200000
make -s bench/gen_reports
bench/gen_reports --n=$N -o "$tmp/clean.csv"
bench/gen_reports --n=$N --broken=0.07 -o "$tmp/broken.csv"

copy() {	# copy FILE [SQL before]
	test/peak-memory.sh gd_t_memory psql -X -q -v ON_ERROR_STOP=1 -c "SET client_min_messages = error" ${2:+-c "$2"} \
		-c "COPY govdisclose.report FROM STDIN (FORMAT csv, HEADER)" < "$1"
}
kb=$(copy "$tmp/clean.csv")
check "COPY of $N reports into the empty table stored them all" test "$(q -c "SELECT count(*) FROM govdisclose.report")" = $N
check "... with the backend's own memory at most 60 MB (peak RssAnon $((kb / 1024)) MB)" test "$kb" -gt 0 -a "$kb" -lt $((60 * 1024))
q -c "TRUNCATE govdisclose.report"
kb=$(copy "$tmp/broken.csv" "SET govdisclose.on_violation = 'quarantine'")
check "COPY of $N reports, 7% broken, in quarantine mode: stored + quarantined = $N" \
	test "$(q -c "SELECT (SELECT count(*) FROM govdisclose.report) + (SELECT count(*) FROM govdisclose.rejected)")" = $N
check "... with the backend's own memory at most 60 MB (peak RssAnon $((kb / 1024)) MB)" test "$kb" -gt 0 -a "$kb" -lt $((60 * 1024))

# The registry's index holds the registered agencies while it takes at most
# govdisclose.agency_index_memory; beyond, each name looks them up by key.
# With 16 MB, the 182,000 agencies of a first load no longer fit: memory
# stays lower, and every report still gets its one agency.
fresh_db gd_t_memory
kb=$(copy "$tmp/clean.csv" "SET govdisclose.agency_index_memory = '16MB'")
check "with agency_index_memory 16 MB: the COPY of $N reports stored them all" \
	test "$(q -c "SELECT count(*) FROM govdisclose.report")" = $N
check "... with the backend's own memory at most 40 MB (peak RssAnon $((kb / 1024)) MB)" test "$kb" -gt 0 -a "$kb" -lt $((40 * 1024))
check "... one agency registered a name, each report keyed to the agency of its name" test \
	"$(q -c "SELECT (SELECT count(DISTINCT agency) FROM govdisclose.report) = (SELECT count(*) FROM govdisclose.agency WHERE source = 'seen')
	         AND (SELECT count(*) FROM govdisclose.report r JOIN govdisclose.agency a ON a.id = r.agency_id AND a.name = r.agency) = $N")" = t
check "... and an agency's second year found its first (one id for the two)" test \
	"$(q -c "SELECT count(*) FROM (SELECT agency FROM govdisclose.report GROUP BY agency HAVING count(DISTINCT agency_id) > 1) x")" = 0

rm -rf "$tmp"
drop_db gd_t_memory
