#include "net/terminal_identity.h"

#include <openssl/err.h>
#include <openssl/pem.h>

#include "net/private_file.h"
#include "net/x509_tools.h"

namespace loyalty::net {
namespace {

Error refused(const char* reason, const std::string& message) {
  ERR_clear_error();  // the refusal says why; OpenSSL's queue must not leak into the next call
  return makeError(ErrorCode::rejected, reason, message);
}

Error invalidTerminalId() {
  return makeError(ErrorCode::invalid_input, "invalid_terminal_id",
                   "A terminal id is 1 to 64 characters of A-Z a-z 0-9 . _ - (not starting with . or -).");
}

}  // namespace

TerminalIdentity::TerminalIdentity(std::string terminalId, detail::PkeyPtr key)
    : terminalId_(std::move(terminalId)), key_(key.release(), EVP_PKEY_free) {}

Result<TerminalIdentity> TerminalIdentity::generate(std::string_view terminalId, const std::string& keyPath) {
  if (!isValidTerminalId(terminalId)) return invalidTerminalId();
  Result<detail::PkeyPtr> key = detail::generateP256Key();
  if (!key) return key.error();
  Result<std::string> pem = detail::privateKeyToPem(key->get());
  if (!pem) return pem.error();
  if (Result<Done> written = writeFileAtomically(keyPath, *pem, 0600); !written) return written.error();
  return TerminalIdentity(std::string(terminalId), std::move(*key));
}

Result<TerminalIdentity> TerminalIdentity::load(std::string_view terminalId, const std::string& keyPath,
                                                const std::string& certificatePath) {
  if (!isValidTerminalId(terminalId)) return invalidTerminalId();
  Result<std::string> keyPem = readPrivateFile(keyPath);
  if (!keyPem) return keyPem.error();
  Result<detail::PkeyPtr> key = detail::privateKeyFromPem(*keyPem);
  if (!key) return key.error();
  TerminalIdentity identity(std::string(terminalId), std::move(*key));
  Result<std::string> certificatePem = readSmallFile(certificatePath);
  if (!certificatePem) {
    if (certificatePem.error().reason == "file_not_found") return identity;  // not enrolled yet
    return certificatePem.error();
  }
  if (Result<Done> checked = identity.checkCertificate(*certificatePem); !checked) return checked.error();
  identity.certificatePem_ = std::move(*certificatePem);
  return identity;
}

Result<std::string> TerminalIdentity::makeCsr() const {
  detail::X509ReqPtr request(X509_REQ_new());
  Result<detail::X509NamePtr> subject = detail::commonNameOnly(terminalId_);
  if (!subject) return subject.error();
  detail::BioPtr bio(BIO_new(BIO_s_mem()));
  if (!request || !bio || X509_REQ_set_version(request.get(), X509_REQ_VERSION_1) != 1 ||
      X509_REQ_set_subject_name(request.get(), subject->get()) != 1 ||
      X509_REQ_set_pubkey(request.get(), key_.get()) != 1 ||
      X509_REQ_sign(request.get(), key_.get(), EVP_sha256()) <= 0 || PEM_write_bio_X509_REQ(bio.get(), request.get()) != 1) {
    const std::string why = detail::drainOpenSslErrors();
    return makeError(ErrorCode::io_error, "csr_failed", "Cannot build the certificate signing request (" + why + ").");
  }
  return detail::bioText(bio.get());
}

Result<Done> TerminalIdentity::checkCertificate(std::string_view certificatePem) const {
  Result<detail::X509Ptr> certificate = detail::certificateFromPem(certificatePem);
  if (!certificate) return certificate.error();
  if (X509_check_private_key(certificate->get(), key_.get()) != 1) {
    return refused("certificate_key_mismatch", "The certificate is not for this terminal's key.");
  }
  const std::string commonName = detail::commonNameOf(X509_get_subject_name(certificate->get()));
  if (commonName != terminalId_) {
    return refused("certificate_common_name_mismatch",
                   "The certificate names \"" + commonName + "\", not this terminal \"" + terminalId_ + "\".");
  }
  return Done{};
}

Result<Done> TerminalIdentity::acceptCertificate(std::string_view certificatePem, std::string_view caPem,
                                                 const std::string& certificatePath) {
  if (Result<Done> checked = checkCertificate(certificatePem); !checked) return checked;
  if (Result<Done> trusted = verifyCertificateChain(certificatePem, caPem); !trusted) return trusted;
  std::string pem(certificatePem);
  if (Result<Done> written = writeFileAtomically(certificatePath, pem, 0600); !written) return written;
  certificatePem_ = std::move(pem);
  return Done{};
}

Result<std::string> TerminalIdentity::privateKeyPem() const { return detail::privateKeyToPem(key_.get()); }

Result<Done> verifyCertificateChain(std::string_view certificatePem, std::string_view caPem) {
  Result<detail::X509Ptr> certificate = detail::certificateFromPem(certificatePem);
  if (!certificate) return certificate.error();
  Result<detail::X509Ptr> authority = detail::certificateFromPem(caPem);
  if (!authority) return authority.error();
  detail::X509StorePtr store(X509_STORE_new());
  detail::X509StoreCtxPtr context(X509_STORE_CTX_new());
  if (!store || !context || X509_STORE_add_cert(store.get(), authority->get()) != 1 ||
      X509_STORE_CTX_init(context.get(), store.get(), certificate->get(), nullptr) != 1) {
    const std::string why = detail::drainOpenSslErrors();
    return makeError(ErrorCode::io_error, "verification_failed", "Cannot set up certificate verification (" + why + ").");
  }
  if (X509_verify_cert(context.get()) != 1) {
    const int error = X509_STORE_CTX_get_error(context.get());
    return refused("certificate_untrusted",
                   std::string("The certificate does not verify against the pinned CA: ") +
                       X509_verify_cert_error_string(error) + ".");
  }
  return Done{};
}

}  // namespace loyalty::net
