#!/usr/bin/env bash
# bench/run.sh — the govdisclose benchmarks; `make bench` runs it.  Not part of
# `make test`, and it asserts nothing: it prints times.  See docs/BENCHMARKS.md.
#
#   bench/run.sh [--rounds N] [--n N] [--memory-n N] [--bi-n N] [--profile [VARIANT]]
#   bench/run.sh --readers        # only the readers part below (no server)
#
# Starts its own throwaway cluster (test/setup.sh start bench 54331), creates
# a fresh database with the installed extension (it neither builds nor
# installs it), generates N (100000) synthetic reports once
# (bench/gen_reports.c), and measures, in ROUNDS (7) rounds that each run
# every variant once (the order rotated by one each round), the median wall
# time of
#   loading:    a0 a1 a2 a3 a4 a5 a6 b bp(b') bt c d  (COPY of N reports; ratios to b)
#   memory:     the backend's own memory (RssAnon) during a COPY of MEMORY_N
#               (1000000) reports into the empty table, error and quarantine mode
#   agency index: the registry as a new session reads it (time, memory)
#   validation: is_valid() / validate() vs the same checks in PL/pgSQL
#   analysis:   disclosure_rate() / outcome_shares() vs plain SQL
#   long views: request_cells vs a hand-written unpivot (LATERAL VALUES)
#   BI at scale: report_summary and the roll-ups over BI_N (1000000) stored
#               reports, 3 rounds (issue 8 states its targets on a million)
#   import:     the report text parser and narrative checks, MB/s (no server)
#   readers:    each form a report arrives in (HTML, GBK, markdown, crawler
#               text) read and parsed, MB/s; the reassembly's worst case, ms;
#               govdisclose-import on 100 and 1,000 files, peak RSS and wall
#               time (bench/bench_readers.c; no server)
# each statement timed by clock_timestamp() inside one server session
# (bench_ms() in bench/setup.sql).  The variants are listed in
# docs/BENCHMARKS.md.
#
# --profile [VARIANT] measures nothing: it runs VARIANT (default a0) once
# under `perf record -g -p <backend pid>` and prints the top symbols.
#
# Environment: GD_BENCH_PORT (54331), GD_BENCH_SEED (20240101), GD_BENCH_OUT
# (raw results and perf data; default /tmp/gd-bench-out).
# Run as root (the cluster runs as postgres) or as the cluster's owner.
set -euo pipefail
cd "$(dirname "$0")/.."

NAME=bench
PORT=${GD_BENCH_PORT:-54331}
SEED=${GD_BENCH_SEED:-20240101}
N=100000
MEMORY_N=1000000
BI_N=1000000
BI_ROUNDS=3
ROUNDS=7
PROFILE=
READERS_ONLY=0
DB=gd_bench

while [ $# -gt 0 ]; do
	case "$1" in
		--rounds) ROUNDS=$2; shift 2 ;;
		--n) N=$2; shift 2 ;;
		--memory-n) MEMORY_N=$2; shift 2 ;;
		--bi-n) BI_N=$2; shift 2 ;;
		--profile)
			PROFILE=a0
			if [ $# -gt 1 ] && [[ "$2" != --* ]]; then PROFILE=$2; shift; fi
			shift ;;
		--readers) READERS_ONLY=1; shift ;;
		*) sed -n '2,30p' "$0"; exit 2 ;;
	esac
done

WORK=$(mktemp -d /tmp/gd-bench.XXXXXX)
chmod 755 "$WORK"		# the server reads the CSV files (server-side COPY)
OUT=${GD_BENCH_OUT:-/tmp/gd-bench-out}
mkdir -p "$OUT"
started=0
cleanup() {
	[ "$started" = 1 ] && test/setup.sh stop $NAME
	rm -rf "$WORK"
}
trap cleanup EXIT

