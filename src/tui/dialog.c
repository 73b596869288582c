/* dialog.c - what opens over a view: a yes/no question, a menu, a prompt
 * on the status line, and forms whose fields are checked as the user
 * types. Each redraws the screen under it when the terminal is resized. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export/export.h"
#include "tui/lineedit.h"
#include "tui/ui.h"

#define ESC 27
#define CTRL(c) ((c) & 0x1f)

static bool dialog_is(const struct ui_key *k, int code)
{
	return !k->fn && k->code == code;
}

static bool dialog_enter(const struct ui_key *k)
{
	return dialog_is(k, '\n') || dialog_is(k, '\r') || (k->fn && k->code == KEY_ENTER);
}

/* Esc, or F10 (which leaves a dialog rather than the program). */
static bool dialog_cancel(const struct ui_key *k)
{
	return dialog_is(k, ESC) || (k->fn && k->code == KEY_F(10));
}

/* Waits for a key, redrawing on resize via redraw(ui, ud). */
static void dialog_key(struct ui *ui, struct ui_key *k,
		       void (*redraw)(struct ui *, void *), void *ud)
{
	for (;;) {
		screen_draw(ui);
		if (!screen_too_small())
			redraw(ui, ud);
		refresh();
		ui_read_key(k, -1);
		if (!(k->fn && k->code == KEY_RESIZE))
			return;
	}
}

static int dialog_width(void)
{
	return COLS - 4 < 72 ? COLS - 4 : 72;
}

struct wrapped {
	int y, x, w, n;
	attr_t attr;
};

static void dialog_line(void *ud, const char *start, size_t len)
{
	struct wrapped *d = ud;
	char line[1024];

	snprintf(line, sizeof line, "%.*s", (int)len, start);
	screen_put(d->y + d->n++, d->x, line, d->w, d->attr);
}

static void dialog_count_line(void *ud, const char *start, size_t len)
{
	(void)ud;
	(void)start;
	(void)len;
}

/* Lines text takes at width w. */
static int dialog_lines(const char *text, int w)
{
	return text_wrap(text, w, 0, dialog_count_line, NULL);
}

static void dialog_confirm_draw(struct ui *ui, void *ud)
{
	const char *q = ud;
	int w = dialog_width(), lines = dialog_lines(q, w - 4);
	int h = lines + 4, y = (LINES - h) / 2, x = (COLS - w) / 2;
	struct wrapped d = { y + 1, x + 2, w - 4, 0, A_NORMAL };

	screen_box(ui, y, x, h, w, "Confirm");
	text_wrap(q, w - 4, 0, dialog_line, &d);
	screen_put(y + h - 2, x + 2, "y: yes    n or Esc: no", w - 4, A_BOLD);
}

bool dialog_confirm(struct ui *ui, const char *question)
{
	struct ui_key k;

	for (;;) {
		dialog_key(ui, &k, dialog_confirm_draw, (void *)question);
		if (dialog_is(&k, 'y') || dialog_is(&k, 'Y'))
			return true;
		if (dialog_is(&k, 'n') || dialog_is(&k, 'N') || dialog_cancel(&k))
			return false;
	}
}

struct text_box {
	const char *title, *text;
};

static void dialog_text_draw(struct ui *ui, void *ud)
{
	struct text_box *b = ud;
	int w = dialog_width(), lines = dialog_lines(b->text, w - 4);
	int h, y, x = (COLS - w) / 2;
	struct wrapped d = { 0, x + 2, w - 4, 0, A_NORMAL };

	if (lines > LINES - 6)
		lines = LINES - 6;
	h = lines + 4;
	y = (LINES - h) / 2;
	d.y = y + 1;
	screen_box(ui, y, x, h, w, b->title);
	text_wrap(b->text, w - 4, lines, dialog_line, &d);
	screen_put(y + h - 2, x + 2, "any key: close", w - 4, A_DIM);
}

void dialog_text(struct ui *ui, const char *title, const char *text)
{
	struct text_box b = { title, text };
	struct ui_key k;

	dialog_key(ui, &k, dialog_text_draw, &b);
}

struct menu {
	const char *title;
	const char *const *items;
	int n, cur;
};

/* Wide enough for the title and the items, within the dialog width. */
static int dialog_menu_width(const struct menu *m)
{
	int w = 40, i;

	if (text_width(m->title) + 6 > w)
		w = text_width(m->title) + 6;
	for (i = 0; i < m->n; i++)
		if (text_width(m->items[i]) + 6 > w)
			w = text_width(m->items[i]) + 6;
	return w < dialog_width() ? w : dialog_width();
}

