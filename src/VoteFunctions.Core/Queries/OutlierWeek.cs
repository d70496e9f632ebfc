namespace VoteFunctions.Core.Queries;

/// <summary>One outlier week, as in the view blog_analysis.outlier_weeks.</summary>
public sealed record OutlierWeek(int Year, int WeekNumber, long VoteCount);
