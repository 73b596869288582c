/* known_schemas.h - the schema of every genuine lyncplan file, for each
 * schema version: the rows of its sqlite_schema (every table, view, index
 * and trigger) ordered by type and name. Generated at build time by
 * build-aux/known-schemas from the migrations (src/migrations.c), and from
 * the schema texts older lyncplans wrote (db/history/) followed by the
 * migrations after them. */
#ifndef LP_KNOWN_SCHEMAS_H
#define LP_KNOWN_SCHEMAS_H

struct lp_schema_row {
	const char *type, *name, *tbl_name, *sql; /* sql NULL for an automatic index */
};

struct lp_known_schema {
	int version;
	const struct lp_schema_row *const *rows; /* NULL-terminated */
};

/* Ends with { 0, NULL }. */
extern const struct lp_known_schema lp_known_schemas[];

#endif
