/* topology_server.c - the servers of the pools and the load balancers in
 * front of them. Every write validates first and runs as one transaction
 * (or savepoint), so a refused input leaves the file as it was. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "topo_db.h"
#include "topology.h"
#include "validate.h"

/* The key of a row other than ?2 holding key ?1, case ignored (see
 * topo_db_refuse_taken; server FQDNs are COLLATE NOCASE). A load balancer
 * keeping its own name takes no new one, even beside a twin in another
 * case that a file from before the rule may hold. */
static const char server_taken[] = "SELECT fqdn FROM server WHERE fqdn = ?1 AND id <> ?2";
static const char lb_taken[] =
	"SELECT name FROM load_balancer WHERE name = ?1 COLLATE NOCASE AND id <> ?2"
	" AND NOT EXISTS (SELECT 1 FROM load_balancer WHERE id = ?2 AND name = ?1)";

/* ---- servers ---- */

/* Most servers a pool of this role and edition holds; 0: no limit. */
static int64_t pool_capacity(enum topo_role role, enum topo_edition edition)
{
	if (role == ROLE_FRONT_END)
		return edition == EDITION_STANDARD ? TOPO_FE_STANDARD_MAX : TOPO_FE_ENTERPRISE_MAX;
	if (role == ROLE_PERSISTENT_CHAT)
		return TOPO_PCHAT_MAX;
	if (role == ROLE_EDGE)
		return TOPO_EDGE_MAX;
	return 0;
}

/* Refuses one more server in pool id when it is full. */
static enum lp_status check_room(struct store *st, int64_t id, const char *fqdn,
				 struct lp_error *err)
{
	static const char sql[] =
		"SELECT role, edition, (SELECT count(*) FROM server WHERE pool_id = ?1)"
		" FROM pool WHERE id = ?1";
	char q[VALIDATE_QUOTE_SIZE];
	enum topo_edition edition = EDITION_NONE;
	enum topo_role role = ROLE_COUNT;
	sqlite3_stmt *stmt;
	int64_t count = 0, max;
	enum lp_status s;
	int rc;

	/* Kept: an import checks the room of every server's pool. */
	if ((s = store_prepare_kept(st, sql, &stmt, err)) != LP_OK)
		return s;
	sqlite3_bind_int64(stmt, 1, id);
	if ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		topology_role_parse(topo_db_text(stmt, 0), &role);
		topology_edition_parse(topo_db_text(stmt, 1), &edition);
		count = sqlite3_column_int64(stmt, 2);
	} else {
		s = store_fail(st, rc, "reading a pool", err);
	}
	sqlite3_reset(stmt);
	max = pool_capacity(role, edition);
	if (s != LP_OK || !max || count < max)
		return s;
	return lp_fail(err, LP_EINPUT, "--pool: pool '%s' is full: %s%s pools hold at most %lld server%s%s",
		       validate_quote(q, sizeof q, fqdn),
		       role != ROLE_FRONT_END ? "" : edition == EDITION_STANDARD
		       ? "Standard Edition " : "Enterprise Edition ",
		       topology_role_title(role), (long long)max, max == 1 ? "" : "s",
		       role == ROLE_PERSISTENT_CHAT ? " (four active, four standby)"
		       : role == ROLE_EDGE ? " (the supported maximum; deploy another Edge pool for more)"
		       : "");
}

/* Checks a server's address (NULL: none given, "": none) and points
 * *stored at its canonical spelling in buf, or at address itself. */
static enum lp_status check_server_address(const char *address, char *buf,
					   const char **stored, struct lp_error *err)
{
	*stored = address;
	if (!address || !*address)
		return LP_OK;
	*stored = buf;
	return topology_address_canonical("--ip", address, buf, err);
}

/* ---- external addresses ---- */

/* A server's external addresses and the public ones, in order. */
struct external_set {
	struct topo_db_list address, public;
};

/* The external addresses server id holds into *x. */
static enum lp_status external_load(struct store *st, int64_t id, struct external_set *x,
				    struct lp_error *err)
{
	static const char sql[] =
		"SELECT address, public FROM server_external WHERE server_id = ?1 ORDER BY seq";
	sqlite3_stmt *stmt;
	enum lp_status s;
	int rc;

	if ((s = store_prepare_kept(st, sql, &stmt, err)) != LP_OK)
		return s;
	sqlite3_bind_int64(stmt, 1, id);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW && x->address.n < TOPO_PREFIXES_MAX) {
		snprintf(x->address.v[x->address.n++], TOPO_PREFIX_MAX, "%s", topo_db_text(stmt, 0));
		if (*topo_db_text(stmt, 1))
			snprintf(x->public.v[x->public.n++], TOPO_PREFIX_MAX, "%s",
				 topo_db_text(stmt, 1));
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		s = store_fail(st, rc, "reading external addresses", err);
	sqlite3_reset(stmt);
	return s;
}