# ---- readers: no server (bench/bench_readers.c, govdisclose-import) ----
# Builds the benchmark programs and the importer from this source tree
# (make bench-bins), so it measures the tree, not an installed build.
readers() {
	make -s bench-bins
	echo
	echo "readers and reassembly (ratio: time per byte over a pass that only splits lines and decodes UTF-8)"
	echo "load average $(cut -d' ' -f1-3 /proc/loadavg) at the start (the machine has $(nproc) CPUs)"
	bench/bench_readers test/data
	bench/bench_readers --worst-text test/data > "$WORK/worst-case.txt"
	if command -v valgrind >/dev/null; then
		# Instructions per report (callgrind): 3 runs minus 1, halved, so
		# start-up and libxml2's initialisation are not counted.
		echo "instructions per report, read + parse (valgrind --tool=callgrind; the same on any load)"
		local f
		for f in test/data/parse/jinshan-2024.txt test/data/forms/jinshan-2024.html \
			test/data/forms/jinshan-2024.gbk.html test/data/forms/jinshan-2024.gbk.txt \
			test/data/corpus/shuyang-county-2025.md test/data/corpus/pingtan-2021.crawl.txt \
			"$WORK/worst-case.txt"; do
			local ir1 ir3
			ir1=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null bench/bench_readers --repeat 1 "$f" 2>&1 | sed -n 's/.*refs: *//p' | tr -d ,)
			ir3=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null bench/bench_readers --repeat 3 "$f" 2>&1 | sed -n 's/.*refs: *//p' | tr -d ,)
			printf '  %-56s %14d\n' "${f#"$WORK/"}" $(((ir3 - ir1) / 2))
		done
	fi
	# A batch: copies of the corpus files and the fixture forms, mixed
	# (PDF, HTML, GBK HTML and text, markdown, crawler text, plain text).
	local forms=(test/data/corpus/pingtan-2021.crawl.txt test/data/forms/jinshan-2024.html
		test/data/corpus/shuyang-county-2025.md test/data/forms/jinshan-2024.gbk.txt
		test/data/corpus/hongze-2023.pdf test/data/corpus/pingtan-2022.crawl.txt
		test/data/forms/jinshan-2024.gbk.html test/data/parse/jinshan-2024.txt)
	echo
	echo "govdisclose-import -q DIR: a batch of mixed files (${#forms[@]} forms in turn), peak RSS of the child (fork/exec, wait4)"
	for n in 100 1000; do
		local dir=$WORK/batch-$n
		mkdir -p "$dir"
		for ((i = 0; i < n; i++)); do
			local f=${forms[$((i % ${#forms[@]}))]}
			cp "$f" "$dir/$(printf '%05d' "$i")-$(basename "$f")"
		done
		printf '  %5d files, %4d MB: ' "$n" "$(du -sm "$dir" | cut -f1)"
		bench/bench_readers --rss ./govdisclose-import -q "$dir"
		rm -rf "$dir"
	done
	echo "load average $(cut -d' ' -f1-3 /proc/loadavg) at the end (the machine has $(nproc) CPUs; other work on it skews the numbers)"
}
if [ "$READERS_ONLY" = 1 ]; then
	readers
	exit 0
fi

# ---- machine line ----
cpu=$(sed -n 's/^model name[[:space:]]*:[[:space:]]*//p' /proc/cpuinfo | head -n 1)
pgver=$(/usr/lib/postgresql/15/bin/postgres --version)
echo "machine: nproc=$(nproc), cpu=${cpu:-unknown}, $pgver, $(uname -sr)"
echo "bench: $N reports, $ROUNDS rounds, seed $SEED; load average $(cut -d" " -f1-3 /proc/loadavg) at the start"
SO=$(/usr/lib/postgresql/15/bin/pg_config --pkglibdir)/govdisclose.so
so_id() { echo "$(md5sum < "$SO" | cut -c1-12) $(date -r "$SO" '+%F %T')"; }
SO_AT_START=$(so_id)
echo "extension: $SO md5 $SO_AT_START; source tree at $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"

# ---- data ----
make -s bench/gen_reports
CLEAN=$WORK/clean.csv
BROKEN=$WORK/broken7.csv
# region codes: counties of data/gb2260.csv (all known to govdisclose.region);
# the same reports with region_code NULL (a3) and with an unknown code (a4)
NOREGION=$WORK/noregion.csv
UNKNOWN=$WORK/unknown-region.csv
bench/gen_reports --n="$N" --seed="$SEED" --regions=data/gb2260.csv -o "$CLEAN"
bench/gen_reports --n="$N" --seed="$SEED" --regions=data/gb2260.csv --broken=0.07 -o "$BROKEN"
bench/gen_reports --n="$N" --seed="$SEED" --region-code= -o "$NOREGION" 2>/dev/null
bench/gen_reports --n="$N" --seed="$SEED" --region-code=310199 -o "$UNKNOWN.tmp" 2>/dev/null
# under other names: an agency's region code is part of what identifies it
# (docs/domain.md §12), and these are not the clean file's agencies
sed '2,$ s/^机关/某区机关/' "$UNKNOWN.tmp" > "$UNKNOWN" && rm -f "$UNKNOWN.tmp"
chmod 644 "$CLEAN" "$BROKEN" "$NOREGION" "$UNKNOWN"
# agency identity (docs/domain.md §12): the clean file without agency_id (a6),
# and with 100,000 names the registry does not know (a5; before each round
# their agencies are deleted again)
NOAGENCY=$WORK/no-agency-id.csv
NEWNAMES=$WORK/new-names.csv
cut -d, -f"1-$(($(head -n 1 "$CLEAN" | tr ',' '\n' | wc -l) - 1))" "$CLEAN" > "$NOAGENCY"
sed '2,$ s/^机关/新机关/' "$CLEAN" > "$NEWNAMES"
chmod 644 "$NOAGENCY" "$NEWNAMES"

# ---- cluster and database ----
test/setup.sh start $NAME "$PORT" >/dev/null
started=1
eval "$(test/setup.sh env $NAME "$PORT")"
PSQL=(psql -X -q -v ON_ERROR_STOP=1)
"${PSQL[@]}" -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
export PGDATABASE=$DB
echo "server: $("${PSQL[@]}" -At -c 'SELECT version()')"

"${PSQL[@]}" -f bench/setup.sql >/dev/null

# The file's header must be the table's column list.
cols=$("${PSQL[@]}" -At -c "SELECT string_agg(attname, ',' ORDER BY attnum) FROM pg_attribute
	WHERE attrelid = 'govdisclose.report'::regclass AND attnum > 0 AND NOT attisdropped")
if [ "$cols" != "$(head -n 1 "$CLEAN")" ]; then
	echo "bench: the generated header differs from the columns of govdisclose.report" >&2
	echo "       (src/gd_model.h and the installed extension disagree: reinstall it)" >&2
	exit 1
fi

copy_of() {	# copy_of TABLE FILE -> the statement bench_ms() times
	printf "COPY %s FROM '%s' (FORMAT csv, HEADER)" "$1" "$2"
}

# ---- sanity: the clean file passes enforcement without a warning; the
# broken one breaks exactly one rule in 7% of its reports ----
"${PSQL[@]}" -At <<-SQL
	SET client_min_messages = warning;
	$(copy_of govdisclose.report "$CLEAN");
	SELECT format('sanity: clean file: %s reports stored in error mode, %s violations (validate), %s agencies with two years',
	              count(*), (SELECT count(*) FROM govdisclose.report r2, govdisclose.validate(r2)),
	              (SELECT count(*) FROM (SELECT agency FROM govdisclose.report GROUP BY agency HAVING count(*) = 2) p))
	  FROM govdisclose.report;
	TRUNCATE govdisclose.report;
	SET govdisclose.on_violation = warning;
	SET client_min_messages = error;
	$(copy_of govdisclose.report "$BROKEN");
	SELECT format('sanity: 7%% file: %s error violations in %s reports (%s)', count(*), count(DISTINCT (agency, year)),
	              string_agg(DISTINCT rule, ', '))
	  FROM govdisclose.report r, govdisclose.validate(r) v WHERE v.severity = 'error';
	TRUNCATE govdisclose.report;
SQL

# bench_ms(statement) prints one line R|variant|round|ms|result
measure() {	# measure VARIANT ROUND STATEMENT [SQL before] [SQL after] [result query]; VARIANT_PREFIX names a set
	local before=${4:-} after=${5:-} res=${6:-}
	cat <<-SQL
		$before
		CHECKPOINT;
		SELECT format('R|%s|%s|%s|%s', '${VARIANT_PREFIX:-}$1', $2, b.ms, ${res:-b.result}) FROM bench_ms(\$q\$$3\$q\$) b;
		$after
	SQL
}

# a5's agencies deleted (the registry's guard off: session_replication_role),
# and every session told to read the registry again (agency_changed)
forget_new_names="SET session_replication_role = replica; DELETE FROM govdisclose.agency WHERE source = 'seen' AND name LIKE '新机关%';
	RESET session_replication_role; UPDATE govdisclose.agency SET name = name WHERE false;"

load_variant() {	# load_variant VARIANT ROUND
	case "$1" in
		a0) measure a0 "$2" "$(copy_of govdisclose.report "$CLEAN")" \
			"SET govdisclose.on_violation = error; TRUNCATE govdisclose.report, govdisclose.rejected;" ;;
		a1) measure a1 "$2" "$(copy_of govdisclose.report "$CLEAN")" \
			"TRUNCATE govdisclose.report, govdisclose.rejected; ALTER TABLE govdisclose.report DISABLE TRIGGER report_enforce;" \
			"ALTER TABLE govdisclose.report ENABLE TRIGGER report_enforce;" ;;
		a2) measure a2 "$2" "$(copy_of govdisclose.report "$BROKEN")" \
			"SET govdisclose.on_violation = quarantine; SET client_min_messages = error; TRUNCATE govdisclose.report, govdisclose.rejected;" \
			"SELECT format('R|a2q|%s|0|%s stored + %s quarantined', $2, (SELECT count(*) FROM govdisclose.report), (SELECT count(*) FROM govdisclose.rejected)); SET govdisclose.on_violation = error; SET client_min_messages = warning;" ;;
		a3) measure a3 "$2" "$(copy_of govdisclose.report "$NOREGION")" \
			"TRUNCATE govdisclose.report, govdisclose.rejected;" ;;
		a4) measure a4 "$2" "$(copy_of govdisclose.report "$UNKNOWN")" \
			"SET client_min_messages = error; TRUNCATE govdisclose.report, govdisclose.rejected;" \
			"SET client_min_messages = warning;" ;;
		a5) measure a5 "$2" "$(copy_of govdisclose.report "$NEWNAMES")" \
			"SET client_min_messages = error; TRUNCATE govdisclose.report, govdisclose.rejected; $forget_new_names" \
			"SET client_min_messages = warning;" ;;
		a6) measure a6 "$2" "$(copy_of flat_e "$NOAGENCY")" "TRUNCATE flat_e;" ;;
		b) measure b "$2" "$(copy_of flat_b "$CLEAN")" "TRUNCATE flat_b;" ;;
		bp) measure bp "$2" "$(copy_of flat_bp "$CLEAN")" "TRUNCATE flat_bp;" ;;
		bt) measure bt "$2" "$(copy_of flat_bt "$CLEAN")" "TRUNCATE flat_bt;" ;;
		c) measure c "$2" "$(copy_of flat_c "$CLEAN")" "TRUNCATE flat_c;" ;;
		d) measure d "$2" "$(copy_of flat_d "$CLEAN")" "TRUNCATE flat_d;" ;;
	esac
}

