#!/bin/sh
# firewall.sh - the firewall lab (make check-firewall): lyncplan's nftables
# export of the flows, loaded unchanged into a router network namespace,
# judged by real packets between namespaces for the zones.
#
# For each topology (the demo with external addresses, and a larger one
# with every role built here with the CLI, every end of its flows
# addressed: Edge external interfaces and VIPs by service, the reverse
# proxy's external address), tests/lab/labplan.py reads what to test from lyncplan's
# JSON output (flows, servers, pools, load balancers, and zones when the
# program has them), never from the nft text under test. Then:
#   - one host namespace per zone (internet, perimeter, internal) carries
#     every address of that zone as a /32 (/128) on its link to the router,
#     plus a stand-in address for the parties without addresses; addresses
#     of different zones may share a /24, so the router has a host route to
#     each address toward its zone's link, and each host a default route to
#     the router. The router's own address is one the plan does not use;
#     IPv6 goes through the link-local fe80::1.
#   - forwarding is switched on inside the router namespace only, and
#     `lyncplan flows --format nft` is loaded there with `nft -f`;
#   - tests/lab/labnet listens on every planned port in every host
#     namespace, and probes from each zone in parallel, each probe bounded.
# The Internet is probed toward every internal address and VIP and every
# Edge internal interface and internal VIP on every planned port, even
# where a flow of the plan would allow it: no flow may.
# labplan.py then prints each failed assertion (flow, source, destination,
# port, transport, expected, observed) and the counts. A self-test runs the
# same probes against an accept-all ruleset (every drop probe must be seen
# passing) and a drop-all ruleset (every probe of a flow through the router
# must be seen dropped): a lab that cannot fail, or whose network would
# lose a packet without the firewall, is caught. Both are cheap: nothing
# waits for a timeout under accept-all, and under drop-all all probes wait
# at once.
#
# The lab's own topologies set the zones (and a few peers) as a deployment
# would: lyncplan's nft export of a topology without zones names the zones'
# prefixes by FILL_IN placeholders that nft refuses on purpose, and the lab
# checks that it does, on the IPv6 topology before its zones are set.
#
# Flows within one zone (internal to internal) stay inside its namespace:
# the router, and so the firewall, is only between zones; they are counted
# apart in the summary.
#
# Needs root, `ip netns`, nft and python3: without them it prints SKIP: and
# exits 77. Addresses are documentation ranges only (192.0.2.0/24,
# 198.51.100.0/24, 203.0.113.0/24, 2001:db8::/32); nothing is routed out of
# the namespaces, which carry the PID in their names and are deleted by a
# trap on every exit path. Every wait is bounded.
# Environment: LYNCPLAN (the program), LABNET (tests/lab/labnet),
# top_srcdir, PYTHON3_BIN (optional).
set -u
: "${LYNCPLAN:?LYNCPLAN must name the program under test}"
: "${LABNET:?LABNET must name tests/lab/labnet}"
: "${top_srcdir:?top_srcdir must name the source tree}"
PY=${PYTHON3_BIN:-$(command -v python3 || true)}
LABPLAN="$top_srcdir/tests/lab/labplan.py"
PROBE_MS=1500        # how long one probe waits for an answer
LISTEN_S=300         # a listener's longest life, whatever happens
ZONES="internet perimeter internal"
NS="lpfw$$"          # prefix of this run's namespaces

skip() {
	echo "SKIP: firewall lab: $*"
	exit 77
}

[ "$(id -u)" -eq 0 ] || skip "needs root (network namespaces)"
command -v ip >/dev/null 2>&1 || skip "no ip command (iproute2)"
command -v nft >/dev/null 2>&1 || skip "no nft command (nftables)"
[ -n "$PY" ] || skip "no python3"
ip netns add "$NS-try" 2>/dev/null || skip "ip netns add fails here"
ip netns delete "$NS-try"

