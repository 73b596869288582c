/* cli_catalog.c - `lyncplan catalog`: the reference tables as transcribed. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>

#include "catalog.h"
#include "cli.h"

/* "a, b, ... or z": the section names, for a message. */
static const char *section_list(char *buf, size_t size)
{
	const char *const *p;
	size_t n = 0;

	buf[0] = '\0';
	for (p = catalog_sections; *p && n < size; p++)
		n += (size_t)snprintf(buf + n, size - n, "%s%s", p == catalog_sections ? ""
				      : p[1] ? ", " : " or ", *p);
	return buf;
}

static enum lp_status run_catalog(struct cli_ctx *ctx, int argc, char **argv,
				  struct lp_error *err)
{
	static const struct option longopts[] = {
		{ "section", required_argument, NULL, 's' },
		CLI_OUT_LONGOPTS,
		{ NULL, 0, NULL, 0 }
	};
	struct cli_out out = { 0 };
	struct tables_query q = { .table = TABLES_CATALOG };
	char sections[512];
	struct store *st;
	enum lp_status s;
	int c;

	while ((c = getopt_long(argc, argv, CLI_OUT_SHORTOPTS, longopts, NULL)) != -1) {
		if (c == 's')
			q.section = optarg;
		else if (!cli_out_option(c, optarg, &out))
			return cli_bad_option(c, argv, "catalog", err);
	}
	if (optind < argc)
		return cli_usage(err, "catalog", "unexpected argument '%s'", argv[optind]);
	if (q.section && !catalog_section_valid(q.section))
		return cli_usage(err, "catalog", "--section must be %s, not '%s'",
				 section_list(sections, sizeof sections), q.section);
	/* The catalog is the program's own: no topology file is needed. */
	if (!ctx->db_path && !ctx->demo)
		ctx->db_path = ":memory:";
	if ((s = cli_store(ctx, STORE_READ, &st, err)) != LP_OK)
		return s;
	return cli_write_table(ctx, &out, st, &q, NULL, err);
}

const struct cli_command cli_catalog_commands[] = {
	{ "catalog", NULL, "[--section NAME] [--format F] [-o FILE]",
	  "the port tables of the reference documents, row by row (an unknown NAME lists them)",
	  run_catalog },
	{ NULL, NULL, NULL, NULL, NULL }
};
