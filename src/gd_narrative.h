/*
 * gd_narrative.h — the figures a report's prose states about its own tables
 * (docs/domain.md §6.6, rule `narrative`): found in the text, checked against the cells.
 *
 * Plain C, no postgres.h: unit-tested and fuzzed on its own.  No floating
 * point: percentages are compared with exact 128-bit integer arithmetic.
 *
 * Reading (gd_find_claims)
 * ------------------------
 * The text is first normalised, so that the patterns below see one spelling:
 *   - invalid or truncated UTF-8 and the C0 controls that are not whitespace
 *     (NUL too: the input is read as len bytes, never as a C string) become
 *     '?';
 *   - every other character goes through gd_fold (gd_text.h), the fold the
 *     table parser reads with: full-width forms become ASCII (０-９ ％ ． ，
 *     ； ： （ ） → 0-9 % . , ; : ( )), Kangxi radicals and compatibility
 *     ideographs become unified ideographs (⾏政复议 reads as 行政复议),
 *     enclosed numerals expand (① → 1, ⑴ → (1), ㈠ → (一)), the
 *     traditional characters of the phrases (請 覆 復 辦 結 轉 開 無 處 議
 *     糾 錯 訴 訟 總 佔 …) become simplified, and zero-width characters and
 *     the byte order mark are dropped;
 *   - whitespace (spaces, line breaks, U+3000 …: what gd_fold makes ' ') is
 *     removed, so phrases split across lines (as PDF extraction leaves them)
 *     read as one; between two digits it becomes one space, so numbers on
 *     either side stay apart.  Tabs are kept: they separate table cells, and
 *     stop every pattern.
 * Numbers may carry thousands separators (1,234 or １，２３４).
 *
 * A phrase is a keyword, then only "filler" words (政府信息公开申请, 共计, 各类,
 * 了, 为 …: see gd_narrative.c), then the number and its unit 件 (件 or 起 for
 * review and litigation).  Anything else between the keyword and the number
 * (a comma, 留言, a date) means the number is not about that keyword:
 *   GD_CLAIM_RECEIVED          受理 / 新收 / 收到 … N件      row new_received
 *   GD_CLAIM_HANDLED           答复 / 办结 / 办理完毕 … N件  row handled_total
 *   GD_CLAIM_CARRIED_OVER      上年度结转 / 上年结转 … N件   row carried_over
 *   GD_CLAIM_CARRIED_FORWARD   结转至下年度 / 结转下年度 / 转入下年度 … N件,
 *                              or N件 … 结转至下年度 (number first)
 *                                                           row carried_forward
 *   GD_CLAIM_GROUP_COUNT       予以公开及部分公开 / 不予公开 / 无法提供 /
 *                              不予处理 / 其他处理 … N件     a group of docs/domain.md §4.3
 *   GD_CLAIM_ROW_COUNT         予以公开 … N件 / 部分公开 … N件 (printed apart)
 *                              rows disclosed / partially_disclosed; but
 *                              予以公开N件（含部分公开M件） is the group
 *   GD_CLAIM_GROUP_PERCENT     after a group's N件 (and an aside in brackets):
 *                              ，占 … X% or （占 … X%）, or the group keyword
 *                              directly followed by 占 … X%
 *   GD_CLAIM_REVIEW_TOTAL      行政复议 … N件               review.total
 *   GD_CLAIM_REVIEW_CORRECTED  then, before the next ；/。/行政诉讼:
 *                              纠错 / 纠正 … M件             review.corrected
 *   GD_CLAIM_SUIT_TOTAL        行政诉讼 … N件     suit_direct + suit_after_review
 *   GD_CLAIM_SUIT_CORRECTED    then 纠错 / 纠正 … M件 (the two blocks' corrected)
 * Every figure counts, wherever it stands: in 答复482件（含上年度结转申请18件，
 * 另有153件结转至下年度继续办理） the 18 and the 153 are claims too.  A
 * percentage after 予以公开N件 or 部分公开N件 alone (a row's share) is not
 * read: no claim kind holds it.
 *
 * Checking (gd_check_claim)
 * -------------------------
 * Counts compare with the row's total cell (NULL: the sum of its six
 * applicant cells, as for shares); handled also falls back on the sum of the
 * five groups; a group is the sum of its rows' totals; an appeal block's
 * total falls back on upheld + corrected + other + pending.  A count agrees
 * when it equals the table value.
 *
 * A percentage printed with d decimals (stated = the printed digits, 33.2% →
 * stated 332, decimals 1) is compared with the exact value
 * 100 × group / whole (whole = 三(七) 总计, as for shares, docs/domain.md §7.2):
 *   half_up            the exact value rounded half-up to d decimals equals
 *                      the printed figure, i.e. it lies in the rounding
 *                      interval [stated − ½, stated + ½) × 10^-d;
 *   largest_remainder, plug_last
 *                      the method of docs/domain.md §7.3 applied to all five groups at
 *                      p = min(d, 2) decimals (p = 2 gives exactly the figures
 *                      of gd_outcome_shares; 33.2% is compared with the
 *                      one-decimal figures, which sum to 100.0) equals the
 *                      printed figure; digits printed beyond the second
 *                      must be zeros (31.740% is 31.74).
 * It agrees when any method does; `methods` says which.
 *
 * A claim whose cells are NULL is UNCONFIRMED, never DIFFERS, and its message
 * names the cells that are not known; so is a claim whose figure is too long
 * to read (more than 15 digits, or a percentage with more than
 * GD_NARRATIVE_MAX_DECIMALS after the point), whose message says so; so is a percentage of a whole that is
 * 0, and one that half_up does not give while the other methods cannot be
 * computed because another group is unknown.
 */
