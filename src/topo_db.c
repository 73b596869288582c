/* topo_db.c - SQL plumbing shared by the topology model's files. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "topo_db.h"
#include "validate.h"

void topo_db_bind_optional(sqlite3_stmt *stmt, int i, const int64_t *v)
{
	if (v)
		sqlite3_bind_int64(stmt, i, *v);
	else
		sqlite3_bind_null(stmt, i);
}

static void bind_values(sqlite3_stmt *stmt, const char *types, va_list ap)
{
	int i;

	for (i = 0; types[i]; i++) {
		if (types[i] == 't')
			sqlite3_bind_text(stmt, i + 1, va_arg(ap, const char *), -1, SQLITE_STATIC);
		else if (types[i] == 'i')
			sqlite3_bind_int64(stmt, i + 1, va_arg(ap, int64_t));
		else if (types[i] == 'b')
			sqlite3_bind_int(stmt, i + 1, va_arg(ap, int));
		else
			topo_db_bind_optional(stmt, i + 1, va_arg(ap, const int64_t *));
	}
}

enum lp_status topo_db_run(struct store *st, const char *what, struct lp_error *err,
			   int64_t *out, const char *sql, const char *types, ...)
{
	sqlite3_stmt *stmt;
	enum lp_status s;
	va_list ap;
	int rc;

	/* Kept: an import runs the same few statements for every row. */
	if ((s = store_prepare_kept(st, sql, &stmt, err)) != LP_OK)
		return s;
	va_start(ap, types);
	bind_values(stmt, types, ap);
	va_end(ap);
	rc = sqlite3_step(stmt);
	if (out)
		*out = rc == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : 0;
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		s = store_fail(st, rc, what, err);
	sqlite3_reset(stmt);
	return s;
}

const char *topo_db_text(sqlite3_stmt *stmt, int col)
{
	const unsigned char *t = sqlite3_column_text(stmt, col);

	return t ? (const char *)t : "";
}

enum lp_status topo_db_begin(struct store *st, bool *nested, struct lp_error *err)
{
	/* A caller loading many rows (the demo, an import) holds one
	 * transaction; each write joins it so a refusal undoes only itself. */
	*nested = !sqlite3_get_autocommit(store_db(st));
	return *nested ? topo_db_run(st, "writing", err, NULL, "SAVEPOINT topology_write", "")
		       : store_begin(st, err);
}

enum lp_status topo_db_end(struct store *st, bool nested, enum lp_status s,
			   struct lp_error *err)
{
	if (!nested) {
		if (s != LP_OK) {
			store_rollback(st);
			return s;
		}
		return store_commit(st, err);
	}
	if (s != LP_OK) {
		sqlite3_exec(store_db(st), "ROLLBACK TO topology_write; RELEASE topology_write",
			     NULL, NULL, NULL);
		return s;
	}
	return topo_db_run(st, "writing", err, NULL, "RELEASE topology_write", "");
}

enum lp_status topo_db_need_site(struct store *st, const char *field, const char *name,
				 int64_t *id, struct lp_error *err)
{
	char q[VALIDATE_QUOTE_SIZE];
	enum lp_status s;

	if (!name || !*name)
		return lp_fail(err, LP_EINPUT, "%s: a site name is required", field);
	s = topo_db_run(st, "finding a site", err, id,
			"SELECT id FROM site WHERE name = ?1", "t", name);
	if (s == LP_OK && *id == 0)
		s = lp_fail(err, LP_EINPUT, "%s: no site named '%s'", field,
			    validate_quote(q, sizeof q, name));
	return s;
}

enum lp_status topo_db_need_pool(struct store *st, const char *field, const char *fqdn,
				 int64_t *id, struct lp_error *err)
{
	char q[VALIDATE_QUOTE_SIZE];
	enum lp_status s;

	if (!fqdn || !*fqdn)
		return lp_fail(err, LP_EINPUT, "%s: a pool FQDN is required", field);
	s = topo_db_run(st, "finding a pool", err, id,
			"SELECT id FROM pool WHERE fqdn = ?1", "t", fqdn);
	if (s == LP_OK && *id == 0)
		s = lp_fail(err, LP_EINPUT, "%s: no pool named '%s'", field,
			    validate_quote(q, sizeof q, fqdn));
	return s;
}

