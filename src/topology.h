/* topology.h - the deployment the user describes: sites, pools of a server
 * role, servers, load balancers and optional features. Every write is
 * validated here, for every face, and runs in one transaction: a refused
 * input changes nothing and leaves a message naming the field and the rule
 * (status LP_EINPUT). Database faults give LP_EDB. Called while the caller
 * holds a transaction (store_begin, e.g. to load many rows at once), a
 * write joins it as a savepoint: a refusal undoes only that write. */
#ifndef LP_TOPOLOGY_H
#define LP_TOPOLOGY_H

#include <stdbool.h>
#include <stdint.h>

#include "lp.h"
#include "store.h"

#define TOPO_NAME_MAX 64      /* site and load balancer names, in bytes */
#define TOPO_TEXT_MAX 256     /* descriptions */
#define TOPO_FE_STANDARD_MAX 1
#define TOPO_FE_ENTERPRISE_MAX 12
/* Persistent Chat: four active servers and four on standby ("Plan
 * Persistent Chat Server topology", Microsoft's Skype for Business Server
 * 2015 docs). Other roles have no limit here. */
#define TOPO_PCHAT_MAX 8
/* "A single Edge pool will support up to twelve Edge Servers" (db/edge-rules.txt,
 * edge-pool-max-12; Topology Builder accepts twenty, unsupported). */
#define TOPO_EDGE_MAX 12
/* Room for an address as topology_address_canonical writes it. */
#define TOPO_ADDRESS_MAX 46
/* Room for an address or prefix as topology_prefix_canonical writes it. */
#define TOPO_PREFIX_MAX (TOPO_ADDRESS_MAX + 4)
/* Most addresses or prefixes in one list (a zone's, a peer's). */
#define TOPO_PREFIXES_MAX 64

/* Enumerations are stored and shown by their names (topology_*_name). */
enum topo_role {
	ROLE_FRONT_END,
	ROLE_DIRECTOR,
	ROLE_MEDIATION,
	ROLE_PERSISTENT_CHAT,
	ROLE_OFFICE_WEB_APPS,
	ROLE_EDGE,
	ROLE_REVERSE_PROXY,
	ROLE_BACK_END, /* the SQL Server store of Front End and Persistent Chat pools */
	ROLE_COUNT
};
enum topo_edition { EDITION_NONE, EDITION_STANDARD, EDITION_ENTERPRISE };
enum topo_lb { LB_NONE, LB_DNS, LB_HARDWARE };
/* How an Edge pool's external interface is addressed: publicly routable,
 * or private behind NAT. EDGE_EXTERNAL_NONE is what other roles have (and,
 * given for a new Edge pool, means public). */
enum topo_edge_external { EDGE_EXTERNAL_NONE, EDGE_EXTERNAL_PUBLIC, EDGE_EXTERNAL_NAT };
/* The side of its pools a load balancer's virtual IP serves: internal, or
 * external (an Edge pool's or a reverse proxy's Internet side, or a Front
 * End or Director pool's external web services). */
enum topo_lb_side { LB_SIDE_INTERNAL, LB_SIDE_EXTERNAL };
/* The Edge external service an external virtual IP carries; NONE: every
 * other VIP, and a single-IP Edge pool's one external VIP. */
enum topo_edge_service { EDGE_SERVICE_NONE, EDGE_SERVICE_ACCESS, EDGE_SERVICE_WEBCONF,
			 EDGE_SERVICE_AV };

/* Name <-> value. The *_parse functions return false for an unknown name. */
const char *topology_role_name(enum topo_role r);       /* "front-end" ... */
const char *topology_role_title(enum topo_role r);      /* "Front End" ... */
bool topology_role_parse(const char *s, enum topo_role *out);
const char *topology_edition_name(enum topo_edition e); /* "", "standard", "enterprise" */
bool topology_edition_parse(const char *s, enum topo_edition *out);
const char *topology_lb_name(enum topo_lb m);           /* "none", "dns", "hardware" */
bool topology_lb_parse(const char *s, enum topo_lb *out);
const char *topology_edge_external_name(enum topo_edge_external e); /* "", "public", "nat" */
bool topology_edge_external_parse(const char *s, enum topo_edge_external *out);
const char *topology_lb_side_name(enum topo_lb_side side);       /* "internal", "external" */
bool topology_lb_side_parse(const char *s, enum topo_lb_side *out);
const char *topology_edge_service_name(enum topo_edge_service e); /* "", "access", "webconf", "av" */
bool topology_edge_service_parse(const char *s, enum topo_edge_service *out); /* "" too */

