/* test_plan.c - the derivation: every catalog condition switched on and
 * off, merging, both load-balancing modes and their comparison, client
 * ports, every check firing and staying quiet, and paging. Topologies
 * are built with the model's own API. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan.h"
#include "testutil.h"
#include "topology.h"

#define SERVER_TABLE "Required Server Ports (by Server Role) #"
#define HLB_TABLE "Hardware Load Balancer Ports if Using Only Hardware Load Balancing #"
#define DNS_TABLE "Hardware Load Balancer Ports if Using DNS Load Balancing #"

/* ---- building topologies ---- */

static struct store *demo_store(void)
{
	struct store *st = tu_memory_store();
	struct lp_error err;

	assert_int_equal(topology_load_demo(st, &err), LP_OK);
	return st;
}

static void add_site(struct store *st, const char *name)
{
	struct lp_error err;

	if (topology_site_add(st, name, "", &err) != LP_OK)
		fail_msg("site %s: %s", name, err.msg);
}

static void add_pool(struct store *st, const char *fqdn, enum topo_role role,
		     enum topo_lb lb, bool collocated, bool cms)
{
	struct topo_pool_spec spec = {
		.fqdn = fqdn, .site = "HQ", .role = role, .edition = EDITION_NONE, .lb = lb,
		.collocated_mediation = collocated, .cms = cms,
	};
	struct lp_error err;

	if (topology_pool_add(st, &spec, &err) != LP_OK)
		fail_msg("pool %s: %s", fqdn, err.msg);
}

static void add_server(struct store *st, const char *fqdn, const char *pool, const char *ip)
{
	struct lp_error err;

	if (topology_server_add(st, fqdn, pool, ip, &err) != LP_OK)
		fail_msg("server %s: %s", fqdn, err.msg);
}

static void add_lb(struct store *st, const char *name, const char *vip, const char *pool)
{
	struct lp_error err;

	if (topology_lb_add(st, name, vip, &pool, 1, &err) != LP_OK)
		fail_msg("lb %s: %s", name, err.msg);
}

static void feature(struct store *st, const char *name, bool on)
{
	struct lp_error err;

	if (topology_feature_set(st, name, on, &err) != LP_OK)
		fail_msg("feature %s: %s", name, err.msg);
}

static void set_pool(struct store *st, const char *fqdn, const struct topo_pool_change *ch)
{
	struct lp_error err;

	if (topology_pool_set(st, fqdn, ch, &err) != LP_OK)
		fail_msg("pool set %s: %s", fqdn, err.msg);
}

/* One site "HQ" with a Front End pool fe.example.com of two servers
 * (fe1, fe2), neither with collocated Mediation nor the CMS, no load
 * balancing. */
static struct store *small_store(void)
{
	struct store *st = tu_memory_store();

	add_site(st, "HQ");
	add_pool(st, "fe.example.com", ROLE_FRONT_END, LB_NONE, false, false);
	add_server(st, "fe1.example.com", "fe.example.com", "192.0.2.1");
	add_server(st, "fe2.example.com", "fe.example.com", "192.0.2.2");
	return st;
}

/* ---- reading the port matrix ---- */

/* A copy of one matrix row, for assertions after the callback. */
struct mrow {
	char *server, *ports, *transport, *service, *protocol, *notes, *source;
};

struct mrows {
	struct mrow *v;
	size_t n, cap;
	int stop_after; /* stop the iteration after this many rows; 0: never */
};

static int collect_row(const struct plan_port_row *r, void *ud)
{
	struct mrows *m = ud;
	struct mrow *c;

	if (m->n == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 64;
		m->v = realloc(m->v, m->cap * sizeof *m->v);
		assert_non_null(m->v);
	}
	c = &m->v[m->n++];
	c->server = strdup(r->server);
	c->ports = strdup(r->ports);
	c->transport = strdup(r->transport);
	c->service = strdup(r->service);
	c->protocol = strdup(r->protocol);
	c->notes = strdup(r->notes);
	c->source = strdup(r->source);
	return m->stop_after && (int)m->n == m->stop_after;
}

static void mrows_free(struct mrows *m)
{
	size_t i;

	for (i = 0; i < m->n; i++) {
		free(m->v[i].server);
		free(m->v[i].ports);
		free(m->v[i].transport);
		free(m->v[i].service);
		free(m->v[i].protocol);
		free(m->v[i].notes);
		free(m->v[i].source);
	}
	free(m->v);
	memset(m, 0, sizeof *m);
}

static void matrix(struct store *st, const struct plan_filter *f, struct mrows *out)
{
	struct lp_error err;

	memset(out, 0, sizeof *out);
	if (plan_port_matrix(st, f, NULL, 0, collect_row, out, &err) != LP_OK)
		fail_msg("matrix: %s", err.msg);
}

/* The row of server for (ports, transport), or NULL. Asserts there is at
 * most one: merging leaves no two rows with the same key. */
static const struct mrow *find(const struct mrows *m, const char *server, const char *ports,
			       const char *transport)
{
	const struct mrow *hit = NULL;
	size_t i;

	for (i = 0; i < m->n; i++)
		if (strcmp(m->v[i].server, server) == 0 && strcmp(m->v[i].ports, ports) == 0 &&
		    strcmp(m->v[i].transport, transport) == 0) {
			assert_null(hit);
			hit = &m->v[i];
		}
	return hit;
}

