\timing on
SET maintenance_work_mem='512MB';
SET synchronous_commit=off;
TRUNCATE exp.t;
ALTER TABLE exp.t DROP CONSTRAINT IF EXISTS t_pkey;
CHECKPOINT;
\echo B: no PK then add
BEGIN;
COPY exp.t FROM '/tmp/tx.bin' (FORMAT binary);
ALTER TABLE exp.t ADD PRIMARY KEY (id);
COMMIT;
TRUNCATE exp.t;
CHECKPOINT;
\echo A: PK during COPY
BEGIN;
COPY exp.t FROM '/tmp/tx.bin' (FORMAT binary);
COMMIT;
TRUNCATE exp.t;
ALTER TABLE exp.t DROP CONSTRAINT t_pkey;
CHECKPOINT;
\echo B: no PK then add
BEGIN;
COPY exp.t FROM '/tmp/tx.bin' (FORMAT binary);
ALTER TABLE exp.t ADD PRIMARY KEY (id);
COMMIT;
TRUNCATE exp.t;
CHECKPOINT;
\echo A: PK during COPY
BEGIN;
COPY exp.t FROM '/tmp/tx.bin' (FORMAT binary);
COMMIT;
