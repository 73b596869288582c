/* test_catalog.c - the port catalog matches the reference document:
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
	assert_int_equal(section_count(st, NULL), 90);
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
		cmocka_unit_test(test_exact_rows),
		cmocka_unit_test(test_document_order_and_stop),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
