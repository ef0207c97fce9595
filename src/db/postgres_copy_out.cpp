// COPY (SELECT …) TO STDOUT over raw libpq: binary when every selected column has a type the
// binary reader decodes (the server then skips its text output functions, the costliest part
// of an export on its side: UUIDs, NUMERICs, timestamps), text otherwise.

#include <fmt/format.h>
#include <libpq-fe.h>

#include <algorithm>
#include <bit>
#include <charconv>
#include <cstring>
#include <optional>

#include "db/copy_text.hpp"
#include "db/decimal_text.hpp"
#include "db/postgres_copy.hpp"
#include "db/timestamp_text.hpp"
#include "fincoach/common/error.hpp"

namespace fincoach::db {
namespace {

// Days from 1970-01-01 to 2000-01-01, PostgreSQL's epoch for binary timestamps.
constexpr int64_t k_postgres_epoch_day = 10957;
constexpr int64_t k_microseconds_per_day = 86'400'000'000;

// One COPY TO STDOUT on the wire: one libpq buffer per CopyData message (a row).
class CopyOut {
 public:
  CopyOut(PGconn* connection, const std::string& sql, const std::string& url, std::string what)
      : connection_(connection), url_(url), what_(std::move(what)) {
    const PgResult result(PQexec(connection_, sql.c_str()));
    if (PQresultStatus(result.get()) != PGRES_COPY_OUT) fail_libpq(connection_, result.get(), url_, what_);
    active_ = true;
  }
  ~CopyOut() {
    release();
    if (!active_) return;
    // Reads what the server still sends: the connection must leave the COPY state.
    char* rest = nullptr;
    while (PQgetCopyData(connection_, &rest, 0) > 0) PQfreemem(rest);
    while (PGresult* raw = PQgetResult(connection_)) PQclear(raw);
  }
  CopyOut(const CopyOut&) = delete;
  CopyOut& operator=(const CopyOut&) = delete;

  /// The next message, valid until the next call; nullopt at the end of the data.
  std::optional<std::string_view> next() {
    release();
    if (!active_) return std::nullopt;
    const int length = PQgetCopyData(connection_, &buffer_, 0);
    if (length == -1) {
      active_ = false;
      finish_libpq_command(connection_, url_, what_);
      return std::nullopt;
    }
    if (length < 0) {
      active_ = false;
      fail_libpq(connection_, nullptr, url_, what_);
    }
    return std::string_view(buffer_, static_cast<size_t>(length));
  }
  const std::string& what() const { return what_; }

 private:
  void release() {
    if (buffer_ != nullptr) PQfreemem(buffer_);
    buffer_ = nullptr;
  }

  PGconn* connection_;
  const std::string& url_;
  std::string what_;
  char* buffer_ = nullptr;
  bool active_ = false;
};

std::string select_sql(const std::vector<std::string>& columns, const std::string& table, std::string_view tail) {
  return fmt::format("SELECT {} FROM {} {}", fmt::join(columns, ", "), table, tail);
}

// What both readers share: the messages about values that do not fit.
class CopyReaderBase : public RowReader {
 public:
  CopyReaderBase(std::string table, std::vector<std::string> columns, const std::string& url)
      : table_(std::move(table)), columns_(std::move(columns)), url_(url) {}
  uint64_t row_index() const override { return rows_ - 1; }

 protected:
  [[noreturn]] void bad_value(int column, std::string_view expected) const {
    const std::string found = is_null(column) ? "NULL" : fmt::format("'{}'", get_text(column));
    throw InvalidInput(fmt::format("{}: {}.{} row {}: expected {}, found {}", url_, table_,
                                   columns_[static_cast<size_t>(column)], row_index(), expected, found));
  }
  std::string what() const { return fmt::format("reading table {} (COPY)", table_); }

  std::string table_;
  std::vector<std::string> columns_;
  const std::string& url_;
  uint64_t rows_ = 0;
};

// Text COPY: each line split into fields in place.
class TextCopyReader final : public CopyReaderBase {
 public:
  TextCopyReader(PGconn* connection, std::string table, std::vector<std::string> columns, std::string_view tail,
                 const std::string& url)
      : CopyReaderBase(std::move(table), std::move(columns), url),
        copy_(connection, fmt::format("COPY ({}) TO STDOUT", select_sql(columns_, table_, tail)), url, what()) {}

