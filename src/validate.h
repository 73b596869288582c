/* validate.h - helpers the topology model shares between its validators
 * (src/validate.c) and its writes (src/topology.c): quoting user text
 * safely into one-line messages. Not for the faces: they use topology.h. */
#ifndef LP_VALIDATE_H
#define LP_VALIDATE_H

#include <stddef.h>

/* Longest part of a value quoted into a message, in bytes. */
#define VALIDATE_QUOTE_MAX 80

/* Writes s into buf (size bytes, NUL-terminated) for a one-line message:
 * control characters and invalid UTF-8 become \xHH or \uHHHH escapes and a
 * value longer than VALIDATE_QUOTE_MAX bytes is cut with "...". Returns buf. */
char *validate_quote(char *buf, size_t size, const char *s);

/* Size of a buffer that always holds validate_quote's result. */
#define VALIDATE_QUOTE_SIZE (VALIDATE_QUOTE_MAX * 6 + 4)

#endif
