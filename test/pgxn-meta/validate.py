#!/usr/bin/python3
"""Validate META.json files against the PGXN Meta Spec 1.0.0.

    /usr/bin/python3 test/pgxn-meta/validate.py META.json...

The spec's JSON Schemas are v1/*.schema.json beside this file, copied
unchanged from the PGXN project's own validator (github.com/pgxn/meta,
schema/v1 at commit 53f43ea, PostgreSQL licence: LICENSE.md). They are
checked here with Debian's python3-jsonschema (Draft 2020-12), with the
format assertions PGXN's validator makes: uri, email, date-time, and the
spec's "path" (a relative path in Unix form, naming no "." or ".."
component). Two things differ from that validator: the schemas' patterns
with Unicode property classes are translated for Python's re (PATTERNS
below); and a path may not start with "/", which the spec's text asks for
and its schema leaves to the format.

Prints "FILE is OK" or "FILE is invalid:" and one line per error; exits 0
when every file is valid, 1 otherwise.
"""

import datetime
import json
import pathlib
import re
import sys
import urllib.parse

from jsonschema import Draft202012Validator, FormatChecker, RefResolver

HERE = pathlib.Path(__file__).resolve().parent
URI_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*$")


# The schemas' patterns written with Unicode property or POSIX classes,
# which Python's re lacks (it would reject \p and misread [[:digit:]]), in
# Python's terms: Cntrl is the Cc category (U+0000-U+001F, U+007F-U+009F),
# Space the white space that \s matches, "lower" taken as ASCII (which
# accepts less, never more).
PATTERNS = {
    r"^[^/\\\p{Space}\p{Cntrl}]{2,}$": r"^[^/\\\s\x00-\x1f\x7f-\x9f]{2,}$",
    r"^[^/\\\p{Cntrl}]{2,}$": r"^[^/\\\x00-\x1f\x7f-\x9f]{2,}$",
    r"^\p{lower}+$": r"^[a-z]+$",
    r"^1[.]0[.][[:digit:]]+$": r"^1[.]0[.][0-9]+$",
}


def python_patterns(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "pattern" and ("\\p" in value or "[:" in value):
                if value not in PATTERNS:
                    sys.exit(f"validate.py: no Python form for the schema pattern {value}")
                node[key] = PATTERNS[value]
            else:
                python_patterns(value)
    elif isinstance(node, list):
        for value in node:
            python_patterns(value)


def load_schemas():
    store = {}
    for f in sorted((HERE / "v1").glob("*.schema.json")):
        schema = json.loads(f.read_text(encoding="utf-8"))
        python_patterns(schema)
        store[schema["$id"]] = schema
    return store


checker = FormatChecker(formats=())


@checker.checks("uri")
def is_uri(value):
    if not isinstance(value, str):
        return True
    if any(c.isspace() for c in value):
        return False
    parts = urllib.parse.urlsplit(value)
    return bool(URI_SCHEME.match(parts.scheme)) and bool(parts.netloc or parts.path)


@checker.checks("email")
def is_email(value):
    if not isinstance(value, str):
        return True
    local, at, domain = value.rpartition("@")
    return bool(at and local and domain) and not any(c.isspace() for c in value)


@checker.checks("date-time", raises=ValueError)
def is_date_time(value):
    if not isinstance(value, str):
        return True
    if not re.match(r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$", value):
        return False
    datetime.datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
    return True


@checker.checks("path")
def is_path(value):
    if not isinstance(value, str):
        return True
    if value.startswith("./"):
        value = value[2:]
    if value.startswith("/"):
        return False
    return all(part not in (".", "..") for part in value.split("/"))


def main(paths):
    store = load_schemas()
    root = store["https://pgxn.org/meta/v1/distribution.schema.json"]
    validator = Draft202012Validator(
        root,
        resolver=RefResolver.from_schema(root, store=store),
        format_checker=checker,
    )
    bad = 0
    for path in paths:
        try:
            with open(path, encoding="utf-8") as f:
                meta = json.load(f)
        except (OSError, ValueError) as e:
            print(f"{path} is invalid:\n  {e}")
            bad += 1
            continue
        errors = sorted(validator.iter_errors(meta), key=lambda e: list(e.absolute_path))
        if errors:
            bad += 1
            print(f"{path} is invalid:")
            for e in errors:
                where = "/".join(str(p) for p in e.absolute_path) or "(top)"
                print(f"  {where}: {e.message}")
        else:
            print(f"{path} is OK")
    return 1 if bad else 0


if __name__ == "__main__":
    if len(sys.argv) < 2:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1:]))
