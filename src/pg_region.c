/*
 * pg_region.c — govdisclose.region, the dimension of administrative
 * divisions (docs/domain.md §11), as the trigger and validate(report) see it.
 *
 * The rule unknown_region looks a report's region_code up in the codes of
 * govdisclose.region, held by each backend as a sorted array (one binary
 * search a row; no SPI, no index probe).  The array is read from the table
 * with a heap scan the first time it is needed and again after the table
 * changed: the statement trigger on region (govdisclose.region_guard())
 * sends a relcache invalidation for it, which reaches every backend, this
 * one at its next command and the others at their next transaction, so a
 * division a user adds counts from the next statement on, in every session.
 *
 * The same trigger function keeps the rows of source 'gb2260' as the
 * extension script wrote them: pg_dump keeps only the user's rows (its
 * pg_extension_config_dump condition), so a change to a shipped row would
 * be lost by a dump and restore.  A user's row whose code is shipped is
 * skipped, so that a dump restores into a later release that ships it.
 */
#include "gd_pg.h"

#include "access/table.h"
#include "access/tableam.h"
#include "commands/extension.h"
#include "commands/trigger.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "storage/proc.h"
#include "utils/builtins.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"

/* ---- the backend's copy of the codes ---- */

static MemoryContext region_mcxt = NULL;
static gd_region_set region_codes;
static bool region_exists = false;
static Oid	region_schema = InvalidOid;
static Oid	region_relid = InvalidOid;
static uint64 region_inval_count = 1;	/* bumped by every invalidation that concerns us */
static uint64 region_loaded_at = 0;		/* region_inval_count when the copy was read */
/* read in parallel mode (with the query's snapshot): good for that transaction only */
static LocalTransactionId region_parallel_lxid = InvalidLocalTransactionId;

static void
region_inval_callback(Datum arg, Oid relid)
{
	/* while there is no table, any relation may be the one being created */
	if (relid == InvalidOid || relid == region_relid || !region_exists)
		region_inval_count++;
}

static int
cmp_int32(const void *a, const void *b)
{
	int32		x = *(const int32 *) a;
	int32		y = *(const int32 *) b;

	return x < y ? -1 : x > y;
}

/* Read the codes of schema's region table; region_exists false when it has none. */
static void
region_load(Oid schema)
{
	uint64		at = region_inval_count;
	Relation	rel;
	Snapshot	snap;
	TableScanDesc scan;
	TupleTableSlot *slot;
	AttrNumber	code_att;
	int32	   *codes;
	size_t		n = 0,
				cap = 4096;

	region_schema = schema;
	region_relid = get_relname_relid("region", schema);
	region_exists = OidIsValid(region_relid);
	region_codes.codes = NULL;
	region_codes.n = 0;
	MemoryContextReset(region_mcxt);
	if (!region_exists)
	{
		/* a 0.2.0 schema under this module: no region to check against */
		region_loaded_at = at;
		region_parallel_lxid = InvalidLocalTransactionId;
		return;
	}

	/* the lock processes pending invalidations; the snapshot comes after */
	rel = table_open(region_relid, AccessShareLock);
	code_att = (AttrNumber) (gd_column_of(rel, "code") + 1);

	/* a parallel query cannot take a new snapshot: use its own, for it alone */
	snap = RegisterSnapshot(IsInParallelMode() ? GetActiveSnapshot() : GetLatestSnapshot());
	codes = MemoryContextAlloc(region_mcxt, sizeof(int32) * cap);
	slot = table_slot_create(rel, NULL);
	scan = table_beginscan(rel, snap, 0, NULL);
	while (table_scan_getnextslot(scan, ForwardScanDirection, slot))
	{
		bool		isnull;
		Datum		d = slot_getattr(slot, code_att, &isnull);
		text	   *t;
		int32_t		v;

		if (isnull)
			continue;
		t = DatumGetTextPP(d);
		if (!gd_region_code_parse(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), &v))
			continue;			/* the table's CHECK keeps such codes out */
		if (n == cap)
		{
			cap *= 2;
			codes = repalloc(codes, sizeof(int32) * cap);
		}
		codes[n++] = v;
	}
	table_endscan(scan);
	ExecDropSingleTupleTableSlot(slot);
	UnregisterSnapshot(snap);
	table_close(rel, NoLock);	/* keep the lock to the end of the transaction */

	qsort(codes, n, sizeof(int32), cmp_int32);
	region_codes.codes = codes;
	region_codes.n = n;		/* the primary key keeps them distinct */
	region_loaded_at = at;
	region_parallel_lxid = IsInParallelMode() ? GD_MY_LXID : InvalidLocalTransactionId;
}

/* The codes of govdisclose.region in schema, or NULL when it has no such table. */
static const gd_region_set *
region_set(Oid schema)
{
	if (region_mcxt == NULL)
	{
		region_mcxt = AllocSetContextCreate(TopMemoryContext, "govdisclose region codes",
											ALLOCSET_SMALL_SIZES);
		CacheRegisterRelcacheCallback(region_inval_callback, (Datum) 0);
	}
	if (region_loaded_at != region_inval_count || region_schema != schema ||
		(region_parallel_lxid != InvalidLocalTransactionId && region_parallel_lxid != GD_MY_LXID))
		region_load(schema);
	return region_exists ? &region_codes : NULL;
}

void
gd_check_row_region(const gd_rowmap *m, Oid schema, gd_emit_fn emit, void *ctx)
{
	const gd_region_set *set;
	text	   *t;

	if (m->region_att < 0 || m->nulls[m->region_att])
		return;
	t = DatumGetTextPP(m->values[m->region_att]);
	if (VARSIZE_ANY_EXHDR(t) != 6 || (set = region_set(schema)) == NULL)
		return;
	gd_check_region(VARDATA_ANY(t), 6, set, emit, ctx);
}

