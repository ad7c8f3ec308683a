/*
 * libFuzzer target for identity-confirmed reassembly (src/gd_reassemble.c),
 * structured: the bytes describe a call, and what gd_reassemble.h promises
 * is the oracle.
 *
 *   make fuzz-reassemble FUZZ_SECONDS=600   (seeds: test/fuzz/corpus-reassemble)
 *
 * Byte 0 chooses the function.
 *
 * gd_split_run (byte 0 even): bytes 1..4 give ncells, group, max_out and
 * max_steps (kept small: at most about 65 000 steps, so a run is fast); the
 * rest is the run, one character a byte (digits, spaces, rarely another
 * character).  Checked:
 *   - -1 exactly when the run holds another character; otherwise >= 0;
 *   - every candidate stored has ncells cells, each 0 … 2147483647, each
 *     group's last cell the sum of the others, and re-cut from its values
 *     (written without leading zeros) gives back the run: the digits in
 *     order, each printed space between two cells;
 *   - no two candidates are the same;
 *   - a second call with another max_out finds the same count, the same
 *     bounded flag and the same leading candidates (the order is fixed);
 *   - when the search was not bounded and the run is short, an independent
 *     brute force over every cutting finds the same candidates.
 *
 * gd_requests_combine (byte 0 odd): the bytes build a table of section 三
 * whose identities hold (small values), then give each row 0 to 3
 * candidates, the table's own among them or not, and a max_combos.
 * Checked:
 *   - the result is 0, 1 or 2; *used is what the known rows allow;
 *   - when bounded, the result is not 1;
 *   - when 1, the choice is within each row's candidates (0 for rows with
 *     at most one) and every identity of *used really holds under it;
 *   - when the choices are few enough to try all, a brute force over them
 *     counts the same (up to 2) and finds the same unique choice.
 * Any violation traps.
 */
#include "gd_reassemble.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define INT4_MAX_VALUE 2147483647LL
#define MAX_RUN 64
#define BRUTE_MAX_DIGITS 16

static void
must(int ok)
{
	if (!ok)
		__builtin_trap();
}

typedef struct reader
{
	const uint8_t *p;
	size_t		n;
} reader;

static uint8_t
byte(reader *r)
{
	uint8_t		b;

	if (r->n == 0)
		return 0;
	b = *r->p++;
	r->n--;
	return b;
}

/* ------------------------------------------------------------------ */
/* gd_split_run */

/* Re-cut the run (trimmed) from a candidate's values. */
static int
recut(const char *run, size_t len, const int64_t *v, int ncells)
{
	size_t		pos = 0;

	for (int k = 0; k < ncells; k++)
	{
		char		buf[24];
		int			l = snprintf(buf, sizeof(buf), "%lld", (long long) v[k]);

		if (pos + (size_t) l > len || memcmp(run + pos, buf, (size_t) l) != 0)
			return 0;
		pos += (size_t) l;
		if (k + 1 < ncells)
		{
			if (pos < len && run[pos] == ' ')
				pos++;
		}
	}
	return pos == len;
}

static int
group_sums_hold(const int64_t *v, int ncells, int group)
{
	if (group <= 0)
		return 1;
	for (int g = 0; g < ncells; g += group)
	{
		int64_t		s = 0;

		for (int k = g; k < g + group - 1; k++)
			s += v[k];
		if (s != v[g + group - 1])
			return 0;
	}
	return 1;
}

/* Every cutting, by brute force (recursion: small inputs only). */
typedef struct brute
{
	const char *run;
	size_t		len;
	int			ncells;
	int			group;
	int64_t		val[GD_RA_MAX_CELLS];
	int64_t    *out;
	int			max_out;
	int			found;
} brute;

