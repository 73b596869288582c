/* topology_view.h - the Topology view's tree, shared by its three files:
 * view_topology.c (the view), topology_read.c (building the tree from the
 * model) and topology_edit.c (forms and questions for changes). */
#ifndef LP_TUI_TOPOLOGY_VIEW_H
#define LP_TUI_TOPOLOGY_VIEW_H

#include "tui/form.h"
#include "tui/view.h"


/* One line of the tree. Strings live in the view's string pool. */
struct topo_node {
	enum sel_kind kind;
	int depth;              /* 0 site, 1 pool, 2 server or load balancer;
				   0 the Network section, 1 its rows */
	bool last;              /* the last child of its parent */
	bool parent_last;       /* its parent is the last child of its own */
	bool folded;
	int children;
	const char *name, *site, *pool;  /* as stored, for the core */
	const char *description, *address, *vip, *lb_pools; /* as stored, for forms */
	const char *external, *public; /* servers: external and NAT public
					  addresses, as stored ("A[,B,C]") */
	const char *peer_kind;  /* peers, as stored; address: the peer's addresses
				   or the zone's prefixes */
	const char *label, *details, *pool_label, *lb_pools_label; /* terminal-safe */
	enum topo_role role;    /* pools */
	enum topo_edition edition;
	enum topo_edge_external edge_external;
	enum topo_lb lb;
	const char *back_end, *mirror, *witness; /* pools, as stored ("" none) */
	enum topo_lb_side side; /* load balancers */
	enum topo_edge_service service;
	enum topo_zone zone;    /* zones */
	bool mediation, cms;    /* pools */
	int server_count;       /* pools: servers; sites: pools */
	int lb_count;           /* pools: load balancers serving it */
};

/* A choice list for a form, read from the file: "none", then names as
 * stored (in the view's string pool). */
struct topo_choices {
	const char **items; /* NULL-terminated */
	size_t n, cap;
};

/* An item named by kind, remembered across reloads. */
struct fold_key {
	enum sel_kind kind;
	char name[256];
};

struct topo_data {
	struct strpool strings;
	struct topo_node *nodes; /* every node, in tree order */
	size_t nnodes, cap;
	long *visible;           /* indices of nodes not under a folded one */
	long nvisible;
	struct fold_key *folds;  /* folded nodes */
	size_t nfolds;
	struct fold_key want;    /* where the cursor goes on the next load */
	bool top;                /* the cursor goes to the first row on the next load */
	struct fold_key pending; /* the item a question is about */
	int name_width;          /* columns of the widest tree line */
	int sites, pools, servers, lbs;
	const char *title;       /* the topology's name, as stored ("" for none) */
	const char *title_label; /* the same, terminal-safe */
	char kinds[512];         /* the kinds a peer can be, ", " between them */
	const char *kind_choices[32]; /* the same as a choice list */
	enum topo_role add_role; /* the role of the pool being added */
	struct topo_choices back_ends; /* the back-end pools */
	struct topo_choices witnesses; /* the servers of back-end pools */
};

/* Fills d (already cleared) from the model, in tree order: the sites,
 * then the Network section. */
enum lp_status topo_read(struct store *st, struct topo_data *d, struct lp_error *err);
/* Appends a node to the tree (NULL without memory). */
struct topo_node *topo_push(struct topo_data *d, enum sel_kind kind, int depth);

/* The node on visible row `row`, or NULL. */
struct topo_node *topo_node_at(struct view *v, long row);

/* Requests that change the topology; each fills act. */
void topo_edit_add(struct view *v, struct action *act);
void topo_edit_change(struct view *v, struct action *act);
void topo_edit_delete(struct view *v, struct action *act);
void topo_edit_demo(struct view *v, struct action *act);

#endif