/* Whether server has a row for (ports, transport), from a fresh matrix. */
static bool has_port(struct store *st, const char *server, const char *ports,
		     const char *transport)
{
	struct plan_filter f = { .server = server };
	struct mrows m;
	bool found;

	matrix(st, &f, &m);
	found = find(&m, server, ports, transport) != NULL;
	mrows_free(&m);
	return found;
}

static size_t rows_of(const struct mrows *m, const char *server)
{
	size_t i, n = 0;

	for (i = 0; i < m->n; i++)
		n += strcmp(m->v[i].server, server) == 0;
	return n;
}

/* ---- port matrix: what a user checks first ---- */

static void test_demo_front_end_rows(void **state)
{
	struct store *st = demo_store();
	const struct mrow *r;
	struct mrows m;

	(void)state;
	matrix(st, NULL, &m);
	r = find(&m, "fe01.contoso.com", "57501-65535", "TCP/UDP");
	assert_non_null(r);
	assert_string_equal(r->source, SERVER_TABLE "10");
	assert_string_equal(r->notes, "Media port range used for video conferencing.");
	r = find(&m, "fe01.contoso.com", "49152-57500", "TCP/UDP");
	assert_non_null(r);
	assert_string_equal(r->source, SERVER_TABLE "39");
	assert_non_null(find(&m, "fe01.contoso.com", "49152-65535", "TCP"));
	assert_non_null(find(&m, "fe01.contoso.com", "5061", "TCP"));
	/* 445 only on the pool holding the CMS (fepool), not the branch. */
	r = find(&m, "fe02.contoso.com", "445", "TCP");
	assert_non_null(r);
	assert_string_equal(r->source, SERVER_TABLE "37");
	assert_null(find(&m, "se01.dublin.contoso.com", "445", "TCP"));
	/* Collocated Mediation on fepool only. */
	assert_non_null(find(&m, "fe03.contoso.com", "5070", "TCP"));
	assert_null(find(&m, "se01.dublin.contoso.com", "5070", "TCP"));
	assert_non_null(find(&m, "se01.dublin.contoso.com", "5061", "TCP"));
	/* Features are off: no static routes, E9-1-1, legacy or HTTP rows. */
	assert_null(find(&m, "fe01.contoso.com", "5060", "TCP"));
	assert_null(find(&m, "fe01.contoso.com", "5066", "TCP"));
	assert_null(find(&m, "fe01.contoso.com", "8058", "TCP"));
	assert_null(find(&m, "fe01.contoso.com", "80", "TCP"));
	/* 26 unconditional Front End rows (443 merged into one) + 1434 and the
	 * audio range, plus 5 collocated-Mediation rows and the CMS row. */
	assert_int_equal(rows_of(&m, "fe01.contoso.com"), 25 + 2 + 5 + 1);
	assert_int_equal(rows_of(&m, "se01.dublin.contoso.com"), 25 + 2);
	mrows_free(&m);
	store_close(st);
}

static void test_matrix_order_and_columns(void **state)
{
	struct store *st = demo_store();
	struct plan_filter f = { .server = "dir01.contoso.com" };
	struct mrows m;
	size_t i;

	(void)state;
	matrix(st, &f, &m);
	/* Director: 444, 80, 443, 5061 and the rows for all servers. */
	assert_int_equal(m.n, 6);
	assert_string_equal(m.v[0].ports, "80");
	assert_string_equal(m.v[1].ports, "443");
	assert_string_equal(m.v[2].ports, "444");
	assert_string_equal(m.v[3].ports, "1434");
	assert_string_equal(m.v[4].ports, "5061");
	assert_string_equal(m.v[5].ports, "49152-57500");
	for (i = 0; i < m.n; i++)
		assert_string_equal(m.v[i].server, "dir01.contoso.com");
	mrows_free(&m);
	store_close(st);
}

static int first_row(const struct plan_port_row *r, void *ud)
{
	struct plan_port_row *out = ud;

	out->port_lo = r->port_lo;
	out->port_hi = r->port_hi;
	assert_string_equal(r->site, "Redmond");
	assert_string_equal(r->pool, "pchatpool.contoso.com");
	assert_string_equal(r->address, "2001:db8:0:1::31");
	assert_string_equal(r->role, "persistent-chat");
	return 1;
}

static void test_matrix_row_fields(void **state)
{
	struct store *st = demo_store();
	struct plan_filter f = { .pool = "PCHATPOOL.contoso.com" };
	struct plan_port_row r = { 0 };
	struct lp_error err;

	(void)state;
	assert_int_equal(plan_port_matrix(st, &f, NULL, 0, first_row, &r, &err), LP_OK);
	assert_int_equal(r.port_lo, 443);
	assert_int_equal(r.port_hi, 443);
	store_close(st);
}

/* ---- conditions ---- */

static void test_condition_cms(void **state)
{
	struct store *st = small_store();
	bool on = true, off = false;
	struct topo_pool_change to_on = { .cms = &on }, to_off = { .cms = &off };

	(void)state;
	assert_false(has_port(st, "fe1.example.com", "445", "TCP"));
	set_pool(st, "fe.example.com", &to_on);
	assert_true(has_port(st, "fe1.example.com", "445", "TCP"));
	assert_true(has_port(st, "fe2.example.com", "445", "TCP"));
	set_pool(st, "fe.example.com", &to_off);
	assert_false(has_port(st, "fe2.example.com", "445", "TCP"));
	store_close(st);
}

