--
-- Every rule, broken and kept, in each section; NULL cells; templates.
--
SET search_path = public, govdisclose;

-- Jinshan's sections are valid: no violation but the two missing cells.
SELECT 'requests' AS section, count(*) FROM jinshan j, validate(j.requests)
UNION ALL SELECT 'proactive', count(*) FROM jinshan j, validate(j.proactive)
UNION ALL SELECT 'appeals', count(*) FROM jinshan j, validate(j.appeals);
SELECT is_valid(j.requests), is_valid(j.proactive), is_valid(j.appeals) FROM jinshan j;
SELECT is_valid(r) FROM report r;

-- A working copy to break, one rule at a time.
CREATE TEMP TABLE w AS SELECT * FROM jinshan;

-- nonnegative, section 三
UPDATE w SET requests.rejected_petition.natural_person = -1;
SELECT rule, severity, section, row_code, column_code, expected, actual, message
FROM w, validate(w.requests);
SELECT is_valid(w.requests) FROM w;

-- row_total
UPDATE w SET requests = j.requests FROM jinshan j;
UPDATE w SET requests.disclosed.total = 139;
SELECT rule, row_code, column_code, expected, actual, message FROM w, validate(w.requests);

-- handled_total
UPDATE w SET requests = j.requests FROM jinshan j;
UPDATE w SET requests.handled_total.commercial_enterprise = 26;
SELECT rule, row_code, column_code, expected, actual FROM w, validate(w.requests);

-- balance: one more carried forward in one column and its total
UPDATE w SET requests = j.requests FROM jinshan j;
UPDATE w SET requests.carried_forward.natural_person = 150,
             requests.carried_forward.total = 154;
SELECT rule, row_code, column_code, expected, actual, message FROM w, validate(w.requests);

-- All violations at once: 482 mistyped as 483 in 三(七) 总计.
UPDATE w SET requests = j.requests FROM jinshan j;
UPDATE w SET requests.handled_total.total = 483;
SELECT rule, severity, row_code, column_code, expected, actual, message FROM w, validate(w.requests);

-- NULL cells: the rules that need them are not evaluated; missing instead.
UPDATE w SET requests = j.requests FROM jinshan j;
UPDATE w SET requests.disclosed.total = NULL, requests.disclosed.natural_person = 1000;
SELECT rule, severity, row_code, column_code, expected, actual, message FROM w, validate(w.requests);
SELECT is_valid(w.requests) FROM w;

-- A missing section.
SELECT rule, severity, section, row_code, message FROM validate(NULL::request_matrix);
SELECT rule, section, message FROM validate(NULL::proactive_stats);
SELECT rule, section, message FROM validate(NULL::appeal_stats);
SELECT is_valid(NULL::request_matrix);

-- Section 二: nonnegative on counts and on the fee amount, kept as printed.
UPDATE w SET proactive.fees = -18.8710, proactive.licensing = -1;
SELECT rule, severity, row_code, column_code, expected, actual, message FROM w, validate(w.proactive);
UPDATE w SET proactive.fees = 18.8710, proactive.licensing = 60805;
SELECT count(*) FROM w, validate(w.proactive);
UPDATE w SET proactive.normative_documents.in_force = NULL;
SELECT rule, row_code, message FROM w, validate(w.proactive);

-- Section 四: appeal_total, and nonnegative.
UPDATE w SET appeals.review.total = 23;
SELECT rule, row_code, column_code, expected, actual, message FROM w, validate(w.appeals);
UPDATE w SET appeals.review.total = 22, appeals.suit_direct.other = -1, appeals.suit_direct.total = 6;
SELECT rule, row_code, column_code, expected, actual FROM w, validate(w.appeals);
SELECT is_valid(w.appeals) FROM w;

-- The 2019 trial template: 三(六) is one row, kept in other_other, and the
-- two sub-rows are NULL.  validate(request_matrix) infers the template.
UPDATE w SET requests = j.requests FROM jinshan j;
UPDATE w SET requests.other_other = ROW(142, 8, 0, 0, 0, 2, 152),
             requests.other_no_correction = NULL,
             requests.other_no_fee = NULL;
SELECT count(*) AS violations FROM w, validate(w.requests);
SELECT disclosure_rate(w.requests) FROM w;

-- 2019 reports often print the 总计 column blank: missing, not row_total.
UPDATE w SET requests.new_received.total = NULL, requests.disclosed.total = NULL,
             requests.handled_total.total = NULL;
SELECT rule, severity, row_code, column_code, message FROM w, validate(w.requests);
SELECT disclosure_rate(w.requests) FROM w;

-- validate(report) uses the report's template column.
INSERT INTO report (agency, year, template,
    new_received__natural_person, new_received__commercial_enterprise, new_received__research_institution,
    new_received__social_welfare_org, new_received__legal_service_org, new_received__other_org, new_received__total,
    other_other__natural_person, other_other__commercial_enterprise, other_other__research_institution,
    other_other__social_welfare_org, other_other__legal_service_org, other_other__other_org, other_other__total)
VALUES ('试行格式局', 2019, '2019', 3, 0, 0, 0, 0, 0, 3, 1, 0, 0, 0, 0, 0, 1);
SELECT rule, row_code, message FROM report r, validate(r) v
WHERE agency = '试行格式局' AND row_code LIKE 'other%';
SELECT count(*) FILTER (WHERE v.section = 'requests') AS request_warnings
FROM report r, validate(r) v WHERE agency = '试行格式局';
DELETE FROM report WHERE agency = '试行格式局';

-- A NULL report is a report of which nothing is printed, as a NULL section
-- is a section not printed: missing warnings, and valid (no error).
SELECT is_valid(NULL::report) AS report, is_valid(NULL::request_matrix) AS matrix,
       is_valid(NULL::proactive_stats) AS proactive, is_valid(NULL::appeal_stats) AS appeals;
SELECT rule, severity, section, message FROM validate(NULL::report);
SELECT rule, severity, section, message FROM validate(NULL::request_matrix);
