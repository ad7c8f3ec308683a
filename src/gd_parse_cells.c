/*
 * gd_parse_cells.c — cells for the parser (gd_parse_int.h): words and
 * numbers, where a label begins, labels printed with damage, and cells
 * printed run together (gd_reassemble.h).
 */
#include "gd_parse_int.h"
#include "gd_text.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* Words and cells */


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
		else if (!gdp_eat_str(w, n, &i, "\xe2\x80\x94") &&	/* — */
				 !gdp_eat_str(w, n, &i, "\xe2\x80\x95") &&	/* ― */
				 !gdp_eat_str(w, n, &i, "\xe2\x94\x80"))	/* ─ */
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
			if (gdp_is_digit(w[j]))
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
	if (i >= n || !gdp_is_digit(w[i]))
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
			while (i < n && gdp_is_digit(w[i]))
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
			if (i + 3 < n && w[i] == ',' && gdp_is_digit(w[i + 1]) &&
				gdp_is_digit(w[i + 2]) && gdp_is_digit(w[i + 3]) &&
				(i + 4 == n || !gdp_is_digit(w[i + 4])) && (grouped || run <= 3))
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
	if (i + 1 < n && w[i] == '.' && gdp_is_digit(w[i + 1]))
	{
		s->is_int = false;
		if (o < NUMTEXT_MAX - 1)
			s->num[o++] = '.';
		i++;
		while (i < n && gdp_is_digit(w[i]))
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
void
gdp_tokenize(const ctx *c, size_t n0, size_t n1, region *r)
{
	r->nslots = 0;
	r->lead_blank = 0;
	r->last_li = -1;
	r->tabbed = false;
	if (n1 > c->nlen)
		n1 = c->nlen;
	if (n0 >= n1)
		return;
	for (int li = gdp_line_of(c, n0); li < c->nlines && c->lines[li].nstart < n1; li++)
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
void
gdp_describe_cells(const region *r, char *buf, size_t cap)
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
	gdp_utf8_fix_end(buf);
}

/* Why a cell cannot be read as a count; NULL when it can (or is NULL). */
const char *
gdp_count_problem(const slot *s)
{
	switch (s->kind)
	{
		case W_BAD:
			return "is not a readable number";
		case W_NONE:
			return "is text (无), not a number";
		case W_VALUE:
			if (s->overflow || (s->is_int && (s->iv > INT32_MAX || s->iv < INT32_MIN)))
				return "is too large for a count (cells hold at most 2147483647)";
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
/* Where a label begins */


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
size_t
gdp_label_start(const ctx *c, size_t p, int num)
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
		if (gdp_is_digit((char) ch))
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
	if (i > 0 && i < p && gdp_is_digit(c->n[i - 1]))
	{
		for (size_t k = 0; k < sizeof(units) / sizeof(units[0]); k++)
		{
			size_t		ul = strlen(units[k]);

			if (i + ul <= p && memcmp(c->n + i, units[k], ul) == 0)
			{
				i += ul;
				break;
			}
		}
	}
	return i;
}

/* Every occurrence of key in [k0, k1) ends the cells before it. */
void
gdp_add_key_bounds(const ctx *c, const char *key, size_t k0, size_t k1, size_t *bounds, int *nb)
{
	for (;;)
	{
		size_t		kp = gdp_find_key(c, key, k0, k1);

		if (kp == SIZE_MAX || *nb >= MAX_BOUNDS)
			break;
		bounds[(*nb)++] = gdp_label_start(c, gdp_k_to_n(c, kp), 0);
		k0 = kp + 1;
	}
}

/* Smallest N boundary >= from in b[0..nb); else dflt. */
size_t
gdp_next_boundary(const size_t *b, int nb, size_t from, size_t dflt)
{
	size_t		best = dflt;

	for (int i = 0; i < nb; i++)
		if (b[i] >= from && b[i] < best)
			best = b[i];
	return best;
}

/*
 * The cells after a label: from the end of its match m to the first
 * boundary (bounds[0..nb), N offsets) at or after it, else to end; none
 * when m was not found.
 */
void
gdp_cells_after(const ctx *c, const match *m, const size_t *bounds, int nb, size_t end,
				region *r)
{
	size_t		from;

	if (!m->found)
	{
		r->nslots = 0;
		r->lead_blank = 0;
		r->last_li = -1;
		r->tabbed = false;
		return;
	}
	from = gdp_kend_to_n(c, m->k1);
	gdp_tokenize(c, from, gdp_next_boundary(bounds, nb, from, end), r);
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
		if (gdp_key_char(u) && !(u >= '0' && u <= '9'))
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
int
gdp_req_row_num(int row)
{
	const char *l = gd_sections[GD_SEC_REQUESTS].items[row].label_zh;
	const char *sp = strchr(l, ' ');

	if (sp && sp > l && gdp_is_digit(sp[-1]))
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
bool
gdp_fuzzy_req_label(const ctx *c, int row, size_t k0, size_t k1, match *m,
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
		size_t		n0 = gdp_k_to_n(c, bk0),
					n1 = gdp_kend_to_n(c, bk1);
		size_t		l = gd_utf8_cut(c->n + n0, n1 - n0, pcap - 1);

		memcpy(printed, c->n + n0, l);
		printed[l] = '\0';
	}
	*pct = (int) (best * 100 + 0.5);
	return true;
}

/* ------------------------------------------------------------------ */
/* Cells printed run together (gd_reassemble.h) */


/*
 * The digits of a region's cells as one run, cells apart by one space
 * ("500000 5"), when every cell is a plain whole number as printed (no
 * sign, unit, decimal, thousands separator, blank, and not tab-separated
 * fields, whose boundaries are certain); its length, 0 otherwise.
 */
size_t
gdp_region_run(const region *r, char *buf, size_t cap)
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
void
gdp_describe_values(const int64_t *v, int n, char *buf, size_t cap)
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
bool
gdp_cut_without_identity(ctx *c, const char *sec, const char *what, int label_li,
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
	gdp_add_diag(c, c->lines[label_li].lineno, sec, "not_inferred",
			 "%s at line %d prints its %d cells run together as \"%s\": %s%d ways to cut it, and no identity of the table binds these cells; %s NULL",
			 what, c->lines[label_li].lineno, ncells, run, bounded ? "more than " : "", n,
			 ncells == 1 ? "the cell is" : "its cells are");
	return false;
}

