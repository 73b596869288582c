/* test_export.c - the export formats on small synthetic tables: exact
 * bytes where a format is simple, range merging and quoting in the
 * firewall scripts, and a hostile table (quotes, backticks, $(...),
 * <script>, line breaks, leading =, non-ASCII, invalid UTF-8) written in
 * every format and parsed back: no text may leave its cell or string. */
#include "config.h"

#include <fnmatch.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "export/export.h"
#include "testutil.h"

#define COUNT(a) (sizeof (a) / sizeof (a)[0])

static const char *const port_cols[] = {
	"site", "pool", "server", "address", "interface", "role", "service", "ports",
	"transport", "protocol", "notes", "source"
};
static const struct export_table ports_table = {
	"ports", "Port matrix", COUNT(port_cols), port_cols
};
#define NCOLS COUNT(port_cols)

/* A plain ports table: one Front End pool of two servers. */
static const char *const plain_rows[][NCOLS] = {
	{ "HQ", "pool.example.com", "fe1.example.com", "192.0.2.1", "internal", "front-end", "", "5061", "TCP", "TCP (TLS)", "SIP", "#3" },
	{ "HQ", "pool.example.com", "fe1.example.com", "192.0.2.1", "internal", "front-end", "", "5062", "TCP", "TCP", "IM", "#6" },
	{ "HQ", "pool.example.com", "fe1.example.com", "192.0.2.1", "internal", "front-end", "", "5063", "TCP", "TCP", "A/V", "#9" },
	{ "HQ", "pool.example.com", "fe1.example.com", "192.0.2.1", "internal", "front-end", "", "49152-57500", "TCP/UDP", "TCP/UDP", "audio", "#37" },
	{ "HQ", "pool.example.com", "fe1.example.com", "192.0.2.1", "internal", "front-end", "", "57501-65535", "TCP/UDP", "TCP/UDP", "video", "#10" },
	{ "HQ", "pool.example.com", "fe1.example.com", "192.0.2.1", "internal", "front-end", "", "49152-65535", "TCP", "TCP", "sharing", "#28" },
	{ "HQ", "pool.example.com", "fe1.example.com", "192.0.2.1", "internal", "front-end", "SQL Browser", "1434", "UDP", "UDP", "", "#1" },
	{ "HQ", "pool.example.com", "fe2.example.com", "", "internal", "front-end", "", "5061", "TCP", "TCP (TLS)", "SIP", "#3" },
	{ "HQ", "pool.example.com", "fe2.example.com", "", "internal", "front-end", "SQL Browser", "1434", "UDP", "UDP", "", "#1" },
};

/* Text meant to break out of every kind of cell and string. */
#define EVIL_SERVER "-oProxyCommand=touch pwned-nc;x'$(touch pwned-sh)`touch pwned-bt`\".example.com"
static const char *const hostile_rows[][NCOLS] = {
	{ "=HYPERLINK(\"http://x\")", "pool'; Remove-Item C:\\ -Recurse; '\xE2\x80\x99x", EVIL_SERVER,
	  "10.0.0.1; drop", "internal", "front-end\"&calc&\"", "<script>alert(1)</script>", "5061", "TCP",
	  "TLS | cat /etc/passwd", "line1\nline2\r\n=cmd|' /C calc'!A0 \xE2\x80\x98q\xE2\x80\x99 \xC3\xBC \xE2\x80\xA8",
	  "\xFF\xFE invalid \xC3" },
	{ "=HYPERLINK(\"http://x\")", "pool'; Remove-Item C:\\ -Recurse; '\xE2\x80\x99x", EVIL_SERVER,
	  "10.0.0.1; drop", "ext'\"&calc&\"\n$(id)%x%!", "front-end\"&calc&\"", "", "49152-57500", "TCP/UDP", "@SUM(A1)",
	  "-2+3 %PATH% ^& | < > ! \\", "+x" },
	{ "\tsite", "%COMP%^&|<>\"!pool", "h\xC3\xA9te.example.com", "2001:db8::1", "internal", "mediation",
	  "| --- |", "1434", "UDP", "`id`", "# heading\n- [ ] fake", "$(id)" },
};

/* ---- running a format ---- */

static char *dir;

/* The zones the writers of run() are given ("" or NULL: not set). */
static struct {
	const char *internal, *perimeter;
} zones;

/* The bytes format f wrote for table t and rows (nrows of t->ncols cells),
 * NUL-terminated, in a new buffer the caller frees; *status the outcome. */
static char *run(const char *format, const struct export_table *t, const char *const *cells,
		 size_t nrows, const char *topology, enum lp_status *status, size_t *len)
{
	const struct export_format *f = export_find(format);
	struct export_options opt = { .force = true, .topology_name = topology,
				      .zone_internal = zones.internal,
				      .zone_perimeter = zones.perimeter };
	struct lp_error err = { LP_OK, "" };
	char *path = tu_path(dir, "out");
	struct writer *w;
	unsigned char *bytes;
	size_t i;

	assert_non_null(f);
	unlink(path);
	*status = export_open(f, path, &opt, &w, &err);
	assert_int_equal(*status, LP_OK);
	*status = export_begin(w, t, &err);
	for (i = 0; *status == LP_OK && i < nrows; i++)
		*status = export_row(w, cells + i * t->ncols, &err);
	if (*status != LP_OK) {
		export_abort(w);
		assert_int_equal(access(path, F_OK), -1); /* nothing left behind */
		free(path);
		*len = 0;
		return NULL;
	}
	*status = export_finish(w, &err);
	if (*status != LP_OK)
		fail_msg("%s: %s", format, err.msg);
	bytes = tu_read_file(path, len);
	assert_non_null(bytes);
	bytes[*len] = '\0';
	free(path);
	return (char *)bytes;
}

/* run() that must succeed. */
static char *run_ok(const char *format, const struct export_table *t, const char *const *cells,
		    size_t nrows, const char *topology)
{
	enum lp_status s;
	size_t len;
	char *out = run(format, t, cells, nrows, topology, &s, &len);

	assert_int_equal(s, LP_OK);
	assert_int_equal(strlen(out), len); /* no NUL byte inside */
	return out;
}

#define RUN_PORTS(format, rows) \
	run_ok(format, &ports_table, &(rows)[0][0], COUNT(rows), "lab")

static bool valid_utf8(const char *s)
{
	json_t *j = json_string(s); /* jansson checks UTF-8 */
	bool ok = j != NULL;

	json_decref(j);
	return ok;
}

/* s with every byte that is not valid UTF-8 replaced by U+FFFD, as the
 * formats do; new string. */
static char *utf8_fixed(const char *s)
{
	char *out = malloc(strlen(s) * 3 + 1), *o = out;

	assert_non_null(out);
	while (*s) {
		size_t n;

		for (n = 4; n > 0; n--) {
			char tmp[5] = { 0 };

			if (strlen(s) < n)
				continue;
			memcpy(tmp, s, n);
			if (valid_utf8(tmp))
				break;
		}
		if (n == 0) {
			memcpy(o, "\xEF\xBF\xBD", 3);
			o += 3;
			s++;
		} else {
			memcpy(o, s, n);
			o += n;
			s += n;
		}
	}
	*o = '\0';
	return out;
}

/* ---- csv ---- */

static void test_csv_quoting(void **state)
{
	static const char *const cols[] = { "a", "b" };
	static const struct export_table t = { "t", "T", 2, cols };
	static const char *const rows[] = {
		"plain", "with,comma", "say \"hi\"", "line\nbreak", "=1+1", "-x", "@a", "+b"
	};
	const char *want = "a,b\r\nplain,\"with,comma\"\r\n\"say \"\"hi\"\"\",\"line\nbreak\"\r\n"
			   "\"'=1+1\",\"'-x\"\r\n\"'@a\",\"'+b\"\r\n";
	char *out = run_ok("csv", &t, rows, 4, "");

	(void)state;
	assert_string_equal(out, want);
	free(out);
}

/* A formula behind spaces or tabs, or opened by a full-width = + - @, is
 * guarded like one at the start; the same characters further in, or a
 * full-width character that opens no formula, are not. */
