#!/usr/bin/env bash
# Real reports in the forms users have them (test/data/corpus: a PDF,
# crawler text, converter markdown), each checked cell by cell against its
# hand transcription (<name>.json, values as printed): no wrong number, no
# number for a cell printed blank, at least 98% of the printed cells right.
# Then the other forms: pdftotext output, HTML and GBK renderings of the
# fixture, a PDF without text, a directory of reports.
source "$(dirname "$0")/lib.bash"
fresh_db gd_t_corpus
tmp=$(mktemp -d)
TOOL=$(/usr/lib/postgresql/15/bin/pg_config --bindir)/govdisclose-import
CORPUS=test/data/corpus

# score CSV JSON: "printed right null wrong" over sections 二, 三 and 四
score() {
	{
		echo "CREATE TEMP TABLE got (LIKE govdisclose.report);"
		echo "\\copy got FROM '$1' (FORMAT csv, HEADER MATCH)"
		cat <<-'SQL'
			WITH cells AS (
			    SELECT c.column_name, c.section, c.row_code,
			           (row_number() OVER (PARTITION BY c.section, c.row_code ORDER BY c.position) - 1)::int AS i
			      FROM govdisclose.cells c
			     WHERE c.section IN ('requests', 'proactive', 'appeals')),
			e AS (
			    SELECT cells.*,
			           CASE WHEN jsonb_typeof(x) = 'array' THEN x ->> i ELSE x #>> '{}' END AS want
			      FROM cells, LATERAL (SELECT (:'j'::jsonb) -> cells.section -> cells.row_code AS x) l),
			g AS (SELECT e.want, (SELECT to_jsonb(got) FROM got) ->> e.column_name AS have FROM e)
			SELECT count(*) FILTER (WHERE want IS NOT NULL) || ' ' ||
			       count(*) FILTER (WHERE want IS NOT NULL AND have::numeric = want::numeric) || ' ' ||
			       count(*) FILTER (WHERE want IS NOT NULL AND have IS NULL) || ' ' ||
			       count(*) FILTER (WHERE have IS NOT NULL AND (want IS NULL OR have::numeric <> want::numeric))
			  FROM g;
		SQL
	} | q -v j="$(cat "$2")"
}

# check_report FILE JSON [LABEL]: as it is, with no option
check_report() {
	local file=$1 json=$2 label=${3:-$(basename "$1")}
	"$TOOL" "$file" > "$tmp/out.csv" 2> "$tmp/err.txt"
	check "$label: a report is written (exit 0)" test $? = 0
	read -r printed right nulls wrong <<< "$(score "$tmp/out.csv" "$json")"
	echo "# $label: $printed printed cells, $right right, $nulls NULL, $wrong wrong"
	check "$label: no wrong number, no number for a blank cell" test "${wrong:-1}" = 0
	check "$label: at least 98% of the printed cells right" \
		test $((${right:-0} * 100)) -ge $((${printed:-1} * 98))
	if [ "${nulls:-0}" -gt 0 ]; then
		check "$label: its NULL cells are explained on stderr" \
			grep -qE ': (not_inferred|cell_count|number|row_not_found|item_not_found|blank):' "$tmp/err.txt"
	fi
}

