/*
 * bench/gen_reports.c — deterministic generator of synthetic annual reports
 * in the CSV layout of govdisclose.report (COPY ... (FORMAT csv, HEADER)).
 *
 *   gen_reports [--n=N] [--seed=S] [--broken=FRACTION] [--regions=FILE]
 *               [--region-code=CODE] [-o FILE]
 *
 * The header and the column order come from the domain model (src/gd_model.h,
 * linked with src/gd_model.c), so the file always has the layout of the table
 * the model generates; bench/run.sh also compares it with the installed table.
 *
 * Every report satisfies every error-severity rule of docs/domain.md §6: all cells
 * non-negative, row totals = the sum of the six applicant columns,
 * handled_total = the sum of rows 3..23 per column, new_received +
 * carried_over = handled_total + carried_forward per column, appeals total =
 * upheld + corrected + other + pending.  No cell is NULL (no `missing`
 * warning).  Agencies are named 机关000123; (agency, year) is unique.  About
 * 10% of the agencies have two consecutive years, and those agree with each
 * other (carried_over(Y) = carried_forward(Y-1) per column; in_force(Y) =
 * in_force(Y-1) + issued(Y) - repealed(Y)), so the continuity probes of
 * enforce() sometimes find a neighbour and it never warns.
 *
 * Magnitudes are heavy-tailed: new requests per agency follow a truncated
 * Pareto law (median ~25, about 0.2% of the agencies above 10,000, a few tens
 * above 30,000, at most 80,000); the fee (万元) is a decimal with four places.
 *
 * --broken=FRACTION breaks exactly round(FRACTION * N) reports, chosen by
 * selection sampling from a stream separate from the data's, so the same
 * seed gives the same reports with and without --broken.  Each broken report
 * breaks exactly one rule, giving exactly one error-severity violation:
 *   - appeal_total: one block's total is off by 1..3 (half of the breaks);
 *   - nonnegative in section 二: licensing, punishment, coercion or fees is
 *     printed negative (a quarter);
 *   - nonnegative in section 三: one applicant cell of rows 3..23 is -1, with
 *     the row total, another row of the same column and that row's total
 *     adjusted so that every sum still holds (a quarter).
 * (A single wrong cell of section 三 always breaks two sums — its row total
 * and its column's handled_total or balance — since those identities are
 * linearly dependent; hence the compensated -1.)
 *
 * region_code: --regions=FILE (data/gb2260.csv) gives each agency one of the
 * file's counties, so every code is known to govdisclose.region; without it
 * a code is made up (most are no division); --region-code=CODE gives every
 * report CODE (empty: NULL).  The other columns are the same either way.
 *
 * Deterministic: integer arithmetic and a splitmix64 stream, plus sqrt(),
 * which IEEE 754 rounds exactly.
 */
#include "gd_model.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- region codes ---- */

static int *counties = NULL;	/* --regions: the county codes of the file */
static int	ncounties = 0;
static const char *fixed_region = NULL;	/* --region-code */

/* The counties of a "code,name" file (codes not ending in 00). */
static void
read_regions(const char *path)
{
	FILE	   *f = fopen(path, "r");
	char		line[256];
	int			cap = 4096;

	if (!f)
	{
		perror(path);
		exit(1);
	}
	counties = malloc(sizeof(int) * cap);
	while (fgets(line, sizeof(line), f))
	{
		int			code;

		if (sscanf(line, "%6d,", &code) != 1 || code % 100 == 0)
			continue;			/* the header, a province or prefecture */
		if (ncounties == cap)
			counties = realloc(counties, sizeof(int) * (cap *= 2));
		counties[ncounties++] = code;
	}
	fclose(f);
	if (ncounties == 0)
	{
		fprintf(stderr, "gen_reports: no county in %s\n", path);
		exit(1);
	}
}

/* ---- random numbers ---- */

typedef struct rng
{
	uint64_t	s;
} rng;

static uint64_t
next64(rng *r)
{
	uint64_t	z = (r->s += UINT64_C(0x9E3779B97F4A7C15));

	z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
	return z ^ (z >> 31);
}

/* uniform in [0, 1) */
static double
unif(rng *r)
{
	return (double) (next64(r) >> 11) * (1.0 / 9007199254740992.0);
}

/* uniform in [0, n) */
static int64_t
below(rng *r, int64_t n)
{
	return n <= 0 ? 0 : (int64_t) (next64(r) % (uint64_t) n);
}

