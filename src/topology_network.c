/* topology_network.c - what surrounds the servers: the prefixes of the
 * internal and perimeter networks, the peers (parties of the flows with
 * known addresses) and the topology's name. Every write validates first
 * and runs as one transaction (or savepoint), so a refused input leaves
 * the file as it was. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "topo_db.h"
#include "topology.h"
#include "validate.h"

static const char *const zone_names[ZONE_COUNT] = { "internal", "perimeter" };

static const char peer_taken[] = "SELECT name FROM peer WHERE name = ?1 AND id <> ?2";

const char *topology_zone_name(enum topo_zone z)
{
	return (unsigned)z < ZONE_COUNT ? zone_names[z] : "";
}

bool topology_zone_parse(const char *s, enum topo_zone *out)
{
	int i;

	for (i = 0; i < ZONE_COUNT; i++)
		if (s && strcmp(s, zone_names[i]) == 0) {
			*out = (enum topo_zone)i;
			return true;
		}
	return false;
}

/* ---- zones ---- */

static enum lp_status zone_set_in(struct store *st, enum topo_zone z, const char *list,
				  struct lp_error *err)
{
	struct topo_db_list *l = calloc(1, sizeof *l);
	enum lp_status s;
	size_t i;

	if (!l)
		return lp_fail(err, LP_EDB, "out of memory");
	if ((unsigned)z >= ZONE_COUNT)
		s = lp_fail(err, LP_EINPUT, "zone: unknown zone (%d)", (int)z);
	else
		s = topo_db_parse_list("--cidr", list, true, false, l, err);
	if (s == LP_OK)
		s = topo_db_run(st, "setting a zone", err, NULL,
				"DELETE FROM zone_prefix WHERE zone = ?1", "t", zone_names[z]);
	for (i = 0; s == LP_OK && i < l->n; i++)
		s = topo_db_run(st, "setting a zone", err, NULL,
				"INSERT INTO zone_prefix (zone, seq, prefix, family)"
				" VALUES (?1, ?2, ?3, ?4)", "titi", zone_names[z], (int64_t)i,
				l->v[i], (int64_t)l->family[i]);
	free(l);
	return s;
}

enum lp_status topology_zone_set(struct store *st, enum topo_zone z, const char *list,
				 struct lp_error *err)
{
	bool nested;
	enum lp_status s = topo_db_begin(st, &nested, err);

	if (s != LP_OK)
		return s;
	return topo_db_end(st, nested, zone_set_in(st, z, list, err), err);
}

enum lp_status topology_zone_each(struct store *st,
				  int (*cb)(const struct topo_zone_row *, void *), void *ud,
				  struct lp_error *err)
{
	static const char sql[] =
		"SELECT coalesce((SELECT prefixes FROM zone_prefixes WHERE zone = ?1), '')";
	enum lp_status s = LP_OK;
	sqlite3_stmt *stmt;
	int i, rc;

	if ((s = store_prepare(st, sql, &stmt, err)) != LP_OK)
		return s;
	for (i = 0; i < ZONE_COUNT && s == LP_OK; i++) {
		sqlite3_bind_text(stmt, 1, zone_names[i], -1, SQLITE_STATIC);
		if ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
			struct topo_zone_row r = { (enum topo_zone)i, topo_db_text(stmt, 0) };

			if (cb(&r, ud))
				break;
		} else {
			s = store_fail(st, rc, "reading the zones", err);
		}
		sqlite3_reset(stmt);
	}
	sqlite3_finalize(stmt);
	return s;
}

/* ---- peers ---- */

enum lp_status topology_peer_kinds(struct store *st, char *buf, size_t size,
				   struct lp_error *err)
{
	sqlite3_stmt *stmt;
	enum lp_status s;
	size_t n = 0;
	int rc;

	buf[0] = '\0';
	if ((s = store_prepare(st, "SELECT kind FROM flow_end WHERE pool_role IS NULL ORDER BY rowid",
			       &stmt, err)) != LP_OK)
		return s;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		snprintf(buf + n, size - n, "%s%s", n ? ", " : "", topo_db_text(stmt, 0));
		n = strlen(buf);
	}
	if (rc != SQLITE_DONE)
		s = store_fail(st, rc, "reading the parties", err);
	sqlite3_finalize(stmt);
	return s;
}

