#!/bin/sh
# What the interface asks of the terminal: it refuses a non-terminal and
# an unusable TERM with a message pointing at the CLI, shows "terminal too
# small" below 80x24 and recovers, uses colour only when allowed, and
# Unicode line drawing only in a UTF-8 locale without --ascii.
. "$top_srcdir/tests/tui/lib.sh"

esc=$(printf '\033')
colour="$esc\\[([0-9;]*;)?(3[0-7]|4[0-7]|38|48)[;m]"

# Not a terminal: refused with status 2, pointing at the commands.
expect_status 2 lp --db "$T/plan.db" </dev/null
expect_err_match "needs a terminal.*use a command"
lp --db "$T/plan.db" </dev/null 2>/dev/null | cat >"$T/out"
[ -s "$T/out" ] && fail "escape codes were written to a pipe"

# Unknown and dumb terminals: a message, not a crash.
for term in no-such-terminal dumb; do
	tui_start -e "TERM=$term" --db "$T/plan.db"
	tui_wait_exit 2
	grep -q "TERM\|terminal type" "$T/tui.err" || fail "TERM=$term: no message about the terminal"
done

# Too small, then back.
tui_start --demo
tui_wait "fepool.contoso.com"
tm resize-window -t lp -x 60 -y 20
tui_wait "terminal too small (need 80x24, have 60x20)"
tui_golden too-small
tm resize-window -t lp -x 80 -y 24
tui_wait "fepool.contoso.com"
tui_wait "1 Topology"
tui_expect_absent "terminal too small"
# Bigger is fine too.
tm resize-window -t lp -x 120 -y 40
tui_wait "1 Topology"
tui_keys F10
tui_wait_exit 0

# NO_COLOR=1 (lib.sh sets it): no colour, reverse video for the keys.
tui_start --demo
tui_wait "fepool.contoso.com"
tm capture-pane -e -p -t lp >"$T/attrs"
grep -Eq "$colour" "$T/attrs" && fail "colours drawn with NO_COLOR set"
grep -q "$esc\\[[0-9;]*7m" "$T/attrs" || fail "no reverse video without colours"

# Colour when NO_COLOR is empty, none with --no-color.
tui_start -e NO_COLOR= --demo
tui_wait "fepool.contoso.com"
tm capture-pane -e -p -t lp >"$T/attrs"
grep -Eq "$colour" "$T/attrs" || fail "no colours with NO_COLOR empty"
tui_start -e NO_COLOR= --no-color --demo
tui_wait "fepool.contoso.com"
tm capture-pane -e -p -t lp >"$T/attrs"
grep -Eq "$colour" "$T/attrs" && fail "colours drawn with --no-color"

# Line drawing: Unicode in a UTF-8 locale, ASCII with --ascii or in C.
tui_start --demo
tui_wait "├─ ▾ fepool.contoso.com"
tui_start --ascii --demo
tui_wait "|- - fepool.contoso.com"
tui_expect_absent "├"
tui_start -e LANG=C --demo
tui_wait "|- - fepool.contoso.com"
tui_keys F10
tui_wait_exit 0

finish
