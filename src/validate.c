/* validate.c - the topology model's vocabulary and its validators: role,
 * edition and load-balancing names, and the rules for FQDNs, addresses,
 * names and descriptions that every face shares. */
#include "config.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "topology.h"
#include "validate.h"

#define FQDN_MAX 253  /* RFC 1035 2.3.4, as text without the trailing dot */
#define LABEL_MAX 63
#define LDH_ONLY "letters, digits, hyphens and dots only"

static const char *const role_names[ROLE_COUNT] = {
	"front-end", "director", "mediation", "persistent-chat", "office-web-apps",
	"edge", "reverse-proxy", "back-end"
};
static const char *const role_titles[ROLE_COUNT] = {
	"Front End", "Director", "Mediation", "Persistent Chat", "Office Web Apps",
	"Edge", "Reverse proxy", "Back End"
};
static const char *const edition_names[] = { "", "standard", "enterprise" };
static const char *const lb_names[] = { "none", "dns", "hardware" };
static const char *const edge_external_names[] = { "", "public", "nat" };
static const char *const lb_side_names[] = { "internal", "external" };
static const char *const edge_service_names[] = { "", "access", "webconf", "av" };

#define COUNT(a) (sizeof (a) / sizeof (a)[0])

const char *topology_role_name(enum topo_role r)
{
	return (unsigned)r < COUNT(role_names) ? role_names[r] : "";
}

const char *topology_role_title(enum topo_role r)
{
	return (unsigned)r < COUNT(role_titles) ? role_titles[r] : "";
}

const char *topology_edition_name(enum topo_edition e)
{
	return (unsigned)e < COUNT(edition_names) ? edition_names[e] : "";
}

const char *topology_lb_name(enum topo_lb m)
{
	return (unsigned)m < COUNT(lb_names) ? lb_names[m] : "";
}

const char *topology_edge_external_name(enum topo_edge_external e)
{
	return (unsigned)e < COUNT(edge_external_names) ? edge_external_names[e] : "";
}

const char *topology_lb_side_name(enum topo_lb_side side)
{
	return (unsigned)side < COUNT(lb_side_names) ? lb_side_names[side] : "";
}

const char *topology_edge_service_name(enum topo_edge_service e)
{
	return (unsigned)e < COUNT(edge_service_names) ? edge_service_names[e] : "";
}

/* Index of s in names[first..n), compared without case, or -1. */
static int lookup(const char *const *names, size_t first, size_t n, const char *s)
{
	size_t i;

	for (i = first; s && i < n; i++)
		if (strcasecmp(names[i], s) == 0)
			return (int)i;
	return -1;
}

bool topology_role_parse(const char *s, enum topo_role *out)
{
	int i = lookup(role_names, 0, COUNT(role_names), s);

	if (i >= 0)
		*out = (enum topo_role)i;
	return i >= 0;
}

bool topology_edition_parse(const char *s, enum topo_edition *out)
{
	/* "" (EDITION_NONE) is how non-front-end pools store it, not a choice. */
	int i = lookup(edition_names, 1, COUNT(edition_names), s);

	if (i >= 0)
		*out = (enum topo_edition)i;
	return i >= 0;
}

bool topology_lb_parse(const char *s, enum topo_lb *out)
{
	int i = lookup(lb_names, 0, COUNT(lb_names), s);

	if (i >= 0)
		*out = (enum topo_lb)i;
	return i >= 0;
}

bool topology_edge_external_parse(const char *s, enum topo_edge_external *out)
{
	/* "" (EDGE_EXTERNAL_NONE) is how other roles store it, not a choice. */
	int i = lookup(edge_external_names, 1, COUNT(edge_external_names), s);

	if (i >= 0)
		*out = (enum topo_edge_external)i;
	return i >= 0;
}

bool topology_lb_side_parse(const char *s, enum topo_lb_side *out)
{
	int i = lookup(lb_side_names, 0, COUNT(lb_side_names), s);

	if (i >= 0)
		*out = (enum topo_lb_side)i;
	return i >= 0;
}

bool topology_edge_service_parse(const char *s, enum topo_edge_service *out)
{
	/* "": the VIP carries no one service. */
	int i = lookup(edge_service_names, 0, COUNT(edge_service_names), s);

	if (i >= 0)
		*out = (enum topo_edge_service)i;
	return i >= 0;
}

