/*
 * gd_parse.c — read a report's tables from its extracted text (gd_parse.h).
 *
 * Passes: normalise (normalise_input) → page furniture (mark_noise) → key
 * view (build_keys) → sections (find_sections) → section 二, 三, 四.
 * Plain C99; every buffer is bounded, nothing recurses.
 */
#include "gd_parse.h"
#include "gd_reassemble.h"
#include "gd_text.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NORM_DROP 0xFFFFFFFFu

/* ------------------------------------------------------------------ */
/* UTF-8 */

/* Cut a NUL-terminated string in place so that it ends on a boundary. */
static void
utf8_fix_end(char *s)
{
	s[gd_utf8_prefix(s, strlen(s))] = '\0';
}

/* ------------------------------------------------------------------ */
/* Normalisation */

static uint32_t
norm_cp(uint32_t cp)
{
	/*
	 * The shared fold (gd_text.h), one code point out per code point in:
	 * normalise_input keeps the input offset of every normalised byte, so
	 * a fold that expands (㈠ → (一), ⑴ → (1)) keeps the input character,
	 * and so do the seven compatibility ideographs whose unified forms take
	 * four bytes (U+FA6C, U+FACF …: normalise_input keeps the input bytes).
	 */
	uint32_t	m = gd_fold1(cp);

	return m == GD_FOLD_DROP ? NORM_DROP : m;
}

/* Is cp part of the key view: letters, digits and ideographs only? */
static bool
key_char(uint32_t cp)
{
	if (cp < 0x80)
		return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') ||
			(cp >= 'A' && cp <= 'Z');
	return cp == 0x3007 || cp == 0x3005 || (cp >= 0x3400 && cp <= 0x9FFF) ||
		(cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3FFFF);
}

typedef struct line_rec
{
	size_t		nstart,
				nend;			/* normalised text, without the line break */
	size_t		ostart,
				oend;			/* input bytes */
	size_t		kstart,
				kend;			/* key view */
	int			lineno;
	bool		ff;				/* held a form feed */
	bool		noise;			/* page furniture: skipped */
} line_rec;

typedef struct ctx
{
	const char *in;
	size_t		inlen;
	char	   *n;				/* normalised text, lines joined by '\n' */
	size_t		nlen;
	uint32_t   *n2o;			/* input offset of each byte of n; nlen + 1 */
	line_rec   *lines;
	int			nlines;
	char	   *k;				/* key view of the non-noise lines */
	size_t		klen;
	uint32_t   *k2n;			/* offset in n of each byte of k */
	int			title_li;		/* line index of the title; -1 */
	gd_parsed  *out;
	int			cap_diags;
	bool		oom;
	bool		run_together;	/* section 三's cells are printed without
								 * separators (crawler text): section 二's
								 * and 四's runs may be cut too */
} ctx;

static bool
normalise_input(ctx *c)
{
	const unsigned char *s = (const unsigned char *) c->in;
	size_t		len = c->inlen;
	size_t		i = 0;
	size_t		maxlines = 1;
	line_rec   *L;

	for (size_t j = 0; j < len; j++)
		if (s[j] == '\n' || s[j] == '\r')
			maxlines++;
	c->n = malloc(len + 1);
	/* offsets in 32 bits: half the memory, and texts are far below 4 GB */
	if (len >= UINT32_MAX)
		return false;
	c->n2o = malloc((len + 1) * sizeof(uint32_t));
	c->lines = malloc(maxlines * sizeof(line_rec));
	if (!c->n || !c->n2o || !c->lines)
		return false;
	c->nlen = 0;
	c->nlines = 0;
	L = &c->lines[0];
	memset(L, 0, sizeof(*L));
	L->lineno = 1;
	for (;;)
	{
		uint32_t	cp;
		int			clen;
		uint32_t	m;
		char		enc[4];
		int			elen;

		if (i >= len || s[i] == '\n' || s[i] == '\r')
		{
			L->nend = c->nlen;
			L->oend = i;
			c->nlines++;
			if (i >= len)
				break;
			if (s[i] == '\r' && i + 1 < len && s[i + 1] == '\n')
			{
				c->n2o[c->nlen] = (uint32_t) i;
				i++;
			}
			else
				c->n2o[c->nlen] = (uint32_t) i;
			c->n[c->nlen++] = '\n';
			i++;
			L = &c->lines[c->nlines];
			memset(L, 0, sizeof(*L));
			L->lineno = c->nlines + 1;
			L->nstart = c->nlen;
			L->ostart = i;
			continue;
		}
		/* printable ASCII and tabs stay as they are: no decoding */
		if ((s[i] >= 0x20 && s[i] < 0x7F) || s[i] == '\t')
		{
			c->n2o[c->nlen] = (uint32_t) i;
			c->n[c->nlen++] = (char) s[i++];
			continue;
		}
		clen = gd_utf8_decode(s + i, len - i, &cp);
		if (clen == 0)
		{
			cp = '?';
			clen = 1;
		}
		if (cp == '\f')
			L->ff = true;
		m = norm_cp(cp);
		if (m != NORM_DROP)
		{
			elen = gd_utf8_encode(m, enc);
			if (elen > clen)
			{
				/* never happens with the tables above; keep the input */
				elen = clen;
				memcpy(enc, s + i, clen);
			}
			for (int b = 0; b < elen; b++)
			{
				c->n2o[c->nlen] = (uint32_t) i;
				c->n[c->nlen++] = enc[b];
			}
		}
		i += clen;
	}
	c->n2o[c->nlen] = (uint32_t) len;
	c->n[c->nlen] = '\0';
	return true;
}

/* Build the key view of one N range into buf (cap bytes), map to N offsets. */
static size_t
key_of_range(const ctx *c, size_t a, size_t b, char *buf, uint32_t *map,
			 size_t cap)
{
	size_t		o = 0;
	size_t		i = a;

	while (i < b)
	{
		uint32_t	cp;
		int			clen;

		if ((unsigned char) c->n[i] < 0x80)
		{
			cp = (unsigned char) c->n[i];
			clen = 1;
		}
		else if ((clen = (int) gd_utf8_decode((const unsigned char *) c->n + i, b - i, &cp)) == 0)
			clen = 1, cp = '?';
		if (key_char(cp))
		{
			if (o + (size_t) clen > cap)
				break;
			for (int j = 0; j < clen; j++)
			{
				buf[o] = c->n[i + j];
				if (map)
					map[o] = (uint32_t) (i + j);
				o++;
			}
		}
		i += clen;
	}
	return o;
}

static bool
build_keys(ctx *c)
{
	c->k = malloc(c->nlen + 1);
	c->k2n = malloc((c->nlen + 1) * sizeof(uint32_t));
	if (!c->k || !c->k2n)
		return false;
	c->klen = 0;
	for (int li = 0; li < c->nlines; li++)
	{
		line_rec   *L = &c->lines[li];

		L->kstart = c->klen;
		if (!L->noise)
			c->klen += key_of_range(c, L->nstart, L->nend, c->k + c->klen,
									c->k2n + c->klen, c->nlen - c->klen);
		L->kend = c->klen;
	}
	c->k[c->klen] = '\0';
	return true;
}

/* Index of the line holding N offset n. */
static int
line_of(const ctx *c, size_t n)
{
	int			lo = 0,
				hi = c->nlines - 1;

	while (lo < hi)
	{
		int			mid = (lo + hi + 1) / 2;

		if (c->lines[mid].nstart <= n)
			lo = mid;
		else
			hi = mid - 1;
	}
	return lo;
}

/* N offset of key position kp (the start of the K char there). */
static size_t
k_to_n(const ctx *c, size_t kp)
{
	return kp < c->klen ? c->k2n[kp] : c->nlen;
}

/* N offset just after the K char ending at k1 (exclusive). */
static size_t
kend_to_n(const ctx *c, size_t k1)
{
	return k1 == 0 ? 0 : c->k2n[k1 - 1] + 1;
}

/* First occurrence of key in k[k0, k1); SIZE_MAX when none. */
static size_t
find_key(const ctx *c, const char *key, size_t k0, size_t k1)
{
	size_t		kl = strlen(key);

	if (k1 > c->klen)
		k1 = c->klen;
	if (kl == 0 || k0 >= k1 || k1 - k0 < kl)
		return SIZE_MAX;
	if (kl < 3)
	{
		for (size_t i = k0; i + kl <= k1; i++)
			if (c->k[i] == key[0] && memcmp(c->k + i, key, kl) == 0)
				return i;
		return SIZE_MAX;
	}

	/*
	 * Jump with memchr to the key's third byte (for a CJK key, a
	 * continuation byte: far rarer than a lead byte), then compare.
	 */
	for (size_t i = k0; i + kl <= k1;)
	{
		const char *p = memchr(c->k + i + 2, key[2], k1 - kl - i + 1);
		size_t		at;

		if (p == NULL)
			return SIZE_MAX;
		at = (size_t) (p - c->k) - 2;
		if (c->k[at] == key[0] && c->k[at + 1] == key[1] && memcmp(c->k + at, key, kl) == 0)
			return at;
		i = at + 1;
	}
	return SIZE_MAX;
}

/* Last occurrence of key in k[k0, k1); SIZE_MAX when none. */
static size_t
find_key_last(const ctx *c, const char *key, size_t k0, size_t k1)
{
	size_t		kl = strlen(key);

	if (k1 > c->klen)
		k1 = c->klen;
	if (kl == 0 || k0 >= k1 || k1 - k0 < kl)
		return SIZE_MAX;
	for (size_t i = k1 - kl + 1; i-- > k0;)
		if (c->k[i] == key[0] && (kl < 3 || (c->k[i + 1] == key[1] && c->k[i + 2] == key[2])) &&
			memcmp(c->k + i, key, kl) == 0)
			return i;
	return SIZE_MAX;
}

/* ------------------------------------------------------------------ */
/* Diagnostics and quoting */

#ifdef __GNUC__
__attribute__((format(printf, 5, 6)))
#endif
static void add_diag(ctx *c, int line, const char *section, const char *code,
		 const char *fmt,...);

static void
add_diag(ctx *c, int line, const char *section, const char *code,
		 const char *fmt,...)
{
	gd_parsed  *out = c->out;
	gd_diag    *d;
	va_list		ap;

	if (c->oom || out->ndiags >= GD_PARSE_MAX_DIAGS)
		return;
	if (out->ndiags == c->cap_diags)
	{
		int			ncap = c->cap_diags ? c->cap_diags * 2 : 16;
		gd_diag    *nd = realloc(out->diags, (size_t) ncap * sizeof(gd_diag));

		if (!nd)
			return;
		out->diags = nd;
		c->cap_diags = ncap;
	}
	d = &out->diags[out->ndiags++];
	memset(d, 0, sizeof(*d));
	d->line = line;
	snprintf(d->section, sizeof(d->section), "%s", section);
	snprintf(d->code, sizeof(d->code), "%s", code);
	va_start(ap, fmt);
	vsnprintf(d->message, sizeof(d->message), fmt, ap);
	va_end(ap);
	utf8_fix_end(d->message);
}

/* Append input bytes [o0, o1) to buf as valid UTF-8 on one line: invalid
 * bytes → U+FFFD, whitespace runs → one space. */
static void
append_sanitised(const ctx *c, size_t o0, size_t o1, char *buf, size_t cap,
				 size_t *pos)
{
	const unsigned char *s = (const unsigned char *) c->in;
	size_t		i = o0;

	while (i < o1 && *pos + 5 < cap)
	{
		uint32_t	cp;
		int			clen = gd_utf8_decode(s + i, o1 - i, &cp);
		bool		space;

		if (clen == 0)
			cp = 0xFFFD, clen = 1;
		space = cp < 0x20 || cp == 0x7F || cp == ' ' || cp == 0xA0 ||
			cp == 0x3000 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0xFEFF;
		if (space)
		{
			if (*pos > 0 && buf[*pos - 1] != ' ')
				buf[(*pos)++] = ' ';
		}
		else
			*pos += gd_utf8_encode(cp, buf + *pos);
		i += clen;
	}
	buf[*pos] = '\0';
}

/* The input text of lines li0..li1 (indexes), noise lines skipped, joined
 * by " ⏎ ", at most max bytes (then "…"). */
static void
quote_lines(const ctx *c, int li0, int li1, char *buf, size_t cap, size_t max)
{
	size_t		pos = 0;
	char		tmp[2048];

	buf[0] = '\0';
	if (cap > sizeof(tmp))
		cap = sizeof(tmp);
	tmp[0] = '\0';
	for (int li = li0; li <= li1 && li < c->nlines; li++)
	{
		const line_rec *L = &c->lines[li];
		size_t		before = pos;

		if (L->noise || L->nstart == L->nend)
			continue;
		if (pos > 0)
		{
			if (pos > 0 && tmp[pos - 1] == ' ')
				pos--;
			if (pos + 6 < sizeof(tmp))
			{
				memcpy(tmp + pos, " \xe2\x8f\x8e ", 5);
				pos += 5;
			}
		}
		append_sanitised(c, L->ostart, L->oend, tmp, sizeof(tmp), &pos);
		if (pos == before)
			continue;
		if (pos > max + 64)
			break;
	}
	/* trim */
	while (pos > 0 && tmp[pos - 1] == ' ')
		pos--;
	{
		size_t		start = 0;

		while (start < pos && tmp[start] == ' ')
			start++;
		if (pos - start > max || pos - start + 1 > cap)
		{
			size_t		lim = max < cap - 4 ? max : cap - 4;
			size_t		keep = gd_utf8_cut(tmp + start, pos - start, lim);

			memcpy(buf, tmp + start, keep);
			memcpy(buf + keep, "\xe2\x80\xa6", 3);
			buf[keep + 3] = '\0';
		}
		else
		{
			memcpy(buf, tmp + start, pos - start);
			buf[pos - start] = '\0';
		}
	}
}

