-- Recomputes the weekly aggregate from the votes: the nightly safety net, and the repair after a
-- crash left it disagreeing with the votes.
DELETE FROM blog_analysis.weekly_vote_counts;
INSERT INTO blog_analysis.weekly_vote_counts SELECT * FROM blog_analysis.votes_per_week(NULL);
