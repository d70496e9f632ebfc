using System.Globalization;
using Spectre.Console;
using VoteFunctions.Core.Ingest;

namespace VoteFunctions.Cli.Terminal;

/// <summary>
/// An ingest's progress on stderr. On a terminal: a bar per stage that moves while it runs
/// (checking the lines, DuckDB loading them, committing), with the time elapsed, cleared when the
/// file is done. When stderr is a file or a pipe: one plain line per stage, for large files only.
/// </summary>
internal static class IngestProgressDisplay
{
    private const long LargeFileBytes = 32 << 20;

    private static readonly IAnsiConsole Error = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });

    private static readonly Dictionary<string, string> StageNames = new()
    {
        ["reading"] = "checking lines",
        ["loading"] = "loading into DuckDB",
        ["committing"] = "committing",
    };

    /// <summary>Runs one file's ingest with its progress shown.</summary>
    public static async Task<T> Around<T>(string path, Func<IProgress<IngestProgress>, Task<T>> ingest)
    {
        if (Console.IsErrorRedirected)
            return await ingest(new PlainLines(new FileInfo(path).Length >= LargeFileBytes));
        return await Error.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(context => ingest(new Bars(context, Path.GetFileName(path))));
    }

    /// <summary>A bar per stage; a stage's bar is full once a later stage starts.</summary>
    private sealed class Bars(ProgressContext context, string fileName) : IProgress<IngestProgress>
    {
        private readonly Dictionary<string, ProgressTask> bars = [];

        // Reported from the line check's threads, DuckDB's progress timer and the ingest itself.
        public void Report(IngestProgress value)
        {
            lock (bars)
            {
                if (!bars.TryGetValue(value.Stage, out var bar))
                {
                    // A stage starts when the one before it is done.
                    foreach (var earlier in bars.Values) earlier.Value = earlier.MaxValue;
                    bar = context.AddTask($"{Markup.Escape(fileName)}: {StageNames.GetValueOrDefault(value.Stage, value.Stage)}", maxValue: 1);
                    bars[value.Stage] = bar;
                }
                // Until DuckDB says how far it is, a stage shows as under way, without a percentage.
                bar.IsIndeterminate = value.Total <= 0 && bar.Value == 0;
                if (value.Total > 0) bar.Value = Math.Max(bar.Value, (double)value.Done / value.Total);
            }
        }
    }

    private sealed class PlainLines(bool large) : IProgress<IngestProgress>
    {
        private readonly HashSet<string> stages = [];

        public void Report(IngestProgress value)
        {
            lock (stages)
            {
                if (!large || !stages.Add(value.Stage)) return;
            }
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{value.FileName}: {StageNames.GetValueOrDefault(value.Stage, value.Stage)}{(value.Stage == "reading" ? $" ({value.Total / 1e6:N1} MB)" : "")}"));
        }
    }
}
