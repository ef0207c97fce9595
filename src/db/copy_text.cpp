#include "db/copy_text.hpp"

namespace fincoach::db {
namespace {

// The characters PostgreSQL writes after a backslash in COPY TO, decoded.
char unescape_char(char c) {
  switch (c) {
    case 'b':
      return '\b';
    case 'f':
      return '\f';
    case 'n':
      return '\n';
    case 'r':
      return '\r';
    case 't':
      return '\t';
    case 'v':
      return '\v';
    default:
      return c;
  }
}

}  // namespace

void append_copy_escaped(std::string& out, std::string_view value) {
  size_t start = 0;
  for (size_t i = 0; i < value.size(); ++i) {
    const char c = value[i];
    if (c != '\\' && c != '\t' && c != '\n' && c != '\r') continue;
    out.append(value.data() + start, i - start);
    out += '\\';
    out += c == '\\' ? '\\' : c == '\t' ? 't' : c == '\n' ? 'n' : 'r';
    start = i + 1;
  }
  out.append(value.data() + start, value.size() - start);
}

size_t split_copy_line(std::string_view line, CopyLine& out) {
  out.fields.clear();
  out.nulls.clear();
  out.unescaped.clear();
  // Reserved up front so views into `unescaped` never move while the line is decoded.
  out.unescaped.reserve(line.size());
  size_t start = 0;
  while (true) {
    size_t end = line.find('\t', start);
    if (end == std::string_view::npos) end = line.size();
    const std::string_view raw = line.substr(start, end - start);
    const bool is_null = raw == "\\N";
    out.nulls.push_back(is_null ? 1 : 0);
    if (is_null || raw.find('\\') == std::string_view::npos) {
      out.fields.push_back(is_null ? std::string_view{} : raw);
    } else {
      const size_t begin = out.unescaped.size();
      for (size_t i = 0; i < raw.size(); ++i)
        out.unescaped += (raw[i] == '\\' && i + 1 < raw.size()) ? unescape_char(raw[++i]) : raw[i];
      out.fields.emplace_back(out.unescaped.data() + begin, out.unescaped.size() - begin);
    }
    if (end == line.size()) break;
    start = end + 1;
  }
  return out.fields.size();
}

}  // namespace fincoach::db
