/*
 * Unit tests of the model's labels: every code has a Chinese and an English
 * label, no two codes of one list share a label, and the lookup by code
 * (govdisclose.label) finds one meaning or says there are several.
 * No PostgreSQL.
 */
#include "gd_model.h"
#include "gd_rules.h"

#include "testlib.h"

#include <stdio.h>
#include <string.h>

/* Does s hold a CJK ideograph (U+3400..U+9FFF: lead bytes E3 90.. to E9)? */
static int
has_cjk(const char *s)
{
	for (const unsigned char *p = (const unsigned char *) s; *p; p++)
		if ((*p >= 0xE4 && *p <= 0xE9) || (*p == 0xE3 && p[1] >= 0x90))
			return 1;
	return 0;
}

/* Every code has two non-empty labels; the English one is English. */
static void
test_every_code_labelled(void)
{
	int			n = gd_code_meaning_count();
	int			bad = 0;

	/* 4 sections; 25 rows + 7 columns; 6 items + 3 cells; 3 blocks + 5
	 * cells; 8 items + 9 cells (previous and change counted once); 5 groups;
	 * 14 rules */
	CHECK(n == 4 + 32 + 9 + 8 + 17 + 5 + 14);
	for (int i = 0; i < n; i++)
	{
		const gd_code_meaning *m = gd_code_meaning_at(i);

		if (!m->label[GD_LANG_ZH] || !*m->label[GD_LANG_ZH] ||
			!m->label[GD_LANG_EN] || !*m->label[GD_LANG_EN] || has_cjk(m->label[GD_LANG_EN]) ||
			!has_cjk(m->label[GD_LANG_ZH]))
		{
			bad++;
			printf("FAIL %s.%s: labels \"%s\" / \"%s\"\n", m->scope, m->code,
				   m->label[GD_LANG_ZH] ? m->label[GD_LANG_ZH] : "(null)",
				   m->label[GD_LANG_EN] ? m->label[GD_LANG_EN] : "(null)");
		}
	}
	CHECK(bad == 0);
	CHECK(gd_code_meaning_at(n) == NULL && gd_code_meaning_at(-1) == NULL);
}

/*
 * No two codes of one kind in one scope share a label, in either language;
 * within a scope, no code names two things (so "scope.code" is one meaning).
 */
static void
test_labels_distinct(void)
{
	int			n = gd_code_meaning_count();
	int			clashes = 0;

	for (int i = 0; i < n; i++)
		for (int j = i + 1; j < n; j++)
		{
			const gd_code_meaning *a = gd_code_meaning_at(i);
			const gd_code_meaning *b = gd_code_meaning_at(j);

			if (strcmp(a->scope, b->scope) != 0)
				continue;
			if (strcmp(a->code, b->code) == 0)
			{
				clashes++;
				printf("FAIL %s.%s names a %s and a %s\n", a->scope, a->code, a->kind, b->kind);
			}
			if (strcmp(a->kind, b->kind) != 0)
				continue;
			for (int l = 0; l < GD_NLANGS; l++)
				if (strcmp(a->label[l], b->label[l]) == 0)
				{
					clashes++;
					printf("FAIL %s.%s and %s.%s share the %s label \"%s\"\n",
						   a->scope, a->code, b->scope, b->code, gd_lang_names[l], a->label[l]);
				}
		}
	CHECK(clashes == 0);
}

/* The lists the model keeps beside the meanings carry the same labels. */
static void
test_model_labels(void)
{
	const gd_section *req = &gd_sections[GD_SEC_REQUESTS];

	CHECK_STR(gd_request_columns[GD_COL_NATURAL_PERSON].label_en, "natural persons");
	CHECK_STR(req->items[GD_ROW_DISCLOSED].label_en, "III(1) disclosed");
	CHECK_STR(gd_groups[GD_GROUP_DISCLOSED].label_en, "disclosed and partially disclosed");
	CHECK_STR(gd_rules[GD_RULE_ROW_TOTAL].label_en, "row totals");
	CHECK_STR(gd_sections[GD_SEC_APPEALS].items[GD_BLOCK_REVIEW].label_en, "administrative reconsideration");
	/* a scalar item's one cell has no code and no labels: the item names it */
	CHECK(gd_sections[GD_SEC_PROACTIVE].items[GD_PITEM_FEES].cellset->cells[0].label_en == NULL);
	for (int s = 0; s < GD_NSECTIONS; s++)
		CHECK(gd_sections[s].label_en && *gd_sections[s].label_en);
}

static const char *
label_of(const char *code, gd_lang lang, int *n)
{
	const gd_code_meaning *m[8];

	*n = gd_code_meanings(code, strlen(code), m, 8);
	return *n == 1 ? m[0]->label[lang] : NULL;
}

