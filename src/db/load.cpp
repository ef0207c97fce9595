// Loading a population: checks first, then every table written in one bulk transaction, user
// by user in ledger order (see order_by_user).

#include "fincoach/db/load.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <numeric>

#include "db/goals_json.hpp"
#include "db/load_checks.hpp"
#include "db/table_layout.hpp"
#include "fincoach/common/date.hpp"
#include "fincoach/common/error.hpp"
#include "fincoach/common/product_catalog.hpp"
#include "fincoach/common/progress.hpp"
#include "fincoach/db/schema.hpp"

namespace fincoach::db {
namespace {

// The moment of a load (UTC), written as created_at of its transactions: one value for the
// whole load, bound once instead of the database evaluating now() per row.
struct LoadTime {
  int32_t day = 0;
  int32_t second = 0;
};

LoadTime load_time_now() {
  const auto seconds =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  const auto day = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400;
  return {static_cast<int32_t>(day), static_cast<int32_t>(seconds - day * 86400)};
}

struct LoadContext {
  Database& database;
  const Population& population;
  const std::vector<Uuid>& ids;  ///< users.id by ledger user index
  int minor_digits() const { return population.ledger.minor_digits; }
  const Ledger& ledger() const { return population.ledger; }
};

// dataset_info holds one currency and minor-digit count per database: amounts of two
// currencies in one transactions table would be meaningless side by side.
void write_dataset_info(Database& database, const Ledger& ledger) {
  std::map<std::string, std::string, std::less<>> existing;
  {
    auto reader = database.select("dataset_info", {"key", "value"}, "");
    while (reader->next()) existing[std::string(reader->get_text(0))] = std::string(reader->get_text(1));
  }
  const std::vector<std::pair<std::string, std::string>> wanted = {
      {"currency", ledger.currency}, {"minor_digits", std::to_string(ledger.minor_digits)}};
  auto writer = database.insert_rows("dataset_info", {"key", "value"});
  for (const auto& [key, value] : wanted) {
    const auto it = existing.find(key);
    if (it == existing.end()) {
      writer->add_text(key);
      writer->add_text(value);
      writer->end_row();
    } else if (it->second != value) {
      throw InvalidInput(fmt::format("database {} holds data with dataset_info.{} = '{}'; this data has '{}'",
                                     database.display_url(), key, it->second, value));
    }
  }
  writer->finish();
}

void write_users(const LoadContext& c) {
  const UserTable& users = c.population.users;
  auto writer = c.database.insert_rows("users", columns::k_users);
  for (uint32_t u = 0; u < c.ids.size(); ++u) {
    const std::string_view external_id = c.ledger().users.at(u);
    writer->add_uuid(c.ids[u]);
    writer->add_text(users.email[u]);
    writer->add_text(k_no_password);
    writer->add_text(users.first_name[u]);
    writer->add_text(users.last_name[u]);
    writer->add_timestamp(users.created_day[u], 0);
    writer->add_bool(true);
    if (is_canonical_uuid(external_id))
      writer->add_null();
    else
      writer->add_text(external_id);
    writer->end_row();
  }
  writer->finish();
}

void write_profiles(const LoadContext& c) {
  const UserTable& users = c.population.users;
  const GoalTable& goals = c.population.goals;
  std::vector<std::vector<uint32_t>> goals_of(users.size());
  for (uint32_t g = 0; g < goals.size(); ++g) goals_of[goals.user[g]].push_back(g);
  auto writer = c.database.insert_rows("user_profiles", columns::k_user_profiles);
  for (uint32_t u = 0; u < c.ids.size(); ++u) {
    const std::string json = goals_to_json(goals, goals_of[u], c.ids[u], c.minor_digits());
    writer->add_uuid(derived_uuid(c.ids[u], RowTag::Profile, 0));
    writer->add_uuid(c.ids[u]);
    writer->add_money(users.monthly_income[u], c.minor_digits());
    writer->add_money(users.savings_goal[u], c.minor_digits());
    writer->add_text(users.risk_tolerance[u]);
    writer->add_text(json);
    writer->end_row();
  }
  writer->finish();
}

void write_wallets(const LoadContext& c) {
  auto writer = c.database.insert_rows("wallets", columns::k_wallets);
  for (uint32_t u = 0; u < c.ids.size(); ++u) {
    writer->add_uuid(derived_uuid(c.ids[u], RowTag::Wallet, 0));
    writer->add_uuid(c.ids[u]);
    writer->add_money(c.population.users.wallet_balance[u], c.minor_digits());
    writer->add_text(c.ledger().currency);
    writer->end_row();
  }
  writer->finish();
}

// Ledger user indices in byte order of their users.id. A row's id starts with its user's id
// and ascends with user_seq (derived_uuid), so writing users in this order appends every row
// at the end of the primary-key index (and of the (user_id, transaction_date) index) instead
// of inserting at one place per user.
std::vector<uint32_t> users_by_id(const std::vector<Uuid>& ids) {
  std::vector<uint32_t> order(ids.size());
  std::iota(order.begin(), order.end(), 0u);
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return ids[a] < ids[b]; });
  return order;
}

