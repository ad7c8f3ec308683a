/*
 * Unit tests of identity-confirmed reassembly (src/gd_reassemble.c): the
 * cuttings of a run of digits, the bounds, and the choice between rows.
 */
#include "gd_reassemble.h"
#include "testlib.h"

#include <stdio.h>
#include <string.h>

static int
split(const char *run, int ncells, int group, int64_t *out, int max_out, bool *bounded)
{
	return gd_split_run(run, strlen(run), ncells, group, out, max_out, GD_RA_STEPS, bounded);
}

static bool
same(const int64_t *got, const int64_t *want, int n)
{
	for (int i = 0; i < n; i++)
		if (got[i] != want[i])
			return false;
	return true;
}

static void
test_split(void)
{
	int64_t		out[GD_RA_MAX_CANDS * GD_RA_MAX_CELLS];
	bool		bounded;
	int			n;

	/* seven digits for seven cells: one way, whatever the sums */
	n = split("0000000", 7, 0, out, GD_RA_MAX_CANDS, &bounded);
	CHECK(n == 1 && !bounded);
	n = split("1100003", 7, 7, out, GD_RA_MAX_CANDS, &bounded);
	CHECK(n == 0);				/* 1+1 != 3: a printed error is never cut into sense */
	n = split("1100003", 7, 0, out, GD_RA_MAX_CANDS, &bounded);
	CHECK(n == 1);				/* without the identity, the layout alone decides */

	/* Pingtan 2022 一、本年新收: 71 3 0 0 0 0 74 */
	n = split("713000074", 7, 7, out, GD_RA_MAX_CANDS, &bounded);
	{
		int64_t		want[7] = {71, 3, 0, 0, 0, 0, 74};

		CHECK(n == 1 && same(out, want, 7));
	}
	/* Pingtan 2021 （一）予以公开: two cuttings keep the row total */
	n = split("270020130", 7, 7, out, GD_RA_MAX_CANDS, &bounded);
	CHECK(n == 2);
	{
		int64_t		a[7] = {27, 0, 0, 2, 0, 1, 30};
		int64_t		b[7] = {2, 7, 0, 0, 20, 1, 30};

		CHECK((same(out, a, 7) && same(out + 7, b, 7)) ||
			  (same(out, b, 7) && same(out + 7, a, 7)));
	}
	/* a printed space is a certain boundary: 「500000 5」 */
	n = split("500000 5", 7, 7, out, GD_RA_MAX_CANDS, &bounded);
	{
		int64_t		want[7] = {5, 0, 0, 0, 0, 0, 5};

		CHECK(n == 1 && same(out, want, 7));
	}
	n = split("50000 05", 7, 7, out, GD_RA_MAX_CANDS, &bounded);
	{
		int64_t		want[7] = {5, 0, 0, 0, 0, 0, 5};	/* "05" is no number: 0, 5 */

		CHECK(n == 1 && same(out, want, 7));
	}
	n = split("5 0 0 0 0 05", 7, 7, out, GD_RA_MAX_CANDS, &bounded);
	CHECK(n == 1);
	/* no leading zeros: "00" is two cells */
	n = split("00", 2, 0, out, GD_RA_MAX_CANDS, &bounded);
	CHECK(n == 1 && out[0] == 0 && out[1] == 0);
	n = split("00", 1, 0, out, GD_RA_MAX_CANDS, &bounded);
	CHECK(n == 0);
	/* section 二 has no identity: 8855698 as three cells is ambiguous */
	n = split("8855698", 3, 0, out, GD_RA_MAX_CANDS, &bounded);
	CHECK(n == 15);
	/* section 四 of Pingtan 2021: 1/0/2/0/3 | 12/0/0/0/12 | 0/0/0/0/0 */
	n = split("10203120001200000", 15, 5, out, GD_RA_MAX_CANDS, &bounded);
	{
		int64_t		want[15] = {1, 0, 2, 0, 3, 12, 0, 0, 0, 12, 0, 0, 0, 0, 0};

		CHECK(n == 1 && same(out, want, 15));
	}
	/* a cell is an int4: eleven digits are never one cell */
	n = split("21474836480", 1, 0, out, GD_RA_MAX_CANDS, &bounded);
	CHECK(n == 0);
	n = split("2147483647", 1, 0, out, GD_RA_MAX_CANDS, &bounded);
	CHECK(n == 1 && out[0] == 2147483647);
	/* not digits */
	CHECK(split("12a", 1, 0, out, GD_RA_MAX_CANDS, &bounded) == -1);
	CHECK(split("", 7, 7, out, GD_RA_MAX_CANDS, &bounded) == 0);
	CHECK(split("   ", 7, 7, out, GD_RA_MAX_CANDS, &bounded) == 0);
	/* more candidates than kept are still counted */
	n = split("111111111111", 7, 0, out, 4, &bounded);
	CHECK(n == 462 && !bounded);	/* C(11, 6) */
}