static void dialog_menu_draw(struct ui *ui, void *ud)
{
	struct menu *m = ud;
	int w = dialog_menu_width(m), h = m->n + 4, y = (LINES - h) / 2, x = (COLS - w) / 2, i;

	screen_box(ui, y, x, h, w, m->title);
	for (i = 0; i < m->n; i++) {
		char line[128];

		snprintf(line, sizeof line, " %c  %s", m->items[i][0], m->items[i] + 2);
		screen_put(y + 1 + i, x + 1, line, w - 2, i == m->cur ? A_REVERSE : A_NORMAL);
	}
	screen_put(y + h - 2, x + 2, "Enter or key: choose   Esc: cancel", w - 4, A_DIM);
}

int dialog_menu(struct ui *ui, const char *title, const char *const *items, int n, int def)
{
	struct menu m = { title, items, n, def };
	struct ui_key k;
	int i;

	for (;;) {
		dialog_key(ui, &k, dialog_menu_draw, &m);
		if (dialog_enter(&k))
			return m.cur;
		if (dialog_cancel(&k))
			return -1;
		if (k.fn && k.code == KEY_UP)
			m.cur = (m.cur + n - 1) % n;
		else if (k.fn && k.code == KEY_DOWN)
			m.cur = (m.cur + 1) % n;
		for (i = 0; !k.fn && i < n; i++)
			if (k.code == items[i][0])
				return i;
	}
}

/* Maps a key to a line edit: true when it was one (and applied). */
static bool dialog_edit(struct lineedit *e, const struct ui_key *k, bool *changed)
{
	static const struct { int code; enum lineedit_op op; } fn[] = {
		{ KEY_LEFT, EDIT_LEFT }, { KEY_RIGHT, EDIT_RIGHT }, { KEY_HOME, EDIT_HOME },
		{ KEY_END, EDIT_END }, { KEY_BACKSPACE, EDIT_BACKSPACE }, { KEY_DC, EDIT_DELETE },
	};
	size_t i;

	*changed = false;
	if (k->fn) {
		for (i = 0; i < sizeof fn / sizeof fn[0]; i++)
			if (fn[i].code == k->code) {
				*changed = lineedit_apply(e, fn[i].op) && fn[i].op >= EDIT_BACKSPACE;
				return true;
			}
		return false;
	}
	if (k->code == 127 || k->code == CTRL('h'))
		*changed = lineedit_apply(e, EDIT_BACKSPACE);
	else if (k->code == CTRL('u'))
		*changed = lineedit_apply(e, EDIT_KILL);
	else if (k->code == CTRL('a'))
		lineedit_apply(e, EDIT_HOME);
	else if (k->code == CTRL('e'))
		lineedit_apply(e, EDIT_END);
	else if (k->code >= 0x20)
		*changed = lineedit_insert(e, k->utf8, strlen(k->utf8));
	else
		return false;
	return true;
}

/* Draws the text of e at y, x in w columns (the tail when it is longer)
 * and leaves the terminal cursor at the edit point. */
static void dialog_field(const struct lineedit *e, int y, int x, int w, attr_t attr)
{
	char *shown = export_escape_terminal(e->buf);
	char *head = strndup(e->buf, e->cur);
	char *safe_head = head ? export_escape_terminal(head) : NULL;
	int col = safe_head ? text_width(safe_head) : 0, skip = col >= w ? col - w + 1 : 0;
	const char *p = shown ? shown : "";

	while (skip > 0 && *p) {
		p++;
		while (((unsigned char)*p & 0xc0) == 0x80)
			p++;
		skip--;
	}
	screen_put(y, x, p, w, attr);
	move(y, x + (col >= w ? w - 1 : col));
	free(shown);
	free(head);
	free(safe_head);
}

struct prompt {
	const char *label;
	struct lineedit e;
};

static void dialog_prompt_draw(struct ui *ui, void *ud)
{
	struct prompt *p = ud;
	int lw = text_width(p->label) + 2;

	(void)ui;
	move(LINES - 2, 0);
	clrtoeol();
	screen_put(LINES - 2, 0, p->label, lw - 2, A_BOLD);
	addstr(": ");
	dialog_field(&p->e, LINES - 2, lw, COLS - lw, A_NORMAL);
}

bool dialog_prompt(struct ui *ui, const char *label, char *buf, size_t size)
{
	struct prompt p = { label, { 0 } };
	struct ui_key k;
	bool changed;

	lineedit_start(&p.e, buf, size);
	curs_set(1);
	for (;;) {
		dialog_key(ui, &k, dialog_prompt_draw, &p);
		if (dialog_enter(&k) || dialog_cancel(&k))
			break;
		dialog_edit(&p.e, &k, &changed);
	}
	curs_set(0);
	return dialog_enter(&k);
}

struct form_run {
	struct form *f;
	struct lineedit e; /* on the focused text field */
};

