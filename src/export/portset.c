/* portset.c - port ranges and per-pool or per-server groups of the ports
 * table (per pair of ends of the flows table), for the formats that write
 * firewall rules and port tests. */
#include "config.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmtutil.h"
#include "portset.h"

/* Columns a group needs, in the order of portset_groups.col. */
enum { C_SITE, C_POOL, C_SERVER, C_ADDRESS, C_ROLE, C_SERVICE, C_PORTS, C_TRANSPORT, C_PROTOCOL,
       C_INTERFACE };
static const char *const group_cols[] = {
	"site", "pool", "server", "address", "role", "service", "ports", "transport", "protocol",
	"interface"
};
/* The same for the flows table: the ends take the place of the pool and
 * the server, why the place of the service. */
enum { F_FROM, F_FROM_ADDRESSES, F_TO, F_TO_ADDRESSES, F_DIRECTION, F_WHY,
       F_FROM_ZONE = 9, F_TO_ZONE };
static const char *const flow_cols[] = {
	"from", "from_addresses", "to", "to_addresses", "direction", "why", "ports", "transport",
	"protocol", "from_zone", "to_zone"
};

static bool parse_port(const char **s, int *out)
{
	long v = 0;
	int digits = 0;

	while (**s >= '0' && **s <= '9' && digits < 6) {
		v = v * 10 + (**s - '0');
		(*s)++;
		digits++;
	}
	*out = (int)v;
	return digits > 0 && digits < 6 && v >= 1 && v <= 65535;
}

bool portset_parse(const char *s, int *lo, int *hi)
{
	if (!parse_port(&s, lo))
		return false;
	*hi = *lo;
	if (*s == '-') {
		s++;
		if (!parse_port(&s, hi))
			return false;
	}
	return *s == '\0' && *lo <= *hi;
}

bool portset_transport(const char *s, bool *tcp, bool *udp)
{
	*tcp = strcmp(s, "TCP") == 0 || strcmp(s, "TCP/UDP") == 0;
	*udp = strcmp(s, "UDP") == 0 || strcmp(s, "TCP/UDP") == 0;
	return *tcp || *udp;
}

bool portset_add(struct portset *p, int lo, int hi)
{
	if (p->n == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 16;
		struct portset_range *grown = realloc(p->r, cap * sizeof *grown);

		if (!grown)
			return false;
		p->r = grown;
		p->cap = cap;
	}
	p->r[p->n].lo = lo;
	p->r[p->n].hi = hi;
	p->n++;
	return true;
}

static int range_cmp(const void *a, const void *b)
{
	const struct portset_range *x = a, *y = b;

	if (x->lo != y->lo)
		return x->lo < y->lo ? -1 : 1;
	return (x->hi > y->hi) - (x->hi < y->hi);
}

void portset_merge(struct portset *p)
{
	size_t i, n = 0;

	if (p->n == 0)
		return;
	qsort(p->r, p->n, sizeof *p->r, range_cmp);
	for (i = 1; i < p->n; i++) {
		if (p->r[i].lo <= p->r[n].hi + 1) {
			if (p->r[i].hi > p->r[n].hi)
				p->r[n].hi = p->r[i].hi;
		} else {
			p->r[++n] = p->r[i];
		}
	}
	p->n = n + 1;
}

char *portset_format(const struct portset *p, const char *sep)
{
	size_t i, len = 1 + p->n * (12 + strlen(sep));
	char *out = malloc(len), *o = out;

	if (!out)
		return NULL;
	*o = '\0';
	for (i = 0; i < p->n; i++) {
		const char *s = i ? sep : "";

		if (p->r[i].lo == p->r[i].hi)
			o += sprintf(o, "%s%d", s, p->r[i].lo);
		else
			o += sprintf(o, "%s%d-%d", s, p->r[i].lo, p->r[i].hi);
	}
	return out;
}

void portset_free(struct portset *p)
{
	free(p->r);
	p->r = NULL;
	p->n = p->cap = 0;
}

