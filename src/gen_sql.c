/*
 * gen_sql — writes the parts of the extension script and of the docs that
 * follow from the domain model, so that they are never kept by hand.
 *
 *   gen_sql sql < sql/govdisclose.sql.in > sql/govdisclose--0.1.0.sql
 *       copies its input, replacing each line "--@gen NAME" by block NAME
 *       ("--@gen region_data FILE" by the divisions in FILE, a path from
 *       the current directory)
 *   gen_sql docs > docs/reference.md
 *   gen_sql domain < docs/domain.md > docs/domain.md.new
 *       copies its input, regenerating the tables between each line
 *       "<!-- @gen NAME -->" and the next "<!-- @end -->"
 *   gen_sql long_view SECTION RELATION VIEW > view.sql
 *       the long view of one section (request_cells and its kin) over
 *       another relation with govdisclose.report's columns (agency_id
 *       among them: the agency's name comes from govdisclose.agency)
 *
 * Built and run on the build machine only; not part of the module.
 */
#include "gd_model.h"
#include "gd_rules.h"
#include "gd_share.h"

#include <stdio.h>
#include <string.h>

static const char *
sql_kind_type(gd_cell_kind k)
{
	switch (k)
	{
		case GD_KIND_AMOUNT:
			return "numeric";
		case GD_KIND_TEXT:
			return "text";
		default:
			return "int4";
	}
}

static const char *
kind_name(gd_cell_kind k)
{
	static const char *const names[] = {"count", "signed", "amount", "text"};

	return names[k];
}

/* The SQL type of cell c of a cellset (c = 0 for a scalar item). */
static const char *
sql_cell_type(const gd_cellset *cs, int c)
{
	return sql_kind_type(cs->cells[c].kind);
}

/* 'text' as an SQL literal: the labels hold no quotes, but be safe */
static void
put_literal(FILE *out, const char *s)
{
	fputc('\'', out);
	for (; *s; s++)
	{
		if (*s == '\'')
			fputc('\'', out);
		fputc(*s, out);
	}
	fputc('\'', out);
}

/* The composite cell types, of one section (only >= 0) or of all. */
static const gd_cellset *
distinct_cellsets(int *n, int only)
{
	static const gd_cellset *sets[16];
	int			k = 0;

	for (int s = 0; s < GD_NSECTIONS; s++)
		for (int i = 0; i < gd_sections[s].nitems && (only < 0 || only == s); i++)
		{
			const gd_cellset *cs = gd_sections[s].items[i].cellset;
			bool		seen = false;

			if (!cs->type_name)
				continue;
			for (int j = 0; j < k; j++)
				seen = seen || sets[j] == cs;
			if (!seen)
				sets[k++] = cs;
		}
	*n = k;
	return (const gd_cellset *) sets;
}

static void
gen_types(FILE *out, int only)
{
	int			n;
	const gd_cellset **sets = (const gd_cellset **) distinct_cellsets(&n, only);

	for (int j = 0; j < n; j++)
	{
		const gd_cellset *cs = sets[j];

		fprintf(out, "CREATE TYPE %s AS (\n", cs->type_name);
		for (int c = 0; c < cs->ncells; c++)
			fprintf(out, "    %s %s%s\n", cs->cells[c].code, sql_cell_type(cs, c),
					c + 1 < cs->ncells ? "," : "");
		fprintf(out, ");\n");
		for (int c = 0; c < cs->ncells; c++)
		{
			fprintf(out, "COMMENT ON COLUMN %s.%s IS ", cs->type_name, cs->cells[c].code);
			put_literal(out, cs->cells[c].label_zh);
			fprintf(out, ";\n");
		}
		fprintf(out, "\n");
	}
	for (int s = 0; s < GD_NSECTIONS; s++)
	{
		const gd_section *sec = &gd_sections[s];

		if (only >= 0 && s != only)
			continue;
		fprintf(out, "CREATE TYPE %s AS (\n", sec->type_name);
		for (int i = 0; i < sec->nitems; i++)
		{
			const gd_cellset *cs = sec->items[i].cellset;

			fprintf(out, "    %s %s%s\n", sec->items[i].code,
					cs->type_name ? cs->type_name : sql_cell_type(cs, 0),
					i + 1 < sec->nitems ? "," : "");
		}
		fprintf(out, ");\n");
		fprintf(out, "COMMENT ON TYPE %s IS ", sec->type_name);
		{
			char		buf[256];

			snprintf(buf, sizeof(buf), "section %s %s (%s)", sec->numeral, sec->label_zh, sec->code);
			put_literal(out, buf);
		}
		fprintf(out, ";\n");
		for (int i = 0; i < sec->nitems; i++)
		{
			fprintf(out, "COMMENT ON COLUMN %s.%s IS ", sec->type_name, sec->items[i].code);
			put_literal(out, sec->items[i].label_zh);
			fprintf(out, ";\n");
		}
		fprintf(out, "\n");
	}
}

static void
gen_report_columns(FILE *out)
{
	const gd_cell *cells = gd_cells();

	for (int m = 0; m < GD_NMETA; m++)
		fprintf(out, "    %s %s,\n", gd_meta_columns[m].name, gd_meta_columns[m].sql_type);
	for (int i = 0; i < GD_NCELLS; i++)
	{
		const gd_cellset *cs = gd_sections[cells[i].section].items[cells[i].item].cellset;

		fprintf(out, "    %s %s,\n", cells[i].column_name, sql_cell_type(cs, cells[i].cell));
	}
	for (int t = 0; t < GD_NTAIL; t++)
		fprintf(out, "    %s %s,\n", gd_tail_columns[t].name, gd_tail_columns[t].sql_type);
}

/* An upgrade: the columns after the cells, appended, with their comments. */
static void
gen_report_columns_tail(FILE *out)
{
	for (int t = 0; t < GD_NTAIL; t++)
	{
		fprintf(out, "ALTER TABLE report ADD COLUMN %s %s;\n", gd_tail_columns[t].name, gd_tail_columns[t].sql_type);
		fprintf(out, "COMMENT ON COLUMN report.%s IS ", gd_tail_columns[t].name);
		put_literal(out, gd_tail_columns[t].description);
		fprintf(out, ";\n");
	}
}

/* An upgrade: the columns of one section, appended to the table. */
static void
gen_report_columns_add(FILE *out, int only)
{
	const gd_cell *cells = gd_cells();
	bool		first = true;

	fprintf(out, "ALTER TABLE report\n");
	for (int i = 0; i < GD_NCELLS; i++)
	{
		const gd_cellset *cs = gd_sections[cells[i].section].items[cells[i].item].cellset;

		if ((int) cells[i].section != only)
			continue;
		fprintf(out, "%s    ADD COLUMN %s %s", first ? "" : ",\n", cells[i].column_name,
				sql_cell_type(cs, cells[i].cell));
		first = false;
	}
	fprintf(out, ";\n");
}

