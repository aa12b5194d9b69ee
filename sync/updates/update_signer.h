// HQ's side of update signing: its Ed25519 update signing key (a file of its own, mode
// 0600, separate from the TLS key) and the signature over an envelope's canonical metadata.
#pragma once

#include <string>

#include "engine/result.h"
#include "updates/ed25519.h"
#include "updates/update_metadata.h"
#include "updates/update_verifier.h"

namespace loyalty::updates {

class UpdateSigner {
 public:
  UpdateSigner(Ed25519SigningKey key, std::string keyId) noexcept : key_(std::move(key)), keyId_(std::move(keyId)) {}

  // Reads a PKCS#8 PEM key file. Errors: io_error "file_not_found", "file_unreadable",
  // "not_a_file", "file_too_large"; rejected "insecure_key_file" (group or others may read
  // or write it: the key is no longer secret); "bad_private_key", "not_ed25519_key".
  [[nodiscard]] static Result<UpdateSigner> loadKeyFile(const std::string& path, std::string keyId);
  // Generates a key and writes it to `path` with mode 0600 (atomically; an existing file is
  // never replaced: io_error "file_exists"). Errors: also "write_failed".
  [[nodiscard]] static Result<UpdateSigner> generateKeyFile(const std::string& path, std::string keyId);
  // Loads the key file, or generates it when there is none yet (HQ's first start).
  [[nodiscard]] static Result<UpdateSigner> loadOrGenerate(const std::string& path, std::string keyId);

  [[nodiscard]] const std::string& keyId() const noexcept { return keyId_; }
  [[nodiscard]] const PublicKeyBytes& publicKey() const noexcept { return key_.publicKey(); }
  // What an agent's configuration lists to trust this key.
  [[nodiscard]] TrustedKey trustedKey() const { return TrustedKey{keyId_, key_.publicKey()}; }

  // Signs the metadata with key_id set to this key's id, after checking that agents will
  // read it (the envelope line is parsed back). Errors: invalid_input "malformed" (with the
  // field), rejected "signing_failed".
  [[nodiscard]] Result<SignedMetadata> sign(UpdateMetadata metadata) const;
  // The same, with content_hash and content_bytes taken from the digest of the content.
  [[nodiscard]] Result<SignedMetadata> sign(UpdateMetadata metadata, const ContentDigest& content) const;

 private:
  Ed25519SigningKey key_;
  std::string keyId_;
};

}  // namespace loyalty::updates
