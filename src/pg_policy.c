/*
 * pg_policy.c — who may use which mode of govdisclose.on_violation on a
 * table (docs/SECURITY.md).  The setting is any session's to make (SET,
 * PGOPTIONS, set_config, ALTER ROLE): what is checked is its use, by the
 * trigger, once per statement and mode.  govdisclose.enforcement_policy
 * lists the modes any role may use on a table (no row: error and
 * quarantine); the table's owner, roles with its owner's privileges and the
 * roles of govdisclose.admin may use every mode.  error is always allowed.
 *
 * The two tables are read directly (they are a few rows), not through SQL:
 * no privilege of the writing role is needed to be refused.
 */
#include "gd_pg.h"

#include "access/genam.h"
#include "access/table.h"
#include "catalog/pg_class.h"
#include "catalog/pg_type.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "utils/acl.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"

static const char *const mode_names[] = {"error", "warning", "quarantine"};

/*
 * The modes the policy of relid allows any role, as a bit per mode; the
 * default when it has no row; their names, for messages, into names.
 */
static int
allowed_modes(Oid schema, Oid relid, StringInfo names)
{
	Oid			policy = get_relname_relid("enforcement_policy", schema);
	int			allowed = (1 << GD_ON_ERROR) | (1 << GD_ON_QUARANTINE);
	Relation	rel;
	SysScanDesc scan;
	HeapTuple	tup;

	if (!OidIsValid(policy))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("table %s.enforcement_policy does not exist", get_namespace_name(schema)),
				 errhint("Update the extension: ALTER EXTENSION govdisclose UPDATE.")));
	rel = table_open(policy, AccessShareLock);
	scan = systable_beginscan(rel, InvalidOid, false, GetActiveSnapshot(), 0, NULL);
	while (HeapTupleIsValid(tup = systable_getnext(scan)))
	{
		bool		isnull;
		Datum		d = heap_getattr(tup, 1, RelationGetDescr(rel), &isnull);
		Datum	   *elems;
		bool	   *enulls;
		int			n;

		if (isnull || DatumGetObjectId(d) != relid)
			continue;
		d = heap_getattr(tup, 2, RelationGetDescr(rel), &isnull);
		if (isnull)
			continue;
		deconstruct_array(DatumGetArrayTypeP(d), TEXTOID, -1, false, TYPALIGN_INT,
						  &elems, &enulls, &n);
		allowed = 1 << GD_ON_ERROR;
		for (int i = 0; i < n; i++)
			for (int m = 0; m < (int) lengthof(mode_names); m++)
				if (!enulls[i] && strcmp(TextDatumGetCString(elems[i]), mode_names[m]) == 0)
					allowed |= 1 << m;
	}
	systable_endscan(scan);
	table_close(rel, AccessShareLock);
	for (int m = 0; m < (int) lengthof(mode_names); m++)
		if (allowed & (1 << m))
			appendStringInfo(names, "%s%s", names->len ? ", " : "", mode_names[m]);
	return allowed;
}

/* Is the current role one of govdisclose.admin's, or has it their privileges? */
static bool
is_admin(Oid schema)
{
	Oid			admin = get_relname_relid("admin", schema);
	Relation	rel;
	SysScanDesc scan;
	HeapTuple	tup;
	bool		found = false;

	if (!OidIsValid(admin))
		return false;
	rel = table_open(admin, AccessShareLock);
	scan = systable_beginscan(rel, InvalidOid, false, GetActiveSnapshot(), 0, NULL);
	while (!found && HeapTupleIsValid(tup = systable_getnext(scan)))
	{
		bool		isnull;
		Datum		d = heap_getattr(tup, 1, RelationGetDescr(rel), &isnull);

		found = !isnull && has_privs_of_role(GetUserId(), DatumGetObjectId(d));
	}
	systable_endscan(scan);
	table_close(rel, AccessShareLock);
	return found;
}

static bool
is_owner(Oid relid)
{
#if PG_VERSION_NUM >= 160000
	return object_ownercheck(RelationRelationId, relid, GetUserId());
#else
	return pg_class_ownercheck(relid, GetUserId());
#endif
}

void
gd_check_mode_allowed(const gd_types *t, Relation rel, int mode)
{
	StringInfoData allowed;

	if (mode == GD_ON_ERROR)
		return;
	initStringInfo(&allowed);
	if (allowed_modes(t->schema, RelationGetRelid(rel), &allowed) & (1 << mode))
		return;
	if (is_owner(RelationGetRelid(rel)) || is_admin(t->schema))
		return;
	ereport(ERROR,
			(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
			 errmsg("govdisclose.on_violation \"%s\" is not allowed on table %s",
					mode_names[mode],
					quote_qualified_identifier(get_namespace_name(RelationGetNamespace(rel)),
											   RelationGetRelationName(rel))),
			 errdetail("The table's enforcement policy allows %s; its owner and govdisclose admins may use every mode.",
					   allowed.data),
			 errhint("Set govdisclose.on_violation to an allowed mode, or ask the table's owner or an admin to change it with govdisclose.set_enforcement().")));
}
