#!/bin/sh
# Text from the file is shown with control characters escaped: a site
# description holding escape sequences (written around the model with
# sqlite3) cannot clear or recolour the terminal.
. "$top_srcdir/tests/tui/lib.sh"

if [ -z "${SQLITE3_BIN:-}" ] || ! [ -x "$SQLITE3_BIN" ]; then
	echo "SKIP: sqlite3 is not installed" >&2
	exit 77
fi

db="$T/plan.db"
lp --db "$db" site add HQ --description "plain" || fail "could not add a site"
"$SQLITE3_BIN" "$db" "UPDATE site SET description = 'a' || char(27) || '[2J' || char(27) || '[31mred' || char(7) WHERE name = 'HQ'" ||
	fail "sqlite3 could not change the description"

tui_start --db "$db"
tui_wait 'a\x1B[2J\x1B[31mred\x07'
tui_wait "1 Topology"
tm capture-pane -e -p -t lp >"$T/attrs"
grep -q "$(printf '\033')\\[31m" "$T/attrs" && fail "the file's text coloured the terminal"

tui_keys F10
tui_wait_exit 0
finish
