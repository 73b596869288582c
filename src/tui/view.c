/* view.c - what every view shares: creating them, reloading when the file
 * changed, searching, and the two sets of line-drawing glyphs. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/view.h"

const struct tui_glyphs tui_glyphs_utf8 = {
	.branch = "\u251c\u2500 ", .last = "\u2514\u2500 ", .pipe = "\u2502  ", .blank = "   ",
	.hline = "\u2500", .vline = "\u2502",
	.folded = "\u25b8 ", .unfolded = "\u25be ",
	.tl = "\u250c", .tr = "\u2510", .bl = "\u2514", .br = "\u2518"
};
const struct tui_glyphs tui_glyphs_ascii = {
	.branch = "|- ", .last = "`- ", .pipe = "|  ", .blank = "   ",
	.hline = "-", .vline = "|",
	.folded = "+ ", .unfolded = "- ",
	.tl = "+", .tr = "+", .bl = "+", .br = "+"
};

static const struct view_ops *const view_table[VIEW_COUNT] = {
	&view_topology_ops, &view_ports_ops, &view_lb_ops, &view_clients_ops, &view_flows_ops,
	&view_checks_ops, &view_catalog_ops, &view_help_ops
};

bool view_create_all(struct tui_ctx *ctx)
{
	int i;

	for (i = 0; i < VIEW_COUNT; i++) {
		struct view *v = calloc(1, sizeof *v);

		if (!v)
			return false;
		v->ops = view_table[i];
		v->ctx = ctx;
		v->list.height = 1;
		ctx->views[i] = v;
		if (!v->ops->init(v))
			return false;
	}
	return true;
}

void view_free_all(struct tui_ctx *ctx)
{
	int i;

	for (i = 0; i < VIEW_COUNT; i++) {
		struct view *v = ctx->views[i];

		if (!v)
			continue;
		if (v->data)
			v->ops->free(v);
		free(v);
		ctx->views[i] = NULL;
	}
}

bool view_stale(const struct view *v)
{
	return !v->loaded || v->gen != v->ctx->gen ||
	       (v->ops->scoped && v->sel_gen != v->ctx->sel_gen);
}

enum lp_status view_refresh(struct view *v, struct lp_error *err)
{
	enum lp_status s;

	if (!view_stale(v))
		return LP_OK;
	v->error[0] = '\0';
	s = v->ops->load(v, err);
	v->loaded = true;
	v->gen = v->ctx->gen;
	v->sel_gen = v->ctx->sel_gen;
	return s;
}

void view_touch(struct tui_ctx *ctx)
{
	ctx->gen++;
}

struct find_state {
	struct view *v;
	char buf[4096];
};

static int view_match(void *ud, long i)
{
	struct find_state *f = ud;

	f->v->ops->text(f->v, i, f->buf, sizeof f->buf);
	if (f->v->error[0])
		return -1;
	return lp_find_nocase(f->buf, f->v->search) != NULL;
}

bool view_find(struct view *v, int dir)
{
	struct find_state *f;
	long i;

	if (!v->search[0])
		return false;
	if (v->ops->find) {
		i = v->ops->find(v, v->list.cursor + dir, dir);
	} else {
		if (!(f = malloc(sizeof *f)))
			return false;
		f->v = v;
		i = list_find(&v->list, v->list.cursor + dir, dir, view_match, f);
		free(f);
	}
	if (i < 0)
		return false;
	list_goto(&v->list, i);
	return true;
}

void action_error(struct action *act, const struct lp_error *err)
{
	act->kind = ACT_ERROR;
	snprintf(act->text, sizeof act->text, "%s", err->msg);
}
