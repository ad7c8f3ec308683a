/*
 * pg_import.c — report text into SQL: govdisclose.parse_report(text) and
 * govdisclose.check_narrative(report, text).  The parsing and the narrative
 * checks are the pure core's (gd_parse.c, gd_narrative.c); this file only
 * turns their results into composites.
 */
#include "gd_pg.h"

#include "catalog/pg_type.h"
#include "funcapi.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/numeric.h"
#include "utils/tuplestore.h"
#include "utils/typcache.h"

#include "gd_narrative.h"
#include "gd_parse.h"
#include "gd_share.h"

/* Field number of name in desc, or an error: the extension's types are ours. */
static int
field(TupleDesc desc, const char *name)
{
	for (int a = 0; a < desc->natts; a++)
		if (!TupleDescAttr(desc, a)->attisdropped &&
			strcmp(NameStr(TupleDescAttr(desc, a)->attname), name) == 0)
			return a;
	ereport(ERROR,
			(errcode(ERRCODE_DATATYPE_MISMATCH),
			 errmsg("a govdisclose type has no field \"%s\"", name),
			 errhint("Reinstall the extension.")));
	return -1;
}

/* One cell of a parsed report as the Datum of its SQL type. */
static Datum
cell_datum(const gd_report *r, int cell)
{
	switch (gd_cell_kind_of(cell))
	{
		case GD_KIND_AMOUNT:
			return DirectFunctionCall3(numeric_in, CStringGetDatum(r->text[cell]),
									   ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1));
		case GD_KIND_TEXT:
			return CStringGetTextDatum(r->text[cell]);
		default:
			return Int32GetDatum((int32) r->v[cell]);
	}
}

/* A cell of a parsed report, for gd_form_section. */
static bool
report_cell(void *ctx, int cell, Datum *out)
{
	const gd_report *r = ctx;

	if (r->isnull[cell])
		return false;
	/* an amount or a unit is kept as printed; no text, no value */
	if ((gd_cell_kind_of(cell) == GD_KIND_AMOUNT || gd_cell_kind_of(cell) == GD_KIND_TEXT) &&
		r->text[cell] == NULL)
		return false;
	*out = cell_datum(r, cell);
	return true;
}

/* An array of composites of the element type of array type arraytype. */
static Datum
composite_array(Oid arraytype, Datum *elems, int n)
{
	Oid			elemtype = get_element_type(arraytype);
	int16		typlen;
	bool		typbyval;
	char		typalign;

	get_typlenbyvalalign(elemtype, &typlen, &typbyval, &typalign);
	return PointerGetDatum(construct_array(elems, n, elemtype, typlen, typbyval, typalign));
}

static TupleDesc
element_desc(Oid arraytype)
{
	return lookup_rowtype_tupdesc_copy(get_element_type(arraytype), -1);
}

static Datum
text_array(const char *const *s, int n)
{
	Datum	   *e = palloc(sizeof(Datum) * Max(n, 1));

	for (int i = 0; i < n; i++)
		e[i] = CStringGetTextDatum(s[i]);
	return PointerGetDatum(construct_array(e, n, TEXTOID, -1, false, TYPALIGN_INT));
}

static const char *const status_name[] = {"agrees", "differs", "unconfirmed"};

