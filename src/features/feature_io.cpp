#include "fincoach/features/feature_io.hpp"

#include <cstring>

#include <fmt/format.h>
#include <xxhash.h>

#include <nlohmann/json.hpp>

#include "fincoach/common/date.hpp"
#include "fincoach/common/error.hpp"
#include "fincoach/common/file_io.hpp"
#include "fincoach/common/text.hpp"

namespace fincoach::features {
namespace {

using json = nlohmann::json;

constexpr size_t k_magic_size = 8;
constexpr char k_matrix_magic[] = "FCFEAT01";
constexpr char k_series_magic[] = "FCSERI01";

/// Container: magic, version, header length, JSON header, raw sections, XXH3-64 of all before.
class Writer {
 public:
  Writer(const char* magic, const json& header) {
    bytes_.append(magic, k_magic_size);
    put(k_feature_file_version);
    const std::string h = header.dump();
    put(static_cast<uint64_t>(h.size()));
    bytes_ += h;
  }
  template <typename T>
  void put(const T& value) {
    bytes_.append(reinterpret_cast<const char*>(&value), sizeof(T));
  }
  template <typename T>
  void put_vector(const std::vector<T>& v) {
    bytes_.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
  }
  void save(const std::string& path) {
    put(static_cast<uint64_t>(XXH3_64bits(bytes_.data(), bytes_.size())));
    write_file_atomic(path, bytes_);
  }

 private:
  std::string bytes_;
};

class Reader {
 public:
  Reader(const std::string& path, const char* magic) : path_(path), bytes_(read_text_file(path)) {
    if (bytes_.size() < k_magic_size + 4 + 8 + 8 || bytes_.compare(0, k_magic_size, magic, k_magic_size) != 0)
      fail("not a fincoach feature file (bad magic)");
    const uint64_t stored = [&] {
      uint64_t v;
      std::memcpy(&v, bytes_.data() + bytes_.size() - 8, 8);
      return v;
    }();
    if (XXH3_64bits(bytes_.data(), bytes_.size() - 8) != stored) fail("checksum mismatch (corrupt or truncated)");
    end_ = bytes_.size() - 8;
    pos_ = k_magic_size;
    const uint32_t version = get<uint32_t>();
    if (version > k_feature_file_version)
      fail(fmt::format("version {} is newer than this program's {}", version, k_feature_file_version));
    const uint64_t header_size = get<uint64_t>();
    need(header_size);
    try {
      header_ = json::parse(bytes_.substr(pos_, header_size));
    } catch (const json::exception& e) {
      fail(fmt::format("bad header: {}", e.what()));
    }
    pos_ += header_size;
  }
  const json& header() const { return header_; }
  template <typename T>
  T get() {
    need(sizeof(T));
    T v;
    std::memcpy(&v, bytes_.data() + pos_, sizeof(T));
    pos_ += sizeof(T);
    return v;
  }
  template <typename T>
  std::vector<T> get_vector(uint64_t count) {
    if (count > (end_ - pos_) / sizeof(T)) fail("truncated section");
    std::vector<T> v(count);
    std::memcpy(v.data(), bytes_.data() + pos_, count * sizeof(T));
    pos_ += count * sizeof(T);
    return v;
  }
  void finish() {
    if (pos_ != end_) fail("trailing bytes after the last section");
  }
  [[noreturn]] void fail(const std::string& what) const { throw InvalidInput(fmt::format("{}: {}", path_, what)); }

