/*
 * gd_parse.h — read a report's statistical tables from its extracted text.
 *
 * Plain C99, no postgres.h: unit-tested (test/unit/test_parse.c) and fuzzed
 * (test/fuzz/fuzz_parse.c) on its own.
 *
 * Input is the text of a 政府信息公开工作年度报告 as extracted from its PDF or
 * HTML: any bytes.  The parser finds sections 二, 三 and 四 and reads their
 * numbers into a gd_report (docs/domain.md §2–§5), plus the agency and year from
 * the title.  It never guesses: a cell it cannot read with certainty stays
 * NULL and a diagnostic says why, with the input line and the text it saw.
 *
 * How it reads
 * ------------
 * 1. Normalisation, once: full-width ASCII (０-９，（），．…) → ASCII;
 *    NBSP, ideographic and other Unicode spaces → space; zero-width
 *    characters dropped; Unicode minus/hyphen/en dash → '-'; Kangxi
 *    radicals (⼀ ⼆ ⾏ …, common in PDF extraction) → the ideographs; the
 *    traditional forms of the label characters (開 處 請 數 總 計 …) →
 *    simplified.  Invalid UTF-8 bytes become '?'.  Line numbers are those
 *    of the input (a line ends at \n, \r\n or \r; \f does not end a line).
 * 2. Page furniture is skipped: lines such as "- 3 -", "—3—", "第 3 页",
 *    "第3页 共9页", "3/9", "Page 3", a bare number on a line next to a form
 *    feed, and repeats of the report's title.
 * 3. Labels are matched on a "key" view of the text without whitespace and
 *    punctuation, so a label split across lines ("无法提" … "供"), printed
 *    with or without numbering ("1.", "（一）", "一、") or with other quotes
 *    ("三安全一稳定") still matches.  Each row is found by a distinctive part
 *    of its label (予以公开, 国家秘密, 逾期不补正, …); the short labels 其他
 *    (三(六)3) and 总计 (三(七)) are only looked for after the rows that
 *    precede them.  A section starts at its heading (主动公开政府信息情况,
 *    收到和处理政府信息公开申请情况, 政府信息公开行政复议、行政诉讼情况) when
 *    only its numeral precedes it on its line and little prose follows,
 *    else at its table (第二十条第, 申请人情况, 未经复议直接起诉), and ends
 *    where the next section (or 五、存在的主要问题…) starts.
 *    Rows are looked for in template order, each after the row before it
 *    (a header repeated further down is not taken for a row).  A section 三
 *    row whose label is not found is looked for where it must stand,
 *    between the rows found before and after it: a run of text whose
 *    nearest template label is clearly this row's (at least 60% of the
 *    wording as a common subsequence, no other label within 0.15) is read
 *    as that row with a "label" diagnostic (「2.其他法律行政止公开」).
 * 4. A row's cells are the number tokens after its label up to where the
 *    next label begins — a row's, a group's (（三）不予公开, 三、本年度办理
 *    结果) or the next section's heading — which includes its numbering
 *    and the text glued before it: in 「00000002.其他法律…」 the 2. opens
 *    the next label (only the row's own number is taken so), and a unit
 *    right after a number stays with it (same line, or the next lines when
 *    the label wrapped):
 *    "60805", "60,805", "-417", "减4" (= -4), "增5", "18.8710", "12件".
 *    "/" and dashes ("-", "—") are printed "not applicable" cells: NULL.
 *    In tab-separated text an empty field between two cells of a line is a
 *    blank cell: NULL, never zero.  Words that are text ("数量", "2.", "(1)",
 *    "2024年") are skipped; a word with digits that is not a number ("1O2",
 *    "12a", "1,2,3") is an unreadable cell.
 * 5. A row with as many cells as the template has is read (an unreadable
 *    cell, or a decimal in a count, stays NULL with a "number" diagnostic);
 *    any other count leaves the whole row NULL with a "cell_count"
 *    diagnostic.  Section 四's data row is the numbers after its header;
 *    its 15 cells are read only when exactly 15 are printed.
 * 6. Cells printed run together (a crawler's text: 「…申请数量713000074」):
 *    when at least five section 三 rows are found and half of them print
 *    one or two runs of plain digits (no sign, unit, decimal, separator,
 *    and not tab-separated) for their seven cells, the table is read as
 *    run together, and so are its sections 二 and 四.  A run with as many
 *    digits as cells has one reading, as printed.  Others are cut only as
 *    the identities allow (gd_reassemble.h): the cuttings that keep the
 *    row total, then the one choice over the table that keeps 三(七) 总计
 *    and 一 + 二 = 三(七) + 四; section 四's run by its blocks' totals;
 *    section 二 has no identity, so a run with more digits than cells
 *    stays NULL.  Cells read so get an "inferred" diagnostic naming the
 *    identities; when no or several readings fit, the cells stay NULL with
 *    a "not_inferred" diagnostic saying how many there were.  When one
 *    row's run fits no cutting at all, the table breaks an identity and
 *    nothing in it is inferred (never repaired into consistency).
 * 7. Numbers apart from their labels (plain pdftotext: one number per line,
 *    the labels elsewhere): when most section 三 rows found have no cell
 *    after their label and at least 80% of the section's lines with numbers
 *    hold one, its numbers are read as the template's rows in their order
 *    (25, or 23 when 三(六) is one row), runs of rows printed row by row or
 *    column by column, and filled only when exactly one arrangement keeps
 *    every row total and the identities between rows (gd_reassemble.h:
 *    gd_stream_arrangements): one "inferred" diagnostic for the section, or
 *    "not_inferred" with the counts.  In section 二, an item alone in its
 *    sub-table (行政许可, 行政事业性收费) with no number after its label takes
 *    the sub-table's one number, wherever it stands ("inferred").
 *
 * Template (report.tmpl), decided from the tables, never from the year:
 * GD_TMPL_2019 when 三(六) 其他处理 is one row with numbers and no sub-row
 * (申请人无正当理由逾期不补正 / 逾期未按收费通知) is printed — it is stored in
 * other_other, other_no_correction and other_no_fee stay NULL — or when
 * section 二 has the 2019 layout (column headers 本年新制作数量, 上一年项目数量,
 * 本年增/减, items 其他对外管理服务事项, 政府集中采购; else the number of cells
 * of 行政许可/行政处罚/行政强制).  Otherwise GD_TMPL_2021.  A 2019 section 二
 * goes to the report's GD_SEC_PROACTIVE_2019 cells (the model's items and
 * cells: signed 本年增/减, "减4" and "-4" are -4, "增5" is 5); the report's 2021 section 二 cells stay NULL
 * with report.present[GD_SEC_PROACTIVE] = false.  With a 2021 section 二,
 * report.present[GD_SEC_PROACTIVE_2019] is false.  A section not found has
 * present false.
 *
 * The blank 总计 column (2019 reports): a section 三 row with 6 numbers for
 * 7 cells is a "cell_count" diagnostic like any other — from plain text one
 * cannot tell which cell is blank — unless every row of the table that has
 * numbers has exactly 6 (and there are at least two such rows): then the
 * six are read as the six applicant columns, 总计 is NULL in every row, and
 * ONE "total_column_blank" diagnostic says so.
 *
 * Agency and year come from the title line: the first line whose key text
 * contains 信息公开 (or 政务公开) and ends with 年度报告 (optionally followed
 * by the year).  The agency keeps the title's wording as printed (e.g.
 * "上海市金山区" from "上海市金山区 2024 年政府信息公开工作 年度报告"; we do
 * not substitute the issuing government named elsewhere, such as
 * 上海市金山区人民政府办公室): the text before the year, or, for "2024年XX局
 * 政府信息公开…", the text between the year and 政府信息公开; when that is
 * empty, a short previous line (a title printed on two lines).  Whitespace
 * next to CJK characters is removed, and a crawler's field name before the
 * title (「标题:」, 「题目:」) is not part of the agency.  When the title
 * names no year, the statistics period (「统计期限为2025年1月1日至12月31日」)
 * gives it, with a "year_from_period" diagnostic.
 *
 * Diagnostic codes (gd_diag.code), sorted by line (0, the whole text,
 * first), then by section (title, 二, 三, 四), then in the order found:
 *   title_not_found     no title line: agency "" and/or year 0 (section "title")
 *   year_from_period    the title has no year; it was read from the period
 *   section_not_found   a section's heading and table were not found, or its
 *                       heading was found but no row of its table; its cells
 *                       are NULL and report.present[s] is false
 *   row_not_found       a section 三 row's label is not in the table: its 7
 *                       cells are NULL (rows the template lacks are not
 *                       reported; 2019's 三(六) sub-rows)
 *   item_not_found      a section 二 item's label is not in the table (e.g.
 *                       行政事业性收费), or section 四's header is missing
 *   cell_count          a row has more or fewer cells than the template: it
 *                       is left NULL, not guessed; the message lists what it
 *                       read (e.g. section 四's shifted row: 10 numbers for 15
 *                       cells, after 5 blank cells)
 *   number              a cell that is not a readable number ("1O2", "12a",
 *                       a decimal where a count is expected, too large, "无",
 *                       a fee not in 万元); that cell is NULL, the others of
 *                       its row are read
 *   blank               a row is printed with no cell at all: its cells NULL
 *   total_column_blank  section 三 printed 6 numbers in every row: 总计 NULL
 *   template            the template evidence conflicts (section 二's layout
 *                       says one template, section 三's the other)
 *   label               a section 三 row read by its nearest label (step 3)
 *   inferred            cells printed run together, read because exactly one
 *                       cutting keeps the table's identities; names them
 *   not_inferred        cells printed run together left NULL: no cutting,
 *                       or several, keep the identities (says how many)
 *
 * Limits: input is expected in UTF-8 (gd_input.h converts other forms and
 * encodings); diagnostics are capped at GD_PARSE_MAX_DIAGS.  Time is
 * O(n · labels) plus the reassembly's bounded search (gd_reassemble.h),
 * memory O(n); no recursion.
 */