/* What the rules need of server id's pool: its role, its external
 * addressing, its FQDN (quoted into fqdn) and the server's address. */
struct external_pool {
	enum topo_role role;
	enum topo_edge_external external;
	int64_t id;
	char fqdn[VALIDATE_QUOTE_SIZE];
	char address[TOPO_ADDRESS_MAX];
};

static enum lp_status external_pool(struct store *st, int64_t id, struct external_pool *p,
				    struct lp_error *err)
{
	static const char sql[] =
		"SELECT p.role, p.edge_external, p.id, p.fqdn, v.address FROM server v"
		" JOIN pool p ON p.id = v.pool_id WHERE v.id = ?1";
	sqlite3_stmt *stmt;
	enum lp_status s;
	int rc;

	if ((s = store_prepare_kept(st, sql, &stmt, err)) != LP_OK)
		return s;
	sqlite3_bind_int64(stmt, 1, id);
	p->role = ROLE_COUNT;
	p->external = EDGE_EXTERNAL_NONE;
	if ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		topology_role_parse(topo_db_text(stmt, 0), &p->role);
		topology_edge_external_parse(topo_db_text(stmt, 1), &p->external);
		p->id = sqlite3_column_int64(stmt, 2);
		validate_quote(p->fqdn, sizeof p->fqdn, topo_db_text(stmt, 3));
		snprintf(p->address, sizeof p->address, "%s", topo_db_text(stmt, 4));
	} else {
		s = store_fail(st, rc, "reading a server", err);
	}
	sqlite3_reset(stmt);
	return s;
}

/* Refuses an address of l that is also the internal address or one of
 * others (the external addresses, when l holds the public ones). */
static enum lp_status external_distinct(const char *field, const struct topo_db_list *l,
					const char *internal, const struct topo_db_list *others,
					struct lp_error *err)
{
	size_t i, j;

	for (i = 0; i < l->n; i++) {
		if (strcmp(l->v[i], internal) == 0)
			return lp_fail(err, LP_EINPUT, "%s: %s is the server's internal address (--ip)",
				       field, l->v[i]);
		for (j = 0; others && j < others->n; j++)
			if (strcmp(l->v[i], others->v[j]) == 0)
				return lp_fail(err, LP_EINPUT,
					       "%s: %s is also one of the server's external addresses",
					       field, l->v[i]);
	}
	return LP_OK;
}

/* Refuses a new internal address that is one of x. */
static enum lp_status internal_distinct(const char *internal, const struct external_set *x,
					struct lp_error *err)
{
	size_t i;

	for (i = 0; i < x->address.n; i++)
		if (strcmp(internal, x->address.v[i]) == 0 ||
		    (i < x->public.n && strcmp(internal, x->public.v[i]) == 0))
			return lp_fail(err, LP_EINPUT,
				       "--ip: %s is also one of the server's external or public addresses",
				       internal);
	return LP_OK;
}

/* The rules on the external addresses of server id as x holds them, in
 * the pool it is in. Refusals name the option given that breaks them. */
static enum lp_status external_check(struct store *st, int64_t id,
				     const struct topo_server_change *ch,
				     const struct external_set *x, struct lp_error *err)
{
	const char *xf = ch->external ? "--external-ip" : ch->pool ? "--pool" : "--ip";
	const char *pf = ch->public ? "--public-ip" : xf;
	size_t n = x->address.n;
	struct external_pool p;
	int64_t others = 0;
	enum lp_status s;

	if (n == 0 && x->public.n == 0)
		return LP_OK;
	if ((s = external_pool(st, id, &p, err)) != LP_OK)
		return s;
	if (n && p.role != ROLE_EDGE && p.role != ROLE_REVERSE_PROXY)
		return lp_fail(err, LP_EINPUT,
			       "%s: only servers of edge or reverse-proxy pools have external addresses"
			       " (pool '%s' is %s)", xf, p.fqdn, topology_role_name(p.role));
	if (p.role == ROLE_REVERSE_PROXY && n > 1)
		return lp_fail(err, LP_EINPUT, "%s: a reverse proxy has 1 external address, not %zu",
			       xf, n);
	if (p.role == ROLE_EDGE && n && n != 1 && n != 3)
		return lp_fail(err, LP_EINPUT,
			       "%s: an Edge Server has 1 external address (single IP) or 3 (Access,"
			       " Web Conferencing, A/V), not %zu", xf, n);
	if (p.role == ROLE_EDGE &&
	    (s = topo_db_run(st, "reading external addresses", err, &others,
			     "SELECT count(*) FROM server_external x JOIN server v ON v.id = x.server_id"
			     " WHERE v.pool_id = ?1 AND v.id <> ?2 GROUP BY v.id ORDER BY v.id LIMIT 1",
			     "ii", p.id, id)) != LP_OK)
		return s;
	if (others && n && (size_t)others != n)
		return lp_fail(err, LP_EINPUT,
			       "%s: the servers of Edge pool '%s' have %lld external address%s"
			       " (single IP or not is the pool's choice), not %zu",
			       xf, p.fqdn, (long long)others, others == 1 ? "" : "es", n);
	if (ch->address && !ch->external && !ch->public &&
	    (s = internal_distinct(p.address, x, err)) != LP_OK)
		return s;
	if ((s = external_distinct(xf, &x->address, p.address, NULL, err)) != LP_OK)
		return s;
	if (x->public.n == 0)
		return LP_OK;
	if (p.role != ROLE_EDGE || p.external != EDGE_EXTERNAL_NAT)
		return lp_fail(err, LP_EINPUT,
			       "%s: only servers of an edge pool behind NAT (--edge-external nat) have"
			       " public addresses (pool '%s' is %s)", pf, p.fqdn,
			       p.role == ROLE_EDGE ? "public" : topology_role_name(p.role));
	if (x->public.n != n)
		return lp_fail(err, LP_EINPUT,
			       "%s: %zu public address%s for %zu external one%s: give one for each",
			       pf, x->public.n, x->public.n == 1 ? "" : "es", n, n == 1 ? "" : "s");
	return external_distinct(pf, &x->public, p.address, &x->address, err);
}

