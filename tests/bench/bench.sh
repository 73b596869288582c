#!/bin/sh
# bench.sh - speed and memory of the commands on topologies of 10, 1,000
# and 10,000 servers, each beside sqlite3 doing the same reading or writing
# (the floor), and the interface's first frame and page-down on the largest,
# on a pseudo-terminal and in tmux.
# Usage: bench.sh LYNCPLAN BENCH_DIR GEN_SQL SQLITE3 (run by `make bench`);
# BENCH_DIR holds the measure, check-sql, tui-frame, tmux-frame and
# first-page programs.
# Each command and its floor run in turn, RUNS times each: times are the
# best, peak RSS the largest; SIZES sets the topology sizes. It prints
# figures and flags; it asserts nothing.
set -u
LYNCPLAN=$1 BIN=$2 GEN_SQL=$3 SQLITE3=${4:-}
RUNS=${RUNS:-5}
SIZES=${SIZES:-10 1000 10000}

if [ -z "$SQLITE3" ] || ! command -v "$SQLITE3" >/dev/null 2>&1; then
	echo "bench: the sqlite3 program is needed (apt-get install sqlite3)" >&2
	exit 1
fi

D=$(mktemp -d "${TMPDIR:-/tmp}/lyncplan-bench.XXXXXX")
trap 'rm -rf "$D"' EXIT
"$BIN/check-sql" >"$D/check.sql" || exit 1

# measure NAME N CMD... -- FLOOR...: the command and its floor run in
# turn RUNS times each (the best time and the largest RSS of each go to
# $D/results as "NAME N MS KB" and "NAME-floor N MS KB"). $REMOVE, when
# set, is a file removed before every run.
measure() {
	name=$1 size=$2
	shift 2
	if [ -n "${REMOVE:-}" ]; then
		"$BIN/measure" -r "$REMOVE" "$RUNS" "$D/one" "$@" >/dev/null || exit 1
	else
		"$BIN/measure" "$RUNS" "$D/one" "$@" >/dev/null || exit 1
	fi
	read -r ms kb floor_ms floor_kb <"$D/one"
	echo "$name $size $ms $kb" >>"$D/results"
	echo "$name-floor $size $floor_ms $floor_kb" >>"$D/results"
}

# bench_size N: every command and its floor on a topology of N servers.
bench_size() {
	n=$1 db="$D/bench-$1.db"
	"$LYNCPLAN" --db "$db" catalog >/dev/null || exit 1
	{ echo "CREATE TEMP TABLE bench_size AS SELECT $n AS servers;"; cat "$GEN_SQL"; } |
		"$SQLITE3" "$db" || exit 1
	"$LYNCPLAN" --db "$db" export-topology >"$D/topo-$n.json" || exit 1
	"$SQLITE3" "$db" .dump >"$D/dump-$n.sql" || exit 1
	tables="SELECT * FROM site ORDER BY name; SELECT * FROM pool ORDER BY fqdn;
		SELECT * FROM server ORDER BY fqdn; SELECT * FROM load_balancer ORDER BY name;
		SELECT * FROM lb_pool; SELECT * FROM feature WHERE enabled = 1 ORDER BY name"

	measure ports "$n" "$LYNCPLAN" --db "$db" ports --format csv \
		-- "$SQLITE3" -csv "$db" 'SELECT * FROM port_matrix'
	# The firewall formats read the same rows as csv, so the same floor.
	for f in nft ps1 netsh; do
		measure "ports-$f" "$n" "$LYNCPLAN" --db "$db" ports --format "$f" \
			-- "$SQLITE3" -csv "$db" 'SELECT * FROM port_matrix'
	done
	measure lb "$n" "$LYNCPLAN" --db "$db" lb-ports --format csv \
		-- "$SQLITE3" -csv "$db" 'SELECT * FROM lb_ports'
	measure compare "$n" "$LYNCPLAN" --db "$db" lb-ports --compare --format csv \
		-- "$SQLITE3" -csv "$db" 'SELECT * FROM lb_compare'
	measure check "$n" "$LYNCPLAN" --db "$db" check --format csv \
		-- "$SQLITE3" -csv "$db" "$(cat "$D/check.sql")"
	measure export "$n" "$LYNCPLAN" --db "$db" export-topology \
		-- "$SQLITE3" -json "$db" "$tables"
	REMOVE="$D/new.db"
	measure import "$n" "$LYNCPLAN" --db "$D/new.db" import-topology "$D/topo-$n.json" \
		-- "$SQLITE3" "$D/new.db" ".read $D/dump-$n.sql"
	REMOVE=
	# Last: its sort spills to temporary files, whose write-back would
	# slow the commands after it.
	measure flows "$n" "$LYNCPLAN" --db "$db" flows --format csv \
		-- "$SQLITE3" -csv "$db" 'SELECT "from", from_addresses, from_zone, "to",
			to_addresses, to_zone, direction, ports, transport, protocol, why,
			condition, source FROM flow_rules'
	echo "file $n $(($(wc -c <"$db") / 1024)) $("$SQLITE3" "$db" \
		'SELECT count(*) FROM pool') $("$SQLITE3" "$db" 'SELECT count(*) FROM port_matrix')" \
		>>"$D/results"
}

