using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using VoteFunctions.Core.Output;
using VoteFunctions.EndToEnd.Infrastructure;
using VoteFunctions.Tests.Browser;
using Xunit.Abstractions;

namespace VoteFunctions.EndToEnd;

/// <summary>
/// A host that checks function keys, as in Azure, with two generated files delivered one after the
/// other (mostly bad lines: together more rejected lines than a page of the CLI's --app, 10,000),
/// and the CLI's warehouse of the same files, ingested in the same order.
/// </summary>
public sealed class KeyedHostWithRejectedLines : IAsyncLifetime
{
    private HostedApp? app;

    internal HostedApp App => app ?? throw new InvalidOperationException("the host did not start");
    internal FunctionsHost Host => App.Host;
    internal string Key => Host.FunctionKey!;
    internal ReferenceWarehouse Reference { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        app = await HostedApp.StartAsync("looking", checkKeys: true);
        var files = new[] { 1, 2 }.Select(seed => Path.Combine(App.Folder, $"export-{seed}.jsonl")).ToArray();
        for (var i = 0; i < files.Length; i++)
            await VotesCli.RunAsync(App.Folder, "generate", files[i], "--rows", "7000", "--seed", $"{i + 1}", "--bad-rate", "0.9", "--duplicate-rate", "0.01");
        Reference = await ReferenceWarehouse.BuildAsync(Path.Combine(App.Folder, "cli"), files);
        foreach (var file in files) await App.DeliverAsync(file);
    }

