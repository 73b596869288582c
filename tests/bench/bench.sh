#!/bin/sh
# bench.sh - speed and memory of the derivation on a 1,000-pool,
# 10,000-server topology, against sqlite3 reading the same views.
# Usage: bench.sh LYNCPLAN FIRST_PAGE GEN_SQL SQLITE3 (run by `make bench`).
# Times are the best of RUNS runs; peak RSS the largest.
set -u
LYNCPLAN=$1 FIRST_PAGE=$2 GEN_SQL=$3 SQLITE3=${4:-}
RUNS=${RUNS:-5}

if [ -z "$SQLITE3" ] || ! command -v "$SQLITE3" >/dev/null 2>&1; then
	echo "bench: the sqlite3 program is needed (apt-get install sqlite3)" >&2
	exit 1
fi
GNU_TIME=/usr/bin/time
if ! "$GNU_TIME" -f '%e %M' true >/dev/null 2>&1; then
	echo "bench: GNU time is needed for peak memory (apt-get install time)" >&2
	exit 1
fi

D=$(mktemp -d "${TMPDIR:-/tmp}/lyncplan-bench.XXXXXX")
trap 'rm -rf "$D"' EXIT
DB="$D/bench.db"

"$LYNCPLAN" --db "$DB" catalog >/dev/null || exit 1
"$SQLITE3" "$DB" <"$GEN_SQL" || exit 1

# measure NAME CMD...: best time and largest RSS over RUNS runs, into
# $D/NAME as "SECONDS KB". CMD's exit status must be 0 or 1 (findings).
measure() {
	name=$1
	shift
	: >"$D/$name.runs"
	i=0
	while [ "$i" -lt "$RUNS" ]; do
		"$GNU_TIME" -f '%e %M' -o "$D/$name.one" "$@" >/dev/null
		rc=$?
		if [ "$rc" -gt 1 ]; then
			echo "bench: $* failed (exit $rc)" >&2
			exit 1
		fi
		tail -n 1 "$D/$name.one" >>"$D/$name.runs"
		i=$((i + 1))
	done
	awk 'NR == 1 || $1 < t { t = $1 } $2 > m { m = $2 } END { print t, m }' \
		"$D/$name.runs" >"$D/$name"
}

measure ports "$LYNCPLAN" --db "$DB" ports --format csv
measure sq_ports "$SQLITE3" -csv "$DB" 'SELECT * FROM port_matrix'
measure lb "$LYNCPLAN" --db "$DB" lb-ports --format csv
measure sq_lb "$SQLITE3" -csv "$DB" 'SELECT * FROM lb_ports'
measure compare "$LYNCPLAN" --db "$DB" lb-ports --compare --format csv
measure sq_compare "$SQLITE3" -csv "$DB" 'SELECT * FROM lb_compare'
measure check "$LYNCPLAN" --db "$DB" check --format csv

# The first screenful: best of RUNS runs as well.
: >"$D/page.runs"
i=0
while [ "$i" -lt "$RUNS" ]; do
	"$FIRST_PAGE" "$DB" >"$D/page.one" || exit 1
	awk '/^first-page/ { f = $2 } /^middle-page/ { m = $2 } /^rows/ { r = $2 }
	     END { print f, m, r }' "$D/page.one" >>"$D/page.runs"
	i=$((i + 1))
done

pools=$("$SQLITE3" "$DB" 'SELECT count(*) FROM pool')
servers=$("$SQLITE3" "$DB" 'SELECT count(*) FROM server')
size=$(($(wc -c <"$DB") / 1024))

{
	echo "pools $pools"; echo "servers $servers"; echo "size $size"
	for n in ports sq_ports lb sq_lb compare sq_compare check; do
		echo "$n $(cat "$D/$n")"
	done
	awk 'NR == 1 || $1 < f { f = $1 } NR == 1 || $2 < m { m = $2 } { r = $3 }
	     END { print "page", f, m, r }' "$D/page.runs"
} | awk '
	{ v[$1] = $2; w[$1] = $3; x[$1] = $4 }
	function row(label, n) {
		printf "%-52s %8.2f %14.1f\n", label, v[n], w[n] / 1024
	}
	END {
		printf "lyncplan benchmark: %d pools, %d servers, %d matrix rows, %d KB file\n\n",
			v["pools"], v["servers"], x["page"], v["size"]
		printf "%-52s %8s %14s\n", "command (best of runs)", "time (s)", "peak RSS (MB)"
		row("lyncplan ports --format csv", "ports")
		row("sqlite3 -csv FILE \"SELECT * FROM port_matrix\"", "sq_ports")
		row("lyncplan lb-ports --format csv", "lb")
		row("sqlite3 -csv FILE \"SELECT * FROM lb_ports\"", "sq_lb")
		row("lyncplan lb-ports --compare --format csv", "compare")
		row("sqlite3 -csv FILE \"SELECT * FROM lb_compare\"", "sq_compare")
		row("lyncplan check --format csv", "check")
		ratio = v["sq_ports"] > 0 ? v["ports"] / v["sq_ports"] : 0
		printf "\nports against sqlite3: %.2fx the time (target: at most 1.5x)\n", ratio
		printf "ports peak RSS: %.1f MB (target: under 16 MB)\n", w["ports"] / 1024
		printf "open + first 50 matrix rows: %.1f ms (target: under 50 ms)\n", v["page"]
		printf "50 rows resumed from the middle of the matrix: %.1f ms\n", w["page"]
	}'
