/*
 * Unit tests of the report text parser (src/gd_parse.c).  No PostgreSQL.
 * Prints one line per failed check and a final "N passed, N failed".
 *
 * Run from the repository root:  test_parse [path/to/jinshan-2024.txt]
 * (default test/data/parse/jinshan-2024.txt, the fixture of docs/domain.md
 * §1 and §8); the other inputs are read from test/data/parse/.
 */
#include "gd_parse.h"
#include "gd_rules.h"
#include "gd_text.h"
#include "testlib.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *datadir = "test/data/parse";

/* ------------------------------------------------------------------ */

/* Parse test/data/parse/<name>; false (a failed check) when unreadable. */
static bool
parse_path(const char *path, gd_parsed *p)
{
	size_t		len = 0;
	char	   *text = test_read_file(path, &len);

	if (!text)
	{
		failed++;
		printf("FAIL cannot read %s\n", path);
		memset(p, 0, sizeof(*p));
		return false;
	}
	gd_parse_report(text, len, p);
	free(text);
	return true;
}

static bool
parse_data(const char *name, gd_parsed *p)
{
	char		path[512];

	snprintf(path, sizeof(path), "%s/%s", datadir, name);
	return parse_path(path, p);
}

/* Every diagnostic is well formed: known code, section, valid UTF-8, in
 * line order. */
static void
check_diags_well_formed(const gd_parsed *p)
{
	static const char *const codes[] = {
		"title_not_found", "section_not_found", "row_not_found", "item_not_found",
		"cell_count", "number", "blank", "total_column_blank", "template", "label",
		"inferred", "not_inferred", "year_from_period"
	};
	static const char *const sections[] = {"title", "proactive", "requests", "appeals"};

	for (int i = 0; i < p->ndiags; i++)
	{
		const gd_diag *d = &p->diags[i];
		bool		code_ok = false,
					sec_ok = false;

		for (size_t k = 0; k < sizeof(codes) / sizeof(codes[0]); k++)
			code_ok |= strcmp(d->code, codes[k]) == 0;
		for (size_t k = 0; k < sizeof(sections) / sizeof(sections[0]); k++)
			sec_ok |= strcmp(d->section, sections[k]) == 0;
		CHECK(code_ok);
		CHECK(sec_ok);
		CHECK(memchr(d->message, '\0', sizeof(d->message)) != NULL);
		CHECK(gd_utf8_valid(d->message, strlen(d->message)));
		CHECK(strlen(d->message) > 20);
		if (i > 0)
			CHECK(d->line >= p->diags[i - 1].line);
	}
}

static int
count_code(const gd_parsed *p, const char *code)
{
	int			n = 0;

	for (int i = 0; i < p->ndiags; i++)
		n += strcmp(p->diags[i].code, code) == 0;
	return n;
}

static const gd_diag *
find_diag(const gd_parsed *p, const char *code, int line)
{
	for (int i = 0; i < p->ndiags; i++)
		if (strcmp(p->diags[i].code, code) == 0 && (line < 0 || p->diags[i].line == line))
			return &p->diags[i];
	return NULL;
}

#define NUL INT64_MIN

static bool
cell_is(const gd_report *r, int idx, int64_t want)
{
	if (want == NUL)
		return r->isnull[idx];
	return !r->isnull[idx] && r->v[idx] == want;
}

static bool
row_is(const gd_report *r, int row, int64_t a, int64_t b, int64_t c, int64_t d,
	   int64_t e, int64_t f, int64_t t)
{
	int64_t		w[GD_NCOLS] = {a, b, c, d, e, f, t};

	for (int i = 0; i < GD_NCOLS; i++)
		if (!cell_is(r, GD_REQ_CELL(row, i), w[i]))
			return false;
	return true;
}

static bool
row_null(const gd_report *r, int row)
{
	return row_is(r, row, NUL, NUL, NUL, NUL, NUL, NUL, NUL);
}

static bool
block_is(const gd_report *r, int b, int64_t u, int64_t c, int64_t o, int64_t p, int64_t t)
{
	int64_t		w[GD_NACELLS] = {u, c, o, p, t};

	for (int i = 0; i < GD_NACELLS; i++)
		if (!cell_is(r, GD_APP_CELL(b, i), w[i]))
			return false;
	return true;
}

static int
count_errors(const gd_report *r)
{
	return gd_check(r, NULL, NULL);
}

/* ------------------------------------------------------------------ */
/* docs/domain.md §8: the Jinshan 2024 fixture */