/* Pareto(xm, alpha = 1) truncated to [xm, cap], minus offset. */
static int64_t
pareto(rng *r, double xm, double cap, int64_t offset)
{
	for (;;)
	{
		double		u = unif(r);
		double		x;

		if (u <= 0.0)
			continue;
		x = xm / u;
		if (x <= cap)
			return (int64_t) x - offset;
	}
}

/* Binomial(n, p): exact for small n, normal approximation above. */
static int64_t
binomial(rng *r, int64_t n, double p)
{
	int64_t		x = 0;

	if (n <= 0 || p <= 0.0)
		return 0;
	if (p >= 1.0)
		return n;
	if (n <= 40)
	{
		for (int64_t i = 0; i < n; i++)
			x += unif(r) < p;
		return x;
	}
	{
		double		z = 0.0;
		double		m = (double) n * p;

		for (int i = 0; i < 12; i++)	/* Irwin-Hall: mean 6, variance 1 */
			z += unif(r);
		z -= 6.0;
		m += z * sqrt(m * (1.0 - p));
		x = (int64_t) (m + 0.5);
	}
	return x < 0 ? 0 : (x > n ? n : x);
}

/* Split n into k parts with weights w (sequential binomials). */
static void
multinomial(rng *r, int64_t n, const double *w, int k, int64_t *out)
{
	double		rest = 0.0;

	for (int i = 0; i < k; i++)
		rest += w[i];
	for (int i = 0; i < k; i++)
	{
		if (i == k - 1 || rest <= 0.0)
			out[i] = n;
		else
		{
			double		p = w[i] / rest;

			out[i] = binomial(r, n, p > 1.0 ? 1.0 : p);
		}
		n -= out[i];
		rest -= w[i];
	}
}

/* ---- one report ---- */

typedef struct report
{
	int64_t		agency;
	int			year;
	int			region;
	int64_t		v[GD_NCELLS];	/* fees in units of 0.0001 万元 */
} report;

#define CELL(rep, row, col) ((rep)->v[GD_REQ_CELL(row, col)])
#define NAPPL GD_COL_TOTAL		/* the six applicant columns */
#define FIRST_OUTCOME GD_ROW_DISCLOSED
#define LAST_OUTCOME GD_ROW_OTHER_OTHER
#define NOUTCOMES (LAST_OUTCOME - FIRST_OUTCOME + 1)

static const double applicant_w[NAPPL] = {0.80, 0.12, 0.005, 0.01, 0.03, 0.035};

/* rows 3..23 in template order */
static const double outcome_w[NOUTCOMES] = {
	0.40, 0.06,					/* disclosed, partially */
	0.002, 0.005, 0.003, 0.015, 0.006, 0.012, 0.002, 0.010,	/* withheld */
	0.22, 0.05, 0.015,			/* unable */
	0.010, 0.020, 0.002, 0.003, 0.005,	/* rejected */
	0.040, 0.002, 0.118			/* other */
};

static void
fill_docs(rng *r, report *rep, int item, const report *prev)
{
	int64_t		issued,
				repealed,
				in_force,
				base;
	bool		makes = item == GD_PITEM_NORMATIVE_DOCUMENTS || below(r, 100) < 15;

	issued = makes ? pareto(r, 2.0, 200.0, 2) : 0;
	if (prev)
		base = prev->v[GD_PRO_DOC(item, GD_DOC_IN_FORCE)];
	else
		base = makes ? pareto(r, 5.0, 3000.0, 3) : 0;
	repealed = makes ? below(r, (base + issued) / 4 + 1) : 0;
	in_force = base + issued - repealed;
	rep->v[GD_PRO_DOC(item, GD_DOC_ISSUED)] = issued;
	rep->v[GD_PRO_DOC(item, GD_DOC_REPEALED)] = repealed;
	rep->v[GD_PRO_DOC(item, GD_DOC_IN_FORCE)] = in_force;
}

static void
fill_block(rng *r, report *rep, int block, int64_t total)
{
	static const double w[4] = {0.60, 0.12, 0.18, 0.10};
	int64_t		parts[4];

	multinomial(r, total, w, 4, parts);
	for (int c = 0; c < 4; c++)
		rep->v[GD_APP_CELL(block, c)] = parts[c];
	rep->v[GD_APP_CELL(block, GD_ACELL_TOTAL)] = total;
}

