#!/bin/sh
# The catalog command: every row of the internal servers' four tables and
# the perimeter tables, in CSV and text, the section filter, and the GNU
# conventions of --help, --version and usage errors.
. "$top_srcdir/tests/cli/lib.sh"

expect_status 0 lp catalog --format csv
expect_golden catalog.csv "$T/out"
# RFC 4180: every line ends in CRLF.
if [ "$(grep -c "$(printf '\r')\$" "$T/out")" -ne "$(wc -l <"$T/out")" ]; then
	fail "catalog CSV lines do not all end in CRLF"
fi
head -n 1 "$T/out" | tr -d '\r' >"$T/header"
[ "$(cat "$T/header")" = "section,role,service,ports,transport,protocol,notes,condition,source" ] ||
	fail "CSV header is '$(cat "$T/header")'"

expect_status 0 lp catalog --wide
expect_golden catalog.txt "$T/out"

# Row counts as the documents' tables have them (see db/catalog-edge.sql).
for section in server:52 hlb-only:20 hlb-dns:6 client:12 \
	edge-external:16 edge-internal:11 edge-federation:1 edge-public-im:6 edge-xmpp:3 \
	edge-hlb-external:11 edge-hlb-internal:8 edge-hlb-vip-external:8 \
	edge-hlb-vip-internal:6 edge-av-dest-only:4 edge-av-src-dest:4 \
	reverse-proxy-external:2 reverse-proxy-internal:3 sql-backend:5; do
	name=${section%%:*}
	rows=${section#*:}
	expect_status 0 lp catalog --section "$name" --format csv
	got=$(($(wc -l <"$T/out") - 1))
	[ "$got" -eq "$rows" ] || fail "section $name has $got rows, wanted $rows"
	if grep -v '^section,' "$T/out" | grep -vq "^$name,"; then
		fail "section $name lists rows of another section"
	fi
done

expect_status 0 lp catalog --format csv
[ "$(($(wc -l <"$T/out") - 1))" -eq 178 ] || fail "the catalog has $(($(wc -l <"$T/out") - 1)) rows, wanted 178"
expect_status 2 lp catalog --section edge
expect_err_match "catalog: --section must be server, hlb-only, hlb-dns, client, edge-external, .*, reverse-proxy-internal or sql-backend, not 'edge'"
expect_status 2 lp catalog --format yaml
expect_err_match "unknown format 'yaml'"
expect_status 2 lp catalog --bogus
expect_err_match "unknown option '--bogus'"
expect_status 2 lp --bogus
expect_err_match "unknown option '--bogus'"
expect_status 2 lp frobnicate
expect_err_match "unknown command 'frobnicate'"

expect_status 0 lp --help
grep -q '^Usage: lyncplan ' "$T/out" || fail "--help has no Usage line"
grep -q 'catalog \[--section' "$T/out" || fail "--help does not list catalog"
[ -s "$T/err" ] && fail "--help wrote to stderr"
expect_status 0 lp --version
head -n 1 "$T/out" | grep -Eq '^lyncplan [0-9]+\.[0-9]+\.[0-9]+$' || fail "--version first line"

# -o writes a file, refuses to replace it without --force, and stdout stays empty.
expect_status 0 lp catalog --format csv -o "$T/cat.csv"
[ -s "$T/out" ] && fail "-o FILE also wrote to stdout"
expect_golden catalog.csv "$T/cat.csv"
echo keep >"$T/keep.csv"
expect_status 5 lp catalog -o "$T/keep.csv"
expect_err_match "keep.csv: file exists \(use --force to replace it\)"
[ "$(cat "$T/keep.csv")" = keep ] || fail "an existing file was replaced without --force"
expect_status 0 lp catalog --format csv -o "$T/keep.csv" --force
expect_golden catalog.csv "$T/keep.csv"
ls "$T" | grep -q 'XXXXXX\|\.csv\.' && fail "a temporary file was left behind"

finish
