\timing on
SET maintenance_work_mem='512MB';
SET synchronous_commit=off;
TRUNCATE exp.t;
CHECKPOINT;
BEGIN;
COPY exp.t FROM '/tmp/tx.bin' (FORMAT binary);
\echo default collation
CREATE INDEX t_cat ON exp.t (category);
\echo C collation
CREATE INDEX t_cat_c ON exp.t (category COLLATE "C");
\echo default collation
CREATE INDEX t_cat2 ON exp.t (category);
\echo C collation
CREATE INDEX t_cat_c2 ON exp.t (category COLLATE "C");
\echo user_date
CREATE INDEX t_ud ON exp.t (user_id, transaction_date);
\echo pk
ALTER TABLE exp.t ADD PRIMARY KEY (id);
ROLLBACK;