static void
test_fixture(const char *path)
{
	gd_parsed	p;
	const gd_report *r = &p.report;
	const gd_diag *d;
	bool		listed[GD_NROWS] = {false};
	int			rows[] = {GD_ROW_NEW_RECEIVED, GD_ROW_CARRIED_OVER, GD_ROW_DISCLOSED,
		GD_ROW_PARTIALLY_DISCLOSED, GD_ROW_WITHHELD_THIRD_PARTY, GD_ROW_WITHHELD_INTERNAL_AFFAIRS,
		GD_ROW_WITHHELD_PROCESS_INFO, GD_ROW_WITHHELD_QUERY_MATTER, GD_ROW_UNABLE_NOT_HELD,
		GD_ROW_UNABLE_NEEDS_CREATION, GD_ROW_UNABLE_UNCLEAR, GD_ROW_REJECTED_REPEATED,
		GD_ROW_OTHER_NO_CORRECTION, GD_ROW_OTHER_OTHER, GD_ROW_HANDLED_TOTAL, GD_ROW_CARRIED_FORWARD};

	if (!parse_path(path, &p))
		return;
	check_diags_well_formed(&p);
	CHECK_STR(p.agency, "上海市金山区");
	CHECK(p.year == 2024);
	CHECK(p.found_tables);
	CHECK(r->tmpl == GD_TMPL_2021);
	CHECK(r->present[GD_SEC_REQUESTS] && r->present[GD_SEC_PROACTIVE] && r->present[GD_SEC_APPEALS]);
	CHECK(!r->present[GD_SEC_PROACTIVE_2019]);

	CHECK(row_is(r, GD_ROW_NEW_RECEIVED, 582, 30, 0, 0, 1, 4, 617));
	CHECK(row_is(r, GD_ROW_CARRIED_OVER, 17, 1, 0, 0, 0, 0, 18));
	CHECK(row_is(r, GD_ROW_DISCLOSED, 129, 7, 0, 0, 0, 2, 138));
	CHECK(row_is(r, GD_ROW_PARTIALLY_DISCLOSED, 14, 1, 0, 0, 0, 0, 15));
	CHECK(row_is(r, GD_ROW_WITHHELD_THIRD_PARTY, 3, 0, 0, 0, 0, 0, 3));
	CHECK(row_is(r, GD_ROW_WITHHELD_INTERNAL_AFFAIRS, 3, 0, 0, 0, 0, 0, 3));
	CHECK(row_is(r, GD_ROW_WITHHELD_PROCESS_INFO, 1, 0, 0, 0, 0, 0, 1));
	CHECK(row_is(r, GD_ROW_WITHHELD_QUERY_MATTER, 8, 0, 0, 0, 1, 0, 9));
	CHECK(row_is(r, GD_ROW_UNABLE_NOT_HELD, 102, 10, 0, 0, 0, 0, 112));
	CHECK(row_is(r, GD_ROW_UNABLE_NEEDS_CREATION, 46, 1, 0, 0, 0, 0, 47));
	CHECK(row_is(r, GD_ROW_UNABLE_UNCLEAR, 1, 0, 0, 0, 0, 0, 1));
	CHECK(row_is(r, GD_ROW_REJECTED_REPEATED, 1, 0, 0, 0, 0, 0, 1));
	CHECK(row_is(r, GD_ROW_OTHER_NO_CORRECTION, 26, 3, 0, 0, 0, 0, 29));
	CHECK(row_is(r, GD_ROW_OTHER_OTHER, 116, 5, 0, 0, 0, 2, 123));
	CHECK(row_is(r, GD_ROW_HANDLED_TOTAL, 450, 27, 0, 0, 1, 4, 482));
	CHECK(row_is(r, GD_ROW_CARRIED_FORWARD, 149, 4, 0, 0, 0, 0, 153));
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		listed[rows[i]] = true;
	for (int row = 0; row < GD_NROWS; row++)
		if (!listed[row])
			CHECK(row_is(r, row, 0, 0, 0, 0, 0, 0, 0));

	/* section 二 */
	CHECK(cell_is(r, GD_PRO_DOC(GD_PITEM_RULES, GD_DOC_ISSUED), 0));
	CHECK(cell_is(r, GD_PRO_DOC(GD_PITEM_RULES, GD_DOC_REPEALED), 0));
	CHECK(cell_is(r, GD_PRO_DOC(GD_PITEM_RULES, GD_DOC_IN_FORCE), 0));
	CHECK(cell_is(r, GD_PRO_DOC(GD_PITEM_NORMATIVE_DOCUMENTS, GD_DOC_ISSUED), 28));
	CHECK(cell_is(r, GD_PRO_DOC(GD_PITEM_NORMATIVE_DOCUMENTS, GD_DOC_REPEALED), 18));
	CHECK(cell_is(r, GD_PRO_DOC(GD_PITEM_NORMATIVE_DOCUMENTS, GD_DOC_IN_FORCE), 73));
	CHECK(cell_is(r, GD_PRO_SINGLE(GD_PITEM_LICENSING), 60805));
	CHECK(cell_is(r, GD_PRO_SINGLE(GD_PITEM_PUNISHMENT), 8256));
	CHECK(cell_is(r, GD_PRO_SINGLE(GD_PITEM_COERCION), 122));
	CHECK(r->isnull[GD_FEES_CELL]);
	CHECK(r->text[GD_FEES_CELL] == NULL);
	d = find_diag(&p, "item_not_found", 48);
	CHECK(d != NULL);
	if (d)
	{
		CHECK_STR(d->section, "proactive");
		CHECK_HAS(d->message, "行政事业性收费");
		CHECK_HAS(d->message, "(fees)");
		CHECK_HAS(d->message, "第二十条第（八）项 is printed at line 48");
	}

	/* section 四: ten numbers for fifteen cells, none assigned */
	for (int b = 0; b < GD_NBLOCKS; b++)
		CHECK(block_is(r, b, NUL, NUL, NUL, NUL, NUL));
	d = find_diag(&p, "cell_count", 88);
	CHECK(d != NULL);
	if (d)
	{
		CHECK_STR(d->section, "appeals");
		CHECK_HAS(d->message, "line 88 has 10 numbers for 15 cells");
		CHECK_HAS(d->message, "after 5 blank cells");
		CHECK_HAS(d->message, "Read: 16 3 1 2 22 5 2 0 0 7.");
		CHECK_HAS(d->message, "\"16 3 1 2 22 5 2 0 0 7\"");
		CHECK_HAS(d->message, "not guessed");
	}
	CHECK(p.ndiags == 2);

	/* what the parser read satisfies every error rule (docs/domain.md §8) */
	CHECK(count_errors(r) == 0);
	gd_parsed_free(&p);
	CHECK(p.ndiags == 0 && p.diags == NULL);
}

