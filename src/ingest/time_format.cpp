#include "time_format.hpp"

#include <fmt/format.h>

#include "fincoach/common/error.hpp"

namespace fincoach::ingest::detail {

TimeFormat::TimeFormat(std::string_view pattern) : pattern_(pattern) {
  bool has_hour = false;
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] != '%') {
      steps_.push_back({Token::Literal, pattern[i]});
      continue;
    }
    if (++i == pattern.size()) throw InvalidInput(fmt::format("time format '{}' ends with '%'", pattern));
    switch (pattern[i]) {
      case 'H':
        steps_.push_back({Token::Hour, 0});
        has_hour = true;
        break;
      case 'M':
        steps_.push_back({Token::Minute, 0});
        break;
      case 'S':
        steps_.push_back({Token::Second, 0});
        break;
      case '%':
        steps_.push_back({Token::Literal, '%'});
        break;
      default:
        throw InvalidInput(
            fmt::format("time format '{}': unknown directive '%{}' (supported: %H %M %S)", pattern, pattern[i]));
    }
  }
  if (!has_hour) throw InvalidInput(fmt::format("time format '{}' needs an hour (%H)", pattern));
}

namespace {

// Two digits, or one when a literal separator (or the end) follows.
bool read_two_digits(std::string_view text, size_t& pos, bool flexible, int& value) {
  value = 0;
  int read = 0;
  while (read < 2 && pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
    value = value * 10 + (text[pos] - '0');
    ++pos;
    ++read;
  }
  return read == 2 || (flexible && read == 1);
}

}  // namespace

bool TimeFormat::parse(std::string_view text, int32_t& second) const {
  int h = 0, m = 0, s = 0;
  size_t pos = 0;
  for (size_t k = 0; k < steps_.size(); ++k) {
    const Step& step = steps_[k];
    const bool flexible = k + 1 == steps_.size() || steps_[k + 1].token == Token::Literal;
    bool ok = true;
    switch (step.token) {
      case Token::Literal:
        ok = pos < text.size() && text[pos++] == step.literal;
        break;
      case Token::Hour:
        ok = read_two_digits(text, pos, flexible, h) && h < 24;
        break;
      case Token::Minute:
        ok = read_two_digits(text, pos, false, m) && m < 60;
        break;
      case Token::Second:
        ok = read_two_digits(text, pos, false, s) && s < 60;
        break;
    }
    if (!ok) return false;
  }
  if (pos != text.size()) return false;
  second = h * 3600 + m * 60 + s;
  return true;
}

}  // namespace fincoach::ingest::detail
