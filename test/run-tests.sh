#!/usr/bin/env bash
# test/run-tests.sh — every test of govdisclose; `make test` runs it.
#
# Installs what is missing (test/setup.sh deps), builds and installs the
# extension, runs the unit tests of the pure C core, checks that the
# generated docs are current, starts a throwaway PostgreSQL 15 cluster,
# runs the pg_regress suite and the shell tests in test/t/, stops the
# cluster, and ends with the line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."

NAME=test
PORT=${GD_TEST_PORT:-54329}
source test/tally.bash

note "dependencies"
test/setup.sh deps || { echo "could not install the dependencies"; echo "0 passed, 1 failed"; exit 1; }

note "build and install"
if test/setup.sh install; then count build 0; else count build 1; echo "0 passed, 1 failed"; exit 1; fi

note "unit tests of the C core (ASan + UBSan)"
for src in test/unit/test_*.c; do
	bin=${src%.c}
	rm -f "$bin"
	out=""
	make -s "$bin" >/dev/null && out=$("$bin")
	echo "$out" | grep -v '^[0-9]* passed' | grep -v '^ok ' || true
	summary=$(echo "$out" | tail -n 1)
	if [[ "$summary" =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
		passed=$((passed + BASH_REMATCH[1]))
		failed=$((failed + BASH_REMATCH[2]))
		[ "${BASH_REMATCH[2]}" = 0 ] || failures+=("$bin")
		echo "$bin: $summary"
	else
		count "$bin did not run" 1
	fi
done

note "generated docs are current"
make -s src/gen_sql >/dev/null
if src/gen_sql docs | cmp -s - docs/reference.md; then
	echo "ok - docs/reference.md"; count docs 0
else
	echo "not ok - docs/reference.md is stale: run 'make docs'"; count docs 1
fi
if src/gen_sql domain < docs/domain.md | cmp -s - docs/domain.md; then
	echo "ok - docs/domain.md"; count domain-docs 0
else
	echo "not ok - the tables of docs/domain.md are stale: run 'make docs'"; count domain-docs 1
fi

note "PostgreSQL cluster"
test/setup.sh start $NAME "$PORT" || { count cluster 1; echo "$passed passed, $failed failed"; exit 1; }
eval "$(test/setup.sh env $NAME "$PORT")"
trap 'test/setup.sh stop $NAME' EXIT

note "pg_regress"
rm -rf results regression.diffs regression.out
make -s PG_CONFIG=/usr/lib/postgresql/15/bin/pg_config installcheck > /tmp/govdisclose-regress.$$ 2>&1
cat /tmp/govdisclose-regress.$$
tally_regress /tmp/govdisclose-regress.$$
rm -f /tmp/govdisclose-regress.$$

note "shell tests"
for t in test/t/*.sh; do
	[ -e "$t" ] || continue
	out=$(bash "$t" 2>&1)
	echo "$out"
	tally_lines "$t" "$out"
done

summary