rotate() {	# rotate K WORDS... -> the words, starting at the K-th (mod count)
	local k=$1
	shift
	local a=("$@") n=$#
	for ((i = 0; i < n; i++)); do printf '%s ' "${a[$(((i + k) % n))]}"; done
}

RAW=$OUT/raw.txt
: > "$RAW"
run_sql() {	# run_sql: one session, R| lines appended to $RAW and echoed
	"${PSQL[@]}" -At -f - 2>"$WORK/psql.err" | grep '^R|' | tee -a "$RAW" | sed 's/^R|/  /' ||
		{ cat "$WORK/psql.err" >&2; exit 1; }
	[ ! -s "$WORK/psql.err" ] || { cat "$WORK/psql.err" >&2; exit 1; }
}

session_settings="SET client_min_messages = warning; SET max_parallel_workers_per_gather = 0; SET jit = off;"

# ---- validation and analysis over N stored reports ----
# govdisclose.report holds the 7% file stored in warning mode, flat_bp the
# same file; both are vacuumed (hint bits set) before timing.
load_stored() {
	"${PSQL[@]}" -At >/dev/null <<-SQL
		SET client_min_messages = error;
		SET govdisclose.on_violation = warning;
		TRUNCATE govdisclose.report, govdisclose.rejected, flat_b, flat_bp, flat_bt, flat_c, flat_d, flat_e;
		$(copy_of govdisclose.report "$BROKEN");
		$(copy_of flat_bp "$BROKEN");
		VACUUM (ANALYZE) govdisclose.report;
		VACUUM (ANALYZE) flat_bp;
	SQL
}

