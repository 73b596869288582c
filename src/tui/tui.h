/* tui.h - the interface's entry point, for src/main.c. */
#ifndef LP_TUI_H
#define LP_TUI_H

#include <stdbool.h>

#include "lp.h"

struct tui_options {
	const char *db_path; /* NULL: the default file */
	bool demo;           /* an in-memory demo topology */
	bool color, mouse, ascii;
};

/* Runs the interface until the user quits; returns the exit status and
 * fills err when it could not start (not a terminal, unknown TERM ...). */
enum lp_status tui_run(const struct tui_options *opt, struct lp_error *err);

#endif
