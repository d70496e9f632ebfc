-- Everything below runs in one transaction (see Warehouse.Load): all or nothing per file.

-- The votes this file adds: one candidate per Id, less those already stored.
INSERT INTO blog_analysis.votes (Id, PostId, VoteTypeId, CreationDate, UserId, BountyAmount, FileId)
SELECT Id, PostId, VoteTypeId, CreationDate, UserId, BountyAmount, $file_id
FROM candidate_votes
ANTI JOIN stored_matches USING (LineNumber);

-- The weekly aggregate moves with the votes, in the same transaction. The new rows are the
-- last ones appended, so the FileId filter skips the rest of the table by its zone maps.
-- Counting per day first leaves the week arithmetic to a few thousand days, not every vote.
INSERT INTO blog_analysis.weekly_vote_counts AS w (Year, WeekNumber, VoteCount)
SELECT year(Day), blog_analysis.week_number(Day), sum(Votes)
FROM (SELECT CreationDate::DATE AS Day, count(*) AS Votes
      FROM blog_analysis.votes
      WHERE FileId = $file_id
      GROUP BY Day)
GROUP BY ALL
ON CONFLICT (Year, WeekNumber) DO UPDATE SET VoteCount = w.VoteCount + excluded.VoteCount;

INSERT INTO blog_analysis.ingested_files
    (FileId, FileName, SizeBytes, Sha256, Xxh128, IngestedAt, LinesRead, Inserted, Duplicates, Rejected)
SELECT $file_id, $file_name, $size_bytes, $sha256, $xxh128, $ingested_at, $lines_read,
       (SELECT count(*) FROM blog_analysis.votes WHERE FileId = $file_id),
       (SELECT count(*) FROM repeated_lines WHERE Reason IS NULL)
         + (SELECT count(*) FROM stored_matches WHERE Reason IS NULL),
       (SELECT count(*) FROM scanner_rejections) + (SELECT count(*) FROM sql_rejections);

-- Raw text of the lines rejected in SQL is filled in by the caller (4_fill_raw_text.sql).
INSERT INTO blog_analysis.rejected_lines (FileId, LineNumber, RawText, Reason)
SELECT $file_id, LineNumber, RawText, Reason FROM scanner_rejections
UNION ALL
SELECT $file_id, LineNumber, NULL, Reason FROM sql_rejections;
