/* export.c - the writer: target files, the format registry, shared helpers. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "export.h"

const struct export_format *const export_formats[] = {
	&export_text,
	&export_csv,
	&export_md,
	&export_checklist,
	&export_html,
	&export_json,
	&export_ps1,
	&export_netsh,
	&export_nft,
	&export_probe_ps1,
	&export_probe_sh,
	NULL
};

struct writer {
	const struct export_format *format;
	struct export_options opt;
	const struct export_table *table;
	FILE *out;
	char *path;     /* target, NULL for stdout */
	char *tmp_path; /* temporary file beside the target */
	void *state;
	bool begun;
	char *name;     /* the topology's own name (export_set_topology) */
	char *zones[2]; /* its internal and perimeter prefixes */
};

const struct export_format *export_find(const char *name)
{
	const struct export_format *const *f;

	for (f = export_formats; *f; f++)
		if (strcmp((*f)->name, name) == 0)
			return *f;
	return NULL;
}

bool export_accepts(const struct export_format *f, const char *table)
{
	const char *const *t;

	if (!f->tables)
		return true;
	for (t = f->tables; *t; t++)
		if (strcmp(*t, table) == 0)
			return true;
	return false;
}

FILE *writer_stream(struct writer *w) { return w->out; }
const struct export_table *writer_table(struct writer *w) { return w->table; }
const struct export_options *writer_options(struct writer *w) { return &w->opt; }
void *writer_state(struct writer *w) { return w->state; }
void writer_set_state(struct writer *w, void *state) { w->state = state; }

int writer_column(struct writer *w, const char *name)
{
	size_t i;

	for (i = 0; w->table && i < w->table->ncols; i++)
		if (strcmp(w->table->cols[i], name) == 0)
			return (int)i;
	return -1;
}

enum lp_status writer_io_error(struct writer *w, struct lp_error *err)
{
	return lp_fail(err, LP_EIO, "%s: cannot write: %s",
		       w->path ? w->path : "standard output", strerror(errno));
}

static mode_t current_umask(void)
{
	mode_t mask = umask(0);

	umask(mask);
	return mask;
}

/* The files SQLite keeps beside a database, by the suffix to its name: the
 * database itself, its rollback journal, its write-ahead log and index. */
static const char *const database_files[] = { "", "-journal", "-wal", "-shm" };

/* Whether a and b name the same file: both exist and share device and
 * inode. */
