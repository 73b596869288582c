/* view_topology.c - the Topology view: a tree of sites > pools > servers,
 * with the load balancers under the pools they serve. Add, edit and
 * delete go through forms and questions (topology_edit.c). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "topology.h"
#include "tui/topology_view.h"

static struct topo_data *data_of(struct view *v)
{
	return v->data;
}

static bool topo_init(struct view *v)
{
	return (v->data = calloc(1, sizeof(struct topo_data))) != NULL;
}

static void topo_clear(struct topo_data *d)
{
	strpool_clear(&d->strings);
	free(d->nodes);
	free(d->visible);
	d->nodes = NULL;
	d->visible = NULL;
	d->nnodes = d->cap = 0;
	d->nvisible = 0;
	d->sites = d->pools = d->servers = d->lbs = 0;
	d->title = d->title_label = NULL;
	d->kind_choices[0] = NULL;
	free(d->back_ends.items);
	free(d->witnesses.items);
	memset(&d->back_ends, 0, sizeof d->back_ends);
	memset(&d->witnesses, 0, sizeof d->witnesses);
}

static void topo_free(struct view *v)
{
	struct topo_data *d = data_of(v);

	topo_clear(d);
	free(d->folds);
	free(d);
	v->data = NULL;
}

/* A new node at the end of the tree, or NULL without memory. */
struct topo_node *topo_push(struct topo_data *d, enum sel_kind kind, int depth)
{
	struct topo_node *n;

	if (d->nnodes == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 256;
		struct topo_node *nodes = realloc(d->nodes, cap * sizeof *nodes);

		if (!nodes)
			return NULL;
		d->nodes = nodes;
		d->cap = cap;
	}
	n = &d->nodes[d->nnodes++];
	memset(n, 0, sizeof *n);
	n->kind = kind;
	n->depth = depth;
	return n;
}

static bool topo_is_folded(const struct topo_data *d, enum sel_kind kind, const char *name)
{
	size_t i;

	for (i = 0; i < d->nfolds; i++)
		if (d->folds[i].kind == kind && strcasecmp(d->folds[i].name, name) == 0)
			return true;
	return false;
}

/* Folds or unfolds a node, remembering it across reloads. */
static void topo_set_fold(struct topo_data *d, struct topo_node *n, bool folded)
{
	size_t i;

	n->folded = folded;
	for (i = 0; i < d->nfolds; i++) {
		if (d->folds[i].kind == n->kind && strcasecmp(d->folds[i].name, n->name) == 0) {
			if (!folded)
				d->folds[i] = d->folds[--d->nfolds];
			return;
		}
	}
	if (folded) {
		struct fold_key *f = realloc(d->folds, (d->nfolds + 1) * sizeof *f);

		if (!f)
			return;
		d->folds = f;
		f[d->nfolds].kind = n->kind;
		snprintf(f[d->nfolds].name, sizeof f[d->nfolds].name, "%s", n->name);
		d->nfolds++;
	}
}

/* Lists the nodes not hidden under a folded parent. */
static bool topo_build_visible(struct topo_data *d)
{
	size_t i;
	int hide_below = -1;

	free(d->visible);
	d->nvisible = 0;
	if (!(d->visible = malloc((d->nnodes + 1) * sizeof *d->visible)))
		return false;
	for (i = 0; i < d->nnodes; i++) {
		struct topo_node *n = &d->nodes[i];

		if (hide_below >= 0 && n->depth > hide_below)
			continue;
		hide_below = n->folded ? n->depth : -1;
		d->visible[d->nvisible++] = (long)i;
	}
	return true;
}

struct topo_node *topo_node_at(struct view *v, long row)
{
	struct topo_data *d = data_of(v);

	if (row < 0 || row >= d->nvisible)
		return NULL;
	return &d->nodes[d->visible[row]];
}

static void topo_select(struct view *v)
{
	struct tui_selection sel;
	struct topo_node *n = topo_node_at(v, v->list.cursor);

	memset(&sel, 0, sizeof sel);
	if (n && n->kind <= SEL_LB) {
		sel.kind = n->kind;
		snprintf(sel.site, sizeof sel.site, "%s", n->site);
		snprintf(sel.pool, sizeof sel.pool, "%s", n->pool);
		if (n->kind == SEL_SERVER)
			snprintf(sel.server, sizeof sel.server, "%s", n->name);
		if (n->kind == SEL_LB)
			snprintf(sel.lb, sizeof sel.lb, "%s", n->name);
	}
	if (memcmp(&sel, &v->ctx->sel, sizeof sel) != 0) {
		v->ctx->sel = sel;
		v->ctx->sel_gen++;
	}
}