/* ------------------------------------------------------------------ */
/* Page furniture and the title */

static bool
is_digit(char ch)
{
	return ch >= '0' && ch <= '9';
}

/* Consume 1..4 ASCII digits at s[*i]. */
static bool
eat_digits(const char *s, size_t n, size_t *i)
{
	size_t		st = *i;

	while (*i < n && is_digit(s[*i]) && *i - st < 5)
		(*i)++;
	return *i > st && *i - st <= 4 && !(*i < n && is_digit(s[*i]));
}

static bool
eat_str(const char *s, size_t n, size_t *i, const char *lit)
{
	size_t		l = strlen(lit);

	if (*i + l <= n && memcmp(s + *i, lit, l) == 0)
	{
		*i += l;
		return true;
	}
	return false;
}

static bool
eat_deco(const char *s, size_t n, size_t *i)
{
	size_t		st = *i;

	for (;;)
	{
		if (*i < n && (s[*i] == '-' || s[*i] == '~' || s[*i] == '_' ||
					   s[*i] == '=' || s[*i] == '*'))
			(*i)++;
		else if (!eat_str(s, n, i, "\xe2\x80\x94") &&	/* — */
				 !eat_str(s, n, i, "\xe2\x80\x95") &&	/* ― */
				 !eat_str(s, n, i, "\xc2\xb7") &&	/* · */
				 !eat_str(s, n, i, "\xe2\x80\xa2"))	/* • */
			break;
	}
	return *i > st;
}

/*
 * Is the line a page number?  s is the line without whitespace.  A bare
 * number counts only next to a form feed (bare is true then).
 */
static bool
page_number_line(const char *s, size_t n, bool bare)
{
	size_t		i;

	if (n == 0)
		return false;
	/* - 3 -, —3—, ~3~ */
	i = 0;
	if (eat_deco(s, n, &i) && eat_digits(s, n, &i) && eat_deco(s, n, &i) && i == n)
		return true;
	/* 第3页, 第3页共9页, 第3页/共9页, 共9页第3页 */
	i = 0;
	if (eat_str(s, n, &i, "第") && eat_digits(s, n, &i) && eat_str(s, n, &i, "页"))
	{
		if (i == n)
			return true;
		(void) (eat_str(s, n, &i, ",") || eat_str(s, n, &i, "/") ||
				eat_str(s, n, &i, "\xe3\x80\x81") || eat_str(s, n, &i, "\xef\xbc\x8c"));
		if (eat_str(s, n, &i, "共") && eat_digits(s, n, &i) &&
			eat_str(s, n, &i, "页") && i == n)
			return true;
		return false;
	}
	i = 0;
	if (eat_str(s, n, &i, "共") && eat_digits(s, n, &i) && eat_str(s, n, &i, "页"))
	{
		(void) eat_str(s, n, &i, ",");
		return eat_str(s, n, &i, "第") && eat_digits(s, n, &i) &&
			eat_str(s, n, &i, "页") && i == n;
	}
	/* 3/9 */
	i = 0;
	if (eat_digits(s, n, &i) && i < n && s[i] == '/')
	{
		i++;
		return eat_digits(s, n, &i) && i == n;
	}
	/* Page 3, Page 3 of 9 */
	i = 0;
	if (eat_str(s, n, &i, "Page") || eat_str(s, n, &i, "page") ||
		eat_str(s, n, &i, "PAGE"))
	{
		if (!eat_digits(s, n, &i))
			return false;
		if (i == n)
			return true;
		if (eat_str(s, n, &i, "of") || eat_str(s, n, &i, "/"))
			return eat_digits(s, n, &i) && i == n;
		return false;
	}
	/* 3 */
	i = 0;
	return bare && eat_digits(s, n, &i) && i == n;
}

#define TITLE_KEY_MAX 480

/* Does a line's key view look like the report's title? */
static bool
title_like(const char *k, size_t kl)
{
	const char *rep = "年度报告";
	size_t		rl = strlen(rep);
	size_t		p = SIZE_MAX;

	if (kl < rl || kl > TITLE_KEY_MAX - 8)
		return false;
	for (size_t i = 0; i + rl <= kl; i++)
		if (memcmp(k + i, rep, rl) == 0)
		{
			p = i;
			break;
		}
	if (p == SIZE_MAX)
		return false;
	{
		bool		pub = false;
		const char *subs[] = {"信息公开", "政务公开"};

		for (int s = 0; s < 2; s++)
			for (size_t i = 0; i + 12 <= p; i++)
				if (memcmp(k + i, subs[s], 12) == 0)
					pub = true;
		if (!pub)
			return false;
	}
	/* what follows 年度报告: nothing, or a year (2024, 2024年, 2024年度) */
	{
		size_t		i = p + rl;
		size_t		d = 0;

		while (i < kl && is_digit(k[i]) && d < 4)
			i++, d++;
		if (i < kl && d == 4 && memcmp(k + i, "年", 3) == 0)
			i += 3;
		if (i < kl && d == 4 && kl - i >= 3 && memcmp(k + i, "度", 3) == 0)
			i += 3;
		return i == kl && (d == 0 || d == 4);
	}
}

static int
cn_digit(const char *s)
{
	static const char *const dg[] = {"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"};

	if (memcmp(s, "零", 3) == 0)
		return 0;
	for (int i = 0; i < 10; i++)
		if (memcmp(s, dg[i], 3) == 0)
			return i;
	return -1;
}

/* A year in the key view k: "2024年" or "二〇二四年"; its position and length. */
static int
find_year(const char *k, size_t kl, size_t *yp, size_t *ylen)
{
	for (size_t i = 0; i + 7 <= kl; i++)
	{
		if (is_digit(k[i]) && (i == 0 || !is_digit(k[i - 1])) &&
			is_digit(k[i + 1]) && is_digit(k[i + 2]) && is_digit(k[i + 3]) &&
			memcmp(k + i + 4, "年", 3) == 0)
		{
			int			y = (k[i] - '0') * 1000 + (k[i + 1] - '0') * 100 +
				(k[i + 2] - '0') * 10 + (k[i + 3] - '0');

			if (y >= 1990 && y <= 2100)
			{
				*yp = i;
				*ylen = 4;
				return y;
			}
		}
		if (i + 15 <= kl)
		{
			int			y = 0;
			int			j;

			for (j = 0; j < 4; j++)
			{
				int			d = cn_digit(k + i + 3 * j);

				if (d < 0)
					break;
				y = y * 10 + d;
			}
			if (j == 4 && memcmp(k + i + 12, "年", 3) == 0 && y >= 1990 &&
				y <= 2100)
			{
				*yp = i;
				*ylen = 12;
				return y;
			}
		}
	}
	return 0;
}

/* Copy input text [o0, o1) to dst as agency wording: valid UTF-8, spaces
 * next to non-ASCII characters dropped, other runs of spaces → one. */
static void
copy_agency(const ctx *c, size_t o0, size_t o1, char *dst, size_t cap)
{
	char		tmp[1024];
	size_t		pos = 0;
	size_t		out = 0;

	if (o1 > o0 + 900)
		o1 = o0 + 900;
	append_sanitised(c, o0, o1, tmp, sizeof(tmp), &pos);
	for (size_t i = 0; i < pos; i++)
	{
		if (tmp[i] == ' ')
		{
			bool		prev_ascii = out > 0 && (unsigned char) dst[out - 1] < 0x80;
			bool		next_ascii = i + 1 < pos && (unsigned char) tmp[i + 1] < 0x80;

			if (out == 0 || i + 1 >= pos || !prev_ascii || !next_ascii)
				continue;
		}
		if (out + 1 >= cap)
			break;
		dst[out++] = tmp[i];
	}
	dst[out] = '\0';
	utf8_fix_end(dst);
}

/* Agency from the key range [a, b) of a line's key view (map: K → N). */
static void
agency_from_keys(ctx *c, const uint32_t *map, size_t a, size_t b)
{
	size_t		n0,
				n1;
	static const char *const labels[] = {"标题", "题目", "名称"};

	/* a crawler's field name before the title: 「标题: 平潭…」 */
	for (size_t i = 0; i < sizeof(labels) / sizeof(labels[0]) && b - a > 6; i++)
	{
		size_t		e = map[a] + 6;

		if (map[a + 5] + 1 != e || memcmp(c->n + map[a], labels[i], 6) != 0)
			continue;
		while (e < c->nlen && c->n[e] == ' ')
			e++;
		if (e < c->nlen && c->n[e] == ':')
		{
			a += 6;
			break;
		}
	}
	if (b <= a)
		return;
	n0 = map[a];
	n1 = map[b - 1] + 1;
	copy_agency(c, c->n2o[n0], c->n2o[n1], c->out->agency,
				sizeof(c->out->agency));
}

static size_t
mem_find(const char *h, size_t hl, const char *needle, size_t from)
{
	size_t		nl = strlen(needle);

	for (size_t i = from; i + nl <= hl; i++)
		if (memcmp(h + i, needle, nl) == 0)
			return i;
	return SIZE_MAX;
}

/*
 * A title without a year: the statistics period gives it (「本报告所列数据的
 * 统计期限为2025年1月1日至12月31日」), when its start and end name one year.
 */
static void
year_from_period(ctx *c)
{
	char		kb[TITLE_KEY_MAX];

	for (int li = 0; li < c->nlines; li++)
	{
		line_rec   *L = &c->lines[li];
		size_t		kl,
					p,
					yp,
					ylen;
		int			y,
					y2;

		if (L->nend - L->nstart > 4 * TITLE_KEY_MAX)
			continue;
		kl = key_of_range(c, L->nstart, L->nend, kb, NULL, sizeof(kb));
		p = mem_find(kb, kl, "统计期", 0);
		if (p == SIZE_MAX)
			continue;
		y = find_year(kb + p, kl - p, &yp, &ylen);
		if (y == 0)
			continue;
		/* 「自2025年1月1日起至2025年12月31日止」: the same year twice, or once */
		y2 = find_year(kb + p + yp + ylen, kl - p - yp - ylen, &yp, &ylen);
		if (y2 != 0 && y2 != y)
			continue;
		c->out->year = y;
		{
			char		q[300];

			quote_lines(c, li, li, q, sizeof(q), 200);
			add_diag(c, L->lineno, "title", "year_from_period",
					 "the title names no year; the year %d is taken from the statistics period at line %d: \"%s\"",
					 y, L->lineno, q);
		}
		return;
	}
}

static void
find_title(ctx *c)
{
	char		kb[TITLE_KEY_MAX];
	uint32_t		map[TITLE_KEY_MAX];

	c->title_li = -1;
	for (int li = 0; li < c->nlines; li++)
	{
		line_rec   *L = &c->lines[li];
		size_t		kl;
		size_t		yp = SIZE_MAX,
					ylen = 0;
		int			year;
		size_t		pub;

		if (L->nend - L->nstart > 4 * TITLE_KEY_MAX)
			continue;
		kl = key_of_range(c, L->nstart, L->nend, kb, map, sizeof(kb));
		if (!title_like(kb, kl))
			continue;
		c->title_li = li;
		year = find_year(kb, kl, &yp, &ylen);
		c->out->year = year;
		pub = mem_find(kb, kl, "政府信息公开", 0);
		if (pub == SIZE_MAX)
			pub = mem_find(kb, kl, "政务公开", 0);
		if (pub == SIZE_MAX)
			pub = mem_find(kb, kl, "信息公开", 0);
		if (pub != SIZE_MAX && pub >= 6 && memcmp(kb + pub - 6, "人民", 6) == 0 &&
			memcmp(kb + pub, "政府", 6) == 0)
			pub += 6;			/* XX人民政府信息公开… */
		if (year && yp > 0 && yp < pub)
			agency_from_keys(c, map, 0, yp);
		else if (year && yp < pub)
		{
			size_t		a = yp + ylen + 3;

			if (a + 3 <= kl && memcmp(kb + a, "度", 3) == 0)
				a += 3;
			if (pub != SIZE_MAX && a < pub)
				agency_from_keys(c, map, a, pub);
		}
		else if (pub != SIZE_MAX && pub > 0)
			agency_from_keys(c, map, 0, pub);
		if (c->out->agency[0] == '\0')
		{
			/* a title printed on two lines: the agency on the line before */
			for (int pl = li - 1; pl >= 0 && pl >= li - 3; pl--)
			{
				line_rec   *P = &c->lines[pl];
				char		pk[TITLE_KEY_MAX];
				uint32_t		pmap[TITLE_KEY_MAX];
				size_t		pkl;

				if (P->nend - P->nstart > 4 * TITLE_KEY_MAX)
					break;
				pkl = key_of_range(c, P->nstart, P->nend, pk, pmap, sizeof(pk));
				if (pkl == 0)
					continue;
				if (pkl <= 90 && memchr(c->n + P->nstart, ',', P->nend - P->nstart) == NULL &&
					mem_find(c->n, P->nend, "。", P->nstart) == SIZE_MAX)
					agency_from_keys(c, pmap, 0, pkl);
				break;
			}
		}
		break;
	}
	if (c->out->year == 0)
		year_from_period(c);
	if (c->title_li < 0)
		add_diag(c, 0, "title", "title_not_found",
				 "no title line (… 政府信息公开工作年度报告) was found: the agency and year are unknown");
	else if (c->out->year == 0 || c->out->agency[0] == '\0')
	{
		char		q[300];

		quote_lines(c, c->title_li, c->title_li, q, sizeof(q), 200);
		add_diag(c, c->lines[c->title_li].lineno, "title", "title_not_found",
				 "the title at line %d names no %s: \"%s\"",
				 c->lines[c->title_li].lineno,
				 c->out->year == 0 && c->out->agency[0] == '\0' ? "year (2024年) and no agency" :
				 c->out->year == 0 ? "year (2024年)" : "agency", q);
	}
}

