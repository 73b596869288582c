#!/bin/sh
# The perimeter from the command line: a single Edge Server with NAT and a
# scaled Edge pool with hardware load balancers, each with a reverse proxy;
# their flows, ports, load balancer ports and checks against golden files;
# the flows filters and the Edge options' refusals.
. "$top_srcdir/tests/cli/lib.sh"

count_rows() { echo $(($(wc -l <"$T/out") - 1)); }

# ---- the demo: an Edge pool behind NAT with DNS load balancing ----
expect_status 0 lp --demo flows --format csv
expect_golden edge-demo-flows.csv "$T/out"
expect_status 0 lp --demo ports --pool edgepool.contoso.com --format csv
# 13 rows per server: its external ports on the three interfaces of the
# Access, Web Conferencing and A/V Edge (no address given: single IP is
# not chosen), its internal ones on the internal interface.
[ "$(count_rows)" -eq 26 ] || fail "the demo Edge pool has $(count_rows) port rows, wanted 26"

# ---- a single consolidated Edge Server behind NAT ----
DB="$T/single.db"
ok() { expect_status 0 lp --db "$DB" "$@"; }
ok site add HQ
ok pool add se.contoso.com --site HQ --role front-end --edition standard --cms
ok server add se.contoso.com --pool se.contoso.com --ip 192.0.2.10
ok pool add edge.contoso.com --site HQ --role edge --edge-external nat
ok server add edge01.contoso.com --pool edge.contoso.com --ip 192.0.2.40
ok pool add rp.contoso.com --site HQ --role reverse-proxy
ok server add rp01.contoso.com --pool rp.contoso.com --ip 192.0.2.50
ok feature on federation

expect_status 0 lp --db "$DB" flows --format csv
expect_golden edge-single-flows.csv "$T/out"
expect_status 0 lp --db "$DB" ports --format csv
expect_golden edge-single-ports.csv "$T/out"
expect_status 0 lp --db "$DB" check --wide
expect_golden edge-single-check.txt "$T/out"
# What a firewall team checks first: clients reach the Access Edge on 443,
# SIP crosses the internal firewall both ways, federation goes out on 5061.
expect_status 0 lp --db "$DB" flows --format csv
grep -q '^external clients,,internet,edge.contoso.com Access Edge external interface,,,internet to perimeter,443,TCP,' "$T/out" ||
	fail "no flow from external clients to the Access Edge on 443"
grep -q '^se.contoso.com,192.0.2.10,,edge.contoso.com internal interface,192.0.2.40,,internal to perimeter,5061,TCP,' "$T/out" ||
	fail "no SIP flow from the Front End to the Edge"
grep -q '^edge.contoso.com internal interface,192.0.2.40,,se.contoso.com,192.0.2.10,,perimeter to internal,5061,TCP,' "$T/out" ||
	fail "no SIP flow from the Edge to the Front End"
grep -q '^edge.contoso.com Access Edge external interface,,,federated partners,,internet,perimeter to internet,5061,TCP,' "$T/out" ||
	fail "no federation flow out of the Access Edge"
grep -q ',5269,' "$T/out" && fail "XMPP flows while XMPP is off"

# The filters: a pool matches all its ends, an end or a party by name.
expect_status 0 lp --db "$DB" flows --from 'External Clients' --format csv
[ "$(count_rows)" -eq 5 ] || fail "--from 'external clients': $(count_rows) rows, wanted 5"
grep -v '^from,' "$T/out" | grep -vq '^external clients,' && fail "--from lists another source"
expect_status 0 lp --db "$DB" flows --to edge.contoso.com --format csv
grep -v '^from,' "$T/out" | cut -d, -f4 | grep -vq '^edge.contoso.com ' &&
	fail "--to edge.contoso.com lists another destination"
