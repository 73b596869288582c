/* view_catalog.c - the Catalog view: the reference document's port tables
 * row by row, in document order, each table under its title, searchable;
 * the detail pane shows notes, the condition and the source row. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "tui/rows.h"
#include "tui/view.h"

struct cat_row {
	bool heading;
	const char *role, *service, *ports, *transport, *protocol; /* or the title */
	const char *notes, *condition, *source;
};

struct catalog_view {
	struct strpool strings;
	struct rows rows;
	char table[300]; /* the table of the last row read */
	int entries;
};

static struct catalog_view *data_of(struct view *v)
{
	return v->data;
}

/* Row i of the view. */
static const struct cat_row *cat_at(struct view *v, long i)
{
	return rows_at(&data_of(v)->rows, (size_t)i, sizeof(struct cat_row));
}

static bool cat_init(struct view *v)
{
	return (v->data = calloc(1, sizeof(struct catalog_view))) != NULL;
}

static void cat_clear(struct catalog_view *d)
{
	strpool_clear(&d->strings);
	rows_clear(&d->rows);
	memset(d, 0, sizeof *d);
}

static void cat_free(struct view *v)
{
	cat_clear(data_of(v));
	free(v->data);
	v->data = NULL;
}

static struct cat_row *cat_push(struct catalog_view *d)
{
	return rows_add(&d->rows, sizeof(struct cat_row));
}

/* The table a row comes from, as its source names it: "TITLE #N", or
 * "FILE (TITLE, row N) ..."; else its section. */
static void cat_table(const struct catalog_row *r, char *buf, size_t size)
{
	const char *row = strstr(r->source, ", row ");
	const char *open = row ? r->source + strcspn(r->source, "(") : NULL;
	const char *hash = strstr(r->source, " #");

	if (open && open < row)
		snprintf(buf, size, "%.*s", (int)(row - open - 1), open + 1);
	else if (hash && hash > r->source)
		snprintf(buf, size, "%.*s", (int)(hash - r->source), r->source);
	else
		snprintf(buf, size, "%s", r->section);
}

static int cat_read(const struct catalog_row *r, void *ud)
{
	struct catalog_view *d = ud;
	struct cat_row *o;
	char table[300];

	cat_table(r, table, sizeof table);
	if (strcmp(table, d->table) != 0) {
		snprintf(d->table, sizeof d->table, "%s", table);
		if (!(o = cat_push(d)))
			return 1;
		o->heading = true;
		o->role = strpool_safe(&d->strings, table);
	}
	if (!(o = cat_push(d)))
		return 1;
	o->role = strpool_safe(&d->strings, r->role);
	o->service = strpool_safe(&d->strings, r->service);
	o->ports = strpool_safe(&d->strings, r->ports);
	o->transport = strpool_safe(&d->strings, r->transport);
	o->protocol = strpool_safe(&d->strings, r->protocol);
	o->notes = strpool_safe(&d->strings, r->notes);
	o->condition = strpool_safe(&d->strings, r->condition);
	o->source = strpool_safe(&d->strings, r->source);
	d->entries++;
	return 0;
}

static enum lp_status cat_load(struct view *v, struct lp_error *err)
{
	struct catalog_view *d = data_of(v);
	enum lp_status s;

	cat_clear(d);
	s = catalog_each(v->ctx->st, NULL, cat_read, d, err);
	if (s == LP_OK && (d->rows.nomem || d->strings.failed))
		s = lp_fail(err, LP_EDB, "out of memory reading the catalog");
	list_set_count(&v->list, s == LP_OK ? (long)d->rows.n : 0);
	return s;
}

static void cat_caption(struct view *v, char *buf, size_t size)
{
	snprintf(buf, size, "Port catalog: %d rows of the reference tables, / searches",
		 data_of(v)->entries);
}

static const int cat_widths[] = { 16, 11, 7, 18, 0 };

static void cat_header(struct view *v, int width, char *buf, size_t size)
{
	static const char *const cells[] = { "Role", "Ports", "Transp", "Protocol", "Notes" };

	(void)v;
	text_columns(buf, size, cells, cat_widths, 5, width);
}

static enum row_style cat_row(struct view *v, long i, int width, char *buf, size_t size)
{
	const struct cat_row *r = cat_at(v, i);
	const char *cells[5];

	if (r->heading) {
		text_fit(buf, size, r->role, width);
		return STYLE_GROUP;
	}
	cells[0] = r->role;
	cells[1] = r->ports;
	cells[2] = r->transport;
	cells[3] = r->protocol;
	cells[4] = r->notes[0] ? r->notes : r->service;
	text_columns(buf, size, cells, cat_widths, 5, width);
	return STYLE_NORMAL;
}

static void cat_text(struct view *v, long i, char *buf, size_t size)
{
	const struct cat_row *r = cat_at(v, i);

	if (r->heading)
		snprintf(buf, size, "%s", r->role);
	else
		snprintf(buf, size, "%s %s %s %s %s %s %s %s", r->role, r->service, r->ports,
			 r->transport, r->protocol, r->notes, r->condition, r->source);
}

static void cat_detail(struct view *v, long i, char *buf, size_t size)
{
	const struct cat_row *r = cat_at(v, i);

	if (r->heading) {
		snprintf(buf, size, "%s", r->role);
		return;
	}
	snprintf(buf, size, "%s%s%s %s %s, applies: %s\nNotes: %s\nSource: %s", r->role,
		 r->service[0] ? ", " : "", r->service, r->transport, r->ports, r->condition,
		 r->notes[0] ? r->notes : "(none in the table)", r->source);
}

const struct view_ops view_catalog_ops = {
	.id = VIEW_CATALOG,
	.init = cat_init,
	.load = cat_load,
	.caption = cat_caption,
	.header = cat_header,
	.row = cat_row,
	.text = cat_text,
	.detail = cat_detail,
	.free = cat_free,
	.export_table = "catalog",
};
