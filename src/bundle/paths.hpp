#pragma once
// Path rules shared by the writer and the reader of bundles.

#include <string>
#include <string_view>

namespace fincoach::bundle::detail {

/// True for a relative, '/'-separated path that stays inside the bundle: not empty, no
/// leading '/', no backslash, no empty, "." or ".." component.
bool is_inside_path(std::string_view path);

/// "<dir>" without trailing slashes ("models/enhanced/" → "models/enhanced"); "." for "".
std::string normalized_dir(std::string_view dir);

}  // namespace fincoach::bundle::detail
