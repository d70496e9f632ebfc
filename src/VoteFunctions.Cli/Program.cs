using System.CommandLine;
using System.Globalization;
using VoteFunctions.Cli;
using VoteFunctions.Core;

var warehouseOption = new Option<string>("--warehouse", "-w")
{
    Description = "The DuckDB warehouse file",
    DefaultValueFactory = _ => "warehouse.db",
    Recursive = true,
};
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

var ingest = new Command("ingest", "Ingest vote files into the warehouse, one transaction per file") { filesArgument };
ingest.SetAction((result, cancel) => Cli.Run(async () =>
{
    using var warehouse = Warehouse.Open(result.GetValue(warehouseOption)!);
    return await Cli.IngestAll(warehouse, result.GetValue(filesArgument)!, cancel);
}));

var outliers = new Command("outliers", "Recreate the view blog_analysis.outlier_weeks and print it") { formatOption };
outliers.SetAction((result, _) => Cli.Run(() =>
{
    using var warehouse = Warehouse.Open(result.GetValue(warehouseOption)!);
    Console.Out.Write(OutlierWeekFormats.Format(warehouse.RefreshOutlierWeeks(), result.GetValue(formatOption)!));
    return Task.FromResult(0);
}));

var run = new Command("run", "Ingest vote files, then recreate and print the outlier weeks (the whole job)") { filesArgument, formatOption };
run.SetAction((result, cancel) => Cli.Run(async () =>
{
    using var warehouse = Warehouse.Open(result.GetValue(warehouseOption)!);
    var exitCode = await Cli.IngestAll(warehouse, result.GetValue(filesArgument)!, cancel);
    if (exitCode != 0) return exitCode;
    Console.Out.WriteLine();
    Console.Out.Write(OutlierWeekFormats.Format(warehouse.RefreshOutlierWeeks(), result.GetValue(formatOption)!));
    return 0;
}));

var fileNameOption = new Option<string?>("--file") { Description = "Only the lines of the file ingested under this name" };
var rejects = new Command("rejects", "Print the rejected lines: file, line number, reason and raw text") { fileNameOption, formatOption };
rejects.SetAction((result, _) => Cli.Run(() =>
{
    using var warehouse = Warehouse.Open(result.GetValue(warehouseOption)!);
    Console.Out.Write(Cli.FormatRejects(warehouse.ListRejectedLines(result.GetValue(fileNameOption)), result.GetValue(formatOption)!));
    return Task.FromResult(0);
}));

var outputArgument = new Argument<string>("output") { Description = "The file to write (.jsonl, or .jsonl.gz to compress)" };
var rowsOption = new Option<long>("--rows") { Description = "Number of lines", DefaultValueFactory = _ => 40_000 };
var seedOption = new Option<int>("--seed") { Description = "Random seed: the same seed gives the same file", DefaultValueFactory = _ => 2017 };
var duplicatesOption = new Option<double>("--duplicate-rate") { Description = "Fraction of lines repeating an earlier line", DefaultValueFactory = _ => 0 };
var badOption = new Option<double>("--bad-rate") { Description = "Fraction of damaged lines", DefaultValueFactory = _ => 0 };
var generate = new Command("generate", "Write a realistic, reproducible vote file") { outputArgument, rowsOption, seedOption, duplicatesOption, badOption };
generate.SetAction((result, _) => Cli.Run(() =>
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
upload.SetAction((result, cancel) => Cli.Run(async () =>
{
    var files = result.GetValue(filesArgument)!;
    Cli.RequireFiles(files, "upload");
    var container = new VoteContainer(new Azure.Storage.Blobs.BlobContainerClient(result.GetValue(connectionOption), result.GetValue(containerOption)));
    foreach (var file in files)
    {
        await container.UploadAsync(file, cancel);
        Console.Out.WriteLine($"{Path.GetFileName(file)}: uploaded to {container.Client.Uri}");
    }
    return 0;
}));

var folderArgument = new Argument<string>("folder") { Description = "A new or empty folder for the Parquet files" };
var export = new Command("export", "Export the votes as Parquet partitioned by Year and WeekNumber (Hive-style folders)") { folderArgument };
export.SetAction((result, _) => Cli.Run(() =>
{
    using var warehouse = Warehouse.Open(result.GetValue(warehouseOption)!);
    var folder = result.GetValue(folderArgument)!;
    var votes = warehouse.ExportVotesToParquet(folder);
    Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{votes:N0} votes exported to {Path.GetFullPath(folder)} (Year=/WeekNumber= partitions)"));
    return Task.FromResult(0);
}));

var root = new RootCommand("VoteFunctions: a DuckDB warehouse of blog votes and their outlier weeks")
{
    warehouseOption, ingest, outliers, run, rejects, generate, upload, export,
};
var parsed = root.Parse(args);
if (parsed.Errors.Count > 0 && !args.Contains("--help") && !args.Contains("-h"))
{
    var message = System.Text.RegularExpressions.Regex.Replace(parsed.Errors[0].Message, @"\s+", " ").Trim();
    Console.Error.WriteLine($"votes: {message} (see --help)");
    return 2;
}
return await parsed.InvokeAsync();
