#include "fault_vfs.h"

#include <cstring>
#include <stdexcept>

namespace loyalty::store::test {
namespace {

// Our file: the methods table SQLite sees, then the wrapped file of the real VFS.
struct FaultFile {
  sqlite3_file base;
  FaultVfs* owner;
  sqlite3_file* real;
  bool mainDatabase;  // SQLITE_OPEN_MAIN_DB (not the WAL, a journal or a temp file)
};

FaultVfs* ownerOf(sqlite3_vfs* vfs) { return static_cast<FaultVfs*>(vfs->pAppData); }
sqlite3_vfs* realVfs(sqlite3_vfs* vfs) { return ownerOf(vfs)->real(); }
FaultFile* self(sqlite3_file* file) { return reinterpret_cast<FaultFile*>(file); }

int xClose(sqlite3_file* f) {
  const int rc = self(f)->real->pMethods ? self(f)->real->pMethods->xClose(self(f)->real) : SQLITE_OK;
  return rc;
}
int xRead(sqlite3_file* f, void* buffer, int amount, sqlite3_int64 offset) {
  if (self(f)->owner->shouldFail()) return SQLITE_IOERR_READ;
  return self(f)->real->pMethods->xRead(self(f)->real, buffer, amount, offset);
}
int xWrite(sqlite3_file* f, const void* buffer, int amount, sqlite3_int64 offset) {
  if (self(f)->owner->shouldFail()) {
    return self(f)->owner->writeFailure() == FaultVfs::WriteFailure::disk_full ? SQLITE_FULL : SQLITE_IOERR_WRITE;
  }
  return self(f)->real->pMethods->xWrite(self(f)->real, buffer, amount, offset);
}
int xTruncate(sqlite3_file* f, sqlite3_int64 size) {
  if (self(f)->owner->shouldFail()) return SQLITE_IOERR_TRUNCATE;
  return self(f)->real->pMethods->xTruncate(self(f)->real, size);
}
int xSync(sqlite3_file* f, int flags) {
  self(f)->owner->countSync(self(f)->mainDatabase);
  if (self(f)->owner->shouldFail()) return SQLITE_IOERR_FSYNC;
  return self(f)->real->pMethods->xSync(self(f)->real, flags);
}
int xFileSize(sqlite3_file* f, sqlite3_int64* size) { return self(f)->real->pMethods->xFileSize(self(f)->real, size); }
int xLock(sqlite3_file* f, int level) { return self(f)->real->pMethods->xLock(self(f)->real, level); }
int xUnlock(sqlite3_file* f, int level) { return self(f)->real->pMethods->xUnlock(self(f)->real, level); }
int xCheckReservedLock(sqlite3_file* f, int* out) {
  return self(f)->real->pMethods->xCheckReservedLock(self(f)->real, out);
}
int xFileControl(sqlite3_file* f, int op, void* arg) { return self(f)->real->pMethods->xFileControl(self(f)->real, op, arg); }
int xSectorSize(sqlite3_file* f) { return self(f)->real->pMethods->xSectorSize(self(f)->real); }
int xDeviceCharacteristics(sqlite3_file* f) {
  return self(f)->real->pMethods->xDeviceCharacteristics(self(f)->real);
}
int xShmMap(sqlite3_file* f, int region, int size, int extend, void volatile** out) {
  return self(f)->real->pMethods->xShmMap(self(f)->real, region, size, extend, out);
}
int xShmLock(sqlite3_file* f, int offset, int n, int flags) {
  return self(f)->real->pMethods->xShmLock(self(f)->real, offset, n, flags);
}
void xShmBarrier(sqlite3_file* f) { self(f)->real->pMethods->xShmBarrier(self(f)->real); }
int xShmUnmap(sqlite3_file* f, int deleteFlag) { return self(f)->real->pMethods->xShmUnmap(self(f)->real, deleteFlag); }
// No memory-mapped I/O through this VFS: every page goes through xRead, where faults live.
int xFetch(sqlite3_file*, sqlite3_int64, int, void** out) {
  *out = nullptr;
  return SQLITE_OK;
}
int xUnfetch(sqlite3_file*, sqlite3_int64, void*) { return SQLITE_OK; }

const sqlite3_io_methods kMethods = {3,        xClose,           xRead,       xWrite,     xTruncate,
                                     xSync,    xFileSize,        xLock,       xUnlock,    xCheckReservedLock,
                                     xFileControl, xSectorSize,  xDeviceCharacteristics, xShmMap, xShmLock,
                                     xShmBarrier, xShmUnmap,     xFetch,      xUnfetch};

int xOpen(sqlite3_vfs* vfs, const char* name, sqlite3_file* file, int flags, int* outFlags) {
  auto* ours = self(file);
  std::memset(ours, 0, sizeof(FaultFile));
  ours->owner = nullptr;
  ours->real = reinterpret_cast<sqlite3_file*>(reinterpret_cast<char*>(file) + sizeof(FaultFile));
  const int rc = realVfs(vfs)->xOpen(realVfs(vfs), name, ours->real, flags, outFlags);
  if (rc != SQLITE_OK) {
    ours->base.pMethods = nullptr;  // SQLite does not close a file whose open failed
    return rc;
  }
  ours->owner = ownerOf(vfs);
  ours->mainDatabase = (flags & SQLITE_OPEN_MAIN_DB) != 0;
  ours->base.pMethods = &kMethods;
  return SQLITE_OK;
}

int xDelete(sqlite3_vfs* vfs, const char* name, int syncDir) { return realVfs(vfs)->xDelete(realVfs(vfs), name, syncDir); }
int xAccess(sqlite3_vfs* vfs, const char* name, int flags, int* out) {
  return realVfs(vfs)->xAccess(realVfs(vfs), name, flags, out);
}
int xFullPathname(sqlite3_vfs* vfs, const char* name, int size, char* out) {
  return realVfs(vfs)->xFullPathname(realVfs(vfs), name, size, out);
}
void* xDlOpen(sqlite3_vfs* vfs, const char* name) { return realVfs(vfs)->xDlOpen(realVfs(vfs), name); }
void xDlError(sqlite3_vfs* vfs, int size, char* out) { realVfs(vfs)->xDlError(realVfs(vfs), size, out); }
void (*xDlSym(sqlite3_vfs* vfs, void* handle, const char* symbol))(void) {
  return realVfs(vfs)->xDlSym(realVfs(vfs), handle, symbol);
}
void xDlClose(sqlite3_vfs* vfs, void* handle) { realVfs(vfs)->xDlClose(realVfs(vfs), handle); }
int xRandomness(sqlite3_vfs* vfs, int size, char* out) { return realVfs(vfs)->xRandomness(realVfs(vfs), size, out); }
int xSleep(sqlite3_vfs* vfs, int micros) { return realVfs(vfs)->xSleep(realVfs(vfs), micros); }
int xCurrentTime(sqlite3_vfs* vfs, double* out) { return realVfs(vfs)->xCurrentTime(realVfs(vfs), out); }
int xGetLastError(sqlite3_vfs* vfs, int size, char* out) { return realVfs(vfs)->xGetLastError(realVfs(vfs), size, out); }
int xCurrentTimeInt64(sqlite3_vfs* vfs, sqlite3_int64* out) {
  return realVfs(vfs)->xCurrentTimeInt64(realVfs(vfs), out);
}

}  // namespace

FaultVfs::FaultVfs(std::string name) : name_(std::move(name)) {
  sqlite3_vfs* real = sqlite3_vfs_find(nullptr);
  if (real == nullptr) throw std::runtime_error("no default SQLite VFS");
  real_ = real;
  vfs_.iVersion = 2;
  vfs_.szOsFile = static_cast<int>(sizeof(FaultFile)) + real->szOsFile;
  vfs_.mxPathname = real->mxPathname;
  vfs_.zName = name_.c_str();
  vfs_.pAppData = this;
  vfs_.xOpen = xOpen;
  vfs_.xDelete = xDelete;
  vfs_.xAccess = xAccess;
  vfs_.xFullPathname = xFullPathname;
  vfs_.xDlOpen = xDlOpen;
  vfs_.xDlError = xDlError;
  vfs_.xDlSym = xDlSym;
  vfs_.xDlClose = xDlClose;
  vfs_.xRandomness = xRandomness;
  vfs_.xSleep = xSleep;
  vfs_.xCurrentTime = xCurrentTime;
  vfs_.xGetLastError = xGetLastError;
  vfs_.xCurrentTimeInt64 = xCurrentTimeInt64;
  if (sqlite3_vfs_register(&vfs_, 0) != SQLITE_OK) throw std::runtime_error("cannot register the fault VFS");
}

FaultVfs::~FaultVfs() { sqlite3_vfs_unregister(&vfs_); }

void FaultVfs::countSync(bool mainDatabase) noexcept {
  ++syncs_;
  const std::lock_guard lock(threadSyncsMutex_);
  try {
    ++threadSyncs_[std::this_thread::get_id()];
    if (mainDatabase) ++threadDatabaseSyncs_[std::this_thread::get_id()];
  } catch (...) {
    // Out of memory in a test's bookkeeping: the global count above still holds.
  }
}

int FaultVfs::databaseSyncsOnThisThread() const {
  const std::lock_guard lock(threadSyncsMutex_);
  const auto found = threadDatabaseSyncs_.find(std::this_thread::get_id());
  return found == threadDatabaseSyncs_.end() ? 0 : found->second;
}

int FaultVfs::syncsOnThisThread() const {
  const std::lock_guard lock(threadSyncsMutex_);
  const auto found = threadSyncs_.find(std::this_thread::get_id());
  return found == threadSyncs_.end() ? 0 : found->second;
}

void FaultVfs::arm(int nth, WriteFailure writeFailure) noexcept {
  writeFailure_ = writeFailure;
  calls_ = 0;
  fired_ = false;
  nth_ = nth;
  armed_ = true;
}

bool FaultVfs::shouldFail() noexcept {
  if (!armed_) return false;
  const int call = ++calls_;
  if (call == nth_ && !fired_.exchange(true)) return true;
  return false;
}

}  // namespace loyalty::store::test
