#!/bin/sh
# The commands check's hints suggest, pasted into a shell, run that command
# and no other: topology text in them is quoted for a POSIX shell. Every
# finding whose hint names a site, pool, server or feature is raised for sites
# with hostile names; each command in each hint runs in bash with lyncplan a
# function that prints its arguments, which must arrive whole; nothing
# else may run.
. "$top_srcdir/tests/cli/lib.sh"

command -v bash >/dev/null 2>&1 || { echo "bash is needed to paste the hints" >&2; exit 77; }

# Sites with names a shell would act on (control characters are refused).
NNAMES=7
name() {
	case $1 in
	1) n='x; touch PWNED; echo' ;;
	2) n='$(touch PWNED)`touch PWNED`' ;;
	3) n="it's '; touch PWNED; ' \"q\" \\" ;;
	4) n='spaced  | tee PWNED & > PWNED < * ~ !x' ;;
	5) n="''" ;;
	6) n='${IFS}touch${IFS}PWNED #' ;;
	7) n='--role x' ;;
	esac
}

# build DB I NAME: a topology in site NAME that raises every
# finding with a hint naming a pool or a site; pools and servers get
# suffix I.
build() {
	db=$1 i=$2 site=$3
	lp --db "$db" site add -- "$site" || return 1
	for spec in "fe front-end dns 2" "hw front-end hardware 2" "none front-end none 2" \
		"empty front-end none 0" "ednat edge hardware 2 nat" "edns edge dns 2" \
		"eone edge none 1"; do
		# shellcheck disable=SC2086 # the fields of spec
		set -- $spec
		pool=$1$i.contoso.com
		lp --db "$db" pool add "$pool" --site "$site" --role "$2" --lb "$3" \
			${5:+--edge-external "$5"} || return 1
		k=0
		while [ "$k" -lt "$4" ]; do
			k=$((k + 1))
			lp --db "$db" server add "s$k.$pool" --pool "$pool" || return 1
		done
	done
	lp --db "$db" lb add --vip 192.0.2.$i --pool "ednat$i.contoso.com" -- "$site" || return 1
}

mkdir "$T/paste"
commands=0 sites=0
codes=
i=0
while [ "$i" -lt "$NNAMES" ]; do
	i=$((i + 1))
	name "$i"
	for features in "" "public-im reverse-proxy-http"; do
		db="$T/h$i${features:+f}.db"
		build "$db" "$i" "$n" || { fail "cannot build the topology for name $i"; continue; }
		for f in $features; do
			lp --db "$db" feature on "$f" || fail "feature on $f"
		done
		lp --db "$db" check --format csv >"$T/check.csv"
		codes="$codes $(cut -d, -f2 "$T/check.csv" | tr '\n' ' ')"
		lp --db "$db" check --wide >"$T/check.txt"
		# Every command in a hint: from "lyncplan " to a parenthesis
		# outside quotes, or to the end of the hint.
		sed -n 's/^.*(hint: \(.*\))$/\1/p' "$T/check.txt" | awk '{
			incmd = 0; inq = 0; cmd = ""
			for (j = 1; j <= length($0); j++) {
				c = substr($0, j, 1)
				if (!incmd) {
					if (substr($0, j, 9) == "lyncplan ") { incmd = 1; cmd = c }
					continue
				}
				if (c == "\047") inq = !inq
				if (!inq && (c == ")" || c == "(")) { print cmd; incmd = 0; continue }
				cmd = cmd c
			}
			if (incmd) print cmd
		}' >"$T/commands"
		while IFS= read -r cmd; do
			commands=$((commands + 1))
			rm -f "$T/args"
			(cd "$T/paste" && bash -c "lyncplan() { printf '%s\n' \"\$@\" >\"$T/args\"; }; $cmd") \
				2>"$T/err" || fail "the hint command failed in bash: $cmd"
			[ -z "$(ls -A "$T/paste")" ] || { fail "pasting ran more than lyncplan: $cmd"; rm -rf "$T/paste"/* "$T/paste"/.[!.]*; }
			case $cmd in
			*--site*)
				printf '%s\n' pool add FQDN --site "$n" --role reverse-proxy >"$T/want"
				cmp -s "$T/want" "$T/args" || fail "the site name did not arrive whole: $cmd"
				sites=$((sites + 1))
				;;
			*.contoso.com*|*" feature off "*)
				grep -Eqx '(s[0-9]\.)?[a-z]+[0-9]\.contoso\.com|reverse-proxy-http' "$T/args" ||
					fail "no server, pool or feature arrived: $cmd"
				;;
			esac
		done <"$T/commands"
	done
done
for code in dns-lb-without-hlb hardware-lb-missing edge-nat-hardware-lb multi-server-no-lb \
	empty-pool edge-single-server edge-dns-lb-failover edge-hlb-not-needed \
	edge-without-reverse-proxy feature-unused edge-hlb-settings missing-address; do
	case " $codes " in
	*" $code "*) ;;
	*) fail "no topology raised $code" ;;
	esac
done
[ -z "$(find "$T" -name PWNED)" ] || fail "a file named PWNED was created"
echo "hints: $commands commands pasted, $sites with a site name"
# Three Edge pools in each of two topologies per name.
[ "$sites" -eq $((6 * NNAMES)) ] || fail "$sites commands had a site name"
[ "$commands" -ge 100 ] || fail "only $commands commands were pasted"
finish
