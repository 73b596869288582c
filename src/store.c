/* store.c - open, check, create and migrate the SQLite file. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "known_schemas.h"
#include "migrations.h"
#include "store.h"

/* How long a statement waits for another lyncplan's lock before the
 * user hears the file is locked: a write transaction takes milliseconds. */
#define STORE_BUSY_MS 2000

#define STORE_KEPT 32 /* statements kept: every one an import runs per row */

/* The longest SQLite may work toward a statement's next row before the
 * statement is stopped, so that no file can hang the program: the flows of
 * 10,000 servers take some 2.5 s to their first row. The environment
 * variable LYNCPLAN_QUERY_TIMEOUT_MS sets another bound, for testing. */
#define STORE_STEP_MS 60000
#define STORE_PROGRESS_OPS 1000 /* virtual machine steps between looks at the clock */

struct store {
	sqlite3 *db;
	char *path;
	bool readonly;
	bool wal_found; /* a -wal was there when the file was opened */
	bool created;   /* this store put the file in place */
	long step_limit_ms;
	struct timespec step_start;
	bool step_begins; /* the next look at the clock starts a new step */
	struct {
		const char *sql; /* the key: the caller's string itself */
		sqlite3_stmt *stmt;
	} kept[STORE_KEPT];
	size_t nkept, next_evicted;
};

sqlite3 *store_db(struct store *st)
{
	return st->db;
}

const char *store_path(const struct store *st)
{
	return st->path;
}

bool store_readonly(const struct store *st)
{
	return st->readonly;
}

void store_discard(struct store *st)
{
	static const char *const side[] = { "", "-wal", "-shm", "-journal" };
	char *path, *name;
	size_t i;

	if (!st || !st->created) {
		store_close(st);
		return;
	}
	path = st->path;
	st->path = NULL;
	/* Nothing of the file is to be kept: no checkpoint on close. */
	sqlite3_db_config(st->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, (int *)NULL);
	store_close(st);
	for (i = 0; i < sizeof side / sizeof *side; i++)
		if (asprintf(&name, "%s%s", path, side[i]) >= 0) {
			unlink(name);
			free(name);
		}
	free(path);
}

/* Words for the result codes a user can meet; SQLite's own text otherwise. */
static const char *cause(sqlite3 *db, int rc)
{
	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return "the database is locked by another program";
	case SQLITE_NOTADB:
		return "not a SQLite database";
	case SQLITE_CORRUPT:
		return "the database is corrupt";
	case SQLITE_READONLY:
		return "the file is read-only";
	case SQLITE_CANTOPEN:
		return "cannot open the file";
	case SQLITE_FULL:
		return "the disk is full";
	case SQLITE_PERM:
	case SQLITE_AUTH:
		return "permission denied";
	default:
		return db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
	}
}

enum lp_status store_fail(struct store *st, int rc, const char *what,
			  struct lp_error *err)
{
	if ((rc & 0xff) == SQLITE_INTERRUPT)
		return lp_fail(err, LP_EDB, "%s: %s: a query ran longer than %g s and was stopped",
			       st->path, what, (double)st->step_limit_ms / 1000);
	return lp_fail(err, LP_EDB, "%s: %s: %s", st->path, what,
		       cause(st->db, rc));
}

enum lp_status store_prepare(struct store *st, const char *sql,
			     sqlite3_stmt **stmt, struct lp_error *err)
{
	int rc = sqlite3_prepare_v2(st->db, sql, -1, stmt, NULL);

	if (rc != SQLITE_OK)
		return store_fail(st, rc, "preparing a query", err);
	return LP_OK;
}

enum lp_status store_prepare_kept(struct store *st, const char *sql,
				  sqlite3_stmt **stmt, struct lp_error *err)
{
	enum lp_status s;
	size_t i;

	for (i = 0; i < st->nkept; i++)
		if (st->kept[i].sql == sql) {
			*stmt = st->kept[i].stmt;
			sqlite3_clear_bindings(*stmt);
			return LP_OK;
		}
	if ((s = store_prepare(st, sql, stmt, err)) != LP_OK)
		return s;
	if (st->nkept < STORE_KEPT) {
		i = st->nkept++;
	} else {
		/* In turn: no caller holds a kept statement across calls. */
		i = st->next_evicted;
		st->next_evicted = (i + 1) % STORE_KEPT;
		sqlite3_finalize(st->kept[i].stmt);
	}
	st->kept[i].sql = sql;
	st->kept[i].stmt = *stmt;
	return LP_OK;
}

