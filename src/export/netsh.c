/* netsh.c - the PowerShell rules again as `netsh advfirewall firewall add
 * rule` lines in a .cmd file, for servers where only cmd.exe is at hand
 * (for the flows table: localip= and remoteip= from the ends' addresses, or
 * from the variables of the zones a party without peers stands for).
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
	"running the script again replaces them rather than adding copies. The pool",
	"of an Edge Server or a reverse proxy has rules per interface, each allowing",
	"only the pool's addresses there (localip), named lyncplan-ROLE-INTERFACE-TCP",
	"but for the internal one; an interface without an address in the topology",
	"has no rule. Names and descriptions keep only letters, digits, spaces and",
	".,:;/_+()- (anything else became _).",
	"",
	NULL
};

static const char *const netsh_flows_usage[] = {
	"",
	"Run it as an administrator on each server:  SCRIPT.cmd [ADDRESS ...]",
	"It takes the addresses given (by default the IPv4 addresses ipconfig lists)",
	"and applies the rules of the flows toward them: one inbound rule per",
	"source, destination and transport, named lyncplan-flow-FROM-to-TO-TCP or",
	"-UDP, allowing the destination's addresses (localip) and ports from the",
	"source's addresses (remoteip). A party with peers in the topology (lyncplan",
	"peer add) has their addresses; one without stands for its zone: internal",
	"clients for LP_INTERNAL_ZONE (the internal network's prefixes), external",
	"clients, federated partners and the Internet for LP_INTERNET_ZONE (every",
	"address outside the internal and perimeter networks, as ranges), both set",
	"below. Flows with an end that has no address in the topology have no",
	"rule. The rules of those names are deleted first, so running the script",
	"again replaces them. Names and descriptions keep only letters, digits,",
	"spaces and .,:;/_+()- (anything else became _).",
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

/* The lines that replace rule NAME-TRANSPORT: inbound, allowing ports,
 * with localip and remoteip only when given (NULL: the rule names none),
 * and a description of head then what the ports are for. */
static bool netsh_add(FILE *out, const char *name, const char *transport,
		      const struct portset *ports, const struct portset_list *what,
		      const char *local, const char *remote, const char *head)
{
	char *list = portset_format(ports, ",");
	char *joined = portset_list_join(what, "; ");
	char *desc = joined ? fmt_ascii_only(joined, CMD_KEEP, '_') : NULL;

	if (list && desc) {
		fprintf(out, "netsh advfirewall firewall delete rule name=\"%s-%s\" >nul 2>&1" CMD_EOL,
			name, transport);
		fprintf(out, "netsh advfirewall firewall add rule name=\"%s-%s\" dir=in action=allow"
			" protocol=%s", name, transport, transport);
		if (local)
			fprintf(out, " localip=%s", local);
		fprintf(out, " localport=%s", list);
		if (remote)
			fprintf(out, " remoteip=%s", remote);
		fprintf(out, " description=\"%s%s\"" CMD_EOL "if errorlevel 1 exit /b 1" CMD_EOL,
			head, desc);
	}
	free(list);
	free(joined);
	free(desc);
	return list && desc;
}

/* A pool's rule for one transport on g's interface, for the addresses
 * local (NULL: any), named after the role and the interface but for the
 * internal one. */
static bool netsh_rule(FILE *out, const struct portset_group *g, const char *role,
		       const char *pool, const char *transport, const struct portset *ports,
		       const struct portset_list *what, const char *local)
{
	bool internal = strcmp(g->interface, "internal") == 0;
	char *iface = fmt_ascii_only(internal ? "" : g->interface, "-", '_');
	char *name = NULL, *head = NULL;
	bool ok = iface != NULL;

	if (!ok || asprintf(&name, "lyncplan-%s%s%s", role, internal ? "" : "-", iface) < 0)
		name = NULL;
	if (!ok || asprintf(&head, "lyncplan %s%s%s %s (%s): ", role, internal ? "" : " ", iface,
			    transport, pool) < 0)
		head = NULL;
	ok = name && head && netsh_add(out, name, transport, ports, what, local, NULL, head);
	free(iface);
	free(name);
	free(head);
	return ok;
}

