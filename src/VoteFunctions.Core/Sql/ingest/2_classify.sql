-- Step 2: the lines that do not bring a new vote because their Id was seen before: on an earlier
-- line of the same file, in the stored votes, or in an earlier file of the batch. Reason is NULL
-- for an exact duplicate, the conflict otherwise. Every other line of typed_lines is a new vote.
-- The verdicts are those the files would get one after another, in batch order: what an earlier
-- file of the batch brings counts as stored for the later ones.

-- Few Ids repeat, so the joins after the count work on a small table. DuckDB counts in a perfect
-- hash table (an array indexed by Id - min(Id), no hashing: twice as fast at 2M rows) when the
-- Ids' range fits under its threshold, which the caller sets from the batch's row count so that
-- the array stays about the size of the data. (The setting is the database's: it is reset right
-- after, and again in 4_drop_staging.sql.)
SET perfect_ht_threshold = $perfect_hash_bits;

CREATE OR REPLACE TEMP TABLE matched_lines AS
WITH involved AS MATERIALIZED (
    -- every line of an Id that appears more than once in the batch
    SELECT *
    FROM typed_lines
    SEMI JOIN (SELECT Id FROM typed_lines GROUP BY Id HAVING count(*) > 1) USING (Id)
),
first_lines AS MATERIALIZED (
    -- the first line of each such Id in each file
    SELECT FileSlot, Id, min(LineNumber) AS FirstLine FROM involved GROUP BY FileSlot, Id
),
repeated_lines AS MATERIALIZED (
    -- the later lines of such an Id in a file, matched against its first line there
    SELECT later.FileSlot, later.LineNumber,
           CASE WHEN same_vote(later, first)
                THEN NULL
                ELSE 'Id ' || later.Id || ' appears on line ' || first.LineNumber || ' of this file with different content; the first line is kept'
           END AS Reason
    FROM involved AS later
    JOIN first_lines AS f ON f.FileSlot = later.FileSlot AND f.Id = later.Id AND later.LineNumber <> f.FirstLine
    JOIN involved AS first ON first.FileSlot = f.FileSlot AND first.LineNumber = f.FirstLine
),
stored_matches AS MATERIALIZED (
    -- the first line of each Id in each file, when the Id is already stored: the stored vote is
    -- kept, the first version wins whatever the file order. Every stored vote counts, even one
    -- whose file has no ledger row (which only a crash can leave; see WarehouseRecovery).
    SELECT c.FileSlot, c.LineNumber,
           CASE WHEN same_vote(c, v)
                THEN NULL
                ELSE 'Id ' || c.Id || ' is already stored with different content (from file '
                     || coalesce(f.FileName, 'with FileId ' || v.FileId) || '); the stored vote is kept'
           END AS Reason
    FROM (FROM typed_lines ANTI JOIN repeated_lines USING (FileSlot, LineNumber)) AS c
    JOIN blog_analysis.votes AS v ON v.Id = c.Id
    LEFT JOIN blog_analysis.ingested_files AS f ON f.FileId = v.FileId
),
batch_matches AS (
    -- the first line of each Id in each file, when the Id is not stored but an earlier file of the
    -- batch brings it: that file's first line of it is the version stored, as if it had been
    -- ingested before
    SELECT later.FileSlot, later.LineNumber,
           CASE WHEN same_vote(later, first)
                THEN NULL
                ELSE 'Id ' || later.Id || ' is already stored with different content (from file '
                     || b.FileName || '); the stored vote is kept'
           END AS Reason
    FROM (SELECT *, min(FileSlot) OVER (PARTITION BY Id) AS FirstSlot
          FROM first_lines AS f
          WHERE NOT EXISTS (FROM stored_matches AS s WHERE s.FileSlot = f.FileSlot AND s.LineNumber = f.FirstLine)) AS f
    JOIN involved AS later ON later.FileSlot = f.FileSlot AND later.LineNumber = f.FirstLine
    JOIN first_lines AS earliest ON earliest.FileSlot = f.FirstSlot AND earliest.Id = f.Id
    JOIN involved AS first ON first.FileSlot = earliest.FileSlot AND first.LineNumber = earliest.FirstLine
    JOIN batch_files AS b ON b.FileSlot = f.FirstSlot
    WHERE f.FileSlot > f.FirstSlot
)
SELECT FileSlot, LineNumber, Reason FROM repeated_lines
UNION ALL
SELECT FileSlot, LineNumber, Reason FROM stored_matches
UNION ALL
SELECT FileSlot, LineNumber, Reason FROM batch_matches;

RESET perfect_ht_threshold;
