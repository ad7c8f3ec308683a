--
-- govdisclose.enforce() and govdisclose.on_violation: error, warning and
-- quarantine; continuity between years; enforce() on a user's own table.
--
SET search_path = public, govdisclose;

-- The setting: an enum, refused when set to anything else once the
-- extension's library is loaded in the session (any use of it loads it).
SELECT govdisclose.share(1, 2);
SHOW govdisclose.on_violation;
SET govdisclose.on_violation = 'ignore';
SET govdisclose.no_such_setting = 'x';

-- error (the default): the typo is refused with SQLSTATE 23514, the rule
-- family as constraint name, and every violation in the detail.
UPDATE report SET handled_total__total = 483 WHERE year = 2024;
DO $$
DECLARE st text; tbl text; con text; det text;
BEGIN
    UPDATE govdisclose.report SET handled_total__total = 483 WHERE year = 2024;
EXCEPTION WHEN check_violation THEN
    GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, tbl = TABLE_NAME,
                            con = CONSTRAINT_NAME, det = PG_EXCEPTION_DETAIL;
    RAISE NOTICE 'sqlstate %, table %, constraint %, % lines of detail',
        st, tbl, con, array_length(string_to_array(det, E'\n'), 1);
END $$;
SELECT handled_total__total FROM report WHERE year = 2024;

-- warning: stored, with a WARNING carrying the same detail.
SET govdisclose.on_violation = 'warning';
UPDATE report SET handled_total__total = 483 WHERE year = 2024;
SELECT handled_total__total, is_valid(r) FROM report r WHERE year = 2024;
UPDATE report SET handled_total__total = 482 WHERE year = 2024;

-- quarantine: an UPDATE that breaks a rule leaves the old row in place and
-- stores the new version in govdisclose.rejected.
SET govdisclose.on_violation = 'quarantine';
UPDATE report SET handled_total__total = 483 WHERE year = 2024;
SELECT handled_total__total FROM report WHERE year = 2024;
SELECT relation, operation, agency, year, row_data->>'handled_total__total' AS stored_cell,
       jsonb_array_length(violations) AS violations,
       violations->0->>'rule' AS first_rule, rejected_by = current_user AS by_me,
       rejected_at <= now() AS timed
FROM rejected;
SELECT v->>'rule' AS rule, v->>'row_code' AS row_code, v->>'column_code' AS column_code,
       v->'expected' AS expected, v->'actual' AS actual
FROM rejected, jsonb_array_elements(violations) v;
-- an INSERT that breaks a rule is kept out too; a good one goes in
INSERT INTO report (agency, year, review__upheld, review__corrected, review__other, review__pending, review__total)
VALUES ('隔离测试局', 2024, 1, 1, 1, 1, 5), ('隔离测试局', 2023, 1, 1, 1, 1, 4);
SELECT agency, year FROM report WHERE agency = '隔离测试局';
SELECT operation, agency, year, violations->0->>'message' AS message FROM rejected WHERE agency = '隔离测试局';
DELETE FROM report WHERE agency = '隔离测试局';
TRUNCATE rejected;
RESET govdisclose.on_violation;

-- Continuity between years, both ways: 2023's carried_forward must be
-- 2024's carried_over, and documents in force must add up.
SET govdisclose.on_violation = 'error';
INSERT INTO report (agency, year, carried_forward__natural_person, carried_forward__commercial_enterprise,
    carried_forward__research_institution, carried_forward__social_welfare_org,
    carried_forward__legal_service_org, carried_forward__other_org, carried_forward__total,
    normative_documents__issued, normative_documents__repealed, normative_documents__in_force)
VALUES ('上海市金山区人民政府', 2023, 17, 3, 0, 0, 0, 0, 20, 20, 5, 70);
SELECT rule, row_code, column_code, expected, actual, message
FROM report r, validate(r) v
WHERE r.year = 2024 AND v.rule IN ('continuity', 'documents_continuity');
-- a matching previous year: no warning
UPDATE report SET carried_forward__commercial_enterprise = 1, carried_forward__total = 18,
                  normative_documents__in_force = 63
WHERE year = 2023;
SELECT count(*) FROM report r, validate(r) v
WHERE r.year = 2024 AND v.rule IN ('continuity', 'documents_continuity');
-- the next year inserted after: warned about, in its own terms
INSERT INTO report (agency, year, carried_over__natural_person, carried_over__commercial_enterprise,
    carried_over__research_institution, carried_over__social_welfare_org,
    carried_over__legal_service_org, carried_over__other_org, carried_over__total)
VALUES ('上海市金山区人民政府', 2025, 150, 4, 0, 0, 0, 0, 154);
DELETE FROM report WHERE year IN (2023, 2025);

-- enforce() on a user's own table: it finds the columns by type.
CREATE TABLE my_reports (
    id serial PRIMARY KEY,
    agency text,
    year int4,
    matrix govdisclose.request_matrix,
    cases govdisclose.appeal_stats
);
CREATE TRIGGER my_reports_enforce BEFORE INSERT OR UPDATE ON my_reports
    FOR EACH ROW EXECUTE FUNCTION govdisclose.enforce();
INSERT INTO my_reports (agency, year, matrix, cases)
    SELECT agency, year, requests, appeals FROM jinshan;
UPDATE my_reports SET matrix.disclosed.natural_person = 130;
SET govdisclose.on_violation = 'quarantine';
UPDATE my_reports SET matrix.disclosed.natural_person = 130;
SELECT relation, operation, agency, year, row_data->'matrix'->'disclosed' AS disclosed
FROM rejected;
TRUNCATE rejected;
RESET govdisclose.on_violation;

