#pragma once
// SHA-256 (OpenSSL EVP) of bytes and of files, as lower-case hex: the checksums a bundle's
// manifest lists so a reader can prove every file is the one that was written.

#include <string>
#include <string_view>

namespace fincoach::bundle {

/// Lower-case hex SHA-256 of `bytes` (64 characters).
std::string sha256_hex(std::string_view bytes);

/// Lower-case hex SHA-256 of a file's content, read in chunks. Throws IoError naming the path.
std::string sha256_file_hex(const std::string& path);

}  // namespace fincoach::bundle
