#!/bin/sh
# Hostile values in every command and option that takes one: each is
# refused (exit 2 or 3) with one line naming the field, free of raw
# control characters, and the file keeps its bytes; or, where the value is
# fair text for a name or description, it is stored exactly as given.
# Nothing is ever run by a shell.
. "$top_srcdir/tests/cli/lib.sh"

DB="$T/plan.db"
PRISTINE="$T/pristine.db"
mkdir "$T/cwd"
cd "$T/cwd" || exit 1

lp --db "$PRISTINE" site add HQ --description 'head office' &&
	lp --db "$PRISTINE" pool add fe.contoso.com --site HQ --role front-end --lb hardware &&
	lp --db "$PRISTINE" server add s1.contoso.com --pool fe.contoso.com --ip 10.0.0.11 &&
	lp --db "$PRISTINE" lb add LB1 --vip 10.0.0.10 --pool fe.contoso.com ||
	{ echo "cannot build the test topology" >&2; exit 1; }

# The hostile values: value N sets $v and $class. BAD values are refused
# everywhere; EMPTY everywhere but descriptions and `server add|set --ip ''`
# (no address); TEXT values are fair names, descriptions and search text.
NVALUES=24
value() {
	case $1 in
	1) v= class=EMPTY ;;
	2) v=$(head -c 10000 /dev/zero | tr '\0' a) class=BAD ;;
	3) v=$(printf 'a\001b') class=BAD ;;
	4) v=$(printf '\033[2Jx') class=BAD ;;
	5) v=$(printf 'line\nbreak') class=BAD ;;
	6) v=$(printf 'a\tb') class=BAD ;;
	7) v=$(printf 'caf\351') class=BAD ;;              # Latin-1, not UTF-8
	8) v=$(printf '\300\257') class=BAD ;;             # overlong "/"
	9) v=$(printf '\342\200\256evil') class=BAD ;;     # U+202E right-to-left override
	10) v=$(printf 'x\302\233y') class=BAD ;;          # C1 control CSI
	11) v="'; DROP TABLE site; --" class=TEXT ;;
	12) v='$(touch pwned)' class=TEXT ;;
	13) v='`touch pwned`' class=TEXT ;;
	14) v='a;touch pwned|cat&' class=TEXT ;;
	15) v='%s%s%n%s' class=TEXT ;;
	16) v=-1 class=TEXT ;;
	17) v=-99999999999999999999 class=TEXT ;;
	18) v=99999999999999999999 class=TEXT ;;
	19) v=0 class=TEXT ;;
	20) v=65536 class=TEXT ;;
	21) v=5070-5060 class=TEXT ;;
	22) v=' padded ' class=TEXT ;;
	23) v=$(printf 'H\342\200\213Q') class=BAD ;;      # U+200B zero width space
	24) v=$(printf '\357\273\277HQ') class=BAD ;;      # U+FEFF byte order mark
	esac
}

# The commands: KIND|FIELD|WORDS, @ standing for the value. KIND: typed
# (nothing hostile fits), name (TEXT may be stored), text (TEXT and EMPTY
# may be stored), ip-clear (typed, EMPTY clears), search (TEXT and EMPTY
# are looked for, nothing stored). FIELD: a regex the message must match.
# WORDS: split on spaces. JSON: how a stored value is read back (see
# stored).
COMMANDS='
name|site name|site add -- @
text|--description|site add Paris --description @
name|--name|site set HQ --name @
text|--description|site set HQ --description @
typed|site name|site set --description x -- @
typed|site name|site rm -- @
typed|pool FQDN|pool add --site HQ --role mediation -- @
typed|--site|pool add med.contoso.com --site @ --role mediation
typed|--role|pool add med.contoso.com --site HQ --role @
typed|--edition|pool add fe2.contoso.com --site HQ --role front-end --edition @
typed|--lb|pool add fe2.contoso.com --site HQ --role front-end --lb @
typed|--edge-external|pool add edge.contoso.com --site HQ --role edge --edge-external @
typed|--fqdn|pool set fe.contoso.com --fqdn @
typed|--site|pool set fe.contoso.com --site @
typed|--lb|pool set fe.contoso.com --lb @
typed|--collocated-mediation|pool set fe.contoso.com --collocated-mediation @
typed|--edge-external|pool set fe.contoso.com --edge-external @
typed|pool FQDN|pool set --lb dns -- @
typed|pool FQDN|pool rm -- @
typed|server FQDN|server add --pool fe.contoso.com -- @
typed|--pool|server add s2.contoso.com --pool @
ip-clear|--ip|server add s2.contoso.com --pool fe.contoso.com --ip @
typed|--fqdn|server set s1.contoso.com --fqdn @
typed|--pool|server set s1.contoso.com --pool @
ip-clear|--ip|server set s1.contoso.com --ip @
typed|server FQDN|server set --ip 10.0.0.12 -- @
typed|server FQDN|server rm -- @
name|load balancer name|lb add --vip 10.0.0.20 --pool fe.contoso.com -- @
typed|--vip|lb add LB2 --vip @ --pool fe.contoso.com
typed|--pool|lb add LB2 --vip 10.0.0.20 --pool @
name|--name|lb set LB1 --name @
typed|--vip|lb set LB1 --vip @
typed|--pool|lb set LB1 --pool @
typed|load balancer name|lb set --vip 10.0.0.21 -- @
typed|load balancer name|lb rm -- @
typed|feature name|feature on -- @
typed|feature name|feature off -- @
typed|format|site list --format @
typed|--site|pool list --site @
typed|--pool|server list --pool @
typed|format|lb list --format @
typed|format|feature list --format @
typed|--section|catalog --section @
typed|format|catalog --format @
typed|--site|ports --site @
typed|--pool|ports --pool @
typed|--server|ports --server @
typed|--role|ports --role @
typed|format|ports --format @
typed|--pool|lb-ports --pool @
typed|format|lb-ports --compare --format @
typed|--role|clients --role @
typed|format|clients --format @
typed|--from|flows --from @
typed|--to|flows --to @
typed|format|flows --format @
search|--contains|ports --contains @
search|--contains|flows --contains @
typed|format|check --format @
'