/* Applies the external and public addresses of ch to server id and checks
 * the rules on the server as ch leaves it. */
static enum lp_status external_apply(struct store *st, int64_t id,
				     const struct topo_server_change *ch, struct lp_error *err)
{
	struct external_set *x;
	enum lp_status s;
	size_t i;

	if (!ch->external && !ch->public && !ch->pool && !ch->address)
		return LP_OK;
	if (!(x = calloc(1, sizeof *x)))
		return lp_fail(err, LP_EDB, "out of memory");
	s = external_load(st, id, x, err);
	if (s == LP_OK && ch->external) {
		s = topo_db_parse_list("--external-ip", ch->external, true, true, &x->address, err);
		if (!*ch->external)
			x->public.n = 0;
	}
	if (s == LP_OK && ch->public)
		s = topo_db_parse_list("--public-ip", ch->public, true, true, &x->public, err);
	if (s == LP_OK)
		s = external_check(st, id, ch, x, err);
	if (s == LP_OK && (ch->external || ch->public))
		s = topo_db_run(st, "changing external addresses", err, NULL,
				"DELETE FROM server_external WHERE server_id = ?1", "i", id);
	for (i = 0; s == LP_OK && (ch->external || ch->public) && i < x->address.n; i++)
		s = topo_db_run(st, "changing external addresses", err, NULL,
				"INSERT INTO server_external (server_id, seq, address, public)"
				" VALUES (?1, ?2, ?3, ?4)", "iitt", id, (int64_t)i + 1,
				x->address.v[i], x->public.n ? x->public.v[i] : "");
	free(x);
	return s;
}

static enum lp_status server_add_in(struct store *st, const char *fqdn,
				    const struct topo_server_change *ch, struct lp_error *err)
{
	char canonical[TOPO_ADDRESS_MAX];
	const char *address;
	enum lp_status s;
	int64_t pid;

	if ((s = topology_check_fqdn("server FQDN", fqdn, err)) != LP_OK ||
	    (s = check_server_address(ch->address, canonical, &address, err)) != LP_OK ||
	    (s = topo_db_need_pool(st, "--pool", ch->pool, &pid, err)) != LP_OK ||
	    (s = topo_db_refuse_taken(st, "server FQDN", "a server named", server_taken,
				      fqdn, 0, err)) != LP_OK ||
	    (s = check_room(st, pid, ch->pool, err)) != LP_OK ||
	    (s = topo_db_run(st, "adding a server", err, NULL,
			     "INSERT INTO server (fqdn, pool_id, address) VALUES (?1, ?2, ?3)", "tit",
			     fqdn, pid, address ? address : "")) != LP_OK)
		return s;
	return external_apply(st, sqlite3_last_insert_rowid(store_db(st)), ch, err);
}

enum lp_status topology_server_add_with(struct store *st, const char *fqdn,
					const struct topo_server_change *ch, struct lp_error *err)
{
	bool nested;
	enum lp_status s = topo_db_begin(st, &nested, err);

	if (s != LP_OK)
		return s;
	return topo_db_end(st, nested, server_add_in(st, fqdn, ch, err), err);
}

enum lp_status topology_server_add(struct store *st, const char *fqdn, const char *pool,
				   const char *address, struct lp_error *err)
{
	const struct topo_server_change ch = { .pool = pool, .address = address };

	return topology_server_add_with(st, fqdn, &ch, err);
}

