#!/bin/sh
# Exports from the command line: every derived table of the demo in every
# format that takes it, byte for byte against tests/golden/export-*; the
# outputs read back by real parsers (python3's csv, json and html.parser,
# nft -c); a hostile topology in every format; the topology document's
# round trip; and the file rules (-o -, --force, nothing left behind).
. "$top_srcdir/tests/cli/lib.sh"

export SOURCE_DATE_EPOCH=0
PY=${PYTHON3_BIN:-$(command -v python3 || true)}
[ -n "$PY" ] || { echo "python3 is needed to read the exports back" >&2; exit 77; }

formats=$(lp --help | sed -n 's/^Formats: //p')
[ -n "$formats" ] || fail "--help lists no formats"

# nft -c needs the netlink socket: as root directly, else in a user namespace.
nft_check() {
	command -v nft >/dev/null 2>&1 || return 0
	if [ "$(id -u)" -eq 0 ]; then
		nft -c -f "$1" || fail "nft -c refuses $1"
	else
		unshare -rn nft -c -f "$1" || fail "nft -c refuses $1 (run as root, or allow user namespaces)"
	fi
}

# read_back FORMAT FILE: parses FILE as FORMAT and checks its structure.
read_back() {
	"$PY" - "$1" "$2" <<'EOF' || fail "$1 output $2 does not read back"
import csv, html.parser, json, re, sys
fmt, path = sys.argv[1], sys.argv[2]
data = open(path, 'rb').read()
if fmt == 'csv':
    rows = list(csv.reader(data.decode('utf-8').splitlines(keepends=True)))
    assert data.endswith(b'\r\n') and b'\n' not in data.replace(b'\r\n', b'')
    assert len(rows) > 1 and all(len(r) == len(rows[0]) for r in rows), 'ragged'
elif fmt == 'json':
    assert not data.startswith(b'\xef\xbb\xbf')
    doc = json.loads(data.decode('utf-8'))
    assert list(doc) == ['metadata', 'rows']
    assert list(doc['metadata']) == ['tool', 'version', 'generated', 'topology', 'table', 'title']
    assert doc['metadata']['generated'] == '1970-01-01T00:00:00Z'
    for r in doc['rows']:
        if 'transport' in r and 'ports' in r:
            assert ('tcpPorts' in r) == ('TCP' in r['transport'])
            assert ('udpPorts' in r) == ('UDP' in r['transport'])
elif fmt == 'html':
    class P(html.parser.HTMLParser):
        tags = set(); rows = 0
        def handle_starttag(self, tag, attrs):
            self.tags.add(tag); self.rows += tag == 'tr'
    p = P(); p.feed(data.decode('utf-8')); p.close()
    assert p.tags <= {'html', 'head', 'meta', 'title', 'style', 'body', 'h1', 'p', 'strong',
                      'table', 'thead', 'tbody', 'tr', 'th', 'td', 'input', 'br'}, p.tags
elif fmt == 'md':
    lines = data.decode('utf-8').split('\n')[:-1]
    pipes = [len(re.findall(r'(?<!\\)(?:\\\\)*\|', l)) for l in lines]
    assert len(set(pipes)) == 1 and lines[1].startswith('| --- |'), pipes
elif fmt in ('ps1', 'probe-ps1'):
    assert data.startswith(b'\xef\xbb\xbf')
    text = data[3:].decode('utf-8')
    assert text.endswith('\r\n') and '\n' not in text.replace('\r\n', '')
    s = r"'(?:[^'\u2018-\u201b]|['\u2018-\u201b]{2})*'"
    addrs = r"'[0-9a-f.:/]+'(,'[0-9a-f.:/]+')*"
    rule = re.compile(r"\tNew-NetFirewallRule -Name 'lyncplan-[a-z-]+-(TCP|UDP)' -DisplayName " + s +
                      r" -Group 'lyncplan' -Direction Inbound -Action Allow -Profile Any -Protocol \1"
                      r"( -LocalAddress " + addrs + r")?"
                      r" -LocalPort '\d+(-\d+)?'(,'\d+(-\d+)?')* -Description " + s + r" \| Out-Null$")
    flow = re.compile(r"\tNew-NetFirewallRule -Name 'lyncplan-flow-[A-Za-z0-9._-]+-to-[A-Za-z0-9._-]+-(TCP|UDP)'"
                      r" -DisplayName " + s + r" -Group 'lyncplan-flows' -Direction Inbound -Action Allow"
                      r" -Profile Any -Protocol \1 -LocalAddress " + addrs + r" -LocalPort '\d+(-\d+)?'(,'\d+(-\d+)?')*"
                      r" -RemoteAddress (\$InternalZone|\$InternetZone|" + addrs + r") -Description " + s +
                      r" \| Out-Null$")
    probe = re.compile(r"(Test-LyncplanTcpPort " + s + r" \d+|Write-LyncplanUdpPort " + s + ") " + s + " " + s + "$")
    want = probe if fmt == 'probe-ps1' else flow if 'lyncplan-flows' in text else rule
    hits = [l for l in text.split('\r\n') if want.match(l)]
    loose = [l for l in text.split('\r\n') if 'New-NetFirewallRule' in l or 'Test-LyncplanTcpPort ' in l[:21]]
    assert hits and len(hits) >= len(loose), 'lines that do not parse: %r' % (set(loose) - set(hits))
elif fmt == 'netsh':
    text = data.decode('ascii')
    assert '\n' not in text.replace('\r\n', '')
    for l in text.split('\r\n'):
        if l.startswith('netsh advfirewall firewall add rule'):
            assert re.fullmatch(r'netsh advfirewall firewall add rule name="lyncplan-[a-z-]+-(TCP|UDP)" dir=in'
                                r' action=allow protocol=\1( localip=[0-9a-f.:,]+)? localport=[0-9,-]+'
                                r' description="[A-Za-z0-9 .,:;/_+()-]*"', l) or \
                re.fullmatch(r'netsh advfirewall firewall add rule name="lyncplan-flow-[A-Za-z0-9._-]+-to-[A-Za-z0-9._-]+-(TCP|UDP)"'
                             r' dir=in action=allow protocol=\1 localip=[0-9a-f.:,]+ localport=[0-9,-]+'
                             r' remoteip=(%LP_INTERNAL_ZONE%|%LP_INTERNET_ZONE%|[0-9a-f.:,/]+)'
                             r' description="[A-Za-z0-9 .,:;/_+()-]*"', l), l
EOF
}

