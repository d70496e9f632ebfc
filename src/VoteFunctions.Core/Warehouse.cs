using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using DuckDB.NET.Data;

namespace VoteFunctions.Core;

/// <summary>
/// The vote warehouse: one DuckDB file. One instance per file per process; it is safe for
/// concurrent callers: writes (ingest, rebuild) are serialized, reads run on their own
/// connections and see only committed data.
/// </summary>
public sealed class Warehouse : IDisposable
{
    // Two Warehouse objects over the same file in one process still share one writer.
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> WriteLocks = new();
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> ViewLocks = new();

    private static readonly SqlScript Schema = SqlScript.Load("schema.sql");
    private static readonly SqlScript OutlierWeeksView = SqlScript.Load("outlier_weeks.sql");
    private static readonly SqlScript RebuildWeeklyCounts = SqlScript.Load("rebuild_weekly_vote_counts.sql");
    private static readonly SqlScript[] StagingSteps =
    [
        SqlScript.Load("ingest/0_scanner_rejections.sql"),
        SqlScript.Load("ingest/1_stage.sql"),
        SqlScript.Load("ingest/2_classify.sql"),
    ];
    private static readonly SqlScript Merge = SqlScript.Load("ingest/3_merge.sql");
    private static readonly SqlScript FillRawText = SqlScript.Load("ingest/4_fill_raw_text.sql");
    private static readonly SqlScript ExportParquet = SqlScript.Load("export_votes_parquet.sql");
    private static readonly SqlScript DropStaging = SqlScript.Load("ingest/5_drop_staging.sql");

    private readonly DuckDBConnection writer;
    private readonly SemaphoreSlim writeLock;
    private readonly SemaphoreSlim viewLock;

    public string DatabasePath { get; }

    /// <summary>DuckDB's memory limit; the process's peak stays a little above it (the .NET runtime, buffers).</summary>
    public const string MemoryLimit = "1GB";

    /// <summary>Runs inside an ingest's transaction just before it commits: tests fail an ingest here.</summary>
    internal Action? BeforeCommit { get; set; }

    private Warehouse(string databasePath, DuckDBConnection writer)
    {
        DatabasePath = databasePath;
        this.writer = writer;
        writeLock = WriteLocks.GetOrAdd(databasePath, _ => new SemaphoreSlim(1, 1));
        viewLock = ViewLocks.GetOrAdd(databasePath, _ => new SemaphoreSlim(1, 1));
    }

    /// <summary>Opens (creating if needed) the warehouse file and applies the model.</summary>
    public static Warehouse Open(string path)
    {
        var fullPath = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(fullPath)!;
        if (!Directory.Exists(folder))
            throw new WarehouseException($"cannot open warehouse {fullPath}: folder {folder} does not exist");
        var settings = new DuckDBConnectionStringBuilder { DataSource = fullPath };
        // Bounded memory whatever the file size: past this DuckDB spills to <warehouse>.tmp/.
        settings["memory_limit"] = MemoryLimit;
        var connection = new DuckDBConnection(settings.ConnectionString);
        try
        {
            connection.Open();
            Schema.Execute(connection);
        }
        catch (DuckDBException e)
        {
            connection.Dispose();
            throw new WarehouseException($"cannot open warehouse {fullPath}: {DescribeOpenFailure(e)}", e);
        }
        return new Warehouse(fullPath, connection);
    }

    private static string DescribeOpenFailure(DuckDBException e)
    {
        var message = FirstLine(e.Message);
        if (message.Contains("Could not set lock", StringComparison.OrdinalIgnoreCase) || message.Contains("Conflicting lock", StringComparison.OrdinalIgnoreCase))
        {
            var pid = System.Text.RegularExpressions.Regex.Match(e.Message, @"PID (\d+)");
            return "it is in use by another process" + (pid.Success ? $" (PID {pid.Groups[1].Value})" : "") +
                   "; a warehouse file has one writer at a time, try again when that process ends";
        }
        if (message.Contains("Permission denied", StringComparison.OrdinalIgnoreCase) || message.Contains("Read-only", StringComparison.OrdinalIgnoreCase))
            return "permission denied (is the file or its folder read-only?)";
        return message;
    }

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();

