-- The votes, one row per vote Id, typed for analytics. FileId says which file brought the vote;
-- rows are appended batch after batch (FileIds rise from batch to batch; a batch's files mixed),
-- so a filter on the last batch's FileIds skips the rest of the table (zone maps).
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
