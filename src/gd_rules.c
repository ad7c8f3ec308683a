/*
 * gd_rules.c — the rules of docs/domain.md §6 over a gd_report.
 *
 * NULL is unknown: a rule that needs a NULL cell is not evaluated, and the
 * row holding that cell gets a `missing` warning instead.
 */
#include "gd_rules.h"
#include "gd_text.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

void
gd_report_init(gd_report *r, gd_template tmpl)
{
	r->tmpl = tmpl;
	for (int s = 0; s < GD_NSECTIONS; s++)
		r->present[s] = true;
	memset(r->v, 0, sizeof(r->v));
	memset(r->isnull, true, sizeof(r->isnull));
	memset(r->text, 0, sizeof(r->text));
}

bool
gd_section_absent(const gd_report *r, gd_section_id s)
{
	const gd_section *sec = &gd_sections[s];

	if (!r->present[s])
		return true;
	for (int i = sec->first_cell; i < sec->first_cell + sec->ncells; i++)
		if (!r->isnull[i])
			return false;
	return true;
}

static bool
row_all_null(const gd_report *r, int row)
{
	for (int c = 0; c < GD_NCOLS; c++)
		if (!r->isnull[GD_REQ_CELL(row, c)])
			return false;
	return true;
}

/*
 * Without a template column: 2019 when 三(六) is one row (its two sub-rows
 * NULL in every column while other_other is not), or when the 2019 section
 * 二 is printed and the 2021 one is not.
 */
gd_template
gd_effective_template(const gd_report *r)
{
	if (r->tmpl != GD_TMPL_INFER)
		return r->tmpl;
	if (row_all_null(r, GD_ROW_OTHER_NO_CORRECTION) &&
		row_all_null(r, GD_ROW_OTHER_NO_FEE) &&
		!row_all_null(r, GD_ROW_OTHER_OTHER))
		return GD_TMPL_2019;
	if (!gd_section_absent(r, GD_SEC_PROACTIVE_2019) &&
		gd_section_absent(r, GD_SEC_PROACTIVE))
		return GD_TMPL_2019;
	return GD_TMPL_2021;
}

bool
gd_section_in_template(gd_section_id s, gd_template t)
{
	int			only = gd_sections[s].tmpl;

	return only == 0 || t == GD_TMPL_INFER || only == (int) t;
}

bool
gd_item_in_template(gd_section_id s, int item, gd_template t)
{
	if (!gd_section_in_template(s, t))
		return false;
	return !(s == GD_SEC_REQUESTS && t == GD_TMPL_2019 &&
			 (item == GD_ROW_OTHER_NO_CORRECTION || item == GD_ROW_OTHER_NO_FEE));
}

/* Rows 三(六)1 and 三(六)2 are not part of the 2019 template when NULL. */
static bool
row_outside_template(const gd_report *r, gd_template t, int row)
{
	return !gd_item_in_template(GD_SEC_REQUESTS, row, t) && row_all_null(r, row);
}

typedef struct emitter
{
	gd_emit_fn	fn;
	void	   *ctx;
	int			errors;
} emitter;

static void
emit(emitter *e, const gd_violation *v)
{
	if (gd_rules[v->rule].severity == GD_SEV_ERROR)
		e->errors++;
	if (e->fn)
		e->fn(e->ctx, v);
}

static gd_violation
violation(int rule, gd_section_id s, int item, int col)
{
	gd_violation v;

	memset(&v, 0, sizeof(v));
	v.rule = rule;
	v.section = s;
	v.item = item;
	v.col = col;
	return v;
}

bool
gd_year_violation(int64_t year, int last_year, gd_violation *v)
{
	if (year >= GD_FIRST_YEAR && year <= last_year)
		return false;
	*v = violation(GD_RULE_YEAR, (gd_section_id) GD_SEC_META, -1, GD_META_YEAR);
	v->has_actual = true;
	v->actual = year;
	v->other_year = last_year;
	return true;
}

void
gd_duplicate_violation(int year, gd_violation *v)
{
	*v = violation(GD_RULE_DUPLICATE, (gd_section_id) GD_SEC_META, -1, -1);
	v->other_year = year;
}

void
gd_agency_violation(int rule, const char *note, gd_violation *v)
{
	*v = violation(rule, (gd_section_id) GD_SEC_META, -1, GD_META_AGENCY);
	v->note = note;
}

