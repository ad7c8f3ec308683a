#!/usr/bin/env bash
# The release: one version everywhere (test/versions.sh), debian/control
# generated from debian/control.in, META.json valid against the PGXN Meta
# Spec (test/pgxn-meta/validate.py, the spec's own JSON Schemas), and `make
# dist`'s archive: every file of HEAD under govdisclose-VERSION/, with the
# extension script and docfile META.json names, its META.json valid.
source "$(dirname "$0")/lib.bash"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
VALIDATE="/usr/bin/python3 test/pgxn-meta/validate.py"
valid() { local out; out=$($VALIDATE "$@") || { echo "$out"; return 1; }; }
v=$(make -s print-version)

test/versions.sh
check "debian/control is generated from debian/control.in (pg_buildext checkcontrol)" \
	bash -c 'pg_buildext checkcontrol >/dev/null'

check "META.json is valid against the PGXN Meta Spec" valid META.json
# the validator refuses what the spec refuses
mutate() {	# mutate NAME PYTHON-STATEMENT-ON-m
	/usr/bin/python3 -c "import json; m = json.load(open('META.json', encoding='utf-8')); $2; json.dump(m, open('$tmp/$1.json', 'w'))"
}
mutate no-license 'del m["license"]'
mutate short-version 'm["version"] = "0.3"'
mutate unknown-key 'm["homepage"] = "https://example.org/"'
mutate parent-path 'm["provides"]["govdisclose"]["file"] = "../govdisclose.sql"'
mutate bad-status 'm["release_status"] = "final"'
for bad in no-license short-version unknown-key parent-path bad-status; do
	check "a META.json with $bad is invalid" bash -c "! $VALIDATE $tmp/$bad.json >/dev/null"
done

make -s dist DIST_DIR="$tmp" > "$tmp/dist.out" 2>&1
check "make dist writes govdisclose-$v.zip" test -s "$tmp/govdisclose-$v.zip"
/usr/bin/python3 - "$tmp/govdisclose-$v.zip" "$v" "$tmp" <<'PY' > "$tmp/zip.txt"
import json, sys, zipfile
path, v, tmp = sys.argv[1:]
z = zipfile.ZipFile(path)
names = [n for n in z.namelist() if not n.endswith("/")]
top = f"govdisclose-{v}/"
print("\n".join(sorted(n[len(top):] if n.startswith(top) else "OUTSIDE " + n for n in names)), file=open(f"{tmp}/files", "w"))
meta = json.loads(z.read(top + "META.json"))
open(f"{tmp}/META.json", "wb").write(z.read(top + "META.json"))
for name, ext in meta["provides"].items():
    for key in ("file", "docfile"):
        if key in ext:
            print(f"{name}.{key} {ext[key]} {'present' if top + ext[key] in names else 'missing'}")
PY
git ls-tree -r --name-only HEAD | { cat; echo "sql/govdisclose--$v.sql"; } | sort > "$tmp/expected"
check "the archive holds every file of HEAD and the extension script, all under govdisclose-$v/" \
	cmp -s "$tmp/files" "$tmp/expected"
check "the archive has the file META.json's provides names" grep -qx "govdisclose.file sql/govdisclose--$v.sql present" "$tmp/zip.txt"
check "and its docfile" grep -qx 'govdisclose.docfile README.md present' "$tmp/zip.txt"
check "the archive's META.json is valid against the PGXN Meta Spec" valid "$tmp/META.json"
/usr/bin/python3 -c "import sys, zipfile; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]))" \
	"$tmp/govdisclose-$v.zip" "govdisclose-$v/sql/govdisclose--$v.sql" > "$tmp/script.sql"
check "its extension script is the generated one (it creates the report table)" \
	grep -q '^CREATE TABLE report ($' "$tmp/script.sql"
