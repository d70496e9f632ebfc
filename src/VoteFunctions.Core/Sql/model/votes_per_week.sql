-- The weekly aggregate of the votes of the files from first_file_id on (the last ones stored), or
-- of all votes when first_file_id is NULL: used by each ingest and by the nightly rebuild.
-- Counting per day first leaves the week rule to a few thousand days rather than every vote.
CREATE OR REPLACE MACRO blog_analysis.votes_per_week(first_file_id) AS TABLE
SELECT year(Day) AS Year, blog_analysis.week_number(Day) AS WeekNumber, sum(Votes) AS VoteCount
FROM (SELECT CreationDate::DATE AS Day, count(*) AS Votes
      FROM blog_analysis.votes
      WHERE first_file_id IS NULL OR FileId >= first_file_id
      GROUP BY Day)
GROUP BY ALL;
