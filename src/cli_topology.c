/* cli_topology.c - `lyncplan site|pool|server|lb|feature|zone|peer|topology
 * ...`: describing the deployment from the command line. Writes print nothing on success;
 * lists go through the export writers (--format, -o). Values the model
 * refuses exit 3 with its one-line message. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "topology.h"

/* The message "OPT: 'ARG' RULE" with ARG made safe for the terminal. */
static enum lp_status refuse(enum lp_status status, const char *opt, const char *arg,
			     const char *rule, struct lp_error *err)
{
	char *shown = export_escape_terminal(arg);

	lp_fail(err, status, "%s: '%s' %s", opt, shown ? shown : "?", rule);
	free(shown);
	return status;
}

/* The one operand after the options into *out. */
static enum lp_status one_operand(int argc, char **argv, const char *cmd, const char *what,
				  const char **out, struct lp_error *err)
{
	if (optind >= argc)
		return cli_usage(err, cmd, "missing %s", what);
	if (optind + 1 < argc)
		return refuse(LP_EUSAGE, cmd, argv[optind + 1], "is one argument too many", err);
	*out = argv[optind];
	return LP_OK;
}

static enum lp_status no_operand(int argc, char **argv, const char *cmd, struct lp_error *err)
{
	if (optind < argc)
		return refuse(LP_EUSAGE, cmd, argv[optind], "is one argument too many", err);
	return LP_OK;
}

/* "on" or "off" for option opt; anything else is refused input. */
static enum lp_status parse_switch(const char *opt, const char *arg, bool *out,
				   struct lp_error *err)
{
	if (strcmp(arg, "on") == 0 || strcmp(arg, "off") == 0) {
		*out = arg[1] == 'n';
		return LP_OK;
	}
	return refuse(LP_EINPUT, opt, arg, "is not on or off", err);
}

static enum lp_status parse_role(const char *arg, enum topo_role *out, struct lp_error *err)
{
	char rule[160];
	int i;

	if (topology_role_parse(arg, out))
		return LP_OK;
	snprintf(rule, sizeof rule, "is not a role (");
	for (i = 0; i < ROLE_COUNT; i++)
		snprintf(rule + strlen(rule), sizeof rule - strlen(rule), "%s%s",
			 topology_role_name((enum topo_role)i), i + 1 < ROLE_COUNT ? ", " : ")");
	return refuse(LP_EINPUT, "--role", arg, rule, err);
}

static enum lp_status parse_edition(const char *arg, enum topo_edition *out,
				    struct lp_error *err)
{
	if (topology_edition_parse(arg, out))
		return LP_OK;
	return refuse(LP_EINPUT, "--edition", arg, "is not standard or enterprise", err);
}

static enum lp_status parse_lb(const char *arg, enum topo_lb *out, struct lp_error *err)
{
	if (topology_lb_parse(arg, out))
		return LP_OK;
	return refuse(LP_EINPUT, "--lb", arg, "is not none, dns or hardware", err);
}

static enum lp_status parse_edge_external(const char *arg, enum topo_edge_external *out,
					  struct lp_error *err)
{
	if (topology_edge_external_parse(arg, out))
		return LP_OK;
	return refuse(LP_EINPUT, "--edge-external", arg, "is not public or nat", err);
}

/* ---- lists ---- */

/* A list command: its table and the option that narrows it (NULL: none;
 * "site" or "pool", the plan filter field it sets). */
struct list_spec {
	const char *cmd;
	const char *filter;
	enum tables_id table;
};

static const struct list_spec lists[] = {
	{ "site list", NULL, TABLES_SITES },
	{ "pool list", "site", TABLES_POOLS },
	{ "server list", "pool", TABLES_SERVERS },
	{ "lb list", NULL, TABLES_LOAD_BALANCERS },
	{ "feature list", NULL, TABLES_FEATURES },
	{ "zone list", NULL, TABLES_ZONES },
	{ "peer list", NULL, TABLES_PEERS },
	{ "topology show", NULL, TABLES_TOPOLOGY },
};

