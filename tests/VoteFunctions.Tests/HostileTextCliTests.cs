using System.Text.Json;

namespace VoteFunctions.Tests;

/// <summary>
/// Control characters in names and values reach people escaped (DisplayText), through the real
/// command-line tool: tables, summaries, progress and error lines. CSV and JSON keep them exact.
/// </summary>
public sealed class HostileTextCliTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("votes-hostile-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }

    private (int ExitCode, string Stdout, string Stderr) Votes(params string[] args) => CliRunner.Run(folder, args);

    // A name with a newline; an Id with ESC and one with NUL (as JSON escapes, so the reason quotes
    // them decoded); a line of raw ESC, NUL, DEL and a right-to-left override.
    private const string Name = "ctl\nname.jsonl";
    private static readonly string[] Lines =
    [
        """{"Id":"\u001b[31mred","PostId":"1","VoteTypeId":"2","CreationDate":"2020-01-01T00:00:00"}""",
        """{"Id":"\u0000","PostId":"1","VoteTypeId":"2","CreationDate":"2020-01-01T00:00:00"}""",
        "\u001b[32mgreen\0\u007f\u202etxt.exe",
    ];

    private void IngestHostileFile()
    {
        File.WriteAllText(Path.Combine(folder, Name), string.Join("\n", Lines) + "\n");
        var ingest = Votes("ingest", Name);
        Assert.Equal((0, "ctl␊name.jsonl: 3 lines read, 0 inserted, 0 duplicate, 3 rejected"), (ingest.ExitCode, ingest.Stdout.Split(" (")[0]));
        Assert.EndsWith("; see: votes rejects --file \"ctl␊name.jsonl\"\n", ingest.Stdout);
    }

    private static void AssertNothingATerminalObeys(string output) =>
        Assert.DoesNotContain(output, c => (c < ' ' && c != '\n') || c is '\u007f' or (>= '\u0080' and <= '\u009f') or '\u202e');

    [Fact]
    public void The_rejects_table_shows_control_characters_escaped_and_csv_and_json_keep_them()
    {
        IngestHostileFile();

        var table = Votes("rejects");
        var byShownName = Votes("rejects", "--file", "ctl␊name.jsonl", "-f", "csv");
        var csv = Votes("rejects", "-f", "csv");
        var json = Votes("rejects", "-f", "json");

        Assert.Equal(0, table.ExitCode);
        AssertNothingATerminalObeys(table.Stdout);
        Assert.Contains("Id is not a positive integer: ␛[31mred", table.Stdout);
        Assert.Contains("Id is not a positive integer: ␀", table.Stdout);
        Assert.Contains("␛[32mgreen␀␡<U+202E>txt.exe", table.Stdout);
        Assert.Equal(7, table.Stdout.Split('\n').Count(l => l.Contains("ctl␊name.jsonl")) + 4); // one line per rejected line
        Assert.Equal(csv.Stdout, byShownName.Stdout);
        Assert.Contains("\"Id is not a positive integer: \u001b[31mred\"", csv.Stdout);
        Assert.Contains("\"ctl\nname.jsonl\",3,", csv.Stdout);
        var rows = JsonSerializer.Deserialize<List<RejectedLine>>(json.Stdout, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        Assert.Equal(["Id is not a positive integer: \u001b[31mred", "Id is not a positive integer: ␀", "line is not a JSON object"], rows.Select(r => r.Reason));
        // As stored: a NUL of a raw line or of a value quoted in a reason is kept as ␀, the rest exactly.
        Assert.Equal("\u001b[32mgreen␀\u007f\u202etxt.exe", rows[2].RawText);
    }

    [Fact]
    public void The_rejects_table_fits_the_width_its_raw_text_cut_with_an_ellipsis()
    {
        var name = Path.Combine(folder, "long.jsonl");
        var raw = "not json: " + string.Concat(Enumerable.Range(0, 40).Select(i => $"word{i} "));
        File.WriteAllText(name, raw + "\n" + "東京".PadRight(300, '京') + "\n");
        Assert.Equal(0, Votes("ingest", name).ExitCode);

        var start = CliRunner.StartInfo(folder, "rejects");
        start.Environment["COLUMNS"] = "72";
        using var process = System.Diagnostics.Process.Start(start)!;
        var table = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var csv = Votes("rejects", "-f", "csv");

        // A CJK character takes two cells of a terminal.
        static int Cells(string line) => line.Sum(c => c is >= '\u2e80' and <= '\ua4cf' ? 2 : 1);
        Assert.All(table.TrimEnd('\n').Split('\n'), line => Assert.InRange(Cells(line), 0, 72));
        var rows = table.Split('\n').Where(l => l.Contains("long.jsonl")).ToList();
        Assert.Equal(2, rows.Count);
        Assert.All(rows, row => Assert.EndsWith("…", row.TrimEnd()));
        Assert.Contains("not json: word0 wor…", rows[0]);
        Assert.Contains(raw.TrimEnd(), csv.Stdout);
    }

    [Fact]
    public void Error_lines_quote_names_and_values_escaped_on_one_line()
    {
        var missing = Votes("ingest", "\u001b[31mgone\n.jsonl");
        var format = Votes("outliers", "-f", "x\u001by");

        Assert.Equal((1, "votes: cannot ingest ␛[31mgone␊.jsonl: file not found\n"), (missing.ExitCode, missing.Stderr));
        Assert.Equal((2, "votes: unknown format 'x␛y': use table, csv or json (see votes help outliers)\n"), (format.ExitCode, format.Stderr));
    }

    [Fact]
    public void The_ledger_table_shows_a_name_escaped()
    {
        IngestHostileFile();

        var table = Votes("files");

        AssertNothingATerminalObeys(table.Stdout);
        Assert.Contains("ctl␊name.jsonl", table.Stdout);
    }
}