static void test_condition_collocated_mediation(void **state)
{
	static const char *const mediation_ports[] = { "5067", "5068", "5070", "5081", "5082" };
	struct store *st = small_store();
	bool on = true, off = false;
	struct topo_pool_change to_on = { .collocated_mediation = &on };
	struct topo_pool_change to_off = { .collocated_mediation = &off };
	size_t i;

	(void)state;
	for (i = 0; i < 5; i++)
		assert_false(has_port(st, "fe1.example.com", mediation_ports[i], "TCP"));
	set_pool(st, "fe.example.com", &to_on);
	for (i = 0; i < 5; i++)
		assert_true(has_port(st, "fe1.example.com", mediation_ports[i], "TCP"));
	set_pool(st, "fe.example.com", &to_off);
	assert_false(has_port(st, "fe1.example.com", "5070", "TCP"));
	store_close(st);
}

/* Each feature switches its rows on for the roles that list them. */
static void test_condition_features(void **state)
{
	static const struct {
		const char *feature, *server, *ports;
	} cases[] = {
		{ "static-routes", "fe1.example.com", "5060" },
		{ "static-routes", "dir1.example.com", "5060" },
		{ "e911", "fe1.example.com", "5066" },
		{ "legacy-clients", "fe1.example.com", "8058" },
		{ "http-without-https", "fe1.example.com", "80" },
	};
	struct store *st = small_store();
	size_t i;

	(void)state;
	add_pool(st, "dir.example.com", ROLE_DIRECTOR, LB_NONE, false, false);
	add_server(st, "dir1.example.com", "dir.example.com", NULL);
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		assert_false(has_port(st, cases[i].server, cases[i].ports, "TCP"));
		feature(st, cases[i].feature, true);
		if (!has_port(st, cases[i].server, cases[i].ports, "TCP"))
			fail_msg("%s on: no %s on %s", cases[i].feature, cases[i].ports,
				 cases[i].server);
		feature(st, cases[i].feature, false);
		assert_false(has_port(st, cases[i].server, cases[i].ports, "TCP"));
	}
	/* Directors use 80 whatever the feature says. */
	assert_true(has_port(st, "dir1.example.com", "80", "TCP"));
	store_close(st);
}

/* ---- merging ---- */

static void test_merge_sql_browser(void **state)
{
	struct store *st = small_store();
	const struct mrow *r;
	struct mrows m;

	(void)state;
	matrix(st, NULL, &m);
	r = find(&m, "fe1.example.com", "1434", "UDP");
	assert_non_null(r);
	assert_string_equal(r->service, "SQL Browser");
	assert_string_equal(r->protocol, "UDP");
	assert_string_equal(r->source, SERVER_TABLE "1; " SERVER_TABLE "38");
	assert_string_equal(r->notes,
		"SQL Browser for the local replicated copy of the Central Management Store database."
		" | SQL Browser for local replicated copy of Central Management store data in local"
		" SQL Server instance");
	/* 443 on a Front End: the web farm row and Mobility Services. */
	r = find(&m, "fe1.example.com", "443", "TCP");
	assert_non_null(r);
	assert_string_equal(r->service, "Mobility Services component");
	assert_string_equal(r->protocol, "HTTPS");
	assert_string_equal(r->source, SERVER_TABLE "12; " SERVER_TABLE "19");
	mrows_free(&m);
	store_close(st);
}

static void test_merge_mediation_5070(void **state)
{
	struct store *st = small_store();
	const struct mrow *r;
	struct mrows m;

	(void)state;
	add_pool(st, "med.example.com", ROLE_MEDIATION, LB_NONE, false, false);
	add_server(st, "med1.example.com", "med.example.com", NULL);
	matrix(st, NULL, &m);
	r = find(&m, "med1.example.com", "5070", "TCP");
	assert_non_null(r);
	assert_string_equal(r->protocol, "TCP; TCP (MTLS)");
	assert_string_equal(r->source, SERVER_TABLE "46; " SERVER_TABLE "49");
	assert_string_equal(r->notes,
		"Used by the Mediation Server for incoming requests from the Front End Server."
		" | Used for SIP requests from the Front End Servers.");
	/* 5067, 5068, 5070, 1434 and the audio range. */
	assert_int_equal(rows_of(&m, "med1.example.com"), 5);
	mrows_free(&m);
	store_close(st);
}

/* Office Web Apps Servers are not Lync servers: their own row only. */
static void test_office_web_apps_rows(void **state)
{
	struct store *st = small_store();
	const struct mrow *r;
	struct mrows m;

	(void)state;
	add_pool(st, "owa.example.com", ROLE_OFFICE_WEB_APPS, LB_NONE, false, false);
	add_server(st, "owa1.example.com", "owa.example.com", NULL);
	add_pool(st, "chat.example.com", ROLE_PERSISTENT_CHAT, LB_NONE, false, false);
	add_server(st, "chat1.example.com", "chat.example.com", NULL);
	matrix(st, NULL, &m);
	assert_int_equal(rows_of(&m, "owa1.example.com"), 1);
	r = find(&m, "owa1.example.com", "443", "TCP");
	assert_non_null(r);
	assert_string_equal(r->source, SERVER_TABLE "40");
	/* Persistent Chat is a Lync role: its three rows and the shared two. */
	assert_int_equal(rows_of(&m, "chat1.example.com"), 5);
	assert_non_null(find(&m, "chat1.example.com", "1434", "UDP"));
	assert_non_null(find(&m, "chat1.example.com", "5041", "TCP"));
	mrows_free(&m);
	store_close(st);
}

