namespace VoteFunctions.Tests;

/// <summary>
/// A warehouse with votes and more rejected lines than one page of GET /api/rejects (12,000 from
/// two files), the reading commands' output from the file, and then the same warehouse held by
/// this process and served over HTTP by the app's functions, with a function key.
/// </summary>
public sealed class AppCliFixture : IAsyncLifetime
{
    public const string Key = "test-function-key";

    /// <summary>The reading commands compared, each as its arguments.</summary>
    public static readonly string[] Commands =
    [
        "outliers", "weeks -f json", "files", "files -f json",
        "rejects", "rejects -f csv", "rejects -f json", "rejects --file not-json.jsonl -f csv",
    ];

    public string Folder { get; } = Directory.CreateTempSubdirectory("votes-app-cli-").FullName;
    public string WarehousePath => Path.Combine(Folder, "warehouse.db");
    public Dictionary<string, (int ExitCode, string Stdout, string Stderr)> FromFile { get; } = [];
    public string ChartFromFile { get; private set; } = "";
    public AppOverHttp App { get; private set; } = null!;
    private Warehouse? warehouse;

    public async Task InitializeAsync()
    {
        var bad = new[] { 1, 2 }.Select(seed =>
        {
            var path = Path.Combine(Folder, $"bad-{seed}.jsonl");
            new VoteFileGenerator { Rows = 6_000, Seed = seed, BadLineRate = 1 }.WriteTo(path);
            return path;
        });
        var ingest = CliRunner.Run(Folder, ["ingest", TestWarehouse.Fixture("sample-votes.jsonl"), TestWarehouse.Fixture("dirty/not-json.jsonl"), .. bad]);
        Assert.Equal(0, ingest.ExitCode);
        foreach (var command in Commands.Append("rejects --file nosuch.jsonl")) FromFile[command] = CliRunner.Run(Folder, command.Split(' '));
        Assert.Equal(0, CliRunner.Run(Folder, "chart", "-o", "from-file.html").ExitCode);
        ChartFromFile = await File.ReadAllTextAsync(Path.Combine(Folder, "from-file.html"));

        warehouse = Warehouse.Open(WarehousePath);
        App = await AppOverHttp.StartAsync(warehouse, Key);
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        warehouse?.Dispose();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}

/// <summary>The reading commands with --app: the same output from a running app as from the warehouse file.</summary>
public sealed class AppCliTests(AppCliFixture fixture) : IClassFixture<AppCliFixture>
{
    private string App => fixture.App.Address.ToString();

    private (int ExitCode, string Stdout, string Stderr) Votes(params string[] args) => CliRunner.Run(fixture.Folder, args);

    public static TheoryData<string> Commands => new(AppCliFixture.Commands);

    [Theory]
    [MemberData(nameof(Commands))]
    public void A_reading_command_prints_from_a_running_app_exactly_what_it_prints_from_the_warehouse_file(string command)
    {
        var fromApp = Votes([.. command.Split(' '), "--app", App, "--key", AppCliFixture.Key]);

        var fromFile = fixture.FromFile[command];
        Assert.Equal(0, fromFile.ExitCode);
        Assert.Equal((0, fromFile.Stdout, ""), (fromApp.ExitCode, fromApp.Stdout, fromApp.Stderr));
    }

    [Fact]
    public void The_rejected_lines_compared_are_more_than_one_page_of_the_app()
    {
        var csv = fixture.FromFile["rejects -f csv"].Stdout;

        // A header, the 4 lines of not-json.jsonl (2 not JSON, 2 votes whose Ids the sample has with
        // other content) and 6,000 lines from each generated file: two pages of the app.
        Assert.Equal(1 + 4 + 12_000, csv.Count(c => c == '\n'));
    }

    [Fact]
    public void The_chart_from_a_running_app_is_the_chart_from_the_file()
    {
        var result = Votes("chart", "-o", "from-app.html", "--app", App, "--key", AppCliFixture.Key);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(fixture.ChartFromFile, File.ReadAllText(Path.Combine(fixture.Folder, "from-app.html")));
    }

    [Fact]
    public void The_app_and_its_key_can_come_from_the_environment_and_a_named_warehouse_file_wins_over_it()
    {
        var environment = new Dictionary<string, string> { ["VOTES_APP_URL"] = App, ["VOTES_APP_KEY"] = AppCliFixture.Key };

        var fromApp = CliRunner.Run(fixture.Folder, environment, "files", "-f", "json");
        var fromFile = CliRunner.Run(fixture.Folder, environment, "files", "-w", fixture.WarehousePath);

        Assert.Equal((0, fixture.FromFile["files -f json"].Stdout), (fromApp.ExitCode, fromApp.Stdout));
        // The file is held by this test process: the error shows that the file was asked for.
        Assert.Equal(1, fromFile.ExitCode);
        Assert.Contains("in use by another process", fromFile.Stderr);
    }

