/* test_tui_views.c - what the interface's views show and what their keys
 * do, without a terminal: the topology tree and its forms, questions and
 * folds; the Ports view's paging against the plan it pages through; the
 * load balancing switch; the jump from a check; help from the key table. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "embedded.h"
#include "plan.h"
#include "testutil.h"
#include "topology.h"
#include "tui/form.h"
#include "tui/ports_cache.h"
#include "tui/view.h"
#include "tuitest.h"

static const char *row_text(struct view *v, long i)
{
	static char buf[1024];

	v->ops->row(v, i, 200, buf, sizeof buf);
	return buf;
}

static const char *caption(struct view *v)
{
	static char buf[1024];

	v->ops->caption(v, buf, sizeof buf);
	return buf;
}

/* First row containing text, or -1. */
static long find_row(struct view *v, const char *text)
{
	long i;

	for (i = 0; i < v->list.count; i++)
		if (strstr(row_text(v, i), text))
			return i;
	return -1;
}

static void test_empty_topology_hint(void **state)
{
	struct fixture *f = fixture_new(false);
	struct view *v = view_of(f, VIEW_TOPOLOGY);

	(void)state;
	/* Only the Network section: the section, the name and the two zones. */
	assert_int_equal(v->list.count, 4);
	assert_non_null(strstr(row_text(v, 0), "Network"));
	assert_non_null(strstr(caption(v), "a: add a site, D: load the demo topology"));
	fixture_free(f);
}

/* Sites hold pools, pools their servers and the load balancers serving them. */
static void test_topology_tree(void **state)
{
	struct fixture *f = fixture_new(true);
	struct view *v = view_of(f, VIEW_TOPOLOGY);
	long site = find_row(v, "- Redmond"), pool = find_row(v, "fepool.contoso.com");
	long server = find_row(v, "fe01.contoso.com"), lb = find_row(v, "hlb-fe-web");

	(void)state;
	assert_true(site >= 0 && pool > site && server > pool && lb > server);
	assert_non_null(strstr(row_text(v, pool), "Front End, DNS LB, +Mediation, CMS"));
	assert_non_null(strstr(row_text(v, server), "|  |- fe01.contoso.com"));
	assert_non_null(strstr(row_text(v, lb), "load balancer, VIP"));
	fixture_free(f);
}

/* Names another program wrote into the file reach the tree's rows with
 * control, direction and invisible characters escaped. */
static void test_topology_rows_escaped(void **state)
{
	struct fixture *f = fixture_new(true);
	struct view *v;
	char ch[4], sql[256], want[32];
	long i, row;
	size_t k;

	(void)state;
	for (k = 0; k < tu_unsafe_count; k++) {
		snprintf(sql, sizeof sql, "UPDATE site SET name = 'Red' || char(%u) || 'mond'"
			 " WHERE id = (SELECT site_id FROM pool WHERE fqdn = 'fepool.contoso.com');"
			 " UPDATE load_balancer SET name = 'hlb' || char(%u) || id",
			 tu_unsafe_points[k], tu_unsafe_points[k]);
		assert_int_equal(sqlite3_exec(store_db(f->st), sql, NULL, NULL, NULL), SQLITE_OK);
		view_touch(&f->ctx);
		v = view_of(f, VIEW_TOPOLOGY);
		tu_utf8(tu_unsafe_points[k], ch);
		for (i = 0; i < v->list.count; i++)
			if (strstr(row_text(v, i), ch))
				fail_msg("U+%04X reaches row %ld raw", tu_unsafe_points[k], i);
		snprintf(want, sizeof want, "- Red\\u%04Xmond", tu_unsafe_points[k]);
		assert_true(find_row(v, want) >= 0);
		snprintf(want, sizeof want, "hlb\\u%04X", tu_unsafe_points[k]);
		row = find_row(v, want);
		assert_true(row >= 0);
		assert_non_null(strstr(row_text(v, row), "load balancer, VIP"));
	}
	fixture_free(f);
}

/* Left folds a pool (its servers leave the list), right unfolds it. */
static void test_topology_fold(void **state)
{
	struct fixture *f = fixture_new(true);
	struct view *v = view_of(f, VIEW_TOPOLOGY);
	struct action act = { ACT_NONE };
	long count = v->list.count;

	(void)state;
	list_goto(&v->list, find_row(v, "fepool.contoso.com"));
	v->ops->request(v, REQ_LEFT, &act);
	assert_true(v->list.count < count);
	assert_int_equal(find_row(v, "fe01.contoso.com"), -1);
	assert_non_null(strstr(row_text(v, v->list.cursor), "+ fepool.contoso.com"));
	v->ops->request(v, REQ_RIGHT, &act);
	assert_int_equal(v->list.count, count);
	assert_true(find_row(v, "fe01.contoso.com") > 0);
	fixture_free(f);
}

/* The item under the cursor is the scope of the Ports view. */
static void test_selection_scopes_ports(void **state)
{
	struct fixture *f = fixture_new(true);
	struct view *t = view_of(f, VIEW_TOPOLOGY), *p;
	struct plan_filter pf = { .server = "fe01.contoso.com" };
	struct lp_error err;
	long want;

	(void)state;
	assert_true(view_topology_show(t, "server", "FE01.contoso.com"));
	assert_int_equal(f->ctx.sel.kind, SEL_SERVER);
	assert_string_equal(f->ctx.sel.pool, "fepool.contoso.com");
	p = view_of(f, VIEW_PORTS);
	assert_int_equal(plan_port_count(f->st, &pf, &want, &err), LP_OK);
	assert_int_equal(p->list.count, want);
	assert_non_null(strstr(caption(p), "Ports of server fe01.contoso.com"));
	/* The server is named on its first row only. */
	assert_non_null(strstr(row_text(p, 0), "fe01.contoso.com"));
	assert_null(strstr(row_text(p, 1), "fe01.contoso.com"));
	fixture_free(f);
}

/* An Edge Server's rows name the interface each port is on, and the
 * detail pane its address, or that it has none. */
static void test_ports_interfaces(void **state)
{
	struct fixture *f = fixture_new(true);
	struct view *t = view_of(f, VIEW_TOPOLOGY), *p;
	char detail[2048];
	long i;

	(void)state;
	assert_true(view_topology_show(t, "server", "edge01.contoso.com"));
	p = view_of(f, VIEW_PORTS);
	i = find_row(p, "external-av");
	assert_true(i >= 0);
	p->ops->detail(p, i, detail, sizeof detail);
	assert_non_null(strstr(detail, "on edge01.contoso.com (external-av interface, no address;"));
	i = find_row(p, "internal");
	assert_true(i >= 0);
	p->ops->detail(p, i, detail, sizeof detail);
	assert_non_null(strstr(detail, "on edge01.contoso.com 192.0.2.41 (internal interface;"));
	fixture_free(f);
}