static enum lp_status exec(struct store *st, const char *sql,
			   const char *what, struct lp_error *err)
{
	int rc = sqlite3_exec(st->db, sql, NULL, NULL, NULL);

	if (rc != SQLITE_OK)
		return store_fail(st, rc, what, err);
	return LP_OK;
}

enum lp_status store_begin(struct store *st, struct lp_error *err)
{
	if (st->readonly)
		return lp_fail(err, LP_EDB, "%s: the file is read-only", st->path);
	return exec(st, "BEGIN IMMEDIATE", "starting a transaction", err);
}

enum lp_status store_commit(struct store *st, struct lp_error *err)
{
	enum lp_status s = exec(st, "COMMIT", "committing", err);

	if (s != LP_OK)
		store_rollback(st);
	return s;
}

void store_rollback(struct store *st)
{
	if (!sqlite3_get_autocommit(st->db))
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
}

char *store_default_path(struct lp_error *err)
{
	const char *base = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");
	const char *tail = "/lyncplan/topology.db";
	char *path;

	if (base && base[0] == '/') {
		if (asprintf(&path, "%s%s", base, tail) < 0)
			path = NULL;
	} else if (home && home[0] == '/') {
		if (asprintf(&path, "%s/.local/share%s", home, tail) < 0)
			path = NULL;
	} else {
		lp_fail(err, LP_EDB, "no database path: HOME is not set; use --db FILE");
		return NULL;
	}
	if (!path)
		lp_fail(err, LP_EDB, "out of memory");
	return path;
}

/* mkdir -p for the directories above path, each new one with mode 0700. */
static enum lp_status make_parents(const char *path, struct lp_error *err)
{
	char *dir = strdup(path);
	char *p;

	if (!dir)
		return lp_fail(err, LP_EDB, "out of memory");
	for (p = dir + 1; (p = strchr(p, '/')) != NULL; p++) {
		*p = '\0';
		if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
			lp_fail(err, LP_EDB, "%s: cannot create directory: %s",
				dir, strerror(errno));
			free(dir);
			return LP_EDB;
		}
		*p = '/';
	}
	free(dir);
	return LP_OK;
}

static enum lp_status read_int(struct store *st, const char *sql, int *out,
			       struct lp_error *err)
{
	sqlite3_stmt *stmt;
	int rc = sqlite3_prepare_v2(st->db, sql, -1, &stmt, NULL);

	if (rc == SQLITE_OK) {
		rc = sqlite3_step(stmt);
		if (rc == SQLITE_ROW) {
			*out = sqlite3_column_int(stmt, 0);
			rc = SQLITE_OK;
		}
		sqlite3_finalize(stmt);
	}
	if (rc != SQLITE_OK)
		return store_fail(st, rc, "reading", err);
	return LP_OK;
}

long store_data_version(struct store *st)
{
	int version = 0;

	if (read_int(st, "PRAGMA data_version", &version, NULL) != LP_OK)
		return 0;
	return version;
}

/* The size of path's side file path + suffix ("-wal", "-journal"), or -1
 * when there is none. */
static off_t side_file_size(const char *path, const char *suffix)
{
	struct stat sb;
	char *side;
	off_t size = -1;

	if (asprintf(&side, "%s%s", path, suffix) < 0)
		return -1;
	if (lstat(side, &sb) == 0)
		size = sb.st_size;
	free(side);
	return size;
}

/* Refuses a file shorter than its header says: SQLite reads the missing
 * tail as zeros, and quick_check misses a lost tail that was zeros. The
 * size is read after the page count: a file only shrinks by VACUUM. */
static enum lp_status check_size(struct store *st, struct lp_error *err)
{
	int page_size = 0, pages = 0;
	enum lp_status s;
	struct stat sb;