/* The id of server fqdn and of its pool; a missing server is LP_EINPUT. */
static enum lp_status need_server(struct store *st, const char *fqdn, int64_t *id,
				  int64_t *pool, struct lp_error *err)
{
	char q[VALIDATE_QUOTE_SIZE];
	enum lp_status s;

	if (!fqdn || !*fqdn)
		return lp_fail(err, LP_EINPUT, "server FQDN: must not be empty");
	if ((s = topo_db_run(st, "finding a server", err, id,
			     "SELECT id FROM server WHERE fqdn = ?1", "t", fqdn)) != LP_OK ||
	    (s = topo_db_run(st, "finding a server", err, pool,
			     "SELECT pool_id FROM server WHERE id = ?1", "i", *id)) != LP_OK)
		return s;
	if (*id == 0)
		return lp_fail(err, LP_EINPUT, "server FQDN: no server named '%s'",
			       validate_quote(q, sizeof q, fqdn));
	return LP_OK;
}

/* Refuses to move server id, a mirroring witness, into pool pid when it
 * is the Back End or the mirror the server witnesses. */
static enum lp_status check_witness_move(struct store *st, int64_t id, int64_t pid,
					 const char *pool, struct lp_error *err)
{
	char q[VALIDATE_QUOTE_SIZE];
	int64_t clash = 0;
	enum lp_status s;

	if ((s = topo_db_run(st, "moving a server", err, &clash,
			     "SELECT count(*) FROM pool WHERE witness = ?1"
			     " AND (back_end = ?2 OR mirror = ?2)", "ii", id, pid)) != LP_OK || !clash)
		return s;
	return lp_fail(err, LP_EINPUT,
		       "--pool: the server is the mirroring witness of a pool whose Back End or"
		       " mirror is '%s'; the witness is a server of neither",
		       validate_quote(q, sizeof q, pool));
}

static enum lp_status server_set_in(struct store *st, const char *fqdn,
				    const struct topo_server_change *ch, struct lp_error *err)
{
	char canonical[TOPO_ADDRESS_MAX];
	int64_t id = 0, old_pool = 0, pid = 0;
	const char *address;
	enum lp_status s;

	if ((s = need_server(st, fqdn, &id, &old_pool, err)) != LP_OK)
		return s;
	if (ch->new_fqdn && ((s = topology_check_fqdn("--fqdn", ch->new_fqdn, err)) != LP_OK ||
			     (s = topo_db_refuse_taken(st, "--fqdn", "a server named", server_taken,
						       ch->new_fqdn, id, err)) != LP_OK))
		return s;
	if ((s = check_server_address(ch->address, canonical, &address, err)) != LP_OK)
		return s;
	if (ch->pool && ((s = topo_db_need_pool(st, "--pool", ch->pool, &pid, err)) != LP_OK ||
			 (pid != old_pool && (s = check_room(st, pid, ch->pool, err)) != LP_OK)))
		return s;
	if (ch->pool && (s = check_witness_move(st, id, pid, ch->pool, err)) != LP_OK)
		return s;
	if ((s = topo_db_run(st, "changing a server", err, NULL,
			     "UPDATE server SET fqdn = coalesce(?2, fqdn), pool_id = coalesce(?3, pool_id),"
			     " address = coalesce(?4, address) WHERE id = ?1", "itpt",
			     id, ch->new_fqdn, ch->pool ? &pid : NULL, address)) != LP_OK)
		return s;
	return external_apply(st, id, ch, err);
}

enum lp_status topology_server_set_with(struct store *st, const char *fqdn,
					const struct topo_server_change *ch, struct lp_error *err)
{
	bool nested;
	enum lp_status s = topo_db_begin(st, &nested, err);

	if (s != LP_OK)
		return s;
	return topo_db_end(st, nested, server_set_in(st, fqdn, ch, err), err);
}

enum lp_status topology_server_set(struct store *st, const char *fqdn, const char *new_fqdn,
				   const char *pool, const char *address, struct lp_error *err)
{
	const struct topo_server_change ch = { .new_fqdn = new_fqdn, .pool = pool,
					       .address = address };

	return topology_server_set_with(st, fqdn, &ch, err);
}

static enum lp_status server_rm_in(struct store *st, const char *fqdn, struct lp_error *err)
{
	char q[VALIDATE_QUOTE_SIZE];
	int64_t id = 0, pool = 0;
	enum lp_status s;

	struct topo_db_row r;
	bool witness;

	if ((s = need_server(st, fqdn, &id, &pool, err)) != LP_OK ||
	    (s = topo_db_first_row(st, "SELECT fqdn FROM pool WHERE witness = ?1 ORDER BY fqdn LIMIT 1",
				   id, &witness, &r, err)) != LP_OK)
		return s;
	if (witness)
		return lp_fail(err, LP_EINPUT,
			       "server '%s': the mirroring witness of pool '%s' (pool set %s --witness ''"
			       " first)", validate_quote(q, sizeof q, fqdn), r.c[0], r.c[0]);
	return topo_db_run(st, "removing a server", err, NULL,
			   "DELETE FROM server WHERE id = ?1", "i", id);
}

