using System.Diagnostics;
using DuckDB.NET.Data;
using VoteFunctions.Core.Files;
using VoteFunctions.Core.Queries;
using VoteFunctions.Core.Sql;
using static VoteFunctions.Core.Ingest.IngestTelemetry;

namespace VoteFunctions.Core.Ingest;

/// <summary>
/// One file into the warehouse, as straight-line steps, run by the writer under the write lock:
/// <list type="number">
/// <item>recognise the content: only a size the ledger has can be a re-delivery; then hash and ask;</item>
/// <item>read: C# judges every line (<see cref="LineCheck"/>) and writes the votes of the good ones
///   as rows, which DuckDB loads (ingest/1_stage.sql);</item>
/// <item>classify: find duplicates and conflicts, within the file and with the stored votes
///   (ingest/2_classify.sql), and read back the raw text of the first conflicts;</item>
/// <item>merge votes, weekly counts, ledger row and rejected lines in one transaction
///   (ingest/3_merge.sql): all or nothing per file.</item>
/// </list>
/// Staging lives in the writer connection's temporary tables, outside the transaction; the write
/// lock keeps the stored votes it compares against unchanged until the merge commits.
/// </summary>
internal sealed class IngestPipeline(DuckDBConnection writer, WarehouseOptions options)
{
    private static readonly SqlScript StagingMacros = SqlScript.Load("ingest/0_staging_macros.sql");
    private static readonly SqlScript Stage = SqlScript.Load("ingest/1_stage.sql");
    private static readonly SqlScript Classify = SqlScript.Load("ingest/2_classify.sql");
    private static readonly SqlScript FirstConflicts = SqlScript.Of("SELECT LineNumber FROM matched_lines WHERE Reason IS NOT NULL ORDER BY LineNumber LIMIT $max_kept");
    private static readonly SqlScript Merge = SqlScript.Load("ingest/3_merge.sql");
    private static readonly SqlScript DropStaging = SqlScript.Load("ingest/4_drop_staging.sql");

    /// <summary>Readies the writer's connection for ingests, once: the rules the steps share.</summary>
    public static void Prepare(DuckDBConnection writer) => StagingMacros.Execute(writer);

    public IngestResult Run(InputFile input, string fileName, string? knownSha256, IProgress<IngestProgress>? progress, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();

        // 1. Recognise the content.
        var sha256 = knownSha256;
        var (sizeKnown, fileId) = Step("recognise", () => Ledger.BeforeIngestOf(writer, input.Size));
        if (sizeKnown)
        {
            sha256 ??= Step("recognise", () => ContentKey.OfFile(input.Path, cancellationToken));
            if (Ledger.FindBySha256(writer, sha256) is { } earlier)
            {
                if (earlier.FileName != fileName) Ledger.RecordRedelivery(writer, fileName, input.Size, sha256);
                return IngestResult.Unchanged(fileName, input.Size, earlier, stopwatch.Elapsed);
            }
        }

        using var temp = new TemporaryFolder();
        // A cancelled ingest interrupts the DuckDB statement under way rather than wait for it.
        var interrupt = cancellationToken.Register(() => writer.CreateCommand().Cancel());
        try
        {
            // 2. Read.
            var lineRejections = temp.PathOf("line-rejections.jsonl");
            var check = Step("read", () => Read(input, fileName, hashing: sha256 is null, temp, lineRejections, progress, cancellationToken));
            sha256 ??= check.Sha256!;
            input.EnsureUnchanged();

            // 3. Classify.
            Step("classify", () => Classify.Execute(writer, new { perfect_hash_bits = PerfectHashBits(check.Lines) }));
            // The raw text of the conflicts that may be kept (the first ones), read back from the file.
            var rawLines = temp.PathOf("raw-lines.jsonl");
            Step("read back", () => RejectedLineReadBack.Write(input, check.Index, FirstConflicts.Query(writer, new { max_kept = LineCheck.MaxKeptRejections }, r => r.GetInt64(0)).ToList(), rawLines));

            // 4. Merge, in one transaction.
            progress?.Report(new(fileName, "committing", 0, 0));
            var stored = Step("merge", () => WriteTransaction.Run(writer, () =>
            {
                var ledgerRow = Merge.Query(writer, new
                {
                    file_id = fileId,
                    file_name = fileName,
                    size_bytes = input.Size,
                    sha256,
                    ingested_at = DateTime.UtcNow,
                    lines_read = check.Lines,
                    rejected_by_line_check = check.Rejected,
                    line_rejections = lineRejections,
                    raw_lines = rawLines,
                    max_kept = LineCheck.MaxKeptRejections,
                }, Ledger.Read).Single();
                options.BeforeCommit?.Invoke();
                cancellationToken.ThrowIfCancellationRequested();
                interrupt.Dispose(); // a commit is not interrupted half-way
                return ledgerRow;
            }));
            return IngestResult.Ingested(stored, stopwatch.Elapsed);
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
    /// Step 2: the line check writes the votes of the good lines as rows and the bad lines as
    /// rejections; DuckDB loads the rows (1_stage.sql), showing its own progress meanwhile.
    /// </summary>
    private LineCheck.Result Read(InputFile input, string fileName, bool hashing, TemporaryFolder temp, string lineRejections, IProgress<IngestProgress>? progress, CancellationToken cancellationToken)
    {
        progress?.Report(new(fileName, "reading", 0, input.Size));
        var bytes = new InlineProgress<long>(done => progress?.Report(new(fileName, "reading", done, input.Size)));
        var check = LineCheck.Run(input, lineRejections, temp.Folder, hashing, bytes, cancellationToken);

        progress?.Report(new(fileName, "loading", 0, 0));
        using var watch = progress is null ? null : new Timer(_ =>
        {
            var query = writer.GetQueryProgress();
            if (query.Percentage >= 0) progress.Report(new(fileName, "loading", (long)query.Percentage, 100));
        }, null, 200, 200);
        Stage.Execute(writer, new { rows = temp.PathOf("rows-*.csv") });
        return check;
    }

    /// <summary>
    /// DuckDB's perfect_ht_threshold for counting a file's Ids (2_classify.sql): a range of up to
    /// twice its rows (at least DuckDB's default of 2^12, at most 2^22, a 4-million-slot array).
    /// </summary>
    internal static int PerfectHashBits(long rows) => Math.Clamp((int)Math.Ceiling(Math.Log2(Math.Max(rows, 1) * 2.0)), 12, 22);
}