static void
mark_noise(ctx *c)
{
	char		tmp[64];
	char		kb[TITLE_KEY_MAX];

	for (int li = 0; li < c->nlines; li++)
	{
		line_rec   *L = &c->lines[li];
		size_t		m = 0;
		bool		bare;

		for (size_t i = L->nstart; i < L->nend && m < sizeof(tmp); i++)
			if (c->n[i] != ' ' && c->n[i] != '\t')
				tmp[m++] = c->n[i];
		bare = L->ff || (li + 1 < c->nlines && c->lines[li + 1].ff) ||
			(li > 0 && c->lines[li - 1].ff);
		if (m > 0 && m < sizeof(tmp) && page_number_line(tmp, m, bare))
		{
			L->noise = true;
			continue;
		}
		if (li != c->title_li && L->nend - L->nstart <= 4 * TITLE_KEY_MAX)
		{
			size_t		kl = key_of_range(c, L->nstart, L->nend, kb, NULL, sizeof(kb));

			if (title_like(kb, kl))
				L->noise = true;
		}
	}
}

/* ------------------------------------------------------------------ */
/* Words and cells */

typedef enum
{
	W_TEXT,						/* a word of text: skipped */
	W_VALUE,					/* a number */
	W_NA,						/* "/" or a dash: not applicable, NULL */
	W_NONE,						/* "无": not a number, NULL with a diagnostic */
	W_BAD,						/* digits that do not make a number */
	W_BLANK						/* an empty tab field between two cells */
} wkind;

#define NUMTEXT_MAX 48
#define RAW_MAX 40
#define UNIT_MAX 16

typedef struct slot
{
	wkind		kind;
	int			li;				/* line index */
	bool		is_int;			/* no decimal part */
	bool		overflow;		/* too many digits */
	int64_t		iv;				/* the value, when is_int && !overflow */
	bool		neg;
	bool		grouped;		/* printed with thousands separators */
	char		num[NUMTEXT_MAX];	/* "-1234.5": sign, digits, decimals */
	char		unit[UNIT_MAX]; /* "万元", "件", … or "" */
	char		raw[RAW_MAX];	/* the word as printed (normalised) */
} slot;

#define MAX_SLOTS 40

typedef struct region
{
	int			nslots;			/* cells seen; only MAX_SLOTS are kept */
	slot		s[MAX_SLOTS];
	int			lead_blank;		/* empty tab fields before the first cell on
								 * its line, when nothing else precedes it */
	int			last_li;		/* line index of the last cell; -1 */
	bool		tabbed;			/* its cells are tab-separated fields */
} region;

static const char *const units[] = {"万元", "亿元", "千元", "元", "万", "件", "个", "项", "条", "次", "宗", "家"};

static bool
is_unit(const char *w, size_t n)
{
	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if (strlen(units[i]) == n && memcmp(w, units[i], n) == 0)
			return true;
	return false;
}

static bool
ends_with(const char *w, size_t n, const char *suf)
{
	size_t		l = strlen(suf);

	return n >= l && memcmp(w + n - l, suf, l) == 0;
}

/* Dashes and slashes only: a printed "not applicable" cell. */
static bool
na_word(const char *w, size_t n)
{
	size_t		i = 0;

	while (i < n)
	{
		if (w[i] == '/' || w[i] == '-' || w[i] == '\\')
			i++;
		else if (!eat_str(w, n, &i, "\xe2\x80\x94") &&	/* — */
				 !eat_str(w, n, &i, "\xe2\x80\x95") &&	/* ― */
				 !eat_str(w, n, &i, "\xe2\x94\x80"))	/* ─ */
			return false;
	}
	return n > 0;
}

static bool
has_nonascii(const char *w, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char) w[i] >= 0x80)
			return true;
	return false;
}

/*
 * Classify one whitespace-free word of normalised text:
 *   [prefix] [sign] digits[,ddd…][.digits] [unit]
 * where the prefix is label text glued to the number (it must hold a
 * non-ASCII character; 减/减少 make the number negative, 增/增加 positive).
 */
