#include "fincoach/features/feature_io.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "fincoach/common/error.hpp"
#include "fincoach/common/file_io.hpp"
#include "ledger_fixture.hpp"

namespace fincoach::features {
namespace {

std::string temp(const std::string& name) {
  return (std::filesystem::temp_directory_path() / ("fincoach_feature_io_" + name)).string();
}

TEST(FeatureIo, MatrixRoundTripsAndRejectsCorruption) {
  const Ledger l = testing::random_ledger(20, 40, 3);
  const WeeklyPanel panel = build_weekly_panel(l, {}, FeatureParams{});
  std::vector<uint32_t> users;
  for (uint32_t u = 0; u < l.user_count(); ++u)
    for (uint64_t r = panel.user_offsets[u]; r < panel.user_offsets[u + 1]; ++r) users.push_back(u);
  const std::string path = temp("panel.bin");
  save_matrix(panel.matrix, users, panel.week_end, path);
  const LoadedMatrix back = load_matrix(path);
  EXPECT_EQ(back.matrix, panel.matrix);
  EXPECT_EQ(back.row_user, users);
  EXPECT_EQ(back.row_day, panel.week_end);
  std::string bytes = read_text_file(path);
  bytes[bytes.size() / 2] ^= 1;
  write_file_atomic(path, bytes);
  EXPECT_THROW(load_matrix(path), InvalidInput);
  write_file_atomic(path, bytes.substr(0, 20));
  EXPECT_THROW(load_matrix(path), InvalidInput);
  std::filesystem::remove(path);
}

TEST(FeatureIo, CsvHasAHeaderAndOneLinePerRow) {
  const Ledger l = testing::random_ledger(4, 20, 1);
  const FeatureMatrix m = extract_legacy17(l, testing::day_of(2023, 1, 15), 1);
  const std::string path = temp("legacy.csv");
  write_matrix_csv(m, l, {0, 1, 2, 3}, std::vector<int32_t>(4, testing::day_of(2023, 1, 15)), path);
  const std::string text = read_text_file(path);
  EXPECT_EQ(text.rfind("user_id,as_of,current_balance,total_spending,", 0), 0u);
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 5);
  EXPECT_NE(text.find("user1000,2023-01-15,"), std::string::npos);
  std::filesystem::remove(path);
}

TEST(FeatureIo, SeriesRoundTrip) {
  const Ledger l = testing::random_ledger(30, 30, 2);
  const DailySeries s = build_daily_series(l, 1);
  const std::string path = temp("series.bin");
  save_series(s, path);
  EXPECT_EQ(load_series(path), s);
  write_series_csv(s, l, temp("series.csv"));
  const std::string csv = read_text_file(temp("series.csv"));
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), static_cast<long>(s.rows() + 1));
  std::filesystem::remove(path);
  std::filesystem::remove(temp("series.csv"));
}

}  // namespace
}  // namespace fincoach::features
