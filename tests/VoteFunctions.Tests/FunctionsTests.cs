using System.Text.Json;
using Azure.Storage.Blobs;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Testing;

namespace VoteFunctions.Tests;

/// <summary>
/// The function classes called directly with real inputs: blob streams from a real Azurite,
/// real HttpRequests. (The Functions host itself needs Core Tools, which this machine cannot
/// install; the trigger wiring is checked by AttributeTests.)
/// </summary>
[Collection(AzuriteCollection.Name)]
public class FunctionsTests(AzuriteFixture azurite)
{
    private static string Votes(int from, int to) => TestWarehouse.Votes(from, to, new DateTime(2018, 1, 1), TimeSpan.FromHours(5));

    /// <summary>Invokes IngestVotes as the trigger would: with the blob's content stream and name.</summary>
    private static async Task Trigger(Warehouse warehouse, BlobContainerClient container, string name)
    {
        await using var stream = await container.GetBlobClient(name).OpenReadAsync();
        await new IngestVotes(warehouse, NullLogger<IngestVotes>.Instance).Run(stream, name, CancellationToken.None);
    }

    private static async Task Upload(BlobContainerClient container, string path) => await new VoteContainer(container).UploadAsync(path);

    [Fact]
    public async Task A_blob_ingested_by_the_trigger_changes_the_warehouse_exactly_as_the_core_library_does()
    {
        var container = azurite.NewContainer();
        using var viaFunction = new TestWarehouse();
        using var viaLibrary = new TestWarehouse();
        var files = new[]
        {
            TestWarehouse.Fixture("sample-votes.jsonl"), TestWarehouse.Fixture("dirty/sample-votes.jsonl.gz"),
            TestWarehouse.Fixture("dirty/missing-fields.jsonl"), TestWarehouse.Fixture("dirty/bom.jsonl"),
        };
        foreach (var file in files)
        {
            await Upload(container, file);
            await Trigger(viaFunction.Warehouse, container, Path.GetFileName(file));
            await viaLibrary.Ingest(file);
        }

        Assert.Equal(Comparable(viaLibrary), Comparable(viaFunction));
        Assert.Equal(4, viaFunction.Count("SELECT count(*) FROM blog_analysis.ingested_files"));
    }

    /// <summary>Everything but the ingest timestamps.</summary>
    private static string Comparable(TestWarehouse test) => string.Join("\n", new[]
    {
        "SELECT * FROM blog_analysis.votes ORDER BY Id",
        "SELECT * EXCLUDE (IngestedAt) FROM blog_analysis.ingested_files ORDER BY FileId",
        "SELECT * FROM blog_analysis.rejected_lines ORDER BY FileId, LineNumber",
        "SELECT * FROM blog_analysis.weekly_vote_counts ORDER BY Year, WeekNumber",
    }.SelectMany(test.Query).Select(r => string.Join("|", r)));

    [Fact]
    public async Task A_blob_that_is_not_json_lines_is_recorded_as_rejected_and_not_retried()
    {
        var container = azurite.NewContainer();
        using var test = new TestWarehouse();
        await Upload(container, TestWarehouse.Fixture("dirty/binary.bin"));

        await Trigger(test.Warehouse, container, "binary.bin"); // does not throw: a retry could not help

        var ledger = Assert.Single(test.Warehouse.ListIngestedFiles());
        Assert.Equal((0L, ledger.LinesRead), (ledger.Inserted, ledger.Rejected));
    }

    [Fact]
    public async Task The_nightly_refresh_ingests_exactly_the_blobs_the_ledger_misses()
    {
        var container = azurite.NewContainer();
        using var test = new TestWarehouse();
        for (var i = 0; i < 4; i++)
            await Upload(container, test.WriteFile($"part-{i}.jsonl", Votes(1 + 300 * i, 500 + 300 * i)));
        await Trigger(test.Warehouse, container, "part-0.jsonl");
        await Trigger(test.Warehouse, container, "part-2.jsonl");
        var before = test.Warehouse.ListIngestedFiles();

        await new NightlyRefresh(test.Warehouse, NullLogger<NightlyRefresh>.Instance).Run(new TimerInfo(), container, CancellationToken.None);

        var after = test.Warehouse.ListIngestedFiles();
        Assert.Equal(before, after.Take(2));
        Assert.Equal(["part-1.jsonl", "part-3.jsonl"], after.Skip(2).Select(f => f.FileName).Order()); // in the order their downloads end
        Assert.Equal(1400, test.VoteCount);
        using var reference = new TestWarehouse();
        foreach (var i in new[] { 0, 2, 1, 3 }) await reference.Ingest(Path.Combine(test.Folder, $"part-{i}.jsonl"));
        Assert.Equal(reference.Warehouse.RefreshOutlierWeeks(), test.Warehouse.RefreshOutlierWeeks());

        // A second night finds nothing to do.
        await new NightlyRefresh(test.Warehouse, NullLogger<NightlyRefresh>.Instance).Run(new TimerInfo(), container, CancellationToken.None);
        Assert.Equal(4, test.Warehouse.ListIngestedFiles().Count);
    }

