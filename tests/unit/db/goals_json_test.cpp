#include "db/goals_json.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "fincoach/common/date.hpp"
#include "fincoach/common/error.hpp"

namespace fincoach::db {
namespace {

GoalTable two_goals() {
  GoalTable goals;
  goals.user = {0, 0};
  goals.name = {"Holiday \"Spain\"", "Caf\xc3\xa9"};
  goals.target_amount = {150050, 99999999999};
  goals.start_day = {days_from_civil(2024, 1, 1), days_from_civil(2024, 2, 1)};
  goals.deadline_day = {days_from_civil(2024, 12, 31), days_from_civil(2030, 6, 30)};
  return goals;
}

TEST(GoalsJson, WritesTheDocumentedShape) {
  const std::string json = goals_to_json(two_goals(), {0}, user_uuid("u"), 2);
  const nlohmann::json parsed = nlohmann::json::parse(json);
  ASSERT_TRUE(parsed.is_array());
  ASSERT_EQ(parsed.size(), 1u);
  EXPECT_EQ(parsed[0]["name"], "Holiday \"Spain\"");
  EXPECT_EQ(parsed[0]["target_amount"], 1500.5);
  EXPECT_EQ(parsed[0]["start_date"], "2024-01-01");
  EXPECT_EQ(parsed[0]["deadline"], "2024-12-31");
  EXPECT_EQ(parsed[0]["log_seq"], 0);
  EXPECT_EQ(parsed[0]["id"], to_string(derived_uuid(user_uuid("u"), RowTag::Goal, 0)));
}

TEST(GoalsJson, RoundTripsExactly) {
  const GoalTable goals = two_goals();
  for (int digits : {0, 2}) {
    const auto back = goals_from_json(goals_to_json(goals, {1, 0}, user_uuid("u"), digits), digits, "test");
    ASSERT_EQ(back.size(), 2u);
    EXPECT_EQ(back[0].log_seq, 1);
    EXPECT_EQ(back[0].name, goals.name[1]);
    EXPECT_EQ(back[0].target_amount, goals.target_amount[1]);
    EXPECT_EQ(back[0].start_day, goals.start_day[1]);
    EXPECT_EQ(back[0].deadline_day, goals.deadline_day[1]);
    EXPECT_EQ(back[1].log_seq, 0);
  }
}

TEST(GoalsJson, EmptyAndNullMeanNoGoals) {
  EXPECT_TRUE(goals_from_json("", 2, "u").empty());
  EXPECT_TRUE(goals_from_json("null", 2, "u").empty());
  EXPECT_TRUE(goals_from_json("[]", 2, "u").empty());
}

TEST(GoalsJson, GoalsWithoutLogSeqSortLast) {
  const auto goals =
      goals_from_json(R"([{"name":"x","target_amount":1,"start_date":"2024-01-01","deadline":"2024-02-01"}])", 2, "u");
  ASSERT_EQ(goals.size(), 1u);
  EXPECT_EQ(goals[0].log_seq, INT64_MAX);
  EXPECT_EQ(goals[0].target_amount, 100);
}

TEST(GoalsJson, BadDocumentsNameTheUser) {
  for (const char* json : {"{", "{}", "[1]", R"([{"name":"x"}])",
                           R"([{"name":1,"target_amount":1,"start_date":"2024-01-01","deadline":"2024-02-01"}])",
                           R"([{"name":"x","target_amount":1,"start_date":"yesterday","deadline":"2024-02-01"}])"}) {
    try {
      goals_from_json(json, 2, "user 'bob'");
      ADD_FAILURE() << "accepted " << json;
    } catch (const InvalidInput& e) {
      EXPECT_NE(std::string(e.what()).find("user 'bob'"), std::string::npos) << e.what();
    }
  }
}

}  // namespace
}  // namespace fincoach::db
