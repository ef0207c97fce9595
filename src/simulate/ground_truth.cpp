#include "fincoach/simulate/ground_truth.hpp"

#include <fmt/format.h>

#include <filesystem>

#include "fincoach/common/date.hpp"
#include "fincoach/common/error.hpp"
#include "fincoach/common/file_io.hpp"
#include "fincoach/common/money.hpp"
#include "fincoach/common/text.hpp"
#include "simulate/pools.hpp"

namespace fincoach::simulate {
namespace {

using Buffer = fmt::memory_buffer;

std::string date_or_empty(int32_t day) {
  return day < 0 ? std::string() : format_iso_date(day);
}

std::string_view user_id(const Population& p, uint32_t user) {
  return p.ledger.users.at(user);
}

void write(const std::string& dir, const char* name, const Buffer& buffer) {
  write_file_atomic((std::filesystem::path(dir) / name).string(), std::string_view(buffer.data(), buffer.size()));
}

void write_users(const Population& p, const GroundTruth& truth, const std::string& dir) {
  const detail::Pools& pools = detail::Pools::instance();
  Buffer out;
  fmt::format_to(std::back_inserter(out),
                 "user_id,sim_index,persona,monthly_income,pay_cycle,pay_day,housing_cost,homeowner,housing_day,"
                 "savings_propensity,round_up_saver,impulsivity,discretionary_share,transactions_per_week,volatility,"
                 "weekend_factor,evening_share");
  for (int k = 0; k < k_spend_kind_count; ++k)
    fmt::format_to(std::back_inserter(out), ",taste_{}", to_string(static_cast<SpendKind>(k)));
  fmt::format_to(std::back_inserter(out),
                 ",goal_commitment,budget_discipline,opening_balance,opening_savings,overdraft_limit,home_city\n");
  for (uint32_t u = 0; u < truth.users.size(); ++u) {
    const UserTraits& t = truth.users[u];
    fmt::format_to(std::back_inserter(out),
                   "{},{},{},{},{},{},{},{},{},{:.6g},{},{:.6g},{:.6g},{:.6g},{:.6g},{:.6g},{:.6g}", user_id(p, u),
                   truth.sim_index[u], to_string(t.persona), format_minor_units(t.monthly_income),
                   to_string(t.pay_cycle), t.pay_day, format_minor_units(t.housing_cost), t.homeowner ? 1 : 0,
                   t.housing_day, t.savings_propensity, t.round_up_saver ? 1 : 0, t.impulsivity, t.discretionary_share,
                   t.transactions_per_week, t.volatility, t.weekend_factor, t.evening_share);
    for (double share : t.taste) fmt::format_to(std::back_inserter(out), ",{:.6g}", share);
    fmt::format_to(std::back_inserter(out), ",{:.6g},{:.6g},{},{},{},{}\n", t.goal_commitment, t.budget_discipline,
                   format_minor_units(t.opening_balance), format_minor_units(t.opening_savings),
                   format_minor_units(t.overdraft_limit), pools.uk_cities()[t.home_city].name);
  }
  write(dir, "users.csv", out);
}

void write_responses(const Population& p, const GroundTruth& truth, const std::string& dir) {
  Buffer out;
  fmt::format_to(
      std::back_inserter(out),
      "user_id,persona,action,spend_effect,save_effect,backfire,fatigue,noise,effect_decay,responsiveness\n");
  for (uint32_t u = 0; u < truth.users.size(); ++u) {
    const UserTraits& t = truth.users[u];
    const ResponseParams& r = t.response;
    for (size_t a = 0; a < static_cast<size_t>(k_coaching_action_count); ++a)
      fmt::format_to(std::back_inserter(out), "{},{},{},{:.6g},{:.6g},{:.6g},{:.6g},{:.6g},{:.6g},{:.6g}\n",
                     user_id(p, u), to_string(t.persona), to_string(static_cast<CoachingAction>(a)), r.spend_effect[a],
                     r.save_effect[a], r.backfire[a], r.fatigue, r.noise, r.effect_decay, r.responsiveness);
  }
  write(dir, "responses.csv", out);
}

void write_goals(const Population& p, const GroundTruth& truth, const std::string& dir) {
  const GoalTable& g = p.goals;
  const GoalOutcomes& o = truth.goals;
  FINCOACH_ASSERT(o.size() == g.size());
  Buffer out;
  fmt::format_to(std::back_inserter(out),
                 "user_id,goal,name,target_amount,start_date,deadline,achieved,reached_date,saved_by_deadline,"
                 "commitment\n");
  for (size_t i = 0; i < g.size(); ++i) {
    const int goal_of_user = i > 0 && g.user[i - 1] == g.user[i] ? 1 : 0;
    fmt::format_to(std::back_inserter(out), "{},{},{},{},{},{},{},{},{},{:.4f}\n", user_id(p, g.user[i]), goal_of_user,
                   csv_escape(g.name[i]), format_minor_units(g.target_amount[i]), format_iso_date(g.start_day[i]),
                   format_iso_date(g.deadline_day[i]), o.achieved[i], date_or_empty(o.reached_day[i]),
                   format_minor_units(o.saved_by_deadline[i]), o.commitment[i]);
  }
  write(dir, "goals.csv", out);
}

void write_streams(const Population& p, const GroundTruth& truth, const std::string& dir) {
  const RecurringStreams& s = truth.streams;
  Buffer out;
  fmt::format_to(std::back_inserter(out),
                 "user_id,kind,merchant,description,type_code,category,cadence_days,amount,first_date\n");
  for (size_t i = 0; i < s.size(); ++i)
    fmt::format_to(std::back_inserter(out), "{},{},{},{},{},{},{},{},{}\n", user_id(p, s.user[i]),
                   to_string(static_cast<StreamKind>(s.kind[i])), csv_escape(s.merchant[i]),
                   csv_escape(s.description[i]), s.type_code[i], to_string(static_cast<AppCategory>(s.category[i])),
                   s.cadence_days[i], format_minor_units(s.amount[i]), format_iso_date(s.first_day[i]));
  write(dir, "streams.csv", out);
}

void write_events(const Population& p, const GroundTruth& truth, const std::string& dir) {
  const LifeEvents& e = truth.events;
  const detail::Pools& pools = detail::Pools::instance();
  Buffer out;
  fmt::format_to(std::back_inserter(out), "user_id,event,start_date,end_date,value\n");
  for (size_t i = 0; i < e.size(); ++i) {
    const auto kind = static_cast<LifeEventKind>(e.kind[i]);
    std::string value;
    switch (kind) {
      case LifeEventKind::IncomeShock:
        value = fmt::format("{:.3f}", static_cast<double>(e.value[i]) / 1000.0);
        break;
      case LifeEventKind::LargePurchase:
        value = format_minor_units(e.value[i]);
        break;
      case LifeEventKind::Holiday: {
        const auto uk = pools.uk_cities().size();
        value = std::string(pools.foreign_cities()[static_cast<size_t>(e.value[i]) - uk].name);
        break;
      }
    }
    fmt::format_to(std::back_inserter(out), "{},{},{},{},{}\n", user_id(p, e.user[i]), to_string(kind),
                   format_iso_date(e.start_day[i]), format_iso_date(e.end_day[i]), value);
  }
  write(dir, "events.csv", out);
}

}  // namespace

std::string_view to_string(StreamKind kind) {
  static constexpr std::array<std::string_view, 5> k_names = {"income", "housing", "bill", "subscription", "savings"};
  return k_names[static_cast<size_t>(kind)];
}

std::string_view to_string(LifeEventKind kind) {
  static constexpr std::array<std::string_view, 3> k_names = {"income_shock", "large_purchase", "holiday"};
  return k_names[static_cast<size_t>(kind)];
}

void write_ground_truth(const Population& population, const GroundTruth& truth, const std::string& dir) {
  FINCOACH_ASSERT(truth.users.size() == population.ledger.user_count());
  ensure_directory(dir);
  write_users(population, truth, dir);
  write_responses(population, truth, dir);
  write_goals(population, truth, dir);
  write_streams(population, truth, dir);
  write_events(population, truth, dir);
}

}  // namespace fincoach::simulate
