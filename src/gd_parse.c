/*
 * gd_parse.c — read a report's tables from its extracted text (gd_parse.h).
 *
 * Passes: normalise (gdp_normalise_input) → title (gdp_find_title) → page
 * furniture (gdp_mark_noise) → key view (gdp_build_keys) → sections
 * (gdp_find_sections) → section 三, 二, 四.  The text and its cells are read
 * by gd_parse_doc.c and gd_parse_cells.c (gd_parse_int.h).
 * Plain C99; every buffer is bounded, nothing recurses.
 */
#include "gd_parse_int.h"
#include "gd_text.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* Section 三: the request matrix */

/* Distinctive parts of each row's label; rows without keys are found by
 * their place (其他, 总计). */
static const char *const req_keys[GD_NROWS][3] = {
	[GD_ROW_NEW_RECEIVED] = {"本年新收政府信息公开申请", "本年新收"},
	[GD_ROW_CARRIED_OVER] = {"上年结转政府信息公开申请", "上年结转"},
	[GD_ROW_DISCLOSED] = {"予以公开"},
	[GD_ROW_PARTIALLY_DISCLOSED] = {"部分公开"},
	[GD_ROW_WITHHELD_STATE_SECRET] = {"国家秘密"},
	[GD_ROW_WITHHELD_PROHIBITED_BY_LAW] = {"法律行政法规禁止公开", "禁止公开"},
	[GD_ROW_WITHHELD_THREE_SAFETIES] = {"三安全一稳定"},
	[GD_ROW_WITHHELD_THIRD_PARTY] = {"第三方合法权益"},
	[GD_ROW_WITHHELD_INTERNAL_AFFAIRS] = {"三类内部事务"},
	[GD_ROW_WITHHELD_PROCESS_INFO] = {"四类过程性"},
	[GD_ROW_WITHHELD_ENFORCEMENT_FILE] = {"行政执法案卷"},
	[GD_ROW_WITHHELD_QUERY_MATTER] = {"行政查询事项"},
	[GD_ROW_UNABLE_NOT_HELD] = {"不掌握相关政府信息", "本机关不掌握"},
	[GD_ROW_UNABLE_NEEDS_CREATION] = {"没有现成信息", "需要另行制作"},
	[GD_ROW_UNABLE_UNCLEAR] = {"补正后申请内容仍不明确", "仍不明确"},
	[GD_ROW_REJECTED_PETITION] = {"信访举报投诉"},
	[GD_ROW_REJECTED_REPEATED] = {"重复申请"},
	[GD_ROW_REJECTED_PUBLICATION] = {"公开出版物"},
	[GD_ROW_REJECTED_EXCESSIVE] = {"大量反复申请", "无正当理由大量"},
	[GD_ROW_REJECTED_RECONFIRM] = {"确认或重新出具", "重新出具已获取"},
	[GD_ROW_OTHER_NO_CORRECTION] = {"逾期不补正"},
	[GD_ROW_OTHER_NO_FEE] = {"逾期未按收费通知", "未按收费通知要求缴纳费用"},
	[GD_ROW_OTHER_OTHER] = {NULL},
	[GD_ROW_HANDLED_TOTAL] = {NULL},
	[GD_ROW_CARRIED_FORWARD] = {"结转下年度继续办理", "结转下年度"},
};

static const char *const key_other[] = {"其他"};
static const char *const key_other_2019[] = {"其他处理"};
static const char *const key_total[] = {"总计", "合计"};
/* Group labels and headings of section 三: they end the row before them. */
static const char *const req_group_keys[] = {"本年度办理结果", "不予公开", "无法提供", "不予处理", "其他处理"};

void
gdp_req_row_name(int row, bool t2019, char *buf, size_t cap)
{
	const gd_item *it = &gd_sections[GD_SEC_REQUESTS].items[row];

	if (t2019 && row == GD_ROW_OTHER_OTHER)
		snprintf(buf, cap, "三(六) 其他处理 (other_other; 2019 template: one row)");
	else
		snprintf(buf, cap, "%s (%s)", it->label_zh, it->code);
}

/* Read one count cell; a diagnostic when it cannot be read. */
static void
read_count(ctx *c, const slot *s, int64_t *v, bool *isnull, const char *section,
		   const char *where)
{
	const char *why = gdp_count_problem(s);

	*isnull = true;
	if (why)
	{
		gdp_add_diag(c, c->lines[s->li].lineno, section, "number",
				 "%s at line %d: \"%s\" %s; the cell is left NULL",
				 where, c->lines[s->li].lineno, s->raw, why);
		return;
	}
	if (s->kind == W_VALUE)
	{
		*v = s->iv;
		*isnull = false;
	}
}

static void
diag_cell_count(ctx *c, const char *section, const char *what, int label_li,
				const region *r, int ncells, const char *cells_desc)
{
	char		q[300];
	char		cells[400];
	char		lead[64] = "";
	int			li = r->nslots > 0 ? r->s[0].li : label_li;

	if (label_li < 0)
		label_li = li;
	gdp_describe_cells(r, cells, sizeof(cells));
	gdp_quote_row(c, label_li, r, q, sizeof(q));
	if (r->lead_blank > 0)
		snprintf(lead, sizeof(lead), ", after %d blank cell%s", r->lead_blank,
				 r->lead_blank > 1 ? "s" : "");
	gdp_add_diag(c, c->lines[label_li].lineno, section, "cell_count",
			 "%s at line %d has %d number%s for %d cell%s%s%s%s%s; %s left NULL, not guessed. Read: %s. Text: \"%s\"",
			 what, c->lines[label_li].lineno, r->nslots, r->nslots == 1 ? "" : "s",
			 ncells, ncells == 1 ? "" : "s", cells_desc ? " (" : "", cells_desc ? cells_desc : "",
			 cells_desc ? ")" : "", lead, ncells == 1 ? "the cell is" : "its cells are",
			 cells, q);
}

