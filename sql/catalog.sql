--
-- The reference views generated from the model, and the comments that
-- carry the Chinese labels into psql's \d+ and BI tools.
--
SET search_path = public, govdisclose;

SELECT count(*) AS cells, count(DISTINCT section) AS sections FROM cells;
SELECT position, column_name, row_label_zh, column_label_zh, outcome_group
FROM cells WHERE section = 'requests' AND column_code = 'total' ORDER BY position;
SELECT column_name, section_numeral, row_code, row_label_zh, column_code, sql_type
FROM cells WHERE section <> 'requests' ORDER BY position;
SELECT * FROM rules;
SELECT * FROM outcome_groups;

-- Every cell column of govdisclose.report is described by the view, in order
-- (after the cells comes agency_id, the agency's identity: docs/domain.md §12).
SELECT count(*) AS mismatches
FROM cells c
FULL JOIN (SELECT attname, attnum - 5 AS position FROM pg_attribute
           WHERE attrelid = 'govdisclose.report'::regclass AND attnum > 5 AND NOT attisdropped
             AND attname <> 'agency_id') a
  ON a.attname = c.column_name AND a.position = c.position
WHERE a.attname IS NULL OR c.column_name IS NULL;

-- Labels as comments, on the types and on the table's columns.
SELECT col_description('govdisclose.report'::regclass, 1) AS agency,
       col_description('govdisclose.report'::regclass, 29) AS col29;
SELECT a.attname, col_description(t.typrelid, a.attnum)
FROM pg_type t JOIN pg_attribute a ON a.attrelid = t.typrelid
WHERE t.typname = 'applicant_counts' AND t.typnamespace = 'govdisclose'::regnamespace
ORDER BY a.attnum;
SELECT obj_description('govdisclose.request_matrix'::regtype, 'pg_type');

-- Every function is documented and its volatility is what it claims.
SELECT p.oid::regprocedure AS function, p.provolatile, p.proisstrict, p.proparallel,
       obj_description(p.oid, 'pg_proc') IS NOT NULL AS documented
FROM pg_proc p WHERE p.pronamespace = 'govdisclose'::regnamespace
ORDER BY p.oid::regprocedure::text;

-- The tables keep their rows in pg_dump.
SELECT c.relname
FROM pg_extension e, unnest(e.extconfig) AS cfg(relid), pg_class c
WHERE e.extname = 'govdisclose' AND c.oid = cfg.relid
ORDER BY c.relname;

-- The kinds of cells: counts (at least 0), signed changes, amounts, units.
SELECT section, kind, count(*) FROM cells GROUP BY section, kind ORDER BY section, kind;
