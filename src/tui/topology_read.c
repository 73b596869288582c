/* topology_read.c - builds the Topology view's tree from the model: sites,
 * their pools, each pool's servers and the load balancers serving it.
 * Sorting and binary search keep a 10,000-server file quick to build. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "topology.h"
#include "tui/topology_view.h"

struct rec_pool {
	struct topo_pool p; /* strings point into the pool */
	size_t order;
};
struct rec_server {
	const char *fqdn, *pool, *address, *external, *public;
};
struct rec_link {
	const char *pool; /* a pool an LB serves */
	size_t lb;
	size_t order;
};
struct rec_lb {
	const char *name, *vip, *pools, *vip_label, *pools_label;
	enum topo_lb_side side;
	enum topo_edge_service service;
};

struct reading {
	struct topo_data *d;
	struct topo_site *sites;
	struct rec_pool *pools;
	struct rec_server *servers;
	struct rec_lb *lbs;
	struct rec_link *links;
	size_t nsites, npools, nservers, nlbs, nlinks;
	size_t capsites, cappools, capservers, caplbs, caplinks;
	bool nomem;
};

/* arr (n items of elem bytes, room for *cap) with room for one more:
 * the same or a moved array, or NULL without memory (arr is kept). */
static void *grow(void *arr, size_t *cap, size_t n, size_t elem)
{
	void *np;
	size_t c;

	if (n < *cap)
		return arr;
	c = *cap ? *cap * 2 : 64;
	if (!(np = realloc(arr, c * elem)))
		return NULL;
	*cap = c;
	return np;
}

/* Appends name (as stored) to choice list c; false without memory. */
static bool choices_push(struct topo_choices *c, const char *name)
{
	if (c->n + 1 >= c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 16;
		const char **items = realloc(c->items, cap * sizeof *items);

		if (!items)
			return false;
		c->items = items;
		c->cap = cap;
	}
	c->items[c->n++] = name;
	c->items[c->n] = NULL;
	return true;
}

static int read_site(const struct topo_site *s, void *ud)
{
	struct reading *r = ud;
	struct topo_site *o = grow(r->sites, &r->capsites, r->nsites, sizeof *o);

	if (!o)
		return r->nomem = true;
	r->sites = o;
	o = &r->sites[r->nsites++];
	*o = *s;
	o->name = strpool_dup(&r->d->strings, s->name);
	o->description = strpool_dup(&r->d->strings, s->description);
	return 0;
}

static int read_pool(const struct topo_pool *p, void *ud)
{
	struct reading *r = ud;
	struct rec_pool *o = grow(r->pools, &r->cappools, r->npools, sizeof *o);

	if (!o)
		return r->nomem = true;
	r->pools = o;
	o = &r->pools[r->npools];
	o->p = *p;
	o->p.fqdn = strpool_dup(&r->d->strings, p->fqdn);
	o->p.site = strpool_dup(&r->d->strings, p->site);
	o->p.back_end = strpool_dup(&r->d->strings, p->back_end);
	o->p.mirror = strpool_dup(&r->d->strings, p->mirror);
	o->p.witness = strpool_dup(&r->d->strings, p->witness);
	o->order = r->npools++;
	if (p->role == ROLE_BACK_END && !choices_push(&r->d->back_ends, o->p.fqdn))
		return r->nomem = true;
	return 0;
}

static int read_server(const struct topo_server *s, void *ud)
{
	struct reading *r = ud;
	struct rec_server *o = grow(r->servers, &r->capservers, r->nservers, sizeof *o);

	if (!o)
		return r->nomem = true;
	r->servers = o;
	o = &r->servers[r->nservers];
	o->fqdn = strpool_dup(&r->d->strings, s->fqdn);
	o->pool = strpool_dup(&r->d->strings, s->pool);
	o->address = strpool_dup(&r->d->strings, s->address);
	o->external = strpool_dup(&r->d->strings, s->external);
	o->public = strpool_dup(&r->d->strings, s->public);
	r->nservers++;
	return 0;
}

