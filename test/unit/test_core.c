/*
 * Unit tests of the pure C core: model, rules, shares.  No PostgreSQL.
 * Prints one line per failed check and a final "N passed, N failed".
 */
#include "gd_model.h"
#include "gd_rules.h"
#include "gd_share.h"

#include "testlib.h"

#include <stdio.h>
#include <string.h>

/* collects violations and their messages */
#define MAXV 400
typedef struct collected
{
	int			n;
	gd_violation v[MAXV];
	char		msg[MAXV][1024];
} collected;

static void
collect(void *ctx, const gd_violation *v)
{
	collected  *c = ctx;

	if (c->n < MAXV)
	{
		c->v[c->n] = *v;
		gd_format_violation(v, c->msg[c->n], sizeof(c->msg[0]));
		c->n++;
	}
}

static int
count_rule(const collected *c, int rule)
{
	int			k = 0;

	for (int i = 0; i < c->n; i++)
		k += c->v[i].rule == rule;
	return k;
}

static collected col;

static void
test_model(void)
{
	const gd_cell *cells = gd_cells();

	CHECK(GD_NCELLS == 223);
	CHECK_STR(cells[GD_REQ_CELL(GD_ROW_HANDLED_TOTAL, GD_COL_TOTAL)].column_name, "handled_total__total");
	CHECK_STR(cells[GD_PRO_DOC(GD_PITEM_NORMATIVE_DOCUMENTS, GD_DOC_IN_FORCE)].column_name, "normative_documents__in_force");
	CHECK_STR(cells[GD_FEES_CELL].column_name, "fees");
	CHECK_STR(cells[GD_APP_CELL(GD_BLOCK_SUIT_AFTER_REVIEW, GD_ACELL_TOTAL)].column_name, "suit_after_review__total");
	CHECK(gd_cell_by_column("licensing", 9) == GD_PRO_SINGLE(GD_PITEM_LICENSING));
	CHECK(gd_cell_by_column("disclosed__total", 16) == GD_REQ_CELL(GD_ROW_DISCLOSED, GD_COL_TOTAL));
	CHECK(gd_cell_by_column("disclosed__totals", 17) == -1);
	CHECK(gd_cell_by_column("agency", 6) == -1);
	/* every item's first cell matches the flattened table */
	for (int s = 0; s < GD_NSECTIONS; s++)
		for (int i = 0; i < gd_sections[s].nitems; i++)
		{
			const gd_cell *c = &cells[gd_sections[s].items[i].first_cell];

			CHECK(c->section == (gd_section_id) s && c->item == i && c->cell == 0);
		}
	CHECK(gd_sections[GD_SEC_REQUESTS].items[GD_ROW_WITHHELD_QUERY_MATTER].group == GD_GROUP_WITHHELD);
	CHECK(gd_sections[GD_SEC_REQUESTS].items[GD_ROW_HANDLED_TOTAL].group == GD_GROUP_NONE);
}

static void
test_jinshan_clean(void)
{
	gd_report	r;
	int			errors;

	jinshan(&r);
	col.n = 0;
	errors = gd_check(&r, collect, &col);
	CHECK(errors == 0);
	/* fees and suit_after_review are not printed: two missing warnings */
	CHECK(col.n == 2);
	CHECK(count_rule(&col, GD_RULE_MISSING) == 2);
	CHECK_STR(col.msg[0], "二 proactive, item fees「行政事业性收费 (第二十条第（八）项)」: not printed");
	CHECK_STR(col.msg[1], "四 appeals, block suit_after_review「行政诉讼 — 复议后起诉」: not printed");
	CHECK(gd_effective_template(&r) == GD_TMPL_2021);
}

