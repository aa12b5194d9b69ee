// Update envelopes as a byte stream (docs/sync-protocol.md, "Updates"): the metadata line,
// then exactly content_bytes bytes of content; envelopes follow each other with nothing in
// between, so a response can carry several. Content is hashed while it is read and never
// held whole in memory (a 1M-member snapshot is ~150 MB).
#pragma once

#include <array>
#include <cstdint>
#include <istream>
#include <memory>
#include <optional>
#include <ostream>
#include <streambuf>

#include "engine/result.h"
#include "updates/update_metadata.h"
#include "updates/update_verifier.h"

struct evp_md_ctx_st;  // OpenSSL's EVP_MD_CTX

namespace loyalty::updates {

// Incremental SHA-256 (OpenSSL EVP).
class Sha256Stream {
 public:
  Sha256Stream();
  Sha256Stream(Sha256Stream&&) noexcept = default;
  Sha256Stream& operator=(Sha256Stream&&) noexcept = default;
  ~Sha256Stream();

  void update(const char* data, std::size_t size);
  // Lowercase hex of everything given to update(); the stream starts over afterwards.
  [[nodiscard]] std::string finish();

 private:
  struct Free {
    void operator()(evp_md_ctx_st* ctx) const noexcept;
  };
  std::unique_ptr<evp_md_ctx_st, Free> ctx_;
};

// A read-only view of the next `limit` bytes of `source` that hashes them as they pass.
class HashingStreamBuf : public std::streambuf {
 public:
  HashingStreamBuf(std::istream& source, std::int64_t limit);

  // Reads (and hashes) whatever the consumer left unread, then the digest. `complete` is
  // false when the source ended before `limit` bytes.
  [[nodiscard]] ContentDigest drain(bool& complete);

 protected:
  int_type underflow() override;

 private:
  std::istream& source_;
  std::int64_t remaining_;
  std::int64_t read_ = 0;
  bool sourceEnded_ = false;
  Sha256Stream hash_;
  std::array<char, 64 * 1024> buffer_{};
};

// Reads envelopes one after the other from a stream.
class EnvelopeReader {
 public:
  explicit EnvelopeReader(std::istream& in) noexcept : in_(in) {}

  // The next envelope's metadata, or nullopt at a clean end of the stream. The previous
  // envelope's content is skipped (and hashed) first if the caller did not finish it.
  // Errors: parse_error "malformed" (a bad or over-long metadata line, a truncated
  // content); after an error the reader is done.
  [[nodiscard]] Result<std::optional<SignedMetadata>> next();

  // The current envelope's content: at most content_bytes bytes, hashed as they are read.
  // Valid until the next call to next() or finishContent().
  [[nodiscard]] std::istream& content();

  // Skips what is left of the content and returns its digest; check it with checkContent
  // before making anything read from content() visible. Errors: "malformed" (truncated).
  [[nodiscard]] Result<ContentDigest> finishContent();

 private:
  std::istream& in_;
  std::optional<UpdateMetadata> current_;
  std::unique_ptr<HashingStreamBuf> buffer_;
  std::unique_ptr<std::istream> content_;
  bool failed_ = false;
};

// SHA-256 and length of a whole stream, read in blocks (HQ, before signing).
[[nodiscard]] ContentDigest hashContent(std::istream& content);

// Writes the envelope line and then the content, copied in blocks. Errors: io_error
// "write_failed"; invalid_input "content_length_mismatch" when the content is not
// content_bytes long (the envelope would not verify).
[[nodiscard]] std::optional<Error> writeEnvelope(std::ostream& out, const SignedMetadata& update,
                                                 std::istream& content);

}  // namespace loyalty::updates
