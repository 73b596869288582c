/* view_lb.c - the Load balancing view: for one pool, the ports its
 * hardware load balancer carries under DNS load balancing and under
 * hardware load balancing, side by side, the ports of one mode only
 * marked; `m` switches the pool's mode and the plan is read again. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "export/export.h"
#include "plan.h"
#include "topology.h"
#include "tui/view.h"

struct lb_pool {
	const char *fqdn;  /* as stored */
	const char *label; /* terminal-safe */
	enum topo_role role;
	enum topo_lb lb;
	int servers;
};

struct lb_row {
	const char *ports, *transport, *protocol, *source;
	bool dns, hardware;
};

struct lb_view {
	struct strpool strings;
	struct lb_pool *pools;
	size_t npools, cap, current;
	struct lb_row *rows;
	size_t nrows, rowcap;
	char pool[256];              /* the pool shown, as stored */
	const char *balancers;       /* its load balancers and VIPs, terminal-safe */
	int in_dns, in_hardware;
	bool nomem;
};

static struct lb_view *data_of(struct view *v)
{
	return v->data;
}

static bool lb_init(struct view *v)
{
	return (v->data = calloc(1, sizeof(struct lb_view))) != NULL;
}

static void lb_clear(struct lb_view *d)
{
	strpool_clear(&d->strings);
	free(d->pools);
	free(d->rows);
	d->pools = NULL;
	d->rows = NULL;
	d->npools = d->cap = d->nrows = d->rowcap = d->current = 0;
	d->in_dns = d->in_hardware = 0;
	d->balancers = "";
}

static void lb_free(struct view *v)
{
	lb_clear(data_of(v));
	free(v->data);
	v->data = NULL;
}

static int lb_read_pool(const struct topo_pool *p, void *ud)
{
	struct lb_view *d = ud;
	struct lb_pool *o;

	if (d->npools == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 32;

		if (!(o = realloc(d->pools, cap * sizeof *o)))
			return d->nomem = true;
		d->pools = o;
		d->cap = cap;
	}
	o = &d->pools[d->npools++];
	o->fqdn = strpool_dup(&d->strings, p->fqdn);
	o->label = strpool_safe(&d->strings, p->fqdn);
	o->role = p->role;
	o->lb = p->lb;
	o->servers = p->servers;
	return 0;
}

static int lb_read_row(const struct plan_lb_compare_row *r, void *ud)
{
	struct lb_view *d = ud;
	struct lb_row *o;

	if (d->nrows == d->rowcap) {
		size_t cap = d->rowcap ? d->rowcap * 2 : 32;

		if (!(o = realloc(d->rows, cap * sizeof *o)))
			return d->nomem = true;
		d->rows = o;
		d->rowcap = cap;
	}
	o = &d->rows[d->nrows++];
	o->ports = strpool_safe(&d->strings, r->ports);
	o->transport = strpool_safe(&d->strings, r->transport);
	o->protocol = strpool_safe(&d->strings, r->protocol);
	o->source = strpool_safe(&d->strings, r->source);
	o->dns = strcmp(r->in, "hardware") != 0;
	o->hardware = strcmp(r->in, "dns") != 0;
	d->in_dns += o->dns;
	d->in_hardware += o->hardware;
	return 0;
}

/* The load balancers of the pool's current mode, for the detail pane:
 * those of each side in turn (an Edge pool's internal and external VIPs
 * carry rows of their own), each once. */
static int lb_read_balancers(const struct plan_lb_row *r, void *ud)
{
	struct lb_view *d = ud;
	char one[600], all[1200];
	char *safe;

	if (!r->load_balancers[0])
		return 0;
	snprintf(one, sizeof one, "%s (VIP %s)", r->load_balancers, r->vips);
	if (!(safe = export_escape_terminal(one)))
		return d->nomem = true;
	if (!strstr(d->balancers, safe)) {
		snprintf(all, sizeof all, "%s%s%s", d->balancers, d->balancers[0] ? "; " : "", safe);
		d->balancers = strpool_dup(&d->strings, all);
	}
	free(safe);
	return 0;
}

/* Chooses the pool: the selection's when it changed, else the one shown. */
static void lb_choose(struct view *v, struct lb_view *d)
{
	const char *want = d->pool;
	size_t i;

	if (v->sel_gen != v->ctx->sel_gen && v->ctx->sel.pool[0])
		want = v->ctx->sel.pool;
	d->current = 0;
	for (i = 0; i < d->npools; i++)
		if (strcasecmp(d->pools[i].fqdn, want) == 0)
			d->current = i;
	snprintf(d->pool, sizeof d->pool, "%s", d->npools ? d->pools[d->current].fqdn : "");
}

static enum lp_status lb_load(struct view *v, struct lp_error *err)
{
	struct lb_view *d = data_of(v);
	struct store *st = v->ctx->st;
	enum lp_status s;

	lb_clear(d);
	d->nomem = false;
	s = topology_pool_each(st, NULL, lb_read_pool, d, err);
	if (s == LP_OK)
		lb_choose(v, d);
	if (s == LP_OK && d->npools)
		s = plan_lb_compare(st, d->pool, lb_read_row, d, err);
	if (s == LP_OK && d->npools)
		s = plan_lb_ports(st, d->pool, lb_read_balancers, d, err);
	if (s == LP_OK && (d->nomem || d->strings.failed))
		s = lp_fail(err, LP_EDB, "out of memory reading the load balancing plan");
	list_set_count(&v->list, s == LP_OK ? (long)d->nrows : 0);
	return s;
}

static const char *lb_mode_words(enum topo_lb m)
{
	switch (m) {
	case LB_DNS: return "DNS load balancing";
	case LB_HARDWARE: return "hardware load balancing";
	default: return "no load balancing";
	}
}

