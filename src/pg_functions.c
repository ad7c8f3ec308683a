/*
 * pg_functions.c — the SQL-callable functions of govdisclose (except the
 * trigger, in pg_enforce.c): section accessors, validate, is_valid, share,
 * disclosure_rate and outcome_shares.  Each unpacks its arguments into the
 * core's gd_report and calls the core.
 */
#include "gd_pg.h"

#include "catalog/pg_type.h"
#include "access/table.h"
#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/lsyscache.h"
#include "utils/numeric.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"
#include "utils/tuplestore.h"
#include "utils/typcache.h"

#include "gd_share.h"

#ifdef PG_MODULE_MAGIC_EXT
PG_MODULE_MAGIC_EXT(.name = "govdisclose", .version = GD_EXTVERSION);
#else
PG_MODULE_MAGIC;
#endif

int			gd_on_violation_mode = GD_ON_ERROR;

static const struct config_enum_entry on_violation_options[] = {
	{"error", GD_ON_ERROR, false},
	{"warning", GD_ON_WARNING, false},
	{"quarantine", GD_ON_QUARANTINE, false},
	{NULL, 0, false}
};

void		_PG_init(void);

void
_PG_init(void)
{
	DefineCustomEnumVariable("govdisclose.on_violation",
							 "What govdisclose.enforce() does with a row that breaks an error-severity rule.",
							 "error rejects the row (SQLSTATE 23514), warning stores it and warns, "
							 "quarantine keeps it out of the table and stores it in govdisclose.rejected.",
							 &gd_on_violation_mode,
							 GD_ON_ERROR,
							 on_violation_options,
							 PGC_USERSET,
							 0,
							 NULL, NULL, NULL);
#if PG_VERSION_NUM >= 150000
	MarkGUCPrefixReserved("govdisclose");
#else
	EmitWarningsOnPlaceholders("govdisclose");
#endif
}

/* ---- per-call caches ---- */

typedef struct section_cache
{
	Oid			typid;
	gd_section_id sec;
	gd_section_layout *layout;
} section_cache;

/* The section a composite argument (possibly NULL) belongs to. */
static section_cache *
section_arg(FunctionCallInfo fcinfo, int argno)
{
	section_cache *c = fcinfo->flinfo->fn_extra;
	Oid			typid = get_fn_expr_argtype(fcinfo->flinfo, argno);

	if (c == NULL || c->typid != typid)
	{
		gd_types	t;
		int			sec = -1;

		gd_lookup_types(&t, fcinfo->flinfo->fn_oid);
		for (int s = 0; s < GD_NSECTIONS; s++)
			if (t.section[s] == typid)
				sec = s;
		if (sec < 0)
			ereport(ERROR,
					(errcode(ERRCODE_DATATYPE_MISMATCH),
					 errmsg("argument of type %s is not a govdisclose section",
							format_type_be(typid))));
		c = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(section_cache));
		c->typid = typid;
		c->sec = (gd_section_id) sec;
		c->layout = gd_section_layout_for(typid, (gd_section_id) sec, fcinfo->flinfo->fn_mcxt);
		fcinfo->flinfo->fn_extra = c;
	}
	return c;
}

/* A report holding only the section given as argument argno. */
static section_cache *
report_from_section(FunctionCallInfo fcinfo, int argno, gd_report *r)
{
	section_cache *c = section_arg(fcinfo, argno);

	/* a section of one template alone is judged by that template */
	gd_report_init(r, (gd_template) gd_sections[c->sec].tmpl);
	if (PG_ARGISNULL(argno))
		r->present[c->sec] = false;
	else
		gd_fill_section(c->layout, PG_GETARG_DATUM(argno), r);
	return c;
}

/* ---- accessors: r.requests, r.proactive, r.appeals ---- */

static Datum
report_section(FunctionCallInfo fcinfo, gd_section_id s)
{
	gd_report_cache *c = gd_report_arg(fcinfo, PG_GETARG_HEAPTUPLEHEADER(0));
	gd_row_values rv = {c->map, c->map->values, c->map->nulls};
	bool		isnull;
	Datum		d;

	if (c->result == NULL)
		c->result = gd_section_layout_for(c->types.section[s], s, fcinfo->flinfo->fn_mcxt);
	d = gd_form_section(c->result, gd_row_cell, &rv, &isnull);
	if (isnull)
		PG_RETURN_NULL();
	PG_RETURN_DATUM(d);
}