static bool same_file(const char *a, const char *b)
{
	struct stat sa, sb;

	return stat(a, &sa) == 0 && stat(b, &sb) == 0 &&
	       sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* Whether a and b are the same name in the same directory (device and
 * inode of the directory), whether or not the file is there. */
static bool same_entry(const char *a, const char *b)
{
	const char *sa = strrchr(a, '/'), *sb = strrchr(b, '/');
	const char *na = sa ? sa + 1 : a, *nb = sb ? sb + 1 : b;
	char *da, *db;
	bool same;

	if (strcmp(na, nb) != 0)
		return false;
	da = sa ? strndup(a, sa == a ? 1 : (size_t)(sa - a)) : strdup(".");
	db = sb ? strndup(b, sb == b ? 1 : (size_t)(sb - b)) : strdup(".");
	same = da && db && same_file(da, db);
	free(da);
	free(db);
	return same;
}

enum lp_status export_check_target(const char *path, const char *database,
				   struct lp_error *err)
{
	char *file;
	bool hit = false;
	size_t i;

	if (!database || !path || strcmp(database, ":memory:") == 0 || strcmp(path, "-") == 0)
		return LP_OK;
	for (i = 0; !hit && i < sizeof database_files / sizeof database_files[0]; i++) {
		if (asprintf(&file, "%s%s", database, database_files[i]) < 0)
			return lp_fail(err, LP_EIO, "out of memory");
		hit = same_file(path, file) || same_entry(path, file);
		free(file);
	}
	if (hit)
		return lp_fail(err, LP_EIO, "%s: an export never replaces the topology database "
			       "or its -journal, -wal or -shm file", path);
	return LP_OK;
}

static void writer_free(struct writer *w)
{
	if (w->state && w->format->release)
		w->format->release(w->state);
	free(w->path);
	free(w->tmp_path);
	free(w->name);
	free(w->zones[0]);
	free(w->zones[1]);
	free(w);
}

enum lp_status export_open(const struct export_format *f, const char *path,
			   const struct export_options *opt, struct writer **out,
			   struct lp_error *err)
{
	struct writer *w;
	struct stat sb;
	enum lp_status s;
	int fd;

	*out = NULL;
	if (opt && (s = export_check_target(path, opt->database, err)) != LP_OK)
		return s;
	if (!(w = calloc(1, sizeof *w)))
		return lp_fail(err, LP_EIO, "out of memory");
	w->format = f;
	if (opt)
		w->opt = *opt;
	if (!w->opt.topology_name)
		w->opt.topology_name = "";
	if (!w->opt.zone_internal)
		w->opt.zone_internal = "";
	if (!w->opt.zone_perimeter)
		w->opt.zone_perimeter = "";
	if (!path || strcmp(path, "-") == 0) {
		w->out = stdout;
		*out = w;
		return LP_OK;
	}
	if (stat(path, &sb) == 0) {
		if (!S_ISREG(sb.st_mode)) {
			writer_free(w);
			return lp_fail(err, LP_EIO, "%s: not a regular file", path);
		}
		if (!w->opt.force) {
			writer_free(w);
			return lp_fail(err, LP_EIO, "%s: file exists (use --force to replace it)", path);
		}
	}
	w->path = strdup(path);
	if (!w->path || asprintf(&w->tmp_path, "%s.XXXXXX", path) < 0) {
		w->tmp_path = NULL;
		writer_free(w);
		return lp_fail(err, LP_EIO, "out of memory");
	}
	fd = mkstemp(w->tmp_path);
	if (fd < 0 || !(w->out = fdopen(fd, "w"))) {
		lp_fail(err, LP_EIO, "%s: cannot create: %s", path, strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(w->tmp_path);
		}
		writer_free(w);
		return LP_EIO;
	}
	/* mkstemp makes 0600; an export is an ordinary document. */
	fchmod(fd, 0666 & ~current_umask());
	*out = w;
	return LP_OK;
}

enum lp_status export_set_topology(struct writer *w, const char *name, const char *internal,
				   const char *perimeter, struct lp_error *err)
{
	free(w->zones[0]);
	free(w->zones[1]);
	w->zones[0] = strdup(internal ? internal : "");
	w->zones[1] = strdup(perimeter ? perimeter : "");
	if (!w->zones[0] || !w->zones[1])
		return lp_fail(err, LP_EIO, "out of memory");
	w->opt.zone_internal = w->zones[0];
	w->opt.zone_perimeter = w->zones[1];
	if (!name || !name[0])
		return LP_OK;
	free(w->name);
	if (!(w->name = strdup(name)))
		return lp_fail(err, LP_EIO, "out of memory");
	w->opt.topology_name = w->name;
	return LP_OK;
}

enum lp_status export_begin(struct writer *w, const struct export_table *t, struct lp_error *err)
{
	w->table = t;
	w->begun = true;
	return w->format->begin(w, t, err);
}

enum lp_status export_row(struct writer *w, const char *const *cells, struct lp_error *err)
{
	return w->format->row(w, cells, err);
}

enum lp_status export_finish(struct writer *w, struct lp_error *err)
{
	enum lp_status s = w->begun ? w->format->end(w, err) : LP_OK;

	if (s == LP_OK && fflush(w->out) != 0)
		s = writer_io_error(w, err);
	if (!w->path) {
		if (s == LP_OK && ferror(w->out))
			s = writer_io_error(w, err);
		writer_free(w);
		return s;
	}
	if (s == LP_OK && fsync(fileno(w->out)) != 0)
		s = writer_io_error(w, err);
	if (fclose(w->out) != 0 && s == LP_OK)
		s = writer_io_error(w, err);
	if (s == LP_OK && rename(w->tmp_path, w->path) != 0)
		s = writer_io_error(w, err);
	if (s != LP_OK)
		unlink(w->tmp_path);
	writer_free(w);
	return s;
}

void export_abort(struct writer *w)
{
	if (w->path) {
		fclose(w->out);
		unlink(w->tmp_path);
	}
	writer_free(w);
}
