/* topology_edit.c - the Topology view's changes: the add menu, a form per
 * kind of item for adding and editing (a pool's form holds the fields of
 * its role only), the delete question naming what goes with the item, the
 * Network section's name, zones and peers, and loading the demo. Each
 * commit is the model's. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "export/export.h"
#include "topology.h"
#include "tui/topology_view.h"

enum { ADD_SITE, ADD_POOL, ADD_SERVER, ADD_LB, ADD_PEER };

/* The pool form's fields; which of them a form holds depends on the role. */
static const char field_edition[] = "Edition";
static const char field_lb[] = "Load balancing";
static const char field_external[] = "External interface";
static const char field_mediation[] = "Collocated Mediation";
static const char field_cms[] = "Central Management store";
static const char field_back_end[] = "Back End";
static const char field_mirror[] = "SQL mirror";
static const char field_witness[] = "Mirroring witness";

/* The server form's address fields. An Edge Server's external ones are
 * three (Access, Web Conferencing, A/V) or, for a single IP, the first
 * of them relabelled; the public ones follow them in a pool behind NAT. */
static const char field_address[] = "Address (optional)";
static const char field_internal[] = "Internal address (optional)";
static const char field_single[] = "Single external IP";
static const char field_ext_access[] = "Access Edge address";
static const char field_ext_webconf[] = "Web Conferencing address";
static const char field_ext_av[] = "A/V Edge address";
static const char field_ext_one[] = "External address";
static const char field_pub_access[] = "Public Access Edge address";
static const char field_pub_webconf[] = "Public Web Conferencing address";
static const char field_pub_av[] = "Public A/V Edge address";
static const char field_pub_one[] = "Public address";
static const char *const field_ext[3] = { field_ext_access, field_ext_webconf, field_ext_av };
static const char *const field_pub[3] = { field_pub_access, field_pub_webconf, field_pub_av };

/* The load balancer form's side, and the Edge service of an external VIP
 * of Edge pools. */
static const char field_side[] = "Side";
static const char field_service[] = "Edge service";

/* The role menu's keys, in role order. */
static const char role_keys[ROLE_COUNT] = { 'f', 'd', 'm', 'c', 'o', 'e', 'r', 'b' };

static char role_items[ROLE_COUNT][40];
static const char *edition_choices[3];
static const char *lb_choices[4];
static const char *external_choices[3];
static const char *side_choices[3];
static const char *service_choices[5];

/* The model's names for its enumerations, as choice lists. */
static void edit_choices(void)
{
	int r;

	if (role_items[0][0])
		return;
	for (r = 0; r < ROLE_COUNT; r++)
		snprintf(role_items[r], sizeof role_items[r], "%c %s", role_keys[r],
			 topology_role_title((enum topo_role)r));
	edition_choices[0] = topology_edition_name(EDITION_ENTERPRISE);
	edition_choices[1] = topology_edition_name(EDITION_STANDARD);
	lb_choices[0] = topology_lb_name(LB_NONE);
	lb_choices[1] = topology_lb_name(LB_DNS);
	lb_choices[2] = topology_lb_name(LB_HARDWARE);
	external_choices[0] = topology_edge_external_name(EDGE_EXTERNAL_PUBLIC);
	external_choices[1] = topology_edge_external_name(EDGE_EXTERNAL_NAT);
	side_choices[0] = topology_lb_side_name(LB_SIDE_INTERNAL);
	side_choices[1] = topology_lb_side_name(LB_SIDE_EXTERNAL);
	service_choices[0] = "none";
	service_choices[1] = topology_edge_service_name(EDGE_SERVICE_ACCESS);
	service_choices[2] = topology_edge_service_name(EDGE_SERVICE_WEBCONF);
	service_choices[3] = topology_edge_service_name(EDGE_SERVICE_AV);
}

/* The index of the field labelled label, or -1 when the form has none. */
static int edit_field(const struct form *f, const char *label)
{
	int i;

	for (i = 0; i < f->nfields; i++)
		if (f->fields[i].label == label)
			return i;
	return -1;
}

static struct topo_data *data_of(struct view *v)
{
	return v->data;
}

/* Where the cursor goes after the form commits. */
static void edit_want(struct form *f, enum sel_kind kind, const char *name)
{
	struct view *v = f->ud;
	struct topo_data *d = data_of(v);

	d->want.kind = kind;
	snprintf(d->want.name, sizeof d->want.name, "%s", name);
}

