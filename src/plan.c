/* plan.c - the derivation, read from the views of db/schema.sql
 * (port_matrix, lb_ports, lb_compare, client_ports, flows), which hold its
 * logic: this file binds filters and paging keys and streams rows to
 * callbacks. The checks are queries over the topology and those views. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "plan.h"

/* ---- shared plumbing ---- */

static const char *plan_text(sqlite3_stmt *stmt, int col)
{
	const unsigned char *t = sqlite3_column_text(stmt, col);

	return t ? (const char *)t : "";
}

/* Steps stmt, handing each row to emit until it returns non-zero, then
 * finalizes stmt. `what` names the action for a database error. */
static enum lp_status plan_each(struct store *st, sqlite3_stmt *stmt, const char *what,
				int (*emit)(sqlite3_stmt *, void *), void *ud,
				struct lp_error *err)
{
	enum lp_status s = LP_OK;
	int rc;

	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		if (emit(stmt, ud)) {
			rc = SQLITE_DONE;
			break;
		}
	if (rc != SQLITE_DONE)
		s = store_fail(st, rc, what, err);
	sqlite3_finalize(stmt);
	return s;
}

/* Prepares sql and binds the strings vals[0..n-1] to ?1..?n (NULL binds
 * NULL). The strings must outlive the statement. */
static enum lp_status plan_prepare(struct store *st, const char *sql, const char *const *vals,
				   int n, sqlite3_stmt **stmt, struct lp_error *err)
{
	enum lp_status s = store_prepare(st, sql, stmt, err);
	int i;

	for (i = 0; s == LP_OK && i < n; i++)
		sqlite3_bind_text(*stmt, i + 1, vals[i], -1, SQLITE_STATIC);
	return s;
}

/* ---- filters ---- */

static enum lp_status plan_exists(struct store *st, const char *sql, const char *key,
				  bool *found, struct lp_error *err)
{
	sqlite3_stmt *stmt;
	enum lp_status s = plan_prepare(st, sql, &key, 1, &stmt, err);
	int rc;

	if (s != LP_OK)
		return s;
	rc = sqlite3_step(stmt);
	*found = rc == SQLITE_ROW;
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		s = store_fail(st, rc, "reading the topology", err);
	sqlite3_finalize(stmt);
	return s;
}

enum lp_status plan_filter_check(struct store *st, const struct plan_filter *filter,
				 const char **field, struct lp_error *err)
{
	/* A role is known when the catalog has rows for it: every server role
	 * does, and so do the client table's 'client' and 'device'. */
	static const struct {
		const char *field, *sql;
	} lookups[] = {
		{ "site", "SELECT 1 FROM site WHERE name = ?1" },
		{ "pool", "SELECT 1 FROM pool WHERE fqdn = ?1" },
		{ "server", "SELECT 1 FROM server WHERE fqdn = ?1" },
		{ "role", "SELECT 1 FROM catalog"
			  " WHERE role = ?1 AND role NOT IN ('all', 'internal')" },
	};
	const char *keys[] = { filter->site, filter->pool, filter->server, filter->role };
	enum lp_status s;
	bool found;
	size_t i;

	for (i = 0; i < sizeof lookups / sizeof lookups[0]; i++) {
		if (!keys[i])
			continue;
		if ((s = plan_exists(st, lookups[i].sql, keys[i], &found, err)) != LP_OK)
			return s;
		if (!found) {
			*field = lookups[i].field;
			return lp_fail(err, LP_EINPUT, "no %s named '%s'", lookups[i].field,
				       keys[i]);
		}
	}
	return LP_OK;
}

/* ---- port matrix ---- */

#define MATRIX_COLUMNS \
	"SELECT site, pool, server, address, interface, role, service, ports, transport," \
	" protocol, notes, source, port_lo, port_hi FROM port_matrix"
#define MATRIX_FILTER \
	" WHERE (?1 IS NULL OR site = ?1) AND (?2 IS NULL OR pool = ?2)" \
	" AND (?3 IS NULL OR server = ?3) AND (?4 IS NULL OR role = ?4)"
#define MATRIX_ORDER \
	" ORDER BY site, pool, server, port_lo, port_hi, transport, interface LIMIT ?12"

/* Resuming after a key: the site bound lets the site index start there,
 * and the (site, pool, server) bound skips earlier servers before their
 * port rows are joined. */
#define MATRIX_AFTER \
	" AND site >= ?5 AND (site, pool, server) >= (?5, ?6, ?7)" \
	" AND (site, pool, server, port_lo, port_hi, transport, interface)" \
	" > (?5, ?6, ?7, ?8, ?9, ?10, ?11)"

struct matrix_ud {
	int (*cb)(const struct plan_port_row *, void *);
	void *ud;
};

static int matrix_emit(sqlite3_stmt *stmt, void *ud)
{
	struct matrix_ud *m = ud;
	struct plan_port_row r = {
		.site = plan_text(stmt, 0), .pool = plan_text(stmt, 1),
		.server = plan_text(stmt, 2), .address = plan_text(stmt, 3),
		.interface = plan_text(stmt, 4), .role = plan_text(stmt, 5),
		.service = plan_text(stmt, 6), .ports = plan_text(stmt, 7),
		.transport = plan_text(stmt, 8), .protocol = plan_text(stmt, 9),
		.notes = plan_text(stmt, 10), .source = plan_text(stmt, 11),
		.port_lo = sqlite3_column_int(stmt, 12), .port_hi = sqlite3_column_int(stmt, 13),
	};

	return m->cb(&r, m->ud);
}

