#include "net/x509_tools.h"

#include <cctype>

#include <openssl/ec.h>
#include <openssl/obj_mac.h>
#include <openssl/pem.h>
#include <openssl/rand.h>

namespace loyalty::net::detail {
namespace {

Error sslFailure(ErrorCode code, const char* reason, const std::string& what) {
  const std::string detail = drainOpenSslErrors();
  return makeError(code, reason, what + (detail.empty() ? "." : " (" + detail + ")."));
}

// Seconds since the epoch, as OpenSSL's time_t.
time_t toTimeT(SystemTime time) { return std::chrono::system_clock::to_time_t(time); }

}  // namespace

Result<PkeyPtr> generateP256Key() {
  PkeyPtr key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
  if (!key) return sslFailure(ErrorCode::io_error, "key_generation_failed", "Cannot generate a P-256 key");
  return key;
}

Result<std::string> privateKeyToPem(EVP_PKEY* key) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) != 1) {
    return sslFailure(ErrorCode::io_error, "pem_write_failed", "Cannot write a private key as PEM");
  }
  return bioText(bio.get());
}

Result<PkeyPtr> privateKeyFromPem(std::string_view pem) {
  BioPtr bio = readBio(pem);
  PkeyPtr key(bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr) : nullptr);
  if (!key) return sslFailure(ErrorCode::parse_error, "invalid_private_key", "The text is not a PEM private key");
  return key;
}

Result<std::string> certificateToPem(X509* certificate) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_X509(bio.get(), certificate) != 1) {
    return sslFailure(ErrorCode::io_error, "pem_write_failed", "Cannot write a certificate as PEM");
  }
  return bioText(bio.get());
}

Result<X509Ptr> certificateFromPem(std::string_view pem) {
  BioPtr bio = readBio(pem);
  X509Ptr certificate(bio ? PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr) : nullptr);
  if (!certificate) return sslFailure(ErrorCode::parse_error, "invalid_certificate", "The text is not a PEM certificate");
  return certificate;
}

std::string commonNameOf(const X509_NAME* name) {
  if (name == nullptr) return {};
  const int index = X509_NAME_get_index_by_NID(name, NID_commonName, -1);
  if (index < 0) return {};
  const ASN1_STRING* data = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, index));
  unsigned char* utf8 = nullptr;
  const int length = ASN1_STRING_to_UTF8(&utf8, data);
  if (length < 0 || utf8 == nullptr) return {};
  std::string text(reinterpret_cast<const char*>(utf8), static_cast<std::size_t>(length));
  OPENSSL_free(utf8);
  return text;
}

std::string serialHexOf(const X509* certificate) {
  BignumPtr serial(ASN1_INTEGER_to_BN(X509_get0_serialNumber(certificate), nullptr));
  char* hex = serial ? BN_bn2hex(serial.get()) : nullptr;
  if (hex == nullptr) return {};
  std::string text(hex);
  OPENSSL_free(hex);
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  // BN_bn2hex pads to whole octets; the canonical form has no leading zeros.
  const std::size_t first = text.find_first_not_of('0');
  return first == std::string::npos ? "0" : text.substr(first);
}

Result<X509NamePtr> commonNameOnly(std::string_view commonName) {
  X509NamePtr name(X509_NAME_new());
  if (!name || commonName.size() > 64 ||
      X509_NAME_add_entry_by_NID(name.get(), NID_commonName, MBSTRING_UTF8,
                                 reinterpret_cast<const unsigned char*>(commonName.data()),
                                 static_cast<int>(commonName.size()), -1, 0) != 1) {
    return sslFailure(ErrorCode::invalid_input, "invalid_common_name",
                      "\"" + std::string(commonName) + "\" cannot be a certificate common name");
  }
  return name;
}

Result<X509Ptr> newCertificate(const X509_NAME* subject, const X509_NAME* issuer, EVP_PKEY* publicKey,
                               const Validity& validity) {
  if (validity.notAfter <= validity.notBefore) {
    return makeError(ErrorCode::invalid_input, "invalid_validity", "A certificate's notAfter must follow its notBefore.");
  }
  X509Ptr certificate(X509_new());
  if (!certificate) return sslFailure(ErrorCode::io_error, "certificate_failed", "Cannot allocate a certificate");
  // 128 random bits, top bit clear so the DER integer stays positive in 16 octets, and
  // never zero (RFC 5280 4.1.2.2: positive, unique per CA; random makes it unguessable).
  unsigned char bytes[16];
  do {
    if (RAND_bytes(bytes, sizeof bytes) != 1) {
      return sslFailure(ErrorCode::io_error, "random_failed", "No randomness for a serial number");
    }
    bytes[0] &= 0x7f;
  } while (bytes[0] == 0 && bytes[1] == 0);
  BignumPtr serial(BN_bin2bn(bytes, sizeof bytes, nullptr));
  const time_t notBefore = toTimeT(validity.notBefore);
  const time_t notAfter = toTimeT(validity.notAfter);
  if (!serial || X509_set_version(certificate.get(), X509_VERSION_3) != 1 ||
      BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(certificate.get())) == nullptr ||
      X509_set_subject_name(certificate.get(), subject) != 1 || X509_set_issuer_name(certificate.get(), issuer) != 1 ||
      X509_set_pubkey(certificate.get(), publicKey) != 1 ||
      ASN1_TIME_set(X509_getm_notBefore(certificate.get()), notBefore) == nullptr ||
      ASN1_TIME_set(X509_getm_notAfter(certificate.get()), notAfter) == nullptr) {
    return sslFailure(ErrorCode::io_error, "certificate_failed", "Cannot fill in a certificate");
  }
  return certificate;
}

Result<Done> addExtension(X509* certificate, X509* issuer, int nid, const char* value) {
  X509V3_CTX context;
  X509V3_set_ctx_nodb(&context);
  X509V3_set_ctx(&context, issuer, certificate, nullptr, nullptr, 0);
  X509ExtensionPtr extension(X509V3_EXT_conf_nid(nullptr, &context, nid, value));
  if (!extension || X509_add_ext(certificate, extension.get(), -1) != 1) {
    return sslFailure(ErrorCode::io_error, "certificate_failed",
                      std::string("Cannot add the extension ") + OBJ_nid2sn(nid) + "=" + value);
  }
  return Done{};
}

Result<Done> signCertificate(X509* certificate, EVP_PKEY* key) {
  if (X509_sign(certificate, key, EVP_sha256()) <= 0) {
    return sslFailure(ErrorCode::io_error, "signing_failed", "Cannot sign a certificate");
  }
  return Done{};
}

bool isP256Key(EVP_PKEY* key) {
  if (key == nullptr || EVP_PKEY_get_base_id(key) != EVP_PKEY_EC) return false;
  char group[64] = {};
  std::size_t length = 0;
  if (EVP_PKEY_get_group_name(key, group, sizeof group, &length) != 1) return false;
  return std::string_view(group, length) == "prime256v1" || std::string_view(group, length) == "P-256";
}

}  // namespace loyalty::net::detail
