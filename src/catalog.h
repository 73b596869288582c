/* catalog.h - the read-only port catalog: the rows of the reference
 * documents' tables, in document order, as loaded from db/catalog.sql
 * (internal servers) and db/catalog-edge.sql (the perimeter). */
#ifndef LP_CATALOG_H
#define LP_CATALOG_H

#include "lp.h"
#include "store.h"

struct catalog_row {
	int id;
	const char *section, *role, *service, *ports, *transport, *protocol;
	const char *notes, *condition, *source;
	int port_lo, port_hi;
	int clients;
};

/* Section names in document order, NULL-terminated. */
extern const char *const catalog_sections[];

/* True when s names a section. */
int catalog_section_valid(const char *s);

/* Calls cb for each row of section (NULL: every section) in document
 * order; a non-zero return from cb stops early. Strings live until cb
 * returns. */
enum lp_status catalog_each(struct store *st, const char *section,
			    int (*cb)(const struct catalog_row *, void *), void *ud,
			    struct lp_error *err);

#endif
