/* test_tui_flows.c - the Flows view without a terminal: one heading per
 * pair of ends over its port rows, the same flows as the plan, the detail
 * pane, scoping to the pool chosen in Topology, the text filter, search,
 * and hostile names kept terminal-safe. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "plan.h"
#include "testutil.h"
#include "topology.h"
#include "tui/view.h"
#include "tuitest.h"

/* The Flows view of the demo, loaded. */
static struct view *flows_view(struct fixture *f)
{
	return view_of(f, VIEW_FLOWS);
}

static const char *row_text(struct view *v, long i, enum row_style *style)
{
	static char buf[1024];
	enum row_style st = v->ops->row(v, i, 200, buf, sizeof buf);

	if (style)
		*style = st;
	return buf;
}

static const char *caption(struct view *v)
{
	static char buf[1024];

	v->ops->caption(v, buf, sizeof buf);
	return buf;
}

static const char *detail(struct view *v, long i)
{
	static char buf[4096];

	v->ops->detail(v, i, buf, sizeof buf);
	return buf;
}

/* First row containing text from row `from`, or -1. */
static long find_row(struct view *v, long from, const char *text)
{
	long i;

	for (i = from; i < v->list.count; i++)
		if (strstr(row_text(v, i, NULL), text))
			return i;
	return -1;
}

static int count_flow(const struct plan_flow_row *r, void *ud)
{
	(void)r;
	(*(long *)ud)++;
	return 0;
}

/* Data rows of the view (those that are not headings). */
static long data_rows(struct view *v)
{
	long i, n = 0;
	enum row_style st;

	for (i = 0; i < v->list.count; i++) {
		row_text(v, i, &st);
		n += st != STYLE_GROUP;
	}
	return n;
}

/* Every flow of the plan is a row, under a heading naming its two ends. */
static void test_flows_grouped(void **state)
{
	struct fixture *f = fixture_new(true);
	struct view *v = flows_view(f);
	struct lp_error err;
	enum row_style st;
	long want = 0, head, row;

	(void)state;
	assert_int_equal(plan_flows(f->st, NULL, NULL, NULL, count_flow, &want, &err), LP_OK);
	assert_true(want > 10);
	assert_int_equal(data_rows(v), want);
	assert_non_null(strstr(caption(v), "Flows of the whole topology: "));
	head = find_row(v, 0, "external clients -> edgepool.contoso.com A/V Edge external interface"
			      " (internet to perimeter)");
	assert_true(head >= 0);
	row_text(v, head, &st);
	assert_int_equal(st, STYLE_GROUP);
	row = find_row(v, head, " 3478 ");
	assert_true(row > head);
	assert_non_null(strstr(row_text(v, row, &st), "UDP"));
	assert_int_equal(st, STYLE_NORMAL);
	/* The next heading comes after the rows of this pair. */
	assert_true(find_row(v, head + 1, " -> ") > row);
	fixture_free(f);
}

/* The pane says where, why, under which condition and from which rows. */
static void test_flows_detail(void **state)
{
	struct fixture *f = fixture_new(true);
	struct view *v = flows_view(f);
	long head = find_row(v, 0, "rp.contoso.com internal interface -> fepool.contoso.com ");
	long row = find_row(v, head, " 4443 ");
	const char *d;

	(void)state;
	assert_true(head >= 0 && row > head);
	d = detail(v, row);
	assert_ptr_equal(strstr(d, "Why: Web server component: HTTPS (from Reverse Proxy)"), d);
	assert_non_null(strstr(d, "\nCondition: always\n"));
	assert_non_null(strstr(d, "\nSource: Required Server Ports (by Server Role) #14"));
	assert_non_null(strstr(d, "\nTCP 4443 HTTPS, perimeter to internal: "
				  "rp.contoso.com internal interface (192.0.2.51) -> "
				  "fepool.contoso.com (192.0.2.11, 192.0.2.12, 192.0.2.13)"));
	fixture_free(f);
}

