-- Votes per (Year, WeekNumber), kept exact in the same transaction as each ingest, so that the
-- outliers view reads a few hundred weeks instead of every vote.
CREATE TABLE IF NOT EXISTS blog_analysis.weekly_vote_counts (
    Year        INTEGER NOT NULL,
    WeekNumber  INTEGER NOT NULL,
    VoteCount   BIGINT  NOT NULL CHECK (VoteCount > 0),
    PRIMARY KEY (Year, WeekNumber)
);
