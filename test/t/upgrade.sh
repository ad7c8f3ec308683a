#!/usr/bin/env bash
# ALTER EXTENSION govdisclose UPDATE from every release keeps the stored reports and
# gives the same objects as a fresh install of the current version.
source "$(dirname "$0")/lib.bash"
tmp=$(mktemp -d)

# the objects of the extension, described by the catalogs
fingerprint() {
	q -d "$1" -c "
	SELECT 'column ' || a.attrelid::regclass || '.' || a.attname || ' ' || a.attnum || ' ' || format_type(a.atttypid, a.atttypmod)
	       || ' ' || coalesce(col_description(a.attrelid, a.attnum), '')
	FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
	WHERE c.relnamespace = 'govdisclose'::regnamespace AND a.attnum > 0 AND NOT a.attisdropped
	UNION ALL
	SELECT 'function ' || p.oid::regprocedure || ' ' || pg_get_functiondef(p.oid) || ' ' || coalesce(obj_description(p.oid, 'pg_proc'), '')
	FROM pg_proc p WHERE p.pronamespace = 'govdisclose'::regnamespace AND p.prokind <> 'a'
	UNION ALL
	SELECT 'aggregate ' || a.aggfnoid::regprocedure || ' ' || concat_ws(' ', a.aggtransfn::regprocedure, a.aggfinalfn::regprocedure,
	       a.aggcombinefn::regprocedure, a.aggserialfn::regprocedure, a.aggdeserialfn::regprocedure, a.aggfinalextra,
	       format_type(a.aggtranstype, NULL), p.proparallel) || ' ' || coalesce(obj_description(p.oid, 'pg_proc'), '')
	FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid WHERE p.pronamespace = 'govdisclose'::regnamespace
	UNION ALL
	SELECT 'view ' || c.oid::regclass || ' ' || pg_get_viewdef(c.oid) FROM pg_class c
	WHERE c.relnamespace = 'govdisclose'::regnamespace AND c.relkind = 'v'
	UNION ALL
	SELECT 'constraint ' || conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint
	WHERE connamespace = 'govdisclose'::regnamespace
	UNION ALL
	SELECT 'trigger ' || pg_get_triggerdef(t.oid) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
	WHERE c.relnamespace = 'govdisclose'::regnamespace AND NOT t.tgisinternal
	UNION ALL
	SELECT 'dumped ' || c.relname || ' ' || coalesce(e.extcondition[array_position(e.extconfig, c.oid)], '')
	FROM pg_extension e JOIN pg_class c ON c.oid = ANY (e.extconfig) WHERE e.extname = 'govdisclose'
	UNION ALL
	SELECT 'data region ' || count(*) || ' ' || md5(string_agg(concat_ws(' ', code, name, level, province_code, prefecture_code, source), E'\n' ORDER BY code))
	FROM govdisclose.region
	UNION ALL
	SELECT 'data agency ' || count(*) || ' ' || md5(string_agg(concat_ws(' ', id, name, region_code, level, kind, parent_id), E'\n' ORDER BY id))
	FROM govdisclose.agency WHERE source = 'gb2260'
	UNION ALL
	SELECT 'data agency_alias ' || count(*) || ' ' || md5(string_agg(concat_ws(' ', agency_id, name), E'\n' ORDER BY agency_id, name))
	FROM govdisclose.agency_alias WHERE source = 'gb2260'
	UNION ALL
	SELECT 'comment ' || c.oid::regclass || ' ' || coalesce(obj_description(c.oid, 'pg_class'), '') FROM pg_class c
	WHERE c.relnamespace = 'govdisclose'::regnamespace
	UNION ALL
	SELECT 'type ' || t.oid::regtype || ' ' || coalesce(obj_description(t.oid, 'pg_type'), '') FROM pg_type t
	WHERE t.typnamespace = 'govdisclose'::regnamespace
	ORDER BY 1"
}

current=$(sed -n "s/default_version = '\(.*\)'/\1/p" govdisclose.control)

