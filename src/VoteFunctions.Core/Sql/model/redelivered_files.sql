-- The names under which an ingested content came again (the same bytes under another name, so
-- nothing was ingested): with the ledger, every blob name and size the warehouse has seen, so that
-- the catch-up does not download such a blob again at every run.
CREATE TABLE IF NOT EXISTS blog_analysis.redelivered_files (
    FileName     VARCHAR   NOT NULL,
    SizeBytes    BIGINT    NOT NULL,
    Sha256       VARCHAR   NOT NULL,  -- the content, as in ingested_files
    FirstSeenAt  TIMESTAMP NOT NULL,
    PRIMARY KEY (FileName, Sha256)
);
