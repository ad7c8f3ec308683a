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

/* The disclosure rate as text with two decimals; false when NULL. */
extern bool gd_disclosure_rate(const gd_report *r, char *buf);

/* Hundredths as text: 3174 -> "31.74", -5 -> "-0.05".  buf >= 32 bytes. */
extern void gd_format_hundredths(int64_t h, char *buf);

#endif							/* GD_SHARE_H */
