/*
 * govdisclose-import — published report text in, govdisclose.report CSV out.
 *
 *   govdisclose-import [--agency NAME] [--year YEAR] [--source TEXT] [FILE ...]
 *
 * Reads each FILE (standard input when none is given, or for "-"), finds its
 * statistical tables with the same parser as govdisclose.parse_report(), and
 * writes one CSV row per report in the layout of govdisclose.report, after a
 * header line, to standard output:
 *
 *   govdisclose-import report.txt | psql -c "COPY govdisclose.report FROM STDIN (FORMAT csv, HEADER MATCH)"
 *
 * Diagnostics go to standard error, one per line, as FILE:LINE: section:
 * code: message, followed by the narrative's figures that differ from the
 * tables or cannot be confirmed.  The exit status is 0 when every file gave
 * a report, 1 when one could not be read, had no recognisable table, or gave
 * no agency or year (its row is not written), 2 for a usage error.
 *
 * Plain C: links the pure core (model, rules, shares, parser, narrative).
 */
#include "gd_model.h"
#include "gd_narrative.h"
#include "gd_parse.h"
#include "gd_rules.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
"Usage: govdisclose-import [OPTION]... [FILE]...\n"
"Read the text of published 政府信息公开工作年度报告 (as extracted from PDF or\n"
"HTML) and write their statistical tables as CSV in the layout of\n"
"govdisclose.report, with a header line, ready for\n"
"  COPY govdisclose.report FROM STDIN (FORMAT csv, HEADER MATCH)\n"
"With no FILE, or when FILE is -, read standard input.\n"
"\n"
"  -a, --agency NAME   agency, when the title line does not give one\n"
"  -y, --year YEAR     reporting year, when the title line does not give one\n"
"  -s, --source TEXT   source column (default: the file's name; none for stdin)\n"
"  -q, --quiet         no diagnostics on standard error\n"
"  -h, --help          this help\n"
"\n"
"Diagnostics (FILE:LINE: section: code: message) go to standard error.\n"
"Exit status: 0 when every file gave a report; 1 when a file could not be\n"
"read, had no recognisable table, or gave no agency or year (no row is\n"
"written for it); 2 for a usage error.\n";

/* Write s as one CSV field, quoted when it must be. */
static void
csv_field(FILE *out, const char *s)
{
	if (s == NULL)
		return;
	if (strpbrk(s, ",\"\r\n") == NULL && s[0] != '\0')
	{
		fputs(s, out);
		return;
	}
	fputc('"', out);
	for (; *s; s++)
	{
		if (*s == '"')
			fputc('"', out);
		fputc(*s, out);
	}
	fputc('"', out);
}

static void
write_header(FILE *out)
{
	const gd_cell *cells = gd_cells();

	for (int m = 0; m < GD_NMETA; m++)
		fprintf(out, "%s%s", m ? "," : "", gd_meta_columns[m].name);
	for (int i = 0; i < GD_NCELLS; i++)
		fprintf(out, ",%s", cells[i].column_name);
	fputc('\n', out);
}

static void
write_row(FILE *out, const char *agency, int year, const gd_parsed *p, const char *source)
{
	const gd_report *r = &p->report;

	csv_field(out, agency);
	fprintf(out, ",%d,%s,,", year, r->tmpl == GD_TMPL_2019 ? "2019" : "2021");
	csv_field(out, source);
	for (int i = 0; i < GD_NCELLS; i++)
	{
		fputc(',', out);
		if (r->isnull[i])
			continue;
		switch (gd_cell_kind_of(i))
		{
			case GD_KIND_AMOUNT:
			case GD_KIND_TEXT:
				csv_field(out, r->text[i]);
				break;
			default:
				fprintf(out, "%lld", (long long) r->v[i]);
				break;
		}
	}
	fputc('\n', out);
}

static char *
read_all(FILE *in, size_t *len)
{
	size_t		cap = 1 << 16;
	size_t		n = 0;
	char	   *buf = malloc(cap);

	if (buf == NULL)
		return NULL;
	for (;;)
	{
		size_t		got;

		if (n == cap)
		{
			char	   *more = realloc(buf, cap * 2);

			if (more == NULL)
			{
				free(buf);
				return NULL;
			}
			buf = more;
			cap *= 2;
		}
		got = fread(buf + n, 1, cap - n, in);
		n += got;
		if (got == 0)
			break;
	}
	if (ferror(in))
	{
		free(buf);
		return NULL;
	}
	*len = n;
	return buf;
}

