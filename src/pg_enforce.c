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
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "lib/stringinfo.h"
#include "utils/builtins.h"
#include "utils/json.h"
#include "utils/jsonb.h"
#include "utils/numeric.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "common/hashfn.h"
#include "storage/bufmgr.h"
#include "utils/hsearch.h"
#include "utils/snapmgr.h"
#include "utils/timestamp.h"
#include "utils/rel.h"

/* ---- the per-statement cache of a row trigger ---- */

/*
 * The rows a statement writes into a table that was empty when it began:
 * their neighbours can only be rows of the same statement, so they are kept
 * here, with the cells the continuity rules read, instead of probing the
 * index for every row of a bulk load.
 */
static const int continuity_cells[] = {
	GD_REQ_CELL(GD_ROW_CARRIED_OVER, 0), GD_REQ_CELL(GD_ROW_CARRIED_OVER, 1),
	GD_REQ_CELL(GD_ROW_CARRIED_OVER, 2), GD_REQ_CELL(GD_ROW_CARRIED_OVER, 3),
	GD_REQ_CELL(GD_ROW_CARRIED_OVER, 4), GD_REQ_CELL(GD_ROW_CARRIED_OVER, 5),
	GD_REQ_CELL(GD_ROW_CARRIED_OVER, 6),
	GD_REQ_CELL(GD_ROW_CARRIED_FORWARD, 0), GD_REQ_CELL(GD_ROW_CARRIED_FORWARD, 1),
	GD_REQ_CELL(GD_ROW_CARRIED_FORWARD, 2), GD_REQ_CELL(GD_ROW_CARRIED_FORWARD, 3),
	GD_REQ_CELL(GD_ROW_CARRIED_FORWARD, 4), GD_REQ_CELL(GD_ROW_CARRIED_FORWARD, 5),
	GD_REQ_CELL(GD_ROW_CARRIED_FORWARD, 6),
	GD_PRO_DOC(GD_PITEM_RULES, GD_DOC_ISSUED), GD_PRO_DOC(GD_PITEM_RULES, GD_DOC_REPEALED),
	GD_PRO_DOC(GD_PITEM_RULES, GD_DOC_IN_FORCE),
	GD_PRO_DOC(GD_PITEM_NORMATIVE_DOCUMENTS, GD_DOC_ISSUED),
	GD_PRO_DOC(GD_PITEM_NORMATIVE_DOCUMENTS, GD_DOC_REPEALED),
	GD_PRO_DOC(GD_PITEM_NORMATIVE_DOCUMENTS, GD_DOC_IN_FORCE),
};
#define GD_NCONTINUITY lengthof(continuity_cells)
#define GD_NCONTINUITY_MAX 20
StaticAssertDecl(lengthof(continuity_cells) == GD_NCONTINUITY_MAX,
				 "continuity_cells and GD_NCONTINUITY_MAX disagree");

/* past this many rows, a statement goes back to probing the index */
#define GD_WRITTEN_MAX 1000000

typedef struct written_year
{
	int32		year;
	int64		v[GD_NCONTINUITY_MAX];
	bool		isnull[GD_NCONTINUITY_MAX];
} written_year;

/* one entry per agency: the years this statement wrote for it */
typedef struct written_agency
{
	const char *agency;			/* first: the hash key */
	int			n;
	int			cap;
	written_year *years;
} written_agency;

static uint32
written_hash(const void *key, Size keysize)
{
	const char *agency = *(const char *const *) key;

	return hash_bytes((const unsigned char *) agency, (int) strlen(agency));
}

static int
written_match(const void *a, const void *b, Size keysize)
{
	return strcmp(*(const char *const *) a, *(const char *const *) b);
}

typedef struct enforce_cache
{
	Oid			relid;
	TupleDesc	desc;
	gd_types	types;
	gd_rowmap  *map;
	Oid			year_index;		/* index on (agency, year), or InvalidOid */
	TupleTableSlot *slot;		/* for the neighbouring years' rows */
	HTAB	   *written;		/* see written_agency; NULL: probe the index */
	long		nwritten;
	MemoryContext mcxt;
} enforce_cache;

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
		c->year_index = gd_year_index(rel, c->map);
		c->mcxt = mcxt;
		if (OidIsValid(c->year_index) && RelationGetNumberOfBlocks(rel) == 0)
		{
			HASHCTL		ctl;

			ctl.keysize = sizeof(const char *);
			ctl.entrysize = sizeof(written_agency);
			ctl.hash = written_hash;
			ctl.match = written_match;
			ctl.hcxt = mcxt;
			c->written = hash_create("govdisclose rows of this statement", 1024, &ctl,
									 HASH_ELEM | HASH_FUNCTION | HASH_COMPARE | HASH_CONTEXT);
		}
		if (OidIsValid(c->year_index))
			c->slot = gd_neighbour_slot(rel, mcxt);
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
	static TimestampTz stmt_start = 0;
	static CommandId stmt_cid = InvalidCommandId;
	static int	count = 0;
	TimestampTz ts = GetCurrentStatementStartTimestamp();
	CommandId	cid = GetCurrentCommandId(false);

	if (ts != stmt_start || cid != stmt_cid)
	{
		stmt_start = ts;
		stmt_cid = cid;
		count = 0;
	}
	count++;
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

