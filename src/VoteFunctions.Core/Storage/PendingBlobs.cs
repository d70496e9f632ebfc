namespace VoteFunctions.Core.Storage;

/// <summary>
/// What the next catch-up would take: the blobs of the container whose name and size the warehouse
/// has not seen. <paramref name="Error"/> says why the container could not be listed, if it could not.
/// </summary>
public sealed record PendingBlobs(int BlobsListed, IReadOnlyList<PendingBlob> Blobs, string? Error = null);
