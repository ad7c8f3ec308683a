/*
 * pg_convert.c — composites and table rows to and from the core's gd_report.
 *
 * Every mapping is computed once per descriptor (callers cache it in
 * fn_extra), by attribute name, so the row path only copies Datums.
 */
#include "gd_pg.h"

#include "access/xact.h"
#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "funcapi.h"
#include "parser/parse_func.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/numeric.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"
#include "utils/syscache.h"
#include "utils/memutils.h"
#include "utils/typcache.h"
#include "utils/tuplestore.h"

static Oid
type_in_schema(const char *name, Oid nsp)
{
	return GetSysCacheOid2(TYPENAMENSP, Anum_pg_type_oid,
						   CStringGetDatum(name), ObjectIdGetDatum(nsp));
}

void
gd_internal_function(Oid schema, const char *name, int nargs, const Oid *argtypes,
					 const char *what, FmgrInfo *fn, MemoryContext mcxt)
{
	char	   *sname = get_namespace_name(schema);
	Oid			foid = LookupFuncName(list_make2(makeString(sname), makeString(pstrdup(name))),
									  nargs, argtypes, true);

	if (!OidIsValid(foid))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_FUNCTION),
				 errmsg("function %s.%s does not exist", sname, name),
				 errdetail("%s", what),
				 errhint("Update the extension: ALTER EXTENSION govdisclose UPDATE.")));
	fmgr_info_cxt(foid, fn, mcxt);
}

int
gd_column_of(Relation rel, const char *name)
{
	TupleDesc	d = RelationGetDescr(rel);

	for (int a = 0; a < d->natts; a++)
		if (!TupleDescAttr(d, a)->attisdropped && strcmp(NameStr(TupleDescAttr(d, a)->attname), name) == 0)
			return a;
	ereport(ERROR,
			(errcode(ERRCODE_UNDEFINED_COLUMN),
			 errmsg("table \"%s\" has no column \"%s\"", RelationGetRelationName(rel), name),
			 errhint("Reinstall the extension.")));
	return -1;
}

void
gd_lookup_types(gd_types *t, Oid fn_oid)
{
	/* not relocatable: every object lives in the schema of our functions */
	t->schema = get_func_namespace(fn_oid);
	for (int s = 0; s < GD_NSECTIONS; s++)
		t->section[s] = type_in_schema(gd_sections[s].type_name, t->schema);
	t->violation = type_in_schema("violation", t->schema);
	t->report = type_in_schema("report", t->schema);
	t->report_rel = get_relname_relid("report", t->schema);
	if (!OidIsValid(t->section[GD_SEC_REQUESTS]) || !OidIsValid(t->report))
		elog(ERROR, "govdisclose: the extension's types are missing from schema %u", t->schema);
}

static int
item_by_name(const gd_section *sec, const char *name)
{
	for (int i = 0; i < sec->nitems; i++)
		if (strcmp(sec->items[i].code, name) == 0)
			return i;
	return -1;
}

TupleDesc
gd_desc_copy(TupleDesc d, MemoryContext mcxt)
{
	MemoryContext old = MemoryContextSwitchTo(mcxt);
	TupleDesc	copy = CreateTupleDescCopy(d);

	MemoryContextSwitchTo(old);
	return copy;
}

TupleDesc
gd_rowtype_desc_copy(Oid typid, MemoryContext mcxt)
{
	TupleDesc	d = lookup_rowtype_tupdesc(typid, -1);
	TupleDesc	copy = gd_desc_copy(d, mcxt);

	ReleaseTupleDesc(d);
	return copy;
}

/*
 * Cells are int4 in the extension's types; a user's table may use int2, and
 * a view of sum()s int8.  A value read from an int8 column
 * must fit int4 like any cell (count_value): the rules add up int4 values in
 * 64 bits, and the composites hold int4.  Only the sum aggregate reads int8
 * values in full (pg_aggregates.c).
 */
static bool
is_count_type(Oid typ)
{
	return typ == INT2OID || typ == INT4OID || typ == INT8OID;
}

