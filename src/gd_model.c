/*
 * gd_model.c — tables of the domain model (see gd_model.h).
 */
#include "gd_model.h"

#include <stdio.h>
#include <string.h>

#define GD_LABEL3(E, c, l, e) {c, l, e, GD_KIND_COUNT},
#define GD_LABEL4(E, c, l, e, k) {c, l, e, GD_KIND_##k},

const gd_label gd_request_columns[GD_NCOLS] = {GD_REQUEST_COLUMNS(GD_LABEL3)};
static const gd_label doc_cells[GD_NDOC] = {GD_DOC_CELLS(GD_LABEL3)};
static const gd_label appeal_cells[GD_NACELLS] = {GD_APPEAL_CELLS(GD_LABEL3)};
static const gd_label count_cell[1] = {{NULL, NULL, NULL, GD_KIND_COUNT}};
static const gd_label amount_cell[1] = {{NULL, NULL, NULL, GD_KIND_AMOUNT}};
static const gd_label doc19_cells[GD_NDOC19] = {GD_DOC2019_CELLS(GD_LABEL4)};
static const gd_label svc19_cells[GD_NSVC19] = {GD_SERVICE2019_CELLS(GD_LABEL4)};
static const gd_label fee19_cells[GD_NFEE19] = {GD_FEE2019_CELLS(GD_LABEL4)};
static const gd_label proc19_cells[GD_NPROC19] = {GD_PROCUREMENT2019_CELLS(GD_LABEL4)};

static const gd_cellset cs_applicants = {"applicant_counts", GD_NCOLS, gd_request_columns};
static const gd_cellset cs_doc = {"doc_counts", GD_NDOC, doc_cells};
static const gd_cellset cs_count = {NULL, 1, count_cell};
static const gd_cellset cs_amount = {NULL, 1, amount_cell};
static const gd_cellset cs_outcomes = {"case_outcomes", GD_NACELLS, appeal_cells};
static const gd_cellset cs_doc19 = {"doc_counts_2019", GD_NDOC19, doc19_cells};
static const gd_cellset cs_svc19 = {"service_counts_2019", GD_NSVC19, svc19_cells};
static const gd_cellset cs_fee19 = {"fee_counts_2019", GD_NFEE19, fee19_cells};
static const gd_cellset cs_proc19 = {"procurement_2019", GD_NPROC19, proc19_cells};

#define GD_GROUP_OF_NONE GD_GROUP_NONE
#define GD_GROUP_OF(g) GD_GROUP_OF_##g
#define GD_GROUP_OF_DISCLOSED GD_GROUP_DISCLOSED
#define GD_GROUP_OF_WITHHELD GD_GROUP_WITHHELD
#define GD_GROUP_OF_UNABLE GD_GROUP_UNABLE
#define GD_GROUP_OF_NOT_PROCESSED GD_GROUP_NOT_PROCESSED
#define GD_GROUP_OF_OTHER GD_GROUP_OTHER

#define GD_ITEM_ROW(E, c, l, e, g) {c, l, e, &cs_applicants, GD_GROUP_OF(g), GD_REQ_CELL(GD_ROW_##E, 0)},
static const gd_item request_items[GD_NROWS] = {GD_REQUEST_ROWS(GD_ITEM_ROW)};

