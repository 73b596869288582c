/* topology.c - the sites and pools of the deployment, and its optional
 * features. Every write validates first and runs as one transaction (or
 * savepoint), so a refused input leaves the file as it was. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "topo_db.h"
#include "topology.h"
#include "validate.h"

/* The key of a row other than ?2 holding key ?1, case ignored (see
 * topo_db_refuse_taken; pool FQDNs are COLLATE NOCASE). A site keeping
 * its own name takes no new one, even beside a twin in another case that
 * a file from before the rule may hold. */
static const char site_taken[] =
	"SELECT name FROM site WHERE name = ?1 COLLATE NOCASE AND id <> ?2"
	" AND NOT EXISTS (SELECT 1 FROM site WHERE id = ?2 AND name = ?1)";
static const char pool_taken[] = "SELECT fqdn FROM pool WHERE fqdn = ?1 AND id <> ?2";

/* ---- sites ---- */

static enum lp_status site_add_in(struct store *st, const char *name,
				  const char *description, struct lp_error *err)
{
	enum lp_status s;

	if ((s = topology_check_name("site name", name, err)) != LP_OK ||
	    (s = topology_check_text("--description", description, TOPO_TEXT_MAX, err)) != LP_OK ||
	    (s = topo_db_refuse_taken(st, "site name", "a site named", site_taken,
				      name, 0, err)) != LP_OK)
		return s;
	return topo_db_run(st, "adding a site", err, NULL,
			   "INSERT INTO site (name, description) VALUES (?1, ?2)", "tt",
			   name, description ? description : "");
}

enum lp_status topology_site_add(struct store *st, const char *name,
				 const char *description, struct lp_error *err)
{
	bool nested;
	enum lp_status s = topo_db_begin(st, &nested, err);

	if (s != LP_OK)
		return s;
	return topo_db_end(st, nested, site_add_in(st, name, description, err), err);
}

static enum lp_status site_set_in(struct store *st, const char *name, const char *new_name,
				  const char *description, struct lp_error *err)
{
	enum lp_status s;
	int64_t id;

	if ((s = topo_db_need_site(st, "site name", name, &id, err)) != LP_OK)
		return s;
	if (new_name && ((s = topology_check_name("--name", new_name, err)) != LP_OK ||
			 (s = topo_db_refuse_taken(st, "--name", "a site named", site_taken,
						   new_name, id, err)) != LP_OK))
		return s;
	if ((s = topology_check_text("--description", description, TOPO_TEXT_MAX, err)) != LP_OK)
		return s;
	return topo_db_run(st, "changing a site", err, NULL,
			   "UPDATE site SET name = coalesce(?2, name),"
			   " description = coalesce(?3, description) WHERE id = ?1",
			   "itt", id, new_name, description);
}

enum lp_status topology_site_set(struct store *st, const char *name, const char *new_name,
				 const char *description, struct lp_error *err)
{
	bool nested;
	enum lp_status s = topo_db_begin(st, &nested, err);

	if (s != LP_OK)
		return s;
	return topo_db_end(st, nested, site_set_in(st, name, new_name, description, err), err);
}

static enum lp_status site_rm_in(struct store *st, const char *name, bool force,
				 struct lp_error *err)
{
	char q[VALIDATE_QUOTE_SIZE];
	enum lp_status s;
	int64_t id, pools;

	if ((s = topo_db_need_site(st, "site name", name, &id, err)) != LP_OK ||
	    (s = topo_db_run(st, "removing a site", err, &pools,
			     "SELECT count(*) FROM pool WHERE site_id = ?1", "i", id)) != LP_OK)
		return s;
	if (pools && !force)
		return lp_fail(err, LP_EINPUT,
			       "site '%s': %lld %s on it (--force removes the site and everything in it)",
			       validate_quote(q, sizeof q, name), (long long)pools,
			       pools == 1 ? "pool depends" : "pools depend");
	if ((s = topo_db_run(st, "removing a site", err, NULL,
			     "DELETE FROM site WHERE id = ?1", "i", id)) != LP_OK)
		return s;
	return topo_db_prune_load_balancers(st, err);
}

