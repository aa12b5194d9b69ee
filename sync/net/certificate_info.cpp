#include "net/certificate_info.h"

#include <ctime>

#include <openssl/asn1.h>

#include "net/x509_tools.h"

namespace loyalty::net {
namespace {

// ASN1_TIME -> system_clock time point (seconds precision, as certificates carry).
bool toSystemTime(const ASN1_TIME* time, SystemTime& out) {
  struct tm broken {};
  if (time == nullptr || ASN1_TIME_to_tm(time, &broken) != 1) return false;
  out = std::chrono::system_clock::from_time_t(timegm(&broken));
  return true;
}

}  // namespace

Validity Validity::fromNow(std::chrono::seconds length, std::chrono::seconds skew) {
  const SystemTime now = std::chrono::system_clock::now();
  return Validity{now - skew, now + length};
}

Result<CertificateInfo> inspectCertificate(std::string_view certificatePem) {
  Result<detail::X509Ptr> certificate = detail::certificateFromPem(certificatePem);
  if (!certificate) return certificate.error();
  X509* x509 = certificate->get();
  CertificateInfo info;
  info.commonName = detail::commonNameOf(X509_get_subject_name(x509));
  info.issuerCommonName = detail::commonNameOf(X509_get_issuer_name(x509));
  info.serialHex = detail::serialHexOf(x509);
  if (info.serialHex.empty()) {
    return makeError(ErrorCode::parse_error, "invalid_certificate", "The certificate's serial number is unreadable.");
  }
  if (!toSystemTime(X509_get0_notBefore(x509), info.notBefore) ||
      !toSystemTime(X509_get0_notAfter(x509), info.notAfter)) {
    return makeError(ErrorCode::parse_error, "invalid_certificate", "The certificate's validity dates are unreadable.");
  }
  info.isCa = X509_check_ca(x509) != 0;
  return info;
}

bool isValidTerminalId(std::string_view terminalId) noexcept {
  if (terminalId.empty() || terminalId.size() > 64) return false;
  if (terminalId.front() == '.' || terminalId.front() == '-') return false;
  for (const char c : terminalId) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                    c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

}  // namespace loyalty::net