/* Can a column of type typ hold a cell of this kind? */
static bool
column_fits(gd_cell_kind k, Oid typ)
{
	switch (k)
	{
		case GD_KIND_AMOUNT:
			return typ == NUMERICOID;
		case GD_KIND_TEXT:
			return typ == TEXTOID || typ == VARCHAROID;
		default:
			return is_count_type(typ);
	}
}

static const char *
kind_type_name(gd_cell_kind k)
{
	switch (k)
	{
		case GD_KIND_AMOUNT:
			return "numeric";
		case GD_KIND_TEXT:
			return "text";
		default:
			return "integer, smallint or bigint";
	}
}

/* The exact type of a cell of this kind in the extension's own types. */
static Oid
kind_type(gd_cell_kind k)
{
	return k == GD_KIND_AMOUNT ? NUMERICOID : k == GD_KIND_TEXT ? TEXTOID : INT4OID;
}

static gd_cellset_layout *
cellset_layout_for(Oid typid, const gd_cellset *cs, const char *where,
				   MemoryContext mcxt)
{
	gd_cellset_layout *l = MemoryContextAllocZero(mcxt, sizeof(gd_cellset_layout));

	l->typid = typid;
	l->desc = gd_rowtype_desc_copy(typid, mcxt);
	l->values = MemoryContextAlloc(mcxt, sizeof(Datum) * Max(l->desc->natts, 1));
	l->nulls = MemoryContextAlloc(mcxt, sizeof(bool) * Max(l->desc->natts, 1));
	for (int c = 0; c < cs->ncells; c++)
		l->att_of_cell[c] = -1;
	for (int a = 0; a < l->desc->natts; a++)
	{
		Form_pg_attribute att = TupleDescAttr(l->desc, a);

		if (att->attisdropped)
			continue;
		for (int c = 0; c < cs->ncells; c++)
			if (strcmp(NameStr(att->attname), cs->cells[c].code) == 0)
			{
				if (att->atttypid != kind_type(cs->cells[c].kind))
					ereport(ERROR,
							(errcode(ERRCODE_DATATYPE_MISMATCH),
							 errmsg("field \"%s\" of type %s must be of type %s",
									NameStr(att->attname), format_type_be(typid),
									format_type_be(kind_type(cs->cells[c].kind))),
							 errdetail("It has type %s; %s holds it.",
									   format_type_be(att->atttypid), where)));
				l->att_of_cell[c] = a;
			}
	}
	return l;
}

gd_section_layout *
gd_section_layout_for(Oid typid, gd_section_id s, MemoryContext mcxt)
{
	const gd_section *sec = &gd_sections[s];
	gd_section_layout *l = MemoryContextAllocZero(mcxt, sizeof(gd_section_layout));

	l->sec = s;
	l->typid = typid;
	l->desc = gd_rowtype_desc_copy(typid, mcxt);
	l->values = MemoryContextAlloc(mcxt, sizeof(Datum) * Max(l->desc->natts, 1));
	l->nulls = MemoryContextAlloc(mcxt, sizeof(bool) * Max(l->desc->natts, 1));
	for (int i = 0; i < sec->nitems; i++)
		l->att_of_item[i] = -1;
	for (int a = 0; a < l->desc->natts; a++)
	{
		Form_pg_attribute att = TupleDescAttr(l->desc, a);
		int			i;

		if (att->attisdropped)
			continue;
		i = item_by_name(sec, NameStr(att->attname));
		if (i < 0)
			continue;
		l->att_of_item[i] = a;
		if (sec->items[i].cellset->type_name)
		{
			if (!type_is_rowtype(att->atttypid))
				ereport(ERROR,
						(errcode(ERRCODE_DATATYPE_MISMATCH),
						 errmsg("field \"%s\" of type %s must be of type %s",
								NameStr(att->attname), format_type_be(typid),
								sec->items[i].cellset->type_name),
						 errdetail("It has type %s.", format_type_be(att->atttypid))));
			l->cs_of_item[i] = cellset_layout_for(att->atttypid, sec->items[i].cellset,
												  sec->items[i].code, mcxt);
		}
		else
		{
			Oid			want = kind_type(sec->items[i].cellset->cells[0].kind);

			if (att->atttypid != want)
				ereport(ERROR,
						(errcode(ERRCODE_DATATYPE_MISMATCH),
						 errmsg("field \"%s\" of type %s must be of type %s",
								NameStr(att->attname), format_type_be(typid),
								format_type_be(want)),
						 errdetail("It has type %s.", format_type_be(att->atttypid))));
		}
	}
	return l;
}

