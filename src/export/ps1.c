/* ps1.c - a Windows PowerShell script of New-NetFirewallRule lines for the
 * ports table: per pool, one inbound rule per transport with the pool's
 * ports merged into -LocalPort ranges. The script is run on each server; it
 * applies the rules of the server's own pool only, so names of the form
 * lyncplan-<role>-<TCP|UDP> are unique on a server and a re-run replaces
 * them. UTF-8 with a BOM (Windows PowerShell 5.1 misreads UTF-8 without),
 * CRLF line ends; every string single-quoted with its quotes doubled. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "export.h"
#include "fmtutil.h"
#include "portset.h"

#define PS1_EOL "\r\n"

static const char *const ps1_usage[] = {
	"",
	"Run it as an administrator on each Lync server:  .\\SCRIPT.ps1 [-Server FQDN]",
	"It finds the pool of the server (by default this computer's FQDN) and",
	"applies that pool's rules only: one inbound rule per transport, named",
	"lyncplan-<role>-TCP and lyncplan-<role>-UDP, in the group 'lyncplan'. A server",
	"is in one pool, so the names are unique on it; every rule of the group",
	"'lyncplan' is removed first, so running the script again replaces the",
	"rules rather than adding copies.",
	"",
	NULL
};

/* Writes s as a PowerShell single-quoted string. PowerShell takes the
 * typographic quotes U+2018-U+201B for ' too, so each quote of any kind is
 * doubled; line breaks and other controls become spaces. */
static void ps1_quote(FILE *out, const char *s)
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
		} else {
			fwrite(p, 1, n, out);
			if (*p == '\'' || (n == 3 && p[0] == 0xe2 && p[1] == 0x80 &&
					   p[2] >= 0x98 && p[2] <= 0x9b))
				fputc('\'', out);
		}
		p += n;
	}
	fputc('\'', out);
}

/* One New-NetFirewallRule line; false when out of memory. */
static bool ps1_rule(FILE *out, const struct portset_group *g, const char *transport,
		     const struct portset *ports, const struct portset_list *what)
{
	char *role = fmt_ascii_only(g->role, "-", '_');
	char *list = portset_format(ports, "','");
	char *desc = portset_list_join(what, "; ");
	char *name = NULL, *display = NULL;
	bool ok = role && list && desc &&
		  asprintf(&name, "lyncplan-%s-%s", role, transport) >= 0 &&
		  asprintf(&display, "lyncplan %s %s (%s)", g->role, transport, g->pool) >= 0;

	if (ok) {
		fputs("\tNew-NetFirewallRule -Name ", out);
		ps1_quote(out, name);
		fputs(" -DisplayName ", out);
		ps1_quote(out, display);
		fprintf(out, " -Group 'lyncplan' -Direction Inbound -Action Allow -Profile Any"
			" -Protocol %s -LocalPort '%s' -Description ", transport, list);
		ps1_quote(out, desc);
		fputs(" | Out-Null" PS1_EOL, out);
	}
	free(role);
	free(list);
	free(desc);
	free(name);
	free(display);
	return ok;
}

static bool ps1_group(FILE *out, const struct portset_group *g)
{
	char *pool = fmt_ascii_only(g->pool, FMT_COMMENT_KEEP, '?');
	size_t i;

	if (!pool)
		return false;
	fprintf(out, PS1_EOL "# Pool %s" PS1_EOL "if (@(", pool);
	free(pool);
	for (i = 0; i < g->servers.n; i++) {
		if (i)
			fputs(", ", out);
		ps1_quote(out, g->servers.v[i]);
	}
	fputs(") -contains $Server) {" PS1_EOL
	      "\tRemove-NetFirewallRule -Group 'lyncplan' -ErrorAction SilentlyContinue" PS1_EOL, out);
	if ((g->tcp.n && !ps1_rule(out, g, "TCP", &g->tcp, &g->tcp_what)) ||
	    (g->udp.n && !ps1_rule(out, g, "UDP", &g->udp, &g->udp_what)))
		return false;
	fputs("\t$applied = $true" PS1_EOL "}" PS1_EOL, out);
	return true;
}

static enum lp_status ps1_end(struct writer *w, struct lp_error *err)
{
	struct portset_groups *gs = writer_state(w);
	FILE *out = writer_stream(w);
	enum lp_status s;
	size_t i;

	portset_groups_end(gs);
	fputs("\xEF\xBB\xBF", out);
	s = fmt_script_header(out, "# ", PS1_EOL,
			      "Windows Firewall rules for the Lync Server 2013 servers of a topology.",
			      writer_options(w)->topology_name, err);
	if (s != LP_OK)
		return s;
	fmt_comment_lines(out, "# ", PS1_EOL, fmt_windows_note);
	fmt_comment_lines(out, "# ", PS1_EOL, ps1_usage);
	fputs("#Requires -RunAsAdministrator" PS1_EOL
	      "param([string]$Server)" PS1_EOL
	      "$ErrorActionPreference = 'Stop'" PS1_EOL
	      "if (-not $Server) {" PS1_EOL
	      "\t$cs = Get-CimInstance -ClassName Win32_ComputerSystem" PS1_EOL
	      "\t$Server = $cs.DNSHostName + '.' + $cs.Domain" PS1_EOL
	      "}" PS1_EOL
	      "$applied = $false" PS1_EOL, out);
	for (i = 0; i < gs->n; i++)
		if (!ps1_group(out, &gs->g[i]))
			return lp_fail(err, LP_EIO, "out of memory");
	fputs(PS1_EOL "if (-not $applied) {" PS1_EOL
	      "\t[Console]::Error.WriteLine('lyncplan: ' + $Server + ' is not a server of this"
	      " topology; name one with -Server FQDN')" PS1_EOL
	      "\texit 1" PS1_EOL
	      "}" PS1_EOL
	      "Get-NetFirewallRule -Group 'lyncplan' | Format-Table -Property Name, DisplayName, Enabled"
	      PS1_EOL, out);
	return ferror(out) ? writer_io_error(w, err) : LP_OK;
}

static const char *const ps1_tables[] = { "ports", NULL };

const struct export_format export_ps1 = {
	.name = "ps1",
	.summary = "PowerShell New-NetFirewallRule script per pool (ports table)",
	.tables = ps1_tables,
	.begin = portset_begin_by_pool,
	.row = portset_row,
	.end = ps1_end,
	.release = portset_release,
};
