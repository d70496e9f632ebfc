namespace VoteFunctions.Core.Queries;

/// <summary>
/// One week with votes, as in the view blog_analysis.weekly_deviation: its count, the mean over all
/// weeks with votes, |1 - VoteCount / MeanVotes|, and whether that is above 0.2.
/// </summary>
public sealed record WeekDeviation(int Year, int WeekNumber, long VoteCount, double MeanVotes, double Deviation, bool IsOutlier);
