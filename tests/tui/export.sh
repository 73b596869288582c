#!/bin/sh
# The export dialog: x in the Ports view writes what the view shows, the
# same bytes as the command line; an existing file is replaced only after
# yes; Esc at any step writes nothing; a path that cannot be written gives
# one line on the status line and the program goes on.
. "$top_srcdir/tests/tui/lib.sh"

lp --demo ports --server fe01.contoso.com --format csv >"$T/want.csv" ||
	fail "lyncplan ports --format csv failed"
want_rows=$(($(wc -l <"$T/want.csv") - 1))

# export_to PATH: x, csv, then PATH in place of the default name.
export_to() {
	tui_keys x
	tui_wait "Export Port matrix: server fe01.contoso.com"
	tui_keys c
	tui_wait "Export as csv to: lyncplan-ports.csv"
	tui_keys C-u
	tui_type "$1"
	tui_keys Enter
}

tui_start --demo
tui_wait "fepool.contoso.com"
tui_keys /
tui_wait "Search:"
tui_type "fe01"
tui_keys Enter Enter
tui_wait "Ports of server fe01.contoso.com:"
tui_wait "x Export"

export_to "$T/ports.csv"
tui_wait "Wrote $want_rows rows to $T/ports.csv"
cmp -s "$T/ports.csv" "$T/want.csv" || fail "the exported file differs from lyncplan ports"

# An existing file: n keeps it, Esc keeps it, y replaces it.
printf 'old\n' >"$T/ports.csv"
export_to "$T/ports.csv"
tui_wait "exists. Replace it?"
tui_keys n
tui_wait_gone "Replace it?"
export_to "$T/ports.csv"
tui_wait "exists. Replace it?"
tui_keys Escape
tui_wait_gone "Replace it?"
[ "$(cat "$T/ports.csv")" = old ] || fail "the file was replaced without a yes"
export_to "$T/ports.csv"
tui_wait "exists. Replace it?"
tui_keys y
tui_wait "Wrote $want_rows rows to $T/ports.csv"
cmp -s "$T/ports.csv" "$T/want.csv" || fail "the replaced file differs from lyncplan ports"

# Esc on the format menu, then on the path: nothing is written.
tui_keys x
tui_wait "Export Port matrix"
tui_keys Escape
tui_wait_gone "Export Port matrix"
tui_keys x
tui_wait "Export Port matrix"
tui_keys c
tui_wait "Export as csv to:"
tui_keys C-u
tui_type "$T/esc.csv"
tui_keys Escape
tui_wait_gone "Export as csv to:"
[ ! -e "$T/esc.csv" ] || fail "Esc on the path wrote a file"
[ ! -e lyncplan-ports.csv ] || fail "Esc wrote the default file"

# A directory that does not exist: one line, and the program goes on.
export_to "$T/missing/ports.csv"
tui_wait "$T/missing/ports.csv: cannot create"
[ ! -e "$T/missing" ] || fail "a directory was created"
tui_keys 1
tui_wait "2 sites, 6 pools"
tui_keys F10
tui_wait_exit 0

finish
