#include "fincoach/ingest/csv_ingest.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <optional>

#include "category_assign.hpp"
#include "csv_splitter.hpp"
#include "file_bytes.hpp"
#include "fincoach/common/error.hpp"
#include "fincoach/common/progress.hpp"
#include "fincoach/common/text.hpp"
#include "row_converter.hpp"

namespace fincoach::ingest {

void IngestParams::validate() const {
  if (!(max_reject_fraction >= 0.0 && max_reject_fraction <= 1.0))
    throw InvalidInput(fmt::format("ingest.max_reject_fraction = {} must be in [0, 1]", max_reject_fraction));
}

namespace {

constexpr size_t k_raw_limit = 512;
constexpr uint64_t k_progress_min_bytes = 16ull << 20;
constexpr uint64_t k_progress_stride = 1u << 14;  // records between progress updates
constexpr std::string_view k_bom = "\xEF\xBB\xBF";

// The record as it appeared, cut to k_raw_limit bytes at a character boundary, with bytes
// that are not UTF-8 shown as \xNN so the rejects file itself stays valid UTF-8.
std::string printable_raw(std::string_view raw) {
  if (raw.size() > k_raw_limit) {
    size_t cut = k_raw_limit;
    while (cut > 0 && (static_cast<unsigned char>(raw[cut]) & 0xC0) == 0x80) --cut;
    raw = raw.substr(0, cut);
  }
  std::string out;
  out.reserve(raw.size());
  while (!raw.empty()) {
    const size_t bad = find_invalid_utf8(raw);
    out.append(raw.substr(0, bad));
    if (bad == std::string_view::npos) break;
    out += fmt::format("\\x{:02X}", static_cast<unsigned char>(raw[bad]));
    raw.remove_prefix(bad + 1);
  }
  return out;
}

// Offsets of the bytes that are not valid UTF-8; empty for the common all-ASCII file, which
// find_invalid_utf8 clears eight bytes at a time.
std::vector<size_t> invalid_utf8_offsets(std::string_view text) {
  std::vector<size_t> offsets;
  size_t base = 0;
  for (;;) {
    const size_t bad = find_invalid_utf8(text.substr(base));
    if (bad == std::string_view::npos) return offsets;
    offsets.push_back(base + bad);
    base += bad + 1;
  }
}

// Reads one file into the builder. Holds the per-file state; the converter (and its caches)
// is shared by all files of a run.
class FileIngest {
 public:
  FileIngest(const std::string& path, const SourceProfile& profile, detail::RowConverter& converter,
             LedgerBuilder& builder, IngestResult& result)
      : path_(path), profile_(profile), converter_(converter), builder_(builder), result_(result) {}

  void run(std::string_view bytes, Progress* progress, uint64_t bytes_before) {
    result_.stats.files += 1;
    result_.stats.bytes += bytes.size();
    file_bytes_ = bytes.size();
    std::string_view text = bytes;
    if (text.substr(0, k_bom.size()) == k_bom) text.remove_prefix(k_bom.size());
    std::string transcoded;
    if (profile_.encoding == Encoding::Latin1) {
      transcoded = latin1_to_utf8(text);
      text = transcoded;
    } else {
      invalid_ = invalid_utf8_offsets(text);
    }
    text_ = text;
    detail::CsvSplitter splitter(text, profile_.delimiter, profile_.quote);
    if (!read_header(splitter)) return;
    file_id_ = builder_.add_source_file(path_);
    const size_t first_row = builder_.rows();
    reserve_rows(text);
    read_rows(splitter, progress, bytes_before);
    if (profile_.order == FileOrder::NewestFirst) builder_.reverse_rows(first_row, builder_.rows());
  }

 private:
  bool read_header(detail::CsvSplitter& splitter) {
    bool found = false;
    while (!found && splitter.next(record_)) {
      found = record_.status != detail::RecordStatus::Blank;
      if (!found) ++result_.stats.blank_lines;
    }
    if (!found) {
      add_reject(0, "", RejectKind::EmptyFile, text_.empty() ? "file is empty" : "file has only blank lines", "");
      return false;
    }
    if (!record_ok(true)) {
      reject_remaining_rows(splitter);
      return false;
    }
    // Names are copied: a quoted header field may live in the splitter's scratch buffer.
    header_names_.assign(record_.fields.begin(), record_.fields.end());
    const std::vector<std::string> missing = converter_.bind_header(record_.fields);
    for (const std::string& name : missing)
      add_reject(record_.line, name, RejectKind::MissingHeader,
                 fmt::format("column '{}' named by profile '{}' is not in the header", name, profile_.name),
                 raw_of(record_));
    if (missing.empty()) return true;
    reject_remaining_rows(splitter);
    return false;
  }

