using Azure.Storage.Blobs;

namespace VoteFunctions.EndToEnd.Infrastructure;

/// <summary>A blob the trigger ingested: the invocation that succeeded, and how long after the upload it ended.</summary>
internal sealed record BlobDelivery(string BlobName, Invocation Ingest, TimeSpan UploadToExecuted);

/// <summary>
/// The app as a test meets it: the published app on a real host, with its own Azurite, votes
/// container and warehouse, all in a temporary folder that goes when the test is done.
/// </summary>
internal sealed class HostedApp : IDisposable
{
    private readonly Azurite azurite;

    public string Folder { get; }
    public FunctionsHost Host { get; }
    public BlobContainerClient Container { get; }

    private HostedApp(string folder, Azurite azurite, FunctionsHost host)
    {
        Folder = folder;
        this.azurite = azurite;
        Host = host;
        Container = new BlobContainerClient(azurite.ConnectionString, host.ContainerName);
    }

    public string StorageConnectionString => azurite.ConnectionString;

    /// <param name="name">Names the container and the temporary folder (lower-case letters and digits).</param>
    /// <param name="checkKeys">Whether the host checks function keys, as in Azure (see <see cref="FunctionsHost.FunctionKey"/>).</param>
    public static async Task<HostedApp> StartAsync(string name, bool checkKeys = false)
    {
        _ = HostCommand.Path; // no host configured: fail at once, before publishing anything
        var appFolder = await PublishedApp.FolderAsync();
        var folder = RunFolders.Create(name);
        Azurite? azurite = null;
        FunctionsHost? host = null;
        try
        {
            azurite = await Azurite.StartAsync(Directory.CreateDirectory(Path.Combine(folder, "azurite")).FullName);
            host = new FunctionsHost(appFolder, folder, azurite.ConnectionString, name, checkKeys);
            await host.StartAsync();
            return new HostedApp(folder, azurite, host);
        }
        catch
        {
            host?.Dispose();
            azurite?.Dispose();
            RunFolders.Delete(folder);
            throw;
        }
    }

    /// <summary>Uploads a file as a blob (under its own name unless <paramref name="blobName"/> says otherwise); returns the blob's name.</summary>
    public async Task<string> UploadAsync(string path, string? blobName = null)
    {
        blobName ??= Path.GetFileName(path);
        await Container.CreateIfNotExistsAsync();
        await Container.GetBlobClient(blobName).UploadAsync(path, overwrite: true);
        return blobName;
    }

    /// <summary>Uploads a file as a blob and waits for the blob trigger to ingest it.</summary>
    public async Task<BlobDelivery> DeliverAsync(string path, string? blobName = null)
    {
        blobName = await UploadAsync(path, blobName);
        var uploaded = DateTime.UtcNow;
        var ingest = await Host.WaitForIngestAsync(blobName);
        return new BlobDelivery(blobName, ingest, ingest.Executed!.At - uploaded);
    }

    public void Dispose()
    {
        Host.Dispose();
        azurite.Dispose();
        RunFolders.Delete(Folder);
    }
}