static void
test_lookup(void)
{
	const gd_code_meaning *m[8];
	int			n;

	CHECK(gd_lang_by_name("zh", 2) == GD_LANG_ZH);
	CHECK(gd_lang_by_name("en", 2) == GD_LANG_EN);
	CHECK(gd_lang_by_name("e", 1) == -1);
	CHECK(gd_lang_by_name("EN", 2) == -1);
	CHECK(gd_lang_by_name("zh-CN", 5) == -1);

	CHECK_STR(label_of("natural_person", GD_LANG_EN, &n), "natural persons");
	CHECK_STR(label_of("natural_person", GD_LANG_ZH, &n), "自然人");
	CHECK_STR(label_of("requests.natural_person", GD_LANG_EN, &n), "natural persons");
	/* one code in two scopes with the same labels: one meaning */
	CHECK_STR(label_of("total", GD_LANG_ZH, &n), "总计");
	CHECK_STR(label_of("licensing", GD_LANG_EN, &n), "administrative licensing (Article 20(5))");
	CHECK_STR(label_of("previous", GD_LANG_EN, &n), "items in the previous year");
	/* with different labels: several, until qualified */
	CHECK(label_of("disclosed", GD_LANG_EN, &n) == NULL && n == 2);
	CHECK(gd_code_meanings("disclosed", 9, m, 8) == 2);
	CHECK_STR(m[0]->scope, "requests");
	CHECK_STR(m[0]->kind, "row");
	CHECK_STR(m[1]->scope, "group");
	CHECK_STR(label_of("group.disclosed", GD_LANG_EN, &n), "disclosed and partially disclosed");
	CHECK_STR(label_of("requests.disclosed", GD_LANG_ZH, &n), "三(一) 予以公开");
	CHECK(label_of("other", GD_LANG_EN, &n) == NULL && n == 2);
	CHECK_STR(label_of("appeals.other", GD_LANG_EN, &n), "other results");
	CHECK_STR(label_of("group.other", GD_LANG_ZH, &n), "其他处理");
	CHECK(label_of("handled_total", GD_LANG_EN, &n) == NULL && n == 2);
	CHECK_STR(label_of("rule.handled_total", GD_LANG_EN, &n), "total of the outcomes");
	CHECK_STR(label_of("requests.handled_total", GD_LANG_EN, &n), "III(7) total");
	CHECK(label_of("normative_documents", GD_LANG_ZH, &n) == NULL && n == 2);
	CHECK_STR(label_of("proactive_2019.normative_documents", GD_LANG_ZH, &n), "规范性文件 (第二十条第（一）项)");
	CHECK_STR(label_of("requests", GD_LANG_ZH, &n), "收到和处理政府信息公开申请情况");
	CHECK_STR(label_of("section.appeals", GD_LANG_EN, &n),
			  "administrative reconsideration and litigation concerning government information disclosure");
	CHECK_STR(label_of("continuity", GD_LANG_EN, &n), "carry-over between years");
	/* every meaning is found again by its qualified code, alone */
	for (int i = 0; i < gd_code_meaning_count(); i++)
	{
		const gd_code_meaning *x = gd_code_meaning_at(i);
		char		q[128];

		snprintf(q, sizeof(q), "%s.%s", x->scope, x->code);
		CHECK(gd_code_meanings(q, strlen(q), m, 8) == 1 && m[0] == x);
	}
	/* unknown: no meaning */
	CHECK(label_of("disclosd", GD_LANG_EN, &n) == NULL && n == 0);
	CHECK(label_of("", GD_LANG_EN, &n) == NULL && n == 0);
	CHECK(label_of(".disclosed", GD_LANG_EN, &n) == NULL && n == 0);
	CHECK(label_of("group.", GD_LANG_EN, &n) == NULL && n == 0);
	CHECK(label_of("group.disclosed.x", GD_LANG_EN, &n) == NULL && n == 0);
	CHECK(label_of("rows.disclosed", GD_LANG_EN, &n) == NULL && n == 0);
	CHECK(label_of("disclosed__total", GD_LANG_EN, &n) == NULL && n == 0);
	/* a length, not a NUL, ends the code */
	CHECK(gd_code_meanings("totalXYZ", 5, m, 8) == 1);
	/* out holds at most max; the count is still exact */
	CHECK(gd_code_meanings("disclosed", 9, m, 1) == 2);
}

/* Which items a template has: what the long views list for a report. */
static void
test_template_items(void)
{
	int			outside = 0;

	for (int s = 0; s < GD_NSECTIONS; s++)
		for (int i = 0; i < gd_sections[s].nitems; i++)
		{
			bool		in21 = gd_item_in_template((gd_section_id) s, i, GD_TMPL_2021);
			bool		in19 = gd_item_in_template((gd_section_id) s, i, GD_TMPL_2019);

			/* an item belongs to a template only within a section that does */
			CHECK(!in21 || gd_section_in_template((gd_section_id) s, GD_TMPL_2021));
			CHECK(!in19 || gd_section_in_template((gd_section_id) s, GD_TMPL_2019));
			CHECK(in21 || in19);
			CHECK(gd_item_in_template((gd_section_id) s, i, GD_TMPL_INFER));
			outside += !in19 && s == GD_SEC_REQUESTS;
		}
	CHECK(!gd_item_in_template(GD_SEC_REQUESTS, GD_ROW_OTHER_NO_CORRECTION, GD_TMPL_2019));
	CHECK(!gd_item_in_template(GD_SEC_REQUESTS, GD_ROW_OTHER_NO_FEE, GD_TMPL_2019));
	CHECK(gd_item_in_template(GD_SEC_REQUESTS, GD_ROW_OTHER_OTHER, GD_TMPL_2019));
	CHECK(gd_item_in_template(GD_SEC_REQUESTS, GD_ROW_OTHER_NO_FEE, GD_TMPL_2021));
	CHECK(outside == 2);
	CHECK(!gd_item_in_template(GD_SEC_PROACTIVE, GD_PITEM_FEES, GD_TMPL_2019));
	CHECK(!gd_item_in_template(GD_SEC_PROACTIVE_2019, GD_P19_PROCUREMENT, GD_TMPL_2021));
	CHECK(gd_item_in_template(GD_SEC_APPEALS, GD_BLOCK_REVIEW, GD_TMPL_2019));
}

int
main(void)
{
	test_every_code_labelled();
	test_labels_distinct();
	test_model_labels();
	test_lookup();
	test_template_items();
	return test_summary();
}
