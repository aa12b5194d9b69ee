#include "config/agent_config_loader.h"

#include <algorithm>
#include <array>
#include <fstream>
#include <system_error>

#include <boost/asio/ip/address.hpp>

#include "codec/json_document.h"
#include "codec/json_reader.h"

namespace loyalty::config {
namespace {

using codec::IntRange;
using codec::Issues;
using codec::Json;
using codec::ObjectReader;

constexpr IntRange kLanes{1, 64};
constexpr IntRange kPort{0, 65535};
constexpr IntRange kBodyBytes{1024, 64 * 1024 * 1024};  // the JSON codec reads at most 64 MiB
constexpr IntRange kHeaderBytes{1024, 1024 * 1024};
constexpr IntRange kRequestTimeoutMs{100, 600'000};
constexpr IntRange kIdleTimeoutMs{100, 3'600'000};
constexpr IntRange kDrainTimeoutMs{0, 600'000};
constexpr IntRange kConnections{1, 10'000};
constexpr IntRange kQueuedRequests{1, 100'000};
constexpr IntRange kMaxPageCount{0, 4'294'967'294};  // SQLite's own upper bound
constexpr std::size_t kMaxIdentifier = 64;

bool validIdentifier(const std::string& text) {
  if (text.empty() || text.size() > kMaxIdentifier) return false;
  return std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
           c == '-';
  });
}

std::string readIdentifier(ObjectReader& reader, std::string_view key) {
  std::string text = reader.requiredString(key);
  if (!text.empty() && !validIdentifier(text)) {
    reader.issues().add(reader.pointerOf(key), "invalid_value",
                        "must be 1 to 64 letters, digits, '.', '_' or '-', got \"" + text + "\".");
  }
  return text;
}

std::filesystem::path readPath(ObjectReader& reader, std::string_view key, const std::filesystem::path& baseDir) {
  const std::string text = reader.requiredString(key);
  if (text.empty()) return {};
  std::filesystem::path path(text);
  if (path.is_relative()) path = baseDir / path;
  path = path.lexically_normal();
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    reader.issues().add(reader.pointerOf(key), "is_a_directory", path.string() + " is a directory, not a file.");
    return path;
  }
  const std::filesystem::path parent = path.parent_path();
  if (!std::filesystem::is_directory(parent, ec)) {
    reader.issues().add(reader.pointerOf(key), "directory_missing",
                        "the directory " + parent.string() + " does not exist; create it first.");
  }
  return path;
}

// Reads a nested object member; `read` is called only when it is present.
template <typename F>
void readObject(ObjectReader& parent, std::string_view key, F read) {
  const Json* value = parent.optional(key);
  if (!value) return;
  ObjectReader reader(*value, parent.pointerOf(key), parent.issues());
  if (!reader.valid()) return;
  read(reader);
  reader.finish();
}

void checkAddress(ObjectReader& reader, const ListenConfig& listen) {
  boost::system::error_code ec;
  const boost::asio::ip::address address = boost::asio::ip::make_address(listen.address, ec);
  const std::string pointer = reader.pointerOf("address");
  if (ec) {
    reader.issues().add(pointer, "invalid_address",
                        "\"" + listen.address + "\" is not an IP address (use 127.0.0.1 or ::1, not a host name).");
  } else if (!address.is_loopback() && !listen.allowNonLoopback) {
    reader.issues().add(pointer, "non_loopback_address",
                        listen.address + " is not a loopback address; the API would be reachable from the network. "
                        "Set listen.allowNonLoopback to true if that is really wanted.");
  }
}

void readListen(ObjectReader& reader, ListenConfig& listen) {
  listen.address = reader.string("address", listen.address);
  listen.port = static_cast<std::uint16_t>(reader.integer("port", kPort, listen.port));
  listen.allowNonLoopback = reader.boolean("allowNonLoopback", listen.allowNonLoopback);
  checkAddress(reader, listen);
}

void readLimits(ObjectReader& reader, LimitsConfig& limits) {
  limits.maxBodyBytes = reader.integer("maxBodyBytes", kBodyBytes, limits.maxBodyBytes);
  limits.maxHeaderBytes = reader.integer("maxHeaderBytes", kHeaderBytes, limits.maxHeaderBytes);
  limits.requestTimeoutMs = reader.integer("requestTimeoutMs", kRequestTimeoutMs, limits.requestTimeoutMs);
  limits.idleTimeoutMs = reader.integer("idleTimeoutMs", kIdleTimeoutMs, limits.idleTimeoutMs);
  limits.drainTimeoutMs = reader.integer("drainTimeoutMs", kDrainTimeoutMs, limits.drainTimeoutMs);
  limits.maxConnections = reader.integer("maxConnections", kConnections, limits.maxConnections);
  limits.maxQueuedRequests = reader.integer("maxQueuedRequests", kQueuedRequests, limits.maxQueuedRequests);
}

void readDatabase(ObjectReader& reader, DatabaseConfig& database) {
  database.maxPageCount = reader.integer("maxPageCount", kMaxPageCount, database.maxPageCount);
}

void readLog(ObjectReader& reader, LogConfig& logConfig) {
  const std::optional<std::string> level = reader.optionalString("level");
  if (!level) return;
  if (const std::optional<log::LogLevel> parsed = log::parseLogLevel(*level)) {
    logConfig.level = *parsed;
  } else {
    reader.issues().add(reader.pointerOf("level"), "invalid_value",
                        "\"" + *level + "\" is not one of: debug, info, warn, error.");
  }
}

void readFormat(ObjectReader& reader) {
  const Json* value = reader.required("format");
  if (!value) return;
  const std::optional<std::int64_t> format = codec::readInt(*value, reader.pointerOf("format"), codec::kAnyInt,
                                                            reader.issues());
  if (format && *format != kSupportedConfigFormat) {
    reader.issues().add(reader.pointerOf("format"), "unsupported_format",
                        "format " + std::to_string(*format) + " is not supported; this agent reads format " +
                            std::to_string(kSupportedConfigFormat) + ".");
  }
}

}  // namespace

AgentConfigLoad parseAgentConfig(std::string_view text, const std::filesystem::path& baseDir) {
  AgentConfigLoad load;
  Issues issues;
  const std::optional<Json> document = codec::parseDocument(text, issues);
  if (!document) {
    load.issues = issues.take();
    return load;
  }
  AgentConfig config;
  ObjectReader root(*document, "", issues);
  if (root.valid()) {
    readFormat(root);
    config.terminalId = readIdentifier(root, "terminalId");
    config.storeId = readIdentifier(root, "storeId");
    config.databasePath = readPath(root, "databasePath", baseDir);
    config.tokenFile = readPath(root, "tokenFile", baseDir);
    readObject(root, "listen", [&](ObjectReader& reader) { readListen(reader, config.listen); });
    config.lanes = root.integer("lanes", kLanes, config.lanes);
    readObject(root, "limits", [&](ObjectReader& reader) { readLimits(reader, config.limits); });
    readObject(root, "database", [&](ObjectReader& reader) { readDatabase(reader, config.database); });
    readObject(root, "log", [&](ObjectReader& reader) { readLog(reader, config.log); });
    // Reserved objects: no field yet, so finish() refuses any member (docs/agent-config.md).
    readObject(root, "offline", [](ObjectReader&) {});
    readObject(root, "hq", [](ObjectReader&) {});
    root.finish();
    if (!config.databasePath.empty() && config.databasePath == config.tokenFile) {
      issues.add("/tokenFile", "invalid_value", "the token file must not be the database file.");
    }
  }
  load.issues = issues.take();
  if (load.issues.empty()) load.config = std::move(config);
  return load;
}

std::string describeIssues(const std::vector<codec::Issue>& issues) {
  std::string out;
  for (const codec::Issue& issue : issues) {
    out += "  " + (issue.pointer.empty() ? std::string("(document)") : issue.pointer) + ": " + issue.reason + ": " +
           issue.message + "\n";
  }
  return out;
}

Result<AgentConfig> loadAgentConfig(const std::filesystem::path& file) {
  std::error_code ec;
  const std::filesystem::file_status status = std::filesystem::status(file, ec);
  if (ec || !std::filesystem::exists(status)) {
    return makeError(ErrorCode::io_error, "config_not_found", "The config file " + file.string() + " does not exist.");
  }
  if (!std::filesystem::is_regular_file(status)) {
    return makeError(ErrorCode::io_error, "config_unreadable", file.string() + " is not a regular file.");
  }
  const std::uintmax_t size = std::filesystem::file_size(file, ec);
  if (!ec && size > kMaxConfigBytes) {
    return makeError(ErrorCode::io_error, "config_too_large",
                     file.string() + " is " + std::to_string(size) + " bytes; a config file has at most " +
                         std::to_string(kMaxConfigBytes) + ".");
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) return makeError(ErrorCode::io_error, "config_unreadable", "Cannot open the config file " + file.string() + ".");
  std::string text;
  std::array<char, 16384> chunk{};
  while (in && text.size() <= kMaxConfigBytes) {  // the file may grow while it is read
    in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    text.append(chunk.data(), static_cast<std::size_t>(in.gcount()));
  }
  if (in.bad()) {
    return makeError(ErrorCode::io_error, "config_unreadable", "Cannot read the config file " + file.string() + ".");
  }
  if (text.size() > kMaxConfigBytes) {
    return makeError(ErrorCode::io_error, "config_too_large",
                     file.string() + " has more than " + std::to_string(kMaxConfigBytes) + " bytes.");
  }
  const std::filesystem::path baseDir = std::filesystem::absolute(file, ec).parent_path();
  AgentConfigLoad load = parseAgentConfig(text, baseDir);
  if (!load.config) {
    const std::size_t count = load.issues.size();
    return makeError(ErrorCode::invalid_input, "invalid_config",
                     "The config file " + file.string() + " is not valid (" + std::to_string(count) +
                         (count == 1 ? " problem" : " problems") + "):\n" + describeIssues(load.issues));
  }
  return std::move(*load.config);
}

}  // namespace loyalty::config