enum lp_status topology_server_rm(struct store *st, const char *fqdn, struct lp_error *err)
{
	bool nested;
	enum lp_status s = topo_db_begin(st, &nested, err);

	if (s != LP_OK)
		return s;
	return topo_db_end(st, nested, server_rm_in(st, fqdn, err), err);
}

/* The external and the public addresses of server v, comma-separated in
 * order ("" when none). */
#define SERVER_EXTERNAL \
	"coalesce((SELECT group_concat(address, ',') FROM (SELECT address FROM server_external" \
	" WHERE server_id = v.id ORDER BY seq)), ''), coalesce((SELECT group_concat(public, ',')" \
	" FROM (SELECT public FROM server_external WHERE server_id = v.id AND public <> ''" \
	" ORDER BY seq)), '')"

/* Passes each row of stmt (id, fqdn, pool, address, then the columns of
 * SERVER_EXTERNAL) to cb; finalizes stmt. */
static enum lp_status server_rows(struct store *st, sqlite3_stmt *stmt,
				  int (*cb)(const struct topo_server *, void *), void *ud,
				  struct lp_error *err)
{
	enum lp_status s = LP_OK;
	int rc;

	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct topo_server r = {
			.id = sqlite3_column_int64(stmt, 0),
			.fqdn = topo_db_text(stmt, 1),
			.pool = topo_db_text(stmt, 2),
			.address = topo_db_text(stmt, 3),
			.external = topo_db_text(stmt, 4),
			.public = topo_db_text(stmt, 5),
		};
		if (cb(&r, ud))
			break;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		s = store_fail(st, rc, "reading servers", err);
	sqlite3_finalize(stmt);
	return s;
}

enum lp_status topology_server_each(struct store *st, const char *pool,
				    int (*cb)(const struct topo_server *, void *), void *ud,
				    struct lp_error *err)
{
	static const char sql[] =
		"SELECT v.id, v.fqdn, p.fqdn, v.address, " SERVER_EXTERNAL " FROM server v"
		" JOIN pool p ON p.id = v.pool_id"
		" WHERE ?1 IS NULL OR p.id = ?1 ORDER BY p.fqdn, v.fqdn";
	sqlite3_stmt *stmt;
	int64_t pid = 0;
	enum lp_status s;

	if (pool && (s = topo_db_need_pool(st, "--pool", pool, &pid, err)) != LP_OK)
		return s;
	if ((s = store_prepare(st, sql, &stmt, err)) != LP_OK)
		return s;
	topo_db_bind_optional(stmt, 1, pool ? &pid : NULL);
	return server_rows(st, stmt, cb, ud, err);
}

enum lp_status topology_server_scan(struct store *st,
				    int (*cb)(const struct topo_server *, void *), void *ud,
				    struct lp_error *err)
{
	/* No ORDER BY: sorting 10,000 servers here costs more than the
	 * caller's own sort. */
	static const char sql[] =
		"SELECT v.id, v.fqdn, p.fqdn, v.address, " SERVER_EXTERNAL " FROM server v"
		" JOIN pool p ON p.id = v.pool_id";
	sqlite3_stmt *stmt;
	enum lp_status s;

	if ((s = store_prepare(st, sql, &stmt, err)) != LP_OK)
		return s;
	return server_rows(st, stmt, cb, ud, err);
}

/* ---- load balancers ---- */

static enum lp_status need_lb(struct store *st, const char *name, int64_t *id,
			      struct lp_error *err)
{
	char q[VALIDATE_QUOTE_SIZE];
	enum lp_status s;

	if (!name || !*name)
		return lp_fail(err, LP_EINPUT, "load balancer name: must not be empty");
	s = topo_db_run(st, "finding a load balancer", err, id,
			"SELECT id FROM load_balancer WHERE name = ?1", "t", name);
	if (s == LP_OK && *id == 0)
		s = lp_fail(err, LP_EINPUT, "load balancer name: no load balancer named '%s'",
			    validate_quote(q, sizeof q, name));
	return s;
}

