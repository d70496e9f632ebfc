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

/// <summary>
/// One page of the kept rejected lines, in file then line order; <paramref name="Next"/> is where
/// the next page starts after, or null when this page ends the listing.
/// </summary>
public sealed record RejectedLinePage(IReadOnlyList<RejectedLine> Lines, RejectedLinePosition? Next);

/// <summary>
/// What the warehouse holds and what was last done to it: the counts, the ledger's totals (every
/// line read is inserted, a duplicate or rejected), the last file ingested, the last runs of the
/// catch-up and of the nightly refresh, and the file itself.
/// </summary>
/// <param name="RejectedLinesKept">Rejected lines kept with their raw text (the first 10,000 of each file); <paramref name="Rejected"/> counts them all.</param>
/// <param name="WriteAheadLogBytes">DuckDB's write-ahead log beside the file (folded into it by a checkpoint, as the nightly refresh does).</param>
/// <param name="SchemaVersion">The model's version recorded in the warehouse, or null when it records none.</param>
public sealed record WarehouseStatus(
    long Votes,
    int Weeks,
    long Files,
    long LinesRead,
    long Inserted,
    long Duplicates,
    long Rejected,
    long RejectedLinesKept,
    IngestedFile? LastIngest,
    MaintenanceRun? LastCatchUp,
    MaintenanceRun? LastNightlyRefresh,
    string DatabasePath,
    long DatabaseBytes,
    long WriteAheadLogBytes,
    int? SchemaVersion);

/// <summary>
/// A run of the catch-up of missed blobs, or of the nightly refresh (the same catch-up, then the
/// rebuild, whose figures are null for a catch-up): when, and what it found and did.
/// </summary>
public sealed record MaintenanceRun(
    string Kind,
    DateTime StartedAt,
    DateTime FinishedAt,
    int BlobsListed,
    int AlreadyIngested,
    int KnownUnderAnotherName,
    int Ingested,
    int Failed,
    long? Votes = null,
    int? Weeks = null,
    int? OutlierWeeks = null)
{
    public const string CatchUp = "catch-up";
    public const string NightlyRefresh = "nightly-refresh";

    /// <summary>A catch-up that started at <paramref name="startedAt"/> and ends now.</summary>
    public static MaintenanceRun OfCatchUp(DateTime startedAt, Storage.CatchUpResult catchUp) =>
        new(CatchUp, startedAt, DateTime.UtcNow, catchUp.BlobsListed, catchUp.AlreadyIngested, catchUp.KnownUnderAnotherName, catchUp.NewlyIngested, catchUp.Failed.Count);

    /// <summary>A nightly refresh that started at <paramref name="startedAt"/> and ends now.</summary>
    public static MaintenanceRun OfNightlyRefresh(DateTime startedAt, Storage.CatchUpResult catchUp, RebuildResult rebuild) =>
        OfCatchUp(startedAt, catchUp) with { Kind = NightlyRefresh, Votes = rebuild.Votes, Weeks = rebuild.Weeks, OutlierWeeks = rebuild.OutlierWeeks };
}
