#include "fincoach/ingest/reject.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include "fincoach/common/error.hpp"
#include "fincoach/common/text.hpp"

namespace fincoach::ingest {

std::string_view to_string(RejectKind kind) {
  switch (kind) {
    case RejectKind::EmptyFile:
      return "empty_file";
    case RejectKind::MissingHeader:
      return "missing_header";
    case RejectKind::InvalidUtf8:
      return "invalid_utf8";
    case RejectKind::UnterminatedQuote:
      return "unterminated_quote";
    case RejectKind::BadQuote:
      return "bad_quote";
    case RejectKind::TooFewColumns:
      return "too_few_columns";
    case RejectKind::TooManyColumns:
      return "too_many_columns";
    case RejectKind::BadDate:
      return "bad_date";
    case RejectKind::BadNumber:
      return "bad_number";
    case RejectKind::BothAmounts:
      return "both_amounts";
    case RejectKind::NoAmount:
      return "no_amount";
    case RejectKind::UnknownTypeCode:
      return "unknown_type_code";
    case RejectKind::MissingUser:
      return "missing_user";
  }
  return "unknown";
}

const std::vector<RejectKind>& all_reject_kinds() {
  static const std::vector<RejectKind> k_kinds = {
      RejectKind::EmptyFile,  RejectKind::MissingHeader, RejectKind::InvalidUtf8,    RejectKind::UnterminatedQuote,
      RejectKind::BadQuote,   RejectKind::TooFewColumns, RejectKind::TooManyColumns, RejectKind::BadDate,
      RejectKind::BadNumber,  RejectKind::BothAmounts,   RejectKind::NoAmount,       RejectKind::UnknownTypeCode,
      RejectKind::MissingUser};
  return k_kinds;
}

namespace {

// Closes the FILE on every path out, so a failed write never leaks the handle.
struct FileCloser {
  void operator()(std::FILE* f) const {
    if (f != nullptr) std::fclose(f);
  }
};

std::string rejects_csv_text(const std::vector<Reject>& rejects) {
  std::string out = "file,line,column,kind,message,raw\n";
  for (const Reject& r : rejects) {
    out += csv_escape(r.file);
    out += ',';
    out += std::to_string(r.line);
    out += ',';
    out += csv_escape(r.column);
    out += ',';
    out += to_string(r.kind);
    out += ',';
    out += csv_escape(r.message);
    out += ',';
    out += csv_escape(r.raw);
    out += '\n';
  }
  return out;
}

}  // namespace

void write_rejects_csv(const std::vector<Reject>& rejects, const std::string& path) {
  const std::string text = rejects_csv_text(rejects);
  // Written beside the target and renamed over it, so a reader never sees half a file.
  const std::string temp = path + ".tmp";
  {
    std::unique_ptr<std::FILE, FileCloser> file(std::fopen(temp.c_str(), "wb"));
    if (!file) throw IoError(fmt::format("cannot write rejects file '{}'", temp));
    const bool written = std::fwrite(text.data(), 1, text.size(), file.get()) == text.size();
    const bool closed = std::fclose(file.release()) == 0;
    if (!written || !closed) {
      std::remove(temp.c_str());
      throw IoError(fmt::format("cannot write rejects file '{}' (disk full?)", temp));
    }
  }
  std::error_code ec;
  std::filesystem::rename(temp, path, ec);
  if (ec) {
    std::remove(temp.c_str());
    throw IoError(fmt::format("cannot move '{}' to '{}': {}", temp, path, ec.message()));
  }
}

}  // namespace fincoach::ingest