/* A form title naming an item from the file, made terminal-safe. */
static void edit_title(struct form *f, const char *what, const char *name)
{
	char *safe = export_escape_terminal(name);

	snprintf(f->title, sizeof f->title, "%s %s", what, safe ? safe : "");
	free(safe);
}

static enum lp_status submit_site_add(struct form *f, struct store *st, struct lp_error *err)
{
	enum lp_status s = topology_site_add(st, form_value(f, 0), form_value(f, 1), err);

	if (s == LP_OK)
		edit_want(f, SEL_SITE, form_value(f, 0));
	return s;
}

static enum lp_status submit_site_set(struct form *f, struct store *st, struct lp_error *err)
{
	enum lp_status s = topology_site_set(st, f->key, form_value(f, 0), form_value(f, 1), err);

	if (s == LP_OK)
		edit_want(f, SEL_SITE, form_value(f, 0));
	return s;
}

/* The value of the Back End, mirror or witness field labelled label: NULL
 * when the form has none, "" for none (or hidden: cleared). */
static const char *edit_back_end_value(const struct form *f, const char *label)
{
	int i = edit_field(f, label);

	if (i < 0)
		return NULL;
	return f->fields[i].hidden || f->fields[i].choice == 0 ? "" : form_value(f, i);
}

/* A pool spec from the add form's fields. */
static enum lp_status submit_pool_add(struct form *f, struct store *st, struct lp_error *err)
{
	struct topo_pool_spec spec = {
		.fqdn = form_value(f, 0), .site = form_value(f, 1),
		.role = data_of(f->ud)->add_role
	};
	int edition = edit_field(f, field_edition), external = edit_field(f, field_external);
	int med = edit_field(f, field_mediation), cms = edit_field(f, field_cms);
	enum lp_status s;

	if (edition >= 0)
		topology_edition_parse(form_value(f, edition), &spec.edition);
	topology_lb_parse(form_value(f, edit_field(f, field_lb)), &spec.lb);
	if (external >= 0)
		topology_edge_external_parse(form_value(f, external), &spec.edge_external);
	spec.collocated_mediation = med >= 0 && form_yes(f, med);
	spec.cms = cms >= 0 && form_yes(f, cms);
	spec.back_end = edit_back_end_value(f, field_back_end);
	spec.mirror = edit_back_end_value(f, field_mirror);
	spec.witness = edit_back_end_value(f, field_witness);
	s = topology_pool_add(st, &spec, err);
	if (s == LP_OK)
		edit_want(f, SEL_POOL, spec.fqdn);
	return s;
}

/* Changes what the form shows; what it does not show stays as it is. */
static enum lp_status submit_pool_set(struct form *f, struct store *st, struct lp_error *err)
{
	enum topo_lb lb = LB_NONE;
	enum topo_edge_external ext = EDGE_EXTERNAL_NONE;
	int external = edit_field(f, field_external);
	int med = edit_field(f, field_mediation), cms = edit_field(f, field_cms);
	bool med_on = med >= 0 && form_yes(f, med), cms_on = cms >= 0 && form_yes(f, cms);
	struct topo_pool_change ch = {
		.new_fqdn = form_value(f, 0), .site = form_value(f, 1), .lb = &lb,
		.collocated_mediation = med >= 0 ? &med_on : NULL, .cms = cms >= 0 ? &cms_on : NULL,
		.edge_external = external >= 0 ? &ext : NULL,
		.back_end = edit_back_end_value(f, field_back_end),
		.mirror = edit_back_end_value(f, field_mirror),
		.witness = edit_back_end_value(f, field_witness)
	};
	enum lp_status s;

	topology_lb_parse(form_value(f, edit_field(f, field_lb)), &lb);
	if (external >= 0)
		topology_edge_external_parse(form_value(f, external), &ext);
	s = topology_pool_set(st, f->key, &ch, err);
	if (s == LP_OK)
		edit_want(f, SEL_POOL, ch.new_fqdn);
	return s;
}

/* The values of the shown fields of [i, i + n), comma-separated, into
 * buf: "" when every one is empty (the model refuses an empty one among
 * others in its own words). */
