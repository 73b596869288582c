/* ps1.c - a Windows PowerShell script of New-NetFirewallRule lines for the
 * ports table: per pool, one inbound rule per transport with the pool's
 * ports merged into -LocalPort ranges. The script is run on each server; it
 * applies the rules of the server's own pool only, so names of the form
 * lyncplan-<role>-<TCP|UDP> are unique on a server and a re-run replaces
 * them. For the flows table, the script runs on each destination: by the
 * computer's addresses it applies the inbound rules of the flows toward
 * them, from the source's addresses, or from the zone a party without
 * peers stands for (parameters -InternalZone and -InternetZone). UTF-8 with a BOM (Windows PowerShell
 * 5.1 misreads UTF-8 without), CRLF line ends; every string single-quoted
 * with its quotes doubled. */
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
	"rules rather than adding copies. The pool of an Edge Server or a reverse",
	"proxy has rules per interface: each allows only the pool's addresses on",
	"that interface, and is named lyncplan-<role>-<interface>-TCP (UDP) but",
	"for the internal one; an interface without an address in the topology",
	"has no rule.",
	"",
	NULL
};

static const char *const ps1_flows_usage[] = {
	"",
	"Run it as an administrator on each server:  .\\SCRIPT.ps1 [-Address IP,...]",
	"It takes the addresses of this computer (or those given) and applies the",
	"rules of the flows toward them: one inbound rule per source, destination",
	"and transport, named lyncplan-flow-<from>-to-<to>-<TCP|UDP>, in the group",
	"'lyncplan-flows', allowing the destination's addresses and ports from the",
	"source's addresses. A party with peers in the topology (lyncplan peer add)",
	"has their addresses; one without stands for its zone: internal clients for",
	"-InternalZone (the internal network's prefixes), external clients,",
	"federated partners and the Internet for -InternetZone (every address",
	"outside the internal and perimeter networks, as ranges). Every rule of the",
	"group is removed first, so running the script again replaces the rules.",
	"Flows with an end that has no address in the topology have no rule.",
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
		} else if (!fmt_put_unsafe(out, p)) {
			fwrite(p, 1, n, out);
			if (*p == '\'' || (n == 3 && p[0] == 0xe2 && p[1] == 0x80 &&
					   p[2] >= 0x98 && p[2] <= 0x9b))
				fputc('\'', out);
		}
		p += n;
	}
	fputc('\'', out);
}

/* One New-NetFirewallRule line, for the addresses local ('a','b'; NULL:
 * any); false when out of memory. A rule of an interface but the internal
 * one is named after it. */
