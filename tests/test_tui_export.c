/* test_tui_export.c - the interface's export dialog without a terminal:
 * every view but Help exports a table; the Ports and Flows views export
 * their scope and filter, the same rows they show; formats, keys and default names; the
 * steps from the format menu to the file, the question before replacing
 * and the one-line error; the topology's own file is never a target. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "export/export.h"
#include "tables.h"
#include "testutil.h"
#include "topology.h"
#include "tui/view.h"
#include "tui/view_export.h"
#include "tuitest.h"

/* The demo, with a scratch directory for the files written. */
static struct fixture *export_fixture(void)
{
	struct fixture *f = fixture_new(true);

	f->ctx.export.topology_name = "demo";
	f->dir = tu_tmpdir();
	return f;
}

/* The index of format name in the dialog's list, or -1. */
static int format_index(const struct view_export *e, const char *name)
{
	int i;

	for (i = 0; i < e->nformats; i++)
		if (strcmp(e->formats[i]->name, name) == 0)
			return i;
	return -1;
}

/* Lines of a CRLF file less the header: its rows. */
static long csv_rows(const char *path)
{
	size_t len, i;
	unsigned char *b = tu_read_file(path, &len);
	long lines = 0;

	assert_non_null(b);
	for (i = 0; i < len; i++)
		lines += b[i] == '\n';
	free(b);
	return lines - 1;
}

/* Every view that declares a table offers its formats, csv first chosen;
 * Help has nothing to export. */
static void test_every_view_but_help_exports(void **state)
{
	static const enum view_id exporting[] = { VIEW_TOPOLOGY, VIEW_PORTS, VIEW_LB, VIEW_CLIENTS,
						  VIEW_FLOWS, VIEW_CHECKS, VIEW_CATALOG };
	struct fixture *f = export_fixture();
	struct action act = { ACT_NONE };
	size_t i;
	int id;

	(void)state;
	for (i = 0; i < sizeof exporting / sizeof exporting[0]; i++)
		assert_non_null(f->ctx.views[exporting[i]]->ops->export_table);
	for (id = 0; id < VIEW_COUNT; id++) {
		struct view *v = view_of(f, (enum view_id)id);

		memset(&act, 0, sizeof act);
		view_export_start(v, &act);
		if (!v->ops->export_table) {
			assert_true(id != VIEW_TOPOLOGY && id != VIEW_PORTS);
			assert_int_equal(act.kind, ACT_STATUS);
			assert_non_null(strstr(act.text, "nothing to export"));
			continue;
		}
		assert_int_equal(act.kind, ACT_MENU);
		assert_true(act.nitems >= 5); /* text, csv, md, html, json at least */
		assert_string_equal(f->ctx.export.formats[act.item]->name, "csv");
	}
	fixture_free(f);
}

/* Each item has its own key; only formats that take the table are offered. */
static void test_formats_and_keys(void **state)
{
	struct fixture *f = export_fixture();
	struct view_export *e = &f->ctx.export;
	int i, j;

	(void)state;
	assert_true(view_export_prepare(e, view_of(f, VIEW_PORTS)));
	assert_int_equal(e->nformats, 11);
	for (i = 0; i < e->nformats; i++)
		for (j = i + 1; j < e->nformats; j++)
			assert_true(e->items[i][0] != e->items[j][0]);
	assert_true(view_export_prepare(e, view_of(f, VIEW_CLIENTS)));
	assert_int_equal(format_index(e, "ps1"), -1);
	assert_int_equal(format_index(e, "nft"), -1);
	assert_true(format_index(e, "json") >= 0);
	fixture_free(f);
}

static void test_default_names(void **state)
{
	char buf[128];

	(void)state;
	view_export_default_name(export_find("csv"), TABLES_PORTS, buf, sizeof buf);
	assert_string_equal(buf, "lyncplan-ports.csv");
	view_export_default_name(export_find("text"), TABLES_CHECK, buf, sizeof buf);
	assert_string_equal(buf, "lyncplan-check.txt");
	view_export_default_name(export_find("netsh"), TABLES_PORTS, buf, sizeof buf);
	assert_string_equal(buf, "lyncplan-ports.cmd");
	view_export_default_name(export_find("probe-sh"), TABLES_PORTS, buf, sizeof buf);
	assert_string_equal(buf, "lyncplan-ports-probe.sh");
	view_export_default_name(export_find("checklist"), TABLES_PORTS, buf, sizeof buf);
	assert_string_equal(buf, "lyncplan-ports-checklist.md");
	view_export_default_name(export_find("html"), TABLES_LB_COMPARE, buf, sizeof buf);
	assert_string_equal(buf, "lyncplan-lb-compare.html");
}

