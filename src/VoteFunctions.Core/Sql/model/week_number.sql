-- The week rule, in one place: weeks start on Monday, and the days of January before the first
-- Monday are week 0 (strftime's %W).
CREATE OR REPLACE MACRO blog_analysis.week_number(day) AS CAST(strftime(day, '%W') AS INTEGER);
