--
-- The BI layer: report_summary, continuity_breaks, share(numeric),
-- govdisclose.sum() over sections, and report functions over any row with
-- the report's columns (views, partitioned tables, UNION ALL).
--
SET search_path = public, govdisclose;

-- report_summary: one row per report, plain SQL types.
SELECT agency, year, region_code, received, handled, carried_forward,
       disclosed, withheld, unable, not_processed, other, disclosure_rate,
       review_total, review_corrected, review_correction_rate, errors, warnings
FROM govdisclose.report_summary WHERE agency = '上海市金山区人民政府' AND year = 2024;
SELECT disclosed_share, withheld_share, unable_share, not_processed_share, other_share,
       litigation_total, litigation_correction_rate, licensing, fees
FROM govdisclose.report_summary WHERE agency = '上海市金山区人民政府' AND year = 2024;
-- the shares are numeric(5,2), the counts bigint: what BI tools read
SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute
WHERE attrelid = 'govdisclose.report_summary'::regclass
  AND attname IN ('received', 'disclosure_rate', 'review_correction_rate', 'errors', 'licensing')
ORDER BY attnum;

-- The summary agrees with outcome_shares() and disclosure_rate() on
-- damaged copies of the fixture: totals not printed (the row's cells are
-- summed), a whole not printed (the groups are summed), a whole of 0, a
-- share beyond numeric(5,2) (NULL), and a 2019-template report.
CREATE TEMP TABLE damaged (LIKE govdisclose.report);
INSERT INTO damaged SELECT * FROM govdisclose.report WHERE agency = '上海市金山区人民政府' AND year = 2024;
INSERT INTO damaged SELECT (jsonb_populate_record(d, jsonb_build_object('agency', 'no totals', 'agency_id', NULL, 'disclosed__total', NULL, 'withheld_third_party__total', NULL))).* FROM damaged d WHERE agency = '上海市金山区人民政府';
INSERT INTO damaged SELECT (jsonb_populate_record(d, jsonb_build_object('agency', 'no whole', 'agency_id', NULL, 'handled_total__total', NULL))).* FROM damaged d WHERE agency = '上海市金山区人民政府';
INSERT INTO damaged SELECT (jsonb_populate_record(d, jsonb_build_object('agency', 'whole 0', 'agency_id', NULL, 'handled_total__total', 0))).* FROM damaged d WHERE agency = '上海市金山区人民政府';
INSERT INTO damaged SELECT (jsonb_populate_record(d, jsonb_build_object('agency', 'whole 10', 'agency_id', NULL, 'handled_total__total', 10))).* FROM damaged d WHERE agency = '上海市金山区人民政府';
INSERT INTO damaged SELECT (jsonb_populate_record(d, jsonb_build_object('agency', 'cell lost', 'agency_id', NULL, 'disclosed__total', NULL, 'disclosed__other_org', NULL))).* FROM damaged d WHERE agency = '上海市金山区人民政府';
INSERT INTO damaged SELECT (jsonb_populate_record(d, jsonb_build_object('agency', '2019', 'agency_id', NULL, 'template', '2019', 'other_no_correction__total', NULL, 'other_no_correction__natural_person', NULL,
    'other_no_fee__total', NULL, 'other_other__total', 152, 'other_other__natural_person', 142))).* FROM damaged d WHERE agency = '上海市金山区人民政府';
-- (stored in warning mode: most of them break a rule)
BEGIN;
SET LOCAL client_min_messages = error;
SET LOCAL govdisclose.on_violation = warning;
INSERT INTO govdisclose.report SELECT * FROM damaged WHERE agency <> '上海市金山区人民政府';
SELECT s.agency, s.handled, s.disclosed, s.disclosure_rate, s.other_share, s.errors,
       s.disclosure_rate IS NOT DISTINCT FROM
           CASE WHEN abs(disclosure_rate(r)) < 1000 THEN disclosure_rate(r) END AS same_rate,
       ARRAY[s.disclosed, s.withheld, s.unable, s.not_processed, s.other] IS NOT DISTINCT FROM
           (SELECT array_agg(o.count ORDER BY g.position)
            FROM outcome_shares(r) o JOIN outcome_groups g ON g.code = o.group_code) AS same_counts,
       ARRAY[s.disclosed_share, s.withheld_share, s.unable_share, s.not_processed_share, s.other_share] IS NOT DISTINCT FROM
           (SELECT array_agg(CASE WHEN abs(o.percent) < 1000 THEN o.percent END ORDER BY g.position)
            FROM outcome_shares(r) o JOIN outcome_groups g ON g.code = o.group_code) AS same_shares
FROM govdisclose.report_summary s
JOIN govdisclose.report r USING (agency, year)
WHERE s.agency IN (SELECT agency FROM damaged)
ORDER BY s.agency;
ROLLBACK;

-- continuity_breaks: the year before of the fixture, with one column off.
BEGIN;
SET LOCAL client_min_messages = error;
INSERT INTO govdisclose.report (agency, year, template, carried_forward__natural_person, carried_forward__commercial_enterprise,
    carried_forward__research_institution, carried_forward__social_welfare_org, carried_forward__legal_service_org,
    carried_forward__other_org, carried_forward__total)