/* Focuses the shown field at i or the next one on the way dir goes. */
static void dialog_form_focus(struct form_run *r, int i, int dir)
{
	r->f->focus = form_next_shown(r->f, i, dir);
	lineedit_start(&r->e, r->f->fields[r->f->focus].value,
		       sizeof r->f->fields[r->f->focus].value);
}

/* The message under the fields: the focused field's refusal, else the
 * model's refusal of the last submit. */
static const char *dialog_form_msg(const struct form *f)
{
	return f->fields[f->focus].msg[0] ? f->fields[f->focus].msg : f->msg;
}

static void dialog_form_draw(struct ui *ui, void *ud)
{
	struct form_run *r = ud;
	struct form *f = r->f;
	int w = dialog_width(), lw = 0, shown = 0, i, fy = 0;
	int h, y, x = (COLS - w) / 2, fw;
	struct wrapped msg;

	for (i = 0; i < f->nfields; i++) {
		if (f->fields[i].hidden)
			continue;
		shown++;
		if (text_width(f->fields[i].label) > lw)
			lw = text_width(f->fields[i].label);
	}
	h = shown + 8;
	y = (LINES - h) / 2;
	lw += 2;
	fw = w - 4 - lw;
	msg = (struct wrapped){ y + shown + 3, x + 2, w - 4, 0, screen_attr(ui, STYLE_ERROR) };
	screen_box(ui, y, x, h, w, f->title);
	text_wrap(dialog_form_msg(f), w - 4, 2, dialog_line, &msg);
	screen_put(y + h - 2, x + 2, "Enter: save  Esc: cancel  Tab/Up/Down: field  Left/Right: choice",
		   w - 4, A_DIM);
	for (i = 0, shown = 0; i < f->nfields; i++) {
		struct form_field *fl = &f->fields[i];
		attr_t a = i == f->focus ? A_REVERSE : A_UNDERLINE;
		int fr = y + 2 + shown;
		char choice[300];

		if (fl->hidden)
			continue;
		shown++;
		if (i == f->focus)
			fy = fr;
		screen_put(fr, x + 2, fl->label, lw, fl->msg[0] ? A_BOLD : A_NORMAL);
		if (fl->kind == FIELD_CHOICE) {
			char *safe = export_escape_terminal(fl->value); /* a name from the file */

			snprintf(choice, sizeof choice, "< %s >", safe ? safe : "");
			free(safe);
			screen_put(fr, x + 2 + lw, choice, fw, a);
		} else if (i != f->focus) {
			struct lineedit e;

			lineedit_start(&e, fl->value, sizeof fl->value);
			dialog_field(&e, fr, x + 2 + lw, fw, a);
		}
	}
	if (f->fields[f->focus].kind == FIELD_TEXT)
		dialog_field(&r->e, fy, x + 2 + lw, fw, A_REVERSE);
	curs_set(f->fields[f->focus].kind == FIELD_TEXT);
}

/* One key in a form; returns 1 when submitted, -1 when cancelled. */
static int dialog_form_key(struct ui *ui, struct form_run *r, const struct ui_key *k)
{
	struct form *f = r->f;
	struct form_field *fl = &f->fields[f->focus];
	struct lp_error err = { LP_OK, "" };
	bool changed;

	if (dialog_cancel(k))
		return -1;
	if (dialog_enter(k)) {
		if (form_submit(f, ui->ctx.st, &err) == LP_OK)
			return 1;
		dialog_form_focus(r, f->focus, 1);
	} else if (dialog_is(k, '\t') || (k->fn && k->code == KEY_DOWN)) {
		dialog_form_focus(r, f->focus + 1, 1);
	} else if ((k->fn && k->code == KEY_BTAB) || (k->fn && k->code == KEY_UP)) {
		dialog_form_focus(r, f->focus - 1, -1);
	} else if (fl->kind == FIELD_CHOICE) {
		if (k->fn && (k->code == KEY_LEFT || k->code == KEY_RIGHT))
			form_cycle(f, f->focus, k->code == KEY_LEFT ? -1 : 1);
		else if (dialog_is(k, ' '))
			form_cycle(f, f->focus, 1);
	} else if (dialog_edit(&r->e, k, &changed) && changed) {
		f->msg[0] = '\0';
		form_check(f, f->focus);
	}
	return 0;
}

bool dialog_form(struct ui *ui, struct form *f)
{
	struct form_run r = { f, { 0 } };
	struct ui_key k;
	int done;

	dialog_form_focus(&r, 0, 1);
	do {
		dialog_key(ui, &k, dialog_form_draw, &r);
		done = dialog_form_key(ui, &r, &k);
	} while (!done);
	curs_set(0);
	return done > 0;
}