/* "三 requests / 三(一) 予以公开 / 总计" */
static void
cell_title(char *buf, size_t len, int i)
{
	const gd_cell *c = &gd_cells()[i];
	const gd_section *sec = &gd_sections[c->section];
	const gd_item *it = &sec->items[c->item];
	const gd_label *l = &it->cellset->cells[c->cell];

	if (l->code)
		snprintf(buf, len, "%s / %s / %s", sec->numeral, it->label_zh, l->label_zh);
	else
		snprintf(buf, len, "%s / %s", sec->numeral, it->label_zh);
}

/* "III(1) disclosed / total", the English of cell_title without the numeral */
static void
cell_title_en(char *buf, size_t len, int i)
{
	const gd_cell *c = &gd_cells()[i];
	const gd_item *it = &gd_sections[c->section].items[c->item];
	const gd_label *l = &it->cellset->cells[c->cell];

	if (l->code)
		snprintf(buf, len, "%s / %s", it->label_en, l->label_en);
	else
		snprintf(buf, len, "%s", it->label_en);
}

static void
gen_report_comments(FILE *out, int only)
{
	char		buf[512];

	for (int m = 0; m < GD_NMETA && only < 0; m++)
	{
		fprintf(out, "COMMENT ON COLUMN report.%s IS ", gd_meta_columns[m].name);
		put_literal(out, gd_meta_columns[m].description);
		fprintf(out, ";\n");
	}
	for (int i = 0; i < GD_NCELLS; i++)
	{
		if (only >= 0 && (int) gd_cells()[i].section != only)
			continue;
		cell_title(buf, sizeof(buf), i);
		fprintf(out, "COMMENT ON COLUMN report.%s IS ", gd_cells()[i].column_name);
		put_literal(out, buf);
		fprintf(out, ";\n");
	}
	for (int t = 0; t < GD_NTAIL && only < 0; t++)
	{
		fprintf(out, "COMMENT ON COLUMN report.%s IS ", gd_tail_columns[t].name);
		put_literal(out, gd_tail_columns[t].description);
		fprintf(out, ";\n");
	}
}

/* The cells of insert_report's composite arguments, in report column order. */
static void
gen_insert_values(FILE *out)
{
	const gd_cell *cells = gd_cells();
	/* argument numbers of insert_report(agency, year, requests, proactive, appeals, ...) */
	static const int argno[GD_NSECTIONS] = {3, 4, 5, 9};

	for (int i = 0; i < GD_NCELLS; i++)
	{
		const gd_section *sec = &gd_sections[cells[i].section];
		const gd_item *it = &sec->items[cells[i].item];
		const char *cc = it->cellset->cells[cells[i].cell].code;

		if (cc)
			fprintf(out, "    (($%d).%s).%s%s\n", argno[cells[i].section], it->code, cc,
					i + 1 < GD_NCELLS ? "," : "");
		else
			fprintf(out, "    ($%d).%s%s\n", argno[cells[i].section], it->code,
					i + 1 < GD_NCELLS ? "," : "");
	}
}

/* ", 'label'" or ", NULL" */
static void
put_label(FILE *out, const char *label)
{
	fputs(", ", out);
	if (label)
		put_literal(out, label);
	else
		fputs("NULL", out);
}

/*
 * The reference views.  Columns added in a later release come at the end
 * (CREATE OR REPLACE VIEW can only append): the English labels of 0.3.0.
 */
static void
gen_catalog(FILE *out)
{
	const gd_cell *cells = gd_cells();

	fprintf(out, "CREATE OR REPLACE VIEW cells (position, column_name, section, section_numeral, row_code, row_label_zh, column_code, column_label_zh, outcome_group, sql_type, kind,\n"
			"    row_label_en, column_label_en) AS\nVALUES\n");
	for (int i = 0; i < GD_NCELLS; i++)
	{
		const gd_section *sec = &gd_sections[cells[i].section];
		const gd_item *it = &sec->items[cells[i].item];
		const gd_label *l = &it->cellset->cells[cells[i].cell];

		fprintf(out, "    (%d, '%s', '%s', '%s', '%s'", i + 1, cells[i].column_name, sec->code, sec->numeral, it->code);
		put_label(out, it->label_zh);
		put_label(out, l->code);
		put_label(out, l->label_zh);
		put_label(out, it->group != GD_GROUP_NONE ? gd_groups[it->group].code : NULL);
		fprintf(out, ", '%s', '%s'", sql_cell_type(it->cellset, cells[i].cell), kind_name(l->kind));
		put_label(out, it->label_en);
		put_label(out, l->label_en);
		fprintf(out, ")%s\n", i + 1 < GD_NCELLS ? "," : ";");
	}
	fprintf(out, "\nCREATE OR REPLACE VIEW rules (code, severity, description, label_zh, label_en) AS\nVALUES\n");
	for (int r = 0; r < GD_NRULES; r++)
	{
		fprintf(out, "    ('%s', '%s'", gd_rules[r].code,
				gd_rules[r].severity == GD_SEV_ERROR ? "error" : "warning");
		put_label(out, gd_rules[r].description);
		put_label(out, gd_rules[r].label_zh);
		put_label(out, gd_rules[r].label_en);
		fprintf(out, ")%s\n", r + 1 < GD_NRULES ? "," : ";");
	}
	fprintf(out, "\nCREATE OR REPLACE VIEW outcome_groups (position, code, label_zh, label_en) AS\nVALUES\n");
	for (int g = 0; g < GD_NGROUPS; g++)
	{
		fprintf(out, "    (%d, '%s'", g + 1, gd_groups[g].code);
		put_label(out, gd_groups[g].label_zh);
		put_label(out, gd_groups[g].label_en);
		fprintf(out, ")%s\n", g + 1 < GD_NGROUPS ? "," : ";");
	}
}

/* The report column of a flat cell. */
static const char *
col(int cell)
{
	return gd_cells()[cell].column_name;
}

/*
 * A request row's total as gd_row_total reads it: the printed 总计, else
 * the sum of the six applicant cells when all are printed.  Sums are
 * bigint (the first term cast), as the core's: int4 cells never overflow.
 */
static void
put_row_total(FILE *out, int row)
{
	fprintf(out, "coalesce(r.%s::int8, ", col(GD_REQ_CELL(row, GD_COL_TOTAL)));
	for (int c = 0; c < GD_COL_TOTAL; c++)
		fprintf(out, "%sr.%s%s", c ? " + " : "", col(GD_REQ_CELL(row, c)), c ? "" : "::int8");
	fprintf(out, ")");
}