/* ------------------------------------------------------------------ */
/* The clean hand-made 2021 report, and damaged copies of it */

static void
check_base_values(const gd_parsed *p)
{
	const gd_report *r = &p->report;

	CHECK(r->tmpl == GD_TMPL_2021);
	CHECK(row_is(r, GD_ROW_NEW_RECEIVED, 100, 10, 0, 0, 2, 3, 115));
	CHECK(row_is(r, GD_ROW_DISCLOSED, 40, 3, 0, 0, 1, 1, 45));
	CHECK(row_is(r, GD_ROW_WITHHELD_THIRD_PARTY, 2, 0, 0, 0, 0, 0, 2));
	CHECK(row_is(r, GD_ROW_UNABLE_NOT_HELD, 20, 2, 0, 0, 0, 1, 23));
	CHECK(row_is(r, GD_ROW_REJECTED_RECONFIRM, 0, 0, 0, 0, 0, 0, 0));
	CHECK(row_is(r, GD_ROW_OTHER_NO_CORRECTION, 4, 0, 0, 0, 0, 0, 4));
	CHECK(row_is(r, GD_ROW_OTHER_OTHER, 6, 1, 0, 0, 0, 0, 7));
	CHECK(row_is(r, GD_ROW_HANDLED_TOTAL, 97, 7, 0, 0, 1, 2, 107));
	CHECK(row_is(r, GD_ROW_CARRIED_FORWARD, 8, 4, 0, 0, 1, 1, 14));
	CHECK(cell_is(r, GD_PRO_DOC(GD_PITEM_RULES, GD_DOC_ISSUED), 1));
	CHECK(cell_is(r, GD_PRO_DOC(GD_PITEM_NORMATIVE_DOCUMENTS, GD_DOC_IN_FORCE), 40));
	CHECK(cell_is(r, GD_PRO_SINGLE(GD_PITEM_LICENSING), 1200));
	CHECK(cell_is(r, GD_PRO_SINGLE(GD_PITEM_COERCION), 7));
	CHECK(cell_is(r, GD_FEES_CELL, 1));
	CHECK_STR(r->text[GD_FEES_CELL], "18.8710");
	CHECK(r->text[GD_FEES_CELL] == p->fees_text);
	CHECK(block_is(r, GD_BLOCK_REVIEW, 2, 1, 0, 0, 3));
	CHECK(block_is(r, GD_BLOCK_SUIT_DIRECT, 1, 0, 0, 1, 2));
	CHECK(block_is(r, GD_BLOCK_SUIT_AFTER_REVIEW, 0, 0, 0, 0, 0));
}

static void
test_base(gd_parsed *base)
{
	if (!parse_data("base-2021.txt", base))
		return;
	check_diags_well_formed(base);
	CHECK(base->ndiags == 0);
	CHECK_STR(base->agency, "上海市示例区");
	CHECK(base->year == 2023);
	CHECK(base->found_tables);
	check_base_values(base);
}

/* Damage that loses nothing: every cell as in the clean text, no diagnostic. */
static void
test_same_as_base(const char *name, const gd_parsed *base, const char *agency)
{
	gd_parsed	p;
	int			diff = 0;

	if (!parse_data(name, &p))
		return;
	check_diags_well_formed(&p);
	if (p.ndiags != 0)
		printf("  (%s: %d diagnostics, first: %s)\n", name, p.ndiags, p.diags[0].message);
	CHECK(p.ndiags == 0);
	CHECK_STR(p.agency, agency);
	CHECK(p.year == 2023);
	for (int i = 0; i < GD_NCELLS; i++)
		if (p.report.isnull[i] != base->report.isnull[i] ||
			(!p.report.isnull[i] && p.report.v[i] != base->report.v[i]))
		{
			if (diff++ < 3)
				printf("  (%s: cell %d differs)\n", name, i);
		}
	CHECK(diff == 0);
	check_base_values(&p);
	gd_parsed_free(&p);
}

/* Every cell as in the clean text or NULL; *nulls counts the NULLs. */
static bool
cells_agree(const gd_parsed *p, const gd_parsed *base, int *nulls)
{
	bool		ok = true;

	*nulls = 0;
	for (int i = 0; i < GD_NCELLS; i++)
	{
		if (p->report.isnull[i] && !base->report.isnull[i])
			(*nulls)++;
		else if (p->report.isnull[i] != base->report.isnull[i] ||
				 (!p->report.isnull[i] && p->report.v[i] != base->report.v[i]))
		{
			printf("  (cell %d: %lld, want %lld)\n", i, (long long) p->report.v[i],
				   (long long) base->report.v[i]);
			ok = false;
		}
	}
	return ok;
}

/* A misprinted label, and a vertical group label between two rows. */
static void
test_damaged_label(const gd_parsed *base)
{
	gd_parsed	p;
	int			nulls;

	if (!parse_data("damaged-label.txt", &p))
		return;
	check_diags_well_formed(&p);
	CHECK(cells_agree(&p, base, &nulls) && nulls == 0);
	CHECK(p.ndiags == 1 && count_code(&p, "label") == 1);
	CHECK_HAS(p.diags[0].message, "其他法律行政止公开");
	CHECK(p.diags[0].line == 36);
	gd_parsed_free(&p);
}

