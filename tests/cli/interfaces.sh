#!/bin/sh
# Each port on the interface it is on, from the command line: an Edge
# Server with three external addresses, then one (single IP), then none;
# a reverse proxy; an Edge pool's internal and external virtual IPs by
# side and service.
. "$top_srcdir/tests/cli/lib.sh"

DB="$T/edge.db"
ok() { expect_status 0 lp --db "$DB" "$@"; }
ports_of() { expect_status 0 lp --db "$DB" ports --server "$1" --format csv; }
# rows PATTERN: how many lines of the output match the extended regex.
rows() { grep -cE "$1" "$T/out"; }

ok site add HQ
ok pool add se.contoso.com --site HQ --role front-end --edition standard --cms
ok server add se.contoso.com --pool se.contoso.com --ip 192.0.2.10
ok pool add edge.contoso.com --site HQ --role edge --edge-external public
ok server add edge01.contoso.com --pool edge.contoso.com --ip 192.0.2.40 \
	--external-ip 198.51.100.1,198.51.100.2,198.51.100.3
ok pool add rp.contoso.com --site HQ --role reverse-proxy
ok server add rp01.contoso.com --pool rp.contoso.com --ip 192.0.2.50 --external-ip 198.51.100.50

# Three addresses: the three Edge services' 443 each on their own, the
# internal STUN 443 on the internal one.
ports_of edge01.contoso.com
[ "$(head -n 1 "$T/out")" = "site,pool,server,address,interface,role,service,ports,transport,protocol,notes,source$(printf '\r')" ] ||
	fail "the ports header is not site,pool,server,address,interface,..."
e=HQ,edge.contoso.com,edge01.contoso.com
[ "$(rows "^$e,198\.51\.100\.1,external-access,edge,Access Edge,443,TCP,")" -eq 1 ] ||
	fail "no Access Edge 443 row on its address"
[ "$(rows "^$e,198\.51\.100\.2,external-webconf,edge,Web Conferencing Edge,443,TCP,")" -eq 1 ] ||
	fail "no Web Conferencing Edge 443 row on its address"
[ "$(rows "^$e,198\.51\.100\.3,external-av,edge,A/V Edge,443,TCP,")" -eq 1 ] ||
	fail "no A/V Edge 443 row on its address"
[ "$(rows "^$e,192\.0\.2\.40,internal,edge,,443,TCP,STUN/MSTURN,")" -eq 1 ] ||
	fail "no internal STUN 443 row on the internal address"
[ "$(rows ',443,TCP,')" -eq 4 ] || fail "edge01 has $(rows ',443,TCP,') rows of 443/TCP, wanted 4"
[ "$(rows "^$e,198\.51\.100\.3,external-av,edge,A/V Edge,3478,UDP,")" -eq 1 ] ||
	fail "no A/V Edge 3478 row on its address"
