/* text.c - an aligned table for a terminal. Rows are held until the end
 * to size the columns; every cell is escaped for the terminal. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "export.h"

struct text_state {
	size_t ncols;
	size_t *width;
	char **cells; /* nrows * ncols escaped cells */
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
		w = export_display_width(c);
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

	if (!t || !(t->width = calloc(tab->ncols, sizeof *t->width))) {
		free(t);
		return lp_fail(err, LP_EIO, "out of memory");
	}
	t->ncols = tab->ncols;
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

static enum lp_status text_end(struct writer *w, struct lp_error *err)
{
	struct text_state *t = writer_state(w);
	FILE *out = writer_stream(w);
	size_t r, c;

	for (r = 0; r < t->nrows; r++) {
		for (c = 0; c < t->ncols; c++) {
			const char *cell = t->cells[r * t->ncols + c];

			if (c + 1 == t->ncols) {
				fputs(cell, out);
				break;
			}
			fprintf(out, "%s%*s", cell,
				(int)(t->width[c] - export_display_width(cell) + 2), "");
		}
		fputc('\n', out);
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
