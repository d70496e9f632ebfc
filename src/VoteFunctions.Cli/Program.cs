using System.CommandLine;
using System.Globalization;
using VoteFunctions.Cli;
using VoteFunctions.Core;
using VoteFunctions.Core.Generation;
using VoteFunctions.Core.Output;
using VoteFunctions.Core.Storage;

using var signals = new ShutdownSignals();

var warehouseOption = new Option<string>("--warehouse", "-w")
{
    Description = "The DuckDB warehouse file",
    DefaultValueFactory = _ => "warehouse.db",
    Recursive = true,
};
warehouseOption.Validators.Add(result =>
{
    if (string.IsNullOrWhiteSpace(result.GetValueOrDefault<string>())) result.AddError("--warehouse is empty: give a file name, such as warehouse.db");
});
var formatOption = new Option<string>("--format", "-f")
{
    Description = "Output format: table, csv or json",
    DefaultValueFactory = _ => "table",
}.AcceptOnlyFromAmong(OutlierWeekFormats.Names);
var filesArgument = new Argument<string[]>("file")
{
    Description = "JSON Lines vote files (.jsonl, or gzip-compressed .jsonl.gz)",
    Arity = ArgumentArity.OneOrMore,
};

// How the CLI opens a warehouse: DuckDB's memory limit from the same setting as the Functions
// app, repairs after a crash reported on stderr, and the crash tests' pause before a commit.
WarehouseOptions Options() => new()
{
    MemoryLimit = Environment.GetEnvironmentVariable("WarehouseMemoryLimit") is { Length: > 0 } limit ? limit : WarehouseOptions.DefaultMemoryLimit,
    Log = message => Console.Error.WriteLine($"votes: {message}"),
    BeforeCommit = int.TryParse(Environment.GetEnvironmentVariable("VOTEFUNCTIONS_PAUSE_BEFORE_COMMIT_MS"), out var pause)
        ? () => { Console.Error.WriteLine("votes: paused before commit"); signals.Token.WaitHandle.WaitOne(pause); }
        : null,
};
Warehouse OpenWarehouse(ParseResult result) => Warehouse.Open(result.GetValue(warehouseOption)!, Options());
Warehouse OpenExistingWarehouse(ParseResult result) => Warehouse.OpenExisting(result.GetValue(warehouseOption)!, Options());

var ingest = new Command("ingest", "Ingest vote files into the warehouse, one transaction per file") { filesArgument };
ingest.SetAction((result, _) => Cli.Run(signals, async cancel =>
{
    var files = Cli.InspectAll(result.GetValue(filesArgument)!);
    using var warehouse = OpenWarehouse(result);
    await Cli.IngestAll(warehouse, files, Console.Out, cancel);
    return 0;
}));

var outliers = new Command("outliers", "Recreate the view blog_analysis.outlier_weeks and print it") { formatOption };
outliers.SetAction((result, _) => Cli.Run(signals, _ =>
{
    using var warehouse = OpenExistingWarehouse(result);
    Console.Out.Write(OutlierWeekFormats.Format(warehouse.RefreshOutlierWeeks(), result.GetValue(formatOption)!));
    return Task.FromResult(0);
}));

var weeks = new Command("weeks", "Recreate the view blog_analysis.weekly_deviation and print every week: count, mean, deviation, outlier or not") { formatOption };
weeks.SetAction((result, _) => Cli.Run(signals, _ =>
{
    using var warehouse = OpenExistingWarehouse(result);
    Console.Out.Write(WeeklyDeviationFormats.Format(warehouse.RefreshWeeklyDeviation(), result.GetValue(formatOption)!));
    return Task.FromResult(0);
}));

var chartOutputOption = new Option<string>("--output", "-o") { Description = "The file to write: .svg for the image, .html for a page with it", Required = true };
chartOutputOption.Validators.Add(result =>
{
    if (!ChartFile.IsSupported(result.GetValueOrDefault<string>())) result.AddError($"{ChartFile.Expected}, not '{result.GetValueOrDefault<string>()}'");
});
var chart = new Command("chart", "Draw the weekly vote counts with the mean, the 0.8x-1.2x band and the outlier weeks (.svg or .html)") { chartOutputOption };
chart.SetAction((result, _) => Cli.Run(signals, _ =>
{
    using var warehouse = OpenExistingWarehouse(result);
    Console.Out.WriteLine(ChartFile.Write(warehouse.RefreshWeeklyDeviation(), result.GetValue(chartOutputOption)!));
    return Task.FromResult(0);
}));

var run = new Command("run", "Ingest vote files, then recreate and print the outlier weeks (the whole job)") { filesArgument, formatOption };
run.SetAction((result, _) => Cli.Run(signals, async cancel =>
{
    var files = Cli.InspectAll(result.GetValue(filesArgument)!);
    var format = result.GetValue(formatOption)!;
    using var warehouse = OpenWarehouse(result);
    // Machine formats keep stdout for the data alone.
    await Cli.IngestAll(warehouse, files, format == "table" ? Console.Out : Console.Error, cancel);
    if (format == "table") Console.Out.WriteLine();
    Console.Out.Write(OutlierWeekFormats.Format(warehouse.RefreshOutlierWeeks(), format));
    return 0;
}));

