#!/bin/sh
# The addresses of schema version 4: an Edge Server's and a reverse
# proxy's external addresses and the public ones NAT translates them to.
# Every rule is refused with exit 3 and one line naming the option,
# leaving the file byte-identical; the lists show what was kept.
. "$top_srcdir/tests/cli/lib.sh"

DB="$T/topology.db"
ok() { expect_status 0 lp --db "$DB" "$@"; }
refused() { # REGEX ARGS...
	regex=$1
	shift
	cp "$DB" "$T/before"
	expect_status 3 lp --db "$DB" "$@"
	expect_err_match "^lyncplan: $regex$"
	expect_same_bytes "$T/before" "$DB"
}
# expect_csv LIST WANT: `LIST list --format csv` is WANT (lines without \r).
expect_csv() {
	expect_status 0 lp --db "$DB" "$1" list --format csv
	printf '%s\n' "$2" | sed 's/$/\r/' >"$T/want"
	if ! cmp -s "$T/want" "$T/out"; then
		fail "$1 list differs"
		diff -u "$T/want" "$T/out" >&2
	fi
}

ok site add Perimeter
ok pool add edge.contoso.com --site Perimeter --role edge --edge-external nat
ok pool add edge1.contoso.com --site Perimeter --role edge
ok pool add rp.contoso.com --site Perimeter --role reverse-proxy
ok pool add fe.contoso.com --site Perimeter --role front-end

# ---- external and public addresses ----
ok server add edge01.contoso.com --pool edge.contoso.com --ip 172.16.0.11 \
	--external-ip 192.0.2.11,192.0.2.12,2001:DB8:0::13 \
	--public-ip 203.0.113.11,203.0.113.12,203.0.113.13
ok server add edge02.contoso.com --pool edge.contoso.com --ip 172.16.0.12
ok server set edge02.contoso.com --external-ip 192.0.2.21,192.0.2.22,192.0.2.23
ok server add edge11.contoso.com --pool edge1.contoso.com --external-ip 192.0.2.31
ok server add rp01.contoso.com --pool rp.contoso.com --ip 172.16.0.31 --external-ip 192.0.2.41
ok server add fe01.contoso.com --pool fe.contoso.com --ip 10.0.0.11
expect_csv server 'pool,server,address,external,public
edge.contoso.com,edge01.contoso.com,172.16.0.11,"192.0.2.11,192.0.2.12,2001:db8::13","203.0.113.11,203.0.113.12,203.0.113.13"
edge.contoso.com,edge02.contoso.com,172.16.0.12,"192.0.2.21,192.0.2.22,192.0.2.23",
edge1.contoso.com,edge11.contoso.com,,192.0.2.31,
fe.contoso.com,fe01.contoso.com,10.0.0.11,,
rp.contoso.com,rp01.contoso.com,172.16.0.31,192.0.2.41,'

# Only servers of edge or reverse-proxy pools have external addresses.
refused "--external-ip: only servers of edge or reverse-proxy pools have external addresses \(pool 'fe\.contoso\.com' is front-end\)" \
	server set fe01.contoso.com --external-ip 192.0.2.51
refused "--external-ip: only servers of edge or reverse-proxy pools have external addresses \(pool 'fe\.contoso\.com' is front-end\)" \
	server add fe02.contoso.com --pool fe.contoso.com --external-ip 192.0.2.51
refused "--pool: only servers of edge or reverse-proxy pools have external addresses \(pool 'fe\.contoso\.com' is front-end\)" \
	server set rp01.contoso.com --pool fe.contoso.com
# An Edge Server has 1 or 3, a reverse proxy 1.
refused "--external-ip: an Edge Server has 1 external address \(single IP\) or 3 \(Access, Web Conferencing, A/V\), not 2" \
	server add edge12.contoso.com --pool edge1.contoso.com --external-ip 192.0.2.32,192.0.2.33
refused "--external-ip: an Edge Server has 1 external address \(single IP\) or 3 \(Access, Web Conferencing, A/V\), not 4" \
	server set edge02.contoso.com --external-ip 192.0.2.21,192.0.2.22,192.0.2.23,192.0.2.24
refused "--external-ip: a reverse proxy has 1 external address, not 3" \
	server set rp01.contoso.com --external-ip 192.0.2.41,192.0.2.42,192.0.2.43
# Every server of one Edge pool has the same count: the pool chooses single IP.
refused "--external-ip: the servers of Edge pool 'edge1\.contoso\.com' have 1 external address \(single IP or not is the pool's choice\), not 3" \
	server add edge12.contoso.com --pool edge1.contoso.com --external-ip 192.0.2.32,192.0.2.33,192.0.2.34
