// A terminal's TLS identity for the sync protocol: its own P-256 key (generated on the
// terminal, written 0600, never sent anywhere), the CSR it sends with its one-time
// enrollment token, and the client certificate HQ's CA returned (CN = terminal id).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "engine/result.h"
#include "net/certificate_info.h"
#include "net/done.h"
#include "net/openssl_handles.h"

namespace loyalty::net {

class TerminalIdentity {
 public:
  // Generates a fresh key for `terminalId` and writes it to keyPath (0600, atomically;
  // an existing key there is replaced: re-enrollment starts from a new key). Errors:
  // invalid_input "invalid_terminal_id"; io_error "file_write_failed", ...
  [[nodiscard]] static Result<TerminalIdentity> generate(std::string_view terminalId, const std::string& keyPath);

  // Loads the key (0600 required: rejected "key_file_permissions") and, when the file
  // exists, the certificate, which must match the key and name terminalId (as in
  // acceptCertificate). Errors: io_error "file_not_found" for the key, ...
  [[nodiscard]] static Result<TerminalIdentity> load(std::string_view terminalId, const std::string& keyPath,
                                                     const std::string& certificatePath);

  // A PEM CSR with subject CN=terminal id, signed with the terminal's key (SHA-256).
  [[nodiscard]] Result<std::string> makeCsr() const;

  // Checks the certificate HQ returned and writes it to certificatePath (0600): it must be
  // for this key (rejected "certificate_key_mismatch"), name this terminal
  // (rejected "certificate_common_name_mismatch") and chain to caPem, HQ's pinned CA
  // (rejected "certificate_untrusted", e.g. expired or from another CA).
  [[nodiscard]] Result<Done> acceptCertificate(std::string_view certificatePem, std::string_view caPem,
                                               const std::string& certificatePath);

  [[nodiscard]] const std::string& terminalId() const noexcept { return terminalId_; }
  [[nodiscard]] bool hasCertificate() const noexcept { return certificatePem_.has_value(); }
  // Empty when there is none yet.
  [[nodiscard]] std::string certificatePem() const { return certificatePem_.value_or(std::string()); }
  [[nodiscard]] Result<std::string> privateKeyPem() const;

 private:
  TerminalIdentity(std::string terminalId, detail::PkeyPtr key);
  [[nodiscard]] Result<Done> checkCertificate(std::string_view certificatePem) const;

  std::string terminalId_;
  std::shared_ptr<EVP_PKEY> key_;
  std::optional<std::string> certificatePem_;
};

// Verifies `certificatePem` against the single trusted CA `caPem` at the current time
// (chain, signature, validity dates). Errors: rejected "certificate_untrusted" with
// OpenSSL's verification message; parse_error "invalid_certificate".
[[nodiscard]] Result<Done> verifyCertificateChain(std::string_view certificatePem, std::string_view caPem);

}  // namespace loyalty::net