/* Cells printed run together: cut as the identities allow, never guessed. */
static void
test_run_together(const gd_parsed *base)
{
	gd_parsed	p;
	int			nulls;

	if (!parse_data("run-together.txt", &p))
		return;
	check_diags_well_formed(&p);
	CHECK(cells_agree(&p, base, &nulls));
	/* 行政规范性文件 12340 for three cells: six ways, no identity */
	CHECK(nulls == 3);
	CHECK(p.report.isnull[GD_PRO_DOC(GD_PITEM_NORMATIVE_DOCUMENTS, 0)]);
	CHECK(count_code(&p, "not_inferred") == 1);
	/* rows of more digits than cells: inferred, naming the identities */
	CHECK(count_code(&p, "inferred") == 6);
	for (int d = 0; d < p.ndiags; d++)
		if (strstr(p.diags[d].message, "(disclosed)") && strcmp(p.diags[d].code, "inferred") == 0)
			CHECK_HAS(p.diags[d].message, "\"403001145\"; read as 40 3 0 0 1 1 45");
	CHECK(p.report.v[GD_REQ_CELL(GD_ROW_NEW_RECEIVED, GD_COL_TOTAL)] == 115);
	CHECK(p.report.v[GD_APP_CELL(GD_BLOCK_SUIT_DIRECT, 4)] == 2);
	gd_parsed_free(&p);

	/* a printed error (三(七) 总计 108 for 107): no row is inferred */
	if (!parse_data("run-together-error.txt", &p))
		return;
	CHECK(cells_agree(&p, base, &nulls));
	CHECK(count_code(&p, "inferred") == 0);
	CHECK(p.report.isnull[GD_REQ_CELL(GD_ROW_HANDLED_TOTAL, GD_COL_TOTAL)]);
	CHECK(p.report.isnull[GD_REQ_CELL(GD_ROW_NEW_RECEIVED, GD_COL_TOTAL)]);
	/* rows whose digits leave one way stay as printed */
	CHECK(!p.report.isnull[GD_REQ_CELL(GD_ROW_CARRIED_OVER, GD_COL_TOTAL)]);
	CHECK(count_code(&p, "not_inferred") == 7);
	gd_parsed_free(&p);
}

/* 「标题:」 before the title, and a title without a year: the period gives it. */
static void
test_title_period(const gd_parsed *base)
{
	gd_parsed	p;
	int			nulls;
	const gd_diag *d;

	if (!parse_data("title-period.txt", &p))
		return;
	check_diags_well_formed(&p);
	CHECK_STR(p.agency, "上海市示例区");
	CHECK(p.year == 2023);
	CHECK(cells_agree(&p, base, &nulls) && nulls == 0);
	CHECK(p.ndiags == 1);
	d = find_diag(&p, "year_from_period", 3);
	CHECK(d != NULL);
	if (d)
		CHECK_HAS(d->message, "the year 2023 is taken from the statistics period at line 3");
	gd_parsed_free(&p);
}

/*
 * Hongze 2023 as poppler's pdftotext prints it, with -layout (lines of
 * cells, a vertical label and a misprinted one) and without (a stream of
 * numbers one per line, section 三 partly column by column): the same
 * cells, every one of the 186 printed.
 */
static void
test_hongze_pdftotext(void)
{
	gd_parsed	lay,
				pla;
	int			diff = 0;

	if (!parse_data("hongze-2023-layout.txt", &lay))
		return;
	if (!parse_data("hongze-2023-plain.txt", &pla))
	{
		gd_parsed_free(&lay);
		return;
	}
	check_diags_well_formed(&lay);
	check_diags_well_formed(&pla);
	for (int i = 0; i < GD_NCELLS; i++)
		if (lay.report.isnull[i] != pla.report.isnull[i] ||
			(!lay.report.isnull[i] && lay.report.v[i] != pla.report.v[i]))
			diff++;
	CHECK(diff == 0);
	CHECK(count_code(&lay, "inferred") == 0);
	CHECK(count_code(&lay, "label") == 1);
	/* one reading of the stream, and the two items alone in their sub-tables */
	CHECK(count_code(&pla, "inferred") == 3);
	CHECK(count_code(&pla, "not_inferred") == 0 && count_code(&pla, "cell_count") == 0);
	CHECK(pla.report.tmpl == GD_TMPL_2019);
	CHECK(pla.report.v[GD_REQ_CELL(GD_ROW_UNABLE_NOT_HELD, GD_COL_TOTAL)] == 10);
	CHECK(pla.report.v[GD_REQ_CELL(GD_ROW_HANDLED_TOTAL, GD_COL_NATURAL_PERSON)] == 21);
	CHECK(pla.report.v[GD_PRO_SINGLE(GD_PITEM_LICENSING)] == 550);
	CHECK_STR(pla.report.text[GD_FEES_CELL], "7730.28");
	/* the printed error stays: 行政复议 10 + 1 + 0 + 0 with 总计 0 */
	CHECK(pla.report.v[GD_APP_CELL(GD_BLOCK_REVIEW, 4)] == 0);
	{
		int			nn = 0;

		for (int i = 0; i < GD_NCELLS; i++)
			if (gd_cells()[i].section != GD_SEC_PROACTIVE_2019 && pla.report.isnull[i])
				nn++;
		CHECK(nn == 14);		/* the two 2021 sub-rows of 三(六) only */
	}
	gd_parsed_free(&lay);
	gd_parsed_free(&pla);
}

