/*
 * gd_html.h — read a report served as an HTML page into the text form the
 * table parser reads (gd_parse.h).
 *
 * Plain C99 on libxml2's HTML parser, no postgres.h: unit-tested
 * (test/unit/test_html.c) and fuzzed (test/fuzz/fuzz_html.c) on its own,
 * and called inside a PostgreSQL backend, so it changes no libxml2 state
 * that outlives the call (its error handlers are silenced for the call and
 * restored), prints nothing and frees everything it allocates.
 *
 * The output, as a contract
 * -------------------------
 * UTF-8 (an invalid sequence becomes '?'), lines ending in '\n', no empty
 * line, no NUL.  Whitespace (ASCII, control characters, U+00A0 NBSP,
 * U+3000) collapses to one space; a line or a cell never starts or ends
 * with a space.  Entities are decoded.
 *
 * - <title> is its own line (it comes first: the report's title is often
 *   there).  script, style, noscript, template, select, textarea, comments,
 *   processing instructions and Word's <o:p> are dropped; Word's other
 *   prefixed elements (<st1:chsdate> …) are read like <span>.
 * - Outside table cells, block elements (p, div, h1–h6, li, br, table,
 *   tr, section, article, caption, …) end the line; text inside inline
 *   elements (span, a, font, b, …) flows on it.
 * - A table row (<tr>) is one line; its cells (<td>, <th>) are separated
 *   by exactly one '\t'.  What one cell holds (several <p>, <span>, <br>)
 *   is joined with one space, never a tab or a newline.  An empty cell
 *   (or one of only &nbsp; and whitespace) is an empty field.
 * - The fields follow the table's grid.  colspan=N: the cell's text, then
 *   N-1 empty fields.  rowspan=N: the cell's text in its first row and, in
 *   the N-1 rows below, an empty field at its column, so every later cell
 *   of those rows keeps its column: "<tr><td rowspan=2>a<td>b<tr><td>c"
 *   gives "a\tb\n\tc\n".  Columns held from above after a row's last cell
 *   are not padded at the end of its line.  A span that is not a positive
 *   number, or is over GD_HTML_MAX_SPAN, counts as 1; so do all spans once
 *   the padding they add to the document would pass GD_HTML_PAD_PER_BYTE
 *   fields per input byte (plus GD_HTML_PAD_BASE): hostile spans cannot
 *   blow up the output.
 * - A table nested inside a cell: that cell (a layout cell) is read like a
 *   block outside tables.  The outer row's line ends before it, its blocks
 *   and the inner table's rows are lines of their own, and the outer row's
 *   later cells go on a new line, each at its column (empty fields before
 *   it).  So a layout table around the whole page does not merge the
 *   report's tables or paragraphs into one line.
 * - A <td> or <tr> outside any table is read as a block; text in a table
 *   outside its cells is a line of its own.
 *
 * Limits: libxml2 recovers from any markup the way it does (HTML 4 rules,
 * not HTML5 tree building: no foster parenting of stray text).  It stops
 * at elements nested deeper than 256 levels (its limit without
 * HTML_PARSE_HUGE, which we do not set): such a page is refused rather
 * than read in part.  Input over INT_MAX bytes is refused.  Time and memory are O(n) in the input
 * (O(n) tree, output at most about (1 + GD_HTML_PAD_PER_BYTE) · n bytes);
 * no recursion.
 */
#ifndef GD_HTML_H
#define GD_HTML_H

#include <stdbool.h>
#include <stddef.h>

/* A rowspan or colspan over this is treated as 1. */
#define GD_HTML_MAX_SPAN 1000
/* Empty fields spans may add: GD_HTML_PAD_BASE + this per input byte. */
#define GD_HTML_PAD_PER_BYTE 8
#define GD_HTML_PAD_BASE 65536

/*
 * Convert an HTML page (len bytes of UTF-8; the caller has already
 * converted other encodings, so any <meta charset> is ignored and UTF-8 is
 * forced) into the text the table parser reads, as described above.
 * html may be NULL when len is 0; it need not be NUL-terminated.
 *
 * Returns true and a malloc'd NUL-terminated *out (length *outlen, without
 * the NUL) on success; empty input, or a page without text, gives "".
 * Returns false with a message in err (English, NUL-terminated, cut to
 * errcap bytes) and *out NULL when the input cannot be parsed at all or
 * only in part (libxml2 halted: nesting too deep), is too large, or
 * memory runs out.  err may be NULL when errcap is 0.
 * Plain text is "HTML" too (one paragraph: its newlines become spaces), so
 * callers decide with gd_looks_like_html first.
 */
extern bool gd_html_to_text(const char *html, size_t len, char **out, size_t *outlen,
							char *err, size_t errcap);

/*
 * Does this text look like HTML?  True when, after a UTF-8 BOM,
 * whitespace, comments (<!-- -->) and an XML declaration (<?xml ?>), the
 * first thing in its first 4096 bytes is <!DOCTYPE html or the start tag
 * of html, head, body, meta, title, link, style, script, table, div, p,
 * span, font, center or h1–h6.  Reads the content only, never a file name.
 */
extern bool gd_looks_like_html(const char *s, size_t len);

#endif							/* GD_HTML_H */