/* ---- quarantine ---- */

static void
json_number_or_null(StringInfo s, bool has, int64 v)
{
	if (has)
		appendStringInfo(s, INT64_FORMAT, v);
	else
		appendStringInfoString(s, "null");
}

static void
json_string_or_null(StringInfo s, const char *v)
{
	if (v)
		escape_json(s, v);
	else
		appendStringInfoString(s, "null");
}

static char *
violations_json(const gd_vlist *l)
{
	StringInfoData s;

	initStringInfo(&s);
	appendStringInfoChar(&s, '[');
	for (int i = 0; i < l->n; i++)
	{
		const gd_violation *v = &l->v[i];

		if (i > 0)
			appendStringInfoString(&s, ", ");
		appendStringInfoString(&s, "{\"rule\": ");
		escape_json(&s, gd_rules[v->rule].code);
		appendStringInfoString(&s, ", \"severity\": ");
		escape_json(&s, gd_rules[v->rule].severity == GD_SEV_ERROR ? "error" : "warning");
		appendStringInfoString(&s, ", \"section\": ");
		json_string_or_null(&s, gd_violation_section_code(v));
		appendStringInfoString(&s, ", \"row_code\": ");
		json_string_or_null(&s, gd_violation_row_code(v));
		appendStringInfoString(&s, ", \"column_code\": ");
		json_string_or_null(&s, gd_violation_column_code(v));
		appendStringInfoString(&s, ", \"expected\": ");
		json_number_or_null(&s, v->has_expected, v->expected);
		appendStringInfoString(&s, ", \"actual\": ");
		if (v->actual_text)
			escape_json(&s, v->actual_text);	/* NaN is no JSON number */
		else
			json_number_or_null(&s, v->has_actual, v->actual);
		appendStringInfoString(&s, ", \"message\": ");
		escape_json(&s, gd_violation_message(v));
		appendStringInfoChar(&s, '}');
	}
	appendStringInfoChar(&s, ']');
	return s.data;
}

/*
 * A row of plain columns (integers, numeric, text, boolean) as jsonb, built
 * directly: to_jsonb() of a 228-column row looks up every column's type
 * category for every row, about 110 us; this is a third of that.  The
 * result is what to_jsonb() gives (keys sorted the jsonb way, integers as
 * numbers, NaN and infinities as strings).  NULL when a column has another
 * type (a composite section, say): the caller falls back on to_jsonb().
 */
static Jsonb *
row_jsonb(TupleDesc desc, const Datum *values, const bool *nulls)
{
	JsonbParseState *state = NULL;
	JsonbValue *res;

	for (int a = 0; a < desc->natts; a++)
	{
		Oid			t = TupleDescAttr(desc, a)->atttypid;

		if (!TupleDescAttr(desc, a)->attisdropped &&
			t != INT2OID && t != INT4OID && t != INT8OID && t != NUMERICOID &&
			t != TEXTOID && t != VARCHAROID && t != BOOLOID)
			return NULL;
	}
	pushJsonbValue(&state, WJB_BEGIN_OBJECT, NULL);
	for (int a = 0; a < desc->natts; a++)
	{
		Form_pg_attribute att = TupleDescAttr(desc, a);
		JsonbValue	k;
		JsonbValue	v;

		if (att->attisdropped)
			continue;
		k.type = jbvString;
		k.val.string.val = NameStr(att->attname);
		k.val.string.len = (int) strlen(NameStr(att->attname));
		pushJsonbValue(&state, WJB_KEY, &k);
		if (nulls[a])
			v.type = jbvNull;
		else
			switch (att->atttypid)
			{
				case INT2OID:
					v.type = jbvNumeric;
					v.val.numeric = DatumGetNumeric(DirectFunctionCall1(int2_numeric, values[a]));
					break;
				case INT4OID:
					v.type = jbvNumeric;
					v.val.numeric = DatumGetNumeric(DirectFunctionCall1(int4_numeric, values[a]));
					break;
				case INT8OID:
					v.type = jbvNumeric;
					v.val.numeric = DatumGetNumeric(DirectFunctionCall1(int8_numeric, values[a]));
					break;
				case NUMERICOID:
					{
						Numeric		n = DatumGetNumeric(values[a]);
						bool		special = numeric_is_nan(n);

#if PG_VERSION_NUM >= 140000
						special = special || numeric_is_inf(n);
#endif
						if (special)
						{
							char	   *s = DatumGetCString(DirectFunctionCall1(numeric_out, values[a]));

							v.type = jbvString;
							v.val.string.val = s;
							v.val.string.len = (int) strlen(s);
						}
						else
						{
							v.type = jbvNumeric;
							v.val.numeric = n;
						}
					}
					break;
				case BOOLOID:
					v.type = jbvBool;
					v.val.boolean = DatumGetBool(values[a]);
					break;
				default:		/* text, varchar */
					{
						text	   *s = DatumGetTextPP(values[a]);

						v.type = jbvString;
						v.val.string.val = VARDATA_ANY(s);
						v.val.string.len = (int) VARSIZE_ANY_EXHDR(s);
					}
					break;
			}
		pushJsonbValue(&state, WJB_VALUE, &v);
	}
	res = pushJsonbValue(&state, WJB_END_OBJECT, NULL);
	return JsonbValueToJsonb(res);
}