VALID_SQL=$("${PSQL[@]}" -At -c "SELECT bench_valid_expr('f')")
# The BI layer's baselines, written as a user would by hand: the summary's
# counts and shares over the printed totals, and one sum() per cell that
# govdisclose.sum(r) sums (generated from govdisclose.cells).
GROUP_SQL=$("${PSQL[@]}" -At -c "SELECT string_agg(format('sum(%s) AS %s', e, g), ', ' ORDER BY g)
	FROM (SELECT outcome_group AS g, string_agg(column_name, ' + ') AS e FROM govdisclose.cells
	      WHERE section = 'requests' AND column_code = 'total' AND outcome_group IS NOT NULL GROUP BY 1) x")
# report_summary's counts and shares, and the same figures by hand (m1*)
M1V_SQL="SELECT sum(received), sum(handled), sum(disclosed), sum(withheld), sum(unable), sum(not_processed), sum(other), sum(disclosure_rate), sum(unable_share), sum(review_correction_rate) FROM govdisclose.report_summary"
M1S_SQL="SELECT sum(new_received__total + carried_over__total), sum(handled_total__total), $GROUP_SQL, sum(govdisclose.share(disclosed__total + partially_disclosed__total, handled_total__total)::numeric(5,2)), sum(govdisclose.share(unable_not_held__total + unable_needs_creation__total + unable_unclear__total, handled_total__total)::numeric(5,2)), sum(govdisclose.share(review__corrected, review__total)::numeric(5,2)) FROM govdisclose.report"
CELL_SUMS_SQL=$("${PSQL[@]}" -At -c "SELECT string_agg(format('sum(%I) AS %I', column_name, column_name), ', ' ORDER BY position)
	FROM govdisclose.cells WHERE kind <> 'text' AND column_name <> 'p2019_procurement__amount'")
REQUEST_SUMS_SQL=$("${PSQL[@]}" -At -c "SELECT string_agg(format('sum(%I) AS %I', column_name, column_name), ', ' ORDER BY position)
	FROM govdisclose.cells WHERE section = 'requests'")
SHARES_SQL=$("${PSQL[@]}" -At -c "SELECT bench_shares_values('f')")
UNPIVOT_SQL=$("${PSQL[@]}" -At -c "SELECT bench_unpivot_values('r', true)")
UNPIVOT_POS_SQL=$("${PSQL[@]}" -At -c "SELECT bench_unpivot_values('r', false)")

query_variant() {	# query_variant VARIANT ROUND
	case "$1" in
		v0) measure v0 "$2" "SELECT count(*) FILTER (WHERE num_nulls(r) = 0) FROM govdisclose.report r" ;;
		v1e) measure v1e "$2" "SELECT count(*) FILTER (WHERE govdisclose.is_valid(r)) FROM govdisclose.report r" ;;
		v1p) measure v1p "$2" "SELECT count(*) FILTER (WHERE bench_is_valid(f)) FROM flat_bp f" ;;
		v1s) measure v1s "$2" "SELECT count(*) FILTER (WHERE $VALID_SQL) FROM flat_bp f" ;;
		v2e) measure v2e "$2" "SELECT count(*) FROM govdisclose.report r, govdisclose.validate(r)" ;;
		v2p) measure v2p "$2" "SELECT count(*) FROM flat_bp f, unnest(bench_violations(f))" ;;
		s1e) measure s1e "$2" "SELECT avg(govdisclose.disclosure_rate(govdisclose.requests(r))) FROM govdisclose.report r" ;;
		s1s) measure s1s "$2" "SELECT avg(round(100.0 * (disclosed__total + partially_disclosed__total) / nullif(handled_total__total, 0), 2)) FROM flat_bp" ;;
		s1r) measure s1r "$2" "SELECT avg(govdisclose.disclosure_rate(r)) FROM govdisclose.report r" ;;
		s1c) measure s1c "$2" "SELECT avg(govdisclose.share(disclosed__total + partially_disclosed__total, handled_total__total)) FROM govdisclose.report" ;;
		s2e) measure s2e "$2" "SELECT sum(s.percent) FROM govdisclose.report r, govdisclose.outcome_shares(govdisclose.requests(r), 'half_up') s" ;;
		s2r) measure s2r "$2" "SELECT sum(s.percent) FROM govdisclose.report r, govdisclose.outcome_shares(r, 'half_up') s" ;;
		s2s) measure s2s "$2" "SELECT sum(v.p) FROM flat_bp f, LATERAL (VALUES $SHARES_SQL) v(p)" ;;
		m1v) measure m1v "$2" "$M1V_SQL" ;;
		m1s) measure m1s "$2" "$M1S_SQL" ;;
		# the same two with PostgreSQL's default jit = on (the others run with jit off)
		m1j) measure m1j "$2" "$M1V_SQL" "SET jit = on;" "SET jit = off;" ;;
		m1k) measure m1k "$2" "$M1S_SQL" "SET jit = on;" "SET jit = off;" ;;
		m2v) measure m2v "$2" "SELECT sum(errors), sum(warnings) FROM govdisclose.report_summary" ;;
		r1v) measure r1v "$2" "SELECT sum((s).handled_total__total), count(*) FROM (SELECT year, govdisclose.sum(r) AS s FROM govdisclose.report r GROUP BY year) x" ;;
		r1s) measure r1s "$2" "SELECT sum(handled_total__total), count(*) FROM (SELECT year, $CELL_SUMS_SQL FROM govdisclose.report GROUP BY year) x WHERE x IS DISTINCT FROM NULL" ;;
		r2e) measure r2e "$2" "SELECT sum((s).handled_total.total), count(*) FROM (SELECT year, govdisclose.sum(govdisclose.requests(r)) AS s FROM govdisclose.report r GROUP BY year) x" ;;
		r2s) measure r2s "$2" "SELECT sum(handled_total__total), count(*) FROM (SELECT year, $REQUEST_SUMS_SQL FROM govdisclose.report GROUP BY year) x WHERE x IS DISTINCT FROM NULL" ;;
		# long views: govdisclose.request_cells against a hand-written unpivot
		l0) measure l0 "$2" "SELECT count(*) || ' cells, sum ' || sum(u.value) FROM govdisclose.report r CROSS JOIN LATERAL (VALUES $UNPIVOT_SQL) u(row_code, column_code, value)" ;;
		l1) measure l1 "$2" "SELECT count(*) || ' cells, sum ' || sum(value) FROM govdisclose.request_cells" ;;
		l2) measure l2 "$2" "SELECT count(*) || ' cells, sum ' || sum(u.value) || ', labels ' || count(c.row_label_en) + count(c.column_label_zh) FROM govdisclose.report r CROSS JOIN LATERAL (VALUES $UNPIVOT_POS_SQL) u(position, value) JOIN govdisclose.cells c USING (position)" ;;
		l3) measure l3 "$2" "SELECT count(*) || ' cells, sum ' || sum(value) || ', labels ' || count(row_label_en) + count(column_label_zh) FROM govdisclose.request_cells" ;;
		*) return 1 ;;
	esac
}

