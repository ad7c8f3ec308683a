# test/t/lib.bash — helpers for the shell tests; sourced, not run.
# The runner (test/run-tests.sh) exports PGHOST, PGPORT and PGUSER.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

ok() { echo "ok - $*"; }
not_ok() { echo "not ok - $*"; }
check() {	# check "description" command...
	local what=$1
	shift
	if "$@"; then ok "$what"; else not_ok "$what"; fi
}

# A fresh database with the extension, for one test file.
drop_db() {
	psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $1" >/dev/null 2>&1
}

# empty_db NAME: a new database NAME (dropped first if it exists), without the extension
empty_db() {
	drop_db "$1"
	psql -X -q -d postgres -c "CREATE DATABASE $1" >/dev/null
}

# fresh_db NAME: an empty database with the extension, the default of q and psql
fresh_db() {
	export PGDATABASE=$1
	empty_db "$1"
	psql -X -q -c "CREATE EXTENSION govdisclose" >/dev/null
}

q() { psql -X -q -tA -v ON_ERROR_STOP=1 "$@"; }

FIXTURE=test/data/jinshan-2024.csv

# The fixture with one cell changed: set_cell COLUMN VALUE [AGENCY]
# (another agency: its agency_id blank, to be resolved from the name)
set_cell() {
	awk -F, -v OFS=, -v col="$1" -v val="$2" -v agency="${3:-}" '
		NR == 1 { for (i = 1; i <= NF; i++) { if ($i == col) c = i; if ($i == "agency_id") a = i } print; next }
		{ $c = val; if (agency != "") { $1 = agency; $a = "" } print }' "$FIXTURE"
}
