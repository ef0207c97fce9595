// export_user_profiles: dataset_info, users, user_profiles and wallets into the UserTable,
// the GoalTable and the directory the other exports resolve user ids with.

#include <fmt/format.h>

#include <algorithm>
#include <numeric>

#include "db/export_support.hpp"
#include "db/goals_json.hpp"
#include "fincoach/common/error.hpp"
#include "fincoach/db/exporter.hpp"

namespace fincoach::db {
namespace {

// The original schema's defaults for a user without a profile or a wallet.
constexpr std::string_view k_default_risk = "medium";
constexpr int64_t k_default_wallet_major = 1000;

struct DatasetInfo {
  std::optional<std::string> currency;
  std::optional<int> minor_digits;
};

DatasetInfo read_dataset_info(Database& database) {
  DatasetInfo info;
  auto reader = database.select("dataset_info", {"key", "value"}, "");
  while (reader->next()) {
    const std::string_view key = reader->get_text(0);
    const std::string_view value = reader->get_text(1);
    if (key == "currency") info.currency = std::string(value);
    if (key == "minor_digits") {
      if (value != "0" && value != "1" && value != "2")
        throw InvalidInput(fmt::format("database {}: dataset_info.minor_digits is '{}', expected 0, 1 or 2",
                                       database.display_url(), value));
      info.minor_digits = value[0] - '0';
    }
  }
  return info;
}

struct UserRow {
  Uuid id;
  std::string external_id;
  std::string email;
  std::string first_name;
  std::string last_name;
  int32_t created_day = 0;
};

std::vector<UserRow> read_users(Database& database) {
  std::vector<UserRow> rows;
  auto reader = database.select("users", {"id", "external_id", "email", "first_name", "last_name", "created_at"}, "");
  while (reader->next()) {
    UserRow row;
    row.id = reader->get_uuid(0);
    row.external_id = reader->is_null(1) ? to_string(row.id) : std::string(reader->get_text(1));
    row.email = reader->get_text(2);
    row.first_name = reader->get_text(3);
    row.last_name = reader->get_text(4);
    row.created_day = reader->is_null(5) ? 0 : reader->get_day(5);
    rows.push_back(std::move(row));
  }
  // Ledger order: byte order of the external ids (LedgerBuilder numbers users that way).
  std::sort(rows.begin(), rows.end(), [](const UserRow& a, const UserRow& b) { return a.external_id < b.external_id; });
  for (size_t i = 1; i < rows.size(); ++i)
    if (rows[i].external_id == rows[i - 1].external_id)
      throw InvalidInput(fmt::format("database {}: users {} and {} both have the external id '{}'",
                                     database.display_url(), to_string(rows[i - 1].id), to_string(rows[i].id),
                                     rows[i].external_id));
  return rows;
}

UserDirectory make_directory(std::vector<UserRow>& rows, UserTable& users) {
  UserDirectory directory;
  for (uint32_t u = 0; u < rows.size(); ++u) {
    UserRow& row = rows[u];
    directory.external_ids.push_back(std::move(row.external_id));
    directory.ids.push_back(row.id);
    directory.by_id.emplace_back(row.id, u);
    users.email.push_back(std::move(row.email));
    users.first_name.push_back(std::move(row.first_name));
    users.last_name.push_back(std::move(row.last_name));
    users.created_day.push_back(row.created_day);
  }
  std::sort(directory.by_id.begin(), directory.by_id.end());
  const size_t n = rows.size();
  users.monthly_income.assign(n, 0);
  users.savings_goal.assign(n, 0);
  users.risk_tolerance.assign(n, std::string(k_default_risk));
  users.wallet_balance.assign(n, 0);
  return directory;
}

struct GoalRow {
  int64_t log_seq;
  uint32_t user;
  StoredGoal goal;
};

void read_profiles(Database& database, const UserDirectory& directory, UserTable& users, GoalTable& goals) {
  std::vector<bool> seen(directory.ids.size(), false);
  std::vector<GoalRow> goal_rows;
  auto reader = database.select("user_profiles",
                                {"user_id", "monthly_income", "savings_goal", "risk_tolerance", "financial_goals"}, "");
  while (reader->next()) {
    const uint32_t u = directory.index_of(reader->get_uuid(0), "user_profiles.user_id");
    if (seen[u])
      throw InvalidInput(fmt::format("database {}: user '{}' has more than one row in user_profiles",
                                     database.display_url(), directory.external_ids[u]));
    seen[u] = true;
    if (!reader->is_null(1)) users.monthly_income[u] = reader->get_money(1, directory.minor_digits);
    if (!reader->is_null(2)) users.savings_goal[u] = reader->get_money(2, directory.minor_digits);
    if (!reader->is_null(3)) users.risk_tolerance[u] = reader->get_text(3);
    const std::string where = fmt::format("user '{}'", directory.external_ids[u]);
    for (StoredGoal& goal : goals_from_json(reader->get_text(4), directory.minor_digits, where))
      goal_rows.push_back({goal.log_seq, u, std::move(goal)});
  }
  std::stable_sort(goal_rows.begin(), goal_rows.end(), [](const GoalRow& a, const GoalRow& b) {
    return a.log_seq != b.log_seq ? a.log_seq < b.log_seq : a.user < b.user;
  });
  for (GoalRow& row : goal_rows) {
    goals.user.push_back(row.user);
    goals.name.push_back(std::move(row.goal.name));
    goals.target_amount.push_back(row.goal.target_amount);
    goals.start_day.push_back(row.goal.start_day);
    goals.deadline_day.push_back(row.goal.deadline_day);
  }
}

// Returns the distinct wallet currencies (for the dataset_info fallback).
std::vector<std::string> read_wallets(Database& database, const UserDirectory& directory, UserTable& users) {
  int64_t default_balance = k_default_wallet_major;
  for (int i = 0; i < directory.minor_digits; ++i) default_balance *= 10;
  std::vector<bool> seen(directory.ids.size(), false);
  std::vector<std::string> currencies;
  auto reader = database.select("wallets", {"user_id", "balance", "currency"}, "");
  while (reader->next()) {
    const uint32_t u = directory.index_of(reader->get_uuid(0), "wallets.user_id");
    if (seen[u])
      throw InvalidInput(fmt::format("database {}: user '{}' has more than one row in wallets", database.display_url(),
                                     directory.external_ids[u]));
    seen[u] = true;
    users.wallet_balance[u] = reader->is_null(1) ? default_balance : reader->get_money(1, directory.minor_digits);
    const std::string_view currency = reader->get_text(2);
    if (std::find(currencies.begin(), currencies.end(), currency) == currencies.end())
      currencies.emplace_back(currency);
  }
  for (size_t u = 0; u < seen.size(); ++u)
    if (!seen[u]) users.wallet_balance[u] = default_balance;
  return currencies;
}

}  // namespace

uint32_t UserDirectory::index_of(const Uuid& id, std::string_view where) const {
  const auto it = std::lower_bound(by_id.begin(), by_id.end(), std::make_pair(id, uint32_t{0}));
  if (it == by_id.end() || it->first != id)
    throw InvalidInput(fmt::format("{} refers to user {}, which is not in users", where, to_string(id)));
  return it->second;
}

UserExport export_user_profiles(Database& database) {
  ReadScope scope(database);
  UserExport out;
  const DatasetInfo info = read_dataset_info(database);
  std::vector<UserRow> rows = read_users(database);
  out.directory = make_directory(rows, out.users);
  out.directory.minor_digits = info.minor_digits.value_or(2);
  read_profiles(database, out.directory, out.users, out.goals);
  const std::vector<std::string> currencies = read_wallets(database, out.directory, out.users);
  if (info.currency) {
    out.directory.currency = *info.currency;
  } else if (currencies.size() == 1) {
    out.directory.currency = currencies.front();
  } else if (currencies.size() > 1) {
    throw InvalidInput(
        fmt::format("database {}: wallets.currency holds {} different currencies ({}) and "
                    "dataset_info names none; a ledger has one currency",
                    database.display_url(), currencies.size(), fmt::join(currencies, ", ")));
  }
  return out;
}

}  // namespace fincoach::db