static void
test_typo_all_at_once(void)
{
	gd_report	r;
	int			errors;

	jinshan(&r);
	r.v[GD_REQ_CELL(GD_ROW_HANDLED_TOTAL, GD_COL_TOTAL)] = 483;
	col.n = 0;
	errors = gd_check(&r, collect, &col);
	/* row_total of handled_total, handled_total of total, balance of total */
	CHECK(errors == 3);
	CHECK(count_rule(&col, GD_RULE_ROW_TOTAL) == 1);
	CHECK(count_rule(&col, GD_RULE_HANDLED_TOTAL) == 1);
	CHECK(count_rule(&col, GD_RULE_BALANCE) == 1);
	for (int i = 0; i < col.n; i++)
	{
		gd_violation *v = &col.v[i];

		if (v->rule == GD_RULE_HANDLED_TOTAL)
		{
			CHECK_STR(gd_violation_row_code(v), "handled_total");
			CHECK_STR(gd_violation_column_code(v), "total");
			CHECK(v->expected == 482 && v->actual == 483);
			CHECK_STR(col.msg[i], "三 requests, row handled_total「三(七) 总计」, column total「总计」: "
					  "expected 482 (the sum of rows 三(一) to 三(六)), found 483");
		}
		if (v->rule == GD_RULE_BALANCE)
		{
			CHECK(gd_violation_row_code(v) == NULL);
			CHECK_STR(gd_violation_column_code(v), "total");
			CHECK(v->expected == 635 && v->actual == 636);
			CHECK_STR(col.msg[i], "三 requests, column total「总计」: 一 + 二 = 617 + 18 = 635 (received + carried over) "
					  "differs from 三(七) + 四 = 483 + 153 = 636 (handled + carried forward)");
		}
		if (v->rule == GD_RULE_ROW_TOTAL)
			CHECK(v->expected == 482 && v->actual == 483);
	}
}

static void
test_rules_each(void)
{
	gd_report	r;

	/* nonnegative, in each section, with the fee's printed amount */
	jinshan(&r);
	r.v[GD_REQ_CELL(GD_ROW_REJECTED_PETITION, GD_COL_NATURAL_PERSON)] = -1;
	set_cell(&r, GD_FEES_CELL, -1);
	r.text[GD_FEES_CELL] = "-18.8710";
	r.v[GD_APP_CELL(GD_BLOCK_REVIEW, GD_ACELL_OTHER)] = -1;
	col.n = 0;
	gd_check(&r, collect, &col);
	CHECK(count_rule(&col, GD_RULE_NONNEGATIVE) == 3);
	CHECK_STR(col.msg[0], "二 proactive, item fees「行政事业性收费 (第二十条第（八）项)」: -18.8710 is negative; amounts must be at least 0");
	CHECK(gd_violation_column_code(&col.v[0]) == NULL);

	/* appeal_total */
	jinshan(&r);
	r.v[GD_APP_CELL(GD_BLOCK_SUIT_DIRECT, GD_ACELL_TOTAL)] = 8;
	col.n = 0;
	CHECK(gd_check(&r, collect, &col) == 1);
	CHECK(count_rule(&col, GD_RULE_APPEAL_TOTAL) == 1);
	CHECK_STR(gd_violation_row_code(&col.v[1]), "suit_direct");
	CHECK_STR(gd_violation_column_code(&col.v[1]), "total");

	/* a NULL cell: row_total of that row is not evaluated, missing instead */
	jinshan(&r);
	r.isnull[GD_REQ_CELL(GD_ROW_DISCLOSED, GD_COL_TOTAL)] = true;
	r.v[GD_REQ_CELL(GD_ROW_DISCLOSED, GD_COL_NATURAL_PERSON)] = 1000;	/* would break row_total */
	col.n = 0;
	/* still breaks handled_total and balance of natural_person */
	CHECK(gd_check(&r, collect, &col) == 1);
	CHECK(count_rule(&col, GD_RULE_ROW_TOTAL) == 0);
	CHECK(count_rule(&col, GD_RULE_HANDLED_TOTAL) == 1);
	CHECK(count_rule(&col, GD_RULE_MISSING) == 3);

	/* an absent section: one missing warning, no errors */
	jinshan(&r);
	r.present[GD_SEC_REQUESTS] = false;
	col.n = 0;
	CHECK(gd_check_section(&r, GD_SEC_REQUESTS, collect, &col) == 0);
	CHECK(col.n == 1 && col.v[0].rule == GD_RULE_MISSING && col.v[0].item == -1);
	CHECK_STR(col.msg[0], "三 requests: section 三「收到和处理政府信息公开申请情况」 is not printed");
}