  bool next() override {
    const auto message = copy_.next();
    if (!message) return false;
    std::string_view line = *message;
    if (!line.empty() && line.back() == '\n') line.remove_suffix(1);
    ++rows_;
    if (split_copy_line(line, fields_) != columns_.size())
      throw Internal(fmt::format("{}: {}: a COPY line has {} fields, expected {}", url_, what(), fields_.fields.size(),
                                 columns_.size()));
    return true;
  }
  bool is_null(int column) const override { return fields_.nulls[static_cast<size_t>(column)] != 0; }
  int64_t get_integer(int column) const override {
    int64_t value = 0;
    if (!parse_number(column, value)) bad_value(column, "an integer");
    return value;
  }
  float get_float(int column) const override {
    float value = 0;
    if (!parse_number(column, value)) bad_value(column, "a number");
    return value;
  }
  std::string_view get_text(int column) const override { return fields_.fields[static_cast<size_t>(column)]; }
  bool get_bool(int column) const override {
    const std::string_view text = get_text(column);
    if (is_null(column) || (text != "t" && text != "f")) bad_value(column, "a boolean");
    return text == "t";
  }
  int64_t get_money(int column, int minor_digits) const override {
    const auto value = is_null(column) ? std::nullopt : parse_decimal(get_text(column), minor_digits);
    if (!value) bad_value(column, fmt::format("a decimal with at most {} digits after the point", minor_digits));
    return *value;
  }
  Uuid get_uuid(int column) const override {
    const auto id = is_null(column) ? std::nullopt : parse_uuid(get_text(column));
    if (!id) bad_value(column, "a UUID");
    return *id;
  }
  int32_t get_day(int column) const override {
    const auto day = is_null(column) ? std::nullopt : parse_timestamp_day(get_text(column));
    if (!day) bad_value(column, "a timestamp YYYY-MM-DD HH:MM:SS");
    return *day;
  }

 private:
  template <typename T>
  bool parse_number(int column, T& value) const {
    if (is_null(column)) return false;
    const std::string_view text = get_text(column);
    const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
    return result.ec == std::errc() && result.ptr == text.data() + text.size();
  }

