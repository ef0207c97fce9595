#include "fincoach/simulate/population_file.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <functional>

#include "fincoach/common/error.hpp"
#include "fincoach/common/file_io.hpp"
#include "fincoach/common/ledger_file.hpp"
#include "simulate/atomic_file.hpp"

namespace fincoach::simulate {
namespace {

constexpr char k_magic[8] = {'F', 'C', 'P', 'O', 'P', 'U', 'L', '1'};
constexpr uint64_t k_alignment = 64;

// Fixed-size, little-endian header (x86-64 / aarch64 Linux only, like the ledger file).
struct FileHeader {
  char magic[8];
  uint32_t version;
  uint32_t section_count;
  uint64_t ledger_rows;
  uint32_t ledger_users;
  uint32_t reserved0;
  uint64_t users_hash;      // XXH3 of the ledger's user-id dictionary
  uint64_t table_checksum;  // XXH3 of the section table
  uint64_t reserved[2];
};
static_assert(sizeof(FileHeader) == 64);

struct SectionEntry {
  uint32_t id;
  uint32_t element_size;
  uint64_t offset;
  uint64_t bytes;
  uint64_t checksum;
};
static_assert(sizeof(SectionEntry) == 32);

// Section ids are stable forever: new sections get new ids, old ids are never reused.
// A string column takes two ids: its bytes (id) and its offsets (id + 1).
enum SectionId : uint32_t {
  k_user_email = 1,
  k_user_first_name = 3,
  k_user_last_name = 5,
  k_user_created_day = 7,
  k_user_monthly_income = 8,
  k_user_savings_goal = 9,
  k_user_risk_tolerance = 10,
  k_user_wallet_balance = 12,
  k_goal_user = 20,
  k_goal_name = 21,
  k_goal_target = 23,
  k_goal_start = 24,
  k_goal_deadline = 25,
  k_rec_user = 40,
  k_rec_day = 41,
  k_rec_second = 42,
  k_rec_action = 43,
  k_rec_propensity = 44,
  k_rec_confidence = 45,
  k_rec_feedback = 46,
  k_rec_feedback_day = 47,
  k_purchase_user = 60,
  k_purchase_product = 61,
  k_purchase_day = 62,
  k_purchase_quantity = 63,
  k_purchase_total = 64,
};

struct Packed {
  std::string bytes;
  std::vector<uint64_t> offsets;
};

Packed pack(const std::vector<std::string>& strings) {
  Packed p;
  p.offsets.reserve(strings.size() + 1);
  p.offsets.push_back(0);
  for (const std::string& s : strings) {
    p.bytes += s;
    p.offsets.push_back(p.bytes.size());
  }
  return p;
}

struct SectionView {
  uint32_t id;
  uint32_t element_size;
  const void* data;
  uint64_t bytes;
};

template <typename T>
SectionView view(uint32_t id, const std::vector<T>& column) {
  return {id, sizeof(T), column.data(), column.size() * sizeof(T)};
}

uint64_t users_hash(const Ledger& l) {
  const uint64_t bytes = XXH3_64bits(l.users.bytes().data(), l.users.bytes().size());
  const std::vector<uint64_t>& offsets = l.users.offsets();
  return XXH3_64bits_withSeed(offsets.data(), offsets.size() * sizeof(uint64_t), bytes);
}

uint64_t align_up(uint64_t v) {
  return (v + k_alignment - 1) / k_alignment * k_alignment;
}

// ---- reading ----------------------------------------------------------------------------

class Reader {
 public:
  explicit Reader(std::string path) : path_(std::move(path)), fd_(::open(path_.c_str(), O_RDONLY | O_CLOEXEC)) {
    if (fd_ < 0) throw IoError(fmt::format("cannot open population file '{}': {}", path_, std::strerror(errno)));
    struct stat st {};
    if (::fstat(fd_, &st) != 0) throw IoError(fmt::format("cannot stat population file '{}'", path_));
    size_ = static_cast<uint64_t>(st.st_size);
  }
  ~Reader() { ::close(fd_); }
  Reader(const Reader&) = delete;
  Reader& operator=(const Reader&) = delete;

  uint64_t size() const { return size_; }
  const std::string& path() const { return path_; }

