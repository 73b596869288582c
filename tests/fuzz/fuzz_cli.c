/* fuzz_cli.c - libFuzzer target for the command line: the input, split at
 * NUL bytes, is one command run on the demo topology, as `lyncplan --demo
 * WORDS...` would. The demo is built once and copied back with SQLite's
 * backup API before each run (loading it anew would cost more than the
 * command): the copy leaves the store's kept statements usable, which
 * swapping the database under them (sqlite3_deserialize) does not.
 * Tables go to /dev/null; the command runs in a scratch directory, emptied
 * after each run, so that files named by -o land there; libFuzzer's own
 * paths (corpus, dictionary) are read where it was started, and a crash's
 * input is written there too. Checks that a failure always says what went
 * wrong, on one line, and that no command leaves a transaction open. */
#include "config.h"

#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <locale.h>
#include <stdbool.h>
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
static int home = -1;             /* the directory libFuzzer was started in */
static struct store *demo;       /* the store the commands use */
static struct store *pristine;   /* the demo as built, copied into demo before each run */

static void fuzz_remove_scratch(void)
{
	rmdir(scratch);
}

/* libFuzzer writes a crash's input while the command runs, that is in the
 * scratch directory: its artifact paths are made absolute (the default
 * prefix, "./", names the directory it was started in). Replaces *argv
 * with a copy that lives as long as the process. */
static void fuzz_absolute_artifacts(int *argc, char ***argv, const char *cwd)
{
	static const char *const flags[] = { "-artifact_prefix=", "-exact_artifact_path=" };
	char **v = calloc((size_t)*argc + 2, sizeof *v);
	bool prefix = false;
	size_t k;
	int i;

	if (!v)
		abort();
	for (i = 0; i < *argc; i++) {
		v[i] = (*argv)[i];
		for (k = 0; k < sizeof flags / sizeof flags[0]; k++) {
			size_t n = strlen(flags[k]);

			if (strncmp(v[i], flags[k], n) != 0)
				continue;
			prefix = prefix || k == 0;
			if (v[i][n] != '/' && asprintf(&v[i], "%s%s/%s", flags[k], cwd, v[i] + n) < 0)
				abort();
		}
	}
	if (!prefix && asprintf(&v[(*argc)++], "%s%s/", flags[0], cwd) < 0)
		abort();
	v[*argc] = NULL;
	*argv = v;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct lp_error err = { LP_OK, "" };
	int null = open("/dev/null", O_RDWR);
	char cwd[PATH_MAX];

	setlocale(LC_ALL, "C.UTF-8");
	if (null < 0 || dup2(null, STDIN_FILENO) < 0 || dup2(null, STDOUT_FILENO) < 0 ||
	    !mkdtemp(scratch) || !getcwd(cwd, sizeof cwd) ||
	    (home = open(".", O_RDONLY | O_DIRECTORY)) < 0)
		abort();
	close(null);
	atexit(fuzz_remove_scratch);
	fuzz_absolute_artifacts(argc, argv, cwd);
	if (store_open(":memory:", STORE_WRITE, false, &pristine, &err) != LP_OK ||
	    topology_load_demo(pristine, &err) != LP_OK ||
	    store_open(":memory:", STORE_WRITE, false, &demo, &err) != LP_OK)
		abort();
	return 0;
}

/* Puts the pristine demo back into the store the commands use. */
static void fuzz_restore_demo(void)
{
	sqlite3_backup *b = sqlite3_backup_init(store_db(demo), "main", store_db(pristine), "main");
	int rc;

	if (!b)
		abort();
	rc = sqlite3_backup_step(b, -1);
	if (sqlite3_backup_finish(b) != SQLITE_OK || rc != SQLITE_DONE)
		abort();
}

/* Removes what the command wrote into the scratch directory. */
static void fuzz_clean(void)
{
	DIR *d = opendir(scratch);
	struct dirent *e;

	if (!d)
		abort();
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			unlinkat(dirfd(d), e->d_name, 0);
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
		if (chdir(scratch) != 0)
			abort();
		s = cli_run(&ctx, argc, argv, &err);
		fflush(stdout);
		if (fchdir(home) != 0)
			abort();
		if (!sqlite3_get_autocommit(store_db(demo)))
			abort(); /* a command left its transaction open */
		if (s != LP_OK && s != LP_FINDINGS)
			fuzz_check_failure(s, &err);
		fuzz_clean();
	}
	free(buf);
	return 0;
}