    [Fact]
    public async Task The_catch_up_ingests_the_blobs_the_trigger_missed_and_then_finds_nothing_to_do()
    {
        var container = azurite.NewContainer();
        using var test = new TestWarehouse();
        for (var i = 0; i < 3; i++)
            await Upload(container, test.WriteFile($"part-{i}.jsonl", Votes(1 + 300 * i, 500 + 300 * i)));
        await Trigger(test.Warehouse, container, "part-1.jsonl");

        var catchUp = new CatchUpMissedBlobs(test.Warehouse, NullLogger<CatchUpMissedBlobs>.Instance);
        await catchUp.Run(new TimerInfo(), container, CancellationToken.None);

        // The catch-up downloads several blobs at once: they are ingested in the order their downloads end.
        Assert.Equal(["part-0.jsonl", "part-1.jsonl", "part-2.jsonl"], test.Warehouse.ListIngestedFiles().Select(f => f.FileName).Order());
        Assert.Equal("part-1.jsonl", test.Warehouse.ListIngestedFiles()[0].FileName);
        Assert.Equal(1100, test.VoteCount);
        Assert.Equal(1100, test.Count("SELECT sum(VoteCount) FROM blog_analysis.weekly_vote_counts"));

        await catchUp.Run(new TimerInfo(), container, CancellationToken.None);
        Assert.Equal(3, test.Warehouse.ListIngestedFiles().Count);
    }

    [Fact]
    public async Task The_catch_up_logs_one_summary_line_each_run_even_when_nothing_is_missing()
    {
        var container = azurite.NewContainer();
        using var test = new TestWarehouse();
        await Upload(container, test.WriteFile("part-0.jsonl", Votes(1, 100)));
        await Trigger(test.Warehouse, container, "part-0.jsonl");
        var logger = new FakeLogger<CatchUpMissedBlobs>();

        await new CatchUpMissedBlobs(test.Warehouse, logger).Run(new TimerInfo(), container, CancellationToken.None);

        var record = Assert.Single(logger.Collector.GetSnapshot());
        Assert.Equal((LogLevel.Information, "Catch-up: 1 blobs listed, 1 already ingested, 0 already ingested under another name, 0 ingested, 0 failed"), (record.Level, record.Message));
    }

    [Fact]
    public async Task Blob_names_are_logged_with_their_control_characters_escaped()
    {
        var container = azurite.NewContainer();
        using var test = new TestWarehouse();
        var trigger = new FakeLogger<IngestVotes>();
        var catchUp = new FakeLogger<CatchUpMissedBlobs>();

        // ESC cannot be in a container listing's XML (Azurite fails it), so that name only comes by the trigger.
        var name = "evil\n2024-01-01 fake log line \u001b[31m.jsonl";
        await new IngestVotes(test.Warehouse, trigger).Run(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(Votes(1, 10))), name, CancellationToken.None);
        await container.GetBlobClient("copy\n\u202etxt.jsonl").UploadAsync(BinaryData.FromString(Votes(1, 10)));
        await new CatchUpMissedBlobs(test.Warehouse, catchUp).Run(new TimerInfo(), container, CancellationToken.None);