static void
test_bounds(void)
{
	int64_t		out[GD_RA_MAX_CANDS * GD_RA_MAX_CELLS];
	bool		bounded;
	char		worst[16 * GD_RA_MAX_DIGITS + 1];
	int			n;

	memset(worst, '1', sizeof(worst) - 1);
	worst[sizeof(worst) - 1] = '\0';
	/* more digits than 15 cells can hold: no cutting, found at once */
	n = gd_split_run(worst, 160, 15, 0, out, GD_RA_MAX_CANDS, 1000, &bounded);
	CHECK(n == 0 && !bounded);
	/* exactly as many as they hold: one way */
	n = gd_split_run(worst, 150, 15, 0, out, GD_RA_MAX_CANDS, GD_RA_STEPS, &bounded);
	CHECK(n == 1 && !bounded && out[0] == 1111111111);
	/* a run with more cuttings than the bound: stopped, and says so */
	n = gd_split_run(worst, 80, 15, 0, out, GD_RA_MAX_CANDS, GD_RA_STEPS, &bounded);
	CHECK(bounded && n > 1);
	n = gd_split_run(worst, 80, 15, 0, out, GD_RA_MAX_CANDS, 10, &bounded);
	CHECK(bounded);
}

static void
test_combine(void)
{
	static int64_t single[GD_NROWS][GD_NCOLS];
	static int64_t two[2 * GD_NCOLS] = {
		27, 0, 0, 2, 0, 1, 30,
		2, 7, 0, 0, 20, 1, 30,
	};
	gd_row_cands rows[GD_NROWS];
	int			choice[GD_NROWS];
	unsigned	used;
	bool		bounded;
	int			n;

	/* a table of zeros but for 30 disclosed in 27/0/0/2/0/1 */
	memset(single, 0, sizeof(single));
	{
		int64_t		v[GD_NCOLS] = {27, 0, 0, 2, 0, 1, 30};

		memcpy(single[GD_ROW_NEW_RECEIVED], v, sizeof(v));
		memcpy(single[GD_ROW_HANDLED_TOTAL], v, sizeof(v));
	}
	for (int r = 0; r < GD_NROWS; r++)
	{
		rows[r].ncand = 1;
		rows[r].cand = single[r];
	}
	rows[GD_ROW_DISCLOSED].ncand = 2;
	rows[GD_ROW_DISCLOSED].cand = two;
	n = gd_requests_combine(rows, false, choice, GD_RA_COMBOS, &used, &bounded);
	CHECK(n == 1 && choice[GD_ROW_DISCLOSED] == 0 && !bounded);
	CHECK(used == (GD_RA_ID_HANDLED_TOTAL | GD_RA_ID_BALANCE));

	/* the other order of candidates gives the same answer */
	{
		static int64_t swapped[2 * GD_NCOLS] = {
			2, 7, 0, 0, 20, 1, 30,
			27, 0, 0, 2, 0, 1, 30,
		};

		rows[GD_ROW_DISCLOSED].cand = swapped;
		n = gd_requests_combine(rows, false, choice, GD_RA_COMBOS, &used, &bounded);
		CHECK(n == 1 && choice[GD_ROW_DISCLOSED] == 1);
		rows[GD_ROW_DISCLOSED].cand = two;
	}

	/* 三(七) not known: only the balance is used, and it cannot decide */
	rows[GD_ROW_HANDLED_TOTAL].ncand = 0;
	n = gd_requests_combine(rows, false, choice, GD_RA_COMBOS, &used, &bounded);
	CHECK(used == 0);
	CHECK(n == 2);

	/* a printed error elsewhere: no choice is consistent, none is made */
	rows[GD_ROW_HANDLED_TOTAL].ncand = 1;
	single[GD_ROW_CARRIED_FORWARD][0] = 1;
	n = gd_requests_combine(rows, false, choice, GD_RA_COMBOS, &used, &bounded);
	CHECK(n == 0);
	single[GD_ROW_CARRIED_FORWARD][0] = 0;

	/* the bound: stopped before the end is never an answer */
	n = gd_requests_combine(rows, false, choice, 1, &used, &bounded);
	CHECK(bounded && n != 1);
}

