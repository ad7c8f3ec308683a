/*
 * gd_parse_int.h — what the files of the report text parser share: the
 * parse context, lines, cells, sections, and the helpers one file offers
 * the others.  Internal: only src/gd_parse*.c include it; the contract of
 * the parser is gd_parse.h.  Functions carry the gdp_ prefix so that no
 * symbol of the extension's library can meet one of the server's.
 *
 *   gd_parse_doc.c    the text: normalisation, the key view, diagnostics
 *                     and quotes, page furniture, the title, sections
 *   gd_parse_cells.c  cells: words and numbers, where labels begin, labels
 *                     printed with damage, cells printed run together
 *   gd_parse_runs.c   cells printed run together or as a stream, cut and
 *                     placed as the identities allow (gd_reassemble.h)
 *   gd_parse.c        sections 二, 三 and 四, and the entry points
 */
#ifndef GD_PARSE_INT_H
#define GD_PARSE_INT_H

#include "gd_parse.h"
#include "gd_reassemble.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct line_rec
{
	size_t		nstart,
				nend;			/* normalised text, without the line break */
	size_t		ostart,
				oend;			/* input bytes */
	size_t		kstart,
				kend;			/* key view */
	int			lineno;
	bool		ff;				/* held a form feed */
	bool		noise;			/* page furniture: skipped */
} line_rec;

typedef struct ctx
{
	const char *in;
	size_t		inlen;
	char	   *n;				/* normalised text, lines joined by '\n' */
	size_t		nlen;
	uint32_t   *n2o;			/* input offset of each byte of n; nlen + 1 */
	line_rec   *lines;
	int			nlines;
	char	   *k;				/* key view of the non-noise lines */
	size_t		klen;
	uint32_t   *k2n;			/* offset in n of each byte of k */
	int			title_li;		/* line index of the title; -1 */
	gd_parsed  *out;
	int			cap_diags;
	bool		oom;
	bool		run_together;	/* section 三's cells are printed without
								 * separators (crawler text): section 二's
								 * and 四's runs may be cut too */
} ctx;

typedef enum
{
	W_TEXT,						/* a word of text: skipped */
	W_VALUE,					/* a number */
	W_NA,						/* "/" or a dash: not applicable, NULL */
	W_NONE,						/* "无": not a number, NULL with a diagnostic */
	W_BAD,						/* digits that do not make a number */
	W_BLANK						/* an empty tab field between two cells */
} wkind;

#define NUMTEXT_MAX 48
#define RAW_MAX 32
#define UNIT_MAX 16

typedef struct slot
{
	wkind		kind;
	int			li;				/* line index */
	bool		is_int;			/* no decimal part */
	bool		overflow;		/* too many digits */
	int64_t		iv;				/* the value, when is_int && !overflow */
	bool		neg;
	bool		grouped;		/* printed with thousands separators */
	char		num[NUMTEXT_MAX];	/* "-1234.5": sign, digits, decimals */
	char		unit[UNIT_MAX]; /* "万元", "件", … or "" */
	char		raw[RAW_MAX];	/* the word as printed (normalised) */
} slot;

#define MAX_SLOTS 16

typedef struct region
{
	int			nslots;			/* cells seen; only MAX_SLOTS are kept */
	slot		s[MAX_SLOTS];
	int			lead_blank;		/* empty tab fields before the first cell on
								 * its line, when nothing else precedes it */
	int			last_li;		/* line index of the last cell; -1 */
	bool		tabbed;			/* its cells are tab-separated fields */
} region;

typedef struct span
{
	bool		found;
	bool		by_heading;
	int			li;				/* heading or anchor line index */
	size_t		k0,
				k1;				/* key view range */
} span;

enum
{
	SP_PRO,						/* 二 */
	SP_REQ,						/* 三 */
	SP_APP,						/* 四 */
	SP_FIVE,					/* 五 */
	SP_SIX,						/* 六 */
	NSPANS
};

