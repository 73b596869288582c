/* rows.c - a view's growing array of rows. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tui/rows.h"

void *rows_add(struct rows *r, size_t size)
{
	void *item;

	if (r->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 64;
		void *items = realloc(r->items, cap * size);

		if (!items) {
			r->nomem = true;
			return NULL;
		}
		r->items = items;
		r->cap = cap;
	}
	item = rows_at(r, r->n++, size);
	memset(item, 0, size);
	return item;
}

void rows_clear(struct rows *r)
{
	free(r->items);
	memset(r, 0, sizeof *r);
}
