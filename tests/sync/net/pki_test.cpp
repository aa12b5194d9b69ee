// The PKI through its public interface: CA creation, persistence and the refusals of
// issueClientCertificate; the terminal's key, CSR and certificate acceptance.
#include <sys/stat.h>

#include <set>

#include <catch2/catch.hpp>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "net/certificate_info.h"
#include "net/private_file.h"
#include "net_test_support.h"

namespace loyalty::net {
namespace {

using test::take;
using test::TempDir;

std::uint32_t modeOf(const std::string& path) {
  struct stat info {};
  REQUIRE(::stat(path.c_str(), &info) == 0);
  return info.st_mode & 0777;
}

// A CSR for `commonName` carrying `publicKey` but signed with `signingKey` (a forgery
// when the two differ).
std::string rawCsr(const std::string& commonName, EVP_PKEY* publicKey, EVP_PKEY* signingKey, const EVP_MD* digest) {
  X509_REQ* request = X509_REQ_new();
  X509_NAME* name = X509_REQ_get_subject_name(request);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>(commonName.c_str()), -1,
                             -1, 0);
  X509_REQ_set_pubkey(request, publicKey);
  REQUIRE(X509_REQ_sign(request, signingKey, digest) > 0);
  BIO* bio = BIO_new(BIO_s_mem());
  PEM_write_bio_X509_REQ(bio, request);
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio, &data);
  std::string pem(data, static_cast<std::size_t>(size));
  BIO_free(bio);
  X509_REQ_free(request);
  return pem;
}

const Validity kDay = Validity::fromNow(std::chrono::hours(24));

}  // namespace

TEST_CASE("A CA saved to disk loads back, its key file is 0600 and a readable key file is refused") {
  TempDir dir;
  CertificateAuthority ca = take(CertificateAuthority::create("Chain HQ CA", kDay));
  REQUIRE(ca.save(dir.file("ca.pem"), dir.file("ca.key")));
  CHECK(modeOf(dir.file("ca.key")) == 0600);
  CertificateAuthority loaded = take(CertificateAuthority::load(dir.file("ca.pem"), dir.file("ca.key")));
  CHECK(loaded.name() == "Chain HQ CA");
  CHECK(loaded.certificatePem() == ca.certificatePem());
  const CertificateInfo info = take(inspectCertificate(loaded.certificatePem()));
  CHECK(info.isCa);
  CHECK(info.commonName == "Chain HQ CA");

  REQUIRE(::chmod(dir.file("ca.key").c_str(), 0644) == 0);
  Result<CertificateAuthority> exposed = CertificateAuthority::load(dir.file("ca.pem"), dir.file("ca.key"));
  REQUIRE_FALSE(exposed);
  CHECK(exposed.error().reason == "key_file_permissions");

  Result<CertificateAuthority> missing = CertificateAuthority::load(dir.file("ca.pem"), dir.file("nothing.key"));
  REQUIRE_FALSE(missing);
  CHECK(missing.error().reason == "file_not_found");
}

TEST_CASE("A CA refuses a key that is not its own and a certificate that is not a CA") {
  CertificateAuthority one = take(CertificateAuthority::create("One", kDay));
  CertificateAuthority two = take(CertificateAuthority::create("Two", kDay));
  Result<CertificateAuthority> mixed = CertificateAuthority::fromPem(one.certificatePem(), take(two.privateKeyPem()));
  REQUIRE_FALSE(mixed);
  CHECK(mixed.error().reason == "key_mismatch");
  const KeyAndCertificate server = take(one.issueServerCertificate({"hq.example"}, kDay));
  Result<CertificateAuthority> leaf = CertificateAuthority::fromPem(server.certificatePem, server.privateKeyPem);
  REQUIRE_FALSE(leaf);
  CHECK(leaf.error().reason == "not_a_ca");
  Result<CertificateAuthority> garbage = CertificateAuthority::fromPem("not a pem", "nor this");
  REQUIRE_FALSE(garbage);
  CHECK(garbage.error().reason == "invalid_certificate");
}

