using System.CommandLine;
using System.Globalization;
using VoteFunctions.Cli.Terminal;
using VoteFunctions.Core;
using VoteFunctions.Core.Output;
using VoteFunctions.Core.Queries;

namespace VoteFunctions.Cli.Commands;

/// <summary>The commands that read the warehouse: outliers, rejects, files (of the file or of a running app), export. None creates a warehouse.</summary>
internal static class QueryCommands
{
    public static Command Outliers(CliContext cli)
    {
        var command = cli.WithExamples(cli.Reading(new Command("outliers", "Recreate the view blog_analysis.outlier_weeks and print it") { cli.Format }),
            "votes outliers",
            "votes outliers -f csv > outlier-weeks.csv",
            "votes outliers --app http://127.0.0.1:7071   # while the Functions app holds the warehouse");
        command.SetAction(cli.Action((result, cancel) =>
        {
            using var warehouse = cli.OpenForReading(result, cancel);
            WriteOutlierWeeks(warehouse.RefreshOutlierWeeks(), result.GetValue(cli.Format)!);
            return Task.FromResult(0);
        }));
        return command;
    }

    public static void WriteOutlierWeeks(IReadOnlyList<OutlierWeek> weeks, string format) =>
        CliContext.Print(format, () => Tables.OutlierWeeks(weeks),
            () => Console.Out.Write(OutlierWeekFormats.ToCsv(weeks)), () => Console.Out.Write(OutlierWeekFormats.ToJson(weeks)));

    public static Command Rejects(CliContext cli)
    {
        var file = new Option<string?>("--file") { Description = "Only the lines of the file ingested under this name, or at this path" };
        var command = cli.WithExamples(cli.Reading(new Command("rejects", "Print the rejected lines kept: file, line number, reason and raw text") { file, cli.Format }),
            "votes rejects --file votes-2017-2021.jsonl.gz",
            "votes rejects -f csv > rejected.csv",
            "votes rejects --app https://NAME.azurewebsites.net --key KEY");
        command.SetAction(cli.Action((result, cancel) =>
        {
            using var warehouse = cli.OpenForReading(result, cancel);
            var name = result.GetValue(file);
            if (name is not null)
            {
                var files = warehouse.ListIngestedFiles();
                // A path as typed at ingest is recorded under its file name; a name with control characters is shown escaped.
                if (!files.Any(f => f.FileName == name))
                    name = files.FirstOrDefault(f => DisplayText.Escape(f.FileName) == name)?.FileName ?? Path.GetFileName(name);
                if (!files.Any(f => f.FileName == name)) throw WarehouseException.NoFileNamed(name);
            }
            var lines = warehouse.ListRejectedLines(name);
            CliContext.Print(result.GetValue(cli.Format)!, () => Tables.RejectedLines(lines),
                () => RejectedLineFormats.WriteCsv(lines, Console.Out), () => RejectedLineFormats.WriteJson(lines, Console.Out));
            return Task.FromResult(0);
        }));
        return command;
    }

    public static Command Files(CliContext cli)
    {
        var command = cli.WithExamples(cli.Reading(new Command("files", "List the ingested files (the ledger): name, size, SHA-256 of the content, when, and how every line was counted") { cli.Format }),
            "votes files",
            "sha256sum exports/votes.jsonl.gz   # the same key as the SHA-256 column",
            "VOTES_APP_URL=http://127.0.0.1:7071 votes files");
        command.SetAction(cli.Action((result, cancel) =>
        {
            using var warehouse = cli.OpenForReading(result, cancel);
            var files = warehouse.ListIngestedFiles();
            CliContext.Print(result.GetValue(cli.Format)!, () => Tables.IngestedFiles(files),
                () => Console.Out.Write(IngestedFileFormats.ToCsv(files)), () => Console.Out.Write(IngestedFileFormats.ToJson(files)));
            return Task.FromResult(0);
        }));
        return command;
    }

    public static Command Export(CliContext cli)
    {
        var folder = CliContext.PathArgument("folder", "A new or empty folder for the Parquet files");
        var command = cli.WithExamples(new Command("export", "Export the votes as Parquet, partitioned by Year and WeekNumber (Hive-style folders)") { folder, cli.Warehouse },
            "votes export lake/votes");
        command.SetAction(cli.Action((result, _) =>
        {
            using var warehouse = cli.OpenExisting(result);
            var target = result.GetValue(folder)!;
            var votes = warehouse.ExportVotesToParquet(target);
            Console.Out.WriteLine(DisplayText.Escape(string.Create(CultureInfo.InvariantCulture, $"{votes:N0} votes exported to {Path.GetFullPath(target)} (Year=/WeekNumber= partitions)")));
            return Task.FromResult(0);
        }));
        return command;
    }
}
