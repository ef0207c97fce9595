#pragma once
// Pattern of a separate time-of-day column ("%H:%M:%S", "%H:%M", "%H%M"). DateFormat needs a
// year, month and day, so times alone get this small parser with the same directive spelling.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace fincoach::ingest::detail {

class TimeFormat {
 public:
  /// Supported: %H (required) %M %S and literal characters. Throws InvalidInput otherwise.
  explicit TimeFormat(std::string_view pattern);

  /// Parses `text` fully into a second of the day; false on any mismatch or out-of-range field.
  bool parse(std::string_view text, int32_t& second) const;

 private:
  enum class Token : uint8_t { Hour, Minute, Second, Literal };
  struct Step {
    Token token;
    char literal;
  };
  std::string pattern_;
  std::vector<Step> steps_;
};

}  // namespace fincoach::ingest::detail
