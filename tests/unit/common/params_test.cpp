#include "fincoach/common/params.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <toml++/toml.h>

#include "fincoach/common/error.hpp"

namespace fincoach {
namespace {

struct Example {
  std::map<std::string, std::string> aliases;
  double fraction = 0.01;
  int64_t rows = 10;
  std::string name = "x";
  bool fast = false;
  uint64_t seed = 42;
};

ParamSet describe(Example& e) {
  ParamSet set("ingest");
  set.add("fraction", &e.fraction, "reject fraction")
      .add("rows", &e.rows, "row count")
      .add("name", &e.name, "a name")
      .add("fast", &e.fast, "go fast")
      .add("seed", &e.seed, "seed")
      .add("aliases", &e.aliases, "label map");
  return set;
}

std::string error_of(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const InvalidInput& e) {
    return e.what();
  }
  return "";
}

TEST(ParamSet, AppliesTomlValues) {
  Example e;
  const toml::table t = toml::parse("fraction = 0.5\nrows = 7\nname = \"y\"\nfast = true\nseed = 9\n");
  describe(e).apply_toml(t, "run.toml");
  EXPECT_DOUBLE_EQ(e.fraction, 0.5);
  EXPECT_EQ(e.rows, 7);
  EXPECT_EQ(e.name, "y");
  EXPECT_TRUE(e.fast);
  EXPECT_EQ(e.seed, 9u);
  const toml::table integer_for_double = toml::parse("fraction = 1\n");
  describe(e).apply_toml(integer_for_double, "run.toml");
  EXPECT_DOUBLE_EQ(e.fraction, 1.0);
}

TEST(ParamSet, StringTablesComeFromSubTables) {
  Example e;
  describe(e).apply_toml(toml::parse("[aliases]\nTakeaway = \"dine_out\"\n\"Food Shopping\" = \"groceries\"\n"), "c");
  EXPECT_EQ(e.aliases.size(), 2u);
  EXPECT_EQ(e.aliases.at("Food Shopping"), "groceries");
  EXPECT_FALSE(error_of([&] { describe(e).apply_toml(toml::parse("aliases = 3"), "c"); }).empty());
  EXPECT_FALSE(error_of([&] { describe(e).apply_toml(toml::parse("[aliases]\nx = 1"), "c"); }).empty());
  EXPECT_EQ(describe(e).to_json()["aliases"]["Takeaway"], "dine_out");
}

TEST(ParamSet, UnknownKeysAndWrongTypesAreNamed) {
  Example e;
  const std::string unknown = error_of([&] { describe(e).apply_toml(toml::parse("fractoin = 0.5"), "run.toml"); });
  EXPECT_NE(unknown.find("run.toml"), std::string::npos);
  EXPECT_NE(unknown.find("ingest.fractoin"), std::string::npos);
  EXPECT_NE(unknown.find("fraction"), std::string::npos);  // lists what is known
  const std::string wrong = error_of([&] { describe(e).apply_toml(toml::parse("rows = \"ten\""), "run.toml"); });
  EXPECT_NE(wrong.find("ingest.rows"), std::string::npos);
  EXPECT_NE(wrong.find("integer"), std::string::npos);
  EXPECT_FALSE(error_of([&] { describe(e).apply_toml(toml::parse("seed = -1"), "c"); }).empty());
}

TEST(ParamSet, SetsFromTextAndReportsValues) {
  Example e;
  const ParamSet set = describe(e);
  set.set_from_text("rows", "12");
  set.set_from_text("fraction", "0.25");
  set.set_from_text("fast", "true");
  EXPECT_EQ(e.rows, 12);
  EXPECT_FALSE(error_of([&] { set.set_from_text("rows", "12x"); }).empty());
  EXPECT_FALSE(error_of([&] { set.set_from_text("fraction", "abc"); }).empty());
  EXPECT_FALSE(error_of([&] { set.set_from_text("fast", "yes please"); }).empty());
  EXPECT_FALSE(error_of([&] { set.set_from_text("nope", "1"); }).empty());
  const nlohmann::json j = set.to_json();
  EXPECT_EQ(j["rows"], 12);
  EXPECT_EQ(j["fraction"], 0.25);
  EXPECT_EQ(j["name"], "x");
}

}  // namespace
}  // namespace fincoach
