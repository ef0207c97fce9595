#include "fincoach/db/database.hpp"

#include "db/engines.hpp"

namespace fincoach::db {

std::unique_ptr<Database> open_database(std::string_view url, OpenMode mode) {
  const DatabaseUrl parsed = parse_database_url(url);
  if (parsed.engine == Engine::Postgres) return open_postgres(parsed);
  return open_sqlite(parsed, mode);
}

}  // namespace fincoach::db
