#!/bin/sh
# Describing a deployment from the command line: a whole scenario on a
# temporary file with every list in text and CSV against golden files, then
# every class of bad input, each refused with exit 3 and one line naming
# the field, leaving the file byte-identical.
. "$top_srcdir/tests/cli/lib.sh"

DB="$T/topology.db"
ok() { expect_status 0 lp --db "$DB" "$@"; }

# ---- the scenario ----
ok site add Redmond --description "Headquarters"
ok site add Dublin --description "Branch office, Ireland"
ok site add Oslo
ok pool add fepool.contoso.com --site Redmond --role front-end --lb dns \
	--collocated-mediation --cms
ok pool add dirpool.contoso.com --site Redmond --role director --lb hardware
ok pool add pchat.contoso.com --site Redmond --role persistent-chat
ok pool add se01.dublin.contoso.com --site Dublin --role front-end --edition standard
ok server add fe01.contoso.com --pool fepool.contoso.com --ip 192.0.2.11
ok server add fe02.contoso.com --pool FEPOOL.contoso.com --ip 192.0.2.12
ok server add fe03.contoso.com --pool fepool.contoso.com --ip 2001:db8::13
ok server add dir01.contoso.com --pool dirpool.contoso.com --ip 192.0.2.21
ok server add dir02.contoso.com --pool dirpool.contoso.com --ip 192.0.2.22
ok server add pchat01.contoso.com --pool pchat.contoso.com
ok server add se01.dublin.contoso.com --pool se01.dublin.contoso.com --ip 198.51.100.11
ok lb add hlb-web --vip 192.0.2.10 --pool fepool.contoso.com --pool dirpool.contoso.com
ok lb add hlb-spare --vip 192.0.2.30 --pool dirpool.contoso.com
ok feature on e911
ok feature on static-routes
ok feature off static-routes
# --cms moves the Central Management store; moving it back restores it.
ok pool set se01.dublin.contoso.com --cms
ok pool set fepool.contoso.com --cms
ok pool set dirpool.contoso.com --lb dns
ok pool set dirpool.contoso.com --lb hardware
ok server set pchat01.contoso.com --ip 2001:db8::31
ok site set Oslo --description "Planned"
[ -s "$T/out" ] && fail "a write printed something"

for list in site pool server lb feature; do
	expect_status 0 lp --db "$DB" $list list --wide
	expect_golden "topology-${list}s.txt" "$T/out"
done
expect_status 0 lp --db "$DB" pool list --format csv
expect_golden topology-pools.csv "$T/out"
expect_status 0 lp --db "$DB" server list --pool fepool.contoso.com --format csv -o "$T/servers.csv"
expect_golden topology-servers-fepool.csv "$T/servers.csv"
expect_status 0 lp --db "$DB" site list --format csv
expect_golden topology-sites.csv "$T/out"
expect_status 0 lp --db "$DB" pool list --site Dublin --wide
[ "$(wc -l <"$T/out")" -eq 2 ] || fail "pool list --site Dublin is not one pool"

# The demo loads in memory and leaves no file behind.
expect_status 0 lp --demo pool list --wide
expect_golden topology-demo-pools.txt "$T/out"
[ -e "$XDG_DATA_HOME/lyncplan" ] && fail "--demo created the default file"
[ -s "$T/err" ] && fail "--demo pool list wrote to standard error"
# A change to the demo is made, and the user is told, once, that it is not kept.
expect_status 0 lp --demo site add X
expect_err_match "^lyncplan: the demo topology is held in memory: nothing was kept$"
expect_status 0 lp --demo pool set fepool.contoso.com --lb dns
expect_err_match "nothing was kept$"
expect_status 3 lp --demo site add Dublin
grep -q "nothing was kept" "$T/err" && fail "a refused change to the demo spoke of keeping"
[ -e "$XDG_DATA_HOME/lyncplan" ] && fail "a change to the demo created the default file"

# ---- refused input: exit 3, one line naming the field, file unchanged ----
refused() { # REGEX ARGS...
	regex=$1
	shift
	cp "$DB" "$T/before"
	expect_status 3 lp --db "$DB" "$@"
	expect_err_match "^lyncplan: $regex"
	expect_same_bytes "$T/before" "$DB"
}

