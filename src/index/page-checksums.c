/*
 * Page checksums for the index database: a VFS shim over SQLite's default VFS, loaded by page-checksums.ts.
 *
 * A database whose header reserves exactly 8 bytes at the end of every page (header byte 20) keeps a checksum of
 * each page there: it is written as the page goes to the database file and verified as the page is read back, and
 * a page that no longer matches fails its read with SQLITE_IOERR_DATA instead of handing SQLite wrong rows. A
 * database reserving any other number of bytes passes through untouched, so older indexes still open.
 *
 * Only the database file is covered. Pages in the write-ahead log carry SQLite's own frame checksums (checked when
 * the log is recovered) and reach the database file, and their checksum, at the next checkpoint.
 *
 * SQL function checksum_reserve(schema, bytes): sets the reserve of `schema` (takes effect on an empty database or
 * at the next VACUUM) unless `bytes` is negative, and returns the reserve before. better-sqlite3 cannot call
 * sqlite3_file_control itself.
 */
#include "sqlite3ext.h"
SQLITE_EXTENSION_INIT1
#include <stdint.h>
#include <string.h>

#define VFS_NAME "verbatim-checksums"
#define CHECKSUM_BYTES 8
#define HEADER_BYTES 100
#define RESERVE_OFFSET 20
#ifndef SQLITE_IOCAP_SUBPAGE_READ
#define SQLITE_IOCAP_SUBPAGE_READ 0x00008000
#endif

/* An open database file: ours first, the file of the VFS below right after it (see LOWER). */
typedef struct CheckedFile {
  sqlite3_file base;
  const char *name;
  /* The header reserves CHECKSUM_BYTES: every page written gets a checksum, every page read is verified. */
  int checksummed;
} CheckedFile;

#define LOWER(file) ((sqlite3_file *)(((CheckedFile *)(file)) + 1))

static sqlite3_vfs checked_vfs;
static sqlite3_vfs *lower_vfs;

static int is_page_sized(int amount) {
  return amount >= 512 && amount <= 65536 && (amount & (amount - 1)) == 0;
}

static int is_database_header(const void *buffer, int amount) {
  return amount >= HEADER_BYTES && memcmp(buffer, "SQLite format 3", 16) == 0;
}

static uint32_t little_endian_word(const unsigned char *bytes) {
  return (uint32_t)bytes[0] | (uint32_t)bytes[1] << 8 | (uint32_t)bytes[2] << 16 | (uint32_t)bytes[3] << 24;
}

/*
 * Two running sums over the page's 32-bit words (Fletcher's construction): the first catches changed words, the
 * second, which weighs each word by its position, catches moved and swapped ones too.
 */
static void page_checksum(const unsigned char *page, int page_size, unsigned char out[CHECKSUM_BYTES]) {
  uint64_t sum = 0, weighted = 0;
  for (int i = 0; i < page_size - CHECKSUM_BYTES; i += 4) {
    sum += little_endian_word(page + i);
    weighted += sum;
  }
  for (int i = 0; i < 4; i++) {
    out[i] = (unsigned char)(sum >> (8 * i));
    out[4 + i] = (unsigned char)(weighted >> (8 * i));
  }
}

static int checksum_matches(const unsigned char *page, int page_size) {
  unsigned char expected[CHECKSUM_BYTES];
  page_checksum(page, page_size, expected);
  return memcmp(expected, page + page_size - CHECKSUM_BYTES, CHECKSUM_BYTES) == 0;
}

/* Whether the header now on disk reserves the checksum: another connection may have added it since ours read it. */
static int file_reserves_checksum(sqlite3_file *lower) {
  unsigned char reserve = 0;
  return lower->pMethods->xRead(lower, &reserve, 1, RESERVE_OFFSET) == SQLITE_OK && reserve == CHECKSUM_BYTES;
}

