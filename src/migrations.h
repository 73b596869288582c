/* migrations.h - the SQL that takes a lyncplan file from one schema
 * version to the next: src/store.c runs it, and the build derives from it
 * the schema each version has (build-aux/known-schemas.c). */
#ifndef LP_MIGRATIONS_H
#define LP_MIGRATIONS_H

#include <stdbool.h>
#include <stddef.h>

/* One forward migration: the SQL that takes a file from version - 1 to
 * version. Each runs inside one transaction with its user_version bump;
 * one that rebuilds a table runs with foreign key enforcement off (a
 * table dropped would take the rows referring to it along), and the
 * references are checked before it commits. */
struct migration {
	int version;
	const char *const *sql; /* NULL-terminated pieces */
	bool rebuilds;
};

/* In version order, one per version from 1 up. */
extern const struct migration lp_migrations[];
extern const size_t lp_migration_count;

#endif