/* ---- load balancers ---- */

struct lbrows {
	int n;
	char ports[64][16];
	char source[64][128];
	char lbs[128], vips[128], mode[16];
};

static int collect_lb(const struct plan_lb_row *r, void *ud)
{
	struct lbrows *l = ud;

	assert_true(l->n < 64);
	snprintf(l->ports[l->n], sizeof l->ports[0], "%s/%s", r->ports, r->transport);
	snprintf(l->source[l->n], sizeof l->source[0], "%s", r->source);
	snprintf(l->lbs, sizeof l->lbs, "%s", r->load_balancers);
	snprintf(l->vips, sizeof l->vips, "%s", r->vips);
	snprintf(l->mode, sizeof l->mode, "%s", r->mode);
	l->n++;
	return 0;
}

static void lb_rows(struct store *st, const char *pool, struct lbrows *out)
{
	struct lp_error err;

	memset(out, 0, sizeof *out);
	if (plan_lb_ports(st, pool, collect_lb, out, &err) != LP_OK)
		fail_msg("lb ports: %s", err.msg);
}

static bool lb_has(const struct lbrows *l, const char *ports_transport)
{
	int i;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->ports[i], ports_transport) == 0)
			return true;
	return false;
}

static void test_lb_dns_mode(void **state)
{
	struct store *st = demo_store();
	struct lbrows l;

	(void)state;
	lb_rows(st, "fepool.contoso.com", &l);
	/* The DNS table: 80, 443, 4443 and 8080, in port order. */
	assert_int_equal(l.n, 4);
	assert_string_equal(l.ports[0], "80/TCP");
	assert_string_equal(l.ports[1], "443/TCP");
	assert_string_equal(l.ports[2], "4443/TCP");
	assert_string_equal(l.ports[3], "8080/TCP");
	assert_string_equal(l.source[3], DNS_TABLE "3");
	assert_string_equal(l.mode, "dns");
	assert_string_equal(l.lbs, "hlb-fe-web");
	assert_string_equal(l.vips, "192.0.2.10");
	/* SIP is DNS balanced: no 5061 and no 5070 despite collocated Mediation. */
	assert_false(lb_has(&l, "5061/TCP"));
	assert_false(lb_has(&l, "5070/TCP"));
	store_close(st);
}

static void test_lb_hardware_mode(void **state)
{
	struct store *st = small_store();
	enum topo_lb hw = LB_HARDWARE;
	bool on = true;
	struct topo_pool_change to_hw = { .lb = &hw }, colloc = { .collocated_mediation = &on };
	struct lbrows l;

	(void)state;
	lb_rows(st, NULL, &l);
	assert_int_equal(l.n, 0); /* lb none */
	set_pool(st, "fe.example.com", &to_hw);
	add_lb(st, "hlb-b", "192.0.2.100", "fe.example.com");
	add_lb(st, "hlb-a", "192.0.2.101", "fe.example.com");
	lb_rows(st, "fe.example.com", &l);
	assert_int_equal(l.n, 14);
	assert_true(lb_has(&l, "5061/TCP"));
	assert_true(lb_has(&l, "135/TCP"));
	assert_false(lb_has(&l, "5070/TCP"));
	assert_string_equal(l.mode, "hardware");
	assert_string_equal(l.lbs, "hlb-a, hlb-b");
	assert_string_equal(l.vips, "192.0.2.101, 192.0.2.100");
	/* With collocated Mediation the load balancer also carries 5070. */
	set_pool(st, "fe.example.com", &colloc);
	lb_rows(st, "fe.example.com", &l);
	assert_int_equal(l.n, 15);
	assert_true(lb_has(&l, "5070/TCP"));
	assert_string_equal(l.source[7], HLB_TABLE "16");
	store_close(st);
}

/* A pool of one server needs no load balancer whatever its mode. */
static void test_lb_single_server(void **state)
{
	struct store *st = tu_memory_store();
	struct lbrows l;
	struct lp_error err;

	(void)state;
	add_site(st, "HQ");
	add_pool(st, "dir.example.com", ROLE_DIRECTOR, LB_HARDWARE, false, false);
	add_server(st, "dir1.example.com", "dir.example.com", NULL);
	add_pool(st, "med.example.com", ROLE_MEDIATION, LB_HARDWARE, false, false);
	add_server(st, "med1.example.com", "med.example.com", NULL);
	add_server(st, "med2.example.com", "med.example.com", NULL);
	lb_rows(st, NULL, &l);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.ports[0], "5070/TCP");
	assert_string_equal(l.source[0], HLB_TABLE "15");
	add_server(st, "dir2.example.com", "dir.example.com", NULL);
	lb_rows(st, "dir.example.com", &l);
	assert_int_equal(l.n, 4);
	assert_int_equal(topology_server_rm(st, "dir2.example.com", &err), LP_OK);
	lb_rows(st, "dir.example.com", &l);
	assert_int_equal(l.n, 0);
	store_close(st);
}