expect_status 0 lp --db "$DB" flows --to 'edge.contoso.com internal interface' --format csv
grep -v '^from,' "$T/out" | grep -q 'external interface' && fail "--to one interface lists the other"
expect_status 3 lp --db "$DB" flows --from nowhere.contoso.com
expect_err_match "^lyncplan: flows: --from: no pool or party named 'nowhere.contoso.com' \(parties: internal clients, "
expect_status 2 lp --db "$DB" flows --pool se.contoso.com
expect_err_match "flows: unknown option"

# Refusals of the Edge options, with nothing written.
cp "$DB" "$T/before"
expect_status 3 lp --db "$DB" pool set se.contoso.com --edge-external nat
expect_err_match "--edge-external: only an edge pool has an external interface \(this pool is front-end\)"
expect_status 3 lp --db "$DB" pool set edge.contoso.com --edge-external private
expect_err_match "--edge-external: 'private' is not public or nat"
expect_same_bytes "$DB" "$T/before"

# ---- a scaled consolidated Edge pool with hardware load balancers ----
DB="$T/scaled.db"
ok site add HQ
ok pool add fepool.contoso.com --site HQ --role front-end --lb dns --cms
ok server add fe01.contoso.com --pool fepool.contoso.com --ip 192.0.2.11
ok server add fe02.contoso.com --pool fepool.contoso.com --ip 192.0.2.12
ok lb add hlb-fe-web --vip 192.0.2.10 --pool fepool.contoso.com
ok pool add dirpool.contoso.com --site HQ --role director --lb hardware
ok server add dir01.contoso.com --pool dirpool.contoso.com --ip 192.0.2.21
ok server add dir02.contoso.com --pool dirpool.contoso.com --ip 192.0.2.22
ok lb add hlb-dir --vip 192.0.2.20 --pool dirpool.contoso.com
ok pool add edgepool.contoso.com --site HQ --role edge --lb hardware --edge-external public
ok server add edge01.contoso.com --pool edgepool.contoso.com --ip 172.16.0.41
ok server add edge02.contoso.com --pool edgepool.contoso.com --ip 172.16.0.42
ok lb add hlb-edge-int --vip 172.16.0.40 --pool edgepool.contoso.com
ok lb add hlb-edge-ext --vip 203.0.113.40 --pool edgepool.contoso.com --side external
ok pool add rp.contoso.com --site HQ --role reverse-proxy
ok server add rp01.contoso.com --pool rp.contoso.com --ip 172.16.0.50
ok feature on public-im

expect_status 0 lp --db "$DB" flows --format csv
expect_golden edge-scaled-flows.csv "$T/out"
expect_status 0 lp --db "$DB" ports --format csv
expect_golden edge-scaled-ports.csv "$T/out"
expect_status 0 lp --db "$DB" lb-ports --pool edgepool.contoso.com --format csv
expect_golden edge-scaled-lb-ports.csv "$T/out"
expect_status 0 lp --db "$DB" check --wide
expect_golden edge-scaled-check.txt "$T/out"
# The internal VIP carries the Access and A/V Edge only.
expect_status 0 lp --db "$DB" flows --to 'edgepool.contoso.com internal VIP' --format csv
grep -q ',8057,' "$T/out" && fail "Web Conferencing Edge traffic through the internal VIP"
grep -q ',5061,TCP,' "$T/out" || fail "no SIP through the internal VIP"

# NAT with a hardware-load-balanced Edge is an error, cited.
ok pool set edgepool.contoso.com --edge-external nat
expect_status 1 lp --db "$DB" check --wide
grep -q '^error   pool edgepool.contoso.com: the external interface uses NAT, but the Edge pool is hardware load balanced: .*\[edge-rules: edge-nat-dns-lb-only\]' "$T/out" ||
	fail "NAT with hardware load balancing is not reported"

# The views in the file give the same flows to any SQLite tool.
if [ -n "${SQLITE3_BIN:-}" ]; then
	expect_status 0 lp --db "$DB" flows --format csv
	want=$(count_rows)
	got=$("$SQLITE3_BIN" "$DB" 'SELECT count(*) FROM flows')
	[ "$got" = "$want" ] || fail "flows view has $got rows, flows printed $want"
fi

finish
