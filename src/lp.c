/* lp.c - the shared error record, UTF-8 decoding, display width and
 * wrapping, and text search. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "lp.h"

enum lp_status lp_fail(struct lp_error *err, enum lp_status status,
		       const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return status;
	err->status = status;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	va_end(ap);
	return status;
}

size_t lp_utf8_decode(const unsigned char *s, uint32_t *cp)
{
	size_t n, i;
	uint32_t c;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2, c = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3, c = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4, c = s[0] & 0x07;
	else
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3f);
	}
	if ((n == 3 && c < 0x800) || (n == 4 && (c < 0x10000 || c > 0x10ffff)) ||
	    (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return n;
}

const char *lp_char_unsafe(uint32_t cp)
{
	if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp == 0x2028 || cp == 0x2029)
		return "control character";
	if (cp == 0x061c || cp == 0x200e || cp == 0x200f || (cp >= 0x202a && cp <= 0x202e) ||
	    (cp >= 0x2066 && cp <= 0x2069))
		return "direction control";
	if ((cp >= 0x200b && cp <= 0x200d) || (cp >= 0x2060 && cp <= 0x2064) || cp == 0xfeff)
		return "invisible character";
	return NULL;
}

size_t lp_escape_char(const unsigned char *s, char out[LP_ESCAPED_MAX])
{
	uint32_t cp;
	size_t n = lp_utf8_decode(s, &cp);

	if (n == 0 || (cp < 0x80 && lp_char_unsafe(cp)))
		snprintf(out, LP_ESCAPED_MAX, "\\x%02X", s[0]);
	else if (lp_char_unsafe(cp))
		snprintf(out, LP_ESCAPED_MAX, "\\u%04X", (unsigned)cp);
	else {
		memcpy(out, s, n);
		out[n] = '\0';
	}
	return n ? n : 1;
}

/* Code point ranges, sorted: combining marks (no column of their own)
 * and wide characters (two columns), as terminals show them. */
static const uint32_t combining[][2] = {
	{ 0x0300, 0x036f }, { 0x0483, 0x0489 }, { 0x0591, 0x05bd }, { 0x0610, 0x061a },
	{ 0x064b, 0x065f }, { 0x0e31, 0x0e31 }, { 0x0e34, 0x0e3a }, { 0x0e47, 0x0e4e },
	{ 0x1ab0, 0x1aff }, { 0x1dc0, 0x1dff }, { 0x20d0, 0x20ff }, { 0xfe00, 0xfe0f },
	{ 0xfe20, 0xfe2f }
};
static const uint32_t wide[][2] = {
	{ 0x1100, 0x115f }, { 0x231a, 0x231b }, { 0x2e80, 0x303e }, { 0x3041, 0x33ff },
	{ 0x3400, 0x4dbf }, { 0x4e00, 0x9fff }, { 0xa000, 0xa4cf }, { 0xac00, 0xd7a3 },
	{ 0xf900, 0xfaff }, { 0xfe30, 0xfe4f }, { 0xff00, 0xff60 }, { 0xffe0, 0xffe6 },
	{ 0x1f300, 0x1f64f }, { 0x1f900, 0x1f9ff }, { 0x20000, 0x2fffd }, { 0x30000, 0x3fffd }
};

static int in_ranges(uint32_t cp, const uint32_t (*r)[2], size_t n)
{
	size_t i;

	for (i = 0; i < n && r[i][0] <= cp; i++)
		if (cp <= r[i][1])
			return 1;
	return 0;
}

int lp_char_width(uint32_t cp)
{
	if (cp < 0x300)
		return 1;
	if (in_ranges(cp, combining, sizeof combining / sizeof *combining))
		return 0;
	return in_ranges(cp, wide, sizeof wide / sizeof *wide) ? 2 : 1;
}

/* Width and length of the character at s (not its NUL). */
static size_t char_at(const unsigned char *s, int *width)
{
	uint32_t cp;
	size_t n = lp_utf8_decode(s, &cp);

	*width = n ? lp_char_width(cp) : 1;
	return n ? n : 1;
}

size_t lp_text_width(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, w = 0;
	int cw;

	while (i < len && p[i]) {
		i += char_at(p + i, &cw);
		w += (size_t)cw;
	}
	return w;
}

size_t lp_wrap_line(const char *s, size_t width, size_t *next)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, w = 0, space = 0, n;
	int cw;

	while (p[i]) {
		if (p[i] == ' ')
			space = i;
		n = char_at(p + i, &cw);
		if (w + (size_t)cw > width && i > 0)
			break;
		w += (size_t)cw;
		i += n;
	}
	if (p[i] && p[i] != ' ' && space > 0)
		i = space;
	n = i;
	while (n > 0 && p[n - 1] == ' ')
		n--;
	while (p[i] == ' ')
		i++;
	*next = i;
	return n;
}

const char *lp_find_nocase(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	if (n == 0)
		return hay;
	for (; *hay; hay++)
		if (strncasecmp(hay, needle, n) == 0)
			return hay;
	return NULL;
}
