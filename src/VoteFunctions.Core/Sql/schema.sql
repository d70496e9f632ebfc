-- The warehouse model, applied on every open; each statement is idempotent.

CREATE SCHEMA IF NOT EXISTS blog_analysis;

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

-- The votes, one row per vote Id, typed for analytics. FileId says which file brought the vote;
-- rows are appended in FileId order (a batch's files together), so a filter on the last FileIds
-- skips the rest of the table (zone maps).
-- Id is unique by construction: the single writer anti-joins every file against this table.
-- There is deliberately no PRIMARY KEY: DuckDB keeps such an index (ART) in memory, which does
-- not hold for a warehouse larger than memory, and it made a 2M-row load ~40% slower.
CREATE TABLE IF NOT EXISTS blog_analysis.votes (
    Id            BIGINT    NOT NULL,
    PostId        BIGINT    NOT NULL,
    VoteTypeId    SMALLINT  NOT NULL,
    CreationDate  TIMESTAMP NOT NULL,  -- UTC: the source has no zone
    UserId        BIGINT,              -- only for some vote types; -1 is kept as sent
    BountyAmount  INTEGER,             -- only for bounty votes
    FileId        BIGINT    NOT NULL
);

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

-- The week rule, in one place: weeks start on Monday, and the days of January before the first
-- Monday are week 0 (strftime's %W).
CREATE OR REPLACE MACRO blog_analysis.week_number(day) AS CAST(strftime(day, '%W') AS INTEGER);

-- Votes per (Year, WeekNumber), kept exact in the same transaction as each ingest, so that the
-- outliers view reads a few hundred weeks instead of every vote.
CREATE TABLE IF NOT EXISTS blog_analysis.weekly_vote_counts (
    Year        INTEGER NOT NULL,
    WeekNumber  INTEGER NOT NULL,
    VoteCount   BIGINT  NOT NULL CHECK (VoteCount > 0),
    PRIMARY KEY (Year, WeekNumber)
);

-- The weekly aggregate of the votes of the files from first_file_id on (the last ones stored), or
-- of all votes when first_file_id is NULL: used by each ingest and by the nightly rebuild.
-- Counting per day first leaves the week rule to a few thousand days rather than every vote.
CREATE OR REPLACE MACRO blog_analysis.votes_per_week(first_file_id) AS TABLE
SELECT year(Day) AS Year, blog_analysis.week_number(Day) AS WeekNumber, sum(Votes) AS VoteCount
FROM (SELECT CreationDate::DATE AS Day, count(*) AS Votes
      FROM blog_analysis.votes
      WHERE first_file_id IS NULL OR FileId >= first_file_id
      GROUP BY Day)
GROUP BY ALL;
