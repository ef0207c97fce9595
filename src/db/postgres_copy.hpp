#pragma once
// COPY over raw libpq for the PostgreSQL engine: rows in and out of the server without
// libpqxx's per-line copies. Writers send binary COPY when every column has a type they can
// encode (the server parses binary values far faster than text: no UUID, NUMERIC or
// timestamp parsing), text COPY otherwise; readers likewise (postgres_copy_out.cpp).

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "fincoach/db/database.hpp"

struct pg_conn;
struct pg_result;

namespace fincoach::db {

struct PgResultClearer {
  void operator()(pg_result* result) const noexcept;
};
/// An owned libpq result.
using PgResult = std::unique_ptr<pg_result, PgResultClearer>;

/// A server message on one line (no newlines or tabs), for our error messages.
std::string one_line(std::string text);

/// Throws for a failed libpq call: InvalidInput for SQL errors (constraint violations, bad
/// values, missing tables), IoError for connection or server-resource trouble. `result` may
/// be null (the connection's last error is used).
[[noreturn]] void fail_libpq(pg_conn* connection, const pg_result* result, const std::string& url,
                             std::string_view what);

/// Collects the results that end a command; throws on the first error among them.
void finish_libpq_command(pg_conn* connection, const std::string& url, std::string_view what);

/// The column types a binary COPY writer encodes; Other makes the table use text COPY.
enum class PgType : uint8_t { Int2, Int4, Int8, Float4, Float8, Numeric, Text, Uuid, Bool, Timestamp, Other };

/// The PgType of a type OID (pg_attribute.atttypid).
PgType pg_type_of_oid(uint32_t oid);

/// Runs `COPY table (columns) FROM STDIN` on `connection`, inside the transaction already open
/// there. `types` gives each column's type (same order as `columns`). `freeze` writes the rows
/// frozen (COPY … FREEZE: the table must have been created or truncated in this transaction).
std::unique_ptr<RowWriter> make_copy_writer(pg_conn* connection, std::string table,
                                            const std::vector<std::string>& columns, const std::vector<PgType>& types,
                                            bool freeze, const std::string& url);

/// Runs `COPY (SELECT columns FROM table tail) TO STDOUT` on `connection`, binary when every
/// result column has a type the binary reader decodes (asked first with a describe).
std::unique_ptr<RowReader> make_copy_reader(pg_conn* connection, std::string table, std::vector<std::string> columns,
                                            std::string_view tail, const std::string& url);

}  // namespace fincoach::db