enum lp_status portset_groups_init(struct portset_groups *gs, struct writer *w,
				   bool by_server, struct lp_error *err)
{
	size_t i;

	const char *const *cols = group_cols;
	size_t n = sizeof group_cols / sizeof group_cols[0];

	memset(gs, 0, sizeof *gs);
	gs->by_server = by_server;
	if (strcmp(writer_table(w)->name, "flows") == 0) {
		gs->flows = true;
		cols = flow_cols;
		n = sizeof flow_cols / sizeof flow_cols[0];
	}
	for (i = 0; i < n; i++) {
		gs->col[i] = writer_column(w, cols[i]);
		if (gs->col[i] < 0)
			return lp_fail(err, LP_EUSAGE, "the %s table has no '%s' column",
				       writer_table(w)->name, cols[i]);
	}
	return LP_OK;
}

/* A hash of s, going on from h (start with 0). */
static size_t hash_text(size_t h, const char *s)
{
	h ^= (size_t)2166136261u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/* Puts position pos, of hash h, in the first free slot from h on. */
static void index_place(struct portset_index *x, size_t pos, size_t h)
{
	size_t i = h & (x->cap - 1);

	while (x->slot[i])
		i = (i + 1) & (x->cap - 1);
	x->slot[i] = pos + 1;
}

/* Indexes the item at position pos (items come at positions 0, 1, 2 ...),
 * of hash h; false when out of memory. */
static bool index_add(struct portset_index *x, size_t pos, size_t h)
{
	if (2 * (pos + 1) > x->cap) {
		size_t cap = x->cap ? x->cap * 2 : 16, i;
		size_t *slot = calloc(cap, sizeof *slot);
		size_t *hash = slot ? realloc(x->hash, cap / 2 * sizeof *hash) : NULL;

		if (!hash) {
			free(slot);
			return false;
		}
		free(x->slot);
		x->slot = slot;
		x->hash = hash;
		x->cap = cap;
		for (i = 0; i < pos; i++)
			index_place(x, i, hash[i]);
	}
	x->hash[pos] = h;
	index_place(x, pos, h);
	return true;
}

/* The positions of the items of hash h, in turn: position + 1, 0 after the
 * last. *probe counts the slots read; start it at 0. */
static size_t index_next(const struct portset_index *x, size_t h, size_t *probe)
{
	size_t pos;

	if (!x->cap)
		return 0;
	while ((pos = x->slot[(h + *probe) & (x->cap - 1)]) != 0) {
		(*probe)++;
		if (x->hash[pos - 1] == h)
			return pos;
	}
	return 0;
}

static void index_free(struct portset_index *x)
{
	free(x->slot);
	free(x->hash);
	memset(x, 0, sizeof *x);
}

/* Lists up to this long are read through rather than indexed: what a
 * group's rows carry stays about that short, and an index for each of
 * them would cost more memory than the reading costs time. */
#define LIST_READ_MAX 32

/* The position of s in l plus one, 0 when l does not hold it. */
static size_t list_find(const struct portset_list *l, const char *s)
{
	size_t h, probe = 0, pos;

	if (!l->index.cap) {
		for (pos = 0; pos < l->n; pos++)
			if (strcmp(l->v[pos], s) == 0)
				return pos + 1;
		return 0;
	}
	h = hash_text(0, s);
	while ((pos = index_next(&l->index, h, &probe)) != 0)
		if (strcmp(l->v[pos - 1], s) == 0)
			return pos;
	return 0;
}

bool portset_list_has(const struct portset_list *l, const char *s)
{
	return list_find(l, s) != 0;
}

bool portset_list_add(struct portset_list *l, const char *s)
{
	size_t i = l->index.cap ? l->n : 0;

	if (portset_list_has(l, s))
		return true;
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 8;
		char **grown = realloc(l->v, cap * sizeof *grown);

		if (!grown)
			return false;
		l->v = grown;
		l->cap = cap;
	}
	if (!(l->v[l->n] = strdup(s)))
		return false;
	l->n++;
	/* The index, once the list is long enough: of the new string, or
	 * of them all when it starts. */
	for (; l->n > LIST_READ_MAX && i < l->n; i++)
		if (!index_add(&l->index, i, hash_text(0, l->v[i])))
			return false;
	return true;
}

void portset_list_free(struct portset_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	index_free(&l->index);
	memset(l, 0, sizeof *l);
}

int portset_family(const char *address)
{
	unsigned char buf[sizeof(struct in6_addr)];

	if (inet_pton(AF_INET, address, buf) == 1)
		return 4;
	if (inet_pton(AF_INET6, address, buf) == 1)
		return 6;
	return 0;
}

/* The family of an address or prefix "ADDRESS/LENGTH" (0: neither), its
 * address into addr (16 bytes) and its length into *len. */