struct cmprows {
	char both[256], hardware[256], dns[256];
	char mode[16];
};

static int collect_compare(const struct plan_lb_compare_row *r, void *ud)
{
	struct cmprows *c = ud;
	char *set = strcmp(r->in, "both") == 0 ? c->both
		    : strcmp(r->in, "hardware") == 0 ? c->hardware : c->dns;
	size_t len = strlen(set);

	snprintf(set + len, sizeof c->both - len, "%s%s", len ? " " : "", r->ports);
	snprintf(c->mode, sizeof c->mode, "%s", r->current_mode);
	return 0;
}

static void compare(struct store *st, const char *pool, struct cmprows *out)
{
	struct lp_error err;

	memset(out, 0, sizeof *out);
	if (plan_lb_compare(st, pool, collect_compare, out, &err) != LP_OK)
		fail_msg("compare: %s", err.msg);
}

static void test_lb_compare(void **state)
{
	struct store *st = demo_store();
	struct cmprows c;

	(void)state;
	compare(st, "fepool.contoso.com", &c);
	assert_string_equal(c.both, "80 443 4443 8080");
	assert_string_equal(c.hardware, "135 444 448 5061 5070 5071 5072 5073 5075 5076 5080");
	assert_string_equal(c.dns, "");
	assert_string_equal(c.mode, "dns");
	/* Without collocated Mediation, no 5070 under either mode. */
	compare(st, "se01.dublin.contoso.com", &c);
	assert_string_equal(c.both, "80 443 4443 8080");
	assert_string_equal(c.hardware, "135 444 448 5061 5071 5072 5073 5075 5076 5080");
	assert_string_equal(c.mode, "none");
	compare(st, "dirpool.contoso.com", &c);
	assert_string_equal(c.both, "443 4443");
	assert_string_equal(c.hardware, "444 5061");
	assert_string_equal(c.dns, "");
	/* Persistent Chat is in neither table. */
	compare(st, "pchatpool.contoso.com", &c);
	assert_string_equal(c.both, "");
	assert_string_equal(c.hardware, "");
	store_close(st);
}

static void test_lb_compare_mediation(void **state)
{
	struct store *st = small_store();
	struct cmprows c;

	(void)state;
	add_pool(st, "med.example.com", ROLE_MEDIATION, LB_DNS, false, false);
	compare(st, "med.example.com", &c);
	assert_string_equal(c.both, "");
	assert_string_equal(c.hardware, "5070");
	assert_string_equal(c.dns, "");
	store_close(st);
}

/* ---- client ports ---- */

struct clientrows {
	int to_server, client_side;
	char list[1024];
};

static int collect_client(const struct plan_client_row *r, void *ud)
{
	struct clientrows *c = ud;
	size_t len = strlen(c->list);

	if (strcmp(r->direction, "to-server") == 0)
		c->to_server++;
	else
		c->client_side++;
	snprintf(c->list + len, sizeof c->list - len, "%s%s:%s:%s/%s", len ? " " : "",
		 r->direction, r->role, r->ports, r->transport);
	return 0;
}

static void clients(struct store *st, const char *role, struct clientrows *out)
{
	struct lp_error err;

	memset(out, 0, sizeof *out);
	if (plan_client_ports(st, role, collect_client, out, &err) != LP_OK)
		fail_msg("clients: %s", err.msg);
}

static void test_client_ports(void **state)
{
	struct store *st = demo_store();
	struct clientrows c;

	(void)state;
	clients(st, "front-end", &c);
	assert_string_equal(c.list, "to-server:front-end:5061/TCP to-server:front-end:8057/TCP"
			    " to-server:front-end:8080/TCP to-server:front-end:8080/TCP");
	clients(st, "director", &c);
	assert_string_equal(c.list, "to-server:director:5061/TCP");
	clients(st, "persistent-chat", &c);
	assert_string_equal(c.list, "");
	clients(st, "device", &c);
	assert_string_equal(c.list, "client-side:device:67-68/UDP");
	clients(st, NULL, &c);
	/* 5 for the internal roles; the Edge pool 6 to its servers and 6 to
	 * the virtual IPs hardware load balancing would have; the reverse proxy 1. */
	assert_int_equal(c.to_server, 18);
	assert_int_equal(c.client_side, 11); /* 6891-6901 needs legacy clients */
	feature(st, "legacy-clients", true);
	clients(st, NULL, &c);
	assert_int_equal(c.to_server, 19); /* 8058 */
	assert_int_equal(c.client_side, 12);
	assert_non_null(strstr(c.list, "to-server:front-end:8058/TCP"));
	assert_non_null(strstr(c.list, "client-side:client:6891-6901/TCP"));
	store_close(st);
}

/* Roles with no pool in the topology get no to-server rows. */
static void test_client_ports_roles_in_use(void **state)
{
	struct store *st = tu_memory_store();
	struct clientrows c;

	(void)state;
	clients(st, NULL, &c);
	assert_int_equal(c.to_server, 0);
	assert_int_equal(c.client_side, 11);
	add_site(st, "HQ");
	add_pool(st, "dir.example.com", ROLE_DIRECTOR, LB_NONE, false, false);
	clients(st, NULL, &c);
	assert_int_equal(c.to_server, 1);
	assert_non_null(strstr(c.list, "to-server:director:5061/TCP"));
	store_close(st);
}

