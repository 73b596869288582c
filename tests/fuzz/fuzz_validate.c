/* fuzz_validate.c - libFuzzer target for the validators every face shares:
 * FQDNs, addresses (and their one spelling), names, descriptions and the
 * enumerations, and the two ways values are quoted back to a terminal.
 * Beyond not crashing, each verdict is checked against its rule. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "export/export.h"
#include "topology.h"
#include "validate.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* True when s holds a byte a terminal would act on (C0 or DEL). */
static int fuzz_has_control(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 1;
	return 0;
}

/* A refusal is one line the terminal shows as text; an acceptance says
 * nothing. */
static void fuzz_check_verdict(enum lp_status s, const struct lp_error *err)
{
	if (s != LP_OK && s != LP_EINPUT)
		abort();
	if (s == LP_EINPUT && (!err->msg[0] || fuzz_has_control(err->msg)))
		abort();
}

/* What topology_check_fqdn promises when it accepts s (RFC 1123 names). */
static void fuzz_check_fqdn(const char *s)
{
	size_t len = strlen(s), label = 0, labels = 0, i;
	int digits = 1;

	if (len == 0 || len > 253 || s[0] == '.' || s[len - 1] == '.')
		abort();
	for (i = 0; i <= len; i++) {
		char c = s[i];

		if (c == '.' || c == '\0') {
			if (label == 0 || label > 63 || s[i - 1] == '-' || s[i - label] == '-')
				abort();
			labels++;
			if (c == '.')
				digits = 1;
			label = 0;
			continue;
		}
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '-'))
			abort();
		digits = digits && c >= '0' && c <= '9';
		label++;
	}
	if (labels < 2 || digits)
		abort();
}

static void fuzz_check_enums(const char *s)
{
	enum topo_role r;
	enum topo_edition e;
	enum topo_lb m;
	enum topo_edge_external x;

	if (topology_edge_external_parse(s, &x) &&
	    strcasecmp(topology_edge_external_name(x), s) != 0)
		abort();
	if (topology_role_parse(s, &r) && strcasecmp(topology_role_name(r), s) != 0)
		abort();
	if (topology_edition_parse(s, &e) && strcasecmp(topology_edition_name(e), s) != 0)
		abort();
	if (topology_lb_parse(s, &m) && strcasecmp(topology_lb_name(m), s) != 0)
		abort();
}

/* An accepted address has one spelling, which is its own spelling. */
static void fuzz_check_address(const char *s)
{
	struct lp_error err = { LP_OK, "" };
	char out[TOPO_ADDRESS_MAX], again[TOPO_ADDRESS_MAX];
	enum lp_status st = topology_address_canonical("address", s, out, &err);

	fuzz_check_verdict(st, &err);
	if (st != LP_OK)
		return;
	if (strlen(out) >= sizeof out ||
	    topology_address_canonical("address", out, again, &err) != LP_OK ||
	    strcmp(out, again) != 0)
		abort();
}

static void fuzz_check_quoting(const char *s)
{
	char q[VALIDATE_QUOTE_SIZE];
	char *shown;

	validate_quote(q, sizeof q, s);
	if (strlen(q) >= sizeof q || fuzz_has_control(q))
		abort();
	if (!(shown = export_escape_terminal(s)))
		return;
	if (fuzz_has_control(shown))
		abort();
	free(shown);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct lp_error err = { LP_OK, "" };
	char *s = malloc(size + 1);
	enum lp_status st;

	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';

	st = topology_check_fqdn("FQDN", s, &err);
	fuzz_check_verdict(st, &err);
	if (st == LP_OK)
		fuzz_check_fqdn(s);
	st = topology_check_name("name", s, &err);
	fuzz_check_verdict(st, &err);
	if (st == LP_OK && (strlen(s) > TOPO_NAME_MAX || fuzz_has_control(s) || s[0] == ' '))
		abort();
	st = topology_check_text("text", s, TOPO_TEXT_MAX, &err);
	fuzz_check_verdict(st, &err);
	if (st == LP_OK && (strlen(s) > TOPO_TEXT_MAX || fuzz_has_control(s)))
		abort();
	fuzz_check_verdict(topology_check_address("address", s, &err), &err);
	fuzz_check_address(s);
	fuzz_check_enums(s);
	fuzz_check_quoting(s);
	free(s);
	return 0;
}
