--
-- The 2019 trial template (docs/domain.md §2.2): 三(六) as one row, and its own
-- section 二, stored in the p2019_* columns of govdisclose.report.
--
SET search_path = public, govdisclose;

-- A 2019 report: section 三 with 三(六) in other_other only, section 二 in
-- the trial layout; the signed changes may be negative (printed "-417" or
-- "减4").
SELECT (insert_report('试行局', 2019,
    ROW(ROW(10,0,0,0,0,0,10), ROW(0,0,0,0,0,0,0), ROW(4,0,0,0,0,0,4), ROW(1,0,0,0,0,0,1),
        ROW(0,0,0,0,0,0,0), ROW(0,0,0,0,0,0,0), ROW(0,0,0,0,0,0,0), ROW(0,0,0,0,0,0,0),
        ROW(0,0,0,0,0,0,0), ROW(0,0,0,0,0,0,0), ROW(0,0,0,0,0,0,0), ROW(0,0,0,0,0,0,0),
        ROW(2,0,0,0,0,0,2), ROW(0,0,0,0,0,0,0), ROW(0,0,0,0,0,0,0), ROW(0,0,0,0,0,0,0),
        ROW(0,0,0,0,0,0,0), ROW(0,0,0,0,0,0,0), ROW(0,0,0,0,0,0,0), ROW(0,0,0,0,0,0,0),
        NULL, NULL, ROW(2,0,0,0,0,0,2),
        ROW(9,0,0,0,0,0,9), ROW(1,0,0,0,0,0,1))::request_matrix,
    NULL,
    ROW(ROW(1,0,0,0,1), ROW(0,0,0,0,0), ROW(0,0,0,0,0))::appeal_stats,
    '2019', NULL, 'hand-made',
    ROW(ROW(0,0,0), ROW(5,5,120), ROW(812,-417,3050), ROW(30,-4,12),
        ROW(0,0,951), ROW(0,0,17), ROW(21,-2), ROW(38,'1234.5600','万元'))::proactive_stats_2019)).template;

-- No missing warning for the 2021 section 二 it does not have, nor for the
-- sub-rows of 三(六); nothing broken.
SELECT count(*) AS violations FROM report r, validate(r) v WHERE agency = '试行局';
SELECT is_valid(r) FROM report r WHERE agency = '试行局';
SELECT r.proactive IS NULL AS no_2021_section, (r.proactive_2019).licensing, (r.proactive_2019).procurement
FROM report r WHERE agency = '试行局';
SELECT p2019_licensing__change, p2019_procurement__amount, p2019_procurement__unit
FROM report WHERE agency = '试行局';
SELECT disclosure_rate(r.requests) FROM report r WHERE agency = '试行局';

-- A count below 0 breaks nonnegative; a change below 0 does not.
SELECT rule, row_code, column_code, actual, message
FROM report r, validate(ROW((r.proactive_2019).rules, (r.proactive_2019).normative_documents,
    ROW(-1, -417, 3050), (r.proactive_2019).other_services, (r.proactive_2019).punishment,
    (r.proactive_2019).coercion, (r.proactive_2019).fees,
    ROW(38, -1.5, '万元'))::proactive_stats_2019) v
WHERE agency = '试行局';

-- Not printed: a unit alone, and the whole section.
SELECT rule, row_code, message
FROM validate(ROW(NULL, NULL, NULL, NULL, NULL, NULL, NULL, ROW(38, 1234.56, NULL))::proactive_stats_2019)
WHERE row_code = 'procurement';
SELECT rule, section, message FROM validate(NULL::proactive_stats_2019);

-- Its cells in the long views (sql/bi_labels.sql): section 三 without the
-- rows 三(六)1 and 三(六)2 its template lacks (161 cells), section 二 in
-- proactive_2019_cells (23 cells, the unit as value_text), none in
-- proactive_cells.
SELECT (SELECT count(*) FROM request_cells WHERE agency = '试行局') AS request_cells,
       (SELECT count(*) FROM request_cells WHERE agency = '试行局' AND row_code LIKE 'other_no%') AS rows_it_lacks,
       (SELECT count(*) FROM proactive_cells WHERE agency = '试行局') AS proactive_cells,
       (SELECT count(*) FROM proactive_2019_cells WHERE agency = '试行局') AS proactive_2019_cells,
       (SELECT count(*) FROM appeal_cells WHERE agency = '试行局') AS appeal_cells;
SELECT item_code, cell_code, cell_label_en, kind, value, value_text
FROM proactive_2019_cells
WHERE agency = '试行局' AND item_code IN ('licensing', 'procurement')
ORDER BY position;
SELECT count(*) AS cells,
       count(*) FILTER (WHERE coalesce(v.value::text, v.value_text) IS DISTINCT FROM to_jsonb(r) ->> c.column_name
                        OR (v.item_code, v.cell_code, v.item_label_en, v.cell_label_en, v.kind)
                           IS DISTINCT FROM (c.row_code, c.column_code, c.row_label_en, c.column_label_en, c.kind)) AS wrong
FROM proactive_2019_cells v JOIN cells c USING (position) JOIN report r USING (agency, year)
WHERE v.agency = '试行局';
-- What a report prints is never left out: a 2019 report that prints 三(六)1
-- lists that row (and the rules count it); one that prints a 2021 section 二
-- cell lists that section.
BEGIN;
SET LOCAL client_min_messages = error;
UPDATE report SET other_no_correction__natural_person = 0, licensing = 7 WHERE agency = '试行局';
SELECT (SELECT count(*) FROM request_cells WHERE agency = '试行局') AS request_cells,
       (SELECT string_agg(DISTINCT row_code, ', ') FROM request_cells
        WHERE agency = '试行局' AND row_code LIKE 'other_no%') AS rows_listed,
       (SELECT count(*) FROM proactive_cells WHERE agency = '试行局') AS proactive_cells,
       (SELECT sum(value) FROM proactive_cells WHERE agency = '试行局') AS proactive_sum;
ROLLBACK;

-- The same report declared 2021 misses the 2021 rows and section 二.
UPDATE report SET template = '2021' WHERE agency = '试行局';
SELECT rule, section, row_code FROM report r, validate(r) v WHERE agency = '试行局';
DELETE FROM report WHERE agency = '试行局';
