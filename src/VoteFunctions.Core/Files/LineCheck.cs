using System.Security.Cryptography;

namespace VoteFunctions.Core.Files;

/// <summary>
/// The read of an input file, line by line, in C#: every line gets its verdict
/// (<see cref="LineVerdict"/>), the votes of the good ones are written as rows for DuckDB
/// (<see cref="VoteRowWriter"/>) and the bad ones as rejections with their raw text and reason.
/// The same read counts the lines, hashes the raw bytes (SHA-256, the content's identity in the
/// ledger) and indexes where lines start, so that the raw text of lines rejected later in SQL can
/// be read back without reading the file again.
/// A large plain file is cut in two where a line starts and each half is checked on its own core,
/// while a third task hashes and indexes the whole; a gzip stream is read in one piece.
/// </summary>
internal static class LineCheck
{
    /// <summary>
    /// Rejected lines kept per file with their raw text and reason; past this they are counted,
    /// not kept, so that a file of millions of bad lines cannot fill the warehouse.
    /// </summary>
    public const int MaxKeptRejections = 10_000;

    /// <summary>Below this, one core checks the whole file: splitting would cost more than it saves.</summary>
    private const long SplitFromBytes = 16 << 20;

    /// <summary>What the read found.</summary>
    /// <param name="Lines">Every line, blank ones included; a last line without '\n' counts.</param>
    /// <param name="Rejected">Lines that are not votes; the first <see cref="MaxKeptRejections"/> are in the rejections file.</param>
    /// <param name="Sha256">SHA-256 of the file's bytes as stored (compressed, for gzip), or null when not asked for.</param>
    /// <param name="Index">Where the lines start, for a plain file; null for gzip.</param>
    public sealed record Result(long Lines, long Rejected, string? Sha256, LineIndex? Index);

    /// <summary>A rejected line as kept: its number, raw text and reason.</summary>
    private sealed record Rejection(long LineNumber, string RawText, string Reason);

    /// <summary>What the check of a part of the file found.</summary>
    private sealed class Part
    {
        public long Lines;
        public long Rejected;
        public readonly List<Rejection> Kept = [];

        public void Reject(long lineNumber, ReadOnlySpan<byte> line, string reason)
        {
            if (++Rejected <= MaxKeptRejections) Kept.Add(new(lineNumber, RejectionWriter.RawText(line), reason));
        }
    }

    /// <summary>
    /// Reads the file, the <paramref name="fileSlot"/>th of its ingest batch: the rows of its votes
    /// go to <paramref name="rowsPath"/>(1), and (2) for the second half of a file cut in two; its
    /// rejected lines to <paramref name="rejectionsPath"/>.
    /// </summary>
    public static Result Run(InputFile input, int fileSlot, string rejectionsPath, Func<int, string> rowsPath, bool hash, IProgress<long>? bytesRead, CancellationToken cancellationToken)
    {
        var progress = new BytesDone(bytesRead);
        if (input.IsGzip || input.Size < SplitFromBytes)
        {
            using var sha256 = hash ? IncrementalHash.CreateHash(HashAlgorithmName.SHA256) : null;
            var index = input.IsGzip ? null : new LineIndex();
            using var raw = new ObservedStream(FileRange.Open(input.Path, 0, input.Size), progress.Part(), sha256, index);
            var whole = Check(raw, 0, input, rowsPath(1), fileSlot, cancellationToken);
            raw.CopyTo(Stream.Null); // the hash is of the whole file, whatever bytes the gzip decoder left unread
            return Finish(rejectionsPath, fileSlot, [whole], Hex(sha256), index);
        }

        // Two halves, cut where a line starts, checked at the same time as the whole is hashed and indexed.
        var middle = FileRange.LineStartAtOrAfter(input.Path, input.Size / 2);
        var linesBeforeMiddle = FileRange.CountLineEnds(input.Path, middle);
        var hashing = Task.Run(() => HashAndIndex(input.Path, hash, cancellationToken), cancellationToken);
        var second = Task.Run(() => CheckRange(input, middle, input.Size, linesBeforeMiddle, rowsPath(2), fileSlot, progress, cancellationToken), cancellationToken);
        Part first;
        try
        {
            first = CheckRange(input, 0, middle, 0, rowsPath(1), fileSlot, progress, cancellationToken);
        }
        catch
        {
            // The other tasks write into the same folder: they end before the failure is told.
            Task.WaitAny(Task.WhenAll(second, hashing));
            throw;
        }
        var (key, lineIndex) = hashing.GetAwaiter().GetResult();
        return Finish(rejectionsPath, fileSlot, [first, second.GetAwaiter().GetResult()], key, lineIndex);
    }

