/* view.h - what a screen of the interface is: a table of operations over
 * rows (load, caption, header, row, detail, request), shared state for the
 * views, and the actions a view asks the face to carry out (a form, a
 * question, a jump). Nothing here touches the terminal. */
#ifndef LP_TUI_VIEW_H
#define LP_TUI_VIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "lp.h"
#include "store.h"
#include "tui/keys.h"
#include "tui/list.h"
#include "tui/text.h"
#include "tui/view_export.h"

/* Line drawing: Unicode box characters or plain ASCII. */
struct tui_glyphs {
	const char *branch; /* a child with siblings below it */
	const char *last;   /* the last child */
	const char *pipe;   /* continues a parent's branch */
	const char *blank;  /* under a parent's last child */
	const char *hline;  /* rule */
	const char *vline;  /* column separator */
	const char *folded, *unfolded; /* before a site or pool */
	const char *tl, *tr, *bl, *br;  /* box corners */
};
extern const struct tui_glyphs tui_glyphs_utf8;
extern const struct tui_glyphs tui_glyphs_ascii;

/* How a row is shown; the face maps styles to attributes. */
enum row_style {
	STYLE_NORMAL,
	STYLE_GROUP,   /* a heading row (site, section, topic) */
	STYLE_MARK,    /* stands out: a port in one load-balancing mode only */
	STYLE_ERROR,
	STYLE_WARNING,
	STYLE_DIM
};

/* The item under the Topology cursor: the scope of the Ports and Load
 * balancing views. Names are as stored (not escaped): they go to the core.
 * The rows of the Topology view's Network section (the section, the
 * topology's name, a zone, a peer) select nothing: the scope is then the
 * whole topology. */
enum sel_kind { SEL_NONE, SEL_SITE, SEL_POOL, SEL_SERVER, SEL_LB,
		SEL_NETWORK, SEL_NAME, SEL_ZONE, SEL_PEER };
struct tui_selection {
	enum sel_kind kind;
	char site[256], pool[256], server[256], lb[256];
};

struct view;

struct tui_ctx {
	struct store *st;
	const struct tui_glyphs *glyphs;
	struct tui_selection sel;
	unsigned long gen;     /* moves on every edit or re-read: views reload */
	unsigned long sel_gen; /* moves when the selection changes */
	struct view *views[VIEW_COUNT];
	struct view_export export; /* the export dialog under way */
};

struct form;

/* What a view asks of the face after a request. */
enum action_kind {
	ACT_NONE,    /* not handled */
	ACT_DONE,    /* handled; redraw */
	ACT_STATUS,  /* show text on the status line */
	ACT_ERROR,   /* show text as an error */
	ACT_FORM,    /* run form; the face frees it */
	ACT_CONFIRM, /* ask text; on yes call yes() */
	ACT_MENU,    /* offer items; call pick() with the chosen one */
	ACT_PROMPT,  /* ask for a line of text; call answer() with it */
	ACT_VIEW     /* switch to view */
};

#define ACTION_ITEMS VIEW_EXPORT_FORMATS

struct action {
	enum action_kind kind;
	char text[512];
	struct form *form;
	const char *items[ACTION_ITEMS]; /* static strings; "x Label": x is the key */
	int nitems, item;                /* item: the default choice */
	void (*pick)(struct view *v, int item, struct action *next);
	enum lp_status (*yes)(struct view *v, struct lp_error *err);
	/* ACT_CONFIRM: on yes, called instead of yes; fills the action that follows */
	void (*confirmed)(struct view *v, struct action *next);
	void (*answer)(struct view *v, const char *text, struct action *next);
	char initial[256];               /* ACT_PROMPT: text to start from */
	enum view_id view;
	char done[128];                  /* ACT_CONFIRM: status text after yes */
	bool changed;                    /* the view wrote to the file */
};

struct view_ops {
	enum view_id id;
	bool scoped; /* shows the selection: reload when it changes */
	/* Allocates the view's own data; false without memory. */
	bool (*init)(struct view *v);
	/* Reads what the view shows from the store and sets list.count. */
	enum lp_status (*load)(struct view *v, struct lp_error *err);
	/* The line under the tabs: what is shown and how much. */
	void (*caption)(struct view *v, char *buf, size_t size);
	/* Column headings for width columns, or NULL for none. */
	void (*header)(struct view *v, int width, char *buf, size_t size);
	/* Row i laid out in width columns (terminal-safe text). */
	enum row_style (*row)(struct view *v, long i, int width, char *buf, size_t size);
	/* Everything row i says, for searching. */
	void (*text)(struct view *v, long i, char *buf, size_t size);
	/* Searching done better than row by row (NULL: row by row): as
	 * list_find, for v->search from row `from`. */
	long (*find)(struct view *v, long from, int dir);
	/* Longer text about row i for the detail pane; NULL: no pane. */
	void (*detail)(struct view *v, long i, char *buf, size_t size);
	/* The cursor moved (NULL: nothing to do). */
	void (*cursor)(struct view *v);
	/* Called after a frame is drawn when no key waits (NULL: nothing to
	 * do): reading ahead what the next request will likely show. */
	void (*idle)(struct view *v);
	/* A request the main loop left to the view (NULL: none). */
	void (*request)(struct view *v, enum request req, struct action *act);
	/* Frees the view's own data. */
	void (*free)(struct view *v);
	/* The table the view exports (a name of tables.h), NULL: none. */
	const char *export_table;
	/* Narrows q to what the view shows and says what that is in scope
	 * (terminal-safe words); NULL: the whole table. Strings may point
	 * into the view's data: they are copied at once. */
	void (*export_query)(struct view *v, struct tables_query *q, char *scope, size_t size);
};

struct view {
	const struct view_ops *ops;
	struct tui_ctx *ctx;
	struct list list;
	unsigned long gen;  /* ctx->gen when last loaded */
	unsigned long sel_gen;
	bool loaded;
	char search[128];   /* the last search text */
	char error[512];    /* a fault met while drawing rows, for the status line */
	void *data;
};

extern const struct view_ops view_topology_ops;
extern const struct view_ops view_ports_ops;
extern const struct view_ops view_lb_ops;
extern const struct view_ops view_clients_ops;
extern const struct view_ops view_flows_ops;
extern const struct view_ops view_checks_ops;
extern const struct view_ops view_catalog_ops;
extern const struct view_ops view_help_ops;

/* Creates every view of ctx (ctx->views); false without memory. */
bool view_create_all(struct tui_ctx *ctx);
/* Frees every view of ctx. */
void view_free_all(struct tui_ctx *ctx);
/* True when v must be read again: never loaded, or behind ctx->gen
 * (or, for a scoped view, behind the selection). */
bool view_stale(const struct view *v);
/* Loads v when it is stale. */
enum lp_status view_refresh(struct view *v, struct lp_error *err);
/* Searches from the row after (dir 1) or before (dir -1) the cursor for
 * v->search and moves the cursor there; false when nothing matches. */
bool view_find(struct view *v, int dir);
/* Marks every view for reloading (after an edit or a re-read). */
void view_touch(struct tui_ctx *ctx);
/* Makes act report err's message as an error. */
void action_error(struct action *act, const struct lp_error *err);

/* Topology: puts the cursor on the item of kind ("site", "pool",
 * "server", "lb") named subject; false when there is none. */
bool view_topology_show(struct view *v, const char *kind, const char *subject);

#endif
