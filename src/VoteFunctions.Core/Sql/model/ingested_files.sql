-- The ledger: one row per ingested file content, keyed by its SHA-256, so that the same bytes are
-- never ingested twice; and the account of every line: LinesRead = Inserted + Duplicates + Rejected.
-- FileId is given by the single writer (the highest so far, plus one).
CREATE TABLE IF NOT EXISTS blog_analysis.ingested_files (
    FileId      BIGINT    PRIMARY KEY,
    FileName    VARCHAR   NOT NULL,
    SizeBytes   BIGINT    NOT NULL,
    Sha256      VARCHAR   NOT NULL UNIQUE,
    IngestedAt  TIMESTAMP NOT NULL,
    LinesRead   BIGINT    NOT NULL,
    Inserted    BIGINT    NOT NULL,
    Duplicates  BIGINT    NOT NULL,
    Rejected    BIGINT    NOT NULL,
    CHECK (LinesRead = Inserted + Duplicates + Rejected)
);