/* Group i of the pool numbered n: the pool's label comes with its first
 * group, its exit after its last. A pool with several interfaces has each
 * interface's rules allow its servers' addresses there, none without. */
static bool netsh_group(FILE *out, const struct portset_groups *gs, size_t i, size_t n)
{
	const struct portset_group *g = &gs->g[i];
	bool several = !(portset_key_first(gs, i) && portset_key_last(gs, i));
	char *role = fmt_ascii_only(g->role, "-", '_');
	char *pool = fmt_ascii_only(g->pool, CMD_KEEP, '_');
	char *iface = fmt_ascii_only(g->interface, "-", '_');
	char *local = several ? portset_group_addresses(g, ",") : NULL;
	bool ok = role && pool && iface && (!several || local);

	if (ok && portset_key_first(gs, i))
		fprintf(out, CMD_EOL ":pool%zu" CMD_EOL "rem Pool %s" CMD_EOL, n, pool);
	if (ok && several && !local[0])
		fprintf(out, "rem %s interface: no address in the topology, no rule" CMD_EOL, iface);
	else if (ok)
		ok = (!g->tcp.n || netsh_rule(out, g, role, pool, "TCP", &g->tcp, &g->tcp_what,
					      local)) &&
		     (!g->udp.n || netsh_rule(out, g, role, pool, "UDP", &g->udp, &g->udp_what,
					      local));
	if (ok && portset_key_last(gs, i))
		fputs("exit /b 0" CMD_EOL, out);
	free(role);
	free(pool);
	free(iface);
	free(local);
	return ok;
}

/* ---- the flows table ---- */

/* The addresses of list (both families) joined with sep, in a new string
 * the caller frees ("" when none; NULL when out of memory). Addresses hold
 * only hex digits, dots and colons: nothing cmd.exe reads. */
static char *netsh_addresses(const char *list, const char *sep)
{
	struct portset_list l = { 0 };
	char *joined = NULL;

	if (portset_addresses(list, 4, &l) && portset_addresses(list, 6, &l))
		joined = portset_list_join(&l, sep);
	portset_list_free(&l);
	return joined;
}

/* Lines that set LP_ON when one of the destination's addresses is ours. */
static bool netsh_flow_match(FILE *out, const char *to_addresses)
{
	struct portset_list l = { 0 };
	size_t i;
	bool ok = portset_addresses(to_addresses, 4, &l) && portset_addresses(to_addresses, 6, &l);

	fputs("set LP_ON=" CMD_EOL, out);
	for (i = 0; ok && i < l.n; i++)
		fprintf(out, "if not \"!LP_ADDRS: %s =!\"==\"!LP_ADDRS!\" set LP_ON=1" CMD_EOL, l.v[i]);
	portset_list_free(&l);
	return ok;
}

/* An end's addresses as netsh_addresses writes them, or the variable of
 * the zone it stands for; "" when it has none. */
static char *netsh_remote(const char *addresses, const char *zone)
{
	if (strcmp(zone, "internal") == 0)
		return strdup("%LP_INTERNAL_ZONE%");
	if (strcmp(zone, "internet") == 0)
		return strdup("%LP_INTERNET_ZONE%");
	return netsh_addresses(addresses, ",");
}

/* The rules of pair n, skipped (goto) unless this computer is its
 * destination (a zone is no computer); false when out of memory. */
