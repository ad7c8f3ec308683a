/*
 * gd_parse_doc.c — the report's text for the parser (gd_parse_int.h):
 * normalisation, the key view, diagnostics and quotes, page furniture, the
 * title, and where sections begin and end.
 */
#include "gd_parse_int.h"
#include "gd_text.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NORM_DROP 0xFFFFFFFFu

/* ------------------------------------------------------------------ */
/* UTF-8 */

/* Cut a NUL-terminated string in place so that it ends on a boundary. */
void
gdp_utf8_fix_end(char *s)
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
bool
gdp_key_char(uint32_t cp)
{
	if (cp < 0x80)
		return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') ||
			(cp >= 'A' && cp <= 'Z');
	return cp == 0x3007 || cp == 0x3005 || (cp >= 0x3400 && cp <= 0x9FFF) ||
		(cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3FFFF);
}


bool
gdp_normalise_input(ctx *c)
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
		if (gdp_key_char(cp))
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

bool
gdp_build_keys(ctx *c)
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
int
gdp_line_of(const ctx *c, size_t n)
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
size_t
gdp_k_to_n(const ctx *c, size_t kp)
{
	return kp < c->klen ? c->k2n[kp] : c->nlen;
}

/* N offset just after the K char ending at k1 (exclusive). */
size_t
gdp_kend_to_n(const ctx *c, size_t k1)
{
	return k1 == 0 ? 0 : c->k2n[k1 - 1] + 1;
}

/* First occurrence of key in k[k0, k1); SIZE_MAX when none. */
size_t
gdp_find_key(const ctx *c, const char *key, size_t k0, size_t k1)
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
size_t
gdp_find_key_last(const ctx *c, const char *key, size_t k0, size_t k1)
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


void
gdp_add_diag(ctx *c, int line, const char *section, const char *code,
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
	gdp_utf8_fix_end(d->message);
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
void
gdp_quote_lines(const ctx *c, int li0, int li1, char *buf, size_t cap, size_t max)
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

bool
gdp_is_digit(char ch)
{
	return ch >= '0' && ch <= '9';
}

/* Consume 1..4 ASCII digits at s[*i]. */
static bool
eat_digits(const char *s, size_t n, size_t *i)
{
	size_t		st = *i;

	while (*i < n && gdp_is_digit(s[*i]) && *i - st < 5)
		(*i)++;
	return *i > st && *i - st <= 4 && !(*i < n && gdp_is_digit(s[*i]));
}

bool
gdp_eat_str(const char *s, size_t n, size_t *i, const char *lit)
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
		else if (!gdp_eat_str(s, n, i, "\xe2\x80\x94") &&	/* — */
				 !gdp_eat_str(s, n, i, "\xe2\x80\x95") &&	/* ― */
				 !gdp_eat_str(s, n, i, "\xc2\xb7") &&	/* · */
				 !gdp_eat_str(s, n, i, "\xe2\x80\xa2"))	/* • */
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
	if (gdp_eat_str(s, n, &i, "第") && eat_digits(s, n, &i) && gdp_eat_str(s, n, &i, "页"))
	{
		if (i == n)
			return true;
		(void) (gdp_eat_str(s, n, &i, ",") || gdp_eat_str(s, n, &i, "/") ||
				gdp_eat_str(s, n, &i, "\xe3\x80\x81") || gdp_eat_str(s, n, &i, "\xef\xbc\x8c"));
		if (gdp_eat_str(s, n, &i, "共") && eat_digits(s, n, &i) &&
			gdp_eat_str(s, n, &i, "页") && i == n)
			return true;
		return false;
	}
	i = 0;
	if (gdp_eat_str(s, n, &i, "共") && eat_digits(s, n, &i) && gdp_eat_str(s, n, &i, "页"))
	{
		(void) gdp_eat_str(s, n, &i, ",");
		return gdp_eat_str(s, n, &i, "第") && eat_digits(s, n, &i) &&
			gdp_eat_str(s, n, &i, "页") && i == n;
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
	if (gdp_eat_str(s, n, &i, "Page") || gdp_eat_str(s, n, &i, "page") ||
		gdp_eat_str(s, n, &i, "PAGE"))
	{
		if (!eat_digits(s, n, &i))
			return false;
		if (i == n)
			return true;
		if (gdp_eat_str(s, n, &i, "of") || gdp_eat_str(s, n, &i, "/"))
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

		while (i < kl && gdp_is_digit(k[i]) && d < 4)
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
		if (gdp_is_digit(k[i]) && (i == 0 || !gdp_is_digit(k[i - 1])) &&
			gdp_is_digit(k[i + 1]) && gdp_is_digit(k[i + 2]) && gdp_is_digit(k[i + 3]) &&
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
	gdp_utf8_fix_end(dst);
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

			gdp_quote_lines(c, li, li, q, sizeof(q), 200);
			gdp_add_diag(c, L->lineno, "title", "year_from_period",
					 "the title names no year; the year %d is taken from the statistics period at line %d: \"%s\"",
					 y, L->lineno, q);
		}
		return;
	}
}

void
gdp_find_title(ctx *c)
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
		gdp_add_diag(c, 0, "title", "title_not_found",
				 "no title line (… 政府信息公开工作年度报告) was found: the agency and year are unknown");
	else if (c->out->year == 0 || c->out->agency[0] == '\0')
	{
		char		q[300];

		gdp_quote_lines(c, c->title_li, c->title_li, q, sizeof(q), 200);
		gdp_add_diag(c, c->lines[c->title_li].lineno, "title", "title_not_found",
				 "the title at line %d names no %s: \"%s\"",
				 c->lines[c->title_li].lineno,
				 c->out->year == 0 && c->out->agency[0] == '\0' ? "year (2024年) and no agency" :
				 c->out->year == 0 ? "year (2024年)" : "agency", q);
	}
}

