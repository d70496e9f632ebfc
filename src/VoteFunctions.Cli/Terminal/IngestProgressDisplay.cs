using System.Globalization;
using Spectre.Console;
using VoteFunctions.Core.Files;
using VoteFunctions.Core.Ingest;
using VoteFunctions.Core.Output;

namespace VoteFunctions.Cli.Terminal;

/// <summary>
/// An ingest's progress on stderr. On a terminal: for one file, a bar per stage that moves while it
/// runs (checking and loading the lines, finding duplicates, committing), with the time elapsed; for several,
/// one bar for the bytes checked; cleared when done. When stderr is a file or a pipe: one plain
/// line per stage, for large files only.
/// </summary>
internal static class IngestProgressDisplay
{
    private const long LargeFileBytes = 32 << 20;

    private static readonly IAnsiConsole Error = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });

    private static readonly Dictionary<IngestStage, string> StageNames = new()
    {
        [IngestStage.Reading] = "checking and loading lines",
        [IngestStage.Classifying] = "finding duplicates",
        [IngestStage.Committing] = "committing",
    };

    /// <summary>Whether the progress is a live display on the terminal, which no other output may cross.</summary>
    public static bool IsLive => !Console.IsErrorRedirected;

    /// <summary>Runs the ingest of the files with its progress shown.</summary>
    public static async Task Around(IReadOnlyList<InputFile> files, Func<IProgress<IngestProgress>, Task> ingest)
    {
        if (!IsLive)
        {
            await ingest(new PlainLines(files.Where(f => f.Size >= LargeFileBytes).Select(f => Path.GetFileName(f.Path)).ToHashSet()));
            return;
        }
        await Error.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(context => ingest(files.Count == 1 ? new Bars(context, Path.GetFileName(files[0].Path)) : new FilesRead(context, files)));
    }

    /// <summary>Several files: one bar, for the bytes checked of all of them.</summary>
    private sealed class FilesRead(ProgressContext context, IReadOnlyList<InputFile> files) : IProgress<IngestProgress>
    {
        private readonly ProgressTask bar = context.AddTask(string.Create(CultureInfo.InvariantCulture, $"{files.Count:N0} files ({files.Sum(f => f.Size) / 1e6:N1} MB): checking and loading"), maxValue: Math.Max(1, files.Sum(f => f.Size)));
        private readonly Dictionary<string, long> done = [];

        public void Report(IngestProgress value)
        {
            if (value.Stage != IngestStage.Reading) return;
            lock (done)
            {
                done[value.FileName] = value.Done;
                bar.Value = done.Values.Sum();
            }
        }
    }

    /// <summary>A bar per stage; a stage's bar is full once a later stage starts.</summary>
    private sealed class Bars(ProgressContext context, string fileName) : IProgress<IngestProgress>
    {
        private readonly Dictionary<IngestStage, ProgressTask> bars = [];

        // Reported from the line check's threads, DuckDB's progress timer and the ingest itself.
        public void Report(IngestProgress value)
        {
            lock (bars)
            {
                if (!bars.TryGetValue(value.Stage, out var bar))
                {
                    // A stage starts when the one before it is done.
                    foreach (var earlier in bars.Values) earlier.Value = earlier.MaxValue;
                    bar = context.AddTask($"{Markup.Escape(DisplayText.Escape(fileName))}: {StageNames[value.Stage]}", maxValue: 1);
                    bars[value.Stage] = bar;
                }
                // Until DuckDB says how far it is, a stage shows as under way, without a percentage.
                bar.IsIndeterminate = value.Total <= 0 && bar.Value == 0;
                if (value.Total > 0) bar.Value = Math.Max(bar.Value, (double)value.Done / value.Total);
            }
        }
    }

    /// <summary>One line per stage of each large file.</summary>
    private sealed class PlainLines(IReadOnlySet<string> largeFiles) : IProgress<IngestProgress>
    {
        private readonly HashSet<(string, IngestStage)> stages = [];

        public void Report(IngestProgress value)
        {
            lock (stages)
            {
                if (!largeFiles.Contains(value.FileName) || !stages.Add((value.FileName, value.Stage))) return;
            }
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{DisplayText.Escape(value.FileName)}: {StageNames[value.Stage]}{(value.Stage == IngestStage.Reading ? $" ({value.Total / 1e6:N1} MB)" : "")}"));
        }
    }
}
