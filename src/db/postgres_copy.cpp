// COPY … FROM STDIN over raw libpq: the binary writer (every column type encoded as the
// server's receive functions expect it) and the text writer it falls back to, plus the libpq
// error handling both directions share.

#include "db/postgres_copy.hpp"

#include <fmt/format.h>
#include <libpq-fe.h>

#include <algorithm>
#include <array>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstring>

#include "db/copy_text.hpp"
#include "db/decimal_text.hpp"
#include "db/timestamp_text.hpp"
#include "fincoach/common/error.hpp"

namespace fincoach::db {
namespace {

// COPY data is handed to libpq in chunks of about this size.
constexpr size_t k_copy_chunk_bytes = size_t{1} << 18;

// Days from 1970-01-01 to 2000-01-01, PostgreSQL's epoch for binary timestamps.
constexpr int64_t k_postgres_epoch_day = 10957;

// One COPY FROM STDIN on the wire: started by the constructor, ended by end(); abandoned
// (the server discards the rows and fails the statement) when destroyed before end().
class CopyIn {
 public:
  CopyIn(PGconn* connection, const std::string& sql, const std::string& url, std::string what)
      : connection_(connection), url_(url), what_(std::move(what)) {
    const PgResult result(PQexec(connection_, sql.c_str()));
    if (PQresultStatus(result.get()) != PGRES_COPY_IN) fail_libpq(connection_, result.get(), url_, what_);
    active_ = true;
  }
  ~CopyIn() {
    if (!active_) return;
    PQputCopyEnd(connection_, "abandoned by fincoach");
    while (PGresult* raw = PQgetResult(connection_)) PQclear(raw);
  }
  CopyIn(const CopyIn&) = delete;
  CopyIn& operator=(const CopyIn&) = delete;

  void send(std::string_view data) {
    if (data.empty()) return;
    if (PQputCopyData(connection_, data.data(), static_cast<int>(data.size())) != 1)
      fail_libpq(connection_, nullptr, url_, what_);
  }
  void end() {
    active_ = false;
    if (PQputCopyEnd(connection_, nullptr) != 1) fail_libpq(connection_, nullptr, url_, what_);
    finish_libpq_command(connection_, url_, what_);
  }
  const std::string& what() const { return what_; }

 private:
  PGconn* connection_;
  const std::string& url_;
  std::string what_;
  bool active_ = false;
};

std::string copy_in_sql(const std::string& table, const std::vector<std::string>& columns, bool binary, bool freeze) {
  std::vector<std::string_view> options;
  if (binary) options.emplace_back("FORMAT binary");
  if (freeze) options.emplace_back("FREEZE");
  return fmt::format("COPY {} ({}) FROM STDIN{}", table, fmt::join(columns, ", "),
                     options.empty() ? "" : fmt::format(" ({})", fmt::join(options, ", ")));
}

// Text COPY: tab-separated, escaped fields, one line per row.
class TextCopyWriter final : public RowWriter {
 public:
  TextCopyWriter(PGconn* connection, std::string table, const std::vector<std::string>& columns, bool freeze,
                 const std::string& url)
      : copy_(connection, copy_in_sql(table, columns, false, freeze), url,
              fmt::format("writing table {} (COPY)", table)),
        columns_(static_cast<int>(columns.size())) {
    buffer_.reserve(k_copy_chunk_bytes + 4096);
  }

  void add_null() override {
    separate();
    buffer_ += "\\N";
  }
  void add_integer(int64_t value) override {
    separate();
    char digits[24];
    buffer_.append(digits, std::to_chars(digits, digits + sizeof digits, value).ptr);
  }
  void add_float(float value) override {
    separate();
    char digits[32];
    buffer_.append(digits, std::to_chars(digits, digits + sizeof digits, value).ptr);
  }
  void add_text(std::string_view value) override {
    separate();
    append_copy_escaped(buffer_, value);
  }
  void add_bool(bool value) override {
    separate();
    buffer_ += value ? 't' : 'f';
  }
  void add_money(int64_t minor, int minor_digits) override {
    separate();
    char text[k_decimal_text_max];
    buffer_.append(text, format_decimal(minor, minor_digits, text));
  }
  void add_uuid(const Uuid& value) override {
    separate();
    char text[k_uuid_text_size];
    format_uuid(value, text);
    buffer_.append(text, k_uuid_text_size);
  }
  void add_timestamp(int32_t day, int32_t second) override {
    separate();
    char text[k_timestamp_text_size];
    format_timestamp(day, second, text);
    buffer_.append(text, k_timestamp_text_size);
  }
  void end_row() override {
    FINCOACH_ASSERT(column_ == columns_);
    buffer_ += '\n';
    column_ = 0;
    if (buffer_.size() >= k_copy_chunk_bytes) flush();
  }
  void finish() override {
    FINCOACH_ASSERT(column_ == 0);
    flush();
    copy_.end();
  }

