// Percentiles of per-operation latencies, for benchmark programs.
#pragma once

#include <cstdint>
#include <vector>

namespace loyalty::bench {

struct LatencySummary {
  double p50Micros = 0;
  double p99Micros = 0;
  double maxMicros = 0;
  double perSecond = 0;  // operations per second over the whole run
};

// `nanos` holds one latency per operation; `wallNanos` the run's total wall time.
[[nodiscard]] LatencySummary summarize(std::vector<std::int64_t> nanos, std::int64_t wallNanos);

}  // namespace loyalty::bench
