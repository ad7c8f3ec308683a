/*
 * gd_agency.h — agency identity (docs/domain.md §12): which registered agency
 * a name printed on a report denotes.
 *
 * An index holds the administrative divisions (govdisclose.region), the
 * registered agencies with their canonical names and aliases
 * (govdisclose.agency, agency_alias) and the merges between them
 * (agency_merge).  A name is looked up by its *key*:
 *
 *   1. the name is folded as the report readers fold text (gd_fold: full-width
 *      forms, compatibility ideographs, traditional characters), and every
 *      space is dropped;
 *   2. the divisions it begins with are read off, each a descendant of the one
 *      before (江苏省淮安市洪泽区…, 淮安市洪泽区…, 洪泽区…): the last one read
 *      is the division the name is about; a division name that several
 *      divisions bear (鼓楼区: four cities have one) leaves several, which the
 *      report's region code may narrow down;
 *   3. the key is that division's code and the rest of the name, where a rest
 *      of "", 政府 or 人民政府 is the division's government (人民政府): so
 *      「淮安市洪泽区人民政府」, 「洪泽区人民政府」 and 「淮安市洪泽区」 have one key,
 *      320813|人民政府.  A name that begins with no division keys as itself,
 *      "|" and the folded name.
 *
 * A name denotes the agencies whose canonical name or an alias has one of its
 * keys, each taken to the agency it was merged into, and kept when its region
 * agrees with the report's (equal, or one a division of the other; either
 * unknown agrees).  One is the answer; none is an unknown name; several, or a
 * name whose division is still several after the region code, is ambiguous:
 * never settled by guessing.
 *
 * Plain C, no postgres.h.  Memory comes from the allocator given at
 * creation and is never freed one piece at a time: the owner drops the
 * whole index (a PostgreSQL memory context, a test's arena).
 */
#ifndef GD_AGENCY_H
#define GD_AGENCY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * alloc(ctx, n): n bytes, aligned for any type; never NULL (it fails
 * loudly).  release(ctx, p), which may be NULL: a large block alloc gave,
 * no longer used (a hash table outgrown).
 */
typedef void *(*gd_agency_alloc_fn) (void *ctx, size_t n);
typedef void (*gd_agency_release_fn) (void *ctx, void *p);

typedef struct gd_agency_index gd_agency_index;

extern gd_agency_index *gd_agency_index_new(gd_agency_alloc_fn alloc, gd_agency_release_fn release,
											 void *ctx);

/* Room for about this many agencies and names (canonical and aliases), to come. */
extern void gd_agency_index_reserve(gd_agency_index *ix, int agencies, int names);

/*
 * A division of govdisclose.region: code (six digits) and name.  The
 * placeholders of GB/T 2260 (市辖区, 县, 省直辖县级行政区划,
 * 自治区直辖县级行政区划) name no place and are left out.  Add every
 * division before any agency: the keys of names depend on them.
 */
extern void gd_agency_add_division(gd_agency_index *ix, int32_t code, const char *name, size_t len);

/* An agency: its id (> 0), canonical name and region code (0: none). */
extern void gd_agency_add(gd_agency_index *ix, int32_t id, const char *name, size_t len,
						  int32_t region);

/* Another name of an agency added before (an alias). */
extern void gd_agency_add_alias(gd_agency_index *ix, int32_t id, const char *name, size_t len);

/* Agency from was merged into agency into: its names now denote into. */
extern void gd_agency_add_merge(gd_agency_index *ix, int32_t from, int32_t into);

extern bool gd_agency_exists(const gd_agency_index *ix, int32_t id);

/* The agency an id ends at, following merges (id itself when not merged). */
extern int32_t gd_agency_final(const gd_agency_index *ix, int32_t id);

/* The canonical name of an agency (NULL when unknown) and its region code (0). */
extern const char *gd_agency_name(const gd_agency_index *ix, int32_t id);
extern int32_t gd_agency_region(const gd_agency_index *ix, int32_t id);

/* A division's name qualified by the divisions above it (上海市金山区), or NULL. */
extern const char *gd_agency_division_name(const gd_agency_index *ix, int32_t code);

typedef enum gd_agency_status
{
	GD_AGENCY_RESOLVED,			/* exactly one agency: id */
	GD_AGENCY_UNKNOWN,			/* none: register one under key */
	GD_AGENCY_AMBIGUOUS			/* several: candidates, never guessed */
} gd_agency_status;

#define GD_AGENCY_MAX_CANDIDATES 8
#define GD_AGENCY_KEY_MAX 512

typedef struct gd_agency_match
{
	gd_agency_status status;
	int32_t		id;				/* RESOLVED: the agency (after merges) */
	/*
	 * AMBIGUOUS: the candidate agencies, or, when no registered agency
	 * fits but the name's division could be several (by_division), the
	 * divisions; ncandidates of them are listed, of total in all.
	 */
	bool		by_division;
	int			ncandidates;
	int			total;
	int32_t		candidates[GD_AGENCY_MAX_CANDIDATES];
	/*
	 * UNKNOWN: the key a new agency is registered under, and the region
	 * code it gets: the report's, else the one division its name names.
	 */
	char		key[GD_AGENCY_KEY_MAX];
	int32_t		region;
} gd_agency_match;

/*
 * The agency the name (len bytes of UTF-8) of a report of region code region
 * (0: none) denotes.
 */
extern void gd_agency_resolve(const gd_agency_index *ix, const char *name, size_t len,
							  int32_t region, gd_agency_match *out);

/*
 * Could the name denote agency id (after merges)?  True when id is among the
 * agencies the name fits, whatever the region: a report whose agency_id is
 * given must name that agency.
 */
extern bool gd_agency_denotes(const gd_agency_index *ix, const char *name, size_t len,
							  int32_t id);

/*
 * The keys a name is looked up under, at most max, each NUL-terminated in
 * GD_AGENCY_KEY_MAX bytes of keys: for another session's registrations,
 * which this index may not hold yet.  Returns how many.
 */
extern int	gd_agency_lookup_keys(const gd_agency_index *ix, const char *name, size_t len,
								  int32_t region, char (*keys)[GD_AGENCY_KEY_MAX], int max);

/*
 * The registered agencies whose names (canonical or alias, folded) are
 * nearest the name, at most max, nearest first: for the message of an
 * unknown name.  Those whose region agrees with region (when not 0) come
 * first; then the fewest of the name's characters missing, in order (an
 * abbreviation misses none); then the edit distance.  A name with fewer
 * than two characters in common is not near.  Returns how many.
 */
extern int	gd_agency_nearest(const gd_agency_index *ix, const char *name, size_t len,
							  int32_t region, int32_t *ids, int max);

/*
 * The note of a violation (unknown_agency, ambiguous_agency), into buf
 * (NUL-terminated, truncated to cap): the name as printed and, for an
 * unknown one, the nearest agencies of the index to a report of region
 * (searched only when search_nearest: it reads every name), for an
 * ambiguous one the candidates.  Returns the length it needed.
 */
extern size_t gd_agency_note(const gd_agency_index *ix, const char *name, size_t len,
							 int32_t region, const gd_agency_match *m, bool search_nearest,
							 char *buf, size_t cap);

/* How many agencies and names the index holds (for tests and messages). */
extern int	gd_agency_count(const gd_agency_index *ix);

#endif							/* GD_AGENCY_H */
