/* nft.c - an nftables ruleset for a Linux firewall in front of the servers
 * of the ports table: the table inet lyncplan with one chain per server
 * interface that accepts its planned ports by transport and drops the
 * rest, reached from a forward hook by its address. For the flows
 * table, one rule per pair of ends and family: from the source's addresses
 * to the destination's, a party without peers standing for its zone: the
 * internal prefixes, or every address outside the internal and perimeter
 * prefixes (named by variables defined at the top). An end without
 * addresses gets no rule, never "any".
 * nft has no escape for its identifiers or comments, so chain names and
 * comment text are reduced to a safe charset; addresses are used only when
 * they parse. */
#include "config.h"

#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include "export.h"
#include "fmtutil.h"
#include "portset.h"

#define NFT_CHAIN_MAX 200

static const char *const nft_usage[] = {
	"",
	"Check it with `nft -c -f FILE`, load it with `nft -f FILE`: the table inet",
	"lyncplan is replaced as a whole each time. Traffic forwarded to a server of",
	"the plan is accepted on the server's planned ports, with ICMP and the",
	"replies of established connections; anything else toward that server is",
	"counted and dropped. Only the ports Lync Server 2013 itself needs are",
	"planned: add remote administration, backup and directory traffic by hand.",
	"An Edge Server or a reverse proxy has a chain per interface, reached by",
	"that interface's address. A server (or interface) without an address in",
	"the topology has a chain that no rule leads to: give it an address, or",
	"jump to the chain from your own rules.",
	"",
	NULL
};

static const char *const nft_flows_usage[] = {
	"",
	"Check it with `nft -c -f FILE`, load it with `nft -f FILE`: the table inet",
	"lyncplan is replaced as a whole each time. Each flow of the plan is accepted",
	"from its source's addresses to its destination's addresses on its ports,",
	"with ICMP and the replies of established connections; anything else",
	"forwarded to a destination of the plan, into the internal network from",
	"outside it, or into the perimeter network from the Internet is counted and",
	"dropped. A party with peers in the topology (lyncplan peer add) has their",
	"addresses; one without stands for its zone: internal clients for the",
	"internal network's prefixes ($internal_v4, $internal_v6), external",
	"clients, federated partners and the Internet for every address outside",
	"the internal and perimeter networks'.",
	"A flow with an end that has no address of a family (an Edge Server's",
	"external interface has none) has no rule of that family, only a comment:",
	"give the address, or write that rule by hand.",
	"",
	NULL
};

/* "ip" or "ip6" for an address nft can take, NULL for any other text. */
static const char *nft_family(const char *address)
{
	unsigned char buf[sizeof(struct in6_addr)];

	if (inet_pton(AF_INET, address, buf) == 1)
		return "ip";
	if (inet_pton(AF_INET6, address, buf) == 1)
		return "ip6";
	return NULL;
}

/* True when g's rows are on the internal interface (or a flows group). */
static bool nft_internal(const struct portset_group *g)
{
	return !g->interface || strcmp(g->interface, "internal") == 0;
}

/* A chain name for each group: "to_" and the server's name in [a-z0-9_],
 * then its interface but for the internal one, with _2, _3 ... where two
 * would otherwise share one. Group i's is names->v[i]; false when out of
 * memory. */
static bool nft_chain_names(const struct portset_groups *gs, struct portset_list *names)
{
	size_t i;

	for (i = 0; i < gs->n; i++) {
		const struct portset_group *g = &gs->g[i];
		char *full = NULL, *base, *p, *name = NULL;
		bool ok;
		int k;

		if (asprintf(&full, "%s%s%s", g->key, nft_internal(g) ? "" : "_",
			     nft_internal(g) ? "" : g->interface) < 0)
			return false;
		base = fmt_ascii_only(full, "", '_');
		free(full);
		if (!base)
			return false;
		for (p = base; *p; p++)
			if (*p >= 'A' && *p <= 'Z')
				*p = (char)(*p - 'A' + 'a');
		for (k = 1;; k++) {
			if (asprintf(&name, k == 1 ? "to_%.*s" : "to_%.*s_%d",
				     NFT_CHAIN_MAX, base, k) < 0) {
				name = NULL;
				break;
			}
			if (!portset_list_has(names, name))
				break;
			free(name);
		}
		free(base);
		ok = name && portset_list_add(names, name);
		free(name);
		if (!ok)
			return false;
	}
	return true;
}

