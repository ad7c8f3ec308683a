"""Shared by the client tests of test/t/clients.sh: "ok - " / "not ok - "
lines as test/t/lib.bash prints them, and the Jinshan fixture as the
oracle the values read through each client are compared with."""
import csv
import decimal
import os
import sys
import traceback

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
FIXTURE = os.path.join(ROOT, "test", "data", "jinshan-2024.csv")
AGENCY = "上海市金山区人民政府"


def check(what, cond):
    print(("ok - " if cond else "not ok - ") + what, flush=True)
    return cond


def check_equal(what, got, want):
    """check that got == want and, when they are Decimals, that they print
    alike (the same scale: 33.20, not 33.2)"""
    same = got == want and type(got) is type(want) and \
        (not isinstance(want, decimal.Decimal) or str(got) == str(want))
    if not check(what, same):
        print(f"#   got {got!r}, want {want!r}", flush=True)
    return same


def raises(what, fn, check_error):
    """check that fn() raises, and that check_error(e) holds for the error"""
    try:
        fn()
    except Exception as e:  # noqa: BLE001 -- the error is what is tested
        return check_error(e)
    check(what + ": raised an error", False)
    return False


def fixture():
    """the fixture's one report: column name -> CSV field (text)"""
    with open(FIXTURE, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 1
    return rows[0]


def cell(row, name):
    """a CSV field as SQL reads it: blank is NULL"""
    v = row[name]
    return None if v == "" else int(v)


def share(part, whole, scale=2):
    """100 * part / whole rounded half-up, as govdisclose.share()"""
    q = decimal.Decimal(1).scaleb(-scale)
    with decimal.localcontext() as ctx:
        ctx.prec = 100
        return (decimal.Decimal(100) * part / whole).quantize(q, decimal.ROUND_HALF_UP)


def check_summary(s):
    """the Jinshan row of govdisclose.report_summary as a client read it (a
    dict by column name): exact Decimals, equal to the fixture's CSV"""
    row = fixture()
    D = decimal.Decimal
    check_equal("report_summary.disclosure_rate is Decimal('31.74')", s["disclosure_rate"], D("31.74"))
    check_equal("it is share(disclosed + partially_disclosed, handled) of the fixture's CSV", s["disclosure_rate"],
                share(cell(row, "disclosed__total") + cell(row, "partially_disclosed__total"),
                      cell(row, "handled_total__total")))
    check_equal("review_correction_rate is Decimal('13.64')", s["review_correction_rate"], D("13.64"))
    check_equal("unable_share keeps its scale: Decimal('33.20')", s["unable_share"], D("33.20"))
    check_equal("received, handled (bigint), errors and warnings are ints: 635, 482, 0, 2",
                (s["received"], s["handled"], s["errors"], s["warnings"]), (635, 482, 0, 2))


def run(main):
    """run main(); an exception is a failed check, never a silent pass"""
    try:
        main()
    except Exception:  # noqa: BLE001
        check("the client test ran to its end", False)
        traceback.print_exc(file=sys.stdout)
        sys.exit(1)
