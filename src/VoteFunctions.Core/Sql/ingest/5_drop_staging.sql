-- Frees the staging tables, which can be as large as the batch (they live in memory, or in the
-- spill folder, for the connection's life).
DROP TABLE IF EXISTS temp.typed_lines;
DROP TABLE IF EXISTS temp.line_rejections;
DROP TABLE IF EXISTS temp.raw_lines;
DROP TABLE IF EXISTS temp.matched_lines;
DROP TABLE IF EXISTS temp.batch_files;

-- In case the ingest stopped between setting and resetting it (3_classify.sql).
RESET perfect_ht_threshold;