static int prefix_parse(const char *s, unsigned char *addr, int *len)
{
	char host[64];
	const char *slash = strchr(s, '/');
	size_t n = slash ? (size_t)(slash - s) : strlen(s);
	int family, full;
	char *end;
	long l;

	if (n == 0 || n >= sizeof host)
		return 0;
	memcpy(host, s, n);
	host[n] = '\0';
	memset(addr, 0, 16);
	if (!(family = portset_family(host)))
		return 0;
	inet_pton(family == 4 ? AF_INET : AF_INET6, host, addr);
	full = family == 4 ? 32 : 128;
	*len = full;
	if (!slash)
		return family;
	if (slash[1] < '0' || slash[1] > '9')
		return 0;
	l = strtol(slash + 1, &end, 10);
	if (*end || l > full)
		return 0;
	*len = (int)l;
	return family;
}

int portset_prefix_family(const char *s)
{
	unsigned char addr[16];
	int len;

	return prefix_parse(s, addr, &len);
}

bool portset_addresses(const char *list, int family, struct portset_list *out)
{
	char item[64];

	while (*list) {
		size_t n;

		list += strspn(list, ", ");
		n = strcspn(list, ", ");
		if (n && n < sizeof item) {
			memcpy(item, list, n);
			item[n] = '\0';
			if (portset_prefix_family(item) == family && !portset_list_add(out, item))
				return false;
		}
		list += n;
	}
	return true;
}

/* An address range [lo, hi], big-endian in the first 4 or 16 bytes (the
 * rest zero). */
struct span {
	unsigned char lo[16], hi[16];
};

static int span_cmp(const void *a, const void *b)
{
	return memcmp(((const struct span *)a)->lo, ((const struct span *)b)->lo, 16);
}

/* v + 1 (carry) in n bytes; false when v was all ones. */
static bool bytes_inc(unsigned char *v, size_t n)
{
	while (n--)
		if (++v[n] != 0)
			return true;
	return false;
}

/* v - 1 in n bytes; v is not zero. */
static void bytes_dec(unsigned char *v, size_t n)
{
	while (n-- && v[n]-- == 0)
		;
}

/* Appends "lo" or "lo-hi" to o, ", " before all but the first. */
static bool span_append(struct portset_list *o, int family, const unsigned char *lo,
			const unsigned char *hi, size_t n)
{
	char a[INET6_ADDRSTRLEN], b[INET6_ADDRSTRLEN], item[2 * INET6_ADDRSTRLEN + 2];
	int af = family == 4 ? AF_INET : AF_INET6;

	inet_ntop(af, lo, a, sizeof a);
	inet_ntop(af, hi, b, sizeof b);
	if (memcmp(lo, hi, n) == 0)
		snprintf(item, sizeof item, "%s", a);
	else
		snprintf(item, sizeof item, "%s-%s", a, b);
	return portset_list_add(o, item);
}

bool portset_outside(const char *list, int family, struct portset_list *out)
{
	struct portset_list in = { 0 };
	size_t n = family == 4 ? 4 : 16, i, k = 0;
	unsigned char next[16] = { 0 };
	struct span *sp = NULL;
	bool ok = portset_addresses(list, family, &in), more = true;

	if (ok && in.n && !(sp = calloc(in.n, sizeof *sp)))
		ok = false;
	for (i = 0; ok && i < in.n; i++) {
		int len = 0, b;

		prefix_parse(in.v[i], sp[i].lo, &len);
		memcpy(sp[i].hi, sp[i].lo, sizeof sp[i].hi);
		for (b = len; b < (int)n * 8; b++)
			sp[i].hi[b / 8] |= (unsigned char)(0x80 >> (b % 8));
	}
	if (ok && in.n)
		qsort(sp, in.n, sizeof *sp, span_cmp);
	/* Walk the ranges in order: each gap before one is outside them. */
	for (i = 0; ok && more && i < in.n; i++) {
		if (memcmp(sp[i].hi, next, n) < 0)
			continue;
		if (memcmp(sp[i].lo, next, n) > 0) {
			unsigned char end[16];

			memcpy(end, sp[i].lo, n);
			bytes_dec(end, n);
			ok = span_append(out, family, next, end, n);
		}
		memcpy(next, sp[i].hi, n);
		more = bytes_inc(next, n);
		k++;
	}
	if (ok && more && k) {
		unsigned char top[16];

		memset(top, 0xff, n);
		ok = span_append(out, family, next, top, n);
	}
	free(sp);
	portset_list_free(&in);
	return ok;
}

