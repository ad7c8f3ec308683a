/*
 * pg_aggregates.c — govdisclose.sum(request_matrix), sum(proactive_stats)
 * and sum(appeal_stats): cell-wise sums of section composites.
 *
 * Each cell is summed as SQL's sum() sums a column: NULL cells are left
 * out, and a cell is NULL in the result only when no input printed it.
 * Counts accumulate exactly in 64 bits (an overflow is SQLSTATE 22003); the
 * result must fit the section's int4 cells, and a cell that does not is
 * 22003 naming the cell, never a wrapped value.  Amounts (本年收费金额)
 * accumulate as numeric.  The state is internal, with serial and combine
 * functions, so the aggregates run in parallel plans.  There is no sum of
 * the 2019 template's section 二: its procurement amounts are printed each
 * in a unit of its own.
 */
#include "gd_pg.h"

#include "catalog/pg_type.h"
#include "common/int.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/datum.h"
#include "utils/fmgrprotos.h"
#include "utils/lsyscache.h"
#include "utils/numeric.h"
#include "funcapi.h"

/* sec is GD_WHOLE_REPORT for sum(report): every cell of every section */
#define GD_WHOLE_REPORT GD_NSECTIONS

typedef struct gd_sum_state
{
	int			sec;			/* gd_section_id, or GD_WHOLE_REPORT */
	int32		tmpl;			/* sum(report): 2021 or 2019 when all inputs agree, 0 none yet, -1 mixed */
	gd_section_layout *layout;	/* of the input type; NULL after deserialising */
	bool		known[GD_NCELLS];
	int64		v[GD_NCELLS];	/* counts */
	Datum		amount[GD_NCELLS];	/* amounts: numeric, in the aggregate context */
} gd_sum_state;

static const char *
cell_name(int cell)
{
	const gd_cell *c = &gd_cells()[cell];

	return psprintf("%s %s", gd_sections[c->section].numeral, c->column_name);
}

static inline void
add_count(gd_sum_state *s, int cell, int64 x)
{
	int64		sum = x;

	if (s->known[cell] && pg_add_s64_overflow(s->v[cell], x, &sum))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("the sum of cell %s is out of range for a 64-bit integer", cell_name(cell))));
	s->v[cell] = sum;
	s->known[cell] = true;
}

/* a + b in the aggregate context (b may be in a shorter-lived one) */
static void
add_amount(gd_sum_state *s, MemoryContext aggcxt, int cell, Datum x)
{
	MemoryContext old = MemoryContextSwitchTo(aggcxt);

	if (s->known[cell])
		s->amount[cell] = DirectFunctionCall2(numeric_add, s->amount[cell], x);
	else
		s->amount[cell] = datumCopy(x, false, -1);
	s->known[cell] = true;
	MemoryContextSwitchTo(old);
}

/*
 * The cells a sum adds up (gd_cell_summable: not a unit, not an amount with
 * a unit of its own; those stay NULL in a sum), read off the model once.
 */
static bool
summable(int cell)
{
	static bool known = false;
	static bool table[GD_NCELLS];

	if (!known)
	{
		for (int i = 0; i < GD_NCELLS; i++)
			table[i] = gd_cell_summable(i);
		known = true;
	}
	return table[cell];
}

/* The cells a state covers. */
static void
state_cells(const gd_sum_state *s, int *first, int *end)
{
	if (s->sec == GD_WHOLE_REPORT)
	{
		*first = 0;
		*end = GD_NCELLS;
	}
	else
	{
		*first = gd_sections[s->sec].first_cell;
		*end = *first + gd_sections[s->sec].ncells;
	}
}

typedef struct visit_ctx
{
	gd_sum_state *s;
	MemoryContext aggcxt;
} visit_ctx;

