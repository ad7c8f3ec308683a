/*
 * pg_agency.c — agency identity (docs/domain.md §12) as the trigger and
 * validate(report) see it: govdisclose.report.agency_id resolved from the
 * name as printed, through the registry govdisclose.agency, its aliases
 * (agency_alias) and merges (agency_merge).
 *
 * Each backend keeps the registry as a gd_agency_index (src/gd_agency.c),
 * read with heap scans of the three tables and govdisclose.region the first
 * time a name is resolved, and read again after any of them changed: their
 * statement trigger (agency_guard) sends a relcache invalidation, as
 * region_guard does for region (pg_region.c).  A name is then resolved
 * without SPI: a fold, a few hash lookups.
 *
 * Only a name the index does not know costs SQL: first a look for an agency
 * another session registered under the same key since this backend read the
 * registry (an index scan), then the registration itself, through the
 * internal SECURITY DEFINER function register_agency() (loaders have no
 * privilege on the registry), called through fmgr like quarantine_row().
 * Registrations are serialised by a lock held to the end of the
 * transaction (a concurrent load registering names waits for this one to
 * commit, then finds the agencies it registered by their keys).
 * The index holds the registered agencies (source seen) while it takes at
 * most govdisclose.agency_index_memory (80 MB: about 250,000 agencies).
 * Beyond, it is read again without them (agency_partial), and each name is
 * resolved with the registered agencies of its keys looked up first (an
 * index scan): a load of a million new agencies, or a registry of them,
 * keeps every backend's memory bounded, at the price of that look-up per
 * report.
 *
 * A registration adds the agency to this backend's index and sends no
 * invalidation (other sessions find it by its key, above); if its
 * transaction or subtransaction aborts, the index is read again.
 */
#include "gd_pg.h"
#include "gd_agency.h"

#include "access/genam.h"
#include "access/relscan.h"
#include "access/stratnum.h"
#include "access/table.h"
#include "access/tableam.h"
#include "access/xact.h"
#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "commands/extension.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "parser/parse_func.h"
#include "storage/lmgr.h"
#include "storage/proc.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/datum.h"
#include "utils/fmgroids.h"
#include "utils/hsearch.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"
#include "utils/syscache.h"
#include "utils/tuplestore.h"

/* ---- the backend's copy of the registry ---- */

static MemoryContext agency_mcxt = NULL;
static gd_agency_index *agency_ix = NULL;	/* NULL: the schema has no registry */
static Oid	agency_schema = InvalidOid;
static Oid	rel_agency = InvalidOid,
			rel_alias = InvalidOid,
			rel_merge = InvalidOid,
			rel_region = InvalidOid,
			rel_seen_key = InvalidOid;	/* agency_seen_key, for fetch_registered() */
/* agency's columns fetch_registered() reads, found at its first call after a read */
static int	att_seen_id = -1,
			att_seen_name = -1,
			att_seen_region = -1;
static uint64 agency_inval_count = 1;
static uint64 agency_loaded_at = 0;
static LocalTransactionId agency_parallel_lxid = InvalidLocalTransactionId;
/* this transaction registered agencies the index holds: read it again if it aborts */
static bool agency_registered_in_xact = false;
/* register_agency() is running: its statement sends no invalidation */
static bool agency_registering = false;

int			gd_agency_index_memory_kb = 80 * 1024;
/* the index holds no registered agency: each name looks them up by key */
static bool agency_partial = false;
/* the limit agency_partial was decided under */
static int	agency_partial_kb = 0;
/* what the index took when read (partial: without the registered agencies) */
static Size agency_loaded_bytes = 0;
/* what an agency of the registry takes in the index, about (docs/BENCHMARKS.md) */
#define GD_AGENCY_BYTES 330

static Size
agency_index_limit(void)
{
	return (Size) gd_agency_index_memory_kb * 1024;
}

/*
 * After agencies were added to the index: when it now takes more than the
 * limit — partial, when what was added since it was read takes more than
 * half the limit — read it again without the registered agencies (at the
 * next agency_index(), never in the middle of a row).  A partial index
 * thus grows by at most half the limit over its own size, and is read
 * again (shipped agencies: about 10 ms) once per half the limit's worth of
 * agencies looked up.
 */
static void
agency_note_growth(void)
{
	Size		now = MemoryContextMemAllocated(agency_mcxt, true);

	if (agency_partial ? now > agency_loaded_bytes + agency_index_limit() / 2 : now > agency_index_limit())
	{
		agency_partial = true;
		agency_partial_kb = gd_agency_index_memory_kb;
		agency_inval_count++;
	}
}

static void
agency_inval_callback(Datum arg, Oid relid)
{
	if (relid == InvalidOid || agency_ix == NULL || relid == rel_agency ||
		relid == rel_alias || relid == rel_merge || relid == rel_region)
		agency_inval_count++;
}

static void
agency_xact_callback(XactEvent event, void *arg)
{
	if (event == XACT_EVENT_ABORT || event == XACT_EVENT_PARALLEL_ABORT)
	{
		if (agency_registered_in_xact)
			agency_inval_count++;
		agency_registering = false;
	}
	if (event == XACT_EVENT_ABORT || event == XACT_EVENT_COMMIT ||
		event == XACT_EVENT_PARALLEL_ABORT || event == XACT_EVENT_PARALLEL_COMMIT ||
		event == XACT_EVENT_PREPARE)
		agency_registered_in_xact = false;
}

static void
agency_subxact_callback(SubXactEvent event, SubTransactionId sub, SubTransactionId parent, void *arg)
{
	if (event == SUBXACT_EVENT_ABORT_SUB)
	{
		if (agency_registered_in_xact)
			agency_inval_count++;
		agency_registering = false;
	}
}

static void *
agency_alloc(void *ctx, size_t n)
{
	return MemoryContextAllocHuge((MemoryContext) ctx, n);
}

static void
agency_release(void *ctx, void *p)
{
	pfree(p);
}

/* A table's rows as its statistics last counted them (0: never counted). */
static int
rows_of(Oid relid)
{
	Relation	rel = table_open(relid, AccessShareLock);
	double		n = rel->rd_rel->reltuples;

	table_close(rel, NoLock);
	return n > 0 && n < 1e9 ? (int) n : 0;
}

