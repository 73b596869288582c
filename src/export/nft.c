/* nft.c - an nftables ruleset for a Linux firewall in front of the servers
 * of the ports table: the table inet lyncplan with one chain per server
 * that accepts the server's planned ports by transport and drops the rest,
 * reached from a forward hook by the server's address. For the flows
 * table, one rule per pair of ends and family: from the source's addresses
 * (any source for a party without addresses) to the destination's.
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
	"A server without an address in the topology has a chain that no rule leads",
	"to: give it an address, or jump to the chain from your own rules.",
	"",
	NULL
};

static const char *const nft_flows_usage[] = {
	"",
	"Check it with `nft -c -f FILE`, load it with `nft -f FILE`: the table inet",
	"lyncplan is replaced as a whole each time. Each flow of the plan is accepted",
	"from its source's addresses (from any source when the source is a party",
	"the topology holds no address for, such as external clients or the",
	"Internet) to its destination's addresses (to any destination likewise) on",
	"its ports, with ICMP and the replies of established connections; anything",
	"else forwarded to a destination of the plan is counted and dropped. A flow",
	"whose ends both lack addresses in the topology (an Edge Server's external",
	"interface has none) has no rule, only a comment: write that rule by hand.",
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

/* A chain name for each group: "to_" and the server's name in [a-z0-9_],
 * with _2, _3 ... where two servers would otherwise share one. Group i's
 * is names->v[i]; false when out of memory. */
static bool nft_chain_names(const struct portset_groups *gs, struct portset_list *names)
{
	size_t i;

	for (i = 0; i < gs->n; i++) {
		char *base = fmt_ascii_only(gs->g[i].key, "", '_'), *p, *name = NULL;
		bool ok;
		int k;

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
	char *tcp = portset_format(&g->tcp, ", ");
	char *udp = portset_format(&g->udp, ", ");
	bool ok = server && pool && role && tcp && udp;

	if (ok) {
		fprintf(out, "\n\t# %s, pool %s (%s)%s\n\tchain %s {\n"
			"\t\tmeta l4proto { icmp, ipv6-icmp } accept\n", server, pool, role,
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

/* "ip saddr { ... } " (dir "saddr") for an end's addresses, "" for any: a
 * new string the caller frees (NULL when out of memory). */
static char *nft_match(const char *fam, const char *dir, const struct portset_list *end)
{
	char *set, *match = NULL;

	if (!end->n)
		return strdup("");
	if ((set = nft_set(end)) && asprintf(&match, "%s %s %s ", fam, dir, set) < 0)
		match = NULL;
	free(set);
	return match;
}

/* The rules of group g for one family (4 or 6): none when an end has
 * addresses but none of this family, or when neither end has one. Sets
 * *written when a rule was written; false when out of memory. */
static bool nft_flow_family(FILE *out, const struct portset_group *g, int family,
			    bool *written)
{
	struct portset_list from = { 0 }, to = { 0 };
	const char *fam = family == 4 ? "ip" : "ip6";
	char *src = NULL, *dst = NULL, *tcp = NULL, *udp = NULL;
	bool ok = portset_addresses(g->from_addresses, family, &from) &&
		  portset_addresses(g->to_addresses, family, &to);

	if (ok && (from.n || to.n) && (from.n || !g->from_addresses[0]) &&
	    (to.n || !g->to_addresses[0])) {
		ok = (src = nft_match(fam, "saddr", &from)) && (dst = nft_match(fam, "daddr", &to)) &&
		     (tcp = portset_format(&g->tcp, ", ")) && (udp = portset_format(&g->udp, ", "));
		if (ok && tcp[0])
			fprintf(out, "\t\t%s%stcp dport { %s } accept\n", src, dst, tcp);
		if (ok && udp[0])
			fprintf(out, "\t\t%s%sudp dport { %s } accept\n", src, dst, udp);
		*written = true;
	}
	portset_list_free(&from);
	portset_list_free(&to);
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

static bool nft_flow(FILE *out, const struct portset_group *g)
{
	bool written = false;

	if (!nft_flow_comment(out, g) || !nft_flow_family(out, g, 4, &written) ||
	    !nft_flow_family(out, g, 6, &written))
		return false;
	if (!written)
		fputs("\t\t# no rule: no addresses of one family for these ends in the topology\n",
		      out);
	return true;
}

/* Drops what else is forwarded to the destinations of the plan. */
static bool nft_flow_drops(FILE *out, const struct portset_groups *gs)
{
	struct portset_list to[2] = { { 0 }, { 0 } };
	bool ok = true;
	size_t i;
	int k;

	for (i = 0; i < gs->n && ok; i++)
		ok = portset_addresses(gs->g[i].to_addresses, 4, &to[0]) &&
		     portset_addresses(gs->g[i].to_addresses, 6, &to[1]);
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

static enum lp_status nft_flows_end(struct writer *w, struct portset_groups *gs,
				    struct lp_error *err)
{
	FILE *out = writer_stream(w);
	enum lp_status s;
	size_t i;

	fputs("#!/usr/sbin/nft -f\n", out);
	s = fmt_script_header(out, "# ", "\n",
			      "nftables rules for the flows of a Lync Server 2013 topology (who talks to whom).",
			      writer_options(w)->topology_name, err);
	if (s != LP_OK)
		return s;
	fmt_comment_lines(out, "# ", "\n", nft_flows_usage);
	fputs("table inet lyncplan\ndelete table inet lyncplan\n\ntable inet lyncplan {\n"
	      "\tchain forward {\n"
	      "\t\ttype filter hook forward priority filter; policy accept;\n"
	      "\t\tct state established,related accept\n"
	      "\t\tmeta l4proto { icmp, ipv6-icmp } accept\n", out);
	for (i = 0; i < gs->n; i++)
		if (!nft_flow(out, &gs->g[i]))
			return lp_fail(err, LP_EIO, "out of memory");
	if (!nft_flow_drops(out, gs))
		return lp_fail(err, LP_EIO, "out of memory");
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

	portset_groups_end(gs);
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
