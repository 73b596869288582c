#!/bin/sh
# Text output fits the terminal: every text table of the demo, at 80 and
# 120 columns, has no line wider and loses no word of what --wide writes
# one line per row; the width comes from COLUMNS, else the terminal, else
# 80; two wrapped layouts against golden files.
. "$top_srcdir/tests/cli/lib.sh"

PY=${PYTHON3_BIN:-$(command -v python3 || true)}
[ -n "$PY" ] || { echo "python3 is needed to measure display widths" >&2; exit 77; }
unset COLUMNS

# fits WRAPPED CELLS COLUMNS: no line of WRAPPED is wider than COLUMNS on a
# terminal, and every word of CELLS is in WRAPPED as often (a word wider
# than its column is cut: then its characters, in order, are there).
cat >"$T/fits.py" <<'PYEOF'
import collections, sys, unicodedata

def width(s):
    return sum(0 if unicodedata.combining(c) else
               2 if unicodedata.east_asian_width(c) in 'WF' else 1 for c in s)

wrapped, wide, cols = sys.argv[1], sys.argv[2], int(sys.argv[3])
text = open(wrapped, encoding='utf-8').read()
bad = 0
for n, line in enumerate(text.split('\n'), 1):
    if width(line) > cols:
        print(f'{wrapped}: line {n} takes {width(line)} columns, more than {cols}')
        bad = 1
have = collections.Counter(text.split())
joined = ''.join(text.split())
for word, n in collections.Counter(open(wide, encoding='utf-8').read().split()).items():
    if have[word] < n and joined.count(word) < n:
        print(f'{wrapped}: "{word}" is there {max(have[word], joined.count(word))} times, not {n}')
        bad = 1
sys.exit(bad)
PYEOF

i=0
for cmd in ports clients catalog flows check lb-ports "lb-ports --compare" "site list" \
	"pool list" "server list" "lb list" "feature list" "zone list" "peer list" "topology show"; do
	i=$((i + 1))
	# shellcheck disable=SC2086
	lp --demo $cmd --wide >"$T/wide$i" || fail "$cmd --wide: exit $?"
	# The cells, without the header: a column shown under its row is
	# named only where its cell has text. check has no header.
	if [ "$cmd" = check ]; then
		cp "$T/wide$i" "$T/cells$i"
	else
		tail -n +2 "$T/wide$i" >"$T/cells$i"
	fi
	for cols in 80 120; do
		# shellcheck disable=SC2086
		COLUMNS=$cols lp --demo $cmd >"$T/wrapped$i-$cols" || fail "$cmd at $cols: exit $?"
		"$PY" "$T/fits.py" "$T/wrapped$i-$cols" "$T/cells$i" "$cols" || fail "$cmd at $cols columns"
	done
done

# --wide: one line per row, as the CSV has, whatever the width.
COLUMNS=40 lp --demo ports --wide >"$T/out"
lp --demo ports --format csv >"$T/csv"
[ "$(wc -l <"$T/out")" -eq "$(wc -l <"$T/csv")" ] || fail "ports --wide is not one line per row"
COLUMNS=40 lp --demo check --wide >"$T/out"
[ "$(wc -l <"$T/out")" -eq "$(($(lp --demo check --format csv | wc -l) - 1))" ] ||
	fail "check --wide is not one line per finding"
# A table that fits is the same either way.
COLUMNS=80 lp --demo site list >"$T/out"
lp --demo site list --wide >"$T/wide"
expect_same_bytes "$T/wide" "$T/out"

# Not a terminal, no usable COLUMNS: 80.
for cols in "" 0 -5 wide; do
	COLUMNS=$cols lp --demo flows >"$T/out"
	"$PY" "$T/fits.py" "$T/out" "$T/out" 80 || fail "COLUMNS='$cols': not 80 columns"
	[ "$(awk 'length > 75' "$T/out" | wc -l)" -gt 0 ] || fail "COLUMNS='$cols': narrower than 80"
done
# A terminal: its width.
cat >"$T/on_terminal.py" <<'PYEOF'
import fcntl, os, pty, struct, subprocess, sys, termios
master, slave = pty.openpty()
fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack('HHHH', 24, int(sys.argv[1]), 0, 0))
p = subprocess.Popen(sys.argv[2:], stdout=slave)
os.close(slave)
out = b''
while True:
    try:
        chunk = os.read(master, 65536)
    except OSError:
        break
    if not chunk:
        break
    out += chunk
sys.stdout.write(out.decode('utf-8').replace('\r\n', '\n'))
sys.exit(p.wait())
PYEOF
"$PY" "$T/on_terminal.py" 100 "$LYNCPLAN" --demo check >"$T/out" || fail "check on a terminal: exit $?"
"$PY" "$T/fits.py" "$T/out" "$T/out" 100 || fail "check on a 100-column terminal is wider"
[ "$(awk 'length > 90' "$T/out" | wc -l)" -gt 0 ] || fail "check on a 100-column terminal took 80"

# The layouts: cells wrapped within their columns, and columns under the row.
COLUMNS=80 lp --demo check >"$T/out"
expect_golden wrapped-check-80.txt "$T/out"
COLUMNS=80 lp --demo flows --to dirpool.contoso.com >"$T/out"
expect_golden wrapped-flows-80.txt "$T/out"
COLUMNS=120 lp --demo clients --role edge >"$T/out"
expect_golden wrapped-clients-120.txt "$T/out"

finish
