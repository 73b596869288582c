/* test_topology.c - the model: every validator, every rule of the
 * topology, and that each refused write leaves the database exactly as it
 * was (a fingerprint of every row, before and after). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "testutil.h"
#include "topology.h"

/* ---- helpers ---- */

/* Every row of every topology table as one string the caller frees. */
static char *fingerprint(struct store *st)
{
	static const char sql[] =
		"SELECT coalesce((SELECT group_concat(id || '/' || name || '/' || description, ';')"
		"   FROM site), '')"
		" || '|' || coalesce((SELECT group_concat(id || '/' || fqdn || '/' || site_id || '/'"
		"   || role || '/' || edition || '/' || lb || '/' || collocated_mediation || '/' || cms,"
		"   ';') FROM pool), '')"
		" || '|' || coalesce((SELECT group_concat(id || '/' || fqdn || '/' || pool_id || '/'"
		"   || address, ';') FROM server), '')"
		" || '|' || coalesce((SELECT group_concat(id || '/' || name || '/' || vip, ';')"
		"   FROM load_balancer), '')"
		" || '|' || coalesce((SELECT group_concat(lb_id || '/' || pool_id, ';') FROM lb_pool), '')"
		" || '|' || (SELECT group_concat(name || '/' || enabled, ';') FROM feature)"
		" || '|' || coalesce((SELECT group_concat(id || '/' || edge_external || '/'"
		"   || coalesce(back_end, '') || '/' || coalesce(mirror, '') || '/'"
		"   || coalesce(witness, ''), ';') FROM pool), '')"
		" || '|' || coalesce((SELECT group_concat(server_id || '/' || seq || '/' || address"
		"   || '/' || public, ';') FROM server_external), '')"
		" || '|' || coalesce((SELECT group_concat(id || '/' || side || '/' || service, ';')"
		"   FROM load_balancer), '')";
	sqlite3_stmt *stmt;
	char *fp;

	assert_int_equal(sqlite3_prepare_v2(store_db(st), sql, -1, &stmt, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
	fp = strdup((const char *)sqlite3_column_text(stmt, 0));
	sqlite3_finalize(stmt);
	assert_non_null(fp);
	return fp;
}

/* Runs CALL (which fills the caller's `err`) and asserts it is refused as
 * bad input with a one-line message containing NEEDLE, leaving every row
 * as it was. */
#define REFUSED(st, call, needle) do { \
		char *before_ = fingerprint(st), *after_; \
		err = (struct lp_error){ LP_OK, "" }; \
		assert_int_equal((call), LP_EINPUT); \
		if (!strstr(err.msg, (needle))) \
			fail_msg("message '%s' lacks '%s'", err.msg, (needle)); \
		assert_null(strchr(err.msg, '\n')); \
		after_ = fingerprint(st); \
		assert_string_equal(before_, after_); \
		free(before_); \
		free(after_); \
	} while (0)

/* Runs CALL (which fills the caller's `err`); it must succeed. */
#define OK(call) do { \
		if ((call) != LP_OK) \
			fail_msg("%s: %s", #call, err.msg); \
	} while (0)

static long count(struct store *st, const char *sql)
{
	return tu_query_int(st, sql);
}

static int setup(void **state)
{
	struct store *st = tu_memory_store();
	struct lp_error err = { LP_OK, "" };

	assert_int_equal(topology_site_add(st, "Redmond", "HQ", &err), LP_OK);
	assert_int_equal(topology_site_add(st, "Dublin", "", &err), LP_OK);
	*state = st;
	return 0;
}

static int teardown(void **state)
{
	store_close(*state);
	return 0;
}

static void add_pool(struct store *st, const char *fqdn, const char *site, enum topo_role role,
		     enum topo_edition edition)
{
	struct topo_pool_spec p = { fqdn, site, role, edition, LB_NONE, false, false,
				    EDGE_EXTERNAL_NONE, NULL, NULL, NULL };
	struct lp_error err;

	OK(topology_pool_add(st, &p, &err));
}

static void add_servers(struct store *st, const char *pool, const char *prefix, int n)
{
	struct lp_error err;
	char fqdn[64];
	int i;

	for (i = 1; i <= n; i++) {
		snprintf(fqdn, sizeof fqdn, "%s%02d.contoso.com", prefix, i);
		OK(topology_server_add(st, fqdn, pool, NULL, &err));
	}
}

/* ---- validators ---- */

static void expect_bad_fqdn(const char *s, const char *rule)
{
	struct lp_error err = { LP_OK, "" };

	assert_int_equal(topology_check_fqdn("server FQDN", s, &err), LP_EINPUT);
	if (!strstr(err.msg, "server FQDN") || !strstr(err.msg, rule))
		fail_msg("'%s': message '%s' lacks the field or '%s'", s ? s : "(null)", err.msg, rule);
}

static void test_fqdn(void **state)
{
	static const char *const good[] = {
		"a.b", "fe01.contoso.com", "x-1.contoso.com", "1a.contoso.com",
		"FE01.Contoso.COM", "a.b.c.d.e.f.g.contoso.com",
	};
	struct lp_error err = { LP_OK, "" };
	char label63[80], label64[80], long253[300], long254[300];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof good / sizeof good[0]; i++)
		assert_int_equal(topology_check_fqdn("f", good[i], &err), LP_OK);
	memset(label63, 'a', 63);
	strcpy(label63 + 63, ".com");
	assert_int_equal(topology_check_fqdn("f", label63, &err), LP_OK);
	memset(label64, 'a', 64);
	strcpy(label64 + 64, ".com");
	expect_bad_fqdn(label64, "longer than 63");
	/* 4 labels of 61 + dots = 247, plus ".abcde" = 253. */
	for (i = 0; i < 4; i++) {
		memset(long253 + i * 62, 'b', 61);
		long253[i * 62 + 61] = '.';
	}
	strcpy(long253 + 248, "abcde");
	assert_int_equal(strlen(long253), 253);
	assert_int_equal(topology_check_fqdn("f", long253, &err), LP_OK);
	snprintf(long254, sizeof long254, "x%s", long253);
	expect_bad_fqdn(long254, "longer than 253");

	expect_bad_fqdn("", "must not be empty");
	expect_bad_fqdn(NULL, "must not be empty");
	expect_bad_fqdn("a..b", "empty label");
	expect_bad_fqdn(".a.b", "empty label");
	expect_bad_fqdn("a.b.", "trailing dot");
	expect_bad_fqdn("host", "not fully qualified");
	expect_bad_fqdn("-a.contoso.com", "hyphen");
	expect_bad_fqdn("a-.contoso.com", "hyphen");
	expect_bad_fqdn("a_b.contoso.com", "'_' is not allowed");
	expect_bad_fqdn("a b.contoso.com", "is not allowed");
	expect_bad_fqdn("a\x01.contoso.com", "\\x01 is not allowed");
	expect_bad_fqdn("z\xc3\xbcrich.contoso.com", "\\xC3 is not allowed");
	expect_bad_fqdn("10.0.0.1", "all digits");
	expect_bad_fqdn("a..b", "'a..b'");
}

/* Addresses that are not one host's, each with the message's words. */
static const char *const not_hosts[][2] = {
	{ "0.0.0.0", "is the unspecified address, not a host" },
	{ "255.255.255.255", "is the broadcast address, not a host" },
	{ "127.0.0.1", "is a loopback address, not a host" },
	{ "127.10.20.30", "is a loopback address, not a host" },
	{ "224.0.0.1", "is a multicast address, not a host" },
	{ "239.255.255.250", "is a multicast address, not a host" },
	{ "::", "is the unspecified address, not a host" },
	{ "::1", "is the loopback address, not a host" },
	{ "ff02::1", "is a multicast address, not a host" },
	{ "FF05::1:3", "is a multicast address, not a host" },
	{ "::ffff:192.0.2.1", "is an IPv4-mapped IPv6 address, not a host (give 192.0.2.1)" },
	{ "::FFFF:C000:201", "is an IPv4-mapped IPv6 address, not a host (give 192.0.2.1)" },
	{ "::ffff:127.0.0.1", "is an IPv4-mapped IPv6 address, not a host" },
	{ "::192.0.2.1", "is an IPv4-compatible IPv6 address, not a host (give 192.0.2.1)" },
	{ "192.0.2.0/24", "is a prefix, not one address" },
	{ "2001:db8::/32", "is a prefix, not one address" },
	{ "192.0.2.1/32", "is a prefix, not one address" },
};