/* A region code column's value: the code, or 0 (NULL or not six digits). */
static int32
region_value(bool isnull, Datum d)
{
	text	   *t;
	int32_t		v;

	if (isnull)
		return 0;
	t = DatumGetTextPP(d);
	return gd_region_code_parse(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), &v) ? v : 0;
}

typedef enum scan_what
{
	SCAN_REGION, SCAN_AGENCY, SCAN_ALIAS, SCAN_MERGE
} scan_what;

/*
 * The registered agencies a partial index holds all the same: those an
 * alias or a merge names (curated rows, few), so that a merged agency
 * resolves to the one it was merged into and an alias to its agency, as
 * with the whole index.  NULL: no partial read under way.
 */
static HTAB *curated_ids = NULL;

static void
note_curated(int32 id)
{
	(void) hash_search(curated_ids, &id, HASH_ENTER, NULL);
}

static bool
is_curated(int32 id)
{
	return curated_ids != NULL && hash_search(curated_ids, &id, HASH_FIND, NULL) != NULL;
}

/* The ids the aliases and merges name, into curated_ids (in CurrentMemoryContext). */
static void
collect_curated(Snapshot snap)
{
	static const char *const cols[][2] = {{"agency_id", NULL}, {"from_id", "into_id"}};
	Oid			rels[2] = {rel_alias, rel_merge};
	HASHCTL		ctl;

	ctl.keysize = sizeof(int32);
	ctl.entrysize = sizeof(int32);
	ctl.hcxt = CurrentMemoryContext;
	curated_ids = hash_create("govdisclose curated agencies", 256, &ctl, HASH_ELEM | HASH_BLOBS | HASH_CONTEXT);
	for (int r = 0; r < 2; r++)
	{
		Relation	rel = table_open(rels[r], AccessShareLock);
		TupleTableSlot *slot = table_slot_create(rel, NULL);
		TableScanDesc scan = table_beginscan(rel, snap, 0, NULL);
		int			att[2];

		for (int i = 0; i < 2; i++)
			att[i] = cols[r][i] ? gd_column_of(rel, cols[r][i]) : -1;
		while (table_scan_getnextslot(scan, ForwardScanDirection, slot))
			for (int i = 0; i < 2; i++)
			{
				bool		isnull;
				Datum		d;

				if (att[i] < 0)
					continue;
				d = slot_getattr(slot, att[i] + 1, &isnull);
				if (!isnull)
					note_curated(DatumGetInt32(d));
			}
		table_endscan(scan);
		ExecDropSingleTupleTableSlot(slot);
		table_close(rel, NoLock);
	}
}

/*
 * Read one table of the registry into the index; without the registered
 * agencies when partial.  False when a full read outgrew the limit (the
 * index is then incomplete: read it again, partial).
 */
static bool
scan_into_index(Oid relid, scan_what what, Snapshot snap, bool partial)
{
	static const char *const cols[][4] = {
		{"code", "name", NULL, NULL}, {"id", "name", "region_code", "source"},
		{"agency_id", "name", NULL, NULL}, {"from_id", "into_id", NULL, NULL}
	};
	Relation	rel = table_open(relid, AccessShareLock);
	int			att[4];
	TupleTableSlot *slot = table_slot_create(rel, NULL);
	TableScanDesc scan;
	uint64		nread = 0;
	bool		fits = true;

	for (int i = 0; i < 4; i++)
		att[i] = cols[what][i] ? gd_column_of(rel, cols[what][i]) : -1;
	scan = table_beginscan(rel, snap, 0, NULL);
	while (table_scan_getnextslot(scan, ForwardScanDirection, slot))
	{
		Datum		v[4];
		bool		n[4] = {true, true, true, true};

		for (int i = 0; i < 4; i++)
			if (att[i] >= 0)
				v[i] = slot_getattr(slot, att[i] + 1, &n[i]);
		if (n[0] || n[1])
			continue;
		if (what == SCAN_AGENCY && !n[3])
		{
			text	   *source = DatumGetTextPP(v[3]);

			if (partial && VARSIZE_ANY_EXHDR(source) == 4 && memcmp(VARDATA_ANY(source), "seen", 4) == 0 &&
				!is_curated(DatumGetInt32(v[0])))
				continue;
			if (!partial && ++nread % 4096 == 0 &&
				MemoryContextMemAllocated(agency_mcxt, true) > agency_index_limit())
			{
				fits = false;
				break;
			}
		}
		switch (what)
		{
			case SCAN_REGION:
				{
					text	   *name = DatumGetTextPP(v[1]);
					int32		code = region_value(false, v[0]);

					if (code != 0)
						gd_agency_add_division(agency_ix, code, VARDATA_ANY(name), VARSIZE_ANY_EXHDR(name));
				}
				break;
			case SCAN_AGENCY:
				{
					text	   *name = DatumGetTextPP(v[1]);

					gd_agency_add(agency_ix, DatumGetInt32(v[0]), VARDATA_ANY(name), VARSIZE_ANY_EXHDR(name),
								  region_value(n[2], v[2]));
				}
				break;
			case SCAN_ALIAS:
				{
					text	   *name = DatumGetTextPP(v[1]);

					gd_agency_add_alias(agency_ix, DatumGetInt32(v[0]), VARDATA_ANY(name), VARSIZE_ANY_EXHDR(name));
				}
				break;
			case SCAN_MERGE:
				gd_agency_add_merge(agency_ix, DatumGetInt32(v[0]), DatumGetInt32(v[1]));
				break;
		}
	}
	table_endscan(scan);
	ExecDropSingleTupleTableSlot(slot);
	table_close(rel, NoLock);	/* keep the lock to the end of the transaction */
	return fits;
}

