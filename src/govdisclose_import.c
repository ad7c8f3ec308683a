/*
 * govdisclose-import — published reports in, govdisclose.report CSV out.
 *
 *   govdisclose-import [--agency NAME] [--year YEAR] [--source TEXT] [FILE|DIR ...]
 *
 * Reads each FILE (standard input when none is given, or for "-"; every
 * file under a DIR, in name order), recognises its form by its content
 * (gd_input.h: PDF, HTML page, converter markdown, plain or crawler text;
 * UTF-8 or GB18030/GBK), finds its statistical tables with the same parser
 * as govdisclose.parse_report(), and writes one CSV row per report in the
 * layout of govdisclose.report, after a header line, to standard output:
 *
 *   govdisclose-import report.pdf | psql -c "COPY govdisclose.report FROM STDIN (FORMAT csv, HEADER MATCH)"
 *
 * A PDF's text layer is read by poppler's pdftotext -layout (Debian package
 * poppler-utils), run as a child process; a PDF without one (a scan) is a
 * no_text_layer diagnostic.  --agency and --year, when given, are the
 * report's agency and year (the same rule as import_report()); the title
 * gives what they do not, and a title that says otherwise is noted.
 *
 * Diagnostics go to standard error, one per line, as FILE:LINE: section:
 * code: message (LINE counts the lines of the document the parser reads:
 * --text prints it), then the narrative's figures that differ from the
 * tables or cannot be confirmed, and at the end a summary: files, reports,
 * cells read and left NULL, diagnostics by code.  While standard error is a
 * terminal, a progress line shows the files done.  The exit status is 0
 * when every file gave a report, 1 when one could not be read, had no
 * recognisable table, or gave no agency or year (its row is not written),
 * 2 for a usage error.  Memory does not grow with the number of files.
 *
 * Plain C: links the pure core (model, rules, shares, readers, parser,
 * narrative).
 */
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE

#include "gd_input.h"
#include "gd_model.h"
#include "gd_narrative.h"
#include "gd_parse.h"
#include "gd_rules.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

static const char usage[] =
"Usage: govdisclose-import [OPTION]... [FILE|DIR]...\n"
"Read published 政府信息公开工作年度报告 — PDF, HTML pages, converter markdown,\n"
"plain or crawler text, in UTF-8 or GBK — and write their statistical tables\n"
"as CSV in the layout of govdisclose.report, with a header line, ready for\n"
"  COPY govdisclose.report FROM STDIN (FORMAT csv, HEADER MATCH)\n"
"With no FILE, or when FILE is -, read standard input; a DIR is read file\n"
"by file, in name order, with its subdirectories.\n"
"\n"
"  -a, --agency NAME   the report's agency (else the title's)\n"
"  -y, --year YEAR     the report's reporting year (else the title's)\n"
"  -s, --source TEXT   source column (default: the file's name; none for stdin)\n"
"  -t, --text          print the text the parser reads (PDF, HTML, markdown\n"
"                      turned into lines of cells) instead of CSV\n"
"  -q, --quiet         no diagnostics, progress or summary on standard error\n"
"  -h, --help          this help\n"
"\n"
"PDFs are read with pdftotext -layout (Debian package poppler-utils).\n"
"Diagnostics (FILE:LINE: section: code: message) and a summary go to\n"
"standard error.  Exit status: 0 when every file gave a report; 1 when a\n"
"file could not be read, had no recognisable table, or gave no agency or\n"
"year (no row is written for it); 2 for a usage error.\n";

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
	for (int t = 0; t < GD_NTAIL; t++)
		fprintf(out, ",%s", gd_tail_columns[t].name);
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
	/* agency_id blank: the database resolves the name as printed */
	for (int t = 0; t < GD_NTAIL; t++)
		fputc(',', out);
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

typedef struct options
{
	const char *agency;
	const char *source;
	int			year;
	bool		quiet;
	bool		text;			/* --text: print the document */
} options;

/* What a batch did, for the summary. */
#define MAX_CODES 32
typedef struct stats
{
	long		files;
	long		total;			/* files to do, for the progress line */
	long		reports;
	long		cells_read;
	long		cells_null;
	int			ncodes;
	char		code[MAX_CODES][32];
	long		count[MAX_CODES];
	bool		progress;		/* standard error is a terminal */
} stats;

static void
count_code(stats *st, const char *code)
{
	for (int i = 0; i < st->ncodes; i++)
		if (strcmp(st->code[i], code) == 0)
		{
			st->count[i]++;
			return;
		}
	if (st->ncodes < MAX_CODES)
	{
		snprintf(st->code[st->ncodes], sizeof(st->code[0]), "%s", code);
		st->count[st->ncodes++] = 1;
	}
}

