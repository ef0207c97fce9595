#include "fincoach/ingest/profile.hpp"

#include <fmt/format.h>

#include "fincoach/common/date.hpp"
#include "fincoach/common/error.hpp"
#include "time_format.hpp"

namespace fincoach::ingest {

std::string_view to_string(Encoding value) {
  switch (value) {
    case Encoding::Utf8:
      return "utf8";
    case Encoding::Latin1:
      return "latin1";
  }
  return "?";
}

std::string_view to_string(FileOrder value) {
  switch (value) {
    case FileOrder::OldestFirst:
      return "oldest_first";
    case FileOrder::NewestFirst:
      return "newest_first";
  }
  return "?";
}

std::string_view to_string(AmountLayout value) {
  switch (value) {
    case AmountLayout::Signed:
      return "signed";
    case AmountLayout::DebitCredit:
      return "debit_credit";
    case AmountLayout::UnsignedWithType:
      return "unsigned_with_type";
  }
  return "?";
}

std::string_view to_string(Direction value) {
  switch (value) {
    case Direction::Debit:
      return "debit";
    case Direction::Credit:
      return "credit";
    case Direction::Either:
      return "either";
  }
  return "?";
}

namespace {

// "'\t'" reads better than an invisible character in an error message.
std::string show_char(char c) {
  switch (c) {
    case '\0':
      return "''";
    case '\t':
      return "'\\t'";
    case '\n':
      return "'\\n'";
    case '\r':
      return "'\\r'";
    default:
      return fmt::format("'{}'", c);
  }
}

class ProfileChecker {
 public:
  explicit ProfileChecker(const SourceProfile& p) : p_(p) {}

  void check() const {
    require(!p_.name.empty(), "name", "''", "must not be empty");
    check_dialect();
    check_dates();
    check_amounts();
    check_types();
    check_user();
  }

 private:
  void require(bool ok, std::string_view field, std::string_view value, std::string_view why) const {
    if (!ok) throw InvalidInput(fmt::format("profile '{}': {} = {} {}", p_.name, field, value, why));
  }

  void check_dialect() const {
    const char d = p_.delimiter;
    require(d != '\0' && d != '\n' && d != '\r', "delimiter", show_char(d), "must be one visible character or '\\t'");
    require(p_.quote != '\n' && p_.quote != '\r', "quote", show_char(p_.quote), "cannot be a line ending");
    require(p_.quote != d, "quote", show_char(p_.quote), "must differ from the delimiter");
  }

  void check_dates() const {
    require(!p_.columns.date.empty(), "columns.date", "''", "is required");
    require(!p_.date_formats.empty(), "date_formats", "[]", "needs at least one format");
    for (const std::string& pattern : p_.date_formats) {
      try {
        DateFormat format(pattern);
      } catch (const InvalidInput& e) {
        // Rethrown with the profile and field, which DateFormat cannot know.
        throw InvalidInput(fmt::format("profile '{}': date_formats: {}", p_.name, e.what()));
      }
    }
    if (p_.columns.time.empty()) return;
    try {
      detail::TimeFormat format(p_.time_format);
    } catch (const InvalidInput& e) {
      throw InvalidInput(fmt::format("profile '{}': time_format: {}", p_.name, e.what()));
    }
  }

  void check_amounts() const {
    const ColumnNames& c = p_.columns;
    const bool split = p_.amount_layout == AmountLayout::DebitCredit;
    const std::string layout(to_string(p_.amount_layout));
    if (split) {
      require(!c.debit.empty(), "columns.debit", "''", "is required by amount_layout = debit_credit");
      require(!c.credit.empty(), "columns.credit", "''", "is required by amount_layout = debit_credit");
      require(c.debit != c.credit, "columns.credit", fmt::format("'{}'", c.credit), "must differ from columns.debit");
      require(c.amount.empty(), "columns.amount", fmt::format("'{}'", c.amount),
              "is not used by amount_layout = debit_credit (use columns.debit and columns.credit)");
    } else {
      require(!c.amount.empty(), "columns.amount", "''", "is required by amount_layout = " + layout);
      require(c.debit.empty() && c.credit.empty(), "columns.debit/credit", fmt::format("'{}'/'{}'", c.debit, c.credit),
              "are only used by amount_layout = debit_credit");
    }
    require(!p_.invert_sign || p_.amount_layout == AmountLayout::Signed, "invert_sign", "true",
            "only applies to amount_layout = signed, not " + layout);
    const DecimalFormat& d = p_.decimal;
    require(d.decimal_separator == '.' || d.decimal_separator == ',', "decimal.separator",
            show_char(d.decimal_separator), "must be '.' or ','");
    require(d.thousands_separator != d.decimal_separator, "decimal.thousands", show_char(d.thousands_separator),
            "must differ from decimal.separator");
    require(d.minor_digits >= 0 && d.minor_digits <= 4, "decimal.minor_digits", std::to_string(d.minor_digits),
            "must be in 0..4");
    require(is_currency_code(p_.currency), "currency", fmt::format("'{}'", p_.currency),
            "must be a three-letter ISO 4217 code such as GBP");
  }

  void check_types() const {
    const bool has_type = !p_.columns.type.empty();
    require(has_type || !p_.reject_unknown_type_codes, "reject_unknown_type_codes", "true", "needs columns.type");
    require(has_type || !p_.require_type, "require_type", "true", "needs columns.type");
    if (p_.amount_layout != AmountLayout::UnsignedWithType) return;
    require(has_type, "columns.type", "''", "is required by amount_layout = unsigned_with_type");
    require(!p_.type_directions.empty(), "type_directions", "{}",
            "must list the codes: amount_layout = unsigned_with_type takes the sign from them");
    for (const auto& [code, direction] : p_.type_directions)
      require(direction != Direction::Either, fmt::format("type_directions.\"{}\"", code), "\"either\"",
              "cannot give a sign (amount_layout = unsigned_with_type needs debit or credit)");
  }

  void check_user() const {
    require(p_.columns.user.empty() || p_.user_id.empty(), "user_id", fmt::format("'{}'", p_.user_id),
            "conflicts with columns.user: a file has a user column or one fixed user, not both");
  }

  const SourceProfile& p_;
};

}  // namespace

void SourceProfile::validate() const {
  ProfileChecker(*this).check();
}

}  // namespace fincoach::ingest
