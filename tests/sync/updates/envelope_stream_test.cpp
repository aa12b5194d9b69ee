// Large contents stream: a 200,000-member snapshot is generated line by line, hashed by HQ,
// and read by the agent through the envelope's hashing stream into the snapshot reader,
// without either side holding it in memory. And random damage to envelopes always ends in
// a clean refusal, never an install or a crash.
#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <random>
#include <set>

#include <sys/resource.h>

#include "codec/bundle_loader.h"
#include "codec/snapshot_codec.h"
#include "updates/campaign_switch.h"
#include "updates_test_support.h"

using namespace updates_test;

namespace {

nlohmann::json exampleBundle() {
  std::ifstream in(std::string(LOYALTY_SOURCE_DIR) + "/config/examples/bundle.json");
  return nlohmann::json::parse(in);
}

engine::MemberView generatedMember(std::int64_t i) {
  char id[32];
  std::snprintf(id, sizeof id, "m-%08lld", static_cast<long long>(i));
  engine::MemberView member;
  member.id = id;
  member.programId = "demo-de";
  member.displayName = "Member " + std::to_string(i % 977);
  member.tier = i % 3 == 0 ? "gold" : "basic";
  member.segments = {"vip"};
  member.attributes = {{"country", "DE"}, {"birthday", "05-14"}};
  member.lots.push_back(engine::Lot{std::string(id) + "/s0/reward", "reward", 100 + i % 5000,
                                    engine::LocalDate{2026, 1, 10}, engine::LocalDate{2027, 1, 10}});
  return member;
}

// A snapshot file produced one line at a time: the whole text never exists.
class GeneratedSnapshot : public std::streambuf {
 public:
  GeneratedSnapshot(std::int64_t members, const nlohmann::json& bundle) : members_(members), bundle_(bundle) {}

 protected:
  int_type underflow() override {
    if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
    if (next_ > members_ + 1) return traits_type::eof();
    if (next_ == 0) {
      line_ = codec::snapshotHeaderLine(7, kStore, kCreated, {{"till-1", 12}}, bundle_);
    } else if (next_ <= members_) {
      line_ = codec::snapshotRecordLine(codec::SnapshotMember{generatedMember(next_), {}});
    } else {
      line_ = codec::snapshotEndLine(members_);
    }
    line_ += '\n';
    ++next_;
    setg(line_.data(), line_.data(), line_.data() + line_.size());
    return traits_type::to_int_type(line_[0]);
  }

 private:
  std::int64_t members_;
  std::int64_t next_ = 0;
  const nlohmann::json& bundle_;
  std::string line_;
};

// An envelope line followed by a generated content: again never whole in memory.
class EnvelopeOverGenerated : public std::streambuf {
 public:
  EnvelopeOverGenerated(std::string line, std::streambuf& content) : line_(std::move(line)), content_(content) {
    setg(line_.data(), line_.data(), line_.data() + line_.size());
  }

 protected:
  int_type underflow() override {
    if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
    const std::streamsize got = content_.sgetn(block_.data(), static_cast<std::streamsize>(block_.size()));
    if (got <= 0) return traits_type::eof();
    setg(block_.data(), block_.data(), block_.data() + got);
    return traits_type::to_int_type(block_[0]);
  }

 private:
  std::string line_;
  std::streambuf& content_;
  std::array<char, 8192> block_{};
};

long maxRssKiB() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

}  // namespace

