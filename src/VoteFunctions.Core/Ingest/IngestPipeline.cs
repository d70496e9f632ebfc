using System.Diagnostics;
using DuckDB.NET.Data;
using VoteFunctions.Core.Files;
using VoteFunctions.Core.Queries;
using VoteFunctions.Core.Sql;
using static VoteFunctions.Core.Ingest.IngestTelemetry;

namespace VoteFunctions.Core.Ingest;

/// <summary>
/// A batch of files into the warehouse (the files waiting for the writer: <see cref="IngestQueue"/>),
/// as straight-line steps, run by the writer under the write lock:
/// <list type="number">
/// <item>recognise each content: only a size the ledger has can be a re-delivery; then hash and ask;</item>
/// <item>read: C# judges every line of each file (<see cref="LineCheck"/>, a file per core) and
///   writes the votes of the good ones as rows, which DuckDB loads for the whole batch
///   (ingest/1_stage.sql); a file whose content came earlier in the batch is left out;</item>
/// <item>classify: find duplicates and conflicts, within each file, with the stored votes and with
///   the earlier files of the batch (ingest/2_classify.sql), and read back the raw text of the
///   first conflicts of each file;</item>
/// <item>merge votes, weekly counts, rejected lines and a ledger row per file in one transaction
///   (ingest/3_merge.sql).</item>
/// </list>
/// Each file gets the verdicts and counts it would get alone, ingested after the files before it
/// in the batch, and is all or nothing: the batch commits whole or not at all. A file that fails on
/// its own (unreadable, changed while read) fails alone and the others go on.
/// Staging lives in the writer connection's temporary tables, outside the transaction; the write
/// lock keeps the stored votes it compares against unchanged until the merge commits.
/// </summary>
internal sealed class IngestPipeline(DuckDBConnection writer, WarehouseOptions options)
{
    private static readonly SqlScript StagingMacros = SqlScript.Load("ingest/0_staging_macros.sql");
    private static readonly SqlScript Stage = SqlScript.Load("ingest/1_stage.sql");
    private static readonly SqlScript Classify = SqlScript.Load("ingest/2_classify.sql");
    private static readonly SqlScript FirstConflicts = SqlScript.Of("""
        SELECT FileSlot, LineNumber FROM matched_lines WHERE Reason IS NOT NULL
        QUALIFY row_number() OVER (PARTITION BY FileSlot ORDER BY LineNumber) <= $max_kept
        ORDER BY FileSlot, LineNumber
        """);
    private static readonly SqlScript Merge = SqlScript.Load("ingest/3_merge.sql");
    private static readonly SqlScript DropStaging = SqlScript.Load("ingest/4_drop_staging.sql");

    /// <summary>Readies the writer's connection for ingests, once: the rules the steps share.</summary>
    public static void Prepare(DuckDBConnection writer) => StagingMacros.Execute(writer);

    /// <summary>A file of the batch on its way through the steps; its slot is its place in the batch.</summary>
    private sealed class BatchFile(IngestRequest request, int slot)
    {
        public IngestRequest Request => request;
        public int Slot => slot;
        public InputFile Input => request.Input;
        public string? Sha256 { get; set; } = request.KnownSha256;
        public LineCheck.Result? Check { get; set; }
        public long FileId { get; set; }
    }

