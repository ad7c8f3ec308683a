/*
 * gd_narrative.c — claims of a report's prose about its tables (see
 * gd_narrative.h for what is read and how it is checked).
 *
 * The text is normalised into a buffer with the input line of every byte,
 * then scanned once, left to right, for keywords and for numbers.  No
 * floating point: counts use 128-bit integers, percentages gd_share.h.
 */
#include "gd_narrative.h"
#include "gd_text.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef __SIZEOF_INT128__
#error "govdisclose needs a compiler with a 128-bit integer type"
#endif
__extension__ typedef unsigned __int128 u128;
__extension__ typedef __int128 i128;

/* ------------------------------------------------------------------------
 * Normalisation
 * ------------------------------------------------------------------------ */


/* The normalised text, with the 1-based input line of every byte. */
typedef struct ntext
{
	char	   *s;
	int		   *line;
	size_t		n;
} ntext;

/* Room for the fold of one code point, and the space before it. */
#define FOLD_ROOM (GD_FOLD_MAX * 4 + 1)

/* Make room for FOLD_ROOM more bytes and the NUL at the end. */
static bool
reserve(ntext *t, size_t *cap)
{
	size_t		want = t->n + FOLD_ROOM + 1;
	char	   *s;
	int		   *line;

	if (want <= *cap)
		return true;
	want = want < *cap * 2 ? *cap * 2 : want;
	s = realloc(t->s, want);
	if (s == NULL)
		return false;
	t->s = s;
	line = realloc(t->line, want * sizeof(int));
	if (line == NULL)
		return false;
	t->line = line;
	*cap = want;
	return true;
}

/*
 * The characters go through the shared fold (gd_fold), which can expand
 * one (㈠ → "(一)"), so the buffer grows as needed; the fold's spaces are
 * removed here (one is kept between two digits).
 */
static bool
normalise(const char *text, size_t len, ntext *t)
{
	const unsigned char *p = (const unsigned char *) text;
	size_t		i = 0;
	size_t		cap = len + FOLD_ROOM + 1;
	int			line = 1;
	bool		pending_space = false;
	bool		last_digit = false;
	bool		ok;

	t->n = 0;
	t->s = malloc(cap);
	t->line = malloc(cap * sizeof(int));
	ok = t->s != NULL && t->line != NULL;
	while (ok && i < len)
	{
		uint32_t	cp = 0;
		size_t		k = gd_utf8_decode(p + i, len - i, &cp);
		uint32_t	folded[GD_FOLD_MAX];
		int			nfolded;

		if (k == 0)
		{
			/* invalid or truncated: one byte becomes '?' */
			k = 1;
			cp = '?';
		}
		i += k;
		if (cp == '\n')
		{
			if (line < INT32_MAX)
				line++;
			pending_space = true;
			continue;
		}
		/* controls that are not whitespace stop patterns, as '?' */
		if ((cp < 0x20 && cp != '\t' && cp != '\r' && cp != '\v' && cp != '\f') ||
			cp == 0x7F)
			cp = '?';
		nfolded = gd_fold(cp, folded);
		if (!(ok = reserve(t, &cap)))
			break;
		for (int f = 0; f < nfolded; f++)
		{
			uint32_t	c = folded[f];
			bool		digit = c >= '0' && c <= '9';

			if (c == ' ')
			{
				pending_space = true;
				continue;
			}
			if (pending_space && last_digit && digit)
			{
				t->s[t->n] = ' ';
				t->line[t->n++] = line;
			}
			pending_space = false;
			for (size_t b = 0, e = gd_utf8_encode(c, t->s + t->n); b < e; b++)
				t->line[t->n++] = line;
			last_digit = digit;
		}
	}
	if (!ok)
	{
		free(t->s);
		free(t->line);
		t->s = NULL;
		t->line = NULL;
		return false;
	}
	t->s[t->n] = '\0';
	t->line[t->n] = line;
	return true;
}

/* ------------------------------------------------------------------------
 * Scanning helpers over the normalised text
 * ------------------------------------------------------------------------ */

static bool
at(const ntext *t, size_t pos, const char *lit, size_t *end)
{
	size_t		l = strlen(lit);

	if (pos > t->n || t->n - pos < l || memcmp(t->s + pos, lit, l) != 0)
		return false;
	if (end)
		*end = pos + l;
	return true;
}

static bool
digit_at(const ntext *t, size_t pos)
{
	return pos < t->n && t->s[pos] >= '0' && t->s[pos] <= '9';
}

static bool
char_at(const ntext *t, size_t pos, char c)
{
	return pos < t->n && t->s[pos] == c;
}

static size_t
next_char(const ntext *t, size_t pos)
{
	if (pos >= t->n)
		return t->n;
	pos++;
	while (pos < t->n && (((unsigned char) t->s[pos]) & 0xC0) == 0x80)
		pos++;
	return pos;
}

/*
 * Words that may stand between a keyword and its number without changing
 * what the number counts (受理【政府信息公开申请】617件, 【共计】, 【各类】 …).
 */
static const char *const fillers[] = {
	"政府信息公开申请", "政府资讯公开申请", "政府信息公开", "政府资讯公开",
	"信息公开申请", "依申请公开", "政府信息", "信息公开", "资讯公开", "公开申请",
	"继续办理", "各类", "各项", "共计", "合计", "总计", "累计", "总数", "数量",
	"案件", "件数", "办理", "其中", "本年度", "本年", "全年", "年度", "申请",
	"公开", "相关", "共", "计", "了", "为", "的", "达", "有", "类", "到", "已",
	"需", "将", "仍", ":",
};

