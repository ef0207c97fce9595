#pragma once
// Everything the schema cannot hold is rejected before a row is sent, with the same message
// for both engines: text that is not UTF-8 or holds NUL bytes, strings longer than their
// VARCHAR, money beyond its NUMERIC, days outside years 1..9999, scores outside 0..1.

#include "fincoach/common/population.hpp"

namespace fincoach::db {

/// Throws InvalidInput naming the table, column, row and value of the first problem.
void check_storable(const Population& population);

/// Number of UTF-8 code points (what a VARCHAR(n) limit counts).
size_t utf8_length(std::string_view text);

}  // namespace fincoach::db
