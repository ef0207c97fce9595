#include "fincoach/db/schema.hpp"

#include <gtest/gtest.h>

#include "fincoach/common/error.hpp"
#include "fincoach/common/product_catalog.hpp"
#include "fincoach/db/exporter.hpp"
#include "unit/db/temp_database.hpp"

namespace fincoach::db {
namespace {

using testing::TempSqliteFile;

std::string error_of(auto&& fn) {
  try {
    fn();
  } catch (const InvalidInput& e) {
    return e.what();
  }
  return "(no InvalidInput)";
}

TEST(Schema, MigrateCreatesEveryTableAndRecordsTheVersion) {
  TempSqliteFile file;
  auto db = open_database(file.url());
  const MigrationResult result = migrate(*db);
  EXPECT_EQ(result.from_version, 0);
  EXPECT_EQ(result.to_version, current_schema_version());
  TransactionGuard tx(*db, Access::Read);
  EXPECT_EQ(schema_version(*db), current_schema_version());
  const std::vector<std::string> tables = db->table_names();
  for (const std::string& table : schema_tables())
    EXPECT_NE(std::find(tables.begin(), tables.end(), table), tables.end()) << table;
  EXPECT_NO_THROW(check_schema(*db));
}

TEST(Schema, MigrateIsIdempotent) {
  TempSqliteFile file;
  auto db = open_database(file.url());
  migrate(*db);
  const MigrationResult again = migrate(*db);
  EXPECT_EQ(again.from_version, current_schema_version());
  EXPECT_EQ(again.to_version, current_schema_version());
}

TEST(Schema, SeedsTheCatalogueExactlyAsTheCodeKnowsIt) {
  TempSqliteFile file;
  auto db = open_database(file.url());
  migrate(*db);
  TransactionGuard tx(*db, Access::Read);
  std::vector<std::string> category_ids;
  {
    auto r = db->select("product_categories", {"id", "name", "description", "transaction_category"}, "ORDER BY id");
    size_t i = 0;
    for (; r->next(); ++i) {
      ASSERT_LT(i, k_product_categories.size());
      const ProductCategorySpec& c = k_product_categories[i];
      category_ids.emplace_back(r->get_text(0));
      EXPECT_EQ(r->get_text(1), c.name);
      EXPECT_EQ(r->get_text(2), c.description);
      EXPECT_EQ(r->get_text(3), to_string(c.transaction_category));
    }
    EXPECT_EQ(i, k_product_categories.size());
  }
  auto r = db->select("products",
                      {"name", "description", "price", "category_id", "merchant_name", "catalogue_index",
                       "stock_quantity", "is_available"},
                      "ORDER BY catalogue_index");
  size_t i = 0;
  for (; r->next(); ++i) {
    ASSERT_LT(i, k_products.size());
    const ProductSpec& p = k_products[i];
    EXPECT_EQ(r->get_text(0), p.name);
    EXPECT_EQ(r->get_text(1), p.description);
    EXPECT_EQ(r->get_money(2, 2), p.price);
    EXPECT_EQ(r->get_text(3), category_ids.at(p.category));
    EXPECT_EQ(r->get_text(4), p.merchant);
    EXPECT_EQ(r->get_integer(5), static_cast<int64_t>(i));
    EXPECT_EQ(r->get_integer(6), k_product_initial_stock);
    EXPECT_TRUE(r->get_bool(7));
  }
  EXPECT_EQ(i, k_products.size());
}

TEST(Schema, NewerVersionIsRefusedNamingIt) {
  TempSqliteFile file;
  auto db = open_database(file.url());
  migrate(*db);
  db->execute("INSERT INTO schema_version (version, name) VALUES (99, '099_future')", "test");
  const std::string migrate_error = error_of([&] { migrate(*db); });
  EXPECT_NE(migrate_error.find("schema version 99"), std::string::npos) << migrate_error;
  const std::string export_error = error_of([&] { export_population(*db); });
  EXPECT_NE(export_error.find("schema version 99"), std::string::npos) << export_error;
  EXPECT_NE(export_error.find(file.path()), std::string::npos) << export_error;
}

TEST(Schema, MissingTableIsNamed) {
  TempSqliteFile file;
  auto db = open_database(file.url());
  migrate(*db);
  db->execute("DROP TABLE recommendation_feedback", "test");
  const std::string error = error_of([&] { export_population(*db); });
  EXPECT_NE(error.find("no table 'recommendation_feedback'"), std::string::npos) << error;
}

TEST(Schema, EmptyDatabaseAsksForInit) {
  TempSqliteFile file;
  auto db = open_database(file.url());
  const std::string error = error_of([&] { export_population(*db); });
  EXPECT_NE(error.find("no FinCoach schema"), std::string::npos) << error;
  EXPECT_NE(error.find("fincoach db init"), std::string::npos) << error;
}

TEST(Schema, FailedMigrationChangesNothing) {
  TempSqliteFile file;
  auto db = open_database(file.url());
  db->execute("CREATE TABLE users (id INTEGER)", "a foreign table in the way");
  const std::string error = error_of([&] { migrate(*db); });
  EXPECT_NE(error.find("001_initial"), std::string::npos) << error;
  EXPECT_NE(error.find("users"), std::string::npos) << error;
  TransactionGuard tx(*db, Access::Read);
  EXPECT_EQ(db->table_names(), std::vector<std::string>{"users"});
}

}  // namespace
}  // namespace fincoach::db