static void test_csv_formula_guard(void **state)
{
	static const char *const cols[] = { "a" };
	static const struct export_table t = { "t", "T", 1, cols };
	static const char *const rows[] = {
		"  =1+1", "\t+1", " \t -2", "   @SUM(A1)",
		"\xEF\xBC\x9D" "1+1", "\xEF\xBC\x8B" "1", "\xEF\xBC\x8D" "1", "\xEF\xBC\xA0" "SUM(A1)",
		"  \xEF\xBC\x9D" "1+1", "a=1", " x-1", "\xEF\xBC\xA1", "  "
	};
	const char *want = "a\r\n\"'  =1+1\"\r\n\"'\t+1\"\r\n\"' \t -2\"\r\n\"'   @SUM(A1)\"\r\n"
			   "\"'\xEF\xBC\x9D" "1+1\"\r\n\"'\xEF\xBC\x8B" "1\"\r\n"
			   "\"'\xEF\xBC\x8D" "1\"\r\n\"'\xEF\xBC\xA0" "SUM(A1)\"\r\n"
			   "\"'  \xEF\xBC\x9D" "1+1\"\r\na=1\r\n x-1\r\n\xEF\xBC\xA1\r\n  \r\n";
	char *out = run_ok("csv", &t, rows, COUNT(rows), "");

	(void)state;
	assert_string_equal(out, want);
	free(out);
}

static void test_csv_bom(void **state)
{
	static const char *const cols[] = { "a" };
	static const struct export_table t = { "t", "T", 1, cols };
	struct export_options opt = { .force = true, .bom = true, .topology_name = "" };
	struct lp_error err;
	char *path = tu_path(dir, "bom.csv");
	struct writer *w;
	const char *row[] = { "\xC3\xBC" };

	(void)state;
	assert_int_equal(export_open(export_find("csv"), path, &opt, &w, &err), LP_OK);
	assert_int_equal(export_begin(w, &t, &err), LP_OK);
	assert_int_equal(export_row(w, row, &err), LP_OK);
	assert_int_equal(export_finish(w, &err), LP_OK);
	tu_assert_file_is(path, (const unsigned char *)"\xEF\xBB\xBF" "a\r\n\xC3\xBC\r\n", 10);
	free(path);
}

/* Splits CSV text into fields (RFC 4180) and checks them against want. */
static void csv_expect(const char *csv, const char *const *want, size_t nfields)
{
	size_t field = 0;
	const char *p = csv;

	while (*p) {
		char buf[1024];
		size_t n = 0;

		if (*p == '"') {
			for (p++; !(p[0] == '"' && p[1] != '"'); p++) {
				assert_true(*p != '\0');
				if (*p == '"')
					p++;
				buf[n++] = *p;
			}
			p++;
		} else {
			while (*p && *p != ',' && *p != '\r')
				buf[n++] = *p++;
		}
		buf[n] = '\0';
		assert_true(field < nfields);
		assert_string_equal(buf, want[field]);
		field++;
		if (*p == ',')
			p++;
		else if (p[0] == '\r' && p[1] == '\n')
			p += 2;
		else
			assert_int_equal(*p, '\0');
	}
	assert_int_equal(field, nfields);
}

/* ---- text for the terminal ---- */

/* Every control, direction and invisible character reaches the terminal
 * as an escape, in the text format as anywhere; other text as it is. */
static void test_text_escapes_unsafe(void **state)
{
	static const char *const cols[] = { "name" };
	static const struct export_table t = { "t", "T", 1, cols };
	char ch[4], in[16], want[64], *esc, *out;
	const char *row[1] = { in };
	size_t i;

	(void)state;
	for (i = 0; i < tu_unsafe_count; i++) {
		tu_utf8(tu_unsafe_points[i], ch);
		snprintf(in, sizeof in, "Os%slo", ch);
		snprintf(want, sizeof want, "Os\\u%04Xlo", tu_unsafe_points[i]);
		esc = export_escape_terminal(in);
		assert_string_equal(esc, want);
		free(esc);
		out = run_ok("text", &t, row, 1, "");
		if (!strstr(out, want) || strstr(out, ch))
			fail_msg("U+%04X reaches the text output as: %s", tu_unsafe_points[i], out);
		free(out);
	}
	esc = export_escape_terminal("a\x1b[2J\x7f\xff Z\xc3\xbcrich \xe2\x86\x92 \xf0\x9f\x98\x80");
	assert_string_equal(esc, "a\\x1B[2J\\x7F\\xFF Z\xc3\xbcrich \xe2\x86\x92 \xf0\x9f\x98\x80");
	free(esc);
}

/* Wide characters take two columns and combining marks none; a line
 * breaks at the last space that fits, or inside a word wider than it. */
static void test_text_width_and_wrap(void **state)
{
	static const char cjk[] = "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e"; /* 3 wide */
	size_t next;

	(void)state;
	assert_int_equal(lp_text_width(cjk, strlen(cjk)), 6);
	assert_int_equal(lp_text_width("Ze\xcc\x81", 4), 2); /* e + combining acute */
	assert_int_equal(lp_text_width("a\xff", 2), 2);
	assert_int_equal(lp_wrap_line("abc defgh", 5, &next), 3);
	assert_int_equal(next, 4);
	assert_int_equal(lp_wrap_line("abc  defgh", 4, &next), 3);
	assert_int_equal(next, 5);
	assert_int_equal(lp_wrap_line("abcdefgh", 3, &next), 3);
	assert_int_equal(next, 3);
	assert_int_equal(lp_wrap_line(cjk, 5, &next), 6);
	assert_int_equal(lp_wrap_line(cjk, 1, &next), 3);
	assert_int_equal(lp_wrap_line("ab", 80, &next), 2);
	assert_int_equal(next, 2);
}

/* ---- markdown ---- */

static void test_md_escaping(void **state)
{
	static const char *const cols[] = { "a", "b" };
	static const struct export_table t = { "t", "T", 2, cols };
	static const char *const rows[] = { "x|y", "1\n2", "*b* `c` <i>", "[l](u) $x$" };
	char *out = run_ok("md", &t, rows, 2, "");

	(void)state;
	assert_string_equal(out, "| a | b |\n| --- | --- |\n| x\\|y | 1<br>2 |\n"
				 "| \\*b\\* \\`c\\` \\<i\\> | \\[l\\](u) \\$x\\$ |\n");
	free(out);
}

static void test_checklist(void **state)
{
	char *out = RUN_PORTS("checklist", plain_rows);

	(void)state;
	assert_non_null(strstr(out, "# Port matrix: lab\n\n## fe1.example.com\n\n"
				    "Pool pool.example.com (front-end), site HQ, address 192.0.2.1.\n\n"
				    "- [ ] fe1.example.com  5061/TCP  TCP (TLS) \xE2\x80\x94 SIP\n"));
	assert_non_null(strstr(out, "- [ ] fe1.example.com  1434/UDP  SQL Browser, UDP\n"));
	assert_non_null(strstr(out, "\n## fe2.example.com\n\nPool pool.example.com (front-end), site HQ.\n"));
	free(out);
}

/* Every table line has ncols + 1 unescaped pipes; a '<' is only ours. */
static void md_check(const char *md, size_t nrows)
{
	size_t lines = 0;
	const char *p;

	for (p = md; *p; p++) {
		int pipes = 0;

		for (; *p && *p != '\n'; p++) {
			if (*p == '\\') {
				p++;
				assert_true(*p != '\0' && *p != '\n');
				continue;
			}
			if (*p == '|')
				pipes++;
			if (*p == '<')
				assert_int_equal(strncmp(p, "<br>", 4), 0);
		}
		assert_int_equal(pipes, NCOLS + 1);
		lines++;
	}
	assert_int_equal(lines, nrows + 2);
}

static void checklist_check(const char *md, size_t nrows)
{
	size_t items = 0;
	const char *p = md, *end;

	for (; *p; p = end + 1) {
		end = strchr(p, '\n');
		assert_non_null(end);
		if (strncmp(p, "- [ ] ", 6) == 0) {
			items++;
			p += 6;
		} else {
			assert_true(end == p || strncmp(p, "# ", 2) == 0 || strncmp(p, "## ", 3) == 0 ||
				    strncmp(p, "Pool ", 5) == 0);
		}
		/* No markup from the text: every marker character is escaped. */
		for (; p < end; p++) {
			if (*p == '\\')
				p++;
			else
				assert_null(memchr("<`[]|*_", *p, 7));
		}
	}
	assert_int_equal(items, nrows);
}

/* ---- html ---- */

static void test_html_escaping(void **state)
{
	static const char *const cols[] = { "a", "b" };
	static const struct export_table t = { "t", "<T>", 2, cols };
	static const char *const rows[] = { "<script>alert('x')</script>", "a & b \"q\"" };
	char *out = run_ok("html", &t, rows, 1, "<b>lab</b>");

	(void)state;
	assert_non_null(strstr(out, "<td>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</td>"));
	assert_non_null(strstr(out, "<td>a &amp; b &quot;q&quot;</td>"));
	assert_non_null(strstr(out, "<h1>&lt;T&gt;</h1>"));
	assert_non_null(strstr(out, "Topology <strong>&lt;b&gt;lab&lt;/b&gt;</strong>"));
	assert_non_null(strstr(out, "<th>Opened by / date</th>"));
	assert_non_null(strstr(out, "<input type=\"checkbox\""));
	assert_non_null(strstr(out, "@media print"));
	assert_null(strstr(out, "<script"));
	free(out);
}

