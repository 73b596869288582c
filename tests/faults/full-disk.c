/* full-disk.c - the program's commands on a disk that fills up. A SQLite
 * VFS over the default one lets files grow by BYTES in all, then fails
 * each write that would grow one with SQLITE_FULL, as a full file system
 * does; rewriting bytes a file already holds still works.
 * Usage: full-disk BYTES --db FILE COMMAND [ARG]... (exit status and
 * messages as the program's). */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "cli.h"

/* A file of this VFS: the default VFS's file follows it in memory. */
struct full_file {
	sqlite3_file base;
	sqlite3_file *real;
};

static sqlite3_vfs *real_vfs;
static sqlite3_int64 room; /* bytes the disk can still take */

static sqlite3_file *real_of(sqlite3_file *f)
{
	return ((struct full_file *)f)->real;
}

static int full_close(sqlite3_file *f)
{
	return real_of(f)->pMethods->xClose(real_of(f));
}

static int full_read(sqlite3_file *f, void *buf, int n, sqlite3_int64 ofs)
{
	return real_of(f)->pMethods->xRead(real_of(f), buf, n, ofs);
}

static int full_write(sqlite3_file *f, const void *buf, int n, sqlite3_int64 ofs)
{
	sqlite3_file *r = real_of(f);
	sqlite3_int64 size = 0, grow;
	int rc = r->pMethods->xFileSize(r, &size);

	if (rc != SQLITE_OK)
		return rc;
	grow = ofs + n > size ? ofs + n - size : 0;
	if (grow > room)
		return SQLITE_FULL;
	room -= grow;
	return r->pMethods->xWrite(r, buf, n, ofs);
}

static int full_truncate(sqlite3_file *f, sqlite3_int64 size)
{
	return real_of(f)->pMethods->xTruncate(real_of(f), size);
}

static int full_sync(sqlite3_file *f, int flags)
{
	return real_of(f)->pMethods->xSync(real_of(f), flags);
}

static int full_file_size(sqlite3_file *f, sqlite3_int64 *size)
{
	return real_of(f)->pMethods->xFileSize(real_of(f), size);
}

static int full_lock(sqlite3_file *f, int level)
{
	return real_of(f)->pMethods->xLock(real_of(f), level);
}

static int full_unlock(sqlite3_file *f, int level)
{
	return real_of(f)->pMethods->xUnlock(real_of(f), level);
}

static int full_check_reserved(sqlite3_file *f, int *out)
{
	return real_of(f)->pMethods->xCheckReservedLock(real_of(f), out);
}

static int full_file_control(sqlite3_file *f, int op, void *arg)
{
	return real_of(f)->pMethods->xFileControl(real_of(f), op, arg);
}

static int full_sector_size(sqlite3_file *f)
{
	return real_of(f)->pMethods->xSectorSize(real_of(f));
}

static int full_device(sqlite3_file *f)
{
	return real_of(f)->pMethods->xDeviceCharacteristics(real_of(f));
}

/* The shared memory of WAL mode (the -shm file, mapped, its room not
 * counted) is the default VFS's. */
static int full_shm_map(sqlite3_file *f, int page, int size, int extend, void volatile **out)
{
	return real_of(f)->pMethods->xShmMap(real_of(f), page, size, extend, out);
}

static int full_shm_lock(sqlite3_file *f, int offset, int n, int flags)
{
	return real_of(f)->pMethods->xShmLock(real_of(f), offset, n, flags);
}

static void full_shm_barrier(sqlite3_file *f)
{
	real_of(f)->pMethods->xShmBarrier(real_of(f));
}

static int full_shm_unmap(sqlite3_file *f, int delete_flag)
{
	return real_of(f)->pMethods->xShmUnmap(real_of(f), delete_flag);
}

/* Version 2: shared memory for WAL mode, but no memory mapping of the
 * files, so every write to the database, its journal or its -wal passes
 * through full_write. */
static const sqlite3_io_methods full_methods = {
	2, full_close, full_read, full_write, full_truncate, full_sync,
	full_file_size, full_lock, full_unlock, full_check_reserved,
	full_file_control, full_sector_size, full_device,
	full_shm_map, full_shm_lock, full_shm_barrier, full_shm_unmap, NULL, NULL
};

static int full_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *f, int flags,
		     int *out_flags)
{
	struct full_file *ff = (struct full_file *)f;
	int rc;

	(void)vfs;
	ff->real = (sqlite3_file *)(ff + 1);
	rc = real_vfs->xOpen(real_vfs, name, ff->real, flags, out_flags);
	ff->base.pMethods = rc == SQLITE_OK ? &full_methods : NULL;
	return rc;
}

/* Registers the VFS as the default, with `bytes` of room. */
static int full_register(sqlite3_int64 bytes)
{
	static sqlite3_vfs vfs;

	if (!(real_vfs = sqlite3_vfs_find(NULL)))
		return SQLITE_ERROR;
	vfs = *real_vfs;
	vfs.szOsFile = (int)sizeof(struct full_file) + real_vfs->szOsFile;
	vfs.zName = "full-disk";
	vfs.xOpen = full_open;
	room = bytes;
	return sqlite3_vfs_register(&vfs, 1);
}

int main(int argc, char **argv)
{
	struct cli_ctx ctx = { 0 };
	char *end;
	long long bytes;

	setlocale(LC_ALL, "");
	if (argc < 5 || strcmp(argv[2], "--db") != 0 ||
	    (bytes = strtoll(argv[1], &end, 10)) < 0 || *end || end == argv[1]) {
		fputs("usage: full-disk BYTES --db FILE COMMAND [ARG]...\n", stderr);
		return 2;
	}
	if (full_register(bytes) != SQLITE_OK) {
		fputs("full-disk: cannot register the VFS\n", stderr);
		return 2;
	}
	ctx.db_path = argv[3];
	return cli_main(&ctx, "lyncplan", argc - 4, argv + 4);
}
