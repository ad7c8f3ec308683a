#!/usr/bin/env bash
# CREATE EXTENSION refuses a schema govdisclose made beforehand by another
# role (which could then replace the functions the extension calls); a schema
# the installing role made itself is fine.
source "$(dirname "$0")/lib.bash"
DB=gd_t_schema
SQUATTER=gd_t_schema_squatter
drop_db $DB
psql -X -q -d postgres -c "DROP ROLE IF EXISTS $SQUATTER" >/dev/null 2>&1
psql -X -q -d postgres -c "CREATE DATABASE $DB" -c "CREATE ROLE $SQUATTER LOGIN" >/dev/null
q -d $DB -c "GRANT CREATE ON DATABASE $DB TO $SQUATTER"
psql -X -q -U $SQUATTER -d $DB -c "CREATE SCHEMA govdisclose" \
	-c "CREATE FUNCTION govdisclose.parse_report(body text) RETURNS text LANGUAGE sql AS 'SELECT body'"
out=$(psql -X -q -d $DB -c "CREATE EXTENSION govdisclose" 2>&1)
check "CREATE EXTENSION into a schema govdisclose another role made is refused" \
	grep -qF "ERROR:  schema \"govdisclose\" is owned by role \"$SQUATTER\", not by the extension's owner" <<< "$out"
check "... and installs nothing" test "$(q -d $DB -c "SELECT count(*) FROM pg_extension WHERE extname = 'govdisclose'")" = 0
psql -X -q -U $SQUATTER -d $DB -c "DROP SCHEMA govdisclose CASCADE" >/dev/null 2>&1
q -d $DB -c "CREATE SCHEMA govdisclose"
check "CREATE EXTENSION into a schema govdisclose the installing role made succeeds" q -d $DB -c "CREATE EXTENSION govdisclose"
q -d $DB -c "DROP EXTENSION govdisclose" -c "DROP SCHEMA govdisclose" -c "CREATE SCHEMA govdisclose" \
	-c "GRANT CREATE ON SCHEMA govdisclose TO $SQUATTER"
out=$(psql -X -q -d $DB -c "CREATE EXTENSION govdisclose" 2>&1)
check "... but not when another role may create objects in it" grep -q 'ERROR:  schema "govdisclose" lets role "'$SQUATTER'" create objects in it' <<< "$out"
check "CREATE EXTENSION that makes the schema itself succeeds" q -d $DB -c "DROP SCHEMA govdisclose" -c "CREATE EXTENSION govdisclose"
drop_db $DB
psql -X -q -d postgres -c "DROP ROLE IF EXISTS $SQUATTER" >/dev/null 2>&1
