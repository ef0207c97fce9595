#include "csv_splitter.hpp"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace fincoach::ingest::detail {

CsvSplitter::CsvSplitter(std::string_view text, char delimiter, char quote, uint64_t first_line)
    : text_(text), delimiter_(delimiter), quote_(quote), line_(first_line) {}

bool CsvSplitter::at_line_end(size_t pos) const {
  const char c = text_[pos];
  return c == '\n' || (c == '\r' && (pos + 1 == text_.size() || text_[pos + 1] == '\n'));
}

// Consumes the line ending at pos_ ("\n", "\r\n", or a lone "\r" at the end of the buffer).
void CsvSplitter::finish_line(CsvRecord& record, size_t field_end) {
  record.end = field_end;
  if (pos_ < text_.size() && text_[pos_] == '\r') ++pos_;
  if (pos_ < text_.size() && text_[pos_] == '\n') ++pos_;
  ++line_;
}

bool CsvSplitter::next(CsvRecord& record) {
  const char* const data = text_.data();
  const size_t size = text_.size();
  if (pos_ >= size) return false;
  record.status = RecordStatus::Ok;
  record.line = line_;
  record.begin = pos_;
  record.fields.clear();
  scratch_.clear();
  scratch_fields_.clear();

  if (at_line_end(pos_)) {
    record.status = RecordStatus::Blank;
    finish_line(record, pos_);
    return true;
  }
  size_t pos = pos_;
  for (;;) {
    if (quote_ != '\0' && pos < size && data[pos] == quote_) {
      pos_ = pos;
      if (!read_quoted(record)) return true;  // a broken record is complete as it stands
      pos = pos_;
      if (pos < size && data[pos] == delimiter_) {
        ++pos;
        continue;
      }
      finish_line(record, pos);
      break;
    }
    // The hot path: an unquoted field runs to the next delimiter or newline.
    const size_t stop = find_field_end(pos);
    if (stop < size && data[stop] == delimiter_) {
      record.fields.emplace_back(data + pos, stop - pos);
      pos = stop + 1;
      continue;
    }
    // A '\r' right before the newline (or the end of the buffer) belongs to the line ending.
    const size_t end = stop > pos && data[stop - 1] == '\r' ? stop - 1 : stop;
    record.fields.emplace_back(data + pos, end - pos);
    pos_ = stop;
    finish_line(record, end);
    break;
  }
  for (const ScratchField& f : scratch_fields_)
    record.fields[f.field] = std::string_view(scratch_.data() + f.offset, f.length);
  return true;
}

void CsvSplitter::load_block(size_t start) {
  block_start_ = start;
  const char* const data = text_.data() + start;
  const size_t available = text_.size() - start;
  uint64_t mask = 0;
#if defined(__SSE2__)
  if (available >= 64) {
    const __m128i delimiters = _mm_set1_epi8(delimiter_);
    const __m128i newlines = _mm_set1_epi8('\n');
    for (int k = 0; k < 4; ++k) {
      const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + 16 * k));
      const __m128i hits = _mm_or_si128(_mm_cmpeq_epi8(bytes, delimiters), _mm_cmpeq_epi8(bytes, newlines));
      mask |= static_cast<uint64_t>(static_cast<uint16_t>(_mm_movemask_epi8(hits))) << (16 * k);
    }
    block_mask_ = mask;
    return;
  }
#endif
  const size_t n = available < 64 ? available : 64;
  for (size_t i = 0; i < n; ++i)
    if (data[i] == delimiter_ || data[i] == '\n') mask |= uint64_t{1} << i;
  block_mask_ = mask;
}

bool CsvSplitter::read_quoted(CsvRecord& record) {
  const char* const data = text_.data();
  const size_t size = text_.size();
  const size_t content = pos_ + 1;
  size_t search = content;
  bool escaped = false;
  size_t close = 0;
  for (;;) {
    const void* found = search < size ? std::memchr(data + search, quote_, size - search) : nullptr;
    if (found == nullptr) {
      record.status = RecordStatus::UnterminatedQuote;
      line_ += static_cast<uint64_t>(std::count(data + content, data + size, '\n'));
      pos_ = size;
      record.end = size;
      return false;
    }
    close = static_cast<size_t>(static_cast<const char*>(found) - data);
    if (close + 1 < size && data[close + 1] == quote_) {
      escaped = true;
      search = close + 2;
      continue;
    }
    break;
  }
  line_ += static_cast<uint64_t>(std::count(data + content, data + close, '\n'));
  if (escaped) {
    const size_t offset = scratch_.size();
    for (size_t i = content; i < close; ++i) {
      scratch_.push_back(data[i]);
      if (data[i] == quote_) ++i;  // every quote inside is doubled: keep one
    }
    scratch_fields_.push_back({record.fields.size(), offset, scratch_.size() - offset});
    record.fields.emplace_back();
  } else {
    record.fields.emplace_back(data + content, close - content);
  }
  pos_ = close + 1;
  if (pos_ < size && text_[pos_] != delimiter_ && !at_line_end(pos_)) {
    record.status = RecordStatus::BadQuote;
    record.bad_field = record.fields.size() - 1;
    skip_rest_of_line(record);
    return false;
  }
  return true;
}

void CsvSplitter::skip_rest_of_line(CsvRecord& record) {
  const void* found = std::memchr(text_.data() + pos_, '\n', text_.size() - pos_);
  if (found == nullptr) {
    pos_ = text_.size();
    record.end = pos_;
    return;
  }
  size_t newline = static_cast<size_t>(static_cast<const char*>(found) - text_.data());
  pos_ = newline;
  finish_line(record, newline > record.begin && text_[newline - 1] == '\r' ? newline - 1 : newline);
}

}  // namespace fincoach::ingest::detail
