/* tables.c - the derived tables, defined once for every face: their
 * columns, and how a query's rows are read from the plan, the catalog or
 * the topology and streamed into an export writer. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "tables.h"
#include "topology.h"

/* One table being written: rows go to w until a write fails. */
struct tables_out {
	struct writer *w;
	struct lp_error *err;
	enum lp_status status;
	const char *contains;
	long rows;
	int errors; /* error findings, for check */
};

static int out_row(struct tables_out *o, const char *const *cells)
{
	o->status = export_row(o->w, cells, o->err);
	if (o->status != LP_OK)
		return 1;
	o->rows++;
	return 0;
}

/* ---- the plan ---- */

static bool cells_have(const char *const *cells, size_t n, const char *text)
{
	size_t i;

	if (!text[0])
		return true;
	for (i = 0; i < n; i++)
		if (cells[i] && lp_find_nocase(cells[i], text))
			return true;
	return false;
}

bool tables_port_row_has(const struct plan_port_row *r, const char *text)
{
	const char *fields[] = { r->server, r->pool, r->site, r->address, r->role, r->service,
				 r->ports, r->transport, r->protocol, r->notes, r->source };

	return cells_have(fields, sizeof fields / sizeof fields[0], text);
}

bool tables_flow_row_has(const struct plan_flow_row *r, const char *text)
{
	const char *fields[] = { r->from, r->from_addresses, r->to, r->to_addresses,
				 r->direction, r->ports, r->transport, r->protocol, r->why,
				 r->condition, r->source };

	return cells_have(fields, sizeof fields / sizeof fields[0], text);
}

static int ports_emit(const struct plan_port_row *r, void *ud)
{
	struct tables_out *o = ud;
	const char *cells[] = { r->site, r->pool, r->server, r->address, r->role, r->service,
				r->ports, r->transport, r->protocol, r->notes, r->source };

	if (o->contains && !tables_port_row_has(r, o->contains))
		return 0;
	return out_row(o, cells);
}

static int lb_emit(const struct plan_lb_row *r, void *ud)
{
	const char *cells[] = { r->site, r->pool, r->role, r->mode, r->load_balancers, r->vips,
				r->ports, r->transport, r->protocol, r->notes, r->source };

	return out_row(ud, cells);
}

static int compare_emit(const struct plan_lb_compare_row *r, void *ud)
{
	const char *cells[] = { r->site, r->pool, r->role, r->current_mode, r->ports,
				r->transport, r->protocol, r->in, r->source };

	return out_row(ud, cells);
}

static int clients_emit(const struct plan_client_row *r, void *ud)
{
	const char *cells[] = { r->role, r->direction, r->component, r->ports, r->transport,
				r->protocol, r->notes, r->source };

	return out_row(ud, cells);
}

static int flows_emit(const struct plan_flow_row *r, void *ud)
{
	struct tables_out *o = ud;
	const char *cells[] = { r->from, r->from_addresses, r->from_zone, r->to, r->to_addresses,
				r->to_zone, r->direction, r->ports, r->transport, r->protocol,
				r->why, r->condition, r->source };

	if (o->contains && !tables_flow_row_has(r, o->contains))
		return 0;
	return out_row(o, cells);
}

static int check_emit(const struct plan_finding *f, void *ud)
{
	const char *cells[] = { plan_severity_name(f->severity), f->code, f->kind,
				f->subject, f->message, f->hint };

	return out_row(ud, cells);
}

static int catalog_emit(const struct catalog_row *r, void *ud)
{
	const char *cells[] = { r->section, r->role, r->service, r->ports, r->transport,
				r->protocol, r->notes, r->condition, r->source };

	return out_row(ud, cells);
}

static enum lp_status fill_ports(struct store *st, const struct tables_query *q,
				 struct tables_out *o, struct lp_error *err)
{
	return plan_port_matrix(st, &q->filter, NULL, 0, ports_emit, o, err);
}

static enum lp_status fill_lb_ports(struct store *st, const struct tables_query *q,
				    struct tables_out *o, struct lp_error *err)
{
	return plan_lb_ports(st, q->filter.pool, lb_emit, o, err);
}

static enum lp_status fill_lb_compare(struct store *st, const struct tables_query *q,
				      struct tables_out *o, struct lp_error *err)
{
	return plan_lb_compare(st, q->filter.pool, compare_emit, o, err);
}

static enum lp_status fill_clients(struct store *st, const struct tables_query *q,
				   struct tables_out *o, struct lp_error *err)
{
	return plan_client_ports(st, q->filter.role, clients_emit, o, err);
}

static enum lp_status fill_flows(struct store *st, const struct tables_query *q,
				 struct tables_out *o, struct lp_error *err)
{
	return plan_flows(st, q->from, q->to, q->filter.pool, flows_emit, o, err);
}

static enum lp_status fill_check(struct store *st, const struct tables_query *q,
				 struct tables_out *o, struct lp_error *err)
{
	(void)q;
	return plan_check(st, check_emit, o, &o->errors, err);
}