static bool netsh_flow(FILE *out, const struct portset_group *g, size_t n)
{
	char *from = fmt_ascii_only(g->key, CMD_KEEP, '_'), *to = fmt_ascii_only(g->to, CMD_KEEP, '_');
	char *nfrom = fmt_ascii_only(g->key, ".-", '_'), *nto = fmt_ascii_only(g->to, ".-", '_');
	char *local = g->to_zone[0] ? strdup("") : netsh_addresses(g->to_addresses, ",");
	char *remote = netsh_remote(g->from_addresses, g->from_zone);
	char *name = NULL;
	bool ok = from && to && nfrom && nto && local && remote &&
		  asprintf(&name, "lyncplan-flow-%s-to-%s", nfrom, nto) >= 0;

	if (ok)
		fprintf(out, CMD_EOL "rem Flow from %s to %s" CMD_EOL, from, to);
	if (ok && (!local[0] || !remote[0])) {
		int k = portset_unaddressed_lines(out, g, "rem ", CMD_KEEP, '_', CMD_EOL);

		if (k == 0)
			fputs("rem no rule: no address for an end in the topology" CMD_EOL, out);
		ok = k >= 0;
	} else if (ok && (ok = netsh_flow_match(out, g->to_addresses))) {
		fprintf(out, "if not defined LP_ON goto flow%zu" CMD_EOL, n);
		ok = (!g->tcp.n ||
		      netsh_add(out, name, "TCP", &g->tcp, &g->tcp_what, local, remote, "")) &&
		     (!g->udp.n ||
		      netsh_add(out, name, "UDP", &g->udp, &g->udp_what, local, remote, ""));
		fprintf(out, "set LP_APPLIED=1" CMD_EOL ":flow%zu" CMD_EOL, n);
	}
	free(from);
	free(to);
	free(nfrom);
	free(nto);
	free(local);
	free(remote);
	free(name);
	return ok;
}

/* The lines every script starts with: echo off, its heading and usage. */
static enum lp_status netsh_head(struct writer *w, const char *title, const char *const *usage,
				 struct lp_error *err)
{
	FILE *out = writer_stream(w);
	enum lp_status s;

	fputs("@echo off" CMD_EOL, out);
	s = fmt_script_header(out, "rem ", CMD_EOL, title, writer_options(w)->topology_name, err);
	if (s != LP_OK)
		return s;
	fmt_comment_lines(out, "rem ", CMD_EOL, fmt_windows_note);
	fmt_comment_lines(out, "rem ", CMD_EOL, usage);
	return LP_OK;
}

/* The zones' variables, set from the topology when it gives them; a zone
 * a rule needs and nobody set stops the script. false when out of
 * memory. */
static bool netsh_zones(FILE *out, const struct export_options *opt,
			const struct portset_groups *gs)
{
	struct portset_zones z;
	char *internal, *internet;
	bool ok;

	if (!portset_zones_init(&z, gs, opt))
		return false;
	internal = portset_list_join(&z.internal, ",");
	internet = portset_list_join(&z.internet, ",");
	if ((ok = internal && internet)) {
		fprintf(out, "rem The internal network's prefixes (lyncplan zone set internal)." CMD_EOL
			"set \"LP_INTERNAL_ZONE=%s\"" CMD_EOL
			"rem Every address outside the internal and perimeter networks' prefixes." CMD_EOL
			"set \"LP_INTERNET_ZONE=%s\"" CMD_EOL, internal, internet);
		if (z.internal_used && !z.internal_set)
			fputs("if defined LP_INTERNAL_ZONE goto internal_zone" CMD_EOL
			      "echo lyncplan: the internal network's prefixes are not in the topology:"
			      " set LP_INTERNAL_ZONE in this script, or run lyncplan zone set internal"
			      " --cidr P,P... and export again 1>&2" CMD_EOL
			      "exit /b 2" CMD_EOL ":internal_zone" CMD_EOL, out);
		if (z.internet_used && !z.internet_set)
			fputs("if defined LP_INTERNET_ZONE goto internet_zone" CMD_EOL
			      "echo lyncplan: the internal and perimeter networks' prefixes are not in the"
			      " topology: set LP_INTERNET_ZONE in this script, or run lyncplan zone set"
			      " internal --cidr P,P... and lyncplan zone set perimeter --cidr P,P... and"
			      " export again 1>&2" CMD_EOL
			      "exit /b 2" CMD_EOL ":internet_zone" CMD_EOL, out);
	}
	free(internal);
	free(internet);
	portset_zones_free(&z);
	return ok;
}

