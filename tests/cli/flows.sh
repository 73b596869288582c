#!/bin/sh
# The flows' ends on their interfaces: over a topology with every role
# (a three-address Edge pool behind hardware load balancers with internal
# and external VIPs, a single-IP DNS-balanced Edge pool behind NAT, a
# reverse proxy, a Back End pool and its mirror linked to the Enterprise
# pool), every end has the addresses of its interface, no flow from the
# Internet reaches an internal address or an internal VIP; a missing
# address is a check finding and leaves the scripts' rule out.
. "$top_srcdir/tests/cli/lib.sh"

DB="$T/flows.db"
ok() { expect_status 0 lp --db "$DB" "$@"; }

# csv_field N: field N of each CSV row of stdin (RFC 4180 quotes, no
# newline inside a field), header dropped.
csv_field() {
	awk -v want="$1" 'NR > 1 {
		n = 0; f = ""; q = 0
		for (i = 1; i <= length($0); i++) {
			c = substr($0, i, 1)
			if (q && c == "\"" && substr($0, i + 1, 1) == "\"") { f = f c; i++ }
			else if (c == "\"") q = !q
			else if (!q && c == ",") { if (++n == want) break; f = "" }
			else if (c != "\r") f = f c
		}
		if (n + 1 == want || n == want) print f
	}'
}

# ---- the topology ----
ok site add Redmond
ok pool add fe.contoso.test --site Redmond --role front-end --edition enterprise --lb hardware --cms
ok server add fe1.contoso.test --pool fe.contoso.test --ip 192.0.2.11
ok server add fe2.contoso.test --pool fe.contoso.test --ip 192.0.2.12
ok lb add hlb-fe --vip 192.0.2.10 --pool fe.contoso.test
ok pool add dir.contoso.test --site Redmond --role director --lb hardware
ok server add dir1.contoso.test --pool dir.contoso.test --ip 192.0.2.21
ok server add dir2.contoso.test --pool dir.contoso.test --ip 192.0.2.22
ok lb add hlb-dir --vip 192.0.2.20 --pool dir.contoso.test
ok pool add med.contoso.test --site Redmond --role mediation
ok server add med1.contoso.test --pool med.contoso.test --ip 192.0.2.31
ok pool add chat.contoso.test --site Redmond --role persistent-chat
ok server add chat1.contoso.test --pool chat.contoso.test --ip 192.0.2.35
ok pool add owa.contoso.test --site Redmond --role office-web-apps
ok server add owa1.contoso.test --pool owa.contoso.test --ip 192.0.2.37
ok pool add edge.contoso.test --site Redmond --role edge --lb hardware --edge-external public
ok server add edge1.contoso.test --pool edge.contoso.test --ip 192.0.2.71 \
	--external-ip 203.0.113.11,203.0.113.21,203.0.113.31
ok server add edge2.contoso.test --pool edge.contoso.test --ip 192.0.2.72 \
	--external-ip 203.0.113.12,203.0.113.22,203.0.113.32
ok lb add hlb-edge-int --vip 192.0.2.70 --pool edge.contoso.test
ok lb add hlb-edge-access --vip 203.0.113.10 --pool edge.contoso.test --side external --service access
ok lb add hlb-edge-webconf --vip 203.0.113.20 --pool edge.contoso.test --side external \
	--service webconf
ok lb add hlb-edge-av --vip 203.0.113.30 --pool edge.contoso.test --side external --service av
ok pool add edgedns.contoso.test --site Redmond --role edge --lb dns --edge-external nat
ok server add edgedns1.contoso.test --pool edgedns.contoso.test --ip 192.0.2.81 \
	--external-ip 203.0.113.41 --public-ip 198.51.100.41
ok server add edgedns2.contoso.test --pool edgedns.contoso.test --ip 192.0.2.82 \
	--external-ip 203.0.113.42 --public-ip 198.51.100.42
ok pool add rp.contoso.test --site Redmond --role reverse-proxy
ok server add rp1.contoso.test --pool rp.contoso.test --ip 192.0.2.91 --external-ip 203.0.113.51
for f in $(lp --db "$DB" feature list --format csv | sed '1d;s/,.*//' | tr -d '\r'); do
	ok feature on "$f"