/* Every tag is one the writer makes; rows and cells are all there. */
static void html_check(const char *html, size_t nrows)
{
	static const char *const tags[] = {
		"!DOCTYPE", "html", "head", "meta", "title", "style", "body", "h1", "p", "strong",
		"table", "thead", "tbody", "tr", "th", "td", "input", "br"
	};
	size_t trs = 0, tds = 0, i;
	const char *p;

	for (p = strchr(html, '<'); p; p = strchr(p + 1, '<')) {
		size_t n = strcspn(p + 1 + (p[1] == '/'), " >");
		bool known = false;

		for (i = 0; i < COUNT(tags); i++)
			known = known || (strlen(tags[i]) == n &&
					  strncmp(p + 1 + (p[1] == '/'), tags[i], n) == 0);
		if (!known)
			fail_msg("unknown tag at: %.40s", p);
		trs += strncmp(p, "<tr>", 4) == 0;
		tds += strncmp(p, "<td", 3) == 0;
	}
	assert_int_equal(trs, nrows + 1);
	assert_int_equal(tds, nrows * (NCOLS + 2));
	assert_true(valid_utf8(html));
}

/* ---- json ---- */

static void test_json_ports(void **state)
{
	char *out = RUN_PORTS("json", plain_rows);
	json_error_t jerr;
	json_t *doc = json_loads(out, 0, &jerr), *meta, *rows, *r;
	void *it;

	(void)state;
	assert_non_null(doc);
	meta = json_object_get(doc, "metadata");
	assert_string_equal(json_string_value(json_object_get(meta, "tool")), "lyncplan");
	assert_string_equal(json_string_value(json_object_get(meta, "version")), PACKAGE_VERSION);
	assert_string_equal(json_string_value(json_object_get(meta, "generated")), "1970-01-01T00:00:00Z");
	assert_string_equal(json_string_value(json_object_get(meta, "topology")), "lab");
	rows = json_object_get(doc, "rows");
	assert_int_equal(json_array_size(rows), COUNT(plain_rows));
	r = json_array_get(rows, 0);
	assert_string_equal(json_string_value(json_object_get(r, "tcpPorts")), "5061");
	assert_null(json_object_get(r, "udpPorts"));
	/* Keys in column order, then the endpoint-list strings. */
	it = json_object_iter(r);
	assert_string_equal(json_object_iter_key(it), "site");
	r = json_array_get(rows, 4);
	assert_string_equal(json_string_value(json_object_get(r, "tcpPorts")), "57501-65535");
	assert_string_equal(json_string_value(json_object_get(r, "udpPorts")), "57501-65535");
	r = json_array_get(rows, 6);
	assert_null(json_object_get(r, "tcpPorts"));
	assert_string_equal(json_string_value(json_object_get(r, "udpPorts")), "1434");
	assert_null(strstr(out, "\xEF\xBB\xBF"));
	json_decref(doc);
	free(out);
}

static void test_json_other_table(void **state)
{
	static const char *const cols[] = { "a" };
	static const struct export_table t = { "t", NULL, 1, cols };
	char *out = run_ok("json", &t, NULL, 0, "");
	json_t *doc = json_loads(out, 0, NULL);

	(void)state;
	assert_non_null(doc);
	assert_int_equal(json_array_size(json_object_get(doc, "rows")), 0);
	assert_string_equal(json_string_value(json_object_get(json_object_get(doc, "metadata"), "table")), "t");
	json_decref(doc);
	free(out);
}

static void test_source_date_epoch(void **state)
{
	enum lp_status s;
	size_t len;
	char *out;

	(void)state;
	setenv("SOURCE_DATE_EPOCH", "86400", 1);
	out = RUN_PORTS("json", plain_rows);
	assert_non_null(strstr(out, "\"generated\": \"1970-01-02T00:00:00Z\""));
	free(out);
	setenv("SOURCE_DATE_EPOCH", "yesterday", 1);
	out = run("json", &ports_table, &plain_rows[0][0], 1, "", &s, &len);
	assert_int_equal(s, LP_EUSAGE);
	assert_null(out);
	setenv("SOURCE_DATE_EPOCH", "0", 1);
}

static void json_check(const char *text, const char *const (*rows)[NCOLS], size_t nrows)
{
	json_t *doc = json_loads(text, 0, NULL), *a;
	size_t i, c;

	assert_non_null(doc);
	a = json_object_get(doc, "rows");
	assert_int_equal(json_array_size(a), nrows);
	for (i = 0; i < nrows; i++)
		for (c = 0; c < NCOLS; c++) {
			char *want = utf8_fixed(rows[i][c]);
			const char *got = json_string_value(json_object_get(json_array_get(a, i), port_cols[c]));

			assert_non_null(got);
			assert_string_equal(got, want);
			free(want);
		}
	json_decref(doc);
}

/* True when line is a whole line of frame (lines ended by eol). */
static bool frame_has_line(const char *frame, const char *line, const char *eol)
{
	size_t n = strlen(line), e = strlen(eol);
	const char *p;

	for (p = frame; p; p = strstr(p, eol), p = p ? p + e : NULL)
		if (strncmp(p, line, n) == 0 && strncmp(p + n, eol, e) == 0)
			return true;
	return false;
}

/* ---- PowerShell ---- */

/* Length of the quote character at p (ASCII ' or U+2018-U+201B), or 0. */
static size_t ps1_quote_at(const char *p)
{
	if (*p == '\'')
		return 1;
	if ((unsigned char)p[0] == 0xe2 && (unsigned char)p[1] == 0x80 &&
	    (unsigned char)p[2] >= 0x98 && (unsigned char)p[2] <= 0x9b)
		return 3;
	return 0;
}

/* Parses one line as PowerShell would: every single-quoted string becomes
 * S in *skeleton (lists "S,S" and "S, S" fold into one S, numbers become
 * N) and its value goes to values[]. Fails on an unterminated string. */
static void ps1_parse(const char *line, char *skeleton, char values[][512], size_t *nvalues)
{
	char *o = skeleton, *v;
	size_t q;

	*nvalues = 0;
	while (*line) {
		if ((q = ps1_quote_at(line)) == 0 && *line >= '0' && *line <= '9' &&
		    (o == skeleton || o[-1] == ' ')) {
			while (*line >= '0' && *line <= '9')
				line++;
			*o++ = 'N';
			continue;
		}
		if (q == 0) {
			*o++ = *line++;
			continue;
		}
		v = values[(*nvalues)++];
		for (line += q;;) {
			assert_true(*line != '\0');
			if ((q = ps1_quote_at(line)) != 0) {
				size_t q2 = ps1_quote_at(line + q);

				if (!q2)
					break;
				memcpy(v, line, q); /* a doubled quote stands for the first */
				v += q;
				line += q + q2;
				continue;
			}
			*v++ = *line++;
		}
		*v = '\0';
		line += q;
		if (o > skeleton + 1 && o[-1] == ',' && o[-2] == 'S')
			o--;
		else if (o > skeleton + 2 && o[-1] == ' ' && o[-2] == ',' && o[-3] == 'S')
			o -= 2;
		else
			*o++ = 'S';
	}
	*o = '\0';
}

/* Each line (CRLF-ended) is a comment, a line of the script's frame (as
 * written for an empty table) or one of the row lines allowed; values[k]
 * of a row line must equal a row's cell. Returns how many row lines. */
static size_t ps1_check(const char *script, const char *frame, const char *const *allowed,
			const char *const (*rows)[NCOLS], size_t nrows, int col)
{
	const char *p = script, *end;
	size_t found = 0;

	assert_int_equal(memcmp(p, "\xEF\xBB\xBF", 3), 0);
	for (p += 3; *p; p = end + 2) {
		char line[8192], skeleton[8192], values[64][512];
		size_t n, i, k;
		bool ok = false;

		end = strstr(p, "\r\n");
		assert_non_null(end);
		n = (size_t)(end - p);
		assert_true(n < sizeof line);
		memcpy(line, p, n);
		line[n] = '\0';
		assert_null(strpbrk(line, "\r\n"));
		if (line[strspn(line, "\t")] == '#' || frame_has_line(frame + 3, line, "\r\n"))
			continue;
		ps1_parse(line, skeleton, values, &n);
		for (i = 0; allowed[i] && !ok; i++)
			ok = strcmp(skeleton, allowed[i]) == 0;
		if (!ok)
			fail_msg("unexpected line: %s\n  parsed as: %s", line, skeleton);
		found++;
		if (col < 0 || strncmp(skeleton, "if (@(", 6) != 0)
			continue;
		for (k = 0; k < n; k++) {
			ok = false;
			for (i = 0; i < nrows && !ok; i++) {
				char *want = utf8_fixed(rows[i][col]), *c;

				for (c = want; *c; c++)
					if ((unsigned char)*c < 0x20 || *c == 0x7f)
						*c = ' ';
				ok = strcmp(values[k], want) == 0;
				free(want);
			}
			if (!ok)
				fail_msg("value '%s' is no server of the table", values[k]);
		}
	}
	return found;
}