/* Puts the cursor on node index i, unfolding its parents. */
static void topo_reveal(struct view *v, size_t i)
{
	struct topo_data *d = data_of(v);
	int depth = d->nodes[i].depth;
	size_t j;
	long r;

	for (j = i; j-- > 0 && depth > 0;) {
		if (d->nodes[j].depth < depth) {
			depth = d->nodes[j].depth;
			if (d->nodes[j].folded)
				topo_set_fold(d, &d->nodes[j], false);
		}
	}
	topo_build_visible(d);
	list_set_count(&v->list, d->nvisible);
	for (r = 0; r < d->nvisible; r++)
		if (d->visible[r] == (long)i)
			list_goto(&v->list, r);
	topo_select(v);
}

static enum sel_kind topo_kind_parse(const char *kind)
{
	static const char *const names[] = { "", "site", "pool", "server", "lb" };
	int k;

	for (k = SEL_SITE; k <= SEL_LB; k++)
		if (strcmp(kind, names[k]) == 0)
			return (enum sel_kind)k;
	return SEL_NONE;
}

bool view_topology_show(struct view *v, const char *kind, const char *subject)
{
	struct topo_data *d = data_of(v);
	enum sel_kind k = topo_kind_parse(kind);
	size_t i;

	for (i = 0; i < d->nnodes; i++) {
		if (d->nodes[i].kind == k && strcasecmp(d->nodes[i].name, subject) == 0) {
			topo_reveal(v, i);
			return true;
		}
	}
	return false;
}

static enum lp_status topo_load(struct view *v, struct lp_error *err)
{
	struct topo_data *d = data_of(v);
	struct topo_node *cur = topo_node_at(v, v->list.cursor);
	struct fold_key keep = { SEL_NONE, "" };
	enum lp_status s;
	size_t i;

	if (d->top)
		list_goto(&v->list, 0);
	else if (d->want.kind != SEL_NONE)
		keep = d->want;
	else if (cur) {
		keep.kind = cur->kind;
		snprintf(keep.name, sizeof keep.name, "%s", cur->name);
	}
	d->want.kind = SEL_NONE;
	d->top = false;
	topo_clear(d);
	s = topo_read(v->ctx->st, d, err);
	d->name_width = 0;
	for (i = 0; i < d->nnodes; i++) {
		struct topo_node *n = &d->nodes[i];
		int w = text_width(n->label) + 3 * n->depth + (n->depth < 2 ? 2 : 0) + 1;

		n->folded = topo_is_folded(d, n->kind, n->name);
		if (w > d->name_width)
			d->name_width = w;
	}
	if (!topo_build_visible(d) && s == LP_OK)
		s = lp_fail(err, LP_EDB, "out of memory reading the topology");
	list_set_count(&v->list, d->nvisible);
	for (i = 0; keep.kind != SEL_NONE && i < d->nnodes; i++)
		if (d->nodes[i].kind == keep.kind && strcasecmp(d->nodes[i].name, keep.name) == 0)
			break;
	if (keep.kind != SEL_NONE && i < d->nnodes)
		topo_reveal(v, i);
	topo_select(v);
	return s;
}

/* The topology's name, then what it holds. */
static void topo_caption(struct view *v, char *buf, size_t size)
{
	struct topo_data *d = data_of(v);

	buf[0] = '\0';
	if (d->title_label && d->title_label[0])
		text_append(buf, size, "%s: ", d->title_label);
	if (d->sites == 0) {
		text_append(buf, size, "Empty topology.  a: add a site, D: load the demo topology");
		return;
	}
	text_append(buf, size, "%d site%s, %d pool%s, %d server%s, %d load balancer%s",
		    d->sites, d->sites == 1 ? "" : "s", d->pools, d->pools == 1 ? "" : "s",
		    d->servers, d->servers == 1 ? "" : "s", d->lbs, d->lbs == 1 ? "" : "s");
}

/* Columns for the tree: its widest line, leaving details at least 2/5. */
static int topo_name_columns(struct view *v, int width)
{
	int w = data_of(v)->name_width;

	if (w > width * 3 / 5)
		w = width * 3 / 5;
	return w < 12 ? 12 : w;
}

