/*
 * pg_neighbors.c — the same agency's reports of the years around a given
 * one: one finder, used by the trigger and by validate(report).  A finder
 * probes the table's index on (agency, year) — no SPI, no planner, a few
 * microseconds — or, for a statement writing into a table that was empty
 * when it began, looks in that statement's own rows kept in memory.  The
 * continuity rules (docs/domain.md §6.5) compare a report with its neighbours.
 */
#include "gd_pg.h"

#include "access/genam.h"
#include "access/relscan.h"
#include "access/stratnum.h"
#include "access/table.h"
#include "access/tableam.h"
#include "catalog/pg_am.h"
#include "catalog/pg_index.h"
#include "executor/tuptable.h"
#include "storage/bufmgr.h"
#include "storage/lockdefs.h"
#include "common/hashfn.h"
#include "utils/builtins.h"
#include "utils/fmgroids.h"
#include "utils/hsearch.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"

/*
 * The rows a statement writes into a table that was empty when it began:
 * their neighbours can only be rows of the same statement, so they are kept
 * here, with the cells the continuity rules read, instead of probing the
 * index for every row of a bulk load.
 */
static const int continuity_cells[] = {
	GD_REQ_CELL(GD_ROW_CARRIED_OVER, 0), GD_REQ_CELL(GD_ROW_CARRIED_OVER, 1),
	GD_REQ_CELL(GD_ROW_CARRIED_OVER, 2), GD_REQ_CELL(GD_ROW_CARRIED_OVER, 3),
	GD_REQ_CELL(GD_ROW_CARRIED_OVER, 4), GD_REQ_CELL(GD_ROW_CARRIED_OVER, 5),
	GD_REQ_CELL(GD_ROW_CARRIED_OVER, 6),
	GD_REQ_CELL(GD_ROW_CARRIED_FORWARD, 0), GD_REQ_CELL(GD_ROW_CARRIED_FORWARD, 1),
	GD_REQ_CELL(GD_ROW_CARRIED_FORWARD, 2), GD_REQ_CELL(GD_ROW_CARRIED_FORWARD, 3),
	GD_REQ_CELL(GD_ROW_CARRIED_FORWARD, 4), GD_REQ_CELL(GD_ROW_CARRIED_FORWARD, 5),
	GD_REQ_CELL(GD_ROW_CARRIED_FORWARD, 6),
	GD_PRO_DOC(GD_PITEM_RULES, GD_DOC_ISSUED), GD_PRO_DOC(GD_PITEM_RULES, GD_DOC_REPEALED),
	GD_PRO_DOC(GD_PITEM_RULES, GD_DOC_IN_FORCE),
	GD_PRO_DOC(GD_PITEM_NORMATIVE_DOCUMENTS, GD_DOC_ISSUED),
	GD_PRO_DOC(GD_PITEM_NORMATIVE_DOCUMENTS, GD_DOC_REPEALED),
	GD_PRO_DOC(GD_PITEM_NORMATIVE_DOCUMENTS, GD_DOC_IN_FORCE),
};
#define GD_NCONTINUITY lengthof(continuity_cells)
#define GD_NCONTINUITY_MAX 20
StaticAssertDecl(lengthof(continuity_cells) == GD_NCONTINUITY_MAX,
				 "continuity_cells and GD_NCONTINUITY_MAX disagree");

/* past this many rows, a statement goes back to probing the index */
#define GD_WRITTEN_MAX 1000000

typedef struct written_year
{
	int32		year;
	int64		v[GD_NCONTINUITY_MAX];
	bool		isnull[GD_NCONTINUITY_MAX];
} written_year;

/* one entry per agency: the years this statement wrote for it */
typedef struct written_agency
{
	const char *agency;			/* first: the hash key */
	int			n;
	int			cap;
	written_year *years;
} written_agency;

static uint32
written_hash(const void *key, Size keysize)
{
	const char *agency = *(const char *const *) key;

	return hash_bytes((const unsigned char *) agency, (int) strlen(agency));
}

static int
written_match(const void *a, const void *b, Size keysize)
{
	return strcmp(*(const char *const *) a, *(const char *const *) b);
}

struct gd_neighbour_finder
{
	const gd_rowmap *map;
	Oid			year_index;		/* index on (agency, year, ...) */
	char	   *key_name;		/* its name when it is unique on (agency, year) */
	int			key_att;		/* the attribute it begins with: agency_id, else agency */
	TupleTableSlot *slot;		/* for the neighbouring years' rows */
	HTAB	   *written;		/* see written_agency; NULL: probe the index */
	long		nwritten;
	MemoryContext mcxt;
};

