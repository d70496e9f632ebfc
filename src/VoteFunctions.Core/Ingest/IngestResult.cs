using VoteFunctions.Core.Queries;

namespace VoteFunctions.Core.Ingest;

/// <summary>
/// What one ingest did. LinesRead = Inserted + Duplicates + Rejected, unless the content was
/// already ingested, in which case nothing changed and the counts are those of the first ingest.
/// Elapsed is the time of the batch the file was ingested in, from its start until the file was
/// committed or found to be ingested already.
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

    /// <summary>The rejected lines of a file kept with their raw text and reason; the rest are counted, not kept.</summary>
    public const int MaxKeptRejections = Files.LineCheck.MaxKeptRejections;

    public long RejectedNotKept => Math.Max(0, Rejected - MaxKeptRejections);

    internal static IngestResult Unchanged(string fileName, long size, IngestedFile earlier, TimeSpan elapsed) =>
        new(fileName, earlier.Sha256, size, earlier.LinesRead, 0, 0, 0, earlier, elapsed);

    internal static IngestResult Ingested(IngestedFile ledgerRow, TimeSpan elapsed) =>
        new(ledgerRow.FileName, ledgerRow.Sha256, ledgerRow.SizeBytes, ledgerRow.LinesRead, ledgerRow.Inserted,
            ledgerRow.Duplicates, ledgerRow.Rejected, null, elapsed);
}
