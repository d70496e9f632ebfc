-- What is stored for the last file of the ledger and after it. Votes are appended in FileId
-- order, so these filters skip every row group of earlier files (zone maps): cheap at any size.
SELECT (SELECT count(*) FROM blog_analysis.votes WHERE FileId > $last_file_id)          AS VotesAfterLast,
       (SELECT count(*) FROM blog_analysis.rejected_lines WHERE FileId > $last_file_id) AS RejectedAfterLast,
       (SELECT count(*) FROM blog_analysis.votes WHERE FileId = $last_file_id)          AS VotesOfLast,
       (SELECT count(*) FROM blog_analysis.rejected_lines WHERE FileId = $last_file_id) AS RejectedOfLast;