export LC_ALL=C.UTF-8 TZ=UTC NO_COLOR=1
T=$(mktemp -d "${TMPDIR:-/tmp}/lyncplan-lab.XXXXXX")
export HOME="$T/home" XDG_DATA_HOME="$T/data"
mkdir -p "$HOME"
PIDS=
cleanup() {
	for pid in $PIDS; do
		kill "$pid" 2>/dev/null
	done
	for pid in $PIDS; do
		wait "$pid" 2>/dev/null
	done
	PIDS=
	for ns in $(ip netns list | sed -n "s/^\($NS-[a-z]*\).*/\1/p"); do
		ip netns delete "$ns"
	done
}
trap 'cleanup; rm -rf "$T"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

failures=0
fail() {
	echo "FAIL: $*"
	failures=$((failures + 1))
}

# lab_topology LABEL DIR LYNCPLAN-OPTIONS...: the program's output for the
# topology, and the plan of the lab from it.
lab_topology() {
	label=$1 dir=$2
	shift 2
	mkdir -p "$dir"
	"$LYNCPLAN" "$@" flows --format json -o "$dir/flows.json" &&
		"$LYNCPLAN" "$@" server list --format json -o "$dir/servers.json" &&
		"$LYNCPLAN" "$@" pool list --format json -o "$dir/pools.json" &&
		"$LYNCPLAN" "$@" lb list --format json -o "$dir/lbs.json" &&
		"$LYNCPLAN" "$@" flows --format nft -o "$dir/rules.nft" ||
		{ fail "$label: lyncplan's output"; return 1; }
	# Zones and their prefixes, where the program has them.
	if "$LYNCPLAN" "$@" zone list --format json -o "$dir/zones.json" 2>/dev/null; then
		echo "firewall lab ($label): stand-ins inside the zones of \`zone list\`"
	else
		rm -f "$dir/zones.json"
		echo "firewall lab ($label): no \`zone list\` in this lyncplan: fixed stand-in addresses"
	fi
	"$PY" "$LABPLAN" plan "$dir" || { fail "$label: the lab's plan"; return 1; }
}

# host_batch FILE WHAT DEVICE: "WHAT ADDRESS/LEN dev DEVICE" for each
# address of FILE, for ip -batch.
host_batch() {
	while read -r a; do
		case $a in
		*:*) echo "$2 $a/128 dev $3" ;;
		*) echo "$2 $a/32 dev $3" ;;
		esac
	done <"$1"
}

# net_up DIR: the router and the zones' namespaces, addressed and routed.
net_up() {
	dir=$1 gw=$(cat "$1/gateway")
	ip netns add "$NS-router" || return 1
	ip -n "$NS-router" link set lo up &&
		ip netns exec "$NS-router" sysctl -qw net.ipv4.ip_forward=1 \
			net.ipv6.conf.all.forwarding=1 net.ipv6.conf.default.accept_dad=0 ||
		return 1
	for z in $ZONES; do
		h="$NS-$z"
		ip netns add "$h" &&
			ip netns exec "$h" sysctl -qw net.ipv6.conf.default.accept_dad=0 &&
			ip -n "$NS-router" link add "to-$z" type veth peer name lab0 netns "$h" &&
			ip -n "$NS-router" addr add "$gw/32" dev "to-$z" &&
			ip -n "$NS-router" addr add fe80::1/64 dev "to-$z" &&
			ip -n "$NS-router" link set "to-$z" up &&
			ip -n "$h" link set lo up &&
			ip -n "$h" link set lab0 up || return 1
		host_batch "$dir/addrs-$z" "addr add" lab0 >"$dir/batch-$z"
		host_batch "$dir/addrs-$z" "route add" "to-$z" >"$dir/batch-router-$z"
		ip -n "$h" -batch "$dir/batch-$z" &&
			ip -n "$NS-router" -batch "$dir/batch-router-$z" &&
			ip -n "$h" route add "$gw/32" dev lab0 &&
			ip -n "$h" route add default via "$gw" dev lab0 &&
			ip -n "$h" -6 route add default via fe80::1 dev lab0 || return 1
	done
}

