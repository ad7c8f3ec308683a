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

int
main(void)
{
	test_split();
	test_bounds();
	test_combine();
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