/*
 * The text layer of a PDF, by pdftotext -layout run as a child process on
 * path (for standard input, on a temporary copy of its bytes).  NULL with a
 * message in err when pdftotext is missing or fails.
 */
static char *
pdf_to_text(const char *path, const char *bytes, size_t blen, size_t *outlen,
			char *err, size_t errcap)
{
	char		tmp[] = "/tmp/govdisclose-import-XXXXXX";
	int			pfd[2];
	pid_t		pid;
	char	   *out = NULL;
	size_t		n = 0,
				cap = 1 << 16;
	int			status;
	bool		made_tmp = false;

	if (path == NULL)
	{
		int			fd = mkstemp(tmp);
		size_t		w = 0;

		if (fd < 0)
		{
			snprintf(err, errcap, "could not create a temporary file for pdftotext: %s", strerror(errno));
			return NULL;
		}
		made_tmp = true;
		while (w < blen)
		{
			ssize_t		k = write(fd, bytes + w, blen - w);

			if (k <= 0)
				break;
			w += (size_t) k;
		}
		close(fd);
		path = tmp;
	}
	if (pipe(pfd) != 0)
	{
		snprintf(err, errcap, "could not run pdftotext: %s", strerror(errno));
		goto done;
	}
	pid = fork();
	if (pid < 0)
	{
		snprintf(err, errcap, "could not run pdftotext: %s", strerror(errno));
		close(pfd[0]);
		close(pfd[1]);
		goto done;
	}
	if (pid == 0)
	{
		dup2(pfd[1], 1);
		close(pfd[0]);
		close(pfd[1]);
		execlp("pdftotext", "pdftotext", "-layout", "-enc", "UTF-8", "-q", path, "-", (char *) NULL);
		_exit(127);
	}
	close(pfd[1]);
	out = malloc(cap);
	for (;;)
	{
		ssize_t		k;

		if (out != NULL && n == cap)
		{
			char	   *more = realloc(out, cap * 2);

			if (more == NULL)
			{
				free(out);
				out = NULL;
			}
			else
			{
				out = more;
				cap *= 2;
			}
		}
		if (out == NULL)
		{
			char		sink[4096];

			if (read(pfd[0], sink, sizeof(sink)) <= 0)
				break;
			continue;
		}
		k = read(pfd[0], out + n, cap - n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			break;
		n += (size_t) k;
	}
	close(pfd[0]);
	status = -1;
	while (waitpid(pid, &status, 0) < 0)
	{
		if (errno != EINTR)
		{
			status = -1;
			break;
		}
	}
	if (status == -1)
	{
		snprintf(err, errcap, "could not wait for pdftotext: %s", strerror(errno));
		free(out);
		out = NULL;
	}
	else if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
	{
		snprintf(err, errcap, "pdftotext is not installed: install the Debian package poppler-utils to read PDFs");
		free(out);
		out = NULL;
	}
	else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
	{
		snprintf(err, errcap, "pdftotext could not read the PDF (exit status %d): it is damaged or encrypted",
				 WIFEXITED(status) ? WEXITSTATUS(status) : -1);
		free(out);
		out = NULL;
	}
	else if (out == NULL)
		snprintf(err, errcap, "out of memory reading the PDF's text");
	else
		*outlen = n;
done:
	if (made_tmp)
		unlink(tmp);
	return out;
}

/* Does the text hold anything but whitespace and form feeds? */
static bool
has_text(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\n' && s[i] != '\r' && s[i] != '\f' && s[i] != '\t')
			return true;
	return false;
}

/* The cells a report of its template has: read, or left NULL. */
static void
count_cells(const gd_report *r, stats *st)
{
	const gd_cell *cells = gd_cells();

	for (int i = 0; i < GD_NCELLS; i++)
	{
		gd_section_id sec = cells[i].section;

		/* section 二 in the layout printed (a report may mix the templates) */
		if (r->present[GD_SEC_PROACTIVE_2019] ? sec == GD_SEC_PROACTIVE : sec == GD_SEC_PROACTIVE_2019)
			continue;
		if (r->tmpl == GD_TMPL_2019 && sec == GD_SEC_REQUESTS &&
			(cells[i].item == GD_ROW_OTHER_NO_CORRECTION || cells[i].item == GD_ROW_OTHER_NO_FEE))
			continue;
		if (r->isnull[i])
			st->cells_null++;
		else
			st->cells_read++;
	}
}

static void
diag_line(const options *o, stats *st, const char *name, int line, const char *section,
		  const char *code, const char *message)
{
	count_code(st, code);
	if (!o->quiet)
		fprintf(stderr, "%s:%d: %s: %s: %s\n", name, line, section, code, message);
}

/* One report: returns false when it gave no row. */
static bool
import_one(const char *name, const char *path, char *bytes, size_t len, const options *o,
		   stats *st)
{
	gd_document doc;
	gd_parsed	p;
	const char *agency;
	int			year;
	bool		ok = true;

	if (!gd_document_read(bytes, len, &doc))
	{
		diag_line(o, st, name, 0, "input", "unreadable",
				  doc.note[0] ? doc.note : "out of memory");
		return false;
	}
	if (doc.form == GD_FORM_PDF)
	{
		char		err[300] = "";
		size_t		tlen = 0;
		char	   *t = pdf_to_text(path, bytes, len, &tlen, err, sizeof(err));

		if (t == NULL)
		{
			diag_line(o, st, name, 0, "input", "unreadable", err);
			return false;
		}
		if (!has_text(t, tlen))
		{
			diag_line(o, st, name, 0, "input", "no_text_layer",
					  "the PDF has no text layer (a scanned document): nothing can be read without OCR; "
					  "make one with OCR first, e.g. ocrmypdf -l chi_sim (Debian packages ocrmypdf, tesseract-ocr-chi-sim), "
					  "or tesseract page.png out -l chi_sim on its page images (pdftoppm -png), and import the result");
			free(t);
			return false;
		}
		if (!gd_document_read(t, tlen, &doc))
		{
			free(t);
			diag_line(o, st, name, 0, "input", "unreadable", doc.note[0] ? doc.note : "out of memory");
			return false;
		}
		free(t);
		doc.form = GD_FORM_PDF;
	}
	if (doc.note[0])
		diag_line(o, st, name, 0, "input", "encoding", doc.note);
	if (o->text)
	{
		fwrite(doc.text, 1, doc.len, stdout);
		if (doc.len > 0 && doc.text[doc.len - 1] != '\n')
			fputc('\n', stdout);
		gd_document_free(&doc);
		return true;
	}
	gd_parse_report(doc.text, doc.len, &p);
	for (int d = 0; d < p.ndiags; d++)
		diag_line(o, st, name, p.diags[d].line, p.diags[d].section, p.diags[d].code,
				  p.diags[d].message);
	/* --agency and --year are the report's; the title fills what they do not */
	agency = o->agency ? o->agency : p.agency;
	year = o->year ? o->year : p.year;
	if (o->agency && p.agency[0] && strcmp(o->agency, p.agency) != 0)
	{
		char		m[700];

		snprintf(m, sizeof(m), "the title names the agency \"%s\"; the row has \"%s\", as --agency says",
				 p.agency, o->agency);
		diag_line(o, st, name, 0, "title", "title_differs", m);
	}
	if (o->year && p.year && o->year != p.year)
	{
		char		m[200];

		snprintf(m, sizeof(m), "the title names the year %d; the row has %d, as --year says", p.year, o->year);
		diag_line(o, st, name, 0, "title", "title_differs", m);
	}
	if (!p.found_tables)
	{
		if (!o->quiet)
			fprintf(stderr, "%s: no statistical table found; no row written\n", name);
		ok = false;
	}
	else if (agency == NULL || agency[0] == '\0' || year == 0)
	{
		if (!o->quiet)
			fprintf(stderr, "%s: the title gives no %s; use --%s; no row written\n", name,
					year == 0 ? "year" : "agency", year == 0 ? "year" : "agency");
		ok = false;
	}
	else
	{
		if (!o->quiet)
			report_narrative(name, doc.text, doc.len, &p.report);
		write_row(stdout, agency, year, &p, o->source ? o->source : path);
		st->reports++;
		count_cells(&p.report, st);
	}
	gd_parsed_free(&p);
	gd_document_free(&doc);
	return ok;
}

static void
progress(const stats *st, bool last)
{
	if (!st->progress)
		return;
	fprintf(stderr, "\r%ld/%ld files, %ld reports written", st->files, st->total, st->reports);
	if (last)
		fputc('\n', stderr);
	fflush(stderr);
}

/* Read one file (path NULL: standard input) and import it. */
static bool
import_file(const char *path, const options *o, stats *st)
{
	const char *name = path ? path : "<stdin>";
	FILE	   *in = path ? fopen(path, "rb") : stdin;
	size_t		len = 0;
	char	   *bytes;
	bool		ok;

	st->files++;
	if (in == NULL)
	{
		if (!o->quiet)
			fprintf(stderr, "%s: could not open: %s\n", name, strerror(errno));
		return false;
	}
	bytes = read_all(in, &len);
	if (path)
		fclose(in);
	if (bytes == NULL)
	{
		if (!o->quiet)
			fprintf(stderr, "%s: could not read\n", name);
		return false;
	}
	ok = import_one(name, path, bytes, len, o, st);
	free(bytes);
	return ok;
}

static int
name_cmp(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static int
not_dot(const struct dirent *d)
{
	return d->d_name[0] != '.';
}

/*
 * Every regular file under dir, in name order (subdirectories where they
 * sort); counting only (o NULL) or importing.  Returns false when a file
 * gave no row or a directory could not be read.
 */
static bool
walk(const char *dir, const options *o, stats *st, int depth)
{
	struct dirent **ents;
	int			n = scandir(dir, &ents, not_dot, name_cmp);
	bool		ok = true;

	if (n < 0)
	{
		if (o && !o->quiet)
			fprintf(stderr, "%s: could not read the directory: %s\n", dir, strerror(errno));
		return false;
	}
	for (int i = 0; i < n; i++)
	{
		size_t		l = strlen(dir) + strlen(ents[i]->d_name) + 2;
		char	   *path = malloc(l);
		struct stat sb;

		if (path != NULL)
		{
			snprintf(path, l, "%s/%s", dir, ents[i]->d_name);
			if (stat(path, &sb) != 0)
				;				/* gone since the listing */
			else if (S_ISDIR(sb.st_mode))
			{
				if (depth < 64 && !walk(path, o, st, depth + 1))
					ok = false;
			}
			else if (S_ISREG(sb.st_mode))
			{
				if (o == NULL)
					st->total++;
				else
				{
					if (!import_file(path, o, st))
						ok = false;
					progress(st, false);
				}
			}
		}
		free(path);
		free(ents[i]);
	}
	free(ents);
	return ok;
}

static bool
is_dir(const char *path)
{
	struct stat sb;

	return strcmp(path, "-") != 0 && stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

static void
summary(const stats *st)
{
	fprintf(stderr, "govdisclose-import: %ld file%s, %ld report%s written, %ld cells read, %ld left NULL",
			st->files, st->files == 1 ? "" : "s", st->reports, st->reports == 1 ? "" : "s",
			st->cells_read, st->cells_null);
	for (int i = 0; i < st->ncodes; i++)
		fprintf(stderr, "%s%s %ld", i == 0 ? "; diagnostics: " : ", ", st->code[i], st->count[i]);
	fputc('\n', stderr);
}

int
main(int argc, char **argv)
{
	options		o = {NULL, NULL, 0, false, false};
	stats		st;
	int			nfiles = 0;
	const char **files = calloc((size_t) argc + 1, sizeof(char *));
	int			status = 0;

	if (files == NULL)
		return 2;
	memset(&st, 0, sizeof(st));
	for (int i = 1; i < argc; i++)
	{
		const char *a = argv[i];

		if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0)
		{
			fputs(usage, stdout);
			return 0;
		}
		else if ((strcmp(a, "-a") == 0 || strcmp(a, "--agency") == 0) && i + 1 < argc)
			o.agency = argv[++i];
		else if ((strcmp(a, "-s") == 0 || strcmp(a, "--source") == 0) && i + 1 < argc)
			o.source = argv[++i];
		else if ((strcmp(a, "-y") == 0 || strcmp(a, "--year") == 0) && i + 1 < argc)
		{
			char	   *end;
			long		y = strtol(argv[++i], &end, 10);

			if (*end != '\0' || y < 1900 || y > 9999)
			{
				fprintf(stderr, "govdisclose-import: invalid year \"%s\"\n", argv[i]);
				return 2;
			}
			o.year = (int) y;
		}
		else if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0)
			o.quiet = true;
		else if (strcmp(a, "-t") == 0 || strcmp(a, "--text") == 0)
			o.text = true;
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

	st.progress = !o.quiet && !o.text && isatty(2);
	for (int f = 0; f < nfiles; f++)
	{
		if (is_dir(files[f]))
			walk(files[f], NULL, &st, 0);
		else
			st.total++;
	}
	if (!o.text)
		write_header(stdout);
	for (int f = 0; f < nfiles; f++)
	{
		bool		ok;

		if (is_dir(files[f]))
			ok = walk(files[f], &o, &st, 0);
		else
		{
			ok = import_file(strcmp(files[f], "-") == 0 ? NULL : files[f], &o, &st);
			progress(&st, false);
		}
		if (!ok)
			status = 1;
	}
	progress(&st, true);
	if (!o.quiet && !o.text)
		summary(&st);
	free(files);
	if (fflush(stdout) != 0)
		return 1;
	return status;
}