enum lp_status topology_site_rm(struct store *st, const char *name, bool force,
				struct lp_error *err)
{
	bool nested;
	enum lp_status s = topo_db_begin(st, &nested, err);

	if (s != LP_OK)
		return s;
	return topo_db_end(st, nested, site_rm_in(st, name, force, err), err);
}

enum lp_status topology_site_each(struct store *st, int (*cb)(const struct topo_site *, void *),
				  void *ud, struct lp_error *err)
{
	static const char sql[] =
		"SELECT s.id, s.name, s.description,"
		" (SELECT count(*) FROM pool p WHERE p.site_id = s.id)"
		" FROM site s ORDER BY s.name";
	sqlite3_stmt *stmt;
	enum lp_status s;
	int rc;

	if ((s = store_prepare(st, sql, &stmt, err)) != LP_OK)
		return s;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct topo_site r = {
			.id = sqlite3_column_int64(stmt, 0),
			.name = topo_db_text(stmt, 1),
			.description = topo_db_text(stmt, 2),
			.pools = sqlite3_column_int(stmt, 3),
		};
		if (cb(&r, ud))
			break;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		s = store_fail(st, rc, "reading sites", err);
	sqlite3_finalize(stmt);
	return s;
}

/* ---- pools ---- */

/* Refuses what only a front-end pool may have on a pool of role r. */
static enum lp_status check_front_end_only(enum topo_role r, bool collocated, bool cms,
					   struct lp_error *err)
{
	if (r == ROLE_FRONT_END)
		return LP_OK;
	if (collocated)
		return lp_fail(err, LP_EINPUT,
			       "--collocated-mediation: only a front-end pool can have Mediation collocated (this pool is %s)",
			       topology_role_name(r));
	if (cms)
		return lp_fail(err, LP_EINPUT,
			       "--cms: only a front-end pool can hold the Central Management store (this pool is %s)",
			       topology_role_name(r));
	return LP_OK;
}

/* Refuses external addressing e (NULL: none given) on a pool of role r
 * that is not an Edge pool, or a value out of range. */
static enum lp_status check_edge_external(enum topo_role r, const enum topo_edge_external *e,
					  struct lp_error *err)
{
	if (!e || *e == EDGE_EXTERNAL_NONE)
		return LP_OK;
	if ((unsigned)*e > EDGE_EXTERNAL_NAT)
		return lp_fail(err, LP_EINPUT, "--edge-external: unknown addressing (%d)", (int)*e);
	if (r != ROLE_EDGE)
		return lp_fail(err, LP_EINPUT,
			       "--edge-external: only an edge pool has an external interface (this pool is %s)",
			       topology_role_name(r));
	return LP_OK;
}

/* Refuses public addressing e (NULL: none given) for Edge pool id while
 * its servers hold public addresses (which only NAT translates to). */
static enum lp_status check_public_addresses(struct store *st, int64_t id, const char *fqdn,
					     const enum topo_edge_external *e,
					     struct lp_error *err)
{
	char q[VALIDATE_QUOTE_SIZE];
	int64_t servers = 0;
	enum lp_status s;

	if (!e || *e != EDGE_EXTERNAL_PUBLIC)
		return LP_OK;
	if ((s = topo_db_run(st, "reading public addresses", err, &servers,
			     "SELECT count(DISTINCT x.server_id) FROM server_external x"
			     " JOIN server v ON v.id = x.server_id WHERE v.pool_id = ?1 AND x.public <> ''",
			     "i", id)) != LP_OK || !servers)
		return s;
	return lp_fail(err, LP_EINPUT,
		       "--edge-external: %lld server%s of pool '%s' %s public addresses, which only"
		       " NAT translates to (server set FQDN --public-ip '' first)",
		       (long long)servers, servers == 1 ? "" : "s", validate_quote(q, sizeof q, fqdn),
		       servers == 1 ? "holds" : "hold");
}

