/*
 * pg_quarantine.c — quarantine: a row that breaks a rule, kept out of its
 * table by govdisclose.enforce() in quarantine mode, stored whole in
 * govdisclose.rejected with its violations.  Every way a rejected row is
 * stored is in this file.
 */
#include "gd_pg.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "lib/stringinfo.h"
#include "utils/builtins.h"
#include "utils/json.h"
#include "utils/jsonb.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/numeric.h"
#include "utils/rel.h"

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
		escape_json(&s, gd_sections[v->section].code);
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

void
gd_quarantine(Relation rel, HeapTuple tuple, const char *op, const gd_rowmap *m,
			  const gd_types *t, const gd_vlist *l)
{
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
	plan = quarantine_plan_for(row ? JSONBOID : RelationGetForm(rel)->reltype, t);
	if (SPI_execute_plan(plan, args, nulls, false, 0) != SPI_OK_INSERT)
		elog(ERROR, "could not store the rejected row");
	SPI_finish();
}
