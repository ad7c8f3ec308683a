--
-- Agency identity (docs/domain.md §12): govdisclose.agency, report.agency_id
-- resolved by enforce(), duplicates and continuity by agency, ambiguous and
-- unknown names, curation by admins.  The examples of the README and of
-- docs/domain.md §12 are here.
--
SET search_path = govdisclose, public;
\set VERBOSITY default
-- the agencies this file registers get ids from 2000000 on, whatever the
-- tests before it registered
SELECT setval('agency_id_seq', 1999999) > 0 AS ids_from_2000000;
-- and it starts from no report
SET client_min_messages = warning;
TRUNCATE report, rejected;
RESET client_min_messages;

-- The registry: each division's government, its id the division's code.
SELECT id, name, region_code, level, kind, parent_id, source
FROM agency WHERE id IN (310000, 310116, 320000, 320800, 320813) ORDER BY id;
SELECT name FROM agency_alias WHERE agency_id = 320813 ORDER BY name;
SELECT level, count(*) AS agencies FROM agency WHERE source = 'gb2260' GROUP BY level ORDER BY level;

-- How a name is resolved: folded, its divisions read off, the rest.
SELECT * FROM resolve_agency('上海市金山区');
SELECT * FROM resolve_agency('上海市 金山区　人民政府');
SELECT * FROM resolve_agency('洪泽区人民政府');
SELECT * FROM resolve_agency('江苏省淮安市洪泽区人民政府');
-- four cities have a 鼓楼区: never guessed; the region code says which
SELECT * FROM resolve_agency('鼓楼区人民政府');
SELECT * FROM resolve_agency('鼓楼区人民政府', '350102');
SELECT * FROM resolve_agency('上海市科委');
SELECT * FROM resolve_agency('鼓楼区人民政府', '3501');

-- Jinshan (make demo): the CSV names 「上海市金山区人民政府」, the report's
-- title 「上海市金山区」: one agency, so the second is a duplicate.
\copy report FROM 'test/data/jinshan-2024.csv' (FORMAT csv, HEADER MATCH)
SELECT agency, agency_id, year FROM report;
CREATE TEMP TABLE titled AS
SELECT (jsonb_populate_record(r, '{"agency": "上海市金山区", "agency_id": null}')).* FROM report r;
INSERT INTO report SELECT * FROM titled;
SET govdisclose.on_violation = 'quarantine';
INSERT INTO report SELECT * FROM titled;
SELECT agency, year, v->>'rule' AS rule, v->>'message' AS message
FROM rejected, jsonb_array_elements(violations) v WHERE v->>'rule' = 'duplicate';
RESET govdisclose.on_violation;
TRUNCATE rejected;