static enum lp_status check_pool_spec(const struct topo_pool_spec *p, struct lp_error *err)
{
	enum lp_status s;

	if ((s = topology_check_fqdn("pool FQDN", p->fqdn, err)) != LP_OK)
		return s;
	if ((unsigned)p->role >= ROLE_COUNT)
		return lp_fail(err, LP_EINPUT, "--role: unknown role (%d)", (int)p->role);
	if ((unsigned)p->edition > EDITION_ENTERPRISE)
		return lp_fail(err, LP_EINPUT, "--edition: unknown edition (%d)", (int)p->edition);
	if ((unsigned)p->lb > LB_HARDWARE)
		return lp_fail(err, LP_EINPUT, "--lb: unknown load balancing mode (%d)", (int)p->lb);
	if (p->role != ROLE_FRONT_END && p->edition != EDITION_NONE)
		return lp_fail(err, LP_EINPUT,
			       "--edition: only a front-end pool has an edition (this pool is %s)",
			       topology_role_name(p->role));
	if ((s = check_edge_external(p->role, &p->edge_external, err)) != LP_OK)
		return s;
	return check_front_end_only(p->role, p->collocated_mediation, p->cms, err);
}

/* The Central Management store lives on one pool: taking it clears it
 * elsewhere in the same transaction. */
static enum lp_status clear_cms(struct store *st, struct lp_error *err)
{
	return topo_db_run(st, "moving the Central Management store", err, NULL,
			   "UPDATE pool SET cms = 0 WHERE cms = 1", "");
}

static enum lp_status pool_add_in(struct store *st, const struct topo_pool_spec *p,
				  struct lp_error *err)
{
	enum topo_edge_external external = p->edge_external;
	enum topo_edition edition = p->edition;
	enum lp_status s;
	int64_t site;

	if ((s = check_pool_spec(p, err)) != LP_OK ||
	    (s = topo_db_need_site(st, "--site", p->site, &site, err)) != LP_OK ||
	    (s = topo_db_refuse_taken(st, "pool FQDN", "a pool named", pool_taken,
				      p->fqdn, 0, err)) != LP_OK)
		return s;
	if (p->role == ROLE_FRONT_END && edition == EDITION_NONE)
		edition = EDITION_ENTERPRISE;
	if (p->role == ROLE_EDGE && external == EDGE_EXTERNAL_NONE)
		external = EDGE_EXTERNAL_PUBLIC;
	if (p->cms && (s = clear_cms(st, err)) != LP_OK)
		return s;
	return topo_db_run(st, "adding a pool", err, NULL,
			   "INSERT INTO pool (fqdn, site_id, role, edition, lb, collocated_mediation, cms,"
			   " edge_external) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", "titttbbt",
			   p->fqdn, site, topology_role_name(p->role), topology_edition_name(edition),
			   topology_lb_name(p->lb), (int)p->collocated_mediation, (int)p->cms,
			   topology_edge_external_name(external));
}

enum lp_status topology_pool_add(struct store *st, const struct topo_pool_spec *spec,
				 struct lp_error *err)
{
	bool nested;
	enum lp_status s = topo_db_begin(st, &nested, err);

	if (s != LP_OK)
		return s;
	return topo_db_end(st, nested, pool_add_in(st, spec, err), err);
}

/* The role of pool id (which exists). */
static enum lp_status pool_role(struct store *st, int64_t id, enum topo_role *role,
				struct lp_error *err)
{
	sqlite3_stmt *stmt;
	enum lp_status s;
	int rc;

