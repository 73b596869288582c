/* lineedit.c - one line of UTF-8 text under edit: insertion and deletion
 * at a cursor that always sits on a character boundary. */
#include "config.h"

#include <string.h>

#include "tui/lineedit.h"

static bool lineedit_cont(char c)
{
	return ((unsigned char)c & 0xc0) == 0x80;
}

void lineedit_start(struct lineedit *e, char *buf, size_t size)
{
	e->buf = buf;
	e->size = size;
	e->cur = strlen(buf);
}

bool lineedit_insert(struct lineedit *e, const char *c, size_t len)
{
	size_t n = strlen(e->buf);

	if (len == 0 || n + len + 1 > e->size)
		return false;
	memmove(e->buf + e->cur + len, e->buf + e->cur, n - e->cur + 1);
	memcpy(e->buf + e->cur, c, len);
	e->cur += len;
	return true;
}

/* Offset of the character before / after the cursor. */
static size_t lineedit_prev(const struct lineedit *e)
{
	size_t i = e->cur;

	while (i > 0 && lineedit_cont(e->buf[--i]))
		;
	return i;
}

static size_t lineedit_next(const struct lineedit *e)
{
	size_t i = e->cur;

	if (e->buf[i])
		i++;
	while (e->buf[i] && lineedit_cont(e->buf[i]))
		i++;
	return i;
}

/* Removes the bytes [from, to). */
static bool lineedit_cut(struct lineedit *e, size_t from, size_t to)
{
	if (from == to)
		return false;
	memmove(e->buf + from, e->buf + to, strlen(e->buf + to) + 1);
	e->cur = from;
	return true;
}

bool lineedit_apply(struct lineedit *e, enum lineedit_op op)
{
	size_t old = e->cur;

	switch (op) {
	case EDIT_LEFT: e->cur = lineedit_prev(e); break;
	case EDIT_RIGHT: e->cur = lineedit_next(e); break;
	case EDIT_HOME: e->cur = 0; break;
	case EDIT_END: e->cur = strlen(e->buf); break;
	case EDIT_BACKSPACE: return lineedit_cut(e, lineedit_prev(e), e->cur);
	case EDIT_DELETE: return lineedit_cut(e, e->cur, lineedit_next(e));
	case EDIT_KILL: return lineedit_cut(e, 0, strlen(e->buf));
	}
	return e->cur != old;
}