static enum lp_status run_list(struct cli_ctx *ctx, const struct list_spec *l, int argc,
			       char **argv, struct lp_error *err)
{
	const struct option longopts[] = {
		{ l->filter ? l->filter : "", required_argument, NULL, 'n' },
		CLI_OUT_LONGOPTS,
		{ NULL, 0, NULL, 0 }
	};
	struct tables_query q = { .table = l->table };
	const char **narrow = l->filter && strcmp(l->filter, "site") == 0 ? &q.filter.site
									 : &q.filter.pool;
	struct cli_out out = { 0 };
	struct store *st;
	enum lp_status s;
	int c;

	/* A list with nothing to narrow it by skips the first option. */
	while ((c = getopt_long(argc, argv, CLI_OUT_SHORTOPTS, longopts + !l->filter, NULL)) != -1) {
		if (c == 'n')
			*narrow = optarg;
		else if (!cli_out_option(c, optarg, &out))
			return cli_bad_option(c, argv, l->cmd, err);
	}
	if ((s = no_operand(argc, argv, l->cmd, err)) != LP_OK ||
	    (s = cli_store(ctx, STORE_READ, &st, err)) != LP_OK)
		return s;
	return cli_write_table(ctx, &out, st, &q, NULL, err);
}

static enum lp_status run_site_list(struct cli_ctx *ctx, int argc, char **argv,
				    struct lp_error *err)
{
	return run_list(ctx, &lists[0], argc, argv, err);
}

static enum lp_status run_pool_list(struct cli_ctx *ctx, int argc, char **argv,
				    struct lp_error *err)
{
	return run_list(ctx, &lists[1], argc, argv, err);
}

static enum lp_status run_server_list(struct cli_ctx *ctx, int argc, char **argv,
				      struct lp_error *err)
{
	return run_list(ctx, &lists[2], argc, argv, err);
}

static enum lp_status run_lb_list(struct cli_ctx *ctx, int argc, char **argv,
				  struct lp_error *err)
{
	return run_list(ctx, &lists[3], argc, argv, err);
}

static enum lp_status run_feature_list(struct cli_ctx *ctx, int argc, char **argv,
				       struct lp_error *err)
{
	return run_list(ctx, &lists[4], argc, argv, err);
}

static enum lp_status run_zone_list(struct cli_ctx *ctx, int argc, char **argv,
				    struct lp_error *err)
{
	return run_list(ctx, &lists[5], argc, argv, err);
}

static enum lp_status run_peer_list(struct cli_ctx *ctx, int argc, char **argv,
				    struct lp_error *err)
{
	return run_list(ctx, &lists[6], argc, argv, err);
}

static enum lp_status run_topology_show(struct cli_ctx *ctx, int argc, char **argv,
					struct lp_error *err)
{
	return run_list(ctx, &lists[7], argc, argv, err);
}

/* ---- sites ---- */

static enum lp_status run_site_add(struct cli_ctx *ctx, int argc, char **argv,
				   struct lp_error *err)
{
	static const struct option longopts[] = {
		{ "description", required_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 }
	};
	const char *name = NULL, *description = NULL;
	struct store *st;
	enum lp_status s;
	int c;

	while ((c = getopt_long(argc, argv, CLI_NO_SHORTOPTS, longopts, NULL)) != -1) {
		if (c != 'd')
			return cli_bad_option(c, argv, "site add", err);
		description = optarg;
	}
	if ((s = one_operand(argc, argv, "site add", "NAME", &name, err)) != LP_OK ||
	    (s = cli_store(ctx, STORE_WRITE, &st, err)) != LP_OK)
		return s;
	return topology_site_add(st, name, description, err);
}

static enum lp_status run_site_set(struct cli_ctx *ctx, int argc, char **argv,
				   struct lp_error *err)
{
	static const struct option longopts[] = {
		{ "name", required_argument, NULL, 'N' },
		{ "description", required_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 }
	};
	const char *name = NULL, *new_name = NULL, *description = NULL;
	struct store *st;
	enum lp_status s;
	int c;

	while ((c = getopt_long(argc, argv, CLI_NO_SHORTOPTS, longopts, NULL)) != -1) {
		if (c == 'N')
			new_name = optarg;
		else if (c == 'd')
			description = optarg;
		else
			return cli_bad_option(c, argv, "site set", err);
	}
	if ((s = one_operand(argc, argv, "site set", "NAME", &name, err)) != LP_OK)
		return s;
	if (!new_name && !description)
		return cli_usage(err, "site set", "nothing to change (--name or --description)");
	if ((s = cli_store(ctx, STORE_WRITE, &st, err)) != LP_OK)
		return s;
	return topology_site_set(st, name, new_name, description, err);
}

