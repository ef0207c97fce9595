#pragma once
// Bad rows are data: every row that could not be loaded is reported with its file, line,
// column, kind and raw text. Nothing is dropped silently.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace fincoach::ingest {

enum class RejectKind : uint8_t {
  EmptyFile,          ///< the file has no bytes (or only a BOM / blank lines)
  MissingHeader,      ///< a column the profile needs is not in the header (line 1); the
                      ///< file's rows are all counted as rejected
  InvalidUtf8,        ///< the line is not valid UTF-8 (profile encoding utf8)
  UnterminatedQuote,  ///< a quoted field never closes before end of file
  BadQuote,           ///< text between a closing quote and the next delimiter (`"ab"c`)
  TooFewColumns,      ///< fewer fields than the header
  TooManyColumns,     ///< more fields than the header
  BadDate,            ///< empty or unparseable date / time
  BadNumber,          ///< an amount or balance that is not a number in the profile's format
  BothAmounts,        ///< DebitCredit layout: both debit and credit filled
  NoAmount,           ///< no amount filled
  UnknownTypeCode,    ///< type code missing from the profile's table (when rejecting those),
                      ///< or empty when the profile requires one
  MissingUser,        ///< user column empty
};

std::string_view to_string(RejectKind kind);
/// Every kind in enum order (for docs, tests and reports).
const std::vector<RejectKind>& all_reject_kinds();

struct Reject {
  std::string file;
  uint64_t line = 0;   ///< 1-based physical line where the record starts (0: whole file)
  std::string column;  ///< header name of the offending column, empty for whole-row kinds
  RejectKind kind = RejectKind::BadNumber;
  std::string message;  ///< human explanation naming the value
  std::string raw;      ///< the raw record text (truncated to 512 bytes)
};

/// CSV with header file,line,column,kind,message,raw. Written atomically; throws IoError.
void write_rejects_csv(const std::vector<Reject>& rejects, const std::string& path);

}  // namespace fincoach::ingest
