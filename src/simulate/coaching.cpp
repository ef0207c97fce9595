// The weekly recommendation: the observable state of the last seven days, the policy's
// choice with its propensity, and the user's response: a change in the discretionary
// spending rate that decays week by week, sometimes a transfer to savings, a boost to goal
// saving, and feedback. Effects are persona-dependent, noisy, weaker when an action is
// repeated (fatigue), and sometimes backfire. See docs/simulator.md.

#include <algorithm>
#include <cmath>

#include "fincoach/common/error.hpp"
#include "simulate/user_sim.hpp"

namespace fincoach::simulate::detail {
namespace {

// Encouragement to save for a goal fades more slowly than a nudge to spend less.
constexpr double k_goal_boost_decay = 0.85;

double logistic(double x) {
  return 1.0 / (1.0 + std::exp(-x));
}

double major(int64_t minor) {
  return static_cast<double>(minor) / 100.0;
}

}  // namespace

WeeklyState UserSimulation::weekly_state(int32_t day) const {
  WeeklyState s;
  s.user_id = user_id_;
  s.day = day;
  s.week = week_;
  s.current_balance = major(balance_);
  const Chunk& out = *out_;
  int64_t spending = 0;
  int64_t income = 0;
  std::array<int64_t, k_app_category_count> by_category{};
  for (size_t r = out.rows(); r > first_row_ && out.day[r - 1] >= day - 7; --r) {
    const int64_t amount = out.amount[r - 1];
    ++s.transaction_count;
    if (amount < 0) {
      spending -= amount;
      by_category[out.category[r - 1]] -= amount;
    } else {
      income += amount;
    }
  }
  s.total_spending = major(spending);
  s.total_income = major(income);
  for (size_t c = 0; c < by_category.size(); ++c) s.category_spending[c] = major(by_category[c]);
  s.savings_rate = (s.total_income - s.total_spending) / std::max(s.total_income, 1.0);
  s.daily_spending_avg = s.total_spending / 7.0;
  return s;
}

void UserSimulation::coach(int32_t day) {
  const WeeklyState state = weekly_state(day);
  const CoachingDecision decision = policy_->choose(state, coach_rng_);
  // A policy is code, not input: an impossible decision is a bug in it.
  FINCOACH_ASSERT(static_cast<int>(decision.action) < k_coaching_action_count);
  FINCOACH_ASSERT(decision.probability > 0.0 && decision.probability <= 1.0);
  const int32_t second = coach_rng_.between(8 * 3600, 10 * 3600 - 1);
  respond(day, second, state, decision);
  ++week_;
}

void UserSimulation::respond(int32_t day, int32_t second, const WeeklyState& state, const CoachingDecision& decision) {
  const ResponseParams& r = plan_.traits.response;
  const auto a = static_cast<size_t>(decision.action);
  spend_mod_ *= r.effect_decay;
  goal_boost_ *= k_goal_boost_decay;

  // How much the action fits the week: an alert lands when spending ran ahead of income,
  // a nudge when there is money to move, praise when the week was in surplus.
  const double weekly = std::max(major(weekly_income()), 1.0);
  const double spend_ratio = std::clamp(state.total_spending / weekly, 0.3, 1.5);
  double relevance = 1.0;
  switch (decision.action) {
    case CoachingAction::ContinueCurrentBehavior:
      relevance = 1.0;
      break;
    case CoachingAction::SpendingAlert:
    case CoachingAction::BudgetSuggestion:
      relevance = spend_ratio;
      break;
    case CoachingAction::SavingsNudge:
      relevance = state.current_balance > weekly ? 1.0 : 0.3;
      break;
    case CoachingAction::PositiveReinforcement:
      relevance = state.savings_rate > 0.0 ? 1.0 : 0.4;
      break;
  }
  int repeats = 0;
  for (int8_t previous : recent_actions_) repeats += previous == static_cast<int8_t>(a) ? 1 : 0;
  const double fatigue = std::pow(1.0 - r.fatigue, repeats);
  const double noise = 1.0 + r.noise * coach_rng_.normal();
  const bool backfired = coach_rng_.bernoulli(r.backfire[a]);

  double effect = r.spend_effect[a] * relevance * fatigue * noise;
  if (backfired) effect = std::abs(effect) + 0.03;  // reactance: the user spends more
  spend_mod_ = std::clamp(spend_mod_ + effect, -0.8, 0.8);
  spend_factor_ = std::exp(spend_mod_);
  const double save_share = backfired ? 0.0 : r.save_effect[a] * relevance * fatigue * std::max(0.0, noise);
  if (active_goal(day) != nullptr) goal_boost_ += save_share;

  // A savings response is a transfer within two days, never below the user's buffer. The
  // larger the user's savings response, the likelier they act on it at all.
  bool implemented = false;
  int32_t transfer_day = -1;
  const bool acts = coach_rng_.bernoulli(std::min(0.9, 3.0 * save_share));
  const int64_t wanted = static_cast<int64_t>(save_share * static_cast<double>(weekly_income())) / 100 * 100;
  const int64_t amount = std::min(wanted, balance_ - savings_buffer());
  if (acts && amount >= 500) {
    transfer_day = day + coach_rng_.between(0, 2);
    const int32_t at = transfer_day == day ? std::min(86399, second + coach_rng_.between(600, 7200))
                                           : coach_rng_.between(8 * 3600, 21 * 3600);
    implemented = add_pending({transfer_day, at, -amount, &pools_.payee(PayeeGroup::CoachSaver, 0)});
  }

  FeedbackType feedback = FeedbackType::Pending;
  int32_t feedback_day = -1;
  if (coach_rng_.bernoulli(r.responsiveness)) {
    if (implemented) {
      feedback = FeedbackType::Implemented;
      feedback_day = transfer_day;
    } else {
      const double benefit = -8.0 * effect + (decision.action == CoachingAction::PositiveReinforcement ? 0.3 : 0.0);
      feedback = coach_rng_.bernoulli(logistic(benefit + 0.2 - 0.4 * repeats)) ? FeedbackType::Helpful
                                                                               : FeedbackType::NotHelpful;
      feedback_day = std::min(day + coach_rng_.between(0, 3), calendar_.end_day() - 1);
    }
  }

  for (size_t i = recent_actions_.size() - 1; i > 0; --i) recent_actions_[i] = recent_actions_[i - 1];
  recent_actions_[0] = static_cast<int8_t>(a);

  RecommendationLog& log = out_->recommendations;
  log.user.push_back(user_);
  log.day.push_back(day);
  log.second.push_back(second);
  log.action.push_back(static_cast<uint8_t>(decision.action));
  log.propensity.push_back(static_cast<float>(decision.probability));
  log.confidence.push_back(static_cast<float>(decision.confidence));
  log.feedback.push_back(static_cast<uint8_t>(feedback));
  log.feedback_day.push_back(feedback_day);
}

}  // namespace fincoach::simulate::detail
