/* store.h - the one place that opens a lyncplan database: it creates the
 * file, checks that it is ours and sound, migrates it forward in one
 * transaction, and turns SQLite's result codes into one-line errors. */
#ifndef LP_STORE_H
#define LP_STORE_H

#include <stdbool.h>
#include <sqlite3.h>

#include "lp.h"

#define STORE_APPLICATION_ID 0x4c796e63 /* "Lync" */
#define STORE_SCHEMA_VERSION 4

enum store_mode {
	STORE_READ,  /* open read-write when possible, else read-only */
	STORE_WRITE  /* the caller will write: a read-only file is refused */
};

struct store;

/* Returns the default database path ($XDG_DATA_HOME/lyncplan/topology.db,
 * else ~/.local/share/lyncplan/topology.db) in a new string the caller
 * frees, or NULL with err set. Does not create anything. */
char *store_default_path(struct lp_error *err);

/* Opens (creating when absent) the database at path; ":memory:" gives an
 * empty in-memory database. Parent directories of a default path are
 * created with mode 0700 when create_dirs is set. On success *out owns the
 * connection (free with store_close). On failure the file is left as it
 * was and err names the file and the cause (status LP_EDB). */
enum lp_status store_open(const char *path, enum store_mode mode,
			  bool create_dirs, struct store **out,
			  struct lp_error *err);

void store_close(struct store *st);

/* Closes st as store_close does; when store_open created the file, the
 * file and the files SQLite keeps beside it (-wal, -shm, -journal) are
 * removed too: for a command refused before it wrote anything to keep. */
void store_discard(struct store *st);

/* The connection, for the model and derivation layers only. */
sqlite3 *store_db(struct store *st);

/* The path the store was opened with (owned by the store). */
const char *store_path(const struct store *st);

/* True when the file was opened read-only. */
bool store_readonly(const struct store *st);

/* A number that changes when another connection commits to the file
 * (PRAGMA data_version), also while the commit is only in its -wal; 0
 * when it cannot be read. */
long store_data_version(struct store *st);

/* Transactions: BEGIN IMMEDIATE / COMMIT / ROLLBACK. Begin and commit set
 * err on failure (e.g. the file is locked by another program). */
enum lp_status store_begin(struct store *st, struct lp_error *err);
enum lp_status store_commit(struct store *st, struct lp_error *err);
void store_rollback(struct store *st);

/* Fills err from SQLite result code rc for the action `what` (e.g.
 * "adding pool"), naming the file; returns LP_EDB. */
enum lp_status store_fail(struct store *st, int rc, const char *what,
			  struct lp_error *err);

/* Prepares sql on the store's connection; on failure fills err. */
enum lp_status store_prepare(struct store *st, const char *sql,
			     sqlite3_stmt **stmt, struct lp_error *err);

/* The statement for sql kept by the store, prepared on first use: sql
 * must live as long as the store (a literal), as it is the key. The
 * statement is owned by the store: the caller binds, steps and then
 * resets it with sqlite3_reset before any other call on the store, and
 * never finalizes it. For statements run once per row of a large load. */
enum lp_status store_prepare_kept(struct store *st, const char *sql,
				  sqlite3_stmt **stmt, struct lp_error *err);

#endif