  CopyOut copy_;
  CopyLine fields_;
};

template <typename T>
T read_big_endian(const char* bytes) {
  using U = std::make_unsigned_t<T>;
  U value = 0;
  for (size_t i = 0; i < sizeof(T); ++i) value = static_cast<U>((value << 8) | static_cast<uint8_t>(bytes[i]));
  return static_cast<T>(value);
}

// NUMERIC's binary form ([ndigits][weight][sign][dscale] then base-10000 digits) as the
// decimal text PostgreSQL would print; nullopt for NaN, infinities or a malformed value.
std::optional<std::string> numeric_text(std::string_view bytes) {
  if (bytes.size() < 8) return std::nullopt;
  const auto count = read_big_endian<int16_t>(bytes.data());
  const auto weight = read_big_endian<int16_t>(bytes.data() + 2);
  const auto sign = read_big_endian<uint16_t>(bytes.data() + 4);
  const auto scale = read_big_endian<uint16_t>(bytes.data() + 6);
  if (count < 0 || bytes.size() != 8 + 2 * static_cast<size_t>(count) || (sign != 0 && sign != 0x4000))
    return std::nullopt;
  const auto digit = [&](int index) -> int {
    return index >= 0 && index < count ? read_big_endian<int16_t>(bytes.data() + 8 + 2 * index) : 0;
  };
  std::string text;
  if (sign == 0x4000) text += '-';
  if (weight < 0) {
    text += '0';
  } else {
    for (int i = 0; i <= weight; ++i) {
      const int d = digit(i);
      if (d < 0 || d > 9999) return std::nullopt;
      char group[8];
      const auto end = i == 0 ? std::to_chars(group, group + 8, d).ptr : group + 4;
      if (i != 0)
        for (int k = 3, v = d; k >= 0; --k, v /= 10) group[k] = static_cast<char>('0' + v % 10);
      text.append(group, end);
    }
  }
  if (scale > 0) {
    text += '.';
    for (int written = 0, j = 1; written < scale; ++j) {
      const int d = digit(weight + j);
      if (d < 0 || d > 9999) return std::nullopt;
      char group[4];
      for (int k = 3, v = d; k >= 0; --k, v /= 10) group[k] = static_cast<char>('0' + v % 10);
      const int take = std::min(4, scale - written);
      text.append(group, static_cast<size_t>(take));
      written += take;
    }
  }
  return text;
}

// NUMERIC's binary form as minor units with `minor_digits` decimals, without a detour
// through text; nullopt when it is not exactly representable (more decimals, overflow, NaN).
std::optional<int64_t> numeric_minor_units(std::string_view bytes, int minor_digits) {
  static constexpr std::array<int64_t, 19> k_pow10 = {1LL,
                                                      10LL,
                                                      100LL,
                                                      1000LL,
                                                      10000LL,
                                                      100000LL,
                                                      1000000LL,
                                                      10000000LL,
                                                      100000000LL,
                                                      1000000000LL,
                                                      10000000000LL,
                                                      100000000000LL,
                                                      1000000000000LL,
                                                      10000000000000LL,
                                                      100000000000000LL,
                                                      1000000000000000LL,
                                                      10000000000000000LL,
                                                      100000000000000000LL,
                                                      1000000000000000000LL};
  if (bytes.size() < 8 || minor_digits < 0 || minor_digits > 18) return std::nullopt;
  const auto count = read_big_endian<int16_t>(bytes.data());
  const auto weight = read_big_endian<int16_t>(bytes.data() + 2);
  const auto sign = read_big_endian<uint16_t>(bytes.data() + 4);
  if (count < 0 || bytes.size() != 8 + 2 * static_cast<size_t>(count) || (sign != 0 && sign != 0x4000))
    return std::nullopt;
  int64_t magnitude = 0;
  for (int i = 0; i < count; ++i) {
    const int64_t digit = read_big_endian<int16_t>(bytes.data() + 8 + 2 * i);
    if (digit < 0 || digit > 9999) return std::nullopt;
    const int exponent = 4 * (weight - i) + minor_digits;  // power of ten this digit group is worth
    int64_t part = 0;
    if (exponent >= 0) {
      if (digit == 0) continue;
      if (exponent > 18 || __builtin_mul_overflow(digit, k_pow10[static_cast<size_t>(exponent)], &part))
        return std::nullopt;
    } else {
      if (exponent <= -4 || digit % k_pow10[static_cast<size_t>(-exponent)] != 0) {
        if (digit != 0) return std::nullopt;
        continue;
      }
      part = digit / k_pow10[static_cast<size_t>(-exponent)];
    }
    if (__builtin_add_overflow(magnitude, part, &magnitude)) return std::nullopt;
  }
  return sign == 0x4000 ? -magnitude : magnitude;
}

// Binary COPY: per row a field count, then per field its length (-1: NULL) and bytes. Every
// accessor decodes the column's own type; asked for something else (get_text of a UUID,
// say), it goes through the text PostgreSQL would have printed, so both readers agree.
class BinaryCopyReader final : public CopyReaderBase {
 public:
  BinaryCopyReader(PGconn* connection, std::string table, std::vector<std::string> columns, std::string_view tail,
                   std::vector<PgType> types, const std::string& url)
      : CopyReaderBase(std::move(table), std::move(columns), url),
        types_(std::move(types)),
        copy_(connection, fmt::format("COPY ({}) TO STDOUT (FORMAT binary)", select_sql(columns_, table_, tail)), url,
              what()),
        fields_(columns_.size()),
        scratch_(columns_.size()) {}

