"""govdisclose through psycopg2 (Debian's python3-psycopg2), as an ETL job or
a notebook reads it: composites as named tuples (register_composite), sent
back as parameters; numerics as exact Decimals (also through pandas); and the
errors of govdisclose.enforce() with their SQLSTATE and diagnostics.

Run by test/t/clients.sh with PGHOST, PGPORT, PGUSER and PGDATABASE set, on
a database holding the Jinshan fixture; prints "ok - " / "not ok - " lines.
"""
import decimal
import io
import os
import warnings

import pandas as pd
import psycopg2
import psycopg2.errors
from psycopg2.extras import register_composite

from tap import AGENCY, FIXTURE, cell, check, check_equal, check_summary, fixture, raises, run

D = decimal.Decimal
COPY_AGENCY = AGENCY + "（副本）"


def sections(conn):
    """the three sections' composites, registered on conn, inner types first"""
    for inner in ("applicant_counts", "doc_counts", "case_outcomes"):
        register_composite("govdisclose." + inner, conn)
    return {name: register_composite("govdisclose." + name, conn)
            for name in ("request_matrix", "proactive_stats", "appeal_stats")}


def test_search_path():
    # libpq's options: the session's search_path, from the connection
    conn = psycopg2.connect(options="-c search_path=govdisclose,public")
    cur = conn.cursor()
    cur.execute("SHOW search_path")
    check_equal("options='-c search_path=govdisclose,public' sets the search_path",
                cur.fetchone()[0], "govdisclose,public")
    cur.execute("SELECT disclosure_rate(r.requests) FROM report r WHERE agency = %s", (AGENCY,))
    check_equal("with it, attribute notation r.requests and unqualified names resolve",
                cur.fetchone()[0], D("31.74"))
    conn.close()
    # or libpq's environment, PGOPTIONS
    os.environ["PGOPTIONS"] = "-c search_path=govdisclose,public"
    try:
        conn = psycopg2.connect("")
        cur = conn.cursor()
        cur.execute("SELECT r.disclosure_rate FROM report r WHERE agency = %s", (AGENCY,))
        check_equal("PGOPTIONS='-c search_path=govdisclose,public' does the same", cur.fetchone()[0], D("31.74"))
        conn.close()
    finally:
        del os.environ["PGOPTIONS"]


def test_composites(conn, casters):
    cur = conn.cursor()
    row = fixture()
    cur.execute("SELECT section, row_code, column_code, column_name, kind FROM govdisclose.cells "
                "WHERE section IN ('requests', 'proactive', 'appeals') ORDER BY position")
    cells = cur.fetchall()

    rm = casters["request_matrix"]
    want_rows = list(dict.fromkeys(c[1] for c in cells if c[0] == "requests"))
    check_equal("register_composite(request_matrix) has the 25 rows of section 三, in the model's order",
                rm.attnames, want_rows)

    cur.execute("SELECT govdisclose.requests(r), govdisclose.proactive(r), govdisclose.appeals(r) "
                "FROM govdisclose.report r WHERE agency = %s AND year = 2024", (AGENCY,))
    got = dict(zip(("requests", "proactive", "appeals"), cur.fetchone()))
    check("r.requests comes back as a named tuple of named tuples",
          isinstance(got["requests"], rm.type)
          and type(got["requests"].handled_total).__name__ == "applicant_counts")
    check_equal("(r.requests).handled_total.total is 482", got["requests"].handled_total.total, 482)
    check_equal("(r.appeals).review is 22 cases, 3 corrected",
                (got["appeals"].review.total, got["appeals"].review.corrected), (22, 3))
    check_equal("a block not printed is None (suit_after_review)", got["appeals"].suit_after_review, None)
    check_equal("fees, not printed, is None", got["proactive"].fees, None)

    # every cell of the three composites against the fixture's CSV
    differing = []
    for section, row_code, column_code, column_name, kind in cells:
        item = getattr(got[section], row_code)
        value = item if column_code is None or item is None else getattr(item, column_code)
        want = cell(row, column_name)
        if kind == "amount" and row[column_name] != "":
            want = D(row[column_name])
        if value != want:
            differing.append((column_name, value, want))
    check(f"all {len(cells)} cells of the composites equal the fixture's CSV (differing: {differing[:3]})",
          len(cells) == 200 and not differing)
    return got