static void
test_template_2019(void)
{
	gd_report	r;

	/* 2019: 三(六) is one row, kept in other_other */
	jinshan(&r);
	r.tmpl = GD_TMPL_INFER;
	set_row(&r, GD_ROW_OTHER_OTHER, 142, 8, 0, 0, 0, 2, 152);
	for (int c = 0; c < GD_NCOLS; c++)
	{
		r.isnull[GD_REQ_CELL(GD_ROW_OTHER_NO_CORRECTION, c)] = true;
		r.isnull[GD_REQ_CELL(GD_ROW_OTHER_NO_FEE, c)] = true;
	}
	CHECK(gd_effective_template(&r) == GD_TMPL_2019);
	col.n = 0;
	CHECK(gd_check(&r, collect, &col) == 0);
	CHECK(count_rule(&col, GD_RULE_MISSING) == 2);	/* fees, suit_after_review only */

	/* the same matrix declared 2021 misses the two rows */
	r.tmpl = GD_TMPL_2021;
	col.n = 0;
	CHECK(gd_check(&r, collect, &col) == 0);
	CHECK(count_rule(&col, GD_RULE_MISSING) == 4);

	/* 2019 reports with a blank 总计 column: missing, not row_total */
	r.tmpl = GD_TMPL_2019;
	for (int row = 0; row < GD_NROWS; row++)
		r.isnull[GD_REQ_CELL(row, GD_COL_TOTAL)] = true;
	col.n = 0;
	CHECK(gd_check(&r, collect, &col) == 0);
	CHECK(count_rule(&col, GD_RULE_ROW_TOTAL) == 0);
	CHECK(count_rule(&col, GD_RULE_MISSING) == 2 + 23);

	/* shares still computed from the applicant columns */
	{
		char		buf[64];

		CHECK(gd_disclosure_rate(&r, buf));
		CHECK_STR(buf, "31.74");
	}
}

static void
test_continuity(void)
{
	gd_report	cur;
	gd_report	prev;

	jinshan(&cur);
	jinshan(&prev);
	/* 2023 carried 18 forward in total: 17 + 1 */
	set_row(&prev, GD_ROW_CARRIED_FORWARD, 17, 1, 0, 0, 0, 0, 18);
	set_cell(&prev, GD_PRO_DOC(GD_PITEM_NORMATIVE_DOCUMENTS, GD_DOC_IN_FORCE), 63);
	col.n = 0;
	gd_check_continuity(&cur, &prev, 2023, collect, &col);
	CHECK(col.n == 0);

	set_row(&prev, GD_ROW_CARRIED_FORWARD, 17, 3, 0, 0, 0, 0, 20);
	set_cell(&prev, GD_PRO_DOC(GD_PITEM_NORMATIVE_DOCUMENTS, GD_DOC_IN_FORCE), 70);
	col.n = 0;
	gd_check_continuity(&cur, &prev, 2023, collect, &col);
	CHECK(count_rule(&col, GD_RULE_CONTINUITY) == 2);
	CHECK(count_rule(&col, GD_RULE_DOCUMENTS_CONTINUITY) == 1);
	CHECK_STR(col.msg[0], "二 proactive, item normative_documents「行政规范性文件 (第二十条第（一）项)」, cell in_force「现行有效件数」: "
			  "expected 80 (in_force of 2023 + issued - repealed = 70 + 28 - 18), found 73");
	CHECK_STR(col.msg[2], "三 requests, row carried_over「二、上年结转政府信息公开申请数量」, column total「总计」: "
			  "expected 20 (carried_forward「四、结转下年度继续办理」 of 2023), found 18");
}

/* A duplicate is a violation of the report as a whole, in no section. */
static void
test_duplicate(void)
{
	gd_violation v;
	char		buf[256];

	gd_duplicate_violation(2024, &v);
	CHECK(v.rule == GD_RULE_DUPLICATE && gd_rules[v.rule].severity == GD_SEV_ERROR);
	CHECK_STR(gd_rules[v.rule].code, "duplicate");
	CHECK_STR(gd_violation_section_code(&v), "report");
	CHECK(gd_violation_row_code(&v) == NULL && gd_violation_column_code(&v) == NULL);
	gd_format_violation(&v, buf, sizeof(buf));
	CHECK_STR(buf, "report: the agency's report for 2024 is already stored (or comes earlier in the same statement)");
}

