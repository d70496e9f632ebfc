// The benchmark: our full ingest against the raw engine, re-ingest, an overlapping file, and
// the outliers query at 40 thousand and 10 million votes. Ingests run as whole child processes
// (this program re-invoked with "child ..."), so start-up and peak memory are measured as a
// user meets them.
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using DuckDB.NET.Data;
using VoteFunctions.Core;
using VoteFunctions.Core.Generation;

if (args.Length > 0 && args[0] == "child") return await Child.Run(args[1..]);

var rows = Option("--rows", 2_000_000);
var bigRows = Option("--big-rows", 10_000_000);
var runs = (int)Option("--runs", 3); // the machine is noisy: more interleaved runs give a steadier median
var output = OptionText("--out", "bench-results.json");
var work = Directory.CreateTempSubdirectory("votes-bench-").FullName;
try
{
    Step($"generating {rows:N0} votes (1% duplicates, 0.05% bad lines)");
    var fileA = Path.Combine(work, "a.jsonl");
    new VoteFileGenerator { Rows = rows, Seed = 1, DuplicateRate = 0.01, BadLineRate = 0.0005 }.WriteTo(fileA);
    var fileB = Path.Combine(work, "b.jsonl");
    WriteHalfOverlap(fileA, fileB, rows);
    var megabytes = new FileInfo(fileA).Length / 1e6;

    var ours = new List<Child.Result>();
    var baseline = new List<Child.Result>();
    for (var run = 1; run <= runs; run++)
    {
        Step($"run {run}/{runs}: raw-engine baseline");
        baseline.Add(Child.Start("baseline", fileA, Path.Combine(work, $"baseline-{run}.db")));
        Step($"run {run}/{runs}: our full ingest");
        ours.Add(Child.Start("ingest", fileA, Path.Combine(work, $"ours-{run}.db")));
    }
    var warehouse = Path.Combine(work, "ours-1.db");
    Step("re-ingesting the same file");
    var reingest = Child.Start("ingest", fileA, warehouse);
    Step("re-ingesting it twice more in one process (the second call is warm)");
    var warmReingest = Child.Start("ingest-twice", fileA, warehouse);
    Step("ingesting a second file that overlaps the first by half");
    var overlap = Child.Start("ingest", fileB, warehouse);

    Step("outliers query at about 40,000 votes");
    var smallOutliers = OutliersAt(work, "small.db", 40_000);
    Step($"outliers query at {bigRows:N0} votes (building the warehouse takes a while)");
    var bigOutliers = OutliersAt(work, "big.db", bigRows);

    var oursMedian = Median(ours);
    var baseMedian = Median(baseline);
    var figures = new Dictionary<string, object>
    {
        ["rows"] = rows,
        ["runs"] = runs,
        ["fileMegabytes"] = Math.Round(megabytes, 1),
        ["oursSeconds"] = Math.Round(oursMedian.WallSeconds, 2),
        ["baselineSeconds"] = Math.Round(baseMedian.WallSeconds, 2),
        ["oursRowsPerSecond"] = Math.Round(rows / oursMedian.WallSeconds),
        ["baselineRowsPerSecond"] = Math.Round(rows / baseMedian.WallSeconds),
        ["oursMegabytesPerSecond"] = Math.Round(megabytes / oursMedian.WallSeconds, 1),
        ["baselineMegabytesPerSecond"] = Math.Round(megabytes / baseMedian.WallSeconds, 1),
        ["ingestRatio"] = Math.Round(oursMedian.WallSeconds / baseMedian.WallSeconds, 2),
        ["oursPeakMegabytes"] = Math.Round(ours.Max(r => r.PeakMegabytes)),
        ["baselinePeakMegabytes"] = Math.Round(baseline.Max(r => r.PeakMegabytes)),
        ["reingestSeconds"] = Math.Round(reingest.WallSeconds, 3),
        ["reingestInsideProcessSeconds"] = Math.Round(reingest.InsideSeconds, 3),
        ["reingestCallSeconds"] = Math.Round(reingest.CallSeconds, 3),
        ["firstIngestCallSeconds"] = Math.Round(oursMedian.CallSeconds, 3),
        ["reingestCallPercentOfFirstCall"] = Math.Round(100 * reingest.CallSeconds / oursMedian.CallSeconds, 1),
        ["reingestWarmCallSeconds"] = Math.Round(warmReingest.RepeatCallSeconds, 3),
        ["reingestWarmCallPercentOfFirstCall"] = Math.Round(100 * warmReingest.RepeatCallSeconds / oursMedian.CallSeconds, 1),
        ["reingestPercentOfFirst"] = Math.Round(100 * reingest.WallSeconds / oursMedian.WallSeconds, 1),
        ["reingestInsideProcessPercentOfFirst"] = Math.Round(100 * reingest.InsideSeconds / oursMedian.InsideSeconds, 1),
        ["overlapSeconds"] = Math.Round(overlap.WallSeconds, 2),
        ["outliersMillisecondsAt40k"] = Math.Round(smallOutliers.Milliseconds, 2),
        ["outliersMillisecondsAtBig"] = Math.Round(bigOutliers.Milliseconds, 2),
        ["bigVotes"] = bigOutliers.Votes,
        ["outliersRatio"] = Math.Round(bigOutliers.Milliseconds / smallOutliers.Milliseconds, 2),
    };

    string Verdict(bool pass) => pass ? "PASS" : "FAIL";
    var table = new List<string[]>
    {
        new[] { $"full ingest, whole process (median of {runs})", $"{oursMedian.WallSeconds:N2} s", $"{baseMedian.WallSeconds:N2} s", $"{figures["ingestRatio"]}x", $"{Verdict((double)figures["ingestRatio"] <= 1.5)} (<= 1.5x)" },
        new[] { "  rows/s", $"{figures["oursRowsPerSecond"]:N0}", $"{figures["baselineRowsPerSecond"]:N0}", "", "" },
        new[] { "  MB/s", $"{figures["oursMegabytesPerSecond"]}", $"{figures["baselineMegabytesPerSecond"]}", "", "" },
        new[] { "  peak memory (RSS)", $"{figures["oursPeakMegabytes"]} MB", $"{figures["baselinePeakMegabytes"]} MB", "", $"{Verdict((double)figures["oursPeakMegabytes"] < 1024)} (< 1 GB)" },
        new[] { "re-ingest of the same file, whole process", $"{reingest.WallSeconds:N3} s", "", $"{figures["reingestPercentOfFirst"]}%", $"{Verdict((double)figures["reingestPercentOfFirst"] < 5)} (< 5%)" },
        new[] { "  inside the process (open + ingest)", $"{reingest.InsideSeconds:N3} s", "", $"{figures["reingestInsideProcessPercentOfFirst"]}%", $"{Verdict((double)figures["reingestInsideProcessPercentOfFirst"] < 5)} (< 5%)" },
        new[] { "  the ingest call, warehouse open, first call", $"{reingest.CallSeconds:N3} s", "", $"{figures["reingestCallPercentOfFirstCall"]}%", $"{Verdict((double)figures["reingestCallPercentOfFirstCall"] < 5)} (< 5%)" },
        new[] { "  the ingest call in a warm running app", $"{warmReingest.RepeatCallSeconds:N3} s", "", $"{figures["reingestWarmCallPercentOfFirstCall"]}%", $"{Verdict((double)figures["reingestWarmCallPercentOfFirstCall"] < 5)} (< 5%)" },
        new[] { "file overlapping the first by half", $"{overlap.WallSeconds:N2} s", "", "", "" },
        new[] { "outliers query at 40k votes (best of 5)", $"{smallOutliers.Milliseconds:N1} ms", "", "", "" },
        new[] { $"outliers query at {bigOutliers.Votes:N0} votes", $"{bigOutliers.Milliseconds:N1} ms", "", $"{figures["outliersRatio"]}x", $"{Verdict((double)figures["outliersRatio"] <= 2)} (<= 2x)" },
    };
    Console.WriteLine($"\n{rows:N0} votes, {megabytes:N1} MB, {Environment.ProcessorCount} cores\n");
    var report = new Table().AddColumns("figure", "ours", "raw engine", "ratio", "target");
    foreach (var row in table) report.AddRow(row.Select(Markup.Escape).ToArray());
    AnsiConsole.Write(report);
    File.WriteAllText(output, JsonSerializer.Serialize(figures, new JsonSerializerOptions { WriteIndented = true }));
    Console.WriteLine($"\nfigures written to {Path.GetFullPath(output)}");
    return 0;
}
finally
{
    Directory.Delete(work, recursive: true);
}