/* Records the LB and one link per pool it serves. */
static int read_lb(const struct topo_lb_row *l, void *ud)
{
	struct reading *r = ud;
	struct rec_lb *o = grow(r->lbs, &r->caplbs, r->nlbs, sizeof *o);
	char *copy, *tok, *save = NULL;

	if (!o)
		return r->nomem = true;
	r->lbs = o;
	if (!(copy = strdup(l->pools)))
		return r->nomem = true;
	o = &r->lbs[r->nlbs];
	o->name = strpool_dup(&r->d->strings, l->name);
	o->vip = strpool_dup(&r->d->strings, l->vip);
	o->pools = strpool_dup(&r->d->strings, l->pools);
	o->vip_label = strpool_safe(&r->d->strings, l->vip);
	o->pools_label = strpool_safe(&r->d->strings, l->pools);
	o->side = l->side;
	o->service = l->service;
	for (tok = strtok_r(copy, ", ", &save); tok; tok = strtok_r(NULL, ", ", &save)) {
		struct rec_link *k = grow(r->links, &r->caplinks, r->nlinks, sizeof *k);

		if (!k) {
			free(copy);
			return r->nomem = true;
		}
		r->links = k;
		r->links[r->nlinks].pool = strpool_dup(&r->d->strings, tok);
		r->links[r->nlinks].lb = r->nlbs;
		r->links[r->nlinks].order = r->nlinks;
		r->nlinks++;
	}
	free(copy);
	r->nlbs++;
	return 0;
}

static int cmp_pool(const void *a, const void *b)
{
	const struct rec_pool *x = a, *y = b;
	int c = strcmp(x->p.site, y->p.site);

	return c ? c : (x->order > y->order) - (x->order < y->order);
}

/* Compares as SQLite's NOCASE collation does (ASCII letters folded, then
 * bytes), so each pool's servers are in the order of their FQDN column. */
static int nocase_cmp(const char *a, const char *b)
{
	const unsigned char *x = (const unsigned char *)a, *y = (const unsigned char *)b;

	for (;; x++, y++) {
		int cx = *x >= 'A' && *x <= 'Z' ? *x + ('a' - 'A') : *x;
		int cy = *y >= 'A' && *y <= 'Z' ? *y + ('a' - 'A') : *y;

		if (cx != cy || !cx)
			return cx - cy;
	}
}

static int cmp_server(const void *a, const void *b)
{
	const struct rec_server *x = a, *y = b;
	int c = strcasecmp(x->pool, y->pool);

	return c ? c : nocase_cmp(x->fqdn, y->fqdn);
}

static int cmp_link(const void *a, const void *b)
{
	const struct rec_link *x = a, *y = b;
	int c = strcasecmp(x->pool, y->pool);

	return c ? c : (x->order > y->order) - (x->order < y->order);
}