# Bad FQDNs.
refused "pool FQDN 'a\.\.b\.contoso\.com': empty label" \
	pool add a..b.contoso.com --site Redmond --role director
refused "pool FQDN 'dirpool': not fully qualified" pool add dirpool --site Redmond --role director
refused "server FQDN 'fe_04\.contoso\.com': '_' is not allowed" \
	server add fe_04.contoso.com --pool fepool.contoso.com
refused "server FQDN '-fe04\.contoso\.com': label '-fe04' starts or ends with a hyphen" \
	server add --pool fepool.contoso.com -- -fe04.contoso.com
refused "server FQDN 'fe04\.contoso\.com\.': trailing dot" \
	server add fe04.contoso.com. --pool fepool.contoso.com
refused "server FQDN '192\.0\.2\.40': the last label is all digits" \
	server add 192.0.2.40 --pool fepool.contoso.com
refused "--fqdn '.*': label '.*' is longer than 63 characters" \
	server set fe01.contoso.com --fqdn "$(printf '%070d' 0).contoso.com"

# Bad addresses.
refused "--ip: '10\.0\.0\.300' is not an IPv4 or IPv6 address" \
	server add fe04.contoso.com --pool fepool.contoso.com --ip 10.0.0.300
refused "--ip: '2001:db8:::1' is not an IPv4 or IPv6 address" \
	server set fe01.contoso.com --ip 2001:db8:::1
refused "--vip: 'vip\.contoso\.com' is not an IPv4 or IPv6 address" \
	lb add hlb-x --vip vip.contoso.com --pool fepool.contoso.com
# Addresses that name no single host: ADDRESS|WHAT, refused as a server's
# address and a VIP, added or changed, and in a topology document.
while IFS='|' read -r addr what; do
	[ -n "$addr" ] || continue
	re=$(printf '%s' "'$addr' $what" | sed 's/[.()]/\\&/g')
	refused "--ip: $re$" server add fe04.contoso.com --pool fepool.contoso.com --ip "$addr"
	refused "--ip: $re$" server set fe01.contoso.com --ip "$addr"
	refused "--vip: $re$" lb add hlb-x --vip "$addr" --pool fepool.contoso.com
	refused "--vip: $re$" lb set hlb-web --vip "$addr"
	printf '{"format": "lyncplan-topology", "version": 1, "servers": [%s]}\n' \
		"{\"fqdn\": \"fe04.contoso.com\", \"pool\": \"fepool.contoso.com\", \"address\": \"$addr\"}" \
		>"$T/addr.json"
	refused "$T/addr\.json:1:[0-9]+: servers\[0\]\.address: $re$" import-topology --merge "$T/addr.json"
done <<'EOF'
0.0.0.0|is the unspecified address, not a host
255.255.255.255|is the broadcast address, not a host
127.0.0.1|is a loopback address, not a host
127.1.2.3|is a loopback address, not a host
224.0.0.251|is a multicast address, not a host
239.255.255.250|is a multicast address, not a host
::|is the unspecified address, not a host
::1|is the loopback address, not a host
ff02::1|is a multicast address, not a host
::ffff:192.0.2.1|is an IPv4-mapped IPv6 address, not a host (give 192.0.2.1)
::192.0.2.1|is an IPv4-compatible IPv6 address, not a host (give 192.0.2.1)
192.0.2.0/24|is a prefix, not one address
2001:db8::/64|is a prefix, not one address
EOF
# Documentation addresses are hosts.
for addr in 192.0.2.10 2001:db8::10; do
	ok server set fe01.contoso.com --ip "$addr"
	ok lb set hlb-spare --vip "$addr"
done
ok server set fe01.contoso.com --ip 192.0.2.11
ok lb set hlb-spare --vip 192.0.2.30

# Unknown role and other unknown values.
refused "--role: 'sbas' is not a role \(front-end, director, mediation, persistent-chat, office-web-apps, edge, reverse-proxy, back-end\)" \
	pool add sbas.contoso.com --site Redmond --role sbas