 private:
  void separate() {
    FINCOACH_ASSERT(column_ < columns_);
    if (column_++ != 0) buffer_ += '\t';
  }
  void flush() {
    copy_.send(buffer_);
    buffer_.clear();
  }

  CopyIn copy_;
  int columns_;
  int column_ = 0;
  std::string buffer_;
};

// Big-endian fixed-width integers, as binary COPY wants them.
template <typename T>
void append_big_endian(std::string& out, T value) {
  using U = std::make_unsigned_t<T>;
  auto bits = static_cast<U>(value);
  char bytes[sizeof(T)];
  for (size_t i = sizeof(T); i-- > 0;) {
    bytes[i] = static_cast<char>(bits & 0xff);
    bits = static_cast<U>(bits >> 8);
  }
  out.append(bytes, sizeof(T));
}

// NUMERIC's binary form: base-10000 digits with a weight (position of the first digit
// group relative to the decimal point), a sign and the display scale. `text` is
// "[-]digits[.digits]".
void append_numeric(std::string& out, std::string_view text) {
  const bool negative = !text.empty() && text.front() == '-';
  if (negative) text.remove_prefix(1);
  const size_t point = text.find('.');
  std::string_view whole = text.substr(0, point);
  const std::string_view fraction = point == std::string_view::npos ? std::string_view{} : text.substr(point + 1);
  while (!whole.empty() && whole.front() == '0') whole.remove_prefix(1);
  const size_t whole_groups = (whole.size() + 3) / 4;
  const size_t fraction_groups = (fraction.size() + 3) / 4;
  std::array<int16_t, 64> digits{};
  if (whole_groups + fraction_groups > digits.size())
    throw Internal(fmt::format("decimal '{}' too long for binary COPY", text));
  size_t n = 0;
  // The first whole group holds the leading 1-4 digits; the fraction is padded on the right.
  size_t at = 0;
  for (size_t g = 0; g < whole_groups; ++g) {
    const size_t width = g == 0 ? whole.size() - 4 * (whole_groups - 1) : 4;
    int value = 0;
    for (size_t i = 0; i < width; ++i) value = value * 10 + (whole[at++] - '0');
    digits[n++] = static_cast<int16_t>(value);
  }
  for (size_t g = 0; g < fraction_groups; ++g) {
    int value = 0;
    for (size_t i = 4 * g; i < 4 * g + 4; ++i) value = value * 10 + (i < fraction.size() ? fraction[i] - '0' : 0);
    digits[n++] = static_cast<int16_t>(value);
  }
  auto weight = static_cast<int>(whole_groups) - 1;
  size_t first = 0;
  while (first < n && digits[first] == 0) {
    ++first;
    --weight;
  }
  while (n > first && digits[n - 1] == 0) --n;
  const bool zero = first == n;
  const size_t count = n - first;
  append_big_endian<int32_t>(out, static_cast<int32_t>(8 + 2 * count));
  append_big_endian<int16_t>(out, static_cast<int16_t>(count));
  append_big_endian<int16_t>(out, static_cast<int16_t>(zero ? 0 : weight));
  append_big_endian<uint16_t>(out, negative && !zero ? 0x4000 : 0x0000);
  append_big_endian<uint16_t>(out, static_cast<uint16_t>(fraction.size()));
  for (size_t i = first; i < n; ++i) append_big_endian<int16_t>(out, digits[i]);
}

// NaN and the infinities in NUMERIC's binary form (PostgreSQL 14 and later).
void append_special_numeric(std::string& out, float value) {
  const uint16_t sign = std::isnan(value) ? 0xC000 : value > 0 ? 0xD000 : 0xF000;
  append_big_endian<int32_t>(out, 8);
  append_big_endian<int16_t>(out, 0);
  append_big_endian<int16_t>(out, 0);
  append_big_endian<uint16_t>(out, sign);
  append_big_endian<uint16_t>(out, 0);
}

// Binary COPY: a header, then per row a field count and per field its length and bytes.
class BinaryCopyWriter final : public RowWriter {
 public:
  BinaryCopyWriter(PGconn* connection, std::string table, const std::vector<std::string>& columns,
                   std::vector<PgType> types, bool freeze, const std::string& url)
      : copy_(connection, copy_in_sql(table, columns, true, freeze), url,
              fmt::format("writing table {} (binary COPY)", table)),
        table_(std::move(table)),
        columns_(columns),
        types_(std::move(types)),
        url_(url) {
    buffer_.reserve(k_copy_chunk_bytes + 4096);
    static constexpr char k_signature[] = "PGCOPY\n\377\r\n";
    buffer_.append(k_signature, sizeof k_signature);  // with its terminating zero byte
    append_big_endian<int32_t>(buffer_, 0);           // flags
    append_big_endian<int32_t>(buffer_, 0);           // header extension length
  }