static void
brute_cell(brute *b, size_t pos, int k)
{
	if (k == b->ncells)
	{
		if (pos == b->len && group_sums_hold(b->val, b->ncells, b->group))
		{
			if (b->found < b->max_out)
				memcpy(b->out + (size_t) b->found * (size_t) b->ncells, b->val,
					   sizeof(int64_t) * (size_t) b->ncells);
			b->found++;
		}
		return;
	}
	if (k > 0 && pos < b->len && b->run[pos] == ' ')
		pos++;
	for (size_t l = 1; pos + l <= b->len && l <= GD_RA_MAX_DIGITS; l++)
	{
		int64_t		v = 0;
		bool		ok = true;

		for (size_t i = 0; i < l; i++)
		{
			if (b->run[pos + i] == ' ')
			{
				ok = false;
				break;
			}
			v = v * 10 + (b->run[pos + i] - '0');
		}
		if (!ok)
			break;
		if (l > 1 && b->run[pos] == '0')
			break;
		if (v > INT4_MAX_VALUE)
			break;
		b->val[k] = v;
		brute_cell(b, pos + l, k + 1);
	}
}

static int
same_cand(const int64_t *a, const int64_t *b, int n)
{
	return memcmp(a, b, sizeof(int64_t) * (size_t) n) == 0;
}

static void
fuzz_split(reader *r)
{
	static int64_t out[GD_RA_MAX_CANDS * GD_RA_MAX_CELLS];
	static int64_t out2[GD_RA_MAX_CANDS * GD_RA_MAX_CELLS];
	static int64_t bf[GD_RA_MAX_CANDS * GD_RA_MAX_CELLS];
	char		run[MAX_RUN];
	size_t		len = 0;
	int			ncells = byte(r) % (GD_RA_MAX_CELLS + 2);	/* 0 and 17 too */
	int			gsel = byte(r);
	int			max_out = byte(r) % (GD_RA_MAX_CANDS + 1);
	int			max_out2;
	long		max_steps = 1 + (long) byte(r) * 256 + byte(r);
	int			group = 0;
	bool		bounded = false,
				bounded2 = false;
	bool		bad_char = false;
	int			n,
				n2;
	const char *t;
	size_t		tlen;

	/* group: none, the whole row, or a divisor of ncells (sometimes not) */
	switch (gsel % 4)
	{
		case 0:
			group = 0;
			break;
		case 1:
			group = ncells;
			break;
		case 2:
			group = (gsel >> 2) % 8 + 1;
			break;
		default:
			group = ncells > 0 && ncells % 5 == 0 ? 5 : (gsel >> 2) % 4 + 1;
			break;
	}
	while (r->n > 0 && len < MAX_RUN)
	{
		uint8_t		b = byte(r);
		char		c;

		if (b < 200)
			c = (char) ('0' + b % 10);
		else if (b < 252)
			c = ' ';
		else if (b == 252)
			c = '0';
		else
			c = (char) (b == 253 ? 'x' : b == 254 ? '-' : '\0');
		if (!(c >= '0' && c <= '9') && c != ' ')
			bad_char = true;
		run[len++] = c;
	}
	max_out2 = max_out == GD_RA_MAX_CANDS ? 1 : GD_RA_MAX_CANDS;

	n = gd_split_run(run, len, ncells, group, out, max_out, max_steps, &bounded);
	if (ncells <= 0 || ncells > GD_RA_MAX_CELLS || (group > 0 && ncells % group != 0))
	{
		/* no cutting is asked for: 0 (the run is not even looked at) */
		must(n == 0 || (bad_char && n == -1));
		return;
	}
	if (bad_char)
	{
		must(n == -1);
		return;
	}
	must(n >= 0);

	/* the run as the function reads it: without leading or trailing spaces */
	t = run;
	tlen = len;
	while (tlen > 0 && t[0] == ' ')
		t++, tlen--;
	while (tlen > 0 && t[tlen - 1] == ' ')
		tlen--;

	for (int i = 0; i < n && i < max_out; i++)
	{
		const int64_t *v = out + (size_t) i * (size_t) ncells;

		for (int k = 0; k < ncells; k++)
			must(v[k] >= 0 && v[k] <= INT4_MAX_VALUE);
		must(group_sums_hold(v, ncells, group));
		must(recut(t, tlen, v, ncells));
		for (int j = 0; j < i; j++)
			must(!same_cand(out + (size_t) j * (size_t) ncells, v, ncells));
	}

	/* another max_out: the same count, flag and leading candidates */
	n2 = gd_split_run(run, len, ncells, group, out2, max_out2, max_steps, &bounded2);
	must(n2 == n && bounded2 == bounded);
	for (int i = 0; i < n && i < max_out && i < max_out2; i++)
		must(same_cand(out + (size_t) i * (size_t) ncells,
					   out2 + (size_t) i * (size_t) ncells, ncells));

	/* not bounded: every cutting was found (checked on short runs) */
	if (!bounded && tlen <= BRUTE_MAX_DIGITS)
	{
		brute		b;

		memset(&b, 0, sizeof(b));
		b.run = t;
		b.len = tlen;
		b.ncells = ncells;
		b.group = group;
		b.out = bf;
		b.max_out = GD_RA_MAX_CANDS;
		if (tlen > 0)
			brute_cell(&b, 0, 0);
		must(b.found == n);
		/* the same set (order aside) */
		for (int i = 0; i < n && i < max_out && i < GD_RA_MAX_CANDS; i++)
		{
			bool		seen = false;

			for (int j = 0; j < b.found && j < GD_RA_MAX_CANDS && !seen; j++)
				seen = same_cand(out + (size_t) i * (size_t) ncells,
								 bf + (size_t) j * (size_t) ncells, ncells);
			must(seen);
		}
	}
}

