// export_recommendation_data and export_purchase_data: the coaching log and the marketplace
// purchases, restored to the order they were loaded in (log_seq).

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "db/export_support.hpp"
#include "fincoach/common/date.hpp"
#include "fincoach/common/error.hpp"
#include "fincoach/common/product_catalog.hpp"
#include "fincoach/db/exporter.hpp"

namespace fincoach::db {
namespace {

template <typename Enum, int Count>
Enum parse_name(std::string_view text, std::string_view column, const Database& database, const RowReader& reader) {
  for (int i = 0; i < Count; ++i)
    if (to_string(static_cast<Enum>(i)) == text) return static_cast<Enum>(i);
  throw InvalidInput(
      fmt::format("{}: {} row {}: unknown value '{}'", database.display_url(), column, reader.row_index(), text));
}

// recommendation_feedback.created_at by recommendation id (the earliest when several).
class FeedbackDays {
 public:
  explicit FeedbackDays(Database& database) {
    auto reader = database.select("recommendation_feedback", {"recommendation_id", "created_at"}, "");
    while (reader->next()) entries_.emplace_back(reader->get_uuid(0), reader->is_null(1) ? -1 : reader->get_day(1));
    std::sort(entries_.begin(), entries_.end());
  }
  /// -1 when there is no feedback row or it has no date.
  int32_t day_of(const Uuid& recommendation) const {
    const auto it = std::lower_bound(entries_.begin(), entries_.end(),
                                     std::make_pair(recommendation, std::numeric_limits<int32_t>::min()));
    if (it == entries_.end() || it->first != recommendation) return -1;
    // Sorted by (id, day): the first dated entry is the earliest.
    for (auto dated = it; dated != entries_.end() && dated->first == recommendation; ++dated)
      if (dated->second != -1) return dated->second;
    return -1;
  }

 private:
  std::vector<std::pair<Uuid, int32_t>> entries_;
};

struct RecommendationRow {
  int64_t log_seq;
  uint32_t user;
  int32_t day;
  int32_t second;
  uint8_t action;
  float propensity;
  float confidence;
  uint8_t feedback;
  int32_t feedback_day;
};

template <typename Row>
void sort_by_log_seq(std::vector<Row>& rows) {
  std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
    if (a.log_seq != b.log_seq) return a.log_seq < b.log_seq;
    if (a.user != b.user) return a.user < b.user;
    return a.day < b.day;
  });
}

}  // namespace

RecommendationLog export_recommendation_data(Database& database, const UserDirectory& directory) {
  ReadScope scope(database);
  const FeedbackDays feedback_days(database);
  enum : int { k_id, k_user, k_created, k_second, k_action, k_propensity, k_exact, k_score, k_status, k_log_seq };
  auto reader = database.select("recommendation_history",
                                {"id", "user_id", "created_at", "second_of_day", "action_type", "propensity",
                                 "confidence_exact", "confidence_score", "feedback_status", "log_seq"},
                                "");
  std::vector<RecommendationRow> rows;
  while (reader->next()) {
    RecommendationRow row{};
    row.log_seq = log_seq_or_last(*reader, k_log_seq);
    row.user = directory.index_of(reader->get_uuid(k_user), "recommendation_history.user_id");
    row.day = reader->get_day(k_created);
    row.second = reader->is_null(k_second) ? k_unknown_second : static_cast<int32_t>(reader->get_integer(k_second));
    row.action = static_cast<uint8_t>(parse_name<CoachingAction, k_coaching_action_count>(
        reader->get_text(k_action), "recommendation_history.action_type", database, *reader));
    row.propensity =
        reader->is_null(k_propensity) ? std::numeric_limits<float>::quiet_NaN() : reader->get_float(k_propensity);
    row.confidence = reader->is_null(k_exact) ? reader->get_float(k_score) : reader->get_float(k_exact);
    const auto status = reader->is_null(k_status)
                            ? FeedbackType::Pending
                            : parse_name<FeedbackType, 4>(reader->get_text(k_status),
                                                          "recommendation_history.feedback_status", database, *reader);
    row.feedback = static_cast<uint8_t>(status);
    row.feedback_day = status == FeedbackType::Pending ? -1 : feedback_days.day_of(reader->get_uuid(k_id));
    rows.push_back(row);
  }
  sort_by_log_seq(rows);
  RecommendationLog log;
  for (const RecommendationRow& row : rows) {
    log.user.push_back(row.user);
    log.day.push_back(row.day);
    log.second.push_back(row.second);
    log.action.push_back(row.action);
    log.propensity.push_back(row.propensity);
    log.confidence.push_back(row.confidence);
    log.feedback.push_back(row.feedback);
    log.feedback_day.push_back(row.feedback_day);
  }
  return log;
}

namespace {

struct PurchaseRow {
  int64_t log_seq;
  uint32_t user;
  int32_t day;
  uint32_t product;
  int32_t quantity;
  int64_t total_amount;
};

// products.id → catalogue index, for the rows that have one.
std::vector<std::pair<Uuid, uint32_t>> catalogue_index_by_id(Database& database) {
  std::vector<std::pair<Uuid, uint32_t>> index;
  auto reader = database.select("products", {"id", "catalogue_index"}, "WHERE catalogue_index IS NOT NULL");
  while (reader->next()) {
    const int64_t i = reader->get_integer(1);
    if (i >= 0 && i < static_cast<int64_t>(k_products.size()))
      index.emplace_back(reader->get_uuid(0), static_cast<uint32_t>(i));
  }
  std::sort(index.begin(), index.end());
  return index;
}

}  // namespace

PurchaseTable export_purchase_data(Database& database, const UserDirectory& directory) {
  ReadScope scope(database);
  const auto catalogue = catalogue_index_by_id(database);
  enum : int { k_user, k_product, k_quantity, k_total, k_date, k_log_seq };
  auto reader = database.select("user_purchases",
                                {"user_id", "product_id", "quantity", "total_amount", "purchase_date", "log_seq"}, "");
  std::vector<PurchaseRow> rows;
  while (reader->next()) {
    PurchaseRow row{};
    row.log_seq = log_seq_or_last(*reader, k_log_seq);
    row.user = directory.index_of(reader->get_uuid(k_user), "user_purchases.user_id");
    const Uuid product = reader->is_null(k_product) ? Uuid{} : reader->get_uuid(k_product);
    const auto it = std::lower_bound(catalogue.begin(), catalogue.end(), std::make_pair(product, uint32_t{0}));
    if (reader->is_null(k_product) || it == catalogue.end() || it->first != product)
      throw InvalidInput(fmt::format(
          "{}: user_purchases.product_id row {}: {} is not a product of the seeded catalogue", database.display_url(),
          reader->row_index(), reader->is_null(k_product) ? "NULL" : to_string(product)));
    row.product = it->second;
    row.quantity = reader->is_null(k_quantity) ? 1 : static_cast<int32_t>(reader->get_integer(k_quantity));
    row.total_amount = reader->get_money(k_total, directory.minor_digits);
    row.day = reader->get_day(k_date);
    rows.push_back(row);
  }
  sort_by_log_seq(rows);
  PurchaseTable purchases;
  for (const PurchaseRow& row : rows) {
    purchases.user.push_back(row.user);
    purchases.product.push_back(row.product);
    purchases.day.push_back(row.day);
    purchases.quantity.push_back(row.quantity);
    purchases.total_amount.push_back(row.total_amount);
  }
  return purchases;
}

}  // namespace fincoach::db
