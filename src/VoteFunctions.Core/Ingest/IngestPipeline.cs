using System.Diagnostics;
using DuckDB.NET.Data;
using VoteFunctions.Core.Files;
using VoteFunctions.Core.Queries;
using VoteFunctions.Core.Sql;
using static VoteFunctions.Core.Ingest.IngestTelemetry;

namespace VoteFunctions.Core.Ingest;

/// <summary>
/// A batch of files into the warehouse (formed by <see cref="IngestWriter"/>), as straight-line
/// steps on the writer's connection:
/// <list type="number">
/// <item>recognise each content: only a size the ledger has can be a re-delivery; then hash and ask;</item>
/// <item>read: C# judges every line of each file (<see cref="LineCheck"/>, a file per core) while
///   DuckDB's appender loads the checked lines into staging tables (<see cref="Staging"/>,
///   ingest/1_staging_tables.sql); then the files to store are listed (ingest/2_batch_files.sql),
///   a content that came earlier in the batch left out;</item>
/// <item>classify: find duplicates and conflicts, within each file, with the stored votes and with
///   the earlier files of the batch (ingest/3_classify.sql), and read back the raw text of the
///   first conflicts of each file;</item>
/// <item>merge votes, weekly counts, rejected lines and a ledger row per file in one transaction
///   (ingest/4_merge.sql).</item>
/// </list>
/// Each file gets the verdicts and counts it would get alone, ingested after the files before it
/// in the batch, and is all or nothing: the batch commits whole or not at all. A file that fails on
/// its own (unreadable, damaged, changed while read) fails alone and the others go on. The
/// pipeline answers nobody: it says what became of each file (<see cref="BatchOutcome"/>).
/// Staging lives in the writer connection's temporary tables, outside the transaction; the writer
/// being the only one keeps the stored votes it compares against unchanged until the merge commits.
/// </summary>
internal sealed class IngestPipeline(DuckDBConnection writer, WarehouseOptions options)
{
    private static readonly SqlScript StagingMacros = SqlScript.Load("ingest/0_staging_macros.sql");
    private static readonly SqlScript StagingTables = SqlScript.Load("ingest/1_staging_tables.sql");
    private static readonly SqlScript BatchFiles = SqlScript.Load("ingest/2_batch_files.sql");
    private static readonly SqlScript LeftOutFiles = SqlScript.Load("ingest/2_left_out_files.sql");
    private static readonly SqlScript Classify = SqlScript.Load("ingest/3_classify.sql");
    private static readonly SqlScript FirstConflicts = SqlScript.Of("""
        SELECT FileSlot, LineNumber FROM matched_lines WHERE Reason IS NOT NULL
        QUALIFY row_number() OVER (PARTITION BY FileSlot ORDER BY LineNumber) <= $max_kept
        ORDER BY FileSlot, LineNumber
        """);
    private static readonly SqlScript Merge = SqlScript.Load("ingest/4_merge.sql");
    private static readonly SqlScript DropStaging = SqlScript.Load("ingest/5_drop_staging.sql");

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

    /// <summary>Ingests the batch; says what became of each file, and what stopped the batch, if anything.</summary>
    public BatchOutcome Run(IReadOnlyList<IngestRequest> batch, CancellationToken cancellationToken)
    {
        var outcomes = new FileOutcome?[batch.Count];
        // A cancelled ingest interrupts the DuckDB statement under way rather than wait for it.
        var interrupt = cancellationToken.Register(() => writer.CreateCommand().Cancel());
        try
        {
            Ingest(batch, outcomes, interrupt, cancellationToken);
            return new BatchOutcome(outcomes, null);
        }
        catch (Exception error)
        {
            // DuckDB reports its interrupt as an error of its own, the line check's tasks as theirs.
            return new BatchOutcome(outcomes, cancellationToken.IsCancellationRequested ? new OperationCanceledException(cancellationToken) : error);
        }
        finally
        {
            interrupt.Dispose();
            Step("drop staging", () => DropStaging.Execute(writer));
        }
    }

