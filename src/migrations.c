/* migrations.c - the SQL of each schema version, in order. */
#include "config.h"

#include "embedded.h"
#include "migrations.h"

static const char *const migration_1[] = {
	lp_schema_sql, lp_catalog_sql, lp_catalog_edge_sql, lp_catalog_flow_sql, NULL
};

/* The flows derived per pool profile: a version 1 file's flow views are
 * replaced. */
static const char *const migration_2[] = { lp_flows_sql, NULL };

/* The zones, peers and name of a topology, and the flows' addresses
 * derived from them. */
static const char *const migration_3[] = { lp_migrate_3_sql, NULL };

/* The addresses of each side of the perimeter, and the Back End as pools
 * of their own: the pool table is rebuilt. */
static const char *const migration_4[] = {
	lp_migrate_4_sql, lp_ports_4_sql, lp_flows_4_sql, NULL
};

const struct migration lp_migrations[] = {
	{ 1, migration_1, false },
	{ 2, migration_2, false },
	{ 3, migration_3, false },
	{ 4, migration_4, true },
};

const size_t lp_migration_count = sizeof lp_migrations / sizeof lp_migrations[0];