/* A count of a column of type typ, holding cell (for the message). */
static int64
count_value(Oid typ, Datum d, int cell)
{
	int64		v;

	if (typ == INT2OID)
		return DatumGetInt16(d);
	if (typ != INT8OID)
		return DatumGetInt32(d);
	v = DatumGetInt64(d);
	if (v < PG_INT32_MIN || v > PG_INT32_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("value %lld of column \"%s\" is out of range for a govdisclose cell",
						(long long) v, gd_cells()[cell].column_name),
				 errdetail("A cell is an integer; a bigint column may hold only values that fit one."),
				 errhint("govdisclose.sum() adds up bigint columns in full.")));
	return v;
}

/*
 * The fee: its sign in v (-1 for a negative, NaN or infinite amount), its
 * text for messages only when it is not a valid amount.
 */
static void
set_amount(gd_report *r, int cell, Datum d)
{
	static Datum zero = (Datum) 0;
	Numeric		n = DatumGetNumeric(d);
	bool		bad;

	if (zero == (Datum) 0)
	{
		MemoryContext old = MemoryContextSwitchTo(TopMemoryContext);

		zero = DirectFunctionCall1(int4_numeric, Int32GetDatum(0));
		MemoryContextSwitchTo(old);
	}
	r->isnull[cell] = false;
	if (numeric_is_nan(n))
		bad = true;
#if PG_VERSION_NUM >= 140000
	else if (numeric_is_inf(n))
		bad = true;
#endif
	else
		bad = DatumGetBool(DirectFunctionCall2(numeric_lt, d, zero));
	r->v[cell] = bad ? -1 : 1;
	if (bad)
		r->text[cell] = DatumGetCString(DirectFunctionCall1(numeric_out, d));
}

/* One non-NULL cell of type typ into the report. */
static void
set_scalar(gd_report *r, int cell, Oid typ, Datum d)
{
	if (typ == NUMERICOID)
		set_amount(r, cell, d);
	else if (typ == TEXTOID || typ == VARCHAROID)
		r->isnull[cell] = false;	/* a unit: printed or not is all that counts */
	else
	{
		r->v[cell] = count_value(typ, d, cell);
		r->isnull[cell] = false;
	}
}

void
gd_composite_tuple(Datum d, HeapTupleData *tuple)
{
	HeapTupleHeader th = DatumGetHeapTupleHeader(d);

	tuple->t_len = HeapTupleHeaderGetDatumLength(th);
	ItemPointerSetInvalid(&(tuple->t_self));
	tuple->t_tableOid = InvalidOid;
	tuple->t_data = th;
}

void
gd_deform_composite(Datum d, TupleDesc desc, Datum *values, bool *nulls)
{
	HeapTupleData tuple;

	gd_composite_tuple(d, &tuple);
	heap_deform_tuple(&tuple, desc, values, nulls);
}

gd_section_arg_cache *
gd_section_arg(FunctionCallInfo fcinfo, int argno)
{
	gd_section_arg_cache *c = fcinfo->flinfo->fn_extra;
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
		c = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(gd_section_arg_cache));
		c->typid = typid;
		c->sec = (gd_section_id) sec;
		c->layout = gd_section_layout_for(typid, (gd_section_id) sec, fcinfo->flinfo->fn_mcxt);
		fcinfo->flinfo->fn_extra = c;
	}
	return c;
}

