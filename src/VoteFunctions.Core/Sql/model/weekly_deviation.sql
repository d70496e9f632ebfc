-- The outlier rule, defined once: every week that has votes, with the figures the rule uses and
-- whether it is an outlier; outlier_weeks is the rows it marks.
-- The mean is over the weeks that have at least one vote (weeks absent from
-- weekly_vote_counts are not zeros). "More than 20% away from the mean", |1 - x / mean| > 0.2 with
-- mean = total / weeks, is decided exactly, in integers: 5 * |x * weeks - total| > total. In
-- doubles, 22 votes against a mean of 55/3 (exactly 1.2 times it) came out 0.20000000000000018
-- and an outlier. MeanVotes and Deviation are for people to read, rounded once each.
CREATE OR REPLACE VIEW blog_analysis.weekly_deviation AS
WITH totals AS (
    SELECT sum(VoteCount)::HUGEINT AS Votes, count(*) AS Weeks
    FROM blog_analysis.weekly_vote_counts
)
SELECT w.Year                                                     AS "Year",
       w.WeekNumber                                               AS "WeekNumber",
       w.VoteCount                                                AS "VoteCount",
       t.Votes::DOUBLE / t.Weeks                                  AS "MeanVotes",
       abs(w.VoteCount * t.Weeks - t.Votes)::DOUBLE / t.Votes     AS "Deviation",
       5 * abs(w.VoteCount * t.Weeks - t.Votes) > t.Votes         AS "IsOutlier"
FROM blog_analysis.weekly_vote_counts AS w, totals AS t
ORDER BY w.Year, w.WeekNumber;
