using Azure.Storage.Blobs;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using VoteFunctions.Core;
using VoteFunctions.Core.Queries;
using VoteFunctions.Core.Storage;

namespace VoteFunctions;

/// <summary>
/// The nightly safety net: ingests every blob the ledger does not have (missed or poisoned
/// triggers, as <see cref="CatchUpMissedBlobs"/> does during the day), rebuilds the weekly counts
/// from the votes, recreates the view and checkpoints; the run is recorded for GET /api/status.
/// </summary>
public sealed class NightlyRefresh(Warehouse warehouse, ILogger<NightlyRefresh> logger)
{
    [Function(nameof(NightlyRefresh))]
    public async Task Run(
        [TimerTrigger("%NightlyRefreshSchedule%")] TimerInfo timer,
        [BlobInput("%VotesContainer%", Connection = "VotesStorage")] BlobContainerClient container,
        CancellationToken cancellationToken)
    {
        var startedAt = DateTime.UtcNow;
        var catchUp = await new VoteContainer(container).IngestMissingAsync(warehouse, cancellationToken);
        IngestLog.CaughtUp(logger, catchUp);

        var rebuild = await warehouse.RebuildDerivedDataAsync(cancellationToken);
        await warehouse.RecordMaintenanceRunAsync(MaintenanceRun.OfNightlyRefresh(startedAt, catchUp, rebuild), cancellationToken);
        logger.LogInformation(
            "Nightly refresh: " + IngestLog.CatchUpCounts + "; {Votes} votes in {Weeks} weeks, {Outliers} outlier weeks; rebuilt in {Seconds:N1} s",
            [.. IngestLog.CountsOf(catchUp), rebuild.Votes, rebuild.Weeks, rebuild.OutlierWeeks, rebuild.Elapsed.TotalSeconds]);
    }
}