gd_report_cache *
gd_report_arg(FunctionCallInfo fcinfo, HeapTupleHeader th)
{
	gd_report_cache *c = fcinfo->flinfo->fn_extra;
	Oid			typid = HeapTupleHeaderGetTypeId(th);
	int32		typmod = HeapTupleHeaderGetTypMod(th);

	if (c == NULL || c->typid != typid || c->typmod != typmod)
	{
		MemoryContext mcxt = fcinfo->flinfo->fn_mcxt;
		TupleDesc	d = lookup_rowtype_tupdesc(typid, typmod);
		TupleDesc	copy;
		MemoryContext old = MemoryContextSwitchTo(mcxt);

		copy = CreateTupleDescCopy(d);
		MemoryContextSwitchTo(old);
		ReleaseTupleDesc(d);

		c = MemoryContextAllocZero(mcxt, sizeof(gd_report_cache));
		c->typid = typid;
		c->typmod = typmod;
		gd_lookup_types(&c->types, fcinfo->flinfo->fn_oid);
		c->map = gd_rowmap_build(copy, InvalidOid, &c->types, mcxt);
		if (!c->map->holds_any)
			ereport(ERROR,
					(errcode(ERRCODE_DATATYPE_MISMATCH),
					 errmsg("a row of type %s holds no report cells", format_type_be(typid)),
					 errdetail("Report functions read a row's columns by name: request_matrix, proactive_stats "
							   "or appeal_stats columns, or columns named after cells, such as disclosed__total."),
					 errhint("Pass a row of govdisclose.report, or of a table, view or foreign table with its columns.")));
		fcinfo->flinfo->fn_extra = c;
	}
	gd_deform_composite(PointerGetDatum(th), c->map->desc, c->map->values, c->map->nulls);
	return c;
}

void
gd_walk_section(gd_section_layout *l, Datum d, gd_cell_visitor visit, void *ctx)
{
	const gd_section *sec = &gd_sections[l->sec];

	gd_deform_composite(d, l->desc, l->values, l->nulls);
	for (int i = 0; i < sec->nitems; i++)
	{
		int			a = l->att_of_item[i];
		const gd_item *it = &sec->items[i];

		if (a < 0 || l->nulls[a])
			continue;			/* cells stay NULL */
		if (l->cs_of_item[i])
		{
			gd_cellset_layout *cl = l->cs_of_item[i];

			gd_deform_composite(l->values[a], cl->desc, cl->values, cl->nulls);
			for (int c = 0; c < it->cellset->ncells; c++)
			{
				int			ca = cl->att_of_cell[c];

				if (ca >= 0 && !cl->nulls[ca])
					visit(ctx, it->first_cell + c,
						  TupleDescAttr(cl->desc, ca)->atttypid, cl->values[ca]);
			}
		}
		else
			visit(ctx, it->first_cell, TupleDescAttr(l->desc, a)->atttypid, l->values[a]);
	}
}

static void
fill_visit(void *ctx, int cell, Oid typ, Datum d)
{
	set_scalar((gd_report *) ctx, cell, typ, d);
}

void
gd_fill_section(gd_section_layout *l, Datum d, gd_report *r)
{
	gd_walk_section(l, d, fill_visit, r);
}

Datum
gd_form_section(const gd_section_layout *l, gd_cell_getter get, void *ctx, bool *isnull)
{
	const gd_section *sec = &gd_sections[l->sec];
	bool		any_item = false;
	Datum	   *values = palloc0(sizeof(Datum) * Max(l->desc->natts, 1));
	bool	   *nulls = palloc(sizeof(bool) * Max(l->desc->natts, 1));

	memset(nulls, true, sizeof(bool) * Max(l->desc->natts, 1));
	for (int i = 0; i < sec->nitems; i++)
	{
		int			a = l->att_of_item[i];
		const gd_item *it = &sec->items[i];

		if (a < 0)
			continue;
		if (l->cs_of_item[i])
		{
			const gd_cellset_layout *cl = l->cs_of_item[i];
			Datum	   *iv = palloc0(sizeof(Datum) * Max(cl->desc->natts, 1));
			bool	   *in = palloc(sizeof(bool) * Max(cl->desc->natts, 1));
			bool		any = false;

			memset(in, true, sizeof(bool) * Max(cl->desc->natts, 1));
			for (int c = 0; c < it->cellset->ncells; c++)
			{
				int			ca = cl->att_of_cell[c];

				if (ca >= 0 && get(ctx, it->first_cell + c, &iv[ca]))
				{
					in[ca] = false;
					any = true;
				}
			}
			/* an item of which nothing is printed is NULL, not (,,,) */
			if (any)
			{
				values[a] = HeapTupleGetDatum(heap_form_tuple(cl->desc, iv, in));
				nulls[a] = false;
				any_item = true;
			}
		}
		else if (get(ctx, it->first_cell, &values[a]))
		{
			nulls[a] = false;
			any_item = true;
		}
	}
	/* a section of which nothing is printed is NULL */
	*isnull = !any_item;
	if (!any_item)
		return (Datum) 0;
	return HeapTupleGetDatum(heap_form_tuple(l->desc, values, nulls));
}

