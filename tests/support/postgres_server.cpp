#include "postgres_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <vector>

#include <libpq-fe.h>

#include "child_process.h"

namespace loyalty::testing {
namespace {

constexpr const char* kBinDir = "/usr/lib/postgresql/15/bin";
constexpr const char* kServerUser = "postgres";

Error unavailable(std::string message) {
  return makeError(ErrorCode::io_error, "postgres_unavailable", std::move(message));
}

// A port the kernel just gave out on loopback; PostgreSQL binds it right after (a race
// with another process is possible, so start() tries a few).
int freePort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof(address);
  int port = -1;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0) {
    port = ntohs(address.sin_port);
  }
  ::close(fd);
  return port;
}

// Runs a program, as the postgres user when we are root.
Result<CommandResult> runAsServerUser(const std::string& program, const std::vector<std::string>& args) {
  const std::string path = program.front() == '/' ? program : std::string(kBinDir) + "/" + program;
  if (::geteuid() != 0) return runCommand(path, args);
  std::vector<std::string> wrapped{"-u", kServerUser, "--", path};
  wrapped.insert(wrapped.end(), args.begin(), args.end());
  return runCommand("/usr/sbin/runuser", wrapped);
}

std::string tail(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  const std::string all = text.str();
  return all.size() > 2000 ? all.substr(all.size() - 2000) : all;
}

std::string describe(const CommandResult& result) {
  return "exit " + std::to_string(result.status.code) + ": " + result.err + result.out;
}

// initdb takes seconds on a loaded machine and every test process needs a server, so the
// first one initialises a cluster once per machine and user (renamed into place, so
// concurrent processes never see half of one) and every start copies it. A directory that
// is not owned by the user running the server is not trusted.
Result<std::string> clusterTemplate(uid_t serverUid) {
  namespace fs = std::filesystem;
  const fs::path done = fs::temp_directory_path() / ("loyalty-pg15-template-v2-" + std::to_string(serverUid));
  struct stat info {};
  if (::stat(done.c_str(), &info) == 0) {
    if (info.st_uid != serverUid || (info.st_mode & 077) != 0) {
      return unavailable(done.string() + " exists but is not private to the server user; remove it.");
    }
    if (fs::exists(done / "PG_VERSION")) return done.string();
  }
  const std::string building = done.string() + ".building-" + std::to_string(::getpid());
  auto init = runAsServerUser("initdb", {"-D", building, "-U", "postgres", "--auth=trust", "-E", "UTF8",
                                         "--locale=C", "--no-instructions", "--no-sync", "--wal-segsize=1"});
  if (!init) return unavailable("initdb could not run: " + init.error().message);
  if (init->status.code != 0) return unavailable("initdb failed (" + describe(init.value()) + ").");
  if (::rename(building.c_str(), done.c_str()) != 0) {
    std::error_code ignored;
    fs::remove_all(building, ignored);  // another process won the race: use its template
  }
  return done.string();
}

}  // namespace

bool postgresRequired() noexcept {
  const char* value = std::getenv("LOYALTY_REQUIRE_POSTGRES");
  return value != nullptr && std::string(value) == "1";
}

Result<std::unique_ptr<PostgresServer>> PostgresServer::start(PostgresOptions options) {
  namespace fs = std::filesystem;
  if (!fs::exists(fs::path(kBinDir) / "initdb")) {
    return unavailable(std::string("no PostgreSQL 15 binaries in ") + kBinDir + " (apt-get install postgresql).");
  }
  std::string pattern = (fs::temp_directory_path() / "loyalty-pg-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) return unavailable("cannot create a directory under /tmp.");
  std::unique_ptr<PostgresServer> server(new PostgresServer(pattern, -1));  // removes the directory on failure
  uid_t serverUid = ::geteuid();
  if (serverUid == 0) {
    const passwd* user = ::getpwnam(kServerUser);
    if (user == nullptr) return unavailable("running as root, and there is no 'postgres' user to run the server.");
    serverUid = user->pw_uid;
    if (::chown(pattern.c_str(), user->pw_uid, user->pw_gid) != 0) return unavailable("cannot chown " + pattern);
  }
  auto cluster = clusterTemplate(serverUid);
  if (!cluster) return cluster.error();
  const std::string data = pattern + "/data";
  auto copied = runAsServerUser("/bin/cp", {"-a", cluster.value(), data});
  if (!copied) return unavailable("cp could not run: " + copied.error().message);
  if (copied->status.code != 0) return unavailable("copying the cluster failed (" + describe(copied.value()) + ").");
  std::string durability = options.durable ? "" : " -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
  for (int attempt = 0; attempt < 3; ++attempt) {
    const int port = freePort();
    if (port <= 0) return unavailable("no free TCP port on loopback.");
    const std::string serverOptions = "-c listen_addresses=127.0.0.1 -p " + std::to_string(port) +
                                      " -c unix_socket_directories=" + pattern + " -c max_connections=50" + durability;
    auto started = runAsServerUser("pg_ctl", {"start", "-w", "-t", "60", "-D", data, "-l", pattern + "/server.log",
                                              "-o", serverOptions});
    if (!started) return unavailable("pg_ctl could not run: " + started.error().message);
    if (started->status.code == 0) {
      server->port_ = port;
      return server;
    }
  }
  return unavailable("pg_ctl start failed; server log: " + tail(pattern + "/server.log"));
}

PostgresServer::~PostgresServer() {
  if (port_ > 0) {
    auto stopped = runAsServerUser("pg_ctl", {"stop", "-w", "-m", "fast", "-D", directory_ + "/data"});
    (void)stopped;  // nothing more to do in a destructor: the directory goes anyway
  }
  std::error_code ignored;
  std::filesystem::remove_all(directory_, ignored);
}

std::string PostgresServer::conninfo(const std::string& database) const {
  return "host=127.0.0.1 port=" + std::to_string(port_) + " user=postgres dbname=" + database +
         " connect_timeout=10";
}

Result<std::string> PostgresServer::createDatabase(const std::string& name) const {
  for (const char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
      return makeError(ErrorCode::invalid_input, "invalid_name", "a database name is lowercase letters, digits, '_'.");
    }
  }
  PGconn* conn = PQconnectdb(conninfo().c_str());
  std::string failure;
  if (PQstatus(conn) != CONNECTION_OK) {
    failure = PQerrorMessage(conn);
  } else {
    PGresult* result = PQexec(conn, ("CREATE DATABASE " + name + " TEMPLATE template0").c_str());
    if (PQresultStatus(result) != PGRES_COMMAND_OK) failure = PQresultErrorMessage(result);
    PQclear(result);
  }
  PQfinish(conn);
  if (!failure.empty()) return makeError(ErrorCode::io_error, "postgres_failed", "CREATE DATABASE failed: " + failure);
  return conninfo(name);
}

PostgresServer* sharedPostgresServer(std::string& reason) {
  static std::mutex mutex;
  static std::unique_ptr<PostgresServer> server;
  static std::string failure;
  static bool tried = false;
  std::lock_guard lock(mutex);
  if (!tried) {
    tried = true;
    auto started = PostgresServer::start();
    if (started) {
      server = std::move(started).value();
    } else {
      failure = started.error().message;
    }
  }
  reason = failure;
  return server.get();
}

}  // namespace loyalty::testing