/* The Ports view of a server, filtered: the file holds the rows shown. */
static void test_ports_exports_what_it_shows(void **state)
{
	struct fixture *f = export_fixture();
	struct view_export *e = &f->ctx.export;
	struct action act = { ACT_NONE }, next = { ACT_NONE };
	struct lp_error err = { LP_OK, "" };
	struct view *p;
	long rows;

	(void)state;
	assert_true(view_topology_show(view_of(f, VIEW_TOPOLOGY), "server", "fe01.contoso.com"));
	p = view_of(f, VIEW_PORTS);
	p->ops->request(p, REQ_FILTER, &act);
	act.answer(p, "tls", &next);
	assert_true(p->list.count > 0);
	assert_true(view_export_prepare(e, p));
	assert_string_equal(e->q.filter.server, "fe01.contoso.com");
	assert_string_equal(e->q.contains, "tls");
	assert_non_null(strstr(e->scope, "server fe01.contoso.com, filter \"tls\""));
	e->format = export_find("csv");
	snprintf(e->path, sizeof e->path, "%s/fe01.csv", f->dir);
	assert_int_equal(view_export_write(e, f->st, false, &rows, &err), LP_OK);
	assert_int_equal(rows, p->list.count);
	assert_int_equal(csv_rows(e->path), p->list.count);
	fixture_free(f);
}

/* The Flows view of a pool, filtered: the file holds the flows the caption
 * counts, each from or to the pool and with the filter's text. */
static void test_flows_exports_what_it_shows(void **state)
{
	struct fixture *f = export_fixture();
	struct view_export *e = &f->ctx.export;
	struct action act = { ACT_NONE }, next = { ACT_NONE };
	struct lp_error err = { LP_OK, "" };
	char caption[256], shown[64], *b, *line, *save = NULL;
	size_t len;
	struct view *v;
	long rows;

	(void)state;
	assert_true(view_topology_show(view_of(f, VIEW_TOPOLOGY), "pool", "dirpool.contoso.com"));
	v = view_of(f, VIEW_FLOWS);
	v->ops->request(v, REQ_FILTER, &act);
	act.answer(v, "5061", &next);
	assert_true(view_export_prepare(e, v));
	assert_int_equal(e->q.table, TABLES_FLOWS);
	assert_string_equal(e->q.filter.pool, "dirpool.contoso.com");
	assert_string_equal(e->q.contains, "5061");
	assert_non_null(strstr(e->scope, "pool dirpool.contoso.com, filter \"5061\""));
	e->format = export_find("csv");
	snprintf(e->path, sizeof e->path, "%s/flows.csv", f->dir);
	assert_int_equal(view_export_write(e, f->st, false, &rows, &err), LP_OK);
	v->ops->caption(v, caption, sizeof caption);
	snprintf(shown, sizeof shown, ": %ld flows", rows);
	assert_true(rows >= 2);
	assert_non_null(strstr(caption, shown));
	assert_int_equal(csv_rows(e->path), rows);
	b = (char *)tu_read_file(e->path, &len);
	assert_non_null(b);
	line = strtok_r(b, "\n", &save); /* the header */
	while ((line = strtok_r(NULL, "\n", &save))) {
		assert_non_null(strstr(line, "dirpool.contoso.com"));
		assert_non_null(strstr(line, "5061"));
	}
	free(b);
	fixture_free(f);
}

/* The Load balancing view exports the pool it shows, both modes. */
static void test_lb_exports_its_pool(void **state)
{
	struct fixture *f = export_fixture();
	struct view_export *e = &f->ctx.export;

	(void)state;
	assert_true(view_export_prepare(e, view_of(f, VIEW_LB)));
	assert_int_equal(e->q.table, TABLES_LB_COMPARE);
	assert_non_null(e->q.filter.pool);
	assert_non_null(strstr(e->scope, e->q.filter.pool));
	fixture_free(f);
}