/* a, then Site: a form whose submission writes the site. */
static void test_add_site_form(void **state)
{
	struct fixture *f = fixture_new(false);
	struct view *v = view_of(f, VIEW_TOPOLOGY);
	struct action act = { ACT_NONE }, next = { ACT_NONE };
	struct lp_error err;

	(void)state;
	v->ops->request(v, REQ_ADD, &act);
	assert_int_equal(act.kind, ACT_MENU);
	assert_string_equal(act.items[act.item], "s Site");
	act.pick(v, act.item, &next);
	assert_int_equal(next.kind, ACT_FORM);
	assert_true(form_set(next.form, 0, "HQ"));
	assert_int_equal(form_submit(next.form, f->st, &err), LP_OK);
	free(next.form);
	view_touch(&f->ctx);
	v = view_of(f, VIEW_TOPOLOGY);
	assert_int_equal(v->list.count, 1 + 4); /* the site, then the Network section */
	assert_non_null(strstr(row_text(v, 0), "HQ"));
	assert_int_equal(f->ctx.sel.kind, SEL_SITE); /* the cursor is on it */
	fixture_free(f);
}

/* A bad FQDN or address is refused as it is typed and on submit; nothing
 * is written. */
static void test_server_form_refuses(void **state)
{
	struct fixture *f = fixture_new(true);
	struct view *v = view_of(f, VIEW_TOPOLOGY);
	struct action act = { ACT_NONE }, next = { ACT_NONE };
	struct lp_error err;
	struct form *form;

	(void)state;
	assert_true(view_topology_show(v, "pool", "fepool.contoso.com"));
	v->ops->request(v, REQ_ADD, &act);
	assert_string_equal(act.items[act.item], "v Server");
	act.pick(v, act.item, &next);
	form = next.form;
	assert_string_equal(form_value(form, 1), "fepool.contoso.com");
	assert_false(form_set(form, 0, "bad_name.contoso.com"));
	assert_non_null(strstr(form->fields[0].msg, "FQDN 'bad_name.contoso.com'"));
	assert_int_equal(form_submit(form, f->st, &err), LP_EINPUT);
	assert_string_equal(form->msg, form->fields[0].msg);
	/* An address that is no host's, as the command line refuses it. */
	assert_false(form_set(form, 2, "127.0.0.1"));
	assert_non_null(strstr(form->fields[2].msg, "'127.0.0.1' is a loopback address, not a host"));
	assert_false(form_set(form, 2, "::ffff:192.0.2.1"));
	assert_non_null(strstr(form->fields[2].msg, "IPv4-mapped IPv6 address, not a host"));
	assert_true(form_set(form, 2, "2001:db8::10"));
	/* A good FQDN in a pool that does not exist: the model refuses. */
	assert_true(form_set(form, 0, "fe09.contoso.com"));
	assert_true(form_set(form, 1, "nopool.contoso.com"));
	assert_int_equal(form_submit(form, f->st, &err), LP_EINPUT);
	assert_non_null(strstr(form->msg, "nopool.contoso.com"));
	free(form);
	view_touch(&f->ctx);
	v = view_of(f, VIEW_TOPOLOGY);
	assert_int_equal(find_row(v, "fe09"), -1);
	assert_int_equal(find_row(v, "bad_name"), -1);
	fixture_free(f);
}

/* d asks, naming the servers and load balancer; yes deletes. */
static void test_delete_pool(void **state)
{
	struct fixture *f = fixture_new(true);
	struct view *v = view_of(f, VIEW_TOPOLOGY);
	struct action act = { ACT_NONE };
	struct lp_error err;

	(void)state;
	assert_true(view_topology_show(v, "pool", "fepool.contoso.com"));
	v->ops->request(v, REQ_DELETE, &act);
	assert_int_equal(act.kind, ACT_CONFIRM);
	assert_non_null(strstr(act.text, "Delete pool fepool.contoso.com?"));
	assert_non_null(strstr(act.text, "fe01.contoso.com, fe02.contoso.com"));
	assert_non_null(strstr(act.text, "hlb-fe-web"));
	assert_int_equal(act.yes(v, &err), LP_OK);
	view_touch(&f->ctx);
	v = view_of(f, VIEW_TOPOLOGY);
	assert_int_equal(find_row(v, "fepool.contoso.com"), -1);
	assert_int_equal(find_row(v, "fe01.contoso.com"), -1);
	fixture_free(f);
}

/* D on an empty file asks, then loads the demo. */
static void test_demo_request(void **state)
{
	struct fixture *f = fixture_new(false);
	struct view *v = view_of(f, VIEW_TOPOLOGY);
	struct action act = { ACT_NONE };
	struct lp_error err;

	(void)state;
	v->ops->request(v, REQ_DEMO, &act);
	assert_int_equal(act.kind, ACT_CONFIRM);
	assert_int_equal(act.yes(v, &err), LP_OK);
	view_touch(&f->ctx);
	v = view_of(f, VIEW_TOPOLOGY);
	assert_true(find_row(v, "fepool.contoso.com") >= 0);
	fixture_free(f);
}

/* Adds `pools` Front End pools of `servers` servers each. */
static void build_topology(struct store *st, int pools, int servers)
{
	struct lp_error err;
	char pool[64], server[64];
	int p, s;

	assert_int_equal(topology_site_add(st, "S", "", &err), LP_OK);
	for (p = 0; p < pools; p++) {
		struct topo_pool_spec spec = { .fqdn = pool, .site = "S", .role = ROLE_FRONT_END,
					       .edition = EDITION_ENTERPRISE };

		snprintf(pool, sizeof pool, "pool%02d.contoso.com", p);
		assert_int_equal(topology_pool_add(st, &spec, &err), LP_OK);
		for (s = 0; s < servers; s++) {
			snprintf(server, sizeof server, "fe%02d-%02d.contoso.com", p, s);
			assert_int_equal(topology_server_add(st, server, pool, "", &err), LP_OK);
		}
	}
}

struct streamed {
	const char *needle; /* keep rows with it in a field; NULL: all */
	char (*keys)[128];
	long n, cap;
};

static bool row_has(const struct plan_port_row *r, const char *needle)
{
	const char *fields[] = { r->server, r->pool, r->site, r->address, r->role, r->service,
				 r->ports, r->transport, r->protocol, r->notes, r->source };
	size_t i;

	for (i = 0; i < sizeof fields / sizeof fields[0]; i++)
		if (fields[i] && strstr(fields[i], needle))
			return true;
	return false;
}

static int stream_row(const struct plan_port_row *r, void *ud)
{
	struct streamed *s = ud;

	if (s->needle && !row_has(r, s->needle))
		return 0;
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 1024;
		s->keys = realloc(s->keys, (size_t)s->cap * sizeof *s->keys);
		assert_non_null(s->keys);
	}
	snprintf(s->keys[s->n++], sizeof s->keys[0], "%s|%s|%s", r->server, r->ports, r->transport);
	return 0;
}

