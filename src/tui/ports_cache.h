/* ports_cache.h - random access to the port matrix without holding it:
 * rows are read in blocks that end at a server boundary, each block
 * resuming after the key of the block before (plan_port_matrix keyset
 * paging). A few blocks stay cached; the keys where blocks start are
 * remembered, so going back, or to the end, costs one query. */
#ifndef LP_TUI_PORTS_CACHE_H
#define LP_TUI_PORTS_CACHE_H

#include <stdbool.h>

#include "plan.h"
#include "tui/text.h"

#define PORTS_BLOCK 128       /* rows per block, rounded up to a server's end */
#define PORTS_CACHED_BLOCKS 8

/* How rows are ordered within each server (servers stay in matrix order). */
enum ports_sort { PORTS_BY_PORT, PORTS_BY_TRANSPORT, PORTS_BY_PROTOCOL, PORTS_BY_SERVICE,
		  PORTS_SORTS };

/* A matrix row, terminal-safe; `server_key` is the server as stored. */
struct port_row {
	const char *site, *pool, *server, *address, *interface, *role, *service;
	const char *ports, *transport, *protocol, *notes, *source;
	const char *server_key;
	int port_lo, port_hi;
	int seq; /* matrix order within the block, for stable sorting */
};

/* Where a block starts: its first row's index and the key of the row
 * before it (none for the first block). */
struct ports_checkpoint {
	long start;
	bool has_key;
	struct plan_port_key after;
};

struct ports_block {
	bool valid;
	long start;
	int n;
	struct port_row *rows;
	struct strpool strings;
	unsigned long used; /* for evicting the least recently used */
};

struct ports_cache {
	struct store *st;
	struct plan_filter filter;
	char site[256], pool[256], server[256];
	char text[128];             /* only rows containing it ("" for all) */
	enum ports_sort sort;
	long count;
	bool complete;              /* every checkpoint is known */
	struct ports_checkpoint *cps;
	size_t ncps, capcps;
	struct ports_block blocks[PORTS_CACHED_BLOCKS];
	unsigned long tick;
};

/* Starts reading the matrix rows matching filter (NULL fields: all) and
 * containing text, ordered by sort within each server, and counts them.
 * Earlier contents of c are freed. */
enum lp_status ports_open(struct ports_cache *c, struct store *st,
			  const struct plan_filter *filter, const char *text,
			  enum ports_sort sort, struct lp_error *err);

/* Row i (owned by the cache: valid until the next ports_* call that reads
 * another block), or NULL past the end or on a fault (err set). */
const struct port_row *ports_get(struct ports_cache *c, long i, struct lp_error *err);

/* Reads the block holding row i now, unless it is cached, so that moving
 * there later costs no query; a fault is left for ports_get to report. */
void ports_prefetch(struct ports_cache *c, long i);

/* Searches in one pass of the matrix for the first row from `from`
 * forward (dir 1), or the last at or before it (dir -1), wrapping around,
 * with needle in a field (case does not matter); -1 when none does or on
 * a fault (err set). */
long ports_find(struct ports_cache *c, const char *needle, long from, int dir,
		struct lp_error *err);

/* Frees everything the cache holds. */
void ports_close(struct ports_cache *c);

/* The column name of a sort, for captions. */
const char *ports_sort_name(enum ports_sort s);

#endif