def test_round_trip(conn, got):
    # the named tuples go back as parameters: ROW constructors cast to the types
    cur = conn.cursor()
    cur.execute("SELECT (govdisclose.insert_report(%s, 2024, %s::govdisclose.request_matrix, "
                "%s::govdisclose.proactive_stats, %s::govdisclose.appeal_stats, '2021', '310116')).year",
                (COPY_AGENCY, got["requests"], got["proactive"], got["appeals"]))
    check_equal("insert_report() takes the named tuples back as composites", cur.fetchone()[0], 2024)
    cur.execute("SELECT govdisclose.requests(r), govdisclose.proactive(r), govdisclose.appeals(r) "
                "FROM govdisclose.report r WHERE agency = %s",
                (COPY_AGENCY,))
    check_equal("the stored copy reads back equal, section by section",
                cur.fetchone(), (got["requests"], got["proactive"], got["appeals"]))
    cur.execute("SELECT count(*) FROM govdisclose.report a JOIN govdisclose.report b USING (year) "
                "WHERE a.agency = %s AND b.agency = %s "
                "AND (to_jsonb(a) - 'agency' - 'agency_id' - 'source') = (to_jsonb(b) - 'agency' - 'agency_id' - 'source')",
                (AGENCY, COPY_AGENCY))
    check_equal("and its row equals the fixture's in every column", cur.fetchone()[0], 1)
    conn.rollback()


def check_violation(what, e, agency):
    d = e.diag
    detail = d.message_detail or ""
    return all([
        check_equal(what + ": SQLSTATE 23514 (e.pgcode)", e.pgcode, "23514"),
        check(what + ": raised as psycopg2.errors.CheckViolation", isinstance(e, psycopg2.errors.CheckViolation)),
        check_equal(what + ": e.diag.message_primary names agency, year and the count",
                    d.message_primary, f'report of "{agency}" for 2024 violates 3 govdisclose rules'),
        check_equal(what + ": e.diag.constraint_name is the first broken rule family",
                    d.constraint_name, "row_total"),
        check_equal(what + ": e.diag.schema_name and table_name are govdisclose.report",
                    (d.schema_name, d.table_name), ("govdisclose", "report")),
        check(what + ": e.diag.message_detail lists every violation with its labels",
              "row handled_total「三(七) 总计」, column total「总计」: expected 482" in detail
              and "\nhandled_total: " in detail and "\nbalance: " in detail),
        check(what + ": e.diag.message_hint says what to do",
              (d.message_hint or "").startswith("Compare the cells named above with the published report.")),
        check_equal(what + ": e.diag.severity", d.severity, "ERROR"),
    ])


