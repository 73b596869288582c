#!/bin/sh
# The interface on an empty file (the hint, loading the demo after a
# question), seeing changes made by the CLI, and on the demo; quitting
# with q and with F10.
. "$top_srcdir/tests/tui/lib.sh"

db="$T/plan.db"

# An empty file opens on an empty Topology view with the hint.
tui_start --db "$db"
tui_wait "a: add a site, D: load the demo topology"
tui_golden empty

# D asks first; n leaves the file as it was.
tui_keys D
tui_wait "Load the demo topology"
tui_keys n
tui_wait_gone "Load the demo topology"
lp --db "$db" site list >"$T/sites"
grep -q Redmond "$T/sites" && fail "the demo was loaded although the answer was no"

# y loads it into the open file, where the CLI sees it.
tui_keys D
tui_wait "Load the demo topology"
tui_keys y
tui_wait "fepool.contoso.com"
tui_wait "demo topology loaded"
lp --db "$db" server list >"$T/servers"
grep -q "fe01.contoso.com" "$T/servers" || fail "the demo servers are not in the file"

# A change made by another lyncplan shows up on its own, and at once on r.
lp --db "$db" site add Paris --description "added elsewhere" || fail "the CLI could not add a site"
tui_wait "added elsewhere"
lp --db "$db" site add Oslo --description "read again on r" || fail "the CLI could not add a site"
tui_keys r
tui_wait "read again on r"

# q in the first view quits, with status 0.
tui_keys q
tui_wait_exit 0

# The demo topology, held in memory.
tui_start --demo
tui_wait "fepool.contoso.com"
tui_golden demo

# q goes back from a view to the one before; F10 quits from anywhere.
tui_keys 7
tui_wait "Port catalog"
tui_keys q
tui_wait "2 sites, "
tui_keys 8
tui_wait "Help: the keys"
tui_keys F10
tui_wait_exit 0

finish
