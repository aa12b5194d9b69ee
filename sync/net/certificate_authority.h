// HQ's certificate authority for the sync protocol's mutual TLS (docs/sync-protocol.md,
// "Enrollment and TLS"). It issues client certificates to terminals (CN = terminal id,
// from the terminal's own CSR: the private key never leaves the terminal) and server
// certificates to HQ. Keys are ECDSA P-256: every TLS stack speaks it, unlike Ed25519
// certificates, and it is what OpenSSL negotiates fastest for ECDHE-ECDSA.
//
// The CA is separate from HQ's update-signing key (Ed25519, sync/updates): a leaked TLS
// key lets someone impersonate HQ on the wire, not publish rules.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engine/result.h"
#include "net/certificate_info.h"
#include "net/done.h"
#include "net/openssl_handles.h"

namespace loyalty::net {

// A certificate and its private key, both PEM (e.g. HQ's server credentials).
struct KeyAndCertificate {
  std::string certificatePem;
  std::string privateKeyPem;
};

class CertificateAuthority {
 public:
  // A new CA: fresh P-256 key, self-signed certificate CN=name (basicConstraints
  // CA:TRUE, pathlen 0; keyUsage keyCertSign, cRLSign). Errors: invalid_input
  // "invalid_common_name", "invalid_validity"; io_error from OpenSSL.
  [[nodiscard]] static Result<CertificateAuthority> create(std::string_view name, const Validity& validity);

  // Loads a CA from PEM files. The key file must not be accessible by group or others
  // (rejected "key_file_permissions"); the key must match the certificate
  // (rejected "key_mismatch") and the certificate must be a CA (rejected "not_a_ca").
  [[nodiscard]] static Result<CertificateAuthority> load(const std::string& certificatePath,
                                                         const std::string& keyPath);
  // The same from PEM texts (no permission check).
  [[nodiscard]] static Result<CertificateAuthority> fromPem(std::string_view certificatePem,
                                                            std::string_view keyPem);

  // Writes the certificate (0644) and the key (0600), each atomically.
  [[nodiscard]] Result<Done> save(const std::string& certificatePath, const std::string& keyPath) const;

  // Issues a client certificate for `terminalId` from a PEM CSR. Refuses (rejected):
  // "invalid_csr" (not a CSR), "csr_signature_invalid" (the CSR is not signed by the key
  // it carries: the requester does not hold that key), "csr_common_name_mismatch" (the
  // CSR's CN is not terminalId), "unsupported_key_type" (not P-256); invalid_input
  // "invalid_terminal_id". The certificate: subject CN=terminalId only (other CSR fields
  // and extensions are ignored), random 128-bit serial, CA:FALSE, keyUsage
  // digitalSignature, extendedKeyUsage clientAuth. Returns the PEM.
  [[nodiscard]] Result<std::string> issueClientCertificate(std::string_view csrPem, std::string_view terminalId,
                                                           const Validity& validity) const;

  // Issues HQ's server certificate with a fresh key: subjectAltName with every entry of
  // `hosts` (an IP literal becomes an IP SAN, anything else a DNS SAN), CN = hosts[0],
  // extendedKeyUsage serverAuth. Errors: invalid_input "no_hosts", "invalid_host".
  [[nodiscard]] Result<KeyAndCertificate> issueServerCertificate(const std::vector<std::string>& hosts,
                                                                 const Validity& validity) const;

  [[nodiscard]] const std::string& certificatePem() const noexcept { return certificatePem_; }
  [[nodiscard]] Result<std::string> privateKeyPem() const;
  [[nodiscard]] std::string name() const;

 private:
  CertificateAuthority(detail::X509Ptr certificate, detail::PkeyPtr key, std::string certificatePem);
  [[nodiscard]] Result<detail::X509Ptr> issue(const X509_NAME* subject, EVP_PKEY* publicKey,
                                              const Validity& validity) const;

  std::shared_ptr<X509> certificate_;  // shared: immutable once loaded, cheap to copy
  std::shared_ptr<EVP_PKEY> key_;
  std::string certificatePem_;
};

}  // namespace loyalty::net
