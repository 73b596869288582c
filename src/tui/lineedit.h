/* lineedit.h - editing one line of UTF-8 text in a fixed buffer: the
 * model behind form fields and prompts (the drawing is dialog.c's). */
#ifndef LP_TUI_LINEEDIT_H
#define LP_TUI_LINEEDIT_H

#include <stdbool.h>
#include <stddef.h>

enum lineedit_op { EDIT_LEFT, EDIT_RIGHT, EDIT_HOME, EDIT_END, EDIT_BACKSPACE,
		   EDIT_DELETE, EDIT_KILL };

struct lineedit {
	char *buf;   /* the text, NUL-terminated; not owned */
	size_t size; /* bytes available in buf */
	size_t cur;  /* cursor, a byte offset at a character start */
};

/* Starts editing buf (size bytes) with the cursor at the end. */
void lineedit_start(struct lineedit *e, char *buf, size_t size);
/* Inserts the UTF-8 character c (len bytes) at the cursor; false if full. */
bool lineedit_insert(struct lineedit *e, const char *c, size_t len);
/* Applies a cursor movement or deletion; false when nothing changed. */
bool lineedit_apply(struct lineedit *e, enum lineedit_op op);

#endif
