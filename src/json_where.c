/* json_where.c - positions of values in JSON text, by path. The text has
 * been accepted by a parser already, so this only skips: strings (with
 * their escapes), containers (by counting brackets outside strings) and
 * scalars. Every read is bounds-checked all the same. */
#include "config.h"

#include "json_where.h"

void json_where_push(struct json_where *w, int ordinal)
{
	if (w->depth < JSON_WHERE_DEPTH)
		w->step[w->depth] = ordinal;
	w->depth++;
	w->key = false;
}

void json_where_pop(struct json_where *w)
{
	if (w->depth > 0)
		w->depth--;
	w->key = false;
}

static size_t skip_ws(const char *t, size_t n, size_t i)
{
	while (i < n && (t[i] == ' ' || t[i] == '\t' || t[i] == '\n' || t[i] == '\r'))
		i++;
	return i;
}

/* i at the opening quote; returns the index after the closing one. */
static size_t skip_string(const char *t, size_t n, size_t i)
{
	for (i++; i < n && t[i] != '"'; i++)
		if (t[i] == '\\')
			i++;
	return i < n ? i + 1 : n;
}

static size_t skip_value(const char *t, size_t n, size_t i)
{
	long depth = 0;

	if (i < n && t[i] == '"')
		return skip_string(t, n, i);
	if (i < n && t[i] != '{' && t[i] != '[') {
		while (i < n && t[i] != ',' && t[i] != '}' && t[i] != ']' &&
		       t[i] != ' ' && t[i] != '\t' && t[i] != '\n' && t[i] != '\r')
			i++;
		return i;
	}
	while (i < n) {
		if (t[i] == '"') {
			i = skip_string(t, n, i);
			continue;
		}
		if (t[i] == '{' || t[i] == '[')
			depth++;
		else if ((t[i] == '}' || t[i] == ']') && --depth == 0)
			return i + 1;
		i++;
	}
	return n;
}

/* From the container at i, the index of member or element `ordinal`
 * (its key for an object when want_key), or n when there is none. */
static size_t enter(const char *t, size_t n, size_t i, int ordinal, bool want_key)
{
	bool object = i < n && t[i] == '{';
	int k;

	if (i >= n || (t[i] != '{' && t[i] != '['))
		return n;
	i++;
	for (k = 0;; k++) {
		size_t key_at;

		i = skip_ws(t, n, i);
		if (i >= n || t[i] == '}' || t[i] == ']')
			return n;
		key_at = i;
		if (object) {
			i = skip_ws(t, n, skip_string(t, n, i));
			i = skip_ws(t, n, i + 1); /* past ':' */
		}
		if (k == ordinal)
			return object && want_key ? key_at : i;
		i = skip_ws(t, n, skip_value(t, n, i));
		if (i < n && t[i] == ',')
			i++;
	}
}

bool json_where_locate(const struct json_where *w, const char *text, size_t len,
		       int *line, int *column)
{
	size_t i = skip_ws(text, len, 0), at = i, p;
	int d, depth = w->depth < JSON_WHERE_DEPTH ? w->depth : JSON_WHERE_DEPTH;
	bool found = true;

	for (d = 0; d < depth; d++) {
		i = enter(text, len, i, w->step[d], w->key && d == depth - 1);
		if (i >= len) {
			found = false;
			break;
		}
		at = i;
	}
	*line = 1;
	*column = 1;
	for (p = 0; p < at && p < len; p++) {
		if (text[p] == '\n') {
			(*line)++;
			*column = 1;
		} else if (((unsigned char)text[p] & 0xc0) != 0x80) {
			(*column)++;
		}
	}
	return found;
}