long Option(string name, long fallback) =>
    Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? long.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;

string OptionText(string name, string fallback) =>
    Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;

static void Step(string what) => Console.Error.WriteLine($"bench: {what}");

static Child.Result Median(List<Child.Result> results) => results.OrderBy(r => r.WallSeconds).ElementAt(results.Count / 2);

// B = the second half of A's lines, then as many new votes with Ids after A's.
static void WriteHalfOverlap(string fileA, string fileB, long rows)
{
    using var writer = new StreamWriter(fileB);
    foreach (var line in File.ReadLines(fileA).Skip((int)(rows / 2))) writer.WriteLine(line);
    new VoteFileGenerator { Rows = rows / 2, Seed = 2, FirstId = rows * 2, From = new DateTime(2022, 1, 1), To = new DateTime(2023, 1, 1) }.WriteTo(writer);
}

// Builds a warehouse of about `votes` votes from 2-million-row files, then times the outliers query.
static (double Milliseconds, long Votes) OutliersAt(string work, string name, long votes)
{
    using var warehouse = Warehouse.Open(Path.Combine(work, name));
    const long perFile = 2_000_000;
    for (long first = 0, part = 0; first < votes; first += perFile, part++)
    {
        var file = Path.Combine(work, $"{name}-{part}.jsonl");
        new VoteFileGenerator { Rows = Math.Min(perFile, votes - first), Seed = (int)part + 100, FirstId = first + 1 }.WriteTo(file);
        warehouse.IngestFileAsync(file).GetAwaiter().GetResult();
        File.Delete(file);
    }
    warehouse.RefreshOutlierWeeks(); // warm
    var best = double.MaxValue;
    for (var i = 0; i < 5; i++)
    {
        var stopwatch = Stopwatch.StartNew();
        warehouse.RefreshOutlierWeeks();
        best = Math.Min(best, stopwatch.Elapsed.TotalMilliseconds);
    }
    using var connection = new DuckDBConnection($"Data Source={Path.Combine(work, name)}");
    connection.Open();
    using var count = connection.CreateCommand();
    count.CommandText = "SELECT count(*) FROM blog_analysis.votes";
    return (best, (long)count.ExecuteScalar()!);
}
