using VoteFunctions.Core.Ingest;

namespace VoteFunctions;

internal static class IngestLog
{
    public static string Describe(IngestResult result) => result.AlreadyIngestedAs is { } earlier
        ? $"already ingested as {earlier.FileName} at {earlier.IngestedAt:u}; nothing changed"
        : $"{result.LinesRead} lines read, {result.Inserted} inserted, {result.Duplicates} duplicate, {result.Rejected} rejected in {result.Elapsed.TotalSeconds:N1} s";
}
