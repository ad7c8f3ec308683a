/*
 * bench_readers — throughput of the reader pipeline (src/gd_input.c,
 * src/gd_html.c) feeding the parser, and the worst case of the
 * identity-confirmed reassembly (src/gd_reassemble.c), against the same
 * baseline as bench_parse: one pass that only splits the text into lines and
 * decodes its UTF-8.
 *
 *   bench/bench_readers [--seconds S] [DATADIR]
 *   bench/bench_readers --worst-text [DATADIR]
 *   bench/bench_readers --repeat N FILE
 *   bench/bench_readers --rss COMMAND [ARG...]
 *
 * DATADIR is test/data (the default, from the source tree's root).  The
 * first form prints, for each form a report arrives in, MB/s (of the bytes
 * as they arrive) and reports/s, and the ratio of its time per byte to the
 * baseline's; then the reassembly's costliest inputs within its bounds, in
 * milliseconds per call, and a whole report built to be the worst case.
 * Rates are the better of two interleaved passes of S (1) seconds each.
 * --worst-text prints that worst-case report (for govdisclose-import).
 * --repeat reads and parses FILE N times and prints nothing: run under
 * valgrind --tool=callgrind with two N, the difference is the instructions
 * of N reports, which compare builds where wall time is noisy.
 *
 * --rss runs COMMAND as a child process (standard output to /dev/null) and
 * prints its wall time and its peak resident set: wait4()'s ru_maxrss (the
 * largest of the child and the children it waited for, e.g. pdftotext), and
 * the child's own VmHWM, read from /proc every 2 ms while it runs.
 *
 * Built and run by bench/run.sh (make bench); not part of make test, and it
 * asserts nothing about time.  It exits 1 when a reader does not give what
 * the fixtures say it gives (then the numbers would not be of real work).
 */
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE
#include "bench.h"
#include "gd_html.h"
#include "gd_input.h"
#include "gd_parse.h"
#include "gd_reassemble.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* ------------------------------------------------------------------ */
/* What is timed: a function of one input */

typedef struct input
{
	const char *name;			/* file under DATADIR, or a label */
	char	   *bytes;
	size_t		len;
} input;

typedef void (*work_fn) (const input *in);

/* the baseline (bench.h), the same as bench_parse's */
static void
baseline(const input *in)
{
	bench_baseline(in->bytes, in->len);
}

static void
html_only(const input *in)
{
	char	   *out;
	size_t		outlen;

	if (gd_html_to_text(in->bytes, in->len, &out, &outlen, NULL, 0))
	{
		bench_sink += outlen;
		free(out);
	}
}

/* the pipeline as govdisclose-import runs it on a file's bytes */
static void
read_and_parse(const input *in)
{
	gd_document doc;
	gd_parsed	p;

	if (!gd_document_read(in->bytes, in->len, &doc))
		return;
	gd_parse_report(doc.text, doc.len, &p);
	bench_sink += (size_t) p.ndiags;
	gd_parsed_free(&p);
	gd_document_free(&doc);
}

static void
parse_only(const input *in)
{
	gd_parsed	p;

	gd_parse_report(in->bytes, in->len, &p);
	bench_sink += (size_t) p.ndiags;
	gd_parsed_free(&p);
}

/* runs of fn over the input for about secs seconds: runs per second */
static double
rate(work_fn fn, const input *in, double secs)
{
	long		n = 0;
	double		t0 = bench_now();
	double		t;

	do
	{
		fn(in);
		n++;
		t = bench_now() - t0;
	} while (t < secs);
	return n / t;
}

/* seconds per call: the best of 3 timed calls after one untimed */
static double
per_call(work_fn fn, const input *in)
{
	double		best = 1e9;

	fn(in);
	for (int i = 0; i < 3; i++)
	{
		double		t0 = bench_now();
		double		t;

		fn(in);
		t = bench_now() - t0;
		if (t < best)
			best = t;
	}
	return best;
}

/* The file name under dir (dir NULL: name is its path), whole, into *in. */
static bool
load(const char *dir, const char *name, input *in)
{
	char		path[4096];
	FILE	   *f;
	long		len;

	if (dir != NULL)
		snprintf(path, sizeof(path), "%s/%s", dir, name);
	else
		snprintf(path, sizeof(path), "%s", name);
	in->name = name;
	if ((f = fopen(path, "rb")) == NULL)
	{
		fprintf(stderr, "bench_readers: %s: %s\n", path, strerror(errno));
		return false;
	}
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	fseek(f, 0, SEEK_SET);
	in->bytes = malloc((size_t) len + 1);
	if (in->bytes == NULL || fread(in->bytes, 1, (size_t) len, f) != (size_t) len)
	{
		fclose(f);
		return false;
	}
	in->bytes[len] = '\0';
	in->len = (size_t) len;
	fclose(f);
	return true;
}

