/*
 * testlib.h — the harness and the fixture the unit tests of the C core
 * share: CHECK macros counting passes and failures (each test program ends
 * with "N passed, N failed"), and the Jinshan 2024 report of docs/domain.md §8 as a
 * gd_report.  Header-only: each test program includes it once.
 */
#ifndef GD_TESTLIB_H
#define GD_TESTLIB_H

#include "gd_rules.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int passed = 0;
static int failed = 0;

#define CHECK(cond) check((cond), #cond, __FILE__, __LINE__)
#define CHECK_STR(a, b) check_str((a), (b), __FILE__, __LINE__)

static inline void
check(int ok, const char *what, const char *file, int line)
{
	if (ok)
		passed++;
	else
	{
		failed++;
		printf("FAIL %s:%d: %s\n", file, line, what);
	}
}

static inline void
check_str(const char *got, const char *want, const char *file, int line)
{
	if (got && strcmp(got, want) == 0)
		passed++;
	else
	{
		failed++;
		printf("FAIL %s:%d: got \"%s\", want \"%s\"\n", file, line, got ? got : "(null)", want);
	}
}

static inline void
check_has(const char *got, const char *want, const char *file, int line)
{
	if (got && strstr(got, want) != NULL)
		passed++;
	else
	{
		failed++;
		printf("FAIL %s:%d: \"%s\" does not contain \"%s\"\n", file, line, got ? got : "(null)", want);
	}
}

#define CHECK_HAS(a, b) check_has((a), (b), __FILE__, __LINE__)

/*
 * A whole file, NUL-terminated (*len excludes the NUL), malloc'd; NULL when
 * it cannot be read.  Relative paths are from the repository root.
 */
static inline char *
test_read_file(const char *path, size_t *len)
{
	FILE	   *f = fopen(path, "rb");
	char	   *buf;
	long		n;

	if (f == NULL)
		return NULL;
	if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0 ||
		(buf = malloc((size_t) n + 1)) == NULL)
	{
		fclose(f);
		return NULL;
	}
	if (fread(buf, 1, (size_t) n, f) != (size_t) n)
	{
		fclose(f);
		free(buf);
		return NULL;
	}
	fclose(f);
	buf[n] = '\0';
	*len = (size_t) n;
	return buf;
}

/* The final line every test program prints; its exit status. */
static inline int
test_summary(void)
{
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}

/* docs/domain.md §8: the Jinshan 2024 report; fees and suit_after_review not printed */
static inline void
set_row(gd_report *r, int row, long a, long b, long c, long d, long e, long f, long t)
{
	long		vals[GD_NCOLS] = {a, b, c, d, e, f, t};

	for (int i = 0; i < GD_NCOLS; i++)
	{
		r->v[GD_REQ_CELL(row, i)] = vals[i];
		r->isnull[GD_REQ_CELL(row, i)] = false;
	}
}

static inline void
set_cell(gd_report *r, int idx, long v)
{
	r->v[idx] = v;
	r->isnull[idx] = false;
}

static inline void
jinshan(gd_report *r)
{
	gd_report_init(r, GD_TMPL_2021);
	for (int row = 0; row < GD_NROWS; row++)
		set_row(r, row, 0, 0, 0, 0, 0, 0, 0);
	set_row(r, GD_ROW_NEW_RECEIVED, 582, 30, 0, 0, 1, 4, 617);
	set_row(r, GD_ROW_CARRIED_OVER, 17, 1, 0, 0, 0, 0, 18);
	set_row(r, GD_ROW_DISCLOSED, 129, 7, 0, 0, 0, 2, 138);
	set_row(r, GD_ROW_PARTIALLY_DISCLOSED, 14, 1, 0, 0, 0, 0, 15);
	set_row(r, GD_ROW_WITHHELD_THIRD_PARTY, 3, 0, 0, 0, 0, 0, 3);
	set_row(r, GD_ROW_WITHHELD_INTERNAL_AFFAIRS, 3, 0, 0, 0, 0, 0, 3);
	set_row(r, GD_ROW_WITHHELD_PROCESS_INFO, 1, 0, 0, 0, 0, 0, 1);
	set_row(r, GD_ROW_WITHHELD_QUERY_MATTER, 8, 0, 0, 0, 1, 0, 9);
	set_row(r, GD_ROW_UNABLE_NOT_HELD, 102, 10, 0, 0, 0, 0, 112);
	set_row(r, GD_ROW_UNABLE_NEEDS_CREATION, 46, 1, 0, 0, 0, 0, 47);
	set_row(r, GD_ROW_UNABLE_UNCLEAR, 1, 0, 0, 0, 0, 0, 1);
	set_row(r, GD_ROW_REJECTED_REPEATED, 1, 0, 0, 0, 0, 0, 1);
	set_row(r, GD_ROW_OTHER_NO_CORRECTION, 26, 3, 0, 0, 0, 0, 29);
	set_row(r, GD_ROW_OTHER_OTHER, 116, 5, 0, 0, 0, 2, 123);
	set_row(r, GD_ROW_HANDLED_TOTAL, 450, 27, 0, 0, 1, 4, 482);
	set_row(r, GD_ROW_CARRIED_FORWARD, 149, 4, 0, 0, 0, 0, 153);

	for (int d = 0; d < GD_NDOC; d++)
		set_cell(r, GD_PRO_DOC(GD_PITEM_RULES, d), 0);
	set_cell(r, GD_PRO_DOC(GD_PITEM_NORMATIVE_DOCUMENTS, GD_DOC_ISSUED), 28);
	set_cell(r, GD_PRO_DOC(GD_PITEM_NORMATIVE_DOCUMENTS, GD_DOC_REPEALED), 18);
	set_cell(r, GD_PRO_DOC(GD_PITEM_NORMATIVE_DOCUMENTS, GD_DOC_IN_FORCE), 73);
	set_cell(r, GD_PRO_SINGLE(GD_PITEM_LICENSING), 60805);
	set_cell(r, GD_PRO_SINGLE(GD_PITEM_PUNISHMENT), 8256);
	set_cell(r, GD_PRO_SINGLE(GD_PITEM_COERCION), 122);

	set_cell(r, GD_APP_CELL(GD_BLOCK_REVIEW, GD_ACELL_UPHELD), 16);
	set_cell(r, GD_APP_CELL(GD_BLOCK_REVIEW, GD_ACELL_CORRECTED), 3);
	set_cell(r, GD_APP_CELL(GD_BLOCK_REVIEW, GD_ACELL_OTHER), 1);
	set_cell(r, GD_APP_CELL(GD_BLOCK_REVIEW, GD_ACELL_PENDING), 2);
	set_cell(r, GD_APP_CELL(GD_BLOCK_REVIEW, GD_ACELL_TOTAL), 22);
	set_cell(r, GD_APP_CELL(GD_BLOCK_SUIT_DIRECT, GD_ACELL_UPHELD), 5);
	set_cell(r, GD_APP_CELL(GD_BLOCK_SUIT_DIRECT, GD_ACELL_CORRECTED), 2);
	set_cell(r, GD_APP_CELL(GD_BLOCK_SUIT_DIRECT, GD_ACELL_OTHER), 0);
	set_cell(r, GD_APP_CELL(GD_BLOCK_SUIT_DIRECT, GD_ACELL_PENDING), 0);
	set_cell(r, GD_APP_CELL(GD_BLOCK_SUIT_DIRECT, GD_ACELL_TOTAL), 7);
}

#endif							/* GD_TESTLIB_H */
