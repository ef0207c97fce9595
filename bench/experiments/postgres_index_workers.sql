\timing on
SET maintenance_work_mem='512MB';
SET max_parallel_maintenance_workers=0;
\echo w0
BEGIN; CREATE INDEX tcat ON exp.transactions (category); ROLLBACK;
SET max_parallel_maintenance_workers=1;
\echo w1
BEGIN; CREATE INDEX tcat ON exp.transactions (category); ROLLBACK;
SET max_parallel_maintenance_workers=2;
\echo w2
BEGIN; CREATE INDEX tcat ON exp.transactions (category); ROLLBACK;
SET max_parallel_maintenance_workers=0;
\echo w0
BEGIN; CREATE INDEX tcat ON exp.transactions (category); ROLLBACK;
SET max_parallel_maintenance_workers=1;
\echo w1
BEGIN; CREATE INDEX tcat ON exp.transactions (category); ROLLBACK;
SET max_parallel_maintenance_workers=2;
\echo w2
BEGIN; CREATE INDEX tcat ON exp.transactions (category); ROLLBACK;
