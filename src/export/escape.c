/* escape.c - making topology text safe for a terminal. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "export.h"

char *export_escape_terminal(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	char *out = malloc(strlen(s) * 4 + 1), *o = out, one[LP_ESCAPED_MAX];
	size_t n;

	if (!out)
		return NULL;
	while (*p) {
		p += lp_escape_char(p, one);
		n = strlen(one);
		memcpy(o, one, n);
		o += n;
	}
	*o = '\0';
	return out;
}