/* ---- checks ---- */

struct findings {
	int n, errors;
	char code[64][32], subject[64][256];
	char lines[64][768];
};

static int collect_finding(const struct plan_finding *f, void *ud)
{
	struct findings *x = ud;

	assert_true(x->n < 64);
	snprintf(x->code[x->n], sizeof x->code[0], "%s", f->code);
	snprintf(x->subject[x->n], sizeof x->subject[0], "%s", f->subject);
	snprintf(x->lines[x->n++], sizeof x->lines[0], "%s %s %s %s: %s (%s)",
		 plan_severity_name(f->severity), f->code, f->kind, f->subject, f->message,
		 f->hint);
	return 0;
}

static void check(struct store *st, struct findings *out)
{
	struct lp_error err;

	memset(out, 0, sizeof *out);
	if (plan_check(st, collect_finding, out, &out->errors, &err) != LP_OK)
		fail_msg("check: %s", err.msg);
}

/* The finding of code about subject, as a line, or NULL. */
static const char *finding(const struct findings *x, const char *code, const char *subject)
{
	int i;

	for (i = 0; i < x->n; i++)
		if (strcmp(x->code[i], code) == 0 && strcmp(x->subject[i], subject) == 0)
			return x->lines[i];
	return NULL;
}

static void test_check_demo(void **state)
{
	struct store *st = demo_store();
	struct findings x;

	(void)state;
	check(st, &x);
	/* The demo is sound: only the overlapping default media ranges, what
	 * its Edge pool's NAT and addresses need, and the external addresses
	 * its Edge Servers and reverse proxy lack. */
	assert_int_equal(x.errors, 0);
	assert_int_equal(x.n, 7);
	assert_string_equal(x.lines[3],
		"info port-ranges-overlap pool fepool.contoso.com: port ranges overlap on each of"
		" its servers: 49152-57500 TCP/UDP and 49152-65535 TCP; 49152-65535 TCP and"
		" 57501-65535 TCP/UDP (expected with the default media ranges; to mark media for"
		" QoS, give audio, video and application sharing ranges of their own)");
	assert_non_null(finding(&x, "port-ranges-overlap", "se01.dublin.contoso.com"));
	assert_non_null(finding(&x, "edge-nat", "edgepool.contoso.com"));
	assert_non_null(finding(&x, "edge-addresses", "edgepool.contoso.com"));
	assert_non_null(finding(&x, "missing-address", "edge01.contoso.com"));
	assert_non_null(finding(&x, "missing-address", "edge02.contoso.com"));
	assert_non_null(finding(&x, "missing-address", "rp01.contoso.com"));
	store_close(st);
}

static void test_check_dns_without_hlb(void **state)
{
	struct store *st = small_store();
	enum topo_lb dns = LB_DNS;
	struct topo_pool_change to_dns = { .lb = &dns };
	struct findings x;

	(void)state;
	add_pool(st, "chat.example.com", ROLE_PERSISTENT_CHAT, LB_DNS, false, false);
	add_server(st, "chat1.example.com", "chat.example.com", NULL);
	add_server(st, "chat2.example.com", "chat.example.com", NULL);
	set_pool(st, "fe.example.com", &to_dns);
	check(st, &x);
	assert_non_null(finding(&x, "dns-lb-without-hlb", "fe.example.com"));
	/* Persistent Chat has no web traffic to balance. */
	assert_null(finding(&x, "dns-lb-without-hlb", "chat.example.com"));
	assert_true(strncmp(x.lines[0], "error dns-lb-without-hlb", 24) == 0);
	add_lb(st, "hlb", "192.0.2.10", "fe.example.com");
	check(st, &x);
	assert_null(finding(&x, "dns-lb-without-hlb", "fe.example.com"));
	store_close(st);
}

static void test_check_hardware_without_lb(void **state)
{
	struct store *st = small_store();
	enum topo_lb hw = LB_HARDWARE;
	struct topo_pool_change to_hw = { .lb = &hw };
	struct findings x;

	(void)state;
	set_pool(st, "fe.example.com", &to_hw);
	check(st, &x);
	assert_non_null(finding(&x, "hardware-lb-missing", "fe.example.com"));
	add_lb(st, "hlb", "192.0.2.10", "fe.example.com");
	check(st, &x);
	assert_null(finding(&x, "hardware-lb-missing", "fe.example.com"));
	store_close(st);
}

static void test_check_multi_server_no_lb(void **state)
{
	struct store *st = small_store();
	enum topo_lb dns = LB_DNS;
	struct topo_pool_change to_dns = { .lb = &dns };
	struct findings x;
	const char *f;

	(void)state;
	check(st, &x);
	f = finding(&x, "multi-server-no-lb", "fe.example.com");
	assert_non_null(f);
	assert_non_null(strstr(f, "warning multi-server-no-lb pool fe.example.com: the pool has 2"
			       " servers but no load balancing"));
	set_pool(st, "fe.example.com", &to_dns);
	check(st, &x);
	assert_null(finding(&x, "multi-server-no-lb", "fe.example.com"));
	store_close(st);
}