enum lp_status plan_port_matrix(struct store *st, const struct plan_filter *filter,
				const struct plan_port_key *after, int limit,
				int (*cb)(const struct plan_port_row *, void *), void *ud,
				struct lp_error *err)
{
	static const char first[] = MATRIX_COLUMNS MATRIX_FILTER MATRIX_ORDER;
	static const char resume[] = MATRIX_COLUMNS MATRIX_FILTER MATRIX_AFTER MATRIX_ORDER;
	const struct plan_filter none = { 0 };
	const struct plan_filter *f = filter ? filter : &none;
	const char *vals[] = { f->site, f->pool, f->server, f->role };
	struct matrix_ud m = { cb, ud };
	sqlite3_stmt *stmt;
	enum lp_status s;

	s = plan_prepare(st, after ? resume : first, vals, 4, &stmt, err);
	if (s != LP_OK)
		return s;
	if (after) {
		sqlite3_bind_text(stmt, 5, after->site, -1, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 6, after->pool, -1, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 7, after->server, -1, SQLITE_STATIC);
		sqlite3_bind_int(stmt, 8, after->port_lo);
		sqlite3_bind_int(stmt, 9, after->port_hi);
		sqlite3_bind_text(stmt, 10, after->transport, -1, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 11, after->interface, -1, SQLITE_STATIC);
	}
	sqlite3_bind_int(stmt, 12, limit > 0 ? limit : -1);
	return plan_each(st, stmt, "deriving the port matrix", matrix_emit, &m, err);
}

static int count_emit(sqlite3_stmt *stmt, void *ud)
{
	*(long *)ud = (long)sqlite3_column_int64(stmt, 0);
	return 1;
}

enum lp_status plan_port_count(struct store *st, const struct plan_filter *filter,
			       long *count, struct lp_error *err)
{
	/* Servers times rows per server: the same filter as MATRIX_FILTER,
	 * a hundred times faster than counting the ordered view. */
	static const char sql[] =
		"SELECT coalesce(sum(z.rows_per_server *"
		" (SELECT count(*) FROM server s WHERE s.pool_id = z.pool_id"
		"  AND (?3 IS NULL OR s.fqdn = ?3))), 0)"
		" FROM pool_matrix_size z"
		" WHERE (?1 IS NULL OR z.site = ?1) AND (?2 IS NULL OR z.pool = ?2)"
		" AND (?4 IS NULL OR z.role = ?4)";
	const struct plan_filter none = { 0 };
	const struct plan_filter *f = filter ? filter : &none;
	const char *vals[] = { f->site, f->pool, f->server, f->role };
	sqlite3_stmt *stmt;
	enum lp_status s;

	*count = 0;
	if ((s = plan_prepare(st, sql, vals, 4, &stmt, err)) != LP_OK)
		return s;
	return plan_each(st, stmt, "counting the port matrix", count_emit, count, err);
}

void plan_port_key_of(const struct plan_port_row *row, struct plan_port_key *key)
{
	snprintf(key->site, sizeof key->site, "%s", row->site);
	snprintf(key->pool, sizeof key->pool, "%s", row->pool);
	snprintf(key->server, sizeof key->server, "%s", row->server);
	snprintf(key->transport, sizeof key->transport, "%s", row->transport);
	snprintf(key->interface, sizeof key->interface, "%s", row->interface);
	key->port_lo = row->port_lo;
	key->port_hi = row->port_hi;
}

/* ---- load balancers ---- */

struct lb_ud {
	int (*cb)(const struct plan_lb_row *, void *);
	void *ud;
};

static int lb_emit(sqlite3_stmt *stmt, void *ud)
{
	struct lb_ud *l = ud;
	struct plan_lb_row r = {
		.site = plan_text(stmt, 0), .pool = plan_text(stmt, 1),
		.role = plan_text(stmt, 2), .mode = plan_text(stmt, 3),
		.side = plan_text(stmt, 4), .service = plan_text(stmt, 5),
		.load_balancers = plan_text(stmt, 6), .vips = plan_text(stmt, 7),
		.ports = plan_text(stmt, 8), .transport = plan_text(stmt, 9),
		.protocol = plan_text(stmt, 10), .notes = plan_text(stmt, 11),
		.source = plan_text(stmt, 12), .port_lo = sqlite3_column_int(stmt, 13),
		.port_hi = sqlite3_column_int(stmt, 14),
	};

	return l->cb(&r, l->ud);
}

enum lp_status plan_lb_ports(struct store *st, const char *pool,
			     int (*cb)(const struct plan_lb_row *, void *), void *ud,
			     struct lp_error *err)
{
	static const char sql[] =
		"SELECT site, pool, role, mode, side, service, load_balancers, vips, ports,"
		" transport, protocol, notes, source, port_lo, port_hi FROM lb_ports"
		" WHERE ?1 IS NULL OR pool = ?1";
	struct lb_ud l = { cb, ud };
	sqlite3_stmt *stmt;
	enum lp_status s = plan_prepare(st, sql, &pool, 1, &stmt, err);

