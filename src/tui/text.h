/* text.h - string helpers every screen shares: terminal-safe copies of
 * text from the file kept in a pool, cropping and padding to a number of
 * columns and word wrapping. No curses here. */
#ifndef LP_TUI_TEXT_H
#define LP_TUI_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/* A pool of strings freed all at once (one per loaded view or page). */
struct strpool {
	struct strpool_chunk *chunks;
	bool failed; /* an allocation failed: strings read "" */
};

/* Terminal-safe copy of s (control characters shown as \xHH), owned by
 * the pool; "" for NULL, or when memory ran out (then p->failed is set). */
const char *strpool_safe(struct strpool *p, const char *s);
/* Plain copy of s owned by the pool, for names handed back to the core. */
const char *strpool_dup(struct strpool *p, const char *s);
/* Frees every string of the pool; the pool can be used again. */
void strpool_clear(struct strpool *p);

/* Texts kept once, for views whose rows repeat long texts: each distinct
 * terminal-safe text is copied into a pool once, and an equal text later
 * gets the same copy. */
struct strset {
	const char **slots; /* open addressing; cap is a power of two */
	size_t cap, n;
};

/* strpool_safe(p, s), shared with every equal text set has seen. */
const char *strset_safe(struct strset *set, struct strpool *p, const char *s);
/* Forgets every text (the pool owns them); the set can be used again. */
void strset_clear(struct strset *set);

/* Number of terminal columns of a terminal-safe UTF-8 string. */
int text_width(const char *s);

/* Writes s into dst (size bytes) cropped or padded with spaces to exactly
 * width columns; returns the number of bytes written (dst is terminated). */
size_t text_fit(char *dst, size_t size, const char *s, int width);

/* Lays out n cells into dst, one space between them, cell i taking
 * widths[i] columns; a width of 0 takes what is left of total. */
void text_columns(char *dst, size_t size, const char *const *cells,
		  const int *widths, int n, int total);

/* Appends printf-style text to dst (size bytes), cropping at the end. */
void text_append(char *dst, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Word-wraps text to width columns, calling line(ud, start, len) for each
 * line (newlines in text start new lines); returns the number of lines.
 * Stops after max lines when max > 0. */
int text_wrap(const char *text, int width, int max,
	      void (*line)(void *ud, const char *start, size_t len), void *ud);

#endif