/* Reporting years: 2008 to next year. */
static void
test_year(void)
{
	gd_violation v;
	char		buf[256];

	CHECK(!gd_year_violation(2008, 2027, &v) && !gd_year_violation(2027, 2027, &v));
	CHECK(gd_year_violation(2007, 2027, &v) && gd_year_violation(2028, 2027, &v));
	CHECK(gd_year_violation(0, 2027, &v) && gd_year_violation(-1, 2027, &v));
	CHECK(gd_year_violation(99999, 2027, &v));
	CHECK(v.rule == GD_RULE_YEAR && gd_rules[v.rule].severity == GD_SEV_ERROR);
	CHECK_STR(gd_violation_section_code(&v), "report");
	CHECK_STR(gd_violation_column_code(&v), "year");
	gd_format_violation(&v, buf, sizeof(buf));
	CHECK_STR(buf, "column year「报告年度」: 99999 is not a reporting year: reports are for 2008 (the first year under the 条例) to 2027 (next year)");
}

static void
share_is(long p, long w, int scale, const char *want, int line)
{
	char		buf[GD_SHARE_BUFLEN(GD_SHARE_MAX_SCALE)];

	if (!gd_share_format(p, w, scale, buf))
		strcpy(buf, "NULL");
	check_str(buf, want, __FILE__, line);
}

static void
test_share(void)
{
	share_is(153, 482, 2, "31.74", __LINE__);
	share_is(160, 482, 2, "33.20", __LINE__);
	share_is(160, 482, 4, "33.1950", __LINE__);
	share_is(1, 8, 2, "12.50", __LINE__);
	share_is(1, 8, 1, "12.5", __LINE__);
	share_is(1, 16, 2, "6.25", __LINE__);
	share_is(1, 16, 1, "6.3", __LINE__);	/* 6.25 half-up */
	share_is(1, 3, 0, "33", __LINE__);
	share_is(2, 3, 0, "67", __LINE__);
	share_is(0, 5, 2, "0.00", __LINE__);
	share_is(5, 0, 2, "NULL", __LINE__);
	share_is(0, 0, 2, "NULL", __LINE__);
	share_is(-1, 8, 2, "-12.50", __LINE__);
	share_is(-1, 16, 1, "-6.3", __LINE__);	/* half away from zero */
	share_is(1, -16, 1, "-6.3", __LINE__);
	share_is(-1, 1000000, 2, "0.00", __LINE__);	/* no "-0.00" */
	share_is(999999, 1000000, 2, "100.00", __LINE__);	/* carry */
	share_is(9995, 100000, 1, "10.0", __LINE__);
	share_is(9223372036854775807L, 1, 0, "922337203685477580700", __LINE__);
	share_is(-9223372036854775807L - 1, -1, 0, "922337203685477580800", __LINE__);
	share_is(1, 9223372036854775807L, 20, "0.00000000000000001084", __LINE__);
}