	if ((s = store_prepare(st, "SELECT role FROM pool WHERE id = ?1", &stmt, err)) != LP_OK)
		return s;
	sqlite3_bind_int64(stmt, 1, id);
	rc = sqlite3_step(stmt);
	if (rc != SQLITE_ROW)
		s = store_fail(st, rc, "reading a pool", err);
	else if (!topology_role_parse(topo_db_text(stmt, 0), role))
		s = lp_fail(err, LP_EDB, "%s: pool %lld has an unknown role", store_path(st),
			    (long long)id);
	sqlite3_finalize(stmt);
	return s;
}

static enum lp_status pool_set_in(struct store *st, const char *fqdn,
				  const struct topo_pool_change *ch, struct lp_error *err)
{
	int64_t id = 0, site = 0, colloc, cms;
	const char *external;
	enum topo_role role = ROLE_COUNT;
	enum lp_status s;

	if ((s = topo_db_need_pool(st, "pool FQDN", fqdn, &id, err)) != LP_OK ||
	    (s = pool_role(st, id, &role, err)) != LP_OK)
		return s;
	if (ch->new_fqdn && ((s = topology_check_fqdn("--fqdn", ch->new_fqdn, err)) != LP_OK ||
			     (s = topo_db_refuse_taken(st, "--fqdn", "a pool named", pool_taken,
						       ch->new_fqdn, id, err)) != LP_OK))
		return s;
	if (ch->site && (s = topo_db_need_site(st, "--site", ch->site, &site, err)) != LP_OK)
		return s;
	if (ch->lb && (unsigned)*ch->lb > LB_HARDWARE)
		return lp_fail(err, LP_EINPUT, "--lb: unknown load balancing mode (%d)", (int)*ch->lb);
	colloc = ch->collocated_mediation && *ch->collocated_mediation;
	cms = ch->cms && *ch->cms;
	if ((s = check_front_end_only(role, colloc, cms, err)) != LP_OK ||
	    (s = check_edge_external(role, ch->edge_external, err)) != LP_OK ||
	    (s = check_public_addresses(st, id, fqdn, ch->edge_external, err)) != LP_OK ||
	    (cms && (s = clear_cms(st, err)) != LP_OK))
		return s;
	/* An Edge pool always has an addressing: NONE keeps the one it has. */
	external = ch->edge_external && *ch->edge_external != EDGE_EXTERNAL_NONE
		? topology_edge_external_name(*ch->edge_external) : NULL;
	return topo_db_run(st, "changing a pool", err, NULL,
			   "UPDATE pool SET fqdn = coalesce(?2, fqdn), site_id = coalesce(?3, site_id),"
			   " lb = coalesce(?4, lb), collocated_mediation = coalesce(?5, collocated_mediation),"
			   " cms = coalesce(?6, cms), edge_external = coalesce(?7, edge_external)"
			   " WHERE id = ?1", "itpt" "ppt",
			   id, ch->new_fqdn, ch->site ? &site : NULL,
			   ch->lb ? topology_lb_name(*ch->lb) : NULL,
			   ch->collocated_mediation ? &colloc : NULL, ch->cms ? &cms : NULL, external);
}

enum lp_status topology_pool_set(struct store *st, const char *fqdn,
				 const struct topo_pool_change *ch, struct lp_error *err)
{
	bool nested;
	enum lp_status s = topo_db_begin(st, &nested, err);

	if (s != LP_OK)
		return s;
	return topo_db_end(st, nested, pool_set_in(st, fqdn, ch, err), err);
}

/* "3 servers and 1 load balancer depend" into buf: what holds on to a pool. */
static const char *pool_dependents(int64_t servers, int64_t lbs, char *buf, size_t size)
{
	int n = 0;

	if (servers)
		n = snprintf(buf, size, "%lld server%s", (long long)servers,
			     servers == 1 ? "" : "s");
	if (lbs)
		snprintf(buf + n, size - (size_t)n, "%s%lld load balancer%s", n ? " and " : "",
			 (long long)lbs, lbs == 1 ? "" : "s");
	strncat(buf, servers + lbs == 1 ? " depends" : " depend", size - strlen(buf) - 1);
	return buf;
}