char *validate_quote(char *buf, size_t size, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	char one[LP_ESCAPED_MAX];
	size_t used = 0;

	buf[0] = '\0';
	while (*p && used + 12 < size) {
		if ((size_t)(p - (const unsigned char *)s) >= VALIDATE_QUOTE_MAX) {
			snprintf(buf + used, size - used, "...");
			break;
		}
		p += lp_escape_char(p, one);
		used += (size_t)snprintf(buf + used, size - used, "%s", one);
	}
	return buf;
}

/* Checks that s is valid UTF-8 free of the characters lp_char_unsafe
 * names; on failure fills err for field. */
static enum lp_status check_printable(const char *field, const char *s,
				      struct lp_error *err)
{
	const unsigned char *p = (const unsigned char *)s;
	char q[VALIDATE_QUOTE_SIZE];
	const char *what;
	uint32_t cp;
	size_t n;

	for (; *p; p += n) {
		if ((n = lp_utf8_decode(p, &cp)) == 0)
			return lp_fail(err, LP_EINPUT, "%s '%s': not valid UTF-8",
				       field, validate_quote(q, sizeof q, s));
		if ((what = lp_char_unsafe(cp)) != NULL)
			return lp_fail(err, LP_EINPUT, "%s '%s': %s U+%04X is not allowed",
				       field, validate_quote(q, sizeof q, s), what, (unsigned)cp);
	}
	return LP_OK;
}

enum lp_status topology_check_name(const char *field, const char *s,
				   struct lp_error *err)
{
	char q[VALIDATE_QUOTE_SIZE];
	size_t len = s ? strlen(s) : 0;
	enum lp_status st;

	if (len == 0)
		return lp_fail(err, LP_EINPUT, "%s: must not be empty", field);
	if (len > TOPO_NAME_MAX)
		return lp_fail(err, LP_EINPUT, "%s: longer than %d bytes (%zu)",
			       field, TOPO_NAME_MAX, len);
	if ((st = check_printable(field, s, err)) != LP_OK)
		return st;
	if (s[0] == ' ' || s[len - 1] == ' ')
		return lp_fail(err, LP_EINPUT, "%s '%s': leading or trailing space",
			       field, validate_quote(q, sizeof q, s));
	return LP_OK;
}

enum lp_status topology_check_text(const char *field, const char *s, size_t max,
				   struct lp_error *err)
{
	size_t len = s ? strlen(s) : 0;

	if (len > max)
		return lp_fail(err, LP_EINPUT, "%s: longer than %zu bytes (%zu)",
			       field, max, len);
	return len ? check_printable(field, s, err) : LP_OK;
}

/* Why address a (4 bytes for IPv4, else 16) names no single host, or
 * NULL when it does; mapped (room for an IPv4 address as text) receives
 * the host's IPv4 address that an IPv4-mapped or -compatible address
 * stands for. */
static const char *address_not_host(const unsigned char *a, bool ipv4, char *mapped)
{
	static const unsigned char zero[12], v4mapped[12] = { [10] = 0xff, [11] = 0xff };

	if (ipv4) {
		if (memcmp(a, zero, 4) == 0)
			return "the unspecified address";
		if (memcmp(a, "\xff\xff\xff\xff", 4) == 0)
			return "the broadcast address";
		if (a[0] == 127)
			return "a loopback address";
		if ((a[0] & 0xf0) == 224)
			return "a multicast address";
		return NULL;
	}
	if (a[0] == 0xff)
		return "a multicast address";
	if (memcmp(a, zero, 12) != 0 && memcmp(a, v4mapped, 12) != 0)
		return NULL;
	if (memcmp(a, zero, 12) == 0 && memcmp(a + 12, zero, 3) == 0 && a[15] <= 1)
		return a[15] ? "the loopback address" : "the unspecified address";
	if (!address_not_host(a + 12, true, mapped))
		inet_ntop(AF_INET, a + 12, mapped, INET_ADDRSTRLEN);
	return a[10] ? "an IPv4-mapped IPv6 address" : "an IPv4-compatible IPv6 address";
}

