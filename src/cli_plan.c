/* cli_plan.c - `lyncplan ports`, `lb-ports`, `clients`, `flows` and
 * `check`: the derived plan, streamed from src/plan.c through an export
 * writer. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "plan.h"

#define COUNT(a) (sizeof (a) / sizeof (a)[0])

static const char *const ports_cols[] = {
	"site", "pool", "server", "address", "role", "service", "ports",
	"transport", "protocol", "notes", "source"
};
static const struct export_table ports_table = {
	.name = "ports", .title = "Port matrix",
	.ncols = COUNT(ports_cols), .cols = ports_cols,
};

static const char *const lb_cols[] = {
	"site", "pool", "role", "mode", "load_balancers", "vips", "ports",
	"transport", "protocol", "notes", "source"
};
static const struct export_table lb_table = {
	.name = "lb-ports", .title = "Load balancer ports",
	.ncols = COUNT(lb_cols), .cols = lb_cols,
};

static const char *const compare_cols[] = {
	"site", "pool", "role", "current_mode", "ports", "transport", "protocol",
	"in", "source"
};
static const struct export_table compare_table = {
	.name = "lb-compare", .title = "DNS and hardware load balancing compared",
	.ncols = COUNT(compare_cols), .cols = compare_cols,
};

static const char *const clients_cols[] = {
	"role", "direction", "component", "ports", "transport", "protocol",
	"notes", "source"
};
static const struct export_table clients_table = {
	.name = "clients", .title = "Client ports",
	.ncols = COUNT(clients_cols), .cols = clients_cols,
};

static const char *const flows_cols[] = {
	"from", "from_addresses", "to", "to_addresses", "direction", "ports", "transport",
	"protocol", "why", "condition", "source"
};
static const struct export_table flows_table = {
	.name = "flows", .title = "Flows: who talks to whom",
	.ncols = COUNT(flows_cols), .cols = flows_cols,
};

static const char *const check_cols[] = {
	"severity", "code", "kind", "subject", "message", "hint"
};
static const struct export_table check_table = {
	.name = "check", .title = "Checks",
	.ncols = COUNT(check_cols), .cols = check_cols,
};

/* One table being written: rows go to w until a write fails. */
struct plan_out {
	struct writer *w;
	struct lp_error *err;
	enum lp_status status;
	int errors; /* error findings, for check */
};

static int plan_out_row(struct plan_out *o, const char *const *cells)
{
	o->status = export_row(o->w, cells, o->err);
	return o->status != LP_OK;
}

static int ports_emit(const struct plan_port_row *r, void *ud)
{
	const char *cells[] = { r->site, r->pool, r->server, r->address, r->role, r->service,
				r->ports, r->transport, r->protocol, r->notes, r->source };

	return plan_out_row(ud, cells);
}

static int lb_emit(const struct plan_lb_row *r, void *ud)
{
	const char *cells[] = { r->site, r->pool, r->role, r->mode, r->load_balancers, r->vips,
				r->ports, r->transport, r->protocol, r->notes, r->source };

	return plan_out_row(ud, cells);
}

static int compare_emit(const struct plan_lb_compare_row *r, void *ud)
{
	const char *cells[] = { r->site, r->pool, r->role, r->current_mode, r->ports,
				r->transport, r->protocol, r->in, r->source };

	return plan_out_row(ud, cells);
}

static int clients_emit(const struct plan_client_row *r, void *ud)
{
	const char *cells[] = { r->role, r->direction, r->component, r->ports, r->transport,
				r->protocol, r->notes, r->source };

	return plan_out_row(ud, cells);
}

static int flows_emit(const struct plan_flow_row *r, void *ud)
{
	const char *cells[] = { r->from, r->from_addresses, r->to, r->to_addresses, r->direction,
				r->ports, r->transport, r->protocol, r->why, r->condition, r->source };

	return plan_out_row(ud, cells);
}

static int check_emit(const struct plan_finding *f, void *ud)
{
	const char *cells[] = { plan_severity_name(f->severity), f->code, f->kind,
				f->subject, f->message, f->hint };

	return plan_out_row(ud, cells);
}

/* What a table command writes: its table and the derivation's arguments. */
struct plan_job {
	const char *cmd;
	const struct export_table *table;
	struct plan_filter filter;
	const char *from, *to; /* flows */
};