bool portset_zones_init(struct portset_zones *z, const struct portset_groups *gs,
			const struct export_options *opt)
{
	char *both = NULL;
	bool ok;
	size_t i;

	memset(z, 0, sizeof *z);
	for (i = 0; i < gs->n; i++) {
		const struct portset_group *g = &gs->g[i];

		z->internal_used = z->internal_used || strcmp(g->from_zone, "internal") == 0 ||
				   strcmp(g->to_zone, "internal") == 0;
		z->internet_used = z->internet_used || strcmp(g->from_zone, "internet") == 0 ||
				   strcmp(g->to_zone, "internet") == 0;
	}
	z->internal_set = opt->zone_internal[0] != '\0';
	z->internet_set = z->internal_set && opt->zone_perimeter[0] != '\0';
	ok = portset_addresses(opt->zone_internal, 4, &z->internal) &&
	     portset_addresses(opt->zone_internal, 6, &z->internal) &&
	     asprintf(&both, "%s, %s", opt->zone_internal, opt->zone_perimeter) >= 0;
	if (!ok)
		both = NULL;
	ok = ok && (!z->internet_set || (portset_outside(both, 4, &z->internet) &&
					 portset_outside(both, 6, &z->internet)));
	free(both);
	return ok;
}

void portset_zones_free(struct portset_zones *z)
{
	portset_list_free(&z->internal);
	portset_list_free(&z->internet);
}

char *portset_list_join(const struct portset_list *l, const char *sep)
{
	size_t i, len = 1, at = 0, seplen = strlen(sep);
	char *out;

	for (i = 0; i < l->n; i++)
		len += strlen(l->v[i]) + seplen;
	if (!(out = malloc(len)))
		return NULL;
	for (i = 0; i < l->n; i++) {
		size_t n = strlen(l->v[i]);

		if (i) {
			memcpy(out + at, sep, seplen);
			at += seplen;
		}
		memcpy(out + at, l->v[i], n);
		at += n;
	}
	out[at] = '\0';
	return out;
}

/* True when g is the group of key and of second (the flows table: to;
 * the ports table: the interface). */
static bool group_is(const struct portset_group *g, bool flows, const char *key,
		     const char *second)
{
	return strcmp(g->key, key) == 0 && strcmp(flows ? g->to : g->interface, second) == 0;
}

/* A flows group's ends, copied from the row; false when out of memory. */
static bool group_ends(struct portset_group *g, const struct portset_groups *gs,
		       const char *const *cells)
{
	g->to = strdup(fmt_cell(cells, gs->col[F_TO]));
	g->from_addresses = strdup(fmt_cell(cells, gs->col[F_FROM_ADDRESSES]));
	g->to_addresses = strdup(fmt_cell(cells, gs->col[F_TO_ADDRESSES]));
	g->direction = strdup(fmt_cell(cells, gs->col[F_DIRECTION]));
	g->from_zone = strdup(fmt_cell(cells, gs->col[F_FROM_ZONE]));
	g->to_zone = strdup(fmt_cell(cells, gs->col[F_TO_ZONE]));
	return g->to && g->from_addresses && g->to_addresses && g->direction && g->from_zone &&
	       g->to_zone;
}

static struct portset_group *group_for(struct portset_groups *gs, const char *const *cells)
{
	const char *key = fmt_cell(cells, gs->col[gs->flows ? F_FROM :
						  gs->by_server ? C_SERVER : C_POOL]);
	const char *second = fmt_cell(cells, gs->col[gs->flows ? F_TO : C_INTERFACE]);
	size_t h = hash_text(hash_text(0, key), second), probe = 0, pos;
	struct portset_group *g;

	while ((pos = index_next(&gs->index, h, &probe)) != 0)
		if (group_is(&gs->g[pos - 1], gs->flows, key, second))
			return &gs->g[pos - 1];
	if (gs->n == gs->cap) {
		size_t cap = gs->cap ? gs->cap * 2 : 16;
		struct portset_group *grown = realloc(gs->g, cap * sizeof *grown);

		if (!grown)
			return NULL;
		gs->g = grown;
		gs->cap = cap;
	}
	g = &gs->g[gs->n];
	memset(g, 0, sizeof *g);
	gs->n++;
	if (!(g->key = strdup(key)))
		return NULL;
	if (gs->flows) {
		if (!group_ends(g, gs, cells))
			return NULL;
	} else {
		g->site = strdup(fmt_cell(cells, gs->col[C_SITE]));
		g->pool = strdup(fmt_cell(cells, gs->col[C_POOL]));
		g->role = strdup(fmt_cell(cells, gs->col[C_ROLE]));
		g->interface = strdup(second);
		if (!g->site || !g->pool || !g->role || !g->interface)
			return NULL;
	}
	return index_add(&gs->index, gs->n - 1, h) ? g : NULL;
}

