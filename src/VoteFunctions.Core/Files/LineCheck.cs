using System.Security.Cryptography;

namespace VoteFunctions.Core.Files;

/// <summary>
/// The one read of an input file in C#, line by line: every line gets its verdict
/// (<see cref="LineVerdict"/>), and the pass also counts the lines, hashes the raw bytes (SHA-256,
/// the content's identity in the ledger), and indexes where lines start, so that the raw text of
/// lines rejected later in SQL can be read back without reading the file again. It runs while
/// DuckDB reads the same file for its fields.
/// </summary>
internal static class LineCheck
{
    /// <summary>
    /// Rejected lines kept per file with their raw text and reason; past this they are counted,
    /// not kept, so that a file of millions of bad lines cannot fill the warehouse.
    /// </summary>
    public const int MaxKeptRejections = 10_000;

    /// <summary>What the read found.</summary>
    /// <param name="Lines">Every line, blank ones included; a last line without '\n' counts.</param>
    /// <param name="Rejected">Lines that are not one JSON object; the first <see cref="MaxKeptRejections"/> are in the rejections file.</param>
    /// <param name="Sha256">SHA-256 of the file's bytes as stored (compressed, for gzip), or null when not asked for.</param>
    /// <param name="Index">Where the lines start, for a plain file; null for gzip.</param>
    public sealed record Result(long Lines, long Rejected, string? Sha256, LineIndex? Index)
    {
        public bool AllRejectionsKept => Rejected <= MaxKeptRejections;
    }

    /// <summary>
    /// Reads the file and writes its rejected lines to <paramref name="rejectionsPath"/>. With
    /// <paramref name="cleanCopyPath"/>, also writes every line there, decompressed, without a byte
    /// order mark, and with each rejected line replaced by "{}" so that DuckDB reads one row per line.
    /// </summary>
    public static Result Run(InputFile input, string rejectionsPath, string? cleanCopyPath, bool hash, IProgress<long>? bytesRead, CancellationToken cancellationToken)
    {
        using var sha256 = hash ? IncrementalHash.CreateHash(HashAlgorithmName.SHA256) : null;
        var index = input.IsGzip ? null : new LineIndex();
        using var rejections = new RejectionWriter(rejectionsPath);
        using var clean = cleanCopyPath is null ? null : new FileStream(cleanCopyPath, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        using var raw = new ObservedStream(OpenRead(input.Path), bytesRead, sha256, index);
        using var content = input.IsGzip ? new CheckedGzipStream(raw, input.Path) : (Stream)raw;
        var lines = new LineReader(content, LineVerdict.MaxLineBytes);
        long rejected = 0;

        void Reject(long lineNumber, ReadOnlySpan<byte> line, string reason)
        {
            if (++rejected <= MaxKeptRejections) rejections.Write(lineNumber, line, reason);
        }

        try
        {
            while (lines.TryRead(out var line, out var tooLong))
            {
                if ((lines.LineNumber & 0xFFFF) == 0) cancellationToken.ThrowIfCancellationRequested();
                if (lines.LineNumber == 1 && line.StartsWith(InputFile.ByteOrderMark)) line = line[InputFile.ByteOrderMark.Length..];
                var reason = LineVerdict.Problem(line, tooLong);
                if (reason is not null) Reject(lines.LineNumber, line, reason);
                if (clean is null) continue;
                if (reason is null) clean.Write(line);
                else clean.Write("{}"u8);
                clean.WriteByte((byte)'\n');
            }
        }
        catch (InvalidDataException)
        {
            // A damaged or truncated gzip stream: the complete lines before it count, and the damage
            // is one more rejected line in place of whatever was lost.
            Reject(lines.LineNumber + 1, lines.Unread, "the gzip stream is damaged or truncated: the file ends here and any later lines are missing");
            clean?.Write("{}\n"u8);
            raw.CopyTo(Stream.Null); // the hash is of the whole file
            return new Result(lines.LineNumber + 1, rejected, Hex(sha256), index);
        }
        return new Result(lines.LineNumber, rejected, Hex(sha256), index);
    }


    private static FileStream OpenRead(string path) => new(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);

    private static string? Hex(IncrementalHash? hash) => hash is null ? null : Convert.ToHexStringLower(hash.GetHashAndReset());
}