/*
 * An outcome group's count as gd_outcome_counts makes it: the sum of its
 * rows' totals; rows 三(六)1 and 三(六)2, not in the 2019 template, count
 * as 0 there when not printed.
 */
static void
put_group_count(FILE *out, int g)
{
	bool		first = true;

	/*
	 * The usual case first: every row's 总计 printed, summed as bigint
	 * (0::int8 + int4 ... : no cast a row), which is NULL when one is not
	 * (+ is strict); then the rows one by one.
	 */
	fprintf(out, "coalesce(0::int8");
	for (int row = 0; row < GD_NROWS; row++)
		if (gd_sections[GD_SEC_REQUESTS].items[row].group == g)
			fprintf(out, " + r.%s", col(GD_REQ_CELL(row, GD_COL_TOTAL)));
	fprintf(out, ", (");
	for (int row = 0; row < GD_NROWS; row++)
	{
		if (gd_sections[GD_SEC_REQUESTS].items[row].group != g)
			continue;
		fprintf(out, "%s", first ? "" : " + ");
		first = false;
		if (row == GD_ROW_OTHER_NO_CORRECTION || row == GD_ROW_OTHER_NO_FEE)
		{
			/* the template is compared only when the row is not printed */
			fprintf(out, "coalesce(");
			put_row_total(out, row);
			fprintf(out, ", CASE WHEN r.template = '2019' THEN 0 END)");
		}
		else
			put_row_total(out, row);
	}
	fprintf(out, "))");
}

/* The whole of the shares: 三(七) 总计 as printed, else the five groups' sum. */
static void
put_whole(FILE *out)
{
	fprintf(out, "coalesce(r.%s::int8, ", col(GD_REQ_CELL(GD_ROW_HANDLED_TOTAL, GD_COL_TOTAL)));
	for (int g = 0; g < GD_NGROUPS; g++)
	{
		fprintf(out, "%s", g ? " + " : "");
		put_group_count(out, g);
	}
	fprintf(out, ")");
}

/*
 * A share as numeric(5,2) (share_5_2: NULL when beyond 999.99, which only a
 * report breaking handled_total or nonnegative can cause).
 */
static void
put_share(FILE *out, void (*part) (FILE *, int), int arg, void (*whole) (FILE *))
{
	fprintf(out, "@extschema@.share_5_2(");
	part(out, arg);
	fprintf(out, ", ");
	whole(out);
	fprintf(out, ")");
}

static void
put_appeal(FILE *out, int cell)
{
	fprintf(out, "(r.%s::int8 + r.%s)", col(GD_APP_CELL(GD_BLOCK_SUIT_DIRECT, cell)),
			col(GD_APP_CELL(GD_BLOCK_SUIT_AFTER_REVIEW, cell)));
}

static void
put_litigation_total(FILE *out)
{
	put_appeal(out, GD_ACELL_TOTAL);
}

static void
put_review_total(FILE *out)
{
	fprintf(out, "r.%s", col(GD_APP_CELL(GD_BLOCK_REVIEW, GD_ACELL_TOTAL)));
}

static void
put_review_corrected(FILE *out, int unused)
{
	(void) unused;
	fprintf(out, "r.%s", col(GD_APP_CELL(GD_BLOCK_REVIEW, GD_ACELL_CORRECTED)));
}

/*
 * govdisclose.report_summary: one row per report, every column a plain SQL
 * expression over the report's columns (no whole-row call but errors and
 * warnings), so a query pays only for the columns it reads.
 */
static void
gen_summary(FILE *out)
{
	fprintf(out, "CREATE OR REPLACE VIEW report_summary AS\nSELECT r.agency, r.agency_id, a.name AS agency_name, r.year, r.region_code, r.template,\n");
	fprintf(out, "    ");
	put_row_total(out, GD_ROW_NEW_RECEIVED);
	fprintf(out, "\n      + ");
	put_row_total(out, GD_ROW_CARRIED_OVER);
	fprintf(out, " AS received,\n    ");
	put_whole(out);
	fprintf(out, " AS handled,\n    ");
	put_row_total(out, GD_ROW_CARRIED_FORWARD);
	fprintf(out, " AS carried_forward,\n");
	for (int g = 0; g < GD_NGROUPS; g++)
	{
		fprintf(out, "    ");
		put_group_count(out, g);
		fprintf(out, "::bigint AS %s,\n", gd_groups[g].code);
	}
	for (int g = 0; g < GD_NGROUPS; g++)
	{
		fprintf(out, "    ");
		put_share(out, put_group_count, g, put_whole);
		fprintf(out, "::numeric(5,2) AS %s_share,\n", gd_groups[g].code);
	}
	fprintf(out, "    ");
	put_share(out, put_group_count, GD_GROUP_DISCLOSED, put_whole);
	fprintf(out, "::numeric(5,2) AS disclosure_rate,\n");
	fprintf(out, "    r.%s AS review_total,\n", col(GD_APP_CELL(GD_BLOCK_REVIEW, GD_ACELL_TOTAL)));
	fprintf(out, "    r.%s AS review_corrected,\n", col(GD_APP_CELL(GD_BLOCK_REVIEW, GD_ACELL_CORRECTED)));
	fprintf(out, "    ");
	put_share(out, put_review_corrected, 0, put_review_total);
	fprintf(out, "::numeric(5,2) AS review_correction_rate,\n    ");
	put_appeal(out, GD_ACELL_TOTAL);
	fprintf(out, " AS litigation_total,\n    ");
	put_appeal(out, GD_ACELL_CORRECTED);
	fprintf(out, " AS litigation_corrected,\n    ");
	put_share(out, put_appeal, GD_ACELL_CORRECTED, put_litigation_total);
	fprintf(out, "::numeric(5,2) AS litigation_correction_rate,\n");
	/* section 二: the 2021 template's cells; an item the 2019 template also
	 * has (same code) with a count of decisions (处理决定数量: 行政许可, 处罚,
	 * 强制) is read from a 2019 report's cell, which counts the same thing */
	for (int i = 0; i < gd_sections[GD_SEC_PROACTIVE].nitems; i++)
	{
		const gd_item *it = &gd_sections[GD_SEC_PROACTIVE].items[i];
		const gd_section *s19 = &gd_sections[GD_SEC_PROACTIVE_2019];
		const char *p19 = NULL;

		for (int j = 0; j < s19->nitems && it->cellset->ncells == 1; j++)
		{
			const gd_cellset *cs = s19->items[j].cellset;

			if (strcmp(s19->items[j].code, it->code) != 0)
				continue;
			for (int c = 0; c < cs->ncells; c++)
				if (cs->cells[c].code && strcmp(cs->cells[c].code, "decisions") == 0)
					p19 = col(s19->items[j].first_cell + c);
		}
		for (int c = 0; c < it->cellset->ncells; c++)
		{
			const char *name = col(it->first_cell + c);

			if (p19)
				fprintf(out, "    CASE r.template WHEN '2019' THEN r.%s ELSE r.%s END AS %s,\n", p19, name, name);
			else
				fprintf(out, "    r.%s,\n", name);
		}
	}
	fprintf(out, "    (SELECT pg_catalog.count(*)::int4 FROM @extschema@.validate(r) v WHERE v.severity = 'error') AS errors,\n");
	fprintf(out, "    (SELECT pg_catalog.count(*)::int4 FROM @extschema@.validate(r) v WHERE v.severity = 'warning') AS warnings\n");
	fprintf(out, "FROM @extschema@.report r LEFT JOIN @extschema@.agency a ON a.id = r.agency_id;\n");
}

