/* test_store.c - opening, creating and migrating the file, and refusing
 * every kind of file that must not be touched, byte for byte unchanged. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "testutil.h"

struct fixture {
	char *dir;
	char *db;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);

	f->dir = tu_tmpdir();
	f->db = tu_path(f->dir, "topology.db");
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	chmod(f->dir, 0700);
	tu_rmtree(f->dir);
	free(f->db);
	free(f->dir);
	free(f);
	return 0;
}

static void exec_sql(const char *path, const char *sql)
{
	sqlite3 *db;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
}

/* Opening must fail with LP_EDB, a message naming the file and containing
 * `cause`, and leave the file's bytes as they were. */
static void expect_refused(const char *path, enum store_mode mode, const char *cause)
{
	struct lp_error err = { LP_OK, "" };
	struct store *st = NULL;
	size_t len = 0;
	unsigned char *before = tu_read_file(path, &len);

	assert_non_null(before);
	assert_int_equal(store_open(path, mode, false, &st, &err), LP_EDB);
	assert_null(st);
	assert_non_null(strstr(err.msg, path));
	if (!strstr(err.msg, cause))
		fail_msg("message '%s' lacks '%s'", err.msg, cause);
	assert_null(strchr(err.msg, '\n'));
	tu_assert_file_is(path, before, len);
	free(before);
}