# ---- every table of the demo in every format it takes ----
for table in ports lb-ports lb-compare clients flows check catalog; do
	case $table in
	lb-compare) cmd="lb-ports --compare" ;;
	*) cmd=$table ;;
	esac
	for f in $formats; do
		# check writes to standard output only; the others to -o FILE.
		rm -f "$T/x"
		if [ "$table" = check ]; then
			lp --demo check --format "$f" --wide >"$T/x" 2>"$T/err"
		else
			# shellcheck disable=SC2086
			lp --demo $cmd --format "$f" --wide -o "$T/x" >"$T/out" 2>"$T/err"
		fi
		rc=$?
		if [ "$rc" -eq 2 ] && grep -q "cannot write the $table table" "$T/err"; then
			continue
		fi
		if [ "$rc" -ne 0 ]; then
			fail "$table --format $f: exit $rc"
			sed 's/^/  stderr: /' "$T/err" >&2
			continue
		fi
		expect_golden "export-$table.$f" "$T/x"
		case $f in
		csv | json | html | md | ps1 | probe-ps1 | netsh) read_back "$f" "$T/x" ;;
		nft) nft_check "$T/x" ;;
		esac
	done
done
[ -f "$GOLDEN/export-ports.nft" ] || fail "no nft golden file: the ports table took no nft"
for f in ps1 netsh nft; do
	[ -f "$GOLDEN/export-flows.$f" ] || fail "no $f golden file: the flows table took no $f"
done

