/* html.c - one self-contained printable HTML page: inline CSS with print
 * styles, a heading with the table's title and the topology, then the
 * table with a checkbox and an "opened by / date" column per rule for the
 * people who open the ports. Every text is HTML-escaped; bytes that are
 * not UTF-8 and control characters become U+FFFD. Streams. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "export.h"
#include "fmtutil.h"

static const char html_style[] =
	"body{font-family:system-ui,-apple-system,\"Segoe UI\",sans-serif;margin:2em;color:#111}\n"
	"h1{font-size:1.4em;margin:0 0 .3em}\n"
	"p.meta{color:#444;margin:0 0 1em}\n"
	"table{border-collapse:collapse;width:100%;font-size:.85em}\n"
	"th,td{border:1px solid #999;padding:.25em .4em;text-align:left;vertical-align:top}\n"
	"th{background:#e8e8e8}\n"
	"tbody tr:nth-child(even){background:#f6f6f6}\n"
	"td.done{text-align:center;width:2.5em}\n"
	"td.sign{min-width:10em}\n"
	"@page{size:A4 landscape;margin:12mm}\n"
	"@media print{body{margin:0;font-size:9pt}thead{display:table-header-group}"
	"tr{break-inside:avoid;page-break-inside:avoid}tbody tr:nth-child(even){background:none}"
	"th{background:none}}\n";

/* Writes s escaped for HTML text and attribute values. */
static void html_put(FILE *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p) {
		size_t n = fmt_utf8_len(p);

		if (n == 0) {
			fputs(FMT_REPLACEMENT, out);
			n = 1;
		} else if (*p == '\r' || *p == '\n') {
			fputs("<br>", out);
			if (p[0] == '\r' && p[1] == '\n')
				n = 2;
		} else if (*p == '&') {
			fputs("&amp;", out);
		} else if (*p == '<') {
			fputs("&lt;", out);
		} else if (*p == '>') {
			fputs("&gt;", out);
		} else if (*p == '"') {
			fputs("&quot;", out);
		} else if (*p == '\'') {
			fputs("&#39;", out);
		} else if (*p == '\t') {
			fputc(' ', out);
		} else if (*p < 0x20 || *p == 0x7f || (p[0] == 0xc2 && p[1] < 0xa0)) {
			fputs(FMT_REPLACEMENT, out);
		} else if (!fmt_put_unsafe(out, p)) {
			fwrite(p, 1, n, out);
		}
		p += n;
	}
}

static enum lp_status html_begin(struct writer *w, const struct export_table *t,
				 struct lp_error *err)
{
	FILE *out = writer_stream(w);
	const char *topo = writer_options(w)->topology_name;
	const char *title = t->title ? t->title : t->name;
	char when[32];
	enum lp_status s;
	size_t i;

	if ((s = fmt_generated(when, err)) != LP_OK)
		return s;
	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	      "<meta name=\"generator\" content=\"" PACKAGE_NAME " " PACKAGE_VERSION "\">\n<title>", out);
	html_put(out, title);
	if (topo[0]) {
		fputs(" \xE2\x80\x94 ", out);
		html_put(out, topo);
	}
	fprintf(out, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<h1>", html_style);
	html_put(out, title);
	fputs("</h1>\n<p class=\"meta\">", out);
	if (topo[0]) {
		fputs("Topology <strong>", out);
		html_put(out, topo);
		fputs("</strong>. ", out);
	}
	fprintf(out, "Generated %s by " PACKAGE_NAME " " PACKAGE_VERSION ".</p>\n"
		"<table>\n<thead>\n<tr><th>Done</th>", when);
	for (i = 0; i < t->ncols; i++) {
		fputs("<th>", out);
		html_put(out, t->cols[i]);
		fputs("</th>", out);
	}
	fputs("<th>Opened by / date</th></tr>\n</thead>\n<tbody>\n", out);
	return ferror(out) ? writer_io_error(w, err) : LP_OK;
}

static enum lp_status html_row(struct writer *w, const char *const *cells,
			       struct lp_error *err)
{
	FILE *out = writer_stream(w);
	size_t i, n = writer_table(w)->ncols;

	fputs("<tr><td class=\"done\"><input type=\"checkbox\" aria-label=\"done\"></td>", out);
	for (i = 0; i < n; i++) {
		fputs("<td>", out);
		html_put(out, fmt_cell(cells, (int)i));
		fputs("</td>", out);
	}
	fputs("<td class=\"sign\"></td></tr>\n", out);
	return ferror(out) ? writer_io_error(w, err) : LP_OK;
}

static enum lp_status html_end(struct writer *w, struct lp_error *err)
{
	FILE *out = writer_stream(w);

	fputs("</tbody>\n</table>\n</body>\n</html>\n", out);
	return ferror(out) ? writer_io_error(w, err) : LP_OK;
}

const struct export_format export_html = {
	.name = "html",
	.summary = "printable HTML page with a checkbox and a sign-off column per rule",
	.begin = html_begin,
	.row = html_row,
	.end = html_end,
};
