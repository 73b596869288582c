/* csv.c - RFC 4180: CRLF line ends, fields quoted when they hold a comma,
 * quote or line break, quotes doubled. A cell that a spreadsheet would
 * run as a formula (starting with a tab or CR, or with = + - @ or their
 * full-width forms after any spaces and tabs) is prefixed with a single
 * quote. Streams: nothing is held. */
#include "config.h"

#include <string.h>

#include "export.h"

/* Whether a spreadsheet could run cell s as a formula: it starts with a
 * tab or CR, or, after any spaces and tabs, with = + - @ or their
 * full-width forms (U+FF1D, U+FF0B, U+FF0D, U+FF20). */
static bool csv_formula(const char *s)
{
	static const char *const starts[] = {
		"=", "+", "-", "@", "\xEF\xBC\x9D", "\xEF\xBC\x8B", "\xEF\xBC\x8D", "\xEF\xBC\xA0"
	};
	size_t i;

	if (s[0] == '\t' || s[0] == '\r')
		return true;
	s += strspn(s, " \t");
	for (i = 0; i < sizeof starts / sizeof starts[0]; i++)
		if (strncmp(s, starts[i], strlen(starts[i])) == 0)
			return true;
	return false;
}

static void csv_cell(FILE *out, const char *s)
{
	bool formula = csv_formula(s);
	bool quote = formula || strpbrk(s, ",\"\r\n") != NULL;

	if (!quote) {
		fputs(s, out);
		return;
	}
	fputc('"', out);
	if (formula)
		fputc('\'', out);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', out);
		fputc(*s, out);
	}
	fputc('"', out);
}

static enum lp_status csv_line(struct writer *w, const char *const *cells,
			       struct lp_error *err)
{
	FILE *out = writer_stream(w);
	size_t i, n = writer_table(w)->ncols;

	for (i = 0; i < n; i++) {
		if (i)
			fputc(',', out);
		csv_cell(out, cells[i] ? cells[i] : "");
	}
	fputs("\r\n", out);
	return ferror(out) ? writer_io_error(w, err) : LP_OK;
}

static enum lp_status csv_begin(struct writer *w, const struct export_table *t,
				struct lp_error *err)
{
	if (writer_options(w)->bom)
		fputs("\xEF\xBB\xBF", writer_stream(w));
	return csv_line(w, t->cols, err);
}

static enum lp_status csv_end(struct writer *w, struct lp_error *err)
{
	(void)w;
	(void)err;
	return LP_OK;
}

const struct export_format export_csv = {
	.name = "csv",
	.summary = "RFC 4180 comma-separated values (CRLF; --bom for Excel)",
	.begin = csv_begin,
	.row = csv_line,
	.end = csv_end,
};
