using VoteFunctions.Core.Ingest;

namespace VoteFunctions.Core.Storage;

/// <summary>What the catch-up over a container found and did.</summary>
/// <param name="AlreadyInLedger">Blobs whose name and size the warehouse had seen: not downloaded.</param>
/// <param name="Ingested">The ingest of each blob downloaded: a no-op when its content was already ingested.</param>
public sealed record CatchUpResult(int BlobsListed, int AlreadyInLedger, IReadOnlyList<IngestResult> Ingested, IReadOnlyList<string> Failed)
{
    /// <summary>Known to the ledger, or found ingested meanwhile: nothing to do for these.</summary>
    public int AlreadyIngested => AlreadyInLedger + IngestedMeanwhile;

    /// <summary>Downloaded, then found ingested under its own name: the blob trigger got there meanwhile.</summary>
    public int IngestedMeanwhile => Ingested.Count(result => result.AlreadyIngestedAs?.FileName == result.FileName);

    /// <summary>Downloaded, then found to be a content ingested under another name (remembered: not downloaded again).</summary>
    public int KnownUnderAnotherName => Ingested.Count(result => result.AlreadyIngested) - IngestedMeanwhile;

    /// <summary>Blobs whose votes this catch-up stored.</summary>
    public int NewlyIngested => Ingested.Count(result => !result.AlreadyIngested);
}