static void test_address(void **state)
{
	static const char *const good[] = {
		"192.0.2.1", "192.0.2.10", "198.51.100.255", "10.0.0.1", "2001:db8::1",
		"2001:db8::10", "2001:0db8:0000:0000:0000:0000:0000:0001", "fe80::1",
		"::ffff:0:192.0.2.1", "1.0.0.0", "223.255.255.254",
	};
	static const char *const bad[] = {
		"10.0.0.300", "192.0.2", "192.0.2.01", " 192.0.2.1", "192.0.2.1 ", "2001:db8:::1",
		"fe80::1%eth0", "host.contoso.com", "192.0.2.1/", "192.0.2.1/2x", "/24",
	};
	struct lp_error err = { LP_OK, "" };
	char want[128];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof good / sizeof good[0]; i++)
		if (topology_check_address("--ip", good[i], &err) != LP_OK)
			fail_msg("%s refused: %s", good[i], err.msg);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_int_equal(topology_check_address("--ip", bad[i], &err), LP_EINPUT);
		assert_non_null(strstr(err.msg, "--ip: '"));
		assert_non_null(strstr(err.msg, "is not an IPv4 or IPv6 address"));
	}
	for (i = 0; i < sizeof not_hosts / sizeof not_hosts[0]; i++) {
		snprintf(want, sizeof want, "--vip: '%s' %s", not_hosts[i][0], not_hosts[i][1]);
		assert_int_equal(topology_check_address("--vip", not_hosts[i][0], &err), LP_EINPUT);
		assert_string_equal(err.msg, want);
	}
	assert_int_equal(topology_check_address("--vip", "", &err), LP_EINPUT);
	assert_string_equal(err.msg, "--vip: must not be empty");
	assert_int_equal(topology_check_address("--ip", "10.0.0.300", &err), LP_EINPUT);
	assert_string_equal(err.msg, "--ip: '10.0.0.300' is not an IPv4 or IPv6 address");
}

/* The model refuses them as server and VIP addresses, adding or changing. */
static void test_address_not_host_refused(void **state)
{
	struct store *st = *state;
	const char *fe[] = { "fe.contoso.com" };
	struct lp_error err = { LP_OK, "" };
	char want[128];
	size_t i;

	add_pool(st, "fe.contoso.com", "Redmond", ROLE_FRONT_END, EDITION_NONE);
	OK(topology_server_add(st, "fe01.contoso.com", "fe.contoso.com", "192.0.2.11", &err));
	OK(topology_lb_add(st, "hlb", "192.0.2.10", fe, 1, &err));
	for (i = 0; i < sizeof not_hosts / sizeof not_hosts[0]; i++) {
		const char *a = not_hosts[i][0];

		snprintf(want, sizeof want, "--ip: '%s' %s", a, not_hosts[i][1]);
		REFUSED(st, topology_server_add(st, "fe02.contoso.com", "fe.contoso.com", a, &err),
			want);
		REFUSED(st, topology_server_set(st, "fe01.contoso.com", NULL, NULL, a, &err), want);
		snprintf(want, sizeof want, "--vip: '%s' %s", a, not_hosts[i][1]);
		REFUSED(st, topology_lb_add(st, "hlb2", a, fe, 1, &err), want);
		REFUSED(st, topology_lb_set(st, "hlb", NULL, a, NULL, 0, &err), want);
	}
	OK(topology_server_set(st, "fe01.contoso.com", NULL, NULL, "2001:db8::10", &err));
	OK(topology_lb_set(st, "hlb", NULL, "2001:db8::20", NULL, 0, &err));
}

static void expect_bad_name(const char *s, const char *rule)
{
	struct lp_error err = { LP_OK, "" };

	assert_int_equal(topology_check_name("site name", s, &err), LP_EINPUT);
	if (!strstr(err.msg, "site name") || !strstr(err.msg, rule))
		fail_msg("message '%s' lacks the field or '%s'", err.msg, rule);
	assert_null(strchr(err.msg, '\n'));
	assert_null(strchr(err.msg, '\t'));
}

static void test_name(void **state)
{
	struct lp_error err = { LP_OK, "" };
	char max[TOPO_NAME_MAX + 2], ch[4], name[16], rule[64];
	size_t i;

	(void)state;
	assert_int_equal(topology_check_name("n", "Redmond", &err), LP_OK);
	assert_int_equal(topology_check_name("n", "Dublin office 2", &err), LP_OK);
	assert_int_equal(topology_check_name("n", "Z\xc3\xbcrich", &err), LP_OK);
	memset(max, 'x', TOPO_NAME_MAX);
	max[TOPO_NAME_MAX] = '\0';
	assert_int_equal(topology_check_name("n", max, &err), LP_OK);
	max[TOPO_NAME_MAX] = 'x';
	max[TOPO_NAME_MAX + 1] = '\0';
	expect_bad_name(max, "longer than 64 bytes");
	expect_bad_name("", "must not be empty");
	expect_bad_name(NULL, "must not be empty");
	expect_bad_name("a\tb", "control character U+0009");
	expect_bad_name("a\nb", "control character U+000A");
	expect_bad_name("a\x1b[31mred", "control character U+001B");
	expect_bad_name("a\x7f", "control character U+007F");
	expect_bad_name("a\xc2\x85", "control character U+0085");
	expect_bad_name("a\xe2\x80\xae", "direction control U+202E");
	expect_bad_name("a\xe2\x81\xa6", "direction control U+2066");
	expect_bad_name("a\xe2\x80\x8f", "direction control U+200F");
	expect_bad_name("a\xe2\x80\x8b", "invisible character U+200B");
	expect_bad_name("a\xef\xbb\xbf", "invisible character U+FEFF");
	expect_bad_name("a\xe2\x81\xa0", "invisible character U+2060");
	for (i = 0; i < tu_unsafe_count; i++) {
		tu_utf8(tu_unsafe_points[i], ch);
		snprintf(name, sizeof name, "Os%slo", ch);
		snprintf(rule, sizeof rule, "'Os\\u%04Xlo': ", tu_unsafe_points[i]);
		expect_bad_name(name, rule);
		snprintf(rule, sizeof rule, " U+%04X is not allowed", tu_unsafe_points[i]);
		expect_bad_name(name, rule);
	}
	expect_bad_name("a\xe2\x80\xa8", "control character U+2028");
	expect_bad_name("a\xff", "not valid UTF-8");
	expect_bad_name("a\xc0\xaf", "not valid UTF-8");
	expect_bad_name("a\xed\xa0\x80", "not valid UTF-8");
	expect_bad_name("a\xc3", "not valid UTF-8");
	expect_bad_name(" Redmond", "leading or trailing space");
	expect_bad_name("Redmond ", "leading or trailing space");
	/* The value is shown escaped, never raw. */
	expect_bad_name("a\x1b[2Jb", "'a\\x1B[2Jb'");
}

