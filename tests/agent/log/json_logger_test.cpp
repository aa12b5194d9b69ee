// Structured log lines: each one valid JSON with ts, level, event and the fields, whatever
// the field text holds, whole under concurrent writers; the level filter changes live; a
// failing stream or clock never throws into the caller.
#include <fcntl.h>
#include <unistd.h>

#include <cstdint>
#include <fstream>
#include <limits>
#include <random>
#include <sstream>
#include <streambuf>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "log/json_logger.h"

namespace loyalty::log {
namespace {

using namespace std::chrono;

system_clock::time_point at(sys_days day, milliseconds timeOfDay) { return system_clock::time_point(day) + timeOfDay; }

JsonLogger::Clock fixedClock() {
  return [] { return at(sys_days{2026y / March / 16}, hours(16) + minutes(30) + milliseconds(123)); };
}

std::vector<nlohmann::json> parseLines(const std::string& text) {
  std::vector<nlohmann::json> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) lines.push_back(nlohmann::json::parse(line));  // throws on invalid JSON
  return lines;
}

TEST_CASE("a line holds ts, level, event and typed fields", "[log]") {
  std::ostringstream out;
  JsonLogger logger(out, LogLevel::debug, fixedClock());
  logger.info("api_listening", {{"address", "127.0.0.1"},
                                {"port", std::uint16_t{8420}},
                                {"lanes", std::size_t{4}},
                                {"delta", -12},
                                {"max", std::numeric_limits<std::uint64_t>::max()},
                                {"min", std::numeric_limits<std::int64_t>::min()},
                                {"tls", false},
                                {"path", std::string("/members/m-1")}});
  CHECK(out.str() ==
        R"({"ts":"2026-03-16T16:30:00.123Z","level":"info","event":"api_listening","address":"127.0.0.1",)"
        R"("port":8420,"lanes":4,"delta":-12,"max":18446744073709551615,"min":-9223372036854775808,)"
        R"("tls":false,"path":"/members/m-1"})"
        "\n");
}

TEST_CASE("timestamps are UTC ISO-8601 with milliseconds", "[log]") {
  CHECK(formatUtcMillis(at(sys_days{2024y / February / 29}, hours(23) + minutes(59) + seconds(59) + milliseconds(999))) ==
        "2024-02-29T23:59:59.999Z");
  CHECK(formatUtcMillis(at(sys_days{1970y / January / 1}, milliseconds(7))) == "1970-01-01T00:00:00.007Z");
  CHECK(formatUtcMillis(at(sys_days{2038y / January / 19}, hours(3) + minutes(14) + seconds(8))) ==
        "2038-01-19T03:14:08.000Z");
}

TEST_CASE("any field text gives valid JSON: escapes, control bytes, broken UTF-8", "[log]") {
  std::ostringstream out;
  JsonLogger logger(out, LogLevel::debug, fixedClock());
  const std::string nasty = std::string("quote\" back\\ nl\n tab\t nul") + '\0' + " del\x7f bell\x07 euro\xE2\x82\xAC" +
                            " broken\xE2\x82 lone\xFF overlong\xC0\xAF surrogate\xED\xA0\x80 big\xF4\x90\x80\x80";
  logger.warn("odd\"event", {{"text", nasty}, {"ts", "field named ts"}, {"event", 1}, {"level", true}});
  const std::vector<nlohmann::json> lines = parseLines(out.str());
  REQUIRE(lines.size() == 1);
  const nlohmann::json& line = lines[0];
  CHECK(line["event"] == "odd\"event");
  CHECK(line["level"] == "warn");
  CHECK(line["ts"] == "2026-03-16T16:30:00.123Z");
  CHECK(line["_ts"] == "field named ts");
  CHECK(line["_event"] == 1);
  CHECK(line["_level"] == true);
  const std::string text = line["text"];
  CHECK(text.find("quote\" back\\ nl\n tab\t nul") == 0);
  CHECK(text.find(std::string(1, '\0')) != std::string::npos);
  CHECK(text.find("euro\xE2\x82\xAC") != std::string::npos);
  CHECK(text.find("broken\xEF\xBF\xBD\xEF\xBF\xBD lone\xEF\xBF\xBD") != std::string::npos);
  CHECK(text.find("\xED\xA0\x80") == std::string::npos);
  CHECK(out.str().find('\x7f') == std::string::npos);  // escaped as \u007f
}

TEST_CASE("the level filter drops lower lines and changes at runtime", "[log]") {
  std::ostringstream out;
  JsonLogger logger(out, LogLevel::warn, fixedClock());
  logger.debug("d");
  logger.info("i");
  logger.warn("w");
  logger.error("e");
  CHECK_FALSE(logger.enabled(LogLevel::info));
  logger.setLevel(LogLevel::debug);
  CHECK(logger.level() == LogLevel::debug);
  logger.debug("d2");
  std::vector<std::string> events;
  for (const nlohmann::json& line : parseLines(out.str())) events.push_back(line["event"]);
  CHECK(events == std::vector<std::string>{"w", "e", "d2"});
}

TEST_CASE("log levels parse from and print to their JSON names", "[log]") {
  for (const LogLevel level : {LogLevel::debug, LogLevel::info, LogLevel::warn, LogLevel::error}) {
    CHECK(parseLogLevel(toString(level)) == level);
  }
  CHECK_FALSE(parseLogLevel("INFO").has_value());
  CHECK_FALSE(parseLogLevel("warning").has_value());
  CHECK_FALSE(parseLogLevel("").has_value());
}

// Seeded random field text, including bytes that are not UTF-8.
std::string randomText(std::mt19937_64& random) {
  std::uniform_int_distribution<int> length(0, 40);
  std::uniform_int_distribution<int> byte(0, 255);
  std::string text(static_cast<std::size_t>(length(random)), ' ');
  for (char& c : text) c = static_cast<char>(byte(random));
  return text;
}

TEST_CASE("concurrent writers never interleave lines, and every line is valid JSON", "[log][property]") {
  std::ostringstream out;
  JsonLogger logger(out, LogLevel::debug);
  constexpr int kThreads = 8;
  constexpr int kLines = 1500;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&logger, t] {
      std::mt19937_64 random(0x10c0ffee + static_cast<std::uint64_t>(t));
      for (int i = 0; i < kLines; ++i) {
        const std::string text = randomText(random);
        logger.info("concurrent", {{"thread", t}, {"i", i}, {"text", text}, {"key with \"quote\"", text}});
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  const std::vector<nlohmann::json> lines = parseLines(out.str());
  REQUIRE(lines.size() == static_cast<std::size_t>(kThreads * kLines));
  std::vector<int> next(kThreads, 0);
  for (const nlohmann::json& line : lines) {
    const int thread = line["thread"];
    CHECK(line["i"] == next[static_cast<std::size_t>(thread)]++);  // each writer's lines in its order
    CHECK(line["ts"].get<std::string>().size() == 24);
  }
}

TEST_CASE("a file descriptor sink writes whole lines", "[log]") {
  char path[] = "/tmp/loyalty-log-test-XXXXXX";
  const int fd = ::mkstemp(path);
  REQUIRE(fd >= 0);
  {
    JsonLogger logger(fd, LogLevel::info, fixedClock());
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
      threads.emplace_back([&logger, t] {
        for (int i = 0; i < 500; ++i) logger.error("fd_line", {{"t", t}, {"padding", std::string(300, 'x')}});
      });
    }
    for (std::thread& thread : threads) thread.join();
  }
  ::close(fd);
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  ::unlink(path);
  CHECK(parseLines(text.str()).size() == 2000);
}

class FailingBuffer : public std::streambuf {
 protected:
  int_type overflow(int_type) override { return traits_type::eof(); }
  std::streamsize xsputn(const char*, std::streamsize) override { return 0; }
};

TEST_CASE("a failing stream or clock never throws into the caller", "[log]") {
  FailingBuffer buffer;
  std::ostream broken(&buffer);
  broken.exceptions(std::ios::badbit | std::ios::failbit);
  JsonLogger logger(broken, LogLevel::info);
  CHECK_NOTHROW(logger.info("first"));
  CHECK_NOTHROW(logger.info("second"));

  std::ostringstream out;
  JsonLogger noClock(out, LogLevel::info, []() -> system_clock::time_point { throw std::runtime_error("no time"); });
  CHECK_NOTHROW(noClock.error("lost"));
  CHECK(out.str().empty());
}

}  // namespace
}  // namespace loyalty::log