bool
gd_row_cell(void *ctx, int cell, Datum *out)
{
	const gd_row_values *rv = ctx;
	int			a = rv->map->cell_att[cell];
	Oid			typ;

	if (a < 0 || rv->nulls[a])
		return false;
	typ = rv->map->typid[a];
	*out = is_count_type(typ) ? Int32GetDatum((int32) count_value(typ, rv->values[a], cell)) : rv->values[a];
	return true;
}

gd_rowmap *
gd_rowmap_build(TupleDesc desc, Oid relid, const gd_types *t, MemoryContext mcxt)
{
	gd_rowmap  *m = MemoryContextAllocZero(mcxt, sizeof(gd_rowmap));
	int			n = desc->natts;

	m->relid = relid;
	m->desc = desc;
	m->natts = n;
	m->kind = MemoryContextAllocZero(mcxt, n);
	m->index = MemoryContextAllocZero(mcxt, sizeof(int16) * n);
	m->typid = MemoryContextAllocZero(mcxt, sizeof(Oid) * n);
	m->values = MemoryContextAllocZero(mcxt, sizeof(Datum) * n);
	m->nulls = MemoryContextAllocZero(mcxt, sizeof(bool) * n);
	m->agency_att = m->year_att = m->template_att = m->region_att = m->agency_id_att = -1;
	for (int i = 0; i < GD_NCELLS; i++)
		m->cell_att[i] = -1;
	for (int s = 0; s < GD_NSECTIONS; s++)
		m->section_att[s] = -1;

	for (int a = 0; a < n; a++)
	{
		Form_pg_attribute att = TupleDescAttr(desc, a);
		const char *name = NameStr(att->attname);
		int			cell;

		m->typid[a] = att->atttypid;
		if (att->attisdropped)
			continue;
		if ((cell = gd_cell_by_column(name, strlen(name))) >= 0)
		{
			const gd_cell *c = &gd_cells()[cell];
			gd_cell_kind k = gd_cell_kind_of(cell);

			if (!column_fits(k, att->atttypid))
				ereport(ERROR,
						(errcode(ERRCODE_DATATYPE_MISMATCH),
						 errmsg("column \"%s\" must be of type %s to hold a govdisclose cell",
								name, kind_type_name(k)),
						 errdetail("It has type %s.", format_type_be(att->atttypid))));
			m->kind[a] = GD_ATT_CELL;
			m->index[a] = (int16) cell;
			m->cell_att[cell] = a;
			m->holds[c->section] = true;
			continue;
		}
		for (int s = 0; s < GD_NSECTIONS; s++)
			if (att->atttypid == t->section[s])
			{
				if (m->section_att[s] >= 0)
					ereport(ERROR,
							(errcode(ERRCODE_INVALID_TABLE_DEFINITION),
							 errmsg("columns \"%s\" and \"%s\" both hold section %s",
									NameStr(TupleDescAttr(desc, m->section_att[s])->attname),
									name, gd_sections[s].code)));
				m->kind[a] = GD_ATT_SECTION;
				m->index[a] = (int16) s;
				m->section_att[s] = a;
				m->section_layout[s] = gd_section_layout_for(att->atttypid, (gd_section_id) s, mcxt);
				m->holds[s] = true;
			}
		if (m->kind[a] != GD_ATT_IGNORE)
			continue;
		if (strcmp(name, "agency") == 0 &&
			(att->atttypid == TEXTOID || att->atttypid == VARCHAROID))
			m->kind[a] = GD_ATT_AGENCY, m->agency_att = a;
		else if (strcmp(name, "year") == 0 && att->atttypid == INT4OID)
			m->kind[a] = GD_ATT_YEAR, m->year_att = a;
		else if (strcmp(name, "template") == 0 && att->atttypid == TEXTOID)
			m->kind[a] = GD_ATT_TEMPLATE, m->template_att = a;
		else if (strcmp(name, "region_code") == 0 &&
				 (att->atttypid == TEXTOID || att->atttypid == VARCHAROID))
			m->kind[a] = GD_ATT_REGION, m->region_att = a;
		else if (strcmp(name, "agency_id") == 0 && att->atttypid == INT4OID)
			m->kind[a] = GD_ATT_AGENCY_ID, m->agency_id_att = a;
	}
	for (int s = 0; s < GD_NSECTIONS; s++)
	{
		if (m->section_att[s] >= 0)
		{
			for (int i = gd_sections[s].first_cell;
				 i < gd_sections[s].first_cell + gd_sections[s].ncells; i++)
				if (m->cell_att[i] >= 0)
					ereport(ERROR,
							(errcode(ERRCODE_INVALID_TABLE_DEFINITION),
							 errmsg("column \"%s\" holds section %s, and so does column \"%s\"",
									NameStr(TupleDescAttr(desc, m->section_att[s])->attname),
									gd_sections[s].code, gd_cells()[i].column_name)));
		}
		m->holds_any = m->holds_any || m->holds[s];
	}
	for (int i = 0; i < GD_NCELLS; i++)
	{
		int			a = m->cell_att[i];

		if (a < 0)
			continue;
		if (m->typid[a] == INT4OID)
		{
			m->int4_att[m->nint4] = (int16) a;
			m->int4_cell[m->nint4++] = (int16) i;
		}
		else
		{
			m->other_att[m->nother] = (int16) a;
			m->other_cell[m->nother++] = (int16) i;
		}
	}
	return m;
}

