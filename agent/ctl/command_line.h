// The loyaltyctl command line (CLI11): parses arguments, runs one command, prints its
// output, and maps every failure to an exit code. Never throws.
#pragma once

#include <cstdint>
#include <iosfwd>

namespace loyalty::ctl {

// Exit codes: 0 success, 2 bad input or usage (reason and sentence on stderr),
// 1 internal error (a bug; reported on stderr, never a crash), and for `ledger verify`
// 1 also when the ledger is broken (the report on stdout says where); 3 card refused.
inline constexpr int kExitOk = 0;
inline constexpr int kExitInternal = 1;
inline constexpr int kExitVerifyFailed = 1;
inline constexpr int kExitBadInput = 2;
// `card verify` only: the input was read and verified, and no card in it was accepted.
inline constexpr int kExitCardRefused = 3;

// `nowEpochSeconds` is the wall clock as the composition root read it; commands use it
// when no --at is given.
[[nodiscard]] int runCommandLine(int argc, const char* const* argv, std::int64_t nowEpochSeconds,
                                 std::ostream& out, std::ostream& err) noexcept;

}  // namespace loyalty::ctl
