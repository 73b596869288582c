#!/bin/sh
# Files the program must not damage: each broken, foreign, newer or
# unwritable file makes a command fail with one line naming the file, exit
# status 4, and leaves the file byte-identical; writes refused by a full
# disk (tests/faults/full-disk: a SQLite VFS that runs out of room) leave
# it as it was, too.
. "$top_srcdir/tests/cli/lib.sh"

# no_side_files FILE WHAT: FILE has no journal, -wal or -shm beside it.
no_side_files() {
	for side in journal wal shm; do
		[ -e "$1-$side" ] && fail "$2 left $1-$side behind"
	done
}

# refused FILE CAUSE CMD...: CMD on FILE exits 4 with one line naming FILE
# and CAUSE, and FILE keeps its bytes (or stays absent) and gains no
# journal, -wal or -shm.
refused() {
	file=$1 cause=$2
	shift 2
	if [ -e "$file" ]; then cp -p "$file" "$T/before"; else rm -f "$T/before"; fi
	expect_status 4 lp --db "$file" "$@"
	expect_err_match "^lyncplan: $file: .*($cause)"
	if [ -e "$T/before" ]; then
		expect_same_bytes "$file" "$T/before"
	elif [ -e "$file" ]; then
		fail "$* created $file"
	fi
	no_side_files "$file" "$*"
	ls "$T/" | grep -q '\.new-' && fail "$* left a half-made file behind"
}

# Every broken file is refused by a command that reads and one that writes.
refused_rw() {
	refused "$1" "$2" site list
	refused "$1" "$2" site add Paris
}

expect_status 0 lp --db "$T/good.db" site add HQ --description 'head office'
size=$(wc -c <"$T/good.db")

: >"$T/empty.db"
refused_rw "$T/empty.db" "empty file"

# Truncated: to the header, by one page, and by one byte (the lost tail
# of the last page is zeros, so SQLite itself would not notice).
for keep in 100 $((size - 4096)) $((size - 1)); do
	head -c "$keep" "$T/good.db" >"$T/cut$keep.db"
	refused_rw "$T/cut$keep.db" "corrupt|truncated"
done

head -c 8192 /dev/urandom >"$T/random.db"
refused_rw "$T/random.db" "not a SQLite database|corrupt"