  void read(void* data, uint64_t bytes, uint64_t offset) const {
    char* p = static_cast<char*>(data);
    while (bytes > 0) {
      const ssize_t n = ::pread(fd_, p, std::min<uint64_t>(bytes, 1ULL << 30), static_cast<off_t>(offset));
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) throw IoError(fmt::format("cannot read population file '{}': {}", path_, std::strerror(errno)));
      if (n == 0) throw InvalidInput(fmt::format("population file '{}' is truncated at offset {}", path_, offset));
      p += n;
      bytes -= static_cast<uint64_t>(n);
      offset += static_cast<uint64_t>(n);
    }
  }

 private:
  std::string path_;
  int fd_;
  uint64_t size_ = 0;
};

class SectionReader {
 public:
  SectionReader(const Reader& reader, std::vector<SectionEntry> table) : reader_(reader), table_(std::move(table)) {}

  template <typename T>
  void column(uint32_t id, std::vector<T>& out) const {
    const SectionEntry& e = entry(id, sizeof(T));
    out.resize(e.bytes / sizeof(T));
    load(e, out.data());
  }

  void strings(uint32_t id, std::vector<std::string>& out) const {
    const SectionEntry& bytes_entry = entry(id, 1);
    std::string bytes(bytes_entry.bytes, '\0');
    load(bytes_entry, bytes.data());
    std::vector<uint64_t> offsets;
    column(id + 1, offsets);
    if (offsets.empty() || offsets.front() != 0 || offsets.back() != bytes.size() ||
        !std::is_sorted(offsets.begin(), offsets.end()))
      throw InvalidInput(fmt::format("population file '{}': string section {} has bad offsets", reader_.path(), id));
    out.clear();
    out.reserve(offsets.size() - 1);
    for (size_t i = 0; i + 1 < offsets.size(); ++i) out.emplace_back(bytes, offsets[i], offsets[i + 1] - offsets[i]);
  }

 private:
  const SectionEntry& entry(uint32_t id, uint32_t element_size) const {
    const auto it = std::find_if(table_.begin(), table_.end(), [&](const SectionEntry& e) { return e.id == id; });
    if (it == table_.end())
      throw InvalidInput(fmt::format("population file '{}' is missing section {}", reader_.path(), id));
    if (it->element_size != element_size || it->bytes % element_size != 0 || it->offset + it->bytes > reader_.size())
      throw InvalidInput(fmt::format("population file '{}': section {} is malformed or truncated", reader_.path(), id));
    return *it;
  }

  void load(const SectionEntry& e, void* dest) const {
    reader_.read(dest, e.bytes, e.offset);
    if (XXH3_64bits(dest, e.bytes) != e.checksum)
      throw InvalidInput(
          fmt::format("population file '{}' is corrupt: checksum mismatch in section {}", reader_.path(), e.id));
  }