static const char *const ps1_rule_lines[] = {
	"",
	"if (@(S) -contains $Server) {",
	"\tRemove-NetFirewallRule -Group S -ErrorAction SilentlyContinue",
	"\tNew-NetFirewallRule -Name S -DisplayName S -Group S -Direction Inbound -Action Allow"
	" -Profile Any -Protocol TCP -LocalPort S -Description S | Out-Null",
	"\tNew-NetFirewallRule -Name S -DisplayName S -Group S -Direction Inbound -Action Allow"
	" -Profile Any -Protocol UDP -LocalPort S -Description S | Out-Null",
	"\t$applied = $true",
	"}",
	NULL
};

static void test_ps1_rules(void **state)
{
	static const char *const pool_rows[][NCOLS] = {
		{ "HQ", "p'1\xE2\x80\x99x", "a.example.com", "", "internal", "front-end", "", "5061", "TCP", "TCP", "", "" },
	};
	char *out = RUN_PORTS("ps1", plain_rows), *frame;

	(void)state;
	assert_non_null(strstr(out, "\r\n\tNew-NetFirewallRule -Name 'lyncplan-front-end-TCP'"
				    " -DisplayName 'lyncplan front-end TCP (pool.example.com)' -Group 'lyncplan'"
				    " -Direction Inbound -Action Allow -Profile Any -Protocol TCP"
				    " -LocalPort '5061-5063','49152-65535' -Description '5061 TCP (TLS); 5062 TCP;"
				    " 5063 TCP; 49152-57500 TCP/UDP; 57501-65535 TCP/UDP; 49152-65535 TCP'"
				    " | Out-Null\r\n"));
	assert_non_null(strstr(out, "-Name 'lyncplan-front-end-UDP' "));
	assert_non_null(strstr(out, "-Protocol UDP -LocalPort '1434','49152-65535' -Description "
				    "'49152-57500 TCP/UDP; 57501-65535 TCP/UDP; 1434 SQL Browser, UDP'"));
	assert_non_null(strstr(out, "if (@('fe1.example.com', 'fe2.example.com') -contains $Server) {\r\n"));
	assert_non_null(strstr(out, "Lync Server 2013 opens the Windows Firewall ports"));
	assert_int_equal(strstr(out, "\n") - strstr(out, "\r\n"), 1); /* CRLF */
	free(out);
	out = RUN_PORTS("ps1", pool_rows);
	assert_non_null(strstr(out, "-DisplayName 'lyncplan front-end TCP (p''1\xE2\x80\x99'x)'"));
	frame = run_ok("ps1", &ports_table, NULL, 0, "lab");
	assert_int_equal(ps1_check(out, frame, ps1_rule_lines, pool_rows, 1, 2), 4);
	free(frame);
	free(out);
}

static const char *const probe_ps1_lines[] = {
	"Test-LyncplanTcpPort S N S S",
	"Write-LyncplanUdpPort S S S",
	NULL
};

static void test_probe_ps1(void **state)
{
	char *out = RUN_PORTS("probe-ps1", plain_rows), *frame;

	(void)state;
	assert_non_null(strstr(out, "\r\nTest-LyncplanTcpPort 'fe1.example.com' 5061 '5061' 'TCP (TLS)'\r\n"));
	assert_non_null(strstr(out, "\r\nTest-LyncplanTcpPort 'fe1.example.com' 49152 '49152-57500'"
				    " 'TCP/UDP (first port of the range tried)'\r\n"));
	assert_non_null(strstr(out, "\r\nWrite-LyncplanUdpPort 'fe1.example.com' '49152-57500' 'TCP/UDP'\r\n"));
	assert_non_null(strstr(out, "\r\nWrite-LyncplanUdpPort 'fe2.example.com' '1434' 'SQL Browser, UDP'\r\n"));
	frame = run_ok("probe-ps1", &ports_table, NULL, 0, "lab");
	assert_int_equal(ps1_check(out, frame, probe_ps1_lines, plain_rows, COUNT(plain_rows), -1), 11);
	free(frame);
	free(out);
}

/* ---- netsh ---- */

/* True when the quoted text at p is "!LP_ADDRS!" or "!LP_ADDRS: ADDRESS =!"
 * with an address of hex digits, dots and colons only. */
static bool netsh_addrs_test(const char *p)
{
	size_t n;

	if (strncmp(p, "\"!LP_ADDRS!\"", 12) == 0)
		return true;
	if (strncmp(p, "\"!LP_ADDRS: ", 12) != 0)
		return false;
	n = strspn(p + 12, "0123456789abcdef.:");
	return n > 0 && strncmp(p + 12 + n, " =!\"", 4) == 0;
}

/* Quoted text in a .cmd line keeps to the safe characters; outside quotes
 * a row line has one of the shapes the writer makes. */
static void netsh_check(const char *script, const char *frame)
{
	const char *p = script, *end;

	for (; *p; p = end + 2) {
		char line[8192], skeleton[8192], *o = skeleton;
		const char *c;
		size_t n;

		end = strstr(p, "\r\n");
		assert_non_null(end);
		n = (size_t)(end - p);
		memcpy(line, p, n);
		line[n] = '\0';
		assert_null(strpbrk(line, "\r\n"));
		if (frame_has_line(frame, line, "\r\n"))
			continue;
		if (strncmp(line, "rem ", 4) == 0) {
			assert_null(strpbrk(line, "%!^&|<>\""));
			continue;
		}
		for (c = line; *c; c++) {
			if (*c == '"') {
				const char *close = strchr(c + 1, '"');

				assert_non_null(close);
				if (strncmp(c, "\"!LP_HOST!\"", 11) != 0 && !netsh_addrs_test(c))
					for (c++; c < close; c++)
						assert_non_null(strchr("abcdefghijklmnopqrstuvwxyz"
								       "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
								       " .,:;/_+()-", *c));
				c = close;
				*o++ = 'Q';
			} else if (*c >= '0' && *c <= '9') {
				while (c[1] >= '0' && c[1] <= '9')
					c++;
				*o++ = 'N';
			} else {
				*o++ = *c;
			}
		}
		*o = '\0';
		if (skeleton[0] && strcmp(skeleton, ":poolN") != 0 && strcmp(skeleton, "exit /b N") != 0 &&
		    strcmp(skeleton, "if errorlevel N exit /b N") != 0 &&
		    strcmp(skeleton, "if /i Q==Q set LP_POOL=N") != 0 &&
		    strcmp(skeleton, "netsh advfirewall firewall delete rule name=Q >nul N>&N") != 0 &&
		    strcmp(skeleton, "set LP_ON=") != 0 && strcmp(skeleton, "set LP_APPLIED=N") != 0 &&
		    strcmp(skeleton, "if not Q==Q set LP_ON=N") != 0 &&
		    strcmp(skeleton, "if not defined LP_ON goto flowN") != 0 &&
		    strcmp(skeleton, ":flowN") != 0 &&
		    fnmatch("netsh advfirewall firewall add rule name=Q dir=in action=allow "
			    "protocol=[TU][CD]P localport=[N,-]* description=Q", skeleton, 0) != 0 &&
		    fnmatch("netsh advfirewall firewall add rule name=Q dir=in action=allow "
			    "protocol=[TU][CD]P localip=* localport=[N,-]* remoteip=* description=Q",
			    skeleton, 0) != 0)
			fail_msg("unexpected line: %s\n  parsed as: %s", line, skeleton);
	}
}

