// Totals by app category, raw type code and month, and what fell into `other`. Sums are
// exact int64 minor units, accumulated in arrays indexed by category or dictionary id.

#include <algorithm>
#include <string>
#include <unordered_map>
#include <vector>

#include "fincoach/common/error.hpp"
#include "validate/sections.hpp"

namespace fincoach::validate::detail {

namespace {

[[noreturn]] void overflow(std::string_view side) {
  throw InvalidInput(std::string("the ") + std::string(side) +
                     " total leaves the int64 range of minor units (are the amounts corrupt?)");
}

// Stores the per-id totals that have rows, most rows first, up to `max_listed`.
template <typename Item, typename Label>
std::vector<Item> ranked(const std::vector<FlowTotals>& per_id, uint64_t max_listed, Label label, uint64_t& distinct) {
  std::vector<uint32_t> ids;
  for (uint32_t id = 0; id < per_id.size(); ++id)
    if (per_id[id].rows() > 0) ids.push_back(id);
  distinct = ids.size();
  const size_t listed = std::min<size_t>(ids.size(), max_listed);
  std::partial_sort(ids.begin(), ids.begin() + static_cast<std::ptrdiff_t>(listed), ids.end(),
                    [&](uint32_t a, uint32_t b) {
                      if (per_id[a].rows() != per_id[b].rows()) return per_id[a].rows() > per_id[b].rows();
                      return label(a) < label(b);
                    });
  std::vector<Item> items;
  for (size_t i = 0; i < listed; ++i) items.push_back(Item{std::string(label(ids[i])), per_id[ids[i]]});
  return items;
}

std::vector<MonthTotal> totals_by_month(const Ledger& ledger) {
  std::unordered_map<int32_t, FlowTotals> by_month;
  // Days are sorted within a user, so months change rarely: accumulate a run, then flush.
  for (uint32_t user = 0; user < ledger.user_count(); ++user) {
    FlowTotals run;
    int32_t month = 0;
    for (uint64_t row = ledger.user_begin(user); row < ledger.user_end(user); ++row) {
      const bool new_day = row == ledger.user_begin(user) || ledger.day[row] != ledger.day[row - 1];
      const int32_t row_month = new_day ? month_index_of_day(ledger.day[row]) : month;
      if (row_month != month && run.rows() > 0) {
        add_totals(by_month[month], run);
        run = FlowTotals{};
      }
      month = row_month;
      add_amount(run, ledger.amount[row]);
    }
    if (run.rows() > 0) add_totals(by_month[month], run);
  }
  std::vector<MonthTotal> months;
  for (const auto& [index, totals] : by_month) months.push_back(MonthTotal{year_month_of_index(index), totals});
  std::sort(months.begin(), months.end(), [](const MonthTotal& a, const MonthTotal& b) {
    return a.month.year != b.month.year ? a.month.year < b.month.year : a.month.month < b.month.month;
  });
  return months;
}

}  // namespace

void add_amount(FlowTotals& totals, int64_t amount) {
  if (amount > 0) {
    ++totals.credit_rows;
    if (!add_in_range(totals.credits, amount, totals.credits)) overflow("credit");
  } else if (amount < 0) {
    ++totals.debit_rows;
    int64_t magnitude = 0;
    if (__builtin_sub_overflow(int64_t{0}, amount, &magnitude) ||
        !add_in_range(totals.debits, magnitude, totals.debits))
      overflow("debit");
  } else {
    ++totals.zero_rows;
  }
}

void add_totals(FlowTotals& sum, const FlowTotals& part) {
  sum.debit_rows += part.debit_rows;
  sum.credit_rows += part.credit_rows;
  sum.zero_rows += part.zero_rows;
  if (!add_in_range(sum.debits, part.debits, sum.debits)) overflow("debit");
  if (!add_in_range(sum.credits, part.credits, sum.credits)) overflow("credit");
}

TotalsSection compute_totals(const Ledger& ledger, const QualityParams& params) {
  TotalsSection section;
  std::vector<FlowTotals> by_category(k_app_category_count);
  std::vector<FlowTotals> by_type(ledger.type_codes.size());
  for (size_t row = 0; row < ledger.rows(); ++row) {
    const int64_t amount = ledger.amount[row];
    add_amount(section.all, amount);
    add_amount(by_category[ledger.category[row]], amount);
    add_amount(by_type[ledger.type_code[row]], amount);
  }
  for (AppCategory category : all_app_categories())
    section.by_category.push_back(CategoryTotal{category, by_category[static_cast<size_t>(category)]});
  section.by_type = ranked<TypeTotal>(
      by_type, params.max_listed, [&](uint32_t id) { return ledger.type_codes.at(id); }, section.type_count);
  section.by_month = totals_by_month(ledger);
  return section;
}

OtherSection describe_other(const Ledger& ledger, const QualityParams& params) {
  OtherSection section;
  std::vector<FlowTotals> by_label(ledger.raw_categories.size());
  const auto other = static_cast<uint8_t>(AppCategory::Other);
  for (size_t row = 0; row < ledger.rows(); ++row) {
    if (ledger.category[row] != other) continue;
    add_amount(section.totals, ledger.amount[row]);
    add_amount(by_label[ledger.raw_category[row]], ledger.amount[row]);
  }
  section.labels = ranked<OtherLabel>(
      by_label, params.max_listed, [&](uint32_t id) { return ledger.raw_categories.at(id); }, section.label_count);
  return section;
}

}  // namespace fincoach::validate::detail
