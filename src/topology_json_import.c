/* topology_json_import.c - reading a topology document. jansson parses
 * (duplicate keys refused); then every field is checked against the format
 * and the topology's validators, names for duplicates and references for
 * targets, before anything is written; the writes go through the topology
 * API in one transaction. A refusal names the file, the line and column of
 * the offending key or value, its JSON path and the reason. jansson gives
 * positions only for syntax errors, so the position of a value is found
 * again in the text by its path (json_where). */
#include "config.h"

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "topology.h"
#include "topology_json.h"
#include "json_where.h"
#include "validate.h"

/* One name of the file (at = its index in its array) or of the topology
 * already in the database (at = -1), for duplicates and references. */
struct ji_name {
	const char *name;
	long at;
};
struct ji_names {
	struct ji_name *v;
	size_t n, cap;
	bool nocase; /* FQDNs: the database compares them without case */
};

/* An import in progress. */
struct ji {
	struct store *st;
	enum topology_json_mode mode;
	struct lp_error *err;
	json_t *root;
	struct json_where where; /* the key or value being checked */
	char path[512];          /* its JSON path, as messages show it */
	/* What the file holds; strings point into root. */
	json_t *sites, *pools, *servers, *lbs; /* NULL when absent */
	struct topo_pool_spec *specs;          /* of each pool, once checked */
	struct ji_names site_names, pool_names, server_names, lb_names, feature_names;
	struct ji_names known_features; /* the features this program has */
	char **owned;                    /* copies of names read from the database */
	size_t nowned, owned_cap;
	bool unlocated;                  /* a refusal not about a place in the file */
};

/* ---- paths ---- */

/* Descends into member key of obj (whose ordinal is found) or element
 * index of an array: where and path follow. Returns the old path length
 * for ji_up. */
/* Appends ".part" (just "part" at the top) to the path, which is len
 * bytes long, cut at its size; as snprintf would, without its cost on
 * every field of a large file. */
static void ji_path_append(struct ji *j, size_t len, const char *part)
{
	char *end = j->path + len, *last = j->path + sizeof j->path - 1;

	if (len && end < last)
		*end++ = '.';
	while (*part && end < last)
		*end++ = *part++;
	*end = '\0';
}

static size_t ji_down_key(struct ji *j, json_t *obj, const char *key)
{
	size_t len = strlen(j->path);
	char q[VALIDATE_QUOTE_SIZE];
	void *it;
	int ordinal = 0;

	for (it = json_object_iter(obj); it; it = json_object_iter_next(obj, it), ordinal++)
		if (strcmp(json_object_iter_key(it), key) == 0)
			break;
	json_where_push(&j->where, ordinal);
	ji_path_append(j, len, validate_quote(q, sizeof q, key));
	return len;
}

static size_t ji_down_index(struct ji *j, size_t index)
{
	size_t len = strlen(j->path);

	json_where_push(&j->where, (int)index);
	snprintf(j->path + len, sizeof j->path - len, "[%zu]", index);
	return len;
}

static void ji_up(struct ji *j, size_t len)
{
	json_where_pop(&j->where);
	j->path[len] = '\0';
}

/* Puts the current path before the message lp_fail left in j->err. */
static enum lp_status ji_at_path(struct ji *j)
{
	char msg[sizeof j->err->msg];

	snprintf(msg, sizeof msg, "%s", j->err->msg);
	return lp_fail(j->err, LP_EINPUT, "%s: %s", j->path[0] ? j->path : "document", msg);
}

/* A refusal at the current path: "PATH: message". */
#define ji_fail(j, ...) (lp_fail((j)->err, LP_EINPUT, __VA_ARGS__), ji_at_path(j))

/* ---- names ---- */

static bool ji_names_add(struct ji_names *s, const char *name, long at)
{
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 16;
		struct ji_name *grown = realloc(s->v, cap * sizeof *grown);

		if (!grown)
			return false;
		s->v = grown;
		s->cap = cap;
	}
	s->v[s->n].name = name;
	s->v[s->n].at = at;
	s->n++;
	return true;
}

static int ji_name_cmp(const void *a, const void *b)
{
	const struct ji_name *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	return c ? c : (x->at > y->at) - (x->at < y->at);
}

static int ji_name_casecmp(const void *a, const void *b)
{
	const struct ji_name *x = a, *y = b;
	int c = strcasecmp(x->name, y->name);

	return c ? c : (x->at > y->at) - (x->at < y->at);
}

static void ji_names_sort(struct ji_names *s)
{
	if (s->n)
		qsort(s->v, s->n, sizeof *s->v, s->nocase ? ji_name_casecmp : ji_name_cmp);
}

