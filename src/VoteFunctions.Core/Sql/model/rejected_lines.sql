-- Lines that did not become votes for a reason other than being an exact duplicate: the first
-- 10,000 of each file (the ledger counts them all). RawText is the line as sent (decoded
-- leniently if it was not UTF-8, cut at 4 KiB).
CREATE TABLE IF NOT EXISTS blog_analysis.rejected_lines (
    FileId      BIGINT  NOT NULL,
    LineNumber  BIGINT  NOT NULL,
    RawText     VARCHAR,
    Reason      VARCHAR NOT NULL,
    PRIMARY KEY (FileId, LineNumber)
);
