/* embedded.h - data files compiled into the program (generated from db/ and
 * help/ by build-aux/embed.sh), so it runs from the build tree. */
#ifndef LP_EMBEDDED_H
#define LP_EMBEDDED_H

extern const char lp_schema_sql[];  /* db/schema.sql */
extern const char lp_catalog_sql[]; /* db/catalog.sql */
extern const char lp_catalog_edge_sql[]; /* db/catalog-edge.sql */
extern const char lp_catalog_flow_sql[]; /* db/catalog-flow.sql */
extern const char lp_flows_sql[]; /* db/flows.sql */
extern const char lp_migrate_3_sql[]; /* db/migrate-3.sql */
extern const char lp_migrate_4_sql[]; /* db/migrate-4.sql */
extern const char lp_ports_4_sql[];   /* db/ports-4.sql */
extern const char lp_flows_4_sql[];   /* db/flows-4.sql */

/* help/NAME.txt, in file-name order; ends with { NULL, NULL }. */
struct lp_help_topic {
	const char *name;
	const char *text;
};
extern const struct lp_help_topic lp_help_topics[];

#endif
