/* tui.c - the interface's start-up and main loop: refuse what is not a
 * terminal, open the file, start curses with newterm(), then read keys,
 * turn them into requests through the key table and dispatch them to the
 * list engine, the main loop's own requests or the current view. */
#include "config.h"

#include <langinfo.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <term.h>
#include <unistd.h>
#include <wchar.h>

#include "topology.h"
#include "tui/ui.h"

#define POLL_MS 2000 /* how often the file is looked at for outside changes */
#define IDLE_MS 10   /* before reading ahead, so the frame reaches the terminal */

bool ui_read_key(struct ui_key *k, int timeout_ms)
{
	wint_t wc;
	int rc;

	timeout(timeout_ms);
	rc = get_wch(&wc);
	memset(k, 0, sizeof *k);
	if (rc == ERR)
		return false;
	k->fn = rc == KEY_CODE_YES;
	k->code = (int)wc;
	if (!k->fn) {
		mbstate_t ms;
		size_t n;

		memset(&ms, 0, sizeof ms);
		n = wcrtomb(k->utf8, (wchar_t)wc, &ms);
		if (n == (size_t)-1)
			n = 0;
		k->utf8[n] = '\0';
	}
	return true;
}

/* Says on the status line that reading is under way: the whole matrix of
 * a large topology takes a second or two. */
static void ui_busy(const char *text)
{
	if (screen_too_small())
		return;
	move(LINES - 2, 0);
	clrtoeol();
	screen_put(LINES - 2, 0, text, COLS, A_BOLD);
	refresh();
}

static void ui_status(struct ui *ui, bool error, const char *text)
{
	snprintf(ui->status, sizeof ui->status, "%s", text);
	ui->status_error = error;
}

/* Remembers the file as it is now, to notice changes made elsewhere. */
static void ui_note_file(struct ui *ui)
{
	ui->file_known = !ui->opt->demo && stat(store_path(ui->ctx.st), &ui->file) == 0;
	ui->data_version = store_data_version(ui->ctx.st);
}

static bool ui_file_changed(const struct ui *ui)
{
	struct stat now;

	if (!ui->file_known || stat(store_path(ui->ctx.st), &now) != 0)
		return false;
	/* A commit elsewhere may be only in the -wal yet: the file's own
	 * times and size change when it is folded in. */
	return store_data_version(ui->ctx.st) != ui->data_version ||
	       now.st_mtim.tv_sec != ui->file.st_mtim.tv_sec ||
	       now.st_mtim.tv_nsec != ui->file.st_mtim.tv_nsec ||
	       now.st_size != ui->file.st_size || now.st_ino != ui->file.st_ino;
}

/* Everything is read again on the next draw. */
static void ui_reread(struct ui *ui)
{
	view_touch(&ui->ctx);
	ui_note_file(ui);
}

static void ui_switch(struct ui *ui, enum view_id to)
{
	if (to == ui->current)
		return;
	if (ui->nhistory == UI_HISTORY) {
		memmove(ui->history, ui->history + 1, (UI_HISTORY - 1) * sizeof ui->history[0]);
		ui->nhistory--;
	}
	ui->history[ui->nhistory++] = ui->current;
	ui->current = to;
}

static void ui_act(struct ui *ui, struct view *v, struct action *act);

/* Runs what an action needs from the user, then what follows from it. */
static void ui_act_dialog(struct ui *ui, struct view *v, struct action *act)
{
	struct action next = { ACT_NONE };
	struct lp_error err = { LP_OK, "" };
	char text[256];
	int item;

	switch (act->kind) {
	case ACT_FORM:
		if (dialog_form(ui, act->form)) {
			ui_reread(ui);
			ui_status(ui, false, act->form->done);
		}
		free(act->form);
		return;
	case ACT_CONFIRM:
		if (!dialog_confirm(ui, act->text))
			return;
		if (act->confirmed) {
			act->confirmed(v, &next);
			ui_act(ui, v, &next);
			return;
		}
		if (act->yes(v, &err) != LP_OK) {
			ui_status(ui, true, err.msg);
			return;
		}
		ui_reread(ui);
		ui_status(ui, false, act->done[0] ? act->done : "done");
		return;
	case ACT_MENU:
		if ((item = dialog_menu(ui, act->text, act->items, act->nitems, act->item)) >= 0) {
			act->pick(v, item, &next);
			ui_act(ui, v, &next);
		}
		return;
	default:
		snprintf(text, sizeof text, "%s", act->initial);
		if (dialog_prompt(ui, act->text, text, sizeof text)) {
			ui_busy("reading...");
			act->answer(v, text, &next);
			ui_act(ui, v, &next);
		}
		return;
	}
}