/* Makes load balancer id serve exactly the pools listed. */
static enum lp_status serve_pools(struct store *st, int64_t id, const char *const *pools,
				  size_t npools, struct lp_error *err)
{
	char q[VALIDATE_QUOTE_SIZE];
	int64_t pid, dup;
	enum lp_status s;
	size_t i;

	if (npools == 0)
		return lp_fail(err, LP_EINPUT, "--pool: a load balancer serves at least one pool");
	if ((s = topo_db_run(st, "changing a load balancer", err, NULL,
			     "DELETE FROM lb_pool WHERE lb_id = ?1", "i", id)) != LP_OK)
		return s;
	for (i = 0; i < npools; i++) {
		if ((s = topo_db_need_pool(st, "--pool", pools[i], &pid, err)) != LP_OK ||
		    (s = topo_db_run(st, "changing a load balancer", err, &dup,
				     "SELECT count(*) FROM lb_pool WHERE lb_id = ?1 AND pool_id = ?2",
				     "ii", id, pid)) != LP_OK)
			return s;
		if (dup)
			return lp_fail(err, LP_EINPUT, "--pool: '%s' is given twice",
				       validate_quote(q, sizeof q, pools[i]));
		if ((s = topo_db_run(st, "changing a load balancer", err, NULL,
				     "INSERT INTO lb_pool (lb_id, pool_id) VALUES (?1, ?2)",
				     "ii", id, pid)) != LP_OK)
			return s;
	}
	return LP_OK;
}

/* The rules on load balancer id's side and service, as the change ch
 * leaves them. Refusals name the option given that breaks them. */
static enum lp_status lb_check_side(struct store *st, int64_t id, const struct topo_lb_change *ch,
				    struct lp_error *err)
{
	/* A pool of lb ?1 that its side or service does not allow. */
	static const char wrong_side[] =
		"SELECT p.fqdn, p.role FROM load_balancer l JOIN lb_pool x ON x.lb_id = l.id"
		" JOIN pool p ON p.id = x.pool_id WHERE l.id = ?1 AND l.side = 'external'"
		" AND p.role NOT IN ('edge', 'reverse-proxy', 'front-end', 'director')"
		" ORDER BY p.fqdn LIMIT 1";
	static const char wrong_service[] =
		"SELECT p.fqdn, p.role FROM load_balancer l JOIN lb_pool x ON x.lb_id = l.id"
		" JOIN pool p ON p.id = x.pool_id WHERE l.id = ?1 AND l.service <> ''"
		" AND p.role <> 'edge' ORDER BY p.fqdn LIMIT 1";
	/* Another external VIP of an Edge pool lb ?1 serves that clashes
	 * with ?1's: the pool, the other's name and service, ?1's service. */
	static const char clash[] =
		"SELECT p.fqdn, o.name, o.service, l.service FROM load_balancer l"
		" JOIN lb_pool x ON x.lb_id = l.id JOIN pool p ON p.id = x.pool_id AND p.role = 'edge'"
		" JOIN lb_pool y ON y.pool_id = p.id AND y.lb_id <> l.id"
		" JOIN load_balancer o ON o.id = y.lb_id AND o.side = 'external'"
		" WHERE l.id = ?1 AND l.side = 'external'"
		" AND (l.service = '' OR o.service = '' OR o.service = l.service)"
		" ORDER BY p.fqdn, o.name LIMIT 1";
	const char *sf = ch->service ? "--service" : ch->side ? "--side" : "--pool";
	struct topo_db_row r;
	enum lp_status s;
	bool found;

	if ((s = topo_db_first_row(st, wrong_side, id, &found, &r, err)) != LP_OK)
		return s;
	if (found)
		return lp_fail(err, LP_EINPUT,
			       "%s: an external load balancer serves only edge, reverse-proxy, front-end"
			       " or director pools ('%s' is %s)", ch->side ? "--side" : "--pool",
			       r.c[0], r.c[1]);
	if ((s = topo_db_first_row(st, wrong_service, id, &found, &r, err)) != LP_OK)
		return s;
	if (found)
		return lp_fail(err, LP_EINPUT,
			       "%s: only the external VIPs of edge pools carry a service ('%s' is %s)",
			       ch->service ? "--service" : "--pool", r.c[0], r.c[1]);
	if ((s = topo_db_first_row(st, clash, id, &found, &r, err)) != LP_OK || !found)
		return s;
	if (!r.c[2][0])
		return lp_fail(err, LP_EINPUT,
			       "%s: edge pool '%s' has one external VIP for every service already"
			       " (load balancer '%s': single IP)", sf, r.c[0], r.c[1]);
	if (!r.c[3][0])
		return lp_fail(err, LP_EINPUT,
			       "%s: edge pool '%s' has a VIP for each service (load balancer '%s'"
			       " carries %s): give --service", sf, r.c[0], r.c[1], r.c[2]);
	return lp_fail(err, LP_EINPUT, "%s: edge pool '%s' has the %s VIP already (load balancer '%s')",
		       sf, r.c[0], r.c[2], r.c[1]);
}

/* Writes the side and service of ch to load balancer id and checks the
 * rules on the result. */
static enum lp_status lb_apply_side(struct store *st, int64_t id, const struct topo_lb_change *ch,
				    struct lp_error *err)
{
	enum lp_status s;
	int64_t external = 0;