static void
classify(const char *w, size_t n, slot *s)
{
	size_t		i = 0;
	size_t		p;
	bool		prefix_neg = false;
	bool		prefix_sign = false;
	size_t		ndig = 0;
	size_t		o = 0;
	uint64_t	acc = 0;

	memset(s, 0, sizeof(*s));
	{
		size_t		rl = gd_utf8_cut(w, n, RAW_MAX - 1);

		memcpy(s->raw, w, rl);
		s->raw[rl] = '\0';
	}
	if (na_word(w, n))
	{
		s->kind = W_NA;
		return;
	}
	if (n == 3 && memcmp(w, "无", 3) == 0)
	{
		s->kind = W_NONE;
		return;
	}
	/* prefix: no ASCII letter, digit or sign */
	while (i < n)
	{
		unsigned char ch = (unsigned char) w[i];

		if ((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') ||
			(ch >= 'A' && ch <= 'Z') || ch == '+' || ch == '-')
			break;
		i++;
	}
	p = i;
	{
		bool		any_digit = false;

		for (size_t j = p; j < n; j++)
			if (is_digit(w[j]))
				any_digit = true;
		if (!any_digit)
		{
			s->kind = W_TEXT;
			return;
		}
	}
	if (p > 0)
	{
		if (!has_nonascii(w, p) && !(p == 1 && w[0] == '('))
		{
			s->kind = has_nonascii(w + p, n - p) ? W_TEXT : W_BAD;
			return;
		}
		if (ends_with(w, p, "减") || ends_with(w, p, "减少"))
			prefix_sign = prefix_neg = true;
		else if (ends_with(w, p, "增") || ends_with(w, p, "增加"))
			prefix_sign = true;
	}
	if (i < n && (w[i] == '+' || w[i] == '-'))
	{
		if (prefix_sign)
		{
			s->kind = W_BAD;
			return;
		}
		s->neg = w[i] == '-';
		i++;
	}
	else
		s->neg = prefix_neg;
	if (i >= n || !is_digit(w[i]))
	{
		s->kind = has_nonascii(w + p, n - p) ? W_TEXT : W_BAD;
		return;
	}
	if (s->neg)
		s->num[o++] = '-';
	/* integer part, with optional thousands separators: 60,805 */
	{
		size_t		run = 0;
		bool		grouped = false;

		for (;;)
		{
			while (i < n && is_digit(w[i]))
			{
				if (o < NUMTEXT_MAX - 1)
					s->num[o++] = w[i];
				else
					s->overflow = true;
				if (ndig < 19)
					acc = acc * 10 + (uint64_t) (w[i] - '0');
				ndig++;
				run++;
				i++;
			}
			if (grouped && run != 3)
			{
				s->kind = W_BAD;
				return;
			}
			s->grouped = grouped;
			if (i + 3 < n && w[i] == ',' && is_digit(w[i + 1]) &&
				is_digit(w[i + 2]) && is_digit(w[i + 3]) &&
				(i + 4 == n || !is_digit(w[i + 4])) && (grouped || run <= 3))
			{
				grouped = true;
				run = 0;
				i++;
				continue;
			}
			break;
		}
	}
	s->is_int = true;
	if (i + 1 < n && w[i] == '.' && is_digit(w[i + 1]))
	{
		s->is_int = false;
		if (o < NUMTEXT_MAX - 1)
			s->num[o++] = '.';
		i++;
		while (i < n && is_digit(w[i]))
		{
			if (o < NUMTEXT_MAX - 1)
				s->num[o++] = w[i];
			else
				s->overflow = true;
			i++;
		}
	}
	s->num[o] = '\0';
	if (ndig > 18)
		s->overflow = true;
	if (i == n || is_unit(w + i, n - i))
	{
		s->kind = W_VALUE;
		if (i < n)
		{
			memcpy(s->unit, w + i, n - i);
			s->unit[n - i] = '\0';
		}
		if (!s->overflow)
			s->iv = s->neg ? -(int64_t) acc : (int64_t) acc;
		return;
	}
	/* numbering ("2.", "1)", "(1)", "3其他"), "2024年": text */
	if (s->is_int && (w[i] == '.' || w[i] == ')' || w[i] == ':') &&
		(i + 1 == n || (unsigned char) w[i + 1] >= 0x80))
	{
		s->kind = W_TEXT;
		return;
	}
	if ((unsigned char) w[i] >= 0x80)
	{
		s->kind = W_TEXT;
		return;
	}
	s->kind = W_BAD;
}

/* "减 4": a sign printed apart from its number. */
static void
apply_sign_word(slot *s, int sign)
{
	char		raw[RAW_MAX];

	if (s->raw[0] == '-' || s->raw[0] == '+' || (unsigned char) s->raw[0] >= 0x80)
	{
		s->kind = W_BAD;		/* signed twice, or glued to other text */
		return;
	}
	{
		size_t		l = strlen(s->raw);

		memcpy(raw, sign < 0 ? "减 " : "增 ", 4);
		l = gd_utf8_cut(s->raw, l, RAW_MAX - 5);
		memcpy(raw + 4, s->raw, l);
		raw[4 + l] = '\0';
		memcpy(s->raw, raw, sizeof(raw));
	}
	if (sign < 0)
	{
		size_t		l = strlen(s->num);

		s->neg = true;
		s->iv = -s->iv;
		if (l + 2 <= NUMTEXT_MAX)
		{
			memmove(s->num + 1, s->num, l + 1);
			s->num[0] = '-';
		}
		else
			s->overflow = true;
	}
}

static void
region_push(region *r, const slot *s)
{
	if (r->nslots < MAX_SLOTS)
		r->s[r->nslots] = *s;
	r->nslots++;
	r->last_li = s->li;
}

/* Cells of one line's part [a, b). */
static void
tokenize_line(const ctx *c, int li, size_t a, size_t b, region *r)
{
	const char *t = c->n;
	size_t		i = a;
	int			empty_run = 0;	/* empty fields since the last cell */
	bool		field_has_word = false;
	bool		cell_on_line = false;
	bool		text_before = false;
	int			sign_word = 0;	/* a preceding "减" (-1) or "增" (+1) */
	slot		sl;

	while (i < b)
	{
		if (t[i] == '\t')
		{
			if (cell_on_line)
				r->tabbed = true;
			if (!field_has_word)
				empty_run++;
			field_has_word = false;
			i++;
			continue;
		}
		if (t[i] == ' ')
		{
			i++;
			continue;
		}
		{
			size_t		ws = i;

			while (i < b && t[i] != ' ' && t[i] != '\t')
				i++;
			classify(t + ws, i - ws, &sl);
			sl.li = li;
			field_has_word = true;
			if (sign_word != 0 && sl.kind == W_VALUE)
				apply_sign_word(&sl, sign_word);
			sign_word = 0;
			if (sl.kind == W_TEXT)
			{
				size_t		wl = i - ws;

				if ((wl == 3 && memcmp(t + ws, "减", 3) == 0) ||
					(wl == 6 && memcmp(t + ws, "减少", 6) == 0))
					sign_word = -1;
				else if ((wl == 3 && memcmp(t + ws, "增", 3) == 0) ||
						 (wl == 6 && memcmp(t + ws, "增加", 6) == 0))
					sign_word = 1;
				/* a unit printed apart from its number: "1234.5 万元" */
				if (cell_on_line && r->nslots > 0 && r->nslots <= MAX_SLOTS &&
					r->s[r->nslots - 1].kind == W_VALUE &&
					r->s[r->nslots - 1].unit[0] == '\0' && i - ws < UNIT_MAX &&
					is_unit(t + ws, i - ws))
				{
					memcpy(r->s[r->nslots - 1].unit, t + ws, i - ws);
					r->s[r->nslots - 1].unit[i - ws] = '\0';
				}
				else
					text_before = true;
				continue;
			}
			if (cell_on_line)
			{
				for (int e = 0; e < empty_run; e++)
				{
					slot		bl;

					memset(&bl, 0, sizeof(bl));
					bl.kind = W_BLANK;
					bl.li = li;
					region_push(r, &bl);
				}
			}
			else if (r->nslots == 0 && !text_before)
				r->lead_blank = empty_run;
			empty_run = 0;
			cell_on_line = true;
			region_push(r, &sl);
		}
	}
}

/* The cells of N range [n0, n1), page furniture skipped. */
static void
tokenize(const ctx *c, size_t n0, size_t n1, region *r)
{
	r->nslots = 0;
	r->lead_blank = 0;
	r->last_li = -1;
	r->tabbed = false;
	if (n1 > c->nlen)
		n1 = c->nlen;
	if (n0 >= n1)
		return;
	for (int li = line_of(c, n0); li < c->nlines && c->lines[li].nstart < n1; li++)
	{
		const line_rec *L = &c->lines[li];
		size_t		a = n0 > L->nstart ? n0 : L->nstart;
		size_t		b = n1 < L->nend ? n1 : L->nend;

		if (L->noise || a >= b)
			continue;
		tokenize_line(c, li, a, b, r);
	}
}

/* "Read: 16 3 1 …" — the cells of a region as printed. */
static void
describe_cells(const region *r, char *buf, size_t cap)
{
	size_t		pos = 0;
	int			shown = r->nslots < MAX_SLOTS ? r->nslots : MAX_SLOTS;

	buf[0] = '\0';
	if (shown > 24)
		shown = 24;
	for (int i = 0; i < shown && pos + 48 < cap; i++)
	{
		const slot *s = &r->s[i];
		int			w;

		if (s->kind == W_BLANK)
			w = snprintf(buf + pos, cap - pos, "%s(blank)", i ? " " : "");
		else if (s->kind == W_BAD)
			w = snprintf(buf + pos, cap - pos, "%s\"%s\"", i ? " " : "", s->raw);
		else
			w = snprintf(buf + pos, cap - pos, "%s%s", i ? " " : "", s->raw);
		if (w < 0)
			break;
		pos += (size_t) w;
		if (pos >= cap)
		{
			pos = cap - 1;
			break;
		}
	}
	if (r->nslots > shown && pos + 8 < cap)
		snprintf(buf + pos, cap - pos, " \xe2\x80\xa6");
	utf8_fix_end(buf);
}

/* Why a cell cannot be read as a count; NULL when it can (or is NULL). */
static const char *
count_problem(const slot *s)
{
	switch (s->kind)
	{
		case W_BAD:
			return "is not a readable number";
		case W_NONE:
			return "is text (无), not a number";
		case W_VALUE:
			if (s->overflow)
				return "is too large";
			if (!s->is_int)
				return "is a decimal where a whole number is expected";
			if (s->unit[0] && strcmp(s->unit, "件") != 0 && strcmp(s->unit, "个") != 0 &&
				strcmp(s->unit, "项") != 0 && strcmp(s->unit, "条") != 0 &&
				strcmp(s->unit, "次") != 0 && strcmp(s->unit, "宗") != 0 &&
				strcmp(s->unit, "家") != 0)
				return "carries a unit that is not a count";
			return NULL;
		default:
			return NULL;
	}
}

/* ------------------------------------------------------------------ */
/* Sections */

typedef struct span
{
	bool		found;
	bool		by_heading;
	int			li;				/* heading or anchor line index */
	size_t		k0,
				k1;				/* key view range */
} span;

enum
{
	SP_PRO,						/* 二 */
	SP_REQ,						/* 三 */
	SP_APP,						/* 四 */
	SP_FIVE,					/* 五 */
	SP_SIX,						/* 六 */
	NSPANS
};

static const char *const span_numeral[NSPANS] = {"二", "三", "四", "五", "六"};
static const char *const span_heading[NSPANS][5] = {
	{"主动公开政府信息情况", "主动公开政府信息", NULL},
	{"收到和处理政府信息公开申请情况", "收到和处理政府信息公开申请", NULL},
	{"政府信息公开行政复议行政诉讼情况", "行政复议行政诉讼情况", "政府信息公开行政复议", "行政复议和行政诉讼", "政府信息公开行政"},
	{"存在的主要问题及改进情况", "存在的主要问题", "政府信息公开工作存在的主要问题", NULL},
	{"其他需要报告的事项", NULL},
};
static const char *const span_anchor[NSPANS][3] = {
	{"第二十条第", NULL},
	{"申请人情况", "本年新收政府信息公开申请数量", NULL},
	{"未经复议直接起诉", "复议后起诉", NULL},
	{NULL},
	{NULL},
};

/*
 * Is the key match [kp, kp + klen) a heading: only the section's numeral
 * ("二、", "二.", "二") before it on its line, and little after it?
 */
static bool
heading_at(const ctx *c, size_t kp, size_t klen, const char *numeral)
{
	size_t		n = k_to_n(c, kp);
	int			li = line_of(c, n);
	const line_rec *L = &c->lines[li];
	char		pre[32];
	size_t		m = 0;
	size_t		nl = strlen(numeral);

	for (size_t i = L->nstart; i < n; i++)
	{
		if (c->n[i] == ' ' || c->n[i] == '\t')
			continue;
		if (m + 1 >= sizeof(pre))
			return false;
		pre[m++] = c->n[i];
	}
	if (m > 0)
	{
		if (m < nl || memcmp(pre, numeral, nl) != 0)
			return false;
		if (!(m == nl || (m == nl + 1 && (pre[nl] == '.' || pre[nl] == ',')) ||
			  (m == nl + 3 && memcmp(pre + nl, "、", 3) == 0)))
			return false;
	}
	/* and the rest of its (last) line is short, without numbers: not prose */
	{
		size_t		ke = kp + klen;
		int			eli = line_of(c, k_to_n(c, ke - 1));
		size_t		lend = c->lines[eli].kend;

		if (lend > ke + 24)
			return false;
		for (size_t i = ke; i < lend; i++)
			if (is_digit(c->k[i]))
				return false;
	}
	return true;
}

/*
 * A heading inside running text (a crawler's one-line page): the section's
 * numeral and 、 (or .) printed right before the key, 「…0000000 四、政府信息
 * 公开行政复议…」; prose that lists the sections (…、主动公开政府信息情况、…)
 * has no numeral there.
 */
static bool
glued_heading_at(const ctx *c, size_t kp, const char *numeral)
{
	size_t		nl = strlen(numeral);
	size_t		n,
				np;

	if (kp < nl || memcmp(c->k + kp - nl, numeral, nl) != 0)
		return false;
	n = k_to_n(c, kp);
	np = k_to_n(c, kp - nl);
	if (np + nl == n - 3 && memcmp(c->n + np + nl, "、", 3) == 0)
		return true;
	return np + nl == n - 1 && c->n[np + nl] == '.';
}

static void
find_sections(ctx *c, span *sp)
{
	for (int s = 0; s < NSPANS; s++)
	{
		size_t		best = SIZE_MAX;
		bool		glued = false;

		memset(&sp[s], 0, sizeof(sp[s]));

		for (int h = 0; h < 5 && span_heading[s][h]; h++)
		{
			size_t		from = 0;

			for (;;)
			{
				size_t		kp = find_key(c, span_heading[s][h], from, c->klen);

				if (kp == SIZE_MAX || kp >= best)
					break;
				if (heading_at(c, kp, strlen(span_heading[s][h]), span_numeral[s]))
				{
					best = kp;
					glued = false;
					break;
				}
				if (glued_heading_at(c, kp, span_numeral[s]))
				{
					best = kp;
					glued = true;
					break;
				}
				from = kp + 1;
			}
		}
		if (best != SIZE_MAX)
		{
			sp[s].found = sp[s].by_heading = true;
			sp[s].li = line_of(c, k_to_n(c, best));
		}
		else
		{
			for (int a = 0; a < 3 && span_anchor[s][a]; a++)
			{
				size_t		kp = find_key(c, span_anchor[s][a], 0, c->klen);

				if (kp != SIZE_MAX && kp < best)
					best = kp;
			}
			if (best != SIZE_MAX)
			{
				sp[s].found = true;
				sp[s].li = line_of(c, k_to_n(c, best));
				if (s == SP_APP)
				{
					/* start at the header line naming 行政复议 above it */
					for (int up = sp[s].li; up >= 0 && up >= sp[s].li - 3; up--)
						if (find_key(c, "行政复议", c->lines[up].kstart,
									 c->lines[up].kend) != SIZE_MAX)
						{
							sp[s].li = up;
							break;
						}
				}
			}
		}
		if (sp[s].found)
			sp[s].k0 = glued ? best - strlen(span_numeral[s]) : c->lines[sp[s].li].kstart;
	}
	/* each section ends where the next one (in the text) starts */
	for (int s = 0; s < NSPANS; s++)
	{
		if (!sp[s].found)
			continue;
		sp[s].k1 = c->klen;
		for (int t = 0; t < NSPANS; t++)
			if (t != s && sp[t].found && sp[t].k0 > sp[s].k0 && sp[t].k0 < sp[s].k1)
				sp[s].k1 = sp[t].k0;
	}
	/* section 四 also ends at a top-level heading 五、… 八、 */
	if (sp[SP_APP].found)
	{
		for (int li = sp[SP_APP].li + 1; li < c->nlines; li++)
		{
			const line_rec *L = &c->lines[li];
			size_t		i = L->nstart;

			if (L->kstart >= sp[SP_APP].k1)
				break;
			while (i < L->nend && (c->n[i] == ' ' || c->n[i] == '\t'))
				i++;
			if (L->nend - i >= 4 &&
				(memcmp(c->n + i, "五", 3) == 0 || memcmp(c->n + i, "六", 3) == 0 ||
				 memcmp(c->n + i, "七", 3) == 0 || memcmp(c->n + i, "八", 3) == 0) &&
				(c->n[i + 3] == '.' || (L->nend - i >= 6 && memcmp(c->n + i + 3, "、", 3) == 0)))
			{
				sp[SP_APP].k1 = L->kstart;
				break;
			}
		}
	}
}

typedef struct match
{
	bool		found;
	size_t		k0,
				k1;
} match;

/* Earliest occurrence of any of keys in [k0, k1). */
static match
match_keys(const ctx *c, const char *const *keys, int nkeys, size_t k0, size_t k1)
{
	match		m = {false, 0, 0};

	for (int i = 0; i < nkeys && keys[i]; i++)
	{
		size_t		kp = find_key(c, keys[i], k0, k1);

		if (kp != SIZE_MAX && (!m.found || kp < m.k0))
		{
			m.found = true;
			m.k0 = kp;
			m.k1 = kp + strlen(keys[i]);
		}
	}
	return m;
}

static int
match_line(const ctx *c, const match *m)
{
	return line_of(c, k_to_n(c, m->k0));
}

/* Quote of a row: its label line to its last cell's line. */
static void
quote_row(const ctx *c, int label_li, const region *r, char *q, size_t cap)
{
	int			last = r->last_li > label_li ? r->last_li : label_li;

	if (last > label_li + 6)
		last = label_li + 6;
	quote_lines(c, label_li, last, q, cap, 240);
}

/* ------------------------------------------------------------------ */
/* Where a label begins */

#define MAX_BOUNDS 256			/* label boundaries kept per section */

/*
 * The N offset where the label whose key match starts at N offset p begins:
 * back over the text glued to it — the rest of its wording (属于 before
 * 国家秘密), its numbering (（二）, 三、) and a group label glued before it
 * ((三)不予公开1.属于国家秘密) — up to whitespace or a digit.  Digits are
 * numbering only as "num." or "num、" right before the label, num being the
 * row's number in its group (0: the label has no numbered form): in
 * 「00000002.其他法律…」 the 2 opens the label and the cells end before it.
 * A unit printed right after a number (12件, 18.87元) stays with the number.
 */
static size_t
label_start(const ctx *c, size_t p, int num)
{
	size_t		i = p;
	bool		took_num = false;

	if (p > c->nlen)
		return c->nlen;
	while (i > 0)
	{
		unsigned char ch = (unsigned char) c->n[i - 1];

		if (ch == ' ' || ch == '\t' || ch == '\n')
			break;
		if (is_digit((char) ch))
		{
			char		nb[8];
			int			nl = snprintf(nb, sizeof(nb), "%d", num);

			if (!took_num && num > 0 && i < c->nlen &&
				(c->n[i] == '.' || (i + 3 <= c->nlen && memcmp(c->n + i, "、", 3) == 0)) &&
				i >= (size_t) nl && memcmp(c->n + i - nl, nb, (size_t) nl) == 0)
			{
				i -= (size_t) nl;
				took_num = true;
				continue;
			}
			break;
		}
		i--;
		while (i > 0 && ((unsigned char) c->n[i] & 0xC0) == 0x80)
			i--;
	}
	/* a unit right after a number belongs to the number */
	if (i > 0 && i < p && is_digit(c->n[i - 1]))
	{
		static const char *const u[] = {"万元", "亿元", "千元", "元", "件", "个", "项", "条", "次", "宗", "家"};

		for (size_t k = 0; k < sizeof(u) / sizeof(u[0]); k++)
		{
			size_t		ul = strlen(u[k]);

			if (i + ul <= p && memcmp(c->n + i, u[k], ul) == 0)
			{
				i += ul;
				break;
			}
		}
	}
	return i;
}

/* Every occurrence of key in [k0, k1) ends the cells before it. */
static void
add_key_bounds(const ctx *c, const char *key, size_t k0, size_t k1, size_t *bounds, int *nb)
{
	for (;;)
	{
		size_t		kp = find_key(c, key, k0, k1);

		if (kp == SIZE_MAX || *nb >= MAX_BOUNDS)
			break;
		bounds[(*nb)++] = label_start(c, k_to_n(c, kp), 0);
		k0 = kp + 1;
	}
}

/* Smallest N boundary >= from in b[0..nb); else dflt. */
static size_t
next_boundary(const size_t *b, int nb, size_t from, size_t dflt)
{
	size_t		best = dflt;

	for (int i = 0; i < nb; i++)
		if (b[i] >= from && b[i] < best)
			best = b[i];
	return best;
}

/* ------------------------------------------------------------------ */
/* Labels printed with damage */

#define FZ_MAX 64				/* characters compared */

/* The code points of the key characters of s (at most FZ_MAX). */
static int
key_cps(const char *s, size_t len, uint32_t *cp)
{
	int			n = 0;
	size_t		i = 0;

	while (i < len && n < FZ_MAX)
	{
		uint32_t	u;
		size_t		l = gd_utf8_decode((const unsigned char *) s + i, len - i, &u);

		if (l == 0)
		{
			i++;
			continue;
		}
		if (key_char(u) && !(u >= '0' && u <= '9'))
			cp[n++] = u;
		i += l;
	}
	return n;
}

/* Length of the longest common subsequence of a and b. */
static int
lcs(const uint32_t *a, int na, const uint32_t *b, int nb)
{
	uint8_t		prev[FZ_MAX + 1],
				cur[FZ_MAX + 1];

	memset(prev, 0, sizeof(prev));
	for (int i = 1; i <= na; i++)
	{
		cur[0] = 0;
		for (int j = 1; j <= nb; j++)
			cur[j] = a[i - 1] == b[j - 1] ? prev[j - 1] + 1 :
				(prev[j] > cur[j - 1] ? prev[j] : cur[j - 1]);
		memcpy(prev, cur, sizeof(prev));
	}
	return prev[nb];
}

/* The wording of a section 三 row's label, without its numbering. */
static void
req_label_text(int row, const char **s, size_t *len)
{
	const char *l = gd_sections[GD_SEC_REQUESTS].items[row].label_zh;
	const char *sp = strchr(l, ' ');
	const char *dun = strstr(l, "、");

	if (sp)
		l = sp + 1;
	else if (dun)
		l = dun + 3;
	*s = l;
	*len = strlen(l);
	if (row == GD_ROW_PARTIALLY_DISCLOSED)
		*len = strlen("部分公开");	/* the aside in brackets is often cut */
}

/* The row's number in its group: 2 for 三(三)2; 0 when it has none. */
static int
req_row_num(int row)
{
	const char *l = gd_sections[GD_SEC_REQUESTS].items[row].label_zh;
	const char *sp = strchr(l, ' ');

	if (sp && sp > l && is_digit(sp[-1]))
		return sp[-1] - '0';
	return 0;
}

/*
 * A section 三 row whose label was not found: is there, in the key range
 * [k0, k1) where it must be printed, a run of text whose nearest template
 * label is clearly this row's?  Runs are the text between numbers.  The
 * best run must share at least 60% of the longer of the two wordings as a
 * common subsequence (dropped or misread characters, 沐 for 沭), and no other
 * row's label may come within 0.15 of it.  On success *m is the run and
 * printed/pct describe it for the diagnostic.
 */
static bool
fuzzy_req_label(const ctx *c, int row, size_t k0, size_t k1, match *m,
				char *printed, size_t pcap, int *pct)
{
	uint32_t	want[FZ_MAX];
	int			nwant;
	const char *lt;
	size_t		ll;
	double		best = 0;
	size_t		bk0 = 0,
				bk1 = 0;

	req_label_text(row, &lt, &ll);
	nwant = key_cps(lt, ll, want);
	if (nwant < 2 || k1 > c->klen)
		return false;
	for (size_t i = k0; i < k1;)
	{
		size_t		j;
		uint32_t	run[FZ_MAX];
		int			nrun;
		double		score;
		double		other = 0;

		if ((unsigned char) c->k[i] < 0x80)
		{
			i++;
			continue;
		}
		j = i;
		while (j < k1 && (unsigned char) c->k[j] >= 0x80)
			j++;
		nrun = key_cps(c->k + i, j - i, run);
		if (nrun >= 2 && j - i <= 3 * FZ_MAX)
		{
			int			common = lcs(want, nwant, run, nrun);

			score = (double) common / (nwant > nrun ? nwant : nrun);
			for (int r = 0; r < GD_NROWS && score >= 0.6; r++)
			{
				uint32_t	o[FZ_MAX];
				const char *ot;
				size_t		ol;
				int			no;

				if (r == row)
					continue;
				req_label_text(r, &ot, &ol);
				no = key_cps(ot, ol, o);
				if (no > 0)
				{
					double		os = (double) lcs(o, no, run, nrun) / (no > nrun ? no : nrun);

					if (os > other)
						other = os;
				}
			}
			if (score >= 0.6 && score > best && score - other >= 0.15)
			{
				best = score;
				bk0 = i;
				bk1 = j;
			}
		}
		i = j;
	}
	if (best == 0)
		return false;
	m->found = true;
	m->k0 = bk0;
	m->k1 = bk1;
	{
		size_t		n0 = k_to_n(c, bk0),
					n1 = kend_to_n(c, bk1);
		size_t		l = gd_utf8_cut(c->n + n0, n1 - n0, pcap - 1);

		memcpy(printed, c->n + n0, l);
		printed[l] = '\0';
	}
	*pct = (int) (best * 100 + 0.5);
	return true;
}

/* ------------------------------------------------------------------ */
/* Cells printed run together (gd_reassemble.h) */

#define RUN_MAX (MAX_SLOTS * (GD_RA_MAX_DIGITS + 1) + 1)

/*
 * The digits of a region's cells as one run, cells apart by one space
 * ("500000 5"), when every cell is a plain whole number as printed (no
 * sign, unit, decimal, thousands separator, blank, and not tab-separated
 * fields, whose boundaries are certain); its length, 0 otherwise.
 */
static size_t
region_run(const region *r, char *buf, size_t cap)
{
	size_t		o = 0;

	if (r->nslots == 0 || r->nslots > MAX_SLOTS || r->tabbed)
		return 0;
	for (int i = 0; i < r->nslots; i++)
	{
		const slot *sl = &r->s[i];
		size_t		l = strlen(sl->num);

		/* label text glued before it is fine: 数量640020470 */
		if (sl->kind != W_VALUE || !sl->is_int || sl->neg || sl->overflow ||
			sl->grouped || sl->unit[0] != '\0' || o + l + 2 > cap)
			return 0;
		if (i > 0)
			buf[o++] = ' ';
		memcpy(buf + o, sl->num, l);
		o += l;
	}
	buf[o] = '\0';
	return o;
}

/* "71 3 0 0 0 0 74" */
static void
describe_values(const int64_t *v, int n, char *buf, size_t cap)
{
	size_t		o = 0;

	buf[0] = '\0';
	for (int i = 0; i < n && o + 24 < cap; i++)
		o += (size_t) snprintf(buf + o, cap - o, "%s%lld", i ? " " : "", (long long) v[i]);
}

/*
 * Cut a run for ncells cells that no identity binds (section 二): read only
 * when the layout leaves one way; else NULL with a not_inferred diagnostic.
 * Returns true and the values when read.
 */
static bool
cut_without_identity(ctx *c, const char *sec, const char *what, int label_li,
					 const char *run, size_t len, int ncells, int64_t *v)
{
	int64_t		out[GD_RA_MAX_CELLS];
	bool		bounded;
	int			n = gd_split_run(run, len, ncells, 0, out, 1, GD_RA_STEPS, &bounded);

	if (n == 1 && !bounded)
	{
		memcpy(v, out, sizeof(int64_t) * (size_t) ncells);
		return true;
	}
	add_diag(c, c->lines[label_li].lineno, sec, "not_inferred",
			 "%s at line %d prints its %d cells run together as \"%s\": %s%d ways to cut it, and no identity of the table binds these cells; %s NULL",
			 what, c->lines[label_li].lineno, ncells, run, bounded ? "more than " : "", n,
			 ncells == 1 ? "the cell is" : "its cells are");
	return false;
}

/* ------------------------------------------------------------------ */
/* Section 三: the request matrix */

/* Distinctive parts of each row's label; rows without keys are found by
 * their place (其他, 总计). */
static const char *const req_keys[GD_NROWS][3] = {
	[GD_ROW_NEW_RECEIVED] = {"本年新收政府信息公开申请", "本年新收"},
	[GD_ROW_CARRIED_OVER] = {"上年结转政府信息公开申请", "上年结转"},
	[GD_ROW_DISCLOSED] = {"予以公开"},
	[GD_ROW_PARTIALLY_DISCLOSED] = {"部分公开"},
	[GD_ROW_WITHHELD_STATE_SECRET] = {"国家秘密"},
	[GD_ROW_WITHHELD_PROHIBITED_BY_LAW] = {"法律行政法规禁止公开", "禁止公开"},
	[GD_ROW_WITHHELD_THREE_SAFETIES] = {"三安全一稳定"},
	[GD_ROW_WITHHELD_THIRD_PARTY] = {"第三方合法权益"},
	[GD_ROW_WITHHELD_INTERNAL_AFFAIRS] = {"三类内部事务"},
	[GD_ROW_WITHHELD_PROCESS_INFO] = {"四类过程性"},
	[GD_ROW_WITHHELD_ENFORCEMENT_FILE] = {"行政执法案卷"},
	[GD_ROW_WITHHELD_QUERY_MATTER] = {"行政查询事项"},
	[GD_ROW_UNABLE_NOT_HELD] = {"不掌握相关政府信息", "本机关不掌握"},
	[GD_ROW_UNABLE_NEEDS_CREATION] = {"没有现成信息", "需要另行制作"},
	[GD_ROW_UNABLE_UNCLEAR] = {"补正后申请内容仍不明确", "仍不明确"},
	[GD_ROW_REJECTED_PETITION] = {"信访举报投诉"},
	[GD_ROW_REJECTED_REPEATED] = {"重复申请"},
	[GD_ROW_REJECTED_PUBLICATION] = {"公开出版物"},
	[GD_ROW_REJECTED_EXCESSIVE] = {"大量反复申请", "无正当理由大量"},
	[GD_ROW_REJECTED_RECONFIRM] = {"确认或重新出具", "重新出具已获取"},
	[GD_ROW_OTHER_NO_CORRECTION] = {"逾期不补正"},
	[GD_ROW_OTHER_NO_FEE] = {"逾期未按收费通知", "未按收费通知要求缴纳费用"},
	[GD_ROW_OTHER_OTHER] = {NULL},
	[GD_ROW_HANDLED_TOTAL] = {NULL},
	[GD_ROW_CARRIED_FORWARD] = {"结转下年度继续办理", "结转下年度"},
};

static const char *const key_other[] = {"其他"};
static const char *const key_other_2019[] = {"其他处理"};
static const char *const key_total[] = {"总计", "合计"};
/* Group labels and headings of section 三: they end the row before them. */
static const char *const req_group_keys[] = {"本年度办理结果", "不予公开", "无法提供", "不予处理", "其他处理"};

static void
req_row_name(int row, bool t2019, char *buf, size_t cap)
{
	const gd_item *it = &gd_sections[GD_SEC_REQUESTS].items[row];

	if (t2019 && row == GD_ROW_OTHER_OTHER)
		snprintf(buf, cap, "三(六) 其他处理 (other_other; 2019 template: one row)");
	else
		snprintf(buf, cap, "%s (%s)", it->label_zh, it->code);
}

/* Read one count cell; a diagnostic when it cannot be read. */
static void
read_count(ctx *c, const slot *s, int64_t *v, bool *isnull, const char *section,
		   const char *where)
{
	const char *why = count_problem(s);

	*isnull = true;
	if (why)
	{
		add_diag(c, c->lines[s->li].lineno, section, "number",
				 "%s at line %d: \"%s\" %s; the cell is left NULL",
				 where, c->lines[s->li].lineno, s->raw, why);
		return;
	}
	if (s->kind == W_VALUE)
	{
		*v = s->iv;
		*isnull = false;
	}
}

static void
diag_cell_count(ctx *c, const char *section, const char *what, int label_li,
				const region *r, int ncells, const char *cells_desc)
{
	char		q[300];
	char		cells[400];
	char		lead[64] = "";
	int			li = r->nslots > 0 ? r->s[0].li : label_li;

	if (label_li < 0)
		label_li = li;
	describe_cells(r, cells, sizeof(cells));
	quote_row(c, label_li, r, q, sizeof(q));
	if (r->lead_blank > 0)
		snprintf(lead, sizeof(lead), ", after %d blank cell%s", r->lead_blank,
				 r->lead_blank > 1 ? "s" : "");
	add_diag(c, c->lines[label_li].lineno, section, "cell_count",
			 "%s at line %d has %d number%s for %d cell%s%s%s%s%s; %s left NULL, not guessed. Read: %s. Text: \"%s\"",
			 what, c->lines[label_li].lineno, r->nslots, r->nslots == 1 ? "" : "s",
			 ncells, ncells == 1 ? "" : "s", cells_desc ? " (" : "", cells_desc ? cells_desc : "",
			 cells_desc ? ")" : "", lead, ncells == 1 ? "the cell is" : "its cells are",
			 cells, q);
}

static void
diag_blank(ctx *c, const char *section, const char *what, int label_li, int ncells)
{
	char		q[300];

	quote_lines(c, label_li, label_li, q, sizeof(q), 240);
	add_diag(c, c->lines[label_li].lineno, section, "blank",
			 "%s at line %d is printed without any number: %s NULL (blank, not zero). Text: \"%s\"",
			 what, c->lines[label_li].lineno, ncells == 1 ? "its cell is" : "its cells are", q);
}

/* Section 三 rows printed run together, and their candidates. */
typedef struct req_runs
{
	bool		split[GD_NROWS];	/* to be cut by the identities */
	char		run[GD_NROWS][RUN_MAX];
	size_t		len[GD_NROWS];
	int64_t		cand[GD_NROWS][GD_RA_MAX_CANDS * GD_NCOLS];
	int64_t		fixed[GD_NROWS][GD_NCOLS];
} req_runs;

/* "三(七) 总计 = 三(一) + … + 三(六) and 一 + 二 = 三(七) + 四 in every column" */
static void
identities_text(unsigned used, char *buf, size_t cap)
{
	if (used == 0)
		snprintf(buf, cap, "no identity between rows (a row they need is not known)");
	else
		snprintf(buf, cap, "%s%s%s in every column",
				 (used & GD_RA_ID_HANDLED_TOTAL) ? "三(七) 总计 = 三(一) + … + 三(六)" : "",
				 (used & GD_RA_ID_HANDLED_TOTAL) && (used & GD_RA_ID_BALANCE) ? " and " : "",
				 (used & GD_RA_ID_BALANCE) ? "一 + 二 = 三(七) + 四" : "");
}

/*
 * Cut the runs of the rows marked split: every way that keeps its row
 * total, then the one choice over all rows that keeps the identities between
 * rows.  Cells are read only when that choice is unique; a table whose
 * printed numbers leave a run no cutting at all is inconsistent, and then
 * nothing is inferred in it.
 */
static void
reassemble_requests(ctx *c, req_runs *ra, const match *m, bool t2019)
{
	gd_report  *rep = &c->out->report;
	gd_row_cands rc[GD_NROWS];
	int			n[GD_NROWS];
	bool		bounded[GD_NROWS];
	int			choice[GD_NROWS];
	int			broken = -1;
	int			nsplit = 0;
	int			sol = 0;
	unsigned	used = 0;
	bool		cbounded = false;
	char		name[200],
				ids[300],
				vals[200];
	const char *sec = "requests";

	/* a run with as many digits as cells has one reading: as printed */
	for (int row = 0; row < GD_NROWS; row++)
	{
		int64_t		v[GD_NCOLS];
		bool		b;

		if (ra->split[row] &&
			gd_split_run(ra->run[row], ra->len[row], GD_NCOLS, 0, v, 1, GD_RA_STEPS, &b) == 1 && !b)
		{
			ra->split[row] = false;
			for (int col = 0; col < GD_NCOLS; col++)
			{
				rep->v[GD_REQ_CELL(row, col)] = v[col];
				rep->isnull[GD_REQ_CELL(row, col)] = false;
			}
		}
	}
	for (int row = 0; row < GD_NROWS; row++)
	{
		rc[row].ncand = 0;
		rc[row].cand = NULL;
		n[row] = 0;
		bounded[row] = false;
		if (ra->split[row])
		{
			nsplit++;
			n[row] = gd_split_run(ra->run[row], ra->len[row], GD_NCOLS, GD_NCOLS,
								  ra->cand[row], GD_RA_MAX_CANDS, GD_RA_STEPS, &bounded[row]);
			if (n[row] == 0 && !bounded[row] && broken < 0)
				broken = row;
			if (n[row] >= 1 && n[row] <= GD_RA_MAX_CANDS && !bounded[row])
			{
				rc[row].ncand = n[row];
				rc[row].cand = ra->cand[row];
			}
			continue;
		}
		if (!m[row].found)
			continue;
		{
			bool		known = true;

			for (int col = 0; col < GD_NCOLS; col++)
			{
				int			idx = GD_REQ_CELL(row, col);

				if (rep->isnull[idx])
					known = false;
				else
					ra->fixed[row][col] = rep->v[idx];
			}
			if (known)
			{
				rc[row].ncand = 1;
				rc[row].cand = ra->fixed[row];
			}
		}
	}
	if (nsplit == 0)
		return;
	if (broken < 0)
		sol = gd_requests_combine(rc, t2019, choice, GD_RA_COMBOS, &used, &cbounded);
	for (int row = 0; row < GD_NROWS; row++)
	{
		int			li;

		if (!ra->split[row])
			continue;
		li = c->lines[match_line(c, &m[row])].lineno;
		req_row_name(row, t2019, name, sizeof(name));
		if (broken >= 0)
		{
			char		bname[200];

			req_row_name(broken, t2019, bname, sizeof(bname));
			if (row == broken)
				add_diag(c, li, sec, "not_inferred",
						 "section 三 (requests): row %s at line %d prints its 7 cells run together as \"%s\", and no way to cut it keeps its row total (总计 = the six applicant columns): the printed numbers break the identity; its cells are NULL, and nothing else in the table is inferred",
						 name, li, ra->run[row]);
			else
				add_diag(c, li, sec, "not_inferred",
						 "section 三 (requests): row %s at line %d prints its 7 cells run together as \"%s\"; they are not inferred because the table breaks an identity (row %s), so no cutting can be confirmed; its cells are NULL",
						 name, li, ra->run[row], bname);
			continue;
		}
		if (rc[row].ncand == 0)
		{
			add_diag(c, li, sec, "not_inferred",
					 "section 三 (requests): row %s at line %d prints its 7 cells run together as \"%s\": %s%d ways to cut it keep the row total, too many to decide between; its cells are NULL",
					 name, li, ra->run[row], bounded[row] ? "more than " : "", n[row]);
			continue;
		}
		if (sol >= 1 && (sol == 1 || rc[row].ncand == 1))
		{
			const int64_t *v = rc[row].cand + (size_t) (sol == 1 ? choice[row] : 0) * GD_NCOLS;

			for (int col = 0; col < GD_NCOLS; col++)
			{
				rep->v[GD_REQ_CELL(row, col)] = v[col];
				rep->isnull[GD_REQ_CELL(row, col)] = false;
			}
			describe_values(v, GD_NCOLS, vals, sizeof(vals));
			identities_text(used, ids, sizeof(ids));
			if (rc[row].ncand == 1)
				add_diag(c, li, sec, "inferred",
						 "section 三 (requests): row %s at line %d prints its 7 cells run together as \"%s\"; read as %s, the only way to cut it that keeps its row total",
						 name, li, ra->run[row], vals);
			else
				add_diag(c, li, sec, "inferred",
						 "section 三 (requests): row %s at line %d prints its 7 cells run together as \"%s\"; read as %s: of the %d ways to cut it that keep its row total, the only one that also keeps %s",
						 name, li, ra->run[row], vals, rc[row].ncand, ids);
			continue;
		}
		identities_text(used, ids, sizeof(ids));
		add_diag(c, li, sec, "not_inferred",
				 "section 三 (requests): row %s at line %d prints its 7 cells run together as \"%s\": %d ways to cut it keep its row total, and %s choices over the table keep %s; its cells are NULL",
				 name, li, ra->run[row], rc[row].ncand,
				 cbounded ? "too many" : sol == 0 ? "no" : "several", ids);
	}
}

typedef struct req_result
{
	bool		found;			/* some row was recognised */
	bool		t2019;			/* 三(六) is one row */
	bool		has_subrows;	/* 2021 sub-rows of 三(六) printed */
} req_result;

static req_result
parse_requests(ctx *c, const span *sp)
{
	gd_report  *rep = &c->out->report;
	const span *s = &sp[SP_REQ];
	req_result	res = {false, false, false};
	match		m[GD_NROWS];
	region	   *rg;
	size_t		bounds[MAX_BOUNDS];
	int			nb = 0;
	size_t		lo,
				hi;
	bool		cand2019 = false;
	int			nrows_with = 0,
				nrows_six = 0;
	bool		six = false;
	char		name[200];
	const char *sec = "requests";
	req_runs   *ra;

	if (!s->found)
	{
		rep->present[GD_SEC_REQUESTS] = false;
		add_diag(c, 0, sec, "section_not_found",
				 "section 三 收到和处理政府信息公开申请情况 (requests) was not found: neither its heading nor its table (申请人情况, 本年新收政府信息公开申请数量); its cells are NULL");
		return res;
	}
	rg = malloc(sizeof(region) * GD_NROWS);
	if (!rg)
	{
		c->oom = true;
		return res;
	}
	/*
	 * Rows in template order: each is looked for after the row found before
	 * it (a repeated or stray header further down, such as a converter's
	 * 「项目 | 本年新收件数 | … | 结转下年度」, is not taken for a row), and
	 * anywhere in the section when it is not there.
	 */
	{
		size_t		after = s->k0;

		for (int row = 0; row < GD_NROWS; row++)
		{
			m[row].found = false;
			if (!req_keys[row][0])
				continue;
			m[row] = match_keys(c, req_keys[row], 3, after, s->k1);
			if (!m[row].found)
				m[row] = match_keys(c, req_keys[row], 3, s->k0, s->k1);
			else
				after = m[row].k1;
		}
	}
	/* a label printed with damage, where it must stand: between its neighbours */
	for (int row = 0; row < GD_NROWS; row++)
	{
		size_t		w0 = s->k0,
					w1 = s->k1;
		char		printed[200];
		int			pct;

		if (m[row].found || !req_keys[row][0])
			continue;
		for (int r = row - 1; r >= 0; r--)
			if (m[r].found)
			{
				w0 = m[r].k1;
				break;
			}
		for (int r = row + 1; r < GD_NROWS; r++)
			if (m[r].found)
			{
				w1 = m[r].k0;
				break;
			}
		if (w0 < w1 && fuzzy_req_label(c, row, w0, w1, &m[row], printed, sizeof(printed), &pct))
		{
			req_row_name(row, false, name, sizeof(name));
			add_diag(c, c->lines[match_line(c, &m[row])].lineno, sec, "label",
					 "section 三 (requests): row %s is printed with the label \"%s\" at line %d; it is read as that row, the nearest template label (%d%% of the wording in order) and the only one near",
					 name, printed, c->lines[match_line(c, &m[row])].lineno, pct);
		}
	}
	res.has_subrows = m[GD_ROW_OTHER_NO_CORRECTION].found || m[GD_ROW_OTHER_NO_FEE].found;

	/* 其他: after the rows before it, before 结转下年度 */
	lo = s->k0;
	for (int row = 0; row < GD_ROW_OTHER_OTHER; row++)
		if (m[row].found && m[row].k1 > lo)
			lo = m[row].k1;
	hi = m[GD_ROW_CARRIED_FORWARD].found && m[GD_ROW_CARRIED_FORWARD].k0 >= lo ?
		m[GD_ROW_CARRIED_FORWARD].k0 : s->k1;
	if (res.has_subrows)
		m[GD_ROW_OTHER_OTHER] = match_keys(c, key_other, 1, lo, hi);
	else if (lo > s->k0)
	{
		m[GD_ROW_OTHER_OTHER] = match_keys(c, key_other_2019, 1, lo, hi);
		cand2019 = m[GD_ROW_OTHER_OTHER].found;
	}
	/* 总计: after them too */
	lo = s->k0;
	for (int row = 0; row < GD_ROW_HANDLED_TOTAL; row++)
		if (m[row].found && m[row].k1 > lo)
			lo = m[row].k1;
	if (lo > s->k0)
		m[GD_ROW_HANDLED_TOTAL] = match_keys(c, key_total, 2, lo, hi);

	/*
	 * A row's cells run from its label to where the next label begins
	 * (label_start), a row's or a group's (（三）不予公开, 三、本年度办理结果),
	 * or the next section.
	 */
	for (int row = 0; row < GD_NROWS; row++)
		if (m[row].found)
			bounds[nb++] = label_start(c, k_to_n(c, m[row].k0), req_row_num(row));
	for (size_t g = 0; g < sizeof(req_group_keys) / sizeof(req_group_keys[0]); g++)
	{
		if (res.has_subrows || strcmp(req_group_keys[g], "其他处理") != 0)
			add_key_bounds(c, req_group_keys[g], s->k0, s->k1, bounds, &nb);
		/* (the 2019 row named 其他处理 has cells: it is a row, not a group) */
	}
	{
		size_t		end = label_start(c, k_to_n(c, s->k1), 0);

		for (int row = 0; row < GD_NROWS; row++)
		{
			rg[row].nslots = 0;
			rg[row].last_li = -1;
			rg[row].lead_blank = 0;
			if (m[row].found)
			{
				size_t		from = kend_to_n(c, m[row].k1);

				tokenize(c, from, next_boundary(bounds, nb, from, end), &rg[row]);
			}
		}
	}
	if (cand2019)
	{
		if (rg[GD_ROW_OTHER_OTHER].nslots > 0)
			res.t2019 = true;
		else
			m[GD_ROW_OTHER_OTHER].found = false;	/* a group label only */
	}
	for (int row = 0; row < GD_NROWS; row++)
		if (m[row].found)
			res.found = true;
	if (!res.found)
	{
		rep->present[GD_SEC_REQUESTS] = false;
		add_diag(c, c->lines[s->li].lineno, sec, "section_not_found",
				 "section 三 (requests): its heading or header is at line %d but no row of its table (本年新收政府信息公开申请数量, 予以公开, …) was recognised; its cells are NULL",
				 c->lines[s->li].lineno);
		free(rg);
		return res;
	}

	/* 2019 reports may leave 总计 blank in every row */
	for (int row = 0; row < GD_NROWS; row++)
		if (m[row].found && rg[row].nslots > 0)
		{
			nrows_with++;
			if (rg[row].nslots == GD_NCOLS - 1)
				nrows_six++;
		}
	if (nrows_with >= 2 && nrows_six == nrows_with)
	{
		size_t		first = s->k1;
		bool		hdr_total;

		for (int row = 0; row < GD_NROWS; row++)
			if (m[row].found && m[row].k0 < first)
				first = m[row].k0;
		hdr_total = find_key(c, "总计", s->k0, first) != SIZE_MAX ||
			find_key(c, "合计", s->k0, first) != SIZE_MAX;
		six = true;
		add_diag(c, c->lines[s->li].lineno, sec, "total_column_blank",
				 "section 三 (requests): every row of the table (%d rows) prints 6 numbers for 7 cells%s; they are read as the six applicant columns (自然人 … 其他) and the 总计 (total) column is left NULL in every row",
				 nrows_with, hdr_total ? " although the header shows a 总计 column: 总计 is printed blank" : " and the header shows no 总计 column");
	}

	/*
	 * Cells printed run together: when most rows print one or two runs of
	 * digits for their seven cells (crawler text), each run is cut as the
	 * identities allow (reassemble_requests).
	 */
	ra = NULL;
	{
		int			nfound = 0,
					glued = 0;
		char		run[RUN_MAX];

		for (int row = 0; row < GD_NROWS; row++)
			if (m[row].found && rg[row].nslots > 0)
			{
				size_t		l = !six && rg[row].nslots < GD_NCOLS && rg[row].nslots <= 2 ?
					region_run(&rg[row], run, RUN_MAX) : 0;

				nfound++;
				if (l > 0 && l + 1 - (size_t) rg[row].nslots >= GD_NCOLS)
					glued++;
			}
		c->run_together = nfound >= 5 && glued * 2 >= nfound;
		if (c->run_together && (ra = malloc(sizeof(req_runs))) == NULL)
		{
			c->oom = true;
			free(rg);
			return res;
		}
		for (int row = 0; row < GD_NROWS && ra; row++)
			ra->split[row] = false;
		for (int row = 0; row < GD_NROWS && ra; row++)
		{
			if (!m[row].found || rg[row].nslots == 0 || rg[row].nslots >= GD_NCOLS ||
				(res.t2019 && (row == GD_ROW_OTHER_NO_CORRECTION || row == GD_ROW_OTHER_NO_FEE)))
				continue;
			ra->len[row] = region_run(&rg[row], ra->run[row], RUN_MAX);
			ra->split[row] = ra->len[row] > 0;
		}
	}

	for (int row = 0; row < GD_NROWS; row++)
	{
		int			label_li;
		int			want = six ? GD_NCOLS - 1 : GD_NCOLS;

		if (res.t2019 && (row == GD_ROW_OTHER_NO_CORRECTION || row == GD_ROW_OTHER_NO_FEE))
			continue;
		req_row_name(row, res.t2019, name, sizeof(name));
		if (!m[row].found)
		{
			char		looked[120];

			if (req_keys[row][0])
				snprintf(looked, sizeof(looked), "\"%s\"", req_keys[row][0]);
			else if (row == GD_ROW_OTHER_OTHER)
				snprintf(looked, sizeof(looked), "\"其他\" after 三(六)2");
			else
				snprintf(looked, sizeof(looked), "\"总计\" after 三(六)");
			add_diag(c, c->lines[s->li].lineno, sec, "row_not_found",
					 "section 三 (requests): row %s was not found in the table (looked for %s); its 7 cells are left NULL",
					 name, looked);
			continue;
		}
		label_li = match_line(c, &m[row]);
		{
			char		what[260];

			snprintf(what, sizeof(what), "section 三 (requests): row %s", name);
			if (rg[row].nslots == 0)
			{
				diag_blank(c, sec, what, label_li, GD_NCOLS);
				continue;
			}
			if (rg[row].nslots != want)
			{
				if (!ra || !ra->split[row])
					diag_cell_count(c, sec, what, label_li, &rg[row], GD_NCOLS, NULL);
				continue;
			}
		}
		for (int col = 0; col < want; col++)
		{
			int			idx = GD_REQ_CELL(row, col);
			char		where[300];

			snprintf(where, sizeof(where), "section 三 (requests): row %s, column %s (%s)",
					 name, gd_request_columns[col].label_zh, gd_request_columns[col].code);
			read_count(c, &rg[row].s[col], &rep->v[idx], &rep->isnull[idx], sec, where);
		}
	}
	if (ra)
		reassemble_requests(c, ra, m, res.t2019);
	free(ra);
	free(rg);
	return res;
}

/* ------------------------------------------------------------------ */
/* Section 二: proactive disclosure */

enum
{
	PI_RULES, PI_NORM, PI_LIC, PI_SERVICES, PI_PUN, PI_COER, PI_FEES, PI_PROC, NPI
};

typedef struct pro_def
{
	const char *code;
	const char *label;
	const char *keys[3];
	const char *hdr_key;		/* its sub-table's header, key view */
	const char *hdr_label;
	int			cells21;		/* 0: not in the 2021 template */
	int			cells19;
	int			pitem;			/* GD_PITEM_*, -1 */
	const char *cells21_desc;
	const char *cells19_desc;
} pro_def;

static const pro_def pro_defs[NPI] = {
	{"rules", "规章", {"规章"}, "第二十条第一项", "第二十条第（一）项", 3, 3, GD_PITEM_RULES,
	"本年制发件数, 本年废止件数, 现行有效件数", "本年新制作数量, 本年新公开数量, 对外公开总数量"},
	{"normative_documents", "行政规范性文件", {"规范性文件"}, "第二十条第一项", "第二十条第（一）项", 3, 3,
		GD_PITEM_NORMATIVE_DOCUMENTS,
	"本年制发件数, 本年废止件数, 现行有效件数", "本年新制作数量, 本年新公开数量, 对外公开总数量"},
	{"licensing", "行政许可", {"行政许可"}, "第二十条第五项", "第二十条第（五）项", 1, 3, GD_PITEM_LICENSING,
	"本年处理决定数量", "上一年项目数量, 本年增/减, 处理决定数量"},
	{"other_services", "其他对外管理服务事项", {"其他对外管理服务事项", "对外管理服务事项"}, "第二十条第五项",
	"第二十条第（五）项", 0, 3, -1, NULL, "上一年项目数量, 本年增/减, 处理决定数量"},
	{"punishment", "行政处罚", {"行政处罚"}, "第二十条第六项", "第二十条第（六）项", 1, 3, GD_PITEM_PUNISHMENT,
	"本年处理决定数量", "上一年项目数量, 本年增/减, 处理决定数量"},
	{"coercion", "行政强制", {"行政强制"}, "第二十条第六项", "第二十条第（六）项", 1, 3, GD_PITEM_COERCION,
	"本年处理决定数量", "上一年项目数量, 本年增/减, 处理决定数量"},
	{"fees", "行政事业性收费", {"行政事业性收费", "事业性收费"}, "第二十条第八项", "第二十条第（八）项", 1, 2,
	GD_PITEM_FEES, "本年收费金额（单位：万元）", "上一年项目数量, 本年增/减"},
	{"procurement", "政府集中采购", {"政府集中采购", "集中采购"}, "第二十条第九项", "第二十条第（九）项", 0, 2, -1,
	NULL, "采购项目数量, 采购总金额"},
};

static const char *const pro_delims[] = {
	"第二十条", "信息内容", "本年制发件数", "本年新制作数量", "上一年项目数量",
	"本年处理决定数量", "采购项目数量", "本年收费金额"
};
static const char *const pro_markers21[] = {
	"本年制发件数", "本年废止件数", "现行有效件数", "本年处理决定数量", "本年收费金额"
};
static const char *const pro_markers19[] = {
	"本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "本年增减",
	"其他对外管理服务事项", "政府集中采购", "采购项目数量", "采购总金额"
};

typedef struct pro_result
{
	bool		found;
	int			layout;			/* 0 none, 2021, 2019 */
} pro_result;

static gd_p19_item *
p19_item(gd_proactive_2019 *p, int pi)
{
	switch (pi)
	{
		case PI_RULES:
			return &p->rules;
		case PI_NORM:
			return &p->normative_documents;
		case PI_LIC:
			return &p->licensing;
		case PI_SERVICES:
			return &p->other_services;
		case PI_PUN:
			return &p->punishment;
		case PI_COER:
			return &p->coercion;
		case PI_FEES:
			return &p->fees;
		default:
			return &p->procurement;
	}
}

/* The model's 2019 item of each of ours. */
static const int p19_model_item[NPI] = {
	GD_P19_RULES, GD_P19_NORMATIVE_DOCUMENTS, GD_P19_LICENSING, GD_P19_OTHER_SERVICES,
	GD_P19_PUNISHMENT, GD_P19_COERCION, GD_P19_FEES, GD_P19_PROCUREMENT
};

/* The 2019 section 二 also goes into the report's proactive_2019 cells. */
static void
copy_p19_to_report(gd_parsed *out)
{
	gd_report  *rep = &out->report;
	gd_proactive_2019 *p = &out->proactive_2019;

	for (int pi = 0; pi < NPI; pi++)
	{
		const gd_item *it = &gd_sections[GD_SEC_PROACTIVE_2019].items[p19_model_item[pi]];
		gd_p19_item *src = p19_item(p, pi);

		for (int k = 0; k < it->cellset->ncells && k < 3; k++)
		{
			int			idx = it->first_cell + k;
			gd_cell_kind kind = it->cellset->cells[k].kind;

			if (kind == GD_KIND_AMOUNT)
			{
				if (p->procurement_amount[0])
				{
					rep->isnull[idx] = false;
					rep->v[idx] = p->procurement_amount[0] == '-' ? -1 : 1;
					rep->text[idx] = p->procurement_amount;
				}
			}
			else if (kind == GD_KIND_TEXT)
			{
				if (p->procurement_unit[0])
				{
					rep->isnull[idx] = false;
					rep->text[idx] = p->procurement_unit;
				}
			}
			else if (!src->isnull[k])
			{
				rep->isnull[idx] = false;
				rep->v[idx] = src->v[k];
			}
		}
	}
}

/* Read a decimal amount into buf; false (with a diagnostic) when it cannot. */
static bool
read_amount(ctx *c, const slot *s, char *buf, size_t cap, bool *neg,
			const char *where, bool need_wan)
{
	const char *why = NULL;

	if (s->kind == W_NA || s->kind == W_BLANK)
		return false;
	if (s->kind == W_BAD)
		why = "is not a readable number";
	else if (s->kind == W_NONE)
		why = "is text (无), not a number";
	else if (s->overflow || strlen(s->num) + 1 > cap)
		why = "is too long";
	else if (need_wan && s->unit[0] && strcmp(s->unit, "万元") != 0 && strcmp(s->unit, "万") != 0)
		why = "is not printed in 万元 (10,000 yuan) as the template asks";
	if (why)
	{
		add_diag(c, c->lines[s->li].lineno, "proactive", "number",
				 "%s at line %d: \"%s\" %s; the cell is left NULL",
				 where, c->lines[s->li].lineno, s->raw, why);
		return false;
	}
	snprintf(buf, cap, "%s", s->num);
	*neg = s->neg;
	return true;
}

static pro_result
parse_proactive(ctx *c, const span *sp)
{
	gd_report  *rep = &c->out->report;
	gd_proactive_2019 *p19 = &c->out->proactive_2019;
	const span *s = &sp[SP_PRO];
	pro_result	res = {false, 0};
	match		m[NPI];
	region	   *rg;
	size_t	   *bounds;
	int			nb = 0;
	int			n21 = 0,
				n19 = 0;
	const char *sec = "proactive";
	char		mk21[200] = "",
				mk19[200] = "";

	rep->present[GD_SEC_PROACTIVE_2019] = false;
	if (!s->found)
	{
		rep->present[GD_SEC_PROACTIVE] = false;
		add_diag(c, 0, sec, "section_not_found",
				 "section 二 主动公开政府信息情况 (proactive) was not found: neither its heading nor its table (第二十条第（一）项 …); its cells are NULL");
		return res;
	}
	rg = malloc(sizeof(region) * NPI);
	bounds = malloc(sizeof(size_t) * MAX_BOUNDS);
	if (!rg || !bounds)
	{
		free(rg);
		free(bounds);
		c->oom = true;
		return res;
	}
	for (int pi = 0; pi < NPI; pi++)
	{
		m[pi] = match_keys(c, pro_defs[pi].keys, 3, s->k0, s->k1);
		if (m[pi].found)
		{
			res.found = true;
			if (nb < MAX_BOUNDS)
				bounds[nb++] = label_start(c, k_to_n(c, m[pi].k0), 0);
		}
	}
	for (size_t d = 0; d < sizeof(pro_delims) / sizeof(pro_delims[0]); d++)
		add_key_bounds(c, pro_delims[d], s->k0, s->k1, bounds, &nb);
	if (!res.found)
	{
		rep->present[GD_SEC_PROACTIVE] = false;
		add_diag(c, c->lines[s->li].lineno, sec, "section_not_found",
				 "section 二 (proactive): its heading or header is at line %d but no item of its table (规章, 行政规范性文件, 行政许可, …) was recognised; its cells are NULL",
				 c->lines[s->li].lineno);
		free(rg);
		free(bounds);
		return res;
	}
	for (int pi = 0; pi < NPI; pi++)
	{
		rg[pi].nslots = 0;
		rg[pi].last_li = -1;
		rg[pi].lead_blank = 0;
		if (m[pi].found)
		{
			size_t		from = kend_to_n(c, m[pi].k1);

			tokenize(c, from, next_boundary(bounds, nb, from, label_start(c, k_to_n(c, s->k1), 0)),
					 &rg[pi]);
		}
	}

	/* which layout: the column headers, else the cells of 行政许可 … */
	for (size_t i = 0; i < sizeof(pro_markers21) / sizeof(pro_markers21[0]); i++)
		if (find_key(c, pro_markers21[i], s->k0, s->k1) != SIZE_MAX)
		{
			if (n21++ == 0)
				snprintf(mk21, sizeof(mk21), "%s", pro_markers21[i]);
		}
	for (size_t i = 0; i < sizeof(pro_markers19) / sizeof(pro_markers19[0]); i++)
		if (find_key(c, pro_markers19[i], s->k0, s->k1) != SIZE_MAX)
		{
			if (n19++ == 0)
				snprintf(mk19, sizeof(mk19), "%s", pro_markers19[i]);
		}
	if (n19 > n21)
		res.layout = 2019;
	else if (n21 > n19)
		res.layout = 2021;
	else
	{
		int			three = 0,
					one = 0;
		const int	svc[] = {PI_LIC, PI_PUN, PI_COER};

		for (int i = 0; i < 3; i++)
		{
			three += m[svc[i]].found && rg[svc[i]].nslots == 3;
			one += m[svc[i]].found && rg[svc[i]].nslots == 1;
		}
		res.layout = three > one ? 2019 : 2021;
	}
	if (n19 > 0 && n21 > 0)
		add_diag(c, c->lines[s->li].lineno, sec, "template",
				 "section 二 (proactive) shows column headers of both templates (2021: %s …; 2019: %s …); it is read with the %d layout",
				 mk21, mk19, res.layout);

	for (int pi = 0; pi < NPI; pi++)
	{
		const pro_def *d = &pro_defs[pi];
		int			ncells = res.layout == 2019 ? d->cells19 : d->cells21;
		const char *desc = res.layout == 2019 ? d->cells19_desc : d->cells21_desc;
		char		what[300];
		int			label_li;

		if (ncells == 0)
			continue;
		if (res.layout == 2021)
			snprintf(what, sizeof(what), "section 二 (proactive): item %s (%s)",
					 gd_sections[GD_SEC_PROACTIVE].items[d->pitem].label_zh, d->code);
		else
			snprintf(what, sizeof(what), "section 二 (proactive, 2019 template): item %s %s (%s)",
					 pi == PI_NORM ? "规范性文件" : d->label, d->hdr_label, d->code);
		if (!m[pi].found)
		{
			size_t		hk = find_key(c, d->hdr_key, s->k0, s->k1);

			if (hk != SIZE_MAX)
			{
				int			hli = line_of(c, k_to_n(c, hk));

				add_diag(c, c->lines[hli].lineno, sec, "item_not_found",
						 "%s was not found: its sub-table header %s is printed at line %d but no %s row%s follows; %s NULL",
						 what, d->hdr_label, c->lines[hli].lineno, d->label,
						 pi == PI_FEES && res.layout == 2021 ? " or amount" : "",
						 ncells == 1 ? "the cell is" : "its cells are");
			}
			else
				add_diag(c, c->lines[s->li].lineno, sec, "item_not_found",
						 "%s was not found in the table (looked for \"%s\"); %s NULL",
						 what, d->keys[0], ncells == 1 ? "the cell is" : "its cells are");
			continue;
		}
		label_li = match_line(c, &m[pi]);
		if (rg[pi].nslots == 0)
		{
			diag_blank(c, sec, what, label_li, ncells);
			continue;
		}
		if (rg[pi].nslots != ncells)
		{
			char		run[RUN_MAX];
			size_t		rl;
			int64_t		v[GD_RA_MAX_CELLS];

			if (c->run_together && rg[pi].nslots < ncells && pi != PI_FEES && pi != PI_PROC &&
				(rl = region_run(&rg[pi], run, sizeof(run))) > 0)
			{
				if (cut_without_identity(c, sec, what, label_li, run, rl, ncells, v))
					for (int k = 0; k < ncells; k++)
					{
						if (res.layout == 2021)
						{
							int			idx = ncells == 3 ? GD_PRO_DOC(d->pitem, k) : GD_PRO_SINGLE(d->pitem);

							rep->v[idx] = v[k];
							rep->isnull[idx] = false;
						}
						else
						{
							p19_item(p19, pi)->v[k] = v[k];
							p19_item(p19, pi)->isnull[k] = false;
						}
					}
				continue;
			}
			diag_cell_count(c, sec, what, label_li, &rg[pi], ncells, desc);
			continue;
		}
		if (res.layout == 2021)
		{
			if (pi == PI_FEES)
			{
				bool		neg = false;

				if (read_amount(c, &rg[pi].s[0], c->out->fees_text, sizeof(c->out->fees_text),
								&neg, what, true))
				{
					rep->v[GD_FEES_CELL] = neg ? -1 : 1;
					rep->isnull[GD_FEES_CELL] = false;
					rep->text[GD_FEES_CELL] = c->out->fees_text;
				}
				else
					c->out->fees_text[0] = '\0';
			}
			else
				for (int k = 0; k < ncells; k++)
				{
					int			idx = ncells == 3 ? GD_PRO_DOC(d->pitem, k) : GD_PRO_SINGLE(d->pitem);

					read_count(c, &rg[pi].s[k], &rep->v[idx], &rep->isnull[idx], sec, what);
				}
		}
		else
		{
			gd_p19_item *it = p19_item(p19, pi);

			for (int k = 0; k < ncells; k++)
			{
				if (pi == PI_PROC && k == 1)
				{
					bool		neg = false;
					const slot *sl = &rg[pi].s[k];

					if (read_amount(c, sl, p19->procurement_amount,
									sizeof(p19->procurement_amount), &neg, what, false))
					{
						if (sl->unit[0])
							snprintf(p19->procurement_unit, sizeof(p19->procurement_unit), "%s", sl->unit);
						else
						{
							size_t		h = find_key(c, "采购总金额", s->k0, s->k1);
							const char *u[] = {"万元", "亿元", "元"};

							for (int ui = 0; h != SIZE_MAX && ui < 3; ui++)
							{
								size_t		up = find_key(c, u[ui], h, h + 15 + 6 + 6);

								if (up != SIZE_MAX && up == h + 15)
								{
									snprintf(p19->procurement_unit, sizeof(p19->procurement_unit), "%s", u[ui]);
									break;
								}
								if (up != SIZE_MAX && up == h + 15 + 6 &&
									memcmp(c->k + h + 15, "单位", 6) == 0)
								{
									snprintf(p19->procurement_unit, sizeof(p19->procurement_unit), "%s", u[ui]);
									break;
								}
							}
						}
					}
					else
						p19->procurement_amount[0] = '\0';
					continue;
				}
				read_count(c, &rg[pi].s[k], &it->v[k], &it->isnull[k], sec, what);
			}
		}
	}
	if (res.layout == 2019)
	{
		rep->present[GD_SEC_PROACTIVE] = false;
		rep->present[GD_SEC_PROACTIVE_2019] = true;
		c->out->has_proactive_2019 = true;
		copy_p19_to_report(c->out);
	}
	free(rg);
	free(bounds);
	return res;
}

/* ------------------------------------------------------------------ */
/* Section 四: review and litigation */

static const char *const app_hdr_keys[] = {
	"总计", "合计", "审结", "起诉", "结果", "维持", "纠正", "行政复议", "行政诉讼"
};

/*
 * Section 四's 15 cells printed run together: read when the layout leaves
 * one way to cut them, or when exactly one way keeps every block's total
 * (总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结).
 */
static void
cut_appeals(ctx *c, int li, const char *run, size_t len)
{
	gd_report  *rep = &c->out->report;
	int64_t		out[GD_RA_MAX_CANDS * GD_RA_MAX_CELLS];
	bool		bounded;
	int			ncells = GD_NBLOCKS * GD_NACELLS;
	int			line = c->lines[li].lineno;
	bool		by_layout;
	int			n;
	char		vals[200];

	n = gd_split_run(run, len, ncells, 0, out, 1, GD_RA_STEPS, &bounded);
	by_layout = n == 1 && !bounded;
	if (!by_layout)
		n = gd_split_run(run, len, ncells, GD_NACELLS, out, GD_RA_MAX_CANDS, GD_RA_STEPS, &bounded);
	if (n != 1 || bounded)
	{
		add_diag(c, line, "appeals", "not_inferred",
				 "section 四 (appeals): the data row at line %d prints its 15 cells run together as \"%s\": %s%d ways to cut it keep each block's total (总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结); its cells are NULL",
				 line, run, bounded ? "more than " : "", n);
		return;
	}
	for (int i = 0; i < ncells; i++)
	{
		rep->v[GD_APP_CELL(0, 0) + i] = out[i];
		rep->isnull[GD_APP_CELL(0, 0) + i] = false;
	}
	if (!by_layout)
	{
		describe_values(out, ncells, vals, sizeof(vals));
		add_diag(c, line, "appeals", "inferred",
				 "section 四 (appeals): the data row at line %d prints its 15 cells run together as \"%s\"; read as %s: of the ways to cut it, the only one that keeps each block's total (总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结)",
				 line, run, vals);
	}
}

static bool
parse_appeals(ctx *c, const span *sp)
{
	gd_report  *rep = &c->out->report;
	const span *s = &sp[SP_APP];
	size_t		hdr_end = 0;
	bool		hdr = false;
	region	   *r;
	const char *sec = "appeals";
	const char *what = "section 四 (appeals): the data row";
	const char *desc = "行政复议, 行政诉讼 未经复议直接起诉, 行政诉讼 复议后起诉 × 结果维持, 结果纠正, 其他结果, 尚未审结, 总计";

	if (!s->found)
	{
		rep->present[GD_SEC_APPEALS] = false;
		add_diag(c, 0, sec, "section_not_found",
				 "section 四 政府信息公开行政复议、行政诉讼情况 (appeals) was not found: neither its heading nor its table (未经复议直接起诉, 复议后起诉); its cells are NULL");
		return false;
	}
	for (size_t i = 0; i < sizeof(app_hdr_keys) / sizeof(app_hdr_keys[0]); i++)
	{
		size_t		kp = find_key_last(c, app_hdr_keys[i], s->k0, s->k1);

		if (kp != SIZE_MAX && kp + strlen(app_hdr_keys[i]) > hdr_end)
		{
			hdr_end = kp + strlen(app_hdr_keys[i]);
			hdr = true;
		}
	}
	if (!hdr || find_key(c, "行政复议", s->k0, s->k1) == SIZE_MAX)
	{
		rep->present[GD_SEC_APPEALS] = false;
		add_diag(c, c->lines[s->li].lineno, sec, "item_not_found",
				 "section 四 (appeals): the table header (行政复议, 行政诉讼, 结果维持 … 总计) after the heading at line %d was not found; its cells are NULL",
				 c->lines[s->li].lineno);
		return false;
	}
	r = malloc(sizeof(region));
	if (!r)
	{
		c->oom = true;
		return false;
	}
	/*
	 * The cells follow the header: from its first cell heading on (a header
	 * per block, as converters print it, leaves text between the blocks'
	 * numbers, which is skipped), to the end of the section.
	 */
	{
		static const char *const cell_hdr[] = {"维持", "纠正", "审结"};
		size_t		first = hdr_end;

		for (size_t i = 0; i < sizeof(cell_hdr) / sizeof(cell_hdr[0]); i++)
		{
			size_t		kp = find_key(c, cell_hdr[i], s->k0, s->k1);

			if (kp != SIZE_MAX && kp + strlen(cell_hdr[i]) < first)
				first = kp + strlen(cell_hdr[i]);
		}
		tokenize(c, kend_to_n(c, first), label_start(c, k_to_n(c, s->k1), 0), r);
	}
	if (r->nslots == 0)
	{
		int			hli = line_of(c, k_to_n(c, hdr_end - 1));

		diag_blank(c, sec, "section 四 (appeals): the table (its header line)", hli, GD_NBLOCKS * GD_NACELLS);
	}
	else if (r->nslots != GD_NBLOCKS * GD_NACELLS)
	{
		char		run[RUN_MAX];
		size_t		rl;

		if (c->run_together && r->nslots < GD_NBLOCKS * GD_NACELLS &&
			(rl = region_run(r, run, sizeof(run))) > 0)
			cut_appeals(c, r->s[0].li, run, rl);
		else
			diag_cell_count(c, sec, what, r->s[0].li, r, GD_NBLOCKS * GD_NACELLS, desc);
	}
	else
		for (int b = 0; b < GD_NBLOCKS; b++)
			for (int k = 0; k < GD_NACELLS; k++)
			{
				int			idx = GD_APP_CELL(b, k);
				char		where[300];
				const gd_item *it = &gd_sections[GD_SEC_APPEALS].items[b];

				snprintf(where, sizeof(where), "section 四 (appeals): %s (%s), %s (%s)",
						 it->label_zh, it->code, it->cellset->cells[k].label_zh,
						 it->cellset->cells[k].code);
				read_count(c, &r->s[b * GD_NACELLS + k], &rep->v[idx], &rep->isnull[idx],
						   sec, where);
			}
	free(r);
	return true;
}

/* ------------------------------------------------------------------ */
/* Entry points */

typedef struct diag_order
{
	int			line;
	int			rank;			/* title, 二, 三, 四: the report's order */
	int			idx;
} diag_order;

static int
section_rank(const char *section)
{
	static const char *const order[] = {"title", "proactive", "requests", "appeals"};

	for (int i = 0; i < 4; i++)
		if (strcmp(section, order[i]) == 0)
			return i;
	return 4;
}

static int
cmp_diag_order(const void *a, const void *b)
{
	const diag_order *x = a,
			   *y = b;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

static void
sort_diags(gd_parsed *out)
{
	diag_order *ord;
	gd_diag    *nd;

	if (out->ndiags < 2)
		return;
	ord = malloc(sizeof(diag_order) * (size_t) out->ndiags);
	nd = malloc(sizeof(gd_diag) * (size_t) out->ndiags);
	if (!ord || !nd)
	{
		free(ord);
		free(nd);
		return;
	}
	for (int i = 0; i < out->ndiags; i++)
	{
		ord[i].line = out->diags[i].line;
		ord[i].rank = section_rank(out->diags[i].section);
		ord[i].idx = i;
	}
	qsort(ord, (size_t) out->ndiags, sizeof(diag_order), cmp_diag_order);
	for (int i = 0; i < out->ndiags; i++)
		nd[i] = out->diags[ord[i].idx];
	free(out->diags);
	out->diags = nd;
	free(ord);
}

static void
init_out(gd_parsed *out)
{
	memset(out, 0, sizeof(*out));
	gd_report_init(&out->report, GD_TMPL_2021);
	for (int pi = 0; pi < NPI; pi++)
	{
		gd_p19_item *it = p19_item(&out->proactive_2019, pi);

		for (int k = 0; k < 3; k++)
			it->isnull[k] = true;
	}
}

void
gd_parse_report(const char *text, size_t len, gd_parsed *out)
{
	ctx			c;
	span		sp[NSPANS];
	pro_result	pro;
	req_result	req;
	bool		app;

	init_out(out);
	memset(&c, 0, sizeof(c));
	c.in = text && len ? text : "";
	c.inlen = text ? len : 0;
	c.out = out;
	c.title_li = -1;
	if (!normalise_input(&c))
		goto oom;
	find_title(&c);
	mark_noise(&c);
	if (!build_keys(&c))
		goto oom;
	find_sections(&c, sp);
	req = parse_requests(&c, sp);	/* first: it tells whether cells run together */
	pro = parse_proactive(&c, sp);
	app = parse_appeals(&c, sp);
	if (c.oom)
		goto oom;
	out->found_tables = pro.found || req.found || app;
	if (req.t2019 || pro.layout == 2019)
		out->report.tmpl = GD_TMPL_2019;
	if ((req.t2019 && pro.layout == 2021) || (req.has_subrows && pro.layout == 2019))
		add_diag(&c, 0, req.t2019 ? "requests" : "proactive", "template",
				 "the tables disagree on the template: section 三's 三(六) 其他处理 is %s but section 二 has the %d layout; the report is marked as the 2019 template",
				 req.t2019 ? "one row (2019)" : "split into sub-rows (2021)", pro.layout);
	sort_diags(out);
	free(c.n);
	free(c.n2o);
	free(c.lines);
	free(c.k);
	free(c.k2n);
	return;

oom:
	free(c.n);
	free(c.n2o);
	free(c.lines);
	free(c.k);
	free(c.k2n);
	free(out->diags);
	init_out(out);
}

void
gd_parsed_free(gd_parsed *p)
{
	if (!p)
		return;
	free(p->diags);
	init_out(p);
}
