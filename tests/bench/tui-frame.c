/* tui-frame.c - how long the interface takes to show its first frame and to
 * page down, measured on a pseudo-terminal as a user would see it: starts
 * `lyncplan --db FILE` at 80x24 and times the bytes the program writes.
 * Usage: tui-frame LYNCPLAN FILE [PAGES]; prints "first-frame MS", then
 * "pgdn-topology MS" and, after Home and the Ports view ("ports-view MS"),
 * "pgdn-ports MS": the median of PAGES page-downs (default 10) with the
 * slowest of them. A page-down is timed from the key to the last byte of
 * the redraw, found by QUIET_MS of silence after it. */
#define _DEFAULT_SOURCE
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define QUIET_MS 150   /* no output for this long: the redraw is complete */
#define LIMIT_MS 30000 /* give up on a frame that never comes */
#define MAX_PAGES 100

/* The key bar always ends with this item: the first frame is complete
 * when it has been drawn. The Ports view's tab is drawn anew when that
 * view comes up (curses sends only what changed). */
static const char keybar_end[] = "Quit";
static const char ports_tab[] = "Ports";
static const char pgdn[] = "\033[6~";

struct term {
	int fd;
	pid_t pid;
	char tail[64]; /* the last bytes read, to find a string split by reads */
};

static double bench_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Keeps the last bytes of what was read, with buf (n bytes) appended. */
static void bench_keep_tail(struct term *t, const char *buf, size_t n)
{
	size_t room = sizeof t->tail - 1, have = strlen(t->tail), drop;

	if (n >= room) {
		memcpy(t->tail, buf + n - room, room);
		t->tail[room] = '\0';
		return;
	}
	drop = have + n > room ? have + n - room : 0;
	memmove(t->tail, t->tail + drop, have - drop);
	memcpy(t->tail + have - drop, buf, n);
	t->tail[have - drop + n] = '\0';
}

/* Reads until `want` has been seen (NULL: any byte) and then the output
 * stays quiet for QUIET_MS; the time the last byte arrived, or -1 when the
 * program ends or stays silent for LIMIT_MS. */
static double bench_wait(struct term *t, const char *want)
{
	double start = bench_now_ms(), last = -1;
	bool seen = false;
	char buf[4096];

	t->tail[0] = '\0';
	for (;;) {
		struct pollfd p = { t->fd, POLLIN, 0 };
		int wait_ms = seen ? QUIET_MS : LIMIT_MS;
		int rc = poll(&p, 1, wait_ms);
		ssize_t n;

		if (rc < 0 && errno == EINTR)
			continue;
		if (rc <= 0)
			return seen ? last : -1;
		if ((n = read(t->fd, buf, sizeof buf)) <= 0)
			return -1;
		last = bench_now_ms();
		bench_keep_tail(t, buf, (size_t)n);
		if (!want || strstr(t->tail, want) || memmem(buf, (size_t)n, want, strlen(want)))
			seen = true;
		if (last - start > LIMIT_MS)
			return -1;
	}
}

static bool bench_start(struct term *t, const char *lyncplan, const char *file)
{
	struct winsize ws = { .ws_row = 24, .ws_col = 80 };

	t->pid = forkpty(&t->fd, NULL, NULL, &ws);
	if (t->pid < 0)
		return false;
	if (t->pid == 0) {
		setenv("TERM", "xterm", 1);
		execl(lyncplan, lyncplan, "--db", file, (char *)NULL);
		_exit(127);
	}
	return true;
}

static double bench_key(struct term *t, const char *key)
{
	double t0 = bench_now_ms(), end;

	if (write(t->fd, key, strlen(key)) != (ssize_t)strlen(key))
		return -1;
	end = bench_wait(t, NULL);
	return end < 0 ? -1 : end - t0;
}

static int bench_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Pages down `pages` times; prints the median and the slowest. */
static bool bench_pages(struct term *t, const char *name, int pages)
{
	double ms[MAX_PAGES];
	int i;

	for (i = 0; i < pages; i++)
		if ((ms[i] = bench_key(t, pgdn)) < 0)
			return false;
	qsort(ms, (size_t)pages, sizeof ms[0], bench_cmp);
	printf("pgdn-%s %.2f %.2f\n", name, ms[pages / 2], ms[pages - 1]);
	return true;
}

static int bench_fail(struct term *t, const char *what)
{
	fprintf(stderr, "tui-frame: no answer %s\n", what);
	if (t->pid > 0) {
		kill(t->pid, SIGTERM);
		waitpid(t->pid, NULL, 0);
	}
	return 1;
}

int main(int argc, char **argv)
{
	struct term t = { -1, -1, "" };
	int pages = argc > 3 ? atoi(argv[3]) : 10;
	double t0, end;

	if (argc < 3 || pages < 1 || pages > MAX_PAGES) {
		fputs("usage: tui-frame LYNCPLAN FILE [PAGES]\n", stderr);
		return 2;
	}
	t0 = bench_now_ms();
	if (!bench_start(&t, argv[1], argv[2]))
		return bench_fail(&t, "from forkpty");
	if ((end = bench_wait(&t, keybar_end)) < 0)
		return bench_fail(&t, "for the first frame");
	printf("first-frame %.2f\n", end - t0);
	if (!bench_pages(&t, "topology", pages))
		return bench_fail(&t, "to PgDn in Topology");
	/* Home (g): the first site is selected, and the Ports view shows its
	 * servers, enough rows to page through at every size. */
	if (bench_key(&t, "g") < 0)
		return bench_fail(&t, "to Home in Topology");
	t0 = bench_now_ms();
	if (write(t.fd, "2", 1) != 1 || (end = bench_wait(&t, ports_tab)) < 0)
		return bench_fail(&t, "to the Ports view");
	printf("ports-view %.2f\n", end - t0);
	if (!bench_pages(&t, "ports", pages))
		return bench_fail(&t, "to PgDn in Ports");
	if (write(t.fd, "\033[21~", 5) != 5) /* F10 */
		return bench_fail(&t, "to F10");
	bench_wait(&t, NULL);
	waitpid(t.pid, NULL, 0);
	return 0;
}