refused "--edition: 'datacenter' is not standard or enterprise" \
	pool add fe2.contoso.com --site Redmond --role front-end --edition datacenter
refused "--lb: 'round-robin' is not none, dns or hardware" pool set fepool.contoso.com --lb round-robin
refused "--collocated-mediation: 'yes' is not on or off" \
	pool set fepool.contoso.com --collocated-mediation yes
refused "feature name: no feature named 'teleport'" feature on teleport

# Duplicates, whatever their case: names and FQDNs alike.
refused "site name: a site named 'Redmond' already exists$" site add Redmond
refused "site name: a site named 'Redmond' already exists \('REDMOND' differs only in case\)$" \
	site add REDMOND
refused "--name: a site named 'Dublin' already exists \('dublin' differs only in case\)$" \
	site set Oslo --name dublin
refused "pool FQDN: a pool named 'fepool\.contoso\.com' already exists \('FEPOOL\.CONTOSO\.COM' differs only in case\)$" \
	pool add FEPOOL.CONTOSO.COM --site Dublin --role director
refused "--fqdn: a pool named 'fepool\.contoso\.com' already exists \('FEPool\.contoso\.com' differs only in case\)$" \
	pool set dirpool.contoso.com --fqdn FEPool.contoso.com
refused "server FQDN: a server named 'fe01\.contoso\.com' already exists \('Fe01\.contoso\.com' differs only in case\)$" \
	server add Fe01.contoso.com --pool dirpool.contoso.com
refused "--fqdn: a server named 'fe01\.contoso\.com' already exists \('FE01\.contoso\.com' differs only in case\)$" \
	server set fe02.contoso.com --fqdn FE01.contoso.com
refused "load balancer name: a load balancer named 'hlb-web' already exists$" \
	lb add hlb-web --vip 192.0.2.40 --pool fepool.contoso.com
refused "load balancer name: a load balancer named 'hlb-web' already exists \('HLB-Web' differs only in case\)$" \
	lb add HLB-Web --vip 192.0.2.40 --pool fepool.contoso.com
refused "--name: a load balancer named 'hlb-web' already exists \('HLB-WEB' differs only in case\)$" \
	lb set hlb-spare --name HLB-WEB
# The same refusals from a topology document, whole or merged.
printf '{"format": "lyncplan-topology", "version": 1, "sites": [%s]}\n' \
	'{"name": "Lima"}, {"name": "LIMA"}' >"$T/twins.json"
refused "$T/twins\.json:1:[0-9]+: sites\[1\]: site name: a site named 'Lima' already exists \('LIMA' differs only in case\)$" \
	import-topology --replace "$T/twins.json"
printf '{"format": "lyncplan-topology", "version": 1, "sites": [%s]}\n' \
	'{"name": "OSLO"}' >"$T/oslo.json"
refused "$T/oslo\.json:1:[0-9]+: sites\[0\]: site name: a site named 'Oslo' already exists \('OSLO' differs only in case\)$" \
	import-topology --merge "$T/oslo.json"
printf '{"format": "lyncplan-topology", "version": 1, "sites": [%s]}\n' \
	'{"name": "Os\u200blo"}' >"$T/zwsp.json"
refused "$T/zwsp\.json:1:[0-9]+: sites\[0\]\.name 'Os\\\\u200Blo': invisible character U\+200B is not allowed$" \
	import-topology --merge "$T/zwsp.json"
# A name may change its own case.
ok site set Oslo --name OSLO
ok site set OSLO --name Oslo
refused "--pool: 'FEPOOL\.contoso\.com' is given twice" \
	lb add hlb-x --vip 192.0.2.40 --pool fepool.contoso.com --pool FEPOOL.contoso.com

# Dangling references.
refused "--site: no site named 'Nowhere'" pool add x.contoso.com --site Nowhere --role director
refused "--site: no site named 'redmond'" pool add x.contoso.com --site redmond --role director
refused "--pool: no pool named 'nope\.contoso\.com'" server add x.contoso.com --pool nope.contoso.com
refused "--pool: no pool named 'nope\.contoso\.com'" \
	lb add hlb-x --vip 192.0.2.40 --pool nope.contoso.com