static void
test_thousands(void)
{
	gd_parsed	p;
	const gd_report *r = &p.report;

	if (!parse_data("thousands.txt", &p))
		return;
	check_diags_well_formed(&p);
	CHECK(p.ndiags == 0);
	CHECK(cell_is(r, GD_PRO_SINGLE(GD_PITEM_LICENSING), 60805));	/* 60,805 */
	CHECK(cell_is(r, GD_PRO_SINGLE(GD_PITEM_PUNISHMENT), 8256));	/* 8，256 */
	CHECK_STR(r->text[GD_FEES_CELL], "1234.50");	/* 1,234.50 */
	CHECK(row_is(r, GD_ROW_NEW_RECEIVED, 1100, 10, 0, 0, 2, 3, 1115));
	gd_parsed_free(&p);
}

static void
test_blank_and_na(void)
{
	gd_parsed	p;
	const gd_report *r = &p.report;
	const gd_diag *d;

	if (!parse_data("blank-na.txt", &p))
		return;
	check_diags_well_formed(&p);
	/* "/" is not applicable: NULL, silently */
	for (int k = 0; k < GD_NDOC; k++)
		CHECK(r->isnull[GD_PRO_DOC(GD_PITEM_RULES, k)]);
	CHECK(cell_is(r, GD_PRO_DOC(GD_PITEM_NORMATIVE_DOCUMENTS, GD_DOC_ISSUED), 12));
	/* a dash too */
	CHECK(r->isnull[GD_PRO_SINGLE(GD_PITEM_COERCION)]);
	/* a blank amount is NULL, never zero, and said */
	CHECK(r->isnull[GD_FEES_CELL]);
	CHECK(r->text[GD_FEES_CELL] == NULL);
	d = find_diag(&p, "blank", 22);
	CHECK(d != NULL);
	if (d)
	{
		CHECK_STR(d->section, "proactive");
		CHECK_HAS(d->message, "行政事业性收费");
		CHECK_HAS(d->message, "not zero");
	}
	/* an empty tab field between two cells is a blank cell */
	CHECK(row_is(r, GD_ROW_DISCLOSED, 40, NUL, 0, 0, 1, 1, 45));
	CHECK(count_code(&p, "cell_count") == 0);
	CHECK(p.ndiags == 1);
	gd_parsed_free(&p);
}

static void
test_too_few(void)
{
	gd_parsed	p;
	const gd_diag *d;

	if (!parse_data("too-few.txt", &p))
		return;
	check_diags_well_formed(&p);
	CHECK(row_null(&p.report, GD_ROW_DISCLOSED));
	CHECK(row_is(&p.report, GD_ROW_PARTIALLY_DISCLOSED, 10, 1, 0, 0, 0, 0, 11));
	d = find_diag(&p, "cell_count", 31);
	CHECK(d != NULL);
	if (d)
	{
		CHECK_STR(d->section, "requests");
		CHECK_HAS(d->message, "row 三(一) 予以公开 (disclosed) at line 31 has 6 numbers for 7 cells");
		CHECK_HAS(d->message, "Read: 40 3 0 0 1 45.");
		CHECK_HAS(d->message, "\"三、本年度办理结果 （一）予以公开 40 3 0 0 1 45\"");
	}
	CHECK(count_code(&p, "total_column_blank") == 0);
	CHECK(p.ndiags == 1);
	gd_parsed_free(&p);
}

static void
test_too_many(void)
{
	gd_parsed	p;
	const gd_diag *d;

	if (!parse_data("too-many.txt", &p))
		return;
	check_diags_well_formed(&p);
	CHECK(row_null(&p.report, GD_ROW_REJECTED_REPEATED));
	CHECK(row_is(&p.report, GD_ROW_REJECTED_PETITION, 2, 0, 0, 0, 0, 0, 2));
	CHECK(row_is(&p.report, GD_ROW_REJECTED_PUBLICATION, 0, 0, 0, 0, 0, 0, 0));
	d = find_diag(&p, "cell_count", 45);
	CHECK(d != NULL);
	if (d)
	{
		CHECK_HAS(d->message, "重复申请 (rejected_repeated) at line 45 has 8 numbers for 7 cells");
		CHECK_HAS(d->message, "Read: 1 0 0 0 0 0 0 1.");
	}
	CHECK(p.ndiags == 1);
	gd_parsed_free(&p);
}

static void
test_unreadable(void)
{
	gd_parsed	p;
	const gd_diag *d;

	if (!parse_data("unreadable.txt", &p))
		return;
	check_diags_well_formed(&p);
	/* the cell it cannot read is NULL; the others of the row are read */
	CHECK(row_is(&p.report, GD_ROW_DISCLOSED, NUL, 3, 0, 0, 1, 1, 45));
	CHECK(p.report.isnull[GD_PRO_SINGLE(GD_PITEM_LICENSING)]);
	d = find_diag(&p, "number", 31);
	CHECK(d != NULL);
	if (d)
	{
		CHECK_STR(d->section, "requests");
		CHECK_HAS(d->message, "column 自然人 (natural_person) at line 31: \"1O2\" is not a readable number");
	}
	d = find_diag(&p, "number", 15);
	CHECK(d != NULL);
	if (d)
	{
		CHECK_STR(d->section, "proactive");
		CHECK_HAS(d->message, "行政许可");
		CHECK_HAS(d->message, "\"12a\" is not a readable number");
	}
	CHECK(p.ndiags == 2);
	gd_parsed_free(&p);
}

