/*
 * pg_enforce.c — govdisclose.enforce(), the trigger that keeps stored
 * reports honest: BEFORE INSERT OR UPDATE FOR EACH ROW.
 *
 * It evaluates every rule on the new row (no catalog access, no SPI: the
 * column map is built once per statement).  Warnings are raised as WARNING;
 * error-severity violations follow govdisclose.on_violation.  A row that
 * is kept is compared with the same agency's reports of the year before
 * and the year after, found by an index probe on (agency, year), and the
 * continuity rules warn where they do not continue each other.
 */
#include "gd_pg.h"

#include "access/xact.h"
#include "commands/trigger.h"
#include "lib/stringinfo.h"
#include "utils/builtins.h"
#include "utils/datetime.h"
#include "utils/snapmgr.h"
#include "utils/timestamp.h"
#include "utils/rel.h"

/* ---- the per-statement cache of a row trigger ---- */

typedef struct enforce_cache
{
	Oid			relid;
	TupleDesc	desc;
	gd_types	types;
	gd_rowmap  *map;
	gd_neighbour_finder *finder;	/* NULL: no index on (agency, year) */
	gd_quarantine_path *quarantine;	/* made at the first quarantined row */
	int			allowed_mode;	/* the mode the policy allows, -1 before the check */
	gd_write_scope *scope;		/* the writing role's region prefixes, NULL before the check */
	int			last_year;		/* next year, the last reporting year (rule year) */
	MemoryContext mcxt;
} enforce_cache;

/* Next year, as of the statement's start in the session's time zone. */
static int
next_year(void)
{
	struct pg_tm tm;
	fsec_t		fsec;
	int			tz;

	if (timestamp2tm(GetCurrentStatementStartTimestamp(), &tz, &tm, &fsec, NULL, NULL) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("timestamp out of range")));
	return tm.tm_year + 1;
}

static enforce_cache *
cache_for(FunctionCallInfo fcinfo, Relation rel)
{
	enforce_cache *c = fcinfo->flinfo->fn_extra;
	TupleDesc	desc = RelationGetDescr(rel);

	if (c == NULL || c->relid != RelationGetRelid(rel) || c->desc != desc)
	{
		MemoryContext mcxt = fcinfo->flinfo->fn_mcxt;

		c = MemoryContextAllocZero(mcxt, sizeof(enforce_cache));
		c->relid = RelationGetRelid(rel);
		c->desc = desc;
		gd_lookup_types(&c->types, fcinfo->flinfo->fn_oid);
		c->map = gd_rowmap_build(desc, c->relid, &c->types, mcxt);
		if (!c->map->holds_any)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_TABLE_DEFINITION),
					 errmsg("table \"%s\" has no govdisclose columns",
							RelationGetRelationName(rel)),
					 errdetail("govdisclose.enforce() checks columns of type request_matrix, proactive_stats or appeal_stats, "
							   "and integer columns named after cells, such as disclosed__total."),
					 errhint("Add such columns, or drop the trigger.")));
		c->finder = gd_neighbour_finder_create(rel, c->map, true, mcxt);
		c->mcxt = mcxt;
		c->allowed_mode = -1;
		c->last_year = next_year();
		fcinfo->flinfo->fn_extra = c;
	}
	return c;
}

/* ---- messages ---- */

/* One line per violation of the given severity: "rule: message." */
static char *
violation_lines(const gd_vlist *l, gd_severity sev)
{
	StringInfoData s;

	initStringInfo(&s);
	for (int i = 0; i < l->n; i++)
	{
		if (gd_rules[l->v[i].rule].severity != sev)
			continue;
		if (s.len > 0)
			appendStringInfoChar(&s, '\n');
		appendStringInfo(&s, "%s: %s.", gd_rules[l->v[i].rule].code,
						 gd_violation_message(&l->v[i]));
	}
	return s.data;
}

static int
count_severity(const gd_vlist *l, gd_severity sev)
{
	int			n = 0;

	for (int i = 0; i < l->n; i++)
		n += gd_rules[l->v[i].rule].severity == sev;
	return n;
}

/* The rule family of the first error, as the constraint name clients see. */
static const char *
first_error_rule(const gd_vlist *l)
{
	int			best = GD_NRULES;

	for (int i = 0; i < l->n; i++)
		if (gd_rules[l->v[i].rule].severity == GD_SEV_ERROR && l->v[i].rule < best)
			best = l->v[i].rule;
	return best < GD_NRULES ? gd_rules[best].code : NULL;
}

/*
 * At most this many rows of one statement get their own WARNING or NOTICE;
 * a 100,000-row COPY of reports that all lack one cell must not write
 * 100,000 messages to the client and the server log.  validate() lists
 * every warning of every stored report.
 */
#define GD_MESSAGES_PER_STATEMENT 10