    private static Part CheckRange(InputFile input, long start, long end, long linesBefore, string rowsPath, int fileSlot, BytesDone progress, CancellationToken cancellationToken)
    {
        using var range = new ObservedStream(FileRange.Open(input.Path, start, end), progress.Part());
        return Check(range, linesBefore, input, rowsPath, fileSlot, cancellationToken);
    }

    /// <summary>The verdict of every line of the stream, the lines numbered on from <paramref name="linesBefore"/>.</summary>
    private static Part Check(Stream raw, long linesBefore, InputFile input, string rowsPath, int fileSlot, CancellationToken cancellationToken)
    {
        using var content = input.IsGzip ? new CheckedGzipStream(raw, input.Path, leaveOpen: true) : null;
        using var rows = new VoteRowWriter(rowsPath, fileSlot);
        using var lines = new LineReader(content ?? raw, LineVerdict.MaxLineBytes);
        var part = new Part();
        // A damaged gzip file (CheckedGzipStream) throws, at the end at the latest: its data vouches
        // for none of its lines, so the whole file fails with what is wrong, and nothing is stored.
        while (lines.TryRead(out var line, out var tooLong))
        {
            if ((lines.LineNumber & 0xFFFF) == 0) cancellationToken.ThrowIfCancellationRequested();
            var lineNumber = linesBefore + lines.LineNumber;
            if (lineNumber == 1 && line.StartsWith(InputFile.ByteOrderMark)) line = line[InputFile.ByteOrderMark.Length..];
            if (LineVerdict.Problem(line, tooLong, out var vote) is { } reason) part.Reject(lineNumber, line, reason);
            else rows.Write(lineNumber, vote);
        }
        part.Lines = lines.LineNumber;
        return part;
    }

    private static (string? Sha256, LineIndex Index) HashAndIndex(string path, bool hash, CancellationToken cancellationToken)
    {
        using var sha256 = hash ? IncrementalHash.CreateHash(HashAlgorithmName.SHA256) : null;
        var index = new LineIndex();
        using var file = new ObservedStream(FileRange.Open(path, 0, new FileInfo(path).Length), null, sha256, index);
        var buffer = new byte[1 << 20];
        while (file.Read(buffer) > 0) cancellationToken.ThrowIfCancellationRequested();
        return (Hex(sha256), index);
    }

    /// <summary>Joins the parts in order and writes the kept rejections.</summary>
    private static Result Finish(string rejectionsPath, int fileSlot, Part[] parts, string? sha256, LineIndex? index)
    {
        using var rejections = new RejectionWriter(rejectionsPath);
        foreach (var rejection in parts.SelectMany(p => p.Kept).Take(MaxKeptRejections))
            rejections.Write(fileSlot, rejection.LineNumber, rejection.RawText, rejection.Reason);
        return new Result(parts.Sum(p => p.Lines), parts.Sum(p => p.Rejected), sha256, index);
    }

    private static string? Hex(IncrementalHash? hash) => hash is null ? null : Convert.ToHexStringLower(hash.GetHashAndReset());

    /// <summary>The bytes read by every part of the file, as one running count.</summary>
    private sealed class BytesDone(IProgress<long>? total)
    {
        private long done;

        /// <summary>A part's own count of bytes read, added to the total as it goes.</summary>
        public IProgress<long> Part()
        {
            long last = 0;
            return new InlineProgress<long>(position =>
            {
                var now = Interlocked.Add(ref done, position - last);
                last = position;
                total?.Report(now);
            });
        }
    }
}
