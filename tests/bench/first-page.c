/* first-page.c - how long the interface waits for a screenful of the port
 * matrix: opening the store and fetching the first 50 rows, then a page
 * resumed from the middle of the matrix by its key.
 * Usage: first-page FILE; prints "first-page MS" and "middle-page MS". */
#include "config.h"

#include <stdio.h>
#include <time.h>

#include "plan.h"

#define PAGE 50

struct walk {
	long target, seen;
	struct plan_port_key key;
};

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int count_row(const struct plan_port_row *r, void *ud)
{
	(void)r;
	(*(int *)ud)++;
	return 0;
}

/* Keeps the key of row number target, then stops. */
static int find_key(const struct plan_port_row *r, void *ud)
{
	struct walk *w = ud;

	if (++w->seen < w->target)
		return 0;
	plan_port_key_of(r, &w->key);
	return 1;
}

static int fail(const struct lp_error *err)
{
	fprintf(stderr, "first-page: %s\n", err->msg);
	return 1;
}

int main(int argc, char **argv)
{
	struct lp_error err = { LP_OK, "" };
	struct store *st;
	struct walk w = { 0 };
	double t0, first, middle;
	int rows = 0, mid_rows = 0;
	long count;

	if (argc != 2) {
		fputs("usage: first-page FILE\n", stderr);
		return 2;
	}
	t0 = now_ms();
	if (store_open(argv[1], STORE_READ, false, &st, &err) != LP_OK ||
	    plan_port_matrix(st, NULL, NULL, PAGE, count_row, &rows, &err) != LP_OK)
		return fail(&err);
	first = now_ms() - t0;

	if (plan_port_count(st, NULL, &count, &err) != LP_OK)
		return fail(&err);
	w.target = count / 2;
	if (plan_port_matrix(st, NULL, NULL, 0, find_key, &w, &err) != LP_OK)
		return fail(&err);
	t0 = now_ms();
	if (plan_port_matrix(st, NULL, &w.key, PAGE, count_row, &mid_rows, &err) != LP_OK)
		return fail(&err);
	middle = now_ms() - t0;
	store_close(st);

	if (rows != PAGE || mid_rows != PAGE) {
		fprintf(stderr, "first-page: got %d and %d rows, wanted %d\n", rows, mid_rows, PAGE);
		return 1;
	}
	printf("first-page %.1f\nmiddle-page %.1f\nrows %ld\n", first, middle, count);
	return 0;
}