	if (s != LP_OK)
		return s;
	return plan_each(st, stmt, "deriving load balancer ports", lb_emit, &l, err);
}

struct compare_ud {
	int (*cb)(const struct plan_lb_compare_row *, void *);
	void *ud;
};

static int compare_emit(sqlite3_stmt *stmt, void *ud)
{
	struct compare_ud *c = ud;
	struct plan_lb_compare_row r = {
		.site = plan_text(stmt, 0), .pool = plan_text(stmt, 1),
		.role = plan_text(stmt, 2), .current_mode = plan_text(stmt, 3),
		.ports = plan_text(stmt, 4), .transport = plan_text(stmt, 5),
		.protocol = plan_text(stmt, 6), .in = plan_text(stmt, 7),
		.source = plan_text(stmt, 8), .port_lo = sqlite3_column_int(stmt, 9),
		.port_hi = sqlite3_column_int(stmt, 10),
	};

	return c->cb(&r, c->ud);
}

enum lp_status plan_lb_compare(struct store *st, const char *pool,
			       int (*cb)(const struct plan_lb_compare_row *, void *), void *ud,
			       struct lp_error *err)
{
	static const char sql[] =
		"SELECT site, pool, role, current_mode, ports, transport, protocol, \"in\","
		" source, port_lo, port_hi FROM lb_compare WHERE ?1 IS NULL OR pool = ?1";
	struct compare_ud c = { cb, ud };
	sqlite3_stmt *stmt;
	enum lp_status s = plan_prepare(st, sql, &pool, 1, &stmt, err);

	if (s != LP_OK)
		return s;
	return plan_each(st, stmt, "comparing load balancing modes", compare_emit, &c, err);
}

/* ---- clients ---- */

struct client_ud {
	int (*cb)(const struct plan_client_row *, void *);
	void *ud;
};

static int client_emit(sqlite3_stmt *stmt, void *ud)
{
	struct client_ud *c = ud;
	struct plan_client_row r = {
		.role = plan_text(stmt, 0), .direction = plan_text(stmt, 1),
		.component = plan_text(stmt, 2), .ports = plan_text(stmt, 3),
		.transport = plan_text(stmt, 4), .protocol = plan_text(stmt, 5),
		.notes = plan_text(stmt, 6), .source = plan_text(stmt, 7),
		.port_lo = sqlite3_column_int(stmt, 8),
		.port_hi = sqlite3_column_int(stmt, 9),
	};

	return c->cb(&r, c->ud);
}

enum lp_status plan_client_ports(struct store *st, const char *role,
				 int (*cb)(const struct plan_client_row *, void *), void *ud,
				 struct lp_error *err)
{
	static const char sql[] =
		"SELECT role, direction, component, ports, transport, protocol, notes,"
		" source, port_lo, port_hi FROM client_ports WHERE ?1 IS NULL OR role = ?1";
	struct client_ud c = { cb, ud };
	sqlite3_stmt *stmt;
	enum lp_status s = plan_prepare(st, sql, &role, 1, &stmt, err);

	if (s != LP_OK)
		return s;
	return plan_each(st, stmt, "deriving client ports", client_emit, &c, err);
}

/* ---- flows ---- */

/* An end matches a filter by its pool FQDN or party name, or as shown;
 * the pool filter wants either end in the pool. */
#define FLOW_FILTER \
	" WHERE (?1 IS NULL OR from_name = ?1 COLLATE NOCASE OR \"from\" = ?1 COLLATE NOCASE)" \
	" AND (?2 IS NULL OR to_name = ?2 COLLATE NOCASE OR \"to\" = ?2 COLLATE NOCASE)" \
	" AND (?3 IS NULL OR from_name = ?3 COLLATE NOCASE OR to_name = ?3 COLLATE NOCASE)"

struct flow_ud {
	int (*cb)(const struct plan_flow_row *, void *);
	void *ud;
};

static int flow_emit(sqlite3_stmt *stmt, void *ud)
{
	struct flow_ud *f = ud;
	struct plan_flow_row r = {
		.from = plan_text(stmt, 0), .from_addresses = plan_text(stmt, 1),
		.to = plan_text(stmt, 2), .to_addresses = plan_text(stmt, 3),
		.direction = plan_text(stmt, 4), .ports = plan_text(stmt, 5),
		.transport = plan_text(stmt, 6), .protocol = plan_text(stmt, 7),
		.why = plan_text(stmt, 8), .condition = plan_text(stmt, 9),
		.source = plan_text(stmt, 10), .port_lo = sqlite3_column_int(stmt, 11),
		.port_hi = sqlite3_column_int(stmt, 12), .from_zone = plan_text(stmt, 13),
		.to_zone = plan_text(stmt, 14),
	};

	return f->cb(&r, f->ud);
}

enum lp_status plan_flows(struct store *st, const char *from, const char *to, const char *pool,
			  int (*cb)(const struct plan_flow_row *, void *), void *ud,
			  struct lp_error *err)
{
	static const char sql[] =
		"SELECT \"from\", from_addresses, \"to\", to_addresses, direction, ports,"
		" transport, protocol, why, condition, source, port_lo, port_hi, from_zone, to_zone"
		" FROM flow_rules"
		FLOW_FILTER;
	const char *vals[] = { from, to, pool };
	struct flow_ud f = { cb, ud };
	sqlite3_stmt *stmt;
	enum lp_status s = plan_prepare(st, sql, vals, 3, &stmt, err);

