/* fuzz_cli.c - libFuzzer target for the command line: the input, split at
 * NUL bytes, is one command run on the demo topology, as `lyncplan --demo
 * WORDS...` would. The demo is built once and restored byte for byte
 * before each run (loading it anew would cost more than the command).
 * Tables go to /dev/null; files named by -o land in a scratch directory
 * emptied after each run (so name the corpus by an absolute path). Checks
 * that a failure always says what went wrong, on one line, and that no
 * command leaves a transaction open. */
#include "config.h"

#include <dirent.h>
#include <fcntl.h>
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "topology.h"

#define FUZZ_MAX_WORDS 32

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char scratch[] = "/tmp/lyncplan-fuzz-cli.XXXXXX";
static struct store *demo;       /* the demo topology, restored before each run */
static unsigned char *demo_bytes; /* its pristine image (sqlite3_serialize) */
static sqlite3_int64 demo_size;

static void fuzz_remove_scratch(void)
{
	if (chdir("/") == 0)
		rmdir(scratch);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct lp_error err = { LP_OK, "" };
	int null = open("/dev/null", O_RDWR);

	(void)argc;
	(void)argv;
	setlocale(LC_ALL, "C.UTF-8");
	if (null < 0 || dup2(null, STDIN_FILENO) < 0 || dup2(null, STDOUT_FILENO) < 0 ||
	    !mkdtemp(scratch) || chdir(scratch) != 0)
		abort();
	close(null);
	atexit(fuzz_remove_scratch);
	if (store_open(":memory:", STORE_WRITE, false, &demo, &err) != LP_OK ||
	    topology_load_demo(demo, &err) != LP_OK ||
	    !(demo_bytes = sqlite3_serialize(store_db(demo), "main", &demo_size, 0)))
		abort();
	return 0;
}

/* Puts the pristine demo back into the store the commands use. */
static void fuzz_restore_demo(void)
{
	unsigned char *copy = sqlite3_malloc64((sqlite3_uint64)demo_size);

	if (!copy)
		abort();
	memcpy(copy, demo_bytes, (size_t)demo_size);
	if (sqlite3_deserialize(store_db(demo), "main", copy, demo_size, demo_size,
				SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_RESIZEABLE) != SQLITE_OK)
		abort();
}

/* Removes what the command wrote into the scratch directory. */
static void fuzz_clean(void)
{
	DIR *d = opendir(".");
	struct dirent *e;

	if (!d)
		abort();
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			unlink(e->d_name);
	closedir(d);
}

/* Splits buf (len bytes, NUL-terminated at len) at NULs into argv; 0 when
 * the input is not worth running (a word with '/' could name a file
 * outside the scratch directory). */
static int fuzz_split(char *buf, size_t len, char **argv)
{
	int argc = 0;
	size_t i = 0;

	while (i < len && argc < FUZZ_MAX_WORDS) {
		argv[argc++] = buf + i;
		if (strchr(buf + i, '/'))
			return 0;
		i += strlen(buf + i) + 1;
	}
	argv[argc] = NULL;
	return argc;
}

/* A failure says what went wrong, with the status it returned, in what
 * cli_report prints as one line of text. */
static void fuzz_check_failure(enum lp_status s, const struct lp_error *err)
{
	char *shown;
	const char *p;

	if (s > LP_EIO || !err->msg[0] || err->status != s)
		abort();
	if (!(shown = export_escape_terminal(err->msg)))
		return;
	for (p = shown; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			abort();
	free(shown);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *argv[FUZZ_MAX_WORDS + 1];
	struct lp_error err = { LP_OK, "" };
	struct cli_ctx ctx = { .demo = true, .st = demo };
	char *buf = malloc(size + 1);
	enum lp_status s;
	int argc;

	if (!buf)
		return 0;
	memcpy(buf, data, size);
	buf[size] = '\0';
	if ((argc = fuzz_split(buf, size, argv)) > 0) {
		fuzz_restore_demo();
		s = cli_run(&ctx, argc, argv, &err);
		fflush(stdout);
		if (!sqlite3_get_autocommit(store_db(demo)))
			abort(); /* a command left its transaction open */
		if (s != LP_OK && s != LP_FINDINGS)
			fuzz_check_failure(s, &err);
		fuzz_clean();
	}
	free(buf);
	return 0;
}
