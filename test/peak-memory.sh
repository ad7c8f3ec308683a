#!/usr/bin/env bash
# test/peak-memory.sh APPNAME COMMAND...
#
# Runs COMMAND (a psql session; PGAPPNAME is set to APPNAME for it) and
# prints the peak of its server backend's own memory while COMMAND runs:
# RssAnon of /proc/PID/status, in kB (private memory: palloc'd and malloc'd,
# not the shared buffers), sampled every 50 ms.  Exits with COMMAND's status.
# The server must run on this machine, readable by the caller (root).
set -uo pipefail
app=$1
shift
# (an explicit redirection: a background job's stdin is /dev/null otherwise)
PGAPPNAME=$app "$@" <&0 &
job=$!
pid=
peak=0
while kill -0 "$job" 2>/dev/null; do
	[ -n "$pid" ] || pid=$(PGAPPNAME=peak-memory psql -X -At -d postgres \
		-c "SELECT pid FROM pg_stat_activity WHERE application_name = '$app'" 2>/dev/null)
	if [ -n "$pid" ]; then
		kb=$(awk '/^RssAnon:/ { print $2 }' "/proc/$pid/status" 2>/dev/null)
		[ -n "$kb" ] && [ "$kb" -gt "$peak" ] && peak=$kb
	fi
	sleep 0.05
done
wait "$job"
rc=$?
echo "$peak"
exit $rc