refused "--pool: no pool named 'nope\.contoso\.com'" server list --pool nope.contoso.com
refused "site name: no site named 'Nowhere'" site rm Nowhere
refused "server FQDN: no server named 'fe09\.contoso\.com'" server rm fe09.contoso.com
refused "load balancer name: no load balancer named 'hlb-x'" lb rm hlb-x

# Over-long text.
refused "site name: longer than 64 bytes \(65\)" site add "$(printf '%065d' 0)"
refused "--description: longer than 256 bytes \(257\)" \
	site add Paris --description "$(printf '%0257d' 0)"
refused "load balancer name: longer than 64 bytes" \
	lb add "$(printf 'h%064d' 0)" --vip 192.0.2.40 --pool fepool.contoso.com

# Control characters and invalid UTF-8, shown escaped in the message.
refused "site name 'Bad\\\\x09Name': control character U\+0009 is not allowed" \
	site add "$(printf 'Bad\tName')"
refused "site name 'Bad\\\\x1B\[2JName': control character U\+001B" \
	site add "$(printf 'Bad\033[2JName')"
refused "--description 'one\\\\x0Atwo': control character U\+000A" \
	site set Oslo --description "$(printf 'one\ntwo')"
refused "--name 'Os\\\\u202Elo': direction control U\+202E" site set Oslo --name "$(printf 'Os\342\200\256lo')"
refused "site name 'Z\\\\xFCrich': not valid UTF-8" site add "$(printf 'Z\374rich')"

# Direction controls and invisible characters, each refused in a name and
# a description, and escaped in `site list` when another program wrote it.
UNSAFE='0085 061C 200B 200C 200D 200E 200F 2028 2029 202A 202B 202C 202D 202E
	2060 2061 2062 2063 2064 2066 2067 2068 2069 FEFF'
utf8() { # HEX: the UTF-8 of code point U+HEX (below U+10000)
	c=$((0x$1))
	if [ "$c" -lt 2048 ]; then
		printf "\\$(printf %o $((0xC0 | c >> 6)))\\$(printf %o $((0x80 | (c & 63))))"
	else
		printf "\\$(printf %o $((0xE0 | c >> 12)))\\$(printf %o $((0x80 | (c >> 6 & 63))))\\$(printf %o $((0x80 | (c & 63))))"
	fi
}
for cp in $UNSAFE; do
	case $cp in
	0085|2028|2029) rule="control character" ;;
	061C|200E|200F|202?|206[6-9]) rule="direction control" ;;
	*) rule="invisible character" ;;
	esac
	refused "site name 'Os\\\\u${cp}lo': $rule U\+$cp is not allowed" \
		site add "Os$(utf8 "$cp")lo"
	refused "--description 'Os\\\\u${cp}lo': $rule U\+$cp is not allowed" \
		site set Oslo --description "Os$(utf8 "$cp")lo"
	refused "load balancer name 'hlb\\\\u${cp}': $rule U\+$cp" \
		lb add "hlb$(utf8 "$cp")" --vip 192.0.2.40 --pool fepool.contoso.com
done
if [ -n "${SQLITE3_BIN:-}" ]; then
	cp "$DB" "$T/foreign.db"
	for cp in $UNSAFE; do
		"$SQLITE3_BIN" "$T/foreign.db" \
			"UPDATE site SET name = 'Os' || char(0x$cp) || 'lo' WHERE id = 3"
		expect_status 0 lp --db "$T/foreign.db" site list
		grep -q "^Os\\\\u${cp}lo " "$T/out" || fail "site list: U+$cp not escaped"
		grep -qF "$(utf8 "$cp")" "$T/out" && fail "site list: U+$cp reached the terminal"
	done
	# A file from before the rule may hold two sites differing only in
	# case: it opens, both are listed and kept, and only a new name is
	# refused.
	cp "$DB" "$T/twins.db"
	"$SQLITE3_BIN" "$T/twins.db" "INSERT INTO site (name) VALUES ('redmond')"
	expect_status 0 lp --db "$T/twins.db" site list
	grep -q '^redmond ' "$T/out" && grep -q '^Redmond ' "$T/out" ||
		fail "site list of a file with twin sites lost one"
	expect_status 0 lp --db "$T/twins.db" site set redmond --name redmond --description Twin
	expect_status 0 lp --db "$T/twins.db" pool add twin.contoso.com --site redmond --role director
	cp "$T/twins.db" "$T/before"
	expect_status 3 lp --db "$T/twins.db" site set redmond --name REDMOND
	expect_err_match "^lyncplan: --name: a site named '(Redmond|redmond)' already exists \('REDMOND' differs only in case\)$"
	expect_same_bytes "$T/before" "$T/twins.db"