/* `X rm KEY [--force]`, for sites and pools. */
static enum lp_status parse_rm(int argc, char **argv, const char *cmd, const char *what,
			       const char **key, bool *force, struct lp_error *err)
{
	static const struct option longopts[] = {
		{ "force", no_argument, NULL, 'F' },
		{ NULL, 0, NULL, 0 }
	};
	int c;

	*force = false;
	while ((c = getopt_long(argc, argv, CLI_NO_SHORTOPTS, longopts, NULL)) != -1) {
		if (c != 'F')
			return cli_bad_option(c, argv, cmd, err);
		*force = true;
	}
	return one_operand(argc, argv, cmd, what, key, err);
}

static enum lp_status run_site_rm(struct cli_ctx *ctx, int argc, char **argv,
				  struct lp_error *err)
{
	struct store *st;
	const char *name = NULL;
	enum lp_status s;
	bool force;

	if ((s = parse_rm(argc, argv, "site rm", "NAME", &name, &force, err)) != LP_OK ||
	    (s = cli_store(ctx, STORE_WRITE, &st, err)) != LP_OK)
		return s;
	return topology_site_rm(st, name, force, err);
}

/* ---- pools ---- */

static enum lp_status run_pool_add(struct cli_ctx *ctx, int argc, char **argv,
				   struct lp_error *err)
{
	static const struct option longopts[] = {
		{ "site", required_argument, NULL, 's' },
		{ "role", required_argument, NULL, 'r' },
		{ "edition", required_argument, NULL, 'e' },
		{ "lb", required_argument, NULL, 'l' },
		{ "collocated-mediation", no_argument, NULL, 'm' },
		{ "cms", no_argument, NULL, 'c' },
		{ "edge-external", required_argument, NULL, 'x' },
		{ "back-end", required_argument, NULL, 'b' },
		{ "mirror", required_argument, NULL, 'M' },
		{ "witness", required_argument, NULL, 'w' },
		{ NULL, 0, NULL, 0 }
	};
	struct topo_pool_spec p = { .role = ROLE_COUNT, .edition = EDITION_NONE, .lb = LB_NONE };
	const char *role = NULL;
	enum lp_status s = LP_OK;
	struct store *st;
	int c;

	while ((c = getopt_long(argc, argv, CLI_NO_SHORTOPTS, longopts, NULL)) != -1) {
		switch (c) {
		case 's': p.site = optarg; break;
		case 'r': role = optarg; break;
		case 'e': s = parse_edition(optarg, &p.edition, err); break;
		case 'l': s = parse_lb(optarg, &p.lb, err); break;
		case 'm': p.collocated_mediation = true; break;
		case 'c': p.cms = true; break;
		case 'x': s = parse_edge_external(optarg, &p.edge_external, err); break;
		case 'b': p.back_end = optarg; break;
		case 'M': p.mirror = optarg; break;
		case 'w': p.witness = optarg; break;
		default: return cli_bad_option(c, argv, "pool add", err);
		}
		if (s != LP_OK)
			return s;
	}
	if ((s = one_operand(argc, argv, "pool add", "FQDN", &p.fqdn, err)) != LP_OK)
		return s;
	if (!p.site || !role)
		return cli_usage(err, "pool add", "%s is required", p.site ? "--role" : "--site");
	if ((s = parse_role(role, &p.role, err)) != LP_OK ||
	    (s = cli_store(ctx, STORE_WRITE, &st, err)) != LP_OK)
		return s;
	return topology_pool_add(st, &p, err);
}

/* Options of `pool set` into ch, pointing at the values in *v. */
struct pool_values {
	enum topo_lb lb;
	bool colloc, cms;
	enum topo_edge_external external;
};

static enum lp_status parse_pool_set(int argc, char **argv, struct topo_pool_change *ch,
				     struct pool_values *v, struct lp_error *err)
{
	static const struct option longopts[] = {
		{ "fqdn", required_argument, NULL, 'f' },
		{ "site", required_argument, NULL, 's' },
		{ "lb", required_argument, NULL, 'l' },
		{ "collocated-mediation", required_argument, NULL, 'm' },
		{ "cms", no_argument, NULL, 'c' },
		{ "no-cms", no_argument, NULL, 'C' },
		{ "edge-external", required_argument, NULL, 'x' },
		{ "back-end", required_argument, NULL, 'b' },
		{ "mirror", required_argument, NULL, 'M' },
		{ "witness", required_argument, NULL, 'w' },
		{ NULL, 0, NULL, 0 }
	};
	enum lp_status s = LP_OK;
	int c;

