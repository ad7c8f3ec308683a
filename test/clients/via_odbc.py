"""govdisclose through psqlODBC (Debian's odbc-postgresql, unixODBC) and
pyodbc (python3-pyodbc), as Excel, Power BI or any ODBC tool sees it: the
search_path from the connection settings, the declared types of
govdisclose.report_summary in the catalog functions, labels as data in the
views (psqlODBC returns no column comments), exact numerics.

Run by test/t/clients.sh with ODBCSYSINI/ODBCINI naming a temporary
odbcinst.ini and odbc.ini, GD_ODBC_DSN the DSN (whose ConnSettings set the
search_path) and GD_ODBC_DRIVER the driver's library; prints "ok - " /
"not ok - " lines.
"""
import decimal
import os
import re

import pyodbc

from tap import AGENCY, check, check_equal, check_summary, raises, run, share

D = decimal.Decimal
DSN = os.environ["GD_ODBC_DSN"]
# a DSN-less connection: everything in the connection string
PLAIN = (f"Driver={os.environ['GD_ODBC_DRIVER']};Servername={os.environ['PGHOST']};"
         f"Port={os.environ['PGPORT']};Database={os.environ['PGDATABASE']};Username={os.environ['PGUSER']};")
SQL_BIGINT, SQL_INTEGER, SQL_NUMERIC, SQL_WLONGVARCHAR = -5, 4, 2, -10


def test_search_path():
    cur = pyodbc.connect("DSN=" + DSN).cursor()
    check_equal("the DSN's ConnSettings=SET search_path = govdisclose, public sets it",
                cur.execute("SHOW search_path").fetchval(), "govdisclose, public")
    check_equal("with it, r.requests and unqualified names resolve",
                cur.execute("SELECT disclosure_rate(r.requests) FROM report r WHERE agency = ?", AGENCY).fetchval(),
                D("31.74"))

    cur = pyodbc.connect(PLAIN + "ConnSettings={SET search_path = govdisclose, public};").cursor()
    check_equal("ConnSettings works in a DSN-less connection string too",
                cur.execute("SHOW search_path").fetchval(), "govdisclose, public")

    cur = pyodbc.connect(PLAIN + "pqopt={options=-csearch_path=govdisclose,public};").cursor()
    check_equal("so does libpq's options through pqopt={options=-csearch_path=govdisclose,public}",
                cur.execute("SHOW search_path").fetchval(), "govdisclose,public")

    cur = pyodbc.connect(PLAIN).cursor()
    raises("without them", lambda: cur.execute("SELECT r.disclosure_rate FROM report r"),
           lambda e: check_equal("without them, report is not found: 42P01", e.args[0], "42P01"))


def test_columns(cur):
    declared = dict(cur.execute(
        "SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute "
        "WHERE attrelid = 'govdisclose.report_summary'::regclass AND attnum > 0 AND NOT attisdropped").fetchall())
    want = {}
    for name, sqltype in declared.items():
        m = re.fullmatch(r"numeric\((\d+),(\d+)\)", sqltype)
        want[name] = {"bigint": ("int8", SQL_BIGINT, 19, 0),
                      "integer": ("int4", SQL_INTEGER, 10, 0),
                      "text": ("text", SQL_WLONGVARCHAR, 8190, None),
                      # no declared precision: psqlODBC's default, numeric(28,6)
                      "numeric": ("numeric", SQL_NUMERIC, 28, 6)}.get(sqltype) \
            or (m and ("numeric", SQL_NUMERIC, int(m[1]), int(m[2]))) or sqltype
    got = {c.column_name: (c.type_name, c.data_type, c.column_size, c.decimal_digits)
           for c in cur.columns(table="report_summary", schema="govdisclose")}
    check_equal(f"SQLColumns gives every column of report_summary its declared type ({len(declared)} columns)",
                got, want)
    shares = [n for n in declared if n.endswith(("_share", "_rate"))]
    check("the shares and rates are NUMERIC precision 5 scale 2, not numeric(28,6)",
          {"disclosure_rate", "unable_share", "review_correction_rate", "litigation_correction_rate"} <= set(shares)
          and all(got[n] == ("numeric", SQL_NUMERIC, 5, 2) for n in shares))

    cur.execute("SELECT * FROM govdisclose.report_summary WHERE agency = ?", AGENCY)
    described = {d[0]: (d[1], d[4], d[5]) for d in cur.description}
    check("so does SQLDescribeCol of a query (cursor.description: Decimal, 5, 2)",
          all(described[n] == (D, 5, 2) for n in shares))
    summary = dict(zip(described, cur.fetchone()))

    # psqlODBC returns no column comments: labels are data (the views below)
    remarks = {c.column_name: c.remarks for c in cur.columns(table="report", schema="govdisclose")}
    commented = cur.execute("SELECT col_description('govdisclose.report'::regclass, 1)").fetchval()
    check("psqlODBC returns no column comments (REMARKS empty though report.agency has one)",
          commented and len(remarks) > 200 and not any(remarks.values()))
    return summary