static void
sum_visit(void *ctx, int cell, Oid typ, Datum d)
{
	visit_ctx  *vc = ctx;

	if (!summable(cell))
		return;
	if (typ == NUMERICOID)
		add_amount(vc->s, vc->aggcxt, cell, d);
	else if (typ == INT2OID)
		add_count(vc->s, cell, DatumGetInt16(d));
	else if (typ == INT4OID)
		add_count(vc->s, cell, DatumGetInt32(d));
	else if (typ == INT8OID)
		add_count(vc->s, cell, DatumGetInt64(d));	/* partial sums, a user's view of sum()s */
	else
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("cell %s of type %s cannot be summed", cell_name(cell), format_type_be(typ))));
}

static MemoryContext
agg_context(FunctionCallInfo fcinfo, const char *fn)
{
	MemoryContext aggcxt;

	if (!AggCheckCallContext(fcinfo, &aggcxt))
		elog(ERROR, "%s called in non-aggregate context", fn);
	return aggcxt;
}

static gd_sum_state *
new_state(MemoryContext aggcxt, int sec)
{
	gd_sum_state *s = MemoryContextAllocZero(aggcxt, sizeof(gd_sum_state));

	s->sec = sec;
	return s;
}

PG_FUNCTION_INFO_V1(govdisclose_sum_trans);
Datum
govdisclose_sum_trans(PG_FUNCTION_ARGS)
{
	MemoryContext aggcxt = agg_context(fcinfo, "govdisclose_sum_trans");
	gd_sum_state *s = PG_ARGISNULL(0) ? NULL : (gd_sum_state *) PG_GETARG_POINTER(0);
	gd_section_arg_cache *c = gd_section_arg(fcinfo, 1);
	visit_ctx	vc;

	if (s == NULL)
		s = new_state(aggcxt, c->sec);
	if (PG_ARGISNULL(1))
		PG_RETURN_POINTER(s);
	vc.s = s;
	vc.aggcxt = aggcxt;
	gd_walk_section(c->layout, PG_GETARG_DATUM(1), sum_visit, &vc);
	PG_RETURN_POINTER(s);
}

static int32
merge_template(int32 a, int32 b)
{
	if (a == 0)
		return b;
	if (b == 0 || a == b)
		return a;
	return -1;
}

/* sum(report) or sum(record): any row with the report's columns, by name */
PG_FUNCTION_INFO_V1(govdisclose_sum_report_trans);
Datum
govdisclose_sum_report_trans(PG_FUNCTION_ARGS)
{
	MemoryContext aggcxt = agg_context(fcinfo, "govdisclose_sum_report_trans");
	gd_sum_state *s = PG_ARGISNULL(0) ? NULL : (gd_sum_state *) PG_GETARG_POINTER(0);
	gd_report_cache *c;
	gd_rowmap  *m;
	visit_ctx	vc;

	if (s == NULL)
		s = new_state(aggcxt, GD_WHOLE_REPORT);
	if (PG_ARGISNULL(1))
		PG_RETURN_POINTER(s);
	c = gd_report_arg(fcinfo, PG_GETARG_HEAPTUPLEHEADER(1));
	m = c->map;
	vc.s = s;
	vc.aggcxt = aggcxt;
	/* the int4 cells (almost all of them): added straight, no dispatch */
	for (int k = 0; k < m->nint4; k++)
	{
		int			a = m->int4_att[k];

		if (!m->nulls[a])
			add_count(s, m->int4_cell[k], DatumGetInt32(m->values[a]));
	}
	for (int k = 0; k < m->nother; k++)
	{
		int			a = m->other_att[k];

		if (!m->nulls[a])
			sum_visit(&vc, m->other_cell[k], m->typid[a], m->values[a]);
	}
	/* the section composites, if the row has any */
	for (int sec = 0; sec < GD_NSECTIONS; sec++)
	{
		int			a = m->section_att[sec];

		if (a >= 0 && !m->nulls[a])
			gd_walk_section(m->section_layout[sec], m->values[a], sum_visit, &vc);
	}
	if (m->template_att >= 0 && !m->nulls[m->template_att])
	{
		text	   *t = DatumGetTextPP(m->values[m->template_att]);
		size_t		n = VARSIZE_ANY_EXHDR(t);
		const char *p = VARDATA_ANY(t);

		s->tmpl = merge_template(s->tmpl, n == 4 && memcmp(p, "2019", 4) == 0 ? 2019 :
								 n == 4 && memcmp(p, "2021", 4) == 0 ? 2021 : -1);
	}
	PG_RETURN_POINTER(s);
}