static void edit_join(const struct form *f, int i, int n, char *buf, size_t size)
{
	bool any = false;
	int k, shown = 0;

	buf[0] = '\0';
	for (k = i; k < i + n && k < f->nfields; k++)
		any = any || (!f->fields[k].hidden && f->fields[k].value[0]);
	for (k = i; any && k < i + n && k < f->nfields; k++)
		if (!f->fields[k].hidden)
			text_append(buf, size, "%s%s", shown++ ? "," : "", f->fields[k].value);
}

/* The server form's change: its name, pool and address, and the external
 * and public addresses when it shows them (else they stay as they are). */
static void edit_server_change(struct form *f, struct topo_server_change *ch,
			       char *ext, char *pub, size_t size)
{
	int single = edit_field(f, field_single), one = edit_field(f, field_ext_one);
	int first = single >= 0 ? single + 1 : one;

	ch->pool = form_value(f, 1);
	ch->address = form_value(f, 2);
	if (first < 0)
		return;
	edit_join(f, first, single >= 0 ? 3 : 1, ext, size);
	ch->external = ext;
	if (single >= 0 && single + 4 < f->nfields) {
		edit_join(f, single + 4, 3, pub, size);
		ch->public = pub;
	}
}

static enum lp_status submit_server_add(struct form *f, struct store *st, struct lp_error *err)
{
	char ext[FORM_VALUE_MAX + 1], pub[FORM_VALUE_MAX + 1];
	struct topo_server_change ch = { 0 };
	enum lp_status s;

	edit_server_change(f, &ch, ext, pub, sizeof ext);
	s = topology_server_add_with(st, form_value(f, 0), &ch, err);
	if (s == LP_OK)
		edit_want(f, SEL_SERVER, form_value(f, 0));
	return s;
}

static enum lp_status submit_server_set(struct form *f, struct store *st, struct lp_error *err)
{
	char ext[FORM_VALUE_MAX + 1], pub[FORM_VALUE_MAX + 1];
	struct topo_server_change ch = { .new_fqdn = form_value(f, 0) };
	enum lp_status s;

	edit_server_change(f, &ch, ext, pub, sizeof ext);
	s = topology_server_set_with(st, f->key, &ch, err);
	if (s == LP_OK)
		edit_want(f, SEL_SERVER, form_value(f, 0));
	return s;
}

/* Adds (f->key empty) or changes a load balancer: its side, and its
 * service when the form shows it (the model clears it on the internal
 * side). */
static enum lp_status submit_lb(struct form *f, struct store *st, struct lp_error *err)
{
	char list[FORM_VALUE_MAX + 1];
	const char *pools[64];
	enum topo_lb_side side = LB_SIDE_INTERNAL;
	enum topo_edge_service service = EDGE_SERVICE_NONE;
	int svc = edit_field(f, field_service);
	struct topo_lb_change ch = { .vip = form_value(f, 1), .pools = pools, .side = &side };
	enum lp_status s;

	snprintf(list, sizeof list, "%s", form_value(f, 2));
	ch.npools = form_split_list(list, pools, sizeof pools / sizeof pools[0]);
	topology_lb_side_parse(form_value(f, edit_field(f, field_side)), &side);
	if (svc >= 0 && !f->fields[svc].hidden) {
		topology_edge_service_parse(f->fields[svc].choice ? form_value(f, svc) : "",
					    &service);
		ch.service = &service;
	}
	if (f->key[0]) {
		ch.new_name = form_value(f, 0);
		s = topology_lb_set_with(st, f->key, &ch, err);
	} else {
		s = topology_lb_add_with(st, form_value(f, 0), &ch, err);
	}
	if (s == LP_OK)
		edit_want(f, SEL_LB, form_value(f, 0));
	return s;
}

static struct form *form_site(struct view *v, const struct topo_node *n)
{
	struct form *f = form_new("Add a site", "site added", submit_site_add);

	if (!f)
		return NULL;
	f->ud = v;
	form_text(f, "Name", n ? n->name : "", form_check_name);
	form_text(f, "Description", n ? n->description : "", form_check_text);
	if (n) {
		f->submit = submit_site_set;
		f->done = "site changed";
		snprintf(f->key, sizeof f->key, "%s", n->name);
		edit_title(f, "Edit site", n->name);
	}
	return f;
}

/* The mirror once there is a Back End, the witness once there is a
 * mirror; none of them for a Standard Edition pool. */
