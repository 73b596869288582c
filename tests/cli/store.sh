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

# The default file lives under $XDG_DATA_HOME in a private directory.
expect_status 0 lp catalog --section client
[ -e "$XDG_DATA_HOME/lyncplan" ] && fail "catalog created the default file"

finish
