#!/usr/bin/env bash
# Every SQL example in the README is also a regression test: each statement
# of a ```sql block must appear, whitespace aside, in some sql/*.sql file.
source "$(dirname "$0")/lib.bash"

norm() { tr -s ' \t\n' ' ' | sed 's/^ //; s/ $//'; }
tests=$(cat sql/*.sql | grep -v '^--' | norm)

for doc in README.md docs/*.md; do
	[ -f "$doc" ] || continue
	# statements of the sql blocks, one per line (split on ';' at line end)
	awk '/^```sql$/ { on = 1; stmt = ""; next }
		/^```/ { on = 0; next }
		on {
			stmt = stmt (stmt == "" ? "" : " ") $0
			if ($0 ~ /;[ \t]*$/) { print stmt; stmt = "" }
		}' "$doc" > /tmp/govdisclose-docs.$$
	n=0
	while IFS= read -r stmt; do
		n=$((n + 1))
		s=$(printf '%s' "$stmt" | norm)
		if grep -qF -- "$s" <<< "$tests"; then
			ok "$doc example is a regression test: ${s:0:70}"
		else
			not_ok "$doc example is in no sql/*.sql test: $s"
		fi
	done < /tmp/govdisclose-docs.$$
	rm -f /tmp/govdisclose-docs.$$
done
