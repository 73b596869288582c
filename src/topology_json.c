/* topology_json.c - the topology written as a topology document: its
 * name, every site, pool, server, load balancer and enabled feature, the
 * zones' prefixes and the peers, keys in a fixed order and arrays sorted
 * by name (byte order; a list of addresses in the order given), so the
 * same topology always gives the same bytes and a diff shows what
 * changed. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "topology.h"
#include "topology_json.h"

/* The rows are read into compact arrays and the text is written directly,
 * in the layout of jansson's JSON_INDENT(2) (import reads it with jansson):
 * a tree of JSON values for the whole topology would cost several times
 * the memory and the time. */

#define TJ_BLOCK 65536

/* Copied strings, in blocks that never move: rows point into them. */
struct tj_block {
	struct tj_block *next;
	size_t used, size;
	char text[];
};

/* A growing array of rows of width bytes. Every row type starts with its
 * sort key, a string, so tj_cmp sorts any of them. */
struct tj_vec {
	char *v;
	size_t n, cap, width;
};

struct tj_site {
	const char *name, *description;
};

/* Names of enumerations; edition and edge_external NULL where the role
 * has none, back_end, mirror and witness NULL where it has no Back End. */
struct tj_pool {
	const char *fqdn, *site, *role, *edition, *edge_external, *lb;
	const char *back_end, *mirror, *witness;
	bool collocated_mediation, cms;
};

/* The external and public addresses are n_external and n_public entries
 * of tj_doc.addresses from first_external and first_public. */
struct tj_server {
	const char *fqdn, *pool, *address;
	size_t first_external, n_external, first_public, n_public;
};

/* The pools served are npools entries of tj_doc.lb_pools from first;
 * service NULL on the internal side. */
struct tj_lb {
	const char *name, *vip, *side, *service;
	size_t first, npools;
};

/* The addresses are naddresses entries of tj_doc.addresses from first. */
struct tj_peer {
	const char *name, *kind;
	size_t first, naddresses;
};

/* A zone's prefixes: nprefixes entries of tj_doc.addresses from first. */
struct tj_zone {
	size_t first, nprefixes;
};

struct tj_doc {
	struct tj_block *text;
	struct tj_vec sites, pools, servers, lbs, features, lb_pools, peers, addresses;
	const char *name;
	struct tj_zone zones[ZONE_COUNT];
	bool failed; /* out of memory, or text that is not UTF-8 */
};

/* True when s is UTF-8 as jansson's json_string accepts it: no overlong
 * form, no surrogate, nothing above U+10FFFF. */
static bool tj_utf8(const char *text)
{
	const unsigned char *s = (const unsigned char *)text;
	uint32_t cp;
	size_t n;

	for (; *s; s += n)
		if ((n = lp_utf8_decode(s, &cp)) == 0)
			return false;
	return true;
}

/* Room for len bytes in the document's text blocks; NULL when out of
 * memory. The document owns it. */
static char *tj_reserve(struct tj_doc *d, size_t len)
{
	struct tj_block *b = d->text;

	if (!b || b->size - b->used < len) {
		size_t size = len > TJ_BLOCK ? len : TJ_BLOCK;

		if (!(b = malloc(sizeof *b + size)))
			return NULL;
		b->next = d->text;
		b->used = 0;
		b->size = size;
		d->text = b;
	}
	b->used += len;
	return b->text + b->used - len;
}

/* A copy of s owned by the document, or NULL (and d->failed) when s is
 * NULL or not UTF-8, or out of memory. */
static const char *tj_copy(struct tj_doc *d, const char *s)
{
	size_t len = s ? strlen(s) + 1 : 0;
	char *c = s && tj_utf8(s) ? tj_reserve(d, len) : NULL;

	if (!c) {
		d->failed = true;
		return NULL;
	}
	return memcpy(c, s, len);
}

/* A static name (an enumeration's), checked as a copied string is. */
static const char *tj_static(struct tj_doc *d, const char *s)
{
	if (!s || !tj_utf8(s))
		d->failed = true;
	return s;
}

/* A new zeroed row at the end of v, owned by v; NULL (and d->failed) when
 * out of memory. */
static void *tj_push(struct tj_doc *d, struct tj_vec *v)
{
	if (v->n == v->cap) {
		size_t cap = v->cap ? 2 * v->cap : 64;
		char *p = cap < SIZE_MAX / v->width ? realloc(v->v, cap * v->width) : NULL;

		if (!p) {
			d->failed = true;
			return NULL;
		}
		v->v = p;
		v->cap = cap;
	}
	return memset(v->v + v->n++ * v->width, 0, v->width);
}