static void assert_row_is(struct ports_cache *c, long i, const char *want)
{
	struct lp_error err = { LP_OK, "" };
	const struct port_row *r = ports_get(c, i, &err);
	char got[128];

	assert_non_null(r);
	snprintf(got, sizeof got, "%s|%s|%s", r->server_key, r->ports, r->transport);
	assert_string_equal(got, want);
}

/* Paging by keyset gives exactly the plan's rows in the plan's order,
 * read forward, from the end backward and at random. */
static void test_ports_paging(void **state)
{
	struct store *st = tu_memory_store();
	struct plan_filter all = { 0 };
	struct ports_cache c = { 0 };
	struct streamed s = { 0 };
	struct lp_error err;
	long i;

	(void)state;
	build_topology(st, 6, 8);
	assert_int_equal(plan_port_matrix(st, &all, NULL, 0, stream_row, &s, &err), LP_OK);
	assert_true(s.n > 4L * PORTS_BLOCK);
	assert_int_equal(ports_open(&c, st, &all, "", PORTS_BY_PORT, &err), LP_OK);
	assert_int_equal(c.count, s.n);
	assert_row_is(&c, s.n - 1, s.keys[s.n - 1]);
	for (i = s.n - 1; i >= 0; i--)
		assert_row_is(&c, i, s.keys[i]);
	for (i = 0; i < s.n; i += 37)
		assert_row_is(&c, (i * 7919L) % s.n, s.keys[(i * 7919L) % s.n]);
	assert_null(ports_get(&c, s.n, &err));
	ports_close(&c);
	free(s.keys);
	store_close(st);
}

/* Reading ahead caches the block a page away, with the plan's rows. */
static void test_ports_read_ahead(void **state)
{
	struct store *st = tu_memory_store();
	struct plan_filter all = { 0 };
	struct ports_cache c = { 0 };
	struct streamed s = { 0 };
	struct lp_error err;
	int i, cached = 0;
	long next;

	(void)state;
	build_topology(st, 6, 8);
	assert_int_equal(plan_port_matrix(st, &all, NULL, 0, stream_row, &s, &err), LP_OK);
	assert_int_equal(ports_open(&c, st, &all, "", PORTS_BY_PORT, &err), LP_OK);
	assert_row_is(&c, 0, s.keys[0]);
	assert_true(c.ncps > 1);
	next = c.cps[1].start;
	ports_prefetch(&c, next);
	for (i = 0; i < PORTS_CACHED_BLOCKS; i++)
		cached += c.blocks[i].valid && c.blocks[i].start == next;
	assert_int_equal(cached, 1);
	for (i = 0; i < PORTS_BLOCK && next + i < s.n; i++)
		assert_row_is(&c, next + i, s.keys[next + i]);
	ports_close(&c);
	free(s.keys);
	store_close(st);
}

struct names {
	char list[512];
};

static int name_server(const struct topo_server *r, void *ud)
{
	text_append(((struct names *)ud)->list, sizeof ((struct names *)ud)->list, "%s ", r->fqdn);
	return 0;
}

/* A pool's servers are listed by name, case aside, whatever order they
 * were added in: as the server list orders them. */
static void test_topology_server_order(void **state)
{
	static const char *const added[] = { "Web03.contoso.com", "web01.contoso.com",
					     "WEB04.contoso.com", "web02.contoso.com" };
	struct fixture *f = fixture_new(false);
	struct topo_pool_spec spec = { .fqdn = "web.contoso.com", .site = "S",
				       .role = ROLE_DIRECTOR };
	struct names listed = { "" }, shown = { "" };
	struct lp_error err;
	struct view *v;
	long i;

	(void)state;
	assert_int_equal(topology_site_add(f->st, "S", "", &err), LP_OK);
	assert_int_equal(topology_pool_add(f->st, &spec, &err), LP_OK);
	for (i = 0; i < 4; i++)
		assert_int_equal(topology_server_add(f->st, added[i], spec.fqdn, "", &err), LP_OK);
	assert_int_equal(topology_server_each(f->st, NULL, name_server, &listed, &err), LP_OK);
	assert_string_equal(listed.list, "web01.contoso.com web02.contoso.com "
			    "Web03.contoso.com WEB04.contoso.com ");
	v = view_of(f, VIEW_TOPOLOGY);
	for (i = 0; i < v->list.count; i++) {
		const char *name = strstr(row_text(v, i), "- ");

		/* A server: the pool has no digit, nor has the Network section a name. */
		if (name && strchr(name, '0') && strstr(name, ".contoso.com"))
			text_append(shown.list, sizeof shown.list, "%.17s ", name + 2);
	}
	assert_string_equal(shown.list, listed.list);
	fixture_free(f);
}

/* The labels of the fields form f shows, one after another. */
static const char *form_labels(const struct form *f)
{
	static char buf[512];
	int i;

	buf[0] = '\0';
	for (i = 0; i < f->nfields; i++)
		if (!f->fields[i].hidden)
			text_append(buf, sizeof buf, "%s|", f->fields[i].label);
	return buf;
}

/* The field of f labelled label (the test fails without one). */
static int form_field(const struct form *f, const char *label)
{
	int i;

	for (i = 0; i < f->nfields; i++)
		if (strcmp(f->fields[i].label, label) == 0)
			return i;
	fail_msg("no field %s in %s", label, form_labels(f));
	return -1;
}

/* e on the pool named fqdn: its form (the caller frees it). */
static struct form *pool_form(struct fixture *f, const char *fqdn)
{
	struct view *v = view_of(f, VIEW_TOPOLOGY);
	struct action act = { ACT_NONE };

	assert_true(view_topology_show(v, "pool", fqdn));
	v->ops->request(v, REQ_EDIT, &act);
	assert_int_equal(act.kind, ACT_FORM);
	return act.form;
}

/* e on the server named fqdn: its form (the caller frees it). */
static struct form *server_form(struct fixture *f, const char *fqdn)
{
	struct view *v = view_of(f, VIEW_TOPOLOGY);
	struct action act = { ACT_NONE };

	assert_true(view_topology_show(v, "server", fqdn));
	v->ops->request(v, REQ_EDIT, &act);
	assert_int_equal(act.kind, ACT_FORM);
	return act.form;
}

/* A pool's form holds the fields of its role only, and saving it leaves
 * what it does not show as it was. */