static void
diag_blank(ctx *c, const char *section, const char *what, int label_li, int ncells)
{
	char		q[300];

	gdp_quote_lines(c, label_li, label_li, q, sizeof(q), 240);
	gdp_add_diag(c, c->lines[label_li].lineno, section, "blank",
			 "%s at line %d is printed without any number: %s NULL (blank, not zero). Text: \"%s\"",
			 what, c->lines[label_li].lineno, ncells == 1 ? "its cell is" : "its cells are", q);
}

typedef struct req_result
{
	bool		found;			/* some row was recognised */
	bool		t2019;			/* 三(六) is one row */
	bool		has_subrows;	/* 2021 sub-rows of 三(六) printed */
} req_result;

static req_result
parse_requests(ctx *c, const span *sp)
{
	gd_report  *rep = &c->out->report;
	const span *s = &sp[SP_REQ];
	req_result	res = {false, false, false};
	match		m[GD_NROWS];
	region	   *rg;
	size_t		bounds[MAX_BOUNDS];
	int			nb = 0;
	size_t		lo,
				hi;
	bool		cand2019 = false;
	int			nrows_with = 0,
				nrows_six = 0;
	bool		six = false;
	char		name[200];
	const char *sec = "requests";
	req_runs   *ra;

	if (!s->found)
	{
		rep->present[GD_SEC_REQUESTS] = false;
		gdp_add_diag(c, 0, sec, "section_not_found",
				 "section 三 收到和处理政府信息公开申请情况 (requests) was not found: neither its heading nor its table (申请人情况, 本年新收政府信息公开申请数量); its cells are NULL");
		return res;
	}
	rg = malloc(sizeof(region) * GD_NROWS);
	if (!rg)
	{
		c->oom = true;
		return res;
	}
	/*
	 * Rows in template order: each is looked for after the row found before
	 * it (a repeated or stray header further down, such as a converter's
	 * 「项目 | 本年新收件数 | … | 结转下年度」, is not taken for a row), and
	 * anywhere in the section when it is not there.
	 */
	{
		size_t		after = s->k0;

		for (int row = 0; row < GD_NROWS; row++)
		{
			m[row].found = false;
			if (!req_keys[row][0])
				continue;
			m[row] = gdp_match_keys(c, req_keys[row], 3, after, s->k1);
			if (!m[row].found)
				m[row] = gdp_match_keys(c, req_keys[row], 3, s->k0, s->k1);
			else
				after = m[row].k1;
		}
	}
	/* a label printed with damage, where it must stand: between its neighbours */
	for (int row = 0; row < GD_NROWS; row++)
	{
		size_t		w0 = s->k0,
					w1 = s->k1;
		char		printed[200];
		int			pct;

		if (m[row].found || !req_keys[row][0])
			continue;
		for (int r = row - 1; r >= 0; r--)
			if (m[r].found)
			{
				w0 = m[r].k1;
				break;
			}
		for (int r = row + 1; r < GD_NROWS; r++)
			if (m[r].found)
			{
				w1 = m[r].k0;
				break;
			}
		if (w0 < w1 && gdp_fuzzy_req_label(c, row, w0, w1, &m[row], printed, sizeof(printed), &pct))
		{
			gdp_req_row_name(row, false, name, sizeof(name));
			gdp_add_diag(c, c->lines[gdp_match_line(c, &m[row])].lineno, sec, "label",
					 "section 三 (requests): row %s is printed with the label \"%s\" at line %d; it is read as that row, the nearest template label (%d%% of the wording in order) and the only one near",
					 name, printed, c->lines[gdp_match_line(c, &m[row])].lineno, pct);
		}
	}
	res.has_subrows = m[GD_ROW_OTHER_NO_CORRECTION].found || m[GD_ROW_OTHER_NO_FEE].found;

	/* 其他: after the rows before it, before 结转下年度 */
	lo = s->k0;
	for (int row = 0; row < GD_ROW_OTHER_OTHER; row++)
		if (m[row].found && m[row].k1 > lo)
			lo = m[row].k1;
	hi = m[GD_ROW_CARRIED_FORWARD].found && m[GD_ROW_CARRIED_FORWARD].k0 >= lo ?
		m[GD_ROW_CARRIED_FORWARD].k0 : s->k1;
	if (res.has_subrows)
		m[GD_ROW_OTHER_OTHER] = gdp_match_keys(c, key_other, 1, lo, hi);
	else if (lo > s->k0)
	{
		m[GD_ROW_OTHER_OTHER] = gdp_match_keys(c, key_other_2019, 1, lo, hi);
		cand2019 = m[GD_ROW_OTHER_OTHER].found;
	}
	/* 总计: after them too */
	lo = s->k0;
	for (int row = 0; row < GD_ROW_HANDLED_TOTAL; row++)
		if (m[row].found && m[row].k1 > lo)
			lo = m[row].k1;
	if (lo > s->k0)
		m[GD_ROW_HANDLED_TOTAL] = gdp_match_keys(c, key_total, 2, lo, hi);

	/*
	 * A row's cells run from its label to where the next label begins
	 * (label_start), a row's or a group's (（三）不予公开, 三、本年度办理结果),
	 * or the next section.
	 */
	for (int row = 0; row < GD_NROWS; row++)
		if (m[row].found)
			bounds[nb++] = gdp_label_start(c, gdp_k_to_n(c, m[row].k0), gdp_req_row_num(row));
	for (size_t g = 0; g < sizeof(req_group_keys) / sizeof(req_group_keys[0]); g++)
	{
		if (res.has_subrows || strcmp(req_group_keys[g], "其他处理") != 0)
			gdp_add_key_bounds(c, req_group_keys[g], s->k0, s->k1, bounds, &nb);
		/* (the 2019 row named 其他处理 has cells: it is a row, not a group) */
	}
	{
		size_t		end = gdp_label_start(c, gdp_k_to_n(c, s->k1), 0);

		for (int row = 0; row < GD_NROWS; row++)
			gdp_cells_after(c, &m[row], bounds, nb, end, &rg[row]);
	}
	if (cand2019)
	{
		if (rg[GD_ROW_OTHER_OTHER].nslots > 0)
			res.t2019 = true;
		else
			m[GD_ROW_OTHER_OTHER].found = false;	/* a group label only */
	}
	for (int row = 0; row < GD_NROWS; row++)
		if (m[row].found)
			res.found = true;
	if (!res.found)
	{
		rep->present[GD_SEC_REQUESTS] = false;
		gdp_add_diag(c, c->lines[s->li].lineno, sec, "section_not_found",
				 "section 三 (requests): its heading or header is at line %d but no row of its table (本年新收政府信息公开申请数量, 予以公开, …) was recognised; its cells are NULL",
				 c->lines[s->li].lineno);
		free(rg);
		return res;
	}

	/* plain pdftotext: the numbers apart from their labels */
	{
		int			st = gdp_stream_requests(c, s, m, rg, cand2019 && !res.has_subrows);

		if (st != 0)
		{
			res.t2019 = st == 2019;
			free(rg);
			return res;
		}
	}

	/* 2019 reports may leave 总计 blank in every row */
	for (int row = 0; row < GD_NROWS; row++)
		if (m[row].found && rg[row].nslots > 0)
		{
			nrows_with++;
			if (rg[row].nslots == GD_NCOLS - 1)
				nrows_six++;
		}
	if (nrows_with >= 2 && nrows_six == nrows_with)
	{
		size_t		first = s->k1;
		bool		hdr_total;

		for (int row = 0; row < GD_NROWS; row++)
			if (m[row].found && m[row].k0 < first)
				first = m[row].k0;
		hdr_total = gdp_find_key(c, "总计", s->k0, first) != SIZE_MAX ||
			gdp_find_key(c, "合计", s->k0, first) != SIZE_MAX;
		six = true;
		gdp_add_diag(c, c->lines[s->li].lineno, sec, "total_column_blank",
				 "section 三 (requests): every row of the table (%d rows) prints 6 numbers for 7 cells%s; they are read as the six applicant columns (自然人 … 其他) and the 总计 (total) column is left NULL in every row",
				 nrows_with, hdr_total ? " although the header shows a 总计 column: 总计 is printed blank" : " and the header shows no 总计 column");
	}

	/*
	 * Cells printed run together: when most rows print one or two runs of
	 * digits for their seven cells (crawler text), each run is cut as the
	 * identities allow (reassemble_requests).
	 */
	ra = NULL;
	{
		int			nfound = 0,
					glued = 0;
		char		run[RUN_MAX];

		for (int row = 0; row < GD_NROWS; row++)
			if (m[row].found && rg[row].nslots > 0)
			{
				size_t		l = !six && rg[row].nslots < GD_NCOLS && rg[row].nslots <= 2 ?
					gdp_region_run(&rg[row], run, RUN_MAX) : 0;

				nfound++;
				if (l > 0 && l + 1 - (size_t) rg[row].nslots >= GD_NCOLS)
					glued++;
			}
		c->run_together = nfound >= 5 && glued * 2 >= nfound;
		if (c->run_together && (ra = malloc(sizeof(req_runs))) == NULL)
		{
			c->oom = true;
			free(rg);
			return res;
		}
		for (int row = 0; row < GD_NROWS && ra; row++)
			ra->split[row] = false;
		for (int row = 0; row < GD_NROWS && ra; row++)
		{
			if (!m[row].found || rg[row].nslots == 0 || rg[row].nslots >= GD_NCOLS ||
				(res.t2019 && (row == GD_ROW_OTHER_NO_CORRECTION || row == GD_ROW_OTHER_NO_FEE)))
				continue;
			ra->len[row] = gdp_region_run(&rg[row], ra->run[row], RUN_MAX);
			ra->split[row] = ra->len[row] > 0;
		}
	}

	for (int row = 0; row < GD_NROWS; row++)
	{
		int			label_li;
		int			want = six ? GD_NCOLS - 1 : GD_NCOLS;

		if (res.t2019 && (row == GD_ROW_OTHER_NO_CORRECTION || row == GD_ROW_OTHER_NO_FEE))
			continue;
		gdp_req_row_name(row, res.t2019, name, sizeof(name));
		if (!m[row].found)
		{
			char		looked[120];

			if (req_keys[row][0])
				snprintf(looked, sizeof(looked), "\"%s\"", req_keys[row][0]);
			else if (row == GD_ROW_OTHER_OTHER)
				snprintf(looked, sizeof(looked), "\"其他\" after 三(六)2");
			else
				snprintf(looked, sizeof(looked), "\"总计\" after 三(六)");
			gdp_add_diag(c, c->lines[s->li].lineno, sec, "row_not_found",
					 "section 三 (requests): row %s was not found in the table (looked for %s); its 7 cells are left NULL",
					 name, looked);
			continue;
		}
		label_li = gdp_match_line(c, &m[row]);
		{
			char		what[260];

			snprintf(what, sizeof(what), "section 三 (requests): row %s", name);
			if (rg[row].nslots == 0)
			{
				diag_blank(c, sec, what, label_li, GD_NCOLS);
				continue;
			}
			if (rg[row].nslots != want)
			{
				if (!ra || !ra->split[row])
					diag_cell_count(c, sec, what, label_li, &rg[row], GD_NCOLS, NULL);
				continue;
			}
		}
		for (int col = 0; col < want; col++)
		{
			int			idx = GD_REQ_CELL(row, col);
			char		where[300] = "";

			if (gdp_count_problem(&rg[row].s[col]) != NULL)	/* named only for a diagnostic */
				snprintf(where, sizeof(where), "section 三 (requests): row %s, column %s (%s)",
						 name, gd_request_columns[col].label_zh, gd_request_columns[col].code);
			read_count(c, &rg[row].s[col], &rep->v[idx], &rep->isnull[idx], sec, where);
		}
	}
	if (ra)
		gdp_reassemble_requests(c, ra, m, res.t2019);
	free(ra);
	free(rg);
	return res;
}