#define MAX_FILLERS 16

/* Room for a fixed_text: a 128-bit value, a sign, a point. */
#define FIXED_LEN 96

static size_t
skip_fillers(const ntext *t, size_t pos)
{
	for (int k = 0; k < MAX_FILLERS; k++)
	{
		size_t		best = 0;

		for (size_t f = 0; f < sizeof(fillers) / sizeof(fillers[0]); f++)
		{
			size_t		end;

			if (at(t, pos, fillers[f], &end) && end - pos > best)
				best = end - pos;
		}
		if (best == 0)
			break;
		pos += best;
	}
	return pos;
}

typedef struct number
{
	size_t		start;
	size_t		end;
	int64_t		value;			/* all printed digits, point removed */
	int			decimals;
	bool		ok;				/* at most 15 digits and MAX_DECIMALS */
} number;

/* The number starting at pos (a digit): 617, 1,234, 31.74. */
static void
parse_number(const ntext *t, size_t pos, number *num)
{
	int			digits = 0;
	int			run = 0;

	num->start = pos;
	num->value = 0;
	num->decimals = 0;
	num->ok = true;
	while (digit_at(t, pos))
	{
		if (++digits <= 15)
			num->value = num->value * 10 + (t->s[pos] - '0');
		pos++;
		run++;
	}
	/* thousands separators: 1,234,567 (a group is exactly three digits) */
	if (run <= 3)
		while (char_at(t, pos, ',') && digit_at(t, pos + 1) && digit_at(t, pos + 2) &&
			   digit_at(t, pos + 3) && !digit_at(t, pos + 4))
		{
			for (size_t j = pos + 1; j <= pos + 3; j++)
				if (++digits <= 15)
					num->value = num->value * 10 + (t->s[j] - '0');
			pos += 4;
		}
	if (char_at(t, pos, '.') && digit_at(t, pos + 1))
	{
		pos++;
		while (digit_at(t, pos))
		{
			if (++digits <= 15)
				num->value = num->value * 10 + (t->s[pos] - '0');
			num->decimals++;
			pos++;
		}
	}
	num->end = pos;
	if (digits > 15 || num->decimals > GD_NARRATIVE_MAX_DECIMALS)
		num->ok = false;
}

/* Is pos the start of a number (not inside one)? */
static bool
number_starts(const ntext *t, size_t pos)
{
	char		prev;

	if (!digit_at(t, pos))
		return false;
	if (pos == 0)
		return true;
	prev = t->s[pos - 1];
	return !(prev >= '0' && prev <= '9') && prev != '.';
}

/* Fillers, then a whole count followed by 件 (or 起 when cases is set). */
static bool
count_after(const ntext *t, size_t pos, bool cases, number *num, size_t *end)
{
	pos = skip_fillers(t, pos);
	if (!number_starts(t, pos))
		return false;
	parse_number(t, pos, num);
	if (num->decimals > 0)		/* too long to read is a claim still (unreadable) */
		return false;
	if (at(t, num->end, "件", end))
		return true;
	return cases && at(t, num->end, "起", end);
}

/* 占 (比 / 总数的 / …, at most 12 characters) X% at pos. */
static bool
percent_at(const ntext *t, size_t pos, number *num, size_t *end)
{
	if (!at(t, pos, "占", &pos))
		return false;
	for (int k = 0; k < 12 && pos < t->n && !digit_at(t, pos); k++)
	{
		if ((t->s[pos] != '\0' && strchr(",;()%!?\t", t->s[pos]) != NULL) ||
			at(t, pos, "。", NULL) ||
			at(t, pos, "、", NULL) || at(t, pos, "件", NULL))
			return false;
		pos = next_char(t, pos);
	}
	if (!number_starts(t, pos))
		return false;
	parse_number(t, pos, num);
	if (!char_at(t, num->end, '%'))
		return false;
	*end = num->end + 1;
	return true;
}

/* pos at '(': the position after its ')' (nested, within 400 bytes), or 0. */
static size_t
paren_end(const ntext *t, size_t pos)
{
	int			depth = 0;

	for (size_t q = pos; q < t->n && q < pos + 400; q++)
	{
		if (t->s[q] == '(')
			depth++;
		else if (t->s[q] == ')' && --depth == 0)
			return q + 1;
	}
	return 0;
}

/* ------------------------------------------------------------------------
 * Finding claims
 * ------------------------------------------------------------------------ */

typedef struct keyword
{
	const char *text;
	gd_claim_kind kind;			/* GROUP_COUNT and ROW_COUNT read a percent too */
	int			group;			/* GD_GROUP_*, GD_ROW_* for ROW_COUNT, or -1 */
} keyword;

