/* topology_json.c - the topology written as a topology document: every
 * site, pool, server, load balancer and enabled feature, keys in a fixed
 * order and arrays sorted by name (byte order), so the same topology
 * always gives the same bytes and a diff shows what changed. */
#include "config.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "topology.h"
#include "topology_json.h"

struct tj_out {
	json_t *list;
	bool failed; /* out of memory, or text that is not UTF-8 */
};

/* Appends o to the list; takes o. */
static int tj_append(struct tj_out *o, json_t *item)
{
	if (!item || json_array_append_new(o->list, item) != 0)
		o->failed = true;
	return o->failed;
}

/* Sets key to value in obj, taking value; false when value is NULL. */
static bool tj_set(json_t *obj, const char *key, json_t *value)
{
	return value && json_object_set_new(obj, key, value) == 0;
}

/* The sort key of an array item: the item itself (a string) or its
 * first member (every object above starts with its name). */
static const char *tj_key(json_t *item)
{
	if (json_is_object(item))
		item = json_object_iter_value(json_object_iter(item));
	return json_is_string(item) ? json_string_value(item) : "";
}

static int tj_cmp(const void *a, const void *b)
{
	return strcmp(tj_key(*(json_t *const *)a), tj_key(*(json_t *const *)b));
}

/* Sorts the items of a by their key, in place; false when out of memory. */
static bool tj_sort(json_t *a)
{
	size_t i, n = json_array_size(a);
	json_t **v = malloc((n ? n : 1) * sizeof(json_t *));

	if (!v)
		return false;
	for (i = 0; i < n; i++)
		v[i] = json_incref(json_array_get(a, i));
	qsort(v, n, sizeof(json_t *), tj_cmp);
	for (i = 0; i < n; i++) {
		json_array_set(a, i, v[i]);
		json_decref(v[i]);
	}
	free(v);
	return true;
}

static int tj_site(const struct topo_site *r, void *ud)
{
	json_t *o = json_object();

	if (o && (!tj_set(o, "name", json_string(r->name)) ||
		  !tj_set(o, "description", json_string(r->description)))) {
		json_decref(o);
		o = NULL;
	}
	return tj_append(ud, o);
}

static int tj_pool(const struct topo_pool *r, void *ud)
{
	json_t *o = json_object();
	bool ok = o && tj_set(o, "fqdn", json_string(r->fqdn)) &&
		  tj_set(o, "site", json_string(r->site)) &&
		  tj_set(o, "role", json_string(topology_role_name(r->role)));

	/* Only a front-end pool has an edition, only an edge pool external addressing. */
	if (ok && r->role == ROLE_FRONT_END)
		ok = tj_set(o, "edition", json_string(topology_edition_name(r->edition)));
	if (ok && r->role == ROLE_EDGE)
		ok = tj_set(o, "edgeExternal", json_string(topology_edge_external_name(r->edge_external)));
	ok = ok && tj_set(o, "lb", json_string(topology_lb_name(r->lb))) &&
	     tj_set(o, "collocatedMediation", json_boolean(r->collocated_mediation)) &&
	     tj_set(o, "cms", json_boolean(r->cms));
	if (!ok) {
		json_decref(o);
		o = NULL;
	}
	return tj_append(ud, o);
}

static int tj_server(const struct topo_server *r, void *ud)
{
	json_t *o = json_object();

	if (o && (!tj_set(o, "fqdn", json_string(r->fqdn)) ||
		  !tj_set(o, "pool", json_string(r->pool)) ||
		  !tj_set(o, "address", json_string(r->address)))) {
		json_decref(o);
		o = NULL;
	}
	return tj_append(ud, o);
}

/* The comma-separated FQDNs of a load balancer row as an array. */
static json_t *tj_split(const char *list)
{
	json_t *a = json_array();
	const char *p = list;

	while (a && *p) {
		size_t n = strcspn(p, ",");

		if (json_array_append_new(a, json_stringn(p, n)) != 0) {
			json_decref(a);
			return NULL;
		}
		p += n + (p[n] == ',');
	}
	return a;
}

