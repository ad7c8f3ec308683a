# bench/summary.awk — medians and ratios from bench/run.sh's raw lines
#   R|variant|round|ms|result
# (awk -F'|' with N = the number of reports in the environment)

function median(v,    k, n, a, i, j, t) {
	n = split(times[v], a, " ")
	for (i = 2; i <= n; i++) {	# insertion sort: at most a few dozen values
		t = a[i] + 0
		for (j = i - 1; j >= 1 && a[j] + 0 > t; j--)
			a[j + 1] = a[j]
		a[j + 1] = t
	}
	if (n == 0)
		return -1
	if (n % 2)
		return a[(n + 1) / 2] + 0
	return (a[n / 2] + a[n / 2 + 1]) / 2
}
function lo(v,    n, a, i, m) {
	n = split(times[v], a, " "); m = a[1] + 0
	for (i = 2; i <= n; i++) if (a[i] + 0 < m) m = a[i] + 0
	return m
}
function hi(v,    n, a, i, m) {
	n = split(times[v], a, " "); m = a[1] + 0
	for (i = 2; i <= n; i++) if (a[i] + 0 > m) m = a[i] + 0
	return m
}
function row(v, label, base,    m, per) {
	m = median(v)
	if (m < 0)
		return
	per = v ~ /^M/ ? bi_n : n
	printf "  %-4s %-58s %9.1f ms %8.2f us/report", v, label, m, 1000 * m / per
	if (base != "" && median(base) > 0)
		printf "  %6.2fx %s", m / median(base), base == "b" ? "(b)" : "(" base ")"
	printf "   [%.0f..%.0f]\n", lo(v), hi(v)
}
function target(label, ok, detail) {
	printf "  %-7s %s  %s\n", ok ? "met" : "NOT met", label, detail
}

$1 == "R" {
	times[$2] = times[$2] " " $4
	result[$2] = $5
}