static void test_text(void **state)
{
	struct lp_error err = { LP_OK, "" };
	char text[TOPO_TEXT_MAX + 2];

	(void)state;
	assert_int_equal(topology_check_text("--description", NULL, TOPO_TEXT_MAX, &err), LP_OK);
	assert_int_equal(topology_check_text("--description", "", TOPO_TEXT_MAX, &err), LP_OK);
	assert_int_equal(topology_check_text("--description", " leading, inner  and trailing ",
					     TOPO_TEXT_MAX, &err), LP_OK);
	memset(text, 'd', TOPO_TEXT_MAX);
	text[TOPO_TEXT_MAX] = '\0';
	assert_int_equal(topology_check_text("--description", text, TOPO_TEXT_MAX, &err), LP_OK);
	text[TOPO_TEXT_MAX] = 'd';
	text[TOPO_TEXT_MAX + 1] = '\0';
	assert_int_equal(topology_check_text("--description", text, TOPO_TEXT_MAX, &err), LP_EINPUT);
	assert_string_equal(err.msg, "--description: longer than 256 bytes (257)");
	assert_int_equal(topology_check_text("--description", "two\nlines", TOPO_TEXT_MAX, &err),
			 LP_EINPUT);
	assert_non_null(strstr(err.msg, "--description 'two\\x0Alines': control character"));
}

static void test_enum_names(void **state)
{
	enum topo_edition e;
	enum topo_role r;
	enum topo_lb m;
	int i;

	(void)state;
	for (i = 0; i < ROLE_COUNT; i++) {
		assert_true(topology_role_parse(topology_role_name((enum topo_role)i), &r));
		assert_int_equal(r, i);
		assert_true(topology_role_title((enum topo_role)i)[0] != '\0');
	}
	assert_string_equal(topology_role_name(ROLE_FRONT_END), "front-end");
	assert_string_equal(topology_role_title(ROLE_PERSISTENT_CHAT), "Persistent Chat");
	assert_true(topology_role_parse("Director", &r));
	assert_int_equal(r, ROLE_DIRECTOR);
	assert_false(topology_role_parse("sbas", &r));
	assert_false(topology_role_parse("", &r));
	assert_true(topology_edition_parse("standard", &e));
	assert_int_equal(e, EDITION_STANDARD);
	assert_false(topology_edition_parse("", &e));
	assert_false(topology_edition_parse("datacenter", &e));
	assert_string_equal(topology_edition_name(EDITION_NONE), "");
	assert_true(topology_lb_parse("hardware", &m));
	assert_int_equal(m, LB_HARDWARE);
	assert_false(topology_lb_parse("round-robin", &m));
	assert_string_equal(topology_lb_name(LB_DNS), "dns");
}

/* ---- sites ---- */

static int collect_site(const struct topo_site *s, void *ud)
{
	char *buf = ud;

	snprintf(buf + strlen(buf), 256 - strlen(buf), "%s:%s:%d;", s->name, s->description,
		 s->pools);
	return 0;
}

static void test_sites(void **state)
{
	struct store *st = *state;
	struct lp_error err = { LP_OK, "" };
	char list[256] = "";
	char long_text[TOPO_TEXT_MAX + 2];

	REFUSED(st, topology_site_add(st, "Redmond", "again", &err),
		"site name: a site named 'Redmond' already exists");
	REFUSED(st, topology_site_add(st, "", NULL, &err), "site name: must not be empty");
	REFUSED(st, topology_site_add(st, "Ber\x07lin", NULL, &err), "control character");
	memset(long_text, 'x', sizeof long_text - 1);
	long_text[sizeof long_text - 1] = '\0';
	REFUSED(st, topology_site_add(st, "Berlin", long_text, &err), "--description: longer than");
	REFUSED(st, topology_site_add(st, "Berlin", "a\x1b[0m", &err), "--description 'a\\x1B[0m'");

	OK(topology_site_set(st, "Dublin", "Dublin Branch", "Irish office", &err));
	REFUSED(st, topology_site_set(st, "Dublin Branch", "Redmond", NULL, &err),
		"--name: a site named 'Redmond' already exists");
	REFUSED(st, topology_site_set(st, "Nowhere", "X", NULL, &err),
		"site name: no site named 'Nowhere'");
	REFUSED(st, topology_site_set(st, "Redmond", "", NULL, &err), "--name: must not be empty");
	OK(topology_site_set(st, "Redmond", NULL, "Headquarters", &err));
	OK(topology_site_set(st, "Redmond", "Redmond", NULL, &err));

	assert_int_equal(topology_site_each(st, collect_site, list, &err), LP_OK);
	assert_string_equal(list, "Dublin Branch:Irish office:0;Redmond:Headquarters:0;");
}

/* ---- pools ---- */

static int collect_pool(const struct topo_pool *p, void *ud)
{
	char *buf = ud;

	snprintf(buf + strlen(buf), 512 - strlen(buf), "%s/%s/%s/%s/%s/%d/%d/%d/%d;", p->site,
		 p->fqdn, topology_role_name(p->role), topology_edition_name(p->edition),
		 topology_lb_name(p->lb), p->collocated_mediation, p->cms, p->servers,
		 p->load_balancers);
	return 0;
}

static void test_pool_editions(void **state)
{
	struct store *st = *state;
	struct topo_pool_spec p = { "fe.contoso.com", "Redmond", ROLE_FRONT_END, EDITION_NONE,
				    LB_DNS, true, false, EDGE_EXTERNAL_NONE, NULL, NULL, NULL };
	struct lp_error err = { LP_OK, "" };
	char list[512] = "";

	OK(topology_pool_add(st, &p, &err));
	add_pool(st, "se.dublin.contoso.com", "Dublin", ROLE_FRONT_END, EDITION_STANDARD);
	add_pool(st, "dir.contoso.com", "Redmond", ROLE_DIRECTOR, EDITION_NONE);
	assert_int_equal(topology_pool_each(st, NULL, collect_pool, list, &err), LP_OK);
	assert_string_equal(list,
			    "Dublin/se.dublin.contoso.com/front-end/standard/none/0/0/0/0;"
			    "Redmond/dir.contoso.com/director//none/0/0/0/0;"
			    "Redmond/fe.contoso.com/front-end/enterprise/dns/1/0/0/0;");
	list[0] = '\0';
	assert_int_equal(topology_pool_each(st, "Dublin", collect_pool, list, &err), LP_OK);
	assert_string_equal(list, "Dublin/se.dublin.contoso.com/front-end/standard/none/0/0/0/0;");

	p = (struct topo_pool_spec){ "med.contoso.com", "Redmond", ROLE_MEDIATION, EDITION_STANDARD,
				     LB_NONE, false, false, EDGE_EXTERNAL_NONE, NULL, NULL, NULL };
	REFUSED(st, topology_pool_add(st, &p, &err), "--edition: only a front-end pool has an edition");
	p.edition = EDITION_NONE;
	p.role = ROLE_COUNT;
	REFUSED(st, topology_pool_add(st, &p, &err), "--role: unknown role");
	p.role = ROLE_MEDIATION;
	p.lb = (enum topo_lb)7;
	REFUSED(st, topology_pool_add(st, &p, &err), "--lb: unknown");
	p.lb = LB_NONE;
	p.fqdn = "med";
	REFUSED(st, topology_pool_add(st, &p, &err), "pool FQDN 'med': not fully qualified");
	p.fqdn = "med.contoso.com";
	OK(topology_pool_add(st, &p, &err));
}

