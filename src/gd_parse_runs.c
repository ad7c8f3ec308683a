/*
 * gd_parse_runs.c — the parser's use of identity-confirmed reassembly
 * (gd_reassemble.h, gd_parse.h steps 6 and 7): section 三 rows printed run
 * together, section 三 printed as a stream of numbers, section 四's row
 * printed run together.
 */
#include "gd_parse_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
void
gdp_reassemble_requests(ctx *c, req_runs *ra, const match *m, bool t2019)
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
		li = c->lines[gdp_match_line(c, &m[row])].lineno;
		gdp_req_row_name(row, t2019, name, sizeof(name));
		if (broken >= 0)
		{
			char		bname[200];

			gdp_req_row_name(broken, t2019, bname, sizeof(bname));
			if (row == broken)
				gdp_add_diag(c, li, sec, "not_inferred",
						 "section 三 (requests): row %s at line %d prints its 7 cells run together as \"%s\", and no way to cut it keeps its row total (总计 = the six applicant columns): the printed numbers break the identity; its cells are NULL, and nothing else in the table is inferred",
						 name, li, ra->run[row]);
			else
				gdp_add_diag(c, li, sec, "not_inferred",
						 "section 三 (requests): row %s at line %d prints its 7 cells run together as \"%s\"; they are not inferred because the table breaks an identity (row %s), so no cutting can be confirmed; its cells are NULL",
						 name, li, ra->run[row], bname);
			continue;
		}
		if (rc[row].ncand == 0)
		{
			gdp_add_diag(c, li, sec, "not_inferred",
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
			gdp_describe_values(v, GD_NCOLS, vals, sizeof(vals));
			identities_text(used, ids, sizeof(ids));
			if (rc[row].ncand == 1)
				gdp_add_diag(c, li, sec, "inferred",
						 "section 三 (requests): row %s at line %d prints its 7 cells run together as \"%s\"; read as %s, the only way to cut it that keeps its row total",
						 name, li, ra->run[row], vals);
			else
				gdp_add_diag(c, li, sec, "inferred",
						 "section 三 (requests): row %s at line %d prints its 7 cells run together as \"%s\"; read as %s: of the %d ways to cut it that keep its row total, the only one that also keeps %s",
						 name, li, ra->run[row], vals, rc[row].ncand, ids);
			continue;
		}
		identities_text(used, ids, sizeof(ids));
		if (cbounded)
			gdp_add_diag(c, li, sec, "not_inferred",
						 "section 三 (requests): row %s at line %d prints its 7 cells run together as \"%s\": %d ways to cut it keep its row total, and the search for the one choice over the table that keeps %s stopped after %ld choices; its cells are NULL",
						 name, li, ra->run[row], rc[row].ncand, ids, GD_RA_COMBOS);
		else
			gdp_add_diag(c, li, sec, "not_inferred",
						 "section 三 (requests): row %s at line %d prints its 7 cells run together as \"%s\": %d ways to cut it keep its row total, and %s choices over the table keep %s; its cells are NULL",
						 name, li, ra->run[row], rc[row].ncand, sol == 0 ? "no" : "several", ids);
	}
}

#define STREAM_MAX (GD_NROWS * GD_NCOLS)
#define STREAM_KEEP 16			/* matrices compared with the identities */

/*
 * Section 三 printed as a stream of numbers, one per line, its labels
 * elsewhere (plain pdftotext): most rows found have no cells after their
 * label, and at least 80% of the section's lines that hold numbers hold
 * one.  The numbers are read as the template's rows in their order, runs of
 * rows printed row by row or column by column (gd_stream_arrangements), and
 * the rows are filled only when exactly one arrangement keeps every row
 * total and the identities between rows.  maybe2019: 三(六) is printed as
 * one row (its sub-rows are not).  Returns 0 when the section is not such a
 * stream, or when no single reading was found (its rows are then read, and
 * left NULL, as usual; a not_inferred diagnostic says why); 2021 or 2019,
 * the template read, when it filled the section.
 */
