#!/bin/sh
# The Ports view: the selected server's matrix, a text filter, sorting,
# the whole topology, and search with n and N shown by the detail pane.
. "$top_srcdir/tests/tui/lib.sh"

tui_start --demo
tui_wait "fepool.contoso.com"

# Search the tree for fe01, then Enter opens its ports.
tui_keys /
tui_wait "Search:"
tui_type "fe01"
tui_keys Enter
tui_keys Enter
tui_wait "Ports of server fe01.contoso.com:"
tui_wait "Source: Required Server Ports"

# f keeps the rows containing the text.
tui_keys f
tui_wait "Filter:"
tui_type "5061"
tui_keys Enter
tui_wait 'filter "5061"'
tui_expect_absent "5062"
tui_golden ports-filter

# An empty filter shows every row again.
tui_keys f
tui_wait "Filter: 5061"
tui_keys C-u Enter
tui_wait_gone 'filter "5061"'
tui_wait "5062"

# s sorts each server's rows by the next column.
tui_keys s
tui_wait "by transport"
tui_keys s
tui_wait "by protocol"

# o shows every server; a search for a port and n, N move between its
# rows, as the detail pane under the cursor shows. The servers that have
# the port, in matrix order, come from the CLI.
lp --demo ports --format csv | awk -F, '$8 == "8057" { print $3 }' >"$T/m"
m1=$(sed -n 1p "$T/m") m2=$(sed -n 2p "$T/m") m3=$(sed -n 3p "$T/m")
[ -n "$m3" ] || fail "the demo has fewer than three servers with 8057"
tui_keys o
tui_wait "Ports of every server:"
tui_keys g /
tui_wait "Search:"
tui_type "8057"
tui_keys Enter
tui_wait "TCP 8057"
tui_wait "on $m1 "
tui_keys n
tui_wait "on $m2 "
tui_keys n
tui_wait "on $m3 "
tui_keys N
tui_wait "on $m2 "

# Enter shows the whole of the row in a box; any key closes it.
tui_keys Enter
tui_wait "any key: close"
tui_keys x
tui_wait_gone "any key: close"

# A filter nothing matches says so.
tui_keys f
tui_wait "Filter:"
tui_type "no-such-text"
tui_keys Enter
tui_wait "no row matches the filter"

tui_keys F10
tui_wait_exit 0
finish
