#pragma once
// The engine implementations behind open_database().

#include <memory>

#include "fincoach/db/database.hpp"

namespace fincoach::db {

std::unique_ptr<Database> open_sqlite(const DatabaseUrl& url, OpenMode mode);
std::unique_ptr<Database> open_postgres(const DatabaseUrl& url);

}  // namespace fincoach::db
