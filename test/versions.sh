#!/usr/bin/env bash
# test/versions.sh — the release's version is the Makefile's EXTVERSION, and
# every file that states it or the maintainer agrees: govdisclose.control,
# META.json (the distribution, each extension it provides, the script it
# names), debian/changelog, debian/control(.in), debian/copyright.
# Prints "ok - …" / "not ok - …" lines; exits 1 when one is not ok.
# `make dist` runs it; so does test/t/release.sh.
set -uo pipefail
cd "$(dirname "$0")/.."

bad=0
agree() {	# agree WHAT GOT WANT
	if [ "$2" = "$3" ]; then
		echo "ok - $1: $2"
	else
		echo "not ok - $1 is \"$2\", not \"$3\" (from the Makefile's EXTVERSION)"
		bad=1
	fi
}
same() {	# same WHAT GOT WANT (the maintainer)
	if [ "$2" = "$3" ]; then
		echo "ok - $1 names the maintainer $2"
	else
		echo "not ok - $1 names \"$2\", META.json \"$3\""
		bad=1
	fi
}
meta() { /usr/bin/python3 -c "import json, sys; m = json.load(open('META.json', encoding='utf-8')); print($1)"; }

v=$(sed -n 's/^EXTVERSION *= *//p' Makefile)
if [[ "$v" =~ ^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$ ]]; then
	echo "ok - EXTVERSION $v is a version PGXN and Debian read alike (X.Y.Z)"
else
	echo "not ok - EXTVERSION \"$v\" is not X.Y.Z"
	bad=1
fi
agree "govdisclose.control's default_version" "$(sed -n "s/^default_version = '\(.*\)'$/\1/p" govdisclose.control)" "$v"
agree "META.json's version" "$(meta 'm["version"]')" "$v"
agree "META.json's provides: each extension's version" "$(meta '" ".join(sorted({e["version"] for e in m["provides"].values()}))')" "$v"
agree "META.json's provides.govdisclose.file" "$(meta 'm["provides"]["govdisclose"]["file"]')" "sql/govdisclose--$v.sql"
agree "the upstream version of debian/changelog" "$(sed -n '1s/^govdisclose (\([^-)]*\)-[^)]*).*/\1/p' debian/changelog)" "$v"

maintainer=$(meta '"\n".join(m["maintainer"]) if isinstance(m["maintainer"], list) else m["maintainer"]')
case "$maintainer" in
	*"<"*@*">") echo "ok - META.json's maintainer has an e-mail address: $maintainer" ;;
	*) echo "not ok - META.json's maintainer \"$maintainer\" has no e-mail address (Name <address>)"; bad=1 ;;
esac
same "debian/control.in" "$(sed -n 's/^Maintainer: //p' debian/control.in)" "$maintainer"
same "debian/control" "$(sed -n 's/^Maintainer: //p' debian/control)" "$maintainer"
same "debian/changelog" "$(sed -n '0,/^ -- /s/^ -- \(.*>\)  .*/\1/p' debian/changelog)" "$maintainer"
same "debian/copyright" "$(sed -n 's/^Upstream-Contact: //p' debian/copyright)" "$maintainer"
exit $bad
