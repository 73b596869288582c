#!/bin/sh
# The derived plan from the command line: ports, lb-ports, clients and
# check on the demo and on a scenario file, against golden files; the
# filters and their refusals; check's exit status.
. "$top_srcdir/tests/cli/lib.sh"

# ---- the demo ----
expect_status 0 lp --demo ports --format csv
expect_golden plan-demo-ports.csv "$T/out"
if [ "$(grep -c "$(printf '\r')\$" "$T/out")" -ne "$(wc -l <"$T/out")" ]; then
	fail "ports CSV lines do not all end in CRLF"
fi
# What a reader checks first: video on every Front End, 445 on the CMS pool only.
grep -q '^Redmond,fepool.contoso.com,fe02.contoso.com,192.0.2.12,internal,front-end,,57501-65535,TCP/UDP,' "$T/out" ||
	fail "fe02 has no 57501-65535 TCP/UDP row"
[ "$(grep -c ',445,TCP,' "$T/out")" -eq 3 ] || fail "445 is not on exactly the three fepool servers"
grep -q '^Dublin,.*,445,TCP,' "$T/out" && fail "445 on the branch, which does not hold the CMS"

expect_status 0 lp --demo ports --server fe01.contoso.com --wide
expect_golden plan-demo-ports-fe01.txt "$T/out"
expect_status 0 lp --demo lb-ports --format csv
expect_golden plan-demo-lb-ports.csv "$T/out"
expect_status 0 lp --demo lb-ports --compare --format csv
expect_golden plan-demo-lb-compare.csv "$T/out"
expect_status 0 lp --demo lb-ports --compare --pool dirpool.contoso.com --wide
expect_golden plan-demo-lb-compare-dir.txt "$T/out"
expect_status 0 lp --demo clients --format csv
expect_golden plan-demo-clients.csv "$T/out"
expect_status 0 lp --demo check --wide
expect_golden plan-demo-check.txt "$T/out"
expect_status 0 lp --demo check --format csv
expect_golden plan-demo-check.csv "$T/out"

# ---- filters ----
count_rows() { echo $(($(wc -l <"$T/out") - 1)); }
expect_status 0 lp --demo ports --site Dublin --format csv
[ "$(count_rows)" -eq 27 ] || fail "--site Dublin: $(count_rows) rows, wanted 27"
grep -v '^site,' "$T/out" | grep -vq '^Dublin,' && fail "--site Dublin lists another site"
expect_status 0 lp --demo ports --role director --format csv
[ "$(count_rows)" -eq 12 ] || fail "--role director: $(count_rows) rows, wanted 12"
expect_status 0 lp --demo ports --pool FEPOOL.contoso.com --format csv
[ "$(count_rows)" -eq 99 ] || fail "--pool fepool: $(count_rows) rows, wanted 99"
expect_status 0 lp --demo lb-ports --pool dirpool.contoso.com --format csv
[ "$(count_rows)" -eq 4 ] || fail "lb-ports --pool dirpool: $(count_rows) rows, wanted 4"
expect_status 0 lp --demo clients --role device --format csv
[ "$(count_rows)" -eq 1 ] || fail "clients --role device: $(count_rows) rows, wanted 1"

# --contains keeps the rows with the text in a field, case ignored, as the
# interface's filter does; empty keeps them all.
for cmd in ports flows; do
	expect_status 0 lp --demo $cmd --format csv
	cp "$T/out" "$T/all.csv"
	for text in TLS tls 5061 3478 EdgePool ''; do
		expect_status 0 lp --demo $cmd --contains "$text" --format csv
		want=$(tail -n +2 "$T/all.csv" | grep -ci -- "$text")
		[ "$(count_rows)" -eq "$want" ] && [ "$want" -gt 0 ] ||
			fail "$cmd --contains '$text': $(count_rows) rows, wanted $want (not 0)"
	done
done
expect_status 0 lp --demo ports --server fe01.contoso.com --contains 5061 --format csv
[ "$(count_rows)" -eq 1 ] || fail "--server fe01 --contains 5061: $(count_rows) rows, wanted 1"
expect_status 0 lp --demo flows --contains no-such-text --format csv
[ "$(count_rows)" -eq 0 ] || fail "flows --contains no-such-text: $(count_rows) rows, wanted 0"