/* Prepared INSERTs into govdisclose.rejected, one per table row type. */
typedef struct quarantine_plan
{
	Oid			rowtype;
	SPIPlanPtr	plan;
} quarantine_plan;

static quarantine_plan *quarantine_plans = NULL;
static int	n_quarantine_plans = 0;

static SPIPlanPtr
quarantine_plan_for(Oid rowtype, const gd_types *t)
{
	Oid			argtypes[6] = {TEXTOID, TEXTOID, TEXTOID, INT4OID, rowtype, TEXTOID};
	char	   *q;
	SPIPlanPtr	p;

	for (int i = 0; i < n_quarantine_plans; i++)
		if (quarantine_plans[i].rowtype == rowtype)
			return quarantine_plans[i].plan;
	/* the row as a whole-row value of its type, or already as jsonb */
	q = psprintf("INSERT INTO %s.rejected (relation, operation, agency, year, row_data, violations) "
				 "VALUES ($1, $2, $3, $4, %s, $6::pg_catalog.jsonb)",
				 quote_identifier(get_namespace_name(t->schema)),
				 rowtype == JSONBOID ? "$5" : "pg_catalog.to_jsonb($5)");
	p = SPI_prepare(q, 6, argtypes);
	if (p == NULL)
		elog(ERROR, "SPI_prepare failed: %s", SPI_result_code_string(SPI_result));
	SPI_keepplan(p);
	quarantine_plans = quarantine_plans == NULL
		? MemoryContextAlloc(TopMemoryContext, sizeof(quarantine_plan))
		: repalloc(quarantine_plans, sizeof(quarantine_plan) * (n_quarantine_plans + 1));
	quarantine_plans[n_quarantine_plans].rowtype = rowtype;
	quarantine_plans[n_quarantine_plans].plan = p;
	n_quarantine_plans++;
	return p;
}