static bool group_server(struct portset_group *g, const char *server, const char *address)
{
	size_t n = g->servers.n;
	char **grown;

	if (portset_list_has(&g->servers, server))
		return true;
	/* Room for the address first, so that addresses[] always covers servers. */
	if (!(grown = realloc(g->addresses, (n + 1) * sizeof *grown)))
		return false;
	g->addresses = grown;
	grown[n] = NULL;
	if (!portset_list_add(&g->servers, server))
		return false;
	return (g->addresses[n] = strdup(address)) != NULL;
}

/* "5061 service, protocol" for the ports table; "5061 protocol: why" for
 * the flows table (service holds why). */
static bool group_what(struct portset_list *l, const char *ports, const char *protocol,
		       const char *service, bool flows)
{
	char *what;
	int n;
	bool ok;

	if (flows)
		n = asprintf(&what, "%s %s: %s", ports, protocol, service);
	else if (service[0])
		n = asprintf(&what, "%s %s, %s", ports, service, protocol);
	else
		n = asprintf(&what, "%s %s", ports, protocol);
	if (n < 0)
		return false;
	ok = portset_list_add(l, what);
	free(what);
	return ok;
}

/* Adds a row's range and what it carries to one transport of a group. */
static bool group_take(struct portset *set, struct portset_list *what, int lo, int hi,
		       const char *ports, const char *protocol, const char *service, bool flows)
{
	return portset_add(set, lo, hi) && group_what(what, ports, protocol, service, flows);
}

enum lp_status portset_groups_add(struct portset_groups *gs, const char *const *cells,
				  struct lp_error *err)
{
	const char *ports = fmt_cell(cells, gs->col[C_PORTS]);
	const char *transport = fmt_cell(cells, gs->col[C_TRANSPORT]);
	const char *protocol = fmt_cell(cells, gs->col[C_PROTOCOL]);
	const char *service = fmt_cell(cells, gs->col[gs->flows ? F_WHY : C_SERVICE]);
	struct portset_group *g;
	bool tcp, udp;
	int lo, hi;

	gs->rows++;
	if (!portset_parse(ports, &lo, &hi))
		return fmt_bad_cell(err, gs->rows, ports, "is not a port or a port range");
	if (!portset_transport(transport, &tcp, &udp))
		return fmt_bad_cell(err, gs->rows, transport, "is not a transport (TCP, UDP, TCP/UDP)");
	if (!(g = group_for(gs, cells)) ||
	    (!gs->flows && !group_server(g, fmt_cell(cells, gs->col[C_SERVER]),
					 fmt_cell(cells, gs->col[C_ADDRESS]))) ||
	    (tcp && !group_take(&g->tcp, &g->tcp_what, lo, hi, ports, protocol, service,
				gs->flows)) ||
	    (udp && !group_take(&g->udp, &g->udp_what, lo, hi, ports, protocol, service,
				gs->flows)))
		return lp_fail(err, LP_EIO, "out of memory");
	return LP_OK;
}

bool portset_key_first(const struct portset_groups *gs, size_t i)
{
	return i == 0 || strcmp(gs->g[i - 1].key, gs->g[i].key) != 0;
}

bool portset_key_last(const struct portset_groups *gs, size_t i)
{
	return i + 1 == gs->n || strcmp(gs->g[i + 1].key, gs->g[i].key) != 0;
}

char *portset_group_addresses(const struct portset_group *g, const char *sep)
{
	struct portset_list l = { 0 };
	char *joined = NULL;
	bool ok = true;
	size_t i;

	for (i = 0; ok && i < g->servers.n; i++)
		ok = portset_addresses(g->addresses[i], 4, &l) &&
		     portset_addresses(g->addresses[i], 6, &l);
	if (ok)
		joined = portset_list_join(&l, sep);
	portset_list_free(&l);
	return joined;
}

