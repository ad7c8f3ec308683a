/*
 * gd_input.h — the forms a report arrives in, turned into the one document
 * the table parser and the narrative read.
 *
 * Plain C, no postgres.h: unit-tested (test/unit/test_input.c) and fuzzed
 * (test/fuzz/fuzz_input.c) on its own.
 *
 * The document
 * ------------
 * UTF-8 text; lines end in '\n'; on a line that is a table row the cells
 * are separated by one '\t', and an empty field between two tabs is a cell
 * printed blank (gd_parse.h).  Every reader below produces it:
 *
 *   text       plain text (pdftotext -layout or plain, crawler text, text
 *              copied from a browser): kept as it is.
 *   markdown   text from a PDF-to-markdown converter, recognised by at least
 *              one pipe-table separator line (|---|---|): each table row
 *              "| a | b |" (or "a | b", as GitHub-flavoured markdown reads
 *              the rows of a table) becomes the line "a\tb"; the separator lines
 *              become empty lines; a header row (the row above a separator)
 *              that holds no number becomes a line of text, its cells
 *              joined by spaces and its placeholder headings (数据1 … 数据6:
 *              letters followed by digits) dropped, so that they are never
 *              read as numbers.  Headings (#) and other lines are kept.
 *              Line numbers stay those of the input.
 *   html       a web page as served (gd_html.h): tables cell by cell; also
 *              text that carries HTML tables (<table> … <td>) anywhere.
 *   pdf        recognised by its "%PDF-" signature and not converted here:
 *              the text layer is extracted by poppler's pdftotext outside
 *              this library (govdisclose-import runs it as a child process;
 *              the server backend never does).
 *
 * Encodings, recognised from the bytes, never from a file name: UTF-8 (a
 * byte order mark is dropped); GB18030 (which includes GBK and GB2312) when
 * an HTML page declares gbk/gb2312/gb18030 in its <meta> charset, or when
 * the bytes are not valid UTF-8 but are valid GB18030, converted with iconv;
 * UTF-16 with its byte order mark (Windows "Unicode" text), likewise.
 * Bytes that are none of these are passed on as they are (the parser reads
 * an invalid byte as '?') and doc->note says so.
 *
 * Memory: the document is malloc'd (free with gd_document_free); about
 * three times the input at the peak.  No recursion.
 */
#ifndef GD_INPUT_H
#define GD_INPUT_H

#include <stdbool.h>
#include <stddef.h>

typedef enum gd_form
{
	GD_FORM_TEXT,
	GD_FORM_MARKDOWN,
	GD_FORM_HTML,
	GD_FORM_PDF
} gd_form;

typedef struct gd_document
{
	char	   *text;			/* malloc'd, NUL-terminated; NULL for a PDF
								 * or on failure */
	size_t		len;
	gd_form		form;
	const char *encoding;		/* "UTF-8", "GB18030", "UTF-16", or "unknown" */
	char		note[300];		/* what was done or could not be done, for
								 * a diagnostic ("converted from GB18030");
								 * "" when there is nothing to say */
} gd_document;

/*
 * Recognise the form and encoding of len bytes and build the document.
 * Returns false only when memory runs out or, for HTML, the page could not
 * be read at all (doc->note says why); doc->text is then NULL.
 */
extern bool gd_document_read(const char *bytes, size_t len, gd_document *doc);

extern void gd_document_free(gd_document *doc);

/* "text", "markdown", "html", "pdf" */
extern const char *gd_form_name(gd_form form);

/* Does it start with the PDF signature (after at most 1 KB of junk)? */
extern bool gd_looks_like_pdf(const char *bytes, size_t len);

#endif							/* GD_INPUT_H */
