--
-- docs/FEDERATION.md: a national database over two provincial ones through
-- postgres_fdw.  Here the three are databases of this cluster, reached by a
-- loopback connection (test/t/federation.sh runs the same layout on three
-- clusters and compares every query of docs/BI.md with one server holding
-- all reports).  The statements of the guide are verbatim; the lines marked
-- "(test)" only point the guide's servers at this cluster.
--
SET client_min_messages = warning;
SELECT current_database() AS regress_db \gset
DROP DATABASE IF EXISTS gd_fed_prov_a WITH (FORCE);
DROP DATABASE IF EXISTS gd_fed_prov_b WITH (FORCE);
DROP DATABASE IF EXISTS gd_fed_national WITH (FORCE);
DROP ROLE IF EXISTS national_reader;
CREATE DATABASE gd_fed_prov_a;
CREATE DATABASE gd_fed_prov_b;
CREATE DATABASE gd_fed_national;
-- (test) where this cluster listens
SELECT split_part(current_setting('unix_socket_directories'), ',', 1) AS host,
       current_setting('port') AS port \gset

-- 1. On each provincial server: the extension, its reports, and a role
-- that may read them and nothing else.
\c gd_fed_prov_a
CREATE EXTENSION govdisclose;
CREATE ROLE national_reader LOGIN PASSWORD 'change me';
GRANT USAGE ON SCHEMA govdisclose TO national_reader;
GRANT SELECT ON govdisclose.report TO national_reader;
ALTER SEQUENCE govdisclose.agency_id_seq RESTART WITH 310000000;
-- (test) Shanghai and Jiangsu here, in warning mode: 洪泽区 2023 breaks a rule
BEGIN;
SET LOCAL govdisclose.on_violation = warning;
SET LOCAL client_min_messages = error;
\copy govdisclose.report FROM 'test/data/bi-sample.csv' (FORMAT csv, HEADER MATCH) WHERE region_code < '33'
COMMIT;

\c gd_fed_prov_b
CREATE EXTENSION govdisclose;
GRANT USAGE ON SCHEMA govdisclose TO national_reader;
GRANT SELECT ON govdisclose.report TO national_reader;
ALTER SEQUENCE govdisclose.agency_id_seq RESTART WITH 350000000;
-- (test) Fujian here
\copy govdisclose.report FROM 'test/data/bi-sample.csv' (FORMAT csv, HEADER MATCH) WHERE region_code >= '35'

-- 2. On the national server: one foreign server, user mapping, schema and
-- foreign table per province; each foreign table inherits govdisclose.report.
\c gd_fed_national
SET client_min_messages = warning;
CREATE EXTENSION govdisclose;
CREATE EXTENSION postgres_fdw;
CREATE SERVER prov_a FOREIGN DATA WRAPPER postgres_fdw
    OPTIONS (host 'prov-a.example.org', port '5432', dbname 'reports', extensions 'govdisclose');
CREATE USER MAPPING FOR PUBLIC SERVER prov_a
    OPTIONS (user 'national_reader', password 'change me');
CREATE SCHEMA prov_a;
CREATE FOREIGN TABLE prov_a.report () INHERITS (govdisclose.report)
    SERVER prov_a OPTIONS (schema_name 'govdisclose', table_name 'report');
CREATE SERVER prov_b FOREIGN DATA WRAPPER postgres_fdw
    OPTIONS (host 'prov-b.example.org', port '5432', dbname 'reports', extensions 'govdisclose');
CREATE USER MAPPING FOR PUBLIC SERVER prov_b
    OPTIONS (user 'national_reader', password 'change me');
CREATE SCHEMA prov_b;
CREATE FOREIGN TABLE prov_b.report () INHERITS (govdisclose.report)
    SERVER prov_b OPTIONS (schema_name 'govdisclose', table_name 'report');
-- (test) the "provinces" are databases of this cluster
ALTER SERVER prov_a OPTIONS (SET host :'host', SET port :'port', SET dbname 'gd_fed_prov_a');
ALTER SERVER prov_b OPTIONS (SET host :'host', SET port :'port', SET dbname 'gd_fed_prov_b');