/* ------------------------------------------------------------------ */
/* Section 二: proactive disclosure */

enum
{
	PI_RULES, PI_NORM, PI_LIC, PI_SERVICES, PI_PUN, PI_COER, PI_FEES, PI_PROC, NPI
};

/*
 * How each item of section 二 is found in the text; what it holds (its
 * cells, their labels) is the model's: gd_sections[GD_SEC_PROACTIVE] item
 * pitem (2021) and gd_sections[GD_SEC_PROACTIVE_2019] item p19 (2019).
 */
typedef struct pro_def
{
	const char *code;
	const char *label;
	const char *keys[3];
	const char *hdr_key;		/* its sub-table's header, key view */
	const char *hdr_label;
	int			pitem;			/* GD_PITEM_*; -1: not in the 2021 template */
	int			p19;			/* GD_P19_* */
	const char *header21;		/* the 2021 column header of a one-cell item */
} pro_def;

static const pro_def pro_defs[NPI] = {
	{"rules", "规章", {"规章"}, "第二十条第一项", "第二十条第（一）项", GD_PITEM_RULES, GD_P19_RULES, NULL},
	{"normative_documents", "行政规范性文件", {"规范性文件"}, "第二十条第一项", "第二十条第（一）项",
	GD_PITEM_NORMATIVE_DOCUMENTS, GD_P19_NORMATIVE_DOCUMENTS, NULL},
	{"licensing", "行政许可", {"行政许可"}, "第二十条第五项", "第二十条第（五）项", GD_PITEM_LICENSING,
	GD_P19_LICENSING, "本年处理决定数量"},
	{"other_services", "其他对外管理服务事项", {"其他对外管理服务事项", "对外管理服务事项"}, "第二十条第五项",
	"第二十条第（五）项", -1, GD_P19_OTHER_SERVICES, NULL},
	{"punishment", "行政处罚", {"行政处罚"}, "第二十条第六项", "第二十条第（六）项", GD_PITEM_PUNISHMENT,
	GD_P19_PUNISHMENT, "本年处理决定数量"},
	{"coercion", "行政强制", {"行政强制"}, "第二十条第六项", "第二十条第（六）项", GD_PITEM_COERCION,
	GD_P19_COERCION, "本年处理决定数量"},
	{"fees", "行政事业性收费", {"行政事业性收费", "事业性收费"}, "第二十条第八项", "第二十条第（八）项",
	GD_PITEM_FEES, GD_P19_FEES, "本年收费金额（单位：万元）"},
	{"procurement", "政府集中采购", {"政府集中采购", "集中采购"}, "第二十条第九项", "第二十条第（九）项", -1,
	GD_P19_PROCUREMENT, NULL},
};