	if (strcmp(st->path, ":memory:") == 0)
		return LP_OK;
	if ((s = read_int(st, "PRAGMA page_size", &page_size, err)) != LP_OK ||
	    (s = read_int(st, "PRAGMA page_count", &pages, err)) != LP_OK)
		return s;
	/* Pages written to the -wal may not be in the file yet. */
	if (side_file_size(st->path, "-wal") > 0)
		return LP_OK;
	if (stat(st->path, &sb) == 0 && sb.st_size < (off_t)page_size * pages)
		return lp_fail(err, LP_EDB, "%s: the database is truncated (%lld bytes of %lld)",
			       st->path, (long long)sb.st_size, (long long)page_size * pages);
	return LP_OK;
}

/* Whether column col of stmt holds the text want (NULL: holds NULL). */
static bool same_text(sqlite3_stmt *stmt, int col, const char *want)
{
	const char *got = (const char *)sqlite3_column_text(stmt, col);

	return want && got ? strcmp(got, want) == 0 : !want && !got;
}

/* Whether stmt's row (type, name, tbl_name, sql) is want (NULL: none). */
static bool row_is(sqlite3_stmt *stmt, const struct lp_schema_row *want)
{
	return want && same_text(stmt, 0, want->type) && same_text(stmt, 1, want->name) &&
	       same_text(stmt, 2, want->tbl_name) && same_text(stmt, 3, want->sql);
}

/* The tables ANALYZE adds, as SQLite writes them: its statistics for the
 * query planner, data that runs no code. */
static const char *const analyze_tables[] = {
	"CREATE TABLE sqlite_stat1(tbl,idx,stat)",
	"CREATE TABLE sqlite_stat4(tbl,idx,neq,nlt,ndlt,sample)",
};

/* Refuses a file whose schema (its tables, views, indexes and triggers,
 * read from sqlite_schema) is not one that a genuine file of its version
 * has, whatever its data: an added trigger or a changed view would run
 * the file's own code, a CHECK rule taken away would let bad rows in.
 * The statistics tables of ANALYZE are no part of a schema. Nothing of the
 * file's schema runs before this. */
static enum lp_status check_schema(struct store *st, int version, struct lp_error *err)
{
	unsigned long alive = 0; /* bit k: lp_known_schemas[k] still matches */
	const struct lp_known_schema *known = lp_known_schemas;
	char differs[160] = "";
	sqlite3_stmt *stmt;
	enum lp_status s;
	size_t k, n, row = 0;
	int rc = SQLITE_DONE;

	for (n = 0; n < 8 * sizeof alive && known[n].rows; n++)
		if (known[n].version == version)
			alive |= 1UL << n;
	if ((s = store_prepare(st, "SELECT type, name, tbl_name, sql FROM sqlite_schema"
			       " WHERE NOT (type = 'table' AND coalesce(sql, '') IN (?1, ?2))"
			       " ORDER BY type, name",
			       &stmt, err)) != LP_OK)
		return s;
	sqlite3_bind_text(stmt, 1, analyze_tables[0], -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, analyze_tables[1], -1, SQLITE_STATIC);
	while (alive && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		for (k = 0; k < n; k++)
			if ((alive & 1UL << k) && !row_is(stmt, known[k].rows[row]))
				alive &= ~(1UL << k);
		if (!alive)
			snprintf(differs, sizeof differs, "%.20s %.80s", sqlite3_column_text(stmt, 0),
				 sqlite3_column_text(stmt, 1));
		row++;
	}
	if (alive && rc != SQLITE_DONE)
		s = store_fail(st, rc, "reading the schema", err);
	sqlite3_finalize(stmt);
	if (s != LP_OK)
		return s;
	for (k = 0; k < n; k++)
		if ((alive & 1UL << k) && !known[k].rows[row])
			return LP_OK;
	if (differs[0])
		return lp_fail(err, LP_EDB, "%s: not a lyncplan file or tampered with: its %s is not"
			       " as schema version %d has it", st->path, differs, version);
	return lp_fail(err, LP_EDB, "%s: not a lyncplan file or tampered with: it lacks part"
		       " of schema version %d", st->path, version);
}

/* Refuses a file that is corrupt, someone else's, from a newer lyncplan
 * or tampered with; sets *version to the file's schema version. Reads only. */
