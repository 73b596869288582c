/* view_flows.c - the Flows view: who talks to whom, as a firewall engineer
 * reads it. Each pair of ends (from -> to) gets a heading row naming the
 * zones crossed, then one row per port range and transport; the detail
 * pane says why, under which condition and from which catalog rows. The
 * view follows the pool selected in Topology (o: every flow), f filters. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export/export.h"
#include "plan.h"
#include "tables.h"
#include "tui/rows.h"
#include "tui/view.h"

struct flow_row {
	bool heading;
	const char *from, *from_addresses, *to, *to_addresses, *direction;
	const char *ports, *transport, *protocol, *why, *condition, *source;
};

struct flows_view {
	struct strpool strings;
	struct strset shared; /* the rows' texts, each once: they repeat a lot */
	struct rows rows;
	const char *pool;    /* the scope as stored (in strings), NULL: every flow */
	bool everything;     /* ignore the Topology selection */
	char filter[TABLES_CONTAINS_MAX + 1];
	char last_from[512], last_to[512]; /* the pair of the last row read */
	int flows;           /* data rows */
};

static struct flows_view *data_of(struct view *v)
{
	return v->data;
}

/* Row i of the view. */
static const struct flow_row *flows_at(struct view *v, long i)
{
	return rows_at(&data_of(v)->rows, (size_t)i, sizeof(struct flow_row));
}

static bool flows_init(struct view *v)
{
	return (v->data = calloc(1, sizeof(struct flows_view))) != NULL;
}

static void flows_clear(struct flows_view *d)
{
	strset_clear(&d->shared);
	strpool_clear(&d->strings);
	rows_clear(&d->rows);
	d->pool = NULL;
	d->last_from[0] = d->last_to[0] = '\0';
	d->flows = 0;
}

static void flows_free(struct view *v)
{
	flows_clear(data_of(v));
	free(v->data);
	v->data = NULL;
}

static struct flow_row *flows_push(struct flows_view *d)
{
	return rows_add(&d->rows, sizeof(struct flow_row));
}

/* Copies the strings of r (made terminal-safe) into o, each text once. */
static void flows_copy(struct flows_view *d, struct flow_row *o, const struct plan_flow_row *r)
{
	struct strpool *p = &d->strings;
	struct strset *t = &d->shared;

	o->from = strset_safe(t, p, r->from);
	o->from_addresses = strset_safe(t, p, r->from_addresses);
	o->to = strset_safe(t, p, r->to);
	o->to_addresses = strset_safe(t, p, r->to_addresses);
	o->direction = strset_safe(t, p, r->direction);
	o->ports = strset_safe(t, p, r->ports);
	o->transport = strset_safe(t, p, r->transport);
	o->protocol = strset_safe(t, p, r->protocol);
	o->why = strset_safe(t, p, r->why);
	o->condition = strset_safe(t, p, r->condition);
	o->source = strset_safe(t, p, r->source);
}

static int flows_read(const struct plan_flow_row *r, void *ud)
{
	struct flows_view *d = ud;
	struct flow_row *o;

	if (!tables_flow_row_has(r, d->filter))
		return 0;
	if (strcmp(r->from, d->last_from) != 0 || strcmp(r->to, d->last_to) != 0) {
		snprintf(d->last_from, sizeof d->last_from, "%s", r->from);
		snprintf(d->last_to, sizeof d->last_to, "%s", r->to);
		if (!(o = flows_push(d)))
			return 1;
		flows_copy(d, o, r);
		o->heading = true;
	}
	if (!(o = flows_push(d)))
		return 1;
	flows_copy(d, o, r);
	d->flows++;
	return 0;
}

/* The pool the view is narrowed to: the selected pool, or the pool of the
 * selected server or load balancer; none for a site or nothing. */
static const char *flows_scope(struct view *v)
{
	const struct tui_selection *sel = &v->ctx->sel;

	if (data_of(v)->everything)
		return NULL;
	switch (sel->kind) {
	case SEL_POOL:
	case SEL_SERVER:
	case SEL_LB:
		return sel->pool[0] ? sel->pool : NULL;
	default:
		return NULL;
	}
}

static enum lp_status flows_load(struct view *v, struct lp_error *err)
{
	struct flows_view *d = data_of(v);
	const char *pool;
	enum lp_status s;

	flows_clear(d);
	pool = flows_scope(v);
	if (pool)
		d->pool = strpool_dup(&d->strings, pool);
	s = plan_flows(v->ctx->st, NULL, NULL, d->pool, flows_read, d, err);
	if (s == LP_OK && (d->rows.nomem || d->strings.failed))
		s = lp_fail(err, LP_EDB, "out of memory reading the flows");
	list_set_count(&v->list, s == LP_OK ? (long)d->rows.n : 0);
	return s;
}

static void flows_caption(struct view *v, char *buf, size_t size)
{
	struct flows_view *d = data_of(v);
	char *pool = d->pool ? export_escape_terminal(d->pool) : NULL;
	char *filter = export_escape_terminal(d->filter);

	if (d->pool)
		snprintf(buf, size, "Flows from or to pool %s: %d flow%s", pool ? pool : "",
			 d->flows, d->flows == 1 ? "" : "s");
	else
		snprintf(buf, size, "Flows of the whole topology: %d flow%s", d->flows,
			 d->flows == 1 ? "" : "s");
	if (d->filter[0])
		text_append(buf, size, ", filter \"%s\"", filter ? filter : "");
	free(pool);
	free(filter);
}