 private:
  void need(uint64_t n) const {
    if (n > end_ - pos_) fail("truncated");
  }
  std::string path_;
  std::string bytes_;
  json header_;
  size_t pos_ = 0;
  size_t end_ = 0;
};

std::string csv_user(const Ledger& ledger, uint32_t user) { return csv_escape(ledger.users.at(user)); }

}  // namespace

void write_matrix_csv(const FeatureMatrix& m, const Ledger& ledger, const std::vector<uint32_t>& row_user,
                      const std::vector<int32_t>& row_day, const std::string& path) {
  FINCOACH_ASSERT(row_user.size() == m.rows && row_day.size() == m.rows);
  std::string out = "user_id,as_of";
  for (const FeatureDef& f : m.schema.features) out += "," + f.name;
  out += "\n";
  fmt::memory_buffer line;
  for (size_t r = 0; r < m.rows; ++r) {
    line.clear();
    fmt::format_to(std::back_inserter(line), "{},{}", csv_user(ledger, row_user[r]), format_iso_date(row_day[r]));
    for (float v : m.row(r)) fmt::format_to(std::back_inserter(line), ",{}", v);
    line.push_back('\n');
    out.append(line.data(), line.size());
  }
  write_file_atomic(path, out);
}

void save_matrix(const FeatureMatrix& m, const std::vector<uint32_t>& row_user, const std::vector<int32_t>& row_day,
                 const std::string& path) {
  FINCOACH_ASSERT(row_user.size() == m.rows && row_day.size() == m.rows);
  Writer w(k_matrix_magic, {{"schema", m.schema.to_json()}, {"rows", m.rows}, {"cols", m.cols()}});
  w.put_vector(m.values);
  w.put_vector(m.missing);
  w.put_vector(row_user);
  w.put_vector(row_day);
  w.save(path);
}

LoadedMatrix load_matrix(const std::string& path) {
  Reader r(path, k_matrix_magic);
  LoadedMatrix out;
  try {
    out.matrix.schema = FeatureSchema::from_json(r.header().at("schema"));
    out.matrix.rows = r.header().at("rows").get<size_t>();
  } catch (const std::exception& e) {
    r.fail(fmt::format("bad header: {}", e.what()));
  }
  const size_t cells = out.matrix.rows * out.matrix.cols();
  out.matrix.values = r.get_vector<float>(cells);
  out.matrix.missing = r.get_vector<uint8_t>(cells);
  out.row_user = r.get_vector<uint32_t>(out.matrix.rows);
  out.row_day = r.get_vector<int32_t>(out.matrix.rows);
  r.finish();
  return out;
}

void write_series_csv(const DailySeries& s, const Ledger& ledger, const std::string& path) {
  std::string out = "user_id,date";
  for (AppCategory c : all_app_categories()) out += fmt::format(",{}", to_string(c));
  out += ",credits\n";
  fmt::memory_buffer line;
  for (uint32_t u = 0; u + 1 < s.user_offsets.size(); ++u) {
    const std::string user = csv_user(ledger, u);
    for (uint64_t r = s.user_offsets[u]; r < s.user_offsets[u + 1]; ++r) {
      line.clear();
      fmt::format_to(std::back_inserter(line), "{},{}", user, format_iso_date(s.day_of(u, r)));
      for (const auto& column : s.spend) fmt::format_to(std::back_inserter(line), ",{}", column[r]);
      fmt::format_to(std::back_inserter(line), ",{}\n", s.income[r]);
      out.append(line.data(), line.size());
    }
  }
  write_file_atomic(path, out);
}

void save_series(const DailySeries& s, const std::string& path) {
  const uint64_t users = s.first_day.size();
  Writer w(k_series_magic, {{"users", users}, {"rows", s.rows()}, {"categories", k_app_category_count}});
  w.put_vector(s.user_offsets);
  w.put_vector(s.first_day);
  for (const auto& column : s.spend) w.put_vector(column);
  w.put_vector(s.income);
  w.save(path);
}

DailySeries load_series(const std::string& path) {
  Reader r(path, k_series_magic);
  DailySeries s;
  uint64_t users = 0;
  uint64_t rows = 0;
  try {
    users = r.header().at("users").get<uint64_t>();
    rows = r.header().at("rows").get<uint64_t>();
    if (r.header().at("categories").get<int>() != k_app_category_count) r.fail("category count differs");
  } catch (const json::exception& e) {
    r.fail(fmt::format("bad header: {}", e.what()));
  }
  s.user_offsets = r.get_vector<uint64_t>(users + 1);
  s.first_day = r.get_vector<int32_t>(users);
  for (auto& column : s.spend) column = r.get_vector<float>(rows);
  s.income = r.get_vector<float>(rows);
  r.finish();
  if (s.user_offsets.empty() || s.user_offsets.back() != rows) r.fail("user offsets disagree with the row count");
  return s;
}

void write_recurring_csv(const RecurringStreamTable& t, const Ledger& ledger, const std::string& path) {
  const double scale = std::pow(10.0, ledger.minor_digits);
  std::string out = "user_id,counterparty,cadence,category,amount,occurrences,first_date,last_date,next_date,next_amount\n";
  for (size_t i = 0; i < t.size(); ++i)
    out += fmt::format("{},{},{},{},{},{},{},{},{},{}\n", csv_user(ledger, t.user[i]), csv_escape(t.counterparty[i]),
                       to_string(static_cast<Cadence>(t.cadence[i])), to_string(static_cast<AppCategory>(t.category[i])),
                       static_cast<double>(t.amount[i]) / scale, t.occurrences[i], format_iso_date(t.first_day[i]),
                       format_iso_date(t.last_day[i]), format_iso_date(t.next_day[i]),
                       static_cast<double>(t.next_amount[i]) / scale);
  write_file_atomic(path, out);
}

}  // namespace fincoach::features