done
ok zone set internal --cidr 192.0.2.0/26
ok zone set perimeter --cidr 192.0.2.64/26,203.0.113.0/24
# The Back End pool and its mirror, linked to the Enterprise pool.
ok pool add sql.contoso.test --site Redmond --role back-end
ok server add sql1.contoso.test --pool sql.contoso.test --ip 192.0.2.51
ok pool add sql2.contoso.test --site Redmond --role back-end
ok server add sql2.contoso.test --pool sql2.contoso.test --ip 192.0.2.52
ok pool add sqlw.contoso.test --site Redmond --role back-end
ok server add sqlw1.contoso.test --pool sqlw.contoso.test --ip 192.0.2.53
ok pool set fe.contoso.test --back-end sql.contoso.test --mirror sql2.contoso.test \
	--witness sqlw1.contoso.test

ok flows --format csv
cp "$T/out" "$T/flows.csv"
[ "$(csv_field 1 <"$T/flows.csv" | wc -l)" -ge 80 ] || fail "the topology has few flows"

# expect_to FROM TO PORTS TRANSPORT WANT: the one such flow goes to WANT.
expect_to() {
	printf 'h\n' >"$T/rows.csv"
	awk -F, -v from="$1" -v to="$2" -v ports="$3" -v tr="$4" \
		'substr($0, 1, length(from) + 1) == from "," && index($0, "," to ",") &&
		 index($0, "," ports "," tr ",")' "$T/flows.csv" >>"$T/rows.csv"
	got=$(csv_field 5 <"$T/rows.csv")
	[ "$got" = "$5" ] || fail "$1 -> $2 $3/$4: to_addresses '$got', wanted '$5'"
}

# Each Edge service on 443 is a flow of its own to its own addresses.
expect_to 'external clients' 'edge.contoso.test Access Edge external interface' 443 TCP ''
expect_to 'external clients' 'edge.contoso.test Access Edge external VIP' 443 TCP 203.0.113.10
expect_to 'external clients' 'edge.contoso.test Web Conferencing Edge external VIP' 443 TCP 203.0.113.20
expect_to 'external clients' 'edge.contoso.test A/V Edge external VIP' 443 TCP 203.0.113.30
expect_to 'external clients' 'edge.contoso.test A/V Edge external interface' 3478 UDP \
	'203.0.113.31, 203.0.113.32'
expect_to 'edge.contoso.test Access Edge external interface' Internet 53 UDP ''
# The single-IP pool: one external interface for every service.
expect_to 'external clients' 'edgedns.contoso.test external interface' 443 TCP \
	'203.0.113.41, 203.0.113.42'
grep -q 'edgedns.contoso.test Access Edge' "$T/flows.csv" && fail "a single-IP pool's ends by service"
# The internal VIP is the internal side's only; the reverse proxy's
# external listener its external address; the Back End its pools'.
expect_to 'fe.contoso.test' 'edge.contoso.test internal VIP' 5061 TCP 192.0.2.70
expect_to 'external clients' 'rp.contoso.test external listener' 443 TCP 203.0.113.51
expect_to 'fe.contoso.test' 'fe.contoso.test SQL Server Back End' 1433 TCP '192.0.2.51, 192.0.2.52'
expect_to 'rp.contoso.test internal interface' 'fe.contoso.test load balancer' 4443 TCP 192.0.2.10
# SQL Server mirroring: principal and mirror both ways, the witness.
p='fe.contoso.test SQL Server Back End principal' m='fe.contoso.test SQL Server Back End mirror'
w='fe.contoso.test SQL Server mirroring witness'
expect_to "$p" "$m" 5022 TCP 192.0.2.52
expect_to "$m" "$p" 5022 TCP 192.0.2.51
expect_to "$w" "$p" 5022 TCP 192.0.2.51
expect_to "$w" "$m" 5022 TCP 192.0.2.52
expect_to "$p" "$w" 7022 TCP 192.0.2.53
expect_to "$m" "$w" 7022 TCP 192.0.2.53
grep -c ',5022,TCP,\|,7022,TCP,' "$T/flows.csv" >"$T/n"
[ "$(cat "$T/n")" -eq 6 ] || fail "$(cat "$T/n") mirroring flows, wanted 6"

# Every end of every flow has its addresses (or stands for its zone).
for k in 2 3 5 6; do
	csv_field $k <"$T/flows.csv" >"$T/f$k"
