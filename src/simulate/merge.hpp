#pragma once
// Merging the blocks of a simulation, in order, into one canonical Population: the same
// ledger a LedgerBuilder would produce from the same rows (users numbered by id, every
// dictionary numbered by first use), built without sorting and without per-row strings.
// Blocks are appended as soon as they and all blocks before them are done, so merging
// overlaps with simulating and a block's memory is released early.

#include <string>
#include <vector>

#include "fincoach/common/population.hpp"
#include "fincoach/simulate/ground_truth.hpp"
#include "simulate/chunk.hpp"

namespace fincoach::simulate::detail {

class Merger {
 public:
  /// `user_ids` are the ledger's users, already in byte order; `expected_rows` sizes the
  /// columns up front (a guess: more rows only cost a reallocation).
  Merger(const std::vector<std::string>& user_ids, size_t expected_rows);

  /// Appends the next block (in ledger user order) and empties it.
  void append(Chunk& chunk);
  /// Moves the result out; call once, after the last block.
  void finish(Population& population, GroundTruth& truth);

 private:
  void append_ledger(Chunk& chunk);
  void append_side_tables(Chunk& chunk);

  Population population_;
  GroundTruth truth_;
  /// Pool id → ledger id per dictionary column (UINT32_MAX: not used yet).
  std::vector<uint32_t> raw_category_map_, type_code_map_, description_map_, merchant_map_, city_map_, country_map_;
};

}  // namespace fincoach::simulate::detail
