#include "fsync_counter.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>
#include <vector>

namespace loyalty::bench {
namespace {

Error unavailable(const std::string& why) {
  return makeError(ErrorCode::io_error, "strace_unavailable", "cannot count fsyncs with strace: " + why);
}

void reap(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
}

}  // namespace

Result<FsyncCounter> FsyncCounter::attach(const std::string& stracePath, pid_t pid, const std::string& outputPath) {
  if (::access(stracePath.c_str(), X_OK) != 0) return unavailable(stracePath + " is not installed.");
  const int summary = ::open(outputPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (summary >= 0) ::close(summary);  // strace truncates it and keeps the mode
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return unavailable("no pipe.");
  std::vector<std::string> words{stracePath, "-f", "-e", "trace=fsync,fdatasync", "-o", outputPath,
                                 "-p", std::to_string(pid)};
  std::vector<char*> argv;
  for (auto& word : words) argv.push_back(word.data());
  argv.push_back(nullptr);
  const pid_t child = ::fork();
  if (child < 0) return unavailable("fork failed.");
  if (child == 0) {
    const int null = ::open("/dev/null", O_RDWR);
    ::dup2(null, 0);
    ::dup2(null, 1);
    ::dup2(fds[1], 2);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  ::close(fds[1]);
  FsyncCounter counter(child, pid, fds[0], outputPath);
  // strace says "Process N attached with K threads" once every thread is traced.
  std::string said;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (said.find("attached") == std::string::npos) {
    pollfd poller{fds[0], POLLIN, 0};
    if (std::chrono::steady_clock::now() > deadline) return unavailable("strace did not attach within 10 s.");
    if (::poll(&poller, 1, 200) <= 0) continue;
    char buffer[512];
    const ssize_t got = ::read(fds[0], buffer, sizeof buffer);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) {
      reap(child);
      counter.stracePid_ = -1;
      return unavailable("strace exited: " + said);
    }
    said.append(buffer, static_cast<std::size_t>(got));
  }
  return counter;
}

FsyncCounter::FsyncCounter(FsyncCounter&& other) noexcept
    : stracePid_(other.stracePid_),
      tracedPid_(other.tracedPid_),
      stderrFd_(other.stderrFd_),
      outputPath_(std::move(other.outputPath_)) {
  other.stracePid_ = -1;
  other.stderrFd_ = -1;
}

FsyncCounter::~FsyncCounter() {
  if (stracePid_ > 0) {
    ::kill(stracePid_, SIGINT);
    reap(stracePid_);
  }
  if (stderrFd_ >= 0) ::close(stderrFd_);
}

Result<SyncCounts> FsyncCounter::finish() {
  if (stracePid_ <= 0) return unavailable("not attached.");
  ::kill(stracePid_, SIGINT);  // strace detaches
  reap(stracePid_);
  stracePid_ = -1;
  std::ifstream in(outputPath_);
  if (!in) return unavailable("no output in " + outputPath_ + ".");
  // Lines "TID fdatasync(FD) = 0", or "TID fdatasync(FD <unfinished ...>" when another
  // thread's call came in between (its "<... fdatasync resumed>" line is not counted).
  const std::regex call(R"(^(\d+)\s+(fsync|fdatasync)\((\d+))");
  const std::string proc = "/proc/" + std::to_string(tracedPid_);
  SyncCounts counts;
  std::map<std::string, std::string> names;  // "tid/fd" -> its label
  std::string line;
  while (std::getline(in, line)) {
    std::smatch match;
    if (!std::regex_search(line, match, call)) continue;
    const std::string key = match[1].str() + "/" + match[3].str();
    auto named = names.find(key);
    if (named == names.end()) {
      std::ifstream comm(proc + "/task/" + match[1].str() + "/comm");
      std::string thread;
      std::getline(comm, thread);
      std::error_code ignored;
      const auto file = std::filesystem::read_symlink(proc + "/fd/" + match[3].str(), ignored);
      named = names.emplace(key, (thread.empty() ? "thread " + match[1].str() : thread) + ": " +
                                     (file.empty() ? "fd " + match[3].str() : file.filename().string()))
                  .first;
    }
    ++counts.byThreadAndFile[named->second];
    ++counts.total;
  }
  return counts;
}

std::int64_t SyncCounts::ofThreads(const std::string& prefix) const {
  std::int64_t calls = 0;
  for (const auto& [label, count] : byThreadAndFile) {
    if (label.rfind(prefix, 0) == 0) calls += count;
  }
  return calls;
}

}  // namespace loyalty::bench