PG_FUNCTION_INFO_V1(govdisclose_requests);
Datum
govdisclose_requests(PG_FUNCTION_ARGS)
{
	return report_section(fcinfo, GD_SEC_REQUESTS);
}

PG_FUNCTION_INFO_V1(govdisclose_proactive);
Datum
govdisclose_proactive(PG_FUNCTION_ARGS)
{
	return report_section(fcinfo, GD_SEC_PROACTIVE);
}

PG_FUNCTION_INFO_V1(govdisclose_appeals);
Datum
govdisclose_appeals(PG_FUNCTION_ARGS)
{
	return report_section(fcinfo, GD_SEC_APPEALS);
}

PG_FUNCTION_INFO_V1(govdisclose_proactive_2019);
Datum
govdisclose_proactive_2019(PG_FUNCTION_ARGS)
{
	return report_section(fcinfo, GD_SEC_PROACTIVE_2019);
}

/* ---- validate / is_valid ---- */

/* The violation type as this code fills it: eight fields of these types. */
static void
check_violation_type(TupleDesc desc)
{
	static const Oid want[8] = {TEXTOID, TEXTOID, TEXTOID, TEXTOID, TEXTOID,
	NUMERICOID, NUMERICOID, TEXTOID};
	bool		ok = desc->natts == 8;

	for (int a = 0; ok && a < 8; a++)
		ok = TupleDescAttr(desc, a)->atttypid == want[a] && !TupleDescAttr(desc, a)->attisdropped;
	if (!ok)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("type govdisclose.violation has been altered"),
				 errdetail("It must have the fields rule, severity, section, row_code, column_code (text), expected, actual (numeric) and message (text)."),
				 errhint("Reinstall the extension.")));
}

static void
put_violations(FunctionCallInfo fcinfo, const gd_vlist *l)
{
	TupleDesc	desc;
	Tuplestorestate *ts = gd_srf_init(fcinfo, &desc);

	check_violation_type(desc);
	for (int i = 0; i < l->n; i++)
	{
		Datum		values[8];
		bool		nulls[8];

		gd_violation_values(&l->v[i], values, nulls);
		tuplestore_putvalues(ts, desc, values, nulls);
	}
}

PG_FUNCTION_INFO_V1(govdisclose_validate_section);
Datum
govdisclose_validate_section(PG_FUNCTION_ARGS)
{
	gd_report	r;
	gd_vlist	l = {0};
	section_cache *c = report_from_section(fcinfo, 0, &r);

	gd_check_section(&r, c->sec, gd_vlist_emit, &l);
	put_violations(fcinfo, &l);
	return (Datum) 0;
}

PG_FUNCTION_INFO_V1(govdisclose_is_valid_section);
Datum
govdisclose_is_valid_section(PG_FUNCTION_ARGS)
{
	gd_report	r;
	section_cache *c = report_from_section(fcinfo, 0, &r);

	PG_RETURN_BOOL(gd_check_section(&r, c->sec, NULL, NULL) == 0);
}

/*
 * The report argument; a NULL report is a report of which nothing is
 * printed, as a NULL section is a section not printed: a row of its type
 * with every column NULL.
 */
static HeapTupleHeader
report_or_empty(FunctionCallInfo fcinfo)
{
	Oid			typid;
	TupleDesc	desc;
	Datum	   *values;
	bool	   *nulls;
	HeapTuple	tuple;

	if (!PG_ARGISNULL(0))
		return PG_GETARG_HEAPTUPLEHEADER(0);
	typid = get_fn_expr_argtype(fcinfo->flinfo, 0);
	if (!OidIsValid(typid))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("could not determine the type of a NULL report")));
	desc = lookup_rowtype_tupdesc(typid, -1);
	values = palloc0(sizeof(Datum) * Max(desc->natts, 1));
	nulls = palloc(sizeof(bool) * Max(desc->natts, 1));
	memset(nulls, true, sizeof(bool) * Max(desc->natts, 1));
	tuple = heap_form_tuple(desc, values, nulls);
	ReleaseTupleDesc(desc);
	return DatumGetHeapTupleHeader(HeapTupleGetDatum(tuple));
}

PG_FUNCTION_INFO_V1(govdisclose_is_valid_report);
Datum
govdisclose_is_valid_report(PG_FUNCTION_ARGS)
{
	gd_report	r;
	gd_report_cache *c = gd_report_arg(fcinfo, report_or_empty(fcinfo));

	gd_rowmap_fill(c->map, c->map->values, c->map->nulls, &r);
	PG_RETURN_BOOL(gd_check(&r, NULL, NULL) == 0);
}

