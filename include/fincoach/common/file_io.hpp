#pragma once
// Whole-file helpers. Every writer goes through a temporary file and a rename, so an
// interrupted run never leaves a half-written output behind.

#include <string>
#include <string_view>

namespace fincoach {

/// Reads a whole file; throws IoError naming the path.
std::string read_text_file(const std::string& path);
/// Writes `content` to "<path>.tmp-<pid>" and renames it over `path`; throws IoError.
void write_file_atomic(const std::string& path, std::string_view content);
/// Creates a directory and its parents; throws IoError naming the path when impossible.
void ensure_directory(const std::string& path);

}  // namespace fincoach