# The port-test script runs: a stand-in nc logs what it is asked.
mkdir -p "$T/bin"
printf '#!/bin/sh\necho "$*" >>"$NC_LOG"\n[ "$6" = 5061 ]\n' >"$T/bin/nc"
chmod +x "$T/bin/nc"
lp --demo ports --server fe01.contoso.com --format probe-sh -o "$T/probe.sh" || fail "probe-sh"
NC_LOG="$T/nc.log" PATH="$T/bin:$PATH" sh "$T/probe.sh" >"$T/probe.out"
[ $? -eq 1 ] || fail "probe-sh: exit status not 1 with closed ports"
grep -qx -- '-z -w 3 -- fe01.contoso.com 5061' "$T/nc.log" || fail "probe-sh did not try fe01 5061"
grep -q '^open      fe01.contoso.com  5061/TCP' "$T/probe.out" || fail "probe-sh did not report 5061 open"
grep -q '^untested  fe01.contoso.com  1434/UDP' "$T/probe.out" || fail "probe-sh did not list 1434/UDP"

# ---- a hostile topology in every format ----
evil_site='=HYPERLINK("x")'"'"'; $(touch pwned) `id` <script>'
evil_lb='%PATH% ^& | <b>Zürich</b> ‘q’ "x"'
evil_db="$T/it's \$(touch pwned) \`id\` <b>.db"
"$PY" - "$evil_site" "$evil_lb" >"$T/evil.json" <<'EOF'
import json, sys
site, lb = sys.argv[1], sys.argv[2]
print(json.dumps({"format": "lyncplan-topology", "version": 1,
    "sites": [{"name": site, "description": site}],
    "pools": [{"fqdn": "pool.example.com", "site": site, "role": "front-end",
               "edition": "enterprise", "lb": "hardware"}],
    "servers": [{"fqdn": "fe1.example.com", "pool": "pool.example.com", "address": "192.0.2.1"},
                {"fqdn": "fe2.example.com", "pool": "pool.example.com"}],
    "loadBalancers": [{"name": lb, "vip": "192.0.2.10", "pools": ["pool.example.com"]}]}))
EOF
expect_status 0 lp --db "$evil_db" import-topology "$T/evil.json"
expect_status 0 lp --db "$evil_db" zone set internal --cidr 192.0.2.0/24
expect_status 0 lp --db "$evil_db" zone set perimeter --cidr 198.51.100.0/24
(
	cd "$T" || exit 1
	for table in ports lb-ports flows; do
		for f in $formats; do
			lp --db "$evil_db" $table --format "$f" -o "$T/evil.$table.$f" 2>/dev/null
		done
	done
)
for f in $formats; do
	[ -f "$T/evil.ports.$f" ] || fail "hostile topology: no ports output in $f"
done
for f in csv json html md ps1 probe-ps1 netsh; do
	read_back "$f" "$T/evil.ports.$f"
done
for f in csv json html md; do
	read_back "$f" "$T/evil.lb-ports.$f"
done
nft_check "$T/evil.ports.nft"
for f in ps1 netsh; do
	read_back "$f" "$T/evil.flows.$f"
done
nft_check "$T/evil.flows.nft"
"$PY" - "$T" "$evil_site" "$evil_lb" <<'EOF' || fail "hostile text did not come back intact"
import csv, html.parser, json, sys
t, site, lb = sys.argv[1:]
rows = list(csv.DictReader(open(t + '/evil.ports.csv', encoding='utf-8', newline='')))
assert rows[0]['site'] == "'" + site, rows[0]['site']          # the formula guard
doc = json.load(open(t + '/evil.lb-ports.json', encoding='utf-8'))
assert doc['rows'][0]['load_balancers'] == lb
assert doc['metadata']['topology'].endswith("it's $(touch pwned) `id` <b>.db")
class P(html.parser.HTMLParser):
    text = []
    def handle_data(self, d): self.text.append(d)
p = P(); p.feed(open(t + '/evil.lb-ports.html', encoding='utf-8').read())
assert lb in p.text, 'load balancer name not in the page as text'
p = P(); p.text = []; p.feed(open(t + '/evil.ports.html', encoding='utf-8').read())
assert site in p.text, 'site name not in the page as text'
EOF
(cd "$T" && NC_LOG="$T/nc.log" PATH="$T/bin:$PATH" sh "$T/evil.ports.probe-sh" >/dev/null)
[ -e "$T/pwned" ] && fail "a hostile name ran a command"
for f in $formats; do
	grep -q '<script>' "$T/evil.ports.$f" && case $f in text | csv | json) ;; *) fail "$f: <script> unescaped" ;; esac
