/* cli.h - the command line face: a table of commands, each a function that
 * parses its own options and calls the core. Modules of the CLI (catalog,
 * topology, plan, exports) each contribute a NULL-terminated table. */
#ifndef LP_CLI_H
#define LP_CLI_H

#include <stdbool.h>

#include "export/export.h"
#include "lp.h"
#include "store.h"
#include "tables.h"

struct cli_ctx {
	const char *db_path; /* --db, or NULL for the default file */
	bool demo;           /* --demo: an in-memory demo topology */
	struct store *st;    /* opened on demand by cli_store */
	bool demo_written;   /* the demo was opened for writing */
};

struct cli_command {
	const char *name;    /* "site" */
	const char *sub;     /* "add", or NULL for a single-word command */
	const char *args;    /* synopsis after the words, for --help */
	const char *summary;
	enum lp_status (*run)(struct cli_ctx *ctx, int argc, char **argv,
			      struct lp_error *err);
};

extern const struct cli_command cli_catalog_commands[];
extern const struct cli_command cli_topology_commands[];
extern const struct cli_command cli_plan_commands[];
extern const struct cli_command cli_json_commands[];

/* Runs the command in argv (argv[0] is the command word). */
enum lp_status cli_run(struct cli_ctx *ctx, int argc, char **argv, struct lp_error *err);

/* Prints err to stderr as one line "PROG: MESSAGE", control characters
 * escaped (messages quote the user's values), with a hint to --help after
 * a usage error. Returns err->status. */
int cli_report(const char *prog, const struct lp_error *err);

/* Runs the command in argv as the program does: then closes the store,
 * flushes standard output and reports a failure (cli_report). Returns the
 * exit status. */
int cli_main(struct cli_ctx *ctx, const char *prog, int argc, char **argv);

/* Prints --help to stdout. */
void cli_help(const char *prog);

/* The store for this invocation: the demo, --db or the default file;
 * opened once, closed by cli_finish. */
enum lp_status cli_store(struct cli_ctx *ctx, enum store_mode mode,
			 struct store **out, struct lp_error *err);
void cli_finish(struct cli_ctx *ctx);

/* Output options shared by commands that print a table. */
struct cli_out {
	const char *format; /* default "text" */
	const char *path;   /* -o; default "-" */
	bool force, bom;
	bool wide; /* --wide: text one line per row, not fitted to the terminal */
};
#define CLI_OUT_LONGOPTS \
	{ "format", required_argument, NULL, 'f' }, \
	{ "output", required_argument, NULL, 'o' }, \
	{ "force", no_argument, NULL, 'F' }, \
	{ "bom", no_argument, NULL, 'B' }, \
	{ "wide", no_argument, NULL, 'W' }
/* Short options for getopt_long: the leading ':' makes a missing value
 * ':' rather than '?' (see cli_bad_option). */
#define CLI_OUT_SHORTOPTS ":o:"
#define CLI_NO_SHORTOPTS ":"
/* Takes option c (from CLI_OUT_LONGOPTS) into out; false if not one. */
bool cli_out_option(int c, const char *arg, struct cli_out *out);

/* The columns text output may take (export_options.width): 0 with
 * --wide; else COLUMNS when it is a positive number, else the terminal's
 * width when standard output is one, else 80. */
size_t cli_out_width(const struct cli_out *out);

/* Writes q's table from st as out asks: the file appears whole or not at
 * all. Refuses an unknown format, an empty -o and a format that cannot
 * write the table (LP_EUSAGE). *errors (may be NULL) receives the error
 * findings of check. */
enum lp_status cli_write_table(struct cli_ctx *ctx, const struct cli_out *out,
			       struct store *st, const struct tables_query *q, int *errors,
			       struct lp_error *err);

/* Refuses an empty -o value (LP_EUSAGE, naming -o and command cmd). */
enum lp_status cli_out_path(const char *cmd, const char *path, struct lp_error *err);

/* The usage error for what getopt_long returned as c ('?' or ':') for
 * argv[optind - 1] in command cmd (NULL: before any command): "unknown
 * option 'OPT'", or "'OPT' needs a value". */
enum lp_status cli_bad_option(int c, char **argv, const char *cmd, struct lp_error *err);

/* A usage error for command cmd: "CMD: message" with status LP_EUSAGE. */
enum lp_status cli_usage(struct lp_error *err, const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Resets getopt for a new argument vector. */
void cli_getopt_reset(void);

#endif
