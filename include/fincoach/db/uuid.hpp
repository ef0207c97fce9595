#pragma once
// UUIDs as the FinCoach schema uses them for every primary key: 16 bytes, written as the
// canonical lower-case 8-4-4-4-12 hex text (TEXT in SQLite, UUID in PostgreSQL).
// Ids fincoach creates are deterministic (RFC 9562 version 8), so loading the same data
// twice gives the same ids. See docs/database.md, "Ids".

#include <array>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace fincoach::db {

struct Uuid {
  std::array<uint8_t, 16> bytes{};

  auto operator<=>(const Uuid&) const = default;
  bool operator==(const Uuid&) const = default;
};

constexpr size_t k_uuid_text_size = 36;

/// Writes the 36 canonical characters (lower-case hex, no terminator) to `out`.
void format_uuid(const Uuid& id, char* out);
std::string to_string(const Uuid& id);
/// Parses 8-4-4-4-12 hex text (either case); nullopt on anything else.
std::optional<Uuid> parse_uuid(std::string_view text);
/// True when `text` is exactly the canonical lower-case form of a UUID.
bool is_canonical_uuid(std::string_view text);

/// The users.id of an external user id: the id itself when it is a canonical UUID, else a
/// version-8 UUID hashed (XXH3-128) from the text, so "moneyvis" always maps to one id.
Uuid user_uuid(std::string_view external_id);

/// Tables whose row ids are derived from (user, tag, index within the user).
enum class RowTag : uint8_t {
  Transaction = 1,
  Recommendation = 2,
  Feedback = 3,
  Purchase = 4,
  Wallet = 5,
  Profile = 6,
  Goal = 7,
};

/// Id of a user's `index`-th row of a table: the user's id bytes 0-5 and 7, the version-8
/// nibble with the tag, then the variant bits and the 62-bit index (big-endian). The ids of
/// one user's rows sort in index order, so a bulk load appends to the primary-key index.
Uuid derived_uuid(const Uuid& user, RowTag tag, uint64_t index);

}  // namespace fincoach::db
