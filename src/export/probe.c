/* probe.c - port-test scripts from the ports table, for an admin to run
 * from a client or a server: probe-ps1 (Test-NetConnection) and probe-sh
 * (nc -z). Each planned TCP port is tried, a range by its first port; UDP
 * cannot be tested by connecting, so UDP ports are listed as untested.
 * Every text is a single-quoted string of its shell with quotes doubled
 * (PowerShell) or closed and escaped (sh). Streams. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "export.h"
#include "fmtutil.h"
#include "portset.h"

/* What differs between the two shells. */
struct probe_shell {
	const char *eol;
	const char *const *preamble; /* code after the header comment */
	const char *tcp, *udp;       /* names of the script's two functions */
	const char *const *epilogue;
	void (*quote)(FILE *out, const char *s);
};

struct probe_state {
	const struct probe_shell *sh;
	int server, address, interface, ports, transport, protocol, service;
	long rows;
};

static const char *const probe_about[] = {
	"",
	"Run it from a client or a server to see which planned ports answer. Each",
	"planned TCP port gets one connection attempt; for a range of ports only",
	"the first port is tried. UDP ports cannot be tested by connecting: they",
	"are listed as untested. The exit status is 1 when a port is closed.",
	"Ports on the internal interface are tried on the server's name; those on",
	"an Edge Server's or reverse proxy's external interfaces on that",
	"interface's address, or left out with a comment while it has none.",
	"",
	NULL
};

/* Writes s between single quotes for PowerShell (see ps1.c: typographic
 * quotes count as quotes) or sh (a quote becomes '\''); line breaks and
 * other controls become spaces, bytes that are not UTF-8 U+FFFD. */
static void probe_quote(FILE *out, const char *s, bool sh)
{
	const unsigned char *p = (const unsigned char *)s;

	fputc('\'', out);
	while (*p) {
		size_t n = fmt_utf8_len(p);

		if (n == 0) {
			fputs(FMT_REPLACEMENT, out);
			n = 1;
		} else if (*p < 0x20 || *p == 0x7f || (p[0] == 0xc2 && p[1] < 0xa0)) {
			fputc(' ', out);
		} else if (sh && *p == '\'') {
			fputs("'\\''", out);
		} else if (!fmt_put_unsafe(out, p)) {
			fwrite(p, 1, n, out);
			if (!sh && (*p == '\'' || (n == 3 && p[0] == 0xe2 && p[1] == 0x80 &&
						   p[2] >= 0x98 && p[2] <= 0x9b)))
				fputc('\'', out);
		}
		p += n;
	}
	fputc('\'', out);
}

static void probe_quote_ps1(FILE *out, const char *s) { probe_quote(out, s, false); }
static void probe_quote_sh(FILE *out, const char *s) { probe_quote(out, s, true); }

static const char *const ps1_preamble[] = {
	"$script:open = 0",
	"$script:closed = 0",
	"$script:untested = 0",
	"function Test-LyncplanTcpPort([string]$Server, [int]$Port, [string]$Ports, [string]$What) {",
	"\t$test = @{ ComputerName = $Server; Port = $Port; InformationLevel = 'Quiet' }",
	"\t$ok = Test-NetConnection @test -WarningAction SilentlyContinue",
	"\tif ($ok) { $script:open++; $state = 'open' } else { $script:closed++; $state = 'CLOSED' }",
	"\t'{0,-9} {1}  {2}/TCP  {3}' -f $state, $Server, $Ports, $What",
	"}",
	"function Write-LyncplanUdpPort([string]$Server, [string]$Ports, [string]$What) {",
	"\t$script:untested++",
	"\t'{0,-9} {1}  {2}/UDP  {3}' -f 'untested', $Server, $Ports, $What",
	"}",
	"",
	NULL
};
static const char *const ps1_epilogue[] = {
	"",
	"'{0} open, {1} closed, {2} UDP not tested' -f $script:open, $script:closed, $script:untested",
	"if ($script:closed -gt 0) { exit 1 }",
	NULL
};
static const struct probe_shell shell_ps1 = {
	"\r\n", ps1_preamble, "Test-LyncplanTcpPort", "Write-LyncplanUdpPort", ps1_epilogue,
	probe_quote_ps1
};