/* The model's item of d in a layout; NULL when that template lacks it. */
static const gd_item *
pro_item(const pro_def *d, int layout)
{
	if (layout == 2019)
		return &gd_sections[GD_SEC_PROACTIVE_2019].items[d->p19];
	return d->pitem < 0 ? NULL : &gd_sections[GD_SEC_PROACTIVE].items[d->pitem];
}

/*
 * The cells an item prints (the 2019 procurement unit is not a cell of its
 * own: it comes with the amount) and their labels, "本年制发件数, 本年废止件数,
 * 现行有效件数", into desc; 0 when the layout lacks the item.
 */
static int
pro_cells(const pro_def *d, int layout, char *desc, size_t cap)
{
	const gd_item *it = pro_item(d, layout);
	int			n = 0;
	size_t		o = 0;

	desc[0] = '\0';
	if (it == NULL)
		return 0;
	for (int k = 0; k < it->cellset->ncells; k++)
	{
		const gd_label *l = &it->cellset->cells[k];

		if (l->kind == GD_KIND_TEXT)
			continue;
		n++;
		if (l->label_zh && o + strlen(l->label_zh) + 3 < cap)
			o += (size_t) snprintf(desc + o, cap - o, "%s%s", o ? ", " : "", l->label_zh);
	}
	if (o == 0 && d->header21)	/* one scalar cell: its column header */
		snprintf(desc, cap, "%s", d->header21);
	return n;
}

/* The report cell of an item's k-th printed cell in a layout. */
static int
pro_cell(const pro_def *d, int layout, int k)
{
	const gd_item *it = pro_item(d, layout);

	if (layout == 2021)
		return it->cellset->ncells == 1 ? GD_PRO_SINGLE(d->pitem) : GD_PRO_DOC(d->pitem, k);
	return it->first_cell + k;
}