# The view in the file says the same to any SQLite tool.
if [ -n "${SQLITE3_BIN:-}" ]; then
	got=$("$SQLITE3_BIN" "$DB" "SELECT address || ' ' || interface FROM port_matrix
		WHERE server = 'edge01.contoso.com' AND ports = '443' ORDER BY interface")
	want=$(printf '198.51.100.1 external-access\n198.51.100.3 external-av\n198.51.100.2 external-webconf\n192.0.2.40 internal')
	[ "$got" = "$want" ] || fail "port_matrix's 443 rows: $got"
fi
# The firewall formats take each row's interface address.
expect_status 0 lp --db "$DB" ports --pool edge.contoso.com --format nft
grep -q 'ip daddr 198\.51\.100\.2 jump to_edge01_contoso_com_external_webconf$' "$T/out" ||
	fail "nft: no chain for the Web Conferencing Edge address"
grep -q 'ip daddr 192\.0\.2\.40 jump to_edge01_contoso_com$' "$T/out" ||
	fail "nft: no chain for the internal address"
expect_status 0 lp --db "$DB" ports --pool edge.contoso.com --format probe-sh
grep -q "^probe_tcp '198\.51\.100\.1' 443 " "$T/out" || fail "probe-sh: Access Edge 443 not on its address"

# The reverse proxy listens on its external address.
ports_of rp01.contoso.com
[ "$(rows '^HQ,rp\.contoso\.com,rp01\.contoso\.com,198\.51\.100\.50,external,reverse-proxy,.*,443,TCP,')" -eq 1 ] ||
	fail "no reverse proxy 443 row on its external address"

# Single IP: one external interface, one external 443 row.
ok server set edge01.contoso.com --external-ip 198.51.100.9
ports_of edge01.contoso.com
[ "$(rows "^$e,198\.51\.100\.9,external,edge,Access Edge; Web Conferencing Edge; A/V Edge,443,TCP,")" -eq 1 ] ||
	fail "single IP: no one external 443 row"
[ "$(rows ',443,TCP,')" -eq 2 ] || fail "single IP: $(rows ',443,TCP,') rows of 443/TCP, wanted 2"
grep -q ',external-' "$T/out" && fail "single IP: a row on a service's interface"

# No external address: the rows still name the interfaces they need.
ok server set edge01.contoso.com --external-ip ''
ports_of edge01.contoso.com
[ "$(rows "^$e,,external-(access|webconf|av),edge,[^,]*,443,TCP,")" -eq 3 ] ||
	fail "no external address: the three 443 rows are not there without an address"

# ---- an Edge pool's virtual IPs by side and service ----
ok pool add edgepool.contoso.com --site HQ --role edge --lb hardware --edge-external public
ok server add edge11.contoso.com --pool edgepool.contoso.com --ip 172.16.0.41 \
	--external-ip 203.0.113.11,203.0.113.21,203.0.113.31
ok server add edge12.contoso.com --pool edgepool.contoso.com --ip 172.16.0.42 \
	--external-ip 203.0.113.12,203.0.113.22,203.0.113.32
ok lb add hlb-int --vip 172.16.0.40 --pool edgepool.contoso.com
ok lb add hlb-access --vip 203.0.113.10 --pool edgepool.contoso.com --side external --service access
ok lb add hlb-webconf --vip 203.0.113.20 --pool edgepool.contoso.com --side external --service webconf
ok lb add hlb-av --vip 203.0.113.30 --pool edgepool.contoso.com --side external --service av
expect_status 0 lp --db "$DB" lb-ports --pool edgepool.contoso.com --format csv
[ "$(head -n 1 "$T/out")" = "site,pool,role,mode,side,service,load_balancers,vips,ports,transport,protocol,notes,source$(printf '\r')" ] ||
	fail "the lb-ports header has no side and service after mode"
p=HQ,edgepool.contoso.com,edge,hardware
[ "$(rows "^$p,internal,,hlb-int,172\.16\.0\.40,")" -eq 4 ] ||
	fail "the internal VIP does not carry the four internal VIP rows"
[ "$(rows "^$p,external,access,hlb-access,203\.0\.113\.10,443,TCP,SIP\(TLS\),")" -eq 1 ] ||
	fail "the Access Edge VIP does not carry 443"
[ "$(rows "^$p,external,webconf,hlb-webconf,203\.0\.113\.20,443,TCP,PSOM\(TLS\),")" -eq 1 ] ||
	fail "the Web Conferencing Edge VIP does not carry 443"
[ "$(rows "^$p,external,av,hlb-av,203\.0\.113\.30,3478,UDP,")" -eq 1 ] ||
	fail "the A/V Edge VIP does not carry 3478"
[ "$(rows "^$p,internal,[^,]*,[^,]*hlb-(access|webconf|av)")" -eq 0 ] ||
	fail "an external VIP carries internal rows"
# The nodes keep the ports their VIPs forward to them, on their interfaces.
ports_of edge11.contoso.com
grep -q '^HQ,edgepool\.contoso\.com,edge11\.contoso\.com,203\.0\.113\.31,external-av,edge,A/V Edge,3478,UDP,' "$T/out" ||
	fail "the node lacks A/V Edge 3478 on its A/V address"

finish
