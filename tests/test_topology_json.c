/* test_topology_json.c - the topology document: the export's bytes, the
 * round trip, --replace and --merge, and one test per class of refused
 * file (syntax, unknown field, bad value, duplicate, wrong format or
 * version, dangling reference, a pool too full), each leaving the
 * database as it was and pointing at the line and column at fault. */
#include "config.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "topology.h"
#include "topology_json.h"

/* The topology document of st, in a new string the caller frees. */
static char *export_doc(struct store *st)
{
	struct lp_error err = { LP_OK, "" };
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	if (topology_json_export(st, f, &err) != LP_OK)
		fail_msg("export: %s", err.msg);
	assert_int_equal(fclose(f), 0);
	return buf;
}

static enum lp_status import_doc(struct store *st, const char *doc, enum topology_json_mode mode,
				 struct lp_error *err)
{
	*err = (struct lp_error){ LP_OK, "" };
	return topology_json_import_mem(st, "t.json", doc, strlen(doc), mode, err);
}

static struct store *demo_store(void)
{
	struct store *st = tu_memory_store();
	struct lp_error err;

	assert_int_equal(topology_load_demo(st, &err), LP_OK);
	return st;
}

/* Imports doc into st, which must refuse it with a message starting with
 * want (the place and the path) and containing reason, and change nothing. */
static void refused(struct store *st, const char *doc, enum topology_json_mode mode,
		    const char *want, const char *reason)
{
	char *before = export_doc(st), *after;
	struct lp_error err;

	assert_int_equal(import_doc(st, doc, mode, &err), LP_EINPUT);
	if (strncmp(err.msg, want, strlen(want)) != 0 || !strstr(err.msg, reason))
		fail_msg("message '%s' is not '%s...%s...'", err.msg, want, reason);
	assert_null(strchr(err.msg, '\n'));
	after = export_doc(st);
	assert_string_equal(after, before);
	free(before);
	free(after);
}

#define HEAD "{\"format\": \"lyncplan-topology\", \"version\": 1"

static void test_export_demo(void **state)
{
	struct store *st = demo_store();
	char *doc = export_doc(st);

	(void)state;
	static const char head[] = "{\n  \"format\": \"lyncplan-topology\",\n  \"version\": 2,\n"
				   "  \"name\": \"\",\n"
				   "  \"sites\": [\n    {\n      \"name\": \"Dublin\",\n";

	assert_int_equal(strncmp(doc, head, strlen(head)), 0);
	/* Pools sorted by FQDN, edition only on front-end pools. */
	assert_true(strstr(doc, "\"dirpool.contoso.com\",\n      \"site\": \"Redmond\",\n"
				"      \"role\": \"director\",\n      \"lb\": \"hardware\",")
		    < strstr(doc, "\"fqdn\": \"fepool.contoso.com\""));
	assert_non_null(strstr(doc, "\"role\": \"front-end\",\n      \"edition\": \"enterprise\","));
	/* The zones in the order given, the peers with their addresses. */
	assert_non_null(strstr(doc, "\"features\": [],\n  \"internalPrefixes\": [\n"
				    "    \"192.0.2.0/27\",\n    \"198.51.100.0/24\",\n"
				    "    \"2001:db8:0:1::/64\"\n  ],\n  \"perimeterPrefixes\": [\n"
				    "    \"192.0.2.32/27\"\n  ],\n  \"peers\": [\n    {\n"
				    "      \"name\": \"pstn-gw01\",\n      \"kind\": \"pstn-gateway\",\n"
				    "      \"addresses\": [\n        \"192.0.2.30\"\n      ]\n    }\n  ]\n}\n"));
	free(doc);
	store_close(st);
}

static void test_export_empty(void **state)
{
	struct store *st = tu_memory_store();
	char *doc = export_doc(st);

	(void)state;
	assert_string_equal(doc, "{\n  \"format\": \"lyncplan-topology\",\n  \"version\": 2,\n"
			    "  \"name\": \"\",\n"
			    "  \"sites\": [],\n  \"pools\": [],\n  \"servers\": [],\n"
			    "  \"loadBalancers\": [],\n  \"features\": [],\n"
			    "  \"internalPrefixes\": [],\n  \"perimeterPrefixes\": [],\n"
			    "  \"peers\": []\n}\n");
	free(doc);
	store_close(st);
}

