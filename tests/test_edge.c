/* test_edge.c - the perimeter: Edge and reverse proxy pools in the model,
 * their port matrix and load balancer ports, the flows (who talks to
 * whom) and each documented Edge rule as a check that fires and stays
 * quiet. Topologies are built with the model's own API. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan.h"
#include "testutil.h"
#include "topology.h"

/* ---- building topologies ---- */

/* Fails the test with err's message unless s is LP_OK. */
static void must(enum lp_status s, const struct lp_error *err)
{
	if (s != LP_OK)
		fail_msg("%s", err->msg);
}

static void add_site(struct store *st, const char *name)
{
	struct lp_error err;

	if (topology_site_add(st, name, "", &err) != LP_OK)
		fail_msg("site %s: %s", name, err.msg);
}

static void add_pool(struct store *st, const char *fqdn, enum topo_role role, enum topo_lb lb,
		     enum topo_edge_external external, enum topo_edition edition)
{
	struct topo_pool_spec spec = {
		.fqdn = fqdn, .site = "HQ", .role = role, .edition = edition, .lb = lb,
		.edge_external = external,
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

static void feature(struct store *st, const char *name, bool on)
{
	struct lp_error err;

	if (topology_feature_set(st, name, on, &err) != LP_OK)
		fail_msg("feature %s: %s", name, err.msg);
}

static void set_lb(struct store *st, const char *pool, enum topo_lb lb)
{
	struct topo_pool_change ch = { .lb = &lb };
	struct lp_error err;

	if (topology_pool_set(st, pool, &ch, &err) != LP_OK)
		fail_msg("pool set %s: %s", pool, err.msg);
}

static void set_external(struct store *st, const char *pool, enum topo_edge_external e)
{
	struct topo_pool_change ch = { .edge_external = &e };
	struct lp_error err;

	if (topology_pool_set(st, pool, &ch, &err) != LP_OK)
		fail_msg("pool set %s: %s", pool, err.msg);
}

/* Site HQ, an Enterprise Front End pool fe.example.com holding the
 * Central Management store (two servers), and an Edge pool
 * edge.example.com of two servers with the given mode and addressing. */
static struct store *edge_store(enum topo_lb lb, enum topo_edge_external external)
{
	struct store *st = tu_memory_store();
	struct topo_pool_spec fe = {
		.fqdn = "fe.example.com", .site = "HQ", .role = ROLE_FRONT_END,
		.edition = EDITION_ENTERPRISE, .lb = LB_NONE, .cms = true,
	};
	struct lp_error err;

	add_site(st, "HQ");
	if (topology_pool_add(st, &fe, &err) != LP_OK)
		fail_msg("pool fe: %s", err.msg);
	add_server(st, "fe1.example.com", "fe.example.com", "192.0.2.1");
	add_pool(st, "edge.example.com", ROLE_EDGE, lb, external, EDITION_NONE);
	add_server(st, "edge1.example.com", "edge.example.com", "192.0.2.41");
	add_server(st, "edge2.example.com", "edge.example.com", "192.0.2.42");
	return st;
}

/* ---- reading the derivation as text lines ---- */

/* Lines collected from a derivation, one per row, joined with '\n'. */
struct lines {
	char *text;
	size_t len;
	int rows;
};

static void lines_add(struct lines *l, const char *line)
{
	size_t n = strlen(line);

	l->text = realloc(l->text, l->len + n + 2);
	assert_non_null(l->text);
	memcpy(l->text + l->len, line, n);
	l->len += n;
	l->text[l->len++] = '\n';
	l->text[l->len] = '\0';
	l->rows++;
}

static bool has_line(const struct lines *l, const char *line)
{
	const char *p = l->text;
	size_t n = strlen(line);

	for (; p && (p = strstr(p, line)) != NULL; p++)
		if ((p == l->text || p[-1] == '\n') && p[n] == '\n')
			return true;
	return false;
}

static bool has_text(const struct lines *l, const char *text)
{
	return l->text && strstr(l->text, text);
}

/* "server ports/transport interface [address]" */
static int port_line(const struct plan_port_row *r, void *ud)
{
	char line[512];

	snprintf(line, sizeof line, "%s %s/%s %s [%s]", r->server, r->ports, r->transport,
		 r->interface, r->address);
	lines_add(ud, line);
	return 0;
}

static struct lines ports_of(struct store *st, const char *server)
{
	struct plan_filter f = { .server = server };
	struct lines l = { 0 };
	struct lp_error err;

	if (plan_port_matrix(st, &f, NULL, 0, port_line, &l, &err) != LP_OK)
		fail_msg("ports: %s", err.msg);
	return l;
}

/* "pool ports/transport side service [load balancers]" */
static int lb_line(const struct plan_lb_row *r, void *ud)
{
	char line[512];

	snprintf(line, sizeof line, "%s %s/%s %s %s [%s]", r->pool, r->ports, r->transport,
		 r->side, r->service[0] ? r->service : "-", r->load_balancers);
	lines_add(ud, line);
	return 0;
}

static struct lines lb_ports_of(struct store *st, const char *pool)
{
	struct lines l = { 0 };
	struct lp_error err;

	if (plan_lb_ports(st, pool, lb_line, &l, &err) != LP_OK)
		fail_msg("lb-ports: %s", err.msg);
	return l;
}

/* "from -> to ports/transport [direction]" */
static int flow_line(const struct plan_flow_row *r, void *ud)
{
	char line[1024];

	snprintf(line, sizeof line, "%s -> %s %s/%s [%s]", r->from, r->to, r->ports,
		 r->transport, r->direction);
	lines_add(ud, line);
	return 0;
}

static struct lines flows_of(struct store *st, const char *from, const char *to)
{
	struct lines l = { 0 };
	struct lp_error err;

