/*
 * gd_reassemble.c — identity-confirmed reassembly (gd_reassemble.h).
 *
 * Depth-first search with an explicit stack: one frame per cell, holding
 * where the cell starts and how many digits it has taken so far.
 */
#include "gd_reassemble.h"

#include <stdlib.h>
#include <string.h>

#define INT4_MAX_VALUE 2147483647LL

int
gd_split_run(const char *run, size_t len, int ncells, int group,
			 int64_t *out, int max_out, long max_steps, bool *bounded)
{
	size_t		start[GD_RA_MAX_CELLS];
	int			take[GD_RA_MAX_CELLS];
	int64_t		val[GD_RA_MAX_CELLS];
	int64_t		gsum[GD_RA_MAX_CELLS];	/* sum of the group's cells before k */
	size_t	   *digits_from;
	size_t	   *tokens_from;
	int			found = 0;
	long		steps = 0;
	int			k;

	*bounded = false;
	if (ncells <= 0 || ncells > GD_RA_MAX_CELLS || (group > 0 && ncells % group != 0))
		return 0;
	for (size_t i = 0; i < len; i++)
		if (!(run[i] >= '0' && run[i] <= '9') && run[i] != ' ')
			return -1;
	/* leading and trailing spaces are not boundaries of anything */
	while (len > 0 && run[0] == ' ')
		run++, len--;
	while (len > 0 && run[len - 1] == ' ')
		len--;
	if (len == 0)
		return 0;
	digits_from = malloc((len + 1) * sizeof(size_t));
	tokens_from = malloc((len + 1) * sizeof(size_t));
	if (digits_from == NULL || tokens_from == NULL)
	{
		free(digits_from);
		free(tokens_from);
		*bounded = true;		/* no answer: treat as ambiguous */
		return 0;
	}
	digits_from[len] = 0;
	tokens_from[len] = 0;
	for (size_t i = len; i-- > 0;)
	{
		bool		digit = run[i] != ' ';

		digits_from[i] = digits_from[i + 1] + (digit ? 1 : 0);
		tokens_from[i] = tokens_from[i + 1] +
			(digit && (i + 1 == len || run[i + 1] == ' ') ? 1 : 0);
	}

	k = 0;
	start[0] = 0;
	take[0] = 0;
	gsum[0] = 0;
	while (k >= 0)
	{
		size_t		s = start[k];
		int			l = ++take[k];
		size_t		next;
		int			left;
		int64_t		v;
		bool		is_total;

		if (++steps > max_steps)
		{
			*bounded = true;
			break;
		}
		/* this length and every longer one impossible: back to cell k-1 */
		if (s + (size_t) l > len || run[s + l - 1] == ' ' || l > GD_RA_MAX_DIGITS ||
			(l > 1 && run[s] == '0'))
		{
			k--;
			continue;
		}
		v = 0;
		for (int i = 0; i < l; i++)
			v = v * 10 + (run[s + i] - '0');
		if (v > INT4_MAX_VALUE)
		{
			k--;
			continue;
		}
		is_total = group > 0 && k % group == group - 1;
		if (is_total && v != gsum[k])
		{
			if (v > gsum[k])
				k--;			/* longer is larger still */
			continue;
		}
		val[k] = v;
		next = s + (size_t) l;
		if (next < len && run[next] == ' ')
			next++;
		left = ncells - k - 1;
		if (left == 0)
		{
			if (next == len)
			{
				if (found < max_out)
					memcpy(out + (size_t) found * (size_t) ncells, val,
						   sizeof(int64_t) * (size_t) ncells);
				found++;
			}
			continue;			/* a longer last cell may still end at len */
		}
		/* can the rest be cut into `left` cells? */
		if (next >= len || digits_from[next] < (size_t) left ||
			tokens_from[next] > (size_t) left ||
			digits_from[next] > (size_t) left * GD_RA_MAX_DIGITS)
			continue;
		k++;
		start[k] = next;
		take[k] = 0;
		gsum[k] = (group > 0 && k % group == 0) ? 0 : gsum[k - 1] + val[k - 1];
	}
	free(digits_from);
	free(tokens_from);
	return found;
}

