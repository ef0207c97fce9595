-- Migration 001 (SQLite): the FinCoach schema of backend/app/models/database.py, the
-- backend plan's behavioural tables, the seeded marketplace catalogue, and fincoach's
-- extension columns (marked "ext", documented in docs/database.md).
-- SQLite types: UUIDs are TEXT (canonical lower-case), money is INTEGER minor units (the
-- dataset's minor_digits, 2 unless dataset_info says otherwise), timestamps are TEXT
-- 'YYYY-MM-DD HH:MM:SS', booleans are INTEGER 0/1, NUMERIC(5,4)/(6,4) scores are REAL.

CREATE TABLE schema_version (
  version INTEGER PRIMARY KEY,
  name VARCHAR(100) NOT NULL,
  applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- ext: facts about the loaded data (currency, minor_digits).
CREATE TABLE dataset_info (
  key VARCHAR(50) PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  email VARCHAR(255) NOT NULL,
  password_hash VARCHAR(255) NOT NULL,
  first_name VARCHAR(100) NOT NULL,
  last_name VARCHAR(100) NOT NULL,
  date_of_birth TEXT,
  created_at TEXT DEFAULT CURRENT_TIMESTAMP,
  updated_at TEXT DEFAULT CURRENT_TIMESTAMP,
  is_active INTEGER DEFAULT 1,
  external_id TEXT,  -- ext: the ledger's user id when it is not this row's canonical UUID
  CONSTRAINT users_email_key UNIQUE (email),
  CONSTRAINT users_external_id_key UNIQUE (external_id)
);

CREATE TABLE user_profiles (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL CONSTRAINT user_profiles_user_id_fkey REFERENCES users (id),
  monthly_income INTEGER DEFAULT 0,
  savings_goal INTEGER DEFAULT 0,
  risk_tolerance VARCHAR(20) DEFAULT 'medium',
  financial_goals TEXT,
  created_at TEXT DEFAULT CURRENT_TIMESTAMP,
  updated_at TEXT DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE wallets (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL CONSTRAINT wallets_user_id_fkey REFERENCES users (id),
  balance INTEGER DEFAULT 100000,
  currency VARCHAR(3) DEFAULT 'USD',
  created_at TEXT DEFAULT CURRENT_TIMESTAMP,
  updated_at TEXT DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE transactions (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL CONSTRAINT transactions_user_id_fkey REFERENCES users (id),
  wallet_id TEXT NOT NULL CONSTRAINT transactions_wallet_id_fkey REFERENCES wallets (id),
  transaction_type VARCHAR(20) NOT NULL,
  amount INTEGER NOT NULL,
  category VARCHAR(50) NOT NULL,
  description TEXT NOT NULL,
  merchant_name VARCHAR(255),
  location_city VARCHAR(100),
  location_country VARCHAR(100) DEFAULT 'US',
  balance_after INTEGER NOT NULL,
  transaction_date TEXT DEFAULT CURRENT_TIMESTAMP,
  created_at TEXT DEFAULT CURRENT_TIMESTAMP,
  user_seq BIGINT NOT NULL,               -- ext: position in the user's ledger rows
  second_of_day INTEGER,                  -- ext: NULL when the source had dates only
  balance_known INTEGER DEFAULT 1,     -- ext: 0 when the source had no running balance
  raw_category TEXT DEFAULT '',           -- ext: the category as the source wrote it
  raw_type_code TEXT DEFAULT '',          -- ext: the source's type code (DEB, BP, ...)
  source_file TEXT DEFAULT '',            -- ext: file the row was ingested from
  source_line INTEGER DEFAULT 0           -- ext: 1-based line in that file
);
CREATE INDEX idx_transactions_user_date ON transactions (user_id, transaction_date);
CREATE INDEX idx_transactions_category ON transactions (category);

CREATE TABLE product_categories (
  id TEXT PRIMARY KEY,
  name VARCHAR(100) NOT NULL,
  description TEXT,
  transaction_category VARCHAR(50) NOT NULL,
  created_at TEXT DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT product_categories_name_key UNIQUE (name)
);

CREATE TABLE products (
  id TEXT PRIMARY KEY,
  name VARCHAR(255) NOT NULL,
  description TEXT,
  price INTEGER NOT NULL,
  category_id TEXT CONSTRAINT products_category_id_fkey REFERENCES product_categories (id),
  merchant_name VARCHAR(255) NOT NULL,
  is_available INTEGER DEFAULT 1,
  stock_quantity INTEGER DEFAULT 100,
  image_url VARCHAR(500),
  created_at TEXT DEFAULT CURRENT_TIMESTAMP,
  updated_at TEXT DEFAULT CURRENT_TIMESTAMP,
  catalogue_index INTEGER,  -- ext: 0..39 for the seeded products (PurchaseTable.product)
  CONSTRAINT products_catalogue_index_key UNIQUE (catalogue_index)
);

CREATE TABLE user_purchases (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL CONSTRAINT user_purchases_user_id_fkey REFERENCES users (id),
  product_id TEXT CONSTRAINT user_purchases_product_id_fkey REFERENCES products (id),
  transaction_id TEXT CONSTRAINT user_purchases_transaction_id_fkey REFERENCES transactions (id),
  quantity INTEGER DEFAULT 1,
  total_amount INTEGER NOT NULL,
  purchase_date TEXT DEFAULT CURRENT_TIMESTAMP,
  log_seq BIGINT  -- ext: position in the loaded purchase table
);

CREATE TABLE recommendation_history (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL CONSTRAINT recommendation_history_user_id_fkey REFERENCES users (id),
  recommendation_text TEXT NOT NULL,
  action_type VARCHAR(50) NOT NULL,
  confidence_score REAL NOT NULL,
  financial_state_snapshot TEXT,
  created_at TEXT DEFAULT CURRENT_TIMESTAMP,
  feedback_status VARCHAR(20) DEFAULT 'pending',
  log_seq BIGINT,            -- ext: position in the loaded coaching log
  second_of_day INTEGER,     -- ext: NULL when the time of day is unknown
  propensity REAL,           -- ext: probability the logging policy gave this action
  confidence_exact REAL      -- ext: confidence_score before rounding to 4 decimals
);

CREATE TABLE recommendation_feedback (
  id TEXT PRIMARY KEY,
  recommendation_id TEXT NOT NULL
    CONSTRAINT recommendation_feedback_recommendation_id_fkey REFERENCES recommendation_history (id),
  user_id TEXT NOT NULL CONSTRAINT recommendation_feedback_user_id_fkey REFERENCES users (id),
  feedback_type VARCHAR(20) NOT NULL,
  feedback_text TEXT,
  created_at TEXT DEFAULT CURRENT_TIMESTAMP
);

-- The backend plan's behavioural tables (create_behavioral_tables.py) and their 7 indexes.
CREATE TABLE behavioral_events (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL CONSTRAINT behavioral_events_user_id_fkey REFERENCES users (id),
  event_type VARCHAR(50) NOT NULL,
  event_data TEXT,
  timestamp TEXT DEFAULT CURRENT_TIMESTAMP,
  created_at TEXT DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE user_segments (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL CONSTRAINT user_segments_user_id_fkey REFERENCES users (id),
  segment_id INTEGER NOT NULL,
  segment_name VARCHAR(100) NOT NULL,
  confidence REAL,
  features TEXT,
  created_at TEXT DEFAULT CURRENT_TIMESTAMP,
  updated_at TEXT DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT user_segments_user_id_key UNIQUE (user_id)
);

CREATE TABLE prediction_cache (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL CONSTRAINT prediction_cache_user_id_fkey REFERENCES users (id),
  prediction_type VARCHAR(50) NOT NULL,
  prediction_data TEXT,
  created_at TEXT DEFAULT CURRENT_TIMESTAMP,
  expires_at TEXT NOT NULL
);

CREATE TABLE model_performance (
  id TEXT PRIMARY KEY,
  model_name VARCHAR(100) NOT NULL,
  accuracy_metric REAL,
  sample_count INTEGER,
  feature_importance TEXT,
  created_at TEXT DEFAULT CURRENT_TIMESTAMP
);

CREATE INDEX idx_behavioral_events_user_id ON behavioral_events (user_id);
CREATE INDEX idx_behavioral_events_event_type ON behavioral_events (event_type);
CREATE INDEX idx_behavioral_events_timestamp ON behavioral_events (timestamp);
CREATE INDEX idx_user_segments_segment_id ON user_segments (segment_id);
CREATE INDEX idx_prediction_cache_user_type ON prediction_cache (user_id, prediction_type);
CREATE INDEX idx_prediction_cache_expires_at ON prediction_cache (expires_at);
CREATE INDEX idx_model_performance_model_name ON model_performance (model_name);

-- The marketplace of backend/app/seed_data.py as include/fincoach/common/product_catalog.hpp
-- has it (PurchaseTable.product = catalogue_index): 8 categories, 5 products each, stock 100.
INSERT INTO product_categories (id, name, description, transaction_category) VALUES
  ('fc000000-0000-4000-8000-000000000001', 'Grocery Items', 'Food and household essentials', 'groceries'),
  ('fc000000-0000-4000-8000-000000000002', 'Restaurant Meals', 'Dining and takeout options', 'dine_out'),
  ('fc000000-0000-4000-8000-000000000003', 'Entertainment', 'Movies, games, and fun activities', 'entertainment'),
  ('fc000000-0000-4000-8000-000000000004', 'Clothing & Accessories', 'Apparel and fashion items', 'shopping'),
  ('fc000000-0000-4000-8000-000000000005', 'Electronics', 'Tech gadgets and devices', 'shopping'),
  ('fc000000-0000-4000-8000-000000000006', 'Health & Wellness', 'Medical and fitness products', 'health'),
  ('fc000000-0000-4000-8000-000000000007', 'Transportation', 'Travel and commute options', 'transport'),
  ('fc000000-0000-4000-8000-000000000008', 'Utilities & Services', 'Bills and essential services', 'bills');
INSERT INTO products (id, name, description, price, category_id, merchant_name, catalogue_index) VALUES
  ('fc000000-0000-4000-8000-000000000101', 'Organic Bananas', 'Fresh organic bananas, 2 lbs', 399, 'fc000000-0000-4000-8000-000000000001', 'Fresh Market', 0),
  ('fc000000-0000-4000-8000-000000000102', 'Whole Wheat Bread', 'Artisan whole wheat bread loaf', 450, 'fc000000-0000-4000-8000-000000000001', 'Bakery Plus', 1),
  ('fc000000-0000-4000-8000-000000000103', 'Greek Yogurt', 'Plain Greek yogurt, 32 oz container', 599, 'fc000000-0000-4000-8000-000000000001', 'Dairy Farm', 2),
  ('fc000000-0000-4000-8000-000000000104', 'Chicken Breast', 'Free-range chicken breast, 2 lbs', 1299, 'fc000000-0000-4000-8000-000000000001', 'Butcher Shop', 3),
  ('fc000000-0000-4000-8000-000000000105', 'Mixed Vegetables', 'Frozen mixed vegetables, 2 lb bag', 649, 'fc000000-0000-4000-8000-000000000001', 'Fresh Market', 4),
  ('fc000000-0000-4000-8000-000000000106', 'Margherita Pizza', 'Classic margherita pizza with fresh basil', 1899, 'fc000000-0000-4000-8000-000000000002', 'Tony''s Pizzeria', 5),
  ('fc000000-0000-4000-8000-000000000107', 'Chicken Caesar Salad', 'Grilled chicken caesar salad with croutons', 1450, 'fc000000-0000-4000-8000-000000000002', 'Garden Bistro', 6),
  ('fc000000-0000-4000-8000-000000000108', 'Beef Burger Combo', 'Beef burger with fries and drink', 1699, 'fc000000-0000-4000-8000-000000000002', 'Burger Palace', 7),
  ('fc000000-0000-4000-8000-000000000109', 'Sushi Platter', 'Assorted sushi and sashimi platter', 2499, 'fc000000-0000-4000-8000-000000000002', 'Sakura Sushi', 8),
  ('fc000000-0000-4000-8000-000000000110', 'Pasta Carbonara', 'Traditional pasta carbonara with pancetta', 1950, 'fc000000-0000-4000-8000-000000000002', 'Italian Corner', 9),
  ('fc000000-0000-4000-8000-000000000111', 'Movie Theater Ticket', 'Standard movie ticket', 1250, 'fc000000-0000-4000-8000-000000000003', 'Cinema Complex', 10),
  ('fc000000-0000-4000-8000-000000000112', 'Concert Ticket', 'Live concert general admission', 7500, 'fc000000-0000-4000-8000-000000000003', 'Music Venue', 11),
  ('fc000000-0000-4000-8000-000000000113', 'Video Game', 'Latest AAA video game title', 5999, 'fc000000-0000-4000-8000-000000000003', 'GameStop', 12),
  ('fc000000-0000-4000-8000-000000000114', 'Streaming Subscription', 'Monthly streaming service subscription', 1599, 'fc000000-0000-4000-8000-000000000003', 'StreamFlix', 13),
  ('fc000000-0000-4000-8000-000000000115', 'Board Game', 'Strategy board game for family fun', 3499, 'fc000000-0000-4000-8000-000000000003', 'Toy Store', 14),
  ('fc000000-0000-4000-8000-000000000116', 'Cotton T-Shirt', '100% cotton crew neck t-shirt', 2499, 'fc000000-0000-4000-8000-000000000004', 'Fashion Hub', 15),
  ('fc000000-0000-4000-8000-000000000117', 'Denim Jeans', 'Classic fit denim jeans', 7999, 'fc000000-0000-4000-8000-000000000004', 'Denim Co', 16),
  ('fc000000-0000-4000-8000-000000000118', 'Running Shoes', 'Lightweight running shoes', 12999, 'fc000000-0000-4000-8000-000000000004', 'Sports Store', 17),
  ('fc000000-0000-4000-8000-000000000119', 'Leather Wallet', 'Genuine leather bifold wallet', 4500, 'fc000000-0000-4000-8000-000000000004', 'Leather Goods', 18),
  ('fc000000-0000-4000-8000-000000000120', 'Winter Jacket', 'Waterproof winter jacket', 15999, 'fc000000-0000-4000-8000-000000000004', 'Outdoor Gear', 19),
  ('fc000000-0000-4000-8000-000000000121', 'Wireless Headphones', 'Noise-cancelling wireless headphones', 19999, 'fc000000-0000-4000-8000-000000000005', 'Tech Store', 20),
  ('fc000000-0000-4000-8000-000000000122', 'Smartphone Case', 'Protective smartphone case', 2999, 'fc000000-0000-4000-8000-000000000005', 'Mobile Accessories', 21),
  ('fc000000-0000-4000-8000-000000000123', 'Laptop Charger', 'Universal laptop charger 65W', 7999, 'fc000000-0000-4000-8000-000000000005', 'Computer Parts', 22),
  ('fc000000-0000-4000-8000-000000000124', 'Bluetooth Speaker', 'Portable Bluetooth speaker', 8999, 'fc000000-0000-4000-8000-000000000005', 'Audio Plus', 23),
  ('fc000000-0000-4000-8000-000000000125', 'USB Cable', 'USB-C to USB-A cable 6ft', 1999, 'fc000000-0000-4000-8000-000000000005', 'Tech Essentials', 24),
  ('fc000000-0000-4000-8000-000000000126', 'Multivitamins', 'Daily multivitamin supplement, 90 tablets', 2499, 'fc000000-0000-4000-8000-000000000006', 'Health Store', 25),
  ('fc000000-0000-4000-8000-000000000127', 'Protein Powder', 'Whey protein powder, 2 lbs', 4999, 'fc000000-0000-4000-8000-000000000006', 'Fitness Nutrition', 26),
  ('fc000000-0000-4000-8000-000000000128', 'Yoga Mat', 'Non-slip yoga mat with carrying strap', 3999, 'fc000000-0000-4000-8000-000000000006', 'Wellness Shop', 27),
  ('fc000000-0000-4000-8000-000000000129', 'First Aid Kit', 'Complete first aid kit for home', 3499, 'fc000000-0000-4000-8000-000000000006', 'Medical Supply', 28),
  ('fc000000-0000-4000-8000-000000000130', 'Hand Sanitizer', 'Antibacterial hand sanitizer, 8 oz', 899, 'fc000000-0000-4000-8000-000000000006', 'Pharmacy', 29),
  ('fc000000-0000-4000-8000-000000000131', 'Gas Fill-up', 'Regular gasoline fill-up', 4500, 'fc000000-0000-4000-8000-000000000007', 'Shell Station', 30),
  ('fc000000-0000-4000-8000-000000000132', 'Bus Pass', 'Weekly public transit pass', 2500, 'fc000000-0000-4000-8000-000000000007', 'City Transit', 31),
  ('fc000000-0000-4000-8000-000000000133', 'Uber Ride', 'Ride share service', 1850, 'fc000000-0000-4000-8000-000000000007', 'Uber', 32),
  ('fc000000-0000-4000-8000-000000000134', 'Parking Fee', 'Daily parking fee', 1200, 'fc000000-0000-4000-8000-000000000007', 'Downtown Parking', 33),
  ('fc000000-0000-4000-8000-000000000135', 'Car Wash', 'Full service car wash', 1599, 'fc000000-0000-4000-8000-000000000007', 'Auto Spa', 34),
  ('fc000000-0000-4000-8000-000000000136', 'Internet Service', 'Monthly high-speed internet', 7999, 'fc000000-0000-4000-8000-000000000008', 'ISP Provider', 35),
  ('fc000000-0000-4000-8000-000000000137', 'Phone Bill', 'Monthly mobile phone service', 6500, 'fc000000-0000-4000-8000-000000000008', 'Mobile Carrier', 36),
  ('fc000000-0000-4000-8000-000000000138', 'Electricity Bill', 'Monthly electricity usage', 12000, 'fc000000-0000-4000-8000-000000000008', 'Power Company', 37),
  ('fc000000-0000-4000-8000-000000000139', 'Water Bill', 'Monthly water and sewer service', 4500, 'fc000000-0000-4000-8000-000000000008', 'Water Utility', 38),
  ('fc000000-0000-4000-8000-000000000140', 'Insurance Premium', 'Monthly auto insurance premium', 15000, 'fc000000-0000-4000-8000-000000000008', 'Insurance Co', 39);