static enum lp_status netsh_flows_end(struct writer *w, struct portset_groups *gs,
				      struct lp_error *err)
{
	FILE *out = writer_stream(w);
	enum lp_status s;
	size_t i;

	s = netsh_head(w, "Windows Firewall rules (netsh) for the flows of a Lync Server 2013 topology.",
		       netsh_flows_usage, err);
	if (s != LP_OK)
		return s;
	fputs("setlocal EnableExtensions EnableDelayedExpansion" CMD_EOL, out);
	if (!netsh_zones(out, writer_options(w), gs))
		return lp_fail(err, LP_EIO, "out of memory");
	fputs("set \"LP_ADDRS= %* \"" CMD_EOL
	      "if \"%~1\"==\"\" for /f \"tokens=2 delims=:\" %%a in ('ipconfig ^| findstr /c:\"IPv4\"')"
	      " do set \"LP_ADDRS=!LP_ADDRS!%%a \"" CMD_EOL
	      "set LP_APPLIED=" CMD_EOL, out);
	for (i = 0; i < gs->n; i++)
		if (!netsh_flow(out, &gs->g[i], i + 1))
			return lp_fail(err, LP_EIO, "out of memory");
	fputs(CMD_EOL "if defined LP_APPLIED exit /b 0" CMD_EOL
	      "echo lyncplan: no flow of this topology ends at!LP_ADDRS!; name addresses as"
	      " arguments 1>&2" CMD_EOL
	      "exit /b 1" CMD_EOL, out);
	return ferror(out) ? writer_io_error(w, err) : LP_OK;
}

static enum lp_status netsh_end(struct writer *w, struct lp_error *err)
{
	struct portset_groups *gs = writer_state(w);
	FILE *out = writer_stream(w);
	enum lp_status s;
	size_t i, n;

	if (!portset_groups_end(gs))
		return lp_fail(err, LP_EIO, "out of memory");
	if (gs->flows)
		return netsh_flows_end(w, gs, err);
	s = netsh_head(w, "Windows Firewall rules (netsh) for the Lync Server 2013 servers of a topology.",
		       netsh_usage, err);
	if (s != LP_OK)
		return s;
	fputs("setlocal EnableExtensions EnableDelayedExpansion" CMD_EOL
	      "set \"LP_HOST=%~1\"" CMD_EOL
	      "if not defined LP_HOST set \"LP_HOST=%COMPUTERNAME%\"" CMD_EOL
	      "set LP_POOL=" CMD_EOL, out);
	for (i = 0, n = 0; i < gs->n; i++)
		if (portset_key_first(gs, i) && !netsh_match(out, &gs->g[i], ++n))
			return lp_fail(err, LP_EIO, "out of memory");
	fputs("if defined LP_POOL goto pool%LP_POOL%" CMD_EOL
	      "echo lyncplan: !LP_HOST! is not a server of this topology;"
	      " name one as the first argument 1>&2" CMD_EOL
	      "exit /b 1" CMD_EOL, out);
	for (i = 0, n = 0; i < gs->n; i++)
		if (!netsh_group(out, gs, i, n += portset_key_first(gs, i)))
			return lp_fail(err, LP_EIO, "out of memory");
	return ferror(out) ? writer_io_error(w, err) : LP_OK;
}

static const char *const netsh_tables[] = { "ports", "flows", NULL };

const struct export_format export_netsh = {
	.name = "netsh",
	.summary = "cmd.exe script of netsh advfirewall rules per pool (ports), per flow (flows)",
	.tables = netsh_tables,
	.begin = portset_begin_by_pool,
	.row = portset_row,
	.end = netsh_end,
	.release = portset_release,
};
