/* topo_db.h - the SQL plumbing the topology model shares between its
 * files: statements with bound values, transactions that join a caller's,
 * and lookups of the user's keys that fail with a message naming the field.
 * Only the model includes it; faces use topology.h. */
#ifndef LP_TOPO_DB_H
#define LP_TOPO_DB_H

#include <stdbool.h>
#include <stdint.h>

#include "lp.h"
#include "store.h"
#include "topology.h"
#include "validate.h"

/* Runs sql once with values bound as types says: 't' const char * (NULL
 * binds NULL), 'i' int64_t, 'b' bool passed as int, 'p' const int64_t *
 * (NULL binds NULL). `what` names the action for a database error ("adding
 * a site"). When out is not NULL it receives the first column of the first
 * row, 0 when there is none. */
enum lp_status topo_db_run(struct store *st, const char *what, struct lp_error *err,
			   int64_t *out, const char *sql, const char *types, ...);

/* Binds v, or NULL when v is NULL, to parameter i of stmt. */
void topo_db_bind_optional(sqlite3_stmt *stmt, int i, const int64_t *v);

/* Text of column col ("" for NULL), valid until the next step. */
const char *topo_db_text(sqlite3_stmt *stmt, int col);

/* Starts a write: a transaction, or a savepoint inside one the caller
 * already holds (*nested tells which). topo_db_end commits (or releases)
 * when s is LP_OK, else undoes the write; it returns the outcome. */
enum lp_status topo_db_begin(struct store *st, bool *nested, struct lp_error *err);
enum lp_status topo_db_end(struct store *st, bool nested, enum lp_status s,
			   struct lp_error *err);

/* The id of the site, pool or server with that key into *id. A missing
 * key or row is LP_EINPUT naming field. Pool and server FQDNs match
 * without case (their columns are COLLATE NOCASE); site names exactly. */
enum lp_status topo_db_need_site(struct store *st, const char *field, const char *name,
				 int64_t *id, struct lp_error *err);
enum lp_status topo_db_need_pool(struct store *st, const char *field, const char *fqdn,
				 int64_t *id, struct lp_error *err);

/* Refuses, naming field, when sql (binding ?1 key and ?2 an id to leave
 * out) finds a row, whose first column is the key that row holds:
 * "FIELD: WHAT 'KEY' already exists", and when the two keys differ only in
 * case, "FIELD: WHAT 'THEIRS' already exists ('KEY' differs only in case)".
 * New names are so refused without case: site and load balancer names
 * (which a file may hold twice in different cases, from before this rule)
 * as FQDNs. */
enum lp_status topo_db_refuse_taken(struct store *st, const char *field, const char *what,
				    const char *sql, const char *key, int64_t self,
				    struct lp_error *err);

/* A list of addresses or prefixes, checked and canonical. */
struct topo_db_list {
	size_t n;
	char v[TOPO_PREFIXES_MAX][TOPO_PREFIX_MAX];
	int family[TOPO_PREFIXES_MAX];
};

/* Splits list at commas (spaces around an item ignored) into *l; refuses,
 * naming field, an empty item, a bad one, one given twice, or more than
 * the maximum. empty_ok: "" is an empty list, else it is refused. hosts:
 * every item is one host's address (topology_address_canonical), else an
 * address or a prefix. */
enum lp_status topo_db_parse_list(const char *field, const char *list, bool empty_ok,
				  bool hosts, struct topo_db_list *l, struct lp_error *err);

/* The first row of sql (binding ?1 id): its first four columns quoted
 * (validate_quote) into row, "" for the columns it lacks; *found tells
 * whether there was one. */
struct topo_db_row {
	char c[4][VALIDATE_QUOTE_SIZE];
};
enum lp_status topo_db_first_row(struct store *st, const char *sql, int64_t id, bool *found,
				 struct topo_db_row *row, struct lp_error *err);

/* Removes load balancers left serving no pool after pools went away. */
enum lp_status topo_db_prune_load_balancers(struct store *st, struct lp_error *err);

#endif
