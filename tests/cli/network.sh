#!/bin/sh
# What surrounds the servers: the zones' prefixes, the peers and the
# topology's name, set and listed from the command line; every bad input
# refused with exit 3 and one line naming the field, the file unchanged;
# a file of schema version 2 upgraded with its topology intact.
. "$top_srcdir/tests/cli/lib.sh"

DB="$T/network.db"
ok() { expect_status 0 lp --db "$DB" "$@"; }

# refused STATUS REGEX ARGS...: exits STATUS with one line matching REGEX
# and leaves the file byte-identical.
refused() {
	want=$1 regex=$2
	shift 2
	cp "$DB" "$T/before.db"
	expect_status "$want" lp --db "$DB" "$@"
	expect_err_match "$regex"
	expect_same_bytes "$DB" "$T/before.db"
}

# ---- zones ----
ok zone set internal --cidr '10.0.0.0/8, 2001:DB8:0:1::/64,192.168.1.5'
ok zone set perimeter --cidr 172.16.0.0/24
ok zone list --format csv
printf 'zone,prefixes\r\ninternal,"10.0.0.0/8, 2001:db8:0:1::/64, 192.168.1.5"\r\nperimeter,172.16.0.0/24\r\n' \
	>"$T/want"
expect_same_bytes "$T/out" "$T/want"
ok zone set perimeter --cidr ''
ok zone list --format csv
tr -d '\r' <"$T/out" | grep -q '^perimeter,$' || fail "zone set --cidr '' did not clear the zone"
ok zone set perimeter --cidr 172.16.0.0/24

refused 3 "^lyncplan: --cidr: '10.0.0.1/8' has host bits set \(the prefix is 10.0.0.0/8\)$" \
	zone set internal --cidr 10.0.0.1/8
refused 3 "^lyncplan: --cidr: '2001:db8::1/64' has host bits set \(the prefix is 2001:db8::/64\)$" \
	zone set internal --cidr 2001:db8::1/64
refused 3 "--cidr: '10.0.0.0/33' is not an IPv4 or IPv6 address or prefix" \
	zone set internal --cidr 10.0.0.0/33
refused 3 "--cidr: '10.0.0.0/08' is not" zone set internal --cidr 10.0.0.0/08
refused 3 "--cidr: 'intranet' is not" zone set internal --cidr intranet
refused 3 "--cidr: '10.0.0.0/8,,10.1.0.0/16' has an empty item" \
	zone set internal --cidr 10.0.0.0/8,,10.1.0.0/16
refused 3 "--cidr: 10.0.0.0/8 is given twice" zone set internal --cidr 10.0.0.0/8,10.0.0.0/8
refused 3 "^lyncplan: zone: 'dmz' is not internal or perimeter$" zone set dmz --cidr 10.0.0.0/8
refused 2 "--cidr is required" zone set internal
# A network is in one zone: prefixes that overlap, in one list or across
# the two zones, contained or equal, are refused.
refused 3 "^lyncplan: --cidr: 10.0.0.0/8 overlaps 10.1.0.0/16$" \
	zone set internal --cidr 10.0.0.0/8,10.1.0.0/16
refused 3 "^lyncplan: --cidr: 2001:db8::/32 overlaps 2001:db8:0:1::/64$" \
	zone set internal --cidr '2001:db8::/32, 2001:db8:0:1::/64'
refused 3 "^lyncplan: --cidr: 172.16.0.128/25 overlaps 172.16.0.0/24 of the perimeter network$" \
	zone set internal --cidr 10.0.0.0/8,172.16.0.128/25
refused 3 "^lyncplan: --cidr: 10.0.0.0/8 overlaps 10.0.0.0/8 of the internal network$" \
	zone set perimeter --cidr 10.0.0.0/8
refused 3 "^lyncplan: --cidr: 192.168.1.5 overlaps 192.168.1.5 of the internal network$" \
	zone set perimeter --cidr 172.16.0.0/24,192.168.1.5
refused 3 "^lyncplan: --cidr: 2001:db8:0:1::/64 overlaps 2001:db8:0:1::/64 of the internal network$" \
	zone set perimeter --cidr 2001:db8:0:1::/64
refused 3 "^lyncplan: --cidr: 2001:db8::/48 overlaps 2001:db8:0:1::/64 of the internal network$" \
	zone set perimeter --cidr 2001:db8::/48