/*
 * govdisclose.continuity_breaks: the continuity rule (gd_check_continuity)
 * as a view, one row per agency, year and column where carried_over differs
 * from the year before's carried_forward (both printed).  An agency is its
 * agency_id (docs/domain.md §12): the two years may print different names.
 */
static void
gen_continuity_breaks(FILE *out)
{
	fprintf(out, "CREATE OR REPLACE VIEW continuity_breaks AS\n"
			"SELECT cur.agency, cur.agency_id, a.name AS agency_name, cur.year, b.column_code, b.column_label_zh, b.column_label_en,\n"
			"       b.carried_over, b.previous_carried_forward,\n"
			"       b.carried_over - b.previous_carried_forward AS difference,\n"
			"       prev.agency AS previous_agency\n"
			"FROM @extschema@.report cur\n"
			"JOIN @extschema@.report prev ON prev.agency_id = cur.agency_id AND prev.year = cur.year - 1\n"
			"LEFT JOIN @extschema@.agency a ON a.id = cur.agency_id\n"
			"CROSS JOIN LATERAL (VALUES\n");
	for (int c = 0; c < GD_NCOLS; c++)
	{
		fprintf(out, "    (%d, '%s', ", c + 1, gd_request_columns[c].code);
		put_literal(out, gd_request_columns[c].label_zh);
		fprintf(out, ", ");
		put_literal(out, gd_request_columns[c].label_en);
		fprintf(out, ", cur.%s, prev.%s)%s\n", col(GD_REQ_CELL(GD_ROW_CARRIED_OVER, c)),
				col(GD_REQ_CELL(GD_ROW_CARRIED_FORWARD, c)), c + 1 < GD_NCOLS ? "," : "");
	}
	fprintf(out, ") b(position, column_code, column_label_zh, column_label_en, carried_over, previous_carried_forward)\n"
			"WHERE b.carried_over <> b.previous_carried_forward;\n");
}

/*
 * ---- Long views: one row per report and cell (issue 8) ----
 *
 * A section's cells are unpivoted by unnest() in the SELECT list: constant
 * arrays for the position, codes and labels, one ARRAY[...] of the row's
 * columns for the values, all unnested in step (ProjectSet).  No whole-row
 * value is built, and a qual on the report's columns (agency, year) still
 * reaches the scan.  gen_unpivot_list() and gen_listed_condition() write
 * that fragment for any relation with the report's columns.
 *
 * A view lists the cells of the report's template, printed or NULL, and any
 * other cell the report prints, as the rules count them (docs/domain.md
 * §6.4): a section of the other template when some cell of it is printed,
 * a row 三(六)1 or 三(六)2 of a 2019 report when some cell of that row is.
 */

static const char *const long_view_name[GD_NSECTIONS] = {
	"request_cells", "proactive_cells", "appeal_cells", "proactive_2019_cells"
};
static const gd_template concrete_templates[] = {GD_TMPL_2021, GD_TMPL_2019};
#define N_TEMPLATES ((int) (sizeof(concrete_templates) / sizeof(concrete_templates[0])))

static const char *
template_name(gd_template t)
{
	return t == GD_TMPL_2019 ? "2019" : "2021";
}

/* A text element of an array literal: "…" with " and \ escaped (and ' doubled,
 * as the literal is in single quotes), or NULL. */
static void
put_array_text(FILE *out, const char *s)
{
	if (!s)
	{
		fputs("NULL", out);
		return;
	}
	fputc('"', out);
	for (; *s; s++)
	{
		if (*s == '"' || *s == '\\')
			fputc('\\', out);
		if (*s == '\'')
			fputc('\'', out);
		fputc(*s, out);
	}
	fputc('"', out);
}

/* The cells of section s, as (item, cell) pairs in position order. */
typedef struct long_cell
{
	const gd_item *it;
	int			item;
	const gd_label *l;
	int			index;			/* in gd_cells(): position - 1 */
} long_cell;

static int
section_cells(int s, long_cell *out)
{
	const gd_section *sec = &gd_sections[s];
	int			n = 0;

	for (int i = 0; i < sec->nitems; i++)
		for (int c = 0; c < sec->items[i].cellset->ncells; c++)
		{
			out[n].it = &sec->items[i];
			out[n].item = i;
			out[n].l = &sec->items[i].cellset->cells[c];
			out[n].index = sec->items[i].first_cell + c;
			n++;
		}
	return n;
}

/* "num_nonnulls(r.a, r.b) > 0": some cell of [first, first + n) is printed */
static void
put_printed(FILE *out, const char *alias, int first, int n)
{
	fputs("num_nonnulls(", out);
	for (int i = 0; i < n; i++)
		fprintf(out, "%s%s.%s", i ? ", " : "", alias, gd_cells()[first + i].column_name);
	fputs(") > 0", out);
}

/* The one template an item belongs to, or NULL when it belongs to all. */
static const char *
only_template(int s, int item)
{
	int			in = 0;
	gd_template last = GD_TMPL_2021;

	for (int t = 0; t < N_TEMPLATES; t++)
		if (item < 0 ? gd_section_in_template((gd_section_id) s, concrete_templates[t])
			: gd_item_in_template((gd_section_id) s, item, concrete_templates[t]))
			in++, last = concrete_templates[t];
	return in == N_TEMPLATES ? NULL : template_name(last);
}

/*
 * The report-level condition of section s (a section of one template):
 * "(r.template = '2021' OR num_nonnulls(…) > 0)"; nothing for the others.
 * Returns whether it wrote one.
 */
