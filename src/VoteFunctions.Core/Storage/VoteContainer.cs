using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using VoteFunctions.Core.Ingest;

namespace VoteFunctions.Core.Storage;

/// <summary>The blob container where vote files are uploaded (Azurite locally, a storage account in Azure).</summary>
public sealed class VoteContainer(BlobContainerClient container)
{
    public const string DefaultConnection = "UseDevelopmentStorage=true";
    public const string DefaultName = "votes";

    /// <summary>Blobs the catch-up downloads at once: each is copied to a local file while it waits for the writer.</summary>
    private const int ConcurrentDownloads = 8;

    public BlobContainerClient Client => container;

    /// <summary>Uploads files under their file names, creating the container if needed; an existing blob is replaced.</summary>
    public async Task UploadAsync(string path, CancellationToken cancellationToken = default)
    {
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await container.GetBlobClient(Path.GetFileName(path)).UploadAsync(path, overwrite: true, cancellationToken);
    }

    /// <summary>
    /// The catch-up: ingests every blob whose name and size the warehouse has not seen, so a
    /// trigger that was missed, or poisoned by a transient fault, is made good. A blob whose content
    /// was ingested under another name is downloaded once, found to be a no-op, and remembered. One
    /// blob's failure does not stop the others; it is reported.
    /// </summary>
    public async Task<CatchUpResult> IngestMissingAsync(Warehouse warehouse, CancellationToken cancellationToken = default)
    {
        var (listed, missing) = await ListMissingAsync(warehouse, cancellationToken);
        // A few downloads at once, so that their ingests wait for the writer together and are
        // committed in batches rather than one by one.
        var outcomes = new (IngestResult? Result, string? Failure)[missing.Count];
        await Parallel.ForAsync(0, missing.Count, new ParallelOptions { MaxDegreeOfParallelism = ConcurrentDownloads, CancellationToken = cancellationToken }, async (i, cancel) =>
        {
            try
            {
                await using var content = await container.GetBlobClient(missing[i].Name).OpenReadAsync(cancellationToken: cancel);
                outcomes[i] = (await warehouse.IngestStreamAsync(content, missing[i].Name, cancellationToken: cancel), null);
            }
            catch (Exception e) when (e is RequestFailedException or WarehouseException or IOException)
            {
                outcomes[i] = (null, $"{missing[i].Name}: {e.Message.Split('\n')[0]}");
            }
        });
        return new CatchUpResult(listed, listed - missing.Count,
            outcomes.Where(o => o.Result is not null).Select(o => o.Result!).ToList(),
            outcomes.Where(o => o.Failure is not null).Select(o => o.Failure!).ToList());
    }

    /// <summary>
    /// The blobs the next catch-up would take, for the status: a failure to list the container is
    /// reported in the result, not thrown, so that the rest of the status is still shown.
    /// </summary>
    public async Task<PendingBlobs> PendingAsync(Warehouse warehouse, CancellationToken cancellationToken = default)
    {
        try
        {
            var (listed, missing) = await ListMissingAsync(warehouse, cancellationToken);
            return new PendingBlobs(listed, missing.Select(blob => new PendingBlob(blob.Name, blob.Properties.ContentLength ?? 0)).ToList());
        }
        catch (Exception e) when (e is RequestFailedException or AggregateException)
        {
            return new PendingBlobs(0, [], $"cannot list container {container.Name}: {e.Message.Split('\n')[0].Trim()}");
        }
    }

    /// <summary>How many blobs the container holds, and those whose name and size the warehouse has not seen.</summary>
    private async Task<(int Listed, List<BlobItem> Missing)> ListMissingAsync(Warehouse warehouse, CancellationToken cancellationToken)
    {
        var known = warehouse.DeliveredNames();
        var blobs = new List<BlobItem>();
        try
        {
            await foreach (var blob in container.GetBlobsAsync(cancellationToken: cancellationToken)) blobs.Add(blob);
        }
        catch (RequestFailedException e) when (e.ErrorCode == BlobErrorCode.ContainerNotFound)
        {
            return (0, []); // nothing uploaded yet
        }
        return (blobs.Count, blobs.Where(blob => !known.Contains((blob.Name, blob.Properties.ContentLength ?? -1))).ToList());
    }
}