done

# ---- direction controls ----
# The interface refuses them, but a file written by other means may hold
# them: every format that writes topology text as text shows each as the
# visible \uHHHH, so that nothing is reordered or hidden.
if [ -n "${SQLITE3_BIN:-}" ]; then
	bidi_db="$T/bidi.db"
	for args in "site add HQ --description plain" \
		"pool add fe.example.com --site HQ --role front-end --edition enterprise --lb hardware" \
		"server add fe1.example.com --pool fe.example.com --ip 192.0.2.11"; do
		# shellcheck disable=SC2086
		expect_status 0 lp --db "$bidi_db" $args
	done
	bidi=$("$PY" -c 'print("".join(map(chr, [0x202a, 0x202b, 0x202c, 0x202d, 0x202e,
		0x2066, 0x2067, 0x2068, 0x2069, 0x200e, 0x200f, 0x061c])))')
	"$SQLITE3_BIN" "$bidi_db" "UPDATE site SET name = 'HQ$bidi', description = 'about$bidi';
		UPDATE pool SET fqdn = 'fe$bidi.example.com';
		UPDATE server SET fqdn = 'fe1$bidi.example.com';" || fail "cannot write the controls"
	for f in html md; do
		expect_status 0 lp --db "$bidi_db" site list --format "$f" -o "$T/bidi.sites.$f"
	done
	for f in html md checklist ps1 probe-ps1 probe-sh; do
		expect_status 0 lp --db "$bidi_db" ports --format "$f" -o "$T/bidi.ports.$f"
	done
	expect_status 0 lp --db "$bidi_db" flows --format ps1 -o "$T/bidi.flows.ps1"
	"$PY" - "$T"/bidi.sites.* "$T"/bidi.ports.* "$T/bidi.flows.ps1" <<'EOF' ||
import sys
controls = [0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069,
            0x200e, 0x200f, 0x061c]
shown = "".join("\\u%04X" % c for c in controls)
bad = False
for path in sys.argv[1:]:
    text = open(path, encoding="utf-8-sig").read()
    raw = sorted({"U+%04X" % ord(c) for c in text if ord(c) in controls})
    if raw or shown not in text:
        print("%s: %s" % (path, ", ".join(raw) + " as they are" if raw else "no " + shown),
              file=sys.stderr)
        bad = True
sys.exit(bad)
EOF
		fail "a direction control went out as it is"
fi

# ---- the topology document ----
expect_status 0 lp --demo export-topology -o "$T/demo.json"
expect_golden topology-demo.json "$T/demo.json"
expect_status 0 lp --db "$T/copy.db" import-topology "$T/demo.json"
expect_status 0 lp --db "$T/copy.db" export-topology -o "$T/again.json"
expect_same_bytes "$T/demo.json" "$T/again.json"
"$PY" -c 'import json,sys; json.load(open(sys.argv[1]))' "$T/demo.json" || fail "topology document is not JSON"
expect_status 0 lp --demo export-topology -o -
expect_same_bytes "$T/demo.json" "$T/out"
expect_status 0 lp --demo export-topology
expect_same_bytes "$T/demo.json" "$T/out"

# An existing file is replaced only with --force, and left as it was otherwise.
printf 'precious\n' >"$T/keep.json"
cp "$T/keep.json" "$T/keep.orig"
expect_status 5 lp --demo export-topology -o "$T/keep.json"
expect_err_match "keep.json: file exists \(use --force to replace it\)"
expect_same_bytes "$T/keep.orig" "$T/keep.json"
expect_status 5 lp --demo ports --format nft -o "$T/keep.json"
expect_same_bytes "$T/keep.orig" "$T/keep.json"
expect_status 0 lp --demo export-topology -o "$T/keep.json" --force
expect_same_bytes "$T/demo.json" "$T/keep.json"
ls "$T" | grep -q '\.json\.' && fail "a temporary file was left behind"

# The topology database and the files SQLite keeps beside it are never an
# export's target: not by name, not through a symbolic or hard link, not a
# journal, WAL or index file to come; with or without --force, in every
# command that takes -o. The database keeps its bytes.
lp --db "$T/self.db" site add HQ && lp --db "$T/self.db" pool add fe.contoso.com \
	--site HQ --role front-end || fail "cannot build self.db"
