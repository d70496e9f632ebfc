// The benchmark: our ingest against the raw engine (the same DuckDB build doing the shortest
// correct load), on the shapes the app meets: one 2M-vote file, the same votes as many small
// files (a blob trigger sees one file at a time), a 10M-vote file, a small file into a large
// warehouse; then re-ingest, an overlapping file, and the outliers query at two sizes. Every
// ingest runs as a whole child process (Child.cs). It reports figures and ratios, and is never
// run by CI: wall-clock time on a shared machine is not a test.
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using VoteFunctions.Core;
using VoteFunctions.Core.Generation;

if (args.Length > 0 && args[0] == "child") return await Child.Run(args[1..]);

var rows = Option("--rows", 2_000_000);
var bigRows = Option("--big-rows", 10_000_000);
var runs = (int)Option("--runs", 3);           // interleaved runs of the one-file ingest; the median is reported
var manyRuns = (int)Option("--many-runs", 1);  // of the many-files shapes, which take longer
var output = OptionText("--out", "bench-results.json");
var work = Directory.CreateTempSubdirectory("votes-bench-").FullName;
var figures = new Dictionary<string, object>();
var table = new List<string[]>();
try
{
    Step($"generating {rows:N0} votes (1% duplicates, 0.05% bad lines), and the same votes split into files");
    var fileA = Path.Combine(work, "a.jsonl");
    new VoteFileGenerator { Rows = rows, Seed = 1, DuplicateRate = 0.01, BadLineRate = 0.0005 }.WriteTo(fileA);
    var megabytes = new FileInfo(fileA).Length / 1e6;
    var shapes = new[] { (Files: (int)(rows / 2_000), Rows: 2_000), (Files: (int)(rows / 10_000), Rows: 10_000) };
    var folders = shapes.ToDictionary(s => s.Files, s => Split(fileA, Path.Combine(work, $"{s.Files}-files"), s.Rows));

    // One file.
    var ours = new List<Child.Result>();
    var raw = new List<Child.Result>();
    for (var run = 1; run <= runs; run++)
    {
        Step($"one file, run {run}/{runs}: raw engine, then ours");
        raw.Add(Child.Start("baseline", fileA, Path.Combine(work, $"raw-{run}.db")));
        ours.Add(Child.Start("ingest", fileA, Path.Combine(work, $"ours-{run}.db")));
    }
    var (oursOne, rawOne) = (Median(ours), Median(raw));
    Figure("oneFile", new { rows, megabytes = Math.Round(megabytes, 1), ours = oursOne.WallSeconds, raw = rawOne.WallSeconds, ratio = Ratio(oursOne, rawOne), oursCpu = oursOne.CpuSeconds, rawCpu = rawOne.CpuSeconds, oursPeakMegabytes = oursOne.PeakMegabytes, rawPeakMegabytes = rawOne.PeakMegabytes, steps = oursOne.StepMilliseconds });
    Row($"1 file x {rows:N0} rows (median of {runs})", $"{oursOne.WallSeconds:N2} s", $"{rawOne.WallSeconds:N2} s", Ratio(oursOne, rawOne), "1.2x");
    Row("  CPU time (user + system)", $"{oursOne.CpuSeconds:N2} s", $"{rawOne.CpuSeconds:N2} s", $"{oursOne.CpuSeconds / rawOne.CpuSeconds:N2}x", "");
    foreach (var (step, milliseconds) in oursOne.StepMilliseconds) Row($"  of which {step}", $"{milliseconds:N0} ms", "", "", "");
    Row("  peak memory (RSS)", $"{oursOne.PeakMegabytes:N0} MB", $"{rawOne.PeakMegabytes:N0} MB", "", "< 1 GB");

    // Many files: the same votes.
    var oursManySeconds = new Dictionary<int, double>();
    var rawManyOf = new Dictionary<int, List<Child.Result>>();
    foreach (var (files, rowsPerFile) in shapes)
    {
        var oursMany = new List<Child.Result>();
        var rawMany = new List<Child.Result>();
        for (var run = 1; run <= manyRuns; run++)
        {
            Step($"{files} files x {rowsPerFile:N0} rows, run {run}/{manyRuns}: raw engine, then ours");
            rawMany.Add(Child.Start("baseline", folders[files], Path.Combine(work, $"raw-{files}-{run}.db")));
            oursMany.Add(Child.Start("ingest", folders[files], Path.Combine(work, $"ours-{files}-{run}.db")));
        }
        var (o, r) = (Median(oursMany), Median(rawMany));
        oursManySeconds[files] = o.WallSeconds;
        rawManyOf[files] = rawMany;
        Figure($"files{files}x{rowsPerFile}", new { files, rowsPerFile, oursSeconds = o.WallSeconds, rawSeconds = r.WallSeconds, oursPerFile = o.MillisecondsPerFile, rawPerFile = r.MillisecondsPerFile, ratio = Ratio(o, r), steps = o.StepMilliseconds });
        Row($"{files:N0} files x {rowsPerFile:N0} rows", $"{o.WallSeconds:N1} s ({o.MillisecondsPerFile:N1} ms/file)", $"{r.WallSeconds:N1} s ({r.MillisecondsPerFile:N1} ms/file)", Ratio(o, r), "< 1x");
        foreach (var (step, milliseconds) in o.StepMilliseconds) Row($"  of which {step}", $"{milliseconds:N2} ms/file", "", "", "");
    }

    // The same 10,000-row files one at a time, as blobs that arrive apart: each file its own batch.
    {
        var (files, rowsPerFile) = shapes[1];
        Step($"{files} files x {rowsPerFile:N0} rows, one at a time");
        var alone = Child.Start("ingest-each", folders[files], Path.Combine(work, $"alone-{files}.db"));
        var rawAlone = Median(rawManyOf[files]);
        Figure($"files{files}x{rowsPerFile}OneAtATime", new { files, rowsPerFile, oursSeconds = alone.WallSeconds, oursPerFile = alone.MillisecondsPerFile, ratio = Ratio(alone, rawAlone), steps = alone.StepMilliseconds });
        Row($"  the same, one file at a time", $"{alone.WallSeconds:N1} s ({alone.MillisecondsPerFile:N1} ms/file)", $"{rawAlone.WallSeconds:N1} s ({rawAlone.MillisecondsPerFile:N1} ms/file)", Ratio(alone, rawAlone), "1.5x");
    }

    // The 10,000-row files again, as blobs through the real Functions host, when one is configured.
    var (blobs, rowsPerBlob) = shapes[1];
    if (HostShape.Configured)
    {
        Step($"{blobs} files x {rowsPerBlob:N0} rows uploaded at once to the Functions host ({HostShape.Variable})");
        var host = await HostShape.MeasureAsync(folders[blobs]);
        var cli = oursManySeconds[blobs];
        Figure("host", new { host.Blobs, host.ByTrigger, host.UploadSeconds, host.TriggerSeconds, host.VisibleSeconds, host.IngestSecondsPerBlob, host.HostStartSeconds, cliSeconds = cli, ratio = Math.Round(host.VisibleSeconds / cli, 2) });
        Row($"{blobs} blobs x {rowsPerBlob:N0} rows on the Functions host, until all visible", $"{host.VisibleSeconds:N1} s", "", $"{host.VisibleSeconds / cli:N2}x ours in one process", "");
        Row($"  uploads / last trigger ingest / by the trigger", $"{host.UploadSeconds:N1} s / {host.TriggerSeconds:N1} s / {host.ByTrigger} of {host.Blobs}", "", "", "");
        Row("  one IngestVotes invocation (download included)", $"{1000 * host.IngestSecondsPerBlob:N0} ms", "", "", "");
    }
    else Row($"{blobs} blobs on the Functions host", $"not run: {HostShape.Variable} is not set", "", "", "");

    // Re-ingest and overlap, on the first one-file warehouse.
    var warehouse = Path.Combine(work, "ours-1.db");
    Step("re-ingesting the same file, then twice in one process (the second call is warm)");
    var reingest = Child.Start("ingest", fileA, warehouse);
    var warm = Child.Start("ingest-twice", fileA, warehouse);
    Figure("reingest", new { wholeProcess = reingest.WallSeconds, callCold = reingest.CallSeconds, callWarm = warm.RepeatCallSeconds, percentOfFirstCall = Math.Round(100 * reingest.CallSeconds / oursOne.CallSeconds, 1) });
    Row("re-ingest, the ingest call (cold / warm)", $"{reingest.CallSeconds:N3} s / {warm.RepeatCallSeconds:N3} s", "", $"{100 * reingest.CallSeconds / oursOne.CallSeconds:N1}% of the first", "");
    Row("re-ingest, whole process", $"{reingest.WallSeconds:N2} s", "", "", "");
    Step("a file that overlaps the first by half");
    var fileB = Path.Combine(work, "b.jsonl");
    WriteHalfOverlap(fileA, fileB, rows);
    var overlap = Child.Start("ingest", fileB, warehouse);
    Figure("overlap", new { seconds = overlap.WallSeconds });
    Row("a file overlapping the first by half", $"{overlap.WallSeconds:N2} s", "", "", "");

    // A big file, then small files into the big warehouse against an empty one.
    Step($"generating {bigRows:N0} votes");
    var big = Path.Combine(work, "big.jsonl");
    new VoteFileGenerator { Rows = bigRows, Seed = 3, DuplicateRate = 0.01, BadLineRate = 0.0005 }.WriteTo(big);
    Step($"{bigRows:N0} rows: raw engine, then ours");
    var rawBig = Child.Start("baseline", big, Path.Combine(work, "raw-big.db"));
    File.Delete(Path.Combine(work, "raw-big.db"));
    var bigWarehouse = Path.Combine(work, "ours-big.db");
    var oursBig = Child.Start("ingest", big, bigWarehouse);
    File.Delete(big);
    Figure("bigFile", new { rows = bigRows, ours = oursBig.WallSeconds, raw = rawBig.WallSeconds, ratio = Ratio(oursBig, rawBig), oursCpu = oursBig.CpuSeconds, rawCpu = rawBig.CpuSeconds, oursPeakMegabytes = oursBig.PeakMegabytes, rawPeakMegabytes = rawBig.PeakMegabytes, steps = oursBig.StepMilliseconds });
    Row($"1 file x {bigRows:N0} rows", $"{oursBig.WallSeconds:N2} s", $"{rawBig.WallSeconds:N2} s", Ratio(oursBig, rawBig), "1.2x");
    Row("  CPU time (user + system)", $"{oursBig.CpuSeconds:N2} s", $"{rawBig.CpuSeconds:N2} s", $"{oursBig.CpuSeconds / rawBig.CpuSeconds:N2}x", "");
    foreach (var (step, milliseconds) in oursBig.StepMilliseconds) Row($"  of which {step}", $"{milliseconds:N0} ms", "", "", "");
    Row("  peak memory (RSS)", $"{oursBig.PeakMegabytes:N0} MB", $"{rawBig.PeakMegabytes:N0} MB", "", "< 1 GB");

    Step("20 files of 2,000 new votes, one at a time: into an empty warehouse, then into the big one");
    var small = Path.Combine(work, "small-files");
    Directory.CreateDirectory(small);
    for (var i = 0; i < 20; i++)
        new VoteFileGenerator { Rows = 2_000, Seed = 100 + i, FirstId = 100_000_000 + i * 2_000L }.WriteTo(Path.Combine(small, $"small-{i:D2}.jsonl"));
    var intoEmpty = Child.Start("ingest-each", small, Path.Combine(work, "empty.db"));
    var intoBig = Child.Start("ingest-each", small, bigWarehouse);
    var growth = intoBig.CallSeconds / intoEmpty.CallSeconds;
    Figure("smallFileIntoBigWarehouse", new { intoEmptyMilliseconds = 1000 * intoEmpty.CallSeconds / 20, intoBigMilliseconds = 1000 * intoBig.CallSeconds / 20, ratio = Math.Round(growth, 2) });
    Row($"a 2,000-row file into {bigRows:N0} votes vs into none", $"{1000 * intoBig.CallSeconds / 20:N1} ms vs {1000 * intoEmpty.CallSeconds / 20:N1} ms", "", $"{growth:N2}x", "1.2x");

    // The outliers query does not grow with the votes: it reads the weekly aggregate.
    Step("outliers query at 40,000 votes and at the big warehouse");
    var smallOutliers = OutliersQuery(Path.Combine(work, "empty.db"));
    var bigOutliers = OutliersQuery(bigWarehouse);
    Figure("outliers", new { smallMilliseconds = smallOutliers, bigMilliseconds = bigOutliers, ratio = Math.Round(bigOutliers / smallOutliers, 2) });
    Row($"outliers query, 40,000 -> {bigRows:N0} votes (best of 5)", $"{smallOutliers:N1} ms -> {bigOutliers:N1} ms", "", $"{bigOutliers / smallOutliers:N2}x", "2x");

    Console.WriteLine($"\n{Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC\n");
    if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = 200;
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

void Figure(string name, object value) => figures[name] = value;

void Row(params string[] cells) => table.Add(cells);

static string Ratio(Child.Result ours, Child.Result raw) => $"{ours.WallSeconds / raw.WallSeconds:N2}x";

static void Step(string what) => Console.Error.WriteLine($"bench: {what}");

static Child.Result Median(List<Child.Result> results) => results.OrderBy(r => r.WallSeconds).ElementAt(results.Count / 2);

// The lines of a file, in order, as files of a given number of lines.
static string Split(string file, string folder, int linesPerFile)
{
    Directory.CreateDirectory(folder);
    var part = 0;
    foreach (var chunk in File.ReadLines(file).Chunk(linesPerFile))
        File.WriteAllLines(Path.Combine(folder, $"part-{part++:D5}.jsonl"), chunk);
    return folder;
}

// B = the second half of A's lines, then as many new votes with Ids after A's.
static void WriteHalfOverlap(string fileA, string fileB, long rows)
{
    using var writer = new StreamWriter(fileB);
    foreach (var line in File.ReadLines(fileA).Skip((int)(rows / 2))) writer.WriteLine(line);
    new VoteFileGenerator { Rows = rows / 2, Seed = 2, FirstId = rows * 2, From = new DateTime(2022, 1, 1), To = new DateTime(2023, 1, 1) }.WriteTo(writer);
}

// The best of five: the query after a warm-up.
static double OutliersQuery(string database)
{
    using var warehouse = Warehouse.Open(database);
    warehouse.RefreshOutlierWeeks();
    var best = double.MaxValue;
    for (var i = 0; i < 5; i++)
    {
        var stopwatch = Stopwatch.StartNew();
        warehouse.RefreshOutlierWeeks();
        best = Math.Min(best, stopwatch.Elapsed.TotalMilliseconds);
    }
    return best;
}
