/* export.h - one writer interface for every derived table and every
 * format. A face opens a writer on a path ("-" for stdout), begins a table
 * (its name and column names), streams rows of strings in, and finishes;
 * the file appears whole (temporary file renamed over the target) or not
 * at all. Writers know no SQL and no curses. Formats live in a registry,
 * one file each under src/export/. */
#ifndef LP_EXPORT_H
#define LP_EXPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "lp.h"

struct export_table {
	const char *name;           /* "ports", "lb-ports", "clients", "check", "catalog" ... */
	const char *title;          /* a heading for formats that show one */
	size_t ncols;
	const char *const *cols;    /* column names, as in the CSV header */
};

struct export_options {
	bool force; /* replace an existing file */
	bool bom;   /* csv: write a UTF-8 byte order mark */
	const char *topology_name; /* shown by formats with a heading ("" if none):
				    * the file's path, unless the topology is named */
	/* The database file the rows come from (NULL or ":memory:": none):
	 * export_open never writes over it or the files SQLite keeps beside it. */
	const char *database;
	/* The prefixes of the internal and perimeter networks, ", " between
	 * them, "" when not set: what the flow scripts make of the parties
	 * that stand for a zone (flows' from_zone, to_zone). */
	const char *zone_internal, *zone_perimeter;
	/* text: the columns a line may take, the table wrapped to fit; 0:
	 * one line per row, however long. */
	size_t width;
};

struct writer;

/* A format: how to begin a table, take a row and end. `state` is the
 * format's own, allocated in begin and freed by release. */
struct export_format {
	const char *name;
	const char *summary;
	/* Tables this format can write (NULL-terminated), NULL: any table. */
	const char *const *tables;
	enum lp_status (*begin)(struct writer *w, const struct export_table *t, struct lp_error *err);
	enum lp_status (*row)(struct writer *w, const char *const *cells, struct lp_error *err);
	enum lp_status (*end)(struct writer *w, struct lp_error *err);
	/* Frees the state begin allocated; called after end, or on abort. */
	void (*release)(void *state);
};

/* The registry, NULL-terminated; and lookup by name (NULL if unknown). */
extern const struct export_format *const export_formats[];
const struct export_format *export_find(const char *name);
/* True when format f can write table t. */
bool export_accepts(const struct export_format *f, const char *table);

/* Refuses (LP_EIO) a target path that is database or one of the files
 * SQLite keeps beside it (-journal, -wal, -shm), with or without force:
 * the same file (device and inode, so also through a link), or, for a
 * file not there yet, the same name in the same directory. */
enum lp_status export_check_target(const char *path, const char *database,
				   struct lp_error *err);

/* Opens a writer of format f on path ("-": stdout). The database and its
 * side files are refused (export_check_target), and an existing file
 * (LP_EIO) unless opt->force. *out is owned by the caller until
 * export_finish or export_abort. */
enum lp_status export_open(const struct export_format *f, const char *path,
			   const struct export_options *opt, struct writer **out,
			   struct lp_error *err);
/* What the topology says of itself, copied; call before export_begin. Its
 * own name, when it has one (not NULL or ""), replaces opt->topology_name
 * (the file's path); internal and perimeter become opt->zone_internal and
 * opt->zone_perimeter. */
enum lp_status export_set_topology(struct writer *w, const char *name, const char *internal,
				   const char *perimeter, struct lp_error *err);
enum lp_status export_begin(struct writer *w, const struct export_table *t, struct lp_error *err);
enum lp_status export_row(struct writer *w, const char *const *cells, struct lp_error *err);
/* Ends the table, flushes and puts the file in place; frees w. */
enum lp_status export_finish(struct writer *w, struct lp_error *err);
/* Drops the output (the target is left as it was); frees w. */
void export_abort(struct writer *w);

/* For format implementations. */
FILE *writer_stream(struct writer *w);
const struct export_table *writer_table(struct writer *w);
const struct export_options *writer_options(struct writer *w);
void *writer_state(struct writer *w);
void writer_set_state(struct writer *w, void *state);
/* Index of column name in the current table, or -1. */
int writer_column(struct writer *w, const char *name);
/* Sets err for a failed write on w's target; returns LP_EIO. */
enum lp_status writer_io_error(struct writer *w, struct lp_error *err);

/* Terminal-safe copy of s: each character as lp_escape_char writes it
 * (control, direction and invisible characters and invalid UTF-8 shown as
 * \xHH or \uHHHH escapes). Returns a new string the caller frees (NULL: no
 * memory). */
char *export_escape_terminal(const char *s);

/* Writes text (terminal-safe) wrapped to width columns (lp_wrap_line):
 * its first line indented by indent spaces, the others by hang; an
 * indent that leaves no room is dropped. */
void export_put_wrapped(FILE *out, const char *text, size_t width, size_t indent,
			size_t hang);

extern const struct export_format export_text;
extern const struct export_format export_csv;
extern const struct export_format export_md;
extern const struct export_format export_checklist;
extern const struct export_format export_html;
extern const struct export_format export_json;
extern const struct export_format export_ps1;
extern const struct export_format export_netsh;
extern const struct export_format export_nft;
extern const struct export_format export_probe_ps1;
extern const struct export_format export_probe_sh;

#endif
