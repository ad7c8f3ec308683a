/*
 * gd_share.h — percentages with exact integer arithmetic (docs/domain.md §7).
 *
 * Plain C, no postgres.h.
 */
#ifndef GD_SHARE_H
#define GD_SHARE_H

#include "gd_rules.h"

/* Longest text gd_share_format writes for a given scale, with its NUL. */
#define GD_SHARE_BUFLEN(scale) ((size_t) (scale) + 32)
#define GD_SHARE_MAX_SCALE 1000

/*
 * 100 * part / whole rounded half away from zero (half-up for the
 * non-negative values of a valid report) to scale decimals, as text such as
 * "31.74" or "-0.50".  Returns false, writing nothing, when whole is 0.
 * buf must hold GD_SHARE_BUFLEN(scale) bytes; 0 <= scale <= GD_SHARE_MAX_SCALE.
 */
extern bool gd_share_format(int64_t part, int64_t whole, int scale, char *buf);

typedef enum gd_round_method
{
	GD_ROUND_HALF_UP,
	GD_ROUND_LARGEST_REMAINDER,
	GD_ROUND_PLUG_LAST,
	GD_NMETHODS
} gd_round_method;

extern const char *const gd_round_method_names[GD_NMETHODS];

/* -1 when the name is not a method. */
extern int	gd_round_method_by_name(const char *name);

/* The five outcome groups of a report's section 三, with the whole. */
typedef struct gd_outcomes
{
	int64_t		count[GD_NGROUPS];
	bool		count_known[GD_NGROUPS];
	int64_t		whole;
	bool		whole_known;
} gd_outcomes;

/*
 * Group counts from the total column (a NULL total falls back to the sum of
 * its six applicant cells); the whole is handled_total.total as printed, else
 * the sum of the five groups.
 */
extern void gd_outcome_counts(const gd_report *r, gd_outcomes *o);

/*
 * Percentages of the groups in hundredths of a percent (3174 = 31.74%).
 * known[g] is false for a group whose percent is NULL: its count is unknown,
 * or the whole is unknown or 0; largest_remainder and plug_last need every
 * count and give all NULL otherwise.
 */
extern void gd_outcome_shares(const gd_outcomes *o, gd_round_method m,
							  int64_t hundredths[GD_NGROUPS], bool known[GD_NGROUPS]);

/*
 * Percentages at any precision, for the narrative's printed figures too
 * (gd_narrative.h): exact, in a signed 128-bit integer, which holds
 * 100 × 10^d × the sum of five int64 counts for every
 * d <= GD_SHARE_MAX_DECIMALS (5 × 2^63 × 10^18 < 2^127), so no figure
 * below overflows, whatever the counts.
 */
__extension__ typedef __int128 gd_i128;

#define GD_SHARE_MAX_DECIMALS 16

/*
 * 100 × part / whole in units of 10^-decimals percent, rounded half away
 * from zero: gd_share_units(153, 482, 2) = 3174 (31.74%), (1, 16, 1) = 63,
 * (-1, 16, 1) = -63.  whole must not be 0; decimals is clamped to
 * [0, GD_SHARE_MAX_DECIMALS].
 */
extern gd_i128 gd_share_units(int64_t part, int64_t whole, int decimals);

/*
 * The five groups' percentages under method m (docs/domain.md §7.3) at `decimals`
 * decimals, in units of 10^-decimals percent; gd_outcome_shares is this at
 * 2 decimals.
 *   half_up            each group as gd_share_units;
 *   largest_remainder  each truncated toward zero, then the units still
 *                      missing to 100% handed out one each to the largest
 *                      remainders, earlier groups first on ties (a
 *                      consistent matrix sums to exactly 100%);
 *   plug_last          the first four as gd_share_units, the last 100%
 *                      minus their sum.
 * Every count and the whole must be known and the whole not 0: the figures
 * are meaningless otherwise (all 0 for a whole of 0), so check first.
 */
extern void gd_share_method_units(const gd_outcomes *o, gd_round_method m, int decimals,
								  gd_i128 units[GD_NGROUPS]);

/* One method's figure for a printed percentage (gd_share_printed_methods). */
typedef struct gd_share_figure
{
	bool		known;			/* false: it cannot be computed */
	int			decimals;		/* the precision it is computed at */
	gd_i128		units;			/* in units of 10^-decimals percent */
} gd_share_figure;

/*
 * Which methods give a percentage printed for group g with `decimals`
 * decimals (stated = its printed digits: 33.2% is 332 at 1 decimal), as a
 * bitmask of 1u << gd_round_method; fig[m] gets each method's figure:
 *   half_up            100 × count / whole rounded half away from zero at
 *                      `decimals` decimals equals stated, i.e. the exact
 *                      value lies in the rounding interval
 *                      [stated − ½, stated + ½) × 10^-decimals;
 *   largest_remainder, plug_last
 *                      gd_share_method_units at p = min(decimals, 2)
 *                      decimals, times 10^(decimals − p), equals stated: so
 *                      33.2% is compared with the one-decimal figures (which
 *                      sum to 100.0), and digits printed beyond the second
 *                      must be zeros (31.740% is 31.74).
 * half_up needs the group's count and the whole; the other two need every
 * count.  A figure that cannot be computed is not known and agrees with
 * nothing; none is known when the whole is unknown or 0, or g or decimals
 * is out of range (0 <= decimals <= GD_SHARE_MAX_DECIMALS).
 */
extern unsigned gd_share_printed_methods(const gd_outcomes *o, int g, int64_t stated,
										 int decimals, gd_share_figure fig[GD_NMETHODS]);

/* The disclosure rate as text with two decimals; false when NULL. */
extern bool gd_disclosure_rate(const gd_report *r, char *buf);

/* Hundredths as text: 3174 -> "31.74", -5 -> "-0.05".  buf >= 32 bytes. */
extern void gd_format_hundredths(int64_t h, char *buf);

#endif							/* GD_SHARE_H */