static void
agency_load(Oid schema)
{
	uint64		at = agency_inval_count;
	Snapshot	snap;
	MemoryContext old;
	/* partial under the same limit stays partial: the registry only grows */
	bool		partial = agency_partial && agency_partial_kb == gd_agency_index_memory_kb;

	agency_schema = schema;
	rel_agency = get_relname_relid("agency", schema);
	rel_alias = get_relname_relid("agency_alias", schema);
	rel_merge = get_relname_relid("agency_merge", schema);
	rel_region = get_relname_relid("region", schema);
	rel_seen_key = get_relname_relid("agency_seen_key", schema);
	att_seen_id = att_seen_name = att_seen_region = -1;
	MemoryContextReset(agency_mcxt);
	agency_ix = NULL;
	agency_loaded_at = 0;		/* until read whole */
	if (OidIsValid(rel_agency) && OidIsValid(rel_alias) && OidIsValid(rel_merge) && OidIsValid(rel_region))
	{
		/* the locks process pending invalidations; the snapshot comes after */
		LockRelationOid(rel_region, AccessShareLock);
		LockRelationOid(rel_agency, AccessShareLock);
		LockRelationOid(rel_alias, AccessShareLock);
		LockRelationOid(rel_merge, AccessShareLock);
		at = agency_inval_count;
		/*
		 * The statistics say when the registered agencies clearly cannot
		 * fit (they count dead rows too: only at twice the limit); else the
		 * read itself finds out.
		 */
		if (!partial && (Size) rows_of(rel_agency) * GD_AGENCY_BYTES > 2 * agency_index_limit())
			partial = true;
		/* a parallel query cannot take a new snapshot: use its own, for it alone */
		snap = RegisterSnapshot(IsInParallelMode() ? GetActiveSnapshot() : GetLatestSnapshot());
		PG_TRY();
		{
			for (;;)
			{
				MemoryContextReset(agency_mcxt);
				old = MemoryContextSwitchTo(agency_mcxt);
				agency_ix = gd_agency_index_new(agency_alloc, agency_release, agency_mcxt);
				MemoryContextSwitchTo(old);
				/*
				 * Sized at once from the statistics (no table outgrown and
				 * copied) when they say the whole registry fits.
				 */
				if (!partial && (Size) rows_of(rel_agency) * GD_AGENCY_BYTES <= agency_index_limit())
					gd_agency_index_reserve(agency_ix, rows_of(rel_agency) * 11 / 10,
											(rows_of(rel_agency) + rows_of(rel_alias)) * 11 / 10);
				curated_ids = NULL;
				if (partial)
				{
					old = MemoryContextSwitchTo(agency_mcxt);
					collect_curated(snap);
					MemoryContextSwitchTo(old);
				}
				scan_into_index(rel_region, SCAN_REGION, snap, partial);
				if (scan_into_index(rel_agency, SCAN_AGENCY, snap, partial))
					break;
				partial = true;	/* outgrew the limit: again, without the registered agencies */
			}
			scan_into_index(rel_alias, SCAN_ALIAS, snap, partial);
			scan_into_index(rel_merge, SCAN_MERGE, snap, partial);
		}
		PG_CATCH();
		{
			agency_ix = NULL;
			agency_loaded_at = 0;
			curated_ids = NULL;
			UnregisterSnapshot(snap);
			PG_RE_THROW();
		}
		PG_END_TRY();
		UnregisterSnapshot(snap);
		curated_ids = NULL;		/* in agency_mcxt: freed with the next read */
	}
	agency_partial = partial;
	agency_partial_kb = gd_agency_index_memory_kb;
	agency_loaded_bytes = agency_mcxt ? MemoryContextMemAllocated(agency_mcxt, true) : 0;
	agency_loaded_at = at;
	agency_parallel_lxid = IsInParallelMode() ? GD_MY_LXID : InvalidLocalTransactionId;
}

/* The registry of schema, read when it changed; NULL when the schema has none (0.2.0). */
static gd_agency_index *
agency_index(Oid schema)
{
	if (agency_mcxt == NULL)
	{
		agency_mcxt = AllocSetContextCreate(TopMemoryContext, "govdisclose agencies",
											ALLOCSET_DEFAULT_SIZES);
		CacheRegisterRelcacheCallback(agency_inval_callback, (Datum) 0);
		RegisterXactCallback(agency_xact_callback, NULL);
		RegisterSubXactCallback(agency_subxact_callback, NULL);
	}
	if (agency_loaded_at != agency_inval_count || agency_schema != schema ||
		(agency_parallel_lxid != InvalidLocalTransactionId && agency_parallel_lxid != GD_MY_LXID) ||
		agency_partial_kb != gd_agency_index_memory_kb)
		agency_load(schema);
	return agency_ix;
}

const char *
gd_agency_display(const gd_types *t, int32 id)
{
	gd_agency_index *ix = agency_index(t->schema);

	return ix ? gd_agency_name(ix, id) : NULL;
}

/* ---- what the index does not know yet: SQL ---- */

static char *
registry_name(Oid schema, const char *rel)
{
	return quote_qualified_identifier(get_namespace_name(schema), rel);
}

/*
 * Add the agencies a query (one parameter) returns to the index: id, name,
 * region_code.  Its plan is prepared once per backend (in *plan) and kept.
 */
static void
fetch_agencies(Oid schema, SPIPlanPtr *plan, const char *where, Oid argtype, Datum arg)
{
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	if (*plan == NULL)
	{
		char	   *sql = psprintf("SELECT id, name, region_code FROM %s WHERE %s",
								   registry_name(schema, "agency"), where);
		SPIPlanPtr	p = SPI_prepare(sql, 1, &argtype);

		if (p == NULL || SPI_keepplan(p) != 0)
			elog(ERROR, "SPI_prepare failed: %s", sql);
		*plan = p;
	}
	/*
	 * Not read-only: a new snapshot, which sees what other sessions committed
	 * since (a parallel query cannot take one: read-only there).
	 */
	if (SPI_execute_plan(*plan, &arg, NULL, IsInParallelMode(), 0) != SPI_OK_SELECT)
		elog(ERROR, "SPI_execute_plan failed");
	for (uint64 i = 0; i < SPI_processed; i++)
	{
		HeapTuple	tup = SPI_tuptable->vals[i];
		TupleDesc	d = SPI_tuptable->tupdesc;
		bool		n0,
					n1,
					n2;
		Datum		id = SPI_getbinval(tup, d, 1, &n0);
		Datum		name = SPI_getbinval(tup, d, 2, &n1);
		Datum		region = SPI_getbinval(tup, d, 3, &n2);

		if (!n0 && !n1 && !gd_agency_exists(agency_ix, DatumGetInt32(id)))
		{
			text	   *t = DatumGetTextPP(name);

			gd_agency_add(agency_ix, DatumGetInt32(id), VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t),
						  region_value(n2, region));
		}
	}
	SPI_finish();
	agency_note_growth();
}

