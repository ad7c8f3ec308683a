/*
 * pg_neighbors.c — the same agency's reports of the years around a given
 * one: one finder, used by the trigger and by validate(report).  A finder
 * probes the table's index on (agency_id, year), or on (agency, year) in a
 * table that does not identify agencies (docs/domain.md §12): no SPI, no
 * planner, a few microseconds.  The continuity rules (docs/domain.md §6.5) compare a report
 * with its neighbours; the trigger also learns from the same probe whether
 * the report is a duplicate.
 *
 * Writes of one agency are serialised (docs/SECURITY.md), so that two
 * sessions writing neighbouring years at once cannot both miss the other:
 * the trigger takes an advisory lock keyed by the table and the agency, then
 * probes with a dirty snapshot, which sees the rows other transactions have
 * written and not yet committed.  The lock need only cover the probe and the
 * insertion of the row (after which the row is in the index for the next
 * writer's dirty probe to see), so it is held from a row's probe until this
 * backend's next row or the end of its transaction: a backend holds at most
 * one such lock, and waits for one holding none, so these locks never
 * deadlock, and a COPY of a million agencies holds one lock, not a million
 * (a transaction-scoped lock per agency would exhaust the lock table after
 * some ten thousand).  A report of the same year that another transaction
 * has written but not committed is waited for (without the lock), so that
 * only a committed one is a duplicate.
 */
#include "gd_pg.h"

#include "access/genam.h"
#include "access/relscan.h"
#include "access/stratnum.h"
#include "access/table.h"
#include "access/tableam.h"
#include "access/xact.h"
#include "catalog/pg_am.h"
#include "catalog/pg_index.h"
#include "common/hashfn.h"
#include "executor/tuptable.h"
#include "miscadmin.h"
#include "storage/lmgr.h"
#include "storage/lock.h"
#include "storage/lockdefs.h"
#include "utils/builtins.h"
#include "utils/fmgroids.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"

