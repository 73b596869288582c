# tests/cli/lib.sh - shared by the shell tests: a scratch directory, the
# program under test, and assertions that print what differed.
# Usage: . "$top_srcdir/tests/cli/lib.sh" at the top of a test script.

set -u
: "${LYNCPLAN:?LYNCPLAN must name the program under test}"
: "${top_srcdir:?top_srcdir must name the source tree}"

T=$(mktemp -d "${TMPDIR:-/tmp}/lyncplan-test.XXXXXX")
trap 'chmod -R u+w "$T" 2>/dev/null; rm -rf "$T"' EXIT
GOLDEN="$top_srcdir/tests/golden"
failures=0

# Pin what affects output.
export LC_ALL=C.UTF-8 TZ=UTC NO_COLOR=1
export HOME="$T/home" XDG_DATA_HOME="$T/data"
mkdir -p "$HOME"

# LYNCPLAN_RUN (make check-valgrind) runs the program under a checker.
# shellcheck disable=SC2086
lp() { ${LYNCPLAN_RUN:-} "$LYNCPLAN" "$@"; }

fail() {
	echo "FAIL: $*" >&2
	failures=$((failures + 1))
}

# expect_status WANT CMD...: runs CMD, keeps stdout in $T/out and stderr in
# $T/err, and fails unless it exits with WANT.
expect_status() {
	want=$1
	shift
	"$@" >"$T/out" 2>"$T/err"
	got=$?
	if [ "$got" -ne "$want" ]; then
		fail "exit $got, wanted $want: $*"
		sed 's/^/  stderr: /' "$T/err" >&2
	fi
}

# expect_err_match REGEX: stderr of the last expect_status matches REGEX
# and is exactly one line.
expect_err_match() {
	if ! grep -Eq -- "$1" "$T/err"; then
		fail "stderr does not match /$1/"
		sed 's/^/  stderr: /' "$T/err" >&2
	fi
	if [ "$(wc -l <"$T/err")" -ne 1 ]; then
		fail "stderr is not one line"
		sed 's/^/  stderr: /' "$T/err" >&2
	fi
}

# expect_golden NAME FILE: FILE equals tests/golden/NAME byte for byte.
# With LYNCPLAN_UPDATE_GOLDEN=1 the golden file is rewritten instead.
expect_golden() {
	if [ "${LYNCPLAN_UPDATE_GOLDEN:-0}" = 1 ]; then
		cp "$2" "$GOLDEN/$1"
		return
	fi
	if ! cmp -s "$GOLDEN/$1" "$2"; then
		fail "output differs from tests/golden/$1"
		diff -u "$GOLDEN/$1" "$2" | head -40 >&2
	fi
}

# expect_same_bytes A B: two files are byte-identical.
expect_same_bytes() {
	cmp -s "$1" "$2" || fail "$1 changed"
}

# finish: the exit status of the test script.
finish() {
	if [ "$failures" -ne 0 ]; then
		echo "$failures failure(s)" >&2
		exit 1
	fi
	exit 0
}

# make_old FILE VERSION FROM [HISTORY]: FILE, a file of the older schema
# VERSION (1 to 3) that FROM's topology was written into, built from the
# SQL that version ran: db/history/HISTORY for version 1 when given, else
# the files of db/. Needs $SQLITE3_BIN.
make_old() {
	{
		echo "BEGIN;"
		if [ -n "${4:-}" ]; then
			cat "$top_srcdir/db/history/$4"
		else
			cat "$top_srcdir/db/schema.sql"
		fi
		cat "$top_srcdir/db/catalog.sql" "$top_srcdir/db/catalog-edge.sql" \
			"$top_srcdir/db/catalog-flow.sql"
		[ "$2" -ge 2 ] && cat "$top_srcdir/db/flows.sql"
		[ "$2" -ge 3 ] && cat "$top_srcdir/db/migrate-3.sql"
		echo "ATTACH '$3' AS cur;
			INSERT INTO site SELECT * FROM cur.site;
			INSERT INTO pool SELECT id, fqdn, site_id, role, edition, lb,
				collocated_mediation, cms, edge_external FROM cur.pool;
			INSERT INTO server SELECT * FROM cur.server;
			INSERT INTO load_balancer SELECT id, name, vip FROM cur.load_balancer;
			INSERT INTO lb_pool SELECT * FROM cur.lb_pool;
			UPDATE feature SET enabled = (SELECT enabled FROM cur.feature f
				WHERE f.name = feature.name);"
		[ "$2" -ge 3 ] && echo "
			UPDATE topology_info SET name = (SELECT name FROM cur.topology_info);
			INSERT INTO zone_prefix SELECT * FROM cur.zone_prefix;
			INSERT INTO peer SELECT * FROM cur.peer;
			INSERT INTO peer_address SELECT * FROM cur.peer_address;"
		echo "PRAGMA application_id = 1283026531; PRAGMA user_version = $2; COMMIT;"
	} | "$SQLITE3_BIN" "$1"
}