/* A report; prev is the same agency's previous year, or NULL. */
static void
generate(rng *r, report *rep, int64_t agency, int year, int region, const report *prev)
{
	int64_t		received = pareto(r, 20.0, 80000.0, 15);
	double		aw[NAPPL],
				ow[NOUTCOMES];
	int64_t		nr[NAPPL];

	memset(rep, 0, sizeof(*rep));
	rep->agency = agency;
	rep->year = year;
	rep->region = region;

	/* section 三, column by column, then the total column */
	for (int c = 0; c < NAPPL; c++)
		aw[c] = applicant_w[c] * (0.5 + unif(r));
	for (int k = 0; k < NOUTCOMES; k++)
		ow[k] = outcome_w[k] * (0.3 + 1.4 * unif(r));
	multinomial(r, received, aw, NAPPL, nr);
	{
		int			carry_pct = (int) below(r, 16);	/* this year's backlog, % */
		int			fwd_pct = (int) below(r, 21);

		for (int c = 0; c < NAPPL; c++)
		{
			int64_t		over = prev ? CELL(prev, GD_ROW_CARRIED_FORWARD, c)
				: binomial(r, nr[c], carry_pct / 100.0);
			int64_t		fwd = binomial(r, nr[c] + over, fwd_pct / 100.0);
			int64_t		handled = nr[c] + over - fwd;
			int64_t		out[NOUTCOMES];

			multinomial(r, handled, ow, NOUTCOMES, out);
			CELL(rep, GD_ROW_NEW_RECEIVED, c) = nr[c];
			CELL(rep, GD_ROW_CARRIED_OVER, c) = over;
			for (int k = 0; k < NOUTCOMES; k++)
				CELL(rep, FIRST_OUTCOME + k, c) = out[k];
			CELL(rep, GD_ROW_HANDLED_TOTAL, c) = handled;
			CELL(rep, GD_ROW_CARRIED_FORWARD, c) = fwd;
		}
		for (int row = 0; row < GD_NROWS; row++)
		{
			int64_t		s = 0;

			for (int c = 0; c < NAPPL; c++)
				s += CELL(rep, row, c);
			CELL(rep, row, GD_COL_TOTAL) = s;
		}
	}

	/* section 二 */
	fill_docs(r, rep, GD_PITEM_RULES, prev);
	fill_docs(r, rep, GD_PITEM_NORMATIVE_DOCUMENTS, prev);
	rep->v[GD_PRO_SINGLE(GD_PITEM_LICENSING)] = below(r, 100) < 30 ? 0 : pareto(r, 20.0, 500000.0, 10);
	rep->v[GD_PRO_SINGLE(GD_PITEM_PUNISHMENT)] = below(r, 100) < 40 ? 0 : pareto(r, 5.0, 200000.0, 4);
	rep->v[GD_PRO_SINGLE(GD_PITEM_COERCION)] = below(r, 100) < 60 ? 0 : pareto(r, 2.0, 5000.0, 1);
	rep->v[GD_FEES_CELL] = below(r, 100) < 60 ? 0 : pareto(r, 200.0, 1e7, 150);

	/* section 四: roughly 3% of the requests end in a review, fewer in court */
	{
		int64_t		h = CELL(rep, GD_ROW_HANDLED_TOTAL, GD_COL_TOTAL);
		int64_t		review = binomial(r, h, 0.03 * unif(r)) + (below(r, 100) < 20 ? below(r, 4) : 0);
		int64_t		direct = binomial(r, h, 0.01 * unif(r)) + (below(r, 100) < 10 ? below(r, 3) : 0);

		fill_block(r, rep, GD_BLOCK_REVIEW, review);
		fill_block(r, rep, GD_BLOCK_SUIT_DIRECT, direct);
		fill_block(r, rep, GD_BLOCK_SUIT_AFTER_REVIEW, binomial(r, review, 0.3 * unif(r)));
	}
}

/* ---- breaking one rule ---- */

enum
{
	BREAK_APPEAL_TOTAL, BREAK_NEG_PROACTIVE, BREAK_NEG_REQUESTS, NBREAKS
};
static const char *const break_names[NBREAKS] = {"appeal_total", "nonnegative (section 二)", "nonnegative (section 三)"};

/* A -1 in section 三 with every sum still holding; false when impossible. */
static bool
break_requests(rng *r, report *rep)
{
	int			cand_row[NOUTCOMES * NAPPL],
				cand_col[NOUTCOMES * NAPPL],
				n = 0;

	for (int row = FIRST_OUTCOME; row <= LAST_OUTCOME; row++)
		for (int c = 0; c < NAPPL; c++)
			if (CELL(rep, row, c) == 0 && CELL(rep, row, GD_COL_TOTAL) > 0)
			{
				cand_row[n] = row;
				cand_col[n] = c;
				n++;
			}
	if (n == 0)
		return false;
	{
		int			k = (int) below(r, n);
		int			row = cand_row[k],
					c = cand_col[k];
		int			other = FIRST_OUTCOME + (int) below(r, NOUTCOMES - 1);

		if (other >= row)
			other++;
		CELL(rep, row, c) = -1;
		CELL(rep, row, GD_COL_TOTAL) -= 1;
		CELL(rep, other, c) += 1;
		CELL(rep, other, GD_COL_TOTAL) += 1;
	}
	return true;
}

