# tests/tui/lib.sh - shared by the interface tests: runs lyncplan inside a
# private tmux server at a fixed size with the environment pinned, sends
# keys, and polls the screen for what a user would see (never a fixed sleep).
# Usage: . "$top_srcdir/tests/tui/lib.sh" at the top of a test script.

. "$top_srcdir/tests/cli/lib.sh"

if [ -z "${TMUX_BIN:-}" ] || ! [ -x "$TMUX_BIN" ]; then
	echo "SKIP: tmux is not installed" >&2
	exit 77
fi

TUI_BASE="lyncplan-test-$$-$(basename "$0" .sh)"
TUI_RUNS=0
TUI_SOCKET="$TUI_BASE-0"
TUI_TIMEOUT=${TUI_TIMEOUT:-30} # seconds; generous for a loaded machine
trap 'tm kill-server >/dev/null 2>&1; chmod -R u+w "$T" 2>/dev/null; rm -rf "$T"' EXIT

tm() { "$TMUX_BIN" -f /dev/null -L "$TUI_SOCKET" "$@"; }

# quote WORD: WORD as one single-quoted shell word.
quote() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"; }

# tui_start [-s COLSxROWS] [-e VAR=VALUE]... ARG...: runs lyncplan ARG...
# in a new tmux server (80x24 unless -s) with LANG=C.UTF-8 and NO_COLOR=1
# unless -e sets them otherwise. The pane stays after the program ends.
# Each run gets its own server, so one ending cannot touch the next.
# LYNCPLAN_RUN (make check-valgrind) runs the program under a checker.
tui_start() {
	tm kill-server >/dev/null 2>&1
	TUI_RUNS=$((TUI_RUNS + 1))
	TUI_SOCKET="$TUI_BASE-$TUI_RUNS"
	cols=80 rows=24 envs="" cmd="${LYNCPLAN_RUN:-} $(quote "$LYNCPLAN")"
	while [ $# -gt 0 ]; do
		case $1 in
		-s) cols=${2%x*} rows=${2#*x}; shift 2 ;;
		-e) envs="$envs $(quote "$2")"; shift 2 ;;
		*) break ;;
		esac
	done
	for a in "$@"; do
		cmd="$cmd $(quote "$a")"
	done
	rm -f "$T/tui.status"
	tm start-server \; set-option -g remain-on-exit on \; \
		set-option -g default-terminal tmux-256color \; \
		new-session -d -s lp -x "$cols" -y "$rows" \
		"env LANG=C.UTF-8 LC_ALL= NO_COLOR=1 $envs $cmd 2>$(quote "$T/tui.err");
		echo \$? >$(quote "$T/tui.status")"
}

tui_screen() { tm capture-pane -p -t lp; }

# tui_keys KEY...: tmux key names (Enter, Tab, Escape, F10, C-l) or text.
tui_keys() { tm send-keys -t lp "$@"; }
# tui_type TEXT: TEXT typed literally.
tui_type() { tm send-keys -t lp -l "$1"; }

# tui_wait TEXT: polls until the screen shows TEXT (a fixed string); on
# timeout records a failure, prints the screen and returns 1.
tui_wait() {
	i=0
	while [ $i -lt $((TUI_TIMEOUT * 10)) ]; do
		if tui_screen | grep -Fq -- "$1"; then
			return 0
		fi
		sleep 0.1
		i=$((i + 1))
	done
	fail "the screen never showed: $1"
	tui_show
	return 1
}

# tui_wait_re REGEX: polls until a line of the screen matches REGEX (ERE).
tui_wait_re() {
	i=0
	while [ $i -lt $((TUI_TIMEOUT * 10)) ]; do
		if tui_screen | grep -Eq -- "$1"; then
			return 0
		fi
		sleep 0.1
		i=$((i + 1))
	done
	fail "no line of the screen matched: $1"
	tui_show
	return 1
}

# tui_wait_gone TEXT: polls until TEXT has left the screen.
tui_wait_gone() {
	i=0
	while [ $i -lt $((TUI_TIMEOUT * 10)) ]; do
		if ! tui_screen | grep -Fq -- "$1"; then
			return 0
		fi
		sleep 0.1
		i=$((i + 1))
	done
	fail "the screen kept showing: $1"
	tui_show
	return 1
}

# tui_expect_absent TEXT: the screen (now) does not show TEXT.
tui_expect_absent() {
	if tui_screen | grep -Fq -- "$1"; then
		fail "the screen shows what it should not: $1"
		tui_show
	fi
}

tui_show() {
	echo "--- screen ---" >&2
	tui_screen >&2
	echo "--- stderr ---" >&2
	cat "$T/tui.err" >&2 2>/dev/null
	echo "--------------" >&2
}

# tui_wait_exit WANT: polls until the program has ended and checks its
# exit status (written by the pane's shell: tmux may not know it).
tui_wait_exit() {
	i=0
	while [ $i -lt $((TUI_TIMEOUT * 10)) ]; do
		if [ -s "$T/tui.status" ]; then
			st=$(cat "$T/tui.status")
			[ "$st" = "$1" ] || fail "the program ended with status $st, wanted $1"
			return 0
		fi
		sleep 0.1
		i=$((i + 1))
	done
	fail "the program did not end"
	tui_show
	return 1
}

# tui_stable: the screen as soon as two captures a tenth of a second apart
# agree, with the scratch directory's name replaced by TMP.
tui_stable() {
	prev=$(tui_screen)
	i=0
	while [ $i -lt $((TUI_TIMEOUT * 10)) ]; do
		sleep 0.1
		cur=$(tui_screen)
		[ "$cur" = "$prev" ] && break
		prev=$cur
		i=$((i + 1))
	done
	printf '%s\n' "$cur" | sed "s|$T|TMP|g"
}

# tui_golden NAME: the stable screen equals tests/golden/tui-NAME.txt.
tui_golden() {
	tui_stable >"$T/screen.txt"
	expect_golden "tui-$1.txt" "$T/screen.txt"
}
