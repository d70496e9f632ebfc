using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using DuckDB.NET.Data;
using VoteFunctions.Core;

/// <summary>One measured ingest in its own process: ours (the warehouse) or the raw engine's shortest correct load.</summary>
internal static class Child
{
    /// <summary>
    /// Wall time of the whole process; time inside it (open and ingest); the ingest call alone
    /// (warehouse open); and, in mode ingest-twice, a second call with the same file right after:
    /// a re-ingest as a running app (the Functions host) meets it, with the process warm.
    /// </summary>
    public sealed record Result(double WallSeconds, double InsideSeconds, double CallSeconds, double RepeatCallSeconds, double PeakMegabytes);

    // The raw-engine baseline: typed read_json, one row per Id, nothing else.
    private const string BaselineSql = """
        CREATE TABLE votes AS
        SELECT DISTINCT ON (Id) Id, PostId, VoteTypeId, CreationDate, UserId, BountyAmount
        FROM read_json($path, format = 'newline_delimited', ignore_errors = true,
                       columns = {Id: 'BIGINT', PostId: 'BIGINT', VoteTypeId: 'SMALLINT', CreationDate: 'TIMESTAMP',
                                  UserId: 'BIGINT', BountyAmount: 'INTEGER'})
        WHERE Id IS NOT NULL
        """;

    public static Result Start(string mode, string file, string database)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet") start.ArgumentList.Add(typeof(Child).Assembly.Location);
        foreach (var arg in new[] { "child", mode, file, database }) start.ArgumentList.Add(arg);
        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var line = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var wall = stopwatch.Elapsed.TotalSeconds;
        if (process.ExitCode != 0) throw new InvalidOperationException($"child {mode} failed: {line}");
        var report = JsonDocument.Parse(line).RootElement;
        return new Result(wall, report.GetProperty("seconds").GetDouble(), report.GetProperty("callSeconds").GetDouble(),
            report.GetProperty("repeatCallSeconds").GetDouble(), report.GetProperty("peakMegabytes").GetDouble());
    }

    public static async Task<int> Run(string[] args)
    {
        var (mode, file, database) = (args[0], args[1], args[2]);
        var stopwatch = Stopwatch.StartNew();
        double callSeconds, repeatCallSeconds = 0, seconds;
        if (mode is "ingest" or "ingest-twice")
        {
            using var warehouse = Warehouse.Open(database);
            var call = Stopwatch.StartNew();
            await warehouse.IngestFileAsync(file);
            callSeconds = call.Elapsed.TotalSeconds;
            seconds = stopwatch.Elapsed.TotalSeconds;
            if (mode == "ingest-twice")
            {
                call.Restart();
                await warehouse.IngestFileAsync(file);
                repeatCallSeconds = call.Elapsed.TotalSeconds;
            }
        }
        else
        {
            using var connection = new DuckDBConnection($"Data Source={database}");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = BaselineSql;
            command.Parameters.Add(new DuckDBParameter("path", file));
            command.ExecuteNonQuery();
            callSeconds = seconds = stopwatch.Elapsed.TotalSeconds;
        }
        Console.WriteLine(JsonSerializer.Serialize(new { seconds, callSeconds, repeatCallSeconds, peakMegabytes = PeakMegabytes() }));
        return 0;
    }

    // VmHWM: the peak resident set size of this process, in kB.
    private static double PeakMegabytes() => File.ReadLines("/proc/self/status")
        .Where(l => l.StartsWith("VmHWM:", StringComparison.Ordinal))
        .Select(l => double.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024)
        .Single();
}
