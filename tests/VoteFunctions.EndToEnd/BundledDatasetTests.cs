using System.Text;
using System.Text.RegularExpressions;
using VoteFunctions.EndToEnd.Infrastructure;
using VoteFunctions.Tests.Browser;
using Xunit.Abstractions;

namespace VoteFunctions.EndToEnd;

[Collection(BundledDatasetCollection.Name)]
public sealed class BundledDatasetTests(BundledDatasetHost fixture, ITestOutputHelper output)
{
    private FunctionsHost Host => fixture.Host;

    [Fact]
    public async Task An_empty_warehouse_answers_an_empty_json_list_a_header_only_csv_and_400_for_an_unknown_format()
    {
        var unknownFormat = await Host.GetOutlierWeeksAsync("xml");

        HostAssert.WithLog(Host, () =>
        {
            Assert.Equal(200, fixture.EmptyWarehouseJson.Status);
            Assert.Equal("[]\n", fixture.EmptyWarehouseJson.Text);
            Assert.StartsWith("application/json", fixture.EmptyWarehouseJson.ContentType);
            Assert.Equal(200, fixture.EmptyWarehouseCsv.Status);
            Assert.Equal("Year,WeekNumber,VoteCount\n", fixture.EmptyWarehouseCsv.Text);
            Assert.StartsWith("text/csv", fixture.EmptyWarehouseCsv.ContentType);
            Assert.Equal(400, unknownFormat.Status);
        });
        output.WriteLine($"host start-up (process start to Running): {Seconds(Host.StartUpTimes[0])}");
    }

    [Fact]
    public async Task The_bundled_dataset_uploaded_with_the_cli_gives_byte_for_byte_the_csv_of_the_cli_ingesting_it()
    {
        var delivery = await fixture.DatasetIngestedAsync();
        var reference = await ReferenceWarehouse.BundledDatasetAsync();

        var csv = await Host.GetOutlierWeeksAsync("csv");

        HostAssert.WithLog(Host, () =>
        {
            Assert.Equal(200, csv.Status);
            Assert.Equal(Encoding.UTF8.GetString(reference.OutlierWeeksCsv), csv.Text); // readable on failure
            Assert.Equal(reference.OutlierWeeksCsv, csv.Body);
        });
        output.WriteLine($"upload to Executed line: {Seconds(delivery.Blob.UploadToExecuted)}; upload to votes visible through GET /api/outlier-weeks: {Seconds(delivery.UploadToVisible)}");
    }

    [Fact]
    public async Task The_same_content_under_another_blob_name_changes_nothing_and_the_host_log_says_it_was_already_ingested()
    {
        var delivery = await fixture.DatasetIngestedAsync();
        var before = await Host.GetOutlierWeeksAsync("csv");

        var copy = await fixture.App.DeliverAsync(Repository.BundledDataset, "the-same-votes-under-another-name.jsonl.gz");
        var after = await Host.GetOutlierWeeksAsync("csv");

        HostAssert.WithLog(Host, () =>
        {
            Assert.StartsWith($"already ingested as {delivery.Blob.BlobName} ", Host.LastLogLineAfter($"Ingested blob {copy.BlobName}: "));
            Assert.Equal(before.Body, after.Body);
        });
        output.WriteLine($"upload to Executed line: {Seconds(copy.UploadToExecuted)}");
    }

    [Theory]
    [InlineData("an-html-error-page.html")]
    [InlineData("an-image.png")]
    public async Task A_blob_that_is_not_json_lines_has_its_lines_recorded_as_rejected_and_the_invocation_succeeds(string blobName)
    {
        var file = Path.Combine(fixture.App.Folder, blobName);
        await File.WriteAllBytesAsync(file, NotJsonLines(blobName));

        var delivery = await fixture.App.DeliverAsync(file);

        HostAssert.WithLog(Host, () =>
        {
            // Every line read is a rejected line, and the first attempt succeeded: nothing to retry.
            var log = Host.LastLogLineAfter($"Ingested blob {blobName}: ");
            Assert.NotNull(log);
            var summary = Regex.Match(log, @"^(\d+) (lines?) read, 0 inserted, 0 duplicate, \1 rejected ");
            Assert.True(summary.Success, log);
            Assert.Equal(summary.Groups[1].Value == "1" ? "line" : "lines", summary.Groups[2].Value);
            Assert.Equal(delivery.Ingest, Host.IngestInvocations(blobName)[0]);
            Assert.Contains("Executed 'Functions.IngestVotes' (Succeeded", delivery.Ingest.Executed!.Text);
        });
        output.WriteLine($"upload to Executed line: {Seconds(delivery.UploadToExecuted)}");
    }

    [Fact]
    public async Task The_chart_page_from_the_host_shows_every_week_and_the_outlier_marks_in_a_real_browser()
    {
        await fixture.DatasetIngestedAsync();
        var reference = await ReferenceWarehouse.BundledDatasetAsync();
        var weeks = reference.Warehouse.WeeklyVoteCounts().Count;
        var outliers = Encoding.UTF8.GetString(reference.OutlierWeeksCsv).TrimEnd('\n').Split('\n').Length - 1;

        HostAssert.WithLog(Host, () => ChartInBrowser.AssertShowsChart(Host.ChartUrl.ToString(), weeks, outliers));
    }

    [Fact]
    public async Task NightlyRefresh_run_through_the_admin_api_succeeds_and_changes_nothing_when_nothing_is_missing()
    {
        await fixture.DatasetIngestedAsync();
        var reference = await ReferenceWarehouse.BundledDatasetAsync();
        var before = await Host.GetOutlierWeeksAsync("json");

        var refresh = await Host.RunNightlyRefreshAsync();
        var after = await Host.GetOutlierWeeksAsync("json");

        HostAssert.WithLog(Host, () =>
        {
            Assert.True(refresh.Succeeded, refresh.Executed!.Text);
            var summary = Host.LastLogLineAfter("Nightly refresh: ");
            Assert.Contains(" 0 ingested, 0 failed;", summary);
            Assert.Contains($"; {reference.Warehouse.CountVotes().Votes} votes in ", summary);
            Assert.Equal(before.Text, after.Text);
        });
    }

    private static byte[] NotJsonLines(string blobName) => Path.GetExtension(blobName) switch
    {
        ".html" => Encoding.UTF8.GetBytes("""
            <!DOCTYPE html>
            <html>
            <head><title>502 Bad Gateway</title></head>
            <body><h1>502 Bad Gateway</h1><p>The export service is unavailable.</p></body>
            </html>

            """),
        // A PNG signature, then noise (a fixed seed: the same bytes every run).
        _ => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, .. RandomBytes(seed: 14, count: 8192)],
    };

    private static byte[] RandomBytes(int seed, int count)
    {
        var bytes = new byte[count];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static string Seconds(TimeSpan time) => $"{time.TotalSeconds:F2} s";
}