#define GD_CS_DOC &cs_doc
#define GD_CS_COUNT &cs_count
#define GD_CS_AMOUNT &cs_amount
#define GD_PITEM_FIRST(E) \
	(GD_PITEM_##E <= GD_PITEM_NORMATIVE_DOCUMENTS ? GD_PRO_DOC(GD_PITEM_##E, 0) : GD_PRO_SINGLE(GD_PITEM_##E))
#define GD_ITEM_PRO(E, c, l, e, s) {c, l, e, GD_CS_##s, GD_GROUP_NONE, GD_PITEM_FIRST(E)},
static const gd_item proactive_items[GD_NPITEMS] = {GD_PROACTIVE_ITEMS(GD_ITEM_PRO)};

#define GD_ITEM_BLOCK(E, c, l, e) {c, l, e, &cs_outcomes, GD_GROUP_NONE, GD_APP_CELL(GD_BLOCK_##E, 0)},
static const gd_item appeal_items[GD_NBLOCKS] = {GD_APPEAL_BLOCKS(GD_ITEM_BLOCK)};

#define GD_CS_DOC2019 &cs_doc19
#define GD_CS_SERVICE2019 &cs_svc19
#define GD_CS_FEE2019 &cs_fee19
#define GD_CS_PROCUREMENT2019 &cs_proc19
#define GD_ITEM_P19(E, c, l, e, s, o) {c, l, e, GD_CS_##s, GD_GROUP_NONE, GD_P19_BASE + (o)},
static const gd_item p19_items[GD_NP19ITEMS] = {GD_PROACTIVE2019_ITEMS(GD_ITEM_P19)};

/* tmpl: 0 for every template, else the gd_template value it belongs to (2 = 2019) */
const gd_section gd_sections[GD_NSECTIONS] = {
	{"requests", "三", "收到和处理政府信息公开申请情况",
	 "applications for government information disclosure received and handled", "request_matrix", "", 0,
	 GD_NROWS, request_items, GD_REQ_BASE, GD_NROWS * GD_NCOLS},
	{"proactive", "二", "主动公开政府信息情况",
	 "proactive disclosure of government information", "proactive_stats", "", 1,
	 GD_NPITEMS, proactive_items, GD_PRO_BASE, GD_PRO_NCELLS},
	{"appeals", "四", "政府信息公开行政复议、行政诉讼情况",
	 "administrative reconsideration and litigation concerning government information disclosure", "appeal_stats", "", 0,
	 GD_NBLOCKS, appeal_items, GD_APP_BASE, GD_NBLOCKS * GD_NACELLS},
	{"proactive_2019", "二", "主动公开政府信息情况（2019年试行格式）",
	 "proactive disclosure of government information (2019 trial template)", "proactive_stats_2019", "p2019_", 2,
	 GD_NP19ITEMS, p19_items, GD_P19_BASE, GD_P19_NCELLS},
};

const gd_section_id gd_print_order[GD_NSECTIONS] = {
	GD_SEC_PROACTIVE, GD_SEC_PROACTIVE_2019, GD_SEC_REQUESTS, GD_SEC_APPEALS
};

#define GD_SEV_OF_ERROR GD_SEV_ERROR
#define GD_SEV_OF_WARNING GD_SEV_WARNING
#define GD_RULE_DEF(E, c, s, l, e, d) {c, GD_SEV_OF_##s, l, e, d},
const gd_rule_def gd_rules[GD_NRULES] = {GD_RULES(GD_RULE_DEF)};

#define GD_GROUP_DEF(E, c, l, e) {c, l, e},
const gd_group_def gd_groups[GD_NGROUPS] = {GD_GROUPS(GD_GROUP_DEF)};

#define GD_META_DEF(E, c, t, d) {c, t, d},
const gd_meta_def gd_meta_columns[GD_NMETA] = {GD_META_COLUMNS(GD_META_DEF)};
const gd_meta_def gd_tail_columns[GD_NTAIL] = {GD_TAIL_COLUMNS(GD_META_DEF)};

/*
 * The flattened cell table.  Column names are at most 2 * 32 bytes; they are
 * built into static storage on first use.
 */
#define GD_COLNAME_MAX 64
static gd_cell cells[GD_NCELLS];
static char colnames[GD_NCELLS][GD_COLNAME_MAX];
static bool cells_built = false;

const gd_cell *
gd_cells(void)
{
	if (!cells_built)
	{
		for (int s = 0; s < GD_NSECTIONS; s++)
		{
			const gd_section *sec = &gd_sections[s];

			for (int i = 0; i < sec->nitems; i++)
			{
				const gd_item *it = &sec->items[i];

				for (int c = 0; c < it->cellset->ncells; c++)
				{
					int			idx = it->first_cell + c;
					const char *cc = it->cellset->cells[c].code;

					cells[idx].section = (gd_section_id) s;
					cells[idx].item = i;
					cells[idx].cell = c;
					if (cc)
						snprintf(colnames[idx], GD_COLNAME_MAX, "%s%s__%s",
								 sec->column_prefix, it->code, cc);
					else
						snprintf(colnames[idx], GD_COLNAME_MAX, "%s%s",
								 sec->column_prefix, it->code);
					cells[idx].column_name = colnames[idx];
				}
			}
		}
		cells_built = true;
	}
	return cells;
}

gd_cell_kind
gd_cell_kind_of(int cell)
{
	const gd_cell *c = &gd_cells()[cell];

	return gd_sections[c->section].items[c->item].cellset->cells[c->cell].kind;
}

bool
gd_cell_summable(int cell)
{
	const gd_cell *c = &gd_cells()[cell];
	const gd_cellset *cs = gd_sections[c->section].items[c->item].cellset;
	gd_cell_kind k = cs->cells[c->cell].kind;

	if (k == GD_KIND_TEXT)
		return false;
	if (k == GD_KIND_AMOUNT)
		for (int i = 0; i < cs->ncells; i++)
			if (cs->cells[i].kind == GD_KIND_TEXT)
				return false;
	return true;
}

int
gd_cell_by_column(const char *name, size_t len)
{
	const gd_cell *all = gd_cells();

	/* 200 short names: a linear scan is fast enough at mapping time. */
	for (int i = 0; i < GD_NCELLS; i++)
	{
		const char *cn = all[i].column_name;

		if (strlen(cn) == len && memcmp(cn, name, len) == 0)
			return i;
	}
	return -1;
}

/* ---- labels by code ---- */

const char *const gd_lang_names[GD_NLANGS] = {"zh", "en"};
const char *const gd_item_noun[GD_NSECTIONS] = {"row", "item", "block", "item"};
const char *const gd_cell_noun[GD_NSECTIONS] = {"column", "cell", "cell", "cell"};

int
gd_lang_by_name(const char *name, size_t len)
{
	for (int l = 0; l < GD_NLANGS; l++)
		if (strlen(gd_lang_names[l]) == len && memcmp(gd_lang_names[l], name, len) == 0)
			return l;
	return -1;
}

/* 4 sections, their items and distinct cell codes, 5 groups, 9 rules: 84 */
#define GD_MEANINGS_MAX 128
static gd_code_meaning meanings[GD_MEANINGS_MAX];
static int	nmeanings = 0;
static bool meanings_built = false;

static void
add_meaning(const char *scope, const char *kind, const char *code,
			const char *zh, const char *en)
{
	for (int i = 0; i < nmeanings; i++)
		if (strcmp(meanings[i].scope, scope) == 0 && strcmp(meanings[i].code, code) == 0)
			return;				/* a cell code shared by two cellsets of a section */
	if (nmeanings < GD_MEANINGS_MAX)
	{
		gd_code_meaning *m = &meanings[nmeanings++];

		m->scope = scope;
		m->kind = kind;
		m->code = code;
		m->label[GD_LANG_ZH] = zh;
		m->label[GD_LANG_EN] = en;
	}
}

static void
build_meanings(void)
{
	for (int s = 0; s < GD_NSECTIONS; s++)
		add_meaning("section", "section", gd_sections[s].code,
					gd_sections[s].label_zh, gd_sections[s].label_en);
	for (int s = 0; s < GD_NSECTIONS; s++)
	{
		const gd_section *sec = &gd_sections[s];

		for (int i = 0; i < sec->nitems; i++)
			add_meaning(sec->code, gd_item_noun[s], sec->items[i].code,
						sec->items[i].label_zh, sec->items[i].label_en);
		for (int i = 0; i < sec->nitems; i++)
		{
			const gd_cellset *cs = sec->items[i].cellset;

			for (int c = 0; c < cs->ncells; c++)
				if (cs->cells[c].code)
					add_meaning(sec->code, gd_cell_noun[s], cs->cells[c].code,
								cs->cells[c].label_zh, cs->cells[c].label_en);
		}
	}
	for (int g = 0; g < GD_NGROUPS; g++)
		add_meaning("group", "outcome group", gd_groups[g].code,
					gd_groups[g].label_zh, gd_groups[g].label_en);
	for (int r = 0; r < GD_NRULES; r++)
		add_meaning("rule", "rule", gd_rules[r].code,
					gd_rules[r].label_zh, gd_rules[r].label_en);
	meanings_built = true;
}

int
gd_code_meaning_count(void)
{
	if (!meanings_built)
		build_meanings();
	return nmeanings;
}

const gd_code_meaning *
gd_code_meaning_at(int i)
{
	if (!meanings_built)
		build_meanings();
	return i >= 0 && i < nmeanings ? &meanings[i] : NULL;
}

static bool
same_text(const char *s, const char *p, size_t len)
{
	return strlen(s) == len && memcmp(s, p, len) == 0;
}

/* Is meaning m the code asked for, bare or as "scope.code"? */
static bool
meaning_is(const gd_code_meaning *m, const char *code, size_t len)
{
	const char *dot = memchr(code, '.', len);
	size_t		scope_len;

	if (!dot)
		return same_text(m->code, code, len);
	scope_len = (size_t) (dot - code);
	return same_text(m->scope, code, scope_len) &&
		same_text(m->code, dot + 1, len - scope_len - 1);
}

int
gd_code_meanings(const char *code, size_t len, const gd_code_meaning **out, int max)
{
	int			found = 0;

	if (!meanings_built)
		build_meanings();
	for (int i = 0; i < nmeanings; i++)
	{
		const gd_code_meaning *m = &meanings[i];
		bool		seen = false;

		if (!meaning_is(m, code, len))
			continue;
		/* one meaning per distinct pair of labels */
		for (int j = 0; j < i && !seen; j++)
			seen = meaning_is(&meanings[j], code, len) &&
				strcmp(meanings[j].label[GD_LANG_ZH], m->label[GD_LANG_ZH]) == 0 &&
				strcmp(meanings[j].label[GD_LANG_EN], m->label[GD_LANG_EN]) == 0;
		if (seen)
			continue;
		if (found < max)
			out[found] = m;
		found++;
	}
	return found;
}