	if (s != LP_OK)
		return s;
	return plan_each(st, stmt, "deriving the flows", flow_emit, &f, err);
}

/* A string being filled, cut at its size. */
struct plan_buf {
	char *buf;
	size_t size;
};

static int party_emit(sqlite3_stmt *stmt, void *ud)
{
	struct plan_buf *b = ud;
	size_t n = strlen(b->buf);

	snprintf(b->buf + n, b->size - n, "%s%s", n ? ", " : "", plan_text(stmt, 0));
	return 0;
}

/* The parties' names, comma-separated, into buf (size bytes). */
static enum lp_status plan_parties(struct store *st, char *buf, size_t size,
				   struct lp_error *err)
{
	struct plan_buf b = { buf, size };
	sqlite3_stmt *stmt;
	enum lp_status s;

	buf[0] = '\0';
	s = store_prepare(st, "SELECT label FROM flow_end WHERE pool_role IS NULL ORDER BY rowid",
			  &stmt, err);
	if (s != LP_OK)
		return s;
	return plan_each(st, stmt, "reading the parties", party_emit, &b, err);
}

enum lp_status plan_flow_filter_check(struct store *st, const char *from, const char *to,
				      const char **field, struct lp_error *err)
{
	static const char sql[] =
		"SELECT 1 FROM pool WHERE fqdn = ?1"
		" UNION ALL SELECT 1 FROM flow_ends WHERE label = ?1 COLLATE NOCASE";
	const char *keys[] = { from, to }, *fields[] = { "from", "to" };
	char parties[256];
	enum lp_status s;
	bool found;
	int i;

	for (i = 0; i < 2; i++) {
		if (!keys[i])
			continue;
		if ((s = plan_exists(st, sql, keys[i], &found, err)) != LP_OK)
			return s;
		if (found)
			continue;
		if ((s = plan_parties(st, parties, sizeof parties, err)) != LP_OK)
			return s;
		*field = fields[i];
		return lp_fail(err, LP_EINPUT, "no pool or party named '%s' (parties: %s)",
			       keys[i], parties);
	}
	return LP_OK;
}

/* ---- checks ---- */

/* Characters a POSIX shell takes literally anywhere in a word. */
#define PLAN_SHELL_PLAIN \
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-+:,/@%"

/* shell_quote(TEXT): TEXT as one word of a POSIX shell: as it is when
 * every character is plain, else in single quotes, a quote inside written
 * '\''. Every command a check hint suggests passes the topology's text
 * through it, so a hint pasted into a shell runs that command and no other. */
static void plan_shell_quote(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char *s = (const char *)sqlite3_value_text(argv[0]), *p;
	size_t len = 2;
	char *out, *o;

	(void)argc;
	if (!s)
		s = "";
	if (s[0] && s[strspn(s, PLAN_SHELL_PLAIN)] == '\0') {
		sqlite3_result_text(ctx, s, -1, SQLITE_TRANSIENT);
		return;
	}
	for (p = s; *p; p++)
		len += *p == '\'' ? 4 : 1;
	if (!(out = sqlite3_malloc64(len + 1))) {
		sqlite3_result_error_nomem(ctx);
		return;
	}
	o = out;
	*o++ = '\'';
	for (p = s; *p; p++) {
		if (*p == '\'') { /* close, an escaped quote, and the quote reopens */
			*o++ = '\'';
			*o++ = '\\';
			*o++ = '\'';
		}
		*o++ = *p;
	}
	*o++ = '\'';
	sqlite3_result_text(ctx, out, (int)(o - out), sqlite3_free);
}

/* A check is a query yielding (subject, message, hint) per finding,
 * ordered by subject; the table is in severity order, errors first. */
struct plan_check_def {
	enum plan_severity severity;
	const char *code, *kind, *sql;
};

/* The number of servers in pool p; a pool needs a load balancer only
 * when it has more than one. */
#define SERVERS_OF(p) "(SELECT count(*) FROM server s WHERE s.pool_id = " p ".id)"

