--
-- Readers and loaders (docs/SECURITY.md, "Roles"): grant_reader(),
-- grant_loader(role, region_prefix); a loader writes only reports whose
-- region_code starts with its prefix, by INSERT, UPDATE, COPY and
-- import_report, and the trigger refuses any other (SQLSTATE 42501).
--
SET search_path = govdisclose, public;
\set body `cat test/data/parse/jinshan-2024.txt`
SET client_min_messages = warning;
DROP ROLE IF EXISTS gd_loader_31;
DROP ROLE IF EXISTS gd_loader_32;
DROP ROLE IF EXISTS gd_reader;
DROP ROLE IF EXISTS gd_roles_admin;
DROP ROLE IF EXISTS gd_loader_31_member;
RESET client_min_messages;
CREATE ROLE gd_loader_31;
CREATE ROLE gd_loader_32;
CREATE ROLE gd_reader;
CREATE ROLE gd_roles_admin;
CREATE ROLE gd_loader_31_member IN ROLE gd_loader_31;

-- The owner of govdisclose.report (or an admin) makes readers and loaders.
SELECT role, kind, region_prefix FROM grant_loader('gd_loader_31', '31');
SELECT role, kind, region_prefix FROM grant_reader('gd_reader');
SELECT role, kind, region_prefix, granted_by = current_user AS by_me FROM role_grant ORDER BY role::text;
-- an admin may too; a loader or a reader may not, nor write role_grant
SELECT grant_admin('gd_roles_admin');
SET ROLE gd_roles_admin;
SELECT role, kind, region_prefix FROM grant_loader('gd_loader_32', '32');
RESET ROLE;
SET ROLE gd_loader_31;
SELECT grant_loader('gd_loader_31');
SELECT grant_loader('gd_reader', '32');
UPDATE role_grant SET region_prefix = NULL RETURNING role;
DELETE FROM role_grant RETURNING role;
INSERT INTO role_grant (role, kind) VALUES ('gd_reader', 'loader');
RESET ROLE;
-- an admin is not made a reader or a loader; a prefix is up to six digits
SELECT grant_reader('gd_roles_admin');
\set VERBOSITY terse
SELECT grant_loader('gd_loader_32', '3x');
\set VERBOSITY default
SELECT has_table_privilege('gd_loader_31', 'report', 'INSERT') AS loader_inserts,
       has_table_privilege('gd_loader_31', 'report', 'DELETE') AS loader_deletes,
       has_table_privilege('gd_reader', 'report', 'SELECT') AS reader_reads,
       has_table_privilege('gd_reader', 'report_summary', 'SELECT') AS reader_reads_views,
       has_table_privilege('gd_reader', 'report', 'INSERT,UPDATE,DELETE') AS reader_writes;

-- A loader writes its region's reports: INSERT, UPDATE, COPY and import_report.
SET ROLE gd_loader_31;
INSERT INTO report SELECT (jsonb_populate_record(r, '{"agency": "黄浦甲", "region_code": "310101", "agency_id": null}')).*
FROM report r WHERE agency = '上海市金山区人民政府';
UPDATE report SET source = 'checked' WHERE agency = '黄浦甲';
SET client_min_messages = error;
COPY report (agency, year, region_code) FROM STDIN;
黄浦乙	2024	310101
\.
RESET client_min_messages;
SELECT (import_report('金山（导入甲）', 2024, :'body', 'jinshan-2024.txt', '310116')).region_code;
-- and no other region's: the message names the role, the report and its region_code
INSERT INTO report SELECT (jsonb_populate_record(r, '{"agency": "玄武甲", "region_code": "320102"}')).*
FROM report r WHERE agency = '上海市金山区人民政府';
INSERT INTO report (agency, year) VALUES ('无代码', 2024);
COPY report (agency, year, region_code) FROM STDIN;
黄浦丙	2024	310101
玄武乙	2024	320102
\.
SELECT import_report('金山（导入乙）', 2024, :'body', 'jinshan-2024.txt');
-- nor move a report out of its region
UPDATE report SET region_code = '320102' WHERE agency = '黄浦甲';
-- in quarantine mode too: a permission, not a data error, is never quarantined
SET govdisclose.on_violation = 'quarantine';
INSERT INTO report (agency, year, region_code, review__upheld, review__corrected, review__other, review__pending, review__total)
VALUES ('玄武丙', 2024, '320102', 1, 1, 1, 1, 5);
RESET govdisclose.on_violation;
SELECT count(*) AS quarantined FROM rejected;
-- a member of a loader role writes as the loader
SET ROLE gd_loader_31_member;
INSERT INTO report (agency, year, region_code) VALUES ('玄武丁', 2024, '320102');
RESET ROLE;