	while ((c = getopt_long(argc, argv, CLI_NO_SHORTOPTS, longopts, NULL)) != -1) {
		switch (c) {
		case 'f': ch->new_fqdn = optarg; break;
		case 's': ch->site = optarg; break;
		case 'l': s = parse_lb(optarg, &v->lb, err); ch->lb = &v->lb; break;
		case 'm':
			s = parse_switch("--collocated-mediation", optarg, &v->colloc, err);
			ch->collocated_mediation = &v->colloc;
			break;
		case 'c':
		case 'C': v->cms = c == 'c'; ch->cms = &v->cms; break;
		case 'x':
			s = parse_edge_external(optarg, &v->external, err);
			ch->edge_external = &v->external;
			break;
		case 'b': ch->back_end = optarg; break;
		case 'M': ch->mirror = optarg; break;
		case 'w': ch->witness = optarg; break;
		default: return cli_bad_option(c, argv, "pool set", err);
		}
		if (s != LP_OK)
			return s;
	}
	return LP_OK;
}

static enum lp_status run_pool_set(struct cli_ctx *ctx, int argc, char **argv,
				   struct lp_error *err)
{
	struct topo_pool_change ch = { 0 };
	struct pool_values v = { 0 };
	struct store *st;
	const char *fqdn = NULL;
	enum lp_status s;

	if ((s = parse_pool_set(argc, argv, &ch, &v, err)) != LP_OK ||
	    (s = one_operand(argc, argv, "pool set", "FQDN", &fqdn, err)) != LP_OK)
		return s;
	if (!ch.new_fqdn && !ch.site && !ch.lb && !ch.collocated_mediation && !ch.cms &&
	    !ch.edge_external && !ch.back_end && !ch.mirror && !ch.witness)
		return cli_usage(err, "pool set", "nothing to change (see --help)");
	if ((s = cli_store(ctx, STORE_WRITE, &st, err)) != LP_OK)
		return s;
	return topology_pool_set(st, fqdn, &ch, err);
}

static enum lp_status run_pool_rm(struct cli_ctx *ctx, int argc, char **argv,
				  struct lp_error *err)
{
	struct store *st;
	const char *fqdn = NULL;
	enum lp_status s;
	bool force;

	if ((s = parse_rm(argc, argv, "pool rm", "FQDN", &fqdn, &force, err)) != LP_OK ||
	    (s = cli_store(ctx, STORE_WRITE, &st, err)) != LP_OK)
		return s;
	return topology_pool_rm(st, fqdn, force, err);
}

/* ---- servers ---- */

/* `server add|set FQDN [--fqdn NEW] [--pool FQDN] [--ip ADDR]
 * [--external-ip A[,B,C]] [--public-ip A[,B,C]]` into *ch; --fqdn only for
 * set. */
static enum lp_status parse_server(int argc, char **argv, const char *cmd, const char **fqdn,
				   struct topo_server_change *ch, bool set, struct lp_error *err)
{
	static const struct option longopts[] = {
		{ "pool", required_argument, NULL, 'p' },
		{ "ip", required_argument, NULL, 'i' },
		{ "external-ip", required_argument, NULL, 'x' },
		{ "public-ip", required_argument, NULL, 'P' },
		{ "fqdn", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 }
	};
	int c;

	while ((c = getopt_long(argc, argv, CLI_NO_SHORTOPTS, longopts, NULL)) != -1) {
		if (c == 'p')
			ch->pool = optarg;
		else if (c == 'i')
			ch->address = optarg;
		else if (c == 'x')
			ch->external = optarg;
		else if (c == 'P')
			ch->public = optarg;
		else if (c == 'f' && set)
			ch->new_fqdn = optarg;
		else
			return cli_bad_option(c, argv, cmd, err);
	}
	return one_operand(argc, argv, cmd, "FQDN", fqdn, err);
}

static enum lp_status run_server_add(struct cli_ctx *ctx, int argc, char **argv,
				     struct lp_error *err)
{
	struct topo_server_change ch = { 0 };
	const char *fqdn = NULL;
	struct store *st;
	enum lp_status s;

	if ((s = parse_server(argc, argv, "server add", &fqdn, &ch, false, err)) != LP_OK)
		return s;
	if (!ch.pool)
		return cli_usage(err, "server add", "--pool is required");
	if ((s = cli_store(ctx, STORE_WRITE, &st, err)) != LP_OK)
		return s;
	return topology_server_add_with(st, fqdn, &ch, err);
}