/* the plan of fetch_agencies, for agency_schema */
static SPIPlanPtr plan_by_id = NULL;
static Oid	plans_schema = InvalidOid;

static void
forget_plans_of_other_schema(Oid schema)
{
	if (plans_schema == schema)
		return;
	if (plan_by_id)
		SPI_freeplan(plan_by_id);
	plan_by_id = NULL;
	plans_schema = schema;
}

/*
 * The registered agencies under the keys of a name that the index does not
 * hold — other sessions' registrations since it was read, or all of them
 * when it is partial — added to it.  A probe of agency_seen_key per key
 * (no SQL: this runs for every report when the index is partial), with a
 * new snapshot, which sees what other sessions committed since (a parallel
 * query cannot take one: its own there).
 */
static void
fetch_registered(Oid schema, const char *name, size_t len, int32 region)
{
	char		keys[GD_AGENCY_MAX_CANDIDATES * 4 + 1][GD_AGENCY_KEY_MAX];
	int			n = gd_agency_lookup_keys(agency_ix, name, len, region, keys, lengthof(keys));
	Relation	rel,
				idx;
	TupleTableSlot *slot;
	Snapshot	snap;

	if (n == 0)
		return;
	if (!OidIsValid(rel_seen_key))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("index %s.agency_seen_key does not exist", get_namespace_name(schema)),
				 errhint("Reinstall the extension.")));
	rel = table_open(rel_agency, AccessShareLock);
	idx = index_open(rel_seen_key, AccessShareLock);
	if (att_seen_id < 0)
	{
		att_seen_id = gd_column_of(rel, "id");
		att_seen_name = gd_column_of(rel, "name");
		att_seen_region = gd_column_of(rel, "region_code");
	}
	slot = table_slot_create(rel, NULL);
	snap = RegisterSnapshot(IsInParallelMode() ? GetActiveSnapshot() : GetLatestSnapshot());
	for (int k = 0; k < n; k++)
	{
		ScanKeyData key;
		IndexScanDesc scan;

		ScanKeyInit(&key, 1, BTEqualStrategyNumber, F_TEXTEQ, CStringGetTextDatum(keys[k]));
		key.sk_collation = idx->rd_indcollation[0];
#if PG_VERSION_NUM >= 180000
		scan = index_beginscan(rel, idx, snap, NULL, 1, 0);
#else
		scan = index_beginscan(rel, idx, snap, 1, 0);
#endif
		index_rescan(scan, &key, 1, NULL, 0);
		while (index_getnext_slot(scan, ForwardScanDirection, slot))
		{
			bool		n0,
						n1,
						n2;
			Datum		id = slot_getattr(slot, att_seen_id + 1, &n0);
			Datum		nm = slot_getattr(slot, att_seen_name + 1, &n1);
			Datum		rc = slot_getattr(slot, att_seen_region + 1, &n2);

			if (!n0 && !n1 && !gd_agency_exists(agency_ix, DatumGetInt32(id)))
			{
				text	   *t = DatumGetTextPP(nm);

				gd_agency_add(agency_ix, DatumGetInt32(id), VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t),
							  region_value(n2, rc));
			}
		}
		index_endscan(scan);
	}
	UnregisterSnapshot(snap);
	ExecDropSingleTupleTableSlot(slot);
	index_close(idx, NoLock);
	table_close(rel, NoLock);
	agency_note_growth();
}

/*
 * register_agency() as fmgr calls it, and the registering role's name:
 * looked up once, not for every new agency; again after any change to
 * pg_proc (an update of the extension replaces the function) or of schema.
 */
static MemoryContext register_cxt = NULL;
static FmgrInfo register_fn;
static Oid	register_schema = InvalidOid;
static Oid	register_user = InvalidOid;
static NameData register_by;

static void
register_fn_inval(Datum arg, int cacheid, uint32 hashvalue)
{
	register_schema = InvalidOid;
}

static FmgrInfo *
register_function(Oid schema)
{
	if (register_cxt == NULL)
	{
		register_cxt = AllocSetContextCreate(TopMemoryContext, "govdisclose register_agency",
											 ALLOCSET_SMALL_SIZES);
		CacheRegisterSyscacheCallback(PROCOID, register_fn_inval, (Datum) 0);
	}
	if (register_schema != schema)
	{
		Oid			argtypes[4] = {TEXTOID, TEXTOID, TEXTOID, NAMEOID};

		register_schema = InvalidOid;
		MemoryContextReset(register_cxt);
		gd_internal_function(schema, "register_agency", 4, argtypes,
							 "enforce() registers through it an agency a report names that nobody knew.",
							 &register_fn, register_cxt);
		register_schema = schema;
	}
	if (register_user != GetUserId())
	{
		namestrcpy(&register_by, GetUserNameFromId(GetUserId(), false));
		register_user = GetUserId();
	}
	return &register_fn;
}

/* Register a new agency through register_agency(); its id. */
static int32
register_agency(Oid schema, const char *name, size_t len, const gd_agency_match *m)
{
	LOCAL_FCINFO(fcinfo, 4);
	Datum		id;

	InitFunctionCallInfoData(*fcinfo, register_function(schema), 4, InvalidOid, NULL, NULL);
	fcinfo->args[0].value = PointerGetDatum(cstring_to_text_with_len(name, (int) len));
	fcinfo->args[0].isnull = false;
	fcinfo->args[1].isnull = m->region == 0;
	if (m->region != 0)
		fcinfo->args[1].value = CStringGetTextDatum(psprintf("%06d", m->region));
	fcinfo->args[2].value = CStringGetTextDatum(m->key);
	fcinfo->args[2].isnull = false;
	fcinfo->args[3].value = NameGetDatum(&register_by);
	fcinfo->args[3].isnull = false;

	/*
	 * Registrations are serialised, a transaction's from its first one to
	 * its end: two loads meeting the same new names in different orders
	 * would otherwise deadlock on the registry's key, each waiting for the
	 * other's uncommitted registration.  The last row's agency lock is let
	 * go first, so that a loader waiting here holds nothing another waits
	 * for.
	 */
	gd_agency_lock_release();
	gd_registry_lock(rel_agency);
	agency_registering = true;
	id = FunctionCallInvoke(fcinfo);
	agency_registering = false;
	if (fcinfo->isnull)
		elog(ERROR, "register_agency returned NULL");
	agency_registered_in_xact = true;
	gd_agency_add(agency_ix, DatumGetInt32(id), name, len, m->region);
	agency_note_growth();
	return DatumGetInt32(id);
}