/* Hongze 2023 as plain pdftotext prints its section 三: 23 rows (2019). */
static const int64_t hongze_stream[23 * GD_NCOLS] = {
	21, 0, 0, 0, 0, 0, 21,		/* 一 */
	0, 0, 0, 0, 0, 0, 0,		/* 二 */
	0, 0, 0, 0, 0, 0, 0,		/* 三(一) */
	4, 0, 0, 0, 0, 0, 4,		/* 三(二) */
	/* 三(三)1 … 三(四)2, ten rows column by column */
	1, 0, 0, 0, 0, 1, 1, 0, 10, 3,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	1, 0, 0, 0, 0, 1, 1, 0, 10, 3,
	/* 三(四)3 … 三(五)3, four rows column by column */
	0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0,
	/* 三(五)4, 三(五)5 */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	/* 三(六) (one row, 2019) and 三(七), column by column */
	0, 21, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 21,
	0, 0, 0, 0, 0, 0, 0,		/* 四 */
};

static void
test_stream(void)
{
	static int64_t out[16 * 23 * GD_NCOLS];
	bool		bounded;
	int			n;

	/* the row totals leave nine matrices (21 may stand in other columns, …) */
	n = gd_stream_arrangements(hongze_stream, 23, out, 16, &bounded);
	CHECK(!bounded);
	CHECK(n == 9);
	/* the identities between rows keep one */
	{
		int			good = 0,
					which = -1;

		for (int m = 0; m < n; m++)
		{
			gd_row_cands rows[GD_NROWS];
			int			choice[GD_NROWS];
			unsigned	used;
			bool		cb;

			for (int r = 0, i = 0; r < GD_NROWS; r++)
			{
				bool		absent = r == GD_ROW_OTHER_NO_CORRECTION || r == GD_ROW_OTHER_NO_FEE;

				rows[r].ncand = absent ? 0 : 1;
				rows[r].cand = absent ? NULL : out + (size_t) m * 23 * GD_NCOLS + (size_t) (i++) * GD_NCOLS;
			}
			if (gd_requests_combine(rows, true, choice, GD_RA_COMBOS, &used, &cb) == 1)
			{
				good++;
				which = m;
				CHECK(used == (GD_RA_ID_HANDLED_TOTAL | GD_RA_ID_BALANCE));
			}
		}
		CHECK(good == 1 && which == 0);
	}
	/* 三(三)1 属于国家秘密 = 1 0 0 0 0 0 1; 三(四)1 = 10 0 0 0 0 0 10 */
	CHECK(out[4 * GD_NCOLS + 0] == 1 && out[4 * GD_NCOLS + 6] == 1);
	CHECK(out[12 * GD_NCOLS + 0] == 10 && out[12 * GD_NCOLS + 6] == 10);
	CHECK(out[15 * GD_NCOLS + 0] == 1 && out[15 * GD_NCOLS + 6] == 1);	/* 三(五)1 */
	CHECK(out[21 * GD_NCOLS + 0] == 21 && out[21 * GD_NCOLS + 6] == 21);	/* 三(七) */
	/* a stream that no arrangement explains: a row total broken */
	{
		int64_t		broken[2 * GD_NCOLS] = {1, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0};

		n = gd_stream_arrangements(broken, 2, out, 4, &bounded);
		CHECK(n == 0);
	}
	/* two arrangements, two matrices: rows (1 1 … 2) read two ways */
	{
		int64_t		two[2 * GD_NCOLS] = {1, 1, 0, 0, 0, 0, 2, 1, 1, 0, 0, 0, 0, 2};
		int64_t		swap[2 * GD_NCOLS] = {1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 2, 2};

		n = gd_stream_arrangements(two, 2, out, 4, &bounded);
		CHECK(n == 1);			/* column by column it breaks: (1 0 0 0 0 0 2) */
		n = gd_stream_arrangements(swap, 2, out, 4, &bounded);
		CHECK(n == 1 && out[0] == 1 && out[1] == 1 && out[6] == 2);
	}
	/* all zeros: 2^24 arrangements, one matrix */
	{
		static int64_t zeros[25 * GD_NCOLS];

		n = gd_stream_arrangements(zeros, 25, out, 4, &bounded);
		CHECK(n == 1 && !bounded);
	}
}

int
main(void)
{
	test_split();
	test_bounds();
	test_combine();
	test_stream();
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