  bool next() override {
    const auto message = copy_.next();
    if (!message) return false;
    std::string_view data = *message;
    if (!header_seen_) data = skip_header(data);
    if (data.size() < 2) malformed("a row shorter than its field count");
    const auto count = read_big_endian<int16_t>(data.data());
    if (count == -1) {
      if (copy_.next()) malformed("data after the end marker");
      return false;
    }
    if (static_cast<size_t>(count) != columns_.size())
      malformed(fmt::format("a row of {} fields, expected {}", count, columns_.size()));
    size_t at = 2;
    for (Field& field : fields_) {
      if (data.size() < at + 4) malformed("a truncated field");
      field.length = read_big_endian<int32_t>(data.data() + at);
      at += 4;
      field.data = data.data() + at;
      if (field.length > 0) at += static_cast<size_t>(field.length);
      if (at > data.size()) malformed("a truncated field");
    }
    if (at != data.size()) malformed("a row with trailing bytes");
    ++rows_;
    return true;
  }
  bool is_null(int column) const override { return field(column).length < 0; }
  int64_t get_integer(int column) const override {
    if (!is_null(column)) switch (type(column)) {
        case PgType::Int2:
          return fixed<int16_t>(column);
        case PgType::Int4:
          return fixed<int32_t>(column);
        case PgType::Int8:
          return fixed<int64_t>(column);
        default:
          break;
      }
    bad_value(column, "an integer");
  }
  float get_float(int column) const override {
    if (!is_null(column)) switch (type(column)) {
        case PgType::Float4:
          return std::bit_cast<float>(fixed<uint32_t>(column));
        case PgType::Float8:
          return static_cast<float>(std::bit_cast<double>(fixed<uint64_t>(column)));
        case PgType::Int2:
        case PgType::Int4:
        case PgType::Int8:
          return static_cast<float>(get_integer(column));
        case PgType::Numeric: {
          const std::string_view text = get_text(column);
          float value = 0;
          const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
          if (result.ec == std::errc() && result.ptr == text.data() + text.size()) return value;
          break;
        }
        default:
          break;
      }
    bad_value(column, "a number");
  }
  std::string_view get_text(int column) const override {
    if (is_null(column)) return {};
    if (type(column) == PgType::Text) return bytes(column);
    std::string& text = scratch_[static_cast<size_t>(column)];
    if (type(column) == PgType::Uuid) {  // per row for the user id: no allocation
      text.resize(k_uuid_text_size);
      format_uuid(get_uuid(column), text.data());
    } else {
      text = as_text(column);
    }
    return text;
  }
  bool get_bool(int column) const override {
    if (is_null(column) || type(column) != PgType::Bool || field(column).length != 1) bad_value(column, "a boolean");
    return field(column).data[0] != 0;
  }
  int64_t get_money(int column, int minor_digits) const override {
    if (!is_null(column) && type(column) == PgType::Numeric) {
      const auto value = numeric_minor_units(bytes(column), minor_digits);
      if (value) return *value;
    }
    const auto value = is_null(column) ? std::nullopt : parse_decimal(get_text(column), minor_digits);
    if (!value) bad_value(column, fmt::format("a decimal with at most {} digits after the point", minor_digits));
    return *value;
  }
  Uuid get_uuid(int column) const override {
    if (!is_null(column) && type(column) == PgType::Uuid && field(column).length == 16) {
      Uuid id;
      std::memcpy(id.bytes.data(), field(column).data, 16);
      return id;
    }
    const auto id = is_null(column) ? std::nullopt : parse_uuid(get_text(column));
    if (!id) bad_value(column, "a UUID");
    return *id;
  }
  int32_t get_day(int column) const override {
    if (!is_null(column) && type(column) == PgType::Timestamp && field(column).length == 8) {
      const auto day = day_of(fixed<int64_t>(column));
      if (day) return *day;
    }
    const auto day = is_null(column) ? std::nullopt : parse_timestamp_day(get_text(column));
    if (!day) bad_value(column, "a timestamp YYYY-MM-DD HH:MM:SS");
    return *day;
  }

 private:
  struct Field {
    const char* data = nullptr;
    int32_t length = -1;
  };