enum lp_status topo_db_refuse_taken(struct store *st, const char *field, const char *what,
				    const char *sql, const char *key, int64_t self,
				    struct lp_error *err)
{
	char q[VALIDATE_QUOTE_SIZE], k[VALIDATE_QUOTE_SIZE];
	sqlite3_stmt *stmt;
	const char *other;
	enum lp_status s;
	int rc;

	if ((s = store_prepare_kept(st, sql, &stmt, err)) != LP_OK)
		return s;
	sqlite3_bind_text(stmt, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 2, self);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		other = topo_db_text(stmt, 0);
		validate_quote(q, sizeof q, other);
		if (strcmp(other, key) == 0)
			s = lp_fail(err, LP_EINPUT, "%s: %s '%s' already exists", field, what, q);
		else
			s = lp_fail(err, LP_EINPUT,
				    "%s: %s '%s' already exists ('%s' differs only in case)",
				    field, what, q, validate_quote(k, sizeof k, key));
	} else if (rc != SQLITE_DONE)
		s = store_fail(st, rc, "checking names", err);
	sqlite3_reset(stmt);
	return s;
}

enum lp_status topo_db_prune_load_balancers(struct store *st, struct lp_error *err)
{
	/* A load balancer always serves at least one pool: it goes with the
	 * last pool it served. */
	return topo_db_run(st, "removing load balancers", err, NULL,
			   "DELETE FROM load_balancer"
			   " WHERE id NOT IN (SELECT lb_id FROM lb_pool)", "");
}

enum lp_status topo_db_parse_list(const char *field, const char *list, bool empty_ok,
				  bool hosts, struct topo_db_list *l, struct lp_error *err)
{
	char q[VALIDATE_QUOTE_SIZE], item[TOPO_PREFIX_MAX * 2];
	const char *p = list ? list : "";
	const char *what = hosts ? "addresses" : "addresses or prefixes";
	enum lp_status s;
	size_t i;

	l->n = 0;
	if (!*p)
		return empty_ok ? LP_OK
				: lp_fail(err, LP_EINPUT, "%s: give at least one address%s", field,
					  hosts ? "" : " or prefix");
	for (;;) {
		const char *end = strchr(p, ',');
		size_t n = end ? (size_t)(end - p) : strlen(p);

		while (n && *p == ' ')
			p++, n--;
		while (n && p[n - 1] == ' ')
			n--;
		if (n == 0)
			return lp_fail(err, LP_EINPUT, "%s: '%s' has an empty item between commas",
				       field, validate_quote(q, sizeof q, list));
		if (l->n == TOPO_PREFIXES_MAX)
			return lp_fail(err, LP_EINPUT, "%s: more than %d %s", field,
				       TOPO_PREFIXES_MAX, what);
		snprintf(item, sizeof item, "%.*s", (int)(n < sizeof item ? n : sizeof item - 1), p);
		l->family[l->n] = 0;
		s = hosts ? topology_address_canonical(field, item, l->v[l->n], err)
			  : topology_prefix_canonical(field, item, l->v[l->n], &l->family[l->n], err);
		if (s != LP_OK)
			return s;
		for (i = 0; i < l->n; i++)
			if (strcmp(l->v[i], l->v[l->n]) == 0)
				return lp_fail(err, LP_EINPUT, "%s: %s is given twice", field, l->v[i]);
		l->n++;
		if (!end)
			return LP_OK;
		p = end + 1;
	}
}

enum lp_status topo_db_first_row(struct store *st, const char *sql, int64_t id, bool *found,
				 struct topo_db_row *row, struct lp_error *err)
{
	sqlite3_stmt *stmt;
	enum lp_status s;
	int rc, i;

	if ((s = store_prepare_kept(st, sql, &stmt, err)) != LP_OK)
		return s;
	sqlite3_bind_int64(stmt, 1, id);
	rc = sqlite3_step(stmt);
	*found = rc == SQLITE_ROW;
	for (i = 0; i < 4; i++)
		validate_quote(row->c[i], sizeof row->c[i],
			       *found && i < sqlite3_column_count(stmt) ? topo_db_text(stmt, i) : "");
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		s = store_fail(st, rc, "reading the topology", err);
	sqlite3_reset(stmt);
	return s;
}