refused "--external-ip: the servers of Edge pool 'edge\.contoso\.com' have 3 external addresses \(single IP or not is the pool's choice\), not 1" \
	server set edge02.contoso.com --external-ip 192.0.2.21
refused "--pool: the servers of Edge pool 'edge\.contoso\.com' have 3 external addresses \(single IP or not is the pool's choice\), not 1" \
	server set edge11.contoso.com --pool edge.contoso.com
# Host addresses, none twice, none the internal address.
refused "--external-ip: '192\.0\.2\.0/24' is a prefix, not one address" \
	server set edge11.contoso.com --external-ip 192.0.2.0/24
refused "--external-ip: '224\.0\.0\.1' is a multicast address, not a host" \
	server set edge11.contoso.com --external-ip 224.0.0.1
refused "--external-ip: '192\.0\.2\.21,,192\.0\.2\.23' has an empty item between commas" \
	server set edge02.contoso.com --external-ip 192.0.2.21,,192.0.2.23
refused "--external-ip: 192\.0\.2\.21 is given twice" \
	server set edge02.contoso.com --external-ip 192.0.2.21,192.0.2.22,192.0.2.21
refused "--external-ip: 172\.16\.0\.12 is the server's internal address \(--ip\)" \
	server set edge02.contoso.com --external-ip 192.0.2.21,172.16.0.12,192.0.2.23
refused "--ip: 192\.0\.2\.22 is also one of the server's external or public addresses" \
	server set edge02.contoso.com --ip 192.0.2.22
# Public addresses: Edge pools behind NAT only, one for each external one.
refused "--public-ip: only servers of an edge pool behind NAT \(--edge-external nat\) have public addresses \(pool 'edge1\.contoso\.com' is public\)" \
	server set edge11.contoso.com --public-ip 203.0.113.31
refused "--public-ip: only servers of an edge pool behind NAT \(--edge-external nat\) have public addresses \(pool 'rp\.contoso\.com' is reverse-proxy\)" \
	server set rp01.contoso.com --public-ip 203.0.113.41
refused "--public-ip: 1 public address for 3 external ones: give one for each" \
	server set edge02.contoso.com --public-ip 203.0.113.21
refused "--public-ip: 1 public address for 0 external ones: give one for each" \
	server add edge03.contoso.com --pool edge.contoso.com --public-ip 203.0.113.21
refused "--public-ip: 192\.0\.2\.22 is also one of the server's external addresses" \
	server set edge02.contoso.com --public-ip 203.0.113.21,192.0.2.22,203.0.113.23
refused "--public-ip: 203\.0\.113\.21 is given twice" \
	server set edge02.contoso.com --public-ip 203.0.113.21,203.0.113.21,203.0.113.23
refused "--edge-external: 1 server of pool 'edge\.contoso\.com' holds public addresses, which only NAT translates to \(server set FQDN --public-ip '' first\)" \
	pool set edge.contoso.com --edge-external public

# '' clears: --public-ip the public ones, --external-ip both.
ok server set edge01.contoso.com --public-ip ''
ok pool set edge.contoso.com --edge-external public
ok pool set edge.contoso.com --edge-external nat
ok server set edge01.contoso.com --public-ip 203.0.113.11,203.0.113.12,203.0.113.13
ok server set edge01.contoso.com --external-ip ''
ok server set edge02.contoso.com --external-ip ''
ok server set edge11.contoso.com --pool edge.contoso.com
ok server set rp01.contoso.com --external-ip '' --pool fe.contoso.com
expect_csv server 'pool,server,address,external,public
edge.contoso.com,edge01.contoso.com,172.16.0.11,,
edge.contoso.com,edge02.contoso.com,172.16.0.12,,
edge.contoso.com,edge11.contoso.com,,192.0.2.31,
fe.contoso.com,fe01.contoso.com,10.0.0.11,,
fe.contoso.com,rp01.contoso.com,172.16.0.31,,'

# ---- load balancer sides ----
ok pool add med.contoso.com --site Perimeter --role mediation
ok pool add dir.contoso.com --site Perimeter --role director
ok lb add hlb-edge-int --vip 172.16.0.10 --pool edge.contoso.com
ok lb add hlb-access --vip 192.0.2.10 --pool edge.contoso.com --side external --service access
ok lb add hlb-webconf --vip 192.0.2.20 --pool edge.contoso.com --side external --service webconf
ok lb add hlb-single --vip 192.0.2.30 --pool edge1.contoso.com --side external
ok lb add hlb-web-ext --vip 192.0.2.40 --pool fe.contoso.com --pool dir.contoso.com \
	--pool rp.contoso.com --side external