# listen_up DIR: a listener in each zone, each ready within 10 s.
listen_up() {
	for z in $ZONES; do
		ip netns exec "$NS-$z" "$LABNET" listen "$LISTEN_S" <"$1/listen-$z" \
			>"$1/ready-$z" &
		PIDS="$PIDS $!"
	done
	for z in $ZONES; do
		i=0
		until grep -q ready "$1/ready-$z" 2>/dev/null; do
			i=$((i + 1))
			[ "$i" -le 100 ] || { fail "the listener of $z is not ready"; return 1; }
			sleep 0.1
		done
	done
}

# probe DIR OUT PART...: the probes of the PARTs (flows, drops), every
# zone's at once, results into OUT.
probe() {
	dir=$1 out=$2 pids=
	shift 2
	for z in $ZONES; do
		for part in "$@"; do
			cat "$dir/probes-$z-$part"
		done | ip netns exec "$NS-$z" "$LABNET" probe "$PROBE_MS" >"$out/result-$z" &
		pids="$pids $!"
	done
	status=0
	for pid in $pids; do
		wait "$pid" || status=1
	done
	return $status
}

# load_rules FILE: FILE in the router's nftables, as it is.
load_rules() {
	ip netns exec "$NS-router" nft flush ruleset &&
		ip netns exec "$NS-router" nft -f "$1"
}

# lab_run LABEL LYNCPLAN-OPTIONS...: the lab for one topology, and the lab
# itself judged against broken rulesets.
lab_run() {
	label=$1
	shift
	dir="$T/$(echo "$label" | tr -c 'a-z0-9\n' '-')"
	lab_topology "$label" "$dir" "$@" || return
	if ! net_up "$dir" || ! listen_up "$dir"; then
		fail "$label: the lab's network"
		cleanup
		return
	fi
	load_rules "$dir/rules.nft" || fail "$label: nft -f refused lyncplan's ruleset"
	probe "$dir" "$dir" flows drops || fail "$label: probes"
	# The lab against broken rulesets: it must see them fail.
	for rules in accept-all drop-all; do
		mkdir -p "$dir/$rules"
		printf 'table inet lab {\n\tchain forward {\n\t\ttype filter hook forward priority filter; policy %s;\n\t}\n}\n' \
			"${rules%-all}" >"$dir/$rules.nft"
		part=drops
		[ "$rules" = drop-all ] && part=flows
		load_rules "$dir/$rules.nft" && probe "$dir" "$dir/$rules" "$part" ||
			fail "$label: probes under the $rules ruleset"
	done
	"$PY" "$LABPLAN" judge "$dir" "$label" || fail "firewall lab ($label): see above"
	cleanup
}

# lab_refused LABEL LYNCPLAN-OPTIONS...: a topology without zones. Its nft
# export names the zones' prefixes by FILL_IN placeholders, and nft must
# refuse it (lyncplan.1): a ruleset that cannot be loaded as it is.
lab_refused() {
	label=$1
	shift
	dir="$T/$(echo "$label" | tr -c 'a-z0-9\n' '-')"
	mkdir -p "$dir"
	"$LYNCPLAN" "$@" flows --format nft -o "$dir/rules.nft" ||
		{ fail "$label: lyncplan's output"; return; }
	n=$(grep -c 'FILL_IN_' "$dir/rules.nft")
	[ "$n" -gt 0 ] || fail "$label: no FILL_IN placeholder in the ruleset of a topology without zones"
	ip netns add "$NS-router" || { fail "$label: the lab's network"; return; }
	if ip netns exec "$NS-router" nft -f "$dir/rules.nft" >"$dir/nft.out" 2>&1; then
		fail "$label: nft accepted a ruleset with $n FILL_IN placeholder lines"
	else
		echo "firewall lab ($label): nft refused the ruleset, as it must ($n FILL_IN placeholder lines)"
	fi
	cleanup
}

