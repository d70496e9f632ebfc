-- The rules the ingest steps share, created once on the writer's connection (temporary: they
-- are the staging's helpers, not part of the model).

-- Two versions of a vote are the same vote when every field but the Id matches (an absent
-- optional field matches only another absent one). a and b are whole rows.
CREATE OR REPLACE TEMP MACRO same_vote(a, b) AS
    (a.PostId, a.VoteTypeId, a.CreationDate, a.UserId, a.BountyAmount)
        IS NOT DISTINCT FROM (b.PostId, b.VoteTypeId, b.CreationDate, b.UserId, b.BountyAmount);