-- Agencies across servers: each province's registered agencies, copied
-- into the national registry under the ids the province gave them.
CREATE FOREIGN TABLE prov_a.agency (id int4, name text, region_code text, level text, kind text,
                                    parent_id int4, source text, name_key text,
                                    registered_at timestamptz, registered_by name)
    SERVER prov_a OPTIONS (schema_name 'govdisclose', table_name 'agency');
CREATE FOREIGN TABLE prov_b.agency (id int4, name text, region_code text, level text, kind text,
                                    parent_id int4, source text, name_key text,
                                    registered_at timestamptz, registered_by name)
    SERVER prov_b OPTIONS (schema_name 'govdisclose', table_name 'agency');
INSERT INTO govdisclose.agency (id, name, region_code, level, kind, parent_id, source, name_key, registered_at, registered_by)
SELECT id, name, region_code, level, kind, parent_id, source, name_key, registered_at, registered_by
FROM prov_a.agency WHERE source <> 'gb2260'
UNION ALL
SELECT id, name, region_code, level, kind, parent_id, source, name_key, registered_at, registered_by
FROM prov_b.agency WHERE source <> 'gb2260'
ON CONFLICT (id) DO NOTHING;
-- an id two servers gave to different agencies: none
SELECT p.server, p.id, p.name AS province_name, a.name AS national_name
FROM (SELECT 'prov_a' AS server, id, name FROM prov_a.agency WHERE source <> 'gb2260'
      UNION ALL
      SELECT 'prov_b', id, name FROM prov_b.agency WHERE source <> 'gb2260') p
JOIN govdisclose.agency a ON a.id = p.id
WHERE a.name <> p.name;

-- Where each report is stored.
SELECT tableoid::regclass AS stored_in, count(*) AS reports
FROM govdisclose.report GROUP BY 1 ORDER BY 1;

-- Every view over govdisclose.report reads the provinces' rows.
SELECT agency, year, region_code, received, handled, disclosure_rate, errors
FROM govdisclose.report_summary ORDER BY agency, year;
SELECT agency_id, agency_name, year FROM govdisclose.report_summary ORDER BY agency_id, year;

-- 3. Pushed down: an aggregate over one foreign table, with share(), runs
-- on the provincial server; one row comes back.
PREPARE pushed AS
SELECT count(*) AS reports, sum(handled_total__total) AS handled,
       govdisclose.share(sum(disclosed__total) + sum(partially_disclosed__total), sum(handled_total__total)) AS disclosure_rate
FROM prov_a.report WHERE year >= 2023;
EXPLAIN (VERBOSE, COSTS OFF) EXECUTE pushed;
EXECUTE pushed;

-- share() in a condition, and GROUP BY, are pushed too.
EXPLAIN (VERBOSE, COSTS OFF)
SELECT region_code, sum(review__total) AS review_total,
       govdisclose.share(sum(review__corrected), sum(review__total)) AS review_correction_rate
FROM prov_b.report
WHERE govdisclose.share(disclosed__total + partially_disclosed__total, handled_total__total) > 40
GROUP BY region_code;

-- A national roll-up pushed to every server: one aggregate per server,
-- then the share of the pooled counts.
PREPARE rollup AS
SELECT sum(reports) AS reports, sum(handled) AS handled,
       govdisclose.share(sum(disclosed), sum(handled)) AS disclosure_rate
FROM (SELECT count(*), sum(disclosed__total) + sum(partially_disclosed__total), sum(handled_total__total) FROM prov_a.report
      UNION ALL
      SELECT count(*), sum(disclosed__total) + sum(partially_disclosed__total), sum(handled_total__total) FROM prov_b.report
      UNION ALL
      SELECT count(*), sum(disclosed__total) + sum(partially_disclosed__total), sum(handled_total__total) FROM ONLY govdisclose.report
     ) AS s (reports, disclosed, handled);
