/* screen.c - drawing the frame every view shares: the tab bar, a caption,
 * column headings, the visible rows only (no pad: a 300,000-row matrix
 * draws as fast as ten rows), the detail pane, the status line and the key
 * bar generated from the key table; or the "terminal too small" screen. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export/export.h"
#include "tui/ui.h"

enum { PAIR_KEY = 1, PAIR_GROUP, PAIR_MARK, PAIR_ERROR, PAIR_WARNING };

void screen_init_colors(struct ui *ui)
{
	ui->color = ui->opt->color && has_colors() && start_color() == OK;
	if (!ui->color)
		return;
	use_default_colors();
	init_pair(PAIR_KEY, COLOR_BLACK, COLOR_CYAN);
	init_pair(PAIR_GROUP, COLOR_CYAN, -1);
	init_pair(PAIR_MARK, COLOR_YELLOW, -1);
	init_pair(PAIR_ERROR, COLOR_RED, -1);
	init_pair(PAIR_WARNING, COLOR_YELLOW, -1);
}

attr_t screen_attr(const struct ui *ui, enum row_style style)
{
	static const attr_t mono[] = {
		[STYLE_NORMAL] = A_NORMAL, [STYLE_GROUP] = A_BOLD,
		[STYLE_MARK] = A_BOLD | A_UNDERLINE, [STYLE_ERROR] = A_BOLD,
		[STYLE_WARNING] = A_NORMAL, [STYLE_DIM] = A_DIM
	};
	static const short pairs[] = {
		[STYLE_NORMAL] = 0, [STYLE_GROUP] = PAIR_GROUP, [STYLE_MARK] = PAIR_MARK,
		[STYLE_ERROR] = PAIR_ERROR, [STYLE_WARNING] = PAIR_WARNING, [STYLE_DIM] = 0
	};

	if (!ui->color)
		return mono[style];
	return mono[style] | (attr_t)COLOR_PAIR(pairs[style]);
}

static attr_t screen_key_attr(const struct ui *ui)
{
	return ui->color ? (attr_t)COLOR_PAIR(PAIR_KEY) : A_REVERSE;
}

bool screen_too_small(void)
{
	return COLS < UI_MIN_COLS || LINES < UI_MIN_ROWS;
}

int screen_list_top(void)
{
	return 3;
}

/* Text lines of the detail pane: more on a taller terminal. */
static int screen_detail_lines(void)
{
	int n = LINES / 6;

	return n < 3 ? 3 : n > 8 ? 8 : n;
}

int screen_list_height(const struct view *v)
{
	int h = LINES - screen_list_top() - 2;

	if (v->ops->detail)
		h -= screen_detail_lines() + 1;
	return h < 1 ? 1 : h;
}

void screen_put(int y, int x, const char *text, int width, attr_t attr)
{
	char buf[2048];

	if (width <= 0)
		return;
	text_fit(buf, sizeof buf, text, width);
	attrset(attr);
	mvaddstr(y, x, buf);
	attrset(A_NORMAL);
}

void screen_box(const struct ui *ui, int y, int x, int h, int w, const char *title)
{
	const struct tui_glyphs *g = ui->ctx.glyphs;
	char line[1024] = "";
	int i;

	for (i = 0; i < w - 2; i++)
		text_append(line, sizeof line, "%s", g->hline);
	mvaddstr(y, x, g->tl);
	addstr(line);
	addstr(g->tr);
	for (i = 1; i < h - 1; i++) {
		mvaddstr(y + i, x, g->vline);
		mvhline(y + i, x + 1, ' ', w - 2);
		mvaddstr(y + i, x + w - 1, g->vline);
	}
	mvaddstr(y + h - 1, x, g->bl);
	addstr(line);
	addstr(g->br);
	if (title && title[0]) {
		char t[300];

		snprintf(t, sizeof t, " %s ", title);
		screen_put(y, x + 2, t, text_width(t) < w - 4 ? text_width(t) : w - 4, A_BOLD);
	}
}

/* Two columns between tabs, or one when that is what fits the width. */
static int screen_tab_gap(void)
{
	int x = 1, v;
	char tab[64];

	for (v = 0; v < VIEW_COUNT; v++) {
		snprintf(tab, sizeof tab, "%d %s", v + 1, keys_view_titles[v]);
		x += text_width(tab) + 2;
	}
	return x - 2 <= COLS ? 2 : 1;
}

static void screen_tabs(struct ui *ui)
{
	int x = 1, v, gap = screen_tab_gap();

	move(0, 0);
	clrtoeol();
	for (v = 0; v < VIEW_COUNT; v++) {
		char tab[64];
		int w;

		snprintf(tab, sizeof tab, "%d %s", v + 1, keys_view_titles[v]);
		w = text_width(tab);
		ui->tab_x[v] = x;
		screen_put(0, x, tab, w, v == (int)ui->current ? A_REVERSE | A_BOLD : A_NORMAL);
		x += w + gap;
	}
	ui->tab_x[VIEW_COUNT] = x;
}