# The demo, from its topology document, with what version 4 adds: its
# Edge pool (DNS load balanced, behind NAT) single IP with the public
# addresses NAT gives, the reverse proxy's external address, both inside
# a second perimeter prefix.
DB="$T/demo.db"
lpf() { "$LYNCPLAN" --db "$DB" "$@" >/dev/null || fail "building a topology: $*"; }
"$LYNCPLAN" --demo export-topology -o "$T/demo.json" || fail "exporting the demo"
lpf import-topology "$T/demo.json"
lpf zone set perimeter --cidr 192.0.2.32/27,203.0.113.0/27
lpf server set edge01.contoso.com --external-ip 203.0.113.11 --public-ip 203.0.113.111
lpf server set edge02.contoso.com --external-ip 203.0.113.12 --public-ip 203.0.113.112
lpf server set rp01.contoso.com --external-ip 203.0.113.21
lab_run demo --db "$DB"

# A topology with every role, two sites, load balancers of both kinds
# (the DNS-balanced Director's web traffic on a hardware one), a
# three-address Edge pool behind hardware load balancers with internal
# and external VIPs, a single-IP DNS-balanced Edge pool behind NAT with
# public addresses, a reverse proxy's external address, a Back End pool
# and its mirror linked to the Enterprise pool, and every optional
# feature on. One address family per topology: a flow between
# ends of different families cannot exist, so mixing them would test
# nothing.
DB="$T/full.db"
lpf site add Redmond
lpf site add Dublin
lpf pool add fe.contoso.test --site Redmond --role front-end --edition enterprise --lb hardware --cms
lpf server add fe1.contoso.test --pool fe.contoso.test --ip 192.0.2.11
lpf server add fe2.contoso.test --pool fe.contoso.test --ip 192.0.2.12
lpf pool add dir.contoso.test --site Redmond --role director --lb dns
lpf server add dir1.contoso.test --pool dir.contoso.test --ip 192.0.2.21
lpf server add dir2.contoso.test --pool dir.contoso.test --ip 192.0.2.22
lpf lb add hlb-dir --vip 192.0.2.20 --pool dir.contoso.test
lpf pool add med.contoso.test --site Redmond --role mediation --lb dns
lpf server add med1.contoso.test --pool med.contoso.test --ip 192.0.2.31
lpf pool add chat.contoso.test --site Redmond --role persistent-chat
lpf server add chat1.contoso.test --pool chat.contoso.test --ip 192.0.2.35
lpf pool add owa.contoso.test --site Redmond --role office-web-apps --lb hardware
lpf server add owa1.contoso.test --pool owa.contoso.test --ip 192.0.2.37
lpf pool add edge.contoso.test --site Redmond --role edge --lb hardware --edge-external public
lpf server add edge1.contoso.test --pool edge.contoso.test --ip 192.0.2.41 \
	--external-ip 203.0.113.11,203.0.113.21,203.0.113.31
lpf server add edge2.contoso.test --pool edge.contoso.test --ip 192.0.2.42 \
	--external-ip 203.0.113.12,203.0.113.22,203.0.113.32
lpf pool add rp.contoso.test --site Redmond --role reverse-proxy
lpf server add rp1.contoso.test --pool rp.contoso.test --ip 192.0.2.51 --external-ip 203.0.113.51
lpf lb add hlb-fe --vip 192.0.2.10 --pool fe.contoso.test
lpf lb add hlb-owa --vip 192.0.2.36 --pool owa.contoso.test
lpf lb add hlb-edge --vip 192.0.2.40 --pool edge.contoso.test
lpf lb add hlb-edge-access --vip 203.0.113.10 --pool edge.contoso.test --side external --service access
lpf lb add hlb-edge-webconf --vip 203.0.113.20 --pool edge.contoso.test --side external \
	--service webconf
