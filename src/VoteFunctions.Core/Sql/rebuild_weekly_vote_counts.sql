-- Recomputes the weekly aggregate from the votes table: the nightly safety net that
-- makes weekly_vote_counts exact even if it were ever edited by hand.
DELETE FROM blog_analysis.weekly_vote_counts;

-- Counting per day first leaves the week arithmetic to a few thousand days, not every vote.
INSERT INTO blog_analysis.weekly_vote_counts (Year, WeekNumber, VoteCount)
SELECT year(Day) AS Year, blog_analysis.week_number(Day) AS WeekNumber, sum(Votes) AS VoteCount
FROM (SELECT CreationDate::DATE AS Day, count(*) AS Votes FROM blog_analysis.votes GROUP BY Day)
GROUP BY ALL;