/* Rows written past the model's checks, as a damaged or foreign file may
 * hold them: control characters, quotes and backslashes come out escaped
 * as JSON wants them (the import reads them back), other text as it is;
 * a load balancer's pools are sorted by byte order, upper case first. */
static void test_export_escapes(void **state)
{
	static const char want[] =
		"{\n  \"format\": \"lyncplan-topology\",\n  \"version\": 2,\n"
		"  \"name\": \"\",\n"
		"  \"sites\": [\n    {\n      \"name\": \"S\\u0001\\b\\t\\n\\f\\r\\u001B\\u001F\\\"q\\\"\\\\/\x7F\",\n"
		"      \"description\": \"\xC3\xA9\xF0\x9F\x98\x80\"\n    }\n  ],\n"
		"  \"pools\": [\n    {\n      \"fqdn\": \"B.example.com\",\n      \"site\": \"S\\u0001\\b\\t\\n\\f\\r\\u001B\\u001F\\\"q\\\"\\\\/\x7F\",\n"
		"      \"role\": \"director\",\n      \"lb\": \"dns\",\n"
		"      \"collocatedMediation\": false,\n      \"cms\": false\n    },\n"
		"    {\n      \"fqdn\": \"a.example.com\",\n      \"site\": \"S\\u0001\\b\\t\\n\\f\\r\\u001B\\u001F\\\"q\\\"\\\\/\x7F\",\n"
		"      \"role\": \"front-end\",\n      \"edition\": \"standard\",\n      \"lb\": \"hardware\",\n"
		"      \"collocatedMediation\": true,\n      \"cms\": true\n    }\n  ],\n"
		"  \"servers\": [\n    {\n      \"fqdn\": \"s1.example.com\",\n"
		"      \"pool\": \"a.example.com\",\n      \"address\": \"\"\n    }\n  ],\n"
		"  \"loadBalancers\": [\n    {\n      \"name\": \"both\",\n      \"vip\": \"10.0.0.1\",\n"
		"      \"pools\": [\n        \"B.example.com\",\n        \"a.example.com\"\n      ]\n    },\n"
		"    {\n      \"name\": \"none\",\n      \"vip\": \"10.0.0.2\",\n      \"pools\": []\n    }\n  ],\n"
		"  \"features\": [\n    \"e911\",\n    \"federation\"\n  ],\n"
		"  \"internalPrefixes\": [],\n  \"perimeterPrefixes\": [],\n  \"peers\": []\n}\n";
	struct store *st = tu_memory_store();
	char *doc;

	(void)state;
	assert_int_equal(sqlite3_exec(store_db(st),
		"INSERT INTO site VALUES (1, 'S' || char(1, 8, 9, 10, 12, 13, 27, 31)"
		" || '\"q\"\\/' || char(127), char(233, 128512));"
		"INSERT INTO pool (id, fqdn, site_id, role, edition, lb, collocated_mediation, cms,"
		" edge_external) VALUES (1, 'a.example.com', 1, 'front-end', 'standard', 'hardware', 1, 1, ''),"
		" (2, 'B.example.com', 1, 'director', '', 'dns', 0, 0, '');"
		"INSERT INTO server VALUES (1, 's1.example.com', 1, '');"
		"INSERT INTO load_balancer (id, name, vip) VALUES (1, 'none', '10.0.0.2'), (2, 'both', '10.0.0.1');"
		"INSERT INTO lb_pool VALUES (2, 1), (2, 2);"
		"UPDATE feature SET enabled = 1 WHERE name IN ('federation', 'e911');",
		NULL, NULL, NULL), SQLITE_OK);
	doc = export_doc(st);
	assert_string_equal(doc, want);
	free(doc);
	store_close(st);
}