#ifndef GD_PARSE_H
#define GD_PARSE_H

#include "gd_rules.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define GD_PARSE_MAX_DIAGS 256

typedef struct gd_diag
{
	int			line;			/* 1-based input line it concerns; 0 for the
								 * whole text */
	char		section[16];	/* "title", "proactive", "requests", "appeals" */
	char		code[32];		/* one of the codes listed above */
	char		message[600];	/* English with the Chinese labels, quoting the
								 * text seen; NUL-terminated, cut at a UTF-8
								 * boundary */
} gd_diag;

typedef struct gd_parsed
{
	gd_report	report;			/* cells of 二 (2021 or 2019 layout, in the
								 * model's GD_SEC_PROACTIVE or
								 * GD_SEC_PROACTIVE_2019 cells), 三, 四; NULL
								 * where not printed or not readable */
	char		fees_text[64];	/* the printed 行政事业性收费 amount (2021),
								 * "18.8710"; report.text[GD_FEES_CELL] points
								 * here when it was read */
	char		p19_amount_text[64];	/* 2019 政府集中采购 采购总金额 as
										 * printed, separators dropped
										 * ("1234.5"), and */
	char		p19_unit_text[32];	/* its unit as printed ("万元", from the
									 * cell or the column header): the text
									 * of those two report cells points here
									 * (so a copy of a gd_parsed by value must
									 * not be used after the original is
									 * freed) */
	char		agency[256];	/* from the title; "" when not found */
	int			year;			/* from the title; 0 when not found */
	bool		found_tables;	/* false when no section 二/三/四 table was
								 * recognised at all */
	int			ndiags;
	gd_diag    *diags;			/* malloc'd, ndiags entries, input order */
} gd_parsed;

/*
 * Parse len bytes of text (need not be NUL-terminated; may be NULL when len
 * is 0) into *out, which is overwritten.  Never reads past len, accepts any
 * bytes.  Free with gd_parsed_free.  Should memory run out, *out is left
 * empty: found_tables false and no diagnostics.
 */
extern void gd_parse_report(const char *text, size_t len, gd_parsed *out);

/* Free what gd_parse_report allocated; *p is left empty and reusable. */
extern void gd_parsed_free(gd_parsed *p);

#endif							/* GD_PARSE_H */