static const char *const pro_delims[] = {
	"第二十条", "信息内容", "本年制发件数", "本年新制作数量", "上一年项目数量",
	"本年处理决定数量", "采购项目数量", "本年收费金额"
};
static const char *const pro_markers21[] = {
	"本年制发件数", "本年废止件数", "现行有效件数", "本年处理决定数量", "本年收费金额"
};
static const char *const pro_markers19[] = {
	"本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "本年增减",
	"其他对外管理服务事项", "政府集中采购", "采购项目数量", "采购总金额"
};

typedef struct pro_result
{
	bool		found;
	int			layout;			/* 0 none, 2021, 2019 */
} pro_result;

/* Read a decimal amount into buf; false (with a diagnostic) when it cannot. */
static bool
read_amount(ctx *c, const slot *s, char *buf, size_t cap, bool *neg,
			const char *where, bool need_wan)
{
	const char *why = NULL;

	if (s->kind == W_NA || s->kind == W_BLANK)
		return false;
	if (s->kind == W_BAD)
		why = "is not a readable number";
	else if (s->kind == W_NONE)
		why = "is text (无), not a number";
	else if (s->overflow || strlen(s->num) + 1 > cap)
		why = "is too long";
	else if (need_wan && s->unit[0] && strcmp(s->unit, "万元") != 0 && strcmp(s->unit, "万") != 0)
		why = "is not printed in 万元 (10,000 yuan) as the template asks";
	if (why)
	{
		gdp_add_diag(c, c->lines[s->li].lineno, "proactive", "number",
				 "%s at line %d: \"%s\" %s; the cell is left NULL",
				 where, c->lines[s->li].lineno, s->raw, why);
		return false;
	}
	snprintf(buf, cap, "%s", s->num);
	*neg = s->neg;
	return true;
}

/*
 * The 2019 采购总金额 into report cell idx and the unit cell after it: the
 * amount as printed, its unit from the cell (「1234.5万元」) or from the
 * column header (采购总金额（万元）, 采购总金额（单位：万元）).
 */
static void
read_procurement_amount(ctx *c, const span *s, const slot *sl, const char *what, int idx)
{
	gd_report  *rep = &c->out->report;
	gd_parsed  *out = c->out;
	bool		neg = false;

	if (!read_amount(c, sl, out->p19_amount_text, sizeof(out->p19_amount_text), &neg, what, false))
	{
		out->p19_amount_text[0] = '\0';
		return;
	}
	rep->isnull[idx] = false;
	rep->v[idx] = neg ? -1 : 1;
	rep->text[idx] = out->p19_amount_text;
	if (sl->unit[0])
		snprintf(out->p19_unit_text, sizeof(out->p19_unit_text), "%s", sl->unit);
	else
	{
		size_t		h = gdp_find_key(c, "采购总金额", s->k0, s->k1);
		const char *u[] = {"万元", "亿元", "元"};

		for (int ui = 0; h != SIZE_MAX && ui < 3; ui++)
		{
			size_t		up = gdp_find_key(c, u[ui], h, h + 15 + 6 + 6);

			if (up != SIZE_MAX && (up == h + 15 ||
								   (up == h + 15 + 6 && memcmp(c->k + h + 15, "单位", 6) == 0)))
			{
				snprintf(out->p19_unit_text, sizeof(out->p19_unit_text), "%s", u[ui]);
				break;
			}
		}
	}
	if (out->p19_unit_text[0])
	{
		rep->isnull[idx + 1] = false;
		rep->text[idx + 1] = out->p19_unit_text;
	}
}

/* Is d the only item of its sub-table (第二十条第（N）项) in this layout? */
static bool
alone_in_subtable(const pro_def *d, int layout)
{
	for (int pi = 0; pi < NPI; pi++)
		if (&pro_defs[pi] != d && pro_item(&pro_defs[pi], layout) != NULL &&
			strcmp(pro_defs[pi].hdr_key, d->hdr_key) == 0)
			return false;
	return true;
}

/*
 * An item alone in its sub-table (2021: 行政许可 under 第二十条第（五）项,
 * 行政事业性收费 under 第二十条第（八）项) printed with its number apart from
 * its label, before it (plain pdftotext: 「550 ⏎ 行政许可」): when the
 * sub-table, from its header to the next 第二十条, holds exactly one
 * number, that number is the item's one cell.  *r gets it.
 */
static bool
only_number_of_subtable(const ctx *c, const span *s, const pro_def *d, const match *label,
						region *r)
{
	size_t		hk = gdp_find_key(c, d->hdr_key, s->k0, s->k1);
	size_t		next,
				from,
				to;
	region	   *t;
	int			values = 0,
				at = -1;
	bool		ok;

	if (hk == SIZE_MAX || label->k0 < hk)
		return false;
	next = gdp_find_key(c, "第二十条", hk + strlen(d->hdr_key), s->k1);
	if (next != SIZE_MAX && label->k0 > next)
		return false;			/* the label is not in this sub-table */
	from = gdp_kend_to_n(c, hk + strlen(d->hdr_key));
	to = gdp_label_start(c, gdp_k_to_n(c, next == SIZE_MAX ? s->k1 : next), 0);
	t = malloc(sizeof(region));
	if (t == NULL)
		return false;
	gdp_tokenize(c, from, to, t);
	for (int i = 0; i < t->nslots && i < MAX_SLOTS; i++)
		if (t->s[i].kind != W_TEXT)
		{
			values++;
			at = i;
		}
	ok = values == 1 && t->nslots <= MAX_SLOTS && t->s[at].kind == W_VALUE;
	if (ok)
	{
		r->s[0] = t->s[at];
		r->nslots = 1;
		r->last_li = t->s[at].li;
	}
	free(t);
	return ok;
}