/* The narrative_check composite of one claim checked against r. */
static Datum
claim_datum(TupleDesc d, const gd_claim *c, const gd_report *r)
{
	gd_claim_check ck;
	Datum		v[9];
	bool		n[9] = {false};
	const char *methods[GD_NMETHODS];
	int			nm = 0;
	const char *kind = gd_claim_kind_name(c->kind);

	if (d->natts != 9)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("type govdisclose.narrative_check has been altered"),
				 errhint("Reinstall the extension.")));
	gd_check_claim(c, r, &ck);
	for (int m = 0; m < GD_NMETHODS; m++)
		if (ck.methods & (1u << m))
			methods[nm++] = gd_round_method_names[m];
	v[0] = Int32GetDatum(c->line);
	v[1] = CStringGetTextDatum(kind ? kind : "?");
	if ((c->kind == GD_CLAIM_GROUP_COUNT || c->kind == GD_CLAIM_GROUP_PERCENT) &&
		c->group >= 0 && c->group < GD_NGROUPS)
		v[2] = CStringGetTextDatum(gd_groups[c->group].code);
	else if (c->kind == GD_CLAIM_ROW_COUNT && c->group >= 0 && c->group < GD_NROWS)
		v[2] = CStringGetTextDatum(gd_sections[GD_SEC_REQUESTS].items[c->group].code);
	else
		n[2] = true;
	v[3] = CStringGetTextDatum(c->stated_text);
	v[4] = CStringGetTextDatum(ck.computed_text);
	v[5] = CStringGetTextDatum(status_name[ck.status]);
	v[6] = text_array(methods, nm);
	n[6] = c->kind != GD_CLAIM_GROUP_PERCENT;
	v[7] = CStringGetTextDatum(c->phrase);
	v[8] = CStringGetTextDatum(ck.message);
	return HeapTupleGetDatum(heap_form_tuple(d, v, n));
}

/* The claims of a text, malloc'd by the core's rules: palloc'd here. */
static gd_claim *
find_claims(const char *text, size_t len, size_t *n)
{
	size_t		count = gd_find_claims(text, len, NULL, 0);
	gd_claim   *claims = palloc0(sizeof(gd_claim) * Max(count, 1));

	*n = gd_find_claims(text, len, claims, count);
	if (*n > count)
		*n = count;
	return claims;
}

PG_FUNCTION_INFO_V1(govdisclose_parse_report);
Datum
govdisclose_parse_report(PG_FUNCTION_ARGS)
{
	text	   *body = PG_GETARG_TEXT_PP(0);
	const char *text = VARDATA_ANY(body);
	size_t		len = VARSIZE_ANY_EXHDR(body);
	TupleDesc	desc;
	gd_parsed	p;
	Datum	   *values;
	bool	   *nulls;
	gd_claim   *claims;
	size_t		nclaims;
	HeapTuple	result;

	if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	values = palloc0(sizeof(Datum) * desc->natts);
	nulls = palloc(sizeof(bool) * desc->natts);
	memset(nulls, true, sizeof(bool) * desc->natts);

	gd_parse_report(text, len, &p);
	PG_TRY();
	{
		int			a;
		TupleDesc	dd;
		Datum	   *elems;

		if (p.agency[0])
		{
			values[field(desc, "agency")] = CStringGetTextDatum(p.agency);
			nulls[field(desc, "agency")] = false;
		}
		if (p.year)
		{
			values[field(desc, "year")] = Int32GetDatum(p.year);
			nulls[field(desc, "year")] = false;
		}
		if (p.found_tables)
		{
			values[field(desc, "template")] =
				CStringGetTextDatum(p.report.tmpl == GD_TMPL_2019 ? "2019" : "2021");
			nulls[field(desc, "template")] = false;
		}
		values[field(desc, "found_tables")] = BoolGetDatum(p.found_tables);
		nulls[field(desc, "found_tables")] = false;

		for (int s = 0; s < GD_NSECTIONS; s++)
		{
			gd_section_layout *l;

			a = field(desc, gd_sections[s].code);
			l = gd_section_layout_for(TupleDescAttr(desc, a)->atttypid, (gd_section_id) s,
									  CurrentMemoryContext);
			values[a] = gd_form_section(l, report_cell, &p.report, &nulls[a]);
		}

		/* diagnostics */
		a = field(desc, "diagnostics");
		dd = element_desc(TupleDescAttr(desc, a)->atttypid);
		if (dd->natts != 4)
			ereport(ERROR,
					(errcode(ERRCODE_DATATYPE_MISMATCH),
					 errmsg("type govdisclose.diagnostic has been altered"),
					 errhint("Reinstall the extension.")));
		elems = palloc(sizeof(Datum) * Max(p.ndiags, 1));
		for (int i = 0; i < p.ndiags; i++)
		{
			Datum		v[4];
			bool		n[4] = {false, false, false, false};

			v[0] = Int32GetDatum(p.diags[i].line);
			n[0] = p.diags[i].line == 0;
			v[1] = CStringGetTextDatum(p.diags[i].section);
			v[2] = CStringGetTextDatum(p.diags[i].code);
			v[3] = CStringGetTextDatum(p.diags[i].message);
			elems[i] = HeapTupleGetDatum(heap_form_tuple(dd, v, n));
		}
		values[a] = composite_array(TupleDescAttr(desc, a)->atttypid, elems, p.ndiags);
		nulls[a] = false;

		/* the narrative, checked against the tables as parsed */
		claims = find_claims(text, len, &nclaims);
		a = field(desc, "narrative");
		dd = element_desc(TupleDescAttr(desc, a)->atttypid);
		elems = palloc(sizeof(Datum) * Max(nclaims, 1));
		for (size_t i = 0; i < nclaims; i++)
			elems[i] = claim_datum(dd, &claims[i], &p.report);
		values[a] = composite_array(TupleDescAttr(desc, a)->atttypid, elems, (int) nclaims);
		nulls[a] = false;
		{
			unsigned	mask = gd_claims_rounding_methods(claims, nclaims, &p.report);
			const char *names[GD_NMETHODS];
			int			nm = 0;

			for (int m = 0; m < GD_NMETHODS; m++)
				if (mask & (1u << m))
					names[nm++] = gd_round_method_names[m];
			a = field(desc, "rounding_methods");
			values[a] = text_array(names, nm);
			nulls[a] = false;
		}
		result = heap_form_tuple(BlessTupleDesc(desc), values, nulls);
	}
	PG_FINALLY();
	{
		gd_parsed_free(&p);
	}
	PG_END_TRY();
	PG_RETURN_DATUM(HeapTupleGetDatum(result));
}