ok lb add hlb-med --vip 10.0.0.50 --pool med.contoso.com
expect_csv lb 'load-balancer,vip,pools,side,service
hlb-access,192.0.2.10,edge.contoso.com,external,access
hlb-edge-int,172.16.0.10,edge.contoso.com,internal,
hlb-med,10.0.0.50,med.contoso.com,internal,
hlb-single,192.0.2.30,edge1.contoso.com,external,
hlb-web-ext,192.0.2.40,"dir.contoso.com,fe.contoso.com,rp.contoso.com",external,
hlb-webconf,192.0.2.20,edge.contoso.com,external,webconf'

refused "--side: 'dmz' is not internal or external" lb set hlb-med --side dmz
refused "--service: 'sip' is not access, webconf or av" lb set hlb-access --service sip
# The external side: Edge, reverse proxy, Front End and Director pools only.
refused "--side: an external load balancer serves only edge, reverse-proxy, front-end or director pools \('med\.contoso\.com' is mediation\)" \
	lb set hlb-med --side external
refused "--pool: an external load balancer serves only edge, reverse-proxy, front-end or director pools \('med\.contoso\.com' is mediation\)" \
	lb set hlb-web-ext --pool fe.contoso.com --pool med.contoso.com
# A service: the external side of Edge pools only.
refused "--service: only an external load balancer \(--side external\) carries an edge service" \
	lb add hlb-av --vip 192.0.2.50 --pool edge.contoso.com --service av
refused "--service: only an external load balancer \(--side external\) carries an edge service" \
	lb set hlb-access --side internal --service access
refused "--service: only the external VIPs of edge pools carry a service \('dir\.contoso\.com' is director\)" \
	lb set hlb-web-ext --service av
refused "--pool: only the external VIPs of edge pools carry a service \('rp\.contoso\.com' is reverse-proxy\)" \
	lb set hlb-access --pool rp.contoso.com
# One external VIP for every service (single IP), or one per service.
refused "--service: edge pool 'edge\.contoso\.com' has the access VIP already \(load balancer 'hlb-access'\)" \
	lb add hlb-access2 --vip 192.0.2.11 --pool edge.contoso.com --side external --service access
refused "--side: edge pool 'edge\.contoso\.com' has a VIP for each service \(load balancer 'hlb-access' carries access\): give --service" \
	lb add hlb-all --vip 192.0.2.12 --pool edge.contoso.com --side external
refused "--service: edge pool 'edge1\.contoso\.com' has one external VIP for every service already \(load balancer 'hlb-single': single IP\)" \
	lb add hlb-av1 --vip 192.0.2.31 --pool edge1.contoso.com --side external --service av
refused "--pool: edge pool 'edge1\.contoso\.com' has one external VIP for every service already \(load balancer 'hlb-single': single IP\)" \
	lb set hlb-access --pool edge1.contoso.com
refused "--service: edge pool 'edge\.contoso\.com' has a VIP for each service \(load balancer 'hlb-access' carries access\): give --service" \
	lb set hlb-webconf --service ''

# --side internal clears the service; --service '' clears it alone.
ok lb set hlb-webconf --side internal
ok lb set hlb-access --service av
ok lb set hlb-single --service ''
expect_csv lb 'load-balancer,vip,pools,side,service
hlb-access,192.0.2.10,edge.contoso.com,external,av
hlb-edge-int,172.16.0.10,edge.contoso.com,internal,
hlb-med,10.0.0.50,med.contoso.com,internal,
hlb-single,192.0.2.30,edge1.contoso.com,external,
hlb-web-ext,192.0.2.40,"dir.contoso.com,fe.contoso.com,rp.contoso.com",external,
hlb-webconf,192.0.2.20,edge.contoso.com,internal,'

# ---- the Back End ----
ok pool add be.contoso.com --site Perimeter --role back-end
ok pool add be2.contoso.com --site Perimeter --role back-end
ok pool add pchat.contoso.com --site Perimeter --role persistent-chat --back-end be.contoso.com
ok pool add se.contoso.com --site Perimeter --role front-end --edition standard
ok server add sql01.contoso.com --pool be.contoso.com --ip 10.0.0.61
ok server add sql02.contoso.com --pool be2.contoso.com --ip 10.0.0.62
ok server add witness.contoso.com --pool med.contoso.com --ip 10.0.0.63
ok pool set fe.contoso.com --back-end be.contoso.com --mirror be2.contoso.com \
	--witness witness.contoso.com
expect_status 0 lp --db "$DB" pool list --format csv
grep -v ',back-end,,none' "$T/out" | grep -E '^Perimeter,(fe|pchat|se)\.' >"$T/got"
printf '%s\r\n' \
	'Perimeter,fe.contoso.com,front-end,enterprise,none,no,no,2,1,,be.contoso.com,be2.contoso.com,witness.contoso.com' \
	'Perimeter,pchat.contoso.com,persistent-chat,,none,no,no,0,0,,be.contoso.com,,' \
	'Perimeter,se.contoso.com,front-end,standard,none,no,no,0,0,,,,' >"$T/want"