static void edit_pool_update(struct form *f)
{
	int edition = edit_field(f, field_edition), be = edit_field(f, field_back_end);
	bool standard = edition >= 0 &&
		strcmp(form_value(f, edition), topology_edition_name(EDITION_STANDARD)) == 0;

	if (be < 0)
		return;
	f->fields[be].hidden = standard;
	f->fields[be + 1].hidden = standard || f->fields[be].choice == 0;
	f->fields[be + 2].hidden = f->fields[be + 1].hidden || f->fields[be + 1].choice == 0;
}

/* The Back End, its mirror and the witness, chosen among the back-end
 * pools and their servers: an Enterprise Edition Front End pool's (a new
 * Front End pool's until it is made Standard Edition) and a Persistent
 * Chat pool's. */
static void form_pool_back_end(struct form *f, const struct topo_data *d,
			       const struct topo_node *n)
{
	form_choice(f, field_back_end, d->back_ends.items, n ? n->back_end : NULL);
	form_choice(f, field_mirror, d->back_ends.items, n ? n->mirror : NULL);
	form_choice(f, field_witness, d->witnesses.items, n ? n->witness : NULL);
	f->update = edit_pool_update;
	edit_pool_update(f);
}

/* The fields of a pool of role r, after FQDN and site: the edition (a
 * new Front End pool), load balancing, the external interface (Edge),
 * collocated Mediation and the Central Management store (Front End), the
 * Back End (Enterprise Edition Front End, Persistent Chat). n is the pool
 * being edited, NULL for a new one. */
static void form_pool_fields(struct form *f, enum topo_role r, const struct topo_node *n)
{
	if (r == ROLE_FRONT_END && !n)
		form_choice(f, field_edition, edition_choices, NULL);
	form_choice(f, field_lb, lb_choices, n ? topology_lb_name(n->lb) : NULL);
	if (r == ROLE_EDGE)
		form_choice(f, field_external, external_choices,
			    n ? topology_edge_external_name(n->edge_external) : NULL);
	if (r == ROLE_FRONT_END) {
		form_choice(f, field_mediation, form_yes_no, n && n->mediation ? "yes" : "no");
		form_choice(f, field_cms, form_yes_no, n && n->cms ? "yes" : "no");
	}
	if ((r == ROLE_FRONT_END && (!n || n->edition == EDITION_ENTERPRISE)) ||
	    r == ROLE_PERSISTENT_CHAT)
		form_pool_back_end(f, data_of(f->ud), n);
}

static struct form *form_pool_add(struct view *v, enum topo_role r)
{
	struct form *f = form_new("", "pool added", submit_pool_add);

	if (!f)
		return NULL;
	f->ud = v;
	data_of(v)->add_role = r;
	snprintf(f->title, sizeof f->title, "Add a %s pool", topology_role_title(r));
	form_text(f, "FQDN", "", form_check_fqdn);
	form_text(f, "Site", v->ctx->sel.site, form_check_name);
	form_pool_fields(f, r, NULL);
	return f;
}

static struct form *form_pool_edit(struct view *v, const struct topo_node *n)
{
	struct form *f = form_new("", "pool changed", submit_pool_set);

	if (!f)
		return NULL;
	f->ud = v;
	snprintf(f->key, sizeof f->key, "%s", n->name);
	edit_title(f, "Edit pool", n->name);
	form_text(f, "FQDN", n->name, form_check_fqdn);
	form_text(f, "Site", n->site, form_check_name);
	form_pool_fields(f, n->role, n);
	return f;
}

/* The pool node named fqdn, or NULL. */
static const struct topo_node *edit_pool_node(const struct topo_data *d, const char *fqdn)
{
	size_t i;

	for (i = 0; i < d->nnodes; i++)
		if (d->nodes[i].kind == SEL_POOL && strcasecmp(d->nodes[i].name, fqdn) == 0)
			return &d->nodes[i];
	return NULL;
}

/* How many addresses a comma-separated list holds. */
static int edit_count(const char *list)
{
	int n = list[0] != '\0';

	for (; *list; list++)
		n += *list == ',';
	return n;
}

/* Whether the servers of pool node p have one external address each (the
 * first with any says; none: not). */
static bool edit_pool_single(const struct topo_data *d, const struct topo_node *p)
{
	size_t i;

	for (i = (size_t)(p - d->nodes) + 1; i < d->nnodes && d->nodes[i].depth > p->depth; i++)
		if (d->nodes[i].kind == SEL_SERVER && d->nodes[i].external[0])
			return edit_count(d->nodes[i].external) == 1;
	return false;
}

