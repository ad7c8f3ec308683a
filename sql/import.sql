--
-- Report text in: parse_report(), check_narrative(), import_report().
-- The fixture is the real Jinshan 2024 report as extracted from its PDF.
--
SET search_path = public, govdisclose;
\set body `cat test/data/parse/jinshan-2024.txt`

-- The title, the template and every number of docs/domain.md §8.
SELECT p.agency, p.year, p.template, p.found_tables, p.rounding_methods
FROM parse_report(:'body') p;
SELECT (p.requests).new_received, (p.requests).carried_over, (p.requests).handled_total,
       (p.requests).carried_forward, (p.requests).other_other
FROM parse_report(:'body') p;
SELECT p.proactive, p.appeals IS NULL AS appeals_not_read, p.proactive_2019 IS NULL AS no_2019_section
FROM parse_report(:'body') p;
SELECT disclosure_rate(p.requests), is_valid(p.requests) FROM parse_report(:'body') p;

-- What it could not read: no 行政事业性收费 row, and section 四's row of ten
-- numbers for fifteen cells, left unassigned.
SELECT d.line, d.section, d.code, d.message FROM parse_report(:'body') p, unnest(p.diagnostics) d;

-- The narrative checked against the tables as parsed: the figures agree,
-- the percentages under plug_last; section 四's cannot be confirmed.
SELECT n.line, n.claim, n.group_code, n.stated, n.computed, n.status, n.methods
FROM parse_report(:'body') p, unnest(p.narrative) n;

-- Store it: through enforce(), with its diagnostics kept.
SELECT (import_report('上海市金山区人民政府（导入）', 2024, :'body', 'jinshan-2024.txt')).template;
SELECT code, count(*) FROM import_diagnostics WHERE agency = '上海市金山区人民政府（导入）'
GROUP BY code ORDER BY code;
SELECT r.disclosure_rate, (r.requests) = (j.requests) AS same_as_fixture
FROM report r, jinshan j WHERE r.agency = '上海市金山区人民政府（导入）';

-- Against the stored fixture, where section 四 is known (docs/domain.md §8): 行政复议
-- 22件，纠错3件 agree; 行政诉讼9件 cannot be confirmed (one block lost).
SELECT n.claim, n.stated, n.status, n.message
FROM report r, check_narrative(r, :'body') n
WHERE r.agency = '上海市金山区人民政府' AND n.claim LIKE 'review%' OR
      r.agency = '上海市金山区人民政府' AND n.claim LIKE 'suit%';

-- A text without tables is refused, and says what it looked for.
SELECT import_report('某局', 2024, 'a report without tables');
SELECT p.found_tables, d.code FROM parse_report('a report without tables') p, unnest(p.diagnostics) d;

-- A typo in the text is caught like any other: the row is refused.
SELECT import_report('金山区（错）', 2024, replace(:'body', E'\t450\t27\t0\t0\t1\t4\t482', E'\t450\t27\t0\t0\t1\t4\t483'));

-- A narrative that differs from its tables is a warning, kept with the report.
SELECT (import_report('金山区（叙述）', 2024, replace(:'body', '答复482件', '答复480件'))).year;
SELECT code, line, left(message, 40) FROM import_diagnostics
WHERE agency = '金山区（叙述）' AND code = 'narrative_differs';

-- A 2019 trial-template report: 三(六) as one row, the 2019 section 二 with
-- signed changes ("减4", "-417") and an amount with its unit.
\set body2019 `cat test/data/parse/t2019.txt`
SELECT p.agency, p.year, p.template, p.proactive IS NULL AS no_2021_section,
       (p.requests).other_other, (p.requests).other_no_correction IS NULL AS no_sub_rows
FROM parse_report(:'body2019') p;
SELECT (p.proactive_2019).licensing, (p.proactive_2019).other_services,
       (p.proactive_2019).punishment, (p.proactive_2019).fees, (p.proactive_2019).procurement
FROM parse_report(:'body2019') p;
SELECT (import_report(NULL, NULL, :'body2019')).template;
SELECT p2019_licensing__change, p2019_procurement__amount, p2019_procurement__unit, is_valid(r)
FROM report r WHERE agency = '示例市交通运输局';
SELECT count(*) AS violations FROM report r, validate(r) v
WHERE agency = '示例市交通运输局' AND v.severity = 'error';

DELETE FROM report WHERE agency LIKE '%（导入）' OR agency LIKE '%（叙述）' OR agency = '示例市交通运输局';
DELETE FROM import_diagnostics;

-- An HTML page as served, and converter markdown: read as lines of cells
-- (rowspan, colspan, cells split over <p>, pipe tables with placeholder
-- headers), the same numbers as the text.
\set page `cat test/data/forms/jinshan-2024.html`
SELECT p.agency, p.year, (p.requests).new_received, (p.requests).handled_total,
       p.proactive = t.proactive AS same_proactive, p.requests = t.requests AS same_requests
FROM parse_report(:'page') p, parse_report(:'body') t;
SELECT (p.requests).new_received, (p.requests).other_no_fee, p.appeals
FROM parse_report(E'# 某县 2025 年政府信息公开工作年度报告\n'
                  '## 三、收到和处理政府信息公开申请情况\n'
                  '| 类别 | 数据1 | 数据2 | 数据3 | 数据4 | 数据5 | 数据6 | 总计 |\n'
                  '|---|---|---|---|---|---|---|---|\n'
                  '| 一、本年新收政府信息公开申请数量 | 705 | 3 | 0 | 0 | 5 | 0 | 713 |\n'
                  '| 2. 申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 | 7 | 0 | 0 | 0 | 0 | 0 | 7 |\n'
                  '## 四、政府信息公开行政复议、行政诉讼情况\n'
                  '### 行政复议\n| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n|---|---|---|---|---|\n| 27 | 10 | 9 | 15 | 61 |\n'
                  '### 行政诉讼（未经复议直接起诉）\n| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n|---|---|---|---|---|\n| 3 | 0 | 0 | 0 | 3 |\n'
                  '### 行政诉讼（复议后起诉）\n| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n|---|---|---|---|---|\n| 8 | 0 | 1 | 1 | 10 |\n') p;
-- A PDF's bytes are not report text: its text is extracted outside the server.
SELECT parse_report(E'%PDF-1.7\n1 0 obj');

-- A figure of the prose too long to read is a claim still: unconfirmed, and
-- saying why (it used to vanish).
SELECT n.claim, n.stated, n.status, n.message
FROM report r, check_narrative(r, '全区共受理政府信息公开申请1234567890123456件，答复482件') n
WHERE r.agency = '上海市金山区人民政府';