/* A pool chosen in Topology narrows the view to its flows; o undoes it. */
static void test_flows_scope(void **state)
{
	struct fixture *f = fixture_new(true);
	struct view *t = f->ctx.views[VIEW_TOPOLOGY], *v;
	struct action act = { ACT_NONE };
	struct lp_error err = { LP_OK, "" };
	long all, from = 0, to = 0, i;

	(void)state;
	all = data_rows(flows_view(f));
	assert_int_equal(view_refresh(t, &err), LP_OK);
	assert_true(view_topology_show(t, "pool", "rp.contoso.com"));
	v = flows_view(f);
	assert_non_null(strstr(caption(v), "Flows from or to pool rp.contoso.com: "));
	assert_int_equal(plan_flows(f->st, "rp.contoso.com", NULL, NULL, count_flow, &from, &err), LP_OK);
	assert_int_equal(plan_flows(f->st, NULL, "rp.contoso.com", NULL, count_flow, &to, &err), LP_OK);
	assert_int_equal(data_rows(v), from + to);
	assert_true(data_rows(v) < all);
	for (i = 0; i < v->list.count; i++)
		assert_non_null(strstr(detail(v, i), "rp.contoso.com "));
	v->ops->request(v, REQ_SCOPE, &act);
	assert_int_equal(act.kind, ACT_DONE);
	assert_int_equal(data_rows(v), all);
	fixture_free(f);
}

/* f keeps the flows containing a text, with their headings. */
static void test_flows_filter(void **state)
{
	struct fixture *f = fixture_new(true);
	struct view *v = flows_view(f);
	struct action act = { ACT_NONE }, next = { ACT_NONE };
	enum row_style st;
	long i;

	(void)state;
	v->ops->request(v, REQ_FILTER, &act);
	assert_int_equal(act.kind, ACT_PROMPT);
	act.answer(v, "mstURN", &next);
	assert_int_equal(next.kind, ACT_STATUS);
	assert_non_null(strstr(caption(v), "filter \"mstURN\""));
	assert_true(v->list.count > 1);
	for (i = 0; i < v->list.count; i++) {
		row_text(v, i, &st);
		if (st != STYLE_GROUP)
			assert_non_null(lp_find_nocase(detail(v, i), "msturn"));
	}
	act.answer(v, "no such flow", &next);
	assert_string_equal(next.text, "no flow matches the filter");
	assert_int_equal(v->list.count, 0);
	fixture_free(f);
}

/* / finds a flow by what the pane shows (the source), not only the row. */
static void test_flows_search(void **state)
{
	struct fixture *f = fixture_new(true);
	struct view *v = flows_view(f);

	(void)state;
	snprintf(v->search, sizeof v->search, "reverse-proxy.md");
	assert_true(view_find(v, 1));
	assert_non_null(strstr(detail(v, v->list.cursor), "lync-server-2013-port-summary-reverse-proxy.md"));
	fixture_free(f);
}

/* A party or pool name with control characters reaches the screen escaped. */
static void test_flows_escaped(void **state)
{
	struct fixture *f = fixture_new(true);
	struct view *v;
	long i;

	(void)state;
	/* Another program may write anything into the file. */
	assert_int_equal(sqlite3_exec(store_db(f->st), "UPDATE server SET address = '192.0.2.51'"
				      " || char(27) || '[2J' WHERE address = '192.0.2.51'",
				      NULL, NULL, NULL), SQLITE_OK);
	v = flows_view(f);
	for (i = 0; i < v->list.count; i++) {
		assert_null(strchr(row_text(v, i, NULL), 27));
		assert_null(strchr(detail(v, i), 27));
	}
	i = find_row(v, 0, "rp.contoso.com internal interface -> ");
	assert_true(i >= 0);
	assert_non_null(strstr(detail(v, i), "192.0.2.51\\x1B[2J"));
	fixture_free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_flows_grouped),
		cmocka_unit_test(test_flows_detail),
		cmocka_unit_test(test_flows_scope),
		cmocka_unit_test(test_flows_filter),
		cmocka_unit_test(test_flows_search),
		cmocka_unit_test(test_flows_escaped),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
