/* test_catalog.c - the port catalog matches the reference documents:
 * row counts per table, sound ranges, and exact rows field by field. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "testutil.h"

struct collected {
	int count;
	int bad_range, no_source, bad_transport;
	struct catalog_row want;
	int found;
};

static int count_row(const struct catalog_row *r, void *ud)
{
	struct collected *c = ud;

	c->count++;
	if (r->port_lo < 1 || r->port_hi > 65535 || r->port_lo > r->port_hi)
		c->bad_range++;
	if (!r->source[0])
		c->no_source++;
	if (strcmp(r->transport, "TCP") && strcmp(r->transport, "UDP") &&
	    strcmp(r->transport, "TCP/UDP"))
		c->bad_transport++;
	return 0;
}

static int section_count(struct store *st, const char *section)
{
	struct lp_error err;
	struct collected c = { 0 };

	assert_int_equal(catalog_each(st, section, count_row, &c, &err), LP_OK);
	assert_int_equal(c.bad_range, 0);
	assert_int_equal(c.no_source, 0);
	assert_int_equal(c.bad_transport, 0);
	return c.count;
}

/* The document's tables have 52, 20, 6 and 12 rows (the client table's
 * eight devices share one row). */
static void test_row_counts(void **state)
{
	struct store *st = tu_memory_store();

	(void)state;
	assert_int_equal(section_count(st, "server"), 52);
	assert_int_equal(section_count(st, "hlb-only"), 20);
	assert_int_equal(section_count(st, "hlb-dns"), 6);
	assert_int_equal(section_count(st, "client"), 12);
	store_close(st);
}

/* The perimeter tables as the documents have them: the single Edge with
 * NAT topic's external (16) and internal (11) tables, the SIP, XMPP
 * federation and public IM topic's three (1, 6, 3), the hardware load
 * balanced Edge topic's four (11, 8, 8, 6), the A/V topic's two (4, 4),
 * the reverse proxy topic's two (2, 3), the SQL Server topic's two
 * (one row each), and in sql-backend too the three mirroring endpoints of the
 * SQL mirroring topic (db/flows-4.sql). */
static void test_edge_row_counts(void **state)
{
	static const struct {
		const char *section;
		int rows;
	} want[] = {
		{ "edge-external", 16 }, { "edge-internal", 11 }, { "edge-federation", 1 },
		{ "edge-public-im", 6 }, { "edge-xmpp", 3 }, { "edge-hlb-external", 11 },
		{ "edge-hlb-internal", 8 }, { "edge-hlb-vip-external", 8 },
		{ "edge-hlb-vip-internal", 6 }, { "edge-av-dest-only", 4 },
		{ "edge-av-src-dest", 4 }, { "reverse-proxy-external", 2 },
		{ "reverse-proxy-internal", 3 }, { "sql-backend", 5 },
	};
	struct store *st = tu_memory_store();
	size_t i;

	(void)state;
	for (i = 0; i < sizeof want / sizeof want[0]; i++) {
		assert_true(catalog_section_valid(want[i].section));
		if (section_count(st, want[i].section) != want[i].rows)
			fail_msg("section %s: %d rows, wanted %d", want[i].section,
				 section_count(st, want[i].section), want[i].rows);
	}
	assert_int_equal(section_count(st, NULL), 90 + 88);
	store_close(st);
}

static int match_row(const struct catalog_row *r, void *ud)
{
	struct collected *c = ud;
	const struct catalog_row *w = &c->want;

	if (strcmp(r->role, w->role) == 0 && r->port_lo == w->port_lo &&
	    r->port_hi == w->port_hi && strcmp(r->transport, w->transport) == 0 &&
	    strcmp(r->protocol, w->protocol) == 0 && strcmp(r->condition, w->condition) == 0 &&
	    strcmp(r->ports, w->ports) == 0 && strstr(r->notes, w->notes) &&
	    strncmp(r->source, w->source, strlen(w->source)) == 0)
		c->found++;
	return 0;
}

static void expect_row(struct store *st, const char *section, struct catalog_row want)
{
	struct lp_error err;
	struct collected c = { .want = want };

	assert_int_equal(catalog_each(st, section, match_row, &c, &err), LP_OK);
	if (c.found != 1)
		fail_msg("%s %s %s/%s: found %d times", section, want.role, want.ports,
			 want.transport, c.found);
}