  const Field& field(int column) const { return fields_[static_cast<size_t>(column)]; }
  PgType type(int column) const { return types_[static_cast<size_t>(column)]; }
  std::string_view bytes(int column) const {
    return {field(column).data, static_cast<size_t>(std::max(field(column).length, 0))};
  }
  template <typename T>
  T fixed(int column) const {
    if (field(column).length != static_cast<int32_t>(sizeof(T))) malformed("a field of the wrong width");
    return read_big_endian<T>(field(column).data);
  }
  // Days since 1970-01-01 of a binary timestamp (microseconds since 2000-01-01), for the
  // years 1..9999 both engines share.
  static std::optional<int32_t> day_of(int64_t microseconds) {
    int64_t day = microseconds / k_microseconds_per_day;
    if (microseconds % k_microseconds_per_day < 0) --day;
    day += k_postgres_epoch_day;
    if (day < days_from_civil(1, 1, 1) || day > days_from_civil(9999, 12, 31)) return std::nullopt;
    return static_cast<int32_t>(day);
  }
  std::string as_text(int column) const {
    char out[64];
    switch (type(column)) {
      case PgType::Int2:
      case PgType::Int4:
      case PgType::Int8:
        return {out, std::to_chars(out, out + sizeof out, get_integer(column)).ptr};
      case PgType::Float4:
      case PgType::Float8:
        return {out, std::to_chars(out, out + sizeof out, get_float(column)).ptr};
      case PgType::Bool:
        return get_bool(column) ? "t" : "f";
      case PgType::Uuid:
        return to_string(get_uuid(column));
      case PgType::Numeric: {
        auto text = numeric_text(bytes(column));
        if (!text) malformed("a NUMERIC that is not a finite decimal");
        return *text;
      }
      case PgType::Timestamp: {
        const int64_t microseconds = fixed<int64_t>(column);
        const auto day = day_of(microseconds);
        if (!day) malformed("a timestamp outside the years 1 to 9999");
        int64_t within_day = microseconds % k_microseconds_per_day;
        if (within_day < 0) within_day += k_microseconds_per_day;
        format_timestamp(*day, static_cast<int32_t>(within_day / 1'000'000), out);
        std::string text(out, k_timestamp_text_size);
        if (within_day % 1'000'000 != 0) text += fmt::format(".{:06}", within_day % 1'000'000);
        return text;
      }
      default:
        return std::string(bytes(column));
    }
  }
  std::string_view skip_header(std::string_view data) {
    static constexpr char k_signature[] = "PGCOPY\n\377\r\n";
    constexpr size_t k_fixed = sizeof k_signature + 8;  // signature with its zero byte, flags, extension length
    if (data.size() < k_fixed || std::memcmp(data.data(), k_signature, sizeof k_signature) != 0)
      malformed("a missing binary COPY header");
    const auto extension = static_cast<uint32_t>(read_big_endian<int32_t>(data.data() + sizeof k_signature + 4));
    if (data.size() < k_fixed + extension) malformed("a truncated binary COPY header");
    header_seen_ = true;
    return data.substr(k_fixed + extension);
  }
  [[noreturn]] void malformed(std::string_view problem) const {
    throw Internal(fmt::format("{}: {}: the server sent {} (row {})", url_, what(), problem, rows_));
  }

  std::vector<PgType> types_;
  CopyOut copy_;
  std::vector<Field> fields_;
  mutable std::vector<std::string> scratch_;
  bool header_seen_ = false;
};

// The type of every column `sql` returns, from the server's description of it.
std::vector<PgType> result_types(PGconn* connection, const std::string& sql, const std::string& url,
                                 std::string_view what) {
  const PgResult prepared(PQprepare(connection, "", sql.c_str(), 0, nullptr));
  if (PQresultStatus(prepared.get()) != PGRES_COMMAND_OK) fail_libpq(connection, prepared.get(), url, what);
  const PgResult described(PQdescribePrepared(connection, ""));
  if (PQresultStatus(described.get()) != PGRES_COMMAND_OK) fail_libpq(connection, described.get(), url, what);
  std::vector<PgType> types(static_cast<size_t>(PQnfields(described.get())));
  for (size_t i = 0; i < types.size(); ++i) types[i] = pg_type_of_oid(PQftype(described.get(), static_cast<int>(i)));
  return types;
}

}  // namespace

std::unique_ptr<RowReader> make_copy_reader(pg_conn* connection, std::string table, std::vector<std::string> columns,
                                            std::string_view tail, const std::string& url) {
  std::vector<PgType> types = result_types(connection, select_sql(columns, table, tail), url,
                                           fmt::format("reading table {}", table));
  const bool binary = types.size() == columns.size() && std::find(types.begin(), types.end(), PgType::Other) == types.end();
  if (binary)
    return std::make_unique<BinaryCopyReader>(connection, std::move(table), std::move(columns), tail, std::move(types),
                                              url);
  return std::make_unique<TextCopyReader>(connection, std::move(table), std::move(columns), tail, url);
}

}  // namespace fincoach::db
