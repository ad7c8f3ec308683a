/*
 * pg_neighbors.c — the same agency's report of another year, fetched by
 * an index probe on (agency, year): no SPI, no planner, a few microseconds.
 * The continuity rules (docs/domain.md §6.5) compare a report with its neighbours.
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
#include "storage/lockdefs.h"
#include "utils/fmgroids.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"

Oid
gd_year_index(Relation rel, const gd_rowmap *m)
{
	List	   *indexes;
	ListCell   *lc;
	Oid			found = InvalidOid;

	if (m->agency_att < 0 || m->year_att < 0)
		return InvalidOid;
	indexes = RelationGetIndexList(rel);
	foreach(lc, indexes)
	{
		Relation	idx = index_open(lfirst_oid(lc), AccessShareLock);
		Form_pg_index ix = idx->rd_index;

		if (idx->rd_rel->relam == BTREE_AM_OID && ix->indisvalid &&
			ix->indnkeyatts >= 2 &&
			ix->indkey.values[0] == m->agency_att + 1 &&
			ix->indkey.values[1] == m->year_att + 1 &&
			heap_attisnull(idx->rd_indextuple, Anum_pg_index_indpred, NULL) &&
			heap_attisnull(idx->rd_indextuple, Anum_pg_index_indexprs, NULL))
			found = RelationGetRelid(idx);
		index_close(idx, NoLock);	/* keep the lock to the end of the transaction */
		if (OidIsValid(found))
			break;
	}
	list_free(indexes);
	return found;
}

TupleTableSlot *
gd_neighbour_slot(Relation rel, MemoryContext mcxt)
{
	MemoryContext old = MemoryContextSwitchTo(mcxt);
	TupleTableSlot *slot = MakeSingleTupleTableSlot(CreateTupleDescCopyConstr(RelationGetDescr(rel)),
													table_slot_callbacks(rel));

	MemoryContextSwitchTo(old);
	return slot;
}

void
gd_find_neighbours(Relation rel, Oid indexoid, const gd_rowmap *m,
				   TupleTableSlot *slot, Datum agency, int32 year,
				   bool want_next, Snapshot snapshot, ItemPointer skip,
				   gd_neighbours *out)
{
	Relation	idx;
	IndexScanDesc scan;
	ScanKeyData keys[3];

	out->has_prev = out->has_next = false;
	if (year == PG_INT32_MIN || year == PG_INT32_MAX)
		return;
	idx = index_open(indexoid, AccessShareLock);
	ScanKeyInit(&keys[0], 1, BTEqualStrategyNumber, F_TEXTEQ, agency);
	keys[0].sk_collation = idx->rd_indcollation[0];
	ScanKeyInit(&keys[1], 2, BTGreaterEqualStrategyNumber, F_INT4GE, Int32GetDatum(year - 1));
	ScanKeyInit(&keys[2], 2, BTLessEqualStrategyNumber, F_INT4LE,
				Int32GetDatum(want_next ? year + 1 : year - 1));
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
	}
	index_endscan(scan);
	ExecClearTuple(slot);
	index_close(idx, NoLock);
}
