/* view_ports.c - the Ports view: the port matrix of the item selected in
 * the Topology view (or of everything), grouped by server, sortable within
 * each server, filtered by text, with the notes and source of the row
 * under the cursor. Rows come through ports_cache, a block at a time. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export/export.h"
#include "tables.h"
#include "tui/ports_cache.h"
#include "tui/view.h"

struct ports_view {
	struct ports_cache cache;
	bool everything;        /* ignore the Topology selection */
	enum ports_sort sort;
	char filter[TABLES_CONTAINS_MAX + 1];
	char scope[600];        /* terminal-safe words for the caption */
};

static struct ports_view *data_of(struct view *v)
{
	return v->data;
}

static bool ports_init(struct view *v)
{
	return (v->data = calloc(1, sizeof(struct ports_view))) != NULL;
}

static void ports_free(struct view *v)
{
	ports_close(&data_of(v)->cache);
	free(v->data);
	v->data = NULL;
}

/* The plan filter for the selection, and words saying what it is. */
static void ports_scope(struct view *v, struct plan_filter *f)
{
	struct ports_view *p = data_of(v);
	const struct tui_selection *sel = &v->ctx->sel;
	const char *what = NULL, *name = NULL;
	char *safe;

	memset(f, 0, sizeof *f);
	if (!p->everything) {
		switch (sel->kind) {
		case SEL_SITE: f->site = name = sel->site; what = "site"; break;
		case SEL_SERVER: f->server = name = sel->server; what = "server"; break;
		case SEL_POOL:
		case SEL_LB: f->pool = name = sel->pool; what = "pool"; break;
		default: break;
		}
	}
	if (!name) {
		snprintf(p->scope, sizeof p->scope, "every server");
		return;
	}
	safe = export_escape_terminal(name);
	snprintf(p->scope, sizeof p->scope, "%s %s", what, safe ? safe : "");
	free(safe);
}

static enum lp_status ports_load(struct view *v, struct lp_error *err)
{
	struct ports_view *p = data_of(v);
	struct plan_filter f;
	enum lp_status s;

	ports_scope(v, &f);
	s = ports_open(&p->cache, v->ctx->st, &f, p->filter, p->sort, err);
	list_set_count(&v->list, s == LP_OK ? p->cache.count : 0);
	return s;
}

static void ports_caption(struct view *v, char *buf, size_t size)
{
	struct ports_view *p = data_of(v);
	char *filter = export_escape_terminal(p->filter);

	snprintf(buf, size, "Ports of %s: %ld row%s, by %s", p->scope, p->cache.count,
		 p->cache.count == 1 ? "" : "s", ports_sort_name(p->sort));
	if (p->filter[0])
		text_append(buf, size, ", filter \"%s\"", filter ? filter : "");
	free(filter);
}

/* The interface column fits "external-webconf". */
static const int ports_widths[] = { 24, 16, 11, 7, 12, 0 };

static void ports_header(struct view *v, int width, char *buf, size_t size)
{
	static const char *const cells[] = { "Server", "Interface", "Ports", "Transp",
					     "Protocol", "Service / notes" };

	(void)v;
	text_columns(buf, size, cells, ports_widths, 6, width);
}

/* Row i, or NULL (the fault, if any, goes to v->error). */
static const struct port_row *ports_row_at(struct view *v, long i)
{
	struct lp_error err = { LP_OK, "" };
	const struct port_row *r = ports_get(&data_of(v)->cache, i, &err);

	if (!r && err.msg[0])
		snprintf(v->error, sizeof v->error, "%s", err.msg);
	return r;
}

static enum row_style ports_row(struct view *v, long i, int width, char *buf, size_t size)
{
	const struct port_row *r = ports_row_at(v, i);
	const char *cells[6];
	bool first;

	buf[0] = '\0';
	if (!r)
		return STYLE_NORMAL;
	cells[1] = r->interface;
	cells[2] = r->ports;
	cells[3] = r->transport;
	cells[4] = r->protocol;
	cells[5] = r->service[0] ? r->service : r->notes;
	/* The server is named on the first of its rows (and at the top). */
	first = i == 0 || i == v->list.top;
	if (!first) {
		char key[256];
		const struct port_row *prev;

		snprintf(key, sizeof key, "%s", r->server_key);
		prev = ports_row_at(v, i - 1);
		r = ports_row_at(v, i);
		first = !prev || strcmp(prev->server_key, key) != 0;
	}
	if (!r)
		return STYLE_NORMAL;
	cells[0] = first ? r->server : "";
	text_columns(buf, size, cells, ports_widths, 6, width);
	return STYLE_NORMAL;
}