static const char *const sh_preamble[] = {
	"command -v nc >/dev/null 2>&1 || { echo 'lyncplan probe: nc (netcat) is needed' >&2; exit 2; }",
	"open=0",
	"closed=0",
	"untested=0",
	"probe_tcp() {",
	"\tif nc -z -w 3 -- \"$1\" \"$2\" >/dev/null 2>&1; then",
	"\t\topen=$((open + 1))",
	"\t\tprintf 'open      %s  %s/TCP  %s\\n' \"$1\" \"$3\" \"$4\"",
	"\telse",
	"\t\tclosed=$((closed + 1))",
	"\t\tprintf 'CLOSED    %s  %s/TCP  %s\\n' \"$1\" \"$3\" \"$4\"",
	"\tfi",
	"}",
	"probe_udp() {",
	"\tuntested=$((untested + 1))",
	"\tprintf 'untested  %s  %s/UDP  %s\\n' \"$1\" \"$2\" \"$3\"",
	"}",
	"",
	NULL
};
static const char *const sh_epilogue[] = {
	"",
	"printf '%d open, %d closed, %d UDP not tested\\n' \"$open\" \"$closed\" \"$untested\"",
	"[ \"$closed\" -eq 0 ]",
	NULL
};
static const struct probe_shell shell_sh = {
	"\n", sh_preamble, "probe_tcp", "probe_udp", sh_epilogue, probe_quote_sh
};

static void probe_lines(FILE *out, const char *const *lines, const char *eol)
{
	for (; *lines; lines++)
		fprintf(out, "%s%s", *lines, eol);
}

static enum lp_status probe_begin(struct writer *w, const struct probe_shell *sh,
				  struct lp_error *err)
{
	struct probe_state *p = calloc(1, sizeof *p);
	FILE *out = writer_stream(w);
	enum lp_status s;

	if (!p)
		return lp_fail(err, LP_EIO, "out of memory");
	writer_set_state(w, p);
	p->sh = sh;
	p->server = writer_column(w, "server");
	p->address = writer_column(w, "address");
	p->interface = writer_column(w, "interface");
	p->ports = writer_column(w, "ports");
	p->transport = writer_column(w, "transport");
	p->protocol = writer_column(w, "protocol");
	p->service = writer_column(w, "service");
	if (p->server < 0 || p->address < 0 || p->interface < 0 || p->ports < 0 ||
	    p->transport < 0 || p->protocol < 0 || p->service < 0)
		return lp_fail(err, LP_EUSAGE, "the %s table has no server ports to test",
			       writer_table(w)->name);
	if (sh == &shell_ps1)
		fputs("\xEF\xBB\xBF", out);
	else
		fputs("#!/bin/sh\n", out);
	s = fmt_script_header(out, "# ", sh->eol,
			      "Port test for the Lync Server 2013 servers of a topology.",
			      writer_options(w)->topology_name, err);
	if (s != LP_OK)
		return s;
	fmt_comment_lines(out, "# ", sh->eol, probe_about);
	probe_lines(out, sh->preamble, sh->eol);
	return ferror(out) ? writer_io_error(w, err) : LP_OK;
}

static enum lp_status probe_begin_ps1(struct writer *w, const struct export_table *t,
				      struct lp_error *err)
{
	(void)t;
	return probe_begin(w, &shell_ps1, err);
}

static enum lp_status probe_begin_sh(struct writer *w, const struct export_table *t,
				     struct lp_error *err)
{
	(void)t;
	return probe_begin(w, &shell_sh, err);
}

/* What a port is for: "TCP (TLS)", "Web server component, HTTPS". New
 * string the caller frees; NULL when out of memory. */
static char *probe_what(const struct probe_state *p, const char *const *cells, bool range)
{
	const char *service = fmt_cell(cells, p->service);
	char *what;

	if (asprintf(&what, "%s%s%s%s", service, service[0] ? ", " : "",
		     fmt_cell(cells, p->protocol),
		     range ? " (first port of the range tried)" : "") < 0)
		return NULL;
	return what;
}

