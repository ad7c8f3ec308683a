/*
 * gd_share.c — shares and the three rounding methods of docs/domain.md §7, computed
 * exactly: 128-bit integer long division, no floating point anywhere.
 */
#include "gd_share.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#ifndef __SIZEOF_INT128__
#error "govdisclose needs a compiler with a 128-bit integer type"
#endif
__extension__ typedef unsigned __int128 gd_u128;

const char *const gd_round_method_names[GD_NMETHODS] = {
	"half_up", "largest_remainder", "plug_last"
};

int
gd_round_method_by_name(const char *name)
{
	for (int m = 0; m < GD_NMETHODS; m++)
		if (strcmp(name, gd_round_method_names[m]) == 0)
			return m;
	return -1;
}

static uint64_t
magnitude(int64_t x)
{
	return x < 0 ? (uint64_t) 0 - (uint64_t) x : (uint64_t) x;
}

bool
gd_share_format(int64_t part, int64_t whole, int scale, char *buf)
{
	uint64_t	p = magnitude(part);
	uint64_t	w = magnitude(whole);
	bool		negative = (part < 0) != (whole < 0) && part != 0;
	gd_u128		num;
	gd_u128		ip;
	gd_u128		rem;
	char		ibuf[48];
	int			ilen = 0;
	char	   *out = buf;

	if (whole == 0)
		return false;
	if (scale < 0)
		scale = 0;
	if (scale > GD_SHARE_MAX_SCALE)
		scale = GD_SHARE_MAX_SCALE;

	/* integer part and remainder of 100 * p / w */
	num = (gd_u128) p * 100;
	ip = num / w;
	rem = num % w;

	/* scale fraction digits, then one more to round half away from zero */
	{
		char		frac[GD_SHARE_MAX_SCALE + 1];
		int			round_digit;

		for (int i = 0; i < scale; i++)
		{
			rem *= 10;
			frac[i] = (char) ('0' + (int) (rem / w));
			rem %= w;
		}
		rem *= 10;
		round_digit = (int) (rem / w);
		if (round_digit >= 5)
		{
			int			i = scale - 1;

			/* carry through the fraction, then into the integer part */
			while (i >= 0 && frac[i] == '9')
				frac[i--] = '0';
			if (i >= 0)
				frac[i]++;
			else
				ip++;
		}

		do
		{
			ibuf[ilen++] = (char) ('0' + (int) (ip % 10));
			ip /= 10;
		} while (ip > 0);

		/* "-0.00" is not a number anyone prints: drop the sign of a zero */
		if (negative)
		{
			bool		zero = (ilen == 1 && ibuf[0] == '0');

			for (int i = 0; i < scale && zero; i++)
				zero = frac[i] == '0';
			if (!zero)
				*out++ = '-';
		}
		while (ilen > 0)
			*out++ = ibuf[--ilen];
		if (scale > 0)
		{
			*out++ = '.';
			memcpy(out, frac, (size_t) scale);
			out += scale;
		}
		*out = '\0';
	}
	return true;
}

void
gd_format_hundredths(int64_t h, char *buf)
{
	uint64_t	m = magnitude(h);

	snprintf(buf, 32, "%s%" PRIu64 ".%02u", h < 0 ? "-" : "",
			 m / 100, (unsigned) (m % 100));
}

void
gd_outcome_counts(const gd_report *r, gd_outcomes *o)
{
	gd_template t = gd_effective_template(r);
	int64_t		sum = 0;
	bool		all_known = true;

	for (int g = 0; g < GD_NGROUPS; g++)
	{
		o->count[g] = 0;
		o->count_known[g] = true;
	}
	for (int row = 0; row < GD_NROWS; row++)
	{
		int			g = gd_sections[GD_SEC_REQUESTS].items[row].group;
		int64_t		total;

		if (g == GD_GROUP_NONE)
			continue;
		if (gd_row_total(r, row, &total))
			o->count[g] += total;
		else if (!(t == GD_TMPL_2019 &&
				   (row == GD_ROW_OTHER_NO_CORRECTION || row == GD_ROW_OTHER_NO_FEE)))
			o->count_known[g] = false;
	}
	for (int g = 0; g < GD_NGROUPS; g++)
	{
		if (!o->count_known[g])
		{
			o->count[g] = 0;
			all_known = false;
		}
		sum += o->count[g];
	}
	if (!r->isnull[GD_REQ_CELL(GD_ROW_HANDLED_TOTAL, GD_COL_TOTAL)])
	{
		o->whole = r->v[GD_REQ_CELL(GD_ROW_HANDLED_TOTAL, GD_COL_TOTAL)];
		o->whole_known = true;
	}
	else
	{
		o->whole = sum;
		o->whole_known = all_known;
	}
}

/*
 * 100 * 10^decimals * part / whole truncated toward zero, with the
 * magnitude of the remainder; rounds half away from zero when round is set.
 */
static gd_i128
units(int64_t part, int64_t whole, int decimals, bool round, gd_u128 *remainder)
{
	uint64_t	w = magnitude(whole);
	gd_u128		num = (gd_u128) magnitude(part) * 100;
	gd_u128		q;
	gd_u128		rem;

	for (int i = 0; i < decimals; i++)
		num *= 10;
	q = num / w;
	rem = num % w;
	if (remainder)
		*remainder = rem;
	if (round && rem * 2 >= w)
		q++;
	return (part < 0) != (whole < 0) ? -(gd_i128) q : (gd_i128) q;
}

static int
clamp_decimals(int decimals)
{
	return decimals < 0 ? 0 : decimals > GD_SHARE_MAX_DECIMALS ? GD_SHARE_MAX_DECIMALS : decimals;
}