static int tj_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Sorts n rows of width bytes by their key; an empty array may have no
 * storage at all, which qsort must not be given. */
static void tj_sort(void *rows, size_t n, size_t width)
{
	if (n > 1)
		qsort(rows, n, width, tj_cmp);
}

static int tj_site(const struct topo_site *r, void *ud)
{
	struct tj_doc *d = ud;
	struct tj_site *x = tj_push(d, &d->sites);

	if (x) {
		x->name = tj_copy(d, r->name);
		x->description = tj_copy(d, r->description);
	}
	return d->failed;
}

static int tj_pool(const struct topo_pool *r, void *ud)
{
	struct tj_doc *d = ud;
	struct tj_pool *x = tj_push(d, &d->pools);

	if (!x)
		return 1;
	x->fqdn = tj_copy(d, r->fqdn);
	x->site = tj_copy(d, r->site);
	x->role = tj_static(d, topology_role_name(r->role));
	/* Only a front-end pool has an edition, only an edge pool external addressing. */
	if (r->role == ROLE_FRONT_END)
		x->edition = tj_static(d, topology_edition_name(r->edition));
	if (r->role == ROLE_EDGE)
		x->edge_external = tj_static(d, topology_edge_external_name(r->edge_external));
	x->lb = tj_static(d, topology_lb_name(r->lb));
	/* Only a front-end or persistent-chat pool has a Back End. */
	if (r->role == ROLE_FRONT_END || r->role == ROLE_PERSISTENT_CHAT) {
		x->back_end = tj_copy(d, r->back_end);
		x->mirror = tj_copy(d, r->mirror);
		x->witness = tj_copy(d, r->witness);
	}
	x->collocated_mediation = r->collocated_mediation;
	x->cms = r->cms;
	return d->failed;
}

/* Splits list at sep (a comma, or ", ") into v, copied into one
 * reservation (the pieces never need more than list does): sets *first
 * and *n to the pieces' place in v. */
static void tj_split(struct tj_doc *d, struct tj_vec *v, const char *list, const char *sep,
		     size_t *first, size_t *n)
{
	char *c = list && tj_utf8(list) ? tj_reserve(d, strlen(list) + 1) : NULL;
	const char *p = list;
	size_t seplen = strlen(sep);

	if (!c) {
		d->failed = true;
		return;
	}
	*first = v->n;
	while (*p && !d->failed) {
		const char *end = strstr(p, sep);
		size_t k = end ? (size_t)(end - p) : strlen(p);
		const char **slot = tj_push(d, v);

		if (slot) {
			*slot = memcpy(c, p, k);
			c[k] = '\0';
			c += k + 1;
			(*n)++;
		}
		p += k + (end ? seplen : 0);
	}
}

/* The strings n entries of v from first (owned by d); NULL when none, as v
 * may then have no storage. */
static const char **tj_strings(const struct tj_vec *v, size_t first, size_t n)
{
	return n ? (const char **)v->v + first : NULL;
}

/* The pools load balancer x serves (owned by d); NULL when none, as
 * lb_pools may then have no storage. */
static const char **tj_lb_pools(const struct tj_doc *d, const struct tj_lb *x)
{
	return tj_strings(&d->lb_pools, x->first, x->npools);
}

static int tj_server(const struct topo_server *r, void *ud)
{
	struct tj_doc *d = ud;
	struct tj_server *x = tj_push(d, &d->servers);

	if (x) {
		x->fqdn = tj_copy(d, r->fqdn);
		x->pool = tj_copy(d, r->pool);
		x->address = tj_copy(d, r->address);
		tj_split(d, &d->addresses, r->external, ",", &x->first_external, &x->n_external);
		tj_split(d, &d->addresses, r->public, ",", &x->first_public, &x->n_public);
	}
	return d->failed;
}

static int tj_lb(const struct topo_lb_row *r, void *ud)
{
	struct tj_doc *d = ud;
	struct tj_lb *x = tj_push(d, &d->lbs);

	if (x) {
		x->name = tj_copy(d, r->name);
		x->vip = tj_copy(d, r->vip);
		x->side = tj_static(d, topology_lb_side_name(r->side));
		if (r->side == LB_SIDE_EXTERNAL)
			x->service = tj_static(d, topology_edge_service_name(r->service));
		tj_split(d, &d->lb_pools, r->pools, ",", &x->first, &x->npools);
	}
	return d->failed;
}

static int tj_zone(const struct topo_zone_row *r, void *ud)
{
	struct tj_doc *d = ud;
	struct tj_zone *z = &d->zones[r->zone];

	tj_split(d, &d->addresses, r->prefixes, ", ", &z->first, &z->nprefixes);
	return d->failed;
}

