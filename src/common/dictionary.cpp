#include "fincoach/common/dictionary.hpp"

#include <fmt/format.h>
#include <xxhash.h>

#include "fincoach/common/error.hpp"

namespace fincoach {
namespace {

constexpr size_t k_initial_slots = 64;

uint64_t hash_text(std::string_view text) { return XXH3_64bits(text.data(), text.size()); }

}  // namespace

StringDictionary::StringDictionary() { clear(); }

void StringDictionary::clear() {
  bytes_.clear();
  offsets_.assign(1, 0);
  last_id_ = UINT32_MAX;
  slots_.assign(k_initial_slots, 0);
  slot_hash_.assign(k_initial_slots, 0);
}

void StringDictionary::reserve(uint32_t strings, size_t bytes) {
  bytes_.reserve(bytes);
  offsets_.reserve(static_cast<size_t>(strings) + 1);
  while (slots_.size() < static_cast<size_t>(strings) * 2) grow();
}

// Linear probing; the table is kept at most half full so probes stay short.
size_t StringDictionary::slot_of(std::string_view text, uint64_t hash) const {
  const size_t mask = slots_.size() - 1;
  size_t slot = static_cast<size_t>(hash) & mask;
  const auto tag = static_cast<uint32_t>(hash >> 32);
  while (slots_[slot] != 0) {
    if (slot_hash_[slot] == tag && at(slots_[slot] - 1) == text) return slot;
    slot = (slot + 1) & mask;
  }
  return slot;
}

uint32_t StringDictionary::intern(std::string_view text) {
  // Columns repeat themselves (one user's rows, one country): a compare beats a hash.
  if (last_id_ < size() && at(last_id_) == text) return last_id_;
  const uint64_t hash = hash_text(text);
  size_t slot = slot_of(text, hash);
  if (slots_[slot] != 0) return last_id_ = slots_[slot] - 1;
  const uint32_t id = size();
  if (id == UINT32_MAX - 1) throw InvalidInput("dictionary overflow: more than 4 billion distinct strings");
  bytes_.append(text);
  offsets_.push_back(bytes_.size());
  slots_[slot] = id + 1;
  slot_hash_[slot] = static_cast<uint32_t>(hash >> 32);
  if (static_cast<size_t>(size()) * 2 > slots_.size()) grow();
  return last_id_ = id;
}

std::optional<uint32_t> StringDictionary::find(std::string_view text) const {
  const size_t slot = slot_of(text, hash_text(text));
  if (slots_[slot] == 0) return std::nullopt;
  return slots_[slot] - 1;
}

void StringDictionary::grow() {
  const size_t new_size = slots_.size() * 2;
  slots_.assign(new_size, 0);
  slot_hash_.assign(new_size, 0);
  const size_t mask = new_size - 1;
  for (uint32_t id = 0; id < size(); ++id) {
    const uint64_t hash = hash_text(at(id));
    size_t slot = static_cast<size_t>(hash) & mask;
    while (slots_[slot] != 0) slot = (slot + 1) & mask;
    slots_[slot] = id + 1;
    slot_hash_[slot] = static_cast<uint32_t>(hash >> 32);
  }
}

StringDictionary StringDictionary::from_storage(std::string bytes, std::vector<uint64_t> offsets) {
  if (offsets.empty() || offsets.front() != 0 || offsets.back() != bytes.size())
    throw InvalidInput("corrupt dictionary: offsets do not span the string bytes");
  for (size_t i = 1; i < offsets.size(); ++i)
    if (offsets[i] < offsets[i - 1]) throw InvalidInput(fmt::format("corrupt dictionary: offset {} decreases", i));
  StringDictionary dict;
  dict.reserve(static_cast<uint32_t>(offsets.size() - 1), 0);
  dict.bytes_ = std::move(bytes);
  dict.offsets_ = std::move(offsets);
  const size_t mask = dict.slots_.size() - 1;
  for (uint32_t id = 0; id < dict.size(); ++id) {
    const std::string_view text = dict.at(id);
    const uint64_t hash = hash_text(text);
    size_t slot = static_cast<size_t>(hash) & mask;
    while (dict.slots_[slot] != 0) {
      if (dict.at(dict.slots_[slot] - 1) == text)
        throw InvalidInput(fmt::format("corrupt dictionary: '{}' stored twice", text));
      slot = (slot + 1) & mask;
    }
    dict.slots_[slot] = id + 1;
    dict.slot_hash_[slot] = static_cast<uint32_t>(hash >> 32);
  }
  return dict;
}

}  // namespace fincoach
