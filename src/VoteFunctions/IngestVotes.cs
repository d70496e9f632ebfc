using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using VoteFunctions.Core;
using VoteFunctions.Core.Output;

namespace VoteFunctions;

/// <summary>
/// Ingests each blob uploaded to the votes container. Bad lines, even a whole file that is not
/// JSON Lines, are recorded as rejected lines and the invocation succeeds: retrying cannot fix
/// them. A fault that a retry can fix (warehouse busy or unreachable, storage error) throws, so
/// the host retries; after host.json's poisonBlobThreshold the blob goes to the poison queue
/// and CatchUpMissedBlobs picks it up. The ledger makes every retry safe.
/// </summary>
public sealed class IngestVotes(Warehouse warehouse, ILogger<IngestVotes> logger)
{
    [Function(nameof(IngestVotes))]
    public async Task Run(
        [BlobTrigger("%VotesContainer%/{name}", Connection = "VotesStorage")] Stream blob,
        string name,
        CancellationToken cancellationToken)
    {
        var result = await warehouse.IngestStreamAsync(blob, name, cancellationToken: cancellationToken);
        logger.LogInformation("Ingested blob {Name}: {Summary}", DisplayText.Escape(name), IngestLog.Describe(result));
    }
}
