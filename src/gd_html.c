/*
 * gd_html.c — an HTML page into the parser's text form (gd_html.h).
 *
 * libxml2 builds the tree; one iterative walk over it (parent pointers, no
 * recursion) writes the text.  Tables being read are kept on an explicit
 * stack: each knows its open row and cell and, per column, the last row a
 * rowspan holds it for, which is all the grid needs.  A first walk marks
 * every element that has a table below it, so a cell knows in O(1) whether
 * it is a layout cell.
 */
#include "gd_html.h"
#include "gd_text.h"

#include <libxml/HTMLparser.h>
#include <libxml/globals.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* node->_private of an element with a <table> below it (first walk) */
static const char has_table_mark = 'T';
#define HAS_TABLE ((void *) &has_table_mark)

typedef struct tbl
{
	xmlNodePtr	node;			/* the <table> */
	xmlNodePtr	row;			/* the open <tr>; node itself for cells
								 * outside any <tr>; NULL between rows */
	xmlNodePtr	cell;			/* the open <td>/<th>, or NULL */
	bool		cell_layout;	/* it has a table below it: read as blocks */
	long		rowno;			/* the current row, 0-based; -1 before one */
	long	   *until;			/* until[c]: last row a rowspan holds column
								 * c in; -1 when none */
	size_t		nuntil;			/* entries allocated */
	size_t		col;			/* where the next cell of the row may go */
	size_t		cell_col;		/* the open cell's column */
	size_t		cur;			/* the field being written, while this
								 * table's row is the current line */
} tbl;

typedef struct walker
{
	char	   *buf;
	size_t		len;
	size_t		cap;
	size_t		line_start;		/* offset of the current line */
	bool		field_text;		/* the current field (or line) has text */
	bool		pending_space;	/* whitespace seen after that text */
	int			owner;			/* index in tbls of the table whose row is
								 * the current line; -1 */
	tbl		   *tbls;
	int			ntbls;
	int			captbls;
	size_t		pad_left;		/* empty fields spans may still add */
	bool		oom;
} walker;

/* ------------------------------------------------------------------ */
/* Element classes */

typedef enum
{
	EL_INLINE,					/* text flows (span, a, font, unknown, …) */
	EL_SKIP,					/* dropped with everything inside it */
	EL_BLOCK,					/* ends the line; one space inside a cell */
	EL_TABLE,
	EL_ROW,
	EL_CELL
} elclass;

typedef struct elname
{
	const char *name;
	elclass		cls;
} elname;

/* Sorted by name (strcmp): looked up by binary search. */
static const elname elnames[] = {
	{"address", EL_BLOCK}, {"article", EL_BLOCK}, {"aside", EL_BLOCK},
	{"blockquote", EL_BLOCK}, {"body", EL_BLOCK}, {"br", EL_BLOCK},
	{"caption", EL_BLOCK}, {"center", EL_BLOCK}, {"dd", EL_BLOCK},
	{"details", EL_BLOCK}, {"dialog", EL_BLOCK}, {"dir", EL_BLOCK},
	{"div", EL_BLOCK}, {"dl", EL_BLOCK}, {"dt", EL_BLOCK},
	{"fieldset", EL_BLOCK}, {"figcaption", EL_BLOCK}, {"figure", EL_BLOCK},
	{"footer", EL_BLOCK}, {"form", EL_BLOCK}, {"h1", EL_BLOCK},
	{"h2", EL_BLOCK}, {"h3", EL_BLOCK}, {"h4", EL_BLOCK}, {"h5", EL_BLOCK},
	{"h6", EL_BLOCK}, {"header", EL_BLOCK}, {"hgroup", EL_BLOCK},
	{"hr", EL_BLOCK}, {"html", EL_BLOCK}, {"iframe", EL_SKIP},
	{"legend", EL_BLOCK}, {"li", EL_BLOCK}, {"main", EL_BLOCK},
	{"menu", EL_BLOCK}, {"nav", EL_BLOCK}, {"noscript", EL_SKIP},
	{"o:p", EL_SKIP}, {"object", EL_SKIP}, {"ol", EL_BLOCK}, {"p", EL_BLOCK},
	{"pre", EL_BLOCK}, {"script", EL_SKIP}, {"section", EL_BLOCK},
	{"select", EL_SKIP}, {"style", EL_SKIP}, {"summary", EL_BLOCK},
	{"table", EL_TABLE}, {"td", EL_CELL}, {"template", EL_SKIP},
	{"textarea", EL_SKIP}, {"th", EL_CELL}, {"title", EL_BLOCK},
	{"tr", EL_ROW}, {"ul", EL_BLOCK}, {"xml", EL_SKIP}
};

