/* tables.h - the derived tables both faces show and export, defined once:
 * each table's name, title and columns, and one function that streams the
 * rows a query asks for into an export writer. The CLI's table commands
 * and the interface's export dialog both write through tables_write. */
#ifndef LP_TABLES_H
#define LP_TABLES_H

#include <stdbool.h>

#include "export/export.h"
#include "lp.h"
#include "plan.h"
#include "store.h"

enum tables_id {
	TABLES_PORTS,
	TABLES_LB_PORTS,
	TABLES_LB_COMPARE,
	TABLES_CLIENTS,
	TABLES_FLOWS,
	TABLES_CHECK,
	TABLES_CATALOG,
	TABLES_SITES,
	TABLES_POOLS,
	TABLES_SERVERS,
	TABLES_LOAD_BALANCERS,
	TABLES_FEATURES,
	TABLES_ZONES,
	TABLES_PEERS,
	TABLES_TOPOLOGY,
	TABLES_COUNT
};

/* Longest text a contains filter holds, in bytes. */
#define TABLES_CONTAINS_MAX 127

/* What to write. Unused fields are NULL; which ones a table reads:
 * ports: filter (all four) and contains; lb-ports, lb-compare:
 * filter.pool; clients: filter.role; flows: from, to, filter.pool (flows
 * from or to that pool) and contains; catalog: section; pools:
 * filter.site; servers: filter.pool. */
struct tables_query {
	enum tables_id table;
	struct plan_filter filter;
	const char *from, *to;
	const char *section;
	const char *contains; /* only rows with this text in a field (ASCII case
			       * ignored), as the Ports view filters; NULL or "": all */
};

/* The table's definition (static). */
const struct export_table *tables_table(enum tables_id id);
/* The id of the table called name (export_table.name); false if none. */
bool tables_lookup(const char *name, enum tables_id *out);

/* True when text ("" matches) is in a field of r, ASCII case ignored. */
bool tables_port_row_has(const struct plan_port_row *r, const char *text);
bool tables_flow_row_has(const struct plan_flow_row *r, const char *text);

/* Begins q's table on w and streams its rows into it, titled with the
 * topology's name when it has one, with its zones (export_set_topology);
 * w stays open for the caller to finish or abort. *rows receives the rows written and
 * *errors the error findings of check (each may be NULL). */
enum lp_status tables_write(struct store *st, const struct tables_query *q, struct writer *w,
			    long *rows, int *errors, struct lp_error *err);

#endif