static const struct plan_check_def plan_checks[] = {
	{ SEVERITY_ERROR, "dns-lb-without-hlb", "pool",
	  "SELECT p.fqdn, 'DNS load balancing balances SIP only: the ' || p.role"
	  " || ' pool''s web traffic needs a hardware load balancer, and none serves it',"
	  " 'add one: lyncplan lb add NAME --vip ADDRESS --pool ' || shell_quote(p.fqdn)"
	  " FROM pool p WHERE p.lb = 'dns' AND " SERVERS_OF("p") " > 1"
	  " AND EXISTS (SELECT 1 FROM catalog c WHERE c.section = 'hlb-dns' AND c.role = p.role)"
	  " AND NOT EXISTS (SELECT 1 FROM lb_pool lp WHERE lp.pool_id = p.id)"
	  " ORDER BY p.fqdn" },
	{ SEVERITY_ERROR, "hardware-lb-missing", "pool",
	  "SELECT p.fqdn,"
	  " 'the pool is set to hardware load balancing, but no load balancer serves it',"
	  " 'add one: lyncplan lb add NAME --vip ADDRESS --pool ' || shell_quote(p.fqdn)"
	  " FROM pool p WHERE p.lb = 'hardware' AND " SERVERS_OF("p") " > 1"
	  " AND NOT EXISTS (SELECT 1 FROM lb_pool lp WHERE lp.pool_id = p.id)"
	  " ORDER BY p.fqdn" },
	{ SEVERITY_ERROR, "no-cms", "topology",
	  "SELECT '', 'no pool holds the Central Management store',"
	  " 'mark the Front End pool that holds it: lyncplan pool set FQDN --cms'"
	  " WHERE EXISTS (SELECT 1 FROM pool WHERE role = 'front-end')"
	  " AND NOT EXISTS (SELECT 1 FROM pool WHERE cms = 1)" },
	{ SEVERITY_ERROR, "shared-address", "server",
	  "WITH used (address, what, server) AS ("
	  "  SELECT address, 'server ' || fqdn, fqdn FROM server WHERE address <> ''"
	  "  UNION ALL SELECT vip, 'load balancer ' || name, NULL FROM load_balancer)"
	  " SELECT fqdn, 'address ' || address || ' is also used by ' || max(others),"
	  " 'give each server and load balancer VIP an address of its own'"
	  " FROM (SELECT s.fqdn, s.address, group_concat(u.what, ', ') OVER ("
	  "        PARTITION BY s.id ORDER BY u.what"
	  "        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS others"
	  "       FROM server s JOIN used u ON u.address = s.address AND u.server IS NOT s.fqdn"
	  "       WHERE s.address <> '')"
	  " GROUP BY fqdn ORDER BY fqdn" },
	{ SEVERITY_ERROR, "edge-nat-hardware-lb", "pool",
	  "SELECT fqdn, 'the external interface uses NAT, but the Edge pool is hardware load"
	  " balanced: \"NAT is not supported with a hardware load balancing (HLB) Edge topology\""
	  " [edge-rules: edge-nat-dns-lb-only]',"
	  " 'give it public addresses (lyncplan pool set ' || shell_quote(fqdn) || ' --edge-external public)"
	  " or DNS load balancing (--lb dns)'"
	  " FROM pool WHERE role = 'edge' AND lb = 'hardware' AND edge_external = 'nat'"
	  " ORDER BY fqdn" },
	{ SEVERITY_WARNING, "multi-server-no-lb", "pool",
	  "SELECT fqdn, 'the pool has ' || n || ' servers but no load balancing',"
	  " 'choose one: lyncplan pool set ' || shell_quote(fqdn) || ' --lb dns (or hardware)'"
	  " FROM (SELECT p.fqdn, " SERVERS_OF("p") " AS n FROM pool p WHERE p.lb = 'none')"
	  " WHERE n > 1 ORDER BY fqdn" },
	{ SEVERITY_WARNING, "empty-pool", "pool",
	  "SELECT p.fqdn, 'the pool has no servers',"
	  " 'add one: lyncplan server add FQDN --pool ' || shell_quote(p.fqdn)"
	  " FROM pool p WHERE NOT EXISTS (SELECT 1 FROM server s WHERE s.pool_id = p.id)"
	  " ORDER BY p.fqdn" },
	{ SEVERITY_WARNING, "edge-single-server", "pool",
	  "SELECT p.fqdn, 'one Edge Server has no high availability: \"If you need high"
	  " availability, deploy at least two Edge Servers in a pool.\" [edge-rules: edge-ha-two-servers]',"
	  " 'add a second: lyncplan server add FQDN --pool ' || shell_quote(p.fqdn)"
	  " FROM pool p WHERE p.role = 'edge' AND " SERVERS_OF("p") " = 1 ORDER BY p.fqdn" },
	/* The scenarios that need a hardware-load-balanced Edge pool and that
	 * the plan knows of; the third, Exchange UM before Exchange 2010 SP1,
	 * is named in the hints. */
	{ SEVERITY_WARNING, "edge-dns-lb-failover", "pool",
	  "SELECT p.fqdn, f.names || ' on: these \"are not DNS load balancing aware and will only"
	  " connect to the first Edge Server in the pool. If that server is unavailable, the"
	  " connection will fail.\" [edge-rules: edge-hlb-when-required,"
	  " edge-dns-lb-failover-limits]',"
	  " 'for high availability balance the pool by hardware (with public addresses):"
	  " lyncplan pool set ' || shell_quote(p.fqdn) || ' --lb hardware'"
	  " FROM pool p, (SELECT count(*) AS n, CASE count(*) WHEN 2 THEN 'public IM connectivity"
	  " and federation with Office Communications Server 2007'"
	  " WHEN 1 THEN max(CASE name WHEN 'public-im' THEN 'public IM connectivity'"
	  " ELSE 'federation with Office Communications Server 2007' END) END AS names"
	  " FROM feature WHERE enabled = 1 AND name IN ('public-im', 'federation-ocs2007')) f"
	  " WHERE p.role = 'edge' AND p.lb = 'dns' AND " SERVERS_OF("p") " > 1 AND f.n > 0"
	  " ORDER BY p.fqdn" },
	{ SEVERITY_WARNING, "edge-hlb-not-needed", "pool",
	  "SELECT p.fqdn, 'hardware load balanced while neither public IM connectivity nor"
	  " federation with Office Communications Server 2007 needs it: the scaled Edge topology"
	  " \"is optimized for DNS load balancing\" [edge-rules: edge-dns-lb-recommended,"
	  " edge-hlb-when-required]',"
	  " 'keep it if remote users use Exchange UM older than Exchange 2010 SP1; otherwise"
	  " lyncplan pool set ' || shell_quote(p.fqdn) || ' --lb dns'"
	  " FROM pool p WHERE p.role = 'edge' AND p.lb = 'hardware' AND " SERVERS_OF("p") " > 1"
	  " AND NOT EXISTS (SELECT 1 FROM feature WHERE enabled = 1"
	  "                 AND name IN ('public-im', 'federation-ocs2007'))"
	  " ORDER BY p.fqdn" },
	{ SEVERITY_WARNING, "edge-without-reverse-proxy", "pool",
	  "SELECT p.fqdn, 'external users reach the web services (\"Address book downloads,"
	  " Address Book Web Query service, Autodiscover, client updates, meeting content ...\")"
	  " through a reverse proxy, and the topology has none [catalog: reverse-proxy-external]',"
	  " 'add one: lyncplan pool add FQDN --site ' || shell_quote(t.name) || ' --role reverse-proxy'"
	  " FROM pool p JOIN site t ON t.id = p.site_id WHERE p.role = 'edge'"
	  " AND NOT EXISTS (SELECT 1 FROM pool r WHERE r.role = 'reverse-proxy')"
	  " ORDER BY p.fqdn" },
	/* A feature whose catalog rows are all for roles the topology has no
	 * pool of (the Back End's rows are its Front End pool's). */
	{ SEVERITY_WARNING, "feature-unused", "feature",
	  "WITH need (feature, role) AS ("
	  "  SELECT DISTINCT cf.feature,"
	  "         coalesce((SELECT e.pool_role FROM flow_end e WHERE e.role = c.role), c.role)"
	  "    FROM condition_feature cf JOIN catalog c ON c.condition = cf.condition"
	  "   WHERE c.role NOT IN ('client', 'device')),"
	  " listed (feature, roles) AS ("
	  "  SELECT feature, max(roles) FROM (SELECT feature, group_concat(role, ', ') OVER ("
	  "           PARTITION BY feature ORDER BY role"
	  "           ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS roles FROM need)"
	  "   GROUP BY feature)"
	  " SELECT f.name, 'the feature is on, but its ports are for pools the topology does not"
	  " have (' || l.roles || ')',"
	  " 'add such a pool (lyncplan pool add), or: lyncplan feature off ' || shell_quote(f.name)"
	  " FROM feature f JOIN listed l ON l.feature = f.name"
	  " WHERE f.enabled = 1"
	  " AND NOT EXISTS (SELECT 1 FROM need n JOIN pool p ON p.role = n.role"
	  "                 WHERE n.feature = f.name)"
	  " ORDER BY f.rowid" },
	/* Overlaps between the merged port ranges of a pool's profile, where
	 * the transports share a protocol: every server of the pool has them. */
	{ SEVERITY_WARNING, "zone-unset", "topology",
	  "SELECT '', 'the ' || z.zone || ' network has no prefixes: the flow scripts (nft,"
	  " ps1, netsh) leave them to fill in by hand for the parties that stand for '"
	  " || CASE z.zone WHEN 'internal' THEN 'it (internal clients without peers) and for"
	  " the Internet' ELSE 'the Internet (every address outside the internal and perimeter"
	  " networks)' END,"
	  " 'lyncplan zone set ' || z.zone || ' --cidr PREFIX[,PREFIX]...'"
	  " FROM (SELECT 'internal' AS zone UNION ALL SELECT 'perimeter') z"
	  " WHERE EXISTS (SELECT 1 FROM pool)"
	  " AND NOT EXISTS (SELECT 1 FROM zone_prefix p WHERE p.zone = z.zone)"
	  " ORDER BY z.zone" },
	/* The ends of the flows that lack their addresses (db/flows-4.sql:
	 * flow_pool_ends): a server's address on an interface a flow uses
	 * (the Back End's and the mirroring's: its Back End and mirror pools'
	 * servers, the witness), and below a pool's VIP of a side and
	 * service, its Back End link. */
	{ SEVERITY_WARNING, "missing-address", "server",
	  "WITH need AS ("
	  "  SELECT s.id, s.fqdn, fe.interface FROM flow_pool_ends fe"
	  "    JOIN server s ON s.pool_id = fe.pool_id"
	  "   WHERE fe.addresses = 'servers'"
	  "     AND (fe.interface = 'internal' OR fe.interface LIKE 'external%')"
	  "  UNION SELECT s.id, s.fqdn, 'internal' FROM flow_pool_ends fe"
	  "    JOIN pool p ON p.id = fe.pool_id"
	  "    JOIN server s ON s.pool_id IN (p.back_end, p.mirror) OR s.id = p.witness"
	  "   WHERE fe.interface IN ('back-end', 'sql-principal', 'sql-mirror', 'sql-witness')),"
	  " missing AS ("
	  "  SELECT n.fqdn, n.interface = 'internal' AS internal, n.interface,"
	  "         group_concat(n.interface, ', ') OVER ("
	  "           PARTITION BY n.id, n.interface = 'internal' ORDER BY n.interface"
	  "           ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS list"
	  "    FROM need n"
	  "   WHERE NOT EXISTS (SELECT 1 FROM server_interfaces i WHERE i.server_id = n.id"
	  "                     AND i.interface = n.interface AND i.address <> ''))"
	  " SELECT fqdn, 'flows of the plan use its ' || CASE WHEN internal THEN 'address'"
	  " ELSE 'external address' || CASE max(list) WHEN 'external' THEN ''"
	  " ELSE ' (' || max(list) || ')' END END || ' and the topology has none:"
	  " the nft, ps1 and netsh scripts leave their rules out',"
	  " 'lyncplan server set ' || shell_quote(fqdn) || CASE WHEN internal THEN ' --ip ADDRESS'"
	  " WHEN max(interface) = 'external' THEN ' --external-ip ADDRESS'"
	  " ELSE ' --external-ip ACCESS,WEBCONF,AV' END"
	  " FROM missing GROUP BY fqdn, internal ORDER BY fqdn, internal DESC" },
	{ SEVERITY_WARNING, "missing-address", "pool",
	  "SELECT p.fqdn, 'flows of the plan use its ' || CASE fe.interface"
	  " WHEN 'internal' THEN 'internal' WHEN 'external' THEN 'external'"
	  " WHEN 'external-access' THEN 'Access Edge external'"
	  " WHEN 'external-webconf' THEN 'Web Conferencing Edge external'"
	  " ELSE 'A/V Edge external' END || ' virtual IP, and no load balancer of that side'"
	  " || CASE WHEN fe.interface LIKE 'external-%' THEN ' and service' ELSE '' END"
	  " || ' serves the pool: the nft, ps1 and netsh scripts leave their rules out',"
	  " 'lyncplan lb add NAME --vip ADDRESS --pool ' || shell_quote(p.fqdn)"
	  " || CASE WHEN fe.interface = 'internal' THEN ''"
	  " ELSE ' --side external' || CASE WHEN fe.interface LIKE 'external-%'"
	  " THEN ' --service ' || substr(fe.interface, 10) ELSE '' END END"
	  " FROM flow_pool_ends fe JOIN pool p ON p.id = fe.pool_id"
	  " WHERE fe.addresses = 'load-balancers'"
	  " AND NOT EXISTS (SELECT 1 FROM pool_side_vips v WHERE v.pool_id = p.id"
	  "                 AND v.interface = fe.interface)"
	  " UNION ALL"
	  " SELECT p.fqdn, 'flows of the plan go to its SQL Server Back End, and no Back End pool"
	  " is linked to it: the nft, ps1 and netsh scripts leave their rules out',"
	  " 'lyncplan pool set ' || shell_quote(p.fqdn) || ' --back-end BACK-END-POOL'"
	  " FROM flow_pool_ends fe JOIN pool p ON p.id = fe.pool_id"
	  " WHERE fe.interface = 'back-end' AND p.back_end IS NULL"
	  " ORDER BY 1, 2" },
	{ SEVERITY_INFO, "port-ranges-overlap", "pool",
	  "WITH pair AS ("
	  "  SELECT a.pool_role, a.lb, a.collocated_mediation, a.cms, a.single_ip,"
	  "         a.ports || ' ' || a.transport || ' and '"
	  "         || b.ports || ' ' || b.transport"
	  "         || CASE a.interface WHEN 'internal' THEN ''"
	  "            ELSE ' (' || a.interface || ')' END AS text,"
	  "         a.interface, a.port_lo AS a_lo, a.port_hi AS a_hi, a.transport AS a_tr,"
	  "         b.port_lo AS b_lo, b.port_hi AS b_hi, b.transport AS b_tr"
	  "    FROM profile_port a JOIN profile_port b"
	  "      ON b.pool_role = a.pool_role AND b.lb = a.lb"
	  "     AND b.collocated_mediation = a.collocated_mediation AND b.cms = a.cms"
	  "     AND b.single_ip = a.single_ip AND b.interface = a.interface"
	  "     AND (a.port_lo, a.port_hi, a.transport) < (b.port_lo, b.port_hi, b.transport)"
	  "   WHERE a.port_lo < a.port_hi AND b.port_lo < b.port_hi"
	  "     AND a.port_lo <= b.port_hi AND b.port_lo <= a.port_hi"
	  "     AND (a.transport = b.transport OR 'TCP/UDP' IN (a.transport, b.transport))),"
	  " listed AS ("
	  "  SELECT pool_role, lb, collocated_mediation, cms, single_ip, max(list) AS list"
	  "    FROM (SELECT pool_role, lb, collocated_mediation, cms, single_ip,"
	  "                 group_concat(text, '; ') OVER ("
	  "            PARTITION BY pool_role, lb, collocated_mediation, cms, single_ip"
	  "            ORDER BY a_lo, a_hi, a_tr, b_lo, b_hi, b_tr, interface"
	  "            ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS list FROM pair)"
	  "   GROUP BY pool_role, lb, collocated_mediation, cms, single_ip)"
	  " SELECT p.fqdn, 'port ranges overlap on each of its servers: ' || l.list,"
	  " 'expected with the default media ranges; to mark media for QoS, give audio,"
	  " video and application sharing ranges of their own'"
	  " FROM pool p JOIN pool_port_profile f ON f.pool_id = p.id"
	  " JOIN listed l ON l.pool_role = p.role AND l.lb = p.lb"
	  " AND l.collocated_mediation = p.collocated_mediation AND l.cms = p.cms"
	  " AND l.single_ip = f.single_ip"
	  " WHERE EXISTS (SELECT 1 FROM server s WHERE s.pool_id = p.id)"
	  " ORDER BY p.fqdn" },
	{ SEVERITY_INFO, "edge-nat", "pool",
	  "SELECT fqdn, 'NAT on the external interface with ' || CASE lb WHEN 'dns'"
	  " THEN 'DNS load balancing' ELSE 'no load balancing' END || ', as supported; \"NAT must"
	  " be symmetric for incoming and outgoing traffic\" and \"The source IP address must"
	  " remain intact\" [edge-rules: edge-nat-dns-lb-only, edge-nat-symmetric,"
	  " edge-nat-keeps-source]',"
	  " 'configure the NAT device so, for all three Edge services; never NAT the internal"
	  " interface [edge-rules: edge-nat-external-only]'"
	  " FROM pool WHERE role = 'edge' AND lb <> 'hardware' AND edge_external = 'nat'"
	  " ORDER BY fqdn" },
	{ SEVERITY_INFO, "edge-hlb-settings", "pool",
	  "SELECT fqdn, 'hardware load balancer settings: no source NAT on the A/V Edge VIP,"
	  " no direct server return, TCP nagling off for 443 and the external 50,000-59,999; the"
	  " internal VIP balances the Access and A/V Edge only [edge-rules: edge-hlb-av-no-snat,"
	  " edge-hlb-no-dsr, edge-hlb-nagling, edge-hlb-internal-vip-services]',"
	  " 'the virtual IP ports: lyncplan lb-ports --pool ' || shell_quote(fqdn)"
	  " FROM pool WHERE role = 'edge' AND lb = 'hardware' ORDER BY fqdn" },
	{ SEVERITY_INFO, "edge-addresses", "pool",
	  "SELECT fqdn, 'the external interface needs ' || (3 * n + 3 * (lb = 'hardware'))"
	  " || CASE edge_external WHEN 'nat' THEN ' private addresses, each with a public one on"
	  " the NAT' ELSE ' public addresses' END || ': 3 per Edge Server (Access, Web"
	  " Conferencing and A/V Edge)' || CASE lb WHEN 'hardware' THEN ' and 3 virtual IPs'"
	  " ELSE '' END || ' [edge-rules: edge-ip-address-count]',"
	  " 'one address per server with a port per service is supported, not recommended"
	  " [edge-rules: edge-single-address-not-recommended]'"
	  " FROM (SELECT p.*, " SERVERS_OF("p") " AS n FROM pool p WHERE p.role = 'edge')"
	  " WHERE n > 0 ORDER BY fqdn" },
};