/* Whether s is an address and a prefix length: "192.0.2.0/24". */
static bool is_prefix(const char *s)
{
	unsigned char addr[sizeof(struct in6_addr)];
	char host[INET6_ADDRSTRLEN];
	const char *slash = strchr(s, '/');
	size_t n = slash ? (size_t)(slash - s) : sizeof host;
	size_t digits = slash ? strspn(slash + 1, "0123456789") : 0;

	if (n >= sizeof host || digits == 0 || digits > 3 || slash[1 + digits])
		return false;
	memcpy(host, s, n);
	host[n] = '\0';
	return inet_pton(AF_INET, host, addr) == 1 || inet_pton(AF_INET6, host, addr) == 1;
}

enum lp_status topology_check_address(const char *field, const char *s,
				      struct lp_error *err)
{
	unsigned char addr[sizeof(struct in6_addr)];
	char q[VALIDATE_QUOTE_SIZE], mapped[INET_ADDRSTRLEN] = "";
	const char *fault;
	bool ipv4;

	if (!s || !*s)
		return lp_fail(err, LP_EINPUT, "%s: must not be empty", field);
	ipv4 = inet_pton(AF_INET, s, addr) == 1;
	if (!ipv4 && inet_pton(AF_INET6, s, addr) != 1)
		return lp_fail(err, LP_EINPUT, "%s: '%s' is %s", field, validate_quote(q, sizeof q, s),
			       is_prefix(s) ? "a prefix, not one address"
			       : "not an IPv4 or IPv6 address");
	if ((fault = address_not_host(addr, ipv4, mapped)) == NULL)
		return LP_OK;
	return lp_fail(err, LP_EINPUT, "%s: '%s' is %s, not a host%s%s%s", field,
		       validate_quote(q, sizeof q, s), fault, mapped[0] ? " (give " : "",
		       mapped, mapped[0] ? ")" : "");
}

enum lp_status topology_address_canonical(const char *field, const char *s, char *out,
					  struct lp_error *err)
{
	unsigned char addr[sizeof(struct in6_addr)];
	enum lp_status st = topology_check_address(field, s, err);
	int family = strchr(s ? s : "", ':') ? AF_INET6 : AF_INET;

	if (st != LP_OK)
		return st;
	if (inet_pton(family, s, addr) != 1 || !inet_ntop(family, addr, out, TOPO_ADDRESS_MAX))
		return lp_fail(err, LP_EINPUT, "%s: cannot write the address", field);
	return LP_OK;
}

static bool is_ldh(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '-';
}

/* The address part of s (up to a '/') into addr, its family and the
 * prefix length after the '/' (the full length without one); false when
 * either part does not parse. */
static bool parse_prefix(const char *s, unsigned char *addr, int *family, int *len)
{
	char host[TOPO_PREFIX_MAX];
	const char *slash = strchr(s, '/');
	size_t n = slash ? (size_t)(slash - s) : strlen(s);
	char *end;
	long l;

	if (n == 0 || n >= sizeof host)
		return false;
	memcpy(host, s, n);
	host[n] = '\0';
	*family = strchr(host, ':') ? 6 : 4;
	if (inet_pton(*family == 6 ? AF_INET6 : AF_INET, host, addr) != 1)
		return false;
	*len = *family == 6 ? 128 : 32;
	if (!slash)
		return true;
	if (slash[1] < '0' || slash[1] > '9')
		return false;
	l = strtol(slash + 1, &end, 10);
	if (*end || l > *len || (slash[1] == '0' && slash[2]))
		return false;
	*len = (int)l;
	return true;
}

enum lp_status topology_prefix_canonical(const char *field, const char *s, char *out,
					 int *family, struct lp_error *err)
{
	unsigned char addr[sizeof(struct in6_addr)];
	char q[VALIDATE_QUOTE_SIZE], text[TOPO_ADDRESS_MAX];
	int len, full, i;
	bool host_bits = false;

	if (!s || !*s)
		return lp_fail(err, LP_EINPUT, "%s: an address or prefix must not be empty", field);
	if (!parse_prefix(s, addr, family, &len))
		return lp_fail(err, LP_EINPUT,
			       "%s: '%s' is not an IPv4 or IPv6 address or prefix (ADDRESS/LENGTH)",
			       field, validate_quote(q, sizeof q, s));
	full = *family == 6 ? 128 : 32;
	for (i = len; i < full; i++)
		if (addr[i / 8] & (0x80 >> (i % 8))) {
			host_bits = true;
			addr[i / 8] &= (unsigned char)~(0x80 >> (i % 8));
		}
	inet_ntop(*family == 6 ? AF_INET6 : AF_INET, addr, text, sizeof text);
	if (host_bits)
		return lp_fail(err, LP_EINPUT,
			       "%s: '%s' has host bits set (the prefix is %s/%d)",
			       field, validate_quote(q, sizeof q, s), text, len);
	if (len == full)
		snprintf(out, TOPO_PREFIX_MAX, "%s", text);
	else
		snprintf(out, TOPO_PREFIX_MAX, "%s/%d", text, len);
	return LP_OK;
}

