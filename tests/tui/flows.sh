#!/bin/sh
# The Flows view: 5 opens it on the demo, one heading per pair of ends over
# its ports, the detail pane with why, condition and source; a pool chosen
# in Topology narrows it, o widens it again, f filters.
. "$top_srcdir/tests/tui/lib.sh"

tui_start --demo
tui_wait "fepool.contoso.com"
tui_keys 5
tui_wait "Flows of the whole topology:"
tui_wait "5 Flows"

# A search puts the cursor on a known flow; the pane explains it.
tui_keys /
tui_wait "Search:"
tui_type "UDP/3478"
tui_keys Enter
tui_wait "external clients → edgepool.contoso.com A/V Edge external interface (internet to"
tui_wait_re "^  3478 +UDP +STUN,MSTURN +A/V Edge: STUN/TURN negotiation"
tui_wait "Why: A/V Edge: STUN/TURN negotiation of candidates over UDP/3478"
tui_wait "Condition: always"
tui_wait_re "^ Source: ?$"
tui_wait " Lync/LyncServer/lync-server-2013-port-summary-single-consolidated-edge"
# Enter shows the whole of it, down to the addresses of both ends.
tui_keys Enter
tui_wait "UDP 3478 STUN,MSTURN, internet to perimeter: external clients →"
tui_keys Escape
tui_wait_gone "UDP 3478 STUN,MSTURN, internet to perimeter"

# The reverse proxy chosen in Topology: only its flows.
tui_keys 1 /
tui_wait "Search:"
tui_type "rp.contoso.com"
tui_keys Enter
tui_keys 5
tui_wait "Flows from or to pool rp.contoso.com:"
tui_wait "rp.contoso.com internal interface → fepool.contoso.com"
tui_expect_absent "edgepool.contoso.com A/V Edge external interface →"
tui_keys o
tui_wait "Flows of the whole topology:"

# f keeps the flows containing a text.
tui_keys f
tui_wait "Filter:"
tui_type "5067"
tui_keys Enter
tui_wait 'filter "5067"'
tui_wait "PSTN gateway → fepool.contoso.com"
tui_expect_absent "3478"
tui_keys F10
tui_wait_exit 0

finish
