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

/*
 * A loader's region (docs/SECURITY.md, "Roles"): the rows of
 * govdisclose.role_grant of kind loader whose role the current role has the
 * privileges of give the prefixes the region_code of every report it writes
 * must start with; a NULL prefix, no such row, the table's owner and the
 * admins: every region.  Read once per statement (the scope lives in the
 * trigger's per-statement cache); a row costs a prefix comparison.  Row
 * security on the table cannot do it: PostgreSQL refuses COPY FROM into a
 * table with row security for every role it applies to.
 */
struct gd_write_scope
{
	bool		all;
	int			n;
	char	  **prefixes;
	StringInfoData names;		/* "31", "32", for messages */
};

static gd_write_scope *
write_scope(const gd_types *t, Relation rel, MemoryContext mcxt)
{
	MemoryContext old = MemoryContextSwitchTo(mcxt);
	gd_write_scope *s = palloc0(sizeof(gd_write_scope));
	Oid			grants = get_relname_relid("role_grant", t->schema);

	initStringInfo(&s->names);
	s->all = true;
	if (OidIsValid(grants) && !is_owner(RelationGetRelid(rel)) && !is_admin(t->schema))
	{
		Relation	g = table_open(grants, AccessShareLock);
		TupleDesc	desc = RelationGetDescr(g);
		SysScanDesc scan = systable_beginscan(g, InvalidOid, false, GetActiveSnapshot(), 0, NULL);
		HeapTuple	tup;
		bool		unscoped = false;

		while (HeapTupleIsValid(tup = systable_getnext(scan)))
		{
			bool		isnull;
			Datum		role = heap_getattr(tup, 1, desc, &isnull);
			Datum		kind,
						prefix;

			if (isnull || !has_privs_of_role(GetUserId(), DatumGetObjectId(role)))
				continue;
			kind = heap_getattr(tup, 2, desc, &isnull);
			if (isnull || strcmp(TextDatumGetCString(kind), "loader") != 0)
				continue;
			prefix = heap_getattr(tup, 3, desc, &isnull);
			if (isnull)
			{
				unscoped = true;
				continue;
			}
			s->prefixes = s->n == 0 ? palloc(sizeof(char *)) : repalloc(s->prefixes, (s->n + 1) * sizeof(char *));
			s->prefixes[s->n++] = TextDatumGetCString(prefix);
			appendStringInfo(&s->names, "%s\"%s\"", s->names.len ? ", " : "", s->prefixes[s->n - 1]);
		}
		systable_endscan(scan);
		table_close(g, AccessShareLock);
		s->all = unscoped || s->n == 0;
	}
	MemoryContextSwitchTo(old);
	return s;
}

/* Does the region_code value (NULL: isnull) start with one of s's prefixes? */
static bool
in_scope(const gd_write_scope *s, Datum code, bool isnull)
{
	text	   *t;

	if (isnull)
		return false;
	t = DatumGetTextPP(code);
	for (int i = 0; i < s->n; i++)
	{
		size_t		len = strlen(s->prefixes[i]);

		if (VARSIZE_ANY_EXHDR(t) >= len && memcmp(VARDATA_ANY(t), s->prefixes[i], len) == 0)
			return true;
	}
	return false;
}

static void
refuse_region(const gd_write_scope *s, const gd_rowmap *m, Relation rel, Datum code, bool isnull,
			  bool stored)
{
	const char *role = GetUserNameFromId(GetUserId(), false);
	const char *value = isnull ? "NULL" : TextDatumGetCString(code);

	ereport(ERROR,
			(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
			 stored ?
			 errmsg("role \"%s\" may not change %s, stored with region_code %s",
					role, gd_row_identity(m, rel), value) :
			 errmsg("role \"%s\" may not write %s with region_code %s",
					role, gd_row_identity(m, rel), value),
			 errdetail("The role's region prefix is %s: it writes only reports whose region_code starts with it.",
					   s->names.data),
			 errhint("The owner of the table or a govdisclose admin sets the prefix with govdisclose.grant_loader().")));
}

void
gd_check_write_scope(gd_write_scope **scope, const gd_types *t, Relation rel, const gd_rowmap *m,
					 HeapTuple oldtuple, MemoryContext mcxt)
{
	gd_write_scope *s = *scope;
	Datum		code = (Datum) 0;
	bool		isnull = true;

	if (s == NULL)
		s = *scope = write_scope(t, rel, mcxt);
	if (s->all)
		return;
	if (m->region_att >= 0)
	{
		code = m->values[m->region_att];
		isnull = m->nulls[m->region_att];
	}
	if (!in_scope(s, code, isnull))
		refuse_region(s, m, rel, code, isnull, false);
	if (oldtuple != NULL)
	{
		if (m->region_att >= 0)
			code = heap_getattr(oldtuple, m->region_att + 1, RelationGetDescr(rel), &isnull);
		if (!in_scope(s, code, isnull))
			refuse_region(s, m, rel, code, isnull, true);
	}
}
