#!/bin/sh
# Building a topology through the forms: a site, a pool and two servers
# appear in the tree and in the file; a bad FQDN is refused with the
# model's message on screen while typing and on Enter, and nothing is
# written.
. "$top_srcdir/tests/tui/lib.sh"

db="$T/plan.db"

tui_start --db "$db"
tui_wait "a: add a site"

# a opens the add menu; s picks a site.
tui_keys a
tui_wait "Load balancer"
tui_keys s
tui_wait "Add a site"
tui_type "HQ"
tui_keys Tab
tui_type "Head office"
tui_keys Enter
tui_wait "site added"
tui_wait "site, 0 pools: Head office"

# On the site, the menu offers a pool first: Enter takes it, then the
# role (f: Front End). The site is filled in from the cursor.
tui_keys a
tui_wait "Load balancer"
tui_keys Enter
tui_wait "Role of the new pool"
tui_keys f
tui_wait "Add a Front End pool"
tui_wait "HQ"
tui_type "pool1.contoso.com"
tui_keys Enter
tui_wait "pool added"
tui_wait "pool1.contoso.com"

# Two servers in the pool (filled in from the cursor).
for n in 1 2; do
	tui_keys a
	tui_wait "Load balancer"
	tui_keys v
	tui_wait "Add a server"
	tui_type "fe$n.contoso.com"
	tui_keys Tab Tab
	tui_type "192.0.2.1$n"
	tui_keys Enter
	tui_wait "server added"
	tui_wait "fe$n.contoso.com"
done
tui_wait "Front End, no LB, enterprise, 2 servers"

lp --db "$db" server list >"$T/servers"
for n in 1 2; do
	grep -q "fe$n.contoso.com.*192.0.2.1$n" "$T/servers" ||
		fail "fe$n.contoso.com is not in the file"
done
grep -q "pool1.contoso.com" "$T/servers" || fail "the servers are not in pool1"

# A bad FQDN: the model's words appear while typing, and again on Enter,
# the form stays open, and the file does not change.
cp "$db" "$T/before.db"
expect_status 3 lp --db "$db" server add bad_name.contoso.com --pool pool1.contoso.com
rule=$(sed -n "s/.*'bad_name.contoso.com': //p" "$T/err")
[ -n "$rule" ] || fail "the CLI gave no rule for a bad FQDN"
tui_keys a
tui_wait "Load balancer"
tui_keys v
tui_wait "Add a server"
tui_type "bad_name.contoso.com"
tui_wait "FQDN 'bad_name.contoso.com':"
tui_wait "$(printf '%s' "$rule" | cut -c1-18)"
tui_keys Enter
tui_wait "Add a server"
tui_wait "FQDN 'bad_name.contoso.com':"
tui_golden form-refused
tui_keys Escape
tui_wait_gone "Add a server"
cmp -s "$db" "$T/before.db" || fail "the refused server changed the file"
lp --db "$db" server list >"$T/servers"
grep -q bad_name "$T/servers" && fail "the refused server is in the file"

# A refusal by the model itself (a pool that does not exist) is shown too.
tui_keys a
tui_wait "Load balancer"
tui_keys v
tui_wait "Add a server"
tui_type "fe3.contoso.com"
tui_keys Tab C-u
tui_type "nopool.contoso.com"
tui_keys Enter
tui_wait "nopool.contoso.com"
tui_wait "Add a server"
tui_keys Escape
tui_wait_gone "Add a server"
cmp -s "$db" "$T/before.db" || fail "the refused server changed the file"

# Delete asks first, naming what goes with the item.
tui_keys g j
tui_keys d
tui_wait "Delete pool pool1.contoso.com?"
tui_wait "fe1.contoso.com, fe2.contoso.com"
tui_keys n
tui_wait_gone "Delete pool"
lp --db "$db" server list >"$T/servers"
grep -q "fe1.contoso.com" "$T/servers" || fail "answering no deleted the pool"

tui_keys F10
tui_wait_exit 0
finish