	if (plan_flows(st, from, to, NULL, flow_line, &l, &err) != LP_OK)
		fail_msg("flows: %s", err.msg);
	return l;
}

/* Flows from or to pool (any case), as lines. */
static struct lines flows_with(struct store *st, const char *pool)
{
	struct lines l = { 0 };
	struct lp_error err;

	if (plan_flows(st, NULL, NULL, pool, flow_line, &l, &err) != LP_OK)
		fail_msg("flows: %s", err.msg);
	return l;
}

/* "severity code subject: message (hint)" */
static int finding_line(const struct plan_finding *f, void *ud)
{
	char line[2048];

	snprintf(line, sizeof line, "%s %s %s: %s (%s)", plan_severity_name(f->severity),
		 f->code, f->subject, f->message, f->hint);
	lines_add(ud, line);
	return 0;
}

static struct lines checks_of(struct store *st, int *errors)
{
	struct lines l = { 0 };
	struct lp_error err;
	int n = 0;

	if (plan_check(st, finding_line, &l, errors ? errors : &n, &err) != LP_OK)
		fail_msg("check: %s", err.msg);
	return l;
}

/* The finding of code about subject, or NULL. */
static const char *finding(const struct lines *l, const char *code, const char *subject)
{
	char key[256];
	const char *p;

	snprintf(key, sizeof key, " %s %s: ", code, subject);
	p = l->text ? strstr(l->text, key) : NULL;
	return p;
}

static void lines_free(struct lines *l)
{
	free(l->text);
	*l = (struct lines){ 0 };
}

/* ---- the catalog's flow mapping ---- */

/* Each mapping quotes its catalog row, has exactly one end owning the row
 * (whose role is the row's role), and every row of a perimeter table the
 * derivation uses is mapped (it has a direction). */
static void test_flow_mapping_sound(void **state)
{
	struct store *st = tu_memory_store();

	(void)state;
	assert_int_equal(tu_query_int(st,
		"SELECT count(*) FROM catalog_flow f JOIN catalog c ON c.id = f.catalog_id"
		" WHERE instr(c.notes || ' ' || c.protocol, f.why) = 0"), 0);
	assert_int_equal(tu_query_int(st,
		"SELECT count(*) FROM catalog_flow f JOIN catalog c ON c.id = f.catalog_id"
		" JOIN flow_end a ON a.kind = f.from_kind JOIN flow_end b ON b.kind = f.to_kind"
		" WHERE (a.role IS c.role) + (b.role IS c.role) <> 1"), 0);
	assert_int_equal(tu_query_int(st,
		"SELECT count(*) FROM catalog c WHERE c.role IN ('edge', 'reverse-proxy')"
		" AND c.section IN (SELECT section FROM section_mode)"
		" AND NOT EXISTS (SELECT 1 FROM catalog_flow f WHERE f.catalog_id = c.id)"), 0);
	/* The A/V topic's alternative tables feed nothing. */
	assert_int_equal(tu_query_int(st,
		"SELECT count(*) FROM section_mode WHERE section LIKE 'edge-av-%'"), 0);
	store_close(st);
}

/* ---- the model ---- */

static void test_edge_pool_model(void **state)
{
	struct store *st = tu_memory_store();
	enum topo_edge_external nat = EDGE_EXTERNAL_NAT;
	struct topo_pool_change to_nat = { .edge_external = &nat };
	struct topo_pool_spec bad = {
		.fqdn = "dir.example.com", .site = "HQ", .role = ROLE_DIRECTOR,
		.edge_external = EDGE_EXTERNAL_NAT,
	};
	struct lp_error err;

	(void)state;
	add_site(st, "HQ");
	add_pool(st, "edge.example.com", ROLE_EDGE, LB_DNS, EDGE_EXTERNAL_NONE, EDITION_NONE);
	assert_int_equal(tu_query_int(st, "SELECT count(*) FROM pool WHERE edge_external = 'public'"), 1);
	set_external(st, "edge.example.com", EDGE_EXTERNAL_NAT);
	set_external(st, "edge.example.com", EDGE_EXTERNAL_NONE); /* keeps nat */
	assert_int_equal(tu_query_int(st, "SELECT count(*) FROM pool WHERE edge_external = 'nat'"), 1);
	assert_int_equal(topology_pool_add(st, &bad, &err), LP_EINPUT);
	assert_string_equal(err.msg,
		"--edge-external: only an edge pool has an external interface (this pool is director)");
	add_pool(st, "rp.example.com", ROLE_REVERSE_PROXY, LB_NONE, EDGE_EXTERNAL_NONE, EDITION_NONE);
	assert_int_equal(topology_pool_set(st, "rp.example.com", &to_nat, &err), LP_EINPUT);
	assert_non_null(strstr(err.msg, "this pool is reverse-proxy"));
	assert_string_equal(topology_role_name(ROLE_EDGE), "edge");
	assert_string_equal(topology_role_name(ROLE_REVERSE_PROXY), "reverse-proxy");
	store_close(st);
}

/* "A single Edge pool will support up to twelve Edge Servers". */
static void test_edge_pool_max_12(void **state)
{
	struct store *st = tu_memory_store();
	struct lp_error err;
	char fqdn[64];
	int i;

	(void)state;
	add_site(st, "HQ");
	add_pool(st, "edge.example.com", ROLE_EDGE, LB_DNS, EDGE_EXTERNAL_NAT, EDITION_NONE);
	add_pool(st, "edge2.example.com", ROLE_EDGE, LB_DNS, EDGE_EXTERNAL_NAT, EDITION_NONE);
	for (i = 1; i <= 12; i++) {
		snprintf(fqdn, sizeof fqdn, "e%02d.example.com", i);
		add_server(st, fqdn, "edge.example.com", NULL);
	}
	assert_int_equal(topology_server_add(st, "e13.example.com", "edge.example.com", NULL, &err),
			 LP_EINPUT);
	assert_string_equal(err.msg, "--pool: pool 'edge.example.com' is full: Edge pools hold at"
			    " most 12 servers (the supported maximum; deploy another Edge pool for more)");
	add_server(st, "x01.example.com", "edge2.example.com", NULL);
	assert_int_equal(topology_server_set(st, "x01.example.com", NULL, "edge.example.com", NULL,
					     &err), LP_EINPUT);
	assert_int_equal(tu_query_int(st, "SELECT count(*) FROM server s JOIN pool p"
				      " ON p.id = s.pool_id WHERE p.fqdn = 'edge.example.com'"), 12);
	store_close(st);
}

/* Two spellings of one IPv6 address are one address: the model stores
 * the canonical one, so the shared-address check sees the clash. */
static void test_addresses_canonical(void **state)
{
	struct store *st = edge_store(LB_DNS, EDGE_EXTERNAL_NAT);
	const char *pool = "edge.example.com";
	struct lp_error err;
	struct lines x;

	(void)state;
	add_server(st, "fe2.example.com", "fe.example.com", "2001:DB8:0:0::0:1");
	assert_int_equal(tu_query_int(st, "SELECT count(*) FROM server"
				      " WHERE address = '2001:db8::1'"), 1);
	x = checks_of(st, NULL);
	assert_null(finding(&x, "shared-address", "fe2.example.com"));
	lines_free(&x);
	if (topology_lb_add(st, "hlb", "2001:db8::0:1", &pool, 1, &err) != LP_OK)
		fail_msg("lb: %s", err.msg);
	x = checks_of(st, NULL);
	assert_non_null(finding(&x, "shared-address", "fe2.example.com"));
	lines_free(&x);
	assert_int_equal(topology_server_set(st, "edge1.example.com", NULL, NULL, "192.0.2.042",
					     &err), LP_EINPUT);
	must(topology_server_set(st, "edge1.example.com", NULL, NULL, "2001:DB8:0::C000:022A", &err),
	     &err);
	assert_int_equal(tu_query_int(st, "SELECT count(*) FROM server"
				      " WHERE address = '2001:db8::c000:22a'"), 1);
	store_close(st);
}

/* ---- the port matrix and load balancer ports ---- */

/* A DNS or single Edge Server listens where it is the destination:
 * inbound external and internal rows, never the outbound ones. Without
 * external addresses, its external rows are on the interfaces of the
 * Access, Web Conferencing and A/V Edge, with no address. */
static void test_edge_matrix_dns(void **state)
{
	struct store *st = edge_store(LB_DNS, EDGE_EXTERNAL_NAT);
	struct lines l = ports_of(st, "edge1.example.com");

	(void)state;
	assert_true(has_line(&l, "edge1.example.com 443/TCP external-access []"));
	assert_true(has_line(&l, "edge1.example.com 443/TCP external-webconf []"));
	assert_true(has_line(&l, "edge1.example.com 443/TCP external-av []"));
	assert_true(has_line(&l, "edge1.example.com 443/TCP internal [192.0.2.41]"));
	assert_true(has_line(&l, "edge1.example.com 3478/UDP external-av []"));
	assert_true(has_line(&l, "edge1.example.com 3478/UDP internal [192.0.2.41]"));
	assert_true(has_line(&l, "edge1.example.com 5061/TCP internal [192.0.2.41]"));
	assert_true(has_line(&l, "edge1.example.com 5062/TCP internal [192.0.2.41]"));
	assert_true(has_line(&l, "edge1.example.com 8057/TCP internal [192.0.2.41]"));
	assert_true(has_line(&l, "edge1.example.com 4443/TCP internal [192.0.2.41]"));
	assert_true(has_line(&l, "edge1.example.com 50001/TCP internal [192.0.2.41]"));
	assert_false(has_text(&l, " 80/TCP"));      /* CRL check: outbound */
	assert_false(has_text(&l, " 53/"));         /* DNS queries: outbound */
	assert_false(has_text(&l, "1434/UDP"));     /* not an internal server */
	assert_false(has_text(&l, "5269/TCP"));     /* XMPP: off */
	assert_false(has_text(&l, "50000-59999"));  /* OCS 2007 federation: off */
	assert_int_equal(l.rows, 13);
	lines_free(&l);

	feature(st, "xmpp", true);
	feature(st, "federation-ocs2007", true);
	l = ports_of(st, "edge1.example.com");
	assert_true(has_line(&l, "edge1.example.com 5061/TCP external-access []"));
	assert_true(has_line(&l, "edge1.example.com 5269/TCP external-access []"));
	assert_true(has_line(&l, "edge1.example.com 23456/TCP internal [192.0.2.41]"));
	assert_true(has_line(&l, "edge1.example.com 50000-59999/TCP external-av []"));
	assert_true(has_line(&l, "edge1.example.com 50000-59999/UDP external-av []"));
	lines_free(&l);
	l = lb_ports_of(st, "edge.example.com");
	assert_int_equal(l.rows, 0); /* DNS load balancing: no virtual IPs */
	lines_free(&l);
	store_close(st);
}

/* Gives each server of the Edge pool edge.example.com `n` (1 or 3)
 * external addresses: 203.0.113.1N, 2N, 3N for server edgeN. */
static void set_external_addresses(struct store *st, int n)
{
	tu_exec(st, "DELETE FROM server_external");
	tu_exec(st, n == 1 ?
		"INSERT INTO server_external (server_id, seq, address)"
		" SELECT s.id, 1, '203.0.113.1' || substr(s.fqdn, 5, 1) FROM server s"
		" JOIN pool p ON p.id = s.pool_id WHERE p.fqdn = 'edge.example.com'" :
		"INSERT INTO server_external (server_id, seq, address)"
		" SELECT s.id, k.seq, '203.0.113.' || k.seq || substr(s.fqdn, 5, 1) FROM server s"
		" JOIN pool p ON p.id = s.pool_id"
		" JOIN (SELECT 1 AS seq UNION ALL SELECT 2 UNION ALL SELECT 3) k"
		" WHERE p.fqdn = 'edge.example.com'");
}

/* Counts the rows of the port matrix of server as plan_port_count does. */
static long count_of(struct store *st, const char *server)
{
	struct plan_filter f = { .server = server };
	struct lp_error err;
	long n;

	if (plan_port_count(st, &f, &n, &err) != LP_OK)
		fail_msg("count: %s", err.msg);
	return n;
}

/* Three external addresses: each service's 443 on its own interface and
 * address, the internal STUN 443 on the internal one; the counts the
 * interface scrolls by agree. */
static void test_edge_three_addresses(void **state)
{
	struct store *st = edge_store(LB_DNS, EDGE_EXTERNAL_PUBLIC);
	struct lines l;

	(void)state;
	set_external_addresses(st, 3);
	l = ports_of(st, "edge2.example.com");
	assert_true(has_line(&l, "edge2.example.com 443/TCP external-access [203.0.113.12]"));
	assert_true(has_line(&l, "edge2.example.com 443/TCP external-webconf [203.0.113.22]"));
	assert_true(has_line(&l, "edge2.example.com 443/TCP external-av [203.0.113.32]"));
	assert_true(has_line(&l, "edge2.example.com 443/TCP internal [192.0.2.42]"));
	assert_true(has_line(&l, "edge2.example.com 3478/UDP external-av [203.0.113.32]"));
	assert_true(has_line(&l, "edge2.example.com 3478/UDP internal [192.0.2.42]"));
	assert_false(has_text(&l, "[]"));
	assert_false(has_text(&l, " external "));
	assert_int_equal(l.rows, 13);
	assert_int_equal(count_of(st, "edge2.example.com"), l.rows);
	lines_free(&l);
	store_close(st);
}

/* A single IP: one external interface, its 443 rows merged into one. */
static void test_edge_single_address(void **state)
{
	struct store *st = edge_store(LB_DNS, EDGE_EXTERNAL_PUBLIC);
	struct lines l;

	(void)state;
	set_external_addresses(st, 1);
	l = ports_of(st, "edge1.example.com");
	assert_true(has_line(&l, "edge1.example.com 443/TCP external [203.0.113.11]"));
	assert_true(has_line(&l, "edge1.example.com 443/TCP internal [192.0.2.41]"));
	assert_true(has_line(&l, "edge1.example.com 3478/UDP external [203.0.113.11]"));
	assert_false(has_text(&l, "external-"));
	assert_int_equal(l.rows, 11);
	assert_int_equal(count_of(st, "edge1.example.com"), l.rows);
	lines_free(&l);
	/* The Front End pool's matrix is as it was: one interface. */
	l = ports_of(st, "fe1.example.com");
	assert_false(has_text(&l, "external"));
	assert_int_equal(count_of(st, "fe1.example.com"), l.rows);
	lines_free(&l);
	store_close(st);
}

/* Hardware load balancing: the servers take the node tables, the load
 * balancer the virtual IP tables; the internal VIP carries the Access and
 * A/V Edge only (edge-hlb-internal-vip-services). */
static void test_edge_matrix_hardware(void **state)
{
	struct store *st = edge_store(LB_HARDWARE, EDGE_EXTERNAL_PUBLIC);
	struct lines l = ports_of(st, "edge2.example.com"), v;

	(void)state;
	assert_true(has_line(&l, "edge2.example.com 8057/TCP internal [192.0.2.42]"));
	assert_true(has_line(&l, "edge2.example.com 443/TCP internal [192.0.2.42]"));
	assert_true(has_line(&l, "edge2.example.com 443/TCP external-av []"));
	assert_true(has_line(&l, "edge2.example.com 3478/UDP internal [192.0.2.42]"));
	assert_true(has_line(&l, "edge2.example.com 3478/UDP external-av []"));
	/* Access and Web Conferencing Edge 443 reach the nodes through VIPs. */
	assert_false(has_text(&l, "443/TCP external-access"));
	assert_false(has_text(&l, "443/TCP external-webconf"));
	assert_false(has_text(&l, "5061/TCP"));
	assert_false(has_text(&l, "5062/TCP"));
	v = lb_ports_of(st, "edge.example.com");
	assert_true(has_line(&v, "edge.example.com 5061/TCP internal - []"));
	assert_true(has_line(&v, "edge.example.com 5062/TCP internal - []"));
	assert_true(has_line(&v, "edge.example.com 3478/UDP internal - []"));
	assert_true(has_line(&v, "edge.example.com 443/TCP external access []"));
	assert_true(has_line(&v, "edge.example.com 443/TCP external webconf []"));
	assert_true(has_line(&v, "edge.example.com 3478/UDP external av []"));
	assert_false(has_text(&v, "8057"));
	assert_false(has_text(&v, "23456"));
	assert_false(has_text(&v, "4443"));
	assert_int_equal(v.rows, 8);
	lines_free(&l);
	lines_free(&v);
	store_close(st);
}

/* An Edge pool's VIPs carry the rows of their side: the internal VIP the
 * internal table, each external VIP its service's rows, an external VIP
 * of no service every external row. */
static void test_edge_vips_by_side(void **state)
{
	struct store *st = edge_store(LB_HARDWARE, EDGE_EXTERNAL_PUBLIC);
	const char *pools[] = { "edge.example.com" };
	struct lines v;
	struct lp_error err;

	(void)state;
	must(topology_lb_add(st, "vip-int", "192.0.2.40", pools, 1, &err), &err);
	must(topology_lb_add(st, "vip-access", "203.0.113.1", pools, 1, &err), &err);
	must(topology_lb_add(st, "vip-webconf", "203.0.113.2", pools, 1, &err), &err);
	must(topology_lb_add(st, "vip-av", "203.0.113.3", pools, 1, &err), &err);
	tu_exec(st, "UPDATE load_balancer SET side = 'external', service = substr(name, 5)"
		    " WHERE name <> 'vip-int'");
	v = lb_ports_of(st, "edge.example.com");
	assert_true(has_line(&v, "edge.example.com 5061/TCP internal - [vip-int]"));
	assert_true(has_line(&v, "edge.example.com 443/TCP internal - [vip-int]"));
	assert_true(has_line(&v, "edge.example.com 443/TCP external access [vip-access]"));
	assert_true(has_line(&v, "edge.example.com 443/TCP external webconf [vip-webconf]"));
	assert_true(has_line(&v, "edge.example.com 443/TCP external av [vip-av]"));
	assert_true(has_line(&v, "edge.example.com 3478/UDP external av [vip-av]"));
	assert_false(has_text(&v, "vip-int, "));
	assert_false(has_text(&v, ", vip-"));
	lines_free(&v);

	/* One external VIP for every service (a single-IP pool's). */
	tu_exec(st, "DELETE FROM load_balancer WHERE name IN ('vip-webconf', 'vip-av');"
		    " UPDATE load_balancer SET service = '' WHERE name = 'vip-access'");
	v = lb_ports_of(st, "edge.example.com");
	assert_true(has_line(&v, "edge.example.com 443/TCP external webconf [vip-access]"));
	assert_true(has_line(&v, "edge.example.com 3478/UDP external av [vip-access]"));
	assert_true(has_line(&v, "edge.example.com 5061/TCP internal - [vip-int]"));
	lines_free(&v);
	store_close(st);
}

/* A SQL Server Back End is no Lync server: its servers take the SQL
 * Server rows only. */
static void test_back_end_matrix(void **state)
{
	struct store *st = edge_store(LB_DNS, EDGE_EXTERNAL_PUBLIC);
	struct lines l;

	(void)state;
	tu_exec(st, "INSERT INTO pool (fqdn, site_id, role)"
		    " SELECT 'sql.example.com', id, 'back-end' FROM site WHERE name = 'HQ';"
		    " INSERT INTO server (fqdn, pool_id, address)"
		    " SELECT 'sql1.example.com', id, '192.0.2.60' FROM pool"
		    " WHERE fqdn = 'sql.example.com'");
	l = ports_of(st, "sql1.example.com");
	assert_true(has_line(&l, "sql1.example.com 1434/UDP internal [192.0.2.60]"));
	assert_int_equal(l.rows, 1);
	assert_int_equal(count_of(st, "sql1.example.com"), 1);
	lines_free(&l);
	feature(st, "sql-default-instance", true);
	l = ports_of(st, "sql1.example.com");
	assert_true(has_line(&l, "sql1.example.com 1433/TCP internal [192.0.2.60]"));
	assert_true(has_line(&l, "sql1.example.com 1434/UDP internal [192.0.2.60]"));
	assert_int_equal(l.rows, 2);
	lines_free(&l);
	store_close(st);
}

static void test_reverse_proxy_matrix(void **state)
{
	struct store *st = edge_store(LB_DNS, EDGE_EXTERNAL_NAT);
	struct lines l;

	(void)state;
	add_pool(st, "rp.example.com", ROLE_REVERSE_PROXY, LB_NONE, EDGE_EXTERNAL_NONE, EDITION_NONE);
	add_server(st, "rp1.example.com", "rp.example.com", "192.0.2.51");
	l = ports_of(st, "rp1.example.com");
	assert_int_equal(l.rows, 1);
	assert_true(has_line(&l, "rp1.example.com 443/TCP external []"));
	lines_free(&l);
	feature(st, "reverse-proxy-http", true);
	tu_exec(st, "INSERT INTO server_external (server_id, seq, address)"
		    " SELECT id, 1, '203.0.113.51' FROM server WHERE fqdn = 'rp1.example.com'");
	l = ports_of(st, "rp1.example.com");
	assert_int_equal(l.rows, 2);
	assert_true(has_line(&l, "rp1.example.com 80/TCP external [203.0.113.51]"));
	lines_free(&l);
	store_close(st);
}

/* ---- flows ---- */

/* Pools alike (one profile: both Enterprise Front End pools) each talk
 * to their own Back End, never to the other's. */
static void test_flows_alike_pools(void **state)
{
	struct store *st = tu_memory_store();
	struct lines l;

	(void)state;
	add_site(st, "HQ");
	add_pool(st, "fe2.example.com", ROLE_FRONT_END, LB_NONE, EDGE_EXTERNAL_NONE,
		 EDITION_ENTERPRISE);
	add_pool(st, "fe3.example.com", ROLE_FRONT_END, LB_NONE, EDGE_EXTERNAL_NONE,
		 EDITION_ENTERPRISE);
	add_server(st, "a.example.com", "fe2.example.com", "192.0.2.2");
	add_server(st, "b.example.com", "fe3.example.com", "192.0.2.3");
	feature(st, "sql-default-instance", true);
	l = flows_of(st, NULL, NULL);
	assert_true(has_line(&l, "fe2.example.com -> fe2.example.com SQL Server Back End"
			     " 1433/TCP [internal to internal]"));
	assert_true(has_line(&l, "fe3.example.com -> fe3.example.com SQL Server Back End"
			     " 1433/TCP [internal to internal]"));
	assert_false(has_text(&l, "fe2.example.com -> fe3.example.com"));
	assert_false(has_text(&l, "fe3.example.com -> fe2.example.com"));
	lines_free(&l);
	store_close(st);
}

/* The pool scope keeps the flows with an end in the pool, whatever the
 * case of its name: the lines of all the flows that name it. */
static void test_flows_pool_scope(void **state)
{
	struct store *st = edge_store(LB_DNS, EDGE_EXTERNAL_NAT);
	struct lines all, scoped;
	const char *p;
	int want = 0;

	(void)state;
	add_pool(st, "med.example.com", ROLE_MEDIATION, LB_NONE, EDGE_EXTERNAL_NONE, EDITION_NONE);
	add_server(st, "med1.example.com", "med.example.com", "192.0.2.5");
	all = flows_of(st, NULL, NULL);
	scoped = flows_with(st, "MED.example.com");
	for (p = all.text; p && *p; p = strchr(p, '\n') + 1) {
		const char *end = strchr(p, '\n');
		char line[1024];

		snprintf(line, sizeof line, "%.*s", (int)(end - p), p);
		if (strstr(line, "med.example.com")) {
			want++;
			assert_true(has_line(&scoped, line));
		}
	}
	assert_true(want > 0 && want < all.rows);
	assert_int_equal(scoped.rows, want);
	lines_free(&all);
	lines_free(&scoped);
	store_close(st);
}

static void test_flows_need_both_ends(void **state)
{
	struct store *st = edge_store(LB_DNS, EDGE_EXTERNAL_NAT);
	struct lines l = flows_of(st, NULL, NULL);

	(void)state;
	assert_false(has_text(&l, "5070/TCP"));
	assert_false(has_text(&l, "reverse proxy"));
	lines_free(&l);
	add_pool(st, "med.example.com", ROLE_MEDIATION, LB_NONE, EDGE_EXTERNAL_NONE, EDITION_NONE);
	add_pool(st, "rp.example.com", ROLE_REVERSE_PROXY, LB_NONE, EDGE_EXTERNAL_NONE, EDITION_NONE);
	l = flows_of(st, NULL, NULL);
	assert_true(has_line(&l, "fe.example.com -> med.example.com 5070/TCP [internal to internal]"));
	assert_true(has_line(&l, "PSTN gateway -> med.example.com 5067/TCP [internal to internal]"));
	assert_true(has_line(&l, "rp.example.com internal interface -> fe.example.com 4443/TCP"
			     " [perimeter to internal]"));
	assert_false(has_text(&l, "8080/TCP")); /* reverse-proxy-http is off */
	assert_true(has_line(&l, "external clients -> rp.example.com external listener 443/TCP"
			     " [internet to perimeter]"));
	assert_true(has_line(&l, "external clients -> edge.example.com Access Edge external interface 443/TCP"
			     " [internet to perimeter]"));
	lines_free(&l);
	feature(st, "reverse-proxy-http", true);
	l = flows_of(st, "rp.example.com", "FE.example.com");
	assert_true(has_line(&l, "rp.example.com internal interface -> fe.example.com 8080/TCP"
			     " [perimeter to internal]"));
	assert_int_equal(l.rows, 2);
	lines_free(&l);
	store_close(st);
}

/* SIP between the internal deployment and the Edge flows both ways
 * (edge-sip-both-directions); the Central Management store replicates from
 * its own pool only; the Back End talks to its own pool only. */
static void test_flows_edge_internal(void **state)
{
	struct store *st = edge_store(LB_DNS, EDGE_EXTERNAL_NAT);
	struct lines l;

	(void)state;
	add_pool(st, "fe2.example.com", ROLE_FRONT_END, LB_NONE, EDGE_EXTERNAL_NONE,
		 EDITION_ENTERPRISE);
	l = flows_of(st, NULL, NULL);
	assert_true(has_line(&l, "fe.example.com -> edge.example.com internal interface 5061/TCP"
			     " [internal to perimeter]"));
	assert_true(has_line(&l, "edge.example.com internal interface -> fe.example.com 5061/TCP"
			     " [perimeter to internal]"));
	assert_true(has_line(&l, "fe.example.com -> edge.example.com internal interface 4443/TCP"
			     " [internal to perimeter]"));
	assert_false(has_line(&l, "fe2.example.com -> edge.example.com internal interface 4443/TCP"
			      " [internal to perimeter]"));
	assert_true(has_line(&l, "fe2.example.com -> edge.example.com internal interface 5061/TCP"
			     " [internal to perimeter]"));
	assert_false(has_text(&l, "1433"));
	lines_free(&l);
	feature(st, "sql-default-instance", true);
	l = flows_of(st, NULL, NULL);
	assert_true(has_line(&l, "fe.example.com -> fe.example.com SQL Server Back End 1433/TCP"
			     " [internal to internal]"));
	assert_true(has_line(&l, "fe2.example.com -> fe2.example.com SQL Server Back End 1433/TCP"
			     " [internal to internal]"));
	assert_false(has_text(&l, "fe.example.com -> fe2.example.com SQL"));
	lines_free(&l);
	store_close(st);
}

/* With hardware load balancing the SIP goes through the internal VIP and
 * the external clients reach the external VIP; the A/V Edge keeps direct
 * flows to the servers' own addresses. */
static void test_flows_hardware(void **state)
{
	struct store *st = edge_store(LB_HARDWARE, EDGE_EXTERNAL_PUBLIC);
	struct lines l = flows_of(st, NULL, NULL);

	(void)state;
	assert_true(has_line(&l, "fe.example.com -> edge.example.com internal VIP 5061/TCP"
			     " [internal to perimeter]"));
	assert_true(has_line(&l, "edge.example.com internal VIP -> fe.example.com 5061/TCP"
			     " [perimeter to internal]"));
	assert_true(has_line(&l, "fe.example.com -> edge.example.com internal interface 8057/TCP"
			     " [internal to perimeter]"));
	assert_false(has_text(&l, "internal VIP 8057"));
	assert_true(has_line(&l, "external clients -> edge.example.com Access Edge external VIP 443/TCP"
			     " [internet to perimeter]"));
	assert_true(has_line(&l, "external clients -> edge.example.com A/V Edge external interface 3478/UDP"
			     " [internet to perimeter]"));
	assert_false(has_text(&l, "edge.example.com internal interface 5061"));
	lines_free(&l);
	feature(st, "federation", true);
	l = flows_of(st, NULL, "federated partners");
	assert_true(has_line(&l, "edge.example.com Access Edge external VIP -> federated partners 5061/TCP"
			     " [perimeter to internet]"));
	assert_true(has_line(&l, "edge.example.com A/V Edge external interface -> federated partners"
			     " 50000-59999/TCP [perimeter to internet]"));
	assert_int_equal(l.rows, 2);
	lines_free(&l);
	store_close(st);
}

static void test_flow_filter_check(void **state)
{
	struct store *st = edge_store(LB_DNS, EDGE_EXTERNAL_NAT);
	const char *field = NULL;
	struct lp_error err;

	(void)state;
	assert_int_equal(plan_flow_filter_check(st, "External Clients",
						"edge.example.com internal interface", &field, &err),
			 LP_OK);
	assert_int_equal(plan_flow_filter_check(st, NULL, "nowhere.example.com", &field, &err),
			 LP_EINPUT);
	assert_string_equal(field, "to");
	assert_non_null(strstr(err.msg, "no pool or party named 'nowhere.example.com' (parties:"
				" internal clients, PSTN gateway,"));
	store_close(st);
}

/* ---- checks: each Edge rule fires and stays quiet ---- */

static void test_check_nat_hardware(void **state)
{
	struct store *st = edge_store(LB_HARDWARE, EDGE_EXTERNAL_NAT);
	struct lines x;
	int errors;

	(void)state;
	x = checks_of(st, &errors);
	assert_non_null(finding(&x, "edge-nat-hardware-lb", "edge.example.com"));
	assert_non_null(strstr(x.text, "[edge-rules: edge-nat-dns-lb-only]"));
	assert_true(errors >= 1);
	assert_null(finding(&x, "edge-nat", "edge.example.com"));
	lines_free(&x);
	set_lb(st, "edge.example.com", LB_DNS);
	x = checks_of(st, NULL);
	assert_null(finding(&x, "edge-nat-hardware-lb", "edge.example.com"));
	assert_non_null(finding(&x, "edge-nat", "edge.example.com"));
	lines_free(&x);
	store_close(st);
}

static void test_check_single_server(void **state)
{
	struct store *st = edge_store(LB_NONE, EDGE_EXTERNAL_PUBLIC);
	struct lp_error err;
	struct lines x;

	(void)state;
	must(topology_server_rm(st, "edge2.example.com", &err), &err);
	x = checks_of(st, NULL);
	assert_non_null(finding(&x, "edge-single-server", "edge.example.com"));
	assert_null(finding(&x, "edge-nat", "edge.example.com")); /* public addresses */
	lines_free(&x);
	add_server(st, "edge2.example.com", "edge.example.com", NULL);
	x = checks_of(st, NULL);
	assert_null(finding(&x, "edge-single-server", "edge.example.com"));
	lines_free(&x);
	store_close(st);
}

/* Public IM connectivity and OCS 2007 federation need hardware load
 * balancing for high availability; without them it is not needed. */
static void test_check_hlb_need(void **state)
{
	struct store *st = edge_store(LB_DNS, EDGE_EXTERNAL_PUBLIC);
	struct lines x = checks_of(st, NULL);

	(void)state;
	assert_null(finding(&x, "edge-dns-lb-failover", "edge.example.com"));
	lines_free(&x);
	feature(st, "public-im", true);
	x = checks_of(st, NULL);
	assert_non_null(strstr(x.text, "edge-dns-lb-failover edge.example.com: public IM"
				" connectivity on:"));
	lines_free(&x);
	feature(st, "federation-ocs2007", true);
	x = checks_of(st, NULL);
	assert_non_null(strstr(x.text, "edge-dns-lb-failover edge.example.com: public IM"
				" connectivity and federation with Office Communications Server 2007 on"));
	assert_null(finding(&x, "edge-hlb-not-needed", "edge.example.com"));
	lines_free(&x);
	set_lb(st, "edge.example.com", LB_HARDWARE);
	x = checks_of(st, NULL);
	assert_null(finding(&x, "edge-dns-lb-failover", "edge.example.com"));
	assert_null(finding(&x, "edge-hlb-not-needed", "edge.example.com"));
	assert_non_null(finding(&x, "edge-hlb-settings", "edge.example.com"));
	lines_free(&x);
	feature(st, "public-im", false);
	feature(st, "federation-ocs2007", false);
	x = checks_of(st, NULL);
	assert_non_null(finding(&x, "edge-hlb-not-needed", "edge.example.com"));
	lines_free(&x);
	store_close(st);
}

static void test_check_reverse_proxy(void **state)
{
	struct store *st = edge_store(LB_DNS, EDGE_EXTERNAL_PUBLIC);
	struct lines x = checks_of(st, NULL);

	(void)state;
	assert_non_null(finding(&x, "edge-without-reverse-proxy", "edge.example.com"));
	lines_free(&x);
	add_pool(st, "rp.example.com", ROLE_REVERSE_PROXY, LB_NONE, EDGE_EXTERNAL_NONE, EDITION_NONE);
	x = checks_of(st, NULL);
	assert_null(finding(&x, "edge-without-reverse-proxy", "edge.example.com"));
	lines_free(&x);
	store_close(st);
}

/* Federation, public IM and XMPP need an Edge pool; the reverse proxy's
 * HTTP a reverse proxy; the default SQL instance an Enterprise pool. */
static void test_check_feature_unused(void **state)
{
	struct store *st = tu_memory_store();
	struct lines x;

	(void)state;
	add_site(st, "HQ");
	add_pool(st, "fe.example.com", ROLE_FRONT_END, LB_NONE, EDGE_EXTERNAL_NONE,
		 EDITION_ENTERPRISE);
	feature(st, "federation", true);
	feature(st, "xmpp", true);
	feature(st, "reverse-proxy-http", true);
	feature(st, "sql-default-instance", true);
	feature(st, "e911", true);
	x = checks_of(st, NULL);
	assert_non_null(strstr(x.text, "warning feature-unused federation: the feature is on,"
				" but its ports are for pools the topology does not have (edge)"));
	assert_non_null(finding(&x, "feature-unused", "xmpp"));
	assert_non_null(strstr(x.text, "feature-unused reverse-proxy-http: the feature is on, but"
				" its ports are for pools the topology does not have (reverse-proxy)"));
	assert_null(finding(&x, "feature-unused", "sql-default-instance"));
	assert_null(finding(&x, "feature-unused", "e911"));
	lines_free(&x);
	add_pool(st, "edge.example.com", ROLE_EDGE, LB_NONE, EDGE_EXTERNAL_NONE, EDITION_NONE);
	add_pool(st, "rp.example.com", ROLE_REVERSE_PROXY, LB_NONE, EDGE_EXTERNAL_NONE, EDITION_NONE);
	x = checks_of(st, NULL);
	assert_null(finding(&x, "feature-unused", "federation"));
	assert_null(finding(&x, "feature-unused", "xmpp"));
	assert_null(finding(&x, "feature-unused", "reverse-proxy-http"));
	lines_free(&x);
	store_close(st);
}

/* Three external addresses per Edge Server, and three virtual IPs more
 * with hardware load balancing (edge-ip-address-count). */
static void test_check_addresses(void **state)
{
	struct store *st = edge_store(LB_DNS, EDGE_EXTERNAL_NAT);
	struct lines x = checks_of(st, NULL);

	(void)state;
	assert_non_null(strstr(x.text, "edge-addresses edge.example.com: the external interface"
				" needs 6 private addresses, each with a public one on the NAT"));
	lines_free(&x);
	set_lb(st, "edge.example.com", LB_HARDWARE);
	set_external(st, "edge.example.com", EDGE_EXTERNAL_PUBLIC);
	x = checks_of(st, NULL);
	assert_non_null(strstr(x.text, "edge-addresses edge.example.com: the external interface"
				" needs 9 public addresses: 3 per Edge Server (Access, Web Conferencing"
				" and A/V Edge) and 3 virtual IPs"));
	lines_free(&x);
	store_close(st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_flow_mapping_sound),
		cmocka_unit_test(test_edge_pool_model),
		cmocka_unit_test(test_edge_pool_max_12),
		cmocka_unit_test(test_addresses_canonical),
		cmocka_unit_test(test_edge_matrix_dns),
		cmocka_unit_test(test_edge_three_addresses),
		cmocka_unit_test(test_edge_single_address),
		cmocka_unit_test(test_edge_matrix_hardware),
		cmocka_unit_test(test_edge_vips_by_side),
		cmocka_unit_test(test_back_end_matrix),
		cmocka_unit_test(test_reverse_proxy_matrix),
		cmocka_unit_test(test_flows_alike_pools),
		cmocka_unit_test(test_flows_pool_scope),
		cmocka_unit_test(test_flows_need_both_ends),
		cmocka_unit_test(test_flows_edge_internal),
		cmocka_unit_test(test_flows_hardware),
		cmocka_unit_test(test_flow_filter_check),
		cmocka_unit_test(test_check_nat_hardware),
		cmocka_unit_test(test_check_single_server),
		cmocka_unit_test(test_check_hlb_need),
		cmocka_unit_test(test_check_reverse_proxy),
		cmocka_unit_test(test_check_feature_unused),
		cmocka_unit_test(test_check_addresses),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