/*
 * What a name denotes, as the whole registry says: the index, and the
 * registered agencies of the name's keys it does not hold — those other
 * sessions registered since it was read and, when it holds none
 * (agency_partial), all of them.
 */
static void
resolve_name(Oid schema, const char *name, size_t len, int32 region, gd_agency_match *match)
{
	if (agency_partial)
		fetch_registered(schema, name, len, region);
	gd_agency_resolve(agency_ix, name, len, region, match);
	if (match->status == GD_AGENCY_UNKNOWN && !agency_partial)
	{
		fetch_registered(schema, name, len, region);
		gd_agency_resolve(agency_ix, name, len, region, match);
	}
}

/* ---- the row ---- */

/*
 * At most this many unknown names of one statement get the nearest
 * registered agencies in their message: the search reads every name of
 * the registry (milliseconds), and a load of new agencies must not pay it
 * for each.  The trigger shows at most ten messages a statement anyway.
 */
#define GD_NEAREST_PER_STATEMENT 10

static bool
may_search_nearest(void)
{
	static gd_stmt_counter searches;

	return gd_stmt_count(&searches) <= GD_NEAREST_PER_STATEMENT;
}

static void
emit_agency_violation(gd_vlist *l, int rule, const char *name, size_t len, int32 region,
					  const gd_agency_match *m)
{
	gd_violation v;
	char		buf[1024];
	bool		nearest = m->status == GD_AGENCY_UNKNOWN && may_search_nearest();
	size_t		need = gd_agency_note(agency_ix, name, len, region, m, nearest, buf, sizeof(buf));
	char	   *note;

	/* written again only when it did not fit: the nearest names are a search of every name */
	if (need < sizeof(buf))
		note = pstrdup(buf);
	else
	{
		note = palloc(need + 1);
		gd_agency_note(agency_ix, name, len, region, m, nearest, note, need + 1);
	}
	gd_agency_violation(rule, note, &v);
	gd_vlist_emit(l, &v);
}

/* The agency_id given in a row must be one its name denotes. */
static int32
check_given(Oid schema, Relation rel, const gd_rowmap *m, const char *name, size_t len, int32 id)
{
	int32		final;
	gd_agency_match match;

	/* a partial index: the registered agencies the name could denote too */
	if (agency_partial)
		fetch_registered(schema, name, len,
						 m->region_att >= 0 ? region_value(m->nulls[m->region_att], m->values[m->region_att]) : 0);
	if (!gd_agency_exists(agency_ix, id))
	{
		forget_plans_of_other_schema(schema);
		fetch_agencies(schema, &plan_by_id, "id = $1", INT4OID, Int32GetDatum(id));
	}
	if (!gd_agency_exists(agency_ix, id))
		ereport(ERROR,
				(errcode(ERRCODE_FOREIGN_KEY_VIOLATION),
				 errmsg("agency_id %d of %s names no agency", id, gd_row_identity(m, rel)),
				 errdetail("govdisclose.agency has no agency %d.", id),
				 errhint("Leave agency_id blank: it is resolved from the name as printed.")));
	final = gd_agency_final(agency_ix, id);
	if (!gd_agency_denotes(agency_ix, name, len, final))
	{
		gd_agency_resolve(agency_ix, name, len, 0, &match);
		ereport(ERROR,
				(errcode(ERRCODE_FOREIGN_KEY_VIOLATION),
				 errmsg("agency_id %d of %s is not an agency its name denotes", id, gd_row_identity(m, rel)),
				 match.status == GD_AGENCY_RESOLVED
				 ? errdetail("Agency %d is \"%s\"; \"%.*s\" denotes agency %d, \"%s\".", final,
							 gd_agency_name(agency_ix, final), (int) len, name, match.id,
							 gd_agency_name(agency_ix, match.id))
				 : errdetail("Agency %d is \"%s\"; \"%.*s\" is none of its names.", final,
							 gd_agency_name(agency_ix, final), (int) len, name),
				 errhint("Leave agency_id blank to have it resolved from the name (a file from another database "
						 "carries that database's ids), or add the name to agency %d with govdisclose.add_alias().",
						 final)));
	}
	return final;
}

/*
 * The row with its agency_id set (m->values and m->nulls too).  In the common
 * case — a row loaded with agency_id blank, agency_id the table's last column,
 * as in govdisclose.report — the value is appended to a copy of the tuple:
 * the same bytes heap_form_tuple would write for the data, but without
 * re-forming 229 columns (which cost more than resolving the name; bench
 * a0/a6).  The null bitmap keeps its length and loses the column's bit.
 */
static HeapTuple
with_agency_id(TupleDesc desc, HeapTuple tuple, gd_rowmap *m, int32 id)
{
	int			aid = m->agency_id_att;
	HeapTupleHeader old = tuple->t_data;
	Form_pg_attribute att = TupleDescAttr(desc, aid);
	HeapTuple	newtuple;

	m->values[aid] = Int32GetDatum(id);
	m->nulls[aid] = false;
	if (aid == desc->natts - 1 && HeapTupleHeaderGetNatts(old) == desc->natts &&
		HeapTupleHasNulls(tuple) && att_isnull(aid, old->t_bits) &&
		att->attlen == sizeof(int32) && att->attbyval && att->attalign == TYPALIGN_INT)
	{
		uint32		datalen = tuple->t_len - old->t_hoff;
		uint32		at = att_align_nominal(datalen, TYPALIGN_INT);
		uint32		len = old->t_hoff + at + sizeof(int32);
		HeapTupleHeader td;

		newtuple = (HeapTuple) palloc0(HEAPTUPLESIZE + len);
		newtuple->t_data = td = (HeapTupleHeader) ((char *) newtuple + HEAPTUPLESIZE);
		memcpy(td, old, tuple->t_len);
		newtuple->t_len = len;
		td->t_bits[aid >> 3] |= (bits8) (1 << (aid & 0x07));
		memcpy((char *) td + old->t_hoff + at, &id, sizeof(int32));
	}
	else
		newtuple = heap_form_tuple(desc, m->values, m->nulls);
	newtuple->t_data->t_ctid = tuple->t_data->t_ctid;
	newtuple->t_self = tuple->t_self;
	newtuple->t_tableOid = tuple->t_tableOid;
	return newtuple;
}