  const Reader& reader_;
  std::vector<SectionEntry> table_;
};

FileHeader read_header(const Reader& reader) {
  FileHeader h{};
  if (reader.size() < sizeof(FileHeader))
    throw InvalidInput(
        fmt::format("'{}' is not a fincoach population file (only {} bytes)", reader.path(), reader.size()));
  reader.read(&h, sizeof(h), 0);
  if (std::memcmp(h.magic, k_magic, sizeof(k_magic)) != 0)
    throw InvalidInput(fmt::format("'{}' is not a fincoach population file (bad magic)", reader.path()));
  if (h.version > k_population_file_version)
    throw InvalidInput(fmt::format("population file '{}' has format version {}, newer than this fincoach supports ({})",
                                   reader.path(), h.version, k_population_file_version));
  return h;
}

template <typename T>
void check_length(const std::vector<T>& column, size_t expected, const std::string& path, const char* name) {
  if (column.size() != expected)
    throw InvalidInput(fmt::format("population file '{}': column {} has {} entries, expected {}", path, name,
                                   column.size(), expected));
}

void check_users(const std::vector<uint32_t>& users, uint32_t count, const std::string& path, const char* table) {
  for (size_t i = 0; i < users.size(); ++i)
    if (users[i] >= count)
      throw InvalidInput(
          fmt::format("population file '{}': {} row {} refers to user {} of {}", path, table, i, users[i], count));
}

// The side tables' own invariants (Population::check_invariants would re-check the whole
// ledger, which load_ledger has just done).
void check_side_tables(const Population& p, const std::string& path) {
  const uint32_t users = p.ledger.user_count();
  const UserTable& u = p.users;
  check_length(u.email, users, path, "users.email");
  for (const auto* column : {&u.first_name, &u.last_name, &u.risk_tolerance})
    check_length(*column, users, path, "users (names, risk)");
  check_length(u.created_day, users, path, "users.created_day");
  check_length(u.monthly_income, users, path, "users.monthly_income");
  check_length(u.savings_goal, users, path, "users.savings_goal");
  check_length(u.wallet_balance, users, path, "users.wallet_balance");
  const GoalTable& g = p.goals;
  check_length(g.name, g.size(), path, "goals.name");
  check_length(g.target_amount, g.size(), path, "goals.target_amount");
  check_length(g.start_day, g.size(), path, "goals.start_day");
  check_length(g.deadline_day, g.size(), path, "goals.deadline_day");
  check_users(g.user, users, path, "goals");
  const RecommendationLog& r = p.recommendations;
  check_length(r.day, r.size(), path, "recommendations.day");
  check_length(r.second, r.size(), path, "recommendations.second");
  check_length(r.action, r.size(), path, "recommendations.action");
  check_length(r.propensity, r.size(), path, "recommendations.propensity");
  check_length(r.confidence, r.size(), path, "recommendations.confidence");
  check_length(r.feedback, r.size(), path, "recommendations.feedback");
  check_length(r.feedback_day, r.size(), path, "recommendations.feedback_day");
  check_users(r.user, users, path, "recommendations");
  for (size_t i = 0; i < r.size(); ++i)
    if (r.action[i] >= k_coaching_action_count || r.feedback[i] > static_cast<uint8_t>(FeedbackType::Implemented))
      throw InvalidInput(fmt::format("population file '{}': recommendation {} has action {} / feedback {}", path, i,
                                     r.action[i], r.feedback[i]));
  const PurchaseTable& b = p.purchases;
  check_length(b.product, b.size(), path, "purchases.product");
  check_length(b.day, b.size(), path, "purchases.day");
  check_length(b.quantity, b.size(), path, "purchases.quantity");
  check_length(b.total_amount, b.size(), path, "purchases.total_amount");
  check_users(b.user, users, path, "purchases");
}

}  // namespace

void save_population_tables(const Population& p, const std::string& path) {
  const Packed email = pack(p.users.email);
  const Packed first = pack(p.users.first_name);
  const Packed last = pack(p.users.last_name);
  const Packed risk = pack(p.users.risk_tolerance);
  const Packed goal_name = pack(p.goals.name);
  auto strings = [](uint32_t id, const Packed& packed) {
    return std::array<SectionView, 2>{SectionView{id, 1, packed.bytes.data(), packed.bytes.size()},
                                      view(id + 1, packed.offsets)};
  };
  std::vector<SectionView> sections;
  for (const auto& pair :
       {strings(k_user_email, email), strings(k_user_first_name, first), strings(k_user_last_name, last),
        strings(k_user_risk_tolerance, risk), strings(k_goal_name, goal_name)})
    sections.insert(sections.end(), pair.begin(), pair.end());
  const RecommendationLog& r = p.recommendations;
  const std::vector<SectionView> columns = {view(k_user_created_day, p.users.created_day),
                                            view(k_user_monthly_income, p.users.monthly_income),
                                            view(k_user_savings_goal, p.users.savings_goal),
                                            view(k_user_wallet_balance, p.users.wallet_balance),
                                            view(k_goal_user, p.goals.user),
                                            view(k_goal_target, p.goals.target_amount),
                                            view(k_goal_start, p.goals.start_day),
                                            view(k_goal_deadline, p.goals.deadline_day),
                                            view(k_rec_user, r.user),
                                            view(k_rec_day, r.day),
                                            view(k_rec_second, r.second),
                                            view(k_rec_action, r.action),
                                            view(k_rec_propensity, r.propensity),
                                            view(k_rec_confidence, r.confidence),
                                            view(k_rec_feedback, r.feedback),
                                            view(k_rec_feedback_day, r.feedback_day),
                                            view(k_purchase_user, p.purchases.user),
                                            view(k_purchase_product, p.purchases.product),
                                            view(k_purchase_day, p.purchases.day),
                                            view(k_purchase_quantity, p.purchases.quantity),
                                            view(k_purchase_total, p.purchases.total_amount)};
  sections.insert(sections.end(), columns.begin(), columns.end());

  std::vector<SectionEntry> table;
  uint64_t offset = align_up(sizeof(FileHeader) + sections.size() * sizeof(SectionEntry));
  for (const SectionView& s : sections) {
    table.push_back({s.id, s.element_size, offset, s.bytes, XXH3_64bits(s.data, s.bytes)});
    offset = align_up(offset + s.bytes);
  }
  FileHeader h{};
  std::memcpy(h.magic, k_magic, sizeof(k_magic));
  h.version = k_population_file_version;
  h.section_count = static_cast<uint32_t>(table.size());
  h.ledger_rows = p.ledger.rows();
  h.ledger_users = p.ledger.user_count();
  h.users_hash = users_hash(p.ledger);
  h.table_checksum = XXH3_64bits(table.data(), table.size() * sizeof(SectionEntry));

  static const char k_zeros[k_alignment] = {};
  detail::AtomicFile file(path);
  file.write(&h, sizeof(h));
  file.write(table.data(), table.size() * sizeof(SectionEntry));
  for (size_t i = 0; i < sections.size(); ++i) {
    file.write(k_zeros, table[i].offset - file.written());
    file.write(sections[i].data, sections[i].bytes);
  }
  file.commit();
}