static enum lp_status check_file(struct store *st, int *version,
				 struct lp_error *err)
{
	int app_id = 0, tables = 0;
	sqlite3_stmt *stmt;
	enum lp_status s;
	const char *result;
	int rc;

	if ((s = read_int(st, "PRAGMA user_version", version, err)) != LP_OK ||
	    (s = read_int(st, "PRAGMA application_id", &app_id, err)) != LP_OK ||
	    (s = read_int(st, "SELECT count(*) FROM sqlite_schema", &tables, err)) != LP_OK)
		return s;
	if (app_id != STORE_APPLICATION_ID && (app_id != 0 || *version != 0 || tables != 0))
		return lp_fail(err, LP_EDB, "%s: not a lyncplan database (application_id %d)",
			       st->path, app_id);
	if (*version > STORE_SCHEMA_VERSION)
		return lp_fail(err, LP_EDB,
			       "%s: written by a newer lyncplan (schema version %d; this one knows up to %d)",
			       st->path, *version, STORE_SCHEMA_VERSION);
	if ((s = check_size(st, err)) != LP_OK ||
	    (s = check_schema(st, *version, err)) != LP_OK)
		return s;

	if ((s = store_prepare(st, "PRAGMA quick_check", &stmt, err)) != LP_OK)
		return s;
	rc = sqlite3_step(stmt);
	result = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(stmt, 0) : NULL;
	if (rc != SQLITE_ROW)
		s = store_fail(st, rc, "checking integrity", err);
	else if (!result || strcmp(result, "ok") != 0)
		s = lp_fail(err, LP_EDB, "%s: the database is corrupt: %.*s", st->path,
			    result ? (int)strcspn(result, "\n") : 13,
			    result ? result : "unknown fault");
	sqlite3_finalize(stmt);
	return s;
}

/* Refuses to commit a migration that left a row referring to one that is
 * not there. */
static enum lp_status check_references(struct store *st, struct lp_error *err)
{
	sqlite3_stmt *stmt;
	enum lp_status s;
	int rc;

	if ((s = store_prepare(st, "PRAGMA foreign_key_check", &stmt, err)) != LP_OK)
		return s;
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		s = lp_fail(err, LP_EDB, "%s: upgrading the schema: a row of table %s refers to"
			    " a missing row", st->path, (const char *)sqlite3_column_text(stmt, 0));
	else if (rc != SQLITE_DONE)
		s = store_fail(st, rc, "upgrading the schema", err);
	sqlite3_finalize(stmt);
	return s;
}

/* One migration in its transaction; from: the version the file had when
 * the caller last looked. */
static enum lp_status migrate_one(struct store *st, const struct migration *m, int from,
				  struct lp_error *err)
{
	char bump[96];
	enum lp_status s;
	const char *const *piece;

	if ((s = store_begin(st, err)) != LP_OK)
		return s;
	/* Another lyncplan may have upgraded the file while we waited. */
	if ((s = read_int(st, "PRAGMA user_version", &from, err)) != LP_OK ||
	    from >= m->version) {
		store_rollback(st);
		return s;
	}
	for (piece = m->sql; *piece && s == LP_OK; piece++)
		s = exec(st, *piece, "upgrading the schema", err);
	snprintf(bump, sizeof bump, "PRAGMA application_id = %d; PRAGMA user_version = %d",
		 STORE_APPLICATION_ID, m->version);
	if (s == LP_OK)
		s = exec(st, bump, "upgrading the schema", err);
	if (s == LP_OK && m->rebuilds)
		s = check_references(st, err);
	if (s != LP_OK) {
		store_rollback(st);
		return s;
	}
	return store_commit(st, err);
}

static enum lp_status migrate(struct store *st, int from, struct lp_error *err)
{
	size_t i;

