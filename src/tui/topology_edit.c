/* topology_edit.c - the Topology view's changes: the add menu, a form per
 * kind of item for adding and editing, the delete question naming what
 * goes with the item, and loading the demo. Each commit is the model's. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export/export.h"
#include "topology.h"
#include "tui/topology_view.h"

enum { ADD_SITE, ADD_POOL, ADD_SERVER, ADD_LB };

static const char *role_choices[ROLE_COUNT + 1];
static const char *edition_choices[3];
static const char *lb_choices[4];

/* The model's names for its enumerations, as choice lists. */
static void edit_choices(void)
{
	int r;

	if (role_choices[0])
		return;
	for (r = 0; r < ROLE_COUNT; r++)
		role_choices[r] = topology_role_name((enum topo_role)r);
	edition_choices[0] = topology_edition_name(EDITION_ENTERPRISE);
	edition_choices[1] = topology_edition_name(EDITION_STANDARD);
	lb_choices[0] = topology_lb_name(LB_NONE);
	lb_choices[1] = topology_lb_name(LB_DNS);
	lb_choices[2] = topology_lb_name(LB_HARDWARE);
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

/* A pool spec from the add form's fields. */
static enum lp_status submit_pool_add(struct form *f, struct store *st, struct lp_error *err)
{
	struct topo_pool_spec spec = { .fqdn = form_value(f, 0), .site = form_value(f, 1) };
	enum lp_status s;

	topology_role_parse(form_value(f, 2), &spec.role);
	if (spec.role == ROLE_FRONT_END)
		topology_edition_parse(form_value(f, 3), &spec.edition);
	topology_lb_parse(form_value(f, 4), &spec.lb);
	spec.collocated_mediation = form_yes(f, 5);
	spec.cms = form_yes(f, 6);
	s = topology_pool_add(st, &spec, err);
	if (s == LP_OK)
		edit_want(f, SEL_POOL, spec.fqdn);
	return s;
}

static enum lp_status submit_pool_set(struct form *f, struct store *st, struct lp_error *err)
{
	enum topo_lb lb = LB_NONE;
	bool med = form_yes(f, 3), cms = form_yes(f, 4);
	struct topo_pool_change ch = {
		.new_fqdn = form_value(f, 0), .site = form_value(f, 1),
		.lb = &lb, .collocated_mediation = &med, .cms = &cms
	};
	enum lp_status s;

	topology_lb_parse(form_value(f, 2), &lb);
	s = topology_pool_set(st, f->key, &ch, err);
	if (s == LP_OK)
		edit_want(f, SEL_POOL, ch.new_fqdn);
	return s;
}

static enum lp_status submit_server_add(struct form *f, struct store *st, struct lp_error *err)
{
	enum lp_status s = topology_server_add(st, form_value(f, 0), form_value(f, 1),
					       form_value(f, 2), err);

	if (s == LP_OK)
		edit_want(f, SEL_SERVER, form_value(f, 0));
	return s;
}

static enum lp_status submit_server_set(struct form *f, struct store *st, struct lp_error *err)
{
	enum lp_status s = topology_server_set(st, f->key, form_value(f, 0), form_value(f, 1),
					       form_value(f, 2), err);

	if (s == LP_OK)
		edit_want(f, SEL_SERVER, form_value(f, 0));
	return s;
}

/* Adds (f->key empty) or changes a load balancer. */
static enum lp_status submit_lb(struct form *f, struct store *st, struct lp_error *err)
{
	char list[FORM_VALUE_MAX + 1];
	const char *pools[64];
	size_t n;
	enum lp_status s;

	snprintf(list, sizeof list, "%s", form_value(f, 2));
	n = form_split_list(list, pools, sizeof pools / sizeof pools[0]);
	if (f->key[0])
		s = topology_lb_set(st, f->key, form_value(f, 0), form_value(f, 1), pools, n, err);
	else
		s = topology_lb_add(st, form_value(f, 0), form_value(f, 1), pools, n, err);
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

static struct form *form_pool_add(struct view *v)
{
	struct form *f = form_new("Add a pool", "pool added", submit_pool_add);

	if (!f)
		return NULL;
	f->ud = v;
	form_text(f, "FQDN", "", form_check_fqdn);
	form_text(f, "Site", v->ctx->sel.site, form_check_name);
	form_choice(f, "Role", role_choices, NULL);
	form_choice(f, "Edition (Front End)", edition_choices, NULL);
	form_choice(f, "Load balancing", lb_choices, NULL);
	form_choice(f, "Collocated Mediation", form_yes_no, NULL);
	form_choice(f, "Central Management store", form_yes_no, NULL);
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
	form_choice(f, "Load balancing", lb_choices, topology_lb_name(n->lb));
	form_choice(f, "Collocated Mediation", form_yes_no, n->mediation ? "yes" : "no");
	form_choice(f, "Central Management store", form_yes_no, n->cms ? "yes" : "no");
	return f;
}

static struct form *form_server(struct view *v, const struct topo_node *n)
{
	struct form *f = form_new("Add a server", "server added", submit_server_add);

	if (!f)
		return NULL;
	f->ud = v;
	form_text(f, "FQDN", n ? n->name : "", form_check_fqdn);
	form_text(f, "Pool", n ? n->pool : v->ctx->sel.pool, form_check_fqdn);
	form_text(f, "Address (optional)", n ? n->address : "", form_check_address);
	if (n) {
		f->submit = submit_server_set;
		f->done = "server changed";
		snprintf(f->key, sizeof f->key, "%s", n->name);
		edit_title(f, "Edit server", n->name);
	}
	return f;
}

static struct form *form_lb(struct view *v, const struct topo_node *n)
{
	struct form *f = form_new("Add a load balancer", "load balancer added", submit_lb);

	if (!f)
		return NULL;
	f->ud = v;
	form_text(f, "Name", n ? n->name : "", form_check_name);
	form_text(f, "VIP address", n ? n->vip : "", topology_check_address);
	form_text(f, "Pools (comma-separated)", n ? n->lb_pools : v->ctx->sel.pool,
		  form_check_fqdn_list);
	if (n) {
		f->done = "load balancer changed";
		snprintf(f->key, sizeof f->key, "%s", n->name);
		edit_title(f, "Edit load balancer", n->name);
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

static void edit_pick(struct view *v, int item, struct action *next)
{
	edit_choices();
	switch (item) {
	case ADD_SITE: edit_form(next, form_site(v, NULL)); break;
	case ADD_POOL: edit_form(next, form_pool_add(v)); break;
	case ADD_SERVER: edit_form(next, form_server(v, NULL)); break;
	case ADD_LB: edit_form(next, form_lb(v, NULL)); break;
	default: break;
	}
}

void topo_edit_add(struct view *v, struct action *act)
{
	struct topo_node *n = topo_node_at(v, v->list.cursor);

	act->kind = ACT_MENU;
	snprintf(act->text, sizeof act->text, "Add");
	act->items[ADD_SITE] = "s Site";
	act->items[ADD_POOL] = "p Pool";
	act->items[ADD_SERVER] = "v Server";
	act->items[ADD_LB] = "b Load balancer";
	act->nitems = 4;
	act->item = !n ? ADD_SITE : n->kind == SEL_SITE ? ADD_POOL
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
	default: edit_form(act, form_lb(v, n)); break;
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
		break;
	case SEL_SERVER:
		snprintf(buf, size, "Delete server %s from pool %s?", n->label, n->pool_label);
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
	default: return LP_OK;
	}
}

void topo_edit_delete(struct view *v, struct action *act)
{
	struct topo_data *d = data_of(v);
	struct topo_node *n = topo_node_at(v, v->list.cursor);

	if (!n) {
		act->kind = ACT_STATUS;
		snprintf(act->text, sizeof act->text, "nothing to delete");
		return;
	}
	d->pending.kind = n->kind;
	snprintf(d->pending.name, sizeof d->pending.name, "%s", n->name);
	edit_delete_text(d, n, act->text, sizeof act->text);
	snprintf(act->done, sizeof act->done, "deleted %s", n->label);
	act->kind = ACT_CONFIRM;
	act->yes = edit_delete_yes;
}

static enum lp_status edit_demo_yes(struct view *v, struct lp_error *err)
{
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