  void add_null() override {
    next();
    append_big_endian<int32_t>(buffer_, -1);
  }
  void add_integer(int64_t value) override {
    switch (next()) {
      case PgType::Int2:
        put_fixed(static_cast<int16_t>(checked_range(value, INT16_MIN, INT16_MAX)));
        return;
      case PgType::Int4:
        put_fixed(static_cast<int32_t>(checked_range(value, INT32_MIN, INT32_MAX)));
        return;
      case PgType::Int8:
        put_fixed(value);
        return;
      case PgType::Numeric: {
        char digits[24];
        append_numeric(buffer_, std::string_view(digits, std::to_chars(digits, digits + sizeof digits, value).ptr));
        return;
      }
      case PgType::Float8:
        put_fixed(std::bit_cast<uint64_t>(static_cast<double>(value)));
        return;
      default:
        unsupported("an integer");
    }
  }
  void add_float(float value) override {
    switch (next()) {
      case PgType::Float4:
        put_fixed(std::bit_cast<uint32_t>(value));
        return;
      case PgType::Float8:
        put_fixed(std::bit_cast<uint64_t>(static_cast<double>(value)));
        return;
      case PgType::Numeric: {
        if (!std::isfinite(value)) return append_special_numeric(buffer_, value);
        char digits[80];
        const auto result = std::to_chars(digits, digits + sizeof digits, value, std::chars_format::fixed);
        append_numeric(buffer_, std::string_view(digits, result.ptr));
        return;
      }
      default:
        unsupported("a float");
    }
  }
  void add_text(std::string_view value) override {
    if (next() != PgType::Text) unsupported("text");
    if (value.size() > INT32_MAX)
      throw InvalidInput(fmt::format("{}: {}: a text of {} bytes", url_, where(), value.size()));
    append_big_endian<int32_t>(buffer_, static_cast<int32_t>(value.size()));
    buffer_.append(value);
  }
  void add_bool(bool value) override {
    if (next() != PgType::Bool) unsupported("a boolean");
    append_big_endian<int32_t>(buffer_, 1);
    buffer_ += value ? '\1' : '\0';
  }
  void add_money(int64_t minor, int minor_digits) override {
    if (next() != PgType::Numeric) unsupported("money");
    char text[k_decimal_text_max];
    append_numeric(buffer_, std::string_view(text, format_decimal(minor, minor_digits, text)));
  }
  void add_uuid(const Uuid& value) override {
    if (next() != PgType::Uuid) unsupported("a UUID");
    append_big_endian<int32_t>(buffer_, 16);
    buffer_.append(reinterpret_cast<const char*>(value.bytes.data()), 16);
  }
  void add_timestamp(int32_t day, int32_t second) override {
    if (next() != PgType::Timestamp) unsupported("a timestamp");
    put_fixed(((static_cast<int64_t>(day) - k_postgres_epoch_day) * 86400 + second) * 1'000'000);
  }
  void end_row() override {
    FINCOACH_ASSERT(column_ == columns_.size());
    column_ = 0;
    ++rows_;
    if (buffer_.size() >= k_copy_chunk_bytes) flush();
  }
  void finish() override {
    FINCOACH_ASSERT(column_ == 0);
    append_big_endian<int16_t>(buffer_, -1);  // trailer
    flush();
    copy_.end();
  }

