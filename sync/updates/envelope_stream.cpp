#include "updates/envelope_stream.h"

#include <algorithm>
#include <stdexcept>
#include <string>

#include <openssl/evp.h>

#include "codec/base64url.h"

namespace loyalty::updates {
namespace {

constexpr std::size_t kCopyBlock = 64 * 1024;

Error malformed(std::string message) {
  return makeError(ErrorCode::parse_error, "malformed", "Update envelope: " + std::move(message));
}

enum class LineRead { line, end_of_stream, too_long, unterminated };

// One line without its '\n', at most maxBytes: a hostile peer cannot make it grow.
LineRead readLine(std::istream& in, std::string& line, std::size_t maxBytes) {
  line.clear();
  std::streambuf* buffer = in.rdbuf();
  if (buffer == nullptr) return LineRead::end_of_stream;
  while (true) {
    const auto c = buffer->sbumpc();
    if (c == std::char_traits<char>::eof()) {
      in.setstate(std::ios::eofbit);
      return line.empty() ? LineRead::end_of_stream : LineRead::unterminated;
    }
    if (c == '\n') return LineRead::line;
    if (line.size() >= maxBytes) return LineRead::too_long;
    line += static_cast<char>(c);
  }
}

}  // namespace

void Sha256Stream::Free::operator()(evp_md_ctx_st* ctx) const noexcept { EVP_MD_CTX_free(ctx); }

Sha256Stream::Sha256Stream() : ctx_(EVP_MD_CTX_new()) {
  // Only a broken OpenSSL gets these wrong: a precondition, not bad input.
  if (!ctx_ || EVP_DigestInit_ex(ctx_.get(), EVP_sha256(), nullptr) != 1) {
    throw std::runtime_error("OpenSSL SHA-256 initialisation failed");
  }
}

Sha256Stream::~Sha256Stream() = default;

void Sha256Stream::update(const char* data, std::size_t size) {
  if (size > 0 && EVP_DigestUpdate(ctx_.get(), data, size) != 1) {
    throw std::runtime_error("OpenSSL SHA-256 update failed");
  }
}

std::string Sha256Stream::finish() {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  if (EVP_DigestFinal_ex(ctx_.get(), digest.data(), &length) != 1 ||
      EVP_DigestInit_ex(ctx_.get(), EVP_sha256(), nullptr) != 1) {
    throw std::runtime_error("OpenSSL SHA-256 final failed");
  }
  return codec::hexEncode(std::span<const std::uint8_t>(digest.data(), length));
}

HashingStreamBuf::HashingStreamBuf(std::istream& source, std::int64_t limit) : source_(source), remaining_(limit) {}

HashingStreamBuf::int_type HashingStreamBuf::underflow() {
  if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
  if (remaining_ <= 0 || sourceEnded_) return traits_type::eof();
  const auto want = static_cast<std::streamsize>(std::min<std::int64_t>(remaining_, static_cast<std::int64_t>(buffer_.size())));
  source_.read(buffer_.data(), want);
  const std::streamsize got = source_.gcount();
  if (got < want) sourceEnded_ = true;
  if (got <= 0) return traits_type::eof();
  hash_.update(buffer_.data(), static_cast<std::size_t>(got));
  remaining_ -= got;
  read_ += got;
  setg(buffer_.data(), buffer_.data(), buffer_.data() + got);
  return traits_type::to_int_type(buffer_[0]);
}

ContentDigest HashingStreamBuf::drain(bool& complete) {
  setg(buffer_.data(), buffer_.data(), buffer_.data());  // what is buffered was hashed already
  while (underflow() != traits_type::eof()) setg(buffer_.data(), egptr(), egptr());
  complete = remaining_ == 0;
  return ContentDigest{hash_.finish(), read_};
}

Result<std::optional<SignedMetadata>> EnvelopeReader::next() {
  if (failed_) return malformed("the stream already failed.");
  if (current_) {
    Result<ContentDigest> skipped = finishContent();
    if (!skipped) return skipped.error();
  }
  std::string line;
  switch (readLine(in_, line, kMaxEnvelopeLineBytes)) {
    case LineRead::end_of_stream: return std::optional<SignedMetadata>{};
    case LineRead::too_long:
      failed_ = true;
      return malformed("the metadata line is longer than " + std::to_string(kMaxEnvelopeLineBytes) + " bytes.");
    case LineRead::unterminated:
      failed_ = true;
      return malformed("the stream ends inside a metadata line.");
    case LineRead::line: break;
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  Result<SignedMetadata> parsed = parseEnvelopeLine(line);
  if (!parsed) {
    failed_ = true;
    return parsed.error();
  }
  current_ = parsed->metadata;
  buffer_ = std::make_unique<HashingStreamBuf>(in_, current_->contentBytes);
  content_ = std::make_unique<std::istream>(buffer_.get());
  return std::optional<SignedMetadata>(std::move(parsed.value()));
}

std::istream& EnvelopeReader::content() {
  if (!content_) {
    // No envelope is open: an empty stream rather than a crash.
    buffer_ = std::make_unique<HashingStreamBuf>(in_, 0);
    content_ = std::make_unique<std::istream>(buffer_.get());
  }
  return *content_;
}

Result<ContentDigest> EnvelopeReader::finishContent() {
  if (!current_ || !buffer_) return malformed("no envelope is open.");
  bool complete = false;
  ContentDigest digest = buffer_->drain(complete);
  const std::int64_t expected = current_->contentBytes;
  current_.reset();
  content_.reset();
  buffer_.reset();
  if (!complete) {
    failed_ = true;
    return malformed("the content ends after " + std::to_string(digest.bytes) + " of " + std::to_string(expected) +
                     " bytes.");
  }
  return digest;
}

ContentDigest hashContent(std::istream& content) {
  Sha256Stream hash;
  std::array<char, kCopyBlock> block{};
  std::int64_t total = 0;
  while (content) {
    content.read(block.data(), static_cast<std::streamsize>(block.size()));
    const std::streamsize got = content.gcount();
    if (got <= 0) break;
    hash.update(block.data(), static_cast<std::size_t>(got));
    total += got;
  }
  return ContentDigest{hash.finish(), total};
}

std::optional<Error> writeEnvelope(std::ostream& out, const SignedMetadata& update, std::istream& content) {
  out << envelopeLine(update) << '\n';
  std::array<char, kCopyBlock> block{};
  std::int64_t total = 0;
  while (content && out) {
    content.read(block.data(), static_cast<std::streamsize>(block.size()));
    const std::streamsize got = content.gcount();
    if (got <= 0) break;
    total += got;
    if (total > update.metadata.contentBytes) break;
    out.write(block.data(), got);
  }
  if (!out) return makeError(ErrorCode::io_error, "write_failed", "Could not write the update envelope.");
  if (total != update.metadata.contentBytes) {
    return makeError(ErrorCode::invalid_input, "content_length_mismatch",
                     "The content is not the " + std::to_string(update.metadata.contentBytes) +
                         " bytes the signed metadata announces.");
  }
  return std::nullopt;
}

}  // namespace loyalty::updates