static void ui_act(struct ui *ui, struct view *v, struct action *act)
{
	if (act->changed)
		ui_reread(ui);
	switch (act->kind) {
	case ACT_NONE:
	case ACT_DONE:
		break;
	case ACT_STATUS:
	case ACT_ERROR:
		ui_status(ui, act->kind == ACT_ERROR, act->text);
		break;
	case ACT_VIEW:
		ui_switch(ui, act->view);
		break;
	default:
		ui_act_dialog(ui, v, act);
		break;
	}
}

static void ui_search(struct ui *ui, struct view *v, enum request req)
{
	char text[sizeof v->search];

	if (req == REQ_SEARCH) {
		snprintf(text, sizeof text, "%s", v->search);
		if (!dialog_prompt(ui, "Search", text, sizeof text))
			return;
		snprintf(v->search, sizeof v->search, "%s", text);
	}
	if (!v->search[0]) {
		ui_status(ui, false, "nothing to search for: / starts a search");
		return;
	}
	ui_busy("searching...");
	if (!view_find(v, req == REQ_FIND_PREV ? -1 : 1))
		ui_status(ui, true, v->error[0] ? v->error : "not found");
}

/* Enter on a row: the whole of what the detail pane shows of it. */
static void ui_detail(struct ui *ui, struct view *v)
{
	char *buf;

	if (!v->ops->detail || v->list.count == 0 || !(buf = malloc(8192)))
		return;
	v->ops->detail(v, v->list.cursor, buf, 8192);
	if (buf[0])
		dialog_text(ui, keys_view_titles[ui->current], buf);
	free(buf);
}

/* Handles one request; false when the program should end. */
static bool ui_request(struct ui *ui, enum request req)
{
	struct view *v = ui->ctx.views[ui->current];
	struct action act = { ACT_NONE };

	if (req >= REQ_VIEW_FIRST && req <= REQ_VIEW_LAST) {
		ui_switch(ui, (enum view_id)(req - REQ_VIEW_FIRST));
		return true;
	}
	switch (req) {
	case REQ_QUIT: return false;
	case REQ_BACK:
		if (ui->nhistory == 0)
			return false;
		ui->current = ui->history[--ui->nhistory];
		return true;
	case REQ_HELP: ui_switch(ui, VIEW_HELP); return true;
	case REQ_VIEW_NEXT: ui_switch(ui, (ui->current + 1) % VIEW_COUNT); return true;
	case REQ_VIEW_PREV: ui_switch(ui, (ui->current + VIEW_COUNT - 1) % VIEW_COUNT); return true;
	case REQ_REFRESH:
		ui_reread(ui);
		ui_status(ui, false, "read the file again");
		return true;
	case REQ_SEARCH:
	case REQ_FIND_NEXT:
	case REQ_FIND_PREV:
		ui_search(ui, v, req);
		break;
	case REQ_EXPORT:
		view_export_start(v, &act);
		ui_act(ui, v, &act);
		return true;
	default:
		if (req == REQ_LAST)
			ui_busy("reading...");
		if (list_move(&v->list, req))
			break;
		if (v->ops->request)
			v->ops->request(v, req, &act);
		if (act.kind == ACT_NONE && req == REQ_ENTER)
			ui_detail(ui, v);
		ui_act(ui, v, &act);
		return true;
	}
	if (v->ops->cursor)
		v->ops->cursor(v);
	return true;
}

/* Tabs and rows are clickable; the wheel scrolls. */
static void ui_mouse(struct ui *ui)
{
	struct view *v = ui->ctx.views[ui->current];
	MEVENT ev;
	int i;

	if (getmouse(&ev) != OK || screen_too_small())
		return;
	if (ev.bstate & BUTTON4_PRESSED) {
		list_goto(&v->list, v->list.cursor - 3);
	} else if (ev.bstate & BUTTON5_PRESSED) {
		list_goto(&v->list, v->list.cursor + 3);
	} else if (ev.y == 0) {
		for (i = 0; i < VIEW_COUNT; i++)
			if (ev.x >= ui->tab_x[i] && ev.x < ui->tab_x[i + 1])
				ui_switch(ui, (enum view_id)i);
		return;
	} else if (ev.y >= screen_list_top() && ev.y < screen_list_top() + screen_list_height(v)) {
		list_goto(&v->list, v->list.top + ev.y - screen_list_top());
		if (ev.bstate & BUTTON1_DOUBLE_CLICKED)
			ui_request(ui, REQ_ENTER);
		return;
	}
	if (v->ops->cursor)
		v->ops->cursor(v);
}

/* Waits for a key, false after POLL_MS without one. The view reads ahead
 * first, unless a key comes within IDLE_MS. */
static bool ui_next_key(struct view *v, struct ui_key *k)
{
	if (v->ops->idle) {
		if (ui_read_key(k, IDLE_MS))
			return true;
		v->ops->idle(v);
	}
	return ui_read_key(k, POLL_MS);
}

