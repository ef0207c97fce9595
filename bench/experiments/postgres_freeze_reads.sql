\timing on
SET maintenance_work_mem='512MB';
SET synchronous_commit=off;
TRUNCATE exp.t;
CHECKPOINT;
\echo A: normal load then export x3
BEGIN;
COPY exp.t FROM '/tmp/tx.bin' (FORMAT binary);
COMMIT;
COPY exp.t TO '/dev/null' (FORMAT binary);
COPY exp.t TO '/dev/null' (FORMAT binary);
COPY exp.t TO '/dev/null' (FORMAT binary);
CHECKPOINT;
\echo F: freeze load then export x3
BEGIN;
TRUNCATE exp.t;
COPY exp.t FROM '/tmp/tx.bin' (FORMAT binary, FREEZE);
COMMIT;
COPY exp.t TO '/dev/null' (FORMAT binary);
COPY exp.t TO '/dev/null' (FORMAT binary);
COPY exp.t TO '/dev/null' (FORMAT binary);
