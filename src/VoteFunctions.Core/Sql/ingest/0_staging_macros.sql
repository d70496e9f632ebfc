-- The rules the ingest steps share, created once on the writer's connection (temporary: they
-- are the staging's helpers, not part of the model).

-- Two versions of a vote are the same vote when every field but the Id matches (an absent
-- optional field matches only another absent one). a and b are whole rows.
CREATE OR REPLACE TEMP MACRO same_vote(a, b) AS
    (a.PostId, a.VoteTypeId, a.CreationDate, a.UserId, a.BountyAmount)
        IS NOT DISTINCT FROM (b.PostId, b.VoteTypeId, b.CreationDate, b.UserId, b.BountyAmount);

-- DuckDB tracks a query's progress, which the CLI shows, only with its progress bar on; this is
-- a library, so the bar itself is never printed.
SET enable_progress_bar = true;
SET enable_progress_bar_print = false;
