--
-- For BI tools (issue 8): English labels beside the Chinese ones, label(),
-- and the long views request_cells, proactive_cells, appeal_cells and
-- proactive_2019_cells, on the Jinshan 2024 fixture loaded by tour.sql.
--
SET search_path = public, govdisclose;

-- label(code, lang): Chinese by default, English on request.
SELECT label('natural_person') AS zh, label('natural_person', 'en') AS en,
       label('withheld', 'en') AS "group", label('appeal_total', 'en') AS rule;
-- A bare code with several meanings is refused; its scope settles it.
SELECT label('disclosed', 'en');
SELECT label('group.disclosed', 'en') AS "group", label('requests.disclosed', 'en') AS "row",
       label('appeals.other', 'en') AS cell, label('rule.handled_total') AS rule;
-- One code in several scopes with the same labels is one meaning.
SELECT label('total', 'en') AS total, label('licensing') AS licensing;
-- An unknown code is NULL; an unknown language an error.
SELECT label('disclosd', 'en') IS NULL AS unknown_code, label(NULL) IS NULL AS null_code;
SELECT label('natural_person', 'fr');
-- Scoped codes label what the functions return: outcome groups, violations.
SELECT s.group_code, label('group.' || s.group_code, 'en') AS label_en, s.percent
FROM report r, outcome_shares(r, 'half_up') s WHERE r.agency = '上海市金山区人民政府';
SELECT v.rule, label('rule.' || v.rule, 'en') AS rule_en, label(v.section || '.' || v.row_code, 'en') AS row_en
FROM report r, validate(r) v WHERE r.agency = '上海市金山区人民政府';
-- Every code of the reference views has its English label, the same label() gives.
SELECT count(*) AS codes, count(*) FILTER (WHERE label(scope || '.' || code, 'en') = label_en) AS agree
FROM (SELECT DISTINCT section AS scope, row_code AS code, row_label_en AS label_en FROM cells
      UNION SELECT DISTINCT section, column_code, column_label_en FROM cells WHERE column_code IS NOT NULL
      UNION SELECT 'group', code, label_en FROM outcome_groups
      UNION SELECT 'rule', code, label_en FROM rules) c;

-- The reference views, in English too.
SELECT position, code, label_zh, label_en FROM outcome_groups ORDER BY position;
SELECT code, severity, label_zh, label_en FROM rules;
SELECT DISTINCT column_code, column_label_zh, column_label_en
FROM cells WHERE section = 'requests' ORDER BY column_code;

-- Long views: 175 + 10 + 15 cells of the Jinshan report, NULL where not printed.
SELECT (SELECT count(*) FROM request_cells WHERE agency = '上海市金山区人民政府') AS request_cells,
       (SELECT count(*) FROM proactive_cells WHERE agency = '上海市金山区人民政府') AS proactive_cells,
       (SELECT count(*) FROM appeal_cells WHERE agency = '上海市金山区人民政府') AS appeal_cells,
       (SELECT count(*) FROM proactive_2019_cells WHERE agency = '上海市金山区人民政府') AS proactive_2019_cells;
SELECT row_code, row_label_en, value
FROM request_cells
WHERE agency = '上海市金山区人民政府' AND column_code = 'total' AND value > 0
ORDER BY position;
SELECT item_code, item_label_en, cell_code, cell_label_en, kind, value
FROM proactive_cells WHERE agency = '上海市金山区人民政府' ORDER BY position;
SELECT block_label_en, cell_label_en, value
FROM appeal_cells WHERE agency = '上海市金山区人民政府' AND cell_code IN ('corrected', 'total')
ORDER BY position;

-- A dashboard's outcome groups, by summing the long form.
SELECT c.outcome_group, g.label_en, sum(c.value) AS requests
FROM request_cells c JOIN outcome_groups g ON g.code = c.outcome_group
WHERE c.column_code = 'total' AND c.agency = '上海市金山区人民政府'
GROUP BY c.outcome_group, g.label_en, g.position ORDER BY g.position;

-- Every value is the report's column, every label the reference view's.
SELECT count(*) AS cells,
       count(*) FILTER (WHERE v.value::text IS DISTINCT FROM to_jsonb(r) ->> c.column_name) AS wrong_values,
       count(*) FILTER (WHERE (v.row_code, v.row_label_zh, v.row_label_en, v.column_code, v.column_label_zh, v.column_label_en)
                        IS DISTINCT FROM (c.row_code, c.row_label_zh, c.row_label_en, c.column_code, c.column_label_zh, c.column_label_en)
                        OR v.outcome_group IS DISTINCT FROM c.outcome_group) AS wrong_labels
FROM request_cells v JOIN cells c USING (position) JOIN report r USING (agency, year);
SELECT count(*) AS cells,
       count(*) FILTER (WHERE v.value::text IS DISTINCT FROM to_jsonb(r) ->> c.column_name
                        OR (v.block_code, v.cell_code, v.block_label_en, v.cell_label_en)
                           IS DISTINCT FROM (c.row_code, c.column_code, c.row_label_en, c.column_label_en)) AS wrong
FROM appeal_cells v JOIN cells c USING (position) JOIN report r USING (agency, year);
SELECT count(*) AS cells,
       count(*) FILTER (WHERE v.value::text IS DISTINCT FROM to_jsonb(r) ->> c.column_name
                        OR (v.item_code, v.cell_code, v.item_label_zh, v.cell_label_zh, v.kind)
                           IS DISTINCT FROM (c.row_code, c.column_code, c.row_label_zh, c.column_label_zh, c.kind)) AS wrong
FROM proactive_cells v JOIN cells c USING (position) JOIN report r USING (agency, year);

-- A qual on the report's columns reaches the table's index.
SET enable_seqscan = off;
EXPLAIN (COSTS OFF) SELECT value FROM request_cells WHERE agency = '上海市金山区人民政府' AND year = 2024;
RESET enable_seqscan;

-- A 2019-template report's cells: sql/template2019.sql.