/* Validators shared by every face (forms validate as the user types).
 * Each returns LP_OK, or LP_EINPUT with err naming `field` and the rule. */
enum lp_status topology_check_fqdn(const char *field, const char *s, struct lp_error *err);
/* An address is one host's IPv4 or IPv6 address: not a prefix, nor the
 * unspecified, broadcast, a loopback or a multicast address, nor an
 * IPv4-mapped or -compatible IPv6 address. */
enum lp_status topology_check_address(const char *field, const char *s, struct lp_error *err);
enum lp_status topology_check_name(const char *field, const char *s, struct lp_error *err);
enum lp_status topology_check_text(const char *field, const char *s, size_t max, struct lp_error *err);
/* Checks address s as topology_check_address does and writes its one
 * spelling (inet_ntop's: "2001:DB8:0::1" becomes "2001:db8::1") into out,
 * which holds TOPO_ADDRESS_MAX bytes: the model stores addresses so, and
 * compares them as text. */
enum lp_status topology_address_canonical(const char *field, const char *s, char *out,
					  struct lp_error *err);
/* Checks s, an address or a prefix ADDRESS/LENGTH (IPv4 or IPv6, host
 * bits zero), and writes its one spelling into out (TOPO_PREFIX_MAX
 * bytes): the address canonical, "/LENGTH" unless it covers one address;
 * *family receives 4 or 6. */
enum lp_status topology_prefix_canonical(const char *field, const char *s, char *out,
					 int *family, struct lp_error *err);
/* An identifier: letters, digits, '-', '_' and '.', starting with a letter
 * or digit, at most TOPO_NAME_MAX bytes. */
enum lp_status topology_check_identifier(const char *field, const char *s, struct lp_error *err);

/* Rows handed to iteration callbacks; strings live until the callback
 * returns. A callback returning non-zero stops the iteration (the
 * iterator then returns LP_OK). */
struct topo_site {
	int64_t id;
	const char *name;
	const char *description;
	int pools;
};
struct topo_pool {
	int64_t id;
	const char *fqdn;
	const char *site;
	enum topo_role role;
	enum topo_edition edition;
	enum topo_lb lb;
	bool collocated_mediation;
	bool cms;
	int servers;
	int load_balancers;
	enum topo_edge_external edge_external;
	const char *back_end; /* pool FQDNs, "" when none */
	const char *mirror;
	const char *witness;  /* a server FQDN, "" when none */
};
struct topo_server {
	int64_t id;
	const char *fqdn;
	const char *pool;
	const char *address; /* "" when none */
	const char *external; /* external addresses, comma-separated in order; "" when none */
	const char *public;   /* the public addresses NAT translates them to; "" when none */
};
struct topo_lb_row {
	int64_t id;
	const char *name;
	const char *vip;
	const char *pools; /* pool FQDNs, comma-separated, sorted */
	enum topo_lb_side side;
	enum topo_edge_service service;
};
struct topo_feature {
	const char *name;
	const char *summary;
	bool enabled;
};

/* Pool as given to topology_pool_add. */
struct topo_pool_spec {
	const char *fqdn;
	const char *site;
	enum topo_role role;
	enum topo_edition edition; /* EDITION_NONE: enterprise for front-end */
	enum topo_lb lb;
	bool collocated_mediation;
	bool cms;
	enum topo_edge_external edge_external; /* edge only; NONE: public */
	/* The Back End (a back-end pool; of an Enterprise Edition front-end
	 * pool or a persistent-chat pool only), its SQL mirror (another
	 * back-end pool, with a Back End only) and the mirroring witness (a
	 * server in neither, with a mirror only); NULL or "": none. */
	const char *back_end;
	const char *mirror;
	const char *witness;
};

/* Changes to an existing pool; a NULL pointer leaves the field as it is. */
struct topo_pool_change {
	const char *new_fqdn;
	const char *site;
	const enum topo_lb *lb;
	const bool *collocated_mediation;
	const bool *cms;
	const enum topo_edge_external *edge_external; /* edge only */
	/* As in topo_pool_spec; "" clears one: the Back End with the mirror
	 * and the witness, the mirror with the witness. */
	const char *back_end;
	const char *mirror;
	const char *witness;
};

