namespace VoteFunctions.Core.Ingest;

/// <summary>What a batch did with one of its files: stored it (or found it stored already), or failed on it alone.</summary>
internal sealed record FileOutcome(IngestResult? Result, Exception? Error)
{
    public static FileOutcome Done(IngestResult result) => new(result, null);

    public static FileOutcome Failed(Exception error) => new(null, error);
}
