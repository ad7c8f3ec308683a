/*
 * gd_pg.h — the PostgreSQL side of govdisclose: converting composites and
 * table rows into the core's gd_report, and violations into SQL values.
 */
#ifndef GD_PG_H
#define GD_PG_H

#include "postgres.h"

#include "access/htup_details.h"
#include "access/tupdesc.h"
#include "fmgr.h"
#include "nodes/pg_list.h"
#include "utils/relcache.h"
#include "utils/snapshot.h"
#include "executor/tuptable.h"
#include "datatype/timestamp.h"

#include "gd_rules.h"

/* govdisclose.on_violation */
typedef enum gd_on_violation
{
	GD_ON_ERROR,
	GD_ON_WARNING,
	GD_ON_QUARANTINE
} gd_on_violation;

extern int	gd_on_violation_mode;
/* govdisclose.agency_index_memory, in kB (pg_agency.c) */
extern int	gd_agency_index_memory_kb;

/* The OIDs of the extension's types, looked up by name. */
typedef struct gd_types
{
	Oid			schema;
	Oid			section[GD_NSECTIONS];
	Oid			violation;
	Oid			report;			/* rowtype of govdisclose.report */
	Oid			report_rel;
} gd_types;

/* fn_oid: any function of the extension (the caller's own). */
extern void gd_lookup_types(gd_types *t, Oid fn_oid);

/* How the attributes of a cellset composite (applicant_counts, ...) map. */
typedef struct gd_cellset_layout
{
	Oid			typid;
	TupleDesc	desc;
	int			att_of_cell[GD_NCOLS];	/* 0-based attribute of each cell, -1 none */
	Datum	   *values;			/* scratch for deforming, desc->natts long */
	bool	   *nulls;
} gd_cellset_layout;

/* How the attributes of a section composite (request_matrix, ...) map. */
typedef struct gd_section_layout
{
	gd_section_id sec;
	Oid			typid;
	TupleDesc	desc;
	int			att_of_item[GD_NROWS];	/* -1 when the type lacks the item */
	gd_cellset_layout *cs_of_item[GD_NROWS];	/* NULL for scalar items */
	Datum	   *values;			/* scratch for deforming, desc->natts long */
	bool	   *nulls;
} gd_section_layout;

/* Build in mcxt; the section is found from the type's attributes. */
extern gd_section_layout *gd_section_layout_for(Oid typid, gd_section_id sec,
												MemoryContext mcxt);

/*
 * The section a composite argument (possibly NULL) of a function belongs
 * to, with its layout: cached in fn_extra, per argument type.
 */
typedef struct gd_section_arg_cache
{
	Oid			typid;
	gd_section_id sec;
	gd_section_layout *layout;
} gd_section_arg_cache;
extern gd_section_arg_cache *gd_section_arg(FunctionCallInfo fcinfo, int argno);

/* Fill r's cells of layout->sec from a composite Datum (not NULL). */
extern void gd_fill_section(gd_section_layout *l, Datum d, gd_report *r);

/*
 * Call visit(ctx, cell, type, value) for every non-NULL cell of a section
 * composite (not NULL), in the section's order; cell is the flat index
 * (gd_cells()), type the field's SQL type (int2, int4, numeric, text).
 */
typedef void (*gd_cell_visitor) (void *ctx, int cell, Oid typ, Datum value);
extern void gd_walk_section(gd_section_layout *l, Datum d, gd_cell_visitor visit, void *ctx);

/* Deform a composite Datum of the type desc describes. */
extern void gd_deform_composite(Datum d, TupleDesc desc, Datum *values, bool *nulls);

/*
 * Form a section composite, asking get(ctx, cell, &datum) for each cell
 * (false: NULL); an item with no printed cell is NULL, and so is a section
 * (*isnull).  The Datum must be of the cell's SQL type (int4, numeric, text).
 */
typedef struct gd_rowmap gd_rowmap;
typedef bool (*gd_cell_getter) (void *ctx, int cell, Datum *out);
extern Datum gd_form_section(const gd_section_layout *l, gd_cell_getter get, void *ctx,
							 bool *isnull);