static void test_pool_form_by_role(void **state)
{
	struct fixture *f = fixture_new(true);
	struct view *v = view_of(f, VIEW_TOPOLOGY);
	struct action act = { ACT_NONE }, roles = { ACT_NONE }, next = { ACT_NONE };
	struct lp_error err;
	struct form *form;

	(void)state;
	form = pool_form(f, "dirpool.contoso.com");
	assert_string_equal(form_labels(form), "FQDN|Site|Load balancing|");
	form_cycle(form, form_field(form, "Load balancing"), 1); /* hardware -> none */
	assert_int_equal(form_submit(form, f->st, &err), LP_OK);
	free(form);
	form = pool_form(f, "edgepool.contoso.com");
	assert_string_equal(form_labels(form), "FQDN|Site|Load balancing|External interface|");
	assert_string_equal(form_value(form, form_field(form, "External interface")), "nat");
	assert_int_equal(form_submit(form, f->st, &err), LP_OK);
	free(form);
	form = pool_form(f, "fepool.contoso.com");
	assert_string_equal(form_labels(form), "FQDN|Site|Load balancing|Collocated Mediation|"
			    "Central Management store|Back End|");
	assert_string_equal(form_value(form, form_field(form, "Central Management store")), "yes");
	free(form);
	view_touch(&f->ctx);
	v = view_of(f, VIEW_TOPOLOGY);
	assert_true(find_row(v, "Director, no LB, 2 servers") >= 0);
	assert_true(find_row(v, "Front End, DNS LB, +Mediation, CMS") >= 0);
	form = pool_form(f, "edgepool.contoso.com");
	assert_string_equal(form_value(form, form_field(form, "External interface")), "nat");
	free(form);

	/* A new pool: its role first, then the fields of that role. */
	v->ops->request(v, REQ_ADD, &act);
	assert_string_equal(act.items[1], "p Pool");
	act.pick(v, 1, &roles);
	assert_int_equal(roles.kind, ACT_MENU);
	assert_string_equal(roles.items[ROLE_FRONT_END], "f Front End");
	assert_string_equal(roles.items[ROLE_DIRECTOR], "d Director");
	roles.pick(v, ROLE_DIRECTOR, &next);
	assert_string_equal(next.form->title, "Add a Director pool");
	assert_string_equal(form_labels(next.form), "FQDN|Site|Load balancing|");
	free(next.form);
	roles.pick(v, ROLE_FRONT_END, &next);
	assert_string_equal(form_labels(next.form), "FQDN|Site|Edition|Load balancing|"
			    "Collocated Mediation|Central Management store|Back End|");
	free(next.form);
	roles.pick(v, ROLE_EDGE, &next);
	assert_string_equal(form_labels(next.form), "FQDN|Site|Load balancing|External interface|");
	assert_true(form_set(next.form, 0, "edge2.contoso.com"));
	form_cycle(next.form, form_field(next.form, "External interface"), 1);
	assert_int_equal(form_submit(next.form, f->st, &err), LP_OK);
	free(next.form);
	view_touch(&f->ctx);
	form = pool_form(f, "edge2.contoso.com");
	assert_string_equal(form_value(form, form_field(form, "External interface")), "nat");
	free(form);
	fixture_free(f);
}

/* a, then the item of the add menu labelled item, with the cursor on the
 * pool named fqdn: the form (the caller frees it). */
static struct form *add_form(struct fixture *f, const char *fqdn, const char *item)
{
	struct view *v = view_of(f, VIEW_TOPOLOGY);
	struct action act = { ACT_NONE }, next = { ACT_NONE };
	int i;

	assert_true(view_topology_show(v, "pool", fqdn));
	v->ops->request(v, REQ_ADD, &act);
	for (i = 0; i < act.nitems && strcmp(act.items[i], item) != 0; i++)
		;
	assert_true(i < act.nitems);
	act.pick(v, i, &next);
	assert_int_equal(next.kind, ACT_FORM);
	return next.form;
}

static struct form *server_add_form(struct fixture *f, const char *fqdn)
{
	return add_form(f, fqdn, "v Server");
}

/* Sets the field of f labelled label (the model's validator accepts it). */
static void form_fill(struct form *f, const char *label, const char *value)
{
	assert_true(form_set(f, form_field(f, label), value));
}

/* The Topology row of the server named fqdn. */
static const char *server_row(struct fixture *f, const char *fqdn)
{
	struct view *v;
	long row;

	view_touch(&f->ctx);
	v = view_of(f, VIEW_TOPOLOGY);
	row = find_row(v, fqdn);
	assert_true(row >= 0);
	return row_text(v, row);
}

/* Site S and pools of spec, n of them. */
static void add_pools(struct fixture *f, const struct topo_pool_spec *pools, size_t n)
{
	struct lp_error err;
	size_t i;

	assert_int_equal(topology_site_add(f->st, "S", "", &err), LP_OK);
	for (i = 0; i < n; i++)
		assert_int_equal(topology_pool_add(f->st, &pools[i], &err), LP_OK);
}

/* A server's form holds the addresses of its pool's role: an Edge
 * Server's internal and three external ones (one for a single IP), the
 * public ones when the pool uses NAT; a reverse proxy's internal and one
 * external one; another server's address only. The model's refusals are
 * the form's, word for word, and nothing is written. */
