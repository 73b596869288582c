/* tuitest.h - what the interface's unit tests share: every view created on
 * an in-memory store (empty or holding the demo), and a view loaded. */
#ifndef LP_TUITEST_H
#define LP_TUITEST_H

#include <stdbool.h>

#include "store.h"
#include "tui/view.h"

struct fixture {
	struct store *st;
	struct tui_ctx ctx;
	char *dir; /* a scratch directory the test made, or NULL */
};

/* A new fixture, the demo loaded when demo is true; fails the test
 * without memory. The caller frees it with fixture_free. */
struct fixture *fixture_new(bool demo);
/* Frees f, its views and store, and removes f->dir. */
void fixture_free(struct fixture *f);
/* The view id of f, loaded (the test fails if loading fails). */
struct view *view_of(struct fixture *f, enum view_id id);

#endif
