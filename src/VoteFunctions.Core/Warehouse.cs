using System.Diagnostics;
using DuckDB.NET.Data;
using VoteFunctions.Core.Files;
using VoteFunctions.Core.Ingest;
using VoteFunctions.Core.Queries;
using VoteFunctions.Core.Sql;

namespace VoteFunctions.Core;

/// <summary>
/// The vote warehouse: one DuckDB file. <see cref="Open"/> gives one shared instance per file in a
/// process, safe for concurrent callers: writes (ingest, rebuild) are serialized by its write lock,
/// reads run on their own connections and see only committed files. DuckDB itself keeps other
/// processes out while one has the file open.
/// </summary>
public sealed class Warehouse : IDisposable
{
    // Keyed as DuckDB.NET keys its database instances (the path, ignoring case), so that one
    // Warehouse stands for one DuckDB instance.
    private static readonly Dictionary<string, Warehouse> OpenWarehouses = new(StringComparer.OrdinalIgnoreCase);

    // Since DuckDB 1.4, FORCE waits until no other transaction is open (it aborted them before).
    private static readonly SqlScript Checkpoint = SqlScript.Of("FORCE CHECKPOINT");

    private readonly DuckDBConnection writer;
    // The writer connection has one user at a time: the ingest writer's batches, or the nightly rebuild.
    private readonly SemaphoreSlim writeLock = new(1, 1);
    private readonly IngestWriter ingests;
    // Recreating the view is DDL: two requests at once would conflict.
    private readonly SemaphoreSlim viewLock = new(1, 1);
    private int references = 1;

    public string DatabasePath { get; }
    public WarehouseOptions Options { get; }

    private Warehouse(string databasePath, DuckDBConnection writer, WarehouseOptions options)
    {
        DatabasePath = databasePath;
        this.writer = writer;
        Options = options;
        ingests = new IngestWriter(writer, options, writeLock);
    }

    /// <summary>Opens the warehouse file, creating it if needed, applies the model and repairs what a crash left.</summary>
    public static Warehouse Open(string path, WarehouseOptions? options = null) => Open(path, options, mustExist: false);

    /// <summary>Opens a warehouse that must exist already (for commands that only read).</summary>
    public static Warehouse OpenExisting(string path, WarehouseOptions? options = null) => Open(path, options, mustExist: true);