ok zone set perimeter --cidr 172.16.0.0/24,2001:db8:0:2::/64,192.168.1.4,11.0.0.0/8
ok zone set perimeter --cidr 172.16.0.0/24

# ---- peers ----
ok peer add gw-oslo --kind pstn-gateway --ip 10.20.0.5,10.20.0.6
ok peer add fabrikam --kind federated-partners --ip 203.0.113.0/28
ok peer set fabrikam --ip 203.0.113.16/28,2001:db8:ff::/48
ok peer add cls --kind cls-controller --ip 10.0.9.9
ok peer set cls --name cls-admin
ok peer list --format csv
printf 'peer,kind,addresses\r\ncls-admin,cls-controller,10.0.9.9\r\nfabrikam,federated-partners,"203.0.113.16/28, 2001:db8:ff::/48"\r\ngw-oslo,pstn-gateway,"10.20.0.5, 10.20.0.6"\r\n' \
	>"$T/want"
expect_same_bytes "$T/out" "$T/want"

refused 3 "^lyncplan: peer name: a peer named 'gw-oslo' already exists \('GW-Oslo' differs only in case\)$" \
	peer add GW-Oslo --kind pstn-gateway --ip 10.20.0.7
refused 3 "^lyncplan: --name: a peer named 'cls-admin' already exists \('CLS-admin' differs only in case\)$" \
	peer set fabrikam --name CLS-admin
refused 3 "^lyncplan: --kind: 'front-end' is not a party of the flows \(internal-clients, pstn-gateway," \
	peer add fe --kind front-end --ip 10.0.0.1
refused 3 "^lyncplan: peer name 'gw one': letters, digits" \
	peer add 'gw one' --kind pstn-gateway --ip 10.0.0.1
refused 3 "--ip: '10.20.0.0/8' has host bits set" \
	peer set gw-oslo --ip 10.20.0.0/8
refused 3 "--ip: give at least one address or prefix" peer set gw-oslo --ip ''
refused 3 "^lyncplan: peer name: no peer named 'nobody'$" peer rm nobody
refused 2 "--kind is required" peer add x --ip 10.0.0.1
ok peer rm CLS-ADMIN
ok peer list --format csv
grep -q cls-admin "$T/out" && fail "peer rm left the peer"

# ---- the topology's name ----
ok topology show --format csv
[ "$(cat "$T/out")" = "$(printf 'name\r\n\r')" ] || fail "a new topology has a name"
ok topology set --name 'Contoso, Redmond'
ok topology show --format csv
printf 'name\r\n"Contoso, Redmond"\r\n' >"$T/want"
expect_same_bytes "$T/out" "$T/want"
# The name is the exports' title, in place of the file's path.
ok ports --format nft
grep -q '^# Topology Contoso, Redmond, generated ' "$T/out" ||
	fail "the nft script is not titled with the topology's name"
ok topology set --name ''
ok ports --format nft
grep -q "^# Topology $DB, generated " "$T/out" ||
	fail "without a name, the nft script is not titled with the file's path"
ok topology set --name 'Contoso, Redmond'
refused 3 "^lyncplan: --name '.*': control character U\+0007 is not allowed$" \
	topology set --name "$(printf 'bell\a')"
refused 2 "nothing to change" topology set