static enum lp_status run_server_set(struct cli_ctx *ctx, int argc, char **argv,
				     struct lp_error *err)
{
	struct topo_server_change ch = { 0 };
	const char *fqdn = NULL;
	struct store *st;
	enum lp_status s;

	if ((s = parse_server(argc, argv, "server set", &fqdn, &ch, true, err)) != LP_OK)
		return s;
	if (!ch.new_fqdn && !ch.pool && !ch.address && !ch.external && !ch.public)
		return cli_usage(err, "server set",
				 "nothing to change (--fqdn, --pool, --ip, --external-ip or --public-ip)");
	if ((s = cli_store(ctx, STORE_WRITE, &st, err)) != LP_OK)
		return s;
	return topology_server_set_with(st, fqdn, &ch, err);
}

static enum lp_status run_server_rm(struct cli_ctx *ctx, int argc, char **argv,
				    struct lp_error *err)
{
	static const struct option longopts[] = { { NULL, 0, NULL, 0 } };
	struct store *st;
	const char *fqdn = NULL;
	enum lp_status s;
	int c;

	if ((c = getopt_long(argc, argv, CLI_NO_SHORTOPTS, longopts, NULL)) != -1)
		return cli_bad_option(c, argv, "server rm", err);
	if ((s = one_operand(argc, argv, "server rm", "FQDN", &fqdn, err)) != LP_OK ||
	    (s = cli_store(ctx, STORE_WRITE, &st, err)) != LP_OK)
		return s;
	return topology_server_rm(st, fqdn, err);
}

/* ---- load balancers ---- */

/* `lb add|set NAME [--name NEW] [--vip ADDR] [--pool FQDN]...
 * [--side SIDE] [--service SVC]` into *ch, pointing at the values in *v
 * and at pools (room for argc) for the --pool values; --name only for
 * set. */
struct lb_values {
	enum topo_lb_side side;
	enum topo_edge_service service;
};

static enum lp_status parse_lb_args(int argc, char **argv, const char *cmd, const char **name,
				    struct topo_lb_change *ch, struct lb_values *v, const char **pools,
				    bool set, struct lp_error *err)
{
	static const struct option longopts[] = {
		{ "vip", required_argument, NULL, 'v' },
		{ "pool", required_argument, NULL, 'p' },
		{ "name", required_argument, NULL, 'N' },
		{ "side", required_argument, NULL, 's' },
		{ "service", required_argument, NULL, 'S' },
		{ NULL, 0, NULL, 0 }
	};
	int c;

	ch->pools = pools;
	while ((c = getopt_long(argc, argv, CLI_NO_SHORTOPTS, longopts, NULL)) != -1) {
		if (c == 'v')
			ch->vip = optarg;
		else if (c == 'p')
			pools[ch->npools++] = optarg;
		else if (c == 'N' && set)
			ch->new_name = optarg;
		else if (c == 's' && !topology_lb_side_parse(optarg, &v->side))
			return refuse(LP_EINPUT, "--side", optarg, "is not internal or external", err);
		else if (c == 's')
			ch->side = &v->side;
		else if (c == 'S' && !topology_edge_service_parse(optarg, &v->service))
			return refuse(LP_EINPUT, "--service", optarg, "is not access, webconf or av",
				      err);
		else if (c == 'S')
			ch->service = &v->service;
		else
			return cli_bad_option(c, argv, cmd, err);
	}
	return one_operand(argc, argv, cmd, "NAME", name, err);
}

static enum lp_status run_lb_add(struct cli_ctx *ctx, int argc, char **argv,
				 struct lp_error *err)
{
	struct topo_lb_change ch = { 0 };
	struct lb_values v = { LB_SIDE_INTERNAL, EDGE_SERVICE_NONE };
	const char *name = NULL, **pools = calloc((size_t)argc, sizeof *pools);
	struct store *st;
	enum lp_status s;

	if (!pools)
		return lp_fail(err, LP_EDB, "out of memory");
	s = parse_lb_args(argc, argv, "lb add", &name, &ch, &v, pools, false, err);
	if (s == LP_OK && (!ch.vip || !ch.npools))
		s = cli_usage(err, "lb add", "%s is required", ch.vip ? "--pool" : "--vip");
	if (s == LP_OK)
		s = cli_store(ctx, STORE_WRITE, &st, err);
	if (s == LP_OK)
		s = topology_lb_add_with(st, name, &ch, err);
	free(pools);
	return s;
}

