#include "net/certificate_authority.h"

#include <arpa/inet.h>

#include <openssl/err.h>
#include <openssl/pem.h>

#include "net/private_file.h"
#include "net/x509_tools.h"

namespace loyalty::net {
namespace {

using detail::PkeyPtr;
using detail::X509Ptr;

bool isIpLiteral(const std::string& host) {
  unsigned char buffer[16];
  return inet_pton(AF_INET, host.c_str(), buffer) == 1 || inet_pton(AF_INET6, host.c_str(), buffer) == 1;
}

bool isDnsName(const std::string& host) {
  if (host.empty() || host.size() > 253 || host.front() == '.' || host.front() == '-') return false;
  for (const char c : host) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-';
    if (!ok) return false;
  }
  return true;
}

Error refused(const char* reason, const std::string& message) {
  ERR_clear_error();  // the refusal says why; OpenSSL's queue must not leak into the next call
  return makeError(ErrorCode::rejected, reason, message);
}

}  // namespace

CertificateAuthority::CertificateAuthority(X509Ptr certificate, PkeyPtr key, std::string certificatePem)
    : certificate_(certificate.release(), X509_free),
      key_(key.release(), EVP_PKEY_free),
      certificatePem_(std::move(certificatePem)) {}

Result<CertificateAuthority> CertificateAuthority::create(std::string_view name, const Validity& validity) {
  Result<PkeyPtr> key = detail::generateP256Key();
  if (!key) return key.error();
  Result<detail::X509NamePtr> subject = detail::commonNameOnly(name);
  if (!subject) return subject.error();
  Result<X509Ptr> certificate = detail::newCertificate(subject->get(), subject->get(), key->get(), validity);
  if (!certificate) return certificate.error();
  X509* x509 = certificate->get();
  for (const auto& [nid, value] : {std::pair{NID_basic_constraints, "critical,CA:TRUE,pathlen:0"},
                                   std::pair{NID_key_usage, "critical,keyCertSign,cRLSign"},
                                   std::pair{NID_subject_key_identifier, "hash"},
                                   std::pair{NID_authority_key_identifier, "keyid:always"}}) {
    if (Result<Done> added = detail::addExtension(x509, x509, nid, value); !added) return added.error();
  }
  if (Result<Done> signedOk = detail::signCertificate(x509, key->get()); !signedOk) return signedOk.error();
  Result<std::string> pem = detail::certificateToPem(x509);
  if (!pem) return pem.error();
  return CertificateAuthority(std::move(*certificate), std::move(*key), std::move(*pem));
}

Result<CertificateAuthority> CertificateAuthority::load(const std::string& certificatePath,
                                                        const std::string& keyPath) {
  Result<std::string> keyPem = readPrivateFile(keyPath);
  if (!keyPem) return keyPem.error();
  Result<std::string> certificatePem = readSmallFile(certificatePath);
  if (!certificatePem) return certificatePem.error();
  return fromPem(*certificatePem, *keyPem);
}

Result<CertificateAuthority> CertificateAuthority::fromPem(std::string_view certificatePem, std::string_view keyPem) {
  Result<X509Ptr> certificate = detail::certificateFromPem(certificatePem);
  if (!certificate) return certificate.error();
  Result<PkeyPtr> key = detail::privateKeyFromPem(keyPem);
  if (!key) return key.error();
  if (X509_check_private_key(certificate->get(), key->get()) != 1) {
    return refused("key_mismatch", "The CA private key does not belong to the CA certificate.");
  }
  if (X509_check_ca(certificate->get()) == 0) {
    return refused("not_a_ca", "The certificate is not a CA certificate (basicConstraints CA:TRUE is missing).");
  }
  Result<std::string> pem = detail::certificateToPem(certificate->get());
  if (!pem) return pem.error();
  return CertificateAuthority(std::move(*certificate), std::move(*key), std::move(*pem));
}

Result<Done> CertificateAuthority::save(const std::string& certificatePath, const std::string& keyPath) const {
  Result<std::string> keyPem = privateKeyPem();
  if (!keyPem) return keyPem.error();
  if (Result<Done> written = writeFileAtomically(keyPath, *keyPem, 0600); !written) return written;
  return writeFileAtomically(certificatePath, certificatePem_, 0644);
}

Result<std::string> CertificateAuthority::privateKeyPem() const { return detail::privateKeyToPem(key_.get()); }

std::string CertificateAuthority::name() const { return detail::commonNameOf(X509_get_subject_name(certificate_.get())); }

Result<X509Ptr> CertificateAuthority::issue(const X509_NAME* subject, EVP_PKEY* publicKey,
                                            const Validity& validity) const {
  return detail::newCertificate(subject, X509_get_subject_name(certificate_.get()), publicKey, validity);
}