void load_population_tables(const std::string& path, Population& p) {
  const Reader reader(path);
  const FileHeader h = read_header(reader);
  std::vector<SectionEntry> table(h.section_count);
  if (sizeof(FileHeader) + table.size() * sizeof(SectionEntry) > reader.size())
    throw InvalidInput(fmt::format("population file '{}' is truncated (section table)", path));
  reader.read(table.data(), table.size() * sizeof(SectionEntry), sizeof(FileHeader));
  if (XXH3_64bits(table.data(), table.size() * sizeof(SectionEntry)) != h.table_checksum)
    throw InvalidInput(fmt::format("population file '{}' is corrupt: section table checksum mismatch", path));
  if (h.ledger_rows != p.ledger.rows() || h.ledger_users != p.ledger.user_count() ||
      h.users_hash != users_hash(p.ledger))
    throw InvalidInput(fmt::format(
        "population file '{}' belongs to another ledger (it records {} rows / {} users, the ledger has {} / {})", path,
        h.ledger_rows, h.ledger_users, p.ledger.rows(), p.ledger.user_count()));

  const SectionReader s(reader, std::move(table));
  s.strings(k_user_email, p.users.email);
  s.strings(k_user_first_name, p.users.first_name);
  s.strings(k_user_last_name, p.users.last_name);
  s.column(k_user_created_day, p.users.created_day);
  s.column(k_user_monthly_income, p.users.monthly_income);
  s.column(k_user_savings_goal, p.users.savings_goal);
  s.strings(k_user_risk_tolerance, p.users.risk_tolerance);
  s.column(k_user_wallet_balance, p.users.wallet_balance);
  s.column(k_goal_user, p.goals.user);
  s.strings(k_goal_name, p.goals.name);
  s.column(k_goal_target, p.goals.target_amount);
  s.column(k_goal_start, p.goals.start_day);
  s.column(k_goal_deadline, p.goals.deadline_day);
  RecommendationLog& r = p.recommendations;
  s.column(k_rec_user, r.user);
  s.column(k_rec_day, r.day);
  s.column(k_rec_second, r.second);
  s.column(k_rec_action, r.action);
  s.column(k_rec_propensity, r.propensity);
  s.column(k_rec_confidence, r.confidence);
  s.column(k_rec_feedback, r.feedback);
  s.column(k_rec_feedback_day, r.feedback_day);
  s.column(k_purchase_user, p.purchases.user);
  s.column(k_purchase_product, p.purchases.product);
  s.column(k_purchase_day, p.purchases.day);
  s.column(k_purchase_quantity, p.purchases.quantity);
  s.column(k_purchase_total, p.purchases.total_amount);
  check_side_tables(p, path);
}

void save_population(const Population& population, const std::string& dir) {
  ensure_directory(dir);
  const std::filesystem::path base(dir);
  save_ledger(population.ledger, (base / k_population_ledger_file).string());
  save_population_tables(population, (base / k_population_tables_file).string());
}

Population load_population(const std::string& dir) {
  const std::filesystem::path base(dir);
  Population p;
  p.ledger = load_ledger((base / k_population_ledger_file).string());  // checks the ledger
  load_population_tables((base / k_population_tables_file).string(), p);
  return p;
}

}  // namespace fincoach::simulate