/* Menu, path, then a file; the same path again asks before replacing. */
static void test_steps(void **state)
{
	struct fixture *f = export_fixture();
	struct view *v = view_of(f, VIEW_CHECKS);
	struct action menu = { ACT_NONE }, prompt = { ACT_NONE }, done = { ACT_NONE };
	struct action ask = { ACT_NONE }, replaced = { ACT_NONE };
	char *path = tu_path(f->dir, "checks.json");
	char want[600];

	(void)state;
	view_export_start(v, &menu);
	menu.pick(v, format_index(&f->ctx.export, "json"), &prompt);
	assert_int_equal(prompt.kind, ACT_PROMPT);
	assert_string_equal(prompt.initial, "lyncplan-check.json");
	prompt.answer(v, path, &done);
	assert_int_equal(done.kind, ACT_STATUS);
	snprintf(want, sizeof want, "rows to %s", path);
	assert_non_null(strstr(done.text, want));
	assert_non_null(strstr(done.text, "Wrote "));
	tu_write_file(path, "old", 3);
	prompt.answer(v, path, &ask);
	assert_int_equal(ask.kind, ACT_CONFIRM);
	assert_non_null(strstr(ask.text, "Replace"));
	tu_assert_file_is(path, (const unsigned char *)"old", 3); /* nothing yet */
	ask.confirmed(v, &replaced);
	assert_int_equal(replaced.kind, ACT_STATUS);
	assert_true(csv_rows(path) > 0);
	free(path);
	fixture_free(f);
}

/* A path in a missing directory, an empty path or "-": one line, no file. */
static void test_refusals(void **state)
{
	struct fixture *f = export_fixture();
	struct view *v = view_of(f, VIEW_CLIENTS);
	struct action menu = { ACT_NONE }, prompt = { ACT_NONE }, out = { ACT_NONE };
	char *path = tu_path(f->dir, "missing/clients.csv");

	(void)state;
	view_export_start(v, &menu);
	menu.pick(v, menu.item, &prompt);
	prompt.answer(v, path, &out);
	assert_int_equal(out.kind, ACT_ERROR);
	assert_null(strchr(out.text, '\n'));
	assert_true(out.text[0] != '\0');
	memset(&out, 0, sizeof out);
	prompt.answer(v, "", &out);
	assert_int_equal(out.kind, ACT_ERROR);
	memset(&out, 0, sizeof out);
	prompt.answer(v, "-", &out);
	assert_int_equal(out.kind, ACT_ERROR);
	free(path);
	fixture_free(f);
}

/* The topology's own file, or its WAL file, is refused before the
 * question and when written with replacing; the file keeps its bytes, and
 * once closed nothing is left beside it. */
static void test_database_refused(void **state)
{
	struct fixture *f = export_fixture();
	struct view *v = view_of(f, VIEW_PORTS);
	struct action menu = { ACT_NONE }, prompt = { ACT_NONE }, out = { ACT_NONE };
	char *db = tu_path(f->dir, "plan.db"), *wal = tu_path(f->dir, "plan.db-wal");
	struct lp_error err = { LP_OK, "" };
	unsigned char *before;
	struct store *file;
	size_t len;
	long rows;

	(void)state;
	assert_int_equal(store_open(db, STORE_WRITE, false, &file, &err), LP_OK);
	assert_int_equal(topology_load_demo(file, &err), LP_OK);
	f->ctx.st = file;
	before = tu_read_file(db, &len);
	assert_non_null(before);
	view_export_start(v, &menu);
	menu.pick(v, menu.item, &prompt);
	prompt.answer(v, db, &out);
	assert_int_equal(out.kind, ACT_ERROR);
	assert_non_null(strstr(out.text, "never replaces the topology database"));
	memset(&out, 0, sizeof out);
	prompt.answer(v, wal, &out);
	assert_int_equal(out.kind, ACT_ERROR);
	snprintf(f->ctx.export.path, sizeof f->ctx.export.path, "%s", db);
	assert_int_equal(view_export_write(&f->ctx.export, file, true, &rows, &err), LP_EIO);
	assert_int_equal(rows, 0);
	tu_assert_file_is(db, before, len);
	f->ctx.st = f->st;
	store_close(file);
	assert_int_not_equal(access(wal, F_OK), 0);
	free(before);
	free(db);
	free(wal);
	fixture_free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_view_but_help_exports),
		cmocka_unit_test(test_formats_and_keys),
		cmocka_unit_test(test_default_names),
		cmocka_unit_test(test_ports_exports_what_it_shows),
		cmocka_unit_test(test_flows_exports_what_it_shows),
		cmocka_unit_test(test_lb_exports_its_pool),
		cmocka_unit_test(test_steps),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_database_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