static void test_check_cms(void **state)
{
	struct store *st = tu_memory_store();
	bool on = true;
	struct topo_pool_change to_cms = { .cms = &on };
	struct findings x;

	(void)state;
	add_site(st, "HQ");
	add_pool(st, "dir.example.com", ROLE_DIRECTOR, LB_NONE, false, false);
	add_server(st, "dir1.example.com", "dir.example.com", NULL);
	check(st, &x);
	assert_null(finding(&x, "no-cms", "")); /* no Front End pool yet */
	add_pool(st, "fe.example.com", ROLE_FRONT_END, LB_NONE, false, false);
	add_server(st, "fe1.example.com", "fe.example.com", NULL);
	check(st, &x);
	assert_non_null(finding(&x, "no-cms", ""));
	assert_int_equal(x.errors, 1);
	assert_string_equal(x.lines[0], "error no-cms topology : no pool holds the Central"
			    " Management store (mark the Front End pool that holds it: lyncplan"
			    " pool set FQDN --cms)");
	set_pool(st, "fe.example.com", &to_cms);
	check(st, &x);
	assert_null(finding(&x, "no-cms", ""));
	assert_int_equal(x.errors, 0);
	store_close(st);
}

static void test_check_empty_pool(void **state)
{
	struct store *st = small_store();
	struct findings x;

	(void)state;
	add_pool(st, "chat.example.com", ROLE_PERSISTENT_CHAT, LB_NONE, false, false);
	check(st, &x);
	assert_non_null(finding(&x, "empty-pool", "chat.example.com"));
	assert_null(finding(&x, "empty-pool", "fe.example.com"));
	add_server(st, "chat1.example.com", "chat.example.com", NULL);
	check(st, &x);
	assert_null(finding(&x, "empty-pool", "chat.example.com"));
	store_close(st);
}

static void test_check_shared_address(void **state)
{
	struct store *st = small_store();
	struct findings x;
	const char *f;

	(void)state;
	check(st, &x);
	assert_null(finding(&x, "shared-address", "fe1.example.com"));
	add_pool(st, "dir.example.com", ROLE_DIRECTOR, LB_HARDWARE, false, false);
	add_server(st, "dir1.example.com", "dir.example.com", "192.0.2.1");
	add_lb(st, "hlb-dir", "192.0.2.1", "dir.example.com");
	check(st, &x);
	f = finding(&x, "shared-address", "fe1.example.com");
	assert_non_null(f);
	assert_non_null(strstr(f, ": address 192.0.2.1 is also used by load balancer hlb-dir,"
			       " server dir1.example.com ("));
	assert_non_null(finding(&x, "shared-address", "dir1.example.com"));
	assert_null(finding(&x, "shared-address", "fe2.example.com"));
	assert_int_equal(x.errors, 3); /* the two servers, and no CMS */
	store_close(st);
}

static void test_check_overlap_needs_servers(void **state)
{
	struct store *st = tu_memory_store();
	struct findings x;

	(void)state;
	add_site(st, "HQ");
	add_pool(st, "fe.example.com", ROLE_FRONT_END, LB_NONE, false, true);
	add_pool(st, "dir.example.com", ROLE_DIRECTOR, LB_NONE, false, false);
	add_server(st, "dir1.example.com", "dir.example.com", NULL);
	check(st, &x);
	/* An empty pool has no servers to overlap on; a Director one range. */
	assert_null(finding(&x, "port-ranges-overlap", "fe.example.com"));
	assert_null(finding(&x, "port-ranges-overlap", "dir.example.com"));
	add_server(st, "fe1.example.com", "fe.example.com", NULL);
	check(st, &x);
	assert_non_null(finding(&x, "port-ranges-overlap", "fe.example.com"));
	store_close(st);
}

/* Errors come before warnings, warnings before information. */
static void test_check_order(void **state)
{
	struct store *st = small_store();
	struct findings x;
	int i, last = 0;

	(void)state;
	add_pool(st, "empty.example.com", ROLE_DIRECTOR, LB_NONE, false, false);
	check(st, &x);
	assert_true(x.n >= 4);
	for (i = 0; i < x.n; i++) {
		int rank = x.lines[i][0] == 'e' ? 0 : x.lines[i][0] == 'w' ? 1 : 2;

		assert_true(rank >= last);
		last = rank;
	}
	assert_true(strncmp(x.lines[0], "error no-cms", 12) == 0);
	assert_true(strncmp(x.lines[x.n - 1], "info ", 5) == 0);
	store_close(st);
}

/* ---- filters, paging, counting ---- */

static void test_filter_check(void **state)
{
	struct store *st = demo_store();
	struct plan_filter ok = { .site = "Dublin", .pool = "fepool.contoso.com",
				  .server = "FE01.contoso.com", .role = "director" };
	struct plan_filter client = { .role = "client" };
	struct plan_filter bad_site = { .site = "dublin" };
	struct plan_filter bad_server = { .server = "fe09.contoso.com" };
	struct plan_filter bad_role = { .role = "edge-ish" };
	const char *field = NULL;
	struct lp_error err;

	(void)state;
	assert_int_equal(plan_filter_check(st, &ok, &field, &err), LP_OK);
	assert_int_equal(plan_filter_check(st, &client, &field, &err), LP_OK);
	assert_int_equal(plan_filter_check(st, &bad_site, &field, &err), LP_EINPUT);
	assert_string_equal(field, "site");
	assert_string_equal(err.msg, "no site named 'dublin'");
	assert_int_equal(plan_filter_check(st, &bad_server, &field, &err), LP_EINPUT);
	assert_string_equal(field, "server");
	assert_int_equal(plan_filter_check(st, &bad_role, &field, &err), LP_EINPUT);
	assert_string_equal(field, "role");
	store_close(st);
}