else
	echo "sqlite3 not found: names written by another program not tested" >&2
fi

refused "site name ' Oslo': leading or trailing space" site add " Oslo"

# Model rules.
refused "--pool: pool 'se01\.dublin\.contoso\.com' is full: Standard Edition Front End pools hold at most 1 server" \
	server add se02.dublin.contoso.com --pool se01.dublin.contoso.com
refused "--cms: only a front-end pool can hold the Central Management store \(this pool is director\)" \
	pool set dirpool.contoso.com --cms
refused "--collocated-mediation: only a front-end pool can have Mediation collocated" \
	pool add med.contoso.com --site Redmond --role mediation --collocated-mediation
refused "--edition: only a front-end pool has an edition" \
	pool add med.contoso.com --site Redmond --role mediation --edition enterprise
refused "site 'Redmond': 3 pools depend on it \(--force" site rm Redmond
refused "pool 'fepool\.contoso\.com': 3 servers and 1 load balancer depend on it \(--force" \
	pool rm fepool.contoso.com

# Usage errors exit 2 and change nothing either.
cp "$DB" "$T/before"
expect_status 2 lp --db "$DB" pool add x.contoso.com --role director
expect_err_match "^lyncplan: pool add: --site is required"
expect_status 2 lp --db "$DB" site add
expect_err_match "^lyncplan: site add: missing NAME"
expect_status 2 lp --db "$DB" site add A B
expect_err_match "^lyncplan: site add: 'B' is one argument too many"
expect_status 2 lp --db "$DB" server add x.contoso.com --pool
expect_err_match "^lyncplan: server add: '--pool' needs a value"
expect_status 2 lp --db "$DB" lb add x --vip 192.0.2.1 --colour red
expect_err_match "^lyncplan: lb add: unknown option '--colour'"
expect_status 2 lp --db "$DB" site rm "$(printf 'a\033[2J')" extra
expect_err_match "'extra' is one argument too many"
expect_status 2 lp --db "$DB" site list "$(printf 'x\033[2J')"
expect_err_match "^lyncplan: site list: 'x\\\\x1B\[2J' is one argument too many"
expect_status 2 lp --db "$DB" pool set fepool.contoso.com
expect_err_match "nothing to change"
expect_status 2 lp --db "$DB" site list --format yaml
expect_same_bytes "$T/before" "$DB"

# ---- removal: refused above, forced here ----
ok pool rm dirpool.contoso.com --force
ok lb list
printf 'load-balancer  vip         pools               side      service\nhlb-web        192.0.2.10  fepool.contoso.com  internal  \n' >"$T/want"
expect_same_bytes "$T/want" "$T/out"
ok server rm fe03.contoso.com
ok lb rm hlb-web
ok site rm Redmond --force
ok site rm Oslo
ok pool list --format csv
printf 'site,pool,role,edition,lb,collocated-mediation,cms,servers,load-balancers,edge-external,back-end,mirror,witness\r\nDublin,se01.dublin.contoso.com,front-end,standard,none,no,no,1,0,,,,\r\n' >"$T/want"
expect_same_bytes "$T/want" "$T/out"
ok server list --format csv
[ "$(wc -l <"$T/out")" -eq 2 ] || fail "servers of removed pools are still listed"

# --help lists the commands.
expect_status 0 lp --help
for cmd in "site add" "pool set" "server list" "lb add" "feature on"; do
	grep -q "^  $cmd " "$T/out" || fail "--help does not list '$cmd'"
done

finish