Result<std::string> CertificateAuthority::issueClientCertificate(std::string_view csrPem, std::string_view terminalId,
                                                                 const Validity& validity) const {
  if (!isValidTerminalId(terminalId)) {
    return makeError(ErrorCode::invalid_input, "invalid_terminal_id",
                     "A terminal id is 1 to 64 characters of A-Z a-z 0-9 . _ - (not starting with . or -).");
  }
  detail::BioPtr bio = detail::readBio(csrPem);
  detail::X509ReqPtr request(bio ? PEM_read_bio_X509_REQ(bio.get(), nullptr, nullptr, nullptr) : nullptr);
  if (!request) return refused("invalid_csr", "The certificate signing request is not a PEM CSR.");
  EVP_PKEY* publicKey = X509_REQ_get0_pubkey(request.get());  // owned by the request
  if (publicKey == nullptr) return refused("invalid_csr", "The certificate signing request carries no public key.");
  if (X509_REQ_verify(request.get(), publicKey) != 1) {
    return refused("csr_signature_invalid",
                   "The certificate signing request is not signed by the key it carries; it was altered or forged.");
  }
  if (!detail::isP256Key(publicKey)) {
    return refused("unsupported_key_type", "The terminal key must be an ECDSA P-256 key.");
  }
  const std::string requested = detail::commonNameOf(X509_REQ_get_subject_name(request.get()));
  if (requested != terminalId) {
    return refused("csr_common_name_mismatch", "The request is for \"" + requested + "\" but the enrollment is for \"" +
                                                   std::string(terminalId) + "\".");
  }
  Result<detail::X509NamePtr> subject = detail::commonNameOnly(terminalId);
  if (!subject) return subject.error();
  Result<X509Ptr> certificate = issue(subject->get(), publicKey, validity);
  if (!certificate) return certificate.error();
  for (const auto& [nid, value] : {std::pair{NID_basic_constraints, "critical,CA:FALSE"},
                                   std::pair{NID_key_usage, "critical,digitalSignature"},
                                   std::pair{NID_ext_key_usage, "clientAuth"},
                                   std::pair{NID_subject_key_identifier, "hash"},
                                   std::pair{NID_authority_key_identifier, "keyid:always"}}) {
    Result<Done> added = detail::addExtension(certificate->get(), certificate_.get(), nid, value);
    if (!added) return added.error();
  }
  if (Result<Done> signedOk = detail::signCertificate(certificate->get(), key_.get()); !signedOk) {
    return signedOk.error();
  }
  return detail::certificateToPem(certificate->get());
}

Result<KeyAndCertificate> CertificateAuthority::issueServerCertificate(const std::vector<std::string>& hosts,
                                                                       const Validity& validity) const {
  if (hosts.empty()) {
    return makeError(ErrorCode::invalid_input, "no_hosts", "A server certificate needs at least one host name or IP.");
  }
  std::string alternativeNames;
  for (const std::string& host : hosts) {
    const bool ip = isIpLiteral(host);
    if (!ip && !isDnsName(host)) {
      return makeError(ErrorCode::invalid_input, "invalid_host", "\"" + host + "\" is neither a host name nor an IP.");
    }
    if (!alternativeNames.empty()) alternativeNames += ",";
    alternativeNames += (ip ? "IP:" : "DNS:") + host;
  }
  Result<PkeyPtr> key = detail::generateP256Key();
  if (!key) return key.error();
  Result<detail::X509NamePtr> subject = detail::commonNameOnly(hosts.front());
  if (!subject) return subject.error();
  Result<X509Ptr> certificate = issue(subject->get(), key->get(), validity);
  if (!certificate) return certificate.error();
  for (const auto& [nid, value] : {std::pair{NID_basic_constraints, "critical,CA:FALSE"},
                                   std::pair{NID_key_usage, "critical,digitalSignature"},
                                   std::pair{NID_ext_key_usage, "serverAuth"},
                                   std::pair{NID_subject_key_identifier, "hash"},
                                   std::pair{NID_authority_key_identifier, "keyid:always"},
                                   std::pair{NID_subject_alt_name, alternativeNames.c_str()}}) {
    Result<Done> added = detail::addExtension(certificate->get(), certificate_.get(), nid, value);
    if (!added) return added.error();
  }
  if (Result<Done> signedOk = detail::signCertificate(certificate->get(), key_.get()); !signedOk) {
    return signedOk.error();
  }
  Result<std::string> certificatePem = detail::certificateToPem(certificate->get());
  if (!certificatePem) return certificatePem.error();
  Result<std::string> keyPem = detail::privateKeyToPem(key->get());
  if (!keyPem) return keyPem.error();
  return KeyAndCertificate{std::move(*certificatePem), std::move(*keyPem)};
}

}  // namespace loyalty::net
