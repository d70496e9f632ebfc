using System.Security.Cryptography;

namespace VoteFunctions.Core;

/// <summary>
/// The ledger holds two keys of a file's content. SHA-256 is its identity: collision-proof, and
/// what a person checks with sha256sum. XXH128 (computed by <see cref="VoteFileScanner.CheckQuickly"/>
/// on its one fast read) costs a tenth as much, and answers the common question "is this
/// re-delivered file one I already have?" before any other work; an accidental 128-bit
/// collision is not a practical concern.
/// </summary>
internal static class ContentHashes
{
    /// <summary>SHA-256 of a file.</summary>
    public static string Sha256OfFile(string path, CancellationToken cancellationToken)
    {
        // Synchronous reads in 1 MiB blocks: several times faster than small asynchronous reads.
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
}
