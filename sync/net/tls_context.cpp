#include "net/tls_context.h"

#include <openssl/pem.h>
#include <openssl/ssl.h>

#include "net/openssl_handles.h"

namespace loyalty::net::detail {
namespace {

namespace ssl = boost::asio::ssl;

constexpr const char* kTls12Ciphers =
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:"
    "ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-CHACHA20-POLY1305";

Error contextError(const char* reason, const std::string& what, const boost::system::error_code& ec) {
  const std::string openssl = drainOpenSslErrors();
  return makeError(ErrorCode::invalid_input, reason,
                   what + " (" + (openssl.empty() ? ec.message() : openssl) + ").");
}

// Settings common to both sides; false when OpenSSL refuses one of them.
bool applyCommonSettings(ssl::context& context) {
  SSL_CTX* native = context.native_handle();
  SSL_CTX_set_options(native, SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION | SSL_OP_NO_TICKET |
                                  SSL_OP_CIPHER_SERVER_PREFERENCE);
  SSL_CTX_set_session_cache_mode(native, SSL_SESS_CACHE_OFF);
  return SSL_CTX_set_min_proto_version(native, TLS1_2_VERSION) == 1 &&
         SSL_CTX_set_cipher_list(native, kTls12Ciphers) == 1 && SSL_CTX_set_num_tickets(native, 0) == 1;
}

// Replaces the context's trust store with exactly the certificates of caPem.
bool trustOnly(ssl::context& context, const std::string& caPem, boost::system::error_code& ec) {
  X509StorePtr store(X509_STORE_new());
  if (!store) return false;
  SSL_CTX_set_cert_store(context.native_handle(), store.release());  // the context owns it now
  context.add_certificate_authority(boost::asio::buffer(caPem), ec);
  return !ec;
}

}  // namespace

Result<std::shared_ptr<ssl::context>> makeServerTlsContext(const std::string& certificatePem,
                                                           const std::string& privateKeyPem,
                                                           const std::string& clientCaPem) {
  auto context = std::make_shared<ssl::context>(ssl::context::tls_server);
  boost::system::error_code ec;
  if (!applyCommonSettings(*context)) return contextError("tls_setup_failed", "Cannot configure TLS", ec);
  context->use_certificate_chain(boost::asio::buffer(certificatePem), ec);
  if (!ec) context->use_private_key(boost::asio::buffer(privateKeyPem), ssl::context::pem, ec);
  if (ec || SSL_CTX_check_private_key(context->native_handle()) != 1) {
    return contextError("invalid_server_credentials", "The server certificate or key is unusable", ec);
  }
  if (!trustOnly(*context, clientCaPem, ec)) {
    return contextError("invalid_client_ca", "The CA for client certificates is unusable", ec);
  }
  // Ask for a client certificate, do not fail the handshake on its absence or on a bad
  // one: the session reads the verification result and the route decides.
  context->set_verify_mode(ssl::verify_peer | ssl::verify_client_once, ec);
  context->set_verify_callback([](bool, ssl::verify_context&) { return true; }, ec);
  // Send our CA's name in the CertificateRequest so a client picks the right certificate.
  Result<X509Ptr> ca = [&]() -> Result<X509Ptr> {
    BioPtr bio = readBio(clientCaPem);
    X509Ptr certificate(bio ? PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr) : nullptr);
    if (!certificate) return makeError(ErrorCode::invalid_input, "invalid_client_ca", "Unreadable client CA.");
    return certificate;
  }();
  if (!ca || SSL_CTX_add_client_CA(context->native_handle(), ca->get()) != 1) {
    return contextError("invalid_client_ca", "The CA for client certificates is unusable", ec);
  }
  if (ec) return contextError("tls_setup_failed", "Cannot configure client verification", ec);
  return context;
}

Result<std::shared_ptr<ssl::context>> makeClientTlsContext(const std::string& caPem,
                                                           const std::string& certificatePem,
                                                           const std::string& privateKeyPem) {
  auto context = std::make_shared<ssl::context>(ssl::context::tls_client);
  boost::system::error_code ec;
  if (!applyCommonSettings(*context)) return contextError("tls_setup_failed", "Cannot configure TLS", ec);
  if (!trustOnly(*context, caPem, ec)) return contextError("invalid_pinned_ca", "The pinned HQ CA is unusable", ec);
  context->set_verify_mode(ssl::verify_peer, ec);
  if (!certificatePem.empty() || !privateKeyPem.empty()) {
    if (!ec) context->use_certificate_chain(boost::asio::buffer(certificatePem), ec);
    if (!ec) context->use_private_key(boost::asio::buffer(privateKeyPem), ssl::context::pem, ec);
    if (ec || SSL_CTX_check_private_key(context->native_handle()) != 1) {
      return contextError("invalid_client_credentials", "The terminal certificate or key is unusable", ec);
    }
  }
  if (ec) return contextError("tls_setup_failed", "Cannot configure TLS", ec);
  return context;
}

}  // namespace loyalty::net::detail
