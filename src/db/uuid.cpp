#include "fincoach/db/uuid.hpp"

#include <xxhash.h>

namespace fincoach::db {
namespace {

constexpr char k_hex_digits[] = "0123456789abcdef";
// Byte index at which each of the 32 hex digits of the text form starts a new byte.
constexpr std::array<size_t, 16> k_byte_text_offset = {0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34};

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool is_dash_position(size_t i) {
  return i == 8 || i == 13 || i == 18 || i == 23;
}

void set_version_8(Uuid& id) {
  id.bytes[6] = static_cast<uint8_t>(0x80 | (id.bytes[6] & 0x0f));
  id.bytes[8] = static_cast<uint8_t>(0x80 | (id.bytes[8] & 0x3f));
}

}  // namespace

void format_uuid(const Uuid& id, char* out) {
  for (size_t i = 0; i < k_uuid_text_size; ++i) out[i] = '-';
  for (size_t b = 0; b < 16; ++b) {
    out[k_byte_text_offset[b]] = k_hex_digits[id.bytes[b] >> 4];
    out[k_byte_text_offset[b] + 1] = k_hex_digits[id.bytes[b] & 0x0f];
  }
}

std::string to_string(const Uuid& id) {
  std::string text(k_uuid_text_size, '-');
  format_uuid(id, text.data());
  return text;
}

std::optional<Uuid> parse_uuid(std::string_view text) {
  if (text.size() != k_uuid_text_size) return std::nullopt;
  for (size_t i = 0; i < k_uuid_text_size; ++i)
    if (is_dash_position(i) != (text[i] == '-')) return std::nullopt;
  Uuid id;
  for (size_t b = 0; b < 16; ++b) {
    const int hi = hex_value(text[k_byte_text_offset[b]]);
    const int lo = hex_value(text[k_byte_text_offset[b] + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    id.bytes[b] = static_cast<uint8_t>(hi * 16 + lo);
  }
  return id;
}

bool is_canonical_uuid(std::string_view text) {
  if (!parse_uuid(text)) return false;
  for (char c : text)
    if (c >= 'A' && c <= 'F') return false;
  return true;
}

Uuid user_uuid(std::string_view external_id) {
  if (is_canonical_uuid(external_id)) return *parse_uuid(external_id);
  // A fixed seed keeps these ids apart from hashes other programs might take of the text.
  constexpr XXH64_hash_t k_seed = 0x66696e636f616368ULL;  // "fincoach"
  const XXH128_hash_t h = XXH3_128bits_withSeed(external_id.data(), external_id.size(), k_seed);
  Uuid id;
  for (size_t i = 0; i < 8; ++i) {
    id.bytes[i] = static_cast<uint8_t>(h.high64 >> (56 - 8 * i));
    id.bytes[8 + i] = static_cast<uint8_t>(h.low64 >> (56 - 8 * i));
  }
  set_version_8(id);
  return id;
}

Uuid derived_uuid(const Uuid& user, RowTag tag, uint64_t index) {
  Uuid id;
  for (size_t i = 0; i < 6; ++i) id.bytes[i] = user.bytes[i];
  id.bytes[6] = static_cast<uint8_t>(0x80 | static_cast<uint8_t>(tag));
  id.bytes[7] = user.bytes[7];
  const uint64_t low = (index & 0x3fffffffffffffffULL) | 0x8000000000000000ULL;
  for (size_t i = 0; i < 8; ++i) id.bytes[8 + i] = static_cast<uint8_t>(low >> (56 - 8 * i));
  return id;
}

}  // namespace fincoach::db