HeapTuple
gd_agency_resolve_row(const gd_types *t, Relation rel, HeapTuple tuple, HeapTuple old,
					  gd_rowmap *m, gd_vlist *l)
{
	int			aid = m->agency_id_att;
	text	   *tname;
	const char *name;
	size_t		len;
	bool		given;
	int32		id = 0;
	gd_agency_match match;

	if (aid < 0 || m->agency_att < 0 || m->nulls[m->agency_att] ||
		agency_index(t->schema) == NULL)
		return tuple;
	tname = DatumGetTextPP(m->values[m->agency_att]);
	name = VARDATA_ANY(tname);
	len = VARSIZE_ANY_EXHDR(tname);
	{
		size_t		i = 0;

		while (i < len && (name[i] == ' ' || name[i] == '\t' || name[i] == '\n' || name[i] == '\r'))
			i++;
		if (i == len)
			return tuple;		/* no name to resolve: the table's CHECK refuses an empty one */
	}
	given = !m->nulls[aid];
	if (old != NULL)
	{
		bool		oldnull,
					oldidnull;
		Datum		oldname = heap_getattr(old, m->agency_att + 1, RelationGetDescr(rel), &oldnull);
		Datum		oldid = heap_getattr(old, aid + 1, RelationGetDescr(rel), &oldidnull);
		text	   *on = oldnull ? NULL : DatumGetTextPP(oldname);
		bool		same_name = on != NULL && VARSIZE_ANY_EXHDR(on) == len &&
			memcmp(VARDATA_ANY(on), name, len) == 0;
		bool		same_id = given && !oldidnull && DatumGetInt32(oldid) == DatumGetInt32(m->values[aid]);

		if (same_name && same_id)
			return tuple;		/* neither changed: the stored identity stands */
		if (same_id && !same_name)
			given = false;		/* a new name, the old id: resolve the new name */
	}
	if (given)
		id = check_given(t->schema, rel, m, name, len, DatumGetInt32(m->values[aid]));
	else
	{
		int32		region = m->region_att >= 0 ? region_value(m->nulls[m->region_att], m->values[m->region_att]) : 0;

		resolve_name(t->schema, name, len, region, &match);
		switch (match.status)
		{
			case GD_AGENCY_RESOLVED:
				id = match.id;
				break;
			case GD_AGENCY_AMBIGUOUS:
				emit_agency_violation(l, GD_RULE_AMBIGUOUS_AGENCY, name, len, region, &match);
				break;
			case GD_AGENCY_UNKNOWN:
				emit_agency_violation(l, GD_RULE_UNKNOWN_AGENCY, name, len, region, &match);
				id = register_agency(t->schema, name, len, &match);
				break;
		}
	}
	if (id == 0 || (!m->nulls[aid] && DatumGetInt32(m->values[aid]) == id))
		return tuple;
	return with_agency_id(RelationGetDescr(rel), tuple, m, id);
}

bool
gd_agency_row_key(const gd_types *t, const gd_neighbour_finder *f, const gd_rowmap *m, Datum *key)
{
	bool		by_id = gd_neighbour_finder_by_id(f);
	gd_agency_index *ix;
	gd_agency_match match;
	text	   *name;

	if (!by_id || (m->agency_id_att >= 0 && !m->nulls[m->agency_id_att]))
	{
		/* the finder keys on agency, or the row has its agency_id */
		int			own = by_id ? m->agency_id_att : m->agency_att;

		if (own < 0 || m->nulls[own])
			return false;
		*key = m->values[own];
		return true;
	}
	/* a row of another type without agency_id: the agency its name denotes, if one */
	if (m->agency_att < 0 || m->nulls[m->agency_att] || (ix = agency_index(t->schema)) == NULL)
		return false;
	name = DatumGetTextPP(m->values[m->agency_att]);
	resolve_name(t->schema, VARDATA_ANY(name), VARSIZE_ANY_EXHDR(name),
				 m->region_att >= 0 ? region_value(m->nulls[m->region_att], m->values[m->region_att]) : 0,
				 &match);
	if (match.status != GD_AGENCY_RESOLVED)
		return false;
	*key = Int32GetDatum(match.id);
	return true;
}

/* ---- SQL: resolve_agency(name, region_code) ---- */

PG_FUNCTION_INFO_V1(govdisclose_resolve_agency);
Datum
govdisclose_resolve_agency(PG_FUNCTION_ARGS)
{
	TupleDesc	desc;
	Tuplestorestate *ts = gd_srf_init(fcinfo, &desc);
	gd_agency_index *ix = agency_index(get_func_namespace(fcinfo->flinfo->fn_oid));
	gd_agency_match match;
	text	   *name;
	int32		region = 0;
	Datum		values[3];
	bool		nulls[3] = {false, false, false};

	if (PG_ARGISNULL(0) || ix == NULL)
		return (Datum) 0;
	name = PG_GETARG_TEXT_PP(0);
	if (!PG_ARGISNULL(1))
	{
		text	   *code = PG_GETARG_TEXT_PP(1);
		int32_t		v;

		if (!gd_region_code_parse(VARDATA_ANY(code), VARSIZE_ANY_EXHDR(code), &v))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("\"%s\" is not a region code", text_to_cstring(code)),
					 errdetail("A region code (行政区划代码) is six digits, such as 310116.")));
		region = v;
	}
	resolve_name(get_func_namespace(fcinfo->flinfo->fn_oid), VARDATA_ANY(name), VARSIZE_ANY_EXHDR(name),
				 region, &match);
	ix = agency_ix;
	switch (match.status)
	{
		case GD_AGENCY_RESOLVED:
			values[0] = Int32GetDatum(match.id);
			nulls[1] = gd_agency_name(ix, match.id) == NULL;
			values[1] = nulls[1] ? (Datum) 0 : CStringGetTextDatum(gd_agency_name(ix, match.id));
			values[2] = CStringGetTextDatum("resolved");
			tuplestore_putvalues(ts, desc, values, nulls);
			break;
		case GD_AGENCY_UNKNOWN:
			nulls[0] = nulls[1] = true;
			values[2] = CStringGetTextDatum("unknown");
			tuplestore_putvalues(ts, desc, values, nulls);
			break;
		case GD_AGENCY_AMBIGUOUS:
			for (int i = 0; i < match.ncandidates; i++)
			{
				int32		c = match.candidates[i];
				const char *d = match.by_division ? gd_agency_division_name(ix, c) : gd_agency_name(ix, c);

				nulls[0] = match.by_division;
				values[0] = Int32GetDatum(c);
				values[1] = CStringGetTextDatum(match.by_division ? psprintf("%s (%06d)", d ? d : "?", c) : d ? d : "?");
				values[2] = CStringGetTextDatum(match.by_division ? "ambiguous division" : "ambiguous");
				tuplestore_putvalues(ts, desc, values, nulls);
			}
			break;
	}
	return (Datum) 0;
}