static enum lp_status pool_rm_in(struct store *st, const char *fqdn, bool force,
				 struct lp_error *err)
{
	char q[VALIDATE_QUOTE_SIZE], deps[96];
	int64_t id, servers, lbs;
	enum lp_status s;

	if ((s = topo_db_need_pool(st, "pool FQDN", fqdn, &id, err)) != LP_OK ||
	    (s = topo_db_run(st, "removing a pool", err, &servers,
			     "SELECT count(*) FROM server WHERE pool_id = ?1", "i", id)) != LP_OK ||
	    (s = topo_db_run(st, "removing a pool", err, &lbs,
			     "SELECT count(*) FROM lb_pool WHERE pool_id = ?1", "i", id)) != LP_OK)
		return s;
	if ((servers || lbs) && !force)
		return lp_fail(err, LP_EINPUT,
			       "pool '%s': %s on it (--force removes the pool and its servers,"
			       " and load balancers left serving nothing)",
			       validate_quote(q, sizeof q, fqdn),
			       pool_dependents(servers, lbs, deps, sizeof deps));
	if ((s = topo_db_run(st, "removing a pool", err, NULL,
			     "DELETE FROM pool WHERE id = ?1", "i", id)) != LP_OK)
		return s;
	return topo_db_prune_load_balancers(st, err);
}

enum lp_status topology_pool_rm(struct store *st, const char *fqdn, bool force,
				struct lp_error *err)
{
	bool nested;
	enum lp_status s = topo_db_begin(st, &nested, err);

	if (s != LP_OK)
		return s;
	return topo_db_end(st, nested, pool_rm_in(st, fqdn, force, err), err);
}

/* A pool row as the database holds it; false when a stored name is not
 * one this program knows (a damaged file). */
static bool pool_row(sqlite3_stmt *stmt, struct topo_pool *r)
{
	const char *edition = topo_db_text(stmt, 4);
	const char *external = topo_db_text(stmt, 10);

	r->id = sqlite3_column_int64(stmt, 0);
	r->fqdn = topo_db_text(stmt, 1);
	r->site = topo_db_text(stmt, 2);
	r->edition = EDITION_NONE;
	r->collocated_mediation = sqlite3_column_int(stmt, 6) != 0;
	r->cms = sqlite3_column_int(stmt, 7) != 0;
	r->servers = sqlite3_column_int(stmt, 8);
	r->load_balancers = sqlite3_column_int(stmt, 9);
	r->edge_external = EDGE_EXTERNAL_NONE;
	return topology_role_parse(topo_db_text(stmt, 3), &r->role) &&
	       (!*edition || topology_edition_parse(edition, &r->edition)) &&
	       topology_lb_parse(topo_db_text(stmt, 5), &r->lb) &&
	       (!*external || topology_edge_external_parse(external, &r->edge_external));
}

/* Passes each row of stmt (the columns pool_row reads) to cb until cb
 * answers non-zero; finalizes stmt. */
static enum lp_status pool_rows(struct store *st, sqlite3_stmt *stmt,
				int (*cb)(const struct topo_pool *, void *), void *ud,
				struct lp_error *err)
{
	enum lp_status s = LP_OK;
	int rc;

	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct topo_pool r;

		if (!pool_row(stmt, &r)) {
			s = lp_fail(err, LP_EDB, "%s: pool '%s' holds an unknown role, edition,"
				    " load balancing mode or external addressing", store_path(st), r.fqdn);
			break;
		}
		if (cb(&r, ud))
			break;
	}
	if (s == LP_OK && rc != SQLITE_ROW && rc != SQLITE_DONE)
		s = store_fail(st, rc, "reading pools", err);
	sqlite3_finalize(stmt);
	return s;
}