-- The other loader cannot change the first one's reports, even into its own
-- region: the stored report's region_code is checked as well as the new one.
SET ROLE gd_loader_32;
UPDATE report SET source = 'mine' WHERE agency = '黄浦甲';
UPDATE report SET region_code = '320102' WHERE agency = '黄浦甲';
SET client_min_messages = error;
COPY report (agency, year, region_code) FROM STDIN;
玄武乙	2024	320102
\.
RESET client_min_messages;
-- both loaders read everything
SELECT agency, region_code, source FROM report WHERE agency IN ('黄浦甲', '黄浦乙', '黄浦丙', '玄武乙', '金山（导入甲）') ORDER BY agency;
RESET ROLE;

-- A reader reads everything and writes nothing.
SET ROLE gd_reader;
SELECT count(*) > 0 AS reads, (SELECT count(*) FROM report_summary) > 0 AS reads_views FROM report;
INSERT INTO report (agency, year, region_code) VALUES ('读者', 2024, '310101');
UPDATE report SET source = 'reader' WHERE agency = '黄浦甲';
DELETE FROM report WHERE agency = '黄浦甲';
SELECT import_report('金山（导入丙）', 2024, :'body', 'jinshan-2024.txt', '310116');
RESET ROLE;

-- grant_loader changes a prefix (NULL: every region); grant_reader makes a
-- loader a reader; deleting a role's row revokes what it granted.
SELECT role, kind, region_prefix FROM grant_loader('gd_loader_32');
SET ROLE gd_loader_32;
UPDATE report SET source = 'any region' WHERE agency = '黄浦甲';
RESET ROLE;
SELECT role, kind, region_prefix FROM grant_reader('gd_loader_32');
SELECT has_table_privilege('gd_loader_32', 'report', 'SELECT') AS reads,
       has_table_privilege('gd_loader_32', 'report', 'INSERT,UPDATE') AS writes;
DELETE FROM role_grant WHERE role = 'gd_loader_32'::regrole;
SELECT has_table_privilege('gd_loader_32', 'report', 'SELECT') AS reads;

-- A role dropped with its row left behind: the row can still be deleted
-- (and a dump holding it restored), there being no privilege to revoke.
CREATE ROLE gd_roles_gone;
SELECT role, kind FROM grant_reader('gd_roles_gone');
DROP OWNED BY gd_roles_gone;
DROP ROLE gd_roles_gone;
DELETE FROM role_grant g WHERE NOT EXISTS (SELECT FROM pg_roles r WHERE r.oid = g.role) RETURNING kind;

-- the roles of this test go
DELETE FROM report WHERE agency IN ('黄浦甲', '黄浦乙', '玄武乙', '金山（导入甲）');
DELETE FROM import_diagnostics WHERE agency = '金山（导入甲）';
DELETE FROM role_grant;
SELECT revoke_admin('gd_roles_admin');
DROP OWNED BY gd_loader_31, gd_loader_32, gd_reader, gd_roles_admin, gd_loader_31_member;
DROP ROLE gd_loader_31_member, gd_loader_31, gd_loader_32, gd_reader, gd_roles_admin;
