using System.IO.Hashing;
using System.Security.Cryptography;

namespace VoteFunctions.Core;

/// <summary>
/// The two keys the ledger holds for a file's content. SHA-256 is its identity: collision-proof,
/// and what a person checks with sha256sum. XXH128 is about ten times faster to compute, and
/// answers the common question "is this re-delivered file one I already have?" without the cost
/// of SHA-256; an accidental 128-bit collision is not a practical concern.
/// </summary>
internal sealed class ContentHashes
{
    private readonly IncrementalHash sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly XxHash128 xxh128 = new();

    public void Append(ReadOnlySpan<byte> data)
    {
        sha256.AppendData(data);
        xxh128.Append(data);
    }

    public (string Sha256, string Xxh128) Finish() =>
        (Convert.ToHexStringLower(sha256.GetHashAndReset()), Convert.ToHexStringLower(xxh128.GetHashAndReset()));

    /// <summary>Both keys of a file, in one read.</summary>
    public static Task<(string Sha256, string Xxh128)> OfFileAsync(string path, IProgress<long>? progress, CancellationToken cancellationToken) =>
        Task.Run(() =>
        {
            var hashes = new ContentHashes();
            ReadInBlocks(path, progress, hashes.Append, cancellationToken);
            return hashes.Finish();
        }, cancellationToken);

    /// <summary>The fast key alone, to recognise a re-delivery.</summary>
    public static Task<string> Xxh128OfFileAsync(string path, CancellationToken cancellationToken) =>
        Task.Run(() =>
        {
            var xxh128 = new XxHash128();
            ReadInBlocks(path, null, xxh128.Append, cancellationToken);
            return Convert.ToHexStringLower(xxh128.GetHashAndReset());
        }, cancellationToken);

    // Synchronous reads in 1 MiB blocks: several times faster than small asynchronous reads.
    private static void ReadInBlocks(string path, IProgress<long>? progress, SpanAction append, CancellationToken cancellationToken)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        using var counted = new ProgressStream(file, progress);
        var buffer = new byte[1 << 20];
        int read;
        while ((read = counted.Read(buffer)) > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            append(buffer.AsSpan(0, read));
        }
    }

    private delegate void SpanAction(ReadOnlySpan<byte> data);
}