	for (i = 0; i < lp_migration_count; i++) {
		const struct migration *m = &lp_migrations[i];
		enum lp_status s;

		if (m->version <= from)
			continue;
		if (st->readonly)
			return lp_fail(err, LP_EDB,
				       "%s: schema version %d needs an upgrade, but the file is read-only",
				       st->path, from);
		/* Enforcement can only be switched outside a transaction. */
		if (m->rebuilds &&
		    (s = exec(st, "PRAGMA foreign_keys = OFF", "upgrading the schema", err)) != LP_OK)
			return s;
		s = migrate_one(st, m, from, err);
		if (m->rebuilds && s == LP_OK)
			s = exec(st, "PRAGMA foreign_keys = ON", "upgrading the schema", err);
		else if (m->rebuilds)
			sqlite3_exec(st->db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
		if (s != LP_OK)
			return s;
	}
	return LP_OK;
}

/* The bound on one step of a query: STORE_STEP_MS, or for testing the
 * milliseconds in LYNCPLAN_QUERY_TIMEOUT_MS. */
static long step_limit_ms(void)
{
	const char *text = getenv("LYNCPLAN_QUERY_TIMEOUT_MS");
	char *end;
	long ms;

	if (!text || !*text)
		return STORE_STEP_MS;
	errno = 0;
	ms = strtol(text, &end, 10);
	return *end || errno || ms <= 0 ? STORE_STEP_MS : ms;
}

/* SQLite calls this as a statement starts and as it yields a row: the
 * next look at the clock starts the time of a new step. */
static int step_event(unsigned type, void *ctx, void *p, void *x)
{
	(void)type;
	(void)p;
	(void)x;
	((struct store *)ctx)->step_begins = true;
	return 0;
}

/* SQLite's progress handler: stops a step (non-zero) that has run longer
 * than the bound. A step ends at a row or at the statement's end, so the
 * time a caller spends between rows (writing to a slow pipe) never counts. */
static int step_over_time(void *ctx)
{
	struct store *st = ctx;
	struct timespec now;
	long ms;

	clock_gettime(CLOCK_MONOTONIC, &now);
	if (st->step_begins) {
		st->step_begins = false;
		st->step_start = now;
		return 0;
	}
	ms = (now.tv_sec - st->step_start.tv_sec) * 1000 +
	     (now.tv_nsec - st->step_start.tv_nsec) / 1000000;
	return ms > st->step_limit_ms;
}

/* Puts the file in WAL mode (once for good: the mode is kept in the
 * file), where a reader never blocks a writer nor a writer a reader: an
 * export reads the file as it was when it began while edits commit. The
 * last connection to close folds the -wal back into the file and removes
 * it and the -shm, so a closed file stands alone. Converting a file that
 * an older lyncplan left in rollback mode is a write; where SQLite cannot
 * use WAL, the file stays as it was. */
static enum lp_status use_wal(struct store *st, struct lp_error *err)
{
	return exec(st, "PRAGMA journal_mode = WAL", "opening", err);
}

/* Opens file (a name SQLite is to open, which may differ from st->path)
 * on st with flags, and sets what every connection needs. The file is
 * untrusted: defensive mode (no writable_schema, no writes to SQLite's
 * own tables) and an untrusted schema (its views and triggers may call no
 * function with side effects), until check_schema has compared it. */
static enum lp_status connect_file(struct store *st, const char *file, int flags,
				   struct lp_error *err)
{
	char *name = NULL;
	int rc;

