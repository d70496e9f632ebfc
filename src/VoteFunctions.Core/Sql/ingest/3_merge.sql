-- Step 3, in one transaction with the ledger row (see IngestPipeline): all or nothing per file.

-- The votes this file adds: the lines whose Id was not seen before.
INSERT INTO blog_analysis.votes (Id, PostId, VoteTypeId, CreationDate, UserId, BountyAmount, FileId)
SELECT Id, PostId, VoteTypeId, CreationDate, UserId, BountyAmount, $file_id
FROM typed_lines
ANTI JOIN matched_lines USING (LineNumber);

-- The weekly aggregate moves with the votes. The new rows are the last ones appended, so the
-- FileId filter skips the rest of the table.
INSERT INTO blog_analysis.weekly_vote_counts AS w (Year, WeekNumber, VoteCount)
SELECT * FROM blog_analysis.votes_per_week($file_id)
ON CONFLICT (Year, WeekNumber) DO UPDATE SET VoteCount = w.VoteCount + excluded.VoteCount;

-- The rejected lines kept: the first $max_kept of the file, whoever rejected them. The line check
-- wrote its own with their raw text ($line_rejections: blank, not UTF-8, not one JSON object, a
-- field given twice, missing or not of its type, ...); the raw text of the first conflicts was
-- read back from the file into $raw_lines.
INSERT INTO blog_analysis.rejected_lines (FileId, LineNumber, RawText, Reason)
SELECT $file_id, LineNumber, RawText, Reason
FROM (
    SELECT LineNumber, RawText, Reason
    FROM read_json($line_rejections, format = 'newline_delimited',
                   columns = {LineNumber: 'BIGINT', RawText: 'VARCHAR', Reason: 'VARCHAR'})
    UNION ALL
    SELECT m.LineNumber, raw.RawText, m.Reason
    FROM matched_lines AS m
    LEFT JOIN read_json($raw_lines, format = 'newline_delimited',
                        columns = {LineNumber: 'BIGINT', RawText: 'VARCHAR'}) AS raw USING (LineNumber)
    WHERE m.Reason IS NOT NULL
)
ORDER BY LineNumber
LIMIT $max_kept;

-- Last, as it counts what was stored; its row is the ingest's result. Every line is a vote
-- stored, a duplicate (in the file or of a stored vote), or rejected (by the line check, or as a
-- conflict).
INSERT INTO blog_analysis.ingested_files
    (FileId, FileName, SizeBytes, Sha256, IngestedAt, LinesRead, Inserted, Duplicates, Rejected)
SELECT $file_id, $file_name, $size_bytes, $sha256, $ingested_at, $lines_read,
       (SELECT count(*) FROM blog_analysis.votes WHERE FileId = $file_id),
       (SELECT count(*) FROM matched_lines WHERE Reason IS NULL),
       $rejected_by_line_check + (SELECT count(*) FROM matched_lines WHERE Reason IS NOT NULL)
RETURNING FileId, FileName, SizeBytes, Sha256, IngestedAt, LinesRead, Inserted, Duplicates, Rejected;