    /// <summary>
    /// Ingests the batch, answering each request with its result or its own failure. A failure of
    /// the steps the files share (DuckDB's, a cancellation) is thrown, and a file that fails after
    /// the batch was classified stops it before the merge: the requests left unanswered are for the
    /// caller to put back or answer.
    /// </summary>
    public void Run(IReadOnlyList<IngestRequest> batch, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();

        // 1. Recognise the contents.
        var (knownSizes, nextFileId) = Step("recognise", () => Ledger.BeforeIngest(writer, batch.Select(request => request.Input.Size)));
        var toRead = batch.Select((request, slot) => new BatchFile(request, slot))
            .Where(file => !Step("recognise", () => OutBeforeRead(file, knownSizes, stopwatch, cancellationToken)))
            .ToList();
        if (toRead.Count == 0) return;

        using var files = new StagingFiles();
        // A cancelled ingest interrupts the DuckDB statement under way rather than wait for it.
        var interrupt = cancellationToken.Register(() => writer.CreateCommand().Cancel());
        try
        {
            // 2. Read.
            var read = Step("read", () => Read(toRead, files, cancellationToken));
            // A content that came earlier in the batch is stored once, under the first name.
            var staged = read.DistinctBy(file => file.Sha256).ToList();
            if (staged.Count == 0) return;
            for (var i = 0; i < staged.Count; i++) staged[i].FileId = nextFileId + i;
            foreach (var file in toRead.Except(staged)) files.DeleteFilesOf(file.Slot);
            Step("load", () => Load(staged, files));

            // 3. Classify.
            Step("classify", () => Classify.Execute(writer, new { perfect_hash_bits = PerfectHashBits(staged.Sum(f => f.Check!.Lines)) }));
            // A file that fails now was judged with the others: they go back to the queue without it.
            if (!Step("read back", () => ReadBackFirstConflicts(read, files.RawLines, cancellationToken))) return;

            // 4. Merge, in one transaction.
            foreach (var file in staged) file.Request.Progress?.Report(new(file.Request.FileName, "committing", 0, 0));
            var ledgerRows = Step("merge", () => WriteTransaction.Run(writer, () =>
            {
                var rows = Merge.Query(writer, new
                {
                    first_file_id = nextFileId,
                    ingested_at = DateTime.UtcNow,
                    line_rejections = files.AllLineRejections,
                    raw_lines = files.RawLines,
                    max_kept = LineCheck.MaxKeptRejections,
                }, Ledger.Read).ToDictionary(row => row.FileId);
                options.BeforeCommit?.Invoke();
                // The callers' own tokens: a linked token learns of a cancellation a moment later.
                foreach (var file in staged) file.Request.CancellationToken.ThrowIfCancellationRequested();
                cancellationToken.ThrowIfCancellationRequested();
                interrupt.Dispose(); // a commit is not interrupted half-way
                return rows;
            }));

            // Committed: every file is answered before anything else can fail.
            var stored = staged.ToDictionary(file => file.Sha256!, file => ledgerRows[file.FileId]);
            foreach (var file in staged) file.Request.Succeed(IngestResult.Ingested(ledgerRows[file.FileId], stopwatch.Elapsed));
            foreach (var file in read.Except(staged)) Unchanged(file, stored[file.Sha256!], stopwatch);
        }
        catch (DuckDBException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken); // DuckDB reports the interrupt as an error
        }
        finally
        {
            interrupt.Dispose();
            Step("drop staging", () => DropStaging.Execute(writer));
        }
    }

    /// <summary>
    /// Step 1 for one file: whether it is out of the batch: its content was ingested before, or it
    /// could not be hashed to find out (its request is then answered), or the batch is cancelled.
    /// </summary>
    private bool OutBeforeRead(BatchFile file, IReadOnlySet<long> knownSizes, Stopwatch stopwatch, CancellationToken cancellationToken)
    {
        if (!knownSizes.Contains(file.Input.Size)) return false;
        if (!OnItsOwn(file, () => file.Sha256 ??= ContentKey.OfFile(file.Input.Path, cancellationToken), cancellationToken)) return true;
        if (Ledger.FindBySha256(writer, file.Sha256!) is not { } earlier) return false;
        Unchanged(file, earlier, stopwatch);
        return true;
    }

    /// <summary>Answers that the file's content was ingested before, then remembers the name it came under.</summary>
    private void Unchanged(BatchFile file, IngestedFile earlier, Stopwatch stopwatch)
    {
        file.Request.Succeed(IngestResult.Unchanged(file.Request.FileName, file.Input.Size, earlier, stopwatch.Elapsed));
        if (earlier.FileName != file.Request.FileName) Ledger.RecordRedelivery(writer, file.Request.FileName, file.Input.Size, earlier.Sha256);
    }

    /// <summary>
    /// Step 2, in C#: the line check of each file, as many at a time as there are cores (a large
    /// file is also cut in two), writing its rows and rejections into <paramref name="staging"/>.
    /// Returns the files read; one that failed has its request answered with its error.
    /// </summary>
    private static List<BatchFile> Read(List<BatchFile> files, StagingFiles staging, CancellationToken cancellationToken)
    {
        var read = new bool[files.Count];
        Parallel.For(0, files.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            var file = files[i];
            read[i] = OnItsOwn(file, () =>
            {
                var (name, size) = (file.Request.FileName, file.Input.Size);
                var progress = file.Request.Progress;
                progress?.Report(new(name, "reading", 0, size));
                var bytes = new InlineProgress<long>(done => progress?.Report(new(name, "reading", done, size)));
                file.Check = LineCheck.Run(file.Input, file.Slot, staging.LineRejectionsOf(file.Slot), part => staging.RowsOf(file.Slot, part),
                    hash: file.Sha256 is null, bytes, cancellationToken);
                file.Sha256 ??= file.Check.Sha256;
                file.Input.EnsureUnchanged();
            }, cancellationToken);
        });
        cancellationToken.ThrowIfCancellationRequested();
        return files.Where((_, i) => read[i]).ToList();
    }

    /// <summary>
    /// Runs work for one file; a failure of its own answers its request and leaves the other files
    /// to go on. Returns whether the work was done. Once the batch is cancelled, whatever the work
    /// threw is the cancellation's doing: the file is left unanswered, for the caller to throw.
    /// </summary>
    private static bool OnItsOwn(BatchFile file, Action work, CancellationToken cancellationToken)
    {
        try
        {
            work();
            return true;
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
        catch (Exception error)
        {
            file.Request.Fail(error);
            return false;
        }
    }

    /// <summary>Step 2, in DuckDB: the batch's files and rows into staging, showing DuckDB's progress meanwhile.</summary>
    private void Load(List<BatchFile> staged, StagingFiles files)
    {
        void Report(long done, long total)
        {
            foreach (var file in staged) file.Request.Progress?.Report(new(file.Request.FileName, "loading", done, total));
        }
        Report(0, 0);
        using var watch = staged.All(f => f.Request.Progress is null) ? null : new Timer(_ =>
        {
            var query = writer.GetQueryProgress();
            if (query.Percentage >= 0) Report((long)query.Percentage, 100);
        }, null, 200, 200);
        Stage.Execute(writer, new
        {
            file_slots = staged.Select(f => f.Slot).ToList(),
            file_ids = staged.Select(f => f.FileId).ToList(),
            file_names = staged.Select(f => f.Request.FileName).ToList(),
            sizes = staged.Select(f => f.Input.Size).ToList(),
            sha256s = staged.Select(f => f.Sha256!).ToList(),
            lines_read = staged.Select(f => f.Check!.Lines).ToList(),
            rejected_by_line_check = staged.Select(f => f.Check!.Rejected).ToList(),
            rows = files.AllRows,
        });
    }

    /// <summary>
    /// Step 3: the raw text of the conflicts that may be kept (the first ones of each file), read
    /// back from the files, which must not have changed since they were read. Returns false when a
    /// file failed (its request is answered).
    /// </summary>
    private bool ReadBackFirstConflicts(List<BatchFile> read, string rawLines, CancellationToken cancellationToken)
    {
        using var output = new RejectionWriter(rawLines);
        var conflicts = FirstConflicts.Query(writer, new { max_kept = LineCheck.MaxKeptRejections }, r => (Slot: r.GetInt32(0), Line: r.GetInt64(1))).ToList();
        var allRead = true;
        foreach (var ofFile in conflicts.GroupBy(c => c.Slot))
        {
            var file = read.Single(f => f.Slot == ofFile.Key);
            allRead &= OnItsOwn(file, () =>
            {
                RejectedLineReadBack.Write(file.Input, file.Slot, file.Check!.Index, ofFile.Select(c => c.Line).ToList(), output);
                file.Input.EnsureUnchanged();
            }, cancellationToken);
        }
        cancellationToken.ThrowIfCancellationRequested();
        return allRead;
    }

    /// <summary>
    /// DuckDB's perfect_ht_threshold for counting a batch's Ids (2_classify.sql): a range of up to
    /// twice its rows (at least DuckDB's default of 2^12, at most 2^22, a 4-million-slot array).
    /// </summary>
    internal static int PerfectHashBits(long rows) => Math.Clamp((int)Math.Ceiling(Math.Log2(Math.Max(rows, 1) * 2.0)), 12, 22);
}