static void nft_jumps(FILE *out, const struct portset_groups *gs, char *const *names)
{
	size_t i;

	fputs("\tchain forward {\n"
	      "\t\ttype filter hook forward priority filter; policy accept;\n"
	      "\t\tct state established,related accept\n", out);
	for (i = 0; i < gs->n; i++) {
		const char *address = gs->g[i].addresses[0];
		const char *family = nft_family(address);

		if (family)
			fprintf(out, "\t\t%s daddr %s jump %s\n", family, address, names[i]);
	}
	fputs("\t}\n", out);
}

static bool nft_chain(FILE *out, const struct portset_group *g, const char *name)
{
	char *server = fmt_ascii_only(g->key, FMT_COMMENT_KEEP, '?');
	char *pool = fmt_ascii_only(g->pool, FMT_COMMENT_KEEP, '?');
	char *role = fmt_ascii_only(g->role, FMT_COMMENT_KEEP, '?');
	char *iface = fmt_ascii_only(nft_internal(g) ? "" : g->interface, FMT_COMMENT_KEEP, '?');
	char *tcp = portset_format(&g->tcp, ", ");
	char *udp = portset_format(&g->udp, ", ");
	bool ok = server && pool && role && iface && tcp && udp;

	if (ok) {
		fprintf(out, "\n\t# %s%s%s, pool %s (%s)%s\n\tchain %s {\n"
			"\t\tmeta l4proto { icmp, ipv6-icmp } accept\n", server,
			iface[0] ? " " : "", iface, pool, role,
			nft_family(g->addresses[0]) ? "" : ", no address in the topology", name);
		if (tcp[0])
			fprintf(out, "\t\ttcp dport { %s } accept\n", tcp);
		if (udp[0])
			fprintf(out, "\t\tudp dport { %s } accept\n", udp);
		fputs("\t\tcounter drop\n\t}\n", out);
	}
	free(server);
	free(pool);
	free(role);
	free(iface);
	free(tcp);
	free(udp);
	return ok;
}

/* ---- the flows table ---- */

/* "{ a, b }" from a list of addresses, in a new string the caller frees
 * (NULL when out of memory). */
static char *nft_set(const struct portset_list *l)
{
	char *joined = portset_list_join(l, ", "), *set = NULL;

	if (joined && asprintf(&set, "{ %s }", joined) < 0)
		set = NULL;
	free(joined);
	return set;
}

/* Which zone variables the script defines: [zone][family], zone 0 the
 * internal network, 1 the perimeter; family 0 IPv4, 1 IPv6. */
struct nft_zones {
	bool defined[2][2];
};

static const char *const nft_zone_names[] = { "internal", "perimeter" };

/* "define internal_v4 = { ... }" for each zone and family the topology
 * gives prefixes of, and for each a flow needs: a zone the topology does
 * not give gets a value nft refuses until it is filled in. false when out
 * of memory. */