static bool
gen_listed_condition(FILE *out, int s, const char *alias)
{
	const gd_section *sec = &gd_sections[s];
	const char *t = only_template(s, -1);

	if (!t)
		return false;
	fprintf(out, "(%s.%s = '%s' OR ", alias, gd_meta_columns[GD_META_TEMPLATE].name, t);
	put_printed(out, alias, sec->first_cell, sec->ncells);
	fputc(')', out);
	return true;
}

/* Does a cell of section s belong to one template only, within a section of all? */
static bool
section_needs_mask(int s)
{
	if (only_template(s, -1))
		return false;
	for (int i = 0; i < gd_sections[s].nitems; i++)
		if (only_template(s, i))
			return true;
	return false;
}

static bool
section_has_kind(int s, gd_cell_kind k)
{
	long_cell	cells[GD_NCELLS];
	int			n = section_cells(s, cells);

	for (int i = 0; i < n; i++)
		if (cells[i].l->kind == k)
			return true;
	return false;
}

static bool
section_is_numeric(int s)
{
	return section_has_kind(s, GD_KIND_AMOUNT);
}

static bool
section_has_kinds(int s)
{
	long_cell	cells[GD_NCELLS];
	int			n = section_cells(s, cells);

	for (int i = 1; i < n; i++)
		if (cells[i].l->kind != cells[0].l->kind)
			return true;
	return false;
}

/* One constant column: unnest('{…}'::type[]) AS name */
typedef enum long_field
{
	LF_POSITION, LF_ITEM_CODE, LF_ITEM_ZH, LF_ITEM_EN, LF_CELL_CODE, LF_CELL_ZH, LF_CELL_EN,
	LF_GROUP, LF_KIND
} long_field;

/* The text of field f of a cell (LF_POSITION aside). */
static const char *
field_text(const long_cell *c, long_field f)
{
	switch (f)
	{
		case LF_ITEM_CODE:
			return c->it->code;
		case LF_ITEM_ZH:
			return c->it->label_zh;
		case LF_ITEM_EN:
			return c->it->label_en;
		case LF_CELL_CODE:
			return c->l->code;
		case LF_CELL_ZH:
			return c->l->label_zh;
		case LF_CELL_EN:
			return c->l->label_en;
		case LF_GROUP:
			return c->it->group == GD_GROUP_NONE ? NULL : gd_groups[c->it->group].code;
		case LF_KIND:
			return kind_name(c->l->kind);
		default:
			return NULL;
	}
}

static void
put_constant_column(FILE *out, int s, long_field f, const char *name)
{
	long_cell	cells[GD_NCELLS];
	int			n = section_cells(s, cells);

	fputs(",\n           unnest('{", out);
	for (int i = 0; i < n; i++)
	{
		if (i)
			fputc(',', out);
		if (f == LF_POSITION)
			fprintf(out, "%d", cells[i].index + 1);
		else
			put_array_text(out, field_text(&cells[i], f));
	}
	fprintf(out, "}'::%s[]) AS %s", f == LF_POSITION ? "int4" : "text", name);
}

/*
 * The unpivot of section s for a row of the relation aliased alias: the
 * SELECT list items after the report's own columns, from ",\n position" to
 * the value (and "listed", when the section has cells of one template only).
 */
static void
gen_unpivot_list(FILE *out, int s, const char *alias)
{
	long_cell	cells[GD_NCELLS];
	int			n = section_cells(s, cells);
	const char *item = gd_item_noun[s];
	const char *cell = gd_cell_noun[s];
	bool		numeric = section_is_numeric(s);
	char		name[64];

	put_constant_column(out, s, LF_POSITION, "position");
	snprintf(name, sizeof(name), "%s_code", item);
	put_constant_column(out, s, LF_ITEM_CODE, name);
	snprintf(name, sizeof(name), "%s_label_zh", item);
	put_constant_column(out, s, LF_ITEM_ZH, name);
	snprintf(name, sizeof(name), "%s_label_en", item);
	put_constant_column(out, s, LF_ITEM_EN, name);
	snprintf(name, sizeof(name), "%s_code", cell);
	put_constant_column(out, s, LF_CELL_CODE, name);
	snprintf(name, sizeof(name), "%s_label_zh", cell);
	put_constant_column(out, s, LF_CELL_ZH, name);
	snprintf(name, sizeof(name), "%s_label_en", cell);
	put_constant_column(out, s, LF_CELL_EN, name);
	if (s == GD_SEC_REQUESTS)
		put_constant_column(out, s, LF_GROUP, "outcome_group");
	if (section_has_kinds(s))
		put_constant_column(out, s, LF_KIND, "kind");
	/* the values: counts and amounts as one type (numeric when the section
	 * has an amount: int4 to numeric is exact), a text cell in value_text */
	fputs(",\n           unnest(ARRAY[", out);
	for (int i = 0; i < n; i++)
	{
		const char *col = gd_cells()[cells[i].index].column_name;

		fputs(i ? ", " : "", out);
		if (cells[i].l->kind == GD_KIND_TEXT)
			fputs("NULL", out);
		else
			fprintf(out, "%s.%s%s", alias, col,
					numeric && cells[i].l->kind != GD_KIND_AMOUNT ? "::numeric" : "");
	}
	fprintf(out, "]::%s[]) AS value", numeric ? "numeric" : "int4");
	if (section_has_kind(s, GD_KIND_TEXT))
	{
		fputs(",\n           unnest(ARRAY[", out);
		for (int i = 0; i < n; i++)
		{
			fputs(i ? ", " : "", out);
			if (cells[i].l->kind == GD_KIND_TEXT)
				fprintf(out, "%s.%s", alias, gd_cells()[cells[i].index].column_name);
			else
				fputs("NULL", out);
		}
		fputs("]::text[]) AS value_text", out);
	}
	if (section_needs_mask(s))
	{
		fputs(",\n           unnest(ARRAY[", out);
		for (int i = 0; i < n; i++)
		{
			const char *t = only_template(s, cells[i].item);

			fputs(i ? (t ? ",\n               " : ", ") : "", out);
			if (!t)
				fputs("true", out);
			else
			{
				fprintf(out, "(%s.%s = '%s' OR ", alias, gd_meta_columns[GD_META_TEMPLATE].name, t);
				put_printed(out, alias, cells[i].it->first_cell, cells[i].it->cellset->ncells);
				fputc(')', out);
			}
		}
		fputs("]) AS listed", out);
	}
}

/*
 * The report columns each long view begins with; after agency, the agency's
 * identity (docs/domain.md §12): agency_id and the canonical name, from the
 * registry agencies (a LEFT JOIN, which the planner drops when a query does
 * not read the name).
 */
static const int long_meta[] = {GD_META_AGENCY, GD_META_YEAR, GD_META_TEMPLATE, GD_META_REGION_CODE};