LOADS="a0 a1 a2 a3 a4 a5 a6 b bp bt c d"
QUERIES="v0 v1e v1p v1s v2e v2p s1e s1r s1c s1s s2e s2r s2s m1v m1s m1j m1k m2v r1v r1s r2e r2s"
QUERIES="$QUERIES l0 l1 l2 l3"	# long views

# ---- profile mode: one variant, once, under perf ----
if [ -n "$PROFILE" ]; then
	command -v perf >/dev/null || { echo "bench: perf is not installed" >&2; exit 1; }
	case " $LOADS " in
		*" $PROFILE "*) stmt=$(load_variant "$PROFILE" 1) ;;
		*) load_stored; stmt=$(query_variant "$PROFILE" 1) || { echo "bench: no variant $PROFILE" >&2; exit 2; } ;;
	esac
	echo
	echo "profile of $PROFILE (perf record -g, $OUT/perf.data)"
	{
		echo "$session_settings"
		echo "SELECT pg_sleep(3);"	# time for perf to attach
		echo "$stmt"
	} | PGAPPNAME=gd_bench_profile run_sql &
	session=$!
	pid=
	for _ in $(seq 50); do
		pid=$("${PSQL[@]}" -At -c "SELECT pid FROM pg_stat_activity WHERE application_name = 'gd_bench_profile'")
		[ -n "$pid" ] && break
		sleep 0.1
	done
	[ -n "$pid" ] || { echo "bench: no backend to profile" >&2; exit 1; }
	echo "  backend pid $pid"
	perf record -q -g -F 4999 -p "$pid" -o "$OUT/perf.data" >/dev/null 2>&1 &
	perf_pid=$!
	wait "$session"
	kill -INT "$perf_pid"
	wait "$perf_pid" || true
	perf report -i "$OUT/perf.data" --no-children --sort dso,symbol --stdio -g none 2>/dev/null >"$OUT/perf-self.txt"
	perf report -i "$OUT/perf.data" --children --sort symbol --stdio -g none 2>/dev/null >"$OUT/perf-children.txt"
	echo "self time, top 30 symbols ($OUT/perf-self.txt):"
	grep -E '^ +[0-9.]+%' "$OUT/perf-self.txt" | head -n 30 || true
	echo "inclusive time (children) of govdisclose's functions and what they call ($OUT/perf-children.txt):"
	grep -E '^ +[0-9.]+%' "$OUT/perf-children.txt" |
		grep -E '(gd_|govdisclose_|enforce_|check_|cache_for|quarantine|violation|heap_deform_tuple|index_|_bt_|btgettuple|heap_hot_search|table_slot_create|ExecDropSingleTupleTableSlot|datumCopy|ExecBRInsertTriggers|ExecCallTriggerFunc|SPI_|to_jsonb|jsonb|ExecEvalWholeRowVar|heap_copy_tuple_as_datum|HeapTupleHeaderGetDatum|heap_form_tuple|CopyFrom|ExecInsert|ExecConstraints|ExecInsertIndexTuples)' |
		head -n 50 || true
	exit 0
