#!/bin/sh
# Several lyncplan processes on one file at once: writers editing, readers
# listing and deriving. Each waits its turn: no command ever fails (no
# "database is locked"), and every edit is in the file afterwards. Also
# several processes creating the same new file at the same moment.
. "$top_srcdir/tests/cli/lib.sh"

DB="$T/plan.db"
# Fewer rounds under valgrind (make check-valgrind), where each run is slow.
if [ -n "${LYNCPLAN_RUN:-}" ]; then N=8 ROUNDS=2; else N=60 ROUNDS=8; fi

# run WHO CMD...: runs CMD on the file; a failure is kept in $T/failed.WHO.
run() {
	who=$1
	shift
	lp --db "$DB" "$@" >/dev/null 2>"$T/err.$who"
	got=$?
	# check exits 1 when it finds an error in the topology: not a failure.
	if [ "$got" -ne 0 ] && ! { [ "$1" = check ] && [ "$got" -eq 1 ]; }; then
		echo "exit $got: $*: $(cat "$T/err.$who")" >>"$T/failed.$who"
	fi
}

sites() { # site A<i> for every i, those with odd i removed again
	i=1
	while [ "$i" -le "$N" ]; do
		run sites site add "A$i" --description "round $i"
		[ $((i % 2)) -eq 1 ] && run sites site rm "A$i"
		i=$((i + 1))
	done
}

pools() { # a Mediation pool and its server for every i, every third removed
	i=1
	while [ "$i" -le "$N" ]; do
		run pools pool add "p$i.contoso.com" --site HQ --role mediation
		run pools server add "m$i.contoso.com" --pool "p$i.contoso.com" --ip "10.1.0.$i"
		[ $((i % 3)) -eq 0 ] && run pools pool rm --force "p$i.contoso.com"
		i=$((i + 1))
	done
}

readers() { # lists, the port matrix, the checks, over and over
	i=1
	while [ "$i" -le "$N" ]; do
		run readers site list
		run readers ports --format csv
		run readers server list --format json
		run readers check
		i=$((i + 1))
	done
}

expect_status 0 lp --db "$DB" site add HQ
sites &
pools &
readers &
wait
cat "$T"/failed.* 2>/dev/null | head -20 | sed 's/^/FAIL: /' >&2
[ -z "$(cat "$T"/failed.* 2>/dev/null)" ] || fail "$(cat "$T"/failed.* | wc -l) commands failed"

# Every edit reported done is there, and only those.
expect_status 0 lp --db "$DB" site list --format csv
want_sites=$((1 + N / 2))
[ "$(grep -c '^A[0-9]*,\|^HQ,' "$T/out")" -eq "$want_sites" ] ||
	fail "$(grep -c '^A[0-9]*,\|^HQ,' "$T/out") sites, wanted $want_sites"
expect_status 0 lp --db "$DB" server list --format csv
want_servers=$((N - N / 3))
[ "$(grep -c '^p[0-9]*\.contoso\.com,' "$T/out")" -eq "$want_servers" ] ||
	fail "$(grep -c '^p[0-9]*\.contoso\.com,' "$T/out") servers, wanted $want_servers"
if [ -n "${SQLITE3_BIN:-}" ]; then
	[ "$("$SQLITE3_BIN" "$DB" 'PRAGMA integrity_check')" = ok ] || fail "integrity_check failed"
fi

# A long export while the CLI edits the file. The flows of a 1,000-server
# topology (tests/bench/gen-topology.sql; 1.2 MB of CSV) go to a pipe read
# only after the edits, which holds the export in the middle of its query
# for as long as they take. In WAL mode a reader never blocks a writer:
# every edit succeeds at once (in rollback mode each waited 2 s and failed
# as locked), and the export writes the flows as the file was when it began.
if [ -n "${SQLITE3_BIN:-}" ]; then
	BIG="$T/big.db"
	expect_status 0 lp --db "$BIG" site list
	{ echo "CREATE TEMP TABLE bench_size AS SELECT 1000 AS servers;"
	  cat "$top_srcdir/tests/bench/gen-topology.sql"; } | "$SQLITE3_BIN" "$BIG"
	expect_status 0 lp --db "$BIG" flows --format csv
	mv "$T/out" "$T/flows.csv"
	mkfifo "$T/pipe"
	lp --db "$BIG" flows --format csv >"$T/pipe" 2>"$T/export.err" &
	export_pid=$!
	exec 3<"$T/pipe"
	# Its first row: the export is in its query, and the pipe fills.
	IFS= read -r first <&3
	for cmd in "site add Lab" "pool add lab.contoso.com --site Lab --role mediation" \
		"server add m1.contoso.com --pool lab.contoso.com --ip 10.9.0.1" \
		"server add m2.contoso.com --pool lab.contoso.com --ip 10.9.0.2" \
		"server rm m1.contoso.com" "site add Lab2 --description second"; do
		# shellcheck disable=SC2086
		expect_status 0 lp --db "$BIG" $cmd
	done
	{ printf '%s\n' "$first"; cat <&3; } >"$T/export.csv"
	exec 3<&-
	wait "$export_pid" || fail "the export failed: $(cat "$T/export.err")"
	expect_same_bytes "$T/flows.csv" "$T/export.csv"
	expect_status 0 lp --db "$BIG" server list --format csv
	grep -q '^lab\.contoso\.com,m2\.contoso\.com,' "$T/out" || fail "an edit is missing"
	for side in wal shm; do
		[ -e "$BIG-$side" ] && fail "$BIG-$side left behind"
	done
fi

# Three processes create the same new file at once: all succeed, and the
# file holds all three sites.
round=1
while [ "$round" -le "$ROUNDS" ]; do
	rm -f "$DB"
	for who in x y z; do
		run "new$who" site add "$who$round" &
	done
	wait
	expect_status 0 lp --db "$DB" site list --format csv
	[ "$(grep -c "^[xyz]$round," "$T/out")" -eq 3 ] ||
		fail "round $round: $(grep -c "^[xyz]$round," "$T/out") of 3 sites in the new file"
	round=$((round + 1))
done
for side in wal shm; do
	[ -e "$DB-$side" ] && fail "$DB-$side left behind"
done
cat "$T"/failed.new* 2>/dev/null | head -10 | sed 's/^/FAIL: /' >&2
[ -z "$(cat "$T"/failed.new* 2>/dev/null)" ] || fail "creating the file at once failed"

finish
