--
-- share(), disclosure_rate() and outcome_shares(): exact, half-up, three
-- rounding methods (docs/domain.md §7.3).
--
SET search_path = public, govdisclose;

SELECT share(153, 482) AS disclosed, share(160, 482) AS unable, share(160, 482, 4) AS four_places;
SELECT share(1, 8), share(1, 16, 1), share(2, 3, 0), share(0, 5), share(5, 0) AS whole_zero;
-- half away from zero for negative input; no "-0.00"
SELECT share(-1, 16, 1), share(1, -16, 1), share(-1, 1000000);
-- exact at the limits of bigint
SELECT share(9223372036854775807, 1, 0), share(1, 9223372036854775807, 20);
SELECT share(999999, 1000000), share(9995, 100000, 1);
SELECT share(1, 3, -1);
SELECT share(1, 3, 1001);
SELECT share(NULL, 3) IS NULL AS strict;

-- The disclosure rate of the fixture, and of matrices at the edges.
SELECT disclosure_rate(j.requests) FROM jinshan j;
CREATE TEMP TABLE m AS SELECT requests FROM jinshan;
UPDATE m SET requests.handled_total.total = 0;
SELECT disclosure_rate(requests) AS whole_zero FROM m;
UPDATE m SET requests.handled_total.total = NULL;
SELECT disclosure_rate(requests) AS whole_from_groups FROM m;

-- Straight from a stored report's columns: the same numbers, no composite
-- built (the faster way for a summary over many reports).
SELECT r.disclosure_rate, disclosure_rate(r) = disclosure_rate(r.requests) AS same FROM report r;
SELECT group_code, count, percent FROM report r, outcome_shares(r, 'plug_last');
-- share() on the columns: the same figure, the fastest way over many reports
SELECT agency, year, share(disclosed__total + partially_disclosed__total, handled_total__total) FROM report;
-- with a total not printed, the whole is the sum of the groups, as above
BEGIN;
SET LOCAL client_min_messages = error;
UPDATE report SET handled_total__total = NULL, disclosed__total = NULL;
SELECT r.disclosure_rate, disclosure_rate(r) = disclosure_rate(r.requests) AS same FROM report r;
ROLLBACK;

-- outcome_shares: docs/domain.md §7.3's three rows exactly.
SELECT group_code, label_zh, count, percent FROM jinshan j, outcome_shares(j.requests);
SELECT group_code, percent FROM jinshan j, outcome_shares(j.requests, 'largest_remainder');
SELECT group_code, percent FROM jinshan j, outcome_shares(j.requests, 'plug_last');
SELECT method, sum(s.percent)
FROM jinshan j, unnest(ARRAY['half_up', 'largest_remainder', 'plug_last']) method,
     outcome_shares(j.requests, method) s
GROUP BY method ORDER BY method;
SELECT * FROM jinshan j, outcome_shares(j.requests, 'bankers');

-- All zeros: counts 0, percents NULL.
UPDATE m SET requests = ROW(ROW(0,0,0,0,0,0,0), ROW(0,0,0,0,0,0,0), ROW(0,0,0,0,0,0,0),
    ROW(0,0,0,0,0,0,0), ROW(0,0,0,0,0,0,0), ROW(0,0,0,0,0,0,0), ROW(0,0,0,0,0,0,0),
    ROW(0,0,0,0,0,0,0), ROW(0,0,0,0,0,0,0), ROW(0,0,0,0,0,0,0), ROW(0,0,0,0,0,0,0),
    ROW(0,0,0,0,0,0,0), ROW(0,0,0,0,0,0,0), ROW(0,0,0,0,0,0,0), ROW(0,0,0,0,0,0,0),
    ROW(0,0,0,0,0,0,0), ROW(0,0,0,0,0,0,0), ROW(0,0,0,0,0,0,0), ROW(0,0,0,0,0,0,0),
    ROW(0,0,0,0,0,0,0), ROW(0,0,0,0,0,0,0), ROW(0,0,0,0,0,0,0), ROW(0,0,0,0,0,0,0),
    ROW(0,0,0,0,0,0,0), ROW(0,0,0,0,0,0,0))::request_matrix;
SELECT group_code, count, percent FROM m, outcome_shares(m.requests, 'plug_last');
SELECT disclosure_rate(requests) FROM m;

-- Very large counts (int4 cells summed in 64 bits, divided exactly):
-- thirds of two billion, where the methods differ in the last hundredth.
UPDATE m SET requests.disclosed.total = 666666667, requests.withheld_state_secret.total = 666666667,
             requests.unable_not_held.total = 666666666, requests.handled_total.total = 2000000000;
SELECT h.group_code, h.count, h.percent AS half_up, l.percent AS largest_remainder, p.percent AS plug_last
FROM m
CROSS JOIN LATERAL outcome_shares(m.requests, 'half_up') h
JOIN LATERAL outcome_shares(m.requests, 'largest_remainder') l USING (group_code)
JOIN LATERAL outcome_shares(m.requests, 'plug_last') p USING (group_code);

-- An unknown group count: half_up gives the others, the summing methods none.
UPDATE m SET requests = j.requests FROM jinshan j;
UPDATE m SET requests.rejected_repeated = NULL;
SELECT group_code, count, percent FROM m, outcome_shares(m.requests, 'half_up');
SELECT count(percent) FROM m, outcome_shares(m.requests, 'plug_last');
