-- Why each line cannot become a vote on its own: every failing field is named.
-- Optional fields (UserId, BountyAmount) may be absent or empty, but not malformed.
CREATE OR REPLACE TEMP TABLE invalid_lines AS
SELECT LineNumber, Reason
FROM (
    SELECT LineNumber, concat_ws('; ',
        CASE WHEN coalesce(IdText, '') = '' THEN 'Id is missing'
             WHEN Id IS NULL THEN 'Id is not a positive integer: ' || IdText END,
        CASE WHEN coalesce(PostIdText, '') = '' THEN 'PostId is missing'
             WHEN PostId IS NULL THEN 'PostId is not a positive integer: ' || PostIdText END,
        CASE WHEN coalesce(VoteTypeIdText, '') = '' THEN 'VoteTypeId is missing'
             WHEN VoteTypeId IS NULL THEN 'VoteTypeId is not a small non-negative integer: ' || VoteTypeIdText END,
        CASE WHEN coalesce(CreationDateText, '') = '' THEN 'CreationDate is missing'
             WHEN CreationDate IS NULL THEN 'CreationDate is not a valid ISO-8601 timestamp without zone: ' || CreationDateText END,
        CASE WHEN coalesce(UserIdText, '') <> '' AND UserId IS NULL THEN 'UserId is not an integer: ' || UserIdText END,
        CASE WHEN coalesce(BountyAmountText, '') <> '' AND BountyAmount IS NULL THEN 'BountyAmount is not a non-negative integer: ' || BountyAmountText END
    ) AS Reason
    FROM typed_lines
    WHERE Id IS NULL OR PostId IS NULL OR VoteTypeId IS NULL OR CreationDate IS NULL
       OR (coalesce(UserIdText, '') <> '' AND UserId IS NULL)
       OR (coalesce(BountyAmountText, '') <> '' AND BountyAmount IS NULL)
);

-- The first line of each vote Id in this file is its candidate; later lines with the same Id
-- are duplicates when their content is identical and conflicts when it is not.
CREATE OR REPLACE TEMP TABLE valid_lines AS
SELECT LineNumber, Id, PostId, VoteTypeId, CreationDate, UserId, BountyAmount,
       min(LineNumber) OVER (PARTITION BY Id) AS FirstLineOfId
FROM typed_lines
ANTI JOIN invalid_lines USING (LineNumber);

CREATE OR REPLACE TEMP TABLE candidate_votes AS
SELECT LineNumber, Id, PostId, VoteTypeId, CreationDate, UserId, BountyAmount
FROM valid_lines
WHERE LineNumber = FirstLineOfId;

CREATE OR REPLACE TEMP TABLE repeated_lines AS
SELECT r.LineNumber,
       CASE WHEN (r.PostId, r.VoteTypeId, r.CreationDate, r.UserId, r.BountyAmount)
                 IS NOT DISTINCT FROM (c.PostId, c.VoteTypeId, c.CreationDate, c.UserId, c.BountyAmount)
            THEN NULL
            ELSE 'Id ' || r.Id || ' appears on line ' || c.LineNumber || ' of this file with different content; the first line is kept'
       END AS Reason
FROM valid_lines AS r
JOIN candidate_votes AS c ON c.Id = r.Id
WHERE r.LineNumber <> r.FirstLineOfId;

-- Candidates whose Id is already stored: a duplicate when identical, a conflict otherwise
-- (the stored vote is kept: the first version wins, whatever the file order).
CREATE OR REPLACE TEMP TABLE stored_matches AS
SELECT c.LineNumber,
       CASE WHEN (c.PostId, c.VoteTypeId, c.CreationDate, c.UserId, c.BountyAmount)
                 IS NOT DISTINCT FROM (v.PostId, v.VoteTypeId, v.CreationDate, v.UserId, v.BountyAmount)
            THEN NULL
            ELSE 'Id ' || c.Id || ' is already stored with different content (from file ' || f.FileName || '); the stored vote is kept'
       END AS Reason
FROM candidate_votes AS c
JOIN blog_analysis.votes AS v ON v.Id = c.Id
JOIN blog_analysis.ingested_files AS f ON f.FileId = v.FileId;