/* True when name is in s, which must be sorted (ji_names_sort). */
static bool ji_names_has(const struct ji_names *s, const char *name)
{
	size_t lo = 0, hi = s->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = s->nocase ? strcasecmp(s->v[mid].name, name) : strcmp(s->v[mid].name, name);

		if (c == 0)
			return true;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

/* The first duplicate in file order: *second is the later of the two
 * entries (a file index), *first the earlier (-1: the database). False
 * when every name is unique. s must be sorted. */
static bool ji_names_dup(const struct ji_names *s, long *first, long *second)
{
	size_t i;
	bool found = false;

	for (i = 1; i < s->n; i++) {
		int c = s->nocase ? strcasecmp(s->v[i - 1].name, s->v[i].name)
				  : strcmp(s->v[i - 1].name, s->v[i].name);

		if (c == 0 && (!found || s->v[i].at < *second)) {
			*first = s->v[i - 1].at;
			*second = s->v[i].at;
			found = true;
		}
	}
	return found;
}

/* Keeps a copy of a name read from the database; NULL when out of memory. */
static const char *ji_own(struct ji *j, const char *s)
{
	char *copy;

	if (j->nowned == j->owned_cap) {
		size_t cap = j->owned_cap ? j->owned_cap * 2 : 32;
		char **grown = realloc(j->owned, cap * sizeof *grown);

		if (!grown)
			return NULL;
		j->owned = grown;
		j->owned_cap = cap;
	}
	if (!(copy = strdup(s)))
		return NULL;
	j->owned[j->nowned++] = copy;
	return copy;
}

/* ---- the shape of the document ---- */

enum ji_type { JI_STRING, JI_BOOL, JI_INTEGER, JI_STRINGS, JI_OBJECTS };

struct ji_field {
	const char *name;
	enum ji_type type;
	bool required;
};

static const struct ji_field root_fields[] = {
	{ "format", JI_STRING, true }, { "version", JI_INTEGER, true },
	{ "sites", JI_OBJECTS, false }, { "pools", JI_OBJECTS, false },
	{ "servers", JI_OBJECTS, false }, { "loadBalancers", JI_OBJECTS, false },
	{ "features", JI_STRINGS, false }, { "name", JI_STRING, false },
	{ "internalPrefixes", JI_STRINGS, false }, { "perimeterPrefixes", JI_STRINGS, false },
	{ "peers", JI_OBJECTS, false }, { NULL, JI_STRING, false }
};
static const struct ji_field peer_fields[] = {
	{ "name", JI_STRING, true }, { "kind", JI_STRING, true },
	{ "addresses", JI_STRINGS, true }, { NULL, JI_STRING, false }
};
static const struct ji_field site_fields[] = {
	{ "name", JI_STRING, true }, { "description", JI_STRING, false },
	{ NULL, JI_STRING, false }
};
static const struct ji_field pool_fields[] = {
	{ "fqdn", JI_STRING, true }, { "site", JI_STRING, true }, { "role", JI_STRING, true },
	{ "edition", JI_STRING, false }, { "edgeExternal", JI_STRING, false },
	{ "lb", JI_STRING, false },
	{ "collocatedMediation", JI_BOOL, false }, { "cms", JI_BOOL, false },
	{ "backEnd", JI_STRING, false }, { "mirror", JI_STRING, false },
	{ "witness", JI_STRING, false }, { NULL, JI_STRING, false }
};
static const struct ji_field server_fields[] = {
	{ "fqdn", JI_STRING, true }, { "pool", JI_STRING, true }, { "address", JI_STRING, false },
	{ "externalAddresses", JI_STRINGS, false }, { "publicAddresses", JI_STRINGS, false },
	{ NULL, JI_STRING, false }
};
static const struct ji_field lb_fields[] = {
	{ "name", JI_STRING, true }, { "vip", JI_STRING, true }, { "side", JI_STRING, false },
	{ "service", JI_STRING, false }, { "pools", JI_STRINGS, true },
	{ NULL, JI_STRING, false }
};

static const char *const ji_type_rule[] = {
	[JI_STRING] = "must be a string",
	[JI_BOOL] = "must be true or false",
	[JI_INTEGER] = "must be an integer",
	[JI_STRINGS] = "must be an array of strings",
	[JI_OBJECTS] = "must be an array of objects",
};

static bool ji_type_ok(json_t *v, enum ji_type type)
{
	size_t i;
	json_t *e;

	switch (type) {
	case JI_STRING: return json_is_string(v);
	case JI_BOOL: return json_is_boolean(v);
	case JI_INTEGER: return json_is_integer(v);
	case JI_STRINGS:
	case JI_OBJECTS:
		if (!json_is_array(v))
			return false;
		for (i = 0; (e = json_array_get(v, i)) != NULL; i++)
			if (type == JI_STRINGS ? !json_is_string(e) : !json_is_object(e))
				return false;
		return true;
	}
	return false;
}

/* Refuses unknown members of obj, members of the wrong type and missing
 * required ones. */
static enum lp_status ji_check_fields(struct ji *j, json_t *obj, const struct ji_field *fields)
{
	const struct ji_field *f;
	void *it;

	for (it = json_object_iter(obj); it; it = json_object_iter_next(obj, it)) {
		const char *key = json_object_iter_key(it);
		json_t *v = json_object_iter_value(it);
		size_t len;

		for (f = fields; f->name && strcmp(f->name, key) != 0; f++)
			;
		len = ji_down_key(j, obj, key);
		if (!f->name) {
			char known[200] = "";

			for (f = fields; f->name; f++)
				snprintf(known + strlen(known), sizeof known - strlen(known), "%s%s",
					 f == fields ? "" : ", ", f->name);
			j->where.key = true;
			return ji_fail(j, "unknown field (known here: %s)", known);
		}
		if (!ji_type_ok(v, f->type))
			return ji_fail(j, "%s", ji_type_rule[f->type]);
		ji_up(j, len);
	}
	for (f = fields; f->name; f++)
		if (f->required && !json_object_get(obj, f->name))
			return ji_fail(j, "\"%s\" is missing", f->name);
	return LP_OK;
}

/* The string member key of obj, or dflt when absent (types are checked). */
static const char *ji_str(json_t *obj, const char *key, const char *dflt)
{
	json_t *v = json_object_get(obj, key);

	return v ? json_string_value(v) : dflt;
}

static bool ji_bool(json_t *obj, const char *key)
{
	return json_is_true(json_object_get(obj, key));
}

/* Runs a topology validator on member key of obj with its path as the
 * field name. */
static enum lp_status ji_check_value(struct ji *j, json_t *obj, const char *key,
				     enum lp_status (*check)(const char *, const char *, struct lp_error *))
{
	size_t len = ji_down_key(j, obj, key);
	enum lp_status s = check(j->path, json_string_value(json_object_get(obj, key)), j->err);

	if (s == LP_OK)
		ji_up(j, len);
	return s;
}

static enum lp_status ji_check_description(const char *field, const char *s, struct lp_error *err)
{
	return topology_check_text(field, s, TOPO_TEXT_MAX, err);
}

static enum lp_status ji_check_optional_address(const char *field, const char *s,
						struct lp_error *err)
{
	return *s ? topology_check_address(field, s, err) : LP_OK;
}

/* ---- the items ---- */

static enum lp_status ji_oom(struct ji *j)
{
	return lp_fail(j->err, LP_EDB, "out of memory");
}

/* Checks each element of the root's array member key with check_one. */
static enum lp_status ji_each(struct ji *j, const char *key,
			      enum lp_status (*check_one)(struct ji *, json_t *, size_t))
{
	json_t *a = json_object_get(j->root, key), *e;
	enum lp_status s;
	size_t i, len;

	if (!a)
		return LP_OK;
	len = ji_down_key(j, j->root, key);
	for (i = 0; (e = json_array_get(a, i)) != NULL; i++) {
		size_t ilen = ji_down_index(j, i);

		if ((s = check_one(j, e, i)) != LP_OK)
			return s;
		ji_up(j, ilen);
	}
	ji_up(j, len);
	return LP_OK;
}

static enum lp_status ji_site(struct ji *j, json_t *o, size_t i)
{
	enum lp_status s;

	if ((s = ji_check_fields(j, o, site_fields)) != LP_OK ||
	    (s = ji_check_value(j, o, "name", topology_check_name)) != LP_OK ||
	    (json_object_get(o, "description") &&
	     (s = ji_check_value(j, o, "description", ji_check_description)) != LP_OK))
		return s;
	return ji_names_add(&j->site_names, ji_str(o, "name", ""), (long)i) ? LP_OK : ji_oom(j);
}

/* Names of every role, for a message. */
static void ji_role_names(char *buf, size_t size)
{
	int r;

	buf[0] = '\0';
	for (r = 0; r < ROLE_COUNT; r++)
		snprintf(buf + strlen(buf), size - strlen(buf), "%s%s", r ? ", " : "",
			 topology_role_name((enum topo_role)r));
}

/* Fields only a pool of one role may have. */
static const struct {
	const char *field;
	enum topo_role role;
} ji_role_only[] = {
	{ "edition", ROLE_FRONT_END }, { "collocatedMediation", ROLE_FRONT_END },
	{ "cms", ROLE_FRONT_END }, { "edgeExternal", ROLE_EDGE },
};

/* Reads an optional enumeration member of a pool (or a load balancer)
 * with parse; refuses an unknown name, listing the known ones. */
static enum lp_status ji_pool_enum(struct ji *j, json_t *o, const char *key, const char *dflt,
				   bool (*parse)(const char *, void *), void *out, const char *known)
{
	char q[VALIDATE_QUOTE_SIZE];

	if (parse(ji_str(o, key, dflt), out))
		return LP_OK;
	ji_down_key(j, o, key);
	return ji_fail(j, "unknown value '%s' (%s)", validate_quote(q, sizeof q, ji_str(o, key, "")),
		       known);
}

static bool ji_parse_role(const char *s, void *out) { return topology_role_parse(s, out); }
static bool ji_parse_edition(const char *s, void *out) { return topology_edition_parse(s, out); }
static bool ji_parse_lb(const char *s, void *out) { return topology_lb_parse(s, out); }
static bool ji_parse_external(const char *s, void *out)
{
	return topology_edge_external_parse(s, out);
}
static bool ji_parse_side(const char *s, void *out) { return topology_lb_side_parse(s, out); }
static bool ji_parse_service(const char *s, void *out)
{
	return topology_edge_service_parse(s, out);
}

/* Reads a pool's enumerations into spec; refuses unknown names and what
 * only a pool of another role may have. */
static enum lp_status ji_pool_kind(struct ji *j, json_t *o, struct topo_pool_spec *spec)
{
	char roles[160];
	enum lp_status s;
	size_t i;

	ji_role_names(roles, sizeof roles);
	if ((s = ji_pool_enum(j, o, "role", "", ji_parse_role, &spec->role, roles)) != LP_OK)
		return s;
	for (i = 0; i < sizeof ji_role_only / sizeof ji_role_only[0]; i++) {
		json_t *v = json_object_get(o, ji_role_only[i].field);

		if (v && !json_is_false(v) && spec->role != ji_role_only[i].role) {
			ji_down_key(j, o, ji_role_only[i].field);
			return ji_fail(j, "only pools of role %s have this (this pool is %s)",
				       topology_role_name(ji_role_only[i].role),
				       topology_role_name(spec->role));
		}
	}
	if ((json_object_get(o, "edition") &&
	     (s = ji_pool_enum(j, o, "edition", "", ji_parse_edition, &spec->edition,
			       "standard or enterprise")) != LP_OK) ||
	    (json_object_get(o, "edgeExternal") &&
	     (s = ji_pool_enum(j, o, "edgeExternal", "", ji_parse_external, &spec->edge_external,
			       "public or nat")) != LP_OK) ||
	    (s = ji_pool_enum(j, o, "lb", "none", ji_parse_lb, &spec->lb,
			      "none, dns or hardware")) != LP_OK)
		return s;
	spec->collocated_mediation = ji_bool(o, "collocatedMediation");
	spec->cms = ji_bool(o, "cms");
	return LP_OK;
}

static enum lp_status ji_pool(struct ji *j, json_t *o, size_t i)
{
	struct topo_pool_spec *spec;
	enum lp_status s;

	if (!j->specs && !(j->specs = calloc(json_array_size(j->pools), sizeof *j->specs)))
		return ji_oom(j);
	spec = &j->specs[i];
	if ((s = ji_check_fields(j, o, pool_fields)) != LP_OK ||
	    (s = ji_check_value(j, o, "fqdn", topology_check_fqdn)) != LP_OK ||
	    (s = ji_pool_kind(j, o, spec)) != LP_OK)
		return s;
	spec->fqdn = ji_str(o, "fqdn", "");
	spec->site = ji_str(o, "site", "");
	return ji_names_add(&j->pool_names, spec->fqdn, (long)i) ? LP_OK : ji_oom(j);
}

static enum lp_status ji_server(struct ji *j, json_t *o, size_t i)
{
	enum lp_status s;

	if ((s = ji_check_fields(j, o, server_fields)) != LP_OK ||
	    (s = ji_check_value(j, o, "fqdn", topology_check_fqdn)) != LP_OK ||
	    (json_object_get(o, "address") &&
	     (s = ji_check_value(j, o, "address", ji_check_optional_address)) != LP_OK))
		return s;
	return ji_names_add(&j->server_names, ji_str(o, "fqdn", ""), (long)i) ? LP_OK : ji_oom(j);
}

/* A load balancer's pools: at least one, none twice. */
static enum lp_status ji_lb_pools(struct ji *j, json_t *o)
{
	struct ji_names seen = { NULL, 0, 0, true };
	json_t *pools = json_object_get(o, "pools"), *e;
	long first = 0, second = 0;
	size_t k, len = ji_down_key(j, o, "pools");
	bool dup;

	if (json_array_size(pools) == 0)
		return ji_fail(j, "a load balancer serves at least one pool");
	for (k = 0; (e = json_array_get(pools, k)) != NULL; k++)
		if (!ji_names_add(&seen, json_string_value(e), (long)k)) {
			free(seen.v);
			return ji_oom(j);
		}
	ji_names_sort(&seen);
	dup = ji_names_dup(&seen, &first, &second);
	free(seen.v);
	if (dup) {
		ji_down_index(j, (size_t)second);
		return ji_fail(j, "the pool is listed twice (also at [%ld])", first);
	}
	ji_up(j, len);
	return LP_OK;
}

static enum lp_status ji_lb(struct ji *j, json_t *o, size_t i)
{
	enum topo_edge_service service;
	enum topo_lb_side side;
	enum lp_status s;

	if ((s = ji_check_fields(j, o, lb_fields)) != LP_OK ||
	    (s = ji_check_value(j, o, "name", topology_check_name)) != LP_OK ||
	    (s = ji_check_value(j, o, "vip", topology_check_address)) != LP_OK ||
	    (s = ji_pool_enum(j, o, "side", "internal", ji_parse_side, &side,
			      "internal or external")) != LP_OK ||
	    (s = ji_pool_enum(j, o, "service", "", ji_parse_service, &service,
			      "access, webconf, av or \"\"")) != LP_OK ||
	    (s = ji_lb_pools(j, o)) != LP_OK)
		return s;
	return ji_names_add(&j->lb_names, ji_str(o, "name", ""), (long)i) ? LP_OK : ji_oom(j);
}

/* A peer's members; its values are checked as it is added. */
static enum lp_status ji_peer(struct ji *j, json_t *o, size_t i)
{
	(void)i;
	return ji_check_fields(j, o, peer_fields);
}

static enum lp_status ji_features(struct ji *j)
{
	json_t *a = json_object_get(j->root, "features"), *e;
	char q[VALIDATE_QUOTE_SIZE];
	size_t i, len;

	if (!a)
		return LP_OK;
	len = ji_down_key(j, j->root, "features");
	for (i = 0; (e = json_array_get(a, i)) != NULL; i++) {
		const char *name = json_string_value(e);

		if (!ji_names_has(&j->known_features, name)) {
			ji_down_index(j, i);
			return ji_fail(j, "no feature named '%s' (see lyncplan feature list)",
				       validate_quote(q, sizeof q, name));
		}
		if (!ji_names_add(&j->feature_names, name, (long)i))
			return ji_oom(j);
	}
	ji_up(j, len);
	return LP_OK;
}

/* ---- the document as a whole ---- */

static enum lp_status ji_root(struct ji *j)
{
	json_t *format = json_object_get(j->root, "format");
	json_t *version = json_object_get(j->root, "version");

	if (!json_is_object(j->root))
		return ji_fail(j, "a topology document is a JSON object");
	if (!format)
		return ji_fail(j, "not a topology document (\"format\": \"%s\" is missing)",
			       TOPOLOGY_JSON_FORMAT);
	if (!json_is_string(format) || strcmp(json_string_value(format), TOPOLOGY_JSON_FORMAT) != 0) {
		ji_down_key(j, j->root, "format");
		return ji_fail(j, "not a topology document (\"%s\" expected)", TOPOLOGY_JSON_FORMAT);
	}
	if (!version)
		return ji_fail(j, "\"version\" is missing");
	ji_down_key(j, j->root, "version");
	if (!json_is_integer(version))
		return ji_fail(j, "must be an integer");
	if (json_integer_value(version) < TOPOLOGY_JSON_OLDEST ||
	    json_integer_value(version) > TOPOLOGY_JSON_VERSION)
		return ji_fail(j, "%" JSON_INTEGER_FORMAT " is not supported: this lyncplan reads"
			       " versions %d to %d", json_integer_value(version), TOPOLOGY_JSON_OLDEST,
			       TOPOLOGY_JSON_VERSION);
	ji_up(j, 0);
	return ji_check_fields(j, j->root, root_fields);
}

/* Points where and path at member (NULL: the item itself) of item index
 * of the root's array section. */
static void ji_point(struct ji *j, const char *section, long index, const char *member)
{
	json_t *item = json_array_get(json_object_get(j->root, section), (size_t)index);

	j->where.depth = 0;
	j->path[0] = '\0';
	ji_down_key(j, j->root, section);
	ji_down_index(j, (size_t)index);
	if (member)
		ji_down_key(j, item, member);
}

/* Refuses the first name given twice in the file, or already in the
 * topology when merging. */
static enum lp_status ji_unique(struct ji *j, struct ji_names *names, const char *section,
				const char *member)
{
	char q[VALIDATE_QUOTE_SIZE];
	long first = 0, second = 0;
	json_t *item;
	const char *name;

	ji_names_sort(names);
	if (!ji_names_dup(names, &first, &second))
		return LP_OK;
	item = json_array_get(json_object_get(j->root, section), (size_t)second);
	name = member ? ji_str(item, member, "") : json_string_value(item);
	validate_quote(q, sizeof q, name);
	ji_point(j, section, second, member);
	if (first < 0)
		return ji_fail(j, "'%s' already exists in the topology", q);
	return ji_fail(j, "'%s' is given twice (also %s[%ld])", q, section, first);
}

static enum lp_status ji_missing(struct ji *j, const char *what, const char *name)
{
	char q[VALIDATE_QUOTE_SIZE];

	return ji_fail(j, "no %s named '%s' in the file%s", what, validate_quote(q, sizeof q, name),
		       j->mode == TOPOLOGY_JSON_MERGE ? " or the topology" : "");
}

/* Every reference to a site, a pool or a server has its target. */
static enum lp_status ji_references(struct ji *j)
{
	size_t i, k;
	json_t *o, *e;

	for (i = 0; i < json_array_size(j->pools); i++)
		if (!ji_names_has(&j->site_names, j->specs[i].site)) {
			ji_point(j, "pools", (long)i, "site");
			return ji_missing(j, "site", j->specs[i].site);
		}
	for (i = 0; (o = json_array_get(j->pools, i)) != NULL; i++)
		for (k = 0; k < 3; k++) {
			static const char *const member[] = { "backEnd", "mirror", "witness" };
			const char *name = ji_str(o, member[k], "");

			if (*name && !ji_names_has(k < 2 ? &j->pool_names : &j->server_names, name)) {
				ji_point(j, "pools", (long)i, member[k]);
				return ji_missing(j, k < 2 ? "pool" : "server", name);
			}
		}
	for (i = 0; (o = json_array_get(j->servers, i)) != NULL; i++)
		if (!ji_names_has(&j->pool_names, ji_str(o, "pool", ""))) {
			ji_point(j, "servers", (long)i, "pool");
			return ji_missing(j, "pool", ji_str(o, "pool", ""));
		}
	for (i = 0; (o = json_array_get(j->lbs, i)) != NULL; i++)
		for (k = 0; (e = json_array_get(json_object_get(o, "pools"), k)) != NULL; k++)
			if (!ji_names_has(&j->pool_names, json_string_value(e))) {
				ji_point(j, "loadBalancers", (long)i, "pools");
				ji_down_index(j, k);
				return ji_missing(j, "pool", json_string_value(e));
			}
	return LP_OK;
}

/* The Central Management store is on one pool: the file may not give it
 * twice, nor take it from the topology when merging. */
static enum lp_status ji_cms(struct ji *j, const char *db_cms)
{
	char q[VALIDATE_QUOTE_SIZE];
	long first = -1;
	size_t i;

	for (i = 0; i < json_array_size(j->pools); i++) {
		if (!j->specs[i].cms)
			continue;
		if (first >= 0 || db_cms) {
			ji_point(j, "pools", (long)i, "cms");
			if (first >= 0)
				return ji_fail(j, "the Central Management store is on one pool only,"
					       " and pools[%ld] has it", first);
			return ji_fail(j, "pool '%s' of the topology holds the Central Management store",
				       validate_quote(q, sizeof q, db_cms));
		}
		first = (long)i;
	}
	return LP_OK;
}

/* ---- the topology in the database ---- */

struct ji_collect {
	struct ji *j;
	struct ji_names *names;
	const char *cms; /* pools: the one holding the Central Management store */
	bool failed;
};

static int ji_collect_name(struct ji_collect *c, const char *name)
{
	const char *copy = ji_own(c->j, name);

	c->failed = !copy || !ji_names_add(c->names, copy, -1);
	return c->failed;
}

static int ji_db_site(const struct topo_site *r, void *ud)
{
	return ji_collect_name(ud, r->name);
}

static int ji_db_server(const struct topo_server *r, void *ud)
{
	return ji_collect_name(ud, r->fqdn);
}

static int ji_db_lb(const struct topo_lb_row *r, void *ud)
{
	return ji_collect_name(ud, r->name);
}

static int ji_db_feature(const struct topo_feature *r, void *ud)
{
	return ji_collect_name(ud, r->name);
}

static int ji_db_peer(const struct topo_peer *r, void *ud)
{
	return ji_collect_name(ud, r->name);
}

static int ji_db_pool(const struct topo_pool *r, void *ud)
{
	struct ji_collect *c = ud;

	if (ji_collect_name(c, r->fqdn))
		return 1;
	if (r->cms)
		c->cms = c->names->v[c->names->n - 1].name;
	return 0;
}

static enum lp_status ji_collected(struct ji_collect *c, enum lp_status s)
{
	return s == LP_OK && c->failed ? ji_oom(c->j) : s;
}

/* Reads the names the checks compare with: the features this program
 * knows (sorted for ji_names_has: they come in the order of feature list),
 * and when merging the topology's names; *cms the pool holding the
 * Central Management store (NULL: none, or not merging). */
static enum lp_status ji_read_db(struct ji *j, const char **cms)
{
	struct ji_collect c = { j, &j->known_features, NULL, false };
	enum lp_status s = ji_collected(&c, topology_feature_each(j->st, ji_db_feature, &c, j->err));

	*cms = NULL;
	ji_names_sort(&j->known_features);
	if (s != LP_OK || j->mode != TOPOLOGY_JSON_MERGE)
		return s;
	c.names = &j->site_names;
	if ((s = ji_collected(&c, topology_site_each(j->st, ji_db_site, &c, j->err))) != LP_OK)
		return s;
	c.names = &j->pool_names;
	if ((s = ji_collected(&c, topology_pool_scan(j->st, ji_db_pool, &c, j->err))) != LP_OK)
		return s;
	*cms = c.cms;
	c.names = &j->server_names;
	if ((s = ji_collected(&c, topology_server_scan(j->st, ji_db_server, &c, j->err))) != LP_OK)
		return s;
	c.names = &j->lb_names;
	return ji_collected(&c, topology_lb_each(j->st, ji_db_lb, &c, j->err));
}

/* Empties the topology (replace, and an import into an empty one): every
 * site with what depends on it, and every feature switched off. */
static enum lp_status ji_clear(struct ji *j)
{
	struct ji_names sites = { NULL, 0, 0, false }, peers = { NULL, 0, 0, false };
	struct ji_collect c = { j, &sites, NULL, false };
	enum lp_status s = ji_collected(&c, topology_site_each(j->st, ji_db_site, &c, j->err));
	size_t i;

	j->unlocated = true; /* what goes wrong here is not the file's fault */
	if (s == LP_OK && j->mode == TOPOLOGY_JSON_NEW && sites.n)
		s = lp_fail(j->err, LP_EINPUT, "the topology is not empty: use --replace to replace"
			    " it with the file, or --merge to add the file to it");
	for (i = 0; s == LP_OK && i < sites.n; i++)
		s = topology_site_rm(j->st, sites.v[i].name, true, j->err);
	for (i = 0; s == LP_OK && i < j->known_features.n; i++)
		s = topology_feature_set(j->st, j->known_features.v[i].name, false, j->err);
	for (i = 0; s == LP_OK && i < ZONE_COUNT; i++)
		s = topology_zone_set(j->st, (enum topo_zone)i, "", j->err);
	if (s == LP_OK)
		s = topology_name_set(j->st, "", j->err);
	c.names = &peers;
	if (s == LP_OK)
		s = ji_collected(&c, topology_peer_each(j->st, ji_db_peer, &c, j->err));
	for (i = 0; s == LP_OK && i < peers.n; i++)
		s = topology_peer_rm(j->st, peers.v[i].name, j->err);
	free(sites.v);
	free(peers.v);
	return s;
}

/* ---- writing ---- */

/* An API refusal of item index of section: located there. */
static enum lp_status ji_refused(struct ji *j, enum lp_status s, const char *section, size_t index)
{
	char msg[sizeof j->err->msg];

	if (s != LP_EINPUT)
		return s;
	snprintf(msg, sizeof msg, "%s", j->err->msg);
	j->unlocated = false;
	ji_point(j, section, (long)index, NULL);
	return lp_fail(j->err, LP_EINPUT, "%s: %s", j->path, msg);
}

static enum lp_status ji_add_lb(struct ji *j, json_t *o)
{
	json_t *pools = json_object_get(o, "pools"), *e;
	const char **names = calloc(json_array_size(pools), sizeof *names);
	enum topo_lb_side side = LB_SIDE_INTERNAL;
	enum topo_edge_service service = EDGE_SERVICE_NONE;
	struct topo_lb_change ch = { .vip = ji_str(o, "vip", ""), .side = &side,
				     .service = &service };
	enum lp_status s;
	size_t k;

	if (!names)
		return ji_oom(j);
	for (k = 0; (e = json_array_get(pools, k)) != NULL; k++)
		names[k] = json_string_value(e);
	ch.pools = names;
	ch.npools = json_array_size(pools);
	topology_lb_side_parse(ji_str(o, "side", "internal"), &side);
	topology_edge_service_parse(ji_str(o, "service", ""), &service);
	s = topology_lb_add_with(j->st, ji_str(o, "name", ""), &ch, j->err);
	free(names);
	return s;
}

/* The strings of array a joined with ", " into a new string the caller
 * frees (NULL when out of memory). */
static char *ji_join(json_t *a)
{
	size_t i, len = 1, at = 0;
	char *out;
	json_t *e;

	for (i = 0; (e = json_array_get(a, i)) != NULL; i++)
		len += strlen(json_string_value(e)) + 2;
	if (!(out = malloc(len)))
		return NULL;
	for (i = 0; (e = json_array_get(a, i)) != NULL; i++)
		at += (size_t)snprintf(out + at, len - at, "%s%s", i ? ", " : "",
				       json_string_value(e));
	out[at] = '\0';
	return out;
}

/* An API refusal of the root's member key: located there. */
static enum lp_status ji_refused_key(struct ji *j, enum lp_status s, const char *key)
{
	char msg[sizeof j->err->msg];

	if (s != LP_EINPUT)
		return s;
	snprintf(msg, sizeof msg, "%s", j->err->msg);
	j->unlocated = false;
	j->where.depth = 0;
	j->path[0] = '\0';
	ji_down_key(j, j->root, key);
	return lp_fail(j->err, LP_EINPUT, "%s: %s", j->path, msg);
}

/* The zone's prefixes from the member key, when the file has it. */
static enum lp_status ji_set_zone(struct ji *j, enum topo_zone z, const char *key)
{
	json_t *a = json_object_get(j->root, key);
	char *list;
	enum lp_status s;

	if (!a)
		return LP_OK;
	if (!(list = ji_join(a)))
		return ji_oom(j);
	s = topology_zone_set(j->st, z, list, j->err);
	free(list);
	return ji_refused_key(j, s, key);
}

static enum lp_status ji_add_peer(struct ji *j, json_t *o)
{
	char *list = ji_join(json_object_get(o, "addresses"));
	enum lp_status s;

	if (!list)
		return ji_oom(j);
	s = topology_peer_add(j->st, ji_str(o, "name", ""), ji_str(o, "kind", ""), list, j->err);
	free(list);
	return s;
}

/* The network around the servers: the name, the zones and the peers. */
static enum lp_status ji_write_network(struct ji *j)
{
	json_t *name = json_object_get(j->root, "name"), *o;
	enum lp_status s = LP_OK;
	size_t i;

	if (name && (s = topology_name_set(j->st, json_string_value(name), j->err)) != LP_OK)
		return ji_refused_key(j, s, "name");
	/* The file's perimeter replaces the topology's: no internal prefix
	 * of the file is refused for overlapping a perimeter prefix it drops. */
	if (json_object_get(j->root, "perimeterPrefixes") &&
	    (s = topology_zone_set(j->st, ZONE_PERIMETER, "", j->err)) != LP_OK)
		return s;
	if ((s = ji_set_zone(j, ZONE_INTERNAL, "internalPrefixes")) != LP_OK ||
	    (s = ji_set_zone(j, ZONE_PERIMETER, "perimeterPrefixes")) != LP_OK)
		return s;
	for (i = 0; (o = json_array_get(json_object_get(j->root, "peers"), i)) != NULL; i++)
		if ((s = ji_add_peer(j, o)) != LP_OK)
			return ji_refused(j, s, "peers", i);
	return LP_OK;
}

/* The joined strings of server o's member key ("" when absent) into
 * *out, which the caller frees; false when out of memory. */
static bool ji_join_member(json_t *o, const char *key, char **out)
{
	json_t *a = json_object_get(o, key);

	*out = a ? ji_join(a) : strdup("");
	return *out != NULL;
}

static enum lp_status ji_add_server(struct ji *j, json_t *o)
{
	struct topo_server_change ch = { .pool = ji_str(o, "pool", ""),
					 .address = ji_str(o, "address", "") };
	char *external = NULL, *public = NULL;
	enum lp_status s;

	if (!ji_join_member(o, "externalAddresses", &external) ||
	    !ji_join_member(o, "publicAddresses", &public))
		s = ji_oom(j);
	else {
		ch.external = external;
		ch.public = public;
		s = topology_server_add_with(j->st, ji_str(o, "fqdn", ""), &ch, j->err);
	}
	free(external);
	free(public);
	return s;
}

static enum lp_status ji_set_back_end(struct ji *j, json_t *o)
{
	struct topo_pool_change ch = { .back_end = ji_str(o, "backEnd", ""),
				       .mirror = ji_str(o, "mirror", ""),
				       .witness = ji_str(o, "witness", "") };

	if (!*ch.back_end && !*ch.mirror && !*ch.witness)
		return LP_OK;
	return topology_pool_set(j->st, ji_str(o, "fqdn", ""), &ch, j->err);
}

/* Adds what the file holds, in the order references need. */
static enum lp_status ji_write(struct ji *j)
{
	enum lp_status s = LP_OK;
	size_t i;
	json_t *o;

	for (i = 0; (o = json_array_get(j->sites, i)) != NULL; i++)
		if ((s = topology_site_add(j->st, ji_str(o, "name", ""), ji_str(o, "description", ""),
					   j->err)) != LP_OK)
			return ji_refused(j, s, "sites", i);
	for (i = 0; i < json_array_size(j->pools); i++)
		if ((s = topology_pool_add(j->st, &j->specs[i], j->err)) != LP_OK)
			return ji_refused(j, s, "pools", i);
	for (i = 0; (o = json_array_get(j->servers, i)) != NULL; i++)
		if ((s = ji_add_server(j, o)) != LP_OK)
			return ji_refused(j, s, "servers", i);
	/* The Back End once its pools and the witness are there. */
	for (i = 0; (o = json_array_get(j->pools, i)) != NULL; i++)
		if ((s = ji_set_back_end(j, o)) != LP_OK)
			return ji_refused(j, s, "pools", i);
	for (i = 0; (o = json_array_get(j->lbs, i)) != NULL; i++)
		if ((s = ji_add_lb(j, o)) != LP_OK)
			return ji_refused(j, s, "loadBalancers", i);
	for (i = 0; i < j->feature_names.n; i++)
		if ((s = topology_feature_set(j->st, j->feature_names.v[i].name, true, j->err)) != LP_OK)
			return ji_refused(j, s, "features", (size_t)j->feature_names.v[i].at);
	return ji_write_network(j);
}

/* Checks the whole document, then writes it (inside the caller's
 * transaction). */
static enum lp_status ji_run(struct ji *j)
{
	const char *db_cms;
	enum lp_status s;

	if ((s = ji_read_db(j, &db_cms)) != LP_OK) {
		j->unlocated = true;
		return s;
	}
	if ((s = ji_root(j)) != LP_OK)
		return s;
	j->sites = json_object_get(j->root, "sites");
	j->pools = json_object_get(j->root, "pools");
	j->servers = json_object_get(j->root, "servers");
	j->lbs = json_object_get(j->root, "loadBalancers");
	if ((s = ji_each(j, "sites", ji_site)) != LP_OK ||
	    (s = ji_each(j, "pools", ji_pool)) != LP_OK ||
	    (s = ji_each(j, "servers", ji_server)) != LP_OK ||
	    (s = ji_each(j, "loadBalancers", ji_lb)) != LP_OK ||
	    (s = ji_each(j, "peers", ji_peer)) != LP_OK ||
	    (s = ji_features(j)) != LP_OK ||
	    (s = ji_unique(j, &j->site_names, "sites", "name")) != LP_OK ||
	    (s = ji_unique(j, &j->pool_names, "pools", "fqdn")) != LP_OK ||
	    (s = ji_unique(j, &j->server_names, "servers", "fqdn")) != LP_OK ||
	    (s = ji_unique(j, &j->lb_names, "loadBalancers", "name")) != LP_OK ||
	    (s = ji_unique(j, &j->feature_names, "features", NULL)) != LP_OK ||
	    (s = ji_references(j)) != LP_OK ||
	    (s = ji_cms(j, db_cms)) != LP_OK ||
	    (j->mode != TOPOLOGY_JSON_MERGE && (s = ji_clear(j)) != LP_OK))
		return s;
	return ji_write(j);
}

static void ji_free(struct ji *j)
{
	size_t i;

	for (i = 0; i < j->nowned; i++)
		free(j->owned[i]);
	free(j->owned);
	free(j->site_names.v);
	free(j->pool_names.v);
	free(j->server_names.v);
	free(j->lb_names.v);
	free(j->feature_names.v);
	free(j->known_features.v);
	free(j->specs);
	json_decref(j->root);
}

enum lp_status topology_json_import_mem(struct store *st, const char *name,
					const char *buf, size_t len,
					enum topology_json_mode mode, struct lp_error *err)
{
	struct lp_error ignored = { LP_OK, "" };
	struct ji j = { .st = st, .mode = mode, .err = err ? err : &ignored };
	json_error_t jerr;
	enum lp_status s;
	int line, column;

	err = j.err;
	j.pool_names.nocase = j.server_names.nocase = true;
	/* Editors on Windows may save a byte order mark; JSON allows skipping it. */
	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
		buf += 3;
		len -= 3;
	}
	if (!(j.root = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &jerr))) {
		/* jansson quotes the text near the fault as it is: line breaks,
		 * escape sequences and all. */
		char q[VALIDATE_QUOTE_SIZE];

		validate_quote(q, sizeof q, jerr.text);
		if (jerr.line < 1)
			return lp_fail(err, LP_EINPUT, "%s: %s", name, q);
		return lp_fail(err, LP_EINPUT, "%s:%d:%d: %s", name, jerr.line,
			       jerr.column < 1 ? 1 : jerr.column, q);
	}
	if ((s = store_begin(st, err)) == LP_OK) {
		s = ji_run(&j);
		if (s == LP_OK)
			s = store_commit(st, err);
		else
			store_rollback(st);
	}
	if (s == LP_EINPUT) {
		char msg[sizeof err->msg];

		snprintf(msg, sizeof msg, "%s", err->msg);
		if (j.unlocated) {
			lp_fail(err, LP_EINPUT, "%s: %s", name, msg);
		} else {
			json_where_locate(&j.where, buf, len, &line, &column);
			lp_fail(err, LP_EINPUT, "%s:%d:%d: %s", name, line, column, msg);
		}
	}
	ji_free(&j);
	return s;
}