        Assert.StartsWith("Ingested blob evil␊2024-01-01 fake log line ␛[31m.jsonl: 10 lines read", trigger.LatestRecord.Message);
        Assert.StartsWith("Caught up blob copy␊<U+202E>txt.jsonl: already ingested as evil␊2024-01-01 fake log line ␛[31m.jsonl at ", catchUp.Collector.GetSnapshot()[0].Message);
        Assert.All(trigger.Collector.GetSnapshot().Concat(catchUp.Collector.GetSnapshot()), r => Assert.DoesNotContain(r.Message, c => c < ' ' || c == '\u202e'));
    }

    [Fact]
    public async Task A_blob_whose_content_came_under_another_name_is_downloaded_by_one_catch_up_only()
    {
        var container = azurite.NewContainer();
        using var test = new TestWarehouse();
        var original = test.WriteFile("original.jsonl", Votes(1, 300));
        await Upload(container, original);
        await container.GetBlobClient("copy.jsonl").UploadAsync(original);
        await Trigger(test.Warehouse, container, "original.jsonl");

        var first = await new VoteContainer(container).IngestMissingAsync(test.Warehouse);
        var second = await new VoteContainer(container).IngestMissingAsync(test.Warehouse);

        Assert.Equal("original.jsonl", Assert.Single(first.Ingested).AlreadyIngestedAs!.FileName);
        Assert.Equal((2, 2, 0), (second.BlobsListed, second.AlreadyInLedger, second.Ingested.Count));
        Assert.Equal(["original.jsonl"], test.Warehouse.ListIngestedFiles().Select(f => f.FileName));
        Assert.Contains(("copy.jsonl", new FileInfo(original).Length), test.Warehouse.DeliveredNames());
    }

    [Fact]
    public async Task Concurrent_blob_triggers_on_overlapping_blobs_give_exact_counts()
    {
        var container = azurite.NewContainer();
        using var test = new TestWarehouse();
        for (var i = 0; i < 6; i++)
            await Upload(container, test.WriteFile($"overlap-{i}.jsonl", Votes(1 + 400 * i, 800 + 400 * i)));

        // part 2 is delivered twice at once, as a retried trigger would.
        await Task.WhenAll(new[] { 0, 1, 2, 3, 4, 5, 2 }.Select(i => Task.Run(() => Trigger(test.Warehouse, container, $"overlap-{i}.jsonl"))));

        Assert.Equal(2800, test.VoteCount);
        Assert.Equal(6, test.Count("SELECT count(*) FROM blog_analysis.ingested_files"));
        Assert.Equal(2800, test.Count("SELECT sum(Inserted) FROM blog_analysis.ingested_files"));
        Assert.Equal(6 * 800 - 2800, test.Count("SELECT sum(Duplicates) FROM blog_analysis.ingested_files"));
        Assert.Equal(2800, test.Count("SELECT sum(VoteCount) FROM blog_analysis.weekly_vote_counts"));
    }

    private static HttpRequest Get(string query = "") => HttpRequests.Get("/api/outlier-weeks", query);

    [Fact]
    public async Task Get_outlier_weeks_returns_the_worked_example_as_json_and_as_csv()
    {
        using var test = new TestWarehouse();
        await test.Ingest(TestWarehouse.Fixture("sample-votes.jsonl"));
        var function = new GetOutlierWeeks(test.Warehouse);

        var json = Assert.IsType<ContentResult>(function.Run(Get()));
        var csv = Assert.IsType<ContentResult>(function.Run(Get("?format=csv")));

        Assert.Equal((200, "application/json; charset=utf-8"), (json.StatusCode, json.ContentType));
        Assert.Equal(
            """[{"year":2022,"weekNumber":0,"voteCount":1},{"year":2022,"weekNumber":1,"voteCount":3},{"year":2022,"weekNumber":2,"voteCount":3},""" +
            """{"year":2022,"weekNumber":5,"voteCount":1},{"year":2022,"weekNumber":6,"voteCount":1},{"year":2022,"weekNumber":8,"voteCount":1}]""" + "\n",
            json.Content);
        Assert.Equal((200, "text/csv; charset=utf-8"), (csv.StatusCode, csv.ContentType));
        Assert.Equal(File.ReadAllText(TestWarehouse.Fixture("sample-outlier-weeks.csv")).ReplaceLineEndings("\n"), csv.Content);
    }

    [Fact]
    public void The_format_is_case_insensitive()
    {
        using var test = new TestWarehouse();
        var result = Assert.IsType<ContentResult>(new GetOutlierWeeks(test.Warehouse).Run(Get("?format=CSV")));

        Assert.Equal((200, "Year,WeekNumber,VoteCount\n"), (result.StatusCode, result.Content));
    }

    [Fact]
    public void Get_outlier_weeks_with_an_unknown_format_is_a_400_with_a_clear_message()
    {
        using var test = new TestWarehouse();
        var result = Assert.IsType<ContentResult>(new GetOutlierWeeks(test.Warehouse).Run(Get("?format=xml")));

        Assert.Equal(400, result.StatusCode);
        Assert.Equal("unknown format 'xml': use format=json or format=csv\n", result.Content);
    }

    [Fact]
    public void An_unknown_format_is_quoted_back_with_its_control_characters_escaped()
    {
        using var test = new TestWarehouse();
        var result = Assert.IsType<ContentResult>(new GetOutlierWeeks(test.Warehouse).Run(Get("?format=x%0D%0Ay%1B")));

        Assert.Equal((400, "unknown format 'x␍␊y␛': use format=json or format=csv\n"), (result.StatusCode, result.Content));
    }

    [Fact]
    public void Get_outlier_weeks_on_an_empty_warehouse_is_an_empty_list()
    {
        using var test = new TestWarehouse();
        var result = Assert.IsType<ContentResult>(new GetOutlierWeeks(test.Warehouse).Run(Get()));

        Assert.Equal((200, "[]\n"), (result.StatusCode, result.Content));
        Assert.Empty(JsonSerializer.Deserialize<List<OutlierWeek>>(result.Content!)!);
    }

    [Fact]
    public async Task The_upload_command_puts_files_in_the_container_the_trigger_watches()
    {
        var container = azurite.NewContainer();
        var folder = Directory.CreateTempSubdirectory("votes-upload-").FullName;

        var result = CliRunner.Run(folder, "upload", TestWarehouse.Fixture("sample-votes.jsonl"), "--connection", azurite.ConnectionString, "--container", container.Name);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("sample-votes.jsonl: uploaded to", result.Stdout);
        var blob = container.GetBlobClient("sample-votes.jsonl");
        Assert.Equal(File.ReadAllBytes(TestWarehouse.Fixture("sample-votes.jsonl")), (await blob.DownloadContentAsync()).Value.Content.ToArray());
    }
}