#define PLAN_CHECKS (sizeof plan_checks / sizeof plan_checks[0])

const char *plan_severity_name(enum plan_severity s)
{
	switch (s) {
	case SEVERITY_ERROR: return "error";
	case SEVERITY_WARNING: return "warning";
	case SEVERITY_INFO: return "info";
	}
	return "?";
}

struct check_ud {
	const struct plan_check_def *def;
	int (*cb)(const struct plan_finding *, void *);
	void *ud;
	int *errors;
	bool stopped;
};

static int check_emit(sqlite3_stmt *stmt, void *ud)
{
	struct check_ud *c = ud;
	struct plan_finding f = {
		.severity = c->def->severity, .code = c->def->code, .kind = c->def->kind,
		.subject = plan_text(stmt, 0), .message = plan_text(stmt, 1),
		.hint = plan_text(stmt, 2),
	};

	if (f.severity == SEVERITY_ERROR)
		(*c->errors)++;
	c->stopped = c->cb(&f, c->ud) != 0;
	return c->stopped;
}

enum lp_status plan_check(struct store *st,
			  int (*cb)(const struct plan_finding *, void *), void *ud,
			  int *errors, struct lp_error *err)
{
	struct check_ud c = { .cb = cb, .ud = ud, .errors = errors };
	enum lp_status s = LP_OK;
	size_t i;
	int rc;

	*errors = 0;
	/* DIRECTONLY: for these queries, never for a view or trigger of a file. */
	rc = sqlite3_create_function_v2(store_db(st), "shell_quote", 1,
					SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY,
					NULL, plan_shell_quote, NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return store_fail(st, rc, "checking the topology", err);
	for (i = 0; s == LP_OK && !c.stopped && i < PLAN_CHECKS; i++) {
		sqlite3_stmt *stmt;

		c.def = &plan_checks[i];
		if ((s = store_prepare(st, c.def->sql, &stmt, err)) == LP_OK)
			s = plan_each(st, stmt, "checking the topology", check_emit, &c, err);
	}
	return s;
}
