using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;
using VoteFunctions.Core.Output;
using VoteFunctions.Core.Queries;

namespace VoteFunctions.Cli.Terminal;

/// <summary>Results as tables for people, on stdout (Spectre.Console; plain characters when redirected).</summary>
internal static class Tables
{
    private static readonly IAnsiConsole Out = StandardOutput();

    // As wide as the terminal, or as COLUMNS says when set (POSIX: the user's preferred width).
    // Into a file or a pipe, a table is as wide as its content: nothing is wrapped at 80 columns.
    private static IAnsiConsole StandardOutput()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        if (int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), NumberStyles.None, CultureInfo.InvariantCulture, out var columns) && columns > 0)
            console.Profile.Width = columns;
        else if (Console.IsOutputRedirected)
            console.Profile.Width = 4096;
        return console;
    }

    // The raw text's column: at least this wide, even if the file names and reasons must wrap for
    // it; at most this wide, a line of a file being some 100 characters (CSV and JSON have it whole).
    private const int MinRawTextWidth = 20, MaxRawTextWidth = 200;

    public static void OutlierWeeks(IReadOnlyList<OutlierWeek> weeks)
    {
        if (weeks.Count == 0)
        {
            Console.Out.WriteLine("No outlier weeks (the warehouse has no votes, or no week is more than 20% from the mean).");
            return;
        }
        var table = NewTable("Year", "WeekNumber", "VoteCount");
        foreach (var week in weeks) table.AddRow(Plain(week.Year), Plain(week.WeekNumber), Cell(week.VoteCount));
        Out.Write(table);
        Console.Out.WriteLine($"{weeks.Count} outlier week{(weeks.Count == 1 ? "" : "s")}");
    }

    /// <summary>Every week with votes: a line with the mean and the 0.8x-1.2x band, then the weeks, outliers marked.</summary>
    public static void WeeklyDeviation(IReadOnlyList<WeekDeviation> weeks)
    {
        if (weeks.Count == 0)
        {
            Console.Out.WriteLine("No weeks with votes (the warehouse has no votes).");
            return;
        }
        var mean = weeks[0].MeanVotes;
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Mean {mean:N2} votes a week; band 0.8x to 1.2x the mean: {0.8 * mean:N2} to {1.2 * mean:N2} votes; a week outside it is an outlier"));
        var table = NewTable("Year", "WeekNumber", "VoteCount", "vs mean", "Outlier");
        table.Columns[4].LeftAligned();
        // Signed, so that a reader sees whether a week is above or below the mean; Deviation in CSV and JSON is its absolute value.
        foreach (var w in weeks)
            table.AddRow(Plain(w.Year), Plain(w.WeekNumber), Cell(w.VoteCount),
                Cell((w.VoteCount / w.MeanVotes - 1).ToString("+0.0%;-0.0%;0.0%", CultureInfo.InvariantCulture)), Cell(w.IsOutlier ? "outlier" : ""));
        Out.Write(table);
        var outliers = weeks.Count(w => w.IsOutlier);
        Console.Out.WriteLine($"{weeks.Count} week{(weeks.Count == 1 ? "" : "s")} with votes, {outliers} outlier{(outliers == 1 ? "" : "s")}");
    }

    /// <summary>
    /// A page at a time: a table needs its column widths, and the listing may be long. The table
    /// fits the width: each raw text is one line, cut with an ellipsis to what the other columns
    /// leave (<see cref="MinRawTextWidth"/> to <see cref="MaxRawTextWidth"/>).
    /// </summary>
    public static void RejectedLines(IEnumerable<RejectedLine> lines)
    {
        long count = 0;
        foreach (var page in lines.Chunk(1000))
        {
            var rows = page.Select(line => (File: DisplayText.Escape(line.FileName), Line: Count(line.LineNumber), Reason: DisplayText.Escape(line.Reason),
                RawText: DisplayText.Escape(line.RawText ?? ""))).ToList();
            var table = NewTable("File", "Line", "Reason", "Raw text");
            table.Columns[0].LeftAligned();
            table.Columns[2].LeftAligned();
            table.Columns[3].LeftAligned();
            // What the table adds to its cells (padding, edges) is the width of a table of empty cells.
            var others = ((IRenderable)NewTable("", "", "", "")).Measure(RenderOptions.Create(Out), Out.Profile.Width).Max
                + Widest("File", rows.Select(r => r.File)) + Widest("Line", rows.Select(r => r.Line)) + Widest("Reason", rows.Select(r => r.Reason));
            var rawTextWidth = Math.Clamp(Out.Profile.Width - others, MinRawTextWidth, MaxRawTextWidth);
            table.Columns[3].NoWrap = true; // the other columns wrap, if need be, for it
            foreach (var row in rows)
                table.AddRow(new Text(row.File), new Text(row.Line), new Text(row.Reason), new Text(Cut(row.RawText, rawTextWidth)));
            Out.Write(table);
            count += page.Length;
        }
        Console.Out.WriteLine(count == 0 ? "No rejected lines." : string.Create(CultureInfo.InvariantCulture, $"{count:N0} rejected line{(count == 1 ? "" : "s")}"));
    }

    public static void IngestedFiles(IReadOnlyList<IngestedFile> files)
    {
        if (files.Count == 0)
        {
            Console.Out.WriteLine("No files ingested yet.");
            return;
        }
        var table = NewTable("File", "Size", "SHA-256 (start)", "Ingested (UTC)", "Lines", "Inserted", "Duplicates", "Rejected");
        table.Columns[0].LeftAligned();
        table.Columns[2].LeftAligned();
        foreach (var f in files)
            table.AddRow(Cell(f.FileName), Cell(Size(f.SizeBytes)), Cell(f.Sha256[..16] + "…"), Cell(f.IngestedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)),
                Cell(f.LinesRead), Cell(f.Inserted), Cell(f.Duplicates), Cell(f.Rejected));
        Out.Write(table);
        Console.Out.WriteLine($"{files.Count} file{(files.Count == 1 ? "" : "s")}");
    }

    private static Table NewTable(params string[] headers)
    {
        var table = new Table().Border(TableBorder.Horizontal);
        foreach (var header in headers) table.AddColumn(new TableColumn(header).RightAligned());
        return table;
    }

    /// <summary>Text from the data, its control characters escaped (<see cref="DisplayText"/>).</summary>
    private static Text Cell(string value) => new(DisplayText.Escape(value));

    /// <summary>A count, grouped by thousands.</summary>
    private static Text Cell(long value) => new(Count(value));

    private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A year or a week number: digits only.</summary>
    private static Text Plain(long value) => new(value.ToString(CultureInfo.InvariantCulture));

    private static string Size(long bytes) => bytes >= 1_000_000
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e6:N1} MB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes:N0} B");

    /// <summary>How many terminal cells the widest of a column's texts takes, its header included.</summary>
    private static int Widest(string header, IEnumerable<string> texts) => texts.Select(text => text.GetCellWidth()).Append(header.GetCellWidth()).Max();

    /// <summary>The text in at most <paramref name="cells"/> terminal cells (a wide character takes two), cut with an ellipsis.</summary>
    private static string Cut(string text, int cells) =>
        text.GetCellWidth() <= cells ? text : Segment.Truncate(new Segment(text), cells - 1)?.Text + "…";
}
