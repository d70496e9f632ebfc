using Azure.Storage.Blobs;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using VoteFunctions.Core;
using VoteFunctions.Core.Storage;

namespace VoteFunctions;

/// <summary>
/// The nightly safety net: ingests every blob the ledger does not have (missed or poisoned
/// triggers), rebuilds the weekly counts from the votes, recreates the view and checkpoints.
/// </summary>
public sealed class NightlyRefresh(Warehouse warehouse, ILogger<NightlyRefresh> logger)
{
    [Function(nameof(NightlyRefresh))]
    public async Task Run(
        [TimerTrigger("%NightlyRefreshSchedule%")] TimerInfo timer,
        [BlobInput("%VotesContainer%", Connection = "VotesStorage")] BlobContainerClient container,
        CancellationToken cancellationToken)
    {
        var catchUp = await new VoteContainer(container).IngestMissingAsync(warehouse, cancellationToken);
        foreach (var result in catchUp.Ingested)
            logger.LogInformation("Caught up blob {Name}: {Summary}", result.FileName, IngestLog.Describe(result));
        foreach (var failure in catchUp.Failed)
            logger.LogError("Could not ingest blob {Failure}; the next run tries again", failure);

        // A blob whose content the ledger knows under another name is downloaded every night and
        // found to change nothing: it is not counted as ingested.
        var knownUnderAnotherName = catchUp.Ingested.Count(result => result.AlreadyIngested);
        var rebuild = await warehouse.RebuildDerivedDataAsync(cancellationToken);
        logger.LogInformation(
            "Nightly refresh: {Listed} blobs listed, {Known} already ingested, {KnownUnderAnotherName} already ingested under another name, {Ingested} ingested, {Failed} failed; {Votes} votes in {Weeks} weeks, {Outliers} outlier weeks; rebuilt in {Seconds:N1} s",
            catchUp.BlobsListed, catchUp.AlreadyInLedger, knownUnderAnotherName, catchUp.Ingested.Count - knownUnderAnotherName, catchUp.Failed.Count,
            rebuild.Votes, rebuild.Weeks, rebuild.OutlierWeeks, rebuild.Elapsed.TotalSeconds);
    }
}
