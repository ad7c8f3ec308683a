--
-- Who may write what (docs/SECURITY.md): quarantined rows are written only
-- by govdisclose.enforce(); loaders read their own.
--
SET search_path = govdisclose, public;
SET client_min_messages = warning;
DROP ROLE IF EXISTS gd_sec_loader_a;
DROP ROLE IF EXISTS gd_sec_loader_b;
RESET client_min_messages;
CREATE ROLE gd_sec_loader_a;
CREATE ROLE gd_sec_loader_b;
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

-- the roles of this test go
DROP OWNED BY gd_sec_loader_a, gd_sec_loader_b;
DROP ROLE gd_sec_loader_a, gd_sec_loader_b;