	/* SQLite reads a name starting with "file:" as a URI (its query could
	 * open a throw-away database); "./" makes it a plain file name. */
	if (!(flags & SQLITE_OPEN_URI) && strncmp(file, "file:", 5) == 0 &&
	    asprintf(&name, "./%s", file) < 0)
		return lp_fail(err, LP_EDB, "out of memory");
	/* NOMUTEX: a connection is only ever used by the thread that opened
	 * it, so SQLite need not lock it on every call. */
	rc = sqlite3_open_v2(name ? name : file, &st->db,
			     flags | SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_NOMUTEX, NULL);
	free(name);
	if (rc != SQLITE_OK)
		return store_fail(st, rc, "opening", err);
	sqlite3_extended_result_codes(st->db, 1);
	sqlite3_busy_timeout(st->db, STORE_BUSY_MS);
	sqlite3_db_config(st->db, SQLITE_DBCONFIG_DEFENSIVE, 1, (int *)NULL);
	st->step_limit_ms = step_limit_ms();
	st->step_begins = true;
	sqlite3_trace_v2(st->db, SQLITE_TRACE_STMT | SQLITE_TRACE_ROW, step_event, st);
	sqlite3_progress_handler(st->db, STORE_PROGRESS_OPS, step_over_time, st);
	return exec(st, "PRAGMA trusted_schema = OFF; PRAGMA foreign_keys = ON", "opening", err);
}

/* Why the directory holding path cannot take new files (SQLite writes its
 * journal there), or NULL. No write bit counts as read-only even for root,
 * as for the file itself. */
static const char *dir_fault(const char *path)
{
	const char *slash = strrchr(path, '/'), *dir = ".", *fault = NULL;
	char *copy = NULL;
	struct stat sb;

	if (slash) {
		if (!(copy = strndup(path, slash == path ? 1 : (size_t)(slash - path))))
			return "out of memory";
		dir = copy;
	}
	if (stat(dir, &sb) != 0)
		fault = errno == ENOENT ? "no such directory" : strerror(errno);
	else if (access(dir, W_OK) != 0 || (sb.st_mode & 0222) == 0)
		fault = "the directory is read-only";
	free(copy);
	return fault;
}

/* Creates the database at st->path whole or not at all: the schema goes
 * into a new file beside it, which is then linked into place. Another
 * lyncplan opening the path meanwhile never meets a half-made (empty)
 * file, and a failure (a full disk) leaves no file behind. */
static enum lp_status create_file(struct store *st, struct lp_error *err)
{
	struct store tmp = { .path = st->path }; /* messages name the user's file */
	enum lp_status s;
	mode_t mask;
	char *name;
	int fd;

	if (asprintf(&name, "%s.new-XXXXXX", st->path) < 0)
		return lp_fail(err, LP_EDB, "out of memory");
	if ((fd = mkstemp(name)) < 0) {
		s = lp_fail(err, LP_EDB, "%s: cannot create the file: %s", st->path, strerror(errno));
		free(name);
		return s;
	}
	mask = umask(0); /* the permissions SQLite gives a file it creates */
	umask(mask);
	s = fchmod(fd, 0644 & ~mask) == 0 ? LP_OK
		: lp_fail(err, LP_EDB, "%s: cannot create the file: %s", st->path, strerror(errno));
	close(fd);
	if (s == LP_OK)
		s = connect_file(&tmp, name, SQLITE_OPEN_READWRITE, err);
	if (s == LP_OK)
		s = migrate(&tmp, 0, err);
	if (s == LP_OK)
		s = use_wal(&tmp, err);
	sqlite3_close(tmp.db);
	/* EEXIST: another lyncplan created it first; that file is whole too.
	 * A file system without hard links gets a rename instead. */
	if (s == LP_OK && link(name, st->path) == 0)
		st->created = true;
	else if (s == LP_OK && errno != EEXIST) {
		if (rename(name, st->path) == 0)
			st->created = true;
		else
			s = lp_fail(err, LP_EDB, "%s: cannot create the file: %s", st->path,
				    strerror(errno));
	}
	unlink(name);
	free(name);
	return s;
}

/* Refuses what SQLite would misread (an empty file, something other than
 * a file) and decides whether the file is opened read-only. */
static enum lp_status check_access(struct store *st, enum store_mode mode,
				   const struct stat *sb, struct lp_error *err)
{
	const char *fault;

	if (!S_ISREG(sb->st_mode))
		return lp_fail(err, LP_EDB, "%s: not a regular file", st->path);
	/* SQLite would take an empty file for a new database; a user's
	 * file that lost its contents must not be silently reused. */
	if (sb->st_size == 0)
		return lp_fail(err, LP_EDB,
			       "%s: empty file, not a lyncplan database (remove it to start anew)",
			       st->path);
	if (access(st->path, R_OK) != 0)
		return lp_fail(err, LP_EDB, "%s: cannot read the file: %s",
			       st->path, strerror(errno));
	/* No write bit means read-only even for root, who could write. */
	if (access(st->path, W_OK) != 0 || (sb->st_mode & 0222) == 0) {
		if (mode == STORE_WRITE)
			return lp_fail(err, LP_EDB, "%s: the file is read-only", st->path);
		st->readonly = true;
	}
	if (!st->readonly && (fault = dir_fault(st->path)) != NULL) {
		if (mode == STORE_WRITE)
			return lp_fail(err, LP_EDB, "%s: cannot write: %s (it must hold the journal)",
				       st->path, fault);
		st->readonly = true;
	}
	return LP_OK;
}

/* Opens st->path read-only as a file nobody writes (SQLite's immutable
 * flag): SQLite then creates no -wal or -shm beside it and takes no lock.
 * For a file lyncplan may not write, with neither -wal nor -journal: no
 * lyncplan is writing it (a writer has a -wal for as long as it has the
 * file open), and no write is half done. SQLite cannot read a file in WAL
 * mode otherwise without creating a -shm, which a read-only directory
 * does not allow. */
static enum lp_status connect_immutable(struct store *st, struct lp_error *err)
{
	static const char plain[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-~";
	size_t cap = strlen(st->path) * 3 + sizeof "file:?immutable=1", len;
	const unsigned char *c;
	enum lp_status s;
	char *uri;

	if (!(uri = malloc(cap)))
		return lp_fail(err, LP_EDB, "out of memory");
	len = (size_t)snprintf(uri, cap, "file:");
	for (c = (const unsigned char *)st->path; *c; c++) {
		if (strchr(plain, *c))
			len += (size_t)snprintf(uri + len, cap - len, "%c", *c);
		else
			len += (size_t)snprintf(uri + len, cap - len, "%%%02X", *c);
	}
	snprintf(uri + len, cap - len, "?immutable=1");
	s = connect_file(st, uri, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, err);
	free(uri);
	return s;
}

static enum lp_status open_connection(struct store *st, enum store_mode mode,
				      struct lp_error *err)
{
	const char *fault;
	enum lp_status s;
	struct stat sb;