fi

# ---- loading ----
echo
echo "loading $N reports (each line: variant|round|ms|rows stored)"
warnings_before=$(grep -c WARNING "/tmp/govdisclose/$NAME/server.log" || true)
{
	echo "$session_settings"
	for ((r = 1; r <= ROUNDS; r++)); do
		for v in $(rotate $((r - 1)) $LOADS); do
			load_variant "$v" "$r"
		done
	done
} | run_sql
warnings_after=$(grep -c WARNING "/tmp/govdisclose/$NAME/server.log" || true)
[ "$warnings_after" = "$warnings_before" ] ||
	echo "bench: note: the server logged $((warnings_after - warnings_before)) warnings during the loads" >&2

# The registry's index as a new session reads it, three times (docs/domain.md
# §12.7): the agencies the loads registered (the clean file's and a4's) and
# the shipped ones, their names, the time of the first resolution, the memory.
echo
echo "agency index: read by a new session at its first resolution (three sessions)"
for _ in 1 2 3; do
	"${PSQL[@]}" -At <<-'SQL'
		SELECT format('  %s agencies, %s names: read in %s ms', (SELECT count(*) FROM govdisclose.agency),
		              (SELECT count(*) FROM govdisclose.agency) + (SELECT count(*) FROM govdisclose.agency_alias), b.ms)
		  FROM bench_ms($q$SELECT count(*) FROM govdisclose.resolve_agency('上海市金山区')$q$) b;
		SELECT format('  %s MB (context "govdisclose agencies")', round(total_bytes / 1048576.0, 1))
		  FROM pg_backend_memory_contexts WHERE name = 'govdisclose agencies';
	SQL
