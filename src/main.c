/* main.c - global options, then a command (src/cli.c) or the interface. */
#include "config.h"

#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "tui/tui.h"

static void version(void)
{
	puts(PACKAGE_NAME " " PACKAGE_VERSION "\n"
	     "Port data: Microsoft Lync Server 2013, \"Ports and protocols for internal\n"
	     "servers in Lync Server 2013\" (topic last modified 2016-04-06).\n"
	     "License: MIT. This is free software: you are free to change and\n"
	     "redistribute it. There is NO WARRANTY, to the extent permitted by law.");
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "demo", no_argument, NULL, 'D' },
		{ "no-color", no_argument, NULL, 'C' },
		{ "no-mouse", no_argument, NULL, 'M' },
		{ "ascii", no_argument, NULL, 'A' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	const char *prog = "lyncplan";
	struct tui_options topt = { .color = true, .mouse = true };
	struct cli_ctx ctx = { 0 };
	struct lp_error err = { LP_OK, "" };
	enum lp_status s;
	int c;

	setlocale(LC_ALL, "");
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:hV", longopts, NULL)) != -1) {
		switch (c) {
		case 'd': ctx.db_path = optarg; break;
		case 'D': ctx.demo = true; break;
		case 'C': topt.color = false; break;
		case 'M': topt.mouse = false; break;
		case 'A': topt.ascii = true; break;
		case 'h': cli_help(prog); return 0;
		case 'V': version(); return 0;
		default:
			cli_bad_option(c, argv, NULL, &err);
			return cli_report(prog, &err);
		}
	}
	if (ctx.db_path && !ctx.db_path[0]) {
		lp_fail(&err, LP_EUSAGE, "--db: the file name is empty");
		return cli_report(prog, &err);
	}
	if (ctx.demo && ctx.db_path) {
		lp_fail(&err, LP_EUSAGE, "--demo and --db cannot be used together");
		return cli_report(prog, &err);
	}
	if (optind == argc) {
		const char *nc = getenv("NO_COLOR");

		if (nc && nc[0])
			topt.color = false;
		topt.db_path = ctx.db_path;
		topt.demo = ctx.demo;
		s = tui_run(&topt, &err);
		return s == LP_OK ? 0 : cli_report(prog, &err);
	}
	return cli_main(&ctx, prog, argc - optind, argv + optind);
}
