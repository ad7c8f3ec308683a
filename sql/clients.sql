--
-- What BI tools and client libraries read (README, "Connecting BI tools");
-- test/t/clients.sh reads the same through psycopg2 and psqlODBC. Every name
-- is schema-qualified, as a tool without govdisclose on its search_path
-- must write it.
--
RESET search_path;
SHOW search_path;

-- one row per report, plain SQL types
SELECT agency, year, disclosure_rate, review_correction_rate, errors
FROM govdisclose.report_summary
WHERE agency = '上海市金山区人民政府' AND year = 2024;

-- the declared types that JDBC and ODBC metadata report
SELECT column_name, data_type, numeric_precision, numeric_scale
FROM information_schema.columns
WHERE table_schema = 'govdisclose' AND table_name = 'report_summary'
  AND column_name IN ('received', 'unable_share', 'disclosure_rate', 'fees')
ORDER BY ordinal_position;

-- an expression's numeric has no declared precision: cast it where a tool
-- needs one (a province's pooled disclosure rate)
SELECT left(region_code, 2) AS province,
       govdisclose.share(sum(disclosed), sum(handled))::numeric(5,2) AS disclosure_rate
FROM govdisclose.report_summary
WHERE agency = '上海市金山区人民政府'
GROUP BY 1;

-- labels are data, joined from the views (psqlODBC returns no comments)
SELECT g.label_zh, g.label_en, o.count, o.percent
FROM govdisclose.report r,
     govdisclose.outcome_shares(govdisclose.requests(r), 'plug_last') o
     JOIN govdisclose.outcome_groups g ON g.code = o.group_code
WHERE r.agency = '上海市金山区人民政府' AND r.year = 2024
ORDER BY g.position;
SELECT column_name, row_label_zh, column_label_zh, row_label_en, column_label_en
FROM govdisclose.cells
WHERE column_name IN ('handled_total__total', 'review__corrected')
ORDER BY position;
