-- Frees the staging tables that can be as large as the file (they live in memory for the
-- connection's life); the small ones are replaced by the next ingest.
DROP TABLE IF EXISTS temp.typed_lines;
DROP TABLE IF EXISTS temp.stored_matches;
DROP TABLE IF EXISTS temp.sql_rejections;

-- In case the ingest stopped between setting and resetting it (3_classify.sql).
RESET perfect_ht_threshold;
