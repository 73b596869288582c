/* measure.c - times a command beside its floor: runs the two in turn, so
 * both meet the same load on a shared machine, and writes the best
 * wall-clock milliseconds (fork to exit) and the largest peak resident set
 * in kilobytes (getrusage of the child) of each. Finer than GNU time's
 * hundredths of a second, which small topologies need.
 * Usage: measure [-r FILE] RUNS OUT CMD [ARG]... -- FLOOR [ARG]...
 * writes "MS KB FLOOR_MS FLOOR_KB" to the file OUT; -r removes FILE before
 * every run (a command that must write a new file). The commands keep
 * stdout and stderr; an exit status above 1 (1: findings) is a failure. */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

struct result {
	double best_ms;
	long max_kb;
};

static double measure_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Runs argv once into r; false when it could not run or failed. */
static bool measure_run(char **argv, const char *remove, struct result *r)
{
	struct rusage ru;
	double t0, ms;
	pid_t pid;
	int status;

	if (remove && unlink(remove) != 0 && access(remove, F_OK) == 0) {
		perror(remove);
		return false;
	}
	t0 = measure_now_ms();
	if ((pid = fork()) < 0) {
		perror("measure: fork");
		return false;
	}
	if (pid == 0) {
		execvp(argv[0], argv);
		perror(argv[0]);
		_exit(127);
	}
	if (wait4(pid, &status, 0, &ru) != pid) {
		perror("measure: wait4");
		return false;
	}
	ms = measure_now_ms() - t0;
	if (!WIFEXITED(status) || WEXITSTATUS(status) > 1) {
		fprintf(stderr, "measure: %s failed (status %d)\n", argv[0], status);
		return false;
	}
	if (r->best_ms < 0 || ms < r->best_ms)
		r->best_ms = ms;
	if (ru.ru_maxrss > r->max_kb)
		r->max_kb = ru.ru_maxrss;
	return true;
}

static int measure_usage(void)
{
	fputs("usage: measure [-r FILE] RUNS OUT CMD [ARG]... -- FLOOR [ARG]...\n", stderr);
	return 2;
}

int main(int argc, char **argv)
{
	struct result cmd = { -1, 0 }, floor = { -1, 0 };
	const char *remove = NULL;
	char **floor_argv = NULL;
	int i, runs, first = 1;
	FILE *out;

	if (argc > 2 && strcmp(argv[1], "-r") == 0) {
		remove = argv[2];
		first = 3;
	}
	if (argc - first < 5 || (runs = atoi(argv[first])) < 1)
		return measure_usage();
	for (i = first + 3; i < argc; i++)
		if (strcmp(argv[i], "--") == 0) {
			argv[i] = NULL;
			floor_argv = argv + i + 1;
			break;
		}
	if (!floor_argv || !floor_argv[0])
		return measure_usage();
	for (i = 0; i < runs; i++)
		if (!measure_run(argv + first + 2, remove, &cmd) ||
		    !measure_run(floor_argv, remove, &floor))
			return 1;
	if (!(out = fopen(argv[first + 1], "w"))) {
		perror(argv[first + 1]);
		return 2;
	}
	fprintf(out, "%.2f %ld %.2f %ld\n", cmd.best_ms, cmd.max_kb, floor.best_ms, floor.max_kb);
	return fclose(out) == 0 ? 0 : 2;
}