/* A getter over a row's deformed values (the rowmap says where each cell is). */
typedef struct gd_row_values
{
	const gd_rowmap *map;
	const Datum *values;
	const bool *nulls;
} gd_row_values;
extern bool gd_row_cell(void *ctx, int cell, Datum *out);

/* What a column of a table (or a field of a row type) holds. */
typedef enum gd_att_kind
{
	GD_ATT_IGNORE,
	GD_ATT_CELL,
	GD_ATT_SECTION,
	GD_ATT_AGENCY,
	GD_ATT_YEAR,
	GD_ATT_TEMPLATE,
	GD_ATT_REGION,
	GD_ATT_AGENCY_ID
} gd_att_kind;

struct gd_rowmap
{
	Oid			relid;			/* InvalidOid for a row type */
	TupleDesc	desc;			/* the descriptor it was built for */
	int			natts;
	uint8	   *kind;			/* gd_att_kind per attribute */
	int16	   *index;			/* cell or section index per attribute */
	Oid		   *typid;			/* attribute type */
	int			cell_att[GD_NCELLS];	/* attribute of each flat cell, -1 */
	int			nint4;			/* the int4 flat cells, for the fast path */
	int16		int4_att[GD_NCELLS];
	int16		int4_cell[GD_NCELLS];
	int			nother;			/* the other flat cells (int2, numeric, text) */
	int16		other_att[GD_NCELLS];
	int16		other_cell[GD_NCELLS];
	gd_section_layout *section_layout[GD_NSECTIONS];	/* composite columns */
	int			section_att[GD_NSECTIONS];
	bool		holds[GD_NSECTIONS];	/* the row holds this section */
	bool		holds_any;
	int			agency_att;
	int			year_att;
	int			template_att;
	int			region_att;		/* region_code (text), -1 */
	int			agency_id_att;	/* agency_id (int4), -1 */
	Datum	   *values;			/* scratch for deforming */
	bool	   *nulls;
};

/* A copy of a descriptor in mcxt (no constraints, no defaults). */
extern TupleDesc gd_desc_copy(TupleDesc d, MemoryContext mcxt);

/* The same of a composite type's (typmod -1) descriptor. */
extern TupleDesc gd_rowtype_desc_copy(Oid typid, MemoryContext mcxt);

/* Map a descriptor; errors on columns that cannot hold what they are named. */
extern gd_rowmap *gd_rowmap_build(TupleDesc desc, Oid relid, const gd_types *t,
								  MemoryContext mcxt);

/* Deformed values of a row described by m into a report. */
extern void gd_rowmap_fill(const gd_rowmap *m, const Datum *values,
						   const bool *nulls, gd_report *r);

/*
 * unknown_region for a deformed row (m->values, m->nulls): its region_code
 * looked up in the codes of schema's govdisclose.region (pg_region.c), read
 * once per backend and again after the table changes.  Nothing when the
 * row has no region_code or schema no region table.
 */
extern void gd_check_row_region(const gd_rowmap *m, Oid schema, gd_emit_fn emit, void *ctx);

/* The same agency's reports of the year before and the year after. */
typedef struct gd_neighbours
{
	bool		has_prev;
	bool		has_next;
	bool		has_same;		/* another report of the same year (unique key only) */
	gd_report	prev;
	gd_report	next;
} gd_neighbours;

/*
 * The one finder of neighbouring years (pg_neighbors.c), for the trigger
 * (for_write) and validate(report): rel's rows, described by m, found
 * through rel's btree index on (agency_id, year, ...), else on (agency,
 * year, ...).  NULL when rel has no such index.
 */
typedef struct gd_neighbour_finder gd_neighbour_finder;
extern gd_neighbour_finder *gd_neighbour_finder_create(Relation rel, const gd_rowmap *m,
														bool for_write, MemoryContext mcxt);

