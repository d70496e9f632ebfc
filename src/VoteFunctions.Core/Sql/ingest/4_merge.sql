-- Step 4, in one transaction with the ledger row (see IngestPipeline): all or nothing per file.

-- The votes this file adds: one candidate per Id, less those already stored.
INSERT INTO blog_analysis.votes (Id, PostId, VoteTypeId, CreationDate, UserId, BountyAmount, FileId)
SELECT Id, PostId, VoteTypeId, CreationDate, UserId, BountyAmount, $file_id
FROM candidate_votes
ANTI JOIN stored_matches USING (LineNumber);

-- The weekly aggregate moves with the votes. The new rows are the last ones appended, so the
-- FileId filter skips the rest of the table.
INSERT INTO blog_analysis.weekly_vote_counts AS w (Year, WeekNumber, VoteCount)
SELECT * FROM blog_analysis.votes_per_week($file_id)
ON CONFLICT (Year, WeekNumber) DO UPDATE SET VoteCount = w.VoteCount + excluded.VoteCount;

-- The raw text of the lines rejected in SQL was read back from the file into $raw_lines.
INSERT INTO blog_analysis.rejected_lines (FileId, LineNumber, RawText, Reason)
SELECT $file_id, k.LineNumber, coalesce(k.RawText, raw.RawText), k.Reason
FROM kept_rejections AS k
LEFT JOIN read_json($raw_lines, format = 'newline_delimited',
                    columns = {LineNumber: 'BIGINT', RawText: 'VARCHAR'}) AS raw USING (LineNumber);

-- Last, as it counts what was stored; its row is the ingest's result.
INSERT INTO blog_analysis.ingested_files
    (FileId, FileName, SizeBytes, Sha256, IngestedAt, LinesRead, Inserted, Duplicates, Rejected)
SELECT $file_id, $file_name, $size_bytes, $sha256, $ingested_at, $lines_read,
       (SELECT count(*) FROM blog_analysis.votes WHERE FileId = $file_id),
       (SELECT count(*) FROM repeated_lines WHERE Reason IS NULL)
         + (SELECT count(*) FROM stored_matches WHERE Reason IS NULL),
       $rejected_by_line_check + (SELECT count(*) FROM sql_rejections)
RETURNING FileId, FileName, SizeBytes, Sha256, IngestedAt, LinesRead, Inserted, Duplicates, Rejected;