static void topo_header(struct view *v, int width, char *buf, size_t size)
{
	static const char *const cells[] = { "Item", "Details" };
	int widths[] = { topo_name_columns(v, width), 0 };

	text_columns(buf, size, cells, widths, 2, width);
}

/* Sites, pools and the Network section hold rows that fold under them. */
static bool topo_foldable_kind(enum sel_kind kind)
{
	return kind == SEL_SITE || kind == SEL_POOL || kind == SEL_NETWORK;
}

/* The tree lines before a node's name. */
static void topo_prefix(const struct tui_glyphs *g, const struct topo_node *n,
			char *buf, size_t size)
{
	buf[0] = '\0';
	if (n->depth == 2)
		text_append(buf, size, "%s", n->parent_last ? g->blank : g->pipe);
	if (n->depth >= 1)
		text_append(buf, size, "%s", n->last ? g->last : g->branch);
	if (topo_foldable_kind(n->kind))
		text_append(buf, size, "%s", n->folded ? g->folded : g->unfolded);
}

static enum row_style topo_row(struct view *v, long i, int width, char *buf, size_t size)
{
	struct topo_node *n = topo_node_at(v, i);
	char name[512];
	const char *cells[2];
	int widths[] = { topo_name_columns(v, width), 0 };

	if (!n) {
		buf[0] = '\0';
		return STYLE_NORMAL;
	}
	topo_prefix(v->ctx->glyphs, n, name, sizeof name);
	text_append(name, sizeof name, "%s", n->label);
	cells[0] = name;
	cells[1] = n->details;
	text_columns(buf, size, cells, widths, 2, width);
	if (n->kind == SEL_SITE || n->kind == SEL_NETWORK)
		return STYLE_GROUP;
	return n->kind == SEL_LB ? STYLE_DIM : STYLE_NORMAL;
}

static void topo_text(struct view *v, long i, char *buf, size_t size)
{
	struct topo_node *n = topo_node_at(v, i);

	snprintf(buf, size, "%s %s", n ? n->label : "", n ? n->details : "");
}

/* Left folds the node or goes to its parent; right unfolds or goes down. */
static void topo_fold_request(struct view *v, enum request req)
{
	struct topo_data *d = data_of(v);
	struct topo_node *n = topo_node_at(v, v->list.cursor);
	bool foldable = n && topo_foldable_kind(n->kind) && n->children;
	size_t at;

	if (!n)
		return;
	at = (size_t)(n - d->nodes);
	if (foldable && n->folded == (req == REQ_RIGHT)) {
		topo_set_fold(d, n, req == REQ_LEFT);
		topo_reveal(v, at);
	} else if (req == REQ_RIGHT) {
		if (foldable)
			list_goto(&v->list, v->list.cursor + 1);
		topo_select(v);
	} else {
		while (at-- > 0 && d->nodes[at].depth >= n->depth)
			;
		if (at < d->nnodes)
			topo_reveal(v, at);
	}
}

static void topo_request(struct view *v, enum request req, struct action *act)
{
	struct topo_node *n = topo_node_at(v, v->list.cursor);

	switch (req) {
	case REQ_LEFT:
	case REQ_RIGHT:
		topo_fold_request(v, req);
		act->kind = ACT_DONE;
		break;
	case REQ_ENTER:
		if (!n || n->kind > SEL_LB)
			break;
		act->kind = ACT_VIEW;
		act->view = n->kind == SEL_LB ? VIEW_LB : VIEW_PORTS;
		break;
	case REQ_ADD:
		topo_edit_add(v, act);
		break;
	case REQ_EDIT:
		topo_edit_change(v, act);
		break;
	case REQ_DELETE:
		topo_edit_delete(v, act);
		break;
	case REQ_DEMO:
		topo_edit_demo(v, act);
		break;
	default:
		break;
	}
}

const struct view_ops view_topology_ops = {
	.id = VIEW_TOPOLOGY,
	.init = topo_init,
	.load = topo_load,
	.caption = topo_caption,
	.header = topo_header,
	.row = topo_row,
	.text = topo_text,
	.cursor = topo_select,
	.request = topo_request,
	.free = topo_free,
	/* Every server with its pool and address: the list a network team
	 * asks for (the whole topology as a file: lyncplan export-topology). */
	.export_table = "servers",
};
