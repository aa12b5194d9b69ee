// Shared by the sync/net tests: a temporary directory, a small PKI (CA, HQ's server
// credentials for 127.0.0.1, enrolled terminals), servers and clients wired to it.
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>

#include "net/certificate_authority.h"
#include "net/https_client.h"
#include "net/terminal_identity.h"
#include "net/tls_server.h"

namespace loyalty::net::test {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  [[nodiscard]] std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

// Fails the test (REQUIREs) when a Result is an error, showing its reason.
template <typename T>
T take(Result<T> result) {
  if (!result) throw std::runtime_error(result.error().reason + ": " + result.error().message);
  return std::move(result).value();
}

struct TestPki {
  TestPki();  // a CA "Test HQ CA" and server credentials for 127.0.0.1 and localhost
  CertificateAuthority ca;
  KeyAndCertificate server;
  // Enrolls a terminal the way a terminal does: own key, CSR, certificate from `issuer`.
  [[nodiscard]] KeyAndCertificate enroll(const std::string& terminalId, const TempDir& dir,
                                         const CertificateAuthority* issuer = nullptr,
                                         const Validity* validity = nullptr) const;
};

// Server options for 127.0.0.1:0 with the PKI's credentials.
[[nodiscard]] TlsServerOptions serverOptions(const TestPki& pki, std::size_t threads = 2);

// A client of the server on 127.0.0.1:port trusting `caPem`, presenting `credentials` if any.
[[nodiscard]] std::unique_ptr<HttpsClient> makeClient(std::uint16_t port, const std::string& caPem,
                                                      const KeyAndCertificate* credentials,
                                                      std::chrono::milliseconds readTimeout = std::chrono::seconds(10));

// A handler answering {"path": ..., "peer": CN or ""} at once.
[[nodiscard]] Handler echoHandler();

}  // namespace loyalty::net::test