PG_FUNCTION_INFO_V1(govdisclose_validate_report);
Datum
govdisclose_validate_report(PG_FUNCTION_ARGS)
{
	gd_report	cur;
	gd_vlist	l = {0};
	gd_report_cache *c = gd_report_arg(fcinfo, report_or_empty(fcinfo));
	gd_rowmap  *m = c->map;

	gd_rowmap_fill(m, m->values, m->nulls, &cur);
	gd_check(&cur, gd_vlist_emit, &l);

	/* continuity with the stored report of the year before */
	if (m->agency_att >= 0 && m->year_att >= 0 &&
		!m->nulls[m->agency_att] && !m->nulls[m->year_att] &&
		DatumGetInt32(m->values[m->year_att]) > PG_INT32_MIN)
	{
		int32		year = DatumGetInt32(m->values[m->year_att]);
		Relation	rel = table_open(c->types.report_rel, AccessShareLock);

		if (!c->finder_known)
		{
			c->finder = gd_neighbour_finder_create(rel, m, false, fcinfo->flinfo->fn_mcxt);
			c->finder_known = true;
		}
		if (c->finder && RelationGetDescr(rel)->natts == m->natts)
		{
			gd_neighbours n;

			gd_neighbours_find(c->finder, rel, m->values[m->agency_att], year, NULL, &n);
			if (n.has_prev)
				gd_check_continuity(&cur, &n.prev, year - 1, gd_vlist_emit, &l);
		}
		table_close(rel, NoLock);	/* keep the lock to the end of the transaction */
	}
	put_violations(fcinfo, &l);
	return (Datum) 0;
}

/* ---- shares ---- */

static Datum
numeric_from_text(const char *s)
{
	return DirectFunctionCall3(numeric_in, CStringGetDatum(s),
							   ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1));
}

static Datum
share_of(FunctionCallInfo fcinfo, int64 part, int64 whole, int32 scale)
{
	char	   *buf;

	if (scale < 0 || scale > GD_SHARE_MAX_SCALE)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("scale %d is out of range", scale),
				 errdetail("The scale of a share must be between 0 and %d.", GD_SHARE_MAX_SCALE)));
	buf = palloc(GD_SHARE_BUFLEN(scale));
	if (!gd_share_format(part, whole, scale, buf))
		PG_RETURN_NULL();
	PG_RETURN_DATUM(numeric_from_text(buf));
}

PG_FUNCTION_INFO_V1(govdisclose_share);
Datum
govdisclose_share(PG_FUNCTION_ARGS)
{
	return share_of(fcinfo, PG_GETARG_INT64(0), PG_GETARG_INT64(1), PG_GETARG_INT32(2));
}

/*
 * share(int4, int4): integer literals and int4 columns find it exactly, so
 * that no share(int, int) elsewhere on the search_path wins over ours.
 */
PG_FUNCTION_INFO_V1(govdisclose_share_int4);
Datum
govdisclose_share_int4(PG_FUNCTION_ARGS)
{
	return share_of(fcinfo, PG_GETARG_INT32(0), PG_GETARG_INT32(1), PG_GETARG_INT32(2));
}

static Datum
disclosure_rate_of(FunctionCallInfo fcinfo, const gd_report *r)
{
	char		buf[GD_SHARE_BUFLEN(2)];

	if (!gd_disclosure_rate(r, buf))
		PG_RETURN_NULL();
	PG_RETURN_DATUM(numeric_from_text(buf));
}

PG_FUNCTION_INFO_V1(govdisclose_disclosure_rate);
Datum
govdisclose_disclosure_rate(PG_FUNCTION_ARGS)
{
	gd_report	r;

	report_from_section(fcinfo, 0, &r);
	return disclosure_rate_of(fcinfo, &r);
}

/*
 * Straight from the row.  When the three totals it needs are printed (the
 * usual case), they are read alone — no deforming of 228 columns — and the
 * result is share(disclosed + partially_disclosed, handled_total), exactly
 * what the general path computes; otherwise the general path decides.
 */
