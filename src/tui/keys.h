/* keys.h - the one table from keys to requests. It drives key handling,
 * the key bar at the bottom of each view and the key list of the help
 * view, so the three cannot disagree. */
#ifndef LP_TUI_KEYS_H
#define LP_TUI_KEYS_H

#include <stddef.h>

/* The views, in tab order (keys 1-8). */
enum view_id {
	VIEW_TOPOLOGY,
	VIEW_PORTS,
	VIEW_LB,
	VIEW_CLIENTS,
	VIEW_FLOWS,
	VIEW_CHECKS,
	VIEW_CATALOG,
	VIEW_HELP,
	VIEW_COUNT
};

#define VIEW_BIT(v) (1u << (v))
#define VIEWS_ALL ((1u << VIEW_COUNT) - 1)

/* What a key asks for. Views see the ones the main loop does not handle. */
enum request {
	REQ_NONE,
	REQ_UP, REQ_DOWN, REQ_PAGE_UP, REQ_PAGE_DOWN, REQ_FIRST, REQ_LAST,
	REQ_LEFT, REQ_RIGHT,
	REQ_ENTER, REQ_ADD, REQ_EDIT, REQ_DELETE, REQ_DEMO,
	REQ_SEARCH, REQ_FIND_NEXT, REQ_FIND_PREV, REQ_FILTER, REQ_SORT,
	REQ_SCOPE, REQ_LB_MODE, REQ_PREV_ITEM, REQ_NEXT_ITEM,
	REQ_EXPORT, REQ_REFRESH, REQ_HELP,
	REQ_VIEW_NEXT, REQ_VIEW_PREV, REQ_VIEW_FIRST, /* REQ_VIEW_FIRST + n: view n */
	REQ_VIEW_LAST = REQ_VIEW_FIRST + VIEW_COUNT - 1,
	REQ_BACK, REQ_QUIT
};

#define KEYS_PER_BINDING 4

struct binding {
	int keys[KEYS_PER_BINDING]; /* curses key codes; 0 ends the list */
	const char *names;          /* the keys as help shows them */
	enum request req;
	unsigned views;             /* VIEW_BIT mask where the binding applies */
	const char *bar_key;        /* key bar: the key and its label, or NULL */
	const char *bar_label;
	const char *help;           /* what it does, for the help view */
};

extern const struct binding keys_table[];
extern const size_t keys_count;

/* The request key asks for in view, or REQ_NONE. */
enum request keys_lookup(enum view_id view, int key);

/* Tab titles, in view order. */
extern const char *const keys_view_titles[VIEW_COUNT];

/* Writes "all views" or the titles of the views in mask into buf. */
void keys_where(unsigned mask, char *buf, size_t size);

#endif