if [ -n "${SQLITE3_BIN:-}" ]; then
	"$SQLITE3_BIN" "$T/other.db" 'CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES (1)'
	refused_rw "$T/other.db" "not a lyncplan database"
	cp "$T/good.db" "$T/newer.db"
	"$SQLITE3_BIN" "$T/newer.db" 'PRAGMA user_version = 999'
	refused_rw "$T/newer.db" "written by a newer lyncplan"
	# A catalog port changed past the schema's CHECK rules (constraints
	# off): a firewall script must never carry it, so the file is refused.
	cp "$T/good.db" "$T/tampered.db"
	"$SQLITE3_BIN" "$T/tampered.db" 'PRAGMA ignore_check_constraints = 1;
		UPDATE catalog SET port_hi = 70000 WHERE id = (SELECT min(id) FROM catalog)'
	refused_rw "$T/tampered.db" "corrupt"
	refused "$T/tampered.db" "corrupt" ports --format nft
	# Every rule that lists the values a column allows, on the catalog,
	# the derivation's tables and the topology: one value outside the list.
	expect_status 0 lp --db "$T/good.db" pool add pool.contoso.com --site HQ \
		--role director
	for change in "catalog SET section = 'edge'" "catalog SET transport = 'SCTP'" \
		"catalog SET condition = 'never'" "pool SET role = 'gateway'" \
		"pool SET lb = 'round-robin'" "flow_end SET zone = 'dmz'" \
		"flow_end SET addresses = 'vips'" \
		"section_mode SET lb = 'anycast' WHERE section = 'server' AND lb = 'dns'"; do
		cp "$T/good.db" "$T/tampered.db"
		"$SQLITE3_BIN" "$T/tampered.db" "PRAGMA ignore_check_constraints = 1;
			UPDATE $change"
		refused "$T/tampered.db" "corrupt" site list
	done
	# The file's own code: a trigger that removes every server on `site
	# add`, the flows view replaced by one that never ends, a CHECK rule
	# taken away through writable_schema. None of it runs: the schema is
	# not lyncplan's, so the file is refused before any query of it.
	expect_status 0 lp --db "$T/good.db" server add fe1.contoso.com --pool pool.contoso.com
	for change in "CREATE TRIGGER wipe AFTER INSERT ON site BEGIN DELETE FROM server; END" \
		"DROP VIEW flows; CREATE VIEW flows AS WITH RECURSIVE r(n) AS (SELECT 1
			UNION ALL SELECT n + 1 FROM r) SELECT '' AS \"from\", '' AS from_name,
			'' AS from_addresses, '' AS \"to\", '' AS to_name, '' AS to_addresses,
			'' AS direction, '' AS ports, '' AS transport, '' AS protocol, '' AS why,
			'' AS condition, '' AS source, n AS port_lo, n AS port_hi
			FROM r WHERE n < 0" \
		"PRAGMA writable_schema = ON; UPDATE sqlite_schema SET sql =
			replace(sql, 'CHECK (port_lo BETWEEN 1 AND 65535)', '') WHERE name = 'catalog'"; do
		cp "$T/good.db" "$T/tampered.db"
		"$SQLITE3_BIN" "$T/tampered.db" "$change"
		cmp -s "$T/good.db" "$T/tampered.db" && fail "not tampered with: $change"
		refused_rw "$T/tampered.db" "not a lyncplan file or tampered with"
		refused "$T/tampered.db" "not a lyncplan file or tampered with" flows
	done
	"$SQLITE3_BIN" "$T/tampered.db" 'SELECT count(*) FROM server' >"$T/servers"
	[ "$(cat "$T/servers")" = 1 ] || fail "the tampered file lost its server"
	# ANALYZE adds SQLite's statistics (sqlite_stat1; sqlite_stat4 where
	# SQLite is built with it): data for its query planner, no part of the
	# schema. The file is read and written as before; a statistics table
	# of another definition is still refused.
	cp "$T/good.db" "$T/analyzed.db"
	"$SQLITE3_BIN" "$T/analyzed.db" 'ANALYZE'
	[ "$("$SQLITE3_BIN" "$T/analyzed.db" "SELECT count(*) FROM sqlite_schema
		WHERE name = 'sqlite_stat1'")" = 1 ] || fail "ANALYZE made no sqlite_stat1"
	expect_status 0 lp --db "$T/analyzed.db" server list --format csv
	grep -q ',fe1\.contoso\.com,' "$T/out" || fail "the analyzed file lost its server"
	expect_status 0 lp --db "$T/analyzed.db" site add Branch
	expect_status 0 lp --db "$T/analyzed.db" site list --format csv
	grep -q '^Branch,' "$T/out" || fail "the analyzed file took no site"
	"$SQLITE3_BIN" "$T/analyzed.db" "PRAGMA writable_schema = ON; UPDATE sqlite_schema
		SET sql = 'CREATE TABLE sqlite_stat1(tbl,idx,stat,more)' WHERE name = 'sqlite_stat1'"
	refused "$T/analyzed.db" "not a lyncplan file or tampered with" site list
else
	echo "sqlite3 not found: foreign, newer and tampered files not tested" >&2
fi

# The file is in WAL mode, and stands alone once closed.
if [ -n "${SQLITE3_BIN:-}" ]; then
	[ "$("$SQLITE3_BIN" "$T/good.db" 'PRAGMA journal_mode')" = wal ] ||
		fail "the file is not in WAL mode"
fi
no_side_files "$T/good.db" "the edits"

# Read-only file: reads work (in WAL mode too, with nothing made beside
# it), writes are refused.
cp "$T/good.db" "$T/ro.db"
chmod 444 "$T/ro.db"
expect_status 0 lp --db "$T/ro.db" site list
grep -q '^HQ ' "$T/out" || fail "site list on a read-only file lost HQ"
no_side_files "$T/ro.db" "site list on a read-only file"
expect_status 0 lp --db "$T/ro.db" flows --format csv
no_side_files "$T/ro.db" "flows on a read-only file"
refused "$T/ro.db" "read-only" site add Paris
refused "$T/ro.db" "read-only" site rm HQ
chmod 644 "$T/ro.db"

