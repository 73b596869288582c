/* text.c - an aligned table for a terminal. Rows are held until the end
 * to size the columns; every cell is escaped for the terminal. Given a
 * width (export_options.width), the table fits it: the free-text columns
 * shrink and wrap within their cells or, where even the other columns do
 * not fit, go under their row, indented. */
#include "config.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "export.h"

/* Columns of free text, which may wrap; the others keep their width. */
static const char *const text_free_cols[] = {
	"notes", "source", "why", "hint", "message", "condition", "description",
	"summary", "component", "service", "protocol", "in", "subject", "addresses",
	"from_addresses", "to_addresses", "prefixes", "pools", "load_balancers", "vips",
	NULL
};

/* The narrowest a free-text column gets before it goes under the row. */
#define TEXT_MIN_WIDTH 16
/* Where the columns put under a row start, and their continuation lines. */
#define TEXT_UNDER_INDENT 4
#define TEXT_UNDER_HANG 6

struct text_state {
	size_t ncols;
	size_t *width;      /* each column's widest cell */
	size_t *fit;        /* the width each column gets */
	bool *under;        /* a column shown under its row */
	const char **rest;  /* what is left of each cell of a row being written */
	char **cells;       /* nrows * ncols escaped cells */
	size_t nrows, cap;
};

