-- Weeks whose vote count is more than 20% away from the mean weekly count (the rule is in
-- weekly_deviation): the contract (Year, WeekNumber, VoteCount; only outliers; by Year then
-- WeekNumber) that readers depend on. Created with the model, and recreated by every outliers
-- request, as the contract asks.
CREATE OR REPLACE VIEW blog_analysis.outlier_weeks AS
SELECT "Year", "WeekNumber", "VoteCount"
FROM blog_analysis.weekly_deviation
WHERE "IsOutlier"
ORDER BY "Year", "WeekNumber";