    [Fact]
    public void An_unknown_file_is_the_same_one_line_error_from_the_app_as_from_the_file()
    {
        var fromApp = Votes("rejects", "--file", "nosuch.jsonl", "--app", App, "--key", AppCliFixture.Key);

        Assert.Equal(fixture.FromFile["rejects --file nosuch.jsonl"], fromApp);
        Assert.Equal((1, "votes: no file named nosuch.jsonl was ingested (see the ledger: votes files)\n"), (fromApp.ExitCode, fromApp.Stderr));
    }

    [Fact]
    public void A_missing_or_wrong_key_is_a_one_line_error_that_says_which()
    {
        var missing = Votes("outliers", "--app", App);
        var wrong = Votes("outliers", "--app", App, "--key", "not-the-key");

        Assert.Equal((1, "", $"votes: the app at {App} wants a function key (401 Unauthorized): give it with --key or VOTES_APP_KEY\n"), missing);
        Assert.Equal((1, "", $"votes: the app at {App} refused the function key given (401 Unauthorized)\n"), wrong);
    }

    [Fact]
    public void An_address_that_is_not_the_app_s_is_a_one_line_error_that_says_what_is_missing()
    {
        var result = Votes("files", "--app", App + "somewhere-else", "--key", AppCliFixture.Key);

        Assert.Equal((1, "", $"votes: the app at {App}somewhere-else/ has no /somewhere-else/api/files (404 Not Found): is it a VoteFunctions app of this version?\n"), result);
    }

    [Fact]
    public void An_app_that_is_not_running_is_a_one_line_error()
    {
        var result = Votes("weeks", "--app", "http://127.0.0.1:9/");

        Assert.Equal(1, result.ExitCode);
        Assert.Matches(@"^votes: cannot reach the app at http://127\.0\.0\.1:9/: .* \(is it running, at that address\?\)\n$", result.Stderr);
    }

    [Fact]
    public void A_warehouse_file_held_by_another_process_is_an_error_that_says_to_read_it_through_the_app()
    {
        var result = Votes("rejects");

        Assert.Equal(1, result.ExitCode);
        Assert.Matches(@"^votes: cannot open warehouse .*warehouse\.db: it is in use by another process \(PID \d+\); .*; if a running Functions app holds it, read it through the app: --app URL \(or VOTES_APP_URL\)\n$", result.Stderr);
    }

    [Theory]
    [InlineData("--app and --warehouse name two warehouses: give one", "files", "--app", "http://127.0.0.1:7071", "-w", "w.db")]
    [InlineData("--app must be the app's http or https address, such as http://127.0.0.1:7071, not 'localhost:7071'", "outliers", "--app", "localhost:7071")]
    [InlineData("--app must be the app's http or https address, such as http://127.0.0.1:7071, not 'ftp://host'", "weeks", "--app", "ftp://host")]
    [InlineData("--key is the function key of an app: give it with --app URL (or VOTES_APP_URL)", "rejects", "--key", "k")]
    public void App_options_that_cannot_be_right_are_bad_arguments(string error, params string[] args)
    {
        var result = Votes(args);

        Assert.Equal((2, ""), (result.ExitCode, result.Stdout));
        Assert.Equal($"votes: {error} (see votes help {args[0]})\n", result.Stderr);
    }

    [Fact]
    public void An_address_in_the_environment_that_is_not_http_is_a_bad_argument_and_help_never_shows_the_key()
    {
        var environment = new Dictionary<string, string> { ["VOTES_APP_URL"] = "127.0.0.1:7071", ["VOTES_APP_KEY"] = "a-secret-key" };

        var result = CliRunner.Run(fixture.Folder, environment, "files");
        var help = CliRunner.Run(fixture.Folder, environment, "files", "--help");

        Assert.Equal((2, "votes: VOTES_APP_URL must be the app's http or https address, such as http://127.0.0.1:7071, not '127.0.0.1:7071' (see votes help files)\n"), (result.ExitCode, result.Stderr));
        Assert.Contains("--app <URL>", help.Stdout);
        Assert.DoesNotContain("a-secret-key", help.Stdout);
    }
}
