/* nft.c - an nftables ruleset for a Linux firewall in front of the servers
 * of the ports table: the table inet lyncplan with one chain per server
 * that accepts the server's planned ports by transport and drops the rest,
 * reached from a forward hook by the server's address. nft has no escape
 * for its identifiers or comments, so chain names and comment text are
 * reduced to a safe charset; addresses are used only when they parse. */
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

static bool nft_name_taken(char *const *names, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(names[i], name) == 0)
			return true;
	return false;
}

/* A chain name for each group: "to_" and the server's name in [a-z0-9_],
 * with _2, _3 ... where two servers would otherwise share one. Fills
 * names[] with new strings the caller frees; false when out of memory. */
static bool nft_chain_names(const struct portset_groups *gs, char **names)
{
	size_t i;

	for (i = 0; i < gs->n; i++) {
		char *base = fmt_ascii_only(gs->g[i].key, "", '_'), *p;
		int k;

		if (!base)
			return false;
		for (p = base; *p; p++)
			if (*p >= 'A' && *p <= 'Z')
				*p = (char)(*p - 'A' + 'a');
		for (k = 1;; k++) {
			if (asprintf(&names[i], k == 1 ? "to_%.*s" : "to_%.*s_%d",
				     NFT_CHAIN_MAX, base, k) < 0) {
				names[i] = NULL;
				break;
			}
			if (!nft_name_taken(names, i, names[i]))
				break;
			free(names[i]);
		}
		free(base);
		if (!names[i])
			return false;
	}
	return true;
}

static void nft_jumps(FILE *out, const struct portset_groups *gs, char **names)
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

static enum lp_status nft_end(struct writer *w, struct lp_error *err)
{
	struct portset_groups *gs = writer_state(w);
	FILE *out = writer_stream(w);
	char **names = calloc(gs->n + 1, sizeof *names);
	enum lp_status s = LP_OK;
	size_t i;

	portset_groups_end(gs);
	if (!names || !nft_chain_names(gs, names)) {
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
	nft_jumps(out, gs, names);
	for (i = 0; i < gs->n && s == LP_OK; i++)
		if (!nft_chain(out, &gs->g[i], names[i]))
			s = lp_fail(err, LP_EIO, "out of memory");
	fputs("}\n", out);
	if (s == LP_OK && ferror(out))
		s = writer_io_error(w, err);
done:
	for (i = 0; names && i < gs->n; i++)
		free(names[i]);
	free(names);
	return s;
}

static const char *const nft_tables[] = { "ports", NULL };

const struct export_format export_nft = {
	.name = "nft",
	.summary = "nftables ruleset: a chain per server for a firewall in front (ports table)",
	.tables = nft_tables,
	.begin = portset_begin_by_server,
	.row = portset_row,
	.end = nft_end,
	.release = portset_release,
};