static const int flows_widths[] = { 1, 11, 7, 16, 0 };

static void flows_header(struct view *v, int width, char *buf, size_t size)
{
	static const char *const cells[] = { "", "Ports", "Transp", "Protocol", "Why" };

	(void)v;
	text_columns(buf, size, cells, flows_widths, 5, width);
}

/* "from -> to" with the line drawing's arrow. */
static const char *flows_arrow(struct view *v)
{
	return v->ctx->glyphs == &tui_glyphs_utf8 ? "\u2192" : "->";
}

static enum row_style flows_row(struct view *v, long i, int width, char *buf, size_t size)
{
	const struct flow_row *r = flows_at(v, i);
	const char *cells[5];
	char line[1200];

	if (r->heading) {
		snprintf(line, sizeof line, "%s %s %s (%s)", r->from, flows_arrow(v), r->to,
			 r->direction);
		text_fit(buf, size, line, width);
		return STYLE_GROUP;
	}
	cells[0] = "";
	cells[1] = r->ports;
	cells[2] = r->transport;
	cells[3] = r->protocol;
	cells[4] = r->why;
	text_columns(buf, size, cells, flows_widths, 5, width);
	return STYLE_NORMAL;
}

static void flows_text(struct view *v, long i, char *buf, size_t size)
{
	const struct flow_row *r = flows_at(v, i);

	if (r->heading)
		snprintf(buf, size, "%s %s %s", r->from, r->to, r->direction);
	else
		snprintf(buf, size, "%s %s %s %s %s %s", r->ports, r->transport, r->protocol,
			 r->why, r->condition, r->source);
}

/* "name (addresses)", or the name alone when the model holds none. */
static void flows_end(char *buf, size_t size, const char *name, const char *addresses)
{
	if (addresses[0])
		snprintf(buf, size, "%s (%s)", name, addresses);
	else
		snprintf(buf, size, "%s", name);
}

static void flows_detail(struct view *v, long i, char *buf, size_t size)
{
	const struct flow_row *r = flows_at(v, i);
	char from[600], to[600];

	flows_end(from, sizeof from, r->from, r->from_addresses);
	flows_end(to, sizeof to, r->to, r->to_addresses);
	if (r->heading) {
		snprintf(buf, size, "%s %s %s\n%s", from, flows_arrow(v), to, r->direction);
		return;
	}
	/* The row and its heading show the ports and the ends: the pane starts
	 * with what they do not, and ends with the addresses. */
	snprintf(buf, size, "Why: %s\nCondition: %s\nSource: %s\n%s %s %s, %s: %s %s %s",
		 r->why, r->condition, r->source, r->transport, r->ports, r->protocol,
		 r->direction, from, flows_arrow(v), to);
}

static void flows_answer_filter(struct view *v, const char *text, struct action *next)
{
	struct flows_view *d = data_of(v);
	struct lp_error err = { LP_OK, "" };

	snprintf(d->filter, sizeof d->filter, "%s", text);
	list_goto(&v->list, 0);
	if (flows_load(v, &err) != LP_OK) {
		action_error(next, &err);
		return;
	}
	next->kind = ACT_STATUS;
	if (d->filter[0] && d->flows == 0)
		snprintf(next->text, sizeof next->text, "no flow matches the filter");
	else
		next->text[0] = '\0';
}

static void flows_request(struct view *v, enum request req, struct action *act)
{
	struct flows_view *d = data_of(v);
	struct lp_error err = { LP_OK, "" };

	switch (req) {
	case REQ_FILTER:
		act->kind = ACT_PROMPT;
		snprintf(act->text, sizeof act->text, "Filter");
		snprintf(act->initial, sizeof act->initial, "%s", d->filter);
		act->answer = flows_answer_filter;
		return;
	case REQ_SCOPE:
		d->everything = !d->everything;
		list_goto(&v->list, 0);
		break;
	default:
		return;
	}
	act->kind = ACT_DONE;
	if (flows_load(v, &err) != LP_OK)
		action_error(act, &err);
}

/* What the view shows: its scope and filter, in the same order. */
static void flows_export(struct view *v, struct tables_query *q, char *scope, size_t size)
{
	struct flows_view *d = data_of(v);
	char *pool = d->pool ? export_escape_terminal(d->pool) : NULL;
	char *filter = export_escape_terminal(d->filter);

	q->filter.pool = d->pool;
	q->contains = d->filter;
	if (d->pool)
		snprintf(scope, size, "flows from or to pool %s", pool ? pool : "");
	else
		snprintf(scope, size, "every flow");
	if (d->filter[0])
		text_append(scope, size, ", filter \"%s\"", filter ? filter : "");
	free(pool);
	free(filter);
}

const struct view_ops view_flows_ops = {
	.id = VIEW_FLOWS,
	.scoped = true,
	.init = flows_init,
	.load = flows_load,
	.caption = flows_caption,
	.header = flows_header,
	.row = flows_row,
	.text = flows_text,
	.detail = flows_detail,
	.request = flows_request,
	.free = flows_free,
	.export_table = "flows",
	.export_query = flows_export,
};