for json in "$CORPUS"/*.json; do
	base=${json%.json}
	for raw in "$base".pdf "$base".crawl.txt "$base".md "$base".html; do
		[ -f "$raw" ] && check_report "$raw" "$json"
	done
done

# the reassembly said what it did
"$TOOL" "$CORPUS/pingtan-2021.crawl.txt" 2> "$tmp/err.txt" > /dev/null
check "pingtan-2021: 「270020130」 is read as 27 0 0 2 0 1 30 by the identities, and says so" \
	grep -q 'inferred: section 三 (requests): row 三(一) 予以公开 (disclosed) .*"270020130"; read as 27 0 0 2 0 1 30: of the 2 ways to cut it that keep its row total, the only one that also keeps 三(七) 总计' "$tmp/err.txt"
"$TOOL" "$CORPUS/pingtan-2022.crawl.txt" 2> "$tmp/err.txt" > /dev/null
check "pingtan-2022: 行政规范性文件 「8855698」 stays NULL: 15 ways, no identity" \
	grep -q 'not_inferred: .*normative_documents.*"8855698": 15 ways to cut it' "$tmp/err.txt"

# hongze's printed errors are kept: 行政复议 10+1+0+0 with 总计 0
"$TOOL" -q "$CORPUS/hongze-2023.pdf" > "$tmp/pdf.csv"
q -c "SET govdisclose.on_violation = warning" -c "SET client_min_messages = error" \
	-c "\copy govdisclose.report FROM '$tmp/pdf.csv' (FORMAT csv, HEADER MATCH)"
check "hongze-2023.pdf: the printed 总计 0 of 行政复议 is kept, and the rule reports it" test "$(
	q -c "SELECT review__total || ' ' || (SELECT count(*) FROM govdisclose.validate(r) v WHERE v.rule = 'appeal_total')
	        FROM govdisclose.report r")" = "0 2"

# pdftotext's own output of the PDF
pdftotext -layout "$CORPUS/hongze-2023.pdf" "$tmp/hongze-layout.txt"
"$TOOL" -q "$tmp/hongze-layout.txt" > "$tmp/layout.csv"
check "hongze-2023: pdftotext -layout output gives the PDF's cells" \
	test "$(tail -1 "$tmp/layout.csv" | cut -d, -f1-4,6-)" = "$(tail -1 "$tmp/pdf.csv" | cut -d, -f1-4,6-)"
pdftotext "$CORPUS/hongze-2023.pdf" "$tmp/hongze-plain.txt"
"$TOOL" "$tmp/hongze-plain.txt" > "$tmp/plain.csv" 2> "$tmp/err.txt"
check "hongze-2023: plain pdftotext output (numbers one per line) gives the PDF's cells" \
	test "$(tail -1 "$tmp/plain.csv" | cut -d, -f1-4,6-)" = "$(tail -1 "$tmp/pdf.csv" | cut -d, -f1-4,6-)"
check "... and says that section 三 was read from its stream of 161 numbers" \
	grep -q 'requests: inferred: section 三 (requests) prints its 161 numbers one per line' "$tmp/err.txt"

# the fixture as an HTML page, and GBK copies: the CSV of its UTF-8 text
"$TOOL" -q test/data/parse/jinshan-2024.txt > "$tmp/text.csv"
for f in jinshan-2024.html jinshan-2024.gbk.txt jinshan-2024.gbk.html; do
	"$TOOL" -q "test/data/forms/$f" > "$tmp/form.csv"
	check "$f gives the CSV of the UTF-8 text" \
		test "$(tail -1 "$tmp/form.csv" | cut -d, -f1-4,6-)" = "$(tail -1 "$tmp/text.csv" | cut -d, -f1-4,6-)"
done
"$TOOL" test/data/forms/jinshan-2024.gbk.txt 2> "$tmp/err.txt" > /dev/null
check "a GBK file is said to be read as GB18030" grep -q 'input: encoding: .*GB18030' "$tmp/err.txt"
"$TOOL" -q < test/data/forms/jinshan-2024.html > "$tmp/stdin.csv"
check "an HTML page on standard input too" \
	test "$(tail -1 "$tmp/stdin.csv" | cut -d, -f1-4,6-)" = "$(tail -1 "$tmp/text.csv" | cut -d, -f1-4,6-)"
"$TOOL" -q < "$CORPUS/hongze-2023.pdf" > "$tmp/stdin.csv"
check "a PDF on standard input too" \
	test "$(tail -1 "$tmp/stdin.csv" | cut -d, -f1-4,6-)" = "$(tail -1 "$tmp/pdf.csv" | cut -d, -f1-4,6-)"
"$TOOL" --text test/data/forms/jinshan-2024.html > "$tmp/doc.txt"
check "--text prints the lines of cells the parser reads" grep -qP '^一、本年新收政府信息公开申请数量\t+582\t30\t0\t0\t1\t4\t617$' "$tmp/doc.txt"

# a PDF without a text layer (a scan)
"$TOOL" test/data/forms/no-text-layer.pdf > /dev/null 2> "$tmp/err.txt"
check "a PDF without a text layer exits 1" test $? = 1
check "... with no_text_layer, and how to OCR it" \
	grep -q 'input: no_text_layer: .*ocrmypdf -l chi_sim.*tesseract-ocr-chi-sim' "$tmp/err.txt"
PATH=/nonexistent "$(command -v bash)" -c "'$TOOL' '$CORPUS/hongze-2023.pdf'" > /dev/null 2> "$tmp/err.txt"
check "without pdftotext, the error names poppler-utils" grep -q 'install the Debian package poppler-utils' "$tmp/err.txt"

# a directory: every file, in name order, one summary
mkdir -p "$tmp/batch/sub"
cp "$CORPUS/hongze-2023.pdf" "$CORPUS/shuyang-county-2025.md" "$tmp/batch/"
cp "$CORPUS/pingtan-2021.crawl.txt" "$CORPUS/pingtan-2022.crawl.txt" "$tmp/batch/sub/"
"$TOOL" "$tmp/batch" > "$tmp/batch.csv" 2> "$tmp/err.txt"
check "a directory: exit 0" test $? = 0
check "... four reports, in name order" test "$(tail -n +2 "$tmp/batch.csv" | cut -d, -f2 | tr '\n' ' ')" = "2023 2025 2021 2022 "
check "... and a summary of files, reports, cells and diagnostics" \
	grep -qE '^govdisclose-import: 4 files, 4 reports written, [0-9]+ cells read, [0-9]+ left NULL; diagnostics: .*inferred [0-9]+' "$tmp/err.txt"
check "... with no progress line when standard error is not a terminal" bash -c "! grep -q \$'\r' '$tmp/err.txt'"
if command -v script > /dev/null; then
	script -qec "'$TOOL' '$tmp/batch' > /dev/null" /dev/null > "$tmp/tty.txt" 2>&1
	check "... and a progress line (files done / total, reports) when it is" \
		grep -q $'\r4/4 files, 4 reports written' "$tmp/tty.txt"
fi

rm -rf "$tmp"
drop_db gd_t_corpus
