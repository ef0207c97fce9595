#pragma once
// A source profile declares how one bank's CSV export is shaped, so a new bank is a new
// profile file, not new code. Profiles are TOML; the fields are documented in docs/profiles.md.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fincoach/common/category.hpp"
#include "fincoach/common/money.hpp"

namespace fincoach::ingest {

enum class Encoding : uint8_t { Utf8, Latin1 };
enum class FileOrder : uint8_t { OldestFirst, NewestFirst };
enum class AmountLayout : uint8_t {
  Signed,            ///< one signed column: credit +, debit − (or inverted by `invert_sign`)
  DebitCredit,       ///< two unsigned columns; exactly one is filled per row
  UnsignedWithType,  ///< one unsigned column; the type code's direction gives the sign
};
enum class Direction : uint8_t { Debit, Credit, Either };

std::string_view to_string(Encoding value);
std::string_view to_string(FileOrder value);
std::string_view to_string(AmountLayout value);
std::string_view to_string(Direction value);

/// Header names of the columns the profile reads; an empty name means the column is absent.
struct ColumnNames {
  std::string date;         ///< required
  std::string time;         ///< optional separate time-of-day column
  std::string amount;       ///< Signed / UnsignedWithType layouts
  std::string debit;        ///< DebitCredit layout
  std::string credit;       ///< DebitCredit layout
  std::string balance;      ///< running balance after the row
  std::string category;     ///< raw bank category
  std::string type;         ///< transaction type code
  std::string description;  ///< free text / bank description
  std::string merchant;     ///< merchant name (falls back to description)
  std::string city;
  std::string country;
  std::string user;  ///< user id column; absent: one user per file
};

struct SourceProfile {
  std::string name;         ///< "moneyvis"
  std::string description;  ///< one line for `fincoach ingest --list-profiles`

  char delimiter = ',';
  char quote = '"';
  Encoding encoding = Encoding::Utf8;  ///< a UTF-8 BOM is always accepted and skipped
  FileOrder order = FileOrder::OldestFirst;

  /// Tried in order; the first that parses wins (see DateFormat for directives).
  std::vector<std::string> date_formats{"%Y-%m-%d"};
  /// Pattern of the separate time column, when `columns.time` is set.
  std::string time_format = "%H:%M:%S";

  AmountLayout amount_layout = AmountLayout::Signed;
  /// Signed layout: true when the bank writes debits as positive numbers.
  bool invert_sign = false;
  DecimalFormat decimal;
  std::string currency = "GBP";

  /// Raw type code (trimmed, case-sensitive) → nominal direction.
  std::map<std::string, Direction> type_directions;
  /// When true, a type code missing from `type_directions` rejects the row (kind
  /// UnknownTypeCode). An empty type field is accepted unless `require_type` is set.
  bool reject_unknown_type_codes = false;
  bool require_type = false;

  /// Raw category (normalised: trimmed, case-folded, spaces collapsed) → app category.
  /// Starts from default_category_map() and the profile's [categories] table overrides it.
  std::map<std::string, AppCategory> category_map;
  /// Where an unmapped non-empty raw category goes (counted and reported, never silent).
  AppCategory unmapped_category = AppCategory::Other;

  /// User id for files without a user column; empty means "the file's stem".
  std::string user_id;

  ColumnNames columns;

  /// Throws InvalidInput naming the profile and the field when inconsistent (e.g. a
  /// DebitCredit layout without both columns, a bad date format, delimiter == quote).
  void validate() const;
};

/// The default raw → app category map: ORIGINAL_SYSTEM §5 extended so real categories
/// (Paycheck, Interest, Mortgage, Rent, Clothes, Hotels, Food Shopping, …) land where a
/// person would put them. Keys are normalised labels. Shipped as profiles/categories.toml.
const std::map<std::string, AppCategory>& default_category_map();

/// Parses a profile from TOML text; `origin` names it in errors. Unknown keys are rejected.
SourceProfile parse_profile(std::string_view toml_text, std::string_view origin);
/// Reads a profile file; throws IoError / InvalidInput naming the path.
SourceProfile load_profile_file(const std::string& path);
/// Built-in profiles embedded in the binary: "moneyvis", "fincoach".
SourceProfile builtin_profile(std::string_view name);
std::vector<std::string> builtin_profile_names();
/// A built-in name, or else a path to a profile file.
SourceProfile resolve_profile(const std::string& name_or_path);

}  // namespace fincoach::ingest
