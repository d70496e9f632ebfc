using VoteFunctions.EndToEnd.Infrastructure;

namespace VoteFunctions.EndToEnd;

/// <summary>
/// One host shared by the scenarios that leave its warehouse holding the bundled dataset's votes
/// and nothing else (re-deliveries and bad blobs add no votes; a nightly run with nothing missing
/// changes nothing), so they pass in any order.
/// </summary>
public sealed class BundledDatasetHost : IAsyncLifetime
{
    private HostedApp? app;
    private readonly Lazy<Task<DatasetDelivery>> delivery;

    public BundledDatasetHost() => delivery = new(DeliverDatasetAsync);

    internal HostedApp App => app ?? throw new InvalidOperationException("the host did not start");
    internal FunctionsHost Host => App.Host;

    /// <summary>
    /// The answers to GET /api/outlier-weeks as JSON and as CSV while the warehouse was still
    /// empty: asked right after the host started, before any scenario could upload a blob.
    /// </summary>
    internal HostResponse EmptyWarehouseJson { get; private set; } = null!;
    internal HostResponse EmptyWarehouseCsv { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        app = await HostedApp.StartAsync("bundled");
        EmptyWarehouseJson = await Host.GetOutlierWeeksAsync("json");
        EmptyWarehouseCsv = await Host.GetOutlierWeeksAsync("csv");
    }

    public Task DisposeAsync()
    {
        app?.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>The bundled dataset uploaded with `votes upload` and ingested by the blob trigger (once, by whichever scenario asks first).</summary>
    internal Task<DatasetDelivery> DatasetIngestedAsync() => delivery.Value;

    private async Task<DatasetDelivery> DeliverDatasetAsync()
    {
        await VotesCli.RunAsync(App.Folder, "upload", Repository.BundledDataset, "--connection", App.StorageConnectionString, "--container", Host.ContainerName);
        var uploaded = DateTime.UtcNow;
        var blobName = Path.GetFileName(Repository.BundledDataset);

        // Both ways to see the votes arrive: the first non-empty answer of the HTTP API, and the host's Executed line.
        await Host.WaitForAsync("GET /api/outlier-weeks to show the uploaded votes",
            async () => await Host.GetOutlierWeeksAsync() is { Status: 200, Text: not "[]" } votes ? votes : null);
        var visible = DateTime.UtcNow;
        var ingest = await Host.WaitForIngestAsync(blobName);
        return new DatasetDelivery(new BlobDelivery(blobName, ingest, ingest.Executed!.At - uploaded), visible - uploaded);
    }
}

/// <param name="UploadToVisible">From the end of the upload to the first GET /api/outlier-weeks that shows votes.</param>
internal sealed record DatasetDelivery(BlobDelivery Blob, TimeSpan UploadToVisible);

[CollectionDefinition(Name)]
public sealed class BundledDatasetCollection : ICollectionFixture<BundledDatasetHost>
{
    public const string Name = "bundled dataset host";
}