static int checked_read(sqlite3_file *file, void *buffer, int amount, sqlite3_int64 offset) {
  CheckedFile *checked = (CheckedFile *)file;
  int rc = LOWER(file)->pMethods->xRead(LOWER(file), buffer, amount, offset);
  if (rc != SQLITE_OK) return rc;
  if (offset == 0 && is_database_header(buffer, amount)) {
    checked->checksummed = ((const unsigned char *)buffer)[RESERVE_OFFSET] == CHECKSUM_BYTES;
  }
  if (checked->checksummed && is_page_sized(amount) && !checksum_matches(buffer, amount)) {
    sqlite3_log(SQLITE_IOERR_DATA, "page checksum mismatch at offset %lld of %s", offset, checked->name);
    return SQLITE_IOERR_DATA;
  }
  return SQLITE_OK;
}

static int checked_write(sqlite3_file *file, const void *buffer, int amount, sqlite3_int64 offset) {
  CheckedFile *checked = (CheckedFile *)file;
  if (offset == 0 && is_database_header(buffer, amount)) {
    checked->checksummed = ((const unsigned char *)buffer)[RESERVE_OFFSET] == CHECKSUM_BYTES;
  } else if (is_page_sized(amount)) {
    checked->checksummed = file_reserves_checksum(LOWER(file));
  }
  if (!checked->checksummed || !is_page_sized(amount)) {
    return LOWER(file)->pMethods->xWrite(LOWER(file), buffer, amount, offset);
  }
  /* A copy: the buffer is the pager's, and SQLite hands it over as const. */
  unsigned char *page = sqlite3_malloc(amount);
  if (page == 0) return SQLITE_NOMEM;
  memcpy(page, buffer, amount);
  page_checksum(page, amount, page + amount - CHECKSUM_BYTES);
  int rc = LOWER(file)->pMethods->xWrite(LOWER(file), page, amount, offset);
  sqlite3_free(page);
  return rc;
}

/* Memory-mapped pages would bypass checked_read, so a checksummed file is never mapped. */
static int checked_fetch(sqlite3_file *file, sqlite3_int64 offset, int amount, void **page) {
  sqlite3_file *lower = LOWER(file);
  *page = 0;
  if (((CheckedFile *)file)->checksummed || lower->pMethods->iVersion < 3 || !lower->pMethods->xFetch) return SQLITE_OK;
  return lower->pMethods->xFetch(lower, offset, amount, page);
}

static int checked_unfetch(sqlite3_file *file, sqlite3_int64 offset, void *page) {
  sqlite3_file *lower = LOWER(file);
  if (lower->pMethods->iVersion < 3 || !lower->pMethods->xUnfetch) return SQLITE_OK;
  return lower->pMethods->xUnfetch(lower, offset, page);
}

/* SQLite reads whole pages only, so every read can be verified. */
static int checked_device_characteristics(sqlite3_file *file) {
  return LOWER(file)->pMethods->xDeviceCharacteristics(LOWER(file)) & ~SQLITE_IOCAP_SUBPAGE_READ;
}

static int checked_close(sqlite3_file *file) {
  return LOWER(file)->pMethods->xClose(LOWER(file));
}
static int checked_truncate(sqlite3_file *file, sqlite3_int64 size) {
  return LOWER(file)->pMethods->xTruncate(LOWER(file), size);
}
static int checked_sync(sqlite3_file *file, int flags) {
  return LOWER(file)->pMethods->xSync(LOWER(file), flags);
}
static int checked_file_size(sqlite3_file *file, sqlite3_int64 *size) {
  return LOWER(file)->pMethods->xFileSize(LOWER(file), size);
}
static int checked_lock(sqlite3_file *file, int level) {
  return LOWER(file)->pMethods->xLock(LOWER(file), level);
}
static int checked_unlock(sqlite3_file *file, int level) {
  return LOWER(file)->pMethods->xUnlock(LOWER(file), level);
}
static int checked_check_reserved_lock(sqlite3_file *file, int *held) {
  return LOWER(file)->pMethods->xCheckReservedLock(LOWER(file), held);
}
static int checked_file_control(sqlite3_file *file, int op, void *argument) {
  return LOWER(file)->pMethods->xFileControl(LOWER(file), op, argument);
}
static int checked_sector_size(sqlite3_file *file) {
  return LOWER(file)->pMethods->xSectorSize(LOWER(file));
}
static int checked_shm_map(sqlite3_file *file, int region, int size, int extend, void volatile **memory) {
  return LOWER(file)->pMethods->xShmMap(LOWER(file), region, size, extend, memory);
}
static int checked_shm_lock(sqlite3_file *file, int offset, int n, int flags) {
  return LOWER(file)->pMethods->xShmLock(LOWER(file), offset, n, flags);
}
static void checked_shm_barrier(sqlite3_file *file) {
  LOWER(file)->pMethods->xShmBarrier(LOWER(file));
}
static int checked_shm_unmap(sqlite3_file *file, int delete_file) {
  return LOWER(file)->pMethods->xShmUnmap(LOWER(file), delete_file);
}

