#!/usr/bin/env bash
# No wrong value, ever: random reports go through text -> parse_report ->
# import_report (stored) -> COPY TO, and every cell comes out as printed, or
# NULL with a `number` diagnostic when the count does not fit int4
# (2,147,483,648 and 4,294,967,878 among them: the latter was once stored as
# 582).  The reports are the Jinshan fixture's text with every number of
# sections 二, 三 and 四 replaced by a random one, printed plain, with
# thousands separators or in full-width digits; seeded, so a failure repeats.
source "$(dirname "$0")/lib.bash"
fresh_db gd_t_property
tmp=$(mktemp -d)
N=${GD_PROPERTY_REPORTS:-150}
SEED=${GD_PROPERTY_SEED:-20250101}

# gen: report.sql (one import_report per report) and expected.csv (agency,
# then the 200 cells of sections 三, 二 and 四 in the table's column order)
awk -v n="$N" -v seed="$SEED" -v sqlf="$tmp/report.sql" -v expf="$tmp/expected.csv" '
function count(   r) {
	r = rand()
	if (fits) r = r * 0.75		# a third of the reports: every count fits int4
	if (r < 0.45) return int(rand() * 100)
	if (r < 0.65) return int(rand() * 100000)
	if (r < 0.75) return int(rand() * 2147483648)
	if (r < 0.82) return 2147483647
	if (r < 0.88) return 2147483648
	if (r < 0.94) return 4294967878
	return int(rand() * 1e12)
}
function printed(v,   s, out, i, r) {
	s = sprintf("%.0f", v)
	r = rand()
	if (r < 0.6) return s
	if (r < 0.8) {		# thousands separators
		out = ""
		for (i = length(s); i > 3; i -= 3) out = "," substr(s, i - 2, 3) out
		return substr(s, 1, i) out
	}
	out = ""		# full-width digits
	for (i = 1; i <= length(s); i++) out = out fw[substr(s, i, 1)]
	return out
}
function cell(v) { return v <= 2147483647 ? sprintf("%.0f", v) : "" }
# the last k numeric fields of line, replaced; their expected values appended to vals
function replace(line, k,   f, nf, i, j, idx, v) {
	nf = split(line, f, "\t")
	j = 0
	for (i = nf; i >= 1 && j < k; i--) if (f[i] ~ /^[0-9]+$/) idx[++j] = i
	for (j = k; j >= 1; j--) {
		v = count()
		f[idx[j]] = printed(v)
		got[++ng] = cell(v)
		if (v > 2147483647) big++
	}
	line = f[1]
	for (i = 2; i <= nf; i++) line = line "\t" f[i]
	return line
}
BEGIN {
	srand(seed)
	split("０ １ ２ ３ ４ ５ ６ ７ ８ ９", w, " ")
	for (i = 0; i < 10; i++) fw[i ""] = w[i + 1]
}
{ fixture[++nl] = $0 }
END {
	for (r = 1; r <= n; r++) {
		ng = 0; big = 0; sec = 0; body = ""; fits = r % 3 == 0
		for (l = 1; l <= nl; l++) {
			line = fixture[l]
			if (line ~ /^二、主动公开/) sec = 2
			else if (line ~ /^三、收到和处理/) sec = 3
			else if (line ~ /^四、政府信息公开行政复议/) sec = 4
			else if (line ~ /^五、/) sec = 5
			if (sec == 2 && line ~ /^(规章|行政规范性文件)\t/) line = replace(line, 3)
			else if (sec == 2 && line ~ /^(行政许可|行政处罚|行政强制)\t/) line = replace(line, 1)
			else if (sec == 3 && gsub(/\t[0-9]+/, "&", line) >= 7) line = replace(line, 7)
			else if (sec == 4 && gsub(/\t[0-9]+/, "&", line) >= 7) {
				line = "0"; for (i = 2; i <= 15; i++) line = line "\t0"
				line = replace(line, 15)
			}
			body = body line "\n"
			if (sec == 2 && line ~ /^信息内容\t本年收费金额/) {
				fee = sprintf("%d.%02d", int(rand() * 100000), int(rand() * 100))
				body = body "行政事业性收费\t" fee "\n"
			}
		}
		# got: 二 (rules 3, normative_documents 3, licensing, punishment,
		# coercion), 三 (175), 四 (15); the table: 三, 二 with the fee, 四
		agency = sprintf("性质%03d", r)
		out = agency
		for (i = 10; i <= 184; i++) out = out "," got[i]
		for (i = 1; i <= 9; i++) out = out "," got[i]
		out = out "," fee
		for (i = 185; i <= 199; i++) out = out "," got[i]
		print out > expf
		printf "SELECT (govdisclose.import_report(%s, 2024, $body$%s$body$, %s)).year;\n",
			"'\''" agency "'\''", body, "'\''" (big ? "big" : "fits") "'\''" > sqlf
		if (ng != 199) { print "generator: " ng " numbers replaced in report " r ", not 199" > "/dev/stderr"; exit 1 }
	}
}' test/data/parse/jinshan-2024.txt || { not_ok "the generator ran"; exit 0; }

q -c "SET govdisclose.on_violation = 'warning'" -c "SET client_min_messages = error" -f "$tmp/report.sql" > /dev/null
check "$N random reports imported" test "$(q -c "SELECT count(*) FROM govdisclose.report")" = "$N"

q -c "COPY govdisclose.report TO STDOUT (FORMAT csv, HEADER)" > "$tmp/out.csv"
awk -F, -v OFS=, 'NR > 1 { out = $1; for (i = 6; i <= 205; i++) out = out OFS $i; print out }' "$tmp/out.csv" | sort > "$tmp/got.csv"
sort "$tmp/expected.csv" > "$tmp/want.csv"
if cmp -s "$tmp/want.csv" "$tmp/got.csv"; then
	ok "every cell of $N random reports is stored as printed, or NULL beyond int4 (text -> parse -> store -> COPY TO)"
else
	not_ok "cells differ between the printed reports and COPY TO:"
	diff <(tr , '\n' < "$tmp/want.csv" | nl) <(tr , '\n' < "$tmp/got.csv" | nl) | head -20
fi
check "the property covers counts beyond int4" test "$(grep -c ',,' "$tmp/want.csv")" -gt 0
check "every report with a count beyond int4 has a number diagnostic, and no other report has one" test "$(q -c "
	SELECT count(*) FROM govdisclose.report r
	WHERE (r.source = 'big') <> EXISTS (SELECT FROM govdisclose.import_diagnostics d
	                                   WHERE d.agency = r.agency AND d.code = 'number')")" = 0

rm -rf "$tmp"
drop_db gd_t_property