/* A btree index on (key_att, year, ...), or InvalidOid. */
static Oid
year_index_on(Relation rel, const gd_rowmap *m, int key_att, bool *unique)
{
	List	   *indexes;
	ListCell   *lc;
	Oid			found = InvalidOid;

	*unique = false;
	if (key_att < 0 || m->year_att < 0)
		return InvalidOid;
	indexes = RelationGetIndexList(rel);
	foreach(lc, indexes)
	{
		Relation	idx = index_open(lfirst_oid(lc), AccessShareLock);
		Form_pg_index ix = idx->rd_index;

		if (idx->rd_rel->relam == BTREE_AM_OID && ix->indisvalid &&
			ix->indnkeyatts >= 2 &&
			ix->indkey.values[0] == key_att + 1 &&
			ix->indkey.values[1] == m->year_att + 1 &&
			heap_attisnull(idx->rd_indextuple, Anum_pg_index_indpred, NULL) &&
			heap_attisnull(idx->rd_indextuple, Anum_pg_index_indexprs, NULL))
		{
			found = RelationGetRelid(idx);
			*unique = ix->indisunique && ix->indnkeyatts == 2;
		}
		index_close(idx, NoLock);	/* keep the lock to the end of the transaction */
		if (OidIsValid(found))
			break;
	}
	list_free(indexes);
	return found;
}

static TupleTableSlot *
neighbour_slot(Relation rel, MemoryContext mcxt)
{
	MemoryContext old = MemoryContextSwitchTo(mcxt);
	TupleTableSlot *slot = MakeSingleTupleTableSlot(CreateTupleDescCopyConstr(RelationGetDescr(rel)),
													table_slot_callbacks(rel));

	MemoryContextSwitchTo(old);
	return slot;
}

/*
 * The agency's index: on (agency_id, year), where the table identifies
 * agencies (docs/domain.md §12), else on (agency, year); its key in *key_att.
 */
static Oid
year_index(Relation rel, const gd_rowmap *m, bool *unique, int *key_att)
{
	Oid			idx = year_index_on(rel, m, m->agency_id_att, unique);

	*key_att = m->agency_id_att;
	if (!OidIsValid(idx))
	{
		idx = year_index_on(rel, m, m->agency_att, unique);
		*key_att = m->agency_att;
	}
	return idx;
}

/* The key as a string, for the rows kept in memory. */
static char *
key_string(const gd_neighbour_finder *f, Datum key)
{
	return f->key_att == f->map->agency_id_att ? psprintf("%d", DatumGetInt32(key))
		: TextDatumGetCString(key);
}

/* One index scan over years Y-1..Y (or Y+1 with want_next). */
static void
probe(Relation rel, Oid indexoid, const gd_rowmap *m, bool by_id,
	  TupleTableSlot *slot, Datum agency, int32 year,
	  bool want_next, Snapshot snapshot, ItemPointer skip,
	  gd_neighbours *out)
{
	Relation	idx;
	IndexScanDesc scan;
	ScanKeyData keys[3];

	idx = index_open(indexoid, AccessShareLock);
	ScanKeyInit(&keys[0], 1, BTEqualStrategyNumber, by_id ? F_INT4EQ : F_TEXTEQ, agency);
	keys[0].sk_collation = idx->rd_indcollation[0];
	ScanKeyInit(&keys[1], 2, BTGreaterEqualStrategyNumber, F_INT4GE, Int32GetDatum(year - 1));
	ScanKeyInit(&keys[2], 2, BTLessEqualStrategyNumber, F_INT4LE,
				Int32GetDatum(want_next ? year + 1 : year));
#if PG_VERSION_NUM >= 180000
	scan = index_beginscan(rel, idx, snapshot, NULL, 3, 0);
#else
	scan = index_beginscan(rel, idx, snapshot, 3, 0);
#endif
	index_rescan(scan, keys, 3, NULL, 0);
	while (index_getnext_slot(scan, ForwardScanDirection, slot))
	{
		int32		y;

		/* an UPDATE's own old version is not another report */
		if (skip && ItemPointerEquals(&slot->tts_tid, skip))
			continue;
		slot_getallattrs(slot);
		if (slot->tts_isnull[m->year_att])
			continue;
		y = DatumGetInt32(slot->tts_values[m->year_att]);
		if (y == year - 1)
		{
			gd_rowmap_fill(m, slot->tts_values, slot->tts_isnull, &out->prev);
			out->has_prev = true;
		}
		else if (y == year + 1)
		{
			gd_rowmap_fill(m, slot->tts_values, slot->tts_isnull, &out->next);
			out->has_next = true;
		}
		else if (y == year)
			out->has_same = true;
	}
	index_endscan(scan);
	ExecClearTuple(slot);
	index_close(idx, NoLock);
}

