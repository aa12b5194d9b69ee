// Internal: the OpenSSL contexts of the sync protocol's TLS, one place for its settings
// (docs/sync-protocol.md "TLS settings"): TLS 1.2 and 1.3 only; on 1.2 only ECDHE with
// AES-GCM or ChaCha20-Poly1305 (forward secrecy, AEAD); no compression, no
// renegotiation; no session resumption (a connection is kept alive instead, and every
// connection's client certificate is checked afresh).
#pragma once

#include <memory>
#include <string>

#include <boost/asio/ssl/context.hpp>

#include "engine/result.h"

namespace loyalty::net::detail {

// HQ's side: its certificate and key; client certificates are requested and checked
// against clientCaPem, but a connection without one (or with a bad one) still completes
// its handshake so that the route decides and the refusal is an HTTP answer with a
// reason (see ClientCertificateStatus). Errors: invalid_input "invalid_server_credentials",
// "invalid_client_ca".
[[nodiscard]] Result<std::shared_ptr<boost::asio::ssl::context>> makeServerTlsContext(
    const std::string& certificatePem, const std::string& privateKeyPem, const std::string& clientCaPem);

// The terminal's side: trusts only caPem (never the system store); presents the client
// certificate when both PEMs are non-empty. Errors: invalid_input "invalid_pinned_ca",
// "invalid_client_credentials".
[[nodiscard]] Result<std::shared_ptr<boost::asio::ssl::context>> makeClientTlsContext(
    const std::string& caPem, const std::string& certificatePem, const std::string& privateKeyPem);

}  // namespace loyalty::net::detail