TEST_CASE("A 200,000-member snapshot is hashed and read through its envelope as a stream") {
  constexpr std::int64_t kMembers = 200'000;
  const nlohmann::json bundle = exampleBundle();
  const UpdateSigner signer = makeSigner("hq-1");
  const TrustedUpdateKeys keys = take(TrustedUpdateKeys::create({signer.trustedKey()}));
  const long rssBefore = maxRssKiB();

  GeneratedSnapshot forHq(kMembers, bundle);
  std::istream hqIn(&forHq);
  const ContentDigest digest = hashContent(hqIn);
  REQUIRE(digest.bytes > 40'000'000);  // far more than the memory bound checked below
  UpdateMetadata metadata = metadataFor(UpdateKind::snapshot_full, 7, "");
  metadata.bundle = VersionHash{1, codec::bundleHash(bundle)};
  const SignedMetadata update = take(signer.sign(metadata, digest));

  GeneratedSnapshot forAgent(kMembers, bundle);
  EnvelopeOverGenerated wire(envelopeLine(update) + "\n", forAgent);
  std::istream agentIn(&wire);
  EnvelopeReader reader(agentIn);
  const SignedMetadata received = take(reader.next()).value();
  REQUIRE(take(decideUpdate(received, keys, {}, kStore, kNow)) == UpdateDecision::install);
  codec::SnapshotFileReader snapshot(reader.content());
  const codec::SnapshotHeader header = take(snapshot.readHeader());
  CHECK(header.version == received.metadata.version);  // what the agent checks at apply time
  CHECK(header.bundleHash == received.metadata.bundle->hash);
  std::int64_t members = 0;
  std::int64_t points = 0;
  while (true) {
    auto record = take(snapshot.next());
    if (!record) break;
    const auto& member = std::get<codec::SnapshotMember>(*record).member;
    ++members;
    points += member.lots.front().points;
  }
  CHECK(members == kMembers);
  std::int64_t expectedPoints = 0;
  for (std::int64_t i = 1; i <= kMembers; ++i) expectedPoints += 100 + i % 5000;
  CHECK(points == expectedPoints);
  const ContentDigest received_digest = take(reader.finishContent());
  CHECK_FALSE(checkContent(received.metadata, received_digest));
  CHECK_FALSE(take(reader.next()));
  // Neither side held the ~50 MB content: the process grew by far less (ctest runs each
  // test case in its own process, so the high-water mark is this test's own).
  const long grownMiB = (maxRssKiB() - rssBefore) / 1024;
  INFO("max RSS grew by " << grownMiB << " MiB for " << digest.bytes / (1024 * 1024) << " MiB of content");
  CHECK(grownMiB < 24);
}

TEST_CASE("Random byte flips and cuts in envelopes always end in a clean refusal") {
  const UpdateSigner signer = makeSigner("hq-1");
  const TrustedUpdateKeys keys = take(TrustedUpdateKeys::create({signer.trustedKey()}));
  const std::string off = campaignSwitchText({{"spring-sale", "welcome500"}});
  const std::string bundleText = R"({"format":1,"programs":[],"version":"2026-05"})";
  const std::string deltaText = "{\"type\":\"header\"}\n{\"type\":\"end\",\"records\":0}\n";
  InstalledUpdates base;
  base.snapshot = VersionHash{4, hashOf("full-4")};
  const std::vector<Update> originals{
      signedUpdate(signer, metadataFor(UpdateKind::campaign_switch, 3, off), off),
      signedUpdate(signer, metadataFor(UpdateKind::bundle, 9, bundleText), bundleText),
      signedUpdate(signer, deltaFor(5, *base.snapshot, deltaText), deltaText),
  };
  for (const Update& original : originals) {
    InstalledUpdates installed = base;
    REQUIRE(readAs(original.envelope(), keys, installed) == "install");
  }
  const std::set<std::string> refusals{"malformed",  "unknown_key", "bad_signature", "expired",
                                       "wrong_store", "rollback",   "replayed",      "wrong_base",
                                       "content_hash_mismatch"};
  std::mt19937_64 random(20260528);
  for (int round = 0; round < 3000; ++round) {
    const Update& original = originals[random() % originals.size()];
    std::string text = original.envelope();
    if (round % 10 == 9) {
      text.resize(random() % text.size());  // a cut anywhere (an empty stream reads as nothing)
      if (text.empty()) continue;
    } else {
      const int flips = 1 + static_cast<int>(random() % 3);
      for (int i = 0; i < flips; ++i) {
        text[random() % text.size()] ^= static_cast<char>(1 + random() % 255);
      }
      if (text == original.envelope()) continue;  // two flips that cancelled out
    }
    InstalledUpdates installed = base;
    const std::string result = readAs(text, keys, installed);
    INFO("round " << round << ": " << result);
    CHECK(refusals.count(result) == 1);
    CHECK(installed == base);
  }
}