/* A single IP: the first external field (and the first public one)
 * relabelled, the other two hidden. */
static void edit_server_update(struct form *f)
{
	int single = edit_field(f, field_single), k;
	bool one;

	if (single < 0)
		return;
	one = form_yes(f, single);
	f->fields[single + 1].label = one ? field_ext_one : field_ext_access;
	if (single + 4 < f->nfields)
		f->fields[single + 4].label = one ? field_pub_one : field_pub_access;
	for (k = single + 1; k < f->nfields; k++)
		if ((k - single - 1) % 3)
			f->fields[k].hidden = one;
}

/* Item i of list (comma-separated) into buf, "" when it has none. */
static void edit_item(const char *list, int i, char *buf, size_t size)
{
	char copy[FORM_VALUE_MAX + 1];
	const char *items[3];

	snprintf(copy, sizeof copy, "%s", list);
	snprintf(buf, size, "%s", i < (int)form_split_list(copy, items, 3) ? items[i] : "");
}

/* An Edge Server's external addresses, one or three, and the public ones
 * NAT gives them when pool p uses NAT. n: the server edited, or NULL. */
static void form_server_edge(struct form *f, const struct topo_data *d,
			     const struct topo_node *p, const struct topo_node *n)
{
	bool one = n && n->external[0] ? edit_count(n->external) == 1 : edit_pool_single(d, p);
	char value[FORM_VALUE_MAX + 1];
	int i;

	form_choice(f, field_single, form_yes_no, one ? "yes" : "no");
	for (i = 0; i < 3; i++) {
		edit_item(n ? n->external : "", i, value, sizeof value);
		form_text(f, field_ext[i], value, form_check_address);
	}
	for (i = 0; p->edge_external == EDGE_EXTERNAL_NAT && i < 3; i++) {
		edit_item(n ? n->public : "", i, value, sizeof value);
		form_text(f, field_pub[i], value, form_check_address);
	}
	f->update = edit_server_update;
	edit_server_update(f);
}

/* A server's name, pool and address; in an Edge pool, its internal and
 * external addresses (the pool's role when the form opens decides); a
 * reverse proxy's internal and one external address. */
static struct form *form_server(struct view *v, const struct topo_node *n)
{
	struct form *f = form_new("Add a server", "server added", submit_server_add);
	const struct topo_data *d = data_of(v);
	const struct topo_node *p = edit_pool_node(d, n ? n->pool : v->ctx->sel.pool);
	bool perimeter = p && (p->role == ROLE_EDGE || p->role == ROLE_REVERSE_PROXY);

	if (!f)
		return NULL;
	f->ud = v;
	form_text(f, "FQDN", n ? n->name : "", form_check_fqdn);
	form_text(f, "Pool", n ? n->pool : v->ctx->sel.pool, form_check_fqdn);
	form_text(f, perimeter ? field_internal : field_address, n ? n->address : "",
		  form_check_address);
	if (p && p->role == ROLE_EDGE)
		form_server_edge(f, d, p, n);
	else if (perimeter)
		form_text(f, field_ext_one, n ? n->external : "", form_check_address);
	if (n) {
		f->submit = submit_server_set;
		f->done = "server changed";
		snprintf(f->key, sizeof f->key, "%s", n->name);
		edit_title(f, "Edit server", n->name);
	}
	return f;
}

/* Whether list (comma-separated) names pools and Edge pools only. */
static bool edit_edge_pools(const struct topo_data *d, const char *list)
{
	char copy[FORM_VALUE_MAX + 1];
	const char *pools[64];
	size_t n, i;

	snprintf(copy, sizeof copy, "%s", list);
	n = form_split_list(copy, pools, sizeof pools / sizeof pools[0]);
	for (i = 0; i < n; i++) {
		const struct topo_node *p = edit_pool_node(d, pools[i]);

		if (!p || p->role != ROLE_EDGE)
			return false;
	}
	return n > 0;
}

/* The Edge service only on the external side. */
static void edit_lb_update(struct form *f)
{
	int svc = edit_field(f, field_service);

	if (svc >= 0)
		f->fields[svc].hidden = strcmp(form_value(f, edit_field(f, field_side)),
					       topology_lb_side_name(LB_SIDE_EXTERNAL)) != 0;
}

