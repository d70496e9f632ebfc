namespace VoteFunctions.Core.Queries;

/// <summary>One outlier week, as in the view blog_analysis.outlier_weeks.</summary>
public sealed record OutlierWeek(int Year, int WeekNumber, long VoteCount);

/// <summary>
/// One week with votes, as in the view blog_analysis.weekly_deviation: its count, the mean over all
/// weeks with votes, |1 - VoteCount / MeanVotes|, and whether that is above 0.2.
/// </summary>
public sealed record WeekDeviation(int Year, int WeekNumber, long VoteCount, double MeanVotes, double Deviation, bool IsOutlier);

/// <summary>A row of the ledger blog_analysis.ingested_files.</summary>
public sealed record IngestedFile(
    long FileId,
    string FileName,
    long SizeBytes,
    string Sha256,
    DateTime IngestedAt,
    long LinesRead,
    long Inserted,
    long Duplicates,
    long Rejected);

/// <summary>A row of blog_analysis.rejected_lines.</summary>
public sealed record RejectedLine(string FileName, long LineNumber, string? RawText, string Reason);

/// <summary>What the nightly rebuild found and did.</summary>
public sealed record RebuildResult(long Votes, int Weeks, int OutlierWeeks, TimeSpan Elapsed);
