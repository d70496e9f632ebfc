-- Recomputes the weekly aggregate from the votes table: the nightly safety net that
-- makes weekly_vote_counts exact even if it were ever edited by hand.
DELETE FROM blog_analysis.weekly_vote_counts;

INSERT INTO blog_analysis.weekly_vote_counts (Year, WeekNumber, VoteCount)
SELECT year(CreationDate)                   AS Year,
       blog_analysis.week_number(CreationDate) AS WeekNumber,
       count(*)                             AS VoteCount
FROM blog_analysis.votes
GROUP BY ALL;
