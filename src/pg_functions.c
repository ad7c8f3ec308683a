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
#include "lib/stringinfo.h"
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
	DefineCustomIntVariable("govdisclose.agency_index_memory",
							"The memory a backend's index of the agency registry may take with the registered agencies in it.",
							"Beyond it the index holds the shipped and added agencies, aliases and merges only, "
							"and the agencies registered from reports are looked up by key for each name.",
							&gd_agency_index_memory_kb,
							80 * 1024,
							1024,
							MAX_KILOBYTES,
							PGC_USERSET,
							GUC_UNIT_KB,
							NULL, NULL, NULL);
#if PG_VERSION_NUM >= 150000
	MarkGUCPrefixReserved("govdisclose");
#else
	EmitWarningsOnPlaceholders("govdisclose");
#endif
}

/* A report holding only the section given as argument argno. */
static gd_section_arg_cache *
report_from_section(FunctionCallInfo fcinfo, int argno, gd_report *r)
{
	gd_section_arg_cache *c = gd_section_arg(fcinfo, argno);

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
	gd_section_arg_cache *c = report_from_section(fcinfo, 0, &r);

	gd_check_section(&r, c->sec, gd_vlist_emit, &l);
	put_violations(fcinfo, &l);
	return (Datum) 0;
}

PG_FUNCTION_INFO_V1(govdisclose_is_valid_section);
Datum
govdisclose_is_valid_section(PG_FUNCTION_ARGS)
{
	gd_report	r;
	gd_section_arg_cache *c = report_from_section(fcinfo, 0, &r);

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
	gd_check_row_region(m, c->types.schema, gd_vlist_emit, &l);

	/* continuity with the stored report of the year before */
	if (m->agency_att >= 0 && m->year_att >= 0 &&
		!m->nulls[m->agency_att] && !m->nulls[m->year_att] &&
		DatumGetInt32(m->values[m->year_att]) > PG_INT32_MIN)
	{
		int32		year = DatumGetInt32(m->values[m->year_att]);
		Relation	rel = table_open(c->types.report_rel, AccessShareLock);
		Datum		key;

		/*
		 * The stored reports are read with govdisclose.report's own map: the
		 * argument may be a row of another type (a view, a partitioned or a
		 * foreign table) whose columns are in another order.
		 */
		if (!c->finder_known)
		{
			c->relmap = c->typid == c->types.report ? m :
				gd_rowmap_build(gd_desc_copy(RelationGetDescr(rel), fcinfo->flinfo->fn_mcxt),
								RelationGetRelid(rel), &c->types, fcinfo->flinfo->fn_mcxt);
			c->finder = gd_neighbour_finder_create(rel, c->relmap, false, fcinfo->flinfo->fn_mcxt);
			c->finder_known = true;
		}
		if (c->finder && gd_agency_row_key(&c->types, c->finder, m, &key))
		{
			gd_neighbours n;

			gd_neighbours_find(c->finder, rel, key, year, NULL, &n);
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

static void
check_share_scale(int32 scale)
{
	if (scale < 0 || scale > GD_SHARE_MAX_SCALE)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("scale %d is out of range", scale),
				 errdetail("The scale of a share must be between 0 and %d.", GD_SHARE_MAX_SCALE)));
}

/* The share as numeric; false (NULL) when whole is 0. */
static bool
share_of(int64 part, int64 whole, int32 scale, Datum *out)
{
	char	   *buf;

	check_share_scale(scale);
	buf = palloc(GD_SHARE_BUFLEN(scale));
	if (!gd_share_format(part, whole, scale, buf))
		return false;
	*out = numeric_from_text(buf);
	return true;
}

/*
 * share(int, int): integer arguments (literals, int4 columns) find this one
 * exactly, before the bigint and numeric versions, and before a look-alike
 * share(int, int) of another schema later on the search_path.
 */
PG_FUNCTION_INFO_V1(govdisclose_share_int4);
Datum
govdisclose_share_int4(PG_FUNCTION_ARGS)
{
	Datum		d;

	if (!share_of(PG_GETARG_INT32(0), PG_GETARG_INT32(1), PG_GETARG_INT32(2), &d))
		PG_RETURN_NULL();
	PG_RETURN_DATUM(d);
}

PG_FUNCTION_INFO_V1(govdisclose_share);
Datum
govdisclose_share(PG_FUNCTION_ARGS)
{
	Datum		d;

	if (!share_of(PG_GETARG_INT64(0), PG_GETARG_INT64(1), PG_GETARG_INT32(2), &d))
		PG_RETURN_NULL();
	PG_RETURN_DATUM(d);
}

static bool
numeric_is_special(Datum n)
{
	return numeric_is_nan(DatumGetNumeric(n)) || numeric_is_inf(DatumGetNumeric(n));
}

/*
 * share(numeric, numeric, scale): 100 * part / whole rounded half away from
 * zero to scale decimals, exactly, as the bigint version (sums of bigint
 * counts are numeric).  With N = part * 10^(scale + 2), q = div(N, whole)
 * and r = mod(N, whole) are exact integers; q moves one away from zero when
 * 2|r| >= |whole|; the result is q * 10^-scale.  No division rounds on the
 * way, so there is no double rounding.
 */
PG_FUNCTION_INFO_V1(govdisclose_share_numeric);
Datum
govdisclose_share_numeric(PG_FUNCTION_ARGS)
{
	Datum		part = PG_GETARG_DATUM(0);
	Datum		whole = PG_GETARG_DATUM(1);
	int32		scale = PG_GETARG_INT32(2);
	Datum		zero = DirectFunctionCall1(int4_numeric, Int32GetDatum(0));
	Datum		n,
				q,
				r;

	check_share_scale(scale);
	if (numeric_is_special(part) || numeric_is_special(whole))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot compute a share of %s in %s",
						numeric_normalize(DatumGetNumeric(part)),
						numeric_normalize(DatumGetNumeric(whole))),
				 errdetail("A share needs finite numbers.")));
	if (DatumGetInt32(DirectFunctionCall2(numeric_cmp, whole, zero)) == 0)
		PG_RETURN_NULL();
	n = DirectFunctionCall2(numeric_mul, part, numeric_from_text(psprintf("1e%d", scale + 2)));
	q = DirectFunctionCall2(numeric_div_trunc, n, whole);
	r = DirectFunctionCall2(numeric_mod, n, whole);
	if (DatumGetInt32(DirectFunctionCall2(numeric_cmp,
										  DirectFunctionCall1(numeric_abs,
															  DirectFunctionCall2(numeric_add, r, r)),
										  DirectFunctionCall1(numeric_abs, whole))) >= 0)
	{
		/* the quotient's sign is n's times whole's */
		bool		negative = (DatumGetInt32(DirectFunctionCall2(numeric_cmp, n, zero)) < 0) !=
			(DatumGetInt32(DirectFunctionCall2(numeric_cmp, whole, zero)) < 0);

		q = DirectFunctionCall2(negative ? numeric_sub : numeric_add, q,
								DirectFunctionCall1(int4_numeric, Int32GetDatum(1)));
	}
	/* q * 10^-scale: a product, exact, with exactly scale decimals */
	PG_RETURN_DATUM(DirectFunctionCall2(numeric_mul, q, numeric_from_text(psprintf("1e-%d", scale))));
}

