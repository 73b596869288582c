#!/bin/sh
# The Load balancing view: a pool's DNS and hardware modes side by side,
# the ports of one mode only highlighted, and m switching the pool's mode
# in the file, the view following.
. "$top_srcdir/tests/tui/lib.sh"

db="$T/plan.db"

tui_start --db "$db"
tui_wait "D: load the demo topology"
tui_keys D
tui_wait "Load the demo topology"
tui_keys y
tui_wait "demo topology loaded"

# The pool under the Topology cursor is the one shown.
tui_keys /
tui_wait "Search:"
tui_type "fepool"
tui_keys Enter 3
tui_wait "fepool.contoso.com: Front End, 3 servers, now DNS load balancing"
tui_wait_re "Under DNS LB: [0-9]+ ports \(current\) +│ Under hardware LB: [0-9]+ ports *$"
tui_golden lb-dns

# SIP (5061) goes through the load balancer only under hardware load
# balancing: its row is highlighted (bold, underlined), a port of both
# modes (443) is not.
tm capture-pane -e -p -t lp >"$T/attrs"
grep "5061" "$T/attrs" | grep -q "$(printf '\033')\[[0-9;]*4[;m]" ||
	fail "the hardware-only row 5061 is not highlighted"
grep " 443 " "$T/attrs" | grep -q "$(printf '\033')\[[0-9;]*4[;m]" &&
	fail "the row 443 of both modes is highlighted"

# m switches the pool to hardware load balancing, in the file too.
tui_keys m
tui_wait "fepool.contoso.com now uses hardware load balancing"
tui_wait "fepool.contoso.com: Front End, 3 servers, now hardware load balancing"
tui_wait_re "Under DNS LB: [0-9]+ ports +│ Under hardware LB: [0-9]+ ports \(current\)"
tui_golden lb-hardware
lp --db "$db" pool list >"$T/pools"
grep "fepool.contoso.com" "$T/pools" | grep -q hardware ||
	fail "the file does not say fepool uses hardware load balancing"

# And back.
tui_keys m
tui_wait "fepool.contoso.com: Front End, 3 servers, now DNS load balancing"
lp --db "$db" pool list >"$T/pools"
grep "fepool.contoso.com" "$T/pools" | grep -q dns ||
	fail "the file does not say fepool uses DNS load balancing"

# ] and [ step through the pools.
tui_keys ]
tui_wait_gone "fepool.contoso.com: Front End"
tui_keys [
tui_wait "fepool.contoso.com: Front End"

tui_keys F10
tui_wait_exit 0
finish
