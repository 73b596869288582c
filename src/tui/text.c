/* text.c - string helpers for the screens: a pool of terminal-safe copies,
 * cropping to columns, wrapping and matching. Widths count code points,
 * as export_display_width does. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export/export.h"
#include "tui/text.h"

#define CHUNK_SIZE 65536

struct strpool_chunk {
	struct strpool_chunk *next;
	size_t used, size;
	char data[];
};

/* Room for n bytes in the pool, or NULL (and p->failed) without memory. */
static char *strpool_alloc(struct strpool *p, size_t n)
{
	struct strpool_chunk *c = p->chunks;

	if (!c || c->size - c->used < n) {
		size_t size = n > CHUNK_SIZE ? n : CHUNK_SIZE;

		if (!(c = malloc(sizeof *c + size))) {
			p->failed = true;
			return NULL;
		}
		c->used = 0;
		c->size = size;
		c->next = p->chunks;
		p->chunks = c;
	}
	c->used += n;
	return c->data + c->used - n;
}

const char *strpool_dup(struct strpool *p, const char *s)
{
	size_t n;
	char *d;

	if (!s)
		return "";
	n = strlen(s) + 1;
	if (!(d = strpool_alloc(p, n)))
		return "";
	return memcpy(d, s, n);
}

/* s as the terminal is to show it: s itself when it is plain printable
 * ASCII (no escaping copy needed), else an escaped copy, also put in *esc
 * for the caller to free; NULL without memory. */
static const char *text_safe(const char *s, char **esc)
{
	const unsigned char *u = (const unsigned char *)s;

	*esc = NULL;
	while (*u >= 0x20 && *u < 0x7f)
		u++;
	if (!*u)
		return s;
	return *esc = export_escape_terminal(s);
}

const char *strpool_safe(struct strpool *p, const char *s)
{
	const char *safe, *out;
	char *esc;

	if (!s)
		return "";
	if (!(safe = text_safe(s, &esc))) {
		p->failed = true;
		return "";
	}
	out = strpool_dup(p, safe);
	free(esc);
	return out;
}

void strpool_clear(struct strpool *p)
{
	while (p->chunks) {
		struct strpool_chunk *next = p->chunks->next;

		free(p->chunks);
		p->chunks = next;
	}
	p->failed = false;
}

/* FNV-1a. */
static size_t strset_hash(const char *s)
{
	size_t h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/* The slot of text s: where it is, or the empty slot where it goes. */
static size_t strset_slot(const struct strset *set, const char *s)
{
	size_t i = strset_hash(s) & (set->cap - 1);

	while (set->slots[i] && strcmp(set->slots[i], s) != 0)
		i = (i + 1) & (set->cap - 1);
	return i;
}

/* Doubles the table (at least 256 slots); false without memory. */
static bool strset_grow(struct strset *set)
{
	struct strset bigger = { NULL, set->cap ? 2 * set->cap : 256, set->n };
	size_t i;

	if (!(bigger.slots = calloc(bigger.cap, sizeof *bigger.slots)))
		return false;
	for (i = 0; i < set->cap; i++)
		if (set->slots[i])
			bigger.slots[strset_slot(&bigger, set->slots[i])] = set->slots[i];
	free(set->slots);
	*set = bigger;
	return true;
}

const char *strset_safe(struct strset *set, struct strpool *p, const char *s)
{
	const char *safe;
	char *esc;
	size_t i;

	if (!s)
		return "";
	if (!(safe = text_safe(s, &esc))) {
		p->failed = true;
		return "";
	}
	if (2 * (set->n + 1) > set->cap && !strset_grow(set)) {
		free(esc);
		return strpool_safe(p, s); /* unshared, still right */
	}
	i = strset_slot(set, safe);
	if (!set->slots[i]) {
		const char *copy = strpool_dup(p, safe);

		if (p->failed) {
			free(esc);
			return "";
		}
		set->slots[i] = copy;
		set->n++;
	}
	free(esc);
	return set->slots[i];
}

void strset_clear(struct strset *set)
{
	free(set->slots);
	*set = (struct strset){ NULL, 0, 0 };
}

static bool text_continuation(unsigned char c)
{
	return (c & 0xc0) == 0x80;
}

int text_width(const char *s)
{
	int w = 0;

	for (; *s; s++)
		if (!text_continuation((unsigned char)*s))
			w++;
	return w;
}

size_t text_fit(char *dst, size_t size, const char *s, int width)
{
	size_t o = 0;
	int w = 0;

	if (size == 0)
		return 0;
	while (*s && w < width) {
		size_t n = 1;

		while (text_continuation((unsigned char)s[n]))
			n++;
		if (o + n >= size)
			break;
		memcpy(dst + o, s, n);
		o += n;
		s += n;
		w++;
	}
	while (w < width && o + 1 < size) {
		dst[o++] = ' ';
		w++;
	}
	dst[o] = '\0';
	return o;
}

void text_columns(char *dst, size_t size, const char *const *cells,
		  const int *widths, int n, int total)
{
	size_t o = 0;
	int used = 0, i;

	if (size)
		dst[0] = '\0';
	for (i = 0; i < n && o + 1 < size; i++) {
		int w = widths[i] ? widths[i] : total - used;

		if (i > 0 && o + 2 < size) {
			dst[o++] = ' ';
			dst[o] = '\0';
			used++;
		}
		if (w > total - used)
			w = total - used;
		if (w <= 0)
			break;
		o += text_fit(dst + o, size - o, cells[i], w);
		used += w;
	}
}

void text_append(char *dst, size_t size, const char *fmt, ...)
{
	size_t len = strlen(dst);
	va_list ap;

	va_start(ap, fmt);
	/* The analyzer loses va_start when it follows a caller in this file. */
	if (len + 1 < size)
		vsnprintf(dst + len, size - len, fmt, ap);
	va_end(ap);
}

/* Bytes of the first `width` columns of s (up to a newline). */
static size_t text_span(const char *s, int width, size_t *lastspace)
{
	size_t i = 0;
	int w = 0;

	*lastspace = 0;
	while (s[i] && s[i] != '\n' && w < width) {
		if (s[i] == ' ')
			*lastspace = i;
		i++;
		while (text_continuation((unsigned char)s[i]))
			i++;
		w++;
	}
	if (s[i] == ' ')
		*lastspace = i;
	return i;
}

int text_wrap(const char *text, int width, int max,
	      void (*line)(void *ud, const char *start, size_t len), void *ud)
{
	int lines = 0;

	if (width < 1)
		return 0;
	while (*text && (max <= 0 || lines < max)) {
		size_t sp, n = text_span(text, width, &sp);

		if (text[n] && text[n] != '\n' && sp > 0)
			n = sp; /* break at the last space that fits */
		line(ud, text, n);
		lines++;
		text += n;
		if (*text == '\n')
			text++;
		else
			while (*text == ' ')
				text++;
	}
	return lines;
}
