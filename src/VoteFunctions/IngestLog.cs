using Microsoft.Extensions.Logging;
using VoteFunctions.Core.Ingest;
using VoteFunctions.Core.Output;
using VoteFunctions.Core.Storage;

namespace VoteFunctions;

/// <summary>
/// What the functions log about ingests. Blob names come from whoever uploads: their control
/// characters are escaped (<see cref="DisplayText"/>), so that a name cannot split a log line or
/// rewrite a terminal that shows the log.
/// </summary>
internal static class IngestLog
{
    public static string Describe(IngestResult result) => result.AlreadyIngestedAs is { } earlier
        ? $"already ingested as {DisplayText.Escape(earlier.FileName)} at {earlier.IngestedAt:u}; nothing changed"
        : $"{result.LinesRead} {Plural.Lines(result.LinesRead)} read, {result.Inserted} inserted, {result.Duplicates} duplicate, {result.Rejected} rejected in {result.Elapsed.TotalSeconds:N1} s";

    /// <summary>What a catch-up did, for a log template; <see cref="CountsOf"/> gives its values, in order.</summary>
    public const string CatchUpCounts = "{Listed} blobs listed, {Known} already ingested, {KnownUnderAnotherName} already ingested under another name, {Ingested} ingested, {Failed} failed";

    public static object[] CountsOf(CatchUpResult catchUp) =>
        [catchUp.BlobsListed, catchUp.AlreadyIngested, catchUp.KnownUnderAnotherName, catchUp.NewlyIngested, catchUp.Failed.Count];

    /// <summary>One line per blob a catch-up ingested or could not.</summary>
    public static void CaughtUp(ILogger logger, CatchUpResult catchUp)
    {
        foreach (var result in catchUp.Ingested)
            logger.LogInformation("Caught up blob {Name}: {Summary}", DisplayText.Escape(result.FileName), Describe(result));
        foreach (var failure in catchUp.Failed)
            logger.LogError("Could not ingest blob {Failure}; the next run tries again", DisplayText.Escape(failure));
    }
}