static void
check_nonnegative(const gd_report *r, gd_section_id s, emitter *e)
{
	const gd_section *sec = &gd_sections[s];

	for (int i = 0; i < sec->nitems; i++)
	{
		const gd_item *it = &sec->items[i];

		for (int c = 0; c < it->cellset->ncells; c++)
		{
			int			idx = it->first_cell + c;
			gd_cell_kind k = it->cellset->cells[c].kind;

			if (k != GD_KIND_COUNT && k != GD_KIND_AMOUNT)
				continue;		/* a signed change, a unit */
			if (!r->isnull[idx] && r->v[idx] < 0)
			{
				gd_violation v = violation(GD_RULE_NONNEGATIVE, s, i,
										   it->cellset->cells[c].code ? c : -1);

				v.has_actual = true;
				v.actual = r->v[idx];
				if (k == GD_KIND_AMOUNT)
					v.actual_text = r->text[idx];
				emit(e, &v);
			}
		}
	}
}

/* Report `missing` for every item with NULL cells (the template's only). */
static void
check_missing(const gd_report *r, gd_section_id s, gd_template t, bool absent,
			  emitter *e)
{
	const gd_section *sec = &gd_sections[s];

	if (absent)
	{
		gd_violation v = violation(GD_RULE_MISSING, s, -1, -1);

		emit(e, &v);
		return;
	}
	for (int i = 0; i < sec->nitems; i++)
	{
		const gd_item *it = &sec->items[i];
		uint32_t	mask = 0;

		if (s == GD_SEC_REQUESTS && row_outside_template(r, t, i))
			continue;
		for (int c = 0; c < it->cellset->ncells; c++)
			if (r->isnull[it->first_cell + c])
				mask |= (uint32_t) 1 << c;
		if (mask)
		{
			gd_violation v = violation(GD_RULE_MISSING, s, i, -1);

			v.null_mask = mask;
			emit(e, &v);
		}
	}
}

static void
check_requests(const gd_report *r, gd_template t, emitter *e)
{
	const int64_t *v = r->v;
	const bool *n = r->isnull;

	/* row_total */
	for (int row = 0; row < GD_NROWS; row++)
	{
		int64_t		sum = 0;
		bool		known = !n[GD_REQ_CELL(row, GD_COL_TOTAL)];

		for (int c = 0; c < GD_COL_TOTAL && known; c++)
		{
			known = !n[GD_REQ_CELL(row, c)];
			sum += v[GD_REQ_CELL(row, c)];
		}
		if (known && sum != v[GD_REQ_CELL(row, GD_COL_TOTAL)])
		{
			gd_violation x = violation(GD_RULE_ROW_TOTAL, GD_SEC_REQUESTS, row, GD_COL_TOTAL);

			x.has_expected = x.has_actual = true;
			x.expected = sum;
			x.actual = v[GD_REQ_CELL(row, GD_COL_TOTAL)];
			emit(e, &x);
		}
	}

	/* handled_total: rows 三(一) .. 三(六)3 */
	for (int c = 0; c < GD_NCOLS; c++)
	{
		int64_t		sum = 0;
		bool		known = !n[GD_REQ_CELL(GD_ROW_HANDLED_TOTAL, c)];

		for (int row = GD_ROW_DISCLOSED; row <= GD_ROW_OTHER_OTHER && known; row++)
		{
			if (row_outside_template(r, t, row))
				continue;
			known = !n[GD_REQ_CELL(row, c)];
			sum += v[GD_REQ_CELL(row, c)];
		}
		if (known && sum != v[GD_REQ_CELL(GD_ROW_HANDLED_TOTAL, c)])
		{
			gd_violation x = violation(GD_RULE_HANDLED_TOTAL, GD_SEC_REQUESTS, GD_ROW_HANDLED_TOTAL, c);

			x.has_expected = x.has_actual = true;
			x.expected = sum;
			x.actual = v[GD_REQ_CELL(GD_ROW_HANDLED_TOTAL, c)];
			emit(e, &x);
		}
	}

	/* balance: 一 + 二 = 三(七) + 四 */
	for (int c = 0; c < GD_NCOLS; c++)
	{
		static const int rows[4] = {GD_ROW_NEW_RECEIVED, GD_ROW_CARRIED_OVER,
		GD_ROW_HANDLED_TOTAL, GD_ROW_CARRIED_FORWARD};
		bool		known = true;
		gd_violation x = violation(GD_RULE_BALANCE, GD_SEC_REQUESTS, -1, c);

		for (int k = 0; k < 4; k++)
		{
			known = known && !n[GD_REQ_CELL(rows[k], c)];
			x.parts[k] = v[GD_REQ_CELL(rows[k], c)];
		}
		if (known && x.parts[0] + x.parts[1] != x.parts[2] + x.parts[3])
		{
			x.has_expected = x.has_actual = true;
			x.expected = x.parts[0] + x.parts[1];
			x.actual = x.parts[2] + x.parts[3];
			emit(e, &x);
		}
	}
}

