/*
 * pg_quarantine.c — quarantine: a row that breaks a rule, kept out of its
 * table by govdisclose.enforce() in quarantine mode, stored whole in
 * govdisclose.rejected with its violations, the loading role and the
 * statement's time.  Every way a rejected row is stored is in this file.
 */
#include "gd_pg.h"

#include "catalog/pg_type.h"
#include "miscadmin.h"
#include "nodes/value.h"
#include "parser/parse_func.h"
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
		escape_json(&s, gd_violation_section_code(v));
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

/*
 * The one way into govdisclose.rejected: the SECURITY DEFINER function
 * quarantine_row(), owned by the extension's owner, with a pinned
 * search_path and EXECUTE granted to no one.  The trigger calls it through
 * fmgr, not through SQL, so no EXECUTE privilege is checked: only this code
 * can call it (docs/SECURITY.md).
 */
struct gd_quarantine_path
{
	FmgrInfo	fn;
	Oid			relid;			/* the table's qualified name, for rejected.relation */
	Datum		relation;
	Oid			user;			/* the loading role's name, for rejected_by */
	NameData	by;
	MemoryContext mcxt;
};

gd_quarantine_path *
gd_quarantine_path_create(const gd_types *t, MemoryContext mcxt)
{
	Oid			argtypes[7] = {TEXTOID, TEXTOID, TEXTOID, INT4OID, JSONBOID, JSONBOID, NAMEOID};
	gd_quarantine_path *q = MemoryContextAllocZero(mcxt, sizeof(gd_quarantine_path));

	gd_internal_function(t->schema, "quarantine_row", 7, argtypes,
						 "Quarantine mode stores rejected rows through it.", &q->fn, mcxt);
	q->mcxt = mcxt;
	return q;
}

/* A whole row of a type row_jsonb() does not take (composite columns) as jsonb. */
static Datum
tuple_jsonb(HeapTuple tuple, TupleDesc desc)
{
	Datum		json = DirectFunctionCall1(row_to_json, heap_copy_tuple_as_datum(tuple, desc));

	return DirectFunctionCall1(jsonb_in, CStringGetDatum(TextDatumGetCString(json)));
}

void
gd_quarantine(gd_quarantine_path *q, Relation rel, HeapTuple tuple, const char *op,
			  const gd_rowmap *m, const gd_vlist *l)
{
	LOCAL_FCINFO(fcinfo, 7);
	Jsonb	   *row;

	/* looked up once, not for every quarantined row */
	if (q->relid != RelationGetRelid(rel))
	{
		MemoryContext old = MemoryContextSwitchTo(q->mcxt);

		q->relation = CStringGetTextDatum(quote_qualified_identifier(get_namespace_name(RelationGetNamespace(rel)),
																	 RelationGetRelationName(rel)));
		MemoryContextSwitchTo(old);
		q->relid = RelationGetRelid(rel);
	}
	/* the loading role: the user whose privileges wrote the row */
	if (q->user != GetUserId())
	{
		namestrcpy(&q->by, GetUserNameFromId(GetUserId(), false));
		q->user = GetUserId();
	}
	InitFunctionCallInfoData(*fcinfo, &q->fn, 7, InvalidOid, NULL, NULL);
	for (int i = 0; i < 7; i++)
		fcinfo->args[i].isnull = false;
	fcinfo->args[0].value = q->relation;
	fcinfo->args[1].value = CStringGetTextDatum(op);
	if (m->agency_att >= 0 && !m->nulls[m->agency_att])
		fcinfo->args[2].value = m->values[m->agency_att];
	else
		fcinfo->args[2].isnull = true;
	if (m->year_att >= 0 && !m->nulls[m->year_att])
		fcinfo->args[3].value = m->values[m->year_att];
	else
		fcinfo->args[3].isnull = true;
	row = row_jsonb(RelationGetDescr(rel), m->values, m->nulls);
	fcinfo->args[4].value = row ? JsonbPGetDatum(row) : tuple_jsonb(tuple, RelationGetDescr(rel));
	fcinfo->args[5].value = DirectFunctionCall1(jsonb_in, CStringGetDatum(violations_json(l)));
	fcinfo->args[6].value = NameGetDatum(&q->by);
	FunctionCallInvoke(fcinfo);
}
