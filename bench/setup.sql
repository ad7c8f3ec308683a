-- bench/setup.sql — the objects bench/run.sh measures, in a fresh database.
--
-- The comparison tables are flat copies of govdisclose.report's columns
-- (CREATE TABLE ... (LIKE govdisclose.report)), and every check a careful
-- user would write by hand is generated here from the view
-- govdisclose.cells, never typed in: the same rule families as the
-- extension's error-severity rules (docs/domain.md §6):
--   nonnegative   every count and amount >= 0                (215)
--   row_total     per row of section 三: total = sum of the six applicant columns (25)
--   handled_total per column: handled_total = sum of rows 3..23 (the rows with an outcome group) (7)
--   balance       per column: new_received + carried_over = handled_total + carried_forward (7)
--   appeal_total  per block of section 四: total = upheld + corrected + other + pending (3)
-- A NULL cell makes a check unknown, which passes, as the extension skips a
-- rule on a NULL cell (it warns `missing` instead).
\set ON_ERROR_STOP 1
SET client_min_messages = warning;

CREATE EXTENSION govdisclose;

-- bench_rules(prefix): one row per check; ok is the identity (for CHECK),
-- bad its violation (for IF), msg a format() call naming the cell and values.
CREATE FUNCTION bench_rules(p text)
RETURNS TABLE (ord int, name text, ok text, bad text, msg text)
LANGUAGE sql STABLE AS $$
WITH c AS (
    SELECT position, column_name, section, row_code, column_code, outcome_group, kind,
           format('%s%I', p, column_name) AS ref
      FROM govdisclose.cells),
rt AS (
    SELECT row_code, min(position) AS pos,
           max(ref) FILTER (WHERE column_code = 'total') AS t,
           string_agg(ref, ' + ' ORDER BY position) FILTER (WHERE column_code <> 'total') AS s
      FROM c WHERE section = 'requests' GROUP BY row_code),
ht AS (
    SELECT column_code, min(position) AS pos,
           max(ref) FILTER (WHERE row_code = 'handled_total') AS t,
           string_agg(ref, ' + ' ORDER BY position) FILTER (WHERE outcome_group IS NOT NULL) AS s
      FROM c WHERE section = 'requests' GROUP BY column_code),
bal AS (
    SELECT column_code, min(position) AS pos,
           max(ref) FILTER (WHERE row_code = 'new_received') || ' + ' ||
           max(ref) FILTER (WHERE row_code = 'carried_over') AS l,
           max(ref) FILTER (WHERE row_code = 'handled_total') || ' + ' ||
           max(ref) FILTER (WHERE row_code = 'carried_forward') AS r
      FROM c WHERE section = 'requests' GROUP BY column_code),
apt AS (
    SELECT row_code, min(position) AS pos,
           max(ref) FILTER (WHERE column_code = 'total') AS t,
           string_agg(ref, ' + ' ORDER BY position) FILTER (WHERE column_code <> 'total') AS s
      FROM c WHERE section = 'appeals' GROUP BY row_code)
SELECT 10000 + position, 'nonnegative__' || column_name,
       format('%s >= 0', ref), format('%s < 0', ref),
       format('format(%L, %s)', 'nonnegative: ' || column_name || ' = %s', ref)
  FROM c WHERE kind IN ('count', 'amount')
UNION ALL
SELECT 20000 + pos, 'row_total__' || row_code,
       format('%s = %s', t, s), format('%s <> %s', t, s),
       format('format(%L, %s, %s)', 'row_total: ' || row_code || ': total %s, sum of the applicant columns %s', t, s)
  FROM rt
UNION ALL
SELECT 30000 + pos, 'handled_total__' || column_code,
       format('%s = %s', t, s), format('%s <> %s', t, s),
       format('format(%L, %s, %s)', 'handled_total: ' || column_code || ': handled_total %s, sum of rows 3..23 %s', t, s)
  FROM ht
UNION ALL
SELECT 40000 + pos, 'balance__' || column_code,
       format('%s = %s', l, r), format('%s <> %s', l, r),
       format('format(%L, %s, %s)', 'balance: ' || column_code || ': new_received + carried_over %s, handled_total + carried_forward %s', l, r)
  FROM bal
UNION ALL
SELECT 50000 + pos, 'appeal_total__' || row_code,
       format('%s = %s', t, s), format('%s <> %s', t, s),
       format('format(%L, %s, %s)', 'appeal_total: ' || row_code || ': total %s, upheld + corrected + other + pending %s', t, s)
  FROM apt
$$;