static void
test_outcome_shares(void)
{
	gd_report	r;
	gd_outcomes o;
	int64_t		h[GD_NGROUPS];
	bool		known[GD_NGROUPS];
	char		buf[32];
	static const char *const want[GD_NMETHODS][GD_NGROUPS] = {
		{"31.74", "3.32", "33.20", "0.21", "31.54"},
		{"31.74", "3.32", "33.19", "0.21", "31.54"},
		{"31.74", "3.32", "33.20", "0.21", "31.53"},
	};

	jinshan(&r);
	gd_outcome_counts(&r, &o);
	CHECK(o.whole == 482 && o.whole_known);
	CHECK(o.count[GD_GROUP_DISCLOSED] == 153 && o.count[GD_GROUP_WITHHELD] == 16 &&
		  o.count[GD_GROUP_UNABLE] == 160 && o.count[GD_GROUP_NOT_PROCESSED] == 1 &&
		  o.count[GD_GROUP_OTHER] == 152);
	for (int m = 0; m < GD_NMETHODS; m++)
	{
		int64_t		sum = 0;

		gd_outcome_shares(&o, (gd_round_method) m, h, known);
		for (int g = 0; g < GD_NGROUPS; g++)
		{
			CHECK(known[g]);
			gd_format_hundredths(h[g], buf);
			CHECK_STR(buf, want[m][g]);
			sum += h[g];
		}
		if (m != GD_ROUND_HALF_UP)
			CHECK(sum == 10000);
	}
	CHECK(gd_disclosure_rate(&r, buf));
	CHECK_STR(buf, "31.74");

	/* whole = 0: every percent NULL */
	jinshan(&r);
	for (int row = 0; row < GD_NROWS; row++)
		set_row(&r, row, 0, 0, 0, 0, 0, 0, 0);
	gd_outcome_counts(&r, &o);
	for (int m = 0; m < GD_NMETHODS; m++)
	{
		gd_outcome_shares(&o, (gd_round_method) m, h, known);
		for (int g = 0; g < GD_NGROUPS; g++)
			CHECK(!known[g]);
	}
	CHECK(!gd_disclosure_rate(&r, buf));

	/* NULL handled total: the whole is the sum of the groups */
	jinshan(&r);
	r.isnull[GD_REQ_CELL(GD_ROW_HANDLED_TOTAL, GD_COL_TOTAL)] = true;
	gd_outcome_counts(&r, &o);
	CHECK(o.whole_known && o.whole == 482);

	/* a group unknown: half_up gives the others, the summing methods none */
	r.isnull[GD_REQ_CELL(GD_ROW_REJECTED_PETITION, GD_COL_TOTAL)] = true;
	r.isnull[GD_REQ_CELL(GD_ROW_REJECTED_PETITION, GD_COL_OTHER_ORG)] = true;
	gd_outcome_counts(&r, &o);
	CHECK(!o.count_known[GD_GROUP_NOT_PROCESSED] && !o.whole_known);
	r.isnull[GD_REQ_CELL(GD_ROW_HANDLED_TOTAL, GD_COL_TOTAL)] = false;
	gd_outcome_counts(&r, &o);
	gd_outcome_shares(&o, GD_ROUND_HALF_UP, h, known);
	CHECK(known[GD_GROUP_DISCLOSED] && !known[GD_GROUP_NOT_PROCESSED] && h[GD_GROUP_DISCLOSED] == 3174);
	gd_outcome_shares(&o, GD_ROUND_PLUG_LAST, h, known);
	CHECK(!known[GD_GROUP_DISCLOSED]);

	/* very large counts, exact */
	o.whole = 3000000000000LL;
	for (int g = 0; g < GD_NGROUPS; g++)
	{
		o.count[g] = 600000000000LL;
		o.count_known[g] = true;
	}
	o.count[0] += 1;
	o.count[4] -= 1;
	gd_outcome_shares(&o, GD_ROUND_LARGEST_REMAINDER, h, known);
	CHECK(h[0] == 2000 && h[4] == 2000);

	/* largest remainder: three equal thirds give 33.34, 33.33, 33.33 */
	o.whole = 3;
	o.count[0] = o.count[1] = o.count[2] = 1;
	o.count[3] = o.count[4] = 0;
	gd_outcome_shares(&o, GD_ROUND_LARGEST_REMAINDER, h, known);
	CHECK(h[0] == 3334 && h[1] == 3333 && h[2] == 3333 && h[3] == 0);
	gd_outcome_shares(&o, GD_ROUND_HALF_UP, h, known);
	CHECK(h[0] == 3333 && h[1] == 3333 && h[2] == 3333);

	CHECK(gd_round_method_by_name("plug_last") == GD_ROUND_PLUG_LAST);
	CHECK(gd_round_method_by_name("banker") == -1);
}

