/*
 * bench_parse — throughput of the report text parser (src/gd_parse.c) and of
 * the narrative checks (src/gd_narrative.c) on a report's text, against a
 * baseline in the same run: one pass that only splits the text into lines
 * and decodes its UTF-8, the least any reader of the text must do.
 *
 *   bench/bench_parse FILE [SECONDS]
 *
 * Prints MB/s and reports/s for each, and the ratios.  Built and run by
 * bench/run.sh; not part of make test.
 */
#define _POSIX_C_SOURCE 199309L
#include "bench.h"
#include "gd_narrative.h"
#include "gd_parse.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* the baseline (bench.h): lines and UTF-8 characters counted, nothing matched */
static void
baseline(const char *text, size_t len)
{
	bench_baseline(text, len);
}

static void
parse(const char *text, size_t len)
{
	gd_parsed	p;

	gd_parse_report(text, len, &p);
	bench_sink += (size_t) p.ndiags;
	gd_parsed_free(&p);
}

static void
narrative(const char *text, size_t len)
{
	static gd_claim claims[64];

	bench_sink += gd_find_claims(text, len, claims, 64);
}

/* runs of fn over the text for about secs seconds: reports per second */
static double
rate(void (*fn) (const char *, size_t), const char *text, size_t len, double secs)
{
	long		n = 0;
	double		t0 = bench_now();
	double		t;

	do
	{
		for (int i = 0; i < 10; i++)
			fn(text, len);
		n += 10;
		t = bench_now() - t0;
	} while (t < secs);
	return n / t;
}

int
main(int argc, char **argv)
{
	FILE	   *f;
	char	   *text;
	long		len;
	double		secs = argc > 2 ? atof(argv[2]) : 2.0;
	double		rb;
	double		rp;
	double		rn;

	if (argc < 2 || (f = fopen(argv[1], "rb")) == NULL)
	{
		fprintf(stderr, "usage: bench_parse FILE [SECONDS]\n");
		return 2;
	}
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	fseek(f, 0, SEEK_SET);
	text = malloc((size_t) len + 1);
	if (text == NULL || fread(text, 1, (size_t) len, f) != (size_t) len)
		return 1;
	fclose(f);

	/* interleaved: baseline, parser, narrative, twice; the better of each */
	rb = rate(baseline, text, (size_t) len, secs);
	rp = rate(parse, text, (size_t) len, secs);
	rn = rate(narrative, text, (size_t) len, secs);
	{
		double		b2 = rate(baseline, text, (size_t) len, secs);
		double		p2 = rate(parse, text, (size_t) len, secs);
		double		n2 = rate(narrative, text, (size_t) len, secs);

		rb = b2 > rb ? b2 : rb;
		rp = p2 > rp ? p2 : rp;
		rn = n2 > rn ? n2 : rn;
	}
	printf("text: %s, %ld bytes\n", argv[1], len);
	printf("  baseline (lines and UTF-8 only) %10.1f MB/s %10.0f reports/s\n", rb * len / 1e6, rb);
	printf("  gd_parse_report                 %10.1f MB/s %10.0f reports/s   %.1fx the baseline's time\n",
		   rp * len / 1e6, rp, rb / rp);
	printf("  gd_find_claims (narrative)      %10.1f MB/s %10.0f reports/s   %.1fx the baseline's time\n",
		   rn * len / 1e6, rn, rb / rn);
	printf("  target: parser >= 50 MB/s: %s\n", rp * len / 1e6 >= 50 ? "met" : "NOT met");
	free(text);
	return 0;
}
