/* list.c - cursor and scrolling arithmetic shared by every view. */
#include "config.h"

#include "tui/list.h"

/* Scrolls the least needed to show the cursor. */
static void list_show_cursor(struct list *l)
{
	int h = l->height > 0 ? l->height : 1;

	if (l->cursor < l->top)
		l->top = l->cursor;
	else if (l->cursor >= l->top + h)
		l->top = l->cursor - h + 1;
	if (l->top > l->count - h)
		l->top = l->count - h;
	if (l->top < 0)
		l->top = 0;
}

void list_set_count(struct list *l, long count)
{
	l->count = count < 0 ? 0 : count;
	if (l->cursor >= l->count)
		l->cursor = l->count - 1;
	if (l->cursor < 0)
		l->cursor = 0;
	list_show_cursor(l);
}

void list_set_height(struct list *l, int height)
{
	l->height = height < 1 ? 1 : height;
	list_show_cursor(l);
}

void list_goto(struct list *l, long i)
{
	l->cursor = i;
	list_set_count(l, l->count);
}

bool list_move(struct list *l, enum request req)
{
	long page = l->height > 1 ? l->height - 1 : 1;

	switch (req) {
	case REQ_UP: list_goto(l, l->cursor - 1); return true;
	case REQ_DOWN: list_goto(l, l->cursor + 1); return true;
	case REQ_FIRST: list_goto(l, 0); return true;
	case REQ_LAST: list_goto(l, l->count - 1); return true;
	case REQ_PAGE_UP:
		l->top -= page;
		if (l->top < 0)
			l->top = 0;
		list_goto(l, l->cursor - page);
		return true;
	case REQ_PAGE_DOWN:
		/* Scroll the window a page, as less does, and keep the cursor on
		 * the same screen line. */
		if (l->top + page > l->count - l->height)
			list_goto(l, l->count - 1);
		else {
			l->top += page;
			list_goto(l, l->cursor + page);
		}
		return true;
	default:
		return false;
	}
}

long list_find(const struct list *l, long from, int dir,
	       int (*match)(void *ud, long i), void *ud)
{
	long n, i;

	if (l->count == 0)
		return -1;
	i = ((from % l->count) + l->count) % l->count;
	for (n = 0; n < l->count; n++) {
		int m = match(ud, i);

		if (m < 0)
			return -1;
		if (m > 0)
			return i;
		i = (i + dir + l->count) % l->count;
	}
	return -1;
}
