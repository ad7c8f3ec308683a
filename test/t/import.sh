#!/usr/bin/env bash
# govdisclose-import: report text in, govdisclose.report CSV out, ready for
# COPY ... HEADER MATCH; diagnostics on stderr; exit status.
source "$(dirname "$0")/lib.bash"
fresh_db gd_t_import
tmp=$(mktemp -d)
TOOL=$(/usr/lib/postgresql/15/bin/pg_config --bindir)/govdisclose-import
TEXT=test/data/parse/jinshan-2024.txt

check "govdisclose-import is installed next to PostgreSQL's programs" test -x "$TOOL"
"$TOOL" "$TEXT" > "$tmp/out.csv" 2> "$tmp/err.txt"
check "it converts the Jinshan text (exit 0)" test $? = 0
check "the CSV header is the table's column list" \
	test "$(head -1 "$tmp/out.csv")" = "$(head -1 "$FIXTURE")"
check "COPY ... HEADER MATCH stores it" \
	q -c "SET client_min_messages = error" -c "COPY govdisclose.report FROM STDIN (FORMAT csv, HEADER MATCH)" < "$tmp/out.csv"
check "its disclosure rate is 31.74" \
	test "$(q -c "SELECT govdisclose.disclosure_rate(r) FROM govdisclose.report r")" = 31.74
check "agency and year come from the title" \
	test "$(q -c "SELECT agency || ' ' || year FROM govdisclose.report")" = "上海市金山区 2024"
check "its section 三 is the fixture's, cell for cell" test "$(
	tail -1 "$tmp/out.csv" | cut -d, -f6-180)" = "$(tail -1 "$FIXTURE" | cut -d, -f6-180)"
check "stderr names the missing 行政事业性收费 row with its line" \
	grep -q "jinshan-2024.txt:48: proactive: item_not_found: .*行政事业性收费" "$tmp/err.txt"
check "stderr names section 四's row of 10 numbers for 15 cells" \
	grep -q "jinshan-2024.txt:88: appeals: cell_count: .*10 numbers for 15 cells" "$tmp/err.txt"
check "stderr says the narrative's percentages agree with plug_last" \
	grep -q "narrative: its percentages agree with plug_last" "$tmp/err.txt"

# standard input, options, and the pipe of the README
tail -n +2 test/data/parse/no-numbering.txt | "$TOOL" --agency 某局 --year 2023 > "$tmp/stdin.csv" 2>/dev/null
check "from standard input, --agency and --year fill what the title lacks" \
	test "$(tail -1 "$tmp/stdin.csv" | cut -d, -f1-5)" = "某局,2023,2021,,"
"$TOOL" --agency 某局 --year 2022 --source report.pdf test/data/parse/no-numbering.txt > "$tmp/title.csv" 2> "$tmp/title.err"
check "--agency and --year are the report's, as for import_report(); --source is the source" \
	test "$(tail -1 "$tmp/title.csv" | cut -d, -f1-5)" = "某局,2022,2021,,report.pdf"
check "... and a title that says otherwise is noted (title_differs)" \
	test "$(grep -c ': title: title_differs: the title names' "$tmp/title.err")" = 2
q -c "TRUNCATE govdisclose.report"
"$TOOL" -q "$TEXT" | q -c "SET client_min_messages = error" -c "COPY govdisclose.report FROM STDIN (FORMAT csv, HEADER MATCH)"
check "govdisclose-import FILE | psql -c \"COPY ... FROM STDIN (FORMAT csv, HEADER MATCH)\"" \
	test "$(q -c "SELECT count(*) FROM govdisclose.report")" = 1

# a 2019 trial-template text: its own section 二, amount and unit kept
q -c "TRUNCATE govdisclose.report"
"$TOOL" -q test/data/parse/t2019.txt | q -c "SET client_min_messages = error" -c "COPY govdisclose.report FROM STDIN (FORMAT csv, HEADER MATCH)"
check "a 2019-template text loads as template 2019 with its section 二 (减4, 1234.5 万元)" test "$(q -c \
	"SELECT template || ' ' || p2019_licensing__change || ' ' || p2019_procurement__amount || ' ' || p2019_procurement__unit FROM govdisclose.report")" = "2019 -4 1234.5 万元"

# failures
"$TOOL" test/data/parse/no-tables.txt > "$tmp/none.csv" 2> "$tmp/none.err"
check "a file without tables exits 1" test $? = 1
check "... and writes the header only" test "$(wc -l < "$tmp/none.csv")" = 1
check "... and says so" grep -q "no statistical table found" "$tmp/none.err"
"$TOOL" "$tmp/does-not-exist.txt" > /dev/null 2> "$tmp/missing.err"
check "a file that cannot be opened exits 1" test $? = 1
"$TOOL" --bogus > /dev/null 2>&1
check "an unknown option exits 2" test $? = 2
check "--help describes the tool" bash -c "'$TOOL' --help | grep -q 'HEADER MATCH'"

rm -rf "$tmp"
drop_db gd_t_import