static void test_server_limits(void **state)
{
	struct store *st = *state;
	struct lp_error err = { LP_OK, "" };
	int i;

	add_pool(st, "se.contoso.com", "Redmond", ROLE_FRONT_END, EDITION_STANDARD);
	add_pool(st, "fe.contoso.com", "Redmond", ROLE_FRONT_END, EDITION_ENTERPRISE);
	add_pool(st, "pchat.contoso.com", "Redmond", ROLE_PERSISTENT_CHAT, EDITION_NONE);
	add_pool(st, "dir.contoso.com", "Redmond", ROLE_DIRECTOR, EDITION_NONE);

	OK(topology_server_add(st, "se.contoso.com", "se.contoso.com", "192.0.2.5", &err));
	REFUSED(st, topology_server_add(st, "se2.contoso.com", "se.contoso.com", NULL, &err),
		"--pool: pool 'se.contoso.com' is full: Standard Edition Front End pools hold at most 1 server");
	add_servers(st, "fe.contoso.com", "fe", TOPO_FE_ENTERPRISE_MAX);
	REFUSED(st, topology_server_add(st, "fe13.contoso.com", "fe.contoso.com", NULL, &err),
		"Enterprise Edition Front End pools hold at most 12 servers");
	add_servers(st, "pchat.contoso.com", "pchat", TOPO_PCHAT_MAX);
	REFUSED(st, topology_server_add(st, "pchat09.contoso.com", "pchat.contoso.com", NULL, &err),
		"Persistent Chat pools hold at most 8 servers (four active, four standby)");
	/* No published limit for a Director pool: 20 are taken. */
	for (i = 0; i < 20; i++) {
		char fqdn[40];

		snprintf(fqdn, sizeof fqdn, "dir%02d.contoso.com", i);
		OK(topology_server_add(st, fqdn, "dir.contoso.com", NULL, &err));
	}
	/* Moving a server into a full pool is refused too. */
	REFUSED(st, topology_server_set(st, "dir00.contoso.com", NULL, "fe.contoso.com", NULL, &err),
		"is full");
	assert_int_equal(count(st, "SELECT count(*) FROM server"), 1 + 12 + 8 + 20);
}

static long cms_pool(struct store *st, const char *fqdn)
{
	char sql[160];

	snprintf(sql, sizeof sql, "SELECT cms FROM pool WHERE fqdn = '%s'", fqdn);
	return count(st, sql);
}

static void test_one_cms(void **state)
{
	struct store *st = *state;
	struct topo_pool_spec p = { "a.contoso.com", "Redmond", ROLE_FRONT_END, EDITION_NONE,
				    LB_NONE, false, true, EDGE_EXTERNAL_NONE, NULL, NULL, NULL };
	struct lp_error err = { LP_OK, "" };
	bool yes = true, no = false;
	struct topo_pool_change take = { .cms = &yes }, drop = { .cms = &no };

	OK(topology_pool_add(st, &p, &err));
	p.fqdn = "b.contoso.com";
	OK(topology_pool_add(st, &p, &err));
	/* Taking it moves it: the earlier pool no longer holds it. */
	assert_int_equal(cms_pool(st, "a.contoso.com"), 0);
	assert_int_equal(cms_pool(st, "b.contoso.com"), 1);
	OK(topology_pool_set(st, "a.contoso.com", &take, &err));
	assert_int_equal(cms_pool(st, "a.contoso.com"), 1);
	assert_int_equal(cms_pool(st, "b.contoso.com"), 0);
	OK(topology_pool_set(st, "a.contoso.com", &drop, &err));
	assert_int_equal(count(st, "SELECT count(*) FROM pool WHERE cms = 1"), 0);
	OK(topology_pool_set(st, "b.contoso.com", &take, &err));

	/* Only a front-end pool holds it, or has Mediation collocated. */
	add_pool(st, "dir.contoso.com", "Redmond", ROLE_DIRECTOR, EDITION_NONE);
	REFUSED(st, topology_pool_set(st, "dir.contoso.com", &take, &err),
		"--cms: only a front-end pool can hold the Central Management store (this pool is director)");
	p = (struct topo_pool_spec){ "pc.contoso.com", "Redmond", ROLE_PERSISTENT_CHAT, EDITION_NONE,
				     LB_NONE, false, true, EDGE_EXTERNAL_NONE, NULL, NULL, NULL };
	REFUSED(st, topology_pool_add(st, &p, &err), "--cms: only a front-end pool");
	p.cms = false;
	p.collocated_mediation = true;
	REFUSED(st, topology_pool_add(st, &p, &err),
		"--collocated-mediation: only a front-end pool can have Mediation collocated");
	{
		struct topo_pool_change colloc = { .collocated_mediation = &yes };

		REFUSED(st, topology_pool_set(st, "dir.contoso.com", &colloc, &err),
			"--collocated-mediation: only a front-end pool");
		OK(topology_pool_set(st, "a.contoso.com", &colloc, &err));
		assert_int_equal(count(st, "SELECT collocated_mediation FROM pool"
				       " WHERE fqdn = 'a.contoso.com'"), 1);
	}
	assert_int_equal(cms_pool(st, "b.contoso.com"), 1);
}

static void test_pool_set(void **state)
{
	struct store *st = *state;
	struct lp_error err = { LP_OK, "" };
	enum topo_lb hw = LB_HARDWARE, bad = (enum topo_lb)9;
	struct topo_pool_change ch = { .new_fqdn = "fe2.contoso.com", .site = "Dublin", .lb = &hw };
	struct topo_pool_change none = { 0 };
	char list[512] = "";

	add_pool(st, "fe.contoso.com", "Redmond", ROLE_FRONT_END, EDITION_ENTERPRISE);
	add_pool(st, "dir.contoso.com", "Redmond", ROLE_DIRECTOR, EDITION_NONE);
	OK(topology_pool_set(st, "fe.contoso.com", &none, &err));
	OK(topology_pool_set(st, "FE.contoso.com", &ch, &err));
	assert_int_equal(topology_pool_each(st, "Dublin", collect_pool, list, &err), LP_OK);
	assert_string_equal(list, "Dublin/fe2.contoso.com/front-end/enterprise/hardware/0/0/0/0;");

	ch = (struct topo_pool_change){ .new_fqdn = "DIR.contoso.com" };
	REFUSED(st, topology_pool_set(st, "fe2.contoso.com", &ch, &err),
		"--fqdn: a pool named 'dir.contoso.com' already exists"
		" ('DIR.contoso.com' differs only in case)");
	ch = (struct topo_pool_change){ .new_fqdn = "fe2..contoso.com" };
	REFUSED(st, topology_pool_set(st, "fe2.contoso.com", &ch, &err), "--fqdn 'fe2..contoso.com': empty label");
	ch = (struct topo_pool_change){ .site = "Paris" };
	REFUSED(st, topology_pool_set(st, "fe2.contoso.com", &ch, &err), "--site: no site named 'Paris'");
	ch = (struct topo_pool_change){ .lb = &bad };
	REFUSED(st, topology_pool_set(st, "fe2.contoso.com", &ch, &err), "--lb: unknown");
	REFUSED(st, topology_pool_set(st, "nope.contoso.com", &none, &err),
		"pool FQDN: no pool named 'nope.contoso.com'");
	/* Case only: the same pool, renamed. */
	ch = (struct topo_pool_change){ .new_fqdn = "FE2.contoso.com" };
	OK(topology_pool_set(st, "fe2.contoso.com", &ch, &err));
}

/* A new name or FQDN is refused when it differs from one in use only in
 * case; the message names both. */