static void test_netsh(void **state)
{
	static const char *const bad_rows[][NCOLS] = {
		{ "HQ", "p%1^&|<>\"!x", "a.example.com", "", "internal", "front-end", "", "5061", "TCP", "TCP%x%", "", "" },
	};
	char *out = RUN_PORTS("netsh", plain_rows), *frame;

	(void)state;
	assert_non_null(strstr(out, "netsh advfirewall firewall add rule name=\"lyncplan-front-end-TCP\""
				    " dir=in action=allow protocol=TCP localport=5061-5063,49152-65535"
				    " description=\"lyncplan front-end TCP (pool.example.com): 5061 TCP (TLS);"));
	assert_non_null(strstr(out, "protocol=UDP localport=1434,49152-65535 "));
	assert_non_null(strstr(out, "if /i \"!LP_HOST!\"==\"fe2\" set LP_POOL=1\r\n"));
	assert_non_null(strstr(out, "Lync Server 2013 opens the Windows Firewall ports"));
	frame = run_ok("netsh", &ports_table, NULL, 0, "lab");
	netsh_check(out, frame);
	free(out);
	out = RUN_PORTS("netsh", bad_rows);
	assert_non_null(strstr(out, "rem Pool p_1_______x\r\n"));
	assert_non_null(strstr(out, "(p_1_______x): 5061 TCP_x_\"\r\n"));
	netsh_check(out, frame);
	free(frame);
	free(out);
}

/* ---- nftables ---- */

/* Checks file with nft -c when nft is installed (through a user namespace
 * when not root); false when it could not be run. */
static bool nft_accepts(const char *file, bool *ran)
{
	char cmd[1024];
	int rc;

	*ran = system("command -v nft >/dev/null 2>&1") == 0;
	if (!*ran)
		return true;
	snprintf(cmd, sizeof cmd, "%s nft -c -f '%s'", geteuid() == 0 ? "" : "unshare -rn", file);
	rc = system(cmd);
	return rc == 0;
}

static void nft_check(const char *text)
{
	const char *p;
	char *path = tu_path(dir, "check.nft");
	bool ran;

	for (p = strstr(text, "chain "); p; p = strstr(p + 1, "chain ")) {
		const char *name = p + 6;
		size_t n = strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789_");

		assert_true(n > 0);
		assert_int_equal(name[n], ' ');
	}
	assert_null(strchr(text, '"'));
	tu_write_file(path, text, strlen(text));
	assert_true(nft_accepts(path, &ran));
	if (!ran)
		print_message("nft is not installed: the ruleset was not checked by nft\n");
	free(path);
}

static void test_nft(void **state)
{
	static const char *const rows[][NCOLS] = {
		{ "HQ", "p.example.com", "a-b.example.com", "192.0.2.1", "internal", "front-end", "", "5061", "TCP", "", "", "" },
		{ "HQ", "p.example.com", "a-b.example.com", "192.0.2.1", "internal", "front-end", "", "5062-5064", "TCP/UDP", "", "", "" },
		{ "HQ", "p.example.com", "a_b.example.com", "2001:db8::7", "internal", "front-end", "", "5061", "TCP", "", "", "" },
		{ "HQ", "p.example.com", "c.example.com", "", "internal", "front-end", "", "1434", "UDP", "", "", "" },
	};
	char *out = RUN_PORTS("nft", rows);

	(void)state;
	assert_non_null(strstr(out, "\t\tip daddr 192.0.2.1 jump to_a_b_example_com\n"));
	assert_non_null(strstr(out, "\t\tip6 daddr 2001:db8::7 jump to_a_b_example_com_2\n"));
	assert_null(strstr(out, "jump to_c_example_com"));
	assert_non_null(strstr(out, "\tchain to_c_example_com {\n"));
	assert_non_null(strstr(out, "\t\ttcp dport { 5061-5064 } accept\n\t\tudp dport { 5062-5064 } accept\n"));
	nft_check(out);
	free(out);
	out = RUN_PORTS("nft", plain_rows);
	nft_check(out);
	free(out);
}

/* How many times needle occurs in text. */
static size_t occurrences(const char *text, const char *needle)
{
	size_t n = 0;

	for (text = strstr(text, needle); text; text = strstr(text + 1, needle))
		n++;
	return n;
}

/* An Edge pool's rows on three interfaces, one of them with no address,
 * and a Front End pool's on one: each format takes each row's interface
 * and its address. */
static void test_interfaces(void **state)
{
	static const char *const rows[][NCOLS] = {
		{ "HQ", "edge.example.com", "e1.example.com", "203.0.113.1", "external-access", "edge", "Access Edge", "443", "TCP", "SIP(TLS)", "", "" },
		{ "HQ", "edge.example.com", "e1.example.com", "", "external-av", "edge", "A/V Edge", "3478", "UDP", "STUN", "", "" },
		{ "HQ", "edge.example.com", "e1.example.com", "192.0.2.41", "internal", "edge", "", "5061", "TCP", "MTLS", "", "" },
		{ "HQ", "edge.example.com", "e2.example.com", "203.0.113.2", "external-access", "edge", "Access Edge", "443", "TCP", "SIP(TLS)", "", "" },
		{ "HQ", "edge.example.com", "e2.example.com", "", "external-av", "edge", "A/V Edge", "3478", "UDP", "STUN", "", "" },
		{ "HQ", "edge.example.com", "e2.example.com", "192.0.2.42", "internal", "edge", "", "5061", "TCP", "MTLS", "", "" },
		{ "HQ", "fe.example.com", "fe1.example.com", "192.0.2.1", "internal", "front-end", "", "5061", "TCP", "TLS", "", "" },
	};
	char *out;

	(void)state;
	out = RUN_PORTS("nft", rows);
	assert_non_null(strstr(out, "\t\tip daddr 203.0.113.1 jump to_e1_example_com_external_access\n"));
	assert_non_null(strstr(out, "\t\tip daddr 192.0.2.41 jump to_e1_example_com\n"));
	assert_null(strstr(out, "jump to_e1_example_com_external_av"));
	assert_non_null(strstr(out, "\t# e1.example.com external-av, pool edge.example.com (edge),"
				    " no address in the topology\n\tchain to_e1_example_com_external_av {\n"));
	assert_non_null(strstr(out, "\t# fe1.example.com, pool fe.example.com (front-end)\n"));
	nft_check(out);
	free(out);

	out = RUN_PORTS("ps1", rows);
	assert_non_null(strstr(out, "-Name 'lyncplan-edge-external-access-TCP' -DisplayName"
				    " 'lyncplan edge external-access TCP (edge.example.com)'"));
	assert_non_null(strstr(out, "-Protocol TCP -LocalAddress '203.0.113.1','203.0.113.2'"
				    " -LocalPort '443' "));
	assert_non_null(strstr(out, "\t# external-av interface: no address in the topology, no"
				    " rule\r\n"));
	assert_null(strstr(out, "lyncplan-edge-external-av-UDP"));
	assert_non_null(strstr(out, "-Name 'lyncplan-edge-TCP' -DisplayName 'lyncplan edge TCP"
				    " (edge.example.com)'"));
	assert_non_null(strstr(out, "-LocalAddress '192.0.2.41','192.0.2.42' -LocalPort '5061' "));
	assert_non_null(strstr(out, "-Name 'lyncplan-front-end-TCP' -DisplayName 'lyncplan front-end"
				    " TCP (fe.example.com)' -Group 'lyncplan' -Direction Inbound -Action"
				    " Allow -Profile Any -Protocol TCP -LocalPort '5061' "));
	/* One block per pool, whatever its interfaces. */
	assert_int_equal(occurrences(out, "Remove-NetFirewallRule -Group 'lyncplan' "), 2);
	assert_int_equal(occurrences(out, "$applied = $true"), 2);
	free(out);

	out = RUN_PORTS("netsh", rows);
	assert_non_null(strstr(out, "add rule name=\"lyncplan-edge-external-access-TCP\" dir=in"
				    " action=allow protocol=TCP localip=203.0.113.1,203.0.113.2 localport=443"
				    " description=\"lyncplan edge external-access TCP (edge.example.com): "));
	assert_non_null(strstr(out, "rem external-av interface: no address in the topology, no"
				    " rule\r\n"));
	assert_non_null(strstr(out, "localip=192.0.2.41,192.0.2.42 localport=5061 "));
	assert_non_null(strstr(out, "add rule name=\"lyncplan-front-end-TCP\" dir=in action=allow"
				    " protocol=TCP localport=5061 "));
	assert_non_null(strstr(out, "if /i \"!LP_HOST!\"==\"fe1\" set LP_POOL=2\r\n"));
	assert_null(strstr(out, ":pool3"));
	assert_int_equal(occurrences(out, "exit /b 0"), 2);
	free(out);

	out = RUN_PORTS("probe-sh", rows);
	assert_non_null(strstr(out, "\nprobe_tcp '203.0.113.1' 443 '443' "));
	assert_non_null(strstr(out, "\n# e1.example.com 3478/UDP: not tested, the external-av"
				    " interface has no address in the topology\n"));
	assert_non_null(strstr(out, "\nprobe_tcp 'e1.example.com' 5061 '5061' "));
	assert_non_null(strstr(out, "\nprobe_tcp 'fe1.example.com' 5061 '5061' "));
	free(out);

	/* An interface of a pool whose rows come back after another pool's. */
	{
		static const char *const back[][NCOLS] = {
			{ "HQ", "edge.example.com", "e1.example.com", "203.0.113.1", "external-access", "edge", "", "443", "TCP", "TLS", "", "" },
			{ "HQ", "fe.example.com", "fe1.example.com", "192.0.2.1", "internal", "front-end", "", "5061", "TCP", "TLS", "", "" },
			{ "HQ", "edge.example.com", "e1.example.com", "192.0.2.41", "internal", "edge", "", "5061", "TCP", "MTLS", "", "" },
		};

		out = RUN_PORTS("ps1", back);
		assert_int_equal(occurrences(out, "Remove-NetFirewallRule -Group 'lyncplan' "), 2);
		assert_non_null(strstr(out, "-LocalAddress '192.0.2.41'"));
		assert_true(strstr(out, "-LocalAddress '192.0.2.41'") < strstr(out, "# Pool fe.example.com"));
		free(out);
		out = RUN_PORTS("netsh", back);
		assert_null(strstr(out, ":pool3"));
		assert_non_null(strstr(out, "localip=192.0.2.41 localport=5061 "));
		free(out);
	}

	out = RUN_PORTS("checklist", rows);
	assert_non_null(strstr(out, "\nPool edge.example.com (edge), site HQ.\n"));
	assert_non_null(strstr(out, "- [ ] e1.example.com (external-access 203.0.113.1)  443/TCP"));
	assert_non_null(strstr(out, "- [ ] e1.example.com (external-av no address)  3478/UDP"));
	assert_non_null(strstr(out, "- [ ] e1.example.com (internal 192.0.2.41)  5061/TCP"));
	assert_non_null(strstr(out, "\nPool fe.example.com (front-end), site HQ, address 192.0.2.1.\n"));
	assert_non_null(strstr(out, "- [ ] fe1.example.com  5061/TCP"));
	free(out);
}