static void test_server_form_by_role(void **state)
{
	static const struct topo_pool_spec pools[] = {
		{ .fqdn = "fe.contoso.com", .site = "S", .role = ROLE_FRONT_END },
		{ .fqdn = "edge.contoso.com", .site = "S", .role = ROLE_EDGE },
		{ .fqdn = "nat.contoso.com", .site = "S", .role = ROLE_EDGE,
		  .edge_external = EDGE_EXTERNAL_NAT },
		{ .fqdn = "rp.contoso.com", .site = "S", .role = ROLE_REVERSE_PROXY },
	};
	struct fixture *f = fixture_new(false);
	struct topo_server_change ch = { .pool = "edge.contoso.com", .external = "203.0.113.20" };
	struct lp_error err, cli;
	struct form *form;

	(void)state;
	add_pools(f, pools, sizeof pools / sizeof pools[0]);
	form = server_add_form(f, "fe.contoso.com");
	assert_string_equal(form_labels(form), "FQDN|Pool|Address (optional)|");
	free(form);

	/* Three external addresses, in the order Access, Web Conferencing, A/V. */
	form = server_add_form(f, "edge.contoso.com");
	assert_string_equal(form_labels(form), "FQDN|Pool|Internal address (optional)|"
			    "Single external IP|Access Edge address|Web Conferencing address|"
			    "A/V Edge address|");
	form_fill(form, "FQDN", "edge01.contoso.com");
	form_fill(form, "Internal address (optional)", "192.0.2.40");
	form_fill(form, "Access Edge address", "203.0.113.10");
	form_fill(form, "Web Conferencing address", "203.0.113.11");
	form_fill(form, "A/V Edge address", "203.0.113.12");
	assert_int_equal(form_submit(form, f->st, &err), LP_OK);
	free(form);
	assert_non_null(strstr(server_row(f, "edge01.contoso.com"),
			       "internal 192.0.2.40; external access 203.0.113.10, "
			       "webconf 203.0.113.11, av 203.0.113.12"));

	/* One address where the pool's servers have three: the model refuses,
	 * in the words it gives the command line. */
	form = server_add_form(f, "edge.contoso.com");
	assert_string_equal(form_value(form, form_field(form, "Single external IP")), "no");
	form_cycle(form, form_field(form, "Single external IP"), 1);
	assert_string_equal(form_labels(form), "FQDN|Pool|Internal address (optional)|"
			    "Single external IP|External address|");
	form_fill(form, "FQDN", "edge02.contoso.com");
	form_fill(form, "External address", "203.0.113.20");
	assert_int_equal(form_submit(form, f->st, &err), LP_EINPUT);
	assert_int_equal(topology_server_add_with(f->st, "edge02.contoso.com", &ch, &cli),
			 LP_EINPUT);
	assert_string_equal(form->msg, cli.msg);
	free(form);
	assert_int_equal(find_row(view_of(f, VIEW_TOPOLOGY), "edge02"), -1);

	/* Behind NAT, a single IP and the public address it is given. */
	form = server_add_form(f, "nat.contoso.com");
	assert_string_equal(form_labels(form), "FQDN|Pool|Internal address (optional)|"
			    "Single external IP|Access Edge address|Web Conferencing address|"
			    "A/V Edge address|Public Access Edge address|"
			    "Public Web Conferencing address|Public A/V Edge address|");
	form_cycle(form, form_field(form, "Single external IP"), 1);
	assert_string_equal(form_labels(form), "FQDN|Pool|Internal address (optional)|"
			    "Single external IP|External address|Public address|");
	form_fill(form, "FQDN", "nat01.contoso.com");
	form_fill(form, "External address", "192.0.2.50");
	form_fill(form, "Public address", "198.51.100.50");
	assert_int_equal(form_submit(form, f->st, &err), LP_OK);
	free(form);
	assert_non_null(strstr(server_row(f, "nat01.contoso.com"),
			       "internal not set; external 192.0.2.50 (public 198.51.100.50)"));

	/* A reverse proxy: one external address. */
	form = server_add_form(f, "rp.contoso.com");
	assert_string_equal(form_labels(form), "FQDN|Pool|Internal address (optional)|"
			    "External address|");
	free(form);

	/* Editing shows what is stored; a second server of the NAT pool is
	 * offered a single IP, as its pool has. */
	form = server_form(f, "edge01.contoso.com");
	assert_string_equal(form_value(form, form_field(form, "Web Conferencing address")),
			    "203.0.113.11");
	form_fill(form, "A/V Edge address", "203.0.113.13");
	assert_int_equal(form_submit(form, f->st, &err), LP_OK);
	free(form);
	assert_non_null(strstr(server_row(f, "edge01.contoso.com"), "av 203.0.113.13"));
	form = server_add_form(f, "nat.contoso.com");
	assert_string_equal(form_value(form, form_field(form, "Single external IP")), "yes");
	free(form);
	fixture_free(f);
}

/* Steps the choice field of f labelled label to value. */
static void form_choose(struct form *f, const char *label, const char *value)
{
	int i = form_field(f, label), n;

	for (n = 0; n < 8 && strcmp(form_value(f, i), value) != 0; n++)
		form_cycle(f, i, 1);
	assert_string_equal(form_value(f, i), value);
}

/* A load balancer's form: its side, and the Edge service of an external
 * VIP of Edge pools only; the model's refusal is the form's, word for
 * word; the tree shows the side and the service. */
static void test_lb_form_sides(void **state)
{
	static const struct topo_pool_spec pools[] = {
		{ .fqdn = "fe.contoso.com", .site = "S", .role = ROLE_FRONT_END },
		{ .fqdn = "edge.contoso.com", .site = "S", .role = ROLE_EDGE },
	};
	static const char *const served[] = { "edge.contoso.com" };
	static const enum topo_lb_side external = LB_SIDE_EXTERNAL;
	static const enum topo_edge_service av = EDGE_SERVICE_AV;
	struct fixture *f = fixture_new(false);
	struct topo_lb_change ch = { .vip = "203.0.113.31", .pools = served, .npools = 1,
				     .side = &external, .service = &av };
	struct action act = { ACT_NONE };
	struct lp_error err, cli;
	struct form *form;
	struct view *v;

	(void)state;
	add_pools(f, pools, sizeof pools / sizeof pools[0]);
	form = add_form(f, "fe.contoso.com", "b Load balancer");
	assert_string_equal(form_labels(form), "Name|VIP address|Pools (comma-separated)|Side|");
	form_choose(form, "Side", "external");
	assert_string_equal(form_labels(form), "Name|VIP address|Pools (comma-separated)|Side|");
	free(form);

	form = add_form(f, "edge.contoso.com", "b Load balancer");
	assert_string_equal(form_value(form, form_field(form, "Side")), "internal");
	assert_string_equal(form_labels(form), "Name|VIP address|Pools (comma-separated)|Side|");
	form_choose(form, "Side", "external");
	assert_string_equal(form_labels(form), "Name|VIP address|Pools (comma-separated)|Side|"
			    "Edge service|");
	form_fill(form, "Name", "hlb-edge-av");
	form_fill(form, "VIP address", "203.0.113.30");
	form_choose(form, "Edge service", "av");
	assert_int_equal(form_submit(form, f->st, &err), LP_OK);
	free(form);
	view_touch(&f->ctx);
	v = view_of(f, VIEW_TOPOLOGY);
	assert_non_null(strstr(row_text(v, find_row(v, "hlb-edge-av")),
			       "load balancer, VIP 203.0.113.30, external, av"));

	/* A second A/V VIP for the pool: refused as the command is. */
	form = add_form(f, "edge.contoso.com", "b Load balancer");
	form_choose(form, "Side", "external");
	form_fill(form, "Name", "hlb-edge-av2");
	form_fill(form, "VIP address", "203.0.113.31");
	form_choose(form, "Edge service", "av");
	assert_int_equal(form_submit(form, f->st, &err), LP_EINPUT);
	assert_int_equal(topology_lb_add_with(f->st, "hlb-edge-av2", &ch, &cli), LP_EINPUT);
	assert_string_equal(form->msg, cli.msg);
	free(form);
	view_touch(&f->ctx);
	assert_int_equal(find_row(view_of(f, VIEW_TOPOLOGY), "hlb-edge-av2"), -1);

	/* Editing shows what is stored; the internal side has no service. */
	v = view_of(f, VIEW_TOPOLOGY);
	assert_true(view_topology_show(v, "lb", "hlb-edge-av"));
	v->ops->request(v, REQ_EDIT, &act);
	form = act.form;
	assert_string_equal(form_value(form, form_field(form, "Edge service")), "av");
	form_choose(form, "Side", "internal");
	assert_string_equal(form_labels(form), "Name|VIP address|Pools (comma-separated)|Side|");
	assert_int_equal(form_submit(form, f->st, &err), LP_OK);
	free(form);
	view_touch(&f->ctx);
	v = view_of(f, VIEW_TOPOLOGY);
	assert_non_null(strstr(row_text(v, find_row(v, "hlb-edge-av")),
			       "load balancer, VIP 203.0.113.30, internal"));
	assert_null(strstr(row_text(v, find_row(v, "hlb-edge-av")), "internal, av"));
	fixture_free(f);
}

