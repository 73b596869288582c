/* view_export.c - the export dialog's steps without a terminal: a menu of
 * the formats that can write the view's table, a path prefilled with a
 * default name, a question before replacing a file, then the rows written
 * through tables_write and one line saying what happened. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tui/view.h"
#include "tui/view_export.h"

/* A copy of s in buf (size bytes), or NULL for NULL. */
static const char *view_export_keep(char *buf, size_t size, const char *s)
{
	if (!s)
		return NULL;
	snprintf(buf, size, "%s", s);
	return buf;
}

static void view_export_keep_query(struct view_export *e, const struct tables_query *q)
{
	e->q.table = q->table;
	e->q.filter.site = view_export_keep(e->site, sizeof e->site, q->filter.site);
	e->q.filter.pool = view_export_keep(e->pool, sizeof e->pool, q->filter.pool);
	e->q.filter.server = view_export_keep(e->server, sizeof e->server, q->filter.server);
	e->q.filter.role = view_export_keep(e->role, sizeof e->role, q->filter.role);
	e->q.from = view_export_keep(e->from, sizeof e->from, q->from);
	e->q.to = view_export_keep(e->to, sizeof e->to, q->to);
	e->q.section = view_export_keep(e->section, sizeof e->section, q->section);
	e->q.contains = view_export_keep(e->contains, sizeof e->contains, q->contains);
}

/* The menu key of a format: the first letter of its name no earlier item
 * took, so that every item has its own key. */
static char view_export_key(const struct view_export *e, const char *name)
{
	const char *p;
	int i;

	for (p = name; *p; p++) {
		for (i = 0; i < e->nformats && e->items[i][0] != *p; i++)
			;
		if (i == e->nformats && *p != '-')
			return *p;
	}
	return (char)('0' + e->nformats % 10);
}

static void view_export_formats(struct view_export *e)
{
	const struct export_format *const *f;
	const char *table = tables_table(e->q.table)->name;

	for (f = export_formats; *f && e->nformats < VIEW_EXPORT_FORMATS; f++) {
		if (!export_accepts(*f, table))
			continue;
		snprintf(e->items[e->nformats], sizeof e->items[0], "%c %-10s %s",
			 view_export_key(e, (*f)->name), (*f)->name, (*f)->summary);
		e->formats[e->nformats++] = *f;
	}
}

bool view_export_prepare(struct view_export *e, struct view *v)
{
	const char *topology_name = e->topology_name;
	struct tables_query q = { .table = TABLES_PORTS };

	if (!v->ops->export_table || !tables_lookup(v->ops->export_table, &q.table))
		return false;
	memset(e, 0, sizeof *e);
	e->topology_name = topology_name ? topology_name : "";
	if (v->ops->export_query)
		v->ops->export_query(v, &q, e->scope, sizeof e->scope);
	view_export_keep_query(e, &q);
	view_export_formats(e);
	return e->nformats > 0;
}

void view_export_default_name(const struct export_format *f, enum tables_id table,
			      char *buf, size_t size)
{
	static const struct { const char *format, *suffix; } suffixes[] = {
		{ "text", ".txt" }, { "checklist", "-checklist.md" }, { "netsh", ".cmd" },
		{ "probe-ps1", "-probe.ps1" }, { "probe-sh", "-probe.sh" },
	};
	const char *suffix = NULL;
	size_t i;

	for (i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++)
		if (strcmp(suffixes[i].format, f->name) == 0)
			suffix = suffixes[i].suffix;
	snprintf(buf, size, "lyncplan-%s%s%s", tables_table(table)->name, suffix ? "" : ".",
		 suffix ? suffix : f->name);
}

enum lp_status view_export_write(struct view_export *e, struct store *st, bool force,
				 long *rows, struct lp_error *err)
{
	struct export_options opt = { .force = force, .topology_name = e->topology_name,
				      .database = store_path(st) };
	struct writer *w;
	enum lp_status s;

	*rows = 0;
	if ((s = export_open(e->format, e->path, &opt, &w, err)) != LP_OK)
		return s;
	if ((s = tables_write(st, &e->q, w, rows, NULL, err)) != LP_OK) {
		export_abort(w);
		return s;
	}
	return export_finish(w, err);
}

/* next: err's line, terminal-safe. */
static void view_export_error(const struct lp_error *err, struct action *next)
{
	char *shown = export_escape_terminal(err->msg);

	next->kind = ACT_ERROR;
	snprintf(next->text, sizeof next->text, "%s", shown ? shown : "export failed");
	free(shown);
}

/* next: a line saying what was written, or the error (terminal-safe). */
static void view_export_finish(struct view *v, bool force, struct action *next)
{
	struct view_export *e = &v->ctx->export;
	struct lp_error err = { LP_OK, "" };
	char *shown;
	long rows;

	if (view_export_write(e, v->ctx->st, force, &rows, &err) == LP_OK) {
		shown = export_escape_terminal(e->path);
		next->kind = ACT_STATUS;
		snprintf(next->text, sizeof next->text, "Wrote %ld row%s to ", rows,
			 rows == 1 ? "" : "s");
		text_append(next->text, sizeof next->text, "%s", shown ? shown : "the file");
		free(shown);
	} else {
		view_export_error(&err, next);
	}
}

static void view_export_replace(struct view *v, struct action *next)
{
	view_export_finish(v, true, next);
}

static void view_export_answer(struct view *v, const char *text, struct action *next)
{
	struct view_export *e = &v->ctx->export;
	struct lp_error err = { LP_OK, "" };
	char *shown;

	/* "-" would be standard output: the screen. */
	if (!text[0] || strcmp(text, "-") == 0) {
		next->kind = ACT_ERROR;
		snprintf(next->text, sizeof next->text, "export: give a file name");
		return;
	}
	snprintf(e->path, sizeof e->path, "%s", text);
	/* Refused before the question: no answer lets an export replace it. */
	if (export_check_target(e->path, store_path(v->ctx->st), &err) != LP_OK) {
		view_export_error(&err, next);
		return;
	}
	if (access(e->path, F_OK) != 0) {
		view_export_finish(v, false, next);
		return;
	}
	shown = export_escape_terminal(e->path);
	next->kind = ACT_CONFIRM;
	next->text[0] = '\0';
	text_append(next->text, sizeof next->text, "%s exists. Replace it?",
		    shown ? shown : "The file");
	next->confirmed = view_export_replace;
	free(shown);
}

static void view_export_pick(struct view *v, int item, struct action *next)
{
	struct view_export *e = &v->ctx->export;

	e->format = e->formats[item];
	next->kind = ACT_PROMPT;
	snprintf(next->text, sizeof next->text, "Export as %s to", e->format->name);
	view_export_default_name(e->format, e->q.table, next->initial, sizeof next->initial);
	next->answer = view_export_answer;
}

void view_export_start(struct view *v, struct action *act)
{
	struct view_export *e = &v->ctx->export;
	const struct export_table *t;
	int i;

	if (!view_export_prepare(e, v)) {
		act->kind = ACT_STATUS;
		snprintf(act->text, sizeof act->text, "nothing to export in this view");
		return;
	}
	t = tables_table(e->q.table);
	act->kind = ACT_MENU;
	snprintf(act->text, sizeof act->text, "Export %s", t->title);
	if (e->scope[0])
		text_append(act->text, sizeof act->text, ": %s", e->scope);
	for (i = 0; i < e->nformats; i++) {
		act->items[i] = e->items[i];
		if (strcmp(e->formats[i]->name, "csv") == 0)
			act->item = i;
	}
	act->nitems = e->nformats;
	act->pick = view_export_pick;
}