static int
break_one(rng *r, report *rep)
{
	int			kind = (int) below(r, 4);	/* 0,1 appeal_total; 2 section 二; 3 section 三 */

	kind = kind <= 1 ? BREAK_APPEAL_TOTAL : kind == 2 ? BREAK_NEG_PROACTIVE : BREAK_NEG_REQUESTS;
	if (kind == BREAK_NEG_REQUESTS && !break_requests(r, rep))
		kind = BREAK_APPEAL_TOTAL;
	if (kind == BREAK_APPEAL_TOTAL)
		rep->v[GD_APP_CELL(below(r, GD_NBLOCKS), GD_ACELL_TOTAL)] += 1 + below(r, 3);
	else if (kind == BREAK_NEG_PROACTIVE)
	{
		static const int items[4] = {GD_PITEM_LICENSING, GD_PITEM_PUNISHMENT, GD_PITEM_COERCION, GD_PITEM_FEES};
		int			cell = GD_PRO_SINGLE(items[below(r, 4)]);

		rep->v[cell] = rep->v[cell] > 0 ? -rep->v[cell] : -1 - below(r, 100);
	}
	return kind;
}

/* ---- output ---- */

static char *obuf;
static size_t olen,
			ocap;
static FILE *out;

static void
flush_out(void)
{
	if (olen && fwrite(obuf, 1, olen, out) != olen)
	{
		perror("gen_reports: write");
		exit(1);
	}
	olen = 0;
}

static void
put(const char *s, size_t n)
{
	if (olen + n > ocap)
		flush_out();
	memcpy(obuf + olen, s, n);
	olen += n;
}

