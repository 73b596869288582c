/* tmux-frame.c - the interface's first frame and page-down as seen in tmux:
 * a private tmux server holds one 80x24 pane, and one control-mode client
 * (tmux -C) starts programs in it (respawn-pane), sends keys (send-keys) and
 * reads the screen (capture-pane) without a process per step. A step ends
 * when the screen is exactly the one a slow pass before it recorded.
 * Beside each figure, the same steps on a baseline that costs nothing of
 * its own: cat printing the recorded first frame, and a key echoed by the
 * terminal. The baseline is what tmux and the polling take by themselves.
 * Usage: tmux-frame LYNCPLAN FILE [PAGES]; prints "tmux-first-frame MS",
 * "tmux-screen MS" (the baseline), "tmux-pgdn MEDIAN WORST" and
 * "tmux-key MEDIAN WORST" (the baseline) over PAGES keys (default 10). */
#define _DEFAULT_SOURCE
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_PAGES 100
#define SETTLE_MS 300  /* a screen unchanged this long is complete */
#define LIMIT_MS 30000 /* give up on a screen that never comes */
#define SCREEN_MAX 16384

/* Why the run stopped, for the one line it ends with. */
static const char *failure = "a screen did not come, or tmux failed";

struct ctl {
	FILE *in, *out; /* commands to the control client, its answers */
	pid_t pid;
	char sock[PATH_MAX];
};

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void sleep_ms(int ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

static bool ctl_answer(struct ctl *c, const char *cmd, char *out, size_t size);

/* Starts the tmux server with one detached 80x24 session "b". */
static bool server_start(const struct ctl *c)
{
	pid_t pid = fork();
	int status;

	if (pid < 0)
		return false;
	if (pid == 0) {
		execlp("tmux", "tmux", "-S", c->sock, "-f", "/dev/null", "new-session", "-d",
		       "-x", "80", "-y", "24", "-s", "b", "exec sleep 600", (char *)NULL);
		_exit(127);
	}
	return waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

/* Attaches the control-mode client, its input and output through pipes. */
static bool ctl_start(struct ctl *c)
{
	int to[2], from[2];

	if (pipe(to) < 0 || pipe(from) < 0 || (c->pid = fork()) < 0)
		return false;
	if (c->pid == 0) {
		dup2(to[0], 0);
		dup2(from[1], 1);
		close(to[1]);
		close(from[0]);
		execlp("tmux", "tmux", "-S", c->sock, "-C", "attach-session", "-t", "b",
		       (char *)NULL);
		_exit(127);
	}
	close(to[0]);
	close(from[1]);
	c->in = fdopen(to[1], "w");
	c->out = fdopen(from[0], "r");
	/* The client answers its own attach-session first. */
	return c->in && c->out && ctl_answer(c, "attach-session", NULL, 0);
}

/* Reads the answer to one command: its output (lines joined by '\n') in
 * out, if given. Notifications outside its %begin/%end block are skipped. */
static bool ctl_answer(struct ctl *c, const char *cmd, char *out, size_t size)
{
	char line[4096];
	bool inside = false;
	size_t used = 0;

	if (out)
		out[0] = '\0';
	while (fgets(line, sizeof line, c->out)) {
		if (!inside) {
			inside = strncmp(line, "%begin ", 7) == 0;
			continue;
		}
		if (strncmp(line, "%end ", 5) == 0)
			return true;
		if (strncmp(line, "%error ", 7) == 0) {
			fprintf(stderr, "tmux-frame: tmux refused: %s\n", cmd);
			return false;
		}
		if (out) {
			size_t n = strlen(line);

			if (used + n + 1 > size)
				return false;
			memcpy(out + used, line, n + 1);
			used += n;
		}
	}
	return false;
}

static bool ctl_run(struct ctl *c, const char *cmd, char *out, size_t size)
{
	return fprintf(c->in, "%s\n", cmd) >= 0 && fflush(c->in) == 0 &&
	       ctl_answer(c, cmd, out, size);
}

static bool capture(struct ctl *c, char *screen)
{
	return ctl_run(c, "capture-pane -p -t b", screen, SCREEN_MAX);
}

/* Waits until the screen is text (same) or is no longer text (!same);
 * the time since t0 that took, or -1. */
static double wait_screen(struct ctl *c, double t0, const char *text, bool same)
{
	char screen[SCREEN_MAX];

	while (capture(c, screen))
		if ((strcmp(screen, text) == 0) == same)
			return now_ms() - t0;
		else if (now_ms() - t0 > LIMIT_MS)
			break;
	return -1;
}

/* Waits until the screen holds mark and then stays the same for
 * SETTLE_MS; the screen in out. */
static bool settle(struct ctl *c, const char *mark, char *out)
{
	char screen[SCREEN_MAX];
	double start = now_ms(), since = start;

	out[0] = '\0';
	while (now_ms() - start < LIMIT_MS) {
		sleep_ms(20);
		if (!capture(c, screen))
			return false;
		if (strcmp(screen, out) != 0) {
			memcpy(out, screen, strlen(screen) + 1);
			since = now_ms();
		} else if (strstr(out, mark) && now_ms() - since >= SETTLE_MS) {
			return true;
		}
	}
	return false;
}

static int cmp_ms(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static void print_keys(const char *name, double *ms, int n)
{
	qsort(ms, (size_t)n, sizeof ms[0], cmp_ms);
	printf("%s %.2f %.2f\n", name, ms[n / 2], ms[n - 1]);
}

/* The lyncplan pane: a slow pass records the first frame and the screen
 * after each page-down, a timed pass waits for each. */
static bool bench_lyncplan(struct ctl *c, const char *start, int pages, char *first)
{
	static char after[MAX_PAGES][SCREEN_MAX];
	double ms[MAX_PAGES], t0, took;
	int i;

	if (!ctl_run(c, start, NULL, 0) || !settle(c, "Quit", first))
		return false;
	for (i = 0; i < pages; i++) {
		if (!ctl_run(c, "send-keys -t b NPage", NULL, 0) || !settle(c, "Quit", after[i]))
			return false;
		if (strcmp(after[i], i ? after[i - 1] : first) == 0) {
			failure = "a page-down left the screen as it was: too few servers";
			return false;
		}
	}
	t0 = now_ms();
	if (!ctl_run(c, start, NULL, 0) || (took = wait_screen(c, t0, first, true)) < 0)
		return false;
	printf("tmux-first-frame %.2f\n", took);
	for (i = 0; i < pages; i++) {
		t0 = now_ms();
		if (!ctl_run(c, "send-keys -t b NPage", NULL, 0) ||
		    (ms[i] = wait_screen(c, t0, after[i], true)) < 0)
			return false;
	}
	print_keys("tmux-pgdn", ms, pages);
	return true;
}

/* The baseline pane: cat prints the first frame, then keys echo. */
static bool bench_baseline(struct ctl *c, const char *dir, int pages, const char *first)
{
	char path[PATH_MAX + 16], cmd[2 * PATH_MAX], screen[SCREEN_MAX];
	double ms[MAX_PAGES], t0, took;
	FILE *f;
	int i;

	snprintf(path, sizeof path, "%s/screen", dir);
	if (!(f = fopen(path, "w")) || fputs(first, f) == EOF || fclose(f) != 0)
		return false;
	/* capture-pane ends each line with '\n'; printing the last one
	 * would scroll the screen. */
	snprintf(cmd, sizeof cmd,
		 "respawn-pane -k -t b \"head -c %zu '%s'; exec sleep 600\"",
		 strlen(first) - 1, path);
	t0 = now_ms();
	if (!ctl_run(c, cmd, NULL, 0) || (took = wait_screen(c, t0, first, true)) < 0)
		return false;
	printf("tmux-screen %.2f\n", took);
	if (!ctl_run(c, "respawn-pane -k -t b 'exec cat'", NULL, 0) ||
	    !ctl_run(c, "send-keys -t b x", NULL, 0) || !settle(c, "x", screen))
		return false;
	for (i = 0; i < pages; i++) {
		t0 = now_ms();
		if (!ctl_run(c, "send-keys -t b x", NULL, 0) || (ms[i] = wait_screen(c, t0, screen, false)) < 0 ||
		    !capture(c, screen))
			return false;
	}
	print_keys("tmux-key", ms, pages);
	return true;
}

static void stop(struct ctl *c, const char *dir)
{
	char path[PATH_MAX + 16];
	pid_t pid;

	if (c->in)
		fclose(c->in);
	if (c->out)
		fclose(c->out);
	if (c->pid > 0)
		waitpid(c->pid, NULL, 0);
	if ((pid = fork()) == 0) {
		execlp("tmux", "tmux", "-S", c->sock, "kill-server", (char *)NULL);
		_exit(127);
	}
	if (pid > 0)
		waitpid(pid, NULL, 0);
	snprintf(path, sizeof path, "%s/screen", dir);
	unlink(path);
	unlink(c->sock);
	rmdir(dir);
}

int main(int argc, char **argv)
{
	static char first[SCREEN_MAX];
	char dir[] = "/tmp/lyncplan-tmux.XXXXXX", prog[PATH_MAX], file[PATH_MAX];
	char start[3 * PATH_MAX];
	struct ctl c = { NULL, NULL, -1, "" };
	int pages = argc > 3 ? atoi(argv[3]) : 10;
	bool ok;

	if (argc < 3 || pages < 1 || pages > MAX_PAGES) {
		fputs("usage: tmux-frame LYNCPLAN FILE [PAGES]\n", stderr);
		return 2;
	}
	if (!realpath(argv[1], prog) || !realpath(argv[2], file) || strpbrk(prog, "'\"\\") ||
	    strpbrk(file, "'\"\\")) {
		fputs("tmux-frame: LYNCPLAN and FILE must exist, with no quotes in their names\n",
		      stderr);
		return 2;
	}
	if (!mkdtemp(dir)) {
		perror("tmux-frame");
		return 1;
	}
	snprintf(c.sock, sizeof c.sock, "%s/sock", dir);
	snprintf(start, sizeof start, "respawn-pane -k -t b \"exec '%s' --db '%s'\"", prog, file);
	signal(SIGPIPE, SIG_IGN);
	ok = server_start(&c) && ctl_start(&c) &&
	     ctl_run(&c, "set-option -g window-size manual", NULL, 0) &&
	     bench_lyncplan(&c, start, pages, first) && bench_baseline(&c, dir, pages, first);
	stop(&c, dir);
	if (!ok)
		fprintf(stderr, "tmux-frame: %s\n", failure);
	return ok ? 0 : 1;
}