gd_i128
gd_share_units(int64_t part, int64_t whole, int decimals)
{
	return units(part, whole, clamp_decimals(decimals), true, NULL);
}

void
gd_share_method_units(const gd_outcomes *o, gd_round_method m, int decimals,
					  gd_i128 u[GD_NGROUPS])
{
	gd_i128		rest = 100;

	decimals = clamp_decimals(decimals);
	for (int i = 0; i < decimals; i++)
		rest *= 10;
	if (o->whole == 0)
	{
		for (int g = 0; g < GD_NGROUPS; g++)
			u[g] = 0;
		return;
	}
	switch (m)
	{
		case GD_ROUND_PLUG_LAST:
			for (int g = 0; g < GD_NGROUPS - 1; g++)
			{
				u[g] = units(o->count[g], o->whole, decimals, true, NULL);
				rest -= u[g];
			}
			u[GD_NGROUPS - 1] = rest;
			break;

		case GD_ROUND_LARGEST_REMAINDER:
			{
				gd_u128		rem[GD_NGROUPS];
				bool		given[GD_NGROUPS] = {false};

				for (int g = 0; g < GD_NGROUPS; g++)
				{
					u[g] = units(o->count[g], o->whole, decimals, false, &rem[g]);
					rest -= u[g];
				}

				/*
				 * Hand the units still missing to the largest remainders, one
				 * each, earlier groups first on ties.  For a consistent matrix
				 * 0 <= rest < 5; an inconsistent one may need more or fewer,
				 * and then the result does not sum to 100%.
				 */
				while (rest > 0)
				{
					int			best = -1;

					for (int g = 0; g < GD_NGROUPS; g++)
						if (!given[g] && rem[g] > 0 &&
							(best < 0 || rem[g] > rem[best]))
							best = g;
					if (best < 0)
						break;
					given[best] = true;
					u[best] += (o->count[best] < 0) != (o->whole < 0) ? -1 : 1;
					rest--;
				}
			}
			break;

		default:
			for (int g = 0; g < GD_NGROUPS; g++)
				u[g] = units(o->count[g], o->whole, decimals, true, NULL);
			break;
	}
}

void
gd_outcome_shares(const gd_outcomes *o, gd_round_method m,
				  int64_t h[GD_NGROUPS], bool known[GD_NGROUPS])
{
	bool		all_known = o->whole_known && o->whole != 0;
	gd_i128		u[GD_NGROUPS];

	for (int g = 0; g < GD_NGROUPS; g++)
	{
		known[g] = o->whole_known && o->whole != 0 && o->count_known[g];
		all_known = all_known && o->count_known[g];
		h[g] = 0;
	}
	if ((unsigned) m >= GD_NMETHODS || (m != GD_ROUND_HALF_UP && !all_known))
	{
		for (int g = 0; g < GD_NGROUPS; g++)
			known[g] = false;
		return;
	}
	if (m == GD_ROUND_HALF_UP)
	{
		/* each group on its own: the others may be unknown */
		for (int g = 0; g < GD_NGROUPS; g++)
			if (known[g])
				h[g] = (int64_t) gd_share_units(o->count[g], o->whole, 2);
		return;
	}
	gd_share_method_units(o, m, 2, u);
	for (int g = 0; g < GD_NGROUPS; g++)
		h[g] = (int64_t) u[g];
}

unsigned
gd_share_printed_methods(const gd_outcomes *o, int g, int64_t stated, int decimals,
						 gd_share_figure fig[GD_NMETHODS])
{
	unsigned	methods = 0;
	bool		all_known = true;
	int			p = decimals < 2 ? decimals : 2;
	gd_i128		scale = 1;

	for (int m = 0; m < GD_NMETHODS; m++)
	{
		fig[m].known = false;
		fig[m].decimals = m == GD_ROUND_HALF_UP ? decimals : p;
		fig[m].units = 0;
	}
	if (g < 0 || g >= GD_NGROUPS || decimals < 0 || decimals > GD_SHARE_MAX_DECIMALS ||
		!o->whole_known || o->whole == 0 || !o->count_known[g])
		return 0;
	for (int k = 0; k < GD_NGROUPS; k++)
		all_known = all_known && o->count_known[k];
	for (int i = p; i < decimals; i++)
		scale *= 10;

	fig[GD_ROUND_HALF_UP].known = true;
	fig[GD_ROUND_HALF_UP].units = units(o->count[g], o->whole, decimals, true, NULL);
	if (fig[GD_ROUND_HALF_UP].units == (gd_i128) stated)
		methods |= 1u << GD_ROUND_HALF_UP;
	for (int m = GD_ROUND_LARGEST_REMAINDER; m < GD_NMETHODS && all_known; m++)
	{
		gd_i128		u[GD_NGROUPS];

		gd_share_method_units(o, (gd_round_method) m, p, u);
		fig[m].known = true;
		fig[m].units = u[g];
		if (u[g] * scale == (gd_i128) stated)
			methods |= 1u << m;
	}
	return methods;
}

bool
gd_disclosure_rate(const gd_report *r, char *buf)
{
	gd_outcomes o;
	int64_t		a;
	int64_t		b;

	if (gd_section_absent(r, GD_SEC_REQUESTS))
		return false;
	if (!gd_row_total(r, GD_ROW_DISCLOSED, &a) ||
		!gd_row_total(r, GD_ROW_PARTIALLY_DISCLOSED, &b))
		return false;
	gd_outcome_counts(r, &o);
	if (!o.whole_known)
		return false;
	return gd_share_format(a + b, o.whole, 2, buf);
}
