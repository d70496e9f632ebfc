using System.Runtime.CompilerServices;
using System.Security.Cryptography;

namespace VoteFunctions.Core.Files;

/// <summary>
/// The read of an input file, line by line, in C#: every line gets its verdict
/// (<see cref="LineVerdict"/>); the votes of the good ones and the first bad ones, with their raw
/// text and reason, go to DuckDB in blocks (<see cref="CheckedLinesQueue"/>) as the read goes on.
/// The same read counts the lines, hashes the raw bytes (SHA-256, the content's identity in the
/// ledger) and indexes where lines start, so that the raw text of lines rejected later in SQL can
/// be read back without reading the file again.
/// A large plain file is cut in two where a line starts and each half is checked on its own core,
/// while a third task hashes and indexes the whole; a gzip stream is read in one piece.
/// The methods run once per line (here, in LineReader, LineVerdict, CanonicalLine, CheckedLines and
/// CheckedLinesWriter) are compiled fully optimised at their first call
/// (<see cref="MethodImplOptions.AggressiveOptimization"/>): a CLI
/// run reads its file once, and tiered compilation warmed them up on half a second of CPU at 2M lines.
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
    /// <param name="Rejected">Lines that are not votes; at most <see cref="MaxKeptRejections"/> of each part were handed on.</param>
    /// <param name="Sha256">SHA-256 of the file's bytes as stored (compressed, for gzip), or null when not asked for.</param>
    /// <param name="Index">Where the lines start, for a plain file; null for gzip.</param>
    public sealed record Result(long Lines, long Rejected, string? Sha256, LineIndex? Index);

    /// <summary>
    /// A file to check, the <paramref name="Slot"/>th of its ingest batch; whether its hash is still
    /// to compute; whether canonical lines take the fast path (<see cref="LineVerdict"/>).
    /// </summary>
    public sealed record Job(InputFile Input, int Slot, bool Hash, IProgress<long>? BytesRead, bool CanonicalFirst = true);

    /// <summary>Reads the file, handing its checked lines to <paramref name="output"/>.</summary>
    public static Result Run(Job job, CheckedLinesQueue output, CancellationToken cancellationToken)
    {
        var input = job.Input;
        var progress = new BytesDone(job.BytesRead);
        if (input.IsGzip || input.Size < SplitFromBytes)
        {
            using var sha256 = job.Hash ? IncrementalHash.CreateHash(HashAlgorithmName.SHA256) : null;
            var index = input.IsGzip ? null : new LineIndex();
            using var raw = new ObservedStream(FileRange.Open(input.Path, 0, input.Size), progress.Part(), sha256, index);
            var whole = Check(raw, 0, job, output, cancellationToken);
            raw.CopyTo(Stream.Null); // the hash is of the whole file, whatever bytes the gzip decoder left unread
            return new Result(whole.Lines, whole.Rejected, Hex(sha256), index);
        }

        // Two halves, cut where a line starts, checked at the same time as the whole is hashed and indexed.
        var middle = FileRange.LineStartAtOrAfter(input.Path, input.Size / 2);
        var linesBeforeMiddle = FileRange.CountLineEnds(input.Path, middle);
        // Threads of their own: the halves wait on the loader, and pool threads held waiting would
        // leave these queued until the pool grows, with a core idle meanwhile.
        var hashing = Task.Factory.StartNew(() => HashAndIndex(input.Path, job.Hash, cancellationToken), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var second = Task.Factory.StartNew(() => CheckRange(job, middle, input.Size, linesBeforeMiddle, progress, output, cancellationToken), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        Counts first;
        try
        {
            first = CheckRange(job, 0, middle, 0, progress, output, cancellationToken);
        }
        catch
        {
            // The other tasks hand on blocks of this file: they end before the failure is told.
            Task.WaitAny(Task.WhenAll(second, hashing));
            throw;
        }
        var (key, lineIndex) = hashing.GetAwaiter().GetResult();
        var last = second.GetAwaiter().GetResult();
        return new Result(first.Lines + last.Lines, first.Rejected + last.Rejected, key, lineIndex);
    }

    private readonly record struct Counts(long Lines, long Rejected);

    private static Counts CheckRange(Job job, long start, long end, long linesBefore, BytesDone progress, CheckedLinesQueue output, CancellationToken cancellationToken)
    {
        using var range = new ObservedStream(FileRange.Open(job.Input.Path, start, end), progress.Part());
        return Check(range, linesBefore, job, output, cancellationToken);
    }

    /// <summary>
    /// The verdict of every line of the stream, the lines numbered on from <paramref name="linesBefore"/>.
    /// A damaged gzip file (<see cref="CheckedGzipStream"/>) throws, at its end at the latest: its
    /// data vouches for none of its lines, so the whole file fails, and nothing of it is stored.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Counts Check(Stream raw, long linesBefore, Job job, CheckedLinesQueue output, CancellationToken cancellationToken)
    {
        using var content = job.Input.IsGzip ? new CheckedGzipStream(raw, leaveOpen: true) : null;
        using var lines = new LineReader(content ?? raw, linesBefore);
        using var checkedLines = new CheckedLinesWriter(output, job.Slot, cancellationToken);
        long rejected = 0;
        while (lines.TryRead(out var line, out var tooLong))
        {
            if ((lines.LineNumber & 0xFFFF) == 0) cancellationToken.ThrowIfCancellationRequested();
            if (LineVerdict.Problem(line, tooLong, job.CanonicalFirst, out var vote) is not { } reason) checkedLines.Add(lines.LineNumber, vote);
            else if (++rejected <= MaxKeptRejections) checkedLines.Reject(new(lines.LineNumber, RejectedLineText.Of(line), reason));
        }
        checkedLines.Complete();
        return new Counts(lines.LineNumber - linesBefore, rejected);
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
