-- The lines that do not bring a new vote because their Id came before. Reason is NULL for an
-- exact duplicate, the conflict otherwise. Every other line of typed_lines is a new vote.
-- The rule (docs/spec.md): a line whose Id is stored, or came in an earlier file of the batch, is
-- judged against that vote; only among the lines of an Id that is not stored does the first valid
-- line win. The verdicts are those the files would get one after another, in batch order.

-- Few Ids repeat, so the joins after the count work on a small table. DuckDB counts in a perfect
-- hash table (an array indexed by Id - min(Id), no hashing: twice as fast at 2M rows) when the
-- Ids' range fits under its threshold, which the caller sets from the batch's row count so that
-- the array stays about the size of the data. (The setting is the database's: it is reset right
-- after, and again in 5_drop_staging.sql.)
SET perfect_ht_threshold = $perfect_hash_bits;

CREATE OR REPLACE TEMP TABLE matched_lines AS
WITH stored_lines AS MATERIALIZED (
    -- every line of an Id already stored, against the stored vote. Every stored vote counts, even
    -- one whose file has no ledger row (which only a crash can leave; see WarehouseRecovery).
    SELECT t.FileSlot, t.LineNumber,
           CASE WHEN same_vote(t, v)
                THEN NULL
                ELSE 'Id ' || t.Id || ' is already stored with different content (from file '
                     || coalesce(f.FileName, 'with FileId ' || v.FileId) || '); the stored vote is kept'
           END AS Reason
    FROM typed_lines AS t
    JOIN blog_analysis.votes AS v ON v.Id = t.Id
    LEFT JOIN blog_analysis.ingested_files AS f ON f.FileId = v.FileId
),
repeated_lines AS MATERIALIZED (
    -- every line of an Id that is not stored and appears more than once in the batch
    SELECT *
    FROM typed_lines
    SEMI JOIN (SELECT Id FROM typed_lines GROUP BY Id HAVING count(*) > 1) USING (Id)
    ANTI JOIN stored_lines USING (FileSlot, LineNumber)
),
first_lines AS MATERIALIZED (
    -- the version that wins: the Id's first line in the earliest file of the batch that has it
    SELECT DISTINCT ON (Id) * FROM repeated_lines ORDER BY Id, FileSlot, LineNumber
)
SELECT later.FileSlot, later.LineNumber,
       CASE WHEN same_vote(later, first)
            THEN NULL
            WHEN later.FileSlot = first.FileSlot
            THEN 'Id ' || later.Id || ' appears on line ' || first.LineNumber || ' of this file with different content; the first line is kept'
            -- as if the earlier file had been ingested before
            ELSE 'Id ' || later.Id || ' is already stored with different content (from file '
                 || b.FileName || '); the stored vote is kept'
       END AS Reason
FROM repeated_lines AS later
JOIN first_lines AS first USING (Id)
JOIN batch_files AS b ON b.FileSlot = first.FileSlot
WHERE (later.FileSlot, later.LineNumber) <> (first.FileSlot, first.LineNumber)
UNION ALL
SELECT FileSlot, LineNumber, Reason FROM stored_lines;

RESET perfect_ht_threshold;
