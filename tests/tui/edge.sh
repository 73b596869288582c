#!/bin/sh
# An Edge Server through its form: the internal address and three external
# ones (Access, Web Conferencing, A/V) reach the file, the Topology view
# shows them by side and `server list` lists them; a single IP where the
# pool's servers have three is refused with the command line's words, the
# form stays open and nothing is written. Then the pool's external Access
# Edge VIP through the load balancer form.
. "$top_srcdir/tests/tui/lib.sh"

db="$T/plan.db"
lp --db "$db" site add Redmond
lp --db "$db" pool add edgepool.contoso.com --site Redmond --role edge

tui_start -s 120x30 --db "$db"
tui_wait "edgepool.contoso.com"
tui_keys /
tui_wait "Search:"
tui_type "edgepool"
tui_keys Enter a
tui_wait "Load balancer"
tui_keys v
tui_wait "Add a server"
tui_wait "Single external IP"
tui_type "edge01.contoso.com"
tui_keys Tab Tab
tui_type "192.0.2.40"
tui_keys Tab Tab
tui_type "203.0.113.10"
tui_keys Tab
tui_type "203.0.113.11"
tui_keys Tab
tui_type "203.0.113.12"
tui_keys Enter
tui_wait "server added"
tui_wait_re "edge01\.contoso\.com +internal 192\.0\.2\.40; external access 203\.0\.113\.10, webconf 203\.0\.113\.11, av 203\.0\.113\.12$"

lp --db "$db" server list --format csv >"$T/servers.csv"
line=$(grep "edge01.contoso.com" "$T/servers.csv")
for a in 192.0.2.40 203.0.113.10 203.0.113.11 203.0.113.12; do
	case $line in
	*"$a"*) ;;
	*) fail "server list --format csv does not give $a for edge01: $line" ;;
	esac
done

# A single IP in a pool whose servers have three: the form hides the
# other two fields, and the model refuses it as it refuses the command.
cp "$db" "$T/before.db"
expect_status 3 lp --db "$db" server add edge02.contoso.com --pool edgepool.contoso.com \
	--external-ip 203.0.113.20
rule=$(sed -n 's/^lyncplan: //p' "$T/err")
[ -n "$rule" ] || fail "the CLI gave no message for a single IP among three"
tui_keys a
tui_wait "Load balancer"
tui_keys v
tui_wait "Add a server"
tui_type "edge02.contoso.com"
tui_keys Tab Tab Tab Right
tui_wait "External address"
tui_expect_absent "Web Conferencing address"
tui_keys Tab
tui_type "203.0.113.20"
tui_keys Enter
tui_wait "$(printf '%s' "$rule" | cut -c1-40)"
tui_wait "Add a server"
tui_keys Escape
tui_wait_gone "Add a server"
cmp -s "$db" "$T/before.db" || fail "the refused server changed the file"

# The pool's Access Edge VIP: the service is asked on the external side only.
tui_keys a
tui_wait "Load balancer"
tui_keys b
tui_wait "Add a load balancer"
tui_expect_absent "Edge service"
tui_type "hlb-edge-access"
tui_keys Tab
tui_type "203.0.113.50"
tui_keys Tab Tab Right
tui_wait "Edge service"
tui_keys Tab Right
tui_wait "< access >"
tui_keys Enter
tui_wait "load balancer added"
tui_wait_re "hlb-edge-access +load balancer, VIP 203\.0\.113\.50, external, access$"
lp --db "$db" lb list --format csv >"$T/lbs.csv"
grep -q "^hlb-edge-access,203.0.113.50,edgepool.contoso.com,external,access" "$T/lbs.csv" ||
	fail "lb list does not give the external Access Edge VIP: $(cat "$T/lbs.csv")"

tui_keys F10
tui_wait_exit 0
finish
