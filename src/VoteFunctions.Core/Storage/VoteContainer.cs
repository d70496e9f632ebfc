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
        var skipped = 0;
        var ingested = new List<IngestResult>();
        var failed = new List<string>();
        var blobs = new List<BlobItem>();
        try
        {
            await foreach (var blob in container.GetBlobsAsync(cancellationToken: cancellationToken)) blobs.Add(blob);
        }
        catch (RequestFailedException e) when (e.ErrorCode == BlobErrorCode.ContainerNotFound)
        {
            return new CatchUpResult(0, 0, ingested, failed); // nothing uploaded yet
        }

        foreach (var blob in blobs)
        {
            if (known.Contains((blob.Name, blob.Properties.ContentLength ?? -1)))
            {
                skipped++;
                continue;
            }
            try
            {
                await using var content = await container.GetBlobClient(blob.Name).OpenReadAsync(cancellationToken: cancellationToken);
                ingested.Add(await warehouse.IngestStreamAsync(content, blob.Name, cancellationToken: cancellationToken));
            }
            catch (Exception e) when (e is RequestFailedException or WarehouseException or IOException)
            {
                failed.Add($"{blob.Name}: {e.Message.Split('\n')[0]}");
            }
        }
        return new CatchUpResult(blobs.Count, skipped, ingested, failed);
    }
}