void add_optional_text(RowWriter& writer, std::string_view text) {
  if (text.empty())
    writer.add_null();
  else
    writer.add_text(text);
}

void write_transaction_row(RowWriter& w, const Ledger& l, size_t r, uint64_t seq, const Uuid& user, const Uuid& wallet,
                           LoadTime now) {
  const int64_t amount = l.amount[r];
  const bool balance_known = l.balance[r] != k_no_balance;
  w.add_uuid(derived_uuid(user, RowTag::Transaction, seq));
  w.add_uuid(user);
  w.add_uuid(wallet);
  // The original's rule (financial_service.process_transaction): > 0 is a credit.
  w.add_text(amount > 0 ? "credit" : "debit");
  w.add_money(amount < 0 ? -amount : amount, l.minor_digits);
  w.add_text(to_string(l.app_category(r)));
  w.add_text(l.descriptions.at(l.description[r]));
  add_optional_text(w, l.merchants.at(l.merchant[r]));
  add_optional_text(w, l.cities.at(l.city[r]));
  add_optional_text(w, l.countries.at(l.country[r]));
  w.add_money(balance_known ? l.balance[r] : 0, l.minor_digits);
  w.add_timestamp(l.day[r], l.second[r] == k_unknown_second ? 0 : l.second[r]);
  w.add_integer(static_cast<int64_t>(seq));
  if (l.second[r] == k_unknown_second)
    w.add_null();
  else
    w.add_integer(l.second[r]);
  w.add_bool(balance_known);
  w.add_text(l.raw_categories.at(l.raw_category[r]));
  w.add_text(l.type_codes.at(l.type_code[r]));
  w.add_text(l.source_files.at(l.source_file[r]));
  w.add_integer(l.source_line[r]);
  w.add_timestamp(now.day, now.second);
  w.end_row();
}

void write_transactions(const LoadContext& c) {
  const Ledger& l = c.ledger();
  const LoadTime now = load_time_now();
  Progress progress("load transactions", l.rows(), "rows");
  auto writer = c.database.insert_rows("transactions", columns::k_transactions);
  for (const uint32_t u : users_by_id(c.ids)) {
    const Uuid& user = c.ids[u];
    const Uuid wallet = derived_uuid(user, RowTag::Wallet, 0);
    const uint64_t begin = l.user_begin(u);
    for (uint64_t r = begin; r < l.user_end(u); ++r) write_transaction_row(*writer, l, r, r - begin, user, wallet, now);
    progress.advance(l.user_end(u) - begin);
  }
  writer->finish();
  progress.finish();
}

