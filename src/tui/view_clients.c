/* view_clients.c - the Clients view: the ports clients open toward each
 * role in use, then the client-side ports of clients and devices, each
 * group under a heading row, with notes and source in the detail pane. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan.h"
#include "topology.h"
#include "tui/rows.h"
#include "tui/view.h"

struct client_row {
	bool heading;
	const char *title; /* heading rows */
	const char *component, *ports, *transport, *protocol, *notes, *source;
};

struct clients_view {
	struct strpool strings;
	struct rows rows;
	char group[300];   /* the group of the last row read */
	int needs;         /* data rows */
};

static struct clients_view *data_of(struct view *v)
{
	return v->data;
}

/* Row i of the view. */
static const struct client_row *clients_at(struct view *v, long i)
{
	return rows_at(&data_of(v)->rows, (size_t)i, sizeof(struct client_row));
}

static bool clients_init(struct view *v)
{
	return (v->data = calloc(1, sizeof(struct clients_view))) != NULL;
}

static void clients_clear(struct clients_view *d)
{
	strpool_clear(&d->strings);
	rows_clear(&d->rows);
	d->group[0] = '\0';
	d->needs = 0;
}

static void clients_free(struct view *v)
{
	clients_clear(data_of(v));
	free(v->data);
	v->data = NULL;
}

static struct client_row *clients_push(struct clients_view *d)
{
	return rows_add(&d->rows, sizeof(struct client_row));
}

/* The heading of a row's group: toward which role, or the client side. */
static void clients_group(const struct plan_client_row *r, char *buf, size_t size)
{
	enum topo_role role;
	const char *title = r->role;

	if (topology_role_parse(r->role, &role))
		title = topology_role_title(role);
	if (strcmp(r->direction, "to-server") == 0)
		snprintf(buf, size, "Clients to %s (servers or their load balancer)", title);
	else
		snprintf(buf, size, "On the client side: clients and devices");
}

static int clients_read(const struct plan_client_row *r, void *ud)
{
	struct clients_view *d = ud;
	struct client_row *o;
	char group[300];

	clients_group(r, group, sizeof group);
	if (strcmp(group, d->group) != 0) {
		snprintf(d->group, sizeof d->group, "%s", group);
		if (!(o = clients_push(d)))
			return 1;
		o->heading = true;
		o->title = strpool_safe(&d->strings, group);
	}
	if (!(o = clients_push(d)))
		return 1;
	o->component = strpool_safe(&d->strings, r->component);
	o->ports = strpool_safe(&d->strings, r->ports);
	o->transport = strpool_safe(&d->strings, r->transport);
	o->protocol = strpool_safe(&d->strings, r->protocol);
	o->notes = strpool_safe(&d->strings, r->notes);
	o->source = strpool_safe(&d->strings, r->source);
	d->needs++;
	return 0;
}

static enum lp_status clients_load(struct view *v, struct lp_error *err)
{
	struct clients_view *d = data_of(v);
	enum lp_status s;

	clients_clear(d);
	s = plan_client_ports(v->ctx->st, NULL, clients_read, d, err);
	if (s == LP_OK && (d->rows.nomem || d->strings.failed))
		s = lp_fail(err, LP_EDB, "out of memory reading the client ports");
	list_set_count(&v->list, s == LP_OK ? (long)d->rows.n : 0);
	return s;
}

static void clients_caption(struct view *v, char *buf, size_t size)
{
	struct clients_view *d = data_of(v);

	snprintf(buf, size, "Client port needs for the roles in use: %d row%s", d->needs,
		 d->needs == 1 ? "" : "s");
}

static const int clients_widths[] = { 24, 11, 7, 14, 0 };

static void clients_header(struct view *v, int width, char *buf, size_t size)
{
	static const char *const cells[] = { "Component", "Ports", "Transp", "Protocol", "Notes" };

	(void)v;
	text_columns(buf, size, cells, clients_widths, 5, width);
}

static enum row_style clients_row(struct view *v, long i, int width, char *buf, size_t size)
{
	const struct client_row *r = clients_at(v, i);
	const char *cells[5];

	if (r->heading) {
		text_fit(buf, size, r->title, width);
		return STYLE_GROUP;
	}
	cells[0] = r->component;
	cells[1] = r->ports;
	cells[2] = r->transport;
	cells[3] = r->protocol;
	cells[4] = r->notes;
	text_columns(buf, size, cells, clients_widths, 5, width);
	return STYLE_NORMAL;
}

static void clients_text(struct view *v, long i, char *buf, size_t size)
{
	const struct client_row *r = clients_at(v, i);

	if (r->heading)
		snprintf(buf, size, "%s", r->title);
	else
		snprintf(buf, size, "%s %s %s %s %s %s", r->component, r->ports, r->transport,
			 r->protocol, r->notes, r->source);
}

static void clients_detail(struct view *v, long i, char *buf, size_t size)
{
	const struct client_row *r = clients_at(v, i);

	if (r->heading) {
		snprintf(buf, size, "%s", r->title);
		return;
	}
	snprintf(buf, size, "%s: %s %s %s\nNotes: %s\nSource: %s", r->component, r->transport,
		 r->ports, r->protocol, r->notes[0] ? r->notes : "(none in the table)", r->source);
}

const struct view_ops view_clients_ops = {
	.id = VIEW_CLIENTS,
	.init = clients_init,
	.load = clients_load,
	.caption = clients_caption,
	.header = clients_header,
	.row = clients_row,
	.text = clients_text,
	.detail = clients_detail,
	.free = clients_free,
	.export_table = "clients",
};
