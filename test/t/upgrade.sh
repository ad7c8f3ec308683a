#!/usr/bin/env bash
# ALTER EXTENSION govdisclose UPDATE from 0.1.0 keeps the stored reports and
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
	FROM pg_proc p WHERE p.pronamespace = 'govdisclose'::regnamespace
	UNION ALL
	SELECT 'view ' || c.oid::regclass || ' ' || pg_get_viewdef(c.oid) FROM pg_class c
	WHERE c.relnamespace = 'govdisclose'::regnamespace AND c.relkind = 'v'
	UNION ALL
	SELECT 'constraint ' || conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint
	WHERE connamespace = 'govdisclose'::regnamespace
	UNION ALL
	SELECT 'trigger ' || pg_get_triggerdef(oid) FROM pg_trigger WHERE tgrelid = 'govdisclose.report'::regclass
	UNION ALL
	SELECT 'comment ' || c.oid::regclass || ' ' || coalesce(obj_description(c.oid, 'pg_class'), '') FROM pg_class c
	WHERE c.relnamespace = 'govdisclose'::regnamespace
	UNION ALL
	SELECT 'type ' || t.oid::regtype || ' ' || coalesce(obj_description(t.oid, 'pg_type'), '') FROM pg_type t
	WHERE t.typnamespace = 'govdisclose'::regnamespace
	ORDER BY 1"
}

drop_db gd_t_upgrade
psql -X -q -d postgres -c "CREATE DATABASE gd_t_upgrade" >/dev/null
export PGDATABASE=gd_t_upgrade
q -c "CREATE EXTENSION govdisclose VERSION '0.1.0'"
# the fixture in the 0.1.0 layout: its first 205 columns
cut -d, -f1-205 "$FIXTURE" > "$tmp/v010.csv"
check "a 0.1.0 file loads into 0.1.0" \
	q -c "SET client_min_messages = error" -c "COPY govdisclose.report FROM STDIN (FORMAT csv, HEADER MATCH)" < "$tmp/v010.csv"
check "ALTER EXTENSION UPDATE runs" q -c "ALTER EXTENSION govdisclose UPDATE"
check "the version is now $(sed -n "s/default_version = '\(.*\)'/\1/p" govdisclose.control)" test \
	"$(q -c "SELECT extversion FROM pg_extension WHERE extname = 'govdisclose'")" = \
	"$(sed -n "s/default_version = '\(.*\)'/\1/p" govdisclose.control)"
check "the stored report is kept: disclosure rate 31.74" \
	test "$(q -c "SELECT govdisclose.disclosure_rate(govdisclose.requests(r)) FROM govdisclose.report r")" = 31.74
check "the stored report now has the new cells, NULL" \
	test "$(q -c "SELECT count(*) FROM govdisclose.report WHERE p2019_procurement__unit IS NULL")" = 1
q -c "COPY govdisclose.report TO STDOUT (FORMAT csv, HEADER)" > "$tmp/out.csv"
check "COPY TO after the upgrade writes the current layout, the fixture byte for byte" cmp -s "$FIXTURE" "$tmp/out.csv"
fingerprint gd_t_upgrade > "$tmp/upgraded.txt"

drop_db gd_t_fresh
psql -X -q -d postgres -c "CREATE DATABASE gd_t_fresh" >/dev/null
q -d gd_t_fresh -c "CREATE EXTENSION govdisclose"
fingerprint gd_t_fresh > "$tmp/fresh.txt"
if diff -u "$tmp/fresh.txt" "$tmp/upgraded.txt" > "$tmp/diff.txt"; then
	ok "an upgraded install has the same objects as a fresh one ($(wc -l < "$tmp/fresh.txt") described)"
else
	not_ok "an upgraded install differs from a fresh one:"
	head -40 "$tmp/diff.txt"
fi

rm -rf "$tmp"
drop_db gd_t_upgrade
drop_db gd_t_fresh
