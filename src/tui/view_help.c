/* view_help.c - the Help view: the keys, generated from the key table so
 * help cannot disagree with behaviour, then the topics of help/NAME.txt
 * (compiled in), each under its first line as a heading. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "embedded.h"
#include "tui/view.h"

#define HELP_WIDTH 78 /* help is written to fit an 80-column terminal */

struct help_line {
	bool heading;
	const char *text;
};

struct help_view {
	struct strpool strings;
	struct help_line *lines;
	size_t nlines, cap;
	int topics;
	bool nomem;
};

static struct help_view *data_of(struct view *v)
{
	return v->data;
}

static bool help_init(struct view *v)
{
	return (v->data = calloc(1, sizeof(struct help_view))) != NULL;
}

static void help_clear(struct help_view *d)
{
	strpool_clear(&d->strings);
	free(d->lines);
	memset(d, 0, sizeof *d);
}

static void help_free(struct view *v)
{
	help_clear(data_of(v));
	free(v->data);
	v->data = NULL;
}

static void help_add(struct help_view *d, bool heading, const char *text, size_t len)
{
	struct help_line *o;
	char buf[1024];

	if (d->nlines == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 256;

		if (!(o = realloc(d->lines, cap * sizeof *o))) {
			d->nomem = true;
			return;
		}
		d->lines = o;
		d->cap = cap;
	}
	snprintf(buf, sizeof buf, "%.*s", (int)len, text);
	d->lines[d->nlines].heading = heading;
	d->lines[d->nlines].text = strpool_safe(&d->strings, buf);
	d->nlines++;
}

#define HELP_KEYS_WIDTH 21 /* "  " and the keys, then the text */

struct help_wrap {
	struct help_view *d;
	const char *keys; /* on the first line, then blank */
};

/* A line of a key's help, under its keys or indented as far. */
static void help_wrapped(void *ud, const char *start, size_t len)
{
	struct help_wrap *w = ud;
	char line[600];

	snprintf(line, sizeof line, "  %-*s%.*s", HELP_KEYS_WIDTH - 2, w->keys, (int)len, start);
	help_add(w->d, false, line, strlen(line));
	w->keys = "";
}

/* One entry per binding: its keys, where it applies, what it does. */
static void help_keys(struct help_view *d)
{
	size_t i;

	help_add(d, true, "Keys", 4);
	for (i = 0; i < keys_count; i++) {
		const struct binding *b = &keys_table[i];
		struct help_wrap w = { d, b->names };
		char where[200], line[600];

		keys_where(b->views, where, sizeof where);
		snprintf(line, sizeof line, "%s%s%s", b->views == VIEWS_ALL ? "" : where,
			 b->views == VIEWS_ALL ? "" : ": ", b->help);
		text_wrap(line, HELP_WIDTH - HELP_KEYS_WIDTH, 0, help_wrapped, &w);
	}
}

static void help_topic(struct help_view *d, const char *text)
{
	const char *nl;
	bool first = true;

	help_add(d, false, "", 0);
	while (*text) {
		nl = strchr(text, '\n');
		if (!nl)
			nl = text + strlen(text);
		help_add(d, first, text, (size_t)(nl - text));
		first = false;
		text = *nl ? nl + 1 : nl;
	}
	d->topics++;
}

static enum lp_status help_load(struct view *v, struct lp_error *err)
{
	struct help_view *d = data_of(v);
	const struct lp_help_topic *t;

	help_clear(d);
	help_keys(d);
	for (t = lp_help_topics; t->name; t++)
		help_topic(d, t->text);
	list_set_count(&v->list, (long)d->nlines);
	if (d->nomem || d->strings.failed)
		return lp_fail(err, LP_EDB, "out of memory reading the help");
	return LP_OK;
}

static void help_caption(struct view *v, char *buf, size_t size)
{
	snprintf(buf, size, "Help: the keys, then %d topic%s. / searches, q goes back.",
		 data_of(v)->topics, data_of(v)->topics == 1 ? "" : "s");
}

static enum row_style help_row(struct view *v, long i, int width, char *buf, size_t size)
{
	const struct help_line *l = &data_of(v)->lines[i];

	text_fit(buf, size, l->text, width);
	return l->heading ? STYLE_GROUP : STYLE_NORMAL;
}

static void help_text(struct view *v, long i, char *buf, size_t size)
{
	snprintf(buf, size, "%s", data_of(v)->lines[i].text);
}

const struct view_ops view_help_ops = {
	.id = VIEW_HELP,
	.init = help_init,
	.load = help_load,
	.caption = help_caption,
	.row = help_row,
	.text = help_text,
	.free = help_free,
};