static enum lp_status run_lb_set(struct cli_ctx *ctx, int argc, char **argv,
				 struct lp_error *err)
{
	struct topo_lb_change ch = { 0 };
	struct lb_values v = { LB_SIDE_INTERNAL, EDGE_SERVICE_NONE };
	const char *name = NULL, **pools = calloc((size_t)argc, sizeof *pools);
	struct store *st;
	enum lp_status s;

	if (!pools)
		return lp_fail(err, LP_EDB, "out of memory");
	s = parse_lb_args(argc, argv, "lb set", &name, &ch, &v, pools, true, err);
	if (!ch.npools)
		ch.pools = NULL;
	if (s == LP_OK && !ch.new_name && !ch.vip && !ch.pools && !ch.side && !ch.service)
		s = cli_usage(err, "lb set",
			      "nothing to change (--name, --vip, --pool, --side or --service)");
	if (s == LP_OK)
		s = cli_store(ctx, STORE_WRITE, &st, err);
	if (s == LP_OK)
		s = topology_lb_set_with(st, name, &ch, err);
	free(pools);
	return s;
}

static enum lp_status run_lb_rm(struct cli_ctx *ctx, int argc, char **argv,
				struct lp_error *err)
{
	static const struct option longopts[] = { { NULL, 0, NULL, 0 } };
	struct store *st;
	const char *name = NULL;
	enum lp_status s;
	int c;

	if ((c = getopt_long(argc, argv, CLI_NO_SHORTOPTS, longopts, NULL)) != -1)
		return cli_bad_option(c, argv, "lb rm", err);
	if ((s = one_operand(argc, argv, "lb rm", "NAME", &name, err)) != LP_OK ||
	    (s = cli_store(ctx, STORE_WRITE, &st, err)) != LP_OK)
		return s;
	return topology_lb_rm(st, name, err);
}

/* ---- features ---- */

static enum lp_status run_feature_switch(struct cli_ctx *ctx, int argc, char **argv,
					 struct lp_error *err)
{
	static const struct option longopts[] = { { NULL, 0, NULL, 0 } };
	bool on = strcmp(argv[0], "on") == 0;
	const char *cmd = on ? "feature on" : "feature off";
	struct store *st;
	const char *name = NULL;
	enum lp_status s;
	int c;

	if ((c = getopt_long(argc, argv, CLI_NO_SHORTOPTS, longopts, NULL)) != -1)
		return cli_bad_option(c, argv, cmd, err);
	if ((s = one_operand(argc, argv, cmd, "NAME", &name, err)) != LP_OK ||
	    (s = cli_store(ctx, STORE_WRITE, &st, err)) != LP_OK)
		return s;
	return topology_feature_set(st, name, on, err);
}

/* ---- the networks around the servers ---- */

static enum lp_status run_zone_set(struct cli_ctx *ctx, int argc, char **argv,
				   struct lp_error *err)
{
	static const struct option longopts[] = {
		{ "cidr", required_argument, NULL, 'c' },
		{ NULL, 0, NULL, 0 }
	};
	const char *name = NULL, *cidr = NULL;
	enum topo_zone zone;
	struct store *st;
	enum lp_status s;
	int c;

	while ((c = getopt_long(argc, argv, CLI_NO_SHORTOPTS, longopts, NULL)) != -1) {
		if (c != 'c')
			return cli_bad_option(c, argv, "zone set", err);
		cidr = optarg;
	}
	if ((s = one_operand(argc, argv, "zone set", "ZONE", &name, err)) != LP_OK)
		return s;
	if (!cidr)
		return cli_usage(err, "zone set", "--cidr is required ('' clears the zone)");
	if (!topology_zone_parse(name, &zone))
		return refuse(LP_EINPUT, "zone", name, "is not internal or perimeter", err);
	if ((s = cli_store(ctx, STORE_WRITE, &st, err)) != LP_OK)
		return s;
	return topology_zone_set(st, zone, cidr, err);
}

/* `peer add|set NAME [--name NEW] [--kind KIND] [--ip A[,B]...]`; --name
 * only for set. */
static enum lp_status parse_peer(int argc, char **argv, const char *cmd, const char **name,
				 const char **new_name, const char **kind, const char **ip,
				 struct lp_error *err)
{
	static const struct option longopts[] = {
		{ "kind", required_argument, NULL, 'k' },
		{ "ip", required_argument, NULL, 'i' },
		{ "name", required_argument, NULL, 'N' },
		{ NULL, 0, NULL, 0 }
	};
	int c;

