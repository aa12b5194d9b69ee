#include "child_process.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <csignal>
#include <cstring>

namespace loyalty::testing {
namespace {

Error spawnFailed(const std::string& what) {
  return makeError(ErrorCode::io_error, "spawn_failed", what + ": " + std::strerror(errno));
}

// argv for execv, built before fork: the child may only make async-signal-safe calls.
std::vector<char*> argvOf(std::vector<std::string>& store) {
  std::vector<char*> argv;
  for (auto& arg : store) argv.push_back(arg.data());
  argv.push_back(nullptr);
  return argv;
}

ExitStatus statusOf(int raw) {
  ExitStatus status;
  if (WIFEXITED(raw)) status.code = WEXITSTATUS(raw);
  if (WIFSIGNALED(raw)) status.signal = WTERMSIG(raw);
  return status;
}

// In the child: stdin from /dev/null, the given descriptors as stdout and stderr, then exec.
[[noreturn]] void execChild(const char* program, char* const* argv, int out, int err) {
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  const int in = ::open("/dev/null", O_RDONLY);
  if (in < 0 || ::dup2(in, 0) < 0 || ::dup2(out, 1) < 0 || ::dup2(err, 2) < 0) ::_exit(127);
  ::execv(program, argv);
  ::_exit(127);
}

}  // namespace

Result<CommandResult> runCommand(const std::string& program, const std::vector<std::string>& args) {
  std::vector<std::string> store{program};
  store.insert(store.end(), args.begin(), args.end());
  std::vector<char*> argv = argvOf(store);
  std::array<int, 2> outPipe{};
  std::array<int, 2> errPipe{};
  if (::pipe2(outPipe.data(), O_CLOEXEC) != 0) return spawnFailed("pipe");
  if (::pipe2(errPipe.data(), O_CLOEXEC) != 0) {
    ::close(outPipe[0]);
    ::close(outPipe[1]);
    return spawnFailed("pipe");
  }
  const pid_t pid = ::fork();
  if (pid == 0) execChild(program.c_str(), argv.data(), outPipe[1], errPipe[1]);
  ::close(outPipe[1]);
  ::close(errPipe[1]);
  if (pid < 0) {
    ::close(outPipe[0]);
    ::close(errPipe[0]);
    return spawnFailed("fork " + program);
  }
  CommandResult result;
  std::array<pollfd, 2> fds{pollfd{outPipe[0], POLLIN, 0}, pollfd{errPipe[0], POLLIN, 0}};
  std::array<std::string*, 2> sinks{&result.out, &result.err};
  int open = 2;
  std::array<char, 8192> chunk{};
  while (open > 0) {
    if (::poll(fds.data(), fds.size(), -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    for (std::size_t i = 0; i < fds.size(); ++i) {
      if (fds[i].fd < 0 || fds[i].revents == 0) continue;
      const ssize_t n = ::read(fds[i].fd, chunk.data(), chunk.size());
      if (n > 0) {
        sinks[i]->append(chunk.data(), static_cast<std::size_t>(n));
      } else if (n == 0 || errno != EINTR) {
        ::close(fds[i].fd);
        fds[i].fd = -1;
        --open;
      }
    }
  }
  for (const pollfd& fd : fds) {
    if (fd.fd >= 0) ::close(fd.fd);
  }
  int raw = 0;
  while (::waitpid(pid, &raw, 0) < 0) {
    if (errno != EINTR) return spawnFailed("waitpid");
  }
  result.status = statusOf(raw);
  return result;
}

ChildProcess::~ChildProcess() {
  if (running()) (void)kill9();
  joinReader();
}

Result<pid_t> ChildProcess::spawn(const std::string& program, const std::vector<std::string>& args) {
  if (running()) return makeError(ErrorCode::io_error, "already_running", program + " is already running.");
  joinReader();  // the previous run's reader, done since that child ended
  std::vector<std::string> store{program};
  store.insert(store.end(), args.begin(), args.end());
  std::vector<char*> argv = argvOf(store);
  std::array<int, 2> errPipe{};
  if (::pipe2(errPipe.data(), O_CLOEXEC) != 0) return spawnFailed("pipe");
  const int devNull = ::open("/dev/null", O_WRONLY | O_CLOEXEC);
  const pid_t pid = devNull < 0 ? -1 : ::fork();
  if (pid == 0) execChild(program.c_str(), argv.data(), devNull, errPipe[1]);
  ::close(errPipe[1]);
  if (devNull >= 0) ::close(devNull);
  if (pid < 0) {
    ::close(errPipe[0]);
    return spawnFailed("fork " + program);
  }
  pid_ = pid;
  {
    const std::lock_guard lock(mutex_);
    streamOpen_ = true;
  }
  reader_ = std::thread([this, fd = errPipe[0]] { readLines(fd); });
  return pid;
}

void ChildProcess::readLines(int fd) {
  std::string pending;
  std::array<char, 8192> chunk{};
  for (;;) {
    const ssize_t n = ::read(fd, chunk.data(), chunk.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    pending.append(chunk.data(), static_cast<std::size_t>(n));
    std::size_t start = 0;
    std::vector<std::string> complete;
    for (std::size_t newline; (newline = pending.find('\n', start)) != std::string::npos; start = newline + 1) {
      complete.push_back(pending.substr(start, newline - start));
    }
    pending.erase(0, start);
    if (!complete.empty()) {
      const std::lock_guard lock(mutex_);
      for (auto& line : complete) lines_.push_back(std::move(line));
      changed_.notify_all();
    }
  }
  ::close(fd);
  const std::lock_guard lock(mutex_);
  if (!pending.empty()) lines_.push_back(std::move(pending));
  streamOpen_ = false;
  changed_.notify_all();
}

void ChildProcess::joinReader() {
  if (reader_.joinable()) reader_.join();
}

bool ChildProcess::signal(int signal) const noexcept { return running() && ::kill(pid_, signal) == 0; }

Result<ExitStatus> ChildProcess::wait(std::chrono::milliseconds limit) {
  if (!running()) return makeError(ErrorCode::io_error, "not_running", "no child process is running.");
  const auto until = std::chrono::steady_clock::now() + limit;
  for (;;) {
    int raw = 0;
    const pid_t done = ::waitpid(pid_, &raw, WNOHANG);
    if (done == pid_) {
      pid_ = -1;
      joinReader();  // the child's end of the pipe is closed now: the reader sees EOF
      return statusOf(raw);
    }
    if (done < 0 && errno != EINTR) return spawnFailed("waitpid");
    if (std::chrono::steady_clock::now() >= until) {
      return makeError(ErrorCode::io_error, "still_running",
                       "process " + std::to_string(pid_) + " did not end within " + std::to_string(limit.count()) +
                           " ms.");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

Result<ExitStatus> ChildProcess::kill9() {
  if (!running()) return makeError(ErrorCode::io_error, "not_running", "no child process is running.");
  ::kill(pid_, SIGKILL);
  return wait(std::chrono::minutes(1));
}

std::vector<std::string> ChildProcess::lines() const {
  const std::lock_guard lock(mutex_);
  return lines_;
}

std::size_t ChildProcess::lineCount() const {
  const std::lock_guard lock(mutex_);
  return lines_.size();
}

long ChildProcess::waitForLine(std::size_t from, const std::function<bool(const std::string&)>& match,
                               std::chrono::milliseconds limit) const {
  const auto until = std::chrono::steady_clock::now() + limit;
  std::unique_lock lock(mutex_);
  std::size_t next = from;
  for (;;) {
    for (; next < lines_.size(); ++next) {
      if (match(lines_[next])) return static_cast<long>(next);
    }
    if (!streamOpen_) return -1;
    if (changed_.wait_until(lock, until) == std::cv_status::timeout && next == lines_.size()) return -1;
  }
}

}  // namespace loyalty::testing