/* The class of an element, by its name in any case. */
static elclass
classify(const xmlNode *n)
{
	char		low[16];
	size_t		i = 0,
				lo = 0,
				hi = sizeof(elnames) / sizeof(elnames[0]);

	if (n->name == NULL)
		return EL_INLINE;
	for (; n->name[i] != '\0'; i++)
	{
		unsigned char c = n->name[i];

		if (i + 1 >= sizeof(low))
			return EL_INLINE;	/* longer than any name above */
		low[i] = (char) (c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
	}
	low[i] = '\0';
	while (lo < hi)
	{
		size_t		mid = (lo + hi) / 2;
		int			cmp = strcmp(low, elnames[mid].name);

		if (cmp == 0)
			return elnames[mid].cls;
		if (cmp < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return EL_INLINE;
}

/* ------------------------------------------------------------------ */
/* Output */

static void
put(walker *w, const char *s, size_t n)
{
	if (w->oom)
		return;
	if (n >= w->cap - w->len)
	{
		size_t		cap = w->cap;
		char	   *nb;

		while (n >= cap - w->len)
		{
			if (cap > SIZE_MAX / 2)
			{
				w->oom = true;
				return;
			}
			cap *= 2;
		}
		nb = realloc(w->buf, cap);
		if (nb == NULL)
		{
			w->oom = true;
			return;
		}
		w->buf = nb;
		w->cap = cap;
	}
	memcpy(w->buf + w->len, s, n);
	w->len += n;
}

/* End the current line, if it has anything. */
static void
end_line(walker *w)
{
	if (w->len > w->line_start)
	{
		put(w, "\n", 1);
		w->line_start = w->len;
	}
	w->field_text = false;
	w->pending_space = false;
	w->owner = -1;
}

static tbl *
top(walker *w)
{
	return w->ntbls > 0 ? &w->tbls[w->ntbls - 1] : NULL;
}

/* Inside a cell whose text stays on its row's line. */
static bool
in_data_cell(walker *w)
{
	tbl		   *t = top(w);

	return t != NULL && t->cell != NULL && !t->cell_layout;
}

/* Make the current line the row of the top table (a new line if not). */
static void
own_line(walker *w)
{
	if (w->owner != w->ntbls - 1)
	{
		end_line(w);
		w->owner = w->ntbls - 1;
		top(w)->cur = 0;
	}
}

/* Empty fields up to column col of the top table's row (the line's). */
static void
pad_to(walker *w, size_t col)
{
	tbl		   *t = top(w);

	while (t->cur < col && !w->oom)
	{
		put(w, "\t", 1);
		t->cur++;
		w->field_text = false;
		w->pending_space = false;
	}
}

/* A block boundary: a space inside a data cell, else the end of the line. */
static void
block(walker *w)
{
	if (in_data_cell(w))
	{
		if (w->field_text)
			w->pending_space = true;
	}
	else
		end_line(w);
}

/* Whitespace for the output: ASCII controls and space, NBSP, U+3000. */
static bool
is_space_cp(uint32_t cp)
{
	return cp <= 0x20 || cp == 0x7F || cp == 0xA0 || cp == 0x3000;
}

/*
 * The length of Word's conditional markup at u[i] ("<![if !supportLists]>",
 * "<![endif]>", which libxml2 leaves as text); 0 when there is none.
 */
static size_t
word_marker(const unsigned char *u, size_t n, size_t i)
{
	size_t		j = i + 3;

	if (n - i < 5 || u[i] != '<' || u[i + 1] != '!' || u[i + 2] != '[')
		return 0;
	while (j < n && j - i < 200 && u[j] != '<' && u[j] != '>')
		j++;
	return j < n && u[j] == '>' && u[j - 1] == ']' ? j + 1 - i : 0;
}

/* Text of a text node: collapsed whitespace; invalid UTF-8 → '?'. */
static void
text(walker *w, const xmlChar *s)
{
	const unsigned char *u = (const unsigned char *) s;
	size_t		n,
				i = 0;
	bool		any = false;

	if (s == NULL)
		return;
	n = strlen((const char *) s);
	for (size_t k = 0; k < n && !any;)
	{
		uint32_t	cp;
		size_t		l = word_marker(u, n, k);

		if (l > 0)
			k += l;
		else if ((l = gd_utf8_decode(u + k, n - k, &cp)) == 0)
			any = true;
		else
		{
			any = !is_space_cp(cp);
			k += l;
		}
	}
	if (!any)
	{
		if (w->field_text)
			w->pending_space = true;
		return;
	}
	if (in_data_cell(w))
	{
		own_line(w);
		pad_to(w, top(w)->cell_col);
	}
	else if (w->owner >= 0)
		end_line(w);			/* never on a row's line */

	while (i < n && !w->oom)
	{
		uint32_t	cp;
		size_t		l = word_marker(u, n, i);

		if (l > 0)
		{
			i += l;
			continue;
		}
		l = gd_utf8_decode(u + i, n - i, &cp);
		if (l > 0 && is_space_cp(cp))
		{
			if (w->field_text)
				w->pending_space = true;
			i += l;
			continue;
		}
		if (w->pending_space)
			put(w, " ", 1);
		w->pending_space = false;
		w->field_text = true;
		if (l == 0)
		{
			put(w, "?", 1);
			i++;
		}
		else
		{
			put(w, (const char *) u + i, l);
			i += l;
		}
	}
}

/* ------------------------------------------------------------------ */
/* Tables */

/* colspan/rowspan: a positive number up to GD_HTML_MAX_SPAN, else 1. */
static size_t
span_attr(const xmlNode *n, const char *name)
{
	for (const xmlAttr *a = n->properties; a != NULL; a = a->next)
	{
		const xmlChar *v;
		size_t		val = 0;

		if (a->name == NULL || xmlStrcasecmp(a->name, (const xmlChar *) name) != 0)
			continue;
		if (a->children == NULL || (v = a->children->content) == NULL)
			return 1;
		while (*v == ' ' || *v == '\t' || *v == '\n' || *v == '\r' || *v == '\f')
			v++;
		if (*v == '+')
			v++;
		for (; *v >= '0' && *v <= '9'; v++)
		{
			val = val * 10 + (size_t) (*v - '0');
			if (val > GD_HTML_MAX_SPAN)
				return 1;
		}
		return val >= 1 ? val : 1;
	}
	return 1;
}

static bool
push_table(walker *w, xmlNodePtr node)
{
	tbl		   *t;

	if (w->ntbls == w->captbls)
	{
		int			cap = w->captbls ? w->captbls * 2 : 8;
		tbl		   *nt;

		if (w->captbls > INT_MAX / 4 ||
			(nt = realloc(w->tbls, (size_t) cap * sizeof(tbl))) == NULL)
		{
			w->oom = true;
			return false;
		}
		w->tbls = nt;
		w->captbls = cap;
	}
	t = &w->tbls[w->ntbls++];
	memset(t, 0, sizeof(*t));
	t->node = node;
	t->rowno = -1;
	return true;
}

static void end_cell(walker *w);

static void
end_row(walker *w)
{
	tbl		   *t = top(w);

	if (t->cell)
		end_cell(w);
	if (w->owner == w->ntbls - 1 && t->col > 0)
		pad_to(w, t->col - 1);	/* the last cell's colspan */
	end_line(w);
	t->row = NULL;
}

static void
start_row(walker *w, xmlNodePtr row)
{
	tbl		   *t = top(w);

	if (t->row)
		end_row(w);
	t->row = row;
	t->rowno++;
	t->col = 0;
}

static void
start_cell(walker *w, xmlNodePtr cell)
{
	tbl		   *t = top(w);
	size_t		col,
				colspan,
				rowspan,
				need;

	if (t->row == NULL)
		start_row(w, t->node);	/* a cell outside any <tr> */
	col = t->col;
	while (col < t->nuntil && t->until[col] >= t->rowno)
		col++;
	colspan = span_attr(cell, "colspan");
	rowspan = span_attr(cell, "rowspan");
	need = (colspan - 1) + (rowspan - 1) * colspan;
	if (need > w->pad_left)
		colspan = rowspan = 1;
	else
		w->pad_left -= need;
	if (rowspan > 1)
	{
		if (col + colspan > t->nuntil)
		{
			size_t		n = t->nuntil ? t->nuntil : 16;
			long	   *nu;

			while (n < col + colspan)
				n *= 2;
			if (n > SIZE_MAX / sizeof(long) || (nu = realloc(t->until, n * sizeof(long))) == NULL)
			{
				w->oom = true;
				return;
			}
			for (size_t c = t->nuntil; c < n; c++)
				nu[c] = -1;
			t->until = nu;
			t->nuntil = n;
		}
		for (size_t c = col; c < col + colspan; c++)
			t->until[c] = t->rowno + (long) rowspan - 1;
	}
	t->cell = cell;
	t->cell_col = col;
	t->cell_layout = cell->_private == HAS_TABLE;
	t->col = col + colspan;
	if (t->cell_layout)
		end_line(w);			/* read like a block outside tables */
	else
	{
		own_line(w);
		pad_to(w, col);
	}
}

static void
end_cell(walker *w)
{
	tbl		   *t = top(w);

	if (t->cell_layout)
		end_line(w);
	t->cell = NULL;
	t->cell_layout = false;
}

static void
pop_table(walker *w)
{
	tbl		   *t = top(w);

	if (t->row)
		end_row(w);
	end_line(w);
	free(t->until);
	w->ntbls--;
}

/* ------------------------------------------------------------------ */
/* The walk */

/* Entering an element; false: do not read inside it. */
static bool
enter(walker *w, xmlNodePtr n)
{
	tbl		   *t = top(w);
	elclass		cls = classify(n);

	if (cls == EL_SKIP)
		return false;
	if (cls == EL_TABLE)
	{
		end_line(w);
		return push_table(w, n);
	}
	if (cls == EL_ROW && t != NULL && t->cell == NULL)
		start_row(w, n);
	else if (cls == EL_CELL && t != NULL && t->cell == NULL)
		start_cell(w, n);
	else if (cls != EL_INLINE)
		block(w);				/* blocks, and rows and cells out of place */
	return true;
}

static void
leave(walker *w, xmlNodePtr n)
{
	tbl		   *t = top(w);
	elclass		cls = classify(n);

	if (cls == EL_SKIP || cls == EL_INLINE)
		return;
	if (cls == EL_TABLE)
	{
		if (t != NULL && t->node == n)
			pop_table(w);
	}
	else if (cls == EL_ROW && t != NULL && t->row == n)
		end_row(w);
	else if (cls == EL_CELL && t != NULL && t->cell == n)
		end_cell(w);
	else
		block(w);
}

/*
 * Visit the tree below doc in document order.  With w, read it; without,
 * mark every element that has a table below it (HAS_TABLE).  Skipped
 * elements are not entered either way.
 */
static void
walk(xmlDocPtr doc, walker *w)
{
	xmlNodePtr	n = doc->children;

	while (n != NULL && !(w && w->oom))
	{
		bool		down = false;

		if (n->type == XML_ELEMENT_NODE)
		{
			if (w)
				down = enter(w, n);
			else if (classify(n) != EL_SKIP)
			{
				down = true;
				if (classify(n) == EL_TABLE)
					for (xmlNodePtr p = n->parent;
						 p != NULL && p->type == XML_ELEMENT_NODE && p->_private != HAS_TABLE;
						 p = p->parent)
						p->_private = HAS_TABLE;
			}
		}
		else if (w && (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE))
			text(w, n->content);

		if (down && n->children != NULL)
		{
			n = n->children;
			continue;
		}
		for (;;)
		{
			if (w && n->type == XML_ELEMENT_NODE)
				leave(w, n);
			if (n->next != NULL)
			{
				n = n->next;
				break;
			}
			n = n->parent;
			if (n == NULL || n == (xmlNodePtr) doc)
			{
				n = NULL;
				break;
			}
		}
	}
}

/* ------------------------------------------------------------------ */
/* libxml2's error reporting, silenced for the call */

static void
silent_generic(void *ctx, const char *msg,...)
{
	(void) ctx;
	(void) msg;
}

#if LIBXML_VERSION >= 21200
static void
silent_structured(void *ctx, const xmlError *e)
#else
static void
silent_structured(void *ctx, xmlErrorPtr e)
#endif
{
	(void) ctx;
	(void) e;
}

static void
set_err(char *err, size_t errcap, const char *msg)
{
	if (err != NULL && errcap > 0)
		snprintf(err, errcap, "%s", msg);
}

bool
gd_html_to_text(const char *html, size_t len, char **out, size_t *outlen, char *err, size_t errcap)
{
	walker		w;
	htmlParserCtxtPtr ctxt;
	htmlDocPtr	doc = NULL;
	const char *fail = NULL;
	xmlGenericErrorFunc old_generic;
	void	   *old_generic_ctx;
	xmlStructuredErrorFunc old_structured;
	void	   *old_structured_ctx;
#if LIBXML_VERSION < 21200
	xmlError	saved_last;		/* xmlLastError, restored at the end */
#endif
	const int	options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
		HTML_PARSE_NONET | HTML_PARSE_IGNORE_ENC | HTML_PARSE_COMPACT;

	*out = NULL;
	*outlen = 0;
	set_err(err, errcap, "");
	if (len > INT_MAX)
	{
		set_err(err, errcap, "the HTML page is too large (over 2 GB)");
		return false;
	}
	memset(&w, 0, sizeof(w));
	w.owner = -1;
	w.cap = 4096;
	w.pad_left = GD_HTML_PAD_BASE;
	w.pad_left += len <= (SIZE_MAX - GD_HTML_PAD_BASE) / GD_HTML_PAD_PER_BYTE ?
		len * GD_HTML_PAD_PER_BYTE : 0;
	if ((w.buf = malloc(w.cap)) == NULL)
	{
		set_err(err, errcap, "out of memory reading the HTML page");
		return false;
	}

	if (len > 0)
	{
		xmlInitParser();
		old_generic = xmlGenericError;
		old_generic_ctx = xmlGenericErrorContext;
		old_structured = xmlStructuredError;
		old_structured_ctx = xmlStructuredErrorContext;
		xmlSetGenericErrorFunc(NULL, silent_generic);
		xmlSetStructuredErrorFunc(NULL, silent_structured);
#if LIBXML_VERSION < 21200
		memset(&saved_last, 0, sizeof(saved_last));
		xmlCopyError(&xmlLastError, &saved_last);
#endif

		if ((ctxt = htmlNewParserCtxt()) == NULL)
			fail = "out of memory reading the HTML page";
		else
		{
			doc = htmlCtxtReadMemory(ctxt, html, (int) len, NULL, "UTF-8", options);
			/* halted: the rest of the page is lost; say so, never guess */
			if (doc != NULL && (ctxt->disableSAX || ctxt->instate == XML_PARSER_EOF))
				fail = ctxt->errNo == XML_ERR_NO_MEMORY ?
					"out of memory reading the HTML page" :
					"libxml2 stopped reading the HTML page before its end (elements nested deeper than its limit of 256 levels?)";
			else if (doc == NULL)
				fail = "libxml2 could not read the input as HTML";
			else
			{
				walk(doc, NULL);
				walk(doc, &w);
				while (w.ntbls > 0)
					pop_table(&w);
			}
			xmlFreeDoc(doc);
			htmlFreeParserCtxt(ctxt);
		}

#if LIBXML_VERSION < 21200
		xmlResetError(&xmlLastError);
		xmlCopyError(&saved_last, &xmlLastError);
		xmlResetError(&saved_last);
#endif
		xmlSetGenericErrorFunc(old_generic_ctx, old_generic);
		xmlSetStructuredErrorFunc(old_structured_ctx, old_structured);

		if (fail != NULL)
		{
			free(w.buf);
			free(w.tbls);
			set_err(err, errcap, fail);
			return false;
		}
	}
	end_line(&w);
	put(&w, "", 1);				/* the NUL */
	for (int i = 0; i < w.ntbls; i++)
		free(w.tbls[i].until);
	free(w.tbls);
	if (w.oom)
	{
		free(w.buf);
		set_err(err, errcap, "out of memory reading the HTML page");
		return false;
	}
	*out = w.buf;
	*outlen = w.len - 1;
	return true;
}

/* ------------------------------------------------------------------ */
/* Sniffing */

static bool
starts_ci(const char *s, size_t n, const char *word)
{
	size_t		l = strlen(word);

	if (n < l)
		return false;
	for (size_t i = 0; i < l; i++)
	{
		char		c = s[i];

		if (c >= 'A' && c <= 'Z')
			c = (char) (c - 'A' + 'a');
		if (c != word[i])
			return false;
	}
	return true;
}

static bool
is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* The end of the first occurrence of needle in s[0..n), or n. */
static size_t
skip_past(const char *s, size_t n, const char *needle)
{
	size_t		l = strlen(needle);

	for (size_t i = 0; i + l <= n; i++)
		if (memcmp(s + i, needle, l) == 0)
			return i + l;
	return n;
}

bool
gd_looks_like_html(const char *s, size_t len)
{
	static const char *const tags[] = {
		"html", "head", "body", "meta", "title", "link", "style", "script",
		"table", "div", "p", "span", "font", "center", "h1", "h2", "h3", "h4",
		"h5", "h6"
	};
	size_t		n = len < 4096 ? len : 4096;
	size_t		i = 0;

	if (s == NULL)
		return false;
	if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	for (;;)
	{
		while (i < n && is_ws(s[i]))
			i++;
		if (i >= n || s[i] != '<')
			return false;
		if (starts_ci(s + i, n - i, "<!--"))
			i += skip_past(s + i + 4, n - i - 4, "-->") + 4;
		else if (starts_ci(s + i, n - i, "<?xml"))
			i += skip_past(s + i + 5, n - i - 5, "?>") + 5;
		else
			break;
	}
	if (starts_ci(s + i, n - i, "<!doctype"))
	{
		i += 9;
		while (i < n && is_ws(s[i]))
			i++;
		return starts_ci(s + i, n - i, "html");
	}
	i++;
	for (size_t k = 0; k < sizeof(tags) / sizeof(tags[0]); k++)
	{
		size_t		l = strlen(tags[k]);

		if (starts_ci(s + i, n - i, tags[k]) &&
			(i + l == n || is_ws(s[i + l]) || s[i + l] == '>' || s[i + l] == '/'))
			return true;
	}
	return false;
}