    /// <summary>Ingests a file from a path; <paramref name="fileName"/> is the name recorded (default: the file's name).</summary>
    public Task<IngestResult> IngestFileAsync(string path, string? fileName = null, IProgress<IngestProgress>? progress = null, CancellationToken cancellationToken = default) =>
        IngestAsync(path, fileName, knownSha256: null, progress, cancellationToken);

    /// <summary>Ingests a stream (a blob): it is copied to a local temporary file, because DuckDB reads files, and hashed on the way.</summary>
    public async Task<IngestResult> IngestStreamAsync(Stream content, string fileName, IProgress<IngestProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        using var temp = new TemporaryFolder();
        var local = temp.PathOf("content");
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using (var copy = new FileStream(local, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20, useAsync: true))
        {
            var buffer = new byte[1 << 20];
            int read;
            while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
            {
                sha256.AppendData(buffer, 0, read);
                await copy.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
        }
        return await IngestAsync(local, fileName, Convert.ToHexStringLower(sha256.GetHashAndReset()), progress, cancellationToken);
    }

    private async Task<IngestResult> IngestAsync(string path, string? fileName, string? knownSha256, IProgress<IngestProgress>? progress, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        fileName ??= Path.GetFileName(path);
        FileInfo file;
        try
        {
            file = new FileInfo(path);
            if (!file.Exists) throw new WarehouseException($"cannot ingest {path}: file not found");
            if ((file.Attributes & FileAttributes.Directory) != 0) throw new WarehouseException($"cannot ingest {path}: it is a folder");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new WarehouseException($"cannot ingest {path}: {e.Message}", e);
        }

        var size = file.Length;
        var gzip = VoteFileScanner.IsGzip(path);

        // Re-deliveries end here. A blob's SHA-256 was computed on download: the ledger answers at
        // once. A file's fast key comes from the fast read, which runs while the ledger is asked
        // for the files of the same size; once the ledger names some (a likely re-delivery), the
        // read only computes the key, which is quicker.
        if (knownSha256 is not null && FindIngested(knownSha256) is { } delivered) return AlreadyIngested(fileName, size, delivered, stopwatch);
        var sameSize = knownSha256 is null ? Task.Run(() => LedgerEntriesOfSize(size), cancellationToken) : Task.FromResult(NoLedgerEntries);
        bool MayBeRedelivery() => sameSize.IsCompletedSuccessfully && sameSize.Result.Count > 0;
        var reading = new InlineProgress<long>(b => progress?.Report(new(fileName, "reading", b, size)));
        var quick = await ReadFileAsync(path, () => VoteFileScanner.CheckQuickly(path, reading, cancellationToken, MayBeRedelivery), cancellationToken);
        if (WithFastKey(await sameSize, quick.Xxh128) is { } redelivered) return AlreadyIngested(fileName, size, redelivered, stopwatch);
        // The same size, new content: the read stopped checking, so it runs again in full.
        if (!quick.Complete) quick = await ReadFileAsync(path, () => VoteFileScanner.CheckQuickly(path, reading, cancellationToken), cancellationToken);

        // New content. Its SHA-256 is only needed at commit: it is computed while DuckDB works.
        using var temp = new TemporaryFolder();
        using var hashCancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sha256 = knownSha256 is not null ? Task.FromResult(knownSha256) : ReadFileAsync(path, () => ContentHashes.Sha256OfFile(path, hashCancel.Token), hashCancel.Token);
        var cleaning = new InlineProgress<long>(b => progress?.Report(new(fileName, "cleaning", b, size)));
        try
        {
            // A file DuckDB cannot read as it is gets the line scan before the writer is taken.
            var prepared = quick.ReadableAsIs
                ? new PreparedFile(path, false, quick.Lines, quick.Lines, temp.EmptyFile("no-scanner-rejections.jsonl"), Scanned: false)
                : await Task.Run(() => PrepareForDuckDb(path, gzip, temp, cleaning, cancellationToken), cancellationToken);

            await writeLock.WaitAsync(cancellationToken);
            try
            {
                return await Task.Run(() =>
                {
                    // A concurrent caller may have ingested the same content while this one waited.
                    if (WithFastKey(LedgerEntriesOfSize(size), quick.Xxh128) is { } meanwhile) return AlreadyIngested(fileName, size, meanwhile, stopwatch);
                    progress?.Report(new(fileName, "loading", 0, size));
                    var ingest = new PendingIngest(path, gzip, quick.Index, fileName, size, quick.Xxh128, sha256, temp, stopwatch);
                    try
                    {
                        return Load(ingest, prepared, cancellationToken);
                    }
                    catch (RowsDoNotMatchLinesException) when (!prepared.Scanned)
                    {
                        // A blank line between others (DuckDB skips it): read a copy with placeholders.
                        return Load(ingest, PrepareForDuckDb(path, gzip, temp, cleaning, cancellationToken), cancellationToken);
                    }
                    catch (DuckDBException e) when (e.Message.Contains("Malformed JSON", StringComparison.OrdinalIgnoreCase))
                    {
                        // A line stopped DuckDB's reader even with ignore_errors (an object left open):
                        // validate every line in full and give it a copy with placeholders.
                        var validating = new InlineProgress<long>(b => progress?.Report(new(fileName, "validating", b, size)));
                        return Load(ingest, PrepareCleanCopy(path, gzip, temp, validateJson: true, validating, cancellationToken), cancellationToken);
                    }
                }, cancellationToken);
            }
            finally
            {
                writeLock.Release();
            }
        }
        finally
        {
            await CancelAsync(hashCancel, sha256);
        }
    }

    /// <summary>The result of an ingest that found the content in the ledger: nothing changed.</summary>
    private static IngestResult AlreadyIngested(string fileName, long size, IngestedFile earlier, Stopwatch stopwatch) =>
        new(fileName, earlier.Sha256, size, earlier.LinesRead, 0, 0, 0, earlier, stopwatch.Elapsed);

    /// <summary>Runs a read of the file on the thread pool; a failure to read becomes a one-line error.</summary>
    private static async Task<T> ReadFileAsync<T>(string path, Func<T> read, CancellationToken cancellationToken)
    {
        try
        {
            return await Task.Run(read, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new WarehouseException($"cannot read {path}: {e.Message}", e);
        }
    }

    /// <summary>An ingest under way: what <see cref="Load"/> needs besides the file DuckDB reads.</summary>
    private sealed record PendingIngest(string Path, bool IsGzip, LineIndex? Index, string FileName, long Size, string Xxh128, Task<string> Sha256, TemporaryFolder Temp, Stopwatch Stopwatch);

    private sealed class RowsDoNotMatchLinesException(string message, Exception inner) : Exception(message, inner);

    private static async Task CancelAsync(CancellationTokenSource cancel, Task work)
    {
        cancel.Cancel();
        try { await work; } catch (Exception) when (work.IsCanceled || work.IsFaulted) { }
    }

    private static IngestedFile? WithFastKey(List<(string? Xxh128, IngestedFile Ingested)> entries, string xxh128) =>
        entries.FirstOrDefault(entry => entry.Xxh128 == xxh128).Ingested;

    private static readonly List<(string? Xxh128, IngestedFile Ingested)> NoLedgerEntries = [];

    /// <summary>The ledger entries of files of this size, with their fast keys (null for entries from before the key existed).</summary>
    private List<(string? Xxh128, IngestedFile Ingested)> LedgerEntriesOfSize(long size)
    {
        using var connection = OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {LedgerColumns}, Xxh128 FROM blog_analysis.ingested_files WHERE SizeBytes = $size_bytes";
        command.Parameters.Add(new DuckDBParameter("size_bytes", size));
        using var reader = command.ExecuteReader();
        var entries = new List<(string?, IngestedFile)>();
        while (reader.Read()) entries.Add((reader.IsDBNull(9) ? null : reader.GetString(9), ReadLedgerRow(reader)));
        return entries;
    }

    /// <summary>
    /// What DuckDB reads (the file itself, or its clean copy when rows would not match lines), how
    /// many rows it must give, and the lines the scanner rejected (none when it did not run).
    /// </summary>
    private sealed record PreparedFile(string Source, bool SourceIsGzip, long LinesRead, long RowsExpected, string RejectionsPath, bool Scanned = true);

    private static PreparedFile PrepareForDuckDb(string path, bool gzip, TemporaryFolder temp, IProgress<long> cleaning, CancellationToken cancellationToken)
    {
        var rejections = temp.PathOf("scanner-rejections.jsonl");
        var scan = VoteFileScanner.Scan(path, gzip, rejections, cleanCopyPath: null, validateJson: false, bytesRead: null, cancellationToken);
        return scan.NeedsCleanCopy
            ? PrepareCleanCopy(path, gzip, temp, validateJson: false, cleaning, cancellationToken)
            : new PreparedFile(path, gzip, scan.LinesRead, scan.RowsExpected, rejections);
    }

    private static PreparedFile PrepareCleanCopy(string path, bool gzip, TemporaryFolder temp, bool validateJson, IProgress<long> cleaning, CancellationToken cancellationToken)
    {
        var rejections = temp.PathOf("scanner-rejections.jsonl");
        var clean = temp.PathOf("clean.jsonl");
        var scan = VoteFileScanner.Scan(path, gzip, rejections, clean, validateJson, cleaning, cancellationToken);
        return new PreparedFile(clean, false, scan.LinesRead, scan.RowsExpected, rejections);
    }

    private IngestResult Load(PendingIngest ingest, PreparedFile prepared, CancellationToken cancellationToken)
    {
        var (originalPath, originalIsGzip, originalIndex, fileName, size, xxh128, _, temp, stopwatch) = ingest;
        var fileId = (long)Scalar(writer, "SELECT nextval('blog_analysis.ingested_file_ids')")!;
        var parameters = new Dictionary<string, object?>
        {
            ["source"] = prepared.Source,
            ["compression"] = prepared.SourceIsGzip ? "gzip" : "uncompressed",
            ["scanner_rejections"] = prepared.RejectionsPath,
            ["file_id"] = fileId,
            ["file_name"] = fileName,
            ["size_bytes"] = size,
            ["xxh128"] = xxh128,
            ["lines_read"] = prepared.LinesRead,
            ["rows_expected"] = prepared.RowsExpected,
            ["perfect_hash_bits"] = PerfectHashBits(prepared.RowsExpected),
            ["ingested_at"] = DateTime.UtcNow,
        };
        try
        {
            // Staging works on this connection's temporary tables only, outside the transaction
            // (which gives typed_rows the plain row ids that are its line numbers). The write lock
            // keeps the stored votes it compares against unchanged until the merge commits.
            try
            {
                foreach (var step in StagingSteps)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    step.Execute(writer, parameters);
                }
            }
            catch (DuckDBException e) when (e.Message.Contains("cannot be matched to line numbers", StringComparison.Ordinal))
            {
                var message = $"cannot ingest {fileName}: {FirstLine(e.Message)}; nothing was written";
                throw prepared.Scanned ? new WarehouseException(message, e) : new RowsDoNotMatchLinesException(message, e);
            }

            // The content's identity, hashed while DuckDB read it. The same content may be in the
            // ledger under another name, from before the fast key existed, or from a concurrent
            // caller that held the writer while this one waited.
            var sha256 = ingest.Sha256.GetAwaiter().GetResult();
            if (LedgerEntry(writer, "Sha256", sha256) is { } earlier) return AlreadyIngested(fileName, size, earlier, stopwatch);
            parameters["sha256"] = sha256;

            using var transaction = writer.BeginTransaction();
            try
            {
                Merge.Execute(writer, parameters);
                // The raw text of the lines rejected in SQL, read back from the file for those lines only.
                var rejectedInSql = LinesRejectedInSql();
                if (rejectedInSql.Count > 0)
                {
                    parameters["raw_lines"] = temp.PathOf("raw-lines.jsonl");
                    VoteFileScanner.WriteRejectedLines(originalPath, originalIsGzip, originalIndex, rejectedInSql, (string)parameters["raw_lines"]!);
                    FillRawText.Execute(writer, parameters);
                }

                var ingested = LedgerEntry(writer, "FileId", fileId)!;
                BeforeCommit?.Invoke();
                PauseBeforeCommitForCrashTests();
                cancellationToken.ThrowIfCancellationRequested();
                transaction.Commit();
                return new IngestResult(fileName, sha256, size, ingested.LinesRead, ingested.Inserted, ingested.Duplicates, ingested.Rejected, null, stopwatch.Elapsed);
            }
            catch
            {
                transaction.Rollback();
                throw;
            }
        }
        finally
        {
            DropStaging.Execute(writer);
        }
    }

    /// <summary>
    /// DuckDB's perfect_ht_threshold for counting a file's Ids: a range of up to twice its rows
    /// (at least DuckDB's default of 2^12, at most 2^22, a 4-million-slot array per thread).
    /// </summary>
    internal static int PerfectHashBits(long rows) => Math.Clamp((int)Math.Ceiling(Math.Log2(Math.Max(rows, 1) * 2.0)), 12, 22);

    /// <summary>
    /// The crash test kills a CLI process here, with every row written and nothing committed:
    /// it sets VOTEFUNCTIONS_PAUSE_BEFORE_COMMIT_MS and waits for this line on stderr.
    /// </summary>
    private static void PauseBeforeCommitForCrashTests()
    {
        if (!int.TryParse(Environment.GetEnvironmentVariable("VOTEFUNCTIONS_PAUSE_BEFORE_COMMIT_MS"), out var milliseconds)) return;
        Console.Error.WriteLine("votes: paused before commit");
        Thread.Sleep(milliseconds);
    }

    private List<long> LinesRejectedInSql()
    {
        using var command = writer.CreateCommand();
        command.CommandText = "SELECT LineNumber FROM sql_rejections ORDER BY LineNumber";
        using var reader = command.ExecuteReader();
        var lines = new List<long>();
        while (reader.Read()) lines.Add(reader.GetInt64(0));
        return lines;
    }

    /// <summary>The ledger entry for this content, if it was ingested before.</summary>
    public IngestedFile? FindIngested(string sha256)
    {
        using var connection = OpenReader();
        return LedgerEntry(connection, "Sha256", sha256);
    }

    /// <summary>Every ledger entry, oldest first.</summary>
    public IReadOnlyList<IngestedFile> ListIngestedFiles()
    {
        using var connection = OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = LedgerQuery + " ORDER BY FileId";
        using var reader = command.ExecuteReader();
        var files = new List<IngestedFile>();
        while (reader.Read()) files.Add(ReadLedgerRow(reader));
        return files;
    }

    /// <summary>Rejected lines, of one file name or of all, in file then line order.</summary>
    public IReadOnlyList<RejectedLine> ListRejectedLines(string? fileName = null)
    {
        using var connection = OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT f.FileName, r.LineNumber, r.RawText, r.Reason
            FROM blog_analysis.rejected_lines AS r JOIN blog_analysis.ingested_files AS f USING (FileId)
            WHERE $file_name IS NULL OR f.FileName = $file_name
            ORDER BY r.FileId, r.LineNumber
            """;
        command.Parameters.Add(new DuckDBParameter("file_name", (object?)fileName ?? DBNull.Value));
        using var reader = command.ExecuteReader();
        var lines = new List<RejectedLine>();
        while (reader.Read())
            lines.Add(new RejectedLine(reader.GetString(0), reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetString(3)));
        return lines;
    }

    private const string LedgerColumns = "FileId, FileName, SizeBytes, Sha256, IngestedAt, LinesRead, Inserted, Duplicates, Rejected";
    private const string LedgerQuery = $"SELECT {LedgerColumns} FROM blog_analysis.ingested_files";

    private static IngestedFile? LedgerEntry(DuckDBConnection connection, string keyColumn, object key)
    {
        using var command = connection.CreateCommand();
        command.CommandText = LedgerQuery + $" WHERE {keyColumn} = $key";
        command.Parameters.Add(new DuckDBParameter("key", key));
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadLedgerRow(reader) : null;
    }

    private static IngestedFile ReadLedgerRow(System.Data.Common.DbDataReader reader) => new(
        reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), reader.GetString(3), reader.GetDateTime(4),
        reader.GetInt64(5), reader.GetInt64(6), reader.GetInt64(7), reader.GetInt64(8));

    /// <summary>Recreates the view blog_analysis.outlier_weeks and returns its rows.</summary>
    public IReadOnlyList<OutlierWeek> RefreshOutlierWeeks()
    {
        // Readers recreate the view concurrently with ingests; only the view's own DDL is serialized.
        viewLock.Wait();
        try
        {
            using var connection = OpenReader();
            OutlierWeeksView.Execute(connection);
            using var command = connection.CreateCommand();
            command.CommandText = """SELECT "Year", "WeekNumber", "VoteCount" FROM blog_analysis.outlier_weeks""";
            using var reader = command.ExecuteReader();
            var weeks = new List<OutlierWeek>();
            while (reader.Read()) weeks.Add(new OutlierWeek(reader.GetInt32(0), reader.GetInt32(1), reader.GetInt64(2)));
            return weeks;
        }
        finally
        {
            viewLock.Release();
        }
    }

    /// <summary>
    /// Exports the votes as Parquet files partitioned by Year and WeekNumber into a new or empty
    /// folder; returns the number of votes exported.
    /// </summary>
    public long ExportVotesToParquet(string folder)
    {
        var fullPath = Path.GetFullPath(folder);
        if (Directory.Exists(fullPath) && Directory.EnumerateFileSystemEntries(fullPath).Any())
            throw new WarehouseException($"cannot export to {fullPath}: the folder is not empty");
        using var connection = OpenReader();
        ExportParquet.Execute(connection, new Dictionary<string, object?> { ["folder"] = fullPath });
        return (long)Scalar(connection, "SELECT count(*) FROM blog_analysis.votes")!;
    }

    /// <summary>
    /// The nightly rebuild: recomputes the weekly counts from the votes, recreates the view and
    /// checkpoints the database so the write-ahead log is folded into the file.
    /// </summary>
    public async Task<RebuildResult> RebuildDerivedDataAsync(CancellationToken cancellationToken = default)
    {
        var stopwatch = Stopwatch.StartNew();
        await writeLock.WaitAsync(cancellationToken);
        try
        {
            using (var transaction = writer.BeginTransaction())
            {
                RebuildWeeklyCounts.Execute(writer);
                transaction.Commit();
            }
            var outliers = RefreshOutlierWeeks();
            var checkpointed = await CheckpointAsync(cancellationToken);
            var votes = (long)Scalar(writer, "SELECT count(*) FROM blog_analysis.votes")!;
            var weeks = Convert.ToInt32(Scalar(writer, "SELECT count(*) FROM blog_analysis.weekly_vote_counts"));
            return new RebuildResult(votes, weeks, outliers.Count, checkpointed, stopwatch.Elapsed);
        }
        finally
        {
            writeLock.Release();
        }
    }

    /// <summary>
    /// Folds the write-ahead log into the database file. DuckDB refuses while another connection
    /// has a write transaction open (a request recreating the view), so this tries a few times and
    /// then leaves it to DuckDB's automatic checkpoints rather than fail the nightly run or abort
    /// readers with FORCE CHECKPOINT. Ingests cannot interfere: the caller holds the write lock.
    /// </summary>
    private async Task<bool> CheckpointAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                Scalar(writer, "CHECKPOINT");
                return true;
            }
            catch (DuckDBException e) when (e.Message.Contains("Cannot CHECKPOINT", StringComparison.Ordinal) && attempt < 10)
            {
                await Task.Delay(100 * attempt, cancellationToken);
            }
            catch (DuckDBException e) when (e.Message.Contains("Cannot CHECKPOINT", StringComparison.Ordinal))
            {
                return false;
            }
        }
    }

    /// <summary>
    /// A new connection to the same database instance (DuckDB.NET shares one instance per file
    /// within a process), for reads that must not wait for the writer.
    /// </summary>
    private DuckDBConnection OpenReader()
    {
        var connection = new DuckDBConnection(writer.ConnectionString);
        connection.Open();
        return connection;
    }

    private static object? Scalar(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    public void Dispose() => writer.Dispose();
}
