/* json.c - UTF-8 JSON without a BOM: {"metadata": {...}, "rows": [...]},
 * keys in a fixed order (metadata: tool, version, generated, topology,
 * table, title; rows: the table's columns in order). Rows of tables with
 * ports and transport columns also carry tcpPorts/udpPorts strings as in
 * Microsoft's published endpoint lists ("5061", "57501-65535"). Bytes that
 * are not UTF-8 become U+FFFD so the output always parses. Streams. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "export.h"
#include "fmtutil.h"
#include "portset.h"

struct json_state {
	long rows;
	int ports, transport; /* column indexes, -1 when absent */
};

static void json_string(FILE *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	fputc('"', out);
	while (*p) {
		size_t n = fmt_utf8_len(p);

		if (n == 0) {
			fputs(FMT_REPLACEMENT, out);
			n = 1;
		} else if (*p == '"' || *p == '\\') {
			fputc('\\', out);
			fputc(*p, out);
		} else if (*p == '\n') {
			fputs("\\n", out);
		} else if (*p == '\r') {
			fputs("\\r", out);
		} else if (*p == '\t') {
			fputs("\\t", out);
		} else if (*p < 0x20 || *p == 0x7f) {
			fprintf(out, "\\u%04x", *p);
		} else if (n == 3 && p[0] == 0xe2 && p[1] == 0x80 && (p[2] == 0xa8 || p[2] == 0xa9)) {
			/* U+2028/2029 are valid JSON but end lines in JavaScript. */
			fprintf(out, "\\u%04x", 0x2000 + (p[2] - 0x80));
		} else {
			fwrite(p, 1, n, out);
		}
		p += n;
	}
	fputc('"', out);
}

static void json_member(FILE *out, const char *indent, const char *key, const char *value,
			bool last)
{
	fputs(indent, out);
	json_string(out, key);
	fputs(": ", out);
	json_string(out, value);
	fputs(last ? "\n" : ",\n", out);
}

static enum lp_status json_begin(struct writer *w, const struct export_table *t,
				 struct lp_error *err)
{
	struct json_state *j = calloc(1, sizeof *j);
	FILE *out = writer_stream(w);
	char when[32];
	enum lp_status s;

	if (!j)
		return lp_fail(err, LP_EIO, "out of memory");
	writer_set_state(w, j);
	j->ports = writer_column(w, "ports");
	j->transport = writer_column(w, "transport");
	if ((s = fmt_generated(when, err)) != LP_OK)
		return s;
	fputs("{\n  \"metadata\": {\n", out);
	json_member(out, "    ", "tool", PACKAGE_NAME, false);
	json_member(out, "    ", "version", PACKAGE_VERSION, false);
	json_member(out, "    ", "generated", when, false);
	json_member(out, "    ", "topology", writer_options(w)->topology_name, false);
	json_member(out, "    ", "table", t->name, false);
	json_member(out, "    ", "title", t->title ? t->title : "", true);
	fputs("  },\n  \"rows\": [", out);
	return ferror(out) ? writer_io_error(w, err) : LP_OK;
}

static enum lp_status json_row(struct writer *w, const char *const *cells,
			       struct lp_error *err)
{
	struct json_state *j = writer_state(w);
	FILE *out = writer_stream(w);
	size_t i, n = writer_table(w)->ncols;
	bool tcp = false, udp = false;
	char range[16] = "";
	int lo, hi;

	if (j->ports >= 0 && j->transport >= 0 &&
	    portset_parse(fmt_cell(cells, j->ports), &lo, &hi) &&
	    portset_transport(fmt_cell(cells, j->transport), &tcp, &udp))
		snprintf(range, sizeof range, lo == hi ? "%d" : "%d-%d", lo, hi);
	fputs(j->rows++ ? ",\n    {\n" : "\n    {\n", out);
	for (i = 0; i < n; i++)
		json_member(out, "      ", writer_table(w)->cols[i], fmt_cell(cells, (int)i),
			    i + 1 == n && !range[0]);
	if (range[0] && tcp)
		json_member(out, "      ", "tcpPorts", range, !udp);
	if (range[0] && udp)
		json_member(out, "      ", "udpPorts", range, true);
	fputs("    }", out);
	return ferror(out) ? writer_io_error(w, err) : LP_OK;
}

static enum lp_status json_end(struct writer *w, struct lp_error *err)
{
	struct json_state *j = writer_state(w);
	FILE *out = writer_stream(w);

	fputs(j->rows ? "\n  ]\n}\n" : "]\n}\n", out);
	return ferror(out) ? writer_io_error(w, err) : LP_OK;
}

const struct export_format export_json = {
	.name = "json",
	.summary = "JSON: metadata and one object per row (tcpPorts/udpPorts where ports apply)",
	.begin = json_begin,
	.row = json_row,
	.end = json_end,
	.release = free,
};