TEST_CASE("A client certificate names the terminal, has a random 128-bit serial and chains to the CA") {
  TempDir dir;
  test::TestPki pki;
  std::set<std::string> serials;
  for (int i = 0; i < 20; ++i) {
    const std::string id = "store-7.till-" + std::to_string(i);
    const KeyAndCertificate issued = pki.enroll(id, dir);
    const CertificateInfo info = take(inspectCertificate(issued.certificatePem));
    CHECK(info.commonName == id);
    CHECK(info.issuerCommonName == "Test HQ CA");
    CHECK_FALSE(info.isCa);
    CHECK(info.serialHex.size() > 16);   // 127 random bits: short only by chance 2^-64
    CHECK(info.serialHex.size() <= 32);
    serials.insert(info.serialHex);
    CHECK(verifyCertificateChain(issued.certificatePem, pki.ca.certificatePem()));
  }
  CHECK(serials.size() == 20);
}

TEST_CASE("issueClientCertificate refuses forged CSRs, other names, other key types and bad ids") {
  TempDir dir;
  test::TestPki pki;
  TerminalIdentity identity = take(TerminalIdentity::generate("till-1", dir.file("till.key")));
  const std::string csr = take(identity.makeCsr());

  SECTION("a CSR whose CN is another terminal") {
    Result<std::string> issued = pki.ca.issueClientCertificate(csr, "till-2", kDay);
    REQUIRE_FALSE(issued);
    CHECK(issued.error().reason == "csr_common_name_mismatch");
  }
  SECTION("a CSR carrying one key but signed by another") {
    EVP_PKEY* victim = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
    EVP_PKEY* forger = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
    const std::string forged = rawCsr("till-1", victim, forger, EVP_sha256());
    Result<std::string> issued = pki.ca.issueClientCertificate(forged, "till-1", kDay);
    REQUIRE_FALSE(issued);
    CHECK(issued.error().reason == "csr_signature_invalid");
    EVP_PKEY_free(victim);
    EVP_PKEY_free(forger);
  }
  SECTION("a CSR whose bytes were altered") {
    std::string altered = csr;
    const std::size_t middle = altered.find('\n', altered.size() / 2) + 1;
    altered[middle] = altered[middle] == 'A' ? 'B' : 'A';
    Result<std::string> issued = pki.ca.issueClientCertificate(altered, "till-1", kDay);
    REQUIRE_FALSE(issued);
    CHECK((issued.error().reason == "csr_signature_invalid" || issued.error().reason == "invalid_csr"));
  }
  SECTION("an Ed25519 key") {
    EVP_PKEY* key = EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519");
    const std::string edCsr = rawCsr("till-1", key, key, nullptr);
    Result<std::string> issued = pki.ca.issueClientCertificate(edCsr, "till-1", kDay);
    REQUIRE_FALSE(issued);
    CHECK(issued.error().reason == "unsupported_key_type");
    EVP_PKEY_free(key);
  }
  SECTION("not a CSR, a bad terminal id") {
    Result<std::string> notCsr = pki.ca.issueClientCertificate("-----BEGIN NOTHING-----", "till-1", kDay);
    REQUIRE_FALSE(notCsr);
    CHECK(notCsr.error().reason == "invalid_csr");
    for (const char* bad : {"", "../etc", "till 1", "-x", "t\xc3\xa9"}) {
      Result<std::string> issued = pki.ca.issueClientCertificate(csr, bad, kDay);
      REQUIRE_FALSE(issued);
      CHECK(issued.error().reason == "invalid_terminal_id");
    }
  }
}