/*
 * The neighbours of agency's report for year, in one scan: the year before,
 * and for the trigger the year after and whether another report of the same
 * year exists (when the index is unique on its two columns).  agency is
 * the key the index begins with (gd_neighbour_finder_key_att).  The trigger's
 * finder serialises the writes of one agency and sees what concurrent
 * transactions wrote (see pg_neighbors.c); validate(report)'s reads with the
 * active snapshot.  The row at skip (an UPDATE's own old version), if not
 * NULL, is passed over.
 */
extern void gd_neighbours_find(gd_neighbour_finder *f, Relation rel, Datum agency,
							   int32 year, ItemPointer skip, gd_neighbours *out);

/*
 * Let go of the agency lock the last row's probe took (pg_neighbors.c),
 * before waiting for something another loader may hold.
 */
extern void gd_agency_lock_release(void);

/*
 * The lock of the agency registry (relid registry) that serialises
 * registrations (pg_agency.c): an advisory lock held to the end of the
 * transaction.
 */
extern void gd_registry_lock(Oid registry);

/* The name of the unique index on (key, year), or NULL. */
extern const char *gd_neighbour_finder_key(const gd_neighbour_finder *f);

/*
 * The attribute (of the finder's map) its index begins with: agency_id when
 * the table has an index on (agency_id, year, ...), else agency.
 */
extern int	gd_neighbour_finder_key_att(const gd_neighbour_finder *f);

/* Whether that attribute is agency_id (int4), not agency (text). */
extern bool gd_neighbour_finder_by_id(const gd_neighbour_finder *f);

/*
 * The cache of a function whose argument is a report row (any row type with
 * report columns): the rowmap of that type, built once per query in fn_extra.
 * gd_report_arg deforms the argument into map->values / map->nulls.
 */
typedef struct gd_report_cache
{
	Oid			typid;
	int32		typmod;
	gd_types	types;
	gd_rowmap  *map;
	gd_rowmap  *relmap;			/* validate: govdisclose.report's own, when typid is another row type */
	gd_section_layout *result;	/* accessors: layout of the result type */
	bool		finder_known;
	gd_neighbour_finder *finder;	/* validate(report): the year before */
} gd_report_cache;

extern gd_report_cache *gd_report_arg(FunctionCallInfo fcinfo, HeapTupleHeader th);

/* A HeapTupleData over a composite Datum, for heap_getattr and friends. */
extern void gd_composite_tuple(Datum d, HeapTupleData *tuple);

/* A growable array of violations with the report they refer to. */
typedef struct gd_vlist
{
	int			n;
	int			cap;
	gd_violation *v;
	int			errors;
} gd_vlist;

extern void gd_vlist_emit(void *ctx, const gd_violation *v);

/* The message of a violation, palloc'd. */
extern char *gd_violation_message(const gd_violation *v);

/* Values of the violation composite (8 fields). */
extern void gd_violation_values(const gd_violation *v, Datum *values, bool *nulls);

/* A Datum of numeric from an int64. */
extern Datum gd_int64_numeric(int64 x);

/* Report identity for messages: "report of \"X\" for 2024" or "row of table". */
extern char *gd_row_identity(const gd_rowmap *m, Relation rel);

/*
 * Quarantine (pg_quarantine.c): the path into govdisclose.rejected, made
 * once per statement in mcxt; gd_quarantine stores the row tuple of rel,
 * whose deformed values are in m->values / m->nulls, with its violations;
 * op is "INSERT" or "UPDATE".
 */
typedef struct gd_quarantine_path gd_quarantine_path;
extern gd_quarantine_path *gd_quarantine_path_create(const gd_types *t, MemoryContext mcxt);
extern void gd_quarantine(gd_quarantine_path *q, Relation rel, HeapTuple tuple, const char *op,
						  const gd_rowmap *m, const gd_vlist *l);

/*
 * The enforcement policy (pg_policy.c): an error unless the current role may
 * use mode (a gd_on_violation) on rel.
 */
extern void gd_check_mode_allowed(const gd_types *t, Relation rel, int mode);