/* ---- the trigger on govdisclose.region ---- */

/* Is this row one of the extension's (a column source holding 'gb2260')? */
bool
gd_row_is_shipped(Relation rel, HeapTuple tuple)
{
	TupleDesc	desc = RelationGetDescr(rel);

	for (int a = 0; a < desc->natts; a++)
		if (!TupleDescAttr(desc, a)->attisdropped &&
			strcmp(NameStr(TupleDescAttr(desc, a)->attname), "source") == 0)
		{
			bool		isnull;
			Datum		d = heap_getattr(tuple, a + 1, desc, &isnull);

			return !isnull && strcmp(TextDatumGetCString(d), "gb2260") == 0;
		}
	return false;
}

bool
gd_guard_common(FunctionCallInfo fcinfo, const char *name, bool invalidate, Datum *result)
{
	TriggerData *td = (TriggerData *) fcinfo->context;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("govdisclose.%s() must be called as a trigger", name)));
	/* after a statement that changed rows: every backend rereads the table */
	if (TRIGGER_FIRED_AFTER(td->tg_event) && TRIGGER_FIRED_FOR_STATEMENT(td->tg_event))
	{
		if (invalidate)
			CacheInvalidateRelcache(td->tg_relation);
		*result = PointerGetDatum(NULL);
		return true;
	}
	if (creating_extension)		/* the extension's own scripts write the shipped rows */
	{
		*result = PointerGetDatum(TRIGGER_FIRED_FOR_ROW(td->tg_event)
								  ? (TRIGGER_FIRED_BY_UPDATE(td->tg_event) ? td->tg_newtuple : td->tg_trigtuple)
								  : NULL);
		return true;
	}
	return false;
}

static char *
row_code(Relation rel, HeapTuple tuple)
{
	bool		isnull;
	Datum		d = heap_getattr(tuple, 1, RelationGetDescr(rel), &isnull);

	return isnull ? "NULL" : TextDatumGetCString(d);
}

/* Does rel hold a shipped row with this code?  (A user's INSERT: rare.) */
static bool
code_is_shipped(Relation rel, const char *code)
{
	Oid			argtypes[1] = {TEXTOID};
	Datum		args[1];
	bool		shipped;

	args[0] = CStringGetTextDatum(code);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	if (SPI_execute_with_args(psprintf("SELECT 1 FROM %s WHERE code = $1 AND source = 'gb2260'",
									   quote_qualified_identifier(get_namespace_name(RelationGetNamespace(rel)),
																  RelationGetRelationName(rel))),
							  1, argtypes, args, NULL, true, 1) != SPI_OK_SELECT)
		elog(ERROR, "SPI_execute_with_args failed");
	shipped = SPI_processed > 0;
	SPI_finish();
	return shipped;
}

PG_FUNCTION_INFO_V1(govdisclose_region_guard);
Datum
govdisclose_region_guard(PG_FUNCTION_ARGS)
{
	TriggerData *td = (TriggerData *) fcinfo->context;
	Relation	rel;
	HeapTuple	old = NULL,
				new = NULL;
	Datum		done;

	if (gd_guard_common(fcinfo, "region_guard", true, &done))
		return done;
	rel = td->tg_relation;

	if (TRIGGER_FIRED_BY_TRUNCATE(td->tg_event))
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("cannot truncate govdisclose.region"),
				 errdetail("Its rows of source 'gb2260' are the extension's."),
				 errhint("Delete the rows of source 'user' instead.")));
	if (!TRIGGER_FIRED_FOR_ROW(td->tg_event) || !TRIGGER_FIRED_BEFORE(td->tg_event))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("govdisclose.region_guard() must be fired BEFORE INSERT OR UPDATE OR DELETE FOR EACH ROW, BEFORE TRUNCATE, or AFTER INSERT OR UPDATE OR DELETE FOR EACH STATEMENT")));

	if (TRIGGER_FIRED_BY_INSERT(td->tg_event))
		new = td->tg_trigtuple;
	else if (TRIGGER_FIRED_BY_UPDATE(td->tg_event))
		old = td->tg_trigtuple, new = td->tg_newtuple;
	else
		old = td->tg_trigtuple;

	if (old && gd_row_is_shipped(rel, old))
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("division %s of govdisclose.region is GB/T 2260 data of the extension",
						row_code(rel, old)),
				 errdetail("Rows of source 'gb2260' are written by the extension's scripts only; pg_dump keeps the rows of source 'user'."),
				 errhint(TRIGGER_FIRED_BY_DELETE(td->tg_event)
						 ? "An abolished division stays: reports of earlier years name it."
						 : "Add a division the data lacks as a row of source 'user'.")));
	if (TRIGGER_FIRED_BY_INSERT(td->tg_event) && !gd_row_is_shipped(rel, new) &&
		code_is_shipped(rel, row_code(rel, new)))
	{
		ereport(NOTICE,
				(errmsg("division %s is in govdisclose.region already, shipped with the extension; the row is skipped",
						row_code(rel, new))));
		return PointerGetDatum(NULL);
	}
	if (new && gd_row_is_shipped(rel, new))
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("rows of source 'gb2260' of govdisclose.region are written by the extension's scripts only"),
				 errdetail("pg_dump keeps the rows of source 'user'."),
				 errhint("Add division %s with source 'user', the default.", row_code(rel, new))));
	return PointerGetDatum(new ? new : old);
}
