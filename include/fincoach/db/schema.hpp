#pragma once
// The FinCoach schema and its versioned migrations (src/db/migrations/<engine>/NNN_name.sql,
// compiled in). A database records the migrations applied to it in schema_version.

#include <string>
#include <vector>

#include "fincoach/db/database.hpp"

namespace fincoach::db {

/// The schema version this build creates and reads.
int current_schema_version();

/// The tables of the current schema, in creation order.
const std::vector<std::string>& schema_tables();

/// The highest version recorded in schema_version; 0 when that table does not exist.
/// Runs inside the caller's transaction (FINCOACH_ASSERT).
int schema_version(Database& database);

struct MigrationResult {
  int from_version = 0;
  int to_version = 0;
};

/// Creates or upgrades the schema: every migration newer than the database's version is
/// applied in order, all in one transaction, each recorded in schema_version. Throws
/// InvalidInput naming the version when the database is newer than this build, and whatever
/// a failing statement throws (naming the migration); on failure nothing is changed.
MigrationResult migrate(Database& database);

/// The check before reading or writing data (inside the caller's transaction): throws
/// InvalidInput when the database has no FinCoach schema, an older one (run `fincoach db
/// init`), a newer one (naming its version), or lacks one of schema_tables() (naming it).
void check_schema(Database& database);

}  // namespace fincoach::db