/* Columns taken by the bytes of s before p. */
static int screen_col(const char *s, const char *p)
{
	int c = 0;

	for (; s < p; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			c++;
	return c;
}

/* Underlines what the last search matched on screen line y. */
static void screen_matches(int y, const char *row, const char *needle, attr_t attr)
{
	const char *p = row;
	size_t n = strlen(needle);

	if (!n)
		return;
	while ((p = lp_find_nocase(p, needle)) != NULL) {
		int col = screen_col(row, p);
		attr_t a = attr | A_UNDERLINE | A_BOLD;

		mvchgat(y, col, screen_col(p, p + n), a & ~A_COLOR, (short)PAIR_NUMBER(a), NULL);
		p += n;
	}
}

static void screen_rows(struct ui *ui, struct view *v)
{
	int top = screen_list_top(), h = screen_list_height(v), y;
	char buf[2048];

	for (y = 0; y < h; y++) {
		long i = v->list.top + y;
		attr_t a;

		move(top + y, 0);
		clrtoeol();
		if (i >= v->list.count)
			continue;
		a = screen_attr(ui, v->ops->row(v, i, COLS, buf, sizeof buf));
		if (i == v->list.cursor)
			a |= A_REVERSE;
		screen_put(top + y, 0, buf, COLS, a);
		screen_matches(top + y, buf, v->search, a);
	}
}

struct detail_lines {
	int y, left;
};

static void screen_detail_line(void *ud, const char *start, size_t len)
{
	struct detail_lines *d = ud;
	char line[1024];

	if (d->left-- <= 0)
		return;
	snprintf(line, sizeof line, "%.*s", (int)len, start);
	screen_put(d->y++, 1, line, COLS - 2, A_NORMAL);
}

static void screen_detail(struct ui *ui, struct view *v)
{
	int lines = screen_detail_lines(), y = LINES - 2 - lines - 1, i;
	struct detail_lines d = { y + 1, lines };
	char buf[4096] = "";

	move(y, 0);
	for (i = 0; i < COLS; i++)
		addstr(ui->ctx.glyphs->hline);
	for (i = 1; i <= lines; i++) {
		move(y + i, 0);
		clrtoeol();
	}
	if (v->list.count > 0)
		v->ops->detail(v, v->list.cursor, buf, sizeof buf);
	text_wrap(buf, COLS - 2, lines, screen_detail_line, &d);
}

static void screen_status(struct ui *ui, struct view *v)
{
	char buf[1024];
	char *path;

	move(LINES - 2, 0);
	clrtoeol();
	if (v->error[0]) {
		screen_put(LINES - 2, 0, v->error, COLS, screen_attr(ui, STYLE_ERROR));
		return;
	}
	if (ui->status[0]) {
		screen_put(LINES - 2, 0, ui->status, COLS,
			   ui->status_error ? screen_attr(ui, STYLE_ERROR) : A_BOLD);
		return;
	}
	path = export_escape_terminal(store_path(ui->ctx.st));
	snprintf(buf, sizeof buf, "%s%s", ui->opt->demo ? "demo topology (in memory)" : path ? path : "",
		 store_readonly(ui->ctx.st) ? " [read-only]" : "");
	free(path);
	screen_put(LINES - 2, 0, buf, COLS, A_DIM);
}

/* Columns of a key bar item: the key, a space, the label, the gap. */
static int screen_bar_width(const struct binding *b, int gap)
{
	return text_width(b->bar_key) + text_width(b->bar_label) + 1 + gap;
}

static bool screen_bar_shows(const struct ui *ui, const struct binding *b)
{
	return b->bar_key && (b->views & VIEW_BIT(ui->current));
}

/* The key bar: the bindings with a bar label in this view, two spaces
 * apart, or one when that makes them all fit; as many as fit, always
 * ending with the last two of the table (the ways out). */
static void screen_keybar(struct ui *ui)
{
	int x = 0, tail = 0, all = 0, gap = 2, i, n = (int)keys_count;

	move(LINES - 1, 0);
	clrtoeol();
	for (i = 0; i < n; i++)
		if (screen_bar_shows(ui, &keys_table[i]))
			all += screen_bar_width(&keys_table[i], gap);
	if (all > COLS)
		gap = 1;
	for (i = n - 2; i < n; i++)
		tail += screen_bar_width(&keys_table[i], gap);
	for (i = 0; i < n && x < COLS; i++) {
		const struct binding *b = &keys_table[i];
		int kw;

		if (!screen_bar_shows(ui, b))
			continue;
		kw = text_width(b->bar_key);
		if (i < n - 2 && x + screen_bar_width(b, gap) + tail > COLS)
			continue;
		screen_put(LINES - 1, x, b->bar_key, kw, screen_key_attr(ui));
		if (x + kw + 1 < COLS)
			screen_put(LINES - 1, x + kw + 1, b->bar_label, COLS - x - kw - 1, A_NORMAL);
		x += screen_bar_width(b, gap);
	}
}

static void screen_too_small_draw(void)
{
	char msg[128];

	erase();
	snprintf(msg, sizeof msg, "terminal too small (need %dx%d, have %dx%d)",
		 UI_MIN_COLS, UI_MIN_ROWS, COLS, LINES);
	screen_put(LINES / 2 - 1, 0, msg, COLS, A_BOLD);
	screen_put(LINES / 2, 0, "enlarge the window, or press F10 to quit", COLS, A_NORMAL);
}

void screen_draw(struct ui *ui)
{
	struct view *v = ui->ctx.views[ui->current];
	char buf[2048];

	if (screen_too_small()) {
		screen_too_small_draw();
		return;
	}
	screen_tabs(ui);
	v->ops->caption(v, buf, sizeof buf);
	move(1, 0);
	clrtoeol();
	screen_put(1, 1, buf, COLS - 1, A_BOLD);
	move(2, 0);
	clrtoeol();
	if (v->ops->header) {
		v->ops->header(v, COLS, buf, sizeof buf);
		screen_put(2, 0, buf, COLS, A_UNDERLINE);
	}
	list_set_height(&v->list, screen_list_height(v));
	screen_rows(ui, v);
	if (v->ops->detail)
		screen_detail(ui, v);
	screen_status(ui, v);
	screen_keybar(ui);
}