/*
 * check_narrative(report, text): the figures a report's text states,
 * checked against a stored report (after corrections the parser could not
 * make, for instance).
 */
PG_FUNCTION_INFO_V1(govdisclose_check_narrative);
Datum
govdisclose_check_narrative(PG_FUNCTION_ARGS)
{
	HeapTupleHeader th = PG_GETARG_HEAPTUPLEHEADER(0);
	text	   *body = PG_GETARG_TEXT_PP(1);
	TupleDesc	rdesc = lookup_rowtype_tupdesc_copy(HeapTupleHeaderGetTypeId(th),
												   HeapTupleHeaderGetTypMod(th));
	gd_types	t;
	gd_rowmap  *m;
	gd_report	r;
	gd_claim   *claims;
	size_t		n;
	TupleDesc	desc;
	Tuplestorestate *ts;

	gd_lookup_types(&t, fcinfo->flinfo->fn_oid);
	m = gd_rowmap_build(rdesc, InvalidOid, &t, CurrentMemoryContext);
	gd_deform_composite(PointerGetDatum(th), rdesc, m->values, m->nulls);
	gd_rowmap_fill(m, m->values, m->nulls, &r);
	claims = find_claims(VARDATA_ANY(body), VARSIZE_ANY_EXHDR(body), &n);
	ts = gd_srf_init(fcinfo, &desc);
	for (size_t i = 0; i < n; i++)
	{
		Datum		d = claim_datum(desc, &claims[i], &r);
		HeapTupleHeader h = DatumGetHeapTupleHeader(d);
		HeapTupleData tup;

		tup.t_len = HeapTupleHeaderGetDatumLength(h);
		ItemPointerSetInvalid(&tup.t_self);
		tup.t_tableOid = InvalidOid;
		tup.t_data = h;
		tuplestore_puttuple(ts, &tup);
	}
	return (Datum) 0;
}