var fileNameOption = new Option<string?>("--file") { Description = "Only the lines of the file ingested under this name (or path)" };
var rejects = new Command("rejects", "Print the rejected lines: file, line number, reason and raw text") { fileNameOption, formatOption };
rejects.SetAction((result, _) => Cli.Run(signals, _ =>
{
    using var warehouse = OpenExistingWarehouse(result);
    var file = result.GetValue(fileNameOption);
    // A path as typed at ingest is recorded under its file name.
    if (file is not null && !warehouse.ListIngestedFiles().Any(f => f.FileName == file)) file = Path.GetFileName(file);
    RejectedLineFormats.Write(warehouse.ListRejectedLines(file), result.GetValue(formatOption)!, Console.Out);
    return Task.FromResult(0);
}));

var outputArgument = new Argument<string>("output") { Description = "The file to write (.jsonl, or .jsonl.gz to compress)" };
var rowsOption = new Option<long>("--rows") { Description = "Number of lines", DefaultValueFactory = _ => 40_000 };
var seedOption = new Option<int>("--seed") { Description = "Random seed: the same seed gives the same file", DefaultValueFactory = _ => 2017 };
var duplicatesOption = new Option<double>("--duplicate-rate") { Description = "Fraction of lines repeating an earlier line", DefaultValueFactory = _ => 0 };
var badOption = new Option<double>("--bad-rate") { Description = "Fraction of damaged lines", DefaultValueFactory = _ => 0 };
var generate = new Command("generate", "Write a realistic, reproducible vote file") { outputArgument, rowsOption, seedOption, duplicatesOption, badOption };
generate.SetAction((result, _) => Cli.Run(signals, _ =>
{
    var output = result.GetValue(outputArgument)!;
    new VoteFileGenerator
    {
        Rows = result.GetValue(rowsOption),
        Seed = result.GetValue(seedOption),
        DuplicateRate = result.GetValue(duplicatesOption),
        BadLineRate = result.GetValue(badOption),
    }.WriteTo(output);
    Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{output}: {result.GetValue(rowsOption):N0} lines, {new FileInfo(output).Length / 1e6:N1} MB"));
    return Task.FromResult(0);
}));

var connectionOption = new Option<string>("--connection")
{
    Description = "Storage connection string (default: the VotesStorage environment variable, else Azurite)",
    DefaultValueFactory = _ => Environment.GetEnvironmentVariable("VotesStorage") is { Length: > 0 } fromEnvironment ? fromEnvironment : VoteContainer.DefaultConnection,
};
var containerOption = new Option<string>("--container") { Description = "Blob container", DefaultValueFactory = _ => VoteContainer.DefaultName };
var upload = new Command("upload", "Upload vote files to the votes blob container, where the Functions app ingests them") { filesArgument, connectionOption, containerOption };
upload.SetAction((result, _) => Cli.Run(signals, async cancel =>
{
    var files = Cli.InspectAll(result.GetValue(filesArgument)!);
    var container = new VoteContainer(new Azure.Storage.Blobs.BlobContainerClient(result.GetValue(connectionOption), result.GetValue(containerOption)));
    foreach (var file in files)
    {
        await container.UploadAsync(file.Path, cancel);
        Console.Out.WriteLine($"{Path.GetFileName(file.Path)}: uploaded to {container.Client.Uri}");
    }
    return 0;
}));

var folderArgument = new Argument<string>("folder") { Description = "A new or empty folder for the Parquet files" };
var export = new Command("export", "Export the votes as Parquet partitioned by Year and WeekNumber (Hive-style folders)") { folderArgument };
export.SetAction((result, _) => Cli.Run(signals, _ =>
{
    using var warehouse = OpenExistingWarehouse(result);
    var folder = result.GetValue(folderArgument)!;
    var votes = warehouse.ExportVotesToParquet(folder);
    Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{votes:N0} votes exported to {Path.GetFullPath(folder)} (Year=/WeekNumber= partitions)"));
    return Task.FromResult(0);
}));

var root = new RootCommand("VoteFunctions: a DuckDB warehouse of blog votes and their outlier weeks")
{
    warehouseOption, ingest, outliers, weeks, chart, run, rejects, generate, upload, export,
};
var parsed = root.Parse(args);
if (parsed.Errors.Count > 0 && !args.Contains("--help") && !args.Contains("-h"))
{
    var message = System.Text.RegularExpressions.Regex.Replace(parsed.Errors[0].Message, @"\s+", " ").Trim();
    Console.Error.WriteLine($"votes: {message} (see --help)");
    return 2;
}
// Signals are handled above (ShutdownSignals), not by System.CommandLine.
return await parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