static void text_release(void *state)
{
	struct text_state *t = state;
	size_t i;

	for (i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	free(t->width);
	free(t->fit);
	free(t->under);
	free(t->rest);
	free(t);
}

static enum lp_status text_add(struct text_state *t, const char *const *cells)
{
	size_t i;

	if (t->nrows == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 64;
		char **grown = realloc(t->cells, cap * t->ncols * sizeof *grown);

		if (!grown)
			return LP_EIO;
		t->cells = grown;
		t->cap = cap;
	}
	for (i = 0; i < t->ncols; i++) {
		char *c = export_escape_terminal(cells[i] ? cells[i] : "");
		size_t w;

		if (!c) {
			while (i-- > 0)
				free(t->cells[t->nrows * t->ncols + i]);
			return LP_EIO;
		}
		t->cells[t->nrows * t->ncols + i] = c;
		w = lp_text_width(c, strlen(c));
		if (w > t->width[i])
			t->width[i] = w;
	}
	t->nrows++;
	return LP_OK;
}

static enum lp_status text_begin(struct writer *w, const struct export_table *tab,
				 struct lp_error *err)
{
	struct text_state *t = calloc(1, sizeof *t);
	size_t n = tab->ncols;

	if (!t || !(t->width = calloc(n, sizeof *t->width)) ||
	    !(t->fit = calloc(n, sizeof *t->fit)) || !(t->under = calloc(n, sizeof *t->under)) ||
	    !(t->rest = calloc(n, sizeof *t->rest))) {
		if (t)
			text_release(t);
		return lp_fail(err, LP_EIO, "out of memory");
	}
	t->ncols = n;
	writer_set_state(w, t);
	if (text_add(t, tab->cols) != LP_OK)
		return lp_fail(err, LP_EIO, "out of memory");
	return LP_OK;
}

static enum lp_status text_row(struct writer *w, const char *const *cells,
			       struct lp_error *err)
{
	if (text_add(writer_state(w), cells) != LP_OK)
		return lp_fail(err, LP_EIO, "out of memory");
	return LP_OK;
}

void export_put_wrapped(FILE *out, const char *text, size_t width, size_t indent,
			size_t hang)
{
	size_t lead = indent, len, next;

	do {
		if (lead >= width)
			lead = 0;
		len = lp_wrap_line(text, width - lead, &next);
		fprintf(out, "%*s%.*s\n", (int)lead, "", (int)len, text);
		text += next;
		lead = hang;
	} while (*text);
}

static bool text_is_free(const char *col)
{
	const char *const *f;

	for (f = text_free_cols; *f; f++)
		if (strcmp(*f, col) == 0)
			return true;
	return false;
}

static size_t min_size(size_t a, size_t b)
{
	return a < b ? a : b;
}

/* Sizes the columns to width, the free-text ones wrapped within their
 * cells: the widest shrink first, none below TEXT_MIN_WIDTH. False when
 * the table does not fit so. */
static bool text_fit_cells(struct text_state *t, size_t width)
{
	size_t used = 2 * (t->ncols - 1), widest = 0, cap, sum, c;

	for (c = 0; c < t->ncols; c++) {
		if (!text_is_free(t->cells[c]))
			used += t->width[c];
		else {
			used += min_size(t->width[c], TEXT_MIN_WIDTH);
			if (t->width[c] > widest)
				widest = t->width[c];
		}
	}
	if (used > width)
		return false;
	for (cap = widest; cap > TEXT_MIN_WIDTH; cap--) {
		sum = used;
		for (c = 0; c < t->ncols; c++)
			if (text_is_free(t->cells[c]))
				sum += min_size(t->width[c], cap) - min_size(t->width[c], TEXT_MIN_WIDTH);
		if (sum <= width)
			break;
	}
	for (c = 0; c < t->ncols; c++)
		t->fit[c] = text_is_free(t->cells[c]) ? min_size(t->width[c], cap) : t->width[c];
	return true;
}

/* Sizes the columns to width with the free-text ones, and the columns
 * from the first that does not fit on, under the row. */
static void text_fit_under(struct text_state *t, size_t width)
{
	size_t used = 0, c;
	bool full = false;

	for (c = 0; c < t->ncols; c++) {
		t->fit[c] = t->width[c];
		t->under[c] = full || text_is_free(t->cells[c]);
		if (t->under[c])
			continue;
		if ((used ? used + 2 : 0) + t->width[c] > width)
			t->under[c] = full = true;
		else
			used += (used ? 2 : 0) + t->width[c];
	}
}

/* Writes row r's columns on the line, each wrapped within its fit[]
 * width over as many lines as the tallest cell takes. */
static void text_put_lines(struct text_state *t, FILE *out, size_t r)
{
	size_t c, pending, len, next;
	bool more = true;

	for (c = 0; c < t->ncols; c++)
		t->rest[c] = t->cells[r * t->ncols + c];
	while (more) {
		more = false;
		pending = 0;
		for (c = 0; c < t->ncols; c++) {
			if (t->under[c])
				continue;
			len = next = 0;
			if (*t->rest[c])
				len = lp_wrap_line(t->rest[c], t->fit[c], &next);
			if (len) {
				fprintf(out, "%*s%.*s", (int)pending, "", (int)len, t->rest[c]);
				pending = 0;
			}
			pending += t->fit[c] + 2 - lp_text_width(t->rest[c], len);
			t->rest[c] += next;
			more = more || *t->rest[c];
		}
		fputc('\n', out);
	}
}

/* Writes row r's columns that go under it, "name: text", indented and
 * wrapped to width; the empty ones are left out. False without memory. */
static bool text_put_under(struct text_state *t, FILE *out, size_t r, size_t width)
{
	size_t c;

	for (c = 0; c < t->ncols; c++) {
		const char *name = t->cells[c], *cell = t->cells[r * t->ncols + c];
		size_t size = strlen(name) + strlen(cell) + 3;
		char *item;

		if (!t->under[c] || !*cell)
			continue;
		if (!(item = malloc(size)))
			return false;
		snprintf(item, size, "%s: %s", name, cell);
		export_put_wrapped(out, item, width, TEXT_UNDER_INDENT, TEXT_UNDER_HANG);
		free(item);
	}
	return true;
}

/* Writes the table one line per row, however long. */
static void text_put_wide(const struct text_state *t, FILE *out)
{
	size_t r, c;

	for (r = 0; r < t->nrows; r++) {
		for (c = 0; c < t->ncols; c++) {
			const char *cell = t->cells[r * t->ncols + c];

			if (c + 1 == t->ncols) {
				fputs(cell, out);
				break;
			}
			fprintf(out, "%s%*s", cell,
				(int)(t->width[c] - lp_text_width(cell, strlen(cell)) + 2), "");
		}
		fputc('\n', out);
	}
}

static enum lp_status text_end(struct writer *w, struct lp_error *err)
{
	struct text_state *t = writer_state(w);
	size_t width = writer_options(w)->width, total = 2 * (t->ncols - 1), r, c;
	FILE *out = writer_stream(w);

	for (c = 0; c < t->ncols; c++)
		total += t->width[c];
	if (!width || total <= width) {
		text_put_wide(t, out);
	} else {
		if (!text_fit_cells(t, width))
			text_fit_under(t, width);
		for (r = 0; r < t->nrows; r++) {
			text_put_lines(t, out, r);
			if (r > 0 && !text_put_under(t, out, r, width))
				return lp_fail(err, LP_EIO, "out of memory");
		}
	}
	return ferror(out) ? writer_io_error(w, err) : LP_OK;
}

const struct export_format export_text = {
	.name = "text",
	.summary = "aligned table for a terminal",
	.begin = text_begin,
	.row = text_row,
	.end = text_end,
	.release = text_release,
};
