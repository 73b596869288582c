/* rows.h - the rows a view has read: one array of fixed-size items that
 * doubles as it fills, so each view need not write its own. */
#ifndef LP_TUI_ROWS_H
#define LP_TUI_ROWS_H

#include <stdbool.h>
#include <stddef.h>

struct rows {
	void *items;
	size_t n, cap;
	bool nomem; /* an item could not be added */
};

/* A new item of size bytes, zeroed, at the end of r; NULL without memory
 * (then r->nomem is set and r is as it was). Owned by r. */
void *rows_add(struct rows *r, size_t size);
/* Item i of r, items being size bytes. */
static inline void *rows_at(const struct rows *r, size_t i, size_t size)
{
	return (char *)r->items + i * size;
}
/* Frees every item; r can be used again. */
void rows_clear(struct rows *r);

#endif