/* A load balancer's name, VIP, pools and side; the Edge service of its
 * VIP when the pools it serves as the form opens are Edge pools. */
static struct form *form_lb(struct view *v, const struct topo_node *n)
{
	struct form *f = form_new("Add a load balancer", "load balancer added", submit_lb);
	const char *pools = n ? n->lb_pools : v->ctx->sel.pool;

	if (!f)
		return NULL;
	f->ud = v;
	form_text(f, "Name", n ? n->name : "", form_check_name);
	form_text(f, "VIP address", n ? n->vip : "", topology_check_address);
	form_text(f, "Pools (comma-separated)", pools, form_check_fqdn_list);
	form_choice(f, field_side, side_choices, n ? topology_lb_side_name(n->side) : NULL);
	if (edit_edge_pools(data_of(v), pools))
		form_choice(f, field_service, service_choices,
			    n ? topology_edge_service_name(n->service) : NULL);
	f->update = edit_lb_update;
	edit_lb_update(f);
	if (n) {
		f->done = "load balancer changed";
		snprintf(f->key, sizeof f->key, "%s", n->name);
		edit_title(f, "Edit load balancer", n->name);
	}
	return f;
}

static enum lp_status submit_name(struct form *f, struct store *st, struct lp_error *err)
{
	enum lp_status s = topology_name_set(st, form_value(f, 0), err);

	if (s == LP_OK)
		edit_want(f, SEL_NAME, "name");
	return s;
}

static enum lp_status submit_zone(struct form *f, struct store *st, struct lp_error *err)
{
	enum topo_zone z = ZONE_INTERNAL;
	enum lp_status s;

	topology_zone_parse(f->key, &z);
	s = topology_zone_set(st, z, form_value(f, 0), err);
	if (s == LP_OK)
		edit_want(f, SEL_ZONE, f->key);
	return s;
}

/* Adds (f->key empty) or changes a peer. */
static enum lp_status submit_peer(struct form *f, struct store *st, struct lp_error *err)
{
	enum lp_status s;

	if (f->key[0])
		s = topology_peer_set(st, f->key, form_value(f, 0), form_value(f, 1),
				      form_value(f, 2), err);
	else
		s = topology_peer_add(st, form_value(f, 0), form_value(f, 1), form_value(f, 2),
				      err);
	if (s == LP_OK)
		edit_want(f, SEL_PEER, form_value(f, 0));
	return s;
}

/* The topology's name: the exports' title ("" clears it). */
static struct form *form_name(struct view *v)
{
	struct form *f = form_new("Name the topology", "topology name set", submit_name);

	if (!f)
		return NULL;
	f->ud = v;
	form_text(f, "Name (empty: none)", data_of(v)->title, form_check_text);
	return f;
}

/* A zone's prefixes; the model checks them on submit. */
static struct form *form_zone(struct view *v, const struct topo_node *n)
{
	struct form *f = form_new("", "zone changed", submit_zone);

	if (!f)
		return NULL;
	f->ud = v;
	snprintf(f->key, sizeof f->key, "%s", n->name);
	snprintf(f->title, sizeof f->title, "Edit the %s", n->label);
	form_text(f, "Prefixes (comma-separated, empty: none)", n->address, NULL);
	return f;
}

/* A peer: its name, the kind of party it is, its addresses (which the
 * model checks on submit). */
static struct form *form_peer(struct view *v, const struct topo_node *n)
{
	struct form *f = form_new("Add a peer", "peer added", submit_peer);

	if (!f)
		return NULL;
	f->ud = v;
	form_text(f, "Name", n ? n->name : "", topology_check_identifier);
	form_choice(f, "Kind", data_of(v)->kind_choices, n ? n->peer_kind : NULL);
	form_text(f, "Addresses (comma-separated)", n ? n->address : "", NULL);
	if (n) {
		f->done = "peer changed";
		snprintf(f->key, sizeof f->key, "%s", n->name);
		edit_title(f, "Edit peer", n->name);
	}
	return f;
}

static void edit_form(struct action *act, struct form *f)
{
	if (!f) {
		act->kind = ACT_ERROR;
		snprintf(act->text, sizeof act->text, "out of memory");
		return;
	}
	act->kind = ACT_FORM;
	act->form = f;
}

