/* lp.h - what every lyncplan module shares: status codes and the error
 * record that carries one user-facing line from the layer that knows what
 * went wrong to the face that prints it. */
#ifndef LP_H
#define LP_H

#include <stddef.h>
#include <stdint.h>

/* Status codes double as the program's exit codes (see lyncplan.1). */
enum lp_status {
	LP_OK = 0,       /* success */
	LP_FINDINGS = 1, /* check found an error-severity finding */
	LP_EUSAGE = 2,   /* bad command line */
	LP_EINPUT = 3,   /* input refused by validation; nothing written */
	LP_EDB = 4,      /* database could not be opened, read or written */
	LP_EIO = 5       /* an output file could not be written */
};

/* One error line, filled by the failing layer. */
struct lp_error {
	enum lp_status status;
	char msg[512];
};

/* Sets err (which may be NULL) to status and a printf-style message;
 * returns status so callers can write `return lp_fail(err, ...)`. */
enum lp_status lp_fail(struct lp_error *err, enum lp_status status,
		       const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Decodes the UTF-8 sequence at s into *cp; returns its length (1-4), or 0
 * when the byte at s does not start a valid sequence (overlong forms,
 * surrogates and code points above U+10FFFF included). s must not point
 * at the terminating NUL. */
size_t lp_utf8_decode(const unsigned char *s, uint32_t *cp);

/* Why code point cp must not reach a terminal as it is, or NULL when it
 * may: "control character" (C0, DEL, C1, the line and paragraph
 * separators: they move the cursor or end a line), "direction control"
 * (the bidirectional embeddings, overrides, isolates and marks: they
 * reorder what is shown) or "invisible character" (zero-width spaces and
 * joiners, the word joiner and invisible operators, the byte order mark:
 * they hide a difference between two texts). The one rule both escaping
 * for the terminal and input validation follow. */
const char *lp_char_unsafe(uint32_t cp);

/* Room for what lp_escape_char writes, NUL included. */
#define LP_ESCAPED_MAX 12

/* Writes the character at s (not its NUL) into out as a terminal is to
 * show it: itself, or \xHH for an ASCII control character or a byte that
 * does not start valid UTF-8, or \uHHHH for another character that
 * lp_char_unsafe names. Returns how many bytes of s it stands for. */
size_t lp_escape_char(const unsigned char *s, char out[LP_ESCAPED_MAX]);

/* Columns code point cp takes on a terminal: 0 for a combining mark, 2
 * for a wide or fullwidth (East Asian) character or an emoji, else 1. */
int lp_char_width(uint32_t cp);

/* Display width of the first len bytes of s: lp_char_width of each
 * character, 1 for a byte that does not start valid UTF-8. */
size_t lp_text_width(const char *s, size_t len);

/* The first line of s wrapped to width columns: its length in bytes, up
 * to the last space that lets it fit, else (a word wider than width) as
 * many characters as fit, at least one; spaces at its end are left out.
 * *next receives where the next line starts (the spaces at the break
 * skipped); *next == strlen(s) when s is done. */
size_t lp_wrap_line(const char *s, size_t width, size_t *next);

/* First occurrence of needle in hay, ASCII case ignored, or NULL; an
 * empty needle is found at the start of hay. */
const char *lp_find_nocase(const char *hay, const char *needle);

#endif