static void
put_long_meta(FILE *out, const char *alias)
{
	for (size_t m = 0; m < sizeof(long_meta) / sizeof(long_meta[0]); m++)
	{
		if (alias)
			fprintf(out, "%s%s.%s", m ? ", " : "", alias, gd_meta_columns[long_meta[m]].name);
		else
			fprintf(out, "%s%s", m ? ", " : "", gd_meta_columns[long_meta[m]].name);
		if (long_meta[m] == GD_META_AGENCY && alias)
			fprintf(out, ", %s.agency_id, a.name AS agency_name", alias);
		else if (long_meta[m] == GD_META_AGENCY)
			fprintf(out, ", agency_id, agency_name");
	}
}

static void
gen_long_view(FILE *out, int s, const char *relation, const char *agencies, const char *view)
{
	const char *item = gd_item_noun[s];
	const char *cell = gd_cell_noun[s];
	bool		mask = section_needs_mask(s);
	const char *alias = "r";

	fprintf(out, "CREATE VIEW %s AS\n", view);
	if (mask)
	{
		fputs("SELECT ", out);
		put_long_meta(out, NULL);
		fprintf(out, ", position, %s_code, %s_label_zh, %s_label_en, %s_code, %s_label_zh, %s_label_en,%s%s value%s\n",
				item, item, item, cell, cell, cell,
				s == GD_SEC_REQUESTS ? " outcome_group," : "", section_has_kinds(s) ? " kind," : "",
				section_has_kind(s, GD_KIND_TEXT) ? ", value_text" : "");
		fputs("FROM (", out);
	}
	fputs("SELECT ", out);
	put_long_meta(out, alias);
	gen_unpivot_list(out, s, alias);
	fprintf(out, "\n    FROM %s %s LEFT JOIN %s a ON a.id = %s.agency_id", relation, alias, agencies, alias);
	if (only_template(s, -1))
	{
		fputs("\n    WHERE ", out);
		gen_listed_condition(out, s, alias);
	}
	if (mask)
		fputs(") c\nWHERE listed", out);
	fputs(";\n", out);
}

static void
gen_long_views(FILE *out)
{
	for (int s = 0; s < GD_NSECTIONS; s++)
	{
		gen_long_view(out, s, "report", "agency", long_view_name[s]);
		fputc('\n', out);
	}
}

/*
 * The administrative divisions of govdisclose.region, from path (a CSV file
 * "code,name" ordered by code, data/gb2260.csv, written by tools/region-gen),
 * as one INSERT of the rows of source 'gb2260'.  The file is checked: six
 * digits, a name without quotes or commas, codes ascending and distinct.
 */
static int
gen_region_data(FILE *out, const char *path)
{
	FILE	   *in = fopen(path, "r");
	char		line[1024];
	char		prev[7] = "";
	int			lineno = 0,
				n = 0;

	if (!in)
	{
		fprintf(stderr, "gen_sql: cannot read %s\n", path);
		return 1;
	}
	while (fgets(line, sizeof(line), in))
	{
		char	   *name = line + 7;

		lineno++;
		line[strcspn(line, "\r\n")] = '\0';
		if (lineno == 1)
		{
			if (strcmp(line, "code,name") != 0)
				goto bad;
			continue;
		}
		for (int i = 0; i < 6; i++)
			if (line[i] < '0' || line[i] > '9')
				goto bad;
		if (line[6] != ',' || name[0] == '\0' || strpbrk(name, "',\"") != NULL)
			goto bad;
		line[6] = '\0';
		if (strcmp(prev, line) >= 0)
			goto bad;
		memcpy(prev, line, sizeof(prev));
		fprintf(out, "%s    ('%s', '%s', 'gb2260')", n == 0 ? "INSERT INTO region (code, name, source) VALUES\n" : ",\n",
				line, name);
		n++;
	}
	fclose(in);
	if (n == 0)
	{
		fprintf(stderr, "gen_sql: %s holds no division\n", path);
		return 1;
	}
	fprintf(out, ";\n");
	return 0;
bad:
	fprintf(stderr, "gen_sql: %s:%d: not \"code,name\" in ascending order of code: %s\n", path, lineno, line);
	fclose(in);
	return 1;
}

static int
gen_sql(FILE *in, FILE *out)
{
	char		line[4096];

	fprintf(out, "-- Generated by src/gen_sql from a sql/*.sql.in template and src/gd_model.h: do not edit.\n");
	while (fgets(line, sizeof(line), in))
	{
		if (strncmp(line, "--@gen ", 7) == 0)
		{
			char	   *name = line + 7;
			char	   *arg;
			int			only = -1;

			name[strcspn(name, "\r\n")] = '\0';
			/* "--@gen region_data FILE": the divisions in FILE */
			if (strncmp(name, "region_data ", 12) == 0)
			{
				if (gen_region_data(out, name + 12) != 0)
					return 1;
				continue;
			}
			/* "--@gen BLOCK SECTION" limits a block to one section */
			if ((arg = strchr(name, ' ')) != NULL)
			{
				*arg++ = '\0';
				for (int s = 0; s < GD_NSECTIONS; s++)
					if (strcmp(arg, gd_sections[s].code) == 0)
						only = s;
				if (only < 0)
				{
					fprintf(stderr, "gen_sql: unknown section \"%s\"\n", arg);
					return 1;
				}
			}
			if (strcmp(name, "types") == 0)
				gen_types(out, only);
			else if (strcmp(name, "report_columns") == 0)
				gen_report_columns(out);
			else if (strcmp(name, "report_columns_add") == 0 && only >= 0)
				gen_report_columns_add(out, only);
			else if (strcmp(name, "report_columns_tail") == 0)
				gen_report_columns_tail(out);
			else if (strcmp(name, "report_comments") == 0)
				gen_report_comments(out, only);
			else if (strcmp(name, "insert_values") == 0)
				gen_insert_values(out);
			else if (strcmp(name, "catalog") == 0)
				gen_catalog(out);
			else if (strcmp(name, "summary") == 0)
				gen_summary(out);
			else if (strcmp(name, "continuity_breaks") == 0)
				gen_continuity_breaks(out);
			else if (strcmp(name, "long_views") == 0)
				gen_long_views(out);
			else
			{
				fprintf(stderr, "gen_sql: unknown block \"%s\"\n", name);
				return 1;
			}
		}
		else
			fputs(line, out);
	}
	return 0;
}

/*
 * The scopes of label(), and the bare codes that need one: those with
 * several meanings (gd_code_meanings).
 */
