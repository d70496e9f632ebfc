using System.Security.Cryptography;

namespace VoteFunctions.Core.Files;

/// <summary>
/// SHA-256 of a file's bytes as stored: the ledger's one key for "this content was ingested
/// before", and what a person checks with sha256sum. <see cref="LineCheck"/> computes it on its
/// read; these are for when it is needed before that read, or for a blob on its way to disk.
/// </summary>
internal static class ContentKey
{
    public static string OfFile(string path, CancellationToken cancellationToken)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 20];
        int read;
        while ((read = file.Read(buffer)) > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            sha256.AppendData(buffer.AsSpan(0, read));
        }
        return Convert.ToHexStringLower(sha256.GetHashAndReset());
    }

    /// <summary>Copies a stream (a blob) to a file, hashing it on the way; returns the key.</summary>
    public static async Task<string> CopyToFileAsync(Stream content, string path, CancellationToken cancellationToken)
    {
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using var copy = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20, useAsync: true);
        var buffer = new byte[1 << 20];
        int read;
        while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
        {
            sha256.AppendData(buffer, 0, read);
            await copy.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }
        return Convert.ToHexStringLower(sha256.GetHashAndReset());
    }
}
