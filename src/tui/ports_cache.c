/* ports_cache.c - blocks of the port matrix read on demand through
 * plan_port_matrix's keyset paging, a handful kept, the rest forgotten;
 * a text filter is applied while reading, sorting within each server. */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tables.h"
#include "tui/ports_cache.h"

/* A pass over the matrix from one checkpoint. */
struct scan {
	struct ports_cache *c;
	long index;               /* index of the next matching row */
	int in_block;             /* matching rows since the last checkpoint */
	char last_server[256];
	struct plan_port_key last;
	long stop_after;          /* stop at the first checkpoint past this row */
	struct ports_block *keep; /* keep the rows of one block here, then stop */
	int seen;                 /* rows the query delivered */
	bool stopped, nomem;
	const char *needle;       /* searching: rows containing it ... */
	long from, to;            /* ... with from <= index < to */
	bool first_only;          /* stop at the first such row */
	long found;               /* the last such row seen, or -1 */
};

const char *ports_sort_name(enum ports_sort s)
{
	static const char *const names[PORTS_SORTS] = { "port", "transport", "protocol", "service" };

	return names[s];
}

/* The core's test, so that an export of the view holds the rows shown. */
static bool ports_match(const char *text, const struct plan_port_row *r)
{
	return tables_port_row_has(r, text);
}

/* Remembers that a block starts at `start`, after key `after`. */
static bool ports_checkpoint(struct ports_cache *c, long start, const struct plan_port_key *after)
{
	struct ports_checkpoint *cp;

	if (c->ncps && c->cps[c->ncps - 1].start >= start)
		return true;
	if (c->ncps == c->capcps) {
		size_t cap = c->capcps ? c->capcps * 2 : 64;

		if (!(cp = realloc(c->cps, cap * sizeof *cp)))
			return false;
		c->cps = cp;
		c->capcps = cap;
	}
	cp = &c->cps[c->ncps++];
	cp->start = start;
	cp->has_key = after != NULL;
	if (after)
		cp->after = *after;
	return true;
}

static bool ports_keep(struct ports_block *b, const struct plan_port_row *r)
{
	struct strpool *sp = &b->strings;
	struct port_row *o;

	if ((b->n & (b->n - 1)) == 0 && b->n >= 64) {
		struct port_row *rows = realloc(b->rows, (size_t)b->n * 2 * sizeof *rows);

		if (!rows)
			return false;
		b->rows = rows;
	}
	o = &b->rows[b->n];
	o->site = strpool_safe(sp, r->site);
	o->pool = strpool_safe(sp, r->pool);
	o->server = strpool_safe(sp, r->server);
	o->server_key = strpool_dup(sp, r->server);
	o->address = strpool_safe(sp, r->address);
	o->interface = strpool_safe(sp, r->interface);
	o->role = strpool_safe(sp, r->role);
	o->service = strpool_safe(sp, r->service);
	o->ports = strpool_safe(sp, r->ports);
	o->transport = strpool_safe(sp, r->transport);
	o->protocol = strpool_safe(sp, r->protocol);
	o->notes = strpool_safe(sp, r->notes);
	o->source = strpool_safe(sp, r->source);
	o->port_lo = r->port_lo;
	o->port_hi = r->port_hi;
	o->seq = b->n++;
	return !sp->failed;
}

static int ports_scan_row(const struct plan_port_row *r, void *ud)
{
	struct scan *s = ud;

	s->seen++;
	if (!ports_match(s->c->text, r))
		return 0;
	if (s->in_block >= PORTS_BLOCK && strcmp(r->server, s->last_server) != 0) {
		if (!ports_checkpoint(s->c, s->index, &s->last))
			return s->nomem = s->stopped = true;
		s->in_block = 0;
		if (s->keep || s->index > s->stop_after)
			return s->stopped = true;
	}
	if (s->keep && !ports_keep(s->keep, r))
		return s->nomem = s->stopped = true;
	if (s->needle && s->index >= s->from && s->index < s->to &&
	    ports_match(s->needle, r)) {
		s->found = s->index;
		if (s->first_only)
			return s->stopped = true;
	}
	if (s->needle && s->index + 1 >= s->to)
		return s->stopped = true;
	s->in_block++;
	s->index++;
	plan_port_key_of(r, &s->last);
	snprintf(s->last_server, sizeof s->last_server, "%s", r->server);
	return 0;
}

/* Runs scan s from checkpoint k: one block into s->keep, or (keep NULL)
 * the checkpoints up to the first past s->stop_after, or a search. */
static enum lp_status ports_run(struct ports_cache *c, size_t k, struct scan *s,
				struct lp_error *err)
{
	int limit = s->keep && !c->text[0] ? PORTS_BLOCK * 4 : 0;
	enum lp_status st;

