using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using DuckDB.NET.Data;
using VoteFunctions.Core;
using VoteFunctions.Core.Files;

/// <summary>
/// One measured run in its own process, so that start-up and peak memory count as a user meets
/// them: our ingest (of one file, or of every file of a folder: queued together as `votes ingest`
/// does, or one at a time) or the raw engine's shortest correct load of the same.
/// </summary>
internal static class Child
{
    /// <summary>
    /// Wall time of the whole process; time inside it; the ingest calls alone (warehouse open);
    /// in mode ingest-twice, a second call with the same file right after (a re-ingest in a
    /// running app); peak memory; CPU time (user + system, every thread); and, for our ingests,
    /// the time of each step, per file.
    /// </summary>
    public sealed record Result(double WallSeconds, double InsideSeconds, double CallSeconds, double RepeatCallSeconds, double PeakMegabytes, double CpuSeconds, int Files, Dictionary<string, double> StepMilliseconds)
    {
        public double MillisecondsPerFile => 1000 * WallSeconds / Files;
    }

    private const string Columns = "{Id: 'BIGINT', PostId: 'BIGINT', VoteTypeId: 'SMALLINT', CreationDate: 'TIMESTAMP', UserId: 'BIGINT', BountyAmount: 'INTEGER'}";

    // The raw engine on one file: typed read_json, one row per Id, nothing else.
    private const string BaselineOneFile = $"""
        CREATE TABLE votes AS
        SELECT DISTINCT ON (Id) Id, PostId, VoteTypeId, CreationDate, UserId, BountyAmount
        FROM read_json($path, format = 'newline_delimited', ignore_errors = true, columns = {Columns})
        WHERE Id IS NOT NULL
        """;

    // The raw engine on many files: each file its own transaction, new Ids only.
    private const string BaselineTable = "CREATE TABLE votes (Id BIGINT, PostId BIGINT, VoteTypeId SMALLINT, CreationDate TIMESTAMP, UserId BIGINT, BountyAmount INTEGER)";
    private const string BaselineNextFile = $"""
        INSERT INTO votes
        SELECT DISTINCT ON (r.Id) r.*
        FROM read_json($path, format = 'newline_delimited', ignore_errors = true, columns = {Columns}) AS r
        ANTI JOIN votes AS v ON v.Id = r.Id
        WHERE r.Id IS NOT NULL
        """;

    /// <summary>Runs this program as a child in <paramref name="mode"/> on <paramref name="input"/> (a file or a folder).</summary>
    public static Result Start(string mode, string input, string database)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet") start.ArgumentList.Add(typeof(Child).Assembly.Location);
        foreach (var arg in new[] { "child", mode, input, database }) start.ArgumentList.Add(arg);
        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var line = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var wall = stopwatch.Elapsed.TotalSeconds;
        if (process.ExitCode != 0) throw new InvalidOperationException($"child {mode} failed: {line}");
        var report = JsonSerializer.Deserialize<Report>(line)!;
        return new Result(wall, report.Seconds, report.CallSeconds, report.RepeatCallSeconds, report.PeakMegabytes, report.CpuSeconds, report.Files, report.StepMilliseconds);
    }

    private sealed record Report(double Seconds, double CallSeconds, double RepeatCallSeconds, double PeakMegabytes, double CpuSeconds, int Files, Dictionary<string, double> StepMilliseconds);

    public static async Task<int> Run(string[] args)
    {
        var (mode, input, database) = (args[0], args[1], args[2]);
        var files = Directory.Exists(input) ? Directory.GetFiles(input, "*.jsonl").Order(StringComparer.Ordinal).ToList() : [input];
        var steps = ListenToSteps();
        var stopwatch = Stopwatch.StartNew();
        double callSeconds, repeatCallSeconds = 0;
        if (mode is "ingest" or "ingest-twice" or "ingest-each")
        {
            using var warehouse = Warehouse.Open(database);
            var call = Stopwatch.StartNew();
            if (mode == "ingest-each")
                foreach (var file in files) await warehouse.IngestFileAsync(file); // one at a time, as blobs arriving apart
            else
                await Task.WhenAll(warehouse.IngestFiles(files.Select(InputFile.Inspect))); // as `votes ingest` does: queued together
            callSeconds = call.Elapsed.TotalSeconds;
            if (mode == "ingest-twice")
            {
                call.Restart();
                await warehouse.IngestFileAsync(files[0]);
                repeatCallSeconds = call.Elapsed.TotalSeconds;
            }
        }
        else
        {
            using var connection = new DuckDBConnection($"Data Source={database}");
            connection.Open();
            if (files.Count == 1) Execute(connection, BaselineOneFile, files[0]);
            else
            {
                Execute(connection, BaselineTable, null);
                foreach (var file in files) Execute(connection, BaselineNextFile, file);
            }
            callSeconds = stopwatch.Elapsed.TotalSeconds;
        }
        var seconds = stopwatch.Elapsed.TotalSeconds;
        var perFile = steps.ToDictionary(s => s.Key, s => Math.Round(s.Value / files.Count, 3));
        var cpuSeconds = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
        Console.WriteLine(JsonSerializer.Serialize(new Report(seconds, callSeconds, repeatCallSeconds, PeakMegabytes(), cpuSeconds, files.Count, perFile)));
        return 0;
    }

    private static void Execute(DuckDBConnection connection, string sql, string? path)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        if (path is not null) command.Parameters.Add(new DuckDBParameter("path", path));
        command.ExecuteNonQuery();
    }

    /// <summary>Milliseconds spent in each step of our ingests (the library's "VoteFunctions.Ingest" activities).</summary>
    private static Dictionary<string, double> ListenToSteps()
    {
        var totals = new Dictionary<string, double>();
        ActivitySource.AddActivityListener(new ActivityListener
        {
            ShouldListenTo = source => source.Name == "VoteFunctions.Ingest",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity =>
            {
                lock (totals) totals[activity.OperationName] = totals.GetValueOrDefault(activity.OperationName) + activity.Duration.TotalMilliseconds;
            },
        });
        return totals;
    }

    // VmHWM: the peak resident set size of this process, in kB.
    private static double PeakMegabytes() => File.ReadLines("/proc/self/status")
        .Where(l => l.StartsWith("VmHWM:", StringComparison.Ordinal))
        .Select(l => double.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024)
        .Single();
}