# Gathers runs of "NAME MS [WORST]": b[NAME] the best MS, w[NAME] the
# worst WORST; the start of the awk programs that read tui-frame,
# first-page and tmux-frame.
BEST_WORST='
	function best(k, v) { if (!(k in b) || v < b[k]) b[k] = v }
	function worst(k, v) { if (!(k in w) || v > w[k]) w[k] = v }
	{ best($1, $2); if (NF > 2) worst($1, $3) }'

# bench_tui N: the interface on a pseudo-terminal, and the core's first
# page, on a topology of N servers (built by bench_size).
bench_tui() {
	db="$D/bench-$1.db"
	: >"$D/tui.runs"
	: >"$D/page.runs"
	i=0
	while [ "$i" -lt "$RUNS" ]; do
		"$BIN/tui-frame" "$LYNCPLAN" "$db" >>"$D/tui.runs" || exit 1
		"$BIN/first-page" "$db" >>"$D/page.runs" || exit 1
		i=$((i + 1))
	done
	awk -v n="$1" "$BEST_WORST"'
		END {
			print "tui", n, b["first-frame"], b["ports-view"], b["pgdn-topology"],
			      w["pgdn-topology"], b["pgdn-ports"], w["pgdn-ports"],
			      b["first-page"], b["middle-page"]
		}' "$D/tui.runs" "$D/page.runs" >>"$D/results"
}

# bench_tmux N: the interface in tmux (tmux-frame) on the topology of N
# servers, when tmux is there.
bench_tmux() {
	command -v tmux >/dev/null 2>&1 || return 0
	: >"$D/tmux.runs"
	i=0
	while [ "$i" -lt "$RUNS" ]; do
		"$BIN/tmux-frame" "$LYNCPLAN" "$D/bench-$1.db" >>"$D/tmux.runs" || return 0
		i=$((i + 1))
	done
	awk "$BEST_WORST"'
		END {
			print "tmux", b["tmux-first-frame"], b["tmux-screen"], b["tmux-pgdn"],
			      w["tmux-pgdn"], b["tmux-key"], w["tmux-key"]
		}' "$D/tmux.runs" >>"$D/results"
}

: >"$D/results"
load0=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)
largest=0
for n in $SIZES; do
	bench_size "$n"
	[ "$n" -gt "$largest" ] && largest=$n
done
bench_tui "$largest"
bench_tmux "$largest"

