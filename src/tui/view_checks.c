/* view_checks.c - the Checks view: the findings of plan_check, errors
 * first, each with its fix hint in the detail pane; Enter goes to the
 * item a finding names in the Topology view. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan.h"
#include "tui/rows.h"
#include "tui/view.h"

struct finding {
	enum plan_severity severity;
	const char *code, *kind, *subject;     /* as reported (kind, subject for the jump) */
	const char *subject_label, *message, *hint; /* terminal-safe */
};

struct checks_view {
	struct strpool strings;
	struct rows rows;
	int errors, warnings;
};

static struct checks_view *data_of(struct view *v)
{
	return v->data;
}

/* Row i of the view. */
static const struct finding *checks_at(struct view *v, long i)
{
	return rows_at(&data_of(v)->rows, (size_t)i, sizeof(struct finding));
}

static bool checks_init(struct view *v)
{
	return (v->data = calloc(1, sizeof(struct checks_view))) != NULL;
}

static void checks_clear(struct checks_view *d)
{
	strpool_clear(&d->strings);
	rows_clear(&d->rows);
	memset(d, 0, sizeof *d);
}

static void checks_free(struct view *v)
{
	checks_clear(data_of(v));
	free(v->data);
	v->data = NULL;
}

static int checks_read(const struct plan_finding *f, void *ud)
{
	struct checks_view *d = ud;
	struct finding *o;

	if (!(o = rows_add(&d->rows, sizeof *o)))
		return 1;
	o->severity = f->severity;
	o->code = strpool_safe(&d->strings, f->code);
	o->kind = strpool_dup(&d->strings, f->kind);
	o->subject = strpool_dup(&d->strings, f->subject);
	o->subject_label = strpool_safe(&d->strings, f->subject);
	o->message = strpool_safe(&d->strings, f->message);
	o->hint = strpool_safe(&d->strings, f->hint);
	d->warnings += f->severity == SEVERITY_WARNING;
	return 0;
}

static enum lp_status checks_load(struct view *v, struct lp_error *err)
{
	struct checks_view *d = data_of(v);
	enum lp_status s;

	checks_clear(d);
	s = plan_check(v->ctx->st, checks_read, d, &d->errors, err);
	if (s == LP_OK && (d->rows.nomem || d->strings.failed))
		s = lp_fail(err, LP_EDB, "out of memory reading the checks");
	list_set_count(&v->list, s == LP_OK ? (long)d->rows.n : 0);
	return s;
}

static void checks_caption(struct view *v, char *buf, size_t size)
{
	struct checks_view *d = data_of(v);

	if (!d->rows.n) {
		snprintf(buf, size, "No findings: the topology passes every check.");
		return;
	}
	snprintf(buf, size, "%zu finding%s: %d error%s, %d warning%s. Enter goes to the item.",
		 d->rows.n, d->rows.n == 1 ? "" : "s", d->errors, d->errors == 1 ? "" : "s",
		 d->warnings, d->warnings == 1 ? "" : "s");
}

static const int checks_widths[] = { 8, 26, 0 };

static void checks_header(struct view *v, int width, char *buf, size_t size)
{
	static const char *const cells[] = { "Severity", "Item", "Finding" };

	(void)v;
	text_columns(buf, size, cells, checks_widths, 3, width);
}

static enum row_style checks_row(struct view *v, long i, int width, char *buf, size_t size)
{
	const struct finding *f = checks_at(v, i);
	const char *cells[] = { plan_severity_name(f->severity),
				f->subject[0] ? f->subject_label : "(topology)", f->message };

	text_columns(buf, size, cells, checks_widths, 3, width);
	switch (f->severity) {
	case SEVERITY_ERROR: return STYLE_ERROR;
	case SEVERITY_WARNING: return STYLE_WARNING;
	default: return STYLE_NORMAL;
	}
}

static void checks_text(struct view *v, long i, char *buf, size_t size)
{
	const struct finding *f = checks_at(v, i);

	snprintf(buf, size, "%s %s %s %s %s", plan_severity_name(f->severity), f->code,
		 f->subject_label, f->message, f->hint);
}

static void checks_detail(struct view *v, long i, char *buf, size_t size)
{
	const struct finding *f = checks_at(v, i);

	snprintf(buf, size, "%s (%s)\nFix: %s", f->message, f->code,
		 f->hint[0] ? f->hint : "nothing to do");
}

/* Enter: the Topology view, cursor on the finding's item. */
static void checks_request(struct view *v, enum request req, struct action *act)
{
	struct checks_view *d = data_of(v);
	struct view *topo = v->ctx->views[VIEW_TOPOLOGY];
	struct lp_error err = { LP_OK, "" };
	const struct finding *f;

	if (req != REQ_ENTER || !d->rows.n)
		return;
	f = checks_at(v, v->list.cursor);
	if (view_refresh(topo, &err) != LP_OK) {
		action_error(act, &err);
		return;
	}
	if (f->subject[0] && !view_topology_show(topo, f->kind, f->subject)) {
		act->kind = ACT_STATUS;
		snprintf(act->text, sizeof act->text, "%s is no longer in the topology",
			 f->subject_label);
		return;
	}
	act->kind = ACT_VIEW;
	act->view = VIEW_TOPOLOGY;
}

const struct view_ops view_checks_ops = {
	.id = VIEW_CHECKS,
	.init = checks_init,
	.load = checks_load,
	.caption = checks_caption,
	.header = checks_header,
	.row = checks_row,
	.text = checks_text,
	.detail = checks_detail,
	.request = checks_request,
	.free = checks_free,
	.export_table = "check",
};
