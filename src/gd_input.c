/*
 * gd_input.c — forms and encodings into the parser's document (gd_input.h).
 */
#include "gd_input.h"
#include "gd_html.h"
#include "gd_text.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *
gd_form_name(gd_form form)
{
	switch (form)
	{
		case GD_FORM_MARKDOWN:
			return "markdown";
		case GD_FORM_HTML:
			return "html";
		case GD_FORM_PDF:
			return "pdf";
		default:
			return "text";
	}
}

bool
gd_looks_like_pdf(const char *bytes, size_t len)
{
	size_t		lim = len < 1024 ? len : 1024;

	for (size_t i = 0; i + 5 <= lim; i++)
		if (memcmp(bytes + i, "%PDF-", 5) == 0)
			return true;
	return false;
}

/* ASCII case-insensitive search in the first lim bytes. */
static const char *
find_ci(const char *s, size_t len, const char *needle)
{
	size_t		nl = strlen(needle);

	for (size_t i = 0; i + nl <= len; i++)
	{
		size_t		j = 0;

		while (j < nl)
		{
			char		a = s[i + j];

			if (a >= 'A' && a <= 'Z')
				a = (char) (a - 'A' + 'a');
			if (a != needle[j])
				break;
			j++;
		}
		if (j == nl)
			return s + i;
	}
	return NULL;
}

/* Does the page declare a Chinese national encoding in its first 4 KB? */
static bool
declares_gb(const char *s, size_t len)
{
	size_t		lim = len < 4096 ? len : 4096;
	const char *p = s;
	size_t		left = lim;

	while ((p = find_ci(p, left, "charset")) != NULL)
	{
		const char *q = p + 7;
		const char *end = s + lim;

		while (q < end && (*q == ' ' || *q == '=' || *q == '"' || *q == '\''))
			q++;
		if (end - q >= 2 && find_ci(q, (size_t) (end - q) < 8 ? (size_t) (end - q) : 8, "gb") == q)
			return true;
		p = q;
		left = (size_t) (end - p);
	}
	return false;
}

/*
 * Convert from an encoding (GB18030, UTF-16) with iconv.  Returns a
 * malloc'd NUL-terminated UTF-8 buffer, or NULL when the bytes are not in
 * that encoding (or memory runs out).
 */
static char *
convert(const char *in, size_t len, const char *from, size_t *outlen)
{
	iconv_t		cd = iconv_open("UTF-8", from);
	size_t		cap = len * 2 + 16;
	char	   *out;
	char	   *ip = (char *) in;
	size_t		il = len;
	char	   *op;
	size_t		ol;

	if (cd == (iconv_t) -1)
		return NULL;
	out = malloc(cap);
	if (out == NULL)
	{
		iconv_close(cd);
		return NULL;
	}
	op = out;
	ol = cap - 1;
	while (il > 0)
	{
		if (iconv(cd, &ip, &il, &op, &ol) == (size_t) -1)
		{
			if (errno == E2BIG)
			{
				size_t		used = (size_t) (op - out);
				char	   *more = realloc(out, cap * 2);

				if (more == NULL)
					break;
				out = more;
				cap *= 2;
				op = out + used;
				ol = cap - 1 - used;
				continue;
			}
			break;				/* EILSEQ, EINVAL: not that encoding */
		}
	}
	iconv_close(cd);
	if (il > 0)
	{
		free(out);
		return NULL;
	}
	*op = '\0';
	*outlen = (size_t) (op - out);
	return out;
}

/* ------------------------------------------------------------------ */
/* Markdown pipe tables */

static bool
is_separator_row(const char *s, size_t n)
{
	bool		dash = false;
	bool		pipe = false;

	for (size_t i = 0; i < n; i++)
	{
		if (s[i] == '-')
			dash = true;
		else if (s[i] == '|')
			pipe = true;
		else if (s[i] != ':' && s[i] != ' ' && s[i] != '\t')
			return false;
	}
	return dash && pipe;
}

