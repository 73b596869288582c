/* cli.c - command dispatch, the store for a command, output options. */
#include "config.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cli.h"
#include "topology.h"

/* Every command table, in the order --help lists them. */
static const struct cli_command *const command_tables[] = {
	cli_topology_commands,
	cli_catalog_commands,
	cli_plan_commands,
	cli_json_commands,
	NULL
};

void cli_getopt_reset(void)
{
	optind = 0; /* glibc: full re-initialisation */
	opterr = 0; /* commands report their own usage errors */
}

enum lp_status cli_usage(struct lp_error *err, const char *cmd, const char *fmt, ...)
{
	char msg[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	return lp_fail(err, LP_EUSAGE, "%s: %s", cmd, msg);
}

enum lp_status cli_bad_option(int c, char **argv, const char *cmd, struct lp_error *err)
{
	const char *opt = argv[optind - 1];

	if (c == ':')
		return lp_fail(err, LP_EUSAGE, "%s%s'%s' needs a value", cmd ? cmd : "",
			       cmd ? ": " : "", opt);
	return lp_fail(err, LP_EUSAGE, "%s%sunknown option '%s'", cmd ? cmd : "",
		       cmd ? ": " : "", opt);
}

bool cli_out_option(int c, const char *arg, struct cli_out *out)
{
	switch (c) {
	case 'f': out->format = arg; return true;
	case 'o': out->path = arg; return true;
	case 'F': out->force = true; return true;
	case 'B': out->bom = true; return true;
	case 'W': out->wide = true; return true;
	default: return false;
	}
}

size_t cli_out_width(const struct cli_out *out)
{
	const char *env = getenv("COLUMNS");
	struct winsize ws;
	char *end;
	long n;

	if (out->wide)
		return 0;
	if (env && *env) {
		n = strtol(env, &end, 10);
		if (!*end && n > 0 && n <= 100000)
			return (size_t)n;
	}
	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 80;
}

enum lp_status cli_out_path(const char *cmd, const char *path, struct lp_error *err)
{
	if (path && !path[0])
		return cli_usage(err, cmd, "%s: the file name is empty (- for standard output)", "-o");
	return LP_OK;
}

/* Opens a writer for table t as out asks. */
static enum lp_status cli_table_open(struct cli_ctx *ctx, const struct cli_out *out,
				     struct store *st, const struct export_table *t,
				     struct writer **w, struct lp_error *err)
{
	const char *name = out->format ? out->format : "text";
	const struct export_format *f = export_find(name);
	struct export_options opt = { .force = out->force, .bom = out->bom,
				      .database = store_path(st), .width = cli_out_width(out) };
	enum lp_status s;

	if (!f)
		return cli_usage(err, t->name, "unknown format '%s' (see --help)", name);
	if ((s = cli_out_path(t->name, out->path, err)) != LP_OK)
		return s;
	if (!export_accepts(f, t->name))
		return cli_usage(err, t->name, "format '%s' cannot write the %s table", name, t->name);
	opt.topology_name = ctx->demo ? "demo" : ctx->db_path ? ctx->db_path : "";
	return export_open(f, out->path ? out->path : "-", &opt, w, err);
}

enum lp_status cli_write_table(struct cli_ctx *ctx, const struct cli_out *out,
			       struct store *st, const struct tables_query *q, int *errors,
			       struct lp_error *err)
{
	struct writer *w = NULL;
	enum lp_status s;

	if ((s = cli_table_open(ctx, out, st, tables_table(q->table), &w, err)) != LP_OK)
		return s;
	if ((s = tables_write(st, q, w, NULL, errors, err)) != LP_OK) {
		export_abort(w);
		return s;
	}
	return export_finish(w, err);
}

enum lp_status cli_store(struct cli_ctx *ctx, enum store_mode mode,
			 struct store **out, struct lp_error *err)
{
	enum lp_status s;
	char *path;

