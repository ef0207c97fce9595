#include <gtest/gtest.h>

#include "fincoach/common/error.hpp"
#include "fincoach/db/database.hpp"

namespace fincoach::db {
namespace {

TEST(DatabaseUrl, PlainPathsAreSqlite) {
  const DatabaseUrl url = parse_database_url("data/fincoach.db");
  EXPECT_EQ(url.engine, Engine::Sqlite);
  EXPECT_EQ(url.target, "data/fincoach.db");
}

TEST(DatabaseUrl, SqlitePrefixForms) {
  EXPECT_EQ(parse_database_url("sqlite:/tmp/a.db").target, "/tmp/a.db");
  EXPECT_EQ(parse_database_url("sqlite:a.db").target, "a.db");
  EXPECT_EQ(parse_database_url("sqlite:///a.db").target, "a.db");
  EXPECT_EQ(parse_database_url("sqlite:////tmp/a.db").target, "/tmp/a.db");
  EXPECT_EQ(parse_database_url("SQLITE:a.db").engine, Engine::Sqlite);
}

TEST(DatabaseUrl, PostgresUrls) {
  const DatabaseUrl url = parse_database_url("postgresql://postgres:secret@127.0.0.1:5432/finance");
  EXPECT_EQ(url.engine, Engine::Postgres);
  EXPECT_EQ(url.target, "postgresql://postgres:secret@127.0.0.1:5432/finance");
  EXPECT_EQ(url.display, "postgresql://postgres:***@127.0.0.1:5432/finance");
  EXPECT_EQ(parse_database_url("postgres://u@h/db").engine, Engine::Postgres);
  EXPECT_EQ(parse_database_url("postgresql://u@h/db?password=x&sslmode=disable").display,
            "postgresql://u@h/db?password=***&sslmode=disable");
}

void expect_invalid(const std::string& url, const std::string& needle) {
  try {
    parse_database_url(url);
    ADD_FAILURE() << "accepted " << url;
  } catch (const InvalidInput& e) {
    EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
  }
}

TEST(DatabaseUrl, BadUrlsAreNamed) {
  expect_invalid("", "empty database URL");
  expect_invalid("sqlite:", "'sqlite:'");
  expect_invalid("mysql://root:pw@localhost/db", "'mysql'");
  expect_invalid("mysql://root:pw@localhost/db", "root:***@");
  expect_invalid("postgresql://u:pw@host:notaport/db", "postgresql://u:***@host:notaport/db");
  expect_invalid("postgresql://h/db?nosuchoption=1", "nosuchoption");
}

TEST(DatabaseUrl, EngineNames) {
  EXPECT_EQ(to_string(Engine::Sqlite), "sqlite");
  EXPECT_EQ(to_string(Engine::Postgres), "postgresql");
}

}  // namespace
}  // namespace fincoach::db