/* The Back End of pool fqdn, read through the model. */
struct back_end {
	const char *pool;
	char back_end[256];
};

static int read_back_end(const struct topo_pool *p, void *ud)
{
	struct back_end *b = ud;

	if (strcmp(p->fqdn, b->pool) == 0)
		snprintf(b->back_end, sizeof b->back_end, "%s", p->back_end);
	return 0;
}

/* The role menu offers Back End pools; an Enterprise Edition Front End
 * pool's form and a Persistent Chat pool's choose the Back End among
 * them, then its mirror, then the witness among their servers; a
 * Standard Edition pool has none. The model's refusal is the form's, and
 * none clears the Back End. */
static void test_pool_back_end_form(void **state)
{
	static const struct topo_pool_spec pools[] = {
		{ .fqdn = "sql1.contoso.com", .site = "S", .role = ROLE_BACK_END },
		{ .fqdn = "sql2.contoso.com", .site = "S", .role = ROLE_BACK_END },
		{ .fqdn = "sqlw.contoso.com", .site = "S", .role = ROLE_BACK_END },
		{ .fqdn = "pchat.contoso.com", .site = "S", .role = ROLE_PERSISTENT_CHAT },
	};
	struct fixture *f = fixture_new(false);
	struct view *v;
	struct action act = { ACT_NONE }, roles = { ACT_NONE }, next = { ACT_NONE };
	struct topo_pool_change same = { .mirror = "sql1.contoso.com" };
	struct topo_pool_change link = { .back_end = "sql1.contoso.com",
					 .mirror = "sql2.contoso.com",
					 .witness = "pc01.contoso.com" };
	struct back_end b = { .pool = "fe.contoso.com" };
	struct lp_error err, cli;
	char want[64];
	struct form *form;

	(void)state;
	add_pools(f, pools, sizeof pools / sizeof pools[0]);
	assert_int_equal(topology_server_add(f->st, "w01.contoso.com", "sqlw.contoso.com", "",
					     &err), LP_OK);
	v = view_of(f, VIEW_TOPOLOGY);
	assert_true(view_topology_show(v, "pool", "pchat.contoso.com"));
	v->ops->request(v, REQ_ADD, &act);
	act.pick(v, 1, &roles);
	snprintf(want, sizeof want, "b %s", topology_role_title(ROLE_BACK_END));
	assert_string_equal(roles.items[ROLE_BACK_END], want);
	roles.pick(v, ROLE_FRONT_END, &next);
	form = next.form;
	assert_string_equal(form_labels(form), "FQDN|Site|Edition|Load balancing|"
			    "Collocated Mediation|Central Management store|Back End|");
	form_choose(form, "Edition", "standard");
	assert_string_equal(form_labels(form), "FQDN|Site|Edition|Load balancing|"
			    "Collocated Mediation|Central Management store|");
	form_choose(form, "Edition", "enterprise");
	form_choose(form, "Back End", "sql1.contoso.com");
	form_choose(form, "SQL mirror", "sql2.contoso.com");
	form_choose(form, "Mirroring witness", "w01.contoso.com");
	assert_string_equal(form_labels(form), "FQDN|Site|Edition|Load balancing|"
			    "Collocated Mediation|Central Management store|Back End|SQL mirror|"
			    "Mirroring witness|");
	form_fill(form, "FQDN", "fe.contoso.com");
	assert_int_equal(form_submit(form, f->st, &err), LP_OK);
	free(form);
	view_touch(&f->ctx);
	v = view_of(f, VIEW_TOPOLOGY);
	assert_non_null(strstr(row_text(v, find_row(v, "fe.contoso.com")),
			       "Back End sql1.contoso.com, mirror sql2.contoso.com, "
			       "witness w01.contoso.com"));
	/* Deleting the mirror says what loses it. */
	assert_true(view_topology_show(v, "pool", "sql2.contoso.com"));
	act.kind = ACT_NONE;
	v->ops->request(v, REQ_DELETE, &act);
	assert_int_equal(act.kind, ACT_CONFIRM);
	assert_string_equal(act.text, "Delete pool sql2.contoso.com? It is the Back End or SQL "
			    "mirror of fe.contoso.com, which loses it.");

	/* The mirror is the Back End itself: refused as the command is. */
	form = pool_form(f, "fe.contoso.com");
	assert_string_equal(form_value(form, form_field(form, "Mirroring witness")),
			    "w01.contoso.com");
	form_choose(form, "SQL mirror", "sql1.contoso.com");
	assert_int_equal(form_submit(form, f->st, &err), LP_EINPUT);
	assert_int_equal(topology_pool_set(f->st, "fe.contoso.com", &same, &cli), LP_EINPUT);
	assert_string_equal(form->msg, cli.msg);
	/* none clears the Back End, and with it the mirror and the witness. */
	form_choose(form, "Back End", "none");
	assert_string_equal(form_labels(form), "FQDN|Site|Load balancing|Collocated Mediation|"
			    "Central Management store|Back End|");
	assert_int_equal(form_submit(form, f->st, &err), LP_OK);
	free(form);
	assert_int_equal(topology_pool_each(f->st, NULL, read_back_end, &b, &err), LP_OK);
	assert_string_equal(b.back_end, "");
	view_touch(&f->ctx);
	v = view_of(f, VIEW_TOPOLOGY);
	assert_null(strstr(row_text(v, find_row(v, "fe.contoso.com")), "Back End"));

	/* A witness outside the back-end pools, set by the command line:
	 * the form shows it and saving keeps it. */
	form = pool_form(f, "pchat.contoso.com");
	assert_string_equal(form_labels(form), "FQDN|Site|Load balancing|Back End|");
	free(form);
	assert_int_equal(topology_server_add(f->st, "pc01.contoso.com", "pchat.contoso.com", "",
					     &err), LP_OK);
	assert_int_equal(topology_pool_set(f->st, "pchat.contoso.com", &link, &err), LP_OK);
	view_touch(&f->ctx);
	form = pool_form(f, "pchat.contoso.com");
	assert_string_equal(form_value(form, form_field(form, "Mirroring witness")),
			    "pc01.contoso.com");
	assert_int_equal(form_submit(form, f->st, &err), LP_OK);
	free(form);
	view_touch(&f->ctx);
	v = view_of(f, VIEW_TOPOLOGY);
	assert_non_null(strstr(row_text(v, find_row(v, "pchat.contoso.com")),
			       "witness pc01.contoso.com"));
	fixture_free(f);
}

/* The row of the Network section holding text, with the cursor on it. */
static void network_goto(struct view *v, const char *text)
{
	long row = find_row(v, text);

	assert_true(row > find_row(v, "Network"));
	list_goto(&v->list, row);
	v->ops->cursor(v);
}

/* The Network section shows the name, the zones and the peers; the
 * name's form renames the topology, shown in the caption. */