static void test_duplicates_ignore_case(void **state)
{
	struct store *st = *state;
	struct topo_pool_spec p = { "FE.Contoso.com", "Redmond", ROLE_FRONT_END, EDITION_NONE,
				    LB_NONE, false, false, EDGE_EXTERNAL_NONE, NULL, NULL, NULL };
	const char *fe[] = { "fe.contoso.com" };
	struct lp_error err = { LP_OK, "" };

	add_pool(st, "fe.contoso.com", "Redmond", ROLE_FRONT_END, EDITION_NONE);
	REFUSED(st, topology_pool_add(st, &p, &err),
		"pool FQDN: a pool named 'fe.contoso.com' already exists"
		" ('FE.Contoso.com' differs only in case)");
	/* Lookups ignore case too. */
	OK(topology_server_add(st, "fe01.contoso.com", "FE.CONTOSO.COM", "192.0.2.1", &err));
	REFUSED(st, topology_server_add(st, "FE01.contoso.com", "fe.contoso.com", NULL, &err),
		"server FQDN: a server named 'fe01.contoso.com' already exists"
		" ('FE01.contoso.com' differs only in case)");
	OK(topology_server_add(st, "fe02.contoso.com", "fe.contoso.com", "192.0.2.1", &err));
	OK(topology_lb_add(st, "hlb", "192.0.2.10", fe, 1, &err));
	REFUSED(st, topology_lb_add(st, "hlb", "192.0.2.11", fe, 1, &err),
		"load balancer name: a load balancer named 'hlb' already exists");
	REFUSED(st, topology_lb_add(st, "HLB", "192.0.2.11", fe, 1, &err),
		"load balancer name: a load balancer named 'hlb' already exists"
		" ('HLB' differs only in case)");
	OK(topology_lb_add(st, "hlb2", "192.0.2.11", fe, 1, &err));
	REFUSED(st, topology_lb_set(st, "hlb2", "Hlb", NULL, NULL, 0, &err),
		"--name: a load balancer named 'hlb' already exists ('Hlb' differs only in case)");
	REFUSED(st, topology_site_add(st, "REDMOND", "", &err),
		"site name: a site named 'Redmond' already exists ('REDMOND' differs only in case)");
	REFUSED(st, topology_site_set(st, "Dublin", "redmond", NULL, &err),
		"--name: a site named 'Redmond' already exists ('redmond' differs only in case)");
	/* A name may change its own case. */
	OK(topology_site_set(st, "Dublin", "DUBLIN", NULL, &err));
	OK(topology_lb_set(st, "hlb2", "HLB2", NULL, NULL, 0, &err));
}

/* A file from before the rule may hold two sites (or load balancers)
 * differing only in case: both stay usable, keeping their names; only a
 * new name is refused. */
static void test_case_twins_kept(void **state)
{
	struct store *st = *state;
	const char *fe[] = { "fe.contoso.com" };
	struct lp_error err = { LP_OK, "" };

	add_pool(st, "fe.contoso.com", "Redmond", ROLE_FRONT_END, EDITION_NONE);
	OK(topology_lb_add(st, "hlb", "192.0.2.10", fe, 1, &err));
	assert_int_equal(sqlite3_exec(store_db(st), "INSERT INTO site (name) VALUES ('redmond');"
				      " INSERT INTO load_balancer (name, vip) VALUES ('HLB', '192.0.2.11');"
				      " INSERT INTO lb_pool SELECT max(id), 1 FROM load_balancer",
				      NULL, NULL, NULL), SQLITE_OK);
	OK(topology_site_set(st, "redmond", "redmond", "the twin", &err));
	OK(topology_site_set(st, "Redmond", "Redmond", NULL, &err));
	add_pool(st, "dir.contoso.com", "redmond", ROLE_DIRECTOR, EDITION_NONE);
	OK(topology_lb_set(st, "HLB", "HLB", "192.0.2.12", NULL, 0, &err));
	assert_int_equal(count(st, "SELECT count(*) FROM site WHERE name = 'redmond'"
			       " AND description = 'the twin'"), 1);
	REFUSED(st, topology_site_set(st, "redmond", "REDMOND", NULL, &err),
		"differs only in case");
	REFUSED(st, topology_lb_set(st, "HLB", "Hlb", NULL, NULL, 0, &err),
		"differs only in case");
}

static void test_dangling_references(void **state)
{
	struct store *st = *state;
	struct topo_pool_spec p = { "fe.contoso.com", "NOPE", ROLE_FRONT_END, EDITION_NONE,
				    LB_NONE, false, false, EDGE_EXTERNAL_NONE, NULL, NULL, NULL };
	struct lp_error err = { LP_OK, "" };

	REFUSED(st, topology_pool_add(st, &p, &err), "--site: no site named 'NOPE'");
	p.site = NULL;
	REFUSED(st, topology_pool_add(st, &p, &err), "--site: a site name is required");
	REFUSED(st, topology_server_add(st, "s.contoso.com", "nope.contoso.com", NULL, &err),
		"--pool: no pool named 'nope.contoso.com'");
	REFUSED(st, topology_lb_add(st, "hlb", "192.0.2.1", (const char *[]){ "nope.contoso.com" }, 1,
				    &err),
		"--pool: no pool named 'nope.contoso.com'");
	REFUSED(st, topology_site_rm(st, "NOPE", false, &err), "site name: no site named 'NOPE'");
	REFUSED(st, topology_pool_rm(st, "nope.contoso.com", true, &err), "pool FQDN: no pool named");
	REFUSED(st, topology_server_rm(st, "nope.contoso.com", &err), "server FQDN: no server named");
	REFUSED(st, topology_lb_rm(st, "nope", &err), "load balancer name: no load balancer named 'nope'");
	REFUSED(st, topology_server_set(st, "nope.contoso.com", NULL, NULL, "", &err),
		"server FQDN: no server named");
	REFUSED(st, topology_lb_set(st, "nope", "x", NULL, NULL, 0, &err), "no load balancer named");
	REFUSED(st, topology_pool_each(st, "NOPE", collect_pool, NULL, &err), "--site: no site named 'NOPE'");
	REFUSED(st, topology_server_each(st, "nope.contoso.com", NULL, NULL, &err),
		"--pool: no pool named 'nope.contoso.com'");
}

/* Redmond: fe (2 servers, lb "hlb-fe" alone, lb "hlb-both" shared with
 * Dublin's dir); Dublin: dir (1 server). */
static void build_two_sites(struct store *st)
{
	struct lp_error err;

	add_pool(st, "fe.contoso.com", "Redmond", ROLE_FRONT_END, EDITION_ENTERPRISE);
	add_pool(st, "dir.dublin.contoso.com", "Dublin", ROLE_DIRECTOR, EDITION_NONE);
	add_servers(st, "fe.contoso.com", "fe", 2);
	add_servers(st, "dir.dublin.contoso.com", "dir", 1);
	OK(topology_lb_add(st, "hlb-fe", "192.0.2.10", (const char *[]){ "fe.contoso.com" }, 1, &err));
	OK(topology_lb_add(st, "hlb-both", "192.0.2.20",
			   (const char *[]){ "fe.contoso.com", "dir.dublin.contoso.com" }, 2, &err));
}

static void test_site_rm(void **state)
{
	struct store *st = *state;
	struct lp_error err = { LP_OK, "" };

	build_two_sites(st);
	REFUSED(st, topology_site_rm(st, "Redmond", false, &err),
		"site 'Redmond': 1 pool depends on it (--force");
	OK(topology_site_add(st, "Empty", NULL, &err));
	OK(topology_site_rm(st, "Empty", false, &err));
	OK(topology_site_rm(st, "Redmond", true, &err));
	/* Its pool and servers went; the load balancer that served only it
	 * went; the shared one stays, serving Dublin. */
	assert_int_equal(count(st, "SELECT count(*) FROM site"), 1);
	assert_int_equal(count(st, "SELECT count(*) FROM pool"), 1);
	assert_int_equal(count(st, "SELECT count(*) FROM server"), 1);
	assert_int_equal(count(st, "SELECT count(*) FROM load_balancer WHERE name = 'hlb-fe'"), 0);
	assert_int_equal(count(st, "SELECT count(*) FROM lb_pool"), 1);
	assert_int_equal(count(st, "SELECT count(*) FROM load_balancer"), 1);
}

