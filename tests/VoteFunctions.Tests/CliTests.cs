
namespace VoteFunctions.Tests;

public class CliTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("votes-cli-").FullName;
    private static readonly string Sample = TestWarehouse.Fixture("sample-votes.jsonl");

    public void Dispose()
    {
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public void Outliers_as_csv_prints_exactly_the_expected_file_after_ingesting_the_sample_twice()
    {
        Assert.Equal(0, CliRunner.Run(folder, "ingest", Sample).ExitCode);
        var second = CliRunner.Run(folder, "ingest", Sample);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("already ingested", second.Stdout);

        var csv = CliRunner.Run(folder, "outliers", "--format", "csv");

        Assert.Equal(0, csv.ExitCode);
        Assert.Equal(File.ReadAllText(TestWarehouse.Fixture("sample-outlier-weeks.csv")).ReplaceLineEndings("\n"), csv.Stdout);
        Assert.Equal("", csv.Stderr);
        Assert.True(File.Exists(Path.Combine(folder, "warehouse.db")), "the default warehouse is warehouse.db in the current folder");
    }

    /// <summary>Paths are paths, never patterns: glob characters in the temporary folder or the warehouse's folder change nothing.</summary>
    [Fact]
    public async Task Glob_characters_in_the_temporary_folder_and_the_warehouse_path_are_plain_characters()
    {
        var temporary = Directory.CreateDirectory(Path.Combine(folder, "tmp[1]*?")).FullName;
        var warehouse = Path.Combine(Directory.CreateDirectory(Path.Combine(folder, "w[ab]")).FullName, "warehouse[1].db");
        var input = Path.Combine(Directory.CreateDirectory(Path.Combine(folder, "in[1]")).FullName, "votes*.jsonl");
        File.Copy(TestWarehouse.Fixture("dirty/conflicting-duplicates.jsonl"), input);
        var start = CliRunner.StartInfo(folder, "run", input, "-w", warehouse, "-f", "csv");
        start.Environment["TMPDIR"] = temporary;

        using var process = System.Diagnostics.Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(0, process.ExitCode);
        Assert.StartsWith("votes*.jsonl: 6 lines read, 3 inserted, 1 duplicate, 2 rejected", await stderr);
        Assert.StartsWith("Year,WeekNumber,VoteCount\n", stdout);
    }

    [Fact]
    public void A_one_line_file_is_summarised_as_one_line_read_and_again_as_one_line_when_already_ingested()
    {
        var file = Path.Combine(folder, "one.jsonl");
        File.WriteAllText(file, File.ReadLines(Sample).First() + "\n");

        var first = CliRunner.Run(folder, "ingest", file, "--warehouse", "w.db");
        var again = CliRunner.Run(folder, "ingest", file, "--warehouse", "w.db");

        Assert.StartsWith("one.jsonl: 1 line read, 1 inserted, 0 duplicate, 0 rejected", first.Stdout);
        Assert.Contains("(1 line); nothing changed", again.Stdout);
    }

    [Fact]
    public void Ingest_prints_one_summary_line_per_file_with_the_counts()
    {
        var result = CliRunner.Run(folder, "ingest", Sample, TestWarehouse.Fixture("dirty/blank-lines.jsonl"), "--warehouse", "w.db");

        Assert.Equal(0, result.ExitCode);
        var lines = result.Stdout.TrimEnd('\n').Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("sample-votes.jsonl: 16 lines read, 16 inserted, 0 duplicate, 0 rejected", lines[0]);
        // Ids 1 and 2 of the second file are stored from the first with other content: conflicts.
        Assert.StartsWith("blank-lines.jsonl: 5 lines read, 1 inserted, 0 duplicate, 4 rejected", lines[1]);
    }

    [Fact]
    public void Run_ingests_then_prints_the_outliers_as_json()
    {
        var result = CliRunner.Run(folder, "run", Sample, "--format", "json");

        Assert.Equal(0, result.ExitCode);
        var json = result.Stdout[result.Stdout.IndexOf('[')..];
        var weeks = System.Text.Json.JsonSerializer.Deserialize<List<OutlierWeek>>(json, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web))!;
        Assert.Equal(6, weeks.Count);
        Assert.Equal(new OutlierWeek(2022, 0, 1), weeks[0]);
        Assert.Contains("\"weekNumber\":0", json);
    }

    [Fact]
    public void A_missing_file_among_several_is_a_one_line_error_before_any_is_ingested()
    {
        var after = Path.Combine(folder, "after.jsonl");
        File.Copy(TestWarehouse.Fixture("dirty/bom.jsonl"), after);

        var result = CliRunner.Run(folder, "ingest", Sample, "no-such-file.jsonl", after);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("votes: cannot ingest no-such-file.jsonl: file not found\n", result.Stderr);
        Assert.False(File.Exists(Path.Combine(folder, "warehouse.db")), "a failed ingest creates no warehouse");
    }

    [Fact]
    public void A_file_whose_name_is_not_utf8_is_refused_for_that_reason_named_or_through_a_glob()
    {
        var notUtf8 = "votes: cannot ingest bad\uFFFD.jsonl: its name is not valid UTF-8 (\uFFFD stands for the bytes that are not), and .NET cannot open such a name; rename the file\n";
        try
        {
            var named = CliRunner.Shell(folder, "cp \"$1\" $'bad\\xff.jsonl' && $VOTES ingest $'bad\\xff.jsonl'", Sample);
            var globbed = CliRunner.Shell(folder, "$VOTES ingest *.jsonl");
            var uploaded = CliRunner.Shell(folder, "$VOTES upload *.jsonl");
            var inFolder = CliRunner.Shell(folder, "mkdir $'dir\\xff' && cp \"$1\" $'dir\\xff/votes.jsonl' && $VOTES ingest dir*/votes.jsonl", Sample);

            Assert.Equal((1, notUtf8), (named.ExitCode, named.Stderr));
            Assert.Equal((1, notUtf8), (globbed.ExitCode, globbed.Stderr));
            Assert.Equal((1, notUtf8), (uploaded.ExitCode, uploaded.Stderr));
            Assert.Equal((1, "votes: cannot ingest dir\uFFFD/votes.jsonl: the name of its folder dir\uFFFD is not valid UTF-8 (\uFFFD stands for the bytes that are not), and .NET cannot open such a name; rename the folder\n"),
                (inFolder.ExitCode, inFolder.Stderr));
            Assert.False(File.Exists(Path.Combine(folder, "warehouse.db")));
        }
        finally
        {
            // Neither can .NET delete them.
            CliRunner.Shell(folder, "rm -rf -- $'bad\\xff.jsonl' $'dir\\xff'");
        }
    }

    [Fact]
    public void A_name_with_the_replacement_character_itself_is_ingested_and_one_that_does_not_exist_is_not_found()
    {
        File.Copy(Sample, Path.Combine(folder, "odd\uFFFD.jsonl"));

        var valid = CliRunner.Run(folder, "ingest", "odd\uFFFD.jsonl");
        var missing = CliRunner.Run(folder, "ingest", "gone\uFFFD.jsonl");

        Assert.Equal(0, valid.ExitCode);
        Assert.StartsWith("odd\uFFFD.jsonl: 16 lines read, 16 inserted", valid.Stdout);
        Assert.Equal((1, "votes: cannot ingest gone\uFFFD.jsonl: file not found\n"), (missing.ExitCode, missing.Stderr));
    }

    [Theory]
    [InlineData("outliers", "--format", "xml")]
    [InlineData("ingest")]
    [InlineData("frobnicate")]
    [InlineData("outliers", "--no-such-option")]
    [InlineData("generate", "")]
    [InlineData("export", "")]
    public void Bad_arguments_are_a_one_line_error_with_exit_code_2(params string[] args)
    {
        var result = CliRunner.Run(folder, args);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("votes: ", result.Stderr);
        Assert.Single(result.Stderr.TrimEnd('\n').Split('\n'));
        Assert.False(File.Exists(Path.Combine(folder, "warehouse.db")));
    }

    [Fact]
    public void A_warehouse_held_by_another_process_is_a_one_line_error_within_seconds()
    {
        using var holder = Warehouse.Open(Path.Combine(folder, "warehouse.db"));
        var started = DateTime.UtcNow;

        var result = CliRunner.Run(folder, "ingest", Sample);

        Assert.Equal(1, result.ExitCode);
        Assert.Matches(@"^votes: cannot open warehouse .*warehouse\.db: it is in use by another process \(PID \d+\).*\n$", result.Stderr);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void Rejected_lines_are_reported_not_fatal_and_listed_by_the_rejects_command()
    {
        var ingest = CliRunner.Run(folder, "ingest", TestWarehouse.Fixture("dirty/not-json.jsonl"));
        Assert.Equal(0, ingest.ExitCode);
        Assert.Contains("2 rejected", ingest.Stdout);

        var rejects = CliRunner.Run(folder, "rejects", "--format", "csv");

        Assert.Equal(0, rejects.ExitCode);
        Assert.Equal(
            "FileName,LineNumber,Reason,RawText\n" +
            "\"not-json.jsonl\",2,\"line is not a JSON object\",\"this is not json\"\n" +
            "\"not-json.jsonl\",4,\"line is not a JSON object\",\"<html>502 Bad Gateway</html>\"\n",
            rejects.Stdout);
    }

    [Theory]
    [InlineData("/dev/zero")]
    [InlineData("/dev/urandom")]
    [InlineData("/dev/null")]
    [InlineData("fifo")]
    public void Only_regular_files_are_ingested_anything_else_is_a_one_line_error_before_any_work(string path)
    {
        if (path == "fifo")
        {
            path = Path.Combine(folder, "fifo");
            using var mkfifo = System.Diagnostics.Process.Start("mkfifo", path);
            mkfifo.WaitForExit();
        }

        var result = CliRunner.Run(folder, "ingest", Sample, path);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"votes: cannot ingest {path}: it is not a regular file (a device, pipe, FIFO or socket); save the data to a file first\n", result.Stderr);
        Assert.False(File.Exists(Path.Combine(folder, "warehouse.db")), "nothing is ingested, not even the good file before it");
    }

    [Theory]
    [InlineData("dangling")]
    [InlineData("loop")]
    public void A_symbolic_link_to_nothing_is_found_before_any_file_is_ingested(string kind)
    {
        var link = Path.Combine(folder, kind);
        if (kind == "dangling") File.CreateSymbolicLink(link, Path.Combine(folder, "nowhere.jsonl"));
        else
        {
            File.CreateSymbolicLink(link, Path.Combine(folder, "loop-back"));
            File.CreateSymbolicLink(Path.Combine(folder, "loop-back"), link);
        }

        var result = CliRunner.Run(folder, "ingest", Sample, link);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"votes: cannot ingest {link}: it is a symbolic link to a file that does not exist, or a loop of links\n", result.Stderr);
        Assert.False(File.Exists(Path.Combine(folder, "warehouse.db")));
    }

    [Fact]
    public void An_empty_warehouse_path_is_a_bad_argument()
    {
        var result = CliRunner.Run(folder, "ingest", Sample, "-w", "");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("votes: --warehouse is empty: give a file name, such as warehouse.db (see votes help ingest)\n", result.Stderr);
    }

    [Fact]
    public void A_damaged_warehouse_file_is_a_one_line_error_not_a_crash()
    {
        Assert.Equal(0, CliRunner.Run(folder, "ingest", Sample).ExitCode);
        var database = Path.Combine(folder, "warehouse.db");
        var bytes = File.ReadAllBytes(database);
        // Past DuckDB's file headers (the first 12 KiB), every block is garbage.
        new Random(1).NextBytes(bytes.AsSpan(12_288));
        File.WriteAllBytes(database, bytes);

        var result = CliRunner.Run(folder, "outliers");

        Assert.Equal(1, result.ExitCode);
        Assert.Matches(@"^votes: [^\n]*(damaged|not a DuckDB database)[^\n]*\n$", result.Stderr);
    }
}
