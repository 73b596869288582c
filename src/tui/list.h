/* list.h - the scrolling engine every view shares: a cursor and a window
 * of `height` visible rows over `count` rows. It knows no row contents,
 * so views with 10 rows and with 300,000 rows scroll the same way. */
#ifndef LP_TUI_LIST_H
#define LP_TUI_LIST_H

#include <stdbool.h>

#include "tui/keys.h"

struct list {
	long count;  /* rows */
	long cursor; /* selected row, 0 when empty */
	long top;    /* first visible row */
	int height;  /* visible rows */
};

/* Sets the number of rows, keeping the cursor on a row. */
void list_set_count(struct list *l, long count);
/* Sets the number of visible rows, keeping the cursor visible. */
void list_set_height(struct list *l, int height);
/* Puts the cursor on row i (clamped) and scrolls to show it. */
void list_goto(struct list *l, long i);
/* Applies a movement request; false when req is not a movement. */
bool list_move(struct list *l, enum request req);

/* Index of the first row from `from` (inclusive) going forward (dir 1) or
 * back (dir -1), wrapping around once, for which match(ud, i) is true;
 * -1 when none does or match returns a negative value (an error). */
long list_find(const struct list *l, long from, int dir,
	       int (*match)(void *ud, long i), void *ud);

#endif