#ifndef GD_NARRATIVE_H
#define GD_NARRATIVE_H

#include "gd_rules.h"
#include "gd_share.h"

/* Digits after the point that a stated percentage may have (more: not read). */
#define GD_NARRATIVE_MAX_DECIMALS 6

typedef enum gd_claim_kind
{
	GD_CLAIM_RECEIVED,
	GD_CLAIM_HANDLED,
	GD_CLAIM_CARRIED_OVER,
	GD_CLAIM_CARRIED_FORWARD,
	GD_CLAIM_GROUP_COUNT,
	GD_CLAIM_GROUP_PERCENT,
	GD_CLAIM_ROW_COUNT,			/* disclosed or partially_disclosed alone */
	GD_CLAIM_REVIEW_TOTAL,
	GD_CLAIM_REVIEW_CORRECTED,
	GD_CLAIM_SUIT_TOTAL,
	GD_CLAIM_SUIT_CORRECTED
} gd_claim_kind;

typedef struct gd_claim
{
	int			line;			/* 1-based line of the input where the stated
								 * figure begins */
	gd_claim_kind kind;
	int			group;			/* GD_GROUP_* for group claims, row index
								 * (GD_ROW_*) for ROW_COUNT, else -1 */
	int64_t		stated;			/* counts; for percentages the printed value
								 * in units of 10^-decimals */
	int			decimals;		/* percentages: digits after the point as
								 * printed (33.2% → 332, 1); counts: 0 */
	char		stated_text[32];	/* as printed, normalised: "617", "31.74%"
									 * (cut to 28 characters and "...") */
	bool		unreadable;		/* its figure has more than 15 digits, or a
								 * percentage more than MAX_DECIMALS after
								 * the point: stated is 0, and the claim is
								 * UNCONFIRMED, saying so */
	char		phrase[200];	/* the normalised phrase it came from, keyword
								 * to figure; UTF-8-safe truncation */
} gd_claim;

/*
 * Find claims in text, in the order their figures appear; returns how many
 * were found, of which the first max are written to out (out may be NULL
 * when max is 0).  Reads exactly len bytes, whatever they are: NUL, invalid
 * or truncated UTF-8 are read as '?'.
 */
extern size_t gd_find_claims(const char *text, size_t len, gd_claim *out, size_t max);

typedef enum gd_claim_status
{
	GD_CLAIM_AGREES,
	GD_CLAIM_DIFFERS,
	GD_CLAIM_UNCONFIRMED		/* the cells it needs are NULL (or the whole
								 * is 0): neither agrees nor differs */
} gd_claim_status;

typedef struct gd_claim_check
{
	gd_claim_status status;

	/*
	 * Counts: the table value.  Percentages: the exact value rounded half-up
	 * to the printed precision, in the claim's units (10^-decimals), so that
	 * computed == stated exactly when half_up agrees; the other methods'
	 * figures are in computed_text.  0 (computed_text "NULL") when the cells
	 * it needs are not known.
	 */
	int64_t		computed;

	/*
	 * "482"; for percentages the exact value (two more decimals than printed,
	 * "…" when it goes on) and each method's figure, "33.195…% (33.2 half_up,
	 * 33.2 largest_remainder, 33.2 plug_last)", "?" for a figure that cannot
	 * be computed; "NULL" when the table value is unknown.
	 */
	char		computed_text[96];

	/* percentages: 1u << gd_round_method for each method that agrees */
	unsigned	methods;

	/*
	 * Readable on its own, with the Chinese labels: the line, the phrase, the
	 * stated figure, the cells and what they give (or which are not known).
	 */
	char		message[600];
} gd_claim_check;

/* Check one claim against a report's cells (claims of any origin: a kind or
 * group out of range is UNCONFIRMED). */
extern void gd_check_claim(const gd_claim *c, const gd_report *r, gd_claim_check *out);

/*
 * Which rounding method(s) all the percentage claims of a report agree with,
 * as a bitmask of 1u << gd_round_method (0 when none agrees with all).
 * UNCONFIRMED percentages are left out; 0 when no percentage is left.
 */
extern unsigned gd_claims_rounding_methods(const gd_claim *claims, size_t n,
										   const gd_report *r);

/* "received", "group_percent", …; NULL for a value out of range. */
extern const char *gd_claim_kind_name(gd_claim_kind k);

#endif							/* GD_NARRATIVE_H */