VALUES ('上海市金山区人民政府', 2023, '2021', 17, 2, 0, 0, 0, 0, 19);
SELECT * FROM govdisclose.continuity_breaks ORDER BY agency, year, column_code;
ROLLBACK;

-- share() of numerics, for sums of bigint: exact, as the bigint one.
SELECT share(153::numeric, 482), share(sum(x), sum(y)) FROM (VALUES (100::bigint, 300::bigint), (53, 182)) v(x, y);
SELECT share(1::numeric, 8), share(-1::numeric, 16, 1), share(2.5, 7.5, 4), share(5::numeric, 0) AS whole_zero;
-- the same figure as share(bigint, bigint) wherever both apply
SELECT count(*) AS disagreements FROM generate_series(-50, 50) p, generate_series(-7, 40) w, generate_series(0, 3) sc
WHERE share(p::numeric, w::numeric, sc) IS DISTINCT FROM share(p::bigint, w::bigint, sc);
-- no double rounding: 12.3449999…% is 12.34, where dividing first (to 16
-- significant digits) and then rounding gives 12.35
SELECT share(123449999999999999999999999999999999, 10::numeric ^ 36) AS exact,
       round(100 * 123449999999999999999999999999999999 / 10::numeric ^ 36, 2) AS rounded_twice;
-- share_5_2: the share where it fits numeric(5,2), NULL beyond
SELECT share_5_2(99999, 10000) AS largest, share_5_2(-99999, 10000) AS smallest,
       share_5_2(999995, 100000) AS rounds_beyond, share_5_2(1, 0) AS whole_zero, share_5_2(153, 482);
SELECT share('NaN'::numeric, 3);
SELECT share(1::numeric, 3, 1001);

-- govdisclose.sum(): the fixture and 300 valid synthetic matrices (the
-- fixture times 1 to 7: every identity holds) sum to a valid matrix equal
-- to the cell-wise sums of the columns.  (Not a temporary table: parallel
-- workers cannot read those.)
CREATE TABLE many AS
SELECT m.* FROM govdisclose.report r, generate_series(1, 300) k,
LATERAL jsonb_populate_record(r, (SELECT jsonb_object_agg(key,
            CASE WHEN jsonb_typeof(value) = 'number' AND key <> 'year' THEN to_jsonb(value::numeric * (1 + k % 7)) ELSE value END)
          FROM jsonb_each(to_jsonb(r))) || jsonb_build_object('agency', 'synthetic ' || k)) m
WHERE r.agency = '上海市金山区人民政府' AND r.year = 2024;
INSERT INTO many SELECT * FROM govdisclose.report WHERE agency = '上海市金山区人民政府' AND year = 2024;
SELECT count(*), is_valid(sum(requests(m))), disclosure_rate(sum(requests(m))),
       (sum(requests(m))).handled_total.total, sum(handled_total__total)
FROM many m;
-- every cell of the three sums against SQL's sum() of its column
WITH summed AS (
    SELECT to_jsonb(sum(requests(m))) AS rq, to_jsonb(sum(proactive(m))) AS pr, to_jsonb(sum(appeals(m))) AS ap FROM many m),
cells_of_sum AS (
    SELECT i.key || CASE WHEN jsonb_typeof(i.value) = 'object' THEN '__' || c.key ELSE '' END AS column_name,
           CASE WHEN jsonb_typeof(i.value) = 'object' THEN c.value ELSE i.value END AS value
    FROM summed, jsonb_each(rq || pr || ap) i
    LEFT JOIN LATERAL jsonb_each(CASE WHEN jsonb_typeof(i.value) = 'object' THEN i.value END) c ON true),
column_sums AS (
    SELECT key AS column_name, sum(value::numeric) AS value
    FROM many m, jsonb_each(to_jsonb(m)) WHERE jsonb_typeof(value) = 'number' GROUP BY key)