# ---- the topology document ----
# The name, zones and peers go out and come back: export, import into a
# new file, export again gives the same bytes. --replace drops those of the
# topology replaced.
ok site add Redmond
ok export-topology -o "$T/net.json"
grep -q '"name": "Contoso, Redmond"' "$T/net.json" || fail "the document has no name"
grep -q '"internalPrefixes": \[' "$T/net.json" || fail "the document has no internal prefixes"
grep -q '"kind": "federated-partners"' "$T/net.json" || fail "the document has no peers"
expect_status 0 lp --db "$T/copy.db" site add Old
expect_status 0 lp --db "$T/copy.db" peer add old-gw --kind pstn-gateway --ip 10.9.9.9
expect_status 0 lp --db "$T/copy.db" import-topology --replace "$T/net.json"
expect_status 0 lp --db "$T/copy.db" export-topology -o "$T/net2.json"
expect_same_bytes "$T/net.json" "$T/net2.json"
expect_status 0 lp --db "$T/copy.db" peer list --format csv
grep -q old-gw "$T/out" && fail "import --replace kept a peer of the topology replaced"
# A bad prefix in the file is refused where it is, and nothing is written.
sed 's|"172.16.0.0/24"|"172.16.0.1/24"|' "$T/net.json" >"$T/bad.json"
cp "$T/copy.db" "$T/copy-before.db"
expect_status 3 lp --db "$T/copy.db" import-topology --replace "$T/bad.json"
expect_err_match "bad.json:[0-9]+:[0-9]+: perimeterPrefixes: --cidr: '172.16.0.1/24' has host bits set"
expect_same_bytes "$T/copy.db" "$T/copy-before.db"
sed 's|"172.16.0.0/24"|"10.20.0.0/16"|' "$T/net.json" >"$T/overlap.json"
expect_status 3 lp --db "$T/copy.db" import-topology --replace "$T/overlap.json"
expect_err_match "overlap.json:[0-9]+:[0-9]+: perimeterPrefixes: --cidr: 10.20.0.0/16 overlaps 10.0.0.0/8 of the internal network$"
expect_same_bytes "$T/copy.db" "$T/copy-before.db"
# A document's zones replace the topology's as a pair: merging one that
# swaps them is no overlap.
printf '{"format": "lyncplan-topology", "version": 2,\n"internalPrefixes": ["172.16.0.0/24"],\n"perimeterPrefixes": ["10.0.0.0/8", "2001:db8:0:1::/64"]}\n' \
	>"$T/swap.json"
expect_status 0 lp --db "$T/copy.db" import-topology --merge "$T/swap.json"
expect_status 0 lp --db "$T/copy.db" zone list --format csv
printf 'zone,prefixes\r\ninternal,172.16.0.0/24\r\nperimeter,"10.0.0.0/8, 2001:db8:0:1::/64"\r\n' >"$T/want"
expect_same_bytes "$T/out" "$T/want"

# ---- files of schema versions 2 and 3 ----
# Version 2 had none of these tables, version 3 had them but its pools had
# no Back End and its servers no external address: such files are
# upgraded on open, their topology as it was.
if [ -n "${SQLITE3_BIN:-}" ]; then
	CUR="$T/current.db"
	expect_status 0 lp --demo export-topology -o "$T/demo.json"
	expect_status 0 lp --db "$CUR" import-topology "$T/demo.json"
	expect_status 0 lp --db "$CUR" topology set --name 'Before upgrade'
	for what in pool server lb peer zone; do
		expect_status 0 lp --db "$CUR" "$what" list --format csv
		cp "$T/out" "$T/$what.csv"
	done
	expect_status 0 lp --db "$CUR" flows --format csv
	cp "$T/out" "$T/flows.csv"
	for version in 2 3; do
		OLD="$T/v$version.db"
		make_old "$OLD" "$version" "$CUR"
		[ "$("$SQLITE3_BIN" "$OLD" 'PRAGMA user_version')" = "$version" ] ||
			fail "no file of version $version was made: the test tests nothing"
		expect_status 0 lp --db "$OLD" pool list --format csv
		expect_same_bytes "$T/pool.csv" "$T/out"
		for what in server lb; do
			expect_status 0 lp --db "$OLD" "$what" list --format csv
			expect_same_bytes "$T/$what.csv" "$T/out"
		done
		[ "$("$SQLITE3_BIN" "$OLD" 'PRAGMA user_version')" = 4 ] ||
			fail "the version $version file was not upgraded to version 4"
		[ "$("$SQLITE3_BIN" "$OLD" 'PRAGMA foreign_key_check')" = "" ] ||
			fail "the version $version file has dangling references after the upgrade"
		expect_status 0 lp --db "$OLD" topology set --name upgraded
	done
	# Version 3 kept the zones, the peers, the name and so the flows.
	for what in peer zone; do
		expect_status 0 lp --db "$T/v3.db" "$what" list --format csv
		expect_same_bytes "$T/$what.csv" "$T/out"
	done
	expect_status 0 lp --db "$T/v3.db" flows --format csv
	expect_same_bytes "$T/flows.csv" "$T/out"
	# Version 2 had no zones: they are empty after the upgrade.
	expect_status 0 lp --db "$T/v2.db" zone list --format csv
	printf 'zone,prefixes\r\ninternal,\r\nperimeter,\r\n' >"$T/want"
	expect_same_bytes "$T/out" "$T/want"
fi

finish