static int tj_peer(const struct topo_peer *r, void *ud)
{
	struct tj_doc *d = ud;
	struct tj_peer *x = tj_push(d, &d->peers);

	if (x) {
		x->name = tj_copy(d, r->name);
		x->kind = tj_copy(d, r->kind);
		tj_split(d, &d->addresses, r->addresses, ", ", &x->first, &x->naddresses);
	}
	return d->failed;
}

static int tj_feature(const struct topo_feature *r, void *ud)
{
	struct tj_doc *d = ud;
	const char **x = r->enabled ? tj_push(d, &d->features) : NULL;

	if (x)
		*x = tj_copy(d, r->name);
	return d->failed;
}

static enum lp_status tj_oom(struct store *st, struct lp_error *err)
{
	return lp_fail(err, LP_EDB, "%s: cannot export: out of memory, or text that is not UTF-8",
		       store_path(st));
}

/* Reads the whole topology into d and sorts every array; nothing is
 * written before all of it is read, so a refusal leaves out untouched. */
static enum lp_status tj_read(struct store *st, struct tj_doc *d, struct lp_error *err)
{
	enum lp_status s = topology_site_each(st, tj_site, d, err);
	size_t i;

	/* Pools and servers come unordered: sorted below, by name, as every
	 * section is. */
	if (s == LP_OK && !d->failed)
		s = topology_pool_scan(st, tj_pool, d, err);
	if (s == LP_OK && !d->failed)
		s = topology_server_scan(st, tj_server, d, err);
	if (s == LP_OK && !d->failed)
		s = topology_lb_each(st, tj_lb, d, err);
	if (s == LP_OK && !d->failed)
		s = topology_feature_each(st, tj_feature, d, err);
	if (s == LP_OK && !d->failed)
		s = topology_zone_each(st, tj_zone, d, err);
	if (s == LP_OK && !d->failed)
		s = topology_peer_each(st, tj_peer, d, err);
	if (s == LP_OK && !d->failed) {
		char *name = NULL;

		s = topology_name_get(st, &name, err);
		if (s == LP_OK)
			d->name = tj_copy(d, name);
		free(name);
	}
	if (s != LP_OK)
		return s;
	if (d->failed)
		return tj_oom(st, err);
	tj_sort(d->sites.v, d->sites.n, d->sites.width);
	tj_sort(d->pools.v, d->pools.n, d->pools.width);
	tj_sort(d->servers.v, d->servers.n, d->servers.width);
	tj_sort(d->lbs.v, d->lbs.n, d->lbs.width);
	tj_sort(d->features.v, d->features.n, d->features.width);
	tj_sort(d->peers.v, d->peers.n, d->peers.width);
	for (i = 0; i < d->lbs.n; i++) {
		const struct tj_lb *x = (const struct tj_lb *)d->lbs.v + i;

		tj_sort(tj_lb_pools(d, x), x->npools, sizeof(char *));
	}
	return LP_OK;
}

static void tj_free(struct tj_doc *d)
{
	while (d->text) {
		struct tj_block *next = d->text->next;

		free(d->text);
		d->text = next;
	}
	free(d->sites.v);
	free(d->pools.v);
	free(d->servers.v);
	free(d->lbs.v);
	free(d->features.v);
	free(d->peers.v);
	free(d->addresses.v);
	free(d->lb_pools.v);
}

/* Output gathered into large writes: the document is many short pieces. */
struct tj_w {
	FILE *out;
	size_t used;
	bool failed;
	char buf[16384];
};

static void tj_flush(struct tj_w *w)
{
	if (w->used && fwrite(w->buf, 1, w->used, w->out) != w->used)
		w->failed = true;
	w->used = 0;
}

static void tj_put(struct tj_w *w, const char *s, size_t n)
{
	if (n > sizeof w->buf - w->used) {
		tj_flush(w);
		if (n > sizeof w->buf) {
			if (fwrite(s, 1, n, w->out) != n)
				w->failed = true;
			return;
		}
	}
	memcpy(w->buf + w->used, s, n);
	w->used += n;
}

/* A line break and the indentation of depth. */
static void tj_indent(struct tj_w *w, int depth)
{
	static const char line[] = "\n                ";
	int left = 2 * depth;

	tj_put(w, line, 1);
	for (; left > 0; left -= (int)sizeof line - 2)
		tj_put(w, line + 1, left < (int)sizeof line - 2 ? (size_t)left : sizeof line - 2);
}

/* s as a JSON string, escaped as jansson escapes it (s is UTF-8: tj_read
 * checked it, so every byte below 0x80 is a character of its own). */
