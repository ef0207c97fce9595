#pragma once
// The fixed string pools of the simulator (merchants, payees, cities, names) and their ids,
// interned once before any user is simulated, so that generating a transaction copies a
// handful of integers and never allocates.

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "fincoach/common/category.hpp"
#include "fincoach/common/dictionary.hpp"
#include "fincoach/simulate/persona.hpp"

namespace fincoach::simulate::detail {

/// The text columns of one ledger row, as ids into the pool dictionaries.
struct RowText {
  uint8_t category = 0;  ///< AppCategory
  uint32_t raw_category = 0;
  uint32_t type_code = 0;
  uint32_t description = 0;
  uint32_t merchant = 0;
  uint32_t city = 0;
  uint32_t country = 0;
};

struct MerchantSpec {
  std::string_view name;       ///< merchant_name ("Sainsbury's")
  std::string_view bank_text;  ///< how the bank prints it ("SAINSBURYS S/MKT")
  bool online;                 ///< no city; the description carries no city
};

/// A kind of discretionary spending.
struct KindSpec {
  AppCategory category;
  std::string_view raw_category;  ///< a label of profiles/categories.toml
  std::string_view type_code;     ///< "DEB", "CPT", "FPO"
  double median;                  ///< typical amount, GBP
  double sigma;                   ///< sd of log amount before the user's volatility
  double evening_affinity;        ///< multiplies the user's evening share
  double weekend_affinity;        ///< multiplies the user's weekend factor
  std::span<const MerchantSpec> merchants;
};
const std::array<KindSpec, k_spend_kind_count>& kind_specs();

/// Fixed payees: who pays the user and whom the user pays on a schedule or once.
enum class PayeeGroup : uint8_t {
  Employer,       ///< BGC salary
  Gig,            ///< FPI irregular income
  Landlord,       ///< SO rent
  Mortgage,       ///< DD mortgage
  Council,        ///< DD council tax (one payee per UK city)
  Energy,         ///< DD gas and electricity
  Water,          ///< DD water
  Broadband,      ///< DD broadband and TV
  Mobile,         ///< DD phone
  TvLicence,      ///< DD TV licence
  Insurance,      ///< DD insurance
  Subscription,   ///< DEB monthly streaming and cloud
  Gym,            ///< DD gym membership
  SavingsOrder,   ///< SO to the user's savings account
  RoundUp,        ///< BP "save the change"
  GoalSaver,      ///< TFR to a goal pot
  CoachSaver,     ///< TFR to savings after a recommendation
  SavingsReturn,  ///< TFR from savings (credit)
  OverdraftFee,   ///< FEE overdraft interest
  ForeignFee,     ///< FEE non-sterling purchase fee
  CarRepair,      ///< DEB large one-off purchases by kind
  Furniture,
  Electronics,
  Vet,
  HolidayBooking,
  Count,
};
constexpr int k_payee_group_count = static_cast<int>(PayeeGroup::Count);

struct PayeeSpec {
  std::string_view name;
  std::string_view bank_text;
  int64_t typical;  ///< typical amount in pence; 0 when drawn per user
};

struct CitySpec {
  std::string_view name;
  std::string_view country;
  double weight;
};

/// All pools and their interned ids. Built once (thread-safe static), read-only afterwards.
class Pools {
 public:
  static const Pools& instance();

  // The dictionaries every RowText id refers to.
  StringDictionary raw_categories, type_codes, descriptions, merchants, cities, countries;

  std::span<const CitySpec> uk_cities() const;
  std::span<const CitySpec> foreign_cities() const;
  /// Cumulative weights of uk_cities(), for drawing a home city.
  const std::vector<double>& uk_city_cdf() const { return uk_city_cdf_; }

  /// A discretionary payment of `kind` at merchant `m`, in city `city` (UK cities first,
  /// then foreign ones). Online merchants ignore the city.
  const RowText& spend(SpendKind kind, uint32_t m, uint32_t city) const {
    const std::vector<RowText>& by_city = spend_[static_cast<size_t>(kind)][m];
    return by_city[by_city.size() == 1 ? 0 : city];
  }
  uint32_t merchant_count(SpendKind kind) const {
    return static_cast<uint32_t>(spend_[static_cast<size_t>(kind)].size());
  }
  uint32_t city_count() const { return static_cast<uint32_t>(uk_cities().size() + foreign_cities().size()); }

  std::span<const PayeeSpec> payees(PayeeGroup group) const;
  /// Council payees are per UK city: index = city.
  const RowText& payee(PayeeGroup group, uint32_t index) const { return payee_[static_cast<size_t>(group)][index]; }
  uint32_t payee_count(PayeeGroup group) const {
    return static_cast<uint32_t>(payee_[static_cast<size_t>(group)].size());
  }
  /// Name of a payee as written to ground truth (merchant name).
  std::string_view payee_name(PayeeGroup group, uint32_t index) const {
    return merchants.at(payee(group, index).merchant);
  }

  /// Marketplace purchase of product p (k_products) in quantity 1..3.
  const RowText& product(uint32_t p, int quantity) const { return product_[p][static_cast<size_t>(quantity - 1)]; }
  /// First and last names for the users table, goal names.
  std::span<const std::string_view> first_names() const;
  std::span<const std::string_view> last_names() const;
  std::span<const std::string_view> goal_names() const;

 private:
  Pools();
  RowText make(AppCategory category, std::string_view raw, std::string_view type, std::string_view description,
               std::string_view merchant, std::string_view city, std::string_view country);

  std::array<std::vector<std::vector<RowText>>, k_spend_kind_count> spend_;
  std::array<std::vector<RowText>, k_payee_group_count> payee_;
  std::vector<std::array<RowText, 3>> product_;
  std::vector<double> uk_city_cdf_;
};

/// Largest quantity of one marketplace purchase.
constexpr int k_max_purchase_quantity = 3;

/// Bank-style text: upper case, at most 18 characters (the MoneyVis bank truncates there).
std::string bank_text(std::string_view text);

}  // namespace fincoach::simulate::detail
