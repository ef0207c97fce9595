#include "simulate/pools.hpp"

#include <fmt/format.h>

#include "fincoach/common/product_catalog.hpp"

namespace fincoach::simulate::detail {
namespace {

using AC = AppCategory;

// ---- discretionary merchants, by kind ---------------------------------------------------

constexpr MerchantSpec k_groceries[] = {
    {"Tesco", "TESCO STORES", false}, {"Sainsbury's", "SAINSBURYS S/MKT", false},
    {"Asda", "ASDA STORES", false},   {"Lidl", "LIDL GB", false},
    {"Aldi", "ALDI STORES", false},   {"Morrisons", "WM MORRISONS", false},
    {"Co-op", "CO-OP GROUP", false},  {"M&S Simply Food", "M&S SIMPLY FOOD", false},
    {"Waitrose", "WAITROSE", false},  {"Iceland", "ICELAND", false},
    {"Ocado", "OCADO RETAIL", true},
};
constexpr MerchantSpec k_dine_out[] = {
    {"Pret A Manger", "PRET A MANGER", false},
    {"Greggs", "GREGGS", false},
    {"Costa Coffee", "COSTA COFFEE", false},
    {"Starbucks", "STARBUCKS", false},
    {"Nando's", "NANDOS", false},
    {"McDonald's", "MCDONALDS", false},
    {"Domino's Pizza", "DOMINOS PIZZA", true},
    {"Just Eat", "JUST EAT", true},
    {"Deliveroo", "DELIVEROO", true},
    {"Wagamama", "WAGAMAMA", false},
    {"Pizza Express", "PIZZA EXPRESS", false},
    {"Wetherspoon", "JD WETHERSPOON", false},
    {"KFC", "KFC", false},
    {"Subway", "SUBWAY", false},
};
constexpr MerchantSpec k_entertainment[] = {
    {"Odeon", "ODEON CINEMAS", false},           {"Vue", "VUE BSL", false},
    {"Cineworld", "CINEWORLD", false},           {"Ticketmaster", "TICKETMASTER", true},
    {"Steam", "STEAMGAMES.COM", true},           {"PlayStation Store", "PLAYSTATION NETWK", true},
    {"Waterstones", "WATERSTONES", false},       {"Hollywood Bowl", "HOLLYWOOD BOWL", false},
    {"National Trust", "NATIONAL TRUST", false}, {"Eventbrite", "EVENTBRITE", true},
};
constexpr MerchantSpec k_transport[] = {
    {"TfL", "TFL TRAVEL CH", true},
    {"Trainline", "TRAINLINE.COM", true},
    {"Uber", "UBER *TRIP", true},
    {"Shell", "SHELL", false},
    {"BP", "BP", false},
    {"Esso", "ESSO", false},
    {"Stagecoach", "STAGECOACH", false},
    {"National Express", "NATIONAL EXPRESS", true},
    {"NCP", "NCP PARKING", false},
    {"RingGo", "RINGGO", true},
};
constexpr MerchantSpec k_online[] = {
    {"Amazon", "AMAZON UK MARKETPL", true},
    {"Amazon", "AMZNMKTPLACE", true},
    {"Amazon", "AMAZON.CO.UK", true},
    {"eBay", "EBAY O*", true},
    {"ASOS", "ASOS.COM", true},
    {"Etsy", "ETSY.COM", true},
    {"Argos", "ARGOS LTD", true},
    {"Apple", "APPLE.COM/BILL", true},
};
constexpr MerchantSpec k_high_street[] = {
    {"Primark", "PRIMARK", false},
    {"Next", "NEXT RETAIL", false},
    {"H&M", "H&M", false},
    {"Zara", "ZARA UK", false},
    {"TK Maxx", "TK MAXX", false},
    {"John Lewis", "JOHN LEWIS", false},
    {"Currys", "CURRYS", false},
    {"Sports Direct", "SPORTS DIRECT", false},
    {"WHSmith", "WHSMITH", false},
    {"Marks & Spencer", "M&S", false},
    {"Poundland", "POUNDLAND", false},
};
constexpr MerchantSpec k_health[] = {
    {"Boots", "BOOTS", false},
    {"Superdrug", "SUPERDRUG", false},
    {"Lloyds Pharmacy", "LLOYDS PHARMACY", false},
    {"Specsavers", "SPECSAVERS", false},
    {"Bupa Dental", "BUPA DENTAL", false},
    {"Holland & Barrett", "HOLLAND & BARRETT", false},
};
constexpr MerchantSpec k_fitness[] = {
    {"Decathlon", "DECATHLON", false},
    {"Better", "GLL BETTER", false},
    {"Everyone Active", "EVERYONE ACTIVE", false},
    {"Go Outdoors", "GO OUTDOORS", false},
    {"Myprotein", "MYPROTEIN", true},
};
constexpr MerchantSpec k_cash[] = {
    {"Link ATM", "LNK", false},
    {"Barclays ATM", "BARCLAYS CPT", false},
    {"HSBC ATM", "HSBC CPT", false},
    {"Santander ATM", "SANTANDER CPT", false},
};
constexpr MerchantSpec k_people[] = {
    {"J Smith", "J SMITH", true},     {"A Jones", "A JONES", true},       {"S Taylor", "S TAYLOR", true},
    {"M Brown", "M BROWN", true},     {"R Williams", "R WILLIAMS", true}, {"L Wilson", "L WILSON", true},
    {"K Johnson", "K JOHNSON", true}, {"D Davies", "D DAVIES", true},     {"E Patel", "E PATEL", true},
    {"C Evans", "C EVANS", true},     {"H Thomas", "H THOMAS", true},     {"P Roberts", "P ROBERTS", true},
};
constexpr MerchantSpec k_home[] = {
    {"B&Q", "B&Q", false},   {"Wickes", "WICKES", false}, {"Screwfix", "SCREWFIX", false},
    {"IKEA", "IKEA", false}, {"Dunelm", "DUNELM", false}, {"Homebase", "HOMEBASE", false},
};

// Indexed by SpendKind.
const std::array<KindSpec, k_spend_kind_count> k_kinds = {{
    {AC::Groceries, "Groceries", "DEB", 21.0, 0.70, 0.6, 1.1, k_groceries},
    {AC::DineOut, "Dine Out", "DEB", 9.0, 0.70, 1.6, 1.3, k_dine_out},
    {AC::Entertainment, "Entertainment", "DEB", 14.0, 0.80, 1.7, 1.5, k_entertainment},
    {AC::Transport, "Travel", "DEB", 14.0, 0.85, 0.8, 0.9, k_transport},
    {AC::Shopping, "Amazon", "DEB", 15.0, 0.90, 1.4, 1.0, k_online},
    {AC::Shopping, "Other Shopping", "DEB", 26.0, 0.80, 0.5, 1.6, k_high_street},
    {AC::Health, "Health", "DEB", 12.0, 0.70, 0.5, 0.9, k_health},
    {AC::Fitness, "Fitness", "DEB", 14.0, 0.60, 0.9, 1.3, k_fitness},
    {AC::Other, "Cash", "CPT", 45.0, 0.55, 1.0, 1.3, k_cash},
    {AC::Other, "Others", "FPO", 25.0, 0.90, 1.2, 1.2, k_people},
    {AC::Shopping, "Home Improvement", "DEB", 32.0, 1.00, 0.3, 1.8, k_home},
}};

// ---- scheduled and one-off payees ---------------------------------------------------------

constexpr PayeeSpec k_employers[] = {
    {"NHS", "NHS PAYROLL", 0},
    {"Tesco PLC", "TESCO PLC PAYROLL", 0},
    {"BT Group", "BRITISH TELECOM", 0},
    {"County Council", "COUNTY COUNCIL PAY", 0},
    {"Amazon UK", "AMAZON UK SERV", 0},
    {"University", "UNIVERSITY SALARY", 0},
    {"Capita", "CAPITA PLC", 0},
    {"Serco", "SERCO LTD", 0},
    {"Barclays", "BARCLAYS PAYROLL", 0},
    {"John Lewis", "JOHN LEWIS PSHIP", 0},
    {"Greggs PLC", "GREGGS PLC SALARY", 0},
    {"Civil Service", "HM REVENUE PAYROLL", 0},
};
constexpr PayeeSpec k_gigs[] = {
    {"Upwork", "UPWORK ESCROW", 0},   {"Fiverr", "FIVERR INTL", 0},
    {"PayPal", "PAYPAL TRANSFER", 0}, {"Deliveroo Riders", "DELIVEROO RIDER", 0},
    {"Uber BV", "UBER BV PAYOUT", 0}, {"Client", "CLIENT PAYMENT", 0},
};
constexpr PayeeSpec k_landlords[] = {
    {"Foxtons", "FOXTONS RENT", 0},     {"Countrywide", "COUNTRYWIDE LETS", 0},
    {"Your Move", "YOUR MOVE RENT", 0}, {"Private landlord", "RENT PAYMENT", 0},
    {"Grainger", "GRAINGER PLC", 0},    {"Unite Students", "UNITE STUDENTS", 0},
};
constexpr PayeeSpec k_mortgages[] = {
    {"Nationwide", "NATIONWIDE BS", 0},   {"Halifax", "HALIFAX MORTGAGE", 0}, {"Santander", "SANTANDER MORTGAGE", 0},
    {"Barclays", "BARCLAYS MORTGAGE", 0}, {"Coventry BS", "COVENTRY BS", 0},
};
constexpr PayeeSpec k_energy[] = {
    {"British Gas", "BRITISH GAS", 0}, {"Octopus Energy", "OCTOPUS ENERGY", 0}, {"EDF Energy", "EDF ENERGY", 0},
    {"E.ON Next", "E.ON NEXT", 0},     {"OVO Energy", "OVO ENERGY", 0},
};
constexpr PayeeSpec k_water[] = {
    {"Thames Water", "THAMES WATER", 0},         {"Severn Trent", "SEVERN TRENT", 0},
    {"United Utilities", "UNITED UTILITIES", 0}, {"Anglian Water", "ANGLIAN WATER", 0},
    {"Yorkshire Water", "YORKSHIRE WATER", 0},
};
constexpr PayeeSpec k_broadband[] = {
    {"BT", "BT GROUP PLC", 0},   {"Sky", "SKY DIGITAL", 0}, {"Virgin Media", "VIRGIN MEDIA", 0},
    {"TalkTalk", "TALKTALK", 0}, {"Plusnet", "PLUSNET", 0},
};
constexpr PayeeSpec k_mobile[] = {
    {"EE", "EE LIMITED", 0}, {"Vodafone", "VODAFONE", 0}, {"O2", "O2 UK", 0},
    {"Three", "THREE", 0},   {"giffgaff", "GIFFGAFF", 0},
};
constexpr PayeeSpec k_tv_licence[] = {{"TV Licensing", "TV LICENCE MBP", 1325}};
constexpr PayeeSpec k_insurance[] = {
    {"Aviva", "AVIVA", 0},      {"Direct Line", "DIRECT LINE", 0},         {"Admiral", "ADMIRAL INSURANCE", 0},
    {"LV=", "LV INSURANCE", 0}, {"Legal & General", "LEGAL & GENERAL", 0},
};
constexpr PayeeSpec k_subscriptions[] = {
    {"Netflix", "NETFLIX.COM", 1099},
    {"Spotify", "SPOTIFY", 1199},
    {"Amazon Prime", "AMAZON PRIME", 899},
    {"Disney Plus", "DISNEY PLUS", 799},
    {"Apple iCloud", "APPLE.COM/BILL", 299},
    {"YouTube Premium", "GOOGLE YOUTUBE", 1299},
    {"Now TV", "NOW TV", 999},
};
constexpr PayeeSpec k_gyms[] = {
    {"PureGym", "PUREGYM", 2499},
    {"The Gym Group", "THE GYM GROUP", 2299},
    {"David Lloyd", "DAVID LLOYD", 8500},
    {"Nuffield Health", "NUFFIELD HEALTH", 5500},
    {"Anytime Fitness", "ANYTIME FITNESS", 3500},
};
constexpr PayeeSpec k_savings_order[] = {{"Savings account", "SAVINGS ACCOUNT", 0}};
constexpr PayeeSpec k_round_up[] = {{"Save the Change", "SAVE THE CHANGE", 0}};
constexpr PayeeSpec k_goal_saver[] = {{"Goal saver", "GOAL SAVER", 0}};
constexpr PayeeSpec k_coach_saver[] = {{"Savings account", "TO SAVINGS", 0}};
constexpr PayeeSpec k_savings_return[] = {{"Savings account", "FROM SAVINGS", 0}};
constexpr PayeeSpec k_overdraft_fee[] = {{"Bank fee", "OVERDRAFT INTEREST", 0}};
constexpr PayeeSpec k_foreign_fee[] = {{"Bank fee", "NON-GBP PURCH FEE", 0}};
constexpr PayeeSpec k_car_repair[] = {{"Kwik Fit", "KWIK FIT", 0}, {"Halfords", "HALFORDS AUTOCENTRE", 0}};
constexpr PayeeSpec k_furniture[] = {{"DFS", "DFS FURNITURE", 0}, {"IKEA", "IKEA", 0}, {"Wayfair", "WAYFAIR", 0}};
constexpr PayeeSpec k_electronics[] = {
    {"Currys", "CURRYS", 0}, {"Apple Store", "APPLE STORE", 0}, {"Argos", "ARGOS LTD", 0}};
constexpr PayeeSpec k_vet[] = {{"Vets4Pets", "VETS4PETS", 0}, {"Medivet", "MEDIVET", 0}};
constexpr PayeeSpec k_holiday[] = {
    {"Jet2holidays", "JET2HOLIDAYS", 0}, {"easyJet", "EASYJET", 0}, {"TUI", "TUI UK", 0},
    {"Booking.com", "BOOKING.COM", 0},   {"Ryanair", "RYANAIR", 0},
};

struct GroupSpec {
  AppCategory category;
  std::string_view raw_category;
  std::string_view type_code;
  std::span<const PayeeSpec> payees;
};

// Indexed by PayeeGroup; the Council group's payees are built from the city list.
const std::array<GroupSpec, k_payee_group_count> k_groups = {{
    {AC::Income, "Paycheck", "BGC", k_employers},
    {AC::Income, "Supplementary Income", "FPI", k_gigs},
    {AC::Bills, "Rent", "SO", k_landlords},
    {AC::Bills, "Mortgage", "DD", k_mortgages},
    {AC::Bills, "Bills", "DD", {}},
    {AC::Bills, "Bills", "DD", k_energy},
    {AC::Bills, "Bills", "DD", k_water},
    {AC::Bills, "Bills", "DD", k_broadband},
    {AC::Bills, "Bills", "DD", k_mobile},
    {AC::Bills, "Bills", "DD", k_tv_licence},
    {AC::Bills, "Insurance", "DD", k_insurance},
    {AC::Entertainment, "Entertainment", "DEB", k_subscriptions},
    {AC::Fitness, "Fitness", "DD", k_gyms},
    {AC::Savings, "Savings", "SO", k_savings_order},
    {AC::Savings, "Savings", "BP", k_round_up},
    {AC::Savings, "Savings", "TFR", k_goal_saver},
    {AC::Savings, "Savings", "TFR", k_coach_saver},
    {AC::Savings, "Savings", "TFR", k_savings_return},
    {AC::Other, "Others", "FEE", k_overdraft_fee},
    {AC::Other, "Others", "FEE", k_foreign_fee},
    {AC::Transport, "Travel", "DEB", k_car_repair},
    {AC::Shopping, "Home Improvement", "DEB", k_furniture},
    {AC::Shopping, "Other Shopping", "DEB", k_electronics},
    {AC::Other, "Others", "DEB", k_vet},
    {AC::Transport, "Hotels", "DEB", k_holiday},
}};

// ---- places and people ---------------------------------------------------------------------

constexpr CitySpec k_uk_cities[] = {
    {"London", "UK", 9.0},    {"Birmingham", "UK", 3.0},    {"Manchester", "UK", 3.0}, {"Leeds", "UK", 2.0},
    {"Glasgow", "UK", 2.0},   {"Liverpool", "UK", 2.0},     {"Bristol", "UK", 2.0},    {"Sheffield", "UK", 1.5},
    {"Edinburgh", "UK", 1.5}, {"Cardiff", "UK", 1.2},       {"Nottingham", "UK", 1.2}, {"Leicester", "UK", 1.0},
    {"Newcastle", "UK", 1.2}, {"Southampton", "UK", 1.0},   {"Brighton", "UK", 1.0},   {"Coventry", "UK", 0.8},
    {"Bradford", "UK", 0.8},  {"Belfast", "UK", 1.0},       {"Swansea", "UK", 0.7},    {"Oxford", "UK", 0.6},
    {"Cambridge", "UK", 0.6}, {"York", "UK", 0.5},          {"Norwich", "UK", 0.6},    {"Plymouth", "UK", 0.6},
    {"Reading", "UK", 0.7},   {"Derby", "UK", 0.6},         {"Aberdeen", "UK", 0.6},   {"Exeter", "UK", 0.5},
    {"Bath", "UK", 0.4},      {"Milton Keynes", "UK", 0.6},
};
constexpr CitySpec k_foreign_cities[] = {
    {"Barcelona", "Spain", 1.0}, {"Malaga", "Spain", 1.0},    {"Paris", "France", 1.0},
    {"Rome", "Italy", 1.0},      {"Lisbon", "Portugal", 1.0}, {"Amsterdam", "Netherlands", 1.0},
    {"Dublin", "Ireland", 1.0},  {"New York", "USA", 1.0},    {"Athens", "Greece", 1.0},
    {"Palma", "Spain", 1.0},
};

constexpr std::string_view k_first_names[] = {
    "Oliver",  "George", "Harry",    "Jack",   "Jacob", "Noah",   "Charlie", "Muhammad", "Thomas", "Oscar",
    "William", "James",  "Leo",      "Alfie",  "Henry", "Joshua", "Freddie", "Archie",   "Ethan",  "Isaac",
    "Olivia",  "Amelia", "Isla",     "Ava",    "Emily", "Sophia", "Grace",   "Mia",      "Poppy",  "Ella",
    "Lily",    "Evie",   "Isabella", "Sophie", "Ivy",   "Freya",  "Harper",  "Willow",   "Chloe",  "Priya",
};
constexpr std::string_view k_last_names[] = {
    "Smith",    "Jones",     "Taylor", "Brown", "Williams", "Wilson",  "Johnson",  "Davies",   "Robinson", "Wright",
    "Thompson", "Evans",     "Walker", "White", "Roberts",  "Green",   "Hall",     "Wood",     "Jackson",  "Clarke",
    "Patel",    "Khan",      "Lewis",  "James", "Phillips", "Mason",   "Mitchell", "Rose",     "Davis",    "Rodriguez",
    "Cox",      "Alexander", "Morgan", "Moore", "Hughes",   "Edwards", "Hill",     "Campbell", "Ahmed",    "Kaur",
};
constexpr std::string_view k_goal_names[] = {
    "Emergency fund", "Summer holiday", "House deposit",   "New car",   "Wedding",
    "New laptop",     "Christmas fund", "Home renovation", "Rainy day", "Festival tickets",
};

// Raw labels of the marketplace's product categories (profiles/categories.toml spellings).
constexpr std::string_view k_product_raw_categories[] = {
    "Groceries", "Dine Out", "Entertainment", "Clothes", "Other Shopping", "Health", "Travel", "Bills",
};

std::string upper_ascii(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return out;
}

}  // namespace

std::string bank_text(std::string_view text) {
  std::string out = upper_ascii(text);
  if (out.size() > 18) out.resize(18);
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

const std::array<KindSpec, k_spend_kind_count>& kind_specs() {
  return k_kinds;
}

const Pools& Pools::instance() {
  static const Pools pools;
  return pools;
}

std::span<const CitySpec> Pools::uk_cities() const {
  return k_uk_cities;
}
std::span<const CitySpec> Pools::foreign_cities() const {
  return k_foreign_cities;
}
std::span<const PayeeSpec> Pools::payees(PayeeGroup group) const {
  return k_groups[static_cast<size_t>(group)].payees;
}
std::span<const std::string_view> Pools::first_names() const {
  return k_first_names;
}
std::span<const std::string_view> Pools::last_names() const {
  return k_last_names;
}
std::span<const std::string_view> Pools::goal_names() const {
  return k_goal_names;
}

RowText Pools::make(AppCategory category, std::string_view raw, std::string_view type, std::string_view description,
                    std::string_view merchant, std::string_view city, std::string_view country) {
  return {static_cast<uint8_t>(category),   raw_categories.intern(raw), type_codes.intern(type),
          descriptions.intern(description), merchants.intern(merchant), cities.intern(city),
          countries.intern(country)};
}

Pools::Pools() {
  std::vector<CitySpec> all_cities(k_uk_cities, k_uk_cities + std::size(k_uk_cities));
  all_cities.insert(all_cities.end(), k_foreign_cities, k_foreign_cities + std::size(k_foreign_cities));

  for (size_t k = 0; k < k_kinds.size(); ++k) {
    const KindSpec& spec = k_kinds[k];
    for (const MerchantSpec& m : spec.merchants) {
      std::vector<RowText>& by_city = spend_[k].emplace_back();
      if (m.online) {
        by_city.push_back(make(spec.category, spec.raw_category, spec.type_code, m.bank_text, m.name, "", "UK"));
        continue;
      }
      for (const CitySpec& city : all_cities) {
        const std::string description = bank_text(fmt::format("{} {}", m.bank_text, city.name));
        by_city.push_back(
            make(spec.category, spec.raw_category, spec.type_code, description, m.name, city.name, city.country));
      }
    }
  }

  for (size_t g = 0; g < k_groups.size(); ++g) {
    const GroupSpec& spec = k_groups[g];
    if (static_cast<PayeeGroup>(g) == PayeeGroup::Council) {
      for (const CitySpec& city : k_uk_cities)
        payee_[g].push_back(make(spec.category, spec.raw_category, spec.type_code,
                                 bank_text(fmt::format("{} COUNCIL", city.name)), fmt::format("{} Council", city.name),
                                 "", "UK"));
      continue;
    }
    for (const PayeeSpec& p : spec.payees)
      payee_[g].push_back(make(spec.category, spec.raw_category, spec.type_code, p.bank_text, p.name, "", "UK"));
  }

  for (const ProductSpec& p : k_products) {
    std::array<RowText, k_max_purchase_quantity>& texts = product_.emplace_back();
    const ProductCategorySpec& category = k_product_categories[p.category];
    for (int q = 1; q <= k_max_purchase_quantity; ++q)
      texts[static_cast<size_t>(q - 1)] = make(category.transaction_category, k_product_raw_categories[p.category],
                                               "DEB", fmt::format("Purchase: {} x{}", p.name, q), p.merchant, "", "UK");
  }

  double total = 0.0;
  for (const CitySpec& city : k_uk_cities) uk_city_cdf_.push_back(total += city.weight);
  for (double& c : uk_city_cdf_) c /= total;
}

}  // namespace fincoach::simulate::detail