def test_errors(conn, got):
    cur = conn.cursor()
    typo = got["requests"]._replace(handled_total=got["requests"].handled_total._replace(total=483))

    def insert(agency, matrix, template="2021"):
        cur.execute("SELECT govdisclose.insert_report(%s, 2024, %s::govdisclose.request_matrix, "
                    "%s::govdisclose.proactive_stats, %s::govdisclose.appeal_stats, %s)",
                    (agency, matrix, got["proactive"], got["appeals"], template))

    def broken(e):
        conn.rollback()
        return check_violation("a typo sent as a composite", e, COPY_AGENCY)
    raises("a typo sent as a composite", lambda: insert(COPY_AGENCY, typo), broken)

    # the same typo in a CSV loaded with COPY: the context names the line
    with open(FIXTURE, encoding="utf-8") as f:
        header, line = f.read().splitlines()
    names = header.split(",")
    fields = line.split(",")
    fields[names.index("handled_total__total")] = "483"
    fields[0] = COPY_AGENCY
    fields[names.index("agency_id")] = ""   # another agency: resolved from its name
    csv = header + "\n" + ",".join(fields) + "\n"

    def copy():
        cur.copy_expert("COPY govdisclose.report FROM STDIN (FORMAT csv, HEADER MATCH)", io.StringIO(csv))

    def broken_copy(e):
        conn.rollback()
        return check_violation("a typo in a COPY", e, COPY_AGENCY) and \
            check("a typo in a COPY: e.diag.context names the line", "COPY report, line 2" in (e.diag.context or ""))
    raises("a typo in a COPY", copy, broken_copy)

    # the report's own CHECK constraints come with their names too
    def template(e):
        conn.rollback()
        return check_equal("an unknown template: 23514 with constraint report_template_check",
                           (e.pgcode, e.diag.constraint_name), ("23514", "report_template_check"))
    raises("an unknown template", lambda: insert(COPY_AGENCY, got["requests"], "2020"), template)

    def duplicate(e):
        conn.rollback()
        return check_equal("the same agency and year again: 23505 (UniqueViolation) on report_agency_year_key",
                           (e.pgcode, type(e).__name__, e.diag.constraint_name),
                           ("23505", "UniqueViolation", "report_agency_year_key"))
    raises("the same agency and year again", lambda: insert(AGENCY, got["requests"]), duplicate)

    # a sum past a cell's range: 22003, never a wrapped value
    big = got["requests"]._replace(new_received=got["requests"].new_received._replace(natural_person=2000000000))

    def overflow(e):
        conn.rollback()
        return all([
            check_equal("govdisclose.sum() past int4: 22003 (NumericValueOutOfRange)",
                        (e.pgcode, type(e).__name__), ("22003", "NumericValueOutOfRange")),
            check_equal("its message_primary names the cell",
                        e.diag.message_primary,
                        "the sum of cell 三 new_received__natural_person is out of range for type integer"),
            check_equal("its message_detail gives the exact sum", e.diag.message_detail, "The sum is 4000000000."),
            check("its message_hint says how to sum exactly", "sum()" in (e.diag.message_hint or "")),
        ])
    raises("govdisclose.sum() past int4",
           lambda: cur.execute("SELECT govdisclose.sum(m) FROM (VALUES (%s::govdisclose.request_matrix), "
                               "(%s::govdisclose.request_matrix)) v(m)", (big, big)),
           overflow)

    def method(e):
        conn.rollback()
        return check_equal("an unknown rounding method: 22023 (InvalidParameterValue), the hint lists the methods",
                           (e.pgcode, type(e).__name__, e.diag.message_primary, e.diag.message_hint),
                           ("22023", "InvalidParameterValue", 'rounding method "bankers" does not exist',
                            "The methods are half_up, largest_remainder and plug_last."))
    raises("an unknown rounding method",
           lambda: cur.execute("SELECT * FROM govdisclose.outcome_shares(%s::govdisclose.request_matrix, 'bankers')",
                               (got["requests"],)),
           method)

    # warning and quarantine modes speak through notices, not errors
    del conn.notices[:]
    cur.execute("SET govdisclose.on_violation = 'warning'")
    insert(COPY_AGENCY, typo)
    check("in warning mode the row is stored and conn.notices carries the WARNING",
          any(n.startswith(f'WARNING:  report of "{COPY_AGENCY}" for 2024 violates 3 govdisclose rules; stored anyway')
              for n in conn.notices))
    conn.rollback()
    del conn.notices[:]
    cur.execute("SET govdisclose.on_violation = 'quarantine'")
    insert(COPY_AGENCY, typo)
    check_equal("in quarantine mode insert_report() returns None", cur.fetchone()[0], None)
    cur.execute("SELECT count(*) FROM govdisclose.rejected WHERE agency = %s", (COPY_AGENCY,))
    check("and the row is in govdisclose.rejected, with a NOTICE",
          cur.fetchone()[0] == 1 and any("moved to govdisclose.rejected" in n for n in conn.notices))
    conn.rollback()


def test_numerics(conn):
    cur = conn.cursor()
    cur.execute("SELECT * FROM govdisclose.report_summary WHERE agency = %s AND year = 2024", (AGENCY,))
    cols = {c.name: c for c in cur.description}
    check_summary(dict(zip(cols, cur.fetchone())))
    check_equal("cursor.description gives the shares' declared precision and scale",
                (cols["disclosure_rate"].precision, cols["disclosure_rate"].scale), (5, 2))

    # (Decimal('153.0') is sent as the numeric 153.0: share(numeric, numeric))
    cur.execute("SELECT govdisclose.share(1, 3, 30), govdisclose.share(%s, %s), govdisclose.share(%s::numeric, %s, 4)",
                (D("153.0"), D("482"), 10 ** 30 + 1, 3 * 10 ** 30))
    check_equal("share() comes back exact to its last digit, beyond a float's",
                cur.fetchone(), (D("33." + "3" * 30), D("31.74"), D("33.3333")))

    # pandas: floats unless coerce_float=False
    sql = "SELECT agency, disclosure_rate, unable_share FROM govdisclose.report_summary WHERE agency = %(a)s"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pandas prefers SQLAlchemy; a DBAPI connection works
        floats = pd.read_sql(sql, conn, params={"a": AGENCY})
        exact = pd.read_sql(sql, conn, params={"a": AGENCY}, coerce_float=False)
    check_equal("pandas.read_sql turns numeric into float64 by default",
                str(floats["disclosure_rate"].dtype), "float64")
    check_equal("with coerce_float=False it keeps the Decimals",
                (exact["disclosure_rate"][0], exact["unable_share"][0]), (D("31.74"), D("33.20")))
    check_equal("and sums them exactly", exact["unable_share"].sum() + exact["disclosure_rate"].sum(), D("64.94"))


def main():
    test_search_path()
    conn = psycopg2.connect("")
    casters = sections(conn)
    got = test_composites(conn, casters)
    test_round_trip(conn, got)
    test_errors(conn, got)
    test_numerics(conn)
    conn.close()


if __name__ == "__main__":
    run(main)