EXPLAIN (VERBOSE, COSTS OFF) EXECUTE rollup;
EXECUTE rollup;
-- the same figures through the parent table
SELECT count(*) AS reports, sum(handled_total__total) AS handled,
       govdisclose.share(sum(disclosed__total) + sum(partially_disclosed__total), sum(handled_total__total)) AS disclosure_rate
FROM govdisclose.report;

-- 4. Not pushed down.  An aggregate over govdisclose.report: each server
-- sends the columns the query reads (and the rows its WHERE keeps), the
-- national server aggregates.
EXPLAIN (VERBOSE, COSTS OFF)
SELECT count(*) AS reports, sum(handled_total__total) AS handled,
       govdisclose.share(sum(disclosed__total) + sum(partially_disclosed__total), sum(handled_total__total)) AS disclosure_rate
FROM govdisclose.report WHERE year >= 2023;

-- A function of the whole row: every column of every row travels.
EXPLAIN (VERBOSE, COSTS OFF)
SELECT agency, year, govdisclose.disclosure_rate(r) FROM govdisclose.report r WHERE year = 2024;

-- On a foreign table's own row type, a report function needs the cast to
-- govdisclose.report (the row matches both the report and the record
-- versions).
SELECT agency, year, govdisclose.disclosure_rate(r) FROM prov_a.report r;
SELECT agency, year, govdisclose.disclosure_rate(r::govdisclose.report) FROM prov_a.report r ORDER BY agency, year;

-- report_summary's errors and warnings run validate(r) on the national
-- server.
EXPLAIN (VERBOSE, COSTS OFF)
SELECT agency, year, errors FROM govdisclose.report_summary WHERE year = 2024;

-- A join of two servers' tables runs on the national server.
EXPLAIN (VERBOSE, COSTS OFF)
SELECT a.agency, a.year, b.agency, b.year
FROM prov_a.report a JOIN prov_b.report b ON b.handled_total__total = a.handled_total__total;

-- 5. A report stored in two places is counted twice: the primary key
-- holds per table.
\c gd_fed_prov_b
SET client_min_messages = error;
\copy govdisclose.report FROM 'test/data/bi-sample.csv' (FORMAT csv, HEADER MATCH) WHERE region_code = '310116'
\c gd_fed_national
SELECT agency, year, string_agg(tableoid::regclass::text, ', ' ORDER BY tableoid::regclass::text) AS stored_in
FROM govdisclose.report GROUP BY agency, year HAVING count(*) > 1;

-- 6. Writes go to the provincial servers, where the trigger checks them;
-- the national server's reader role may read, not write.
UPDATE prov_a.report SET source = 'changed' WHERE year = 2024;

-- 7. A province out of reach stops every query over govdisclose.report;
-- taken out of the inheritance, the others are read without it.
ALTER SERVER prov_a OPTIONS (SET dbname 'gd_fed_nowhere');  -- (test)
\set VERBOSITY terse
SELECT count(*) FROM govdisclose.report;
\set VERBOSITY default
ALTER FOREIGN TABLE prov_a.report NO INHERIT govdisclose.report;
SELECT tableoid::regclass AS stored_in, count(*) AS reports
FROM govdisclose.report GROUP BY 1 ORDER BY 1;
ALTER FOREIGN TABLE prov_a.report INHERIT govdisclose.report;

-- 8. A composite value read with a field more or less than its type is
-- refused, never shifted (composite types only ever gain fields at the end).
SELECT '(1,2,3,4)'::govdisclose.doc_counts;
SELECT '(1,2)'::govdisclose.doc_counts;
SELECT '(1,2,3)'::govdisclose.doc_counts;

\c :regress_db
SET client_min_messages = warning;
DROP DATABASE gd_fed_national WITH (FORCE);
DROP DATABASE gd_fed_prov_a WITH (FORCE);
DROP DATABASE gd_fed_prov_b WITH (FORCE);
DROP ROLE national_reader;