enum lp_status topology_site_add(struct store *st, const char *name, const char *description, struct lp_error *err);
/* Renames and/or redescribes a site; NULL leaves a field as it is. */
enum lp_status topology_site_set(struct store *st, const char *name, const char *new_name, const char *description, struct lp_error *err);
/* Refuses (LP_EINPUT) when the site has pools, unless force. */
enum lp_status topology_site_rm(struct store *st, const char *name, bool force, struct lp_error *err);
enum lp_status topology_site_each(struct store *st, int (*cb)(const struct topo_site *, void *), void *ud, struct lp_error *err);

enum lp_status topology_pool_add(struct store *st, const struct topo_pool_spec *spec, struct lp_error *err);
enum lp_status topology_pool_set(struct store *st, const char *fqdn, const struct topo_pool_change *ch, struct lp_error *err);
/* Refuses (LP_EINPUT) when the pool has servers or load balancers, or is
 * the Back End or mirror of a pool, unless force (which unlinks it). */
enum lp_status topology_pool_rm(struct store *st, const char *fqdn, bool force, struct lp_error *err);
/* site may be NULL for every site; an unknown site is LP_EINPUT.
 * Ordered by site name, then FQDN. */
enum lp_status topology_pool_each(struct store *st, const char *site, int (*cb)(const struct topo_pool *, void *), void *ud, struct lp_error *err);
/* Every pool in no set order, with servers and load_balancers left 0:
 * for a reader that sorts itself and needs no counts. */
enum lp_status topology_pool_scan(struct store *st, int (*cb)(const struct topo_pool *, void *), void *ud, struct lp_error *err);

/* A server's fields as topology_server_add_with and _set_with take them;
 * NULL leaves a field as it is (for an add: none). external: "A[,B,C]",
 * the addresses of an Edge Server's external interface (one, or three in
 * the order Access, Web Conferencing, A/V; the same count on every server
 * of the pool) or a reverse proxy's (one); "" clears them and the public
 * ones. public: "A[,B,C]", the public addresses NAT translates them to,
 * one for each (an Edge pool with EDGE_EXTERNAL_NAT only); "" clears them.
 * The rules are checked on the server as the change leaves it, so that a
 * move to another pool is refused where its addresses break one. */
struct topo_server_change {
	const char *new_fqdn; /* set only */
	const char *pool;     /* required for an add */
	const char *address;  /* "" clears it */
	const char *external;
	const char *public;
};

enum lp_status topology_server_add_with(struct store *st, const char *fqdn, const struct topo_server_change *ch, struct lp_error *err);
enum lp_status topology_server_set_with(struct store *st, const char *fqdn, const struct topo_server_change *ch, struct lp_error *err);
/* The same, for the name, pool and address alone. */
enum lp_status topology_server_add(struct store *st, const char *fqdn, const char *pool, const char *address, struct lp_error *err);
/* new_fqdn, pool, address: NULL leaves a field as it is; address "" clears it. */
enum lp_status topology_server_set(struct store *st, const char *fqdn, const char *new_fqdn, const char *pool, const char *address, struct lp_error *err);
/* Refuses (LP_EINPUT) a server that is a pool's mirroring witness. */
enum lp_status topology_server_rm(struct store *st, const char *fqdn, struct lp_error *err);
/* pool may be NULL for every pool; an unknown pool is LP_EINPUT.
 * Ordered by pool FQDN, then FQDN. */
enum lp_status topology_server_each(struct store *st, const char *pool, int (*cb)(const struct topo_server *, void *), void *ud, struct lp_error *err);
/* Every server in no set order: for a reader that sorts them itself,
 * sparing the sort of the whole table that topology_server_each does. */
enum lp_status topology_server_scan(struct store *st, int (*cb)(const struct topo_server *, void *), void *ud, struct lp_error *err);

/* A load balancer's fields as topology_lb_add_with and _set_with take
 * them; NULL (pools: NULL) leaves a field as it is (for an add: vip and
 * pools are required, side is internal, service none). side external:
 * only when every pool served is an Edge, reverse proxy, Front End or
 * Director pool. service: only on the external side of Edge pools; an
 * Edge pool has one external VIP without a service (single IP) or VIPs
 * with services, never both, never two with one service. Setting side
 * internal clears the service. Checked on the load balancer as the change
 * leaves it. */