/* ---- the trigger on the registry's tables ---- */

/*
 * agency_guard(): BEFORE UPDATE OR DELETE FOR EACH ROW and BEFORE TRUNCATE
 * on agency, agency_alias and agency_merge keeps what pg_dump cannot
 * restore, and what reports are keyed by, as it is: the rows of source
 * gb2260 (written by the extension's scripts; a dump keeps the others),
 * agencies (reports name them by id: merge one into another instead) and
 * merges (their reports were re-keyed).  AFTER INSERT OR UPDATE OR DELETE
 * FOR EACH STATEMENT it tells every session to read the registry again.
 */
/*
 * A registered agency (source seen) is found by the key of the name it was
 * registered under, in its region (name_key, agency_seen_key): other
 * sessions and a partial index look it up by them.  Its name, key and region
 * stay as registered; a better name is an alias, or an agency of its own the
 * registered one is merged into.
 */
static void
check_registration_kept(Relation rel, HeapTuple oldtup, HeapTuple newtup)
{
	static const char *const kept[] = {"name", "name_key", "region_code"};
	TupleDesc	desc = RelationGetDescr(rel);
	bool		isnull;
	Datum		source = heap_getattr(oldtup, gd_column_of(rel, "source") + 1, desc, &isnull);

	if (isnull || strcmp(TextDatumGetCString(source), "seen") != 0)
		return;
	for (int i = 0; i < (int) lengthof(kept); i++)
	{
		int			att = gd_column_of(rel, kept[i]) + 1;
		bool		n1,
					n2;
		Datum		a = heap_getattr(oldtup, att, desc, &n1);
		Datum		b = heap_getattr(newtup, att, desc, &n2);

		if (n1 != n2 || (!n1 && !datumIsEqual(a, b, false, -1)))
			ereport(ERROR,
					(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
					 errmsg("cannot change the %s of registered agency %d", kept[i],
							DatumGetInt32(heap_getattr(oldtup, gd_column_of(rel, "id") + 1, desc, &isnull))),
					 errdetail("An agency registered from a report is found by the key of the name it was registered under, in its region."),
					 errhint("Add another name with govdisclose.add_alias(), or add the agency under its official name and merge this one into it with govdisclose.merge_agencies().")));
	}
}

PG_FUNCTION_INFO_V1(govdisclose_agency_guard);
Datum
govdisclose_agency_guard(PG_FUNCTION_ARGS)
{
	TriggerData *td = (TriggerData *) fcinfo->context;
	Relation	rel;
	const char *relname;
	Datum		done;

	/* a registration by enforce() invalidates nothing: see the top of this file */
	if (gd_guard_common(fcinfo, "agency_guard", !agency_registering, &done))
		return done;
	rel = td->tg_relation;
	relname = RelationGetRelationName(rel);
	if (TRIGGER_FIRED_BY_TRUNCATE(td->tg_event))
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("cannot truncate govdisclose.%s", relname),
				 errdetail("Reports name agencies by id, and the registry's rows of source 'gb2260' are the extension's.")));
	if (!TRIGGER_FIRED_FOR_ROW(td->tg_event) || !TRIGGER_FIRED_BEFORE(td->tg_event) ||
		TRIGGER_FIRED_BY_INSERT(td->tg_event))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("govdisclose.agency_guard() must be fired BEFORE UPDATE OR DELETE FOR EACH ROW, BEFORE TRUNCATE, or AFTER INSERT OR UPDATE OR DELETE FOR EACH STATEMENT")));
	if (gd_row_is_shipped(rel, td->tg_trigtuple) ||
		(TRIGGER_FIRED_BY_UPDATE(td->tg_event) && gd_row_is_shipped(rel, td->tg_newtuple)))
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("rows of source 'gb2260' of govdisclose.%s are written by the extension's scripts only", relname),
				 errdetail("pg_dump keeps the other rows; a change to these would be lost by a dump and restore."),
				 errhint("Add an alias with govdisclose.add_alias(), or merge agencies with govdisclose.merge_agencies().")));
	if (TRIGGER_FIRED_BY_DELETE(td->tg_event) && strcmp(relname, "agency_alias") != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("cannot delete from govdisclose.%s", relname),
				 errdetail(strcmp(relname, "agency") == 0
						   ? "Reports name agencies by id."
						   : "The merged agency's reports were re-keyed to the agency it was merged into."),
				 errhint(strcmp(relname, "agency") == 0
						 ? "Merge an agency registered by mistake into the one it is: govdisclose.merge_agencies()."
						 : "A merge is not undone.")));
	if (TRIGGER_FIRED_BY_UPDATE(td->tg_event) && strcmp(relname, "agency_merge") == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("cannot update govdisclose.agency_merge"),
				 errhint("A merge is not undone.")));
	if (TRIGGER_FIRED_BY_UPDATE(td->tg_event) && strcmp(relname, "agency") == 0)
		check_registration_kept(rel, td->tg_trigtuple, td->tg_newtuple);
	return PointerGetDatum(TRIGGER_FIRED_BY_UPDATE(td->tg_event) ? td->tg_newtuple : td->tg_trigtuple);
}

/* ---- the upgrade from 0.2.0: the stored reports' agency_id ---- */

typedef struct backfill_row
{
	Datum		ctid;
	char	   *name;
	int32		year;
	int32		id;				/* 0: ambiguous */
	bool		canonical;		/* the name is the agency's canonical one */
} backfill_row;

