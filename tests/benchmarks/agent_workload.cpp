#include "agent_workload.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace loyalty::bench {
namespace {

constexpr int kMaxGeneratedLines = 30;
constexpr int kStoreBrandSkus = 400;

void addUnique(std::vector<std::string>& list, const std::string& value) {
  if (std::find(list.begin(), list.end(), value) == list.end()) list.push_back(value);
}

}  // namespace

Result<AgentWorkload> AgentWorkload::load(const std::string& basketsDirectory, std::int64_t members,
                                          std::uint64_t seed, WorkloadMix mix) {
  std::vector<std::filesystem::path> files;
  std::error_code ignored;
  for (const auto& entry : std::filesystem::directory_iterator(basketsDirectory, ignored)) {
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());  // the same order (and so the same run) every time
  if (files.empty()) {
    return makeError(ErrorCode::io_error, "no_baskets", "no *.json basket in " + basketsDirectory + ".");
  }
  std::vector<nlohmann::json> examples;
  std::vector<nlohmann::json> pool;
  for (const auto& file : files) {
    std::ifstream in(file);
    std::stringstream text;
    text << in.rdbuf();
    auto basket = nlohmann::json::parse(text.str(), nullptr, false);
    if (!basket.is_object() || !basket.contains("lines") || !basket["lines"].is_array()) {
      return makeError(ErrorCode::parse_error, "bad_basket", file.string() + " is not a basket with \"lines\".");
    }
    for (const auto& line : basket["lines"]) {
      pool.push_back({{"sku", line.at("sku")}, {"categories", line.at("categories")},
                      {"unit_price", line.at("unit_price")}});
    }
    examples.push_back(std::move(basket["lines"]));
  }
  return AgentWorkload(std::move(examples), std::move(pool), members, seed, mix);
}

AgentWorkload::AgentWorkload(std::vector<nlohmann::json> examples, std::vector<nlohmann::json> pool,
                             std::int64_t members, std::uint64_t seed, WorkloadMix mix)
    : examples_(std::move(examples)), pool_(std::move(pool)), members_(members), random_(seed), mix_(mix) {
  for (const auto& line : pool_) {
    for (const auto& category : line["categories"]) addUnique(categories_, category.get<std::string>());
  }
  addUnique(categories_, "general");
}

std::string AgentWorkload::memberId(std::int64_t number) {
  char text[32];
  std::snprintf(text, sizeof text, "m-%08lld", static_cast<long long>(number));
  return text;
}

std::string AgentWorkload::cardId(std::int64_t number) {
  char text[32];
  std::snprintf(text, sizeof text, "C%08lld-1", static_cast<long long>(number));
  return text;
}

std::int64_t AgentWorkload::randomMemberNumber() {
  return 1 + static_cast<std::int64_t>(random_() % static_cast<std::uint64_t>(members_));
}

nlohmann::json AgentWorkload::generatedLines() {
  const int count = 1 + static_cast<int>(random_() % kMaxGeneratedLines);
  nlohmann::json lines = nlohmann::json::array();
  for (int i = 1; i <= count; ++i) {
    nlohmann::json line;
    if (percent() < 50) {
      line = pool_[random_() % pool_.size()];  // an item the bundle's rules know
    } else {
      // A store-brand item: only category and basket-wide rules can touch it.
      line["sku"] = "store-brand-" + std::to_string(random_() % kStoreBrandSkus);
      line["categories"] = nlohmann::json::array({categories_[random_() % categories_.size()]});
      line["unit_price"] = 49 + static_cast<std::int64_t>(random_() % 2950);
    }
    line["line"] = i;
    line["quantity"] = 1 + static_cast<std::int64_t>(random_() % (percent() < 80 ? 1 : 6));
    lines.push_back(std::move(line));
  }
  return lines;
}

std::string AgentWorkload::saleBody(const std::string& posSaleId) {
  nlohmann::json body;
  if (!posSaleId.empty()) body["pos_sale_id"] = posSaleId;
  body["lines"] = percent() < mix_.exampleBasketPercent ? examples_[random_() % examples_.size()] : generatedLines();
  if (percent() >= mix_.anonymousPercent) {
    body["member_id"] = memberId(randomMemberNumber());
    if (percent() < mix_.voucherPercent) {
      body["redeem"] = nlohmann::json::array({{{"code", percent() < 70 ? "MEMBER20" : "WELCOME5"}}});
    }
    if (percent() < mix_.burnPercent) {
      body["burn"] = percent() < 50 ? nlohmann::json{{"max", true}} : nlohmann::json{{"points", 500}};
    }
  }
  return body.dump();
}

}  // namespace loyalty::bench