/*
 * share_5_2(part, whole): share(part, whole) where it fits numeric(5,2),
 * the declared type of report_summary's shares; NULL beyond 999.99 (a
 * part more than ten times its whole: only a report breaking handled_total
 * or nonnegative has one) and where whole is 0.
 */
PG_FUNCTION_INFO_V1(govdisclose_share_5_2);
Datum
govdisclose_share_5_2(PG_FUNCTION_ARGS)
{
	char		buf[GD_SHARE_BUFLEN(2)];
	const char *digits;
	const char *point;

	if (!gd_share_format(PG_GETARG_INT64(0), PG_GETARG_INT64(1), 2, buf))
		PG_RETURN_NULL();
	/* at most three digits before the point: |share| <= 999.99 */
	digits = buf[0] == '-' ? buf + 1 : buf;
	point = strchr(digits, '.');
	if ((point ? (size_t) (point - digits) : strlen(digits)) > 3)
		PG_RETURN_NULL();
	PG_RETURN_DATUM(numeric_from_text(buf));
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
	int32_t		code;

	PG_RETURN_BOOL(gd_region_code_parse(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), &code));
}

/* ---- labels ---- */

/*
 * label(code, lang): the label of a code of the model in 'zh' or 'en'.  An
 * unknown code is NULL; a bare code with several meanings (disclosed: a row
 * and an outcome group) is an error naming them, since either label would
 * be a guess.
 */
PG_FUNCTION_INFO_V1(govdisclose_label);
Datum
govdisclose_label(PG_FUNCTION_ARGS)
{
	text	   *code = PG_GETARG_TEXT_PP(0);
	text	   *lang = PG_GETARG_TEXT_PP(1);
	int			l = gd_lang_by_name(VARDATA_ANY(lang), VARSIZE_ANY_EXHDR(lang));
	const gd_code_meaning *m[8];
	int			n;

	if (l < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("label language \"%s\" does not exist", text_to_cstring(lang)),
				 errhint("The languages are \"%s\" (the authoritative Chinese labels) and \"%s\".",
						 gd_lang_names[GD_LANG_ZH], gd_lang_names[GD_LANG_EN])));
	n = gd_code_meanings(VARDATA_ANY(code), VARSIZE_ANY_EXHDR(code), m, lengthof(m));
	if (n == 0)
		PG_RETURN_NULL();
	if (n > 1)
	{
		StringInfoData meanings;
		StringInfoData qualified;

		initStringInfo(&meanings);
		initStringInfo(&qualified);
		for (int i = 0; i < n && i < (int) lengthof(m); i++)
		{
			bool		last = i + 1 == n;

			appendStringInfo(&meanings, "%sthe %s %s.%s「%s」", i == 0 ? "" : last ? " and " : ", ",
							 m[i]->kind, m[i]->scope, m[i]->code, m[i]->label[GD_LANG_ZH]);
			appendStringInfo(&qualified, "%s'%s.%s'", i == 0 ? "" : last ? " or " : ", ",
							 m[i]->scope, m[i]->code);
		}
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("code \"%s\" has %d meanings", text_to_cstring(code), n),
				 errdetail("It names %s.", meanings.data),
				 errhint("Write the code with its scope: %s.", qualified.data)));
	}
	PG_RETURN_TEXT_P(cstring_to_text(m[0]->label[l]));
}