static void test_exact_rows(void **state)
{
	struct store *st = tu_memory_store();

	(void)state;
	expect_row(st, "server", (struct catalog_row){
		.role = "front-end", .ports = "57501-65535", .port_lo = 57501, .port_hi = 65535,
		.transport = "TCP/UDP", .protocol = "TCP/UDP", .condition = "always",
		.notes = "Media port range used for video conferencing.",
		.source = "Required Server Ports (by Server Role)" });
	expect_row(st, "hlb-dns", (struct catalog_row){
		.role = "director", .ports = "4443", .port_lo = 4443, .port_hi = 4443,
		.transport = "TCP", .protocol = "HTTPS (from reverse proxy)", .condition = "always",
		.notes = "", .source = "Hardware Load Balancer Ports if Using DNS Load Balancing" });
	expect_row(st, "server", (struct catalog_row){
		.role = "front-end", .ports = "445", .port_lo = 445, .port_hi = 445,
		.transport = "TCP", .protocol = "TCP", .condition = "cms",
		.notes = "push configuration data from the Central Management store",
		.source = "Required Server Ports (by Server Role)" });
	expect_row(st, "server", (struct catalog_row){
		.role = "all", .ports = "1434", .port_lo = 1434, .port_hi = 1434,
		.transport = "UDP", .protocol = "UDP", .condition = "always",
		.notes = "SQL Browser for the local replicated copy",
		.source = "Required Server Ports (by Server Role) #1" });
	expect_row(st, "hlb-only", (struct catalog_row){
		.role = "front-end", .ports = "5070", .port_lo = 5070, .port_hi = 5070,
		.transport = "TCP", .protocol = "TCP", .condition = "collocated-mediation",
		.notes = "", .source = "Hardware Load Balancer Ports if Using Only Hardware" });
	expect_row(st, "client", (struct catalog_row){
		.role = "device", .ports = "67-68", .port_lo = 67, .port_hi = 68,
		.transport = "UDP", .protocol = "DHCP", .condition = "always",
		.notes = "Used by the listed devices", .source = "Required Client Ports" });
	expect_row(st, "client", (struct catalog_row){
		.role = "client", .ports = "3478", .port_lo = 3478, .port_hi = 3478,
		.transport = "UDP", .protocol = "UDP (STUN/MSTURN)", .condition = "always",
		.notes = "A/V sessions and media (UDP)", .source = "Required Client Ports" });
	expect_row(st, "edge-external", (struct catalog_row){
		.role = "edge", .ports = "443", .port_lo = 443, .port_hi = 443,
		.transport = "TCP", .protocol = "SIP(TLS)", .condition = "always",
		.notes = "Client-to-server SIP traffic for external user access",
		.source = "Lync/LyncServer/lync-server-2013-port-summary-single-consolidated-edge-with-private-ip-addresses-using-nat.md" });
	expect_row(st, "edge-external", (struct catalog_row){
		.role = "edge", .ports = "50000-59999", .port_lo = 50000, .port_hi = 59999,
		.transport = "UDP", .protocol = "RTP", .condition = "federation-ocs2007",
		.notes = "source: Any; destination: Edge Server A/V Edge service",
		.source = "Lync/LyncServer/lync-server-2013-port-summary-single-consolidated-edge" });
	expect_row(st, "edge-hlb-vip-internal", (struct catalog_row){
		.role = "edge", .ports = "5062", .port_lo = 5062, .port_hi = 5062,
		.transport = "TCP", .protocol = "SIP/MTLS", .condition = "always",
		.notes = "Authentication of A/V users",
		.source = "Lync/LyncServer/lync-server-2013-port-summary-scaled-consolidated-edge-with-hardware-load-balancers.md" });
	expect_row(st, "reverse-proxy-internal", (struct catalog_row){
		.role = "reverse-proxy", .ports = "4443", .port_lo = 4443, .port_hi = 4443,
		.transport = "TCP", .protocol = "HTTPS", .condition = "always",
		.notes = "redirected to a pool on port 4443",
		.source = "Lync/LyncServer/lync-server-2013-port-summary-reverse-proxy.md" });
	expect_row(st, "sql-backend", (struct catalog_row){
		.role = "back-end", .ports = "1433", .port_lo = 1433, .port_hi = 1433,
		.transport = "TCP", .protocol = "TCP", .condition = "sql-default-instance",
		.notes = "Inbound to SQL Server",
		.source = "Lync/LyncServer/lync-server-2013-understanding-firewall-requirements-for-sql-server.md" });
	store_close(st);
}

static int first_two(const struct catalog_row *r, void *ud)
{
	int *seen = ud;

	seen[(*seen)++ + 1] = r->id;
	return *seen == 2;
}

static void test_document_order_and_stop(void **state)
{
	struct store *st = tu_memory_store();
	struct lp_error err;
	int seen[3] = { 0 };

	(void)state;
	assert_int_equal(catalog_each(st, "hlb-only", first_two, seen, &err), LP_OK);
	assert_int_equal(seen[0], 2);
	assert_true(seen[1] < seen[2]);
	assert_true(catalog_section_valid("hlb-dns"));
	assert_false(catalog_section_valid("edge"));
	store_close(st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_row_counts),
		cmocka_unit_test(test_edge_row_counts),
		cmocka_unit_test(test_exact_rows),
		cmocka_unit_test(test_document_order_and_stop),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