/* ------------------------------------------------------------------ */
/* gd_requests_combine */

#define MAX_CAND 3

static int	handled_rows[GD_NROWS];
static int	nhandled;
static const int balance_rows[4] = {GD_ROW_NEW_RECEIVED, GD_ROW_CARRIED_OVER,
GD_ROW_HANDLED_TOTAL, GD_ROW_CARRIED_FORWARD};

static void
set_handled(bool t2019)
{
	nhandled = 0;
	handled_rows[nhandled++] = GD_ROW_HANDLED_TOTAL;
	for (int r = GD_ROW_DISCLOSED; r <= GD_ROW_OTHER_OTHER; r++)
	{
		if (t2019 && (r == GD_ROW_OTHER_NO_CORRECTION || r == GD_ROW_OTHER_NO_FEE))
			continue;
		handled_rows[nhandled++] = r;
	}
}

/* Σ members[0..nlhs) = Σ members[nlhs..n) in every column, recomputed. */
static bool
identity(const gd_row_cands *rows, const int *choice, const int *members, int n,
		 int nlhs)
{
	for (int col = 0; col < GD_NCOLS; col++)
	{
		int64_t		l = 0,
					rr = 0;

		for (int i = 0; i < n; i++)
		{
			int64_t		v = rows[members[i]].cand[choice[members[i]] * GD_NCOLS + col];

			if (i < nlhs)
				l += v;
			else
				rr += v;
		}
		if (l != rr)
			return false;
	}
	return true;
}

static bool
consistent(const gd_row_cands *rows, const int *choice, unsigned used)
{
	if ((used & GD_RA_ID_HANDLED_TOTAL) &&
		!identity(rows, choice, handled_rows, nhandled, 1))
		return false;
	if ((used & GD_RA_ID_BALANCE) && !identity(rows, choice, balance_rows, 4, 2))
		return false;
	return true;
}

