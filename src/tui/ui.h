/* ui.h - the curses side of the interface, shared by tui.c (start-up and
 * the main loop), screen.c (drawing the frame and the views) and dialog.c
 * (forms, questions, menus, prompts). The views themselves know no curses. */
#ifndef LP_TUI_UI_H
#define LP_TUI_UI_H

#include <curses.h>
#include <stdbool.h>
#include <sys/stat.h>

#include "tui/form.h"
#include "tui/tui.h"
#include "tui/view.h"

#define UI_MIN_COLS 80
#define UI_MIN_ROWS 24
#define UI_HISTORY 32

/* A key read from the terminal: a character or a curses key code. */
struct ui_key {
	int code;     /* the character (fn false) or KEY_* (fn true) */
	bool fn;
	char utf8[8]; /* the character as UTF-8 when !fn */
};

struct ui {
	struct tui_ctx ctx;
	const struct tui_options *opt;
	SCREEN *screen;
	bool color;
	enum view_id current;
	enum view_id history[UI_HISTORY];
	int nhistory;
	char status[512];
	bool status_error;
	int tab_x[VIEW_COUNT + 1]; /* where each tab starts on the tab bar */
	struct stat file;          /* the file as last read */
	bool file_known;
	long data_version;         /* store_data_version as last read */
};

/* The style of a row as curses attributes (colour or monochrome). */
void screen_init_colors(struct ui *ui);
attr_t screen_attr(const struct ui *ui, enum row_style style);

/* True when the terminal is below 80x24. */
bool screen_too_small(void);
/* Rows the list of view v gets on this screen. */
int screen_list_height(const struct view *v);
/* First screen line of the list. */
int screen_list_top(void);
/* Draws everything: tabs, caption, header, rows, detail pane, status
 * and key bar (or the "terminal too small" screen). Does not refresh. */
void screen_draw(struct ui *ui);
/* Writes text (terminal-safe) at y, x cropped to width columns. */
void screen_put(int y, int x, const char *text, int width, attr_t attr);
/* Draws a box with a title, clearing inside it. */
void screen_box(const struct ui *ui, int y, int x, int h, int w, const char *title);

/* Reads a key (waits at most timeout_ms, -1: forever); false on timeout. */
bool ui_read_key(struct ui_key *k, int timeout_ms);

/* Dialogs over the current screen; each redraws it on resize. */
bool dialog_confirm(struct ui *ui, const char *question);
/* Shows text (terminal-safe) in a box until a key is pressed. */
void dialog_text(struct ui *ui, const char *title, const char *text);
int dialog_menu(struct ui *ui, const char *title, const char *const *items, int n, int def);
bool dialog_prompt(struct ui *ui, const char *label, char *buf, size_t size);
/* Runs form f until it is submitted (true) or cancelled (false). */
bool dialog_form(struct ui *ui, struct form *f);

#endif