static void
test_missing_row(void)
{
	gd_parsed	p;
	const gd_diag *d;

	if (!parse_data("missing-row.txt", &p))
		return;
	check_diags_well_formed(&p);
	CHECK(row_null(&p.report, GD_ROW_REJECTED_REPEATED));
	CHECK(row_is(&p.report, GD_ROW_REJECTED_PETITION, 2, 0, 0, 0, 0, 0, 2));
	CHECK(row_is(&p.report, GD_ROW_REJECTED_PUBLICATION, 0, 0, 0, 0, 0, 0, 0));
	CHECK(p.report.isnull[GD_PRO_SINGLE(GD_PITEM_COERCION)]);
	CHECK(cell_is(&p.report, GD_PRO_SINGLE(GD_PITEM_PUNISHMENT), 300));
	d = find_diag(&p, "row_not_found", 23);
	CHECK(d != NULL);
	if (d)
		CHECK_HAS(d->message, "row 三(五)2 重复申请 (rejected_repeated) was not found");
	d = find_diag(&p, "item_not_found", 16);
	CHECK(d != NULL);
	if (d)
		CHECK_HAS(d->message, "行政强制 (第二十条第（六）项) (coercion) was not found");
	CHECK(p.ndiags == 2);
	gd_parsed_free(&p);
}

static void
test_no_tables(void)
{
	gd_parsed	p;

	if (!parse_data("no-tables.txt", &p))
		return;
	check_diags_well_formed(&p);
	CHECK(!p.found_tables);
	CHECK(count_code(&p, "section_not_found") == 3);
	CHECK(p.ndiags == 3);
	CHECK(p.diags[0].line == 0);
	CHECK(!p.report.present[GD_SEC_REQUESTS] && !p.report.present[GD_SEC_PROACTIVE] &&
		  !p.report.present[GD_SEC_APPEALS] && !p.report.present[GD_SEC_PROACTIVE_2019]);
	for (int i = 0; i < GD_NCELLS; i++)
		CHECK(p.report.isnull[i]);
	CHECK_STR(p.agency, "上海市示例区");
	CHECK(p.year == 2023);
	gd_parsed_free(&p);
}

/* ------------------------------------------------------------------ */
/* The 2019 trial template */

/* The report cell of a 2019 section 二 item's k-th cell (the model's). */
static int
p19(int item, int k)
{
	return gd_sections[GD_SEC_PROACTIVE_2019].items[item].first_cell + k;
}

static void
test_2019(void)
{
	gd_parsed	p;
	const gd_report *r = &p.report;

	if (!parse_data("t2019.txt", &p))
		return;
	check_diags_well_formed(&p);
	CHECK(p.ndiags == 0);
	CHECK_STR(p.agency, "示例市交通运输局");
	CHECK(p.year == 2019);
	CHECK(r->tmpl == GD_TMPL_2019);
	/* 三(六) 其他处理: one row, in other_other */
	CHECK(row_is(r, GD_ROW_OTHER_OTHER, 7, 1, 0, 0, 0, 0, 8));
	CHECK(row_null(r, GD_ROW_OTHER_NO_CORRECTION));
	CHECK(row_null(r, GD_ROW_OTHER_NO_FEE));
	CHECK(row_is(r, GD_ROW_HANDLED_TOTAL, 47, 4, 0, 0, 1, 0, 52));
	CHECK(row_is(r, GD_ROW_WITHHELD_THREE_SAFETIES, 0, 0, 0, 0, 0, 0, 0));	/* "三安全一稳定" */
	/* section 二, 2019 layout */
	CHECK(!r->present[GD_SEC_PROACTIVE]);
	CHECK(r->present[GD_SEC_PROACTIVE_2019]);
	for (int i = GD_PRO_BASE; i < GD_PRO_BASE + GD_PRO_NCELLS; i++)
		CHECK(r->isnull[i]);
	CHECK(!r->isnull[p19(GD_P19_RULES, GD_DOC19_MADE)] && r->v[p19(GD_P19_RULES, GD_DOC19_MADE)] == 0);
	CHECK(r->v[p19(GD_P19_NORMATIVE_DOCUMENTS, GD_DOC19_PUBLIC_TOTAL)] == 60);
	CHECK(r->v[p19(GD_P19_LICENSING, GD_SVC19_PREVIOUS)] == 120);
	CHECK(!r->isnull[p19(GD_P19_LICENSING, GD_SVC19_CHANGE)] &&
		  r->v[p19(GD_P19_LICENSING, GD_SVC19_CHANGE)] == -4);	/* 减4 */
	CHECK(r->v[p19(GD_P19_LICENSING, GD_SVC19_DECISIONS)] == 3500);
	CHECK(r->v[p19(GD_P19_OTHER_SERVICES, GD_SVC19_CHANGE)] == 5);	/* 增5 */
	CHECK(r->v[p19(GD_P19_PUNISHMENT, GD_SVC19_CHANGE)] == -417);	/* -417 */
	CHECK(r->v[p19(GD_P19_COERCION, GD_SVC19_DECISIONS)] == 120);
	CHECK(r->v[p19(GD_P19_FEES, GD_FEE19_PREVIOUS)] == 12 &&
		  r->v[p19(GD_P19_FEES, GD_FEE19_CHANGE)] == -2);	/* －2 */
	CHECK(!r->isnull[p19(GD_P19_PROCUREMENT, GD_PROC19_PROJECTS)] &&
		  r->v[p19(GD_P19_PROCUREMENT, GD_PROC19_PROJECTS)] == 35);
	CHECK_STR(p.p19_amount_text, "1234.5");
	CHECK_STR(p.p19_unit_text, "万元");
	/* the same cells in the report */
	{
		const gd_section *s = &gd_sections[GD_SEC_PROACTIVE_2019];
		int			lic = s->items[GD_P19_LICENSING].first_cell;
		int			proc = s->items[GD_P19_PROCUREMENT].first_cell;

		CHECK(cell_is(r, lic + GD_SVC19_CHANGE, -4));
		CHECK(cell_is(r, proc + GD_PROC19_PROJECTS, 35));
		CHECK(cell_is(r, proc + GD_PROC19_AMOUNT, 1));
		CHECK_STR(r->text[proc + GD_PROC19_AMOUNT], "1234.5");
		CHECK(!r->isnull[proc + GD_PROC19_UNIT]);
		CHECK_STR(r->text[proc + GD_PROC19_UNIT], "万元");
	}
	CHECK(block_is(r, GD_BLOCK_REVIEW, 1, 0, 0, 0, 1));
	CHECK(count_errors(r) == 0);
	gd_parsed_free(&p);
}