    private void Ingest(IReadOnlyList<IngestRequest> batch, FileOutcome?[] outcomes, CancellationTokenRegistration interrupt, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        void Fail(BatchFile file, Exception error) => outcomes[file.Slot] = FileOutcome.Failed(error);
        void Unchanged(BatchFile file, IngestedFile earlier)
        {
            outcomes[file.Slot] = FileOutcome.Done(IngestResult.Unchanged(file.Request.FileName, file.Input.Size, earlier, stopwatch.Elapsed));
            if (earlier.FileName != file.Request.FileName) Ledger.RecordRedelivery(writer, file.Request.FileName, file.Input.Size, earlier.Sha256);
        }

        // 1. Recognise the contents.
        var (knownSizes, nextFileId) = Step("recognise", () => Ledger.BeforeIngest(writer, batch.Select(request => request.Input.Size)));
        var toRead = new List<BatchFile>();
        foreach (var file in batch.Select((request, slot) => new BatchFile(request, slot)))
        {
            if (knownSizes.Contains(file.Input.Size))
            {
                try
                {
                    file.Sha256 ??= ContentKey.OfFile(file.Input.Path, cancellationToken);
                }
                catch (Exception error) when (error is not OperationCanceledException)
                {
                    Fail(file, error);
                    continue;
                }
                if (Step("recognise", () => Ledger.FindBySha256(writer, file.Sha256!)) is { } earlier)
                {
                    Unchanged(file, earlier);
                    continue;
                }
            }
            toRead.Add(file);
        }
        if (toRead.Count == 0) return;

        // 2. Read, and load into staging.
        StagingTables.Execute(writer);
        Step("read", () => Read(toRead, Fail, cancellationToken));
        var read = toRead.Where(file => outcomes[file.Slot] is null).ToList();
        // A content that came earlier in the batch is stored once, under the first name.
        var staged = read.DistinctBy(file => file.Sha256).ToList();
        if (staged.Count == 0) return;
        for (var i = 0; i < staged.Count; i++) staged[i].FileId = nextFileId + i;
        Step("list files", () => BatchFiles.Execute(writer, new
        {
            file_slots = staged.Select(f => f.Slot).ToList(),
            file_ids = staged.Select(f => f.FileId).ToList(),
            file_names = staged.Select(f => f.Request.FileName).ToList(),
            sizes = staged.Select(f => f.Input.Size).ToList(),
            sha256s = staged.Select(f => f.Sha256!).ToList(),
            lines_read = staged.Select(f => f.Check!.Lines).ToList(),
            rejected_by_line_check = staged.Select(f => f.Check!.Rejected).ToList(),
        }));
        if (staged.Count < toRead.Count) Step("list files", () => LeftOutFiles.Execute(writer));

        // 3. Classify.
        foreach (var file in staged) file.Request.Report(IngestStage.Classifying);
        Step("classify", () => Classify.Execute(writer, new { perfect_hash_bits = PerfectHashBits(staged.Sum(f => f.Check!.Lines)) }));
        // A file that fails now was judged with the others: they are left for another batch, without it.
        if (!Step("read back", () => ReadBackFirstConflicts(staged, Fail, cancellationToken))) return;

        // 4. Merge, in one transaction.
        foreach (var file in staged) file.Request.Report(IngestStage.Committing);
        var ledgerRows = Step("merge", () => WriteTransaction.Run(writer, () =>
        {
            var rows = Merge.Query(writer, new
            {
                first_file_id = nextFileId,
                ingested_at = DateTime.UtcNow,
                max_kept = LineCheck.MaxKeptRejections,
            }, Ledger.Read).ToDictionary(row => row.FileId);
            options.BeforeCommit?.Invoke();
            // The callers' own tokens too: the batch's linked token learns of a cancellation a moment later.
            foreach (var request in batch) request.CancellationToken.ThrowIfCancellationRequested();
            cancellationToken.ThrowIfCancellationRequested();
            interrupt.Dispose(); // a commit is not interrupted half-way
            return rows;
        }));

        // Committed.
        var stored = staged.ToDictionary(file => file.Sha256!, file => ledgerRows[file.FileId]);
        foreach (var file in staged) outcomes[file.Slot] = FileOutcome.Done(IngestResult.Ingested(ledgerRows[file.FileId], stopwatch.Elapsed));
        foreach (var file in read.Except(staged)) Unchanged(file, stored[file.Sha256!]);
    }

