-- The outlier rule, defined once: every week that has votes, with the figures the rule uses,
-- then the outlier weeks as the rows of that view the rule marks.
-- The mean is over the weeks that have at least one vote (weeks absent from
-- weekly_vote_counts are not zeros). The ratio is computed in DOUBLE, never integer division.
CREATE OR REPLACE VIEW blog_analysis.weekly_deviation AS
WITH mean_week AS (
    SELECT avg(VoteCount::DOUBLE) AS MeanVotes
    FROM blog_analysis.weekly_vote_counts
),
deviations AS (
    SELECT w.Year, w.WeekNumber, w.VoteCount, m.MeanVotes,
           abs(1 - w.VoteCount::DOUBLE / m.MeanVotes) AS Deviation
    FROM blog_analysis.weekly_vote_counts AS w, mean_week AS m
)
SELECT Year             AS "Year",
       WeekNumber       AS "WeekNumber",
       VoteCount        AS "VoteCount",
       MeanVotes        AS "MeanVotes",
       Deviation        AS "Deviation",
       Deviation > 0.2  AS "IsOutlier"
FROM deviations
ORDER BY Year, WeekNumber;

-- Weeks whose vote count is more than 20% away from the mean weekly count: the contract
-- (Year, WeekNumber, VoteCount; only outliers; by Year then WeekNumber) that readers depend on.
CREATE OR REPLACE VIEW blog_analysis.outlier_weeks AS
SELECT "Year", "WeekNumber", "VoteCount"
FROM blog_analysis.weekly_deviation
WHERE "IsOutlier"
ORDER BY "Year", "WeekNumber";