static void
check_appeals(const gd_report *r, emitter *e)
{
	for (int b = 0; b < GD_NBLOCKS; b++)
	{
		int64_t		sum = 0;
		bool		known = !r->isnull[GD_APP_CELL(b, GD_ACELL_TOTAL)];

		for (int c = 0; c < GD_ACELL_TOTAL && known; c++)
		{
			known = !r->isnull[GD_APP_CELL(b, c)];
			sum += r->v[GD_APP_CELL(b, c)];
		}
		if (known && sum != r->v[GD_APP_CELL(b, GD_ACELL_TOTAL)])
		{
			gd_violation x = violation(GD_RULE_APPEAL_TOTAL, GD_SEC_APPEALS, b, GD_ACELL_TOTAL);

			x.has_expected = x.has_actual = true;
			x.expected = sum;
			x.actual = r->v[GD_APP_CELL(b, GD_ACELL_TOTAL)];
			emit(e, &x);
		}
	}
}

/* One section, the template already decided (the row path calls this). */
static void
check_one(const gd_report *r, gd_section_id s, gd_template t, emitter *e)
{
	bool		absent = gd_section_absent(r, s);

	if (!absent)
	{
		check_nonnegative(r, s, e);
		if (s == GD_SEC_REQUESTS)
			check_requests(r, t, e);
		else if (s == GD_SEC_APPEALS)
			check_appeals(r, e);
	}
	/* a section of the other template is not missing when not printed */
	if (gd_section_in_template(s, t))
		check_missing(r, s, t, absent, e);
}

int
gd_check_section(const gd_report *r, gd_section_id s, gd_emit_fn fn, void *ctx)
{
	emitter		e = {fn, ctx, 0};

	check_one(r, s, gd_effective_template(r), &e);
	return e.errors;
}

int
gd_check(const gd_report *r, gd_emit_fn fn, void *ctx)
{
	emitter		e = {fn, ctx, 0};
	gd_template t = gd_effective_template(r);

	for (int i = 0; i < GD_NSECTIONS; i++)
		check_one(r, gd_print_order[i], t, &e);
	return e.errors;
}

int
gd_check_sections(const gd_report *r, const bool holds[GD_NSECTIONS],
				  gd_emit_fn fn, void *ctx)
{
	emitter		e = {fn, ctx, 0};
	gd_template t = gd_effective_template(r);

	for (int i = 0; i < GD_NSECTIONS; i++)
		if (holds[gd_print_order[i]])
			check_one(r, gd_print_order[i], t, &e);
	return e.errors;
}

void
gd_check_continuity(const gd_report *cur, const gd_report *prev, int prev_year,
					gd_emit_fn fn, void *ctx)
{
	emitter		e = {fn, ctx, 0};

	for (int item = GD_PITEM_RULES; item <= GD_PITEM_NORMATIVE_DOCUMENTS; item++)
	{
		int			in_force = GD_PRO_DOC(item, GD_DOC_IN_FORCE);
		int			issued = GD_PRO_DOC(item, GD_DOC_ISSUED);
		int			repealed = GD_PRO_DOC(item, GD_DOC_REPEALED);

		if (cur->isnull[in_force] || cur->isnull[issued] ||
			cur->isnull[repealed] || prev->isnull[in_force])
			continue;
		if (prev->v[in_force] + cur->v[issued] - cur->v[repealed] != cur->v[in_force])
		{
			gd_violation x = violation(GD_RULE_DOCUMENTS_CONTINUITY, GD_SEC_PROACTIVE, item, GD_DOC_IN_FORCE);

			x.has_expected = x.has_actual = true;
			x.parts[0] = prev->v[in_force];
			x.parts[1] = cur->v[issued];
			x.parts[2] = cur->v[repealed];
			x.expected = x.parts[0] + x.parts[1] - x.parts[2];
			x.actual = cur->v[in_force];
			x.other_year = prev_year;
			emit(&e, &x);
		}
	}
	for (int c = 0; c < GD_NCOLS; c++)
	{
		int			over = GD_REQ_CELL(GD_ROW_CARRIED_OVER, c);
		int			fwd = GD_REQ_CELL(GD_ROW_CARRIED_FORWARD, c);

		if (cur->isnull[over] || prev->isnull[fwd])
			continue;
		if (cur->v[over] != prev->v[fwd])
		{
			gd_violation x = violation(GD_RULE_CONTINUITY, GD_SEC_REQUESTS, GD_ROW_CARRIED_OVER, c);

			x.has_expected = x.has_actual = true;
			x.expected = prev->v[fwd];
			x.actual = cur->v[over];
			x.other_year = prev_year;
			emit(&e, &x);
		}
	}
}

