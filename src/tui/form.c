/* form.c - forms as data: fields, validation as the user types through
 * the model's validators, and submission to the model. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/form.h"

const char *const form_yes_no[] = { "no", "yes", NULL };

struct form *form_new(const char *title, const char *done,
		      enum lp_status (*submit)(struct form *, struct store *, struct lp_error *))
{
	struct form *f = calloc(1, sizeof *f);

	if (!f)
		return NULL;
	snprintf(f->title, sizeof f->title, "%s", title);
	f->done = done;
	f->submit = submit;
	return f;
}

int form_text(struct form *f, const char *label, const char *value, form_check_fn check)
{
	struct form_field *fl = &f->fields[f->nfields];

	fl->label = label;
	fl->kind = FIELD_TEXT;
	fl->check = check;
	snprintf(fl->value, sizeof fl->value, "%s", value ? value : "");
	return f->nfields++;
}

int form_choice(struct form *f, const char *label, const char *const *choices,
		const char *value)
{
	struct form_field *fl = &f->fields[f->nfields];
	int i;

	fl->label = label;
	fl->kind = FIELD_CHOICE;
	fl->choices = choices;
	for (i = 0; choices[i]; i++)
		if (value && strcmp(choices[i], value) == 0)
			fl->choice = i;
	snprintf(fl->value, sizeof fl->value, "%s", choices[fl->choice]);
	return f->nfields++;
}

const char *form_value(const struct form *f, int i)
{
	return f->fields[i].value;
}

bool form_yes(const struct form *f, int i)
{
	return strcmp(f->fields[i].value, "yes") == 0;
}

bool form_check(struct form *f, int i)
{
	struct form_field *fl = &f->fields[i];
	struct lp_error err = { LP_OK, "" };

	fl->msg[0] = '\0';
	if (fl->kind != FIELD_TEXT || !fl->check)
		return true;
	if (fl->check(fl->label, fl->value, &err) == LP_OK)
		return true;
	snprintf(fl->msg, sizeof fl->msg, "%s", err.msg);
	return false;
}

bool form_set(struct form *f, int i, const char *value)
{
	snprintf(f->fields[i].value, sizeof f->fields[i].value, "%s", value);
	return form_check(f, i);
}

void form_cycle(struct form *f, int i, int dir)
{
	struct form_field *fl = &f->fields[i];
	int n = 0;

	if (fl->kind != FIELD_CHOICE)
		return;
	while (fl->choices[n])
		n++;
	if (n == 0)
		return;
	fl->choice = (fl->choice + dir + n) % n;
	snprintf(fl->value, sizeof fl->value, "%s", fl->choices[fl->choice]);
	if (f->update)
		f->update(f);
}

int form_next_shown(const struct form *f, int i, int dir)
{
	int k;

	for (k = 0; k < f->nfields; k++) {
		i = (i + f->nfields) % f->nfields;
		if (!f->fields[i].hidden)
			return i;
		i += dir;
	}
	return 0;
}

enum lp_status form_submit(struct form *f, struct store *st, struct lp_error *err)
{
	enum lp_status s;
	int i;

	f->msg[0] = '\0';
	for (i = 0; i < f->nfields; i++) {
		if (!f->fields[i].hidden && !form_check(f, i)) {
			f->focus = i;
			snprintf(f->msg, sizeof f->msg, "%s", f->fields[i].msg);
			return lp_fail(err, LP_EINPUT, "%s", f->fields[i].msg);
		}
	}
	s = f->submit(f, st, err);
	if (s != LP_OK)
		snprintf(f->msg, sizeof f->msg, "%s", err->msg);
	return s;
}

enum lp_status form_check_fqdn(const char *field, const char *s, struct lp_error *err)
{
	return topology_check_fqdn(field, s, err);
}

enum lp_status form_check_name(const char *field, const char *s, struct lp_error *err)
{
	return topology_check_name(field, s, err);
}

enum lp_status form_check_text(const char *field, const char *s, struct lp_error *err)
{
	return topology_check_text(field, s, TOPO_TEXT_MAX, err);
}

enum lp_status form_check_address(const char *field, const char *s, struct lp_error *err)
{
	return s[0] ? topology_check_address(field, s, err) : LP_OK;
}

size_t form_split_list(char *s, const char **items, size_t max)
{
	size_t n = 0;
	char *save = NULL, *tok;

	for (tok = strtok_r(s, ",", &save); tok && n < max; tok = strtok_r(NULL, ",", &save)) {
		char *end;

		while (*tok == ' ')
			tok++;
		end = tok + strlen(tok);
		while (end > tok && end[-1] == ' ')
			*--end = '\0';
		if (*tok)
			items[n++] = tok;
	}
	return n;
}

enum lp_status form_check_fqdn_list(const char *field, const char *s, struct lp_error *err)
{
	char copy[FORM_VALUE_MAX + 1];
	const char *items[64];
	size_t n, i;

	snprintf(copy, sizeof copy, "%s", s);
	n = form_split_list(copy, items, sizeof items / sizeof items[0]);
	if (n == 0)
		return lp_fail(err, LP_EINPUT, "%s: name at least one pool", field);
	for (i = 0; i < n; i++)
		if (topology_check_fqdn(field, items[i], err) != LP_OK)
			return LP_EINPUT;
	return LP_OK;
}
