/*
 * libFuzzer target for the HTML reader (src/gd_html.c), feeding its output
 * to the report text parser (src/gd_parse.c), as the importer does.
 *
 *   make fuzz FUZZ_TARGETS=html FUZZ_SECONDS=600
 *
 * Besides the sanitizers, it checks what gd_html.h promises of the output:
 * NUL-terminated with no NUL inside, valid UTF-8, every line ending in
 * '\n', no empty line, at most about (1 + GD_HTML_PAD_PER_BYTE) · n bytes;
 * and that on failure *out is NULL with a message.  gd_looks_like_html
 * runs on every input too.
 */
#include "gd_html.h"
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

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	   *out = NULL;
	size_t		len = 0;
	char		err[128];
	gd_parsed	p;

	(void) gd_looks_like_html((const char *) data, size);
	if (!gd_html_to_text((const char *) data, size, &out, &len, err, sizeof(err)))
	{
		must(out == NULL && err[0] != '\0' && memchr(err, '\0', sizeof(err)) != NULL);
		return 0;
	}
	must(out != NULL && out[len] == '\0' && strlen(out) == len);
	must(gd_utf8_valid(out, len));
	must(len == 0 || (out[len - 1] == '\n' && out[0] != '\n'));
	must(strstr(out, "\n\n") == NULL);
	/* text is at most the input's bytes (plus its newlines), plus padding */
	must(len <= GD_HTML_PAD_BASE + (GD_HTML_PAD_PER_BYTE + 2) * size + 64);

	gd_parse_report(out, len, &p);
	must(p.ndiags >= 0 && p.ndiags <= GD_PARSE_MAX_DIAGS);
	must(p.report.tmpl == GD_TMPL_2021 || p.report.tmpl == GD_TMPL_2019);
	(void) gd_check(&p.report, NULL, NULL);
	gd_parsed_free(&p);
	free(out);
	return 0;
}
