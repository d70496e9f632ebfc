using System.IO.Hashing;
using System.Security.Cryptography;

namespace VoteFunctions.Core;

/// <summary>
/// The ledger holds two keys of a file's content. SHA-256 is its identity: collision-proof, and
/// what a person checks with sha256sum. XXH128 (also computed by <see cref="VoteFileScanner.CheckQuickly"/>
/// on its one fast read) costs a tenth as much, and answers the common question "is this
/// re-delivered file one I already have?" before any other work; an accidental 128-bit
/// collision is not a practical concern.
/// </summary>
internal static class ContentHashes
{
    /// <summary>XXH128 of a file, alone: the quickest answer to whether a file of a size already in the ledger is a re-delivery.</summary>
    public static string Xxh128OfFile(string path, IProgress<long>? bytesRead, CancellationToken cancellationToken)
    {
        var xxh128 = new XxHash128();
        ReadInBlocks(path, bytesRead, cancellationToken, xxh128.Append);
        return Convert.ToHexStringLower(xxh128.GetHashAndReset());
    }

    /// <summary>SHA-256 of a file, on a thread of its own.</summary>
    public static Task<string> Sha256OfFileAsync(string path, CancellationToken cancellationToken) =>
        Task.Run(() =>
        {
            using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            ReadInBlocks(path, null, cancellationToken, sha256.AppendData);
            return Convert.ToHexStringLower(sha256.GetHashAndReset());
        }, cancellationToken);

    // Synchronous reads in 1 MiB blocks: several times faster than small asynchronous reads.
    private static void ReadInBlocks(string path, IProgress<long>? bytesRead, CancellationToken cancellationToken, Action<ReadOnlySpan<byte>> append)
    {
        using var file = new ProgressStream(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan), bytesRead);
        var buffer = new byte[1 << 20];
        int read;
        while ((read = file.Read(buffer)) > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            append(buffer.AsSpan(0, read));
        }
    }
}
