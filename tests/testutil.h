/* testutil.h - helpers shared by the cmocka tests: scratch directories,
 * stores, and file contents to compare before and after. */
#ifndef LP_TESTUTIL_H
#define LP_TESTUTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "store.h"

/* A new scratch directory (removed by tu_rmtree); caller frees the path. */
char *tu_tmpdir(void);
/* Removes dir and everything in it. */
void tu_rmtree(const char *dir);
/* dir/name in a new string the caller frees. */
char *tu_path(const char *dir, const char *name);
/* The bytes of path, NUL-terminated, in a new buffer the caller frees;
 * *len their count. NULL when the file cannot be read. */
unsigned char *tu_read_file(const char *path, size_t *len);
/* Writes len bytes to path (replacing it). */
void tu_write_file(const char *path, const void *data, size_t len);
/* Asserts that path holds exactly (data, len). */
void tu_assert_file_is(const char *path, const unsigned char *data, size_t len);
/* An empty in-memory store with the schema and catalog loaded. */
struct store *tu_memory_store(void);
/* Runs one SQL query returning a single integer on st. */
long tu_query_int(struct store *st, const char *sql);
/* Runs sql (statements without results), failing the test on an error:
 * for what the model's functions do not set. */
void tu_exec(struct store *st, const char *sql);

/* The code points that must reach a terminal escaped (lp_char_unsafe):
 * C1 NEL, the line and paragraph separators, the direction controls and
 * marks, the invisible characters. */
extern const unsigned tu_unsafe_points[];
extern const size_t tu_unsafe_count;
/* The UTF-8 of code point cp (below U+10000), NUL-terminated, into buf. */
void tu_utf8(unsigned cp, char buf[4]);

#endif
