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
 *
 * Built and run on the build machine only; not part of the module.
 */
#include "gd_model.h"
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

static void
gen_catalog(FILE *out)
{
	const gd_cell *cells = gd_cells();

	fprintf(out, "CREATE OR REPLACE VIEW cells (position, column_name, section, section_numeral, row_code, row_label_zh, column_code, column_label_zh, outcome_group, sql_type, kind) AS\nVALUES\n");
	for (int i = 0; i < GD_NCELLS; i++)
	{
		const gd_section *sec = &gd_sections[cells[i].section];
		const gd_item *it = &sec->items[cells[i].item];
		const gd_label *l = &it->cellset->cells[cells[i].cell];

		fprintf(out, "    (%d, '%s', '%s', '%s', '%s', ", i + 1, cells[i].column_name, sec->code, sec->numeral, it->code);
		put_literal(out, it->label_zh);
		if (l->code)
		{
			fprintf(out, ", '%s', ", l->code);
			put_literal(out, l->label_zh);
		}
		else
			fprintf(out, ", NULL, NULL");
		if (it->group != GD_GROUP_NONE)
			fprintf(out, ", '%s'", gd_groups[it->group].code);
		else
			fprintf(out, ", NULL");
		fprintf(out, ", '%s', '%s')%s\n", sql_cell_type(it->cellset, cells[i].cell),
				kind_name(l->kind), i + 1 < GD_NCELLS ? "," : ";");
	}
	fprintf(out, "\nCREATE OR REPLACE VIEW rules (code, severity, description) AS\nVALUES\n");
	for (int r = 0; r < GD_NRULES; r++)
	{
		fprintf(out, "    ('%s', '%s', ", gd_rules[r].code,
				gd_rules[r].severity == GD_SEV_ERROR ? "error" : "warning");
		put_literal(out, gd_rules[r].description);
		fprintf(out, ")%s\n", r + 1 < GD_NRULES ? "," : ";");
	}
	fprintf(out, "\nCREATE OR REPLACE VIEW outcome_groups (position, code, label_zh) AS\nVALUES\n");
	for (int g = 0; g < GD_NGROUPS; g++)
	{
		fprintf(out, "    (%d, '%s', ", g + 1, gd_groups[g].code);
		put_literal(out, gd_groups[g].label_zh);
		fprintf(out, ")%s\n", g + 1 < GD_NGROUPS ? "," : ";");
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
			else if (strcmp(name, "report_comments") == 0)
				gen_report_comments(out, only);
			else if (strcmp(name, "insert_values") == 0)
				gen_insert_values(out);
			else if (strcmp(name, "catalog") == 0)
				gen_catalog(out);
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

static void
gen_docs(FILE *out)
{
	fprintf(out, "# Reference: codes and labels\n\n");
	fprintf(out, "Generated by `src/gen_sql docs` from `src/gd_model.h`, the one source of\n"
			"truth for codes, labels, groups and rules (`make docs` rewrites this file;\n"
			"`make test` fails when it is stale). The same codes name the fields of the\n"
			"composite types, the columns of `govdisclose.report` and the cells in every\n"
			"violation. In SQL, the views `govdisclose.cells`, `govdisclose.rules` and\n"
			"`govdisclose.outcome_groups` hold the same tables.\n\n");

	for (int s = 0; s < GD_NSECTIONS; s++)
	{
		const gd_section *sec = &gd_sections[s];

		fprintf(out, "## Section %s %s — `%s` (type `%s`)\n\n", sec->numeral, sec->label_zh, sec->code, sec->type_name);
		fprintf(out, "| # | code | label (zh) | cells | group |\n|---|---|---|---|---|\n");
		for (int i = 0; i < sec->nitems; i++)
		{
			const gd_item *it = &sec->items[i];
			const gd_cellset *cs = it->cellset;

			fprintf(out, "| %d | `%s` | %s | ", i + 1, it->code, it->label_zh);
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
			fprintf(out, "`%s`:\n\n| code | label (zh) | type | kind |\n|---|---|---|---|\n", sets[j]->type_name);
			for (int c = 0; c < sets[j]->ncells; c++)
				fprintf(out, "| `%s` | %s | `%s` | %s |\n", sets[j]->cells[c].code, sets[j]->cells[c].label_zh,
						sql_cell_type(sets[j], c), kind_name(sets[j]->cells[c].kind));
			fprintf(out, "\n");
		}
	}

	fprintf(out, "Kinds: `count` is at least 0 (rule `nonnegative`); `signed` is a change,\n"
			"printed `-417` or `减4`; `amount` is a decimal kept as printed, at least 0;\n"
			"`text` is printed text (a unit).\n\n");
	fprintf(out, "## Outcome groups\n\n| code | label (zh) |\n|---|---|\n");
	for (int g = 0; g < GD_NGROUPS; g++)
		fprintf(out, "| `%s` | %s |\n", gd_groups[g].code, gd_groups[g].label_zh);

	fprintf(out, "\n## Rules\n\n| code | severity | rule |\n|---|---|---|\n");
	for (int r = 0; r < GD_NRULES; r++)
		fprintf(out, "| `%s` | %s | %s |\n", gd_rules[r].code,
				gd_rules[r].severity == GD_SEV_ERROR ? "error" : "warning", gd_rules[r].description);

	fprintf(out, "\n## Rounding methods of `outcome_shares`\n\n");
	for (int m = 0; m < GD_NMETHODS; m++)
		fprintf(out, "- `%s`\n", gd_round_method_names[m]);

	fprintf(out, "\n## Columns of `govdisclose.report` (the CSV layout)\n\n| # | column | type | meaning |\n|---|---|---|---|\n");
	for (int m = 0; m < GD_NMETA; m++)
		fprintf(out, "| %d | `%s` | %s | %s |\n", m + 1, gd_meta_columns[m].name,
				gd_meta_columns[m].sql_type, gd_meta_columns[m].description);
	for (int i = 0; i < GD_NCELLS; i++)
	{
		char		buf[512];
		const gd_cell *c = &gd_cells()[i];

		cell_title(buf, sizeof(buf), i);
		fprintf(out, "| %d | `%s` | %s | %s |\n", GD_NMETA + i + 1, c->column_name,
				sql_cell_type(gd_sections[c->section].items[c->item].cellset, c->cell), buf);
	}
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
		fprintf(out, "%s`%s` %s", c ? ", " : "", cs->cells[c].code, cs->cells[c].label_zh);
}

/* The tables of docs/domain.md that follow from the model. */
static int
gen_domain_block(FILE *out, const char *name)
{
	if (strcmp(name, "columns") == 0)
	{
		fprintf(out, "| # | code | label (zh) |\n|---|---|---|\n");
		for (int c = 0; c < GD_NCOLS; c++)
			fprintf(out, "| %d | `%s` | %s |\n", c + 1, gd_request_columns[c].code,
					gd_request_columns[c].label_zh);
	}
	else if (strcmp(name, "rows") == 0)
	{
		const gd_section *sec = &gd_sections[GD_SEC_REQUESTS];

		fprintf(out, "| # | code | label (zh) | group |\n|---|---|---|---|\n");
		for (int i = 0; i < sec->nitems; i++)
			fprintf(out, "| %d | `%s` | %s | %s |\n", i + 1, sec->items[i].code, sec->items[i].label_zh,
					sec->items[i].group == GD_GROUP_NONE ? "—" : gd_groups[sec->items[i].group].code);
	}
	else if (strcmp(name, "groups") == 0)
	{
		fprintf(out, "| group | label (zh) | rows |\n|---|---|---|\n");
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
			fprintf(out, "| `%s` | %s | %d–%d |\n", gd_groups[g].code, gd_groups[g].label_zh,
					first + 1, last + 1);
		}
	}
	else if (strcmp(name, "rules") == 0)
	{
		fprintf(out, "| code | severity | rule |\n|---|---|---|\n");
		for (int r = 0; r < GD_NRULES; r++)
			fprintf(out, "| `%s` | %s | %s |\n", gd_rules[r].code,
					gd_rules[r].severity == GD_SEV_ERROR ? "error" : "warning", gd_rules[r].description);
	}
	else if (strncmp(name, "items ", 6) == 0)
	{
		const gd_section *sec = NULL;

		for (int s = 0; s < GD_NSECTIONS; s++)
			if (strcmp(name + 6, gd_sections[s].code) == 0)
				sec = &gd_sections[s];
		if (!sec)
			return 1;
		fprintf(out, "| code | label (zh) | cells |\n|---|---|---|\n");
		for (int i = 0; i < sec->nitems; i++)
		{
			fprintf(out, "| `%s` | %s | ", sec->items[i].code, sec->items[i].label_zh);
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
	fprintf(stderr, "usage: gen_sql sql < template > script\n       gen_sql docs > reference.md\n"
			"       gen_sql domain < domain.md > domain.md.new\n");
	return 2;
}
