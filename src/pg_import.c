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

#include "gd_input.h"
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
			/* the parser leaves a count beyond int4 NULL; never wrap one */
			if (r->v[cell] > PG_INT32_MAX || r->v[cell] < PG_INT32_MIN)
				ereport(ERROR,
						(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
						 errmsg("value %lld of cell %s is out of range for type integer",
								(long long) r->v[cell], gd_cells()[cell].column_name)));
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

/* The element type of a composite-array field, looked up once. */
typedef struct elem_type
{
	Oid			typid;
	TupleDesc	desc;
	int16		typlen;
	bool		typbyval;
	char		typalign;
} elem_type;

static void
elem_type_for(Oid arraytype, int natts, const char *name, MemoryContext mcxt, elem_type *e)
{
	MemoryContext old = MemoryContextSwitchTo(mcxt);

	e->typid = get_element_type(arraytype);
	e->desc = lookup_rowtype_tupdesc_copy(e->typid, -1);
	MemoryContextSwitchTo(old);
	get_typlenbyvalalign(e->typid, &e->typlen, &e->typbyval, &e->typalign);
	if (e->desc->natts != natts)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("type govdisclose.%s has been altered", name),
				 errhint("Reinstall the extension.")));
}

static Datum
composite_array(const elem_type *e, Datum *elems, int n)
{
	return PointerGetDatum(construct_array(elems, n, e->typid, e->typlen, e->typbyval, e->typalign));
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

/*
 * The document the parser and the narrative read: an HTML page or converter
 * markdown turned into lines of cells (gd_input.h); text as it is.  The
 * text is already in the database's encoding.  A PDF's bytes cannot be
 * text: pdftotext never runs inside the server.  Free with
 * gd_document_free (malloc'd).
 */
static void
read_document(const char *text, size_t len, gd_document *doc)
{
	if (!gd_document_read(text, len, doc))
	{
		char		note[sizeof(doc->note)];

		memcpy(note, doc->note, sizeof(note));
		gd_document_free(doc);
		if (note[0])
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
					 errmsg("could not read the report text"),
					 errdetail("%s.", note)));
		ereport(ERROR,
				(errcode(ERRCODE_OUT_OF_MEMORY),
				 errmsg("out of memory reading the report text")));
	}
	if (doc->form == GD_FORM_PDF)
	{
		gd_document_free(doc);
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the report text is a PDF file"),
				 errhint("Extract its text first: govdisclose-import file.pdf, or pdftotext -layout file.pdf.")));
	}
}