/* cells read and diagnostics of one code, as a check of what is timed */
static void
outcome(const input *in, int *cells, int *ncode, const char *code)
{
	gd_document doc;
	gd_parsed	p;

	*cells = 0;
	*ncode = 0;
	if (!gd_document_read(in->bytes, in->len, &doc))
		return;
	gd_parse_report(doc.text, doc.len, &p);
	for (int i = 0; i < GD_NCELLS; i++)
		*cells += !p.report.isnull[i];
	for (int d = 0; d < p.ndiags; d++)
		*ncode += strcmp(p.diags[d].code, code) == 0;
	gd_parsed_free(&p);
	gd_document_free(&doc);
}

/* ------------------------------------------------------------------ */
/* The reassembly's costliest inputs */

/*
 * Partial cuttings gd_split_run visits on a run: the least max_steps with
 * which it is not bounded (found by bisection); -1 when GD_RA_STEPS bounds it.
 */
static long
steps_of(const char *run, int ncells, int group)
{
	static int64_t out[GD_RA_MAX_CANDS * GD_RA_MAX_CELLS];
	bool		bounded;
	long		lo = 1,
				hi = GD_RA_STEPS;

	gd_split_run(run, strlen(run), ncells, group, out, GD_RA_MAX_CANDS, hi, &bounded);
	if (bounded)
		return -1;
	while (lo < hi)
	{
		long		mid = lo + (hi - lo) / 2;

		gd_split_run(run, strlen(run), ncells, group, out, GD_RA_MAX_CANDS, mid, &bounded);
		if (bounded)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

typedef struct split_case
{
	const char *what;
	const char *run;
	int			ncells;
	int			group;
} split_case;

static const split_case *cur_split;

static void
split_once(const input *in)
{
	static int64_t out[GD_RA_MAX_CANDS * GD_RA_MAX_CELLS];
	bool		bounded;

	(void) in;
	bench_sink += (size_t) gd_split_run(cur_split->run, strlen(cur_split->run), cur_split->ncells,
								  cur_split->group, out, GD_RA_MAX_CANDS, GD_RA_STEPS, &bounded);
}

/*
 * The costliest runs found (a hill climb on single-digit changes that
 * maximised steps_of, from runs of ones or, for the ambiguous row, from
 * random rows that keep their total; the search is not part of this
 * program).  A cell is at most GD_RA_MAX_DIGITS digits, and the parser
 * hands a run over only when each of its printed numbers has at most 18
 * digits and the row prints fewer numbers than cells (section 三: at most
 * 6; two numbers of 18 digits were the costliest, three or four leave
 * fewer cuttings).  Section 四 may print up to 14.
 */
#define RUN_ONES_80 "11111111111111111111111111111111111111111111111111111111111111111111111111111111"
/* section 四 as the parser can see it: 5 numbers of 16 digits */
#define RUN_SEC4 "1111111111111118 1111111111111111 1111111111111111 1111111111111111 1111111111111111"
/* section 三, without identity (the parser's first, "as printed" cut) */
#define RUN_SEC3_LAYOUT "111111111411111111 111111111111111181"
/* section 三, with the row total: no cutting keeps it, all are tried */
#define RUN_SEC3_TOTAL "211121211999999385 211212121111123855"
/* section 四 with each block's total */
#define RUN_SEC4_TOTAL "11111111111111134 11111211111111335 11111111112486455"
/* section 三, ambiguous: 2 to 64 cuttings keep the row total */
#define RUN_SEC3_AMBIGUOUS "221911110110912220 111122146645"

static const split_case split_cases[] = {
	{"80 digits, 15 cells, no identity (the bound)", RUN_ONES_80, 15, 0},
	{"section 四: 5 numbers of 16 digits, 15 cells, no identity", RUN_SEC4, 15, 0},
	{"section 四: 3 numbers of 17 digits, 15 cells, block totals", RUN_SEC4_TOTAL, 15, 5},
	{"section 三: 2 numbers of 18 digits, 7 cells, no identity", RUN_SEC3_LAYOUT, 7, 0},
	{"section 三: 2 numbers of 18 digits, 7 cells, row total", RUN_SEC3_TOTAL, 7, 7},
	{"section 三: ambiguous row, 7 cells, row total", RUN_SEC3_AMBIGUOUS, 7, 7},
};

/*
 * gd_requests_combine's costliest call: four rows of 64 candidates each
 * (64^4 > GD_RA_COMBOS choices), every choice passing the first identity in
 * all 7 columns and failing the second only in its sixth column, so every
 * choice is checked as far as a choice can be, and none is consistent.
 * (Identical candidates are not what gd_split_run returns; they make each
 * choice as costly as any can be, so this bounds the real cost from above.)
 */
static int64_t combine_vals[GD_NROWS][GD_RA_MAX_CANDS * GD_NCOLS];
static gd_row_cands combine_rows[GD_NROWS];

static void
combine_setup(void)
{
	const int	free_rows[4] = {GD_ROW_DISCLOSED, GD_ROW_PARTIALLY_DISCLOSED,
	GD_ROW_UNABLE_NOT_HELD, GD_ROW_OTHER_OTHER};

	memset(combine_vals, 0, sizeof(combine_vals));
	/* 一 = 0 0 0 0 0 1 1, every other row 0: 三(七) = Σ holds, 一 + 二 = 三(七) + 四 fails in column 6 */
	combine_vals[GD_ROW_NEW_RECEIVED][5] = 1;
	combine_vals[GD_ROW_NEW_RECEIVED][6] = 1;
	for (int r = 0; r < GD_NROWS; r++)
	{
		combine_rows[r].ncand = 1;
		combine_rows[r].cand = combine_vals[r];
	}
	for (int i = 0; i < 4; i++)
		combine_rows[free_rows[i]].ncand = GD_RA_MAX_CANDS;
}

static int	combine_result;
static bool combine_bounded;

static void
combine_once(const input *in)
{
	int			choice[GD_NROWS];
	unsigned	used;

	(void) in;
	combine_result = gd_requests_combine(combine_rows, false, choice, GD_RA_COMBOS, &used,
										 &combine_bounded);
}

/*
 * A crawler report built to be the worst case: Pingtan 2021's text with
 * every run of digits in section 三 (its 25 rows) replaced by row, and the
 * one of section 四 by sec4.  A run is digits with single spaces between
 * them, not followed by '.' (numbering: 「1.属于国家秘密」, whose digit
 * may be glued to the run before it).  Returns the
 * number of runs replaced in section 三, or -1.
 */
static int
build_worst(const input *src, const char *row, const char *sec4, input *out)
{
	const char *s3 = strstr(src->bytes, "三、收到和处理政府信息公开申请情况");
	const char *s4 = s3 ? strstr(s3, "四、政府信息公开行政复议") : NULL;
	const char *s5 = s4 ? strstr(s4, "五、") : NULL;
	size_t		cap = src->len + 64 * (strlen(row) + strlen(sec4)) + 1;
	char	   *buf = malloc(cap);
	size_t		o = 0;
	int			nrows = 0;

	if (s5 == NULL || buf == NULL)
	{
		free(buf);
		return -1;
	}
	for (const char *p = src->bytes; p < src->bytes + src->len;)
	{
		const char *e = p;

		if (p >= s3 && p < s5 && *p >= '0' && *p <= '9')
		{
			while (e < s5 && ((*e >= '0' && *e <= '9') ||
							  (*e == ' ' && e[1] >= '0' && e[1] <= '9')))
				e++;
			if (*e == '.' && e - p > 1 && e[-1] != ' ')
				e--;			/* 「…秘密00000002.其他」: the numbering is glued */
			if (*e != '.')
			{
				const char *with = p < s4 ? row : sec4;

				if (o + strlen(with) >= cap)
					break;
				memcpy(buf + o, with, strlen(with));
				o += strlen(with);
				nrows += p < s4;
				p = e;
				continue;
			}
		}
		e = p;					/* copied as it is, up to the next digit */
		if (o + 1 >= cap)
			break;
		do
			buf[o++] = *e++;
		while (e < src->bytes + src->len && o + 1 < cap && (*e < '0' || *e > '9'));
		p = e;
	}
	buf[o] = '\0';
	out->name = "worst-case crawler report";
	out->bytes = buf;
	out->len = o;
	return nrows;
}

/* ------------------------------------------------------------------ */
/* --rss: a child's wall time and peak resident set */

static long
vm_hwm_kb(pid_t pid)
{
	char		path[64];
	char		line[256];
	FILE	   *f;
	long		kb = -1;

	snprintf(path, sizeof(path), "/proc/%d/status", (int) pid);
	if ((f = fopen(path, "r")) == NULL)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (strncmp(line, "VmHWM:", 6) == 0)
		{
			kb = strtol(line + 6, NULL, 10);
			break;
		}
	fclose(f);
	return kb;
}

static int
run_rss(char **argv)
{
	double		t0 = bench_now();
	pid_t		pid = fork();
	struct rusage ru;
	int			status;
	long		hwm = -1;
	pid_t		r;

	if (pid < 0)
	{
		perror("bench_readers: fork");
		return 2;
	}
	if (pid == 0)
	{
		int			fd = open("/dev/null", O_WRONLY);

		if (fd >= 0)
			dup2(fd, 1);
		execvp(argv[0], argv);
		perror(argv[0]);
		_exit(127);
	}
	for (;;)
	{
		long		k = vm_hwm_kb(pid);
		struct timespec nap = {0, 2000000};

		if (k > hwm)
			hwm = k;
		r = wait4(pid, &status, WNOHANG, &ru);
		if (r == pid || (r < 0 && errno != EINTR))
			break;
		nanosleep(&nap, NULL);
	}
	if (r < 0)
	{
		perror("bench_readers: wait4");
		return 2;
	}
	printf("wall %.2f s, peak RSS %.1f MB (wait4 ru_maxrss), importer's own VmHWM %.1f MB, exit status %d\n",
		   bench_now() - t0, ru.ru_maxrss / 1024.0, hwm / 1024.0,
		   WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	return 0;
}

/* ------------------------------------------------------------------ */

static bool failed;

static void
expect(bool ok, const char *what)
{
	if (!ok)
	{
		fprintf(stderr, "bench_readers: %s\n", what);
		failed = true;
	}
}

int
main(int argc, char **argv)
{
	const char *dir = "test/data";
	double		secs = 1.0;
	input		text,
				html,
				gbk_txt,
				gbk_html,
				md,
				crawl21,
				crawl22,
				worst;
	struct
	{
		const char *what;
		work_fn		fn;
		const input *in;
		double		r;
	}			rows[9];
	int			nrows = 0;
	double		rb;
	int			cells,
				n;
	double		la[3] = {0, 0, 0};

	bool		worst_text = false;

	if (argc > 2 && strcmp(argv[1], "--rss") == 0)
		return run_rss(argv + 2);
	if (argc == 4 && strcmp(argv[1], "--repeat") == 0)
	{
		/* for callgrind: N times read + parse, nothing else timed or printed */
		input		in;
		int			times = atoi(argv[2]);

		if (!load(NULL, argv[3], &in))
			return 2;
		for (int i = 0; i < times; i++)
			read_and_parse(&in);
		return 0;
	}
	for (int i = 1; i < argc; i++)
	{
		if (strcmp(argv[i], "--seconds") == 0 && i + 1 < argc)
			secs = atof(argv[++i]);
		else if (strcmp(argv[i], "--worst-text") == 0)
			worst_text = true;
		else if (argv[i][0] != '-')
			dir = argv[i];
		else
		{
			fprintf(stderr, "usage: bench_readers [--seconds S] [DATADIR]\n"
					"       bench_readers --worst-text [DATADIR]\n"
					"       bench_readers --repeat N FILE\n"
					"       bench_readers --rss COMMAND [ARG...]\n");
			return 2;
		}
	}
	if (!load(dir, "parse/jinshan-2024.txt", &text) ||
		!load(dir, "forms/jinshan-2024.html", &html) ||
		!load(dir, "forms/jinshan-2024.gbk.txt", &gbk_txt) ||
		!load(dir, "forms/jinshan-2024.gbk.html", &gbk_html) ||
		!load(dir, "corpus/shuyang-county-2025.md", &md) ||
		!load(dir, "corpus/pingtan-2021.crawl.txt", &crawl21) ||
		!load(dir, "corpus/pingtan-2022.crawl.txt", &crawl22))
		return 2;
	if (worst_text)
	{
		if (build_worst(&crawl21, RUN_SEC3_AMBIGUOUS, RUN_SEC4, &worst) < 0)
			return 1;
		fwrite(worst.bytes, 1, worst.len, stdout);
		return 0;
	}

	/* what is timed does the work: the fixtures' tables are read */
	outcome(&html, &cells, &n, "inferred");
	expect(cells > 150, "the HTML page gave no tables");
	outcome(&gbk_txt, &cells, &n, "encoding");
	expect(cells > 150, "the GBK text gave no tables");
	outcome(&md, &cells, &n, "inferred");
	expect(cells > 150, "the markdown gave no tables");
	outcome(&crawl21, &cells, &n, "inferred");
	expect(cells > 150 && n >= 2, "Pingtan 2021's crawler text: no cells inferred");

#define ROW(w, f, i) (rows[nrows].what = (w), rows[nrows].fn = (f), rows[nrows].in = (i), rows[nrows++].r = 0)
	ROW("baseline: lines and UTF-8 only (Jinshan text)", baseline, &text);
	ROW("text: read + parse (Jinshan text)", read_and_parse, &text);
	ROW("text: gd_parse_report alone (as bench_parse)", parse_only, &text);
	ROW("html: gd_html_to_text alone (Jinshan page)", html_only, &html);
	ROW("html: read + parse (Jinshan page)", read_and_parse, &html);
	ROW("html, GBK: conversion + read + parse", read_and_parse, &gbk_html);
	ROW("text, GBK: conversion + parse", read_and_parse, &gbk_txt);
	ROW("markdown: read + parse (Shuyang 2025)", read_and_parse, &md);
	ROW("crawler text: read + parse + reassembly (Pingtan 2021)", read_and_parse, &crawl21);
#undef ROW
	/* interleaved: every row, twice; the better of each */
	for (int pass = 0; pass < 2; pass++)
		for (int i = 0; i < nrows; i++)
		{
			double		r = rate(rows[i].fn, rows[i].in, secs);

			if (r > rows[i].r)
				rows[i].r = r;
		}
	rb = rows[0].r * rows[0].in->len;	/* baseline bytes per second */
	getloadavg(la, 3);
	printf("readers (MB/s of the bytes as they arrive; x: time per byte over the baseline's)\n");
	for (int i = 0; i < nrows; i++)
	{
		double		bps = rows[i].r * rows[i].in->len;

		printf("  %-56s %7zu B %9.1f MB/s %9.0f reports/s %7.1fx\n", rows[i].what,
			   rows[i].in->len, bps / 1e6, rows[i].r, rb / bps);
	}
	/* no verdict on the 50 MB/s target here: bench_parse's number is it */
	printf("  load average %.2f %.2f %.2f\n", la[0], la[1], la[2]);

	/* ---- the reassembly's worst case ---- */
	printf("reassembly, worst case within the bounds (GD_RA_STEPS %ld, GD_RA_COMBOS %ld)\n",
		   GD_RA_STEPS, GD_RA_COMBOS);
	for (size_t i = 0; i < sizeof(split_cases) / sizeof(split_cases[0]); i++)
	{
		long		st;
		double		t;
		char		stxt[32];

		cur_split = &split_cases[i];
		st = steps_of(cur_split->run, cur_split->ncells, cur_split->group);
		t = per_call(split_once, NULL);
		if (st < 0)
			snprintf(stxt, sizeof(stxt), "> %ld (bounded)", GD_RA_STEPS);
		else
			snprintf(stxt, sizeof(stxt), "%ld", st);
		printf("  gd_split_run, %-60s %8.2f ms/call  steps %s\n", cur_split->what, t * 1e3, stxt);
	}
	expect(steps_of(RUN_ONES_80, 15, 0) < 0, "80 digits for 15 cells did not reach GD_RA_STEPS");
	combine_setup();
	{
		double		t = per_call(combine_once, NULL);

		printf("  gd_requests_combine, 4 rows x 64 candidates, no consistent choice %14.2f ms/call  %s\n",
			   t * 1e3, combine_bounded ? "bounded at GD_RA_COMBOS" : "NOT bounded");
		expect(combine_bounded && combine_result == 0, "the combine case did not reach GD_RA_COMBOS");
	}
	{
		int			nr = build_worst(&crawl21, RUN_SEC3_AMBIGUOUS, RUN_SEC4, &worst);
		double		t;
		int			ninf;

		expect(nr == GD_NROWS, "the worst-case report does not have 25 section 三 runs");
		if (nr > 0)
		{
			outcome(&worst, &cells, &ninf, "not_inferred");
			t = per_call(read_and_parse, &worst);
			printf("  gd_parse_report, %s (%d rows of 三 \"%s\", 四 \"%s\"): %.1f ms/report, %d cells read, %d not_inferred\n",
				   worst.name, nr, RUN_SEC3_AMBIGUOUS, RUN_SEC4, t * 1e3, cells, ninf);
			t = per_call(read_and_parse, &crawl21);
			printf("  (the real Pingtan 2021 report: %.3f ms/report)\n", t * 1e3);
		}
	}
	getloadavg(la, 3);
	printf("  load average %.2f %.2f %.2f\n", la[0], la[1], la[2]);
	return failed ? 1 : 0;
}