enum lp_status topology_pool_each(struct store *st, const char *site,
				  int (*cb)(const struct topo_pool *, void *), void *ud,
				  struct lp_error *err)
{
	static const char sql[] =
		"SELECT p.id, p.fqdn, s.name, p.role, p.edition, p.lb,"
		" p.collocated_mediation, p.cms,"
		" (SELECT count(*) FROM server v WHERE v.pool_id = p.id),"
		" (SELECT count(*) FROM lb_pool l WHERE l.pool_id = p.id), p.edge_external"
		" FROM pool p JOIN site s ON s.id = p.site_id"
		" WHERE ?1 IS NULL OR s.id = ?1 ORDER BY s.name, p.fqdn";
	int64_t sid = 0;
	sqlite3_stmt *stmt;
	enum lp_status s;

	if (site && (s = topo_db_need_site(st, "--site", site, &sid, err)) != LP_OK)
		return s;
	if ((s = store_prepare(st, sql, &stmt, err)) != LP_OK)
		return s;
	topo_db_bind_optional(stmt, 1, site ? &sid : NULL);
	return pool_rows(st, stmt, cb, ud, err);
}

enum lp_status topology_pool_scan(struct store *st,
				  int (*cb)(const struct topo_pool *, void *), void *ud,
				  struct lp_error *err)
{
	/* Neither sorted nor counted: counting each pool's servers and load
	 * balancers costs a lookup per pool. */
	static const char sql[] =
		"SELECT p.id, p.fqdn, s.name, p.role, p.edition, p.lb,"
		" p.collocated_mediation, p.cms, 0, 0, p.edge_external"
		" FROM pool p JOIN site s ON s.id = p.site_id";
	sqlite3_stmt *stmt;
	enum lp_status s;

	if ((s = store_prepare(st, sql, &stmt, err)) != LP_OK)
		return s;
	return pool_rows(st, stmt, cb, ud, err);
}

/* ---- features ---- */

static enum lp_status feature_set_in(struct store *st, const char *name, bool on,
				     struct lp_error *err)
{
	char q[VALIDATE_QUOTE_SIZE];
	enum lp_status s;
	int64_t known;

	if (!name || !*name)
		return lp_fail(err, LP_EINPUT, "feature name: must not be empty");
	if ((s = topo_db_run(st, "finding a feature", err, &known,
			     "SELECT count(*) FROM feature WHERE name = ?1", "t", name)) != LP_OK)
		return s;
	if (!known)
		return lp_fail(err, LP_EINPUT, "feature name: no feature named '%s' (see feature list)",
			       validate_quote(q, sizeof q, name));
	return topo_db_run(st, "switching a feature", err, NULL,
			   "UPDATE feature SET enabled = ?2 WHERE name = ?1", "tb", name, (int)on);
}

enum lp_status topology_feature_set(struct store *st, const char *name, bool on,
				    struct lp_error *err)
{
	bool nested;
	enum lp_status s = topo_db_begin(st, &nested, err);

	if (s != LP_OK)
		return s;
	return topo_db_end(st, nested, feature_set_in(st, name, on, err), err);
}

enum lp_status topology_feature_each(struct store *st,
				     int (*cb)(const struct topo_feature *, void *), void *ud,
				     struct lp_error *err)
{
	/* rowid: the order db/schema.sql lists them in. */
	static const char sql[] = "SELECT name, summary, enabled FROM feature ORDER BY rowid";
	sqlite3_stmt *stmt;
	enum lp_status s;
	int rc;

	if ((s = store_prepare(st, sql, &stmt, err)) != LP_OK)
		return s;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct topo_feature r = {
			.name = topo_db_text(stmt, 0),
			.summary = topo_db_text(stmt, 1),
			.enabled = sqlite3_column_int(stmt, 2) != 0,
		};
		if (cb(&r, ud))
			break;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		s = store_fail(st, rc, "reading features", err);
	sqlite3_finalize(stmt);
	return s;
}