TEST_CASE("A terminal identity: key 0600, certificate checked before it is stored, both load back") {
  TempDir dir;
  test::TestPki pki;
  const std::string keyPath = dir.file("terminal.key");
  const std::string certificatePath = dir.file("terminal.pem");
  TerminalIdentity identity = take(TerminalIdentity::generate("till-9", keyPath));
  CHECK(modeOf(keyPath) == 0600);
  CHECK_FALSE(identity.hasCertificate());
  const std::string csr = take(identity.makeCsr());

  SECTION("the right certificate is stored and loads back") {
    const std::string certificate = take(pki.ca.issueClientCertificate(csr, "till-9", kDay));
    REQUIRE(identity.acceptCertificate(certificate, pki.ca.certificatePem(), certificatePath));
    CHECK(modeOf(certificatePath) == 0600);
    TerminalIdentity loaded = take(TerminalIdentity::load("till-9", keyPath, certificatePath));
    CHECK(loaded.hasCertificate());
    CHECK(loaded.certificatePem() == certificate);
    Result<TerminalIdentity> renamed = TerminalIdentity::load("till-8", keyPath, certificatePath);
    REQUIRE_FALSE(renamed);
    CHECK(renamed.error().reason == "certificate_common_name_mismatch");
  }
  SECTION("a certificate from another CA is refused and not stored") {
    CertificateAuthority other = take(CertificateAuthority::create("Rogue CA", kDay));
    const std::string certificate = take(other.issueClientCertificate(csr, "till-9", kDay));
    Result<Done> accepted = identity.acceptCertificate(certificate, pki.ca.certificatePem(), certificatePath);
    REQUIRE_FALSE(accepted);
    CHECK(accepted.error().reason == "certificate_untrusted");
    CHECK_FALSE(std::filesystem::exists(certificatePath));
  }
  SECTION("a certificate for another key is refused") {
    TerminalIdentity someoneElse = take(TerminalIdentity::generate("till-9", dir.file("other.key")));
    const std::string certificate = take(pki.ca.issueClientCertificate(take(someoneElse.makeCsr()), "till-9", kDay));
    Result<Done> accepted = identity.acceptCertificate(certificate, pki.ca.certificatePem(), certificatePath);
    REQUIRE_FALSE(accepted);
    CHECK(accepted.error().reason == "certificate_key_mismatch");
  }
  SECTION("an expired certificate is refused") {
    const auto now = std::chrono::system_clock::now();
    const Validity past{now - std::chrono::hours(48), now - std::chrono::hours(24)};
    const std::string certificate = take(pki.ca.issueClientCertificate(csr, "till-9", past));
    Result<Done> accepted = identity.acceptCertificate(certificate, pki.ca.certificatePem(), certificatePath);
    REQUIRE_FALSE(accepted);
    CHECK(accepted.error().reason == "certificate_untrusted");
    CHECK(accepted.error().message.find("expired") != std::string::npos);
  }
  SECTION("a key readable by others is refused on load") {
    REQUIRE(::chmod(keyPath.c_str(), 0640) == 0);
    Result<TerminalIdentity> loaded = TerminalIdentity::load("till-9", keyPath, certificatePath);
    REQUIRE_FALSE(loaded);
    CHECK(loaded.error().reason == "key_file_permissions");
  }
}

TEST_CASE("A server certificate carries IP and DNS names, bad hosts and empty lists are refused") {
  test::TestPki pki;
  const CertificateInfo info = take(inspectCertificate(pki.server.certificatePem));
  CHECK(info.commonName == "127.0.0.1");
  CHECK(verifyCertificateChain(pki.server.certificatePem, pki.ca.certificatePem()));
  Result<KeyAndCertificate> none = pki.ca.issueServerCertificate({}, kDay);
  REQUIRE_FALSE(none);
  CHECK(none.error().reason == "no_hosts");
  Result<KeyAndCertificate> bad = pki.ca.issueServerCertificate({"hq.example", "bad host"}, kDay);
  REQUIRE_FALSE(bad);
  CHECK(bad.error().reason == "invalid_host");
  const auto now = std::chrono::system_clock::now();
  Result<KeyAndCertificate> backwards = pki.ca.issueServerCertificate({"hq.example"}, Validity{now, now});
  REQUIRE_FALSE(backwards);
  CHECK(backwards.error().reason == "invalid_validity");
}

TEST_CASE("writeFileAtomically replaces a file whole and applies the mode") {
  TempDir dir;
  const std::string path = dir.file("secret.key");
  REQUIRE(writeFileAtomically(path, "first", 0600));
  REQUIRE(writeFileAtomically(path, "second version", 0600));
  CHECK(take(readPrivateFile(path)) == "second version");
  CHECK(modeOf(path) == 0600);
  std::size_t leftovers = 0;
  for (const auto& entry : std::filesystem::directory_iterator(std::filesystem::path(path).parent_path())) {
    if (entry.path().filename().string().front() == '.') ++leftovers;
  }
  CHECK(leftovers == 0);
  Result<Done> nowhere = writeFileAtomically(dir.file("no/such/dir/key"), "x", 0600);
  REQUIRE_FALSE(nowhere);
  CHECK(nowhere.error().reason == "file_write_failed");
}

}  // namespace loyalty::net