# An unknown name is refused, naming the option, rather than an empty table.
expect_status 3 lp --demo ports --site Nowhere
expect_err_match "^lyncplan: ports: --site: no site named 'Nowhere'$"
expect_status 3 lp --demo ports --pool nopool.contoso.com
expect_err_match "ports: --pool: no pool named 'nopool.contoso.com'"
expect_status 3 lp --demo ports --server fe09.contoso.com
expect_err_match "ports: --server: no server named 'fe09.contoso.com'"
expect_status 3 lp --demo ports --role sbas
expect_err_match "ports: --role: no role named 'sbas'"
expect_status 3 lp --demo lb-ports --compare --pool nopool.contoso.com
expect_err_match "lb-ports: --pool: no pool named"
expect_status 3 lp --demo clients --role nobody
expect_err_match "clients: --role: no role named 'nobody'"
[ -s "$T/out" ] && fail "a refused filter printed a table"
expect_status 2 lp --demo ports --format yaml
expect_err_match "unknown format 'yaml'"
expect_status 2 lp --demo ports extra
expect_err_match "ports: unexpected argument 'extra'"
expect_status 2 lp --demo check --pool fepool.contoso.com
expect_err_match "check: unknown option"

# -o writes the file whole; an existing file is kept unless --force.
expect_status 0 lp --demo lb-ports --format csv -o "$T/lb.csv"
expect_golden plan-demo-lb-ports.csv "$T/lb.csv"
[ -s "$T/out" ] && fail "-o also wrote to standard output"
expect_status 5 lp --demo ports --format csv -o "$T/lb.csv"
expect_golden plan-demo-lb-ports.csv "$T/lb.csv"

# ---- a scenario on a file ----
DB="$T/plan.db"
ok() { expect_status 0 lp --db "$DB" "$@"; }
ok site add HQ
ok site add Branch
ok pool add fe.example.com --site HQ --role front-end --lb dns
ok pool add med.example.com --site HQ --role mediation --lb hardware
ok pool add owa.example.com --site HQ --role office-web-apps
ok pool add chat.example.com --site Branch --role persistent-chat
ok server add fe1.example.com --pool fe.example.com --ip 192.0.2.1
ok server add fe2.example.com --pool fe.example.com --ip 192.0.2.2
ok server add med1.example.com --pool med.example.com --ip 192.0.2.5
ok server add med2.example.com --pool med.example.com --ip 192.0.2.5
ok server add owa1.example.com --pool owa.example.com
ok lb add hlb-med --vip 192.0.2.50 --pool med.example.com
ok feature on e911
ok feature on legacy-clients

expect_status 1 lp --db "$DB" check --wide
expect_golden plan-scenario-check.txt "$T/out"
[ -s "$T/err" ] && fail "check wrote to standard error"
expect_status 1 lp --db "$DB" check --format csv
expect_golden plan-scenario-check.csv "$T/out"
expect_status 0 lp --db "$DB" ports --format csv
expect_golden plan-scenario-ports.csv "$T/out"
expect_status 0 lp --db "$DB" lb-ports --format csv
expect_golden plan-scenario-lb-ports.csv "$T/out"
expect_status 0 lp --db "$DB" clients --format csv
expect_golden plan-scenario-clients.csv "$T/out"

# The views in the file give the same matrix to any SQLite tool.
if [ -n "${SQLITE3_BIN:-}" ]; then
	expect_status 0 lp --db "$DB" ports --format csv
	want=$(count_rows)
	got=$("$SQLITE3_BIN" "$DB" 'SELECT count(*) FROM port_matrix')
	[ "$got" = "$want" ] || fail "port_matrix view has $got rows, ports printed $want"
fi

# Fixing every error makes check exit 0.
ok lb add hlb-web --vip 192.0.2.10 --pool fe.example.com
ok server rm med2.example.com
ok server add med2.example.com --pool med.example.com --ip 192.0.2.6
ok pool set fe.example.com --cms
expect_status 0 lp --db "$DB" check
grep -q '^error' "$T/out" && fail "errors left after the fixes"
grep -q '^warning pool chat.example.com: the pool has no servers' "$T/out" ||
	fail "the empty pool is no longer reported"

finish