done
paste -d'|' "$T/f2" "$T/f3" "$T/f5" "$T/f6" | grep -c '^||\|^[^|]*|[^|]*|||' >"$T/bare"
[ "$(cat "$T/bare")" -eq 0 ] || fail "$(cat "$T/bare") flows with an end without addresses"

# The Internet never reaches an internal address or an internal VIP: every
# flow from an Internet party goes to addresses inside the perimeter
# prefixes, none of them an Edge internal interface or internal VIP.
paste -d'|' "$T/f3" "$T/f5" | grep '^internet|' | cut -d'|' -f2 >"$T/inet"
n=$(wc -l <"$T/inet")
[ "$n" -ge 15 ] || fail "only $n flows from the Internet"
tr ',' '\n' <"$T/inet" | tr -d ' ' | sort -u >"$T/inet-addrs"
while read -r a; do
	case $a in
	'') fail "a flow from the Internet to an end without addresses" ;;
	192.0.2.70 | 192.0.2.71 | 192.0.2.72 | 192.0.2.81 | 192.0.2.82 | 192.0.2.91)
		fail "the Internet reaches $a, an internal interface or internal VIP" ;;
	203.0.113.*) ;;
	192.0.2.*)
		o=${a##*.}
		[ "$o" -ge 64 ] && [ "$o" -le 127 ] || fail "the Internet reaches $a, outside the perimeter" ;;
	*) fail "the Internet reaches $a, outside the perimeter" ;;
	esac
done <"$T/inet-addrs"

# The topology is complete: no address missing.
ok check --format csv
grep -q ',missing-address,' "$T/out" && fail "missing-address on a complete topology: $(grep missing "$T/out")"

# ---- missing addresses ----
ok server set edge2.contoso.test --external-ip ''
ok server set rp1.contoso.test --external-ip ''
ok server set edgedns1.contoso.test --external-ip '' --public-ip ''
ok server set edgedns2.contoso.test --external-ip '' --public-ip ''
ok lb rm hlb-edge-webconf
ok pool set fe.contoso.test --back-end ''
ok flows --format csv
grep -q ',5022,\|,7022,' "$T/out" && fail "mirroring flows without a mirror"
ok server set med1.contoso.test --ip ''
ok check --format csv
grep ',missing-address,' "$T/out" >"$T/missing"
expect_golden flows-missing-check.csv "$T/missing"
ok check --wide
grep 'flows of the plan' "$T/out" >"$T/missing.txt"
expect_golden flows-missing-check.txt "$T/missing.txt"
grep -q '^warning pool edge.contoso.test: flows of the plan use its Web Conferencing Edge external virtual IP, .*(hint: lyncplan lb add NAME --vip ADDRESS --pool edge.contoso.test --side external --service webconf)$' "$T/out" ||
	fail "no finding for the Web Conferencing Edge VIP"
grep -q '^warning pool fe.contoso.test: flows of the plan go to its SQL Server Back End, .*(hint: lyncplan pool set fe.contoso.test --back-end BACK-END-POOL)$' "$T/out" ||
	fail "no finding for the Back End link"

# The scripts leave those rules out, with a comment naming the end, and
# never widen one to any address.
for fmt in nft ps1 netsh; do
	ok flows --format "$fmt"
	for end in 'edge.contoso.test Web Conferencing Edge external VIP' \
		'edgedns.contoso.test A/V Edge external interface' 'rp.contoso.test external listener' \
		'fe.contoso.test SQL Server Back End' med.contoso.test; do
		grep -q "no rule: no address for $end in the topology (lyncplan check: missing-address)" \
			"$T/out" || fail "$fmt: no comment for $end"
	done
	grep -Eqi 'daddr \{ *\}|saddr \{ *\}|remoteip=any|localip=any|localip= |-LocalAddress +-|-RemoteAddress Any' \
		"$T/out" && fail "$fmt: a rule to or from any address"
done
ok flows --format nft
grep -q 'daddr { 203.0.113.51 }' "$T/out" && fail "nft: a rule to the cleared reverse proxy address"
grep -q 'daddr { 203.0.113.20 }' "$T/out" && fail "nft: a rule to the removed VIP"
# A pool with some servers addressed: the rule names only those.
grep -q 'ip daddr { 203.0.113.31 } udp dport { 3478 } accept' "$T/out" ||
	fail "nft: no rule to the A/V Edge address left"

exit $((failures > 0))
