-- Frees the staging tables, which can be as large as the batch (they live in memory for the
-- connection's life).
DROP TABLE IF EXISTS temp.typed_lines;
DROP TABLE IF EXISTS temp.matched_lines;
DROP TABLE IF EXISTS temp.batch_files;

-- In case the ingest stopped between setting and resetting it (2_classify.sql).
RESET perfect_ht_threshold;
