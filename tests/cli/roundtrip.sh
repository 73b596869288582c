#!/bin/sh
# The topology document carries the whole topology: exported, imported into
# a new file and exported again, it gives the same bytes, and the imported
# topology the same lists and the same plan. Tried on the demo,
# on each feature alone, and on a topology built with every command and
# option that describes one. That topology must use every feature the
# program has, every value of every pool enumeration the command line
# takes, and every field the import reads (both values of every boolean):
# what the model gains without a way through the file fails here.
. "$top_srcdir/tests/cli/lib.sh"

# views FILE ARGS...: every list and every table derived from the topology
# ARGS name (--db FILE, --demo), with their exit status, into FILE.
views() {
	out=$1
	shift
	: >"$out"
	while read -r view; do
		# shellcheck disable=SC2086 # a view is a command and its words
		lp "$@" $view --format csv >>"$out" 2>&1 </dev/null
		echo "$view: exit $?" >>"$out"
	done <<EOF
site list
pool list
server list
lb list
feature list
ports
lb-ports
clients
flows
check
EOF
}

# round_trip NAME FILE.json [ARGS...]: imports FILE into new files (into an
# empty topology, and with --replace) and exports each again: the same
# bytes. With ARGS (--db FILE, --demo), the topology FILE was exported
# from: every view of each import is the same as its.
round_trip() {
	name=$1
	doc=$2
	shift 2
	[ $# -eq 0 ] || views "$T/$name.views" "$@"
	for mode in new --replace; do
		db="$T/$name$mode.db"
		again="$T/$name$mode.json"
		# shellcheck disable=SC2086 # "new" is no option at all
		if ! lp --db "$db" import-topology ${mode#new} "$doc" 2>"$T/err"; then
			fail "$name: import-topology $mode refuses the exported document"
			sed 's/^/  stderr: /' "$T/err" >&2
			continue
		fi
		expect_status 0 lp --db "$db" export-topology -o "$again"
		cmp -s "$doc" "$again" || {
			fail "$name: import-topology $mode then export-topology changed the document"
			diff -u "$doc" "$again" | head -40 >&2
		}
		[ $# -eq 0 ] && continue
		views "$T/$name$mode.views" --db "$db"
		cmp -s "$T/$name.views" "$T/$name$mode.views" || {
			fail "$name: after import-topology $mode the lists or the plan differ"
			diff -u "$T/$name.views" "$T/$name$mode.views" | head -40 >&2
		}
	done
}

# ---- the demo ----
expect_status 0 lp --demo export-topology -o "$T/demo.json"
round_trip demo "$T/demo.json" --demo

# ---- each feature alone ----
expect_status 0 lp --db :memory: feature list --format csv
features=$(sed -e '1d' -e 's/,.*//' "$T/out")
[ -n "$features" ] || fail "feature list names no feature"
for f in $features; do
	expect_status 0 lp --db "$T/feature-$f.db" feature on "$f"
	expect_status 0 lp --db "$T/feature-$f.db" export-topology -o "$T/feature-$f.json"
	grep -qx "    \"$f\"" "$T/feature-$f.json" || fail "feature $f is not in its document"
	round_trip "feature-$f" "$T/feature-$f.json"
done

# ---- everything at once ----
DB="$T/full.db"
ok() { expect_status 0 lp --db "$DB" "$@"; }

ok site add Redmond --description 'Siège "HQ" \ Zürich, 東京'
ok site add Dublin
ok site add Temp --description "to be renamed"
ok site set Temp --name Oslo --description ""
ok site add Spare --description "renamed below"
ok site set Spare --description "Spare site"

ok pool add fepool.contoso.com --site Redmond --role front-end --edition enterprise --lb dns \
	--collocated-mediation --cms
ok pool add FE-Hlb.Contoso.com --site Redmond --role front-end --lb hardware
ok pool add se01.dublin.contoso.com --site Dublin --role front-end --edition standard --lb none
ok pool add dirpool.contoso.com --site Redmond --role director --lb hardware
ok pool add med.contoso.com --site Redmond --role mediation --lb dns
ok pool add pchat.contoso.com --site Redmond --role persistent-chat
ok pool add owa.contoso.com --site Oslo --role office-web-apps --lb hardware
ok pool add edge-nat.contoso.com --site Redmond --role edge --edge-external nat --lb dns
ok pool add edge-pub.contoso.com --site Dublin --role edge --edge-external public --lb hardware
ok pool add edge-default.contoso.com --site Oslo --role edge
ok pool add rp.contoso.com --site Redmond --role reverse-proxy --lb hardware
ok pool add be.contoso.com --site Redmond --role back-end
# Every change `pool set` makes.
ok pool add old.contoso.com --site Spare --role front-end --collocated-mediation
ok pool set old.contoso.com --fqdn fe-moved.contoso.com --site Oslo --lb dns \
	--collocated-mediation off
ok pool set FE-Hlb.Contoso.com --collocated-mediation on
ok pool set se01.dublin.contoso.com --cms
ok pool set se01.dublin.contoso.com --no-cms
ok pool set fepool.contoso.com --cms
ok pool set edge-default.contoso.com --edge-external nat
ok pool set edge-default.contoso.com --edge-external public

ok server add fe01.contoso.com --pool fepool.contoso.com --ip 192.0.2.11
ok server add fe02.contoso.com --pool FEPOOL.contoso.com --ip 2001:DB8:0::12
ok server add fe03.contoso.com --pool fepool.contoso.com
ok server add hlb01.contoso.com --pool fe-hlb.contoso.com --ip 192.0.2.21
ok server add se01.dublin.contoso.com --pool se01.dublin.contoso.com --ip 198.51.100.11
ok server add dir01.contoso.com --pool dirpool.contoso.com --ip 192.0.2.31
ok server add med01.contoso.com --pool med.contoso.com --ip 192.0.2.41
ok server add pchat01.contoso.com --pool pchat.contoso.com --ip 192.0.2.51
ok server add owa01.contoso.com --pool owa.contoso.com --ip 203.0.113.61
ok server add edge01.contoso.com --pool edge-nat.contoso.com --ip 10.0.0.71
ok server add edge02.contoso.com --pool edge-nat.contoso.com --ip 10.0.0.72
ok server add edge11.contoso.com --pool edge-pub.contoso.com --ip 2001:db8:1::81
ok server add edge21.contoso.com --pool edge-default.contoso.com
ok server add rp01.contoso.com --pool rp.contoso.com --ip 192.0.2.91
# Every change `server set` makes.
ok server add tmp.contoso.com --pool dirpool.contoso.com --ip 192.0.2.99
ok server set tmp.contoso.com --fqdn fe-moved01.contoso.com --pool fe-moved.contoso.com \
	--ip 192.0.2.101
ok server set fe03.contoso.com --ip 192.0.2.13
ok server set fe03.contoso.com --ip ''

ok lb add hlb-web --vip 192.0.2.10 --pool FE-Hlb.contoso.com --pool dirpool.contoso.com \
	--pool owa.contoso.com
ok lb add hlb-edge --vip 2001:db8:1::80 --pool edge-pub.contoso.com
ok lb add hlb-rp --vip 192.0.2.90 --pool dirpool.contoso.com
# Every change `lb set` makes.
ok lb set hlb-rp --name hlb-rp-new --vip 192.0.2.92 --pool rp.contoso.com --pool owa.contoso.com

for f in $features; do
	ok feature on "$f"
done
ok feature off e911
ok feature on e911

expect_status 0 lp --db "$DB" export-topology -o "$T/full.json"
round_trip full "$T/full.json" --db "$DB"

# section NAME: the lines of array NAME of the exported full topology.
section() {
	sed -n "/^  \"$1\": \[/,/^  \]/p" "$T/full.json"
}

# Every feature the program has is on.
printf '%s\n' "$features" | LC_ALL=C sort >"$T/features.program"
section features | sed -n 's/^    "\(.*\)",\{0,1\}$/\1/p' >"$T/features.file"
cmp -s "$T/features.program" "$T/features.file" || {
	fail "the full topology does not have every feature on"
	diff -u "$T/features.program" "$T/features.file" >&2
}

# Every value `pool add` takes for each enumeration, with the field it is
# exported in: the values come from the refusal of an unknown one.
for option in role:role edition:edition lb:lb edge-external:edgeExternal; do
	expect_status 3 lp --db :memory: pool add x.contoso.com --site S --role edge \
		"--${option%%:*}" not-a-value
	values=$(sed -e 's/.* is not //' -e 's/^a role (//' -e 's/)$//' -e 's/ or /, /' \
		-e 's/, / /g' "$T/err")
	[ -n "$values" ] || fail "--${option%%:*}: no values in its refusal"
	for v in $values; do
		section pools | grep -q "^      \"${option#*:}\": \"$v\",\{0,1\}$" ||
			fail "no pool of the full topology has ${option#*:} $v"
	done
done

# Every field the import reads is in the file; each boolean both true and
# false. The fields come from the refusal of an unknown one.
for where in . sites pools servers loadBalancers; do
	if [ "$where" = . ]; then
		doc='{"format": "lyncplan-topology", "version": 1, "unknown": 0}'
		indent='  '
		lines=$(cat "$T/full.json")
	else
		doc="{\"format\": \"lyncplan-topology\", \"version\": 1, \"$where\": [{\"unknown\": 0}]}"
		indent='      '
		lines=$(section "$where")
	fi
	printf '%s\n' "$doc" >"$T/unknown.json"
	expect_status 3 lp --db "$T/unknown.db" import-topology "$T/unknown.json"
	fields=$(sed -e 's/.*(known here: //' -e 's/)$//' -e 's/,//g' "$T/err")
	[ -n "$fields" ] || fail "$where: no fields in the refusal of an unknown one"
	for field in $fields; do
		printf '%s\n' "$lines" | grep -q "^$indent\"$field\": " ||
			fail "$where: field $field is not in the full topology"
		if printf '%s\n' "$lines" | grep -Eq "^$indent\"$field\": (true|false)"; then
			for b in true false; do
				printf '%s\n' "$lines" | grep -Eq "^$indent\"$field\": $b,?$" ||
					fail "$where: field $field is never $b"
			done
		fi
	done
done

finish