/* The narrative's figures that the tables do not confirm, to stderr. */
static void
report_narrative(const char *name, const char *text, size_t len, const gd_report *r)
{
	size_t		n = gd_find_claims(text, len, NULL, 0);
	gd_claim   *claims;
	unsigned	methods;

	if (n == 0)
		return;
	claims = calloc(n, sizeof(gd_claim));
	if (claims == NULL)
		return;
	gd_find_claims(text, len, claims, n);
	for (size_t i = 0; i < n; i++)
	{
		gd_claim_check ck;

		gd_check_claim(&claims[i], r, &ck);
		if (ck.status != GD_CLAIM_AGREES)
			fprintf(stderr, "%s:%d: narrative: %s: %s\n", name, claims[i].line,
					ck.status == GD_CLAIM_DIFFERS ? "differs" : "unconfirmed", ck.message);
	}
	methods = gd_claims_rounding_methods(claims, n, r);
	if (methods)
	{
		fprintf(stderr, "%s: narrative: its percentages agree with", name);
		for (int m = 0; m < GD_NMETHODS; m++)
			if (methods & (1u << m))
				fprintf(stderr, " %s", gd_round_method_names[m]);
		fputc('\n', stderr);
	}
	free(claims);
}

int
main(int argc, char **argv)
{
	const char *agency_opt = NULL;
	const char *source_opt = NULL;
	int			year_opt = 0;
	bool		quiet = false;
	int			nfiles = 0;
	const char **files = calloc((size_t) argc + 1, sizeof(char *));
	int			status = 0;

	if (files == NULL)
		return 2;
	for (int i = 1; i < argc; i++)
	{
		const char *a = argv[i];

		if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0)
		{
			fputs(usage, stdout);
			return 0;
		}
		else if ((strcmp(a, "-a") == 0 || strcmp(a, "--agency") == 0) && i + 1 < argc)
			agency_opt = argv[++i];
		else if ((strcmp(a, "-s") == 0 || strcmp(a, "--source") == 0) && i + 1 < argc)
			source_opt = argv[++i];
		else if ((strcmp(a, "-y") == 0 || strcmp(a, "--year") == 0) && i + 1 < argc)
		{
			char	   *end;
			long		y = strtol(argv[++i], &end, 10);

			if (*end != '\0' || y < 1900 || y > 9999)
			{
				fprintf(stderr, "govdisclose-import: invalid year \"%s\"\n", argv[i]);
				return 2;
			}
			year_opt = (int) y;
		}
		else if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0)
			quiet = true;
		else if (a[0] == '-' && a[1] != '\0')
		{
			fprintf(stderr, "govdisclose-import: unknown or incomplete option \"%s\"\n%s", a, usage);
			return 2;
		}
		else
			files[nfiles++] = a;
	}
	if (nfiles == 0)
		files[nfiles++] = "-";

	write_header(stdout);
	for (int f = 0; f < nfiles; f++)
	{
		bool		is_stdin = strcmp(files[f], "-") == 0;
		const char *name = is_stdin ? "<stdin>" : files[f];
		FILE	   *in = is_stdin ? stdin : fopen(files[f], "rb");
		size_t		len = 0;
		char	   *text;
		gd_parsed	p;
		const char *agency;
		int			year;

		if (in == NULL)
		{
			fprintf(stderr, "%s: could not open: %s\n", name, strerror(errno));
			status = 1;
			continue;
		}
		text = read_all(in, &len);
		if (!is_stdin)
			fclose(in);
		if (text == NULL)
		{
			fprintf(stderr, "%s: could not read\n", name);
			status = 1;
			continue;
		}
		gd_parse_report(text, len, &p);
		if (!quiet)
			for (int d = 0; d < p.ndiags; d++)
				fprintf(stderr, "%s:%d: %s: %s: %s\n", name, p.diags[d].line,
						p.diags[d].section, p.diags[d].code, p.diags[d].message);
		agency = p.agency[0] ? p.agency : agency_opt;
		year = p.year ? p.year : year_opt;
		if (!p.found_tables)
		{
			fprintf(stderr, "%s: no statistical table found; no row written\n", name);
			status = 1;
		}
		else if (agency == NULL || agency[0] == '\0' || year == 0)
		{
			fprintf(stderr, "%s: the title gives no %s; use --%s; no row written\n", name,
					year == 0 ? "year" : "agency", year == 0 ? "year" : "agency");
			status = 1;
		}
		else
		{
			if (!quiet)
				report_narrative(name, text, len, &p.report);
			write_row(stdout, agency, year, &p, source_opt ? source_opt : (is_stdin ? NULL : files[f]));
		}
		gd_parsed_free(&p);
		free(text);
	}
	free(files);
	if (fflush(stdout) != 0)
		return 1;
	return status;
}