static bool nft_zone_defines(FILE *out, const struct export_options *opt,
			     const struct portset_groups *gs, struct nft_zones *nz)
{
	const char *prefixes[] = { opt->zone_internal, opt->zone_perimeter };
	struct portset_zones z;
	bool ok = portset_zones_init(&z, gs, opt);
	int k, f;

	memset(nz, 0, sizeof *nz);
	for (k = 0; k < 2 && ok; k++) {
		if (!prefixes[k][0] && !(k == 0 ? z.internal_used || z.internet_used
						  : z.internet_used))
			continue;
		if (!prefixes[k][0])
			fprintf(out, "# The %s network's prefixes are not in the topology (lyncplan zone\n"
				"# set %s --cidr P[,P]...): fill them in here, or nft refuses the file.\n",
				nft_zone_names[k], nft_zone_names[k]);
		for (f = 0; f < 2 && ok; f++) {
			struct portset_list l = { 0 };
			char *set = NULL;

			ok = portset_addresses(prefixes[k], f ? 6 : 4, &l);
			if (ok && !prefixes[k][0])
				fprintf(out, "define %s_v%d = { FILL_IN_%s_IPv%d_prefixes }\n",
					nft_zone_names[k], f ? 6 : 4, nft_zone_names[k], f ? 6 : 4);
			else if (ok && l.n && (ok = (set = nft_set(&l)) != NULL))
				fprintf(out, "define %s_v%d = %s\n", nft_zone_names[k], f ? 6 : 4, set);
			nz->defined[k][f] = ok && (!prefixes[k][0] || l.n);
			free(set);
			portset_list_free(&l);
		}
	}
	portset_zones_free(&z);
	if (ok && (z.internal_used || z.internet_used || prefixes[0][0] || prefixes[1][0]))
		fputc('\n', out);
	return ok;
}

/* "ip saddr { ... } " (dir "saddr") for an end in family (4 or 6) into
 * *match, a new string the caller frees: its own addresses, or the zone it
 * stands for. *match stays NULL when the end has nothing of that family;
 * false when out of memory. */
static bool nft_match(const struct nft_zones *nz, int family, const char *dir,
		      const char *addresses, const char *zone, char **match)
{
	const char *fam = family == 4 ? "ip" : "ip6";
	int f = family == 4 ? 0 : 1, n = 0; /* asprintf's result, < 0: out of memory */
	struct portset_list l = { 0 };
	char *set = NULL;
	bool ok = true;

	*match = NULL;
	if (strcmp(zone, "internal") == 0) {
		if (nz->defined[0][f])
			n = asprintf(match, "%s %s $internal_v%d ", fam, dir, family);
	} else if (strcmp(zone, "internet") == 0) {
		if (nz->defined[0][f] || nz->defined[1][f])
			n = asprintf(match, "%s %s != { %s%s%s%s%s } ", fam, dir,
				     nz->defined[0][f] ? "$internal_v" : "",
				     nz->defined[0][f] ? (f ? "6" : "4") : "",
				     nz->defined[0][f] && nz->defined[1][f] ? ", " : "",
				     nz->defined[1][f] ? "$perimeter_v" : "",
				     nz->defined[1][f] ? (f ? "6" : "4") : "");
	} else if ((ok = portset_addresses(addresses, family, &l)) && l.n &&
		   (ok = (set = nft_set(&l)) != NULL)) {
		n = asprintf(match, "%s %s %s ", fam, dir, set);
	}
	if (n < 0)
		*match = NULL;
	portset_list_free(&l);
	free(set);
	return ok && n >= 0;
}

/* The rules of group g for one family (4 or 6): none when an end has
 * nothing of this family. Sets *written when a rule was written; false
 * when out of memory. */
static bool nft_flow_family(FILE *out, const struct nft_zones *nz,
			    const struct portset_group *g, int family, bool *written)
{
	char *src = NULL, *dst = NULL, *tcp = NULL, *udp = NULL;
	bool ok = nft_match(nz, family, "saddr", g->from_addresses, g->from_zone, &src) &&
		  nft_match(nz, family, "daddr", g->to_addresses, g->to_zone, &dst);

	if (ok && src && dst) {
		ok = (tcp = portset_format(&g->tcp, ", ")) && (udp = portset_format(&g->udp, ", "));
		if (ok && tcp[0])
			fprintf(out, "\t\t%s%stcp dport { %s } accept\n", src, dst, tcp);
		if (ok && udp[0])
			fprintf(out, "\t\t%s%sudp dport { %s } accept\n", src, dst, udp);
		*written = true;
	}
	free(src);
	free(dst);
	free(tcp);
	free(udp);
	return ok;
}