static bool
may_report(void)
{
	static gd_stmt_counter messages;
	int			count = gd_stmt_count(&messages);

	if (count == GD_MESSAGES_PER_STATEMENT + 1)
		ereport(WARNING,
				(errcode(ERRCODE_WARNING),
				 errmsg("more rows of this statement have govdisclose warnings or were quarantined; they are not shown one by one"),
				 errhint("govdisclose.validate() lists the warnings of every stored report, and govdisclose.rejected holds the quarantined rows.")));
	return count <= GD_MESSAGES_PER_STATEMENT;
}

static void
warn_violations(const char *who, const gd_vlist *l)
{
	int			n = count_severity(l, GD_SEV_WARNING);

	if (n == 0 || !may_report())
		return;
	ereport(WARNING,
			(errcode(ERRCODE_WARNING),
			 errmsg_plural("%s has %d warning", "%s has %d warnings", n, who, n),
			 errdetail_internal("%s", violation_lines(l, GD_SEV_WARNING))));
}

/* ---- continuity with the year before and the year after ---- */

static void
warn_discontinuity(const char *who, int other_year, const gd_vlist *l)
{
	if (l->n == 0 || !may_report())
		return;
	ereport(WARNING,
			(errcode(ERRCODE_WARNING),
			 errmsg_plural("%s does not continue the report for %d: %d difference",
						   "%s does not continue the report for %d: %d differences",
						   l->n, who, other_year, l->n),
			 errdetail_internal("%s", violation_lines(l, GD_SEV_WARNING))));
}

/*
 * Compare the row being written (r, year) with its neighbours n, the
 * agency's reports of the year before and the year after.
 */
static void
warn_neighbours(Relation rel, const gd_rowmap *m, const gd_report *r, int32 year,
				const gd_neighbours *n)
{
	if (n->has_prev)
	{
		gd_vlist	l = {0};

		gd_check_continuity(r, &n->prev, year - 1, gd_vlist_emit, &l);
		if (l.n > 0)
			warn_discontinuity(gd_row_identity(m, rel), year - 1, &l);
	}
	if (n->has_next)
	{
		gd_vlist	l = {0};

		gd_check_continuity(&n->next, r, year, gd_vlist_emit, &l);
		if (l.n > 0)
			warn_discontinuity(psprintf("report of \"%s\" for %d",
										TextDatumGetCString(m->values[m->agency_att]), year + 1),
							   year, &l);
	}
}

/* ---- the row trigger ---- */

/*
 * A report of the same agency and year is stored already, or came earlier
 * in this statement: a unique violation, with the agency and the year, as
 * the key check would raise it (in quarantine mode the row is quarantined
 * instead, with rule duplicate).
 */
static void
refuse_duplicate(Relation rel, const enforce_cache *c, int32 year)
{
	const gd_rowmap *m = c->map;
	char	   *agency = TextDatumGetCString(m->values[m->agency_att]);
	int			key_att = gd_neighbour_finder_key_att(c->finder);
	char	   *detail = psprintf("Key (agency, year)=(%s, %d) already exists.", agency, year);

	if (key_att == m->agency_id_att)
	{
		int32		id = DatumGetInt32(m->values[key_att]);
		const char *name = gd_agency_display(&c->types, id);

		detail = psprintf("Key (agency_id, year)=(%d, %d) already exists: agency %d is \"%s\".",
						  id, year, id, name ? name : "?");
	}
	ereport(ERROR,
			(errcode(ERRCODE_UNIQUE_VIOLATION),
			 errmsg("report of \"%s\" for %d is already stored", agency, year),
			 errdetail_internal("%s", detail),
			 errhint("An agency has one report a year: correct the agency or the year, or UPDATE the stored report. "
					 "In quarantine mode a duplicate is quarantined (rule duplicate) and the statement goes on."),
			 errtableconstraint(rel, gd_neighbour_finder_key(c->finder))));
}