/* By agency and year; within one, the canonical spelling first, then by name. */
static int
backfill_cmp(const void *a, const void *b)
{
	const backfill_row *x = a,
			   *y = b;

	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	if (x->year != y->year)
		return x->year < y->year ? -1 : 1;
	if (x->canonical != y->canonical)
		return x->canonical ? -1 : 1;
	return strcmp(x->name, y->name);
}

/*
 * agency_backfill(): every report of govdisclose.report without agency_id
 * gets the one its name denotes, an unknown name registering its agency.
 * An ambiguous name keeps agency_id NULL; so does every report of an agency
 * and year but one (the same report under two spellings): the one printed
 * with the agency's canonical name, else the first by name, keeps it.  A
 * WARNING lists the reports left NULL.  The upgrade script runs it with
 * report_enforce disabled (the reports were checked when they were
 * stored), then drops it.
 */
PG_FUNCTION_INFO_V1(govdisclose_agency_backfill);
Datum
govdisclose_agency_backfill(PG_FUNCTION_ARGS)
{
	Oid			schema = get_func_namespace(fcinfo->flinfo->fn_oid);
	char	   *report = registry_name(schema, "report");
	gd_agency_index *ix = agency_index(schema);
	SPITupleTable *tab;
	backfill_row *rows;
	uint64		nrows;
	HTAB	   *taken;
	HASHCTL		ctl;
	StringInfoData left;
	int			keyed = 0,
				registered = 0,
				nleft = 0;
	Oid			argtypes[2] = {INT4OID, TIDOID};

	if (ix == NULL)
		PG_RETURN_VOID();
	ctl.keysize = sizeof(int64);
	ctl.entrysize = sizeof(int64);
	ctl.hcxt = CurrentMemoryContext;
	taken = hash_create("govdisclose agency years", 1024, &ctl, HASH_ELEM | HASH_BLOBS | HASH_CONTEXT);
	initStringInfo(&left);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	/* the years already keyed */
	if (SPI_execute(psprintf("SELECT agency_id, year FROM %s WHERE agency_id IS NOT NULL", report), true, 0) != SPI_OK_SELECT)
		elog(ERROR, "SPI_execute failed");
	for (uint64 i = 0; i < SPI_processed; i++)
	{
		bool		n;
		int64		k = ((int64) DatumGetInt32(SPI_getbinval(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1, &n)) << 32) |
			(uint32) DatumGetInt32(SPI_getbinval(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 2, &n));

		hash_search(taken, &k, HASH_ENTER, NULL);
	}
	if (SPI_execute(psprintf("SELECT ctid, agency, region_code, year FROM %s WHERE agency_id IS NULL AND agency IS NOT NULL AND year IS NOT NULL ORDER BY agency, year", report),
					true, 0) != SPI_OK_SELECT)
		elog(ERROR, "SPI_execute failed");
	tab = SPI_tuptable;
	nrows = SPI_processed;
	rows = palloc0(sizeof(backfill_row) * (nrows + 1));
	/* pass 1: what each name denotes (registering the unknown ones) */
	for (uint64 i = 0; i < nrows; i++)
	{
		HeapTuple	tup = tab->vals[i];
		bool		n;
		text	   *t = DatumGetTextPP(SPI_getbinval(tup, tab->tupdesc, 2, &n));
		Datum		region = SPI_getbinval(tup, tab->tupdesc, 3, &n);
		int32		code = region_value(n, region);
		gd_agency_match m;

		rows[i].ctid = SPI_getbinval(tup, tab->tupdesc, 1, &n);
		rows[i].name = text_to_cstring(t);
		rows[i].year = DatumGetInt32(SPI_getbinval(tup, tab->tupdesc, 4, &n));
		resolve_name(schema, VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), code, &m);
		ix = agency_ix;
		if (m.status == GD_AGENCY_AMBIGUOUS)
		{
			char		note[1024];

			gd_agency_note(ix, VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), code, &m, false, note, sizeof(note));
			appendStringInfo(&left, "%s%d: ambiguous_agency: %s.", nleft++ ? "\n" : "", rows[i].year, note);
			continue;
		}
		if (m.status == GD_AGENCY_UNKNOWN)
		{
			m.id = register_agency(schema, VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), &m);
			registered++;
		}
		rows[i].id = m.id;
		rows[i].canonical = gd_agency_name(ix, m.id) != NULL && strcmp(rows[i].name, gd_agency_name(ix, m.id)) == 0;
	}
	/* pass 2: one report per agency and year */
	qsort(rows, nrows, sizeof(backfill_row), backfill_cmp);
	for (uint64 i = 0; i < nrows; i++)
	{
		Datum		args[2];
		int64		k = ((int64) rows[i].id << 32) | (uint32) rows[i].year;
		bool		found;

		if (rows[i].id == 0)
			continue;
		hash_search(taken, &k, HASH_ENTER, &found);
		if (found)
		{
			appendStringInfo(&left, "%s%d: duplicate: 「%s」 is agency %d (%s), whose report for %d is keyed already.",
							 nleft++ ? "\n" : "", rows[i].year, rows[i].name, rows[i].id,
							 gd_agency_name(ix, rows[i].id), rows[i].year);
			continue;
		}
		args[0] = Int32GetDatum(rows[i].id);
		args[1] = rows[i].ctid;
		if (SPI_execute_with_args(psprintf("UPDATE %s SET agency_id = $1 WHERE ctid = $2", report),
								  2, argtypes, args, NULL, false, 0) != SPI_OK_UPDATE)
			elog(ERROR, "SPI_execute_with_args failed");
		keyed++;
	}
	SPI_finish();
	ereport(NOTICE,
			(errmsg("govdisclose: %d stored reports keyed by agency, %d agencies registered", keyed, registered)));
	if (nleft > 0)
		ereport(WARNING,
				(errcode(ERRCODE_WARNING),
				 errmsg_plural("%d stored report keeps agency_id NULL", "%d stored reports keep agency_id NULL", nleft, nleft),
				 errdetail_internal("%s", left.data),
				 errhint("Give them a region_code or an agency_id (UPDATE govdisclose.report ...), or delete a duplicate; docs/domain.md §12.")));
	PG_RETURN_VOID();
}