/* Comment lines: the ends, the zones crossed and what each range carries. */
static bool nft_flow_comment(FILE *out, const struct portset_group *g)
{
	char *from = fmt_ascii_only(g->key, FMT_COMMENT_KEEP, '?');
	char *to = fmt_ascii_only(g->to, FMT_COMMENT_KEEP, '?');
	char *direction = fmt_ascii_only(g->direction, FMT_COMMENT_KEEP, '?');
	bool ok = from && to && direction;
	size_t i, k;

	if (ok)
		fprintf(out, "\n\t\t# %s -> %s (%s)\n", from, to, direction);
	for (k = 0; k < 2 && ok; k++) {
		const struct portset_list *what = k ? &g->udp_what : &g->tcp_what;

		for (i = 0; i < what->n && ok; i++) {
			char *line = fmt_ascii_only(what->v[i], FMT_COMMENT_KEEP, '?');

			if ((ok = line != NULL))
				fprintf(out, "\t\t#   %s %s\n", k ? "UDP" : "TCP", line);
			free(line);
		}
	}
	free(from);
	free(to);
	free(direction);
	return ok;
}

static bool nft_flow(FILE *out, const struct nft_zones *nz, const struct portset_group *g)
{
	bool written = false;
	int n;

	if (!nft_flow_comment(out, g) || !nft_flow_family(out, nz, g, 4, &written) ||
	    !nft_flow_family(out, nz, g, 6, &written))
		return false;
	if (written)
		return true;
	n = portset_unaddressed_lines(out, g, "\t\t# ", FMT_COMMENT_KEEP, '?', "\n");
	if (n == 0)
		fputs("\t\t# no rule: no addresses of one family for these ends in the topology\n",
		      out);
	return n >= 0;
}

/* Drops what else is forwarded to the destinations of the plan that have
 * addresses of their own (not to a whole zone). */
static bool nft_flow_drops(FILE *out, const struct portset_groups *gs)
{
	struct portset_list to[2] = { { 0 }, { 0 } };
	bool ok = true;
	size_t i;
	int k;

	for (i = 0; i < gs->n && ok; i++)
		ok = gs->g[i].to_zone[0] ||
		     (portset_addresses(gs->g[i].to_addresses, 4, &to[0]) &&
		      portset_addresses(gs->g[i].to_addresses, 6, &to[1]));
	fputs("\n\t\t# anything else toward a destination of the plan\n", out);
	for (k = 0; k < 2 && ok; k++) {
		char *set = to[k].n ? nft_set(&to[k]) : NULL;

		if (set)
			fprintf(out, "\t\t%s daddr %s counter drop\n", k ? "ip6" : "ip", set);
		ok = set || !to[k].n;
		free(set);
	}
	portset_list_free(&to[0]);
	portset_list_free(&to[1]);
	return ok;
}

/* Drops what else comes into a zone from outside it: into the internal
 * network from anywhere else, into the perimeter from the Internet (what
 * is outside both), for each family the zone has prefixes of. */
static void nft_zone_drops(FILE *out, const struct nft_zones *nz)
{
	int f;

	fputs("\t\t# anything else into the internal network from outside it, and into\n"
	      "\t\t# the perimeter network from the Internet\n", out);
	for (f = 0; f < 2; f++) {
		const char *ip = f ? "ip6" : "ip";
		int v = f ? 6 : 4;

		if (nz->defined[0][f])
			fprintf(out, "\t\t%s saddr != $internal_v%d %s daddr $internal_v%d counter drop\n",
				ip, v, ip, v);
		if (nz->defined[1][f] && nz->defined[0][f])
			fprintf(out, "\t\t%s saddr != { $internal_v%d, $perimeter_v%d } %s daddr"
				" $perimeter_v%d counter drop\n", ip, v, v, ip, v);
		else if (nz->defined[1][f])
			fprintf(out, "\t\t%s saddr != $perimeter_v%d %s daddr $perimeter_v%d counter drop\n",
				ip, v, ip, v);
	}
}

