// Composition root of loyaltyctl: the only place that reads the wall clock.
#include <chrono>
#include <cstdint>
#include <iostream>

#include "command_line.h"

int main(int argc, char** argv) {
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  return loyalty::ctl::runCommandLine(argc, argv, static_cast<std::int64_t>(now), std::cout,
                                      std::cerr);
}