static void test_create_and_reopen(void **state)
{
	struct fixture *f = *state;
	struct lp_error err;
	struct store *st;

	assert_int_equal(store_open(f->db, STORE_WRITE, false, &st, &err), LP_OK);
	assert_int_equal(tu_query_int(st, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
	assert_int_equal(tu_query_int(st, "PRAGMA application_id"), STORE_APPLICATION_ID);
	assert_int_equal(tu_query_int(st, "PRAGMA foreign_keys"), 1);
	assert_true(tu_query_int(st, "SELECT count(*) FROM catalog") > 0);
	store_close(st);

	assert_int_equal(store_open(f->db, STORE_READ, false, &st, &err), LP_OK);
	assert_false(store_readonly(st));
	assert_int_equal(tu_query_int(st, "SELECT count(*) FROM site"), 0);
	store_close(st);
}

static void test_creates_private_directories(void **state)
{
	struct fixture *f = *state;
	char *deep = tu_path(f->dir, "a/b/topology.db");
	char *a = tu_path(f->dir, "a");
	struct lp_error err;
	struct store *st;
	struct stat sb;

	assert_int_equal(store_open(deep, STORE_WRITE, true, &st, &err), LP_OK);
	store_close(st);
	assert_int_equal(stat(a, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0700);
	free(a);
	free(deep);
}

static void test_default_path(void **state)
{
	struct lp_error err;
	char *p;

	(void)state;
	setenv("XDG_DATA_HOME", "/x/data", 1);
	p = store_default_path(&err);
	assert_string_equal(p, "/x/data/lyncplan/topology.db");
	free(p);
	setenv("XDG_DATA_HOME", "relative", 1);
	setenv("HOME", "/home/u", 1);
	p = store_default_path(&err);
	assert_string_equal(p, "/home/u/.local/share/lyncplan/topology.db");
	free(p);
	unsetenv("XDG_DATA_HOME");
	p = store_default_path(&err);
	assert_string_equal(p, "/home/u/.local/share/lyncplan/topology.db");
	free(p);
}

static void test_migrates_version_0(void **state)
{
	struct fixture *f = *state;
	struct lp_error err;
	struct store *st;

	exec_sql(f->db, "CREATE TABLE t (x); DROP TABLE t;");
	assert_int_equal(store_open(f->db, STORE_WRITE, false, &st, &err), LP_OK);
	assert_int_equal(tu_query_int(st, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
	assert_int_equal(tu_query_int(st, "SELECT count(*) FROM feature"), 10);
	store_close(st);
}

static void test_memory(void **state)
{
	struct store *st = tu_memory_store();

	(void)state;
	assert_string_equal(store_path(st), ":memory:");
	assert_int_equal(tu_query_int(st, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
	store_close(st);
}

/* Runs kept statement sql, which selects one number; returns it. */
static int run_kept(struct store *st, const char *sql)
{
	struct lp_error err = { LP_OK, "" };
	sqlite3_stmt *stmt;
	int n;

	assert_int_equal(store_prepare_kept(st, sql, &stmt, &err), LP_OK);
	assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
	n = sqlite3_column_int(stmt, 0);
	sqlite3_reset(stmt);
	return n;
}

/* Kept statements answer each for its own text, also when there are more
 * of them than the store keeps; the same text gives the same statement. */
static void test_kept_statements(void **state)
{
	static char sql[40][64];
	struct store *st = tu_memory_store();
	sqlite3_stmt *first, *again;
	struct lp_error err;
	int i, round;

	(void)state;
	for (i = 0; i < 40; i++)
		snprintf(sql[i], sizeof sql[i], "SELECT %d", i * 3);
	for (round = 0; round < 2; round++)
		for (i = 0; i < 40; i++)
			assert_int_equal(run_kept(st, sql[i]), i * 3);
	assert_int_equal(store_prepare_kept(st, sql[39], &first, &err), LP_OK);
	sqlite3_reset(first);
	assert_int_equal(store_prepare_kept(st, sql[39], &again, &err), LP_OK);
	assert_ptr_equal(first, again);
	sqlite3_reset(again);
	store_close(st);
}

/* A query that never ends is stopped once one step of it has run longer
 * than the bound (lowered here through LYNCPLAN_QUERY_TIMEOUT_MS, as for
 * testing), with a message that says so. */
static void test_stops_runaway_query(void **state)
{
	struct lp_error err = { LP_OK, "" };
	struct store *st;
	sqlite3_stmt *stmt;
	int rc;

	(void)state;
	setenv("LYNCPLAN_QUERY_TIMEOUT_MS", "200", 1);
	st = tu_memory_store();
	unsetenv("LYNCPLAN_QUERY_TIMEOUT_MS");
	assert_int_equal(store_prepare(st, "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL"
				       " SELECT n + 1 FROM r) SELECT n FROM r WHERE n < 0",
				       &stmt, &err), LP_OK);
	alarm(60); /* unbounded, the query would run for ever */
	rc = sqlite3_step(stmt);
	alarm(0);
	assert_int_equal(rc & 0xff, SQLITE_INTERRUPT);
	assert_int_equal(store_fail(st, rc, "reading", &err), LP_EDB);
	assert_non_null(strstr(err.msg, ":memory:: reading: a query ran longer than 0.2 s and was stopped"));
	sqlite3_finalize(stmt);
	store_close(st);
}

static void test_refuses_not_a_database(void **state)
{
	struct fixture *f = *state;
	static const char junk[] = "this is a plan written in a text editor, not a database\n"
				   "................................................................";

	tu_write_file(f->db, junk, sizeof junk - 1);
	expect_refused(f->db, STORE_WRITE, "not a SQLite database");
}

static void test_refuses_empty_file(void **state)
{
	struct fixture *f = *state;
	struct lp_error err;
	struct store *st = NULL;
	struct stat sb;

	tu_write_file(f->db, "", 0);
	assert_int_equal(store_open(f->db, STORE_WRITE, false, &st, &err), LP_EDB);
	assert_non_null(strstr(err.msg, "empty file"));
	assert_int_equal(stat(f->db, &sb), 0);
	assert_int_equal(sb.st_size, 0);
}

static void test_refuses_newer_version(void **state)
{
	struct fixture *f = *state;
	struct lp_error err;
	struct store *st;
	char sql[80];

	assert_int_equal(store_open(f->db, STORE_WRITE, false, &st, &err), LP_OK);
	store_close(st);
	snprintf(sql, sizeof sql, "PRAGMA user_version = %d", STORE_SCHEMA_VERSION + 1);
	exec_sql(f->db, sql);
	expect_refused(f->db, STORE_WRITE, "newer lyncplan");
	expect_refused(f->db, STORE_READ, "newer lyncplan");
}

static void test_refuses_foreign_database(void **state)
{
	struct fixture *f = *state;

	exec_sql(f->db, "CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL);"
			"INSERT INTO invoices VALUES (1, 9.5);");
	expect_refused(f->db, STORE_WRITE, "not a lyncplan database");
}

static void test_refuses_corrupt(void **state)
{
	struct fixture *f = *state;
	struct lp_error err;
	struct store *st;
	unsigned char *bytes;
	size_t len = 0;

	assert_int_equal(store_open(f->db, STORE_WRITE, false, &st, &err), LP_OK);
	store_close(st);
	bytes = tu_read_file(f->db, &len);
	assert_true(len > 8192);
	/* Scribble over the second page (a b-tree page) but keep the header. */
	memset(bytes + 4096, 0x5a, 4096);
	tu_write_file(f->db, bytes, len);
	free(bytes);
	expect_refused(f->db, STORE_WRITE, "corrupt");
}

static void test_refuses_truncated(void **state)
{
	struct fixture *f = *state;
	struct lp_error err;
	struct store *st;
	unsigned char *bytes;
	size_t len = 0;

	assert_int_equal(store_open(f->db, STORE_WRITE, false, &st, &err), LP_OK);
	store_close(st);
	bytes = tu_read_file(f->db, &len);
	tu_write_file(f->db, bytes, len / 2);
	free(bytes);
	expect_refused(f->db, STORE_WRITE, "corrupt");
}

static void test_read_only_file(void **state)
{
	struct fixture *f = *state;
	struct lp_error err;
	struct store *st;

	assert_int_equal(store_open(f->db, STORE_WRITE, false, &st, &err), LP_OK);
	store_close(st);
	assert_int_equal(chmod(f->db, 0444), 0);
	expect_refused(f->db, STORE_WRITE, "read-only");
	/* Reading still works, and writing through the store is refused. */
	assert_int_equal(store_open(f->db, STORE_READ, false, &st, &err), LP_OK);
	assert_true(store_readonly(st));
	assert_int_equal(store_begin(st, &err), LP_EDB);
	assert_non_null(strstr(err.msg, "read-only"));
	store_close(st);
}

/* Another program in the middle of a write: the file (in WAL mode) still
 * opens and reads, and a write of ours waits, then is refused as locked. */
static void test_refuses_locked(void **state)
{
	struct fixture *f = *state;
	struct lp_error err;
	struct store *st;
	sqlite3 *other;

	assert_int_equal(store_open(f->db, STORE_WRITE, false, &st, &err), LP_OK);
	store_close(st);
	assert_int_equal(sqlite3_open(f->db, &other), SQLITE_OK);
	assert_int_equal(sqlite3_exec(other, "BEGIN EXCLUSIVE; INSERT INTO site (name) VALUES ('x')",
				      NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(store_open(f->db, STORE_WRITE, false, &st, &err), LP_OK);
	assert_int_equal(tu_query_int(st, "SELECT count(*) FROM site"), 0);
	assert_int_equal(store_begin(st, &err), LP_EDB);
	assert_non_null(strstr(err.msg, "locked"));
	store_close(st);
	sqlite3_exec(other, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_close(other);
}

/* The file is in WAL mode, and once closed it stands alone: no -wal or
 * -shm is left beside it. */
static void test_closed_file_stands_alone(void **state)
{
	struct fixture *f = *state;
	char *wal = tu_path(f->dir, "topology.db-wal");
	char *shm = tu_path(f->dir, "topology.db-shm");
	struct lp_error err;
	struct store *st;
	sqlite3_stmt *stmt;
	struct stat sb;

	assert_int_equal(store_open(f->db, STORE_WRITE, false, &st, &err), LP_OK);
	assert_int_equal(store_prepare(st, "PRAGMA journal_mode", &stmt, &err), LP_OK);
	assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(stmt, 0), "wal");
	sqlite3_finalize(stmt);
	assert_int_equal(store_begin(st, &err), LP_OK);
	assert_int_equal(sqlite3_exec(store_db(st), "INSERT INTO site (name) VALUES ('x')",
				      NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(store_commit(st, &err), LP_OK);
	assert_int_equal(stat(wal, &sb), 0);
	store_close(st);
	assert_int_not_equal(stat(wal, &sb), 0);
	assert_int_not_equal(stat(shm, &sb), 0);
	free(wal);
	free(shm);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_create_and_reopen, setup, teardown),
		cmocka_unit_test_setup_teardown(test_creates_private_directories, setup, teardown),
		cmocka_unit_test(test_default_path),
		cmocka_unit_test_setup_teardown(test_migrates_version_0, setup, teardown),
		cmocka_unit_test(test_memory),
		cmocka_unit_test(test_kept_statements),
		cmocka_unit_test(test_stops_runaway_query),
		cmocka_unit_test_setup_teardown(test_refuses_not_a_database, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refuses_empty_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refuses_newer_version, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refuses_foreign_database, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refuses_corrupt, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refuses_truncated, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_only_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refuses_locked, setup, teardown),
		cmocka_unit_test_setup_teardown(test_closed_file_stands_alone, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
