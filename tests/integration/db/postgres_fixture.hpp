#pragma once
// A PostgreSQL schema of its own for each test, so parallel test runs never meet: created in
// the server named by FINCOACH_TEST_POSTGRES_URL (default: the local cluster that
// scripts/start-postgres.sh starts) and dropped afterwards. When the server does not answer
// the tests skip with a message, except under CI=true, where they fail.

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <memory>
#include <string>

#include "fincoach/common/error.hpp"
#include "fincoach/db/database.hpp"

namespace fincoach::db::testing {

inline std::string postgres_base_url() {
  const char* url = std::getenv("FINCOACH_TEST_POSTGRES_URL");
  return url != nullptr && *url != '\0' ? url : "postgresql://postgres:postgres@127.0.0.1:5432/finance";
}

inline bool running_in_ci() {
  const char* ci = std::getenv("CI");
  return ci != nullptr && std::string(ci) == "true";
}

class PostgresTest : public ::testing::Test {
 protected:
  void SetUp() override {
    static std::atomic<int> counter{0};
    schema_ = "fincoach_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++);
    try {
      admin_ = open_database(postgres_base_url());
    } catch (const Error& e) {
      const std::string message = std::string(
                                      "PostgreSQL is not reachable (start it with: bash "
                                      "scripts/start-postgres.sh, or set FINCOACH_TEST_POSTGRES_URL): ") +
                                  e.what();
      if (running_in_ci()) FAIL() << message;
      GTEST_SKIP() << message;
    }
    admin_->execute("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE; CREATE SCHEMA " + schema_,
                    "creating the test schema");
    const std::string base = postgres_base_url();
    url_ = base + (base.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" + schema_;
  }

  void TearDown() override {
    if (admin_) admin_->execute("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE", "dropping the test schema");
  }

  /// A URL whose connections work in this test's schema.
  const std::string& url() const { return url_; }
  const std::string& schema() const { return schema_; }
  Database& admin() { return *admin_; }

 private:
  std::unique_ptr<Database> admin_;
  std::string schema_;
  std::string url_;
};

}  // namespace fincoach::db::testing