/* Percentages at any precision, and which methods give a printed figure. */
static void
test_share_units(void)
{
	gd_report	r;
	gd_outcomes o;
	gd_i128		u[GD_NGROUPS];
	gd_share_figure fig[GD_NMETHODS];
	unsigned	m;
	gd_i128		sum = 0;

	CHECK(gd_share_units(153, 482, 2) == 3174);
	CHECK(gd_share_units(160, 482, 1) == 332);	/* 33.195… */
	CHECK(gd_share_units(160, 482, 4) == 331950);
	CHECK(gd_share_units(1, 16, 1) == 63);
	CHECK(gd_share_units(-1, 16, 1) == -63);
	CHECK(gd_share_units(1, -16, 1) == -63);
	CHECK(gd_share_units(1, 3, 0) == 33);
	CHECK(gd_share_units(1, 3, -5) == 33);		/* clamped to 0 */
	/* the largest values stay exact: 100 × 10^16 × (2^63 − 1) */
	CHECK(gd_share_units(INT64_MAX, 1, GD_SHARE_MAX_DECIMALS) ==
		  (gd_i128) INT64_MAX * 100 * 100000000 * 100000000);
	CHECK(gd_share_units(INT64_MIN, 1, GD_SHARE_MAX_DECIMALS) ==
		  (gd_i128) INT64_MIN * 100 * 100000000 * 100000000);
	CHECK(gd_share_units(INT64_MIN, -1, GD_SHARE_MAX_DECIMALS + 5) ==
		  -((gd_i128) INT64_MIN * 100 * 100000000 * 100000000));

	jinshan(&r);
	gd_outcome_counts(&r, &o);
	/*
	 * one decimal: 31.742… 3.319… 33.195… 0.207… 31.535… truncate to 99.8;
	 * the two missing tenths go to 33.1 (.95 left) and 31.7 (.42 left)
	 */
	gd_share_method_units(&o, GD_ROUND_LARGEST_REMAINDER, 1, u);
	for (int g = 0; g < GD_NGROUPS; g++)
		sum += u[g];
	CHECK(sum == 1000);
	CHECK(u[0] == 318 && u[1] == 33 && u[2] == 332 && u[3] == 2 && u[4] == 315);
	gd_share_method_units(&o, GD_ROUND_PLUG_LAST, 1, u);
	CHECK(u[4] == 1000 - 317 - 33 - 332 - 2);
	/* two decimals: what gd_outcome_shares gives */
	for (int k = 0; k < GD_NMETHODS; k++)
	{
		int64_t		h[GD_NGROUPS];
		bool		known[GD_NGROUPS];

		gd_outcome_shares(&o, (gd_round_method) k, h, known);
		gd_share_method_units(&o, (gd_round_method) k, 2, u);
		for (int g = 0; g < GD_NGROUPS; g++)
			CHECK(known[g] && u[g] == h[g]);
	}

	/* printed figures: 33.20% is half_up and plug_last, 33.19% largest_remainder */
	m = gd_share_printed_methods(&o, GD_GROUP_UNABLE, 3320, 2, fig);
	CHECK(m == ((1u << GD_ROUND_HALF_UP) | (1u << GD_ROUND_PLUG_LAST)));
	CHECK(fig[GD_ROUND_LARGEST_REMAINDER].known && fig[GD_ROUND_LARGEST_REMAINDER].units == 3319);
	m = gd_share_printed_methods(&o, GD_GROUP_UNABLE, 3319, 2, fig);
	CHECK(m == (1u << GD_ROUND_LARGEST_REMAINDER));
	/* 33.2% at one decimal: all three */
	m = gd_share_printed_methods(&o, GD_GROUP_UNABLE, 332, 1, fig);
	CHECK(m == 7u);
	CHECK(fig[GD_ROUND_HALF_UP].decimals == 1 && fig[GD_ROUND_PLUG_LAST].decimals == 1);
	/* 31.740%: half_up at three decimals (31.743…) gives 31.743, not 31.740;
	 * the others at two decimals, zeros printed beyond */
	m = gd_share_printed_methods(&o, GD_GROUP_DISCLOSED, 31740, 3, fig);
	CHECK(m == ((1u << GD_ROUND_LARGEST_REMAINDER) | (1u << GD_ROUND_PLUG_LAST)));
	CHECK(fig[GD_ROUND_HALF_UP].units == 31743 && fig[GD_ROUND_PLUG_LAST].decimals == 2);
	CHECK(gd_share_printed_methods(&o, GD_GROUP_DISCLOSED, 31743, 3, fig) ==
		  (1u << GD_ROUND_HALF_UP));
	/* the rounding interval: 31.74% is [31.735, 31.745) */
	CHECK(gd_share_printed_methods(&o, GD_GROUP_DISCLOSED, 3175, 2, fig) == 0);
	CHECK(gd_share_printed_methods(&o, GD_GROUP_DISCLOSED, 317, 1, fig) != 0);
	/* out of range, a group unknown, a whole of 0 */
	CHECK(gd_share_printed_methods(&o, GD_NGROUPS, 3174, 2, fig) == 0 && !fig[0].known);
	CHECK(gd_share_printed_methods(&o, 0, 3174, GD_SHARE_MAX_DECIMALS + 1, fig) == 0);
	o.count_known[GD_GROUP_OTHER] = false;
	CHECK(gd_share_printed_methods(&o, GD_GROUP_DISCLOSED, 3174, 2, fig) ==
		  (1u << GD_ROUND_HALF_UP));
	CHECK(fig[GD_ROUND_HALF_UP].known && !fig[GD_ROUND_PLUG_LAST].known);
	CHECK(gd_share_printed_methods(&o, GD_GROUP_OTHER, 3153, 2, fig) == 0);
	o.count_known[GD_GROUP_OTHER] = true;
	o.whole = 0;
	CHECK(gd_share_printed_methods(&o, GD_GROUP_DISCLOSED, 0, 2, fig) == 0 &&
		  !fig[GD_ROUND_HALF_UP].known);
}