static void
fuzz_combine(reader *r)
{
	static int64_t cand[GD_NROWS][MAX_CAND * GD_NCOLS];
	int64_t		table[GD_NROWS][GD_NCOLS];
	gd_row_cands rows[GD_NROWS];
	int			choice[GD_NROWS];
	uint8_t		flags = byte(r);
	bool		t2019 = flags & 1;
	long		max_combos = 1 + (long) byte(r) * 16;
	unsigned	used = 0,
				want_used = 0;
	bool		bounded = false;
	int			res;
	long		product = 1;

	set_handled(t2019);

	/* a table whose identities hold: small values */
	memset(table, 0, sizeof(table));
	for (int i = 1; i < nhandled; i++)
		for (int c = 0; c < GD_NCOLS; c++)
		{
			uint8_t		b = byte(r);

			table[handled_rows[i]][c] = (b & 0x80) ? 0 : b % 4;
		}
	for (int c = 0; c < GD_NCOLS; c++)
	{
		int64_t		h = 0;
		int64_t		fwd = byte(r) % 4;
		int64_t		over = byte(r) % 4;

		for (int i = 1; i < nhandled; i++)
			h += table[handled_rows[i]][c];
		table[GD_ROW_HANDLED_TOTAL][c] = h;
		table[GD_ROW_CARRIED_FORWARD][c] = fwd;
		if (over > h + fwd)
			over = h + fwd;
		table[GD_ROW_CARRIED_OVER][c] = over;
		table[GD_ROW_NEW_RECEIVED][c] = h + fwd - over;
	}
	if (t2019)
		for (int c = 0; c < GD_NCOLS; c++)
		{
			table[GD_ROW_OTHER_NO_CORRECTION][c] = byte(r) % 3;
			table[GD_ROW_OTHER_NO_FEE][c] = byte(r) % 3;
		}

	/* each row: 0 to 3 candidates; the table's own at some place, or not */
	for (int row = 0; row < GD_NROWS; row++)
	{
		uint8_t		b = byte(r);
		int			nc = b % 8 < 5 ? 1 : b % 8 == 5 ? 0 : b % 8 == 6 ? 2 : 3;
		int			truth = (b >> 3) % 4;	/* 3: not among them */

		rows[row].ncand = nc;
		rows[row].cand = cand[row];
		for (int k = 0; k < nc; k++)
		{
			for (int c = 0; c < GD_NCOLS; c++)
				cand[row][k * GD_NCOLS + c] = table[row][c];
			if (k != truth)
			{
				uint8_t		m = byte(r);
				int			c = m % GD_NCOLS;

				/* another reading: one or two cells moved */
				cand[row][k * GD_NCOLS + c] += (m >> 3) % 5 - 2;
				if (m & 0x80)
					cand[row][k * GD_NCOLS + (c + 1) % GD_NCOLS] += (m >> 5) % 3;
			}
		}
		if (nc > 0)
			product *= nc;
		choice[row] = -7;
	}

	for (int i = 0; i < nhandled; i++)
		if (rows[handled_rows[i]].ncand == 0)
			goto no_handled;
	want_used |= GD_RA_ID_HANDLED_TOTAL;
no_handled:
	for (int i = 0; i < 4; i++)
		if (rows[balance_rows[i]].ncand == 0)
			goto no_balance;
	want_used |= GD_RA_ID_BALANCE;
no_balance:

	res = gd_requests_combine(rows, t2019, choice, max_combos, &used, &bounded);
	must(res >= 0 && res <= 2);
	must(used == want_used);
	if (bounded)
		must(res != 1);
	if (product <= max_combos)
		must(!bounded);
	if (res == 1)
	{
		for (int row = 0; row < GD_NROWS; row++)
		{
			if (rows[row].ncand <= 1)
				must(choice[row] == 0);
			else
				must(choice[row] >= 0 && choice[row] < rows[row].ncand);
		}
		must(consistent(rows, choice, used));
	}

	/* brute force over every choice when it is small enough */
	if (!bounded && product <= 20000)
	{
		int			cur[GD_NROWS];
		int			sols = 0;
		int			first[GD_NROWS];

		for (int row = 0; row < GD_NROWS; row++)
			cur[row] = 0;
		for (;;)
		{
			int			row;

			if (consistent(rows, cur, want_used))
			{
				if (sols == 0)
					memcpy(first, cur, sizeof(cur));
				sols++;
				if (sols >= 2)
					break;
			}
			for (row = 0; row < GD_NROWS; row++)
			{
				if (rows[row].ncand <= 1)
					continue;
				if (++cur[row] < rows[row].ncand)
					break;
				cur[row] = 0;
			}
			if (row == GD_NROWS)
				break;
		}
		must(res == sols);
		if (res == 1)
			must(memcmp(first, choice, sizeof(first)) == 0);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	reader		r = {data, size};

	if (size == 0)
		return 0;
	if (byte(&r) % 2 == 0)
		fuzz_split(&r);
	else
		fuzz_combine(&r);
	return 0;
}
