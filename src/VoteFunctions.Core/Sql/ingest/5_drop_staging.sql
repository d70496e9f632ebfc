-- Frees the staging tables of an ingest (they live in memory for the connection's life).
DROP TABLE IF EXISTS temp.kept_rejections;
DROP TABLE IF EXISTS temp.sql_rejections;
DROP TABLE IF EXISTS temp.stored_matches;
DROP VIEW IF EXISTS temp.candidate_votes;
DROP TABLE IF EXISTS temp.repeated_lines;
DROP TABLE IF EXISTS temp.repeated_ids;
DROP VIEW IF EXISTS temp.typed_lines;
DROP TABLE IF EXISTS temp.line_rejections;
DROP TABLE IF EXISTS temp.typed_rows;

-- In case the ingest stopped between setting and resetting it (3_classify.sql).
RESET perfect_ht_threshold;
