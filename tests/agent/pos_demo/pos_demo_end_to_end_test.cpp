// loyalty-pos-demo end to end, as the README's main job runs it: a generated snapshot loaded
// with the real loyaltyctl, a real loyalty-agent process on an ephemeral port, a member card
// printed as PNG, and the real demo binary playing the checkout over the socket. Checks the
// exit codes, what the cashier reads, and what the agent booked.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <regex>

#include "agent_process.h"
#include "pos_client/pos_client.h"
#include "pos_demo/pos_answers.h"
#include "process_runner.h"

using loyalty::ctl::test::ProcessResult;
using loyalty::ctl::test::runCtl;
using loyalty::ctl::test::runProcess;
using loyalty::pos_demo::test::AgentProcess;

namespace {

namespace fs = std::filesystem;

const std::string kBasket = std::string(LOYALTY_SOURCE_DIR) + "/config/examples/baskets/weekly-shop.json";

std::string freshDir() {
  static int counter = 0;
  const fs::path dir = fs::path(LOYALTY_BINARY_DIR) / "pos_demo_test_files" /
                       (std::to_string(::getpid()) + "-" + std::to_string(++counter));
  fs::remove_all(dir);
  fs::create_directories(dir);
  fs::permissions(dir, fs::perms::owner_all, fs::perm_options::replace);
  return dir.string();
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// A till: a terminal database with a generated snapshot and a running agent.
struct Till {
  std::string dir = freshDir();
  std::string snapshot = dir + "/snapshot.ndjson";
  std::string token = dir + "/api-token";
  std::unique_ptr<AgentProcess> agent;

  explicit Till(int members = 200) {
    auto generated = runCtl({"snapshot", "generate", "--members", std::to_string(members), "--bundle",
                             std::string(LOYALTY_SOURCE_DIR) + "/config/examples/bundle.json", "--store",
                             "berlin-01", "--seed", "7", "--out", snapshot});
    REQUIRE(generated.exitCode == 0);
    auto imported = runCtl({"snapshot", "import", "--db", dir + "/agent.db", "--terminal", "till-t", snapshot});
    REQUIRE(imported.exitCode == 0);
    std::ofstream(dir + "/agent.json")
        << R"({"format": 1, "terminalId": "till-t", "storeId": "berlin-01", "databasePath": "agent.db",
              "tokenFile": "api-token", "listen": {"address": "127.0.0.1", "port": 0}, "lanes": 2,
              "log": {"level": "info"}})";
    agent = std::make_unique<AgentProcess>(LOYALTY_AGENT_PATH, dir + "/agent.json", dir + "/agent.log");
  }

  ProcessResult demo(std::vector<std::string> args) const {
    args.insert(args.begin(), {"--port", std::to_string(agent->port()), "--token-file", token});
    return runProcess(POS_DEMO_PATH, args);
  }

  std::string findMember() const {
    auto found = demo({"--find-member", "--min-points", "1000"});
    REQUIRE(found.exitCode == 0);
    REQUIRE(std::regex_match(found.out, std::regex("m-[0-9]{8}\n")));
    return found.out.substr(0, found.out.size() - 1);
  }

  // The member's first card as a PNG, signed with `keyPem` (default: the snapshot's card key).
  std::string card(const std::string& member, std::string keyPem = {}) const {
    if (keyPem.empty()) keyPem = snapshot + ".card-key.pem";
    const std::string card = "C" + member.substr(2) + "-1";
    const std::string png = dir + "/" + card + ".png";
    auto issued = runCtl({"card", "issue", "--key", keyPem, "--key-id", "hq-card-1", "--card", card, "--png", png});
    REQUIRE(issued.exitCode == 0);
    return png;
  }

  std::int64_t lastSequence() const {
    std::ifstream in(token);
    std::string secret;
    std::getline(in, secret);
    loyalty::pos::PosClient client("127.0.0.1", agent->port(), secret);
    auto response = client.get("/v1/status");
    REQUIRE(response);
    auto status = loyalty::pos_demo::parseStatusAnswer(response->body);
    REQUIRE(status);
    return status->lastSequence;
  }
};

}  // namespace