static void
put_int(int64_t v)
{
	char		b[24];
	int			i = sizeof(b);
	uint64_t	u = v < 0 ? (uint64_t) 0 - (uint64_t) v : (uint64_t) v;

	do
	{
		b[--i] = (char) ('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		b[--i] = '-';
	put(b + i, sizeof(b) - i);
}

static void
put_str(const char *s)
{
	put(s, strlen(s));
}

static void
write_header(void)
{
	const gd_cell *cells = gd_cells();

	for (int m = 0; m < GD_NMETA; m++)
	{
		if (m)
			put(",", 1);
		put_str(gd_meta_columns[m].name);
	}
	for (int i = 0; i < GD_NCELLS; i++)
	{
		put(",", 1);
		put_str(cells[i].column_name);
	}
	for (int t = 0; t < GD_NTAIL; t++)
	{
		put(",", 1);
		put_str(gd_tail_columns[t].name);
	}
	put("\n", 1);
}

static void
write_report(const report *rep)
{
	const gd_cell *cells = gd_cells();
	char		b[160];
	char		region[16];

	if (fixed_region)
		snprintf(region, sizeof(region), "%s", fixed_region);
	else if (ncounties > 0)
		snprintf(region, sizeof(region), "%06d", counties[rep->region % ncounties]);
	else
		snprintf(region, sizeof(region), "%06d", rep->region);
	/* agency, year, template, region_code, source */
	snprintf(b, sizeof(b), "机关%06" PRId64 ",%d,2021,%s,https://www.gov.cn/xxgk/ndbg/%06" PRId64 "-%d.html",
			 rep->agency, rep->year, region, rep->agency, rep->year);
	put_str(b);
	for (int i = 0; i < GD_NCELLS; i++)
	{
		put(",", 1);
		if (cells[i].section == GD_SEC_PROACTIVE_2019)
			continue;			/* a 2021 report: the 2019 section 二 is not printed */
		if (i == GD_FEES_CELL)
		{
			int64_t		f = rep->v[i];
			uint64_t	a = f < 0 ? (uint64_t) -f : (uint64_t) f;

			snprintf(b, sizeof(b), "%s%" PRIu64 ".%04" PRIu64, f < 0 ? "-" : "", a / 10000, a % 10000);
			put_str(b);
		}
		else
			put_int(rep->v[i]);
	}
	for (int t = 0; t < GD_NTAIL; t++)
		put(",", 1);			/* agency_id blank: resolved from the name */
	put("\n", 1);
}

/* ---- main ---- */

static void
usage(void)
{
	fprintf(stderr, "usage: gen_reports [--n=N] [--seed=S] [--broken=FRACTION] [--regions=FILE] [--region-code=CODE] [-o FILE]\n");
	exit(2);
}

static const char *
opt_value(int argc, char **argv, int *i, const char *name)
{
	size_t		l = strlen(name);

	if (strncmp(argv[*i], name, l) != 0)
		return NULL;
	if (argv[*i][l] == '=')
		return argv[*i] + l + 1;
	if (argv[*i][l] == '\0')
	{
		if (*i + 1 >= argc)
			usage();
		return argv[++*i];
	}
	return NULL;
}

int
main(int argc, char **argv)
{
	int64_t		n = 100000;
	uint64_t	seed = 20240101;
	double		broken = 0.0;
	const char *path = NULL;
	rng			data,
				brk;
	int64_t		nbroken,
				need,
				agencies = 0,
				pairs = 0,
				max_received = 0,
				over10k = 0;
	int64_t		kinds[NBREAKS] = {0};
	report		a,
				b;

	for (int i = 1; i < argc; i++)
	{
		const char *v;
		char	   *end;

		errno = 0;
		if ((v = opt_value(argc, argv, &i, "--n")))
		{
			n = strtoll(v, &end, 10);
			if (*end || n < 0 || errno)
				usage();
		}
		else if ((v = opt_value(argc, argv, &i, "--seed")))
		{
			seed = strtoull(v, &end, 10);
			if (*end || errno)
				usage();
		}
		else if ((v = opt_value(argc, argv, &i, "--broken")))
		{
			broken = strtod(v, &end);
			if (*end || !(broken >= 0.0 && broken <= 1.0))
				usage();
		}
		else if ((v = opt_value(argc, argv, &i, "--regions")))
			read_regions(v);
		else if ((v = opt_value(argc, argv, &i, "--region-code")))
		{
			if (strlen(v) > 6)
				usage();
			fixed_region = v;
		}
		else if ((v = opt_value(argc, argv, &i, "-o")))
			path = v;
		else
			usage();
	}

	out = path ? fopen(path, "w") : stdout;
	if (!out)
	{
		perror(path);
		return 1;
	}
	ocap = 1 << 20;
	obuf = malloc(ocap);
	data.s = seed * UINT64_C(0x2545F4914F6CDD1D) + 1;
	brk.s = (seed ^ UINT64_C(0xB5AD4ECEDA1CE2A9)) * UINT64_C(0x2545F4914F6CDD1D) + 2;
	nbroken = (int64_t) (broken * (double) n + 0.5);
	need = nbroken;

	write_header();
	for (int64_t written = 0; written < n;)
	{
		int64_t		agency = ++agencies;
		int			region = (11 + (int) below(&data, 55)) * 10000 + (1 + (int) below(&data, 20)) * 100 + 1 + (int) below(&data, 30);
		bool		two = n - written >= 2 && below(&data, 100) < 10;
		int			year = two ? 2022 + (int) below(&data, 3) : 2021 + (int) below(&data, 4);
		report	   *reps[2];
		int			nrep = 1;

		if (two)
		{
			generate(&data, &a, agency, year - 1, region, NULL);
			generate(&data, &b, agency, year, region, &a);
			/* half the pairs arrive newest first: continuity is probed both ways */
			reps[0] = below(&data, 2) ? &a : &b;
			reps[1] = reps[0] == &a ? &b : &a;
			nrep = 2;
			pairs++;
		}
		else
		{
			generate(&data, &a, agency, year, region, NULL);
			reps[0] = &a;
		}
		for (int k = 0; k < nrep; k++)
		{
			int64_t		rec = CELL(reps[k], GD_ROW_NEW_RECEIVED, GD_COL_TOTAL);

			if (rec > max_received)
				max_received = rec;
			over10k += rec > 10000;
			/* selection sampling (Knuth, Algorithm S): exactly nbroken of n */
			if (need > 0 && (double) (n - written) * unif(&brk) < (double) need)
			{
				kinds[break_one(&brk, reps[k])]++;
				need--;
			}
			write_report(reps[k]);
			written++;
		}
	}
	flush_out();
	if (path && fclose(out) != 0)
	{
		perror(path);
		return 1;
	}
	fprintf(stderr, "gen_reports: %" PRId64 " reports, %" PRId64 " agencies (%" PRId64 " with two years), "
			"max new_received %" PRId64 ", %" PRId64 " above 10000; broken %" PRId64,
			n, agencies, pairs, max_received, over10k, nbroken);
	for (int k = 0; k < NBREAKS; k++)
		if (kinds[k])
			fprintf(stderr, ", %s %" PRId64, break_names[k], kinds[k]);
	fprintf(stderr, " (seed %" PRIu64 ")\n", seed);
	return 0;
}