 private:
  // The type of the next column; starts a row's field count at its first column.
  PgType next() {
    FINCOACH_ASSERT(column_ < columns_.size());
    if (column_ == 0) append_big_endian<int16_t>(buffer_, static_cast<int16_t>(columns_.size()));
    return types_[column_++];
  }
  template <typename T>
  void put_fixed(T value) {
    append_big_endian<int32_t>(buffer_, static_cast<int32_t>(sizeof(T)));
    append_big_endian<T>(buffer_, value);
  }
  int64_t checked_range(int64_t value, int64_t low, int64_t high) const {
    if (value < low || value > high)
      throw InvalidInput(fmt::format("{}: {}: {} is out of range for the column's integer type", url_, where(), value));
    return value;
  }
  std::string where() const {
    return fmt::format("{}.{} row {}", table_, columns_[column_ == 0 ? 0 : column_ - 1], rows_);
  }
  [[noreturn]] void unsupported(std::string_view what) const {
    throw Internal(fmt::format("{}: {}: cannot write {} to this column's type in binary COPY", url_, where(), what));
  }
  void flush() {
    copy_.send(buffer_);
    buffer_.clear();
  }

  CopyIn copy_;
  std::string table_;
  std::vector<std::string> columns_;
  std::vector<PgType> types_;
  const std::string& url_;
  size_t column_ = 0;
  uint64_t rows_ = 0;
  std::string buffer_;
};

}  // namespace

void PgResultClearer::operator()(pg_result* result) const noexcept {
  PQclear(result);
}

std::string one_line(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  for (size_t at = text.find('\n'); at != std::string::npos; at = text.find('\n', at)) text.replace(at, 1, "; ");
  std::erase(text, '\t');
  return text;
}

[[noreturn]] void fail_libpq(PGconn* connection, const PGresult* result, const std::string& url,
                             std::string_view what) {
  const char* state = result != nullptr ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  const std::string detail =
      one_line(result != nullptr && *PQresultErrorMessage(result) != '\0' ? PQresultErrorMessage(result)
                                                                          : PQerrorMessage(connection));
  const std::string message = fmt::format("{}: {}: {}", url, what, detail);
  if (state == nullptr) throw IoError(message);
  const std::string_view s(state);
  if (s.starts_with("08") || s.starts_with("53") || s.starts_with("57") || s.starts_with("58")) throw IoError(message);
  throw InvalidInput(message);
}

void finish_libpq_command(PGconn* connection, const std::string& url, std::string_view what) {
  PgResult error;
  while (PGresult* raw = PQgetResult(connection)) {
    PgResult result(raw);
    const ExecStatusType status = PQresultStatus(raw);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && !error) error = std::move(result);
  }
  if (error) fail_libpq(connection, error.get(), url, what);
}

PgType pg_type_of_oid(uint32_t oid) {
  // Built-in type OIDs (pg_type.dat); they never change.
  switch (oid) {
    case 21:
      return PgType::Int2;
    case 23:
      return PgType::Int4;
    case 20:
      return PgType::Int8;
    case 700:
      return PgType::Float4;
    case 701:
      return PgType::Float8;
    case 1700:
      return PgType::Numeric;
    case 25:    // text
    case 1043:  // varchar
      return PgType::Text;
    case 2950:
      return PgType::Uuid;
    case 16:
      return PgType::Bool;
    case 1114:  // timestamp without time zone (timestamptz would need the connection's time zone)
      return PgType::Timestamp;
    default:
      return PgType::Other;
  }
}

std::unique_ptr<RowWriter> make_copy_writer(pg_conn* connection, std::string table,
                                            const std::vector<std::string>& columns, const std::vector<PgType>& types,
                                            bool freeze, const std::string& url) {
  FINCOACH_ASSERT(types.size() == columns.size());
  const bool binary = std::find(types.begin(), types.end(), PgType::Other) == types.end();
  if (binary) return std::make_unique<BinaryCopyWriter>(connection, std::move(table), columns, types, freeze, url);
  return std::make_unique<TextCopyWriter>(connection, std::move(table), columns, freeze, url);
}

}  // namespace fincoach::db
