#!/bin/sh
# The real program on files it must refuse: each gives one line naming the
# file and the cause, exit status 4, and leaves the file byte-identical.
. "$top_srcdir/tests/cli/lib.sh"

refused() { # FILE CAUSE
	cp "$1" "$T/before"
	expect_status 4 lp --db "$1" catalog
	expect_err_match "^lyncplan: $1: .*$2"
	expect_same_bytes "$T/before" "$1"
}

printf 'not a database at all, just some text that is long enough ..........\n' >"$T/text.db"
refused "$T/text.db" "not a SQLite database"

: >"$T/empty.db"
refused "$T/empty.db" "empty file"

head -c 4096 /dev/urandom >"$T/random.db"
refused "$T/random.db" "not a SQLite database"

# A good file, then the same file claiming a newer schema version.
expect_status 0 lp --db "$T/good.db" catalog --section hlb-dns
[ -s "$T/good.db" ] || fail "the database file was not created"
cp "$T/good.db" "$T/newer.db"
if [ -n "${SQLITE3_BIN:-}" ]; then
	"$SQLITE3_BIN" "$T/newer.db" 'PRAGMA user_version = 999'
	refused "$T/newer.db" "written by a newer lyncplan"
	"$SQLITE3_BIN" "$T/other.db" 'CREATE TABLE notes (body TEXT)'
	refused "$T/other.db" "not a lyncplan database"
fi

# Truncated to half its size.
size=$(wc -c <"$T/good.db")
head -c $((size / 2)) "$T/good.db" >"$T/half.db"
refused "$T/half.db" "corrupt"

# A file of schema version 1, as lyncplan made it then (db/history/: its
# flows view derived per pool pair; before 2026-11-28 its CHECK rules with
# IN lists), is upgraded on open: the new flow views replace the old, the
# topology stays, and the flows are the same; the upgraded file opens again
# (a file with IN lists keeps them, but in the pool table, which version 4
# rebuilds). Read-only, it is refused and left as
# it was.
if [ -n "${SQLITE3_BIN:-}" ]; then
	expect_status 0 lp --demo export-topology -o "$T/demo.json"
	expect_status 0 lp --db "$T/v2.db" import-topology "$T/demo.json"
	# Version 1 had no zones nor peers.
	expect_status 0 lp --db "$T/v2.db" zone set internal --cidr ''
	expect_status 0 lp --db "$T/v2.db" zone set perimeter --cidr ''
	expect_status 0 lp --db "$T/v2.db" peer rm pstn-gw01
	expect_status 0 lp --db "$T/v2.db" flows --format csv
	cp "$T/out" "$T/flows.csv"
	for history in schema-1.sql schema-1-in-lists.sql; do
		rm -f "$T/v1.db" "$T/v1-ro.db"
		make_old "$T/v1.db" 1 "$T/v2.db" "$history"
		cp "$T/v1.db" "$T/v1-ro.db"
		chmod 444 "$T/v1-ro.db"
		expect_status 4 lp --db "$T/v1-ro.db" flows
		expect_err_match "schema version 1 needs an upgrade, but the file is read-only"
		expect_same_bytes "$T/v1.db" "$T/v1-ro.db"
		expect_status 0 lp --db "$T/v1.db" flows --format csv
		expect_same_bytes "$T/flows.csv" "$T/out"
		[ "$("$SQLITE3_BIN" "$T/v1.db" 'PRAGMA user_version')" = 4 ] ||
			fail "$history: the version 1 file was not upgraded to the current version"
		[ "$("$SQLITE3_BIN" "$T/v1.db" 'PRAGMA journal_mode')" = wal ] ||
			fail "$history: the file in rollback mode was not put in WAL mode"
		[ "$("$SQLITE3_BIN" "$T/v1.db" "SELECT count(*) FROM sqlite_schema
			WHERE name = 'flow_pairs'")" = 0 ] || fail "$history: the view flow_pairs is left"
		expect_status 0 lp --db "$T/v1.db" flows --format csv
		expect_same_bytes "$T/flows.csv" "$T/out"
	done
	[ "$("$SQLITE3_BIN" "$T/v1.db" "SELECT count(*) FROM sqlite_schema
		WHERE name = 'catalog' AND sql LIKE '%section IN (%'")" = 1 ] ||
		fail "the upgraded file lost its IN lists: the test tests nothing"
fi

# The default file lives under $XDG_DATA_HOME in a private directory.
expect_status 0 lp catalog --section client
[ -e "$XDG_DATA_HOME/lyncplan" ] && fail "catalog created the default file"

finish