	while ((c = getopt_long(argc, argv, CLI_NO_SHORTOPTS, longopts, NULL)) != -1) {
		if (c == 'k')
			*kind = optarg;
		else if (c == 'i')
			*ip = optarg;
		else if (c == 'N' && new_name)
			*new_name = optarg;
		else
			return cli_bad_option(c, argv, cmd, err);
	}
	return one_operand(argc, argv, cmd, "NAME", name, err);
}

static enum lp_status run_peer_add(struct cli_ctx *ctx, int argc, char **argv,
				   struct lp_error *err)
{
	const char *name = NULL, *kind = NULL, *ip = NULL;
	struct store *st;
	enum lp_status s;

	if ((s = parse_peer(argc, argv, "peer add", &name, NULL, &kind, &ip, err)) != LP_OK)
		return s;
	if (!kind || !ip)
		return cli_usage(err, "peer add", "%s is required", kind ? "--ip" : "--kind");
	if ((s = cli_store(ctx, STORE_WRITE, &st, err)) != LP_OK)
		return s;
	return topology_peer_add(st, name, kind, ip, err);
}

static enum lp_status run_peer_set(struct cli_ctx *ctx, int argc, char **argv,
				   struct lp_error *err)
{
	const char *name = NULL, *new_name = NULL, *kind = NULL, *ip = NULL;
	struct store *st;
	enum lp_status s;

	s = parse_peer(argc, argv, "peer set", &name, &new_name, &kind, &ip, err);
	if (s != LP_OK)
		return s;
	if (!new_name && !kind && !ip)
		return cli_usage(err, "peer set", "nothing to change (--name, --kind or --ip)");
	if ((s = cli_store(ctx, STORE_WRITE, &st, err)) != LP_OK)
		return s;
	return topology_peer_set(st, name, new_name, kind, ip, err);
}

static enum lp_status run_peer_rm(struct cli_ctx *ctx, int argc, char **argv,
				  struct lp_error *err)
{
	static const struct option longopts[] = { { NULL, 0, NULL, 0 } };
	struct store *st;
	const char *name = NULL;
	enum lp_status s;
	int c;

	if ((c = getopt_long(argc, argv, CLI_NO_SHORTOPTS, longopts, NULL)) != -1)
		return cli_bad_option(c, argv, "peer rm", err);
	if ((s = one_operand(argc, argv, "peer rm", "NAME", &name, err)) != LP_OK ||
	    (s = cli_store(ctx, STORE_WRITE, &st, err)) != LP_OK)
		return s;
	return topology_peer_rm(st, name, err);
}

static enum lp_status run_topology_set(struct cli_ctx *ctx, int argc, char **argv,
				       struct lp_error *err)
{
	static const struct option longopts[] = {
		{ "name", required_argument, NULL, 'N' },
		{ NULL, 0, NULL, 0 }
	};
	const char *name = NULL;
	struct store *st;
	enum lp_status s;
	int c;

	while ((c = getopt_long(argc, argv, CLI_NO_SHORTOPTS, longopts, NULL)) != -1) {
		if (c != 'N')
			return cli_bad_option(c, argv, "topology set", err);
		name = optarg;
	}
	if ((s = no_operand(argc, argv, "topology set", err)) != LP_OK)
		return s;
	if (!name)
		return cli_usage(err, "topology set", "nothing to change (--name)");
	if ((s = cli_store(ctx, STORE_WRITE, &st, err)) != LP_OK)
		return s;
	return topology_name_set(st, name, err);
}

