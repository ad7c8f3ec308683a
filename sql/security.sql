--
-- Who may write what (docs/SECURITY.md): quarantined rows are written only
-- by govdisclose.enforce(); loaders read their own.
--
SET search_path = govdisclose, public;
SET client_min_messages = warning;
DROP ROLE IF EXISTS gd_sec_loader_a;
DROP ROLE IF EXISTS gd_sec_loader_b;
DROP ROLE IF EXISTS gd_sec_admin;
RESET client_min_messages;
CREATE ROLE gd_sec_loader_a;
CREATE ROLE gd_sec_loader_b;
CREATE ROLE gd_sec_admin;
GRANT USAGE ON SCHEMA govdisclose TO gd_sec_loader_a, gd_sec_loader_b;
GRANT SELECT, INSERT, UPDATE ON govdisclose.report TO gd_sec_loader_a, gd_sec_loader_b;

-- Quarantine needs no privilege on govdisclose.rejected: the trigger stores
-- the row; rejected_by is the loading role, rejected_at the statement's time
-- (after the transaction's start).
SET ROLE gd_sec_loader_a;
SET govdisclose.on_violation = 'quarantine';
BEGIN;
SELECT pg_sleep(0.01);
INSERT INTO govdisclose.report (agency, year, review__upheld, review__corrected, review__other, review__pending, review__total)
VALUES ('隔离甲', 2024, 1, 1, 1, 1, 5);
SELECT agency, rejected_by, rejected_at > now() AS statement_time, rejected_at <= clock_timestamp() AS not_later
FROM govdisclose.rejected;
COMMIT;

-- A loader cannot write govdisclose.rejected itself, nor call the function
-- the trigger writes it with.
INSERT INTO govdisclose.rejected (relation, operation, row_data, violations, rejected_by)
VALUES ('govdisclose.report', 'INSERT', '{}', '[]', 'gd_sec_loader_b');
UPDATE govdisclose.rejected SET rejected_by = 'gd_sec_loader_b';
DELETE FROM govdisclose.rejected;
SELECT govdisclose.quarantine_row('govdisclose.report', 'INSERT', 'x', 2024, '{}', '[]', 'gd_sec_loader_b');

-- Each loader reads its own rejections only; the owner reads all.
SET ROLE gd_sec_loader_b;
SET govdisclose.on_violation = 'quarantine';
INSERT INTO govdisclose.report (agency, year, review__upheld, review__corrected, review__other, review__pending, review__total)
VALUES ('隔离乙', 2024, 1, 1, 1, 1, 5);
SELECT agency, rejected_by FROM govdisclose.rejected ORDER BY agency;
RESET ROLE;
SELECT agency, rejected_by FROM govdisclose.rejected ORDER BY agency;
TRUNCATE govdisclose.rejected;
RESET govdisclose.on_violation;

-- The enforcement policy: which modes of govdisclose.on_violation a role
-- may use on a table is decided by the table's owner or an admin, not by the
-- role.  By default any role may use error and quarantine; warning only the
-- owner and the admins.
SELECT relation, modes FROM enforcement_policy;
SET ROLE gd_sec_loader_a;
SET govdisclose.on_violation = 'warning';
INSERT INTO govdisclose.report (agency, year, review__upheld, review__corrected, review__other, review__pending, review__total)
VALUES ('策略甲', 2024, 1, 1, 1, 1, 5);
-- also for a valid row, and whichever way the setting was made
INSERT INTO govdisclose.report (agency, year) VALUES ('策略甲', 2024);
SELECT set_config('govdisclose.on_violation', 'warning', false);
UPDATE govdisclose.report SET review__total = 23 WHERE agency = '上海市金山区人民政府';
SET govdisclose.on_violation = 'quarantine';
INSERT INTO govdisclose.report (agency, year, review__upheld, review__corrected, review__other, review__pending, review__total)
VALUES ('策略甲', 2024, 1, 1, 1, 1, 5);
SELECT agency, rejected_by FROM govdisclose.rejected;
-- a loader cannot change the policy
SELECT relation, modes FROM set_enforcement('govdisclose.report', '{error,quarantine,warning}');
INSERT INTO enforcement_policy (relation, modes) VALUES ('govdisclose.report', '{error,quarantine,warning}');
RESET ROLE;
-- the owner may use warning
SET govdisclose.on_violation = 'warning';
SET client_min_messages = error;
INSERT INTO govdisclose.report (agency, year, review__upheld, review__corrected, review__other, review__pending, review__total)
VALUES ('策略甲', 2024, 1, 1, 1, 1, 5);
RESET client_min_messages;
SELECT agency, is_valid(r) FROM govdisclose.report r WHERE agency = '策略甲';
DELETE FROM govdisclose.report WHERE agency = '策略甲';
-- the owner allows error alone: quarantine is refused too
SELECT relation, modes, set_by = current_user AS by_me FROM set_enforcement('govdisclose.report', '{error}');
SET ROLE gd_sec_loader_a;
SET govdisclose.on_violation = 'quarantine';
INSERT INTO govdisclose.report (agency, year) VALUES ('策略甲', 2024);
UPDATE enforcement_policy SET modes = '{error,quarantine,warning}';
DELETE FROM enforcement_policy;
SELECT relation, modes FROM enforcement_policy;
RESET ROLE;
-- an admin may use warning and set the policy of any table
SELECT grant_admin('gd_sec_admin');
SELECT role, granted_by = current_user AS by_me FROM admin;
SET ROLE gd_sec_admin;
SELECT is_admin(), may_set_enforcement('govdisclose.report');
SET govdisclose.on_violation = 'warning';
SET client_min_messages = error;
INSERT INTO govdisclose.report (agency, year, review__upheld, review__corrected, review__other, review__pending, review__total)
VALUES ('策略乙', 2024, 1, 1, 1, 1, 5);
RESET client_min_messages;
SELECT relation, modes, set_by FROM set_enforcement('govdisclose.report', '{error,quarantine}');
-- and reads every role's rejections
SELECT agency, rejected_by FROM govdisclose.rejected;
DELETE FROM govdisclose.report WHERE agency = '策略乙';
RESET ROLE;
SELECT revoke_admin('gd_sec_admin');
SET ROLE gd_sec_admin;
SELECT is_admin();
RESET ROLE;
-- the owner of a table of its own may use any mode on it
GRANT CREATE ON SCHEMA public TO gd_sec_loader_a;
SET ROLE gd_sec_loader_a;
CREATE TABLE public.own_reports (agency text, year int4, review__upheld int4, review__corrected int4,
                                 review__other int4, review__pending int4, review__total int4);
CREATE TRIGGER own_reports_enforce BEFORE INSERT OR UPDATE ON public.own_reports
    FOR EACH ROW EXECUTE FUNCTION govdisclose.enforce();
SET govdisclose.on_violation = 'warning';
SET client_min_messages = error;
INSERT INTO public.own_reports VALUES ('自己的', 2024, 1, 1, 1, 1, 5);
RESET client_min_messages;
SELECT count(*) FROM public.own_reports;
DROP TABLE public.own_reports;
RESET ROLE;
REVOKE CREATE ON SCHEMA public FROM gd_sec_loader_a;
TRUNCATE govdisclose.rejected;
DELETE FROM enforcement_policy;
RESET govdisclose.on_violation;

-- search_path: with the README's path (govdisclose before public), functions
-- another role plants in public change nothing; integer literals find
-- share(int4, int4) exactly, not a public.share(int, int).
CREATE FUNCTION public.share(int, int) RETURNS numeric LANGUAGE sql AS 'SELECT 666::numeric';
CREATE FUNCTION public.share(int, int, int) RETURNS numeric LANGUAGE sql AS 'SELECT 666::numeric';
CREATE FUNCTION public.disclosure_rate(govdisclose.request_matrix) RETURNS numeric LANGUAGE sql AS 'SELECT 666::numeric';
CREATE FUNCTION public.disclosure_rate(govdisclose.report) RETURNS numeric LANGUAGE sql AS 'SELECT 666::numeric';
CREATE FUNCTION public.requests(govdisclose.report) RETURNS govdisclose.request_matrix
    LANGUAGE sql AS 'SELECT NULL::govdisclose.request_matrix';
CREATE FUNCTION public.is_valid(govdisclose.report) RETURNS boolean LANGUAGE sql AS 'SELECT true';
CREATE FUNCTION public.validate(govdisclose.report) RETURNS SETOF govdisclose.violation
    LANGUAGE sql AS 'SELECT NULL::govdisclose.violation WHERE false';
SET search_path = govdisclose, public;
SELECT share(153, 482) AS disclosed, share(160, 482, 4) AS four_places, share(153::bigint, 482) AS bigint_args;
SELECT disclosure_rate(r.requests), r.disclosure_rate, (r.requests).handled_total.total,
       is_valid(r), (SELECT count(*) FROM validate(r)) AS violations
FROM report r WHERE agency = '上海市金山区人民政府';
-- public first (not what the README says): the look-alikes of the same
-- argument types win
SET search_path = public, govdisclose;
SELECT share(153, 482) AS disclosed, r.disclosure_rate FROM report r WHERE agency = '上海市金山区人民政府';
SET search_path = govdisclose, public;
DROP FUNCTION public.share(int, int), public.share(int, int, int),
    public.disclosure_rate(govdisclose.request_matrix), public.disclosure_rate(govdisclose.report),
    public.requests(govdisclose.report), public.is_valid(govdisclose.report), public.validate(govdisclose.report);

-- the roles of this test go
DROP OWNED BY gd_sec_loader_a, gd_sec_loader_b, gd_sec_admin;
DROP ROLE gd_sec_loader_a, gd_sec_loader_b, gd_sec_admin;
