/*
 * libFuzzer target for the reader pipeline (src/gd_input.c): any bytes are
 * read as a document (form and encoding recognised by content), then, when
 * it is not a PDF, the table parser (gd_parse_report) and the narrative
 * reader (gd_find_claims, gd_check_claim) read the document, as the
 * importer does.
 *
 *   make fuzz-input FUZZ_SECONDS=600      (seeds: test/fuzz/corpus-input, test/data/parse)
 *
 * Besides the sanitizers, it checks what gd_input.h and gd_parse.h promise:
 *   - the form is one of the four, a PDF exactly when gd_looks_like_pdf,
 *     with no text; the encoding is "UTF-8", "GB18030" or "unknown"
 *     ("binary" for a PDF); the note is NUL-terminated and says something
 *     when the bytes were converted or could not be;
 *   - on failure the text is NULL and the note says why;
 *   - otherwise the document is NUL-terminated at len, is valid UTF-8
 *     unless the encoding is "unknown", and a text document of UTF-8 bytes
 *     is the bytes as given (less a byte order mark); a markdown document
 *     keeps the input's line count and is no longer than the input;
 *   - the parser accepts the document: diagnostics within bounds, each
 *     string NUL-terminated valid UTF-8, lines within the document, in
 *     order; the rules run on the report;
 *   - every count or signed cell lies within int4, a count cell is
 *     negative only when the document prints a sign ('-' or a character
 *     that folds to it, or 减), and an amount's v is -1 or 1;
 *   - the claims' lines lie within the document and their strings are
 *     NUL-terminated valid UTF-8, and checking them gives a status.
 */
#include "gd_input.h"
#include "gd_narrative.h"
#include "gd_parse.h"
#include "gd_rules.h"
#include "gd_text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define INT4_MAX_VALUE 2147483647LL

static void
must(int ok)
{
	if (!ok)
		__builtin_trap();
}

/* A NUL-terminated valid UTF-8 string in a buffer of cap bytes. */
static int
cstr_ok(const char *s, size_t cap)
{
	const char *nul = memchr(s, '\0', cap);

	return nul != NULL && gd_utf8_valid(s, (size_t) (nul - s));
}

static size_t
count_lines(const char *s, size_t len)
{
	size_t		n = 1;

	for (size_t i = 0; i < len; i++)
		if (s[i] == '\n' || (s[i] == '\r' && !(i + 1 < len && s[i + 1] == '\n')))
			n++;
	return n;
}

static size_t
count_byte(const char *s, size_t len, char c)
{
	size_t		n = 0;

	for (size_t i = 0; i < len; i++)
		if (s[i] == c)
			n++;
	return n;
}

/* Does the text print a minus sign, in any spelling the parser folds? */
static int
prints_sign(const char *s, size_t len)
{
	size_t		i = 0;

	while (i < len)
	{
		uint32_t	cp;
		uint32_t	f[GD_FOLD_MAX];
		size_t		n = gd_utf8_decode((const unsigned char *) s + i, len - i, &cp);
		int			nf;

		if (n == 0)
		{
			i++;
			continue;
		}
		i += n;
		if (cp == '-' || cp == 0x51CF)	/* 减 */
			return 1;
		nf = gd_fold(cp, f);
		for (int k = 0; k < nf; k++)
			if (f[k] == '-' || f[k] == 0x51CF)
				return 1;
	}
	return 0;
}

/*
 * Every count and signed cell fits int4 (gd_rules.h): the parser leaves a
 * larger one NULL with a "number" diagnostic (seed test/fuzz/corpus-input/
 * regress-count-beyond-int4.txt, found by this target).
 */
static bool
int4(int64_t v)
{
	return v <= INT4_MAX_VALUE && v >= -INT4_MAX_VALUE - 1;
}

/* Every cell is well formed; counts and signed cells within int4. */
static void
check_cells(const gd_report *r, int sign_printed)
{
	bool		in_range = true;

	for (int i = 0; i < GD_NCELLS; i++)
	{
		gd_cell_kind k = gd_cell_kind_of(i);

		if (r->isnull[i])
			continue;
		switch (k)
		{
			case GD_KIND_COUNT:
				if (!int4(r->v[i]))
					in_range = false;
				must(r->v[i] >= 0 || sign_printed);
				break;
			case GD_KIND_SIGNED:
				if (!int4(r->v[i]))
					in_range = false;
				break;
			case GD_KIND_AMOUNT:
				must(r->v[i] == -1 || r->v[i] == 1);
				must(r->text[i] != NULL && r->text[i][0] != '\0');
				must(r->v[i] >= 0 || sign_printed);
				break;
			case GD_KIND_TEXT:
				must(r->text[i] != NULL);
				break;
		}
	}
	must(in_range);
}