static pro_result
parse_proactive(ctx *c, const span *sp)
{
	gd_report  *rep = &c->out->report;
	const span *s = &sp[SP_PRO];
	pro_result	res = {false, 0};
	match		m[NPI];
	region	   *rg;
	size_t	   *bounds;
	int			nb = 0;
	int			n21 = 0,
				n19 = 0;
	const char *sec = "proactive";
	char		mk21[200] = "",
				mk19[200] = "";

	rep->present[GD_SEC_PROACTIVE_2019] = false;
	if (!s->found)
	{
		rep->present[GD_SEC_PROACTIVE] = false;
		gdp_add_diag(c, 0, sec, "section_not_found",
				 "section 二 主动公开政府信息情况 (proactive) was not found: neither its heading nor its table (第二十条第（一）项 …); its cells are NULL");
		return res;
	}
	rg = malloc(sizeof(region) * NPI);
	bounds = malloc(sizeof(size_t) * MAX_BOUNDS);
	if (!rg || !bounds)
	{
		free(rg);
		free(bounds);
		c->oom = true;
		return res;
	}
	for (int pi = 0; pi < NPI; pi++)
	{
		m[pi] = gdp_match_keys(c, pro_defs[pi].keys, 3, s->k0, s->k1);
		if (m[pi].found)
		{
			res.found = true;
			if (nb < MAX_BOUNDS)
				bounds[nb++] = gdp_label_start(c, gdp_k_to_n(c, m[pi].k0), 0);
		}
	}
	for (size_t d = 0; d < sizeof(pro_delims) / sizeof(pro_delims[0]); d++)
		gdp_add_key_bounds(c, pro_delims[d], s->k0, s->k1, bounds, &nb);
	if (!res.found)
	{
		rep->present[GD_SEC_PROACTIVE] = false;
		gdp_add_diag(c, c->lines[s->li].lineno, sec, "section_not_found",
				 "section 二 (proactive): its heading or header is at line %d but no item of its table (规章, 行政规范性文件, 行政许可, …) was recognised; its cells are NULL",
				 c->lines[s->li].lineno);
		free(rg);
		free(bounds);
		return res;
	}
	for (int pi = 0; pi < NPI; pi++)
		gdp_cells_after(c, &m[pi], bounds, nb, gdp_label_start(c, gdp_k_to_n(c, s->k1), 0), &rg[pi]);

	/* which layout: the column headers, else the cells of 行政许可 … */
	for (size_t i = 0; i < sizeof(pro_markers21) / sizeof(pro_markers21[0]); i++)
		if (gdp_find_key(c, pro_markers21[i], s->k0, s->k1) != SIZE_MAX)
		{
			if (n21++ == 0)
				snprintf(mk21, sizeof(mk21), "%s", pro_markers21[i]);
		}
	for (size_t i = 0; i < sizeof(pro_markers19) / sizeof(pro_markers19[0]); i++)
		if (gdp_find_key(c, pro_markers19[i], s->k0, s->k1) != SIZE_MAX)
		{
			if (n19++ == 0)
				snprintf(mk19, sizeof(mk19), "%s", pro_markers19[i]);
		}
	if (n19 > n21)
		res.layout = 2019;
	else if (n21 > n19)
		res.layout = 2021;
	else
	{
		int			three = 0,
					one = 0;
		const int	svc[] = {PI_LIC, PI_PUN, PI_COER};

		for (int i = 0; i < 3; i++)
		{
			three += m[svc[i]].found && rg[svc[i]].nslots == 3;
			one += m[svc[i]].found && rg[svc[i]].nslots == 1;
		}
		res.layout = three > one ? 2019 : 2021;
	}
	if (n19 > 0 && n21 > 0)
		gdp_add_diag(c, c->lines[s->li].lineno, sec, "template",
				 "section 二 (proactive) shows column headers of both templates (2021: %s …; 2019: %s …); it is read with the %d layout",
				 mk21, mk19, res.layout);

	for (int pi = 0; pi < NPI; pi++)
	{
		const pro_def *d = &pro_defs[pi];
		char		desc[200];
		int			ncells = pro_cells(d, res.layout, desc, sizeof(desc));
		char		what[300];
		int			label_li;

		if (ncells == 0)
			continue;
		if (res.layout == 2021)
			snprintf(what, sizeof(what), "section 二 (proactive): item %s (%s)",
					 gd_sections[GD_SEC_PROACTIVE].items[d->pitem].label_zh, d->code);
		else
			snprintf(what, sizeof(what), "section 二 (proactive, 2019 template): item %s %s (%s)",
					 pi == PI_NORM ? "规范性文件" : d->label, d->hdr_label, d->code);
		if (!m[pi].found)
		{
			size_t		hk = gdp_find_key(c, d->hdr_key, s->k0, s->k1);

			if (hk != SIZE_MAX)
			{
				int			hli = gdp_line_of(c, gdp_k_to_n(c, hk));

				gdp_add_diag(c, c->lines[hli].lineno, sec, "item_not_found",
						 "%s was not found: its sub-table header %s is printed at line %d but no %s row%s follows; %s NULL",
						 what, d->hdr_label, c->lines[hli].lineno, d->label,
						 pi == PI_FEES && res.layout == 2021 ? " or amount" : "",
						 ncells == 1 ? "the cell is" : "its cells are");
			}
			else
				gdp_add_diag(c, c->lines[s->li].lineno, sec, "item_not_found",
						 "%s was not found in the table (looked for \"%s\"); %s NULL",
						 what, d->keys[0], ncells == 1 ? "the cell is" : "its cells are");
			continue;
		}
		label_li = gdp_match_line(c, &m[pi]);
		if (rg[pi].nslots == 0 && ncells == 1 && alone_in_subtable(d, res.layout) &&
			only_number_of_subtable(c, s, d, &m[pi], &rg[pi]))
			gdp_add_diag(c, c->lines[label_li].lineno, sec, "inferred",
						 "%s at line %d has no number after its label; the only number printed in its sub-table %s, \"%s\" at line %d, is its one cell",
						 what, c->lines[label_li].lineno, d->hdr_label, rg[pi].s[0].raw,
						 c->lines[rg[pi].s[0].li].lineno);
		if (rg[pi].nslots == 0)
		{
			diag_blank(c, sec, what, label_li, ncells);
			continue;
		}
		if (rg[pi].nslots != ncells)
		{
			char		run[RUN_MAX];
			size_t		rl;
			int64_t		v[GD_RA_MAX_CELLS];

			if (c->run_together && rg[pi].nslots < ncells && pi != PI_FEES && pi != PI_PROC &&
				(rl = gdp_region_run(&rg[pi], run, sizeof(run))) > 0)
			{
				if (gdp_cut_without_identity(c, sec, what, label_li, run, rl, ncells, v))
					for (int k = 0; k < ncells; k++)
					{
						rep->v[pro_cell(d, res.layout, k)] = v[k];
						rep->isnull[pro_cell(d, res.layout, k)] = false;
					}
				continue;
			}
			diag_cell_count(c, sec, what, label_li, &rg[pi], ncells, desc);
			continue;
		}
		if (res.layout == 2021)
		{
			if (pi == PI_FEES)
			{
				bool		neg = false;

				if (read_amount(c, &rg[pi].s[0], c->out->fees_text, sizeof(c->out->fees_text),
								&neg, what, true))
				{
					rep->v[GD_FEES_CELL] = neg ? -1 : 1;
					rep->isnull[GD_FEES_CELL] = false;
					rep->text[GD_FEES_CELL] = c->out->fees_text;
				}
				else
					c->out->fees_text[0] = '\0';
			}
			else
				for (int k = 0; k < ncells; k++)
				{
					int			idx = pro_cell(d, 2021, k);

					read_count(c, &rg[pi].s[k], &rep->v[idx], &rep->isnull[idx], sec, what);
				}
			continue;
		}
		for (int k = 0; k < ncells; k++)
		{
			int			idx = pro_cell(d, 2019, k);

			if (pi == PI_PROC && k == 1)
			{
				read_procurement_amount(c, s, &rg[pi].s[k], what, idx);
				continue;
			}
			read_count(c, &rg[pi].s[k], &rep->v[idx], &rep->isnull[idx], sec, what);
		}
	}
	if (res.layout == 2019)
	{
		rep->present[GD_SEC_PROACTIVE] = false;
		rep->present[GD_SEC_PROACTIVE_2019] = true;
	}
	free(rg);
	free(bounds);
	return res;
}

