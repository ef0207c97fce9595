#include "fincoach/pipeline/artifacts.hpp"

#include <gtest/gtest.h>

namespace fincoach::pipeline {
namespace {

struct Pair {
  int a = 0;
  int b = 0;
};

TEST(Artifacts, StoresSharedImmutableValues) {
  Artifacts artifacts;
  auto pair = std::make_shared<const Pair>(Pair{1, 2});
  artifacts.put<Pair>("pair", pair);
  artifacts.put<int>("part", std::shared_ptr<const int>(pair, &pair->b));  // aliases, no copy
  EXPECT_TRUE(artifacts.contains("pair"));
  EXPECT_EQ(artifacts.get<Pair>("pair").get(), pair.get());
  EXPECT_EQ(*artifacts.get<int>("part"), 2);
  EXPECT_EQ(artifacts.names(), (std::vector<std::string>{"pair", "part"}));
}

TEST(Artifacts, MisuseIsAnInternalError) {
  Artifacts artifacts;
  artifacts.put<int>("n", std::make_shared<const int>(1));
  EXPECT_THROW(artifacts.put<int>("n", std::make_shared<const int>(2)), Internal);
  EXPECT_THROW(artifacts.get<int>("missing"), Internal);
  EXPECT_THROW(artifacts.get<double>("n"), Internal);
  EXPECT_THROW(artifacts.put<int>("null", nullptr), Internal);
}

}  // namespace
}  // namespace fincoach::pipeline