/* Σ members[0..nlhs) = Σ members[nlhs..nmembers) in every column? */
static bool
holds(const gd_row_cands *rows, const int *choice, const int *members,
	  int nmembers, int nlhs)
{
	for (int col = 0; col < GD_NCOLS; col++)
	{
		int64_t		left = 0,
					right = 0;

		for (int i = 0; i < nmembers; i++)
		{
			const gd_row_cands *r = &rows[members[i]];
			int64_t		v = r->cand[(size_t) choice[members[i]] * GD_NCOLS + col];

			if (i < nlhs)
				left += v;
			else
				right += v;
		}
		if (left != right)
			return false;
	}
	return true;
}

int
gd_requests_combine(const gd_row_cands rows[GD_NROWS], bool t2019,
					int choice[GD_NROWS], long max_combos, unsigned *used,
					bool *bounded)
{
	int			handled[GD_NROWS];	/* 三(七), then the outcome rows */
	int			nhandled = 0;
	int			balance[4] = {GD_ROW_NEW_RECEIVED, GD_ROW_CARRIED_OVER,
	GD_ROW_HANDLED_TOTAL, GD_ROW_CARRIED_FORWARD};
	bool		use_handled = true,
				use_balance = true;
	int			freerows[GD_NROWS];
	int			nfree = 0;
	int			cur[GD_NROWS];
	int			solutions = 0;
	long		combos = 0;

	*used = 0;
	*bounded = false;
	handled[nhandled++] = GD_ROW_HANDLED_TOTAL;
	for (int r = GD_ROW_DISCLOSED; r <= GD_ROW_OTHER_OTHER; r++)
	{
		if (t2019 && (r == GD_ROW_OTHER_NO_CORRECTION || r == GD_ROW_OTHER_NO_FEE))
			continue;
		handled[nhandled++] = r;
	}
	for (int i = 0; i < nhandled; i++)
		if (rows[handled[i]].ncand == 0)
			use_handled = false;
	for (int i = 0; i < 4; i++)
		if (rows[balance[i]].ncand == 0)
			use_balance = false;
	if (use_handled)
		*used |= GD_RA_ID_HANDLED_TOTAL;
	if (use_balance)
		*used |= GD_RA_ID_BALANCE;

	for (int r = 0; r < GD_NROWS; r++)
	{
		cur[r] = 0;
		choice[r] = 0;
		if (rows[r].ncand > 1)
			freerows[nfree++] = r;
	}
	for (;;)
	{
		bool		ok = true;

		if (++combos > max_combos)
		{
			*bounded = true;
			break;
		}
		if (use_handled && !holds(rows, cur, handled, nhandled, 1))
			ok = false;
		if (ok && use_balance && !holds(rows, cur, balance, 4, 2))
			ok = false;
		if (ok)
		{
			if (++solutions == 1)
				memcpy(choice, cur, sizeof(int) * GD_NROWS);
			else
				break;
		}
		/* the next choice: an odometer over the rows with several */
		{
			int			i = 0;

			while (i < nfree)
			{
				int			r = freerows[i];

				if (++cur[r] < rows[r].ncand)
					break;
				cur[r] = 0;
				i++;
			}
			if (i == nfree)
				break;
		}
	}
	if (*bounded && solutions == 1)
		solutions = 2;			/* not searched to the end: not unique */
	return solutions;
}

/*
 * Dynamic programming from the last row up: suf[r] holds the distinct
 * matrices of rows r..nrows-1 that some arrangement of those rows gives
 * with every row total kept, each stored as the k rows of its first block
 * and the index of its rest in suf[r + k].
 */
typedef struct suffix
{
	int			k;				/* rows in the first block */
	int			rest;			/* index in suf[r + k]; -1 at the end */
} suffix;