static enum lp_status fill_catalog(struct store *st, const struct tables_query *q,
				   struct tables_out *o, struct lp_error *err)
{
	return catalog_each(st, q->section, catalog_emit, o, err);
}

/* ---- the topology ---- */

static int site_emit(const struct topo_site *r, void *ud)
{
	char pools[24];
	const char *cells[] = { r->name, r->description, pools };

	snprintf(pools, sizeof pools, "%d", r->pools);
	return out_row(ud, cells);
}

static int pool_emit(const struct topo_pool *r, void *ud)
{
	char servers[24], lbs[24];
	const char *cells[] = {
		r->site, r->fqdn, topology_role_name(r->role), topology_edition_name(r->edition),
		topology_lb_name(r->lb), r->collocated_mediation ? "yes" : "no",
		r->cms ? "yes" : "no", servers, lbs, topology_edge_external_name(r->edge_external),
		r->back_end, r->mirror, r->witness
	};

	snprintf(servers, sizeof servers, "%d", r->servers);
	snprintf(lbs, sizeof lbs, "%d", r->load_balancers);
	return out_row(ud, cells);
}

static int server_emit(const struct topo_server *r, void *ud)
{
	const char *cells[] = { r->pool, r->fqdn, r->address, r->external, r->public };

	return out_row(ud, cells);
}

static int balancer_emit(const struct topo_lb_row *r, void *ud)
{
	const char *cells[] = { r->name, r->vip, r->pools, topology_lb_side_name(r->side),
				topology_edge_service_name(r->service) };

	return out_row(ud, cells);
}

static int feature_emit(const struct topo_feature *r, void *ud)
{
	const char *cells[] = { r->name, r->enabled ? "on" : "off", r->summary };

	return out_row(ud, cells);
}

static int zone_emit(const struct topo_zone_row *r, void *ud)
{
	const char *cells[] = { topology_zone_name(r->zone), r->prefixes };

	return out_row(ud, cells);
}

static int peer_emit(const struct topo_peer *r, void *ud)
{
	const char *cells[] = { r->name, r->kind, r->addresses };

	return out_row(ud, cells);
}

static enum lp_status fill_sites(struct store *st, const struct tables_query *q,
				 struct tables_out *o, struct lp_error *err)
{
	(void)q;
	return topology_site_each(st, site_emit, o, err);
}

static enum lp_status fill_pools(struct store *st, const struct tables_query *q,
				 struct tables_out *o, struct lp_error *err)
{
	return topology_pool_each(st, q->filter.site, pool_emit, o, err);
}

static enum lp_status fill_servers(struct store *st, const struct tables_query *q,
				   struct tables_out *o, struct lp_error *err)
{
	return topology_server_each(st, q->filter.pool, server_emit, o, err);
}

static enum lp_status fill_balancers(struct store *st, const struct tables_query *q,
				     struct tables_out *o, struct lp_error *err)
{
	(void)q;
	return topology_lb_each(st, balancer_emit, o, err);
}

static enum lp_status fill_features(struct store *st, const struct tables_query *q,
				    struct tables_out *o, struct lp_error *err)
{
	(void)q;
	return topology_feature_each(st, feature_emit, o, err);
}

static enum lp_status fill_zones(struct store *st, const struct tables_query *q,
				 struct tables_out *o, struct lp_error *err)
{
	(void)q;
	return topology_zone_each(st, zone_emit, o, err);
}

static enum lp_status fill_peers(struct store *st, const struct tables_query *q,
				 struct tables_out *o, struct lp_error *err)
{
	(void)q;
	return topology_peer_each(st, peer_emit, o, err);
}

static enum lp_status fill_topology(struct store *st, const struct tables_query *q,
				    struct tables_out *o, struct lp_error *err)
{
	const char *cells[1];
	enum lp_status s;
	char *name;

	(void)q;
	if ((s = topology_name_get(st, &name, err)) != LP_OK)
		return s;
	cells[0] = name;
	out_row(o, cells);
	free(name);
	return LP_OK;
}

/* ---- the definitions ---- */

static const char *const ports_cols[] = {
	"site", "pool", "server", "address", "role", "service", "ports",
	"transport", "protocol", "notes", "source"
};
static const char *const lb_ports_cols[] = {
	"site", "pool", "role", "mode", "load_balancers", "vips", "ports",
	"transport", "protocol", "notes", "source"
};
static const char *const compare_cols[] = {
	"site", "pool", "role", "current_mode", "ports", "transport", "protocol",
	"in", "source"
};
static const char *const clients_cols[] = {
	"role", "direction", "component", "ports", "transport", "protocol",
	"notes", "source"
};
static const char *const flows_cols[] = {
	"from", "from_addresses", "from_zone", "to", "to_addresses", "to_zone", "direction",
	"ports", "transport", "protocol", "why", "condition", "source"
};
static const char *const check_cols[] = {
	"severity", "code", "kind", "subject", "message", "hint"
};
static const char *const catalog_cols[] = {
	"section", "role", "service", "ports", "transport", "protocol",
	"notes", "condition", "source"
};
static const char *const site_cols[] = { "site", "description", "pools" };
static const char *const pool_cols[] = {
	"site", "pool", "role", "edition", "lb", "collocated-mediation", "cms",
	"servers", "load-balancers", "edge-external", "back-end", "mirror", "witness"
};
static const char *const server_cols[] = { "pool", "server", "address", "external", "public" };
static const char *const balancer_cols[] = {
	"load-balancer", "vip", "pools", "side", "service"
};
static const char *const feature_cols[] = { "feature", "state", "summary" };
static const char *const zone_cols[] = { "zone", "prefixes" };
static const char *const peer_cols[] = { "peer", "kind", "addresses" };
static const char *const topology_cols[] = { "name" };