static void
trim(const char **s, size_t *n)
{
	while (*n > 0 && ((*s)[0] == ' ' || (*s)[0] == '\t'))
	{
		(*s)++;
		(*n)--;
	}
	while (*n > 0 && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t' || (*s)[*n - 1] == '\r'))
		(*n)--;
}

static bool
is_table_row(const char *s, size_t n)
{
	trim(&s, &n);
	return n >= 2 && s[0] == '|';
}

/* A cell that is only a number (digits, one decimal point, separators). */
static bool
number_cell(const char *s, size_t n)
{
	bool		digit = false;

	for (size_t i = 0; i < n; i++)
	{
		if (s[i] >= '0' && s[i] <= '9')
			digit = true;
		else if (s[i] != '.' && s[i] != ',' && s[i] != '-' && s[i] != ' ')
			return false;
	}
	return digit;
}

/* A placeholder heading: non-ASCII letters then ASCII digits (数据1). */
static bool
placeholder_cell(const char *s, size_t n)
{
	size_t		i = 0;

	while (i < n && (unsigned char) s[i] >= 0x80)
		i++;
	if (i == 0 || i == n)
		return false;
	while (i < n && s[i] >= '0' && s[i] <= '9')
		i++;
	return i == n;
}

/* The cells of a row: [start, len) pairs; returns their number. */
static int
split_row(const char *s, size_t n, const char **cs, size_t *cn, int max)
{
	int			nc = 0;
	size_t		i;

	trim(&s, &n);
	i = n > 0 && s[0] == '|' ? 1 : 0;	/* after the leading '|', if any */
	while (i <= n && nc < max)
	{
		size_t		st = i;
		const char *c;
		size_t		l;

		while (i < n && !(s[i] == '|' && (i == 0 || s[i - 1] != '\\')))
			i++;
		if (i >= n && st >= n)
			break;
		c = s + st;
		l = i - st;
		trim(&c, &l);
		if (i >= n && l == 0)
			break;				/* text after the closing '|' */
		cs[nc] = c;
		cn[nc] = l;
		nc++;
		i++;
	}
	return nc;
}

#define MD_MAX_CELLS 64

/* Does line [a, b) hold a '|'? */
static bool
has_pipe(const char *s, size_t a, size_t b)
{
	return memchr(s + a, '|', b - a) != NULL;
}

/*
 * Mark the lines of pipe tables as GitHub-flavoured markdown reads them:
 * the line above a separator line (the header) and the lines below it up to
 * one without '|' (so "a | b" rows without the outer pipes count too);
 * returns a malloc'd flag per line, or NULL.
 */
static bool *
table_lines(const char *s, size_t len, size_t nlines)
{
	bool	   *in = calloc(nlines + 1, sizeof(bool));
	size_t	   *start = malloc((nlines + 1) * sizeof(size_t));
	size_t		li = 0;

	if (!in || !start)
	{
		free(in);
		free(start);
		return NULL;
	}
	for (size_t i = 0; i <= len && li <= nlines; li++)
	{
		size_t		e = i;

		start[li] = i;
		while (e < len && s[e] != '\n')
			e++;
		i = e + 1;
		if (e >= len)
		{
			li++;
			break;
		}
	}
	nlines = li;
	for (size_t l = 0; l < nlines; l++)
	{
		size_t		a = start[l],
					b = l + 1 < nlines ? start[l + 1] - 1 : len;

		if (!is_separator_row(s + a, b - a))
			continue;
		/* the header row is the line above; the body runs on below */
		if (l > 0 && has_pipe(s, start[l - 1], start[l] - 1))
			in[l - 1] = true;
		for (size_t d = l + 1; d < nlines; d++)
		{
			size_t		da = start[d],
						db = d + 1 < nlines ? start[d + 1] - 1 : len;

			if (!has_pipe(s, da, db))
				break;
			in[d] = true;
		}
	}
	free(start);
	return in;
}

static char *
markdown_to_text(const char *s, size_t len, size_t *outlen)
{
	char	   *out = malloc(len + 1);
	size_t		o = 0;
	size_t		i = 0;
	size_t		nlines = 1,
				li = 0;
	bool	   *table;

	if (out == NULL)
		return NULL;
	for (size_t j = 0; j < len; j++)
		nlines += s[j] == '\n';
	table = table_lines(s, len, nlines);
	if (table == NULL)
	{
		free(out);
		return NULL;
	}
	for (; i < len; li++)
	{
		size_t		e = i;
		size_t		next;

		while (e < len && s[e] != '\n')
			e++;
		next = e < len ? e + 1 : e;
		if (is_separator_row(s + i, e - i))
			;					/* an empty line keeps the numbering */
		else if (table[li] || is_table_row(s + i, e - i))
		{
			const char *cs[MD_MAX_CELLS];
			size_t		cn[MD_MAX_CELLS];
			int			nc = split_row(s + i, e - i, cs, cn, MD_MAX_CELLS);
			bool		header = false;

			/* the row above a separator is a header */
			if (next < len)
			{
				size_t		e2 = next;

				while (e2 < len && s[e2] != '\n')
					e2++;
				header = is_separator_row(s + next, e2 - next);
			}
			if (header)
				for (int k = 0; k < nc; k++)
					if (number_cell(cs[k], cn[k]))
						header = false;
			for (int k = 0, first = 1; k < nc; k++)
			{
				if (header && placeholder_cell(cs[k], cn[k]))
					continue;
				if (!first)
					out[o++] = header ? ' ' : '\t';
				first = 0;
				memcpy(out + o, cs[k], cn[k]);
				o += cn[k];
			}
		}
		else
		{
			size_t		b = i;

			/* a heading's marks: "## 四、…" is the line "四、…" */
			while (b < e && s[b] == '#')
				b++;
			if (b == i || b == e || s[b] != ' ')
				b = i;
			else
				b++;
			memcpy(out + o, s + b, e - b);
			o += e - b;
		}
		if (e < len)
			out[o++] = '\n';
		i = next;
	}
	free(table);
	out[o] = '\0';
	*outlen = o;
	return out;
}

static bool
has_pipe_separator(const char *s, size_t len)
{
	size_t		i = 0;

	while (i < len)
	{
		size_t		e = i;

		while (e < len && s[e] != '\n')
			e++;
		if (is_separator_row(s + i, e - i))
			return true;
		i = e + 1;
	}
	return false;
}

/* ------------------------------------------------------------------ */

/*
 * Text that is not a page but carries HTML tables (a converter's markdown
 * with <table> blocks, a crawler that kept the table markup): its tables are
 * read as HTML, the rest as paragraphs.
 */
static bool
embeds_html_table(const char *s, size_t len)
{
	const char *t = find_ci(s, len, "<table");

	return t != NULL && find_ci(t, len - (size_t) (t - s), "<td") != NULL &&
		find_ci(t, len - (size_t) (t - s), "</t") != NULL;
}

void
gd_document_free(gd_document *doc)
{
	free(doc->text);
	doc->text = NULL;
	doc->len = 0;
}

bool
gd_document_read(const char *bytes, size_t len, gd_document *doc)
{
	char	   *utf8 = NULL;
	size_t		ulen = 0;
	const char *src = bytes;
	size_t		slen = len;

	memset(doc, 0, sizeof(*doc));
	doc->encoding = "UTF-8";
	if (bytes == NULL)
		bytes = src = "";
	if (gd_looks_like_pdf(bytes, len))
	{
		doc->form = GD_FORM_PDF;
		doc->encoding = "binary";
		return true;
	}
	if (slen >= 3 && memcmp(src, "\xEF\xBB\xBF", 3) == 0)
	{
		src += 3;
		slen -= 3;
	}
	else if (slen >= 2 && (memcmp(src, "\xFF\xFE", 2) == 0 || memcmp(src, "\xFE\xFF", 2) == 0))
	{
		/* UTF-16 with its byte order mark (Windows "Unicode" text) */
		utf8 = convert(src, slen, "UTF-16", &ulen);
		if (utf8 != NULL)
		{
			doc->encoding = "UTF-16";
			snprintf(doc->note, sizeof(doc->note), "the text is UTF-16; it was converted to UTF-8");
			src = utf8;
			slen = ulen;
			if (slen >= 3 && memcmp(src, "\xEF\xBB\xBF", 3) == 0)
			{
				src += 3;
				slen -= 3;
			}
		}
	}
	if (utf8 == NULL && !gd_utf8_valid(src, slen))
	{
		utf8 = convert(src, slen, "GB18030", &ulen);
		if (utf8 != NULL)
		{
			doc->encoding = "GB18030";
			snprintf(doc->note, sizeof(doc->note),
					 "the text is not UTF-8; it was read as GB18030 (GBK)%s",
					 declares_gb(src, slen) ? ", as the page declares" : "");
			src = utf8;
			slen = ulen;
		}
		else
		{
			doc->encoding = "unknown";
			snprintf(doc->note, sizeof(doc->note),
					 "the text is neither UTF-8 nor GB18030 (GBK); bytes that are not UTF-8 are read as '?'");
		}
	}
	if (gd_looks_like_html(src, slen) || embeds_html_table(src, slen))
	{
		char		err[200] = "";

		doc->form = GD_FORM_HTML;
		if (!gd_html_to_text(src, slen, &doc->text, &doc->len, err, sizeof(err)))
		{
			snprintf(doc->note, sizeof(doc->note), "the HTML page could not be read: %s", err);
			free(utf8);
			doc->text = NULL;
			return false;
		}
		free(utf8);
		return true;
	}
	if (has_pipe_separator(src, slen))
	{
		doc->form = GD_FORM_MARKDOWN;
		doc->text = markdown_to_text(src, slen, &doc->len);
		free(utf8);
		return doc->text != NULL;
	}
	doc->form = GD_FORM_TEXT;
	doc->text = malloc(slen + 1);
	if (doc->text != NULL)
	{
		memcpy(doc->text, src, slen);
		doc->text[slen] = '\0';
		doc->len = slen;
	}
	free(utf8);
	return doc->text != NULL;
}