/* A report holding only the continuity cells of a written row. */
static void
report_of_written(const written_year *w, gd_report *r)
{
	gd_report_init(r, GD_TMPL_INFER);
	for (size_t i = 0; i < GD_NCONTINUITY; i++)
	{
		r->v[continuity_cells[i]] = w->v[i];
		r->isnull[continuity_cells[i]] = w->isnull[i];
	}
}

/*
 * One hash lookup per row: find the agency's years written so far, and take
 * the year before and the year after as neighbours.
 */
static void
find_written(gd_neighbour_finder *c, gd_neighbours *n, const char *agency, int32 year)
{
	written_agency *w = hash_search(c->written, &agency, HASH_FIND, NULL);

	if (w == NULL)
		return;
	for (int i = 0; i < w->n; i++)
	{
		if (w->years[i].year == year - 1)
		{
			report_of_written(&w->years[i], &n->prev);
			n->has_prev = true;
		}
		else if (w->years[i].year == year + 1)
		{
			report_of_written(&w->years[i], &n->next);
			n->has_next = true;
		}
		else if (w->years[i].year == year)
			n->has_same = c->key_name != NULL;
	}
}

void
gd_neighbours_remember(gd_neighbour_finder *c, Datum agency_datum, int32 year,
					   const gd_report *r)
{
	char	   *agency;
	written_agency *w;
	written_year *y = NULL;
	bool		found;

	if (c == NULL || c->written == NULL)
		return;
	if (c->nwritten >= GD_WRITTEN_MAX)
	{
		/* the rows written so far are in the table: probe from now on */
		hash_destroy(c->written);
		c->written = NULL;
		return;
	}
	agency = key_string(c, agency_datum);
	w = hash_search(c->written, &agency, HASH_ENTER, &found);
	if (!found)
	{
		w->agency = MemoryContextStrdup(c->mcxt, agency);
		w->n = 0;
		w->cap = 2;
		w->years = MemoryContextAlloc(c->mcxt, sizeof(written_year) * w->cap);
	}
	for (int i = 0; i < w->n; i++)
		if (w->years[i].year == year)
			y = &w->years[i];	/* written twice: the key check refuses it */
	if (y == NULL)
	{
		if (w->n == w->cap)
		{
			w->cap *= 2;
			w->years = repalloc(w->years, sizeof(written_year) * w->cap);
		}
		y = &w->years[w->n++];
		c->nwritten++;
	}
	y->year = year;
	for (size_t i = 0; i < GD_NCONTINUITY; i++)
	{
		y->v[i] = r->v[continuity_cells[i]];
		y->isnull[i] = r->isnull[continuity_cells[i]];
	}
}


gd_neighbour_finder *
gd_neighbour_finder_create(Relation rel, const gd_rowmap *m, bool remember,
						   MemoryContext mcxt)
{
	bool		unique;
	int			key_att;
	Oid			idx = year_index(rel, m, &unique, &key_att);
	gd_neighbour_finder *f;

	if (!OidIsValid(idx))
		return NULL;
	f = MemoryContextAllocZero(mcxt, sizeof(gd_neighbour_finder));
	f->map = m;
	f->year_index = idx;
	f->key_att = key_att;
	if (unique)
		f->key_name = MemoryContextStrdup(mcxt, get_rel_name(idx));
	f->slot = neighbour_slot(rel, mcxt);
	f->mcxt = mcxt;
	if (remember && RelationGetNumberOfBlocks(rel) == 0)
	{
		HASHCTL		ctl;

		ctl.keysize = sizeof(const char *);
		ctl.entrysize = sizeof(written_agency);
		ctl.hash = written_hash;
		ctl.match = written_match;
		ctl.hcxt = mcxt;
		f->written = hash_create("govdisclose rows of this statement", 1024, &ctl,
								 HASH_ELEM | HASH_FUNCTION | HASH_COMPARE | HASH_CONTEXT);
	}
	return f;
}

void
gd_neighbours_find(gd_neighbour_finder *f, Relation rel, Datum agency, int32 year,
				   bool want_next, Snapshot snapshot, ItemPointer skip,
				   gd_neighbours *out)
{
	out->has_prev = out->has_next = out->has_same = false;
	if (year == PG_INT32_MIN || year == PG_INT32_MAX)
		return;
	if (f->written)
		find_written(f, out, key_string(f, agency), year);
	else
		probe(rel, f->year_index, f->map, f->key_att == f->map->agency_id_att, f->slot, agency, year, want_next,
			  snapshot, skip, out);
	if (f->key_name == NULL)
		out->has_same = false;	/* the table allows it */
}

const char *
gd_neighbour_finder_key(const gd_neighbour_finder *f)
{
	return f->key_name;
}

int
gd_neighbour_finder_key_att(const gd_neighbour_finder *f)
{
	return f->key_att;
}
