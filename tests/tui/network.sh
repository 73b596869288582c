#!/bin/sh
# The Network section of the Topology view: a peer added through its form
# is in the file, refused with the command line's own words first; the
# topology's name, set through its form, heads the view and titles an
# export; a pool's form holds the fields of its role only. At 80x24, in
# UTF-8 and in ASCII.
. "$top_srcdir/tests/tui/lib.sh"

db="$T/plan.db"

tui_start --db "$db"
tui_wait "a: add a site"
tui_keys D
tui_wait "Load the demo topology"
tui_keys y
tui_wait "demo topology loaded"

# The section comes after the sites; G goes to its last row, the peer.
tui_keys G
tui_wait "▾ Network                      name, zones and 1 peer"
tui_wait "├─ topology name               none set"
tui_wait "└─ pstn-gw01                   peer, pstn-gateway: 192.0.2.30"

# a on the section offers a peer first. Two equal addresses: the form
# stays open with the message the command line gives, and nothing is written.
expect_status 3 lp --db "$db" peer add sbc01 --kind pstn-gateway --ip "203.0.113.7,203.0.113.7"
rule=$(sed -n 's/^lyncplan: //p' "$T/err")
[ -n "$rule" ] || fail "the CLI gave no message for an address given twice"
cp "$db" "$T/before.db"
tui_keys a
tui_wait "Load balancer"
tui_keys Enter
tui_wait "Add a peer"
tui_type "sbc01"
tui_keys Tab Right Tab
tui_wait "pstn-gateway"
tui_type "203.0.113.7,203.0.113.7"
tui_keys Enter
tui_wait "$rule"
tui_wait "Add a peer"
cmp -s "$db" "$T/before.db" || fail "the refused peer changed the file"
tui_keys C-u
tui_type "203.0.113.7"
tui_keys Enter
tui_wait "peer added"
tui_wait "└─ sbc01                       peer, pstn-gateway: 203.0.113.7"
lp --db "$db" peer list >"$T/peers"
grep -q "sbc01.*pstn-gateway.*203.0.113.7" "$T/peers" || fail "sbc01 is not in peer list"

# e on the name: the form renames the topology; the caption shows it.
tui_keys g /
tui_wait "Search:"
tui_type "topology name"
tui_keys Enter e
tui_wait "Name the topology"
tui_type "Contoso lab"
tui_keys Enter
tui_wait "topology name set"
tui_wait " Contoso lab: 2 sites, 6 pools, 10 servers, 2 load balancers"
tui_wait "├─ topology name               Contoso lab"
[ "$(lp --db "$db" topology show | sed -n 2p)" = "Contoso lab" ] ||
	fail "topology show does not give the new name"

# An export from the view carries the name in its title.
tui_keys x
tui_wait "html"
key=$(tui_screen | sed -n 's/.* \(.\)  html  .*/\1/p' | head -n 1)
tui_keys "$key"
tui_wait "Export as html to:"
tui_keys C-u
tui_type "$T/servers.html"
tui_keys Enter
tui_wait "Wrote"
grep -q "<title>Servers — Contoso lab</title>" "$T/servers.html" ||
	fail "the export's title does not name the topology"

# A Director pool's form: no edition, Mediation or Central Management store.
tui_keys g /
tui_wait "Search:"
tui_keys C-u
tui_type "dirpool"
tui_keys Enter e
tui_wait "Edit pool dirpool.contoso.com"
tui_wait "Load balancing"
tui_expect_absent "Edition"
tui_expect_absent "Collocated Mediation"
tui_expect_absent "Central Management store"
tui_expect_absent "External interface"
tui_keys Escape
tui_wait_gone "Edit pool"
tui_keys F10
tui_wait_exit 0

# In ASCII: the section's lines drawn with plain characters.
tui_start --ascii --db "$db"
tui_wait "fepool.contoso.com"
tui_keys G
tui_wait "- Network                      name, zones and 2 peers"
tui_wait "|- pstn-gw01                   peer, pstn-gateway: 192.0.2.30"
tui_wait "\`- sbc01                       peer, pstn-gateway: 203.0.113.7"
tui_keys F10
tui_wait_exit 0
finish
