/* fuzz_import.c - libFuzzer target for the topology document importer:
 * any bytes are imported into an in-memory topology (the mode picked by
 * the input's length). A refusal must be input refused and name the file;
 * an accepted document must export, import again and export to the same
 * bytes. Built by `make fuzz`; not part of `make check`. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"
#include "topology_json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The topology document of st in a new buffer the caller frees. */
static char *fuzz_export(struct store *st, size_t *len)
{
	struct lp_error err = { LP_OK, "" };
	char *buf = NULL;
	FILE *f = open_memstream(&buf, len);

	if (!f || topology_json_export(st, f, &err) != LP_OK || fclose(f) != 0) {
		fprintf(stderr, "export failed: %s\n", err.msg);
		abort();
	}
	return buf;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum topology_json_mode modes[] = {
		TOPOLOGY_JSON_REPLACE, TOPOLOGY_JSON_MERGE, TOPOLOGY_JSON_NEW
	};
	static struct store *st;
	struct lp_error err = { LP_OK, "" };
	enum lp_status s;
	size_t len, len2;
	char *doc, *again;

	if (!st && store_open(":memory:", STORE_WRITE, false, &st, &err) != LP_OK)
		abort();
	s = topology_json_import_mem(st, "fuzz.json", (const char *)data, size,
				     modes[size % 3], &err);
	if (s != LP_OK) {
		if (s != LP_EINPUT || strncmp(err.msg, "fuzz.json", 9) != 0 || strchr(err.msg, '\n')) {
			fprintf(stderr, "unexpected refusal %d: %s\n", (int)s, err.msg);
			abort();
		}
		return 0;
	}
	doc = fuzz_export(st, &len);
	if (topology_json_import_mem(st, "again.json", doc, len, TOPOLOGY_JSON_REPLACE, &err) != LP_OK) {
		fprintf(stderr, "own export refused: %s\n", err.msg);
		abort();
	}
	again = fuzz_export(st, &len2);
	if (len != len2 || memcmp(doc, again, len) != 0)
		abort();
	free(doc);
	free(again);
	return 0;
}
