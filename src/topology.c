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

/* Unlinking the pools whose Back End or mirror is pool ?1, or a pool of
 * site ?1, before it goes (the CHECKs of the pool table forbid a mirror
 * without a Back End, which ON DELETE SET NULL alone would leave). */
static const char unlink_pool_be[] =
	"UPDATE pool SET back_end = NULL, mirror = NULL, witness = NULL WHERE back_end = ?1";
static const char unlink_pool_mirror[] =
	"UPDATE pool SET mirror = NULL, witness = NULL WHERE mirror = ?1";
static const char unlink_site_be[] =
	"UPDATE pool SET back_end = NULL, mirror = NULL, witness = NULL"
	" WHERE back_end IN (SELECT id FROM pool WHERE site_id = ?1)";
static const char unlink_site_mirror[] =
	"UPDATE pool SET mirror = NULL, witness = NULL"
	" WHERE mirror IN (SELECT id FROM pool WHERE site_id = ?1)";

/* Unlinks the pools whose Back End (sql_be) or mirror (sql_mirror) is
 * going, binding ?1 key: the Back End goes with its mirror and witness,
 * the mirror with the witness. */
static enum lp_status unlink_back_ends(struct store *st, const char *sql_be,
				       const char *sql_mirror, int64_t key, struct lp_error *err)
{
	enum lp_status s = topo_db_run(st, "unlinking a Back End", err, NULL, sql_be, "i", key);

	if (s != LP_OK)
		return s;
	return topo_db_run(st, "unlinking a Back End", err, NULL, sql_mirror, "i", key);
}

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
	if ((s = unlink_back_ends(st, unlink_site_be, unlink_site_mirror, id, err)) != LP_OK ||
	    (s = topo_db_run(st, "removing a site", err, NULL,
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

/* ---- the Back End ---- */

/* The id of the back-end pool named fqdn for option field into *id. */
static enum lp_status need_back_end(struct store *st, const char *field, const char *fqdn,
				    int64_t *id, struct lp_error *err)
{
	char q[VALIDATE_QUOTE_SIZE];
	enum topo_role role = ROLE_COUNT;
	enum lp_status s;

	if ((s = topo_db_need_pool(st, field, fqdn, id, err)) != LP_OK ||
	    (s = pool_role(st, *id, &role, err)) != LP_OK)
		return s;
	if (role != ROLE_BACK_END)
		return lp_fail(err, LP_EINPUT, "%s: pool '%s' is %s, not a back-end pool", field,
			       validate_quote(q, sizeof q, fqdn), topology_role_name(role));
	return LP_OK;
}

/* A pool's Back End, mirror and witness: ids, 0 for none. */
struct back_end_links {
	int64_t back_end, mirror, witness;
};

/* Applies one option of a change: value NULL leaves *id, "" clears it,
 * else *id is the back-end pool (or, witness, the server) it names. */
static enum lp_status back_end_link(struct store *st, const char *field, const char *value,
				    int64_t *id, struct lp_error *err)
{
	char q[VALIDATE_QUOTE_SIZE];
	enum lp_status s;

	if (!value)
		return LP_OK;
	*id = 0;
	if (!*value)
		return LP_OK;
	if (strcmp(field, "--witness") != 0)
		return need_back_end(st, field, value, id, err);
	if ((s = topo_db_run(st, "finding a server", err, id,
			     "SELECT id FROM server WHERE fqdn = ?1", "t", value)) != LP_OK)
		return s;
	if (*id == 0)
		return lp_fail(err, LP_EINPUT, "--witness: no server named '%s'",
			       validate_quote(q, sizeof q, value));
	return LP_OK;
}

/* The rules on pool id's Back End as l holds them; field: the first of
 * the options given. */
static enum lp_status back_end_check(struct store *st, int64_t id, const char *field,
				     const struct back_end_links *l, struct lp_error *err)
{
	static const char witness_in[] =
		"SELECT v.fqdn, p.fqdn FROM server v JOIN pool p ON p.id = v.pool_id WHERE v.id = ?1";
	enum topo_edition edition = EDITION_NONE;
	struct topo_db_row r;
	int64_t pool = 0;
	enum lp_status s;
	bool found;

	if (!l->back_end && !l->mirror && !l->witness)
		return LP_OK;
	if ((s = topo_db_first_row(st, "SELECT role, edition FROM pool WHERE id = ?1", id, &found,
				   &r, err)) != LP_OK)
		return s;
	if (!(strcmp(r.c[0], "persistent-chat") == 0 ||
	      (strcmp(r.c[0], "front-end") == 0 && topology_edition_parse(r.c[1], &edition) &&
	       edition == EDITION_ENTERPRISE)))
		return lp_fail(err, LP_EINPUT,
			       "%s: only an Enterprise Edition front-end pool or a persistent-chat pool"
			       " has a Back End (%s%s)", field,
			       strcmp(r.c[0], "front-end") == 0
			       ? "a Standard Edition server has its own SQL Server Express" : "this pool is ",
			       strcmp(r.c[0], "front-end") == 0 ? "" : r.c[0]);
	if (l->mirror && !l->back_end)
		return lp_fail(err, LP_EINPUT, "--mirror: a mirror needs a Back End (--back-end)");
	if (l->mirror && l->mirror == l->back_end)
		return lp_fail(err, LP_EINPUT, "--mirror: the mirror is another pool than the Back End");
	if (l->witness && !l->mirror)
		return lp_fail(err, LP_EINPUT, "--witness: a witness needs a mirror (--mirror)");
	if (!l->witness ||
	    (s = topo_db_run(st, "finding a server", err, &pool,
			     "SELECT pool_id FROM server WHERE id = ?1", "i", l->witness)) != LP_OK ||
	    (pool != l->back_end && pool != l->mirror))
		return s;
	if ((s = topo_db_first_row(st, witness_in, l->witness, &found, &r, err)) != LP_OK)
		return s;
	return lp_fail(err, LP_EINPUT,
		       "--witness: server '%s' is in '%s', the Back End or its mirror; the witness"
		       " is a server of neither", r.c[0], r.c[1]);
}

/* Applies the Back End, mirror and witness options (NULL: not given) to
 * pool id and checks the rules on the result. */
static enum lp_status back_end_apply(struct store *st, int64_t id, const char *back_end,
				     const char *mirror, const char *witness,
				     struct lp_error *err)
{
	struct back_end_links l = { 0, 0, 0 };
	const char *field = back_end ? "--back-end" : mirror ? "--mirror" : "--witness";
	enum lp_status s;

	if ((s = topo_db_run(st, "reading a pool", err, &l.back_end,
			     "SELECT coalesce(back_end, 0) FROM pool WHERE id = ?1", "i", id)) != LP_OK ||
	    (s = topo_db_run(st, "reading a pool", err, &l.mirror,
			     "SELECT coalesce(mirror, 0) FROM pool WHERE id = ?1", "i", id)) != LP_OK ||
	    (s = topo_db_run(st, "reading a pool", err, &l.witness,
			     "SELECT coalesce(witness, 0) FROM pool WHERE id = ?1", "i", id)) != LP_OK)
		return s;
	/* Clearing one clears what depends on it. */
	if (back_end && !*back_end)
		l.mirror = l.witness = 0;
	if (mirror && !*mirror)
		l.witness = 0;
	if ((s = back_end_link(st, "--back-end", back_end, &l.back_end, err)) != LP_OK ||
	    (s = back_end_link(st, "--mirror", mirror, &l.mirror, err)) != LP_OK ||
	    (s = back_end_link(st, "--witness", witness, &l.witness, err)) != LP_OK ||
	    (s = back_end_check(st, id, field, &l, err)) != LP_OK)
		return s;
	return topo_db_run(st, "changing a pool", err, NULL,
			   "UPDATE pool SET back_end = nullif(?2, 0), mirror = nullif(?3, 0),"
			   " witness = nullif(?4, 0) WHERE id = ?1", "iiii",
			   id, l.back_end, l.mirror, l.witness);
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
	if ((s = topo_db_run(st, "adding a pool", err, NULL,
			     "INSERT INTO pool (fqdn, site_id, role, edition, lb, collocated_mediation,"
			     " cms, edge_external) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", "titttbbt",
			     p->fqdn, site, topology_role_name(p->role), topology_edition_name(edition),
			     topology_lb_name(p->lb), (int)p->collocated_mediation, (int)p->cms,
			     topology_edge_external_name(external))) != LP_OK ||
	    ((!p->back_end || !*p->back_end) && (!p->mirror || !*p->mirror) &&
	     (!p->witness || !*p->witness)))
		return s;
	return back_end_apply(st, sqlite3_last_insert_rowid(store_db(st)), p->back_end,
			      p->mirror, p->witness, err);
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
	if ((s = topo_db_run(st, "changing a pool", err, NULL,
			     "UPDATE pool SET fqdn = coalesce(?2, fqdn), site_id = coalesce(?3, site_id),"
			     " lb = coalesce(?4, lb),"
			     " collocated_mediation = coalesce(?5, collocated_mediation),"
			     " cms = coalesce(?6, cms), edge_external = coalesce(?7, edge_external)"
			     " WHERE id = ?1", "itpt" "ppt",
			     id, ch->new_fqdn, ch->site ? &site : NULL,
			     ch->lb ? topology_lb_name(*ch->lb) : NULL,
			     ch->collocated_mediation ? &colloc : NULL, ch->cms ? &cms : NULL,
			     external)) != LP_OK ||
	    (!ch->back_end && !ch->mirror && !ch->witness))
		return s;
	return back_end_apply(st, id, ch->back_end, ch->mirror, ch->witness, err);
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
	int64_t id, servers, lbs, stores;
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
	if ((s = topo_db_run(st, "removing a pool", err, &stores,
			     "SELECT count(*) FROM pool WHERE back_end = ?1 OR mirror = ?1", "i",
			     id)) != LP_OK)
		return s;
	if (stores && !force)
		return lp_fail(err, LP_EINPUT,
			       "pool '%s': the Back End or mirror of %lld pool%s (--force removes it and"
			       " unlinks %s)", validate_quote(q, sizeof q, fqdn), (long long)stores,
			       stores == 1 ? "" : "s", stores == 1 ? "that pool" : "them");
	if ((s = unlink_back_ends(st, unlink_pool_be, unlink_pool_mirror, id, err)) != LP_OK ||
	    (s = topo_db_run(st, "removing a pool", err, NULL,
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

/* The FQDNs of pool p's Back End, mirror and witness ("" for none). */
#define POOL_BACK_END \
	"coalesce((SELECT fqdn FROM pool b WHERE b.id = p.back_end), ''),"     \
	" coalesce((SELECT fqdn FROM pool m WHERE m.id = p.mirror), ''),"      \
	" coalesce((SELECT fqdn FROM server w WHERE w.id = p.witness), '')"

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
	r->back_end = topo_db_text(stmt, 11);
	r->mirror = topo_db_text(stmt, 12);
	r->witness = topo_db_text(stmt, 13);
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
		" (SELECT count(*) FROM lb_pool l WHERE l.pool_id = p.id), p.edge_external, "
		POOL_BACK_END " FROM pool p JOIN site s ON s.id = p.site_id"
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
		" p.collocated_mediation, p.cms, 0, 0, p.edge_external, " POOL_BACK_END
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
