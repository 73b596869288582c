/* keys.c - the key binding table and its lookups. Curses is included for
 * the key code macros only; nothing here draws. */
#include "config.h"

#include <curses.h>
#include <string.h>

#include "tui/keys.h"
#include "tui/text.h"

#define CTRL(c) ((c) & 0x1f)
#define V(x) VIEW_BIT(VIEW_##x)
#define LISTS VIEWS_ALL

const char *const keys_view_titles[VIEW_COUNT] = {
	"Topology", "Ports", "Load balancing", "Clients", "Flows", "Checks", "Catalog", "Help"
};

/* In key bar order; the first binding that matches a key in a view wins. */
const struct binding keys_table[] = {
	{ { KEY_F(1), '?' }, "F1 ?", REQ_HELP, VIEWS_ALL, "F1", "Help",
	  "open this help" },
	{ { KEY_UP, 'k' }, "Up k", REQ_UP, LISTS, NULL, NULL, "move up one row" },
	{ { KEY_DOWN, 'j' }, "Down j", REQ_DOWN, LISTS, NULL, NULL, "move down one row" },
	{ { KEY_PPAGE, CTRL('b') }, "PgUp Ctrl-B", REQ_PAGE_UP, LISTS, NULL, NULL,
	  "move up one page" },
	{ { KEY_NPAGE, CTRL('f'), ' ' }, "PgDn Ctrl-F Space", REQ_PAGE_DOWN, LISTS, NULL, NULL,
	  "move down one page" },
	{ { KEY_HOME, 'g' }, "Home g", REQ_FIRST, LISTS, NULL, NULL, "go to the first row" },
	{ { KEY_END, 'G' }, "End G", REQ_LAST, LISTS, NULL, NULL, "go to the last row" },
	{ { KEY_LEFT, 'h' }, "Left h", REQ_LEFT, V(TOPOLOGY), NULL, NULL,
	  "fold the item under the cursor, or go to its parent" },
	{ { KEY_RIGHT, 'l' }, "Right l", REQ_RIGHT, V(TOPOLOGY), NULL, NULL,
	  "unfold the item under the cursor" },
	{ { 'a' }, "a", REQ_ADD, V(TOPOLOGY), "a", "Add",
	  "add a site, pool, server, load balancer or peer" },
	{ { 'e' }, "e", REQ_EDIT, V(TOPOLOGY), "e", "Edit",
	  "edit the item under the cursor (also the topology's name and the zones)" },
	{ { 'd', KEY_DC }, "d Delete", REQ_DELETE, V(TOPOLOGY), "d", "Delete",
	  "delete the item under the cursor (asks first, naming what depends on it)" },
	{ { '\n', '\r', KEY_ENTER }, "Enter", REQ_ENTER, V(TOPOLOGY), "Enter", "Ports",
	  "show the ports of the item under the cursor" },
	{ { '\n', '\r', KEY_ENTER }, "Enter", REQ_ENTER, V(CHECKS), "Enter", "Go to",
	  "go to the item the finding is about" },
	{ { '\n', '\r', KEY_ENTER }, "Enter", REQ_ENTER, V(PORTS) | V(LB) | V(CLIENTS) | V(FLOWS) |
	  V(CATALOG), NULL, NULL, "show all the detail pane says about the row" },
	{ { 'D' }, "D", REQ_DEMO, V(TOPOLOGY), NULL, NULL,
	  "load the demo topology into the open file (asks first)" },
	{ { 'm' }, "m", REQ_LB_MODE, V(LB), "m", "Switch mode",
	  "switch the pool between DNS and hardware load balancing" },
	{ { '[' }, "[", REQ_PREV_ITEM, V(LB), "[", "Prev pool", "show the previous pool" },
	{ { ']' }, "]", REQ_NEXT_ITEM, V(LB), "]", "Next pool", "show the next pool" },
	{ { 'x' }, "x", REQ_EXPORT, VIEWS_ALL & ~V(HELP), "x", "Export",
	  "export what the view shows to a file: pick a format, then a path" },
	{ { '/' }, "/", REQ_SEARCH, VIEWS_ALL, "/", "Search",
	  "search forward for text (case does not matter)" },
	{ { 'n' }, "n", REQ_FIND_NEXT, VIEWS_ALL, NULL, NULL, "go to the next match" },
	{ { 'N' }, "N", REQ_FIND_PREV, VIEWS_ALL, NULL, NULL, "go to the previous match" },
	{ { 'f' }, "f", REQ_FILTER, V(PORTS) | V(FLOWS), "f", "Filter",
	  "show only the rows containing a text (empty: all rows)" },
	{ { 's' }, "s", REQ_SORT, V(PORTS), "s", "Sort",
	  "sort each server's rows by the next column" },
	{ { 'o' }, "o", REQ_SCOPE, V(PORTS) | V(FLOWS), "o", "Scope",
	  "switch between the selected item and the whole topology" },
	{ { 'r', CTRL('l') }, "r Ctrl-L", REQ_REFRESH, VIEWS_ALL, NULL, NULL,
	  "re-read the file (changes made elsewhere show up)" },
	{ { '\t' }, "Tab", REQ_VIEW_NEXT, VIEWS_ALL, NULL, NULL, "go to the next view" },
	{ { KEY_BTAB }, "Shift-Tab", REQ_VIEW_PREV, VIEWS_ALL, NULL, NULL,
	  "go to the previous view" },
	{ { '1' }, "1", REQ_VIEW_FIRST + VIEW_TOPOLOGY, VIEWS_ALL, NULL, NULL, "Topology view" },
	{ { '2' }, "2", REQ_VIEW_FIRST + VIEW_PORTS, VIEWS_ALL, NULL, NULL, "Ports view" },
	{ { '3' }, "3", REQ_VIEW_FIRST + VIEW_LB, VIEWS_ALL, NULL, NULL, "Load balancing view" },
	{ { '4' }, "4", REQ_VIEW_FIRST + VIEW_CLIENTS, VIEWS_ALL, NULL, NULL, "Clients view" },
	{ { '5' }, "5", REQ_VIEW_FIRST + VIEW_FLOWS, VIEWS_ALL, NULL, NULL, "Flows view" },
	{ { '6' }, "6", REQ_VIEW_FIRST + VIEW_CHECKS, VIEWS_ALL, NULL, NULL, "Checks view" },
	{ { '7' }, "7", REQ_VIEW_FIRST + VIEW_CATALOG, VIEWS_ALL, NULL, NULL, "Catalog view" },
	{ { '8' }, "8", REQ_VIEW_FIRST + VIEW_HELP, VIEWS_ALL, NULL, NULL, "Help view" },
	{ { 'q' }, "q", REQ_BACK, VIEWS_ALL, "q", "Back",
	  "leave the view (back to the one before); quit from the first" },
	{ { KEY_F(10) }, "F10", REQ_QUIT, VIEWS_ALL, "F10", "Quit", "quit" },
};

const size_t keys_count = sizeof keys_table / sizeof keys_table[0];

enum request keys_lookup(enum view_id view, int key)
{
	size_t i, k;

	for (i = 0; i < keys_count; i++) {
		const struct binding *b = &keys_table[i];

		if (!(b->views & VIEW_BIT(view)))
			continue;
		for (k = 0; k < KEYS_PER_BINDING && b->keys[k]; k++)
			if (b->keys[k] == key)
				return b->req;
	}
	return REQ_NONE;
}

void keys_where(unsigned mask, char *buf, size_t size)
{
	int v;

	buf[0] = '\0';
	if (mask == VIEWS_ALL) {
		text_append(buf, size, "all views");
		return;
	}
	for (v = 0; v < VIEW_COUNT; v++)
		if (mask & VIEW_BIT(v))
			text_append(buf, size, "%s%s", buf[0] ? ", " : "", keys_view_titles[v]);
}