lpf lb add hlb-edge-av --vip 203.0.113.30 --pool edge.contoso.test --side external --service av
lpf pool add se.dublin.contoso.test --site Dublin --role front-end --edition standard \
	--collocated-mediation
lpf server add se.dublin.contoso.test --pool se.dublin.contoso.test --ip 198.51.100.11
lpf pool add edge.dublin.contoso.test --site Dublin --role edge --lb dns --edge-external nat
lpf server add edge1.dublin.contoso.test --pool edge.dublin.contoso.test --ip 198.51.100.41 \
	--external-ip 203.0.113.41 --public-ip 203.0.113.141
lpf server add edge2.dublin.contoso.test --pool edge.dublin.contoso.test --ip 198.51.100.42 \
	--external-ip 203.0.113.42 --public-ip 203.0.113.142
# The zones: the internal servers and VIPs (192.0.2.10-37, 198.51.100.11)
# inside the internal prefixes, the Edge internal interfaces and VIP and the
# reverse proxy (192.0.2.40-51, 198.51.100.41-42) and the external
# addresses and VIPs (203.0.113.10-51) inside the perimeter's; the NAT's
# public addresses (203.0.113.141-142) are the Internet's. Peers: a PSTN
# gateway by address, federated partners by a prefix on the Internet.
lpf zone set internal --cidr 192.0.2.0/27,192.0.2.32/29,198.51.100.0/27
lpf zone set perimeter --cidr 192.0.2.40/29,192.0.2.48/29,198.51.100.32/27,203.0.113.0/26
lpf peer add gw1 --kind pstn-gateway --ip 192.0.2.30
lpf peer add partners --kind federated-partners --ip 203.0.113.64/28
for f in $("$LYNCPLAN" --db "$DB" feature list --format csv | sed '1d;s/,.*//' | tr -d '\r'); do
	lpf feature on "$f"
done
# The Enterprise pool's Back End: a Back End pool, its mirror and the
# mirroring witness.
lpf pool add sql.contoso.test --site Redmond --role back-end
lpf server add sql1.contoso.test --pool sql.contoso.test --ip 192.0.2.15
lpf pool add sql2.contoso.test --site Redmond --role back-end
lpf server add sql2.contoso.test --pool sql2.contoso.test --ip 192.0.2.16
lpf pool add sqlw.contoso.test --site Redmond --role back-end
lpf server add sqlw1.contoso.test --pool sqlw.contoso.test --ip 192.0.2.17
lpf pool set fe.contoso.test --back-end sql.contoso.test --mirror sql2.contoso.test \
	--witness sqlw1.contoso.test
lab_run "every role" --db "$DB"

# The same through IPv6: a small IPv6-only topology.
DB="$T/ipv6.db"
lpf site add Redmond
lpf pool add fe.contoso.test --site Redmond --role front-end --edition standard
lpf server add fe.contoso.test --pool fe.contoso.test --ip 2001:db8:10::11
lpf pool add edge.contoso.test --site Redmond --role edge --edge-external nat
lpf server add edge1.contoso.test --pool edge.contoso.test --ip 2001:db8:20::41 \
	--external-ip 2001:db8:20::141 --public-ip 2001:db8:ff::141
lpf pool add rp.contoso.test --site Redmond --role reverse-proxy
lpf server add rp1.contoso.test --pool rp.contoso.test --ip 2001:db8:20::51 \
	--external-ip 2001:db8:20::151
lab_refused "IPv6 without zones" --db "$DB"
lpf zone set internal --cidr 2001:db8:10::/48
lpf zone set perimeter --cidr 2001:db8:20::/64
lpf peer add clients --kind internal-clients --ip 2001:db8:10:1::/64
lab_run IPv6 --db "$DB"

[ "$failures" -eq 0 ] || { echo "firewall lab: $failures failed"; exit 1; }
echo "firewall lab: all passed"
