using Azure.Storage.Blobs;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using VoteFunctions.Core;
using VoteFunctions.Core.Queries;
using VoteFunctions.Core.Storage;

namespace VoteFunctions;

/// <summary>
/// Every few minutes, ingests the blobs the ledger does not have. The polling blob trigger is best
/// effort: a blob whose upload spans one of its container listings can go unseen (a few of 200
/// blobs uploaded at once, on Azurite), and such a blob should not wait for the night. Listing the
/// container and the ledger is cheap; nothing else runs when nothing is missing. Each run logs one
/// summary line, as NightlyRefresh does, so that the log shows it ran and what it found, and is
/// recorded in the warehouse, for GET /api/status.
/// </summary>
public sealed class CatchUpMissedBlobs(Warehouse warehouse, ILogger<CatchUpMissedBlobs> logger)
{
    [Function(nameof(CatchUpMissedBlobs))]
    public async Task Run(
        [TimerTrigger("%CatchUpSchedule%")] TimerInfo timer,
        [BlobInput("%VotesContainer%", Connection = "VotesStorage")] BlobContainerClient container,
        CancellationToken cancellationToken)
    {
        var startedAt = DateTime.UtcNow;
        var catchUp = await new VoteContainer(container).IngestMissingAsync(warehouse, cancellationToken);
        await warehouse.RecordMaintenanceRunAsync(MaintenanceRun.OfCatchUp(startedAt, catchUp), cancellationToken);
        IngestLog.CaughtUp(logger, catchUp);
        logger.LogInformation("Catch-up: " + IngestLog.CatchUpCounts, IngestLog.CountsOf(catchUp));
    }
}
