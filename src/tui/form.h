/* form.h - a form as data: labelled text and choice fields, each text
 * field checked by the model's validator as the user types, and a submit
 * function that calls the model. src/tui/dialog.c puts it on the screen;
 * tests fill and submit it directly. */
#ifndef LP_TUI_FORM_H
#define LP_TUI_FORM_H

#include <stdbool.h>

#include "lp.h"
#include "store.h"
#include "topology.h"

#define FORM_FIELDS 12
#define FORM_VALUE_MAX TOPO_TEXT_MAX

/* A validator: LP_OK, or LP_EINPUT with err naming the field and rule. */
typedef enum lp_status (*form_check_fn)(const char *field, const char *s,
					struct lp_error *err);

enum field_kind { FIELD_TEXT, FIELD_CHOICE };

struct form_field {
	const char *label;           /* shown before the value and in messages */
	enum field_kind kind;
	char value[FORM_VALUE_MAX + 1];
	const char *const *choices;  /* FIELD_CHOICE: NULL-terminated */
	int choice;
	form_check_fn check;         /* FIELD_TEXT: NULL accepts anything */
	char msg[512];               /* the validator's refusal, "" when valid */
	bool hidden;                 /* not shown, not checked, not submitted */
};

struct form {
	char title[96];
	struct form_field fields[FORM_FIELDS];
	int nfields;
	int focus;
	char key[256];   /* the item being edited, as stored */
	char msg[512];   /* the model's refusal of the last submit */
	const char *done; /* status text once submitted */
	void *ud;         /* the view that made the form */
	/* Shows and hides fields after a choice changed (NULL: none do). */
	void (*update)(struct form *f);
	enum lp_status (*submit)(struct form *f, struct store *st, struct lp_error *err);
};

/* A new empty form; the caller frees it with free(). NULL without memory. */
struct form *form_new(const char *title, const char *done,
		      enum lp_status (*submit)(struct form *, struct store *, struct lp_error *));
/* Adds a text field holding value (may be NULL); returns its index. */
int form_text(struct form *f, const char *label, const char *value, form_check_fn check);
/* Adds a choice field set to value (the first choice when not found). */
int form_choice(struct form *f, const char *label, const char *const *choices,
		const char *value);

/* The value of field i (the chosen string for a choice). */
const char *form_value(const struct form *f, int i);
/* True when choice field i is set to "yes". */
bool form_yes(const struct form *f, int i);
/* Replaces the text of field i and checks it; false when refused. */
bool form_set(struct form *f, int i, const char *value);
/* Steps choice field i by dir (wrapping), then calls f->update. */
void form_cycle(struct form *f, int i, int dir);
/* The next shown field from i on, stepping by dir (+1 or -1, wrapping). */
int form_next_shown(const struct form *f, int i, int dir);
/* Checks field i with its validator; false (and field msg set) if refused. */
bool form_check(struct form *f, int i);
/* Checks every shown field, then calls submit. On refusal f->msg holds the
 * message, focus moves to the refused field, and nothing was written. */
enum lp_status form_submit(struct form *f, struct store *st, struct lp_error *err);

/* Validators for fields, over topology_check_*. */
enum lp_status form_check_fqdn(const char *field, const char *s, struct lp_error *err);
enum lp_status form_check_name(const char *field, const char *s, struct lp_error *err);
enum lp_status form_check_text(const char *field, const char *s, struct lp_error *err);
/* An address, or nothing. */
enum lp_status form_check_address(const char *field, const char *s, struct lp_error *err);
/* FQDNs separated by commas (spaces allowed). */
enum lp_status form_check_fqdn_list(const char *field, const char *s, struct lp_error *err);

/* Splits a comma-separated list in place into at most max trimmed,
 * non-empty items; returns how many. */
size_t form_split_list(char *s, const char **items, size_t max);

extern const char *const form_yes_no[];

#endif