/* Reads all of f (at most TOPOLOGY_JSON_MAX bytes) into a new buffer the
 * caller frees; NULL with err set on failure. */
static char *ji_slurp(FILE *f, const char *path, size_t *len, struct lp_error *err)
{
	size_t cap = 1 << 16, got;
	char *buf = malloc(cap), *grown;

	*len = 0;
	while (buf && (got = fread(buf + *len, 1, cap - *len, f)) > 0) {
		*len += got;
		if (*len < cap)
			continue;
		if (*len > (size_t)TOPOLOGY_JSON_MAX) {
			free(buf);
			lp_fail(err, LP_EINPUT, "%s: larger than %ld bytes: not a topology document",
				path, TOPOLOGY_JSON_MAX);
			return NULL;
		}
		/* One byte past the limit tells a file that is too large. */
		cap = cap * 2 > (size_t)TOPOLOGY_JSON_MAX ? (size_t)TOPOLOGY_JSON_MAX + 1 : cap * 2;
		if (!(grown = realloc(buf, cap)))
			free(buf);
		buf = grown;
	}
	if (!buf) {
		lp_fail(err, LP_EINPUT, "%s: out of memory", path);
		return NULL;
	}
	if (ferror(f)) {
		lp_fail(err, LP_EINPUT, "%s: cannot read: %s", path, strerror(errno));
		free(buf);
		return NULL;
	}
	return buf;
}

enum lp_status topology_json_import(struct store *st, const char *path,
				    enum topology_json_mode mode, struct lp_error *err)
{
	bool std_in = strcmp(path, "-") == 0;
	FILE *f = std_in ? stdin : fopen(path, "rb");
	const char *name = std_in ? "standard input" : path;
	enum lp_status s = LP_EINPUT;
	size_t len;
	char *buf;

	if (!f)
		return lp_fail(err, LP_EINPUT, "%s: cannot open: %s", path, strerror(errno));
	if ((buf = ji_slurp(f, name, &len, err)) != NULL)
		s = topology_json_import_mem(st, name, buf, len, mode, err);
	free(buf);
	if (!std_in)
		fclose(f);
	return s;
}
