/* catalog.c - reading the port catalog. */
#include "config.h"

#include <string.h>

#include "catalog.h"

const char *const catalog_sections[] = {
	"server", "hlb-only", "hlb-dns", "client",
	"edge-external", "edge-internal", "edge-federation", "edge-public-im", "edge-xmpp",
	"edge-hlb-external", "edge-hlb-internal", "edge-hlb-vip-external", "edge-hlb-vip-internal",
	"edge-av-dest-only", "edge-av-src-dest", "reverse-proxy-external", "reverse-proxy-internal",
	"sql-backend", NULL
};

int catalog_section_valid(const char *s)
{
	const char *const *p;

	for (p = catalog_sections; *p; p++)
		if (strcmp(*p, s) == 0)
			return 1;
	return 0;
}

static const char *text(sqlite3_stmt *stmt, int col)
{
	const unsigned char *t = sqlite3_column_text(stmt, col);

	return t ? (const char *)t : "";
}

enum lp_status catalog_each(struct store *st, const char *section,
			    int (*cb)(const struct catalog_row *, void *), void *ud,
			    struct lp_error *err)
{
	static const char sql[] =
		"SELECT id, section, role, service, port_lo, port_hi, transport,"
		" protocol, notes, condition, clients, source,"
		" CASE WHEN port_lo = port_hi THEN port_lo ELSE port_lo || '-' || port_hi END"
		" FROM catalog WHERE ?1 IS NULL OR section = ?1 ORDER BY id";
	sqlite3_stmt *stmt;
	enum lp_status s;
	int rc;

	if ((s = store_prepare(st, sql, &stmt, err)) != LP_OK)
		return s;
	sqlite3_bind_text(stmt, 1, section, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct catalog_row r = {
			.id = sqlite3_column_int(stmt, 0),
			.section = text(stmt, 1),
			.role = text(stmt, 2),
			.service = text(stmt, 3),
			.port_lo = sqlite3_column_int(stmt, 4),
			.port_hi = sqlite3_column_int(stmt, 5),
			.transport = text(stmt, 6),
			.protocol = text(stmt, 7),
			.notes = text(stmt, 8),
			.condition = text(stmt, 9),
			.clients = sqlite3_column_int(stmt, 10),
			.source = text(stmt, 11),
			.ports = text(stmt, 12),
		};
		if (cb(&r, ud))
			break;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		s = store_fail(st, rc, "reading the catalog", err);
	sqlite3_finalize(stmt);
	return s;
}