PG_FUNCTION_INFO_V1(govdisclose_sum_combine);
Datum
govdisclose_sum_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggcxt = agg_context(fcinfo, "govdisclose_sum_combine");
	gd_sum_state *a = PG_ARGISNULL(0) ? NULL : (gd_sum_state *) PG_GETARG_POINTER(0);
	gd_sum_state *b = PG_ARGISNULL(1) ? NULL : (gd_sum_state *) PG_GETARG_POINTER(1);
	int			first,
				end;

	if (b == NULL)
		PG_RETURN_POINTER(a);
	if (a == NULL)
		a = new_state(aggcxt, b->sec);
	a->tmpl = merge_template(a->tmpl, b->tmpl);
	state_cells(b, &first, &end);
	for (int cell = first; cell < end; cell++)
	{
		if (!b->known[cell])
			continue;
		if (gd_cell_kind_of(cell) == GD_KIND_AMOUNT)
			add_amount(a, aggcxt, cell, b->amount[cell]);
		else
			add_count(a, cell, b->v[cell]);
	}
	PG_RETURN_POINTER(a);
}

/* section, then per cell of the section: known, and the count or the amount */
PG_FUNCTION_INFO_V1(govdisclose_sum_serialize);
Datum
govdisclose_sum_serialize(PG_FUNCTION_ARGS)
{
	gd_sum_state *s = (gd_sum_state *) PG_GETARG_POINTER(0);
	StringInfoData buf;
	int			first,
				end;

	agg_context(fcinfo, "govdisclose_sum_serialize");
	pq_begintypsend(&buf);
	pq_sendint32(&buf, (int32) s->sec);
	pq_sendint32(&buf, s->tmpl);
	state_cells(s, &first, &end);
	for (int cell = first; cell < end; cell++)
	{
		pq_sendbyte(&buf, s->known[cell]);
		if (!s->known[cell])
			continue;
		if (gd_cell_kind_of(cell) == GD_KIND_AMOUNT)
		{
			bytea	   *b = DatumGetByteaPP(DirectFunctionCall1(numeric_send, s->amount[cell]));

			pq_sendint32(&buf, VARSIZE_ANY_EXHDR(b));
			pq_sendbytes(&buf, VARDATA_ANY(b), VARSIZE_ANY_EXHDR(b));
		}
		else
			pq_sendint64(&buf, s->v[cell]);
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(govdisclose_sum_deserialize);
Datum
govdisclose_sum_deserialize(PG_FUNCTION_ARGS)
{
	MemoryContext aggcxt = agg_context(fcinfo, "govdisclose_sum_deserialize");
	bytea	   *b = PG_GETARG_BYTEA_PP(0);
	StringInfoData buf;
	gd_sum_state *s;
	int32		secno;
	int			first,
				end;

	initStringInfo(&buf);
	appendBinaryStringInfo(&buf, VARDATA_ANY(b), VARSIZE_ANY_EXHDR(b));
	secno = pq_getmsgint(&buf, 4);
	if (secno < 0 || secno > GD_WHOLE_REPORT)
		elog(ERROR, "govdisclose: corrupt sum state (section %d)", secno);
	s = new_state(aggcxt, secno);
	s->tmpl = pq_getmsgint(&buf, 4);
	state_cells(s, &first, &end);
	for (int cell = first; cell < end; cell++)
	{
		s->known[cell] = pq_getmsgbyte(&buf) != 0;
		if (!s->known[cell])
			continue;
		if (gd_cell_kind_of(cell) == GD_KIND_AMOUNT)
		{
			int			len = pq_getmsgint(&buf, 4);
			StringInfoData nb;
			MemoryContext old;

			nb.data = unconstify(char *, pq_getmsgbytes(&buf, len));
			nb.len = len;
			nb.maxlen = len;
			nb.cursor = 0;
			old = MemoryContextSwitchTo(aggcxt);
			s->amount[cell] = DirectFunctionCall3(numeric_recv, PointerGetDatum(&nb),
												  ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1));
			MemoryContextSwitchTo(old);
		}
		else
			s->v[cell] = pq_getmsgint64(&buf);
	}
	pq_getmsgend(&buf);
	PG_RETURN_POINTER(s);
}

/* The result's cells: counts must fit int4, never wrapped. */
static bool
sum_cell(void *ctx, int cell, Datum *out)
{
	gd_sum_state *s = ctx;

	if (!s->known[cell])
		return false;
	if (gd_cell_kind_of(cell) == GD_KIND_AMOUNT)
	{
		*out = s->amount[cell];
		return true;
	}
	if (s->v[cell] < PG_INT32_MIN || s->v[cell] > PG_INT32_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("the sum of cell %s is out of range for type integer", cell_name(cell)),
				 errdetail("The sum is " INT64_FORMAT ".", s->v[cell]),
				 errhint("Sum the report's columns with SQL's sum(), which gives numeric, "
						 "or govdisclose.request_cells' values.")));
	*out = Int32GetDatum((int32) s->v[cell]);
	return true;
}

