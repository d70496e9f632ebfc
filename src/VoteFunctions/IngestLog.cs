using Microsoft.Extensions.Logging;
using VoteFunctions.Core.Ingest;
using VoteFunctions.Core.Storage;

namespace VoteFunctions;

internal static class IngestLog
{
    public static string Describe(IngestResult result) => result.AlreadyIngestedAs is { } earlier
        ? $"already ingested as {earlier.FileName} at {earlier.IngestedAt:u}; nothing changed"
        : $"{result.LinesRead} lines read, {result.Inserted} inserted, {result.Duplicates} duplicate, {result.Rejected} rejected in {result.Elapsed.TotalSeconds:N1} s";

    /// <summary>
    /// What a catch-up did, for a log template: the counts of <see cref="CatchUpCounts"/>, in order.
    /// A blob whose content the ledger knows under another name is downloaded (once: the warehouse
    /// then remembers its name) and found to change nothing: it is not counted as ingested.
    /// </summary>
    public const string CatchUpCounts = "{Listed} blobs listed, {Known} already ingested, {KnownUnderAnotherName} already ingested under another name, {Ingested} ingested, {Failed} failed";

    public static object[] CountsOf(CatchUpResult catchUp)
    {
        // A blob the blob trigger ingested while the catch-up was downloading it is known too.
        var knownUnderItsName = catchUp.Ingested.Count(result => result.AlreadyIngestedAs?.FileName == result.FileName);
        var knownUnderAnotherName = catchUp.Ingested.Count(result => result.AlreadyIngested) - knownUnderItsName;
        return [catchUp.BlobsListed, catchUp.AlreadyInLedger + knownUnderItsName, knownUnderAnotherName,
                catchUp.Ingested.Count - knownUnderItsName - knownUnderAnotherName, catchUp.Failed.Count];
    }

    /// <summary>One line per blob a catch-up ingested or could not.</summary>
    public static void CaughtUp(ILogger logger, CatchUpResult catchUp)
    {
        foreach (var result in catchUp.Ingested)
            logger.LogInformation("Caught up blob {Name}: {Summary}", result.FileName, Describe(result));
        foreach (var failure in catchUp.Failed)
            logger.LogError("Could not ingest blob {Failure}; the next run tries again", failure);
    }
}
