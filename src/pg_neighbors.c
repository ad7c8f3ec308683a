/*
 * pg_neighbors.c — the same agency's report of another year, fetched by
 * an index probe on (agency, year): no SPI, no planner, a few microseconds.
 * The continuity rules (SPEC §5) compare a report with its neighbours.
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
#include "utils/datum.h"
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
		index_close(idx, AccessShareLock);
		if (OidIsValid(found))
			break;
	}
	list_free(indexes);
	return found;
}

bool
gd_fetch_year(Relation rel, Oid indexoid, Datum agency, int32 year,
			  Snapshot snapshot, Datum *values, bool *nulls)
{
	Relation	idx = index_open(indexoid, AccessShareLock);
	TupleTableSlot *slot = table_slot_create(rel, NULL);
	IndexScanDesc scan;
	ScanKeyData keys[2];
	bool		found;

	ScanKeyInit(&keys[0], 1, BTEqualStrategyNumber, F_TEXTEQ, agency);
	keys[0].sk_collation = idx->rd_indcollation[0];
	ScanKeyInit(&keys[1], 2, BTEqualStrategyNumber, F_INT4EQ, Int32GetDatum(year));
#if PG_VERSION_NUM >= 180000
	scan = index_beginscan(rel, idx, snapshot, NULL, 2, 0);
#else
	scan = index_beginscan(rel, idx, snapshot, 2, 0);
#endif
	index_rescan(scan, keys, 2, NULL, 0);
	found = index_getnext_slot(scan, ForwardScanDirection, slot);
	if (found)
	{
		slot_getallattrs(slot);
		memcpy(values, slot->tts_values, sizeof(Datum) * slot->tts_tupleDescriptor->natts);
		memcpy(nulls, slot->tts_isnull, sizeof(bool) * slot->tts_tupleDescriptor->natts);
	}
	index_endscan(scan);
	/* the values point into the slot's tuple: keep a copy before dropping it */
	if (found)
	{
		TupleDesc	d = RelationGetDescr(rel);

		for (int a = 0; a < d->natts; a++)
			if (!nulls[a] && !TupleDescAttr(d, a)->attbyval)
				values[a] = datumCopy(values[a], false, TupleDescAttr(d, a)->attlen);
	}
	ExecDropSingleTupleTableSlot(slot);
	index_close(idx, AccessShareLock);
	return found;
}