/* Servers whose rows come back after other servers' rows, in three pools
 * and more servers than a group lookup first holds: each server still has
 * one chain (nft), each pool one rule per transport (ps1), with the ranges
 * merged and what they carry listed once. */
static void test_groups_returning(void **state)
{
	enum { SERVERS = 300, PASSES = 3 };
	static const char *const ports[PASSES] = { "5062-5064", "5061", "5065" };
	static const char *const transports[PASSES] = { "TCP", "TCP", "UDP" };
	static const char *const pools[] = { "p0.example.com", "p1.example.com", "p2.example.com" };
	const char **cells = calloc(SERVERS * PASSES * NCOLS, sizeof *cells);
	char (*names)[32] = calloc(SERVERS, sizeof *names);
	char *out;
	size_t i, k;

	(void)state;
	assert_non_null(cells);
	assert_non_null(names);
	for (i = 0; i < SERVERS; i++)
		snprintf(names[i], sizeof names[i], "fe%zu.example.com", i);
	for (k = 0; k < PASSES; k++)
		for (i = 0; i < SERVERS; i++) {
			const char **row = cells + (k * SERVERS + i) * NCOLS;

			row[0] = "HQ";
			row[1] = pools[i % COUNT(pools)];
			row[2] = names[i];
			row[3] = "";
			row[4] = "internal";
			row[5] = "front-end";
			row[6] = "";
			row[7] = ports[k];
			row[8] = transports[k];
			row[9] = transports[k];
			row[10] = "";
			row[11] = "#1";
		}
	out = run_ok("nft", &ports_table, cells, SERVERS * PASSES, "lab");
	assert_int_equal(occurrences(out, "\tchain to_"), SERVERS);
	assert_null(strstr(out, "_2 {"));
	assert_non_null(strstr(out, "\tchain to_fe299_example_com {\n"));
	assert_int_equal(occurrences(out, "\t\ttcp dport { 5061-5064 } accept\n"
					  "\t\tudp dport { 5065 } accept\n"), SERVERS);
	free(out);
	out = run_ok("ps1", &ports_table, cells, SERVERS * PASSES, "lab");
	assert_int_equal(occurrences(out, ") -contains $Server) {"), COUNT(pools));
	assert_int_equal(occurrences(out, "-LocalPort '5061-5064' -Description "
					  "'5062-5064 TCP; 5061 TCP'"), COUNT(pools));
	assert_non_null(strstr(out, "'fe296.example.com', 'fe299.example.com') -contains"));
	free(out);
	free(names);
	free(cells);
}

/* ---- the flows table in the firewall formats ---- */

static const char *const flow_cols[] = {
	"from", "from_addresses", "from_zone", "to", "to_addresses", "to_zone", "direction",
	"ports", "transport", "protocol", "why", "condition", "source"
};
static const struct export_table flows_table = {
	"flows", "Flows", COUNT(flow_cols), flow_cols
};

/* Parties standing for their zones, an end without addresses, ranges to
 * merge per pair, two families, and ends whose names and addresses try to
 * leave their strings. */
#define EVIL_END "p'; $(touch pwned) `id` %PATH% ^& \"q\" \xE2\x80\x98x\xE2\x80\x99 <b>"
static const char *const flow_rows[][COUNT(flow_cols)] = {
	{ "external clients", "", "internet", "edge.example.com external interface", "", "",
	  "internet to perimeter", "443", "TCP", "HTTPS", "why", "always", "#1" },
	{ "fe.example.com", "192.0.2.1, 192.0.2.2", "", "edge.example.com internal interface",
	  "192.0.2.41, 2001:db8::41", "", "internal to perimeter", "5061", "TCP", "SIP/MTLS", "w",
	  "always", "#2" },
	{ "fe.example.com", "192.0.2.1, 192.0.2.2", "", "edge.example.com internal interface",
	  "192.0.2.41, 2001:db8::41", "", "internal to perimeter", "5062", "TCP", "SIP/MTLS", "w",
	  "always", "#3" },
	{ "internal clients", "192.0.2.0/24, 2001:db8::/48", "internal", "fe.example.com",
	  "192.0.2.1, 192.0.2.2", "", "internal to internal", "49152-57500", "TCP/UDP", "RTP",
	  "audio", "always", "#4" },
	{ "internal clients", "192.0.2.0/24, 2001:db8::/48", "internal", "fe.example.com",
	  "192.0.2.1, 192.0.2.2", "", "internal to internal", "57501-65535", "TCP", "RTP", "video",
	  "always", "#5" },
	{ EVIL_END, "10.0.0.1; drop, 192.0.2.9", "", "evil\nname\r\n\xE2\x80\xA8 end",
	  "192.0.2.10; rm -rf /, 2001:db8::1 accept", "", "internal to internal", "5061", "TCP",
	  "TLS | x", "why'; $(id)\n#", "always", "x" },
	{ "external clients", "", "internet", "rp.example.com external listener",
	  "203.0.113.5, 2001:db8:ff::5", "", "internet to perimeter", "443", "TCP", "HTTPS", "web",
	  "always", "#6" },
};

#define RUN_FLOWS(format) \
	run_ok(format, &flows_table, &flow_rows[0][0], COUNT(flow_rows), "`lab` $(x)")

static void zones_set(void)
{
	zones.internal = "192.0.2.0/24, 2001:db8::/48";
	zones.perimeter = "203.0.113.0/24";
}

static void zones_unset(void)
{
	zones.internal = zones.perimeter = "";
}

