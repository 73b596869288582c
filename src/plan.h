/* plan.h - what the topology needs, derived from the catalog with no hand
 * work: the port matrix per server, the ports each pool's hardware load
 * balancer carries under DNS or hardware load balancing and how the two
 * modes differ, the ports clients need, who talks to whom (flows), and
 * checks with fix hints. Rows are streamed to a callback in a stable
 * order; each carries the catalog rows it came from (`source`). The same
 * logic is kept in the database as the views port_matrix, lb_ports,
 * lb_compare, client_ports and flows. */
#ifndef LP_PLAN_H
#define LP_PLAN_H

#include <stdbool.h>

#include "lp.h"
#include "store.h"

/* Narrows a derivation; NULL fields match everything. */
struct plan_filter {
	const char *site;
	const char *pool;
	const char *server;
	const char *role;
};

/* Checks that the site, pool and server named in filter exist and that
 * its role is one the catalog knows (a server role, 'client' or 'device');
 * otherwise returns LP_EINPUT with *field set to "site", "pool", "server"
 * or "role" and err saying what is unknown. */
enum lp_status plan_filter_check(struct store *st, const struct plan_filter *filter,
				 const char **field, struct lp_error *err);

/* One merged row of the port matrix: identical (server, interface, ports,
 * transport) rows of the catalog merge, keeping every service, note and
 * source. interface: the server's interface the port is on ("internal",
 * or an Edge Server's or reverse proxy's "external", "external-access",
 * "external-webconf", "external-av"); address: that interface's address,
 * "" when the topology has none. Strings live until the callback returns. */
struct plan_port_row {
	const char *site, *pool, *server, *address, *interface, *role;
	const char *service, *ports, *transport, *protocol, *notes, *source;
	int port_lo, port_hi;
};

/* Resumable position in the matrix order (site, pool, server, port_lo,
 * port_hi, transport, interface) for paging: copy the key of the last row
 * shown. */
struct plan_port_key {
	char site[256], pool[256], server[256];
	int port_lo, port_hi;
	char transport[8];
	char interface[24];
};

/* Calls cb for each row matching filter, in matrix order, starting after
 * *after when it is not NULL, at most limit rows when limit > 0. A non-zero
 * return from cb stops early. */
enum lp_status plan_port_matrix(struct store *st, const struct plan_filter *filter,
				const struct plan_port_key *after, int limit,
				int (*cb)(const struct plan_port_row *, void *), void *ud,
				struct lp_error *err);
/* Number of matrix rows matching filter. */
enum lp_status plan_port_count(struct store *st, const struct plan_filter *filter,
			       long *count, struct lp_error *err);
/* Copies the key of row into key. */
void plan_port_key_of(const struct plan_port_row *row, struct plan_port_key *key);

/* Ports a pool's hardware load balancer carries under the pool's mode
 * (pools with more than one server and load balancing dns or hardware).
 * side: the side of the virtual IPs that carry the row ("internal",
 * "external": an Edge pool's external VIPs); service: for the external
 * side of an Edge pool, the service whose VIP it is ("access", "webconf",
 * "av"), else ""; load_balancers, vips: the pool's load balancers of that
 * side carrying it (of that service, or of none). */
struct plan_lb_row {
	const char *site, *pool, *role, *mode, *side, *service, *load_balancers, *vips;
	const char *ports, *transport, *protocol, *notes, *source;
	int port_lo, port_hi;
};
enum lp_status plan_lb_ports(struct store *st, const char *pool,
			     int (*cb)(const struct plan_lb_row *, void *), void *ud,
			     struct lp_error *err);

/* DNS against hardware load balancing for a pool (any pool; NULL: all):
 * `in` is "both", "hardware" (only under hardware) or "dns" (only under DNS). */
struct plan_lb_compare_row {
	const char *site, *pool, *role, *current_mode;
	const char *ports, *transport, *protocol, *in, *source;
	int port_lo, port_hi;
};
enum lp_status plan_lb_compare(struct store *st, const char *pool,
			       int (*cb)(const struct plan_lb_compare_row *, void *), void *ud,
			       struct lp_error *err);

/* Client port needs: `direction` is "to-server" for ports clients open
 * toward a role's servers or load balancers, "client-side" for the ports of
 * the client table (clients and devices). role NULL: every role in use. */
struct plan_client_row {
	const char *role, *direction, *component, *ports, *transport, *protocol;
	const char *notes, *source;
	int port_lo, port_hi;
};
enum lp_status plan_client_ports(struct store *st, const char *role,
				 int (*cb)(const struct plan_client_row *, void *), void *ud,
				 struct lp_error *err);

/* Who talks to whom: `from` opens connections to `ports` on `to`. An end
 * is a pool (by FQDN), one of its interfaces or its load balancer ("FQDN
 * internal interface", "FQDN load balancer"), or a party outside the
 * topology ("external clients", "federated partners", "Internet" ...).
 * Built from the catalog rows whose words name both ends, where both ends
 * exist and the row applies; flows between the same ends on the same
 * ports merge. direction names the zones crossed ("internet to
 * perimeter", "perimeter to internal" ...); *_addresses list the end's
 * server addresses or load balancer VIPs, a party's peers' addresses or
 * the internal prefixes ("" when the model holds none); *_zone names the
 * zone a party without peers stands for ("internal", or "internet":
 * every address outside the internal and perimeter prefixes), "" for an
 * end with addresses of its own; condition is the catalog condition
 * (feature) that needs the flow. */
struct plan_flow_row {
	const char *from, *from_addresses, *to, *to_addresses, *direction;
	const char *ports, *transport, *protocol, *why, *condition, *source;
	int port_lo, port_hi;
	const char *from_zone, *to_zone;
};
/* from, to: NULL for any, else a pool FQDN (any of its ends), an end as
 * shown or a party, matched without case; pool: NULL, or a pool FQDN that
 * one end or the other must belong to. In flow order (direction, from,
 * to, ports, transport). */
enum lp_status plan_flows(struct store *st, const char *from, const char *to, const char *pool,
			  int (*cb)(const struct plan_flow_row *, void *), void *ud,
			  struct lp_error *err);
/* Checks that from and to (each may be NULL) name a pool, an end as shown
 * or a party; otherwise LP_EINPUT with *field "from" or "to" and err
 * saying what is unknown. */
enum lp_status plan_flow_filter_check(struct store *st, const char *from, const char *to,
				      const char **field, struct lp_error *err);

/* A finding of plan_check. kind/subject name the item it is about
 * ("site", "pool", "server", "lb", "feature", "topology"), for the
 * interface to jump to. Findings from the documented Edge rules name their
 * rule in db/edge-rules.txt ("[edge-rules: RULE]"). */
enum plan_severity { SEVERITY_ERROR, SEVERITY_WARNING, SEVERITY_INFO };
struct plan_finding {
	enum plan_severity severity;
	const char *code;     /* stable identifier, e.g. "dns-lb-without-hlb" */
	const char *kind;     /* what subject is */
	const char *subject;  /* FQDN or name; "" for the whole topology */
	const char *message;
	const char *hint;
};
const char *plan_severity_name(enum plan_severity s); /* "error" ... */
/* Calls cb for each finding, errors first; *errors counts error findings. */
enum lp_status plan_check(struct store *st,
			  int (*cb)(const struct plan_finding *, void *), void *ud,
			  int *errors, struct lp_error *err);

#endif