bool
gd_row_total(const gd_report *r, int row, int64_t *out)
{
	int64_t		sum = 0;

	if (!r->isnull[GD_REQ_CELL(row, GD_COL_TOTAL)])
	{
		*out = r->v[GD_REQ_CELL(row, GD_COL_TOTAL)];
		return true;
	}
	for (int c = 0; c < GD_COL_TOTAL; c++)
	{
		if (r->isnull[GD_REQ_CELL(row, c)])
			return false;
		sum += r->v[GD_REQ_CELL(row, c)];
	}
	*out = sum;
	return true;
}

const char *
gd_violation_section_code(const gd_violation *v)
{
	return v->section == GD_SEC_META ? "report" : gd_sections[v->section].code;
}

const char *
gd_violation_row_code(const gd_violation *v)
{
	if (v->item < 0 || v->section == GD_SEC_META)
		return NULL;
	return gd_sections[v->section].items[v->item].code;
}

static const gd_label *
column_label(const gd_violation *v)
{
	const gd_cellset *cs;

	if (v->col < 0 || v->section == GD_SEC_META)
		return NULL;
	if (v->item < 0)			/* balance: a column of section 三 */
		return &gd_request_columns[v->col];
	cs = gd_sections[v->section].items[v->item].cellset;
	if (cs->cells[v->col].code == NULL)
		return NULL;
	return &cs->cells[v->col];
}

const char *
gd_violation_column_code(const gd_violation *v)
{
	const gd_label *l = column_label(v);

	if (v->section == GD_SEC_META && v->col >= 0)
		return gd_meta_columns[v->col].name;

	return l ? l->code : NULL;
}

/* what an item is called in each section, in gd_section_id order */
static const char *const item_word[GD_NSECTIONS] = {"row", "item", "block", "item"};

static void
sb_location(gd_sbuf *b, const gd_violation *v)
{
	const gd_section *sec;
	const gd_label *col = column_label(v);

	if (v->section == GD_SEC_META && v->col < 0)
	{
		gd_sb_printf(b, "report");	/* the report as a whole (duplicate) */
		return;
	}
	if (v->section == GD_SEC_META)
	{
		/* the description is the Chinese label, then the English in brackets */
		const char *d = gd_meta_columns[v->col].description;
		const char *gloss = strstr(d, " (");

		gd_sb_printf(b, "column %s「%.*s」", gd_meta_columns[v->col].name,
				  (int) (gloss ? (size_t) (gloss - d) : strlen(d)), d);
		return;
	}
	sec = &gd_sections[v->section];
	gd_sb_printf(b, "%s %s", sec->numeral, sec->code);
	if (v->item >= 0)
		gd_sb_printf(b, ", %s %s「%s」", item_word[v->section],
				  sec->items[v->item].code, sec->items[v->item].label_zh);
	if (col)
		gd_sb_printf(b, ", %s %s「%s」",
				  v->section == GD_SEC_REQUESTS ? "column" : "cell",
				  col->code, col->label_zh);
}