static void test_flows_nft(void **state)
{
	char *out;

	(void)state;
	zones_set();
	out = RUN_FLOWS("nft");
	assert_non_null(strstr(out, "\ndefine internal_v4 = { 192.0.2.0/24 }\n"
				    "define internal_v6 = { 2001:db8::/48 }\n"
				    "define perimeter_v4 = { 203.0.113.0/24 }\n\n"));
	assert_non_null(strstr(out, "\n\t\tip saddr { 192.0.2.1, 192.0.2.2 } ip daddr { 192.0.2.41 }"
				    " tcp dport { 5061-5062 } accept\n"));
	/* The source has no IPv6 address: no IPv6 rule from it. */
	assert_null(strstr(out, "ip6 daddr { 2001:db8::41 } tcp"));
	/* Internal clients are the internal prefixes, never any source. */
	assert_non_null(strstr(out, "\n\t\tip saddr $internal_v4 ip daddr { 192.0.2.1, 192.0.2.2 }"
				    " tcp dport { 49152-65535 } accept\n\t\tip saddr $internal_v4 ip daddr"
				    " { 192.0.2.1, 192.0.2.2 } udp dport { 49152-57500 } accept\n"));
	/* The Internet is what is outside both zones, in each family. */
	assert_non_null(strstr(out, "\n\t\tip saddr != { $internal_v4, $perimeter_v4 } ip daddr"
				    " { 203.0.113.5 } tcp dport { 443 } accept\n\t\tip6 saddr != {"
				    " $internal_v6 } ip6 daddr { 2001:db8:ff::5 } tcp dport { 443 } accept\n"));
	/* An end without addresses has no rule, not one to or from any. */
	assert_non_null(strstr(out, "# external clients -> edge.example.com external interface"
				    " (internet to perimeter)\n\t\t#   TCP 443 HTTPS: why\n\t\t# no rule: no address"
				    " for edge.example.com external interface in the topology (lyncplan check:"
				    " missing-address)\n\n"));
	/* What is no address is left out, not passed on. */
	assert_null(strstr(out, "drop,"));
	assert_null(strstr(out, "10.0.0.1"));
	assert_non_null(strstr(out, "\t\tip daddr { 192.0.2.41, 192.0.2.1, 192.0.2.2, 203.0.113.5 }"
				    " counter drop\n"));
	nft_check(out);
	free(out);

	/* Zones not given: variables nft refuses until they are filled in. */
	zones_unset();
	out = RUN_FLOWS("nft");
	assert_non_null(strstr(out, "\ndefine internal_v4 = { FILL_IN_internal_IPv4_prefixes }\n"
				    "define internal_v6 = { FILL_IN_internal_IPv6_prefixes }\n"));
	assert_non_null(strstr(out, "\ndefine perimeter_v6 = { FILL_IN_perimeter_IPv6_prefixes }\n"));
	assert_non_null(strstr(out, "\n\t\tip6 saddr != { $internal_v6, $perimeter_v6 } ip6 daddr"
				    " { 2001:db8:ff::5 } tcp dport { 443 } accept\n"));
	free(out);
}

static const char *const ps1_flow_lines[] = {
	"",
	"if (@(S) | Where-Object { $Address -contains $_ }) {",
	"\tNew-NetFirewallRule -Name S -DisplayName S -Group S -Direction Inbound -Action Allow"
	" -Profile Any -Protocol TCP -LocalAddress S -LocalPort S -RemoteAddress S -Description S | Out-Null",
	"\tNew-NetFirewallRule -Name S -DisplayName S -Group S -Direction Inbound -Action Allow"
	" -Profile Any -Protocol TCP -LocalAddress S -LocalPort S -RemoteAddress $InternalZone -Description S | Out-Null",
	"\tNew-NetFirewallRule -Name S -DisplayName S -Group S -Direction Inbound -Action Allow"
	" -Profile Any -Protocol UDP -LocalAddress S -LocalPort S -RemoteAddress $InternalZone -Description S | Out-Null",
	"\tNew-NetFirewallRule -Name S -DisplayName S -Group S -Direction Inbound -Action Allow"
	" -Profile Any -Protocol TCP -LocalAddress S -LocalPort S -RemoteAddress $InternetZone -Description S | Out-Null",
	"\t$applied = $true",
	"}",
	NULL
};

static void test_flows_ps1(void **state)
{
	char *out, *frame;

	(void)state;
	zones_set();
	out = RUN_FLOWS("ps1");
	assert_non_null(strstr(out, "\tNew-NetFirewallRule -Name"
				    " 'lyncplan-flow-fe.example.com-to-edge.example.com_internal_interface-TCP'"
				    " -DisplayName 'lyncplan fe.example.com -> edge.example.com internal interface (TCP)'"
				    " -Group 'lyncplan-flows' -Direction Inbound -Action Allow -Profile Any -Protocol TCP"
				    " -LocalAddress '192.0.2.41','2001:db8::41' -LocalPort '5061-5062'"
				    " -RemoteAddress '192.0.2.1','192.0.2.2' -Description '5061 SIP/MTLS: w; 5062 SIP/MTLS: w'"
				    " | Out-Null\r\n"));
	assert_non_null(strstr(out, "-Protocol UDP -LocalAddress '192.0.2.1','192.0.2.2'"
				    " -LocalPort '49152-57500' -RemoteAddress $InternalZone "));
	assert_non_null(strstr(out, "\t[string[]]$InternalZone = @('192.0.2.0/24','2001:db8::/48'),\r\n"));
	assert_non_null(strstr(out, "\t[string[]]$InternetZone = @('0.0.0.0-192.0.1.255',"
				    "'192.0.3.0-203.0.112.255','203.0.114.0-255.255.255.255',"
				    "'::-2001:db7:ffff:ffff:ffff:ffff:ffff:ffff',"
				    "'2001:db8:1::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff')\r\n"));
	assert_non_null(strstr(out, "-LocalAddress '203.0.113.5','2001:db8:ff::5' -LocalPort '443'"
				    " -RemoteAddress $InternetZone "));
	assert_null(strstr(out, "RemoteAddress Any"));
	/* An end without addresses: a comment naming it, no rule to any. */
	assert_non_null(strstr(out, "\r\n# external clients -> edge.example.com external interface\r\n"
				    "# no rule: no address for edge.example.com external interface in the"
				    " topology (lyncplan check: missing-address)\r\n"));
	assert_null(strstr(out, "to-edge.example.com_external_interface"));
	assert_null(strstr(out, "if (-not $InternalZone)"));
	assert_non_null(strstr(out, "if (@('192.0.2.41','2001:db8::41') | Where-Object"));
	assert_non_null(strstr(out, "-LocalAddress '2001:db8::1' -LocalPort '5061' -RemoteAddress '192.0.2.9' "));
	assert_non_null(strstr(out, "-DisplayName 'lyncplan p''; $(touch pwned) `id` %PATH% ^& \"q\" "
				    "\xE2\x80\x98'x\xE2\x80\x99' <b> -> evil name  \\u2028 end (TCP)'"));
	frame = run_ok("ps1", &flows_table, NULL, 0, "`lab` $(x)");
	assert_int_equal(ps1_check(out, frame, ps1_flow_lines, NULL, 0, -1), 13);
	free(frame);
	free(out);

	/* Zones not given: the script stops unless they are. */
	zones_unset();
	out = RUN_FLOWS("ps1");
	assert_non_null(strstr(out, "\t[string[]]$InternalZone = @(),\r\n"));
	assert_non_null(strstr(out, "\r\nif (-not $InternalZone) {\r\n"));
	assert_non_null(strstr(out, "\r\nif (-not $InternetZone) {\r\n"));
	free(out);
}

static void test_flows_netsh(void **state)
{
	char *out, *frame;

	(void)state;
	zones_set();
	out = RUN_FLOWS("netsh");
	assert_non_null(strstr(out, "\r\nnetsh advfirewall firewall add rule"
				    " name=\"lyncplan-flow-fe.example.com-to-edge.example.com_internal_interface-TCP\""
				    " dir=in action=allow protocol=TCP localip=192.0.2.41,2001:db8::41"
				    " localport=5061-5062 remoteip=192.0.2.1,192.0.2.2"
				    " description=\"5061 SIP/MTLS: w; 5062 SIP/MTLS: w\"\r\n"));
	assert_non_null(strstr(out, " protocol=UDP localip=192.0.2.1,192.0.2.2 localport=49152-57500"
				    " remoteip=%LP_INTERNAL_ZONE% "));
	assert_non_null(strstr(out, "\r\nset \"LP_INTERNAL_ZONE=192.0.2.0/24,2001:db8::/48\"\r\n"));
	assert_non_null(strstr(out, "\r\nset \"LP_INTERNET_ZONE=0.0.0.0-192.0.1.255,"));
	assert_non_null(strstr(out, " localip=203.0.113.5,2001:db8:ff::5 localport=443"
				    " remoteip=%LP_INTERNET_ZONE% "));
	assert_null(strstr(out, "remoteip=any"));
	/* An end without addresses: a comment naming it, no rule to any. */
	assert_non_null(strstr(out, "\r\nrem Flow from external clients to edge.example.com external"
				    " interface\r\nrem no rule: no address for edge.example.com external"
				    " interface in the topology (lyncplan check: missing-address)\r\n"));
	assert_null(strstr(out, "to-edge.example.com_external_interface"));
	assert_null(strstr(out, "localip= "));
	assert_non_null(strstr(out, "if not \"!LP_ADDRS: 2001:db8::41 =!\"==\"!LP_ADDRS!\" set LP_ON=1\r\n"));
	frame = run_ok("netsh", &flows_table, NULL, 0, "`lab` $(x)");
	netsh_check(out, frame);
	free(frame);
	free(out);

	/* Zones not given: the script stops unless they are set in it. */
	zones_unset();
	out = RUN_FLOWS("netsh");
	assert_non_null(strstr(out, "\r\nset \"LP_INTERNAL_ZONE=\"\r\n"));
	assert_non_null(strstr(out, "\r\nif defined LP_INTERNAL_ZONE goto internal_zone\r\n"));
	assert_non_null(strstr(out, "\r\nif defined LP_INTERNET_ZONE goto internet_zone\r\n"));
	free(out);
}