static void
test_2019_blank_total(void)
{
	gd_parsed	p;
	const gd_report *r = &p.report;
	const gd_diag *d;

	if (!parse_data("t2019-blank-total.txt", &p))
		return;
	check_diags_well_formed(&p);
	CHECK(r->tmpl == GD_TMPL_2019);
	CHECK(p.year == 2020);		/* 二〇二〇年 */
	CHECK_STR(p.agency, "示例市交通运输局");
	CHECK(row_is(r, GD_ROW_NEW_RECEIVED, 50, 5, 0, 0, 1, 0, NUL));
	CHECK(row_is(r, GD_ROW_OTHER_OTHER, 7, 1, 0, 0, 0, 0, NUL));
	CHECK(row_is(r, GD_ROW_CARRIED_FORWARD, 5, 1, 0, 0, 0, 0, NUL));
	for (int row = 0; row < GD_NROWS; row++)
		CHECK(r->isnull[GD_REQ_CELL(row, GD_COL_TOTAL)]);
	CHECK(count_code(&p, "total_column_blank") == 1);
	CHECK(count_code(&p, "cell_count") == 0);
	CHECK(p.ndiags == 1);
	d = find_diag(&p, "total_column_blank", -1);
	if (d)
	{
		CHECK_STR(d->section, "requests");
		CHECK_HAS(d->message, "6 numbers for 7 cells");
		CHECK_HAS(d->message, "总计");
	}
	/* "减 4" with a space; the unit from the header 采购总金额（万元） */
	CHECK(r->v[p19(GD_P19_LICENSING, GD_SVC19_CHANGE)] == -4);
	CHECK_STR(p.p19_amount_text, "1234.5");
	CHECK_STR(p.p19_unit_text, "万元");
	/* NULL totals: no false row_total error */
	CHECK(count_errors(r) == 0);
	gd_parsed_free(&p);
}

/* ------------------------------------------------------------------ */
/* Robustness */

static void
test_odd_inputs(void)
{
	gd_parsed	p;
	const char	bad[] = "\xff\xfe\xc3(\xe4\xb8\n\xf0\x9f\x98\x80\x80\x80\r\n\r\x00zz\x1b[0m";
	char		big[8192];
	size_t		n = 0;

	gd_parse_report(NULL, 0, &p);
	CHECK(!p.found_tables && p.year == 0 && p.agency[0] == '\0');
	CHECK(count_code(&p, "section_not_found") == 3);
	CHECK(count_code(&p, "title_not_found") == 1);
	check_diags_well_formed(&p);
	gd_parsed_free(&p);

	gd_parse_report(bad, sizeof(bad) - 1, &p);
	CHECK(!p.found_tables);
	check_diags_well_formed(&p);
	gd_parsed_free(&p);

	/* a row whose label line is very long: the quote is cut at a character */
	n += (size_t) snprintf(big + n, sizeof(big) - n, "三、收到和处理政府信息公开申请情况\n申请人情况 总计\n");
	n += (size_t) snprintf(big + n, sizeof(big) - n, "一、本年新收政府信息公开申请数量 ");
	for (int i = 0; i < 300; i++)
		n += (size_t) snprintf(big + n, sizeof(big) - n, "很");
	n += (size_t) snprintf(big + n, sizeof(big) - n, " 1 2 3\n二、上年结转政府信息公开申请数量 1 0 0 0 0 0 1\n");
	gd_parse_report(big, n, &p);
	check_diags_well_formed(&p);
	{
		const gd_diag *d = find_diag(&p, "cell_count", 3);

		CHECK(d != NULL);
		if (d)
		{
			CHECK_HAS(d->message, "3 numbers for 7 cells");
			CHECK_HAS(d->message, "\xe2\x80\xa6");	/* … */
			CHECK(strlen(d->message) < sizeof(d->message));
		}
	}
	CHECK(row_is(&p.report, GD_ROW_CARRIED_OVER, 1, 0, 0, 0, 0, 0, 1));
	CHECK(count_code(&p, "row_not_found") == GD_NROWS - 2);
	gd_parsed_free(&p);

	/* the input is not NUL-terminated: nothing past len is read */
	{
		const char *t = "三、收到和处理政府信息公开申请情况\n二、上年结转政府信息公开申请数量 1 0 0 0 0 0 1";
		size_t		tl = strlen(t);
		char	   *copy = malloc(tl);

		memcpy(copy, t, tl);
		gd_parse_report(copy, tl, &p);
		CHECK(row_is(&p.report, GD_ROW_CARRIED_OVER, 1, 0, 0, 0, 0, 0, 1));
		gd_parsed_free(&p);
		free(copy);
	}
}

