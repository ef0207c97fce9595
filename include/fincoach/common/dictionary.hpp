#pragma once
// Dictionary encoding: every distinct string is stored once; rows hold uint32 ids.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fincoach {

class StringDictionary {
 public:
  StringDictionary();

  /// Returns the id of `text`, adding it when new. Ids are dense, in order of first intern.
  uint32_t intern(std::string_view text);
  std::optional<uint32_t> find(std::string_view text) const;
  std::string_view at(uint32_t id) const {
    return {bytes_.data() + offsets_[id], offsets_[id + 1] - offsets_[id]};
  }
  uint32_t size() const { return static_cast<uint32_t>(offsets_.size() - 1); }
  bool empty() const { return size() == 0; }
  void clear();
  void reserve(uint32_t strings, size_t bytes);

  /// Raw storage, for the ledger file: all strings concatenated, and size()+1 offsets.
  const std::string& bytes() const { return bytes_; }
  const std::vector<uint64_t>& offsets() const { return offsets_; }
  /// Rebuilds from raw storage (validates offsets; throws InvalidInput when corrupt).
  static StringDictionary from_storage(std::string bytes, std::vector<uint64_t> offsets);

  /// Equal content (the intern cache is not content).
  bool operator==(const StringDictionary& other) const {
    return bytes_ == other.bytes_ && offsets_ == other.offsets_;
  }

 private:
  void grow();
  size_t slot_of(std::string_view text, uint64_t hash) const;

  std::string bytes_;
  std::vector<uint64_t> offsets_;  // size()+1 entries
  std::vector<uint32_t> slots_;    // open addressing: id + 1, or 0 when empty
  std::vector<uint32_t> slot_hash_;  // high 32 bits of each occupied slot's hash
  uint32_t last_id_ = UINT32_MAX;    // id of the last intern, checked first
};

}  // namespace fincoach