# Read-only directory: SQLite needs it for the journal of any write.
mkdir "$T/ro-dir"
cp "$T/good.db" "$T/ro-dir/plan.db"
chmod 555 "$T/ro-dir"
expect_status 0 lp --db "$T/ro-dir/plan.db" site list
grep -q '^HQ ' "$T/out" || fail "site list in a read-only directory lost HQ"
no_side_files "$T/ro-dir/plan.db" "site list in a read-only directory"
refused "$T/ro-dir/plan.db" "directory is read-only" site add Paris
refused "$T/ro-dir/new.db" "directory is read-only" site add Paris
chmod 755 "$T/ro-dir"
refused "$T/no-such-dir/plan.db" "no such directory" site add Paris

# Under valgrind (make check-valgrind), where each run is slow, in fewer steps.
if [ -n "${LYNCPLAN_RUN:-}" ]; then SLOW=4; else SLOW=1; fi

# Full disk: the command gets `room` bytes of new space in all (journal and
# file growth), for every room from none up to what it needs, in steps.
# Each attempt fails cleanly, the file unchanged, until one succeeds.
full_disk() { # FILE STEP CMD...
	file=$1 step=$2 room=0 tries=0
	shift 2
	while :; do
		if [ -e "$file" ]; then cp -p "$file" "$T/before"; else rm -f "$T/before"; fi
		${LYNCPLAN_RUN:-} "$FULL_DISK" "$room" --db "$file" "$@" >"$T/out" 2>"$T/err"
		got=$?
		[ "$got" -eq 0 ] && break
		tries=$((tries + 1)) attempts=$((attempts + 1))
		if [ "$got" -ne 4 ]; then
			fail "full disk, $room bytes: exit $got, wanted 4: $*"
			sed 's/^/  stderr: /' "$T/err" >&2
			return
		fi
		expect_err_match "^lyncplan: $file: .*the disk is full"
		if [ -e "$T/before" ]; then
			expect_same_bytes "$file" "$T/before"
		elif [ -e "$file" ]; then
			# Created whole (its own transaction), then the edit failed.
			lp --db "$file" site list >"$T/sites.txt" 2>&1 &&
				[ "$(wc -l <"$T/sites.txt")" -eq 1 ] ||
				fail "full disk, $room bytes: $file created unsound or not empty"
			rm "$file"
		fi
		no_side_files "$file" "full disk, $room bytes:"
		[ "$room" -gt 1048576 ] && { fail "$* never succeeded"; return; }
		room=$((room + step))
	done
	[ "$tries" -gt 0 ] || fail "full disk: $* did not fail without room"
}

# Sites with long descriptions until the file has had to grow twice: the
# attempts then also fail while writing the file itself, after its journal.
attempts=0
cp "$T/good.db" "$T/full.db"
long=$(printf '%0250d' 0)
grew=0 i=0
while [ "$grew" -lt 2 ] && [ "$i" -lt 60 ]; do
	i=$((i + 1))
	was=$(wc -c <"$T/full.db")
	full_disk "$T/full.db" $((2048 * SLOW)) site add "S$i" --description "$long"
	# A -wal that a full disk kept from folding into the file at the end
	# holds the edit, and the next program to close the file folds it.
	lp --db "$T/full.db" site list >"$T/sites.txt"
	no_side_files "$T/full.db" "site list after a full disk"
	grep -q "^S$i " "$T/sites.txt" || fail "full disk: site S$i missing after success"
	[ "$(wc -c <"$T/full.db")" -gt "$was" ] && grew=$((grew + 1))
done
[ "$grew" -eq 2 ] || fail "full disk: the file grew $grew times, not 2"
[ "$(grep -c '^S' "$T/sites.txt")" -eq "$i" ] || fail "full disk: a failed add left a site"

# Creating a new file needs room for the whole schema and catalog; a
# failure leaves no file (or, when only the edit after it failed, the new
# file sound and empty), so the next try starts anew.
full_disk "$T/new-full.db" $((16384 * SLOW)) site add Paris
expect_status 0 lp --db "$T/new-full.db" site list
grep -q '^Paris ' "$T/out" || fail "full disk: Paris missing from the new file"
ls "$T/" | grep -q '\.new-' && fail "full disk: a half-made file was left behind"
echo "full disk: $attempts attempts refused cleanly"

finish