static void test_network_section(void **state)
{
	struct fixture *f = fixture_new(true);
	struct view *v = view_of(f, VIEW_TOPOLOGY);
	struct action act = { ACT_NONE };
	struct lp_error err;
	char *name;

	(void)state;
	assert_non_null(strstr(row_text(v, find_row(v, "topology name")), "none set"));
	assert_non_null(strstr(row_text(v, find_row(v, "internal zone")),
			       "192.0.2.0/27, 198.51.100.0/24, 2001:db8:0:1::/64"));
	assert_non_null(strstr(row_text(v, find_row(v, "pstn-gw01")),
			       "peer, pstn-gateway: 192.0.2.30"));
	assert_non_null(strstr(row_text(v, find_row(v, "Network")), "name, zones and 1 peer"));
	network_goto(v, "pstn-gw01");
	assert_int_equal(f->ctx.sel.kind, SEL_NONE); /* the Ports view: every server */
	network_goto(v, "topology name");
	v->ops->request(v, REQ_EDIT, &act);
	assert_int_equal(act.kind, ACT_FORM);
	assert_true(form_set(act.form, 0, "Contoso lab"));
	assert_int_equal(form_submit(act.form, f->st, &err), LP_OK);
	free(act.form);
	assert_int_equal(topology_name_get(f->st, &name, &err), LP_OK);
	assert_string_equal(name, "Contoso lab");
	free(name);
	view_touch(&f->ctx);
	v = view_of(f, VIEW_TOPOLOGY);
	assert_true(strncmp(caption(v), "Contoso lab: 2 sites", 20) == 0);
	/* d on the name or a zone deletes nothing. */
	act.kind = ACT_NONE;
	v->ops->request(v, REQ_DELETE, &act);
	assert_int_equal(act.kind, ACT_STATUS);
	assert_non_null(strstr(act.text, "e changes it"));
	fixture_free(f);
}

/* Zones and peers through their forms: the model's refusals, word for
 * word as the command line gives them, and nothing written. */
static void test_network_forms(void **state)
{
	struct fixture *f = fixture_new(true);
	struct view *v = view_of(f, VIEW_TOPOLOGY);
	struct action act = { ACT_NONE }, next = { ACT_NONE };
	struct lp_error err, cli;

	(void)state;
	network_goto(v, "perimeter zone");
	v->ops->request(v, REQ_EDIT, &act);
	assert_string_equal(form_value(act.form, 0), "192.0.2.32/27");
	assert_true(form_set(act.form, 0, "192.0.2.32/27, 203.0.113.1/24"));
	assert_int_equal(form_submit(act.form, f->st, &err), LP_EINPUT);
	assert_int_equal(topology_zone_set(f->st, ZONE_PERIMETER, "192.0.2.32/27, 203.0.113.1/24",
					   &cli), LP_EINPUT);
	assert_string_equal(act.form->msg, cli.msg);
	assert_true(form_set(act.form, 0, "192.0.2.32/27, 203.0.113.0/24"));
	assert_int_equal(form_submit(act.form, f->st, &err), LP_OK);
	free(act.form);

	/* a on the section offers a peer first. */
	v->ops->request(v, REQ_ADD, &act);
	assert_string_equal(act.items[act.item], "e Peer");
	act.pick(v, act.item, &next);
	assert_string_equal(next.form->title, "Add a peer");
	assert_false(form_set(next.form, 0, "-gw"));
	assert_true(form_set(next.form, 0, "sbc01"));
	while (strcmp(form_value(next.form, 1), "federated-partners") != 0)
		form_cycle(next.form, 1, 1);
	assert_true(form_set(next.form, 2, "203.0.113.7, 203.0.113.7"));
	assert_int_equal(form_submit(next.form, f->st, &err), LP_EINPUT);
	assert_int_equal(topology_peer_add(f->st, "sbc01", "federated-partners", "203.0.113.7, 203.0.113.7",
					   &cli), LP_EINPUT);
	assert_string_equal(next.form->msg, cli.msg);
	assert_true(form_set(next.form, 2, "203.0.113.7"));
	assert_int_equal(form_submit(next.form, f->st, &err), LP_OK);
	free(next.form);
	view_touch(&f->ctx);
	v = view_of(f, VIEW_TOPOLOGY);
	assert_non_null(strstr(row_text(v, v->list.cursor), "sbc01"));
	assert_non_null(strstr(row_text(v, v->list.cursor), "federated-partners: 203.0.113.7"));
	assert_non_null(strstr(row_text(v, find_row(v, "perimeter zone")), "203.0.113.0/24"));

	/* Edit: a new address list; then delete, asking first. */
	act.kind = ACT_NONE;
	v->ops->request(v, REQ_EDIT, &act);
	assert_string_equal(act.form->title, "Edit peer sbc01");
	assert_string_equal(form_value(act.form, 1), "federated-partners");
	assert_true(form_set(act.form, 2, "203.0.113.8"));
	assert_int_equal(form_submit(act.form, f->st, &err), LP_OK);
	free(act.form);
	view_touch(&f->ctx);
	v = view_of(f, VIEW_TOPOLOGY);
	v->ops->request(v, REQ_DELETE, &act);
	assert_int_equal(act.kind, ACT_CONFIRM);
	assert_non_null(strstr(act.text, "Delete peer sbc01 (peer, federated-partners: 203.0.113.8)?"));
	assert_int_equal(act.yes(v, &err), LP_OK);
	view_touch(&f->ctx);
	v = view_of(f, VIEW_TOPOLOGY);
	assert_int_equal(find_row(v, "sbc01"), -1);
	fixture_free(f);
}

/* A text filter keeps the matching rows, in order; sorting reorders
 * within each server only. */
/* A text filter keeps the rows with the text in a field, in order;
 * sorting reorders within each server only. */
static void test_ports_filter_sort(void **state)
{
	struct store *st = tu_memory_store();
	struct plan_filter all = { 0 };
	struct ports_cache c = { 0 };
	struct streamed s = { .needle = "5061" };
	struct lp_error err;
	long i;

	(void)state;
	build_topology(st, 4, 6);
	assert_int_equal(plan_port_matrix(st, &all, NULL, 0, stream_row, &s, &err), LP_OK);
	assert_true(s.n >= 24); /* 5061 on each of the 24 servers, at least */
	assert_int_equal(ports_open(&c, st, &all, "5061", PORTS_BY_PORT, &err), LP_OK);
	assert_int_equal(c.count, s.n);
	for (i = 0; i < s.n; i++)
		assert_row_is(&c, i, s.keys[i]);
	assert_int_equal(ports_open(&c, st, &all, "no such text", PORTS_BY_PORT, &err), LP_OK);
	assert_int_equal(c.count, 0);
	assert_int_equal(ports_open(&c, st, &all, "", PORTS_BY_TRANSPORT, &err), LP_OK);
	for (i = 1; i < c.count; i++) {
		const struct port_row *a, *b;
		char prev_server[128], prev_transport[16];

		a = ports_get(&c, i - 1, &err);
		snprintf(prev_server, sizeof prev_server, "%s", a->server_key);
		snprintf(prev_transport, sizeof prev_transport, "%s", a->transport);
		b = ports_get(&c, i, &err);
		if (strcmp(prev_server, b->server_key) == 0)
			assert_true(strcmp(prev_transport, b->transport) <= 0);
	}
	ports_close(&c);
	free(s.keys);
	store_close(st);
}