static enum lp_status plan_job_rows(struct store *st, const struct plan_job *job,
				    struct plan_out *o, struct lp_error *err)
{
	if (job->table == &ports_table)
		return plan_port_matrix(st, &job->filter, NULL, 0, ports_emit, o, err);
	if (job->table == &lb_table)
		return plan_lb_ports(st, job->filter.pool, lb_emit, o, err);
	if (job->table == &compare_table)
		return plan_lb_compare(st, job->filter.pool, compare_emit, o, err);
	if (job->table == &clients_table)
		return plan_client_ports(st, job->filter.role, clients_emit, o, err);
	if (job->table == &flows_table)
		return plan_flows(st, job->from, job->to, flows_emit, o, err);
	return plan_check(st, check_emit, o, &o->errors, err);
}

/* Opens the store and refuses a filter naming nothing in it (LP_EINPUT,
 * naming the option). */
static enum lp_status plan_store(struct cli_ctx *ctx, const struct plan_job *job,
				 struct store **st, struct lp_error *err)
{
	const char *field = NULL;
	char why[sizeof err->msg];
	enum lp_status s;

	if ((s = cli_store(ctx, STORE_READ, st, err)) != LP_OK)
		return s;
	s = plan_filter_check(*st, &job->filter, &field, err);
	if (s == LP_OK)
		s = plan_flow_filter_check(*st, job->from, job->to, &field, err);
	if (s == LP_OK || !field)
		return s;
	snprintf(why, sizeof why, "%s", err->msg);
	return lp_fail(err, s, "%s: --%s: %s", job->cmd, field, why);
}

/* Streams the job's rows through a writer opened as out asks; *errors
 * (may be NULL) receives the number of error findings of check. */
static enum lp_status plan_write(struct cli_ctx *ctx, const struct cli_out *out,
				 const struct plan_job *job, int *errors, struct lp_error *err)
{
	struct plan_out o = { .err = err };
	struct store *st;
	enum lp_status s;

	if ((s = plan_store(ctx, job, &st, err)) != LP_OK ||
	    (s = cli_table_open(ctx, out, job->table, &o.w, err)) != LP_OK)
		return s;
	s = export_begin(o.w, job->table, err);
	if (s == LP_OK)
		s = plan_job_rows(st, job, &o, err);
	if (s == LP_OK)
		s = o.status;
	if (s != LP_OK) {
		export_abort(o.w);
		return s;
	}
	if (errors)
		*errors = o.errors;
	return export_finish(o.w, err);
}

/* Parses the options of a table command: the filter options in longopts
 * (their val is the filter field's letter) and the output options. */
static enum lp_status plan_options(int argc, char **argv, const char *shortopts,
				   const struct option *longopts, struct plan_job *job,
				   struct cli_out *out, bool *compare, struct lp_error *err)
{
	int c;