/* The comment that stands for a row on an interface without an address. */
static enum lp_status probe_no_address(struct writer *w, const char *const *cells,
				       struct lp_error *err)
{
	const struct probe_state *p = writer_state(w);
	FILE *out = writer_stream(w);
	char *server = fmt_ascii_only(fmt_cell(cells, p->server), FMT_COMMENT_KEEP, '?');
	char *iface = fmt_ascii_only(fmt_cell(cells, p->interface), FMT_COMMENT_KEEP, '?');
	bool ok = server && iface;

	/* Ports and transport have been read as such: they are safe. */
	if (ok)
		fprintf(out, "# %s %s/%s: not tested, the %s interface has no address in the"
			" topology%s", server, fmt_cell(cells, p->ports),
			fmt_cell(cells, p->transport), iface, p->sh->eol);
	free(server);
	free(iface);
	if (!ok)
		return lp_fail(err, LP_EIO, "out of memory");
	return ferror(out) ? writer_io_error(w, err) : LP_OK;
}

static enum lp_status probe_row(struct writer *w, const char *const *cells,
				struct lp_error *err)
{
	struct probe_state *p = writer_state(w);
	const struct probe_shell *sh = p->sh;
	FILE *out = writer_stream(w);
	const char *ports = fmt_cell(cells, p->ports);
	const char *target = fmt_cell(cells, p->server);
	char *what;
	bool tcp, udp;
	int lo, hi;

	p->rows++;
	if (!portset_parse(ports, &lo, &hi))
		return fmt_bad_cell(err, p->rows, ports, "is not a port or a port range");
	if (!portset_transport(fmt_cell(cells, p->transport), &tcp, &udp))
		return fmt_bad_cell(err, p->rows, fmt_cell(cells, p->transport),
				    "is not a transport (TCP, UDP, TCP/UDP)");
	/* A port on an external interface answers on that interface's address,
	 * not on the name the internal network resolves. */
	if (strcmp(fmt_cell(cells, p->interface), "internal") != 0)
		target = fmt_cell(cells, p->address);
	if (!target[0])
		return probe_no_address(w, cells, err);
	if (tcp) {
		if (!(what = probe_what(p, cells, lo != hi)))
			return lp_fail(err, LP_EIO, "out of memory");
		fprintf(out, "%s ", sh->tcp);
		sh->quote(out, target);
		fprintf(out, " %d '%s' ", lo, ports);
		sh->quote(out, what);
		fputs(sh->eol, out);
		free(what);
	}
	if (udp) {
		if (!(what = probe_what(p, cells, false)))
			return lp_fail(err, LP_EIO, "out of memory");
		fprintf(out, "%s ", sh->udp);
		sh->quote(out, target);
		fprintf(out, " '%s' ", ports);
		sh->quote(out, what);
		fputs(sh->eol, out);
		free(what);
	}
	return ferror(out) ? writer_io_error(w, err) : LP_OK;
}

static enum lp_status probe_end(struct writer *w, struct lp_error *err)
{
	struct probe_state *p = writer_state(w);
	FILE *out = writer_stream(w);

	probe_lines(out, p->sh->epilogue, p->sh->eol);
	return ferror(out) ? writer_io_error(w, err) : LP_OK;
}

static const char *const probe_tables[] = { "ports", NULL };

const struct export_format export_probe_ps1 = {
	.name = "probe-ps1",
	.summary = "PowerShell port test (Test-NetConnection) of the planned TCP ports (ports table)",
	.tables = probe_tables,
	.begin = probe_begin_ps1,
	.row = probe_row,
	.end = probe_end,
	.release = free,
};

const struct export_format export_probe_sh = {
	.name = "probe-sh",
	.summary = "sh port test (nc -z) of the planned TCP ports (ports table)",
	.tables = probe_tables,
	.begin = probe_begin_sh,
	.row = probe_row,
	.end = probe_end,
	.release = free,
};
