/* netsh.c - the PowerShell rules again as `netsh advfirewall firewall add
 * rule` lines in a .cmd file, for servers where only cmd.exe is at hand.
 * cmd.exe expands % and ! and treats ^ & | < > " specially even inside
 * quotes in some positions, so rather than escaping, every text from the
 * topology is reduced to letters, digits and a few inert characters. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "export.h"
#include "fmtutil.h"
#include "portset.h"

#define CMD_EOL "\r\n"
/* Characters that mean nothing to cmd.exe inside double quotes (the usage
 * text below lists them too). */
#define CMD_KEEP " .,:;/_+()-"

static const char *const netsh_usage[] = {
	"",
	"Run it as an administrator on each Lync server:  SCRIPT.cmd [SERVER-FQDN]",
	"It finds the pool of the server (by default this computer, by its name)",
	"and applies that pool's rules only: one inbound rule per transport, named",
	"lyncplan-ROLE-TCP and lyncplan-ROLE-UDP. A server is in one pool, so",
	"the names are unique on it; the rules of those names are deleted first, so",
	"running the script again replaces them rather than adding copies. Names",
	"and descriptions keep only letters, digits, spaces and .,:;/_+()- (anything",
	"else became _).",
	"",
	NULL
};

/* Lines that pick pool number `n` when the host is one of g's servers,
 * by FQDN or by its first label (the computer name). */
static bool netsh_match(FILE *out, const struct portset_group *g, size_t n)
{
	size_t i;

	for (i = 0; i < g->servers.n; i++) {
		char *fqdn = fmt_ascii_only(g->servers.v[i], ".-", '_');
		size_t label;

		if (!fqdn)
			return false;
		label = strcspn(fqdn, ".");
		fprintf(out, "if /i \"!LP_HOST!\"==\"%s\" set LP_POOL=%zu" CMD_EOL, fqdn, n);
		if (fqdn[label])
			fprintf(out, "if /i \"!LP_HOST!\"==\"%.*s\" set LP_POOL=%zu" CMD_EOL,
				(int)label, fqdn, n);
		free(fqdn);
	}
	return true;
}

static bool netsh_rule(FILE *out, const char *role, const char *pool, const char *transport,
		       const struct portset *ports, const struct portset_list *what)
{
	char *list = portset_format(ports, ",");
	char *joined = portset_list_join(what, "; ");
	char *desc = joined ? fmt_ascii_only(joined, CMD_KEEP, '_') : NULL;

	if (list && desc) {
		fprintf(out, "netsh advfirewall firewall delete rule name=\"lyncplan-%s-%s\" >nul 2>&1" CMD_EOL,
			role, transport);
		fprintf(out, "netsh advfirewall firewall add rule name=\"lyncplan-%s-%s\" dir=in"
			" action=allow protocol=%s localport=%s description=\"lyncplan %s %s (%s): %s\""
			CMD_EOL "if errorlevel 1 exit /b 1" CMD_EOL,
			role, transport, transport, list, role, transport, pool, desc);
	}
	free(list);
	free(joined);
	free(desc);
	return list && desc;
}

static bool netsh_group(FILE *out, const struct portset_group *g, size_t n)
{
	char *role = fmt_ascii_only(g->role, "-", '_');
	char *pool = fmt_ascii_only(g->pool, CMD_KEEP, '_');
	bool ok = role && pool;

	if (ok) {
		fprintf(out, CMD_EOL ":pool%zu" CMD_EOL "rem Pool %s" CMD_EOL, n, pool);
		ok = (!g->tcp.n || netsh_rule(out, role, pool, "TCP", &g->tcp, &g->tcp_what)) &&
		     (!g->udp.n || netsh_rule(out, role, pool, "UDP", &g->udp, &g->udp_what));
		fputs("exit /b 0" CMD_EOL, out);
	}
	free(role);
	free(pool);
	return ok;
}

static enum lp_status netsh_end(struct writer *w, struct lp_error *err)
{
	struct portset_groups *gs = writer_state(w);
	FILE *out = writer_stream(w);
	enum lp_status s;
	size_t i;

	portset_groups_end(gs);
	fputs("@echo off" CMD_EOL, out);
	s = fmt_script_header(out, "rem ", CMD_EOL,
			      "Windows Firewall rules (netsh) for the Lync Server 2013 servers of a topology.",
			      writer_options(w)->topology_name, err);
	if (s != LP_OK)
		return s;
	fmt_comment_lines(out, "rem ", CMD_EOL, fmt_windows_note);
	fmt_comment_lines(out, "rem ", CMD_EOL, netsh_usage);
	fputs("setlocal EnableExtensions EnableDelayedExpansion" CMD_EOL
	      "set \"LP_HOST=%~1\"" CMD_EOL
	      "if not defined LP_HOST set \"LP_HOST=%COMPUTERNAME%\"" CMD_EOL
	      "set LP_POOL=" CMD_EOL, out);
	for (i = 0; i < gs->n; i++)
		if (!netsh_match(out, &gs->g[i], i + 1))
			return lp_fail(err, LP_EIO, "out of memory");
	fputs("if defined LP_POOL goto pool%LP_POOL%" CMD_EOL
	      "echo lyncplan: !LP_HOST! is not a server of this topology;"
	      " name one as the first argument 1>&2" CMD_EOL
	      "exit /b 1" CMD_EOL, out);
	for (i = 0; i < gs->n; i++)
		if (!netsh_group(out, &gs->g[i], i + 1))
			return lp_fail(err, LP_EIO, "out of memory");
	return ferror(out) ? writer_io_error(w, err) : LP_OK;
}

static const char *const netsh_tables[] = { "ports", NULL };

const struct export_format export_netsh = {
	.name = "netsh",
	.summary = "cmd.exe script of netsh advfirewall rules per pool (ports table)",
	.tables = netsh_tables,
	.begin = portset_begin_by_pool,
	.row = portset_row,
	.end = netsh_end,
	.release = portset_release,
};