struct gd_neighbour_finder
{
	const gd_rowmap *map;
	Oid			year_index;		/* index on (key_att, year, ...) */
	char	   *key_name;		/* its name when it is unique on (key_att, year) */
	int			key_att;		/* the attribute it begins with: agency_id, else agency */
	bool		by_id;			/* key_att is agency_id (int4), not agency (text) */
	bool		for_write;		/* the trigger's: serialised, dirty, Y-1..Y+1 */
	TupleTableSlot *slot;		/* for the neighbouring years' rows */
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

/* ---- the agency lock ---- */

/* field4 of our advisory locks (pg_advisory_lock uses 1 and 2) */
#define GD_LOCK_CLASS 0x4744
#define GD_LOCK_CLASS_REGISTRY 0x4745

static bool lock_held = false;
static LOCKTAG lock_tag;
static bool callback_registered = false;

void
gd_agency_lock_release(void)
{
	if (lock_held)
	{
		lock_held = false;
		LockRelease(&lock_tag, ExclusiveLock, true);
	}
}

static void
agency_lock_xact_callback(XactEvent event, void *arg)
{
	switch (event)
	{
		case XACT_EVENT_COMMIT:
		case XACT_EVENT_ABORT:
		case XACT_EVENT_PARALLEL_COMMIT:
		case XACT_EVENT_PARALLEL_ABORT:
		case XACT_EVENT_PREPARE:
			gd_agency_lock_release();
			break;
		default:
			break;
	}
}

/*
 * Hold the lock of rel's agency, and no other: agency is its agency_id (by_id)
 * or its name.
 */
static void
lock_agency(Relation rel, bool by_id, Datum agency)
{
	LOCKTAG		tag;
	uint32		key;

	if (by_id)
		key = (uint32) DatumGetInt32(agency);
	else
	{
		text	   *t = DatumGetTextPP(agency);

		key = hash_bytes((const unsigned char *) VARDATA_ANY(t), (int) VARSIZE_ANY_EXHDR(t));
	}
	SET_LOCKTAG_ADVISORY(tag, MyDatabaseId, RelationGetRelid(rel), key, GD_LOCK_CLASS);
	if (lock_held && memcmp(&tag, &lock_tag, sizeof(LOCKTAG)) == 0)
		return;
	gd_agency_lock_release();
	if (!callback_registered)
	{
		RegisterXactCallback(agency_lock_xact_callback, NULL);
		callback_registered = true;
	}
	(void) LockAcquire(&tag, ExclusiveLock, true, false);
	lock_tag = tag;
	lock_held = true;
}

void
gd_registry_lock(Oid registry)
{
	LOCKTAG		tag;

	SET_LOCKTAG_ADVISORY(tag, MyDatabaseId, registry, 0, GD_LOCK_CLASS_REGISTRY);
	(void) LockAcquire(&tag, ExclusiveLock, false, false);
}

/* ---- the probe ---- */

/*
 * One index scan over the agency's years Y-1 .. Y+1 for the trigger (Y-1
 * alone for validate()).  Returns the transaction to wait for when the dirty
 * snapshot shows a row of year Y that another transaction is writing (or
 * deleting), in a table where it would be a duplicate; else
 * InvalidTransactionId.  Only the rows of the years around Y are read whole.
 */
static TransactionId
probe(gd_neighbour_finder *f, Relation rel, Datum agency, int32 year,
	  Snapshot snapshot, ItemPointer skip, gd_neighbours *out)
{
	const gd_rowmap *m = f->map;
	TupleTableSlot *slot = f->slot;
	bool		want_same = f->for_write && f->key_name != NULL;
	Relation	idx;
	IndexScanDesc scan;
	ScanKeyData keys[3];
	TransactionId wait = InvalidTransactionId;

	idx = index_open(f->year_index, AccessShareLock);
	ScanKeyInit(&keys[0], 1, BTEqualStrategyNumber, f->by_id ? F_INT4EQ : F_TEXTEQ, agency);
	keys[0].sk_collation = idx->rd_indcollation[0];
	ScanKeyInit(&keys[1], 2, BTGreaterEqualStrategyNumber, F_INT4GE, Int32GetDatum(year - 1));
	ScanKeyInit(&keys[2], 2, BTLessEqualStrategyNumber, F_INT4LE,
				Int32GetDatum(f->for_write ? year + 1 : year - 1));
#if PG_VERSION_NUM >= 180000
	scan = index_beginscan(rel, idx, snapshot, NULL, 3, 0);
#else
	scan = index_beginscan(rel, idx, snapshot, 3, 0);
#endif
	index_rescan(scan, keys, 3, NULL, 0);
	while (index_getnext_slot(scan, ForwardScanDirection, slot))
	{
		bool		isnull;
		int32		y;

		/* an UPDATE's own old version is not another report */
		if (skip && ItemPointerEquals(&slot->tts_tid, skip))
			continue;
		y = DatumGetInt32(slot_getattr(slot, m->year_att + 1, &isnull));
		if (isnull)
			continue;
		if (y == year)
		{
			if (!want_same)
				continue;		/* the table allows it */
			/* a dirty snapshot says who is still writing it */
			if (snapshot->snapshot_type == SNAPSHOT_DIRTY &&
				(TransactionIdIsValid(snapshot->xmin) || TransactionIdIsValid(snapshot->xmax)))
				wait = TransactionIdIsValid(snapshot->xmin) ? snapshot->xmin : snapshot->xmax;
			else
				out->has_same = true;
			continue;
		}
		slot_getallattrs(slot);
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
	}
	index_endscan(scan);
	ExecClearTuple(slot);
	index_close(idx, NoLock);
	return wait;
}

gd_neighbour_finder *
gd_neighbour_finder_create(Relation rel, const gd_rowmap *m, bool for_write,
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
	f->by_id = key_att == m->agency_id_att;
	if (unique)
		f->key_name = MemoryContextStrdup(mcxt, get_rel_name(idx));
	f->for_write = for_write;
	f->slot = neighbour_slot(rel, mcxt);
	return f;
}

void
gd_neighbours_find(gd_neighbour_finder *f, Relation rel, Datum agency, int32 year,
				   ItemPointer skip, gd_neighbours *out)
{
	out->has_prev = out->has_next = out->has_same = false;
	if (year == PG_INT32_MIN || year == PG_INT32_MAX)
		return;
	if (!f->for_write)
	{
		probe(f, rel, agency, year, GetActiveSnapshot(), skip, out);
		return;
	}
	for (;;)
	{
		SnapshotData dirty;
		TransactionId wait;

		InitDirtySnapshot(dirty);
		lock_agency(rel, f->by_id, agency);
		wait = probe(f, rel, agency, year, &dirty, skip, out);
		if (!TransactionIdIsValid(wait))
			break;
		/* wait for the writer of the same report, without the lock */
		gd_agency_lock_release();
		XactLockTableWait(wait, NULL, NULL, XLTW_None);
		out->has_prev = out->has_next = out->has_same = false;
	}
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

bool
gd_neighbour_finder_by_id(const gd_neighbour_finder *f)
{
	return f->by_id;
}