done
# resolving alone: resolve_agency() of the clean file's 100,000 names, an
# upper bound (a set-returning function call a name) of the trigger's work
"${PSQL[@]}" -At <<-'SQL'
	SELECT count(*) AS index_read FROM govdisclose.resolve_agency('上海市金山区') \gset
	SELECT format('  resolve_agency() of 100,000 registered names: %s ms (%s resolved)', b.ms, b.result)
	  FROM bench_ms($q$SELECT count(*) FILTER (WHERE a.status = 'resolved') FROM generate_series(1, 100000) i,
	                       govdisclose.resolve_agency('机关' || lpad(i::text, 6, '0')) a$q$) b;
SQL

# ---- memory: a first bulk load of MEMORY_N reports ----
# The backend's own memory (RssAnon, test/peak-memory.sh) during a COPY into
# the empty table, in error mode and in quarantine mode with 7% broken.
memory_load() {	# memory_load FILE MODE
	"${PSQL[@]}" -c "TRUNCATE govdisclose.report, govdisclose.rejected"
	test/peak-memory.sh gd_bench_memory psql -X -q -v ON_ERROR_STOP=1 -c "SET client_min_messages = error" \
		-c "SET govdisclose.on_violation = $2" -c "COPY govdisclose.report FROM STDIN (FORMAT csv, HEADER)" < "$1"
}
echo
echo "memory: COPY of $MEMORY_N reports into the empty table, peak of the backend's own memory (RssAnon; target < 100 MB)"
bench/gen_reports --n="$MEMORY_N" --seed="$SEED" -o "$WORK/memory.csv" 2>/dev/null
bench/gen_reports --n="$MEMORY_N" --seed="$SEED" --broken=0.07 -o "$WORK/memory-broken.csv" 2>/dev/null
for mode in error quarantine; do
	f=$WORK/memory.csv
	[ "$mode" = quarantine ] && f=$WORK/memory-broken.csv
	start=$(date +%s%N)
	kb=$(memory_load "$f" $mode)
	awk -v mode=$mode -v kb="$kb" -v ns=$(($(date +%s%N) - start)) \
		-v stored="$("${PSQL[@]}" -At -c "SELECT count(*) FROM govdisclose.report")" \
		-v quarantined="$("${PSQL[@]}" -At -c "SELECT count(*) FROM govdisclose.rejected")" \
		'BEGIN { printf "  %-10s %6.1f MB, %d reports stored + %d quarantined, %.1f s\n", mode, kb / 1024, stored, quarantined, ns / 1e9 }'
