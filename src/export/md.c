/* md.c - GitHub-flavoured Markdown: a table (md), and a task list grouped
 * by server for the ports table (checklist), ready to paste in a ticket.
 * Text is escaped so that no cell or item can end early or turn into
 * markup: | and the other inline markers are backslash-escaped, line
 * breaks become <br> (table) or a space (list). Streams. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "export.h"
#include "fmtutil.h"

/* Characters that could end a cell or start inline markup, a link, HTML
 * or math; in a heading also its closing sequence. */
#define MD_SPECIAL "\\`*_[]<>|~&$!"
#define MD_HEADING MD_SPECIAL "#"

/* Writes s with the characters of special backslash-escaped. */
static void md_text(FILE *out, const char *s, const char *line_break, const char *special)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p) {
		size_t n = fmt_utf8_len(p);

		if (n == 0) {
			fputs(FMT_REPLACEMENT, out);
			n = 1;
		} else if (*p == '\r' || *p == '\n') {
			fputs(line_break, out);
			if (p[0] == '\r' && p[1] == '\n')
				n = 2;
		} else if (*p == '\t') {
			fputc(' ', out);
		} else if (*p < 0x20 || *p == 0x7f || (p[0] == 0xc2 && p[1] < 0xa0)) {
			fputs(FMT_REPLACEMENT, out);
		} else if (!fmt_put_unsafe(out, p)) {
			if (n == 1 && strchr(special, *p))
				fputc('\\', out);
			fwrite(p, 1, n, out);
		}
		p += n;
	}
}

static void md_put(FILE *out, const char *s, const char *line_break)
{
	md_text(out, s, line_break, MD_SPECIAL);
}

static enum lp_status md_line(struct writer *w, const char *const *cells,
			      struct lp_error *err)
{
	FILE *out = writer_stream(w);
	size_t i, n = writer_table(w)->ncols;

	fputc('|', out);
	for (i = 0; i < n; i++) {
		fputc(' ', out);
		md_put(out, fmt_cell(cells, (int)i), "<br>");
		fputs(" |", out);
	}
	fputc('\n', out);
	return ferror(out) ? writer_io_error(w, err) : LP_OK;
}

static enum lp_status md_begin(struct writer *w, const struct export_table *t,
			       struct lp_error *err)
{
	FILE *out = writer_stream(w);
	size_t i;
	enum lp_status s = md_line(w, t->cols, err);

	if (s != LP_OK)
		return s;
	fputc('|', out);
	for (i = 0; i < t->ncols; i++)
		fputs(" --- |", out);
	fputc('\n', out);
	return ferror(out) ? writer_io_error(w, err) : LP_OK;
}

static enum lp_status md_end(struct writer *w, struct lp_error *err)
{
	(void)w;
	(void)err;
	return LP_OK;
}

const struct export_format export_md = {
	.name = "md",
	.summary = "GitHub-flavoured Markdown table",
	.begin = md_begin,
	.row = md_line,
	.end = md_end,
};

/* The checklist's columns and the server whose items are being written. */
struct checklist_state {
	int site, pool, server, address, interface, role, ports, transport, protocol, service,
	    notes;
	char *current; /* server of the last item, NULL before the first */
	bool internal_heading; /* its heading is of the internal interface */
};

static void checklist_release(void *state)
{
	struct checklist_state *c = state;

	free(c->current);
	free(c);
}

static enum lp_status checklist_begin(struct writer *w, const struct export_table *t,
				      struct lp_error *err)
{
	struct checklist_state *c = calloc(1, sizeof *c);
	FILE *out = writer_stream(w);
	const char *topo = writer_options(w)->topology_name;