/* The values of row `row` (in 0..k-1) of a block of k rows at r. */
static void
block_row(const int64_t *nums, int r, int k, int row, int64_t *v)
{
	for (int col = 0; col < GD_NCOLS; col++)
		v[col] = k == 1 ? nums[(size_t) r * GD_NCOLS + col] :
			nums[(size_t) r * GD_NCOLS + (size_t) col * k + row];
}

/* Write the matrix of suffix x of row r into m (rows r.. of the table). */
static void
expand(const int64_t *nums, suffix *const *suf, int r, suffix x, int64_t *m)
{
	for (;;)
	{
		for (int i = 0; i < x.k; i++)
			block_row(nums, r, x.k, i, m + (size_t) (r + i) * GD_NCOLS);
		if (x.rest < 0)
			return;
		r += x.k;
		x = suf[r][x.rest];
	}
}

/* Are suffixes a and b of row r the same matrix?  (ra, rb: scratch) */
static bool
same_suffix(const int64_t *nums, int nrows, suffix *const *suf, int r,
			suffix a, suffix b, int64_t *ra, int64_t *rb)
{
	expand(nums, suf, r, a, ra);
	expand(nums, suf, r, b, rb);
	return memcmp(ra + (size_t) r * GD_NCOLS, rb + (size_t) r * GD_NCOLS,
				  sizeof(int64_t) * (size_t) (nrows - r) * GD_NCOLS) == 0;
}

int
gd_stream_arrangements(const int64_t *nums, int nrows, int64_t *out,
					   int max_out, bool *bounded)
{
	suffix	  **suf;
	int		   *nsuf;
	int64_t    *ma,
			   *mb;
	int			found = 0;

	*bounded = false;
	if (nrows <= 0)
		return 0;
	suf = calloc((size_t) nrows + 1, sizeof(suffix *));
	nsuf = calloc((size_t) nrows + 1, sizeof(int));
	ma = malloc(sizeof(int64_t) * (size_t) nrows * GD_NCOLS);
	mb = malloc(sizeof(int64_t) * (size_t) nrows * GD_NCOLS);
	if (!suf || !nsuf || !ma || !mb)
	{
		*bounded = true;
		goto done;
	}
	for (int r = 0; r <= nrows; r++)
	{
		suf[r] = malloc(sizeof(suffix) * GD_RA_STREAM_SUFFIXES);
		if (!suf[r])
		{
			*bounded = true;
			goto done;
		}
	}
	for (int r = nrows - 1; r >= 0; r--)
	{
		for (int k = 1; r + k <= nrows; k++)
		{
			bool		ok = true;
			int			nrest = r + k == nrows ? 1 : nsuf[r + k];

			/* every row of the block keeps its total */
			for (int i = 0; i < k && ok; i++)
			{
				int64_t		v[GD_NCOLS];
				int64_t		sum = 0;

				block_row(nums, r, k, i, v);
				for (int col = 0; col < GD_NCOLS - 1; col++)
					sum += v[col];
				ok = sum == v[GD_NCOLS - 1];
			}
			for (int j = 0; ok && j < nrest; j++)
			{
				suffix		x = {k, r + k == nrows ? -1 : j};
				bool		dup = false;

				for (int e = 0; e < nsuf[r] && !dup; e++)
					dup = same_suffix(nums, nrows, suf, r, suf[r][e], x, ma, mb);
				if (dup)
					continue;
				if (nsuf[r] == GD_RA_STREAM_SUFFIXES)
				{
					*bounded = true;
					break;
				}
				suf[r][nsuf[r]++] = x;
			}
		}
	}
	for (int e = 0; e < nsuf[0] && found <= max_out; e++)
	{
		if (found < max_out)
			expand(nums, suf, 0, suf[0][e], out + (size_t) found * (size_t) nrows * GD_NCOLS);
		found++;
	}
done:
	if (suf)
		for (int r = 0; r <= nrows; r++)
			free(suf[r]);
	free(suf);
	free(nsuf);
	free(ma);
	free(mb);
	return found;
}