/* The peer form, once the catalog has named the kinds a peer can be. */
static void edit_peer(struct view *v, const struct topo_node *n, struct action *act)
{
	if (!data_of(v)->kind_choices[0]) {
		act->kind = ACT_ERROR;
		snprintf(act->text, sizeof act->text, "the catalog names no kind of peer");
		return;
	}
	edit_form(act, form_peer(v, n));
}

static void edit_pick_role(struct view *v, int item, struct action *next)
{
	if (item >= 0 && item < ROLE_COUNT)
		edit_form(next, form_pool_add(v, (enum topo_role)item));
}

/* The roles a new pool can have, as a menu. */
static void edit_roles(struct action *act)
{
	int r;

	act->kind = ACT_MENU;
	snprintf(act->text, sizeof act->text, "Role of the new pool");
	for (r = 0; r < ROLE_COUNT; r++)
		act->items[r] = role_items[r];
	act->nitems = ROLE_COUNT;
	act->item = ROLE_FRONT_END;
	act->pick = edit_pick_role;
}

static void edit_pick(struct view *v, int item, struct action *next)
{
	edit_choices();
	switch (item) {
	case ADD_SITE: edit_form(next, form_site(v, NULL)); break;
	case ADD_POOL: edit_roles(next); break;
	case ADD_SERVER: edit_form(next, form_server(v, NULL)); break;
	case ADD_LB: edit_form(next, form_lb(v, NULL)); break;
	case ADD_PEER: edit_peer(v, NULL, next); break;
	default: break;
	}
}

/* The menu offers first what goes under the cursor: a site in an empty
 * topology. */
void topo_edit_add(struct view *v, struct action *act)
{
	struct topo_node *n = topo_node_at(v, v->list.cursor);
	bool network = n && n->kind > SEL_LB;

	act->kind = ACT_MENU;
	snprintf(act->text, sizeof act->text, "Add");
	act->items[ADD_SITE] = "s Site";
	act->items[ADD_POOL] = "p Pool";
	act->items[ADD_SERVER] = "v Server";
	act->items[ADD_LB] = "b Load balancer";
	act->items[ADD_PEER] = "e Peer";
	act->nitems = 5;
	act->item = !n || (network && !data_of(v)->sites) ? ADD_SITE
		  : network ? ADD_PEER : n->kind == SEL_SITE ? ADD_POOL
		  : n->kind == SEL_LB ? ADD_LB : ADD_SERVER;
	act->pick = edit_pick;
}

void topo_edit_change(struct view *v, struct action *act)
{
	struct topo_node *n = topo_node_at(v, v->list.cursor);

	edit_choices();
	if (!n) {
		act->kind = ACT_STATUS;
		snprintf(act->text, sizeof act->text, "nothing to edit: a adds a site");
		return;
	}
	switch (n->kind) {
	case SEL_SITE: edit_form(act, form_site(v, n)); break;
	case SEL_POOL: edit_form(act, form_pool_edit(v, n)); break;
	case SEL_SERVER: edit_form(act, form_server(v, n)); break;
	case SEL_LB: edit_form(act, form_lb(v, n)); break;
	case SEL_ZONE: edit_form(act, form_zone(v, n)); break;
	case SEL_PEER: edit_peer(v, n, act); break;
	default: edit_form(act, form_name(v)); break;
	}
}

/* Appends the labels of up to four children of node index at, of kind. */
static void edit_children(struct topo_data *d, size_t at, enum sel_kind kind,
			  char *buf, size_t size)
{
	int shown = 0, more = 0;
	size_t i;

	for (i = at + 1; i < d->nnodes && d->nodes[i].depth > d->nodes[at].depth; i++) {
		if (d->nodes[i].kind != kind)
			continue;
		if (shown < 4)
			text_append(buf, size, "%s%s", shown++ ? ", " : " ", d->nodes[i].label);
		else
			more++;
	}
	if (more)
		text_append(buf, size, " and %d more", more);
}

/* Appends the pools whose Back End or mirror back-end pool n is (up to
 * four named). */
static void edit_back_end_users(struct topo_data *d, const struct topo_node *n,
				char *buf, size_t size)
{
	int shown = 0, more = 0;
	size_t i;

	for (i = 0; i < d->nnodes; i++) {
		const struct topo_node *p = &d->nodes[i];

		if (p->kind != SEL_POOL || (strcasecmp(p->back_end, n->name) != 0 &&
					    strcasecmp(p->mirror, n->name) != 0))
			continue;
		if (shown < 4)
			text_append(buf, size, "%s%s", shown++ ? ", " : " It is the Back End or SQL"
				    " mirror of ", p->label);
		else
			more++;
	}
	if (more)
		text_append(buf, size, " and %d more", more);
	if (shown)
		text_append(buf, size, ", which lose%s it.", shown + more == 1 ? "s" : "");
}

