// Parsing and redacting database URLs. PostgreSQL URLs are checked by libpq's own parser, so
// whatever libpq accepts (parameters, several hosts, percent-encoding) works here too.

#include <fmt/format.h>
#include <libpq-fe.h>

#include "fincoach/common/error.hpp"
#include "fincoach/db/database.hpp"

namespace fincoach::db {
namespace {

constexpr std::string_view k_accepted_forms =
    "use a file path, sqlite:PATH or postgresql://user:password@host:port/database";

bool is_scheme_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
}

// The scheme of "scheme://…", or "" when the text does not start like a URL.
std::string_view url_scheme(std::string_view url) {
  const size_t colon = url.find("://");
  if (colon == std::string_view::npos || colon == 0) return {};
  for (size_t i = 0; i < colon; ++i)
    if (!is_scheme_char(url[i])) return {};
  return url.substr(0, colon);
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    const char x = (a[i] >= 'A' && a[i] <= 'Z') ? static_cast<char>(a[i] - 'A' + 'a') : a[i];
    const char y = (b[i] >= 'A' && b[i] <= 'Z') ? static_cast<char>(b[i] - 'A' + 'a') : b[i];
    if (x != y) return false;
  }
  return true;
}

// Replaces the password of "scheme://user:password@host…" and of "?password=…" with ***.
std::string redact_password(std::string_view url) {
  std::string out(url);
  const size_t authority = out.find("://") + 3;
  size_t authority_end = out.find_first_of("/?#", authority);
  if (authority_end == std::string::npos) authority_end = out.size();
  const size_t at = out.rfind('@', authority_end);
  if (at != std::string::npos && at >= authority) {
    const size_t colon = out.find(':', authority);
    if (colon != std::string::npos && colon < at) out.replace(colon + 1, at - colon - 1, "***");
  }
  for (size_t key = out.find("password="); key != std::string::npos; key = out.find("password=", key + 1)) {
    if (key == 0 || (out[key - 1] != '?' && out[key - 1] != '&')) continue;
    const size_t value = key + 9;
    size_t value_end = out.find('&', value);
    if (value_end == std::string::npos) value_end = out.size();
    out.replace(value, value_end - value, "***");
  }
  return out;
}

// libpq checks ports only when it connects; a typo should fail as a bad URL instead.
bool is_port_list(std::string_view ports) {
  while (true) {
    const size_t comma = ports.find(',');
    const std::string_view port = ports.substr(0, comma);
    int value = 0;
    for (char c : port) {
      if (c < '0' || c > '9' || value > 6553) return false;
      value = value * 10 + (c - '0');
    }
    if (!port.empty() && (value < 1 || value > 65535)) return false;
    if (comma == std::string_view::npos) return true;
    ports.remove_prefix(comma + 1);
  }
}

DatabaseUrl postgres_url(std::string_view url) {
  DatabaseUrl parsed{Engine::Postgres, std::string(url), redact_password(url)};
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(parsed.target.c_str(), &error);
  if (options == nullptr) {
    std::string reason = error != nullptr ? error : "out of memory";
    PQfreemem(error);
    while (!reason.empty() && (reason.back() == '\n' || reason.back() == ' ')) reason.pop_back();
    throw InvalidInput(fmt::format("bad PostgreSQL URL '{}': {}", parsed.display, reason));
  }
  std::string bad_port;
  for (const PQconninfoOption* option = options; option->keyword != nullptr; ++option)
    if (std::string_view(option->keyword) == "port" && option->val != nullptr && !is_port_list(option->val))
      bad_port = option->val;
  PQconninfoFree(options);
  if (!bad_port.empty())
    throw InvalidInput(
        fmt::format("bad PostgreSQL URL '{}': port '{}' is not a number in 1..65535", parsed.display, bad_port));
  return parsed;
}

// "sqlite:PATH"; SQLAlchemy's "sqlite:///relative" and "sqlite:////absolute" too.
std::string sqlite_path(std::string_view rest) {
  if (rest.starts_with("//")) {
    rest.remove_prefix(2);
    if (rest.starts_with("/")) rest.remove_prefix(1);
  }
  return std::string(rest);
}

}  // namespace

std::string_view to_string(Engine engine) {
  return engine == Engine::Sqlite ? "sqlite" : "postgresql";
}

DatabaseUrl parse_database_url(std::string_view url) {
  if (url.empty()) throw InvalidInput(fmt::format("empty database URL: {}", k_accepted_forms));
  const std::string_view scheme = url_scheme(url);
  if (iequals(scheme, "postgresql") || iequals(scheme, "postgres")) return postgres_url(url);
  if (!scheme.empty() && !iequals(scheme, "sqlite"))
    throw InvalidInput(fmt::format("unsupported database URL scheme '{}' in '{}': {}", scheme, redact_password(url),
                                   k_accepted_forms));
  std::string path(url);
  if (url.size() >= 7 && iequals(url.substr(0, 7), "sqlite:")) path = sqlite_path(url.substr(7));
  if (path.empty()) throw InvalidInput(fmt::format("database URL '{}' names no file: {}", url, k_accepted_forms));
  return DatabaseUrl{Engine::Sqlite, path, std::string(url)};
}

}  // namespace fincoach::db