size_t
gd_format_violation(const gd_violation *v, char *buf, size_t len)
{
	gd_sbuf		b;

	gd_sb_init(&b, buf, len);
	sb_location(&b, v);
	gd_sb_printf(&b, ": ");
	switch (v->rule)
	{
		case GD_RULE_NONNEGATIVE:
			if (v->actual_text && v->actual_text[0] == '-')
				gd_sb_printf(&b, "%s is negative; amounts must be at least 0", v->actual_text);
			else if (v->actual_text)
				gd_sb_printf(&b, "%s is not a valid amount; amounts are finite and at least 0", v->actual_text);
			else
				gd_sb_printf(&b, "%" PRId64 " is negative; counts must be at least 0", v->actual);
			break;
		case GD_RULE_ROW_TOTAL:
			gd_sb_printf(&b, "expected %" PRId64 " (the sum of the six applicant columns), found %" PRId64,
					  v->expected, v->actual);
			break;
		case GD_RULE_HANDLED_TOTAL:
			gd_sb_printf(&b, "expected %" PRId64 " (the sum of rows 三(一) to 三(六)), found %" PRId64,
					  v->expected, v->actual);
			break;
		case GD_RULE_BALANCE:
			gd_sb_printf(&b, "一 + 二 = %" PRId64 " + %" PRId64 " = %" PRId64
					  " (received + carried over) differs from 三(七) + 四 = %" PRId64
					  " + %" PRId64 " = %" PRId64 " (handled + carried forward)",
					  v->parts[0], v->parts[1], v->expected,
					  v->parts[2], v->parts[3], v->actual);
			break;
		case GD_RULE_APPEAL_TOTAL:
			gd_sb_printf(&b, "expected %" PRId64 " (upheld + corrected + other + pending), found %" PRId64,
					  v->expected, v->actual);
			break;
		case GD_RULE_MISSING:
			if (v->item < 0)
				gd_sb_printf(&b, "section %s「%s」 is not printed",
						  gd_sections[v->section].numeral, gd_sections[v->section].label_zh);
			else
			{
				const gd_cellset *cs = gd_sections[v->section].items[v->item].cellset;
				bool		first = true;

				if (cs->cells[0].code == NULL ||
					v->null_mask == ((uint32_t) 1 << cs->ncells) - 1)
				{
					gd_sb_printf(&b, "not printed");
					break;
				}
				gd_sb_printf(&b, "cells not printed: ");
				for (int c = 0; c < cs->ncells; c++)
				{
					if (!(v->null_mask & ((uint32_t) 1 << c)))
						continue;
					gd_sb_printf(&b, "%s%s「%s」", first ? "" : ", ",
							  cs->cells[c].code, cs->cells[c].label_zh);
					first = false;
				}
			}
			break;
		case GD_RULE_YEAR:
			gd_sb_printf(&b, "%" PRId64 " is not a reporting year: reports are for %d (the first year under the 条例) to %d (next year)",
						 v->actual, GD_FIRST_YEAR, v->other_year);
			break;
		case GD_RULE_DUPLICATE:
			gd_sb_printf(&b, "the agency's report for %d is already stored (or comes earlier in the same statement)",
					  v->other_year);
			break;
		case GD_RULE_CONTINUITY:
			gd_sb_printf(&b, "expected %" PRId64 " (carried_forward「四、结转下年度继续办理」 of %d), found %" PRId64,
					  v->expected, v->other_year, v->actual);
			break;
		case GD_RULE_DOCUMENTS_CONTINUITY:
			gd_sb_printf(&b, "expected %" PRId64 " (in_force of %d + issued - repealed = %" PRId64
					  " + %" PRId64 " - %" PRId64 "), found %" PRId64,
					  v->expected, v->other_year, v->parts[0], v->parts[1], v->parts[2], v->actual);
			break;
		case GD_RULE_UNKNOWN_REGION:
			gd_sb_printf(&b, "%06" PRId64 " names no division in govdisclose.region "
					  "(未收录的行政区划代码: new, abolished or mistyped)", v->actual);
			break;
		case GD_RULE_AMBIGUOUS_AGENCY:
		case GD_RULE_UNKNOWN_AGENCY:
			gd_sb_printf(&b, "%s", v->note ? v->note : "");
			break;
		default:
			gd_sb_printf(&b, "rule %d is broken", v->rule);
			break;
	}
	return b.used;
}

/* ---- regions (docs/domain.md §11) ---- */

bool
gd_region_code_parse(const char *s, size_t len, int32_t *out)
{
	int32_t		v = 0;

	if (len != 6)
		return false;
	for (size_t i = 0; i < 6; i++)
	{
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

bool
gd_region_known(const gd_region_set *s, int32_t code)
{
	size_t		lo = 0,
				hi = s->n;

	while (lo < hi)
	{
		size_t		mid = lo + (hi - lo) / 2;

		if (s->codes[mid] == code)
			return true;
		if (s->codes[mid] < code)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

void
gd_check_region(const char *code, size_t len, const gd_region_set *s,
				gd_emit_fn fn, void *ctx)
{
	int32_t		v;
	gd_violation vi;
	emitter		e = {fn, ctx, 0};

	if (!gd_region_code_parse(code, len, &v) || gd_region_known(s, v))
		return;
	vi = violation(GD_RULE_UNKNOWN_REGION, GD_SEC_META, -1, GD_META_REGION_CODE);
	vi.has_actual = true;
	vi.actual = v;
	emit(&e, &vi);
}
