/* view_export.h - the export dialog's logic, without a terminal: which
 * table and query a view exports (the view declares them in its ops), the
 * formats that can write it, a default file name, and the steps (format,
 * path, replace?) as actions the face runs. Rows go through tables_write,
 * as on the command line. */
#ifndef LP_TUI_VIEW_EXPORT_H
#define LP_TUI_VIEW_EXPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "export/export.h"
#include "tables.h"

#define VIEW_EXPORT_FORMATS 16

struct action;
struct view;

/* One export under way: owned by tui_ctx, filled by view_export_start. */
struct view_export {
	const char *topology_name; /* for formats with a heading, as on the CLI */
	struct tables_query q;     /* its strings point into the buffers below */
	char site[256], pool[256], server[256], role[64], from[256], to[256];
	char section[64], contains[128];
	char scope[600];           /* terminal-safe words: what is exported */
	const struct export_format *formats[VIEW_EXPORT_FORMATS];
	char items[VIEW_EXPORT_FORMATS][64]; /* menu items: "k name: summary" */
	int nformats;
	const struct export_format *format; /* the one chosen */
	char path[4096];
};

/* Fills e with the table and query view v declares and the formats that
 * can write it; false when the view declares none. */
bool view_export_prepare(struct view_export *e, struct view *v);

/* "lyncplan-TABLE.EXT" for format f (csv, md, txt, html, json, ps1, cmd,
 * nft, sh) into buf. */
void view_export_default_name(const struct export_format *f, enum tables_id table,
			      char *buf, size_t size);

/* Writes e's table to e->path in e->format (force: replace an existing
 * file); *rows receives the number of rows written. */
enum lp_status view_export_write(struct view_export *e, struct store *st, bool force,
				 long *rows, struct lp_error *err);

/* REQ_EXPORT in view v: the first step (a menu of formats), or a status
 * line when the view has nothing to export. */
void view_export_start(struct view *v, struct action *act);

#endif
