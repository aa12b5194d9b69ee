// Internal: the X.509 building blocks shared by CertificateAuthority and TerminalIdentity:
// P-256 key generation, PEM conversions, names, extensions, random serials, dates.
#pragma once

#include <string>
#include <string_view>

#include "engine/result.h"
#include "net/certificate_info.h"
#include "net/done.h"
#include "net/openssl_handles.h"

namespace loyalty::net::detail {

// A fresh ECDSA P-256 key. Errors: io_error "key_generation_failed".
[[nodiscard]] Result<PkeyPtr> generateP256Key();

[[nodiscard]] Result<std::string> privateKeyToPem(EVP_PKEY* key);
[[nodiscard]] Result<PkeyPtr> privateKeyFromPem(std::string_view pem);  // parse_error "invalid_private_key"
[[nodiscard]] Result<std::string> certificateToPem(X509* certificate);
[[nodiscard]] Result<X509Ptr> certificateFromPem(std::string_view pem);  // parse_error "invalid_certificate"

// The subject CN of a certificate or a name ("" when it has none).
[[nodiscard]] std::string commonNameOf(const X509_NAME* name);

// The serial number in lowercase hexadecimal without leading zeros ("" if unreadable).
[[nodiscard]] std::string serialHexOf(const X509* certificate);

// A one-entry name CN=commonName.
[[nodiscard]] Result<X509NamePtr> commonNameOnly(std::string_view commonName);

// A new v3 certificate with a random positive 128-bit serial, the given subject, issuer
// name, public key and validity (not yet signed, no extensions).
[[nodiscard]] Result<X509Ptr> newCertificate(const X509_NAME* subject, const X509_NAME* issuer, EVP_PKEY* publicKey,
                                             const Validity& validity);

// Adds an extension by its OpenSSL config text (e.g. "critical,CA:TRUE"), with `issuer`
// as the issuer certificate for authorityKeyIdentifier (the certificate itself when
// self-signed).
[[nodiscard]] Result<Done> addExtension(X509* certificate, X509* issuer, int nid, const char* value);

// Signs with SHA-256 (ECDSA keys).
[[nodiscard]] Result<Done> signCertificate(X509* certificate, EVP_PKEY* key);

// True when `key` is an EC key on P-256 (the only key type the PKI issues for).
[[nodiscard]] bool isP256Key(EVP_PKEY* key);

}  // namespace loyalty::net::detail