    public Task DisposeAsync()
    {
        app?.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>
/// What a user can see of a running app, which holds its warehouse: the ledger, the rejected lines
/// and the status over HTTP, the CLI's --app, the overview page.
/// </summary>
public sealed partial class LookingIntoTheAppTests(KeyedHostWithRejectedLines fixture, ITestOutputHelper output) : IClassFixture<KeyedHostWithRejectedLines>
{
    private FunctionsHost Host => fixture.Host;

    [Fact]
    public async Task The_ledger_rejected_lines_and_outliers_over_http_and_through_the_cli_are_those_of_the_cli_ingesting_the_same_files()
    {
        var (folder, key, app) = (fixture.App.Folder, fixture.Key, Host.AppUrl.ToString());
        var local = new Dictionary<string, CliResult>();
        foreach (var command in new[] { "files -f csv", "rejects -f csv", "rejects", "rejects --file export-1.jsonl -f csv", "outliers" })
            local[command] = await VotesCli.RunAsync(folder, [.. command.Split(' '), "-w", fixture.Reference.Warehouse.Path]);

        var ledger = await Host.GetAsync("/api/files?format=csv", key);
        var firstFile = await Host.GetAsync("/api/rejects?format=csv&file=export-1.jsonl&limit=10000", key);
        var firstPage = await Host.GetAsync("/api/rejects?format=csv", key);
        var withoutKey = await Host.GetAsync("/api/files");
        var environment = new Dictionary<string, string> { ["VOTES_APP_URL"] = app, ["VOTES_APP_KEY"] = key };
        var rejectsCsv = await VotesCli.RunAllowingFailureAsync(folder, new Dictionary<string, string>(), "rejects", "-f", "csv", "--app", app, "--key", key);
        var rejectsTable = await VotesCli.RunAllowingFailureAsync(folder, environment, "rejects");
        var outliers = await VotesCli.RunAllowingFailureAsync(folder, environment, "outliers");
        var fromTheFile = await VotesCli.RunAllowingFailureAsync(folder, new Dictionary<string, string>(), "rejects", "-w", Host.Warehouse.Path);

        HostAssert.WithLog(Host, () =>
        {
            Assert.Equal(401, withoutKey.Status);
            // The same ledger, but for when each file was ingested.
            Assert.Equal(WithoutTimes(local["files -f csv"].Text), WithoutTimes(ledger.Text));
            Assert.Equal(local["rejects --file export-1.jsonl -f csv"].Text, firstFile.Text);
            Assert.Equal(local["rejects --file export-1.jsonl -f csv"].StandardOutput, firstFile.Body);
            Assert.Null(firstFile.Link);
            // The default page: the listing's first 1,000 lines, and a link to the next page.
            Assert.Equal(string.Concat(local["rejects -f csv"].Text.Split('\n').Take(1 + 1000).Select(line => line + "\n")), firstPage.Text);
            Assert.Matches("""^</api/rejects\?format=csv&after=1%3A\d+>; rel="next"$""", firstPage.Link);
            Assert.True(local["rejects -f csv"].Text.Count(c => c == '\n') > 1 + 10_000, "more rejected lines than a page of the CLI");

            foreach (var (fromApp, expected) in new[] { (rejectsCsv, local["rejects -f csv"]), (rejectsTable, local["rejects"]), (outliers, local["outliers"]) })
            {
                Assert.Equal((0, ""), (fromApp.ExitCode, fromApp.StandardError));
                Assert.Equal(expected.Text, fromApp.Text);
            }
            // The warehouse file itself is the app's: the CLI says how to read it.
            Assert.Equal(1, fromTheFile.ExitCode);
            Assert.Contains("in use by another process", fromTheFile.StandardError);
            Assert.Contains("read it through the app: --app URL (or VOTES_APP_URL)", fromTheFile.StandardError);
        });
    }

    [Fact]
    public async Task The_status_shows_what_the_warehouse_holds_and_the_last_catch_up_and_the_overview_page_shows_it_in_a_browser()
    {
        var reference = fixture.Reference.Warehouse;

        var catchUp = await Host.RunCatchUpAsync();
        var status = await Host.GetAsync("/api/status", fixture.Key);
        var overview = HeadlessChromium.Open($"{Host.AppUrl}api/overview?code={fixture.Key}", height: 2400);

        HostAssert.WithLog(Host, () =>
        {
            Assert.True(catchUp.Succeeded, catchUp.Executed!.Text);
            Assert.Equal(200, status.Status);
            var json = JsonDocument.Parse(status.Body).RootElement;
            Assert.Equal((reference.CountVotes().Votes, 2L, reference.RejectedLines()),
                (json.GetProperty("votes").GetInt64(), json.GetProperty("files").GetInt64(), json.GetProperty("rejected").GetInt64()));
            Assert.Equal(reference.WeeklyVoteCounts().Count, json.GetProperty("weeks").GetInt32());
            Assert.Equal("export-2.jsonl", json.GetProperty("lastIngest").GetProperty("fileName").GetString());
            var lastCatchUp = json.GetProperty("lastCatchUp");
            Assert.Equal((2, 2, 0), (lastCatchUp.GetProperty("blobsListed").GetInt32(), lastCatchUp.GetProperty("alreadyIngested").GetInt32(), lastCatchUp.GetProperty("ingested").GetInt32()));
            Assert.Equal(0, json.GetProperty("pendingBlobs").GetProperty("count").GetInt32());

            overview.AssertNotBlank();
            overview.AssertNoConsoleMessages();
            Assert.Equal(reference.WeeklyVoteCounts().Count, Regex.Count(overview.Dom, "class=\"week[ \"]"));
            Assert.Contains($"<li><b>{reference.CountVotes().Votes.ToString("N0", CultureInfo.InvariantCulture)}</b>votes</li>", overview.Dom);
            Assert.Contains("<td>export-1.jsonl</td>", overview.Dom);
            Assert.Equal(OverviewPage.RejectedLinesShown, Regex.Count(overview.Dom, "<tr><td>export-2.jsonl</td><td class=\"n\">"));
        });
        output.WriteLine($"host start-up with key checks: {Host.StartUpTimes[0].TotalSeconds:F2} s");
    }

    /// <summary>The ledger's CSV with its IngestedAt column blanked.</summary>
    private static string WithoutTimes(string csv) => IngestedAt().Replace(csv, ",,");

    [GeneratedRegex(@",\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z,")]
    private static partial Regex IngestedAt();
}