    /// <summary>
    /// Step 2: the line check of each file, as many at a time as there are cores (a large file is
    /// also cut in two), while this thread loads what they find into staging. A file that fails
    /// alone is told to <paramref name="fail"/>; its lines are left out of the batch later.
    /// </summary>
    private void Read(List<BatchFile> files, Action<BatchFile, Exception> fail, CancellationToken cancellationToken)
    {
        using var checkedLines = new CheckedLinesQueue();
        // The load failing (DuckDB out of memory, say) stops the checks, which would wait on it.
        using var loadFailed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // A thread of its own, as the checks wait on the loader (see LineCheck).
        var checks = Task.Factory.StartNew(() =>
        {
            try
            {
                Parallel.ForEach(files, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, file =>
                {
                    try
                    {
                        file.Request.Report(IngestStage.Reading, 0, file.Input.Size);
                        var bytesRead = new InlineProgress<long>(done => file.Request.Report(IngestStage.Reading, done, file.Input.Size));
                        file.Check = LineCheck.Run(new(file.Input, file.Slot, Hash: file.Sha256 is null, bytesRead, options.CanonicalFastPath), checkedLines, loadFailed.Token);
                        file.Sha256 ??= file.Check.Sha256;
                        file.Input.EnsureUnchanged();
                    }
                    catch (Exception error) when (error is not OperationCanceledException)
                    {
                        fail(file, error); // its own, even while the batch is being cancelled
                    }
                });
            }
            finally
            {
                checkedLines.Complete();
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            Staging.Load(writer, checkedLines, loadFailed.Token);
        }
        catch
        {
            loadFailed.Cancel();
            checks.ContinueWith(_ => { }).Wait();
            throw;
        }
        checks.GetAwaiter().GetResult();
        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>
    /// Step 3: the raw text of the conflicts that may be kept (the first ones of each file), read
    /// back from the files, which must not have changed since they were read. Returns false when a
    /// file failed (told to <paramref name="fail"/>).
    /// </summary>
    private bool ReadBackFirstConflicts(List<BatchFile> staged, Action<BatchFile, Exception> fail, CancellationToken cancellationToken)
    {
        var conflicts = FirstConflicts.Query(writer, new { max_kept = LineCheck.MaxKeptRejections }, r => (Slot: r.GetInt32(0), Line: r.GetInt64(1))).ToList();
        var allRead = true;
        foreach (var ofFile in conflicts.GroupBy(c => c.Slot))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var file = staged.Single(f => f.Slot == ofFile.Key);
            try
            {
                var lines = RejectedLineReadBack.Read(file.Input, file.Check!.Index, ofFile.Select(c => c.Line).ToList());
                file.Input.EnsureUnchanged();
                Staging.AddRawLines(writer, file.Slot, lines);
            }
            catch (Exception error) when (error is not (DuckDBException or OperationCanceledException))
            {
                fail(file, error);
                allRead = false;
            }
        }
        return allRead;
    }

    /// <summary>
    /// DuckDB's perfect_ht_threshold for counting a batch's Ids (3_classify.sql): a range of up to
    /// twice its rows (at least DuckDB's default of 2^12, at most 2^22, a 4-million-slot array).
    /// </summary>
    internal static int PerfectHashBits(long rows) => Math.Clamp((int)Math.Ceiling(Math.Log2(Math.Max(rows, 1) * 2.0)), 12, 22);
}
