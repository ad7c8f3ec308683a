/*
 * gd_rules.h — a report's cells and the rules that bind them (docs/domain.md §6).
 *
 * Plain C, no postgres.h: unit-tested and fuzzed on its own.
 */
#ifndef GD_RULES_H
#define GD_RULES_H

#include "gd_model.h"

typedef enum gd_template
{
	GD_TMPL_INFER = 0,			/* decide from the matrix (docs/domain.md §2.3) */
	GD_TMPL_2021,
	GD_TMPL_2019
} gd_template;

/*
 * A report's cells.  A section whose cells are all NULL, or that was not
 * given at all (present = false), is an absent section.  Amounts are not
 * kept as numbers: v holds their sign (-1 for a negative or non-finite
 * amount), and text the amount as printed when it is not valid, which is all
 * the rules and messages need.  Text cells (a unit) are only NULL or not.
 *
 * Counts lie within the int32 range, as the SQL types and the parser give
 * them: the rules and shares add up to 25 cells in 64 bits, which cannot
 * overflow then (and could with arbitrary int64 values).
 */
typedef struct gd_report
{
	gd_template tmpl;
	bool		present[GD_NSECTIONS];
	int64_t		v[GD_NCELLS];
	bool		isnull[GD_NCELLS];
	const char *text[GD_NCELLS];
} gd_report;

/* Initialise to "every section present, every cell NULL". */
extern void gd_report_init(gd_report *r, gd_template tmpl);

typedef struct gd_violation
{
	int			rule;			/* GD_RULE_* */
	gd_section_id section;		/* or GD_SEC_META */
	int			item;			/* row / item / block; -1 for none */
	int			col;			/* cell within the item; -1 for none */
	bool		has_expected;
	bool		has_actual;
	int64_t		expected;
	int64_t		actual;
	const char *actual_text;	/* the printed amount, for an amount cell */
	int			other_year;		/* continuity: the year compared with */
	uint32_t	null_mask;		/* missing: which cells of the item are NULL */
	int64_t		parts[4];		/* balance: 一, 二, 三(七), 四; docs: prev, issued, repealed */
	const char *note;			/* unknown_agency, ambiguous_agency: what the name fits (gd_agency_note) */
} gd_violation;

typedef void (*gd_emit_fn) (void *ctx, const gd_violation *v);

/* The template the request rules use: the report's own, or inferred. */
extern gd_template gd_effective_template(const gd_report *r);

/* Is a section absent (not given, or every cell NULL)? */
extern bool gd_section_absent(const gd_report *r, gd_section_id s);

/* Does a section belong to a template? */
extern bool gd_section_in_template(gd_section_id s, gd_template t);

/*
 * Does an item (a row of 三, an item of 二, a block of 四) belong to a
 * template?  The 2019 template has neither 三(六)1 nor 三(六)2 (its 三(六) is
 * other_other).  An item outside the report's template still counts when it
 * is printed (docs/domain.md §6.4).
 */
extern bool gd_item_in_template(gd_section_id s, int item, gd_template t);

/*
 * Evaluate every rule of one section, or of all three, calling emit for each
 * violation in section order 二, 三, 四.  Returns the number of
 * error-severity violations.  emit may be NULL to only count.
 */
extern int	gd_check_section(const gd_report *r, gd_section_id s,
							 gd_emit_fn emit, void *ctx);
extern int	gd_check(const gd_report *r, gd_emit_fn emit, void *ctx);

/* The sections for which holds[] is true, in print order. */
extern int	gd_check_sections(const gd_report *r, const bool holds[GD_NSECTIONS],
							  gd_emit_fn emit, void *ctx);

/*
 * The report is the second of its agency for year: a duplicate violation
 * (the trigger finds the first; the core cannot).
 */
extern void gd_duplicate_violation(int year, gd_violation *v);

/*
 * The report's agency name is unknown or ambiguous (docs/domain.md §12): a
 * violation of its column agency, with note the text of gd_agency_note (the
 * trigger resolves names; the core cannot).
 */
extern void gd_agency_violation(int rule, const char *note, gd_violation *v);

/*
 * Is year a reporting year, from GD_FIRST_YEAR to last_year (next year: the
 * caller knows today's date, the core does not)?  When not, *v is its year
 * violation.
 */
extern bool gd_year_violation(int64_t year, int last_year, gd_violation *v);

/*
 * The rules between two reports of one agency: cur is year Y, prev is Y-1
 * (prev_year).  Violations are located in cur.  Both are warnings.
 */
extern void gd_check_continuity(const gd_report *cur, const gd_report *prev,
								int prev_year, gd_emit_fn emit, void *ctx);

/*
 * A message readable on its own, with codes and Chinese labels, into buf
 * (always NUL-terminated, truncated to len).  Returns the length it needed.
 */
extern size_t gd_format_violation(const gd_violation *v, char *buf, size_t len);

/* Labels of a violation's location; NULL where it has none. */
extern const char *gd_violation_section_code(const gd_violation *v);
extern const char *gd_violation_row_code(const gd_violation *v);
extern const char *gd_violation_column_code(const gd_violation *v);

/*
 * A violation in no section of the tables but in the report's own columns:
 * section GD_SEC_META, item -1, and col the GD_META_* column it concerns
 * (unknown_region: region_code), or -1 for the report as a whole
 * (duplicate: its agency and year).  Its section code reads "report".
 */
#define GD_SEC_META GD_NSECTIONS

/*
 * Regions (docs/domain.md §11).  A region code (行政区划代码) is six ASCII
 * digits; gd_region_code_parse gives its value, false for anything else.
 */
extern bool gd_region_code_parse(const char *s, size_t len, int32_t *out);

/* Region codes, ascending, each once. */
typedef struct gd_region_set
{
	const int32_t *codes;
	size_t		n;
} gd_region_set;

extern bool gd_region_known(const gd_region_set *s, int32_t code);

/*
 * unknown_region: a well-formed code (len bytes at code) that is not in s.
 * A code that is not six digits is not looked up: govdisclose.report's
 * CHECK constraint refuses it.
 */
extern void gd_check_region(const char *code, size_t len, const gd_region_set *s,
							gd_emit_fn emit, void *ctx);

/*
 * A row's total for shares: the printed total, else the sum of the six
 * applicant columns when all are printed.  Returns false when unknown.
 */
extern bool gd_row_total(const gd_report *r, int row, int64_t *out);

#endif							/* GD_RULES_H */