/* Text that is not UTF-8 cannot be written as JSON: refused, nothing written. */
static void test_export_not_utf8(void **state)
{
	struct store *st = demo_store();
	struct lp_error err = { LP_OK, "" };
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	(void)state;
	assert_non_null(f);
	assert_int_equal(sqlite3_exec(store_db(st), "UPDATE server SET address = CAST(x'31ff' AS TEXT)"
				      " WHERE fqdn = 'fe02.contoso.com'", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(topology_json_export(st, f, &err), LP_EDB);
	assert_non_null(strstr(err.msg, ": cannot export: out of memory, or text that is not UTF-8"));
	assert_int_equal(fclose(f), 0);
	assert_int_equal(len, 0);
	free(buf);
	store_close(st);
}

static void test_round_trip(void **state)
{
	struct store *a = demo_store(), *b = tu_memory_store();
	struct lp_error err;
	char *first, *second;

	(void)state;
	assert_int_equal(topology_feature_set(a, "e911", true, &err), LP_OK);
	assert_int_equal(topology_site_add(a, "Zürich \"Nord\"", "a <b> & 'c'", &err), LP_OK);
	{
		struct topo_pool_spec edge = { "edge.contoso.com", "Redmond", ROLE_EDGE, EDITION_NONE,
					       LB_DNS, false, false, EDGE_EXTERNAL_NAT, NULL, NULL, NULL };

		assert_int_equal(topology_pool_add(a, &edge, &err), LP_OK);
	}
	first = export_doc(a);
	if (import_doc(b, first, TOPOLOGY_JSON_NEW, &err) != LP_OK)
		fail_msg("import: %s", err.msg);
	second = export_doc(b);
	assert_string_equal(second, first);
	assert_non_null(strstr(first, "\"features\": [\n    \"e911\"\n  ]"));
	assert_non_null(strstr(first, "\"role\": \"edge\",\n      \"edgeExternal\": \"nat\","));
	free(second);
	/* Replacing a changed topology with the file gives the file back. */
	assert_int_equal(topology_server_rm(b, "fe02.contoso.com", &err), LP_OK);
	assert_int_equal(topology_feature_set(b, "e911", false, &err), LP_OK);
	assert_int_equal(topology_site_add(b, "Extra", "", &err), LP_OK);
	assert_int_equal(import_doc(b, first, TOPOLOGY_JSON_REPLACE, &err), LP_OK);
	second = export_doc(b);
	assert_string_equal(second, first);
	free(first);
	free(second);
	store_close(a);
	store_close(b);
}

static void test_merge(void **state)
{
	struct store *st = demo_store();
	struct lp_error err;
	char *doc;

	(void)state;
	/* New items may refer to what the topology has already. */
	assert_int_equal(import_doc(st, HEAD ", \"pools\": [{\"fqdn\": \"med.contoso.com\","
				    " \"site\": \"Redmond\", \"role\": \"mediation\"}],"
				    " \"servers\": [{\"fqdn\": \"fe04.contoso.com\", \"pool\": \"FEPOOL.contoso.com\"}],"
				    " \"features\": [\"e911\"]}", TOPOLOGY_JSON_MERGE, &err), LP_OK);
	doc = export_doc(st);
	assert_non_null(strstr(doc, "\"fqdn\": \"med.contoso.com\""));
	assert_non_null(strstr(doc, "\"fqdn\": \"fe04.contoso.com\",\n      \"pool\": \"fepool.contoso.com\""));
	assert_non_null(strstr(doc, "\"dirpool.contoso.com\"")); /* kept */
	free(doc);
	refused(st, HEAD ", \"sites\": [{\"name\": \"Redmond\"}]}", TOPOLOGY_JSON_MERGE,
		"t.json:1:66: sites[0].name: ", "'Redmond' already exists in the topology");
	refused(st, HEAD ", \"servers\": [{\"fqdn\": \"FE01.contoso.com\", \"pool\": \"fepool.contoso.com\"}]}",
		TOPOLOGY_JSON_MERGE, "t.json:1:68: servers[0].fqdn: ", "already exists in the topology");
	refused(st, HEAD ", \"sites\": [{\"name\": \"X\"}], \"pools\": [{\"fqdn\": \"p.contoso.com\","
		" \"site\": \"X\", \"role\": \"front-end\", \"cms\": true}]}", TOPOLOGY_JSON_MERGE,
		"t.json:1:150: pools[0].cms: ", "holds the Central Management store");
	store_close(st);
}

static void test_new_needs_empty(void **state)
{
	struct store *st = demo_store();

	(void)state;
	refused(st, HEAD "}", TOPOLOGY_JSON_NEW, "t.json: the topology is not empty", "--replace");
	store_close(st);
}

static void test_syntax(void **state)
{
	struct store *st = demo_store();

	(void)state;
	refused(st, HEAD ",\n  \"sites\": [,]\n}", TOPOLOGY_JSON_REPLACE, "t.json:2:13: ", "");
	refused(st, "", TOPOLOGY_JSON_REPLACE, "t.json:", "");
	refused(st, HEAD ", \"version\": 1}", TOPOLOGY_JSON_REPLACE, "t.json:1:", "duplicate");
	refused(st, "[1, 2]", TOPOLOGY_JSON_REPLACE, "t.json:1:1: document: ", "JSON object");
	/* The parser's own message quotes the text near the fault: a line
	 * break or an escape sequence there must not reach the terminal. */
	refused(st, HEAD ", \"sites\": [{\"name\": \"a\\ud80\n\033[2J\"}]}", TOPOLOGY_JSON_REPLACE,
		"t.json:", "\\x0A");
	store_close(st);
}

static void test_format_and_version(void **state)
{
	struct store *st = demo_store();

	(void)state;
	refused(st, "{\"format\": \"lyncplan-topology\", \"version\": 3, \"new\": true}",
		TOPOLOGY_JSON_REPLACE, "t.json:1:44: version: ", "3 is not supported");
	refused(st, "{\"format\": \"lyncplan-topology\", \"version\": 0}",
		TOPOLOGY_JSON_REPLACE, "t.json:1:44: version: ", "0 is not supported");
	refused(st, "{\"format\": \"lyncplan-topology\", \"version\": \"1\"}",
		TOPOLOGY_JSON_REPLACE, "t.json:1:44: version: ", "must be an integer");
	refused(st, "{\"format\": \"other\", \"version\": 1}", TOPOLOGY_JSON_REPLACE,
		"t.json:1:12: format: ", "not a topology document");
	refused(st, "{\"version\": 1}", TOPOLOGY_JSON_REPLACE, "t.json:1:1: document: ", "\"format\"");
	store_close(st);
}

static void test_unknown_field(void **state)
{
	struct store *st = demo_store();

	(void)state;
	refused(st, HEAD ",\n\"sites\": [{\"name\": \"\xC3\xA9\", \"colour\": 1}]}",
		TOPOLOGY_JSON_REPLACE, "t.json:2:25: sites[0].colour: ", "unknown field");
	refused(st, HEAD ", \"servers\": []," "\"extra\": {}}", TOPOLOGY_JSON_REPLACE,
		"t.json:1:61: extra: ", "unknown field");
	refused(st, HEAD ", \"sites\": [{\"name\": \"A\", \"description\": 7}]}",
		TOPOLOGY_JSON_REPLACE, "t.json:1:86: sites[0].description: ", "must be a string");
	refused(st, HEAD ", \"sites\": [{\"description\": \"x\"}]}",
		TOPOLOGY_JSON_REPLACE, "t.json:1:57: sites[0]: ", "\"name\" is missing");
	store_close(st);
}

static void test_bad_values(void **state)
{
	static const char doc[] =
		"{\n"
		"  \"format\": \"lyncplan-topology\",\n"
		"  \"version\": 1,\n"
		"  \"sites\": [ { \"name\": \"A\" } ],\n"
		"  \"pools\": [\n"
		"    { \"fqdn\": \"p.example.com\", \"site\": \"A\", \"role\": \"director\" },\n"
		"    { \"fqdn\": \"x_y.example.com\", \"site\": \"A\", \"role\": \"director\" }\n"
		"  ]\n"
		"}\n";
	struct store *st = demo_store();

	(void)state;
	refused(st, doc, TOPOLOGY_JSON_REPLACE, "t.json:7:15: pools[1].fqdn 'x_y.example.com': ",
		"'_' is not allowed");
	refused(st, HEAD ", \"sites\": [{\"name\": \" A\"}]}", TOPOLOGY_JSON_REPLACE,
		"t.json:1:66: sites[0].name ' A': ", "leading or trailing space");
	refused(st, HEAD ", \"sites\": [{\"name\": \"A\"}], \"pools\": [{\"fqdn\": \"p.example.com\","
		" \"site\": \"A\", \"role\": \"mainframe\"}]}", TOPOLOGY_JSON_REPLACE,
		"t.json:1:130: pools[0].role: ", "unknown value 'mainframe' (front-end, director,");
	refused(st, HEAD ", \"sites\": [{\"name\": \"A\"}], \"pools\": [{\"fqdn\": \"p.example.com\","
		" \"site\": \"A\", \"role\": \"director\", \"cms\": true}]}", TOPOLOGY_JSON_REPLACE,
		"t.json:1:149: pools[0].cms: ", "only pools of role front-end have this");
	refused(st, HEAD ", \"sites\": [{\"name\": \"A\"}], \"pools\": [{\"fqdn\": \"p.example.com\","
		" \"site\": \"A\", \"role\": \"edge\", \"edgeExternal\": \"private\"}]}", TOPOLOGY_JSON_REPLACE,
		"t.json:1:154: pools[0].edgeExternal: ", "unknown value 'private' (public or nat)");
	refused(st, HEAD ", \"sites\": [{\"name\": \"A\"}], \"pools\": [{\"fqdn\": \"p.example.com\","
		" \"site\": \"A\", \"role\": \"director\", \"edgeExternal\": \"nat\"}]}", TOPOLOGY_JSON_REPLACE,
		"t.json:1:158: pools[0].edgeExternal: ", "only pools of role edge have this");
	refused(st, HEAD ", \"loadBalancers\": [{\"name\": \"l\", \"vip\": \"10.0.0.300\", \"pools\": []}]}",
		TOPOLOGY_JSON_REPLACE, "t.json:1:86: loadBalancers[0].vip: ", "not an IPv4 or IPv6 address");
	refused(st, HEAD ", \"features\": [\"e911\", \"warp\"]}", TOPOLOGY_JSON_REPLACE,
		"t.json:1:68: features[1]: ", "no feature named 'warp'");
	store_close(st);
}

static void test_duplicates(void **state)
{
	struct store *st = demo_store();

	(void)state;
	refused(st, HEAD ", \"sites\": [{\"name\": \"A\"}, {\"name\": \"B\"}, {\"name\": \"A\"}]}",
		TOPOLOGY_JSON_REPLACE, "t.json:1:96: sites[2].name: ", "'A' is given twice (also sites[0])");
	refused(st, HEAD ", \"sites\": [{\"name\": \"A\"}], \"pools\": ["
		"{\"fqdn\": \"p.example.com\", \"site\": \"A\", \"role\": \"director\"},"
		"{\"fqdn\": \"P.Example.com\", \"site\": \"A\", \"role\": \"director\"}]}",
		TOPOLOGY_JSON_REPLACE, "t.json:1:151: pools[1].fqdn: ", "given twice");
	refused(st, HEAD ", \"sites\": [{\"name\": \"A\"}], \"pools\": ["
		"{\"fqdn\": \"p.example.com\", \"site\": \"A\", \"role\": \"director\"}],"
		" \"loadBalancers\": [{\"name\": \"l\", \"vip\": \"10.0.0.1\","
		" \"pools\": [\"p.example.com\", \"p.example.com\"]}]}",
		TOPOLOGY_JSON_REPLACE, "t.json:1:222: loadBalancers[0].pools[1]: ", "listed twice");
	refused(st, HEAD ", \"sites\": [{\"name\": \"A\"}], \"pools\": ["
		"{\"fqdn\": \"p.example.com\", \"site\": \"A\", \"role\": \"front-end\", \"cms\": true},"
		"{\"fqdn\": \"q.example.com\", \"site\": \"A\", \"role\": \"front-end\", \"cms\": true}]}",
		TOPOLOGY_JSON_REPLACE, "t.json:1:223: pools[1].cms: ", "on one pool only");
	store_close(st);
}

static void test_dangling_reference(void **state)
{
	struct store *st = demo_store();

	(void)state;
	refused(st, HEAD ", \"sites\": [{\"name\": \"A\"}], \"pools\": [{\"fqdn\": \"p.example.com\","
		" \"site\": \"B\", \"role\": \"director\"}]}", TOPOLOGY_JSON_REPLACE,
		"t.json:1:117: pools[0].site: ", "no site named 'B' in the file");
	/* With --replace the topology's own pools are gone: a reference to
	 * one of them dangles. */
	refused(st, HEAD ", \"servers\": [{\"fqdn\": \"s.example.com\", \"pool\": \"fepool.contoso.com\"}]}",
		TOPOLOGY_JSON_REPLACE, "t.json:1:93: servers[0].pool: ", "no pool named 'fepool.contoso.com'");
	refused(st, HEAD ", \"loadBalancers\": [{\"name\": \"l\", \"vip\": \"10.0.0.1\", \"pools\": [\"nope.example.com\"]}]}",
		TOPOLOGY_JSON_REPLACE, "t.json:1:108: loadBalancers[0].pools[0]: ", "no pool named");
	store_close(st);
}

static void test_pool_full(void **state)
{
	struct store *st = demo_store();

	(void)state;
	/* Refused by the model while writing: the earlier writes are undone. */
	refused(st, HEAD ", \"sites\": [{\"name\": \"A\"}], \"pools\": [{\"fqdn\": \"se.example.com\","
		" \"site\": \"A\", \"role\": \"front-end\", \"edition\": \"standard\"}],"
		" \"servers\": [{\"fqdn\": \"a.example.com\", \"pool\": \"se.example.com\"},"
		" {\"fqdn\": \"b.example.com\", \"pool\": \"se.example.com\"}]}", TOPOLOGY_JSON_REPLACE,
		"t.json:1:234: servers[1]: ", "at most 1 server");
	store_close(st);
}

static void test_bom_and_file(void **state)
{
	struct store *st = tu_memory_store();
	char *dir = tu_tmpdir(), *path = tu_path(dir, "t.json"), *missing = tu_path(dir, "none.json");
	static const char doc[] = "\xEF\xBB\xBF" HEAD ", \"sites\": [{\"name\": \"A\"}]}";
	struct lp_error err;

	(void)state;
	tu_write_file(path, doc, strlen(doc));
	if (topology_json_import(st, path, TOPOLOGY_JSON_NEW, &err) != LP_OK)
		fail_msg("import: %s", err.msg);
	assert_int_equal(tu_query_int(st, "SELECT count(*) FROM site WHERE name = 'A'"), 1);
	assert_int_equal(topology_json_import(st, missing, TOPOLOGY_JSON_MERGE, &err), LP_EINPUT);
	assert_non_null(strstr(err.msg, "none.json: cannot open"));
	tu_rmtree(dir);
	free(missing);
	free(path);
	free(dir);
	store_close(st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_export_demo),
		cmocka_unit_test(test_export_empty),
		cmocka_unit_test(test_export_escapes),
		cmocka_unit_test(test_export_not_utf8),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_merge),
		cmocka_unit_test(test_new_needs_empty),
		cmocka_unit_test(test_syntax),
		cmocka_unit_test(test_format_and_version),
		cmocka_unit_test(test_unknown_field),
		cmocka_unit_test(test_bad_values),
		cmocka_unit_test(test_duplicates),
		cmocka_unit_test(test_dangling_reference),
		cmocka_unit_test(test_pool_full),
		cmocka_unit_test(test_bom_and_file),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