static void test_pool_rm(void **state)
{
	struct store *st = *state;
	struct lp_error err = { LP_OK, "" };

	build_two_sites(st);
	REFUSED(st, topology_pool_rm(st, "fe.contoso.com", false, &err),
		"pool 'fe.contoso.com': 2 servers and 2 load balancers depend on it (--force");
	OK(topology_server_rm(st, "dir01.contoso.com", &err));
	REFUSED(st, topology_pool_rm(st, "dir.dublin.contoso.com", false, &err),
		"1 load balancer depends on it");
	OK(topology_pool_rm(st, "dir.dublin.contoso.com", true, &err));
	assert_int_equal(count(st, "SELECT count(*) FROM load_balancer"), 2);
	OK(topology_pool_rm(st, "FE.contoso.com", true, &err));
	assert_int_equal(count(st, "SELECT count(*) FROM pool"), 0);
	assert_int_equal(count(st, "SELECT count(*) FROM server"), 0);
	assert_int_equal(count(st, "SELECT count(*) FROM load_balancer"), 0);
	add_pool(st, "empty.contoso.com", "Redmond", ROLE_MEDIATION, EDITION_NONE);
	OK(topology_pool_rm(st, "empty.contoso.com", false, &err));
}

static int collect_server(const struct topo_server *s, void *ud)
{
	char *buf = ud;

	snprintf(buf + strlen(buf), 512 - strlen(buf), "%s/%s/%s;", s->pool, s->fqdn, s->address);
	return 0;
}

static void test_servers(void **state)
{
	struct store *st = *state;
	struct lp_error err = { LP_OK, "" };
	char list[512] = "";

	add_pool(st, "fe.contoso.com", "Redmond", ROLE_FRONT_END, EDITION_ENTERPRISE);
	add_pool(st, "med.contoso.com", "Redmond", ROLE_MEDIATION, EDITION_NONE);
	OK(topology_server_add(st, "fe02.contoso.com", "fe.contoso.com", "2001:db8::2", &err));
	OK(topology_server_add(st, "fe01.contoso.com", "fe.contoso.com", "192.0.2.1", &err));
	OK(topology_server_add(st, "med01.contoso.com", "med.contoso.com", "", &err));
	REFUSED(st, topology_server_add(st, "fe03.contoso.com", "fe.contoso.com", "192.0.2.300", &err),
		"--ip: '192.0.2.300' is not an IPv4 or IPv6 address");
	REFUSED(st, topology_server_add(st, "fe03", "fe.contoso.com", NULL, &err),
		"server FQDN 'fe03': not fully qualified");
	REFUSED(st, topology_server_add(st, "fe03.contoso.com", NULL, NULL, &err),
		"--pool: a pool FQDN is required");

	OK(topology_server_set(st, "med01.contoso.com", "med1.contoso.com", "fe.contoso.com",
			       "192.0.2.3", &err));
	OK(topology_server_set(st, "fe02.contoso.com", NULL, NULL, "", &err));
	REFUSED(st, topology_server_set(st, "fe01.contoso.com", "FE02.contoso.com", NULL, NULL, &err),
		"--fqdn: a server named 'fe02.contoso.com' already exists"
		" ('FE02.contoso.com' differs only in case)");
	REFUSED(st, topology_server_set(st, "fe01.contoso.com", NULL, NULL, "::g", &err),
		"--ip: '::g' is not");
	REFUSED(st, topology_server_set(st, "fe01.contoso.com", NULL, "x.contoso.com", NULL, &err),
		"--pool: no pool named 'x.contoso.com'");

	assert_int_equal(topology_server_each(st, NULL, collect_server, list, &err), LP_OK);
	assert_string_equal(list, "fe.contoso.com/fe01.contoso.com/192.0.2.1;"
				  "fe.contoso.com/fe02.contoso.com/;"
				  "fe.contoso.com/med1.contoso.com/192.0.2.3;");
	list[0] = '\0';
	assert_int_equal(topology_server_each(st, "med.contoso.com", collect_server, list, &err), LP_OK);
	assert_string_equal(list, "");
	OK(topology_server_rm(st, "FE01.CONTOSO.COM", &err));
	assert_int_equal(count(st, "SELECT count(*) FROM server"), 2);
}

static int collect_external(const struct topo_server *r, void *ud)
{
	char *buf = ud;

	snprintf(buf + strlen(buf), 512 - strlen(buf), "%s/%s/%s;", r->fqdn, r->external, r->public);
	return 0;
}

static void test_external_addresses(void **state)
{
	struct store *st = *state;
	struct lp_error err = { LP_OK, "" };
	struct topo_server_change ch = { .pool = "edge.contoso.com", .address = "172.16.0.1",
					 .external = "192.0.2.1,192.0.2.2,192.0.2.3",
					 .public = "203.0.113.1,203.0.113.2,203.0.113.3" };
	enum topo_edge_external public = EDGE_EXTERNAL_PUBLIC;
	struct topo_pool_change to_public = { .edge_external = &public };
	const struct topo_pool_spec edge = { .fqdn = "edge.contoso.com", .site = "Redmond",
					     .role = ROLE_EDGE, .edge_external = EDGE_EXTERNAL_NAT };
	char list[512] = "";

	OK(topology_pool_add(st, &edge, &err));
	add_pool(st, "med.contoso.com", "Redmond", ROLE_MEDIATION, EDITION_NONE);
	OK(topology_server_add_with(st, "edge01.contoso.com", &ch, &err));
	ch = (struct topo_server_change){ .pool = "edge.contoso.com", .external = "192.0.2.11" };
	REFUSED(st, topology_server_add_with(st, "edge02.contoso.com", &ch, &err),
		"--external-ip: the servers of Edge pool 'edge.contoso.com' have 3 external"
		" addresses (single IP or not is the pool's choice), not 1");
	ch.pool = "med.contoso.com";
	REFUSED(st, topology_server_add_with(st, "med01.contoso.com", &ch, &err),
		"--external-ip: only servers of edge or reverse-proxy pools have external addresses");
	ch = (struct topo_server_change){ .public = "203.0.113.1" };
	REFUSED(st, topology_server_set_with(st, "edge01.contoso.com", &ch, &err),
		"--public-ip: 1 public address for 3 external ones: give one for each");
	REFUSED(st, topology_pool_set(st, "edge.contoso.com", &to_public, &err),
		"--edge-external: 1 server of pool 'edge.contoso.com' holds public addresses");
	/* A refusal inside the caller's transaction undoes itself alone. */
	OK(store_begin(st, &err));
	ch = (struct topo_server_change){ .external = "192.0.2.1,192.0.2.2,172.16.0.1" };
	REFUSED(st, topology_server_set_with(st, "edge01.contoso.com", &ch, &err),
		"--external-ip: 172.16.0.1 is the server's internal address (--ip)");
	OK(store_commit(st, &err));
	assert_int_equal(topology_server_each(st, NULL, collect_external, list, &err), LP_OK);
	assert_string_equal(list, "edge01.contoso.com/192.0.2.1,192.0.2.2,192.0.2.3/"
				  "203.0.113.1,203.0.113.2,203.0.113.3;");
	ch = (struct topo_server_change){ .external = "" };
	OK(topology_server_set_with(st, "edge01.contoso.com", &ch, &err));
	assert_int_equal(count(st, "SELECT count(*) FROM server_external"), 0);
	OK(topology_pool_set(st, "edge.contoso.com", &to_public, &err));
}

static int collect_back_end(const struct topo_pool *r, void *ud)
{
	char *buf = ud;

	snprintf(buf + strlen(buf), 512 - strlen(buf), "%s/%s/%s/%s;", r->fqdn, r->back_end,
		 r->mirror, r->witness);
	return 0;
}

