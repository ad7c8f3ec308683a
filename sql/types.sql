--
-- Composite types, the report table's columns and the way between them.
--
SET search_path = public, govdisclose;

-- A section of a stored report, by attribute notation (govdisclose on the
-- search_path) or by function call (always works).
SELECT (r.requests).handled_total, (r.requests).disclosed.total
FROM report r;
SELECT (govdisclose.requests(r)).carried_forward FROM govdisclose.report r;
SELECT r.proactive, r.appeals FROM report r;

-- Without govdisclose on the search_path, attribute notation finds nothing.
SET search_path = public;
SELECT r.requests FROM govdisclose.report r;
SELECT (govdisclose.appeals(r)).review FROM govdisclose.report r;
SET search_path = public, govdisclose;

-- Cells of a composite are the report's columns.
SELECT (r.requests).new_received.natural_person = r.new_received__natural_person AS same,
       (r.proactive).normative_documents.in_force, r.normative_documents__in_force,
       (r.proactive).licensing, (r.proactive).fees
FROM report r;

-- insert_report() stores composites through the same rules; a round trip
-- through the composites gives back the same row.
SELECT (insert_report('金山区（副本）', 2024, j.requests, j.proactive, j.appeals,
                      '2021', '310116', 'copy of the fixture')).agency
FROM jinshan j;
SELECT count(*) AS same_cells
FROM report a JOIN report b ON a.year = b.year AND a.agency <> b.agency
WHERE a.requests = b.requests AND a.proactive IS NOT DISTINCT FROM b.proactive
  AND a.appeals IS NOT DISTINCT FROM b.appeals
  AND a.agency = '上海市金山区人民政府';

-- NULL is unknown, never zero: a report without sections is stored with
-- missing warnings, and its sections come back NULL.
SELECT (insert_report('某局', 2024, NULL, NULL, NULL)).year;
SELECT r.requests IS NULL AS all_null, (r.requests).disclosed, (r.proactive).fees
FROM report r WHERE agency = '某局';
SELECT rule, section, row_code, message FROM report r, validate(r) v WHERE agency = '某局';

-- Defaults and metadata checks.
SELECT template, region_code, source FROM report WHERE agency = '某局';
SET client_min_messages = error;	-- the missing warnings are not the point here
\set VERBOSITY terse
INSERT INTO report (agency, year, template) VALUES ('某局', 2025, '2020');
INSERT INTO report (agency, year, region_code) VALUES ('某局', 2025, '31011');
INSERT INTO report (agency, year) VALUES ('', 2025);
\set VERBOSITY default
RESET client_min_messages;

-- The region code is six ASCII digits (行政区划代码).
SELECT is_region_code('310116'), is_region_code('31011'), is_region_code('3101１6'), is_region_code('31011a');

-- A composite can be written by hand, cell by cell.
SELECT ROW(1, 2, 0, 0, 0, 0, 3)::applicant_counts;
SELECT (ROW(ROW(0, 0, 0), ROW(28, 18, 73), 60805, 8256, 122, 18.8710)::proactive_stats).fees;

DELETE FROM report WHERE agency IN ('金山区（副本）', '某局');
