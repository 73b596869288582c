#!/bin/sh
# Crash safety: 1,000 edits through the program, each killed with SIGKILL
# at a random moment (or not, when it finishes first). Afterwards the file
# passes integrity_check, every edit reported done (exit 0) is in it, every
# edit reported failed left no trace, and a killed edit is whole or absent.
# Usage (make stress): LYNCPLAN=PROG top_srcdir=DIR sh crash.sh [EDITS [SEED]]
. "$top_srcdir/tests/cli/lib.sh"

EDITS=${1:-1000}
SEED=${2:-$(date +%s)}
DB="$T/plan.db"
LEDGER="$T/ledger"
echo "crash: $EDITS edits, seed $SEED"

# Kill delays in seconds, uniform over 0-40 ms: a command takes some 10 ms,
# so kills land in start-up, in the transaction and in the commit.
awk -v n="$EDITS" -v seed="$SEED" \
	'BEGIN { srand(seed); for (i = 0; i < n; i++) printf "%.4f\n", rand() * 0.04 }' >"$T/delays"

# edit N WORDS...: runs the edit, kills it after the Nth delay, and writes
# "N STATUS" to the ledger (137 when the kill came first). The kill goes to
# our own child before it is reaped, so its process id cannot be reused.
edit() {
	e=$1
	shift
	"$LYNCPLAN" --db "$DB" "$@" >/dev/null 2>>"$T/stderr" &
	pid=$!
	sleep "$(sed -n "${e}p" "$T/delays")"
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	echo "$e $?" >>"$LEDGER"
}

# Units of five edits: a site, its Mediation pool, two servers, then
# either the site removed with everything in it (odd units) or a server.
n=0 u=0
expect_status 0 "$LYNCPLAN" --db "$DB" site add HQ
while [ "$n" -lt "$EDITS" ]; do
	u=$((u + 1))
	edit $((n + 1)) site add "S$u"
	edit $((n + 2)) pool add "p$u.contoso.com" --site "S$u" --role mediation
	edit $((n + 3)) server add "a$u.contoso.com" --pool "p$u.contoso.com" --ip "10.2.$((u / 250)).$((u % 250))"
	edit $((n + 4)) server add "b$u.contoso.com" --pool "p$u.contoso.com"
	if [ $((u % 2)) -eq 1 ]; then
		edit $((n + 5)) site rm --force "S$u"
	else
		edit $((n + 5)) server rm "a$u.contoso.com"
	fi
	n=$((n + 5))
done

# What the file holds.
expect_status 0 "$LYNCPLAN" --db "$DB" site list --format csv
cut -d, -f1 "$T/out" >"$T/has.sites"
expect_status 0 "$LYNCPLAN" --db "$DB" pool list --format csv
cut -d, -f2 "$T/out" >"$T/has.pools"
expect_status 0 "$LYNCPLAN" --db "$DB" server list --format csv
cut -d, -f2 "$T/out" >"$T/has.servers"
has() { grep -qx -- "$2" "$T/has.$1" && echo yes || echo no; }

# A killed edit may leave a -wal (with what it committed) and a -shm; the
# commands above, closing cleanly, fold it in and remove them.
for side in wal shm; do
	[ -e "$DB-$side" ] && fail "$DB-$side left behind after clean runs"
done
if [ -n "${SQLITE3_BIN:-}" ]; then
	check=$("$SQLITE3_BIN" "$DB" 'PRAGMA integrity_check')
	[ "$check" = ok ] || fail "integrity_check: $check"
	echo "integrity_check: $check"
fi

# Replays the ledger unit by unit. A state is yes, no, or ? after a kill.
status() { sed -n "${1}p" "$LEDGER" | cut -d' ' -f2; }
after() { # STATUS STATE-IF-DONE STATE-BEFORE
	case $1 in 0) echo "$2" ;; 137) echo '?' ;; *) echo "$3" ;; esac
}
expect() { # WHAT KIND NAME STATE
	[ "$4" = '?' ] && return
	got=$(has "$2" "$3")
	[ "$got" = "$4" ] || fail "$1: $2 $3 is '$got', wanted '$4'"
}
done_n=0 killed=0 failed=0 whole_removed=0 whole_kept=0
u=0 n=0
while [ "$n" -lt "$EDITS" ]; do
	u=$((u + 1))
	for k in 1 2 3 4 5; do
		eval "st$k=\$(status $((n + k)))"
		eval "s=\$st$k"
		case $s in 0) done_n=$((done_n + 1)) ;; 137) killed=$((killed + 1)) ;;
		*) failed=$((failed + 1)) ;; esac
		[ "$s" -eq 4 ] && fail "edit $((n + k)) hit a database error (exit 4)"
	done
	site=$(after "$st1" yes no)
	pool=$(after "$st2" yes no)
	a=$(after "$st3" yes no)
	b=$(after "$st4" yes no)
	if [ $((u % 2)) -eq 1 ]; then
		if [ "$st5" -eq 0 ]; then
			site=no pool=no a=no b=no
		elif [ "$st5" -eq 137 ]; then
			# Whole or nothing: the site gone with all it held, or all kept.
			if [ "$(has sites "S$u")" = no ]; then
				[ "$(has pools "p$u.contoso.com")$(has servers "a$u.contoso.com")$(has servers "b$u.contoso.com")" = nonono ] ||
					fail "unit $u: a killed 'site rm --force' was half done"
				whole_removed=$((whole_removed + 1))
				site=no pool=no a=no b=no
			else
				whole_kept=$((whole_kept + 1))
			fi
		fi
	else
		a=$(after "$st5" no "$a")
	fi
	expect "unit $u" sites "S$u" "$site"
	expect "unit $u" pools "p$u.contoso.com" "$pool"
	expect "unit $u" servers "a$u.contoso.com" "$a"
	expect "unit $u" servers "b$u.contoso.com" "$b"
	n=$((n + 5))
done
echo "crash: $done_n reported done, $killed killed, $failed refused;" \
	"killed removals: $whole_removed whole, $whole_kept not begun"
grep -v '^lyncplan: .*: no \(site\|pool\|server\) named\|^lyncplan: .*already exists' "$T/stderr" |
	sort | uniq -c | sed 's/^/  other messages: /'
finish