static void test_back_end(void **state)
{
	struct store *st = *state;
	struct lp_error err = { LP_OK, "" };
	struct topo_pool_change ch = { .back_end = "be.contoso.com", .mirror = "be2.contoso.com",
				       .witness = "w01.contoso.com" };
	char list[512] = "";

	add_pool(st, "fe.contoso.com", "Redmond", ROLE_FRONT_END, EDITION_ENTERPRISE);
	add_pool(st, "se.contoso.com", "Redmond", ROLE_FRONT_END, EDITION_STANDARD);
	add_pool(st, "be.contoso.com", "Redmond", ROLE_BACK_END, EDITION_NONE);
	add_pool(st, "be2.contoso.com", "Dublin", ROLE_BACK_END, EDITION_NONE);
	add_pool(st, "med.contoso.com", "Redmond", ROLE_MEDIATION, EDITION_NONE);
	OK(topology_server_add(st, "w01.contoso.com", "med.contoso.com", NULL, &err));
	OK(topology_pool_set(st, "fe.contoso.com", &ch, &err));
	REFUSED(st, topology_pool_set(st, "se.contoso.com", &ch, &err),
		"--back-end: only an Enterprise Edition front-end pool or a persistent-chat pool has"
		" a Back End (a Standard Edition server has its own SQL Server Express)");
	REFUSED(st, topology_server_rm(st, "w01.contoso.com", &err),
		"server 'w01.contoso.com': the mirroring witness of pool 'fe.contoso.com'");
	REFUSED(st, topology_pool_rm(st, "be.contoso.com", false, &err),
		"pool 'be.contoso.com': the Back End or mirror of 1 pool");
	assert_int_equal(topology_pool_each(st, NULL, collect_back_end, list, &err), LP_OK);
	assert_non_null(strstr(list, "fe.contoso.com/be.contoso.com/be2.contoso.com/w01.contoso.com;"));
	/* A site going takes its back-end pool; the pools of other sites
	 * are unlinked (the mirror without a Back End would break a CHECK). */
	OK(topology_site_rm(st, "Dublin", true, &err));
	list[0] = '\0';
	assert_int_equal(topology_pool_each(st, NULL, collect_back_end, list, &err), LP_OK);
	assert_non_null(strstr(list, "fe.contoso.com/be.contoso.com//;"));
	OK(topology_pool_rm(st, "be.contoso.com", true, &err));
	assert_int_equal(count(st, "SELECT count(*) FROM pool WHERE back_end IS NOT NULL"), 0);
}

static int collect_sides(const struct topo_lb_row *l, void *ud)
{
	char *buf = ud;

	snprintf(buf + strlen(buf), 512 - strlen(buf), "%s/%s/%s;", l->name,
		 topology_lb_side_name(l->side), topology_edge_service_name(l->service));
	return 0;
}

static void test_lb_sides(void **state)
{
	struct store *st = *state;
	struct lp_error err = { LP_OK, "" };
	const char *edge[] = { "edge.contoso.com" }, *med[] = { "med.contoso.com" };
	enum topo_lb_side external = LB_SIDE_EXTERNAL, internal = LB_SIDE_INTERNAL;
	enum topo_edge_service access = EDGE_SERVICE_ACCESS, none = EDGE_SERVICE_NONE;
	struct topo_lb_change ch = { .vip = "192.0.2.10", .pools = edge, .npools = 1,
				     .side = &external, .service = &access };
	enum topo_edge_service parsed = EDGE_SERVICE_AV;
	char list[512] = "";

	assert_true(topology_edge_service_parse("", &parsed));
	assert_int_equal(parsed, EDGE_SERVICE_NONE);
	assert_false(topology_lb_side_parse("", &external));
	add_pool(st, "edge.contoso.com", "Redmond", ROLE_EDGE, EDITION_NONE);
	add_pool(st, "med.contoso.com", "Redmond", ROLE_MEDIATION, EDITION_NONE);
	OK(topology_lb_add_with(st, "hlb-access", &ch, &err));
	ch.vip = "192.0.2.11";
	REFUSED(st, topology_lb_add_with(st, "hlb-access2", &ch, &err),
		"--service: edge pool 'edge.contoso.com' has the access VIP already");
	ch.service = &none;
	REFUSED(st, topology_lb_add_with(st, "hlb-all", &ch, &err),
		"--service: edge pool 'edge.contoso.com' has a VIP for each service");
	ch = (struct topo_lb_change){ .pools = med, .npools = 1 };
	REFUSED(st, topology_lb_set_with(st, "hlb-access", &ch, &err),
		"--pool: an external load balancer serves only edge, reverse-proxy, front-end or"
		" director pools ('med.contoso.com' is mediation)");
	ch = (struct topo_lb_change){ .side = &internal };
	OK(topology_lb_set_with(st, "hlb-access", &ch, &err));
	assert_int_equal(topology_lb_each(st, collect_sides, list, &err), LP_OK);
	assert_string_equal(list, "hlb-access/internal/;");
}

static int collect_lb(const struct topo_lb_row *l, void *ud)
{
	char *buf = ud;

	snprintf(buf + strlen(buf), 512 - strlen(buf), "%s/%s/%s;", l->name, l->vip, l->pools);
	return 0;
}

static void test_load_balancers(void **state)
{
	struct store *st = *state;
	struct lp_error err = { LP_OK, "" };
	const char *three[] = { "fe.contoso.com", "dir.contoso.com", "b.contoso.com" };
	char list[512] = "";

	add_pool(st, "fe.contoso.com", "Redmond", ROLE_FRONT_END, EDITION_ENTERPRISE);
	add_pool(st, "dir.contoso.com", "Redmond", ROLE_DIRECTOR, EDITION_NONE);
	add_pool(st, "b.contoso.com", "Dublin", ROLE_DIRECTOR, EDITION_NONE);
	OK(topology_lb_add(st, "hlb-z", "2001:db8::10", three, 3, &err));
	OK(topology_lb_add(st, "hlb-a", "192.0.2.10", three + 1, 1, &err));
	REFUSED(st, topology_lb_add(st, "hlb-x", "192.0.2.10", three, 0, &err),
		"--pool: a load balancer serves at least one pool");
	REFUSED(st, topology_lb_add(st, "hlb-x", "192.0.2.999", three, 1, &err),
		"--vip: '192.0.2.999' is not an IPv4 or IPv6 address");
	REFUSED(st, topology_lb_add(st, "hlb-x", NULL, three, 1, &err), "--vip: must not be empty");
	REFUSED(st, topology_lb_add(st, "hlb-x", "192.0.2.11",
				    (const char *[]){ "fe.contoso.com", "FE.contoso.com" }, 2, &err),
		"--pool: 'FE.contoso.com' is given twice");
	REFUSED(st, topology_lb_add(st, "hlb\r", "192.0.2.11", three, 1, &err),
		"load balancer name 'hlb\\x0D': control character");

	assert_int_equal(topology_lb_each(st, collect_lb, list, &err), LP_OK);
	assert_string_equal(list, "hlb-a/192.0.2.10/dir.contoso.com;"
				  "hlb-z/2001:db8::10/b.contoso.com,dir.contoso.com,fe.contoso.com;");

	OK(topology_lb_set(st, "hlb-z", "hlb-b", "192.0.2.30", three + 2, 1, &err));
	OK(topology_lb_set(st, "hlb-a", NULL, NULL, NULL, 0, &err));
	REFUSED(st, topology_lb_set(st, "hlb-a", "hlb-b", NULL, NULL, 0, &err),
		"--name: a load balancer named 'hlb-b' already exists");
	REFUSED(st, topology_lb_set(st, "hlb-a", NULL, NULL, three, 0, &err),
		"--pool: a load balancer serves at least one pool");
	REFUSED(st, topology_lb_set(st, "hlb-a", NULL, "x", NULL, 0, &err), "--vip: 'x' is not");
	list[0] = '\0';
	assert_int_equal(topology_lb_each(st, collect_lb, list, &err), LP_OK);
	assert_string_equal(list, "hlb-a/192.0.2.10/dir.contoso.com;"
				  "hlb-b/192.0.2.30/b.contoso.com;");
	OK(topology_lb_rm(st, "hlb-a", &err));
	assert_int_equal(count(st, "SELECT count(*) FROM load_balancer"), 1);
	assert_int_equal(count(st, "SELECT count(*) FROM lb_pool"), 1);
}