/* Puts the groups of each pool or server (key) together, the keys in
 * order of first appearance and each key's groups (interfaces) in theirs:
 * the rows of a pool may come back after another pool's. The index of
 * the groups' positions goes: no row comes after. False when out of
 * memory. */
static bool groups_by_key(struct portset_groups *gs)
{
	struct portset_list keys = { 0 };
	size_t *rank = calloc(gs->n + 1, sizeof *rank);
	size_t *start = calloc(gs->n + 1, sizeof *start);
	struct portset_group *sorted = calloc(gs->n + 1, sizeof *sorted);
	bool ok = rank && start && sorted;
	size_t i, pos;

	for (i = 0; ok && i < gs->n; i++) {
		if (!(pos = list_find(&keys, gs->g[i].key))) {
			if (!(ok = portset_list_add(&keys, gs->g[i].key)))
				break;
			pos = keys.n;
		}
		rank[i] = pos - 1;
		start[pos]++;
	}
	/* A counting sort, stable: start[k] becomes the first place of key k. */
	for (i = 1; ok && i <= keys.n; i++)
		start[i] += start[i - 1];
	for (i = 0; ok && i < gs->n; i++)
		sorted[start[rank[i]]++] = gs->g[i];
	if (ok && gs->n) {
		memcpy(gs->g, sorted, gs->n * sizeof *sorted);
		index_free(&gs->index);
	}
	portset_list_free(&keys);
	free(rank);
	free(start);
	free(sorted);
	return ok;
}

bool portset_groups_end(struct portset_groups *gs)
{
	size_t i;

	for (i = 0; i < gs->n; i++) {
		portset_merge(&gs->g[i].tcp);
		portset_merge(&gs->g[i].udp);
	}
	return gs->flows || groups_by_key(gs);
}

void portset_groups_free(struct portset_groups *gs)
{
	size_t i, j;

	for (i = 0; i < gs->n; i++) {
		struct portset_group *g = &gs->g[i];

		for (j = 0; j < g->servers.n && g->addresses; j++)
			free(g->addresses[j]);
		free(g->addresses);
		portset_list_free(&g->servers);
		portset_list_free(&g->tcp_what);
		portset_list_free(&g->udp_what);
		portset_free(&g->tcp);
		portset_free(&g->udp);
		free(g->key);
		free(g->site);
		free(g->pool);
		free(g->role);
		free(g->interface);
		free(g->to);
		free(g->from_addresses);
		free(g->to_addresses);
		free(g->direction);
		free(g->from_zone);
		free(g->to_zone);
	}
	free(gs->g);
	index_free(&gs->index);
	memset(gs, 0, sizeof *gs);
}

static enum lp_status portset_begin(struct writer *w, bool by_server, struct lp_error *err)
{
	struct portset_groups *gs = calloc(1, sizeof *gs);

	if (!gs)
		return lp_fail(err, LP_EIO, "out of memory");
	writer_set_state(w, gs);
	return portset_groups_init(gs, w, by_server, err);
}

enum lp_status portset_begin_by_pool(struct writer *w, const struct export_table *t,
				     struct lp_error *err)
{
	(void)t;
	return portset_begin(w, false, err);
}

enum lp_status portset_begin_by_server(struct writer *w, const struct export_table *t,
				       struct lp_error *err)
{
	(void)t;
	return portset_begin(w, true, err);
}

enum lp_status portset_row(struct writer *w, const char *const *cells, struct lp_error *err)
{
	return portset_groups_add(writer_state(w), cells, err);
}

void portset_release(void *state)
{
	portset_groups_free(state);
	free(state);
}

int portset_unaddressed_lines(FILE *out, const struct portset_group *g, const char *prefix,
			      const char *keep, char repl, const char *eol)
{
	const char *ends[] = { g->key, g->to };
	const char *addresses[] = { g->from_addresses, g->to_addresses };
	const char *zones[] = { g->from_zone, g->to_zone };
	int i, n = 0;

	for (i = 0; i < 2; i++) {
		char *name;

		if (zones[i][0] || addresses[i][0])
			continue;
		if (!(name = fmt_ascii_only(ends[i], keep, repl)))
			return -1;
		fprintf(out, "%sno rule: no address for %s in the topology"
			" (lyncplan check: missing-address)%s", prefix, name, eol);
		free(name);
		n++;
	}
	return n;
}