/* First index in [0, n) whose key (read by key()) is not below k. */
static size_t lower_bound(const void *arr, size_t n, size_t elem, const char *k,
			  const char *(*key)(const void *), int (*cmp)(const char *, const char *))
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (cmp(key((const char *)arr + mid * elem), k) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static const char *key_pool_site(const void *p) { return ((const struct rec_pool *)p)->p.site; }
static const char *key_server_pool(const void *p) { return ((const struct rec_server *)p)->pool; }
static const char *key_link_pool(const void *p) { return ((const struct rec_link *)p)->pool; }

static const char *lb_mode_label(enum topo_lb m)
{
	switch (m) {
	case LB_DNS: return "DNS LB";
	case LB_HARDWARE: return "hardware LB";
	default: return "no LB";
	}
}

/* "Front End, DNS LB, +Mediation, CMS, enterprise, 3 servers, Back End
 * sql1.contoso.com, mirror sql2.contoso.com, witness w.contoso.com" */
static const char *pool_details(struct strpool *sp, const struct topo_pool *p)
{
	char buf[1024];

	snprintf(buf, sizeof buf, "%s, %s", topology_role_title(p->role), lb_mode_label(p->lb));
	if (p->collocated_mediation)
		text_append(buf, sizeof buf, ", +Mediation");
	if (p->cms)
		text_append(buf, sizeof buf, ", CMS");
	if (p->edition != EDITION_NONE)
		text_append(buf, sizeof buf, ", %s", topology_edition_name(p->edition));
	text_append(buf, sizeof buf, ", %d server%s", p->servers, p->servers == 1 ? "" : "s");
	if (p->back_end[0])
		text_append(buf, sizeof buf, ", Back End %s", p->back_end);
	if (p->mirror[0])
		text_append(buf, sizeof buf, ", mirror %s", p->mirror);
	if (p->witness[0])
		text_append(buf, sizeof buf, ", witness %s", p->witness);
	return strpool_safe(sp, buf);
}

/* The external interface's names: one address, or three in this order. */
static const char *const external_names[] = { "access", "webconf", "av" };

/* An Edge Server's or a reverse proxy's addresses by side: "internal A;
 * external access B (public C), webconf D, av E", or "external B" for one
 * external address; another server's address alone. Terminal-safe. */
static const char *server_details(struct strpool *sp, const struct rec_server *s,
				  enum topo_role role)
{
	char buf[1024], ext[FORM_VALUE_MAX + 1], pub[FORM_VALUE_MAX + 1];
	const char *e[3], *p[3];
	size_t ne, np, i;

	if (role != ROLE_EDGE && role != ROLE_REVERSE_PROXY)
		return strpool_safe(sp, s->address);
	snprintf(ext, sizeof ext, "%s", s->external);
	snprintf(pub, sizeof pub, "%s", s->public);
	ne = form_split_list(ext, e, 3);
	np = form_split_list(pub, p, 3);
	snprintf(buf, sizeof buf, "internal %s", s->address[0] ? s->address : "not set");
	for (i = 0; i < ne && i < sizeof e / sizeof e[0]; i++) {
		if (ne == 1)
			text_append(buf, sizeof buf, "; external %s", e[i]);
		else
			text_append(buf, sizeof buf, "%s %s %s", i ? "," : "; external",
				    external_names[i], e[i]);
		if (i < np)
			text_append(buf, sizeof buf, " (public %s)", p[i]);
	}
	return strpool_safe(sp, buf);
}

/* A child of pool node `parent` (its fields copied before the push moves
 * the nodes). */
static struct topo_node *add_child(struct topo_data *d, enum sel_kind kind,
				   const struct topo_node *parent, bool last)
{
	const char *pool = parent->pool, *site = parent->site, *label = parent->label;
	bool parent_last = parent->last;
	struct topo_node *n = topo_push(d, kind, 2);

	if (!n)
		return NULL;
	n->pool = pool;
	n->site = site;
	n->pool_label = label;
	n->last = last;
	n->parent_last = parent_last;
	return n;
}

/* The servers [s0, s1) and load balancer links [l0, l1) under the pool
 * node at index at. */
static bool add_pool_children(struct reading *r, size_t at, size_t s0, size_t s1,
			      size_t l0, size_t l1)
{
	struct topo_data *d = r->d;
	enum topo_role role = d->nodes[at].role;
	struct topo_node *n;
	size_t i;

	for (i = s0; i < s1; i++) {
		if (!(n = add_child(d, SEL_SERVER, &d->nodes[at], i + 1 == s1 && l0 == l1)))
			return false;
		n->name = r->servers[i].fqdn;
		n->label = strpool_safe(&d->strings, n->name);
		n->address = r->servers[i].address;
		n->external = r->servers[i].external;
		n->public = r->servers[i].public;
		n->role = role;
		n->details = server_details(&d->strings, &r->servers[i], role);
		if (role == ROLE_BACK_END && !choices_push(&d->witnesses, n->name))
			return false;
	}
	for (i = l0; i < l1; i++) {
		const struct rec_lb *lb = &r->lbs[r->links[i].lb];
		char buf[300];

		if (!(n = add_child(d, SEL_LB, &d->nodes[at], i + 1 == l1)))
			return false;
		n->name = lb->name;
		n->label = strpool_safe(&d->strings, lb->name);
		snprintf(buf, sizeof buf, "load balancer, VIP %s, %s", lb->vip_label,
			 topology_lb_side_name(lb->side));
		if (lb->service != EDGE_SERVICE_NONE)
			text_append(buf, sizeof buf, ", %s", topology_edge_service_name(lb->service));
		n->details = strpool_dup(&d->strings, buf);
		n->vip = lb->vip;
		n->side = lb->side;
		n->service = lb->service;
		n->lb_pools = lb->pools;
		n->lb_pools_label = lb->pools_label;
	}
	return true;
}

/* Adds a pool node and its servers and load balancers. */
static bool add_pool(struct reading *r, const struct topo_pool *p, bool last, const char *site)
{
	struct topo_data *d = r->d;
	struct topo_node *n = topo_push(d, SEL_POOL, 1);
	size_t s0 = lower_bound(r->servers, r->nservers, sizeof *r->servers, p->fqdn,
				key_server_pool, strcasecmp);
	size_t l0 = lower_bound(r->links, r->nlinks, sizeof *r->links, p->fqdn,
				key_link_pool, strcasecmp);
	size_t s1 = s0, l1 = l0;

	if (!n)
		return false;
	while (s1 < r->nservers && strcasecmp(r->servers[s1].pool, p->fqdn) == 0)
		s1++;
	while (l1 < r->nlinks && strcasecmp(r->links[l1].pool, p->fqdn) == 0)
		l1++;
	n->name = n->pool = p->fqdn;
	n->site = site;
	n->last = last;
	n->label = n->pool_label = strpool_safe(&d->strings, p->fqdn);
	n->details = pool_details(&d->strings, p);
	n->role = p->role;
	n->edition = p->edition;
	n->edge_external = p->edge_external;
	n->lb = p->lb;
	n->mediation = p->collocated_mediation;
	n->cms = p->cms;
	n->back_end = p->back_end;
	n->mirror = p->mirror;
	n->witness = p->witness;
	n->children = (int)(s1 - s0 + l1 - l0);
	n->server_count = (int)(s1 - s0);
	n->lb_count = (int)(l1 - l0);
	return add_pool_children(r, (size_t)(n - d->nodes), s0, s1, l0, l1);
}

static bool add_site(struct reading *r, const struct topo_site *s)
{
	struct topo_data *d = r->d;
	struct topo_node *n = topo_push(d, SEL_SITE, 0);
	size_t p0 = lower_bound(r->pools, r->npools, sizeof *r->pools, s->name,
				key_pool_site, strcmp);
	size_t p1 = p0, i;
	char buf[400];

	if (!n)
		return false;
	while (p1 < r->npools && strcmp(r->pools[p1].p.site, s->name) == 0)
		p1++;
	n->name = n->site = s->name;
	n->pool = "";
	n->label = strpool_safe(&d->strings, s->name);
	n->description = s->description;
	snprintf(buf, sizeof buf, "site, %d pool%s%s%s", s->pools, s->pools == 1 ? "" : "s",
		 s->description[0] ? ": " : "", strpool_safe(&d->strings, s->description));
	n->details = strpool_dup(&d->strings, buf);
	n->children = n->server_count = (int)(p1 - p0);
	for (i = p0; i < p1; i++)
		if (!add_pool(r, &r->pools[i].p, i + 1 == p1, s->name))
			return false;
	return true;
}

/* A row of the Network section; label and details terminal-safe. */
static struct topo_node *add_network_row(struct topo_data *d, enum sel_kind kind,
					 const char *name, const char *label, const char *details)
{
	struct topo_node *n = topo_push(d, kind, kind == SEL_NETWORK ? 0 : 1);

	if (!n)
		return NULL;
	n->name = strpool_dup(&d->strings, name);
	n->site = n->pool = "";
	n->label = label;
	n->details = details;
	return n;
}

/* The Network section as it is read: callbacks stop on a fault. */
struct net_reading {
	struct topo_data *d;
	bool nomem;
};

static int read_zone(const struct topo_zone_row *z, void *ud)
{
	struct net_reading *r = ud;
	struct topo_data *d = r->d;
	char label[64];
	struct topo_node *n;

	snprintf(label, sizeof label, "%s zone", topology_zone_name(z->zone));
	if (!(n = add_network_row(d, SEL_ZONE, topology_zone_name(z->zone),
				  strpool_dup(&d->strings, label),
				  z->prefixes[0] ? strpool_safe(&d->strings, z->prefixes)
						 : "no prefixes set")))
		return r->nomem = true;
	n->zone = z->zone;
	n->address = strpool_dup(&d->strings, z->prefixes);
	return 0;
}

static int read_peer(const struct topo_peer *p, void *ud)
{
	struct net_reading *r = ud;
	struct topo_data *d = r->d;
	char details[600];
	struct topo_node *n;

	snprintf(details, sizeof details, "peer, %s: %s", strpool_safe(&d->strings, p->kind),
		 strpool_safe(&d->strings, p->addresses));
	if (!(n = add_network_row(d, SEL_PEER, p->name, strpool_safe(&d->strings, p->name),
				  strpool_dup(&d->strings, details))))
		return r->nomem = true;
	n->peer_kind = strpool_dup(&d->strings, p->kind);
	n->address = strpool_dup(&d->strings, p->addresses);
	return 0;
}

/* The kinds a peer can be, as a choice list over d->kinds. */
static void split_kinds(struct topo_data *d)
{
	size_t n = 0, max = sizeof d->kind_choices / sizeof d->kind_choices[0] - 1;
	char *save = NULL, *tok;

	for (tok = strtok_r(d->kinds, ", ", &save); tok && n < max;
	     tok = strtok_r(NULL, ", ", &save))
		d->kind_choices[n++] = tok;
	d->kind_choices[n] = NULL;
}

/* The Network section: the topology's name, the zones, the peers. */
static enum lp_status add_network(struct store *st, struct topo_data *d, struct lp_error *err)
{
	struct net_reading r = { .d = d };
	size_t at = d->nnodes, i, peers;
	enum lp_status s;
	char *name;
	char count[64];

	if ((s = topology_name_get(st, &name, err)) != LP_OK)
		return s;
	d->title = strpool_dup(&d->strings, name);
	d->title_label = strpool_safe(&d->strings, name);
	free(name);
	if (!d->title || !d->title_label ||
	    !add_network_row(d, SEL_NETWORK, "network", "Network", "") ||
	    !add_network_row(d, SEL_NAME, "name", "topology name",
			     d->title[0] ? d->title_label : "none set"))
		return lp_fail(err, LP_EDB, "out of memory reading the topology");
	if ((s = topology_zone_each(st, read_zone, &r, err)) != LP_OK ||
	    (s = topology_peer_each(st, read_peer, &r, err)) != LP_OK ||
	    (s = topology_peer_kinds(st, d->kinds, sizeof d->kinds, err)) != LP_OK)
		return s;
	split_kinds(d);
	if (r.nomem || d->strings.failed)
		return lp_fail(err, LP_EDB, "out of memory reading the topology");
	/* The section, the name and the two zones come before the peers. */
	peers = d->nnodes - at - 2 - ZONE_COUNT;
	d->nodes[at].children = (int)(d->nnodes - at - 1);
	snprintf(count, sizeof count, "name, zones and %d peer%s", (int)peers,
		 peers == 1 ? "" : "s");
	d->nodes[at].details = strpool_dup(&d->strings, count);
	for (i = at + 1; i < d->nnodes; i++)
		d->nodes[i].last = i + 1 == d->nnodes;
	return LP_OK;
}

/* A witness may be any server: those that are one join the witnesses
 * the form offers (the servers of back-end pools), so that a form shows
 * every pool's own. */
static bool add_witnesses(struct reading *r)
{
	struct topo_choices *c = &r->d->witnesses;
	size_t i, k;

	for (i = 0; i < r->npools; i++) {
		const char *w = r->pools[i].p.witness;

		for (k = 0; w[0] && k < c->n && strcasecmp(c->items[k], w) != 0; k++)
			;
		if (w[0] && k == c->n && !choices_push(c, w))
			return false;
	}
	return true;
}

static enum lp_status read_all(struct store *st, struct reading *r, struct lp_error *err)
{
	enum lp_status s;

	if ((s = topology_site_each(st, read_site, r, err)) != LP_OK ||
	    (s = topology_pool_each(st, NULL, read_pool, r, err)) != LP_OK ||
	    (s = topology_server_scan(st, read_server, r, err)) != LP_OK ||
	    (s = topology_lb_each(st, read_lb, r, err)) != LP_OK)
		return s;
	if (r->nomem || r->d->strings.failed)
		return lp_fail(err, LP_EDB, "out of memory reading the topology");
	return LP_OK;
}

enum lp_status topo_read(struct store *st, struct topo_data *d, struct lp_error *err)
{
	struct reading r = { .d = d };
	enum lp_status s = choices_push(&d->back_ends, "none") && choices_push(&d->witnesses, "none")
			   ? read_all(st, &r, err)
			   : lp_fail(err, LP_EDB, "out of memory reading the topology");
	size_t i;

	if (s == LP_OK) {
		if (r.npools)
			qsort(r.pools, r.npools, sizeof *r.pools, cmp_pool);
		if (r.nservers)
			qsort(r.servers, r.nservers, sizeof *r.servers, cmp_server);
		if (r.nlinks)
			qsort(r.links, r.nlinks, sizeof *r.links, cmp_link);
		for (i = 0; i < r.nsites; i++)
			if (!add_site(&r, &r.sites[i]))
				s = lp_fail(err, LP_EDB, "out of memory reading the topology");
		if (s == LP_OK && !add_witnesses(&r))
			s = lp_fail(err, LP_EDB, "out of memory reading the topology");
		d->sites = (int)r.nsites;
		d->pools = (int)r.npools;
		d->servers = (int)r.nservers;
		d->lbs = (int)r.nlbs;
		if (s == LP_OK)
			s = add_network(st, d, err);
	}
	free(r.sites);
	free(r.pools);
	free(r.servers);
	free(r.lbs);
	free(r.links);
	return s;
}