static void lb_caption(struct view *v, char *buf, size_t size)
{
	struct lb_view *d = data_of(v);
	const struct lb_pool *p;

	if (!d->npools) {
		snprintf(buf, size, "No pools yet: add one in the Topology view (1, then a).");
		return;
	}
	p = &d->pools[d->current];
	snprintf(buf, size, "[%zu/%zu] %s: %s, %d server%s, now %s", d->current + 1,
		 d->npools, p->label, topology_role_title(p->role), p->servers,
		 p->servers == 1 ? "" : "s", lb_mode_words(p->lb));
}

/* Splits width into two halves around the separator. */
static int lb_half(int width)
{
	return (width - 3) / 2;
}

static void lb_side(char *buf, size_t size, int half, const struct lb_row *r, bool shown)
{
	static const int widths[] = { 11, 7, 0 };
	const char *cells[3] = { "", "", "" };

	if (shown) {
		cells[0] = r->ports;
		cells[1] = r->transport;
		cells[2] = r->protocol;
	}
	text_columns(buf, size, cells, widths, 3, half);
}

static void lb_header(struct view *v, int width, char *buf, size_t size)
{
	struct lb_view *d = data_of(v);
	enum topo_lb m = d->npools ? d->pools[d->current].lb : LB_NONE;
	char left[200], right[200];
	int half = lb_half(width);

	snprintf(left, sizeof left, "Under DNS LB: %d port%s%s", d->in_dns,
		 d->in_dns == 1 ? "" : "s", m == LB_DNS ? " (current)" : "");
	snprintf(right, sizeof right, "Under hardware LB: %d port%s%s", d->in_hardware,
		 d->in_hardware == 1 ? "" : "s", m == LB_HARDWARE ? " (current)" : "");
	buf[0] = '\0';
	text_fit(buf, size, left, half);
	text_append(buf, size, " %s ", v->ctx->glyphs->vline);
	text_fit(buf + strlen(buf), size - strlen(buf), right, half);
}

static enum row_style lb_row(struct view *v, long i, int width, char *buf, size_t size)
{
	struct lb_view *d = data_of(v);
	const struct lb_row *r = &d->rows[i];
	int half = lb_half(width);

	lb_side(buf, size, half, r, r->dns);
	text_append(buf, size, " %s ", v->ctx->glyphs->vline);
	lb_side(buf + strlen(buf), size - strlen(buf), half, r, r->hardware);
	return r->dns && r->hardware ? STYLE_NORMAL : STYLE_MARK;
}

static void lb_text(struct view *v, long i, char *buf, size_t size)
{
	const struct lb_row *r = &data_of(v)->rows[i];

	snprintf(buf, size, "%s %s %s %s", r->ports, r->transport, r->protocol, r->source);
}

static void lb_detail(struct view *v, long i, char *buf, size_t size)
{
	struct lb_view *d = data_of(v);
	const struct lb_row *r = &d->rows[i];
	const char *when = r->dns && r->hardware ? "under either mode"
			 : r->dns ? "only under DNS load balancing"
			 : "only under hardware load balancing";

	snprintf(buf, size, "%s %s %s: the hardware load balancer carries it %s.\nSource: %s",
		 r->transport, r->ports, r->protocol, when, r->source);
	if (d->balancers[0])
		text_append(buf, size, "\nLoad balancers now: %s", d->balancers);
}

/* Switches the pool between DNS and hardware load balancing. */
static void lb_switch(struct view *v, struct action *act)
{
	struct lb_view *d = data_of(v);
	struct lp_error err = { LP_OK, "" };
	enum topo_lb to;
	struct topo_pool_change ch = { .lb = &to };

	if (!d->npools) {
		act->kind = ACT_STATUS;
		snprintf(act->text, sizeof act->text, "no pool to switch");
		return;
	}
	to = d->pools[d->current].lb == LB_DNS ? LB_HARDWARE : LB_DNS;
	if (topology_pool_set(v->ctx->st, d->pool, &ch, &err) != LP_OK) {
		action_error(act, &err);
		return;
	}
	act->kind = ACT_STATUS;
	act->changed = true;
	snprintf(act->text, sizeof act->text, "%s now uses %s", d->pools[d->current].label,
		 lb_mode_words(to));
}

static void lb_request(struct view *v, enum request req, struct action *act)
{
	struct lb_view *d = data_of(v);
	struct lp_error err = { LP_OK, "" };

	if (req == REQ_LB_MODE) {
		lb_switch(v, act);
		return;
	}
	if ((req != REQ_PREV_ITEM && req != REQ_NEXT_ITEM) || d->npools < 2)
		return;
	d->current = (d->current + (req == REQ_NEXT_ITEM ? 1 : d->npools - 1)) % d->npools;
	snprintf(d->pool, sizeof d->pool, "%s", d->pools[d->current].fqdn);
	list_goto(&v->list, 0);
	act->kind = ACT_DONE;
	if (lb_load(v, &err) != LP_OK)
		action_error(act, &err);
}

/* The pool shown, DNS against hardware as side by side. */
static void lb_export(struct view *v, struct tables_query *q, char *scope, size_t size)
{
	struct lb_view *d = data_of(v);

	if (!d->npools)
		return;
	q->filter.pool = d->pool;
	snprintf(scope, size, "pool %s", d->pools[d->current].label);
}

const struct view_ops view_lb_ops = {
	.id = VIEW_LB,
	.scoped = true,
	.init = lb_init,
	.load = lb_load,
	.caption = lb_caption,
	.header = lb_header,
	.row = lb_row,
	.text = lb_text,
	.detail = lb_detail,
	.request = lb_request,
	.free = lb_free,
	.export_table = "lb-compare",
	.export_query = lb_export,
};