-- (b) no constraint, no index; (b') the primary key of govdisclose.report;
-- (bt) (b') plus a disabled BEFORE ROW trigger: COPY then inserts row by row,
-- as it must for any table with a BEFORE ROW trigger, enabled or not.
CREATE TABLE flat_b (LIKE govdisclose.report);
CREATE TABLE flat_bp (LIKE govdisclose.report, PRIMARY KEY (agency, year));
CREATE TABLE flat_bt (LIKE govdisclose.report, PRIMARY KEY (agency, year));
CREATE FUNCTION bench_noop() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER flat_bt_noop BEFORE INSERT ON flat_bt FOR EACH ROW EXECUTE FUNCTION bench_noop();
ALTER TABLE flat_bt DISABLE TRIGGER flat_bt_noop;

-- (c) the primary key and every check as a CHECK constraint.
CREATE TABLE flat_c (LIKE govdisclose.report, PRIMARY KEY (agency, year));
SELECT 'ALTER TABLE flat_c ' || string_agg(format('ADD CONSTRAINT %I CHECK (%s)', name, ok), ', ' ORDER BY ord)
  FROM bench_rules('') \gexec

-- (d) the primary key and a PL/pgSQL trigger that checks everything and
-- raises one error listing every violation.  The same checks, on a row of
-- the flat table, are bench_violations() and bench_is_valid().
CREATE TABLE flat_d (LIKE govdisclose.report, PRIMARY KEY (agency, year));

DO $do$
DECLARE
    on_r text;
    on_new text;
BEGIN
    SELECT string_agg(format('    IF %s THEN e := e || %s; END IF;', bad, msg), E'\n' ORDER BY ord)
      INTO on_r FROM bench_rules('r.');
    SELECT string_agg(format('    IF %s THEN e := e || %s; END IF;', bad, msg), E'\n' ORDER BY ord)
      INTO on_new FROM bench_rules('NEW.');

    EXECUTE format($f$
CREATE FUNCTION bench_enforce() RETURNS trigger LANGUAGE plpgsql AS %L$f$, $b$
DECLARE
    e text[] := '{}';
BEGIN
$b$ || on_new || $b$
    IF cardinality(e) > 0 THEN
        RAISE EXCEPTION 'report of "%" for % violates % rules', NEW.agency, NEW.year, cardinality(e)
            USING ERRCODE = 'check_violation', DETAIL = array_to_string(e, E'\n');
    END IF;
    RETURN NEW;
END
$b$);

    EXECUTE format($f$
CREATE FUNCTION bench_violations(r flat_bp) RETURNS text[] LANGUAGE plpgsql IMMUTABLE STRICT AS %L$f$, $b$
DECLARE
    e text[] := '{}';
BEGIN
$b$ || on_r || $b$
    RETURN e;
END
$b$);

    EXECUTE format($f$
CREATE FUNCTION bench_is_valid(r flat_bp) RETURNS boolean LANGUAGE plpgsql IMMUTABLE STRICT AS %L$f$, $b$
DECLARE
    e text[] := '{}';
BEGIN
$b$ || on_r || $b$
    RETURN cardinality(e) = 0;
END
$b$);
END
$do$;

CREATE TRIGGER flat_d_enforce BEFORE INSERT OR UPDATE ON flat_d
    FOR EACH ROW EXECUTE FUNCTION bench_enforce();

-- (a6) govdisclose.report as it was before agency identity: its columns but
-- agency_id, its CHECKs, the primary key (agency, year) and enforce() — the
-- same trigger without a name to resolve (docs/domain.md §12).
SELECT format('CREATE TABLE flat_e (%s, PRIMARY KEY (agency, year), CHECK (template IN (%L, %L)), '
              'CHECK (govdisclose.is_region_code(region_code)), CHECK (agency <> %L))',
              string_agg(format('%I %s', attname, format_type(atttypid, atttypmod))
                         || CASE WHEN attnotnull THEN ' NOT NULL' ELSE '' END, ', ' ORDER BY attnum),
              '2021', '2019', '')
  FROM pg_attribute
 WHERE attrelid = 'govdisclose.report'::regclass AND attnum > 0 AND NOT attisdropped AND attname <> 'agency_id' \gexec
CREATE TRIGGER flat_e_enforce BEFORE INSERT OR UPDATE ON flat_e
    FOR EACH ROW EXECUTE FUNCTION govdisclose.enforce();

-- The checks as one SQL boolean expression (informational validation variant).
CREATE FUNCTION bench_valid_expr(p text) RETURNS text LANGUAGE sql STABLE AS $$
    SELECT string_agg(format('(%s) IS NOT FALSE', ok), ' AND ' ORDER BY ord) FROM bench_rules(p || '.')
$$;

-- The five outcome-group shares in plain SQL, as a VALUES list of five rows.
CREATE FUNCTION bench_shares_values(p text) RETURNS text LANGUAGE sql STABLE AS $$
    SELECT string_agg(format('(round(100.0 * (%s) / nullif(%I.handled_total__total, 0), 2))', s, p), ', ' ORDER BY g.position)
      FROM govdisclose.outcome_groups g,
           LATERAL (SELECT string_agg(format('%I.%I', p, c.column_name), ' + ' ORDER BY c.position) AS s
                      FROM govdisclose.cells c
                     WHERE c.outcome_group = g.code AND c.column_code = 'total') x
$$;

-- bench_ms(statement): its wall time, by clock_timestamp(), and its result
-- (the row count for a COPY, the first column otherwise).
CREATE FUNCTION bench_ms(q text, OUT ms numeric, OUT result text) LANGUAGE plpgsql AS $$
DECLARE
    t0 timestamptz;
    n bigint;
BEGIN
    IF q ~* '^\s*copy\M' THEN
        t0 := clock_timestamp();
        EXECUTE q;
        GET DIAGNOSTICS n = ROW_COUNT;
        ms := round(1000 * extract(epoch FROM clock_timestamp() - t0), 1);
        result := n;
    ELSE
        t0 := clock_timestamp();
        EXECUTE q INTO result;
        ms := round(1000 * extract(epoch FROM clock_timestamp() - t0), 1);
    END IF;
END
$$;

-- The long views (issue 8): section 三 unpivoted by hand, the usual fast
-- form, as the VALUES list of a CROSS JOIN LATERAL: (row_code, column_code,
-- value) per cell, or (position, value) to join govdisclose.cells for labels.
CREATE FUNCTION bench_unpivot_values(p text, with_codes boolean) RETURNS text LANGUAGE sql STABLE AS $$
    SELECT string_agg(CASE WHEN with_codes THEN format('(%L, %L, %I.%I)', row_code, column_code, p, column_name)
                           ELSE format('(%s, %I.%I)', position, p, column_name) END, ', ' ORDER BY position)
      FROM govdisclose.cells WHERE section = 'requests'
$$;