/* ---- sh ---- */

/* Runs a probe-sh script in dir with an nc that logs its arguments and
 * reports port 5061 open; returns the log. */
static char *probe_sh_run(const char *script, int *status)
{
	char *path = tu_path(dir, "probe.sh"), *nc = tu_path(dir, "nc"), *cmd, *log;
	static const char fake_nc[] =
		"#!/bin/sh\nfor a; do printf '[%s]' \"$a\"; done >>\"$NC_LOG\"; echo >>\"$NC_LOG\"\n"
		"[ \"$6\" = 5061 ]\n";
	size_t len;

	tu_write_file(path, script, strlen(script));
	tu_write_file(nc, fake_nc, strlen(fake_nc));
	chmod(nc, 0755);
	assert_true(asprintf(&cmd, "cd '%s' && rm -f nc.log && NC_LOG='%s/nc.log' PATH='%s':\"$PATH\""
			     " sh probe.sh >probe.out 2>&1", dir, dir, dir) > 0);
	*status = system(cmd);
	free(cmd);
	free(path);
	free(nc);
	path = tu_path(dir, "nc.log");
	log = (char *)tu_read_file(path, &len);
	if (log)
		log[len] = '\0';
	free(path);
	return log ? log : strdup("");
}

static void test_probe_sh(void **state)
{
	char *out = RUN_PORTS("probe-sh", plain_rows), *log;
	int status;

	(void)state;
	assert_int_equal(strncmp(out, "#!/bin/sh\n", 10), 0);
	assert_non_null(strstr(out, "\nprobe_tcp 'fe1.example.com' 5061 '5061' 'TCP (TLS)'\n"));
	assert_non_null(strstr(out, "\nprobe_udp 'fe2.example.com' '1434' 'SQL Browser, UDP'\n"));
	log = probe_sh_run(out, &status);
	assert_string_equal(log, "[-z][-w][3][--][fe1.example.com][5061]\n"
				 "[-z][-w][3][--][fe1.example.com][5062]\n"
				 "[-z][-w][3][--][fe1.example.com][5063]\n"
				 "[-z][-w][3][--][fe1.example.com][49152]\n"
				 "[-z][-w][3][--][fe1.example.com][57501]\n"
				 "[-z][-w][3][--][fe1.example.com][49152]\n"
				 "[-z][-w][3][--][fe2.example.com][5061]\n");
	assert_int_not_equal(status, 0); /* closed ports: exit status 1 */
	free(log);
	free(out);
}

/* ---- firewall formats refuse what they cannot read ---- */

static void test_bad_ports_refused(void **state)
{
	static const char *const rows[][NCOLS] = {
		{ "HQ", "p.example.com", "a.example.com", "", "internal", "front-end", "", "5061; rm -rf /", "TCP", "", "", "" },
	};
	static const char *const transport[][NCOLS] = {
		{ "HQ", "p.example.com", "a.example.com", "", "internal", "front-end", "", "5061", "SCTP", "", "", "" },
	};
	static const char *const formats[] = { "ps1", "netsh", "nft", "probe-ps1", "probe-sh" };
	enum lp_status s;
	size_t i, len;

	(void)state;
	for (i = 0; i < COUNT(formats); i++) {
		assert_null(run(formats[i], &ports_table, &rows[0][0], 1, "", &s, &len));
		assert_int_equal(s, LP_EINPUT);
		assert_null(run(formats[i], &ports_table, &transport[0][0], 1, "", &s, &len));
		assert_int_equal(s, LP_EINPUT);
	}
}

static void test_ports_only_formats(void **state)
{
	static const char *const formats[] = { "checklist", "ps1", "netsh", "nft", "probe-ps1", "probe-sh" };
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(formats); i++) {
		assert_true(export_accepts(export_find(formats[i]), "ports"));
		assert_false(export_accepts(export_find(formats[i]), "catalog"));
	}
	assert_true(export_accepts(export_find("json"), "catalog"));
}

/* ---- the hostile table in every format ---- */

static void text_check(const char *text, size_t nrows)
{
	size_t lines = 0;
	const char *p;

	for (p = text; *p; p++) {
		if (*p == '\n')
			lines++;
		else
			assert_true((unsigned char)*p >= 0x20 && *p != 0x7f);
	}
	assert_int_equal(lines, nrows + 1);
	assert_true(valid_utf8(text));
}

static void test_hostile_every_format(void **state)
{
	const struct export_format *const *f;
	const size_t n = COUNT(hostile_rows);
	char *frame;

	(void)state;
	for (f = export_formats; *f; f++) {
		const char *name = (*f)->name;
		char *out = run_ok(name, &ports_table, &hostile_rows[0][0], n, "`lab` $(x) <b>");

		if (strcmp(name, "text") == 0) {
			text_check(out, n);
		} else if (strcmp(name, "csv") == 0) {
			const char *want[(COUNT(hostile_rows) + 1) * NCOLS];
			char guarded[COUNT(hostile_rows) * NCOLS][256];
			size_t i;

			for (i = 0; i < NCOLS; i++)
				want[i] = port_cols[i];
			for (i = 0; i < n * NCOLS; i++) {
				const char *cell = hostile_rows[i / NCOLS][i % NCOLS];

				snprintf(guarded[i], sizeof guarded[i], "%s%s",
					 cell[0] && strchr("=+-@\t\r", cell[0]) ? "'" : "", cell);
				want[NCOLS + i] = guarded[i];
			}
			csv_expect(out, want, (n + 1) * NCOLS);
		} else if (strcmp(name, "md") == 0) {
			md_check(out, n);
		} else if (strcmp(name, "checklist") == 0) {
			checklist_check(out, n);
		} else if (strcmp(name, "html") == 0) {
			html_check(out, n);
		} else if (strcmp(name, "json") == 0) {
			json_check(out, hostile_rows, n);
		} else if (strcmp(name, "ps1") == 0 || strcmp(name, "probe-ps1") == 0) {
			bool probe = strcmp(name, "probe-ps1") == 0;

			frame = run_ok(name, &ports_table, NULL, 0, "`lab` $(x) <b>");
			assert_true(ps1_check(out, frame, probe ? probe_ps1_lines : ps1_rule_lines,
					      hostile_rows, n, probe ? -1 : 2) > 0);
			free(frame);
		} else if (strcmp(name, "netsh") == 0) {
			frame = run_ok(name, &ports_table, NULL, 0, "`lab` $(x) <b>");
			netsh_check(out, frame);
			free(frame);
		} else if (strcmp(name, "nft") == 0) {
			nft_check(out);
		} else if (strcmp(name, "probe-sh") == 0) {
			int status;
			char *log = probe_sh_run(out, &status), *pwned = tu_path(dir, "pwned-sh");

			/* The second row is on an external interface: its address. */
			assert_string_equal(log, "[-z][-w][3][--][" EVIL_SERVER "][5061]\n"
						 "[-z][-w][3][--][10.0.0.1; drop][49152]\n");
			assert_int_equal(access(pwned, F_OK), -1);
			free(pwned);
			free(log);
		} else {
			fail_msg("format %s has no check here", name);
		}
		free(out);
	}
}

static int setup(void **state)
{
	(void)state;
	setenv("SOURCE_DATE_EPOCH", "0", 1);
	dir = tu_tmpdir();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	tu_rmtree(dir);
	free(dir);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv_quoting),
		cmocka_unit_test(test_csv_formula_guard),
		cmocka_unit_test(test_csv_bom),
		cmocka_unit_test(test_text_escapes_unsafe),
		cmocka_unit_test(test_text_width_and_wrap),
		cmocka_unit_test(test_md_escaping),
		cmocka_unit_test(test_checklist),
		cmocka_unit_test(test_html_escaping),
		cmocka_unit_test(test_json_ports),
		cmocka_unit_test(test_json_other_table),
		cmocka_unit_test(test_source_date_epoch),
		cmocka_unit_test(test_ps1_rules),
		cmocka_unit_test(test_probe_ps1),
		cmocka_unit_test(test_netsh),
		cmocka_unit_test(test_nft),
		cmocka_unit_test(test_interfaces),
		cmocka_unit_test(test_groups_returning),
		cmocka_unit_test(test_flows_nft),
		cmocka_unit_test(test_flows_ps1),
		cmocka_unit_test(test_flows_netsh),
		cmocka_unit_test(test_probe_sh),
		cmocka_unit_test(test_bad_ports_refused),
		cmocka_unit_test(test_ports_only_formats),
		cmocka_unit_test(test_hostile_every_format),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