static bool ps1_rule(FILE *out, const struct portset_group *g, const char *transport,
		     const struct portset *ports, const struct portset_list *what,
		     const char *local)
{
	bool internal = strcmp(g->interface, "internal") == 0;
	const char *iface = internal ? "" : g->interface, *dash = internal ? "" : "-";
	const char *space = internal ? "" : " ";
	char *role = fmt_ascii_only(g->role, "-", '_');
	char *list = portset_format(ports, "','");
	char *desc = portset_list_join(what, "; ");
	char *name = NULL, *display = NULL;
	bool ok = role && list && desc &&
		  asprintf(&name, "lyncplan-%s%s%s-%s", role, dash, iface, transport) >= 0 &&
		  asprintf(&display, "lyncplan %s%s%s %s (%s)", g->role, space, iface, transport,
			   g->pool) >= 0;

	if (ok) {
		fputs("\tNew-NetFirewallRule -Name ", out);
		ps1_quote(out, name);
		fputs(" -DisplayName ", out);
		ps1_quote(out, display);
		fprintf(out, " -Group 'lyncplan' -Direction Inbound -Action Allow -Profile Any"
			" -Protocol %s", transport);
		if (local)
			fprintf(out, " -LocalAddress %s", local);
		fprintf(out, " -LocalPort '%s' -Description ", list);
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

/* The comment that stands for the rules of an interface without address. */
static bool ps1_no_rule(FILE *out, const struct portset_group *g)
{
	char *iface = fmt_ascii_only(g->interface, FMT_COMMENT_KEEP, '?');

	if (iface)
		fprintf(out, "\t# %s interface: no address in the topology, no rule" PS1_EOL, iface);
	free(iface);
	return iface != NULL;
}

/* Group i of a pool: the block that applies the pool's rules begins with
 * its first group and ends with its last. A pool with several interfaces
 * (an Edge pool, a reverse proxy) has each interface's rules allow its
 * servers' addresses on that interface, and none while it has none. */
static bool ps1_group(FILE *out, const struct portset_groups *gs, size_t i)
{
	const struct portset_group *g = &gs->g[i];
	bool several = !(portset_key_first(gs, i) && portset_key_last(gs, i));
	char *local = NULL, *joined = NULL;
	bool ok = true;
	size_t k;

	if (portset_key_first(gs, i)) {
		char *pool = fmt_ascii_only(g->pool, FMT_COMMENT_KEEP, '?');

		if (!pool)
			return false;
		fprintf(out, PS1_EOL "# Pool %s" PS1_EOL "if (@(", pool);
		free(pool);
		for (k = 0; k < g->servers.n; k++) {
			if (k)
				fputs(", ", out);
			ps1_quote(out, g->servers.v[k]);
		}
		fputs(") -contains $Server) {" PS1_EOL
		      "\tRemove-NetFirewallRule -Group 'lyncplan' -ErrorAction SilentlyContinue" PS1_EOL,
		      out);
	}
	if (several && (!(joined = portset_group_addresses(g, "','")) ||
			(joined[0] && asprintf(&local, "'%s'", joined) < 0)))
		ok = false;
	if (ok && several && !joined[0])
		ok = ps1_no_rule(out, g);
	else if (ok)
		ok = (!g->tcp.n || ps1_rule(out, g, "TCP", &g->tcp, &g->tcp_what, local)) &&
		     (!g->udp.n || ps1_rule(out, g, "UDP", &g->udp, &g->udp_what, local));
	free(joined);
	free(local);
	if (ok && portset_key_last(gs, i))
		fputs("\t$applied = $true" PS1_EOL "}" PS1_EOL, out);
	return ok;
}

/* ---- the flows table ---- */

/* "'a','b'" from the addresses in list (both families), in a new string
 * the caller frees; "" when list holds none; NULL when out of memory. */
static char *ps1_addresses(const char *list)
{
	struct portset_list l = { 0 };
	char *joined = NULL, *quoted = NULL;

	if (portset_addresses(list, 4, &l) && portset_addresses(list, 6, &l) &&
	    (joined = portset_list_join(&l, "','")) &&
	    asprintf(&quoted, l.n ? "'%s'" : "%s", joined) < 0)
		quoted = NULL;
	portset_list_free(&l);
	free(joined);
	return quoted;
}

/* The rule's -Name: "lyncplan-flow-FROM-to-TO-TCP" in [A-Za-z0-9._-]; a new
 * string the caller frees (NULL when out of memory). */
static char *ps1_flow_name(const struct portset_group *g, const char *transport)
{
	char *from = fmt_ascii_only(g->key, ".-", '_'), *to = fmt_ascii_only(g->to, ".-", '_');
	char *name = NULL;

	if (from && to && asprintf(&name, "lyncplan-flow-%s-to-%s-%s", from, to, transport) < 0)
		name = NULL;
	free(from);
	free(to);
	return name;
}

/* One New-NetFirewallRule line of a flow; false when out of memory. */
static bool ps1_flow_rule(FILE *out, const struct portset_group *g, const char *transport,
			  const struct portset *ports, const struct portset_list *what,
			  const char *local, const char *remote)
{
	char *name = ps1_flow_name(g, transport);
	char *list = portset_format(ports, "','");
	char *desc = portset_list_join(what, "; ");
	char *display = NULL;
	bool ok = name && list && desc &&
		  asprintf(&display, "lyncplan %s -> %s (%s)", g->key, g->to, transport) >= 0;

	if (ok) {
		fputs("\tNew-NetFirewallRule -Name ", out);
		ps1_quote(out, name);
		fputs(" -DisplayName ", out);
		ps1_quote(out, display);
		fprintf(out, " -Group 'lyncplan-flows' -Direction Inbound -Action Allow -Profile Any"
			" -Protocol %s -LocalAddress %s -LocalPort '%s' -RemoteAddress %s -Description ",
			transport, local, list, remote);
		ps1_quote(out, desc);
		fputs(" | Out-Null" PS1_EOL, out);
	}
	free(name);
	free(list);
	free(desc);
	free(display);
	return ok;
}

/* An end's addresses as ps1_addresses writes them, or the parameter of
 * the zone it stands for; "" when it has none. */
static char *ps1_remote(const char *addresses, const char *zone)
{
	if (strcmp(zone, "internal") == 0)
		return strdup("$InternalZone");
	if (strcmp(zone, "internet") == 0)
		return strdup("$InternetZone");
	return ps1_addresses(addresses);
}

/* The rules of one pair of ends, applied when this computer has one of the
 * destination's addresses (a zone is no computer); false when out of
 * memory. */
static bool ps1_flow(FILE *out, const struct portset_groups *gs, size_t i)
{
	const struct portset_group *g = &gs->g[i];
	char *from = fmt_ascii_only(g->key, FMT_COMMENT_KEEP, '?');
	char *to = fmt_ascii_only(g->to, FMT_COMMENT_KEEP, '?');
	char *local = g->to_zone[0] ? strdup("") : ps1_addresses(g->to_addresses);
	char *remote = ps1_remote(g->from_addresses, g->from_zone);
	bool ok = from && to && local && remote;

	if (ok)
		fprintf(out, PS1_EOL "# %s -> %s" PS1_EOL, from, to);
	if (ok && (!local[0] || !remote[0])) {
		int n = portset_unaddressed_lines(out, g, "# ", FMT_COMMENT_KEEP, '?', PS1_EOL);

		if (n == 0)
			fputs("# no rule: no address for an end in the topology" PS1_EOL, out);
		ok = n >= 0;
	} else if (ok) {
		fprintf(out, "if (@(%s) | Where-Object { $Address -contains $_ }) {" PS1_EOL, local);
		ok = (!g->tcp.n || ps1_flow_rule(out, g, "TCP", &g->tcp, &g->tcp_what, local, remote)) &&
		     (!g->udp.n || ps1_flow_rule(out, g, "UDP", &g->udp, &g->udp_what, local, remote));
		fputs("\t$applied = $true" PS1_EOL "}" PS1_EOL, out);
	}
	free(from);
	free(to);
	free(local);
	free(remote);
	return ok;
}

/* A script: its heading, usage, the lines before the rules, how it writes
 * the rules of a group, and the lines after them. */
struct ps1_script {
	const char *title;
	const char *const *usage;
	const char *prologue, *epilogue;
	bool (*group)(FILE *out, const struct portset_groups *gs, size_t i);
};

static const struct ps1_script ps1_ports_script = {
	.title = "Windows Firewall rules for the Lync Server 2013 servers of a topology.",
	.usage = ps1_usage,
	.prologue = "#Requires -RunAsAdministrator" PS1_EOL
		    "param([string]$Server)" PS1_EOL
		    "$ErrorActionPreference = 'Stop'" PS1_EOL
		    "if (-not $Server) {" PS1_EOL
		    "\t$cs = Get-CimInstance -ClassName Win32_ComputerSystem" PS1_EOL
		    "\t$Server = $cs.DNSHostName + '.' + $cs.Domain" PS1_EOL
		    "}" PS1_EOL
		    "$applied = $false" PS1_EOL,
	.epilogue = PS1_EOL "if (-not $applied) {" PS1_EOL
		    "\t[Console]::Error.WriteLine('lyncplan: ' + $Server + ' is not a server of this"
		    " topology; name one with -Server FQDN')" PS1_EOL
		    "\texit 1" PS1_EOL
		    "}" PS1_EOL
		    "Get-NetFirewallRule -Group 'lyncplan' | Format-Table -Property Name, DisplayName,"
		    " Enabled" PS1_EOL,
	.group = ps1_group,
};

/* Writes 'a','b' for the items of l, or nothing when it has none. */
static void ps1_list(FILE *out, const struct portset_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		if (i)
			fputc(',', out);
		ps1_quote(out, l->v[i]);
	}
}

/* The flows script's parameters: the zones, filled from the topology when
 * it gives them; a zone a rule needs and nobody gave stops the script. */
static bool ps1_flows_params(FILE *out, const struct export_options *opt,
			     const struct portset_groups *gs)
{
	struct portset_zones z;

	if (!portset_zones_init(&z, gs, opt))
		return false;
	fputs("#Requires -RunAsAdministrator" PS1_EOL "param(" PS1_EOL
	      "\t[string[]]$Address," PS1_EOL
	      "\t# The internal network's prefixes (lyncplan zone set internal)." PS1_EOL
	      "\t[string[]]$InternalZone = @(", out);
	ps1_list(out, &z.internal);
	fputs(")," PS1_EOL
	      "\t# Every address outside the internal and perimeter networks' prefixes." PS1_EOL
	      "\t[string[]]$InternetZone = @(", out);
	ps1_list(out, &z.internet);
	fputs(")" PS1_EOL ")" PS1_EOL "$ErrorActionPreference = 'Stop'" PS1_EOL, out);
	if (z.internal_used && !z.internal_set)
		fputs("if (-not $InternalZone) {" PS1_EOL
		      "\t[Console]::Error.WriteLine('lyncplan: the internal network''s prefixes are not"
		      " in the topology (lyncplan zone set internal --cidr P[,P]...): give them with"
		      " -InternalZone')" PS1_EOL "\texit 2" PS1_EOL "}" PS1_EOL, out);
	if (z.internet_used && !z.internet_set)
		fputs("if (-not $InternetZone) {" PS1_EOL
		      "\t[Console]::Error.WriteLine('lyncplan: the internal and perimeter networks'''"
		      " prefixes are not in the topology (lyncplan zone set internal|perimeter --cidr"
		      " P[,P]...): give the addresses outside them with -InternetZone')" PS1_EOL
		      "\texit 2" PS1_EOL "}" PS1_EOL, out);
	portset_zones_free(&z);
	return true;
}

static const struct ps1_script ps1_flows_script = {
	.title = "Windows Firewall rules for the flows of a Lync Server 2013 topology (who talks to whom).",
	.usage = ps1_flows_usage,
	.prologue = "if (-not $Address) {" PS1_EOL
		    "\t$Address = @(Get-NetIPAddress | ForEach-Object { $_.IPAddress })" PS1_EOL
		    "}" PS1_EOL
		    "Remove-NetFirewallRule -Group 'lyncplan-flows' -ErrorAction SilentlyContinue" PS1_EOL
		    "$applied = $false" PS1_EOL,
	.epilogue = PS1_EOL "if (-not $applied) {" PS1_EOL
		    "\t[Console]::Error.WriteLine('lyncplan: no flow of this topology ends at ' +"
		    " ($Address -join ', ') + '; name addresses with -Address')" PS1_EOL
		    "\texit 1" PS1_EOL
		    "}" PS1_EOL
		    "Get-NetFirewallRule -Group 'lyncplan-flows' | Format-Table -Property Name,"
		    " DisplayName, Enabled" PS1_EOL,
	.group = ps1_flow,
};

static enum lp_status ps1_end(struct writer *w, struct lp_error *err)
{
	struct portset_groups *gs = writer_state(w);
	FILE *out = writer_stream(w);
	const struct ps1_script *script;
	enum lp_status s;
	size_t i;

	if (!portset_groups_end(gs))
		return lp_fail(err, LP_EIO, "out of memory");
	script = gs->flows ? &ps1_flows_script : &ps1_ports_script;
	fputs("\xEF\xBB\xBF", out);
	s = fmt_script_header(out, "# ", PS1_EOL, script->title,
			      writer_options(w)->topology_name, err);
	if (s != LP_OK)
		return s;
	fmt_comment_lines(out, "# ", PS1_EOL, fmt_windows_note);
	fmt_comment_lines(out, "# ", PS1_EOL, script->usage);
	if (gs->flows && !ps1_flows_params(out, writer_options(w), gs))
		return lp_fail(err, LP_EIO, "out of memory");
	fputs(script->prologue, out);
	for (i = 0; i < gs->n; i++)
		if (!script->group(out, gs, i))
			return lp_fail(err, LP_EIO, "out of memory");
	fputs(script->epilogue, out);
	return ferror(out) ? writer_io_error(w, err) : LP_OK;
}

static const char *const ps1_tables[] = { "ports", "flows", NULL };

const struct export_format export_ps1 = {
	.name = "ps1",
	.summary = "PowerShell New-NetFirewallRule script per pool (ports), per flow (flows)",
	.tables = ps1_tables,
	.begin = portset_begin_by_pool,
	.row = portset_row,
	.end = ps1_end,
	.release = portset_release,
};