/*
 * How many times gd_stmt_count was called with c in the current statement,
 * this call included (1 the first time): to bound the messages of one
 * statement.  A statement is its start time and its snapshot's command id
 * (a statement of a function has its own).  A static gd_stmt_counter
 * starts zeroed.
 */
typedef struct gd_stmt_counter
{
	TimestampTz start;
	CommandId	cid;
	int			count;
} gd_stmt_counter;
extern int	gd_stmt_count(gd_stmt_counter *c);

/*
 * The part of the guard triggers of region and of the agency registry
 * (pg_region.c, pg_agency.c) they share: an error unless fcinfo is a
 * trigger call (name: the trigger function's, for the message); after a
 * statement, a relcache invalidation of the table (when invalidate: every
 * session reads it again); in the extension's own scripts, the row let
 * through.  True when that is all, with the trigger's result in *result.
 */
extern bool gd_guard_common(FunctionCallInfo fcinfo, const char *name, bool invalidate,
							Datum *result);

/* This backend's local transaction id (storage/proc.h), on PostgreSQL 13 to 18. */
#if PG_VERSION_NUM >= 170000
#define GD_MY_LXID (MyProc->vxid.lxid)
#else
#define GD_MY_LXID (MyProc->lxid)
#endif

/* Is this row one of the extension's: a column source holding 'gb2260'? */
extern bool gd_row_is_shipped(Relation rel, HeapTuple tuple);

/*
 * A loader's region (pg_policy.c): an error unless the region_code of the
 * row in m->values / m->nulls, and for an UPDATE of oldtuple (NULL for an
 * INSERT), starts with a region prefix of the current role.  *scope, NULL at
 * a statement's first row, caches the role's prefixes in mcxt.
 */
typedef struct gd_write_scope gd_write_scope;
extern void gd_check_write_scope(gd_write_scope **scope, const gd_types *t, Relation rel,
								 const gd_rowmap *m, HeapTuple oldtuple, MemoryContext mcxt);

/*
 * The extension's internal function schema.name(argtypes) (quarantine_row,
 * register_agency: SECURITY DEFINER, EXECUTE granted to no one), looked up
 * into fn in mcxt, for the C code to call through fmgr; an error when the
 * installed SQL objects lack it (what: the detail, what it is for).
 */
extern void gd_internal_function(Oid schema, const char *name, int nargs, const Oid *argtypes,
								 const char *what, FmgrInfo *fn, MemoryContext mcxt);

/* The 0-based attribute of rel's column name; an error when it is missing. */
extern int	gd_column_of(Relation rel, const char *name);

/* Materialized SRF set-up, the same on PostgreSQL 13 to 18. */
struct Tuplestorestate;
extern struct Tuplestorestate *gd_srf_init(FunctionCallInfo fcinfo, TupleDesc *desc);

/*
 * Agency identity (pg_agency.c, docs/domain.md §12).  For a row of a table
 * with agency (text) and agency_id (int4) columns, deformed in m->values and
 * m->nulls: the agency_id the name denotes, resolved in the registry of
 * t->schema (govdisclose.agency) and set in the row — a name nobody
 * registered is registered, with an unknown_agency warning; an ambiguous
 * one gets an ambiguous_agency error and no agency_id; a given agency_id
 * must be one the name denotes (else an error).  old is an UPDATE's old
 * row, or NULL.  Returns the row to store: tuple, or a new one.
 */
extern HeapTuple gd_agency_resolve_row(const gd_types *t, Relation rel, HeapTuple tuple,
									   HeapTuple old, gd_rowmap *m, gd_vlist *l);

/*
 * The key to find the neighbours of a row (described by m) with through
 * finder f: its agency, or its agency_id — the row's own, or the one its
 * name denotes when it has none (never registering).  False when it has none.
 */
extern bool gd_agency_row_key(const gd_types *t, const gd_neighbour_finder *f,
							  const gd_rowmap *m, Datum *key);

/* The canonical name of agency id, for messages; NULL when unknown. */
extern const char *gd_agency_display(const gd_types *t, int32 id);

#endif							/* GD_PG_H */
