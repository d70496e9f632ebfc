namespace VoteFunctions.Core;

/// <summary>One outlier week, as in the view blog_analysis.outlier_weeks.</summary>
public sealed record OutlierWeek(int Year, int WeekNumber, long VoteCount);

/// <summary>
/// What one ingest did. LinesRead = Inserted + Duplicates + Rejected, unless the content was
/// already ingested, in which case nothing changed and the counts are those of the first ingest.
/// </summary>
public sealed record IngestResult(
    string FileName,
    string Sha256,
    long SizeBytes,
    long LinesRead,
    long Inserted,
    long Duplicates,
    long Rejected,
    IngestedFile? AlreadyIngestedAs,
    TimeSpan Elapsed)
{
    public bool AlreadyIngested => AlreadyIngestedAs is not null;
}

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
public sealed record RebuildResult(long Votes, int Weeks, int OutlierWeeks, bool Checkpointed, TimeSpan Elapsed);

/// <summary>Where an ingest is, for progress display. BytesTotal is 0 when unknown.</summary>
public sealed record IngestProgress(string FileName, string Stage, long BytesDone, long BytesTotal);

/// <summary>
/// A failure a user can act on (missing file, warehouse in use, unreadable input), with a
/// one-line message. Anything else is a bug or a transient fault and keeps its own type.
/// </summary>
public sealed class WarehouseException(string message, Exception? inner = null) : Exception(message, inner);
