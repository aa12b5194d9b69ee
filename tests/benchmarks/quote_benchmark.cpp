// Quote latency: a 50-line basket against a bundle of 500 live rules of mixed kinds,
// next to a baseline (the same baskets against base earning only) measured in the same
// run, interleaved in rounds so that machine noise hits both alike.
#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdio>
#include <vector>

#include "engine/pricing_engine.h"
#include "latency_stats.h"
#include "random_bundle.h"

namespace {
using namespace loyalty::engine;
using loyalty::bench::LatencySummary;
using Clock = std::chrono::steady_clock;

struct Workload {
  PricingEngine engine;
  std::vector<QuoteRequest> requests;
};

std::int64_t nanosSince(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - start).count();
}

// Runs `count` quotes, cycling through the requests; returns per-quote latencies.
std::int64_t runRound(const Workload& workload, int count, std::size_t& cursor, std::vector<std::int64_t>& out,
                      std::int64_t& checksum) {
  const auto roundStart = Clock::now();
  for (int i = 0; i < count; ++i) {
    const QuoteRequest& request = workload.requests[cursor++ % workload.requests.size()];
    const auto start = Clock::now();
    auto result = workload.engine.quote(request);
    out.push_back(nanosSince(start));
    if (result) checksum += result->toPay + static_cast<std::int64_t>(result->applied.size());
  }
  return nanosSince(roundStart);
}

void print(const char* name, const LatencySummary& s) {
  std::printf("  %-26s p50 %8.1f us   p99 %8.1f us   max %8.1f us   %10.0f quotes/s\n", name, s.p50Micros,
              s.p99Micros, s.maxMicros, s.perSecond);
}

struct Options {
  int iterations = 20000;
  int rules = 500;
  int lines = 50;
  int rounds = 10;
  std::uint64_t seed = 7;
};

// One workload: the bundle shape's 500 rules against its baseline, interleaved.
void measure(const char* title, loyalty::testing::RandomBundleShape shape, const Options& options) {
  loyalty::testing::RandomInputs random(options.seed);
  shape.earningRules = options.rules * 2 / 5;  // 200 of 500: base, multipliers, fixed bonuses, caps
  shape.redeemables = options.rules - shape.earningRules;
  shape.skus = 2000;
  shape.categories = 40;
  shape.allLive = true;
  loyalty::testing::RandomBasketShape basketShape;
  basketShape.minLines = options.lines;
  basketShape.maxLines = options.lines;

  Bundle full = random.bundle(shape);
  Bundle baseline = full;
  Program& baseProgram = baseline.programs.front();
  baseProgram.earningRules.resize(2);  // base reward + base qualifying only
  baseProgram.redeemables.clear();
  baseProgram.voucherCodes.clear();

  std::vector<QuoteRequest> requests;
  for (int i = 0; i < 256; ++i) {
    QuoteRequest request = random.request(full, shape, basketShape, true);
    request.member->status = MemberStatus::active;
    request.context.snapshotStale = false;
    request.context.disabledCampaigns.clear();
    requests.push_back(std::move(request));
  }
  std::vector<QuoteRequest> baselineRequests = requests;
  for (auto& request : baselineRequests) {
    request.redeem.clear();
    request.burn = BurnRequest{};
  }
  std::size_t automatic = 0;
  for (const auto& r : full.programs.front().redeemables) automatic += r.automatic ? 1 : 0;

  const Workload fullWork{PricingEngine(full), requests};
  const Workload baseWork{PricingEngine(baseline), baselineRequests};
  std::size_t candidates = 0;
  std::size_t earningRules = 0;
  for (const auto& request : requests) {
    auto result = fullWork.engine.quote(request);
    if (!result) continue;
    candidates += result->applied.size() + result->rejected.size();
    earningRules += result->earned.size();
  }
  std::printf("%s: %zu earning rules, %zu redeemables (%zu automatic); %d-line baskets; %d quotes each;\n"
              "  per quote on average %.1f redeemables considered, %.1f earning rules credited\n",
              title, full.programs.front().earningRules.size(), full.programs.front().redeemables.size(), automatic,
              options.lines, options.iterations, static_cast<double>(candidates) / 256.0,
              static_cast<double>(earningRules) / 256.0);

  std::int64_t checksum = 0;
  std::size_t cursorFull = 0;
  std::size_t cursorBase = 0;
  std::vector<std::int64_t> warm;
  runRound(fullWork, 500, cursorFull, warm, checksum);
  runRound(baseWork, 500, cursorBase, warm, checksum);

  std::vector<std::int64_t> fullNanos;
  std::vector<std::int64_t> baseNanos;
  fullNanos.reserve(static_cast<std::size_t>(options.iterations));
  baseNanos.reserve(static_cast<std::size_t>(options.iterations));
  std::int64_t fullWall = 0;
  std::int64_t baseWall = 0;
  const int perRound = std::max(1, options.iterations / options.rounds);
  for (int done = 0; done < options.iterations; done += perRound) {
    const int count = std::min(perRound, options.iterations - done);
    baseWall += runRound(baseWork, count, cursorBase, baseNanos, checksum);
    fullWall += runRound(fullWork, count, cursorFull, fullNanos, checksum);
  }
  const LatencySummary base = loyalty::bench::summarize(baseNanos, baseWall);
  const LatencySummary all = loyalty::bench::summarize(fullNanos, fullWall);
  print("baseline (base earning)", base);
  print("all rules", all);
  std::printf("  ratio to baseline: p50 %.2fx  p99 %.2fx   (checksum %lld)\n\n", all.p50Micros / base.p50Micros,
              all.p99Micros / base.p99Micros, static_cast<long long>(checksum));
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Prices baskets against a large rule bundle and prints latency percentiles."};
  Options options;
  app.add_option("--iterations", options.iterations, "quotes per workload (at least 10000 for the issue's figure)")
      ->check(CLI::Range(100, 10'000'000));
  app.add_option("--rules", options.rules, "live rules in the bundle")->check(CLI::Range(10, 100000));
  app.add_option("--lines", options.lines, "lines per basket")->check(CLI::Range(1, 100000));
  app.add_option("--rounds", options.rounds, "interleaved rounds")->check(CLI::Range(1, 1000));
  app.add_option("--seed", options.seed, "generator seed");
  CLI11_PARSE(app, argc, argv);

  std::printf("Quote latency (target: p99 <= 100 us for the retail mix)\n\n");
  // A store's bundle: most promotions and bonus rules name SKUs (flyer items, supplier
  // bonus points), some a category, few the whole basket; exclusives are rare.
  loyalty::testing::RandomBundleShape retail;
  retail.basketTargetPercent = 4;
  retail.categoryTargetPercent = 24;
  retail.exclusivePercent = 1;
  measure("retail mix", retail, options);
  // Stress: 30% of all rules basket-wide and 40% on a category, so most rules touch
  // every basket.
  loyalty::testing::RandomBundleShape dense;
  measure("dense mix (stress)", dense, options);
  return 0;
}