void
gdp_mark_noise(ctx *c)
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
/* Sections */



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
	size_t		n = gdp_k_to_n(c, kp);
	int			li = gdp_line_of(c, n);
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
		int			eli = gdp_line_of(c, gdp_k_to_n(c, ke - 1));
		size_t		lend = c->lines[eli].kend;

		if (lend > ke + 24)
			return false;
		for (size_t i = ke; i < lend; i++)
			if (gdp_is_digit(c->k[i]))
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
	n = gdp_k_to_n(c, kp);
	np = gdp_k_to_n(c, kp - nl);
	if (np + nl == n - 3 && memcmp(c->n + np + nl, "、", 3) == 0)
		return true;
	return np + nl == n - 1 && c->n[np + nl] == '.';
}

void
gdp_find_sections(ctx *c, span *sp)
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
				size_t		kp = gdp_find_key(c, span_heading[s][h], from, c->klen);

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
			sp[s].li = gdp_line_of(c, gdp_k_to_n(c, best));
		}
		else
		{
			for (int a = 0; a < 3 && span_anchor[s][a]; a++)
			{
				size_t		kp = gdp_find_key(c, span_anchor[s][a], 0, c->klen);

				if (kp != SIZE_MAX && kp < best)
					best = kp;
			}
			if (best != SIZE_MAX)
			{
				sp[s].found = true;
				sp[s].li = gdp_line_of(c, gdp_k_to_n(c, best));
				if (s == SP_APP)
				{
					/* start at the header line naming 行政复议 above it */
					for (int up = sp[s].li; up >= 0 && up >= sp[s].li - 3; up--)
						if (gdp_find_key(c, "行政复议", c->lines[up].kstart,
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


/* Earliest occurrence of any of keys in [k0, k1). */
match
gdp_match_keys(const ctx *c, const char *const *keys, int nkeys, size_t k0, size_t k1)
{
	match		m = {false, 0, 0};

	for (int i = 0; i < nkeys && keys[i]; i++)
	{
		size_t		kp = gdp_find_key(c, keys[i], k0, k1);

		if (kp != SIZE_MAX && (!m.found || kp < m.k0))
		{
			m.found = true;
			m.k0 = kp;
			m.k1 = kp + strlen(keys[i]);
		}
	}
	return m;
}

int
gdp_match_line(const ctx *c, const match *m)
{
	return gdp_line_of(c, gdp_k_to_n(c, m->k0));
}

/* Quote of a row: its label line to its last cell's line. */
void
gdp_quote_row(const ctx *c, int label_li, const region *r, char *q, size_t cap)
{
	int			last = r->last_li > label_li ? r->last_li : label_li;

	if (last > label_li + 6)
		last = label_li + 6;
	gdp_quote_lines(c, label_li, last, q, cap, 240);
}