struct pager {
	struct plan_port_key key;
	struct mrows rows;
	int got;
};

static int page_row(const struct plan_port_row *r, void *ud)
{
	struct pager *p = ud;

	plan_port_key_of(r, &p->key);
	p->got++;
	return collect_row(r, &p->rows);
}

static void assert_same_rows(const struct mrows *a, const struct mrows *b)
{
	size_t i;

	assert_int_equal(a->n, b->n);
	for (i = 0; i < a->n; i++) {
		assert_string_equal(a->v[i].server, b->v[i].server);
		assert_string_equal(a->v[i].ports, b->v[i].ports);
		assert_string_equal(a->v[i].transport, b->v[i].transport);
		assert_string_equal(a->v[i].source, b->v[i].source);
	}
}

/* Pages of 7 rows, each resumed from the key of the last, give the rows
 * of one pass; so does a filtered walk. */
static void page_through(struct store *st, const struct plan_filter *f)
{
	struct pager p = { 0 };
	struct mrows whole;
	struct lp_error err;
	long count;
	int pages = 0;

	matrix(st, f, &whole);
	do {
		p.got = 0;
		assert_int_equal(plan_port_matrix(st, f, pages ? &p.key : NULL, 7, page_row, &p,
						  &err), LP_OK);
		assert_true(p.got <= 7);
		pages++;
	} while (p.got == 7);
	assert_same_rows(&whole, &p.rows);
	assert_int_equal(pages, (int)whole.n / 7 + 1);
	assert_int_equal(plan_port_count(st, f, &count, &err), LP_OK);
	assert_int_equal(count, (long)whole.n);
	mrows_free(&whole);
	mrows_free(&p.rows);
}

static void test_paging(void **state)
{
	struct store *st = demo_store();
	struct plan_filter site = { .site = "Redmond" };
	struct plan_filter role = { .role = "front-end" };

	(void)state;
	page_through(st, NULL);
	page_through(st, &site);
	page_through(st, &role);
	store_close(st);
}

static void test_stop_early(void **state)
{
	struct store *st = demo_store();
	struct mrows m = { .stop_after = 3 };
	struct lp_error err;

	(void)state;
	assert_int_equal(plan_port_matrix(st, NULL, NULL, 0, collect_row, &m, &err), LP_OK);
	assert_int_equal(m.n, 3);
	mrows_free(&m);
	store_close(st);
}

/* The views are in the file for any SQLite tool, with the same rows. */
static void test_views_in_file(void **state)
{
	struct store *st = demo_store();
	struct lp_error err;
	long count;

	(void)state;
	assert_int_equal(plan_port_count(st, NULL, &count, &err), LP_OK);
	assert_int_equal(tu_query_int(st, "SELECT count(*) FROM port_matrix"), count);
	assert_int_equal(tu_query_int(st, "SELECT count(*) FROM lb_ports"), 4 + 4);
	assert_int_equal(tu_query_int(st, "SELECT count(*) FROM lb_compare"
				      " WHERE pool = 'dirpool.contoso.com' AND \"in\" = 'both'"), 2);
	assert_int_equal(tu_query_int(st, "SELECT count(*) FROM client_ports"
				      " WHERE direction = 'client-side'"), 11);
	store_close(st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_demo_front_end_rows),
		cmocka_unit_test(test_matrix_order_and_columns),
		cmocka_unit_test(test_matrix_row_fields),
		cmocka_unit_test(test_condition_cms),
		cmocka_unit_test(test_condition_collocated_mediation),
		cmocka_unit_test(test_condition_features),
		cmocka_unit_test(test_merge_sql_browser),
		cmocka_unit_test(test_merge_mediation_5070),
		cmocka_unit_test(test_office_web_apps_rows),
		cmocka_unit_test(test_lb_dns_mode),
		cmocka_unit_test(test_lb_hardware_mode),
		cmocka_unit_test(test_lb_single_server),
		cmocka_unit_test(test_lb_compare),
		cmocka_unit_test(test_lb_compare_mediation),
		cmocka_unit_test(test_client_ports),
		cmocka_unit_test(test_client_ports_roles_in_use),
		cmocka_unit_test(test_check_demo),
		cmocka_unit_test(test_check_dns_without_hlb),
		cmocka_unit_test(test_check_hardware_without_lb),
		cmocka_unit_test(test_check_multi_server_no_lb),
		cmocka_unit_test(test_check_cms),
		cmocka_unit_test(test_check_empty_pool),
		cmocka_unit_test(test_check_shared_address),
		cmocka_unit_test(test_check_overlap_needs_servers),
		cmocka_unit_test(test_check_order),
		cmocka_unit_test(test_filter_check),
		cmocka_unit_test(test_paging),
		cmocka_unit_test(test_stop_early),
		cmocka_unit_test(test_views_in_file),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