uint64_t write_recommendations(const LoadContext& c) {
  const RecommendationLog& log = c.population.recommendations;
  const std::vector<uint64_t> seq = index_within_user(log.user, c.ledger().user_count());
  const std::vector<uint32_t> order = order_by_user(log.user, c.ledger().user_count());
  auto history = c.database.insert_rows("recommendation_history", columns::k_recommendation_history);
  for (uint32_t i : order) {
    const Uuid& user = c.ids[log.user[i]];
    const auto action = static_cast<CoachingAction>(log.action[i]);
    history->add_uuid(derived_uuid(user, RowTag::Recommendation, seq[i]));
    history->add_uuid(user);
    history->add_text(recommendation_text(action));
    history->add_text(to_string(action));
    // NUMERIC(5,4) in PostgreSQL rounds it; confidence_exact keeps the float.
    history->add_float(log.confidence[i]);
    history->add_timestamp(log.day[i], log.second[i] == k_unknown_second ? 0 : log.second[i]);
    history->add_text(to_string(static_cast<FeedbackType>(log.feedback[i])));
    history->add_integer(i);
    if (log.second[i] == k_unknown_second)
      history->add_null();
    else
      history->add_integer(log.second[i]);
    history->add_float(log.propensity[i]);
    history->add_float(log.confidence[i]);
    history->end_row();
  }
  history->finish();

  uint64_t feedback_rows = 0;
  auto feedback = c.database.insert_rows("recommendation_feedback", columns::k_recommendation_feedback);
  for (uint32_t i : order) {
    if (log.feedback[i] == static_cast<uint8_t>(FeedbackType::Pending)) continue;
    const Uuid& user = c.ids[log.user[i]];
    feedback->add_uuid(derived_uuid(user, RowTag::Feedback, seq[i]));
    feedback->add_uuid(derived_uuid(user, RowTag::Recommendation, seq[i]));
    feedback->add_uuid(user);
    feedback->add_text(to_string(static_cast<FeedbackType>(log.feedback[i])));
    if (log.feedback_day[i] == -1)
      feedback->add_null();
    else
      feedback->add_timestamp(log.feedback_day[i], 0);
    feedback->end_row();
    ++feedback_rows;
  }
  feedback->finish();
  return feedback_rows;
}

// products.id of each catalogue index, as this database has them.
std::vector<Uuid> catalogue_product_ids(Database& database) {
  std::vector<Uuid> ids(k_products.size());
  std::vector<bool> seen(k_products.size(), false);
  auto reader = database.select("products", {"catalogue_index", "id"}, "WHERE catalogue_index IS NOT NULL");
  while (reader->next()) {
    const int64_t index = reader->get_integer(0);
    if (index < 0 || index >= static_cast<int64_t>(k_products.size())) continue;
    ids[static_cast<size_t>(index)] = reader->get_uuid(1);
    seen[static_cast<size_t>(index)] = true;
  }
  for (size_t i = 0; i < seen.size(); ++i)
    if (!seen[i])
      throw InvalidInput(
          fmt::format("database {}: products has no row with catalogue_index {} (the seeded catalogue "
                      "is incomplete)",
                      database.display_url(), i));
  return ids;
}

// The ledger row each purchase was paid with: same user and day, amount -total, each row
// used once; -1 when there is none (user_purchases.transaction_id stays NULL).
std::vector<int64_t> match_purchase_rows(const Population& p) {
  const Ledger& l = p.ledger;
  std::vector<bool> used(l.rows(), false);
  std::vector<int64_t> rows(p.purchases.size(), -1);
  for (size_t i = 0; i < p.purchases.size(); ++i) {
    const uint32_t u = p.purchases.user[i];
    const auto day_begin = l.day.begin() + static_cast<std::ptrdiff_t>(l.user_begin(u));
    const auto day_end = l.day.begin() + static_cast<std::ptrdiff_t>(l.user_end(u));
    for (auto it = std::lower_bound(day_begin, day_end, p.purchases.day[i]); it != day_end && *it == p.purchases.day[i];
         ++it) {
      const auto r = static_cast<size_t>(it - l.day.begin());
      if (!used[r] && l.amount[r] == -p.purchases.total_amount[i]) {
        used[r] = true;
        rows[i] = static_cast<int64_t>(r);
        break;
      }
    }
  }
  return rows;
}