	if (ch->side && (unsigned)*ch->side > LB_SIDE_EXTERNAL)
		return lp_fail(err, LP_EINPUT, "--side: unknown side (%d)", (int)*ch->side);
	if (ch->service && (unsigned)*ch->service > EDGE_SERVICE_AV)
		return lp_fail(err, LP_EINPUT, "--service: unknown service (%d)", (int)*ch->service);
	if ((s = topo_db_run(st, "changing a load balancer", err, &external,
			     "SELECT side = 'external' FROM load_balancer WHERE id = ?1", "i",
			     id)) != LP_OK)
		return s;
	if (ch->side)
		external = *ch->side == LB_SIDE_EXTERNAL;
	if (!external && ch->service && *ch->service != EDGE_SERVICE_NONE)
		return lp_fail(err, LP_EINPUT,
			       "--service: only an external load balancer (--side external) carries"
			       " an edge service");
	/* The internal side carries no service: going there clears it. */
	if ((s = topo_db_run(st, "changing a load balancer", err, NULL,
			     "UPDATE load_balancer SET side = ?2,"
			     " service = CASE WHEN ?2 = 'internal' THEN '' ELSE coalesce(?3, service) END"
			     " WHERE id = ?1", "itt", id,
			     topology_lb_side_name(external ? LB_SIDE_EXTERNAL : LB_SIDE_INTERNAL),
			     ch->service ? topology_edge_service_name(*ch->service) : NULL)) != LP_OK)
		return s;
	return lb_check_side(st, id, ch, err);
}

static enum lp_status lb_add_in(struct store *st, const char *name,
				const struct topo_lb_change *ch, struct lp_error *err)
{
	char canonical[TOPO_ADDRESS_MAX];
	enum lp_status s;
	int64_t id;

	if ((s = topology_check_name("load balancer name", name, err)) != LP_OK ||
	    (s = topology_address_canonical("--vip", ch->vip, canonical, err)) != LP_OK ||
	    (s = topo_db_refuse_taken(st, "load balancer name", "a load balancer named",
				      lb_taken, name, 0, err)) != LP_OK ||
	    (s = topo_db_run(st, "adding a load balancer", err, NULL,
			     "INSERT INTO load_balancer (name, vip) VALUES (?1, ?2)", "tt",
			     name, canonical)) != LP_OK)
		return s;
	id = sqlite3_last_insert_rowid(store_db(st));
	if ((s = serve_pools(st, id, ch->pools, ch->npools, err)) != LP_OK)
		return s;
	return lb_apply_side(st, id, ch, err);
}

enum lp_status topology_lb_add_with(struct store *st, const char *name,
				    const struct topo_lb_change *ch, struct lp_error *err)
{
	bool nested;
	enum lp_status s = topo_db_begin(st, &nested, err);

	if (s != LP_OK)
		return s;
	return topo_db_end(st, nested, lb_add_in(st, name, ch, err), err);
}

enum lp_status topology_lb_add(struct store *st, const char *name, const char *vip,
			       const char *const *pools, size_t npools, struct lp_error *err)
{
	const struct topo_lb_change ch = { .vip = vip, .pools = pools, .npools = npools };

	return topology_lb_add_with(st, name, &ch, err);
}

static enum lp_status lb_set_in(struct store *st, const char *name,
				const struct topo_lb_change *ch, struct lp_error *err)
{
	char canonical[TOPO_ADDRESS_MAX];
	enum lp_status s;
	int64_t id = 0;

	if ((s = need_lb(st, name, &id, err)) != LP_OK)
		return s;
	if (ch->new_name && ((s = topology_check_name("--name", ch->new_name, err)) != LP_OK ||
			     (s = topo_db_refuse_taken(st, "--name", "a load balancer named",
						       lb_taken, ch->new_name, id, err)) != LP_OK))
		return s;
	if (ch->vip && (s = topology_address_canonical("--vip", ch->vip, canonical, err)) != LP_OK)
		return s;
	if (ch->pools && (s = serve_pools(st, id, ch->pools, ch->npools, err)) != LP_OK)
		return s;
	if ((s = topo_db_run(st, "changing a load balancer", err, NULL,
			     "UPDATE load_balancer SET name = coalesce(?2, name), vip = coalesce(?3, vip)"
			     " WHERE id = ?1", "itt", id, ch->new_name,
			     ch->vip ? canonical : NULL)) != LP_OK)
		return s;
	return lb_apply_side(st, id, ch, err);
}

enum lp_status topology_lb_set_with(struct store *st, const char *name,
				    const struct topo_lb_change *ch, struct lp_error *err)
{
	bool nested;
	enum lp_status s = topo_db_begin(st, &nested, err);

	if (s != LP_OK)
		return s;
	return topo_db_end(st, nested, lb_set_in(st, name, ch, err), err);
}