static void tj_string(struct tj_w *w, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";

	tj_put(w, "\"", 1);
	for (;;) {
		size_t n = 0;
		unsigned char c;

		while ((c = (unsigned char)s[n]) >= 0x20 && c != '"' && c != '\\')
			n++;
		tj_put(w, s, n);
		if (!c)
			break;
		if (c == '"' || c == '\\') {
			char e[2] = { '\\', (char)c };

			tj_put(w, e, 2);
		} else {
			/* Each control character jansson names, then its letter. */
			const char *named = strchr("\bb\ff\nn\rr\tt", c);
			char e[6] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 15] };

			if (named) {
				e[1] = named[1];
				tj_put(w, e, 2);
			} else {
				tj_put(w, e, 6);
			}
		}
		s += n + 1;
	}
	tj_put(w, "\"", 1);
}

/* The name of a member at depth; the first of an object has no comma before it. */
static void tj_key(struct tj_w *w, int depth, const char *key, bool first)
{
	if (!first)
		tj_put(w, ",", 1);
	tj_indent(w, depth);
	tj_put(w, "\"", 1);
	tj_put(w, key, strlen(key));
	tj_put(w, "\": ", 3);
}

static void tj_text(struct tj_w *w, int depth, const char *key, const char *value, bool first)
{
	tj_key(w, depth, key, first);
	tj_string(w, value);
}

static void tj_bool(struct tj_w *w, int depth, const char *key, bool value)
{
	tj_key(w, depth, key, false);
	tj_put(w, value ? "true" : "false", value ? 4 : 5);
}

/* Member key at depth: an array of the n rows of width bytes at rows,
 * each written by item at depth + 1. */
static void tj_array(struct tj_w *w, int depth, const char *key, const void *rows, size_t n,
		     size_t width, const struct tj_doc *d,
		     void (*item)(struct tj_w *, int, const void *, const struct tj_doc *))
{
	size_t i;

	tj_key(w, depth, key, false);
	if (n == 0) {
		tj_put(w, "[]", 2);
		return;
	}
	tj_put(w, "[", 1);
	for (i = 0; i < n; i++) {
		if (i)
			tj_put(w, ",", 1);
		tj_indent(w, depth + 1);
		item(w, depth + 1, (const char *)rows + i * width, d);
	}
	tj_indent(w, depth);
	tj_put(w, "]", 1);
}

static void tj_w_string(struct tj_w *w, int depth, const void *row, const struct tj_doc *d)
{
	(void)depth;
	(void)d;
	tj_string(w, *(const char *const *)row);
}

static void tj_w_site(struct tj_w *w, int depth, const void *row, const struct tj_doc *d)
{
	const struct tj_site *x = row;

	(void)d;
	tj_put(w, "{", 1);
	tj_text(w, depth + 1, "name", x->name, true);
	tj_text(w, depth + 1, "description", x->description, false);
	tj_indent(w, depth);
	tj_put(w, "}", 1);
}

static void tj_w_pool(struct tj_w *w, int depth, const void *row, const struct tj_doc *d)
{
	const struct tj_pool *x = row;

	(void)d;
	tj_put(w, "{", 1);
	tj_text(w, depth + 1, "fqdn", x->fqdn, true);
	tj_text(w, depth + 1, "site", x->site, false);
	tj_text(w, depth + 1, "role", x->role, false);
	if (x->edition)
		tj_text(w, depth + 1, "edition", x->edition, false);
	if (x->edge_external)
		tj_text(w, depth + 1, "edgeExternal", x->edge_external, false);
	tj_text(w, depth + 1, "lb", x->lb, false);
	tj_bool(w, depth + 1, "collocatedMediation", x->collocated_mediation);
	tj_bool(w, depth + 1, "cms", x->cms);
	if (x->back_end) {
		tj_text(w, depth + 1, "backEnd", x->back_end, false);
		tj_text(w, depth + 1, "mirror", x->mirror, false);
		tj_text(w, depth + 1, "witness", x->witness, false);
	}
	tj_indent(w, depth);
	tj_put(w, "}", 1);
}

static void tj_w_server(struct tj_w *w, int depth, const void *row, const struct tj_doc *d)
{
	const struct tj_server *x = row;

	tj_put(w, "{", 1);
	tj_text(w, depth + 1, "fqdn", x->fqdn, true);
	tj_text(w, depth + 1, "pool", x->pool, false);
	tj_text(w, depth + 1, "address", x->address, false);
	tj_array(w, depth + 1, "externalAddresses",
		 tj_strings(&d->addresses, x->first_external, x->n_external), x->n_external,
		 sizeof(char *), d, tj_w_string);
	tj_array(w, depth + 1, "publicAddresses",
		 tj_strings(&d->addresses, x->first_public, x->n_public), x->n_public,
		 sizeof(char *), d, tj_w_string);
	tj_indent(w, depth);
	tj_put(w, "}", 1);
}