END {
	n = ENVIRON["N"] + 0
	if (n <= 0) n = 100000
	bi_n = ENVIRON["BI_N"] + 0
	print "summary: median wall time over the rounds [min..max], per report, and ratio"
	print ""
	print "loading (COPY " n " reports from a CSV file; ratio to b)"
	row("a0", "govdisclose.report, enforce() in error mode", "b")
	row("a1", "govdisclose.report, trigger disabled", "b")
	row("a2", "govdisclose.report, quarantine mode, 7% broken", "b")
	row("a3", "a0 with region_code NULL: no region lookup", "b")
	row("a4", "a0 with every region_code unknown (unknown_region warnings)", "b")
	row("a5", "a0 with every name new: 100,000 agencies registered", "b")
	row("a6", "report without agency_id (before agency identity)", "b")
	row("b", "flat table, no constraint, no index", "b")
	row("bp", "flat table + primary key (b')", "b")
	row("bt", "flat + PK + disabled BEFORE ROW trigger (row-by-row COPY)", "b")
	row("c", "flat + PK + 242 CHECK constraints", "b")
	row("d", "flat + PK + PL/pgSQL trigger listing every violation", "b")
	if (result["a2q"] != "") print "       a2 kept " result["a2q"] " (last round)"
	print ""
	print "validation (over " n " stored reports, 7% broken; ratio to the extension)"
	row("v0", "floor: the same scan with num_nulls(r), no check [" result["v0"] "]", "v1e")
	row("v1e", "count(*) FILTER (WHERE govdisclose.is_valid(r)) [" result["v1e"] "]", "v1e")
	row("v1p", "the same with bench_is_valid(f) in PL/pgSQL [" result["v1p"] "]", "v1e")
	row("v1s", "the same with the checks as one SQL expression [" result["v1s"] "]", "v1e")
	row("v2e", "count(*) FROM report r, govdisclose.validate(r) [" result["v2e"] "]", "v2e")
	row("v2p", "count(*) FROM flat f, unnest(bench_violations(f)) [" result["v2p"] "]", "v2e")
	print ""
	print "analysis (over " n " stored reports; ratio to plain SQL)"
	row("s1e", "avg(disclosure_rate(requests(r))) [" result["s1e"] "]", "s1s")
	row("s1r", "avg(disclosure_rate(r)), straight from the row [" result["s1r"] "]", "s1s")
	row("s1c", "avg(share(disclosed__total + partially_disclosed__total, handled_total__total)) [" result["s1c"] "]", "s1s")
	row("s1s", "the same arithmetic in plain SQL [" result["s1s"] "]", "s1s")
	row("s2e", "sum over outcome_shares(requests(r), 'half_up') [" result["s2e"] "]", "s2s")
	row("s2r", "sum over outcome_shares(r, 'half_up'), straight from the row [" result["s2r"] "]", "s2s")
	row("s2s", "the same arithmetic in plain SQL [" result["s2s"] "]", "s2s")
	print ""
	print "BI layer (over " n " stored reports; ratio to the same figures written by hand)"
	row("m1v", "report_summary: counts, groups, shares [" result["m1v"] "]", "m1s")
	row("m1s", "the same over the columns by hand [" result["m1s"] "]", "m1s")
	row("m2v", "report_summary: errors and warnings [" result["m2v"] "]", "v2e")
	row("m1j", "report_summary as m1v, jit = on (PostgreSQL's default) [" result["m1j"] "]", "m1s")
	row("m1k", "the same by hand as m1s, jit = on [" result["m1k"] "]", "m1s")
	row("r1v", "roll-up by year: govdisclose.sum(r) [" result["r1v"] "]", "r1s")
	row("r1s", "the same: one sum() per cell by hand, all kept [" result["r1s"] "]", "r1s")
	row("r2e", "roll-up by year: govdisclose.sum(requests(r)) [" result["r2e"] "]", "r2s")
	row("r2s", "the same: 175 sum()s by hand, all kept [" result["r2s"] "]", "r2s")
	if (median("Mm1v") >= 0) {
		print ""
		print "BI layer at scale (over " bi_n " stored reports; ratio to the same figures written by hand)"
		row("Mm1v", "report_summary: counts, groups, shares [" result["Mm1v"] "]", "Mm1s")
		row("Mm1s", "the same over the columns by hand [" result["Mm1s"] "]", "Mm1s")
		row("Mr1v", "roll-up by year: govdisclose.sum(r) [" result["Mr1v"] "]", "Mr1s")
		row("Mr1s", "the same: one sum() per cell by hand, all kept [" result["Mr1s"] "]", "Mr1s")
	}
	print ""
	print "long views (section 三 of " n " stored reports in long form; ratio to the hand-written unpivot l0)"
	row("l0", "hand-written: CROSS JOIN LATERAL (VALUES (row, column, value), ...) [" result["l0"] "]", "l0")
	row("l1", "SELECT count(*), sum(value) FROM request_cells [" result["l1"] "]", "l0")
	row("l2", "hand-written (position, value) joined to cells for labels [" result["l2"] "]", "l0")
	row("l3", "request_cells, its labels read too [" result["l3"] "]", "l0")
	print ""
	print "targets"
	b = median("b"); bp = median("bp"); a0 = median("a0"); a2 = median("a2"); c = median("c"); d = median("d")
	# b' (COPY into the table with its primary key, no trigger) is the floor
	# any trigger stands on
	target("a0 <= 1.15 x b'", a0 <= 1.15 * bp, sprintf("a0/b' = %.2f", a0 / bp))
	target("a2 <= 1.30 x b'", a2 <= 1.30 * bp, sprintf("a2/b' = %.2f", a2 / bp))
	printf "          (a0/b = %.2f, a0/a1 = %.2f, a1/b' = %.2f, bt/b' = %.2f)\n", a0 / b, a0 / median("a1"), median("a1") / bp, median("bt") / bp
	if (median("a3") > 0)
		printf "          (the region lookup: a0/a3 = %.3f, %+.2f us/report; every code unknown: a4/a3 = %.3f, %+.2f us/report)\n",
			a0 / median("a3"), 1000 * (a0 - median("a3")) / n, median("a4") / median("a3"), 1000 * (median("a4") - median("a3")) / n
	if (median("a6") > 0)
		printf "          (agency identity: a0/a6 = %.3f, %+.2f us/report; every name new: a5/a6 = %.2f, %+.2f us/report)\n",
			a0 / median("a6"), 1000 * (a0 - median("a6")) / n, median("a5") / median("a6"), 1000 * (median("a5") - median("a6")) / n
	target("a0 faster than c", a0 < c, sprintf("a0/c = %.2f", a0 / c))
	target("a2 faster than c", a2 < c, sprintf("a2/c = %.2f", a2 / c))
	target("a0 faster than d", a0 < d, sprintf("a0/d = %.2f", a0 / d))
	target("a2 faster than d", a2 < d, sprintf("a2/d = %.2f", a2 / d))
	# is_valid against PL/pgSQL, net of the scan both pay (a figure, no target)
	if (median("v0") > 0 && median("v1e") > median("v0"))
		printf "  figure  is_valid vs PL/pgSQL net of the scan floor v0: (v1p - v0) / (v1e - v0) = %.1f (v1p/v1e = %.1f)\n",
			(median("v1p") - median("v0")) / (median("v1e") - median("v0")), median("v1p") / median("v1e")
	target("disclosure rate <= 2 x plain SQL, via r.requests", median("s1e") <= 2 * median("s1s"),
		sprintf("s1e/s1s = %.2f (outcome shares: s2e/s2s = %.2f)", median("s1e") / median("s1s"), median("s2e") / median("s2s")))
	target("disclosure rate <= 2 x plain SQL, share() on the columns", median("s1c") <= 2 * median("s1s"),
		sprintf("s1c/s1s = %.2f", median("s1c") / median("s1s")))
	target("disclosure rate <= 2 x plain SQL, straight from the row", median("s1r") <= 2 * median("s1s"),
		sprintf("s1r/s1s = %.2f (outcome shares: s2r/s2s = %.2f)", median("s1r") / median("s1s"), median("s2r") / median("s2s")))
	at = median("Mm1v") >= 0 ? "M" : ""
	target("report_summary counts and shares <= 1.2 x by hand" (at ? " (" bi_n " reports)" : ""), median(at "m1v") <= 1.2 * median(at "m1s"),
		sprintf("%sm1v/%sm1s = %.2f (%d reports: m1v/m1s = %.2f; errors and warnings: m2v/v2e = %.2f)", at, at, median(at "m1v") / median(at "m1s"),
			n, median("m1v") / median("m1s"), median("m2v") / median("v2e")))
	target("roll-up govdisclose.sum(r) <= 1.5 x the sums by hand" (at ? " (" bi_n " reports)" : ""), median(at "r1v") <= 1.5 * median(at "r1s"),
		sprintf("%sr1v/%sr1s = %.2f (%d reports: r1v/r1s = %.2f; sum(requests(r)): r2e/r2s = %.2f)",
			at, at, median(at "r1v") / median(at "r1s"), n, median("r1v") / median("r1s"), median("r2e") / median("r2s")))
	if (result["m1v"] != result["m1s"] || result["r1v"] != result["r1s"] || result["r2e"] != result["r2s"])
		print "  warning: the BI layer and its baselines disagree on a result (see the brackets above)"
	target("request_cells <= 1.5 x a hand-written unpivot", median("l1") <= 1.5 * median("l0") && median("l3") <= 1.5 * median("l0"),
		sprintf("l1/l0 = %.2f, l3/l0 = %.2f (l3/l2 = %.2f)", median("l1") / median("l0"), median("l3") / median("l0"), median("l3") / median("l2")))
	if (result["l1"] != result["l0"] || result["l3"] != result["l2"])
		print "  warning: request_cells and the hand-written unpivot disagree on a result (see the brackets above)"
	if (result["s1e"] != result["s1s"] || result["s1r"] != result["s1s"] || result["s1c"] != result["s1s"] || result["s2e"] != result["s2s"] || result["s2r"] != result["s2s"] || result["v1e"] != result["v1p"] || result["v2e"] != result["v2p"])
		print "  warning: the extension and the comparison queries disagree on a result (see the brackets above)"
	print "  (the enforcement overhead proper is a0 vs b' and a0 vs a1; see docs/BENCHMARKS.md)"
}