const struct cli_command cli_topology_commands[] = {
	{ "site", "add", "NAME [--description TEXT]", "add a site", run_site_add },
	{ "site", "set", "NAME [--name NEW] [--description TEXT]",
	  "rename a site or change its description", run_site_set },
	{ "site", "list", "[--format F] [-o FILE]", "list the sites", run_site_list },
	{ "site", "rm", "NAME [--force]",
	  "remove a site (--force: with its pools, their servers and load balancers)",
	  run_site_rm },
	{ "pool", "add",
	  "FQDN --site NAME --role ROLE [--edition standard|enterprise] [--lb none|dns|hardware]"
	  " [--collocated-mediation] [--cms] [--edge-external public|nat] [--back-end FQDN]"
	  " [--mirror FQDN] [--witness SERVER]",
	  "add a pool; ROLE: front-end, director, mediation, persistent-chat, office-web-apps,"
	  " edge, reverse-proxy, back-end; --edge-external: an Edge pool's external addressing"
	  " (public); --back-end: the back-end pool holding an Enterprise Edition Front End or"
	  " Persistent Chat pool's databases, --mirror its SQL mirror, --witness the mirroring"
	  " witness server",
	  run_pool_add },
	{ "pool", "set",
	  "FQDN [--fqdn NEW] [--site NAME] [--lb MODE] [--collocated-mediation on|off]"
	  " [--cms | --no-cms] [--edge-external public|nat] [--back-end FQDN] [--mirror FQDN]"
	  " [--witness SERVER]",
	  "change a pool; --cms moves the Central Management store here; --back-end '' clears"
	  " the Back End with its mirror and witness, --mirror '' the mirror with the witness",
	  run_pool_set },
	{ "pool", "list", "[--site NAME] [--format F] [-o FILE]", "list the pools", run_pool_list },
	{ "pool", "rm", "FQDN [--force]",
	  "remove a pool (--force: with its servers and load balancers, unlinking the pools"
	  " it is the Back End or mirror of)", run_pool_rm },
	{ "server", "add", "FQDN --pool FQDN [--ip ADDR] [--external-ip A[,B,C]] [--public-ip A[,B,C]]",
	  "add a server to a pool; --external-ip: an Edge Server's external addresses (1, or 3:"
	  " Access, Web Conferencing, A/V) or a reverse proxy's (1); --public-ip: the public"
	  " addresses NAT translates them to (Edge pools with --edge-external nat)",
	  run_server_add },
	{ "server", "set",
	  "FQDN [--fqdn NEW] [--pool FQDN] [--ip ADDR] [--external-ip A[,B,C]] [--public-ip A[,B,C]]",
	  "rename, move or readdress a server (--ip '' clears the address, --external-ip ''"
	  " the external and public ones, --public-ip '' the public ones)", run_server_set },
	{ "server", "list", "[--pool FQDN] [--format F] [-o FILE]", "list the servers",
	  run_server_list },
	{ "server", "rm", "FQDN", "remove a server (refused while it is a mirroring witness)",
	  run_server_rm },
	{ "lb", "add",
	  "NAME --vip ADDR --pool FQDN [--pool FQDN]... [--side internal|external]"
	  " [--service access|webconf|av]",
	  "add a hardware load balancer serving pools; --side external: the Internet side of"
	  " Edge pools or reverse proxies, or the external web services of Front End or Director"
	  " pools; --service: the Edge service of an external VIP", run_lb_add },
	{ "lb", "set",
	  "NAME [--name NEW] [--vip ADDR] [--pool FQDN]... [--side internal|external]"
	  " [--service access|webconf|av]",
	  "change a load balancer (--pool replaces the pools it serves; --service '' clears"
	  " the service, --side internal too)", run_lb_set },
	{ "lb", "list", "[--format F] [-o FILE]", "list the load balancers", run_lb_list },
	{ "lb", "rm", "NAME", "remove a load balancer", run_lb_rm },
	{ "feature", "on", "NAME", "switch an optional feature on", run_feature_switch },
	{ "feature", "off", "NAME", "switch an optional feature off", run_feature_switch },
	{ "feature", "list", "[--format F] [-o FILE]",
	  "list the optional features and whether they are on", run_feature_list },
	{ "zone", "set", "internal|perimeter --cidr P[,P]...",
	  "the address prefixes of the internal or perimeter network ('' clears them);"
	  " the Internet is every address outside both", run_zone_set },
	{ "zone", "list", "[--format F] [-o FILE]", "list the zones and their prefixes",
	  run_zone_list },
	{ "peer", "add", "NAME --kind KIND --ip A[,B]...",
	  "name the addresses or prefixes of a party of the flows; KIND: internal-clients,"
	  " pstn-gateway, cls-controller, external-clients, federated-partners,"
	  " public-im-users, xmpp-partners, internet", run_peer_add },
	{ "peer", "set", "NAME [--name NEW] [--kind KIND] [--ip A[,B]...]",
	  "rename a peer, or change its kind or addresses", run_peer_set },
	{ "peer", "list", "[--format F] [-o FILE]", "list the peers", run_peer_list },
	{ "peer", "rm", "NAME", "remove a peer", run_peer_rm },
	{ "topology", "set", "--name TEXT", "name the topology (the exports' title; '' clears it)",
	  run_topology_set },
	{ "topology", "show", "[--format F] [-o FILE]", "show the topology's name",
	  run_topology_show },
	{ NULL, NULL, NULL, NULL, NULL }
};