void
gd_rowmap_fill(const gd_rowmap *m, const Datum *values, const bool *nulls,
			   gd_report *r)
{
	gd_template tmpl = GD_TMPL_INFER;

	if (m->template_att >= 0 && !nulls[m->template_att])
	{
		text	   *t = DatumGetTextPP(values[m->template_att]);
		const char *p = VARDATA_ANY(t);

		if (VARSIZE_ANY_EXHDR(t) == 4 && memcmp(p, "2019", 4) == 0)
			tmpl = GD_TMPL_2019;
		else if (VARSIZE_ANY_EXHDR(t) == 4 && memcmp(p, "2021", 4) == 0)
			tmpl = GD_TMPL_2021;
	}
	gd_report_init(r, tmpl);
	for (int s = 0; s < GD_NSECTIONS; s++)
	{
		int			a = m->section_att[s];

		r->present[s] = m->holds[s];
		if (a >= 0)
		{
			if (nulls[a])
				r->present[s] = false;
			else
				gd_fill_section(m->section_layout[s], values[a], r);
		}
	}
	/* int4 columns, nearly all of a report: no per-cell type dispatch */
	for (int k = 0; k < m->nint4; k++)
	{
		int			a = m->int4_att[k];

		if (!nulls[a])
		{
			r->v[m->int4_cell[k]] = DatumGetInt32(values[a]);
			r->isnull[m->int4_cell[k]] = false;
		}
	}
	for (int k = 0; k < m->nother; k++)
	{
		int			a = m->other_att[k];

		if (!nulls[a])
			set_scalar(r, m->other_cell[k], m->typid[a], values[a]);
	}
}

void
gd_vlist_emit(void *ctx, const gd_violation *v)
{
	gd_vlist   *l = ctx;

	if (l->n == l->cap)
	{
		l->cap = l->cap ? l->cap * 2 : 16;
		l->v = l->v ? repalloc(l->v, sizeof(gd_violation) * l->cap)
			: palloc(sizeof(gd_violation) * l->cap);
	}
	l->v[l->n++] = *v;
	/* the amount's text lives in the report; keep a copy with the violation */
	if (v->actual_text)
		l->v[l->n - 1].actual_text = pstrdup(v->actual_text);
	if (gd_rules[v->rule].severity == GD_SEV_ERROR)
		l->errors++;
}