TEST_CASE("pos demo: the scripted checkout from a QR picture, end to end", "[pos_demo]") {
  Till till;
  const std::string member = till.findMember();
  auto run = till.demo({"--card-image", till.card(member), "--member", member, "--basket", kBasket, "--voucher",
                        "MEMBER20", "--burn", "500", "--sale-id", "sale-1"});
  INFO(run.out << run.err);
  REQUIRE(run.exitCode == 0);
  CHECK(run.err.empty());
  for (const char* step : {"== 0. ", "== 1. Scan the member card", "== 2. Price the basket: voucher MEMBER20, pay 500 points",
                           "== 3. The customer pays ", "== 4. The customer brings back 1 x coffee-house-blend-500g",
                           "== 5. The member's account now"}) {
    CHECK(count(run.out, step) == 1);
  }
  CHECK(count(run.out, "accepted: ") == 1);
  CHECK(count(run.out, "(" + member + ")") == 2);          // after the scan and at the end
  CHECK(count(run.out, "500 reward points pay 5.00 EUR") == 1);
  CHECK(count(run.out, "(voucher MEMBER20)") >= 1);        // a discount's source on its line
  CHECK(std::regex_search(run.out, std::regex("TO PAY    [0-9]+\\.[0-9]{2} EUR")));
  CHECK(count(run.out, "APPROVED  sale sale-1") == 1);
  CHECK(count(run.out, "already_committed true") == 1);
  CHECK(std::regex_search(run.out, std::regex("REFUND    [0-9]+\\.[0-9]{2} EUR")));
  CHECK(count(run.out, ": agrees") >= 1);
  CHECK(count(run.out, "DOES NOT AGREE") == 0);
  // Every entry the screens said was written is in the ledger, and nothing else.
  const std::int64_t written = static_cast<std::int64_t>(count(run.out, "              #"));
  CHECK(written >= 2);
  CHECK(till.lastSequence() == written);
  CHECK(till.agent->stop() == 0);
  auto verified = runCtl({"ledger", "verify", "--db", till.dir + "/agent.db"});
  CHECK(verified.exitCode == 0);
}

TEST_CASE("pos demo: the same sale played again books nothing new", "[pos_demo]") {
  Till till;
  const std::string member = till.findMember();
  const std::vector<std::string> args{"--member", member, "--basket", kBasket, "--burn", "max", "--sale-id",
                                      "sale-again", "--return", "2:1"};
  auto first = till.demo(args);
  INFO(first.out << first.err);
  REQUIRE(first.exitCode == 0);
  CHECK(count(first.out, "== 1. Key in the member number") == 1);
  CHECK(count(first.out, "1 x croissant (line 2)") == 1);
  const std::int64_t sequence = till.lastSequence();
  auto second = till.demo(args);
  INFO(second.out << second.err);
  REQUIRE(second.exitCode == 0);
  CHECK(count(second.out, "already committed earlier: nothing new written") == 2);  // the sale and the return
  CHECK(count(second.out, ": agrees") >= 1);
  CHECK(till.lastSequence() == sequence);
  CHECK(till.agent->stop() == 0);
}

TEST_CASE("pos demo: a card signed by another key is refused and nothing is booked", "[pos_demo]") {
  Till till;
  const std::string member = till.findMember();
  const std::string stranger = till.dir + "/stranger.pem";
  REQUIRE(runCtl({"card", "keygen", "--out", stranger}).exitCode == 0);
  auto run = till.demo({"--card-image", till.card(member, stranger), "--basket", kBasket, "--burn", "500"});
  CHECK(run.exitCode == 1);
  CHECK(count(run.out, "REFUSED (bad_signature)") == 1);
  CHECK(count(run.err, "card_refused") == 1);
  CHECK(count(run.out, "== 2.") == 0);
  CHECK(till.lastSequence() == 0);
  CHECK(till.agent->stop() == 0);
}

TEST_CASE("pos demo: wrong member, wrong token, no agent and bad options are errors with a reason", "[pos_demo]") {
  Till till;
  const std::string member = till.findMember();
  const std::string png = till.card(member);
  auto wrong = till.demo({"--card-image", png, "--member", "m-99999999", "--basket", kBasket});
  CHECK(wrong.exitCode == 1);
  CHECK(count(wrong.err, "wrong_member") == 1);

  const std::string badToken = till.dir + "/bad-token";
  std::ofstream(badToken) << std::string(64, 'a') << "\n";
  auto refused = runProcess(POS_DEMO_PATH, {"--port", std::to_string(till.agent->port()), "--token-file", badToken,
                                            "--member", member, "--basket", kBasket});
  CHECK(refused.exitCode == 1);
  CHECK(count(refused.err, "invalid_token: ") == 1);
  CHECK(count(refused.err, "(HTTP 401)") == 1);

  auto badBurn = till.demo({"--member", member, "--basket", kBasket, "--burn", "lots"});
  CHECK(badBurn.exitCode == 1);
  CHECK(count(badBurn.err, "invalid_burn") == 1);
  auto badReturn = till.demo({"--member", member, "--basket", kBasket, "--return", "1:"});
  CHECK(badReturn.exitCode == 1);
  CHECK(count(badReturn.err, "invalid_return") == 1);
  auto noBasket = till.demo({"--member", member});
  CHECK(noBasket.exitCode == 2);
  auto missingBasket = till.demo({"--member", member, "--basket", till.dir + "/none.json"});
  CHECK(missingBasket.exitCode == 1);
  CHECK(count(missingBasket.err, "file_unreadable") == 1);
  auto notImage = till.demo({"--card-image", kBasket, "--basket", kBasket});
  CHECK(notImage.exitCode == 1);
  CHECK(count(notImage.err, "not_an_image") == 1);
  CHECK(till.lastSequence() == 0);

  const std::uint16_t port = till.agent->port();
  CHECK(till.agent->stop() == 0);
  auto gone = runProcess(POS_DEMO_PATH, {"--port", std::to_string(port), "--token-file", till.token, "--member",
                                         member, "--basket", kBasket, "--timeout-ms", "2000"});
  CHECK(gone.exitCode == 1);
  CHECK(count(gone.err, "connect_failed") == 1);
}