/* ------------------------------------------------------------------ */
/* Section 四: review and litigation */

static const char *const app_hdr_keys[] = {
	"总计", "合计", "审结", "起诉", "结果", "维持", "纠正", "行政复议", "行政诉讼"
};

static bool
parse_appeals(ctx *c, const span *sp)
{
	gd_report  *rep = &c->out->report;
	const span *s = &sp[SP_APP];
	size_t		hdr_end = 0;
	bool		hdr = false;
	region	   *r;
	const char *sec = "appeals";
	const char *what = "section 四 (appeals): the data row";
	const char *desc = "行政复议, 行政诉讼 未经复议直接起诉, 行政诉讼 复议后起诉 × 结果维持, 结果纠正, 其他结果, 尚未审结, 总计";

	if (!s->found)
	{
		rep->present[GD_SEC_APPEALS] = false;
		gdp_add_diag(c, 0, sec, "section_not_found",
				 "section 四 政府信息公开行政复议、行政诉讼情况 (appeals) was not found: neither its heading nor its table (未经复议直接起诉, 复议后起诉); its cells are NULL");
		return false;
	}
	for (size_t i = 0; i < sizeof(app_hdr_keys) / sizeof(app_hdr_keys[0]); i++)
	{
		size_t		kp = gdp_find_key_last(c, app_hdr_keys[i], s->k0, s->k1);

		if (kp != SIZE_MAX && kp + strlen(app_hdr_keys[i]) > hdr_end)
		{
			hdr_end = kp + strlen(app_hdr_keys[i]);
			hdr = true;
		}
	}
	if (!hdr || gdp_find_key(c, "行政复议", s->k0, s->k1) == SIZE_MAX)
	{
		rep->present[GD_SEC_APPEALS] = false;
		gdp_add_diag(c, c->lines[s->li].lineno, sec, "item_not_found",
				 "section 四 (appeals): the table header (行政复议, 行政诉讼, 结果维持 … 总计) after the heading at line %d was not found; its cells are NULL",
				 c->lines[s->li].lineno);
		return false;
	}
	r = malloc(sizeof(region));
	if (!r)
	{
		c->oom = true;
		return false;
	}
	/*
	 * The cells follow the header: from its first cell heading on (a header
	 * per block, as converters print it, leaves text between the blocks'
	 * numbers, which is skipped), to the end of the section.
	 */
	{
		static const char *const cell_hdr[] = {"维持", "纠正", "审结"};
		size_t		first = hdr_end;

		for (size_t i = 0; i < sizeof(cell_hdr) / sizeof(cell_hdr[0]); i++)
		{
			size_t		kp = gdp_find_key(c, cell_hdr[i], s->k0, s->k1);

			if (kp != SIZE_MAX && kp + strlen(cell_hdr[i]) < first)
				first = kp + strlen(cell_hdr[i]);
		}
		gdp_tokenize(c, gdp_kend_to_n(c, first), gdp_label_start(c, gdp_k_to_n(c, s->k1), 0), r);
	}
	if (r->nslots == 0)
	{
		int			hli = gdp_line_of(c, gdp_k_to_n(c, hdr_end - 1));

		diag_blank(c, sec, "section 四 (appeals): the table (its header line)", hli, GD_NBLOCKS * GD_NACELLS);
	}
	else if (r->nslots != GD_NBLOCKS * GD_NACELLS)
	{
		char		run[RUN_MAX];
		size_t		rl;

		if (c->run_together && r->nslots < GD_NBLOCKS * GD_NACELLS &&
			(rl = gdp_region_run(r, run, sizeof(run))) > 0)
			gdp_cut_appeals(c, r->s[0].li, run, rl);
		else
			diag_cell_count(c, sec, what, r->s[0].li, r, GD_NBLOCKS * GD_NACELLS, desc);
	}
	else
		for (int b = 0; b < GD_NBLOCKS; b++)
			for (int k = 0; k < GD_NACELLS; k++)
			{
				int			idx = GD_APP_CELL(b, k);
				char		where[300] = "";
				const gd_item *it = &gd_sections[GD_SEC_APPEALS].items[b];

				if (gdp_count_problem(&r->s[b * GD_NACELLS + k]) != NULL)
					snprintf(where, sizeof(where), "section 四 (appeals): %s (%s), %s (%s)",
							 it->label_zh, it->code, it->cellset->cells[k].label_zh,
							 it->cellset->cells[k].code);
				read_count(c, &r->s[b * GD_NACELLS + k], &rep->v[idx], &rep->isnull[idx],
						   sec, where);
			}
	free(r);
	return true;
}

