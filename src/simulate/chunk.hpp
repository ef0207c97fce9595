#pragma once
// The output of one block of users, in ledger user order: ledger columns holding pool ids
// (renumbered when the blocks are merged), side-table entries and ground truth.

#include <cstdint>
#include <vector>

#include "fincoach/common/population.hpp"
#include "fincoach/simulate/ground_truth.hpp"
#include "simulate/pools.hpp"

namespace fincoach::simulate::detail {

struct Chunk {
  std::vector<uint32_t> user;
  std::vector<int32_t> day;
  std::vector<int32_t> second;
  std::vector<int64_t> amount;
  std::vector<int64_t> balance;
  std::vector<uint8_t> category;
  std::vector<uint32_t> raw_category;
  std::vector<uint32_t> type_code;
  std::vector<uint32_t> description;
  std::vector<uint32_t> merchant;
  std::vector<uint32_t> city;
  std::vector<uint32_t> country;
  /// Rows of each user of the block, in order.
  std::vector<uint64_t> user_rows;

  UserTable users;
  GoalTable goals;
  RecommendationLog recommendations;
  PurchaseTable purchases;
  std::vector<UserTraits> traits;
  std::vector<uint64_t> sim_index;
  GoalOutcomes outcomes;
  RecurringStreams streams;
  LifeEvents events;

  size_t rows() const { return day.size(); }

  void reserve(size_t rows) {
    user.reserve(rows);
    day.reserve(rows);
    second.reserve(rows);
    amount.reserve(rows);
    balance.reserve(rows);
    category.reserve(rows);
    raw_category.reserve(rows);
    type_code.reserve(rows);
    description.reserve(rows);
    merchant.reserve(rows);
    city.reserve(rows);
    country.reserve(rows);
  }

  void append(uint32_t u, int32_t d, int32_t s, int64_t a, int64_t b, const RowText& text) {
    user.push_back(u);
    day.push_back(d);
    second.push_back(s);
    amount.push_back(a);
    balance.push_back(b);
    category.push_back(text.category);
    raw_category.push_back(text.raw_category);
    type_code.push_back(text.type_code);
    description.push_back(text.description);
    merchant.push_back(text.merchant);
    city.push_back(text.city);
    country.push_back(text.country);
  }
};

}  // namespace fincoach::simulate::detail
