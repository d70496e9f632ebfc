-- Step 2: the lines that do not bring a new vote because their Id was seen before, on an earlier
-- line of this file or in the stored votes. Reason is NULL for an exact duplicate, the conflict
-- otherwise. Every other line of typed_lines is a new vote.

-- Few Ids repeat within a file, so the joins after the count work on a small table. DuckDB counts
-- in a perfect hash table (an array indexed by Id - min(Id), no hashing: twice as fast at 2M rows)
-- when the Ids' range fits under its threshold, which the caller sets from the file's row count so
-- that the array stays about the size of the data. (The setting is the database's: it is reset
-- right after, and again in 4_drop_staging.sql.)
SET perfect_ht_threshold = $perfect_hash_bits;

CREATE OR REPLACE TEMP TABLE matched_lines AS
WITH involved AS MATERIALIZED (
    -- every line of an Id that appears more than once in this file
    SELECT *
    FROM typed_lines
    SEMI JOIN (SELECT Id FROM typed_lines GROUP BY Id HAVING count(*) > 1) USING (Id)
),
first_lines AS (
    SELECT Id, min(LineNumber) AS FirstLine FROM involved GROUP BY Id
),
repeated_lines AS MATERIALIZED (
    -- the later lines of such an Id, matched against its first line (which is kept)
    SELECT later.LineNumber,
           CASE WHEN same_vote(later, first)
                THEN NULL
                ELSE 'Id ' || later.Id || ' appears on line ' || first.LineNumber || ' of this file with different content; the first line is kept'
           END AS Reason
    FROM involved AS later
    JOIN first_lines AS f ON f.Id = later.Id AND later.LineNumber <> f.FirstLine
    JOIN involved AS first ON first.LineNumber = f.FirstLine
),
stored_matches AS (
    -- the other lines (one per Id) whose Id is already stored: the stored vote is kept, the first
    -- version wins whatever the file order. Every stored vote counts, even one whose file has no
    -- ledger row (which only a crash can leave; see WarehouseRecovery).
    SELECT c.LineNumber,
           CASE WHEN same_vote(c, v)
                THEN NULL
                ELSE 'Id ' || c.Id || ' is already stored with different content (from file '
                     || coalesce(f.FileName, 'with FileId ' || v.FileId) || '); the stored vote is kept'
           END AS Reason
    FROM (FROM typed_lines ANTI JOIN repeated_lines USING (LineNumber)) AS c
    JOIN blog_analysis.votes AS v ON v.Id = c.Id
    LEFT JOIN blog_analysis.ingested_files AS f ON f.FileId = v.FileId
)
SELECT LineNumber, Reason FROM repeated_lines
UNION ALL
SELECT LineNumber, Reason FROM stored_matches;

RESET perfect_ht_threshold;