static void ui_loop(struct ui *ui)
{
	struct lp_error err = { LP_OK, "" };
	struct ui_key k;

	for (;;) {
		struct view *v = ui->ctx.views[ui->current];

		if (view_stale(v))
			ui_busy("reading...");
		if (view_refresh(v, &err) != LP_OK)
			ui_status(ui, true, err.msg);
		screen_draw(ui);
		refresh();
		if (!ui_next_key(v, &k)) {
			if (ui_file_changed(ui))
				ui_reread(ui);
			continue;
		}
		if (k.fn && k.code == KEY_RESIZE)
			continue;
		ui->status[0] = '\0';
		v->error[0] = '\0';
		if (k.fn && k.code == KEY_MOUSE)
			ui_mouse(ui);
		else if (k.fn || k.code < KEY_MIN)
			if (!ui_request(ui, keys_lookup(ui->current, k.code)))
				return;
	}
}

/* The first topology view: the demo, or the hint on an empty file. */
static enum lp_status ui_open_store(struct ui *ui, struct lp_error *err)
{
	const struct tui_options *opt = ui->opt;
	enum lp_status s;
	char *path;

	if (opt->demo) {
		s = store_open(":memory:", STORE_WRITE, false, &ui->ctx.st, err);
		return s == LP_OK ? topology_load_demo(ui->ctx.st, err) : s;
	}
	if (opt->db_path)
		return store_open(opt->db_path, STORE_READ, false, &ui->ctx.st, err);
	if (!(path = store_default_path(err)))
		return err->status;
	s = store_open(path, STORE_READ, true, &ui->ctx.st, err);
	free(path);
	return s;
}

/* Checks that both ends are a terminal and that TERM names one that can
 * move the cursor, before curses starts (a failing newterm() leaks). */
static enum lp_status ui_check_terminal(struct lp_error *err)
{
	const char *term = getenv("TERM");
	const char *cup;
	int e = 0;
	bool ok;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return lp_fail(err, LP_EUSAGE,
			       "the interface needs a terminal on standard input and output; "
			       "use a command instead (e.g. 'lyncplan server list', see --help)");
	if (!term || !term[0] || strcmp(term, "dumb") == 0)
		return lp_fail(err, LP_EUSAGE,
			       "the interface needs a terminal that can move the cursor (TERM is '%s'); "
			       "set TERM (e.g. TERM=xterm) or use a command (see --help)",
			       term ? term : "");
	if (setupterm(NULL, STDOUT_FILENO, &e) != OK)
		return lp_fail(err, LP_EUSAGE,
			       "unknown terminal type '%s': set TERM to one this system knows "
			       "(e.g. TERM=xterm) or use a command (see --help)", term);
	cup = tigetstr("cup");
	ok = cup && (intptr_t)cup != -1; /* -1: not a string capability */
	del_curterm(cur_term);
	if (!ok)
		return lp_fail(err, LP_EUSAGE, "terminal '%s' cannot move the cursor; "
			       "use a command instead (see --help)", term);
	return LP_OK;
}

static enum lp_status ui_start_curses(struct ui *ui, struct lp_error *err)
{
	if (!(ui->screen = newterm(NULL, stdout, stdin)))
		return lp_fail(err, LP_EUSAGE, "the terminal could not be set up (TERM is '%s')",
			       getenv("TERM"));
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	screen_init_colors(ui);
	if (ui->opt->mouse)
		mousemask(BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED | BUTTON4_PRESSED | BUTTON5_PRESSED,
			  NULL);
	ui->ctx.glyphs = !ui->opt->ascii && strcmp(nl_langinfo(CODESET), "UTF-8") == 0
			 ? &tui_glyphs_utf8 : &tui_glyphs_ascii;
	return LP_OK;
}

enum lp_status tui_run(const struct tui_options *opt, struct lp_error *err)
{
	struct ui *ui;
	enum lp_status s;

	if ((s = ui_check_terminal(err)) != LP_OK)
		return s;
	if (!(ui = calloc(1, sizeof *ui)))
		return lp_fail(err, LP_EDB, "out of memory");
	ui->opt = opt;
	/* Exports name the topology as the command line does. */
	ui->ctx.export.topology_name = opt->demo ? "demo" : opt->db_path ? opt->db_path : "";
	s = ui_open_store(ui, err);
	if (s == LP_OK && !view_create_all(&ui->ctx))
		s = lp_fail(err, LP_EDB, "out of memory");
	if (s == LP_OK)
		s = ui_start_curses(ui, err);
	if (s == LP_OK) {
		ui_note_file(ui);
		ui_loop(ui);
		endwin();
	}
	if (ui->screen)
		delscreen(ui->screen);
	view_free_all(&ui->ctx);
	if (ui->ctx.st)
		store_close(ui->ctx.st);
	free(ui);
	return s;
}
