#include "fincoach/bundle/manifest.hpp"

#include <gtest/gtest.h>

#include <regex>

#include "fincoach/common/error.hpp"

namespace fincoach::bundle {
namespace {

using nlohmann::json;

Manifest sample() {
  Manifest m;
  m.software_version = "0.1.0";
  m.created_at = "2026-11-21T20:49:03Z";
  m.seed = 7;
  m.config = {{"train", {{"seed", 7}}}};
  m.data_fingerprint = "00ff";
  m.feature_schema = json::array({"spend_30d"});
  m.headline_metrics = {{"validate", {{"rows", 10}}}};
  m.files = {{"report.html", 12, std::string(64, 'a'), "the report"}};
  return m;
}

TEST(Manifest, JsonHasEveryField) {
  const json j = sample().to_json();
  EXPECT_EQ(j["format"], k_bundle_format);
  EXPECT_EQ(j["schema_version"], k_bundle_schema_version);
  for (const char* key : {"software_version", "created_at", "seed", "config", "data_fingerprint", "feature_schema",
                          "headline_metrics", "files"})
    EXPECT_TRUE(j.contains(key)) << key;
  EXPECT_EQ(j["files"][0]["path"], "report.html");
  EXPECT_EQ(j["files"][0]["bytes"], 12);
}

TEST(Manifest, RoundTrips) {
  const Manifest m = sample();
  const Manifest back = Manifest::from_json(json::parse(m.to_json().dump()), "test");
  EXPECT_EQ(back.to_json(), m.to_json());
  ASSERT_NE(back.find("report.html"), nullptr);
  EXPECT_EQ(back.find("nope"), nullptr);
}

TEST(Manifest, RejectsOtherJsonNamingTheField) {
  EXPECT_THROW(Manifest::from_json(json::array(), "m"), InvalidInput);
  EXPECT_THROW(Manifest::from_json(json{{"format", "something-else"}}, "m"), InvalidInput);
  json missing = sample().to_json();
  missing.erase("files");
  try {
    Manifest::from_json(missing, "origin.json");
    FAIL();
  } catch (const InvalidInput& e) {
    EXPECT_NE(std::string(e.what()).find("'files'"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("origin.json"), std::string::npos) << e.what();
  }
  json wrong = sample().to_json();
  wrong["seed"] = "seven";
  EXPECT_THROW(Manifest::from_json(wrong, "m"), InvalidInput);
}

TEST(Manifest, TimestampIsIsoUtc) {
  EXPECT_TRUE(std::regex_match(utc_timestamp_now(), std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)")));
}

}  // namespace
}  // namespace fincoach::bundle