/* The narrative_check fields (9) of one claim checked against r. */
static void
claim_values(const gd_claim *c, const gd_report *r, Datum *v, bool *n)
{
	gd_claim_check ck;
	const char *methods[GD_NMETHODS];
	int			nm = 0;
	const char *kind = gd_claim_kind_name(c->kind);

	memset(n, false, sizeof(bool) * 9);
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

/* What parse_report needs of its result type, looked up once per query. */
typedef struct parse_cache
{
	TupleDesc	desc;			/* parsed_report, blessed */
	int			att_agency;
	int			att_year;
	int			att_template;
	int			att_found;
	int			att_section[GD_NSECTIONS];
	gd_section_layout *layout[GD_NSECTIONS];
	int			att_diagnostics;
	int			att_narrative;
	int			att_methods;
	elem_type	diagnostic;
	elem_type	claim;
} parse_cache;

static parse_cache *
parse_cache_for(FunctionCallInfo fcinfo)
{
	parse_cache *c = fcinfo->flinfo->fn_extra;
	MemoryContext mcxt = fcinfo->flinfo->fn_mcxt;
	MemoryContext old;
	TupleDesc	desc;

	if (c != NULL)
		return c;
	if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	c = MemoryContextAllocZero(mcxt, sizeof(parse_cache));
	old = MemoryContextSwitchTo(mcxt);
	c->desc = BlessTupleDesc(CreateTupleDescCopy(desc));
	MemoryContextSwitchTo(old);
	c->att_agency = field(c->desc, "agency");
	c->att_year = field(c->desc, "year");
	c->att_template = field(c->desc, "template");
	c->att_found = field(c->desc, "found_tables");
	for (int s = 0; s < GD_NSECTIONS; s++)
	{
		c->att_section[s] = field(c->desc, gd_sections[s].code);
		c->layout[s] = gd_section_layout_for(TupleDescAttr(c->desc, c->att_section[s])->atttypid,
											 (gd_section_id) s, mcxt);
	}
	c->att_diagnostics = field(c->desc, "diagnostics");
	c->att_narrative = field(c->desc, "narrative");
	c->att_methods = field(c->desc, "rounding_methods");
	elem_type_for(TupleDescAttr(c->desc, c->att_diagnostics)->atttypid, 4, "diagnostic",
				  mcxt, &c->diagnostic);
	elem_type_for(TupleDescAttr(c->desc, c->att_narrative)->atttypid, 9, "narrative_check",
				  mcxt, &c->claim);
	fcinfo->flinfo->fn_extra = c;
	return c;
}

PG_FUNCTION_INFO_V1(govdisclose_parse_report);
Datum
govdisclose_parse_report(PG_FUNCTION_ARGS)
{
	text	   *body = PG_GETARG_TEXT_PP(0);
	const char *text = VARDATA_ANY(body);
	size_t		len = VARSIZE_ANY_EXHDR(body);
	parse_cache *c = parse_cache_for(fcinfo);
	gd_document doc;
	gd_parsed	p;
	Datum	   *values = palloc0(sizeof(Datum) * c->desc->natts);
	bool	   *nulls = palloc(sizeof(bool) * c->desc->natts);
	HeapTuple	result;

	memset(nulls, true, sizeof(bool) * c->desc->natts);
	read_document(text, len, &doc);
	text = doc.text;
	len = doc.len;
	gd_parse_report(text, len, &p);
	PG_TRY();
	{
		Datum	   *elems;
		gd_claim   *claims;
		size_t		nclaims;
		unsigned	mask;
		const char *names[GD_NMETHODS];
		int			nm = 0;

		if (p.agency[0])
		{
			values[c->att_agency] = CStringGetTextDatum(p.agency);
			nulls[c->att_agency] = false;
		}
		if (p.year)
		{
			values[c->att_year] = Int32GetDatum(p.year);
			nulls[c->att_year] = false;
		}
		if (p.found_tables)
		{
			values[c->att_template] =
				CStringGetTextDatum(p.report.tmpl == GD_TMPL_2019 ? "2019" : "2021");
			nulls[c->att_template] = false;
		}
		values[c->att_found] = BoolGetDatum(p.found_tables);
		nulls[c->att_found] = false;

		for (int s = 0; s < GD_NSECTIONS; s++)
			values[c->att_section[s]] = gd_form_section(c->layout[s], report_cell, &p.report,
														&nulls[c->att_section[s]]);

		/* diagnostics */
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
			elems[i] = HeapTupleGetDatum(heap_form_tuple(c->diagnostic.desc, v, n));
		}
		values[c->att_diagnostics] = composite_array(&c->diagnostic, elems, p.ndiags);
		nulls[c->att_diagnostics] = false;

		/* the narrative, checked against the tables as parsed */
		claims = find_claims(text, len, &nclaims);
		elems = palloc(sizeof(Datum) * Max(nclaims, 1));
		for (size_t i = 0; i < nclaims; i++)
		{
			Datum		v[9];
			bool		n[9];

			claim_values(&claims[i], &p.report, v, n);
			elems[i] = HeapTupleGetDatum(heap_form_tuple(c->claim.desc, v, n));
		}
		values[c->att_narrative] = composite_array(&c->claim, elems, (int) nclaims);
		nulls[c->att_narrative] = false;

		mask = gd_claims_rounding_methods(claims, nclaims, &p.report);
		for (int m = 0; m < GD_NMETHODS; m++)
			if (mask & (1u << m))
				names[nm++] = gd_round_method_names[m];
		values[c->att_methods] = text_array(names, nm);
		nulls[c->att_methods] = false;
		result = heap_form_tuple(c->desc, values, nulls);
	}
	PG_FINALLY();
	{
		gd_parsed_free(&p);
		gd_document_free(&doc);
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
	gd_report_cache *c = gd_report_arg(fcinfo, PG_GETARG_HEAPTUPLEHEADER(0));
	text	   *body = PG_GETARG_TEXT_PP(1);
	gd_report	r;
	gd_claim   *claims;
	size_t		n;
	TupleDesc	desc;
	Tuplestorestate *ts;

	gd_document doc;

	gd_rowmap_fill(c->map, c->map->values, c->map->nulls, &r);
	read_document(VARDATA_ANY(body), VARSIZE_ANY_EXHDR(body), &doc);
	PG_TRY();
	{
		claims = find_claims(doc.text, doc.len, &n);
	}
	PG_FINALLY();
	{
		gd_document_free(&doc);
	}
	PG_END_TRY();
	ts = gd_srf_init(fcinfo, &desc);
	if (desc->natts != 9)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("type govdisclose.narrative_check has been altered"),
				 errhint("Reinstall the extension.")));
	for (size_t i = 0; i < n; i++)
	{
		Datum		v[9];
		bool		nulls[9];

		claim_values(&claims[i], &r, v, nulls);
		tuplestore_putvalues(ts, desc, v, nulls);
	}
	return (Datum) 0;
}
