#include "net_test_support.h"

#include <cstdlib>
#include <stdexcept>

namespace loyalty::net::test {

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "loyalty-net-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

TestPki::TestPki()
    : ca(take(CertificateAuthority::create("Test HQ CA", Validity::fromNow(std::chrono::hours(24 * 365))))),
      server(take(ca.issueServerCertificate({"127.0.0.1", "localhost"}, Validity::fromNow(std::chrono::hours(24))))) {}

KeyAndCertificate TestPki::enroll(const std::string& terminalId, const TempDir& dir,
                                  const CertificateAuthority* issuer, const Validity* validity) const {
  TerminalIdentity identity = take(TerminalIdentity::generate(terminalId, dir.file(terminalId + ".key")));
  const std::string csr = take(identity.makeCsr());
  const Validity window = validity != nullptr ? *validity : Validity::fromNow(std::chrono::hours(24));
  const std::string certificate =
      take((issuer != nullptr ? *issuer : ca).issueClientCertificate(csr, terminalId, window));
  return KeyAndCertificate{certificate, take(identity.privateKeyPem())};
}

TlsServerOptions serverOptions(const TestPki& pki, std::size_t threads) {
  TlsServerOptions options;
  options.certificatePem = pki.server.certificatePem;
  options.privateKeyPem = pki.server.privateKeyPem;
  options.clientCaPem = pki.ca.certificatePem();
  options.threads = threads;
  options.limits.drainTimeout = std::chrono::seconds(5);
  return options;
}

std::unique_ptr<HttpsClient> makeClient(std::uint16_t port, const std::string& caPem,
                                        const KeyAndCertificate* credentials, std::chrono::milliseconds readTimeout) {
  HttpsClientOptions options;
  options.host = "127.0.0.1";
  options.port = port;
  options.caPem = caPem;
  if (credentials != nullptr) {
    options.certificatePem = credentials->certificatePem;
    options.privateKeyPem = credentials->privateKeyPem;
  }
  options.readTimeout = readTimeout;
  return take(HttpsClient::create(std::move(options)));
}

Handler echoHandler() {
  return [](HttpsRequest request, Responder respond) {
    const std::string peer = request.peer ? request.peer->commonName : std::string();
    respond(HttpsResponse::json(200, "{\"path\":\"" + request.path + "\",\"peer\":\"" + peer + "\",\"body\":\"" +
                                         request.body + "\"}"));
  };
}

}  // namespace loyalty::net::test