static void
put_scopes(FILE *out)
{
	int			n = gd_code_meaning_count();

	fprintf(out, "\n## Labels by code: `govdisclose.label`\n\n"
			"`label(code, lang)` gives the label of any code above in `zh` or `en`.\n"
			"Each code belongs to a scope, and is unique in it:\n\n| scope | its codes |\n|---|---|\n");
	for (int i = 0; i < n; i++)
	{
		const gd_code_meaning *m = gd_code_meaning_at(i);
		bool		first = true;

		for (int j = 0; j < i && first; j++)
			first = strcmp(gd_code_meaning_at(j)->scope, m->scope) != 0;
		if (!first)
			continue;
		fprintf(out, "| `%s` | ", m->scope);
		for (int j = i, k = 0; j < n; j++)
		{
			const gd_code_meaning *o = gd_code_meaning_at(j);
			bool		kind_seen = false;

			if (strcmp(o->scope, m->scope) != 0)
				continue;
			for (int x = i; x < j && !kind_seen; x++)
				kind_seen = strcmp(gd_code_meaning_at(x)->scope, m->scope) == 0 &&
					strcmp(gd_code_meaning_at(x)->kind, o->kind) == 0;
			if (!kind_seen)
				fprintf(out, "%s%ss", k++ ? ", " : "", o->kind);
		}
		fprintf(out, " |\n");
	}
	fprintf(out, "\nA code is written bare (`natural_person`) or with its scope\n"
			"(`requests.natural_person`). A bare code found in several scopes with the\n"
			"same labels has one meaning (`total`, `licensing`). These bare codes have\n"
			"several meanings, and `label()` refuses them (SQLSTATE 22023) until they\n"
			"are written with a scope:\n\n| code | write |\n|---|---|\n");
	for (int i = 0; i < n; i++)
	{
		const gd_code_meaning *m = gd_code_meaning_at(i);
		const gd_code_meaning *all[8];
		int			k = gd_code_meanings(m->code, strlen(m->code), all, 8);
		bool		first = true;

		for (int j = 0; j < i && first; j++)
			first = strcmp(gd_code_meaning_at(j)->code, m->code) != 0;
		if (k < 2 || !first)
			continue;
		fprintf(out, "| `%s` | ", m->code);
		for (int j = 0; j < k && j < 8; j++)
			fprintf(out, "%s`%s.%s` (%s: %s)", j ? ", " : "", all[j]->scope, all[j]->code,
					all[j]->kind, all[j]->label[GD_LANG_EN]);
		fprintf(out, " |\n");
	}
	fprintf(out, "\nAn unknown code gives NULL; an unknown language is an error (SQLSTATE 22023).\n");
}

/* The rules with their names, for docs/reference.md and docs/domain.md */
static void
put_rules_table(FILE *out)
{
	fprintf(out, "| code | severity | name (zh) | name (en) | rule |\n|---|---|---|---|---|\n");
	for (int r = 0; r < GD_NRULES; r++)
		fprintf(out, "| `%s` | %s | %s | %s | %s |\n", gd_rules[r].code,
				gd_rules[r].severity == GD_SEV_ERROR ? "error" : "warning", gd_rules[r].label_zh,
				gd_rules[r].label_en, gd_rules[r].description);
}

static void
gen_docs(FILE *out)
{
	fprintf(out, "# Reference: codes and labels\n\n");
	fprintf(out, "Generated by `src/gen_sql docs` from `src/gd_model.h`, the one source of\n"
			"truth for codes, labels, groups and rules (`make docs` rewrites this file;\n"
			"`make test` fails when it is stale). The same codes name the fields of the\n"
			"composite types, the columns of `govdisclose.report` and the cells in every\n"
			"violation. In SQL, the views `govdisclose.cells`, `govdisclose.rules` and\n"
			"`govdisclose.outcome_groups` hold the same tables.\n\n"
			"Every code has a Chinese label, the authoritative one (the template's\n"
			"wording), and an English label; `govdisclose.label(code, lang)` gives\n"
			"either (see [Labels by code](#labels-by-code-govdiscloselabel)).\n\n");

	for (int s = 0; s < GD_NSECTIONS; s++)
	{
		const gd_section *sec = &gd_sections[s];

		fprintf(out, "## Section %s %s — `%s` (type `%s`)\n\nIn English: %s.\n\n", sec->numeral, sec->label_zh,
				sec->code, sec->type_name, sec->label_en);
		fprintf(out, "| # | code | label (zh) | label (en) | cells | group |\n|---|---|---|---|---|---|\n");
		for (int i = 0; i < sec->nitems; i++)
		{
			const gd_item *it = &sec->items[i];
			const gd_cellset *cs = it->cellset;

			fprintf(out, "| %d | `%s` | %s | %s | ", i + 1, it->code, it->label_zh, it->label_en);
			if (cs->type_name)
				fprintf(out, "`%s`", cs->type_name);
			else
				fprintf(out, "one %s (`%s`)", cs->cells[0].kind == GD_KIND_AMOUNT ? "amount, 万元" : "count", sql_cell_type(cs, 0));
			fprintf(out, " | %s |\n", it->group == GD_GROUP_NONE ? "" : gd_groups[it->group].code);
		}
		fprintf(out, "\n");
	}

	{
		int			n;
		const gd_cellset **sets = (const gd_cellset **) distinct_cellsets(&n, -1);

		fprintf(out, "## Cell types\n\n");
		for (int j = 0; j < n; j++)
		{
			fprintf(out, "`%s`:\n\n| code | label (zh) | label (en) | type | kind |\n|---|---|---|---|---|\n", sets[j]->type_name);
			for (int c = 0; c < sets[j]->ncells; c++)
				fprintf(out, "| `%s` | %s | %s | `%s` | %s |\n", sets[j]->cells[c].code, sets[j]->cells[c].label_zh,
						sets[j]->cells[c].label_en, sql_cell_type(sets[j], c), kind_name(sets[j]->cells[c].kind));
			fprintf(out, "\n");
		}
	}

	fprintf(out, "Kinds: `count` is at least 0 (rule `nonnegative`); `signed` is a change,\n"
			"printed `-417` or `减4`; `amount` is a decimal kept as printed, at least 0;\n"
			"`text` is printed text (a unit).\n\n");
	fprintf(out, "## Outcome groups\n\n| code | label (zh) | label (en) |\n|---|---|---|\n");
	for (int g = 0; g < GD_NGROUPS; g++)
		fprintf(out, "| `%s` | %s | %s |\n", gd_groups[g].code, gd_groups[g].label_zh, gd_groups[g].label_en);

	fprintf(out, "\n## Rules\n\n");
	put_rules_table(out);

	put_scopes(out);

	fprintf(out, "\n## Rounding methods of `outcome_shares`\n\n");
	for (int m = 0; m < GD_NMETHODS; m++)
		fprintf(out, "- `%s`\n", gd_round_method_names[m]);

	fprintf(out, "\n## Columns of `govdisclose.report` (the CSV layout)\n\n| # | column | type | meaning | meaning (en) |\n|---|---|---|---|---|\n");
	for (int m = 0; m < GD_NMETA; m++)
		fprintf(out, "| %d | `%s` | %s | %s | |\n", m + 1, gd_meta_columns[m].name,
				gd_meta_columns[m].sql_type, gd_meta_columns[m].description);
	for (int i = 0; i < GD_NCELLS; i++)
	{
		char		buf[512];
		char		buf_en[512];
		const gd_cell *c = &gd_cells()[i];

		cell_title(buf, sizeof(buf), i);
		cell_title_en(buf_en, sizeof(buf_en), i);
		fprintf(out, "| %d | `%s` | %s | %s | %s |\n", GD_NMETA + i + 1, c->column_name,
				sql_cell_type(gd_sections[c->section].items[c->item].cellset, c->cell), buf, buf_en);
	}
	for (int t = 0; t < GD_NTAIL; t++)
		fprintf(out, "| %d | `%s` | %s | %s | |\n", GD_NMETA + GD_NCELLS + t + 1, gd_tail_columns[t].name,
				gd_tail_columns[t].sql_type, gd_tail_columns[t].description);
}

