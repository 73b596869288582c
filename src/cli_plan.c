/* cli_plan.c - `lyncplan ports`, `lb-ports`, `clients`, `flows` and
 * `check`: the derived plan, streamed by src/tables.c through an export
 * writer. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "plan.h"
#include "topology.h"

/* What a table command writes: its query and the command's name. */
struct plan_job {
	const char *cmd;
	struct tables_query q;
};

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
	s = plan_filter_check(*st, &job->q.filter, &field, err);
	if (s == LP_OK)
		s = plan_flow_filter_check(*st, job->q.from, job->q.to, &field, err);
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
	struct store *st;
	enum lp_status s;

	if ((s = plan_store(ctx, job, &st, err)) != LP_OK)
		return s;
	return cli_write_table(ctx, out, st, &job->q, errors, err);
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
		case 's': job->q.filter.site = optarg; break;
		case 'p': job->q.filter.pool = optarg; break;
		case 'S': job->q.filter.server = optarg; break;
		case 'r': job->q.filter.role = optarg; break;
		case 'x': job->q.from = optarg; break;
		case 'y': job->q.to = optarg; break;
		case 'c': *compare = true; break;
		case 'g': job->q.contains = optarg; break;
		default:
			if (!cli_out_option(c, optarg, out))
				return cli_bad_option(c, argv, job->cmd, err);
		}
	}
	if (optind < argc)
		return cli_usage(err, job->cmd, "unexpected argument '%s'", argv[optind]);
	if (job->q.contains &&
	    topology_check_text("--contains", job->q.contains, TABLES_CONTAINS_MAX, err) != LP_OK) {
		char why[sizeof err->msg];

		snprintf(why, sizeof why, "%s", err->msg);
		return lp_fail(err, LP_EINPUT, "%s: %s", job->cmd, why);
	}
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
		{ "contains", required_argument, NULL, 'g' },
		CLI_OUT_LONGOPTS,
		{ NULL, 0, NULL, 0 }
	};
	struct plan_job job = { .cmd = "ports", .q.table = TABLES_PORTS };
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
	struct plan_job job = { .cmd = "lb-ports", .q.table = TABLES_LB_PORTS };
	struct cli_out out = { 0 };
	bool compare = false;
	enum lp_status s = plan_options(argc, argv, CLI_OUT_SHORTOPTS, longopts, &job, &out,
					 &compare, err);

	if (compare)
		job.q.table = TABLES_LB_COMPARE;
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
	struct plan_job job = { .cmd = "clients", .q.table = TABLES_CLIENTS };
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
		{ "contains", required_argument, NULL, 'g' },
		CLI_OUT_LONGOPTS,
		{ NULL, 0, NULL, 0 }
	};
	struct plan_job job = { .cmd = "flows", .q.table = TABLES_FLOWS };
	struct cli_out out = { 0 };
	bool compare = false;
	enum lp_status s = plan_options(argc, argv, CLI_OUT_SHORTOPTS, longopts, &job, &out,
					 &compare, err);

	return s != LP_OK ? s : plan_write(ctx, &out, &job, NULL, err);
}

/* How `check` writes text: the width to wrap its lines to (0: none). */
struct check_text {
	size_t width;
	bool nomem;
};

/* The indent of a finding's continuation lines: past its severity. */
#define CHECK_HANG 8

/* `check` as text: one line per finding, for a terminal or a log, wrapped
 * to the width with its continuation lines indented. */
static int check_line(const struct plan_finding *f, void *ud)
{
	char *subject = export_escape_terminal(f->subject);
	char *message = export_escape_terminal(f->message);
	char *hint = export_escape_terminal(f->hint);
	struct check_text *ct = ud;
	char *line = NULL;

	if (subject && message && hint &&
	    asprintf(&line, "%-7s %s%s%s: %s (hint: %s)", plan_severity_name(f->severity),
		     f->kind, subject[0] ? " " : "", subject, message, hint) >= 0) {
		if (ct->width)
			export_put_wrapped(stdout, line, ct->width, 0, CHECK_HANG);
		else
			puts(line);
	} else {
		line = NULL;
		ct->nomem = true;
	}
	free(line);
	free(subject);
	free(message);
	free(hint);
	return ct->nomem;
}

static enum lp_status run_check(struct cli_ctx *ctx, int argc, char **argv,
				struct lp_error *err)
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "wide", no_argument, NULL, 'W' },
		{ NULL, 0, NULL, 0 }
	};
	struct plan_job job = { .cmd = "check", .q.table = TABLES_CHECK };
	struct cli_out out = { 0 };
	struct check_text ct = { 0, false };
	bool compare = false;
	struct store *st;
	enum lp_status s;
	int errors = 0;

	if ((s = plan_options(argc, argv, CLI_NO_SHORTOPTS, longopts, &job, &out, &compare, err)) != LP_OK)
		return s;
	if (out.format && strcmp(out.format, "text") != 0) {
		s = plan_write(ctx, &out, &job, &errors, err);
	} else if ((s = plan_store(ctx, &job, &st, err)) == LP_OK) {
		ct.width = cli_out_width(&out);
		s = plan_check(st, check_line, &ct, &errors, err);
		if (s == LP_OK && ct.nomem)
			s = lp_fail(err, LP_EIO, "check: out of memory");
	}
	return s == LP_OK && errors > 0 ? LP_FINDINGS : s;
}

const struct cli_command cli_plan_commands[] = {
	{ "ports", NULL, "[--site S | --pool P | --server S | --role R] [--contains T] [--format F]"
	  " [-o FILE]",
	  "the port matrix: every port each server needs on each of its interfaces, merged, with"
	  " its sources (--contains:"
	  " only rows with text T in a field, case ignored)", run_ports },
	{ "lb-ports", NULL, "[--pool P] [--compare] [--format F] [-o FILE]",
	  "the ports each pool's load balancer carries, by the side (and Edge service) of its"
	  " VIPs; --compare: DNS against hardware",
	  run_lb_ports },
	{ "clients", NULL, "[--role R] [--format F] [-o FILE]",
	  "the ports clients open toward each role, and on the clients themselves", run_clients },
	{ "flows", NULL, "[--from X] [--to Y] [--contains T] [--format F] [-o FILE]",
	  "who talks to whom: from opens connections to ports on to (X, Y: a pool FQDN or a"
	  " party such as 'external clients')", run_flows },
	{ "check", NULL, "[--format text|csv] [--wide]",
	  "findings with fix hints, errors first; exit status 1 when an error is found",
	  run_check },
	{ NULL, NULL, NULL, NULL, NULL }
};
