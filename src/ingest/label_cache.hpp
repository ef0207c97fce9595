#pragma once
// A small string → dense id map for the few distinct labels of a column (type codes, raw
// categories). Cheaper per lookup than the general dictionary: an inline hash of a few
// loads and no library call, which matters because it runs once per row.

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace fincoach::ingest::detail {

/// Equality of short strings without a library call (labels and dates are a few bytes long).
inline bool same_bytes(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (a[i] != b[i]) return false;
  return true;
}

class LabelCache {
 public:
  LabelCache() : slots_(64, k_empty) {}

  /// The id of `label`, and whether it was just added (ids are dense, in order of first use).
  uint32_t id(std::string_view label, bool& added) {
    const uint64_t h = hash(label);
    size_t slot = static_cast<size_t>(h) & (slots_.size() - 1);
    while (slots_[slot] != k_empty) {
      const uint32_t candidate = slots_[slot];
      if (same_bytes(labels_[candidate], label)) {
        added = false;
        return candidate;
      }
      slot = (slot + 1) & (slots_.size() - 1);
    }
    added = true;
    const auto fresh = static_cast<uint32_t>(labels_.size());
    labels_.emplace_back(label);
    slots_[slot] = fresh;
    if (labels_.size() * 2 > slots_.size()) grow();
    return fresh;
  }

  const std::string& label(uint32_t id) const { return labels_[id]; }
  uint32_t size() const { return static_cast<uint32_t>(labels_.size()); }

 private:
  static constexpr uint32_t k_empty = UINT32_MAX;

  // Mixes the length with the first and last bytes (eight of each when there are that many):
  // labels differ there, and a rare collision only costs one more probe.
  static uint64_t hash(std::string_view text) {
    const size_t n = text.size();
    uint64_t a = 0, b = 0;
    if (n >= 8) {
      std::memcpy(&a, text.data(), 8);
      std::memcpy(&b, text.data() + n - 8, 8);
    } else if (n >= 4) {
      uint32_t x = 0, y = 0;
      std::memcpy(&x, text.data(), 4);
      std::memcpy(&y, text.data() + n - 4, 4);
      a = x;
      b = y;
    } else if (n > 0) {
      a = static_cast<unsigned char>(text[0]) | (uint64_t{static_cast<unsigned char>(text[n / 2])} << 8) |
          (uint64_t{static_cast<unsigned char>(text[n - 1])} << 16);
    }
    const uint64_t h = (a ^ (b * 0x9E3779B97F4A7C15ULL) ^ n) * 0xFF51AFD7ED558CCDULL;
    return h ^ (h >> 32);
  }

  void grow() {
    slots_.assign(slots_.size() * 2, k_empty);
    for (uint32_t id = 0; id < labels_.size(); ++id) {
      size_t slot = static_cast<size_t>(hash(labels_[id])) & (slots_.size() - 1);
      while (slots_[slot] != k_empty) slot = (slot + 1) & (slots_.size() - 1);
      slots_[slot] = id;
    }
  }

  std::vector<std::string> labels_;
  std::vector<uint32_t> slots_;
};

}  // namespace fincoach::ingest::detail
