using System.CommandLine;
using System.Globalization;
using VoteFunctions.Cli.Terminal;
using VoteFunctions.Core;
using VoteFunctions.Core.Files;
using VoteFunctions.Core.Ingest;
using VoteFunctions.Core.Output;

namespace VoteFunctions.Cli.Commands;

/// <summary>`votes ingest` and `votes run` (ingest, then the outlier weeks).</summary>
internal static class IngestCommands
{
    public static Command Ingest(CliContext cli)
    {
        var files = CliContext.VoteFiles();
        var command = cli.WithExamples(new Command("ingest", "Ingest vote files into the warehouse: each file whole or not at all") { files, cli.Warehouse },
            "votes ingest data/votes-2017-2021.jsonl.gz",
            "votes ingest exports/*.jsonl -w /data/warehouse.db");
        command.SetAction(cli.Action(async (result, cancel) =>
        {
            var inputs = InspectAll(result.GetValue(files)!);
            using var warehouse = cli.Open(result);
            return await IngestAll(warehouse, inputs, Console.Out, cancel) == 0 ? 0 : 1;
        }));
        return command;
    }

    public static Command Run(CliContext cli)
    {
        var files = CliContext.VoteFiles();
        var command = cli.WithExamples(new Command("run", "Ingest vote files, then recreate and print the outlier weeks: the whole job") { files, cli.Warehouse, cli.Format },
            "votes run data/votes-2017-2021.jsonl.gz",
            "votes run data/votes-2017-2021.jsonl.gz -f csv > outlier-weeks.csv");
        command.SetAction(cli.Action(async (result, cancel) =>
        {
            var inputs = InspectAll(result.GetValue(files)!);
            var format = result.GetValue(cli.Format)!;
            using var warehouse = cli.Open(result);
            // Machine formats keep stdout for the data alone.
            if (await IngestAll(warehouse, inputs, format == "table" ? Console.Out : Console.Error, cancel) > 0) return 1;
            if (format == "table") Console.Out.WriteLine();
            QueryCommands.WriteOutlierWeeks(warehouse.RefreshOutlierWeeks(), format);
            return 0;
        }));
        return command;
    }

    /// <summary>
    /// Checks every file first, so that a bad name among several fails before the first is
    /// ingested, and before a new warehouse file is created.
    /// </summary>
    private static List<InputFile> InspectAll(IEnumerable<string> files) => files.Select(InputFile.Inspect).ToList();

    /// <summary>
    /// Ingests the files, queued together so that the warehouse can commit small ones in batches,
    /// and writes one summary line each, in order, on <paramref name="summaries"/>, as they are
    /// done; a file that failed gets its one-line error on stderr instead. Returns how many failed.
    /// </summary>
    private static async Task<int> IngestAll(Warehouse warehouse, List<InputFile> files, TextWriter summaries, CancellationToken cancel)
    {
        // A live progress display owns the terminal: lines written there meanwhile would break it,
        // so they wait for it to end.
        var streaming = !IngestProgressDisplay.IsLive || (summaries == Console.Out && Console.IsOutputRedirected);
        IReadOnlyList<Task<IngestResult>> outcomes = [];
        var failed = 0;
        await IngestProgressDisplay.Around(files, async progress =>
        {
            outcomes = warehouse.IngestFiles(files, progress, cancel);
            if (streaming)
                foreach (var outcome in outcomes) failed += await Report(outcome, summaries);
            else
                await Task.WhenAll(outcomes).ContinueWith(_ => { }, TaskScheduler.Default); // every outcome, whatever it is
        });
        if (!streaming)
            foreach (var outcome in outcomes) failed += await Report(outcome, summaries);
        return failed;
    }

    /// <summary>Writes a file's summary, or its error on stderr; returns 1 when it failed.</summary>
    private static async Task<int> Report(Task<IngestResult> outcome, TextWriter summaries)
    {
        try
        {
            summaries.WriteLine(Summary(await outcome));
            return 0;
        }
        catch (WarehouseException e)
        {
            ErrorLine.Write(e.Message);
            return 1;
        }
    }

    /// <summary>A file's summary line; control characters in its names are escaped (<see cref="DisplayText"/>).</summary>
    internal static string Summary(IngestResult result) => DisplayText.Escape(result.AlreadyIngestedAs is { } earlier
        ? string.Create(CultureInfo.InvariantCulture,
            $"{result.FileName}: already ingested as {earlier.FileName} at {earlier.IngestedAt:yyyy-MM-dd HH:mm:ss} UTC ({earlier.LinesRead:N0} {Plural.Lines(earlier.LinesRead)}); nothing changed")
        : string.Create(CultureInfo.InvariantCulture,
            $"{result.FileName}: {result.LinesRead:N0} {Plural.Lines(result.LinesRead)} read, {result.Inserted:N0} inserted, {result.Duplicates:N0} duplicate, {result.Rejected:N0} rejected ({result.Elapsed.TotalSeconds:N1} s)")
          + (result.RejectedNotKept > 0 ? string.Create(CultureInfo.InvariantCulture, $", the first {IngestResult.MaxKeptRejections:N0} kept") : "")
          + (result.Rejected > 0 ? $"; see: votes rejects --file \"{result.FileName}\"" : ""));
}
