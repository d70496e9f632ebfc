-- The batch into the warehouse, in one transaction (see IngestPipeline): the batch is stored whole
-- or not at all, so each of its files is too.

-- The votes the files add: the lines whose Id was not seen before.
INSERT INTO blog_analysis.votes (Id, PostId, VoteTypeId, CreationDate, UserId, BountyAmount, FileId)
SELECT t.Id, t.PostId, t.VoteTypeId, t.CreationDate, t.UserId, t.BountyAmount, b.FileId
FROM typed_lines AS t
JOIN batch_files AS b USING (FileSlot)
ANTI JOIN matched_lines AS m USING (FileSlot, LineNumber);

-- The weekly aggregate moves with the votes. The new rows are the last ones appended, so the
-- FileId filter skips the rest of the table.
INSERT INTO blog_analysis.weekly_vote_counts AS w (Year, WeekNumber, VoteCount)
SELECT * FROM blog_analysis.votes_per_week($first_file_id)
ON CONFLICT (Year, WeekNumber) DO UPDATE SET VoteCount = w.VoteCount + excluded.VoteCount;

-- The rejected lines kept: the first $max_kept of each file, whoever rejected them. The line check
-- staged its own with their raw text (line_rejections: blank, not UTF-8, not one JSON object, a
-- field given twice, missing or not of its type, ...); the raw text of the first conflicts was
-- read back from the files (raw_lines).
INSERT INTO blog_analysis.rejected_lines (FileId, LineNumber, RawText, Reason)
SELECT b.FileId, r.LineNumber, r.RawText, r.Reason
FROM (
    SELECT FileSlot, LineNumber, RawText, Reason FROM line_rejections
    UNION ALL
    SELECT m.FileSlot, m.LineNumber, raw.RawText, m.Reason
    FROM matched_lines AS m
    LEFT JOIN raw_lines AS raw USING (FileSlot, LineNumber)
    WHERE m.Reason IS NOT NULL
) AS r
JOIN batch_files AS b USING (FileSlot)
QUALIFY row_number() OVER (PARTITION BY b.FileId ORDER BY r.LineNumber) <= $max_kept
ORDER BY b.FileId, r.LineNumber;

-- Last, as they count what was stored; their rows are the ingest's result. Every line is a vote
-- stored, a duplicate (in the file or of a stored vote), or rejected (by the line check, or as a
-- conflict).
INSERT INTO blog_analysis.ingested_files
    (FileId, FileName, SizeBytes, Sha256, IngestedAt, LinesRead, Inserted, Duplicates, Rejected)
SELECT b.FileId, b.FileName, b.SizeBytes, b.Sha256, $ingested_at, b.LinesRead,
       coalesce(stored.Votes, 0),
       coalesce(matched.Duplicates, 0),
       b.RejectedByLineCheck + coalesce(matched.Conflicts, 0)
FROM batch_files AS b
LEFT JOIN (SELECT FileId, count(*) AS Votes
           FROM blog_analysis.votes
           WHERE FileId >= $first_file_id  -- the batch's, the last appended: zone maps skip the rest
           GROUP BY FileId) AS stored USING (FileId)
LEFT JOIN (SELECT FileSlot,
                  count(*) FILTER (WHERE Reason IS NULL)     AS Duplicates,
                  count(*) FILTER (WHERE Reason IS NOT NULL) AS Conflicts
           FROM matched_lines
           GROUP BY FileSlot) AS matched USING (FileSlot)
ORDER BY b.FileId  -- in the log in FileId order: a torn commit can lose only the last ones (WarehouseRecovery)
RETURNING FileId, FileName, SizeBytes, Sha256, IngestedAt, LinesRead, Inserted, Duplicates, Rejected;