/* Whether row i holds needle in a field, as the Ports view searches. */
static bool row_contains(struct ports_cache *c, long i, const char *needle)
{
	struct lp_error err;
	const struct port_row *r = ports_get(c, i, &err);
	const char *fields[] = { r->server, r->pool, r->site, r->address, r->role, r->service,
				 r->ports, r->transport, r->protocol, r->notes, r->source };
	size_t k;

	for (k = 0; k < sizeof fields / sizeof fields[0]; k++)
		if (lp_find_nocase(fields[k], needle))
			return true;
	return false;
}

/* Searching in one pass finds what looking at each row in turn finds,
 * both ways, wrapping around, in the order shown (sorted by protocol
 * within each server, unlike the plan's order). */
static void test_ports_find(void **state)
{
	static const char *const needles[] = { "FE03-05", "8057", "tcp/udp", "(MTLS)",
						 "nothing like it" };
	struct store *st = tu_memory_store();
	struct plan_filter all = { 0 };
	struct ports_cache c = { 0 };
	struct lp_error err;
	size_t n;
	long from, i, want;

	(void)state;
	build_topology(st, 5, 6);
	assert_int_equal(ports_open(&c, st, &all, "", PORTS_BY_PROTOCOL, &err), LP_OK);
	for (n = 0; n < sizeof needles / sizeof needles[0]; n++) {
		for (from = 0; from < c.count; from += 53) {
			for (want = -1, i = 0; i < c.count && want < 0; i++)
				if (row_contains(&c, (from + i) % c.count, needles[n]))
					want = (from + i) % c.count;
			assert_int_equal(ports_find(&c, needles[n], from, 1, &err), want);
			for (want = -1, i = 0; i < c.count && want < 0; i++)
				if (row_contains(&c, (from - i + c.count) % c.count, needles[n]))
					want = (from - i + c.count) % c.count;
			assert_int_equal(ports_find(&c, needles[n], from, -1, &err), want);
		}
	}
	ports_close(&c);
	store_close(st);
}

/* The mode of pool fepool.contoso.com, read through the model. */
static int read_pool_lb(const struct topo_pool *p, void *ud)
{
	if (strcmp(p->fqdn, "fepool.contoso.com") == 0)
		*(enum topo_lb *)ud = p->lb;
	return 0;
}

/* m switches the pool's mode in the file and the view follows. */
static void test_lb_switch(void **state)
{
	struct fixture *f = fixture_new(true);
	struct view *t = view_of(f, VIEW_TOPOLOGY), *v;
	struct action act = { ACT_NONE };
	struct lp_error err;
	enum topo_lb lb = LB_NONE;

	(void)state;
	assert_true(view_topology_show(t, "pool", "fepool.contoso.com"));
	v = view_of(f, VIEW_LB);
	assert_non_null(strstr(caption(v), "fepool.contoso.com: Front End, 3 servers, now DNS"));
	assert_true(find_row(v, "5061") >= 0);
	v->ops->request(v, REQ_LB_MODE, &act);
	assert_int_equal(act.kind, ACT_STATUS);
	assert_true(act.changed);
	assert_int_equal(topology_pool_each(f->st, NULL, read_pool_lb, &lb, &err), LP_OK);
	assert_int_equal(lb, LB_HARDWARE);
	view_touch(&f->ctx);
	v = view_of(f, VIEW_LB);
	assert_non_null(strstr(caption(v), "now hardware load balancing"));
	fixture_free(f);
}

/* Enter on a finding puts the Topology cursor on its item. */
static void test_check_jumps(void **state)
{
	struct fixture *f = fixture_new(true);
	struct view *v = view_of(f, VIEW_CHECKS);
	struct action act = { ACT_NONE };
	char text[2048];
	long i;

	(void)state;
	assert_true(v->list.count > 0);
	for (i = 0; i < v->list.count; i++) {
		v->ops->text(v, i, text, sizeof text);
		if (strstr(text, "contoso.com"))
			break;
	}
	assert_true(i < v->list.count);
	list_goto(&v->list, i);
	v->ops->request(v, REQ_ENTER, &act);
	assert_int_equal(act.kind, ACT_VIEW);
	assert_int_equal(act.view, VIEW_TOPOLOGY);
	assert_int_not_equal(f->ctx.sel.kind, SEL_NONE);
	assert_non_null(strstr(text, f->ctx.sel.kind == SEL_SERVER ? f->ctx.sel.server
				    : f->ctx.sel.kind == SEL_LB ? f->ctx.sel.lb
				    : f->ctx.sel.kind == SEL_POOL ? f->ctx.sel.pool : f->ctx.sel.site));
	fixture_free(f);
}

/* Help lists every binding of the key table, then every topic. */
static void test_help_from_table(void **state)
{
	struct fixture *f = fixture_new(false);
	struct view *v = view_of(f, VIEW_HELP);
	const struct lp_help_topic *t;
	char want[128];
	size_t i;

	(void)state;
	for (i = 0; i < keys_count; i++) {
		snprintf(want, sizeof want, "  %-19s", keys_table[i].names);
		assert_true(find_row(v, want) >= 0);
	}
	for (t = lp_help_topics; t->name; t++) {
		snprintf(want, sizeof want, "%.*s", (int)strcspn(t->text, "\n"), t->text);
		assert_true(find_row(v, want) >= 0);
	}
	fixture_free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty_topology_hint),
		cmocka_unit_test(test_topology_tree),
		cmocka_unit_test(test_topology_rows_escaped),
		cmocka_unit_test(test_topology_fold),
		cmocka_unit_test(test_selection_scopes_ports),
		cmocka_unit_test(test_ports_interfaces),
		cmocka_unit_test(test_add_site_form),
		cmocka_unit_test(test_server_form_refuses),
		cmocka_unit_test(test_delete_pool),
		cmocka_unit_test(test_demo_request),
		cmocka_unit_test(test_ports_paging),
		cmocka_unit_test(test_ports_read_ahead),
		cmocka_unit_test(test_topology_server_order),
		cmocka_unit_test(test_pool_form_by_role),
		cmocka_unit_test(test_server_form_by_role),
		cmocka_unit_test(test_lb_form_sides),
		cmocka_unit_test(test_pool_back_end_form),
		cmocka_unit_test(test_network_section),
		cmocka_unit_test(test_network_forms),
		cmocka_unit_test(test_ports_filter_sort),
		cmocka_unit_test(test_ports_find),
		cmocka_unit_test(test_lb_switch),
		cmocka_unit_test(test_check_jumps),
		cmocka_unit_test(test_help_from_table),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