struct tables_def {
	struct export_table table;
	enum lp_status (*fill)(struct store *, const struct tables_query *, struct tables_out *,
			       struct lp_error *);
};

#define TABLE(name, title, cols) { (name), (title), sizeof (cols) / sizeof (cols)[0], (cols) }

static const struct tables_def tables[TABLES_COUNT] = {
	[TABLES_PORTS] = { TABLE("ports", "Port matrix", ports_cols), fill_ports },
	[TABLES_LB_PORTS] = { TABLE("lb-ports", "Load balancer ports", lb_ports_cols),
			      fill_lb_ports },
	[TABLES_LB_COMPARE] = { TABLE("lb-compare", "DNS and hardware load balancing compared",
				      compare_cols), fill_lb_compare },
	[TABLES_CLIENTS] = { TABLE("clients", "Client ports", clients_cols), fill_clients },
	[TABLES_FLOWS] = { TABLE("flows", "Flows: who talks to whom", flows_cols), fill_flows },
	[TABLES_CHECK] = { TABLE("check", "Checks", check_cols), fill_check },
	[TABLES_CATALOG] = { TABLE("catalog", "Port catalog", catalog_cols), fill_catalog },
	[TABLES_SITES] = { TABLE("sites", "Sites", site_cols), fill_sites },
	[TABLES_POOLS] = { TABLE("pools", "Pools", pool_cols), fill_pools },
	[TABLES_SERVERS] = { TABLE("servers", "Servers", server_cols), fill_servers },
	[TABLES_LOAD_BALANCERS] = { TABLE("load-balancers", "Load balancers", balancer_cols),
				    fill_balancers },
	[TABLES_FEATURES] = { TABLE("features", "Features", feature_cols), fill_features },
	[TABLES_ZONES] = { TABLE("zones", "Zones", zone_cols), fill_zones },
	[TABLES_PEERS] = { TABLE("peers", "Peers", peer_cols), fill_peers },
	[TABLES_TOPOLOGY] = { TABLE("topology", "Topology", topology_cols), fill_topology },
};

const struct export_table *tables_table(enum tables_id id)
{
	return &tables[id].table;
}

bool tables_lookup(const char *name, enum tables_id *out)
{
	int i;

	for (i = 0; i < TABLES_COUNT; i++)
		if (strcmp(tables[i].table.name, name) == 0) {
			*out = (enum tables_id)i;
			return true;
		}
	return false;
}

/* Keeps a copy of each zone's prefixes in ((char **)ud)[zone]. */
static int zone_keep(const struct topo_zone_row *r, void *ud)
{
	char **zones = ud;

	zones[r->zone] = strdup(r->prefixes);
	return 0;
}

/* Hands w the topology's name and zones (export_set_topology). */
static enum lp_status describe_topology(struct store *st, struct writer *w,
					struct lp_error *err)
{
	char *name = NULL, *zones[ZONE_COUNT] = { NULL, NULL };
	enum lp_status s = topology_name_get(st, &name, err);

	if (s == LP_OK)
		s = topology_zone_each(st, zone_keep, zones, err);
	if (s == LP_OK && (!zones[ZONE_INTERNAL] || !zones[ZONE_PERIMETER]))
		s = lp_fail(err, LP_EIO, "out of memory");
	if (s == LP_OK)
		s = export_set_topology(w, name, zones[ZONE_INTERNAL], zones[ZONE_PERIMETER], err);
	free(name);
	free(zones[ZONE_INTERNAL]);
	free(zones[ZONE_PERIMETER]);
	return s;
}

enum lp_status tables_write(struct store *st, const struct tables_query *q, struct writer *w,
			    long *rows, int *errors, struct lp_error *err)
{
	const struct tables_def *d = &tables[q->table];
	struct tables_out o = { .w = w, .err = err, .status = LP_OK };
	enum lp_status s;

	o.contains = q->contains && q->contains[0] ? q->contains : NULL;
	s = describe_topology(st, w, err);
	if (s == LP_OK)
		s = export_begin(w, &d->table, err);
	if (s == LP_OK)
		s = d->fill(st, q, &o, err);
	if (s == LP_OK)
		s = o.status;
	if (rows)
		*rows = o.rows;
	if (errors)
		*errors = o.errors;
	return s;
}