cmp -s "$T/want" "$T/got" || { fail "pool list differs"; diff -u "$T/want" "$T/got" >&2; }

refused "--edition: only a front-end pool has an edition \(this pool is back-end\)" \
	pool add be3.contoso.com --site Perimeter --role back-end --edition enterprise
refused "--cms: only a front-end pool can hold the Central Management store \(this pool is back-end\)" \
	pool add be3.contoso.com --site Perimeter --role back-end --cms
refused "--back-end: only an Enterprise Edition front-end pool or a persistent-chat pool has a Back End \(a Standard Edition server has its own SQL Server Express\)" \
	pool set se.contoso.com --back-end be.contoso.com
refused "--back-end: only an Enterprise Edition front-end pool or a persistent-chat pool has a Back End \(this pool is director\)" \
	pool set dir.contoso.com --back-end be.contoso.com
refused "--back-end: only an Enterprise Edition front-end pool or a persistent-chat pool has a Back End \(this pool is back-end\)" \
	pool add be3.contoso.com --site Perimeter --role back-end --back-end be.contoso.com
refused "--back-end: pool 'dir\.contoso\.com' is director, not a back-end pool" \
	pool set pchat.contoso.com --back-end dir.contoso.com
refused "--back-end: no pool named 'nope\.contoso\.com'" \
	pool set pchat.contoso.com --back-end nope.contoso.com
refused "--mirror: pool 'fe\.contoso\.com' is front-end, not a back-end pool" \
	pool set pchat.contoso.com --mirror fe.contoso.com
refused "--mirror: the mirror is another pool than the Back End" \
	pool set pchat.contoso.com --mirror be.contoso.com
refused "--mirror: a mirror needs a Back End \(--back-end\)" \
	pool set pchat.contoso.com --back-end '' --mirror be2.contoso.com
refused "--witness: a witness needs a mirror \(--mirror\)" \
	pool set pchat.contoso.com --witness witness.contoso.com
refused "--witness: no server named 'nope\.contoso\.com'" \
	pool set fe.contoso.com --witness nope.contoso.com
refused "--witness: server 'sql02\.contoso\.com' is in 'be2\.contoso\.com', the Back End or its mirror; the witness is a server of neither" \
	pool set fe.contoso.com --witness sql02.contoso.com
refused "pool 'be\.contoso\.com': 1 server depends on it \(--force removes the pool and its servers, and load balancers left serving nothing\)" \
	pool rm be.contoso.com
ok server rm sql02.contoso.com
refused "pool 'be2\.contoso\.com': the Back End or mirror of 1 pool \(--force removes it and unlinks that pool\)" \
	pool rm be2.contoso.com
refused "server 'witness\.contoso\.com': the mirroring witness of pool 'fe\.contoso\.com' \(pool set fe\.contoso\.com --witness '' first\)" \
	server rm witness.contoso.com
refused "--pool: the server is the mirroring witness of a pool whose Back End or mirror is 'be2\.contoso\.com'; the witness is a server of neither" \
	server set witness.contoso.com --pool be2.contoso.com

# --force unlinks the pools; '' clears, with what depends on it.
ok pool rm be2.contoso.com --force
ok pool add be2.contoso.com --site Perimeter --role back-end
ok pool set pchat.contoso.com --mirror be2.contoso.com --witness witness.contoso.com
ok pool set fe.contoso.com --back-end ''
ok pool set pchat.contoso.com --mirror ''
ok server rm witness.contoso.com
expect_status 0 lp --db "$DB" pool list --format csv
grep -E '^Perimeter,(fe|pchat)\.' "$T/out" >"$T/got"
printf '%s\r\n' \
	'Perimeter,fe.contoso.com,front-end,enterprise,none,no,no,2,1,,,,' \
	'Perimeter,pchat.contoso.com,persistent-chat,,none,no,no,0,0,,be.contoso.com,,' >"$T/want"
cmp -s "$T/want" "$T/got" || { fail "pool list differs after clearing"; diff -u "$T/want" "$T/got" >&2; }
# A site going with --force unlinks the pools of other sites.
ok site add Store
ok pool add be9.contoso.com --site Store --role back-end
ok pool set pchat.contoso.com --back-end be9.contoso.com --mirror be2.contoso.com
ok site rm Store --force
expect_status 0 lp --db "$DB" pool list --format csv
grep -q '^Perimeter,pchat\.contoso\.com,persistent-chat,,none,no,no,0,0,,,,' "$T/out" ||
	fail "site rm --force left a Back End behind"

finish
