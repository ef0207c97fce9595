#pragma once
// The FinCoach marketplace as the original backend seeds it (backend/app/seed_data.py,
// ORIGINAL_SYSTEM.md §3): 8 product categories, each mapped to an app category, and 40
// products, 5 per category, in seeding order. PurchaseTable::product indexes k_products.

#include <array>
#include <cstdint>
#include <string_view>

#include "fincoach/common/category.hpp"

namespace fincoach {

struct ProductCategorySpec {
  std::string_view name;
  std::string_view description;
  AppCategory transaction_category;
};

struct ProductSpec {
  std::string_view name;
  int64_t price;  ///< minor units (pence/cents)
  std::string_view merchant;
  std::string_view description;
  uint8_t category;  ///< index into k_product_categories
};

constexpr std::array<ProductCategorySpec, 8> k_product_categories = {{
    {"Grocery Items", "Food and household essentials", AppCategory::Groceries},
    {"Restaurant Meals", "Dining and takeout options", AppCategory::DineOut},
    {"Entertainment", "Movies, games, and fun activities", AppCategory::Entertainment},
    {"Clothing & Accessories", "Apparel and fashion items", AppCategory::Shopping},
    {"Electronics", "Tech gadgets and devices", AppCategory::Shopping},
    {"Health & Wellness", "Medical and fitness products", AppCategory::Health},
    {"Transportation", "Travel and commute options", AppCategory::Transport},
    {"Utilities & Services", "Bills and essential services", AppCategory::Bills},
}};

constexpr std::array<ProductSpec, 40> k_products = {{
    {"Organic Bananas", 399, "Fresh Market", "Fresh organic bananas, 2 lbs", 0},
    {"Whole Wheat Bread", 450, "Bakery Plus", "Artisan whole wheat bread loaf", 0},
    {"Greek Yogurt", 599, "Dairy Farm", "Plain Greek yogurt, 32 oz container", 0},
    {"Chicken Breast", 1299, "Butcher Shop", "Free-range chicken breast, 2 lbs", 0},
    {"Mixed Vegetables", 649, "Fresh Market", "Frozen mixed vegetables, 2 lb bag", 0},
    {"Margherita Pizza", 1899, "Tony's Pizzeria", "Classic margherita pizza with fresh basil", 1},
    {"Chicken Caesar Salad", 1450, "Garden Bistro", "Grilled chicken caesar salad with croutons", 1},
    {"Beef Burger Combo", 1699, "Burger Palace", "Beef burger with fries and drink", 1},
    {"Sushi Platter", 2499, "Sakura Sushi", "Assorted sushi and sashimi platter", 1},
    {"Pasta Carbonara", 1950, "Italian Corner", "Traditional pasta carbonara with pancetta", 1},
    {"Movie Theater Ticket", 1250, "Cinema Complex", "Standard movie ticket", 2},
    {"Concert Ticket", 7500, "Music Venue", "Live concert general admission", 2},
    {"Video Game", 5999, "GameStop", "Latest AAA video game title", 2},
    {"Streaming Subscription", 1599, "StreamFlix", "Monthly streaming service subscription", 2},
    {"Board Game", 3499, "Toy Store", "Strategy board game for family fun", 2},
    {"Cotton T-Shirt", 2499, "Fashion Hub", "100% cotton crew neck t-shirt", 3},
    {"Denim Jeans", 7999, "Denim Co", "Classic fit denim jeans", 3},
    {"Running Shoes", 12999, "Sports Store", "Lightweight running shoes", 3},
    {"Leather Wallet", 4500, "Leather Goods", "Genuine leather bifold wallet", 3},
    {"Winter Jacket", 15999, "Outdoor Gear", "Waterproof winter jacket", 3},
    {"Wireless Headphones", 19999, "Tech Store", "Noise-cancelling wireless headphones", 4},
    {"Smartphone Case", 2999, "Mobile Accessories", "Protective smartphone case", 4},
    {"Laptop Charger", 7999, "Computer Parts", "Universal laptop charger 65W", 4},
    {"Bluetooth Speaker", 8999, "Audio Plus", "Portable Bluetooth speaker", 4},
    {"USB Cable", 1999, "Tech Essentials", "USB-C to USB-A cable 6ft", 4},
    {"Multivitamins", 2499, "Health Store", "Daily multivitamin supplement, 90 tablets", 5},
    {"Protein Powder", 4999, "Fitness Nutrition", "Whey protein powder, 2 lbs", 5},
    {"Yoga Mat", 3999, "Wellness Shop", "Non-slip yoga mat with carrying strap", 5},
    {"First Aid Kit", 3499, "Medical Supply", "Complete first aid kit for home", 5},
    {"Hand Sanitizer", 899, "Pharmacy", "Antibacterial hand sanitizer, 8 oz", 5},
    {"Gas Fill-up", 4500, "Shell Station", "Regular gasoline fill-up", 6},
    {"Bus Pass", 2500, "City Transit", "Weekly public transit pass", 6},
    {"Uber Ride", 1850, "Uber", "Ride share service", 6},
    {"Parking Fee", 1200, "Downtown Parking", "Daily parking fee", 6},
    {"Car Wash", 1599, "Auto Spa", "Full service car wash", 6},
    {"Internet Service", 7999, "ISP Provider", "Monthly high-speed internet", 7},
    {"Phone Bill", 6500, "Mobile Carrier", "Monthly mobile phone service", 7},
    {"Electricity Bill", 12000, "Power Company", "Monthly electricity usage", 7},
    {"Water Bill", 4500, "Water Utility", "Monthly water and sewer service", 7},
    {"Insurance Premium", 15000, "Insurance Co", "Monthly auto insurance premium", 7},
}};

/// Stock the original seeds for every product.
constexpr int32_t k_product_initial_stock = 100;

}  // namespace fincoach
