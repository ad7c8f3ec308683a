--
-- Edge cases found in review: altered types, UPDATEs of the year, fast
-- defaults, odd amounts, message limits, privileges.
--
SET search_path = public, govdisclose;

-- An altered violation type is refused, not written past.
BEGIN;
ALTER TYPE govdisclose.violation ADD ATTRIBUTE extra text;
SELECT * FROM validate(NULL::request_matrix);
ROLLBACK;

-- An altered section type is refused, not misread.
BEGIN;
DROP TABLE jinshan;
ALTER TYPE govdisclose.proactive_stats ALTER ATTRIBUTE licensing TYPE int2;
SELECT (r.proactive).licensing FROM report r;
ROLLBACK;

-- An UPDATE that moves a report to the next year is not compared with its
-- own old version.
UPDATE report SET year = 2025 WHERE agency = '上海市金山区人民政府';
UPDATE report SET year = 2024 WHERE agency = '上海市金山区人民政府';

-- The fee is a finite amount at least 0: NaN and Infinity are refused.
SELECT rule, actual, message FROM jinshan j,
    validate(ROW((j.proactive).rules, (j.proactive).normative_documents, 1, 1, 1, 'NaN')::proactive_stats);
SELECT rule, actual, message FROM jinshan j,
    validate(ROW((j.proactive).rules, (j.proactive).normative_documents, 1, 1, 1, 'Infinity')::proactive_stats);
SELECT rule, actual, message FROM jinshan j,
    validate(ROW((j.proactive).rules, (j.proactive).normative_documents, 1, 1, 1, '-0.0001')::proactive_stats);

-- Continuity sees columns added later with a default (fast default).
CREATE TABLE years (agency text, year int4, PRIMARY KEY (agency, year));
INSERT INTO years VALUES ('甲', 2023);
ALTER TABLE years ADD COLUMN carried_forward__total int4 DEFAULT 5,
                  ADD COLUMN carried_over__total int4;
CREATE TRIGGER years_enforce BEFORE INSERT OR UPDATE ON years
    FOR EACH ROW EXECUTE FUNCTION govdisclose.enforce();
SET client_min_messages = warning;
INSERT INTO years VALUES ('甲', 2024, 7, 7);
DROP TABLE years;

-- At most ten rows of one statement get their own message.
CREATE TABLE many (agency text, year int4, cases appeal_stats);
CREATE TRIGGER many_enforce BEFORE INSERT ON many
    FOR EACH ROW EXECUTE FUNCTION govdisclose.enforce();
INSERT INTO many SELECT '机关' || i, 2024, NULL FROM generate_series(1, 12) i;
SELECT count(*) FROM many;
DROP TABLE many;
RESET client_min_messages;

-- Quarantine mode stores the row through the trigger (docs/SECURITY.md): a
-- role that loads reports needs no privilege on govdisclose.rejected.
CREATE ROLE regress_gd_loader;
GRANT USAGE ON SCHEMA govdisclose TO regress_gd_loader;
GRANT SELECT, INSERT, UPDATE ON govdisclose.report TO regress_gd_loader;
SET ROLE regress_gd_loader;
SET govdisclose.on_violation = 'quarantine';
SET client_min_messages = warning;
UPDATE govdisclose.report SET handled_total__total = 483 WHERE year = 2024;
RESET client_min_messages;
RESET ROLE;
SELECT count(*) AS quarantined FROM govdisclose.rejected;
TRUNCATE govdisclose.rejected;
RESET govdisclose.on_violation;
REVOKE ALL ON govdisclose.report, govdisclose.rejected FROM regress_gd_loader;
REVOKE ALL ON SCHEMA govdisclose FROM regress_gd_loader;
DROP ROLE regress_gd_loader;

-- Into an empty table, a statement's own rows are its only neighbours: they
-- are found by the index probe, in either order.
CREATE TABLE fresh (agency text, year int4, carried_over__total int4, carried_forward__total int4,
                    PRIMARY KEY (agency, year));
CREATE TRIGGER fresh_enforce BEFORE INSERT OR UPDATE ON fresh
    FOR EACH ROW EXECUTE FUNCTION govdisclose.enforce();
SET client_min_messages = warning;
\set VERBOSITY terse
INSERT INTO fresh VALUES ('甲', 2023, 1, 5), ('甲', 2024, 6, 0), ('乙', 2024, 6, 0), ('乙', 2023, 1, 5);
-- the same rows into the now non-empty table: found by index
DELETE FROM fresh;
INSERT INTO fresh VALUES ('甲', 2023, 1, 5), ('甲', 2024, 6, 0);
\set VERBOSITY default
RESET client_min_messages;
DROP TABLE fresh;