static int tj_lb(const struct topo_lb_row *r, void *ud)
{
	json_t *o = json_object(), *pools = tj_split(r->pools);

	if (pools && !tj_sort(pools)) {
		json_decref(pools);
		pools = NULL;
	}
	if (o && (!tj_set(o, "name", json_string(r->name)) ||
		  !tj_set(o, "vip", json_string(r->vip)) ||
		  !tj_set(o, "pools", pools))) {
		json_decref(o);
		o = NULL;
	} else if (!o) {
		json_decref(pools);
	}
	return tj_append(ud, o);
}

static int tj_feature(const struct topo_feature *r, void *ud)
{
	return r->enabled ? tj_append(ud, json_string(r->name)) : 0;
}

static enum lp_status tj_sites(struct store *st, struct tj_out *o, struct lp_error *err)
{
	return topology_site_each(st, tj_site, o, err);
}

static enum lp_status tj_pools(struct store *st, struct tj_out *o, struct lp_error *err)
{
	return topology_pool_each(st, NULL, tj_pool, o, err);
}

/* Unordered: tj_section sorts them, by name, as it does every section. */
static enum lp_status tj_servers(struct store *st, struct tj_out *o, struct lp_error *err)
{
	return topology_server_scan(st, tj_server, o, err);
}

static enum lp_status tj_lbs(struct store *st, struct tj_out *o, struct lp_error *err)
{
	return topology_lb_each(st, tj_lb, o, err);
}

static enum lp_status tj_features(struct store *st, struct tj_out *o, struct lp_error *err)
{
	return topology_feature_each(st, tj_feature, o, err);
}

static enum lp_status tj_oom(struct store *st, struct lp_error *err)
{
	return lp_fail(err, LP_EDB, "%s: cannot export: out of memory, or text that is not UTF-8",
		       store_path(st));
}

/* Runs one iterator into a sorted array, set as key of root. */
static enum lp_status tj_section(struct store *st, json_t *root, const char *key,
				 enum lp_status (*each)(struct store *, struct tj_out *, struct lp_error *),
				 struct lp_error *err)
{
	struct tj_out o = { json_array(), false };
	enum lp_status s;

	if (!o.list)
		return tj_oom(st, err);
	s = each(st, &o, err);
	if (s == LP_OK && (o.failed || !tj_sort(o.list)))
		s = tj_oom(st, err);
	if (s != LP_OK) {
		json_decref(o.list);
		return s;
	}
	return json_object_set_new(root, key, o.list) == 0 ? LP_OK : tj_oom(st, err);
}

enum lp_status topology_json_export(struct store *st, FILE *out, struct lp_error *err)
{
	json_t *root = json_object();
	enum lp_status s = LP_OK;

	if (!root || !tj_set(root, "format", json_string(TOPOLOGY_JSON_FORMAT)) ||
	    !tj_set(root, "version", json_integer(TOPOLOGY_JSON_VERSION)))
		s = tj_oom(st, err);
	if (s == LP_OK)
		s = tj_section(st, root, "sites", tj_sites, err);
	if (s == LP_OK)
		s = tj_section(st, root, "pools", tj_pools, err);
	if (s == LP_OK)
		s = tj_section(st, root, "servers", tj_servers, err);
	if (s == LP_OK)
		s = tj_section(st, root, "loadBalancers", tj_lbs, err);
	if (s == LP_OK)
		s = tj_section(st, root, "features", tj_features, err);
	if (s == LP_OK && (json_dumpf(root, out, JSON_INDENT(2)) != 0 || fputc('\n', out) == EOF))
		s = lp_fail(err, LP_EIO, "cannot write the topology document");
	json_decref(root);
	return s;
}