-- Hongze: 「洪泽区人民政府」 for 2023, 「淮安市洪泽区人民政府」 for 2024: one
-- agency_id, and the continuity between them is checked (2023's report
-- breaks a rule of section 四, as printed: stored in warning mode).
CREATE TEMP TABLE sample (LIKE report);
\copy sample FROM 'test/data/bi-sample.csv' (FORMAT csv, HEADER MATCH)
SET govdisclose.on_violation = 'warning';
SET client_min_messages = error;
INSERT INTO report SELECT * FROM sample WHERE agency = '洪泽区人民政府';
RESET client_min_messages;
INSERT INTO report
SELECT (jsonb_populate_record(s, '{"agency": "淮安市洪泽区人民政府", "year": 2024, "source": "a copy of 2023",
        "carried_over__natural_person": 2, "carried_over__total": 2,
        "carried_forward__natural_person": 2, "carried_forward__total": 2}')).*
FROM sample s WHERE agency = '洪泽区人民政府';
RESET govdisclose.on_violation;
SELECT agency, agency_id, year FROM report WHERE agency_id = 320813 ORDER BY year;
SELECT agency, agency_id, agency_name, year, previous_agency, column_code, carried_over, previous_carried_forward
FROM continuity_breaks WHERE agency_id = 320813 ORDER BY column_code;
SELECT v.rule, v.message FROM report r, validate(r) v WHERE r.agency_id = 320813 AND r.year = 2024 AND v.rule = 'continuity';
-- the BI views: agency_id and the canonical name beside the name as printed
SELECT agency, agency_id, agency_name, year, received, handled FROM report_summary ORDER BY agency_id, year;
SELECT agency, agency_id, agency_name, year, count(*) AS cells
FROM request_cells GROUP BY agency, agency_id, agency_name, year ORDER BY agency_id, year;

-- An ambiguous name is never resolved: an error, quarantined, or stored
-- without agency_id in warning mode.
CREATE TEMP TABLE gulou AS
SELECT (jsonb_populate_record(r, '{"agency": "鼓楼区人民政府", "agency_id": null, "region_code": null, "year": 2022}')).*
FROM report r WHERE agency_id = 310116;
INSERT INTO report SELECT * FROM gulou;
SET govdisclose.on_violation = 'quarantine';
INSERT INTO report SELECT * FROM gulou;
SELECT agency, v->>'rule' AS rule, v->>'severity' AS severity FROM rejected, jsonb_array_elements(violations) v
WHERE v->>'rule' = 'ambiguous_agency';
TRUNCATE rejected;
SET govdisclose.on_violation = 'warning';
INSERT INTO report SELECT * FROM gulou;
RESET govdisclose.on_violation;
SELECT agency, agency_id, year FROM report WHERE agency = '鼓楼区人民政府';
-- its region code settles it: an UPDATE resolves a row without agency_id again
UPDATE report SET region_code = '350102' WHERE agency = '鼓楼区人民政府';
SELECT agency, agency_id, region_code FROM report WHERE agency = '鼓楼区人民政府';
DELETE FROM report WHERE agency = '鼓楼区人民政府';

-- An unknown name never stops a load: a new agency is registered, with a
-- warning naming the nearest registered ones.
CREATE TEMP TABLE shuyang AS
SELECT (jsonb_populate_record(s, '{"agency": "沐阳县"}')).* FROM sample s
WHERE agency = '沭阳县人民政府';
INSERT INTO report SELECT * FROM shuyang;
SELECT id, name, region_code, source, name_key, registered_by = current_user AS by_me
FROM agency WHERE name = '沐阳县';
-- the next report of that name is its agency's, without a warning
INSERT INTO report SELECT (jsonb_populate_record(s, '{"year": 2024}')).* FROM shuyang s;
SELECT agency, year, agency_id = (SELECT id FROM agency WHERE name = '沐阳县') AS same FROM report
WHERE agency = '沐阳县' ORDER BY year;
-- in quarantine mode too (loading never stops; the agency was seen)
SET govdisclose.on_violation = 'quarantine';
INSERT INTO report SELECT (jsonb_populate_record(s, '{"agency": "上海市科委", "year": 2024, "region_code": "310000"}')).*
FROM shuyang s;
RESET govdisclose.on_violation;
SELECT name, region_code, source, name_key FROM agency WHERE name = '上海市科委';
-- a department named with its division: the qualified name is the same agency
INSERT INTO report SELECT (jsonb_populate_record(s, '{"agency": "洪泽区教育局", "year": 2023, "region_code": null}')).*
FROM shuyang s;
INSERT INTO report SELECT (jsonb_populate_record(s, '{"agency": "淮安市洪泽区教育局", "year": 2024, "region_code": null}')).*
FROM shuyang s;
SELECT agency, year, region_code, agency_id = (SELECT id FROM agency WHERE name = '洪泽区教育局') AS same_agency
FROM report WHERE agency LIKE '%洪泽区教育局' ORDER BY year;
SELECT name, region_code, name_key FROM agency WHERE name LIKE '%洪泽区教育局';

-- The backend's index of the registry holds the registered agencies while it
-- takes at most govdisclose.agency_index_memory (80MB); beyond, the index
-- holds the rest and each name looks the registered agencies up by key: the
-- same answers.  1MB is less than the shipped registry alone.
SHOW govdisclose.agency_index_memory;
SELECT * FROM resolve_agency('淮安市洪泽区教育局');
SET govdisclose.agency_index_memory = '1MB';
SELECT * FROM resolve_agency('淮安市洪泽区教育局');
SELECT * FROM resolve_agency('上海市科委', '310000');
INSERT INTO report SELECT (jsonb_populate_record(s, '{"year": 2022}')).* FROM shuyang s;
SELECT agency, year, agency_id = (SELECT id FROM agency WHERE name = '沐阳县') AS same FROM report
WHERE agency = '沐阳县' ORDER BY year;
DELETE FROM report WHERE agency = '沐阳县' AND year = 2022;
RESET govdisclose.agency_index_memory;

-- A given agency_id (COPY of a file COPY TO wrote, an ETL that knows it)
-- must be one the name denotes.
INSERT INTO report (agency, year, agency_id) VALUES ('上海市金山区', 2020, 310116);
INSERT INTO report (agency, year, agency_id) VALUES ('上海市金山区', 2019, 320813);
INSERT INTO report (agency, year, agency_id) VALUES ('上海市金山区', 2019, 42);
-- an ambiguous name with the agency_id of one of its agencies: settled
INSERT INTO report (agency, year, agency_id) VALUES ('鼓楼区人民政府', 2019, 350102);
SELECT agency, year, agency_id FROM report WHERE year IN (2019, 2020) ORDER BY year;
-- an UPDATE of the name resolves the new name
UPDATE report SET agency = '淮安市洪泽区' WHERE agency = '上海市金山区' AND year = 2020;
SELECT agency, agency_id FROM report WHERE year = 2020;
DELETE FROM report WHERE year IN (2019, 2020);

-- One statement that registers twelve agencies, and one that quarantines
-- twelve reports: ten rows get their own message, then one WARNING says more
-- are not shown (the SQL each row runs does not start a new count).
\set VERBOSITY terse
INSERT INTO report (agency, year) SELECT '批量新局' || i, 2024 FROM generate_series(1, 12) i;
SET govdisclose.on_violation = 'quarantine';
INSERT INTO report (agency, year, review__upheld, review__corrected, review__other, review__pending, review__total)
SELECT '批量新局' || i, 2023, 1, 0, 0, 0, 2 FROM generate_series(1, 12) i;
RESET govdisclose.on_violation;
\set VERBOSITY default
SELECT count(*) AS quarantined FROM rejected WHERE agency LIKE '批量新局%';
DELETE FROM report WHERE agency LIKE '批量新局%';
TRUNCATE rejected;

-- Curation: admins only.
DROP ROLE IF EXISTS gd_agency_loader;
DROP ROLE IF EXISTS gd_agency_admin;
CREATE ROLE gd_agency_loader;
CREATE ROLE gd_agency_admin;
GRANT USAGE ON SCHEMA govdisclose TO gd_agency_loader;
GRANT SELECT, INSERT ON report TO gd_agency_loader;
SELECT grant_admin('gd_agency_admin');
SET ROLE gd_agency_loader;
SELECT add_alias(321322, '沭阳');
SELECT merge_agencies((SELECT id FROM agency WHERE name = '沐阳县'), 321322);
INSERT INTO agency_alias (agency_id, name) VALUES (321322, '沭阳');
-- a loader registers agencies through the trigger, with no privilege on the registry
INSERT INTO report (agency, year, region_code) VALUES ('气象台', 2024, '310116');
SELECT name, region_code, source, registered_by FROM agency WHERE name = '气象台';
RESET ROLE;
-- 上海市科委 (2024) is 上海市科学技术委员会 (2023): merged, one agency with two years
INSERT INTO report SELECT (jsonb_populate_record(s, '{"agency": "上海市科学技术委员会", "year": 2023, "region_code": "310000"}')).*
FROM shuyang s;
SET ROLE gd_agency_admin;
SELECT (merge_agencies(m.id, k.id)).reports FROM agency m, agency k
WHERE m.name = '上海市科委' AND k.name = '上海市科学技术委员会';
SELECT agency, year, agency_id = (SELECT id FROM agency WHERE name = '上海市科学技术委员会') AS same
FROM report WHERE agency LIKE '上海市科%' ORDER BY year;
-- 沐阳县 is 沭阳县: its reports are re-keyed, its name denotes 321322
SELECT from_id = (SELECT id FROM agency WHERE name = '沐阳县') AS from_mu, into_id, reports
FROM merge_agencies((SELECT id FROM agency WHERE name = '沐阳县'), 321322);
SELECT agency, year, agency_id FROM report WHERE agency = '沐阳县' ORDER BY year;
SELECT * FROM resolve_agency('沐阳县');
-- refused: a merge that would give an agency two reports for one year
SELECT merge_agencies((SELECT id FROM agency WHERE name = '洪泽区教育局'), 320813);
SELECT merge_agencies(321322, 321322);
SELECT merge_agencies((SELECT id FROM agency WHERE name = '沐阳县'), 320813);
-- an alias names the agency from now on
SELECT agency_id, name, source, added_by = session_user AS by_session FROM add_alias(321322, '沭阳');
SELECT agency_id, name FROM add_alias(320813, '上海市金山区');
SELECT add_alias(321322, ' ');
RESET ROLE;
SELECT * FROM resolve_agency('沭阳');
-- a partial index keeps the registered agencies aliases and merges name:
-- a merged agency's name still denotes the agency it was merged into
SELECT * FROM resolve_agency('上海市科委', '310000');
SELECT * FROM resolve_agency('沐阳县');
SET govdisclose.agency_index_memory = '1MB';
SELECT * FROM resolve_agency('上海市科委', '310000');
SELECT * FROM resolve_agency('沐阳县');
SELECT * FROM resolve_agency('洪泽区教育局');
RESET govdisclose.agency_index_memory;
-- the registry keeps what reports are keyed by
DELETE FROM agency WHERE name = '气象台';
UPDATE agency SET name = '金山区政府' WHERE id = 310116;
DELETE FROM agency_merge;
TRUNCATE agency_alias;
-- a registered agency keeps the name, key and region it was registered
-- under (others find it by them); its level, kind and parent are the
-- owner's to fill in
UPDATE agency SET name = '上海市科学技术委员会（新）' WHERE name = '上海市科学技术委员会';
UPDATE agency SET region_code = '310101' WHERE name = '上海市科学技术委员会';
UPDATE agency SET level = 'province', kind = 'department', parent_id = 310000
WHERE name = '上海市科学技术委员会' RETURNING id > 1000000 AS registered, name, level, kind, parent_id;

-- The curators' view: every agency, its names and its reports' years and names as printed.
SELECT id, name, region_code, source, merged_into, aliases, reports, years, printed_names
FROM agency_curation WHERE reports > 0 OR merged_into IS NOT NULL ORDER BY id;

SELECT revoke_admin('gd_agency_admin');
SET ROLE gd_agency_admin;
SELECT add_alias(321322, '沭阳县政府');
RESET ROLE;
DELETE FROM report WHERE agency = '气象台';
REVOKE ALL ON report FROM gd_agency_loader;
REVOKE ALL ON SCHEMA govdisclose FROM gd_agency_loader, gd_agency_admin;
DROP ROLE gd_agency_loader;
DROP ROLE gd_agency_admin;
DELETE FROM report WHERE agency_id <> 310116;
DELETE FROM agency_alias WHERE agency_id = 320813 AND name = '上海市金山区';