int
gdp_stream_requests(ctx *c, const span *s, const match *m, const region *rg, bool maybe2019)
{
	gd_report  *rep = &c->out->report;
	int64_t    *nums = NULL,
			   *mats = NULL;
	int			n = 0,
				lines_with = 0,
				single = 0,
				first_li = -1;
	int			found = 0,
				whole = 0;
	int			result = 0;
	size_t		n0 = gdp_k_to_n(c, s->k0),
				n1 = gdp_label_start(c, gdp_k_to_n(c, s->k1), 0);
	region	   *r = NULL;

	for (int row = 0; row < GD_NROWS; row++)
		if (m[row].found)
		{
			found++;
			whole += rg[row].nslots == GD_NCOLS;
		}
	if (found < 5 || whole * 2 >= found)
		return 0;
	nums = malloc(sizeof(int64_t) * STREAM_MAX);
	r = malloc(sizeof(region));
	if (!nums || !r)
	{
		c->oom = true;
		goto done;
	}
	for (int li = gdp_line_of(c, n0); li < c->nlines && c->lines[li].nstart < n1; li++)
	{
		size_t		a = n0 > c->lines[li].nstart ? n0 : c->lines[li].nstart;
		size_t		b = n1 < c->lines[li].nend ? n1 : c->lines[li].nend;
		int			v = 0;

		gdp_tokenize(c, a, b, r);
		if (r->nslots > MAX_SLOTS)
			goto done;
		for (int i = 0; i < r->nslots; i++)
		{
			const slot *sl = &r->s[i];

			if (sl->kind == W_TEXT)
				continue;
			if (sl->kind != W_VALUE || gdp_count_problem(sl) != NULL || sl->neg || n >= STREAM_MAX)
				goto done;		/* not a plain stream of counts */
			nums[n++] = sl->iv;
			v++;
		}
		if (v > 0)
		{
			lines_with++;
			single += v == 1;
			if (first_li < 0)
				first_li = li;
		}
	}
	if (lines_with == 0 || single * 10 < lines_with * 8)
		goto done;
	{
		int			nrows = n == 23 * GD_NCOLS && maybe2019 ? 23 : n == GD_NROWS * GD_NCOLS ? GD_NROWS : 0;
		int			line = c->lines[first_li].lineno;
		bool		bounded = false;
		int			nmat,
					good = 0,
					which = -1;
		unsigned	used = 0;

		if (nrows == 0)
		{
			gdp_add_diag(c, line, "requests", "not_inferred",
						 "section 三 (requests) prints %d numbers one per line, apart from their labels (from line %d); the template has %d rows of 7 cells (%d numbers)%s, so they cannot be placed; the rows are read as printed",
						 n, line, maybe2019 ? 23 : GD_NROWS, (maybe2019 ? 23 : GD_NROWS) * GD_NCOLS,
						 maybe2019 ? ", 23 with 三(六) as one row" : "");
			goto done;
		}
		mats = malloc(sizeof(int64_t) * STREAM_KEEP * (size_t) nrows * GD_NCOLS);
		if (!mats)
		{
			c->oom = true;
			goto done;
		}
		nmat = gd_stream_arrangements(nums, nrows, mats, STREAM_KEEP, &bounded);
		for (int k = 0; k < nmat && k < STREAM_KEEP; k++)
		{
			gd_row_cands rows[GD_NROWS];
			int			choice[GD_NROWS];
			bool		cb;

			for (int row = 0, i = 0; row < GD_NROWS; row++)
			{
				bool		absent = nrows == 23 &&
					(row == GD_ROW_OTHER_NO_CORRECTION || row == GD_ROW_OTHER_NO_FEE);

				rows[row].ncand = absent ? 0 : 1;
				rows[row].cand = absent ? NULL :
					mats + ((size_t) k * nrows + (size_t) (i++)) * GD_NCOLS;
			}
			if (gd_requests_combine(rows, nrows == 23, choice, GD_RA_COMBOS, &used, &cb) == 1)
			{
				good++;
				which = k;
			}
		}
		if (good != 1 || bounded || nmat > STREAM_KEEP)
		{
			gdp_add_diag(c, line, "requests", "not_inferred",
						 "section 三 (requests) prints its %d numbers one per line, apart from their labels (from line %d): %s%d arrangements of the template's %d rows keep every row total, and %d of those keep 三(七) 总计 = 三(一) + … + 三(六) and 一 + 二 = 三(七) + 四; the rows are read as printed",
						 n, line, bounded || nmat > STREAM_KEEP ? "more than " : "",
						 nmat > STREAM_KEEP ? STREAM_KEEP : nmat, nrows, good);
			goto done;
		}
		for (int row = 0, i = 0; row < GD_NROWS; row++)
		{
			if (nrows == 23 && (row == GD_ROW_OTHER_NO_CORRECTION || row == GD_ROW_OTHER_NO_FEE))
				continue;
			for (int col = 0; col < GD_NCOLS; col++)
			{
				rep->v[GD_REQ_CELL(row, col)] = mats[((size_t) which * nrows + (size_t) i) * GD_NCOLS + col];
				rep->isnull[GD_REQ_CELL(row, col)] = false;
			}
			i++;
		}
		gdp_add_diag(c, line, "requests", "inferred",
					 "section 三 (requests) prints its %d numbers one per line, apart from their labels (from line %d); they are read as the template's %d rows in their order, runs of rows printed row by row or column by column: of the %d arrangements that keep every row total, the only one that keeps 三(七) 总计 = 三(一) + … + 三(六) and 一 + 二 = 三(七) + 四 in every column",
					 n, line, nrows, nmat);
		result = nrows == 23 ? 2019 : 2021;
	}
done:
	free(nums);
	free(mats);
	free(r);
	return result;
}

/*
 * Section 四's 15 cells printed run together: read when the layout leaves
 * one way to cut them, or when exactly one way keeps every block's total
 * (总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结).
 */
void
gdp_cut_appeals(ctx *c, int li, const char *run, size_t len)
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
		gdp_add_diag(c, line, "appeals", "not_inferred",
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
		gdp_describe_values(out, ncells, vals, sizeof(vals));
		gdp_add_diag(c, line, "appeals", "inferred",
				 "section 四 (appeals): the data row at line %d prints its 15 cells run together as \"%s\"; read as %s: of the ways to cut it, the only one that keeps each block's total (总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结)",
				 line, run, vals);
	}
}
