#pragma once
// Helpers the export functions share.

#include <cstdint>
#include <optional>
#include <string_view>

#include "fincoach/db/database.hpp"
#include "fincoach/db/schema.hpp"

namespace fincoach::db {

/// Uses the caller's transaction, or opens (and checks the schema in) a read-only snapshot
/// for the lifetime of the scope.
class ReadScope {
 public:
  explicit ReadScope(Database& database) {
    if (database.in_transaction()) return;
    guard_.emplace(database, Access::Read);
    check_schema(database);
  }

 private:
  std::optional<TransactionGuard> guard_;
};

/// Sort key of a row read back: its log_seq (NULL: after every loaded row), then its user.
inline int64_t log_seq_or_last(const RowReader& reader, int column) {
  return reader.is_null(column) ? INT64_MAX : reader.get_integer(column);
}

}  // namespace fincoach::db
