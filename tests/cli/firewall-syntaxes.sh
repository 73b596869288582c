#!/bin/sh
# The nft, ps1 and netsh flow scripts are one derivation in three syntaxes:
# for the demo and for a topology with every role, hardware load balancers,
# both zones in IPv4 and IPv6, peers and every feature, the (source,
# destination, transport, ports) tuples each script accepts (read by
# tests/cli/fwsets.py) are the same set. A script missing one rule is told
# apart, so that the comparison can fail.
. "$top_srcdir/tests/cli/lib.sh"

PY=${PYTHON3_BIN:-$(command -v python3 || true)}
[ -n "$PY" ] || { echo "python3 is needed to read the scripts" >&2; exit 77; }
FWSETS="$top_srcdir/tests/cli/fwsets.py"

# tuples FORMAT FILE: the tuples of FILE in $FILE.set; fails when the
# script does not parse or accepts nothing.
tuples() {
	if ! "$PY" "$FWSETS" "$1" "$2" >"$2.set"; then
		fail "$2 does not read as a $1 flows script"
	elif [ ! -s "$2.set" ]; then
		fail "$2 accepts nothing"
	fi
}

# same_sets NAME: $T/NAME.nft, .ps1 and .netsh accept the same tuples;
# prints what differs (-: nft only, +: the other only).
same_sets() {
	rc=0
	for f in ps1 netsh; do
		if ! diff -u --label "$1.nft" --label "$1.$f" \
			"$T/$1.nft.set" "$T/$1.$f.set" >"$T/$1.$f.diff"; then
			sed -n '3,$p' "$T/$1.$f.diff" | grep '^[-+]' >&2
			rc=1
		fi
	done
	return $rc
}

# scripts NAME ARGS...: the three flows scripts of lyncplan ARGS in
# $T/NAME.{nft,ps1,netsh}, and their tuples.
scripts() {
	name=$1
	shift
	for f in nft ps1 netsh; do
		expect_status 0 lp "$@" flows --format "$f" -o "$T/$name.$f"
		tuples "$f" "$T/$name.$f"
	done
}

scripts demo --demo
same_sets demo || fail "the demo's nft, ps1 and netsh flows differ"

DB="$T/big.db"
ok() { expect_status 0 lp --db "$DB" "$@"; }
ok site add HQ --description 'Head office'
ok site add Branch
ok zone set internal --cidr 192.0.2.0/26,2001:db8:1::/48
ok zone set perimeter --cidr 198.51.100.0/25,2001:db8:2::/48
ok pool add fe.example.com --site HQ --role front-end --edition enterprise --lb hardware --cms
ok pool add se.example.com --site Branch --role front-end --edition standard
ok pool add dir.example.com --site HQ --role director --lb dns
ok pool add med.example.com --site HQ --role mediation --lb hardware
ok pool add chat.example.com --site HQ --role persistent-chat
ok pool add owa.example.com --site HQ --role office-web-apps --lb hardware
ok pool add edge.example.com --site HQ --role edge --lb dns --edge-external nat
ok pool add edgehw.example.com --site Branch --role edge --lb hardware --edge-external public
ok pool add rp.example.com --site HQ --role reverse-proxy
ok server add fe1.example.com --pool fe.example.com --ip 192.0.2.11
ok server add fe2.example.com --pool fe.example.com --ip 2001:db8:1::12
ok server add fe3.example.com --pool fe.example.com --ip 192.0.2.13
ok server add se1.example.com --pool se.example.com --ip 192.0.2.21
ok server add dir1.example.com --pool dir.example.com --ip 192.0.2.31
ok server add dir2.example.com --pool dir.example.com --ip 2001:db8:1::32
ok server add med1.example.com --pool med.example.com --ip 192.0.2.41
ok server add chat1.example.com --pool chat.example.com --ip 192.0.2.51
ok server add owa1.example.com --pool owa.example.com --ip 192.0.2.52
ok server add owa2.example.com --pool owa.example.com --ip 2001:db8:1::53
ok server add edge1.example.com --pool edge.example.com --ip 198.51.100.11
ok server add edge2.example.com --pool edge.example.com --ip 2001:db8:2::12
ok server add edgehw1.example.com --pool edgehw.example.com --ip 198.51.100.21
ok server add rp1.example.com --pool rp.example.com --ip 198.51.100.31
ok lb add felb --vip 192.0.2.10 --pool fe.example.com
ok lb add medlb --vip 192.0.2.40 --pool med.example.com --pool owa.example.com
ok lb add edgelb --vip 198.51.100.20 --pool edgehw.example.com
ok peer add gw1 --kind pstn-gateway --ip 192.0.2.60,2001:db8:1::60
ok peer add cls --kind cls-controller --ip 192.0.2.61
ok peer add partner --kind federated-partners --ip 203.0.113.0/28,2001:db8:ff::/48
ok peer add xmpp --kind xmpp-partners --ip 203.0.113.64/28
lp --db "$DB" feature list --format csv | sed '1d; s/,.*//' >"$T/features"
[ -s "$T/features" ] || fail "feature list lists no feature"
while read -r feature; do
	ok feature on "$feature"
done <"$T/features"
scripts big --db "$DB"
same_sets big || fail "the nft, ps1 and netsh flows of a topology with every role differ"
# Both families and both zones made it into the rules compared.
grep -q '^2001:db8:1::/48 2001:db8:1::12 tcp ' "$T/big.nft.set" ||
	fail "no IPv6 rule from the internal zone to a Front End Server"
grep -q '^198\.51\.100\.31 192\.0\.2\.10 tcp 4443$' "$T/big.nft.set" ||
	fail "no rule from the reverse proxy to the Front End pool's load balancer"

# The comparison tells a script with one rule fewer apart.
sed '0,/^netsh advfirewall firewall add rule /{/^netsh advfirewall firewall add rule /d}' \
	"$T/big.netsh" >"$T/short.netsh"
cp "$T/big.nft" "$T/short.nft"
cp "$T/big.ps1" "$T/short.ps1"
for f in nft ps1 netsh; do tuples "$f" "$T/short.$f"; done
same_sets short 2>/dev/null && fail "a netsh script without its first rule compares equal"

finish