static int collect_feature(const struct topo_feature *f, void *ud)
{
	char *buf = ud;

	assert_true(f->summary[0] != '\0');
	snprintf(buf + strlen(buf), 256 - strlen(buf), "%s=%d;", f->name, f->enabled);
	return 0;
}

static void test_features(void **state)
{
	struct store *st = *state;
	struct lp_error err = { LP_OK, "" };
	char list[256] = "";

	OK(topology_feature_set(st, "e911", true, &err));
	OK(topology_feature_set(st, "legacy-clients", true, &err));
	OK(topology_feature_set(st, "legacy-clients", false, &err));
	REFUSED(st, topology_feature_set(st, "teleport", true, &err),
		"feature name: no feature named 'teleport'");
	REFUSED(st, topology_feature_set(st, "", true, &err), "feature name: must not be empty");
	assert_int_equal(topology_feature_each(st, collect_feature, list, &err), LP_OK);
	assert_string_equal(list, "static-routes=0;e911=1;legacy-clients=0;http-without-https=0;"
			    "federation=0;federation-ocs2007=0;public-im=0;xmpp=0;reverse-proxy-http=0;"
			    "sql-default-instance=0;");
}

static int stop_at_first(const struct topo_pool *p, void *ud)
{
	(*(int *)ud)++;
	(void)p;
	return 1;
}

static void test_each_stops(void **state)
{
	struct store *st = *state;
	struct lp_error err = { LP_OK, "" };
	int calls = 0;

	add_pool(st, "a.contoso.com", "Redmond", ROLE_DIRECTOR, EDITION_NONE);
	add_pool(st, "b.contoso.com", "Redmond", ROLE_DIRECTOR, EDITION_NONE);
	assert_int_equal(topology_pool_each(st, NULL, stop_at_first, &calls, &err), LP_OK);
	assert_int_equal(calls, 1);
}

/* Inside the caller's transaction a refused write undoes only itself. */
static void test_joins_caller_transaction(void **state)
{
	struct store *st = *state;
	struct lp_error err = { LP_OK, "" };

	assert_int_equal(store_begin(st, &err), LP_OK);
	OK(topology_site_add(st, "Paris", NULL, &err));
	REFUSED(st, topology_site_add(st, "Paris", NULL, &err), "already exists");
	OK(topology_site_add(st, "Oslo", NULL, &err));
	assert_int_equal(store_commit(st, &err), LP_OK);
	assert_int_equal(count(st, "SELECT count(*) FROM site"), 4);

	assert_int_equal(store_begin(st, &err), LP_OK);
	OK(topology_site_add(st, "Rome", NULL, &err));
	store_rollback(st);
	assert_int_equal(count(st, "SELECT count(*) FROM site WHERE name = 'Rome'"), 0);
}

/* A read-only file refuses writes as a database problem, not bad input. */
static void test_read_only(void **state)
{
	struct lp_error err = { LP_OK, "" };
	char *dir = tu_tmpdir(), *path = tu_path(dir, "t.db");
	struct store *st;

	(void)state;
	assert_int_equal(store_open(path, STORE_WRITE, false, &st, &err), LP_OK);
	store_close(st);
	assert_int_equal(chmod(path, 0400), 0);
	assert_int_equal(store_open(path, STORE_READ, false, &st, &err), LP_OK);
	if (store_readonly(st)) /* not when the tests run as root */
		assert_int_equal(topology_site_add(st, "X", NULL, &err), LP_EDB);
	store_close(st);
	tu_rmtree(dir);
	free(path);
	free(dir);
}

static void test_demo(void **state)
{
	struct store *st = tu_memory_store();
	struct lp_error err = { LP_OK, "" };
	char *before;

	(void)state;
	OK(topology_load_demo(st, &err));
	assert_int_equal(count(st, "SELECT count(*) FROM site"), 2);
	assert_int_equal(count(st, "SELECT count(*) FROM pool"), 6);
	assert_int_equal(count(st, "SELECT count(*) FROM server"), 10);
	assert_int_equal(count(st, "SELECT count(*) FROM load_balancer"), 2);
	assert_int_equal(count(st, "SELECT count(*) FROM pool WHERE role = 'front-end'"
			       " AND edition = 'enterprise' AND lb = 'dns' AND collocated_mediation = 1"
			       " AND cms = 1 AND (SELECT count(*) FROM server WHERE pool_id = pool.id) = 3"
			       " AND id IN (SELECT pool_id FROM lb_pool)"), 1);
	assert_int_equal(count(st, "SELECT count(*) FROM pool WHERE role = 'director'"
			       " AND lb = 'hardware' AND id IN (SELECT pool_id FROM lb_pool)"
			       " AND (SELECT count(*) FROM server WHERE pool_id = pool.id) = 2"), 1);
	assert_int_equal(count(st, "SELECT count(*) FROM pool WHERE role = 'persistent-chat'"), 1);
	assert_int_equal(count(st, "SELECT count(*) FROM pool WHERE role = 'edge' AND lb = 'dns'"
			       " AND edge_external = 'nat'"
			       " AND (SELECT count(*) FROM server WHERE pool_id = pool.id) = 2"), 1);
	assert_int_equal(count(st, "SELECT count(*) FROM pool WHERE role = 'reverse-proxy'"), 1);
	assert_int_equal(count(st, "SELECT count(*) FROM pool p JOIN site s ON s.id = p.site_id"
			       " WHERE s.name = 'Dublin' AND p.edition = 'standard'"
			       " AND (SELECT count(*) FROM server WHERE pool_id = p.id) = 1"), 1);
	/* Documentation addresses only, all of them valid. */
	assert_int_equal(count(st, "SELECT count(*) FROM (SELECT address AS a FROM server"
			       " UNION ALL SELECT vip FROM load_balancer) WHERE NOT (a LIKE '192.0.2.%'"
			       " OR a LIKE '198.51.100.%' OR a LIKE '2001:db8:%')"), 0);
	/* Loading it twice is refused as a whole. */
	before = fingerprint(st);
	assert_int_equal(topology_load_demo(st, &err), LP_EINPUT);
	{
		char *after = fingerprint(st);

		assert_string_equal(before, after);
		free(after);
	}
	free(before);
	store_close(st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fqdn),
		cmocka_unit_test(test_address),
		cmocka_unit_test(test_name),
		cmocka_unit_test(test_text),
		cmocka_unit_test(test_enum_names),
		cmocka_unit_test_setup_teardown(test_sites, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pool_editions, setup, teardown),
		cmocka_unit_test_setup_teardown(test_server_limits, setup, teardown),
		cmocka_unit_test_setup_teardown(test_one_cms, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pool_set, setup, teardown),
		cmocka_unit_test_setup_teardown(test_duplicates_ignore_case, setup, teardown),
		cmocka_unit_test_setup_teardown(test_case_twins_kept, setup, teardown),
		cmocka_unit_test_setup_teardown(test_address_not_host_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dangling_references, setup, teardown),
		cmocka_unit_test_setup_teardown(test_site_rm, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pool_rm, setup, teardown),
		cmocka_unit_test_setup_teardown(test_servers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_external_addresses, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lb_sides, setup, teardown),
		cmocka_unit_test_setup_teardown(test_back_end, setup, teardown),
		cmocka_unit_test_setup_teardown(test_load_balancers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_features, setup, teardown),
		cmocka_unit_test_setup_teardown(test_each_stops, setup, teardown),
		cmocka_unit_test_setup_teardown(test_joins_caller_transaction, setup, teardown),
		cmocka_unit_test(test_read_only),
		cmocka_unit_test(test_demo),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
