#!/bin/sh
# The interface open on a file while the CLI edits and exports it in a
# loop, and the interface keeps re-reading it (view switches, r): no
# command fails, the interface never reports the file locked, it shows
# the last change, and once all are closed no -wal or -shm is left.
. "$top_srcdir/tests/tui/lib.sh"

DB="$T/plan.db"
# Under valgrind (make check-valgrind) fewer rounds and slower re-reads,
# or the keys would queue up faster than the interface can read.
if [ -n "${LYNCPLAN_RUN:-}" ]; then N=6 PACE=0.5; else N=30 PACE=0.02; fi

expect_status 0 lp --db "$DB" site add HQ --description "first site"
expect_status 0 lp --db "$DB" pool add fe.contoso.com --site HQ --role front-end
tui_start --db "$DB"
tui_wait "first site"

# The views that read most (topology, ports, checks) in turn with the
# edits, while another process keeps asking the interface to re-read.
keys="2 5 r 1 3 4 r 1"
(while [ ! -e "$T/stop" ]; do tui_keys r; sleep "$PACE"; done) &
failed=0 i=1
while [ "$i" -le "$N" ]; do
	for cmd in "site add S$i --description cli-$i" \
		"server add fe$i.contoso.com --pool fe.contoso.com" \
		"export-topology" "ports --format csv" "server rm fe$i.contoso.com"; do
		# shellcheck disable=SC2086
		if ! lp --db "$DB" $cmd >/dev/null 2>"$T/err"; then
			fail "while the interface was open: $cmd: $(cat "$T/err")"
			failed=$((failed + 1))
		fi
	done
	set -- $keys
	shift $((i % 8))
	tui_keys "$1"
	if tui_screen | grep -qi 'locked'; then
		fail "the interface reported the file locked"
		tui_show
	fi
	i=$((i + 1))
done
touch "$T/stop"
wait
[ "$failed" -eq 0 ] || echo "$failed CLI commands failed" >&2

# The Topology view shows the last change.
tui_keys 1
tui_wait "$((N + 1)) sites, 1 pool, 0 servers"
tui_keys F10
tui_wait_exit 0
[ -s "$T/tui.err" ] && fail "the interface wrote to stderr: $(cat "$T/tui.err")"
# Every program closed, the file stands alone.
for side in wal shm; do
	[ -e "$DB-$side" ] && fail "$DB-$side left behind"
done
finish
