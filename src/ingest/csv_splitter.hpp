#pragma once
// RFC 4180 record splitter over an in-memory buffer. Fields come back as string_views into
// the buffer; only quoted fields holding "" escapes are copied, into a scratch buffer that is
// reused from record to record, so splitting allocates nothing per row once warmed up.

#include <bit>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace fincoach::ingest::detail {

enum class RecordStatus : uint8_t {
  Ok,
  Blank,              ///< an empty line (no bytes before the line ending)
  UnterminatedQuote,  ///< a quoted field ran to the end of the buffer
  BadQuote,           ///< text after a closing quote; `bad_field` says which field
};

struct CsvRecord {
  RecordStatus status = RecordStatus::Ok;
  uint64_t line = 0;  ///< 1-based physical line of the record's first byte
  size_t begin = 0;   ///< offset of the first byte in the buffer
  size_t end = 0;     ///< offset past the last byte, line ending excluded
  size_t bad_field = 0;
  /// Field values, quotes removed and "" unescaped. Valid until the next call to next().
  std::vector<std::string_view> fields;
};

class CsvSplitter {
 public:
  /// `quote` of '\0' disables quoting. `first_line` numbers the buffer's first line.
  CsvSplitter(std::string_view text, char delimiter, char quote, uint64_t first_line = 1);

  /// Reads the next record; false at the end of the buffer.
  bool next(CsvRecord& record);
  /// Bytes consumed so far.
  size_t position() const { return pos_; }

 private:
  bool at_line_end(size_t pos) const;
  void finish_line(CsvRecord& record, size_t field_end);
  bool read_quoted(CsvRecord& record);
  void skip_rest_of_line(CsvRecord& record);
  /// Offset of the first delimiter or '\n' at or after `pos` (the buffer size when none).
  /// Inline: it runs once per field.
  size_t find_field_end(size_t pos) {
    for (;;) {
      if (pos < block_start_ || pos - block_start_ >= 64) load_block(pos - pos % 64);
      const uint64_t ahead = block_mask_ >> (pos - block_start_);
      if (ahead != 0) return pos + static_cast<size_t>(std::countr_zero(ahead));
      pos = block_start_ + 64;
      if (pos >= text_.size()) return text_.size();
    }
  }
  void load_block(size_t start);

  std::string_view text_;
  char delimiter_;
  char quote_;
  size_t pos_ = 0;
  uint64_t line_;
  // Bit i of block_mask_ marks a delimiter or '\n' at block_start_ + i: one 64-byte block is
  // classified at once and its mask reused by every field that ends inside it.
  size_t block_start_ = SIZE_MAX;
  uint64_t block_mask_ = 0;
  std::string scratch_;
  /// Fields whose unescaped value lives in scratch_; their views are set once the record is
  /// complete, because scratch_ may grow (and move) while later fields are unescaped.
  struct ScratchField {
    size_t field;
    size_t offset;
    size_t length;
  };
  std::vector<ScratchField> scratch_fields_;
};

}  // namespace fincoach::ingest::detail