/* At each position the longest keyword that matches is taken. */
static const keyword keywords[] = {
	{"予以公开及部分公开", GD_CLAIM_GROUP_COUNT, GD_GROUP_DISCLOSED},
	{"予以公开和部分公开", GD_CLAIM_GROUP_COUNT, GD_GROUP_DISCLOSED},
	{"予以公开与部分公开", GD_CLAIM_GROUP_COUNT, GD_GROUP_DISCLOSED},
	{"公开及部分公开", GD_CLAIM_GROUP_COUNT, GD_GROUP_DISCLOSED},
	{"公开和部分公开", GD_CLAIM_GROUP_COUNT, GD_GROUP_DISCLOSED},
	{"予以公开", GD_CLAIM_ROW_COUNT, GD_ROW_DISCLOSED},
	{"部分公开", GD_CLAIM_ROW_COUNT, GD_ROW_PARTIALLY_DISCLOSED},
	{"不予以公开", GD_CLAIM_GROUP_COUNT, GD_GROUP_WITHHELD},
	{"不予公开", GD_CLAIM_GROUP_COUNT, GD_GROUP_WITHHELD},
	{"无法提供", GD_CLAIM_GROUP_COUNT, GD_GROUP_UNABLE},
	{"不予以处理", GD_CLAIM_GROUP_COUNT, GD_GROUP_NOT_PROCESSED},
	{"不予处理", GD_CLAIM_GROUP_COUNT, GD_GROUP_NOT_PROCESSED},
	{"其他处理", GD_CLAIM_GROUP_COUNT, GD_GROUP_OTHER},
	{"其它处理", GD_CLAIM_GROUP_COUNT, GD_GROUP_OTHER},
	{"受理", GD_CLAIM_RECEIVED, -1},
	{"新收", GD_CLAIM_RECEIVED, -1},
	{"收到", GD_CLAIM_RECEIVED, -1},
	{"答复", GD_CLAIM_HANDLED, -1},
	{"办结", GD_CLAIM_HANDLED, -1},
	{"办理完毕", GD_CLAIM_HANDLED, -1},
	{"上一年度结转", GD_CLAIM_CARRIED_OVER, -1},
	{"上年度结转", GD_CLAIM_CARRIED_OVER, -1},
	{"上年结转", GD_CLAIM_CARRIED_OVER, -1},
	{"结转至下一年度", GD_CLAIM_CARRIED_FORWARD, -1},
	{"结转至下年度", GD_CLAIM_CARRIED_FORWARD, -1},
	{"结转到下年度", GD_CLAIM_CARRIED_FORWARD, -1},
	{"结转下一年度", GD_CLAIM_CARRIED_FORWARD, -1},
	{"结转下年度", GD_CLAIM_CARRIED_FORWARD, -1},
	{"转入下一年度", GD_CLAIM_CARRIED_FORWARD, -1},
	{"转入下年度", GD_CLAIM_CARRIED_FORWARD, -1},
	{"转至下年度", GD_CLAIM_CARRIED_FORWARD, -1},
	{"行政复议", GD_CLAIM_REVIEW_TOTAL, -1},
	{"行政诉讼", GD_CLAIM_SUIT_TOTAL, -1},
};

static const keyword *
keyword_at(const ntext *t, size_t pos, size_t *end)
{
	const keyword *best = NULL;
	size_t		best_end = pos;

	for (size_t k = 0; k < sizeof(keywords) / sizeof(keywords[0]); k++)
	{
		const char *kt = keywords[k].text;
		size_t		e;

		/*
		 * Called at every position of the text: reject on the first bytes
		 * (one CJK character) before measuring and comparing the keyword.
		 */
		if (pos >= t->n || kt[0] != t->s[pos] ||
			(kt[1] != '\0' && (pos + 1 >= t->n || kt[1] != t->s[pos + 1])) ||
			(kt[1] != '\0' && kt[2] != '\0' && (pos + 2 >= t->n || kt[2] != t->s[pos + 2])))
			continue;
		if (at(t, pos, kt, &e) && e > best_end)
		{
			best = &keywords[k];
			best_end = e;
		}
	}
	*end = best_end;
	return best;
}

typedef struct found
{
	size_t		at;				/* offset of the figure, for the order */
	size_t		seq;
	gd_claim	c;
} found;

typedef struct collector
{
	const ntext *t;
	found	   *v;
	size_t		n;
	size_t		cap;
} collector;

static void
add_claim(collector *col, gd_claim_kind kind, int group, const number *num,
		  bool percent, size_t from, size_t to)
{
	const ntext *t = col->t;
	gd_claim   *c;
	size_t		plen;

	if (col->n == col->cap)
	{
		size_t		cap = col->cap ? col->cap * 2 : 32;
		found	   *v = realloc(col->v, cap * sizeof(found));

		if (v == NULL)
			return;				/* out of memory: keep what was found */
		col->v = v;
		col->cap = cap;
	}
	col->v[col->n].at = num->start;
	col->v[col->n].seq = col->n;
	c = &col->v[col->n].c;
	col->n++;

	memset(c, 0, sizeof(*c));
	c->line = t->line[num->start];
	c->kind = kind;
	c->group = group;
	c->decimals = percent ? num->decimals : 0;
	if (!num->ok)
	{
		/* too long to read: the figure as printed (ASCII after the fold) */
		size_t		len = num->end - num->start;
		size_t		room = sizeof(c->stated_text) - 1 - (percent ? 1 : 0);

		c->unreadable = true;
		if (len > room)
		{
			memcpy(c->stated_text, t->s + num->start, room - 3);
			memcpy(c->stated_text + room - 3, "...", 3);
			len = room;
		}
		else
			memcpy(c->stated_text, t->s + num->start, len);
		if (percent)
			c->stated_text[len++] = '%';
		c->stated_text[len] = '\0';
	}
	else
	{
		/* the printed digits without separators: at most 15, a point and % */
		char		digits[24];
		size_t		k = 0;
		size_t		d = 0;
		int64_t		v = num->value;

		c->stated = num->value;
		do
		{
			digits[k++] = (char) ('0' + (int) (v % 10));
			v /= 10;
		} while ((v > 0 || k <= (size_t) c->decimals) && k < 16);
		while (k > 0)
		{
			c->stated_text[d++] = digits[--k];
			if (k == (size_t) c->decimals && k > 0)
				c->stated_text[d++] = '.';
		}
		if (percent)
			c->stated_text[d++] = '%';
		c->stated_text[d] = '\0';
	}
	plen = to > from ? to - from : 0;
	if (plen > sizeof(c->phrase) - 1)
		plen = gd_utf8_prefix(t->s + from, sizeof(c->phrase) - 1);
	memcpy(c->phrase, t->s + from, plen);
	c->phrase[plen] = '\0';
}