static void
read_document(const gd_document *doc)
{
	gd_parsed	p;
	size_t		maxline = count_lines(doc->text, doc->len);
	int			sign = prints_sign(doc->text, doc->len);

	gd_parse_report(doc->text, doc->len, &p);
	must(p.ndiags >= 0 && p.ndiags <= GD_PARSE_MAX_DIAGS);
	must(p.ndiags == 0 || p.diags != NULL);
	for (int i = 0; i < p.ndiags; i++)
	{
		const gd_diag *d = &p.diags[i];

		must(cstr_ok(d->message, sizeof(d->message)));
		must(cstr_ok(d->code, sizeof(d->code)) && d->code[0] != '\0');
		must(cstr_ok(d->section, sizeof(d->section)));
		must(d->line >= 0 && (size_t) d->line <= maxline);
		must(i == 0 || d->line >= p.diags[i - 1].line);
	}
	must(cstr_ok(p.agency, sizeof(p.agency)));
	must(cstr_ok(p.fees_text, sizeof(p.fees_text)));
	must(p.year >= 0);
	must(p.report.tmpl == GD_TMPL_2021 || p.report.tmpl == GD_TMPL_2019);
	check_cells(&p.report, sign);
	(void) gd_check(&p.report, NULL, NULL);

	{
		gd_claim	claims[32];
		size_t		n = gd_find_claims(doc->text, doc->len, claims, 32);

		for (size_t i = 0; i < n && i < 32; i++)
		{
			gd_claim_check ck;

			must(claims[i].line >= 1 && (size_t) claims[i].line <= maxline);
			must(cstr_ok(claims[i].phrase, sizeof(claims[i].phrase)));
			must(cstr_ok(claims[i].stated_text, sizeof(claims[i].stated_text)));
			must(claims[i].stated >= 0);
			must(claims[i].decimals >= 0 &&
				 claims[i].decimals <= GD_NARRATIVE_MAX_DECIMALS);
			gd_check_claim(&claims[i], &p.report, &ck);
			must(ck.status == GD_CLAIM_AGREES || ck.status == GD_CLAIM_DIFFERS ||
				 ck.status == GD_CLAIM_UNCONFIRMED);
			must(cstr_ok(ck.message, sizeof(ck.message)));
			must(cstr_ok(ck.computed_text, sizeof(ck.computed_text)));
		}
		if (n > 0)
			(void) gd_claims_rounding_methods(claims, n < 32 ? n : 32, &p.report);
	}
	gd_parsed_free(&p);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *in = (const char *) data;
	gd_document doc;
	bool		ok;
	bool		converted;
	bool		bom = size >= 3 && memcmp(in, "\xEF\xBB\xBF", 3) == 0;
	const char *body = bom ? in + 3 : in;
	size_t		blen = bom ? size - 3 : size;

	ok = gd_document_read(in, size, &doc);
	must(memchr(doc.note, '\0', sizeof(doc.note)) != NULL);
	must(doc.form == GD_FORM_TEXT || doc.form == GD_FORM_MARKDOWN ||
		 doc.form == GD_FORM_HTML || doc.form == GD_FORM_PDF);
	must(strcmp(gd_form_name(doc.form), "") != 0);
	must(doc.encoding != NULL);
	if (gd_looks_like_pdf(in, size))
	{
		must(ok && doc.form == GD_FORM_PDF && doc.text == NULL);
		must(strcmp(doc.encoding, "binary") == 0);
		return 0;
	}
	must(doc.form != GD_FORM_PDF);
	must(strcmp(doc.encoding, "UTF-8") == 0 || strcmp(doc.encoding, "GB18030") == 0 ||
		 strcmp(doc.encoding, "UTF-16") == 0 || strcmp(doc.encoding, "unknown") == 0);
	/* UTF-16 only with its byte order mark */
	if (strcmp(doc.encoding, "UTF-16") == 0)
		must(size >= 2 && (memcmp(in, "\xFF\xFE", 2) == 0 || memcmp(in, "\xFE\xFF", 2) == 0));
	if (strcmp(doc.encoding, "UTF-8") != 0)
		must(doc.note[0] != '\0');
	if (strcmp(doc.encoding, "UTF-8") == 0)
		must(gd_utf8_valid(body, blen));
	if (!ok)
	{
		must(doc.text == NULL && doc.note[0] != '\0');
		return 0;
	}
	must(doc.text != NULL && doc.text[doc.len] == '\0');
	if (strcmp(doc.encoding, "unknown") != 0)
		must(gd_utf8_valid(doc.text, doc.len));
	/* bytes that needed no conversion pass as they are */
	converted = strcmp(doc.encoding, "GB18030") == 0 || strcmp(doc.encoding, "UTF-16") == 0;
	if (doc.form == GD_FORM_TEXT && !converted)
		must(doc.len == blen && memcmp(doc.text, body, blen) == 0);
	if (doc.form == GD_FORM_MARKDOWN && !converted)
	{
		must(doc.len <= blen);
		must(count_byte(doc.text, doc.len, '\n') == count_byte(body, blen, '\n'));
	}
	if (doc.form == GD_FORM_MARKDOWN && strcmp(doc.encoding, "GB18030") == 0)
		must(count_byte(doc.text, doc.len, '\n') == count_byte(body, blen, '\n'));

	read_document(&doc);
	gd_document_free(&doc);
	must(doc.text == NULL && doc.len == 0);
	return 0;
}