static void
quarantine(Relation rel, HeapTuple tuple, const char *op, const enforce_cache *c,
		   const gd_vlist *l)
{
	const gd_rowmap *m = c->map;
	Datum		args[6];
	char		nulls[6] = {' ', ' ', ' ', ' ', ' ', ' '};
	SPIPlanPtr	plan;
	Jsonb	   *row;

	args[0] = CStringGetTextDatum(quote_qualified_identifier(get_namespace_name(RelationGetNamespace(rel)),
															 RelationGetRelationName(rel)));
	args[1] = CStringGetTextDatum(op);
	if (m->agency_att >= 0 && !m->nulls[m->agency_att])
		args[2] = m->values[m->agency_att];
	else
		nulls[2] = 'n';
	if (m->year_att >= 0 && !m->nulls[m->year_att])
		args[3] = Int32GetDatum(DatumGetInt32(m->values[m->year_att]));
	else
		nulls[3] = 'n';
	row = row_jsonb(RelationGetDescr(rel), m->values, m->nulls);
	args[4] = row ? JsonbPGetDatum(row) : heap_copy_tuple_as_datum(tuple, RelationGetDescr(rel));
	args[5] = CStringGetTextDatum(violations_json(l));

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	plan = quarantine_plan_for(row ? JSONBOID : RelationGetForm(rel)->reltype, &c->types);
	if (SPI_execute_plan(plan, args, nulls, false, 0) != SPI_OK_INSERT)
		elog(ERROR, "could not store the rejected row");
	SPI_finish();
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

/* A report holding only the continuity cells of a written row. */
static void
report_of_written(const written_year *w, gd_report *r)
{
	gd_report_init(r, GD_TMPL_INFER);
	for (size_t i = 0; i < GD_NCONTINUITY; i++)
	{
		r->v[continuity_cells[i]] = w->v[i];
		r->isnull[continuity_cells[i]] = w->isnull[i];
	}
}

/*
 * One hash lookup per row: find the agency's years written so far, take the
 * year before and the year after as neighbours, and add this one.
 */
static void
find_and_remember_written(enforce_cache *c, gd_neighbours *n, const char *agency,
						  int32 year, const gd_report *r)
{
	written_agency *w;
	written_year *y = NULL;
	bool		found;

	if (c->nwritten >= GD_WRITTEN_MAX)
	{
		/* the rows written so far are in the table: probe from now on */
		hash_destroy(c->written);
		c->written = NULL;
		return;
	}
	w = hash_search(c->written, &agency, HASH_ENTER, &found);
	if (!found)
	{
		w->agency = MemoryContextStrdup(c->mcxt, agency);
		w->n = 0;
		w->cap = 2;
		w->years = MemoryContextAlloc(c->mcxt, sizeof(written_year) * w->cap);
	}
	for (int i = 0; i < w->n; i++)
	{
		if (w->years[i].year == year - 1)
		{
			report_of_written(&w->years[i], &n->prev);
			n->has_prev = true;
		}
		else if (w->years[i].year == year + 1)
		{
			report_of_written(&w->years[i], &n->next);
			n->has_next = true;
		}
		else if (w->years[i].year == year)
			y = &w->years[i];	/* written twice: the key check will refuse it */
	}
	if (y == NULL)
	{
		if (w->n == w->cap)
		{
			w->cap *= 2;
			w->years = repalloc(w->years, sizeof(written_year) * w->cap);
		}
		y = &w->years[w->n++];
		c->nwritten++;
	}
	y->year = year;
	for (size_t i = 0; i < GD_NCONTINUITY; i++)
	{
		y->v[i] = r->v[continuity_cells[i]];
		y->isnull[i] = r->isnull[continuity_cells[i]];
	}
}

/*
 * Compare the row being written (r) with the stored reports of the year
 * before and the year after: one index scan over years Y-1..Y+1, or a look
 * in this statement's rows when the table was empty when it began.
 * SnapshotSelf sees the rows this same statement wrote before this one, so
 * a COPY holding both years warns too.
 */
static void
check_neighbours(Relation rel, enforce_cache *c, const gd_report *r, ItemPointer self)
{
	gd_rowmap  *m = c->map;
	Datum		agency;
	int32		year;
	gd_neighbours n;

	if (!OidIsValid(c->year_index) ||
		m->nulls[m->agency_att] || m->nulls[m->year_att])
		return;
	agency = m->values[m->agency_att];
	year = DatumGetInt32(m->values[m->year_att]);
	n.has_prev = n.has_next = false;
	if (year == PG_INT32_MIN || year == PG_INT32_MAX)
		return;
	if (c->written)
		find_and_remember_written(c, &n, TextDatumGetCString(agency), year, r);
	if (c->written == NULL)
		gd_find_neighbours(rel, c->year_index, m, c->slot, agency, year, true,
						   SnapshotSelf, self, &n);
	if (n.has_prev)
	{
		gd_vlist	l = {0};

		gd_check_continuity(r, &n.prev, year - 1, gd_vlist_emit, &l);
		if (l.n > 0)
			warn_discontinuity(gd_row_identity(m, rel), year - 1, &l);
	}
	if (n.has_next)
	{
		gd_vlist	l = {0};

		gd_check_continuity(&n.next, r, year, gd_vlist_emit, &l);
		if (l.n > 0)
			warn_discontinuity(psprintf("report of \"%s\" for %d",
									TextDatumGetCString(agency), year + 1),
						   year, &l);
	}
}

/* ---- the row trigger ---- */

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
	char	   *who;

	heap_deform_tuple(tuple, RelationGetDescr(rel), m->values, m->nulls);
	gd_rowmap_fill(m, m->values, m->nulls, &r);
	gd_check_sections(&r, m->holds, gd_vlist_emit, &l);
	gd_check_row_region(m, c->types.schema, gd_vlist_emit, &l);

	if (l.n == 0)
	{
		check_neighbours(rel, c, &r, is_update ? &td->tg_trigtuple->t_self : NULL);
		return PointerGetDatum(tuple);
	}

	who = gd_row_identity(m, rel);
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
				quarantine(rel, tuple, is_update ? "UPDATE" : "INSERT", c, &l);
				if (may_report())
					ereport(NOTICE,
						(errmsg_plural("%s violates %d govdisclose rule; moved to govdisclose.rejected",
									   "%s violates %d govdisclose rules; moved to govdisclose.rejected",
									   l.errors, who, l.errors),
						 errdetail_internal("%s", violation_lines(&l, GD_SEV_ERROR))));
				return PointerGetDatum(NULL);
		}
	}
	warn_violations(who, &l);
	check_neighbours(rel, c, &r, is_update ? &td->tg_trigtuple->t_self : NULL);
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
