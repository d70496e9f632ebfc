-- Step 3: which votes are new, exact duplicates, or conflicts.

-- Ids on more than one line of this file. Few Ids repeat, so everything after this works
-- on a small table. DuckDB counts in a perfect hash table (an array indexed by Id - min(Id), no
-- hashing: twice as fast at 2M rows) when the Ids' range fits under its threshold, which the
-- caller sets from the file's row count so that the array stays about the size of the data.
-- (The setting is the database's: it is reset right after, and again in 5_drop_staging.sql.)
SET perfect_ht_threshold = $perfect_hash_bits;

CREATE OR REPLACE TEMP TABLE repeated_ids AS
SELECT Id
FROM typed_lines
GROUP BY Id
HAVING count(*) > 1;

RESET perfect_ht_threshold;

-- The later lines of those Ids: duplicates when their content is identical to the first
-- line's (which is kept), conflicts (with a reason) when not.
CREATE OR REPLACE TEMP TABLE repeated_lines AS
WITH involved AS MATERIALIZED (
    SELECT *
    FROM typed_lines
    SEMI JOIN repeated_ids USING (Id)
),
first_lines AS (
    SELECT Id, min(LineNumber) AS FirstLine FROM involved GROUP BY Id
)
SELECT later.LineNumber,
       CASE WHEN same_vote(later, first)
            THEN NULL
            ELSE 'Id ' || later.Id || ' appears on line ' || first.LineNumber || ' of this file with different content; the first line is kept'
       END AS Reason
FROM involved AS later
JOIN first_lines AS f ON f.Id = later.Id AND later.LineNumber <> f.FirstLine
JOIN involved AS first ON first.LineNumber = f.FirstLine;

-- One candidate line per Id.
CREATE OR REPLACE TEMP VIEW candidate_votes AS
SELECT LineNumber, Id, PostId, VoteTypeId, CreationDate, UserId, BountyAmount
FROM typed_lines
ANTI JOIN repeated_lines USING (LineNumber);

-- Candidates whose Id is already stored: a duplicate when identical, a conflict otherwise (the
-- stored vote is kept: the first version wins, whatever the file order). Every stored vote
-- counts, even one whose file has no ledger row (which only a crash can leave; see
-- recovery/check.sql).
CREATE OR REPLACE TEMP TABLE stored_matches AS
SELECT c.LineNumber,
       CASE WHEN same_vote(c, v)
            THEN NULL
            ELSE 'Id ' || c.Id || ' is already stored with different content (from file '
                 || coalesce(f.FileName, 'with FileId ' || v.FileId) || '); the stored vote is kept'
       END AS Reason
FROM candidate_votes AS c
JOIN blog_analysis.votes AS v ON v.Id = c.Id
LEFT JOIN blog_analysis.ingested_files AS f ON f.FileId = v.FileId;

-- Every line rejected here, with its reason: conflicts within the file and with stored votes.
CREATE OR REPLACE TEMP TABLE sql_rejections AS
SELECT LineNumber, Reason FROM repeated_lines WHERE Reason IS NOT NULL
UNION ALL
SELECT LineNumber, Reason FROM stored_matches WHERE Reason IS NOT NULL;

-- The rejected lines kept in the warehouse: the first $max_kept of the file, from both
-- verdicts. The caller reads back the raw text of the SQL ones (those with none yet).
CREATE OR REPLACE TEMP TABLE kept_rejections AS
SELECT LineNumber, RawText, Reason FROM line_rejections
UNION ALL
SELECT LineNumber, NULL, Reason FROM sql_rejections
ORDER BY LineNumber
LIMIT $max_kept;
