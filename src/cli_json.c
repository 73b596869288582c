/* cli_json.c - `lyncplan export-topology` and `import-topology`: the
 * topology as a topology document (help/topology-json.txt), to keep in
 * version control or to hand to a colleague. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>

#include "cli.h"
#include "topology_json.h"

/* The document is written through an export writer for its file handling
 * (temporary file renamed into place, --force, "-" for standard output);
 * it is no table, so the writer is never begun. */
static const struct export_format topology_document = {
	.name = "topology-json",
	.summary = "topology document",
};

static enum lp_status run_export(struct cli_ctx *ctx, int argc, char **argv,
				 struct lp_error *err)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "force", no_argument, NULL, 'F' },
		{ NULL, 0, NULL, 0 }
	};
	struct export_options opt = { .force = false };
	const char *path = "-";
	struct writer *w;
	struct store *st;
	enum lp_status s;
	int c;

	while ((c = getopt_long(argc, argv, CLI_OUT_SHORTOPTS, longopts, NULL)) != -1) {
		if (c == 'o')
			path = optarg;
		else if (c == 'F')
			opt.force = true;
		else
			return cli_bad_option(c, argv, "export-topology", err);
	}
	if (optind < argc)
		return cli_usage(err, "export-topology", "unexpected argument '%s'", argv[optind]);
	if ((s = cli_out_path("export-topology", path, err)) != LP_OK ||
	    (s = cli_store(ctx, STORE_READ, &st, err)) != LP_OK)
		return s;
	opt.database = store_path(st);
	if ((s = export_open(&topology_document, path, &opt, &w, err)) != LP_OK)
		return s;
	if ((s = topology_json_export(st, writer_stream(w), err)) != LP_OK) {
		export_abort(w);
		return s;
	}
	return export_finish(w, err);
}

static enum lp_status run_import(struct cli_ctx *ctx, int argc, char **argv,
				 struct lp_error *err)
{
	static const struct option longopts[] = {
		{ "replace", no_argument, NULL, 'r' },
		{ "merge", no_argument, NULL, 'm' },
		{ NULL, 0, NULL, 0 }
	};
	enum topology_json_mode mode = TOPOLOGY_JSON_NEW;
	bool replace = false, merge = false;
	struct store *st;
	enum lp_status s;
	int c;

	while ((c = getopt_long(argc, argv, CLI_NO_SHORTOPTS, longopts, NULL)) != -1) {
		if (c == 'r')
			replace = true;
		else if (c == 'm')
			merge = true;
		else
			return cli_bad_option(c, argv, "import-topology", err);
	}
	if (replace && merge)
		return cli_usage(err, "import-topology", "--replace and --merge cannot be used together");
	if (optind == argc)
		return cli_usage(err, "import-topology", "a FILE.json to import is required");
	if (optind + 1 < argc)
		return cli_usage(err, "import-topology", "unexpected argument '%s'", argv[optind + 1]);
	if (replace)
		mode = TOPOLOGY_JSON_REPLACE;
	else if (merge)
		mode = TOPOLOGY_JSON_MERGE;
	if ((s = cli_store(ctx, STORE_WRITE, &st, err)) != LP_OK)
		return s;
	if ((s = topology_json_import(st, argv[optind], mode, err)) != LP_OK) {
		/* A file refused leaves no new database behind. */
		store_discard(st);
		ctx->st = NULL;
	}
	return s;
}

const struct cli_command cli_json_commands[] = {
	{ "export-topology", NULL, "[-o FILE.json] [--force]",
	  "the whole topology as a JSON document (see the topology-json help topic)", run_export },
	{ "import-topology", NULL, "FILE.json [--replace | --merge]",
	  "read a topology document; --replace the topology, or --merge into it", run_import },
	{ NULL, NULL, NULL, NULL, NULL }
};