done
rm -f "$WORK/memory.csv" "$WORK/memory-broken.csv"
"${PSQL[@]}" -c "TRUNCATE govdisclose.report, govdisclose.rejected"

load_stored
echo
echo "validation and analysis over $N stored reports, 7% broken (each line: variant|round|ms|result)"
{
	echo "$session_settings"
	for ((r = 1; r <= ROUNDS; r++)); do
		for v in $(rotate $((r - 1)) $QUERIES); do
			query_variant "$v" "$r"
		done
	done
} | run_sql

# ---- the BI layer at scale: BI_N reports ----
# The summary's counts and shares and the roll-ups over BI_N reports, stored
# with the trigger off (session_replication_role: the queries read cells
# only, agency_id stays NULL); variants named M<variant>.
BI_QUERIES="m1v m1s r1v r1s"
if [ "$BI_N" -gt 0 ]; then
	bench/gen_reports --n="$BI_N" --seed="$SEED" --regions=data/gb2260.csv -o "$WORK/bi.csv" 2>/dev/null
	"${PSQL[@]}" -At >/dev/null <<-SQL
		TRUNCATE govdisclose.report, govdisclose.rejected;
		SET session_replication_role = replica;
		$(copy_of govdisclose.report "$WORK/bi.csv");
		RESET session_replication_role;
		VACUUM (ANALYZE) govdisclose.report;
	SQL
	rm -f "$WORK/bi.csv"
	echo
	echo "the BI layer over $BI_N stored reports (each line: variant|round|ms|result)"
	{
		echo "$session_settings"
		for ((r = 1; r <= BI_ROUNDS; r++)); do
			for v in $(rotate $((r - 1)) $BI_QUERIES); do
				VARIANT_PREFIX=M query_variant "$v" "$r"
			done
		done
	} | run_sql
fi

# ---- summary ----
echo
N=$N BI_N=$BI_N awk -F'|' -f bench/summary.awk "$RAW"
[ "$(so_id)" = "$SO_AT_START" ] ||
	echo "bench: warning: $SO was replaced during the run (now $(so_id)); the numbers mix two builds" >&2

# ---- import: the text parser and the narrative checks, no server ----
echo
echo "import (report text; ratio to a pass that only splits lines and decodes UTF-8)"
make -s bench/bench_parse
bench/bench_parse test/data/parse/jinshan-2024.txt 2
echo "load average $(cut -d' ' -f1-3 /proc/loadavg) at the end (the machine has $(nproc) CPUs; other work on it skews the numbers)"

readers
