using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using VoteFunctions.Core.Ingest;

namespace VoteFunctions.Core.Storage;

/// <summary>What the catch-up over a container found and did.</summary>
/// <param name="AlreadyInLedger">Blobs whose name and size the warehouse had seen: not downloaded.</param>
/// <param name="Ingested">The ingest of each blob downloaded: a no-op when its content was already ingested.</param>
public sealed record CatchUpResult(int BlobsListed, int AlreadyInLedger, IReadOnlyList<IngestResult> Ingested, IReadOnlyList<string> Failed)
{
    /// <summary>Downloaded, then found ingested under its own name: the blob trigger got there meanwhile.</summary>
    public int IngestedMeanwhile => Ingested.Count(result => result.AlreadyIngestedAs?.FileName == result.FileName);

    /// <summary>Downloaded, then found to be a content ingested under another name (remembered: not downloaded again).</summary>
    public int KnownUnderAnotherName => Ingested.Count(result => result.AlreadyIngested) - IngestedMeanwhile;

    /// <summary>Blobs whose votes this catch-up stored.</summary>
    public int NewlyIngested => Ingested.Count(result => !result.AlreadyIngested);
}

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
        var known = warehouse.DeliveredNames();
        var blobs = new List<BlobItem>();
        try
        {
            await foreach (var blob in container.GetBlobsAsync(cancellationToken: cancellationToken)) blobs.Add(blob);
        }
        catch (RequestFailedException e) when (e.ErrorCode == BlobErrorCode.ContainerNotFound)
        {
            return new CatchUpResult(0, 0, [], []); // nothing uploaded yet
        }

        var missing = blobs.Where(blob => !known.Contains((blob.Name, blob.Properties.ContentLength ?? -1))).ToList();
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
        return new CatchUpResult(blobs.Count, blobs.Count - missing.Count,
            outcomes.Where(o => o.Result is not null).Select(o => o.Result!).ToList(),
            outcomes.Where(o => o.Failure is not null).Select(o => o.Failure!).ToList());
    }
}