-- enforce() refuses tables without govdisclose columns, and wrong firing.
CREATE TABLE not_a_report (id int, total int);
CREATE TRIGGER t BEFORE INSERT ON not_a_report FOR EACH ROW EXECUTE FUNCTION govdisclose.enforce();
INSERT INTO not_a_report VALUES (1, 2);
DROP TRIGGER t ON not_a_report;
CREATE TRIGGER t AFTER INSERT ON my_reports FOR EACH STATEMENT EXECUTE FUNCTION govdisclose.enforce();
INSERT INTO my_reports (agency, year) VALUES ('x', 2024);
DROP TRIGGER t ON my_reports;
CREATE TABLE wrong_type (disclosed__total text);
CREATE TRIGGER t BEFORE INSERT ON wrong_type FOR EACH ROW EXECUTE FUNCTION govdisclose.enforce();
INSERT INTO wrong_type VALUES ('1');
-- a bigint column holds cells, but only values an integer cell can hold
ALTER TABLE wrong_type ALTER disclosed__total TYPE bigint USING disclosed__total::bigint;
INSERT INTO wrong_type VALUES (3000000000);
SELECT govdisclose.enforce();
DROP TABLE my_reports, not_a_report, wrong_type;

-- Duplicates: a second report of an agency for a year is a unique violation
-- naming both in error (and warning) mode; in quarantine mode it is
-- quarantined with rule duplicate, whether the first is stored or comes
-- earlier in the same statement, and the statement goes on.
SELECT code, severity FROM rules WHERE code = 'duplicate';
INSERT INTO report (agency, year) VALUES ('上海市金山区人民政府', 2024);
DO $$
DECLARE st text; con text;
BEGIN
    INSERT INTO govdisclose.report (agency, year) VALUES ('上海市金山区人民政府', 2024);
EXCEPTION WHEN unique_violation THEN
    GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, con = CONSTRAINT_NAME;
    RAISE NOTICE 'sqlstate %, constraint %', st, con;
END $$;
-- a duplicate that breaks a rule is refused for the rule first
INSERT INTO report (agency, year, review__upheld, review__corrected, review__other, review__pending, review__total)
VALUES ('上海市金山区人民政府', 2024, 1, 1, 1, 1, 5);
SET govdisclose.on_violation = 'quarantine';
INSERT INTO report (agency, year, review__upheld, review__corrected, review__other, review__pending, review__total)
VALUES ('重复局', 2023, 1, 1, 1, 1, 4), ('重复局', 2023, 2, 2, 2, 2, 8), ('重复局', 2024, 1, 1, 1, 1, 4),
       ('上海市金山区人民政府', 2024, 1, 1, 1, 1, 5);
SELECT agency, year, review__total FROM report WHERE agency = '重复局' ORDER BY year;
SELECT agency, year, row_data->>'review__total' AS review_total,
       (SELECT string_agg(v->>'rule', ', ') FROM jsonb_array_elements(violations) v
         WHERE v->>'severity' = 'error') AS errors,
       violations->-1->>'section' AS section, violations->-1->>'message' AS message
FROM rejected ORDER BY id;
-- an UPDATE onto another report's key too; an UPDATE of a report itself is no duplicate
UPDATE report SET year = 2024 WHERE agency = '重复局' AND year = 2023;
UPDATE report SET source = 'checked' WHERE agency = '重复局';
SELECT year, source FROM report WHERE agency = '重复局' ORDER BY year;
SELECT count(*) AS quarantined FROM rejected;
DELETE FROM report WHERE agency = '重复局';
TRUNCATE rejected;
RESET govdisclose.on_violation;

-- Years: the first reports under the 条例 are for 2008, and none is for
-- later than next year; any other year breaks rule year (an error: refused,
-- or quarantined).
SELECT code, severity FROM rules WHERE code = 'year';
CREATE FUNCTION pg_temp.try_year(y int4) RETURNS text LANGUAGE plpgsql AS $$
DECLARE st text; con text; msg text;
BEGIN
    INSERT INTO govdisclose.report (agency, year) VALUES ('年份局', y);
    DELETE FROM govdisclose.report WHERE agency = '年份局';
    RETURN 'stored';
EXCEPTION WHEN check_violation THEN
    GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, con = CONSTRAINT_NAME, msg = PG_EXCEPTION_DETAIL;
    RETURN format('refused: %s, constraint %s%s', st, con,
                  CASE WHEN msg LIKE '%is not a reporting year: reports are for 2008 (the first year under the 条例) to % (next year).'
                       THEN ', is not a reporting year' END);
END $$;
SET client_min_messages = error;
SELECT label, pg_temp.try_year(y)
FROM (VALUES ('-1', -1), ('0', 0), ('2007', 2007), ('2008', 2008), ('2024', 2024),
             ('next year', extract(year FROM now())::int + 1),
             ('the year after', extract(year FROM now())::int + 2), ('99999', 99999)) AS v(label, y);
RESET client_min_messages;
SET govdisclose.on_violation = 'quarantine';
SET client_min_messages = warning;
INSERT INTO report (agency, year) VALUES ('年份局', 1999);
RESET client_min_messages;
SELECT agency, year, violations @> '[{"rule": "year", "section": "report"}]' AS year_rule FROM rejected;
TRUNCATE rejected;
RESET govdisclose.on_violation;