  // A file whose header is unusable loses all its rows: count them, so the reject policy
  // sees the true fraction, but report the cause once (the header) rather than per row.
  void reject_remaining_rows(detail::CsvSplitter& splitter) {
    while (splitter.next(record_)) {
      if (record_.status == detail::RecordStatus::Blank) {
        ++result_.stats.blank_lines;
        continue;
      }
      ++result_.stats.rows_total;
      ++result_.stats.rows_rejected;
    }
  }

  void reserve_rows(std::string_view text) {
    const std::string_view sample = text.substr(0, 1u << 20);
    const auto lines = static_cast<size_t>(std::count(sample.begin(), sample.end(), '\n')) + 1;
    builder_.reserve(builder_.rows() + text.size() / std::max<size_t>(1, sample.size() / lines) + 1);
  }

  void read_rows(detail::CsvSplitter& splitter, Progress* progress, uint64_t bytes_before) {
    LedgerRow row;
    row.source_file = file_id_;
    const std::string_view file_user = user_of_file();
    uint64_t since_progress = 0;
    while (splitter.next(record_)) {
      if (progress != nullptr && ++since_progress == k_progress_stride) {
        since_progress = 0;
        progress->set(bytes_before + std::min<uint64_t>(splitter.position(), file_bytes_));
      }
      if (record_.status == detail::RecordStatus::Blank) {
        ++result_.stats.blank_lines;
        continue;
      }
      ++result_.stats.rows_total;
      if (!record_ok(false) || !columns_ok() || !convert(row, file_user)) {
        ++result_.stats.rows_rejected;
        continue;
      }
      builder_.append(row);
      ++result_.stats.rows_loaded;
    }
  }

  bool convert(LedgerRow& row, std::string_view file_user) {
    issues_.clear();
    if (converter_.convert(record_.fields, file_user, row, issues_)) {
      row.source_line = static_cast<uint32_t>(record_.line);
      return true;
    }
    FINCOACH_ASSERT(!issues_.empty());  // a refused row always says why
    const std::string raw = raw_of(record_);
    for (const detail::RowIssue& issue : issues_)
      add_reject(record_.line, column_name(issue.column), issue.kind, issue.message, raw);
    return false;
  }

  // Quoting and encoding problems of the record itself.
  bool record_ok(bool header) {
    const std::string_view what = header ? "header" : "record";
    switch (record_.status) {
      case detail::RecordStatus::UnterminatedQuote:
        add_reject(record_.line, column_name(record_.fields.size()), RejectKind::UnterminatedQuote,
                   fmt::format("the quoted field opened in this {} never closes before the end of the file", what),
                   raw_of(record_));
        return false;
      case detail::RecordStatus::BadQuote:
        add_reject(record_.line, column_name(record_.bad_field), RejectKind::BadQuote,
                   fmt::format("field {} has text after its closing quote", record_.bad_field + 1), raw_of(record_));
        return false;
      default:
        break;
    }
    const size_t bad = first_invalid_in(record_.begin, record_.end);
    if (bad == std::string_view::npos) return true;
    add_reject(record_.line, column_name(column_at(bad)), RejectKind::InvalidUtf8,
               fmt::format("byte \\x{:02X} at offset {} of the {} is not valid UTF-8 (is the file Latin-1? "
                           "set encoding = \"latin1\" in the profile)",
                           static_cast<unsigned char>(text_[bad]), bad - record_.begin, what),
               raw_of(record_));
    return false;
  }

  bool columns_ok() {
    const size_t have = record_.fields.size();
    const size_t want = header_names_.size();
    if (have == want) return true;
    add_reject(record_.line, "", have < want ? RejectKind::TooFewColumns : RejectKind::TooManyColumns,
               fmt::format("{} fields where the header has {}", have, want), raw_of(record_));
    return false;
  }

  size_t first_invalid_in(size_t begin, size_t end) const {
    const auto it = std::lower_bound(invalid_.begin(), invalid_.end(), begin);
    return it != invalid_.end() && *it < end ? *it : std::string_view::npos;
  }

