/*
 * libFuzzer target for the report text parser (src/gd_parse.c).
 *
 *   make test/fuzz/fuzz_parse      (clang; links the core and -lutf8proc)
 *   test/fuzz/fuzz_parse -max_total_time=600 test/fuzz/corpus test/data/parse
 *
 * Besides the sanitizers, it checks what the header promises: every
 * diagnostic message is NUL-terminated valid UTF-8, the diagnostics are in
 * line order with lines within the input, and the parsed report passes
 * through the rules without trouble.  The narrative reader
 * (gd_find_claims, gd_check_claim) runs on the same bytes.
 */
#include "gd_narrative.h"
#include "gd_parse.h"
#include "gd_rules.h"
#include "gd_text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static void
must(int ok)
{
	if (!ok)
		abort();
}

/* A NUL-terminated valid UTF-8 string within cap bytes. */
static int
valid_utf8(const char *s, size_t cap)
{
	const char *nul = memchr(s, '\0', cap);

	return nul != NULL && gd_utf8_valid(s, (size_t) (nul - s));
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	gd_parsed	p;
	int			maxline = 1;

	for (size_t i = 0; i < size; i++)
		if (data[i] == '\n' || (data[i] == '\r' && !(i + 1 < size && data[i + 1] == '\n')))
			maxline++;
	gd_parse_report((const char *) data, size, &p);
	must(p.ndiags >= 0 && p.ndiags <= GD_PARSE_MAX_DIAGS);
	for (int i = 0; i < p.ndiags; i++)
	{
		const gd_diag *d = &p.diags[i];

		must(valid_utf8(d->message, sizeof(d->message)));
		must(valid_utf8(d->code, sizeof(d->code)));
		must(valid_utf8(d->section, sizeof(d->section)));
		must(d->line >= 0 && d->line <= maxline);
		must(i == 0 || d->line >= p.diags[i - 1].line);
	}
	must(valid_utf8(p.agency, sizeof(p.agency)));
	must(p.report.tmpl == GD_TMPL_2021 || p.report.tmpl == GD_TMPL_2019);
	(void) gd_check(&p.report, NULL, NULL);
	{
		/* the prose reader on the same bytes, checked against what was read */
		gd_claim	claims[16];
		size_t		n = gd_find_claims((const char *) data, size, claims, 16);

		for (size_t i = 0; i < n && i < 16; i++)
		{
			gd_claim_check ck;

			must(claims[i].line >= 1 && claims[i].line <= maxline);
			must(valid_utf8(claims[i].phrase, sizeof(claims[i].phrase)));
			gd_check_claim(&claims[i], &p.report, &ck);
			must(valid_utf8(ck.message, sizeof(ck.message)));
		}
	}
	gd_parsed_free(&p);
	return 0;
}