/* 纠错 / 纠正 … M件 after a review or litigation count, in the same clause run. */
static void
corrected_after(collector *col, gd_claim_kind kind, size_t start, size_t pos)
{
	const ntext *t = col->t;
	size_t		q = pos;

	while (q < t->n && q - pos < 240)
	{
		size_t		k;

		if (strchr(";\t!?", t->s[q]) != NULL || at(t, q, "。", NULL) ||
			at(t, q, "行政复议", NULL) || at(t, q, "行政诉讼", NULL))
			return;
		if (at(t, q, "纠错", &k) || at(t, q, "纠正", &k))
		{
			number		cn;
			size_t		ce;

			if (count_after(t, k, true, &cn, &ce))
			{
				add_claim(col, kind, -1, &cn, false, start, ce);
				return;
			}
			q = k;
			continue;
		}
		q = next_char(t, q);
	}
}

/* A group's or row's count, and the percentage that follows it. */
static size_t
outcome_claim(collector *col, const keyword *kw, size_t start, size_t kend)
{
	const ntext *t = col->t;
	gd_claim_kind kind = kw->kind;
	int			group = kw->group;
	number		num;
	number		pn;
	size_t		e;
	size_t		pe;
	size_t		q;

	/* 不予公开占3.32%: a percentage without the count */
	q = skip_fillers(t, kend);
	if (percent_at(t, q, &pn, &pe))
	{
		if (kind == GD_CLAIM_GROUP_COUNT)
			add_claim(col, GD_CLAIM_GROUP_PERCENT, group, &pn, true, start, pe);
		return pe;
	}
	if (!count_after(t, kend, false, &num, &e))
		return kend;

	q = e;
	if (char_at(t, q, '('))
	{
		size_t		close = paren_end(t, q);
		size_t		in = q + 1;

		/* 予以公开153件（含部分公开15件）: 153 is the group */
		if (kind == GD_CLAIM_ROW_COUNT && group == GD_ROW_DISCLOSED)
		{
			size_t		r = in;

			if (!at(t, r, "含", &r) && !at(t, r, "其中", &r) && !at(t, r, "包括", &r))
				(void) at(t, r, "包含", &r);
			if (at(t, r, "部分公开", NULL))
			{
				kind = GD_CLAIM_GROUP_COUNT;
				group = GD_GROUP_DISCLOSED;
			}
		}
		add_claim(col, kind, group, &num, false, start, e);
		if (percent_at(t, in, &pn, &pe))
		{
			if (kind == GD_CLAIM_GROUP_COUNT)
				add_claim(col, GD_CLAIM_GROUP_PERCENT, group, &pn, true, start,
						  char_at(t, pe, ')') ? pe + 1 : pe);
			return e;
		}
		if (close == 0)
			return e;
		q = close;
	}
	else
		add_claim(col, kind, group, &num, false, start, e);

	if (char_at(t, q, ','))
		q++;
	if (kind == GD_CLAIM_GROUP_COUNT && percent_at(t, q, &pn, &pe))
		add_claim(col, GD_CLAIM_GROUP_PERCENT, group, &pn, true, start, pe);
	return e;
}

/* A keyword at start (ending at kend): read its claim; where to go on. */
static size_t
keyword_claim(collector *col, const keyword *kw, size_t start, size_t kend)
{
	number		num;
	size_t		e;

	switch (kw->kind)
	{
		case GD_CLAIM_GROUP_COUNT:
		case GD_CLAIM_ROW_COUNT:
			return outcome_claim(col, kw, start, kend);
		case GD_CLAIM_REVIEW_TOTAL:
		case GD_CLAIM_SUIT_TOTAL:
			if (!count_after(col->t, kend, true, &num, &e))
				return kend;
			add_claim(col, kw->kind, -1, &num, false, start, e);
			corrected_after(col, kw->kind == GD_CLAIM_REVIEW_TOTAL ?
							GD_CLAIM_REVIEW_CORRECTED : GD_CLAIM_SUIT_CORRECTED,
							start, e);
			return e;
		default:
			if (!count_after(col->t, kend, false, &num, &e))
				return kend;
			add_claim(col, kw->kind, -1, &num, false, start, e);
			return e;
	}
}

/* A number: N件 … 结转至下年度 is carried forward; else skip the number. */
static size_t
number_claim(collector *col, size_t pos)
{
	const ntext *t = col->t;
	number		num;
	size_t		e;

	parse_number(t, pos, &num);
	if (num.decimals == 0 && at(t, num.end, "件", &e))
	{
		size_t		kend;
		const keyword *kw = keyword_at(t, skip_fillers(t, e), &kend);

		if (kw != NULL && kw->kind == GD_CLAIM_CARRIED_FORWARD)
		{
			add_claim(col, GD_CLAIM_CARRIED_FORWARD, -1, &num, false, pos, kend);
			return kend;
		}
	}
	return num.end > pos ? num.end : pos + 1;
}

