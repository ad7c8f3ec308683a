--
-- docs/BI.md: every dashboard query of the guide, on the sample of five
-- real reports (test/data/bi-sample.csv; 洪泽区 2023 breaks a rule, so the
-- sample is loaded in warning mode).  The queries are the guide's, verbatim.
--
TRUNCATE govdisclose.report;
BEGIN;
SET LOCAL govdisclose.on_violation = warning;
SET LOCAL client_min_messages = error;
\copy govdisclose.report FROM 'test/data/bi-sample.csv' (FORMAT csv, HEADER MATCH)
COMMIT;
SELECT agency, year, region_code FROM govdisclose.report ORDER BY region_code, year;

-- 1. The disclosure rate by agency and year
SELECT agency, year, received, handled, disclosure_rate
FROM govdisclose.report_summary
ORDER BY agency, year;

-- 2. Ranking within a province
SELECT p.name AS province, s.agency, s.year, s.disclosure_rate,
       rank() OVER (PARTITION BY g.province_code, s.year ORDER BY s.disclosure_rate DESC NULLS LAST) AS rank
FROM govdisclose.report_summary s
JOIN govdisclose.region g ON g.code = s.region_code
JOIN govdisclose.region p ON p.code = g.province_code
ORDER BY province, s.year, rank;

-- 3. Year-over-year change
SELECT agency_name, year, agency, received, disclosure_rate,
       CASE WHEN lag(year) OVER w = year - 1 THEN received - lag(received) OVER w END AS received_change,
       CASE WHEN lag(year) OVER w = year - 1 THEN disclosure_rate - lag(disclosure_rate) OVER w END AS rate_change
FROM govdisclose.report_summary
WHERE agency_id IS NOT NULL
WINDOW w AS (PARTITION BY agency_id ORDER BY year)
ORDER BY agency_name, year;

-- 4. Outcome shares by year
SELECT y.year, o.group_code, o.label_zh, o.count, o.percent
FROM (SELECT year, govdisclose.sum(govdisclose.requests(r)) AS requests
      FROM govdisclose.report r GROUP BY year) y,
     govdisclose.outcome_shares(y.requests, 'largest_remainder') o
ORDER BY y.year, o.group_code;

-- 5. The top reasons for not disclosing, nationally
SELECT row_code, row_label_zh, row_label_en, sum(value) AS requests
FROM govdisclose.request_cells
WHERE outcome_group = 'withheld' AND column_code = 'total'
GROUP BY row_code, row_label_zh, row_label_en
HAVING sum(value) > 0
ORDER BY requests DESC, row_code;

-- 6. Reports that break the template's identities
SELECT s.agency, s.year, v.rule, v.row_code, v.column_code, v.expected, v.actual
FROM govdisclose.report_summary s
JOIN govdisclose.report r USING (agency, year)
CROSS JOIN LATERAL govdisclose.validate(r) v
WHERE s.errors > 0 AND v.severity = 'error'
ORDER BY s.agency, s.year, v.row_code, v.column_code;

-- 7. Review and litigation correction rates
SELECT agency, year, review_total, review_corrected, review_correction_rate,
       litigation_total, litigation_corrected, litigation_correction_rate
FROM govdisclose.report_summary
ORDER BY agency, year;
SELECT sum(review_total) AS review_total,
       govdisclose.share(sum(review_corrected), sum(review_total)) AS review_correction_rate,
       sum(litigation_total) AS litigation_total,
       govdisclose.share(sum(litigation_corrected), sum(litigation_total)) AS litigation_correction_rate
FROM govdisclose.report_summary;

-- 8. Continuity between years
SELECT agency_name, year, agency, previous_agency, column_code, carried_over, previous_carried_forward, difference
FROM govdisclose.continuity_breaks
ORDER BY agency_name, year, column_code;

-- 9. A province roll-up
SELECT p.name AS province, r.year, count(*) AS reports, sum(r.handled_total__total) AS handled,
       govdisclose.share(sum(r.disclosed__total) + sum(r.partially_disclosed__total), sum(r.handled_total__total)) AS disclosure_rate
FROM govdisclose.report r
JOIN govdisclose.region g ON g.code = r.region_code
JOIN govdisclose.region p ON p.code = g.province_code
GROUP BY p.name, r.year
ORDER BY p.name, r.year;
SELECT p.name AS province, count(*) AS reports,
       (govdisclose.sum(r)).handled_total__total AS handled,
       govdisclose.disclosure_rate(govdisclose.sum(r)) AS disclosure_rate,
       govdisclose.is_valid(govdisclose.requests(govdisclose.sum(r))) AS valid
FROM govdisclose.report r
JOIN govdisclose.region g ON g.code = r.region_code
JOIN govdisclose.region p ON p.code = g.province_code
GROUP BY p.name
ORDER BY p.name;

-- 10. The trend of section 二's counts
SELECT year, count(*) AS reports,
       sum(normative_documents__issued) AS normative_documents_issued,
       sum(licensing) AS licensing, sum(punishment) AS punishment, sum(coercion) AS coercion
FROM govdisclose.report_summary
GROUP BY year
ORDER BY year;

-- Turn JIT off for the dashboards' role.
SET client_min_messages = warning;
DROP ROLE IF EXISTS dashboard;
RESET client_min_messages;
CREATE ROLE dashboard;
ALTER ROLE dashboard SET jit = off;
SELECT setconfig FROM pg_db_role_setting WHERE setrole = 'dashboard'::regrole;
DROP ROLE dashboard;