/* "`issued` 本年制发件数, …", or "one count" for a scalar item */
static void
put_cells(FILE *out, const gd_cellset *cs)
{
	static const char *const scalar[] = {"one count", "one signed change", "one amount (万元)", "text"};

	if (!cs->cells[0].code)
	{
		fputs(scalar[cs->cells[0].kind], out);
		return;
	}
	for (int c = 0; c < cs->ncells; c++)
		fprintf(out, "%s`%s` %s (%s)", c ? ", " : "", cs->cells[c].code, cs->cells[c].label_zh,
				cs->cells[c].label_en);
}

/* The tables of docs/domain.md that follow from the model. */
static int
gen_domain_block(FILE *out, const char *name)
{
	if (strcmp(name, "columns") == 0)
	{
		fprintf(out, "| # | code | label (zh) | label (en) |\n|---|---|---|---|\n");
		for (int c = 0; c < GD_NCOLS; c++)
			fprintf(out, "| %d | `%s` | %s | %s |\n", c + 1, gd_request_columns[c].code,
					gd_request_columns[c].label_zh, gd_request_columns[c].label_en);
	}
	else if (strcmp(name, "rows") == 0)
	{
		const gd_section *sec = &gd_sections[GD_SEC_REQUESTS];

		fprintf(out, "| # | code | label (zh) | label (en) | group |\n|---|---|---|---|---|\n");
		for (int i = 0; i < sec->nitems; i++)
			fprintf(out, "| %d | `%s` | %s | %s | %s |\n", i + 1, sec->items[i].code, sec->items[i].label_zh,
					sec->items[i].label_en, sec->items[i].group == GD_GROUP_NONE ? "—" : gd_groups[sec->items[i].group].code);
	}
	else if (strcmp(name, "groups") == 0)
	{
		fprintf(out, "| group | label (zh) | label (en) | rows |\n|---|---|---|---|\n");
		for (int g = 0; g < GD_NGROUPS; g++)
		{
			const gd_section *sec = &gd_sections[GD_SEC_REQUESTS];
			int			first = -1,
						last = -1;

			for (int i = 0; i < sec->nitems; i++)
				if (sec->items[i].group == g)
				{
					if (first < 0)
						first = i;
					last = i;
				}
			fprintf(out, "| `%s` | %s | %s | %d–%d |\n", gd_groups[g].code, gd_groups[g].label_zh,
					gd_groups[g].label_en, first + 1, last + 1);
		}
	}
	else if (strcmp(name, "rules") == 0)
		put_rules_table(out);
	else if (strncmp(name, "items ", 6) == 0)
	{
		const gd_section *sec = NULL;

		for (int s = 0; s < GD_NSECTIONS; s++)
			if (strcmp(name + 6, gd_sections[s].code) == 0)
				sec = &gd_sections[s];
		if (!sec)
			return 1;
		fprintf(out, "| code | label (zh) | label (en) | cells |\n|---|---|---|---|\n");
		for (int i = 0; i < sec->nitems; i++)
		{
			fprintf(out, "| `%s` | %s | %s | ", sec->items[i].code, sec->items[i].label_zh, sec->items[i].label_en);
			put_cells(out, sec->items[i].cellset);
			fprintf(out, " |\n");
		}
	}
	else
		return 1;
	return 0;
}

static int
gen_domain(FILE *in, FILE *out)
{
	char		line[4096];
	bool		skipping = false;

	while (fgets(line, sizeof(line), in))
	{
		if (skipping)
		{
			if (strncmp(line, "<!-- @end -->", 13) != 0)
				continue;
			skipping = false;
		}
		fputs(line, out);
		if (strncmp(line, "<!-- @gen ", 10) == 0)
		{
			char	   *name = line + 10;
			char	   *end = strstr(name, " -->");

			if (!end)
			{
				fprintf(stderr, "gen_sql: no \" -->\" after \"<!-- @gen\"\n");
				return 1;
			}
			*end = '\0';
			if (gen_domain_block(out, name) != 0)
			{
				fprintf(stderr, "gen_sql: unknown table \"%s\"\n", name);
				return 1;
			}
			skipping = true;
		}
	}
	if (skipping)
	{
		fprintf(stderr, "gen_sql: \"<!-- @gen\" without \"<!-- @end -->\"\n");
		return 1;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "sql") == 0)
		return gen_sql(stdin, stdout);
	if (argc == 2 && strcmp(argv[1], "docs") == 0)
	{
		gen_docs(stdout);
		return 0;
	}
	if (argc == 2 && strcmp(argv[1], "domain") == 0)
		return gen_domain(stdin, stdout);
	/* a long view over another relation with the report's columns */
	if (argc == 5 && strcmp(argv[1], "long_view") == 0)
	{
		for (int s = 0; s < GD_NSECTIONS; s++)
			if (strcmp(argv[2], gd_sections[s].code) == 0)
			{
				gen_long_view(stdout, s, argv[3], "govdisclose.agency", argv[4]);
				return 0;
			}
		fprintf(stderr, "gen_sql: unknown section \"%s\"\n", argv[2]);
		return 2;
	}
	fprintf(stderr, "usage: gen_sql sql < template > script\n       gen_sql docs > reference.md\n"
			"       gen_sql domain < domain.md > domain.md.new\n"
			"       gen_sql long_view SECTION RELATION VIEW > view.sql\n");
	return 2;
}