/* Refuses a kind that is not a party of the flows. */
static enum lp_status check_kind(struct store *st, const char *kind, struct lp_error *err)
{
	char q[VALIDATE_QUOTE_SIZE], kinds[400];
	enum lp_status s;
	int64_t found;

	if (!kind || !*kind)
		return lp_fail(err, LP_EINPUT, "--kind: must not be empty");
	if ((s = topo_db_run(st, "reading the parties", err, &found,
			     "SELECT 1 FROM flow_end WHERE kind = ?1 AND pool_role IS NULL", "t",
			     kind)) != LP_OK || found)
		return s;
	if ((s = topology_peer_kinds(st, kinds, sizeof kinds, err)) != LP_OK)
		return s;
	return lp_fail(err, LP_EINPUT, "--kind: '%s' is not a party of the flows (%s)",
		       validate_quote(q, sizeof q, kind), kinds);
}

static enum lp_status need_peer(struct store *st, const char *name, int64_t *id,
				struct lp_error *err)
{
	char q[VALIDATE_QUOTE_SIZE];
	enum lp_status s;

	if (!name || !*name)
		return lp_fail(err, LP_EINPUT, "peer name: must not be empty");
	if ((s = topo_db_run(st, "finding a peer", err, id,
			     "SELECT id FROM peer WHERE name = ?1", "t", name)) != LP_OK)
		return s;
	if (*id == 0)
		return lp_fail(err, LP_EINPUT, "peer name: no peer named '%s'",
			       validate_quote(q, sizeof q, name));
	return LP_OK;
}

/* Replaces the addresses of peer id with l. */
static enum lp_status peer_addresses(struct store *st, int64_t id, const struct topo_db_list *l,
				     struct lp_error *err)
{
	enum lp_status s = topo_db_run(st, "writing a peer", err, NULL,
				       "DELETE FROM peer_address WHERE peer_id = ?1", "i", id);
	size_t i;

	for (i = 0; s == LP_OK && i < l->n; i++)
		s = topo_db_run(st, "writing a peer", err, NULL,
				"INSERT INTO peer_address (peer_id, seq, address, family)"
				" VALUES (?1, ?2, ?3, ?4)", "iiti", id, (int64_t)i, l->v[i],
				(int64_t)l->family[i]);
	return s;
}

static enum lp_status peer_add_in(struct store *st, const char *name, const char *kind,
				  const char *list, struct topo_db_list *l, struct lp_error *err)
{
	enum lp_status s;
	int64_t id = 0;

	if ((s = topology_check_identifier("peer name", name, err)) != LP_OK ||
	    (s = check_kind(st, kind, err)) != LP_OK ||
	    (s = topo_db_parse_list("--ip", list, false, false, l, err)) != LP_OK ||
	    (s = topo_db_refuse_taken(st, "peer name", "a peer named", peer_taken, name, 0,
				      err)) != LP_OK ||
	    (s = topo_db_run(st, "adding a peer", err, NULL,
			     "INSERT INTO peer (name, kind) VALUES (?1, ?2)", "tt", name,
			     kind)) != LP_OK ||
	    (s = topo_db_run(st, "adding a peer", err, &id,
			     "SELECT id FROM peer WHERE name = ?1", "t", name)) != LP_OK)
		return s;
	return peer_addresses(st, id, l, err);
}

enum lp_status topology_peer_add(struct store *st, const char *name, const char *kind,
				 const char *list, struct lp_error *err)
{
	struct topo_db_list *l = calloc(1, sizeof *l);
	bool nested;
	enum lp_status s;

	if (!l)
		return lp_fail(err, LP_EDB, "out of memory");
	if ((s = topo_db_begin(st, &nested, err)) == LP_OK)
		s = topo_db_end(st, nested, peer_add_in(st, name, kind, list, l, err), err);
	free(l);
	return s;
}

static enum lp_status peer_set_in(struct store *st, const char *name, const char *new_name,
				  const char *kind, const char *list, struct topo_db_list *l,
				  struct lp_error *err)
{
	enum lp_status s;
	int64_t id = 0;

