-- Weeks whose vote count is more than 20% away from the mean weekly count.
-- The mean is over the weeks that have at least one vote (weeks absent from
-- weekly_vote_counts are not zeros). The ratio is computed in DOUBLE, never integer division.
CREATE OR REPLACE VIEW blog_analysis.outlier_weeks AS
WITH mean_week AS (
    SELECT avg(VoteCount::DOUBLE) AS MeanVoteCount
    FROM blog_analysis.weekly_vote_counts
)
SELECT w.Year       AS "Year",
       w.WeekNumber AS "WeekNumber",
       w.VoteCount  AS "VoteCount"
FROM blog_analysis.weekly_vote_counts AS w, mean_week AS m
WHERE abs(1 - w.VoteCount::DOUBLE / m.MeanVoteCount) > 0.2
ORDER BY w.Year, w.WeekNumber;