	if (ctx->st) {
		*out = ctx->st;
		return LP_OK;
	}
	if (ctx->demo) {
		ctx->demo_written = mode == STORE_WRITE;
		s = store_open(":memory:", mode, false, &ctx->st, err);
		if (s == LP_OK)
			s = topology_load_demo(ctx->st, err);
	} else if (ctx->db_path) {
		s = store_open(ctx->db_path, mode, false, &ctx->st, err);
	} else {
		if (!(path = store_default_path(err)))
			return LP_EDB;
		s = store_open(path, mode, true, &ctx->st, err);
		free(path);
	}
	if (s != LP_OK) {
		store_close(ctx->st);
		ctx->st = NULL;
		return s;
	}
	*out = ctx->st;
	return LP_OK;
}

void cli_finish(struct cli_ctx *ctx)
{
	store_close(ctx->st);
	ctx->st = NULL;
}

static const struct cli_command *find(const char *name, const char *sub, bool *known_name)
{
	const struct cli_command *const *t;
	const struct cli_command *c;

	*known_name = false;
	for (t = command_tables; *t; t++)
		for (c = *t; c->name; c++) {
			if (strcmp(c->name, name) != 0)
				continue;
			*known_name = true;
			if (!c->sub || (sub && strcmp(c->sub, sub) == 0))
				return c;
		}
	return NULL;
}

enum lp_status cli_run(struct cli_ctx *ctx, int argc, char **argv, struct lp_error *err)
{
	const struct cli_command *c;
	bool known;

	c = find(argv[0], argc > 1 ? argv[1] : NULL, &known);
	if (!c && known)
		return lp_fail(err, LP_EUSAGE, "%s: %s '%s' (see --help)", argv[0],
			       argc > 1 ? "unknown subcommand" : "missing subcommand",
			       argc > 1 ? argv[1] : "");
	if (!c)
		return lp_fail(err, LP_EUSAGE, "unknown command '%s' (see --help)", argv[0]);
	cli_getopt_reset();
	if (c->sub)
		return c->run(ctx, argc - 1, argv + 1, err);
	return c->run(ctx, argc, argv, err);
}

int cli_report(const char *prog, const struct lp_error *err)
{
	bool hint = err->status == LP_EUSAGE && !strstr(err->msg, "--help");
	char *shown = export_escape_terminal(err->msg);

	fprintf(stderr, "%s: %s%s%s%s\n", prog, shown ? shown : "out of memory",
		hint ? " (see '" : "", hint ? prog : "", hint ? " --help')" : "");
	free(shown);
	return err->status;
}

int cli_main(struct cli_ctx *ctx, const char *prog, int argc, char **argv)
{
	struct lp_error err = { LP_OK, "" };
	enum lp_status s = cli_run(ctx, argc, argv, &err);

	cli_finish(ctx);
	if (fflush(stdout) != 0 && s == LP_OK)
		s = lp_fail(&err, LP_EIO, "standard output: write error");
	if (s == LP_OK && ctx->demo_written)
		fprintf(stderr, "%s: the demo topology is held in memory: nothing was kept\n", prog);
	if (s == LP_OK || (s == LP_FINDINGS && !err.msg[0]))
		return s;
	return cli_report(prog, &err);
}

void cli_help(const char *prog)
{
	const struct cli_command *const *t;
	const struct cli_command *c;

	printf("Usage: %s [OPTION]... [COMMAND [ARG]...]\n", prog);
	puts("Plan the ports of a Microsoft Lync Server 2013 deployment.\n"
	     "With no command, open the interface on the topology file.\n\n"
	     "Options:\n"
	     "      --db FILE      use the topology in FILE (default:\n"
	     "                     $XDG_DATA_HOME/lyncplan/topology.db); ':memory:' for none\n"
	     "      --demo         use a demo topology held in memory\n"
	     "      --no-color     no colors in the interface (also when NO_COLOR is set)\n"
	     "      --no-mouse     no mouse in the interface\n"
	     "      --ascii        ASCII line drawing in the interface\n"
	     "  -h, --help         display this help and exit\n"
	     "  -V, --version      output version information and exit\n\n"
	     "Commands:");
	for (t = command_tables; *t; t++)
		for (c = *t; c->name; c++)
			printf("  %s%s%s %s\n      %s\n", c->name, c->sub ? " " : "",
			       c->sub ? c->sub : "", c->args, c->summary);
	puts("\nTable output options: --format FORMAT, -o FILE (- for standard output),\n"
	     "--force to replace an existing file, --bom for a UTF-8 BOM in CSV,\n"
	     "--wide for text one line per row (else it fits COLUMNS or the terminal).");
	printf("Formats:");
	{
		const struct export_format *const *f;

		for (f = export_formats; *f; f++)
			printf(" %s", (*f)->name);
	}
	puts("\n\nExit status: 0 ok, 1 check found an error, 2 usage error,\n"
	     "3 input refused, 4 database problem, 5 output file problem.\n\n"
	     "Report bugs to: " PACKAGE_BUGREPORT);
}