	if ((s = need_peer(st, name, &id, err)) != LP_OK)
		return s;
	if (new_name && ((s = topology_check_identifier("--name", new_name, err)) != LP_OK ||
			 (s = topo_db_refuse_taken(st, "--name", "a peer named", peer_taken,
						   new_name, id, err)) != LP_OK))
		return s;
	if (kind && (s = check_kind(st, kind, err)) != LP_OK)
		return s;
	if (list && (s = topo_db_parse_list("--ip", list, false, false, l, err)) != LP_OK)
		return s;
	if ((s = topo_db_run(st, "changing a peer", err, NULL,
			     "UPDATE peer SET name = coalesce(?2, name), kind = coalesce(?3, kind)"
			     " WHERE id = ?1", "itt", id, new_name, kind)) != LP_OK)
		return s;
	return list ? peer_addresses(st, id, l, err) : LP_OK;
}

enum lp_status topology_peer_set(struct store *st, const char *name, const char *new_name,
				 const char *kind, const char *list, struct lp_error *err)
{
	struct topo_db_list *l = calloc(1, sizeof *l);
	bool nested;
	enum lp_status s;

	if (!l)
		return lp_fail(err, LP_EDB, "out of memory");
	if ((s = topo_db_begin(st, &nested, err)) == LP_OK)
		s = topo_db_end(st, nested, peer_set_in(st, name, new_name, kind, list, l, err),
				err);
	free(l);
	return s;
}

static enum lp_status peer_rm_in(struct store *st, const char *name, struct lp_error *err)
{
	enum lp_status s;
	int64_t id = 0;

	if ((s = need_peer(st, name, &id, err)) != LP_OK)
		return s;
	return topo_db_run(st, "removing a peer", err, NULL, "DELETE FROM peer WHERE id = ?1",
			   "i", id);
}

enum lp_status topology_peer_rm(struct store *st, const char *name, struct lp_error *err)
{
	bool nested;
	enum lp_status s = topo_db_begin(st, &nested, err);

	if (s != LP_OK)
		return s;
	return topo_db_end(st, nested, peer_rm_in(st, name, err), err);
}

enum lp_status topology_peer_each(struct store *st, int (*cb)(const struct topo_peer *, void *),
				  void *ud, struct lp_error *err)
{
	static const char sql[] =
		"SELECT p.id, p.name, p.kind, coalesce(a.addresses, '')"
		" FROM peer p LEFT JOIN"
		" (SELECT peer_id, max(addresses) AS addresses FROM"
		"   (SELECT peer_id, group_concat(address, ', ') OVER (PARTITION BY peer_id"
		"      ORDER BY seq ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)"
		"      AS addresses FROM peer_address)"
		"  GROUP BY peer_id) a ON a.peer_id = p.id"
		" ORDER BY p.kind, p.name";
	sqlite3_stmt *stmt;
	enum lp_status s;
	int rc;

	if ((s = store_prepare(st, sql, &stmt, err)) != LP_OK)
		return s;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct topo_peer r = {
			.id = sqlite3_column_int64(stmt, 0),
			.name = topo_db_text(stmt, 1),
			.kind = topo_db_text(stmt, 2),
			.addresses = topo_db_text(stmt, 3),
		};
		if (cb(&r, ud))
			break;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		s = store_fail(st, rc, "reading the peers", err);
	sqlite3_finalize(stmt);
	return s;
}

/* ---- the topology's name ---- */

static enum lp_status name_set_in(struct store *st, const char *name, struct lp_error *err)
{
	enum lp_status s = topology_check_text("--name", name, TOPO_TEXT_MAX, err);

	if (s != LP_OK)
		return s;
	return topo_db_run(st, "naming the topology", err, NULL,
			   "UPDATE topology_info SET name = ?1", "t", name ? name : "");
}

enum lp_status topology_name_set(struct store *st, const char *name, struct lp_error *err)
{
	bool nested;
	enum lp_status s = topo_db_begin(st, &nested, err);

	if (s != LP_OK)
		return s;
	return topo_db_end(st, nested, name_set_in(st, name, err), err);
}

enum lp_status topology_name_get(struct store *st, char **out, struct lp_error *err)
{
	sqlite3_stmt *stmt;
	enum lp_status s;
	int rc;

	*out = NULL;
	if ((s = store_prepare(st, "SELECT name FROM topology_info", &stmt, err)) != LP_OK)
		return s;
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW || rc == SQLITE_DONE) {
		if (!(*out = strdup(rc == SQLITE_ROW ? topo_db_text(stmt, 0) : "")))
			s = lp_fail(err, LP_EDB, "out of memory");
	} else {
		s = store_fail(st, rc, "reading the topology's name", err);
	}
	sqlite3_finalize(stmt);
	return s;
}