def test_labels(cur):
    # every text of the views (codes, labels, descriptions), through the
    # Unicode driver, equals its UTF-8 bytes
    bad = []
    n = 0
    for view in ("cells", "outcome_groups", "rules", "request_cells", "proactive_cells", "appeal_cells"):
        cols = {c.column_name: c.type_name for c in cur.columns(table=view, schema="govdisclose")}
        check(f"govdisclose.{view} has label columns ({', '.join(c for c in cols if 'label_' in c)})",
              any(c.endswith("label_zh") for c in cols))
        for c in [c for c, t in cols.items() if t == "text"]:
            for text, utf8 in cur.execute(f"SELECT {c}, encode(convert_to({c}, 'UTF8'), 'hex') FROM govdisclose.{view}"):
                n += 1
                if text != (None if utf8 is None else bytes.fromhex(utf8).decode("utf-8")):
                    bad.append((view, c, text))
        # English labels (columns *label_en), where the view has them: one
        # for every Chinese label, never blank where the Chinese is printed
        for en in [c for c in cols if c.endswith("label_en")]:
            zh = en[:-3] + "_zh"
            check(f"govdisclose.{view}.{en} has a Chinese partner {zh}", zh in cols)
            if zh in cols:
                blank = cur.execute(f"SELECT count(*) FROM govdisclose.{view} WHERE {zh} IS NOT NULL "
                                    f"AND ({en} IS NULL OR btrim({en}) = '' OR {en} = {zh})").fetchval()
                check_equal(f"govdisclose.{view}.{en} is given wherever {zh} is", blank, 0)
    check(f"the {n} texts of the views arrive intact as Unicode (wrong: {bad[:3]})", n > 1000 and not bad)

    check_equal("cells labels handled_total__total 三(七) 总计 / 总计",
                tuple(cur.execute("SELECT row_label_zh, column_label_zh FROM govdisclose.cells "
                                  "WHERE column_name = 'handled_total__total'").fetchone()),
                ("三(七) 总计", "总计"))
    check_equal("request_cells: handled_total, total with its labels and value",
                tuple(cur.execute("SELECT row_label_zh, column_label_zh, value FROM govdisclose.request_cells "
                                  "WHERE agency = ? AND row_code = 'handled_total' AND column_code = 'total'",
                                  AGENCY).fetchone()),
                ("三(七) 总计", "总计", 482))
    got = [tuple(r) for r in cur.execute(
        "SELECT g.label_zh, o.count, o.percent FROM govdisclose.report r, "
        "govdisclose.outcome_shares(govdisclose.requests(r), 'plug_last') o "
        "JOIN govdisclose.outcome_groups g ON g.code = o.group_code WHERE r.agency = ? ORDER BY g.position", AGENCY)]
    check_equal("outcome_shares joined with outcome_groups: Chinese labels, counts and exact percents",
                got, [("予以公开及部分公开", 153, D("31.74")), ("不予公开", 16, D("3.32")),
                      ("无法提供", 160, D("33.20")), ("不予处理", 1, D("0.21")), ("其他处理", 152, D("31.53"))])


def test_numerics(cur, summary):
    check_summary(summary)
    check_equal("an undeclared numeric with more than 6 decimals still arrives exact through pyodbc",
                cur.execute("SELECT govdisclose.share(1, 3, 10)").fetchval(), D("33.3333333333"))
    check_equal("share() of numeric sums of 20 digits, to 20 decimals",
                cur.execute("SELECT govdisclose.share(sum(x), sum(y), 20) FROM (VALUES "
                            "(12345678901234567890::numeric, 3::numeric), (1, 98765432109876543210)) v(x, y)").fetchval(),
                share(12345678901234567891, 98765432109876543213, 20))


def test_errors(cur):
    def refused(e):
        cur.connection.rollback()
        ok = check("a report breaking the rules is refused with SQLSTATE 23514 and the message",
                   e.args[0] == "23514" and "violates 3 govdisclose rules" in e.args[1])
        if not ok:
            print(f"#   got {e!r}")
        return ok
    raises("a broken report through ODBC",
           lambda: cur.execute("INSERT INTO govdisclose.report SELECT (jsonb_populate_record(r, "
                               "jsonb_build_object('agency', ?::text, 'agency_id', NULL, 'handled_total__total', 483))).* "
                               "FROM govdisclose.report r WHERE agency = ?", AGENCY + "（副本）", AGENCY),
           refused)


def main():
    test_search_path()
    cur = pyodbc.connect("DSN=" + DSN).cursor()
    summary = test_columns(cur)
    test_labels(cur)
    test_numerics(cur, summary)
    test_errors(cur)


if __name__ == "__main__":
    run(main)