static const sqlite3_io_methods checked_methods = {
    3,
    checked_close,
    checked_read,
    checked_write,
    checked_truncate,
    checked_sync,
    checked_file_size,
    checked_lock,
    checked_unlock,
    checked_check_reserved_lock,
    checked_file_control,
    checked_sector_size,
    checked_device_characteristics,
    checked_shm_map,
    checked_shm_lock,
    checked_shm_barrier,
    checked_shm_unmap,
    checked_fetch,
    checked_unfetch,
};

/* Only main database files are checked; journals, logs and temporary files open as the VFS below opens them. */
static int checked_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *file, int flags, int *out_flags) {
  (void)vfs;
  if ((flags & SQLITE_OPEN_MAIN_DB) == 0) return lower_vfs->xOpen(lower_vfs, name, file, flags, out_flags);
  CheckedFile *checked = (CheckedFile *)file;
  memset(checked, 0, sizeof(*checked));
  int rc = lower_vfs->xOpen(lower_vfs, name, LOWER(file), flags, out_flags);
  if (rc != SQLITE_OK) return rc;
  checked->name = name;
  checked->base.pMethods = &checked_methods;
  return SQLITE_OK;
}

static void checksum_reserve(sqlite3_context *context, int argc, sqlite3_value **argv) {
  (void)argc;
  const char *schema = (const char *)sqlite3_value_text(argv[0]);
  int bytes = sqlite3_value_int(argv[1]);
  int rc = sqlite3_file_control(sqlite3_context_db_handle(context), schema, SQLITE_FCNTL_RESERVE_BYTES, &bytes);
  if (rc != SQLITE_OK) {
    sqlite3_result_error_code(context, rc);
    return;
  }
  sqlite3_result_int(context, bytes);
}

static int register_functions(sqlite3 *db, char **error, const sqlite3_api_routines *api) {
  (void)error;
  (void)api;
  return sqlite3_create_function(db, "checksum_reserve", 2, SQLITE_UTF8 | SQLITE_DIRECTONLY, 0, checksum_reserve, 0, 0);
}

/*
 * Makes the shim the default VFS of the process (every database opened from now on goes through it) and gives
 * every new connection checksum_reserve. The lower VFS's other methods serve as they are: a copy of its struct
 * keeps them and the fields they read.
 */
static int register_vfs(void) {
  if (sqlite3_vfs_find(VFS_NAME) != 0) return SQLITE_OK;
  lower_vfs = sqlite3_vfs_find(0);
  if (lower_vfs == 0) return SQLITE_ERROR;
  checked_vfs = *lower_vfs;
  checked_vfs.pNext = 0;
  checked_vfs.zName = VFS_NAME;
  checked_vfs.szOsFile = (int)sizeof(CheckedFile) + lower_vfs->szOsFile;
  checked_vfs.xOpen = checked_open;
  int rc = sqlite3_vfs_register(&checked_vfs, 1);
  if (rc != SQLITE_OK) return rc;
  return sqlite3_auto_extension((void (*)(void))register_functions);
}

#ifdef _WIN32
__declspec(dllexport)
#endif
int sqlite3_pagechecksums_init(sqlite3 *db, char **error, const sqlite3_api_routines *api) {
  SQLITE_EXTENSION_INIT2(api);
  int rc = register_functions(db, error, api);
  if (rc == SQLITE_OK) rc = register_vfs();
  return rc == SQLITE_OK ? SQLITE_OK_LOAD_PERMANENTLY : rc;
}