/* Number words: what is a cell, what is text, what is unreadable. */
/* A count beyond int4 is NULL with a diagnostic: never wrapped (4294967878 is 2^32 + 582). */
static void
test_beyond_int4(void)
{
	gd_parsed	p;
	const char *t =
		"二、主动公开政府信息情况\n"
		"第二十条第（五）项\n"
		"信息内容 本年处理决定数量\n"
		"行政许可 4,294,967,878\n"
		"第二十条第（六）项\n"
		"信息内容 本年处理决定数量\n"
		"行政处罚 2147483648\n"
		"行政强制 2147483647\n";
	const gd_diag *d;

	gd_parse_report(t, strlen(t), &p);
	check_diags_well_formed(&p);
	CHECK(p.report.isnull[GD_PRO_SINGLE(GD_PITEM_LICENSING)]);
	CHECK(p.report.isnull[GD_PRO_SINGLE(GD_PITEM_PUNISHMENT)]);
	CHECK(cell_is(&p.report, GD_PRO_SINGLE(GD_PITEM_COERCION), 2147483647));
	d = find_diag(&p, "number", 4);
	CHECK(d != NULL);
	if (d)
		CHECK_HAS(d->message, "\"4,294,967,878\" is too large for a count");
	CHECK(find_diag(&p, "number", 7) != NULL);
	gd_parsed_free(&p);
}

static void
test_number_words(void)
{
	gd_parsed	p;
	const char *t =
		"二、主动公开政府信息情况\n"
		"第二十条第（一）项\n"
		"信息内容 本年制发件数 本年废止件数 现行有效件数\n"
		"规章 0件 2. 1,2 3\n"		/* "0件" is 0; "2." numbering text; "1,2" unreadable */
		"行政规范性文件 1.5 0 ３\n"	/* a decimal where a count is expected */
		"第二十条第（五）项\n"
		"信息内容 本年处理决定数量\n"
		"行政许可 99999999999999999999\n"	/* too large */
		"第二十条第（六）项\n"
		"信息内容 本年处理决定数量\n"
		"行政处罚 无\n"
		"行政强制\n- 5 -\n"			/* a page number line is not its cell */
		"第二十条第（八）项\n"
		"信息内容 本年收费金额（单位：万元）\n"
		"行政事业性收费 35元\n";	/* not in 万元 */

	gd_parse_report(t, strlen(t), &p);
	check_diags_well_formed(&p);
	CHECK(cell_is(&p.report, GD_PRO_DOC(GD_PITEM_RULES, GD_DOC_ISSUED), 0));
	CHECK(p.report.isnull[GD_PRO_DOC(GD_PITEM_RULES, GD_DOC_REPEALED)]);
	CHECK(cell_is(&p.report, GD_PRO_DOC(GD_PITEM_RULES, GD_DOC_IN_FORCE), 3));
	CHECK(find_diag(&p, "number", 4) != NULL);
	if (find_diag(&p, "number", 4))
		CHECK_HAS(find_diag(&p, "number", 4)->message, "\"1,2\" is not a readable number");
	CHECK(p.report.isnull[GD_PRO_DOC(GD_PITEM_NORMATIVE_DOCUMENTS, GD_DOC_ISSUED)]);
	CHECK(cell_is(&p.report, GD_PRO_DOC(GD_PITEM_NORMATIVE_DOCUMENTS, GD_DOC_IN_FORCE), 3));
	if (find_diag(&p, "number", 5))
		CHECK_HAS(find_diag(&p, "number", 5)->message, "decimal");
	CHECK(find_diag(&p, "number", 5) != NULL);
	CHECK(p.report.isnull[GD_PRO_SINGLE(GD_PITEM_LICENSING)]);
	if (find_diag(&p, "number", 8))
		CHECK_HAS(find_diag(&p, "number", 8)->message, "too large");
	CHECK(find_diag(&p, "number", 8) != NULL);
	CHECK(p.report.isnull[GD_PRO_SINGLE(GD_PITEM_PUNISHMENT)]);
	CHECK(find_diag(&p, "number", 11) != NULL);
	CHECK(find_diag(&p, "blank", 12) != NULL);	/* 行政强制: the page number is not its cell */
	CHECK(p.report.isnull[GD_FEES_CELL]);
	if (find_diag(&p, "number", 16))
		CHECK_HAS(find_diag(&p, "number", 16)->message, "万元");
	CHECK(find_diag(&p, "number", 16) != NULL);
	CHECK(p.ndiags == 9);		/* and title_not_found, 2 × section_not_found */
	gd_parsed_free(&p);
}

int
main(int argc, char **argv)
{
	const char *fixture = argc > 1 ? argv[1] : "test/data/parse/jinshan-2024.txt";
	gd_parsed	base;

	test_fixture(fixture);
	memset(&base, 0, sizeof(base));
	test_base(&base);
	test_same_as_base("split-labels.txt", &base, "上海市示例区");
	test_same_as_base("no-numbering.txt", &base, "上海市示例区");
	test_same_as_base("fullwidth.txt", &base, "上海市示例区");
	test_same_as_base("page-breaks.txt", &base, "上海市示例区");
	test_same_as_base("traditional.txt", &base, "上海市示例區");
	test_damaged_label(&base);
	test_run_together(&base);
	test_title_period(&base);
	test_hongze_pdftotext();
	/* 行 人 as Kangxi radicals (⾏ ⼈), 不 as a compatibility ideograph */
	test_same_as_base("kangxi.txt", &base, "上海市示例区");
	gd_parsed_free(&base);
	test_thousands();
	test_blank_and_na();
	test_too_few();
	test_too_many();
	test_unreadable();
	test_missing_row();
	test_no_tables();
	test_2019();
	test_2019_blank_total();
	test_odd_inputs();
	test_number_words();
	test_beyond_int4();
	return test_summary();
}