machine="$(uname -m), $(getconf _NPROCESSORS_ONLN 2>/dev/null || echo ?) cores, load average $load0 at the start, $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null) at the end"
awk -v machine="$machine" -v runs="$RUNS" -v smallest="$(echo $SIZES | cut -d' ' -f1)" -v largest="$largest" '
	$1 == "file" { kb[$2] = $3; pools[$2] = $4; rows[$2] = $5; sizes[++ns] = $2; next }
	$1 == "tui" { for (i = 3; i <= NF; i++) tui[i - 2] = $i; next }
	$1 == "tmux" { for (i = 2; i <= NF; i++) tmux[i - 1] = $i; next }
	{ ms[$1, $2] = $3; rss[$1, $2] = $4 }
	function row(cmd, label, streamed,   i, n, r) {
		for (i = 1; i <= ns; i++) {
			n = sizes[i]
			r = ms[cmd "-floor", n] > 0 ? ms[cmd, n] / ms[cmd "-floor", n] : 0
			printf "%-26s %6d %9.1f %9.1f %6.2fx %-5s %8.1f %8.1f\n",
				i == 1 ? label : "", n, ms[cmd, n], ms[cmd "-floor", n], r,
				r <= 1.5 ? "ok" : "MISS", rss[cmd, n] / 1024, rss[cmd "-floor", n] / 1024
		}
	}
	function growth(cmd, label,   g, f) {
		g = (rss[cmd, largest] - rss[cmd, smallest]) / 1024
		f = (rss[cmd "-floor", largest] - rss[cmd "-floor", smallest]) / 1024
		printf "%-26s %+6.1f MB (floor %+5.1f MB)  %s\n", label, g, f,
			g <= f + 2 ? "flat" : "GROWS"
	}
	function flag(v, target) { return v < target ? "ok" : "MISS" }
	END {
		printf "lyncplan benchmark: best of %d runs (time), largest of them (peak RSS)\n", runs
		printf "  %s\n", machine
		for (i = 1; i <= ns; i++)
			printf "  %6d servers: %5d pools, %7d matrix rows, %6d KB file\n",
				sizes[i], pools[sizes[i]], rows[sizes[i]], kb[sizes[i]]
		printf "\n%-26s %6s %9s %9s %7s %-5s %8s %8s\n", "command", "srv", "ms",
			"floor ms", "ratio", "1.5x", "MB", "floor MB"
		row("ports", "ports --format csv")
		row("ports-nft", "ports --format nft")
		row("ports-ps1", "ports --format ps1")
		row("ports-netsh", "ports --format netsh")
		row("lb", "lb-ports --format csv")
		row("compare", "lb-ports --compare")
		row("flows", "flows --format csv")
		row("check", "check --format csv")
		row("export", "export-topology")
		row("import", "import-topology (new)")
		printf "\nfloors: sqlite3 -csv reading the view port_matrix, lb_ports, lb_compare, flow_rules\n"
		printf "  (port_matrix also for ports in nft, ps1 and netsh: the rows they group);\n"
		printf "  for check, sqlite3 -csv running the same queries (check-sql prints them);\n"
		printf "  for export-topology, sqlite3 -json of the topology tables;\n"
		printf "  for import-topology, sqlite3 building a new file from a .dump of the\n"
		printf "  same file (schema, catalog and topology rows) read as SQL text.\n"
		printf "\npeak RSS from %d to %d servers, streamed outputs; flat: it grows no\n",
			smallest, largest
		printf "more than sqlite3 reading the same rows plus SQLite\047s page cache (2 MB\n"
		printf "by default), which keeps the pages quick_check reads at open:\n"
		growth("ports", "ports --format csv")
		growth("lb", "lb-ports --format csv")
		growth("compare", "lb-ports --compare")
		growth("flows", "flows --format csv")
		growth("check", "check --format csv")
		printf "held whole (not streamed): export-topology %+.1f MB, import-topology %+.1f MB,\n",
			(rss["export", largest] - rss["export", smallest]) / 1024,
			(rss["import", largest] - rss["import", smallest]) / 1024
		printf "  ports in nft %+.1f MB, ps1 %+.1f MB, netsh %+.1f MB (grouped per server or pool)\n",
			(rss["ports-nft", largest] - rss["ports-nft", smallest]) / 1024,
			(rss["ports-ps1", largest] - rss["ports-ps1", smallest]) / 1024,
			(rss["ports-netsh", largest] - rss["ports-netsh", smallest]) / 1024
		printf "\ninterface at %d servers, 80x24 pseudo-terminal (tui-frame), ms:\n", largest
		printf "  start to first full frame            %8.1f  target < 50  %s\n",
			tui[1], flag(tui[1], 50)
		printf "  PgDn in Topology, median (worst)     %8.2f (%.2f)  target < 5  %s\n",
			tui[3], tui[4], flag(tui[3], 5)
		printf "  switch to Ports (reads the matrix)   %8.1f\n", tui[2]
		printf "  PgDn in Ports, median (worst)        %8.2f (%.2f)  target < 5  %s\n",
			tui[5], tui[6], flag(tui[5], 5)
		printf "  core only: open + first 50 matrix rows %6.1f, 50 rows from the middle %.1f\n",
			tui[7], tui[8]
		if (!(1 in tmux)) {
			printf "\nthe interface in tmux: not measured (no tmux, or tmux-frame failed)\n"
			exit
		}
		printf "\ninterface at %d servers in an 80x24 tmux pane (tmux-frame), ms;\n", largest
		printf "in brackets what tmux and the polling take: cat printing the same\n"
		printf "frame, a key echoed by the terminal:\n"
		printf "  start to first full frame            %8.1f  (%.1f)  target < 50  %s\n",
			tmux[1], tmux[2], flag(tmux[1], 50)
		printf "  PgDn in Topology, median (worst)     %8.2f (%.2f)  (%.2f)  target < 5  %s\n",
			tmux[3], tmux[4], tmux[5], flag(tmux[3], 5)
	}' "$D/results"