	while ((c = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
		switch (c) {
		case 's': job->filter.site = optarg; break;
		case 'p': job->filter.pool = optarg; break;
		case 'S': job->filter.server = optarg; break;
		case 'r': job->filter.role = optarg; break;
		case 'x': job->from = optarg; break;
		case 'y': job->to = optarg; break;
		case 'c': *compare = true; break;
		default:
			if (!cli_out_option(c, optarg, out))
				return cli_usage(err, job->cmd, "unknown option '%s'",
						 argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_usage(err, job->cmd, "unexpected argument '%s'", argv[optind]);
	return LP_OK;
}

static enum lp_status run_ports(struct cli_ctx *ctx, int argc, char **argv,
				struct lp_error *err)
{
	static const struct option longopts[] = {
		{ "site", required_argument, NULL, 's' },
		{ "pool", required_argument, NULL, 'p' },
		{ "server", required_argument, NULL, 'S' },
		{ "role", required_argument, NULL, 'r' },
		CLI_OUT_LONGOPTS,
		{ NULL, 0, NULL, 0 }
	};
	struct plan_job job = { .cmd = "ports", .table = &ports_table };
	struct cli_out out = { 0 };
	bool compare = false;
	enum lp_status s = plan_options(argc, argv, CLI_OUT_SHORTOPTS, longopts, &job, &out,
					 &compare, err);

	return s != LP_OK ? s : plan_write(ctx, &out, &job, NULL, err);
}

static enum lp_status run_lb_ports(struct cli_ctx *ctx, int argc, char **argv,
				   struct lp_error *err)
{
	static const struct option longopts[] = {
		{ "pool", required_argument, NULL, 'p' },
		{ "compare", no_argument, NULL, 'c' },
		CLI_OUT_LONGOPTS,
		{ NULL, 0, NULL, 0 }
	};
	struct plan_job job = { .cmd = "lb-ports", .table = &lb_table };
	struct cli_out out = { 0 };
	bool compare = false;
	enum lp_status s = plan_options(argc, argv, CLI_OUT_SHORTOPTS, longopts, &job, &out,
					 &compare, err);

	if (compare)
		job.table = &compare_table;
	return s != LP_OK ? s : plan_write(ctx, &out, &job, NULL, err);
}

static enum lp_status run_clients(struct cli_ctx *ctx, int argc, char **argv,
				  struct lp_error *err)
{
	static const struct option longopts[] = {
		{ "role", required_argument, NULL, 'r' },
		CLI_OUT_LONGOPTS,
		{ NULL, 0, NULL, 0 }
	};
	struct plan_job job = { .cmd = "clients", .table = &clients_table };
	struct cli_out out = { 0 };
	bool compare = false;
	enum lp_status s = plan_options(argc, argv, CLI_OUT_SHORTOPTS, longopts, &job, &out,
					 &compare, err);

	return s != LP_OK ? s : plan_write(ctx, &out, &job, NULL, err);
}

static enum lp_status run_flows(struct cli_ctx *ctx, int argc, char **argv,
				struct lp_error *err)
{
	static const struct option longopts[] = {
		{ "from", required_argument, NULL, 'x' },
		{ "to", required_argument, NULL, 'y' },
		CLI_OUT_LONGOPTS,
		{ NULL, 0, NULL, 0 }
	};
	struct plan_job job = { .cmd = "flows", .table = &flows_table };
	struct cli_out out = { 0 };
	bool compare = false;
	enum lp_status s = plan_options(argc, argv, CLI_OUT_SHORTOPTS, longopts, &job, &out,
					 &compare, err);

	return s != LP_OK ? s : plan_write(ctx, &out, &job, NULL, err);
}

/* `check` as text: one line per finding, for a terminal or a log. */
static int check_line(const struct plan_finding *f, void *ud)
{
	char *subject = export_escape_terminal(f->subject);
	char *message = export_escape_terminal(f->message);
	char *hint = export_escape_terminal(f->hint);
	bool *nomem = ud;

	if (subject && message && hint)
		printf("%-7s %s%s%s: %s (hint: %s)\n", plan_severity_name(f->severity), f->kind,
		       subject[0] ? " " : "", subject, message, hint);
	else
		*nomem = true;
	free(subject);
	free(message);
	free(hint);
	return *nomem;
}

static enum lp_status run_check(struct cli_ctx *ctx, int argc, char **argv,
				struct lp_error *err)
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 }
	};
	struct plan_job job = { .cmd = "check", .table = &check_table };
	struct cli_out out = { 0 };
	bool compare = false, nomem = false;
	struct store *st;
	enum lp_status s;
	int errors = 0;

	if ((s = plan_options(argc, argv, "", longopts, &job, &out, &compare, err)) != LP_OK)
		return s;
	if (out.format && strcmp(out.format, "text") != 0) {
		s = plan_write(ctx, &out, &job, &errors, err);
	} else if ((s = plan_store(ctx, &job, &st, err)) == LP_OK) {
		s = plan_check(st, check_line, &nomem, &errors, err);
		if (s == LP_OK && nomem)
			s = lp_fail(err, LP_EIO, "check: out of memory");
	}
	return s == LP_OK && errors > 0 ? LP_FINDINGS : s;
}

const struct cli_command cli_plan_commands[] = {
	{ "ports", NULL, "[--site S | --pool P | --server S | --role R] [--format F] [-o FILE]",
	  "the port matrix: every port each server needs, merged, with its sources", run_ports },
	{ "lb-ports", NULL, "[--pool P] [--compare] [--format F] [-o FILE]",
	  "the ports each pool's load balancer carries; --compare: DNS against hardware",
	  run_lb_ports },
	{ "clients", NULL, "[--role R] [--format F] [-o FILE]",
	  "the ports clients open toward each role, and on the clients themselves", run_clients },
	{ "flows", NULL, "[--from X] [--to Y] [--format F] [-o FILE]",
	  "who talks to whom: from opens connections to ports on to (X, Y: a pool FQDN or a"
	  " party such as 'external clients')", run_flows },
	{ "check", NULL, "[--format text|csv]",
	  "findings with fix hints, errors first; exit status 1 when an error is found",
	  run_check },
	{ NULL, NULL, NULL, NULL, NULL }
};