	s->c = c;
	s->index = c->cps[k].start;
	st = plan_port_matrix(c->st, &c->filter, c->cps[k].has_key ? &c->cps[k].after : NULL,
			      limit, ports_scan_row, s, err);
	if (st != LP_OK)
		return st;
	if (s->nomem)
		return lp_fail(err, LP_EDB, "out of memory reading the port matrix");
	if (s->stopped)
		return LP_OK;
	if (limit && s->seen >= limit) {
		/* A server with more rows than the limit: the block ends mid-way. */
		if (!ports_checkpoint(c, s->index, &s->last))
			return lp_fail(err, LP_EDB, "out of memory reading the port matrix");
	} else {
		c->count = s->index;
		c->complete = true;
	}
	return LP_OK;
}

static enum lp_status ports_scan(struct ports_cache *c, size_t k, struct ports_block *keep,
				 long stop_after, struct lp_error *err)
{
	struct scan s = { .stop_after = stop_after, .keep = keep };

	return ports_run(c, k, &s, err);
}

/* The checkpoint of the block holding row i: the last one at or before i. */
static size_t ports_cp_at(const struct ports_cache *c, long i)
{
	size_t lo = 0, hi = c->ncps;

	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (c->cps[mid].start <= i)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

static int ports_cmp(enum ports_sort sort, const struct port_row *a, const struct port_row *b)
{
	int c = 0;

	switch (sort) {
	case PORTS_BY_TRANSPORT: c = strcmp(a->transport, b->transport); break;
	case PORTS_BY_PROTOCOL: c = strcasecmp(a->protocol, b->protocol); break;
	case PORTS_BY_SERVICE:
		/* Rows without a service name go after the named ones. */
		c = (!a->service[0] - !b->service[0]);
		if (!c)
			c = strcasecmp(a->service, b->service);
		break;
	default: break;
	}
	return c ? c : a->seq - b->seq;
}

/* Sorts each server's run of rows (insertion sort: a run is a few dozen). */
static void ports_sort_block(struct ports_block *b, enum ports_sort sort)
{
	int start = 0, end, i, j;

	while (start < b->n) {
		for (end = start + 1; end < b->n; end++)
			if (strcmp(b->rows[end].server_key, b->rows[start].server_key) != 0)
				break;
		for (i = start + 1; i < end; i++) {
			struct port_row r = b->rows[i];

			for (j = i; j > start && ports_cmp(sort, &b->rows[j - 1], &r) > 0; j--)
				b->rows[j] = b->rows[j - 1];
			b->rows[j] = r;
		}
		start = end;
	}
}

static void ports_drop(struct ports_block *b)
{
	strpool_clear(&b->strings);
	free(b->rows);
	memset(b, 0, sizeof *b);
}

/* The block of checkpoint k, from the cache or read now. */
static struct ports_block *ports_block(struct ports_cache *c, size_t k, struct lp_error *err)
{
	struct ports_block *b = &c->blocks[0];
	size_t i;

	for (i = 0; i < PORTS_CACHED_BLOCKS; i++) {
		struct ports_block *x = &c->blocks[i];

		if (x->valid && x->start == c->cps[k].start) {
			x->used = ++c->tick;
			return x;
		}
		if (!x->valid || x->used < b->used)
			b = x;
	}
	ports_drop(b);
	if (!(b->rows = malloc(64 * sizeof *b->rows))) {
		lp_fail(err, LP_EDB, "out of memory reading the port matrix");
		return NULL;
	}
	b->start = c->cps[k].start;
	if (ports_scan(c, k, b, LONG_MAX, err) != LP_OK) {
		ports_drop(b);
		return NULL;
	}
	ports_sort_block(b, c->sort);
	b->valid = true;
	b->used = ++c->tick;
	return b;
}

const struct port_row *ports_get(struct ports_cache *c, long i, struct lp_error *err)
{
	size_t k;

	if (i < 0 || i >= c->count)
		return NULL;
	k = ports_cp_at(c, i);
	/* Far beyond what is known: find the checkpoints without keeping rows. */
	if (k + 1 == c->ncps && !c->complete && i - c->cps[k].start >= 2L * PORTS_BLOCK) {
		if (ports_scan(c, k, NULL, i, err) != LP_OK)
			return NULL;
		k = ports_cp_at(c, i);
	}
	for (;;) {
		struct ports_block *b = ports_block(c, k, err);

		if (!b)
			return NULL;
		if (i < b->start + b->n)
			return &b->rows[i - b->start];
		if (++k >= c->ncps) {
			lp_fail(err, LP_EDB, "the plan changed while it was read; press r to re-read");
			return NULL;
		}
	}
}

void ports_prefetch(struct ports_cache *c, long i)
{
	struct lp_error err = { LP_OK, "" };

	ports_get(c, i, &err);
}

/* The first (or last) row containing needle in [from, to), or -1. */
static long ports_search(struct ports_cache *c, const char *needle, long from, long to,
			 bool first, struct lp_error *err)
{
	struct scan s = { .stop_after = LONG_MAX, .needle = needle, .from = from, .to = to,
			  .first_only = first, .found = -1 };

	if (from >= to)
		return -1;
	if (ports_run(c, ports_cp_at(c, from), &s, err) != LP_OK)
		return -2;
	return s.found;
}

static bool ports_row_has(const struct port_row *r, const char *needle)
{
	const char *fields[] = { r->server, r->pool, r->site, r->address, r->interface, r->role,
				 r->service, r->ports, r->transport, r->protocol, r->notes,
				 r->source };
	size_t i;

	for (i = 0; i < sizeof fields / sizeof fields[0]; i++)
		if (lp_find_nocase(fields[i], needle))
			return true;
	return false;
}

/* Position in b, in its sorted order, of the first (dir 1) or last
 * (dir -1) row of [lo, hi) holding needle, or -1. */
static int ports_block_find(const struct ports_block *b, const char *needle, int lo, int hi,
			    int dir)
{
	int j;

	for (j = dir > 0 ? lo : hi - 1; j >= lo && j < hi; j += dir)
		if (ports_row_has(&b->rows[j], needle))
			return j;
	return -1;
}

/* The row holding needle that comes first (dir 1) or last (dir -1), in
 * sorted order, in the block holding matrix row i; -1, or -2 on a fault. */
static long ports_in_block(struct ports_cache *c, const char *needle, long i, int dir,
			   struct lp_error *err)
{
	struct ports_block *b = ports_block(c, ports_cp_at(c, i), err);
	int j;

	if (!b)
		return -2;
	j = ports_block_find(b, needle, 0, b->n, dir);
	return j < 0 ? -1 : b->start + j;
}

/* The stream is in matrix order, the screen sorts within each server and
 * blocks end at servers: search the cursor's block as shown, the other
 * blocks in one pass, then the block found as shown. */
long ports_find(struct ports_cache *c, const char *needle, long from, int dir,
		struct lp_error *err)
{
	struct ports_block *b;
	long start, end, i;
	int at, n, j;

	if (c->count == 0)
		return -1;
	from = ((from % c->count) + c->count) % c->count;
	if (!(b = ports_block(c, ports_cp_at(c, from), err)))
		return -1;
	start = b->start;
	end = b->start + b->n;
	n = b->n;
	at = (int)(from - start < n ? from - start : n - 1);
	j = dir > 0 ? ports_block_find(b, needle, at, n, 1) : ports_block_find(b, needle, 0, at + 1, -1);
	if (j >= 0)
		return start + j;
	i = dir > 0 ? ports_search(c, needle, end, c->count, true, err)
		    : ports_search(c, needle, 0, start, false, err);
	if (i == -1)
		i = dir > 0 ? ports_search(c, needle, 0, start, true, err)
			    : ports_search(c, needle, end, c->count, false, err);
	if (i >= 0)
		i = ports_in_block(c, needle, i, dir, err);
	if (i != -1)
		return i < 0 ? -1 : i;
	/* Wrapped around to the cursor's own block. */
	if (!(b = ports_block(c, ports_cp_at(c, from), err)))
		return -1;
	j = dir > 0 ? ports_block_find(b, needle, 0, at, 1) : ports_block_find(b, needle, at + 1, n, -1);
	return j < 0 ? -1 : start + j;
}

void ports_close(struct ports_cache *c)
{
	size_t i;

	for (i = 0; i < PORTS_CACHED_BLOCKS; i++)
		ports_drop(&c->blocks[i]);
	free(c->cps);
	c->cps = NULL;
	c->ncps = c->capcps = 0;
	c->count = 0;
	c->complete = false;
}

static const char *ports_copy(char *dst, size_t size, const char *src)
{
	if (!src)
		return NULL;
	snprintf(dst, size, "%s", src);
	return dst;
}

enum lp_status ports_open(struct ports_cache *c, struct store *st,
			  const struct plan_filter *filter, const char *text,
			  enum ports_sort sort, struct lp_error *err)
{
	ports_close(c);
	c->st = st;
	memset(&c->filter, 0, sizeof c->filter);
	c->filter.site = ports_copy(c->site, sizeof c->site, filter->site);
	c->filter.pool = ports_copy(c->pool, sizeof c->pool, filter->pool);
	c->filter.server = ports_copy(c->server, sizeof c->server, filter->server);
	snprintf(c->text, sizeof c->text, "%s", text ? text : "");
	c->sort = sort;
	if (!ports_checkpoint(c, 0, NULL))
		return lp_fail(err, LP_EDB, "out of memory reading the port matrix");
	if (c->text[0])
		return ports_scan(c, 0, NULL, LONG_MAX, err);
	return plan_port_count(st, &c->filter, &c->count, err);
}
