/* json_where.h - finding a value again in JSON text by its path, for
 * messages that give a line and column: jansson reports positions for
 * syntax errors only. A path is the ordinal of each member (in the order
 * of the text: jansson keeps it) or element from the root down. */
#ifndef LP_JSON_WHERE_H
#define LP_JSON_WHERE_H

#include <stdbool.h>
#include <stddef.h>

#define JSON_WHERE_DEPTH 8

struct json_where {
	int step[JSON_WHERE_DEPTH];
	int depth;   /* steps pushed, may exceed JSON_WHERE_DEPTH */
	bool key;    /* point at the last member's key rather than its value */
};

void json_where_push(struct json_where *w, int ordinal);
void json_where_pop(struct json_where *w);

/* The 1-based line and column (in characters) of w in text, which must be
 * JSON that a parser accepted. False when w leads nowhere (the position
 * of the root is given then). */
bool json_where_locate(const struct json_where *w, const char *text, size_t len,
		       int *line, int *column);

#endif
