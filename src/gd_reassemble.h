/*
 * gd_reassemble.h — identity-confirmed reassembly: reading cells whose
 * boundaries the layout lost, only when the table's own identities leave
 * exactly one way to read them.
 *
 * Plain C, no postgres.h: unit-tested in test/unit/test_reassemble.c.
 *
 * Some forms lose the boundaries between a row's cells: a crawler's text of
 * an HTML page prints 「…申请数量713000074」 for the seven cells 71 3 0 0 0 0
 * 74.  The digits and their order are certain; where one cell ends is not.
 * gd_split_run() lists every way to cut such a run of digits into cells that
 * (a) keeps the printed order, (b) never cuts across a printed space (a
 * space is a certain boundary: 「500000 5」), (c) reads every cell as a
 * whole number without a leading zero ("0" itself is fine) and at most
 * GD_RA_MAX_DIGITS digits, and (d) makes every group's last cell the sum of
 * the others (section 三: a row's 总计 is the sum of its six applicant
 * columns; section 四: each block's 总计 is upheld + corrected + other +
 * pending).  Section 二 has no identity: its runs are read only when the
 * number of digits leaves one way (「000」 for three cells).
 *
 * gd_requests_combine() then takes, for each row of section 三, the
 * candidates left, and keeps the choices for which the identities between
 * rows hold in every column: 三(七) 总计 = the sum of the outcome rows
 * 三(一) … 三(六), and 一 + 二 = 三(七) + 四 (received + carried over =
 * handled + carried forward).  An identity that involves a row not known (not
 * printed, unreadable) is not used.  The caller reads the cells only when
 * exactly one choice remains; never a "repair": a table whose printed
 * numbers break an identity has no consistent choice, and its ambiguous
 * rows stay NULL.
 *
 * Bounds (the worst case, stated and tested): gd_split_run() visits at most
 * max_steps partial cuttings (a step is one cell tried), and stores at most
 * max_out candidates; gd_requests_combine() tries at most max_combos
 * choices.  When a bound stops a search, *bounded is set and the caller must
 * treat the result as ambiguous.  The parser cuts at most 58 runs a report
 * (each of the 25 rows of section 三 twice: once to see whether the layout
 * leaves one reading, once under its identity; section 四's run twice;
 * section 二's at most 6 times), so a report costs at most 58 × GD_RA_STEPS
 * partial cuttings and GD_RA_COMBOS choices, plus gd_stream_arrangements'
 * polynomial bound: about 0.3 s on the benchmark machine whatever the text
 * (docs/BENCHMARKS.md, "Readers and reassembly").
 */
#ifndef GD_REASSEMBLE_H
#define GD_REASSEMBLE_H

#include "gd_model.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define GD_RA_MAX_DIGITS 10		/* a count fits int4: at most 10 digits */
#define GD_RA_MAX_CELLS 16		/* section 四 has 15 cells */
#define GD_RA_MAX_CANDS 64		/* candidates kept per run */
#define GD_RA_STEPS 2000000L	/* partial cuttings tried per run */
#define GD_RA_COMBOS 1000000L	/* row choices tried per table */

/*
 * Cut run[0..len) (ASCII digits and single spaces) into ncells cells; when
 * group > 0, every group of `group` consecutive cells has its last cell
 * equal to the sum of the others (ncells a multiple of group).  Candidates
 * are written to out (ncells values each, at most max_out of them) in a
 * fixed order.  Returns the number of candidates found (which may be more
 * than max_out); -1 when run holds a character other than a digit or a
 * space.  *bounded is set when max_steps stopped the search.
 */
extern int	gd_split_run(const char *run, size_t len, int ncells, int group,
						 int64_t *out, int max_out, long max_steps, bool *bounded);

/*
 * One row of section 三 for gd_requests_combine: ncand candidates of 7
 * values each (ncand 0: the row is not known; its identities are not used).
 */
typedef struct gd_row_cands
{
	int			ncand;
	const int64_t *cand;		/* ncand × GD_NCOLS values */
} gd_row_cands;

/* Which identities a choice was checked against (bits). */
#define GD_RA_ID_HANDLED_TOTAL	0x1 /* 三(七) = 三(一) + … + 三(六) */
#define GD_RA_ID_BALANCE		0x2 /* 一 + 二 = 三(七) + 四 */

/*
 * Count the choices (one candidate per row) for which every usable identity
 * holds in every column.  t2019: the report has one 三(六) row (other_other;
 * other_no_correction and other_no_fee are not part of its template).
 * Returns the number of consistent choices found (stops counting at 2);
 * when it is 1, choice[row] is the candidate of each row (0 for rows with
 * ncand <= 1).  *used gets the identities that could be checked; *bounded
 * is set when max_combos stopped the search (the result is then not 1).
 */
extern int	gd_requests_combine(const gd_row_cands rows[GD_NROWS], bool t2019,
								int choice[GD_NROWS], long max_combos,
								unsigned *used, bool *bounded);

/*
 * Section 三 printed as a stream of numbers (plain pdftotext: one number per
 * line, the labels elsewhere): nrows rows of GD_NCOLS cells whose numbers
 * come in the template's row order, each run of k consecutive rows printed
 * either row by row (k = 1) or column by column (k >= 2: the k values of
 * the first column, then the k of the second, …), as a PDF table's text
 * comes out when its cells are extracted column-wise page block by page
 * block.  gd_stream_arrangements() lists the distinct matrices (nrows ×
 * GD_NCOLS values) of every arrangement in which every row keeps its total
 * (column GD_NCOLS-1 = the sum of the others), at most max_out of them into
 * out, and returns how many there are (stopping at max_out + 1).  Many
 * arrangements give one matrix (runs of zeros read the same both ways):
 * they count once.  *bounded is set when GD_RA_STREAM_SUFFIXES distinct
 * partial matrices were kept at one row (the answer is then not unique).
 * The caller checks the identities between rows on each matrix.
 * Time O(nrows² · GD_RA_STREAM_SUFFIXES · nrows · GD_NCOLS), no recursion.
 */
#define GD_RA_STREAM_SUFFIXES 16

extern int	gd_stream_arrangements(const int64_t *nums, int nrows, int64_t *out,
								   int max_out, bool *bounded);

#endif							/* GD_REASSEMBLE_H */