static int
found_cmp(const void *a, const void *b)
{
	const found *x = a;
	const found *y = b;

	if (x->at != y->at)
		return x->at < y->at ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

size_t
gd_find_claims(const char *text, size_t len, gd_claim *out, size_t max)
{
	ntext		t;
	collector	col;
	size_t		pos = 0;
	size_t		n;

	if (text == NULL)
		len = 0;
	if (!normalise(text ? text : "", len, &t))
		return 0;
	memset(&col, 0, sizeof(col));
	col.t = &t;
	while (pos < t.n)
	{
		const keyword *kw;
		size_t		kend;

		if (number_starts(&t, pos))
			pos = number_claim(&col, pos);
		else if ((kw = keyword_at(&t, pos, &kend)) != NULL)
			pos = keyword_claim(&col, kw, pos, kend);
		else
			pos = next_char(&t, pos);
	}
	if (col.n > 1)
		qsort(col.v, col.n, sizeof(found), found_cmp);
	n = col.n;
	for (size_t i = 0; out != NULL && i < n && i < max; i++)
		out[i] = col.v[i].c;
	free(col.v);
	free(t.s);
	free(t.line);
	return n;
}

/* ------------------------------------------------------------------------
 * Checking
 * ------------------------------------------------------------------------ */

static const char *const kind_names[] = {
	"received", "handled", "carried_over", "carried_forward", "group_count",
	"group_percent", "row_count", "review_total", "review_corrected",
	"suit_total", "suit_corrected",
};

const char *
gd_claim_kind_name(gd_claim_kind k)
{
	if ((int) k < 0 || (size_t) k >= sizeof(kind_names) / sizeof(kind_names[0]))
		return NULL;
	return kind_names[k];
}

static uint64_t
magnitude(int64_t x)
{
	return x < 0 ? (uint64_t) 0 - (uint64_t) x : (uint64_t) x;
}

/* An unsigned 128-bit value in decimal; buf >= 40 bytes. */
static void
u128_text(u128 v, char *buf)
{
	char		tmp[40];
	int			n = 0;

	do
	{
		tmp[n++] = (char) ('0' + (int) (v % 10));
		v /= 10;
	} while (v > 0);
	for (int i = 0; i < n; i++)
		buf[i] = tmp[n - 1 - i];
	buf[n] = '\0';
}

/* v in units of 10^-decimals as text: 3153, 2 -> "31.53"; buf >= FIXED_LEN. */
static void
fixed_text(i128 v, int decimals, char *buf)
{
	u128		a = v < 0 ? (u128) 0 - (u128) v : (u128) v;
	u128		scale = 1;
	char		ip[40];
	char		fp[40];

	for (int i = 0; i < decimals; i++)
		scale *= 10;
	u128_text(a / scale, ip);
	if (decimals == 0)
	{
		snprintf(buf, FIXED_LEN, "%s%s", v < 0 ? "-" : "", ip);
		return;
	}
	u128_text(a % scale + scale, fp);	/* leading 1 keeps the zeros */
	snprintf(buf, FIXED_LEN, "%s%s.%s", v < 0 ? "-" : "", ip, fp + 1);
}

/*
 * 100 * part / whole exactly: its integer part, then up to digits decimals,
 * stopping when the division ends, "…" when it goes on.  buf >= 96 bytes.
 */
static void
exact_text(int64_t part, int64_t whole, int digits, char *buf)
{
	uint64_t	w = magnitude(whole);
	u128		a = (u128) magnitude(part) * 100;
	u128		rem = a % w;
	size_t		n;

	buf[0] = '\0';
	if ((part < 0) != (whole < 0) && part != 0)
		strcpy(buf, "-");
	n = strlen(buf);
	u128_text(a / w, buf + n);
	n = strlen(buf);
	if (rem == 0)
		return;
	buf[n++] = '.';
	for (int i = 0; i < digits && rem != 0; i++)
	{
		rem *= 10;
		buf[n++] = (char) ('0' + (int) (rem / w));
		rem %= w;
	}
	buf[n] = '\0';
	if (rem != 0)
		strcat(buf, "…");
}

static int64_t
clamp64(i128 v)
{
	if (v > (i128) INT64_MAX)
		return INT64_MAX;
	if (v < (i128) INT64_MIN)
		return INT64_MIN;
	return (int64_t) v;
}

/* ---- where a value comes from, with the Chinese labels ---- */

static const gd_item *
request_row(int row)
{
	return &gd_sections[GD_SEC_REQUESTS].items[row];
}

static void
sb_row(gd_sbuf *b, int row)
{
	gd_sb_printf(b, "三 requests, row %s「%s」, column total「%s」",
			  request_row(row)->code, request_row(row)->label_zh,
			  gd_request_columns[GD_COL_TOTAL].label_zh);
}

static void
sb_block(gd_sbuf *b, int block, int cell)
{
	const gd_item *it = &gd_sections[GD_SEC_APPEALS].items[block];

	gd_sb_printf(b, "四 appeals, block %s「%s」, cell %s「%s」", it->code, it->label_zh,
			  it->cellset->cells[cell].code, it->cellset->cells[cell].label_zh);
}

/* The rows of a group whose totals are not known, as "a, b". */
static void
sb_unknown_rows(gd_sbuf *b, const gd_report *r, int group)
{
	bool		first = true;

	for (int row = 0; row < GD_NROWS; row++)
	{
		int64_t		v;

		if (request_row(row)->group != group || gd_row_total(r, row, &v))
			continue;
		if (gd_effective_template(r) == GD_TMPL_2019 &&
			(row == GD_ROW_OTHER_NO_CORRECTION || row == GD_ROW_OTHER_NO_FEE))
			continue;
		gd_sb_printf(b, "%s%s「%s」", first ? "" : ", ", request_row(row)->code,
				  request_row(row)->label_zh);
		first = false;
	}
}

/* strlen within a fixed array that a caller may not have terminated */
static size_t
bounded_len(const char *s, size_t max)
{
	size_t		n = 0;

	while (n < max && s[n] != '\0')
		n++;
	return n;
}

static void
sb_head(gd_sbuf *b, const gd_claim *c)
{
	gd_sb_printf(b, "line %d「%.*s」: states %.*s", c->line,
			  (int) gd_utf8_prefix(c->phrase, bounded_len(c->phrase, sizeof(c->phrase))),
			  c->phrase,
			  (int) bounded_len(c->stated_text, sizeof(c->stated_text)), c->stated_text);
}

static bool
appeal_value(const gd_report *r, int block, int cell, i128 *v)
{
	int			idx = GD_APP_CELL(block, cell);

	if (!r->present[GD_SEC_APPEALS])
		return false;
	if (!r->isnull[idx])
	{
		*v = r->v[idx];
		return true;
	}
	if (cell != GD_ACELL_TOTAL)
		return false;
	/* a total not printed: the sum of the four others, when they are */
	*v = 0;
	for (int k = 0; k < GD_NACELLS; k++)
	{
		if (k == GD_ACELL_TOTAL)
			continue;
		if (r->isnull[GD_APP_CELL(block, k)])
			return false;
		*v += r->v[GD_APP_CELL(block, k)];
	}
	return true;
}

static void
finish_count(gd_claim_check *out, gd_sbuf *b, const gd_claim *c, i128 value,
			 void (*where) (gd_sbuf *, const void *), const void *arg)
{
	char		txt[FIXED_LEN];

	fixed_text(value, 0, txt);
	out->computed = clamp64(value);
	snprintf(out->computed_text, sizeof(out->computed_text), "%s", txt);
	out->status = value == (i128) c->stated ? GD_CLAIM_AGREES : GD_CLAIM_DIFFERS;
	gd_sb_printf(b, out->status == GD_CLAIM_AGREES ? ", which agrees with " : ", but ");
	where(b, arg);
	gd_sb_printf(b, out->status == GD_CLAIM_AGREES ? " = %s" : " is %s", txt);
}

typedef struct where_arg
{
	int			row;			/* request row, or -1 */
	int			group;
	int			block;
	int			cell;
	bool		suit;			/* both litigation blocks */
	i128		parts[2];
	bool		groups_sum;		/* handled: the sum of the five groups */
} where_arg;

static void
where_fn(gd_sbuf *b, const void *p)
{
	const where_arg *w = p;

	if (w->suit)
	{
		char		a[FIXED_LEN];
		char		c[FIXED_LEN];
		const gd_item *it = gd_sections[GD_SEC_APPEALS].items;

		fixed_text(w->parts[0], 0, a);
		fixed_text(w->parts[1], 0, c);
		gd_sb_printf(b, "四 appeals, %s「%s」 of blocks suit_direct「%s」 + suit_after_review「%s」 (%s + %s)",
				  it[GD_BLOCK_SUIT_DIRECT].cellset->cells[w->cell].code,
				  it[GD_BLOCK_SUIT_DIRECT].cellset->cells[w->cell].label_zh,
				  it[GD_BLOCK_SUIT_DIRECT].label_zh, it[GD_BLOCK_SUIT_AFTER_REVIEW].label_zh,
				  a, c);
	}
	else if (w->block >= 0)
		sb_block(b, w->block, w->cell);
	else if (w->row >= 0)
	{
		sb_row(b, w->row);
		if (w->groups_sum)
			gd_sb_printf(b, " (not printed: the sum of the five groups)");
	}
	else
		gd_sb_printf(b, "三 requests, group %s「%s」, column total「%s」 (the sum of its rows)",
				  gd_groups[w->group].code, gd_groups[w->group].label_zh,
				  gd_request_columns[GD_COL_TOTAL].label_zh);
}

static void
unconfirmed(gd_claim_check *out)
{
	out->status = GD_CLAIM_UNCONFIRMED;
	out->computed = 0;
	snprintf(out->computed_text, sizeof(out->computed_text), "NULL");
}

static void
check_count(const gd_claim *c, const gd_report *r, gd_claim_check *out, gd_sbuf *b)
{
	where_arg	w;
	int64_t		v64;
	i128		v;

	memset(&w, 0, sizeof(w));
	w.row = -1;
	w.group = -1;
	w.block = -1;
	switch (c->kind)
	{
		case GD_CLAIM_RECEIVED:
		case GD_CLAIM_CARRIED_OVER:
		case GD_CLAIM_CARRIED_FORWARD:
		case GD_CLAIM_HANDLED:
		case GD_CLAIM_ROW_COUNT:
			w.row = c->kind == GD_CLAIM_RECEIVED ? GD_ROW_NEW_RECEIVED :
				c->kind == GD_CLAIM_CARRIED_OVER ? GD_ROW_CARRIED_OVER :
				c->kind == GD_CLAIM_CARRIED_FORWARD ? GD_ROW_CARRIED_FORWARD :
				c->kind == GD_CLAIM_HANDLED ? GD_ROW_HANDLED_TOTAL : c->group;
			if (w.row < 0 || w.row >= GD_NROWS)
				break;
			if (r->present[GD_SEC_REQUESTS] && gd_row_total(r, w.row, &v64))
			{
				finish_count(out, b, c, v64, where_fn, &w);
				return;
			}
			if (c->kind == GD_CLAIM_HANDLED && r->present[GD_SEC_REQUESTS])
			{
				gd_outcomes o;

				gd_outcome_counts(r, &o);
				if (o.whole_known)
				{
					w.groups_sum = true;
					finish_count(out, b, c, o.whole, where_fn, &w);
					return;
				}
			}
			unconfirmed(out);
			if (!r->present[GD_SEC_REQUESTS])
			{
				gd_sb_printf(b, ", which cannot be confirmed: section 三 is not given");
				return;
			}
			gd_sb_printf(b, ", which cannot be confirmed: ");
			sb_row(b, w.row);
			gd_sb_printf(b, " is not known (NULL)%s",
					  c->kind == GD_CLAIM_HANDLED ? ", nor are all five groups" : "");
			return;

		case GD_CLAIM_GROUP_COUNT:
			{
				gd_outcomes o;

				if (c->group < 0 || c->group >= GD_NGROUPS)
					break;
				w.group = c->group;
				gd_outcome_counts(r, &o);
				if (r->present[GD_SEC_REQUESTS] && o.count_known[c->group])
				{
					finish_count(out, b, c, o.count[c->group], where_fn, &w);
					return;
				}
				unconfirmed(out);
				if (!r->present[GD_SEC_REQUESTS])
				{
					gd_sb_printf(b, ", which cannot be confirmed: section 三 is not given");
					return;
				}
				gd_sb_printf(b, ", which cannot be confirmed: group %s「%s」 needs rows that are not known (NULL): ",
						  gd_groups[c->group].code, gd_groups[c->group].label_zh);
				sb_unknown_rows(b, r, c->group);
				return;
			}

		case GD_CLAIM_REVIEW_TOTAL:
		case GD_CLAIM_REVIEW_CORRECTED:
			w.block = GD_BLOCK_REVIEW;
			w.cell = c->kind == GD_CLAIM_REVIEW_TOTAL ? GD_ACELL_TOTAL : GD_ACELL_CORRECTED;
			if (appeal_value(r, w.block, w.cell, &v))
			{
				finish_count(out, b, c, v, where_fn, &w);
				return;
			}
			unconfirmed(out);
			gd_sb_printf(b, ", which cannot be confirmed: ");
			if (!r->present[GD_SEC_APPEALS])
			{
				gd_sb_printf(b, "section 四 is not given");
				return;
			}
			sb_block(b, w.block, w.cell);
			gd_sb_printf(b, " is not known (NULL)");
			return;

		case GD_CLAIM_SUIT_TOTAL:
		case GD_CLAIM_SUIT_CORRECTED:
			{
				bool		known[2];
				int			blocks[2] = {GD_BLOCK_SUIT_DIRECT, GD_BLOCK_SUIT_AFTER_REVIEW};
				bool		first = true;

				w.suit = true;
				w.cell = c->kind == GD_CLAIM_SUIT_TOTAL ? GD_ACELL_TOTAL : GD_ACELL_CORRECTED;
				for (int i = 0; i < 2; i++)
					known[i] = appeal_value(r, blocks[i], w.cell, &w.parts[i]);
				if (known[0] && known[1])
				{
					finish_count(out, b, c, w.parts[0] + w.parts[1], where_fn, &w);
					return;
				}
				unconfirmed(out);
				gd_sb_printf(b, ", which cannot be confirmed: it is the sum of two blocks, and ");
				for (int i = 0; i < 2; i++)
					if (!known[i])
					{
						if (!first)
							gd_sb_printf(b, " and ");
						sb_block(b, blocks[i], w.cell);
						first = false;
					}
				gd_sb_printf(b, " %s not known (NULL)", known[0] || known[1] ? "is" : "are");
				for (int i = 0; i < 2; i++)
					if (known[i])
					{
						char		t[FIXED_LEN];

						fixed_text(w.parts[i], 0, t);
						gd_sb_printf(b, "; ");
						sb_block(b, blocks[i], w.cell);
						gd_sb_printf(b, " is %s", t);
					}
				return;
			}

		default:
			break;
	}
	unconfirmed(out);
	gd_sb_printf(b, ", which refers to no cell (kind %d, group %d)", (int) c->kind, c->group);
}

static void
sb_methods(gd_sbuf *b, unsigned methods)
{
	int			k = 0;
	int			n = 0;

	for (int m = 0; m < GD_NMETHODS; m++)
		n += (methods >> m) & 1;
	if (n == 0)
	{
		gd_sb_printf(b, "agrees with no rounding method");
		return;
	}
	gd_sb_printf(b, "agrees with ");
	for (int m = 0; m < GD_NMETHODS; m++)
		if (methods & (1u << m))
		{
			gd_sb_printf(b, "%s%s", k == 0 ? "" : k == n - 1 ? " and " : ", ",
					  gd_round_method_names[m]);
			k++;
		}
}

static void
check_percent(const gd_claim *c, const gd_report *r, gd_claim_check *out, gd_sbuf *b)
{
	gd_outcomes o;
	int			g = c->group;
	int			d = c->decimals;
	bool		all_known = true;
	int			unknown_group = -1;
	gd_share_figure fig[GD_NMETHODS];
	char		exact[96];
	char		ftxt[GD_NMETHODS][FIXED_LEN];
	const char *whole_label;

	if (g < 0 || g >= GD_NGROUPS || d < 0 || d > 9)
	{
		unconfirmed(out);
		gd_sb_printf(b, ", which refers to no group (group %d, %d decimals)", g, d);
		return;
	}
	gd_sb_printf(b, " for group %s「%s」", gd_groups[g].code, gd_groups[g].label_zh);
	gd_outcome_counts(r, &o);
	if (!r->present[GD_SEC_REQUESTS] || !o.count_known[g] || !o.whole_known)
	{
		unconfirmed(out);
		gd_sb_printf(b, ", which cannot be confirmed: ");
		if (!r->present[GD_SEC_REQUESTS])
			gd_sb_printf(b, "section 三 is not given");
		else if (!o.count_known[g])
		{
			gd_sb_printf(b, "rows of the group are not known (NULL): ");
			sb_unknown_rows(b, r, g);
		}
		else
		{
			sb_row(b, GD_ROW_HANDLED_TOTAL);
			gd_sb_printf(b, " is not known (NULL), nor are all five groups");
		}
		return;
	}
	whole_label = r->isnull[GD_REQ_CELL(GD_ROW_HANDLED_TOTAL, GD_COL_TOTAL)] ?
		"the sum of the five groups" : request_row(GD_ROW_HANDLED_TOTAL)->label_zh;
	if (o.whole == 0)
	{
		unconfirmed(out);
		gd_sb_printf(b, ", which cannot be confirmed: the whole (%s) is 0, so there is no percentage",
				  whole_label);
		return;
	}

	for (int k = 0; k < GD_NGROUPS; k++)
		if (!o.count_known[k])
		{
			all_known = false;
			if (unknown_group < 0)
				unknown_group = k;
		}
	/* the arithmetic, and which methods give the printed figure: gd_share.h */
	out->methods = gd_share_printed_methods(&o, g, c->stated, d, fig);
	out->computed = clamp64(fig[GD_ROUND_HALF_UP].units);
	for (int m = 0; m < GD_NMETHODS; m++)
	{
		if (fig[m].known)
			fixed_text(fig[m].units, fig[m].decimals, ftxt[m]);
		else
			strcpy(ftxt[m], "?");
	}
	exact_text(o.count[g], o.whole, d + 2, exact);
	{
		gd_sbuf		ct;

		gd_sb_init(&ct, out->computed_text, sizeof(out->computed_text));
		gd_sb_printf(&ct, "%s%% (%s half_up, %s largest_remainder, %s plug_last)", exact,
				  ftxt[0], ftxt[1], ftxt[2]);
	}
	if (out->methods != 0)
		out->status = GD_CLAIM_AGREES;
	else
		out->status = all_known ? GD_CLAIM_DIFFERS : GD_CLAIM_UNCONFIRMED;

	{
		char		cnt[FIXED_LEN];
		char		whole[FIXED_LEN];

		fixed_text(o.count[g], 0, cnt);
		fixed_text(o.whole, 0, whole);
		gd_sb_printf(b, "; the tables give %s of %s (%s) = %s%%, rounded to %d decimal%s: %s half_up",
				  cnt, whole, whole_label, exact, d, d == 1 ? "" : "s", ftxt[GD_ROUND_HALF_UP]);
	}
	if (all_known && fig[GD_ROUND_LARGEST_REMAINDER].decimals == d)
		gd_sb_printf(b, ", %s largest_remainder, %s plug_last: ",
				  ftxt[GD_ROUND_LARGEST_REMAINDER], ftxt[GD_ROUND_PLUG_LAST]);
	else if (all_known)
		gd_sb_printf(b, "; to 2 decimals: %s largest_remainder, %s plug_last: ",
				  ftxt[GD_ROUND_LARGEST_REMAINDER], ftxt[GD_ROUND_PLUG_LAST]);
	else
		gd_sb_printf(b, "; largest_remainder and plug_last need every group, and group %s「%s」 is not known (NULL): ",
				  gd_groups[unknown_group].code, gd_groups[unknown_group].label_zh);
	if (out->status == GD_CLAIM_UNCONFIRMED)
		gd_sb_printf(b, "cannot be confirmed");
	else
		sb_methods(b, out->methods);
}

void
gd_check_claim(const gd_claim *c, const gd_report *r, gd_claim_check *out)
{
	gd_sbuf		b;

	memset(out, 0, sizeof(*out));
	gd_sb_init(&b, out->message, sizeof(out->message));
	sb_head(&b, c);
	if (c->unreadable)
	{
		unconfirmed(out);
		gd_sb_printf(&b, ", a figure too long to read (at most 15 digits, %d after the point): not checked",
				  GD_NARRATIVE_MAX_DECIMALS);
	}
	else if (c->kind == GD_CLAIM_GROUP_PERCENT)
		check_percent(c, r, out, &b);
	else
		check_count(c, r, out, &b);
}

unsigned
gd_claims_rounding_methods(const gd_claim *claims, size_t n, const gd_report *r)
{
	unsigned	mask = (1u << GD_NMETHODS) - 1;
	bool		any = false;

	for (size_t i = 0; i < n; i++)
	{
		gd_claim_check ck;

		if (claims[i].kind != GD_CLAIM_GROUP_PERCENT)
			continue;
		gd_check_claim(&claims[i], r, &ck);
		if (ck.status == GD_CLAIM_UNCONFIRMED)
			continue;
		mask &= ck.methods;
		any = true;
	}
	return any ? mask : 0;
}