static void
test_format_truncation(void)
{
	gd_violation v;
	char		small[16];
	char		big[1024];
	size_t		need;

	memset(&v, 0, sizeof(v));
	v.rule = GD_RULE_ROW_TOTAL;
	v.section = GD_SEC_REQUESTS;
	v.item = GD_ROW_DISCLOSED;
	v.col = GD_COL_TOTAL;
	v.expected = 1;
	v.actual = 2;
	need = gd_format_violation(&v, small, sizeof(small));
	CHECK(strlen(small) == sizeof(small) - 1);
	CHECK(gd_format_violation(&v, big, sizeof(big)) == need);
	CHECK(strlen(big) == need);
}

/* unknown_region (docs/domain.md §11): a 6-digit code not in the known set */
static void
test_region(void)
{
	static const int32_t codes[] = {110000, 310000, 310100, 310116, 429004};
	gd_region_set set = {codes, sizeof(codes) / sizeof(codes[0])};
	gd_region_set none = {NULL, 0};
	int32_t		code = 0;

	CHECK(gd_region_code_parse("310116", 6, &code) && code == 310116);
	CHECK(!gd_region_code_parse("31011", 5, &code));
	CHECK(!gd_region_code_parse("3101160", 7, &code));
	CHECK(!gd_region_code_parse("31011a", 6, &code));
	CHECK(!gd_region_code_parse("3101\xef\xbc\x91", 7, &code));	/* a full-width digit */
	CHECK(!gd_region_code_parse("", 0, &code));

	for (size_t i = 0; i < set.n; i++)
		CHECK(gd_region_known(&set, codes[i]));
	CHECK(!gd_region_known(&set, 310117));
	CHECK(!gd_region_known(&set, 100000));
	CHECK(!gd_region_known(&set, 999999));
	CHECK(!gd_region_known(&none, 310116));

	col.n = 0;
	gd_check_region("310116", 6, &set, collect, &col);
	gd_check_region("31011", 5, &set, collect, &col);	/* not a code: the CHECK's business */
	gd_check_region("", 0, &set, collect, &col);
	CHECK(col.n == 0);
	gd_check_region("310199", 6, &set, collect, &col);
	CHECK(col.n == 1);
	CHECK(col.v[0].rule == GD_RULE_UNKNOWN_REGION);
	CHECK(gd_rules[GD_RULE_UNKNOWN_REGION].severity == GD_SEV_WARNING);
	CHECK_STR(gd_violation_section_code(&col.v[0]), "report");
	CHECK(gd_violation_row_code(&col.v[0]) == NULL);
	CHECK_STR(gd_violation_column_code(&col.v[0]), "region_code");
	CHECK(col.v[0].has_actual && col.v[0].actual == 310199 && !col.v[0].has_expected);
	CHECK_STR(col.msg[0], "column region_code「行政区划代码」: 310199 names no division in govdisclose.region "
			  "(未收录的行政区划代码: new, abolished or mistyped)");
	/* with no known code every well-formed one is unknown */
	col.n = 0;
	gd_check_region("429004", 6, &none, collect, &col);
	CHECK(col.n == 1 && col.v[0].actual == 429004);
	/* a violation of a section still names its section */
	col.v[0].rule = GD_RULE_ROW_TOTAL;
	col.v[0].section = GD_SEC_REQUESTS;
	CHECK_STR(gd_violation_section_code(&col.v[0]), "requests");
}

int
main(void)
{
	test_model();
	test_jinshan_clean();
	test_typo_all_at_once();
	test_rules_each();
	test_template_2019();
	test_continuity();
	test_duplicate();
	test_year();
	test_share();
	test_outcome_shares();
	test_share_units();
	test_format_truncation();
	test_region();
	return test_summary();
}
