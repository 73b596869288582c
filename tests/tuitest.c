/* tuitest.c - the interface's test fixture. */
#include "config.h"

#include <stdlib.h>

#include "testutil.h"
#include "topology.h"
#include "tuitest.h"

struct fixture *fixture_new(bool demo)
{
	struct fixture *f = calloc(1, sizeof *f);
	struct lp_error err;

	assert_non_null(f);
	f->st = tu_memory_store();
	if (demo)
		assert_int_equal(topology_load_demo(f->st, &err), LP_OK);
	f->ctx.st = f->st;
	f->ctx.glyphs = &tui_glyphs_ascii;
	assert_true(view_create_all(&f->ctx));
	return f;
}

void fixture_free(struct fixture *f)
{
	view_free_all(&f->ctx);
	store_close(f->st);
	if (f->dir) {
		tu_rmtree(f->dir);
		free(f->dir);
	}
	free(f);
}

struct view *view_of(struct fixture *f, enum view_id id)
{
	struct lp_error err = { LP_OK, "" };
	struct view *v = f->ctx.views[id];

	assert_int_equal(view_refresh(v, &err), LP_OK);
	return v;
}
