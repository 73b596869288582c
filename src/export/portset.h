/* portset.h - ports for the firewall and script formats: the ports column
 * parsed ("N" or "N-M"), sets of ranges merged where they overlap or touch
 * (a firewall wants 49152-65535 once, not three overlapping media ranges),
 * and rows of the ports table gathered per pool or per server, or rows of
 * the flows table per pair of ends (from, to). */
#ifndef LP_PORTSET_H
#define LP_PORTSET_H

#include <stdbool.h>
#include <stddef.h>

#include "export.h"

struct portset_range {
	int lo, hi;
};

/* A set of port ranges; zero-initialise, free with portset_free. */
struct portset {
	struct portset_range *r;
	size_t n, cap;
};

/* Parses "N" or "N-M" (1 <= N <= M <= 65535); false when s is neither. */
bool portset_parse(const char *s, int *lo, int *hi);
/* Parses a transport ("TCP", "UDP", "TCP/UDP"); false when unknown. */
bool portset_transport(const char *s, bool *tcp, bool *udp);
/* Adds a range; false when out of memory. */
bool portset_add(struct portset *p, int lo, int hi);
/* Sorts the ranges and merges those that overlap or touch. */
void portset_merge(struct portset *p);
/* The ranges as "135,443-444" with sep between items. Returns a new
 * string the caller frees ("" when empty), or NULL when out of memory. */
char *portset_format(const struct portset *p, const char *sep);
void portset_free(struct portset *p);

/* Where the items of an array are by a hash of each, so that finding one
 * does not read them all: open addressing, each slot an item's position
 * plus one (0: empty), at most half the slots in use. Zero-initialise. */
struct portset_index {
	size_t *slot;
	size_t *hash;              /* of each item, by position */
	size_t cap;                /* slots: 0 or a power of two */
};

/* Distinct strings in order of first appearance. */
struct portset_list {
	char **v;
	size_t n, cap;
	struct portset_index index;
};

/* Adds s (copied) unless present; false when out of memory. */
bool portset_list_add(struct portset_list *l, const char *s);
/* True when s is one of l's strings. */
bool portset_list_has(const struct portset_list *l, const char *s);

/* The strings of l joined with sep, in a new string the caller frees
 * (NULL when out of memory). */
char *portset_list_join(const struct portset_list *l, const char *sep);
void portset_list_free(struct portset_list *l);

/* 4 or 6 for an IPv4 or IPv6 address as text, 0 for any other text. */
int portset_family(const char *address);
/* The addresses of family (4 or 6) in a list such as "192.0.2.1, 2001:db8::1"
 * (text that is no address is left out), added to *out as copies; false
 * when out of memory. */
bool portset_addresses(const char *list, int family, struct portset_list *out);
/* 4 or 6 for an IPv4 or IPv6 address or prefix "ADDRESS/LENGTH", 0 for
 * any other text. portset_addresses takes prefixes too. */
int portset_prefix_family(const char *s);
/* The addresses of family outside every address and prefix of that family
 * in list, as ranges "FIRST-LAST" (or one address), added to *out; none
 * when list holds none of that family. false when out of memory. */
bool portset_outside(const char *list, int family, struct portset_list *out);

/* The rows of one pool (or one server) on one interface of the ports
 * table, or of one pair of ends of the flows table. After
 * portset_groups_end, a pool's or a server's groups come one after the
 * other, in order of first appearance. */
struct portset_group {
	char *key;                 /* the pool or the server; flows: the source */
	char *site, *pool, *role;  /* ports table only */
	char *interface;           /* ports table only: "internal", "external-av" ... */
	char *to, *from_addresses, *to_addresses, *direction; /* flows table only */
	/* flows: the zone an end stands for, having no addresses of its own
	 * ("internal", "internet"), or "" */
	char *from_zone, *to_zone;
	struct portset_list servers;
	char **addresses;          /* of each server on the interface, "" when none */
	struct portset tcp, udp;   /* merged by portset_groups_end */
	/* What each rule carries: "5061 TCP (TLS)", "4443 Web server component, HTTPS". */
	struct portset_list tcp_what, udp_what;
};

/* Groups of the ports or flows table, in order of first appearance. */
struct portset_groups {
	bool flows;                /* the flows table: a group per (from, to) */
	bool by_server;            /* group per server rather than per pool */
	int col[11];               /* column indexes, see portset.c */
	struct portset_group *g;
	size_t n, cap;
	struct portset_index index; /* of g by key (and to) */
	long rows;
};

/* The zones the flows of a flows table's groups stand for, and what the
 * writer's options give of them. */
struct portset_zones {
	bool internal_used, internet_used; /* an end of a flow stands for it */
	bool internal_set, internet_set;   /* its prefixes are known: the
					    * internet's once both zones are set */
	/* Both families: the internal prefixes; the ranges outside the
	 * internal and perimeter prefixes. */
	struct portset_list internal, internet;
};
/* Fills z for the groups of gs and the zones of opt; false when out of
 * memory. Free with portset_zones_free. */
bool portset_zones_init(struct portset_zones *z, const struct portset_groups *gs,
			const struct export_options *opt);
void portset_zones_free(struct portset_zones *z);

/* For each end of flows group g that has no address in the topology
 * (and stands for no zone), the comment line prefix "no rule: no address
 * for END in the topology (lyncplan check: missing-address)" eol, END
 * reduced to the characters of keep (others become repl). The number of
 * lines written; -1 when out of memory. */
int portset_unaddressed_lines(FILE *out, const struct portset_group *g, const char *prefix,
			      const char *keep, char repl, const char *eol);

/* Prepares gs for writer w's table: the flows table, or one with the ports
 * table's columns (LP_EUSAGE otherwise). */
enum lp_status portset_groups_init(struct portset_groups *gs, struct writer *w,
				   bool by_server, struct lp_error *err);
/* Takes one row; a row whose ports or transport cannot be read is refused
 * (LP_EINPUT) rather than turned into a wrong rule. */
enum lp_status portset_groups_add(struct portset_groups *gs, const char *const *cells,
				  struct lp_error *err);
/* For the ports table: whether group i is the first, the last of its pool's
 * or server's (its key's) groups, one per interface. */
bool portset_key_first(const struct portset_groups *gs, size_t i);
bool portset_key_last(const struct portset_groups *gs, size_t i);
/* For the ports table: the addresses of g's servers on its interface that
 * parse (both families) joined with sep, in a new string the caller frees
 * ("" when none), or NULL when out of memory. */
char *portset_group_addresses(const struct portset_group *g, const char *sep);
/* Merges each group's ranges and, for the ports table, puts the groups
 * of each pool or server together; call once after the last row. False
 * when out of memory. */
bool portset_groups_end(struct portset_groups *gs);
void portset_groups_free(struct portset_groups *gs);

/* Writer entry points of the formats that group the ports table: their
 * state is a struct portset_groups, per pool or per server (the flows
 * table: per pair of ends, either way), which the format's own end reads. */
enum lp_status portset_begin_by_pool(struct writer *w, const struct export_table *t,
				     struct lp_error *err);
enum lp_status portset_begin_by_server(struct writer *w, const struct export_table *t,
				       struct lp_error *err);
enum lp_status portset_row(struct writer *w, const char *const *cells, struct lp_error *err);
void portset_release(void *state);

#endif