# stored WORDS...: the value just written by WORDS reads back unchanged.
stored() {
	case "$*" in
	site\ add\ --\ @) lp --db "$DB" site list --format json ;;
	site*description*) lp --db "$DB" site list --format json ;;
	site\ set*) lp --db "$DB" site list --format json ;;
	server*) lp --db "$DB" server list --format json ;;
	lb*) lp --db "$DB" lb list --format json ;;
	*) echo "no read-back for: $*" >&2; return 1 ;;
	esac >"$T/list.json" 2>&1 || return 1
	# The TEXT and EMPTY values need no escaping in JSON.
	grep -qF -- "\": \"$v\"" "$T/list.json"
}

# no_raw_controls FILE: only the final newline is a control character,
# and no C1 control, direction control or invisible character is there.
no_raw_controls() {
	! tr -d '\n' <"$1" | LC_ALL=C grep -q "[[:cntrl:]]$(printf '\\|\302[\200-\237]\\|\330\234\\|\342\200[\213-\217\250-\256]\\|\342\201[\240-\244\246-\251]\\|\357\273\277')"
}

cases=0 refused=0 kept=0
check_case() { # KIND FIELD WORDS...
	kind=$1 field=$2
	shift 2
	words=$*
	cp "$PRISTINE" "$DB"
	set -- $words
	for w; do
		shift
		if [ "$w" = @ ]; then set -- "$@" "$v"; else set -- "$@" "$w"; fi
	done
	lp --db "$DB" "$@" </dev/null >"$T/out" 2>"$T/err"
	got=$?
	cases=$((cases + 1))
	may_store=no
	case $kind/$class in
	name/TEXT|text/TEXT|text/EMPTY|ip-clear/EMPTY) may_store=yes ;;
	search/TEXT|search/EMPTY)
		# Fair text to look for: the rows holding it, the file untouched.
		[ "$got" -eq 0 ] || fail "value $n of '$words': exit $got, wanted 0"
		cmp -s "$PRISTINE" "$DB" || fail "value $n of '$words': the file changed"
		return ;;
	esac
	if [ "$got" -eq 0 ] && [ "$may_store" = yes ]; then
		kept=$((kept + 1))
		stored $words || fail "value $n of '$words' was not stored as given"
		return
	fi
	if [ "$got" -ne 2 ] && [ "$got" -ne 3 ]; then
		fail "value $n ($class) of '$words': exit $got, wanted 2 or 3"
		sed 's/^/  stderr: /' "$T/err" | cat -v >&2
		return
	fi
	refused=$((refused + 1))
	if [ "$(wc -l <"$T/err")" -ne 1 ] || ! grep -Eq -- "$field" "$T/err"; then
		fail "value $n of '$words': not one line naming $field"
		cat -v "$T/err" | sed 's/^/  stderr: /' | head -5 >&2
	fi
	no_raw_controls "$T/err" ||
		fail "value $n of '$words': raw control characters in: $(cat -v "$T/err")"
	cmp -s "$PRISTINE" "$DB" || fail "value $n of '$words': the file changed"
}

