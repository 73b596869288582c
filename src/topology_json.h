/* topology_json.h - the topology as a JSON document ("lyncplan-topology",
 * version 3, which adds the external and public addresses of servers, the
 * side and service of load balancers and the Back End of pools to version
 * 2, which added the name, zones and peers to version 1; all three are
 * read; help/topology-json.txt describes it) for version control and
 * for sharing: an export with stable key order and sorted arrays, and an
 * import that checks the whole file before writing it in one transaction. */
#ifndef LP_TOPOLOGY_JSON_H
#define LP_TOPOLOGY_JSON_H

#include <stddef.h>
#include <stdio.h>

#include "lp.h"
#include "store.h"

#define TOPOLOGY_JSON_FORMAT "lyncplan-topology"
#define TOPOLOGY_JSON_VERSION 3
#define TOPOLOGY_JSON_OLDEST 1 /* the oldest version read */
/* Largest file an import reads, in bytes. */
#define TOPOLOGY_JSON_MAX (64L * 1024 * 1024)

enum topology_json_mode {
	TOPOLOGY_JSON_NEW,     /* into an empty topology: refused when it has sites */
	TOPOLOGY_JSON_REPLACE, /* the file replaces the whole topology */
	TOPOLOGY_JSON_MERGE    /* the file adds to it; a name already there is an error */
};

/* Writes the whole topology to out as a topology document. Fails with
 * LP_EDB when the database cannot be read, LP_EIO when out cannot be
 * written. */
enum lp_status topology_json_export(struct store *st, FILE *out, struct lp_error *err);

/* Imports the topology document in file path ("-": standard input).
 * Nothing is written unless the whole file is sound; a refusal (LP_EINPUT)
 * reads
 * "PATH:LINE:COLUMN: JSON-PATH: reason", e.g.
 * "t.json:12:15: pools[1].fqdn 'x': not fully qualified ...". */
enum lp_status topology_json_import(struct store *st, const char *path,
				    enum topology_json_mode mode, struct lp_error *err);

/* The same from len bytes at buf; name stands for the file in messages. */
enum lp_status topology_json_import_mem(struct store *st, const char *name,
					const char *buf, size_t len,
					enum topology_json_mode mode, struct lp_error *err);

#endif