static void ports_text(struct view *v, long i, char *buf, size_t size)
{
	const struct port_row *r = ports_row_at(v, i);

	if (!r) {
		buf[0] = '\0';
		return;
	}
	snprintf(buf, size, "%s %s %s %s %s %s %s %s %s", r->server, r->interface, r->ports,
		 r->transport, r->protocol, r->service, r->notes, r->role, r->source);
}

/* One pass over the matrix rather than a query per block of rows. */
static long ports_view_find(struct view *v, long from, int dir)
{
	struct lp_error err = { LP_OK, "" };
	long i = ports_find(&data_of(v)->cache, v->search, from, dir, &err);

	if (i < 0 && err.msg[0])
		snprintf(v->error, sizeof v->error, "%s", err.msg);
	return i;
}

static void ports_detail(struct view *v, long i, char *buf, size_t size)
{
	const struct port_row *r = ports_row_at(v, i);

	if (!r) {
		buf[0] = '\0';
		return;
	}
	snprintf(buf, size, "%s %s %s on %s%s%s (%s interface%s; %s, pool %s, site %s)\n"
		 "Source: %s\n%s%s%s",
		 r->transport, r->ports, r->protocol, r->server, r->address[0] ? " " : "",
		 r->address, r->interface, r->address[0] ? "" : ", no address", r->role, r->pool,
		 r->site, r->source, r->service,
		 r->service[0] ? ": " : "", r->notes[0] ? r->notes : "(no notes in the table)");
}

static void ports_answer_filter(struct view *v, const char *text, struct action *next)
{
	struct ports_view *p = data_of(v);
	struct lp_error err = { LP_OK, "" };

	snprintf(p->filter, sizeof p->filter, "%s", text);
	list_goto(&v->list, 0);
	if (ports_load(v, &err) != LP_OK) {
		action_error(next, &err);
		return;
	}
	next->kind = ACT_STATUS;
	if (p->filter[0] && p->cache.count == 0)
		snprintf(next->text, sizeof next->text, "no row matches the filter");
	else
		next->text[0] = '\0';
}

/* Reads the rows a page down and a page up while the user reads this
 * one: a block not yet read costs a query of the whole derivation, too
 * slow to wait for on a key. */
static void ports_idle(struct view *v)
{
	struct ports_cache *c = &data_of(v)->cache;
	long top = v->list.top, h = v->list.height;

	if (top + h < v->list.count)
		ports_prefetch(c, top + h);
	if (top + 2 * h - 1 < v->list.count)
		ports_prefetch(c, top + 2 * h - 1);
	if (top > 0)
		ports_prefetch(c, top - 1);
	if (top - h >= 0)
		ports_prefetch(c, top - h);
}

static void ports_request(struct view *v, enum request req, struct action *act)
{
	struct ports_view *p = data_of(v);
	struct lp_error err = { LP_OK, "" };

	switch (req) {
	case REQ_FILTER:
		act->kind = ACT_PROMPT;
		snprintf(act->text, sizeof act->text, "Filter");
		snprintf(act->initial, sizeof act->initial, "%s", p->filter);
		act->answer = ports_answer_filter;
		return;
	case REQ_SORT:
		p->sort = (enum ports_sort)((p->sort + 1) % PORTS_SORTS);
		break;
	case REQ_SCOPE:
		p->everything = !p->everything;
		list_goto(&v->list, 0);
		break;
	default:
		return;
	}
	act->kind = ACT_DONE;
	if (ports_load(v, &err) != LP_OK)
		action_error(act, &err);
}

/* What the view shows: its scope and filter. Rows are written in matrix
 * order (by port within each server) whatever the sort: the dialog says so. */
static void ports_export(struct view *v, struct tables_query *q, char *scope, size_t size)
{
	struct ports_view *p = data_of(v);
	char *filter = export_escape_terminal(p->filter);

	ports_scope(v, &q->filter);
	q->contains = p->filter;
	snprintf(scope, size, "%s", p->scope);
	if (p->filter[0])
		text_append(scope, size, ", filter \"%s\"", filter ? filter : "");
	if (p->sort != PORTS_BY_PORT)
		text_append(scope, size, ", by port");
	free(filter);
}

const struct view_ops view_ports_ops = {
	.id = VIEW_PORTS,
	.scoped = true,
	.init = ports_init,
	.load = ports_load,
	.caption = ports_caption,
	.header = ports_header,
	.row = ports_row,
	.text = ports_text,
	.find = ports_view_find,
	.detail = ports_detail,
	.request = ports_request,
	.idle = ports_idle,
	.free = ports_free,
	.export_table = "ports",
	.export_query = ports_export,
};