# Under valgrind (make check-valgrind) each command meets two values in
# turn, not all of them: every value is still met by some command.
sampled() { # N: whether value N is tried on the Kth command
	[ -z "${LYNCPLAN_RUN:-}" ] || [ $((K % NVALUES + 1)) -eq "$1" ] ||
		[ $(((K + NVALUES / 2) % NVALUES + 1)) -eq "$1" ]
}

set -f # the words of a command are split, never globbed
n=1
while [ "$n" -le "$NVALUES" ]; do
	value "$n"
	K=0
	while IFS='|' read -r kind field words; do
		[ -n "$kind" ] || continue
		K=$((K + 1))
		sampled "$n" && check_case "$kind" "$field" $words
	done <<EOF
$COMMANDS
EOF
	n=$((n + 1))
done
set +f

# Paths: empty is a usage error; values the file system refuses give one
# escaped line naming the option or the file.
expect_status 2 lp --db '' site list
expect_err_match '^lyncplan: --db: .*empty'
expect_status 2 lp --db "$DB" site list -o ''
expect_err_match '^lyncplan: .*-o.*empty'
# Every command that takes -o, export-topology included.
for cmd in "export-topology" "ports" "lb-ports --compare" "clients" "flows" "catalog" \
	"pool list" "server list" "lb list" "feature list"; do
	# shellcheck disable=SC2086 # $cmd is the command's words
	expect_status 2 lp --demo $cmd -o ''
	expect_err_match '^lyncplan: .*-o.*empty'
done
long=$(head -c 10000 /dev/zero | tr '\0' a)
expect_status 4 lp --db "$T/$long" site list
[ "$(wc -l <"$T/err")" -eq 1 ] || fail "--db of 10,000 characters: not one line"
expect_status 5 lp --db "$PRISTINE" site list -o "$T/$long"
[ "$(wc -l <"$T/err")" -eq 1 ] || fail "-o of 10,000 characters: not one line"
esc=$(printf 'no\033[2Jsuch\nfile.json')
expect_status 3 lp --db "$DB" import-topology "$esc"
no_raw_controls "$T/err" || fail "import-topology echoed raw control characters"
expect_status 2 lp "$(printf -- '--\033[2Jdb')" site list
no_raw_controls "$T/err" || fail "an unknown global option was echoed raw"
expect_status 2 lp --db "$DB" "$(printf 'si\033te')" list
no_raw_controls "$T/err" || fail "an unknown command was echoed raw"

# An option that takes a value, given last without one, is named as such
# (not as an unknown option), in every command --help lists; the file keeps
# its bytes. Operands are stood in for by 'x', a choice by its first word.
cp "$DB" "$T/before-values"
needs=0
lp --help | sed -n '/^Commands:/,/^$/s/^  \([a-z]\)/\1/p' >"$T/synopses"
while read -r line; do
	words= operands=
	for w in $line; do
		case $w in
		*'|'*) operands="$operands ${w%%|*}" ;;
		[a-z]*) [ -z "$operands" ] && words="$words $w" ;;
		[A-Z]*) operands="$operands x" ;;
		*) break ;;
		esac
	done
	for opt in $(printf '%s\n' "$line" | grep -oE -- '(--[a-z-]+|-o) [A-Za-z]' | cut -d' ' -f1); do
		# shellcheck disable=SC2086 # the command's words and operands
		expect_status 2 lp --db "$DB" $words $operands "$opt"
		expect_err_match "^lyncplan:$words: '$opt' needs a value \(see 'lyncplan --help'\)$"
		needs=$((needs + 1))
	done
done <"$T/synopses"
expect_status 2 lp --db
expect_err_match "^lyncplan: '--db' needs a value"
expect_status 2 lp --db "$DB" ports --bogus
expect_err_match "^lyncplan: ports: unknown option '--bogus'"
expect_same_bytes "$T/before-values" "$DB"
echo "options without a value: $needs tried"
[ "$needs" -ge 30 ] || fail "only $needs options with a value were tried"

# A name SQLite would read as a URI is a plain file name: the edit lasts.
expect_status 0 lp --db 'file:uri.db?mode=memory' site add Kept
expect_status 0 lp --db 'file:uri.db?mode=memory' site list
grep -q '^Kept ' "$T/out" || fail "--db 'file:...?mode=memory' did not keep the edit"

# Nothing a shell would have run ran.
[ -z "$(find "$T" -name pwned)" ] || fail "a file named pwned was created"
echo "bad input: $cases cases, $refused refused, $kept stored as given"
[ "$cases" -gt 1000 ] || [ -n "${LYNCPLAN_RUN:-}" ] || fail "only $cases cases ran"
finish