enum lp_status topology_check_identifier(const char *field, const char *s,
					 struct lp_error *err)
{
	char q[VALIDATE_QUOTE_SIZE];
	size_t len = s ? strlen(s) : 0, i;

	if (len == 0)
		return lp_fail(err, LP_EINPUT, "%s: must not be empty", field);
	if (len > TOPO_NAME_MAX)
		return lp_fail(err, LP_EINPUT, "%s: longer than %d bytes (%zu)",
			       field, TOPO_NAME_MAX, len);
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (!is_ldh(c) && c != '_' && c != '.')
			return lp_fail(err, LP_EINPUT,
				       "%s '%s': letters, digits, '-', '_' and '.' only",
				       field, validate_quote(q, sizeof q, s));
	}
	if (!isalnum((unsigned char)s[0]))
		return lp_fail(err, LP_EINPUT, "%s '%s': must start with a letter or a digit",
			       field, validate_quote(q, sizeof q, s));
	return LP_OK;
}

/* The rule the label at s (len bytes) breaks, or NULL. */
static const char *label_fault(const char *s, size_t len, char *why, size_t size)
{
	if (len == 0)
		return "empty label";
	if (len > LABEL_MAX) {
		snprintf(why, size, "label '%.*s...' is longer than %d characters",
			 16, s, LABEL_MAX);
		return why;
	}
	if (s[0] == '-' || s[len - 1] == '-') {
		snprintf(why, size, "label '%.*s' starts or ends with a hyphen", (int)len, s);
		return why;
	}
	return NULL;
}

/* The rule FQDN s breaks (RFC 1123 2.1 host names; RFC 3696 2: the
 * top-level label is not all digits), or NULL when it is sound. */
static const char *fqdn_fault(const char *s, char *why, size_t size)
{
	size_t len = strlen(s), start = 0, i, labels = 0;
	bool digits = true;
	const char *fault;

	if (len > FQDN_MAX) {
		snprintf(why, size, "longer than %d characters (%zu)", FQDN_MAX, len);
		return why;
	}
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '.' || is_ldh(c))
			continue;
		if (c > 0x20 && c < 0x7f)
			snprintf(why, size, "'%c' is not allowed (%s)", c, LDH_ONLY);
		else
			snprintf(why, size, "byte \\x%02X is not allowed (%s)", c, LDH_ONLY);
		return why;
	}
	if (s[len - 1] == '.')
		return "trailing dot (write the name without it)";
	for (i = 0; i <= len; i++) {
		if (i < len && s[i] != '.') {
			digits = digits && s[i] >= '0' && s[i] <= '9';
			continue;
		}
		if ((fault = label_fault(s + start, i - start, why, size)) != NULL)
			return fault;
		labels++;
		if (i < len)
			digits = true;
		start = i + 1;
	}
	if (labels < 2)
		return "not fully qualified (a host name and its domain, e.g. NAME.contoso.com)";
	if (digits)
		return "the last label is all digits (an address is not an FQDN)";
	return NULL;
}

enum lp_status topology_check_fqdn(const char *field, const char *s,
				   struct lp_error *err)
{
	char q[VALIDATE_QUOTE_SIZE], why[160];
	const char *fault;

	if (!s || !*s)
		return lp_fail(err, LP_EINPUT, "%s: must not be empty", field);
	if ((fault = fqdn_fault(s, why, sizeof why)) != NULL)
		return lp_fail(err, LP_EINPUT, "%s '%s': %s", field,
			       validate_quote(q, sizeof q, s), fault);
	return LP_OK;
}
