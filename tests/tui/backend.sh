#!/bin/sh
# A pool's Back End through the forms: a Back End pool added with the
# role menu's b; an Enterprise Edition Front End pool's form chooses it
# and then its SQL mirror; the tree and `pool list` show the link, and
# none clears it with the mirror.
. "$top_srcdir/tests/tui/lib.sh"

db="$T/plan.db"
lp --db "$db" site add Redmond
lp --db "$db" pool add fepool.contoso.com --site Redmond --role front-end
lp --db "$db" pool add sql1.contoso.com --site Redmond --role back-end

tui_start -s 160x30 --db "$db"
tui_wait "fepool.contoso.com"
tui_keys /
tui_wait "Search:"
tui_type "sql1"
tui_keys Enter a
tui_wait "Load balancer"
tui_keys p
tui_wait "Role of the new pool"
tui_wait " b  Back End"
tui_keys b
tui_wait "Add a Back End pool"
tui_type "sql2.contoso.com"
tui_keys Enter
tui_wait "pool added"

# e on the Front End pool: the mirror is asked once a Back End is chosen.
tui_keys /
tui_wait "Search:"
tui_keys C-u
tui_type "fepool"
tui_keys Enter e
tui_wait "Edit pool fepool.contoso.com"
tui_wait "Back End"
tui_expect_absent "SQL mirror"
tui_keys Tab Tab Tab Tab Tab Right
tui_wait "< sql1.contoso.com >"
tui_wait "SQL mirror"
tui_expect_absent "Mirroring witness"
tui_keys Tab Right Right
tui_wait "< sql2.contoso.com >"
tui_keys Enter
tui_wait "pool changed"
tui_wait_re "fepool\.contoso\.com +Front End, no LB, enterprise, 0 servers, Back End sql1\.contoso\.com, mirror sql2\.contoso\.com$"
lp --db "$db" pool list --format csv >"$T/pools.csv"
grep "^Redmond,fepool.contoso.com," "$T/pools.csv" | grep -q ",sql1.contoso.com,sql2.contoso.com," ||
	fail "pool list does not give fepool's Back End and mirror: $(cat "$T/pools.csv")"

# none clears the Back End, and the mirror with it.
tui_keys e
tui_wait "Edit pool fepool.contoso.com"
tui_keys Tab Tab Tab Tab Tab Left
tui_wait "< none >"
tui_expect_absent "SQL mirror"
tui_keys Enter
tui_wait "pool changed"
tui_wait_re "fepool\.contoso\.com +Front End, no LB, enterprise, 0 servers$"
lp --db "$db" pool list --format csv >"$T/pools.csv"
if grep "^Redmond,fepool.contoso.com," "$T/pools.csv" | grep -q sql; then
	fail "fepool keeps a Back End after none: $(cat "$T/pools.csv")"
fi

tui_keys F10
tui_wait_exit 0
finish