	if (strcmp(st->path, ":memory:") == 0)
		return connect_file(st, st->path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, err);
	if (stat(st->path, &sb) != 0) {
		if (errno != ENOENT)
			return lp_fail(err, LP_EDB, "%s: cannot read the file: %s",
				       st->path, strerror(errno));
		if ((fault = dir_fault(st->path)) != NULL)
			return lp_fail(err, LP_EDB, "%s: cannot create the file: %s", st->path, fault);
		if ((s = create_file(st, err)) != LP_OK)
			return s;
		if (stat(st->path, &sb) != 0)
			return lp_fail(err, LP_EDB, "%s: cannot read the file: %s",
				       st->path, strerror(errno));
	}
	if ((s = check_access(st, mode, &sb, err)) != LP_OK)
		return s;
	st->wal_found = side_file_size(st->path, "-wal") >= 0;
	if (st->readonly && !st->wal_found && side_file_size(st->path, "-journal") < 0)
		return connect_immutable(st, err);
	return connect_file(st, st->path,
			    st->readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE, err);
}

enum lp_status store_open(const char *path, enum store_mode mode,
			  bool create_dirs, struct store **out,
			  struct lp_error *err)
{
	struct store *st = calloc(1, sizeof *st);
	enum lp_status s;
	int version = 0;

	*out = NULL;
	if (!st || !(st->path = strdup(path))) {
		free(st);
		return lp_fail(err, LP_EDB, "out of memory");
	}
	s = create_dirs ? make_parents(path, err) : LP_OK;
	if (s == LP_OK)
		s = open_connection(st, mode, err);
	if (s == LP_OK)
		s = check_file(st, &version, err);
	if (s == LP_OK)
		s = migrate(st, version, err);
	if (s == LP_OK && !st->readonly && strcmp(path, ":memory:") != 0)
		s = use_wal(st, err);
	if (s != LP_OK) {
		/* A -wal found holds another's writes: they are not folded into
		 * a file refused. */
		if (st->db && st->wal_found)
			sqlite3_db_config(st->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, (int *)NULL);
		store_close(st);
		return s;
	}
	*out = st;
	return LP_OK;
}

void store_close(struct store *st)
{
	size_t i;

	if (!st)
		return;
	for (i = 0; i < st->nkept; i++)
		sqlite3_finalize(st->kept[i].stmt);
	sqlite3_close(st->db);
	free(st->path);
	free(st);
}