    private static Warehouse Open(string path, WarehouseOptions? options, bool mustExist)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new WarehouseException("the warehouse path is empty: give a file name, such as warehouse.db");
        var fullPath = Path.GetFullPath(path);
        lock (OpenWarehouses)
        {
            if (OpenWarehouses.TryGetValue(fullPath, out var shared))
            {
                shared.references++;
                return shared;
            }
            if (Directory.Exists(fullPath))
                throw new WarehouseException($"cannot open warehouse {fullPath}: it is a folder; name the warehouse file in it, such as {Path.Combine(fullPath, "warehouse.db")}");
            if (mustExist && !File.Exists(fullPath))
                throw new WarehouseException($"no warehouse at {fullPath}: ingest a file first, or name another with --warehouse");
            var folder = Path.GetDirectoryName(fullPath)!;
            if (!Directory.Exists(folder))
                throw new WarehouseException($"cannot open warehouse {fullPath}: folder {folder} does not exist");
            options ??= new WarehouseOptions();
            var settings = new DuckDBConnectionStringBuilder { DataSource = fullPath };
            // Bounded memory whatever the file size: past this DuckDB spills to <warehouse>.tmp/.
            settings["memory_limit"] = options.MemoryLimit;
            var connection = new DuckDBConnection(settings.ConnectionString);
            try
            {
                connection.Open();
                WarehouseModel.Apply(connection);
                if (WarehouseRecovery.Run(connection) is { } repaired) options.Log?.Invoke(repaired);
                IngestPipeline.Prepare(connection);
            }
            catch (DuckDBException e)
            {
                connection.Dispose();
                throw WarehouseException.From(e, $"cannot open warehouse {fullPath}");
            }
            catch (WarehouseException e)
            {
                connection.Dispose();
                throw new WarehouseException($"cannot open warehouse {fullPath}: {e.Message}", e);
            }
            var warehouse = new Warehouse(fullPath, connection, options);
            OpenWarehouses[fullPath] = warehouse;
            return warehouse;
        }
    }

    /// <summary>Ingests a file; <paramref name="fileName"/> is the name recorded (default: the file's name).</summary>
    public Task<IngestResult> IngestFileAsync(string path, string? fileName = null, IProgress<IngestProgress>? progress = null, CancellationToken cancellationToken = default) =>
        ingests.Submit([new IngestRequest(InputFile.Inspect(path), fileName ?? Path.GetFileName(path), knownSha256: null, progress, cancellationToken)])[0];

    /// <summary>
    /// Ingests files queued together, in their order, under their file names: the writer takes them
    /// in batches (see <see cref="IngestWriter"/>). Each task ends when its file is committed or has
    /// failed; a file that fails does not stop the others.
    /// </summary>
    public IReadOnlyList<Task<IngestResult>> IngestFiles(IEnumerable<InputFile> files, IProgress<IngestProgress>? progress = null, CancellationToken cancellationToken = default) =>
        ingests.Submit(files.Select(file => new IngestRequest(file, Path.GetFileName(file.Path), knownSha256: null, progress, cancellationToken)));

    /// <summary>Ingests a stream (a blob): it is copied to a local temporary file, because DuckDB reads files, and hashed on the way.</summary>
    public async Task<IngestResult> IngestStreamAsync(Stream content, string fileName, IProgress<IngestProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        using var temp = new TemporaryFolder();
        var local = temp.PathOf("content");
        var sha256 = await ContentKey.CopyToFileAsync(content, local, cancellationToken);
        return await ingests.Submit([new IngestRequest(InputFile.Inspect(local), fileName, sha256, progress, cancellationToken)])[0];
    }

    /// <summary>Every ledger entry, oldest first.</summary>
    public IReadOnlyList<IngestedFile> ListIngestedFiles() => Read("cannot read the ledger", Ledger.List);

    /// <summary>
    /// Every name and size under which content came: the ledger's files, and the names under which
    /// an ingested content came again (which the ledger does not list).
    /// </summary>
    public IReadOnlySet<(string FileName, long SizeBytes)> DeliveredNames() => Read("cannot read the ledger", Ledger.DeliveredNames);

    /// <summary>
    /// The kept rejected lines of the files ingested under <paramref name="fileName"/>, or of all,
    /// in file then line order, read as they are enumerated.
    /// </summary>
    public IEnumerable<RejectedLine> ListRejectedLines(string? fileName = null)
    {
        if (fileName is not null && !Read("cannot read the ledger", c => Ledger.HasFileNamed(c, fileName)))
            throw WarehouseException.NoFileNamed(fileName);
        return Stream();

        IEnumerable<RejectedLine> Stream()
        {
            using var connection = OpenReader();
            using var lines = Ledger.RejectedLines(connection, fileName).GetEnumerator();
            while (Guard("cannot read the rejected lines", lines.MoveNext)) yield return lines.Current;
        }
    }

    /// <summary>
    /// A page of the kept rejected lines of the files ingested under <paramref name="fileName"/>, or
    /// of all: at most <paramref name="limit"/>, in file then line order, after <paramref name="after"/>
    /// (from the first when null). Null when no file was ingested under that name.
    /// </summary>
    public RejectedLinePage? ListRejectedLines(string? fileName, RejectedLinePosition? after, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return Read("cannot read the rejected lines", connection =>
        {
            if (fileName is not null && !Ledger.HasFileNamed(connection, fileName)) return null;
            // One more than the page: whether another page follows.
            var lines = Ledger.RejectedLinesAfter(connection, fileName, after, limit + 1L).ToList();
            return new RejectedLinePage(lines.Take(limit).Select(line => line.Line).ToList(), lines.Count > limit ? lines[limit - 1].Position : null);
        });
    }

    /// <summary>The last <paramref name="count"/> rejected lines kept, of the latest files, in file then line order.</summary>
    public IReadOnlyList<RejectedLine> LatestRejectedLines(int count) => Read("cannot read the rejected lines", c => Ledger.LatestRejectedLines(c, count));

    /// <summary>The counts, the ledger's totals, the last ingest and maintenance runs, and the file's size.</summary>
    public WarehouseStatus Status() => Read("cannot read the warehouse's status", c => WarehouseStatusQuery.Read(c, DatabasePath));

    /// <summary>Records a run of the catch-up or of the nightly refresh, in place of the last of its kind (for <see cref="Status"/>).</summary>
    public async Task RecordMaintenanceRunAsync(MaintenanceRun run, CancellationToken cancellationToken = default)
    {
        await writeLock.WaitAsync(cancellationToken);
        try
        {
            Guard("cannot record the maintenance run", () =>
            {
                MaintenanceRuns.Record(writer, run);
                return 0;
            });
        }
        finally
        {
            writeLock.Release();
        }
    }

    /// <summary>Recreates the view blog_analysis.outlier_weeks and returns its rows.</summary>
    public IReadOnlyList<OutlierWeek> RefreshOutlierWeeks()
    {
        viewLock.Wait();
        try
        {
            return Read("cannot recreate the outlier_weeks view", OutlierWeeks.Refresh);
        }
        finally
        {
            viewLock.Release();
        }
    }

    /// <summary>
    /// The rows of the view blog_analysis.weekly_deviation: every week with votes, with the mean,
    /// its deviation and whether it is an outlier.
    /// </summary>
    public IReadOnlyList<WeekDeviation> ReadWeeklyDeviation() => Read("cannot read the weekly_deviation view", WeeklyDeviation.Read);

    /// <summary>Exports the votes as Parquet, partitioned by Year and WeekNumber, into a new or empty folder; returns the votes exported.</summary>
    public long ExportVotesToParquet(string folder) => Read($"cannot export to {folder}", c => ParquetExport.Run(c, folder));

    /// <summary>
    /// The nightly rebuild: recomputes the weekly counts from the votes, recreates the view and
    /// checkpoints, so that the write-ahead log is folded into the database file.
    /// </summary>
    public async Task<RebuildResult> RebuildDerivedDataAsync(CancellationToken cancellationToken = default)
    {
        var stopwatch = Stopwatch.StartNew();
        await writeLock.WaitAsync(cancellationToken);
        try
        {
            var outliers = Guard("cannot rebuild the weekly counts", () =>
            {
                WriteTransaction.Run(writer, () => OutlierWeeks.RebuildWeeklyCounts(writer));
                return RefreshOutlierWeeks();
            });
            return Guard("cannot checkpoint the warehouse", () =>
            {
                Checkpoint.Execute(writer);
                var (votes, weeks) = OutlierWeeks.Totals(writer);
                return new RebuildResult(votes, weeks, outliers.Count, stopwatch.Elapsed);
            });
        }
        finally
        {
            writeLock.Release();
        }
    }

    private T Read<T>(string doing, Func<DuckDBConnection, T> query) => Guard(doing, () =>
    {
        using var connection = OpenReader();
        return query(connection);
    });

    /// <summary>DuckDB's failures as one line a user can act on.</summary>
    private static T Guard<T>(string doing, Func<T> work)
    {
        try
        {
            return work();
        }
        catch (DuckDBException e)
        {
            throw WarehouseException.From(e, doing);
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

    public void Dispose()
    {
        lock (OpenWarehouses)
        {
            if (--references > 0) return;
            OpenWarehouses.Remove(DatabasePath);
            ingests.Dispose();
            writer.Dispose();
        }
    }
}