# upgrade FROM CSV: install version FROM, load CSV into it, update to the
# current version, check the stored report, and describe the objects.
upgrade() {
	local from=$1 csv=$2 db=gd_t_upgrade_${1//./_}
	empty_db "$db"
	q -d "$db" -c "CREATE EXTENSION govdisclose VERSION '$from'"
	check "a $from file loads into $from" \
		q -d "$db" -c "SET client_min_messages = error" -c "COPY govdisclose.report FROM STDIN (FORMAT csv, HEADER MATCH)" < "$csv"
	check "ALTER EXTENSION UPDATE from $from runs" q -d "$db" -c "ALTER EXTENSION govdisclose UPDATE"
	check "$from: the version is now $current" test \
		"$(q -d "$db" -c "SELECT extversion FROM pg_extension WHERE extname = 'govdisclose'")" = "$current"
	check "$from: the stored report is kept: disclosure rate 31.74" \
		test "$(q -d "$db" -c "SELECT govdisclose.disclosure_rate(govdisclose.requests(r)) FROM govdisclose.report r")" = 31.74
	q -d "$db" -c "COPY govdisclose.report TO STDOUT (FORMAT csv, HEADER)" > "$tmp/out.csv"
	check "$from: COPY TO after the upgrade writes the current layout, the fixture byte for byte" cmp -s "$FIXTURE" "$tmp/out.csv"
	fingerprint "$db" > "$tmp/upgraded-$from.txt"
}

# the fixture in the 0.1.0 layout: its first 205 columns; in the 0.2.0
# layout: its first 228 (0.3.0 appended agency_id)
cut -d, -f1-205 "$FIXTURE" > "$tmp/v010.csv"
upgrade 0.1.0 "$tmp/v010.csv"
check "0.1.0: the stored report now has the 2019 template's cells, NULL" \
	test "$(q -d gd_t_upgrade_0_1_0 -c "SELECT count(*) FROM govdisclose.report WHERE p2019_procurement__unit IS NULL")" = 1
cut -d, -f1-228 "$FIXTURE" > "$tmp/v020.csv"
upgrade 0.2.0 "$tmp/v020.csv"

empty_db gd_t_fresh
q -d gd_t_fresh -c "CREATE EXTENSION govdisclose"
fingerprint gd_t_fresh > "$tmp/fresh.txt"
for from in 0.1.0 0.2.0; do
	if diff -u "$tmp/fresh.txt" "$tmp/upgraded-$from.txt" > "$tmp/diff.txt"; then
		ok "an install upgraded from $from has the same objects as a fresh one ($(wc -l < "$tmp/fresh.txt") described)"
	else
		not_ok "an install upgraded from $from differs from a fresh one:"
		head -40 "$tmp/diff.txt"
	fi
done

# Composite types are append-only across releases: composite values travel
# between servers as text read by position (postgres_fdw, dumps, clients'
# record parsers), so a type whose fields moved would swap values between
# servers of different versions (docs/FEDERATION.md, "Version skew").  Every
# composite type and table row type of a 0.2.0 install keeps its fields, in
# order and with the same types, as a prefix of the current version's.
composites() {
	q -d "$1" -c "
	SELECT c.relname || ' (' || c.relkind::text || '):' ||
	       string_agg(' ' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || ';', '' ORDER BY a.attnum)
	FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
	WHERE c.relnamespace = 'govdisclose'::regnamespace AND c.relkind IN ('c', 'r')
	  AND a.attnum > 0 AND NOT a.attisdropped
	GROUP BY c.relname, c.relkind ORDER BY 1"
}
empty_db gd_t_v020
q -d gd_t_v020 -c "CREATE EXTENSION govdisclose VERSION '0.2.0'"
composites gd_t_v020 > "$tmp/composites-0.2.0.txt"
composites gd_t_fresh > "$tmp/composites-current.txt"
n=0
bad=0
while IFS= read -r old; do
	name=${old%%:*}
	new=$(awk -v n="$name:" 'index($0, n) == 1' "$tmp/composites-current.txt")
	n=$((n + 1))
	if [ -z "$new" ]; then
		bad=$((bad + 1))
		echo "# composite $name of 0.2.0 is gone in $current"
	elif [ "${new#"$old"}" = "$new" ]; then
		bad=$((bad + 1))
		echo "# composite $name: the fields of 0.2.0 are not a prefix of $current's"
		echo "#   0.2.0:${old#*:}"
		echo "#   $current:${new#*:}"
	fi
done < "$tmp/composites-0.2.0.txt"
check "every composite type and row type of 0.2.0 ($n) keeps its fields, in order and with their types, as a prefix of $current's" \
	test "$n" -ge 10 -a "$bad" = 0
drop_db gd_t_v020

rm -rf "$tmp"
drop_db gd_t_upgrade_0_1_0
drop_db gd_t_upgrade_0_2_0
drop_db gd_t_fresh