/* The question for deleting n, naming what depends on it. */
static void edit_delete_text(struct topo_data *d, struct topo_node *n, char *buf, size_t size)
{
	size_t at = (size_t)(n - d->nodes);

	switch (n->kind) {
	case SEL_SITE:
		snprintf(buf, size, "Delete site %s?", n->label);
		if (n->children) {
			text_append(buf, size, " Its %d pool%s and their servers go with it:",
				    n->children, n->children == 1 ? "" : "s");
			edit_children(d, at, SEL_POOL, buf, size);
			text_append(buf, size, ".");
		}
		break;
	case SEL_POOL:
		snprintf(buf, size, "Delete pool %s?", n->label);
		if (n->server_count) {
			text_append(buf, size, " Its %d server%s go%s with it:", n->server_count,
				    n->server_count == 1 ? "" : "s", n->server_count == 1 ? "es" : "");
			edit_children(d, at, SEL_SERVER, buf, size);
			text_append(buf, size, ".");
		}
		if (n->lb_count) {
			text_append(buf, size, " Load balancer%s", n->lb_count == 1 ? "" : "s");
			edit_children(d, at, SEL_LB, buf, size);
			text_append(buf, size, " stop%s serving it.", n->lb_count == 1 ? "s" : "");
		}
		if (n->role == ROLE_BACK_END)
			edit_back_end_users(d, n, buf, size);
		break;
	case SEL_SERVER:
		snprintf(buf, size, "Delete server %s from pool %s?", n->label, n->pool_label);
		break;
	case SEL_PEER:
		snprintf(buf, size, "Delete peer %s (%s)?", n->label, n->details);
		break;
	default:
		snprintf(buf, size, "Delete load balancer %s? It serves %s.", n->label,
			 n->lb_pools_label);
		break;
	}
}

static enum lp_status edit_delete_yes(struct view *v, struct lp_error *err)
{
	struct topo_data *d = data_of(v);
	const char *name = d->pending.name;

	switch (d->pending.kind) {
	case SEL_SITE: return topology_site_rm(v->ctx->st, name, true, err);
	case SEL_POOL: return topology_pool_rm(v->ctx->st, name, true, err);
	case SEL_SERVER: return topology_server_rm(v->ctx->st, name, err);
	case SEL_LB: return topology_lb_rm(v->ctx->st, name, err);
	case SEL_PEER: return topology_peer_rm(v->ctx->st, name, err);
	default: return LP_OK;
	}
}

void topo_edit_delete(struct view *v, struct action *act)
{
	struct topo_data *d = data_of(v);
	struct topo_node *n = topo_node_at(v, v->list.cursor);

	if (!n || (n->kind > SEL_LB && n->kind != SEL_PEER)) {
		act->kind = ACT_STATUS;
		snprintf(act->text, sizeof act->text, "%s", !n ? "nothing to delete"
			 : "nothing to delete: e changes it (empty clears it)");
		return;
	}
	d->pending.kind = n->kind;
	snprintf(d->pending.name, sizeof d->pending.name, "%s", n->name);
	edit_delete_text(d, n, act->text, sizeof act->text);
	snprintf(act->done, sizeof act->done, "deleted %s", n->label);
	act->kind = ACT_CONFIRM;
	act->yes = edit_delete_yes;
}

/* The demo's sites come before the Network section the cursor may be on:
 * the cursor goes to the first of them. */
static enum lp_status edit_demo_yes(struct view *v, struct lp_error *err)
{
	data_of(v)->top = true;
	return topology_load_demo(v->ctx->st, err);
}

void topo_edit_demo(struct view *v, struct action *act)
{
	char *path = export_escape_terminal(store_path(v->ctx->st));

	act->kind = ACT_CONFIRM;
	snprintf(act->text, sizeof act->text,
		 "Load the demo topology (two sites, five pools) into %s? It is written at once.",
		 path ? path : "the open file");
	free(path);
	snprintf(act->done, sizeof act->done, "demo topology loaded");
	act->yes = edit_demo_yes;
}
