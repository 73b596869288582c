/* escape.c - making topology text safe for a terminal. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export.h"
#include "fmtutil.h"

/* Whether the code point of a 2-byte sequence is a C1 control. */
static int c1_control(const unsigned char *s, size_t n)
{
	return n == 2 && s[0] == 0xc2 && s[1] < 0xa0;
}

char *export_escape_terminal(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len = strlen(s);
	char *out = malloc(len * 4 + 1), *o = out;

	if (!out)
		return NULL;
	while (*p) {
		size_t n = fmt_utf8_len(p);

		if (n == 1 && *p >= 0x20 && *p != 0x7f) {
			*o++ = (char)*p++;
		} else if (n > 1 && !c1_control(p, n)) {
			memcpy(o, p, n);
			o += n;
			p += n;
		} else {
			o += sprintf(o, "\\x%02X", *p);
			p++;
		}
	}
	*o = '\0';
	return out;
}

size_t export_display_width(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t w = 0;

	while (*p) {
		size_t n = fmt_utf8_len(p);

		if (n == 0)
			n = 1;
		w++;
		p += n;
	}
	return w;
}
