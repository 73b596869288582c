/* tui.c - placeholder until the interface lands. */
#include "config.h"

#include "tui/tui.h"

enum lp_status tui_run(const struct tui_options *opt, struct lp_error *err)
{
	(void)opt;
	return lp_fail(err, LP_EUSAGE, "the interface is not built yet; use a command (see --help)");
}
