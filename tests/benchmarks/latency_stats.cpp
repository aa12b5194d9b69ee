#include "latency_stats.h"

#include <algorithm>

namespace loyalty::bench {

LatencySummary summarize(std::vector<std::int64_t> nanos, std::int64_t wallNanos) {
  LatencySummary summary;
  if (nanos.empty()) return summary;
  std::sort(nanos.begin(), nanos.end());
  // Nearest-rank percentiles.
  const auto rank = [&](double p) {
    auto index = static_cast<std::size_t>(p * static_cast<double>(nanos.size()));
    if (index >= nanos.size()) index = nanos.size() - 1;
    return static_cast<double>(nanos[index]) / 1000.0;
  };
  summary.p50Micros = rank(0.50);
  summary.p99Micros = rank(0.99);
  summary.maxMicros = static_cast<double>(nanos.back()) / 1000.0;
  if (wallNanos > 0) {
    summary.perSecond = static_cast<double>(nanos.size()) * 1e9 / static_cast<double>(wallNanos);
  }
  return summary;
}

}  // namespace loyalty::bench
