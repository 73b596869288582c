/* fmtutil.h - text helpers the export formats share: walking UTF-8,
 * reducing text to a safe ASCII charset for formats that cannot escape
 * (cmd.exe, nftables identifiers), and the time an export is dated. */
#ifndef LP_FMTUTIL_H
#define LP_FMTUTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "lp.h"

/* UTF-8 of U+FFFD, written in place of bytes that are not valid UTF-8. */
#define FMT_REPLACEMENT "\xEF\xBF\xBD"

/* Cell i of a row; a NULL cell reads as "". */
static inline const char *fmt_cell(const char *const *cells, int i)
{
	return cells[i] ? cells[i] : "";
}

/* Length of the valid UTF-8 sequence at s (1-4), or 0 when the byte at s
 * does not start one (s must not point at the terminating NUL). */
size_t fmt_utf8_len(const unsigned char *s);

/* When the character at s is a direction control, an invisible character
 * or another character above U+009F that lp_char_unsafe names, writes it
 * as the visible text \uHHHH (as the text format shows it), which reorders
 * and hides nothing, and returns true; else writes nothing and returns
 * false. For formats that would pass such a character on as it is. */
bool fmt_put_unsafe(FILE *out, const unsigned char *s);

/* A copy of s keeping ASCII letters, digits and the characters of keep;
 * every other byte becomes repl (a multi-byte character becomes one repl).
 * Returns a new string the caller frees, or NULL when out of memory. */
char *fmt_ascii_only(const char *s, const char *keep, char repl);

/* The export's date as "YYYY-MM-DDTHH:MM:SSZ" in buf: SOURCE_DATE_EPOCH
 * when set (so that outputs can be reproduced), else now. A malformed
 * SOURCE_DATE_EPOCH is refused (LP_EUSAGE). */
enum lp_status fmt_generated(char buf[32], struct lp_error *err);

/* Refuses row `row` of a table for its cell: "row N: 'CELL' RULE", the
 * cell made safe for a terminal and cut short. Returns LP_EINPUT. */
enum lp_status fmt_bad_cell(struct lp_error *err, long row, const char *cell, const char *rule);

/* What topology text keeps in a comment (through fmt_ascii_only): none of
 * these means anything in a comment of PowerShell, cmd.exe, sh or nft. */
#define FMT_COMMENT_KEEP " .,:;/_+@()-"

/* Comment lines (prefix + line + eol) for each of the NULL-terminated lines. */
void fmt_comment_lines(FILE *out, const char *prefix, const char *eol,
		       const char *const *lines);

/* The first lines of every script: what it is, the topology's name (made
 * safe for a comment), the date and the tool. Fails only on a malformed
 * SOURCE_DATE_EPOCH or out of memory. */
enum lp_status fmt_script_header(FILE *out, const char *prefix, const char *eol,
				 const char *about, const char *topology,
				 struct lp_error *err);

/* What Windows scripts say about Lync Server opening its own ports. */
extern const char *const fmt_windows_note[];

#endif