static enum lp_status nft_flows_end(struct writer *w, struct portset_groups *gs,
				    struct lp_error *err)
{
	FILE *out = writer_stream(w);
	struct nft_zones nz;
	enum lp_status s;
	size_t i;

	fputs("#!/usr/sbin/nft -f\n", out);
	s = fmt_script_header(out, "# ", "\n",
			      "nftables rules for the flows of a Lync Server 2013 topology (who talks to whom).",
			      writer_options(w)->topology_name, err);
	if (s != LP_OK)
		return s;
	fmt_comment_lines(out, "# ", "\n", nft_flows_usage);
	if (!nft_zone_defines(out, writer_options(w), gs, &nz))
		return lp_fail(err, LP_EIO, "out of memory");
	fputs("table inet lyncplan\ndelete table inet lyncplan\n\ntable inet lyncplan {\n"
	      "\tchain forward {\n"
	      "\t\ttype filter hook forward priority filter; policy accept;\n"
	      "\t\tct state established,related accept\n"
	      "\t\tmeta l4proto { icmp, ipv6-icmp } accept\n", out);
	for (i = 0; i < gs->n; i++)
		if (!nft_flow(out, &nz, &gs->g[i]))
			return lp_fail(err, LP_EIO, "out of memory");
	if (!nft_flow_drops(out, gs))
		return lp_fail(err, LP_EIO, "out of memory");
	nft_zone_drops(out, &nz);
	fputs("\t}\n}\n", out);
	return ferror(out) ? writer_io_error(w, err) : LP_OK;
}

static enum lp_status nft_end(struct writer *w, struct lp_error *err)
{
	struct portset_groups *gs = writer_state(w);
	FILE *out = writer_stream(w);
	struct portset_list names = { 0 };
	enum lp_status s = LP_OK;
	size_t i;

	if (!portset_groups_end(gs))
		return lp_fail(err, LP_EIO, "out of memory");
	if (gs->flows)
		return nft_flows_end(w, gs, err);
	if (!nft_chain_names(gs, &names)) {
		s = lp_fail(err, LP_EIO, "out of memory");
		goto done;
	}
	fputs("#!/usr/sbin/nft -f\n", out);
	s = fmt_script_header(out, "# ", "\n",
			      "nftables rules for a firewall in front of the Lync Server 2013 servers of a topology.",
			      writer_options(w)->topology_name, err);
	if (s != LP_OK)
		goto done;
	fmt_comment_lines(out, "# ", "\n", nft_usage);
	fputs("table inet lyncplan\ndelete table inet lyncplan\n\ntable inet lyncplan {\n", out);
	nft_jumps(out, gs, names.v);
	for (i = 0; i < gs->n && s == LP_OK; i++)
		if (!nft_chain(out, &gs->g[i], names.v[i]))
			s = lp_fail(err, LP_EIO, "out of memory");
	fputs("}\n", out);
	if (s == LP_OK && ferror(out))
		s = writer_io_error(w, err);
done:
	portset_list_free(&names);
	return s;
}

static const char *const nft_tables[] = { "ports", "flows", NULL };

const struct export_format export_nft = {
	.name = "nft",
	.summary = "nftables ruleset: a chain per server (ports table), a rule per flow (flows)",
	.tables = nft_tables,
	.begin = portset_begin_by_server,
	.row = portset_row,
	.end = nft_end,
	.release = portset_release,
};