PG_FUNCTION_INFO_V1(govdisclose_disclosure_rate_report);
Datum
govdisclose_disclosure_rate_report(PG_FUNCTION_ARGS)
{
	HeapTupleHeader th = PG_GETARG_HEAPTUPLEHEADER(0);
	gd_report_cache *c = fcinfo->flinfo->fn_extra;
	gd_report	r;

	if (c != NULL && c->typid == HeapTupleHeaderGetTypeId(th))
	{
		static const int need[3] = {
			GD_REQ_CELL(GD_ROW_DISCLOSED, GD_COL_TOTAL),
			GD_REQ_CELL(GD_ROW_PARTIALLY_DISCLOSED, GD_COL_TOTAL),
			GD_REQ_CELL(GD_ROW_HANDLED_TOTAL, GD_COL_TOTAL)
		};
		HeapTupleData tuple;
		int64		v[3];
		bool		ok = true;

		gd_composite_tuple(PointerGetDatum(th), &tuple);
		for (int k = 0; k < 3 && ok; k++)
		{
			int			a = c->map->cell_att[need[k]];
			bool		isnull;
			Datum		d;

			ok = a >= 0 && c->map->typid[a] == INT4OID;
			if (!ok)
				break;
			d = heap_getattr(&tuple, a + 1, c->map->desc, &isnull);
			ok = !isnull;
			v[k] = ok ? DatumGetInt32(d) : 0;
		}
		if (ok)
		{
			char		buf[GD_SHARE_BUFLEN(2)];

			if (!gd_share_format(v[0] + v[1], v[2], 2, buf))
				PG_RETURN_NULL();
			PG_RETURN_DATUM(numeric_from_text(buf));
		}
	}
	c = gd_report_arg(fcinfo, th);
	gd_rowmap_fill(c->map, c->map->values, c->map->nulls, &r);
	return disclosure_rate_of(fcinfo, &r);
}

static Datum outcome_shares_of(FunctionCallInfo fcinfo, const gd_report *r, int method);

static int
method_arg(FunctionCallInfo fcinfo)
{
	char	   *method = text_to_cstring(PG_GETARG_TEXT_PP(1));
	int			m = gd_round_method_by_name(method);

	if (m < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("rounding method \"%s\" does not exist", method),
				 errhint("The methods are %s, %s and %s.",
						 gd_round_method_names[0], gd_round_method_names[1],
						 gd_round_method_names[2])));
	return m;
}

PG_FUNCTION_INFO_V1(govdisclose_outcome_shares);
Datum
govdisclose_outcome_shares(PG_FUNCTION_ARGS)
{
	gd_report	r;
	int			m = method_arg(fcinfo);

	report_from_section(fcinfo, 0, &r);
	return outcome_shares_of(fcinfo, &r, m);
}

PG_FUNCTION_INFO_V1(govdisclose_outcome_shares_report);
Datum
govdisclose_outcome_shares_report(PG_FUNCTION_ARGS)
{
	gd_report	r;
	int			m = method_arg(fcinfo);
	gd_report_cache *c = gd_report_arg(fcinfo, PG_GETARG_HEAPTUPLEHEADER(0));

	gd_rowmap_fill(c->map, c->map->values, c->map->nulls, &r);
	return outcome_shares_of(fcinfo, &r, m);
}

static Datum
outcome_shares_of(FunctionCallInfo fcinfo, const gd_report *r, int m)
{
	gd_outcomes o;
	int64		h[GD_NGROUPS];
	bool		known[GD_NGROUPS];
	TupleDesc	desc;
	Tuplestorestate *ts;

	gd_outcome_counts(r, &o);
	gd_outcome_shares(&o, (gd_round_method) m, h, known);

	ts = gd_srf_init(fcinfo, &desc);
	for (int g = 0; g < GD_NGROUPS; g++)
	{
		Datum		values[4];
		bool		nulls[4] = {false, false, false, false};
		char		buf[32];

		values[0] = CStringGetTextDatum(gd_groups[g].code);
		values[1] = CStringGetTextDatum(gd_groups[g].label_zh);
		values[2] = Int64GetDatum(o.count[g]);
		nulls[2] = !o.count_known[g];
		if (known[g])
		{
			gd_format_hundredths(h[g], buf);
			values[3] = numeric_from_text(buf);
		}
		else
			nulls[3] = true;
		tuplestore_putvalues(ts, desc, values, nulls);
	}
	return (Datum) 0;
}

/* ---- metadata ---- */

PG_FUNCTION_INFO_V1(govdisclose_is_region_code);
Datum
govdisclose_is_region_code(PG_FUNCTION_ARGS)
{
	text	   *t = PG_GETARG_TEXT_PP(0);
	const char *p = VARDATA_ANY(t);

	if (VARSIZE_ANY_EXHDR(t) != 6)
		PG_RETURN_BOOL(false);
	for (int i = 0; i < 6; i++)
		if (p[i] < '0' || p[i] > '9')
			PG_RETURN_BOOL(false);
	PG_RETURN_BOOL(true);
}