void write_purchases(const LoadContext& c) {
  const PurchaseTable& purchases = c.population.purchases;
  if (purchases.size() == 0) return;
  const std::vector<Uuid> products = catalogue_product_ids(c.database);
  for (size_t i = 0; i < purchases.size(); ++i)
    if (purchases.product[i] >= products.size())
      throw InvalidInput(
          fmt::format("user_purchases.product_id (purchase {}): product {} is not in the {}-product "
                      "catalogue",
                      i, purchases.product[i], products.size()));
  const std::vector<int64_t> paid_with = match_purchase_rows(c.population);
  const std::vector<uint64_t> seq = index_within_user(purchases.user, c.ledger().user_count());
  auto writer = c.database.insert_rows("user_purchases", columns::k_user_purchases);
  for (uint32_t i : order_by_user(purchases.user, c.ledger().user_count())) {
    const uint32_t u = purchases.user[i];
    const Uuid& user = c.ids[u];
    writer->add_uuid(derived_uuid(user, RowTag::Purchase, seq[i]));
    writer->add_uuid(user);
    writer->add_uuid(products[purchases.product[i]]);
    if (paid_with[i] < 0)
      writer->add_null();
    else
      writer->add_uuid(
          derived_uuid(user, RowTag::Transaction, static_cast<uint64_t>(paid_with[i]) - c.ledger().user_begin(u)));
    writer->add_integer(purchases.quantity[i]);
    writer->add_money(purchases.total_amount[i], c.minor_digits());
    writer->add_timestamp(purchases.day[i], 0);
    writer->add_integer(i);
    writer->end_row();
  }
  writer->finish();
}

}  // namespace

LoadStats load(Database& database, const Population& population) {
  const auto start = std::chrono::steady_clock::now();
  check_storable(population);
  const std::vector<Uuid> ids = make_user_ids(population.ledger);
  const LoadContext context{database, population, ids};

  auto phase = [last = std::chrono::steady_clock::now()](const char* name) mutable {
    const auto now = std::chrono::steady_clock::now();
    spdlog::debug("load: {} in {:.3f} s", name, std::chrono::duration<double>(now - last).count());
    last = now;
  };
  phase("checks");
  TransactionGuard transaction(database, Access::BulkWrite);
  check_schema(database);
  write_dataset_info(database, population.ledger);
  write_users(context);
  write_profiles(context);
  write_wallets(context);
  phase("users, profiles and wallets");
  write_transactions(context);
  phase("transactions");
  const uint64_t feedback_rows = write_recommendations(context);
  write_purchases(context);
  phase("recommendations and purchases");
  transaction.commit();
  phase("commit (index rebuilds)");

  LoadStats stats;
  stats.users = population.users.size();
  stats.transactions = population.ledger.rows();
  stats.goals = population.goals.size();
  stats.recommendations = population.recommendations.size();
  stats.feedback = feedback_rows;
  stats.purchases = population.purchases.size();
  stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return stats;
}

Population population_from_ledger(Ledger ledger) {
  Population p;
  p.ledger = std::move(ledger);
  const Ledger& l = p.ledger;
  for (uint32_t u = 0; u < l.user_count(); ++u) {
    const std::string id(l.users.at(u));
    const uint64_t begin = l.user_begin(u);
    const uint64_t end = l.user_end(u);
    int64_t balance = 0;
    bool balance_found = false;
    for (uint64_t r = end; r > begin && !balance_found; --r)
      if (l.balance[r - 1] != k_no_balance) {
        balance = l.balance[r - 1];
        balance_found = true;
      }
    for (uint64_t r = begin; r < end && !balance_found; ++r) balance += l.amount[r];
    p.users.email.push_back(id.find('@') != std::string::npos ? id : id + "@fincoach.invalid");
    p.users.first_name.emplace_back();
    p.users.last_name.emplace_back();
    p.users.created_day.push_back(begin < end ? l.day[begin] : 0);
    p.users.monthly_income.push_back(0);
    p.users.savings_goal.push_back(0);
    p.users.risk_tolerance.emplace_back("medium");
    p.users.wallet_balance.push_back(balance);
  }
  return p;
}

}  // namespace fincoach::db