typedef struct match
{
	bool		found;
	size_t		k0,
				k1;
} match;

#define MAX_BOUNDS 256			/* label boundaries kept per section */

#define RUN_MAX (MAX_SLOTS * (GD_RA_MAX_DIGITS + 1) + 1)


extern void gdp_utf8_fix_end(char *s);
extern bool gdp_key_char(uint32_t cp);
extern int gdp_line_of(const ctx *c, size_t n);
extern size_t gdp_k_to_n(const ctx *c, size_t kp);
extern size_t gdp_kend_to_n(const ctx *c, size_t k1);
extern size_t gdp_find_key(const ctx *c, const char *key, size_t k0, size_t k1);
extern size_t gdp_find_key_last(const ctx *c, const char *key, size_t k0, size_t k1);
extern void gdp_add_diag(ctx *c, int line, const char *section, const char *code,
						 const char *fmt,...)
#ifdef __GNUC__
			__attribute__((format(printf, 5, 6)))
#endif
			;
extern void gdp_quote_lines(const ctx *c, int li0, int li1, char *buf, size_t cap, size_t max);
extern bool gdp_is_digit(char ch);
extern bool gdp_eat_str(const char *s, size_t n, size_t *i, const char *lit);
extern bool gdp_normalise_input(ctx *c);
extern void gdp_find_title(ctx *c);
extern void gdp_mark_noise(ctx *c);
extern bool gdp_build_keys(ctx *c);
extern void gdp_find_sections(ctx *c, span *sp);
extern match gdp_match_keys(const ctx *c, const char *const *keys, int nkeys, size_t k0, size_t k1);
extern int gdp_match_line(const ctx *c, const match *m);
extern void gdp_quote_row(const ctx *c, int label_li, const region *r, char *q, size_t cap);
extern void gdp_tokenize(const ctx *c, size_t n0, size_t n1, region *r);
extern void gdp_describe_cells(const region *r, char *buf, size_t cap);
extern const char * gdp_count_problem(const slot *s);
extern size_t gdp_label_start(const ctx *c, size_t p, int num);
extern void gdp_add_key_bounds(const ctx *c, const char *key, size_t k0, size_t k1, size_t *bounds, int *nb);
extern size_t gdp_next_boundary(const size_t *b, int nb, size_t from, size_t dflt);
extern void gdp_cells_after(const ctx *c, const match *m, const size_t *bounds, int nb,
							size_t end, region *r);
extern bool gdp_fuzzy_req_label(const ctx *c, int row, size_t k0, size_t k1, match *m,
				char *printed, size_t pcap, int *pct);
extern int gdp_req_row_num(int row);
extern size_t gdp_region_run(const region *r, char *buf, size_t cap);
extern void gdp_describe_values(const int64_t *v, int n, char *buf, size_t cap);
extern bool gdp_cut_without_identity(ctx *c, const char *sec, const char *what, int label_li,
					 const char *run, size_t len, int ncells, int64_t *v);

/* Section 三 rows printed run together, and their candidates (gd_parse_runs.c). */
typedef struct req_runs
{
	bool		split[GD_NROWS];	/* to be cut by the identities */
	char		run[GD_NROWS][RUN_MAX];
	size_t		len[GD_NROWS];
	int64_t		cand[GD_NROWS][GD_RA_MAX_CANDS * GD_NCOLS];
	int64_t		fixed[GD_NROWS][GD_NCOLS];
} req_runs;

extern void gdp_req_row_name(int row, bool t2019, char *buf, size_t cap);
extern void gdp_reassemble_requests(ctx *c, req_runs *ra, const match *m, bool t2019);
extern int	gdp_stream_requests(ctx *c, const span *s, const match *m, const region *rg,
								bool maybe2019);
extern void gdp_cut_appeals(ctx *c, int li, const char *run, size_t len);

#endif							/* GD_PARSE_INT_H */
