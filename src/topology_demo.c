/* topology_demo.c - a small, realistic deployment to explore lyncplan
 * with: a headquarters with an Enterprise Front End pool, a Director pool,
 * Persistent Chat, an Edge pool behind NAT and a reverse proxy, and a
 * Standard Edition branch; the prefixes of its internal and perimeter
 * networks and its PSTN gateway. Example names are under contoso.com;
 * addresses come from the documentation ranges (RFC 5737: 192.0.2.0/24,
 * 198.51.100.0/24; RFC 3849: 2001:db8::/32). */
#include "config.h"

#include "topo_db.h"
#include "topology.h"

static const struct {
	const char *name, *description;
} demo_sites[] = {
	{ "Redmond", "Headquarters data center" },
	{ "Dublin", "Branch office" },
};

static const struct topo_pool_spec demo_pools[] = {
	{ .fqdn = "fepool.contoso.com", .site = "Redmond", .role = ROLE_FRONT_END,
	  .edition = EDITION_ENTERPRISE, .lb = LB_DNS, .collocated_mediation = true, .cms = true },
	{ .fqdn = "dirpool.contoso.com", .site = "Redmond", .role = ROLE_DIRECTOR,
	  .lb = LB_HARDWARE },
	{ .fqdn = "pchatpool.contoso.com", .site = "Redmond", .role = ROLE_PERSISTENT_CHAT },
	{ .fqdn = "edgepool.contoso.com", .site = "Redmond", .role = ROLE_EDGE, .lb = LB_DNS,
	  .edge_external = EDGE_EXTERNAL_NAT },
	{ .fqdn = "rp.contoso.com", .site = "Redmond", .role = ROLE_REVERSE_PROXY },
	{ .fqdn = "se01.dublin.contoso.com", .site = "Dublin", .role = ROLE_FRONT_END,
	  .edition = EDITION_STANDARD },
};

static const struct {
	const char *fqdn, *pool, *address;
} demo_servers[] = {
	{ "fe01.contoso.com", "fepool.contoso.com", "192.0.2.11" },
	{ "fe02.contoso.com", "fepool.contoso.com", "192.0.2.12" },
	{ "fe03.contoso.com", "fepool.contoso.com", "192.0.2.13" },
	{ "dir01.contoso.com", "dirpool.contoso.com", "192.0.2.21" },
	{ "dir02.contoso.com", "dirpool.contoso.com", "192.0.2.22" },
	{ "pchat01.contoso.com", "pchatpool.contoso.com", "2001:db8:0:1::31" },
	/* Edge Servers and the reverse proxy by their internal interfaces. */
	{ "edge01.contoso.com", "edgepool.contoso.com", "192.0.2.41" },
	{ "edge02.contoso.com", "edgepool.contoso.com", "192.0.2.42" },
	{ "rp01.contoso.com", "rp.contoso.com", "192.0.2.51" },
	{ "se01.dublin.contoso.com", "se01.dublin.contoso.com", "198.51.100.11" },
};

/* DNS load balancing still needs a hardware load balancer for the Front
 * End pool's web traffic; the Director pool is hardware balanced. */
static const struct {
	const char *name, *vip;
	const char *pool;
} demo_lbs[] = {
	{ "hlb-fe-web", "192.0.2.10", "fepool.contoso.com" },
	{ "hlb-dir", "192.0.2.20", "dirpool.contoso.com" },
};

/* The internal network holds the internal servers and the clients; the
 * perimeter network the Edge Servers' and reverse proxy's interfaces. */
static const struct {
	enum topo_zone zone;
	const char *prefixes;
} demo_zones[] = {
	{ ZONE_INTERNAL, "192.0.2.0/27, 198.51.100.0/24, 2001:db8:0:1::/64" },
	{ ZONE_PERIMETER, "192.0.2.32/27" },
};

/* The Mediation Server's PSTN gateway. */
static const struct {
	const char *name, *kind, *addresses;
} demo_peers[] = {
	{ "pstn-gw01", "pstn-gateway", "192.0.2.30" },
};

#define COUNT(a) (sizeof (a) / sizeof (a)[0])

static enum lp_status demo_rows(struct store *st, struct lp_error *err)
{
	enum lp_status s = LP_OK;
	size_t i;

	for (i = 0; s == LP_OK && i < COUNT(demo_sites); i++)
		s = topology_site_add(st, demo_sites[i].name, demo_sites[i].description, err);
	for (i = 0; s == LP_OK && i < COUNT(demo_pools); i++)
		s = topology_pool_add(st, &demo_pools[i], err);
	for (i = 0; s == LP_OK && i < COUNT(demo_servers); i++)
		s = topology_server_add(st, demo_servers[i].fqdn, demo_servers[i].pool,
					demo_servers[i].address, err);
	for (i = 0; s == LP_OK && i < COUNT(demo_lbs); i++)
		s = topology_lb_add(st, demo_lbs[i].name, demo_lbs[i].vip, &demo_lbs[i].pool, 1,
				    err);
	for (i = 0; s == LP_OK && i < COUNT(demo_zones); i++)
		s = topology_zone_set(st, demo_zones[i].zone, demo_zones[i].prefixes, err);
	for (i = 0; s == LP_OK && i < COUNT(demo_peers); i++)
		s = topology_peer_add(st, demo_peers[i].name, demo_peers[i].kind,
				      demo_peers[i].addresses, err);
	return s;
}

enum lp_status topology_load_demo(struct store *st, struct lp_error *err)
{
	bool nested;
	enum lp_status s = topo_db_begin(st, &nested, err);

	if (s != LP_OK)
		return s;
	return topo_db_end(st, nested, demo_rows(st, err), err);
}