  // Index of the field holding byte `offset` of the current record: delimiters outside quotes
  // are counted again here, which is cheaper than recording every field's start on the hot path.
  size_t column_at(size_t offset) const {
    size_t column = 0;
    bool quoted = false;
    for (size_t i = record_.begin; i < offset; ++i) {
      if (profile_.quote != '\0' && text_[i] == profile_.quote)
        quoted = !quoted;
      else if (text_[i] == profile_.delimiter && !quoted)
        ++column;
    }
    return column;
  }

  std::string column_name(size_t index) const {
    if (index < header_names_.size()) return header_names_[index];
    return index == std::string_view::npos ? std::string() : fmt::format("#{}", index + 1);
  }

  std::string_view user_of_file() {
    if (!profile_.user_id.empty()) return profile_.user_id;
    file_user_ = std::filesystem::path(path_).stem().string();
    return file_user_;
  }

  std::string raw_of(const detail::CsvRecord& record) const {
    return printable_raw(text_.substr(record.begin, record.end - record.begin));
  }

  void add_reject(uint64_t line, std::string column, RejectKind kind, std::string message, std::string raw) {
    result_.rejects.push_back({path_, line, std::move(column), kind, std::move(message), std::move(raw)});
  }

  const std::string& path_;
  const SourceProfile& profile_;
  detail::RowConverter& converter_;
  LedgerBuilder& builder_;
  IngestResult& result_;

  std::string_view text_;
  std::vector<size_t> invalid_;
  detail::CsvRecord record_;
  std::vector<std::string> header_names_;
  std::vector<detail::RowIssue> issues_;
  std::string file_user_;
  uint32_t file_id_ = 0;
  uint64_t file_bytes_ = 0;
};

uint64_t total_size(const std::vector<std::string>& paths) {
  uint64_t total = 0;
  for (const std::string& path : paths) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    if (!ec) total += size;
  }
  return total;
}

}  // namespace

IngestResult ingest_csv(const std::vector<std::string>& paths, const SourceProfile& profile,
                        const IngestParams& params) {
  params.validate();
  profile.validate();
  if (paths.empty()) throw InvalidInput("ingest: no input files given");
  const auto start = std::chrono::steady_clock::now();

  IngestResult result;
  LedgerBuilder builder(profile.currency, profile.decimal.minor_digits);
  detail::RowConverter converter(profile);
  const uint64_t total = total_size(paths);
  std::optional<Progress> progress;
  if (params.progress && total >= k_progress_min_bytes) progress.emplace("ingest", total, "B");

  for (const std::string& path : paths) {
    const uint64_t before = result.stats.bytes;
    const detail::FileBytes bytes(path, "input file");
    FileIngest(path, profile, converter, builder, result).run(bytes.view(), progress ? &*progress : nullptr, before);
  }
  if (progress) progress->finish();
  result.ledger = std::move(builder).finish();
  detail::assign_app_categories(result.ledger, profile, result.stats);
  result.stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

void enforce_reject_policy(const IngestResult& result, const IngestParams& params) {
  params.validate();
  const IngestStats& s = result.stats;
  const bool none_loaded = s.rows_loaded == 0;
  const bool too_many = s.reject_fraction() > params.max_reject_fraction;
  if (!none_loaded && !too_many) return;
  std::string message =
      none_loaded ? fmt::format("ingest loaded no rows from {} file(s): {} rows seen, {} rejects", s.files,
                                s.rows_total, result.rejects.size())
                  : fmt::format("ingest rejected {} of {} rows ({:.2f}%), more than max_reject_fraction = {}",
                                s.rows_rejected, s.rows_total, 100.0 * s.reject_fraction(), params.max_reject_fraction);
  constexpr size_t k_shown = 5;
  if (!result.rejects.empty()) message += "; first rejects:";
  for (size_t i = 0; i < std::min(k_shown, result.rejects.size()); ++i) {
    const Reject& r = result.rejects[i];
    message += fmt::format("\n  {}:{}: {}{}{}: {}", r.file, r.line, to_string(r.kind), r.column.empty() ? "" : " in ",
                           r.column, r.message);
  }
  if (result.rejects.size() > k_shown) message += fmt::format("\n  … and {} more", result.rejects.size() - k_shown);
  throw InvalidInput(message);
}

ParamSet ingest_param_set(IngestParams& params) {
  ParamSet set("ingest");
  set.add("max_reject_fraction", &params.max_reject_fraction,
          "fail (exit 2, no ledger written) when more than this fraction of rows is rejected");
  return set;
}

}  // namespace fincoach::ingest