static void tj_w_lb(struct tj_w *w, int depth, const void *row, const struct tj_doc *d)
{
	const struct tj_lb *x = row;

	tj_put(w, "{", 1);
	tj_text(w, depth + 1, "name", x->name, true);
	tj_text(w, depth + 1, "vip", x->vip, false);
	tj_text(w, depth + 1, "side", x->side, false);
	if (x->service)
		tj_text(w, depth + 1, "service", x->service, false);
	tj_array(w, depth + 1, "pools", tj_lb_pools(d, x), x->npools, sizeof(char *), d,
		 tj_w_string);
	tj_indent(w, depth);
	tj_put(w, "}", 1);
}

static void tj_w_peer(struct tj_w *w, int depth, const void *row, const struct tj_doc *d)
{
	const struct tj_peer *x = row;

	tj_put(w, "{", 1);
	tj_text(w, depth + 1, "name", x->name, true);
	tj_text(w, depth + 1, "kind", x->kind, false);
	tj_array(w, depth + 1, "addresses", tj_strings(&d->addresses, x->first, x->naddresses),
		 x->naddresses, sizeof(char *), d, tj_w_string);
	tj_indent(w, depth);
	tj_put(w, "}", 1);
}

/* The document, in the order and layout the import and the golden files know. */
static void tj_write(struct tj_w *w, const struct tj_doc *d)
{
	char version[24];

	tj_put(w, "{", 1);
	tj_text(w, 1, "format", TOPOLOGY_JSON_FORMAT, true);
	tj_key(w, 1, "version", false);
	tj_put(w, version, (size_t)snprintf(version, sizeof version, "%d", TOPOLOGY_JSON_VERSION));
	tj_text(w, 1, "name", d->name, false);
	tj_array(w, 1, "sites", d->sites.v, d->sites.n, d->sites.width, d, tj_w_site);
	tj_array(w, 1, "pools", d->pools.v, d->pools.n, d->pools.width, d, tj_w_pool);
	tj_array(w, 1, "servers", d->servers.v, d->servers.n, d->servers.width, d, tj_w_server);
	tj_array(w, 1, "loadBalancers", d->lbs.v, d->lbs.n, d->lbs.width, d, tj_w_lb);
	tj_array(w, 1, "features", d->features.v, d->features.n, d->features.width, d, tj_w_string);
	tj_array(w, 1, "internalPrefixes",
		 tj_strings(&d->addresses, d->zones[ZONE_INTERNAL].first,
			    d->zones[ZONE_INTERNAL].nprefixes),
		 d->zones[ZONE_INTERNAL].nprefixes, sizeof(char *), d, tj_w_string);
	tj_array(w, 1, "perimeterPrefixes",
		 tj_strings(&d->addresses, d->zones[ZONE_PERIMETER].first,
			    d->zones[ZONE_PERIMETER].nprefixes),
		 d->zones[ZONE_PERIMETER].nprefixes, sizeof(char *), d, tj_w_string);
	tj_array(w, 1, "peers", d->peers.v, d->peers.n, d->peers.width, d, tj_w_peer);
	tj_indent(w, 0);
	tj_put(w, "}\n", 2);
	tj_flush(w);
}

enum lp_status topology_json_export(struct store *st, FILE *out, struct lp_error *err)
{
	struct tj_doc d = {
		.sites = { .width = sizeof(struct tj_site) },
		.pools = { .width = sizeof(struct tj_pool) },
		.servers = { .width = sizeof(struct tj_server) },
		.lbs = { .width = sizeof(struct tj_lb) },
		.features = { .width = sizeof(char *) },
		.lb_pools = { .width = sizeof(char *) },
		.peers = { .width = sizeof(struct tj_peer) },
		.addresses = { .width = sizeof(char *) },
	};
	struct tj_w *w = NULL;
	enum lp_status s = tj_read(st, &d, err);

	if (s == LP_OK && (w = malloc(sizeof *w)) != NULL) {
		*w = (struct tj_w){ .out = out };
		tj_write(w, &d);
		if (w->failed)
			s = lp_fail(err, LP_EIO, "cannot write the topology document");
	} else if (s == LP_OK) {
		s = tj_oom(st, err);
	}
	free(w);
	tj_free(&d);
	return s;
}