/*
 * sum(report): a report whose cells are the sums; agency, year, region and
 * source NULL, the template the inputs' when they all have the same.
 */
static Datum
report_of_sum(FunctionCallInfo fcinfo, gd_sum_state *s)
{
	gd_rowmap  *m = fcinfo->flinfo->fn_extra;
	Datum	   *values;
	bool	   *nulls;

	if (m == NULL)
	{
		gd_types	t;

		gd_lookup_types(&t, fcinfo->flinfo->fn_oid);
		m = gd_rowmap_build(gd_rowtype_desc_copy(t.report, fcinfo->flinfo->fn_mcxt),
							InvalidOid, &t, fcinfo->flinfo->fn_mcxt);
		fcinfo->flinfo->fn_extra = m;
	}
	values = palloc0(sizeof(Datum) * m->natts);
	nulls = palloc(sizeof(bool) * m->natts);
	for (int a = 0; a < m->natts; a++)
	{
		nulls[a] = true;
		if (m->kind[a] == GD_ATT_CELL)
			nulls[a] = !sum_cell(s, m->index[a], &values[a]);
		else if (m->kind[a] == GD_ATT_TEMPLATE && s->tmpl > 0)
		{
			values[a] = CStringGetTextDatum(psprintf("%d", s->tmpl));
			nulls[a] = false;
		}
	}
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(m->desc, values, nulls)));
}

/* sum_final(internal, section): FINALFUNC_EXTRA, so one C function for all three */
PG_FUNCTION_INFO_V1(govdisclose_sum_final);
Datum
govdisclose_sum_final(PG_FUNCTION_ARGS)
{
	gd_sum_state *s = PG_ARGISNULL(0) ? NULL : (gd_sum_state *) PG_GETARG_POINTER(0);
	gd_types	t;
	gd_section_layout *l;
	bool		isnull;
	Datum		d;

	agg_context(fcinfo, "govdisclose_sum_final");
	if (s == NULL)
		PG_RETURN_NULL();
	if (s->sec == GD_WHOLE_REPORT)
		return report_of_sum(fcinfo, s);
	if (fcinfo->flinfo->fn_extra == NULL)
	{
		gd_lookup_types(&t, fcinfo->flinfo->fn_oid);
		fcinfo->flinfo->fn_extra = gd_section_layout_for(t.section[s->sec], s->sec,
														 fcinfo->flinfo->fn_mcxt);
	}
	l = fcinfo->flinfo->fn_extra;
	d = gd_form_section(l, sum_cell, s, &isnull);
	if (isnull)
		PG_RETURN_NULL();
	PG_RETURN_DATUM(d);
}
