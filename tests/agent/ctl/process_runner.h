// Runs the real loyaltyctl binary as a child process and captures what it printed and its
// exit status, so the tests see exactly what a person at a shell would.
#pragma once

#include <string>
#include <vector>

namespace loyalty::ctl::test {

struct ProcessResult {
  int exitCode = -1;     // -1: did not exit normally (killed by a signal: a crash)
  int signal = 0;        // the signal that ended it, if any
  std::string out;
  std::string err;
};

// Runs `program` with `args` (no shell involved), stdin from /dev/null.
[[nodiscard]] ProcessResult runProcess(const std::string& program,
                                       const std::vector<std::string>& args);

// Runs loyaltyctl (the binary built with these tests).
[[nodiscard]] ProcessResult runCtl(const std::vector<std::string>& args);

// Paths of the repository's example files, e.g. example("baskets/gold-happy-hour.json").
[[nodiscard]] std::string example(const std::string& relative);

// A fresh file under the build tree holding `content`; returns its path.
[[nodiscard]] std::string writeTempFile(const std::string& name, const std::string& content);

[[nodiscard]] std::string readFile(const std::string& path);

}  // namespace loyalty::ctl::test
