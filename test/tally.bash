# test/tally.bash — the count of results of the runners (test/run-tests.sh,
# test/package.sh); sourced, not run.  A run ends with `summary`: the
# failures, then the line "N passed, N failed".
passed=0
failed=0
failures=()

note() { printf '\n== %s\n' "$*"; }
count() {	# count NAME OK? -- one result
	if [ "$2" = 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); failures+=("$1"); fi
}

# tally_lines NAME OUTPUT -- the "ok …" and "not ok …" lines of a test's output
tally_lines() {
	local ok bad
	ok=$(grep -c '^ok ' <<< "$2")
	bad=$(grep -c '^not ok ' <<< "$2")
	passed=$((passed + ok))
	failed=$((failed + bad))
	[ "$bad" = 0 ] || failures+=("$1")
	[ "$ok" -gt 0 ] || [ "$bad" -gt 0 ] || count "$1 reported nothing" 1
}

# tally_regress FILE -- pg_regress's results, from its output in FILE
tally_regress() {
	local ok bad
	ok=$(grep -cE '(\.\.\. ok|^ok [0-9]+ )' "$1")
	bad=$(grep -cE '(\.\.\. FAILED|^not ok [0-9]+ )' "$1")
	passed=$((passed + ok))
	failed=$((failed + bad))
	[ "$bad" = 0 ] || { failures+=("pg_regress (see regression.diffs)"); head -n 200 regression.diffs 2>/dev/null; }
	[ "$ok" -gt 0 ] || count "pg_regress ran no test" 1
}

summary() {
	if [ ${#failures[@]} -gt 0 ]; then
		note "failed"
		printf '  %s\n' "${failures[@]}"
	fi
	echo
	echo "$passed passed, $failed failed"
	[ "$failed" = 0 ]
}