	if (!c)
		return lp_fail(err, LP_EIO, "out of memory");
	writer_set_state(w, c);
	c->site = writer_column(w, "site");
	c->pool = writer_column(w, "pool");
	c->server = writer_column(w, "server");
	c->address = writer_column(w, "address");
	c->interface = writer_column(w, "interface");
	c->role = writer_column(w, "role");
	c->ports = writer_column(w, "ports");
	c->transport = writer_column(w, "transport");
	c->protocol = writer_column(w, "protocol");
	c->service = writer_column(w, "service");
	c->notes = writer_column(w, "notes");
	if (c->site < 0 || c->pool < 0 || c->server < 0 || c->address < 0 || c->interface < 0 ||
	    c->role < 0 || c->ports < 0 || c->transport < 0 || c->protocol < 0 || c->service < 0 ||
	    c->notes < 0)
		return lp_fail(err, LP_EUSAGE, "the %s table has no server ports to list", t->name);
	fputs("# ", out);
	md_text(out, t->title ? t->title : t->name, " ", MD_HEADING);
	if (topo[0]) {
		fputs(": ", out);
		md_text(out, topo, " ", MD_HEADING);
	}
	fputc('\n', out);
	return ferror(out) ? writer_io_error(w, err) : LP_OK;
}

static bool checklist_internal(const struct checklist_state *c, const char *const *cells)
{
	return strcmp(fmt_cell(cells, c->interface), "internal") == 0;
}

/* "## server" and a line naming its pool, role, site and address: the
 * internal interface's when its first item is on that interface (a
 * server of one interface), else none (each item names its own). */
static void checklist_heading(FILE *out, struct checklist_state *c, const char *const *cells)
{
	c->internal_heading = checklist_internal(c, cells);
	fputs("\n## ", out);
	md_text(out, fmt_cell(cells, c->server), " ", MD_HEADING);
	fputs("\n\nPool ", out);
	md_put(out, fmt_cell(cells, c->pool), " ");
	fputs(" (", out);
	md_put(out, fmt_cell(cells, c->role), " ");
	fputs("), site ", out);
	md_put(out, fmt_cell(cells, c->site), " ");
	if (c->internal_heading && fmt_cell(cells, c->address)[0]) {
		fputs(", address ", out);
		md_put(out, fmt_cell(cells, c->address), " ");
	}
	fputs(".\n\n", out);
}

static enum lp_status checklist_row(struct writer *w, const char *const *cells,
				    struct lp_error *err)
{
	struct checklist_state *c = writer_state(w);
	FILE *out = writer_stream(w);

	if (!c->current || strcmp(c->current, fmt_cell(cells, c->server)) != 0) {
		free(c->current);
		if (!(c->current = strdup(fmt_cell(cells, c->server))))
			return lp_fail(err, LP_EIO, "out of memory");
		checklist_heading(out, c, cells);
	}
	fputs("- [ ] ", out);
	md_put(out, fmt_cell(cells, c->server), " ");
	if (!c->internal_heading || !checklist_internal(c, cells)) {
		fputs(" (", out);
		md_put(out, fmt_cell(cells, c->interface), " ");
		fputs(" ", out);
		md_put(out, fmt_cell(cells, c->address)[0] ? fmt_cell(cells, c->address) :
			    "no address", " ");
		fputs(")", out);
	}
	fputs("  ", out);
	md_put(out, fmt_cell(cells, c->ports), " ");
	fputc('/', out);
	md_put(out, fmt_cell(cells, c->transport), " ");
	fputs("  ", out);
	if (fmt_cell(cells, c->service)[0]) {
		md_put(out, fmt_cell(cells, c->service), " ");
		fputs(", ", out);
	}
	md_put(out, fmt_cell(cells, c->protocol), " ");
	if (fmt_cell(cells, c->notes)[0]) {
		fputs(" \xE2\x80\x94 ", out);
		md_put(out, fmt_cell(cells, c->notes), " ");
	}
	fputc('\n', out);
	return ferror(out) ? writer_io_error(w, err) : LP_OK;
}

static const char *const checklist_tables[] = { "ports", NULL };

const struct export_format export_checklist = {
	.name = "checklist",
	.summary = "Markdown task list per server (ports table)",
	.tables = checklist_tables,
	.begin = checklist_begin,
	.row = checklist_row,
	.end = md_end,
	.release = checklist_release,
};
