extern alias votes;

using System.CommandLine;
using System.Security.Cryptography;

namespace VoteFunctions.Tests;

/// <summary>What a new user meets at the command line: help, mistakes, and output fit for machines.</summary>
public sealed class CliConventionTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("votes-cli-").FullName;
    private static readonly string Sample = TestWarehouse.Fixture("sample-votes.jsonl");

    public void Dispose()
    {
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }

    private (int ExitCode, string Stdout, string Stderr) Votes(params string[] args) => CliRunner.Run(folder, args);

    [Fact]
    public void An_unknown_command_is_named_with_the_list_of_commands()
    {
        var result = Votes("frobnicate");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("votes: unknown command 'frobnicate'; the commands are ingest, outliers, weeks, chart, run, rejects, files, generate, upload, export, help (see votes help)\n", result.Stderr);
    }

    [Fact]
    public void Help_explains_votes_and_each_command_with_an_example()
    {
        var general = Votes("help");
        var ingest = Votes("help", "ingest");
        var sameAsOption = Votes("ingest", "--help");

        Assert.Equal(0, general.ExitCode);
        Assert.Contains("files", general.Stdout);
        Assert.Equal(0, ingest.ExitCode);
        Assert.Contains("Examples:\n  votes ingest data/votes-2017-2021.jsonl.gz", ingest.Stdout);
        Assert.Equal(ingest.Stdout, sameAsOption.Stdout);
        Assert.Equal(2, Votes("help", "frobnicate").ExitCode);
    }

    [Theory]
    [InlineData("generate")]
    [InlineData("upload")]
    public void Options_that_do_not_apply_to_a_command_are_not_listed_in_its_help(string command)
    {
        var help = Votes(command, "--help");

        Assert.DoesNotContain("--warehouse", help.Stdout);
        Assert.Contains("Example", help.Stdout);
    }

    [Fact]
    public void A_mistyped_option_is_a_bad_argument_not_a_file_name()
    {
        var result = Votes("ingest", "--wh", "x.db", Sample);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("votes: unknown option '--wh' (see votes help ingest)\n", result.Stderr);
        Assert.False(File.Exists(Path.Combine(folder, "warehouse.db")));
    }

    [Theory]
    [InlineData("outliers", "-w", "typo.db")]
    [InlineData("rejects")]
    [InlineData("files")]
    [InlineData("export", "lake")]
    public void Reading_a_warehouse_that_does_not_exist_is_a_one_line_error_and_creates_nothing(params string[] args)
    {
        var result = Votes(args);

        Assert.Equal(1, result.ExitCode);
        Assert.Matches(@"^votes: no warehouse at .*\.db: ingest a file first, or name another with --warehouse\n$", result.Stderr);
        Assert.Empty(Directory.GetFileSystemEntries(folder));
    }

    [Fact]
    public void Rejects_of_a_file_never_ingested_says_so_and_the_path_as_ingested_is_accepted()
    {
        var notJson = TestWarehouse.Fixture("dirty/not-json.jsonl");
        Assert.Equal(0, Votes("ingest", notJson).ExitCode);

        var unknown = Votes("rejects", "--file", "nosuch.jsonl");
        var byPath = Votes("rejects", "--file", notJson, "-f", "csv");

        Assert.Equal(1, unknown.ExitCode);
        Assert.Equal("votes: no file named nosuch.jsonl was ingested (see the ledger: votes files)\n", unknown.Stderr);
        Assert.Equal(0, byPath.ExitCode);
        Assert.Equal(3, byPath.Stdout.Count(c => c == '\n'));
    }

    [Theory]
    [InlineData("csv", "Year,WeekNumber,VoteCount\n2022,0,1\n")]
    [InlineData("CSV", "Year,WeekNumber,VoteCount\n2022,0,1\n")]
    [InlineData("json", "[{\"year\":2022,\"weekNumber\":0,\"voteCount\":1},")]
    public void Run_in_a_machine_format_prints_only_the_data_on_stdout(string format, string start)
    {
        var result = Votes("run", Sample, "-f", format);

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith(start, result.Stdout);
        Assert.EndsWith("\n", result.Stdout);
        Assert.StartsWith("sample-votes.jsonl: 16 lines read", result.Stderr);
    }

    [Fact]
    public void Files_lists_the_ledger_with_the_sha256_a_person_can_check()
    {
        Assert.Equal(0, Votes("ingest", Sample).ExitCode);

        var csv = Votes("files", "-f", "csv");
        var table = Votes("files");

        Assert.Equal(0, csv.ExitCode);
        var row = csv.Stdout.Split('\n')[1].Split(',');
        Assert.Equal(["1", "\"sample-votes.jsonl\"", new FileInfo(Sample).Length.ToString()], row[..3]);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Sample))), row[3]);
        Assert.Equal(["16", "16", "0", "0"], row[5..]);
        Assert.Contains("sample-votes.jsonl", table.Stdout);
        Assert.EndsWith("1 file\n", table.Stdout);
    }

    [Fact]
    public void Files_as_json_gives_the_time_in_utc_exactly_as_csv_does()
    {
        Assert.Equal(0, Votes("ingest", Sample).ExitCode);

        var csvTime = Votes("files", "-f", "csv").Stdout.Split('\n')[1].Split(',')[4];
        var jsonTime = System.Text.Json.JsonDocument.Parse(Votes("files", "-f", "json").Stdout).RootElement[0].GetProperty("ingestedAt").GetString()!;

        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", jsonTime);
        Assert.Equal(csvTime, jsonTime);
    }

    [Theory]
    [InlineData("outliers")]
    [InlineData("ingest")]
    public void A_warehouse_that_is_a_folder_is_said_to_be_a_folder(string command)
    {
        Directory.CreateDirectory(Path.Combine(folder, "data"));

        var result = command == "ingest" ? Votes("ingest", Sample, "-w", "data") : Votes(command, "-w", "data");

        Assert.Equal((1, $"votes: cannot open warehouse {folder}/data: it is a folder; name the warehouse file in it, such as {folder}/data/warehouse.db\n"), (result.ExitCode, result.Stderr));
    }

    [Theory]
    [InlineData("--rows", "-5", "votes: --rows must be at least 1 (see votes help generate)\n")]
    [InlineData("--duplicate-rate", "2", "votes: --duplicate-rate must be between 0 and 1 (see votes help generate)\n")]
    [InlineData("--bad-rate", "-0.1", "votes: --bad-rate must be between 0 and 1 (see votes help generate)\n")]
    public void Impossible_generator_settings_are_bad_arguments(string option, string value, string message)
    {
        var result = Votes("generate", "out.jsonl", option, value);

        Assert.Equal((2, message), (result.ExitCode, result.Stderr));
        Assert.False(File.Exists(Path.Combine(folder, "out.jsonl")));
    }

    [Theory]
    [InlineData("--rows", "abc", "System.Int64")]
    [InlineData("--rows", "1e3", "System.Int64")]
    [InlineData("--rows", "", "System.Int64")]
    [InlineData("--first-id", "1.5", "System.Int64")]
    [InlineData("--seed", "99999999999", "System.Int32")]
    [InlineData("--duplicate-rate", "abc", "System.Double")]
    [InlineData("--bad-rate", "x", "System.Double")]
    public void A_generator_setting_that_is_not_a_number_is_a_bad_argument_naming_the_option_and_the_type_expected(string option, string value, string type)
    {
        var result = Votes("generate", "out.jsonl", option, value);

        Assert.Equal((2, $"votes: Cannot parse argument '{value}' for option '{option}' as expected type '{type}'. (see votes help generate)\n"), (result.ExitCode, result.Stderr));
        Assert.False(File.Exists(Path.Combine(folder, "out.jsonl")));
    }

    [Fact]
    public void Every_typed_option_of_every_command_given_a_value_that_does_not_parse_is_a_one_line_bad_argument()
    {
        List<(string Command, string[] Arguments, Option Option)> typed;
        using (var signals = new votes::VoteFunctions.Cli.ShutdownSignals())
            typed = [.. votes::Program.Commands(new votes::VoteFunctions.Cli.CliContext(signals)).Subcommands.SelectMany(command => command.Options
                .Where(option => option.ValueType != typeof(string) && option.ValueType != typeof(bool))
                .Select(option => (command.Name, command.Arguments.Where(a => a.Arity.MinimumNumberOfValues > 0).Select(_ => "x").ToArray(), option)))];
        Assert.Contains(typed, t => (t.Command, t.Option.Name) == ("generate", "--rows"));

        Assert.All(typed, t =>
        {
            var result = Votes([t.Command, .. t.Arguments, t.Option.Name, "abc"]);

            Assert.Equal((2, $"votes: Cannot parse argument 'abc' for option '{t.Option.Name}' as expected type '{t.Option.ValueType}'. (see votes help {t.Command})\n"),
                (result.ExitCode, result.Stderr));
        });
        Assert.Empty(Directory.GetFileSystemEntries(folder));
    }

    [Fact]
    public void A_rate_that_is_not_a_number_is_refused_and_rates_are_read_the_same_in_every_locale()
    {
        var notANumber = Votes("generate", "out.jsonl", "--duplicate-rate", "NaN");
        var german = Environment("de_DE.UTF-8", "generate", "de.jsonl", "--rows", "10", "--bad-rate", "0.5");
        var germanComma = Environment("de_DE.UTF-8", "generate", "de.jsonl", "--rows", "10", "--bad-rate", "0,5");

        Assert.Equal((2, "votes: --duplicate-rate must be between 0 and 1 (see votes help generate)\n"), (notANumber.ExitCode, notANumber.Stderr));
        Assert.Equal((0, "de.jsonl: 10 lines, 0.0 MB\n"), (german.ExitCode, german.Stdout));
        // A comma groups thousands, as in English: 0,5 is 5.
        Assert.Equal((2, "votes: --bad-rate must be between 0 and 1 (see votes help generate)\n"), (germanComma.ExitCode, germanComma.Stderr));
    }

    private (int ExitCode, string Stdout, string Stderr) Environment(string locale, params string[] args)
    {
        var start = CliRunner.StartInfo(folder, args);
        start.Environment["LANG"] = start.Environment["LC_ALL"] = locale;
        using var process = System.Diagnostics.Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    [Fact]
    public void Generated_ids_start_at_first_id_and_must_fit_in_64_bits()
    {
        var result = Votes("generate", "more.jsonl", "--rows", "3", "--first-id", "100001");
        var overflow = Votes("generate", "big.jsonl", "--rows", "3", "--first-id", long.MaxValue.ToString());

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["100001", "100002", "100003"], File.ReadAllLines(Path.Combine(folder, "more.jsonl")).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("Id").GetString()));
        Assert.Equal((2, $"votes: --first-id {long.MaxValue} with --rows 3 would need Ids past {long.MaxValue}, the largest a vote can have (see votes help generate)\n"), (overflow.ExitCode, overflow.Stderr));
        Assert.Contains("--first-id", Votes("help", "generate").Stdout);
        Assert.Contains("--first-id 100001", Votes("help", "generate").Stdout);
    }

    [Theory]
    [InlineData("no-such-folder/out.jsonl", "folder {0}/no-such-folder does not exist")]
    [InlineData("existing", "it is a folder; name a file in it")]
    public void Generating_into_a_folder_that_is_not_there_or_onto_a_folder_is_one_line(string output, string problem)
    {
        Directory.CreateDirectory(Path.Combine(folder, "existing"));

        var result = Votes("generate", output, "--rows", "10");

        Assert.Equal((1, $"votes: cannot write {output}: {string.Format(problem, folder)}\n"), (result.ExitCode, result.Stderr));
    }

    [Fact]
    public void Progress_into_a_file_is_a_few_plain_lines_for_a_large_file_its_name_escaped()
    {
        var big = Path.Combine(folder, "big\u001b[2J\n.jsonl");
        new VoteFileGenerator { Rows = 400_000, Seed = 9 }.WriteTo(big);
        Assert.True(new FileInfo(big).Length > 32 << 20);

        var result = Votes("ingest", big);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["big␛[2J␊.jsonl: checking and loading lines (36.9 MB)", "big␛[2J␊.jsonl: finding duplicates", "big␛[2J␊.jsonl: committing"],
            result.Stderr.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void Upload_to_storage_that_does_not_answer_says_it_is_retrying_and_fails_with_the_cause()
    {
        var result = Votes("upload", Sample, "--connection", AzuriteFixture.ConnectionStringFor(blobPort: 1, queuePort: 2));

        Assert.Equal(1, result.ExitCode);
        var lines = result.Stderr.TrimEnd('\n').Split('\n');
        Assert.All(lines[..^1], line => Assert.StartsWith("votes: no answer from 127.0.0.1:1 (", line));
        Assert.True(lines.Length >= 2, result.Stderr);
        Assert.StartsWith("votes: cannot reach storage: ", lines[^1]);
    }
}
