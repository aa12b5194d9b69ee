// What the PKI and the TLS plumbing need to say about a certificate: its validity window,
// and the fields read back from one (common name, serial, dates, issuer).
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "engine/result.h"

namespace loyalty::net {

using SystemTime = std::chrono::system_clock::time_point;

// A certificate's validity window [notBefore, notAfter].
struct Validity {
  SystemTime notBefore;
  SystemTime notAfter;

  // From `skew` before now (a terminal's clock may lag HQ's a little) until now + length.
  [[nodiscard]] static Validity fromNow(std::chrono::seconds length,
                                        std::chrono::seconds skew = std::chrono::minutes(5));
};

struct CertificateInfo {
  std::string commonName;        // subject CN
  std::string issuerCommonName;  // issuer CN
  std::string serialHex;         // lowercase hexadecimal, no leading zeros
  SystemTime notBefore;
  SystemTime notAfter;
  bool isCa = false;             // basicConstraints CA:TRUE
};

// Reads the first certificate of a PEM text. Errors: parse_error "invalid_certificate".
[[nodiscard]] Result<CertificateInfo> inspectCertificate(std::string_view certificatePem);

// A terminal id (the CN of its client certificate): 1 to 64 characters of [A-Za-z0-9._-],
// not starting with '.' or '-', so it is safe in a file name, a log line and a URL.
[[nodiscard]] bool isValidTerminalId(std::string_view terminalId) noexcept;

}  // namespace loyalty::net