/* ------------------------------------------------------------------ */
/* Entry points */

typedef struct diag_order
{
	int			line;
	int			rank;			/* title, 二, 三, 四: the report's order */
	int			idx;
} diag_order;

static int
section_rank(const char *section)
{
	static const char *const order[] = {"title", "proactive", "requests", "appeals"};

	for (int i = 0; i < 4; i++)
		if (strcmp(section, order[i]) == 0)
			return i;
	return 4;
}

static int
cmp_diag_order(const void *a, const void *b)
{
	const diag_order *x = a,
			   *y = b;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

static void
sort_diags(gd_parsed *out)
{
	diag_order *ord;
	gd_diag    *nd;

	if (out->ndiags < 2)
		return;
	ord = malloc(sizeof(diag_order) * (size_t) out->ndiags);
	nd = malloc(sizeof(gd_diag) * (size_t) out->ndiags);
	if (!ord || !nd)
	{
		free(ord);
		free(nd);
		return;
	}
	for (int i = 0; i < out->ndiags; i++)
	{
		ord[i].line = out->diags[i].line;
		ord[i].rank = section_rank(out->diags[i].section);
		ord[i].idx = i;
	}
	qsort(ord, (size_t) out->ndiags, sizeof(diag_order), cmp_diag_order);
	for (int i = 0; i < out->ndiags; i++)
		nd[i] = out->diags[ord[i].idx];
	free(out->diags);
	out->diags = nd;
	free(ord);
}

static void
init_out(gd_parsed *out)
{
	memset(out, 0, sizeof(*out));
	gd_report_init(&out->report, GD_TMPL_2021);
}

void
gd_parse_report(const char *text, size_t len, gd_parsed *out)
{
	ctx			c;
	span		sp[NSPANS];
	pro_result	pro;
	req_result	req;
	bool		app;

	init_out(out);
	memset(&c, 0, sizeof(c));
	c.in = text && len ? text : "";
	c.inlen = text ? len : 0;
	c.out = out;
	c.title_li = -1;
	if (!gdp_normalise_input(&c))
		goto oom;
	gdp_find_title(&c);
	gdp_mark_noise(&c);
	if (!gdp_build_keys(&c))
		goto oom;
	gdp_find_sections(&c, sp);
	req = parse_requests(&c, sp);	/* first: it tells whether cells run together */
	pro = parse_proactive(&c, sp);
	app = parse_appeals(&c, sp);
	if (c.oom)
		goto oom;
	out->found_tables = pro.found || req.found || app;
	if (req.t2019 || pro.layout == 2019)
		out->report.tmpl = GD_TMPL_2019;
	if ((req.t2019 && pro.layout == 2021) || (req.has_subrows && pro.layout == 2019))
		gdp_add_diag(&c, 0, req.t2019 ? "requests" : "proactive", "template",
				 "the tables disagree on the template: section 三's 三(六) 其他处理 is %s but section 二 has the %d layout; the report is marked as the 2019 template",
				 req.t2019 ? "one row (2019)" : "split into sub-rows (2021)", pro.layout);
	sort_diags(out);
	free(c.n);
	free(c.n2o);
	free(c.lines);
	free(c.k);
	free(c.k2n);
	return;

oom:
	free(c.n);
	free(c.n2o);
	free(c.lines);
	free(c.k);
	free(c.k2n);
	free(out->diags);
	init_out(out);
}

void
gd_parsed_free(gd_parsed *p)
{
	if (!p)
		return;
	free(p->diags);
	init_out(p);
}