static Datum
enforce_row(FunctionCallInfo fcinfo, TriggerData *td)
{
	Relation	rel = td->tg_relation;
	bool		is_update = TRIGGER_FIRED_BY_UPDATE(td->tg_event);
	HeapTuple	tuple = is_update ? td->tg_newtuple : td->tg_trigtuple;
	enforce_cache *c = cache_for(fcinfo, rel);
	gd_rowmap  *m = c->map;
	gd_report	r;
	gd_vlist	l = {0};
	gd_neighbours n;
	bool		keyed;
	int			key_att;
	int32		year = 0;
	char	   *who;

	/* the mode in use is checked against the table's policy, whatever the row */
	if (gd_on_violation_mode != c->allowed_mode)
	{
		gd_check_mode_allowed(&c->types, rel, gd_on_violation_mode);
		c->allowed_mode = gd_on_violation_mode;
	}
	heap_deform_tuple(tuple, RelationGetDescr(rel), m->values, m->nulls);
	/* a loader writes its region's reports only: refused, never quarantined */
	gd_check_write_scope(&c->scope, &c->types, rel, m, is_update ? td->tg_trigtuple : NULL, c->mcxt);
	gd_rowmap_fill(m, m->values, m->nulls, &r);
	gd_check_sections(&r, m->holds, gd_vlist_emit, &l);
	gd_check_row_region(m, c->types.schema, gd_vlist_emit, &l);
	tuple = gd_agency_resolve_row(&c->types, rel, tuple, is_update ? td->tg_trigtuple : NULL, m, &l);
	if (m->year_att >= 0 && !m->nulls[m->year_att])
	{
		gd_violation v;

		if (gd_year_violation(DatumGetInt32(m->values[m->year_att]), c->last_year, &v))
			gd_vlist_emit(&l, &v);
	}

	/*
	 * The agency's reports of the years around this one, and of this one,
	 * stored, written earlier in this statement (so a COPY holding both
	 * years warns too, and a duplicate in it is found) or by a concurrent
	 * transaction (pg_neighbors.c).
	 */
	key_att = c->finder != NULL ? gd_neighbour_finder_key_att(c->finder) : -1;
	keyed = c->finder != NULL && !m->nulls[key_att] && !m->nulls[m->year_att];
	n.has_prev = n.has_next = n.has_same = false;
	if (keyed)
	{
		year = DatumGetInt32(m->values[m->year_att]);
		gd_neighbours_find(c->finder, rel, m->values[key_att], year,
						   is_update ? &td->tg_trigtuple->t_self : NULL, &n);
	}
	if (n.has_same && gd_on_violation_mode == GD_ON_QUARANTINE)
	{
		gd_violation dup;

		gd_duplicate_violation(year, &dup);
		gd_vlist_emit(&l, &dup);
	}

	who = l.n > 0 ? gd_row_identity(m, rel) : NULL;
	if (l.errors > 0)
	{
		switch (gd_on_violation_mode)
		{
			case GD_ON_ERROR:
				ereport(ERROR,
						(errcode(ERRCODE_CHECK_VIOLATION),
						 errmsg_plural("%s violates %d govdisclose rule",
									   "%s violates %d govdisclose rules",
									   l.errors, who, l.errors),
						 errdetail_internal("%s", violation_lines(&l, GD_SEV_ERROR)),
						 errhint("Compare the cells named above with the published report. "
								 "To store rows that break rules, set govdisclose.on_violation to \"warning\" or \"quarantine\"."),
						 errtableconstraint(rel, first_error_rule(&l))));
				break;
			case GD_ON_WARNING:
				if (n.has_same)
					refuse_duplicate(rel, c, year);
				if (may_report())
					ereport(WARNING,
						(errcode(ERRCODE_WARNING),
						 errmsg_plural("%s violates %d govdisclose rule; stored anyway",
									   "%s violates %d govdisclose rules; stored anyway",
									   l.errors, who, l.errors),
						 errdetail_internal("%s", violation_lines(&l, GD_SEV_ERROR)),
						 errhint("govdisclose.on_violation is \"warning\"; govdisclose.is_valid() finds such rows."),
						 errtableconstraint(rel, first_error_rule(&l))));
				break;
			case GD_ON_QUARANTINE:
				if (c->quarantine == NULL)
					c->quarantine = gd_quarantine_path_create(&c->types, c->mcxt);
				gd_quarantine(c->quarantine, rel, tuple, is_update ? "UPDATE" : "INSERT", m, &l);
				if (may_report())
					ereport(NOTICE,
						(errmsg_plural("%s violates %d govdisclose rule; moved to govdisclose.rejected",
									   "%s violates %d govdisclose rules; moved to govdisclose.rejected",
									   l.errors, who, l.errors),
						 errdetail_internal("%s", violation_lines(&l, GD_SEV_ERROR))));
				return PointerGetDatum(NULL);
		}
	}
	/* in error mode a report that breaks rules is refused for them first */
	if (n.has_same)
		refuse_duplicate(rel, c, year);
	if (l.n > 0)
		warn_violations(who, &l);
	if (keyed)
		warn_neighbours(rel, m, &r, year, &n);
	return PointerGetDatum(tuple);
}

PG_FUNCTION_INFO_V1(govdisclose_enforce);
Datum
govdisclose_enforce(PG_FUNCTION_ARGS)
{
	TriggerData *td = (TriggerData *) fcinfo->context;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("govdisclose.enforce() must be called as a trigger")));
	if (TRIGGER_FIRED_FOR_ROW(td->tg_event) && TRIGGER_FIRED_BEFORE(td->tg_event) &&
		(TRIGGER_FIRED_BY_INSERT(td->tg_event) || TRIGGER_FIRED_BY_UPDATE(td->tg_event)))
		return enforce_row(fcinfo, td);
	ereport(ERROR,
			(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
			 errmsg("govdisclose.enforce() must be fired BEFORE INSERT OR UPDATE FOR EACH ROW"),
			 errhint("See the README, section \"Enforcing the rules on your own table\".")));
	return (Datum) 0;
}