SELECT count(*) AS cells_compared,
       count(*) FILTER (WHERE (s.value #>> '{}')::numeric IS DISTINCT FROM cs.value) AS differing
FROM cells c JOIN cells_of_sum s USING (column_name) LEFT JOIN column_sums cs USING (column_name)
WHERE c.section IN ('requests', 'proactive', 'appeals');
-- outcome_shares over the pooled counts, with every rounding method
SELECT method, array_agg(o.percent ORDER BY g.position)
FROM unnest(ARRAY['half_up', 'largest_remainder', 'plug_last']) method,
     LATERAL outcome_shares((SELECT sum(requests(m)) FROM many m), method) o
     JOIN outcome_groups g ON g.code = o.group_code
GROUP BY method ORDER BY method;
-- a cell not printed by one input is the sum of the others (as sum());
-- NULL only when no input printed it; no input at all is NULL
SELECT (sum(a)).review.total, (sum(a)).suit_after_review IS NULL AS never_printed
FROM (SELECT appeals(m) AS a FROM many m UNION ALL SELECT NULL::appeal_stats) x;
SELECT sum(requests(m)) IS NULL AS empty FROM many m WHERE false;
-- a parallel plan: partial sums in the workers, combined in the leader
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
EXPLAIN (COSTS OFF) SELECT sum(requests(m)) FROM many m;
SELECT (sum(requests(m))).handled_total.total, (sum(proactive(m))).licensing FROM many m;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
-- beyond a cell's range: 22003, never a wrapped value
CREATE TEMP TABLE big AS SELECT * FROM many LIMIT 2;
UPDATE big SET new_received__natural_person = 2000000000;
SELECT (sum(requests(b))).new_received.total FROM big b;

-- Any row with the report's columns: a UNION ALL view, a partitioned table.
CREATE TEMP TABLE archive (LIKE govdisclose.report);
INSERT INTO archive SELECT * FROM many WHERE agency = 'synthetic 2';
CREATE TEMP VIEW all_reports AS
    SELECT * FROM govdisclose.report WHERE agency = '上海市金山区人民政府' UNION ALL SELECT * FROM archive;
SELECT a.agency, disclosure_rate(a), a.disclosure_rate, (a.requests).handled_total.total, is_valid(a),
       (SELECT count(*) FROM validate(a)) AS violations
FROM all_reports a ORDER BY 1;
CREATE TABLE parted (LIKE govdisclose.report) PARTITION BY LIST (template);
CREATE TABLE parted_2021 PARTITION OF parted FOR VALUES IN ('2021');
CREATE TABLE parted_2019 PARTITION OF parted FOR VALUES IN ('2019');
INSERT INTO parted SELECT * FROM all_reports;
SELECT p.agency, p.disclosure_rate, group_code, percent
FROM parted p, outcome_shares(p) WHERE group_code = 'unable' ORDER BY 1;
SELECT disclosure_rate(sum(requests(p))) FROM parted p;
-- columns in another order are read by name
CREATE TEMP TABLE shuffled AS SELECT year, handled_total__total, agency, disclosed__total, partially_disclosed__total FROM archive;
SELECT agency, disclosure_rate(s) FROM shuffled s;
-- continuity of such a row is checked against govdisclose.report, whose
-- columns are read with its own layout (the year after the fixture)
CREATE TEMP TABLE next_year AS
SELECT carried_over__total, year, agency FROM (VALUES (999, 2025, '上海市金山区人民政府')) v(carried_over__total, year, agency);
SELECT rule, row_code, column_code, expected, actual FROM next_year n, validate(n) WHERE rule = 'continuity';
-- a row without report columns is refused
SELECT disclosure_rate(ROW(1, 2));
DROP TABLE parted, many;

-- govdisclose.sum(r) of whole reports: a report of sums, read from the
-- columns (no composite built per row); the same cells as the sections' sums.
CREATE TABLE many2 AS
SELECT m.* FROM govdisclose.report r, generate_series(1, 50) k,
LATERAL jsonb_populate_record(r, (SELECT jsonb_object_agg(key,
            CASE WHEN jsonb_typeof(value) = 'number' AND key <> 'year' THEN to_jsonb(value::numeric * (1 + k % 5)) ELSE value END)
          FROM jsonb_each(to_jsonb(r))) || jsonb_build_object('agency', 'synthetic ' || k)) m
WHERE r.agency = '上海市金山区人民政府' AND r.year = 2024;
SELECT s.agency, s.year, s.template, disclosure_rate(s), is_valid(s), (s.requests).handled_total.total,
       s.requests = (SELECT sum(requests(m)) FROM many2 m) AS same_requests,
       s.appeals = (SELECT sum(appeals(m)) FROM many2 m) AS same_appeals,
       s.licensing, s.fees
FROM (SELECT govdisclose.sum(m) AS s FROM many2 m) x, LATERAL (SELECT (x.s).*) s;
SELECT (govdisclose.sum(m)).template AS mixed_template FROM (SELECT * FROM many2 UNION ALL SELECT (jsonb_populate_record(m, '{"template": "2019"}')).* FROM many2 m LIMIT 60) m;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
EXPLAIN (COSTS OFF) SELECT govdisclose.sum(m) FROM many2 m;
SELECT disclosure_rate(govdisclose.sum(m)), (govdisclose.sum(m)).handled_total__total FROM many2 m;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
SELECT govdisclose.sum(x) FROM (VALUES (1, 2)) x(a, b);
DROP TABLE many2;

-- A bigint column holds a cell as long as the value fits one (a view of
-- sums read by a report function); govdisclose.sum() adds bigints in full,
-- and its result must fit, as always.
CREATE TEMP TABLE wide (agency text, year int4, disclosed__total bigint, partially_disclosed__total bigint,
                        handled_total__total bigint);
INSERT INTO wide VALUES ('fits', 2024, 100, 53, 482), ('beyond int4', 2024, 3000000000, 0, 3000000000);
SELECT agency, disclosure_rate(w) FROM wide w WHERE agency = 'fits';
SELECT agency, disclosure_rate(w) FROM wide w WHERE agency = 'beyond int4';
SELECT (govdisclose.sum(w)).handled_total__total FROM wide w WHERE agency = 'fits';
SELECT (govdisclose.sum(w)).handled_total__total FROM wide w;