mkdir "$T/links"
ln -s ../self.db "$T/links/sym.db"
ln "$T/self.db" "$T/links/hard.db"
: >"$T/links/old.db-shm"
ln "$T/links/old.db-shm" "$T/links/shm.csv"
ln -s ../links/old.db-shm "$T/links/shm-sym.csv"
cp "$T/self.db" "$T/self.orig"
for target in self.db links/sym.db links/hard.db links/../self.db self.db-journal \
	links/../self.db-wal self.db-shm; do
	for cmd in "ports --format csv" "flows --format nft" "site list" "catalog" "export-topology"; do
		for force in "" --force; do
			# shellcheck disable=SC2086
			expect_status 5 lp --db "$T/self.db" $cmd -o "$T/$target" $force
			expect_err_match "^lyncplan: $T/$target: an export never replaces the topology database or its -journal, -wal or -shm file$"
		done
	done
done
expect_same_bytes "$T/self.orig" "$T/self.db"
ls "$T" | grep -q '^self\.db.' && fail "a file was written beside self.db"
# An existing side file, under another name (the database seen as old.db).
for target in shm.csv shm-sym.csv; do
	expect_status 5 lp --db "$T/links/old.db" ports -o "$T/links/$target" --force
	expect_err_match "$target: an export never replaces the topology database"
done
[ -s "$T/links/old.db-shm" ] && fail "old.db-shm was written"
# A name that only starts like the database's is an ordinary file.
expect_status 0 lp --db "$T/self.db" ports --format csv -o "$T/self.db-wal.csv"

# Import: into a non-empty topology only with --replace or --merge.
expect_status 3 lp --db "$T/copy.db" import-topology "$T/demo.json"
expect_err_match "the topology is not empty"
expect_status 3 lp --db "$T/copy.db" import-topology --merge "$T/demo.json"
expect_err_match "demo.json:[0-9]+:[0-9]+: sites\[0\]\.name: 'Dublin' already exists in the topology$"
expect_status 0 lp --db "$T/copy.db" import-topology --replace "$T/demo.json"
expect_status 2 lp --db "$T/copy.db" import-topology --replace --merge "$T/demo.json"
expect_status 2 lp --db "$T/copy.db" import-topology

# A bad file changes nothing and says where it is wrong.
cp "$T/copy.db" "$T/copy.orig"
sed 's/"fe02.contoso.com"/"fe_02.contoso.com"/' "$T/demo.json" >"$T/bad.json"
line=$(grep -n fe_02 "$T/bad.json" | cut -d: -f1)
expect_status 3 lp --db "$T/copy.db" import-topology --replace "$T/bad.json"
expect_err_match "bad.json:$line:15: servers\[5\]\.fqdn 'fe_02\.contoso\.com': '_' is not allowed"
expect_same_bytes "$T/copy.orig" "$T/copy.db"
printf '{"format": "lyncplan-topology", "version": 1,\n  "sites": [}\n' >"$T/broken.json"
expect_status 3 lp --db "$T/copy.db" import-topology --replace "$T/broken.json"
expect_err_match "broken.json:2:[0-9]+: "
expect_same_bytes "$T/copy.orig" "$T/copy.db"
# Refused into a file that was not there: no file is left behind, neither
# the database nor what SQLite keeps beside it.
for doc in broken.json bad.json; do
	expect_status 3 lp --db "$T/fresh.db" import-topology "$T/$doc"
	for f in "$T/fresh.db" "$T/fresh.db-wal" "$T/fresh.db-shm" "$T/fresh.db-journal"; do
		[ -e "$f" ] && fail "a refused import of $doc left $f"
	done
done
# An existing empty topology refused the same way stays.
expect_status 0 lp --db "$T/kept.db" site list
expect_status 3 lp --db "$T/kept.db" import-topology "$T/broken.json"
[ -s "$T/kept.db" ] || fail "a refused import removed an existing database"
lp --demo export-topology | lp --db "$T/stdin.db" import-topology - || fail "import from standard input"

finish