enum lp_status topology_lb_set(struct store *st, const char *name, const char *new_name,
			       const char *vip, const char *const *pools, size_t npools,
			       struct lp_error *err)
{
	const struct topo_lb_change ch = { .new_name = new_name, .vip = vip, .pools = pools,
					   .npools = npools };

	return topology_lb_set_with(st, name, &ch, err);
}

static enum lp_status lb_rm_in(struct store *st, const char *name, struct lp_error *err)
{
	enum lp_status s;
	int64_t id = 0;

	if ((s = need_lb(st, name, &id, err)) != LP_OK)
		return s;
	return topo_db_run(st, "removing a load balancer", err, NULL,
			   "DELETE FROM load_balancer WHERE id = ?1", "i", id);
}

enum lp_status topology_lb_rm(struct store *st, const char *name, struct lp_error *err)
{
	bool nested;
	enum lp_status s = topo_db_begin(st, &nested, err);

	if (s != LP_OK)
		return s;
	return topo_db_end(st, nested, lb_rm_in(st, name, err), err);
}

/* A growing comma-separated list; the caller frees buf. */
struct pool_list {
	char *buf;
	size_t len, cap;
};

static bool pool_list_add(struct pool_list *l, const char *fqdn)
{
	size_t n = strlen(fqdn) + 2;

	if (l->len + n > l->cap) {
		size_t cap = (l->len + n) * 2;
		char *grown = realloc(l->buf, cap);

		if (!grown)
			return false;
		l->buf = grown;
		l->cap = cap;
	}
	l->len += (size_t)sprintf(l->buf + l->len, "%s%s", l->len ? "," : "", fqdn);
	return true;
}

/* The load balancer being gathered from the rows of its pools: its
 * fields copied, as the next row replaces the statement's. */
struct lb_acc {
	struct topo_lb_row r;
	char *name, *vip;
	struct pool_list pools;
};

/* Starts gathering the load balancer of the current row of stmt. */
static bool lb_acc_start(struct lb_acc *a, sqlite3_stmt *stmt)
{
	free(a->name);
	free(a->vip);
	a->r.id = sqlite3_column_int64(stmt, 0);
	a->r.side = LB_SIDE_INTERNAL;
	a->r.service = EDGE_SERVICE_NONE;
	topology_lb_side_parse(topo_db_text(stmt, 4), &a->r.side);
	topology_edge_service_parse(topo_db_text(stmt, 5), &a->r.service);
	a->name = strdup(topo_db_text(stmt, 1));
	a->vip = strdup(topo_db_text(stmt, 2));
	a->pools.len = 0;
	if (a->pools.buf)
		a->pools.buf[0] = '\0';
	return a->name && a->vip;
}

/* Passes the gathered load balancer to cb; cb's answer. */
static int lb_acc_emit(struct lb_acc *a, int (*cb)(const struct topo_lb_row *, void *),
		       void *ud)
{
	a->r.name = a->name;
	a->r.vip = a->vip;
	a->r.pools = a->pools.buf ? a->pools.buf : "";
	return cb(&a->r, ud);
}

enum lp_status topology_lb_each(struct store *st, int (*cb)(const struct topo_lb_row *, void *),
				void *ud, struct lp_error *err)
{
	/* One query for all: a query per load balancer costs more than the
	 * rows it reads. A load balancer serving no pool has one row, with
	 * a NULL pool. */
	static const char sql[] =
		"SELECT l.id, l.name, l.vip, p.fqdn, l.side, l.service FROM load_balancer l"
		" LEFT JOIN (lb_pool x JOIN pool p ON p.id = x.pool_id) ON x.lb_id = l.id"
		" ORDER BY l.name, p.fqdn";
	struct lb_acc a = { { 0 }, NULL, NULL, { NULL, 0, 0 } };
	bool have = false, stopped = false;
	sqlite3_stmt *stmt;
	enum lp_status s;
	int rc;

	if ((s = store_prepare(st, sql, &stmt, err)) != LP_OK)
		return s;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (!have || sqlite3_column_int64(stmt, 0) != a.r.id) {
			if (have && (stopped = lb_acc_emit(&a, cb, ud) != 0))
				break;
			have = true;
			if (!lb_acc_start(&a, stmt))
				break;
		}
		if (sqlite3_column_type(stmt, 3) != SQLITE_NULL &&
		    !pool_list_add(&a.pools, topo_db_text(stmt, 3)))
			break;
	}
	if (rc == SQLITE_ROW && !stopped)
		s = lp_fail(err, LP_EDB, "out of memory");
	else if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		s = store_fail(st, rc, "reading load balancers", err);
	else if (have && !stopped)
		lb_acc_emit(&a, cb, ud);
	sqlite3_finalize(stmt);
	free(a.name);
	free(a.vip);
	free(a.pools.buf);
	return s;
}
