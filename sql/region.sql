--
-- The region dimension govdisclose.region and the rule unknown_region
-- (docs/domain.md §11), on the Jinshan fixture stored by the tour.
--
SET search_path = public, govdisclose;

-- Every GB/T 2260 province, prefecture and county, as data/gb2260.csv holds them.
SELECT level, count(*) AS divisions FROM region GROUP BY level ORDER BY divisions;

-- 310116 金山区 is a county of 上海市 (310000), under its 市辖区 (310100).
SELECT * FROM region WHERE code = '310116';

-- Municipalities, counties under their province, prefectures without counties.
SELECT code, name, level, province_code, prefecture_code FROM region
WHERE code IN ('310000', '310100', '500100', '500200', '500229', '420000', '420100',
               '429000', '429004', '441900')
ORDER BY code;

-- Every division's province and prefecture are divisions of the table.
SELECT count(*) AS orphans FROM region g
WHERE NOT EXISTS (SELECT FROM region p WHERE p.code = g.province_code)
   OR g.prefecture_code IS NOT NULL AND NOT EXISTS (SELECT FROM region f WHERE f.code = g.prefecture_code);

-- Four more reports, copies of the fixture under other agencies and regions.
SET client_min_messages = error;
INSERT INTO report
SELECT (jsonb_populate_record(r, jsonb_build_object('agency', a.agency, 'agency_id', NULL, 'region_code', a.code))).*
FROM report r,
     (VALUES ('上海市人民政府', '310000'), ('上海市浦东新区人民政府', '310115'),
             ('武汉市人民政府', '420100'), ('仙桃市人民政府', '429004')) a(agency, code)
WHERE r.agency = '上海市金山区人民政府';
RESET client_min_messages;

-- Dashboards group by province and by prefecture with one join.
SELECT g.province_code, count(*) AS reports, sum(r.new_received__total) AS received,
       share(sum(r.disclosed__total + r.partially_disclosed__total), sum(r.handled_total__total)) AS disclosure_rate
FROM report r JOIN region g ON g.code = r.region_code
GROUP BY g.province_code
ORDER BY g.province_code;
SELECT g.province_code, g.prefecture_code, count(*) AS reports, sum(r.new_received__total) AS received
FROM report r JOIN region g ON g.code = r.region_code
GROUP BY g.province_code, g.prefecture_code
ORDER BY g.province_code, g.prefecture_code NULLS FIRST;

-- The names of the groups, from the same table.
SELECT p.name AS province, f.name AS prefecture, s.reports, s.received
FROM (SELECT g.province_code, g.prefecture_code, count(*) AS reports, sum(r.new_received__total) AS received
      FROM report r JOIN region g ON g.code = r.region_code
      GROUP BY g.province_code, g.prefecture_code) s
JOIN region p ON p.code = s.province_code
LEFT JOIN region f ON f.code = s.prefecture_code
ORDER BY s.province_code, s.prefecture_code NULLS FIRST;

-- An unknown code (six digits, no such division) is a warning: the row is stored.
UPDATE report SET region_code = '310199' WHERE agency = '上海市浦东新区人民政府';
SELECT agency, region_code FROM report WHERE region_code = '310199';
SELECT v.rule, v.severity, v.section, v.row_code, v.column_code, v.expected, v.actual, v.message
FROM report r, validate(r) v
WHERE r.agency = '上海市浦东新区人民政府' AND v.rule = 'unknown_region';
SELECT is_valid(r) FROM report r WHERE r.agency = '上海市浦东新区人民政府';
-- in quarantine mode too: a warning keeps no row out
SET govdisclose.on_violation = 'quarantine';
UPDATE report SET source = 'again' WHERE agency = '上海市浦东新区人民政府';
SELECT count(*) AS quarantined FROM rejected;
RESET govdisclose.on_violation;

-- A division the data lacks is added as a row of source 'user' (the
-- default); the next statement sees it.
INSERT INTO region (code, name) VALUES ('310199', '测试新区');
SELECT * FROM region WHERE code = '310199';
UPDATE report SET source = 'checked' WHERE agency = '上海市浦东新区人民政府';
SELECT count(*) AS unknown FROM report r, validate(r) v WHERE v.rule = 'unknown_region';

-- A division the extension ships is not added twice: the row is skipped
-- (so a dump restores into a release that ships a division a user added).
INSERT INTO region (code, name) VALUES ('310116', '金山区');
SELECT count(*), min(source) FROM region WHERE code = '310116';

-- Level and parents follow from the code.
INSERT INTO region (code, name, level) VALUES ('310198', '测试区', 'prefecture');

-- A rolled-back division does not count.
DELETE FROM region WHERE code = '310199';
BEGIN;
INSERT INTO region (code, name) VALUES ('310199', '测试新区');
UPDATE report SET source = 'in transaction' WHERE agency = '上海市浦东新区人民政府';
ROLLBACK;
UPDATE report SET source = 'after rollback' WHERE agency = '上海市浦东新区人民政府';

-- validate(report) in parallel workers, which read the codes with the
-- query's snapshot.
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET parallel_leader_participation = off;
ANALYZE report;
EXPLAIN (COSTS OFF) SELECT count(*) FROM report r, validate(r) v WHERE v.rule = 'unknown_region';
SELECT count(*) FROM report r, validate(r) v WHERE v.rule = 'unknown_region';
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET parallel_leader_participation;

-- The rows of GB/T 2260 are the extension's: pg_dump keeps only the users'.
UPDATE region SET name = '金山' WHERE code = '310116';
DELETE FROM region WHERE code = '310116';
INSERT INTO region (code, name, source) VALUES ('310198', '测试区', 'gb2260');
TRUNCATE region;
SELECT c.relname, e.extcondition[array_position(e.extconfig, c.oid)] AS dumped
FROM pg_extension e JOIN pg_class c ON c.oid = ANY (e.extconfig)
WHERE e.extname = 'govdisclose' AND c.relname = 'region';

-- enforce() on a user's own table with a region_code column.
CREATE TABLE my_reports (agency text, year int4, region_code varchar(6),
                         review__upheld int4, review__corrected int4, review__other int4,
                         review__pending int4, review__total int4);
CREATE TRIGGER my_reports_enforce BEFORE INSERT OR UPDATE ON my_reports
    FOR EACH ROW EXECUTE FUNCTION govdisclose.enforce();
INSERT INTO my_reports VALUES ('某局', 2024, '310116', 1, 0, 0, 0, 1), ('某局', 2023, '319999', 1, 0, 0, 0, 1);
DROP TABLE my_reports;

DELETE FROM report WHERE agency <> '上海市金山区人民政府';