struct topo_lb_change {
	const char *new_name; /* set only */
	const char *vip;
	const char *const *pools;
	size_t npools;
	const enum topo_lb_side *side;
	const enum topo_edge_service *service;
};

enum lp_status topology_lb_add_with(struct store *st, const char *name, const struct topo_lb_change *ch, struct lp_error *err);
enum lp_status topology_lb_set_with(struct store *st, const char *name, const struct topo_lb_change *ch, struct lp_error *err);
/* The same, for the name, virtual IP and pools alone. */
enum lp_status topology_lb_add(struct store *st, const char *name, const char *vip, const char *const *pools, size_t npools, struct lp_error *err);
/* new_name, vip: NULL leaves as is; pools: NULL leaves the served pools as they are. */
enum lp_status topology_lb_set(struct store *st, const char *name, const char *new_name, const char *vip, const char *const *pools, size_t npools, struct lp_error *err);
enum lp_status topology_lb_rm(struct store *st, const char *name, struct lp_error *err);
enum lp_status topology_lb_each(struct store *st, int (*cb)(const struct topo_lb_row *, void *), void *ud, struct lp_error *err);

enum lp_status topology_feature_set(struct store *st, const char *name, bool on, struct lp_error *err);
enum lp_status topology_feature_each(struct store *st, int (*cb)(const struct topo_feature *, void *), void *ud, struct lp_error *err);

/* ---- the networks around the servers (src/topology_network.c) ---- */

/* The zones whose prefixes the user gives: the internal network and the
 * perimeter network (the Edge Servers' and reverse proxies' interfaces).
 * The Internet is every address outside both. */
enum topo_zone { ZONE_INTERNAL, ZONE_PERIMETER, ZONE_COUNT };
const char *topology_zone_name(enum topo_zone z);        /* "internal", "perimeter" */
bool topology_zone_parse(const char *s, enum topo_zone *out);

struct topo_zone_row {
	enum topo_zone zone;
	const char *prefixes; /* canonical, ", " between them; "" when not set */
};
struct topo_peer {
	int64_t id;
	const char *name;
	const char *kind;      /* a party of the flows: "pstn-gateway" ... */
	const char *addresses; /* canonical, ", " between them */
};

/* Replaces the zone's prefixes with those of list ("P[,P]...", canonical
 * or not; "" clears them). */
enum lp_status topology_zone_set(struct store *st, enum topo_zone z, const char *list, struct lp_error *err);
/* Both zones, internal first, set or not. */
enum lp_status topology_zone_each(struct store *st, int (*cb)(const struct topo_zone_row *, void *), void *ud, struct lp_error *err);

/* kind: a party the flows name (topology_peer_kinds); list: addresses or
 * prefixes "A[,B]...". Names match without case. */
enum lp_status topology_peer_add(struct store *st, const char *name, const char *kind, const char *list, struct lp_error *err);
/* new_name, kind, list: NULL leaves a field as it is. */
enum lp_status topology_peer_set(struct store *st, const char *name, const char *new_name, const char *kind, const char *list, struct lp_error *err);
enum lp_status topology_peer_rm(struct store *st, const char *name, struct lp_error *err);
/* Ordered by kind, then name. */
enum lp_status topology_peer_each(struct store *st, int (*cb)(const struct topo_peer *, void *), void *ud, struct lp_error *err);
/* The kinds a peer can be, ", " between them, into buf (size bytes). */
enum lp_status topology_peer_kinds(struct store *st, char *buf, size_t size, struct lp_error *err);

/* The topology's name ("" clears it): the exports' title. */
enum lp_status topology_name_set(struct store *st, const char *name, struct lp_error *err);
/* The name into a new string the caller frees ("" when not set). */
enum lp_status topology_name_get(struct store *st, char **out, struct lp_error *err);

/* Loads the demo topology (two sites, an Enterprise Front End pool with DNS
 * load balancing and collocated Mediation holding the CMS, a Director pool,
 * a Persistent Chat pool, an Edge pool of two servers with DNS load
 * balancing behind NAT, a reverse proxy, a Standard Edition branch, the
 * internal and perimeter prefixes, a PSTN gateway) in one transaction. */
enum lp_status topology_load_demo(struct store *st, struct lp_error *err);

#endif