char *
gd_violation_message(const gd_violation *v)
{
	char		buf[1024];
	size_t		need = gd_format_violation(v, buf, sizeof(buf));
	char	   *out;

	if (need < sizeof(buf))
		return pstrdup(buf);
	out = palloc(need + 1);
	gd_format_violation(v, out, need + 1);
	return out;
}

Datum
gd_int64_numeric(int64 x)
{
	return DirectFunctionCall1(int8_numeric, Int64GetDatum(x));
}

void
gd_violation_values(const gd_violation *v, Datum *values, bool *nulls)
{
	const char *sec = gd_violation_section_code(v);
	const char *row = gd_violation_row_code(v);
	const char *col = gd_violation_column_code(v);

	memset(nulls, 0, sizeof(bool) * 8);
	values[0] = CStringGetTextDatum(gd_rules[v->rule].code);
	values[1] = CStringGetTextDatum(gd_rules[v->rule].severity == GD_SEV_ERROR ? "error" : "warning");
	if (sec)
		values[2] = CStringGetTextDatum(sec);
	else
		nulls[2] = true;
	if (row)
		values[3] = CStringGetTextDatum(row);
	else
		nulls[3] = true;
	if (col)
		values[4] = CStringGetTextDatum(col);
	else
		nulls[4] = true;
	if (v->has_expected)
		values[5] = gd_int64_numeric(v->expected);
	else
		nulls[5] = true;
	if (v->actual_text)
		values[6] = DirectFunctionCall3(numeric_in, CStringGetDatum(v->actual_text),
										ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1));
	else if (v->has_actual)
		values[6] = gd_int64_numeric(v->actual);
	else
		nulls[6] = true;
	values[7] = CStringGetTextDatum(gd_violation_message(v));
}

char *
gd_row_identity(const gd_rowmap *m, Relation rel)
{
	bool		has_agency = m->agency_att >= 0 && !m->nulls[m->agency_att];
	bool		has_year = m->year_att >= 0 && !m->nulls[m->year_att];

	if (has_agency && has_year)
		return psprintf("report of \"%s\" for %lld",
						TextDatumGetCString(m->values[m->agency_att]),
						(long long) DatumGetInt32(m->values[m->year_att]));
	if (has_agency)
		return psprintf("report of \"%s\"", TextDatumGetCString(m->values[m->agency_att]));
	return psprintf("row of table \"%s\"", rel ? RelationGetRelationName(rel) : "?");
}

int
gd_stmt_count(gd_stmt_counter *c)
{
	TimestampTz ts = GetCurrentStatementStartTimestamp();

	/*
	 * The statement's own command id: its snapshot's, which SPI run by a
	 * trigger within it (registering an agency) leaves as it is, where the
	 * current command id moves on.
	 */
	CommandId	cid = ActiveSnapshotSet() ? GetActiveSnapshot()->curcid : GetCurrentCommandId(false);

	if (ts != c->start || cid != c->cid)
	{
		c->start = ts;
		c->cid = cid;
		c->count = 0;
	}
	return ++c->count;
}

Tuplestorestate *
gd_srf_init(FunctionCallInfo fcinfo, TupleDesc *desc)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	MemoryContext old;
	TupleDesc	td;
	Tuplestorestate *ts;

	if (rsinfo == NULL || !IsA(rsinfo, ReturnSetInfo) ||
		!(rsinfo->allowedModes & SFRM_Materialize))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("set-valued function called in context that cannot accept a set")));
	if (get_call_result_type(fcinfo, NULL, &td) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	old = MemoryContextSwitchTo(rsinfo->econtext->ecxt_per_query_memory);
	td = CreateTupleDescCopy(td);
	ts = tuplestore_begin_heap((rsinfo->allowedModes & SFRM_Materialize_Random) != 0,
							   false, work_mem);
	rsinfo->returnMode = SFRM_Materialize;
	rsinfo->setResult = ts;
	rsinfo->setDesc = td;
	MemoryContextSwitchTo(old);
	*desc = td;
	return ts;
}
